"""Word lists (lexicons) and the few questions the extractor asks of them.

A rule that only asks whether a text starts, ends or contains one of a list of words is a
lexicon, not a pattern: the words are kept here as tuples (longest first where one word
begins or ends another), and the questions are plain string methods.
"""
from __future__ import annotations

from collections.abc import Sequence


def longest_first(*words: str) -> tuple[str, ...]:
    """The words, longest first, so that stripping removes 新引进 before 新."""
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


def contains(text: str, words: Sequence[str], start: int = 0, end: int | None = None) -> bool:
    """True when one of the words occurs in text[start:end]."""
    part = text[start:end]
    return any(w in part for w in words)


def strip_end(text: str, words: Sequence[str]) -> str:
    """text without the first of the words (longest first) it ends with."""
    word = next((w for w in words if w and text.endswith(w)), "")
    return text[:len(text) - len(word)]


def strip_start(text: str, words: Sequence[str]) -> str:
    """text without the first of the words (longest first) it starts with."""
    word = next((w for w in words if w and text.startswith(w)), "")
    return text[len(word):]


def before_any(text: str, words: Sequence[str]) -> str:
    """text up to the first occurrence of any of the words."""
    cut = min((i for i in (text.find(w) for w in words) if i >= 0), default=len(text))
    return text[:cut]
