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
import difflib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pagegen
from pipeline.document import ArticleDraft  # noqa: E402
from pipeline.ingest.pdf import read_pdf  # noqa: E402
from pipeline.layout.continuations import ArticleLinker  # noqa: E402
from pipeline.stages import laid_out_pages  # noqa: E402
from tests.pagegen.fuzz import random_document  # noqa: E402
from tests.pagegen.texts import CORPUS, Texts  # noqa: E402

DIGITS = regex.compile(r"[0-9０-９][0-9０-９,.，．%％]*")


def body_of_gold(article: dict) -> str:
    parts: list[str] = []
    for s in article["sections"]:
        if s["heading"]:
            parts.append(s["heading"])
        parts.extend(s["paragraphs"])
    return "\n".join(parts)


def body_of_draft(draft: ArticleDraft) -> str:
    parts: list[str] = []
    for s in draft.sections:
        if s.heading is not None:
            parts.append(s.heading.text)
        parts.extend(p.text for p in s.paragraphs)
    return "\n".join(parts)


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def all_text(draft: ArticleDraft) -> list[str]:
    texts = [draft.headline.text, body_of_draft(draft)]
    texts += [p.text for p in draft.captions + draft.credits + draft.byline]
    if draft.kicker is not None:
        texts.append(draft.kicker.text)
    if draft.subheadline is not None:
        texts.append(draft.subheadline.text)
    texts += [c.text for t in draft.tables for row in t.rows for c in row]
    return texts


@dataclass
class Score:
    articles: int = 0
    similarity: float = 0.0
    headlines: int = 0
    kickers: list[int] = field(default_factory=lambda: [0, 0])
    subheadlines: list[int] = field(default_factory=lambda: [0, 0])
    captions: list[int] = field(default_factory=lambda: [0, 0])
    tables: list[int] = field(default_factory=lambda: [0, 0])
    merged: int = 0
    ads_leaked: list[int] = field(default_factory=lambda: [0, 0])
    furniture_leaked: list[int] = field(default_factory=lambda: [0, 0])
    edition: list[int] = field(default_factory=lambda: [0, 0])
    jumps: list[int] = field(default_factory=lambda: [0, 0])
    pages: int = 0
    worst: list[tuple[float, int, str]] = field(default_factory=list)
    layout_seconds: float = 0.0


def run_document(seed: int, texts: Texts, score: Score, verbose: bool) -> None:
    pdf, gold = random_document(seed, texts)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        raw = read_pdf(handle.name)
        linker = ArticleLinker()
        drafts: list[ArticleDraft] = []
        layouts = []
        start = time.perf_counter()
        for page in laid_out_pages(raw):
            layouts.append(page)
            drafts.extend(linker.feed(page))
        drafts.extend(linker.finish())
        score.layout_seconds += time.perf_counter() - start
    score.pages += len(gold["pages"])
    used: set[int] = set()
    sims = []
    notes = []
    for article in gold["articles"]:
        gbody = body_of_gold(article)
        match = None
        for i, d in enumerate(drafts):
            if i not in used and d.headline.text == article["headline"]:
                match = i
                break
        if match is None:
            best = (-1.0, None)
            for i, d in enumerate(drafts):
                if i in used:
                    continue
                s = similarity(gbody[:400], body_of_draft(d)[:400])
                if s > best[0]:
                    best = (s, i)
            match = best[1]
        score.articles += 1
        if match is None:
            sims.append(0.0)
            notes.append(f"missing {article['headline']}")
            continue
        used.add(match)
        d = drafts[match]
        sim = similarity(gbody, body_of_draft(d))
        sims.append(sim)
        if d.headline.text == article["headline"]:
            score.headlines += 1
        else:
            notes.append(f"headline {d.headline.text!r} != {article['headline']!r}")
        for key, got, slot in (("kicker", d.kicker, score.kickers), ("subheadline", d.subheadline, score.subheadlines)):
            if article[key]:
                slot[1] += 1
                slot[0] += got is not None and got.text == article[key]
        captions = {p.text for p in d.captions}
        score.captions[1] += len(article["captions"])
        score.captions[0] += sum(c in captions for c in article["captions"])
        got_tables = [[[c.text for c in row] for row in t.rows] for t in d.tables]
        for rows in article["tables"]:
            score.tables[1] += 1
            score.tables[0] += rows in got_tables
        if len(article["pages"]) > 1:
            score.jumps[1] += 1
            score.jumps[0] += d.pages == article["pages"] and sim > 0.98
        if sim < 0.98:
            notes.append(f"body {sim:.3f} {article['headline']}")
    gold_texts = [body_of_gold(a) for a in gold["articles"]]
    gold_texts += [c for a in gold["articles"] for c in a["captions"] + a["credits"]]
    gold_texts += [a["headline"] for a in gold["articles"]]
    gold_texts += [c for a in gold["articles"] for rows in a["tables"] for row in rows for c in row]
    gold_runs = {m.group(0).rstrip(",.，．") for t in gold_texts for m in DIGITS.finditer(t)}
    for d in drafts:
        for t in all_text(d):
            for m in DIGITS.finditer(t):
                if m.group(0).rstrip(",.，．") not in gold_runs:
                    score.merged += 1
                    notes.append(f"merged digits {m.group(0)}")
    article_text = "\n".join(t for d in drafts for t in all_text(d))
    for gp, layout in zip(gold["pages"], layouts):
        for ad in gp["ads"]:
            score.ads_leaked[1] += 1
            if ad in article_text:
                score.ads_leaked[0] += 1
                notes.append(f"ad leaked {ad}")
        for f in gp["furniture"]:
            if len(f) >= 4:
                score.furniture_leaked[1] += 1
                if f in article_text:
                    score.furniture_leaked[0] += 1
                    notes.append(f"furniture leaked {f}")
        e = layout.edition
        want = gp["edition"]
        got = {} if e is None else {"paper": e.paper, "date": e.date, "page_label": e.page_label,
                                    "section": e.section, "editors": e.editors}
        for key in want:
            score.edition[1] += 1
            score.edition[0] += got.get(key) == want[key]
    mean = sum(sims) / len(sims) if sims else 1.0
    score.similarity += sum(sims)
    score.worst.append((mean, seed, "; ".join(notes[:6])))
    if verbose:
        print(f"seed {seed}: {len(gold['pages'])} page(s) {len(gold['articles'])} articles, mean body {mean:.3f}"
              + (f" — {'; '.join(notes[:4])}" if notes else ""), flush=True)


def report(name: str, score: Score, worst: int) -> None:
    def pct(pair: list[int]) -> str:
        return f"{pair[0]}/{pair[1]}" + (f" ({100 * pair[0] / pair[1]:.1f}%)" if pair[1] else "")

    n = max(score.articles, 1)
    print(f"\n== {name}: {len(score.worst)} documents, {score.pages} pages, {score.articles} articles ==")
    print(f"body similarity (mean per article)   {score.similarity / n:.4f}")
    print(f"headlines exact                      {score.headlines}/{score.articles}")
    print(f"kickers / subheadlines exact         {pct(score.kickers)} / {pct(score.subheadlines)}")
    print(f"captions found                       {pct(score.captions)}")
    print(f"tables read exactly                  {pct(score.tables)}")
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
