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

from datetime import date

from loaders.extract.entities import find_entities
from loaders.extract.facts import find_designations, find_facts
from loaders.extract.periods import find_time_exprs
from loaders.extract.segment import dictionary_hash, segment
from loaders.extract.textnorm import matching_text
from loaders.records import Extraction

EXTRACTOR_VERSION = "0.8.1"

__all__ = ["EXTRACTOR_VERSION", "dictionary_hash", "extract"]


def extract(text: str, published_on: date | None, title: str | None = None) -> Extraction:
    """Entities with their mentions, facts and designations of one article."""
    mt = matching_text(text)
    seg = segment(mt)
    found = find_entities(text, mt, seg, title)
    times = find_time_exprs(text, published_on)
    facts = find_facts(text, mt, found, published_on, times)
    designations = find_designations(text, mt, found, times)
    return Extraction(entities=found.entities, mentions=found.mentions, facts=facts,
                      designations=designations)
