"""Page images: image files as inputs (`.png .jpg .jpeg .tif .tiff`, multi-page TIFF too), and
PDF pages rendered for OCR.

    read_image(path, settings) -> RawDocument   # kind "image", one page per frame, read by OCR
    PdfPageImages(path).render(index, dpi) -> numpy array (grey)

An image page's size in points is its size in pixels at the scan's resolution (72/dpi points a
pixel), 300 dpi when the file doesn't say (or says something implausible). JPEG EXIF
orientation is applied; turning pages upright and deskewing is OCR's job (`ocr.py`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

import numpy as np

from pipeline.document import RawDocument, RawPage
from pipeline.errors import InputError
from pipeline.ingest.library_warnings import LibraryWarnings
from pipeline.ingest.ocr import OcrSettings, read_page_image

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
DEFAULT_DPI = 300  # when the file doesn't say: the usual archive scanning resolution
MIN_DPI, MAX_DPI = 50, 2400  # a stated resolution outside these is a placeholder, not a scan's


def image_dpi(info: dict) -> float:
    """The scan's resolution from the file's metadata, or DEFAULT_DPI."""
    dpi = info.get("dpi")
    try:
        value = float(dpi[0]) if isinstance(dpi, (tuple, list)) else float(dpi)
    except (TypeError, ValueError, IndexError):
        return float(DEFAULT_DPI)
    # PNG stores pixels per metre, so 150 dpi comes back as 149.9994: scanners use whole dpi.
    return float(round(value)) if MIN_DPI <= value <= MAX_DPI else float(DEFAULT_DPI)


def _frames(path: Path) -> Iterator[tuple[np.ndarray, float]]:
    """Each frame as a grey array with its dpi."""
    from PIL import Image, ImageOps, ImageSequence

    try:
        with Image.open(path) as image:
            for frame in ImageSequence.Iterator(image):
                dpi = image_dpi(frame.info)
                upright = ImageOps.exif_transpose(frame)
                yield np.asarray(upright.convert("L")), dpi
    except (OSError, SyntaxError, ValueError) as error:  # PIL's ways of saying "broken file"
        raise InputError(f"unreadable image ({type(error).__name__}: {error})") from None


def frame_count(path: Path) -> int:
    from PIL import Image

    try:
        with Image.open(path) as image:
            return int(getattr(image, "n_frames", 1))
    except (OSError, SyntaxError, ValueError) as error:
        raise InputError(f"not a readable image ({type(error).__name__}: {error})") from None


def ocr_page(number: int, image: np.ndarray, dpi: float, settings: OcrSettings,
             warnings: list[str]) -> RawPage:
    """One page image read by OCR into a RawPage (points at `dpi`)."""
    result = read_page_image(image, 72.0 / dpi, settings)
    if result.rotation:
        warnings.append(f"page {number}: image turned {result.rotation} degrees to read it upright")
    width, height = result.size
    return RawPage(number=number, width=width, height=height,
                   glyphs=result.glyphs, images=result.images, rules=result.rules,
                   source="ocr" if result.glyphs else "none")


def _pages(path: Path, settings: OcrSettings, warnings: list[str]) -> Iterator[RawPage]:
    library = LibraryWarnings().start()
    try:
        for index, (image, dpi) in enumerate(_frames(path)):
            number = index + 1
            if settings.mode == "off":
                warnings.append(f"page {number}: image page not read (OCR is off)")
                height, width = image.shape[:2]
                yield RawPage(number=number, width=round(width * 72 / dpi, 3),
                              height=round(height * 72 / dpi, 3), source="none")
                continue
            yield ocr_page(number, image, dpi, settings, warnings)
    finally:
        library.stop()
        warnings.extend(library.lines())


def read_image(path: str, settings: Optional[OcrSettings] = None) -> RawDocument:
    from pipeline.ingest.pdf import sha256_of

    settings = settings or OcrSettings()
    count = frame_count(Path(path))
    doc = RawDocument(path=path, sha256=sha256_of(path), kind="image", pages=[], page_count=count)
    doc.pages = _pages(Path(path), settings, doc.warnings)
    return doc


class RenderError(Exception):
    """pdfium cannot open or render a page that another engine could read."""


class PdfPageImages:
    """A PDF's pages rendered with pdfium on demand (opened at the first page asked for)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._document = None

    def _page(self, index: int):
        import pypdfium2 as pdfium

        try:
            if self._document is None:
                self._document = pdfium.PdfDocument(self.path)
            return self._document[index]
        except pdfium.PdfiumError as error:  # damage pdfminer read past, but pdfium did not
            raise RenderError(str(error).strip().rstrip(".")) from None

    def render(self, index: int, dpi: float) -> np.ndarray:
        page = self._page(index)
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            return np.array(bitmap.to_pil().convert("L"))
        finally:
            page.close()

    def scan_dpi(self, index: int) -> Optional[float]:
        """The resolution of the page's largest image (pixels per inch as placed), or None."""
        import pypdfium2.raw as pdfium_c

        page = self._page(index)
        best: Optional[tuple[float, float]] = None  # (area in points, dpi)
        try:
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                x0, y0, x1, y1 = obj.get_bounds()
                width_px, _ = obj.get_px_size()
                area = (x1 - x0) * (y1 - y0)
                if x1 - x0 > 0 and width_px > 0 and (best is None or area > best[0]):
                    best = (area, width_px / ((x1 - x0) / 72.0))
        finally:
            page.close()
        return best[1] if best else None

    def ocr_dpi(self, index: int, wanted: float) -> float:
        """Render a scan at its own resolution when that is lower than `wanted`: enlarging a
        low-resolution scan gains no accuracy and costs time."""
        native = self.scan_dpi(index)
        return min(float(wanted), native) if native and native >= MIN_DPI else float(wanted)

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
