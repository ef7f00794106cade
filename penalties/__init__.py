"""penalties: handling of administrative violations for a Vietnamese People's Committee."""

import os

from flask import Flask, has_request_context, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from penalties.config import build_config

# Feature packages with pages: each has a blueprint `bp` in its __init__ and its routes in views.py.
FEATURES = (
    "home",
    "auth",
    "units",
    "catalogue",
    "workdays",
    "cases",
    "decisions",
    "payments",
    "appeals",
    "reports",
    "verify",
    "audit",
)


def create_app(config: dict | None = None) -> Flask:
    """Build the application: configure, extensions, blueprints, errors, jinja, cli."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        instance_path=os.environ.get("PENALTIES_INSTANCE", os.path.join(root, "instance")),
        template_folder=os.path.join(root, "templates"),
        static_folder=os.path.join(root, "static"),
    )
    app.config.update(build_config(app.instance_path, config))
    from penalties.core.inputs import init_inputs

    init_inputs(app)  # the id converter must be in place before any route is added
    if app.config["BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    if app.config["ENV_NAME"] == "production" and not app.config["PENALTIES_PUBLIC_URL"]:
        app.logger.warning(
            "PENALTIES_PUBLIC_URL is not set: the QR codes of decisions will print the address each request came to"
        )
    _init_extensions(app)
    _register_blueprints(app)
    from penalties.core.errors import register_error_handlers

    register_error_handlers(app)
    from penalties.core.security import init_security_headers

    init_security_headers(app)
    _init_jinja(app)
    _register_cli(app)
    return app


def select_locale() -> str:
    """Return 'vi' or 'en': Accept-Language for the API, the header switch for pages; Vietnamese first."""
    if not has_request_context():
        return "vi"  # the CLI speaks Vietnamese
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(["vi", "en"], default="vi")
    return session.get("lang", "vi")


def _init_extensions(app: Flask) -> None:
    from penalties import models  # noqa: F401  (every table on the metadata)
    from penalties.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(app.root_path), "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    bootstrap.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from penalties.auth.sessions import init_login

    init_login(app, login_manager)
    from penalties.reports.hooks import listen

    listen()  # the statistics' summary follows every write, in its transaction


def _register_blueprints(app: Flask) -> None:
    import importlib

    from penalties.api import init_api

    for feature in FEATURES:
        importlib.import_module(f"penalties.{feature}.views")
        app.register_blueprint(importlib.import_module(f"penalties.{feature}").bp)
    init_api(app)


def _init_jinja(app: Flask) -> None:
    from flask_babel import get_locale

    from penalties.auth.permissions import Permission
    from penalties.core import formatting
    from penalties.core.navigation import navigation
    from penalties.core.pagination import page_url

    app.jinja_env.filters.update(money=formatting.money, day=formatting.day, moment=formatting.moment)
    app.jinja_env.globals.update(get_locale=get_locale, navigation=navigation, page_url=page_url, Permission=Permission)


def _register_cli(app: Flask) -> None:
    from penalties.auth.cli import users_cli
    from penalties.reports.cli import reports_cli
    from penalties.seeds.cli import seed_cli
    from penalties.units.cli import units_cli

    for group in (reports_cli, seed_cli, units_cli, users_cli):
        app.cli.add_command(group)
