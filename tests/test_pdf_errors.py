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
