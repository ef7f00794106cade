"""`flask units create CODE --name ... --level ... [--parent CODE] [--valid-from D] [--valid-to D] [--successor CODE]…`
(API.md, Bootstrap)."""

import click
from flask.cli import AppGroup

from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.units.models import LEVELS
from penalties.units.operations import UnitInput, create_unit

units_cli = AppGroup("units", help="Đơn vị hành chính / administrative units.")


@units_cli.command("create")
@click.argument("code")
@click.option("--name", required=True, help="Tên đơn vị, ví dụ 'Phường Tây Hồ'.")
@click.option("--level", required=True, type=click.Choice(LEVELS))
@click.option("--parent", "parent_code", default=None, help="Mã đơn vị cấp trên.")
@click.option("--valid-from", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Có hiệu lực từ ngày (YYYY-MM-DD).")
@click.option("--valid-to", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Hết hiệu lực sau ngày (YYYY-MM-DD).")
@click.option("--successor", "successors", multiple=True, help="Mã đơn vị kế thừa (lặp lại khi có nhiều).")
def create(code: str, name: str, level: str, parent_code: str | None, valid_from, valid_to, successors) -> None:
    """Create a unit, dated, with its successors (SPEC §0)."""
    data = UnitInput(
        code=code,
        name=name,
        level=level,
        parent_code=parent_code,
        valid_from=valid_from.date() if valid_from else None,
        valid_to=valid_to.date() if valid_to else None,
        successors=list(successors),
    )
    try:
        unit = create_unit(data, actor=None)
    except RuleViolation as err:
        db.session.rollback()
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo(f"{unit.code}\t{unit.name}\t{unit.level}")


@units_cli.command("hand-over")
@click.argument("case_id", type=int)
@click.argument("successor_code")
def hand_over_command(case_id: int, successor_code: str) -> None:
    """Hand a case of an ended unit to one of its successors (the one that holds the case's location)."""
    from penalties.cases.models import Case
    from penalties.cases.operations import hand_over
    from penalties.core.db import utcnow
    from penalties.core.formatting import local_today
    from penalties.units.queries import get_unit_by_code

    case, successor = db.session.get(Case, case_id), get_unit_by_code(successor_code.strip().upper())
    if case is None or successor is None:
        raise click.ClickException("Không có vụ việc hoặc đơn vị này / no such case or unit.")
    try:
        hand_over(case, successor, actor=None, today=local_today(utcnow()))
    except RuleViolation as err:
        db.session.rollback()
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo(f"{case.number}\t{case.unit.code} → {successor.code}")
