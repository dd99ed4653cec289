"""Word segmentation with jieba and the project's domain dictionary, loaded once per process.

A private ``jieba.Tokenizer`` is used so nothing global in jieba is changed.  Out of the
box jieba cuts ``科技城规上工业`` as ``科技 / 城规 / 上``; the domain dictionary in
``loaders/data/domain_dict.txt`` (platform suffixes, metric vocabulary, unit words) fixes
that.  Parts of speech come from jieba's own dictionary file, read once, so names can be
delimited without the 3-6x slower ``jieba.posseg``.
"""
from __future__ import annotations

import hashlib
import logging
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import jieba

DATA = Path(__file__).resolve().parent.parent / "data"
DICTIONARY_FILES = (DATA / "domain_dict.txt",)


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a file in loaders/data."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The process-wide private tokenizer with the domain dictionary loaded."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    for path in DICTIONARY_FILES:
        tk.load_userdict(str(path))
    return tk


@lru_cache(maxsize=1)
def pos_tags() -> dict[str, str]:
    """Part-of-speech tag of every word in jieba's main dictionary and ours."""
    tags: dict[str, str] = {}
    main = Path(jieba.__file__).resolve().parent / "dict.txt"
    for path in (main, *DICTIONARY_FILES):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
    return tags


# Everything in loaders/data that extraction reads: the jieba user dictionary and the word
# lists and gazetteer that steer name finding.  A change to any of them changes the hash.
LOADED_FILES = (*DICTIONARY_FILES, *(DATA / name for name in (
    "platforms.tsv", "regions.txt", "stopwords.txt", "generic_prefixes.txt",
    "industry_words.txt", "company_words.txt")))


@lru_cache(maxsize=1)
def dictionary_hash() -> str:
    """sha256 over the domain dictionary and word lists extraction loads (name and bytes of each)."""
    digest = hashlib.sha256()
    for path in LOADED_FILES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen the word (0 when unknown)."""
    return tokenizer().FREQ.get(word, 0) or 0


@dataclass(frozen=True)
class Segmented:
    """An article cut into words once: starts/ends of every token, for boundary look-ups."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def piece_before(self, pos: int) -> tuple[int, str]:
        """Start and text of the word (or the part of it) that ends right before pos."""
        i = bisect_right(self.starts, pos - 1) - 1
        start = self.starts[i] if i >= 0 else 0
        return start, self.text[start:pos]

    def piece_after(self, pos: int) -> tuple[int, str]:
        """End and text of the word (or the part of it) that starts at pos."""
        i = bisect_right(self.starts, pos) - 1
        end = self.ends[i] if i >= 0 else len(self.text)
        return end, self.text[pos:end]

    def is_boundary(self, pos: int) -> bool:
        """True when a word starts at pos (or pos is an end of the text)."""
        if pos <= 0 or pos >= len(self.text):
            return True
        i = bisect_right(self.starts, pos) - 1
        return self.starts[i] == pos


def segment(text: str) -> Segmented:
    """Cut the (matching) text once; every later boundary question is a bisect."""
    ends = tuple(accumulate(map(len, tokenizer().cut(text))))
    return Segmented(text, (0, *ends[:-1]) if ends else (), ends)
