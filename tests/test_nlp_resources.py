"""No vocabulary lifted from the seed article: every word list, rule string and dictionary the NLP
stage ships holds no phrase that is in the seed article but not in People's Daily 1998."""
from __future__ import annotations

import ast
import gzip
from pathlib import Path

import pytest
import regex

from tests.conftest import ROOT, SEED_TEXT, require_corpus

NLP_DIR = ROOT / "pipeline" / "nlp"
RESOURCES = ROOT / "pipeline" / "resources"
_HAN_RUN = regex.compile(r"\p{Han}{2,}")
_HAS_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"[0-9０-９]")


@pytest.fixture(scope="module")
def texts():
    require_corpus()
    from pipeline.corpus import iter_plain_lines
    seed = "".join(SEED_TEXT.read_text(encoding="utf-8").split())
    corpus = "\n".join(iter_plain_lines())
    return seed, corpus


def _seed_only(phrases, seed: str, corpus: str) -> list[str]:
    """Phrases with a Han character found in the seed but nowhere in the corpus (numbers with
    units are not vocabulary: the corpus prints digits full-width, the seed half-width)."""
    return sorted({p for p in phrases
                   if len(p) >= 2 and _HAS_HAN.search(p) and not _DIGIT.search(p)
                   and p in seed and p not in corpus})


def _source_phrases(path: Path) -> set[str]:
    """Every string constant's whitespace-separated items and Han runs."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.update(node.value.split())
            out.update(_HAN_RUN.findall(node.value))
    return out


def test_rule_and_word_lists_in_nlp_code(texts):
    seed, corpus = texts
    for path in sorted(NLP_DIR.glob("*.py")):
        assert _seed_only(_source_phrases(path), seed, corpus) == [], path.name


def test_dictionaries_in_resources(texts):
    seed, corpus = texts
    for path in sorted(RESOURCES.rglob("*.txt")) + sorted(RESOURCES.rglob("*.txt.gz")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            words = {line.split()[0] for line in handle if line.strip()}
        assert _seed_only(words, seed, corpus) == [], path.name


def test_the_check_catches_a_seed_phrase(texts, tmp_path):
    seed, corpus = texts
    sample = tmp_path / "lists.py"
    sample.write_text('WORDS = "额济纳旗 北京"\nPATTERN = r"(?:五新化工|清华)"\n', encoding="utf-8")
    assert _seed_only(_source_phrases(sample), seed, corpus) == ["五新化工", "额济纳旗"]
