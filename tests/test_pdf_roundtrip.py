"""Generated newspaper pages read back exactly: every field of every article, with provenance."""
from __future__ import annotations

import pytest

from pipeline.stages import process
from tests.pagegen import (
    expected, load_article, render_page, seed_page, side_by_side_page, two_article_page,
)
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
FIELDS = ("kicker", "headline", "subheadline", "byline", "captions", "credits", "sections")


def article(name: str) -> dict:
    return load_article(ARTICLES / f"{name}.json")


LAYOUTS = {
    "seed, 4 columns, headline x3 at sub-point offsets": lambda: (seed_page(article("seed")), ["seed"]),
    "two stacked, shadow 1.8pt and size noise": lambda: (two_article_page(article("port"), article("farm")),
                                                         ["port", "farm"]),
    "side by side, 8 columns, shadow 2.4pt": lambda: (side_by_side_page(article("port"), article("farm")),
                                                      ["port", "farm"]),
    "side by side, 6 columns": lambda: (side_by_side_page(article("farm"), article("port"), columns=6),
                                        ["farm", "port"]),
}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def read_back(request, tmp_path_factory):
    spec, names = LAYOUTS[request.param]()
    path = tmp_path_factory.mktemp("pages") / "page.pdf"
    path.write_bytes(render_page(spec))
    return process(path, "page.pdf"), [article(n) for n in names], spec


def test_every_field_round_trips_exactly(read_back):
    document, sources, _ = read_back
    got = [{k: a.model_dump()[k] for k in FIELDS} for a in document.articles]
    assert got == [expected(s) for s in sources]
    assert document.warnings == []


def test_fake_bold_is_gone_before_repair(read_back):
    document, _, _ = read_back
    for a in document.articles:
        assert a.repairs == []  # positions removed every copy; nothing left for text repair


def test_provenance_on_facts_entities_and_blocks(read_back):
    document, _, spec = read_back
    for a in document.articles:
        assert a.pages == [1]
        assert a.facts and a.blocks
        for item in [*a.facts, *a.entities]:
            assert item.page == 1
            x0, top, x1, bottom = item.bbox
            assert 0 <= x0 < x1 <= spec.width and 0 <= top < bottom <= spec.height
            assert a.text[item.start : item.end] == item.text
        kinds = {b.kind for b in a.blocks}
        assert {"headline", "paragraph"} <= kinds
        for block in a.blocks:
            assert a.text[block.start : block.end].strip()


def test_fact_box_covers_its_printed_characters(read_back):
    document, _, _ = read_back
    a = document.articles[0]
    fact = a.facts[0]
    x0, top, x1, bottom = fact.bbox
    assert (x1 - x0) >= 3 or (bottom - top) >= 3  # a real glyph box, not a point


def test_page_header_and_footer_stay_out(read_back):
    document, _, spec = read_back
    for a in document.articles:
        assert spec.paper not in a.text and spec.footer not in a.text and "第7版" not in a.text


def test_generated_pages_are_deterministic():
    spec = two_article_page(article("port"), article("farm"))
    assert render_page(spec) == render_page(spec)


def test_pdf_json_is_byte_identical_between_runs(tmp_path):
    from pipeline.export import to_json

    path = tmp_path / "page.pdf"
    path.write_bytes(render_page(two_article_page(article("port"), article("farm"))))
    assert to_json(process(path, "page.pdf")) == to_json(process(path, "page.pdf"))


def test_review_page_boxes_every_fact_and_entity_on_the_page(tmp_path):
    import json

    from pipeline.cli import main

    source = tmp_path / "in"
    source.mkdir()
    (source / "page.pdf").write_bytes(render_page(two_article_page(article("port"), article("farm"))))
    out = tmp_path / "out"
    assert main(["extract", str(source), "-o", str(out), "--no-progress"]) == 0
    assert main(["review", str(out), "--sources", str(source)]) == 0
    page = (out / "page.html").read_text(encoding="utf-8")
    document = json.loads((out / "page.json").read_text(encoding="utf-8"))
    boxed = sum(1 for a in document["articles"] for item in [*a["facts"], *a["entities"]] if item["bbox"])
    assert boxed > 20 and page.count('<rect class="box ') == boxed
    assert page.count("data:image/png;base64,") == 1  # the page drawn once, boxes of both articles on it
    assert page.count('id="a1-f0"') == 1
