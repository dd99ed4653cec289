"""Extraction quality on the seeds, measured by the gold scorer through the contract views.

The floors sit a little below the current score so that a regression fails CI.
"""
import importlib.util
import io
import contextlib
import json
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from loaders import cli

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold"
FLOORS = {"fact_precision": 0.92, "fact_recall": 0.90, "entity_precision": 0.85, "entity_recall": 0.92}

pytestmark = pytest.mark.skipif(not (GOLD / "score.py").exists(), reason="needs ../shared/gold beside the checkout")


@pytest.fixture
def seeded(database_url):
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["load", str(ROOT / "seeds"), "--database-url", database_url, "--quiet"]) == 0
    return database_url


def score(database_url) -> dict:
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    libpq = sa.engine.make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq) as conn:
        results = [scorer.score_article(conn, json.loads(p.read_text(encoding="utf-8")), False)
                   for p in sorted(GOLD.glob("*.json"))]
    total = {k: sum(r[k] for r in results) for k in results[0] if k != "article"}
    return {
        "fact_precision": scorer.ratio(total["facts_correct"], total["facts_stored"]),
        "fact_recall": scorer.ratio(total["facts_found"], total["facts_required"]),
        "entity_precision": scorer.ratio(total["entities_correct"], total["entities_stored"]),
        "entity_recall": scorer.ratio(total["entities_found"], total["entities_required"]),
    }


def test_seed_scores_stay_above_their_floors(seeded):
    got = score(seeded)
    assert {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]} == {}


def test_every_stored_quote_is_the_text_at_its_span(seeded, engine):
    with engine.connect() as conn:
        bad = conn.execute(sa.text(
            "SELECT f.quote FROM facts f JOIN sources s ON s.id = f.source_id"
            " WHERE substr(s.text, f.char_start + 1, f.char_end - f.char_start) <> f.quote"
            " UNION ALL SELECT m.surface FROM entity_mentions m JOIN sources s ON s.id = m.source_id"
            " WHERE substr(s.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface"
            " UNION ALL SELECT d.quote FROM designations d JOIN sources s ON s.id = d.source_id"
            " WHERE substr(s.text, d.char_start + 1, d.char_end - d.char_start) <> d.quote")).all()
        total = conn.execute(sa.text("SELECT count(*) FROM facts")).scalar_one()
    assert total > 50 and bad == []
