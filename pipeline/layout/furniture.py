"""Running heads and feet: found from position (above the head rule / below the foot rule, or
in the page's outer bands), kept out of articles and parsed into the page's edition data."""
from __future__ import annotations

from typing import Optional

import regex

from pipeline.layout.geometry import box_of
from pipeline.document import Box, Edition, Line, PageItem

HEAD_BAND = 0.15  # share of the page height searched for the rule under the running head
FOOT_BAND = 0.12
RULE_SPAN = 0.6  # share of the page width a head/foot rule spans
EDGE_BAND = 0.045  # without a rule: lines this close to the top or bottom edge
DATE = regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = regex.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
WEEKDAY = regex.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
PAGE_LABEL = regex.compile(r"第\s*[A-ZＡ-Ｚ]?[0-9０-９一二三四五六七八九十〇]+\s*版|^[A-ZＡ-Ｚ]\d{1,2}版?$|^\d{1,2}版$")
STAFF = regex.compile(r"(责任编辑|编辑|美编|版式|校对|制图)\s*[：:]?\s*")
PAGE_NUMBER = regex.compile(r"^[0-9０-９]{1,3}$|^[-－—]\s*\d{1,3}\s*[-－—]$")


def _box(line: Line) -> Box:
    return box_of(line)


def split_furniture(lines: list[Line], width: float, height: float, rules: list[Box],
                    images: Optional[list[Box]] = None) -> tuple[list[Line], list[Line], list[Line]]:
    """(head lines, foot lines, the rest)."""
    wide = [r for r in rules if r[2] - r[0] >= RULE_SPAN * width and r[3] - r[1] < 3]
    head_rules = [r for r in wide if r[1] < HEAD_BAND * height]
    foot_rules = [r for r in wide if r[1] > (1 - FOOT_BAND) * height]
    head_limit = max((r[1] for r in head_rules), default=None)
    foot_limit = min((r[3] for r in foot_rules), default=None)
    # Only what stands near the top or bottom edge can sit next to a head or foot line.
    boxes = [b for b in [box_of(l) for l in lines] + list(images or [])
             if b[1] < 2 * EDGE_BAND * height or b[3] > (1 - 2 * EDGE_BAND) * height]
    head, foot, rest = [], [], []
    for line in lines:
        x0, top, x1, bottom = box_of(line)
        if head_limit is not None and bottom <= head_limit + 1:
            head.append(line)
        elif head_limit is None and bottom < EDGE_BAND * height and _apart(line, boxes, True):
            head.append(line)
        elif foot_limit is not None and top >= foot_limit - 1:
            foot.append(line)
        elif foot_limit is None and top > (1 - EDGE_BAND) * height and _apart(line, boxes, False):
            foot.append(line)
        else:
            rest.append(line)
    return head, foot, rest


def _apart(line: Line, boxes: list[Box], head: bool) -> bool:
    """Without a rule, a line near the edge is a running head or foot only when it is the
    page's first (last) line where it stands and no text or photo is set right next to it
    towards the page's middle (the last line of a column, or of a caption under a photo,
    can sit there too)."""
    x0, top, x1, bottom = box_of(line)
    size = line.size or 10.0
    for ox0, otop, ox1, obottom in boxes:
        if min(x1, ox1) <= max(x0, ox0) or (ox0, otop, ox1, obottom) == (x0, top, x1, bottom):
            continue
        toward_middle = otop - bottom if head else top - obottom
        toward_edge = top - obottom if head else otop - bottom
        if 0 <= toward_middle < 1.0 * size or toward_edge >= -0.5 * size and \
                min(bottom, obottom) - max(top, otop) < 0.5 * size:
            return False
    return True


def _iso(text: str) -> Optional[str]:
    m = DATE.search(text) or ISO_DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(v) for v in m.groups())
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def edition_of(head: list[Line], foot: list[Line]) -> Optional[Edition]:
    """Paper, date, page label, section and editors from the running head and foot."""
    if not head and not foot:
        return None
    edition = Edition()
    rest: list[tuple[float, float, str]] = []  # (size, x0, text) of unexplained head parts
    for line in [*head, *foot]:
        text = line.text
        iso = _iso(text)
        if iso and edition.date is None:
            edition.date = iso
        # `本版责任编辑 王敏`, `责任编辑：王敏  美编：李华`: the names between staff titles.
        titles = list(STAFF.finditer(text))
        if titles:
            for m, following in zip(titles, [*titles[1:], None]):
                names = text[m.end():following.start() if following else len(text)]
                edition.editors.extend(n for n in regex.split(r"[\s　、，,]+", names) if n)
            continue
        for chunk in regex.split(r"\s+", text):
            if not chunk:
                continue
            if DATE.search(chunk) or ISO_DATE.search(chunk) or WEEKDAY.fullmatch(chunk):
                continue
            if PAGE_LABEL.search(chunk):
                if edition.page_label is None:
                    edition.page_label = PAGE_LABEL.search(chunk).group(0).replace(" ", "")
                continue
            if PAGE_NUMBER.match(chunk):
                continue
            if line in head:
                rest.append((line.size or 0.0, _box(line)[0], chunk))
    if rest:
        rest.sort(key=lambda r: (-r[0], r[1]))
        edition.paper = rest[0][2]
        others = [r[2] for r in sorted(rest[1:], key=lambda r: r[1])]
        if others:
            edition.section = " ".join(others)
    return edition


def furniture_items(head: list[Line], foot: list[Line], page: int) -> list[PageItem]:
    items = [PageItem("header", page, _box(l), l.text) for l in head]
    items += [PageItem("page_number" if PAGE_NUMBER.match(l.text.strip()) else "footer", page, _box(l), l.text)
              for l in foot]
    return items
