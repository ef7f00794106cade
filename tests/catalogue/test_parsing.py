"""Cells of the CSV import: amounts, yes/no, dates, lists — worked examples and properties."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.catalogue.importing import parse_amount, parse_day, parse_flag, parse_list
from penalties.catalogue.operations import MAX_AMOUNT


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("30000000", 30_000_000),
        ("30.000.000", 30_000_000),
        ("30,000,000", 30_000_000),
        ("30 000 000", 30_000_000),
        ("30\u00a0000\u00a0000", 30_000_000),
        (" 400.000 đ ", 400_000),
        ("1.000.000 đồng", 1_000_000),
        ("0", 0),
        ("1.000", 1_000),  # a dot groups thousands in Vietnamese: never a decimal mark here
        ("999", 999),
    ],
)
def test_amounts_people_write(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-500000",
        "1,5",
        "30.000,000",
        "30.00.000",
        "3000.000.00",
        "30000000.00",
        "một triệu",
        "1e6",
        "٣٠٠",
        "٣٠٠.٠٠٠",
        "12.3456",
    ],
)
def test_amounts_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_amount_above_the_largest_is_refused():
    assert parse_amount(str(MAX_AMOUNT)) == MAX_AMOUNT
    with pytest.raises(ValueError):
        parse_amount(str(MAX_AMOUNT + 1))


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=MAX_AMOUNT), st.sampled_from(["", ".", ",", " ", "\u00a0"]))
def test_any_amount_written_with_any_separator_reads_back(n, sep):
    text = _grouped(n, sep) if sep else str(n)
    assert parse_amount(text) == n


@given(st.text(max_size=40))
def test_amount_parser_either_reads_a_whole_amount_or_refuses(text):
    try:
        amount = parse_amount(text)
    except ValueError:
        return
    assert isinstance(amount, int) and 0 <= amount <= MAX_AMOUNT


@pytest.mark.parametrize(
    ("text", "flag"),
    [("true", True), ("1", True), ("có", True), ("Có", True), ("x", True), ("false", False), ("0", False)]
    + [("không", False), ("KHÔNG", False), ("", False)],
)
def test_flags(text, flag):
    assert parse_flag(text) is flag


def test_unknown_flag_is_refused():
    with pytest.raises(ValueError):
        parse_flag("có lẽ")


@pytest.mark.parametrize(
    ("text", "day"),
    [("2025-01-01", date(2025, 1, 1)), ("28/01/2022", date(2022, 1, 28)), ("1/7/2025", date(2025, 7, 1)), ("", None)],
)
def test_days(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["31/02/2025", "2025/01/01", "01-01-2025", "mai"])
def test_days_refused(text):
    with pytest.raises(ValueError):
        parse_day(text)


def test_lists_are_split_on_the_bar():
    assert parse_list(" Tước giấy phép | | Tịch thu tang vật ") == ["Tước giấy phép", "Tịch thu tang vật"]
    assert parse_list("") == []
