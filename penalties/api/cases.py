"""Cases through the API (API.md, "Cases"): record, list, read, dismiss."""

from penalties.api import ApiBlueprint
from penalties.api.case_schemas import CaseIn, CaseListArgs, CaseOut, CaseSummaryOut, DismissIn
from penalties.api.schemas import page_of
from penalties.api.scope import path_objects_visible
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, dismiss_case, record_case
from penalties.cases.queries import CaseFilters, check_filters, get_case_for, search_cases
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.extensions import db
from penalties.workdays.queries import work_calendar

blp = ApiBlueprint("api_cases", __name__, description="Biên bản vi phạm hành chính / cases")


def _input(body: dict, now) -> CaseInput:
    return CaseInput(
        unit=body["unit"],
        violator=ViolatorInput(**body["violator"]),
        violations=[
            ViolationInput(act=v["act"], ended_on=v["ended_on"], intentional=v["intentional"])
            for v in body["violations"]
        ],
        detected_at=body["detected_at"],
        recorded_at=body["recorded_at"] or now,
        location_unit=body["location"]["unit"],
        location_address=body["location"]["address"],
        description=body["description"],
        witnesses=body["witnesses"],
        mitigating=body["mitigating"],
        aggravating=body["aggravating"],
        needs_explanation=body["needs_explanation"],
        very_complex=body["very_complex"],
        complex_record=body["complex_record"],
    )


@blp.route("/cases", methods=["POST"])
@permission_required(Permission.RECORD_CASE)
@blp.arguments(CaseIn)
@blp.response(201, CaseOut)
def create(body):
    """Record a case: number, deadlines and proposed fines (SPEC §2, §3); 422 limitation_expired."""
    now = utcnow()
    case = record_case(_input(body, now), [], actor=acting_user(), now=now, calendar=work_calendar())
    db.session.commit()
    return case


@blp.route("/cases", methods=["GET"])
@permission_required(Permission.VIEW_CASES)
@blp.arguments(CaseListArgs, location="query")
@blp.response(200, page_of(CaseSummaryOut))
def index(args):
    """Search cases; `q` matches name, ID number, address or number without regard to diacritics."""
    limit = min(max(args.pop("limit"), 1), 200)
    cursor = args.pop("cursor")
    filters = CaseFilters(**args)
    check_filters(filters)
    page = search_cases(acting_user(), filters, cursor, limit)
    return {"items": page.items, "next_cursor": page.next_cursor}


@blp.route("/cases/<int:case_id>", methods=["GET"])
@permission_required(Permission.VIEW_CASES)
@path_objects_visible
@blp.response(200, CaseOut)
def detail(case_id: int):
    """Read a case with its violations, deadlines, decision and timeline."""
    return get_case_for(acting_user(), case_id)


@blp.route("/cases/<int:case_id>/dismiss", methods=["POST"])
@permission_required(Permission.DISMISS_CASE)
@path_objects_visible
@blp.arguments(DismissIn)
@blp.response(200, CaseOut)
def dismiss(body, case_id: int):
    """Close a case without a decision (Law Art. 65); 409 if already decided or dismissed."""
    case = get_case_for(acting_user(), case_id)
    today = local_today(utcnow())
    dismiss_case(case, body["reason"], body["dismissed_on"] or today, actor=acting_user(), today=today)
    db.session.commit()
    return case
