"""Image files are inputs: PNG, JPEG, multi-page TIFF; page size from the scan's dpi; pages
turned upright; vertical headlines read top to bottom as stacked characters."""
from __future__ import annotations

import pytest

from pipeline.ingest.image import read_image
from pipeline.stages import process
from tests.conftest import FIXTURES
from tests.pagegen import load_article, render_page
from tests.scanpages import image_bytes, one_article_page, page_image, tiff, vertical_headline_page

ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def pages():
    farm = render_page(one_article_page(load_article(ARTICLES / "farm.json")))
    port = render_page(one_article_page(load_article(ARTICLES / "port.json")))
    return farm, port


@pytest.mark.slow
def test_png_page_is_read_with_its_size_from_the_dpi(tmp_path, pages):
    farm, _ = pages
    image = page_image(farm, 150)
    path = tmp_path / "farm.png"
    path.write_bytes(image_bytes(image, "PNG", 150))
    document = process(path, "farm.png")
    assert document.source.kind == "image" and document.source.page_sources == ["ocr"]
    page = document.pages[0]
    assert page.width == pytest.approx(image.width * 72 / 150, abs=0.01)
    assert page.height == pytest.approx(image.height * 72 / 150, abs=0.01)
    assert [a.headline for a in document.articles] == ["春耕备耕有序推进"]
    assert document.articles[0].byline == ["马丽娟"]


def test_jpeg_without_resolution_is_taken_as_300_dpi(tmp_path):
    from PIL import Image

    path = tmp_path / "blank.jpg"
    Image.new("L", (600, 900), 255).save(path, format="JPEG")
    raw = read_image(str(path))
    [page] = list(raw.pages)
    assert (page.width, page.height) == (144.0, 216.0)
    assert page.source == "none" and page.glyphs == []  # blank paper: nothing to read


def test_unreadable_image_is_one_clear_error(tmp_path):
    from pipeline.errors import InputError

    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(InputError, match="image"):
        read_image(str(path))


@pytest.mark.slow
def test_multi_page_tiff_gives_one_page_per_frame(tmp_path, pages):
    farm, port = pages
    path = tmp_path / "issue.tif"
    path.write_bytes(tiff([page_image(farm, 150, grey=True), page_image(port, 150, grey=True)], 150))
    document = process(path, "issue.tif")
    assert document.source.pages == 2 and document.source.page_sources == ["ocr", "ocr"]
    assert [a.headline for a in document.articles] == ["春耕备耕有序推进", "港口吞吐量稳中有升 集装箱航线再扩容"]
    assert [a.pages for a in document.articles] == [[1], [2]]


@pytest.mark.slow
@pytest.mark.parametrize("degrees", [180, 90])
def test_turned_page_is_read_upright(tmp_path, pages, degrees):
    farm, _ = pages
    path = tmp_path / f"turned{degrees}.png"
    path.write_bytes(image_bytes(page_image(farm, 150).rotate(degrees, expand=True), "PNG", 150))
    document = process(path, path.name)
    assert [a.headline for a in document.articles] == ["春耕备耕有序推进"]
    assert any("turned" in w for w in document.warnings)


@pytest.mark.slow
def test_vertical_headline_comes_as_stacked_characters_top_to_bottom(tmp_path):
    article = load_article(ARTICLES / "farm.json")
    path = tmp_path / "vertical.png"
    path.write_bytes(image_bytes(page_image(vertical_headline_page(article), 200), "PNG", 200))
    [page] = list(read_image(str(path)).pages)
    title = article["headline"]
    right = sorted((g for g in page.glyphs if g["x0"] > 595 - 40 - 26 - 6), key=lambda g: g["top"])
    assert "".join(g["text"] for g in right) == title
    for upper, lower in zip(right, right[1:]):
        assert upper["bottom"] <= lower["top"] + 0.5  # stacked, one character per box
        assert abs(upper["x0"] - lower["x0"]) < 3
    body = "".join(g["text"] for g in page.glyphs if g["x1"] < 595 - 40 - 26 - 6)
    assert article["sections"][0]["paragraphs"][0][:20] in body
