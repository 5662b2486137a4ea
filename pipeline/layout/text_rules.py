"""Small pure predicates over printed lines, shared by the text and PDF layouts."""
from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Optional

import regex

from pipeline.document import Line, Piece

# A sentence ends in 。！？… (possibly followed by closing quotes/brackets), or ；at a clause end.
SENTENCE_END = regex.compile(r"[。！？!?…][”’」』）)\]]*\s*$")
BYLINE = regex.compile(
    r"^\s*(?:[□■◇◆●○]\s*|(?:本报|新华社)?(?:特约)?(?:记者|通讯员|撰稿|文[/／:：])\s*)"
)
TRAILING_BYLINE = regex.compile(r"^[（(]\s*(?:本报)?(?:记者|通讯员)[^）)]{2,40}[）)]$")
CREDIT = regex.compile(
    r"^[（(]?\s*(?:本版|本期|本文|图片|照片|图|摄影|责任编辑|责编|编辑|校对|美编|版式)"
    r"[^。！？]{0,40}?(?:提供|供图|摄|编辑|校对|设计|制图)?\s*[）)]?$"
)
CAPTION_CUE = regex.compile(r"^(?:图为|上图|下图|左图|右图|图[一二三四五六七八九十\d]|[▲△↑↓←→])|(?:摄|供图)[）)]?$")
HAN = regex.compile(r"\p{Han}")
# `（下转第2版）`, `（上接第一版）`, `(转A3版)`: where an article goes on or came from.
JUMP = regex.compile(r"^[（(]\s*(下转|转至|转|上接|接)\s*(?:第)?\s*([0-9０-９一二三四五六七八九十〇A-Z]+)\s*版\s*[）)]$")
CN_NUMERALS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}
NAME_SPLIT = regex.compile(r"[\s、，,　]+")
NAME_LENGTH = 8  # characters: the longest name in a byline (transliterated names run long)
PUNCTUATION = regex.compile(r"[\p{P}--[·・•]]", flags=regex.V1)
BYLINE_ROLE = regex.compile(r"(?:本报|新华社)?(?:特约)?(?:记者|通讯员|撰稿|文[/／:：])")


def width(text: str) -> float:
    """Printed width in em: CJK and full-width characters are 1, the rest are 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text.strip())


def column_width(texts: list[str]) -> float:
    """The most common line width: the width that lines cut by the column have."""
    widths = Counter(round(width(t)) for t in texts if width(t) >= 6)
    if not widths:
        return 0.0
    best = max(widths.items(), key=lambda item: (item[1], item[0]))[0]
    return float(best)


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def is_byline(text: str) -> bool:
    """`本报记者 张三 李四`, `□王五`: a role or mark, then names (short, without punctuation)."""
    names = byline_names(text)
    return bool(BYLINE.match(text)) and bool(names) and not ends_sentence(text) and \
        all(len(n) <= NAME_LENGTH and not PUNCTUATION.search(n) for n in names)


def byline_names(text: str) -> list[str]:
    """`□刘宏章 杨占军 赵小丽` -> [刘宏章, 杨占军, 赵小丽]; role words dropped."""
    body = text.strip().strip("（）()")
    body = regex.sub(r"^[□■◇◆●○]", "", body)
    body = BYLINE_ROLE.sub(" ", body)
    return [name for name in NAME_SPLIT.split(body) if HAN.search(name)]


def is_credit(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= 48 and bool(CREDIT.match(stripped)) and (
        stripped.startswith(("（", "(")) or "编辑" in stripped or "摄" in stripped
    )


def is_caption_cue(text: str) -> bool:
    return bool(CAPTION_CUE.search(text.strip()))


def is_heading_like(text: str, column: float) -> bool:
    """A short standalone line with no sentence punctuation: a section heading."""
    stripped = text.strip()
    if not stripped or not HAN.search(stripped):
        return False
    if regex.search(r"[。，；：、！？,;:]$", stripped) or regex.search(r"[。，；！？]", stripped):
        return False
    w = width(stripped)
    return 3 <= w <= max(column + 4, 16)


def byline_pieces(line: Line) -> list[Piece]:
    """The byline's names as pieces, each with the boxes of its own characters."""
    pieces, cursor = [], 0
    for name in byline_names(line.text):
        at = line.text.index(name, cursor)
        cursor = at + len(name)
        boxes = line.boxes[at:cursor] if line.boxes is not None else None
        pieces.append(Piece(name, line.page, boxes))
    return pieces


def jump_marker(text: str) -> Optional[tuple[str, str]]:
    """("to" | "from", page label as a number string when it is one) for a jump line."""
    m = JUMP.match(text.strip().replace(" ", ""))
    if not m:
        return None
    return ("from" if m.group(1) in ("上接", "接") else "to"), page_number_label(m.group(2))


def page_number_label(label: str) -> str:
    """`第二版`/`二`/`2`/`２` -> `2`; other labels (`A3`) unchanged."""
    label = label.strip().replace("第", "").replace("版", "").replace(" ", "")
    label = unicodedata.normalize("NFKC", label)
    if label.isdigit():
        return str(int(label))
    if label and all(ch in CN_NUMERALS or ch == "十" for ch in label):
        if "十" in label:
            tens, _, units = label.partition("十")
            return str((CN_NUMERALS.get(tens, 1) if tens else 1) * 10 + (CN_NUMERALS.get(units, 0) if units else 0))
        return str(int("".join(str(CN_NUMERALS[ch]) for ch in label)))
    return label
