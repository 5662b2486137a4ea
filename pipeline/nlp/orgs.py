"""What organisation names are made of, in general Chinese news usage (no article's vocabulary).

Used twice: to derive compound ORG training spans from People's Daily 1998 (whose copy has no
`[...]nt` brackets) and as features / rules at run time.
"""
from __future__ import annotations

import regex

# a token equal to one of these, or ending in one of the long ones, closes an organisation name
SUFFIX_WORDS = frozenset("""
中央 委员会 常委会 常务委员会 开发区 高新区 管委会 代表大会 人民代表大会 大会 协会 学会 联合会 总会 商会 同学会 基金会 研究会 促进会
理事会 董事会 议会 国会 参议院 众议院 议院 政府 人民政府 会议 全会 全体会议 党 共产党 政党 党委 党组 纪委 政协 人大
大学 学院 学校 中学 小学 军校 党校 科学院 研究院 研究所 研究中心 研究室 实验室 设计院 医院 卫生院 法院 检察院
人民法院 人民检察院 银行 储蓄所 信用社 公司 总公司 分公司 有限公司 集团 集团公司 交易所 事务所 中心 局 总局 部 厅
署 处 办 办公室 办公厅 委 所 站 队 军 军区 舰队 部队 司令部 总部 组织 联盟 同盟 联合国 共同体 电视台 电台 广播电台
报社 通讯社 杂志社 出版社 社 俱乐部 剧院 剧团 乐团 艺术团 歌舞团 博物馆 图书馆 纪念馆 工会 总工会 妇联 共青团 团委
合作社 厂 工厂 集团军 警察局 公安局 公安厅 海关 安理会 内阁 使馆 大使馆 领事馆 总领事馆 代表处 办事处
""".split())

# one-character endings of abbreviated organisation names (计委, 妇联, 欧盟, 北约, 中宣部, 越共)
ABBREV_ENDINGS = "委会联盟约部局院社协办所行党共署处台厅队团"

# multi-character abbreviations ending like an organisation but naming events or meetings
EVENT_ENDINGS = ("运会", "锦赛", "博会", "乒赛", "两会", "展会", "交会", "洽会", "奥会", "联赛", "杯赛")

# tokens that may open an organisation name although the dictionary calls them common nouns
HEAD_WORDS = frozenset("""
中国 全国 国家 中央 中共 国际 世界 亚洲 欧洲 非洲 人民 解放军 联合国 国务院 省 市 县 自治区 地区 民主 共产 特区 政协
""".split())

# country and region abbreviations printed as one character (中美, 中俄, 京沪, 粤港澳)
PLACE_ABBREVIATIONS = frozenset(
    "中美俄日英法德意加澳印巴以伊阿埃韩朝越泰菲马新缅柬老蒙哈吉塔乌土希葡西荷比瑞挪丹芬波捷匈罗保南"
    "古墨秘智委欧亚非拉港台京津沪渝冀晋辽黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕甘陇青宁疆")


_LONG_SUFFIXES = tuple(sorted(w for w in SUFFIX_WORDS if len(w) >= 2))


# local party and government bodies printed without their place (省委, 市政府, 县人大常委会)
LOCAL_BODY_RE = regex.compile(r"[省市县区州盟旗镇乡村](?:委|政府|人大|政协|人大常委会|纪委|委员会|党委|军区)")
# a country abbreviation + 军 is that country's armed forces (美军, 俄军, 日军)
ARMY_RE = regex.compile(r"[" + "".join(sorted(PLACE_ABBREVIATIONS)) + r"]军")
# a congress numbered like 十五大 / 十四大
CONGRESS_RE = regex.compile(r"[一二三四五六七八九十]+大")


def is_standalone_org(word: str) -> bool:
    return bool(LOCAL_BODY_RE.fullmatch(word) or ARMY_RE.fullmatch(word))


def is_suffix_word(word: str) -> bool:
    """委员会, 大学, 局 ... or a longer word ending in a multi-character suffix (研究中心, 农业银行)."""
    return word in SUFFIX_WORDS or (len(word) >= 3 and word.endswith(_LONG_SUFFIXES))


def is_org_abbreviation(word: str) -> bool:
    """A multi-character `j` (abbreviation) naming a body: 政协, 计委, 欧盟, 中宣部 (not 奥运会)."""
    if CONGRESS_RE.fullmatch(word):
        return True
    return len(word) >= 2 and word[-1] in ABBREV_ENDINGS and not word.endswith(EVENT_ENDINGS)


# after an organisation, a word ending like a department continues its name (公安部|消防局,
# 团中央|书记处, 欧盟|代表团) unless it is one of these common words
CONTINUATION_ENDINGS = "局处厅署院所委办部团"
NOT_CONTINUATIONS = frozenset("""
干部 全部 内部 外部 局部 东部 西部 南部 北部 中部 腹部 头部 本部 格局 结局 当局 大局 布局 全局 时局 好处 到处
住处 益处 长处 难处 之处 坏处 用处 场所 住所 厕所 处所 组织 集团 社团 剧团 乐团 兵团 军团 谜团 一团 住院 医院
常委 委员
""".split())


def is_continuation_word(word: str, tag: str) -> bool:
    """A word that, right after an organisation name, is part of it (消防局, 办公厅, 代表团)."""
    if tag not in ("n", "nt", "j") or len(word) < 2 or word in NOT_CONTINUATIONS:
        return False
    return is_suffix_word(word) or word[-1] in CONTINUATION_ENDINGS
