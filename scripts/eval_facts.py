"""Numeric facts: Recognizers-Text spec pass rates per file, and the seed fixture score.

Targets (issue 4): >= 98% of the Number, Percent, Currency and Dimension cases
their Python release supports; >= 90% of all NumberRange cases.  DateTime,
Age and Temperature are reported without a target.  `-v` lists failures.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.facts_recognizers_score import evaluate, format_rows  # noqa: E402
from scripts.facts_seed_score import score  # noqa: E402


def main(argv: list[str]) -> int:
    rows = evaluate()
    print("Recognizers-Text Chinese spec cases through extract_facts(strict_context=False)")
    print(format_rows(rows))
    if "-v" in argv:
        for r in rows:
            for f in r["failures"]:
                print(f"  FAIL {r['file']}: {f[:100]}")
    s = score()
    print()
    print(f"seed fixture (tuned on): {s['found']}/{s['expected']} facts right "
          f"(value, unit, approx, kind, role), {len(s['missing'])} missing, {len(s['wrong'])} wrong, "
          f"{len(s['extra'])} extra; subject right {s['subject_ok']}/{s['expected']} "
          f"({100 * s['subject_ok'] / s['expected']:.1f}%)")
    if "-v" in argv:
        for text, want, got in s["subject_misses"]:
            print(f"  SUBJECT {text}: want {want}, got {got!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
