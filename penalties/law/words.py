"""Amounts in Vietnamese words, for the "Bằng chữ" line of decisions (SPEC §6; Decree 118/2021 forms).

Our own code: num2words' Vietnamese drops "không trăm" and misuses "lẻ" (LIBRARIES.md). The
convention is the usual reading of numbers in Vietnamese administrative and accounting documents:

- Digits are read in groups of three: (nghìn, triệu, tỷ). The number of tỷ is itself read as a
  number, so 10**12 is "một nghìn tỷ" and 10**15 "một triệu tỷ".
- The highest group is read as it is: 5 "năm", 15 "mười lăm", 105 "một trăm linh năm".
- A group that is entirely zero is skipped, without a word of its own.
- Every non-zero group after a non-zero higher group is read in full, three digits: hundreds 0 is
  "không trăm", and tens 0 before a non-zero unit is "linh": 1_050_000 "một triệu không trăm năm
  mươi nghìn", 1_000_005 "một triệu không trăm linh năm".
  So 2_000_000_500_000 reads "hai nghìn tỷ năm trăm nghìn" (the zero triệu group is skipped, the
  nghìn group is complete), and 2_000_000_050_000 "hai nghìn tỷ không trăm năm mươi nghìn".
- Tens: 10 "mười", 20 "hai mươi". Units after a tens digit: 1 is "mốt" after "mươi" (21 "hai mươi
  mốt") but "một" after "mười" (11 "mười một"); 5 is "lăm" after any tens digit (15 "mười lăm",
  25 "hai mươi lăm") but "năm" after "linh" (105 "một trăm linh năm"); 4 is always "bốn".
"""

from __future__ import annotations

MAX_NUMBER = 10**18 - 1

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
# Group names below tỷ, highest first, with the value of one unit of the group.
_GROUPS = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))


def _units_after_tens(tens: int, units: int) -> list[str]:
    """Read the units digit that follows a non-zero tens digit ("mốt", "lăm" rules)."""
    if units == 0:
        return []
    if units == 1 and tens >= 2:
        return ["mốt"]
    if units == 5:
        return ["lăm"]
    return [_DIGITS[units]]


def _read_group(group: int, full: bool) -> list[str]:
    """Read 1..999; full=True reads all three digits ("không trăm", "linh") as after a higher group."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]] if words else [_DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    return words + _units_after_tens(tens, units)


def _read_below_billion(n: int, full: bool) -> list[str]:
    """Read 0..999_999_999 group by group; full=True when a non-zero higher group precedes it."""
    words: list[str] = []
    for unit, name in _GROUPS:
        group = (n // unit) % 1000
        if group == 0:
            continue  # a zero group is skipped entirely
        words += _read_group(group, full)
        if name:
            words.append(name)
        full = True
    return words


def _read(n: int) -> list[str]:
    """Read 1..MAX_NUMBER; the count of tỷ is read recursively."""
    billions, rest = divmod(n, _BILLION)
    if billions == 0:
        return _read_below_billion(rest, full=False)
    return [*_read(billions), "tỷ", *_read_below_billion(rest, full=True)]


def _check(n: object) -> int:
    """Accept only a real int (not bool) within 0..MAX_NUMBER."""
    if isinstance(n, bool) or not isinstance(n, int):
        # ValueError, not TypeError: callers handle one error for any amount they cannot print.
        raise ValueError(f"expected an int, got {type(n).__name__}")  # noqa: TRY004
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"number out of range 0..{MAX_NUMBER}: {n}")
    return n


def number_in_words(n: int) -> str:
    """Read n (0 ≤ n < 10**18) in Vietnamese words, lower case: 1_050 → "một nghìn không trăm năm mươi"."""
    n = _check(n)
    if n == 0:
        return _DIGITS[0]
    return " ".join(_read(n))


def amount_in_words(n: int) -> str:
    """Write an amount of đồng in words, capitalised: 5_000_000 → "Năm triệu đồng"."""
    text = number_in_words(n)
    return f"{text[0].upper()}{text[1:]} đồng"
