"""Reviewers' decisions on facts and entities, kept across reruns of the pipeline.

A review page exports decisions; `python -m pipeline apply-review FILE...` merges them into
`<corrections dir>/<sha256 of the input>.json`; every later `extract` of that input applies them
to its output (`reviewed_article`, called once per article by the export stage).

Decision file (both the page's export and the stored file):

    {"format": "newspaper-review-decisions", "version": 1,
     "source": {"path": "2022/p7.pdf", "sha256": "<64 hex>"},
     "decisions": [
       {"item": "fact" | "entity",
        "article": {"id": "a3", "headline": "…"},
        "start": 120, "end": 126, "text": "1500吨",          # span in the article text
        "verdict": "confirmed" | "corrected" | "rejected",
        "fields": {"value": 1500, "unit": "吨", "subject": "…"}   # facts: the right values
                | {"label": "ORG"},                               # entities: the right label
        "added": false}]}                                         # true: an entity the pipeline missed

Matching rule (how a decision finds its item again after the pipeline changed):
1. the article: same headline (whitespace ignored) when the decision has a non-empty headline,
   otherwise the same id — so renumbered articles keep their decisions;
2. the span: `text` at `start:end` if it is still there, otherwise the occurrence of `text` in
   the article nearest to `start` (earlier one on a tie) — so edits elsewhere in the article that
   shift offsets do not lose decisions;
3. the item: the fact (or entity) of exactly that span.
A decision whose article, text or item is gone is named in the document's `warnings`; it is
never dropped silently. Decisions about one item (kind, article, start, end, text) replace each
other: the last one applied wins. Decisions are applied in the order they were stored.

What a decision does to an item: "rejected" keeps the item and marks it `reviewed: "rejected"`
(consumers filter on it; nothing disappears from the JSON). "confirmed"/"corrected" set the
fields the reviewer saw or typed and mark it "confirmed" (nothing changed) or "corrected". An
added entity is inserted (or, if the pipeline now finds it, relabelled) with "corrected".
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from pipeline.errors import InputError
from pipeline.model import ArticleOut, EntityOut, FactOut

FORMAT = "newspaper-review-decisions"
VERSION = 1
ITEMS = ("fact", "entity")
VERDICTS = ("confirmed", "corrected", "rejected")
FACT_FIELDS = ("value", "unit", "subject")
ENTITY_FIELDS = ("label",)
_SHA256 = re.compile(r"[0-9a-f]{64}")

Value = Union[int, float, str, None]


@dataclass(frozen=True)
class Decision:
    item: str  # "fact" or "entity"
    article_id: str
    headline: str
    start: int
    end: int
    text: str
    verdict: str
    fields: dict[str, Value] = field(default_factory=dict, hash=False, compare=False)
    added: bool = False

    @property
    def key(self) -> tuple:
        """What identifies the item decided on; a later decision with the same key wins."""
        article = _normal(self.headline) or f"#{self.article_id}"
        return (self.item, article, self.start, self.end, self.text)

    def describe(self) -> str:
        article = self.headline or self.article_id
        return f"correction of {self.item} {self.text!r} at {self.start}-{self.end} in {article!r}"

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "article": {"id": self.article_id, "headline": self.headline},
                "start": self.start, "end": self.end, "text": self.text, "verdict": self.verdict,
                "fields": dict(self.fields), "added": self.added}


@dataclass(frozen=True)
class DecisionFile:
    sha256: str
    path: str
    decisions: tuple[Decision, ...]


def _normal(text: Optional[str]) -> str:
    return "".join((text or "").split())


def _decision(raw: Any, where: str) -> Decision:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected an object")
    article = raw.get("article")
    if not isinstance(article, dict):
        raise InputError(f"{where}: 'article' must be an object with id and headline")
    item, verdict = raw.get("item"), raw.get("verdict")
    if item not in ITEMS:
        raise InputError(f"{where}: 'item' must be one of {', '.join(ITEMS)}")
    if verdict not in VERDICTS:
        raise InputError(f"{where}: 'verdict' must be one of {', '.join(VERDICTS)}")
    start, end, text = raw.get("start"), raw.get("end"), raw.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise InputError(f"{where}: 'start' and 'end' must be integers with 0 <= start < end")
    if not isinstance(text, str) or len(text) != end - start:
        raise InputError(f"{where}: 'text' must be the {end - start} characters at start:end")
    allowed = FACT_FIELDS if item == "fact" else ENTITY_FIELDS
    fields = raw.get("fields") or {}
    if not isinstance(fields, dict) or set(fields) - set(allowed):
        raise InputError(f"{where}: 'fields' of a {item} may hold only {', '.join(allowed)}")
    for name, value in fields.items():
        if value is not None and not isinstance(value, (int, float, str)) or isinstance(value, bool):
            raise InputError(f"{where}: field {name!r} must be a number, a string or null")
    if item == "entity" and verdict != "rejected" and not isinstance(fields.get("label"), str):
        raise InputError(f"{where}: an entity that is kept needs a 'label'")
    added = raw.get("added", False)
    if not isinstance(added, bool) or (added and item != "entity"):
        raise InputError(f"{where}: only entities can be 'added'")
    return Decision(item=item, article_id=str(article.get("id") or ""),
                    headline=str(article.get("headline") or ""), start=start, end=end, text=text,
                    verdict=verdict, fields={k: fields[k] for k in allowed if k in fields},
                    added=added)


def parse_decisions(data: Any) -> DecisionFile:
    """Validate a decision file's JSON; raises InputError naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"not a review decision file (expected \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise InputError(f"unsupported decision file version {data.get('version')!r}")
    source = data.get("source")
    if not isinstance(source, dict) or not _SHA256.fullmatch(str(source.get("sha256", ""))):
        raise InputError("'source.sha256' must be the 64 hex digits of the input's sha256")
    raw = data.get("decisions")
    if not isinstance(raw, list):
        raise InputError("'decisions' must be a list")
    decisions = tuple(_decision(d, f"decision {i + 1}") for i, d in enumerate(raw))
    return DecisionFile(sha256=source["sha256"], path=str(source.get("path") or ""),
                        decisions=decisions)


def read_decisions(path: Path) -> DecisionFile:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read decisions: {error}") from None
    return parse_decisions(data)


def merge(earlier: Iterable[Decision], later: Iterable[Decision]) -> list[Decision]:
    """Earlier decisions followed by later ones; per item only the last survives, placed where
    it was made (so applying in order gives the same result)."""
    merged: dict[tuple, Decision] = {}
    for decision in [*earlier, *later]:
        merged.pop(decision.key, None)
        merged[decision.key] = decision
    return list(merged.values())


def corrections_path(folder: Union[str, Path], sha256: str) -> Path:
    return Path(folder) / f"{sha256}.json"


def store(folder: Union[str, Path], incoming: DecisionFile) -> tuple[Path, int]:
    """Merge `incoming` into the stored decisions of its input; returns (file, decisions kept)."""
    from pipeline.export import write_atomic

    target = corrections_path(folder, incoming.sha256)
    earlier: list[Decision] = []
    path = incoming.path
    if target.exists():
        stored = read_decisions(target)
        earlier, path = list(stored.decisions), incoming.path or stored.path
    decisions = merge(earlier, incoming.decisions)
    document = {"format": FORMAT, "version": VERSION,
                "source": {"path": path, "sha256": incoming.sha256},
                "decisions": [d.to_json() for d in decisions]}
    write_atomic(target, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return target, len(decisions)


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, size: int) -> tuple[Decision, ...]:
    return read_decisions(Path(path)).decisions


def load(folder: Optional[Union[str, Path]], sha256: str) -> tuple[Decision, ...]:
    """The stored decisions for one input (none when the folder or file does not exist)."""
    if not folder:
        return ()
    target = corrections_path(folder, sha256)
    try:
        stat = target.stat()
    except OSError:
        return ()
    try:
        return _load_cached(str(target), stat.st_mtime_ns, stat.st_size)
    except InputError as error:
        raise InputError(f"corrections {target}: {error}") from None


# --- applying -------------------------------------------------------------------------------


def article_matches(decision: Decision, article: ArticleOut) -> bool:
    if _normal(decision.headline):
        return _normal(decision.headline) == _normal(article.headline)
    return decision.article_id == article.id


def locate(decision: Decision, text: str) -> Optional[tuple[int, int]]:
    """Where the decided text is now: its old span if unchanged, else the nearest occurrence."""
    if text[decision.start:decision.end] == decision.text:
        return decision.start, decision.end
    best: Optional[int] = None
    found = text.find(decision.text)
    while found != -1:
        if best is None or abs(found - decision.start) < abs(best - decision.start):
            best = found
        found = text.find(decision.text, found + 1)
    return None if best is None else (best, best + len(decision.text))


def _fields_of(item: Union[FactOut, EntityOut], names: Iterable[str]) -> dict[str, Value]:
    return {name: getattr(item, name) for name in names}


def _reviewed(item, decision: Decision, names: tuple[str, ...]):
    """The item with the decision's fields and review mark (validated by its model)."""
    if decision.verdict == "rejected":
        return item.model_copy(update={"reviewed": "rejected"})
    wanted = {k: v for k, v in decision.fields.items() if k in names}
    changed = wanted != _fields_of(item, wanted)
    mark = "corrected" if decision.verdict == "corrected" or changed or decision.added else "confirmed"
    return type(item).model_validate({**item.model_dump(), **wanted, "reviewed": mark})


def _entity_place(article: ArticleOut, start: int) -> Optional[int]:
    """The page an added entity lies on: that of the layout block holding its start."""
    for block in article.blocks:
        if block.start <= start < block.end:
            return block.page
    return article.pages[0] if len(article.pages) == 1 else None


def apply_decision(article: ArticleOut, decision: Decision) -> tuple[ArticleOut, Optional[str]]:
    """One decision on one article it matches: (new article, None) or (article, why not)."""
    span = locate(decision, article.text)
    if span is None:
        return article, "its text is no longer in the article"
    start, end = span
    if decision.item == "fact":
        facts = list(article.facts)
        hits = [i for i, f in enumerate(facts) if (f.start, f.end) == span]
        if not hits:
            return article, "no fact is found at that text any more"
        for i in hits:
            facts[i] = _reviewed(facts[i], decision, FACT_FIELDS)
        return article.model_copy(update={"facts": facts}), None
    entities = list(article.entities)
    hits = [i for i, e in enumerate(entities) if (e.start, e.end) == span]
    if not hits and not decision.added:
        return article, "no entity is found at that text any more"
    if not hits:
        page = _entity_place(article, start)
        same_span_fact = next((f for f in article.facts if (f.start, f.end) == span), None)
        bbox = same_span_fact.bbox if same_span_fact is not None else None
        entity = EntityOut(text=decision.text, label=str(decision.fields["label"]), start=start,
                           end=end, page=page, bbox=bbox, reviewed="corrected")
        entities.append(entity)
        entities.sort(key=lambda e: (e.start, e.end, e.label))
        return article.model_copy(update={"entities": entities}), None
    for i in hits:
        entities[i] = _reviewed(entities[i], decision, ENTITY_FIELDS)
    return article.model_copy(update={"entities": entities}), None


def _pending(decision: Decision, reason: str) -> str:
    return f"{decision.describe()} not applied: {reason}"


def reviewed_article(article: ArticleOut, folder: Optional[str], sha256: str,
                     warnings: list[str], first: bool) -> ArticleOut:
    """Apply the stored decisions of input `sha256` to one exported article.

    Called for every article of a document in order (`first` for the first one). `warnings` is
    the document's warnings list; it also carries the state across articles: at the first article
    every decision is listed there as not applied, and each one applied later is taken off, so
    when the document is finished the list names exactly the decisions that found nothing.
    (A document with no article at all is already warned about as such.)
    """
    decisions = load(folder, sha256)
    if not decisions:
        return article
    if first:
        warnings.extend(_pending(d, "its article is not in this output") for d in decisions)
    for decision in decisions:
        if not article_matches(decision, article):
            continue
        prefix = decision.describe() + " not applied: "
        waiting = [i for i, w in enumerate(warnings) if w.startswith(prefix)]
        article, problem = apply_decision(article, decision)
        if problem is None:
            for i in reversed(waiting):
                del warnings[i]
        elif waiting:  # still not applied anywhere: say why, in place of the earlier reason
            warnings[waiting[0]] = _pending(decision, problem)
    return article
