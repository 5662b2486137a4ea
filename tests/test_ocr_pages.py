"""Scanned pages read by OCR give the articles their text layer gives: generated pages rendered
to images (200 dpi, and degraded as archive scans are) and wrapped as image-only PDFs."""
from __future__ import annotations

import pytest

from pipeline.stages import Options, process
from tests.conftest import FIXTURES
from tests.ocr_eval import body_accuracy
from tests.pagegen import load_article, render_page
from tests.scanpages import (
    greyscale_jpeg, image_pdf, join_pdfs, jpeg, noisy, one_article_page, page_image, skewed,
)

ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def port_page(tmp_path_factory):
    """The port article (kicker, two-line headline, byline, headings, photo, caption, credit)
    on a small page, and what its text layer reads."""
    folder = tmp_path_factory.mktemp("scan")
    clean = folder / "clean.pdf"
    clean.write_bytes(render_page(one_article_page(load_article(ARTICLES / "port.json"))))
    return folder, clean, process(clean, "clean.pdf")


def _scan(folder, clean, name: str, dpi: int, degrade=lambda im: im):
    path = folder / f"{name}.pdf"
    path.write_bytes(image_pdf([degrade(page_image(clean.read_bytes(), dpi))], dpi))
    return process(path, path.name)


def _facts(article):
    return sorted((f.text, str(f.value), f.unit) for f in article.facts)


@pytest.mark.slow
def test_200dpi_scan_reads_as_the_text_layer(port_page):
    folder, clean, reference = port_page
    document = _scan(folder, clean, "scan200", 200)
    assert document.source.page_sources == ["ocr"]
    assert document.warnings == []  # a plain scan is no discarded text layer
    [got], [want] = document.articles, reference.articles
    assert (got.kicker, got.headline, got.byline) == (want.kicker, want.headline, want.byline)
    # Captions equal: the photo found on the scan keeps its caption out of the body.
    assert got.captions == want.captions and got.credits == want.credits
    assert [s.heading for s in got.sections] == [s.heading for s in want.sections]
    assert body_accuracy(got, want) >= 0.995
    assert _facts(got) == _facts(want)


DEGRADED = {
    "noise": (200, lambda im: noisy(im, 18.0, seed=11)),
    "skew 0.8 degrees": (200, lambda im: skewed(im, 0.8)),
    "skew -0.5 degrees": (200, lambda im: skewed(im, -0.5)),
    "jpeg quality 40": (200, lambda im: jpeg(im, 40)),
    "150 dpi": (150, lambda im: im),
    "100 dpi greyscale jpeg": (100, lambda im: greyscale_jpeg(im, 60)),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(DEGRADED))
def test_degraded_scans_read_nearly_as_the_text_layer(port_page, case):
    folder, clean, reference = port_page
    dpi, degrade = DEGRADED[case]
    document = _scan(folder, clean, case.replace(" ", "_"), dpi, degrade)
    [got], [want] = document.articles, reference.articles
    assert got.headline == want.headline
    assert body_accuracy(got, want) >= 0.97
    assert got.captions == want.captions  # the photo is found on the degraded scan too


@pytest.mark.slow
def test_mixed_pdf_reads_text_page_from_its_layer_and_scanned_page_by_ocr(tmp_path):
    farm = render_page(one_article_page(load_article(ARTICLES / "farm.json")))
    port = render_page(one_article_page(load_article(ARTICLES / "port.json")))
    scanned = image_pdf([page_image(port, 200)], 200)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(join_pdfs([farm, scanned]))
    document = process(path, "mixed.pdf")
    assert document.source.page_sources == ["text", "ocr"]
    assert [a.headline for a in document.articles] == ["春耕备耕有序推进", "港口吞吐量稳中有升 集装箱航线再扩容"]
    assert [a.pages for a in document.articles] == [[1], [2]]


def test_ocr_off_reports_the_scan_instead_of_reading_it(tmp_path):
    port = render_page(one_article_page(load_article(ARTICLES / "port.json")))
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([page_image(port, 100)], 100))
    document = process(path, "scan.pdf", Options(ocr="off"))
    assert document.source.page_sources == ["none"]
    assert any("needs OCR" in w for w in document.warnings)
