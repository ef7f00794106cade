"""Schema changes only through migrations: one head, and `upgrade` yields exactly the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from penalties.extensions import db


def _scripts(app) -> ScriptDirectory:
    migrate: Migrate = app.extensions["migrate"]
    return ScriptDirectory.from_config(migrate.migrate.get_config(migrate.directory))


def test_one_migration_head(app):
    with app.app_context():
        assert len(_scripts(app).get_heads()) == 1


def test_upgraded_database_matches_the_models(app):
    """The app fixture built the schema with `upgrade` on an empty database; nothing may differ."""
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": conn.dialect.name == "sqlite"}
        )
        diff = compare_metadata(context, db.metadata)
        heads = _scripts(app).get_heads()
        assert context.get_current_heads() == tuple(heads)
    assert diff == []


def test_every_constraint_is_named(app):
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"
            assert not str(constraint.name).startswith("_unnamed"), table.name


def test_money_columns_are_integers(app):
    import sqlalchemy as sa

    money = {"fine_min", "fine_max", "org_fine_min", "org_fine_max", "amount", "fine_total", "principal", "late_fee"}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if column.name in money:
                assert isinstance(column.type, sa.BigInteger), f"{table.name}.{column.name}"
