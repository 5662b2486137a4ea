"""Generated multi-page test documents are the same bytes on every run (pdfium's save writes a
random file /ID; `scanpages.join_pdfs` fixes it), so inputs and their hashes are reproducible."""
from __future__ import annotations

import pypdfium2 as pdfium

from tests.batch_pages import dense_document


def test_a_joined_document_is_byte_identical_run_to_run_and_still_reads():
    first, again = dense_document(2, seed=11), dense_document(2, seed=11)
    assert first == again
    document = pdfium.PdfDocument(first)
    try:
        assert len(document) == 2
    finally:
        document.close()
    assert dense_document(2, seed=12) != first
