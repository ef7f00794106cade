"""Schemas of the statistics endpoint (API.md, "Statistics"; SPEC §7)."""

from marshmallow import Schema, fields, pre_load

from penalties.api.fields import Day, In, Str, length


class StatsArgs(In):
    date_from = Day(load_default=None, data_key="from")
    date_to = Day(load_default=None, data_key="to")
    unit = Str(load_default=None, validate=length(32))
    sector = Str(load_default=None, validate=length(40))

    @pre_load
    def _blank_is_absent(self, data, **kwargs):
        """`?from=&unit=` (API.md writes the query so) means no date and every unit."""
        return {key: data[key] for key in data if data[key] != ""}


class FiguresOut(Schema):
    """The headline figures; rates are in [0, 1], or null when their denominator is 0."""

    cases = fields.Integer()
    decisions = fields.Integer()
    dismissed = fields.Integer()
    warnings = fields.Integer()
    fines_imposed = fields.Integer()
    fines_collected = fields.Integer()
    fines_reduced = fields.Integer()
    collection_rate = fields.Float(allow_none=True)
    decided_on_time = fields.Integer()
    decided_on_time_rate = fields.Float(allow_none=True)
    lapsed = fields.Integer()
    overdue = fields.Integer()
    enforced = fields.Integer()
    appeals_filed = fields.Integer()
    appeals_resolved = fields.Integer()
    appeals_resolved_on_time = fields.Integer()
    appeals_resolved_on_time_rate = fields.Float(allow_none=True)
    annulled = fields.Integer()


class UnitFiguresOut(FiguresOut):
    code = fields.String()
    name = fields.String()
    own = fields.Boolean(metadata={"description": "true: the records made by the chosen unit itself"})


class SectorFiguresOut(FiguresOut):
    code = fields.String()
    name = fields.String()


class MonthFiguresOut(FiguresOut):
    month = fields.String(metadata={"description": "YYYY-MM"})


class ActCountOut(Schema):
    code = fields.String()
    sector = fields.String()
    cases = fields.Integer()


class StatsOut(FiguresOut):
    date_from = fields.Date(data_key="from")
    date_to = fields.Date(data_key="to")
    unit = fields.String(allow_none=True)
    sector = fields.String(allow_none=True)
    by_unit = fields.List(fields.Nested(UnitFiguresOut))
    by_sector = fields.List(fields.Nested(SectorFiguresOut))
    by_month = fields.List(fields.Nested(MonthFiguresOut))
    top_acts = fields.List(fields.Nested(ActCountOut))
