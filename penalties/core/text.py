"""Text normalisation: NFC for storage, a diacritics-free fold for search."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str | None) -> str:
    """Return text in NFC with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text or "").strip()


def fold(text: str | None) -> str:
    """Return a lower-case, diacritics-free form: 'Đặng Văn Đức' → 'dang van duc'.

    NFD alone leaves đ/Đ, which are letters of their own, so they are mapped first.
    """
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
