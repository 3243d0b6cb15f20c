"""Checking a .docx (a zip) before python-docx loads it: sizes, member count, XML elements.

python-docx inflates every member and builds a full lxml tree of each XML part, so an 80 MB
document.xml costs more than a gigabyte. Here the central directory's declared sizes are
checked first (cheap: nothing is inflated), then every member is inflated in chunks with a cap,
in case a header lies, and the start tags of the XML parts are counted as they stream by.
Only an archive that passes is handed to python-docx. (zipfile itself also stops at a member's
declared size and then fails its CRC check, so python-docx never reads more than was checked.)
"""

import zipfile

from tracker.importers.limits import (
    Deadline,
    ImportLimits,
    archive_too_large,
    member_too_large,
    too_many_elements,
    too_many_members,
)

CHUNK_BYTES = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels")


def check_archive(archive: zipfile.ZipFile, limits: ImportLimits, deadline: Deadline) -> None:
    """Refuse (ImportFormatError) an archive past any bound; return when it is safe to load."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise too_many_members(limits)
    if any(member.file_size > limits.max_member_bytes for member in members):
        raise member_too_large(limits)
    if sum(member.file_size for member in members) > limits.max_uncompressed_bytes:
        raise archive_too_large(limits)
    inflated = 0
    elements = 0
    for member in members:
        if member.is_dir():
            continue
        is_xml = member.filename.lower().endswith(_XML_SUFFIXES)
        member_bytes = 0
        after_open = False
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                member_bytes += len(chunk)
                inflated += len(chunk)
                if member_bytes > limits.max_member_bytes:
                    raise member_too_large(limits)
                if inflated > limits.max_uncompressed_bytes:
                    raise archive_too_large(limits)
                if is_xml:
                    elements += _start_tags(chunk, after_open)
                    after_open = chunk.endswith(b"<")
                    if elements > limits.max_xml_elements:
                        raise too_many_elements(limits)
                deadline.check()


def _start_tags(chunk: bytes, after_open: bool) -> int:
    """Elements begun in this chunk of XML: each has one start tag, a `<` not followed by
    `/` (end tag), `?` (processing instruction) or `!` (comment, CDATA, doctype).

    Counted in C (bytes.count) rather than by a second parser; a `<` inside a comment or
    CDATA can only over-count, which errs on the safe side. `after_open` says the previous
    chunk ended with `<`, whose next byte is this chunk's first.
    """
    others = chunk.count(b"</") + chunk.count(b"<?") + chunk.count(b"<!")
    if after_open and chunk[:1] in (b"/", b"?", b"!"):
        others += 1
    return chunk.count(b"<") - others
