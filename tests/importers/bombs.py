"""Small files that cost a lot to read: zip bombs as .docx, Flate and page-count bombs as PDF.

Each one carries a real form title and labels, so that without the bounds it would be read,
recognised and kept as a pending upload. Built in memory in well under a second.
"""

import io
import struct
import zipfile
import zlib

from docx import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FORM_LINES = (
    "INFORME DE PARTICIPACIÓN",
    "Nombre: Ana Solís",
    "Cargo: Asesora",
    "Nombre de la actividad: Foro Generación Igualdad",
)
MB = 1024 * 1024


def _template() -> zipfile.ZipFile:
    buffer = io.BytesIO()
    Document().save(buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _document_xml(body: str) -> bytes:
    form = "".join(_paragraph(line) for line in FORM_LINES)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{form}{body}</w:body></w:document>'
    ).encode()


def docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A real python-docx package whose word/document.xml (and extra members) are replaced."""
    template = _template()
    buffer = io.BytesIO()
    # The fastest level: these members are so repetitive that it still packs them ~300:1.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for item in template.infolist():
            data = template.read(item.filename)
            archive.writestr(
                item.filename, document_xml if item.filename == "word/document.xml" else data
            )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ordinary_docx() -> bytes:
    return docx_with(_document_xml(""))


def inflating_docx(megabytes: int = 80) -> bytes:
    """document.xml of `megabytes` MB of paragraphs: a ~250 kB file."""
    return docx_with(_document_xml(_paragraph("A" * 1023) * (megabytes * 1024)))


def many_members_docx(members: int = 4, megabytes_each: int = 9) -> bytes:
    """Each member under the per-member bound, all together over the archive's bound."""
    filler = b"\0" * (megabytes_each * MB)
    return docx_with(
        _document_xml(""), {f"word/media/image{n}.bmp": filler for n in range(members)}
    )


def many_elements_docx(elements: int = 1_500_000) -> bytes:
    """Millions of empty runs in one paragraph: under 10 MB of XML, a ~30 kB file."""
    return docx_with(_document_xml("<w:p>" + "<w:r/>" * elements + "</w:p>"))


def lying_header_docx(megabytes: int = 40) -> bytes:
    """document.xml inflates to `megabytes` MB while the zip's headers say it holds 1 kB."""
    data = bytearray(inflating_docx(megabytes))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1024)  # local header's size
    entry = archive.start_dir
    while data[entry : entry + 4] == b"PK\x01\x02":  # the central directory's entries
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, entry + 24, 1024)
        entry += 46 + name_length + extra_length + comment_length
    return bytes(data)


# --- PDF, written by hand: fast to build at any page count -------------------------------------

FORM_CONTENT = (
    b"BT /F1 12 Tf 72 720 Td "
    + b" ".join(b"(" + line.encode("cp1252") + b") Tj 0 -14 Td" for line in FORM_LINES)
    + b" ET\n"
)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (number n is objects[n - 1]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + (b"\nendstream")
    )


def pdf_pages(contents_per_page: list[list[bytes]], declared_count: int | None = None) -> bytes:
    """Pages sharing one font; page i draws the content streams contents_per_page[i]."""
    # 1 catalog, 2 pages, 3 font, then each distinct stream once, then the pages.
    streams: dict[bytes, int] = {}
    objects = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for contents in contents_per_page:
        for content in contents:
            if content not in streams:
                objects.append(_stream(content))
                streams[content] = len(objects)
    kids = []
    for contents in contents_per_page:
        refs = b" ".join(b"%d 0 R" % streams[content] for content in contents)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents [" + refs + b"] >>"
        )
        kids.append(b"%d 0 R" % len(objects))
    count = len(kids) if declared_count is None else declared_count
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % count
    return _pdf(objects)


def ordinary_pdf() -> bytes:
    return pdf_pages([[FORM_CONTENT]])


def busy_content(megabytes: float, salt: bytes = b"") -> bytes:
    """Content made of the smallest text operators, the slowest kind for pypdf to parse."""
    operator = b"BT /F1 1 Tf (A" + salt + b") Tj ET\n"
    return operator * int(megabytes * MB / len(operator))


def flate_bomb_pdf(streams: int = 2, megabytes_each: int = 5) -> bytes:
    """A ~20 kB PDF whose page draws `streams` content streams of `megabytes_each` MB."""
    bombs = [busy_content(megabytes_each, b"%d" % n) for n in range(streams)]
    return pdf_pages([[FORM_CONTENT, *bombs]])


def many_pages_pdf(pages: int = 5000, declared_count: int | None = None) -> bytes:
    return pdf_pages([[FORM_CONTENT]] * pages, declared_count)


def slow_pdf(pages: int = 15, kilobytes_each: int = 100) -> bytes:
    """Within every size bound, yet slow: each page is 100 kB of tiny text operators."""
    return pdf_pages(
        [[FORM_CONTENT, busy_content(kilobytes_each / 1024, b"%d" % n)] for n in range(pages)]
    )
