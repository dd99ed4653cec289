"""A same-length normal form of article text, for matching only.

Patterns run on `matching_text(text)`; because it keeps every character at its place,
a span found there is a span of the original text too (the contract's `char_start`/
`char_end` point into the stored article text, never into a normalised copy).
"""
from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")

# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E (Unicode "Halfwidth and
# Fullwidth Forms"); U+3000 ideographic space -> space; a few look-alikes used as
# range marks and percent signs in Chinese typesetting.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: " ", 0x301C: "~", 0xFE6A: "%", 0x2236: ":"})


def _to_simplified(text: str) -> str:
    """OpenCC t2s, kept only if it preserves length; else per character, each kept if single."""
    converted = _T2S.convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for char in text:
        single = _T2S.convert(char)
        out.append(single if len(single) == 1 else char)
    return "".join(out)


@lru_cache(maxsize=64)
def matching_text(text: str) -> str:
    """Same length as text, char for char: Simplified script, ASCII digits/punctuation, plain spaces,
    依次 read as its synonym 分别."""
    # Cached because entity, fact, quantity and period extraction all normalise the same article.
    # 依次 ("in that order") distributes figures exactly like 分别 ("respectively"): one word to match.
    return _to_simplified(text).translate(_WIDTH).replace("依次", "分别")


# Dates printed in Chinese numerals (二〇二三年九月十二日, 二〇二四年十月): what a 政务公开
# signature line, a print page and many WeChat posts use.  One converter for every date reader.
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT.update({"零": "0", "○": "0", "O": "0", "Ｏ": "0"})
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(\s*年)")
_CN_MONTH_DAY = re.compile(r"(?<=年)(\s*)(十[一二]?|[一二三四五六七八九])(\s*月)"
                           r"(?:(\s*)(三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(\s*[日号]))?")


def small_cn_number(s: str) -> int:
    """十二 -> 12, 二十一 -> 21, 九 -> 9 (numbers below 100 as dates write them)."""
    if "十" not in s:
        return int(_CN_DIGIT[s])
    tens, _, units = s.partition("十")
    return int(_CN_DIGIT[tens] if tens else 1) * 10 + (int(_CN_DIGIT[units]) if units else 0)


def arabic_dates(text: str) -> str:
    """Full-width forms made ASCII and Chinese-numeral dates written in Arabic digits.

    Not length-preserving: for reading dates (publication date, date lines), never for spans.
    """
    text = text.translate(_WIDTH)
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(1)) + m.group(2), text)

    def month_day(m: re.Match) -> str:
        out = f"{m.group(1)}{small_cn_number(m.group(2))}{m.group(3)}"
        if m.group(5):
            out += f"{m.group(4)}{small_cn_number(m.group(5))}{m.group(6)}"
        return out
    return _CN_MONTH_DAY.sub(month_day, text)
