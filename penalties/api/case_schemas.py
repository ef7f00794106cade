"""Schemas of the cases endpoints (API.md, "Cases")."""

from marshmallow import Schema, fields, validate

from penalties.api.fields import N_, Bool, Day, In, List, Moment, Nested, Str, length
from penalties.cases.queries import evidence_of, timeline_of


class ViolatorIn(In):
    kind = Str(
        required=True,
        validate=validate.OneOf(("individual", "organization"), error=N_("Phải là individual hoặc organization.")),
    )
    name = Str(required=True, validate=length(200))
    id_number = Str(required=True, validate=length(32))
    birth_date = Day(load_default=None, allow_none=True)
    address = Str(required=True, validate=length(300))
    representative = Str(load_default=None, allow_none=True, validate=length(200, 0))


class ViolationIn(In):
    act = Str(required=True, validate=length(40))
    ended_on = Day(required=True, allow_none=True)
    intentional = Bool(load_default=None, allow_none=True)  # required for a violator aged 14 to under 16


class LocationIn(In):
    unit = Str(required=True, validate=length(32))
    address = Str(required=True, validate=length(300))


class CaseIn(In):
    unit = Str(required=True, validate=length(32))
    violator = Nested(ViolatorIn, required=True)
    violations = List(
        Nested(ViolationIn), required=True, validate=validate.Length(min=1, max=20, error=N_("Từ 1 đến 20 hành vi."))
    )
    detected_at = Moment(required=True)
    recorded_at = Moment(load_default=None, allow_none=True)
    location = Nested(LocationIn, required=True)
    description = Str(required=True, validate=length(5000))
    witnesses = Str(load_default="", validate=length(2000, 0))
    mitigating = List(Str(validate=length(16)), load_default=list)
    aggravating = List(Str(validate=length(16)), load_default=list)
    needs_explanation = Bool(load_default=False)
    very_complex = Bool(load_default=False)
    complex_record = Bool(load_default=False)


class DismissIn(In):
    reason = Str(required=True, validate=length(1000))
    dismissed_on = Day(load_default=None, allow_none=True)


class CaseListArgs(In):
    status = fields.String(load_default=None)
    unit = fields.String(load_default=None)
    sector = fields.String(load_default=None)
    act = fields.String(load_default=None)
    q = fields.String(load_default=None)
    date_from = Day(load_default=None, data_key="from")
    date_to = Day(load_default=None, data_key="to")
    sort = fields.String(load_default="-recorded")
    limit = fields.Integer(load_default=50)
    cursor = fields.String(load_default=None)


class ProposedFineOut(Schema):
    act = fields.Function(lambda v: v.act.code)
    legal_basis = fields.Function(lambda v: v.act.legal_basis)
    fine_min = fields.Integer()
    fine_max = fields.Integer()
    amount = fields.Integer(attribute="proposed_amount")
    warning_only = fields.Boolean()
    no_sanction = fields.Boolean()
    intentional = fields.Boolean(allow_none=True)
    basis = fields.String()
    ended_on = fields.Date(allow_none=True)
    violated_on = fields.Date()
    limitation_expires = fields.Date(attribute="limitation_expires_on")


class DeadlinesOut(Schema):
    record_due = fields.Date(attribute="record_due_on", allow_none=True)
    decision_due = fields.Date(attribute="decision_due_on")
    limitation_expires = fields.Date(attribute="limitation_expires_on")


class CaseSummaryOut(Schema):
    id = fields.Integer()
    number = fields.String()
    status = fields.String()
    unit = fields.Function(lambda c: c.unit.code)
    violator = fields.Function(
        lambda c: {"kind": c.violator.kind, "name": c.violator.name, "id_number": c.violator.id_number}
    )
    recorded_at = fields.AwareDateTime()
    repeat_offender = fields.Boolean()
    deadlines = fields.Function(lambda c: DeadlinesOut().dump(c))
    proposed_total = fields.Function(lambda c: sum(v.proposed_amount for v in c.violations))


class CaseOut(CaseSummaryOut):
    violator = fields.Dict(attribute="violator_snapshot")
    detected_at = fields.AwareDateTime()
    location = fields.Function(lambda c: {"unit": c.location_unit.code, "address": c.location_address})
    description = fields.String()
    witnesses = fields.String()
    mitigating = fields.Function(lambda c: [x.code for x in c.circumstances if x.kind == "mitigating"])
    aggravating = fields.Function(lambda c: [x.code for x in c.circumstances if x.kind == "aggravating"])
    needs_explanation = fields.Boolean()
    very_complex = fields.Boolean()
    proposed_fines = fields.Function(lambda c: ProposedFineOut(many=True).dump(c.violations))
    violations = fields.Function(lambda c: ProposedFineOut(many=True).dump(c.violations))
    dismissed_on = fields.Date(allow_none=True)
    dismissal_reason = fields.String(allow_none=True)
    evidence = fields.Function(lambda c: evidence_of(c))
    decision = fields.Function(lambda c: None)
    timeline = fields.Function(lambda c: [{**t, "at": t["at"].isoformat()} for t in timeline_of(c)])
