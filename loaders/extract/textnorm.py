"""A same-length normal form of article text, for matching only.

Patterns run on `matching_text(text)`; because it keeps every character at its place,
a span found there is a span of the original text too (the contract's `char_start`/
`char_end` point into the stored article text, never into a normalised copy).
"""
from __future__ import annotations

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
    """Same length as text, char for char: Simplified script, ASCII digits/punctuation, plain spaces."""
    # Cached because entity, fact, quantity and period extraction all normalise the same article.
    return _to_simplified(text).translate(_WIDTH)
