"""The JSON contract: validated by the model, offsets index `text`, tokens tile it."""
from __future__ import annotations

import json

from pipeline.export import to_json
from pipeline.model import DocumentOut


def test_document_round_trips_through_the_schema(seed_document):
    payload = json.loads(to_json(seed_document))
    assert payload["schema_version"] == 2
    assert set(payload) == {"schema_version", "source", "pages", "articles", "warnings"}
    assert payload["source"]["kind"] == "text" and payload["source"]["pages"] == 1
    assert payload["source"]["page_sources"] == ["text"]
    assert [p["number"] for p in payload["pages"]] == [1]
    assert DocumentOut.model_validate(payload) == seed_document


def test_text_holds_each_part_on_its_own_line(seed_article):
    lines = seed_article.text.split("\n")
    expected = [seed_article.kicker, seed_article.headline, " ".join(seed_article.byline)]
    for section in seed_article.sections:
        expected += ([section.heading] if section.heading else []) + section.paragraphs
    expected += seed_article.captions + seed_article.credits
    assert lines == expected


def test_offsets_index_text(seed_article):
    text = seed_article.text
    for item in [*seed_article.entities, *seed_article.facts]:
        assert text[item.start : item.end] == item.text
    for repair in seed_article.repairs:
        assert text[repair.start : repair.end] == repair.after


def test_tokens_tile_text_apart_from_whitespace(seed_article):
    text = seed_article.text
    cursor = 0
    for start, end, pos in seed_article.tokens:
        assert start >= cursor and text[cursor:start].strip() == "", (cursor, start)
        assert end > start and pos
        cursor = end
    assert text[cursor:].strip() == ""
