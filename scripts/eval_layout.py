"""Layout accuracy on generated pages nobody tuned for: seeded random layouts with gold.

Every document (one or two pages, tests/pagegen/fuzz.py) goes through ingest, lines, repair,
layout and link, and each gold article is matched to an output article (same headline, else the
most similar body). Printed, for the tuned-on seed range and the held-out one separately:

- body similarity: difflib ratio of the article's body (section headings and paragraphs in
  order, one per line) against gold, per gold article (0 when unmatched), averaged;
- headlines exact (kicker and subheadline likewise), captions found exactly, tables read exactly;
- merged digits: digit runs in any output text that occur in no gold text of the document (two
  cells run together, or a number glued to its neighbour);
- ad and running-head text leaked into articles, edition fields right, jumps joined;
- the worst pages.

    python scripts/eval_layout.py [--tuned 1000:1200] [--held-out 9000:9100] [--quiet]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pagegen
from tests.pagegen.score import Score, run_document  # noqa: E402
from tests.pagegen.texts import CORPUS, Texts  # noqa: E402

def report(name: str, score: Score, worst: int) -> None:
    def pct(pair: list[int]) -> str:
        return f"{pair[0]}/{pair[1]}" + (f" ({100 * pair[0] / pair[1]:.1f}%)" if pair[1] else "")

    n = max(score.articles, 1)
    print(f"\n== {name}: {score.documents} documents, {score.pages} pages, {score.articles} articles ==")
    print(f"body similarity (mean per article)   {score.similarity / n:.4f}")
    print(f"headlines exact                      {score.headlines}/{score.articles}")
    print(f"kickers / subheadlines exact         {pct(score.kickers)} / {pct(score.subheadlines)}")
    print(f"captions found                       {pct(score.captions)}")
    print(f"tables read exactly                  {pct(score.tables)}")
    print(f"  with header row and column set     {pct(score.table_headers)}")
    print(f"merged digit runs                    {score.merged}")
    print(f"ad lines leaked into articles        {pct(score.ads_leaked)}")
    print(f"running-head texts leaked            {pct(score.furniture_leaked)}")
    print(f"edition fields right                 {pct(score.edition)}")
    print(f"articles joined across pages         {pct(score.jumps)}")
    print("worst pages:")
    for mean, seed, notes in sorted(score.worst)[:worst]:
        print(f"  seed {seed}: {mean:.3f}  {notes}")


def seeds(text: str) -> range:
    a, b = text.split(":")
    return range(int(a), int(b))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tuned", default="1000:1200", help="seed range tuned on (start:stop)")
    parser.add_argument("--held-out", default="9000:9100", help="seed range never looked at while tuning")
    parser.add_argument("--worst", type=int, default=8)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"{CORPUS} missing: run `make corpus`", file=sys.stderr)
        return 2
    texts = Texts()
    for name, seed_range in (("tuned-on seeds " + args.tuned, seeds(args.tuned)),
                             ("held-out seeds " + args.held_out, seeds(args.held_out))):
        if not len(seed_range):
            continue
        score = Score()
        for seed in seed_range:
            run_document(seed, texts, score, verbose=not args.quiet)
        report(name, score, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
