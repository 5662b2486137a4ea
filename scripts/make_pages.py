"""Write the sample newspaper pages into corpora/ (generated from tests/fixtures/articles)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.pagegen
from tests.pagegen import (
    load_article, render_page, seed_page, side_by_side_page, two_article_page,
)

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def main(out: Path = ROOT / "corpora") -> int:
    seed, port, farm = (load_article(ARTICLES / f"{n}.json") for n in ("seed", "port", "farm"))
    pages = {
        "seed_page.pdf": seed_page(seed),
        "two_articles_page.pdf": two_article_page(port, farm),
        "eight_columns_page.pdf": side_by_side_page(port, farm),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, spec in pages.items():
        (out / name).write_bytes(render_page(spec))
        print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpora"))
