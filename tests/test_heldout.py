"""Extraction quality on the held-out articles (tests/heldout): other platforms, HTML pages,
GB18030 and Big5 files, 政务公开 and WeChat chrome, rankings, interviews, reviews, tables, lists,
documents printed to text, written with their gold before the extractor ever saw them (all but a09).

The floors sit a little below the current score so that a regression fails CI; the
article without any date (a06) caps fact recall, since its relative years cannot be read.
"""
import contextlib
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from goldscore import SCORER, load_module, overall
from loaders import cli

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"
# 91 articles since locked rounds r7 and r8 were retired into it (each written unseen, scored at
# its first load, then tuned on); see tests/heldout/README.md.
# At extractor 0.11.0: fact P 0.861 / R 0.882, entity P 0.910 / R 0.912.
FLOORS = {"fact_precision": 0.85, "fact_recall": 0.87, "entity_precision": 0.90, "entity_recall": 0.90}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/gold/score.py beside the checkout")


@pytest.fixture
def heldout(database_url, tmp_path):
    load_module("heldout_corpus", HELDOUT / "make_corpus.py").write_corpus(tmp_path / "corpus")
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["load", str(tmp_path / "corpus"), "--database-url", database_url, "--quiet"]) == 0
    return database_url


def test_corpus_keeps_its_encodings(tmp_path):
    written = load_module("heldout_corpus", HELDOUT / "make_corpus.py").write_corpus(tmp_path)
    raw = {p.name: p.read_bytes() for p in written}
    assert len(raw) == len(list((HELDOUT / "gold").glob("*.json"))) >= 25
    assert raw["a04_linping_big5.txt"].decode("big5").startswith("臨平新城")
    assert raw["a17_haining_big5.txt"].decode("big5").startswith("海寧經濟開發區")
    assert raw["a03_yiyaogang.txt"].decode("gb18030").startswith("杭州医药港")
    assert raw["a16_jiande_gb.txt"].decode("gb18030").startswith("建德经济开发区")
    assert "玉皇山南基金小镇" in raw["a25_yuhuang_gb.txt"].decode("gb18030")
    for name in ("a03_yiyaogang.txt", "a16_jiande_gb.txt", "a17_haining_big5.txt", "a25_yuhuang_gb.txt"):
        with pytest.raises(UnicodeDecodeError):
            raw[name].decode("utf-8")


def test_heldout_scores_stay_above_their_floors(heldout):
    got = overall(heldout, HELDOUT / "gold")
    assert {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]} == {}


def test_heldout_dates_are_read(heldout, engine):
    with engine.connect() as conn:
        dates = dict(conn.execute(sa.text("SELECT source_key, published_on FROM reporting.facts GROUP BY 1, 2")).all())
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in (HELDOUT / "gold").glob("*.json")]
    gold = {g["article"]: g["published"] for g in golds}
    # a printed day is read as that day; an inferred month (an undated article's cues) as that month
    assert {k: str(v) for k, v in dates.items() if v and len(gold[k]) == 10} == {k: v for k, v in gold.items() if len(v) == 10}
    assert {k: str(v)[:7] for k, v in dates.items() if v and len(gold[k]) == 7} \
        == {k: v for k, v in gold.items() if len(v) == 7 and k in dates and dates[k]}
