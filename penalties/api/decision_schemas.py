"""Schemas of the decisions endpoints (API.md, "Decisions")."""

from marshmallow import Schema, fields, validate

from penalties.api.fields import N_, Bool, Day, In, Int, List, Nested, Str, length, not_negative


class FineIn(In):
    act = Str(required=True, validate=length(40))
    amount = Int(required=True, validate=not_negative())
    reason = Str(load_default="", validate=length(1000, 0))


class DecisionIn(In):
    signer = Str(load_default=None, allow_none=True, validate=length(64))
    issued_on = Day(load_default=None, allow_none=True)
    delivered_on = Day(load_default=None, allow_none=True)
    delivery_method = Str(load_default="in_person", validate=length(16))
    warning = Bool(load_default=False)
    fines = List(Nested(FineIn), load_default=None, allow_none=True)
    additional_sanctions = List(Str(validate=length(500)), load_default=None, allow_none=True)
    remedial_measures = List(Str(validate=length(500)), load_default=None, allow_none=True)


class DeliveryIn(In):
    delivered_on = Day(required=True)
    method = Str(
        required=True,
        validate=validate.OneOf(
            ("in_person", "post", "electronic", "posted_publicly"), error=N_("Hình thức giao không hợp lệ.")
        ),
    )
    note = Str(load_default="", validate=length(1000, 0))


class OnArgs(In):
    on = Day(load_default=None)


class LineOut(Schema):
    act = fields.Function(lambda line: line.act.code)
    legal_basis = fields.Function(lambda line: line.act.legal_basis)
    fine_min = fields.Integer()
    fine_max = fields.Integer()
    proposed = fields.Integer(attribute="proposed_amount")
    amount = fields.Integer()
    basis = fields.String()
    reason = fields.String()


class DueOut(Schema):
    due_on = fields.Date()
    amount = fields.Integer()


class DecisionOut(Schema):
    id = fields.Integer()
    number = fields.String()
    kind = fields.String()
    case_id = fields.Integer()
    unit = fields.String()
    status = fields.String()
    issued_on = fields.Date()
    delivered_on = fields.Date(allow_none=True)
    signer = fields.String()
    signer_name = fields.String()
    delegation = fields.String(allow_none=True)
    warning = fields.Boolean()
    fine_total = fields.Integer()
    fine_total_in_force = fields.Integer()
    reduced = fields.Integer()
    lines = fields.List(fields.Nested(LineOut))
    additional_sanctions = fields.List(fields.String())
    remedial_measures = fields.List(fields.String())
    payment_due = fields.Date(allow_none=True)
    paid_total = fields.Integer()
    late_fee = fields.Integer()
    outstanding = fields.Integer()
    principal_paid = fields.Integer()
    late_fee_paid = fields.Integer()
    refund_due = fields.Integer()
    execution_expires = fields.Date(allow_none=True)
    postponed_until = fields.Date(allow_none=True)
    execution_suspended = fields.Boolean()
    next_due = fields.Nested(DueOut, allow_none=True)
    as_of = fields.Date()
    pdf_url = fields.String()
    sha256 = fields.String()
    verification_code = fields.String(allow_none=True)
    replaced_by = fields.Integer(allow_none=True)
    amends = fields.Integer(allow_none=True)


class VerifyOut(Schema):
    number = fields.String()
    issued_on = fields.Date()
    unit = fields.String()
    status = fields.String()
