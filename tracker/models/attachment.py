from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base, utcnow
from tracker.models.enums import AttachmentKind, enum_type


class Attachment(Base):
    """An original document (the imported form, an agenda…) kept beside a report or project.

    The bytes live outside the static folder under a generated name; only metadata is here.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation_reports.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    #: Invitation, agenda…; None for documents kept before kinds existed.
    kind: Mapped[AttachmentKind | None] = mapped_column(
        enum_type(AttachmentKind, "attachment_kind")
    )
    #: The name the user gave the file; shown, never used as a path.
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    #: Of the file's bytes: importing the same file twice is recognised by it.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: What the importer read from a pending upload, kept so a page never parses the file again.
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
