"""The seed article (text extracted from its PDF) rebuilt exactly: the project's first case."""
from __future__ import annotations

import regex

from pipeline.ingest.text import read_text
from pipeline.repair import repair_lines
from tests.conftest import SEED_TEXT

HEADINGS = [
    "突出党建引领 为产改注入“匠心”活力",
    "壮大队伍建设 持续走深走实产改之路",
    "完善服务体系 全面提升产业工人福祉",
    "注重素质提升 助力产业工人赋能成长",
]
CAPTIONS = [
    "阿拉善高新区鼓励和支持产业工人提升学历，推动一线职工持证上岗率全面提升。",
    "阿拉善高新区企业创新工作室成员共同想办法解决生产问题。",
    "全国五一劳动奖章获得者焦兴利十几年如一日坚守在一线，示范引领效应不断扩大。",
]
CREDIT = "（本版图片由阿拉善高新区融媒体中心提供）"
# Each section's paragraphs, by their opening words, as read from the printed article.
PARAGRAPH_OPENINGS = {
    None: ["近年来，阿拉善高新技术产业开发区", "阿拉善高新区始建于1997年"],
    HEADINGS[0]: ["近年来，该高新区充分发挥", "这是阿拉善高新区突出", "在产改进程中", "在“产改”的路上",
                  "选派包联单位党组织", "近年来，阿拉善高新区工会", "此外，阿拉善高新区", "阿拉善高新区还不断优化",
                  "可看、可学、可用"],
    HEADINGS[1]: ["为建立鲜明的政策导向", "近年来，阿拉善高新区扎实开展", "在新冠肺炎疫情防控期间",
                  "为创建和谐劳动关系", "在此基础上"],
    HEADINGS[2]: ["“想要成为一名卓越"],
    HEADINGS[3]: ["近年来，阿拉善高新区注重", "阿拉善高新区持续深入", "与此同时"],
}
# Spaces printed inside slogans are genuine; any other space between Chinese characters is not.
GENUINE_SPACES = {"提质效 赋能", "党旗红 筑梦", "安全防线 献礼", "致敬劳动 夏送"}


def test_title_zone(seed_article):
    assert seed_article.kicker == "阿拉善高新区："
    assert seed_article.headline == "打好产改之路组合拳 筑牢由“工”变“匠”强磁场"
    assert seed_article.subheadline is None
    assert seed_article.byline == ["刘宏章", "杨占军", "赵小丽"]


def test_captions_credits_and_headings(seed_article):
    assert seed_article.captions == CAPTIONS
    assert seed_article.credits == [CREDIT]
    assert [s.heading for s in seed_article.sections] == [None, *HEADINGS]


def test_paragraphs_rebuilt_per_section(seed_article):
    for section in seed_article.sections:
        openings = PARAGRAPH_OPENINGS[section.heading]
        assert len(section.paragraphs) == len(openings), section.heading
        for paragraph, opening in zip(section.paragraphs, openings):
            assert paragraph.startswith(opening)
            assert regex.search(r"[。！？]”?$", paragraph), paragraph[-20:]


def test_no_stray_breaks_or_foreign_parts_inside_paragraphs(seed_article):
    paragraphs = [p for s in seed_article.sections for p in s.paragraphs]
    body = "\n".join(paragraphs)
    assert "非公党建指导员" in body and "第二幼儿园" in body and "“无假日医院”" in body
    for paragraph in paragraphs:
        assert "\n" not in paragraph
        for match in regex.finditer(r"\p{Han}.? .?\p{Han}", paragraph):
            assert any(g in paragraph[match.start() - 3 : match.end() + 3] for g in GENUINE_SPACES), match
        for foreign in [*HEADINGS, *CAPTIONS, CREDIT]:
            assert foreign not in paragraph


def test_every_printed_character_is_kept(seed_article):
    """Joins drop only line breaks: each repaired printed line is found whole in `text`."""
    lines = repair_lines(read_text(SEED_TEXT).pages[0].lines)
    for line in lines:
        printed = line.text.strip()
        if printed and not printed.startswith("□"):
            assert printed in seed_article.text, printed
    compact = regex.sub(r"\s", "", seed_article.text)
    assert len(compact) == sum(len(regex.sub(r"\s", "", l.text.lstrip("□"))) for l in lines)


def test_repairs_listed_with_offsets_into_text(seed_article):
    assert [(r.before, r.after) for r in seed_article.repairs] == [
        ("阿拉善高新区阿拉善高新区：：", "阿拉善高新区："),
        ("打好产改之路组合拳打好产改之路组合拳打好产改之路组合拳", "打好产改之路组合拳"),
        ("筑牢由筑牢由筑牢由“““工工工”””变变变“““匠匠匠”””强磁场强磁场强磁场", "筑牢由“工”变“匠”强磁场"),
    ]
    for repair in seed_article.repairs:
        assert seed_article.text[repair.start : repair.end] == repair.after
