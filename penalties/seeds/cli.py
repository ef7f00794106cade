"""`flask seed reference|demo`."""

import click
from flask import current_app
from flask.cli import AppGroup

from penalties.seeds.demo import seed_demo
from penalties.seeds.reference import seed_reference

seed_cli = AppGroup("seed", help="Dữ liệu tham chiếu và dữ liệu mẫu / reference and demo data.")


@seed_cli.command("reference")
def reference() -> None:
    """Load sectors and circumstances (SPEC §5); safe to run again."""
    added = seed_reference()
    click.echo(f"Lĩnh vực: +{added['sectors']}, tình tiết: +{added['circumstances']}")


@seed_cli.command("demo")
def demo() -> None:
    """Load the demo district, its users and acts; safe to run again."""
    result = seed_demo(current_app.instance_path)
    click.echo(f"Đơn vị: +{result['units']}, hành vi: +{result['acts']}, người dùng: +{len(result['users'])}")
    if result["users"]:
        click.echo("Tài khoản mẫu / demo accounts (mật khẩu chỉ in một lần / passwords shown once):")
        for username, role, password in result["users"]:
            click.echo(f"  {username:<12} {role:<8} {password}")
        click.echo(f"(lưu tại / kept in {current_app.instance_path}/demo-credentials.txt)")
