"""Layout on generated pages it was not tuned for: the issue's four cases and a fuzzed sample.

Pages come from the seeded layout generator (tests/pagegen/fuzz.py) with gold; the texts are
People's Daily 1998 paragraphs, so these tests need the corpus (`make corpus`).
"""
from __future__ import annotations

import pytest

from tests.conftest import require_corpus
from tests.pagegen.fuzz import Knobs, random_document
from tests.pagegen.score import Score, body_of_draft, body_of_gold, read_drafts, run_document, similarity

ONE_ARTICLE = dict(articles=1, pages=1, ad=0.0, sidebar=0.0, table=0.0, vertical=0.0)


@pytest.fixture(scope="module")
def texts():
    require_corpus()
    from tests.pagegen.texts import Texts

    return Texts(limit=2000)


def _score(seeds, texts, knobs: Knobs) -> Score:
    score = Score()
    for seed in seeds:
        run_document(seed, texts, score, knobs=knobs)
    return score


SIX_COLUMNS = Knobs(columns=6, gutter_em=1.0, photos=1.0, headline_modes=("line",), order="stream",
                    **ONE_ARTICLE)


def test_six_columns_with_one_character_gutters_keep_columns(texts):
    score = _score(range(300, 304), texts, SIX_COLUMNS)
    assert score.similarity / score.articles >= 0.99
    assert score.headlines == score.articles
    assert score.captions[1] >= 3 and score.captions[0] >= score.captions[1] - 1


@pytest.mark.xfail(reason="known gap: 7 of 8 captions found on these pages (one caption block is "
                          "read as body text)")
def test_six_columns_every_caption_found(texts):
    score = _score(range(300, 304), texts, SIX_COLUMNS)
    assert score.captions[0] == score.captions[1]


@pytest.mark.parametrize("order", ["stream", "rows"])
def test_two_magazine_columns_read_in_order_whatever_the_content_stream(texts, order, tmp_path):
    """1.5-character gutter at ~15 pt, written column by column or row-interleaved."""
    knobs = Knobs(columns=2, gutter_em=1.5, body_size=15.0, photos=0.0, headline_modes=("line",),
                  order=order, page_size=(595.0, 842.0), **ONE_ARTICLE)
    pdf, gold = random_document(310, texts, knobs)
    path = tmp_path / "magazine.pdf"
    path.write_bytes(pdf)
    drafts, _ = read_drafts(str(path))
    [article] = [d for d in drafts if d.headline.text == gold["articles"][0]["headline"]]
    assert similarity(body_of_gold(gold["articles"][0]), body_of_draft(article)) >= 0.995


TABLES = Knobs(table=1.0, photos=0.0, articles=2, pages=1, ad=0.0, sidebar=0.0, vertical=0.0)


def test_table_cells_never_run_together(texts):
    score = _score(range(320, 326), texts, TABLES)
    assert score.tables[1] >= 4
    assert score.merged == 0
    assert score.tables[0] >= 1


@pytest.mark.xfail(reason="known gap: 4 of 6 tables read exactly (a label cell or the header row "
                          "is missed when cells are not aligned)")
def test_tables_read_exactly(texts):
    score = _score(range(320, 326), texts, TABLES)
    assert score.tables[0] == score.tables[1]


def test_wrapped_headline_joins_without_space(texts):
    wrapped = _score(range(330, 334), texts, Knobs(headline_modes=("wrapped",), **ONE_ARTICLE))
    assert wrapped.headlines == wrapped.articles


@pytest.mark.xfail(reason="known gap: 2 of 4 two-part headlines exact (a gap over a body gutter "
                          "splits a one-line two-part headline; a kicker joins the headline)")
def test_two_part_headline_keeps_its_separator(texts):
    two_part = _score(range(334, 338), texts, Knobs(headline_modes=("two_lines", "one_line_gap"), **ONE_ARTICLE))
    assert two_part.headlines == two_part.articles


def test_vertical_headline_is_read_top_to_bottom(texts):
    score = _score(range(340, 343), texts, Knobs(vertical=1.0, columns=4, **{k: v for k, v in ONE_ARTICLE.items()
                                                                              if k != "vertical"}))
    assert score.headlines == score.articles


@pytest.mark.xfail(reason="known gap: 2 of 5 continued articles joined exactly on these pages")
def test_jumps_and_flowing_text_join_across_pages(texts):
    score = _score(range(350, 356), texts, Knobs(pages=2, articles=2, ad=0.0, sidebar=0.0, table=0.0,
                                                 vertical=0.0))
    assert score.jumps[1] >= 3
    assert score.jumps[0] == score.jumps[1]


def test_ads_and_running_heads_stay_out_of_articles(texts):
    score = _score(range(360, 364), texts, Knobs(ad=1.0, articles=3, pages=1))
    assert score.ads_leaked[1] > 0 and score.ads_leaked[0] == 0
    assert score.furniture_leaked[1] > 0 and score.furniture_leaked[0] == 0
    assert score.edition[0] == score.edition[1]


@pytest.mark.xfail(reason="known gap: mean body similarity 0.89 on this sample (target 0.95+)")
def test_fuzzed_sample(texts):
    """A sample of the evaluation's page mix (a seed range of its own)."""
    score = _score(range(700, 712), texts, Knobs())
    assert score.similarity / score.articles >= 0.95
    assert score.merged == 0
