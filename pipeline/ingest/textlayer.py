"""Verdicts on a PDF page's text layer: use it, recover it, re-read parts of it, or OCR the page.

    judge(glyphs, images, width, height) -> Verdict

- good: characters read like Chinese news (or are plain Latin text) -> source "text";
- GBK/Big5 byte pairs shown as Latin-1 (`Ä¿¡¡`): re-decoded per glyph pair when the result
  reads as Chinese -> source "recovered", no OCR;
- unusable: `(cid:N)`, private-use or replacement characters, control characters, several
  Chinese characters on one glyph, mojibake that decodes to nothing plausible, or Chinese text
  made mostly of characters news never uses (a wrong ToUnicode map) -> "ocr";
- a scan under an invisible text layer from an older OCR: lines that read plausibly are kept,
  the others (`瓷堍 甏 蔑魄 罄`: runs of rare characters) are handed back as regions to re-read.

"Reads like Chinese" is judged by the share of characters found among the 3000 most frequent
characters of People's Daily 1998 (`resources/common_chars.txt`, built by
scripts/build_char_table.py), and for Big5 by the share falling in Big5's own block of
frequently used characters (its lead bytes 0xA4-0xC6).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from pipeline.document import Box
from pipeline.ingest.mojibake import ENCODINGS, decode_rows, is_high_byte_glyph

BROKEN_SHARE = 0.3  # share of broken glyphs that makes a text layer unusable
BYTE_GLYPH_SHARE = 0.3  # share of Latin-1 byte glyphs that makes a page a mojibake suspect
PAGE_COMMON_SHARE = 0.8  # decoded mojibake must read this well to be used
BIG5_COMMON_SHARE = 0.85  # Big5: share in its frequently-used block (GBK read as Big5: ~0.55)
LAYER_COMMON_SHARE = 0.6  # below this a page's Chinese text is not news text: OCR it
MIN_JUDGED = 20  # Chinese characters needed before a page's share is trusted
LINE_RARE_SHARE = 0.5  # a line with at least this share of rare characters is unreadable
LINE_RARE_RUN = 3  # ...and so is one with this many rare characters in a row
SCAN_COVER = 0.5  # images covering this share of the page make it a scan
ROW_TOLERANCE = 0.5  # of the size: glyphs whose vertical centres differ less share a row
RUN_GAP = 1.5  # of the size: a wider gap ends a run of glyphs within a row
BIG5_COMMON_LEADS = (0xA4, 0xC6)


@dataclass
class Verdict:
    """Where a page's text comes from. `source` "ocr" means the page needs OCR."""

    source: str  # "text" | "recovered" | "ocr" | "none"
    glyphs: list[dict]
    warning: Optional[str] = None
    reread: list[Box] = field(default_factory=list)  # regions (points) to re-read by OCR


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    text = resources.files("pipeline").joinpath("resources/common_chars.txt").read_text("utf-8")
    return frozenset(ch for line in text.splitlines() if not line.startswith("#") for ch in line)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF


def common_share(text: str) -> Optional[float]:
    """Share of the Chinese characters of `text` that are common; None without any."""
    cjk = [ch for ch in text if is_cjk(ch)]
    if not cjk:
        return None
    table = common_chars()
    return sum(ch in table for ch in cjk) / len(cjk)


def big5_common_share(text: str) -> Optional[float]:
    """Share of the Chinese characters whose Big5 code lies in its frequently-used block."""
    cjk = [ch for ch in text if is_cjk(ch)]
    if not cjk:
        return None
    lo, hi = BIG5_COMMON_LEADS
    hits = 0
    for ch in cjk:
        try:
            lead = ch.encode("big5")[0]
        except UnicodeEncodeError:
            continue
        hits += lo <= lead <= hi
    return hits / len(cjk)


def longest_rare_run(text: str) -> int:
    """Most rare Chinese characters in a row (spaces and other characters in between ignored)."""
    table = common_chars()
    best = run = 0
    for ch in text:
        if is_cjk(ch):
            run = run + 1 if ch not in table else 0
            best = max(best, run)
    return best


def reads_plausibly(text: str) -> bool:
    """Whether one printed line reads like news text (lines without Chinese always do)."""
    cjk = [ch for ch in text if is_cjk(ch)]
    if len(cjk) < 2:
        return True
    table = common_chars()
    rare = sum(ch not in table for ch in cjk)
    return rare / len(cjk) < LINE_RARE_SHARE and longest_rare_run(text) < LINE_RARE_RUN


@lru_cache(maxsize=1 << 16)  # asked for every glyph of a page; a page repeats its texts
def is_broken_glyph(text: str) -> bool:
    """A glyph whose text can't be what was printed: no mapping, or a mapping to many chars."""
    if text.startswith("(cid:"):
        return True
    if any(0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" or (ord(ch) < 0x20 and ch not in "\t\n\r")
           for ch in text):
        return True
    return sum(is_cjk(ch) for ch in text) >= 2


def _size(glyph: dict) -> float:
    return float(glyph.get("size") or (glyph["bottom"] - glyph["top"]) or 1.0)


def glyph_rows(glyphs: Iterable[dict]) -> list[list[dict]]:
    """Glyphs grouped into rows by their vertical centre, each row sorted left to right."""
    ordered = sorted(glyphs, key=lambda g: ((g["top"] + g["bottom"]) / 2, g["x0"]))
    rows: list[list[dict]] = []
    centre = 0.0
    for glyph in ordered:
        mid = (glyph["top"] + glyph["bottom"]) / 2
        if rows and abs(mid - centre) <= ROW_TOLERANCE * _size(glyph):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
            centre = mid
    for row in rows:
        row.sort(key=lambda g: (g["x0"], g["top"]))
    return rows


def glyph_runs(glyphs: Iterable[dict]) -> list[list[dict]]:
    """Rows cut where a gap is wider than RUN_GAP sizes: roughly one printed line each."""
    runs: list[list[dict]] = []
    for row in glyph_rows(glyphs):
        run: list[dict] = []
        for glyph in row:
            if run and glyph["x0"] - run[-1]["x1"] > RUN_GAP * _size(glyph):
                runs.append(run)
                run = []
            run.append(glyph)
        runs.append(run)
    return runs


def _bbox(glyphs: list[dict]) -> Box:
    return (min(g["x0"] for g in glyphs), min(g["top"] for g in glyphs),
            max(g["x1"] for g in glyphs), max(g["bottom"] for g in glyphs))


def _covered(box: Box, images: list[Box]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(i[0] <= cx <= i[2] and i[1] <= cy <= i[3] for i in images)


def is_scan(images: list[Box], width: float, height: float) -> bool:
    """Images cover most of the page: a scanned page (whatever text lies on top of it)."""
    area = sum(max(0.0, min(i[2], width) - max(i[0], 0.0)) * max(0.0, min(i[3], height) - max(i[1], 0.0))
               for i in images)
    return width > 0 and height > 0 and area >= SCAN_COVER * width * height


def recover(glyphs: list[dict]) -> Optional[tuple[list[dict], str]]:
    """Glyphs with GBK or Big5 byte pairs decoded, and the encoding, when the result reads as
    Chinese; None when no encoding gives plausible text."""
    rows = glyph_rows(glyphs)
    decoded = {enc: decode_rows(rows, enc) for enc in ENCODINGS}
    gbk_text = "".join(g["text"] for g in decoded["gbk"])
    gbk = common_share(gbk_text)
    if gbk is not None and gbk >= PAGE_COMMON_SHARE and _mostly_decoded(decoded["gbk"]):
        return decoded["gbk"], "gbk"
    big5_text = "".join(g["text"] for g in decoded["big5"])
    big5 = big5_common_share(big5_text)
    if big5 is not None and big5 >= BIG5_COMMON_SHARE and _mostly_decoded(decoded["big5"]):
        return decoded["big5"], "big5"
    return None


def _mostly_decoded(glyphs: list[dict]) -> bool:
    """Few byte glyphs left over after pairing: the page really was written in that encoding."""
    visible = [g for g in glyphs if g["text"].strip()]
    left = sum(is_high_byte_glyph(g["text"]) for g in visible)
    return bool(visible) and left / len(visible) < BYTE_GLYPH_SHARE / 2


def judge(glyphs: list[dict], images: list[Box], width: float, height: float,
          number: int = 1) -> Verdict:
    """Decide where the page's text comes from (see the module docstring)."""
    visible = [g for g in glyphs if g["text"].strip()]
    if not visible:
        return Verdict("ocr", [], f"page {number}: no text layer; page read by OCR")
    broken = sum(is_broken_glyph(g["text"]) for g in visible)
    if broken / len(visible) >= BROKEN_SHARE:
        return Verdict("ocr", [], f"page {number}: {broken} of {len(visible)} glyphs have no usable "
                                  f"Unicode mapping; text layer discarded, page read by OCR")
    byte_glyphs = sum(is_high_byte_glyph(g["text"]) for g in visible)
    if byte_glyphs / len(visible) >= BYTE_GLYPH_SHARE:
        recovered = recover(glyphs)
        if recovered is not None:
            return Verdict("recovered", recovered[0],
                           f"page {number}: text layer holds {recovered[1].upper()} byte pairs "
                           f"shown as Latin-1; re-decoded without OCR")
        return Verdict("ocr", [], f"page {number}: text layer is byte-font mojibake that decodes to "
                                  f"nothing readable; text layer discarded, page read by OCR")
    page_text = "".join(g["text"] for g in visible)
    share = common_share(page_text)
    cjk = sum(is_cjk(ch) for ch in page_text)
    if share is not None and cjk >= MIN_JUDGED and share < LAYER_COMMON_SHARE:
        return Verdict("ocr", [], f"page {number}: text layer does not read as Chinese ({share:.0%} "
                                  f"common characters); text layer discarded, page read by OCR")
    if not is_scan(images, width, height):
        return Verdict("text", glyphs)
    return _judge_lines(glyphs, images, number)


def _judge_lines(glyphs: list[dict], images: list[Box], number: int) -> Verdict:
    """A scan with a text layer: keep the lines that read plausibly, re-read the others."""
    kept: list[dict] = []
    reread: list[Box] = []
    for run in glyph_runs(glyphs):
        text = "".join(g["text"] for g in run)
        box = _bbox(run)
        if not reads_plausibly(text) and _covered(box, images):
            reread.append(box)
        else:
            kept.extend(run)
    if not reread:
        return Verdict("text", glyphs)
    if not any(g["text"].strip() for g in kept):
        return Verdict("ocr", [], f"page {number}: the scan's text layer does not read as "
                                  f"Chinese; text layer discarded, page read by OCR")
    return Verdict("text", kept, f"page {number}: {len(reread)} line(s) of the scan's text layer "
                                 f"did not read plausibly; re-read by OCR", merge_close(reread))


def merge_close(boxes: list[Box]) -> list[Box]:
    """Regions sorted and merged where they overlap, so nothing is read twice."""
    merged: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        for i, other in enumerate(merged):
            if box[0] <= other[2] and other[0] <= box[2] and box[1] <= other[3] and other[1] <= box[3]:
                merged[i] = (min(box[0], other[0]), min(box[1], other[1]),
                             max(box[2], other[2]), max(box[3], other[3]))
                break
        else:
            merged.append(box)
    return merged

