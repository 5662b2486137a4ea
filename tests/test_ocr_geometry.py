"""OCR box handling without the models: duplicate boxes, rows, skew, punctuation, spaces."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from pipeline.ingest.ocr import (
    page_graphics,
    _blank_runs, _spaced_pairs, fullwidth_punctuation, is_tall, merge_duplicates, order_rows,
    printed_spaces, skew_angle,
)

FONTS = [Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
         Path("/usr/share/fonts/truetype/arphic/uming.ttc")]


def quad(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def rects(quads):
    return sorted(tuple(float(v) for v in (q[0][0], q[0][1], q[2][0], q[2][1])) for q in quads)


def test_a_line_detected_twice_becomes_one_box():
    # A fake-bold headline: two boxes shifted by a shadow offset.
    merged = merge_duplicates([quad(100, 50, 400, 90), quad(103, 52, 404, 92)])
    assert rects(merged) == [(100.0, 50.0, 404.0, 92.0)]
    # Overlapping pieces of one line also join; neighbouring lines don't.
    merged = merge_duplicates([quad(0, 0, 220, 30), quad(180, 1, 400, 31), quad(0, 40, 400, 70)])
    assert rects(merged) == [(0.0, 0.0, 400.0, 31.0), (0.0, 40.0, 400.0, 70.0)]


def test_a_small_box_inside_a_much_taller_one_is_kept():
    # A vertical headline (tall) beside a short body line: different heights, not duplicates.
    merged = merge_duplicates([quad(0, 0, 40, 300), quad(10, 100, 200, 125)])
    assert len(merged) == 2


def test_rows_use_half_the_median_height_not_a_fixed_pixel_count():
    # Small type: lines 12 px apart, boxes 10 px tall. A fixed 10 px tolerance would chain
    # them; half the median height keeps them apart, and each row reads left to right.
    boxes = [quad(300, 12, 500, 22), quad(0, 0, 200, 10), quad(0, 12, 200, 22), quad(300, 1, 500, 11)]
    ordered = order_rows(boxes)
    assert [(float(q[0][0]), float(q[0][1])) for q in ordered] == [(0, 0), (300, 1), (0, 12), (300, 12)]


def test_skew_is_the_median_angle_of_long_lines():
    angle = np.radians(0.8)
    lines = []
    for y in range(0, 400, 40):
        x0, x1 = 10.0, 510.0
        dy = (x1 - x0) * np.tan(angle)
        lines.append(np.array([[x0, y], [x1, y + dy], [x1, y + dy + 20], [x0, y + 20]], np.float32))
    lines.append(quad(0, 0, 20, 20))  # a short box says nothing
    assert abs(skew_angle(lines) - 0.8) < 0.01
    assert is_tall(quad(0, 0, 30, 200)) and not is_tall(quad(0, 0, 200, 30))


def test_ascii_punctuation_between_chinese_is_full_width():
    assert "".join(fullwidth_punctuation(list("增长6.8%,同比(约)3:2"))) == "增长6.8%，同比（约）3:2"  # a ratio between digits stays ASCII
    assert "".join(fullwidth_punctuation(list("GDP (2024): 3.5, ok"))) == "GDP (2024): 3.5, ok"


def test_recogniser_spaces_are_kept_between_words():
    assert _spaced_pairs("New York 2024") == [False, False, True, False, False, False, True, False, False, False]
    assert _spaced_pairs("港口 集装箱") == [False, True, False, False]


def _printed_line(text: str, font_file: Path, px: int, seed: int):
    """`text` drawn in black on white with the font's own advances (its space glyph included),
    and for each non-space character a box like the recogniser's: the advance box shifted and
    narrowed by up to 0.15 em at random (fixed seed)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_file), px)
    width = int(font.getlength(text)) + 2 * px
    image = Image.new("L", (width, 2 * px), 255)
    ImageDraw.Draw(image).text((px, px // 2), text, font=font, fill=0)
    rng = random.Random(seed)
    spans = []
    for i, ch in enumerate(text):
        if ch == " ":
            continue
        a, b = px + font.getlength(text[:i]), px + font.getlength(text[:i + 1])
        shift, shrink = rng.uniform(-0.15, 0.15) * px, rng.uniform(0, 0.15) * px
        spans.append((a + shift + shrink / 2, b + shift - shrink / 2))
    return np.asarray(image), (0.0, 0.0, float(width), float(2 * px)), spans


@pytest.mark.parametrize("font_file", FONTS, ids=lambda f: f.stem)
@pytest.mark.parametrize("text", [
    "工作组了解到一个小川村的情况",  # narrow glyphs leave wide blanks, yet no space
    "全年完成投资 36 亿元，同比增长12%",  # thin spaces around a number, none before 12
    "本报记者 王小明 李华",
    "计划从900吨/月增至1500吨/月以上",
    "据 IT 之家 2024 年报道",
])
def test_printed_spaces_follow_the_characters_pitch_not_their_ink_gaps(font_file, text):
    if not font_file.exists():
        pytest.skip(f"{font_file} not installed")
    for seed in range(6):
        gray, rect, spans = _printed_line(text, font_file, 26, seed)
        runs, ink = _blank_runs(gray, rect, spans)
        chars = [c for c in text if c != " "]
        spaces = printed_spaces(chars, runs, ink, 26.0 * 0.95, [False] * (len(chars) - 1))
        got = chars[0] + "".join((" " if s else "") + c for s, c in zip(spaces, chars[1:]))
        assert got == text


def _drawn(text: str, font_file: Path, px: int, rule: float = 0.0):
    """`text` drawn at `px` pixels on white (a horizontal rule of `rule` ems before it, if any);
    the image, the text's ink extent (x0, x1) and its ink centre line."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_file), px)
    width = int(font.getlength(text) + (rule + 4) * px)
    image = Image.new("L", (width, 3 * px), 255)
    draw = ImageDraw.Draw(image)
    start = 2 * px + rule * px
    draw.text((start, px), text, font=font, fill=0)
    if rule:
        draw.line([(px, 1.5 * px), (px + rule * px, 1.5 * px)], fill=0, width=max(1, px // 16))
    gray = np.asarray(image)
    return gray, start, 1.5 * px


@pytest.mark.parametrize("font_file", FONTS, ids=lambda f: f.stem)
def test_a_dash_before_a_line_is_read_from_its_stroke_and_other_strokes_are_not(font_file):
    from pipeline.ingest.ocr import dash_stroke

    if not font_file.exists():
        pytest.skip(f"{font_file} not installed")
    px = 36
    gray, start, _ = _drawn("——港口见闻", font_file, px)
    columns = np.flatnonzero((gray < 128).any(axis=0))
    ink = (float(columns[0]), float(columns[-1] + 1))
    rows = np.flatnonzero((gray < 128).any(axis=1))
    centre = (rows[0] + rows[-1]) / 2
    # The text's own ink starts after the dash's two ems of advance.
    text_start = float(columns[columns >= start + 2 * px][0])
    found = dash_stroke(gray, (text_start, ink[1]), centre, px * 0.95, -1)
    assert found is not None and abs(found[0] - ink[0]) <= 2 and 1.5 * px <= found[1] - found[0] <= 2.2 * px
    # A character 一 (one em, not two) and a long rule (a separator, not a dash) are no dash.
    gray, start, centre = _drawn("一个港口", font_file, px)
    cols = np.flatnonzero((gray < 128).any(axis=0))
    second = next(x for x in range(int(cols[0]) + 1, len(cols)) if cols[x] - cols[x - 1] > 1)
    assert dash_stroke(gray, (float(cols[second]), float(cols[-1])), centre, px * 0.95, -1) is None
    gray, start, centre = _drawn("港口见闻", font_file, px, rule=6.0)
    assert dash_stroke(gray, (start, start + 4 * px), centre, px * 0.95, -1) is None


@pytest.mark.parametrize("sigma", [0.0, 12.0, 18.0, 25.0])
def test_a_photo_is_found_on_a_noisy_scan_and_the_noise_is_no_photo(sigma: float) -> None:
    """Scanner noise speckles the paper; the photo is still one box of its own size."""
    rng = np.random.default_rng(5)
    page = np.full((1400, 1000), 250.0)
    page[300:620, 200:700] = rng.uniform(60, 200, (320, 500))  # a photo: mid tones
    lines = []
    for i in range(12):  # text lines beside and under it (masked out by their boxes)
        top = 700 + i * 40
        page[top + 4:top + 26, 100:900:6] = 20.0
        lines.append((100.0, float(top), 900.0, float(top + 30)))
    page += rng.normal(0.0, sigma, page.shape)
    gray = np.clip(page, 0, 255).astype(np.uint8)
    photos, _ = page_graphics(gray, lines)
    assert len(photos) == 1
    x0, top, x1, bottom = photos[0]
    # within half a line height (lines here are 30 px): heavy noise may cling to the edge
    assert abs(x0 - 200) <= 15 and abs(top - 300) <= 15 and abs(x1 - 700) <= 15 and abs(bottom - 620) <= 15
