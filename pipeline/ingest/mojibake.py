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

from typing import Optional

ENCODINGS = ("gbk", "big5")
LEAD_MIN = 0x81  # GBK and Big5 lead bytes are 0x81-0xFE
TRAIL_RANGES = {"gbk": ((0x40, 0x7E), (0x80, 0xFE)), "big5": ((0x40, 0x7E), (0xA1, 0xFE))}
PAIR_GAP = 0.6  # of the font size: a wider gap between two glyphs can't split one character


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
        lead = glyph_byte(glyph["text"])
        if lead is not None and lead >= LEAD_MIN and i + 1 < len(row):
            nxt = row[i + 1]
            trail = glyph_byte(nxt["text"])
            size = float(glyph.get("size") or (glyph["bottom"] - glyph["top"]) or 1.0)
            if trail is not None and _is_trail(trail, encoding) \
                    and nxt["x0"] - glyph["x1"] <= PAIR_GAP * size:
                try:
                    char = bytes((lead, trail)).decode(encoding)
                except UnicodeDecodeError:
                    char = ""
                if len(char) == 1:
                    out.append(_pair(glyph, nxt, char))
                    i += 2
                    continue
        out.append(glyph)
        i += 1
    return out


def decode_rows(rows: list[list[dict]], encoding: str) -> list[dict]:
    """Every row decoded; glyphs come back row after row."""
    return [glyph for row in rows for glyph in decode_row(row, encoding)]
