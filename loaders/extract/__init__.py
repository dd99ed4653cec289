"""Extraction: article text in, entities, mentions, facts and designations out.

Pure and deterministic: no database, no I/O apart from loading the domain dictionary
(and jieba's own) once per process.  Everything is found on ``matching_text(text)``, a
same-length Simplified/half-width copy, so every span is a span of the original text.

Which script each field is in: spans (``start``/``end``), ``Fact.quote``,
``Designation.quote`` and ``Mention.surface`` are copied from the original text, in its
own script and widths; so are entity aliases taken from it.  Everything an analyst
filters or groups on is read from the matching text, so it is Simplified and half-width
whatever the article's script: entity names, ``Fact.metric`` (a catalogue name or the
phrase), ``Fact.metric_text`` (the article's phrase, trimmed by ``metrics.tidy``),
``Fact.unit`` (``亿元`` for 億元, ``%`` for ％) and ``Designation.designation``.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from loaders.extract.entities import find_entities
from loaders.extract.facts import TIMELESS, UNKNOWN_PERIOD_TRUST, find_designations, find_facts
from loaders.extract.periods import find_time_exprs, period_expression, resolve_expr, shifted_anchor
from loaders.extract.segment import dictionary_hash, segment
from loaders.extract.textnorm import matching_text
from loaders.records import Extraction

EXTRACTOR_VERSION = "0.11.0"

__all__ = ["CONFIDENCE_THRESHOLD", "EXTRACTOR_VERSION", "dictionary_hash", "extract", "resolve_expr"]

# Facts below this confidence are candidates for review, not shown in reporting.facts.  Chosen on
# the tuning corpus with bench/tune.py (README, "Extraction quality").
CONFIDENCE_THRESHOLD = 0.5

# Undated articles are also read against this far-off anchor (and the year after it), only to
# learn which of their periods are relative and how (去年 = the year before publication).
_SENTINEL = date(2199, 7, 1)


def extract(text: str, published_on: date | None, title: str | None = None) -> Extraction:
    """Entities with their mentions, facts and designations of one article."""
    mt = matching_text(text)
    seg = segment(mt)
    found = find_entities(text, mt, seg, title)
    times = find_time_exprs(text, published_on)
    facts = find_facts(text, mt, found, published_on, times)
    designations = find_designations(text, mt, found, times)
    facts = [without_period_doubt(f) for f in with_period_exprs(facts, text, mt, found, published_on)]
    return Extraction(entities=found.entities, mentions=found.mentions,
                      facts=[f for f in facts if f.confidence >= CONFIDENCE_THRESHOLD],
                      candidates=[f for f in facts if f.confidence < CONFIDENCE_THRESHOLD],
                      designations=designations)


def without_period_doubt(fact):
    """A figure with no period and none waiting for a publication date is doubted (UNKNOWN_PERIOD_TRUST)."""
    if fact.period_kind != "unknown" or fact.period_expr is not None or "no period" in fact.reasons \
            or TIMELESS.search(fact.quote):
        return fact
    return replace(fact, confidence=round(fact.confidence * UNKNOWN_PERIOD_TRUST, 3),
                   reasons=fact.reasons + ("no period",))


def _key(fact):
    return fact.start, fact.end, fact.subject_name, fact.metric_text, fact.value, fact.unit


def _read_at(text, mt, found, day: date) -> dict:
    """The facts read against that publication date, each by its key."""
    return {_key(f): f for f in find_facts(text, mt, found, day, find_time_exprs(text, day))}


def with_period_exprs(facts, text, mt, found, published_on: date | None):
    """Each fact with its ``period_expr``: the period before the publication date is applied.

    Dated article: read again a year later; bounds that moved are relative.  Undated article:
    its periods that came out ``unknown`` are read against a far-off anchor pair, and keep an
    expression only when every bound of it is relative (so a date supplied later dates them).
    """
    if published_on is not None:
        moved = _read_at(text, mt, found, shifted_anchor(published_on))
        out = []
        for f in facts:
            other = moved.get(_key(f))
            expr = None
            if other is not None and other.period_kind == f.period_kind:
                expr = period_expression(f.period_kind, f.period_start, f.period_end,
                                         other.period_start, other.period_end, published_on)
            out.append(replace(f, period_expr=expr))
        return out
    if not any(f.period_kind == "unknown" for f in facts):
        return facts
    at, later = _read_at(text, mt, found, _SENTINEL), _read_at(text, mt, found, shifted_anchor(_SENTINEL))
    out = []
    for f in facts:
        a, b = at.get(_key(f)), later.get(_key(f))
        expr = None
        if f.period_kind == "unknown" and a is not None and b is not None and a.period_kind == b.period_kind:
            expr = period_expression(a.period_kind, a.period_start, a.period_end,
                                     b.period_start, b.period_end, _SENTINEL)
            if expr and any(bound[:1].isdigit() for bound in expr.split("|")[1:]):
                expr = None     # half of it is the text's own date read against a made-up anchor
        out.append(replace(f, period_expr=expr))
    return out
