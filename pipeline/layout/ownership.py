"""Which title governs each block, photo and table of a page region.

A title stands over its article: the white band it stands in (its "roof", from the title
sideways to the nearest content beside it, a printed rule or the region's edge) covers the
article's columns. An element goes to the nearest title above it whose roof covers it.

A vertical title stands at the top corner of its article, beside the text: it governs the
region on the side where text begins level with its top (the other side holds a neighbour's
title, or text running up past its top), out to the first content that runs up past its top
and down to the next title. Elements under no title form an untitled article (text continued
from an earlier page).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.document import Box, Line
from pipeline.layout.elements import Block, Element, element_box, union
from pipeline.layout.geometry import box_of

ROOF_SHRINK = 0.2  # of the title's height, off its top and bottom: the band that must stay white
ROOF_COVER = 0.3  # share of an element's width a roof must cover
FIRST_ROW = 5.0  # of the body size: elements starting this close under the first are columns' tops
CENTRED = 0.6  # of the body size: how far a centred title may stand off its columns' middle
TOPS_LEVEL = 2.0  # of the body size: the tops of an article's columns lie this close together
SAME_WIDTH = 0.1  # columns of one article differ in width by less than this share


@dataclass
class Article:
    title: list[Line]
    elements: list[Element] = field(default_factory=list)
    span: Optional[Box] = None  # the width a horizontal title's article spans

    @property
    def title_box(self) -> Box:
        return union([box_of(l) for l in self.title])

    @property
    def box(self) -> Box:
        return union([box_of(l) for l in self.title] + [element_box(e) for e in self.elements])


def roof(title: Box, others: list[Box], walls: list[Box], left: float, right: float) -> tuple[float, float]:
    """The white band a title stands in: from the title sideways to the nearest content beside
    it (or a printed rule, or the region's edge)."""
    x0, top, x1, bottom = title
    h = bottom - top
    band_top, band_bottom = top + ROOF_SHRINK * h, bottom - ROOF_SHRINK * h
    lo, hi = left, right
    for o in others:
        if o[3] <= band_top or o[1] >= band_bottom:
            continue
        if o[2] <= x0 + 0.5:
            lo = max(lo, o[2])
        elif o[0] >= x1 - 0.5:
            hi = min(hi, o[0])
    for w in walls:
        if w[1] < band_bottom and w[3] > band_top:
            if w[2] <= x0:
                lo = max(lo, w[2])
            elif w[0] >= x1:
                hi = min(hi, w[0])
    return lo, hi


def vertical_sides(title: Box, elements: list[Box], titles: list[Box], body: float) -> list[tuple]:
    """For each side of a vertical title with content beside it: (wrong, how far the column
    next to it begins from the title's top, its distance, to_right, that column's box). The
    wrong side holds a neighbour's title level with this one, or text running up past its top."""
    x0, top, x1, bottom = title
    beside = [e for e in elements if e[1] < bottom and e[3] > top]
    sides = []
    for to_right in (True, False):
        near = [e for e in beside if (e[0] >= x1 - 1 if to_right else e[2] <= x0 + 1)]
        if not near:
            continue
        gap = min((e[0] - x1) if to_right else (x0 - e[2]) for e in near)
        level = [t for t in titles if t[1] < top + 2 * body and t[3] > top
                 and (t[0] >= x1 - 1 if to_right else t[2] <= x0 + 1)]
        # The column next to the title, and where it begins.
        column = [e for e in near if ((e[0] - x1) if to_right else (x0 - e[2])) <= gap + body]
        begins = min(e[1] for e in column)
        titled = bool(level) and min((t[0] - x1) if to_right else (x0 - t[2]) for t in level) < gap
        sides.append((titled or begins < top - body, abs(begins - top), gap, to_right, union(column)))
    return sides


def vertical_region(title: Box, to_right: bool, elements: list[Box], titles: list[Box], right: float,
                    left: float, bottom_edge: float, body: float, text_columns: list[Box],
                    walls: list[Box]) -> Box:
    """The region a vertical title governs on its side (see the module docstring)."""
    x0, top, x1, bottom = title
    edge = right if to_right else left
    for e in elements + titles:
        crosses = e[1] < top - 1.0 * body and e[3] > top + 1.0 * body
        if e in titles and e[1] < bottom and e[3] > top:
            crosses = True
        if not crosses:
            continue
        if to_right and e[0] >= x1 - 1:
            edge = min(edge, e[0])
        elif not to_right and e[2] <= x0 + 1:
            edge = max(edge, e[2])
    rx0, rx1 = (x1, edge) if to_right else (edge, x0)
    def bottom_of(rx0: float, rx1: float) -> float:
        """Down to the next title over the region (a vertical one stands at its edge, as this one)."""
        below = [t[1] for t in titles if t[1] > top + 1 and min(t[2], rx1) > max(t[0], rx0) + 1]
        if to_right:
            below += [t[1] for t in titles if t[1] > top + 1 and abs(t[0] - x0) < body]
        else:
            below += [t[1] for t in titles if t[1] > top + 1 and abs(t[2] - x1) < body]
        return min((b - 0.5 * body for b in below), default=bottom_edge)

    region_bottom = bottom_of(rx0, rx1)
    # The article's columns share one width and one gutter: beyond a column of another width,
    # a wider gap or a rule where the first gutter has none lies a neighbour (text continued
    # from elsewhere, set to the page's grid).
    columns = _columns([c for c in text_columns if rx0 - 1 <= (c[0] + c[2]) / 2 <= rx1 + 1
                        and top - body <= c[1] < region_bottom])
    columns.sort(key=lambda c: c[0] if to_right else -c[1])

    def gap(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
        return (a[1], b[0]) if to_right else (b[1], a[0])

    def ruled(span: tuple[float, float]) -> bool:
        return any(span[0] - 1 <= w[0] and w[2] <= span[1] + 1 and w[1] < top + body and w[3] > top + body
                   for w in walls)

    first_gutter = gap(columns[0], columns[1]) if len(columns) > 1 else None
    for prev, c in zip(columns, columns[1:]):
        g = gap(prev, c)
        width, first = c[1] - c[0], columns[0][1] - columns[0][0]
        if abs(width - first) > SAME_WIDTH * first or first_gutter is not None and (
                g[1] - g[0] > 2 * (first_gutter[1] - first_gutter[0]) + body
                or ruled(g) and not ruled(first_gutter)):
            rx0, rx1 = (rx0, c[0]) if to_right else (c[1], rx1)
            # A title over the neighbour's columns does not end this article.
            region_bottom = bottom_of(rx0, rx1)
            break
    return (rx0, top - body, rx1, region_bottom)


def _columns(boxes: list[Box]) -> list[tuple[float, float]]:
    """x-intervals of text blocks, merged where they overlap: the columns."""
    merged: list[list[float]] = []
    for b in sorted(boxes):
        if merged and b[0] < merged[-1][1] - 1:
            merged[-1][1] = max(merged[-1][1], b[2])
        else:
            merged.append([b[0], b[2]])
    return [(a, b) for a, b in merged]


def assign(stacks: list[list[Line]], elements: list[Element], walls: list[Box], body: float,
           foreign: Optional[list[Box]] = None, area: Optional[tuple[float, float]] = None
           ) -> tuple[list[Article], list[Element]]:
    """Each element to the title that governs it; returns the articles and the orphans.
    `foreign` boxes (ads, sidebars set into the region) bound roofs and regions like content;
    `area` is the x-extent of the page's type area (running head and foot included): a roof with
    nothing beside it reaches that far, past columns a short article left empty."""
    foreign = foreign or []
    articles = [Article(t) for t in stacks]
    boxes = [element_box(e) for e in elements]
    title_boxes = [a.title_box for a in articles]
    if not boxes:
        return articles, []
    everything = boxes + title_boxes
    left = min(b[0] for b in everything)
    right = max(b[2] for b in everything)
    bottom_edge = max(b[3] for b in everything)
    regions: dict[int, Box] = {}
    roofs: dict[int, tuple[float, float]] = {}
    for i, a in enumerate(articles):
        if not a.title[0].vertical:
            roofs[i] = roof(title_boxes[i], boxes + foreign + [b for j, b in enumerate(title_boxes) if j != i],
                            walls, min(left, area[0]) if area else left, max(right, area[1]) if area else right)
    # A horizontal title claims the width its article spans about its centre: a vertical
    # title's region ends there.
    text_columns = [e.box for e in elements if isinstance(e, Block) and len(e.lines) >= 3]
    spans = [_centred_span(title_boxes[i], roofs[i], boxes, body, walls) if i in roofs else title_boxes[i]
             for i in range(len(articles))]
    for i, a in enumerate(articles):
        if i in roofs:
            a.span = spans[i]
    # Vertical titles whose side is plain first; then the others, for which a column already
    # in another vertical title's region is the wrong side.
    sides = {i: vertical_sides(title_boxes[i], boxes, [b for j, b in enumerate(spans) if j != i] + foreign, body)
             for i, a in enumerate(articles) if a.title[0].vertical}
    plain = [i for i, s in sides.items() if len({side[0] for side in s}) == len(s) or len(s) == 1]
    for i in plain + [i for i in sides if i not in plain]:
        if not sides[i]:
            continue
        choices = [(side[0] or any(r[0] <= (side[4][0] + side[4][2]) / 2 <= r[2] and r[1] <= side[4][1] < r[3]
                                   for r in regions.values()),) + side[1:4] for side in sides[i]]
        # Columns beginning level with the title within half a line are equally level: the
        # nearer one is the article's.
        wrong = min(c[0] for c in choices)
        level = min(c[1] for c in choices if c[0] == wrong)
        to_right = min((c[2], c[3]) for c in choices if c[0] == wrong and c[1] <= level + 0.5 * body)[1]
        regions[i] = vertical_region(title_boxes[i], to_right, boxes,
                                     [b for j, b in enumerate(spans) if j != i] + foreign,
                                     right, left, bottom_edge, body, text_columns, walls)
    # A vertical title's region ends where a lower one's begins over the same columns (the
    # lower title may stand at the far side of its article, out of this region's width).
    for i in sorted(regions):
        r = regions[i]
        for j, o in regions.items():
            if j != i and r[1] + 2 * body < o[1] < r[3] and min(r[2], o[2]) > max(r[0], o[0]) + 1:
                r = (r[0], r[1], r[2], o[1])
        regions[i] = r
    orphans: list[Element] = []
    for e, b in zip(elements, boxes):
        cx = (b[0] + b[2]) / 2
        owner = None
        for i, r in regions.items():
            if r[0] - 1 <= cx <= r[2] + 1 and r[1] <= b[1] < r[3]:
                owner = i
                break
        if owner is None:
            owner = _under_roof(b, roofs, spans, title_boxes, boxes, body)
        if owner is None:
            orphans.append(e)
        else:
            articles[owner].elements.append(e)
    return articles, orphans


def _under_roof(b: Box, roofs: dict[int, tuple[float, float]], spans: list[Box], title_boxes: list[Box],
                boxes: list[Box], body: float) -> Optional[int]:
    """The nearest title above `b` whose roof covers it. Titles set level with each other
    (side by side) share the band above their articles: there, the one whose article lies
    about its centre takes `b` (a centred title reaches as far on either side as it does on
    the nearer one). Beside the nearest title itself and its span, starting below the tops of
    its columns and in a column none of which begins there, `b` lies in a column that ran on
    past that title's level: a title higher up centred over it, whose article runs on beside the
    nearest title, takes it."""
    width = max(b[2] - b[0], 1.0)
    candidates = [i for i, (lo, hi) in roofs.items()
                  if title_boxes[i][3] <= b[1] + 0.5 * body and min(b[2], hi) - max(b[0], lo) >= ROOF_COVER * width]
    if not candidates:
        return None
    nearest = max(candidates, key=lambda i: (title_boxes[i][3], -i))

    def centred_over(i: int) -> bool:
        return spans[i][0] - 1 <= (b[0] + b[2]) / 2 <= spans[i][2] + 1

    if centred_over(nearest):
        return nearest
    top, bottom = title_boxes[nearest][1], title_boxes[nearest][3]
    level = [i for i in candidates if i != nearest and title_boxes[i][1] < bottom and title_boxes[i][3] > top
             and centred_over(i)]
    if level:
        return max(level, key=lambda i: (title_boxes[i][3], -i))
    span = spans[nearest]
    under = [e[1] for e in boxes if e[1] >= bottom - 1 and span[0] - 1 <= (e[0] + e[2]) / 2 <= span[2] + 1]
    lo, hi = roofs[nearest]
    tops = [e for e in boxes if e[1] >= bottom - 1 and e[1] <= min(under, default=0) + TOPS_LEVEL * body
            and min(e[2], hi) - max(e[0], lo) > 0 and min(e[2], b[2]) - max(e[0], b[0]) > 0.5 * min(e[2] - e[0], width)]
    beside = min(b[2], title_boxes[nearest][2]) <= max(b[0], title_boxes[nearest][0])
    if beside and under and b[1] > min(under) + TOPS_LEVEL * body and not tops:
        higher = [i for i in candidates if title_boxes[i][3] < top and centred_over(i) and any(
            e[1] >= title_boxes[i][3] - 1 and e[1] < top and e[3] > bottom
            and spans[i][0] - 1 <= (e[0] + e[2]) / 2 <= spans[i][2] + 1 for e in boxes)]
        if higher:
            return max(higher, key=lambda i: (title_boxes[i][3], -i))
    return nearest


def _centred_span(title: Box, roof_: tuple[float, float], elements: list[Box], body: float,
                  walls: Optional[list[Box]] = None) -> Box:
    """The width a centred title's article spans: the widest run of the columns under the
    title (inside its roof) whose middle is the title's; without one, the part of the roof
    symmetric about the title's centre."""
    middle = (title[0] + title[2]) / 2
    lo, hi = roof_
    under = [e for e in elements if e[1] >= title[3] - 1 and lo - 1 <= (e[0] + e[2]) / 2 <= hi + 1]
    if under:
        first = min(e[1] for e in under)
        columns = _columns([e for e in under if e[1] <= first + FIRST_ROW * body])
        # A short article may leave its last (or first) columns empty: the run may then reach
        # past them, to a column edge of the page's grid (a column rule, a gutter before the
        # next column set on the page) or to the roof's edge, where the white under the title
        # is wide enough to stand for a column. One end of the run stays a column's edge.
        room = 0.5 * min(c[1] - c[0] for c in columns)
        gaps = [y[0] - x[1] for x, y in zip(columns, columns[1:]) if y[0] > x[1]]
        gutter = min(gaps) if gaps else body
        ruled = [w for w in walls or [] if w[1] < title[3] + FIRST_ROW * body and w[3] > title[3]]
        grid_rights = [hi] + [w[0] for w in ruled] + [e[0] - gutter for e in elements]
        grid_lefts = [lo] + [w[2] for w in ruled] + [e[2] + gutter for e in elements]
        best = None
        for i in range(len(columns)):
            for j in range(i, len(columns)):
                if j > i and columns[j][0] - columns[j - 1][1] > room:
                    break  # text runs down adjacent columns: a wider white is an empty column
                before = columns[i - 1][1] if i else lo - 1
                after = columns[j + 1][0] if j + 1 < len(columns) else hi + 1
                x0s = [columns[i][0]] + sorted({round(x, 1) for x in grid_lefts
                                                if before <= x < columns[i][0] - room})
                x1s = [columns[j][1]] + sorted({round(x, 1) for x in grid_rights
                                                if columns[j][1] + room < x <= after})
                for a, x0 in enumerate(x0s):
                    for b, x1 in enumerate(x1s):
                        if a and b:
                            continue
                        if abs((x0 + x1) / 2 - middle) <= CENTRED * body and x1 > title[0] and x0 < title[2] \
                                and (best is None or x1 - x0 > best[1] - best[0]):
                            best = (x0, x1)
        if best is not None:
            return (best[0], title[1], best[1], title[3])
    reach = min(middle - lo, hi - middle)
    return (middle - reach, title[1], middle + reach, title[3])
