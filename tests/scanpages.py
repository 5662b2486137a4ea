"""Scans and broken text layers made from generated pages (test tooling, not product code).

- `page_image`: a generated PDF page rendered by pdfium, as a scanner would see it;
- degradations archive scans show: `noisy`, `skewed`, `jpeg`, `greyscale_jpeg`;
- `image_pdf`: page images wrapped as an image-only PDF (page size = pixels at the dpi);
- `tiff`: page images as one multi-page TIFF;
- `mojibake_page`: a page whose text layer holds GBK (or Big5) byte pairs shown as Latin-1, drawn
  with the standard WinAnsi font Helvetica, horizontally scaled so every line keeps its printed
  width: exactly what old Chinese typesetting systems leave in e-paper PDFs;
- `invisible_layer_pdf`: a scan with an invisible text layer from an "older OCR" on top.
"""
from __future__ import annotations

import io
import random

from tests.pagegen import FONT, PageSpec, _register_font, _width, draw_page

LATIN_FONT = "Helvetica"


def page_image(pdf: bytes, dpi: float, grey: bool = False, index: int = 0):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[index].render(scale=dpi / 72.0, grayscale=grey).to_pil()
    finally:
        document.close()
    return image.convert("L" if grey else "RGB")


def noisy(image, sigma: float = 18.0, seed: int = 7):
    """Gaussian sensor noise (fixed seed)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    data = np.asarray(image).astype(np.float32)
    data += rng.normal(0.0, sigma, data.shape)
    return Image.fromarray(np.clip(data, 0, 255).astype(np.uint8), mode=image.mode)


def skewed(image, degrees: float):
    """The page fed at an angle (counter-clockwise degrees), white where paper is missing."""
    from PIL import Image

    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.rotate(degrees, resample=Image.BICUBIC, expand=False, fillcolor=fill)


def jpeg(image, quality: int):
    """The image after a round trip through JPEG at `quality`."""
    from PIL import Image

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert(image.mode)


def greyscale_jpeg(image, quality: int = 60):
    """An archive's web copy: grey, JPEG-compressed."""
    return jpeg(image.convert("L"), quality)


def image_pdf(images: list, dpi: float) -> bytes:
    """Image-only PDF, one page per image, each page the image's size at `dpi`."""
    buffer = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return buffer.getvalue()


def image_bytes(image, fmt: str, dpi: float, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, dpi=(dpi, dpi), **options)
    return buffer.getvalue()


def tiff(images: list, dpi: float) -> bytes:
    """A multi-page TIFF (LZW) with the scan resolution recorded."""
    buffer = io.BytesIO()
    images[0].save(buffer, format="TIFF", save_all=True, append_images=images[1:],
                   dpi=(dpi, dpi), compression="tiff_lzw")
    return buffer.getvalue()


def latin1_reading(text: str, encoding: str) -> str:
    """How a byte-pair font's text layer shows `text`: its bytes read as WinAnsi / Latin-1."""
    out = []
    for byte in text.encode(encoding):
        try:
            out.append(bytes((byte,)).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


class _MojibakeCanvas:
    """A reportlab canvas that draws every string as its byte-pair Latin-1 reading."""

    def __init__(self, canvas, encoding: str) -> None:
        self._canvas = canvas
        self._encoding = encoding
        self._size = 10.0

    def setFont(self, name: str, size: float) -> None:
        self._size = size
        self._canvas.setFont(name, size)

    def drawString(self, x: float, y: float, text: str) -> None:
        from reportlab.pdfbase import pdfmetrics

        latin = latin1_reading(text, self._encoding)
        wanted = _width(text, self._size)
        drawn = pdfmetrics.stringWidth(latin, LATIN_FONT, self._size)
        obj = self._canvas.beginText(x, y)
        obj.setFont(LATIN_FONT, self._size)
        if drawn > 0:
            obj.setHorizScale(100.0 * wanted / drawn)
        obj.textOut(latin)
        self._canvas.drawText(obj)

    def drawCentredString(self, x: float, y: float, text: str) -> None:
        self.drawString(x - _width(text, self._size) / 2, y, text)

    def drawRightString(self, x: float, y: float, text: str) -> None:
        self.drawString(x - _width(text, self._size), y, text)

    def __getattr__(self, name: str):
        return getattr(self._canvas, name)


def mojibake_page(spec: PageSpec, encoding: str = "gbk") -> bytes:
    """The page `render_page(spec)` draws, with a GBK/Big5-as-Latin-1 text layer."""
    from reportlab.pdfgen import canvas as rl_canvas

    _register_font()
    buffer = io.BytesIO()
    real = rl_canvas.Canvas(buffer, pagesize=(spec.width, spec.height), invariant=1)
    draw_page(_MojibakeCanvas(real, encoding), spec)
    real.showPage()
    real.save()
    return buffer.getvalue()


def invisible_layer_pdf(image, dpi: float, lines: list[tuple[str, float, float, float]]) -> bytes:
    """A scan (the image covering the page) with an invisible text layer on top: `lines` are
    (text, x, top, size) in points, drawn in render mode 3 as an older OCR would."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    _register_font()
    width, height = image.width * 72.0 / dpi, image.height * 72.0 / dpi
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    png = io.BytesIO()
    image.save(png, format="PNG")
    canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width, height)
    for text, x, top, size in lines:
        obj = canvas.beginText(x, height - top - size)
        obj.setTextRenderMode(3)
        obj.setFont(FONT, size)
        obj.textOut(text)
        canvas.drawText(obj)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def shuffled_rare(chars: str, count: int, seed: int) -> str:
    """`count` characters drawn from `chars` (fixed seed): stand-ins for an old OCR's guesses."""
    rng = random.Random(seed)
    return "".join(rng.choice(chars) for _ in range(count))


def one_article_page(article: dict, columns: int = 3, headline_size: float = 24.0) -> "PageSpec":
    """A small (A4) page holding one article: quick to OCR in tests."""
    from tests.pagegen import Placement

    return PageSpec(columns=columns, width=595.0, height=842.0, gutter=12.0, placements=[
        Placement(article, 0, columns - 1, 50.0, 810.0, headline_size=headline_size, copies=2,
                  offset=(0.6, 0.3)),
    ])


def join_pdfs(parts: list[bytes]) -> bytes:
    """The pages of several PDFs, in order, as one PDF (pdfium)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for part in parts:
        src = pdfium.PdfDocument(part)
        out.import_pages(src)
        src.close()
    buffer = io.BytesIO()
    out.save(buffer)
    out.close()
    return _fixed_id(buffer.getvalue())


def _fixed_id(data: bytes) -> bytes:
    """pdfium's save writes a random file /ID into the trailer: replaced by a digest of the
    file before the trailer (same length, so no offset moves), the same bytes every run."""
    import hashlib
    import re

    trailer = data.rfind(b"trailer")
    digest = hashlib.md5(data[:trailer]).hexdigest().upper().encode("ascii")
    return data[:trailer] + re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
                                   b"/ID[<" + digest + b"><" + digest + b">]", data[trailer:], count=1)


def vertical_headline_page(article: dict, size: float = 26.0) -> bytes:
    """A small page: the article's headline set vertically (top to bottom) at the right of its
    body text, which runs in two horizontal columns, as papers set a feature's title."""
    from reportlab.pdfgen import canvas as rl_canvas

    from tests.pagegen import BODY_SIZE, LEADING, wrap

    _register_font()
    width, height, margin, gutter = 595.0, 842.0, 40.0, 14.0
    title_x = width - margin - size
    column = (title_x - margin - 2 * gutter) / 2
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setFont(FONT, size)
    for i, ch in enumerate(article["headline"].replace(" ", "")):
        canvas.drawString(title_x, height - 60 - (i + 1) * size * 1.1, ch)
    canvas.setFont(FONT, BODY_SIZE)
    lines = []
    for section in article["sections"]:
        for paragraph in section["paragraphs"]:
            lines.extend(wrap(paragraph, column, BODY_SIZE, indent=2 * BODY_SIZE))
    per_column = int((height - 120) / (BODY_SIZE * LEADING))
    for i, line in enumerate(lines[: 2 * per_column]):
        x = margin + (i // per_column) * (column + gutter)
        y = height - 60 - BODY_SIZE - (i % per_column) * BODY_SIZE * LEADING
        canvas.drawString(x, y, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
