"""Charts of the statistics drawn on the server as SVG: the same chart in the pages and in the PDFs.

matplotlib's object API (a Figure of our own, never pyplot's global state); text drawn as paths in DejaVu Sans,
which covers Vietnamese, so the chart looks the same in every browser and in WeasyPrint. Each function takes
rows of queries.stats and returns an SVG document (no XML declaration), 160 mm wide, the same bytes for the
same rows (svg.hashsalt set, no date in the metadata). Drawing takes a few tenths of a second: the last charts
drawn are remembered, by the values they draw and the language.
"""

import functools
import html
import io
import re
import textwrap
import threading

import matplotlib
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

# Ids of the SVG elements are hashes salted with this instead of random ones (deterministic output).
matplotlib.rcParams["svg.hashsalt"] = "penalties-reports"
# matplotlib reads rcParams and shares font caches while it draws: one chart at a time per process.
_LOCK = threading.Lock()

WIDTH_IN = 160 / 25.4  # 160 mm: the width of an A4 page inside its margins
FONT = "DejaVu Sans"
BLUE, ORANGE, RED, GREEN, GREY = "#1f5f8b", "#d08a1e", "#8b1a1a", "#2e7d32", "#6c757d"
_HEADER = re.compile(r"\A\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _locale() -> str:
    return str(get_locale() or "vi")


def _number(value: float, decimals: int = 0) -> str:
    """Return a number in the language's way: 1.234.567 and 0,75 in Vietnamese."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale())


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{_number(rate * 100, 1)}%"


def _remembered(*fields: str):
    """Remember the charts last drawn: the same values of `fields` in the same language give the same SVG."""

    def decorate(draw):
        @functools.lru_cache(maxsize=64)
        def cached(locale: str, rows: tuple) -> str:
            return draw([dict(zip(fields, row, strict=True)) for row in rows])

        @functools.wraps(draw)
        def chart(rows: list[dict]) -> str:
            return cached(_locale(), tuple(tuple(row.get(name) for name in fields) for row in rows))

        chart.cache_clear = cached.cache_clear
        return chart

    return decorate


def _money_scale(largest: int) -> tuple[int, str]:
    """Return the divisor and unit name that keep the money axis readable."""
    if largest >= 10**9:
        return 10**9, _("tỷ đồng")
    if largest >= 10**6:
        return 10**6, _("triệu đồng")
    return 10**3, _("nghìn đồng")


def _month_label(key: str) -> str:
    """'2026-03' → '03/2026'."""
    year, month = key.split("-")
    return f"{month}/{year}"


def _wrap(label: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _new_figure(height_in: float) -> Figure:
    return Figure(figsize=(WIDTH_IN, height_in), dpi=72, layout="constrained")


def _style(ax) -> None:
    ax.tick_params(labelsize=8, labelfontfamily=FONT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)


def _title(fig: Figure, text: str) -> None:
    fig.suptitle(_wrap(text, 80), x=0.01, ha="left", fontsize=10, fontfamily=FONT, fontweight="bold")


def _legend(ax, columns: int, order: list | None = None) -> None:
    """A legend in one row above the plot, under the title; `order`: its artists, if not the plot's order."""
    handles = {"handles": order} if order else {}
    style = {"ncols": columns, "frameon": False, "prop": {"family": FONT, "size": 8}}
    ax.legend(**handles, loc="lower left", bbox_to_anchor=(0, 1.0), **style)


def _svg(fig: Figure, title: str) -> str:
    """Return the figure as an SVG document without XML declaration, titled for screen readers."""
    buffer = io.StringIO()
    with _LOCK:
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    return _HEADER.sub("", buffer.getvalue())  # matplotlib writes the title as <title> and in the metadata


def title_of(svg: str) -> str:
    """Return the title of a chart drawn here (its <title>, for screen readers and the PDFs' alternative text)."""
    match = _TITLE.search(svg)
    return html.unescape(match.group(1)) if match else ""


def _empty(title: str) -> str:
    """Return a small chart saying there is nothing to draw."""
    fig = _new_figure(1.2)
    ax = fig.add_subplot()
    ax.set_axis_off()
    _title(fig, title)
    ax.text(0.5, 0.4, _("Không có số liệu"), ha="center", va="center", fontsize=10, color=GREY, fontfamily=FONT)
    return _svg(fig, title)


def _has_any(rows: list[dict], keys: tuple[str, ...]) -> bool:
    return any(row.get(key) for row in rows for key in keys)


def _annotate(ax, bars, texts: list[str], inside_from: float | None = None) -> None:
    """Write each bar's value after its end; from `inside_from` on, inside its end in white (a rate near the
    100 % line would otherwise be written across it)."""
    for bar, text in zip(bars, texts, strict=True):
        if not text:
            continue
        inside = inside_from is not None and bar.get_width() >= inside_from
        ax.annotate(
            text,
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(-3 if inside else 3, 0),
            textcoords="offset points",
            ha="right" if inside else "left",
            va="center",
            fontsize=7,
            fontfamily=FONT,
            color="white" if inside else "black",
        )


def _axis_number(value: float, _position=None) -> str:
    """A tick label: whole numbers as 1.500, others with at most two decimals (0,25)."""
    return _number(value, 2)


@_remembered("month", "cases", "decisions", "fines_imposed", "fines_collected")
def month_trend(by_month: list[dict]) -> str:
    """Cases and decisions per month (bars) over the fines imposed and collected (lines), in two panels."""
    title = _("Biên bản, quyết định và tiền phạt theo tháng")
    if not _has_any(by_month, ("cases", "decisions", "fines_imposed", "fines_collected")):
        return _empty(title)
    labels = [_month_label(row["month"]) for row in by_month]
    x = list(range(len(by_month)))
    has_money = _has_any(by_month, ("fines_imposed", "fines_collected"))
    fig = _new_figure(4.6 if has_money else 2.6)
    axes = fig.subplots(2, 1, sharex=True, height_ratios=[1.1, 1]) if has_money else [fig.add_subplot()]
    _counts_panel(axes[0], by_month, x)
    if has_money:
        _money_panel(axes[1], by_month, x)
    many = len(labels) > 6
    axes[-1].set_xticks(x, labels, rotation=45 if many else 0, ha="right" if many else "center")
    for ax in axes:
        _style(ax)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.margins(y=0.1)
    _title(fig, title)
    return _svg(fig, title)


def _counts_panel(ax, by_month: list[dict], x: list[int]) -> None:
    width = 0.4
    ax.bar([i - width / 2 for i in x], [r["cases"] for r in by_month], width, label=_("Biên bản"), color=BLUE)
    decided = [r["decisions"] for r in by_month]
    ax.bar([i + width / 2 for i in x], decided, width, label=_("Quyết định xử phạt"), color=ORANGE)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(_axis_number))
    ax.set_ylabel(_("số lượng"), fontsize=8, fontfamily=FONT)
    _legend(ax, 2)


def _money_panel(ax, by_month: list[dict], x: list[int]) -> None:
    scale, unit = _money_scale(max(max(r["fines_imposed"], r["fines_collected"]) for r in by_month))
    imposed = [r["fines_imposed"] / scale for r in by_month]
    collected = [r["fines_collected"] / scale for r in by_month]
    ax.plot(x, imposed, marker="o", color=RED, label=_("Tiền phạt theo quyết định"))
    ax.plot(x, collected, marker="s", color=GREEN, label=_("Tiền phạt đã thu"))
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(FuncFormatter(_axis_number))
    ax.set_ylabel(unit, fontsize=8, fontfamily=FONT)
    _legend(ax, 2)


def _horizontal(title: str, names: list[str], series: list[tuple[str, list, str]], percent: bool = False):
    """Horizontal bars, the first row on top: one group per name, one bar per series (label, values, colour)."""
    fig = _new_figure(0.9 + len(names) * (0.12 + 0.22 * len(series)))
    ax = fig.add_subplot()
    height = 0.8 / len(series)
    positions = list(range(len(names)))
    for n, (label, values, colour) in enumerate(series):
        y = [p - 0.4 + height * (n + 0.5) for p in positions]
        bars = ax.barh(y, [v or 0 for v in values], height, label=label, color=colour)
        texts = [_percent(v) if percent else _number(v or 0) for v in values]
        _annotate(ax, bars, texts, inside_from=0.8 if percent else None)
    ax.set_yticks(positions, [_wrap(name) for name in names])
    ax.xaxis.set_major_formatter(FuncFormatter(_axis_number))  # 1.500, as the bars' own labels
    ax.invert_yaxis()
    _style(ax)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    _title(fig, title)
    if len(series) > 1:
        _legend(ax, len(series))
    return fig, ax


@_remembered("name", "cases")
def by_sector(rows: list[dict]) -> str:
    """Cases per sector, horizontal bars labelled with the sector's name."""
    title = _("Biên bản theo lĩnh vực")
    if not _has_any(rows, ("cases",)):
        return _empty(title)
    fig, ax = _horizontal(title, [r["name"] for r in rows], [(_("Biên bản"), [r["cases"] for r in rows], BLUE)])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.12)
    return _svg(fig, title)


def _unit_names(rows: list[dict]) -> list[str]:
    """The units' names; beside the units below it, a unit's own records are marked "(trực tiếp)"."""
    alone = len(rows) == 1
    return [_("%(name)s (trực tiếp)", name=r["name"]) if r.get("own") and not alone else r["name"] for r in rows]


@_remembered("name", "own", "cases", "decisions")
def by_unit(rows: list[dict]) -> str:
    """Cases and decisions per unit, horizontal bars."""
    title = _("Biên bản và quyết định xử phạt theo đơn vị")
    if not _has_any(rows, ("cases", "decisions")):
        return _empty(title)
    series = [
        (_("Biên bản"), [r["cases"] for r in rows], BLUE),
        (_("Quyết định xử phạt"), [r["decisions"] for r in rows], ORANGE),
    ]
    fig, ax = _horizontal(title, _unit_names(rows), series)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.12)
    return _svg(fig, title)


@_remembered("name", "own", "decided_on_time_rate", "collection_rate")
def on_time_rates(rows: list[dict]) -> str:
    """Per unit: the share decided on time and the collection rate, in %, against the 100 % target."""
    title = _("Tỷ lệ ra quyết định đúng hạn và tỷ lệ thu tiền phạt theo đơn vị")
    rates = ("decided_on_time_rate", "collection_rate")
    if not any(row.get(key) is not None for row in rows for key in rates):
        return _empty(title)
    series = [
        (_("Ra quyết định đúng hạn"), [r["decided_on_time_rate"] for r in rows], BLUE),
        (_("Thu tiền phạt"), [r["collection_rate"] for r in rows], GREEN),
    ]
    fig, ax = _horizontal(title, _unit_names(rows), series, percent=True)
    # The target named in the legend, not written by its line, where a bar near 100 % would run under it.
    target = ax.axvline(1.0, color=RED, linestyle="--", linewidth=1, label=_("Chỉ tiêu 100%"))
    _legend(ax, 3, order=[*ax.containers, target])
    ax.set_xlim(0, 1.15)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _percent(v) if v <= 1 else ""))
    return _svg(fig, title)
