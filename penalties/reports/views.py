"""The statistics dashboard (SPEC §7): headline figures against their targets, tables and charts, each number a
link to the cases behind it."""

import base64

from babel.numbers import format_decimal
from flask import current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from penalties.auth.permissions import Permission, permission_required
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.reports import bp
from penalties.reports.filters import FIGURES
from penalties.reports.forms import PRESETS, read_request

# The programme's targets: every case decided in time, every complaint answered in time, every fine collected.
TARGETS = {"decided_on_time_rate": 1.0, "appeals_resolved_on_time_rate": 1.0, "collection_rate": 1.0}
EXPORTS = {
    "reports.export_xlsx": _l("Excel"),
    "reports.export_csv": _l("CSV"),
    "reports.export_pdf": _l("PDF"),
    "reports.annual_pdf": _l("Báo cáo năm (PDF)"),
}
# The arguments of the case list that narrow it to the cases behind a figure (cases.index?figure=…).
FIGURE_ARGS = ("figure", "month", "own")
# What the period has, if anything: without it the page says so instead of drawing empty charts.
ACTIVITY = ("cases", "decisions", "dismissed", "enforced", "appeals_filed", "appeals_resolved")


def percent(rate: float | None) -> str:
    """Return a rate in [0, 1] as a percentage: 76,9% (vi), 76.9% (en); a dash when there is none."""
    if rate is None:
        return "—"
    return format_decimal(rate * 100, format="#,##0.#", locale=str(get_locale() or "vi")) + "%"


def number(value: int) -> str:
    """Return a count with the locale's grouping: 10.084 (vi), 10,084 (en)."""
    return format_decimal(value, locale=str(get_locale() or "vi"))


def figure_links(args: dict):
    """Return url(figure, **overrides): the case list of the cases behind a figure, under the same filters."""

    def url(figure: str, **overrides) -> str:
        query = {key: value for key, value in {**args, **overrides}.items() if value is not None}
        return url_for("cases.index", figure=figure, **query)

    return url


@bp.app_template_global()
def cases_without_figure() -> str:
    """Return the case list as now filtered, no longer narrowed to the cases behind a figure (nor its month or
    its unit alone): the "remove" of the figure's notice on the list."""
    dropped = (*FIGURE_ARGS, "cursor")  # the list changes: from its first page
    kept = {key: value for key, value in request.args.items() if value and key not in dropped}
    return url_for("cases.index", **kept)


def chart_uri(svg: str) -> str:
    """Return an SVG as a data: URI for <img src>, the way the PDFs embed it too."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def dashboard_charts(figures: dict) -> dict[str, str]:
    """Return the charts of the figures as SVG documents."""
    from penalties.reports import charts  # matplotlib takes a second to import: not at every start of the app

    return {
        "month_trend": charts.month_trend(figures["by_month"]),
        "by_unit": charts.by_unit(figures["by_unit"]),
        "on_time_rates": charts.on_time_rates(figures["by_unit"]),
        "by_sector": charts.by_sector(figures["by_sector"]),
    }


def _preset_shown(form) -> str | None:
    """Return the preset whose period is shown: the one picked, or the annual report period by default."""
    if request.args.get("from") or request.args.get("to"):
        return None
    preset = request.args.get("preset") or "annual"
    return preset if preset in PRESETS and not form.form_errors else None


def _kept(filters) -> dict:
    """Return the unit and sector chosen in the query string, kept when a preset is picked."""
    args = filters.query_args() if filters else {}
    return {key: args[key] for key in ("unit", "sector") if request.args.get(key) and key in args}


@bp.get("/")
@permission_required(Permission.VIEW_REPORTS)
def dashboard():
    today = local_today(utcnow())
    form, filters = read_request(request.args, current_user, today)
    figures = filters.stats() if filters else None
    active = figures is not None and any(figures[key] for key in ACTIVITY)
    svgs = dashboard_charts(figures) if active else {}
    preset = _preset_shown(form)
    return render_template(
        "reports/dashboard.html",
        form=form,
        filters=filters,
        figures=figures,
        active=active,
        charts={name: chart_uri(svg) for name, svg in svgs.items()},
        presets=PRESETS,
        preset=preset,
        targets=TARGETS,
        labels=FIGURES,
        args=filters.query_args() if filters else {},
        figure_url=figure_links(filters.query_args() if filters else {}),
        kept=_kept(filters),
        sector_names={row["code"]: row["name"] for row in figures["by_sector"]} if figures else {},
        percent=percent,
        number=number,
        exports={endpoint: label for endpoint, label in EXPORTS.items() if endpoint in current_app.view_functions},
        can_list=current_user.can(Permission.VIEW_CASES),
        today=today,
    )
