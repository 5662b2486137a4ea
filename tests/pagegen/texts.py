"""Article texts for generated pages: People's Daily 1998 paragraphs (POS tags stripped) and the
article fixtures. Test tooling; the corpus is read at run time and never committed."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "data" / "199801.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
_TAG = re.compile(r"/[A-Za-z]+")
_BRACKET = re.compile(r"\[|\][a-z]+")
_CLAUSE = re.compile(r"[，。！？；：、“”‘’（）《》—…\s]+")
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰新春海波宁晓东文斌云飞"


def strip_tags(line: str) -> str:
    return _BRACKET.sub("", _TAG.sub("", line)).replace(" ", "").strip()


class Texts:
    """Paragraphs and short phrases to typeset, drawn with a caller's random generator."""

    def __init__(self, corpus: Path = CORPUS, limit: int = 6000):
        paragraphs: list[str] = []
        with open(corpus, encoding="utf-8") as handle:
            for line in handle:
                text = strip_tags(line)
                if len(text) >= 30 and text[-1] in "。！？”":
                    paragraphs.append(text)
                if len(paragraphs) >= limit:
                    break
        for path in sorted(ARTICLES.glob("*.json")):
            article = json.loads(path.read_text(encoding="utf-8"))
            paragraphs.extend(p for s in article["sections"] for p in s["paragraphs"])
        self.paragraphs = paragraphs
        clauses = {c for p in paragraphs[:3000] for c in _CLAUSE.split(p)}
        self.clauses = sorted(c for c in clauses if _HAN_ONLY.match(c) and 4 <= len(c) <= 16)

    def paragraphs_from(self, rng: random.Random, count: int) -> list[str]:
        start = rng.randrange(0, len(self.paragraphs) - count)
        return self.paragraphs[start : start + count]

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        while True:
            clause = rng.choice(self.clauses)
            if low <= len(clause) <= high:
                return clause

    def name(self, rng: random.Random) -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
