"""Cut an article's text into runs covered by the same facts and entities.

Facts and entities may overlap without nesting (an entity ending inside a fact), which nested
HTML marks cannot show; flat runs can: each run lists every item covering it, so the page can
highlight all the text of one item, whatever else covers it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Item:
    """A fact or entity as the page shows it: `ref` is its id in the page (`a0-f3`)."""

    ref: str
    kind: str  # "fact" or "entity"
    start: int
    end: int
    label: Optional[str] = None  # entities
    title: str = ""


@dataclass
class Run:
    text: str
    refs: list[str] = field(default_factory=list)
    label: Optional[str] = None  # the label of the first entity covering the run
    fact: bool = False
    anchors: list[str] = field(default_factory=list)  # items starting here (link targets)
    title: str = ""

    @property
    def marked(self) -> bool:
        return bool(self.refs)


def runs(text: str, items: list[Item]) -> list[Run]:
    """The text in runs: a new run starts wherever an item starts or ends."""
    cuts = {0, len(text)}
    for item in items:
        cuts.update((max(0, min(item.start, len(text))), max(0, min(item.end, len(text)))))
    bounds = sorted(cuts)
    ordered = sorted(items, key=lambda i: (i.start, -i.end, i.ref))
    out: list[Run] = []
    for left, right in zip(bounds, bounds[1:]):
        covering = [i for i in ordered if i.start <= left and right <= i.end]
        entity = next((i for i in covering if i.kind == "entity"), None)
        out.append(Run(
            text=text[left:right],
            refs=[i.ref for i in covering],
            label=entity.label if entity is not None else None,
            fact=any(i.kind == "fact" for i in covering),
            anchors=[i.ref for i in covering if i.start == left],
            title=" · ".join(i.title for i in covering),
        ))
    return out
