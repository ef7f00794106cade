"""The period report and the annual report as plain data and as PDFs.

Both are administrative reports of the unit's People's Committee laid out per Decree 30/2020/NĐ-CP (the masthead
of templates/documents/_base.html, "BÁO CÁO" and its subject, the signature of the committee's chairman). The
figures are those of queries.stats, so the PDF says what the API, the dashboard and the spreadsheets say; the
annual report adds what Decree 118/2021 Art. 35(2) asks (reports.annual) and leaves dotted what we do not hold.
Unlike decisions, reports are not stored: they are drafts the committee checks, signs and numbers by hand.
"""

import base64
from datetime import date

import sqlalchemy as sa
from babel.numbers import format_decimal
from flask_babel import force_locale

from penalties.auth.models import User
from penalties.cases.documents import committee_name, issuing_agency, lower_first, place_name
from penalties.catalogue.models import Act, Sector
from penalties.core.formatting import official_date
from penalties.core.render import render_pdf
from penalties.extensions import db
from penalties.law import territory
from penalties.reports.exports import FIGURES, month_text, unit_name
from penalties.units.models import Unit

PERIOD_TEMPLATE = "documents/report_period.html"
ANNUAL_TEMPLATE = "documents/report_annual.html"
# The number is given by the committee's clerk when the report is signed (Decree 30/2020, II.3).
NUMBER_TEXT = "\u00a0" * 10 + "/BC-UBND"
SUBJECT = "Tình hình xử lý vi phạm hành chính"
ANNUAL_SUBJECT = "Công tác thi hành pháp luật về xử lý vi phạm hành chính"
NO_RATE = "–"


def number_text(amount: int | None) -> str:
    """Return a number (đồng, a count) as printed in our documents: 5.000.000."""
    return "" if amount is None else format_decimal(amount, locale="vi")


def rate_text(rate: float | None) -> str:
    """Return a rate in [0, 1] as a Vietnamese percentage, '39,1%'; '–' when its denominator is 0."""
    return NO_RATE if rate is None else f"{rate * 100:.1f}".replace(".", ",") + "%"


def figure_text(value, kind: str) -> str:
    if kind == "rate":
        return rate_text(value)
    return number_text(value)


def report_header(date_from: date, date_to: date, unit: Unit | None, sector: Sector | None, today: date) -> dict:
    """Return what every export says about itself: the period, the unit, the sector, the day it was made."""
    return {
        "date_from": date_from,
        "date_to": date_to,
        "period_text": f"từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}",
        "unit_code": unit.code if unit else None,
        "unit_label": unit.name if unit else "Tất cả đơn vị",
        "sector_code": sector.code if sector else None,
        "sector_label": sector.name if sector else "Tất cả lĩnh vực",
        "generated_on": today,
    }


def chairman_name(unit: Unit) -> str:
    """Return the name of the unit's committee chairman as we know it (a signing chairman), else ''."""
    query = (
        sa.select(User.full_name)
        .where(
            User.unit_id == unit.id,
            User.active.is_(True),
            User.position.like("chu_tich_ubnd%"),
            User.delegation_number.is_(None),  # a deputy signs under a delegation
            sa.or_(User.title.is_(None), sa.not_(User.title.like("Phó%"))),
        )
        .order_by(User.id)
        .limit(1)
    )
    return db.session.scalar(query) or ""


def _masthead(unit: Unit | None, today: date) -> dict:
    """The committee's masthead, number, place and date, signature and recipients (Decree 30/2020)."""
    if unit is None:  # every unit, several top ones: the issuing body is written by hand
        agency = {"parent_short": None, "name_lines": ["\u00a0" * 30], "name": ""}
        return {
            "agency": agency,
            "number_text": NUMBER_TEXT,
            "place_date": f"{'…' * 8}, {official_date(today)}",
            "signature": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": ""},
            "recipients": ["Lưu: VT"],
        }
    above = territory.parent_on(unit, today)
    recipients = [f"{committee_name(above)} (để báo cáo)"] if above else []
    return {
        "agency": issuing_agency(unit, today),
        "number_text": NUMBER_TEXT,
        "place_date": f"{place_name(unit)}, {official_date(today)}",
        "signature": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": chairman_name(unit)},
        "recipients": [*recipients, "Lưu: VT"],
    }


def _short_row(name: str, row: dict) -> dict:
    """One line of the short tables per unit and per sector."""
    return {
        "name": name,
        "cases": number_text(row["cases"]),
        "decisions": number_text(row["decisions"]),
        "fines_imposed": number_text(row["fines_imposed"]),
        "fines_collected": number_text(row["fines_collected"]),
        "collection_rate": rate_text(row["collection_rate"]),
        "decided_on_time_rate": rate_text(row["decided_on_time_rate"]),
        "lapsed": number_text(row["lapsed"]),
        "overdue": number_text(row["overdue"]),
    }


def act_descriptions(codes: list[str]) -> dict[str, str]:
    """Return each act's description, that of its latest version."""
    rows = db.session.execute(
        sa.select(Act.code, Act.description).where(Act.code.in_(codes)).order_by(Act.code, Act.valid_from)
    )
    return dict(rows.all())


def top_acts(acts: list[dict]) -> list[dict]:
    """Return the top acts with their description and sector name."""
    descriptions = act_descriptions([a["code"] for a in acts])
    sectors = dict(
        db.session.execute(
            sa.select(Sector.code, Sector.name).where(Sector.code.in_({a["sector"] for a in acts}))
        ).all()
    )
    return [
        {
            **act,
            "rank": rank,
            "description": descriptions.get(act["code"], ""),
            "sector_name": sectors.get(act["sector"], act["sector"]),
            "cases_text": number_text(act["cases"]),
        }
        for rank, act in enumerate(acts, start=1)
    ]


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def chart_images(figures: dict) -> list[dict]:
    """Return the dashboard's four charts as data-URI images (LIBRARIES.md: SVG embedded, nothing fetched).

    Each chart draws its own title: the report prints no heading over it (it printed them twice), and the
    title it gives as the image's alternative text is the one the chart carries.
    """
    from penalties.reports import charts  # matplotlib is slow to import: only when a report is made

    drawn = (
        (charts.month_trend, figures["by_month"]),
        (charts.by_sector, figures["by_sector"]),
        (charts.by_unit, figures["by_unit"]),
        (charts.on_time_rates, figures["by_unit"]),
    )
    with force_locale("vi"):  # an official document is in Vietnamese, whatever the reader's page language
        svgs = [draw(rows) for draw, rows in drawn]
    return [{"title": charts.title_of(svg), "src": _data_uri(svg)} for svg in svgs]


def period_report_data(header: dict, figures: dict, unit: Unit | None, today: date) -> dict:
    """Return what the period report prints, as plain data: masthead, figures, charts, tables, signature."""
    return {
        **_masthead(unit, today),
        "title": "BÁO CÁO",
        "subject": SUBJECT,
        "header": header,
        "unit_words": lower_first(header["unit_label"]) if unit else "các đơn vị",
        "headline": [
            {"label": label, "text": figure_text(figures.get(key), kind), "sub": label.startswith("–")}
            for key, label, kind in FIGURES
        ],
        "units": [_short_row(unit_name(row), row) for row in figures["by_unit"]],
        "sectors": [_short_row(row["name"], row) for row in figures["by_sector"]],
        "months": [_short_row(month_text(row["month"]), row) for row in figures["by_month"]],
        "total": _short_row("Tổng cộng", figures),
        "top_acts": top_acts(figures["top_acts"]),
        "charts": chart_images(figures),
    }


def render_period_report(data: dict) -> bytes:
    """Render the period report to PDF bytes."""
    return render_pdf(PERIOD_TEMPLATE, doc=data)


def annual_report_data(header: dict, figures: dict, annual: dict, unit: Unit | None, year: int, today: date) -> dict:
    """Return what the annual report prints (Decree 118 Art. 35(2)): the statistics, the annual figures as text."""
    n = number_text
    subjects, kinds = annual["subjects"], annual["cases_by_kind"]
    return {
        **_masthead(unit, today),
        "title": "BÁO CÁO",
        "subject": ANNUAL_SUBJECT,
        "year": year,
        "header": header,
        "complete": header["date_to"] >= date(year, 12, 14),
        "unit_words": lower_first(header["unit_label"]) if unit else "các đơn vị",
        "f": {key: figure_text(figures.get(key), kind) for key, _, kind in FIGURES},
        "a": {
            "acts": n(annual["acts"]),
            "cases_individual": n(kinds["individual"]),
            "cases_organization": n(kinds["organization"]),
            "subjects_individual": n(subjects["individual"]),
            "subjects_organization": n(subjects["organization"]),
            "subjects": n(subjects["individual"] + subjects["organization"]),
            "fined": n(annual["fined"]),
            "fully_paid": n(annual["fully_paid"]),
            "postponed": n(annual["postponed"]),
            "installments": n(annual["installments"]),
            "reduced": n(annual["reduced"]),
            "remedial": n(annual["remedial"]),
            "additional": n(annual["additional"]),
            "licence_withdrawn": n(annual["licence_withdrawn"]),
            "operation_suspended": n(annual["operation_suspended"]),
            "confiscated": n(annual["confiscated"]),
            "late_fees_collected": n(annual["late_fees_collected"]),
            "complained": n(annual["complained"]),
            "sued": n(annual["sued"]),
            "transferred": n(annual["transferred"]),
            **{f"outcome_{key}": n(value) for key, value in annual["outcomes"].items()},
        },
        "leading_sectors": leading_sectors(figures["by_sector"]),
        "sectors": [_short_row(row["name"], row) for row in figures["by_sector"]],
        "units": [_short_row(unit_name(row), row) for row in figures["by_unit"]],
        "total": _short_row("Tổng cộng", figures),
        "top_acts": top_acts(figures["top_acts"]),
    }


def leading_sectors(rows: list[dict], count: int = 3) -> str:
    """Return the sectors of the most cases: 'giao thông đường bộ (10 vụ việc), môi trường (4 vụ việc)'."""
    leading = sorted((row for row in rows if row["cases"]), key=lambda row: (-row["cases"], row["code"]))[:count]
    return ", ".join(f"{lower_first(row['name'])} ({number_text(row['cases'])} vụ việc)" for row in leading)


def render_annual_report(data: dict) -> bytes:
    """Render the annual report to PDF bytes."""
    return render_pdf(ANNUAL_TEMPLATE, doc=data)
