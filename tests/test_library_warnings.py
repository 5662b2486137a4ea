"""Library log warnings are counted into the file's warnings, not printed loose on stderr."""
from __future__ import annotations

import logging

from pipeline.ingest.library_warnings import LibraryWarnings


def test_warnings_are_counted_by_kind_and_kept_off_stderr(capsys):
    with LibraryWarnings() as captured:
        log = logging.getLogger("pdfminer.pdffont")
        for number in range(5):
            log.warning("Could not get FontBBox from font descriptor of object %d", number)
        logging.getLogger("pdfminer.converter").warning("other kind")
    assert captured.lines() == [
        "pdfminer: Could not get FontBBox from font descriptor of object 0 (x5)",
        "pdfminer: other kind",
    ]
    assert capsys.readouterr().err == ""
    assert logging.getLogger("pdfminer").propagate  # restored afterwards
