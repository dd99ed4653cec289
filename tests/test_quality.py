"""Extraction quality on the seeds, measured by the gold scorer through the contract views.

The floors sit a little below the current score so that a regression fails CI.
"""
import contextlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from goldscore import SCORER, overall
from loaders import cli

ROOT = Path(__file__).resolve().parent.parent
GOLD = SCORER.parent
FLOORS = {"fact_precision": 0.92, "fact_recall": 0.90, "entity_precision": 0.85, "entity_recall": 0.92}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/gold beside the checkout")


@pytest.fixture
def seeded(database_url):
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["load", str(ROOT / "seeds"), "--database-url", database_url, "--quiet"]) == 0
    return database_url


def test_seed_scores_stay_above_their_floors(seeded):
    got = overall(seeded, GOLD)
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
