"""Hardening 2: a jieba cache planted in the shared temp directory changes nothing, and the
dictionary hash covers everything that shapes segmentation."""
from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys

from tests.hardening.common import ROOT

SENTENCE = "2022年,杭州青山湖科技城规上工业增加值达113.8亿元,杭叉集团营收增长12%。"
PROBE = ("import json; from loaders.extract import extract, dictionary_hash; x = extract(%r, None);"
         "print(json.dumps([dictionary_hash(), sorted((m.kind, m.surface) for m in x.mentions), len(x.facts)]))"
         % SENTENCE)


def probe(tmpdir) -> str:
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=True, timeout=120).stdout


def test_a_planted_jieba_cache_is_never_read(tmp_path):
    clean, planted = tmp_path / "clean", tmp_path / "planted"
    clean.mkdir(), planted.mkdir()
    # What an attacker (or a stale cache of another jieba) leaves: every word unknown but single characters.
    freq = {ch: 1 for ch in SENTENCE}
    for name in ("jieba.cache", *(f"jieba.u{h}.cache" for h in ("",))):
        with open(planted / name, "wb") as handle:
            pickle.dump((freq, len(freq)), handle)
    assert probe(planted) == probe(clean)
    assert not list(clean.iterdir())   # and nothing is written to the shared temp directory either


def test_the_dictionary_hash_covers_jiebas_own_dictionary(tmp_path, monkeypatch):
    segment = importlib.import_module("loaders.extract.segment")
    before = segment.dictionary_hash()
    changed = tmp_path / "dict.txt"
    changed.write_bytes(segment.JIEBA_DICTIONARY.read_bytes() + "科技城规 5 n\n".encode())
    monkeypatch.setattr(segment, "JIEBA_DICTIONARY", changed)
    segment.dictionary_hash.cache_clear()
    try:
        assert segment.dictionary_hash() != before
    finally:
        monkeypatch.undo()
        segment.dictionary_hash.cache_clear()
    assert segment.dictionary_hash() == before
