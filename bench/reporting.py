"""Reporting-view latency on a synthetic database of N articles' worth of rows.

    .venv/bin/python bench/reporting.py                      # 100,000 articles on the embedded server
    .venv/bin/python bench/reporting.py --articles 10000     # quicker
    .venv/bin/python bench/reporting.py --database-url URL   # an empty database you own (it is migrated)
    .venv/bin/python bench/reporting.py --explain            # also print EXPLAIN (ANALYZE, BUFFERS)

Rows go straight into the core tables with COPY (no extractor): sources, a
platform hierarchy of a few hundred platforms, enterprises, projects, metrics,
~30 facts and ~20 mentions per article, designations, load runs. Subjects are
drawn with a Zipf-like skew, so there is a "busiest" platform as well as typical
ones. Each view is then queried with a typical filter --repeat times and the
median and p95 wall-clock latencies (client side, planning included) are printed.
Without --database-url a fresh `parkdb_bench` database is created on the embedded
server under $PARKDB_HOME (default ./.parkdb) and dropped afterwards unless --keep.
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import db  # noqa: E402
from loaders.cli import upgrade  # noqa: E402

BENCH_DB = "parkdb_bench"
FACTS_PER_ARTICLE = 30
MENTIONS_PER_ARTICLE = 20
METRICS = ["规上工业增加值", "固定资产投资", "营业收入", "税收收入", "研发投入", "高新技术企业数量", "工业投资",
           "数字经济核心产业增加值", "实际利用外资", "新增市场主体", "专利授权量", "亩均税收"] + \
          [f"合成指标{i:02d}" for i in range(48)]
BASE_UNITS = ["yuan", "yuan", "yuan", "yuan", "yuan", "count", "yuan", "yuan", "yuan", "count", "count", "yuan"] + \
             ["percent"] * 48


# --- data -----------------------------------------------------------------

def zipf_weights(n: int, s: float = 0.8) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


class World:
    """Sizes and skewed choosers for the synthetic rows."""

    def __init__(self, articles: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.articles = articles
        self.corridors, self.zones, self.parks, self.incubators = 5, 45, 200, 50
        self.platforms = self.corridors + self.zones + self.parks + self.incubators
        self.enterprises = max(200, articles // 5)
        self.projects = max(100, articles // 10)
        self.regions, self.institutions = 20, 500
        self.platform_w = zipf_weights(self.platforms)
        self.enterprise_w = zipf_weights(self.enterprises, 1.0)
        self.project_w = zipf_weights(self.projects, 1.0)
        self.metric_w = zipf_weights(len(METRICS), 0.6)

    def pick(self, n: int, weights: list[float], k: int) -> list[int]:
        """k ids in 1..n drawn with the given weights."""
        return [i + 1 for i in self.rng.choices(range(n), cum_weights=_cumulative(weights), k=k)]


_CUM: dict[int, list[float]] = {}


def _cumulative(weights: list[float]) -> list[float]:
    key = id(weights)
    if key not in _CUM:
        total, out = 0.0, []
        for w in weights:
            total += w
            out.append(total)
        _CUM[key] = out
    return _CUM[key]


def platform_name(i: int) -> str:
    return "城西科创大走廊" if i == 1 else f"合成平台{i:04d}"


def copy_rows(conn: psycopg.Connection, table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples; None -> NULL) into table in text format; return the count."""
    n, buf = 0, io.StringIO()
    with conn.cursor().copy(f"COPY public.{table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            buf.write("\t".join(r"\N" if v is None else str(v) for v in row))
            buf.write("\n")
            n += 1
            if n % 50_000 == 0:
                copy.write(buf.getvalue())
                buf = io.StringIO()
        copy.write(buf.getvalue())
    return n


def platform_rows(w: World):
    """Corridors at the top, zones on corridors, parks and incubators in zones."""
    c, z, p = w.corridors, w.corridors + w.zones, w.corridors + w.zones + w.parks
    for i in range(1, w.platforms + 1):
        if i <= c:
            kind, parent = "corridor", None
        elif i <= z:
            kind, parent = "zone", (i % c) + 1 if i % 9 else None
        elif i <= p:
            kind, parent = "park", c + 1 + (i % w.zones)
        else:
            kind, parent = "incubator", c + 1 + (i % w.zones)
        yield i, platform_name(i), kind, parent, f"区{i % 13}"


def source_rows(w: World):
    start = date(2015, 1, 1)
    for i in range(1, w.articles + 1):
        text = f"第{i}篇合成文章，报道杭州产业平台。"
        published = start + timedelta(days=w.rng.randrange(11 * 365))
        yield (i, f"bench/{i:07d}.txt", f"/bench/{i:07d}.txt", f"{i:064x}", len(text.encode()), "text/plain",
               "utf-8", text, text, f"标题{i}", "杭州日报", published, "day", "explicit", "bench-1", "0" * 64,
               1 + i % 100, f"/bench/{i:07d}.txt")


def pick_entity(w: World, kind: str, others: int) -> int:
    """A Zipf-weighted platform, enterprise or project id, or a uniform id among `others` (regions, institutions)."""
    weighted = {"platform": (w.platforms, w.platform_w), "enterprise": (w.enterprises, w.enterprise_w),
                "project": (w.projects, w.project_w)}
    if kind in weighted:
        return w.pick(*weighted[kind], 1)[0]
    return w.rng.randrange(1, others + 1)


def fact_rows(w: World):
    kinds = ["platform"] * 40 + ["enterprise"] * 35 + ["project"] * 15 + ["region"] * 10
    fid = 0
    for source in range(1, w.articles + 1):
        year = 2015 + (source * 11 // max(1, w.articles))
        for k in range(FACTS_PER_ARTICLE):
            fid += 1
            kind = w.rng.choice(kinds)
            subject = pick_entity(w, kind, w.regions)
            ids = [subject if kind == x else None for x in ("platform", "enterprise", "project", "region")]
            metric = w.pick(len(METRICS), w.metric_w, 1)[0]
            base_unit = BASE_UNITS[metric - 1]
            period_kind = w.rng.choices(["actual", "asof", "target", "unknown"], [70, 15, 10, 5])[0]
            y = max(2010, min(2030, year - w.rng.randrange(3) + (5 if period_kind == "target" else 0)))
            start = date(y, 1, 1) if period_kind in ("actual", "target") else None
            end = date(y, 12, 31) if period_kind != "unknown" else None
            value = round(w.rng.uniform(1, 500), 1)
            unit = {"yuan": "亿元", "count": "家", "percent": "%"}[base_unit]
            base = value * 100_000_000 if base_unit == "yuan" else value
            quote = f"达{value}{unit}"
            yield (fid, source, f"{source}-{k}", kind, *ids, metric, METRICS[metric - 1], value, unit, base,
                   base_unit, None, period_kind, start, end, quote, 0, len(quote), "bench-1")


def mention_rows(w: World):
    kinds = ["platform"] * 35 + ["enterprise"] * 40 + ["project"] * 15 + ["institution"] * 10
    mid = 0
    for source in range(1, w.articles + 1):
        for k in range(MENTIONS_PER_ARTICLE):
            mid += 1
            kind = w.rng.choice(kinds)
            entity = pick_entity(w, kind, w.institutions)
            ids = [entity if kind == x else None for x in ("platform", "enterprise", "project", "institution")]
            surface = f"实体{entity}"
            yield mid, source, kind, *ids, surface, k * 20, k * 20 + len(surface), "bench-1"


def fill(url: str, w: World) -> dict[str, int]:
    """COPY the synthetic world into the core tables; return row counts."""
    counts = {}
    with psycopg.connect(url) as conn:
        conn.execute("SET session_replication_role = replica")  # skip FK triggers: the ids are consistent
        counts["load_runs"] = copy_rows(conn, "load_runs", ["id", "extractor_version", "dictionary_hash", "status",
                                                            "started_at", "finished_at", "files_seen", "files_rejected"],
                                        ((i, "bench-1", "0" * 64, "partial", f"2026-01-01 00:{i % 60:02d}:00+00",
                                          f"2026-01-01 01:{i % 60:02d}:00+00", 1000, 3) for i in range(1, 101)))
        counts["rejected_files"] = copy_rows(conn, "rejected_files", ["load_run_id", "path", "reason"],
                                             ((1 + i % 100, f"/bench/bad{i}.txt", ["empty file", "binary content",
                                                                                   "no Chinese text"][i % 3])
                                              for i in range(300)))
        counts["platforms"] = copy_rows(conn, "platforms", ["id", "name", "kind", "parent_id", "district", "entity_key"],
                                        (row + (f"bench-platform-{row[0]}",) for row in platform_rows(w)))
        counts["platform_aliases"] = copy_rows(conn, "platform_aliases", ["platform_id", "alias"],
                                               ((i, f"别名{i:04d}") for i in range(1, w.platforms + 1)))
        counts["regions"] = copy_rows(conn, "regions", ["id", "name", "level"],
                                      ((i, f"合成区县{i:02d}", "district") for i in range(1, w.regions + 1)))
        counts["institutions"] = copy_rows(conn, "institutions", ["id", "name", "entity_key"],
                                           ((i, f"合成研究院{i:04d}", f"bench-institution-{i}")
                                            for i in range(1, w.institutions + 1)))
        counts["metrics"] = copy_rows(conn, "metrics", ["id", "name", "unit_family", "is_catalogued"],
                                      ((i, m, BASE_UNITS[i - 1], "t") for i, m in enumerate(METRICS, 1)))
        counts["enterprises"] = copy_rows(conn, "enterprises", ["id", "name", "platform_id", "entity_key"],
                                          ((i, f"杭州合成科技{i:06d}有限公司",
                                            w.pick(w.platforms, w.platform_w, 1)[0] if i % 10 < 7 else None,
                                            f"bench-enterprise-{i}")
                                           for i in range(1, w.enterprises + 1)))
        counts["enterprise_aliases"] = copy_rows(conn, "enterprise_aliases", ["enterprise_id", "alias"],
                                                 ((i, f"合成科技{i:06d}") for i in range(1, w.enterprises + 1)))
        counts["projects"] = copy_rows(conn, "projects", ["id", "name", "platform_id", "enterprise_id",
                                                          "investment_yuan", "status", "entity_key"],
                                       ((i, f"合成项目{i:06d}", w.pick(w.platforms, w.platform_w, 1)[0],
                                         w.rng.randrange(1, w.enterprises + 1), w.rng.randrange(1, 500) * 10**8,
                                         "under_construction", f"bench-project-{i}") for i in range(1, w.projects + 1)))
        counts["sources"] = copy_rows(conn, "sources", [
            "id", "source_key", "original_path", "sha256", "byte_size", "media_type", "encoding", "raw_text", "text",
            "title", "publisher", "published_on", "published_precision", "published_basis", "extractor_version",
            "dictionary_hash", "load_run_id", "identity"], source_rows(w))
        counts["facts"] = copy_rows(conn, "facts", [
            "id", "source_id", "fact_key", "subject_kind", "subject_platform_id", "subject_enterprise_id",
            "subject_project_id", "subject_region_id", "metric_id", "metric_text", "value", "unit", "value_base",
            "base_unit", "qualifier", "period_kind", "period_start", "period_end", "quote", "char_start", "char_end",
            "extractor_version"], fact_rows(w))
        counts["entity_mentions"] = copy_rows(conn, "entity_mentions", [
            "id", "source_id", "entity_kind", "platform_id", "enterprise_id", "project_id", "institution_id",
            "surface", "char_start", "char_end", "extractor_version"], mention_rows(w))
        counts["designations"] = copy_rows(conn, "designations", [
            "source_id", "designation_key", "subject_kind", "enterprise_id", "designation", "year", "quote",
            "char_start", "char_end", "extractor_version"],
            ((s, f"d{s}", "enterprise", e, d, 2015 + s % 11, d, 0, len(d), "bench-1")
             for s in range(1, w.articles + 1)
             for e, d in [(w.pick(w.enterprises, w.enterprise_w, 1)[0],
                           ["国家级绿色工厂", "专精特新小巨人", "省级企业研究院"][s % 3])]))
        for table in ["load_runs", "platforms", "platform_aliases", "regions", "institutions", "metrics",
                      "enterprises", "enterprise_aliases", "projects", "sources", "facts", "entity_mentions",
                      "designations", "rejected_files"]:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('public.{table}', 'id'),"
                         f" (SELECT max(id) FROM public.{table}))")
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        # The triggers that keep the derived tables were off (replica role): build each in one pass.
        for table in ("fact_series", "entity_articles"):
            counts[table] = conn.execute(f"SELECT public.rebuild_{table}()").fetchone()[0]
        conn.execute("VACUUM ANALYZE")
    return counts


# --- queries --------------------------------------------------------------

def queries(w: World) -> list[tuple[str, str]]:
    """(label, SQL) pairs: each view with the filter an analyst would use."""
    busiest, typical = platform_name(1), platform_name(w.platforms // 2)
    typical_company = f"杭州合成科技{w.enterprises // 50:06d}有限公司"
    busiest_company = "杭州合成科技000001有限公司"
    return [
        ("facts  subject_name = typical platform (contract view)",
         f"SELECT * FROM reporting.facts WHERE subject_name = '{typical}'"),
        ("entity_mentions  entity_name = typical platform (contract view)",
         f"SELECT * FROM reporting.entity_mentions WHERE entity_name = '{typical}'"),
        ("platform_tree  ancestor_name = corridor",
         f"SELECT * FROM reporting.platform_tree WHERE ancestor_name = '{busiest}'"),
        ("platforms  platform_name = typical", f"SELECT * FROM reporting.platforms WHERE platform_name = '{typical}'"),
        ("platforms  platform_name = busiest", f"SELECT * FROM reporting.platforms WHERE platform_name = '{busiest}'"),
        ("platforms  everything in a typical zone (via platform_tree)",
         "SELECT * FROM reporting.platforms WHERE platform_name = ANY (ARRAY("
         f"SELECT descendant_name FROM reporting.platform_tree WHERE ancestor_name = '{platform_name(w.corridors + 30)}'))"),
        ("metric_series  subject_name = typical platform",
         f"SELECT * FROM reporting.metric_series WHERE subject_name = '{typical}'"),
        ("metric_series  subject_name = busiest platform, one metric",
         f"SELECT * FROM reporting.metric_series WHERE subject_name = '{busiest}' AND metric = '规上工业增加值'"),
        ("metric_series  subject_name = busiest platform",
         f"SELECT * FROM reporting.metric_series WHERE subject_name = '{busiest}'"),
        ("latest_metrics  subject_name = typical platform",
         f"SELECT * FROM reporting.latest_metrics WHERE subject_name = '{typical}'"),
        ("latest_metrics  subject_name = busiest platform",
         f"SELECT * FROM reporting.latest_metrics WHERE subject_name = '{busiest}'"),
        ("platform_comparison  metric + year",
         "SELECT * FROM reporting.platform_comparison WHERE metric = '规上工业增加值' AND period_kind = 'actual'"
         " AND period_end = '2022-12-31' ORDER BY value_rank"),
        ("platform_comparison  metric + year + platform",
         "SELECT * FROM reporting.platform_comparison WHERE metric = '规上工业增加值' AND period_kind = 'actual'"
         f" AND period_end = '2022-12-31' AND platform_name = '{typical}'"),
        ("fact_conflicts  subject_name = typical platform",
         f"SELECT * FROM reporting.fact_conflicts WHERE subject_name = '{typical}'"),
        ("fact_conflicts  subject_name = typical enterprise",
         f"SELECT * FROM reporting.fact_conflicts WHERE subject_name = '{typical_company}'"),
        ("projects  platform_name = typical", f"SELECT * FROM reporting.projects WHERE platform_name = '{typical}'"),
        ("projects  platform_name = busiest", f"SELECT * FROM reporting.projects WHERE platform_name = '{busiest}'"),
        ("enterprises  enterprise_name = busiest",
         f"SELECT * FROM reporting.enterprises WHERE enterprise_name = '{busiest_company}'"),
        ("designations  subject_name = busiest enterprise",
         f"SELECT * FROM reporting.designations WHERE subject_name = '{busiest_company}'"),
        ("sources  source_key = one article",
         f"SELECT * FROM reporting.sources WHERE source_key = 'bench/{w.articles // 2:07d}.txt'"),
        ("sources  one publication day",
         "SELECT * FROM reporting.sources WHERE published_on = '2020-06-01'"),
        ("load_runs  last 10 runs", "SELECT * FROM reporting.load_runs ORDER BY started_at DESC LIMIT 10"),
    ]


def measure(url: str, sql: str, repeat: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, rows) over repeat runs after one warm-up."""
    with psycopg.connect(url, autocommit=True) as conn:
        n = len(conn.execute(sql).fetchall())
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            conn.execute(sql).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, n


def explain(url: str, sql: str) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        return "\n".join(r[0] for r in conn.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}"))


# --- driver ---------------------------------------------------------------

def fresh_embedded_database() -> tuple[str, str]:
    """Create parkdb_bench on the embedded server; return (its URL, the maintenance URL)."""
    server = make_url(db.start_embedded(db.parkdb_home()))
    maintenance = server.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return server.set(database=BENCH_DB).render_as_string(hide_password=False), maintenance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database to fill (default: a fresh one on the embedded server)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN (ANALYZE, BUFFERS) of each query")
    parser.add_argument("--keep", action="store_true", help="keep the embedded parkdb_bench database")
    parser.add_argument("--no-fill", action="store_true", help="query an already filled database")
    parser.add_argument("--only", help="run only the queries whose label contains this text")
    args = parser.parse_args(argv)

    maintenance = None
    if args.database_url:
        url = db.libpq_url(args.database_url)
    else:
        url, maintenance = fresh_embedded_database()
    world = World(args.articles)
    try:
        if not args.no_fill:
            engine = sa.create_engine(db.sqlalchemy_url(url))
            upgrade(engine)
            engine.dispose()
            t0 = time.perf_counter()
            counts = fill(url, world)
            print(f"filled in {time.perf_counter() - t0:.0f} s: "
                  + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
        print(f"\n{'query':<62} {'median ms':>10} {'p95 ms':>9} {'rows':>7}")
        for label, sql in queries(world):
            if args.only and args.only not in label:
                continue
            median, p95, n = measure(url, sql, args.repeat)
            print(f"{label:<62} {median:>10.1f} {p95:>9.1f} {n:>7}", flush=True)
            if args.explain:
                print(explain(url, sql), "\n", flush=True)
    finally:
        if maintenance and not args.keep:
            with psycopg.connect(maintenance, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
