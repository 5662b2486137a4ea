"""PDF pages through pdfium (pypdfium2's raw API): the fast engine, giving pdfplumber's records.

pdfminer (under pdfplumber) parses every content stream in Python; pdfium parses them in C, so
reading a dense page costs a few ctypes calls per glyph instead. Each glyph is rebuilt the way
pdfminer builds its `LTChar` box, so both engines give the same `PageObjects`:

    x0     = the glyph's origin (pdfium: FPDFText_GetCharOrigin), where pdfminer's pen is
    x1     = x0 + the glyph's /Widths entry * size (exact, from the font dictionary)
    bottom = baseline + Descent * size, top = bottom + size (text space, then the matrix)
    size   = the height of that box; fontname = the descriptor's FontName, subset tag included

What pdfium does differently, and how it is undone:
- It keeps widths and metrics as integers (599.6 -> 599, Descent -200.195 -> -200) and
  strips subset tags from names: the font dictionaries are read through pdfminer's parser (the
  small dictionaries only, never a content stream; ToUnicode maps through `tounicode.py`,
  which gives pdfminer's map faster) for exact widths, Descent and FontName;
  the pen drift the truncated widths cause is added back along each line.
- Its text page leaves out a text object drawn again near an earlier one (fake bold), single
  glyphs that repeat, objects holding only spaces, and a space that ends an object before the
  next one: such objects are read again alone, blank objects and trailing spaces are put back
  from the gap they leave (`_all_runs`, `_blank_run`, `_restore_trailing_spaces`).
- It computes in float32: font sizes, text matrix scales and page boxes are read back as the
  shortest decimal giving that float32 (7.52899981 -> 7.529); an origin within float32 error
  of a 3- or 4-decimal value is taken as that value; a run going on from the last one's pen
  starts at pdfminer's pen. Both engines round in two steps (`pdf_objects.coord`).
- It splits a ligature glyph into its letters at one origin (joined back as the font reads
  the glyph: "fi", or U+FB01 when the map in hand lacks it, as pdfminer reads a glyph named
  "fi"), shows a soft hyphen as U+FFFE or U+0002 at a line end and "-" within
  a line (U+00AD put back, by the glyph's advance for "-"), and keeps one of a row of spaces
  (`_restore_repeated_spaces`).
- Coordinates are mapped from PDF space to pdfplumber's (top-left of the /Rotate'd MediaBox;
  the CropBox moves nothing, as in pdfplumber 0.11); uprightness is judged after /Rotate.

Remaining differences (tests/test_pdfium_engine.py pins them): none in the JSON of the
generated pages or of the issue-71 CJK fixture.
- Latin typesetting (the issue-71-2 French fixture): every glyph but spaces reads the same,
  but word spacing after a run in another font is placed pdfium's way (a line can shift by
  0.1 pt, a few glyphs by up to 4 pt), four spaces are dropped (two on rotated lines), and a
  4-decimal tie can still round 0.001 pt apart. A no-break space alone in its object (a Symbol
  font without U+0020) is put back as `_blank_run` puts back spaces.
- Glyphs on rotated or skewed text matrices are boxed as pdfminer boxes them (the corners
  (0, Descent) and (advance, Descent + 1 em) through the matrix, `_turned_box`); vertical
  writing (Identity-V fonts) is not checked against pdfminer.
- A glyph without a Unicode mapping reads as U+FFFD (pdfminer: "(cid:N)"); both count as
  unmapped.
- Colours come as RGB from pdfium (pdfplumber: the PDF's own colour space), so a tint at the
  light/dark threshold can be filed differently; a shape filled before any colour was set is
  black to pdfium (as the PDF spec says) but has no colour, so not dark, to pdfplumber.

pdfium is not thread-safe: every call into it holds one process-wide lock (`PDFIUM_LOCK`), so
threads (a Dask worker with several threads) take turns; the batch runner's own workers are
processes, each reading one document at a time.
"""
from __future__ import annotations

import ctypes
import struct
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator, Optional

import numpy as np

from pipeline.errors import InputError
from pipeline.ingest.pdf_objects import (COORD_FINE, COORD_STEP, RULE_THICKNESS, PageObjects, box,
                                         coord, glyph, shape)
from pipeline.ingest.tounicode import fast_tounicode

Matrix = tuple[float, float, float, float, float, float]
PDFIUM_LOCK = threading.RLock()
_MATRIX = struct.Struct("6f")  # FS_MATRIX: a, b, c, d, e, f as C floats

_OPEN_ERRORS = {  # FPDF_GetLastError codes
    2: "file not found or could not be opened",
    3: "corrupt or truncated PDF (not in PDF format or damaged)",
    4: "encrypted PDF: cannot be read without its password",
    5: "encrypted PDF: unsupported security scheme",
    6: "corrupt or truncated PDF (page tree damaged)",
}
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_*
SNAP = 1e-4  # points: float32 error of pdfium's coordinates on a page
SNAP_FINE = 4e-5  # points: the same for a 4-decimal value (half a step of the 4th decimal)
LOST = 0.2  # of the font size: an object's bounds past its glyphs by this much lost some
SOFT_HYPHEN = "\u00ad"
_HYPHEN_MARKS = ("-", "\ufffe", "\x02")  # what pdfium may show for a soft hyphen
_LINETO, _MOVETO = 0, 2  # FPDF_SEGMENT_*; BEZIERTO is 1


@dataclass(frozen=True)
class FontMetrics:
    """What pdfminer knows of a font: its descriptor's FontName and Descent (per em), its
    exact glyph widths (`font`, a pdfminer PDFFont) and the size of its embedded program (to
    tell apart subsets of one font that share a name)."""

    fontname: str
    descent: float
    font: object = field(compare=False, hash=False, default=None)
    spec: object = field(compare=False, hash=False, default=None)  # the font dictionary

    @cached_property
    def program_size(self) -> int:
        """Decoded size of the embedded program, read only when two subsets share a name
        (decoding every font's program would cost more than the rest of its metrics)."""
        return _program_size(self.spec) if self.spec is not None else -1

    def widths(self) -> dict[str, Optional[float]]:
        """The widths known so far (text -> `width`), shared by every use of this font."""
        return _WIDTHS.setdefault(id(self.font), {})

    def space(self) -> str:
        """The font's space: U+0020, or a no-break space where it has none (a Symbol font)."""
        return " " if self.width(" ") is not None else "\u00a0"

    def width(self, char: str) -> Optional[float]:
        """The glyph's /Widths entry (1/1000 em) for the code that maps to `char`."""
        known = _WIDTHS.setdefault(id(self.font), {})
        if char not in known:
            known[char] = self._width(char)
        return known[char]

    def joins(self, letters: str) -> bool:
        """Whether the font has a glyph whose text is `letters` or starts with them (a
        ligature: "ffi", even without an "ff" of its own)."""
        codes = _codes(self.font)
        if not codes:
            return False
        prefixes = _PREFIXES.get(id(self.font))
        if prefixes is None:
            spelled = [key for key in codes if len(key) > 1] + list(_ligatures(codes))
            prefixes = _PREFIXES[id(self.font)] = {key[:n] for key in spelled
                                                   for n in range(2, len(key) + 1)}
        return letters in prefixes

    def glyph_text(self, letters: str) -> str:
        """The font's own text for a ligature pdfium spelled out: the letters themselves when
        the font maps a glyph to them, else its one ligature character (U+FB01 for "fi")."""
        codes = _codes(self.font)
        if not codes or letters in codes:
            return letters
        return _ligatures(codes).get(letters, letters)

    def _width(self, char: str) -> Optional[float]:
        codes = _codes(self.font)
        code = codes.get(char) if codes is not None else None
        if code is None:
            return None
        try:
            return float(self.font.char_width(code)) * 1000.0  # type: ignore[attr-defined]
        except Exception:  # a damaged width table: no correction
            return None


_CODES: dict[int, Optional[dict]] = {}
_WIDTHS: dict[int, dict[str, Optional[float]]] = {}  # per font object: text -> width
_PREFIXES: dict[int, set[str]] = {}  # per font object: beginnings of its multi-letter glyphs


def _codes(font) -> Optional[dict]:
    """Inverse of the font's code -> text map (first code wins), built once per font object."""
    if font is None:
        return None
    key = id(font)
    if key not in _CODES:
        # pdfminer reads a code through the ToUnicode map, and through the encoding when the
        # map lacks it (a ligature left out of a subset's map)
        mapping = dict(getattr(font, "cid2unicode", None) or {})
        mapping.update(getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or {})
        inverse: dict[str, int] = {}
        for code, text in sorted(mapping.items()):
            inverse.setdefault(text, code)
        _CODES[key] = inverse
    return _CODES[key]


def _ligatures(codes: dict) -> dict[str, str]:
    """Spelled-out letters -> the ligature character pdfminer reads for them: the font's own
    one-character text that compatibility decomposition spells as those letters, else the Latin
    ligatures U+FB00-FB06 (what a glyph named "fi" reads as when the map in hand lacks it)."""
    key = id(codes)
    if key not in _LIGATURES:
        found = dict(_LATIN_LIGATURES)
        found.update({spelled: text for text in codes if len(text) == 1
                      for spelled in [unicodedata.normalize("NFKC", text)]
                      if len(spelled) > 1 and spelled.isalpha()})
        _LIGATURES[key] = found
    return _LIGATURES[key]


_LATIN_LIGATURES = {unicodedata.normalize("NFKC", chr(code)): chr(code)
                    for code in range(0xFB00, 0xFB07)}


_LIGATURES: dict[int, dict[str, str]] = {}


def _strip_subset(name: str) -> str:
    """`ABCDEF+SimSun` -> `SimSun` (pdfium names fonts without their subset tag)."""
    if len(name) > 7 and name[6] == "+" and name[:6].isalpha() and name[:6].isupper():
        return name[7:]
    return name


def preload() -> None:
    """Import the libraries this engine loads on first use (for a worker warming up)."""
    import pdfminer.pdfdocument  # noqa: F401
    import pdfminer.pdfinterp  # noqa: F401
    import pdfminer.pdfpage  # noqa: F401
    import pdfminer.pdfparser  # noqa: F401
    import pypdfium2.raw  # noqa: F401

    import pipeline.ingest.pdf  # noqa: F401


class _PdfminerFonts:
    """Font descriptors of each page, read through pdfminer's object parser (dictionaries only).

    Keyed by the base font name without subset tag, as pdfium reports it. Fonts in form XObjects
    are included. A PDF pdfminer cannot parse leaves the table empty: pdfium's own (rounded)
    metrics are used then.
    """

    def __init__(self, path: str) -> None:
        self._handle = None
        self._pages: Optional[Iterator] = None
        self._seen: list = []
        try:
            from pdfminer.pdfdocument import PDFDocument
            from pdfminer.pdfinterp import PDFResourceManager
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdfparser import PDFParser

            self._handle = open(path, "rb")
            self._manager = PDFResourceManager(caching=True)
            self._pages = PDFPage.create_pages(PDFDocument(PDFParser(self._handle)))
        except Exception:  # pdfium may read what pdfminer cannot; metrics then come from pdfium
            self._pages = None

    def page(self, index: int) -> dict[str, list[FontMetrics]]:
        while self._pages is not None and len(self._seen) <= index:
            try:
                self._seen.append(next(self._pages))
            except Exception:  # end of the page tree, or a damaged page dictionary
                self._pages = None
        if index >= len(self._seen):
            return {}
        table: dict[str, list[FontMetrics]] = {}
        try:
            self._collect(self._seen[index].resources, table, depth=0)
        except Exception:  # a damaged font dictionary: fall back to pdfium's metrics
            return {}
        self._seen[index] = None  # the page dictionary is not needed again
        return table

    def _collect(self, resources, table: dict[str, list[FontMetrics]], depth: int) -> None:
        from pdfminer.pdftypes import dict_value, resolve1, stream_value

        resources = dict_value(resources)
        for ref in dict_value(resources.get("Font", {})).values():
            spec = dict_value(ref)
            objid = getattr(ref, "objid", None)
            with fast_tounicode():  # pdfminer's result, without its PostScript tokeniser
                font = self._manager.get_font(objid, spec)
            metrics = FontMetrics(str(font.fontname), float(font.get_descent()), font, spec)
            base = str(resolve1(spec.get("BaseFont", b"")))
            base = base[1:] if base.startswith("/") else base
            names = {_strip_subset(metrics.fontname), _strip_subset(base.strip("'"))}
            for name in names:
                if metrics not in table.setdefault(name, []):
                    table[name].append(metrics)
        if depth >= 8:  # forms nested deeper than any real page; guards against cycles
            return
        for xobject in dict_value(resources.get("XObject", {})).values():
            stream = stream_value(xobject)
            if stream.get("Subtype") is not None and str(stream.get("Subtype")).endswith("Form") \
                    and "Resources" in stream:
                self._collect(stream["Resources"], table, depth + 1)

    def close(self) -> None:
        _CODES.clear()
        _WIDTHS.clear()
        _PREFIXES.clear()
        _LIGATURES.clear()
        if self._handle is not None:
            self._handle.close()
        self._seen, self._pages = [], None


def _program_size(spec) -> int:
    """Decoded size of a font's embedded program, -1 when none (a Type0 font's is its
    descendant's)."""
    from pdfminer.pdftypes import dict_value, list_value, stream_value

    try:
        spec = dict_value(spec)
        if "DescendantFonts" in spec:
            spec = dict_value(list_value(spec["DescendantFonts"])[0])
        descriptor = dict_value(spec.get("FontDescriptor", {}))
        for key in ("FontFile2", "FontFile", "FontFile3"):
            if key in descriptor:
                return len(stream_value(descriptor[key]).get_data())
    except Exception:  # damaged: this font cannot be told apart by its program
        pass
    return -1


class _FastCalls:
    """The two calls made for every glyph, declared with plain pointer types so that a text
    object comes back as an int (a dictionary key) without a ctypes cast per glyph. Falls back
    to pypdfium2's own declarations if the library cannot be reached this way."""

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium

        try:
            from pypdfium2_raw.bindings import _libs

            library = _libs["pdfium"]
            self._object = library["FPDFText_GetTextObject"]  # a new function object, not shared
            self._object.argtypes, self._object.restype = (ctypes.c_void_p, ctypes.c_int), ctypes.c_void_p
            origin = library["FPDFText_GetCharOrigin"]
            double = ctypes.POINTER(ctypes.c_double)
            origin.argtypes = (ctypes.c_void_p, ctypes.c_int, double, double)
            origin.restype = ctypes.c_int
            self.object_of, self.origin_of = self._object, origin
            self.font_of = library["FPDFTextObj_GetFont"]
            self.font_of.argtypes, self.font_of.restype = (ctypes.c_void_p,), ctypes.c_void_p
            self.bounds = library["FPDFPageObj_GetBounds"]
            single = ctypes.POINTER(ctypes.c_float)
            self.bounds.argtypes = (ctypes.c_void_p, single, single, single, single)
            self.bounds.restype = ctypes.c_int
            self.map_error = library["FPDFText_HasUnicodeMapError"]
            self.map_error.argtypes, self.map_error.restype = (ctypes.c_void_p, ctypes.c_int), ctypes.c_int
            self.handle = lambda page: ctypes.cast(page, ctypes.c_void_p).value
        except (ImportError, KeyError, AttributeError, TypeError):
            def object_of(page, index: int) -> int:
                found = pdfium.FPDFText_GetTextObject(page, index)
                return ctypes.cast(found, ctypes.c_void_p).value or 0 if found else 0

            def font_of(obj) -> int:
                return ctypes.cast(pdfium.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value or 0

            def bounds(key: int, *edges) -> int:
                return pdfium.FPDFPageObj_GetBounds(ctypes.cast(key, pdfium.FPDF_PAGEOBJECT), *edges)

            self.object_of, self.origin_of = object_of, pdfium.FPDFText_GetCharOrigin
            self.font_of, self.bounds = font_of, bounds
            self.map_error = pdfium.FPDFText_HasUnicodeMapError
            self.handle = lambda page: page


class _LazyFastCalls:
    def __getattr__(self, name: str):
        global _FAST
        _FAST = _FastCalls()  # type: ignore[assignment]
        return getattr(_FAST, name)


_FAST: "_FastCalls" = _LazyFastCalls()  # type: ignore[assignment]


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: point * m * n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


class _PageSpace:
    """PDF user space -> pdfplumber's coordinates (x, top), as pdfminer + pdfplumber compute
    them: pdfminer's rotation matrix for /Rotate, then pdfplumber's flip against the MediaBox."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, y0, x1, y1 = mediabox
        if rotation == 90:
            self.ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            self.ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            self.ctm = (0, 1, -1, 0, y1, -x0)
        else:
            self.ctm = (1, 0, 0, 1, -x0, -y0)
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        if rotation in (90, 270):
            nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
        self.width = nx1 - nx0
        self.height = ny1 - ny0
        self.x_shift = nx0  # pdfplumber adds the MediaBox's x0 back
        self.top_shift = -ny0
        self.upright_page = rotation not in (90, 180, 270)
        self._dx = self.ctm[4] + self.x_shift  # no /Rotate: x moves by this, y flips about this
        self._flip = self.height + self.top_shift - self.ctm[5]

    def glyph(self, text: str, fontname: str, upright: bool,
              x0: float, y0: float, x1: float, y1: float) -> dict:
        """A glyph record from its PDF-space box; pdfminer's size is the box height for
        horizontal writing, whatever the rotation."""
        if self.upright_page:  # `rect` inlined: this runs for every glyph
            left, right = (x0, x1) if x0 <= x1 else (x1, x0)
            low, high = (y0, y1) if y0 <= y1 else (y1, y0)
            dx, flip = self._dx, self._flip
            top, bottom = flip - high, flip - low
            fine, step = COORD_FINE, COORD_STEP
            try:  # `coord` inlined (same integer steps): five calls per glyph saved
                return {"text": text, "x0": (round((left + dx) * fine) + 5) // 10 / step,
                        "top": (round(top * fine) + 5) // 10 / step,
                        "x1": (round((right + dx) * fine) + 5) // 10 / step,
                        "bottom": (round(bottom * fine) + 5) // 10 / step,
                        "size": (round((bottom - top) * fine) + 5) // 10 / step,
                        "fontname": fontname, "upright": upright}
            except (ValueError, OverflowError):  # NaN or infinity: `coord` keeps them as is
                pass
        left, top, right, bottom = self.rect(x0, y0, x1, y1)
        return glyph(text, left, top, right, bottom, bottom - top, fontname, upright)

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A PDF-space rectangle (any two corners) as (x0, top, x1, bottom)."""
        if self.upright_page:  # no /Rotate: a translation only
            tx, ty = self.ctm[4], self.ctm[5]
            left, right = (x0, x1) if x0 <= x1 else (x1, x0)
            low, high = (y0, y1) if y0 <= y1 else (y1, y0)
            return (left + tx + self.x_shift, self.height - (high + ty) + self.top_shift,
                    right + tx + self.x_shift, self.height - (low + ty) + self.top_shift)
        points = [_apply(self.ctm, x, y) for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1))]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return (min(xs) + self.x_shift, self.height - max(ys) + self.top_shift,
                max(xs) + self.x_shift, self.height - min(ys) + self.top_shift)


class PdfiumPages:
    engine = "pdfium"

    def __init__(self, path: str):
        with PDFIUM_LOCK:
            self._open(path)

    def _open(self, path: str) -> None:
        import pypdfium2.raw as pdfium

        self._pdfium = pdfium
        self._doc = pdfium.FPDF_LoadDocument(path.encode("utf-8"), None)
        if not self._doc:
            code = pdfium.FPDF_GetLastError()
            raise InputError(_OPEN_ERRORS.get(code, "unreadable PDF (pdfium could not open it)"))
        self.page_count = pdfium.FPDF_GetPageCount(self._doc)
        self._fonts = _PdfminerFonts(path)
        # Reused ctypes out-parameters: one allocation per document, not per glyph.
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._rect = pdfium.FS_RECTF()
        self._matrix = pdfium.FS_MATRIX()
        self._name = ctypes.create_string_buffer(512)
        self._font_cache: dict[tuple[int, int], tuple] = {}  # per page: (font, table) -> info
        self._state_cache: dict[tuple, tuple] = {}  # per page: matrix, size, font -> state
        self._size = ctypes.c_float()
        self._size_ref = ctypes.byref(self._size)
        self._typed: dict[int, object] = {}
        self._drawn: list = []  # the page's objects other than text, in drawing order
        self._broken_after: Optional[set[int]] = None  # see _restore_trailing_spaces
        self._edges = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top
        self._edge_refs = [ctypes.byref(e) for e in self._edges]

    def page(self, index: int) -> PageObjects:
        with PDFIUM_LOCK:
            return self._page(index)

    def _page(self, index: int) -> PageObjects:
        pdfium = self._pdfium
        page = pdfium.FPDF_LoadPage(self._doc, index)
        if not page:
            raise InputError(f"corrupt or truncated PDF: page {index + 1} unreadable")
        try:
            space = _PageSpace(self._mediabox(page), pdfium.FPDFPage_GetRotation(page) * 90)
            objects = PageObjects(width=float(space.width), height=float(space.height))
            self._font_cache.clear()  # font handles are only valid while their page is loaded
            self._state_cache.clear()
            objects.chars = self._chars(page, space, self._fonts.page(index))
            identity: Matrix = (1, 0, 0, 1, 0, 0)
            for obj in self._drawn:  # the page's objects other than text, found by _chars
                self._shapes(obj, identity, space, objects, depth=0)
            self._drawn = []
            return objects
        finally:
            pdfium.FPDF_ClosePage(page)

    def _mediabox(self, page) -> tuple[float, float, float, float]:
        values = [ctypes.c_float() for _ in range(4)]
        if not self._pdfium.FPDFPage_GetMediaBox(page, *[ctypes.byref(v) for v in values]):
            return (0.0, 0.0, 612.0, 792.0)  # pdfminer's default when MediaBox is missing
        return tuple(_written(v.value) for v in values)  # type: ignore[return-value]

    # -- glyphs ---------------------------------------------------------------------------

    def _chars(self, page, space: _PageSpace, fonts: dict[str, list[FontMetrics]]) -> list[dict]:
        """Glyphs in drawing order, rebuilt as pdfminer places them.

        pdfium truncates /Widths entries to integers (599.6 -> 599), so each glyph after a
        fractional-width one sits slightly left of where pdfminer puts it; the difference is
        added back along the pen: within a text object, and on to the next object when that
        one starts where the pen stood. Text objects pdfium leaves out of its text page
        (repeats of an earlier one, blank ones) are put back (`_all_runs`, `_blank_run`).
        """
        order = self._text_objects(page)
        self._typed = dict(order)  # address -> pypdfium2's pointer, for the text page's objects
        self._broken_after = None
        runs = self._all_runs(page, order, fonts)
        _restore_trailing_spaces(order, runs, self._broken_after or set())
        _restore_repeated_spaces(runs)
        glyphs: list[dict] = []
        place = space.glyph
        # (x, y, drift, exact x) where the last run ended: pdfium's pen, the difference to
        # pdfminer's, and pdfminer's pen itself (for a run that goes on from there)
        pen: Optional[tuple[float, float, float, float]] = None
        for position, (key, obj) in enumerate(order):
            run = runs.get(key) or self._blank_run(obj, order[position + 1 :], runs, fonts)
            if run is None:
                continue
            state, chars = run
            matrix, size, fontname, descent, _, metrics = state
            turned = _mul(matrix, space.ctm)  # pdfminer tests uprightness after /Rotate
            upright = turned[0] * turned[3] > 0 and turned[1] * turned[2] <= 0
            a, b, c, d = matrix[:4]
            axis = b == 0 and c == 0 and a != 0
            drift = 0.0
            if chars:
                start_x, start_y = _decimal(chars[0][1]), _decimal(chars[0][2])
            if axis and pen is not None and chars and abs(chars[0][1] - pen[0]) < 1e-3 \
                    and abs(chars[0][2] - pen[1]) < 1e-3:
                # this object goes on where the last one's pen stopped (a font change inside
                # one BT block): from pdfminer's pen, not from pdfium's float32 origin
                drift, start_x = pen[2], pen[3] - pen[2]
            stepped = exact_sum = 0.0  # pdfium's and pdfminer's advances so far in this object
            if not chars:
                continue
            first_x, first_y = chars[0][1], chars[0][2]
            widths = metrics.widths() if metrics is not None else {}
            width_of = metrics.width if metrics is not None else (lambda _: None)
            upright = bool(upright)
            baseline = (start_y + d * descent * size, start_y + d * (descent * size + size))
            if not axis:  # rotated or skewed text: pdfminer's box, from the origin and matrix
                glyphs.extend(_turned_box(place, text, fontname, upright, ox, oy, left, right,
                                          bottom, top, matrix, size, descent, width_of)
                              for text, ox, oy, left, right, bottom, top in chars)
                pen = None
                continue
            descent_size = d * descent * size
            y_a = y_b = advance = x_b = ox = oy = 0.0
            for text, ox, oy, left, right, _, _ in chars:
                true_width = widths.get(text, _UNKNOWN)
                if true_width is _UNKNOWN:
                    true_width = width_of(text)
                if true_width is None:  # no exact width known: pdfium's loose box
                    advance = exact = (right if a > 0 else left) - ox
                else:  # pdfium steps by the truncated width; pdfminer by the exact one
                    advance = a * int(true_width) / 1000.0 * size
                    exact = a * true_width / 1000.0 * size
                # pdfium's offset from the object's start, less its own advances, is what
                # spacing and kerning added: decimals from the PDF, blurred by float32.
                spacing = ox - first_x - stepped
                if not -SNAP <= spacing <= SNAP:  # `_decimal`'s first case inlined: mostly 0
                    spacing = _decimal(spacing)
                else:
                    spacing = 0.0
                x_a = start_x + drift + exact_sum + spacing
                x_b = x_a + exact
                if -1e-3 < oy - first_y < 1e-3:
                    y_a, y_b = baseline
                else:
                    base = _decimal(oy)
                    y_a, y_b = base + descent_size, base + d * (descent * size + size)
                stepped += advance
                exact_sum += exact
                glyphs.append(place(text, fontname, upright, x_a, y_a, x_b, y_b))
            pen = (ox + advance, oy, drift + exact_sum - stepped, x_b)
        return glyphs

    def _blank_run(self, obj, later: list[tuple[int, object]], runs: dict[int, tuple],
                   fonts: dict[str, list[FontMetrics]]) -> Optional[tuple]:
        """The spaces of a text object that holds only spaces: pdfium leaves such an object out
        of its text page (a space between two runs in different font subsets, say), pdfminer
        keeps its glyphs. Their number is the gap to the next run on the same baseline in
        space advances (one when no run follows on that line)."""
        state = self._object_state(obj, fonts)
        matrix, size, _, _, _, metrics = state
        a, b, c, d, e, f = matrix
        space = metrics.space() if metrics is not None else " "
        width = metrics.width(space) if metrics is not None else None
        if width is None or b or c or not a:
            return None
        advance = a * int(width) / 1000.0 * size  # pdfium's pen step for one space
        count = 1
        for key, _ in later:
            run = runs.get(key)
            if run is None or not run[1]:
                continue
            first = run[1][0]
            if abs(first[2] - f) < 1e-3 and run[0][0][:4] == matrix[:4] and advance > 0:
                steps = round((first[1] - e) / advance)
                if steps >= 1 and abs(first[1] - e - steps * advance) < 0.01:
                    count = steps
            break
        chars = [(space, e + k * advance, f, e + k * advance, e + (k + 1) * advance, f, f)
                 for k in range(count)]
        return state, chars

    def _text_objects(self, page) -> list[tuple[int, object]]:
        """Every text object, in drawing order (form XObjects' own objects in their place).
        The page's own other objects are kept in `_drawn` for `_shapes` (one walk, not two)."""
        pdfium = self._pdfium
        found: list[tuple[int, object]] = []
        self._drawn = drawn = []

        def walk(count: int, get, depth: int) -> None:
            for k in range(count):
                obj = get(k)
                kind = pdfium.FPDFPageObj_GetType(obj)
                if kind == _TEXT:
                    found.append((ctypes.c_void_p.from_buffer(obj).value or 0, obj))
                    continue
                if not depth:
                    drawn.append(obj)
                if kind == _FORM and depth < 8:
                    walk(pdfium.FPDFFormObj_CountObjects(obj),
                         lambda i, form=obj: pdfium.FPDFFormObj_GetObject(form, i), depth + 1)

        walk(pdfium.FPDFPage_CountObjects(page), lambda i: pdfium.FPDFPage_GetObject(page, i), 0)
        return found

    def _runs(self, text_page, fonts: dict[str, list[FontMetrics]]) -> dict[int, tuple]:
        """Per text object: its shared state and its glyphs as pdfium reports them
        (text, origin x, origin y, loose box left, right, bottom, top)."""
        pdfium = self._pdfium
        count = pdfium.FPDFText_CountChars(text_page)
        runs: dict[int, tuple] = {}
        if count <= 0:
            return runs
        units = (ctypes.c_ushort * (count + 1))()
        bulk = pdfium.FPDFText_GetText(text_page, 0, count, units) == count + 1  # no surrogates
        # the whole page's text at once: one conversion instead of one per glyph
        page_text = bytes(units).decode("utf-16-le", "surrogatepass") if bulk else ""
        object_of, origin_of, map_error = _FAST.object_of, _FAST.origin_of, _FAST.map_error
        typed = self._typed
        page_handle = _FAST.handle(text_page)
        x, y = self._x, self._y
        x_ref, y_ref, rect_ref = ctypes.byref(x), ctypes.byref(y), ctypes.byref(self._rect)
        rect = self._rect
        unmapped = False
        last_key = 0
        chars: list = []
        widths: dict[str, Optional[float]] = {}
        metrics: Optional[FontMetrics] = None
        step = 0.0  # pdfium's advance per 1/1000 em along x; 0 when the text is not axis-aligned
        # objects after which pdfium put a break of its own (first reading of the page only)
        broken_after: Optional[set[int]] = set() if self._broken_after is None else None
        for i in range(count):
            key = object_of(page_handle, i)
            if not key:  # a space or line break pdfium generated; not in the PDF
                if broken_after is not None:
                    broken_after.add(last_key)
                continue
            if key != last_key:
                run = runs.get(key)
                if run is None:
                    obj = typed.get(key) or pdfium.FPDFText_GetTextObject(text_page, i)
                    run = runs[key] = (self._text_state(text_page, i, obj, fonts), [])
                    # a font maps all its codes or none: asked once per object
                    unmapped = map_error(page_handle, i) == 1
                last_key = key
                matrix, size, _, _, _, metrics = run[0]
                chars = run[1]
                widths = metrics.widths() if metrics is not None else {}
                step = matrix[0] / 1000.0 * size if matrix[1] == 0 and matrix[2] == 0 else 0.0
            text = page_text[i] if bulk else _char(pdfium.FPDFText_GetUnicode(text_page, i))
            if not ("\x00" < text < "\ud800" or text >= "\ue000"):
                text = "\ufffd"
            if unmapped and map_error(page_handle, i) == 1:
                text = "\ufffd"
            origin_of(page_handle, i, x_ref, y_ref)
            ox, oy = x.value, y.value
            if chars and ox == chars[-1][1] and oy == chars[-1][2] and text.isalpha() \
                    and chars[-1][0].isalpha() and metrics is not None \
                    and metrics.joins(unicodedata.normalize("NFKC", chars[-1][0]) + text):
                # pdfium splits a ligature glyph into its letters, all at the glyph's origin;
                # pdfminer keeps one glyph whose text is the font's ("fi", or U+FB01)
                text = metrics.glyph_text(unicodedata.normalize("NFKC", chars.pop()[0]) + text)
            elif text in _HYPHEN_MARKS:
                text = self._hyphen(text_page, i, text, metrics, matrix[0] * size)
            width = widths.get(text, _UNKNOWN)
            if width is _UNKNOWN:
                width = metrics.width(text) if metrics is not None else None
            if width is not None and step:
                # the loose box pdfium would give, without asking it: origin + advance
                right = ox + int(width) * step
                chars.append((text, ox, oy, ox if ox < right else right, right if ox < right else ox,
                              oy, oy))
            else:
                pdfium.FPDFText_GetLooseCharBox(text_page, i, rect_ref)
                chars.append((text, ox, oy, rect.left, rect.right, rect.bottom, rect.top))
        if broken_after is not None:
            self._broken_after = broken_after
        return runs

    def _hyphen(self, text_page, index: int, text: str, metrics: Optional[FontMetrics],
                scale: float) -> str:
        """A soft hyphen (U+00AD) where the PDF has one, as pdfminer reads it: pdfium shows one
        as U+FFFE or U+0002 at a line's end and as "-" within a line. A "-" is taken for a soft
        hyphen only when its advance is the font's soft-hyphen width, not its hyphen width."""
        soft = metrics.width(SOFT_HYPHEN) if metrics is not None else None
        hard = metrics.width("-") if metrics is not None else None
        if text != "-":
            return SOFT_HYPHEN if soft is not None or hard is None else "-"
        if soft is None or (hard is not None and int(soft) == int(hard)) or not scale:
            return "-"
        if hard is None:
            return SOFT_HYPHEN
        self._pdfium.FPDFText_GetLooseCharBox(text_page, index, ctypes.byref(self._rect))
        advance = abs(self._rect.right - self._rect.left) * 1000.0 / abs(scale)
        return SOFT_HYPHEN if abs(advance - int(soft)) < abs(advance - int(hard)) else "-"

    def _all_runs(self, page, order: list[tuple[int, object]],
                  fonts: dict[str, list[FontMetrics]]) -> dict[int, tuple]:
        """Glyph runs of every text object that has glyphs.

        pdfium's text page leaves out an object drawn again near an earlier one with the same
        text (fake bold); pdfminer keeps it. Those objects are read afterwards without the
        objects they repeat: every other object is set inactive and the text page built again
        for a batch of them that lie apart from each other (no two near enough to be taken for
        a repeat), then once more for each one still not read in full, alone; then every
        object is active again.
        """
        pdfium = self._pdfium
        runs = self._read_runs(page, fonts)
        missing = [(key, obj) for key, obj in order
                   if (key not in runs and not self._is_blank(obj))
                   or (key in runs and self._lost_glyphs(key, runs[key]))]
        if not missing:
            return runs
        for _, obj in order:
            pdfium.FPDFPageObj_SetIsActive(obj, 0)
        try:
            alone = []
            for batch in self._apart(missing):
                for _, obj in batch:
                    pdfium.FPDFPageObj_SetIsActive(obj, 1)
                found = self._read_runs(page, fonts)
                for _, obj in batch:
                    pdfium.FPDFPageObj_SetIsActive(obj, 0)
                for key, obj in batch:
                    run = found.get(key)
                    if run is None or self._lost_glyphs(key, run):
                        alone.append((key, obj))
                    elif key not in runs or len(run[1]) > len(runs[key][1]):
                        runs[key] = run
            for key, obj in alone:  # an object with company may still be taken for a repeat
                pdfium.FPDFPageObj_SetIsActive(obj, 1)
                for key, run in self._read_runs(page, fonts).items():
                    if key not in runs or len(run[1]) > len(runs[key][1]):
                        runs[key] = run
                pdfium.FPDFPageObj_SetIsActive(obj, 0)
        finally:
            for _, obj in order:
                pdfium.FPDFPageObj_SetIsActive(obj, 1)
        return runs

    def _apart(self, objects: list[tuple[int, object]]) -> list[list[tuple[int, object]]]:
        """The objects in batches whose members' bounds, widened by their height on every
        side, do not meet (first fit, in drawing order)."""
        batches: list[list[tuple[int, object]]] = []
        areas: list[list[tuple[float, float, float, float]]] = []
        for item in objects:
            if not self._pdfium.FPDFPageObj_GetBounds(item[1], *self._edge_refs):
                batches.append([item])
                areas.append([(float("-inf"), float("-inf"), float("inf"), float("inf"))])
                continue
            left, bottom, right, top = (e.value for e in self._edges)
            margin = max(top - bottom, 1.0)
            area = (left - margin, bottom - margin, right + margin, top + margin)
            for batch, taken in zip(batches, areas):
                if not any(area[0] < t[2] and t[0] < area[2] and area[1] < t[3] and t[1] < area[3]
                           for t in taken):
                    batch.append(item)
                    taken.append(area)
                    break
            else:
                batches.append([item])
                areas.append([area])
        return batches

    def _read_runs(self, page, fonts: dict[str, list[FontMetrics]]) -> dict[int, tuple]:
        text_page = self._pdfium.FPDFText_LoadPage(page)
        if not text_page:
            return {}
        try:
            return self._runs(text_page, fonts)
        finally:
            self._pdfium.FPDFText_ClosePage(text_page)

    def _lost_glyphs(self, key: int, run: tuple) -> bool:
        """Whether pdfium's text page kept only part of an object (it drops single glyphs that
        repeat one drawn just before): the object's bounds reach past its glyphs' boxes."""
        chars = run[1]
        if not chars or not _FAST.bounds(key, *self._edge_refs):
            return False
        size = max(run[0][1], 1.0)
        first, last = chars[0], chars[-1]  # glyphs run along the line, in either direction
        low = min(first[3], last[3]) - LOST * size
        high = max(first[4], last[4]) + LOST * size
        return self._edges[0].value < low or self._edges[2].value > high

    def _is_blank(self, obj) -> bool:
        """A text object that draws nothing visible (spaces only) has empty bounds."""
        edges = [ctypes.c_float() for _ in range(4)]
        if not self._pdfium.FPDFPageObj_GetBounds(obj, *[ctypes.byref(e) for e in edges]):
            return True
        left, bottom, right, top = (e.value for e in edges)
        return right - left <= 0 and top - bottom <= 0

    def _text_state(self, text_page, index: int, obj, fonts: dict[str, list[FontMetrics]]) -> tuple:
        """(matrix, size, fontname, descent per em, upright, metrics) of a text object."""
        self._pdfium.FPDFText_GetMatrix(text_page, index, ctypes.byref(self._matrix))
        return self._state_with_matrix(obj, fonts)

    def _object_state(self, obj, fonts: dict[str, list[FontMetrics]]) -> tuple:
        """As `_text_state`, for an object pdfium's text page does not hold (its matrix places
        its first glyph, as the text page's does)."""
        self._pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(self._matrix))
        return self._state_with_matrix(obj, fonts)

    def _state_with_matrix(self, obj, fonts: dict[str, list[FontMetrics]]) -> tuple:
        a, b, c, d, e, f = _MATRIX.unpack_from(self._matrix)  # one call, not six field reads
        self._pdfium.FPDFTextObj_GetFontSize(obj, self._size_ref)
        handle = _FAST.font_of(obj)
        key = (a, b, c, d, self._size.value, handle, id(fonts))
        shared = self._state_cache.get(key)  # most objects of a page share a few states
        if shared is None:
            shared = self._state_cache[key] = self._new_state(obj, key, fonts)
        scale, size, fontname, descent, upright, metrics = shared
        return (scale + (e, f), size, fontname, descent, upright, metrics)

    def _new_state(self, obj, key: tuple, fonts: dict[str, list[FontMetrics]]) -> tuple:
        scale = (_written(key[0]), _written(key[1]), _written(key[2]), _written(key[3]))
        a, b, c, d = scale
        upright = a * d > 0 and b * c <= 0
        known = self._font_cache.get((key[5], id(fonts)))
        if known is None:
            font = self._pdfium.FPDFTextObj_GetFont(obj)
            known = self._font_cache[(key[5], id(fonts))] = self._font_info(font, fonts)
        fontname, descent, metrics = known
        return (scale, _written(key[4]), fontname, descent, upright, metrics)

    def _font_info(self, font, fonts: dict[str, list[FontMetrics]]) -> tuple:
        """(fontname, descent per em, metrics) of a pdfium font on this page."""
        pdfium = self._pdfium
        length = pdfium.FPDFFont_GetBaseFontName(font, self._name, len(self._name)) if font else 0
        base = self._name.raw[: max(length - 1, 0)].decode("utf-8", "replace")
        own_descent = ctypes.c_float()
        program = -1
        if font:
            pdfium.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), ctypes.byref(own_descent))
            candidates = fonts.get(_strip_subset(base), [])
            if len({c.fontname for c in candidates}) > 1:
                out = ctypes.c_size_t()
                if pdfium.FPDFFont_GetFontData(font, None, 0, ctypes.byref(out)):
                    program = int(out.value)
        metrics = _choose(fonts.get(_strip_subset(base), []), own_descent.value / 1000.0, program)
        fontname = metrics.fontname if metrics else base
        descent = metrics.descent if metrics else own_descent.value / 1000.0
        return (fontname, descent, metrics)

    # -- ruling lines, rectangles, images --------------------------------------------------

    def _shapes(self, obj, outer: Matrix, space: _PageSpace, objects: PageObjects, depth: int) -> None:
        pdfium = self._pdfium
        kind = pdfium.FPDFPageObj_GetType(obj)
        if kind not in (_PATH, _IMAGE, _FORM):
            return
        pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(self._matrix))
        m = self._matrix
        matrix = _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        if kind == _IMAGE:
            corners = [_apply(matrix, x, y) for x, y in ((0, 0), (1, 1))]
            objects.images.append(box(*space.rect(corners[0][0], corners[0][1],
                                                  corners[1][0], corners[1][1])))
        elif kind == _FORM:
            if depth < 8:
                for k in range(pdfium.FPDFFormObj_CountObjects(obj)):
                    self._shapes(pdfium.FPDFFormObj_GetObject(obj, k), matrix, space, objects,
                                 depth + 1)
        else:
            self._path(obj, matrix, space, objects)

    def _path(self, obj, matrix: Matrix, space: _PageSpace, objects: PageObjects) -> None:
        """Lines and rectangles as pdfminer classifies each subpath: `m l` (or `m l h`) is a
        line; `m l l l h` (or `m l l l l` back to the start) with axis-parallel sides is a
        rectangle; anything with a curve is left out, as the pdfplumber engine does."""
        pdfium = self._pdfium
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
        if not fill_mode.value and not stroke.value:
            return
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[tuple[list[str], list[tuple[float, float]]]] = []
        for k in range(pdfium.FPDFPath_CountSegments(obj)):
            segment = pdfium.FPDFPath_GetPathSegment(obj, k)
            pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            kind = pdfium.FPDFPathSegment_GetType(segment)
            point = _apply(matrix, float(x.value), float(y.value))
            if kind == _MOVETO or not subpaths:
                subpaths.append((["m"], [point]))
            else:
                subpaths[-1][0].append("l" if kind == _LINETO else "c")
                subpaths[-1][1].append(point)
            if pdfium.FPDFPathSegment_GetClose(segment):
                ops, points = subpaths[-1]
                ops.append("h")
                points.append(points[0])
        colour = None
        if fill_mode.value:
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            if pdfium.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g),
                                              ctypes.byref(b), ctypes.byref(a)):
                colour = (r.value / 255, g.value / 255, b.value / 255)
        for ops, points in subpaths:
            shape_ = "".join(ops)
            if len(shape_) > 3 and shape_[-2:] == "lh" and points[-2] == points[0]:
                shape_ = shape_[:-2] + "h"  # pdfium closes a path with a line back to its start
                points = points[:-2] + points[-1:]
            if shape_ in ("ml", "mlh"):
                segment = box(*space.rect(*points[0], *points[1]))
                if min(segment[2] - segment[0], segment[3] - segment[1]) < RULE_THICKNESS:
                    objects.rules.append(segment)
            elif shape_ in ("mlllh", "mllll") and points[0] == points[4] and _is_rectangle(points[:4]):
                xs = [p[0] for p in points[:4]]
                ys = [p[1] for p in points[:4]]
                x0, top, x1, bottom = space.rect(min(xs), min(ys), max(xs), max(ys))
                shape(x0, top, x1, bottom, bool(fill_mode.value), bool(stroke.value), colour,
                      objects.rules, objects.rects)

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._fonts.close()
            if self._doc:
                self._pdfium.FPDF_CloseDocument(self._doc)
                self._doc = None


def _is_rectangle(points: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or \
        (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _restore_trailing_spaces(order: list[tuple[int, object]], runs: dict[int, tuple],
                             broken_after: set[int]) -> None:
    """Put back the spaces that end a text object: pdfium's text page drops them when the
    next object on the line starts where they end. Such a space shows as a gap of exactly n
    space advances before the next object, with nothing between them in the text page. Where
    pdfium put a break of its own after the object, the gap is white on the page (a gutter
    that happens to be n spaces wide), not spaces in the PDF."""
    for (key, _), (next_key, _) in zip(order, order[1:]):
        run, following = runs.get(key), runs.get(next_key)
        if run is None or following is None or not run[1] or not following[1] \
                or key in broken_after:
            continue
        (matrix, size, _, _, _, metrics), chars = run
        last, first = chars[-1], following[1][0]
        a, b, c, _ = matrix[:4]
        if metrics is None or b or c or not a or following[0][0][:4] != matrix[:4] \
                or abs(first[2] - last[2]) > 1e-3 or last[0] in _SPACES or first[0] in _SPACES:
            continue
        space = metrics.space()
        space_width, last_width = metrics.width(space), metrics.width(last[0])
        if space_width is None or last_width is None or int(space_width) <= 0:
            continue
        pen = last[1] + a * int(last_width) / 1000.0 * size  # pdfium's pen after the last glyph
        step = a * int(space_width) / 1000.0 * size
        count = round((first[1] - pen) / step)
        if 1 <= count <= 3 and abs(first[1] - pen - count * step) < 5e-3:
            chars.extend((space, pen + k * step, last[2], pen + k * step, pen + (k + 1) * step,
                          last[2], last[2]) for k in range(count))


_SPACES = (" ", "\u00a0")


_UNKNOWN = object()


def _turned_box(place, text: str, fontname: str, upright: bool, ox: float, oy: float,
                left: float, right: float, bottom: float, top: float,
                matrix: tuple, size: float, descent: float, width_of) -> dict:
    """A glyph on a rotated or skewed text matrix boxed as pdfminer boxes it: the corners
    (0, descent) and (advance, descent + 1 em) of the glyph's own space carried through the
    matrix from its origin, then ordered. pdfium's own box (the fallback when the font gives
    no width) hugs the glyph's outline instead."""
    width = width_of(text)
    if width is None:
        return place(text, fontname, upright, left, bottom, right, top)
    a, b, c, d = matrix[:4]
    x, y = _decimal(ox), _decimal(oy)
    low, high, advance = descent * size, descent * size + size, width / 1000.0 * size
    x0, y0 = x + c * low, y + d * low
    x1, y1 = x + a * advance + c * high, y + b * advance + d * high
    return place(text, fontname, upright, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _char(code: int) -> str:
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def _restore_repeated_spaces(runs: dict[int, tuple]) -> None:
    """Put back the spaces that follow a space inside a text object: pdfium's text page keeps
    one of a row of spaces. The ones dropped show as a gap of exactly n space advances after the
    space kept."""
    for (matrix, size, _, _, _, metrics), chars in runs.values():
        a, b, c, _ = matrix[:4]
        if metrics is None or b or c or not a or len(chars) < 2 \
                or not any(ch[0] == " " for ch in chars[:-1]):
            continue
        space_width = metrics.width(" ")
        if space_width is None or int(space_width) <= 0:
            continue
        step = a * int(space_width) / 1000.0 * size
        restored: list[tuple] = []
        for char, following in zip(chars, chars[1:]):
            restored.append(char)
            if char[0] != " " or abs(following[2] - char[2]) > 1e-3:
                continue
            pen = char[1] + step
            count = round((following[1] - pen) / step)
            if 1 <= count <= 8 and abs(following[1] - pen - count * step) < 5e-3:
                restored.extend((" ", pen + k * step, char[2], pen + k * step, pen + (k + 1) * step,
                                 char[2], char[2]) for k in range(count))
        restored.append(chars[-1])
        chars[:] = restored


def _written(value: float) -> float:
    """A float32 that pdfium passed through from the PDF (a font size, a text matrix's scale)
    back to the decimal the PDF wrote: the shortest decimal that reads back as that float32
    (7.52899980545 -> 7.529), so sizes and advances are computed as pdfminer computes them."""
    known = _WRITTEN.get(value)
    if known is None:
        if len(_WRITTEN) > 4096:  # a page of ever-new values: don't grow without bound
            _WRITTEN.clear()
        known = _WRITTEN[value] = float(np.format_float_positional(np.float32(value), unique=True,
                                                                   trim="0"))
    return known


_WRITTEN: dict[float, float] = {0.0: 0.0, 1.0: 1.0, -1.0: -1.0}


def _decimal(value: float) -> float:
    """A float32 coordinate from pdfium back to the decimal the PDF most likely wrote: the
    nearest 3-decimal number when it lies within float32's error (1e-4 pt up to 1,600 pt),
    else the nearest 4-decimal one when that is closer than half its step, else the value."""
    if -SNAP <= value <= SNAP:
        return 0.0
    near = round(value, 3)
    if abs(near - value) <= SNAP:
        return near
    near = round(value, 4)
    return near if abs(near - value) <= SNAP_FINE else value


def _choose(candidates: list[FontMetrics], own_descent: float, program: int) -> Optional[FontMetrics]:
    """The descriptor matching pdfium's font among those with its name: the one whose
    embedded program has the same size, else the nearest Descent (first in resource order)."""
    if not candidates:
        return None
    same = [c for c in candidates if program >= 0 and c.program_size == program]
    return min(same or candidates, key=lambda m: abs(m.descent - own_descent))
