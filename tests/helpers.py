"""Helpers for tests: data builders, signing in, CSRF-aware form posts, API calls."""

import re
from functools import lru_cache

import sqlalchemy as sa

PASSWORD = "Mat-khau-2026!"
ROLES = ("officer", "legal", "board", "admin")


def empty_tables() -> None:
    from penalties.extensions import db

    db.session.remove()
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@lru_cache(maxsize=1)
def password_hash() -> str:
    from penalties.auth.operations import hash_password

    return hash_password(PASSWORD)


def make_units() -> dict[str, str]:
    from penalties.extensions import db
    from penalties.units.models import Unit

    hn = Unit(code="HN", name="Thành phố Hà Nội", level="province")
    th = Unit(code="HN-TH", name="Quận Tây Hồ", level="district", parent=hn)
    pt = Unit(code="HN-TH-PT", name="Phường Phú Thượng", level="commune", parent=th)
    nt = Unit(code="HN-TH-NT", name="Phường Nhật Tân", level="commune", parent=th)
    db.session.add_all([hn, th, pt, nt])
    db.session.commit()
    return {"province": "HN", "district": "HN-TH", "ward": "HN-TH-PT", "other_ward": "HN-TH-NT"}


def make_user(username: str, role: str, unit_code: str | None = "HN-TH-PT", **extra):
    from penalties.auth.models import User
    from penalties.extensions import db
    from penalties.units.models import Unit

    unit = db.session.scalar(sa.select(Unit).where(Unit.code == unit_code)) if unit_code else None
    user = User(
        username=username,
        password_hash=password_hash(),
        role=role,
        unit=unit,
        full_name=extra.pop("full_name", f"Người dùng {username}"),
        **extra,
    )
    db.session.add(user)
    db.session.commit()
    return user.id


def make_users() -> dict[str, int]:
    ids = {role: make_user(role, role, None if role == "admin" else "HN-TH-PT") for role in ROLES}
    ids["chair"] = make_user("chair", "legal", position="chu_tich_ubnd_xa", title="Chủ tịch")
    return ids


def sign_in(client, user_id: int) -> str:
    """Sign a test client in as a user, as the sign-in page does: a session row, named in the cookie's session."""
    from penalties.auth.models import User
    from penalties.auth.operations import issue_token
    from penalties.core.db import utcnow
    from penalties.extensions import db

    with client.application.app_context():
        value, _ = issue_token(db.session.get(User, user_id), now=utcnow(), hours=8, kind="session")
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
        session["sid"] = value
    return value


TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


def post_form(client, url: str, data: dict, page: str | None = None, **kwargs):
    """GET the page holding the form, then POST the data with its CSRF token."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_from(html)}, **kwargs)


def token_for(user_id: int) -> str:
    from penalties.auth.models import User
    from penalties.auth.operations import issue_token
    from penalties.core.db import utcnow
    from penalties.extensions import db

    value, _ = issue_token(db.session.get(User, user_id), now=utcnow(), hours=1)
    db.session.commit()
    return value


class Api:
    """A JSON client of /api/v1 with a bearer token."""

    def __init__(self, client, token: str | None, lang: str | None = None):
        self.client, self.token, self.lang = client, token, lang

    def headers(self) -> dict:
        h = {"Accept": "application/json"}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if self.lang:
            h["Accept-Language"] = self.lang
        return h

    def get(self, path: str, **kw):
        return self.client.get("/api/v1" + path, headers=self.headers(), **kw)

    def post(self, path: str, body=None, raw: bytes | None = None):
        if raw is not None:
            return self.client.post("/api/v1" + path, data=raw, headers=self.headers(), content_type="application/json")
        return self.client.post("/api/v1" + path, json=body, headers=self.headers())


def dispose(app) -> None:
    """Close the connections of an extra app made by a test (the suite's app is closed by its fixture)."""
    from penalties.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


# A dataset built once per test process and put back for each later test that asks for it: the rows it added,
# inserted again as they were (ids, audit entries and the statistics' summary included), instead of building it
# through the API each time. Put back only when the tables held exactly the same rows before it was built.
_BUILT: dict[str, tuple[dict, dict, object]] = {}


def _keys_by_table(conn) -> dict[str, set]:
    from penalties.extensions import db

    keys = {}
    for table in db.metadata.sorted_tables:
        primary = list(table.primary_key.columns)
        keys[table.name] = {tuple(row) for row in conn.execute(sa.select(*primary))}
    return keys


def _added_rows(conn, before: dict[str, set]) -> dict[str, list[dict]]:
    from penalties.extensions import db

    added = {}
    for table in db.metadata.sorted_tables:
        primary = list(table.primary_key.columns)
        rows = conn.execute(sa.select(table).order_by(*primary)).mappings()
        added[table.name] = [dict(row) for row in rows if tuple(row[c.name] for c in primary) not in before[table.name]]
    return added


def _put_back(conn, added: dict[str, list[dict]]) -> None:
    from penalties.extensions import db

    for table in db.metadata.sorted_tables:
        if added[table.name]:
            conn.execute(table.insert(), added[table.name])
    if conn.dialect.name == "postgresql":  # the next id after the rows put back
        for table in db.metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key and added[table.name]:
                conn.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f'(SELECT max(id) FROM "{table.name}"))'
                    )
                )


def built_once(key: str, app, build):
    """Return build()'s result; the first time it really runs, later times its rows are put back."""
    from penalties.extensions import db

    with app.app_context():
        db.session.remove()
        with db.engine.connect() as conn:
            before = _keys_by_table(conn)
    cached = _BUILT.get(key)
    if cached is not None and cached[0] == before:
        with app.app_context(), db.engine.begin() as conn:
            _put_back(conn, cached[1])
        return cached[2]
    result = build()
    with app.app_context():
        db.session.remove()
        with db.engine.connect() as conn:
            _BUILT[key] = (before, _added_rows(conn, before), result)
    return result
