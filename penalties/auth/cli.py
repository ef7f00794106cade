"""`flask users create|token|password` (API.md, Bootstrap)."""

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from penalties.auth.models import User
from penalties.auth.operations import UserInput, create_user, issue_token, set_password
from penalties.auth.permissions import ROLES
from penalties.core.db import utcnow
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.law.positions import POSITIONS

users_cli = AppGroup("users", help="Người dùng / users.")


def _user(username: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise click.ClickException(f"Không có người dùng {username}.")
    return user


@users_cli.command("create")
@click.argument("username")
@click.option("--password", required=True)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bắt buộc trừ admin).")
@click.option("--position", default=None, type=click.Choice(list(POSITIONS)))
@click.option("--full-name", default="", help="Họ và tên.")
def create(username, password, role, unit_code, position, full_name) -> None:
    """Create a user."""
    data = UserInput(username=username, role=role, unit_code=unit_code, position=position, full_name=full_name)
    try:
        user = create_user(data, password, actor=None)
    except RuleViolation as err:
        db.session.rollback()
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo(f"{user.username}\t{user.role}\t{user.unit.code if user.unit else '-'}")


@users_cli.command("token")
@click.argument("username")
def token(username: str) -> None:
    """Print a new API token for the user (the last line is the token)."""
    user = _user(username)
    if not user.active:
        raise click.ClickException(f"Người dùng {username} đã bị khóa.")
    value, row = issue_token(user, now=utcnow(), hours=current_app.config["API_TOKEN_HOURS"])
    db.session.commit()
    click.echo(f"# hết hạn / expires {row.expires_at.isoformat()}", err=True)
    click.echo(value)


@users_cli.command("password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def password(username: str, password: str) -> None:
    """Set a user's password."""
    try:
        set_password(_user(username), password, actor=None)
    except RuleViolation as err:
        db.session.rollback()
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo("OK")
