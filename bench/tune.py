#!/usr/bin/env python3
"""Choose the confidence threshold on the tuning corpus (never on a locked round).

usage: python bench/tune.py [CORPUS_SRC GOLD_DIR]   (default: tests/heldout, re-encoded as loaded)

Reads every article the way ``parkdb load`` does (loaders.read.read_article, then extract),
scores the facts at or above each threshold with ../shared/gold/score.py's own matcher, and
prints precision, recall and F1 per threshold, then how often a fact carrying each doubt
(confidence reason) is right.  The threshold in loaders/extract/__init__.py and the factors in
loaders/extract/facts.py (SUBJECT_TRUST, ...) are set from this table; README records the run.
"""
from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from score_offline import Rows, load_scorer  # noqa: E402

from loaders.extract import extract  # noqa: E402
from loaders.read import RejectedFile, read_article  # noqa: E402


def corpus() -> tuple[Path, Path]:
    if len(sys.argv) == 3:
        return Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(REPO / "tests" / "heldout"))
    from make_corpus import write_corpus
    out = Path(tempfile.mkdtemp())
    write_corpus(out)
    return out, REPO / "tests" / "heldout" / "gold"


def main() -> int:
    src, gold_dir = corpus()
    scorer = load_scorer(REPO.parent / "shared" / "gold")
    articles = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        file = src / gold["article"]
        try:
            art = read_article(file, file.read_bytes())
        except RejectedFile:
            continue
        ex = extract(art.text, art.published_on, art.title)
        mentions = sorted({(m.kind, m.name, m.surface) for m in ex.mentions})
        articles.append((gold, ex.facts + ex.candidates, mentions))

    def score(threshold: float):
        tot = Counter()
        for gold, facts, mentions in articles:
            kept = [f for f in facts if f.confidence >= threshold]
            rows = [(f.subject_name, f.subject_kind, f.metric, f.metric_text, f.value, f.unit, f.value_base,
                     f.base_unit, f.period_kind, f.period_start, f.period_end, f.quote) for f in kept]
            r = scorer.score_article(Rows(rows, mentions), gold, False)
            tot.update({k: v for k, v in r.items() if k != "article"})
        p = tot["facts_correct"] / max(tot["facts_stored"], 1)
        r = tot["facts_found"] / max(tot["facts_required"], 1)
        return p, r, 2 * p * r / max(p + r, 1e-9), tot["facts_stored"]

    print(f"{len(articles)} articles from {src}")
    print("threshold  precision  recall  F1     stored")
    for t in [0.0, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0]:
        p, r, f1, n = score(t)
        print(f"{t:9.2f}  {p:9.3f}  {r:6.3f}  {f1:.3f}  {n:6d}")
    # how often a fact with each doubt is right (each fact scored alone against its article)
    right, seen = Counter(), Counter()
    for gold, facts, mentions in articles:
        for f in facts:
            row = [(f.subject_name, f.subject_kind, f.metric, f.metric_text, f.value, f.unit, f.value_base,
                    f.base_unit, f.period_kind, f.period_start, f.period_end, f.quote)]
            ok = scorer.score_article(Rows(row, mentions), gold, False)["facts_correct"]
            for reason in f.reasons or ("(no doubt)",):
                seen[reason] += 1
                right[reason] += ok
    print("\nreason                                             facts  right")
    for reason, n in seen.most_common():
        print(f"{reason:50.50s} {n:5d}  {right[reason] / n:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
