"""How the audit trail writes a recorded value for people: yes/no, dd/mm/yyyy, moments in Vietnam's time, lists
and snapshots one item a line (the trail keeps JSON: ISO dates, true/false)."""

import re
from datetime import date, datetime

from flask_babel import gettext as _

from penalties.audit.labels import field_label
from penalties.core.formatting import day, moment

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def shown(value, kind: str = "") -> str:
    """Return a recorded value as a person reads it; a snapshot's keys are labelled as fields of `kind`."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, str) and _MOMENT.match(value):
        return moment(datetime.fromisoformat(value))
    if isinstance(value, str) and _DAY.fullmatch(value):
        return day(date.fromisoformat(value))
    if isinstance(value, list):
        return "; ".join(shown(item, kind) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(kind, key)}: {shown(item, kind)}" for key, item in value.items())
    return str(value)
