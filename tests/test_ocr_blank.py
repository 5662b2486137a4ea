"""Empty pages (an archive's blank versos, a 300-page PDF of nothing) skip the OCR detector:
each would otherwise cost a full detection pass for no text."""
from __future__ import annotations

import io

import numpy as np
from reportlab.pdfgen import canvas

from pipeline.ingest.ocr import is_blank, read_page_image
from pipeline.stages import process
from tests.scanpages import page_image


def _pdf(pages: int, text: str = "") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    for _ in range(pages):
        if text:
            page.setFont("Helvetica", 14)
            page.drawString(72, 700, text)
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_an_empty_page_image_is_blank_and_costs_no_detection():
    image = np.asarray(page_image(_pdf(1), 100))
    assert is_blank(image)
    result = read_page_image(image, 72.0 / 100)
    assert result.glyphs == [] and result.seconds == {}  # no detector or recogniser pass
    assert result.size == (round(image.shape[1] * 0.72, 3), round(image.shape[0] * 0.72, 3))


def test_a_page_with_a_line_of_print_or_a_light_tint_is_not_blank():
    assert not is_blank(np.asarray(page_image(_pdf(1, "Annual report 2021"), 100)))
    tint = np.full((200, 100), 250, np.uint8)
    tint[50:60, 10:90] = 200  # a pale grey bar is still ink
    assert not is_blank(tint)
    assert is_blank(np.full((200, 100, 3), 180, np.uint8))  # a uniform grey sheet has none


def test_many_empty_pages_give_no_articles(tmp_path):
    path = tmp_path / "empty-pages.pdf"
    path.write_bytes(_pdf(40))
    document = process(path, path.name)
    assert document.articles == []
    assert document.source.page_sources == ["none"] * 40
