"""The run's index page: every document with its counts, those needing attention first."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from pipeline.review import review
from tests.review_run import documents, make_run
from tests.test_review_page import Page, texts_of_class

COLUMNS = ["document", "status", "attention", "kind", "pages", "articles", "facts", "entities",
           "repairs", "warnings", "OCR pages", "low-confidence lines", "reviewed items"]


def _cells(html: str) -> list[list[str]]:
    """The index table's body: the text of each cell, row by row."""
    rows: list[list[str]] = []

    class Cells(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                rows.append([])
            if tag == "td":
                rows[-1].append("")
                self.inside = True

        def handle_endtag(self, tag):
            if tag == "td":
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                rows[-1][-1] += data

    Cells().feed(html.split("<tbody>", 1)[1].split("</tbody>", 1)[0])
    return [[cell.strip() for cell in row] for row in rows]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    out, sources = make_run(tmp_path_factory.mktemp("index"))
    review(out, sources)
    return out, (out / "index.html").read_text(encoding="utf-8")


def test_every_document_is_listed_with_its_counts(index):
    out, html = index
    rows = {r[0]: dict(zip(COLUMNS, r)) for r in _cells(html)}
    docs = documents(out)
    assert set(rows) == {d["source"]["path"] for d in docs.values()} | {"broken.pdf"}
    for path, doc in docs.items():
        row = rows[doc["source"]["path"]]
        arts = doc["articles"]
        ocr = doc["source"]["page_sources"].count("ocr")
        assert row["kind"] == doc["source"]["kind"]
        assert int(row["pages"]) == doc["source"]["pages"]
        assert int(row["articles"]) == len(arts)
        assert int(row["facts"]) == sum(len(a["facts"]) for a in arts)
        assert int(row["entities"]) == sum(len(a["entities"]) for a in arts)
        assert int(row["repairs"]) == sum(len(a["repairs"]) for a in arts)
        assert int(row["warnings"]) == len(doc["warnings"])
        assert int(row["OCR pages"]) == ocr
        low = sum(len(p["low_confidence"]) for p in doc["pages"])
        assert row["low-confidence lines"] == (str(low) if ocr else "–")
    assert rows["broken.pdf"]["status"] == "failed"
    assert "encrypted PDF" in rows["broken.pdf"]["attention"]


def test_documents_needing_attention_come_first(index):
    out, html = index
    docs = documents(out)

    def need(doc):  # failures first, then warnings, low-confidence lines, repairs; most first
        arts = doc["articles"]
        return (0, -len(doc["warnings"]), -sum(len(p["low_confidence"]) for p in doc["pages"]),
                -sum(len(a["repairs"]) for a in arts), doc["source"]["path"])

    expected = ["broken.pdf"] + [d["source"]["path"] for d in sorted(docs.values(), key=need)]
    listed = [r[0] for r in _cells(html)]
    assert listed == expected
    assert listed[1] == "dated/edition_2021.pdf"  # the one document with a warning


def test_links_lead_to_the_review_pages_and_private_files_stay_out(index):
    out, html = index
    page = Page(html)
    links = [a["href"] for a in page.find("a")]
    assert links and all((out / href).exists() for href in links)
    assert "dated/edition_2021.html" in links
    assert "_run" not in html and ".partial" not in html
    assert texts_of_class(html, "attention")[0].startswith("failed: encrypted PDF")
