"""Plain-text layouts, as Word's "save as text" and copy-paste produce them."""

from random import Random

from tests.importers.corpus.forms import Form


def _head(form: Form) -> list[str]:
    lines = [f"\t{line}" for line in form.title] + [""]
    lines += [f"\t{line}" for line in form.intro] + ([""] if form.intro else [])
    return lines


def _tail(form: Form) -> list[str]:
    lines = ["", *form.trailer, ""] if form.trailer else [""]
    return lines + form.signature


def txt_blocks(form: Form, rng: Random) -> bytes:
    """Label, blank line, value block (the seeds' layout); the person's header as 3 + 3 lines."""
    lines = _head(form)
    fields = list(form.fields)
    if form.header_block and form.kind == "participation_report":
        head, fields = fields[:3], fields[3:]
        lines += [f"\t{f.label.rstrip(':')}" for f in head] + [""]
        lines += [f"\t{f.lines[0] if f.lines else ''}" for f in head] + [""]
    for item in fields:
        lines += [f"\t{item.label}", ""]
        for index, value in enumerate(item.lines):
            # Items of a list follow each other; paragraphs are separated by a blank line.
            lines.append(("\t" if index == 0 else "") + value)
            if item.items is None and index < len(item.lines) - 1:
                lines.append("")
        lines.append("")
    return _encode("\n".join(lines + _tail(form)), rng)


def _encode(text: str, rng: Random) -> bytes:
    """UTF-8, UTF-8 with BOM, or Windows-1252 when every character fits (old Notepad)."""
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252"])
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


def txt_inline(form: Form, rng: Random) -> bytes:
    """ "Label: value" on one line; a list starts on the next line, one item per line."""
    lines = [line.strip() for line in _head(form)]
    for item in form.fields:
        label = item.label if item.label.endswith(":") else f"{item.label}:"
        if item.items is not None or len(item.lines) > 1:
            lines.append(label)
            lines += item.lines
        else:
            lines.append(f"{label} {item.lines[0] if item.lines else ''}".rstrip())
        if rng.random() < 0.5:
            lines.append("")
    return "\n".join(lines + _tail(form)).encode("utf-8")


def txt_tabs(form: Form, rng: Random) -> bytes:
    """ "Label<TAB>value" rows, as a Word table saved as text; lists stay inline."""
    lines = [line.strip() for line in _head(form)]
    for item in form.fields:
        value = " ".join(item.lines)
        lines.append(f"{item.label.rstrip(':')}\t{value}")
    return "\n".join(lines + _tail(form)).encode("utf-8")


TEXT_LAYOUTS = {"txt_blocks": txt_blocks, "txt_inline": txt_inline, "txt_tabs": txt_tabs}
