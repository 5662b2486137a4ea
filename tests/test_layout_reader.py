"""The reader on lines whose sizes are measured, not given: OCR estimates a line's size from
its ink height, a pixel either way at scan resolutions, so a body line can come out a few
percent larger than its neighbours. Such a line inside a running sentence stays in its
paragraph; it is no section heading."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.layout import text_rules
from pipeline.layout.pdf_layout import layout_page
from pipeline.repair import repair_lines
from pipeline.stages import Options, ingest, lines
from tests.conftest import FIXTURES
from tests.pagegen import load_article, render_page
from tests.scanpages import one_article_page

ARTICLES = FIXTURES / "articles"


def _page(tmp_path: Path, name: str):
    path = tmp_path / f"{name}.pdf"
    # Five narrow columns: short lines, many of them without punctuation.
    path.write_bytes(render_page(one_article_page(load_article(ARTICLES / f"{name}.json"), columns=5)))
    return lines(next(iter(ingest(path, Options()).pages)))


def _sections(page):
    [article] = layout_page(replace(page, lines=repair_lines(page.lines))).articles
    return [(s.heading.text if s.heading else None, [p.text for p in s.paragraphs])
            for s in article.sections]


@pytest.mark.parametrize("name, grow", [("farm", 1.06), ("port", 1.06), ("port", 1.12)])
def test_a_line_measured_larger_mid_sentence_stays_in_its_paragraph(tmp_path, name, grow):
    page = _page(tmp_path, name)
    want = _sections(page)
    body = [p for _, paragraphs in want for p in paragraphs]
    # Lines inside a paragraph (neither its first nor its last) with no punctuation at all:
    # each would pass for a heading by its text alone.
    inside = [i for i, line in enumerate(page.lines)
              if text_rules.is_heading_like(line.text, 99) and line.size and len(line.text) >= 6
              and any(line.text in p and not p.endswith(line.text) and not p.startswith(line.text)
                      for p in body)]
    assert inside, "the page has no unpunctuated line inside a paragraph"
    for i in inside:
        grown = list(page.lines)
        grown[i] = replace(grown[i], size=grown[i].size * grow)
        assert _sections(replace(page, lines=grown)) == want, page.lines[i].text
