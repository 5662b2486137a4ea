from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_TEXT = ROOT / "corpora" / "000_6bde4154404ab639.txt"
CORPUS = ROOT / "data" / "199801.txt"
OOD = FIXTURES / "ood"


@pytest.fixture(scope="session")
def seed_document():
    """The seed article run through every stage (text input)."""
    from pipeline.stages import Options, process

    return process(SEED_TEXT, SEED_TEXT.name, Options(corrections=None))


@pytest.fixture(scope="session")
def seed_article(seed_document):
    assert len(seed_document.articles) == 1
    return seed_document.articles[0]


def require_corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip("People's Daily 1998 corpus missing: run `make corpus` (make test does)")
    return CORPUS


def load_ood(part: str) -> list[dict]:
    """The documents of one hand-annotated out-of-domain set (`tests/fixtures/ood/PART.jsonl`)."""
    path = OOD / f"{part}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
