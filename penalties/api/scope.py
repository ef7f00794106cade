"""The objects a path names must exist for the user before their body is read: another unit's case, decision,
payment or appeal answers 404 whatever the body, exactly as reading it does (no 422 that tells it exists)."""

from functools import wraps

from penalties.appeals.queries import get_appeal_for
from penalties.auth.permissions import acting_user
from penalties.cases.queries import get_case_for
from penalties.decisions.queries import get_decision_for
from penalties.payments.queries import get_payment_for

# Path argument → the read that answers 404 outside the user's units.
LOADERS = {
    "case_id": get_case_for,
    "decision_id": get_decision_for,
    "payment_id": get_payment_for,
    "appeal_id": get_appeal_for,
}


def path_objects_visible(view):
    """Check every object the path names (after the permission, before the body is parsed)."""

    @wraps(view)
    def checked(*args, **kwargs):
        user = acting_user()
        for name, value in kwargs.items():
            if name in LOADERS:
                LOADERS[name](user, value)
        return view(*args, **kwargs)

    return checked
