"""Turn decoded article text into the clean text that spans point into, and read its header.

Cleaning removes lines, never rewrites characters inside a kept line (apart from
whitespace), so quotes the extractor copies stay exact substrings of the text.
The header readers (title, authors, publisher, url) look at the lines as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.dates import printed_date

# Common Chinese surnames (百家姓, the ~200 most frequent in the 2020 census).
# A byline token must start with one; this is what tells "姜晓涵 周艳清" (names)
# from "以产引产 以资引企" (a four-character slogan heading).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝楼胥洪郁竺屠储鞠励"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙", "宇文", "司徒")

_CJK = "\u4e00-\u9fff"
_NAME = re.compile(rf"[{_CJK}]{{2,4}}")
_BLANK_RUNS = re.compile(r"\n{3,}")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_H1_MARK = re.compile(r"^#\s+")

# Boilerplate line families.  Each pattern matches a whole line (after
# whitespace normalisation); most are limited to short lines so a paragraph
# that merely mentions 版权 or 编辑 is never dropped.
_BOILERPLATE = {
    "breadcrumb": re.compile(r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]|^首页\s*[>＞»›]"
                             r"|^[^。，,；;>＞»›]{1,30}(?:\s*[>＞»›]\s*[^。，,；;>＞»›]{1,20}){2,}$"),   # 站名 > 栏目 > 子栏目
    "welcome": re.compile(r"^.{0,60}(?:网|网站|\.com/?|\.cn/?)\s*(?:欢迎您|欢迎访问|欢迎光临).{0,20}$|^欢迎(?:访问|光临|来到).{0,20}网"),
    "slogan": re.compile(r"^.{0,30}(?:第一门户|门户网站|新闻门户).{0,10}$"),
    "copyright": re.compile(r"^.{0,60}(?:版权所有|Copyright|©|\(c\)\s*\d{4}).{0,60}$", re.IGNORECASE),
    "icp": re.compile(r"ICP[备证]\s*\d+号|公网安备\s*\d+号"),
    "editor": re.compile(r"^[(（\[【]?\s*(?:责任编辑|责编|编辑|审核|校对|值班编辑|终审|一审|二审|三审)\s*[:：].{0,30}$"),
    "page_number": re.compile(r"^第?[A-Z]?\d{1,3}(?:\s*[—–\-~～至]\s*[A-Z]?\d{1,3})?\s*版$"),
    "photo_credit": re.compile(rf"^(?:.{{0,40}}\s)?(?:记者\s*|通讯员\s*)?[{_CJK}]{{2,4}}\s+摄$"),
    "photo_source": re.compile(r"^[(（]?\s*(?:本[版报刊]?)?图片(?:均)?由.{1,30}提供\s*[)）]?$|^[(（]?\s*图片来源\s*[:：].{0,40}[)）]?$"),
    "url_only": re.compile(r"^https?://\S+$"),
    # A reprint's original headline, and a bare source line closing the article.
    "original_title": re.compile(r"^[(（]?\s*原标题\s*[:：].{0,60}$"),
    "source_line": re.compile(r"^[(（]?\s*(?:来源|來源|稿源)\s*[:：]\s*\S{2,20}\s*[)）]?$"),
    # A row of bracketed page widgets: 【打印】【关闭】【收藏】.
    "widget_row": re.compile(r"^(?:[【\[]\s*(?:打印|关闭|關閉|收藏|分享|返回顶部|返回|纠错|推荐)?\s*[】\]]\s*)+$"),
    # A WeChat public account's chrome: the follow prompt, 阅读原文 and the reaction row.
    "wechat": re.compile(r"^(?:点击|點擊)?\s*(?:上方|下方|上面)?\s*[“\"]?(?:蓝字|藍字|公众号|名片)[”\"]?.{0,12}(?:关注|關注).{0,10}$"
                         r"|^(?:阅读原文|閱讀原文)$|^(?:(?:分享|收藏|点赞|在看|赞|转发|喜欢此内容的人还喜欢)\s*)+$"
                         r"|^(?:END|End|-+\s*END\s*-+)$|^长按.{0,8}二维码.{0,12}$|^.{0,8}点(?:个|一下)?[“\"]?在看[”\"]?.{0,8}$"
                         r"|^(?:来源|來源|编辑|編輯|审核|審核|校对|图源|图片|文字|文|责编|本期编辑|供稿)\s*[|｜丨]\s*\S.{0,30}$"),
    # Links to the neighbouring articles of a CMS page, and its QR-code prompt.
    "prev_next": re.compile(r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]|^扫一扫在手机(?:上)?(?:打开|浏览|查看)"),
    # A government notice's header table (政务公开): index and file numbers, classification.
    # Labels are often spaced out to a fixed width (索 引 号：, 文　　号：).
    # A line that also prints a date (文号：… 发布日期：…) stays for the date reader.
    "gov_header": re.compile(r"^(?!.*日期)(?:" + "|".join(r"\s*".join(label) for label in (
        "索引号", "文号", "发文字号", "主题分类", "主题词", "公开方式", "公开范围", "公开时限", "信息分类",
        "体裁分类", "组配分类", "有效性")) + r")\s*[:：].{0,60}$"),
}
# "相关阅读：" opens the list of links a news site prints under the article;
# it runs to the end or to the next sentence.
_RELATED_HEAD = re.compile(r"^[▼▲▽△↓↑●■◆☟·\s]*(?:相关阅读|相关新闻|延伸阅读|推荐阅读|相关链接|相关文章|相關閱讀|热点推荐|猜你喜欢"
                           r"|往期推荐|往期回顾|往期精选|往期精彩|精彩推荐|更多阅读)\s*[:：]?[▼▲▽△↓↑\s]*$")
# A page's metadata line: source, author, editor or publication time, as labels.
_META_LABEL = re.compile(r"(?:来源|來源|作者|编辑|編輯|责编|发布时间|发布日期|發佈日期|發布時間|发表时间|时间|日期)\s*[:：]")
# Font-size and print widgets are stripped out of the line they sit on
# ("2023-01-06  A+ A-" keeps its date).
_WIDGETS = re.compile(r"A\s*\+\s*A\s*-|【?\s*(?:字号|字体)\s*[:：]?\s*大\s*中\s*小\s*】?|【\s*大\s*中\s*小\s*】|打印本页|关闭窗口|\[?\s*打印\s*\]?\s*\[?\s*关闭\s*\]?$")

_OPEN_ENDS = ("，", ",", "、", "“", "‘", "《")   # nothing ends a paragraph on these
_TERMINAL = "。！？!?；;…—”’」』）)：:"
_SENTENCE_PUNCT = re.compile(r"[，,、。；：]")
# A colon alone does not make a cut sentence: headlines read "平台：口号 口号".
_MID_PUNCT = re.compile(r"[，,、。；]")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_EXCLAIM_END = re.compile(r"[!！]$")
_CAPTION_OK = re.compile(rf"^[{_CJK}A-Za-z0-9()（）“”·\-]{{2,30}}$")
_URL = re.compile(r"https?://[\x21-\x7e]+")
# 数据来源/图片来源 name where a figure or photo came from, not who published the article.
_SOURCE = re.compile(r"(?<![据图片])(?:来源|稿源)\s*[:：]\s*([^\s|｜]{2,30})")
_SOURCE_LINE_MAX = 60
_HOLDER = re.compile(r"^(?:[《]?)([^\s《》]{2,20}?)[》]?\s*版权所有")
_SITE_WELCOME = re.compile(r"([^\s/!！《》]{2,20}?网)\s*欢迎您")
_ROLE_BYLINE = re.compile(r"^(?:本报|本网|本台)?(?:首席|特约|见习)?(?:记者|通讯员|实习生)\s*\S")
_ROLE_WORDS = re.compile(r"(?:本报|本网|本台)?(?:首席|特约|见习)?(?:记者|通讯员|实习生)|文\s*/|撰文\s*[:：/]")
_SLASH_BYLINE = re.compile(r"^(?:文|撰文)\s*[/:：]\s*")
_LABELS = {"编者按", "导读", "核心提示", "导语", "摘要"}
_HEADLINE_MAX = 60
_SUBTITLE_MIN = 10   # a kicker is headline-sized; shorter lines next to a headline are captions


@dataclass(frozen=True)
class Header:
    """What the top of an article says about itself."""

    title: str | None
    subtitle: str | None
    authors: tuple[str, ...]


_FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACE_IN_NUMBER = re.compile(r"(?<=[0-9０-９])[\xa0\u2009\u202f](?=[0-9０-９.．])")


def normalise_whitespace(text: str) -> str:
    """Unify line ends and space characters, trim lines, and collapse blank-line runs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Invisible format characters (zero-width space/joiners, soft hyphen, BOM, direction marks) carry
    # no text and split numbers (1\u200b13.8 is 113.8): they go.  A no-break or thin space between
    # digits goes too; elsewhere it is a space.
    text = _FORMAT_CHARS.sub("", text)
    text = _SPACE_IN_NUMBER.sub("", text)
    # Leading indentation (often two U+3000) is layout, not content, so lines are trimmed at both ends.
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\u2009", " ").replace("\u202f", " ")
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def boilerplate_kind(line: str) -> str | None:
    """Name of the boilerplate family a (normalised) line belongs to, or None for content."""
    for kind, pattern in _BOILERPLATE.items():
        if pattern.search(line):
            return kind
    return None


def strip_widgets(line: str) -> str:
    """Remove font-size/print widgets from a line, keeping whatever else it says."""
    return _WIDGETS.sub("", line).strip()


def is_heading_like(line: str) -> bool:
    """A short line that is not a sentence: headline, kicker, section head or caption."""
    return 0 < len(line) <= _HEADLINE_MAX and not _SENTENCE_END.search(line)


def is_meta_line(line: str) -> bool:
    """A page's metadata line (来源：… 发布时间：… 编辑：…): labels or a printed date, no sentence."""
    if len(line) > 80 or re.search(r"[，。；！？,;]", line):
        return False
    return bool(_META_LABEL.search(line) or printed_date(line))


def _ends_mid_sentence(line: str) -> bool:
    """A prose line cut off by the page layout: ends on a comma, or is long and punctuated with no closing mark."""
    if is_meta_line(line):
        return False
    if line.endswith(_OPEN_ENDS):
        return len(line) >= 6
    return len(line) >= 20 and bool(_MID_PUNCT.search(line)) and line[-1] not in _TERMINAL


def _is_caption_like(line: str) -> bool:
    """A short unpunctuated noun phrase without spaces, as photo captions are."""
    return bool(_CAPTION_OK.match(line)) and not _SENTENCE_PUNCT.search(line)


def _drop_slogans(lines: list[str], dropped: set[int]) -> None:
    """Drop short exclamations sitting next to dropped site chrome above the first sentence."""
    for i, line in enumerate(lines):
        if "。" in line:
            break
        if i in dropped or not line or len(line) > 50 or not _EXCLAIM_END.search(line):
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if any(j in dropped for j in near):
            dropped.add(i)


def _is_link_title(line: str) -> bool:
    """A headline in a list of links, exclamations included (重磅！又一项目落地), but no prose."""
    return len(line) <= 40 and not re.search(r"[，,。；;]", line)


def _drop_related_links(lines: list[str], dropped: set[int]) -> None:
    """Drop a "相关阅读" heading and the headline-like link lines under it."""
    inside = False
    for i, line in enumerate(lines):
        if _RELATED_HEAD.match(line):
            inside = True
        elif inside and line and not (is_heading_like(line) or _is_link_title(line)):
            inside = False
        if inside and line:
            dropped.add(i)


# A whole article on one line (a scraper's output, an HTML page with one <p>) carries its chrome
# inside the line: there the boilerplate is removed as spans, never the line.
_LONG_LINE = 60
_LEADING_CRUMBS = re.compile(r"^(?:(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]\s*)?首页"
                             r"(?:\s*[>＞»›]\s*[^\s>＞»›。，,；;]{1,20})+\s+")
_PIECES = re.compile(r"(?<=[。！？!?])|\s{2,}|\s(?=(?:责任编辑|责编|编辑|审核|来源|來源|版权所有|Copyright|©|"
                     r"ICP|[^\s]{0,12}ICP备|上一篇|下一篇|扫一扫|相关阅读|相关新闻)\s*)")


def without_inline_boilerplate(line: str) -> str:
    """A long line less the boilerplate pieces inside it (breadcrumbs before, editor/copyright after)."""
    if len(line) <= _LONG_LINE or not re.search(r"[。！？!?]", line[:-1]):
        return line
    line = _LEADING_CRUMBS.sub("", line)
    pieces = [p for p in _PIECES.split(line) if p and p.strip()]
    if len(pieces) < 2:
        return line
    return "".join(p for p in pieces if not boilerplate_kind(p.strip())).strip()


def remove_boilerplate(lines: list[str], *, keep_marks: bool = False) -> list[str]:
    """Drop boilerplate lines, widgets, markdown heading marks and an immediately repeated line."""
    lines = [without_inline_boilerplate(strip_widgets(line)) for line in lines]
    if not keep_marks:
        lines = [_HEADING_MARK.sub("", line) for line in lines]
    dropped = {i for i, line in enumerate(lines) if line and boilerplate_kind(line)}
    _drop_related_links(lines, dropped)
    _drop_slogans(lines, dropped)
    kept: list[str] = []
    last = None
    for i, line in enumerate(lines):
        if i in dropped:
            continue
        if line and line == last and len(line) >= 4:
            continue  # the same headline printed twice (page title + article title)
        kept.append(line)
        if line:
            last = line
    return kept


_CLAUSE_MARK = re.compile(r"[，,；;、]")


def join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin paragraphs the print layout cut mid-sentence, moving an interleaved caption after them."""
    paras = [line for line in lines if line]
    out: list[str] = []
    i = 0
    while i < len(paras):
        line, held = paras[i], []
        while i + 1 < len(paras) and _ends_mid_sentence(line):
            nxt = paras[i + 1]
            if _is_caption_like(nxt) and i + 2 < len(paras) and not is_heading_like(paras[i + 2]):
                held.append(nxt)       # a caption dropped into the middle of a sentence
                nxt = paras[i + 2]
                i += 1
            elif is_heading_like(nxt) and not _CLAUSE_MARK.search(nxt):
                break                  # a head; a line with a comma goes on the sentence (PDF line breaks)
            line += nxt
            i += 1
        out.append(line)
        out.extend(held)
        i += 1
    return out


_TABLE_ROW = re.compile(r"^\|(.*)\|$")
_TABLE_RULE = re.compile(r"^\|[\s:|\-]+\|$")
_CELL_NUMBER = re.compile(r"^[-−+]?\d+(?:\.\d+)?$")
_CELL_UNIT = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")
_GROWTH_HEAD = re.compile(r"增长|增速|增幅|%|％")
_PERIOD_HEAD = re.compile(r"\d|[年月季]")


def table_sentence(head: list[str], cells: list[str]) -> str:
    """A statistics table's row as the sentence it stands for.

    Tables of indicators (指标 | 1-9月累计 | 同比增长（%）) give the unit in the row label
    (规上工业总产值（亿元）) and the period or growth in the column head; the row reads
    1-9月规上工业总产值702.5亿元，同比增长12.8%。 so the figures are read like prose.
    """
    label = cells[0]
    unit_m = _CELL_UNIT.search(label)
    figures = len(cells) >= 2 and all(_CELL_NUMBER.match(c) for c in cells[1:] if c and c not in MISSING_CELLS)
    if not unit_m and figures and any(_CELL_UNIT.search(h) for h in head[1:]):
        return subject_row_sentence(head, cells)
    if not unit_m or not figures:
        return " ".join(c for c in cells if c)
    name, unit = re.sub(r"^其中[：:，,]?", "", label[:unit_m.start()].strip()), unit_m.group(1)
    parts = []
    for h, v in zip(head[1:] + [""] * len(cells), cells[1:]):
        if not v:
            continue
        if _GROWTH_HEAD.search(h):
            parts.append(f"{_CELL_UNIT.sub('', h).strip()}{v}%")
        elif _PERIOD_HEAD.search(h):
            parts.append(f"{h.replace('累计', '').strip()}{name}{v}{unit}")
        else:
            parts.append(f"{name}{v}{unit}")
    return "，".join(parts) + "。"


def subject_row_sentence(head: list[str], cells: list[str]) -> str:
    """A row of a table of subjects (开发区 | 规上工业总产值（亿元） | 同比增长（%） | …) as a sentence.

    The row names the subject and the column heads carry metric and unit:
    桐庐经济开发区规上工业总产值398.5亿元，同比增长9.6%，工业投资41.2亿元。
    """
    parts = []
    for h, v in zip(head[1:], cells[1:]):
        if not v or v in MISSING_CELLS:
            continue
        unit_m = _CELL_UNIT.search(h)
        name, unit = (h[:unit_m.start()].strip(), unit_m.group(1)) if unit_m else (h.strip(), "")
        parts.append(f"{name}{v}{'%' if unit in ('%', '％') else unit}")
    return cells[0] + "，".join(parts) + "。"


# A table typed with spaces (政务公开 notices): a label with its unit and then figures
# (规上工业总产值（亿元） 1126.4  6.8), or a head of cells two or more spaces apart.
_SPACED_ROW = re.compile(r"^(\S[^，。；]*?[）)])\s+([-−+]?\d+(?:\.\d+)?(?:\s+[-−+]?\d+(?:\.\d+)?)*)$")
_WIDE_GAP = re.compile(r"\s{2,}")
_PROSE = re.compile(r"[，。；：:]")


def _cells(line: str) -> list[str] | None:
    """The cells of a table row: | a | b | (trafilatura's HTML tables), tab- or space-separated (copied pages)."""
    row = _TABLE_ROW.match(line)
    if row:
        return [c.strip() for c in row.group(1).split("|")]
    # tabs also align columns (嘉兴秀洲高新区\t\t186.3): an empty cell between tabs is padding; a row
    # whose cells then do not match its head's is not read as figures (tables_to_sentences)
    cells = [c.strip() for c in line.split("\t") if c.strip()] if "\t" in line else []
    if not cells:
        spaced = _SPACED_ROW.match(line)
        if spaced:
            cells = [spaced.group(1), *spaced.group(2).split()]
        elif not _PROSE.search(line):
            cells = _WIDE_GAP.split(line)
    return cells if len([c for c in cells if c]) >= 2 else None


def tables_to_sentences(lines: list[str]) -> list[str]:
    """Table rows (| a | b | as trafilatura writes an HTML table, or tab-separated) as sentences.

    A tab-separated line heads a table only when a row of figures follows it (规上工业产值（亿元）
    183.6 8.7); a lone tabbed line (a date and a source) stays as written.
    """
    out: list[str] = []
    head: list[str] | None = None
    period = ""
    rows = [(line, None if _TABLE_RULE.match(line) else _cells(line)) for line in lines]
    for i, (line, cells) in enumerate(rows):
        if _TABLE_RULE.match(line):
            continue
        if cells is None:
            head = head if not line else None     # trafilatura puts a blank line between rows
            out.append(line)
        elif head is None:
            nxt = next((c for text, c in rows[i + 1:] if text and not _TABLE_RULE.match(text)), None)
            if nxt and not line.startswith("|") and len(cells) < len(nxt) == len(line.split()):
                cells = line.split()              # heads one space apart over rows two apart (规上工业总产值　增幅)
            cells = with_table_units(cells, out)
            if line.startswith("|") or nxt and (_CELL_UNIT.search(nxt[0]) or subject_table(cells, nxt)):
                head = cells
                period = "" if any(_PERIOD_HEAD.search(h) for h in head[1:]) else caption_period(out)
            else:
                out.append(line)
        elif not line.startswith("|") and len(cells) != len(head):
            out.append(" ".join(cells))           # a tabbed row that does not line up: its figures are not read
        else:
            out.append(period + table_sentence(head, cells))
    return out


def table_units(out: list[str]) -> list[str]:
    """The units a table's caption line gives its columns (（单位：亿元、%）), else []."""
    last = next((line.strip() for line in reversed(out) if line.strip()), "")
    inner = last.strip("（）() ")
    if not inner.startswith(("单位：", "单位:")) or len(inner) > 24:
        return []
    return [u.strip() for u in inner[3:].replace("，", "、").replace(",", "、").split("、") if u.strip()]


def with_table_units(head: list[str], out: list[str]) -> list[str]:
    """Heads without a unit of their own take the caption's: a growth head %, the others its first other unit."""
    units = table_units(out)
    if not units or len(head) < 2:
        return head
    amount = next((u for u in units if u not in ("%", "％")), None)
    out_head = [head[0]]
    for h in head[1:]:
        unit = "%" if _GROWTH_HEAD.search(h) and ("%" in units or "％" in units) else amount
        out_head.append(h if _CELL_UNIT.search(h) or not unit else f"{h}（{unit}）")
    return out_head


def subject_table(head: list[str], row: list[str]) -> bool:
    """A head whose cells after the first carry units (增加值(亿元)) over a row of a name and figures."""
    return len(head) == len(row) >= 2 and any(_CELL_UNIT.search(h) for h in head[1:]) \
        and all(_CELL_NUMBER.match(c) or c in MISSING_CELLS for c in row[1:])


MISSING_CELLS = ("—", "-", "–", "/", "…", "——")      # 数据暂缺: no figure in that cell


def caption_period(out: list[str]) -> str:
    """The period a table's caption opens with (2024年1—8月我市平台主要指标 → 2024年1—8月), else ''.

    Its rows are read as sentences of that period, as the caption says they are.
    """
    from loaders.extract.periods import find_time_exprs     # the one date grammar (import: no cycle at load)
    caption = next((line.strip() for line in reversed(out) if line.strip() and not table_units([line])), "")
    if len(caption) > 40 or _PROSE.search(caption):
        return ""
    end = 0
    for t in find_time_exprs(caption, None):
        if t.span_start != end:
            break
        end = t.span_end
    return caption[:end]


def clean_text(text: str) -> str:
    """The article text with boilerplate removed and whitespace normalised; paragraphs split by a blank line."""
    lines = tables_to_sentences(normalise_whitespace(text).split("\n"))
    paras = join_broken_lines(remove_boilerplate(lines))
    return "\n\n".join(paras)


def _is_name(token: str) -> bool:
    """A 2-4 character Chinese token starting with a common surname."""
    if not _NAME.fullmatch(token):
        return False
    return token[0] in _SURNAMES or (token[:2] in _COMPOUND_SURNAMES and len(token) >= 3)


def byline_names(line: str) -> tuple[str, ...]:
    """The names on a byline ("姜晓涵 周艳清", "记者 张三 通讯员 李四", "文/张三"), else ()."""
    if len(line) > 40:
        return ()
    role = bool(_ROLE_BYLINE.match(line) or _SLASH_BYLINE.match(line))
    tokens = _ROLE_WORDS.sub(" ", line).replace("/", " ").split()
    if not tokens or not all(_is_name(t) for t in tokens):
        return ()
    if not role and len(tokens) == 1 and len(tokens[0]) > 3:
        return ()  # a lone four-character word is more often a phrase than a name
    return tuple(tokens)


def read_header(text: str) -> Header:
    """Headline, kicker/subtitle and authors from the article text as decoded."""
    lines = [line for line in remove_boilerplate(normalise_whitespace(text).split("\n"), keep_marks=True) if line]
    authors: list[str] = []
    for prev, line in zip([""] + lines, lines):
        line, prev = _HEADING_MARK.sub("", line), _HEADING_MARK.sub("", prev)
        names = byline_names(line)
        if names and (is_heading_like(prev) or _ROLE_BYLINE.match(line) or _SLASH_BYLINE.match(line)):
            authors += [n for n in names if n not in authors]
    title, subtitle = _headline(lines)
    return Header(title, subtitle, tuple(authors))


def _header_block(lines: list[str]) -> tuple[list[str], bool]:
    """The heading-like lines above the first sentence or byline, and whether a byline closed it."""
    block: list[str] = []
    for line in lines:
        if byline_names(_HEADING_MARK.sub("", line)):
            return block, True
        if not is_heading_like(line):
            break
        block.append(line)
    return block, False


def _headline(lines: list[str]) -> tuple[str | None, str | None]:
    """Pick the headline and its kicker from the header block."""
    block, by_byline = _header_block(lines)
    candidates = [line for line in block if _HEADING_MARK.sub("", line) not in _LABELS
                  and len(line) >= 4 and not printed_date(line)]
    if not candidates:
        return None, None
    # Explicit markup wins ("# headline"); else the headline is the line right
    # above the byline (papers print the 引题 above the 主题 and the byline
    # under it); else the first line.
    marked = [i for i, line in enumerate(candidates) if _H1_MARK.match(line)]
    index = marked[0] if marked else len(candidates) - 1 if by_byline else 0
    candidates = [_HEADING_MARK.sub("", line) for line in candidates]
    title = candidates[index]
    neighbours = [candidates[j] for j in (index - 1, index + 1) if 0 <= j < len(candidates)]
    subtitle = next((l for l in neighbours if len(l) >= _SUBTITLE_MIN), None)
    return title, subtitle


def publisher_and_url(raw_lines: list[str]) -> tuple[str | None, str | None]:
    """Publisher (来源 line, copyright holder or welcome banner) and the first URL printed in the text."""
    url = next((m.group(0) for line in raw_lines for m in [_URL.search(line)] if m), None)
    short = [line.strip() for line in raw_lines if len(line.strip()) <= _SOURCE_LINE_MAX]
    for pattern in (_SOURCE, _HOLDER, _SITE_WELCOME):
        for line in short:
            m = pattern.search(line)
            if m:
                return m.group(1).strip("《》"), url
    return None, url
