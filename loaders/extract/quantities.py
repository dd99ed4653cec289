"""Numbers with units in Chinese economic prose: value and unit as written, qualifier, spans.

`find_quantities` scans `matching_text(text)` (same length as the text, so spans hold) for a
number, Arabic or Chinese, followed by a unit from `units.BASE_UNITS`, and reads the words
around it: qualifiers (超过, 余, 约, 左右, 不足 ...), a rate's direction (增长 / 下降) and
the from/to roles of 从X提升至Y.  Which fact a quantity belongs to is decided elsewhere.

Choices, following gold/SCHEMA.md ("value as written, unit as written") where it speaks:

- A trailing 万/亿 joins the unit: 一百一十三点八亿元 -> 113.8 亿元, 1.5万家 -> 1.5 万家.
  A lone 万/亿 joins a unit that has no magnitude yet (上万平方米 -> 1 万平方米, 超亿元 ->
  1 亿元, 万余人 -> 1 万人); 突破万亿元 -> 10000 亿元; 近千家 -> 1000 家.  A bare 亿
  (破百亿) and the spoken 个亿 (两个亿) are reported as 亿元; a bare 万 only after a
  money noun in the same clause (总投资5000万 -> 5000 万元; 游客5000万 is skipped).
- A lone 百/千/万/亿 with no qualifier is an idiom, not a figure (千家万户, 百年老店).
- Approximations keep the lower bound: 两三家 -> 2 about; 七八百亿元 -> 700 more_than;
  数十/几十/十几 -> 10 more_than; 3~5家 -> 3 more_than (span covers the range).
- A duration in 年 is a quantity (12年之久, 连续三年, 3年内); a calendar year (four
  digits 19xx/20xx or 二〇二一) and a period (近3年, 前11个月, 3年来, 10年前) are not.
- Not figures: ordinals (第三), model numbers after Latin letters (PreMed 5200, PM2.5),
  plan names (十四五), size classes (千亿级), 一 with a plain unit used as an article
  (一家企业, 最后一公里), 零 (零部件), a classifier that begins a word (3片区).
- Qualifier: the word before the number wins, then 余/多/几 inside, then 以上/左右 after.
- `change` is set only for rate units (%, 个百分点, 成, 倍 ...) right after 增长/下降 ...;
  提高到/降至 state a level, not a change.  A decrease makes the value negative.
- A full-width comma separates clauses, never thousands (3，500家 is 3 and 500家).
"""
from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from loaders.extract.textnorm import matching_text
from loaders.extract.units import BASE_UNITS, RATE_UNITS, to_base
from loaders.extract.words import contains

MORE_THAN, ABOUT, LESS_THAN = "more_than", "about", "less_than"


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, as written, and what the words around it say about it."""

    value: Decimal
    unit: str
    qualifier: str | None
    value_base: Decimal | None
    base_unit: str | None
    start: int
    end: int
    number_start: int
    number_end: int
    change: str | None = None
    role: str | None = None


# ---------------------------------------------------------------------------------------
# Numbers

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}
_CN_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)

# Two neighbouring digits written together mean "N or N+1" (两三家, 七八百): a range.
_APPROX = re.compile(r"^([一二两三四五六七八九])([二三四五六七八九])([十百千万亿]*)$")
_ARABIC_MAG = re.compile(r"^([0-9]+(?:\.[0-9]+)?)([十百千万亿]*)$")


def _cn_section(s: str) -> int | None:
    """Value of a Chinese numeral below 万 (三千零五, 十二, 一百一十三), or None."""
    total, digit = 0, None
    for char in s:
        if char in _DIGITS:
            if digit:              # 一一, 三五: two digits in a row are not one numeral
                return None
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _cn_integer(s: str) -> int | None:
    """Value of a whole Chinese numeral with 万/亿 sections (三万五千, 一千二百亿), or None."""
    if len(s) > 1 and all(char in _DIGITS for char in s) and (len(s) == 4 or set(s) & set("〇○零")):
        return int("".join(str(_DIGITS[char]) for char in s))   # 二〇二一: positional digits
    total, rest = 0, s
    for big, factor in (("亿", 10 ** 8), ("万", 10 ** 4)):
        if big in rest:
            head, rest = rest.split(big, 1)
            head_value = _cn_integer(head) if head else 1
            if head_value is None:
                return None
            total += head_value * factor
    tail = _cn_section(rest) if rest else 0
    return None if tail is None else total + tail


def _cn_number(s: str) -> Decimal | None:
    """Value of a Chinese numeral, decimals (一百一十三点八) and approximations (七八百) included."""
    approx = _APPROX.match(s)
    if approx:
        # Lower bound of the range: no precision the text does not give.
        return _cn_number(approx.group(1) + approx.group(3))
    whole, _, frac = s.partition("点")
    whole_value = _cn_integer(whole) if whole else 0
    if whole_value is None or any(char not in _DIGITS for char in frac) or not (whole or frac):
        return None
    digits = "".join(str(_DIGITS[char]) for char in frac)
    return Decimal(f"{whole_value}.{digits}") if digits else Decimal(whole_value)


def parse_number(s: str) -> Decimal | None:
    """The value of a written number: '113.8', '１１３．８', '一百一十三点八', '两', '1.5万', '千'."""
    s = matching_text(s).replace(",", "").strip()
    arabic = _ARABIC_MAG.match(s)
    if arabic:
        value = Decimal(arabic.group(1))
        for char in arabic.group(2):
            value *= _SMALL_UNITS.get(char) or _BIG_UNITS[char]
        return value
    if s and all(char in _CN_CHARS or char == "点" for char in s):
        return _cn_number(s)
    return None


# ---------------------------------------------------------------------------------------
# Patterns, compiled once

# A number is whole: never the tail of 1.2.3.4 or of a longer digit run, at most 18 digits before
# the point (a 5,000-digit "number" is no figure; Decimal arithmetic on it would fail).
_ARABIC = r"(?<![0-9.])[0-9]{1,18}(?:,[0-9]{3})*(?:\.[0-9]{1,12})?(?![0-9]|[.][0-9])"
_NUMBER = re.compile(rf"(?P<ar>{_ARABIC})|(?P<cn>[{_CN_CHARS}]+(?:点[{''.join(_DIGITS)}]+)?)")

# Qualifier words, longest first so 不超过 wins over 超过 and 将近 over 近.
_PRE_QUALIFIERS = {
    "不超过": LESS_THAN, "不高于": LESS_THAN, "不足": LESS_THAN, "不到": LESS_THAN,
    "低于": LESS_THAN, "少于": LESS_THAN, "不满": LESS_THAN, "未满": LESS_THAN,
    "超过": MORE_THAN, "突破": MORE_THAN, "超出": MORE_THAN, "多于": MORE_THAN,
    "高于": MORE_THAN, "不少于": MORE_THAN, "不低于": MORE_THAN, "逾": MORE_THAN,
    "超": MORE_THAN, "破": MORE_THAN, "过": MORE_THAN,
    "至少": MORE_THAN, "最多": LESS_THAN, "至多": LESS_THAN,
    "大约": ABOUT, "将近": ABOUT, "接近": ABOUT, "约为": ABOUT, "约": ABOUT, "近": ABOUT,
    "一上": MORE_THAN, "上": MORE_THAN, "数": MORE_THAN, "几": MORE_THAN,
}
_PRE = re.compile("(?P<word>" + "|".join(sorted(_PRE_QUALIFIERS, key=len, reverse=True)) + r")了?\Z")
# 过 is a qualifier in 过亿/过百家, not the tail of 通过/经过/超过/越过/错过/不过.
_NOT_GUO = frozenset("通经超越错不")
# 约 is "about" in 约10亿元, not the tail of 签约/节约/合约/预约/制约 ...
_NOT_YUE = frozenset("签节合预制契履违公条邀特相简集")
# 上 and 数/几 qualify only a bare magnitude (上万, 数十, 几百), never 上3家 (上 = "on").
_MAGNITUDE_ONLY = frozenset({"一上", "上", "数", "几"})
# After the unit: 120万平方米以上, 2亿元左右.  上下 is left out: 3家上下游企业.
_POST_QUALIFIERS = {"以上": MORE_THAN, "之多": MORE_THAN, "左右": ABOUT,
                    "以下": LESS_THAN, "以内": LESS_THAN}
_POST = re.compile("|".join(_POST_QUALIFIERS))

_RATE_TAIL = r"(?:率|幅度)?(?:分别)?(?:了|为|达到|达|是)?\Z"     # 增长率达12%, 同比下降了5%
_INCREASE = re.compile(r"(?:增长|增速|增幅|涨幅|提高|上升|提升|增加|增)" + _RATE_TAIL)
_DECREASE = re.compile(r"(?:下降|减少|降低|下滑|回落|降幅|缩减|减|降)" + _RATE_TAIL)
# 从6万台提升至20万台, 由2019年的20家增加到2022年的45家: a time phrase + 的 may sit
# between the preposition and the number.
_OF_TIME = r"(?:[^,，。；;]{1,10}的)?\Z"
_FROM = re.compile(r"(?:从|由)" + _OF_TIME)
_TO_LINK = re.compile(r"[\u4e00-\u9fff]{0,3}(?:至|到|为)" + _OF_TIME)

# 十一五 .. 十五五 name five-year plans (2006-2030), not the numbers 115 .. 155.
_PLAN = re.compile(r"十[一二三四五]五")
_LONE_MAGNITUDES = frozenset("百千万亿")
_LATIN = re.compile(r"[A-Za-z]")
# Unit lengths by first character, longest first: the longest match costs a few look-ups.
_UNIT_LENGTHS = {first: sorted({len(unit) for unit in BASE_UNITS if unit[0] == first}, reverse=True)
                 for first in {unit[0] for unit in BASE_UNITS}}
_BIG_MAGNITUDES = ("万", "亿")
_MAGNITUDE_PREFIXES = ("万亿", "千万", "百万", "十万", "万", "亿", "千", "百")
_RANGE_LINK = frozenset("~-—–至到")
_TIME_UNITS = frozenset({"年", "个月", "个季度"})
_MONEY_BEFORE = re.compile(
    r"(?:投资|资金|产值|营收|收入|税收|销售额|利润|融资|补助|补贴|奖励|金额|资本|估值|市值|增加值|"
    r"出口|进口|贸易额|成交额|费用|成本|预算|扶持)[^,，。；;、]{0,6}\Z")
_LIST_JOINERS = frozenset({"和", "、", "及", "与", "以及"})
# A classifier that is really the first character of a word: 3片区, 10场景, 两位于.
_UNIT_THEN_WORD = frozenset({"片区", "场景", "层次", "名单", "条件", "位于", "只有", "座谈", "头部", "类型"})
# Characters that can follow a number that has a unit: a unit's first character, an
# inner qualifier (余/多/几), a space, or a range mark (3~5家).
_FOLLOWERS = frozenset({unit[0] for unit in BASE_UNITS} | set("亿余多几 ") | _RANGE_LINK)


@dataclass(frozen=True)
class _Number:
    """A number found in the text before its unit is known."""

    text: str
    value: Decimal
    start: int
    end: int


# Words that make a bare 分 the points of a score (综合得分93.62分, 考评总分).
SCORE_WORDS = ("得分", "评分", "分数", "总分", "考评", "打分", "分值")


def scored(norm: str, match: re.Match) -> bool:
    """True when the sentence before the number speaks of a score (so a 分 after it is points)."""
    before = norm[max(0, match.start() - 40):match.start()]
    return contains(before[max(before.rfind(c) for c in "。！？\n") + 1:], SCORE_WORDS)


def _unit_at(norm: str, pos: int, bare: bool = True, money: bool = False, scored: bool = False) -> str | None:
    """The longest unit written at pos (dict look-ups, longest first), or None."""
    for length in _UNIT_LENGTHS.get(norm[pos:pos + 1], ()):
        if norm[pos:pos + length] == "分" and not scored:
            continue
        if norm[pos:pos + length] in BASE_UNITS:
            if norm[pos:pos + length + 1] in _UNIT_THEN_WORD:
                return None
            return norm[pos:pos + length]
    # A bare 亿 after a figure means 亿元 in economic news (破百亿, 突破万亿), but 千亿级
    # is a size class, not a figure.
    if bare and norm[pos:pos + 1] == "亿" and norm[pos + 1:pos + 2] != "级":
        return "亿"
    # A bare 万 is 万元 only where the clause is about money (总投资5000万): 万 alone may
    # count people or things too.
    if bare and money and norm[pos:pos + 1] == "万" and norm[pos + 1:pos + 2] != "级":
        return "万"
    return None


def _written_unit(unit: str) -> str:
    """The unit to report: a bare 亿/万 and the spoken 个亿 (两个亿) are reported with 元."""
    return {"亿": "亿元", "个亿": "亿元", "万": "万元"}.get(unit, unit)


def _unit_after(norm: str, pos: int, money: bool = False, scored: bool = False) -> tuple[str | None, int, str | None]:
    """Unit written at pos, its end, and more_than if 余/多/几 sits before it (40余个, 1万余元)."""
    if norm[pos:pos + 1] == " " and norm[pos + 1:pos + 2] not in ("", " "):
        pos += 1                      # 100 亿元: one space from HTML layout
    unit = _unit_at(norm, pos, bare=False)
    if unit:
        return unit, pos + len(unit), None
    if norm[pos:pos + 1] and norm[pos] in "余多几":
        unit = _unit_at(norm, pos + 1)
        return (unit, pos + 1 + len(unit), MORE_THAN) if unit else (None, pos, None)
    for magnitude in _MAGNITUDE_PREFIXES:
        inner = pos + len(magnitude)
        if norm.startswith(magnitude, pos) and norm[inner:inner + 1] in ("余", "多"):
            unit = _unit_at(norm, inner + 1, bare=False)
            if unit and magnitude + unit in BASE_UNITS:
                return magnitude + unit, inner + 1 + len(unit), MORE_THAN
            if magnitude == "亿":
                return "亿", inner + 1, MORE_THAN     # 1亿多
    unit = _unit_at(norm, pos, money=money, scored=scored)
    return (unit, pos + len(unit), None) if unit else (None, pos, None)


def _arabic_number(match: re.Match) -> _Number:
    """An Arabic number, thousands separators dropped."""
    token = match.group()
    return _Number(token, Decimal(token.replace(",", "")), match.start(), match.end())


def _scan_text(text: str) -> str:
    """matching_text, but a full-width comma stays one: it separates clauses, never thousands."""
    norm = matching_text(text)
    if "，" not in text:
        return norm
    chars = list(norm)
    for found in re.finditer("，", text):
        chars[found.start()] = "，"
    return "".join(chars)


def _chinese_split(norm: str, match: re.Match, money: bool) -> tuple[_Number, str | None, int, str | None] | None:
    """Split a Chinese numeral whose trailing 万/亿 begins the unit (一百一十三点八亿元 -> 亿元)."""
    token, start = match.group(), match.start()
    for i in range(1, len(token)):
        tail = token[i:]
        if set(tail) <= set(_BIG_MAGNITUDES):
            unit = _unit_at(norm, start + i, money=money)
            value = _cn_number(token[:i])
            if unit and unit.startswith(tail) and value is not None:
                return _Number(token[:i], value, start, start + i), unit, start + i + len(unit), None
    return None


def _number_and_unit(norm: str, match: re.Match) -> tuple[_Number, str | None, int, str | None] | None:
    """The number at match, the unit after it (or None), where the unit ends, an inner qualifier."""
    money = bool(_MONEY_BEFORE.search(norm, max(0, match.start() - 12), match.start()))
    if match.group("ar"):
        number = _arabic_number(match)
    else:
        split = _chinese_split(norm, match, money)
        if split:
            return split
        value = _cn_number(match.group())
        if value is None:
            return None
        number = _Number(match.group(), value, match.start(), match.end())
    unit, end, inner = _unit_after(norm, number.end, money, norm.startswith("分", number.end) and scored(norm, match))
    if unit is None and norm[max(0, number.start - 3):number.start] == "百分之":
        return number, "%", number.end, None   # 百分之八十 = 80%
    return number, unit, end, inner


def _pre_qualifier(norm: str, number: _Number) -> tuple[int, str] | None:
    """Start and kind of a qualifier word written just before the number (超过, 约, 不足, 上万)."""
    found = _PRE.search(norm, max(0, number.start - 4), number.start)   # 突破了100亿元
    if not found:
        return None
    word = found.group("word")
    previous = norm[found.start() - 1:found.start()] if found.start() else ""
    if (word == "过" and previous in _NOT_GUO) or (word == "约" and previous in _NOT_YUE):
        return None
    if word in _MAGNITUDE_ONLY and number.text not in ("十", "百", "千", "万", "亿"):
        return None
    return found.start(), _PRE_QUALIFIERS[word]


def _is_calendar_year(number: _Number) -> bool:
    """2021 in 2021年 is a date, not 2021 years: four digits 19xx/20xx, Arabic or 二〇二一."""
    digits = number.text if number.text.isdigit() else str(number.value)
    return len(number.text) == 4 and len(digits) == 4 and digits[:2] in ("19", "20")


def _is_period_duration(norm: str, number: _Number, unit: str, end: int) -> bool:
    """近3年, 前11个月, 3年来, 10年前: a point or period of time (periods.py), not a figure."""
    if unit not in _TIME_UNITS:
        return False
    before = norm[max(0, number.start - 2):number.start]
    after = norm[end:end + 2]
    return (before.endswith(("近", "前")) or before in ("过去", "最近")
            or after.startswith(("来", "以来", "前", "后", "代", "度")))


def _not_a_figure(norm: str, number: _Number, unit: str, end: int, pre, inner) -> bool:
    """Ordinals, model numbers, plan names, dates, size classes and 一 used as an article."""
    before = norm[max(0, number.start - 2):number.start]
    if before.endswith("第") or _LATIN.match(before[-1:] or " ") or (
            before[-1:] in (" ", "-") and _LATIN.match(before[:1] or " ")):
        return True                      # 第三篇, PreMed 5200, PM2.5
    if _PLAN.fullmatch(number.text) or norm[end:end + 1] == "级":
        return True                      # 十四五; 千亿级企业 names a class
    if unit == "年" and inner is None and _is_calendar_year(number):   # 2000余年 is a duration
        return True
    if number.text in _LONE_MAGNITUDES and pre is None and inner is None:
        return True                      # 千家万户, 百年老店: idioms, not figures (百余家 is one)
    if number.text in ("零", "〇", "○"):
        return True                      # 零件, 零部件
    if unit in ("名", "位") and before.endswith("前"):
        return True                      # 位列前10名: a rank
    if _in_slogan(norm, number.start, end):
        return True                      # “五个一”工程, “3个1”: a slogan's name
    # 一家高新技术企业, 一批项目, 最后一公里: 一 with a plain unit works like an article;
    # 一亿元 (a magnitude) and 提高一个百分点 (a rate) are figures.
    return number.text == "一" and pre is None and not unit.startswith(_MAGNITUDE_PREFIXES) \
        and unit not in RATE_UNITS


def _in_slogan(norm: str, start: int, end: int) -> bool:
    """The quantity sits inside a short quoted name (“五个一”), not in running prose."""
    opening = norm.rfind("“", max(0, start - 6), start)
    if opening < 0 or "”" in norm[opening:start]:
        return False
    closing = norm.find("”", end, end + 6)
    return closing >= 0 and closing - opening <= 8


def _change(norm: str, start: int, unit: str) -> str | None:
    """'increase'/'decrease' for a rate introduced by 增长/增速/提高 or 下降/减少/降低."""
    if unit not in RATE_UNITS:
        return None
    window = norm[max(0, start - 6):start]
    if _DECREASE.search(window):
        return "decrease"
    return "increase" if _INCREASE.search(window) else None


def _merge_lone_magnitude(number: _Number, unit: str) -> tuple[_Number, str]:
    """上万平方米 -> 1 万平方米, 超亿元 -> 1 亿元: a lone 万/亿 joins a unit that has no magnitude."""
    if number.text in _BIG_MAGNITUDES and not unit.startswith(_MAGNITUDE_PREFIXES) \
            and number.text + unit in BASE_UNITS:
        return _Number(number.text, Decimal(1), number.start, number.end), number.text + unit
    return number, unit


def _signed(norm: str, start: int) -> bool:
    """A minus sign right before the number (-113.8, 增速为-2.3%), not a range's dash (1-3月, A-5)."""
    if start == 0 or norm[start - 1] not in "-−":
        return False
    return start == 1 or not re.match(r"[0-9A-Za-z.%)）]", norm[start - 2])


def _build(norm: str, number: _Number, unit: str, end: int, qualifier: str | None, start: int) -> Quantity:
    """A Quantity with post-qualifier (以上, 左右), change direction and base value filled in."""
    post = _POST.match(norm, end)
    if post:
        qualifier = qualifier or _POST_QUALIFIERS[post.group()]
        end = post.end()
    unit = _written_unit(unit)
    change = _change(norm, start, unit)
    value = -number.value if change == "decrease" or _signed(norm, number.start) else number.value
    value_base, base_unit = to_base(value, unit)
    return Quantity(value, unit, qualifier, value_base, base_unit, start, end,
                    number.start, number.end, change, None)


def _read(norm: str, match: re.Match) -> tuple[Quantity | None, _Number | None]:
    """The Quantity starting at a number match (or None), and the bare number if it has no unit."""
    parts = _number_and_unit(norm, match)
    if parts is None:
        return None, None
    number, unit, end, inner = parts
    if unit is None:
        return None, number
    pre = _pre_qualifier(norm, number)
    if _not_a_figure(norm, number, unit, end, pre, inner) or _is_period_duration(norm, number, unit, end):
        return None, None
    if pre and pre[1] == MORE_THAN and norm[pre[0]:number.start].endswith("上"):
        number, unit = _merge_lone_magnitude(number, unit)    # 上万平方米 (brief: 1 万平方米)
    elif number.text in _BIG_MAGNITUDES:
        number, unit = _merge_lone_magnitude(number, unit)
    qualifier = pre[1] if pre else inner
    if _APPROX.match(number.text):
        # 两三家 reads "about 2"; 七八百亿元 "700 or more" (lower bound, gold convention).
        qualifier = qualifier or (MORE_THAN if _APPROX.match(number.text).group(3) else ABOUT)
    start = pre[0] if pre else number.start
    if norm[number.start - 3:number.start] == "百分之" and unit == "%":
        start = number.start - 3
    return _build(norm, number, unit, end, qualifier, start), None


def _range(norm: str, first: _Number) -> Quantity | None:
    """3~5家, 10至20亿元: the lower bound with the second number's unit, qualifier more_than."""
    if norm[first.end:first.end + 1] not in _RANGE_LINK or not norm[first.end:first.end + 1]:
        return None
    second = _NUMBER.match(norm, first.end + 1)
    upper = _read(norm, second)[0] if second else None
    if upper is None or upper.qualifier is not None or upper.start != second.start():
        return None
    lower = replace(upper, value=first.value, number_start=first.start, number_end=first.end)
    value_base, _ = to_base(lower.value, lower.unit)
    return replace(lower, start=first.start, qualifier=MORE_THAN, value_base=value_base)


def _assign_roles(norm: str, found: list[Quantity]) -> list[Quantity]:
    """从6万台提升至20万台: mark the pair as 'from' and 'to'."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if _FROM.search(norm, max(0, first.start - 12), first.start) and \
                _TO_LINK.match(norm, first.end, second.start):
            out[i] = replace(first, role="from", change=None)
            out[i + 1] = replace(second, role="to", change=None)
    return out


def _may_have_unit(norm: str, match: re.Match) -> bool:
    """Cheap test before parsing: can a unit follow? (Most 一/三 in prose are in words: 一体化.)"""
    after = norm[match.end():match.end() + 1]
    return (after in _FOLLOWERS and after != "") or match.group().endswith(_BIG_MAGNITUDES) \
        or norm[max(0, match.start() - 3):match.start()] == "百分之"


def _carry_change(norm: str, found: list[Quantity]) -> list[Quantity]:
    """分别增长12%和15%: a rate joined to a changed rate by 和/、/及 changes the same way."""
    out = list(found)
    for i in range(1, len(out)):
        before, rate = out[i - 1], out[i]
        if before.change and rate.change is None and rate.unit in RATE_UNITS \
                and norm[before.end:rate.start] in _LIST_JOINERS:
            value = -rate.value if before.change == "decrease" else rate.value
            out[i] = replace(rate, value=value, value_base=to_base(value, rate.unit)[0], change=before.change)
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every number with its unit in text (see _find_quantities); cached, as facts read an article
    against more than one publication date."""
    return list(_cached_quantities(text))


@lru_cache(maxsize=8)
def _cached_quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(_find_quantities(text))


def _find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in text, in text order, spans into text."""
    norm = _scan_text(text)
    found: list[Quantity] = []
    pos = 0
    while (match := _NUMBER.search(norm, pos)) is not None:
        if not _may_have_unit(norm, match):
            pos = match.end()
            continue
        quantity, bare = _read(norm, match)
        if quantity is None and bare is not None:
            quantity = _range(norm, bare)
        if quantity is not None:
            found.append(quantity)
            pos = max(quantity.end, match.end())
        elif match.group("cn") and len(match.group()) > 1 and _cn_number(match.group()) is None:
            pos = match.start() + 1      # 唯一一个: not one numeral; read again from the next char
        else:
            pos = match.end()
    return _assign_roles(norm, _carry_change(norm, found))
