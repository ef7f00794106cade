"""Stored documents: uploaded evidence and rendered PDFs, kept as bytes with their SHA-256."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from penalties.core.db import Model, Moment, utcnow

DOCUMENT_KINDS = (
    "evidence",
    "record_pdf",
    "decision_pdf",
    "hardship",
    "installment_pdf",
    "postponement_pdf",
    "enforcement_pdf",
    "appeal",
    "reduction_pdf",
)


class StoredDocument(Model):
    __tablename__ = "stored_documents"
    __table_args__ = (
        sa.CheckConstraint("size >= 0", name="size_nonnegative"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_length"),
        sa.CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in DOCUMENT_KINDS) + ")", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(24))
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    # Loaded only when asked for: lists and checks read the hash and name, not the bytes.
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    # For rendered documents: which template produced them, from which data (never re-rendered).
    template_version: Mapped[str | None] = mapped_column(sa.String(32))
    rendered_data: Mapped[dict | None] = mapped_column(sa.JSON, deferred=True)
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))


def store_document(kind: str, filename: str, content_type: str, content: bytes, **extra) -> StoredDocument:
    """Return a new stored document for the bytes, with size and SHA-256 filled in."""
    return StoredDocument(
        kind=kind,
        filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        **extra,
    )


def document_response(document: StoredDocument, *, download: bool = False):
    """Answer with a stored document's bytes, as stored: the same bytes every time, cacheable by SHA-256."""
    from flask import make_response, request

    etag = document.sha256
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        response = make_response(document.content)
        response.headers["Content-Type"] = document.content_type
        disposition = "attachment" if download else "inline"
        response.headers["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response
