"""Named platforms, enterprises, projects and institutions, with every mention's span.

Names are found three ways, all on ``matching_text`` so spans hold in the original:
a suffix (科技城, 产业园, 有限公司, 项目 ...) with the name's start found by walking back
over jieba words until a verb, preposition, particle or punctuation; enumerations with a
cue (``以A、B等为代表的``, ``A、B等企业``, ``A、B等N个项目``); and the gazetteer of well-known
Hangzhou platforms.  Forms of one entity within an article are then merged (city prefix,
parenthesised district, a parent platform's name in front, shared distinctive characters
of a company's short and registered names), the fullest form becoming the canonical name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from loaders.extract.quantities import parse_number
from loaders.extract.regions import Lexicon, region_prefix, regions
from loaders.extract.segment import Segmented, data_lines, pos_tags, word_frequency
from loaders.extract.words import contains, longest_first, strip_end, strip_start
from loaders.records import Entity, Mention

CJK = r"\u4e00-\u9fff"
NAME_CHAR = re.compile(rf"[{CJK}A-Za-z0-9·](?<!丨)")
QUOTES = "“”\"'‘’「」"
CITY_PREFIX = longest_first("浙江省", "浙江", "杭州市", "杭州")
LEGAL_SUFFIX = longest_first("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司")
PAREN_TAIL = re.compile(r"\([^()]{1,8}\)$")

# (suffix, entity kind, platform kind, shortest prefix).  Longest suffixes are tried first.
SUFFIXES = (
    ("经济技术开发区", "platform", "zone", 2), ("经济开发区", "platform", "zone", 2),
    ("开发区", "platform", "zone", 2), ("高新区", "platform", "zone", 2),
    ("经开区", "platform", "zone", 2), ("开区", "platform", "zone", 1),
    ("科技城", "platform", "zone", 2), ("科学城", "platform", "zone", 2), ("智慧城", "platform", "zone", 2),
    ("新区", "platform", "zone", 2), ("新城", "platform", "zone", 2), ("片区", "platform", "zone", 2),
    ("示范区", "platform", "zone", 2), ("集聚区", "platform", "zone", 2), ("试验区", "platform", "zone", 2),
    ("综合保税区", "platform", "zone", 2), ("保税区", "platform", "zone", 2),
    ("先进制造业基地", "platform", "zone", 2), ("制造业基地", "platform", "zone", 2),
    ("智造城", "platform", "zone", 2), ("创新城", "platform", "zone", 2), ("科创城", "platform", "zone", 2),
    ("未来城", "platform", "zone", 2), ("创意城", "platform", "zone", 2), ("生态城", "platform", "zone", 2),
    ("大走廊", "platform", "corridor", 2), ("走廊", "platform", "corridor", 3),
    ("产业社区", "platform", "park", 2), ("产业园区", "platform", "park", 2),
    ("产业园", "platform", "park", 2), ("特别合作区", "platform", "park", 2),
    ("合作区", "platform", "park", 2), ("特别合作园", "platform", "park", 2),
    ("合作园", "platform", "park", 2), ("产业平台", "platform", "park", 4),
    ("小镇", "platform", "park", 2), ("园区", "platform", "park", 2),
    ("区块", "platform", "park", 2), ("板块", "platform", "park", 2),
    ("谷", "platform", "park", 2), ("园", "platform", "park", 2),
    ("孵化器", "platform", "incubator", 2), ("加速器", "platform", "incubator", 2),
    ("股份有限公司", "enterprise", None, 2), ("有限责任公司", "enterprise", None, 2),
    ("集团有限公司", "enterprise", None, 2), ("有限公司", "enterprise", None, 2),
    ("集团", "enterprise", None, 2), ("基金", "enterprise", None, 2),
    ("管理委员会", "institution", None, 2), ("管委会", "institution", None, 2),
    ("大学", "institution", None, 2), ("学院", "institution", None, 2),
    ("研究院", "institution", None, 2), ("研究所", "institution", None, 2),
    ("实验室", "institution", None, 2), ("创新中心", "institution", None, 2),
    ("交易所", "institution", None, 2), ("局", "institution", None, 2), ("国际机场", "institution", None, 2),
    ("公司", "enterprise", None, 2),
    ("项目", "project", None, 4), ("基地", "project", None, 4), ("工程", "project", None, 4),
)
SUFFIX_INFO = {s: (kind, pkind, n) for s, kind, pkind, n in SUFFIXES}
SUFFIX_RE = re.compile("(?=(" + "|".join(sorted(SUFFIX_INFO, key=len, reverse=True)) + "))")
# A single-character suffix right after these characters is part of a common word
# (公园, 校园, 硅谷, 山谷): not a platform.
NOT_BEFORE_SINGLE = set("公花校家乐田庭陵菜果庄物儿游硅山峡低深河幽乐茶")
# Words after a suffix that show the suffix was a modifier (大平台战略, 园区企业).
LIST_AFTER = re.compile(r"(?:培育|创建|建设|试点|示范)?名单")
NOT_AFTER = longest_first("战略", "体系", "模式", "理念", "思路", "建设者", "企业", "内的企业")
STOP_TAGS = {"v", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "m", "q",
             "f", "t", "y", "e", "o", "vd", "ad", "mq", "tg", "rr", "rz", "k", "h", "l", "i"}
# Registered company, project and institution names contain verbs and numbers (星澜医疗,
# 研发与生产基地, 一期项目), so only particles, prepositions and pronouns end them.
LOOSE_STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "y", "e", "o", "rr", "rz"}
# Characters that end a name when jieba has glued them to the next word (及滨, 以星河).
HARD_STOP_CHARS = set("的及与和在将把被向从对为是以于了等")
NAME_OK = {"未来", "新"}
NON_NAME = re.compile(rf"[^{CJK}A-Za-z0-9·]|丨")
HARD_STOP_RE = re.compile("[" + "".join(sorted(HARD_STOP_CHARS)) + "]")
PHASE = re.compile(r"[一二三四五六七八九十0-9]+期")
ENDS_LIKE_NAME = longest_first("基地", "项目", "中心", "园")
PARENS = re.compile(r"\([^()]*\)")
COUNT_AFTER = re.compile(r"[^,，。；;、]{0,4}?[0-9一二三四五六七八九十两百千万余多]+[个项家]")
COUNT_BEFORE = re.compile(r"[0-9][个项家]$")
PLACE_IN_PARENS = re.compile(r"\(([\u4e00-\u9fff]{1,4})\)")
DIGIT = re.compile(r"[0-9]")
ZONE_END = re.compile(r"(?:开发区|高新区|经开区|开区|科技城|新区|智慧城|片区|新城)(?:\([^()]*\))?$")
CATEGORY_END = longest_first("类", "型", "方面", "领域", "行业", "产业", "板块")
PROJECT_END = longest_first("项目", "基地", "工程", "中心", "建设", "改扩建", "改造")
INSTITUTION_END = longest_first("研究院", "研究所", "大学", "学院", "实验室", "局", "委员会", "管委会")
ALL_CJK = re.compile(r"[\u4e00-\u9fff]+")
COMPANY_TYPES = {"集团", "科技", "股份", "控股", "实业", "公司"}
PROJECT_NAME_MAX = 32
AFTER_AMOUNT = re.compile(r"[0-9][万千亿]?[\u4e00-\u9fff]$")   # 36万片12英寸: a second measure
EACH = re.compile(r"各[大类个项级]|多个|一批")
PARTNER_END = longest_first("区", "城", "镇", "公司", "集团", "大学", "学院", "政府")   # 高新区与浙江大学共建的…: two partners
PARK_VERBS = {"创新", "创业", "创意", "孵化", "研发", "智造", "制造", "转化"}
CAPACITY_WORDS = ("年产", "新增", "年处理")   # 年产60万套…项目: the capacity is part of the name
# A registered company name opening a project's name: the company is named in full there.
REGISTERED_HEAD = re.compile(r"^(.{4,24}?(?:股份有限公司|有限责任公司|集团有限公司|有限公司))(?=.{2,})")
# What is done to a named project (引进X项目, 签约X项目): with it, a short name before 项目 is a name.
PROJECT_VERB_BEFORE = re.compile(r"(?:引进|签约|签下|落户|落地|开工|投产|竣工|建设|实施|推进|启动|招引|新建|续建|动工)了?$")
PROJECT_TIME = re.compile(r"季度|[0-9一二三四]+年|[0-9]+月|今年|去年|明年")
NOT_BEFORE_BUREAU = set("格布开结大全当出僵新变时政残棋赌饭破定终战胜")
NOT_BEFORE_COMPANY = set("市子分母总该家本其各此该")
GOVERNMENT_HEAD = longest_first("管委会", "管理委员会", "市", "区", "县", "省", "科技城", "开发区", "高新区", "经开区", "新区")
CONTRACT_WITH = re.compile(rf"与([{CJK}]{{2,8}}?)(?:正式|成功|顺利)?(?:签约|签订|签署)")
COUNTERS = {"个", "家", "项", "批", "座", "条", "名", "人", "次", "台"}
PAREN_ALIAS = re.compile(r"\(([^()]{2,20}?(?:开发区|高新区|科技城|新区|园区|产业园))\)")
PROVINCE = re.compile(r"^浙江省?(?=杭州)")
COUNTED_BEFORE = re.compile(r"[0-9一二两三四五六七八九十几]+[个大家座]$")
SCOPE = longest_first("全省", "全市", "全国", "全区", "各地", "各类", "多个", "一批")
GENERIC_END = longest_first("国家级", "省级", "市级", "区级", "县级", "全国", "全省")
# A level or grade inside a platform or institution name makes it an honour or a class
# (浙江省级特色小镇, 浙江省5A级特色小镇, 省级重点实验室), and a verb inside makes it a
# clause (小镇新增浙江省企业研究院, 与浙江大学共建金融科技实验室).
LEVEL_INSIDE = re.compile(r"国家级|省级|市级|区级|县级|[0-9一二三四五A]A级")
VERB_INSIDE = longest_first("新增", "共建", "联合", "引进", "签约", "落户", "入驻", "投资了", "设立", "来自")
CLAUSE_INSIDE = re.compile(r"(?:实验室|小镇|园区|产业园|基地|大学)(?:到|带来|承载|扩建|已是|成为)|已是|带来")
SHORT_NAME = re.compile(r"\((?:以下)?简称[“\"]?([^”\")]{2,10})[”\"]?\)")
ORDINAL_COUNT = re.compile(r"^[一二三四五六七八九十两几]+大?$")
# Verbs that registered names contain (杭州启航创业服务有限公司, XX建设集团).
IN_COMPANY_NAMES = {"服务", "发展", "建设", "创新", "培育"}
NOT_A_PROJECT = re.compile(r"(?:重点|重大|示范|试点|标杆|优质|人才|好)项目$|(?:省内|市内|区内|境内|境外|国内|海外)项目$")
ENUM_RE = re.compile(r"(?:[^\s、,，。；;：:！？!?“”()]{1,30}、){1,15}[^\s、,，。；;：:！？!?“”()等]{2,20}等$")
ENUM_CUE = re.compile(r"^(?:为代表|[^,，。；;]{0,12}?(?:企业|公司|集团)|纷纷|一批"
                      r"|[0-9一二三四五六七八九十两]*个?[^,，。；;]{0,10}?项目)")
PROJECT_CUE = re.compile(r"^[0-9一二三四五六七八九十两]*个?[^,，。；;]{0,10}?项目")
ZONE_OPEN = re.compile(r"^[^\s,，。]{2,12}?(?:经济技术开发区|经济开发区|高新技术产业开发区|开发区|高新区|经开区|新区|科技城)")
TITLE_LEVEL = longest_first("国家级", "省级", "市级", "区级", "县级", "国家", "全国", "全省")
DESIGNATION_VERB = re.compile(r"跻身|入选|被评为|获评|荣获|被认定为|被列为")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The word lists of loaders/data, read once."""
    lists = {name: frozenset(data_lines(f"{name}.txt"))
             for name in ("stopwords", "generic_prefixes", "industry_words", "company_words")}
    lists["regions"] = frozenset(regions())
    return lists


@dataclass(frozen=True)
class GazEntry:
    """A well-known platform: its kind, parent corridor, district and other names."""

    name: str
    kind: str
    parent: str | None
    district: str | None
    aliases: tuple[str, ...]
    short: tuple[str, ...]


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, GazEntry]:
    """Every name, alias and short form of the gazetteer, mapped to its entry."""
    table: dict[str, GazEntry] = {}
    for line in data_lines("platforms.tsv")[1:]:
        cols = (line.split("\t") + [""] * 6)[:6]
        entry = GazEntry(cols[0], cols[1], cols[2] or None, cols[3] or None,
                         tuple(a for a in cols[4].split("|") if a), tuple(a for a in cols[5].split("|") if a))
        for form in (entry.name, *entry.aliases, *entry.short):
            table[form] = entry
    return table


@lru_cache(maxsize=1)
def gazetteer_lexicon() -> Lexicon:
    """Every gazetteer form and region name, found longest first."""
    return Lexicon(set(gazetteer()) | set(word_lists()["regions"]))


@dataclass
class Cand:
    """A candidate mention before forms are merged into entities."""

    kind: str
    start: int
    end: int
    key: str                       # the name without quotes, from the matching text
    pkind: str | None = None
    gaz: GazEntry | None = None
    how: str = "suffix"
    declared_for: str | None = None    # X(以下简称“Y”): Y's candidates carry X's key


_NO_QUOTES = str.maketrans("", "", QUOTES)


def strip_quotes(s: str) -> str:
    """The name without quotation marks (“双碳”产业园 -> 双碳产业园)."""
    return s.translate(_NO_QUOTES)


@lru_cache(maxsize=65536)
def is_stop(piece: str, kind: str = "platform") -> bool:
    """True when a word cannot be part of a name that follows it."""
    lists = word_lists()
    if piece in NAME_OK or kind == "enterprise" and piece in IN_COMPANY_NAMES:
        return False
    if kind == "platform" and piece in lists["industry_words"] and pos_tags().get(piece) == "v":
        return False                      # 安防 is tagged a verb, but 智慧安防小镇 is one name
    if piece in lists["stopwords"] or piece.isdigit() or ORDINAL_COUNT.match(piece):
        return True
    tag = pos_tags().get(piece)
    if kind == "platform":
        return tag in STOP_TAGS
    if kind == "project" and PHASE.fullmatch(piece):
        return False
    if kind == "project" and piece in COUNTERS:
        return True
    return tag in LOOSE_STOP_TAGS or tag in ("m", "t", "f", "d") and len(piece) > 1


def name_start(mt: str, seg: Segmented, pos: int, kind: str, limit: int = 18) -> int:
    """Where a name ending with the suffix at pos begins: walk back over words until a stop."""
    start = pos
    while start > 0 and pos - start < limit:
        ch = mt[start - 1]
        if ch == ")":
            j = mt.rfind("(", max(0, start - 10), start - 1)
            if j < 0 or not all(NAME_CHAR.match(c) for c in mt[j + 1:start - 1]):
                break
            start = j
            continue
        if ch == "”":
            j = mt.rfind("“", max(0, start - 12), start - 1)
            if j < 0 or "、" in mt[j:start] or "," in mt[j:start]:
                break
            start = j
            continue
        if not NAME_CHAR.match(ch):
            break
        wstart, piece = seg.piece_before(start)
        if len(piece) > 1 and NON_NAME.search(piece):   # the word runs into punctuation: keep its tail
            first = max(m.start() for m in NON_NAME.finditer(piece))
            wstart, piece = wstart + first + 1, piece[first + 1:]
        if kind in ("project", "institution") and piece in ("及", "与") and start < pos \
                and not mt[max(0, wstart - 2):wstart].endswith(ENDS_LIKE_NAME) \
                and not (kind == "institution" and mt[max(0, wstart - 2):wstart].endswith(PARTNER_END)):
            start = wstart
            continue
        if kind in ("enterprise", "project") and piece == "和" and start < pos and place_opens(mt, seg, wstart):
            start = seg.piece_before(wstart)[0]
            break                           # 建德和合新材料有限公司: a registered name opens with its place
        if len(piece) > 1 and HARD_STOP_RE.search(piece) and word_frequency(piece) == 0:
            cut = max(m.start() for m in HARD_STOP_RE.finditer(piece))
            if cut >= 0:
                start = wstart + cut + 1 if cut < len(piece) - 1 else start
                break
        if is_stop(piece, kind) and not (kind == "project" and _unit_in_project(mt, wstart, piece)) \
                and not (kind == "platform" and start == pos and in_park_name(piece)):
            break
        start = wstart
    while start < pos and (mt[start] in "“" and "”" not in mt[start:pos] or mt[start] in "及与"):
        start += 1
    return start


def without_place(prefix: str) -> str:
    """The prefix with a leading city or county name taken off (衢州智造 -> 智造)."""
    place = region_prefix(prefix)
    return prefix[len(place):] if len(place) >= 2 else prefix


def place_opens(mt: str, seg: Segmented, pos: int) -> bool:
    """A city or county name ends at pos with nothing name-like before it (建德|和合…)."""
    wstart, piece = seg.piece_before(pos)
    return piece in word_lists()["regions"] and (wstart == 0 or not NAME_CHAR.match(mt[wstart - 1]))


def in_park_name(piece: str) -> bool:
    """A word that names what a park is for, right before its suffix (创新园, 生命科学产业园)."""
    return piece in PARK_VERBS or pos_tags().get(piece) == "l" and len(piece) >= 4


def _unit_in_project(mt: str, wstart: int, piece: str) -> bool:
    """A number with a unit opens some project names (220千伏...工程, 年产10万吨...项目)."""
    if pos_tags().get(piece) in ("q", "m") and not piece.isdigit() and piece not in COUNTERS \
            and wstart > 0 and mt[wstart - 1].isdigit():
        return True                        # 万吨, 万套 after a number
    return piece.isdigit() and (wstart == 0 or not NAME_CHAR.match(mt[wstart - 1])
                                or mt[max(0, wstart - 2):wstart] in CAPACITY_WORDS
                                or mt[max(0, wstart - 6):wstart].endswith(LEGAL_SUFFIX)
                                or bool(AFTER_AMOUNT.search(mt, max(0, wstart - 5), wstart)))


# Zone suffixes that are also plain descriptions (先进装备制造集聚区, 科技产业示范区, 这一未来城):
# a name with one of them starts with a place (杭州临空经济示范区, 湘湖未来智造城).
DESCRIPTIVE_SUFFIXES = ("示范区", "集聚区", "试验区", "智造城", "创新城", "科创城", "未来城", "创意城", "生态城")
PLACE_TAGS = {"ns", "nr", "nz", "nrt"}
# Regions wider than any platform: 长三角智能制造产业示范区 is a goal, not a zone.
MACRO_REGIONS = ("长三角", "长江", "粤港澳", "大湾区", "京津冀", "全国", "全省", "全市", "国家", "浙江", "中国")


def starts_with_place(word: str) -> bool:
    """A place or proper name: tagged so by jieba, a known region, or a word jieba has never seen."""
    lists = word_lists()
    if word.startswith(MACRO_REGIONS):
        return False
    if word in lists["regions"] or pos_tags().get(word) in PLACE_TAGS:
        return True
    return (len(word) > 1 and word_frequency(word) == 0 and word not in lists["generic_prefixes"]
            and word not in lists["industry_words"] and not word.startswith(("这", "那", "该", "各")))


def prefix_ok(mt: str, seg: Segmented, start: int, sfx_start: int, kind: str, pkind: str | None,
              min_len: int) -> bool:
    """True when the words before a suffix make a name, not a common noun."""
    prefix = strip_quotes(mt[start:sfx_start])
    prefix = PARENS.sub("", prefix)
    if len(prefix) < min_len:
        return False
    if kind in ("platform", "institution") and (LEVEL_INSIDE.search(prefix) or contains(prefix, VERB_INSIDE)):
        return False
    if kind in ("enterprise", "project") and CLAUSE_INSIDE.search(prefix):
        return False                      # 实验室到公司, 如今已是公司, 产业园承载新项目: a clause, not a name
    if kind == "institution" and (prefix in GENERIC_INSTITUTION_HEAD
                                  or prefix[:1] in ("区", "县") and mt.startswith("局", sfx_start)):
        return False                      # 开发区管委会, 区统计局: a department of no one named
    if kind == "platform" and mt.startswith(DESCRIPTIVE_SUFFIXES, sfx_start):
        first = next((w for w in words_in(seg, start, sfx_start) if strip_quotes(w)), "")
        if not starts_with_place(strip_quotes(first)):
            return False
    lists = word_lists()
    if prefix in lists["generic_prefixes"] or prefix in lists["regions"] and pkind not in ("zone", "corridor"):
        return False
    if prefix.endswith("式") or mt[start] in "个家项" or start > 0 and mt[start - 1].isdigit():
        return False
    if EACH.search(prefix):
        return False                      # 开发区各大园区(项目): a class in general, not one
    words = [w for w in words_in(seg, start, sfx_start) if w not in ("及", "与")]
    if kind == "project" and (len(prefix) < 6 and not any(word_frequency(w) == 0 and len(w) > 1 or w in COMPANY_TYPES
                                                          for w in words)
                              and not (len(prefix) >= 4 and PROJECT_VERB_BEFORE.search(mt, max(0, start - 4), start))
                              or words and pos_tags().get(words[0]) == "v"
                              and not any(w in COMPANY_TYPES for w in words)
                              or PROJECT_TIME.search(prefix)):
        return False
    if words and all(strip_quotes(w) in lists["generic_prefixes"] or not strip_quotes(w) for w in words):
        return False
    if kind == "platform" and (prefix.startswith(SCOPE) or prefix.endswith(GENERIC_END)
                               or COUNTED_BEFORE.search(mt, max(0, start - 4), start)):
        return False                      # 全省开发区, 临平区国家级开发区: a class of platforms
    if kind == "project" and words and all(w in lists["industry_words"] or w in lists["generic_prefixes"]
                                           for w in words):
        return False
    zone = ZONE_OPEN.match(prefix) if kind == "project" else None
    if zone and zone.end() < len(prefix):   # 某经济开发区绿色能源项目: the zone's projects of a kind, no name
        rest = words_in(seg, start + zone.end(), sfx_start)
        if rest and all(w in lists["industry_words"] or w in lists["generic_prefixes"] for w in rest):
            return False
    return True


def words_in(seg: Segmented, start: int, end: int) -> list[str]:
    """The words of the segmentation between two offsets (cut at the offsets)."""
    out, pos = [], start
    while pos < end:
        wend, piece = seg.piece_after(pos)
        wend = min(wend, end)
        out.append(seg.text[pos:wend])
        pos = wend
    return out


def suffix_candidates(mt: str, seg: Segmented, known: dict[int, int] | None = None) -> list[Cand]:
    """Names ending in a platform, company, institution or project suffix.

    ``known`` maps the ends of gazetteer names to their starts: a suffix ending there with
    only the gazetteer name (or a city prefix) before it needs no walking back.
    """
    best: dict[int, Cand] = {}
    rejected: set[int] = set()
    known = known or {}
    for m in SUFFIX_RE.finditer(mt):
        sfx = m.group(1)
        s0, end = m.start(), m.start() + len(sfx)
        if end in rejected or end in best and best[end].start <= s0:
            continue
        if end in known and (known[end] == 0 or not NAME_CHAR.match(mt[known[end] - 1])):
            rejected.add(end)             # the gazetteer candidate covers it
            continue
        kind, pkind, min_len = SUFFIX_INFO[sfx]
        before = mt[s0 - 1] if s0 else ""
        # a stop character ends a name unless jieba reads it inside a word (仁和先进制造业基地)
        stop = before in HARD_STOP_CHARS and seg.piece_before(s0)[0] == s0 - 1
        if not before or stop or not (NAME_CHAR.match(before) or before in "”)"):
            rejected.add(end)              # nothing name-like right before the suffix
            continue
        if len(sfx) == 1 and before in NOT_BEFORE_SINGLE:
            continue
        if not seg.is_boundary(end) and ALL_CJK.match(mt, end, end + 1) and word_frequency(mt[s0:end + 1]):
            continue                       # 区块链: the suffix is the head of a longer word
        if mt.startswith(NOT_AFTER, end) and pkind in ("incubator", "park") and sfx in ("孵化器", "园区", "加速器"):
            continue
        if kind == "platform" and LIST_AFTER.match(mt, end, end + 6):
            rejected.add(end)              # 入选…产业平台培育名单: the name of a list, not a platform
            continue
        if kind == "institution" and sfx == "学院" and mt[s0 - 1:s0] == "大":
            continue
        if sfx == "局" and (before in NOT_BEFORE_BUREAU or mt[s0 + 1:s0 + 2] in "面势限"):
            continue
        if sfx == "公司" and before in NOT_BEFORE_COMPANY:
            continue
        # a management committee is named after its platform: walk back as over a platform name
        # a project may open with a company's registered name (X科技有限公司年产…项目): walk further
        start = name_start(mt, seg, s0, "platform" if sfx in ("管委会", "管理委员会") else kind,
                           limit=PROJECT_NAME_MAX if kind == "project" else 18)
        start = trim_lead(mt, start, s0, kind, sfx)
        if kind == "project":                # 此次签下年产…项目: the name starts after the verb
            start = max([start] + [i + len(w) for w in PROJECT_VERBS if (i := mt.rfind(w, start, s0)) >= 0
                                   and s0 - i - len(w) >= 4])
        if kind == "institution":
            start = _after_inner_platform(mt, start, s0)
        if sfx == "局" and not contains(mt, GOVERNMENT_HEAD, start, s0):
            rejected.add(end)              # a bureau is named after its government or committee
            continue
        if sfx == "新城" and len(without_place(strip_start(mt[start:s0], CITY_PREFIX))) > 3:
            rejected.add(end)              # 现代化科创新城: a description; new towns carry a place name
            continue
        if kind == "platform" and mt.startswith(TITLE_LEVEL, start) and DESIGNATION_VERB.search(mt, max(0, start - 6), start):
            rejected.add(end)              # 获评省级绿色低碳工业园区: the title won, not a platform
            continue
        if not prefix_ok(mt, seg, start, s0, kind, pkind, min_len) \
                or kind == "project" and (_counted(mt, start, end) or NOT_A_PROJECT.search(mt[start:end])):
            rejected.add(end)
            continue
        best[end] = Cand(kind, start, end, strip_quotes(mt[start:end]), pkind)
    return list(best.values())


# Words that open a clause, not a name (比如杭州X有限公司, 而丁兰智慧小镇, 一季度杭州X有限公司).
LEAD_NOISE = re.compile(r"^(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|"
                        r"(?:园区|开发区|高新区|新区|小镇|新城|区|园)内的?|比如|例如|譬如|诸如|像是|像|而且|而|其中|尤其是|特别是|龙头企业|骨干企业|"
                        r"[一二三四]季度|上半年|下半年|今年|去年|目前|同时|此外|另外|谈谈|投用|"
                        r"来自|经过|通过|承接|重点投向|投向|带来|如今|已是|成为|作为|一家家)")
# Prefixes that leave no name before an institution's suffix (区统计局, 开发区管委会).
GENERIC_INSTITUTION_HEAD = {"区", "市", "县", "省", "开发区", "园区", "小镇", "新城", "高新区", "经开区", "新区"}


# Typed mentions.  A candidate is a *name* (湖畔未来产业园), an *anaphor* (这座园区, 该产业园,
# 这一基地项目: a demonstrative and a class noun, which refers back to a name) or a *class*
# (全省高新区, 国家级经开区, 各类产业园: many platforms at once).  Only names become entities;
# facts resolve anaphors to the entity they point at (facts.resolve_anaphor).
DEMONSTRATIVE = re.compile(r"^(?:上述|前述|以上|这|该|此|本|那|其|每|各)(?:[一两几]?[座个家批些类片所处项条]|一)?")
SCOPE_WORD = re.compile(r"^(?:全省|全市|全国|全区|全县|全域|我省|我市|我区|我县|省内|市内|区内|国内|各地|各级|各类|多个|"
                        r"一批|首批|多家|[0-9一二两三四五六七八九十几多]+[个家座批类])")
CLASS_MODIFIER = ("国家级", "省级", "市级", "区级", "县级", "重点", "重大", "特色", "龙头", "骨干", "相关", "现代",
                  "产业", "工业", "综合", "核心", "主要", "新兴", "创新", "科创", "制造业", "高新技术", "新", "大")
CLASS_NOUNS = tuple(sorted({sfx for sfx, *_ in SUFFIXES} | {"区", "园", "城", "镇", "平台", "企业", "公司", "项目",
                                                           "基地", "载体", "工程", "单位", "集群", "区域"},
                           key=len, reverse=True))


def class_only(rest: str) -> bool:
    """rest is made of class nouns and their modifiers only (园区, 国家级经开区, 基地项目)."""
    if not rest:
        return True
    pos, saw_noun = 0, False
    while pos < len(rest):
        noun = next((w for w in CLASS_NOUNS if rest.startswith(w, pos)), None)
        if noun:
            pos, saw_noun = pos + len(noun), True
            continue
        modifier = next((w for w in CLASS_MODIFIER if rest.startswith(w, pos)), None)
        if not modifier:
            return False
        pos += len(modifier)
    return saw_noun


def described(key: str, start: int) -> bool:
    """A demonstrative with a measure word (or 该) and a short description of a class (这座石化基地,
    该新材料产业园, 这家汽车零部件企业): an anaphor however the words between are, never a name."""
    rest = key[start:]
    return (key[start - 1] in "座个家所处项片该") and 0 < len(rest) <= 10 \
        and any(rest.endswith(noun) and len(rest) > len(noun) for noun in CLASS_NOUNS)


# Words that praise or size a platform without naming it (世界一流科学城, 金融特色小镇).
GENERIC_ADJECTIVES = longest_first("特色", "世界一流", "一流", "高能级", "万亩千亿", "千亿级", "百亿级", "强", "标志性",
                                   "示范", "专业", "现代化", "国际化", "综合性", "重要", "大型", "新型", "省级特色")


@lru_cache(maxsize=1)
def description_words() -> tuple[str, ...]:
    """Industry words, modifiers, praise and class nouns, longest first (built once)."""
    return longest_first(*word_lists()["industry_words"], *CLASS_MODIFIER, *GENERIC_ADJECTIVES, *CLASS_NOUNS)


def generic_description(rest: str) -> bool:
    """rest is made only of industry words, modifiers and praise before a class noun, praise among
    them (金融特色小镇, 世界一流科学城): a description of a kind of platform, not a name.  Without
    praise an industry and a class noun is a park's short name (物联网小镇, 高端装备产业园)."""
    words = description_words()
    pos, last, praised = 0, "", False
    while pos < len(rest):
        last = next((w for w in words if rest.startswith(w, pos)), "")
        if not last:
            return False
        praised = praised or last in GENERIC_ADJECTIVES
        pos += len(last)
    return praised and last in CLASS_NOUNS


def mention_form(key: str) -> str:
    """'anaphor', 'class' or 'name': what kind of reference a candidate's words make."""
    demonstrative = DEMONSTRATIVE.match(key)
    if demonstrative and (class_only(key[demonstrative.end():]) or described(key, demonstrative.end())):
        return "anaphor"
    scope = SCOPE_WORD.match(key)
    rest = key[scope.end():] if scope else key
    if class_only(rest) or generic_description(rest):
        return "class"
    return "name"


# Words for a part of a platform, not a platform of its own (高新区核心区块 is the 高新区; 片区 and
# 加速器 after a name are named places of their own).
PART_WORDS = ("核心区块", "核心区", "核心区域", "起步区", "启动区", "先行区", "拓展区")
PLATFORM_ENDS = longest_first(*(s for s, kind, *_ in SUFFIXES if kind == "platform" and len(s) > 1))


def platform_parts(c: Cand) -> list[Cand]:
    """The platforms a suffix name really holds: two joined by 和/与/及 (A新城和平湖经济技术开发区, where
    jieba reads 和平), or one with a part word after it (秀洲高新区核心区块 is 秀洲高新区)."""
    if c.kind != "platform" or c.gaz is not None or len(c.key) != c.end - c.start:
        return [c]                          # (a key without its quotes has other offsets: left as it is)
    key = c.key
    for i, ch in enumerate(key):
        if ch in "和与及" and 3 <= i <= len(key) - 4 and key[:i].endswith(PLATFORM_ENDS) \
                and key[i + 1:].endswith(PLATFORM_ENDS) and mention_form(key[i + 1:]) == "name":
            return [Cand(c.kind, c.start, c.start + i, key[:i], c.pkind, None, c.how),
                    Cand(c.kind, c.start + i + 1, c.end, key[i + 1:], c.pkind, None, c.how)]
    for end in range(len(key) - 2, 2, -1):
        if key[:end].endswith(PLATFORM_ENDS) and key[end:] in PART_WORDS and mention_form(key[:end]) == "name":
            return [Cand(c.kind, c.start, c.start + end, key[:end], c.pkind, None, c.how)]
    return [c]


# Verbs that place something (主会场设在X, 位于X): what follows them is the name.
LOCATIVE_VERBS = ("设在", "位于", "坐落于", "坐落在", "地处", "落户在", "落户于", "选址在", "选址于")


# Verbs that bring a project in (签下X项目, where jieba reads 下年): never inside a project's name
# (suffix_candidates starts the name after the last of them).
PROJECT_VERBS = ("签约", "签下", "引进", "落户", "落地", "开工", "招引", "动工", "启动")


def without_lead_noise(c: Cand) -> Cand | None:
    """A candidate without clause words before its name (而丁兰智慧小镇); None when nothing else is left."""
    placed = max((c.key.rfind(w) + len(w) for w in LOCATIVE_VERBS if w in c.key), default=0)
    if placed and len(c.key) - placed >= 4 and c.gaz is None:    # 主会场设在X有限公司: X
        c = Cand(c.kind, c.start + placed, c.end, c.key[placed:], c.pkind, c.gaz, c.how, c.declared_for)
    lead = LEAD_NOISE.match(c.key)
    described = c.key.rfind("企业", 0, len(c.key) - 6) if c.kind == "enterprise" and c.key.endswith(LEGAL_SUFFIX) else -1
    if described > 0:                      # 德资企业X（温州）有限公司: the words of its class are no part of it
        return Cand(c.kind, c.start + described + 2, c.end, c.key[described + 2:], c.pkind, c.gaz, c.how,
                    c.declared_for)
    if not lead or c.gaz is not None:
        return c
    rest = c.key[lead.end():]
    if len(rest) < 3 or rest in SUFFIX_INFO or not NAME_CHAR.match(rest):
        return None                       # 谈谈新城, 投用孵化器: a verb and a class noun
    return Cand(c.kind, c.start + lead.end(), c.end, rest, c.pkind, c.gaz, c.how, c.declared_for)


def trim_lead(mt: str, start: int, s0: int, kind: str, sfx: str) -> int:
    """The start of a name without the clause words before it, and a platform without its district.

    A registered company name opens with its place (杭州…有限公司), so words before the place go;
    a platform is named without the district it lies in (临平区艺尚小镇 -> 艺尚小镇).
    """
    while True:
        lead = LEAD_NOISE.match(mt, start, s0)
        if not lead or lead.end() >= s0 - 1:
            break
        start = lead.end()
    if kind == "enterprise" and (sfx + mt[s0 + len(sfx):s0 + len(sfx)]).endswith(LEGAL_SUFFIX) or sfx.endswith("公司"):
        places = [mt.find(p, start, s0) for p in ("杭州", "浙江")]
        at = min((i for i in places if i > start), default=-1)
        if 0 < at - start <= 5 and not region_prefix(mt, start):
            start = at
    if kind == "platform":
        district = region_prefix(mt, start)
        district = district if district.endswith(("区", "县")) and len(district) >= 3 else None
        if district and s0 - (start + len(district)) >= 2:
            start += len(district)
    return start


def _after_inner_platform(mt: str, start: int, s0: int) -> int:
    """梦溪板块东湖大学 -> 东湖大学: a university does not carry a platform in front of it."""
    if mt[s0:s0 + 2] not in ("大学", "学院"):
        return start
    m = None
    for m in re.finditer(r"(?:板块|小镇|科技城|园区|片区|区块)", mt[start:s0]):
        pass
    return start + m.end() if m and s0 - (start + m.end()) >= 2 else start


def _counted(mt: str, start: int, end: int) -> bool:
    """A 'project' right before a count or right after one is a metric (改造项目52个), not a name."""
    return bool(COUNT_AFTER.match(mt, end, end + 10) or COUNT_BEFORE.search(mt, max(0, start - 4), start))


def after_paren(mt: str, cand: Cand) -> Cand:
    """宁川高新区(东港): a short place in parentheses right after a zone belongs to its name."""
    m = PLACE_IN_PARENS.match(mt, cand.end, cand.end + 7)
    if cand.kind == "platform" and cand.pkind == "zone" and m:
        return Cand(cand.kind, cand.start, m.end(), strip_quotes(mt[cand.start:m.end()]),
                    cand.pkind, cand.gaz, cand.how)
    return cand


def gazetteer_candidates(mt: str) -> tuple[list[Cand], list[Cand]]:
    """Gazetteer platforms and administrative regions named in the text."""
    plats, regions = [], []
    gaz, region_names = gazetteer(), word_lists()["regions"]
    for start, end, form in gazetteer_lexicon().finditer(mt):
        if form in gaz:
            entry = gaz[form]
            plats.append(Cand("platform", start, end, form, entry.kind, entry,
                              "short" if form in entry.short else "gazetteer"))
            if form in entry.short and form in region_names:     # 东港: the district, unless the zone is named
                regions.append(Cand("region", start, end, form))
        elif form in region_names:
            if regions and regions[-1].end == start:      # 杭州拱墅区: the district is meant
                regions[-1] = Cand("region", regions[-1].start, end, form)
            else:
                regions.append(Cand("region", start, end, form))
    return plats, regions


# A list followed by 企业 and a count names kinds of company (入驻俱乐部、运营等企业52家).
KINDS_COUNTED = re.compile(r"(?:各类|类)?企业[0-9一二三四五六七八九十百千]+(?:余|多)?家")


# A list of short names needs no 等 when a verb of honours or arrival closes it (A科技、B新材、
# C电子入选…); then at least two of its items must end like a company name.
LIST_VERB = re.compile(r"(?:均|都|也|已|先后|分别|相继|成功|正式)?(?:入选|获评|上榜|荣获|获得|跻身|被评为|被认定为|"
                       r"被列为|落户|入驻|签约|通过|列入|成为)|(?:都|均|也都)(?:是|为)")
BARE_LIST_RE = re.compile(r"(?:[^\s、,，。；;：:！？!?“”()等和及与]{2,12}(?:、|和|及|与)){1,15}"
                          r"[^\s、,，。；;：:！？!?“”()等和及与]{2,12}$")
LIST_JOIN = re.compile(r"、|和|及|与")
# What may stand before the first item of a list without being part of its name (园区瑞芯科技、…).
LIST_LEAD = re.compile(r"(?:其中|包括|如|像|园区|区内|开发区|新区|高新区|经开区|该区|全区|小镇|今年|去年|目前)+")


# A list closed by its own count and class (A、B、C三家企业; A、B和C4个项目): the count must equal
# the number of items, so 新材料、新能源两大产业 or a list of three with 5家企业 after it is no such list.
COUNTED_CLASS = re.compile(r"([0-9一二两三四五六七八九十]{1,3})(?:家|个|项)(?:[^,，。；;、]{0,6}?)(企业|公司|项目)")


def _list_ends(mt: str):
    """(end of the last item, cue after it, mode) of every list of short names; the mode says what
    closes it: 'etc' (等 and a cue), 'verb' (a verb of honours: items must end like company names)
    or a count (the number of items it must have)."""
    for end in occurrences(mt, "等"):
        tail = mt[end + 1:end + 17]
        if ENUM_CUE.match(tail):
            yield end, tail, "etc"
    for verb in LIST_VERB.finditer(mt):
        if LIST_JOIN.search(mt, max(0, verb.start() - 40), verb.start()) and mt[verb.start() - 1:verb.start()] != "等":
            yield verb.start(), mt[verb.start():verb.start() + 16], "verb"
    yield from _firm_lists(mt)
    for counted in COUNTED_CLASS.finditer(mt):
        n = parse_number(counted.group(1))
        if n and 2 <= n <= 16 and mt[counted.start() - 1:counted.start()] not in "等、和及与" \
                and LIST_JOIN.search(mt, max(0, counted.start() - 60), counted.start()):
            yield counted.start(), mt[counted.start():counted.start() + 16], int(n)


CLAUSE_ENDS = str.maketrans({c: "。" for c in ",，；;：:！？!?\n"})


def _firm_lists(mt: str):
    """Lists of three or more short names that all end like company names (A生物、B科技、C医药今年…),
    whatever follows them: the endings are the cue."""
    company_words = tuple(word_lists()["company_words"])
    cs = 0
    for clause in mt.translate(CLAUSE_ENDS).split("。"):        # same length: offsets stay true
        start, cs = cs, cs + len(clause) + 1
        if clause.count("、") < 2:
            continue
        last = clause.rsplit("、", 1)[1]
        k = next((k for k in range(3, min(8, len(last)) + 1) if last[:k].endswith(company_words)), None)
        if k:
            end = start + len(clause) - len(last) + k
            yield end, mt[end:end + 16], "firms"


def enumeration_candidates(mt: str, seg: Segmented) -> list[Cand]:
    """Short names listed with a cue: 以A、B等为代表的, A、B等企业, A、B等N个项目, A科技、B新材入选…"""
    out = []
    lists = word_lists()
    for end, tail, mode in _list_ends(mt):
        bare_list = mode != "etc"
        cs = max(max(mt.rfind(p, max(0, end - 300), end) for p in ",，。；;：:！？!?\n") + 1, end - 300, 0)
        m = (BARE_LIST_RE if bare_list else ENUM_RE).search(mt, cs, end if bare_list else end + 1)
        if not m or m.end() != (end if bare_list else end + 1):
            continue
        projects = bool(PROJECT_CUE.match(tail))
        items, pos = [], m.start()
        for piece in (LIST_JOIN if bare_list else re.compile("、")).split(mt[m.start():end]):
            items.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        if bare_list:
            lead = LIST_LEAD.match(mt, items[0][0], items[0][1])
            first = mt.rfind("的", items[0][0], items[0][1]) + 1      # 园区内的A科技、B新材: A科技
            items[0] = (max(lead.end() if lead else items[0][0], first), items[0][1])
        first_s, first_e = items[0]
        walked = first_s if bare_list else name_start(mt, seg, first_e, "enterprise", limit=14)
        short = mt[walked:first_e]
        if (len(short) <= 2 or all(w in lists["industry_words"] for w in words_in(seg, walked, first_e))) \
                and first_e - first_s <= 6:
            walked = first_s
        if mode == "firms" and mt[walked] in "以在对向由从将把与为" and first_e - walked > 4:
            walked += 1                      # 以A微电子、B生物、C光电为代表: the preposition is no part of A
        items[0] = (walked, first_e)
        if any(mt[s:e].endswith(CATEGORY_END) for s, e in items) or KINDS_COUNTED.match(tail) \
                or tail.startswith(("领域", "行业", "方面", "板块", "类")):   # A、B等领域的企业: fields, not names
            continue                        # 产业类、民生保障类等; 俱乐部、赛事运营等企业52家: kinds, not names
        kinds = [_item_kind(mt, seg, s, e, projects, lists) for s, e in items]
        if "纷纷" in tail[:2] and not any(k == "enterprise!" for k in kinds):
            continue
        if isinstance(mode, int):           # the count is the cue: every item is of the class counted
            if mode != len(items):
                continue
            kinds = [k if k and k.rstrip("!") == ("project" if projects else "enterprise") else None for k in kinds]
        elif mode == "firms":
            if len(kinds) < 3 or not all(k == "enterprise!" for k in kinds):
                continue
            kinds = ["enterprise"] * len(kinds)
        elif bare_list:
            if sum(k == "enterprise!" for k in kinds) < 2:
                continue
            kinds = [k if k in ("enterprise", "enterprise!") else None for k in kinds]
        for (s, e), kind in zip(items, kinds):
            if kind:
                out.append(Cand(kind.rstrip("!"), s, e, strip_quotes(mt[s:e]), None, None, "enum"))
    return out


def _item_kind(mt: str, seg: Segmented, s: int, e: int, projects: bool, lists) -> str | None:
    """What an enumerated item names: enterprise ('!' when its ending says so), project, or None."""
    item = mt[s:e]
    if not 2 <= len(item) <= 24 or DIGIT.search(item) or item in lists["regions"]:
        return None
    words = [w for w in words_in(seg, s, e) if w]
    if all(w in lists["industry_words"] for w in words) or item.endswith(CATEGORY_END):
        return None
    if len(words) == 1 and len(item) <= 3 and word_frequency(item) > 100:
        return None                      # a common word (资金, 人才), not a short name
    if item.endswith(PROJECT_END):
        return "project"
    if item.endswith(INSTITUTION_END):
        return "institution"
    if any(w in item for w in SUFFIX_INFO if SUFFIX_INFO[w][0] == "platform" and len(w) > 1):
        return None
    if projects and len(item) > 7:
        return "project"
    if len(item) > 8:
        return None
    return "enterprise!" if any(item.endswith(w) for w in lists["company_words"]) else "enterprise"


def designation_subjects(mt: str, seg: Segmented) -> list[Cand]:
    """A company short name right before 跻身/入选/被评为 (其中X已跻身...)."""
    out = []
    lists = word_lists()
    for m in DESIGNATION_VERB.finditer(mt):
        pos = m.start()
        while pos > 0 and mt[pos - 1] in "已也还均成功":
            pos -= 1
        start = name_start(mt, seg, pos, "enterprise", limit=8)
        item = mt[start:pos]
        if 3 <= len(item) <= 8 and any(item.endswith(w) for w in lists["company_words"]):
            out.append(Cand("enterprise", start, pos, item, None, None, "designation"))
    return out


CUE_VERB = re.compile(r"落户|签约|入驻")
ANAPHOR_COMPANY = re.compile(r"这家[^,，。]{0,30}?(?:公司|企业)|该(?:公司|企业)")
LEADING_TIME = re.compile(r"(?:去年|今年|明年)(?:[0-9]{1,2}月份?)?|(?:(?:19|20)[0-9]{2}年)?(?:[0-9]{1,2}月份?)?")
SINGLE_STOPS = HARD_STOP_CHARS | set("也还已正就都")
PLATFORM_SUFFIX_RE = re.compile("|".join(s for s, k, *_ in SUFFIXES if k == "platform" and len(s) > 1))


def forward_name(mt: str, seg: Segmented, pos: int) -> str:
    """A name that opens a clause: words up to the first verb, particle or punctuation."""
    start = pos
    while pos < len(mt) and pos - start < 7:
        wend, piece = seg.piece_after(pos)
        if not ALL_CJK.fullmatch(piece):
            break
        if len(piece) == 1 and piece in SINGLE_STOPS or len(piece) > 1 and (
                piece in word_lists()["stopwords"] or pos_tags().get(piece) in STOP_TAGS):
            break
        pos = wend
    return mt[start:pos]


def unknown_name(name: str) -> bool:
    """True for a 2-6 character word jieba does not know and that is not a common phrase."""
    lists = word_lists()
    return (2 <= len(name) <= 6 and word_frequency(name) == 0 and name not in lists["regions"]
            and not PLATFORM_SUFFIX_RE.search(name) and not re.search(r"企业|公司|项目|产业", name)
            and not all(w in lists["industry_words"] for w in re.findall("..?", name)))


@lru_cache(maxsize=1)
def located_company_re() -> re.Pattern:
    """A company named right after its platform or a word of its class: 位于萧山经开区的蓝湾生物,
    科技城内的启明光电, 船舶修造企业瓯海重工."""
    words = "|".join(sorted(word_lists()["company_words"], key=len, reverse=True))
    platform_end = "|".join(s for s, k, *_ in SUFFIXES if k == "platform" and len(s) > 1)
    return re.compile(rf"(?:(?:{platform_end})内?的|企业)([{CJK}]{{2,6}}?(?:{words}))"    # 船舶修造企业X重工去年…
                      rf"(?=[,，。;；、]|今年|去年|实现|已|在|是|将|正|于|通过)")


def cue_candidates(mt: str, seg: Segmented) -> list[Cand]:
    """Short company names with a cue: X(确定)将…落户P / 的X,也…与P签约 / X…。这家公司…"""
    names: set[str] = set()
    for m in CUE_VERB.finditer(mt):
        cs = max(mt.rfind(p, 0, m.start()) for p in ",，。；;:：\n") + 1
        if not PLATFORM_SUFFIX_RE.search(mt[cs:m.end() + 12]):
            continue
        pos = LEADING_TIME.match(mt, cs).end()
        name = forward_name(mt, seg, pos)
        if not name and mt[pos:pos + 1] in "也还则并":
            prev = re.search(rf"的([{CJK}]{{2,6}})[,，]$", mt[max(0, cs - 12):cs])
            name = prev.group(1) if prev else ""
        if unknown_name(name):
            names.add(name)
    for m in CONTRACT_WITH.finditer(mt):     # 与X正式签约: X is a company unless it is a known place
        name = m.group(1)
        if (unknown_name(name) or any(name.endswith(w) for w in word_lists()["company_words"])) \
                and not PLATFORM_SUFFIX_RE.search(name) and name not in word_lists()["regions"]:
            names.add(name)
    for m in located_company_re().finditer(mt):      # 位于P的X / P内的X / 企业X, X ending like a company
        if m.group(0).startswith("企业") and len(words_in(seg, m.start(1), m.end(1))) > 2:
            continue                        # 龙头企业招引了X医疗: a clause, not a name after its class word
        if unknown_name(m.group(1)) or word_frequency(m.group(1)) == 0:
            names.add(m.group(1))
    for m in ANAPHOR_COMPANY.finditer(mt):
        prev_end = max(mt.rfind(p, 0, m.start()) for p in "。！？\n")
        start = max(mt.rfind(p, 0, prev_end) for p in "。！？\n") + 1
        start += len(mt[start:prev_end]) - len(mt[start:prev_end].lstrip("“\"　 "))
        name = forward_name(mt, seg, start)
        if unknown_name(name):
            names.add(name)
    return [Cand("enterprise", start, start + len(name), name, None, None, "cue")
            for name in sorted(names) for start in occurrences(mt, name)]


def occurrences(text: str, word: str) -> list[int]:
    """Start offsets of every occurrence of word in text."""
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append(pos)
        pos = text.find(word, pos + len(word))
    return out


def declared_short_names(mt: str, cands: list[Cand]) -> list[Cand]:
    """X(以下简称“Y”): every later Y is X, whatever Y looks like."""
    out = []
    by_end = {c.end: c for c in cands}
    for m in PAREN_ALIAS.finditer(mt):      # 宁川高新区(东港)(宁川国家高新技术产业开发区)
        full = by_end.get(m.start())
        if full is not None and full.kind == "platform":
            out.append(Cand("platform", m.start(1), m.end(1), m.group(1), full.pkind, full.gaz, "declared",
                            full.key))
    for m in SHORT_NAME.finditer(mt):
        full = by_end.get(m.start())
        if full is None or full.kind not in ("platform", "enterprise", "project"):
            continue
        short = m.group(1)
        for start in occurrences(mt, short):
            if start != m.start(1):
                out.append(Cand(full.kind, start, start + len(short), short, full.pkind, full.gaz, "declared",
                                full.key))
    return out


# What a project's own words do not contain: a verb or time telling what happened to it.
PROJECT_TAIL_STOP = re.compile(r"[在于将已拟并与及的]|正在|和|开工|签约|落户|投产|竣工|建成|季度|[0-9]+月|今年|去年")


def projects_after_short_name(mt: str, cands: list[Cand]) -> list[Cand]:
    """X有限公司(简称“Y”)一体化压铸项目: the words after a company's declared short name name its project.

    They would not pass as a name on their own (一体化压铸 is a process); after the company
    they do.  The name is the project's own words, the fullest form the text gives.
    """
    out = []
    for c in cands:
        m = SHORT_NAME.match(mt, c.end) if c.kind == "enterprise" else None
        if not m:
            continue
        tail = re.match(r"[^,，。；;：:、()“”\"\s]{2,%d}?项目" % PROJECT_NAME_MAX, mt[m.end():m.end() + PROJECT_NAME_MAX + 2])
        if tail and not PROJECT_TAIL_STOP.search(tail.group(0)[:-2]) and not NOT_A_PROJECT.search(tail.group(0)):
            end = m.end() + tail.end()
            out.append(Cand("project", m.end(), end, strip_quotes(tail.group(0)), None, None, "after-short-name"))
    return out


def strip_regions(name: str, keep: int = 3) -> str:
    """The name without the province and city it opens with (浙江湖州久恒机械… -> 久恒机械…)."""
    for _ in range(2):
        head = region_prefix(name)
        if not head or len(name) < len(head) + keep:
            break
        name = name[len(head):]
    return name


def short_forms(full: Cand) -> list[str]:
    """Short names a registered company name is written as later (杭州云帆光电科技股份有限公司 -> 云帆科技)."""
    core = PAREN_TAIL.sub("", strip_end(strip_regions(full.key), LEGAL_SUFFIX))
    if len(core) < 2:
        return []
    forms = {core} if len(core) >= 3 and core != full.key else set()
    head = core[:2]
    for word in word_lists()["company_words"]:
        if word in core[2:]:
            forms.add(head + word)
    if len(core) > 4:
        forms.add(core[:4])
    if word_frequency(head) == 0 and head not in word_lists()["regions"]:
        forms.add(head)
    return [f for f in forms if f != full.key]


def derived_candidates(mt: str, cands: list[Cand]) -> list[Cand]:
    """Later short mentions of companies named in full, and companies that open a project's name."""
    out = []
    taken = [(c.start, c.end) for c in cands]
    for c in cands:
        m = REGISTERED_HEAD.match(c.key) if c.kind == "project" and c.key == mt[c.start:c.end] else None
        if m:
            out.append(Cand("enterprise", c.start, c.start + len(m.group(1)), m.group(1), None, None, "project-head"))
    forms: dict[str, Cand] = {}
    for c in cands + out:
        if c.kind == "enterprise" and c.key.endswith(LEGAL_SUFFIX):
            for f in short_forms(c):
                forms.setdefault(f, c)
    for form in sorted(forms, key=len, reverse=True):
        for start in occurrences(mt, form):
            if not any(s <= start < e for s, e in taken):
                out.append(Cand("enterprise", start, start + len(form), form, None, None, "short"))
    for c in cands:
        if c.kind != "project":
            continue
        m = project_head_re().match(c.key)
        if REGISTERED_HEAD.match(c.key):
            continue
        if m and c.key == mt[c.start:c.end] and not m.group(1) in word_lists()["industry_words"]:
            name = m.group(1)
            lists = word_lists()
            if name[:2] in lists["industry_words"] or name[:2] in lists["generic_prefixes"]:
                continue                  # 智能农机装备产业基地项目: what the project makes, not who
            if not all(w in lists["industry_words"] for w in re.findall("..", name)):
                out.append(Cand("enterprise", c.start, c.start + len(name), name, None, None, "project-head"))
    return out


@lru_cache(maxsize=1)
def project_head_re() -> re.Pattern:
    """A company short name opening a project name (星河半导体 in 星河半导体二期项目)."""
    words = "|".join(sorted(word_lists()["company_words"], key=len, reverse=True))
    return re.compile(rf"([{CJK}]{{2,4}}?(?:{words}))(?=.{{2,}})")


def heads_a_committee(kept: list[Cand], c: Cand) -> bool:
    """萧山科技城 inside 萧山科技城管委会: the platform is named too, as the committee's head."""
    clash = [k for k in kept if k.start < c.end and c.start < k.end]
    return bool(clash) and all(k.kind == "institution" and k.start == c.start and k.end > c.end for k in clash)


def resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    """Keep the longest of overlapping candidates; names that open a project stay nested."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.how != "declared", c.how == "short"))
    size = max((c.end for c in cands), default=0) + 1
    taken, taken_by_other = bytearray(size), bytearray(size)   # any kept span / a non-project one
    kept: list[Cand] = []
    for c in order:
        if taken.find(1, c.start, c.end) < 0 or c.how == "project-head" and taken_by_other.find(1, c.start, c.end) < 0 \
                or c.kind == "platform" and heads_a_committee(kept, c):
            kept.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            if c.kind != "project":
                taken_by_other[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(kept, key=lambda c: c.start)


class Groups:
    """Union-find over candidate keys, so forms of one entity end up together."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, x):
        """The representative of x's group."""
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        """Put a and b in one group."""
        self.parent[self.find(a)] = self.find(b)


@lru_cache(maxsize=4096)
def bare(key: str) -> str:
    """A name without city prefix and parenthesised district, for comparing forms."""
    return PAREN_TAIL.sub("", strip_regions(key, keep=5)) or key


def place_head(key: str) -> str | None:
    """The district, county or city a name opens with after the province and Hangzhou (桐庐 in 桐庐经开区)."""
    rest = strip_start(key, CITY_PREFIX)
    return region_prefix(rest) or None


def same_entity(kind: str, a: str, b: str, platform_keys: set[str]) -> bool:
    """True when two forms of the same kind name one entity within an article."""
    if len(a) < len(b):
        a, b = b, a
    if b[0] not in a and bare(b)[0] not in a:
        return False                      # every rule below needs the shorter form's head in the longer
    head_a, head_b = place_head(a), place_head(b)
    if head_a and head_b and not (head_a.startswith(head_b) or head_b.startswith(head_a)):
        return False                      # 桐庐经济开发区 and 淳安经济开发区: two places, two zones
    if bare(a) == bare(b) or strip_start(a, CITY_PREFIX) == strip_start(b, CITY_PREFIX):
        return True
    if kind == "platform":
        if a.endswith(b) and len(b) >= 3 and (any(a[:-len(b)] in (k, bare(k)) for k in platform_keys if k != a)
                                              or len(a) - len(b) >= 3 and a[:-len(b)].endswith(PLATFORM_ENDS)):
            return True                   # 长兴经开区新能源产业社区 told later as 新能源产业社区
        return _abbreviation(b, bare(a))
    if kind == "enterprise":
        if len(b) >= 3 and a.endswith(b):
            return True
        core = PAREN_TAIL.sub("", strip_end(strip_regions(a), LEGAL_SUFFIX))
        core_b = strip_end(strip_regions(b), LEGAL_SUFFIX) or b
        return len(core_b) >= 2 and core.startswith(core_b[:2]) and all(ch in core for ch in core_b)
    if kind == "project":
        if a == b + "项目" or a.endswith(b) and len(b) >= 8:
            return True
        sa, sb = re.sub("(?:项目|基地)$", "", a), re.sub("(?:项目|基地)$", "", b)
        return a[-2:] == b[-2:] and len(sb) >= 2 and sa.startswith(sb)
    return False


def _abbreviation(short: str, long: str) -> bool:
    """湖开区 for 湖畔经济开发区: same first and last character, the rest in order."""
    if not 3 <= len(short) <= 4 or len(long) < len(short) + 2 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    pos = 0
    for ch in short:
        pos = long.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


@dataclass
class Found:
    """Entities, mentions and region mentions of one article, plus lookup helpers for facts."""

    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    regions: list[tuple[int, int, str]] = field(default_factory=list)
    main_platform: str | None = None
    platform_mentions: list[Mention] = field(default_factory=list)
    platform_starts: list[int] = field(default_factory=list)

    def entity(self, name: str) -> Entity | None:
        """The entity with this canonical name."""
        return next((e for e in self.entities if e.name == name), None)


def find_entities(text: str, mt: str, seg: Segmented, title: str | None = None) -> Found:
    """All named entities of an article with their mentions (spans into text)."""
    gaz_plats, regions = gazetteer_candidates(mt)
    known = {c.end: c.start for c in gaz_plats if c.how != "short"}
    cands = [after_paren(mt, c) for c in suffix_candidates(mt, seg, known)]
    cands += [after_paren(mt, c) for c in gaz_plats if c.how != "short"]
    cands += enumeration_candidates(mt, seg) + designation_subjects(mt, seg) + cue_candidates(mt, seg)
    cands = [part for c in cands for part in platform_parts(c)]
    cands = resolve_overlaps([c for c in map(without_lead_noise, cands)
                              if c is not None and (c.gaz is not None or mention_form(c.key) == "name")])
    present = {c.gaz.name for c in cands if c.gaz}
    shorts = [c for c in gaz_plats if c.how == "short" and c.gaz.name in present]
    after_short = projects_after_short_name(mt, cands)
    cands = [c for c in cands if not any(a.start <= c.start < a.end for a in after_short)]
    cands = resolve_overlaps(cands + derived_candidates(mt, cands) + declared_short_names(mt, cands) + shorts
                             + after_short)
    for c in cands:                          # a gazetteer form inside a longer suffix name
        if c.kind == "platform" and c.gaz is None:
            c.gaz = gazetteer().get(c.key) or gazetteer().get(bare(c.key))
    covered = bytearray(len(mt) + 1)
    for c in cands:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    region_spans = [(r.start, r.end, r.key) for r in regions if covered.find(1, r.start, r.end) < 0]
    return assemble(text, mt, cands, region_spans, title)


def group_candidates(cands: list[Cand]) -> dict[tuple[str, str], list[Cand]]:
    """Candidates grouped into entities: same gazetteer entry or same_entity forms."""
    groups = Groups()
    keys_by_kind: dict[str, set[str]] = {}
    for c in cands:
        kind = "enterprise" if c.kind == "enterprise" else c.kind
        groups.find((kind, c.key))
        keys_by_kind.setdefault(kind, set()).add(c.key)
        if c.gaz:
            groups.union((kind, c.key), ("gaz", c.gaz.name))
    for c in cands:
        if c.declared_for:
            groups.union((c.kind, c.key), (c.kind, c.declared_for))
    platform_keys = keys_by_kind.get("platform", set())
    for kind, keys in keys_by_kind.items():
        ordered = sorted(keys, key=len, reverse=True)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if same_entity(kind, a, b, platform_keys):
                    groups.union((kind, b), (kind, a))
    out: dict[tuple[str, str], list[Cand]] = {}
    for c in cands:
        out.setdefault(groups.find((c.kind, c.key)), []).append(c)
    return out


def assemble(text: str, mt: str, cands: list[Cand], regions, title: str | None) -> Found:
    """Turn grouped candidates into Entity and Mention records with attributes."""
    found = Found(regions=regions)
    canon: dict[int, str] = {}
    info = []
    for members in group_candidates(cands).values():
        names = [c.key for c in members if c.how not in ("short", "declared")] or [c.key for c in members]
        gaz = next((c.gaz for c in members if c.gaz), None)
        if gaz and any(gaz.name in k for k in names):      # 宁川高新区(东港), not another of its names
            names = [k for k in names if gaz.name in k]
        name = max(names, key=lambda k: (len(k), names.count(k)))
        if gaz and PROVINCE.match(name):          # 浙江省宁川高新区(东港): the province adds nothing
            name = PROVINCE.sub("", name)
        kind = members[0].kind
        pkind = gaz.kind if gaz else next((c.pkind for c in members if c.pkind), None)
        aliases = sorted({text[c.start:c.end] for c in members} - {name}, key=lambda s: (len(s), s))
        if gaz:
            aliases = sorted(set(aliases) | ({gaz.name} - {name} if gaz.name in names else set()), key=len)
        info.append((kind, name, tuple(aliases), pkind, gaz, members))
        for c in members:
            canon[id(c)] = name
    for c in sorted(cands, key=lambda c: c.start):
        found.mentions.append(Mention(c.kind, canon[id(c)], text[c.start:c.end], c.start, c.end))
    found.main_platform = main_platform(found.mentions, title, mt)
    found.platform_mentions = [m for m in found.mentions if m.kind == "platform"]
    found.platform_starts = [m.start for m in found.platform_mentions]
    for kind, name, aliases, pkind, gaz, members in info:
        found.entities.append(Entity(kind=kind, name=name, aliases=aliases,
                                     platform_kind=pkind if kind == "platform" else None))
    by_key = {(k, n): (g, m) for k, n, a, p, g, m in info}
    found.entities = [with_attributes(e, by_key, found, mt) for e in found.entities]
    return found


def main_platform(mentions: list[Mention], title: str | None, mt: str) -> str | None:
    """The platform the article is about: most mentioned, title mentions counting double."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == "platform":
            counts[m.name] = counts.get(m.name, 0) + 1
    if title:
        for name in list(counts):
            if bare(name) in title or name in title:
                counts[name] += 3
    zones = {m.name for m in mentions if m.kind == "platform" and m.name in counts and ZONE_END.search(m.name)}
    return max(counts, key=lambda n: (counts[n] + (0.5 if n in zones else 0), len(n))) if counts else None


STATUS = (
    ("operating", r"通线|投产|投用|投入使用|运营|开园|正式运行"),
    ("completed", r"竣工|完工|建成(?!后)"),
    ("under_construction", r"开工|在建|加紧建设|如火如荼|建设中|动工|施工|加快建设|正在建设"),
    ("signed", r"签约|落户|落地|引进"),
    ("planned", r"计划|拟|规划|将建"),
)

# A future marker just before a stage verb (计划年内开工, 预计明年投产) makes it a plan.
PLAN_MARK = longest_first("计划", "拟", "将", "预计", "力争", "争取")


def with_attributes(e: Entity, by_key, found: Found, mt: str) -> Entity:
    """Parent, district, platform, enterprise, investment and status from the text around mentions."""
    gaz, members = by_key[(e.kind, e.name)]
    if e.kind == "platform":
        parent = platform_parent(e, members, found, mt, gaz)
        district = gaz.district if gaz else None
        if district is None and parent:
            pg = by_key.get(("platform", parent), (None, None))[0]
            district = pg.district if pg and pg.kind != "corridor" else None
        return Entity(e.kind, e.name, e.aliases, e.platform_kind, parent, district)
    if e.kind in ("enterprise", "project"):
        platform = nearby_platform(members, found, mt)
        enterprise = investment = status = None
        if e.kind == "project":
            enterprise = next((m.name for m in found.mentions if m.kind == "enterprise"
                               and members[0].start <= m.start < members[0].end), None)
            investment = project_investment(members, mt)
            status = project_status(members, mt)
        return Entity(e.kind, e.name, e.aliases, None, None, None, platform, enterprise, investment, status)
    return e


IN_PARENT = re.compile(r"(?:内的|的|内|中的)?")
AS_PART_OF = re.compile(r"[^,，。；]{0,8}的")
SENTENCE_BREAK = re.compile(r"[。！？!?\n]")


def platform_parent(e: Entity, members, found: Found, mt: str, gaz) -> str | None:
    """The platform this one sits in: named in front of it, 位于X内的, 作为X...的, gazetteer, main."""
    plats = [m for m in found.platform_mentions if m.name != e.name]
    for c in members:
        for m in plats:
            if c.start - 12 <= m.end <= c.start and (
                    IN_PARENT.fullmatch(mt, m.end, c.start)
                    or mt[max(0, m.start - 2):m.start] == "作为" and AS_PART_OF.fullmatch(mt, m.end, c.start)):
                return m.name
    names = sorted({m.name for m in plats}, key=lambda n: (-len(n), n))   # longest first, deterministic
    for key in (e.name, *e.aliases):
        for name in names:
            if key.startswith(name) or key.startswith(bare(name)) and len(bare(name)) >= 3:
                return name
        inner = gazetteer_lexicon().prefix(key)          # 杭州经济技术开发区生物医药产业园
        if inner and len(inner) < len(key) and inner in gazetteer():
            entry = gazetteer()[inner]
            return next((n for n in names if n in (entry.name, *entry.aliases)), entry.name)
    if gaz and gaz.parent:
        known = next((n for n in names if bare(n) == bare(gaz.parent)), None)
        return known or gaz.parent
    if e.platform_kind in ("park", "incubator") and found.main_platform and found.main_platform != e.name:
        return found.main_platform
    return None


def sentence_bounds(mt: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence around [start, end)."""
    before = max(mt.rfind(p, 0, start) for p in "。！？\n") + 1
    after = SENTENCE_BREAK.search(mt, end)
    return before, after.start() if after else len(mt)


def nearby_platform(members, found: Found, mt: str) -> str | None:
    """The platform named closest before the entity in its sentence, else the article's main one."""
    starts = found.platform_starts
    for c in members[:3]:
        i = bisect_left(starts, c.start) - 1          # the platform named last before it
        if i >= 0 and not SENTENCE_BREAK.search(mt, found.platform_mentions[i].start, c.start):
            return found.platform_mentions[i].name
    return found.main_platform


def project_investment(members, mt: str) -> Decimal | None:
    """总投资约12亿元的X / 投资160亿元的X: the planned investment in yuan."""
    from loaders.extract.quantities import find_quantities
    for c in members:
        window = mt[max(0, c.start - 16):c.start]
        m = re.search(r"(?:总投资|投资)((?:约|近|超过?|逾)?[0-9.]+[万亿]*元)的$", window)
        if m:
            qs = [q for q in find_quantities(m.group(1)) if q.base_unit == "yuan"]
            if qs:
                return qs[0].value_base
    return None


def project_status(members, mt: str) -> str | None:
    """The project's stage from the verbs of its sentence (开工 -> under_construction ...)."""
    for c in members:
        sent_start, sent_end = sentence_bounds(mt, c.start, c.end)
        around = mt[c.end:sent_end] + mt[sent_start:c.start]
        for status, pattern in STATUS:
            m = re.search(pattern, around)
            if m:                           # 计划年内开工: a stage still to come is a plan
                return "planned" if contains(around, PLAN_MARK, max(0, m.start() - 6), m.start()) else status
    return None
