"""Amounts in Vietnamese words (SPEC §6 "Bằng chữ"; penalties.law.words)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.law.words import MAX_NUMBER, amount_in_words, number_in_words

CASES = [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (30, "ba mươi"),
    (55, "năm mươi lăm"),
    (63, "sáu mươi ba"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (205, "hai trăm linh năm"),
    (1_000, "một nghìn"),
    (1_001, "một nghìn không trăm linh một"),
    (1_010, "một nghìn không trăm mười"),
    (1_100, "một nghìn một trăm"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (22_500, "hai mươi hai nghìn năm trăm"),
    (100_000, "một trăm nghìn"),
    (250_000, "hai trăm năm mươi nghìn"),
    (262_500, "hai trăm sáu mươi hai nghìn năm trăm"),
    (500_000, "năm trăm nghìn"),
    (1_000_001, "một triệu không trăm linh một"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (5_022_500, "năm triệu không trăm hai mươi hai nghìn năm trăm"),
    (35_000_000, "ba mươi lăm triệu"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_001, "một tỷ không trăm linh một"),
    (10**12, "một nghìn tỷ"),
    (2 * 10**12, "hai nghìn tỷ"),
    # The zero triệu group is skipped; the next non-zero group is read in full (module docstring).
    (2_000_000_500_000, "hai nghìn tỷ năm trăm nghìn"),
    (2_000_000_050_000, "hai nghìn tỷ không trăm năm mươi nghìn"),
    (10**15, "một triệu tỷ"),
    (1_005_000 * 10**9, "một triệu không trăm linh năm nghìn tỷ"),
]


@pytest.mark.parametrize(("n", "words"), CASES)
def test_number_in_words_table(n: int, words: str) -> None:
    assert number_in_words(n) == words


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "Không đồng"),
        (63, "Sáu mươi ba đồng"),
        (22_500, "Hai mươi hai nghìn năm trăm đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (5_000_000, "Năm triệu đồng"),
        (35_000_000, "Ba mươi lăm triệu đồng"),
    ],
)
def test_amount_in_words_table(n: int, text: str) -> None:
    assert amount_in_words(n) == text


@pytest.mark.parametrize("bad", [-1, MAX_NUMBER + 1, 10**18, True, False, 1.0, "5", None])
def test_rejects_out_of_range_and_non_int(bad: object) -> None:
    with pytest.raises(ValueError, match="expected an int|out of range"):
        number_in_words(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected an int|out of range"):
        amount_in_words(bad)  # type: ignore[arg-type]


def test_largest_number_is_accepted() -> None:
    assert number_in_words(MAX_NUMBER).endswith("chín trăm chín mươi chín")


# An independent reader (words → number), deliberately lenient, used for the round trip.
_DIGIT_VALUES = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_MULTIPLIERS = (("tỷ", 10**9), ("triệu", 10**6), ("nghìn", 10**3))


def _parse_group(tokens: list[str]) -> int:
    value, pending = 0, 0
    for token in tokens:
        if token in _DIGIT_VALUES:
            pending = _DIGIT_VALUES[token]
        elif token == "trăm":
            value, pending = value + 100 * pending, 0
        elif token == "mươi":
            value, pending = value + 10 * pending, 0
        elif token == "mười":
            value += 10
        elif token != "linh":
            raise AssertionError(f"unknown word {token!r}")
    return value + pending


def parse_words(tokens: list[str]) -> int:
    """Split on the LAST occurrence of the biggest multiplier present: left × multiplier + right."""
    for word, multiplier in _MULTIPLIERS:
        if word in tokens:
            cut = len(tokens) - 1 - tokens[::-1].index(word)
            left, right = tokens[:cut], tokens[cut + 1 :]
            assert left, f"{word!r} without a count"
            return parse_words(left) * multiplier + parse_words(right)
    return _parse_group(tokens)


@pytest.mark.parametrize(("n", "words"), CASES)
def test_parser_reads_the_table(n: int, words: str) -> None:
    assert parse_words(words.split(" ")) == n


numbers = st.integers(0, 10**15) | st.integers(0, MAX_NUMBER)


@given(numbers)
def test_round_trip(n: int) -> None:
    assert parse_words(number_in_words(n).split(" ")) == n


@given(numbers)
def test_spacing_and_case(n: int) -> None:
    text = number_in_words(n)
    assert "  " not in text
    assert text == text.strip()
    assert text == text.lower()


@given(numbers)
def test_word_choice(n: int) -> None:
    text = f" {number_in_words(n)} "
    assert " mười mốt " not in text
    assert " một mươi " not in text
    assert " linh mốt " not in text
    assert " linh lăm " not in text
    assert " mười năm " not in text
    assert " mươi năm " not in text


@given(st.integers(1, MAX_NUMBER // 1000), st.integers(1, 99))
def test_last_group_is_read_in_full_after_a_higher_group(high: int, last_group: int) -> None:
    assert " không trăm " in number_in_words(high * 1000 + last_group)


@given(numbers)
def test_amount_in_words_form(n: int) -> None:
    text = amount_in_words(n)
    assert text[0].isupper()
    assert text.endswith(" đồng")
    assert text[0].lower() + text[1 : -len(" đồng")] == number_in_words(n)
