"""Reference data: units, sectors, circumstances, the catalogue of acts (API.md)."""

import sqlalchemy as sa

from penalties.api import ApiBlueprint
from penalties.api.schemas import (
    ActIn,
    ActListArgs,
    ActOut,
    CircumstanceOut,
    SectorOut,
    UnitIn,
    UnitOut,
    page_of,
)
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.catalogue.models import Circumstance, Sector
from penalties.catalogue.operations import ActInput, create_act
from penalties.catalogue.queries import search_acts
from penalties.extensions import db
from penalties.units.models import Unit
from penalties.units.operations import UnitInput, create_unit

blp = ApiBlueprint("api_reference", __name__, description="Dữ liệu tham chiếu / reference data")


def _all(model, order) -> dict:
    return {"items": list(db.session.scalars(sa.select(model).order_by(order))), "next_cursor": None}


@blp.route("/units", methods=["GET"])
@permission_required(Permission.VIEW_REFERENCE)
@blp.response(200, page_of(UnitOut))
def units():
    """List the units (the tree: each names its parent)."""
    return _all(Unit, Unit.code)


@blp.route("/units", methods=["POST"])
@permission_required(Permission.MANAGE_UNITS)
@blp.arguments(UnitIn)
@blp.response(201, UnitOut)
def create_unit_(body):
    """Create a unit (admin)."""
    unit = create_unit(UnitInput(**body), actor=acting_user())
    db.session.commit()
    return unit


@blp.route("/sectors", methods=["GET"])
@permission_required(Permission.VIEW_REFERENCE)
@blp.response(200, page_of(SectorOut))
def sectors():
    """List the sectors with their limitation period and maximum fine (SPEC §5)."""
    return _all(Sector, Sector.code)


@blp.route("/circumstances", methods=["GET"])
@permission_required(Permission.VIEW_REFERENCE)
@blp.response(200, page_of(CircumstanceOut))
def circumstances():
    """List the mitigating and aggravating circumstances (Law Art. 9, 10)."""
    return {
        "items": list(
            db.session.scalars(sa.select(Circumstance).order_by(Circumstance.kind.desc(), Circumstance.sort_order))
        ),
        "next_cursor": None,
    }


@blp.route("/acts", methods=["GET"])
@permission_required(Permission.VIEW_REFERENCE)
@blp.arguments(ActListArgs, location="query")
@blp.response(200, page_of(ActOut))
def acts(args):
    """Search the catalogue by sector, words or provision (without diacritics), optionally valid on a date."""
    page = search_acts(
        sector=args["sector"], q=args["q"], on=args["on"], cursor=args["cursor"], limit=min(max(args["limit"], 1), 200)
    )
    return {"items": page.items, "next_cursor": page.next_cursor}


@blp.route("/acts", methods=["POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
@blp.arguments(ActIn)
@blp.response(201, ActOut)
def create_act_(body):
    """Add an act to the catalogue (admin); organisation amounts default to 2 × individual."""
    act = create_act(ActInput(**body), actor=acting_user())
    db.session.commit()
    return act
