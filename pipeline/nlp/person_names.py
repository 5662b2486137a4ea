"""Is a tagger PERSON span shaped like a person's name?  Character statistics of the names in
People's Daily 1998 (resources/name_chars.txt, built by scripts/build_seg_dict.py from the
training split): how often a character (or two-character surname) opens a Chinese name, sits in a
given name, appears in a one-word foreign name, and appears at all.

The tagger sometimes reads an ordinary verb or noun phrase as a name where the context looks like
one (a headline, a quoted slogan): a verb after a character that can be a surname (X送), a phrase
that opens on no surname at all (建成, 大练兵).  A Han-only span is kept when it opens on a
surname and its given name is made of characters that names use, or when its characters are
ones that transliterated foreign names use; names the corpus itself tags nr are always kept.
"""
from __future__ import annotations

import functools
from pathlib import Path

import regex

NAME_CHARS = Path(__file__).resolve().parent.parent / "resources" / "name_chars.txt"
MIN_SURNAME_SHORT = 3  # a two-character span needs a surname seen this often
MIN_GIVEN = 2          # uses in given names before a character counts as a name character
MIN_FOREIGN = 3        # uses in foreign names before a character counts as a transliteration one
COMMON = 50            # a character this frequent that names never use marks a common word
_HAN_ONLY = regex.compile(r"\p{Han}+")


@functools.lru_cache(maxsize=1)
def name_chars(path: Path = NAME_CHARS) -> dict[str, tuple[int, ...]]:
    table: dict[str, tuple[int, ...]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 5:
                table[parts[0]] = tuple(int(x) for x in parts[1:])
    return table


def _row(table: dict, key: str) -> tuple[int, ...]:
    return table.get(key, (0, 0, 0, 0))


def _plain(table: dict, ch: str) -> bool:
    """A frequent character that no given or foreign name uses (送, 提, 企)."""
    surname, given, foreign, total = _row(table, ch)
    return given < MIN_GIVEN and foreign < MIN_FOREIGN and total >= COMMON


def _transliterating(table: dict, ch: str) -> bool:
    """A character foreign names use, and not mainly elsewhere (斯, 尔, 克; not 大, 中)."""
    _, _, foreign, total = _row(table, ch)
    return foreign >= MIN_FOREIGN and (foreign * 50 >= total or foreign >= 30)


def looks_like_name(name: str) -> bool:
    """False for a Han-only span that opens on no surname and is no transliteration, or whose
    given name is mostly characters names never use.  Other spans (·, Latin) are not judged."""
    table = name_chars()
    if not table or not _HAN_ONLY.fullmatch(name) or len(name) < 2:
        return True
    foreign = sum(1 for c in name if _transliterating(table, c))
    if foreign == len(name) or (len(name) >= 4 and foreign >= len(name) - 1):
        return True  # 叶利钦, 布什
    if len(name) >= 3 and _row(table, name[:2])[0] >= 1:
        given = name[2:]  # 欧阳, 司马
    elif _row(table, name[0])[0] >= (MIN_SURNAME_SHORT if len(name) == 2 else 1):
        given = name[1:]
    else:
        return False
    plain = sum(1 for c in given if _plain(table, c))
    if len(given) >= 3:  # a single surname before three characters: a phrase unless all fit
        return plain == 0
    return 2 * plain < len(given) or (len(given) == 2 and plain == 1 and not _plain(table, given[0]))
