"""Text layout rules on small real-shaped pages (the seed has its own test module)."""
from __future__ import annotations

from pipeline.document import Line
from pipeline.layout.text_layout import layout_text
from pipeline.repair import repair_lines


def lay(text: str):
    return layout_text(repair_lines([Line(l) for l in text.split("\n")]))


def test_plain_headline_subheadline_and_trailing_byline():
    draft = lay(
        "引黄灌区今年节水一成\n"
        "——全市推广滴灌技术纪实\n"
        "\n"
        "　　本报讯 今年以来，全市新增高效节水灌溉面积12万亩，\n"
        "比上年增长10.5%。\n"
        "　　据介绍，项目总投资3.2亿元。\n"
        "\n"
        "（记者 王芳 通讯员 李强）"
    )
    assert draft.kicker is None
    assert draft.headline.text == "引黄灌区今年节水一成"
    assert draft.subheadline.text == "——全市推广滴灌技术纪实"
    assert [p.text for p in draft.byline] == ["王芳", "李强"]
    assert [p.text for p in draft.sections[0].paragraphs] == [
        "本报讯 今年以来，全市新增高效节水灌溉面积12万亩，比上年增长10.5%。",
        "据介绍，项目总投资3.2亿元。",
    ]


def test_kicker_before_fake_bold_headline_and_column_break_inside_a_word():
    draft = lay(
        "聚焦两会聚焦两会：：\n"
        "\n"
        "代表委员热议民生代表委员热议民生\n"
        "\n"
        "□本报记者 张三\n"
        "\n"
        "今年的政府工作报告提出，要持续推进非公党建指\n"
        "\n"
        "导员队伍建设，全年新增就业岗位一千余个，受到\n"
        "代表委员的广泛关注。\n"
    )
    assert draft.kicker.text == "聚焦两会："
    assert draft.headline.text == "代表委员热议民生"
    assert [p.text for p in draft.byline] == ["张三"]
    [paragraph] = draft.sections[0].paragraphs
    assert "非公党建指导员队伍建设" in paragraph.text and paragraph.text.endswith("广泛关注。")


def test_caption_by_cue_and_by_width_and_a_heading_between_paragraphs():
    draft = lay(
        "新城建设提速\n"
        "\n"
        "今年以来，新城建设项目全面开工，共计二十个项目\n"
        "进入施工阶段，完成投资十二亿元，带动就业三千\n"
        "余人。\n"
        "\n"
        "图为工人在施工现场作业。 新华社记者 李明 摄\n"
        "\n"
        "产业集聚 动能强劲\n"
        "\n"
        "新城还引进了一批高新技术企业，产业集聚效应\n"
        "初步显现。\n"
        "\n"
        "（本版图片均由新城管委会提供）"
    )
    assert [p.text for p in draft.captions] == ["图为工人在施工现场作业。 新华社记者 李明 摄"]
    assert [s.heading.text if s.heading else None for s in draft.sections] == [None, "产业集聚 动能强劲"]
    assert draft.sections[1].paragraphs[0].text == "新城还引进了一批高新技术企业，产业集聚效应初步显现。"
    assert [p.text for p in draft.credits] == ["（本版图片均由新城管委会提供）"]


def test_displaced_heading_is_placed_before_its_paragraph():
    draft = lay(
        "园区发展纪实\n"
        "\n"
        "园区今年共引进企业十二家，实现产值二十亿元，\n"
        "同比增长百分之十二。\n"
        "\n"
        "园区着力培育技能人才队伍，开展职业技能培训，\n"
        "全年培训职工三千人次。\n"
        "\n"
        "培育技能人才 夯实发展基础"
    )
    assert [s.heading.text if s.heading else None for s in draft.sections] == [None, "培育技能人才 夯实发展基础"]
    assert draft.sections[1].paragraphs[0].text.startswith("园区着力培育技能人才队伍")


def test_latin_words_across_a_line_break_keep_a_space():
    from pipeline.document import Piece

    piece = Piece.from_lines([Line("新华社北京电 the quick brown"), Line("fox jumps，全文"), Line("完。")])
    assert piece.text == "新华社北京电 the quick brown fox jumps，全文完。"


def test_a_number_broken_across_lines_is_joined_without_space():
    from pipeline.document import Piece

    assert Piece.from_lines([Line("力争到20"), Line("25年实现")]).text == "力争到2025年实现"
