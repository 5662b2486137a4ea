"""ToUnicode CMaps read fast, with exactly pdfminer's result, for the pdfium engine's fonts.

pdfminer tokenises a font's ToUnicode CMap in Python (`CMapParser`, a PostScript stack
parser): on a page of many subset fonts that is most of the cost of reading its font
dictionaries. A ToUnicode CMap is nearly always a short header and `beginbfchar` /
`beginbfrange` blocks of hex strings. `FastToUnicodeParser` decodes those blocks with regular
expressions, in document order, through pdfminer's own `add_cid2unichr` (so its rules, such as
the no-break-space collision, still apply), and hands the rest of the CMap (header, `def`s,
`usecmap`) to pdfminer's parser. Anything unusual in or around a block (names, arrays within
arrays, comments between blocks, an odd number of hex digits, ranges pdfminer would warn about
or skip, CID blocks, a block after `endcmap`) sends the whole CMap to pdfminer's parser.

    with fast_tounicode():   # pdfminer fonts built inside read their ToUnicode maps this way
        manager.get_font(objid, spec)
"""
from __future__ import annotations

import contextlib
import re
import struct
import threading
from io import BytesIO
from typing import BinaryIO, Iterator, Optional, Union

from pdfminer import pdffont
from pdfminer.cmapdb import CMapBase, CMapParser, FileUnicodeMap

_DELIMITER = rb"[#/%\[\]()<>{}\s]"  # what ends a PostScript keyword (pdfminer's END_KEYWORD)
_BLOCK = re.compile(rb"(?<![^#/%\[\]()<>{}\s])begin(bfchar|bfrange)(?=" + _DELIMITER + rb")"
                    rb"(.*?)(?<=" + _DELIMITER + rb")end\1(?=" + _DELIMITER + rb"|$)", re.S)
_TOKEN = re.compile(rb"\s*(?:<([0-9A-Fa-f\s]*)>|(\[)|(\]))")
_SPACE = re.compile(rb"\s")
_TRAILING = re.compile(rb"\s*")
_UNUSUAL = (b"endcidrange", b"endcidchar")  # CID blocks: their order among bf blocks matters

Token = Union[bytes, list]


class _Unusual(Exception):
    """The CMap holds something only pdfminer's own parser handles exactly."""


def _tokens(body: bytes) -> list[Token]:
    """Hex strings and flat arrays of them; _Unusual for anything else."""
    found: list[Token] = []
    array: Optional[list[bytes]] = None
    position, end = 0, len(body)
    while True:
        position = _TRAILING.match(body, position).end()  # type: ignore[union-attr]
        if position >= end:
            break
        match = _TOKEN.match(body, position)
        if match is None:
            raise _Unusual
        hexdigits, opening, closing = match.groups()
        if hexdigits is not None:
            digits = _SPACE.sub(b"", hexdigits)
            if len(digits) % 2:
                raise _Unusual  # pdfminer keeps an odd last digit as a raw byte
            value = bytes.fromhex(digits.decode("ascii"))
            (array if array is not None else found).append(value)
        elif opening:
            if array is not None:
                raise _Unusual
            array = []
        else:
            if array is None:
                raise _Unusual
            found.append(array)
            array = None
        position = match.end()
    if array is not None:
        raise _Unusual
    return found


def _bfchar(cmap: FileUnicodeMap, tokens: list[Token]) -> None:
    if len(tokens) % 2:
        raise _Unusual
    for k in range(0, len(tokens), 2):
        cid, code = tokens[k], tokens[k + 1]
        if not isinstance(cid, bytes) or not isinstance(code, bytes):
            raise _Unusual
        cmap.add_cid2unichr(int.from_bytes(cid, "big"), code)


def _bfrange(cmap: FileUnicodeMap, tokens: list[Token]) -> None:
    if len(tokens) % 3:
        raise _Unusual
    for k in range(0, len(tokens), 3):
        first, last, code = tokens[k], tokens[k + 1], tokens[k + 2]
        if not isinstance(first, bytes) or not isinstance(last, bytes) or len(first) != len(last):
            raise _Unusual  # pdfminer warns and skips such a range
        start, end = int.from_bytes(first, "big"), int.from_bytes(last, "big")
        if isinstance(code, list):
            if len(code) != end - start + 1:
                raise _Unusual  # pdfminer warns
            for cid, value in zip(range(start, end + 1), code):
                cmap.add_cid2unichr(cid, value)
            continue
        if not code:
            raise _Unusual
        tail, prefix = code[-4:], code[:-4]
        base, width = int.from_bytes(tail, "big"), len(tail)
        if base + end - start >= 1 << 32:
            raise _Unusual  # pdfminer's struct.pack fails there
        for i in range(end - start + 1):
            cmap.add_cid2unichr(start + i, prefix + struct.pack(">L", base + i)[-width:])


def read_blocks(cmap: FileUnicodeMap, data: bytes) -> Optional[bytes]:
    """Add the CMap's bf blocks to `cmap`; the CMap without them (for pdfminer's parser), or
    None (cmap untouched) when the CMap needs pdfminer's parser whole."""
    if any(word in data for word in _UNUSUAL):
        return None
    blocks = list(_BLOCK.finditer(data))
    if not blocks:
        return data
    if b"endcmap" in data[: blocks[-1].end()] or b"%" in data[blocks[0].start(): blocks[-1].end()]:
        return None  # pdfminer ignores blocks after endcmap; a comment may hide part of one
    added = FileUnicodeMap()
    try:
        for block in blocks:
            (_bfchar if block.group(1) == b"bfchar" else _bfrange)(added, _tokens(block.group(2)))
    except (_Unusual, UnicodeDecodeError, ValueError):
        return None
    cmap.cid2unichr.update(added.cid2unichr)
    pieces, last = [], 0
    for block in blocks:
        pieces.append(data[last: block.start()])
        last = block.end()
    pieces.append(data[last:])
    return b" ".join(pieces)


class FastToUnicodeParser:
    """Drop-in for pdfminer's `CMapParser(cmap, fp).run()` on a font's ToUnicode stream."""

    def __init__(self, cmap: CMapBase, fp: BinaryIO) -> None:
        self.cmap, self.fp = cmap, fp

    def run(self) -> None:
        data = self.fp.read()
        rest = None
        if type(self.cmap) is FileUnicodeMap and not self.cmap.cid2unichr:
            rest = read_blocks(self.cmap, data)
        CMapParser(self.cmap, BytesIO(data if rest is None else rest)).run()


_PATCH_LOCK = threading.Lock()


@contextlib.contextmanager
def fast_tounicode() -> Iterator[None]:
    """pdfminer fonts created inside read their ToUnicode CMaps through FastToUnicodeParser.
    A font another thread creates meanwhile gets the same map (the result is pdfminer's)."""
    with _PATCH_LOCK:
        saved = pdffont.CMapParser
        pdffont.CMapParser = FastToUnicodeParser  # type: ignore[misc,assignment]
        try:
            yield
        finally:
            pdffont.CMapParser = saved  # type: ignore[misc]
