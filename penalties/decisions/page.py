"""The decision page, assembled from panels: the decision itself, and what each feature adds to it (the money,
the appeals, the corrections) through `panel`. A feature's views register their panel and post their forms
with `submit`; no view module imports another feature's views (STYLE: the house).
"""

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for

from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.core.forms import apply_rule_error
from penalties.decisions.corrections import replacements
from penalties.decisions.forms import AsOfForm, DeliveryForm
from penalties.decisions.labels import STATUS_LABELS
from penalties.decisions.queries import figures_on
from penalties.extensions import db
from penalties.law.errors import RuleViolation

# A panel: (decision shown, its sanction decision, the figures today, today, refused forms) → template variables.
Panel = Callable[..., dict]
_PANELS: list[Panel] = []


def panel(function: Panel) -> Panel:
    """Register a panel of the decision page (a decorator): it is asked for its variables on every rendering."""
    _PANELS.append(function)
    return function


def panels() -> tuple[Panel, ...]:
    """The panels registered, in the order they were."""
    return tuple(_PANELS)


def render_detail(decision, *, as_of: AsOfForm | None = None, forms: dict | None = None, status: int = 200):
    """Render the decision page: the money as of a day and every registered panel; `forms` keep a refused form."""
    today = local_today(utcnow())
    as_of = as_of or AsOfForm(formdata=None)
    on = as_of.day(today)
    original = decision.amends or decision
    figures = figures_on(original, on)
    now = figures if on == today else figures_on(original, today)
    form = DeliveryForm(formdata=None)
    form.delivered_on.data = today
    sections = {}
    for each in _PANELS:
        sections.update(each(decision, original, now, today, forms or {}))
    page = render_template(
        "decisions/detail.html",
        decision=decision,
        original=original,
        figures=figures,
        on=on,
        as_of=as_of,
        labels=STATUS_LABELS,
        delivery_form=form,
        today=today,
        replaced_by=replacements(decision),
        **sections,
    )
    return page, status


def submit(decision, key, form, operation, message, anchor: str):
    """Validate, run the operation, commit and go back to the decision page; else show the page with the errors."""
    if form.validate_on_submit():
        try:
            result = operation(form)
        except RuleViolation as err:
            db.session.rollback()
            (getattr(form, "show_rule_error", None) or (lambda e: apply_rule_error(form, e)))(err)
        else:
            db.session.commit()
            flash(message(result), "success")
            return redirect(url_for("decisions.detail", decision_id=decision.id, _anchor=anchor))
    return render_detail(decision, forms={key: form}, status=422)
