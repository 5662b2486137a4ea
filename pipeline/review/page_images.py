"""Render the PDF pages a review page draws on, as embedded PNGs."""
from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

RENDER_DPI = 100
SCALE = RENDER_DPI / 72  # screen pixels per PDF point


@dataclass(frozen=True)
class PageImage:
    png_base64: str
    width: float  # points
    height: float


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render_pages(pdf_path: Path, numbers: Iterable[int]) -> dict[int, PageImage]:
    """The given 1-based pages of `pdf_path` as PNG images (pages that do not exist are left
    out)."""
    import pypdfium2 as pdfium

    images: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for number in sorted(set(numbers)):
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=SCALE)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=False)
            images[number] = PageImage(base64.b64encode(buffer.getvalue()).decode("ascii"),
                                       float(width), float(height))
            page.close()
    finally:
        pdf.close()
    return images


def source_note(pdf_path: Optional[Path], sha256: str) -> Optional[str]:
    """Why the pages cannot be drawn from `pdf_path`, or None when they can."""
    if pdf_path is None:
        return "page images need the input folder: pass --sources DIR"
    if not pdf_path.is_file():
        return f"input file not found: {pdf_path}"
    if file_sha256(pdf_path) != sha256:
        return f"{pdf_path} has changed since this output was made (sha256 differs)"
    return None
