"""Choices offered by the case pages: acts, wards, circumstances, list filters."""

from datetime import date

import sqlalchemy as sa

from penalties.auth.scope import visible_unit_ids
from penalties.catalogue.models import Act, Circumstance, Sector
from penalties.extensions import db
from penalties.law import territory
from penalties.units.models import Unit


def act_choices() -> list[tuple[str, str]]:
    """Return the active acts, one per code (its latest version), labelled with sector and provision."""
    return [(code, label) for code, label, _ in act_rows()]


def act_rows() -> list[tuple[str, str, str]]:
    """Return (code, label, sector code) of the active acts, one per code (its latest version)."""
    query = (
        sa.select(Act.code, Act.legal_basis, Act.description, Sector.name, Sector.code)
        .join(Sector, Sector.id == Act.sector_id)
        .where(Act.active.is_(True))
        .order_by(Sector.name, Act.code, Act.valid_from.desc())
    )
    seen, choices = set(), []
    for code, basis, description, sector, sector_code in db.session.execute(query):
        if code not in seen:
            seen.add(code)
            short = description if len(description) <= 110 else description[:107] + "…"
            choices.append((code, f"[{sector}] {basis} — {short}", sector_code))
    return choices


def location_choices(user, today: date) -> list[tuple[str, str]]:
    """Return the communes and wards where the user may record a case: those in force today (SPEC §0; an ended
    ward's cases are carried on by its successors, whose territory now holds the place)."""
    query = sa.select(Unit).where(Unit.active.is_(True), Unit.level == "commune")
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Unit.id.in_(visible))
    units = db.session.scalars(query.order_by(Unit.name))
    return [(unit.code, unit.name) for unit in units if territory.in_force(unit, today)]


def circumstance_choices() -> tuple[list, list]:
    """Return (mitigating, aggravating) choices labelled with their legal text and article."""
    rows = list(db.session.scalars(sa.select(Circumstance).order_by(Circumstance.sort_order)))

    def label(c: Circumstance) -> str:
        return f"{c.text} ({c.article})"

    return (
        [(c.code, label(c)) for c in rows if c.kind == "mitigating"],
        [(c.code, label(c)) for c in rows if c.kind == "aggravating"],
    )


def filter_choices(user) -> dict:
    """Return the options of the list filters: units the user sees, sectors, acts."""
    units = sa.select(Unit.code, Unit.name).where(Unit.active.is_(True)).order_by(Unit.code)
    visible = visible_unit_ids(user)
    if visible is not None:
        units = units.where(Unit.id.in_(visible))
    return {
        "units": list(db.session.execute(units)),
        "sectors": list(db.session.execute(sa.select(Sector.code, Sector.name).order_by(Sector.name))),
        "acts": list(db.session.execute(sa.select(Act.code).distinct().order_by(Act.code))),
    }
