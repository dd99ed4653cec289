"""Benchmark `parkdb load` against its floor: plain jieba.cut over the same text plus a COPY of the same rows.

    .venv/bin/python bench/load.py [--copies 20] [--database-url URL]

Makes a corpus of `--copies` variants of every seed article (each variant differs by one
line, so each is a new source), loads it into a fresh database, reloads it (every file
unchanged), and prints wall times, the ratio to the floor, and peak memory.  Then the cost
of applying analysts' judgements: `--judgements` judgements are recorded (reject, confirm and
set, spread over the articles) and the corpus is re-extracted under new extractor versions,
without applying them and applying them, each timed on the second of two loads in a row
(steady state), alternately twice; the fastest of each counts.  With no
--database-url it uses a throwaway embedded server.  Figures, not a pass/fail test.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import cli, db  # noqa: E402
from loaders.read import read_article  # noqa: E402


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """copies variants of each seed, each with a distinct trailing line."""
    paths = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(copies):
            path = folder / f"{seed.stem}_{i:04d}.txt"
            path.write_text(f"{text}\n(编号 {i})\n", encoding="utf-8")
            paths.append(path)
    return paths


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def floor_seconds(paths: list[Path], url: str) -> tuple[float, float]:
    """jieba.cut over every cleaned text, and a COPY of as many fact and mention rows as the load wrote."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [read_article(p, p.read_bytes()).text for p in paths]
    cut = timed(lambda: [list(jieba.cut(t)) for t in texts])
    libpq = db.libpq_url(url)
    with psycopg.connect(libpq) as conn:
        facts = conn.execute("SELECT * FROM facts").fetchall()
        mentions = conn.execute("SELECT * FROM entity_mentions").fetchall()
        conn.execute("CREATE TEMP TABLE f AS SELECT * FROM facts WITH NO DATA")
        conn.execute("CREATE TEMP TABLE m AS SELECT * FROM entity_mentions WITH NO DATA")

        def copy_rows():
            with conn.cursor() as cur:
                for table, rows in (("f", facts), ("m", mentions)):
                    with cur.copy(f"COPY {table} FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            conn.commit()

        return cut, timed(copy_rows)


def record_judgements(url: str, n: int) -> None:
    """n judgements over the stored facts: every third a reject, a confirm, a set of the value."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        facts = conn.execute(sa.text("SELECT fact_key, source_key, value FROM reporting.facts ORDER BY fact_key"
                                     " LIMIT :n"), {"n": n}).all()
        for i, (key, source_key, value) in enumerate(facts):
            action = ("reject", "confirm", "set")[i % 3]
            changes = '{"value": "%s"}' % (value + 1) if action == "set" else "{}"
            conn.execute(sa.text("INSERT INTO review.judgements (action, source_key, fact_key, changes, why, made_by)"
                                 " VALUES (:a, :s, :k, CAST(:c AS jsonb), 'bench', 'bench')"),
                         {"a": action, "s": source_key, "k": key, "c": changes})
    engine.dispose()
    if len(facts) < n:
        raise SystemExit(f"only {len(facts)} facts to judge; use more --copies")


def judgement_cost(corpus: Path, url: str, n: int, quiet: list[str], rounds: int = 2) -> tuple[float, float]:
    """Seconds to re-extract the corpus (a new extractor version each time) with n judgements present,
    without applying them and applying them: each timed on the second of two loads in a row, so the
    load replaces facts in the same state it leaves them (judged or not); alternately `rounds` times
    (the machine is shared), the fastest of each."""
    import loaders.extract
    from loaders import store

    record_judgements(url, n)
    real_version, real_apply = loaders.extract.EXTRACTOR_VERSION, store.apply_judgements
    times: dict[bool, list[float]] = {False: [], True: []}
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for i in range(rounds):
                for applying in (False, True):
                    store.apply_judgements = real_apply if applying else (lambda conn, source_id: None)
                    for j in range(2):
                        loaders.extract.EXTRACTOR_VERSION = f"{real_version}+bench{i}{applying:d}{j}"
                        seconds = timed(lambda: cli.main(["load", str(corpus), *quiet]))
                    times[applying].append(seconds)
    finally:
        loaders.extract.EXTRACTOR_VERSION, store.apply_judgements = real_version, real_apply
    return min(times[False]), min(times[True])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20, help="variants of each seed article (default 20)")
    ap.add_argument("--database-url", help="an empty database to use (default: a throwaway embedded server)")
    ap.add_argument("--judgements", type=int, default=1000, help="judgements present for the last reload (default 1000)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parkdb-bench-"))
    try:
        url = args.database_url or db.sqlalchemy_url(db.start_embedded(work / "home"))
        corpus = work / "corpus"
        corpus.mkdir()
        paths = make_corpus(corpus, args.copies)
        size = sum(p.stat().st_size for p in paths)
        cli.upgrade(sa.create_engine(url))
        quiet = ["--database-url", url, "--quiet"]
        with contextlib.redirect_stdout(io.StringIO()):
            first = timed(lambda: cli.main(["load", str(corpus), *quiet]))
            again = timed(lambda: cli.main(["load", str(corpus), *quiet]))
        cut, copy = floor_seconds(paths, url)  # the rows of the fresh load, before any judgement
        bare, judged = judgement_cost(corpus, url, args.judgements, quiet)
        floor = cut + copy
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"corpus: {len(paths)} articles, {size / 1e6:.1f} MB")
        print(f"parkdb load (fresh):       {first:7.2f} s  ({len(paths) / first:6.1f} articles/s)")
        print(f"parkdb load (unchanged):   {again:7.2f} s")
        print(f"floor: jieba.cut {cut:.2f} s + COPY {copy:.2f} s = {floor:.2f} s")
        print(f"load / floor:              {first / floor:7.2f}  (target <= 1.5)")
        print(f"peak RSS:                  {peak_mb:7.0f} MB")
        print(f"re-extract, {args.judgements} judgements not applied: {bare:7.2f} s")
        print(f"re-extract, {args.judgements} judgements applied:     {judged:7.2f} s  ({(judged / bare - 1) * 100:+.1f} %)")
    finally:
        if not args.database_url:
            db.stop_embedded(work / "home")
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
