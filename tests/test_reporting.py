"""Reporting views: sql/ matches the migrations, every view is documented, and each
view keeps its grain and one identity on a tiny world written straight into the
core tables (2 articles, a corridor > zone > park hierarchy, one enterprise, one
project, a few facts including one planted conflict)."""
from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

SQL = Path(__file__).resolve().parent.parent / "sql"
VIEW_FILES = sorted(SQL.glob("*.sql"))
# The key of each view's grain ("one row per ...").
GRAINS = {
    "facts": None,
    "fact_candidates": None,     # empty on the tiny world: every fact is confident (tests/test_review.py)
    "orphaned_judgements": None,  # empty without judgements (tests/test_review.py)
    "entity_mentions": ("source_key", "entity_kind", "char_start", "char_end"),
    "platform_tree": ("ancestor_name", "descendant_name"),
    "platforms": ("platform_name",),
    "metric_series": ("subject_kind", "subject_name", "metric", "period_kind", "period_start", "period_end"),
    "latest_metrics": ("subject_kind", "subject_name", "metric"),
    "platform_comparison": ("metric", "period_kind", "period_start", "period_end", "platform_name"),
    "projects": ("project_name",),
    "enterprises": ("enterprise_name",),
    "designations": ("subject_kind", "subject_name", "designation", "year"),
    "fact_conflicts": ("subject_kind", "subject_name", "metric", "period_kind", "period_start", "period_end"),
    "sources": ("source_key",),
    "source_raw_texts": ("source_key",),
    "source_facts": ("source_key", "fact_key"),
    "source_mentions": ("source_key", "entity_kind", "char_start", "char_end"),
    "load_runs": ("load_run_id",),
}


# --- the tiny world -------------------------------------------------------

def insert(conn, table: str, **values) -> int:
    """INSERT one row into a core table; return its id."""
    columns = ", ".join(values)
    params = ", ".join(f":{k}" for k in values)
    return conn.execute(sa.text(f"INSERT INTO public.{table} ({columns}) VALUES ({params}) RETURNING id"),
                        values).scalar_one()


def source(conn, key: str, published_on: date, run_id: int) -> int:
    text = f"{key} 的正文。" * 20
    return insert(conn, "sources", source_key=key, original_path=f"/seeds/{key}",
                  sha256=hashlib.sha256(key.encode()).hexdigest(), byte_size=len(text.encode()),
                  media_type="text/plain", encoding="utf-8", raw_text=text, text=text, title=f"{key} 标题",
                  publisher="杭州日报", published_on=published_on, published_precision="day",
                  published_basis="explicit", extractor_version="test-1", dictionary_hash="0" * 64,
                  load_run_id=run_id)


def fact(conn, source_id: int, subject: tuple[str, int], metric_id: int, year: int | None, value: str,
         unit: str = "亿元", value_base: Decimal | None = None, base_unit: str | None = "yuan",
         period_kind: str = "actual") -> int:
    kind, subject_id = subject
    quote = f"{value}{unit}"
    start = date(year, 1, 1) if year and period_kind != "asof" else None
    end = date(year, 12, 31) if year else None
    return insert(conn, "facts", source_id=source_id, fact_key=f"{kind}{subject_id}-{metric_id}-{year}-{value}",
                  subject_kind=kind, **{f"subject_{kind}_id": subject_id}, metric_id=metric_id,
                  metric_text="规模以上工业增加值", value=Decimal(value), unit=unit,
                  value_base=value_base if value_base is not None else Decimal(value) * 100_000_000,
                  base_unit=base_unit, period_kind=period_kind, period_start=start, period_end=end,
                  quote=quote, char_start=0, char_end=len(quote), extractor_version="test-1")


def mention(conn, source_id: int, kind: str, entity_id: int, surface: str, start: int) -> int:
    return insert(conn, "entity_mentions", source_id=source_id, entity_kind=kind, **{f"{kind}_id": entity_id},
                  surface=surface, char_start=start, char_end=start + len(surface), extractor_version="test-1")


def designation(conn, source_id: int, enterprise_id: int, name: str, year: int | None) -> int:
    return insert(conn, "designations", source_id=source_id, designation_key=f"{enterprise_id}-{name}-{year}",
                  subject_kind="enterprise", enterprise_id=enterprise_id, designation=name, year=year,
                  quote=name, char_start=0, char_end=len(name), extractor_version="test-1")


@pytest.fixture
def world(engine):
    """Write the tiny world; return the engine and the ids by name."""
    with engine.begin() as conn:
        run = insert(conn, "load_runs", extractor_version="test-1", dictionary_hash="0" * 64, status="partial",
                     files_seen=4, files_stored=2, files_rejected=2)
        conn.execute(sa.text("UPDATE load_runs SET finished_at = started_at + interval '90 seconds'"))
        for path, reason in [("/x/empty.txt", "empty file"), ("/x/bin.txt", "binary content")]:
            insert(conn, "rejected_files", load_run_id=run, path=path, reason=reason)
        s1 = source(conn, "a.txt", date(2023, 3, 1), run)
        s2 = source(conn, "b.txt", date(2024, 1, 15), run)
        corridor = insert(conn, "platforms", name="城西科创大走廊", kind="corridor")
        zone = insert(conn, "platforms", name="未来科技城", kind="zone", parent_id=corridor, district="余杭区")
        park = insert(conn, "platforms", name="梦想小镇", kind="park", parent_id=zone, district="余杭区")
        for alias in ["杭州未来科技城", "未科城"]:
            insert(conn, "platform_aliases", platform_id=zone, alias=alias)
        company = insert(conn, "enterprises", name="杭州云栖科技有限公司", platform_id=park)
        insert(conn, "enterprise_aliases", enterprise_id=company, alias="云栖科技")
        project = insert(conn, "projects", name="云栖总部项目", platform_id=zone, enterprise_id=company,
                         investment_yuan=Decimal("5000000000"), status="under_construction")
        region = insert(conn, "regions", name="杭州", level="city")
        added_value = insert(conn, "metrics", name="规上工业增加值", unit_family="yuan")
        revenue = insert(conn, "metrics", name="营业收入", unit_family="yuan")
        ids = {
            "zone_2022_a": fact(conn, s1, ("platform", zone), added_value, 2022, "100"),
            "zone_2022_b": fact(conn, s2, ("platform", zone), added_value, 2022, "120"),   # the conflict
            "zone_2023": fact(conn, s2, ("platform", zone), added_value, 2023, "130"),
            "park_2022": fact(conn, s1, ("platform", park), added_value, 2022, "50"),
            "company_a": fact(conn, s1, ("enterprise", company), revenue, 2023, "10"),
            # the same 10亿元 written as 100000万元: agreement, not a conflict
            "company_b": fact(conn, s2, ("enterprise", company), revenue, 2023, "100000", unit="万元",
                              value_base=Decimal("1000000000")),
            "project": fact(conn, s2, ("project", project), revenue, 2023, "2"),
            "region_target": fact(conn, s2, ("region", region), added_value, 2025, "5000", period_kind="target"),
        }
        mention(conn, s1, "platform", zone, "未来科技城", 0)
        mention(conn, s1, "platform", park, "梦想小镇", 10)
        mention(conn, s1, "enterprise", company, "云栖科技", 20)
        mention(conn, s1, "project", project, "云栖总部项目", 30)
        mention(conn, s2, "platform", zone, "未科城", 0)
        mention(conn, s2, "platform", zone, "未来科技城", 10)
        mention(conn, s2, "enterprise", company, "云栖科技", 20)
        designation(conn, s1, company, "国家级绿色工厂", 2022)
        designation(conn, s2, company, "国家级绿色工厂", 2022)
        designation(conn, s2, company, "专精特新", None)
    return engine, ids


def rows(engine, query: str, **params) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text(query), params)]


def reporting_views(engine) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(sa.text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm') ORDER BY 1")).scalars().all()


# --- sql/ and the migrations ----------------------------------------------

def definitions(conn) -> dict:
    """Every reporting view's definition and comments, as the server sees them."""
    return {r.relname: (r.definition, r.comment, r.columns) for r in conn.execute(sa.text(
        "SELECT c.relname, pg_get_viewdef(c.oid, true) AS definition, obj_description(c.oid, 'pg_class') AS comment,"
        " (SELECT array_agg(a.attname || ': ' || coalesce(col_description(c.oid, a.attnum), '') ORDER BY a.attnum)"
        "  FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0) AS columns"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'reporting' AND c.relkind = 'v'"))}


@pytest.mark.parametrize("path", VIEW_FILES, ids=[p.stem for p in VIEW_FILES])
def test_sql_file_matches_what_the_migrations_create(engine, path):
    with engine.begin() as conn:
        before = definitions(conn)
        conn.exec_driver_sql(path.read_text())
        after = definitions(conn)
    assert path.stem in before
    assert after == before


def test_every_view_has_a_sql_file_and_a_grain():
    assert sorted(p.stem for p in VIEW_FILES) == sorted(GRAINS)


def test_every_reporting_view_and_column_has_a_comment(engine):
    with engine.connect() as conn:
        found = definitions(conn)
    assert sorted(found) == sorted(GRAINS)
    assert [name for name, (_, comment, _) in found.items() if not comment] == []
    assert [c for _, (_, _, columns) in found.items() for c in columns if c.endswith(": ")] == []


# --- grain: no duplicate keys, and no view is empty on the tiny world ------

@pytest.mark.parametrize("view, key", [(v, k) for v, k in GRAINS.items() if k])
def test_grain(world, view, key):
    engine, _ = world
    columns = ", ".join(key)
    assert rows(engine, f"SELECT count(*) AS n FROM reporting.{view}")[0]["n"] > 0
    assert rows(engine, f"SELECT {columns}, count(*) FROM reporting.{view} GROUP BY {columns} HAVING count(*) > 1") == []


# --- one identity per view ------------------------------------------------

def test_platform_tree_has_one_self_row_per_platform_and_the_corridor_holds_all(world):
    engine, _ = world
    selves = rows(engine, "SELECT count(*) AS n FROM reporting.platform_tree WHERE depth = 0"
                          " AND ancestor_name = descendant_name")
    assert selves[0]["n"] == rows(engine, "SELECT count(*) AS n FROM public.platforms")[0]["n"]
    assert rows(engine, "SELECT descendant_name, depth FROM reporting.platform_tree"
                        " WHERE ancestor_name = '城西科创大走廊' ORDER BY depth") == [
        {"descendant_name": "城西科创大走廊", "depth": 0},
        {"descendant_name": "未来科技城", "depth": 1},
        {"descendant_name": "梦想小镇", "depth": 2},
    ]


def test_platform_tree_survives_a_parent_cycle(world):
    engine, _ = world
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE platforms SET parent_id = (SELECT id FROM platforms WHERE name = '梦想小镇')"
                             " WHERE name = '城西科创大走廊'"))
    tree = rows(engine, "SELECT ancestor_name, descendant_name, depth FROM reporting.platform_tree")
    assert len(tree) == 9  # every platform reaches all three exactly once
    assert rows(engine, "SELECT corridor_name FROM reporting.platforms WHERE platform_name = '梦想小镇'") == [
        {"corridor_name": "城西科创大走廊"}]


def test_platforms_profile_and_fact_counts_add_up(world):
    engine, _ = world
    assert rows(engine, "SELECT * FROM reporting.platforms WHERE platform_name = '未来科技城'") == [{
        "platform_name": "未来科技城", "platform_kind": "zone", "parent_name": "城西科创大走廊",
        "district": "余杭区", "corridor_name": "城西科创大走廊", "aliases": ["未科城", "杭州未来科技城"],
        "enterprise_count": 0, "project_count": 1, "fact_count": 3, "source_count": 2,
        "planned_investment_yuan": Decimal("5000000000"), "first_published_on": date(2023, 3, 1),
        "last_published_on": date(2024, 1, 15),
    }]
    total = rows(engine, "SELECT sum(fact_count) AS n FROM reporting.platforms")[0]["n"]
    assert total == rows(engine, "SELECT count(*) AS n FROM reporting.facts WHERE subject_kind = 'platform'")[0]["n"]


def test_metric_series_picks_the_latest_source_and_counts_sources(world):
    engine, _ = world
    assert rows(engine, "SELECT period_end, value, source_key, source_count FROM reporting.metric_series"
                        " WHERE subject_name = '未来科技城' ORDER BY period_end") == [
        {"period_end": date(2022, 12, 31), "value": Decimal("120"), "source_key": "b.txt", "source_count": 2},
        {"period_end": date(2023, 12, 31), "value": Decimal("130"), "source_key": "b.txt", "source_count": 1},
    ]


def test_metric_series_breaks_a_publication_tie_on_the_lowest_fact_id(world):
    engine, ids = world
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE sources SET published_on = '2023-03-01'"))
    chosen = rows(engine, "SELECT quote FROM reporting.metric_series WHERE subject_name = '未来科技城'"
                          " AND period_end = '2022-12-31'")
    assert chosen == [{"quote": "100亿元"}]


def test_metric_series_has_one_row_per_distinct_key_of_the_facts(world):
    engine, _ = world
    distinct = rows(engine, "SELECT count(*) AS n FROM (SELECT DISTINCT subject_kind, subject_name, metric,"
                            " period_kind, period_start, period_end FROM reporting.facts) AS k")[0]["n"]
    assert rows(engine, "SELECT count(*) AS n FROM reporting.metric_series")[0]["n"] == distinct


def test_latest_metrics_picks_the_later_period_and_skips_targets(world):
    engine, _ = world
    assert rows(engine, "SELECT subject_name, metric, period_end, value, source_key FROM reporting.latest_metrics"
                        " ORDER BY value") == [
        {"subject_name": "云栖总部项目", "metric": "营业收入", "period_end": date(2023, 12, 31),
         "value": Decimal("2"), "source_key": "b.txt"},
        {"subject_name": "梦想小镇", "metric": "规上工业增加值", "period_end": date(2022, 12, 31),
         "value": Decimal("50"), "source_key": "a.txt"},
        {"subject_name": "未来科技城", "metric": "规上工业增加值", "period_end": date(2023, 12, 31),
         "value": Decimal("130"), "source_key": "b.txt"},
        {"subject_name": "杭州云栖科技有限公司", "metric": "营业收入", "period_end": date(2023, 12, 31),
         "value": Decimal("100000"), "source_key": "b.txt"},
    ]


def test_platform_comparison_ranks_platforms_within_metric_and_period(world):
    engine, _ = world
    assert rows(engine, "SELECT platform_name, value_rank, platforms_compared FROM reporting.platform_comparison"
                        " WHERE metric = '规上工业增加值' AND period_end = '2022-12-31' ORDER BY value_rank") == [
        {"platform_name": "未来科技城", "value_rank": 1, "platforms_compared": 2},
        {"platform_name": "梦想小镇", "value_rank": 2, "platforms_compared": 2},
    ]


def test_fact_conflicts_finds_the_planted_conflict_and_only_it(world):
    engine, ids = world
    key = {name: rows(engine, "SELECT fact_key FROM facts WHERE id = :i", i=ids[name])[0]["fact_key"]
           for name in ("zone_2022_a", "zone_2022_b")}
    assert rows(engine, "SELECT subject_name, metric, period_end, value_count, source_count, story_count,"
                        " disagree_in_one_article, summary, figures, source_keys FROM reporting.fact_conflicts") == [{
        "subject_name": "未来科技城", "metric": "规上工业增加值", "period_end": date(2022, 12, 31),
        "value_count": 2, "source_count": 2, "story_count": 2, "disagree_in_one_article": False,
        "summary": "100亿元 [a.txt]; 120亿元 [b.txt]",
        "figures": [
            {"value": 100, "unit": "亿元", "qualifier": None, "value_base": 10000000000, "compared_unit": "yuan",
             "source_keys": ["a.txt"], "quotes": ["100亿元"], "fact_keys": [key["zone_2022_a"]]},
            {"value": 120, "unit": "亿元", "qualifier": None, "value_base": 12000000000, "compared_unit": "yuan",
             "source_keys": ["b.txt"], "quotes": ["120亿元"], "fact_keys": [key["zone_2022_b"]]},
        ],
        "source_keys": ["a.txt", "b.txt"],
    }]


def conflict_world(engine, figures: list[tuple[str, str, str | None]]) -> list[dict]:
    """The tiny world plus figures (article, value in 亿元, qualifier) of 梦想小镇's 2021 营业收入; its conflicts."""
    with engine.begin() as conn:
        park = conn.execute(sa.text("SELECT id FROM platforms WHERE name = '梦想小镇'")).scalar_one()
        metric = conn.execute(sa.text("SELECT id FROM metrics WHERE name = '营业收入'")).scalar_one()
        sources = dict(conn.execute(sa.text("SELECT source_key, id FROM sources")).all())
        run = conn.execute(sa.text("SELECT min(id) FROM load_runs")).scalar_one()
        for key, value, qualifier in figures:
            if key not in sources:
                sources[key] = source(conn, key, date(2022, 2, 1), run)
            f = fact(conn, sources[key], ("platform", park), metric, 2021, value)
            conn.execute(sa.text("UPDATE facts SET qualifier = :q, fact_key = fact_key || '-' || id,"
                                 " quote = coalesce(:w, '') || quote, char_end = char_end + length(coalesce(:w, ''))"
                                 " WHERE id = :id"),
                         {"q": qualifier, "id": f, "w": {"more_than": "超过", "less_than": "不到", "about": "约"}.get(qualifier)})
    return rows(engine, "SELECT value_count, source_count, story_count, disagree_in_one_article, summary"
                        " FROM reporting.fact_conflicts WHERE subject_name = '梦想小镇'")


@pytest.mark.parametrize("figures, summary", [
    # a bound and an exact value that satisfies it agree (超过100亿元, 120亿元)
    ([("a.txt", "100", "more_than"), ("b.txt", "120", None)], None),
    ([("a.txt", "100", "less_than"), ("b.txt", "90", None)], None),
    ([("a.txt", "100", "about"), ("b.txt", "95", None)], None),
    ([("a.txt", "100", "more_than"), ("b.txt", "150", "less_than"), ("c.txt", "120", None)], None),
    # ... and one that does not satisfy it is a conflict
    ([("a.txt", "100", "more_than"), ("b.txt", "90", None)], "90亿元 [b.txt]; >100亿元 [a.txt]"),
    ([("a.txt", "100", "about"), ("b.txt", "80", None)], "80亿元 [b.txt]; ~100亿元 [a.txt]"),
    ([("a.txt", "100", "more_than"), ("b.txt", "120", None), ("c.txt", "130", None)],
     ">100亿元 [a.txt]; 120亿元 [b.txt]; 130亿元 [c.txt]"),
])
def test_a_bound_and_a_value_that_satisfies_it_are_no_conflict(world, figures, summary):
    engine, _ = world
    found = conflict_world(engine, figures)
    assert [r["summary"] for r in found] == ([summary] if summary else [])


def test_a_disagreement_inside_one_article_is_a_conflict(world):
    engine, _ = world
    assert conflict_world(engine, [("a.txt", "100", None), ("a.txt", "110", None)]) == [{
        "value_count": 2, "source_count": 1, "story_count": 1, "disagree_in_one_article": True,
        "summary": "100亿元 [a.txt]; 110亿元 [a.txt]"}]


def test_a_reprinted_story_is_one_row_and_counts_once(world):
    engine, _ = world
    figures = [("a.txt", "100", None), ("c.txt", "110", None), ("d.txt", "110", None), ("e.txt", "110", None)]
    assert conflict_world(engine, figures) == [{
        "value_count": 2, "source_count": 4, "story_count": 4, "disagree_in_one_article": False,
        "summary": "100亿元 [a.txt]; 110亿元 [c.txt, d.txt, e.txt]"}]
    with engine.begin() as conn:  # d and e reprint c
        conn.execute(sa.text("UPDATE sources SET reprint_of_id = (SELECT id FROM sources WHERE source_key = 'c.txt')"
                             " WHERE source_key IN ('d.txt', 'e.txt')"))
    assert rows(engine, "SELECT source_count, story_count FROM reporting.fact_conflicts"
                        " WHERE subject_name = '梦想小镇'") == [{"source_count": 4, "story_count": 2}]
    assert rows(engine, "SELECT source_count FROM reporting.metric_series WHERE subject_name = '梦想小镇'"
                        " AND metric = '营业收入'") == [{"source_count": 2}]
    assert rows(engine, "SELECT source_key, reprint_of FROM reporting.sources WHERE reprint_of IS NOT NULL"
                        " ORDER BY 1") == [{"source_key": "d.txt", "reprint_of": "c.txt"},
                                           {"source_key": "e.txt", "reprint_of": "c.txt"}]
    with engine.begin() as conn:  # the original goes: the reprints are articles of their own again
        conn.execute(sa.text("DELETE FROM facts WHERE source_id = (SELECT id FROM sources WHERE source_key = 'c.txt')"))
        conn.execute(sa.text("DELETE FROM sources WHERE source_key = 'c.txt'"))
    assert rows(engine, "SELECT source_count FROM reporting.metric_series WHERE subject_name = '梦想小镇'"
                        " AND metric = '营业收入'") == [{"source_count": 3}]


def test_projects_lists_investment_dates_and_sources(world):
    engine, _ = world
    assert rows(engine, "SELECT * FROM reporting.projects") == [{
        "project_name": "云栖总部项目", "platform_name": "未来科技城", "enterprise_name": "杭州云栖科技有限公司",
        "investment_yuan": Decimal("5000000000"), "investment_yi_yuan": Decimal("50.0000"),
        "status": "under_construction", "first_reported_on": date(2023, 3, 1),
        "last_reported_on": date(2024, 1, 15), "source_count": 2, "source_keys": ["a.txt", "b.txt"],
    }]


def test_enterprises_profile(world):
    engine, _ = world
    assert rows(engine, "SELECT * FROM reporting.enterprises") == [{
        "enterprise_name": "杭州云栖科技有限公司", "aliases": ["云栖科技"],
        "platform_names": ["未来科技城", "梦想小镇"], "designations": ["专精特新", "国家级绿色工厂"],
        "project_count": 1, "source_count": 2, "mention_count": 2, "fact_count": 2,
    }]


def test_designations_group_the_articles_that_report_an_honour(world):
    engine, _ = world
    assert rows(engine, "SELECT designation, year, source_count, source_keys, first_published_on"
                        " FROM reporting.designations ORDER BY designation") == [
        {"designation": "专精特新", "year": None, "source_count": 1, "source_keys": ["b.txt"],
         "first_published_on": date(2024, 1, 15)},
        {"designation": "国家级绿色工厂", "year": 2022, "source_count": 2, "source_keys": ["a.txt", "b.txt"],
         "first_published_on": date(2023, 3, 1)},
    ]


def test_sources_counts_match_the_contract_views(world):
    engine, _ = world
    assert rows(engine, "SELECT source_key, entity_count, mention_count, fact_count FROM reporting.sources"
                        " ORDER BY source_key") == [
        {"source_key": "a.txt", "entity_count": 4, "mention_count": 4, "fact_count": 3},
        {"source_key": "b.txt", "entity_count": 2, "mention_count": 3, "fact_count": 5},
    ]
    assert rows(engine, "SELECT sum(fact_count) AS n FROM reporting.sources") == rows(
        engine, "SELECT count(*) AS n FROM reporting.facts")


def test_load_runs_show_duration_and_rejection_reasons(world):
    engine, _ = world
    assert rows(engine, "SELECT status, duration_seconds, files_rejected, rejected_count, sample_reasons"
                        " FROM reporting.load_runs") == [{
        "status": "partial", "duration_seconds": Decimal("90.000"), "files_rejected": 2,
        "rejected_count": 2, "sample_reasons": ["binary content", "empty file"],
    }]


def test_latest_metrics_is_the_metric_series_row_with_the_last_period(world):
    engine, _ = world
    with engine.begin() as conn:  # a third article re-reporting 2023 later, with another value
        s3 = source(conn, "c.txt", date(2024, 6, 1), None)
        zone = conn.execute(sa.text("SELECT id FROM platforms WHERE name = '未来科技城'")).scalar_one()
        metric = conn.execute(sa.text("SELECT id FROM metrics WHERE name = '规上工业增加值'")).scalar_one()
        fact(conn, s3, ("platform", zone), metric, 2023, "131")
    columns = "subject_kind, subject_name, metric, period_end, value, source_key, quote"
    from_series = rows(engine, f"SELECT DISTINCT ON (subject_kind, subject_name, metric) {columns}"
                               " FROM reporting.metric_series WHERE period_kind IN ('actual', 'asof')"
                               " ORDER BY subject_kind, subject_name, metric, period_end DESC, published_on DESC")
    latest = rows(engine, f"SELECT {columns} FROM reporting.latest_metrics ORDER BY subject_kind, subject_name, metric")
    assert latest == from_series
    assert {"subject_name": "未来科技城", "value": Decimal("131"), "source_key": "c.txt"}.items() <= next(
        r for r in latest if r["subject_name"] == "未来科技城").items()


# --- a filter on the subject reaches an index ------------------------------

FILTERED = [
    ("platforms", "platform_name = '未来科技城'"),
    ("metric_series", "subject_name = '未来科技城'"),
    ("metric_series", "subject_name = '未来科技城' AND metric = '规上工业增加值'"),
    ("latest_metrics", "subject_name = '未来科技城'"),
    ("platform_comparison", "metric = '规上工业增加值' AND period_kind = 'actual' AND period_end = '2022-12-31'"),
    ("fact_conflicts", "subject_name = '未来科技城'"),
    ("projects", "platform_name = '未来科技城'"),
    ("enterprises", "enterprise_name = '杭州云栖科技有限公司'"),
    ("designations", "subject_name = '杭州云栖科技有限公司'"),
    ("sources", "source_key = 'a.txt'"),
    ("facts", "subject_name = '未来科技城'"),
    ("entity_mentions", "entity_name = '未来科技城'"),
]
BIG_TABLES = {"facts", "fact_series", "entity_mentions", "designations", "sources"}


def unbounded_scans(plan: dict) -> list[str]:
    """Scans of the big tables that read them whole (no index or recheck condition)."""
    found = []
    if plan.get("Relation Name") in BIG_TABLES and not ({"Index Cond", "Recheck Cond"} & plan.keys()):
        found.append(f"{plan['Node Type']} on {plan['Relation Name']}")
    for child in plan.get("Plans", []):
        found += unbounded_scans(child)
    return found


@pytest.mark.parametrize("view, where", FILTERED, ids=[f"{v}-{i}" for i, (v, _) in enumerate(FILTERED)])
def test_a_name_filter_reaches_an_index(world, view, where):
    """With sequential scans priced out, any whole-table read left means the filter was not pushed down."""
    engine, _ = world
    with engine.begin() as conn:
        conn.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = conn.execute(sa.text(f"EXPLAIN (FORMAT JSON) SELECT * FROM reporting.{view} WHERE {where}")).scalar_one()
    assert unbounded_scans(plan[0]["Plan"]) == []
