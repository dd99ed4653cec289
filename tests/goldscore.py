"""Score what the contract views hold against a folder of gold files, with ../shared/gold/score.py."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import psycopg

from loaders import db

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "score.py"


def load_module(name: str, path: Path):
    """Import a script that is not on the path (the gold scorer, the held-out corpus maker)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def overall(database_url: str, gold_dir: Path) -> dict[str, float]:
    """Overall fact and entity precision and recall over every gold file in gold_dir."""
    scorer = load_module("gold_score", SCORER)
    with psycopg.connect(db.libpq_url(database_url)) as conn:
        results = [scorer.score_article(conn, json.loads(p.read_text(encoding="utf-8")), False)
                   for p in sorted(gold_dir.glob("*.json"))]
    total = {k: sum(r[k] for r in results) for k in results[0] if k != "article"}
    return {
        "fact_precision": scorer.ratio(total["facts_correct"], total["facts_stored"]),
        "fact_recall": scorer.ratio(total["facts_found"], total["facts_required"]),
        "entity_precision": scorer.ratio(total["entities_correct"], total["entities_stored"]),
        "entity_recall": scorer.ratio(total["entities_found"], total["entities_required"]),
    }
