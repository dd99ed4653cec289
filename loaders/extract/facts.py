"""Facts and designations: which entity a number is about, what it measures, and when.

Numbers and time expressions come from ``quantities`` and ``periods``; this module only
assembles them.  The article is read line by line (a line is a paragraph), sentence by
sentence (。！？), clause by clause (，；：, a colon before a figure excepted).  A subject is,
in order: the i-th name of a list when its figures are told 分别; the project a money figure
runs into (总投资X的Y项目); the entity named nearest before the number in its clause; a class
word (园区, 小镇, 开发区…), the end of a platform's name (信息港) or 公司 taking up the last one
named; what the clause before made (建设了Y产业园，规划面积…); one that opens an earlier clause;
the previous sentence's subject; the article's main platform.  Totals of several platforms
have none.  Items of a list take the subject and period of the line ending in ： above them.
A period is the time expression nearest before the number in its sentence, a goal word in its
clause, or what a sentence opening with 同时/其中/据统计 carries over; without any, a stock is
dated at publication and a flow is ``unknown``.  Dates of foundings and of values compared
with (由2021年的…, 成立于2014年) date nothing else.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from loaders.extract.entities import CLASS_NOUNS, LEGAL_SUFFIX, SHORT_NAME, Found, occurrences
from loaders.extract.metrics import canonical_metric, tidy
from loaders.extract.periods import TimeExpr, find_time_exprs
from loaders.extract.quantities import Quantity, find_quantities
from loaders.extract.regions import SCOPE_WORDS, home_province, regions, scope_region, subject_name
from loaders.extract.segment import word_frequency
from loaders.extract.words import before_any, contains, longest_first, strip_end, strip_start
from loaders.records import Designation, Fact, Mention

SENTENCE_END = re.compile(r"[。！？!?]")
CLAUSE_SEP = re.compile(r"[,，;；]|[:：](?![0-9])|——")     # 营业收入：145.2亿元 is one clause
# Units that describe durations, sizes and multiples of a benchmark, not economic facts.
SKIP_BASE = {"years", "months", "days", "hours", "minutes", "seconds", "times", "kg", "m", "km",
             "inch", "kV", "nm", "t_per_day"}
STOCK_BASE = {"count", "m2", "mu"}
CONTINUES = longest_first("同期", "同时", "与此同时", "其中", "此外", "另外", "由此", "由此得出", "比如", "例如", "据统计", "据了解", "因此", "而且", "并且")
LEAD = re.compile(r"^(?:、|次|我们|我区|我县|我市|咱们|有望|可望|力争|争取|确保|预计|最近|全区|意将|拟将|同时|其中|此外|另外|并且|并|且|而|也|还|就|仅|已经|已|共计|共|合计|总计|拥有|已有|有|内|"
                  r"将|首次|再|均|分别|带动|实现|的|其|通过|剩余(?=.)|还有)+")
TRAIL = re.compile(r"(?:达到|达|约为|为|(?<!签)约|共计|共|合计|超过|超|突破|破|首次|首|仅为|仅|已经|已达|已|可达|"
                   r"已实现|实现|将有|有|将达到|预计|将|可|分别|了|是|在|至|提升至|提升到|提高到|提高至|增加到|增至|从|近|逾|不足|"
                   r"就|累计达|总计|力争|有望|争取|确保|计划|(?<![人亩户年平])均|都)+$")
# 年均/平均/三年年均 before a growth word qualify it; they do not name what grew.
AVERAGE_END = re.compile(r"(?:[0-9一二两三四五六七八九十]+年)?((?:年均|平均|年平均)?)$")
# "亩均税收方面，A以每亩42.8万元位居第一": the clause names the metric of the figures after it.
TOPIC_CLAUSE = re.compile(r"^(?:在|从|就)?(?![另一这此各多两几])([^,，;；。:：“”]{2,16}?)(?:方面|领域)$")
# 增速最快，达18.6%: the clause before names the metric and ranks it; the figure follows.
COPULA_OPEN = longest_first("达到", "达", "为", "是")
SUPERLATIVE_END = longest_first("最快", "最高", "最多", "最大", "最强", "领先", "居首", "第一")
# What a project's own figures are called (总投资6.5亿元，用地120亩 after the project is named).
PROJECT_METRIC = re.compile(r"(?:项目)?(?:总投资|计划投资|计划总投资|用地|占地|总用地|规划用地|总建筑面积|建筑面积)")
RUNNING_TOTAL = {"累计", "总计", "合计", "共计", "总数", "累计达", "累计达到"}
NEW_PREFIX = longest_first("新增", "新引进", "新招引", "新培育", "新认定", "新签约", "新落地", "新开工", "新")
ASIDE = re.compile(r"[^（）()]{0,4}[）)]")
BARE_COMPANY = re.compile(r"(?:目前|同时|今年|去年|此外)?[,，]?公司(?![0-9])")
BULLET = re.compile(r"\s*(?:[-•·●▪◆■]|[0-9]{1,2}[.、]|[（(][0-9]{1,2}[）)])\s*")
CREATED_BEFORE = re.compile(r"(?:建设|建成|打造|规划|成立|设立|启动|新建|筹建|谋划|布局)了?$")
# A value told as what it is compared with: 比上年的25.9亿元, 较2021年的5.62亿元, 比去年同期的X.
BASE_VALUE = re.compile(r"(?:比|较)(?:上年|去年|上一年|((?:19|20)[0-9]{2})年)(?:同期)?的$")
SERVICE_COUNT = longest_first("问题", "诉求", "难题", "事项", "堵点", "痛点")
# The nouns a metric ends on, longest first (规上工业总产值 = 规上工业 + 总产值).
METRIC_HEADS = ("总产值", "增加值", "营业收入", "主营业务收入", "产值", "收入", "投资", "税收", "利润", "产量")
# 分别 followed by its verb and the metric the listed parts share (分别实现产值).
SHARED_METRIC_AFTER = re.compile(r"^(.+?)分别(?:实现|完成|达到?|为)([^,，。；;、和]{2,10}?)(?:为|达到?|是)?$")
# 三大板块, 两个园区 closing a list: how many there are, not a part
CLASS_COUNT_END = re.compile(r"[两三四五六七八九十0-9]+(?:大|个|项)?(?:板块|领域|产业|行业|园区|平台|类)?$")
FOUNDED_BEFORE = longest_first("成立于", "创立于", "创办于", "设立于", "始建于", "成立", "创建于")
ALREADY = re.compile(r"已经?|累计")
GROUP_NAMED = re.compile(r"(?:[两三四五六七八九十0-9]+个|各|所有)(?:省级|国家级)?(?:开发区|经开区|园区|平台|小镇|新城|科技城|产业园|区块)")
TOTAL_AFTER = re.compile(r"等?(?:合计|共计|总计|合共|一共)")
MONEY_BASES = ("yuan", "usd", "eur", "hkd", "jpy")
# A metric phrase that only compares (比上年净增, 较去年同期提高) names the figure before it.
INCREMENT_ONLY = re.compile(r"^(?:(?:比|较)(?:上年|去年|前年|上一年|上年同期|去年同期|同期|(?:19|20)[0-9]{2}年)?|当年|全年)"
                            r"(净增|新增|增加|提高|减少|下降|缩短)$")
GAP_TO_AVERAGE = re.compile(r"(?:高于|低于|高出|超过|超出)[^，。；;]{0,8}平均(?:水平|值)")
COMPARED_WITH = re.compile(r"(?:比|较)(?:上年|去年|前年|上一年|上年同期|去年同期|同期|(?:19|20)[0-9]{2}年(?:底|末)?)$")
YEAR_LIST = re.compile(r"(?:19|20)[0-9]{2}年?(?:(?:、|和|及|与)(?:19|20)[0-9]{2}年?)+")
RANKED_BY = re.compile(r"的([^,，。；;的]{2,16}?)(?:位居|位列|排名|排在|名列|居于|居|领跑|领先)")
RANK_LIST = re.compile(r"([^,，。；;()]{2,16}?)(?:排名|排在|位居|位列|居)前[0-9一二两三四五六七八九十]+(?:位|名)?的?(?:是|为|分别是|依次是|依次为)")
GROWTH_END = re.compile(r"(?:同比|比上年|较上年)?(?:增长|下降|增速|增幅|提高|减少|增加)$")
GROWTH_WORD = re.compile(r"(?:同比)?(?:增长|增速|增幅|下降|减少|提高|(?<![上去前今本当全同])年增(?![长加幅]))")     # 年增12.6%: Taiwan's 同比增长
# A demonstrative and a class noun (该园区, 这座科技城, 这一基地项目, 上述企业), or 其: refers back.
ANAPHOR = re.compile(r"(?:上述|前述|这|该|此|本)(?:[一两]?[座个家所处项片]|一)?"
                     r"(?:(?<=[座个家所处项片该])[^\s,，。；;、“”的]{0,6}?)?"      # 这座石化基地, 该新材料产业园
                     r"(?P<noun>" + "|".join(CLASS_NOUNS) + r")"
                     r"|这家[^,，。；;“”]{1,16}?(?P<firm>企业|公司)|其(?![中他余实次])")   # 这家成立仅三年的企业
VALID_WILL = longest_first("达", "有", "实现", "增加", "新增", "突破", "超", "形成", "建成", "带动", "培育", "引进", "完成", "再")
OPENERS = re.compile(r"(?:讯|电|在|同时|其中|此外|目前|据统计|据了解|如今|当前|而|但|仅|就|今年|去年|近年来|"     # 6月24日讯 …
                     r"截至目前|另外|也|还|与此同时|作为[^,，]*的|(?:位于|地处|扎根|落户)[^,，]*的)*")
NOISE = re.compile(r"[“”\"'\s]")
DIGIT = re.compile(r"[0-9]")
BREAK = re.compile(r"[,，。;；、]")
DATED = re.compile(r"[0-9年月季]|十[一二三四五]五")
PLAN = re.compile(r"十[一二三四五]五")
FROM_BEFORE = re.compile(r"[从由][^,，。；;]{0,4}$")
FROM_WORD = re.compile(r"从|由(?=[^,，。；;]{0,8}?的?[0-9])")   # 由2021年的26.5%提高到30.7%, not 自由贸易
TO_AFTER = re.compile(r"(?:增至|提升至|提高至|增长至|增加到|增长到|提高到|提升到|上升至|跃升至|扩大至|增加至)")
RESPECTIVELY = re.compile(r"^(.*?)分别(?:为|是|达到?|实现)?$")
ADVERBS_ONLY = re.compile(r"[已也还均并成功被正式]*")
# A bare class noun opening a clause refers back to the last one named (小镇累计入驻企业…).
BARE_ANAPHOR = re.compile(r"(?:[0-9一二三四五六七八九十]+月(?:底|末)?|今年|去年|目前|同时|如今|现在|当前)?,?"
                          r"(小镇|新城|科学城|科技城|智造城|产业园|园区|孵化器|项目|开发区|高新区|经开区|新区|示范区|集聚区|综保区|基地|社区)"
                          r"(?=[^\u4e00-\u9fff]|[累已共现今去目实完总占用将建计达新引集拥内力预全规工营税固研亩通数产企上下一二三四前])")
EVENT_AFTER = re.compile(r"(?:已|正式|全面|顺利)?(?:投入使用|建成|竣工|投产|开工|签约|落成|开园)")
INSTITUTION_HEAD = re.compile(r"的[^,，。；;]{0,12}?(?:研究院|研究所|实验室|创新中心|大学|学院)")
# Goal words that govern the rest of their sentence (力争全年产值突破600亿元，新招引项目不少于8个).
GOVERNS = longest_first("力争", "确保", "争取", "目标")
CLASS_ENDS = {"开发区": ("开发区", "经开区", "开区"), "高新区": ("高新区", "高新技术产业开发区"),
              "综保区": ("综保区", "保税区"), "基地": ("制造业基地",), "园区": ("园区", "产业园", "园")}
COMPANY_ANAPHOR = re.compile(r"这家[^,，。]{0,20}?(?:公司|企业)|该(?:公司|企业)")
COUNTED_FIRMS = re.compile(r"[0-9一二三四五六七八九十]+[家个项]企业$|企业$")
PLANNED = longest_first("总投资", "计划投资")
# A figure expected once a project runs (达产后, 建成后, 投产后) is a forecast without a year.
AFTER_COMPLETION = re.compile(r"(?:达产|建成|投产|竣工|完工)后")
# A capacity or an output expected once a project runs has no period by the conventions.
TIMELESS = re.compile(AFTER_COMPLETION.pattern + r"|满产后|年产|每年可|可年产|年可|产能|年处理|年加工")
HEADING_BREAK = re.compile(r"[。！？!?；;]")
RANKED_WITHIN = re.compile(r"中(?:位列|排名|排|居|名列|列|位居)|之一|位列|名列|排名第")
TAIL_STOP = re.compile(r"(?:19|20)[0-9]{2}年|今年|去年|预计|同比|增长|实现|占|达到|达|位于|落户在")
PREPOSITION_START = re.compile(r"^[为对向与给在]")
PROJECT_WORD = longest_first("项目", "签约")
SETTLE = longest_first("落户", "入驻", "落地", "集聚")
AREA_TAIL_END = longest_first("打造", "建设", "用于", "成为", "将", "被", "的")
OF = re.compile(r"的(?=[^,，]{2,})")
CJK_START = re.compile(r"[\u4e00-\u9fff“]")
SPACE = re.compile(r"\s")
TRAILING_PARTICLES = re.compile(r"[的之和与及、]+$")


@dataclass
class Subject:
    """Who a figure is about."""

    kind: str
    name: str
    start: int | None = None      # where it is named in the sentence, for the quote
    end: int | None = None
    how: str = "named"            # how it was found: SUBJECT_TRUST's keys


def spans(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of text[start:end] between matches of the separator pattern."""
    out, pos = [], start
    for m in pattern.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def lines(mt: str) -> list[tuple[int, int]]:
    """Line (paragraph) spans."""
    out, pos = [], 0
    for part in mt.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


@dataclass
class Article:
    """Everything facts need about one article, computed once."""

    text: str
    mt: str
    found: Found
    published_on: date | None
    quantities: list[Quantity]
    times: list[TimeExpr]
    subjects: list[tuple[int, int, str, str]]     # start, end, kind, name (mentions and regions)
    all_times: list[TimeExpr]
    sections: list = field(default_factory=list)  # numbered sections (find_sections)

    def __post_init__(self) -> None:
        self.subject_starts = [s[0] for s in self.subjects]
        # by where they end: what a class word or a name's end takes up again is the last named
        self.subjects_by_end = sorted(self.subjects, key=lambda x: (x[1], x[1] - x[0]))
        self.subject_ends = [s[1] for s in self.subjects_by_end]
        self.mentions = sorted(self.found.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.platform_names = sorted({s[3] for s in self.subjects if s[2] == "platform"})
        self.entities_by_name = {e.name: e for e in reversed(self.found.entities)}   # the first of a name wins
        self.spans_all = sorted((m.start, m.end) for m in self.found.mentions)
        self.institution_starts = sorted(m.start for m in self.found.mentions if m.kind == "institution")
        self.span_starts = [s for s, _ in self.spans_all]
        self.time_starts = [t.span_start for t in self.times]
        self.q_starts = [q.start for q in self.quantities]
        # Every time word a metric phrase is trimmed of, dated or not (去年 in an undated article
        # is still no part of the metric): the metric must not depend on the publication date.
        self.phrase_times = [t for t in self.all_times if usable_time(self.mt, t, undated_ok=True)]
        self.phrase_time_starts = [t.span_start for t in self.phrase_times]

        self.frames = event_frames(self)
        self.frame_starts = [f.pos for f in self.frames]

    def frame_before(self, pos: int) -> "EventFrame | None":
        """The last event (a batch of projects signed or started) told before pos."""
        i = bisect_left(self.frame_starts, pos)
        return self.frames[i - 1] if i else None

    def subjects_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """Subject mentions starting in [start, end)."""
        return self.subjects[bisect_left(self.subject_starts, start):bisect_left(self.subject_starts, end)]

    def spans_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of all mentions (institutions too) starting in [start, end)."""
        return self.spans_all[bisect_left(self.span_starts, start):bisect_left(self.span_starts, end)]

    def named_before(self, pos: int):
        """Subject mentions ending at or before pos, the last named first (a generator)."""
        for i in range(bisect_right(self.subject_ends, pos) - 1, -1, -1):
            yield self.subjects_by_end[i]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions (institutions too) starting in [start, end)."""
        return self.mentions[bisect_left(self.mention_starts, start):bisect_left(self.mention_starts, end)]

    def times_in(self, start: int, end: int) -> list[TimeExpr]:
        """Time expressions starting in [start, end)."""
        return self.times[bisect_left(self.time_starts, start):bisect_left(self.time_starts, end)]


# Section heads of a round-up: 一、X区：…  （二）…  3. …  01 …  第四部分 …  Their level is their kind of number.
# An event frame: a batch of projects signed, started or finished together.  Its counts and total
# investment take the quarter or half the event is named for (2024年四季度重大项目集中开工活动),
# else they stand as of the event's day (gold/SCHEMA.md, "Periods").
EVENT_NOUNS = ("集中开工", "集中签约", "集中竣工", "集中投产", "开工仪式", "签约仪式", "开工活动", "签约活动",
               "签约大会", "开工大会")


@dataclass
class EventFrame:
    pos: int                        # where the event is named
    sentence_end: int
    span: TimeExpr | None           # the quarter or half it is named for
    day: TimeExpr | None            # the day it took place


def event_frames(art: "Article") -> list[EventFrame]:
    """Every event named in the article, in order."""
    mt, frames = art.mt, []
    for pos in sorted(p for noun in EVENT_NOUNS for p in occurrences(mt, noun)):
        if frames and pos < frames[-1].sentence_end:
            continue                            # one event a sentence
        ss = max(mt.rfind(c, 0, pos) for c in "。！？!?\n") + 1
        found = SENTENCE_END.search(mt, pos)            # (past a line break: a 快讯's head and body are one event)
        se = found.end() if found else len(mt)
        dated = [t for t in art.all_times if ss <= t.span_start < se     # the event's own name's too
                 and is_dated(t) and t.kind == "actual" and t.start and t.end]
        span = next((t for t in reversed(dated) if t.span_end <= pos and 28 <= (t.end - t.start).days <= 183), None)
        day = next((t for t in reversed(dated) if t.start == t.end), None)
        if span or day:                         # 本次集中开工项目 with no date: the event told before
            frames.append(EventFrame(pos, se, span, day))
    return frames


def event_period(art: Article, q: Quantity, subject: Subject, metric_text: str | None, dated: TimeExpr | None):
    """A count or total investment of an event's batch of projects: the event's period, else None."""
    frame = art.frame_before(q.start)
    if frame is None or q.start - frame.pos > 600 or dated is not None and dated.span_start >= frame.sentence_end:
        return None
    text = metric_text or ""
    batch = q.base_unit == "count" and "项目" in text or "总投资" in text and subject.kind != "project"
    if not batch:
        return None
    if frame.span:
        return as_period(frame.span)
    return ("asof", None, frame.day.end) if frame.day else None


SECTION_HEAD = (
    (1, re.compile(r"\s*(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+[、．.])")),
    (2, re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"\s*(?:[0-9]{1,2}[、．.](?![0-9])|0[1-9](?=\s|[\u4e00-\u9fff]|$))")),    # 01 alone on its line too
)


@dataclass
class Section:
    """A numbered section: where it runs and what its head names (the section's own subjects)."""

    start: int
    end: int
    level: int
    platform: tuple[str, str] | None     # (kind, name) of the first entity its head names
    region: str | None                   # the region its head names (全区 inside means it)


def find_sections(mt: str, found: Found) -> list[Section]:
    """The numbered sections of the article, each running to the next head of its level or above.

    A head without names of its own (（一）项目建设) inherits its enclosing section's subjects.
    """
    heads = []
    for ls, le in lines(mt):
        if not mt[ls:le].strip() or not is_heading(mt, ls, le) and not mt[ls:le].rstrip().endswith(("：", ":")):
            continue
        level = next((lv for lv, pattern in SECTION_HEAD if pattern.match(mt, ls, le)), None)
        if level is None or le - ls > 40:
            continue
        names = [m for m in found.mentions if ls <= m.start and m.end <= le and m.kind != "institution"]
        regions = [subject_name(n) for s_, e_, n in found.regions if ls <= s_ and e_ <= le and n not in SCOPE_WORDS]
        heads.append((ls, level, (names[0].kind, names[0].name) if names else None, regions[0] if regions else None))
    sections: list[Section] = []
    for i, (start, level, platform, region) in enumerate(heads):
        end = next((h[0] for h in heads[i + 1:] if h[1] <= level), len(mt))
        outer = next((sec for sec in reversed(sections) if sec.level < level and sec.end >= end), None)
        if outer and platform is None and region is None:
            platform, region = outer.platform, outer.region
        sections.append(Section(start, end, level, platform, region))
    return sections


def section_at(sections: list[Section], pos: int) -> Section | None:
    """The innermost section around pos."""
    inside = [sec for sec in sections if sec.start <= pos < sec.end]
    return max(inside, key=lambda sec: sec.level) if inside else None


def subject_mentions(found: Found, mt: str, sections: list[Section] = ()) -> list[tuple[int, int, str, str]]:
    """Mentions that can be a figure's subject, without enumeration members (A、B等).

    全市 and 全区 become the city and district the article (or the section they stand in) is
    about (全区规上工业总产值 in a Xiaoshan article is 萧山区's); with no district named, 全区 is the
    article's zone when that is a 区 (开发区, 高新区, 新区), else no subject.
    """
    out = []
    for m in found.mentions:
        if m.kind == "institution":
            continue
        out.append((m.start, m.end, m.kind, m.name))
    named_starts = {m.start for m in found.mentions}
    province = home_province(mt, found.main_platform)
    section_regions = {sec.region for sec in sections}
    for start, end, name in found.regions:
        if end in named_starts:
            continue                        # 余杭区仁和先进制造业基地: where the platform lies, not a subject
        if mt.startswith(("厂", "工厂", "分公司", "子公司"), end):
            continue                        # 平湖厂, 嘉兴工厂: a company's plant there, not the region
        place = regions().get(name)
        if name == "全国" or place and place.province and province and place.province != province \
                and place.name not in section_regions:
            continue                        # 全国, 香港 in a Dongguan story: context, never the figure's subject
                                            # (a section headed by a district of its own province is about it)
        region = scope_region(mt, name) if name in SCOPE_WORDS else subject_name(name)
        section = section_at(sections, start) if name in SCOPE_WORDS and name != "全省" else None
        if section and section.region and section.region[-1:] == name[-1:]:
            region = section.region             # 二、钱塘区：… 全区…: the section's district
        if region:
            out.append((start, end, "region", region))
        elif name == "全区" and (found.main_platform or "").endswith("区"):
            out.append((start, end, "platform", found.main_platform))   # 全区 in a zone's own report: the zone
    out.sort(key=lambda s: (s[0], -s[1]))      # nested names: the longer first (宏杉科技项目 before 宏杉科技)
    # 占全区的比重: what a share is of, not what it is about; Y项目（X公司投资）: an aside
    return [s for s in out if not is_enumerated(mt, s[0], s[1]) and mt[s[0] - 1:s[0]] != "占"
            and not (mt[s[0] - 1:s[0]] in ("（", "(") and ASIDE.match(mt, s[1]))]


def is_enumerated(mt: str, start: int, end: int) -> bool:
    """True for an item of a list (A、B等): it is not what the sentence is about.

    A name after 、 that goes on with its own figure (、B同比增长23%) opens a clause instead.
    """
    after = mt[end:end + 1]
    return after in ("、", "等") or mt[start - 1:start] == "、" and (after in ",，。；;" or not after)


def find_facts(text: str, mt: str, found: Found, published_on: date | None,
               times: list[TimeExpr] | None = None) -> list[Fact]:
    """Every quantitative fact of the article (``times``: find_time_exprs' result, if already known)."""
    if times is None:
        times = find_time_exprs(text, published_on)
    sections = find_sections(mt, found)
    art = Article(text, mt, found, published_on, find_quantities(text),
                  [t for t in times if usable_time(mt, t)], subject_mentions(found, mt, sections), times, sections)
    facts: list[Fact] = []
    seen: dict[tuple, int] = {}
    paragraph_period: TimeExpr | None = None
    intro: tuple[Subject | None, TimeExpr | None] | None = None    # …主要指标如下： before a list

    def keep(found: list[Fact]) -> None:
        for f in found:
            key = (f.subject_name, f.metric, f.metric_text, f.value, f.unit, f.period_kind, f.period_start, f.period_end)
            if key not in seen:
                seen[key] = len(facts)
                facts.append(f)
            elif f.confidence > facts[seen[key]].confidence:
                facts[seen[key]] = f          # a candidate told again, now with confidence

    for ls, le in lines(mt):
        if not mt[ls:le].strip():
            continue
        if intro and BULLET.match(mt, ls):
            # - 文化产业营业收入：145.2亿元，同比增长9.7%；: an item of the list the line before opened
            keep(sentence_facts_of(art, ls, le, intro[0], intro[1], paragraph_period)[0])
            continue
        opens_list = mt[ls:le].rstrip().endswith(("：", ":"))
        intro = None
        if is_heading(mt, ls, le):
            # a headline or section title dates the undated paragraphs under it (X开发区2023年1-6月经济运行简况)
            dated = [t for t in art.times_in(ls, le) if is_dated(t) and t.kind == "actual" and t.start and t.end]
            paragraph_period = dated[-1] if dated else paragraph_period
            if opens_list:                  # a head has no figures of its own: read it for what it is about
                _, about, period = sentence_facts_of(art, ls, le, None, None, paragraph_period)
                intro = (about, period or paragraph_period)
            continue
        carry_subject: Subject | None = None
        # A paragraph opening with 其中/此外/同时 goes on from the one before: its period too
        # (今年1-9月…如下：[table] 其中，园区完成产值57.2亿元).
        carry_period = paragraph_period if mt[ls:le].lstrip("“").startswith(CONTINUES) else None
        for ss, se in spans(SENTENCE_END, mt, ls, le):
            # an undated sentence is read in its own paragraph's last period (去年…。园区新增企业10家),
            # before the one an earlier paragraph ended on
            own = carry_period if carry_period is not None and carry_period.kind == "actual" else None
            sentence_facts, carry_subject, carry_period = sentence_facts_of(art, ss, se, carry_subject, carry_period,
                                                                            own or paragraph_period)
            keep(sentence_facts)
        paragraph_period = carry_period or paragraph_period
        if opens_list:
            intro = (carry_subject, carry_period or paragraph_period)
    return facts


def is_heading(mt: str, ls: int, le: int) -> bool:
    """A headline, section title or caption: short and without sentence punctuation.

    Their figures repeat the body's (拱墅23个项目集中开工 总投资超200亿元) without its context.
    """
    return le - ls <= 40 and not HEADING_BREAK.search(mt, ls, le)


def usable_time(mt: str, t: TimeExpr, undated_ok: bool = False) -> bool:
    """Drop 将 when it is 把 (将产能从…提升至, 将83亩…打造成为) rather than 'will', a base year after 比/较,
    and the date of a founding (成立于2014年的机构，目前管理规模…: 2014 dates the founding only)."""
    if mt[max(0, t.span_start - 4):t.span_start].endswith(FOUNDED_BEFORE):
        return False
    if t.text == "将":
        return mt.startswith(VALID_WILL, t.span_end)
    if t.span_start > 0 and mt[t.span_start - 1] in "比较与同跟和":
        return False                        # 比上年增长, 较2019年翻番, 与去年同期相比: the base, not the period
    return undated_ok or not (t.kind == "actual" and t.start is None)


def is_dated(t: TimeExpr) -> bool:
    """A time expression that names a date or span, not just 目前/已/预计."""
    return bool(DATED.search(t.text))


def sentence_facts_of(art: Article, ss: int, se: int, carry_subject, carry_period, fallback=None):
    """Facts of one sentence, and what it hands on to the next sentence of its paragraph."""
    mt = art.mt
    qs = art.quantities[bisect_left(art.q_starts, ss):bisect_left(art.q_starts, se)]
    times = art.times_in(ss, se)
    clauses = split_after_figures(mt, spans(CLAUSE_SEP, mt, ss, se), qs)
    # A sentence with no time of its own goes on with the year-to-date span of the one
    # before it (上半年，实现增加值156.8亿元。固定资产投资完成98.3亿元，增长17.5%。).
    continues = mt[ss:se].lstrip("“").startswith(CONTINUES) or not times and year_to_date(carry_period) \
        or not any(is_dated(t) for t in times) and past_year(carry_period, art) and "year"
    # 由2021年的26.5%, 较2021年的5.62亿元: the year of a value compared with dates nothing after it
    period_context = next((t for t in reversed(times) if is_dated(t) and t.text not in ("全年", "年内")
                           and not mt.startswith("的", t.span_end) and not (t.span_start and mt[t.span_start - 1] in "与比较")
                           ), None) or carry_period
    facts: list[Fact] = []
    topic = sentence_topic(art, ss, se, clauses) or carry_subject
    if topic is carry_subject and topic and topic.kind in ("project", "enterprise") \
            and clauses and TOPIC_CLAUSE.match(mt[clauses[0][0]:clauses[0][1]].strip()):
        topic = None                        # 要素保障方面，…: a new topic, not the company or project told before
    last_base: str | None = None
    last_unit: str | None = None
    last_growth: str | None = None
    bases: list[str] = []
    project_count_seen = False
    fact_of: Quantity | None = None           # the quantity the last fact was made of
    candidates: list[Fact] = []

    def doubt(q: Quantity, clause, subject: Subject | None, metric_text: str | None, reason: str) -> None:
        """Keep a figure the rules doubt as a low-confidence candidate, with the reason (if it has a subject)."""
        if subject is None:
            return
        phrase = metric_text or clean(TRAIL.sub("", LEAD.sub("", mt[clause[0]:q.start])))[-16:]
        if not phrase:
            return
        kind, start, end = settled(*period_of(art, q, clause, times, continues, carry_period, subject, phrase,
                                              fallback))
        qs_, qe = quote_span(mt, clause, clauses, subject)
        candidates.append(Fact(subject.kind, subject.name, canonical_metric(phrase, q.base_unit, q.unit),
                               tidy(phrase) or phrase, q.value, q.unit, q.value_base, q.base_unit, q.qualifier,
                               kind, start, end, art.text[qs_:qe], qs_, qe,
                               confidence=VETO_CONFIDENCE, reasons=(reason,)))

    for i, q in enumerate(qs):
        veto = not_figure(art, q, qs[i + 1:], clauses)
        if veto in HARD_VETOES:
            continue
        clause = next(c for c in clauses if c[0] <= q.start < c[1] or c[0] <= q.number_start < c[1])
        if veto:
            doubt(q, clause, find_subject(art, q, clause, clauses, ss, topic), None, veto)
            continue
        paired = respective_subject(art, q, ss, se, qs)
        subject = paired or find_subject(art, q, clause, clauses, ss, topic)
        if subject is None:
            continue
        own_project = COMPANY_PROJECT.match(mt, subject.end) if subject.kind == "enterprise" and subject.end else None
        if own_project:
            project = project_of_company(art, subject.name, subject.start,
                                         bool(re.search("这个|这一|该|此", own_project.group(0))))
            if project:                     # X公司的这个项目选址…，用地约20亩: the project's figures
                subject = Subject("project", project, subject.start, subject.end, "company's project")
        if of_a_group(art, q, clause, subject):
            doubt(q, clause, subject, None, "a total of several entities")
            continue
        topic_metric = clause_topic(mt, clauses, clause)
        # the metric a bare growth rate is of: the last figure's (产值50亿元，增长8%; A产值增长8%，B增长9%)
        metric_text = metric_phrase(art, q, clause, qs, respective_base(art, q, clause, qs, bases)
                                    or (last_growth if q.change else last_base) or topic_metric)
        ranked = RANKED_BY.match(mt, q.end) if mt[q.start - 1:q.start] == "以" else None
        if ranked:
            metric_text = clean(ranked.group(1))
        if not metric_text or metric_text[0] == "以" and len(metric_text) <= 2:
            metric_text = told_before(art, q, clause, clauses) \
                or (last_base if metric_text and last_unit == q.base_unit else "")
        if metric_text in ("", "(") and mt[q.start - 1:q.start] == "(":
            metric_text = ranked_list_metric(mt, ss, q.start) or ""     # 排名前两位的是A（126.5亿元）和B（…）
        if metric_text in RUNNING_TOTAL and last_base and q.base_unit in ("count", last_unit):
            metric_text = strip_start(last_base, NEW_PREFIX)     # 新增规上企业5家，累计达到96家: 规上企业 in all
        if paired and metric_text:
            metric_text = TRAIL.sub("", LEAD.sub("", metric_text.replace("分别", "")))   # A和B的产值分别占…
        if q.base_unit == "percent" and re.search(r"占[^占比]{1,10}$", metric_text or ""):
            metric_text = re.sub(r"的$", "", metric_text) + "比重"      # 产值占全区的36.5%: a share
        if not metric_text or metric_text == "(" or "分别" in metric_text:
            doubt(q, clause, subject, None, "no metric phrase, or whose figure is unclear")
            continue                        # A和B分别…X和Y with B unrecognised: whose figure is unclear
        base_year = BASE_VALUE.search(mt, max(ss, q.start - 12), q.start) if not q.change else None
        if base_year and not (last_base and facts and facts[-1].period_kind == "actual"):
            doubt(q, clause, subject, metric_text, "a value compared with, and no figure before it")
            continue                        # 比上年的25.9亿元 with no figure before it to compare
        if base_year:
            metric_text = last_base         # 完成投资31.4亿元，比上年的25.9亿元增长21.2%: last year's investment
        if metric_text.endswith(SERVICE_COUNT):
            doubt(q, clause, subject, metric_text, "a service tally")
            continue                        # 帮助企业解决问题430件: a service tally, not an economic figure
        if GAP_TO_AVERAGE.search(mt, clause[0], q.start):
            doubt(q, clause, subject, metric_text, "a gap to a benchmark")
            continue                        # 高于全区平均水平5.6万元和32万元: gaps to a benchmark, not measures
        change = INCREMENT_ONLY.match(metric_text)
        if change and last_base and not q.change and q.base_unit == last_unit:
            metric_text = strip_start(last_base, NEW_PREFIX) + change.group(1)   # 248家，比上年净增41家: 高新技术企业净增
        elif change:
            doubt(q, clause, subject, metric_text, "an increment of something unnamed")
            continue                        # 比上年增加18家 after a figure in another unit: of what is unclear
        if topic_metric and not q.change and (len(metric_text) <= 2 or metric_text[0] in "以按每"):
            metric_text = topic_metric      # 新增高新技术企业方面，A新增78家: the topic names the figure
        if not q.change:
            last_base, last_unit = metric_text, q.base_unit
            bases.append(metric_text)
        last_growth = GROWTH_END.sub("", metric_text) if q.change else metric_text
        kind, start, end = settled(*period_of(art, q, clause, times, continues, carry_period, subject, metric_text,
                                              fallback))
        if base_year:
            kind, start, end = earlier_period(facts[-1], base_year.group(1))
        listed_year = respective_year(art, q, qs, ss)
        if listed_year:                     # 2019年、2020年、2021年…分别实现A、B和C: the i-th year's
            kind, start, end = "actual", date(listed_year, 1, 1), date(listed_year, 12, 31)
        span = years_span(art, q) if q.role in ("from", "to") else None
        if span:                            # 2019年至2021年…从412.6亿元增长到586.2亿元: each end of the span
            year = span.start.year if q.role == "from" else span.end.year
            kind, start, end = "actual", date(year, 1, 1), date(year, 12, 31)
        if kind == "target":
            kind, start, end = settled(*tense(art, q, clause, ss, subject, metric_text, (kind, start, end), times))
        elif kind != "unknown":
            kind, start, end = settled(*timeless(art, q, clause, subject, metric_text, (kind, start, end)))
        base = facts[-1] if facts else None
        if q.change and base and base.period_kind == "target" and kind != "target" and "分别" not in mt[ss:q.start] \
                and base.subject_name == subject.name and i and fact_of is qs[i - 1] \
                and not qs[i - 1].change and not any(is_dated(t) or t.kind == "target"
                                                     for t in art.times_in(qs[i - 1].end, q.start)):
            kind, start, end = base.period_kind, base.period_start, base.period_end
            # 预计实现产值1280亿元，增长6.5%: the growth of a forecast is a forecast too
        metric = canonical_metric(metric_text, q.base_unit, q.unit)
        if q.base_unit == "count" and contains(metric_text, PROJECT_WORD):
            project_count_seen = True
        elif metric == "总投资" and subject.kind != "project" and (project_count_seen or counts_projects_next(mt, q, qs)):
            metric = "项目总投资"
        qs_, qe = quote_span(mt, clause, clauses, subject)
        confidence, reasons = trust(subject, kind, metric_text, metric, q)
        fact_of = q
        for each in each_of(art, q, clause, subject):
            facts.append(Fact(each.kind, each.name, metric, tidy(metric_text) or metric_text, q.value, q.unit,
                              q.value_base, q.base_unit, q.qualifier, kind, start, end, art.text[qs_:qe], qs_, qe,
                              confidence=confidence, reasons=reasons))
        topic = subject
    return facts + candidates, topic, period_context


# Confidence.  Every figure starts at 1; each doubt multiplies it and names itself.  Figures the
# rules veto outright get VETO_CONFIDENCE.  Facts under the threshold (CONFIDENCE_THRESHOLD, in
# loaders/extract/__init__.py) are candidates for review, not shown in reporting.facts.  The
# factors were set on the tuning corpus with bench/tune.py (README, "Extraction quality").
VETO_CONFIDENCE = 0.3
SUBJECT_TRUST = {"named": 1.0, "company's project": 0.95, "clause before": 0.95, "section head": 0.9, "class word": 0.95, "named after": 0.9, "topic": 0.9,
                 "main platform": 0.85, "anaphor": 0.8}
# A figure with no period at all, not even a relative one waiting for its anchor, is right about
# half the time on the tuning corpus: shown when its subject is sure, a candidate otherwise.
UNKNOWN_PERIOD_TRUST = 0.6
SHORT_METRIC_TRUST = 0.7


def trust(subject: Subject, period_kind: str, metric_text: str, metric: str, q: Quantity) -> tuple[float, tuple]:
    """A kept figure's confidence and the reasons that lowered it."""
    confidence, reasons = SUBJECT_TRUST.get(subject.how, 1.0), []
    if confidence < 1:
        reasons.append(f"subject: {subject.how}")
    if len(tidy(metric_text) or metric_text) <= 1:
        confidence *= SHORT_METRIC_TRUST
        reasons.append("metric phrase of one character")
    return round(confidence, 3), tuple(reasons)


# Aspect and mood decide whether a figure near a goal word is a goal.
ESTIMATE = longest_first("预计", "预估", "估计", "初步测算", "初步统计", "初步核算")
DONE = re.compile(r"已经?(?!有望)|完成了|实现了|达到了")
OWN_GOAL = longest_first("力争", "确保", "争取", "计划", "目标", "将", "预计", "有望", "拟")
# What a project is (its investment, land, floor area, capacity) is said as of now, whatever its schedule.
PROJECT_ATTRIBUTE = longest_first("投资", "用地", "占地", "建筑面积", "面积", "产能", "规模", "能力")


def tense(art: Article, q: Quantity, clause, ss: int, subject: Subject, metric_text: str, period, times):
    """A target period checked against what governs the figure.

    - a project's attributes (总投资, 用地 …) near 预计明年投产 are as of now, not goals;
    - 预计 about a span already over at publication is an estimate of the actual
      (published in January: 预计2024年全年实现产值628亿元 is 2024's figure);
    - a figure its own clause says is done (已完成投资38亿元) is not a goal because a goal word
      (为完成全年目标任务) governs another clause.
    """
    kind, start, end = period
    cs, _ = clause
    if is_project_attribute(subject, metric_text, q) and not AFTER_COMPLETION.search(art.mt, cs, q.start):
        return project_stock(art, period)   # 总投资5.2亿元，预计明年投产: planned, as of now
    published = art.published_on
    if published and end and end < published and contains(art.mt, ESTIMATE, ss, q.start) \
            and not re.search(r"力争|确保|争取|目标", art.mt[ss:q.start]):
        return "actual", start, end
    if published and published.month <= 3 and contains(art.mt, ESTIMATE, ss, q.start) and "全年" in art.mt[ss:q.start] \
            and start and start.year == published.year and not re.search(r"今年|本年|力争|确保|争取|目标|[0-9]{4}年",
                                                                         art.mt[ss:q.start]):
        year = published.year - 1           # 预计全年实现… in a January article: the year just closed
        return "actual", date(year, 1, 1), date(year, 12, 31)
    own = art.mt[cs:q.start]
    own_target = any(t.kind == "target" and cs <= t.span_start < q.start for t in times)
    # 占年度计划的81.3%: how much of a plan is done, a figure of progress and no goal
    progress = q.base_unit == "percent" and "占" in own and contains(own[own.rfind("占"):], ("计划", "目标", "任务"))
    if progress or DONE.search(own) and not contains(own, OWN_GOAL) and not own_target:
        dated = next((t for t in reversed(times) if t.span_end <= q.start and t.span_start >= ss and is_dated(t)
                      and t.kind in ("actual", "asof")), None)
        return as_period(dated) if dated else asof_published(art)
    return period


def timeless(art: Article, q: Quantity, clause, subject: Subject, metric_text: str, period):
    """What a project is (总投资, 用地 …) is a stock as of the event its sentence dates, else of publication;
    what it will yield once running (达产后可实现年产值…) has no period unless its clause names a year."""
    cs, _ = clause
    own = art.mt[cs:q.start]
    if AFTER_COMPLETION.search(own) and not re.search(r"[0-9]{4}年|今年|明年|后年", own):
        return "unknown", None, None
    if is_project_attribute(subject, metric_text, q):
        return project_stock(art, period)
    return period


def is_project_attribute(subject: Subject, metric_text: str, q: Quantity) -> bool:
    """A project's investment, land, floor area or capacity: what it is, not what it did."""
    return subject.kind == "project" and contains(metric_text, PROJECT_ATTRIBUTE) and not q.change \
        and q.base_unit not in ("percent", "pp")


def project_stock(art: Article, period):
    """A project attribute as a stock as of the event its sentence dates (5月签约…总投资), never later
    than publication; with no past event (a goal, no date), as of publication."""
    kind, _, end = period
    if kind in ("actual", "asof") and end:
        return "asof", None, min(end, art.published_on) if art.published_on else end
    return asof_published(art)


def earlier_period(current: Fact, year: str | None) -> tuple[str, date, date]:
    """The period a base value (比上年的X, 较2021年的X) is for: the current one, a year or N years back."""
    back = current.period_start.year - int(year) if year else 1
    def shift(d: date) -> date:
        try:
            return d.replace(year=d.year - back)
        except ValueError:                  # 29 February
            return d.replace(year=d.year - back, day=28)
    return "actual", shift(current.period_start), shift(current.period_end)


def respective_base(art: Article, q: Quantity, clause, qs: list[Quantity], bases: list[str]) -> str | None:
    """分别同比增长23.2%和16.8%: the n-th rate belongs to the n-th figure named before."""
    if not q.change:
        return None
    mt = art.mt
    group = mt.rfind("分别", max(0, q.start - 40), q.start)
    if group < 0 or not re.match(r"[^,，。；;]*$", mt[group:q.start].split("、")[0]):
        return None
    # the rates of that 分别, across the 、 and 和 that split them into clauses
    rates = [o for o in told_respectively(mt, q, qs, max(0, q.start - 40), q.end + 60, same_unit=False)
             if not re.search(r"[。；;]", mt[group:o.start])]
    if len(rates) < 2 or len(bases) < len(rates):
        return None
    return bases[len(bases) - len(rates) + rates.index(q)]


def split_after_figures(mt: str, clauses, qs: list[Quantity]):
    """A、B、C after a figure (A增长32%、B增长23%) separates clauses, not list items."""
    cuts = {q.end for q in qs if mt[q.end:q.end + 1] == "、"}
    if not cuts:
        return clauses
    out = []
    for cs, ce in clauses:
        for cut in sorted(c for c in cuts if cs < c < ce):
            out.append((cs, cut))
            cs = cut + 1
        out.append((cs, ce))
    return out


def sentence_topic(art: Article, ss: int, se: int, clauses) -> Subject | None:
    """The entity that opens a clause of the sentence: what the sentence is about."""
    for s, e, kind, name in art.subjects_in(ss, se):
        cs = next(c for c, ce in reversed(clauses) if c <= s)
        if opens_clause(art, cs, s):
            return Subject(kind, name, s, e)
    return None


def opens_clause(art: Article, cs: int, s: int) -> bool:
    """True when only time words, connectives and quotes precede a mention in its clause."""
    head = art.mt[cs:s]
    if not head:
        return True
    for t in art.times_in(cs, s):
        if t.span_end <= s:
            head = head.replace(art.mt[t.span_start:t.span_end], "")
    return bool(OPENERS.fullmatch(NOISE.sub("", head)))


# Why a number is not stored as a figure.  HARD reasons mean it is no economic quantity at
# all (a duration, a number inside a name); the others keep it as a low-confidence candidate.
HARD_VETOES = {"a duration, size or multiple", "the starting point of a change", "the unit is misread",
               "a number inside a name"}
# Counted nouns of economic figures: 七个项目, 三家企业 in Chinese numerals are figures.
COUNTED_NOUN = re.compile(r"(?:重大|重点|产业|制造业|亿元以上|新)?(?:项目|企业|平台|园区|基地|中心|工厂|车间|研究院|实验室|机构)")


CURRENCY_WORDS = longest_first("人民币", "新台币", "台币", "港币", "港元", "美元", "欧元", "日元")
RESTATING = longest_first("约合", "约", "折合", "合", "相当于", "即", "大约")


def restated(art: Article, q: Quantity) -> bool:
    """q restates the figure before it in parentheses (45亿元人民币（约合49亿港元）, 17亩（约1.1万平方米）)."""
    mt = art.mt
    p = mt.rfind("(", max(0, q.start - 10), q.start)
    if p < 0:
        return False
    words = strip_start(strip_start(mt[p + 1:q.start], RESTATING), CURRENCY_WORDS)
    if words.strip():
        return False
    i = bisect_left(art.q_starts, p) - 1
    # 45亿元人民币（…: only a currency word may stand between the figure and its restatement
    return i >= 0 and art.quantities[i].end >= p - 3 and not strip_end(mt[art.quantities[i].end:p].strip(), CURRENCY_WORDS)


def not_figure(art: Article, q: Quantity, later: list[Quantity], clauses) -> str | None:
    """Why q is not a figure (durations, sizes, ranks, thresholds 超5亿元企业6家, set references), or None."""
    mt = art.mt
    if q.base_unit in SKIP_BASE or q.base_unit is None:
        return "a duration, size or multiple"
    if q.role == "from" and not years_span(art, q):
        return "the starting point of a change"
    if mt[q.end - 1:q.end + 1] == "项目":
        return "the unit is misread"        # 117亿项目
    if restated(art, q):
        return "a restatement in another unit"      # 186亿元（约新台币832亿元）: optional in gold
    if q.base_unit == "count" and (q.unit.endswith(("家次", "户次")) or q.unit[-1:] in "家户" and mt[q.end:q.end + 1] == "次"):
        return "a tally of visits to firms"  # 服务企业600家次: a service tally
    if FROM_BEFORE.search(mt, max(0, q.start - 6), q.start) and TO_AFTER.match(mt, q.end) and not years_span(art, q):
        return "the starting point of a change"     # 从最初300万元增至…
    if any(s <= q.number_start < e for s, e in art.spans_in(q.number_start - 40, q.number_start + 1)):
        return "a number inside a name"
    number = mt[q.number_start:q.number_end]
    closes = mt[q.end:q.end + 1] in ("", "，", ",", "。", "；", ";", "、", "\n") and number != "一"
    if q.base_unit == "count" and not DIGIT.search(number) and q.qualifier is None and not closes \
            and not (number not in ("一", "两", "二") and COUNTED_NOUN.match(mt, q.end)):
        return "a counting word"            # 两条曲线, 三层小楼 (but 七个项目, 三家企业, 企业六家。 are figures)
    nxt = later[0] if later else None
    if nxt and is_threshold(mt, q, nxt):
        return "a threshold in the next figure's metric"
    clause = next((c for c in clauses if c[0] <= q.start < c[1]), None)
    if clause and mt[clause[1] - 1] == "中" and q.base_unit == "count":
        return "a set the sentence refers to"       # 在签约的41个项目中
    if q.base_unit == "percent" and mt[q.start - 1:q.start] == "的" \
            and not re.search(r"占[^，。；,;]{0,10}的$", mt[max(0, q.start - 14):q.start]):
        return "a share of something else"         # 贡献了工业总产值的九成, 完成年度目标的100%
    tail = mt[q.end:clause[1]] if clause else ""
    if q.base_unit == "count" and RANKED_WITHIN.search(tail[:30]):
        return "the set a rank is taken in"         # 在全国217家经开区中位列第九
    if re.match(r"(?:大关|关口|门槛)", mt[q.end:q.end + 2]):
        return "a threshold passed"                 # 破千万元大关
    if mt[q.start - 1:q.start] == "以" and RANKED_BY.match(mt, q.end):
        return None                                 # 以126.5亿元的规上工业增加值位居第一
    if mt[q.end:q.end + 1] == "的" and not followed_by_project(art, q):
        head = mt[clause[0]:q.start] if clause else ""
        if q.qualifier == "more_than" or not TRAIL.sub("", LEAD.sub("", head)):
            return "describes a noun"               # 产值超5亿元的高新企业
    return None


def told_before(art: Article, q: Quantity, clause, clauses) -> str | None:
    """A增速最快，达18.6%: a figure after a bare 达/为 measures what the clause before named."""
    mt = art.mt
    cs, _ = clause
    if not mt.startswith(COPULA_OPEN, cs) or (TRAIL.sub("", mt[cs:q.start]) or mt[cs:q.start]) not in COPULA_OPEN:
        return None
    prev = next((c for c in reversed(clauses) if c[1] <= cs), None)
    if prev is None or any(o.start >= prev[0] and o.end <= prev[1] for o in art.quantities):
        return None
    start = prev[0]
    for s, e, *_ in art.subjects_in(prev[0], prev[1]):
        start = max(start, e)
    for t in art.times_in(prev[0], prev[1]):
        start = max(start, t.span_end)
    phrase = strip_end(mt[start:prev[1]].strip(",，;； "), SUPERLATIVE_END)
    phrase = clean(TRAIL.sub("", LEAD.sub("", phrase)))
    return phrase if len(phrase) >= 2 else None


def ranked_list_metric(mt: str, ss: int, pos: int) -> str | None:
    """X排名前两位的是A（126.5亿元）和B（118.2亿元）: the metric the list is ranked by."""
    m = None
    for m in RANK_LIST.finditer(mt, ss, pos):
        pass
    return clean(TRAIL.sub("", LEAD.sub("", m.group(1)))) if m else None


def clause_topic(mt: str, clauses, clause) -> str | None:
    """The metric named by the latest topic clause (亩均税收方面) before this clause in its sentence."""
    for cs, ce in reversed([c for c in clauses if c[1] <= clause[0]]):
        m = TOPIC_CLAUSE.match(mt[cs:ce].strip())
        if m:
            return clean(m.group(1))
    return None


def respective_year(art: Article, q: Quantity, qs: list[Quantity], ss: int) -> int | None:
    """The year matching q's place among figures told 分别 after a list of as many years."""
    mt = art.mt
    years = YEAR_LIST.search(mt, ss, q.start)
    after = mt.find("分别", years.end() if years else ss, q.start)
    if not years or after < 0:
        return None
    listed = [int(y) for y in re.findall(r"(?:19|20)[0-9]{2}", years.group(0))]
    same = [o for o in qs if o.start > after and o.base_unit == q.base_unit and bool(o.change) == bool(q.change)
            and not SENTENCE_END.search(mt, after, o.start)]
    if len(same) != len(listed) or q not in same:
        return None
    return listed[same.index(q)]


def years_span(art: Article, q: Quantity) -> TimeExpr | None:
    """The span of years (2019年至2021年) told before a 从X增长到Y pair in its sentence, if any."""
    ss = max(art.mt.rfind(c, 0, q.start) for c in "。！？\n") + 1
    span = next((t for t in reversed(art.times_in(ss, q.start)) if t.kind == "actual" and t.start and t.end
                 and t.end.year > t.start.year and (t.start.month, t.end.month) == (1, 12)), None)
    return span


# Between an investment and the project it builds: 总投资12亿元的X项目, 总投资26亿元建设X基地.
INVESTED_IN = re.compile(r"的|(?:用于|用来)?(?:建设|新建|投建|打造|兴建|实施)")


def followed_by_project(art: Article, q: Quantity) -> Mention | None:
    """总投资约12亿元的X项目, 总投资26亿元建设X基地: the project named right after a money figure."""
    link = INVESTED_IN.match(art.mt, q.end) if q.base_unit in MONEY_BASES else None
    if not link:
        return None                         # 总投资36亿元；X项目…: a project after a clause break is not it
    return next((m for m in art.mentions_in(link.end(), link.end() + 1) if m.kind == "project"), None)


def find_subject(art: Article, q: Quantity, clause, clauses, ss: int, topic: Subject | None) -> Subject | None:
    """The entity the figure is about (see the module docstring for the order of rules)."""
    mt = art.mt
    project = followed_by_project(art, q)
    if project:
        return Subject("project", project.name, project.start, project.end)
    cs, ce = clause
    before = [s for s in art.subjects_in(cs, q.start) if s[1] <= q.start]
    before = [s for s in before if s[2] != "region" or opens_clause(art, cs, s[0])]
    listed = [(m.start, m.end) for m in art.mentions_in(cs, q.start)
              if m.end <= q.start and mt[m.end:m.end + 1] == "等"]
    # 新落地X项目等重大项目15个: X is an example of what is counted, not what the count is of
    before = [x for x in before if not any(s <= x[0] and x[1] <= e for s, e in listed)]
    if before:                             # the nearest; of nested names the longer
        s, e, kind, name = max(before, key=lambda x: (x[1], x[1] - x[0]))
        return Subject(kind, name, s, e)
    if institution_opens(art, cs, q.start):
        return None                         # 某实验室计划集聚…: an institution's figure, no subject of ours
    anaphor = ANAPHOR.search(mt, cs, q.start)
    if anaphor:
        return _how(resolve_anaphor(art, anaphor, topic), "anaphor")
    if INSTITUTION_HEAD.search(mt, cs, q.start) and not ANAPHOR.search(mt, cs, q.start):
        return None                         # 新城与某大学共建的研究院已孵化…: the institution's figure
    bare = BARE_ANAPHOR.match(mt, cs)
    if bare and not before:
        named = named_by_class(art, bare.group(1), cs)
        if named:
            return _how(named, "class word")
    if not before:
        tail = named_by_tail(art, cs)
        if tail:
            return _how(tail, "class word")
    if BARE_COMPANY.match(mt, cs) and not before:     # 目前，公司研发人员占比超过40%: the company last named
        company = next((x for x in art.named_before(cs) if x[2] == "enterprise"), None)
        if company:
            s, e, kind, name = company
            return Subject(kind, name, s, e, "anaphor")
    project_metric = PROJECT_METRIC.match(LEAD.sub("", mt[cs:q.start]))
    for pcs, pce in reversed([c for c in clauses if c[1] <= cs]):
        head = relative_head(art, pcs, pce) or created_object(art, pcs, pce)
        if head:
            return _how(head, "clause before")
        named = [x for x in art.subjects_in(pcs, pce) if x[2] == "project"]
        if project_metric and named:        # 新签约X项目，总投资6.5亿元，用地120亩: the project's
            s, e, kind, name = named[-1]
            return Subject(kind, name, s, e, "clause before")
        opening = ANAPHOR.match(mt, pcs)
        if opening and opening.group("noun") or opening and opening.group("firm"):
            return _how(resolve_anaphor(art, opening, topic), "anaphor")   # 这家…企业，今年营业收入…
        bare = BARE_ANAPHOR.match(mt, pcs)
        if bare and not art.subjects_in(pcs, pce):
            named = named_by_class(art, bare.group(1), pcs)
            if named:
                return _how(named, "class word")
        for s, e, kind, name in art.subjects_in(pcs, pce):
            if kind != "region" and opens_clause(art, pcs, s):
                return _how(company_project(art, s, e, pcs, pce) if kind == "enterprise" else Subject(kind, name, s, e),
                            "clause before")
    after = [s for s in art.subjects_in(q.end, ce) if s[2] == "platform"
             and contains(mt, SETTLE, q.end, s[0])]
    if after:
        s, e, kind, name = after[0]
        return Subject(kind, name, s, e, "named after")
    if topic:
        return Subject(topic.kind, topic.name, how="topic")
    return section_subject(art, q.start) or main_subject(art)


# A company named with "its project" (X公司的这个项目, X投资的项目) stands for that project.
COMPANY_PROJECT = re.compile(r"(?:公司)?(?:的|投资的|建设的|投建的)?(?:这个|这一|该|此|新)?项目")


def project_of_company(art: Article, company: str, pos: int, demonstrative: bool = False) -> str | None:
    """The project of a company named before pos: linked to it, or named after it; the last named wins.
    With a demonstrative (X公司的这个项目), else the project named last before it, as 这个项目 alone would."""
    entity = art.entities_by_name.get(company)
    forms = {company, *(entity.aliases if entity else ())}
    cores = {strip_end(f, LEGAL_SUFFIX) for f in forms} - {""}
    best = last = None
    for m in art.found.mentions:
        if m.kind != "project" or m.start >= pos:
            continue
        last = m.name
        project = art.entities_by_name.get(m.name)
        if project and (project.enterprise in forms or any(len(c) >= 2 and c in m.name for c in cores)):
            best = m.name
    return best or (last if demonstrative else None)




def company_project(art: Article, s: int, e: int, cs: int, ce: int) -> Subject:
    """X公司(简称“Y”)Z项目于6月开工，总投资36亿元: a company opening a clause with its project, the project."""
    paren = SHORT_NAME.match(art.mt, e)
    after = paren.end() if paren else e
    for ps, pe, kind, name in art.subjects_in(cs, ce):
        if kind == "project" and (ps == s or ps == after) and pe > after:
            return Subject(kind, name, ps, pe)
    return next(Subject(k, n, a, b) for a, b, k, n in art.subjects_in(cs, ce) if (a, b) == (s, e))


def institution_opens(art: Article, cs: int, pos: int) -> bool:
    """True when an institution opens the clause before pos (its figures are not stored)."""
    i = bisect_left(art.institution_starts, cs)
    return i < len(art.institution_starts) and art.institution_starts[i] < pos \
        and opens_clause(art, cs, art.institution_starts[i])


def named_by_class(art: Article, noun: str, pos: int) -> Subject | None:
    """小镇/园区/项目 opening a clause: the entity of that class named last before it, within its
    numbered section (a class word under 02 创新策源 does not reach back into 01's park)."""
    section = section_at(art.sections, pos)
    for s, e, kind, name in art.named_before(pos):
        if section and s < section.start:
            return None
        bare_name = name.split("(")[0].split("（")[0]          # 杭州高新区(滨江) is a 区
        if noun == "项目" and kind == "project" or kind == "platform" and bare_name.endswith(CLASS_ENDS.get(noun, noun)):
            return Subject(kind, name, s, e)
    return None


def named_by_tail(art: Article, cs: int) -> Subject | None:
    """信息港数字经济… after 杭州湾信息港 was named: a clause opening with the end of a platform's name."""
    opening = re.sub(r"^(?:[0-9一二三四五六七八九十]+月(?:底|末)?|今年|去年|目前|同时|上半年)?[,，]?", "", art.mt[cs:cs + 16])
    tails = {name for name in art.platform_names
             if len(name) >= 5 and any(opening.startswith(name[-k:]) for k in range(3, len(name) - 1))}
    if not tails:
        return None
    for s, e, kind, name in art.named_before(cs):
        if kind == "platform" and name in tails:
            return Subject(kind, name, s, e)
    return None


def of_a_group(art: Article, q: Quantity, clause, subject: Subject) -> bool:
    """四个开发区合计出让工业用地2860亩, A、B和C合计实现…: a total of several, no one subject's figure."""
    mt = art.mt
    cs, _ = clause
    group = GROUP_NAMED.search(mt, cs, q.start)
    if group and not any(group.end() <= s < q.start for s, *_ in art.subjects_in(group.end(), q.start)):
        return True
    if subject.end is not None and mt[subject.start - 1:subject.start] in "和、与及" \
            and (TOTAL_AFTER.match(mt, subject.end) or subject.end in (q.start, q.number_start)):
        return True                         # the last of a list, then 合计 or its count (A、B和C3个项目)
    chain = listed_chain(art, max(0, cs - 80), q.start)
    if len(chain) >= 2 and mt[chain[-1][1]:chain[-1][1] + 1] != "等" and TOTAL_AFTER.search(mt, chain[-1][1], q.start) \
            and not any(c in mt[chain[-1][1]:q.start] for c in "。！？"):
        return True                         # A、B、C先后完成融资，融资额合计9.3亿元: the list's total
    return False


def created_object(art: Article, cs: int, ce: int) -> Subject | None:
    """X今年规划建设了Y产业园，规划面积1200亩: the clause before ends on what was made, the next is about it."""
    named = [x for x in art.subjects_in(cs, ce) if x[2] in ("platform", "project")]
    if not named:
        return None
    s, e, kind, name = named[-1]
    if e != ce or not CREATED_BEFORE.search(art.mt, cs, s):
        return None
    return Subject(kind, name, s, e)


def relative_head(art: Article, cs: int, ce: int) -> Subject | None:
    """A project or park modified by a 的-clause (甲与乙共建的X项目, 新城内的X产业园): the clause is about it."""
    for s, e, kind, name in art.subjects_in(cs, ce):
        if s > cs and art.mt[s - 1] == "的" and (kind == "project" or kind == "platform" and e == ce):
            return Subject(kind, name, s, e)
    return None


def main_subject(art: Article) -> Subject | None:
    """The article's main platform, or None: a figure with no subject at all is not stored."""
    if art.found.main_platform:
        return Subject("platform", art.found.main_platform, how="main platform")
    return None


def section_subject(art: Article, pos: int) -> Subject | None:
    """What the numbered section around pos is about (its head's platform, else its region), or None."""
    section = section_at(art.sections, pos)
    if section is None or section.start <= pos < section.start + 1:
        return None
    if section.platform:
        return Subject(*section.platform, how="section head")
    if section.region:
        return Subject("region", section.region, how="section head")
    return None


def _how(subject: Subject | None, how: str) -> Subject | None:
    """The subject marked with how it was found (unless a fallback inside already marked it)."""
    if subject is not None and subject.how == "named":
        subject.how = how
    return subject


# Class nouns any platform answers to (该区, 该园区, 这一平台): the last platform named.
GENERIC_CLASS_NOUNS = {"园区", "平台", "区域", "载体", "片区", "区块", "板块"}


def resolve_anaphor(art: Article, match: re.Match, topic: Subject | None) -> Subject | None:
    """该园区/这座科技城 -> the entity of that class named last before it; 该项目/该企业 likewise;
    其 -> the sentence's topic.  A platform of the same class (…科技城 for 这座科技城) is preferred to
    the last platform named; with nothing compatible before it, the topic or the article's main one."""
    noun = (match.group("noun") or match.group("firm")) if match.re is ANAPHOR else None
    pos = match.start()
    if noun is None:
        return Subject(topic.kind, topic.name) if topic else main_subject(art)
    if noun in ("项目", "工程", "基地项目"):
        wanted = ("project", "enterprise")
    elif noun in ("企业", "公司", "集团", "单位"):
        wanted = ("enterprise",)
    elif noun == "基地":
        wanted = ("project", "platform")
    else:
        wanted = ("platform",)
    if wanted[0] == "platform" and (len(noun) >= 2 and noun not in GENERIC_CLASS_NOUNS or noun in "区城镇谷"):
        same_class = named_by_class(art, noun, pos)
        if same_class:                     # 该区 after 中国声谷 and 高新区: the 区; 这座科技城: the 科技城
            return Subject(same_class.kind, same_class.name)
    for kind in wanted:                    # 该项目: the project named last, else its company
        earlier = next((x for x in art.named_before(pos) if x[2] == kind), None)
        if earlier:
            return Subject(kind, earlier[3])
    return Subject(topic.kind, topic.name) if topic else main_subject(art)


# An attribute noun alone after a figure (…9宗、面积412亩) is an attribute of what that figure counted.
ATTRIBUTE_WORDS = {"面积", "规模", "金额", "总额", "数量", "总量"}
# Words that say how a figure grew or was computed, never what it measures.
HEDGE = re.compile(r"按(?:现价|可比价|可比口径|不变价)计算|(?:稳步|持续|快速|平稳|大幅|小幅|较快|明显|显著|稳定|逆势|强劲)$")


def metric_phrase(art: Article, q: Quantity, clause, qs: list[Quantity], last_base: str | None) -> str:
    """The text's own phrase for what the number measures."""
    mt = art.mt
    cs, ce = clause
    start = cs
    for s, e in [(s, e) for s, e, *_ in art.subjects_in(cs, q.start)] + art.spans_in(cs, q.start):
        if e <= q.start and not is_enumerated(mt, s, e):
            start = max(start, e)
    lo, hi = bisect_left(art.phrase_time_starts, cs), bisect_left(art.phrase_time_starts, q.start)
    for t in art.phrase_times[lo:hi]:
        if t.span_end <= q.start and is_dated(t):
            start = max(start, t.span_end)
    for other in qs:
        if other is not q and cs <= other.end <= q.start and is_separate(mt, other, q):
            start = max(start, other.end)
    verb = ""
    enum_end = mt.rfind("等", cs, q.start)
    listed = [s for s, e in art.spans_in(cs, q.start) if is_enumerated(mt, s, e)]
    if enum_end >= 0 and listed and listed[0] < enum_end:      # 已签约A、B等7个项目
        verb = TRAIL.sub("", LEAD.sub("", mt[start:listed[0]])) if start <= listed[0] else ""
        start = enum_end + 1
    elif enum_end >= 0 and "、" in mt[start:enum_end]:
        start = enum_end + 1
    anaphor = ANAPHOR.match(mt, start) or BARE_COMPANY.match(mt, start)
    if anaphor:
        start = anaphor.end()
    raw = mt[start:q.start]
    raw = re.split(r"[）)]", raw)[-1] if ASIDE.match(raw) else raw    # …（X公司投资）总投资: after the aside
    phrase = verb + TRAIL.sub("", LEAD.sub("", FROM_WORD.split(raw.strip())[0] if "增至" in mt[q.start - 12:q.start]
                                           or FROM_WORD.search(raw) and TO_AFTER.search(raw) else raw.strip()))
    phrase = re.sub(r"^(?:和|及|以及|与)", "", phrase)    # 186.2亿元、203.5亿元和251.8亿元: a joined figure
    pair = respective_part(art, q, clause, qs) or listed_metric_part(art, q, clause, qs)
    if pair:
        return clean(told_of(art, q, qs, pair))
    if q.change:
        growth = GROWTH_WORD.search(raw)
        word = growth.group(0) if growth else "增长"
        word = "增长" if word.endswith("年增") else word      # Taiwan's 年增 is 同比增长
        own = TRAIL.sub("", LEAD.sub("", COMPARED_WITH.sub("", raw[:growth.start()]) if growth else ""))
        own = re.sub(r"^(?:同比|分别)+|(?:同比|分别)+$", "", own)       # 同比分别增长: no metric of its own
        own = HEDGE.sub("", own)            # 稳步增长, 按现价计算增长: how it grew, not what
        average = AVERAGE_END.search(own)
        if average and average.start() < 2 and last_base:    # 年均增长19.2%: the average of the metric before
            own = last_base + average.group(1)
        base = own if len(own) >= 2 else (last_base or "")
        return clean(base + word) if base else ""
    origin = starting_point(mt, q, qs, cs)
    if origin:                              # 将产能从6万台提升至20万台: the metric stands before 从
        head_start = cs
        for s, e in [(s, e) for s, e, *_ in art.subjects_in(cs, origin.start)]:
            head_start = max(head_start, e) if e <= origin.start else head_start
        phrase = TRAIL.sub("", LEAD.sub("", FROM_WORD.split(mt[head_start:origin.start])[0]))
        phrase = re.sub(r"^.*?将", "", phrase)
    if q.base_unit in STOCK_BASE:
        if raw.rstrip().endswith(("和", "以及", "与", "、")):
            phrase = ""                     # 7个A项目和14个B项目: the words before belong to the first count
        noun = count_noun(art, q, ce, qs)
        phrase += "" if noun and phrase.endswith(noun) else noun
    if phrase in ATTRIBUTE_WORDS and last_base and mt[max(0, q.start - len(phrase) - 1)] == "、":
        phrase = last_base + phrase         # 出让工业用地9宗、面积412亩: the same land's area
    if phrase.startswith("占") and last_base and not last_base.startswith("占"):
        phrase = last_base + phrase         # 研发费用21.4亿元，占营业收入比重为4.1%: the share of that figure
    if phrase == "同期":
        phrase = ""                         # 去年同期为165.1亿元: the figure compared with, no metric of its own
    if not phrase and last_base and q.base_unit != "count":
        phrase = last_base
    if not phrase:                       # 将有3亿元左右产值: the noun comes after the number
        phrase = count_noun(art, q, ce, qs)
    # 营收约人民币21亿元: the currency and 约 before the number are no part of the metric
    return clean(TRAIL.sub("", strip_end(told_of(art, q, qs, phrase), CURRENCY_WORDS)))


def told_of(art: Article, q: Quantity, qs: list[Quantity], phrase: str) -> str:
    """The phrase with the noun told after the figures: 形成每年炼油4000万吨、乙烯420万吨的生产能力
    gives 炼油生产能力 and 乙烯生产能力 (the verb and 每年 before it are no part of it)."""
    # 2%的土地面积 is a share of the noun, not a figure told of it
    after = noun_after_figures(art, q, qs) if q.base_unit not in STOCK_BASE | {"percent"} else ""
    if not after or phrase.endswith(after):
        return phrase
    for verb in OBJECT_VERBS:
        phrase = phrase.rsplit(verb, 1)[-1]
    return phrase.removeprefix("每年") + after


# Verbs whose object is the figure and the noun after it (形成…的生产能力): the metric starts after them.
OBJECT_VERBS = ("形成", "具备", "具有", "拥有", "达到")


def noun_after_figures(art: Article, q: Quantity, qs: list[Quantity]) -> str:
    """The noun a figure, or a list of figures it opens, is told of: 4000万吨、420万吨的生产能力 → 生产能力.

    Only a short noun closing the clause, and never a class of entity (…亿元的智能工厂项目 names the project).
    """
    mt, pos = art.mt, q.end
    # the clause ends at the next comma, past the 、 that split figure lists into clauses; looked for
    # in a window only, so an article without punctuation costs no scan to its end per figure
    ce = min([i for i in (mt.find(c, pos, pos + 40) for c in ",，。；;") if i >= 0] + [min(len(mt), pos + 40)])
    while pos < ce and mt[pos] in "、和及与":
        nxt = next((o for o in qs if pos < o.start <= pos + 8 and o.unit == q.unit), None)
        if nxt is None or any(c in mt[pos:nxt.start] for c in ",，。；;"):
            return ""
        pos = nxt.end
    if mt[pos:pos + 1] != "的":
        return ""
    stop = next((i for i in range(pos + 1, min(ce, pos + 8) + 1) if i == ce or mt[i] in ",，。；;、"), None)
    noun = mt[pos + 1:stop] if stop else ""
    if not 2 <= len(noun) <= 6 or not CJK_START.match(noun) or any(noun.endswith(c) for c in CLASS_NOUNS) \
            or art.spans_in(pos + 1, stop):
        return ""
    return noun


def starting_point(mt: str, q: Quantity, qs: list[Quantity], cs: int) -> Quantity | None:
    """The 'from' figure of 从X提升至Y when q is Y (marked by quantities, or 从…X增至 found here)."""
    before = [o for o in qs if cs <= o.start and o.end <= q.start]
    if not before:
        return None
    prev = before[-1]
    if q.role == "to" and prev.role == "from" or FROM_BEFORE.search(mt, max(0, prev.start - 6), prev.start) \
            and TO_AFTER.match(mt, prev.end):
        return prev
    return None


LIST_JOINS = ("和", "、", "与", "及", "以及")
LIST_SPLIT = re.compile(r"和|、|及|与")     # the items of a list, split on what LIST_JOINS joins them with


def told_respectively(mt: str, q: Quantity, qs: list[Quantity], lo: int, hi: int,
                      same_unit: bool = True) -> list[Quantity]:
    """The figures of q's kind told by the 分别 nearest before q (searched from lo), up to the next
    分别 (searched up to hi): 分别为x、y和z gives [x, y, z]; empty when no 分别 comes before q."""
    group = mt.rfind("分别", lo, q.start)
    if group < 0:
        return []
    following = mt.find("分别", q.end, hi)
    return [o for o in qs if group < o.start and (following < 0 or o.start < following)
            and o.change == q.change and (not same_unit or o.base_unit == q.base_unit)]


def each_of(art: Article, q: Quantity, clause, subject: Subject) -> list[Subject]:
    """Whose figure q is: A、B、C三家企业产值均突破亿元 tells it of each name listed; else the subject's."""
    if subject.end is None or not any(w in art.mt[subject.end:q.start] for w in "均都"):
        return [subject]
    chain = listed_chain(art, clause[0], subject.end)
    if len(chain) < 2 or chain[-1][1] != subject.end:
        return [subject]
    return [Subject(kind, name, s, e, subject.how) for s, e, kind, name in chain]


def listed_chain(art: Article, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
    """The names listed last before hi (A、B和C), each (start, end, kind, name); one name or none
    when no list ends there.  List members count too (subjects leave out A in A、B等); a name inside
    a longer one (the company in its project's name) does not."""
    mt = art.mt
    named = sorted((m.start, m.end, m.kind, m.name) for m in art.mentions_in(lo, hi)
                   if m.kind != "institution" and m.end <= hi)
    named = [x for x in named if not any(o[0] <= x[0] and x[1] <= o[1] and o[:2] != x[:2] for o in named)]
    chain = named[-1:]
    for prev in reversed(named[:-1]):
        if mt[prev[1]:chain[0][0]] not in LIST_JOINS:
            break
        chain.insert(0, prev)
    return chain


def respective_subject(art: Article, q: Quantity, ss: int, se: int, qs: list[Quantity]) -> Subject | None:
    """A和B上半年产值分别为x和y，同比分别增长r和s: x and r are A's, y and s are B's.

    The names listed (joined by 和/、/与/及) before the sentence's first 分别 pair off with
    the figures of each 分别 group, when there are as many of them as names.
    """
    first = art.mt.find("分别", ss, q.start)
    if first < 0:
        return None
    chain = listed_chain(art, ss, first)
    if len(chain) < 2:
        return None
    values = told_respectively(art.mt, q, qs, ss, se)
    if len(values) != len(chain) or q not in values:
        return None
    s, e, kind, name = chain[values.index(q)]
    return Subject(kind, name, s, e)


def respective_part(art: Article, q: Quantity, clause, qs: list[Quantity]) -> str | None:
    """A和B分别为x和y: x is A, y is B (增加值 after 规上工业总产值 reads 规上工业增加值)."""
    mt = art.mt
    cs, ce = clause
    values = [o for o in qs if cs <= o.start < ce and not o.change]
    if len(values) < 2 or q not in values:
        return shared_metric_part(art, q, qs)
    first = values[0]
    hs = cs
    for s, e in [(s, e) for s, e, *_ in art.subjects_in(cs, first.start)] + art.spans_in(cs, first.start):
        hs = max(hs, e) if e <= first.start else hs
    for t in art.times_in(cs, first.start):
        hs = max(hs, t.span_end) if t.span_end <= first.start and is_dated(t) else hs
    m = RESPECTIVELY.match(mt[hs:first.start].strip())
    if not m:
        return shared_metric_part(art, q, qs)
    head = TRAIL.sub("", LEAD.sub("", m.group(1)))
    parts = [p for p in LIST_SPLIT.split(head) if p]
    if len(parts) != len(values):
        return None
    part = parts[values.index(q)]
    base = parts[0]
    if part is not base and len(base) > len(part) and base[-1] == part[-1]:
        # 规上工业总产值和增加值: the second takes the first's head (规上工业) before its own noun
        head = next((h for h in METRIC_HEADS if base.endswith(h)), base[-len(part):])
        part = base[:-len(head)] + part
    return part


# 规上工业总产值、工业投资、税收收入同比分别增长x、y和z: the metrics listed before 分别 pair off
# with the figures after it; the growth word after 分别 completes each.
LISTED_METRICS = re.compile(r"^(?P<head>.+?)(?P<cmp>同比|比上年|较上年|比去年同期|较去年同期)?分别"
                            r"(?P<verb>增长|下降|提高|增加|减少|为|达到?|实现|完成)?$")


def after_names(art: Article, marker: int) -> int:
    """Where the words before a 分别 at marker start: its clause, after the last name ending before it."""
    mt = art.mt
    start = max(mt.rfind(sep, 0, marker) for sep in ",，。；;:：\n") + 1
    return max([start] + [e for s, e, *_ in art.subjects_in(start, marker) if e <= marker]
               + [e for s, e in art.spans_in(start, marker) if e <= marker])


def listed_metric_part(art: Article, q: Quantity, clause, qs: list[Quantity]) -> str | None:
    """The i-th metric of a list before 分别 for the i-th figure after it, or None."""
    mt = art.mt
    values = told_respectively(mt, q, qs, max(0, q.start - 60), q.end + 80)
    if len(values) < 2 or q not in values:
        return None
    marker = mt.rfind("分别", 0, values[0].start)
    if re.search(r"[。；;！？!?]", mt[marker:q.start]):
        return None
    hs = after_names(art, marker)
    for t in art.phrase_times:
        if hs <= t.span_start and t.span_end <= marker and is_dated(t):
            hs = max(hs, t.span_end)
    m = LISTED_METRICS.match(mt[hs:values[0].start].strip())
    if not m:
        return None
    parts = [p for p in LIST_SPLIT.split(TRAIL.sub("", LEAD.sub("", m.group("head")))) if p]
    if len(parts) != len(values) or any(len(p) < 2 for p in parts):
        return None
    part = parts[values.index(q)]
    if q.change:
        return part + (m.group("cmp") or "") + (m.group("verb") or "增长")
    return part


def shared_metric_part(art: Article, q: Quantity, qs: list[Quantity]) -> str | None:
    """A、B和C三大板块2022年分别实现产值x、y和z: the i-th part before 分别 with the metric after it."""
    mt = art.mt
    group = mt.rfind("分别", max(0, q.start - 60), q.start)
    values = told_respectively(mt, q, qs, max(0, q.start - 60), q.end + 60) if not q.change else []
    if len(values) < 2 or q not in values:
        return None
    hs = after_names(art, group)
    text = mt[hs:values[0].start]
    for t in reversed(art.times_in(hs, values[0].start)):
        if is_dated(t) and t.span_end <= values[0].start:
            text = text[:t.span_start - hs] + text[t.span_end - hs:]
    m = SHARED_METRIC_AFTER.match(text.strip())
    if not m:
        return None
    head = CLASS_COUNT_END.sub("", TRAIL.sub("", LEAD.sub("", m.group(1))))
    parts = [p for p in LIST_SPLIT.split(head) if p]
    if len(parts) != len(values):
        return None
    return parts[values.index(q)] + m.group(2)


def counts_projects_next(mt: str, q: Quantity, qs: list[Quantity]) -> bool:
    """总投资53亿元的26个项目: the amount is the total of the projects counted next."""
    later = [o for o in qs if o.start >= q.end]
    return bool(later) and later[0].base_unit == "count" and later[0].start - q.end <= 4 \
        and "项目" in mt[later[0].end:later[0].end + 12]


def is_threshold(mt: str, q: Quantity, counted: Quantity) -> bool:
    """超5亿元企业6家, 5亿元以上项目9个: q is a bound in the counted thing's name.

    总投资53亿元的26个项目 is not: without 超/以上 the amount is the set's total.
    """
    between = mt[q.end:counted.start]
    return (counted.base_unit == "count" and q.base_unit != "count" and q.end <= counted.start
            and counted.start - q.end <= 10 and not BREAK.search(between)
            and (q.qualifier == "more_than" or "以上" in between or "以下" in between))


def is_separate(mt: str, other: Quantity, q: Quantity) -> bool:
    """True unless the other number is a threshold inside this figure's metric (超5亿元企业6家)."""
    return not is_threshold(mt, other, q)


def count_noun(art: Article, q: Quantity, ce: int, qs: list[Quantity]) -> str:
    """What is counted, when written after the number (4家企业被评为…, 21家企业入驻)."""
    mt = art.mt
    end = min([ce, q.end + 16] + [o.start for o in qs if o.start > q.end]
              + [s for s, _, kind, _ in art.subjects_in(q.end + 1, q.end + 17) if kind != "region"])
    tail = mt[q.end:end]
    if tail and word_frequency(q.unit[-1] + tail[0]) > 1000:
        tail = q.unit[-1] + tail            # 40万人口: the unit's last character opens the noun
    copula = re.match(r"[为是](?:属于)?", tail)
    if copula and "的" not in mt[q.end:ce] and CJK_START.match(tail, copula.end()):
        return tail[copula.end():copula.end() + 16]     # 其中12个为制造业项目: what the count is of
    if PREPOSITION_START.match(tail):       # 36家为…做出贡献的企业: the noun closes the clause
        last = mt[q.end:ce].rsplit("的", 1)
        return last[1][:6] if len(last) == 2 and CJK_START.match(last[1]) else ""
    tail = TAIL_STOP.split(tail)[0]
    if q.base_unit != "count":
        tail = before_any(tail, AREA_TAIL_END)
    tail = OF.split(tail)[0] if len(tail.split("的")[0]) >= 2 else tail
    if not CJK_START.match(tail):
        return ""
    return tail.replace("等", "") if len(tail) <= 16 else tail[:16]


def clean(phrase: str) -> str:
    """The phrase without spaces, stray quotes and trailing particles."""
    phrase = SPACE.sub("", phrase).strip("“”\"'，,")
    phrase = re.sub(r"[:：]", "", phrase)
    bullet = BULLET.match(phrase)
    phrase = phrase[bullet.end():] if bullet else phrase    # - 营业收入：…: the list mark is no part of it
    return TRAILING_PARTICLES.sub("", phrase)


def past_year(t: TimeExpr | None, art: Article) -> bool:
    """A whole calendar year over at publication (去年, 2023年 in a 2024 article): an answer that opens
    with it (去年我们顶住了压力。…增长11.2%。) goes on telling of it."""
    return bool(t and t.kind == "actual" and t.start and t.end and art.published_on and t.end < art.published_on
                and (t.start.month, t.start.day, t.end.month, t.end.day) == (1, 1, 12, 31) and t.start.year == t.end.year)


def year_to_date(t: TimeExpr | None) -> bool:
    """A statistics span from January to a month before December of one year (1-9月, 上半年, 一季度)."""
    return bool(t and t.kind == "actual" and t.start and t.end and t.start.year == t.end.year
                and (t.start.month, t.start.day) == (1, 1) and t.end.month < 12 and t.end.day > 27)


def period_of(art: Article, q: Quantity, clause, times: list[TimeExpr], continues: bool,
              carry: TimeExpr | None, subject: Subject, metric_text: str | None = None,
              fallback: TimeExpr | None = None):
    """(period_kind, period_start, period_end) for a figure.

    ``fallback`` is the period the paragraph before ended on: a flow figure with no time
    in its own paragraph (亩均税收方面，A以每亩42.8万元位居第一) is read as of that period.
    """
    cs, _ = clause
    before = [t for t in times if t.span_end <= q.start]
    if q.role == "to":                  # 由2021年的26.5%提高到30.7%: 2021年 dates where it came from
        origin = [m.start() for m in FROM_WORD.finditer(art.mt, cs, q.start)]
        before = [t for t in before if not origin or t.span_start < origin[-1]]
    # a date told after a figure for an event (厂房去年投入使用) dates that clause only
    # …排至2027年 (a deadline reached) and 为完成全年目标任务 (a purpose) speak of their own clause only
    before = [t for t in before if t.span_start >= cs or not (dates_an_event(art, t) or own_clause_only(art, t))]
    dated = next((t for t in reversed(before) if is_dated(t)), None)
    if dated and dated.text in ("去年", "上年") and art.mt.startswith("同期", dated.span_end):
        same = same_span_a_year_before(art, dated, before, carry)
        if same:
            return same                     # 上半年…，去年同期为165.1亿元: last year's first half
    goal = next((t for t in reversed(before) if t.kind == "target" and (t.span_start >= cs or t.text.startswith(GOVERNS))
                 and not is_dated(t) and (dated is None or t.span_start >= dated.span_start)), None)
    if goal and q.role != "to":
        if dated and dated.span_start >= cs and contains(goal.text, ESTIMATE):
            return "target", dated.start, dated.end     # 7—9月…预计增长9.4%: an estimate for that span (tense)
        if not dated and carry and carry.kind == "actual" and carry.start and contains(goal.text, ESTIMATE) \
                and (continues or art.published_on and carry.end and carry.end < art.published_on):
            return "target", carry.start, carry.end     # 2024年…。其中，产值预计达到286亿元: that year's estimate
        return "target", goal.start, goal.end
    ahead = next((t for t in reversed(before) if t.kind == "target" and (t.span_start >= cs or t.text.startswith(GOVERNS))
                  and not is_dated(t)), None)
    if ahead and dated and dated.span_start > ahead.span_start and q.role != "to" and whole_year(dated, art):
        # 力争全年…, 预计今年…, 确保全年…: the goal word governs the year named after it
        year = art.published_on.year if dated.text in ("全年", "年内") and art.published_on else dated.start.year
        return "target", date(year, 1, 1), date(year, 12, 31)
    cs_, ce_ = clause
    event = next((t for t in times if q.end <= t.span_start < ce_ and is_dated(t) and t.kind == "actual"
                  and EVENT_AFTER.match(art.mt, t.span_end)), None)
    if event and (dated is None or dated.span_start < cs_):
        return as_period(event)           # 12.6万平方米标准厂房去年投入使用: the date of the event told after it
    batch = event_period(art, q, subject, metric_text, dated)
    if batch:
        return batch                      # 四季度重大项目集中开工活动…本次开工项目26个: the event's quarter
    if dated and dated.text in ("全年", "年内"):      # the year the paragraph is about, not the publication's
        year = next((t for t in reversed(before) if is_dated(t) and t.text not in ("全年", "年内")), None) or carry
        if year and year.kind == "actual" and year.start and year.start.year == year.end.year:
            return "actual", date(year.start.year, 1, 1), date(year.start.year, 12, 31)
        if dated.kind == "actual" and art.published_on and art.published_on.month <= 3 and dated.text == "全年":
            last = art.published_on.year - 1    # 全年完成… in a first-quarter article: the year just closed
            return "actual", date(last, 1, 1), date(last, 12, 31)
    if dated:
        return as_period(dated)
    if q.role == "to" or FROM_WORD.search(art.mt, cs, q.start) and TO_AFTER.search(art.mt, cs, q.start):
        return asof_published(art)
    # going on from a past year only (continues == "year"): a count or an area (面积32平方公里, 已开工
    # 项目12个, 尚未开工项目5个) may be a state, no figure of that year, unless it is new (新增…)
    stock = q.base_unit in STOCK_BASE and not (metric_text or "").startswith(NEW_PREFIX) \
        or bool(ALREADY.search(art.mt, cs, q.start))
    if continues and carry and not (carry.kind == "target" and ALREADY.search(art.mt, cs, q.start)) \
            and not (continues == "year" and stock):
        return as_period(carry)
    plan = next((t for t in times if t.span_start >= q.end and PLAN.search(t.text)
                 and t.kind == "actual"), None)
    if plan:                              # 累计签约项目41个……“十三五”收官之际: the plan period
        return as_period(plan)
    marker = next((t for t in reversed(before) if t.kind == "asof"), None)
    if marker:
        return "asof", None, marker.end
    if AFTER_COMPLETION.search(art.mt, cs, q.start):
        return "unknown", None, None        # 达产后可新增产值…: expected once running, no year given
    if fallback and fallback.kind == "actual" and not times and (metric_text or "").startswith(NEW_PREFIX) \
            and subject.kind != "project":
        return as_period(fallback)          # 新增78家: a count of the period, not a stock
    if q.base_unit in STOCK_BASE or subject.kind == "project" or contains(metric_text or "", PLANNED):
        return asof_published(art)
    if fallback and fallback.kind == "actual" and not times:
        return as_period(fallback)
    return "unknown", None, None


def own_clause_only(art: Article, t: TimeExpr) -> bool:
    """A time that dates nothing outside its clause: the end a wait or a backlog reaches (订单已排至
    2027年, not a span 2019年至2021年) or the goal of a purpose clause (为完成全年目标任务)."""
    mt = art.mt
    to = t.span_start if t.text[:1] in ("至", "到") else t.span_start - 1      # 至2027年 or 排到2027年
    clause_start = max(mt.rfind(c, 0, t.span_start) for c in ",，。；;：:\n") + 1
    if mt[to:to + 1] in ("至", "到") and mt[to - 1:to] not in "年月日" and mt[clause_start:to].strip(" “\"「『　"):
        return True                         # (到2026年，… opening its clause is a horizon for what follows)
    return mt[clause_start:t.span_start].lstrip().startswith("为") and t.kind == "target"


def dates_an_event(art: Article, t: TimeExpr) -> bool:
    """A date told after a figure in its clause, for an event (12.6万平方米厂房去年投入使用)."""
    if not (is_dated(t) and EVENT_AFTER.match(art.mt, t.span_end)):
        return False
    clause_start = max(art.mt.rfind(sep, 0, t.span_start) for sep in ",，;；。") + 1
    return any(clause_start <= q.start and q.end <= t.span_start
               for q in art.quantities[bisect_left(art.q_starts, clause_start):])


def whole_year(t: TimeExpr, art: Article) -> bool:
    """A time expression naming one whole calendar year (今年, 全年, 2024年), not yet over at publication."""
    if t.text in ("全年", "年内"):
        return True
    if t.kind not in ("actual", "target") or not (t.start and t.end):
        return False
    full = (t.start.month, t.start.day, t.end.month, t.end.day) == (1, 1, 12, 31) and t.start.year == t.end.year
    return full and (art.published_on is None or t.end >= art.published_on)


def settled(kind: str, start: date | None, end: date | None):
    """A period the facts table accepts: an as-of date or a span that cannot be dated is unknown.

    (Relative expressions such as 截至目前 or 今年 resolve to nothing when the
    publication date is unknown.)
    """
    if kind == "asof":
        return (kind, None, end) if end else ("unknown", None, None)
    if kind == "actual" and not (start and end):
        return "unknown", None, None
    if kind == "target" and not (start and end):
        return kind, None, None
    return kind, start, end


def same_span_a_year_before(art: Article, last_year: TimeExpr, before: list[TimeExpr], carry: TimeExpr | None):
    """去年同期: the span the sentence (or the one before it) is about, a year earlier; None when that
    span is a whole year or unknown (then 去年 alone says it)."""
    span = next((t for t in reversed(before) if t is not last_year and is_dated(t) and t.kind == "actual"
                 and t.span_end <= last_year.span_start), None) or carry
    if not span or span.kind != "actual" or not span.start or not span.end or span.start.year != span.end.year \
            or (span.start.month, span.start.day, span.end.month, span.end.day) == (1, 1, 12, 31):
        return None
    end_day = min(span.end.day, calendar.monthrange(span.end.year - 1, span.end.month)[1])
    return "actual", span.start.replace(year=span.start.year - 1), span.end.replace(year=span.end.year - 1, day=end_day)


def as_period(t: TimeExpr):
    """A time expression as (kind, start, end), start dropped for as-of dates."""
    return (t.kind, None, t.end) if t.kind == "asof" else (t.kind, t.start, t.end)


def asof_published(art: Article):
    """A stock stated without a date: as of publication (unknown when that is unknown)."""
    return ("asof", None, art.published_on) if art.published_on else ("unknown", None, None)


def quote_span(mt: str, clause, clauses, subject: Subject) -> tuple[int, int]:
    """The clause of the figure, widened back to the clause naming its subject in the same sentence."""
    cs, ce = clause
    if subject.start is not None and subject.start < cs and clauses[0][0] <= subject.start:
        cs = next(c[0] for c in clauses if c[0] <= subject.start < c[1])
    while ce > cs and mt[ce - 1] in " \t":
        ce -= 1
    return cs, ce


DESIGNATION = re.compile(
    r"(?:成功)?(?:入选为?|被评为|获评|评为|荣获|被认定为|认定为|被列为|列入|跻身|创建为)"
    r"(?P<year>(?:19|20)[0-9]{2}年?度?)?(?P<d>[^,，。;；！？\n]{3,30})")
IS_DESIGNATION = re.compile(r"(?<![评认选列称])(?:是|为)(?:一家)?(?P<d>(?:国家级?|省级?)?(?:高新技术企业|专精特新[^,，。]{0,6}企业))")


def find_designations(art_text: str, mt: str, found: Found, times: list[TimeExpr] = ()) -> list[Designation]:
    """Honours and lists a subject was named to, with the year when it is written (or dated)."""
    subjects = sorted(((m.start, m.end, m.kind, m.name) for m in found.mentions), key=lambda x: (x[1], x[1] - x[0]))
    out = []
    for pattern in (DESIGNATION, IS_DESIGNATION):
        for m in pattern.finditer(mt):
            text = designation_text(m.group("d"))
            if not text:
                continue
            ss = max(mt.rfind(p, 0, m.start()) for p in "。！？\n") + 1
            head = mt[ss:m.start()]
            if COUNTED_FIRMS.search(head):
                continue                    # 4家企业被评为…: a count, stated as a fact
            subject = designation_subject(mt, subjects, ss, m.start())
            if subject is None:
                continue
            s, e, kind, name = subject
            written = m.groupdict().get("year")
            year = int(written[:4]) if written else designation_year(mt, times, ss, m.start())
            qs = max(ss, min(s, m.start()))
            qe = mt.find(text, m.start("d")) + len(text)
            out.append(Designation(kind, name, text, year, art_text[qs:qe], qs, qe))
    return out


def designation_subject(mt: str, subjects, ss: int, pos: int):
    """Who was named: in the verb's clause, else the clause before when only 已/也/成功 lead to the verb;
    这家公司/该企业 -> the company named last before the sentence."""
    cs = max(ss, max(mt.rfind(p, 0, pos) for p in ",，;；:：") + 1)
    own = [x for x in subjects if cs <= x[0] and x[1] <= pos]
    if own:
        return own[-1]
    if ADVERBS_ONLY.fullmatch(mt, cs, pos):
        previous = [x for x in subjects if ss <= x[0] and x[1] <= cs]
        if previous:
            return previous[-1]
    if COMPANY_ANAPHOR.search(mt, ss, pos):
        earlier = [x for x in subjects if x[1] <= ss and x[2] == "enterprise"]
        if earlier:
            return earlier[-1]
    return None


def designation_year(mt: str, times, ss: int, pos: int) -> int | None:
    """今年,X被评为…: a single calendar year heading the sentence, or in the verb's clause."""
    cs = max(ss, max(mt.rfind(p, 0, pos) for p in ",，;；:：") + 1)
    for t in reversed([t for t in times if ss <= t.span_start and t.span_end <= pos]):
        heads = t.span_start == ss and mt[t.span_end:t.span_end + 1] in ",，"
        if (t.span_start >= cs or heads) and t.kind == "actual" and t.start and t.end \
                and t.start.year == t.end.year and is_dated(t):
            return t.start.year
    return None


def designation_text(raw: str) -> str:
    """The honour itself: up to 名单, without trailing verbs and quotes (国家级绿色工厂)."""
    raw = raw.strip("“”\"")
    m = re.match(r"^(.*?名单)", raw)
    if m:
        return m.group(1)
    raw = re.split(r"的(?:县|城|首|第)|,|，|迈向|成为|后|以来", raw)[0]
    if not re.search(r"(?:企业|工厂|园区|小镇|名单|中心|集群|强|示范|平台|基地|区|工程|项目|冠军|机构|单位)$", raw):
        return ""
    return raw
