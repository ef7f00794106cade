"""`flask units create CODE --name ... --level ... [--parent CODE]` (API.md, Bootstrap)."""

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
def create(code: str, name: str, level: str, parent_code: str | None) -> None:
    """Create a unit."""
    try:
        unit = create_unit(UnitInput(code=code, name=name, level=level, parent_code=parent_code), actor=None)
    except RuleViolation as err:
        db.session.rollback()
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo(f"{unit.code}\t{unit.name}\t{unit.level}")
