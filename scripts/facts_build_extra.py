"""Build tests/fixtures/ood/dev_facts_extra.jsonl from its hand-written sheet.

The sheet (tests/fixtures/ood/sheets/dev_facts_extra.txt) holds numeric facts only, in the
format of the OOD sheets; this script reuses the OOD fixture's own builder
(tests/fixtures/ood/tools/build.py: offsets of the marked strings, People's Daily lines,
full-width punctuation of web texts) and never proposes an annotation.

    python scripts/facts_build_extra.py            # writes the JSONL
    python scripts/facts_build_extra.py --review   # also prints each document marked up
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OOD = ROOT / "tests" / "fixtures" / "ood"
SHEET = OOD / "sheets" / "dev_facts_extra.txt"
OUT = OOD / "dev_facts_extra.jsonl"


def _builder():
    spec = importlib.util.spec_from_file_location("ood_build", OOD / "tools" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build() -> list[dict]:
    b = _builder()
    docs = [b.build_doc(d, str(SHEET)) for d in b.parse_sheet(SHEET)]
    for doc in docs:
        if doc["entities"]:
            raise SystemExit(f"{SHEET}: {doc['id']}: this part holds facts only")
    return docs


def dump(docs: list[dict]) -> str:
    return "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs)


def main(argv: list[str]) -> int:
    docs = build()
    OUT.write_text(dump(docs), encoding="utf-8")
    if "--review" in argv:
        review = _builder().review
        for doc in docs:
            print(review(doc))
            print()
    print(f"dev_facts_extra: {len(docs)} documents, {sum(len(d['facts']) for d in docs)} facts",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
