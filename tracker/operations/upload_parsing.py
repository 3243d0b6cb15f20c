"""Reading an uploaded form within the configured bounds, and keeping what it read.

A pending upload (an Attachment not yet linked to a record) carries its parse result in
`Attachment.parsed`, so showing or saving its preview never parses the file again. Uploads kept
before that column existed (parsed is NULL) are read once and the result is stored then.
"""

from flask import current_app

from tracker.extensions import db
from tracker.importers import (
    Deadline,
    ImportFormatError,
    ImportLimits,
    ParsedProject,
    ParsedReport,
    extract_text,
    from_stored,
    parse_document,
    to_stored,
)
from tracker.importers.limits import MB
from tracker.models import Attachment, User
from tracker.operations.attachments import store_attachment, upload_path

Parsed = ParsedReport | ParsedProject


def import_limits() -> ImportLimits:
    """The IMPORT_* settings of the running app."""
    config = current_app.config
    return ImportLimits(
        max_uncompressed_bytes=config["IMPORT_MAX_UNCOMPRESSED_MB"] * MB,
        max_member_bytes=config["IMPORT_MAX_MEMBER_MB"] * MB,
        max_xml_elements=config["IMPORT_MAX_XML_ELEMENTS"],
        max_pdf_pages=config["IMPORT_MAX_PDF_PAGES"],
        max_pdf_content_bytes=config["IMPORT_MAX_PDF_CONTENT_MB"] * MB,
        max_text_chars=config["IMPORT_MAX_TEXT_CHARS"],
        parse_seconds=config["IMPORT_PARSE_SECONDS"],
    )


def import_deadline() -> Deadline:
    """A deadline of IMPORT_PARSE_SECONDS from now (one web upload shares it among its files)."""
    return Deadline(current_app.config["IMPORT_PARSE_SECONDS"])


def parse_file(data: bytes, filename: str, deadline: Deadline | None = None) -> Parsed:
    """Read and parse an uploaded form; raises ImportFormatError with a message for the user."""
    deadline = deadline or import_deadline()
    text = extract_text(data, filename, import_limits(), deadline)
    # The form parsers cannot be interrupted; their input is bounded by max_text_chars.
    deadline.check()
    return parse_document(text)


def keep_pending_upload(
    data: bytes, filename: str, actor: User | None, parsed: Parsed
) -> Attachment:
    """Store an upload that waits for its preview to be saved, with what was read from it."""
    attachment = store_attachment(data, filename, actor)
    attachment.parsed = to_stored(parsed)
    db.session.flush()
    return attachment


def read_pending_upload(attachment: Attachment) -> Parsed:
    """What a pending upload read; ImportFormatError (or OSError) when it cannot be shown.

    Only an upload without a usable stored result (kept before results were stored, or in a
    shape the parsers no longer have) reads its file, once: the result, or the refusal, is
    stored for every later page. The caller commits.
    """
    stored = attachment.parsed
    if stored and "error" in stored:
        raise ImportFormatError(stored["error"])
    if stored:
        try:
            return from_stored(stored)
        except ValueError:
            pass
    data = upload_path(attachment).read_bytes()
    try:
        parsed = parse_file(data, attachment.filename)
    except ImportFormatError as error:
        attachment.parsed = {"error": error.message}
        db.session.flush()
        raise
    attachment.parsed = to_stored(parsed)
    db.session.flush()
    return parsed
