"""`flask seed reference|demo|bench`."""

import time

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
    click.echo(
        f"Lĩnh vực: +{added['sectors']}, tình tiết: +{added['circumstances']}, "
        f"ngày nghỉ, làm bù do Chính phủ công bố: +{added['official_days']}"
    )


@seed_cli.command("demo")
def demo() -> None:
    """Load the demo district, its users and acts; safe to run again."""
    _echo_demo(seed_demo(current_app.instance_path))


def _echo_demo(result: dict) -> None:
    click.echo(f"Đơn vị: +{result['units']}, hành vi: +{result['acts']}, người dùng: +{len(result['users'])}")
    if result["users"]:
        click.echo("Tài khoản mẫu / demo accounts (mật khẩu chỉ in một lần / passwords shown once):")
        for username, role, password in result["users"]:
            click.echo(f"  {username:<12} {role:<8} {password}")
        click.echo(f"(lưu tại / kept in {current_app.instance_path}/demo-credentials.txt)")


@seed_cli.command("bench")
@click.option("--cases", "count", default=1_000_000, show_default=True, type=click.IntRange(min=1))
@click.option("--seed", default=0, show_default=True, help="Same seed, same data.")
def bench(count: int, seed: int) -> None:
    """Add COUNT benchmark cases fast, after the reference and demo data (loaded if missing).

    FOR BENCHMARKS ONLY: the rows are bulk-inserted with SQL, bypassing the operations and the ORM, so they
    leave NO audit trail. Numbers, deadlines, fines and the search column are derived as record_case does.
    """
    from penalties.seeds.bench import seed_bench

    _echo_demo(seed_demo(current_app.instance_path))
    started = time.perf_counter()
    added = seed_bench(count, seed)
    seconds = time.perf_counter() - started
    click.echo(
        f"Vụ việc / cases: +{added['cases']}, người vi phạm / violators: +{added['violators']}, "
        f"hành vi / violations: +{added['violations']} — {seconds:.0f} s ({added['cases'] / seconds:.0f} cases/s)"
    )
