"""Object rules: which units' records a user may see and act on (API.md, Roles)."""

from penalties.units.queries import subtree_ids


def visible_unit_ids(user) -> list[int] | None:
    """Return the ids of the units whose records the user may read; None means every unit.

    The programme board reads everything; other users act within their unit and the units below it.
    """
    if user.role == "board":
        return None
    if user.unit_id is None:
        return []
    return subtree_ids(user.unit_id)


def may_act_in(user, unit_id: int, visible: list[int] | None = None) -> bool:
    """Return whether the user may record or decide for this unit."""
    ids = visible if visible is not None else visible_unit_ids(user)
    return ids is None or unit_id in ids
