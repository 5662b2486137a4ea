"""Glyphs to printed lines: the geometry step between ingest and repair.

Glyphs are grouped into rows by their top, and a row is split into line segments where a gap is
wider than a gutter. Every line keeps one box per character, its dominant size, a bold flag and,
for OCR glyphs, its lowest confidence.
"""
from __future__ import annotations

from statistics import median
from typing import Optional

from pipeline.document import Box, Line, RawPage

ROW_TOLERANCE = 0.35  # of the font size: glyphs whose tops differ less share a row
GUTTER = 1.0  # of the font size: a wider horizontal gap splits a row into line segments
BOLD_HINTS = ("bold", "heavy", "black", "hei", "demi")


def page_lines(page: RawPage) -> list[Line]:
    """The page's lines: as ingested for text input, else built from its glyphs."""
    if not page.glyphs:
        return page.lines
    return glyphs_to_lines(page.glyphs, page.number)


def glyphs_to_lines(glyphs: list[dict], page_number: int) -> list[Line]:
    """Group glyphs into rows by their top, then split rows where a gap is wider than a gutter."""
    glyphs = sorted(glyphs, key=lambda c: (c["top"], c["x0"]))
    rows: list[list[dict]] = []
    for glyph in glyphs:
        size = float(glyph.get("size") or 1.0)
        if rows and abs(glyph["top"] - rows[-1][0]["top"]) <= ROW_TOLERANCE * size:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        segment: list[dict] = []
        for glyph in row:
            size = float(glyph.get("size") or 1.0)
            if segment and glyph["x0"] - segment[-1]["x1"] > GUTTER * size:
                lines.append(make_line(segment, page_number))
                segment = []
            segment.append(glyph)
        if segment:
            lines.append(make_line(segment, page_number))
    lines = [line for line in lines if line.text.strip()]
    lines.sort(key=lambda l: (round(l.bbox[1]), l.bbox[0]))  # type: ignore[index]
    return lines


def make_line(glyphs: list[dict], page_number: int) -> Line:
    text_parts: list[str] = []
    boxes: list[Optional[Box]] = []
    for glyph in glyphs:
        box = (float(glyph["x0"]), float(glyph["top"]), float(glyph["x1"]), float(glyph["bottom"]))
        text_parts.append(glyph["text"])
        boxes.extend([box] * len(glyph["text"]))
    text = "".join(text_parts)
    # Strip surrounding spaces, keeping boxes aligned.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    boxes = boxes[lead : lead + len(text)]
    sizes = [float(g.get("size") or 0) for g in glyphs if g["text"].strip()]
    size = round(median(sizes), 2) if sizes else None
    bold = any(hint in str(g.get("fontname", "")).lower() for g in glyphs for hint in BOLD_HINTS)
    confidences = [float(g["conf"]) for g in glyphs if g.get("conf") is not None]
    confidence = round(min(confidences), 3) if confidences else None
    return Line(text, page_number, boxes, size, bold, confidence=confidence)
