"""Time expressions in Chinese economic prose, read against the publication date.

`find_time_exprs` returns every time expression with the period it covers, as one of the
contract's period kinds: `actual` (a span of days the figure covers: 2021年, 今年1~3月,
一季度, 今年以来), `asof` (a stock at a date: 截至2022年底, 目前, 累计, 年底) and `target`
(a goal or forecast: 到2025年, 预计, 力争, 十四五末).  Which figure an expression governs is
decided elsewhere; this module only finds and dates them.

Choices where the brief is silent:

- A month or quarter without a year takes the year named earlier in its sentence, else the
  publication year; if that puts it after the publication month in a sentence with no goal
  word, it is read in the last year named before it (or the year before publication):
  news reports the past, and a photo caption can split 2021年 from 6月.
- Anything wholly after the publication month is a target (明年, 下半年将..., 2026年底).
  到/至 + a date is a target unless already past at publication, then a stock at that date.
- 年底/年末/3月底/季度末 are stocks at the last day, 年初/3月初 at the first.
- X以来 is actual from X's first day to publication; 近3年/3年来/过去一年 end at
  publication and start N years before it; 近年来/多年来 have no start; 未来3年 is a
  target from publication to N years on.
- Five-year plans: 十一五..十五五, the n-th starting in 1966 + 5(n-3); 末 is a target for
  the last year, 期间/时期 the whole span (target if it has not ended by publication).
- Goal words (预计, 力争, 计划, 目标, 有望, 确保, 争取, 即将, 将 + verb, 年内) take the
  year of the nearest dated expression in their sentence, else the publication year.
- As-of words (截至目前, 目前, 现有, 已, 累计, 共计, 至今 ...) end at publication.
- Without a publication date, relative expressions are returned with None dates.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from loaders.extract.quantities import parse_number
from loaders.extract.textnorm import matching_text

ACTUAL, ASOF, TARGET = "actual", "asof", "target"


@dataclass(frozen=True)
class TimeExpr:
    """One time expression: its kind, the days it covers, and where it is written."""

    kind: str               # 'actual' | 'asof' | 'target'
    start: date | None      # first day covered (None for asof, or when unresolvable)
    end: date | None        # last day covered, or the as-of date
    span_start: int
    span_end: int
    text: str


# ---------------------------------------------------------------------------------------
# Patterns, compiled once.  A calendar year is four digits 19xx/20xx followed by 年; 12年,
# 十年 and 3年内 are durations, not years.

_Y = r"(?<![0-9])(?:19|20)[0-9]{2}"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:[12][0-9]|3[01]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2,
                   "明年": 1, "后年": 2}
# 建成后年销售收入, 达产后年产值: 后 closes the preceding verb and 年 opens "annual", no 后年 there.
_RELATIVE_ALTERNATION = "|".join(k if k != "后年" else r"(?<![成产完之工营用运])后年" for k in _RELATIVE_YEARS)
_SUB = (
    rf"(?P<m1>{_M})月?份?[~\-—–至到](?P<m2>{_M})月份?"   # 1~3月, 1—5月, 1至5月, 1月至5月
    rf"|前(?P<n>{_M}|两)个?月"                           # 前11个月, 前两个月, 前5月
    r"|前(?P<qn>[二两三])个?季度"                          # 前三季度, 前三个季度
    r"|第?(?P<q>[一二三四1-4])季度(?P<qend>末)?"          # 一季度, 第一季度
    rf"|(?<![0-9])(?P<m>{_M})月份?(?:(?P<d>{_D})(?:[日号]?[~\-—–至到](?P<d2>{_D}))?[日号]"
    r"|(?P<xun>上旬|中旬|下旬))?(?P<mend>底|末|初)?"
    r"|(?P<half>上半年|下半年)"
)
_DATED = re.compile(
    # The lookahead only skips positions where nothing can start (speed); every part is optional.
    r"(?=[0-9一二两三四五六七八九十〇○今本去上下前明后年全截到至第])"
    r"(?P<pre>截至|截止到|截止|到|至)?"
    rf"(?:(?P<y>{_Y})年|(?P<ycn>[一二][〇零○九][〇零○一二三四五六七八九]{{2}})年"
    rf"|(?P<rel>上一年|{_RELATIVE_ALTERNATION}))?"
    rf"(?:{_SUB}|(?<=年)(?P<yend>底|末|初)|年(?P<byend>底|末|初)|(?P<full>全年))?"
    r"(?P<post>以来|前(?![0-9一二三四五六七八九十后])|内)?"       # 2021年前后 is "around 2021"
)
_YEAR_RANGE = re.compile(rf"(?=[12])(?P<y1>{_Y})年?[~\-—–至到](?P<y2>{_Y})年")
_PLAN = re.compile(r"(?=[“十])“?十(?P<k>[一二三四五])五”?(?P<pp>期末|末|期间|时期|以来|规划|期)?")
_RECENT = re.compile(
    r"(?=[近多过最0-9一二两三四五六七八九十])"     # first characters only: a fast skip
    rf"(?:(?P<vague>近年来|近些年|近几年|多年来|近年)"
    rf"|(?:近|过去|最近)(?P<k>[0-9]{{1,2}}|[一二两三四五六七八九十]+)年(?:来|以来|间|里)?"
    rf"|(?<![0-9])(?P<k2>[0-9]{{1,2}}|[二两三四五六七八九十]+)年(?:来|以来))"
)
_AHEAD = re.compile(r"(?=[未今])(?:未来|今后)(?P<k>[0-9]{1,2}|[一二两三四五六七八九十]+)年(?:内|间|里)?")
_ASOF = re.compile(r"(?=[截至迄如目当现已累共])(?:截至目前|截止目前|截至当前|截至今日|至今|迄今|如今"
                   r"|目前|当前|现有|现已|已经|已有|(?<![而不得])已|累计|共计)")
# 计划总投资 describes a project, 人才计划 names a programme: neither is a goal for a year.
# 将 marks the future only before a verb or adverb (将达到, 将新增, 将围绕); before a noun
# it is the object marker 把 (将产能从6万台提升至20万台), so only a list of verbs counts.
_FUTURE_VERBS = (
    "达|实现|建成|形成|成为|突破|超过|新增|增加|增至|带动|带来|拥有|有|可|会|能|在|于|继续|"
    "进一步|全面|加快|加速|持续|重点|围绕|聚焦|打造|建设|新建|投入|启动|开工|落地|完成|提升|"
    "迎来|推出|引进|推动|逐步|陆续|再|作为|全力|集聚|吸引|入驻|投产|竣工|迎|达到|超|扩大|"
    "进入|覆盖|助力|释放|开展|举办|实施|布局|构建|建立|设立|出台|发布|着力|致力|力争|争取"
)
_TARGET = re.compile(r"(?=[预力计目有确争即将年])(?:预计|年度计划|(?<!努)力争|(?<!原)计划(?!总?投资|项目|[”\"、,，。；;:：的])"
                     rf"|目标|有望|确保|争取|即将|将(?={_FUTURE_VERBS})|(?<![0-9一二两三四五六七八九十])年内)")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_QUARTERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# ---------------------------------------------------------------------------------------
# Dates

def year_of(published_on: date | None) -> int | None:
    """The publication year, or None when the date is unknown."""
    return published_on.year if published_on else None


def _after_month(day: date | None, published_on: date | None) -> bool:
    """day falls in a later month than publication (a date known only to the month is its 1st)."""
    return bool(day and published_on) and (day.year, day.month) > (published_on.year, published_on.month)


def _month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _small_int(s: str | None) -> int | None:
    """A month, day or quarter number written in Arabic or Chinese digits."""
    value = parse_number(s) if s else None
    return int(value) if value is not None and value == int(value) else None


def _shift_years(day: date, years: int) -> date:
    """The same calendar day some years earlier or later (29 Feb falls back to 28 Feb)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _anchor_year(match: re.Match, published_on: date | None) -> int | None:
    """The year a dated match names itself (2021年, 二〇二一年, 今年, 去年), or None."""
    if match.group("y"):
        return int(match.group("y"))
    if match.group("ycn"):
        return _small_int(match.group("ycn"))
    rel = match.group("rel")
    if rel and published_on:
        return published_on.year + _RELATIVE_YEARS.get(rel, -1)   # 上一年 is the only missing key
    return None


def _months(match: re.Match) -> tuple[int, int] | None:
    """First and last month of the sub-year part (1~3月, 前11个月, 一季度, 上半年), or None."""
    if match.group("m1"):
        first, last = _small_int(match.group("m1")), _small_int(match.group("m2"))
    elif match.group("n"):
        first, last = 1, _small_int(match.group("n"))
    elif match.group("qn"):
        first, last = 1, 3 * _QUARTERS[match.group("qn")]
    elif match.group("q"):
        quarter = _QUARTERS[match.group("q")]
        first, last = 3 * quarter - 2, 3 * quarter
    elif match.group("m"):
        first = last = _small_int(match.group("m"))
    elif match.group("half"):
        first, last = (1, 6) if match.group("half") == "上半年" else (7, 12)
    else:
        return None
    if not first or not last or not 1 <= first <= last <= 12:
        return None
    return first, last


def _is_dated(match: re.Match) -> bool:
    """A _DATED match names a year or a part of one, not only 截至/以来 around nothing."""
    names = ("y", "ycn", "rel", "m1", "n", "qn", "q", "m", "half", "byend", "full")
    return any(match.group(name) for name in names)


def _covered(match: re.Match, year: int | None) -> tuple[date | None, date | None]:
    """First and last day the dated match covers in the given year; (None, None) without a year."""
    months = _months(match)
    if year is None or (months is None and _has_sub(match)):
        return None, None
    first, last = months or (1, 12)
    day = _small_int(match.group("d"))
    last_day = _small_int(match.group("d2")) or day      # 5月10日至12日
    if day and first == last and day <= last_day <= calendar.monthrange(year, first)[1]:
        return date(year, first, day), date(year, first, last_day)
    if match.group("xun"):      # 旬: days 1-10, 11-20, 21 to the month's end
        tenth = ("上旬", "中旬", "下旬").index(match.group("xun"))
        last_day = _month_end(year, first) if tenth == 2 else date(year, first, 10 * tenth + 10)
        return date(year, first, 10 * tenth + 1), last_day
    return date(year, first, 1), _month_end(year, last)


def _has_sub(match: re.Match) -> bool:
    """The match has a month/quarter/half part (which may have failed to read)."""
    return any(match.group(name) for name in ("m1", "n", "qn", "q", "m", "half"))


def _point_in_time(match: re.Match) -> str | None:
    """'end' for 年底/年末/3月底/季度末, 'start' for 年初: a stock at a date, not a span."""
    mark = match.group("yend") or match.group("byend") or match.group("mend") or match.group("qend")
    if not mark:
        return None
    return "start" if mark == "初" else "end"


def _dated_expr(match: re.Match, year: int | None, published_on: date | None, text: str) -> TimeExpr:
    """Kind and dates of a year/month/quarter expression with its 截至/到 prefix and 以来/前 suffix."""
    start, end = _covered(match, year)
    pre, post, point = match.group("pre"), match.group("post"), _point_in_time(match)
    span = (match.start(), match.end(), text[match.start():match.end()])
    future = published_on is None or end is None or end >= published_on
    if pre in ("到", "至") or post in ("前", "内"):
        # 到2025年 is a goal; 到去年底 (already past at publication) is a stock at that date.
        return TimeExpr(TARGET, start, end, *span) if future else TimeExpr(ASOF, None, end, *span)
    if post == "以来":     # 今年以来, 年初以来, 2019年以来: from the start to publication
        return TimeExpr(ACTUAL, start, published_on if start else None, *span)
    if point and _after_month(end if point == "end" else start, published_on) and pre is None:
        return TimeExpr(TARGET, start, end, *span)   # 2025年底投产: a goal, not yet a stock
    if pre in ("截至", "截止", "截止到") or point:
        return TimeExpr(ASOF, None, start if point == "start" else end, *span)
    if _after_month(start, published_on):
        return TimeExpr(TARGET, start, end, *span)   # wholly after publication: a forecast
    return TimeExpr(ACTUAL, start, end, *span)


def _year_range_expr(match: re.Match, published_on: date | None, text: str) -> TimeExpr:
    """2021—2025年: the whole span; a target when it ends after publication."""
    first, last = int(match.group("y1")), int(match.group("y2"))
    kind = TARGET if published_on and last > published_on.year else ACTUAL
    return TimeExpr(kind, date(first, 1, 1), date(last, 12, 31), match.start(), match.end(), match.group())


def _plan_expr(match: re.Match, published_on: date | None, text: str) -> TimeExpr:
    """十四五 (2021-2025): five-year plans run from 1966 + 5*(n-3) since the third (1966-1970)."""
    number = 10 + "一二三四五".index(match.group("k")) + 1
    first = 1966 + 5 * (number - 3)
    last, suffix = first + 4, match.group("pp")
    span = (match.start(), match.end(), text[match.start():match.end()])
    ahead = published_on is None or last >= published_on.year
    if suffix in ("末", "期末"):
        if ahead:
            return TimeExpr(TARGET, date(last, 1, 1), date(last, 12, 31), *span)
        return TimeExpr(ASOF, None, date(last, 12, 31), *span)
    if suffix == "以来":
        return TimeExpr(ACTUAL, date(first, 1, 1), published_on, *span)
    return TimeExpr(TARGET if ahead else ACTUAL, date(first, 1, 1), date(last, 12, 31), *span)


def _recent_expr(match: re.Match, published_on: date | None, text: str) -> TimeExpr:
    """近3年, 十年来, 近年来: a span ending at publication; its start is unknown when vague."""
    count = _small_int(match.group("k") or match.group("k2"))
    start = _shift_years(published_on, -count) if published_on and count else None
    return TimeExpr(ACTUAL, start, published_on, match.start(), match.end(), text[match.start():match.end()])


def _ahead_expr(match: re.Match, published_on: date | None, text: str) -> TimeExpr:
    """未来3年, 今后五年: a goal span starting at publication."""
    count = _small_int(match.group("k"))
    end = _shift_years(published_on, count) if published_on and count else None
    return TimeExpr(TARGET, published_on, end, match.start(), match.end(), text[match.start():match.end()])


def _asof_marker(match: re.Match, published_on: date | None, text: str) -> TimeExpr:
    """目前, 已, 累计, 截至目前: a running total at the publication date."""
    return TimeExpr(ASOF, None, published_on, match.start(), match.end(), text[match.start():match.end()])


_PASSES = (  # earlier passes win where matches overlap
    ("range", _YEAR_RANGE), ("plan", _PLAN), ("dated", _DATED), ("recent", _RECENT), ("ahead", _AHEAD),
    ("asof", _ASOF), ("target", _TARGET),
)
_RESOLVERS = {"range": _year_range_expr, "plan": _plan_expr, "recent": _recent_expr, "ahead": _ahead_expr,
              "asof": _asof_marker}


def _candidates(norm: str) -> list[tuple[str, re.Match]]:
    """Non-overlapping matches of every pass, in text order."""
    taken = bytearray(len(norm))
    found = []
    for name, regex in _PASSES:
        for match in regex.finditer(norm):
            start, end = match.span()
            if start == end or any(taken[start:end]) or (name == "dated" and not _is_dated(match)):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append((name, match))
    return sorted(found, key=lambda item: item[1].start())


def _nearest_year(position: int, sentence: int, dated: list[tuple[int, int, TimeExpr]]) -> int | None:
    """Year of the dated expression nearest to position within the same sentence, or None."""
    near = [(abs(pos - position), expr) for pos, sent, expr in dated if sent == sentence]
    near = [(distance, expr) for distance, expr in near if expr.start or expr.end]
    if not near:
        return None
    expr = min(near, key=lambda item: item[0])[1]
    if expr.start and expr.end and expr.end.year > expr.start.year:
        return expr.end.year            # “十四五”期间计划累计…: a goal for a span is met at its end
    return (expr.start or expr.end).year


def _target_marker(match: re.Match, year: int | None, text: str) -> TimeExpr:
    """预计, 力争, 目标 ...: a goal for the year stated nearby, else the publication year."""
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    return TimeExpr(TARGET, start, end, match.start(), match.end(), text[match.start():match.end()])


# The rest of a 自…以来 span after its date (自去年开园以来, 从2019年设立以来).
_SINCE = re.compile(r"[^，,。；;]{0,8}?以来")


def _bare_year(match: re.Match, year: int | None, published_on: date | None, last_year: int | None) -> int | None:
    """Year for a month or quarter written without one, when the sentence names none either.

    News reports the past: a bare 6月 that would fall after publication, in a sentence
    with no goal word, is read in the last year the text named before it, else last year.
    """
    if year is None or published_on is None or match.group("pre") or match.group("post"):
        return year
    start, _ = _covered(match, year)
    if _after_month(start, published_on):
        return last_year if last_year and last_year < year else year - 1
    return year


@dataclass
class _Years:
    """Years named so far while reading: per sentence, and the last one anywhere."""

    published_on: date | None
    targeted: set[int]                      # sentences with a goal word (预计, 将达到 ...)
    by_sentence: dict[int, int] = field(default_factory=dict)
    last: int | None = None

    def year_for(self, match: re.Match, sentence: int, since: bool = False) -> int | None:
        """The year a dated match names, else the one its sentence named, else see _bare_year.

        A year that starts a 自…以来 span (自去年开园以来，…上半年实现…) dates nothing after it.
        """
        year = _anchor_year(match, self.published_on)
        if year is not None:
            if not since:
                self.by_sentence[sentence] = self.last = year
            return year
        if sentence in self.by_sentence:
            return self.by_sentence[sentence]
        if sentence in self.targeted:
            return year_of(self.published_on)
        return _bare_year(match, year_of(self.published_on), self.published_on, self.last)


def _resolve(name: str, match: re.Match, sentence: int, years: _Years, text: str) -> TimeExpr | None:
    """The TimeExpr of one candidate; None for a goal word, dated once its neighbours are."""
    if name == "target":
        return None
    if name == "dated":
        since = match.start() > 0 and text[match.start() - 1] in "自从" and bool(_SINCE.match(text, match.end()))
        return _dated_expr(match, years.year_for(match, sentence, since), years.published_on, text)
    return _RESOLVERS[name](match, years.published_on, text)


def find_time_exprs(text: str, published_on: date | None) -> list[TimeExpr]:
    """Every time expression in text, in text order, dated against published_on."""
    norm = matching_text(text)
    sentence_ends = [match.end() for match in _SENTENCE_END.finditer(norm)]
    candidates = [(name, match, bisect.bisect_right(sentence_ends, match.start()))
                  for name, match in _candidates(norm)]
    years = _Years(published_on, {sentence for name, _, sentence in candidates if name == "target"})
    # Dates first, in text order (years carry forward); goal words then take the nearest date.
    read = [(name, match, sentence, _resolve(name, match, sentence, years, text))
            for name, match, sentence in candidates]
    dated = [(match.start(), sentence, expr) for name, match, sentence, expr in read
             if name not in ("target", "asof")]
    fallback = year_of(published_on)
    return [expr or _target_marker(match, _nearest_year(match.start(), sentence, dated) or fallback, text)
            for _, match, sentence, expr in read]


# ---------------------------------------------------------------------------------------
# Periods before their anchor.  A fact's period is stored twice: resolved against the
# publication date known at extraction, and as an expression that names its anchor
# (``period_expr``), so a date supplied later (manifest, an analyst's judgement) re-dates
# the fact without re-reading the text and without guessing.
#
#   expr   := KIND "|" BOUND "|" BOUND          KIND: actual, asof, target
#   BOUND  := ""                                 no bound (an as-of date has no start)
#           | YYYY-MM-DD                         a date the text names itself (2021年)
#           | "P" [("+"|"-") N "y"]              the publication date, N years on or back
#           | "Y" [("+"|"-") N] "-MM-DD"         a day of the publication year (去年底: Y-1-12-31)
#
# Which bounds depend on the anchor is found by reading the article against two anchors a
# year apart (same month and day, so every "after publication?" test answers the same):
# a bound that moves with the anchor is relative, one that stays is the text's own.

_BOUND = re.compile(r"^(?:(?P<iso>\d{4}-\d{2}-\d{2})|P(?P<pn>[+-]\d+)?y?|Y(?P<yn>[+-]\d+)?-(?P<m>\d{2})-(?P<d>\d{2}))$")


def shifted_anchor(anchor: date) -> date:
    """The second anchor: one year after the first (29 February falls back to the 28th)."""
    return _shift_years(anchor, 1)


def _bound_expr(value: date | None, moved: date | None, anchor: date) -> str:
    """One bound as an expression, from its values under anchor and under shifted_anchor(anchor)."""
    if value is None:
        return ""
    if moved == value:
        return value.isoformat()
    years = value.year - anchor.year
    if (value.month, value.day) == (anchor.month, anchor.day):
        return "P" if years == 0 else f"P{years:+d}y"
    return f"Y{'' if years == 0 else f'{years:+d}'}-{value.month:02d}-{value.day:02d}"


def period_expression(kind: str, start: date | None, end: date | None,
                      moved_start: date | None, moved_end: date | None, anchor: date) -> str | None:
    """The expression of a period read against anchor, given the same period read a year later.

    None when nothing in it depends on the anchor (it is stored as it is).
    """
    if kind == "unknown" or (start == moved_start and end == moved_end):
        return None
    return "|".join((kind, _bound_expr(start, moved_start, anchor), _bound_expr(end, moved_end, anchor)))


def _resolve_bound(bound: str, published_on: date | None) -> date | None:
    m = _BOUND.match(bound)
    if not m:
        raise ValueError(f"not a period bound: {bound!r}")
    if m.group("iso"):
        return date.fromisoformat(m.group("iso"))
    if published_on is None:
        raise LookupError("needs the publication date")
    if m.group("m"):
        year = published_on.year + int(m.group("yn") or 0)
        month, day = int(m.group("m")), int(m.group("d"))
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    return _shift_years(published_on, int(m.group("pn") or 0))


def resolve_expr(expr: str, published_on: date | None) -> tuple[str, date | None, date | None]:
    """(period_kind, period_start, period_end) of a period expression against a publication date.

    Without a date, a period that needs one is ``unknown``.  ValueError for a malformed expression.
    """
    try:
        kind, first, last = expr.split("|")
    except ValueError:
        raise ValueError(f"not a period expression: {expr!r}") from None
    if kind not in (ACTUAL, ASOF, TARGET):
        raise ValueError(f"not a period kind: {kind!r}")
    try:
        start = _resolve_bound(first, published_on) if first else None
        end = _resolve_bound(last, published_on) if last else None
    except LookupError:
        return "unknown", None, None
    return kind, start, end
