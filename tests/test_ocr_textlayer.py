"""Text-layer verdicts: news text reads plausibly, an old OCR's guesses don't; a scan's invisible
text layer is kept where it reads well and re-read by OCR in its own boxes where it doesn't."""
from __future__ import annotations

import random
import re

import pytest

from pipeline.ingest.textlayer import glyph_runs, judge, reads_plausibly
from pipeline.stages import process
from tests.conftest import FIXTURES, require_corpus
from tests.pagegen import load_article, render_page
from tests.scanpages import invisible_layer_pdf, one_article_page, page_image, shuffled_rare

ARTICLES = FIXTURES / "articles"


def test_an_old_ocr_banner_reads_implausibly_and_news_lines_do_not():
    assert not reads_plausibly("瓷堍 甏 蔑魄 罄 | 《 氇馥 §|真 篱典藏")
    assert reads_plausibly("EMOTION 真情典藏")
    assert reads_plausibly("记者从市港口管理局获悉，今年一季度")
    assert reads_plausibly("2022年10月20日 星期四")


def test_news_lines_of_the_1998_corpus_are_almost_never_flagged():
    corpus = require_corpus()
    text = re.sub(r"/[A-Za-z]+", "", corpus.read_text(encoding="utf-8")).replace("  ", "")
    paragraphs = [p for p in text.splitlines() if len(p) > 40]
    rng = random.Random(5)
    sample = rng.sample(paragraphs, 3000)
    lines = [p[i : i + rng.randint(8, 24)] for p in sample for i in range(0, len(p) - 24, 24)]
    flagged = [l for l in lines if not reads_plausibly(l)]
    assert len(lines) > 10000
    assert len(flagged) / len(lines) < 0.002, flagged[:20]


@pytest.fixture(scope="module")
def layered_scan(tmp_path_factory):
    """The port page scanned at 150 dpi under an invisible text layer: the true lines, except
    the headline's, which the old OCR got as rare characters."""
    import pdfplumber

    from pipeline.ingest.glyphs import dedupe

    article = load_article(ARTICLES / "port.json")
    clean = render_page(one_article_page(article))
    folder = tmp_path_factory.mktemp("layered")
    (folder / "clean.pdf").write_bytes(clean)
    with pdfplumber.open(folder / "clean.pdf") as pdf:
        glyphs = dedupe(pdf.pages[0].chars)
    lines = []
    headline_words = article["headline"].split(" ")
    for run in glyph_runs(glyphs):
        text = "".join(g["text"] for g in run)
        if text in headline_words:  # each character misread as a rare one
            text = shuffled_rare("瓷堍甏蔑魄罄氇馥篱", len(text), seed=len(text))
        lines.append((text, run[0]["x0"], run[0]["top"], run[0]["size"]))
    path = folder / "layered.pdf"
    path.write_bytes(invisible_layer_pdf(page_image(clean, 150), 150, lines))
    return path, article


def test_verdict_keeps_plausible_lines_and_hands_back_the_rest(layered_scan):
    import pdfplumber

    path, article = layered_scan
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = [dict(c) for c in page.chars]
        images = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
        verdict = judge(chars, images, float(page.width), float(page.height))
    assert verdict.source == "text"
    assert len(verdict.reread) == 2  # the two headline lines
    kept = "".join(g["text"] for g in verdict.glyphs)
    assert "瓷" not in kept and article["sections"][0]["paragraphs"][0][:12] in kept


@pytest.mark.slow
def test_implausible_lines_are_re_read_by_ocr_in_their_boxes(layered_scan):
    path, article = layered_scan
    document = process(path, "layered.pdf")
    assert document.source.page_sources == ["text"]
    assert any("re-read by OCR" in w for w in document.warnings)
    [got] = document.articles
    assert got.headline == article["headline"]
    assert got.byline == article["byline"]
    assert got.sections[0].paragraphs == article["sections"][0]["paragraphs"]
