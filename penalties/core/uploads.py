"""Uploaded files: the type is read from the content, never trusted from the name (issue: evidence)."""

from flask_babel import gettext as _

from penalties.law.errors import RuleViolation

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Magic numbers of the accepted formats.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"%PDF-", "application/pdf", ".pdf"),
)


def sniff(content: bytes) -> tuple[str, str] | None:
    """Return (content type, extension) of JPEG, PNG or PDF bytes, or None for anything else."""
    for magic, content_type, extension in SIGNATURES:
        if content.startswith(magic):
            return content_type, extension
    return None


def check_evidence(filename: str, content: bytes, field: str = "evidence") -> str:
    """Return the sniffed content type of an evidence file; refuse other types and files over 10 MB."""
    if len(content) > MAX_EVIDENCE_BYTES:
        raise RuleViolation(
            "file_too_large",
            _("Tệp %(name)s quá lớn: tối đa 10 MB mỗi tệp.", name=filename),
            field=field,
        )
    if not content:
        raise RuleViolation("file_empty", _("Tệp %(name)s rỗng.", name=filename), field=field)
    kind = sniff(content)
    if kind is None:
        raise RuleViolation(
            "file_type_refused",
            _("Tệp %(name)s không phải ảnh JPEG, PNG hoặc tài liệu PDF (kiểm tra theo nội dung tệp).", name=filename),
            field=field,
        )
    return kind[0]
