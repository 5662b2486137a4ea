"""Bad PDFs get a one-line reason; a page without Unicode mapping is flagged for OCR."""
from __future__ import annotations

import shutil

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.ocr import OcrSettings
from pipeline.stages import Options, process
from tests.conftest import FIXTURES

BAD = FIXTURES / "pdf"


@pytest.mark.parametrize("name, reason", [
    ("encrypted-with-user-password.pdf", "encrypted PDF"),
    ("truncated-half-page.pdf", "corrupt or truncated PDF"),
    ("text-file-named-pdf.pdf", "not a PDF"),
])
def test_bad_pdf_raises_one_line_reason(name, reason):
    with pytest.raises(InputError) as error:
        read_pdf(str(BAD / name))
    assert str(error.value).startswith(reason) and "\n" not in str(error.value)


def test_font_without_unicode_mapping_needs_ocr():
    # The layer is discarded and the page goes to OCR (which finds nothing readable on it);
    # with OCR off the page is reported as needing it.
    document = process(BAD / "type3-font-without-tounicode.pdf", "x.pdf")
    assert document.articles == []
    assert any("page 1" in w and "text layer discarded" in w for w in document.warnings)
    assert document.source.page_sources == ["none"]
    document = process(BAD / "type3-font-without-tounicode.pdf", "x.pdf", Options(ocr="off"))
    assert any("page 1" in w and "needs OCR" in w for w in document.warnings)
    raw = read_pdf(str(BAD / "type3-font-without-tounicode.pdf"), ocr=OcrSettings(mode="off"))
    pages = list(raw.pages)
    assert pages[0].source == "none" and pages[0].glyphs == [] and pages[0].lines == []


def test_batch_goes_on_past_bad_pdfs(tmp_path, capsys):
    corpus = tmp_path / "in"
    shutil.copytree(BAD, corpus)
    shutil.copy(FIXTURES.parent.parent / "corpora" / "two_articles_page.pdf", corpus / "good.pdf")
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "-o", str(out), "--no-progress"]) == 1
    errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert len(errors) == 3 and all(".pdf: " in e for e in errors)
    assert sorted(p.name for p in out.glob("*.json") if not p.name.startswith("_")) == \
        ["good.json", "type3-font-without-tounicode.json"]


def _far_glyphs_pdf(path) -> None:
    """A page of ordinary text plus runs drawn tens of millions of points off the page, as a
    damaged text matrix places them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    page.setFont("STSong-Light", 20)
    page.drawString(60, 760, "工厂扩建新车间")
    page.setFont("STSong-Light", 10)
    for row in range(12):
        page.drawString(60, 700 - 14 * row, "工人们在车间里忙着调试设备，新生产线下月投产。")
    page.drawString(60, 5.0e7, "远在页外的文字")
    page.drawString(3.0e9, 400, "横向远处的文字")
    page.showPage()
    page.save()


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_glyphs_far_off_the_page_are_left_out_with_a_warning(engine, tmp_path):
    path = tmp_path / "far-glyphs.pdf"
    _far_glyphs_pdf(path)
    document = process(path, path.name, Options(pdf_engine=engine))
    text = "".join(article.text for article in document.articles)
    assert "车间" in text and "页外" not in text and "远处" not in text
    # pdfium reports fewer of the glyphs at 3e9 pt (beyond float32's exact range): both runs
    # are left out either way
    far = [w for w in document.warnings if "glyphs placed far outside the page left out" in w]
    assert len(far) == 1 and far[0].startswith("page 1: ")
    assert int(far[0].split()[2]) >= 7


def test_drop_far_off_page_keeps_bleed_and_drops_non_finite_places():
    from pipeline.ingest.pdf_objects import PageObjects, drop_far_off_page, glyph

    objects = PageObjects(width=100.0, height=200.0, chars=[
        glyph("a", 10, 10, 20, 20, 10, "F"),  # on the page
        glyph("b", -30, -15, -20, -5, 10, "F"),  # in the bleed above-left
        glyph("c", 10, 1e60, 20, 1e60 + 10, 10, "F"),
        glyph("d", float("nan"), 10, 20, 20, 10, "F"),
        glyph("e", 10, -float("inf"), 20, 20, 10, "F"),
    ], rules=[(0.0, 1e9, 50.0, 1e9 + 1)], images=[(0.0, 0.0, 50.0, 50.0)])
    assert drop_far_off_page(objects) == 3
    assert [c["text"] for c in objects.chars] == ["a", "b"]
    assert objects.rules == [] and objects.images == [(0.0, 0.0, 50.0, 50.0)]


def test_a_page_needing_ocr_that_pdfium_cannot_render_gets_a_warning_not_an_error(tmp_path):
    # pdfminer reads past damage pdfium refuses (flipped bytes in a real e-paper PDF): the
    # page that needs OCR is reported and the file goes on.
    from pipeline.ingest.image import PdfPageImages, RenderError
    from pipeline.ingest.pdf import page_from_objects
    from pipeline.ingest.pdf_objects import PageObjects

    broken = tmp_path / "damaged.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with pytest.raises(RenderError):
        PdfPageImages(str(broken)).render(0, 100)
    scan = PageObjects(width=595.0, height=842.0, images=[(0.0, 0.0, 595.0, 842.0)])
    warnings: list[str] = []
    page = page_from_objects(1, scan, warnings, PdfPageImages(str(broken)), OcrSettings())
    assert page.source == "none" and page.glyphs == []
    assert warnings == ["page 1: page needs OCR but cannot be rendered "
                        "(Failed to load document (PDFium: Data format error))"]
