"""The error every rule of `penalties.law` raises when the law says no (STYLE "The law as code")."""

from __future__ import annotations


class RuleViolation(Exception):
    """A legal rule refuses the requested act; the message (Vietnamese) names why and the article."""

    def __init__(self, code: str, message: str, article: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.article = article
        self.field = field

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"RuleViolation(code={self.code!r}, message={self.message!r}, article={self.article!r})"
