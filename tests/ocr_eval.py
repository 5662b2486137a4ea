"""Measuring OCR against the text layer of the same generated page (test and benchmark tooling).

- `body_accuracy(ocr_article, text_article)`: 1 - edit distance / length over the article body
  (section headings and paragraphs), as the pipeline reads it: layout included;
- `line_accuracy(pdf_path, glyphs)`: the same per printed line of the text layer, OCR glyphs
  taken by position: recognition alone, whatever layout makes of it.
Spaces are ignored in both: where a space falls is measured by the field checks (headline,
byline) in the tests.
"""
from __future__ import annotations

from dataclasses import dataclass


def distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def _plain(text: str) -> str:
    return "".join(text.split())


def body(article) -> str:
    parts = []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(section.paragraphs)
    return "\n".join(parts)


def accuracy(got: str, want: str) -> float:
    got, want = _plain(got), _plain(want)
    return 1.0 - distance(got, want) / max(1, len(want))


def body_accuracy(got_article, want_article) -> float:
    return accuracy(body(got_article), body(want_article))


@dataclass
class LineScore:
    lines: int
    chars: int
    errors: int
    missed: int  # lines with no OCR glyph at all
    worst: list[tuple[str, str]]

    @property
    def accuracy(self) -> float:
        return 1.0 - self.errors / max(1, self.chars)


def truth_lines(pdf_path, page_index: int = 0) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The page's printed lines (text, box in points) from its text layer, fake bold removed:
    glyphs in rows by their vertical centre, a row cut wherever a gap exceeds half the size
    (narrow gutters included)."""
    import pdfplumber

    from pipeline.ingest.glyphs import dedupe

    with pdfplumber.open(str(pdf_path)) as pdf:
        glyphs = dedupe(pdf.pages[page_index].chars)
    glyphs.sort(key=lambda g: ((g["top"] + g["bottom"]) / 2, g["x0"]))
    rows: list[list[dict]] = []
    for g in glyphs:
        mid = (g["top"] + g["bottom"]) / 2
        if rows and abs(mid - rows[-1][0]["_mid"]) <= 0.5 * g["size"]:
            rows[-1].append(dict(g, _mid=mid))
        else:
            rows.append([dict(g, _mid=mid)])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g["x0"])
        run: list[dict] = []
        for g in row + [None]:
            if g is None or (run and g["x0"] - run[-1]["x1"] > 0.5 * g["size"]):
                text = "".join(c["text"] for c in run)
                if text.strip():
                    lines.append((text, (min(c["x0"] for c in run), min(c["top"] for c in run),
                                         max(c["x1"] for c in run), max(c["bottom"] for c in run))))
                run = []
            if g is not None:
                run.append(g)
    return lines


def line_accuracy(truth: list[tuple[str, tuple]], glyphs: list[dict], scale: float = 1.0,
                  shift: tuple[float, float] = (0.0, 0.0)) -> LineScore:
    """OCR glyphs matched to the true lines by their centres (glyph points x `scale` + `shift`
    map them onto the truth page)."""
    placed = []
    for g in glyphs:
        cx = ((g["x0"] + g["x1"]) / 2) * scale + shift[0]
        cy = ((g["top"] + g["bottom"]) / 2) * scale + shift[1]
        placed.append((cx, cy, g["text"]))
    chars = errors = missed = 0
    worst = []
    for text, (x0, top, x1, bottom) in truth:
        pad = 0.35 * (bottom - top)
        inside = sorted((cx, t) for cx, cy, t in placed
                        if x0 - pad <= cx <= x1 + pad and top - pad <= cy <= bottom + pad)
        got = _plain("".join(t for _, t in inside))
        want = _plain(text)
        e = distance(got, want)
        chars += len(want)
        errors += e
        missed += not inside
        if e:
            worst.append((want, got))
    return LineScore(len(truth), chars, errors, missed, worst)
