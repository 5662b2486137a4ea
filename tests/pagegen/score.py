"""Scoring a generated document against its gold: shared by scripts/eval_layout.py and the
layout tests. See scripts/eval_layout.py for what each figure means."""
from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass, field
from typing import Optional

import regex

from pipeline.document import ArticleDraft
from pipeline.ingest.pdf import read_pdf
from pipeline.layout.continuations import ArticleLinker
from pipeline.stages import laid_out_pages
from tests.pagegen.fuzz import Knobs, random_document
from tests.pagegen.texts import Texts

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
    table_headers: list[int] = field(default_factory=lambda: [0, 0])  # of the tables read exactly
    merged: int = 0
    ads_leaked: list[int] = field(default_factory=lambda: [0, 0])
    furniture_leaked: list[int] = field(default_factory=lambda: [0, 0])
    edition: list[int] = field(default_factory=lambda: [0, 0])
    jumps: list[int] = field(default_factory=lambda: [0, 0])
    pages: int = 0
    documents: int = 0
    worst: list[tuple[float, int, str]] = field(default_factory=list)


def run_document(seed: int, texts: Texts, score: Score, verbose: bool = False,
                 knobs: Optional[Knobs] = None) -> float:
    """Generate the document of `seed`, read it, add its figures to `score`; returns its mean
    body similarity."""
    pdf, gold = random_document(seed, texts, knobs)
    return score_pdf(pdf, gold, score, verbose)


def read_drafts(path: str) -> tuple[list[ArticleDraft], list]:
    """Every stage up to link on one PDF: the finished article drafts and the page layouts."""
    raw = read_pdf(path)
    linker = ArticleLinker()
    drafts: list[ArticleDraft] = []
    layouts = []
    for page in laid_out_pages(raw):
        layouts.append(page)
        drafts.extend(linker.feed(page))
    drafts.extend(linker.finish())
    return drafts, layouts


def score_pdf(pdf: bytes, gold: dict, score: Score, verbose: bool = False) -> float:
    seed = gold["seed"]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        drafts, layouts = read_drafts(handle.name)
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
                if got is None or got.text != article[key]:
                    notes.append(f"{key} {got.text if got is not None else None!r} != {article[key]!r}")
        captions = {p.text for p in d.captions}
        score.captions[1] += len(article["captions"])
        score.captions[0] += sum(c in captions for c in article["captions"])
        notes += [f"caption missed {c[:12]}" for c in article["captions"] if c not in captions]
        got_tables = {str([[c.text for c in row] for row in t.rows]): t for t in d.tables}
        for rows in article["tables"]:
            score.tables[1] += 1
            table = got_tables.get(str(rows))
            if table is None:
                notes.append(f"table missed {rows[0][0]}")
                continue
            score.tables[0] += 1
            # Gold tables have one header row (the first) and one header column (the labels).
            score.table_headers[1] += 1
            score.table_headers[0] += (table.header_rows, table.header_cols) == (1, 1)
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
    # Ad and running-head texts are phrases of the same corpus: one that articles print too
    # leaks only when the output holds it more often than the gold articles do.
    gold_text = "\n".join(gold_texts + [c for a in gold["articles"] for c in
                                         [a["kicker"] or "", a["subheadline"] or ""] + a["byline"]])

    def leaked(text: str) -> bool:
        return article_text.count(text) > gold_text.count(text)

    for gp, layout in zip(gold["pages"], layouts):
        for ad in gp["ads"]:
            score.ads_leaked[1] += 1
            if leaked(ad):
                score.ads_leaked[0] += 1
                notes.append(f"ad leaked {ad}")
        for f in gp["furniture"]:
            if len(f) >= 4:
                score.furniture_leaked[1] += 1
                if leaked(f):
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
    score.documents += 1
    if verbose:
        print(f"seed {seed}: {len(gold['pages'])} page(s) {len(gold['articles'])} articles, mean body {mean:.3f}"
              + (f" — {'; '.join(notes[:4])}" if notes else ""), flush=True)


    return mean
