"""GBK and Big5 byte-pair text layers (shown as Latin-1) are re-decoded without OCR, and give the
same articles as the clean text layer of the same page."""
from __future__ import annotations

import pytest

from pipeline.ingest import ocr
from pipeline.ingest.mojibake import decode_row, glyph_byte
from pipeline.ingest.textlayer import judge
from pipeline.stages import process
from tests.conftest import FIXTURES
from tests.pagegen import PageSpec, Placement, load_article, render_page, two_article_page
from tests.scanpages import latin1_reading, mojibake_page

ARTICLES = FIXTURES / "articles"
FIELDS = ("kicker", "headline", "subheadline", "byline", "captions", "credits", "sections")


def _row(text: str, size: float = 10.0) -> list[dict]:
    """Glyphs of half an em each, left to right, as a byte-pair font draws them."""
    return [{"text": ch, "x0": i * size / 2, "x1": (i + 1) * size / 2, "top": 0.0, "bottom": size,
             "size": size, "fontname": "Helvetica"} for i, ch in enumerate(text)]


def test_pairs_decode_to_one_character_with_the_union_box():
    row = _row("Ä¿¡¡¡¡Â¼")  # the GBK bytes of 目　　录
    decoded = decode_row(row, "gbk")
    assert "".join(g["text"] for g in decoded) == "目　　录"
    assert [(g["x0"], g["x1"]) for g in decoded] == [(0.0, 10.0), (10.0, 20.0), (20.0, 30.0), (30.0, 40.0)]


def test_ascii_between_pairs_stays_and_winansi_glyphs_give_their_bytes():
    assert glyph_byte("‚") == 0x82 and glyph_byte("Ä") == 0xC4 and glyph_byte("目") is None
    decoded = decode_row(_row(latin1_reading("增长6.8%", "gbk")), "gbk")
    assert "".join(g["text"] for g in decoded) == "增长6.8%"


def test_soft_hyphen_extracted_as_space_or_hyphen_is_still_a_byte():
    # 协 is D0 AD and 风 (Big5 颱風) starts with AD: extractors name 0xAD `hyphen`/space.
    for shown in (" ", "-"):
        assert "".join(g["text"] for g in decode_row(_row("Ð" + shown), "gbk")) == "协"
        big5 = latin1_reading("風影", "big5").replace("\xad", shown)
        assert "".join(g["text"] for g in decode_row(_row(big5), "big5")) == "風影"


def test_latin_text_with_accents_is_a_good_text_layer():
    text = "Le café de l'été à Genève, ouvert déjà depuis 1998, reçoit des élèves."
    verdict = judge(_row(text), [], 600.0, 800.0)
    assert verdict.source == "text" and verdict.glyphs


def test_gibberish_chinese_layer_goes_to_ocr():
    # A ToUnicode map pointing at the wrong characters: every character rare in news text.
    rare = "".join(chr(c) for c in range(0x9F80, 0x9FA0))
    verdict = judge(_row(rare * 2), [], 600.0, 800.0)
    assert verdict.source == "ocr" and "discarded" in verdict.warning


def test_unmapped_glyphs_go_to_ocr():
    glyphs = _row("ab") + [dict(g, text="(cid:12)") for g in _row("abcdef")]
    verdict = judge(glyphs, [], 600.0, 800.0)
    assert verdict.source == "ocr" and "no usable Unicode mapping" in verdict.warning


@pytest.fixture(autouse=True)
def no_ocr(monkeypatch):
    """Recovery must not touch OCR: any attempt fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("OCR was attempted on a recoverable page")

    monkeypatch.setattr(ocr, "engine", refuse)


def _pages(tmp_path, spec: PageSpec, encoding: str):
    clean, broken = tmp_path / "clean.pdf", tmp_path / f"{encoding}.pdf"
    clean.write_bytes(render_page(spec))
    broken.write_bytes(mojibake_page(spec, encoding))
    return process(clean, "clean.pdf"), process(broken, "broken.pdf")


def test_gbk_page_reads_as_its_clean_text_layer(tmp_path):
    spec = two_article_page(load_article(ARTICLES / "port.json"), load_article(ARTICLES / "farm.json"))
    clean, recovered = _pages(tmp_path, spec, "gbk")
    assert recovered.source.page_sources == ["recovered"]
    assert any("GBK byte pairs" in w for w in recovered.warnings)
    assert [a.model_dump(include=set(FIELDS)) for a in recovered.articles] == \
           [a.model_dump(include=set(FIELDS)) for a in clean.articles]
    for got, want in zip(recovered.articles, clean.articles):
        assert got.text == want.text
        assert [(e.text, e.label) for e in got.entities] == [(e.text, e.label) for e in want.entities]
        assert [(f.text, f.value) for f in got.facts] == [(f.text, f.value) for f in want.facts]
        assert not any(ch in got.text for ch in "ÄÂ¼¡¿±")


def test_big5_page_reads_as_its_clean_text_layer(tmp_path):
    article = load_article(ARTICLES / "traditional.json")
    spec = PageSpec(columns=3, width=595.0, height=842.0, paper="港島日報", date="2023年9月5日 星期二",
                    section="第3版 本地新聞", footer="本版編輯 陳美玲",
                    placements=[Placement(article, 0, 2, 50.0, 800.0, headline_size=24.0, copies=2)])
    clean, recovered = _pages(tmp_path, spec, "big5")
    assert recovered.source.page_sources == ["recovered"]
    assert [a.headline for a in recovered.articles] == [article["headline"]]
    assert [a.text for a in recovered.articles] == [a.text for a in clean.articles]


def test_broken_layer_with_ocr_off_is_reported():
    from pipeline.ingest.ocr import OcrSettings
    from pipeline.ingest.pdf import page_from_objects
    from pipeline.ingest.pdf_objects import PageObjects

    chars = [dict(g, text="(cid:3)") for g in _row("x" * 40)]
    warnings: list[str] = []
    raw = page_from_objects(1, PageObjects(600.0, 800.0, chars), warnings, None, OcrSettings(mode="off"))
    assert raw.source == "none" and raw.glyphs == []
    assert len(warnings) == 1 and "needs OCR" in warnings[0] and "no usable Unicode" in warnings[0]
