"""The JSON API /api/v1 (API.md): flask-smorest blueprints, bearer tokens, JSON errors."""

from flask import Flask, g, request
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint

from penalties.api.parser import ApiParser


class ApiBlueprint(SmorestBlueprint):
    """A blueprint of the API: our parser (400/422 split), bearer-token sign-in."""

    ARGUMENTS_PARSER = ApiParser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(authenticate_bearer)


class PenaltiesApi(Api):
    """flask-smorest without its own error handlers: core.errors answers every error, in the shape documented
    here for every operation (the "default" response and each status the arguments may be refused with)."""

    from penalties.api.schemas import ErrorOut as ERROR_SCHEMA

    def _register_error_handlers(self):
        pass


def authenticate_bearer() -> None:
    """Set g.api_user from an `Authorization: Bearer` token; sessions never authenticate the API."""
    from penalties.auth.operations import user_for_token
    from penalties.core.db import utcnow

    g.api_user = None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        g.api_user = user_for_token(token.strip(), now=utcnow())


def init_api(app: Flask) -> None:
    """Register the API blueprints, exempt from CSRF (no cookies: bearer tokens)."""
    from penalties.api import admin, appeals, cases, decisions, money, reference, stats, tokens
    from penalties.core.inputs import IdConverter, id_schema
    from penalties.extensions import csrf

    api = PenaltiesApi(app, spec_kwargs={"info": {"description": "API xử lý vi phạm hành chính (API.md)."}})
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    api.register_converter(IdConverter, id_schema)
    for blueprint in (
        tokens.blp,
        reference.blp,
        admin.blp,
        cases.blp,
        decisions.blp,
        money.blp,
        appeals.blp,
        stats.blp,
    ):
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint, url_prefix="/api/v1")
