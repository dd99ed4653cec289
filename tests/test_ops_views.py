"""Views that tell the truth: shared column names, sources with URL and text, a figure's sentence."""
from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from loaders import cli

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = sorted((ROOT / "sql" / "functions").glob("*.sql"))


@pytest.fixture
def seeded(engine, database_url):
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["load", str(ROOT / "seeds"), "--database-url", database_url, "--quiet"]) == 0
    return engine


def view_columns(conn) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for view, column in conn.execute(sa.text(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'reporting'"
            " ORDER BY table_name, ordinal_position")):
        found.setdefault(view, []).append(column)
    return found


def test_reporting_views_name_an_articles_columns_alike(engine):
    with engine.connect() as conn:
        columns = view_columns(conn)
    assert columns["sources"][:4] == ["source_key", "source_title", "source_url", "publisher"]
    assert "source_text" in columns["sources"]
    bare = {f"{view}.{c}" for view, cs in columns.items() for c in cs if c in ("title", "url", "text", "key")}
    assert bare == set()
    assert "source_title" in columns["facts"]


def test_a_reader_reads_a_figure_in_its_sentence(seeded):
    with seeded.connect() as conn:
        conn.execute(sa.text("SET ROLE parkdb_reader"))
        rows = conn.execute(sa.text(
            "SELECT f.value, f.unit, reporting.fact_sentence(f.source_key, f.char_start, f.char_end) AS sentence"
            " FROM reporting.facts AS f WHERE f.subject_name = '杭州青山湖科技城' AND f.value = 113.8")).all()
        text = conn.execute(sa.text("SELECT source_text FROM reporting.sources"
                                    " WHERE source_key = '000_d31637c278a3ddae.txt'")).scalar_one()
    [(value, unit, sentence)] = rows
    assert sentence == ("产业结构的逐渐变“绿”,一组数据清晰可见:2021年,青山湖科技城规上工业增加值首次破百亿,"
                        "达113.8亿元,同比增长31%。")
    assert sentence in text


def add_source(conn, key: str, text: str) -> None:
    run_id = conn.execute(sa.text("INSERT INTO load_runs (extractor_version, dictionary_hash, status)"
                                  " VALUES ('t', :h, 'succeeded') RETURNING id"), {"h": "0" * 64}).scalar_one()
    conn.execute(sa.text(
        "INSERT INTO sources (source_key, original_path, sha256, byte_size, media_type, encoding, raw_text, text,"
        " extractor_version, dictionary_hash, load_run_id)"
        " VALUES (:k, :p, :sha, 1, 'text/plain', 'utf-8', :t, :t, 't', :h, :run)"),
        {"k": key, "p": f"/x/{key}", "sha": hashlib.sha256(key.encode()).hexdigest(), "t": text, "h": "0" * 64,
         "run": run_id})


@pytest.mark.parametrize("text, span, sentence", [
    ("第一句。第二句有100亿元！第三句", "100亿元", "第二句有100亿元！"),
    ("第一句。第二句有100亿元！第三句", "第三", "第三句"),
    ("开头没有句号 50%", "50%", "开头没有句号 50%"),
    ("甲。\n  乙有3家\n丙。", "3家", "乙有3家"),
    ("增长12.5%；利润下降3%。", "12.5%", "增长12.5%；"),
])
def test_fact_sentence_stops_at_sentence_ends(engine, text, span, sentence):
    start, end = text.index(span), text.index(span) + len(span)
    with engine.begin() as conn:
        add_source(conn, "probe.txt", text)
        got = conn.execute(sa.text("SELECT reporting.fact_sentence('probe.txt', :s, :e)"),
                           {"s": start, "e": end}).scalar_one()
    assert got == sentence


@pytest.mark.parametrize("path", FUNCTIONS, ids=[p.stem for p in FUNCTIONS])
def test_sql_function_file_matches_what_the_migrations_create(engine, path):
    query = sa.text("SELECT pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc') FROM pg_proc AS p"
                    " WHERE p.pronamespace = 'reporting'::regnamespace AND p.proname = :name")
    with engine.begin() as conn:
        before = conn.execute(query, {"name": path.stem}).all()
        conn.exec_driver_sql(path.read_text())
        after = conn.execute(query, {"name": path.stem}).all()
    assert before and after == before


def test_a_series_shows_the_exact_figure_before_a_bound(seeded):
    with seeded.connect() as conn:
        facts = conn.execute(sa.text(
            "SELECT value, qualifier FROM reporting.facts WHERE subject_name = '杭州青山湖科技城'"
            " AND metric = '规上工业增加值' AND period_end = '2021-12-31' ORDER BY value")).all()
        series = conn.execute(sa.text(
            "SELECT value, qualifier, source_count FROM reporting.metric_series WHERE subject_name = '杭州青山湖科技城'"
            " AND metric = '规上工业增加值' AND period_end = '2021-12-31'")).all()
    assert [(float(v), q) for v, q in facts] == [(100.0, "more_than"), (113.8, None)]
    assert [(float(v), q, n) for v, q, n in series] == [(113.8, None, 1)]
