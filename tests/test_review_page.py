"""A document's review page, read as HTML: escaped hostile text, every item in the text, its
table row and its box, blocks numbered in reading order, tables, edition and page items shown,
and pages rewritten only when their JSON changed."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from pipeline.cli import main
from pipeline.review import review
from tests.review_run import DATED, PDF_PAGE, documents, make_run


class Page(HTMLParser):
    """Elements with their attributes, the text of each article, and each <script>'s content."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}  # article text div id -> its text
        self.scripts: list[tuple[dict, str]] = []
        self.runs: list[tuple[str, str]] = []  # (data-items, text) of marked runs
        self._text: str | None = None
        self._run: str | None = None
        self._script: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "div" and "text" in attrs.get("class", "").split():
            self._text = attrs["id"]
            self.texts[self._text] = ""
        if tag == "span" and self._text and "data-items" in attrs:
            self._run = attrs["data-items"]
            self.runs.append((self._run, ""))
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "div":
            self._text = None
        if tag == "span":
            self._run = None
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._text:
            self.texts[self._text] += data
        if self._run is not None:
            self.runs[-1] = (self._run, self.runs[-1][1] + data)
        if self._script is not None:
            self.scripts[-1] = (self._script, self.scripts[-1][1] + data)

    def find(self, tag=None, **attrs) -> list[dict]:
        return [a for t, a in self.elements if (tag is None or t == tag)
                and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out, sources = make_run(tmp_path_factory.mktemp("pages"))
    report = review(out, sources)
    assert report.failed == [] and report.written == len(documents(out))
    return out, sources


def _page(out, json_path: str) -> Page:
    return Page((out / json_path).with_suffix(".html").read_text(encoding="utf-8"))


def test_hostile_text_is_shown_and_never_run(run):
    out, _ = run
    doc = documents(out)["hostile.json"]
    article = doc["articles"][0]
    assert "<script>" in article["headline"] and "onerror=" in article["text"]
    html = (out / "hostile.html").read_text(encoding="utf-8")
    page = Page(html)
    # Only our own scripts; no element carries an event handler; no image was injected.
    assert len(page.scripts) == 3
    assert [a.get("type") for a, _ in page.scripts] == [None, "application/json", None]
    assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs)
    assert page.find("img") == []
    assert "window.pwned" not in "".join(code for a, code in page.scripts if a.get("type") is None)
    # The characters are all there, as text: in the title, the heading and the article text.
    assert page.texts["a0-text"] == article["text"]
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    # The embedded data cannot close its <script>, and reads back to the same strings.
    data_attrs, data = page.scripts[1]
    assert "<" not in data and ">" not in data
    embedded = json.loads(data)
    assert embedded["articles"][0]["headline"] == article["headline"]
    assert {f["text"] for f in embedded["articles"][0]["facts"].values()} == {
        f["text"] for f in article["facts"]}


def test_every_fact_and_entity_has_its_text_and_its_row(run):
    out, _ = run
    for path, doc in documents(out).items():
        page = _page(out, path)
        for n, article in enumerate(doc["articles"]):
            assert page.texts[f"a{n}-text"] == article["text"], path  # the text, unaltered
            for kind, items in (("f", article["facts"]), ("e", article["entities"])):
                for i, item in enumerate(items):
                    ref = f"a{n}-{kind}{i}"
                    covered = "".join(t for refs, t in page.runs if ref in refs.split())
                    assert covered == item["text"], (path, ref)
                    assert len(page.find("tr", id=f"{ref}-row", data_ref=ref)) == 1
                    assert len(page.find(id=ref)) == 1  # the link target in the text
            rows = page.find("tr", data_item="fact")
            assert len([r for r in rows if r["id"].startswith(f"a{n}-")]) == len(article["facts"])


def test_pdf_boxes_and_reading_order_numbers_sit_where_the_json_says(run):
    out, _ = run
    path = PDF_PAGE.stem + ".json"
    doc = documents(out)[path]
    html = (out / path).with_suffix(".html").read_text(encoding="utf-8")
    page = Page(html)
    assert html.count("data:image/png;base64,") == 1  # one page, drawn once
    boxed = 0
    for n, article in enumerate(doc["articles"]):
        for kind, items in (("f", article["facts"]), ("e", article["entities"])):
            for i, item in enumerate(items):
                if not item["bbox"]:
                    continue
                boxed += 1
                (rect,) = page.find("rect", id=f"box-a{n}-{kind}{i}")
                x0, top, x1, bottom = item["bbox"]
                assert float(rect["x"]) == x0 and float(rect["y"]) == top
                assert float(rect["width"]) == pytest.approx(x1 - x0, abs=0.006)
                assert float(rect["height"]) == pytest.approx(bottom - top, abs=0.006)
    assert boxed > 20 and len(page.find("rect", class_="box fact")) + len(
        page.find("rect", class_="box entity")) == boxed
    # Each block numbered at its own box, article by article, in reading order.
    numbers = [(a["x"], a["y"]) for a in page.find("text", class_="block-number")]
    expected = [(str(b["bbox"][0]), str(b["bbox"][1])) for a in doc["articles"] for b in a["blocks"]]
    assert numbers == expected
    labels = texts_of_class(html, "block-number")
    assert labels == [f"{n + 1}·{i}" for n, a in enumerate(doc["articles"])
                      for i in range(1, len(a["blocks"]) + 1)]


def texts_of_class(html: str, cls: str) -> list[str]:
    """The text of every element of class `cls`."""
    texts: list[str] = []

    class Collect(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            self.inside = cls in (dict(attrs).get("class") or "").split()
            if self.inside:
                texts.append("")

        def handle_endtag(self, tag):
            self.inside = False

        def handle_data(self, data):
            if self.inside:
                texts[-1] += data

    Collect().feed(html)
    return texts


def test_tables_edition_furniture_and_ads_are_shown(run):
    out, _ = run
    doc = documents(out)[DATED]
    html = (out / DATED).with_suffix(".html").read_text(encoding="utf-8")
    table = doc["articles"][0]["tables"][0]
    from markupsafe import escape

    for r, row in enumerate(table["rows"]):
        for c, cell in enumerate(row):
            tag = "th" if r < table["header_rows"] or c < table["header_cols"] else "td"
            assert f"<{tag}>{escape(cell['text'])}</{tag}>" in html
    edition = doc["pages"][0]["edition"]
    for value in (edition["paper"], edition["date"], edition["page_label"], edition["section"]):
        assert f"<td>{value}</td>" in html
    assert "招商广告 &lt;b&gt;热线&lt;/b&gt;" in html  # an ad's text, escaped
    assert "测试日报 第3版" in html and "模糊的一行" in html
    page = Page(html)
    assert len(page.find("rect", class_="page-item items")) == 1
    assert len(page.find("rect", class_="page-item furniture")) == 1
    assert len(page.find("rect", class_="low-confidence")) == 1
    assert len(page.find("rect", class_="table-box")) == 1
    assert len(page.find(class_="warn")) == len(doc["warnings"]) + 1  # + no source PDF to draw
    assert "has changed since this output was made" in html or "input file not found" in html


def test_pages_are_rewritten_only_when_their_json_changes(tmp_path):
    out, sources = make_run(tmp_path)
    first = review(out, sources)
    assert (first.written, first.kept) == (len(documents(out)), 0)
    second = review(out, sources)
    assert (second.written, second.kept) == (0, len(documents(out)))
    hostile = out / "hostile.json"
    doc = json.loads(hostile.read_text(encoding="utf-8"))
    doc["warnings"].append("changed")
    hostile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    third = review(out, sources)
    assert third.written == 1 and "changed" in (out / "hostile.html").read_text(encoding="utf-8")
    hostile.unlink()
    review(out, sources)
    assert not (out / "hostile.html").exists()  # its input left the run: its page goes too
    pdf_page = out / (PDF_PAGE.stem + ".html")
    assert review(out, None).written == 1 and "data:image/png" not in pdf_page.read_text("utf-8")
    assert review(out, sources).written == 1 and "data:image/png" in pdf_page.read_text("utf-8")


def test_the_review_command_reports_a_bad_json_and_goes_on(tmp_path, capsys):
    out, sources = make_run(tmp_path)
    (out / "truncated.json").write_text('{"schema_version": 2, "sou', encoding="utf-8")
    assert main(["review", str(out), "--sources", str(sources)]) == 1
    errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert len(errors) == 2 and all("truncated.json" in e for e in errors)  # page and database
    assert (out / "index.html").exists() and (out / "hostile.html").exists()
