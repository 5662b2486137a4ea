"""Export: the streamed JSON file is byte for byte what the in-memory document serialises to;
tables become cells with spans; writes are atomic."""
from __future__ import annotations

import pytest

from pipeline.assemble import assemble
from pipeline.document import ArticleDraft, Piece, TableDraft
from pipeline.export import atomic_file, to_json
from pipeline.stages import process, process_to_file
from tests.conftest import ROOT, SEED_TEXT


@pytest.mark.parametrize("path", [SEED_TEXT, ROOT / "corpora" / "two_articles_page.pdf"],
                         ids=["text", "pdf"])
def test_streamed_file_equals_in_memory_document(path, tmp_path):
    target = tmp_path / "out.json"
    process_to_file(path, path.name, target)
    assert target.read_text(encoding="utf-8") == to_json(process(path, path.name))
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_document_without_articles_streams_an_empty_list(tmp_path):
    source = tmp_path / "blank.txt"
    source.write_text("。\n", encoding="utf-8")
    target = tmp_path / "blank.json"
    process_to_file(source, source.name, target)
    assert target.read_text(encoding="utf-8") == to_json(process(source, source.name))


def _cell(text: str, x: float) -> Piece:
    return Piece(text, 1, [(x + i * 10.0, 100.0, x + (i + 1) * 10.0, 110.0) for i in range(len(text))])


def test_table_cells_are_separate_spans_with_header_subjects():
    rows = [[_cell("地区", 0), _cell("产量", 100), _cell("增长", 200)],
            [_cell("东部", 0), _cell("26878", 100), _cell("3.5", 200)],
            [_cell("西部", 0), _cell("370508", 100), _cell("1.2", 200)]]
    draft = ArticleDraft(headline=Piece("标题", 1, [(0, 0, 20, 20), (20, 0, 40, 20)]),
                         tables=[TableDraft(page=1, bbox=(0, 100, 300, 140), rows=rows,
                                            header_rows=1, header_cols=1)])
    article = assemble(draft, geometry=True)
    by_position = {(c.row, c.column): c for c in article.cells}
    for (r, c), span in by_position.items():
        assert article.text[span.start : span.end] == rows[r][c].text
    assert by_position[(1, 1)].subject == "东部 产量"
    assert by_position[(2, 2)].subject == "西部 增长"
    assert by_position[(0, 1)].subject == "" and by_position[(1, 0)].subject == ""
    # neighbouring cells are never adjacent characters: a separator always stands between them
    assert "26878\t3.5" in article.text and "2687837" not in article.text


def test_atomic_file_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_file(target) as handle:
            handle.write("half")
            raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_a_paragraph_continued_on_the_next_page_keeps_each_characters_page():
    from pipeline.document import Section
    from pipeline.layout.continuations import join_pieces

    first = Piece("前一页", 1, [(0.0, 0.0, 10.0, 10.0)] * 3)
    second = Piece("后一页", 2, [(0.0, 50.0, 10.0, 60.0)] * 3)
    draft = ArticleDraft(headline=Piece("标题", 1, [(0, 0, 20, 20), (20, 0, 40, 20)]),
                         sections=[Section(heading=None, paragraphs=[join_pieces(first, second)])])
    article = assemble(draft, geometry=True)
    start = article.text.index("后一页")
    assert article.locate(start, start + 3) == (2, (0.0, 50.0, 10.0, 60.0))
    assert article.locate(start - 3, start)[0] == 1


def test_article_json_is_the_standard_library_text_byte_for_byte():
    """The fast serializer writes what `json.dumps(..., ensure_ascii=False, indent=1)` writes,
    also for values the two would format differently (exponents, escapes)."""
    import json

    from pipeline.export import article_json

    document = process(SEED_TEXT, SEED_TEXT.name)
    article = document.articles[0]
    assert article.facts, "the seed article has facts"
    fact = article.facts[0]
    odd = [fact.model_copy(update={"value": value, "text": text})
           for value, text in ((1e16, "x"), (2.5e-5, "y"), (0.1 + 0.2, "z\u0002\n\t\"é"))]
    for candidate in (article, article.model_copy(update={"facts": odd + list(article.facts)})):
        want = json.dumps(candidate.model_dump(mode="json"), ensure_ascii=False, indent=1)
        assert article_json(candidate) == want
