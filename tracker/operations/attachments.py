"""Original documents: stored outside the static folder under generated names."""

import hashlib
import secrets
from pathlib import Path

from flask import current_app

from tracker.extensions import db
from tracker.models import Attachment, User

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sniff_content_type(data: bytes) -> str:
    """The type by content, not by the name the user gave (which is only shown)."""
    if data.startswith(b"%PDF"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return DOCX_TYPE
    return "text/plain"


def upload_path(attachment: Attachment) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / attachment.stored_name


def store_attachment(data: bytes, filename: str, actor: User | None) -> Attachment:
    """Write the bytes under a random name and record them; the record links it later."""
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16)
    (folder / stored_name).write_bytes(data)
    attachment = Attachment(
        filename=Path(filename).name[:255] or "documento",
        stored_name=stored_name,
        content_type=sniff_content_type(data),
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=actor.id if actor else None,
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def discard_attachment(attachment: Attachment) -> None:
    """Forget an upload that was never linked to a record (a discarded import)."""
    upload_path(attachment).unlink(missing_ok=True)
    db.session.delete(attachment)
    db.session.flush()
