"""Drawing operations for generated pages, in top-left coordinates, rendered by reportlab.

Pages are first collected as operations so that the order text is written into the content
stream can vary independently of the layout (column by column, row-interleaved, shuffled): a
positional reader must give the same result whatever that order is.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

FONT_FILES = {
    "WenQuanYiZenHei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "UMingCN": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "UKaiCN": "/usr/share/fonts/truetype/arphic/ukai.ttc",
}
ASCENT = 0.88  # of the size: where the baseline sits below the top of a line box


def register(font: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if font not in pdfmetrics.getRegisteredFontNames():
        path = FONT_FILES[font]
        if not Path(path).exists():
            raise RuntimeError(f"{path} missing: run `make sysdeps` (Debian CJK TrueType fonts)")
        pdfmetrics.registerFont(TTFont(font, path, subfontIndex=0))


_WIDTHS: dict[tuple[str, str], float] = {}


def text_width(text: str, font: str, size: float) -> float:
    """Printed width of `text` (no character spacing)."""
    from reportlab.pdfbase import pdfmetrics

    total = 0.0
    for ch in text:
        key = (ch, font)
        if key not in _WIDTHS:
            register(font)
            _WIDTHS[key] = pdfmetrics.stringWidth(ch, font, 1000.0) / 1000.0
        total += _WIDTHS[key]
    return total * size


def wrap(text: str, width: float, font: str, size: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaking by printed width (Chinese breaks between any two characters);
    closing punctuation never starts a line."""
    lines: list[str] = []
    current, used, limit = "", 0.0, width - indent
    for ch in text:
        w = text_width(ch, font, size)
        if current and used + w > limit + 0.01:
            if ch in "，。、；：！？”’）》" and len(current) > 1:
                ch, current = current[-1] + ch, current[:-1]
                w = text_width(ch, font, size)
            lines.append(current)
            current, used, limit = "", 0.0, width
        current += ch
        used = text_width(current, font, size)
    if current:
        lines.append(current)
    return lines


@dataclass
class Text:
    x: float
    top: float
    text: str
    font: str
    size: float
    char_space: float = 0.0
    white: bool = False


@dataclass
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool = True
    fill_gray: float | None = None  # 0 black .. 1 white; None: not filled
    line_width: float = 0.8


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.6


@dataclass
class Photo:
    x0: float
    top: float
    x1: float
    bottom: float
    seed: int = 0


@dataclass
class Page:
    width: float
    height: float
    texts: list[Text] = field(default_factory=list)
    shapes: list = field(default_factory=list)  # Rect, Rule, Photo, drawn before any text

    def text(self, x: float, top: float, text: str, font: str, size: float, char_space: float = 0.0,
             white: bool = False) -> None:
        self.texts.append(Text(x, top, text, font, size, char_space, white))

    def justified(self, x: float, top: float, text: str, font: str, size: float, width: float) -> None:
        """A line spread to exactly `width` by character spacing, as body text is set (a line
        that would need more than half an em between two characters is left ragged, as a
        typesetter would rather squeeze it)."""
        used = text_width(text, font, size)
        spare = width - used
        space = spare / (len(text) - 1) if len(text) > 1 and 0 < spare < 2.5 * size else 0.0
        if space > 0.5 * size:
            space = 0.0
        self.text(x, top, text, font, size, space)


def _photo_png(seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.new("RGB", (40, 30), (rng.randrange(60, 200), rng.randrange(60, 200), 150))
    for x in range(40):
        image.putpixel((x, (x * 3 + seed) % 30), (240, 240, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def render(pages: list[Page], order: str = "stream", seed: int = 0) -> bytes:
    """The PDF. `order`: how text goes into the content stream: "stream" (as laid out, column by
    column), "rows" (sorted by line position across the page: row-interleaved), "shuffle"."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=(pages[0].width, pages[0].height), invariant=1)
    rng = random.Random(seed)
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        h = page.height
        for shape in page.shapes:
            if isinstance(shape, Rect):
                canvas.setLineWidth(shape.line_width)
                if shape.fill_gray is not None:
                    canvas.setFillGray(shape.fill_gray)
                canvas.rect(shape.x0, h - shape.bottom, shape.x1 - shape.x0, shape.bottom - shape.top,
                            stroke=int(shape.stroke), fill=int(shape.fill_gray is not None))
                canvas.setFillGray(0)
            elif isinstance(shape, Rule):
                canvas.setLineWidth(shape.width)
                canvas.line(shape.x0, h - shape.y0, shape.x1, h - shape.y1)
            elif isinstance(shape, Photo):
                image = ImageReader(io.BytesIO(_photo_png(shape.seed)))
                canvas.drawImage(image, shape.x0, h - shape.bottom, shape.x1 - shape.x0,
                                 shape.bottom - shape.top)
        texts = list(page.texts)
        if order == "rows":
            texts.sort(key=lambda t: (round(t.top), t.x))
        elif order == "shuffle":
            rng.shuffle(texts)
        for t in texts:
            register(t.font)
            obj = canvas.beginText()
            obj.setTextOrigin(t.x, h - t.top - ASCENT * t.size)
            obj.setFont(t.font, t.size)
            obj.setFillGray(1 if t.white else 0)
            if t.char_space:
                # Each character at its own position, as typesetting systems write justified
                # lines. (Character spacing `Tc` would do, but reportlab splits a CJK line into
                # one string per font subset and pdfminer adds no spacing after a string's last
                # character: the text layer would disagree with the drawn page.)
                x = t.x
                for ch in t.text:
                    obj.setTextOrigin(x, h - t.top - ASCENT * t.size)
                    obj.textOut(ch)
                    x += text_width(ch, t.font, t.size) + t.char_space
            else:
                obj.textOut(t.text)
            canvas.drawText(obj)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
