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


# jieba's own dictionary, which shapes every cut as much as ours does.
JIEBA_DICTIONARY = Path(jieba.__file__).resolve().parent / "dict.txt"


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The process-wide private tokenizer with the domain dictionary loaded.

    The prefix dictionary is built in memory from jieba's dict.txt (about a second),
    never read from jieba's cache file: jieba keeps that in the shared temp directory
    ($TMPDIR/jieba.cache) and loads whatever file is there, whoever wrote it, so a
    planted cache would change what is extracted while dictionary_hash stayed the same.
    """
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer(str(JIEBA_DICTIONARY))
    with tk.lock:
        with open(JIEBA_DICTIONARY, "rb") as handle:
            tk.FREQ, tk.total = tk.gen_pfdict(handle)
        tk.initialized = True
    for path in DICTIONARY_FILES:
        tk.load_userdict(str(path))
    return tk


@lru_cache(maxsize=1)
def pos_tags() -> dict[str, str]:
    """Part-of-speech tag of every word in jieba's main dictionary and ours."""
    tags: dict[str, str] = {}
    for path in (JIEBA_DICTIONARY, *DICTIONARY_FILES):
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
    """sha256 over everything that shapes segmentation and name finding: jieba's version, its
    dictionary and the pattern of runs it cuts, and the domain dictionary and word lists
    extraction loads (name and bytes of each)."""
    digest = hashlib.sha256()
    digest.update(f"jieba {jieba.__version__}\0{HAN_RUN.pattern}\0".encode())
    for path in (JIEBA_DICTIONARY, *LOADED_FILES):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen the word (0 when unknown)."""
    return tokenizer().FREQ.get(word, 0) or 0


# jieba cuts each maximal run of these characters on its own and yields every other
# character singly (a \r\n pair as one token): jieba.re_han_default / re_skip_default.
HAN_RUN = jieba.re_han_default


class Segmented:
    """An article's word boundaries, cut run by run on first use and kept.

    Boundaries are only asked about near name candidates, so most of an article is never
    cut.  Because jieba cuts each run of word characters independently, cutting runs one at
    a time gives exactly the tokens of one cut over the whole text.
    """

    def __init__(self, text: str):
        """Index the runs jieba would cut separately; cut none yet."""
        self.text = text
        runs = [m.span() for m in HAN_RUN.finditer(text)]
        self._run_starts = [s for s, _ in runs]
        self._runs = runs
        self._cut: dict[int, list[int]] = {}

    def _token(self, pos: int) -> tuple[int, int]:
        """Start and end of the token that contains pos (0 <= pos < len(text))."""
        i = bisect_right(self._run_starts, pos) - 1
        if i >= 0 and pos < self._runs[i][1]:
            starts = self._cut.get(i)
            if starts is None:
                rs, re_ = self._runs[i]
                starts = [rs, *(rs + e for e in accumulate(map(len, tokenizer().cut(self.text[rs:re_]))))]
                self._cut[i] = starts
            j = bisect_right(starts, pos) - 1
            return starts[j], starts[j + 1]
        if self.text.startswith("\r\n", pos):
            return pos, pos + 2
        if pos > 0 and self.text.startswith("\r\n", pos - 1):
            return pos - 1, pos + 1
        return pos, pos + 1

    def piece_before(self, pos: int) -> tuple[int, str]:
        """Start and text of the word (or the part of it) that ends right before pos."""
        start = self._token(min(pos, len(self.text)) - 1)[0] if pos > 0 and self.text else 0
        return start, self.text[start:pos]

    def piece_after(self, pos: int) -> tuple[int, str]:
        """End and text of the word (or the part of it) that starts at pos."""
        end = self._token(pos)[1] if 0 <= pos < len(self.text) else len(self.text)
        return end, self.text[pos:end]

    def is_boundary(self, pos: int) -> bool:
        """True when a word starts at pos (or pos is an end of the text)."""
        if pos <= 0 or pos >= len(self.text):
            return True
        return self._token(pos)[0] == pos


def segment(text: str) -> Segmented:
    """The text's word boundaries, cut lazily; every boundary question is a bisect."""
    return Segmented(text)
