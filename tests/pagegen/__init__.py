"""Typeset articles as realistic newspaper pages (reportlab, with an embedded CJK TrueType font).

Test tooling, not product code. The font is embedded (subset) so that every PDF renderer draws
the pages (pdfium draws a non-embedded STSong-Light blank): WenQuanYi Zen Hei from the Debian
package fonts-wqy-zenhei, which `make sysdeps` installs.

Pages carry a header (paper name, date, 版次) over a rule and a footer; each article has a
kicker, a fake-bold headline (drawn 2-3 times at sub-point or shadow offsets, optionally with
float noise in its size), a subheadline, a `□` byline, paragraphs with 2-em indents flowing
down 3-8 columns, centred section headings, photos with captions beneath, and a credit line.
Tests round-trip these pages through the reader; `scripts/make_pages.py` writes samples.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

FONT = "WenQuanYiZenHei"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
BODY_SIZE = 9.5
LEADING = 1.55
HEADING_SIZE = 10.5
CAPTION_SIZE = 8.0
CREDIT_SIZE = 8.0
KICKER_SIZE = 15.0
SUBHEAD_SIZE = 14.0
PHOTO_HEIGHT = 110.0


@dataclass
class Placement:
    """Where one article goes: a block of columns between two heights (points from the top)."""

    article: dict
    first_column: int
    last_column: int  # inclusive
    top: float
    bottom: float
    headline_size: float = 30.0
    copies: int = 3  # how many times the headline is drawn (fake bold)
    offset: tuple[float, float] = (0.4, 0.0)  # shift between copies (a shadow: ~1-2.5 pt)
    size_noise: float = 0.0  # added to the size of the later copies, e.g. 1.4e-14


@dataclass
class PageSpec:
    placements: list[Placement]
    columns: int = 4
    width: float = 842.0
    height: float = 1191.0
    margin: float = 36.0
    gutter: float = 14.0
    paper: str = "北疆工人报"
    date: str = "2022年10月20日 星期四"
    section: str = "第7版 综合新闻"
    footer: str = "本版责任编辑 王敏"


def _register_font() -> None:
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        if not Path(FONT_FILE).exists():
            raise RuntimeError(f"{FONT_FILE} missing: run `make sysdeps` (Debian fonts-wqy-zenhei)")
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    _register_font()

    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaking by printed width (Chinese text breaks between any characters)."""
    lines, current, used, limit = [], "", 0.0, width - indent
    for ch in text:
        w = _width(ch, size)
        if current and used + w > limit + 0.01:
            lines.append(current)
            current, used, limit = "", 0.0, width
        current += ch
        used += w
    if current:
        lines.append(current)
    # A space at a line edge is invisible in print: keep spaces inside lines by moving the word
    # before a break-side space down to the next line.
    for i in range(len(lines) - 1):
        while lines[i].endswith(" ") or lines[i + 1].startswith(" "):
            lines[i], lines[i + 1] = lines[i][:-1], lines[i][-1] + lines[i + 1]
    return lines


def _photo_bytes(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (48, 32), (90 + seed * 30 % 120, 120, 160))
    for x in range(48):
        image.putpixel((x, (x + seed) % 32), (240, 240, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class _Flow:
    """A cursor moving down the article's columns."""

    canvas: object
    spec: PageSpec
    columns: list[int]
    top: float
    bottom: float
    column: int = 0
    y: float = 0.0
    photos: dict = field(default_factory=dict)  # column index -> captions to place at its top

    def x(self) -> float:
        col = self.columns[self.column]
        return self.spec.margin + col * (self.col_width() + self.spec.gutter)

    def col_width(self) -> float:
        usable = self.spec.width - 2 * self.spec.margin - (self.spec.columns - 1) * self.spec.gutter
        return usable / self.spec.columns

    starts: dict = field(default_factory=dict)  # column index -> where its text starts

    def place_photos(self) -> None:
        """Photos sit at the top of their columns, captions beneath; text flows below them."""
        for column, captions in sorted(self.photos.items()):
            self.column, self.y = column, self.top
            for caption in captions:
                self._photo(caption)
            self.starts[column] = self.y
        self.column = 0

    def start_column(self) -> None:
        self.y = self.starts.get(self.column, self.top)

    def _photo(self, caption: str) -> None:
        from reportlab.lib.utils import ImageReader

        image = ImageReader(io.BytesIO(_photo_bytes(self.column)))
        self.canvas.drawImage(image, self.x(), self.spec.height - self.y - PHOTO_HEIGHT,
                              self.col_width(), PHOTO_HEIGHT)
        self.y += PHOTO_HEIGHT + 4
        for line in wrap(caption, self.col_width(), CAPTION_SIZE):
            self.draw(line, CAPTION_SIZE, 0.0, allow_break=False)
        self.y += BODY_SIZE

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.column += 1
            if self.column >= len(self.columns):
                raise ValueError("article does not fit its placement")
            self.start_column()

    def draw(self, text: str, size: float, dx: float, allow_break: bool = True) -> None:
        if allow_break:
            self.ensure(size * LEADING)
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(self.x() + dx, self.spec.height - self.y - size, text)
        self.y += size * LEADING


def _draw_title(canvas, spec: PageSpec, place: Placement, x0: float, x1: float) -> float:
    """Kicker, fake-bold headline, subheadline, centred over the article; returns the new top."""
    y = place.top
    article = place.article
    centre = (x0 + x1) / 2

    def centred(text: str, size: float, copies: int = 1) -> None:
        nonlocal y
        width = _width(text, size)
        for copy in range(copies):
            copy_size = size + (place.size_noise if copy else 0.0)
            canvas.setFont(FONT, copy_size)
            dx, dy = place.offset[0] * copy, place.offset[1] * copy
            canvas.drawString(centre - width / 2 + dx, spec.height - y - size - dy, text)
        y += size * 1.35

    if article.get("kicker"):
        centred(article["kicker"], KICKER_SIZE)
    for line in article["headline"].split(" "):
        centred(line, place.headline_size, place.copies)
    if article.get("subheadline"):
        centred(article["subheadline"], SUBHEAD_SIZE)
    return y + BODY_SIZE


def draw_article(canvas, spec: PageSpec, place: Placement) -> None:
    article = place.article
    columns = list(range(place.first_column, place.last_column + 1))
    flow = _Flow(canvas, spec, columns, place.top, place.bottom)
    x0 = flow.x()
    flow.column = len(columns) - 1
    x1 = flow.x() + flow.col_width()
    flow.column = 0
    flow.top = _draw_title(canvas, spec, place, x0, x1)
    # Photos go at the top of the article's later columns, captions beneath them.
    for i, caption in enumerate(article.get("captions", [])):
        flow.photos.setdefault(min(1 + i, len(columns) - 1), []).append(caption)
    flow.place_photos()
    flow.start_column()
    if article.get("byline"):
        flow.draw("□" + " ".join(article["byline"]), BODY_SIZE, 0.0)
        flow.y += BODY_SIZE * 0.5
    width = flow.col_width()
    for section in article["sections"]:
        if section.get("heading"):
            flow.ensure(HEADING_SIZE * 4)
            flow.y += HEADING_SIZE * 0.6
            heading = section["heading"]
            dx = max(0.0, (width - _width(heading, HEADING_SIZE)) / 2)
            for copy in range(2):  # headings are fake bold too, drawn twice at 0.3 pt
                canvas.setFont(FONT, HEADING_SIZE)
                canvas.drawString(flow.x() + dx + 0.3 * copy, spec.height - flow.y - HEADING_SIZE, heading)
            flow.y += HEADING_SIZE * 1.9
        for paragraph in section["paragraphs"]:
            for i, line in enumerate(wrap(paragraph, width, BODY_SIZE, indent=2 * BODY_SIZE)):
                flow.draw(line, BODY_SIZE, 2 * BODY_SIZE if i == 0 else 0.0)
    for credit in article.get("credits", []):
        # Wrapped to the column like any text: drawn whole, a long credit in a narrow column ran
        # over the next column's body text. Closing punctuation hangs at the end of the line
        # before, as typesetters set it, rather than open a line of its own.
        lines = wrap(credit, width, CREDIT_SIZE)
        for i in range(len(lines) - 1, 0, -1):
            while lines[i] and lines[i][0] in "）】」』》〉”’，。、；：？！":
                lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
        for line in filter(None, lines):
            flow.draw(line, CREDIT_SIZE, 0.0)


def draw_page(canvas, spec: PageSpec) -> None:
    """Running head, its rule, running foot and every article of `spec` onto a reportlab
    canvas (or a wrapper of one that draws strings its own way)."""
    canvas.setFont(FONT, 10)
    canvas.drawString(spec.margin, spec.height - 28, spec.paper)
    canvas.drawCentredString(spec.width / 2, spec.height - 28, spec.date)
    canvas.drawRightString(spec.width - spec.margin, spec.height - 28, spec.section)
    canvas.line(spec.margin, spec.height - 34, spec.width - spec.margin, spec.height - 34)
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(spec.width / 2, 18, spec.footer)
    for place in spec.placements:
        draw_article(canvas, spec, place)


def render_page(spec: PageSpec) -> bytes:
    from reportlab.pdfgen import canvas as rl_canvas

    _register_font()
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=(spec.width, spec.height), invariant=1)
    draw_page(canvas, spec)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def seed_page(seed: dict) -> PageSpec:
    """The seed article alone on a four-column page, headline drawn three times."""
    return PageSpec(columns=4, width=1000.0, height=1300.0, placements=[
        Placement(seed, 0, 3, 50.0, 1270.0, headline_size=30.0, copies=3, offset=(0.35, 0.2)),
    ])


def two_article_page(first: dict, second: dict) -> PageSpec:
    """Two articles stacked on a four-column page: shadow offset and size noise."""
    return PageSpec(columns=4, placements=[
        Placement(first, 0, 3, 50.0, 640.0, headline_size=26.0, copies=2, offset=(1.8, 1.2)),
        Placement(second, 0, 3, 660.0, 1160.0, headline_size=40.0, copies=3, offset=(0.5, 0.0),
                  size_noise=1.4e-14),
    ])


def side_by_side_page(left: dict, right: dict, columns: int = 8) -> PageSpec:
    """Two articles side by side on a dense many-column page."""
    half = columns // 2
    return PageSpec(columns=columns, width=1000.0, gutter=10.0, placements=[
        Placement(left, 0, half - 1, 50.0, 1160.0, headline_size=24.0, copies=2, offset=(0.25, 0.25)),
        Placement(right, half, columns - 1, 50.0, 1160.0, headline_size=24.0, copies=3, offset=(2.4, 0.0)),
    ])


def expected(article: dict) -> dict:
    """What the reader must give back for a typeset article."""
    keys = ("kicker", "headline", "subheadline", "byline", "captions", "credits", "sections")
    out = {k: article.get(k) for k in keys}
    out["captions"] = list(out["captions"] or [])
    out["credits"] = list(out["credits"] or [])
    out["byline"] = list(out["byline"] or [])
    return out


def load_article(path) -> dict:
    import json
    from pathlib import Path

    return json.loads(Path(path).read_text(encoding="utf-8"))
