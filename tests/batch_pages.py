"""Multi-page PDFs for batch tests and the bench: pages typeset by `tests.pagegen`, varied by a
fixed random seed (columns, gutters, headline sizes and fake-bold offsets, article order)."""
from __future__ import annotations

import random
from pathlib import Path

from tests.pagegen import PageSpec, Placement, load_article, render_page
from tests.scanpages import join_pdfs

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"


def articles() -> list[dict]:
    return [load_article(p) for p in sorted(ARTICLES.glob("*.json"))]


def dense_spec(rng: random.Random, pool: list[dict]) -> PageSpec:
    """A broadsheet with three articles side by side over 9-12 narrow columns."""
    columns = rng.choice((9, 12))
    third = columns // 3
    chosen = [dict(rng.choice(pool), captions=[]) for _ in range(3)]
    placements = [
        Placement(article, i * third, (i + 1) * third - 1, 50.0, 1980.0,
                  headline_size=rng.choice((24.0, 28.0, 32.0)), copies=rng.choice((1, 2, 3)),
                  offset=(rng.choice((0.3, 0.5, 2.0)), rng.choice((0.0, 0.2))))
        for i, article in enumerate(chosen)
    ]
    return PageSpec(columns=columns, width=1700.0, height=2000.0,
                    gutter=rng.choice((8.0, 10.0, 12.0)), placements=placements)


def render_pages(specs: list[PageSpec]) -> bytes:
    """Several pages in one PDF: each typeset by `tests.pagegen.render_page`, then joined."""
    return join_pdfs([render_page(spec) for spec in specs])


def dense_document(pages: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    pool = articles()
    return render_pages([dense_spec(rng, pool) for _ in range(pages)])
