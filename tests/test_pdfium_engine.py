"""The pdfium engine against the pdfplumber reference: same JSON where pdfium's geometry allows
it, same page geometry on rotated and cropped pages, and the known remaining differences
(pipeline/ingest/pdfium_pages.py) pinned so a change in them is noticed."""
from __future__ import annotations

import io

import pytest

from pipeline.export import to_json
from pipeline.ingest.glyphs import dedupe
from pipeline.ingest.pdf import open_pages
from pipeline.stages import Options, process
from tests.batch_pages import dense_document
from tests.conftest import FIXTURES, require_corpus
from tests.pagegen import FONT, _register_font, load_article, render_page, seed_page
from tests.pagegen import side_by_side_page, two_article_page

ARTICLES = FIXTURES / "articles"


def article(name: str) -> dict:
    return load_article(ARTICLES / f"{name}.json")


def both(path) -> tuple[str, str]:
    return tuple(to_json(process(path, path.name, Options(pdf_engine=engine)))  # type: ignore[return-value]
                 for engine in ("pdfplumber", "pdfium"))


def page_objects(path, engine: str) -> list:
    pages = open_pages(str(path), engine)
    try:
        return [pages.page(i) for i in range(pages.page_count)]
    finally:
        pages.close()


@pytest.mark.parametrize("layout", [
    lambda: render_page(seed_page(article("seed"))),
    lambda: render_page(two_article_page(article("port"), article("farm"))),
    lambda: render_page(side_by_side_page(article("port"), article("farm"))),
    lambda: render_page(side_by_side_page(article("farm"), article("port"), columns=6)),
    lambda: dense_document(2, seed=3),
], ids=["seed", "two stacked", "side by side 8", "side by side 6", "dense, 2 pages"])
def test_same_json_on_generated_pages(layout, tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(layout())
    reference, fast = both(path)
    assert fast == reference


def test_same_glyphs_on_a_generated_page(tmp_path):
    """Below the JSON: every glyph record the same, fake-bold copies and spaces included."""
    path = tmp_path / "page.pdf"
    path.write_bytes(render_page(seed_page(article("seed"))))
    [reference], [fast] = page_objects(path, "pdfplumber"), page_objects(path, "pdfium")
    assert fast.chars == reference.chars
    assert (fast.rules, fast.rects, fast.images) == (reference.rules, reference.rects, reference.images)


def bboxes(value, found: list) -> list:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "bbox" and item:
                found.extend(item)
            else:
                bboxes(item, found)
    elif isinstance(value, list):
        for item in value:
            bboxes(item, found)
    return found


def without_bboxes(value):
    if isinstance(value, dict):
        return {k: without_bboxes(v) for k, v in value.items() if k != "bbox"}
    if isinstance(value, list):
        return [without_bboxes(v) for v in value]
    return value


def test_cjk_fixture_gives_the_same_json():
    """issue-71 (fake-bold CJK, font size 7.529 pt, coordinates written with 4 decimals):
    pdfium computes in float32, yet sizes read back as written and two-step rounding put every
    box where pdfplumber puts it."""
    path = FIXTURES / "pdfplumber" / "issue-71-duplicate-chars.pdf"
    reference, fast = both(path)
    assert fast == reference


def test_latin_fixture_ligatures_soft_hyphens_and_repeated_spaces_read_as_pdfminer_reads_them():
    """issue-71-2 (French): pdfium splits a ligature into letters at one origin, shows a soft
    hyphen as U+FFFE, U+0002 or "-", and keeps one of a row of spaces; the engine puts back
    pdfminer's glyphs ("fi", U+00AD, every space)."""
    path = FIXTURES / "pdfplumber" / "issue-71-duplicate-chars-2.pdf"
    count = lambda chars, texts: sum(g["text"] in texts for g in chars)  # noqa: E731
    for reference, fast in zip(page_objects(path, "pdfplumber"), page_objects(path, "pdfium")):
        assert (fast.width, fast.height) == (reference.width, reference.height)
        for texts in (("fi", "fl", "ff", "ffi", "\ufb00", "\ufb01", "\ufb02", "\ufb03"), ("\u00ad",)):
            assert count(fast.chars, texts) == count(reference.chars, texts), texts
        # spaces: still one or two fewer on some pages (word spacing put pdfium's way)
        assert abs(count(fast.chars, " ") - count(reference.chars, " ")) <= 2
        assert count(fast.chars, ("\ufffe", "\x02")) == 0


def test_rotated_and_cropped_pages_are_placed_as_pdfplumber_places_them(tmp_path):
    from reportlab.pdfgen import canvas as rl_canvas

    _register_font()
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=(600, 800), invariant=1)
    for rotation in (0, 90, 180, 270):
        canvas.setPageRotation(rotation)
        canvas.setCropBox((20, 30, 580, 760))
        canvas.setFont(FONT, 12)
        canvas.drawString(72, 700, "版面旋转 2022年10月 第3版 ABC")
        canvas.line(72, 690, 400, 690)
        canvas.setFillColorRGB(0.2, 0.2, 0.3)  # a colour set by the page (see the module doc)
        canvas.rect(100, 100, 200, 50, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.showPage()
    canvas.save()
    path = tmp_path / "rotated.pdf"
    path.write_bytes(buffer.getvalue())
    for reference, fast in zip(page_objects(path, "pdfplumber"), page_objects(path, "pdfium")):
        assert (fast.width, fast.height) == (reference.width, reference.height)
        assert fast.chars == reference.chars
        assert fast.rules == reference.rules and fast.rects == reference.rects


def test_latin_fixture_shapes_agree_and_glyph_differences_are_the_known_ones():
    """issue-71-2 (French, Latin fonts): rules, rectangles and images agree to 0.001 pt; the
    glyphs differ where pdfium splits ligatures (fi -> f, i), reads soft hyphens as U+FFFE,
    drops no-break spaces and applies word spacing its own way."""
    path = FIXTURES / "pdfplumber" / "issue-71-duplicate-chars-2.pdf"
    for reference, fast in zip(page_objects(path, "pdfplumber"), page_objects(path, "pdfium")):
        assert len(fast.rules) == len(reference.rules) and len(fast.rects) == len(reference.rects)
        for got, want in zip(sorted(fast.rules), sorted(reference.rules)):
            assert max(abs(x - y) for x, y in zip(got, want)) <= 0.0011
        assert sorted(fast.images) == sorted(reference.images)
        letters = lambda chars: sorted("".join(g["text"] for g in dedupe(chars)  # noqa: E731
                                               if g["text"].isalnum()))
        got, want = letters(fast.chars), letters(reference.chars)
        assert abs(len(got) - len(want)) <= 0.01 * len(want) + 2


def test_latin_fixture_reads_the_same_glyphs_and_boxes_rotated_text_alike():
    """issue-71-2 (French): every glyph but spaces reads the same text in the same order, a
    ligature pdfium spells out included (U+FB01 where pdfminer reads the glyph's name), and
    glyphs on rotated text matrices get pdfminer's box (origin and matrix), not pdfium's
    outline box; a no-break space alone in a Symbol font's object is put back. Left: word
    spacing after a font change (boxes up to a few points apart on some lines) and four
    spaces pdfium drops."""
    path = FIXTURES / "pdfplumber" / "issue-71-duplicate-chars-2.pdf"
    turned = 0
    spaces = lambda chars: sum(g["text"] == " " for g in chars)  # noqa: E731
    dropped = 0
    for reference, fast in zip(page_objects(path, "pdfplumber"), page_objects(path, "pdfium")):
        want = [g for g in reference.chars if g["text"] != " "]
        got = [g for g in fast.chars if g["text"] != " "]
        assert [g["text"] for g in got] == [g["text"] for g in want]
        dropped += spaces(reference.chars) - spaces(fast.chars)
        for a, b in zip(got, want):
            if not b["upright"]:
                turned += 1
                assert max(abs(a[k] - b[k]) for k in ("x0", "x1", "top", "bottom")) <= 0.0011
    assert turned > 100
    assert dropped <= 4


@pytest.mark.parametrize("gutter_em", [0.5, 1.0, 1.5])
def test_a_gutter_a_whole_number_of_spaces_wide_gets_no_spaces(gutter_em, tmp_path):
    """Two columns written row by row, the gutter exactly one, two or three half-em spaces
    wide: pdfium marks a break of its own there, and no space glyph is made up for it."""
    require_corpus()
    from tests.pagegen.fuzz import Knobs, random_document
    from tests.pagegen.texts import Texts

    knobs = Knobs(columns=2, gutter_em=gutter_em, body_size=15.0, photos=0.0,
                  headline_modes=("line",), order="rows", page_size=(595.0, 842.0), articles=1,
                  pages=1, ad=0.0, sidebar=0.0, table=0.0, vertical=0.0)
    pdf, _ = random_document(310, Texts(limit=2000), knobs)
    path = tmp_path / "rows.pdf"
    path.write_bytes(pdf)
    [reference], [fast] = page_objects(path, "pdfplumber"), page_objects(path, "pdfium")
    assert fast.chars == reference.chars
