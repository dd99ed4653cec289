"""Publication dates: printed date lines, manifest dates, and dates inferred from content.

Every function here is pure and works on the cleaned article text.  A date found
by these rules is returned with its precision (day/month/year) and a short note
saying which line or rule produced it, so a reader can check the reasoning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders.extract.textnorm import arabic_dates


@dataclass(frozen=True)
class DateGuess:
    """A publication date with how precise it is and why we believe it."""

    on: date
    precision: str      # day / month / year
    note: str


_MANIFEST_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

# 2023-01-06, 2023/1/6, 2023.1.6, 2023年1月6日 (spaces tolerated: OCR and
# hand-typed pages put them anywhere).
_FULL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)(?!\d)"
)
# A date line is short and is not a sentence: no Chinese comma or full stop.
_SENTENCE_MARK = re.compile(r"[，。；！？,;]")
_DATE_LINE_MAX = 50
_DATE_LINE_WINDOW = 10   # a printed date sits under the headline, within the first lines
# A government notice's header table (政务公开) prints when the document was written or
# takes effect (成文日期, 印发日期, 施行日期, 生成日期) beside when it was published (发布日期),
# often two to a line: a date labelled with the first kind is only a fallback.
_NOT_PUBLISHED_LABEL = re.compile(r"(?:成文|印发|施行|生效|签发|起草|生成)(?:日期|时间)\s*[：:]?\s*$")
# Every line is read through textnorm.arabic_dates: full-width digits (２０２３年１０月１８日, Big5
# and some GB pages) and Chinese-numeral dates (二〇二三年九月十二日) become ASCII digits.

# "2021年," opening a clause is how annual results are reported (年报口径); a
# year preceded by 到/至 or words of intent is a target, not a result.
_FULL_YEAR = re.compile(r"(?<![到至])(?<!力争)(?<!预计)(?<!计划)((?:19|20)\d{2})年(?:全年)?[,，]([^。；;]*)")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:万亿|亿|万|%|家|个|项|台|吨|亩|平方|人|名|倍)")

# Partial-year statistics ("今年1~3月", "今年一季度", "今年上半年") are published
# in the month after the period ends (国家统计局 release calendar: mid-month).
_PARTIAL_SPAN = re.compile(r"今年\s*(?:1|一)\s*[~～—–\-－至到]\s*(\d{1,2})\s*月")
_PARTIAL_WORDS = (
    (re.compile(r"今年(?:第?一|1)季度"), 3),
    (re.compile(r"今年上半年"), 6),
    (re.compile(r"今年前三季度"), 9),
)
_RELATIVE_YEAR = re.compile(r"今年|去年")

# Five-year plans: 十三五 = 2016-2020.  A "收官" (closing) review is written
# just after the last year ends, i.e. at the start of the next plan.
_PLAN_END_YEARS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_PLAN_CLOSE = re.compile(r"[“\"]?(十[一二三四五]五)[”\"]?\s*(?:规划)?\s*(?:圆满)?收官")

# A supplement banner such as "2022 全省制造业高质量发展大会" above the headline
# names the event the issue was printed for, hence the year.
_BANNER_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?\s*\S*(?:大会|论坛|峰会|博览会|年会|会议|展览会|推介会)$")


def parse_manifest_date(value: str) -> tuple[date, str]:
    """Parse YYYY-MM-DD, YYYY-MM or YYYY into a date and its precision; ValueError if malformed."""
    m = _MANIFEST_DATE.match(value.strip())
    if not m:
        raise ValueError(f"published_on {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = m.group(1), m.group(2), m.group(3)
    precision = "day" if day else "month" if month else "year"
    try:
        return date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as exc:
        raise ValueError(f"published_on {value!r} is not a real date ({exc})") from None


def printed_date(text: str) -> DateGuess | None:
    """The date printed on a short date line near the top of the article, if any."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    fallback = None
    for line in lines[:_DATE_LINE_WINDOW]:
        ascii_line = arabic_dates(line)
        if len(line) > _DATE_LINE_MAX or _SENTENCE_MARK.search(ascii_line):
            continue
        m = _FULL_DATE.search(ascii_line)
        if not m:
            continue
        year, month, day = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
        try:
            on = date(year, month, day)
        except ValueError:
            continue
        guess = DateGuess(on, "day", f"printed date line {line!r}")
        if not _NOT_PUBLISHED_LABEL.search(ascii_line, 0, m.start()):   # the label right before the date
            return guess
        fallback = fallback or guess
    return fallback


# A byline or source note at the end names the year (（稿件来源：X融媒体中心 2022年 记者 Y）)
# and a news lead opens with the day (11月20日，记者从…获悉): together, the date.
_BYLINE_YEAR = re.compile(r"(?:来源|稿件|记者|编辑|通讯员|撰稿|作者)[^\n。]{0,40}?(?<!\d)((?:19|20)\d{2})\s*年(?![\d度底初末])"
                          r"|(?<!\d)((?:19|20)\d{2})\s*年\s*(?:第\s*\d+\s*期|\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*"
                          r"(?:记者|编辑|通讯员|撰稿)")
_BYLINE_WINDOW = 4        # the last lines of the article
_LEAD_DAY = re.compile(r"^(?:本报讯|讯|[（(【][^）)】]{0,12}[）)】])?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[，,]")
_LEAD_WINDOW = 3          # the first lines of the body


# The end of an article can print its date too: a government document's signature date
# line (2023年1月16日) or 印发 line, or a reprint note (（原载《杭州日报》2024年8月5日第A03版）).
_CLOSING_WINDOW = 8
_CLOSING_MAX = 60
_CLOSING_CUE = re.compile(r"印发|原载|来源|刊发|刊登|发布|日报|晚报|时报|周报")
_PAGE_NUMBER = re.compile(r"^[—\-－–\s]*\d+[—\-－–\s]*$")


def closing_date(text: str) -> DateGuess | None:
    """The date printed on a short line at the end: alone on its line, or with 印发 / 原载…报."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    for line in reversed(lines[-_CLOSING_WINDOW:]):
        ascii_line = arabic_dates(line)
        m = _FULL_DATE.search(ascii_line)
        if not m or len(line) > _CLOSING_MAX:
            continue
        alone = not ascii_line[:m.start()].strip(" （(") and not ascii_line[m.end():].strip(" ）)")
        if not (alone or _CLOSING_CUE.search(ascii_line)):
            continue
        year, month, day = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
        try:
            return DateGuess(date(year, month, day), "day", f"printed date at the end {line!r}")
        except ValueError:
            continue
    return None


def byline_date(text: str) -> DateGuess | None:
    """The year a closing byline or source note prints, with the day of a dated lead if there is one."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    year = None
    for line in reversed(lines[-_BYLINE_WINDOW:]):
        m = _BYLINE_YEAR.search(arabic_dates(line))
        if m and len(line) <= 80:
            year, source = int(m.group(1) or m.group(2)), line
            break
    if year is None:
        return None
    for line in lines[1:1 + _LEAD_WINDOW]:
        ascii_line = arabic_dates(line)
        lead = _LEAD_DAY.match(ascii_line)
        if lead:
            try:
                on = date(year, int(lead.group(1)), int(lead.group(2)))
            except ValueError:
                break
            # the note quotes the line as printed (the match ran on its ASCII-width copy, same length)
            return DateGuess(on, "day", f"year of the byline {source!r}, day of the lead {(line if len(line) == len(ascii_line) else ascii_line)[:lead.end()]!r}")
    return DateGuess(date(year, 1, 1), "year", f"year of the byline {source!r}")


def latest_full_year(text: str) -> int | None:
    """The latest year for which the article reports full-year figures ("2021年,…达113.8亿元")."""
    years = [int(m.group(1)) for m in _FULL_YEAR.finditer(text) if _FIGURE.search(m.group(2))]
    return max(years, default=None)


def partial_year_end(text: str) -> tuple[int, str] | None:
    """The latest end month of a 今年 partial-year statistic, with the phrase that gave it."""
    found = [(int(m.group(1)), m.group(0)) for m in _PARTIAL_SPAN.finditer(text) if 1 <= int(m.group(1)) <= 11]
    for pattern, month in _PARTIAL_WORDS:
        found += [(month, m.group(0)) for m in pattern.finditer(text)]
    return max(found, default=None)


# More cues for an undated article, each read the same way everywhere:
# - results "for" a year (2023年度综合考评, 2023年度…名单) published 今年: 今年 is the year after;
# - the latest month 今年 names as passed (今年5月, 7月下旬, 6月底, 7月18日 in a 今年 article):
#   the article is from that month or later.
_ANNUAL = re.compile(r"((?:19|20)\d{2})\s*年度")
_THIS_YEAR_MONTH = re.compile(r"(?<![\d年])(1[0-2]|[1-9])\s*月(?:份)?(?:上旬|中旬|下旬|底|末|初|\s*\d{1,2}\s*[日号])")
_FUTURE_MARK = re.compile(r"将|预计|计划|力争|有望|拟|争取|到$")


def latest_month_told(text: str) -> tuple[int, str] | None:
    """The latest month the text tells of as a day or part of a month with no year of its own
    and no future word just before it (7月下旬召开, 6月底, 7月18日), with the phrase."""
    found = []
    for m in _THIS_YEAR_MONTH.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        if re.search(r"\d{4}\s*年\s*$", before) or _FUTURE_MARK.search(before) or re.search(r"明年|去年", before):
            continue
        found.append((int(m.group(1)), m.group(0)))
    return max(found, default=None)


def infer_date(text: str) -> DateGuess | None:
    """Infer a publication date from the article's content; None when nothing points anywhere."""
    full_year = latest_full_year(text)
    span = partial_year_end(text)
    annual = max((int(m.group(1)) for m in _ANNUAL.finditer(text)), default=None)
    if annual and "今年" in text and not (full_year and full_year > annual):
        month = latest_month_told(text)
        if span and (not month or span[0] + 1 > month[0]):
            month = (min(span[0] + 1, 12), span[1])
        if month:
            return DateGuess(date(annual + 1, month[0], 1), "month",
                             f"inferred: results for {annual}年度 told this year, latest month told {month[1]!r}"
                             f" → {annual + 1}-{month[0]:02d}")
        return DateGuess(date(annual + 1, 1, 1), "year", f"inferred: results for {annual}年度 told this year → {annual + 1}")
    if full_year and span:
        # The newest complete year reported is last year; the partial-year
        # figures of this year come out the month after their span ends.
        end_month, phrase = span
        on = date(full_year + 1, end_month + 1, 1)
        return DateGuess(on, "month", f"inferred: latest full-year figures {full_year}, partial-year {phrase} → {on:%Y-%m}")
    close = _PLAN_CLOSE.search(text)
    if close:
        year = _PLAN_END_YEARS[close.group(1)] + 1
        return DateGuess(date(year, 1, 1), "month", f"inferred: {close.group(1)} 收官 review → {year}-01")
    if full_year and _RELATIVE_YEAR.search(text):
        # An article that speaks of 今年/去年 and whose newest full-year figures
        # are for N was written in N+1 (annual figures appear early in N+1).
        return DateGuess(date(full_year + 1, 1, 1), "year",
                         f"inferred: latest full-year figures {full_year} told as past → {full_year + 1}")
    for line in [line.strip() for line in text.split("\n") if line.strip()][:_DATE_LINE_WINDOW]:
        banner = _BANNER_YEAR.match(line)
        if banner:
            return DateGuess(date(int(banner.group(1)), 1, 1), "year", f"inferred: event banner {line!r}")
    return None
