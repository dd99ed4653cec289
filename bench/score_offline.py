#!/usr/bin/env python3
"""Score extraction on the seed articles against the gold files, without a database.

usage: python bench/score_offline.py [--gold DIR] [--seeds DIR] [--article NAME ...]
                                     [--show-misses] [--show-facts]

Runs ``extract`` on each seed (text as-is, CRLF -> LF), turns facts and mentions into the
rows ``gold/score.py``'s ``score_article`` reads, and hands them to it through a tiny
stand-in connection.  A dev tool: the real loader cleans boilerplate lines first.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loaders.extract import extract  # noqa: E402


def load_scorer(gold_dir: Path):
    """Import score.py from the gold folder (it imports psycopg only at module level)."""
    if "psycopg" not in sys.modules:
        try:
            import psycopg  # noqa: F401
        except ImportError:                 # score_article itself never touches psycopg
            sys.modules["psycopg"] = type(sys)("psycopg")
    spec = importlib.util.spec_from_file_location("gold_score", gold_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Rows:
    """Stand-in for a psycopg connection: answers score_article's two queries in order."""

    def __init__(self, facts: list[tuple], mentions: list[tuple]):
        self.answers = [facts, mentions]

    def execute(self, sql: str, params=None):
        """Return the next canned result set."""
        rows = self.answers.pop(0)
        return type("Cursor", (), {"fetchall": lambda self: rows})()


def parse_date(value: str) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD -> the first day it can mean."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def manifest_dates(seeds: Path) -> dict[str, date | None]:
    """published_on per file from seeds/manifest.csv, when there is one."""
    path = seeds / "manifest.csv"
    if not path.exists():
        return {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {row["file"]: parse_date(row.get("published_on") or "") for row in csv.DictReader(lines)}


def rows_of(extraction) -> tuple[list[tuple], list[tuple]]:
    """Fact rows and mention rows in the column order score_article selects."""
    facts = [(f.subject_name, f.subject_kind, f.metric, f.metric_text, f.value, f.unit, f.value_base,
              f.base_unit, f.period_kind, f.period_start, f.period_end, f.quote) for f in extraction.facts]
    mentions = sorted({(m.kind, m.name, m.surface) for m in extraction.mentions})
    return facts, mentions


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=None)
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds")
    ap.add_argument("--article", action="append")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--show-facts", action="store_true")
    args = ap.parse_args()
    gold_dir = args.gold or next(p for p in (Path("/work/shared/gold"), REPO.parent / "shared" / "gold") if p.exists())
    scorer = load_scorer(gold_dir)
    dates = manifest_dates(args.seeds)
    results, elapsed = [], 0.0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if args.article and gold["article"] not in args.article:
            continue
        text = (args.seeds / gold["article"]).read_text(encoding="utf-8").replace("\r\n", "\n")
        published = dates.get(gold["article"]) or parse_date(gold["published"])
        t0 = time.perf_counter()
        extraction = extract(text, published, gold.get("title"))
        elapsed += time.perf_counter() - t0
        facts, mentions = rows_of(extraction)
        if args.show_facts:
            for f in extraction.facts:
                print(f"  FACT {f.subject_name} | {f.metric} | {f.metric_text} | {f.value}{f.unit} "
                      f"| {f.period_kind} {f.period_start}..{f.period_end} | {f.quote}")
        results.append(scorer.score_article(Rows(facts, mentions), gold, args.show_misses))
    ratio = scorer.ratio
    for r in results:
        print(f"{r['article']}: facts P={ratio(r['facts_correct'], r['facts_stored']):.2f}"
              f" R={ratio(r['facts_found'], r['facts_required']):.2f}"
              f" ({r['facts_stored']} stored, {r['facts_required']} required);"
              f" entities P={ratio(r['entities_correct'], r['entities_stored']):.2f}"
              f" R={ratio(r['entities_found'], r['entities_required']):.2f}")
    tot = {k: sum(r[k] for r in results) for k in results[0] if k != "article"}
    print(f"fact_precision={ratio(tot['facts_correct'], tot['facts_stored']):.3f}"
          f" fact_recall={ratio(tot['facts_found'], tot['facts_required']):.3f}"
          f" entity_precision={ratio(tot['entities_correct'], tot['entities_stored']):.3f}"
          f" entity_recall={ratio(tot['entities_found'], tot['entities_required']):.3f}"
          f" extract_seconds={elapsed:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
