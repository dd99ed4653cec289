"""Benchmark `parkdb load` against its real floor (issue 14), and what else a load costs.

    .venv/bin/python bench/load.py [--copies 4] [--jobs N] [--reload-files 5000] [--big] [--judgements 1000]

The corpus is distinct articles: every held-out article and seed (tests/heldout/src, seeds/), and
`--copies` variants of each whose years are shifted (so their figures fall into other series, not
75 shared ones) and which end in a line of their own.  Every load runs as `python -m loaders load`
in a process of its own, start-up included, each into a fresh database at head.

The floor is what no loader of these articles can avoid, start-up included: a fresh Python that
imports jieba, initialises it and runs jieba.cut over every cleaned text, plus a COPY of exactly
the rows the load wrote (sources and their paths, entities, aliases, regions, metrics, facts,
mentions, designations) into the real tables of a fresh database at head, indexes, foreign keys
and the derived tables' triggers live, in one transaction.

Printed: the fresh load with --jobs 1 and --jobs N and its ratio to the floor; two loaders into one
database over the two halves of the corpus at once against one loader over all of it; the reload
of the corpus (every file unchanged), of `--reload-files` small files, and of an empty folder;
with --big the load of one 0.5 MB and one 5 MB article; with --judgements the cost of applying
analysts' judgements when re-extracting (each timed on the second of two loads in a row, alternately
twice, fastest of each).  With no --database-url a throwaway embedded server.  Figures, not a test.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import sqlalchemy as sa
from psycopg import sql
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import cli, db  # noqa: E402
from loaders.read import read_article  # noqa: E402

# Tables the load writes, parents first (the derived tables are filled by their triggers).
TABLES = ("load_runs", "metrics", "metric_aliases", "sources", "source_paths", "regions", "platforms", "platform_aliases",
          "enterprises", "enterprise_aliases", "projects", "project_aliases", "institutions", "institution_aliases",
          "facts", "entity_mentions", "designations")
YEAR = re.compile(rb"(?<![0-9])(19[5-9][0-9]|20[0-4][0-9])(?![0-9])")
URL = re.compile(rb"(https?://[^\"'\s<>]+)")


def variant(data: bytes, i: int, html: bool) -> bytes:
    """The article with every year moved i back and a closing line of its own (HTML: its URLs made its own too)."""
    shifted = YEAR.sub(lambda mt: str(int(mt.group(1)) - i).encode(), data)
    if html:
        return URL.sub(lambda mt: mt.group(1) + f"#v{i}".encode(), shifted).replace(
            b"</body>", f"<p>(编号 {i})</p></body>".encode())
    try:
        return (shifted.decode("utf-8") + f"\n(编号 {i})\n").encode("utf-8")
    except UnicodeDecodeError:
        return shifted


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """The held-out articles and the seeds, and `copies` distinct variants of each."""
    paths, seen = [], set()
    originals = sorted((ROOT / "tests" / "heldout" / "src").glob("*.*")) + sorted((ROOT / "seeds").glob("*.txt"))
    for original in originals:
        if original.suffix not in (".txt", ".html", ".htm"):
            continue
        data = original.read_bytes()
        for i in range(copies + 1):
            body = variant(data, i, original.suffix != ".txt") if i else data
            if body in seen:
                continue
            seen.add(body)
            path = folder / f"{original.parent.name}_{original.stem}_{i:03d}{original.suffix}"
            path.write_bytes(body)
            paths.append(path)
    return paths


def small_files(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"示例园区第{i}期动态\n\n2022年,示例{i}号产业园规上工业增加值达{i + 1}.5亿元,同比增长{i % 30}.1%。\n",
            encoding="utf-8")


def big_article(path: Path, size: int) -> None:
    """Distinct invented paragraphs (a zone, a period, figures) up to size bytes."""
    parts, n, i = [], 0, 0
    while n < size:
        p = (f"示例{i % 97}号开发区{2000 + i % 24}年实现规上工业产值{50 + i % 40}.{i % 10}亿元，同比增长{i % 12}.{i % 7}%，"
             f"新引进项目{i % 30 + 3}个，总投资{i % 50 + 10}亿元。该园区新增企业{i % 20 + 5}家。\n")
        parts.append(p)
        n += len(p.encode("utf-8"))
        i += 1
    path.write_text("示例开发区年度报告\n\n" + "".join(parts), encoding="utf-8")


class Server:
    """Fresh databases at head on one server."""

    def __init__(self, url: str):
        self.url = url
        self.n = 0

    def fresh(self) -> str:
        self.n += 1
        name = f"bench_load_{os.getpid()}_{self.n}"
        with psycopg.connect(db.libpq_url(self.url), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = make_url(self.url).set(database=name).render_as_string(hide_password=False)
        engine = sa.create_engine(url)
        cli.upgrade(engine)
        engine.dispose()
        return url

    def drop_all(self) -> None:
        with psycopg.connect(db.libpq_url(self.url), autocommit=True) as conn:
            for i in range(1, self.n + 1):
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(f"bench_load_{os.getpid()}_{i}")))


def parkdb(url: str, *args) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen([sys.executable, "-m", "loaders", "load", *map(str, args), "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def timed_load(url: str, *args) -> tuple[float, dict]:
    started = time.perf_counter()
    proc = parkdb(url, *args)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"parkdb load {args} failed ({proc.returncode}): {err}")
    return seconds, json.loads(out.strip().splitlines()[-1])


FLOOR_CUT = """
import json, sys
import jieba
jieba.setLogLevel(60)
jieba.initialize()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for t in texts:
    list(jieba.cut(t))
"""


def floor_cut(paths: list[Path], work: Path) -> float:
    """Wall time of a fresh Python importing and initialising jieba and cutting every cleaned text."""
    texts = work / "texts.json"
    texts.write_text(json.dumps([read_article(p, p.read_bytes()).text for p in paths], ensure_ascii=False),
                     encoding="utf-8")
    script = work / "floor_cut.py"
    script.write_text(FLOOR_CUT, encoding="utf-8")
    times = []
    for _ in range(2):      # the first run writes jieba's cache (parkdb keeps its own in its home)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(script), str(texts)], check=True, env={**os.environ, "TMPDIR": str(work)})
        times.append(time.perf_counter() - started)
    return min(times)


def floor_copy(loaded_url: str, empty_url: str) -> tuple[float, int]:
    """Seconds to COPY every row the load wrote into the real tables of an empty database at head; rows copied."""
    rows: dict[str, tuple[list[str], list[tuple]]] = {}
    with psycopg.connect(db.libpq_url(loaded_url)) as src:
        for table in TABLES:
            cur = src.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
            rows[table] = ([c.name for c in cur.description], cur.fetchall())
    with psycopg.connect(db.libpq_url(empty_url)) as dst:
        dst.execute("TRUNCATE metrics, metric_aliases CASCADE")     # the migrations' catalogue: copied as loaded
        dst.commit()
        started = time.perf_counter()
        with dst.cursor() as cur:
            for table in TABLES:
                columns, data = rows[table]
                with cur.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(
                        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))) as copy:
                    for row in data:
                        copy.write_row(row)
        dst.commit()
        seconds = time.perf_counter() - started
    return seconds, sum(len(r[1]) for r in rows.values())


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


def judgement_cost(corpus: Path, url: str, n: int, jobs: int, rounds: int = 2) -> tuple[float, float]:
    """Seconds to re-extract the corpus (a new extractor version each time) with n judgements present,
    without applying them and applying them (in this process, so store.apply_judgements can be
    switched off): each timed on the second of two loads in a row, alternately `rounds` times."""
    import loaders.extract
    from loaders import store

    record_judgements(url, n)
    real_version, real_apply = loaders.extract.EXTRACTOR_VERSION, store.apply_judgements
    times: dict[bool, list[float]] = {False: [], True: []}
    args = ["load", str(corpus), "--database-url", url, "--quiet", "--jobs", str(jobs)]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for i in range(rounds):
                for applying in (False, True):
                    store.apply_judgements = real_apply if applying else (lambda conn, source_id: None)
                    for j in range(2):
                        loaders.extract.EXTRACTOR_VERSION = f"{real_version}+bench{i}{applying:d}{j}"
                        started = time.perf_counter()
                        cli.main(args)
                        seconds = time.perf_counter() - started
                    times[applying].append(seconds)
    finally:
        loaders.extract.EXTRACTOR_VERSION, store.apply_judgements = real_version, real_apply
    return min(times[False]), min(times[True])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=4, help="variants of each article (default 4)")
    ap.add_argument("--jobs", type=int, default=cli.default_jobs(), help="--jobs of the parallel load (default: cores)")
    ap.add_argument("--database-url", help="a server to make throwaway databases on (default: an embedded one)")
    ap.add_argument("--reload-files", type=int, default=5000, help="small files for the unchanged reload (0: skip)")
    ap.add_argument("--big", action="store_true", help="also time a 0.5 MB and a 5 MB article")
    ap.add_argument("--judgements", type=int, default=0, help="judgements present when re-extracting (0: skip)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parkdb-bench-"))
    server = None
    try:
        base = args.database_url or db.sqlalchemy_url(db.start_embedded(work / "home"))
        server = Server(make_url(base).set(database="postgres").render_as_string(hide_password=False))
        corpus = work / "corpus"
        corpus.mkdir()
        paths = make_corpus(corpus, args.copies)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {len(paths)} distinct articles, {size / 1e6:.2f} MB; {os.cpu_count()} cores", flush=True)

        one_url = server.fresh()
        one, got = timed_load(one_url, corpus, "--jobs", "1")
        print(f"parkdb load --jobs 1 (fresh):  {one:7.2f} s  ({len(paths) / one:6.1f} articles/s; "
              f"{got['files_stored']} stored, {got['facts_written']} facts, {got['mentions_written']} mentions)", flush=True)
        many, _ = timed_load(server.fresh(), corpus, "--jobs", args.jobs)
        print(f"parkdb load --jobs {args.jobs} (fresh):  {many:7.2f} s  ({len(paths) / many:6.1f} articles/s; "
              f"{one / many:.2f}x --jobs 1)", flush=True)
        again, got = timed_load(one_url, corpus)
        print(f"reload, all {got['files_unchanged']} unchanged: {again:7.2f} s", flush=True)
        cut = floor_cut(paths, work)
        copy, copied = floor_copy(one_url, server.fresh())
        floor = cut + copy
        print(f"floor: jieba import+init+cut {cut:.2f} s + COPY of the {copied} rows {copy:.2f} s = {floor:.2f} s")
        print(f"load / floor:  --jobs 1 {one / floor:5.2f}   --jobs {args.jobs} {many / floor:5.2f}  (target <= 2.0)",
              flush=True)

        halves = [work / "half0", work / "half1"]
        for k, half in enumerate(halves):
            half.mkdir()
            for p in paths[k::2]:
                shutil.copy(p, half / p.name)
        both_url = server.fresh()
        started = time.perf_counter()
        procs = [parkdb(both_url, half, "--jobs", "1", "--wait") for half in halves]
        for proc in procs:
            proc.communicate()
        two = time.perf_counter() - started
        print(f"two loaders (--jobs 1 each, halves) into one database: {two:7.2f} s ({one / two:.2f}x one loader)",
              flush=True)

        empty = work / "empty"
        empty.mkdir()
        seconds, _ = timed_load(one_url, empty)
        print(f"parkdb load of an empty folder: {seconds:7.2f} s", flush=True)
        if args.reload_files:
            small = work / "small"
            small_files(small, args.reload_files)
            small_url = server.fresh()
            first, _ = timed_load(small_url, small, "--jobs", args.jobs)
            seconds, got = timed_load(small_url, small)
            print(f"{args.reload_files} small files: fresh {first:.2f} s, reload ({got['files_unchanged']} unchanged)"
                  f" {seconds:.2f} s", flush=True)
        if args.big:
            for size_mb in (0.5, 5):
                folder = work / f"big{size_mb}"
                folder.mkdir()
                big_article(folder / "big.txt", int(size_mb * 2**20 * 0.98))
                seconds, got = timed_load(server.fresh(), folder, "--time-budget", "0", "--jobs", "1")
                print(f"one {size_mb} MB article: {seconds:7.2f} s ({got['facts_written']} facts)", flush=True)
        if args.judgements:
            bare, judged = judgement_cost(corpus, one_url, args.judgements, args.jobs)
            print(f"re-extract, {args.judgements} judgements not applied: {bare:7.2f} s")
            print(f"re-extract, {args.judgements} judgements applied:     {judged:7.2f} s  "
                  f"({(judged / bare - 1) * 100:+.1f} %)")
    finally:
        if server is not None:
            with contextlib.suppress(Exception):
                server.drop_all()
        if not args.database_url:
            db.stop_embedded(work / "home")
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
