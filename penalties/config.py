"""Configuration: safe defaults, overridden by the environment (DATABASE_URL, SECRET_KEY, PENALTIES_*)."""

import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    """The environment does not give what production needs."""


def _instance_secret(instance_path: str) -> str:
    """Return a random key kept in the instance folder, created on first use (development only)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "penalties.sqlite")
    if url.startswith("postgres://"):  # Heroku-style URLs name the old scheme
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def build_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Return the configuration for the environment named by PENALTIES_ENV (default: production)."""
    overrides = overrides or {}
    env = overrides.get("ENV_NAME") or os.environ.get("PENALTIES_ENV", "production")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"PENALTIES_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    production = env == "production"
    secret = os.environ.get("SECRET_KEY") or overrides.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError("SECRET_KEY is required in production (set the environment variable)")
        secret = _instance_secret(instance_path)
    public_url = os.environ.get("PENALTIES_PUBLIC_URL") or overrides.get("PENALTIES_PUBLIC_URL")
    config = {
        "ENV_NAME": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("PENALTIES_SECURE_COOKIES", production),
        "REMEMBER_COOKIE_SECURE": _flag("PENALTIES_SECURE_COOKIES", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        # Do not re-sign and resend the session cookie on every response (it changes only at sign-in).
        "SESSION_REFRESH_EACH_REQUEST": False,
        "MAX_CONTENT_LENGTH": 80 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_I18N_ENABLED": False,
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "LANGUAGES": ("vi", "en"),
        "BOOTSTRAP_SERVE_LOCAL": True,
        "RATELIMIT_STORAGE_URI": os.environ.get("PENALTIES_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_ENABLED": True,
        # Failed sign-ins are counted here, shared by every worker: "database" or a redis:// URL (auth.throttle).
        "THROTTLE_STORAGE": os.environ.get("PENALTIES_THROTTLE_STORAGE", "database"),
        "API_TOKEN_HOURS": int(os.environ.get("PENALTIES_API_TOKEN_HOURS", "12")),
        "PAGE_SIZE": 50,
        # Where people reach the site: printed in the verification QR code of every decision. Unset, the address
        # the request came to (decisions.documents); production warns at start-up (penalties.create_app).
        "PENALTIES_PUBLIC_URL": public_url,
        "BEHIND_PROXY": _flag("PENALTIES_BEHIND_PROXY", False),
        # flask-smorest: the OpenAPI document only; no Swagger UI from a CDN.
        "API_TITLE": "penalties",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
    if env == "testing":
        config.update(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False, TESTING=True)
    config.update(overrides)
    return config


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")
