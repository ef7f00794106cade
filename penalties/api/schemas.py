"""Request and response schemas of the API (API.md)."""

from marshmallow import Schema, fields

from penalties.api.fields import Bool, Day, In, Int, List, Nested, Str, length, not_negative


class ErrorDetail(Schema):
    """What went wrong: a code, a message in the caller's language, the legal basis, the fields at fault."""

    code = fields.String(required=True, metadata={"example": "fine_out_of_range"})
    message = fields.String(required=True)
    article = fields.String(metadata={"description": "legal basis, when the law is the reason"})
    fields_ = fields.Dict(keys=fields.String(), values=fields.String(), data_key="fields")


class ErrorOut(Schema):
    """Every error answer of the API (API.md, Conventions): {"error": {...}}."""

    error = fields.Nested(ErrorDetail, required=True)


class TokenIn(In):
    username = Str(required=True, validate=length(64))
    password = Str(required=True, validate=length(256))


class TokenOut(Schema):
    token = fields.String()
    expires_at = fields.AwareDateTime()


class UnitIn(In):
    code = Str(required=True, validate=length(32))
    name = Str(required=True, validate=length(200))
    level = Str(required=True, validate=length(16))
    parent_code = Str(load_default=None, allow_none=True, validate=length(32))
    valid_from = Day(load_default=None, allow_none=True)
    valid_to = Day(load_default=None, allow_none=True)
    successors = List(Str(validate=length(32)), load_default=list, validate=length(50, 0))
    successor_code = Str(load_default=None, allow_none=True, validate=length(32))


class UnitOut(Schema):
    code = fields.String()
    name = fields.String()
    level = fields.String()
    parent_code = fields.Function(lambda u: u.parent.code if u.parent else None)
    valid_from = fields.Date(allow_none=True, metadata={"description": "open (null): in force since ever"})
    valid_to = fields.Date(allow_none=True, metadata={"description": "open (null): in force for ever"})
    successors = fields.Function(lambda u: [s.code for s in u.successors])
    active = fields.Boolean()


class DelegationIn(In):
    number = Str(required=True, validate=length(64))
    date = Day(required=True)


class UserIn(In):
    username = Str(required=True, validate=length(64, 2))
    password = Str(required=True, validate=length(256))
    role = Str(required=True, validate=length(16))
    unit = Str(load_default=None, allow_none=True, validate=length(32))
    position = Str(load_default=None, allow_none=True, validate=length(32))
    full_name = Str(load_default="", validate=length(200, 0))
    title = Str(load_default=None, allow_none=True, validate=length(100, 0))
    delegation = Nested(DelegationIn, load_default=None, allow_none=True)


class UserOut(Schema):
    id = fields.Integer()
    username = fields.String()
    full_name = fields.String()
    role = fields.String()
    unit = fields.Function(lambda u: u.unit.code if u.unit else None)
    position = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    delegation = fields.Function(
        lambda u: {"number": u.delegation_number, "date": u.delegation_on.isoformat()} if u.delegation_number else None
    )
    active = fields.Boolean()


class SectorOut(Schema):
    code = fields.String()
    name = fields.String()
    limitation_years = fields.Integer()
    max_fine_individual = fields.Integer()
    max_fine_organisation = fields.Function(lambda s: s.max_fine_organisation or 2 * s.max_fine_individual)


class CircumstanceOut(Schema):
    code = fields.String()
    kind = fields.String()
    text = fields.String()
    article = fields.String()


class ActIn(In):
    code = Str(required=True, validate=length(40))
    sector = Str(required=True, validate=length(40))
    legal_basis = Str(required=True, validate=length(300))
    description = Str(required=True, validate=length(5000))
    fine_min = Int(required=True, validate=not_negative())
    fine_max = Int(required=True, validate=not_negative())
    org_fine_min = Int(load_default=None, allow_none=True, validate=not_negative())
    org_fine_max = Int(load_default=None, allow_none=True, validate=not_negative())
    warning_allowed = Bool(load_default=False)
    additional_sanctions = List(Str(validate=length(500)), load_default=list)
    remedial_measures = List(Str(validate=length(500)), load_default=list)
    valid_from = Day(load_default=None, allow_none=True)
    valid_to = Day(load_default=None, allow_none=True)
    # The act's own limitation (Law Art. 6(1)); absent or null: its sector's (SPEC v2 §2, §5).
    limitation_years = Int(load_default=None, allow_none=True)


class ActOut(Schema):
    id = fields.Integer()
    code = fields.String()
    sector = fields.Function(lambda a: a.sector.code)
    legal_basis = fields.String()
    description = fields.String()
    fine_min = fields.Integer()
    fine_max = fields.Integer()
    org_fine_min = fields.Integer()
    org_fine_max = fields.Integer()
    warning_allowed = fields.Boolean()
    additional_sanctions = fields.List(fields.String())
    remedial_measures = fields.List(fields.String())
    valid_from = fields.Date()
    valid_to = fields.Date(allow_none=True)
    limitation_years = fields.Integer(attribute="limitation", metadata={"description": "the act's, else its sector's"})
    active = fields.Boolean()


class ListArgs(In):
    limit = fields.Integer(load_default=50)
    cursor = fields.String(load_default=None)


class ActListArgs(ListArgs):
    sector = fields.String(load_default=None)
    q = fields.String(load_default=None)
    on = Day(load_default=None)


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """Return the list envelope of API.md for items of a schema."""
    return type(
        f"{item_schema.__name__}Page",
        (Schema,),
        {"items": fields.List(fields.Nested(item_schema)), "next_cursor": fields.String(allow_none=True)},
    )
