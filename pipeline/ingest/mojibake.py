"""Re-decode a text layer whose Chinese fonts map each GBK or Big5 byte to a Latin-1 glyph.

Old Chinese typesetting systems drew a character as two glyphs of a byte font, and the PDF's
ToUnicode (or its absence, with a WinAnsi encoding) maps those bytes to Latin-1 Supplement
characters: `Ä¿¡¡` is the GBK pair C4 BF A1 A1, `目　`. Each glyph's character is turned back
into its byte (cp1252 where WinAnsi differs from Latin-1), consecutive bytes of one row are
paired as the encoding says, and a pair becomes one glyph whose box is the union of the two.

    decode_rows(rows, "gbk") -> list[dict]   # rows of glyphs, each row sorted left to right

Whether the result reads as Chinese is the caller's verdict (`textlayer.py`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

ENCODINGS = ("gbk", "big5")
LEAD_MIN = 0x81  # GBK and Big5 lead bytes are 0x81-0xFE
TRAIL_RANGES = {"gbk": ((0x40, 0x7E), (0x80, 0xFE)), "big5": ((0x40, 0x7E), (0xA1, 0xFE))}
PAIR_GAP = 0.6  # of the font size: a wider gap between two glyphs can't split one character
# WinAnsi names byte 0xAD `hyphen` and 0xA0 `space`, so extractors give `-` or ` ` for them;
# after a lead byte they can only be trail bytes (GB2312 trails are 0xA1-0xFE: 0xAD first).
TRAIL_ALIASES = {" ": (0xAD, 0xA0), "-": (0xAD,), "\xad": (0xAD,)}


@lru_cache(maxsize=1 << 16)  # asked for every glyph of a page; a page repeats its texts
def glyph_byte(text: str) -> Optional[int]:
    """The byte a one-character glyph stands for, or None (not a single-byte glyph)."""
    if len(text) != 1:
        return None
    code = ord(text)
    if code < 0x100:
        return code
    try:
        encoded = text.encode("cp1252")  # WinAnsi glyphs such as `‚` (0x82) or `Œ` (0x8C)
    except UnicodeEncodeError:
        return None
    return encoded[0] if len(encoded) == 1 else None


def is_high_byte_glyph(text: str) -> bool:
    """A glyph standing for a byte 0x80-0xFF: what a byte-pair font leaves in a text layer."""
    byte = glyph_byte(text)
    return byte is not None and byte >= 0x80


def _is_trail(byte: int, encoding: str) -> bool:
    return any(lo <= byte <= hi for lo, hi in TRAIL_RANGES[encoding])


def _pair(lead: dict, trail: dict, char: str) -> dict:
    merged = dict(lead)
    merged.update(text=char, x0=min(lead["x0"], trail["x0"]), top=min(lead["top"], trail["top"]),
                  x1=max(lead["x1"], trail["x1"]), bottom=max(lead["bottom"], trail["bottom"]))
    return merged


def decode_row(row: list[dict], encoding: str) -> list[dict]:
    """One row of glyphs (left to right) with byte pairs decoded into single characters.

    A lead byte pairs with the next glyph when that glyph is a valid trail byte close enough to
    belong to the same character; anything else is kept as it is.
    """
    out: list[dict] = []
    i = 0
    while i < len(row):
        glyph = row[i]
        lead = _lead_byte(row, i)
        if lead is not None and i + 1 < len(row):
            nxt = row[i + 1]
            size = float(glyph.get("size") or (glyph["bottom"] - glyph["top"]) or 1.0)
            char = ""
            if nxt["x0"] - glyph["x1"] <= PAIR_GAP * size:
                char = _decode_pair(lead, nxt["text"], encoding)
            if char:
                out.append(_pair(glyph, nxt, char))
                i += 2
                continue
        out.append(glyph)
        i += 1
    return out


def _lead_byte(row: list[dict], i: int) -> Optional[int]:
    """The lead byte glyph `i` stands for, if any. A `-` or ` ` glyph counts as 0xAD only
    inside a run of byte glyphs (a real space or hyphen sits between ASCII text)."""
    text = row[i]["text"]
    byte = glyph_byte(text)
    if byte is not None and byte >= LEAD_MIN:
        return byte
    if text in TRAIL_ALIASES and i + 1 < len(row):
        nxt = glyph_byte(row[i + 1]["text"])
        after = glyph_byte(row[i + 2]["text"]) if i + 2 < len(row) else None
        if nxt is not None and (nxt >= 0x80 or (after is not None and after >= 0x80)):
            return max(TRAIL_ALIASES[text])  # 0xAD (0xA0 is no lead byte)
    return None


def _decode_pair(lead: int, trail_text: str, encoding: str) -> str:
    """The character a lead byte and the next glyph make, or "" when they make none."""
    byte = glyph_byte(trail_text)
    candidates = TRAIL_ALIASES.get(trail_text, (byte,) if byte is not None else ())
    for trail in candidates:
        if not _is_trail(trail, encoding):
            continue
        try:
            char = bytes((lead, trail)).decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(char) == 1:
            return char
    return ""


def decode_rows(rows: list[list[dict]], encoding: str) -> list[dict]:
    """Every row decoded; glyphs come back row after row."""
    return [glyph for row in rows for glyph in decode_row(row, encoding)]
