"""Print the OCR detector passes over, recovered: a headline drawn three times a few points
apart (a shadow smear), and a paragraph whose last line holds nothing but its full stop.

Pages come from the page generator; the smear offset and the cut paragraph are chosen here,
not taken from the product code."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from pipeline.stages import process
from tests.conftest import FIXTURES
from tests.ocr_eval import body_accuracy
from tests.pagegen import BODY_SIZE, PageSpec, Placement, load_article, render_page, wrap
from tests.scanpages import greyscale_jpeg, image_pdf, page_image

ARTICLES = FIXTURES / "articles"
WIDTH, HEIGHT, MARGIN, GUTTER, COLUMNS = 842.0, 1191.0, 30.0, 10.0, 6
SPAN = 3  # columns the article takes


def _column_width() -> float:
    return (WIDTH - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS


def lone_stop_article(article: dict) -> dict:
    """The article with its first paragraph shortened (characters dropped before its closing
    full stop) until the full stop wraps onto a line of its own."""
    out = copy.deepcopy(article)
    paragraph = out["sections"][0]["paragraphs"][0]
    assert paragraph.endswith("。")
    for end in range(len(paragraph) - 1, 0, -1):
        text = paragraph[:end].rstrip("，、；：") + "。"
        lines = wrap(text, _column_width(), BODY_SIZE, indent=2 * BODY_SIZE)
        if len(lines) >= 2 and lines[-1] == "。":
            out["sections"][0]["paragraphs"][0] = text
            return out
    raise AssertionError("no cut leaves the full stop alone")


@pytest.fixture(scope="module")
def smeared_page(tmp_path_factory):
    """An A3 page: the farm article in three of six columns under a headline drawn three times
    2.2 pt apart (the detector, working on the page scaled down, sees it as texture), its first
    paragraph ending in a line holding only `。`; and what its text layer reads."""
    article = lone_stop_article(load_article(ARTICLES / "farm.json"))
    spec = PageSpec(columns=COLUMNS, width=WIDTH, height=HEIGHT, margin=MARGIN, gutter=GUTTER,
                    placements=[Placement(article, 0, SPAN - 1, 50.0, 1160.0, headline_size=24.0,
                                          copies=3, offset=(2.2, 0.0))])
    folder = tmp_path_factory.mktemp("smear")
    clean = folder / "clean.pdf"
    clean.write_bytes(render_page(spec))
    reference = process(clean, "clean.pdf")
    [want] = reference.articles
    assert want.sections[0].paragraphs[0].endswith("。")
    return folder, clean, want


def _read(folder, clean, name: str, dpi: int, degrade=lambda im: im):
    path = folder / f"{name}.pdf"
    path.write_bytes(image_pdf([degrade(page_image(clean.read_bytes(), dpi))], dpi))
    document = process(path, path.name)
    assert document.source.page_sources == ["ocr"]
    [got] = document.articles
    return got


@pytest.mark.slow
@pytest.mark.parametrize("dpi, degrade", [(200, None), (100, lambda im: greyscale_jpeg(im, 60))],
                         ids=["200dpi", "100dpi-grey-jpeg"])
def test_smeared_headline_and_lone_full_stop_are_read(smeared_page, dpi, degrade):
    folder, clean, want = smeared_page
    got = _read(folder, clean, f"scan{dpi}", dpi, degrade or (lambda im: im))
    assert got.headline == want.headline
    assert got.sections[0].paragraphs[0] == want.sections[0].paragraphs[0]
    assert body_accuracy(got, want) >= (0.995 if dpi >= 200 else 0.97)
    assert sorted((f.text, str(f.value)) for f in got.facts) == \
        sorted((f.text, str(f.value)) for f in want.facts)


def _blank(h: int, w: int) -> np.ndarray:
    return np.full((h, w), 255, dtype=np.uint8)


def test_lone_mark_found_only_on_the_row_after_a_line():
    from pipeline.ingest.missed_ink import lone_marks, uncovered_ink

    gray = _blank(400, 600)
    row = 30.0
    # Three lines of a column, 45 px apart; a ring (a full stop) on the fourth row; a ring far
    # below the column (no line above it on its row); a speck on the fourth row.
    lines = [(50.0, 50.0 + 45 * i, 400.0, 80.0 + 45 * i) for i in range(3)]
    for x0, y0, x1, y1 in lines:
        gray[int(y0) + 5:int(y1) - 5, int(x0):int(x1)] = 0
    import cv2

    cv2.circle(gray, (62, 195 + 8), 5, 0, 2)
    cv2.circle(gray, (62, 360), 5, 0, 2)
    gray[200:202, 300:302] = 0
    ink = uncovered_ink(gray, lines, [], row, faint=True)
    marks = lone_marks(ink, lines, row)
    assert len(marks) == 1
    x0, top, x1, bottom = marks[0]
    assert x0 < 57 and x1 > 67 and top == pytest.approx(185.0) and bottom == pytest.approx(215.0)
    # A photo over the ring takes it away.
    ink = uncovered_ink(gray, lines, [(40.0, 185.0, 90.0, 230.0)], row, faint=True)
    assert lone_marks(ink, lines, row) == []


def test_copies_offset_is_found_and_one_copy_taken_away():
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.ingest.smear import copy_offset, unsmear

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 60)
    text = "港口建设稳步推进"

    def drawn(copies: int, offset: int) -> np.ndarray:
        image = Image.new("L", (620, 90), 255)
        draw = ImageDraw.Draw(image)
        for i in range(copies):
            draw.text((10 + i * offset, 10), text, font=font, fill=0)
        return np.asarray(image)

    for offset in (5, 7, 9):
        smeared = drawn(3, offset)
        assert copy_offset(smeared, 60.0) in (offset - 1, offset, offset + 1)
        # One copy away: all the ink of two copies is left, and little more (where the third
        # copy's strokes fall on the first's), well short of the three copies' ink.
        plain, two = unsmear(smeared, offset) < 128, drawn(2, offset) < 128
        assert (plain & two).sum() == two.sum()
        assert plain.sum() < 1.12 * two.sum() < (smeared < 128).sum()
    # Drawn once, the same text shows no copies.
    assert copy_offset(drawn(1, 0), 60.0) is None


def test_large_uncovered_ink_is_a_region_to_detect_again_small_or_covered_ink_is_not():
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.ingest.missed_ink import large_regions, uncovered_ink

    row = 30.0
    image = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 70)
    for copy in range(3):  # a headline drawn three times 6 px apart
        draw.text((100 + 6 * copy, 60), "港口建设稳步推进", font=font, fill=0)
    small = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 24)
    draw.text((100, 300), "一行正文没有框", font=small, fill=0)  # body type: no region
    draw.rectangle((700, 300, 1000, 560), fill=90)  # a photo, found as one
    gray = np.asarray(image)
    regions = large_regions(uncovered_ink(gray, [], [(700.0, 300.0, 1000.0, 560.0)], row), row)
    assert len(regions) == 1
    x0, y0, x1, y1 = regions[0]
    assert x0 < 100 and y0 < 70 and x1 > 100 + 8 * 70 and y1 > 130 and y1 < 300
    # Once a line box covers the headline, nothing is left to look at.
    assert large_regions(uncovered_ink(gray, [(95.0, 65.0, 680.0, 145.0)],
                                       [(700.0, 300.0, 1000.0, 560.0)], row), row) == []
