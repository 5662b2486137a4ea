"""PDF input through pdfplumber: duplicated glyphs removed first, then chars grouped into
printed line segments (a row of chars split at column gutters), each with per-char boxes.

Bad input raises InputError with a one-line reason. A page whose text layer has no Unicode
mapping ((cid:N) codes, private-use characters) yields no lines, a warning and `needs_ocr`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from statistics import median

from pipeline.document import Box, Line, RawDocument, RawPage
from pipeline.errors import InputError
from pipeline.ingest.glyphs import dedupe

ROW_TOLERANCE = 0.35  # of the font size: chars whose tops differ less share a row
GUTTER = 1.0  # of the font size: a wider horizontal gap splits a row into line segments
UNMAPPED_SHARE = 0.3  # share of unmapped glyphs that makes a page need OCR
BOLD_HINTS = ("bold", "heavy", "black", "hei", "demi")


def _is_unmapped(text: str) -> bool:
    return text.startswith("(cid:") or any(0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" for ch in text)


def chars_to_lines(chars: list[dict], page_number: int) -> list[Line]:
    """Group chars into rows by their top, then split rows where a gap is wider than a gutter."""
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    rows: list[list[dict]] = []
    for char in chars:
        size = float(char.get("size") or 1.0)
        if rows and abs(char["top"] - rows[-1][0]["top"]) <= ROW_TOLERANCE * size:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        segment: list[dict] = []
        for char in row:
            size = float(char.get("size") or 1.0)
            if segment and char["x0"] - segment[-1]["x1"] > GUTTER * size:
                lines.append(_line(segment, page_number))
                segment = []
            segment.append(char)
        if segment:
            lines.append(_line(segment, page_number))
    lines = [line for line in lines if line.text.strip()]
    lines.sort(key=lambda l: (round(l.bbox[1]), l.bbox[0]))  # type: ignore[index]
    return lines


def _line(chars: list[dict], page_number: int) -> Line:
    text_parts: list[str] = []
    boxes: list[Box | None] = []
    for char in chars:
        box = (float(char["x0"]), float(char["top"]), float(char["x1"]), float(char["bottom"]))
        text_parts.append(char["text"])
        boxes.extend([box] * len(char["text"]))
    text = "".join(text_parts)
    # Strip surrounding spaces, keeping boxes aligned.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    boxes = boxes[lead : lead + len(text)]
    sizes = [float(c.get("size") or 0) for c in chars if c["text"].strip()]
    size = round(median(sizes), 2) if sizes else None
    bold = any(hint in str(c.get("fontname", "")).lower() for c in chars for hint in BOLD_HINTS)
    return Line(text, page_number, boxes, size, bold)


def _open(path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # forces the page tree to be read
    except Exception as error:  # pdfplumber wraps pdfminer's errors in PdfminerException
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        name = type(cause).__name__
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "encrypt" in name.lower():
            raise InputError("encrypted PDF: cannot be read without its password") from None
        detail = str(cause).strip()[:80]
        reason = f"{name}: {detail}" if detail else name
        if isinstance(cause, PDFSyntaxError) or "EOF" in detail or "xref" in detail.lower():
            raise InputError(f"corrupt or truncated PDF ({reason})") from None
        raise InputError(f"unreadable PDF ({reason})") from None
    return pdf


def read_pdf(path: str) -> RawDocument:
    data = Path(path).read_bytes()
    warnings: list[str] = []
    pages: list[RawPage] = []
    pdf = _open(path)
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                raw_chars = page.chars
            except Exception as error:
                raise InputError(f"corrupt or truncated PDF: page {number} unreadable "
                                 f"({type(error).__name__})") from None
            chars = dedupe(raw_chars)
            images = [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]))
                      for i in page.images]
            visible = [c for c in chars if c["text"].strip()]
            unmapped = sum(_is_unmapped(c["text"]) for c in visible)
            needs_ocr = False
            if visible and unmapped / len(visible) >= UNMAPPED_SHARE:
                needs_ocr = True
                warnings.append(f"page {number}: {unmapped} of {len(visible)} glyphs have no Unicode "
                                f"mapping; text not extracted, page needs OCR")
                chars = []
            elif not visible and images:
                needs_ocr = True
                warnings.append(f"page {number}: no text layer (image only); page needs OCR")
            pages.append(RawPage(
                number=number, width=float(page.width), height=float(page.height),
                chars=chars, images=images, needs_ocr=needs_ocr,
                lines=chars_to_lines(chars, number),
            ))
    except InputError:
        raise
    except Exception as error:
        raise InputError(f"corrupt or truncated PDF ({type(error).__name__}: {str(error)[:80]})") from None
    finally:
        pdf.close()
    if not pages:
        raise InputError("PDF has no pages")
    return RawDocument(path=path, sha256=hashlib.sha256(data).hexdigest(), kind="pdf", pages=pages,
                       warnings=warnings)
