"""A seeded random newspaper-page generator with gold: what each page says, part by part.

Every page is composed like a real one: a running head (paper, date, 第N版, section) over a rule
and a running foot (editors, page number); a body area cut into article slots (guillotine cuts
along the column grid, read top to bottom and left to right); 3-8 columns of unequal width with
gutters of 0.3-2 em, with or without column rules; per article a kicker, a fake-bold headline
(wrapped, two-part, or set vertically beside the text), a subheadline, a byline, paragraphs with
2-em indents flowing down the columns around photos (with captions) and tables, centred section
headings, credits; boxed sidebars; advertisements (boxed or reversed); articles jumping to the
next page with `（下转第N版）` / `（上接第N版）` or flowing on to it without a title.

Nothing here comes from the reader under test: sizes and distances are what pages print.

    doc = random_document(seed, texts)      # doc.pdf (bytes), doc.gold (dict)
"""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field, replace
from typing import Optional

from tests.pagegen.draw import Page, Photo, Rect, Rule, render, text_width
from tests.pagegen.texts import Texts

PAGE_SIZES = [(842.0, 1191.0), (1191.0, 1684.0), (1000.0, 1560.0), (780.0, 1080.0)]
FONTS = ["WenQuanYiZenHei", "UMingCN", "UKaiCN"]
PAPERS = ["北疆日报", "江南晚报", "东方时报", "华北工人报", "西部商报", "滨海日报", "高原新闻报", "南方农民报"]
SECTIONS = ["要闻", "综合新闻", "经济", "国际", "文化", "体育", "社会", "要闻·综合", "地方·民生", "理论"]
WEEKDAYS = "一二三四五六日"
CN_DIGITS = "〇一二三四五六七八九"
MIN_SLOT_HEIGHT = 230.0


def cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


@dataclass
class Knobs:
    """What varies between pages; None picks at random."""

    columns: Optional[int] = None
    gutter_em: Optional[float] = None
    body_size: Optional[float] = None
    column_rules: Optional[bool] = None
    article_rules: Optional[bool] = None
    unequal: Optional[bool] = None
    articles: Optional[int] = None  # 1-5
    pages: Optional[int] = None  # 1 or 2
    order: Optional[str] = None  # content-stream order: stream, rows, shuffle
    page_size: Optional[tuple[float, float]] = None
    photos: Optional[float] = None  # chance an article has photos
    table: Optional[float] = None  # chance a page has a table
    ad: Optional[float] = None
    sidebar: Optional[float] = None
    vertical: Optional[float] = None  # chance a headline is set vertically
    headline_modes: Optional[tuple[str, ...]] = None
    paragraphs: Optional[tuple[int, int]] = None  # how many paragraphs an article has (6-24)
    header: bool = True


@dataclass
class Style:
    body_font: str
    title_font: str
    caption_font: str
    body: float
    leading: float
    caption: float
    heading: float
    gutter: float
    column_rules: bool
    article_rules: bool


@dataclass
class Slot:
    first: int
    last: int
    top: float
    bottom: float
    kind: str = "article"


@dataclass
class ArticleText:
    """What an article will print, before it is fitted to its slot."""

    headline: str
    mode: str  # line, wrapped, two_lines, one_line_gap, vertical
    kicker: Optional[str] = None
    subheadline: Optional[str] = None
    byline: list[str] = field(default_factory=list)
    byline_style: str = "reporter"
    sections: list[tuple[Optional[str], list[str]]] = field(default_factory=list)
    captions: list[tuple[str, str]] = field(default_factory=list)  # (caption, position)
    credit: Optional[str] = None
    table: Optional[tuple[list[list[str]], str, str]] = None  # rows, rules style, placement
    copies: int = 2
    offset: tuple[float, float] = (0.4, 0.0)


@dataclass
class Drawn:
    """Gold for one article piece as printed in one slot, plus what did not fit."""

    gold: dict
    rest: list[tuple[Optional[str], list[str]]]  # sections left over
    open_paragraph: bool  # the last printed paragraph continues in `rest`


class _Flow:
    """A cursor going down the article's columns, skipping reserved regions (photos, tables)."""

    def __init__(self, columns: list[tuple[float, float]], top: float, bottom: float):
        self.columns = columns
        self.top = top
        self.bottom = bottom
        self.col = 0
        self.y = top
        self.blocked: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(columns))}
        self.reserve = 0.0  # kept free at the foot of the last column (a jump marker)

    def block(self, col: int, top: float, bottom: float) -> None:
        self.blocked[col].append((top, bottom))

    def place(self, height: float, gap: float) -> Optional[tuple[float, float, float]]:
        while self.col < len(self.columns):
            y = self.y
            for top, bottom in sorted(self.blocked[self.col]):
                if y < bottom and y + height > top:
                    y = bottom + gap
            limit = self.bottom - (self.reserve if self.col == len(self.columns) - 1 else 0.0)
            if y + height <= limit + 0.01:
                self.y = y + height
                x0, x1 = self.columns[self.col]
                return x0, x1, y
            self.col += 1
            self.y = self.top
        return None

    def room(self, height: float) -> bool:
        """Whether `height` fits in the current column without moving on."""
        if self.col >= len(self.columns):
            return False
        y = self.y
        for top, bottom in sorted(self.blocked[self.col]):
            if y < bottom and y + height > top:
                return False
        limit = self.bottom - (self.reserve if self.col == len(self.columns) - 1 else 0.0)
        return y + height <= limit


def take_line(text: str, width: float, font: str, size: float) -> tuple[str, str]:
    """The first printed line of `text` at `width`, and the rest (closing punctuation never
    starts a line)."""
    used = 0.0
    for i, ch in enumerate(text):
        used += text_width(ch, font, size)
        if used > width + 0.01:
            cut = max(1, i)
            while cut > 1 and text[cut] in "，。、；：！？”’）》":
                cut -= 1
            # A space at a line's edge would not be seen: a credit such as `（王敏 摄）` moves
            # to the next line whole.
            if " " in text[cut - 1 : cut + 1]:
                opening = text.rfind("（", 0, cut)
                if opening > 0:
                    cut = opening
            return text[:cut], text[cut:]
    return text, ""


class Composer:
    """Builds one document (one or two pages) from a seed."""

    def __init__(self, seed: int, texts: Texts, knobs: Knobs):
        self.rng = random.Random(seed)
        self.seed = seed
        self.texts = texts
        self.knobs = knobs
        self.pages: list[Page] = []
        self.gold_pages: list[dict] = []
        self.articles: list[dict] = []
        self.photo_seed = seed * 100

    # ---- page frame -------------------------------------------------------------------------
    def pick(self, value, choose):
        return choose() if value is None else value

    def style(self) -> Style:
        r, k = self.rng, self.knobs
        body = round(self.pick(k.body_size, lambda: r.uniform(9.0, 11.0)), 2)
        return Style(
            body_font=r.choice(FONTS), title_font=r.choice(FONTS), caption_font=r.choice(FONTS),
            body=body, leading=round(r.uniform(1.35, 1.75), 2),
            caption=round(body * r.uniform(0.8, 0.9), 2), heading=round(body * r.uniform(1.08, 1.2), 2),
            gutter=round(body * self.pick(k.gutter_em, lambda: r.uniform(0.3, 2.0)), 2),
            column_rules=self.pick(k.column_rules, lambda: r.random() < 0.4),
            article_rules=self.pick(k.article_rules, lambda: r.random() < 0.5),
        )

    def grid(self, width: float, margin: float, n: int, gutter: float, unequal: bool) -> list[tuple[float, float]]:
        weights = [1.0 + (self.rng.uniform(-0.25, 0.25) if unequal else 0.0) for _ in range(n)]
        usable = width - 2 * margin - (n - 1) * gutter
        x, columns = margin, []
        for w in weights:
            cw = usable * w / sum(weights)
            columns.append((round(x, 2), round(x + cw, 2)))
            x += cw + gutter
        return columns

    def edition(self, page: Page, number: int, style: Style, margin: float, date: datetime.date,
                paper: str, section: str, editors: list[str]) -> tuple[float, float, dict]:
        """Running head and foot; returns the body area's top and bottom and the page's gold."""
        r = self.rng
        w, h = page.width, page.height
        label = f"第{number}版" if r.random() < 0.7 else f"第{cn_number(number)}版"
        date_text = f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}"
        head_size = r.uniform(14, 22)
        top = margin * 0.6
        furniture = [paper, date_text, label, section]
        page.text(margin, top, paper, style.title_font, head_size)
        small = r.uniform(8.5, 10.5)
        y = top + head_size - small
        dw = text_width(date_text, style.body_font, small)
        page.text(w / 2 - dw / 2, y, date_text, style.body_font, small)
        right = f"{label}  {section}" if r.random() < 0.5 else f"{section}  {label}"
        furniture[2:] = [right]
        page.text(w - margin - text_width(right, style.body_font, small), y, right, style.body_font, small)
        rule_y = top + head_size + 4
        page.shapes.append(Rule(margin, rule_y, w - margin, rule_y, r.choice((0.5, 1.0, 2.0))))
        staff = f"责任编辑：{editors[0]}　校对：{editors[1]}" if len(editors) > 1 else f"责任编辑：{editors[0]}"
        foot_size = r.uniform(7.5, 9.0)
        foot_top = h - margin * 0.6 - foot_size
        page.text(margin, foot_top, staff, style.body_font, foot_size)
        page.text(w - margin - text_width(str(number), style.body_font, foot_size), foot_top, str(number),
                  style.body_font, foot_size)
        furniture += [staff, str(number)]
        if r.random() < 0.5:
            page.shapes.append(Rule(margin, foot_top - 4, w - margin, foot_top - 4, 0.5))
        gold = {"furniture": furniture, "ads": [],
                "edition": {"paper": paper, "date": date.isoformat(), "page_label": label,
                            "section": section, "editors": list(editors)}}
        return rule_y + style.body * 1.2, foot_top - style.body * 1.2, gold

    def slots(self, columns: int, top: float, bottom: float, count: int) -> list[Slot]:
        r = self.rng
        slots = [Slot(0, columns - 1, top, bottom)]
        while len(slots) < count:
            options = [i for i, s in enumerate(slots)
                       if s.bottom - s.top >= 2 * MIN_SLOT_HEIGHT or s.last > s.first]
            if not options:
                break
            i = r.choice(options)
            s = slots[i]
            tall = s.bottom - s.top >= 2 * MIN_SLOT_HEIGHT
            if tall and (s.last == s.first or r.random() < 0.55):
                cut = s.top + (s.bottom - s.top) * r.uniform(0.35, 0.65)
                slots[i : i + 1] = [replace(s, bottom=cut), replace(s, top=cut)]
            else:
                c = r.randint(s.first + 1, s.last)
                slots[i : i + 1] = [replace(s, last=c - 1), replace(s, first=c)]
        return slots

    # ---- article content --------------------------------------------------------------------
    def article_text(self, slot_cols: int, style: Style, allow_vertical: bool) -> ArticleText:
        r, t = self.rng, self.texts
        modes = self.knobs.headline_modes or ("line", "line", "wrapped", "two_lines", "one_line_gap")
        mode = r.choice(modes)
        vertical_chance = self.pick(self.knobs.vertical, lambda: 0.12)
        if allow_vertical and r.random() < vertical_chance:
            mode = "vertical"
        if mode in ("two_lines", "one_line_gap"):
            headline = t.phrase(r, 4, 9) + " " + t.phrase(r, 4, 9)
        elif mode == "wrapped":
            headline = t.phrase(r, 9, 16) + t.phrase(r, 4, 8)
        elif mode == "vertical":
            headline = t.phrase(r, 4, 9)
        else:
            headline = t.phrase(r, 5, 14)
        art = ArticleText(headline=headline, mode=mode, copies=r.choice((1, 2, 2, 3)),
                          offset=r.choice(((0.3, 0.0), (0.5, 0.2), (1.2, 0.8), (2.2, 0.0))))
        if mode != "vertical":
            if r.random() < 0.3:
                art.kicker = t.phrase(r, 4, 10) + r.choice(("", "：", ""))
            if r.random() < 0.3:
                art.subheadline = "——" + t.phrase(r, 6, 14)
        if r.random() < 0.65:
            art.byline = [t.name(r) for _ in range(r.choice((1, 1, 2, 3)))]
            art.byline_style = r.choice(("reporter", "box"))
        paragraphs = t.paragraphs_from(r, r.randint(*(self.knobs.paragraphs or (6, 24))))
        sections: list[tuple[Optional[str], list[str]]] = [(None, [])]
        for p in paragraphs:
            if sections[-1][1] and r.random() < 0.07:
                sections.append((t.phrase(r, 5, 12) + (" " + t.phrase(r, 4, 8) if r.random() < 0.3 else ""), []))
            sections[-1][1].append(p)
        art.sections = sections
        if r.random() < self.pick(self.knobs.photos, lambda: 0.45):
            for _ in range(r.choice((1, 1, 2, 3))):
                sentence = t.paragraphs_from(r, 1)[0].split("。")[0][:r.randint(14, 50)]
                caption = sentence.rstrip("，、；：“") + "。" + (f"（{t.name(r)} 摄）" if r.random() < 0.3 else "")
                art.captions.append((caption, r.choice(("top", "top_span", "middle", "bottom"))))
        if r.random() < 0.15:
            art.credit = f"（本版图片由{t.phrase(r, 4, 8)}提供）"
        return art

    def table_rows(self, width: float, size: float, font: str) -> Optional[list[list[str]]]:
        r, t = self.rng, self.texts
        for ncols in range(r.randint(3, 5), 1, -1):
            rows = [[t.phrase(r, 2, 4)] + [t.phrase(r, 2, 4) for _ in range(ncols - 1)]]
            for _ in range(r.randint(3, 6)):
                row = [t.phrase(r, 2, 5)]
                for _ in range(ncols - 1):
                    kind = r.random()
                    if kind < 0.4:
                        row.append(str(r.randint(10, 999999)))
                    elif kind < 0.6:
                        row.append(f"{r.randint(1, 99999):,}")
                    elif kind < 0.8:
                        row.append(f"{r.uniform(0.1, 99.9):.1f}")
                    else:
                        row.append(f"{r.uniform(-20, 60):.1f}%")
                rows.append(row)
            widths = [max(text_width(row[c], font, size) for row in rows) for c in range(ncols)]
            if sum(widths) + ncols * 1.2 * size < width:
                return rows
        return None  # no table fits the column

    # ---- drawing ----------------------------------------------------------------------------
    def draw_title(self, page: Page, art: ArticleText, style: Style, x0: float, x1: float, top: float,
                   gold: dict, smallest: bool = False) -> float:
        """Kicker, headline and subheadline centred over [x0, x1]; returns the body top.

        Every title line fits the slot with a margin (a title never runs into its neighbour's);
        a headline too long for one line at the smallest title size wraps, a two-part headline
        that cannot keep its parts on one line or on a line each falls back to the next form.
        Kicker and subheadline are set clearly smaller than the headline and larger than body
        text, wrapped when long."""
        r = self.rng
        room = 0.92 * (x1 - x0)
        centre = (x0 + x1) / 2
        y = top
        font = style.title_font

        def centred(text: str, size: float, copies: int = 1) -> None:
            left = centre - text_width(text, font, size) / 2
            for copy in range(copies):
                page.text(left + art.offset[0] * copy, y + art.offset[1] * copy, text, font, size)

        def wrapped(text: str, size: float) -> list[str]:
            lines = []
            while text:
                line, text = take_line(text, room, font, size)
                lines.append(line)
            return lines

        low = style.body * 1.85  # the smallest headline: a third above the smallest kicker
        size = r.uniform(style.body * 1.9, style.body * 4.0)
        mode = art.mode
        parts = art.headline.split(" ")
        unit = {p: text_width(p, font, 1.0) for p in parts}
        gap = r.uniform(1.0, 2.0)
        if mode == "one_line_gap":
            size = min(size, room / (sum(unit.values()) + gap))
            if size < low:
                mode = "two_lines"
        if mode == "two_lines":
            # Each phrase on a line of its own, the first one clearly short of the width (a
            # first line that fills the width reads as a wrapped headline).
            size = min(size, room / max(unit.values()), 0.8 * (x1 - x0) / (unit[parts[0]] + 2.0))
            if size < low:
                mode = "wrapped"
        if mode == "line":
            size = min(size, room / text_width(art.headline, font, 1.0))
            if size < low:
                mode = "wrapped"
        if mode == "wrapped":
            whole = text_width(art.headline.replace(" ", ""), font, 1.0)
            # Two or three lines' worth at most, never fewer than three characters a line.
            size = min(max(low, r.uniform(1.05, 1.7) * room / whole), room / 3.2, style.body * 4.0)
            size = max(size, low)
        if smallest:
            size = low
        size = round(size, 2)
        small = (style.body * 1.35, 0.75 * size)
        if art.kicker:
            ks = round(min(max(small[0], size * r.uniform(0.45, 0.6)), small[1]), 2)
            for line in wrapped(art.kicker, ks):
                centred(line, ks)
                y += ks * 1.3
            y += ks * 0.2
        if mode == "wrapped":
            lines = wrapped(art.headline.replace(" ", ""), size)
            if len(lines) > 4:  # a narrow column takes a shorter headline
                art.headline = "".join(lines[:4])
                lines = lines[:4]
            for line in lines:
                centred(line, size, art.copies)
                y += size * 1.25
        elif mode == "two_lines":
            for part in parts:
                centred(part, size, art.copies)
                y += size * 1.25
        elif mode == "one_line_gap":
            a, b = parts
            wa, wb = text_width(a, font, size), text_width(b, font, size)
            left = centre - (wa + gap * size + wb) / 2
            for copy in range(art.copies):
                dx, dy = art.offset[0] * copy, art.offset[1] * copy
                page.text(left + dx, y + dy, a, font, size)
                page.text(left + wa + gap * size + dx, y + dy, b, font, size)
            y += size * 1.25
        else:
            centred(art.headline, size, art.copies)
            y += size * 1.25
        if art.subheadline:
            ss = round(min(max(small[0], size * r.uniform(0.45, 0.6)), small[1]), 2)
            y += ss * 0.2
            for line in wrapped(art.subheadline, ss):
                centred(line, ss)
                y += ss * 1.3
            y += ss * 0.2
        gold["headline"] = art.headline if mode in ("two_lines", "one_line_gap") else art.headline.replace(" ", "")
        gold["kicker"] = art.kicker
        gold["subheadline"] = art.subheadline
        return y + style.body * r.uniform(0.8, 1.6)

    def draw_photos(self, page: Page, art: ArticleText, style: Style, flow: _Flow, gold: dict) -> None:
        r = self.rng
        ncols = len(flow.columns)
        height = flow.bottom - flow.top
        used: set[int] = set()
        for caption, position in art.captions:
            free = [c for c in range(ncols) if c not in used]
            if not free:
                break
            c = r.choice(free)
            span = [c]
            if position == "top_span" and ncols > 1:
                start = r.randint(0, ncols - 2)
                span = [i for i in range(start, min(ncols, start + r.randint(2, 3))) if i not in used]
                if len(span) < 2:
                    position, span = "top", [c]
            x0, x1 = flow.columns[span[0]][0], flow.columns[span[-1]][1]
            ph = min(r.uniform(60, 150), height * 0.3)
            cap_lines: list[str] = []
            rest = caption
            while rest:
                line, rest = take_line(rest, x1 - x0, style.caption_font, style.caption)
                cap_lines.append(line)
            block = ph + 3 + len(cap_lines) * style.caption * 1.35
            if block > height * 0.6:
                continue
            if position in ("top", "top_span"):
                top = flow.top
            elif position == "bottom":
                top = flow.bottom - flow.reserve - block
            else:
                top = flow.top + r.uniform(0.3, 0.6) * (height - block)
            if any(t < top + block and top < b for col in span for t, b in flow.blocked[col]):
                continue
            self.photo_seed += 1
            page.shapes.append(Photo(x0, top, x1, top + ph, self.photo_seed))
            y = top + ph + 3
            for line in cap_lines:
                page.text(x0, y, line, style.caption_font, style.caption)
                y += style.caption * 1.35
            for col in span:
                flow.block(col, top, top + block)
                used.add(col)
            gold["captions"].append(caption)

    def draw_table(self, page: Page, rows: list[list[str]], rules: str, x0: float, x1: float,
                   top: float, size: float, font: str) -> float:
        """A table at `top` across [x0, x1]; returns its height."""
        r = self.rng
        ncols = len(rows[0])
        pad = size * r.uniform(0.3, 1.0)
        widths = [max(text_width(row[c], font, size) for row in rows) + pad for c in range(ncols)]
        spare = (x1 - x0) - sum(widths)
        widths[0] += max(0.0, spare) * r.uniform(0.0, 0.5)
        pitch = size * r.uniform(1.5, 1.9)
        edges = [x0]
        for w in widths:
            edges.append(edges[-1] + w)
        y = top
        for i, row in enumerate(rows):
            for c, cell in enumerate(row):
                w = text_width(cell, font, size)
                if c == 0 or i == 0 and r.random() < 0.0:
                    x = edges[c] + pad / 2
                else:
                    x = edges[c + 1] - pad / 2 - w
                page.text(x, y + (pitch - size) / 2, cell, font, size)
            y += pitch
        height = y - top
        right = edges[-1]
        if rules == "grid":
            for i in range(len(rows) + 1):
                page.shapes.append(Rule(x0, top + i * pitch, right, top + i * pitch, 0.5))
            for e in edges:
                page.shapes.append(Rule(e, top, e, top + height, 0.5))
        elif rules == "three_line":
            for yy, w in ((top, 1.0), (top + pitch, 0.5), (top + height, 1.0)):
                page.shapes.append(Rule(x0, yy, right, yy, w))
        return height

    def draw_article(self, page: Page, slot_box: tuple[float, float, float, float],
                     columns: list[tuple[float, float]], art: ArticleText, style: Style,
                     page_number: int, jump_to: Optional[str] = None, jump_from: Optional[str] = None,
                     flows_on: bool = False, untitled: bool = False, first_open: bool = False) -> Drawn:
        r = self.rng
        x0, top, x1, bottom = slot_box
        gold: dict = {"kicker": None, "headline": "", "subheadline": None, "byline": [], "sections": [],
                      "captions": [], "credits": [], "tables": [], "pages": [page_number]}
        body_columns = list(columns)
        if art.mode == "vertical" and not untitled:
            size = round(min(r.uniform(style.body * 1.8, style.body * 3.0),
                             (bottom - top) * 0.8 / len(art.headline)), 2)
            strip = size * 1.4 + style.gutter
            right_side = r.random() < 0.6
            vx = x1 - size * 1.2 if right_side else x0 + size * 0.2
            for i, ch in enumerate(art.headline):
                for copy in range(art.copies):
                    page.text(vx + art.offset[0] * copy, top + i * size * 1.08 + art.offset[1] * copy,
                              ch, style.title_font, size)
            gold["headline"] = art.headline
            inner0, inner1 = (x0, x1 - strip) if right_side else (x0 + strip, x1)
            n = max(1, len(columns) - (1 if len(columns) > 2 else 0))
            cw = (inner1 - inner0 - (n - 1) * style.gutter) / n
            body_columns = [(inner0 + i * (cw + style.gutter), inner0 + i * (cw + style.gutter) + cw) for i in range(n)]
            if style.column_rules:
                rx = x1 - strip + style.gutter / 2 if right_side else x0 + strip - style.gutter / 2
                page.shapes.append(Rule(rx, top, rx, bottom, 0.5))
            body_top = top
        elif untitled:
            body_top = top
        else:
            state, drawn = r.getstate(), len(page.texts)
            body_top = self.draw_title(page, art, style, x0, x1, top, gold)
            if bottom - body_top < 6 * style.body * style.leading:
                # No room left for text under a large title: set it again in the smallest size.
                del page.texts[drawn:]
                r.setstate(state)
                body_top = self.draw_title(page, art, style, x0, x1, top, gold, smallest=True)
        flow = _Flow(body_columns, body_top, bottom)
        if style.column_rules:
            for (a0, a1), (b0, b1) in zip(body_columns, body_columns[1:]):
                gx = (a1 + b0) / 2
                page.shapes.append(Rule(gx, body_top, gx, bottom, 0.4))
        lead = style.body * style.leading
        if jump_to:
            flow.reserve = lead
        if not untitled:
            self.draw_photos(page, art, style, flow, gold)
        table = art.table
        if table is not None and table[2] == "bottom_span" and not untitled:
            rows, rules, _ = table
            tsize = round(style.body * 0.85, 2)
            est = len(rows) * tsize * 1.9 + 4
            tx0, tx1 = body_columns[0][0], body_columns[-1][1]
            ttop = bottom - flow.reserve - est
            if ttop > body_top + 6 * lead and not any(flow.blocked[c] for c in range(len(body_columns))):
                h = self.draw_table(page, rows, rules, tx0, tx1, ttop, tsize, style.body_font)
                for c in range(len(body_columns)):
                    flow.block(c, ttop - style.body, ttop + h)
                gold["tables"].append(rows)
            table = None

        def line(text: str, size: float, font: str, align: str = "left", indent: float = 0.0,
                 justify: bool = False) -> bool:
            spot = flow.place(size * style.leading, style.body * 0.6)
            if spot is None:
                return False
            cx0, cx1, y = spot
            w = text_width(text, font, size)
            if align == "centre":
                x = (cx0 + cx1) / 2 - w / 2
            elif align == "right":
                x = cx1 - w
            else:
                x = cx0 + indent
            if justify:
                page.justified(x, y, text, font, size, cx1 - x)
            else:
                page.text(x, y, text, font, size)
            return True

        if jump_from:
            line(jump_from, style.body, style.body_font)
        if art.byline and not untitled:
            # As many names as the column holds.
            names = list(art.byline)
            lead_in = "本报记者 " if art.byline_style == "reporter" else "□"
            room = min(c[1] - c[0] for c in body_columns)
            while len(names) > 1 and text_width(lead_in + " ".join(names), style.body_font, style.body) > room:
                names.pop()
            text = lead_in + " ".join(names)
            if text_width(text, style.body_font, style.body) <= room and line(text, style.body, style.body_font):
                gold["byline"] = names
        sections = [(h, list(ps)) for h, ps in art.sections]
        printed: list[tuple[Optional[str], list[str]]] = []
        open_paragraph = False
        heading_done = False  # the current section's heading is printed
        si = 0
        table_after = r.randint(1, 3) if table is not None else -1
        count = 0
        full = False
        while si < len(sections) and not full:
            heading, paragraphs = sections[si]
            heading_done = False
            if heading is not None:
                if not flow.room(style.heading * 1.9 + 2 * lead):
                    flow.col += 1
                    flow.y = flow.top
                    if flow.col >= len(flow.columns):
                        break
                flow.y += style.heading * 0.6 if flow.y > flow.top + 1 else 0.0
                spot = flow.place(style.heading * 1.7, style.body * 0.6)
                if spot is None:
                    break
                cx0, cx1, y = spot
                # A heading fits its column: the second phrase goes first, then characters.
                if text_width(heading, style.body_font, style.heading) > 0.9 * (cx1 - cx0):
                    heading = heading.split(" ")[0]
                while text_width(heading, style.body_font, style.heading) > 0.9 * (cx1 - cx0):
                    heading = heading[:-1]
                w = text_width(heading, style.body_font, style.heading)
                for copy in range(2):
                    page.text((cx0 + cx1) / 2 - w / 2 + 0.3 * copy, y, heading, style.body_font, style.heading)
                printed.append((heading, []))
            elif not printed:
                printed.append((None, []))
            heading_done = True
            while paragraphs:
                paragraph = paragraphs[0]
                cont = first_open and count == 0
                rest = paragraph
                drawn = ""
                first = not cont
                while rest:
                    spot = flow.place(lead, style.body * 0.6)
                    if spot is None:
                        break
                    cx0, cx1, y = spot
                    indent = 2 * style.body if first else 0.0
                    text, after = take_line(rest, cx1 - cx0 - indent, style.body_font, style.body)
                    if after:
                        page.justified(cx0 + indent, y, text, style.body_font, style.body, cx1 - cx0 - indent)
                    else:
                        page.text(cx0 + indent, y, text, style.body_font, style.body)
                    drawn += text
                    rest = after
                    first = False
                if drawn:
                    printed[-1][1].append(drawn)
                count += 1
                if rest:
                    paragraphs[0] = rest
                    open_paragraph = bool(drawn)
                    full = True
                    break
                paragraphs.pop(0)
                if count == table_after and table is not None:
                    rows, rules, _ = table
                    tsize = round(style.body * 0.85, 2)
                    est = len(rows) * tsize * 1.9 + 4
                    spot = flow.place(est + style.body, style.body * 0.6)
                    if spot is not None:
                        cx0, cx1, y = spot
                        h = self.draw_table(page, rows, rules, cx0, cx1, y + style.body * 0.5, tsize, style.body_font)
                        flow.y = y + style.body * 0.5 + h + style.body * 0.5
                        gold["tables"].append(rows)
                    table = None
            if not full:
                si += 1
        rest_sections = [(h, ps) for h, ps in sections[si:] if ps]
        if rest_sections and heading_done and si < len(sections) and rest_sections[0][1] is sections[si][1]:
            rest_sections[0] = (None, rest_sections[0][1])
        if art.credit and not rest_sections and not untitled:
            if line(art.credit, style.caption, style.caption_font):
                gold["credits"].append(art.credit)
        if jump_to:
            # The marker closes the text: right after its last line, or in the room kept for it
            # at the foot of the last column when the text filled every column.
            if flow.col >= len(flow.columns):
                flow.col = len(flow.columns) - 1
                flow.y = flow.bottom - flow.reserve
            flow.reserve = 0.0
            line(jump_to, style.body, style.body_font, align="right")
        gold["sections"] = [{"heading": h, "paragraphs": ps} for h, ps in printed if h is not None or ps]
        return Drawn(gold, rest_sections, open_paragraph)

    def draw_ad(self, page: Page, box: tuple[float, float, float, float], style: Style, gold_page: dict) -> None:
        r = self.rng
        x0, top, x1, bottom = box
        reversed_ = r.random() < 0.5
        page.shapes.append(Rect(x0, top, x1, bottom, stroke=True,
                                fill_gray=r.uniform(0.05, 0.3) if reversed_ else None, line_width=1.5))
        lines = [self.texts.phrase(r, 4, 8) for _ in range(r.randint(1, 3))]
        lines.append(f"热线：0{r.randint(10, 999)}-{r.randint(1000000, 9999999)}")
        y = top + (bottom - top) * 0.15
        for i, text in enumerate(lines):
            size = min(r.uniform(16, 34) if i < len(lines) - 1 else r.uniform(10, 14),
                       0.85 * (x1 - x0) / max(1, len(text)))
            if y + size > bottom - 4:
                break
            w = text_width(text, style.title_font, size)
            page.text((x0 + x1) / 2 - w / 2, y, text, style.title_font, size, white=reversed_)
            gold_page["ads"].append(text)
            y += size * 1.5

    def page(self, number: int, style: Style, paper: str, date: datetime.date, section: str,
             editors: list[str], width: float, height: float, columns: list[tuple[float, float]],
             margin: float, carry: Optional[dict], two_pages: bool) -> tuple[Page, dict, Optional[dict]]:
        """One page; `carry` is an article continued from the previous page. Returns the page, its
        gold, and an article to continue on the next page (or None)."""
        r, k = self.rng, self.knobs
        page = Page(width, height)
        body_top, body_bottom, gold_page = self.edition(page, number, style, margin, date, paper, section, editors)
        n_articles = self.pick(k.articles, lambda: r.randint(1, 5))
        extra = []
        if r.random() < self.pick(k.ad, lambda: 0.35):
            extra.append("ad")
        if r.random() < self.pick(k.sidebar, lambda: 0.25):
            extra.append("sidebar")
        slots = self.slots(len(columns), body_top, body_bottom, n_articles + len(extra))
        kinds = ["article"] * len(slots)
        candidates = list(range(1, len(slots) - 1)) if len(slots) > 2 else []
        for kind in extra:
            free = [i for i in candidates if kinds[i] == "article"]
            if free:
                kinds[r.choice(free)] = kind
        table_slot = next((i for i in r.sample(range(len(slots)), len(slots)) if kinds[i] == "article"), None) \
            if r.random() < self.pick(k.table, lambda: 0.35) else None
        last_article = max(i for i, kd in enumerate(kinds) if kd == "article")
        want_next: Optional[dict] = None
        vgap = style.body * 1.2
        for i, slot in enumerate(slots):
            sx0, sx1 = columns[slot.first][0], columns[slot.last][1]
            stop = slot.top + (vgap / 2 if slot.top > body_top + 1 else 0.0)
            sbottom = slot.bottom - (vgap / 2 if slot.bottom < body_bottom - 1 else 0.0)
            if style.article_rules:
                if slot.bottom < body_bottom - 1:
                    page.shapes.append(Rule(sx0, slot.bottom, sx1, slot.bottom, 0.6))
                if slot.last < len(columns) - 1:
                    gx = (sx1 + columns[slot.last + 1][0]) / 2
                    page.shapes.append(Rule(gx, slot.top + 2, gx, slot.bottom - 2, 0.6))
            if kinds[i] == "ad":
                self.draw_ad(page, (sx0, stop, sx1, sbottom), style, gold_page)
                continue
            cols = columns[slot.first : slot.last + 1]
            box = (sx0, stop, sx1, sbottom)
            if kinds[i] == "sidebar":
                pad = style.body * 0.8
                page.shapes.append(Rect(sx0, stop, sx1, sbottom, stroke=True, fill_gray=None, line_width=0.8))
                inner = (sx0 + pad, stop + pad, sx1 - pad, sbottom - pad)
                n = 1 if sx1 - sx0 < 260 else 2
                cw = (inner[2] - inner[0] - (n - 1) * style.gutter) / n
                cols = [(inner[0] + j * (cw + style.gutter), inner[0] + j * (cw + style.gutter) + cw) for j in range(n)]
                box = inner
            if i == 0 and carry is not None:
                drawn = self.draw_article(page, box, cols, carry["text"], style, number,
                                          jump_from=carry.get("jump_from"), untitled=carry["untitled"],
                                          first_open=carry["open"])
                self._join(carry["gold"], drawn.gold, carry["open"])
                continue
            art = self.article_text(len(cols), style, allow_vertical=kinds[i] == "article" and len(cols) >= 2)
            if i == table_slot:
                spanning = len(cols) > 1 and r.random() < 0.5
                target = (cols[-1][1] - cols[0][0]) if spanning else (cols[0][1] - cols[0][0])
                rows = self.table_rows(target, style.body * 0.85, style.body_font)
                style_ = r.choice(("grid", "three_line", "none"))
                if rows is not None:
                    art.table = (rows, style_, "bottom_span" if spanning else "flow")
            jump_to = None
            continue_here = two_pages and kinds[i] == "article" and art.mode != "vertical" and (
                i == last_article and want_next is None)
            if continue_here:
                style_choice = r.random() < 0.5
                if style_choice:
                    label = number + 1
                    jump_to = f"（下转第{label}版）" if r.random() < 0.6 else f"（下转第{cn_number(label)}版）"
                art.sections = art.sections[:-1] + [(art.sections[-1][0], art.sections[-1][1]
                                                     + self.texts.paragraphs_from(r, 14))]
                art.credit = None
                drawn = self.draw_article(page, box, cols, art, style, number, jump_to=jump_to)
                if drawn.rest:
                    cont_text = ArticleText(headline=art.headline, mode="line", sections=drawn.rest)
                    want_next = {"text": cont_text, "gold": drawn.gold, "open": drawn.open_paragraph,
                                 "untitled": jump_to is None,
                                 "jump_from": None if jump_to is None else
                                 (f"（上接第{number}版）" if r.random() < 0.6 else f"（上接第{cn_number(number)}版）")}
                    if jump_to is not None:
                        want_next["untitled"] = False
                        want_next["text"] = replace(cont_text, copies=1)
                self.articles.append(drawn.gold)
                continue
            drawn = self.draw_article(page, box, cols, art, style, number)
            self.articles.append(drawn.gold)
        return page, gold_page, want_next

    @staticmethod
    def _join(gold: dict, more: dict, open_paragraph: bool) -> None:
        sections = more["sections"]
        if open_paragraph and sections and sections[0]["heading"] is None and sections[0]["paragraphs"] \
                and gold["sections"]:
            gold["sections"][-1]["paragraphs"][-1] += sections[0]["paragraphs"][0]
            sections = [{"heading": None, "paragraphs": sections[0]["paragraphs"][1:]}] + sections[1:]
        for s in sections:
            if s["heading"] is None and gold["sections"] and not s["paragraphs"]:
                continue
            if s["heading"] is None and gold["sections"]:
                gold["sections"][-1]["paragraphs"].extend(s["paragraphs"])
            else:
                gold["sections"].append(s)
        gold["captions"].extend(more["captions"])
        gold["tables"].extend(more["tables"])
        gold["credits"].extend(more["credits"])
        gold["pages"].extend(p for p in more["pages"] if p not in gold["pages"])

    def document(self) -> tuple[bytes, dict]:
        r, k = self.rng, self.knobs
        width, height = self.pick(k.page_size, lambda: r.choice(PAGE_SIZES))
        n = self.pick(k.columns, lambda: r.randint(3, 8))
        style = self.style()
        margin = r.uniform(24, 44)
        columns = self.grid(width, margin, n, style.gutter, self.pick(k.unequal, lambda: r.random() < 0.5))
        paper = r.choice(PAPERS)
        date = datetime.date(1998, 1, 1) + datetime.timedelta(days=r.randint(0, 9000))
        section = r.choice(SECTIONS)
        editors = [self.texts.name(r) for _ in range(r.choice((1, 2)))]
        first = r.randint(1, 12)
        carry = None
        two_pages = self.pick(k.pages, lambda: 1 if r.random() < 0.7 else 2) == 2
        number = first
        while True:
            page, gold_page, carry = self.page(number, style, paper, date, section, editors, width, height,
                                               columns, margin, carry, two_pages and number == first)
            self.pages.append(page)
            self.gold_pages.append(gold_page)
            if carry is None or number > first:
                break
            number += 1
        # Articles are numbered by PDF page (1-based) in gold, not by printed label.
        for art in self.articles:
            art["pages"] = [p - first + 1 for p in art["pages"]]
        order = self.pick(k.order, lambda: r.choice(("stream", "stream", "rows", "shuffle")))
        pdf = render(self.pages, order=order, seed=self.seed)
        gold = {"seed": self.seed, "order": order, "columns": n, "gutter_em": round(style.gutter / style.body, 3),
                "body_size": style.body, "pages": self.gold_pages, "articles": self.articles}
        return pdf, gold


def random_document(seed: int, texts: Texts, knobs: Optional[Knobs] = None) -> tuple[bytes, dict]:
    """A PDF of one or two generated pages and its gold (see the module docstring)."""
    return Composer(seed, texts, knobs or Knobs()).document()
