"""Plain-text input: detect the encoding, normalise to NFC, keep the printed lines."""
from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

from pipeline.document import Line, RawDocument, RawPage
from pipeline.errors import InputError

# Tried in order after BOM sniffing; GB18030 is a superset of GBK and GB2312.
_FALLBACK_ENCODINGS = ("utf-8", "gb18030")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it shares the first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    """Name the encoding of `data`: a BOM wins, then BOM-less UTF-16, UTF-8, GB18030."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _bomless_utf16(data)
    if utf16:
        return utf16
    for name in _FALLBACK_ENCODINGS:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    raise InputError("not text (undecodable as UTF-8, UTF-16 or GB18030)")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-range code units leave one byte of each pair zero."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        return "utf-16-be"
    return None


def _why_undecodable(error: UnicodeDecodeError, encoding: str, size: int) -> str:
    """A reader's reason for a decoding failure (never the codec's own message)."""
    name = encoding.upper().replace("-SIG", "").replace("-LE", " LE").replace("-BE", " BE")
    unit = 4 if "32" in encoding else 2 if "16" in encoding else 1
    if unit > 1 and size % unit:
        return f"{name} with {size} bytes, not a multiple of {unit}"
    if unit == 2 and "surrogate" in error.reason:
        return f"{name} with an unpaired surrogate at byte {error.start}"
    if unit == 4:
        return f"{name} with an invalid code point at byte {error.start}"
    return f"invalid {name} at byte {error.start}"


def decode_text(data: bytes) -> str:
    """The text of `data` (NFC), or InputError("not text (reason)")."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"not text ({_why_undecodable(error, encoding, len(data))})") from None
    if "\x00" in text:
        raise InputError(f"not text (NUL characters after decoding as {encoding})")
    text = text.lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def read_text(path: str | Path) -> RawDocument:
    """Read a text file as one page of printed lines (blank lines kept: they mark breaks)."""
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file")
    text = decode_text(data)
    lines = [Line(line.rstrip()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return RawDocument(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        kind="text",
        pages=[RawPage(number=1, lines=lines)],
    )
