"""Render time of every `parkdb serve` page on a big synthetic database.

    .venv/bin/python bench/serve.py                        # 100,000 articles on the embedded server (~6 min to fill)
    .venv/bin/python bench/serve.py --articles 10000       # quicker
    .venv/bin/python bench/serve.py --no-fill --keep       # pages only, on the parkdb_bench database left by --keep

The database is bench/reporting.py's synthetic world (same generator, same sizes:
30 facts and 20 mentions per article, a Zipf-skewed "busiest" platform). Each page is
requested through the application itself (Starlette's test client: routing, the
queries as parkdb_reader, Jinja2 rendering, SVG charts; no network) --repeat times
after one warm-up, and the median and p95 wall-clock times are printed with the
page's size. The target (issue 13) is under 300 ms per page.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import psycopg
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import reporting as synthetic  # noqa: E402  (bench/reporting.py: the generator)

from loaders import db  # noqa: E402
from loaders.cli import upgrade  # noqa: E402
from loaders.web import app as web  # noqa: E402
from loaders.web import serve  # noqa: E402

TARGET_MS = 300


def pages(w: synthetic.World) -> list[tuple[str, str]]:
    busiest, typical = synthetic.platform_name(1), synthetic.platform_name(w.platforms // 2)
    company = f"杭州合成科技{w.enterprises // 50:06d}有限公司"
    article = f"bench/{w.articles // 2:07d}.txt"
    q = lambda s: quote(s, safe="")
    return [
        ("articles  newest first", "/"),
        ("articles  platform = typical", f"/?platform={q(typical)}"),
        ("articles  publisher and a year", "/?publisher=" + q("杭州日报") + "&from=2020-01-01&to=2020-12-31"),
        ("articles  search, many matches (合成文章)", "/?q=" + q("合成文章")),
        ("articles  search, one match (第50000篇)", "/?q=" + q(f"第{w.articles // 2}篇")),
        ("articles  page 100", "/?page=100"),
        ("article  one, with its facts and mentions", f"/article?key={q(article)}"),
        ("article  raw text", f"/article/raw?key={q(article)}"),
        ("facts  newest first", "/facts"),
        ("facts  subject = typical platform", f"/facts?subject={q(typical)}"),
        ("facts  subject = busiest platform, by value", f"/facts?subject={q(busiest)}&sort=value"),
        ("facts  metric + year", "/facts?metric=" + q("规上工业增加值") + "&year=2022"),
        ("facts  sorted by value, all", "/facts?sort=value"),
        ("facts  page 100", "/facts?page=100"),
        ("facts  CSV of a page", f"/facts?subject={q(typical)}&format=csv"),
        ("subject  typical platform", f"/subject?kind=platform&name={q(typical)}"),
        ("subject  busiest platform", f"/subject?kind=platform&name={q(busiest)}"),
        ("subject  typical enterprise", f"/subject?kind=enterprise&name={q(company)}"),
        ("conflicts  first page", "/conflicts"),
        ("conflicts  subject = typical platform", f"/conflicts?subject={q(typical)}"),
    ]


def measure(client, path: str, repeat: int) -> tuple[float, float, int, int]:
    response = client.get(path)  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], response.status_code, len(response.content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database to fill (default: parkdb_bench on the embedded server)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the embedded parkdb_bench database")
    parser.add_argument("--no-fill", action="store_true", help="render pages of an already filled database")
    parser.add_argument("--only", help="only the pages whose label contains this text")
    args = parser.parse_args(argv)

    maintenance = None
    if args.database_url:
        url = db.libpq_url(args.database_url)
    elif args.no_fill:
        from sqlalchemy.engine import make_url

        server = make_url(db.start_embedded(db.parkdb_home()))
        url = server.set(database=synthetic.BENCH_DB).render_as_string(hide_password=False)
    else:
        url, maintenance = synthetic.fresh_embedded_database()
    world = synthetic.World(args.articles)
    try:
        engine = sa.create_engine(db.sqlalchemy_url(url))
        upgrade(engine)
        engine.dispose()
        if not args.no_fill:
            t0 = time.perf_counter()
            counts = synthetic.fill(url, world)
            print(f"filled in {time.perf_counter() - t0:.0f} s: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()),
                  flush=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from starlette.testclient import TestClient
        engines = serve.engines(db.Database(db.sqlalchemy_url(url), embedded=False), read_only=False)
        slow = 0
        with TestClient(web.create_app(engines)) as client:
            print(f"\n{'page':<48} {'median ms':>10} {'p95 ms':>9} {'status':>7} {'KB':>7}")
            for label, path in pages(world):
                if args.only and args.only not in label:
                    continue
                median, p95, status, size = measure(client, path, args.repeat)
                slow += median > TARGET_MS
                print(f"{label:<48} {median:>10.1f} {p95:>9.1f} {status:>7} {size / 1024:>7.0f}", flush=True)
        print(f"\n{slow} page(s) over {TARGET_MS} ms (median)")
    finally:
        if maintenance and not args.keep:
            with psycopg.connect(maintenance, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {synthetic.BENCH_DB} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
