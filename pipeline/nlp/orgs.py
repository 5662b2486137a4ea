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
红十字会 十字会 分行 支行 总行 商行 储蓄所 幼儿园 托儿所 人民军 空军 海军 陆军 红军 联军 国防军 边防军 政府军
解放军 武警 议事会 立法会 执委会 组委会 欧委会 证监会 奥委会 居委会 村委会 监事会 分会 联谊会 互助会
分局 支局 邮局 总署 警署 分院 分校 分社 总社 支队 大队 总队 中队 分队 财团 兵团 使团 政党 画院 棋院
""".split())

# one-character endings of abbreviated organisation names (计委, 妇联, 欧盟, 北约, 中宣部, 越共)
ABBREV_ENDINGS = "委会联盟约部局院社协办所行党共署处台厅队团"

# multi-character abbreviations ending like an organisation but naming events or meetings
EVENT_ENDINGS = ("运会", "锦赛", "博会", "乒赛", "两会", "展会", "交会", "洽会", "奥会", "联赛", "杯赛")

# tokens that may open an organisation name although the dictionary calls them common nouns
HEAD_WORDS = frozenset("""
中国 全国 国家 中央 中共 国际 世界 亚洲 欧洲 非洲 人民 解放军 联合国 国务院 省 市 县 自治区 地区 民主 共产 特区 政协
众议院 参议院 众院 参院 国会 议会 人民军
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


# a party is named by one word (国民党, 社会民主党, 工党), an agency by its function (地震局,
# 审计署): both are names even without a place before them (departments 宣传部, 指挥部 are not)
PARTY_RE = regex.compile(r"\p{Han}{2,8}党|工党")
DEPARTMENT_RE = regex.compile(r"\p{Han}{2,8}[局署]")


def is_standalone_org(word: str) -> bool:
    if LOCAL_BODY_RE.fullmatch(word) or ARMY_RE.fullmatch(word):
        return True
    if word in NOT_HEADS or word[-2:] in NOT_HEADS or word in SUFFIX_WORDS:
        return False
    return bool(PARTY_RE.fullmatch(word) or DEPARTMENT_RE.fullmatch(word))


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


# the last character of words that name a kind of body (工商局, 管理所, 歌舞团, 考察组, 人事处);
# 会 行 台 站 馆 军 盟 are left to SUFFIX_WORDS (社会, 进行, 舞台, 车站, 宾馆, 冠军 ...)
HEAD_ENDINGS = "局所院团署校队部厅处办委社组司党"
# common words with those endings that name no body: directions and body parts (东部, 腹部),
# situations (格局, 当局), places in a building (大厅, 厕所), ranks and roles (少校, 政委, 常委),
# groups of things (机组, 星团), verbs used as nouns (部署, 重组), pronoun-like wholes (全党, 我校)
NOT_HEADS = frozenset("""
当局 格局 全局 大局 布局 政局 僵局 结局 开局 棋局 时局 残局 定局 骗局 赌局 饭局 战局 变局 终局 出局 危局 胜局
败局 困局 场所 哨所 厕所 住所 寓所 公共场所 庇护所 隐藏所 处所 会所 居所 住院 全院 庭院 大院 小院 宅院 寺院
筒子院 家属院 四合院 影院 电影院 戏院 社团 星团 星系团 全团 蒲团 疑团 谜团 一团 面团 线团 名团 部署 签署 高校
院校 大专院校 高等院校 全校 母校 建校 在校 薄弱校 示范校 少校 中校 上校 大校 军队 球队 车队 乐队 连队 全队 编队
方队 排队 梯队 团队 插队 站队 领队 带队 归队 入队 干部 村干部 机关干部 局部 头部 全部 内部 外部 东部 西部 南部
北部 中部 腹部 背部 胸部 面部 脸部 脚部 腰部 根部 顶部 底部 上部 下部 前部 后部 尾部 肺部 颈部 腿部 手部 足部
臀部 肩部 胃部 眼部 脑部 细部 西南部 东南部 西北部 东北部 中西部 中南部 中东部 大部 一部 每部 各部 该部 本部
大厅 餐厅 客厅 展厅 演播厅 宴会厅 歌厅 门厅 售票厅 瞻仰厅 游戏厅 起居厅 生平厅 歌舞厅 茶厅 按摩厅 营业厅 影厅
舞厅 音乐厅 好处 住处 去处 益处 长处 入口处 交界处 细微处 出处 底处 路口处 到处 难处 短处 坏处 用处 深处 远处
近处 各处 此处 何处 别处 之处 高处 低处 一处 某处 通讯处 临时代办 帮办 常委 评委 政委 编委 茶社 小组 机组
核电机组 发电机组 基因组 班组 村组 电池组 男子组 女子组 甲组 乙组 业余组 高中组 初中组 小学组 中学组 绕组 队组
重组 改组 分组 编组 官司 上司 顶头上司 全党 我党 入党 建党 反党 反对党 在野党 执政党 我校 本校 该校 我所
本所 该所 我局 本局 该局 我部 我院 本院 该院 我团 该团 我队 该队 我处 该处 我社 本社 该社 我委 该委
""".split())


def is_head_word(word: str, pos: str) -> bool:
    """A word that closes an organisation name: a SUFFIX_WORDS word (委员会, 大学, 红十字会) or a
    noun of three or more characters ending like a kind of body (工商局, 管理所, 歌舞团, 考察组,
    政务司) that is not a common word (统揽全局, 公共场所, 西南部)."""
    if pos not in ("n", "Ng", "nz", "vn", "nt", "j", "l"):
        return False
    if is_suffix_word(word):
        return True
    return (len(word) >= 3 and word[-1] in HEAD_ENDINGS and word not in NOT_HEADS
            and word[-2:] not in NOT_HEADS and pos != "vn")


# heads of descriptions rather than names (国际组织, 恐怖组织, 各国政府) unless a level of
# government opens them (中央政府, 市政府)
GENERIC_HEADS = frozenset("组织 政府 机构 团体 部门 单位".split())
LEVEL_WORDS = frozenset("中央 省 市 县 区 州 乡 镇 特区 自治区".split())
_PROPER_TAGS = frozenset("ns nt nz nr j nx".split())
_COMMON_TAGS = frozenset("n vn v a b d f an Ng".split())


def is_description(words: list[tuple[str, str]]) -> bool:
    """Common words only, closed by a generic head or opened by no head word: a description of
    bodies (国际组织, 政府组织, 委员会会议), not the name of one."""
    if len(words) < 2 or any(t in _PROPER_TAGS or t not in _COMMON_TAGS for _, t in words):
        return False
    if words[-1][0] in GENERIC_HEADS:
        return words[0][0] not in LEVEL_WORDS
    return not any(w in HEAD_WORDS for w, _ in words)
