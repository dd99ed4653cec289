"""Analysts' judgements (issue 12): stable keys, review.judgements applied on every load,
candidates under the confidence threshold, orphans, the reviewer role, export/import."""
from __future__ import annotations

import dataclasses
import json
import shutil
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from psycopg import errors

from loaders import cli, review, store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d31637c278a3ddae.txt"
SEED_KEY = SEED.name


def rows(engine, query: str, **params) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text(query), params)]


def one(engine, query: str, **params):
    with engine.connect() as conn:
        return conn.execute(sa.text(query), params).scalar()


def load(url: str, *paths) -> int:
    return cli.main(["load", *map(str, paths), "--quiet", "--database-url", url])


def run(url: str, *args) -> int:
    return cli.main(["review", *args, "--database-url", url])


def fact_of(engine, quote_part: str, unit: str) -> str:
    return one(engine, "SELECT fact_key FROM review.facts WHERE quote LIKE :q AND unit = :u ORDER BY char_start LIMIT 1",
               q=f"%{quote_part}%", u=unit)


def state(engine) -> dict:
    """Everything an analyst sees of the data: the reporting views a judgement can change."""
    return {
        "facts": rows(engine, "SELECT * FROM reporting.facts ORDER BY fact_key"),
        "candidates": rows(engine, "SELECT * FROM reporting.fact_candidates ORDER BY fact_key"),
        "mentions": rows(engine, "SELECT * FROM reporting.entity_mentions ORDER BY source_key, char_start, entity_kind"),
        "sources": rows(engine, "SELECT source_key, published_on, published_precision, published_basis"
                                " FROM reporting.sources ORDER BY 1"),
        "series": rows(engine, "SELECT subject_name, metric, period_end, value, source_key FROM reporting.metric_series"
                               " ORDER BY 1, 2, 3"),
        "platforms": rows(engine, "SELECT name, kind, district FROM public.platforms ORDER BY name"),
    }


@pytest.fixture
def article(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED_KEY)
    shutil.copy(SEED.parent / "manifest.csv", folder / "manifest.csv")
    return folder / SEED_KEY


# --- one threshold, one key ----------------------------------------------------------------------

def test_the_python_thresholds_are_the_sql_one(engine):
    from loaders import extract

    sql = one(engine, "SELECT public.fact_confidence_threshold()")
    assert sql == Decimal(str(store.CONFIDENCE_THRESHOLD)) == Decimal(str(extract.CONFIDENCE_THRESHOLD))


@pytest.mark.parametrize("quote, figure, occurrence", [
    ("2021年,青山湖科技城规上工业增加值首次破百亿,达113.8亿元", "113.8亿元", "0"),
    ("面积 约3.5平方公里\u3000以上", "约3.5平方公里", "2.1"),
])
def test_python_and_sql_fact_keys_agree(engine, quote, figure, occurrence):
    sql = one(engine, "SELECT review.fact_key(:i, :q, :f, :o)", i="a.txt", q=quote, f=figure, o=occurrence)
    assert sql == store.fact_key("a.txt", quote, figure, occurrence)


def test_fact_keys_ignore_offsets_and_whitespace():
    assert store.fact_key("a", "达 113.8亿元", "113.8亿元", "0") == store.fact_key("a", "达113.8亿元", "113.8亿元", "0")
    assert store.fact_key("a", "达113.8亿元", "113.8亿元", "0") != store.fact_key("b", "达113.8亿元", "113.8亿元", "0")


def test_fact_keys_survive_a_new_extractor_version(engine, database_url, article, monkeypatch):
    assert load(database_url, article) == 0
    before = rows(engine, "SELECT fact_key, value, unit FROM reporting.facts ORDER BY fact_key")
    monkeypatch.setattr("loaders.extract.EXTRACTOR_VERSION", "9.9.9")
    assert load(database_url, article) == 0
    assert rows(engine, "SELECT DISTINCT extractor_version AS v FROM review.facts") == [{"v": "9.9.9"}]
    assert rows(engine, "SELECT fact_key, value, unit FROM reporting.facts ORDER BY fact_key") == before
    assert len({r["fact_key"] for r in before}) == len(before)


def test_entity_keys_are_stable_and_shown_with_mentions(engine, database_url, article):
    load(database_url, article)
    keys = rows(engine, "SELECT DISTINCT entity_name, entity_key FROM reporting.entity_mentions"
                        " WHERE entity_name = '杭州青山湖科技城'")
    assert keys == [{"entity_name": "杭州青山湖科技城",
                     "entity_key": one(engine, "SELECT public.entity_key('platform', '青山湖科技城')")}]


# --- candidates --------------------------------------------------------------------------------------

def test_facts_under_the_threshold_are_candidates_until_confirmed(engine, database_url, article, monkeypatch):
    from loaders import extract as extract_module

    real = extract_module.extract

    def unsure(text, published_on, title=None):
        found = real(text, published_on, title)
        found.facts = [dataclasses.replace(f, confidence=0.3, reasons=("subject far away",))
                       if f.unit == "吨标煤" else f for f in found.facts]
        return found

    monkeypatch.setattr(extract_module, "extract", unsure)
    load(database_url, article)
    assert rows(engine, "SELECT count(*) AS n FROM reporting.facts WHERE unit = '吨标煤'") == [{"n": 0}]
    candidates = rows(engine, "SELECT value, confidence, reasons, review_status FROM reporting.fact_candidates"
                              " WHERE unit = '吨标煤'")
    assert candidates and all(c == {"value": c["value"], "confidence": Decimal("0.3"), "reasons": ["subject far away"],
                                    "review_status": "extracted"} for c in candidates)
    assert one(engine, "SELECT count(*) FROM public.fact_series fs JOIN public.facts f ON f.id = fs.fact_id"
                       " WHERE f.unit = '吨标煤'") == 0
    key = one(engine, "SELECT fact_key FROM reporting.fact_candidates WHERE value = 262735")
    assert run(database_url, "confirm", key, "--why", "read it") == 0
    assert rows(engine, "SELECT value, review_status, confidence FROM reporting.facts WHERE fact_key = :k", k=key) == [
        {"value": Decimal("262735"), "review_status": "confirmed", "confidence": Decimal("1")}]


# --- every kind of judgement, through reloads ----------------------------------------------------------

def judge_everything(engine, url: str) -> dict[str, str]:
    """One judgement of each kind on the seed; return the keys used."""
    keys = {
        "reject": fact_of(engine, "规模工业综合能耗", "吨标煤"),
        "confirm": fact_of(engine, "规上工业增加值首次破百亿", "亿元"),
        "set": fact_of(engine, "规上工业增加值首次破百亿", "%"),
    }
    assert run(url, "reject", keys["reject"], "--why", "an energy total, not the zone's", "--by", "alice") == 0
    assert run(url, "confirm", keys["confirm"], "--by", "alice") == 0
    assert run(url, "set", keys["set"], "value=32%", "--why", "typo in the article, see the bureau", "--by", "bob") == 0
    assert run(url, "add", SEED_KEY, "--quote", "万元增加值综合能耗仅为0.231吨标煤", "subject=杭州青山湖科技城",
               "metric=万元增加值综合能耗", "period=2021", "--by", "bob") == 0
    assert run(url, "date", SEED_KEY, "2022-04-15", "--why", "the print edition's date") == 0
    assert run(url, "source", SEED_KEY, "publisher=杭州日报") == 0
    assert run(url, "merge", "杭州华旺新材料科技股份有限公司", "杭叉集团", "--why", "test merge") == 0
    assert run(url, "rename", "杭州青山湖科技城", "青山湖科技城") == 0
    assert run(url, "alias", "青山湖科技城", "青山湖") == 0
    assert run(url, "platform", "青山湖科技城", "district=临安区", "kind=zone") == 0
    return keys


def test_each_kind_of_judgement_survives_reloads_and_a_new_extractor(engine, database_url, article, monkeypatch):
    assert load(database_url, article) == 0
    keys = judge_everything(engine, database_url)
    judged = state(engine)
    statuses = {r["fact_key"]: r["review_status"] for r in judged["facts"]}
    assert keys["reject"] not in statuses
    assert statuses[keys["confirm"]] == "confirmed" and statuses[keys["set"]] == "corrected"
    assert sorted(statuses.values()).count("added") == 1
    assert rows(engine, "SELECT value, unit FROM reporting.facts WHERE fact_key = :k", k=keys["set"]) == [
        {"value": Decimal("32"), "unit": "%"}]
    assert rows(engine, "SELECT review_status FROM review.facts WHERE fact_key = :k", k=keys["reject"]) == [
        {"review_status": "rejected"}]
    assert judged["sources"] == [{"source_key": SEED_KEY, "published_on": __import__("datetime").date(2022, 4, 15),
                                  "published_precision": "day", "published_basis": "review"}]
    assert "杭叉集团" not in {m["entity_name"] for m in judged["mentions"]}
    assert {"name": "青山湖科技城", "kind": "zone", "district": "临安区"} in judged["platforms"]
    assert rows(engine, "SELECT * FROM reporting.orphaned_judgements") == []

    with engine.begin() as conn:  # the same file read and stored again (what load --force does)
        review.reextract(conn, SEED_KEY)
    assert state(engine) == judged
    monkeypatch.setattr("loaders.extract.EXTRACTOR_VERSION", "9.9.9")
    assert load(database_url, article) == 0
    assert state(engine) == judged

    # The article changes: the rejected figure's sentence is gone, everything else still applies.
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("与此同时,规模工业综合能耗等价值262735吨标煤,仅增长7%。", ""), encoding="utf-8")
    assert load(database_url, article) == 0
    orphans = rows(engine, "SELECT action, fact_key, problem FROM reporting.orphaned_judgements")
    assert orphans == [{"action": "reject", "fact_key": keys["reject"],
                        "problem": "the fact is no longer extracted from the article (its quote or figure changed)"}]
    after = state(engine)
    assert {r["fact_key"]: r["review_status"] for r in after["facts"] if r["review_status"] != "extracted"} == {
        k: v for k, v in statuses.items() if v != "extracted"}
    assert after["sources"] == judged["sources"] and after["platforms"] == judged["platforms"]


def test_status_counts_orphaned_judgements(engine, database_url, article, capsys):
    load(database_url, article)
    run(database_url, "reject", fact_of(engine, "规模工业综合能耗", "吨标煤"), "--why", "x")
    article.write_text(article.read_text(encoding="utf-8").replace("262735吨标煤", "262736吨标煤"), encoding="utf-8")
    load(database_url, article)
    capsys.readouterr()
    assert cli.main(["status", "--database-url", database_url]) == 0
    assert "judgements: 1 standing, 1 orphaned" in capsys.readouterr().out


def test_undo_puts_back_what_the_extractor_said(engine, database_url, article):
    load(database_url, article)
    before = state(engine)
    key = fact_of(engine, "规上工业增加值首次破百亿", "%")
    run(database_url, "set", key, "value=32%", "period=2020")
    run(database_url, "date", SEED_KEY, "2023-01-02")
    assert state(engine) != before
    for n in (2, 1):
        assert run(database_url, "undo", str(n)) == 0
    assert state(engine) == before


@pytest.mark.parametrize("args, message", [
    (["reject", "0" * 32, "--why", "x"], "no fact with fact_key 00000000000000000000000000000000"),
    (["set", "{fact}", "value=很多"], "value '很多' does not parse as a number with a unit"),
    (["set", "{fact}", "period=some day"], "period 'some day' does not parse"),
    (["set", "{fact}", "colour=red"], "unknown field 'colour'"),
    (["set", "{fact}", "subject=没有这家公司"], "no platform, enterprise, project or region named '没有这家公司'"),
    (["date", "nope.txt", "2023-09-12"], "no article with source_key nope.txt"),
    (["date", SEED_KEY, "2023-13-01"], "date '2023-13-01' does not parse"),
    (["merge", "杭叉集团", "杭叉集团"], "are already one enterprise"),
    (["add", SEED_KEY, "--quote", "文章里没有这句话", "subject=杭叉集团", "metric=x"], "is not in 000_"),
    (["undo", "999"], "no judgement 999"),
])
def test_bad_judgements_get_a_one_line_error(engine, database_url, article, capsys, args, message):
    load(database_url, article)
    fact = fact_of(engine, "规上工业增加值首次破百亿", "%")
    capsys.readouterr()
    assert run(database_url, *[a.replace("{fact}", fact) for a in args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_contradicting_judgement_is_refused(engine, database_url, article, capsys):
    load(database_url, article)
    key = fact_of(engine, "规上工业增加值首次破百亿", "%")
    assert run(database_url, "set", key, "value=32%") == 0
    assert run(database_url, "set", key, "value=33%") == 2
    assert "contradicts or repeats judgement 1 (set by" in capsys.readouterr().err
    assert run(database_url, "reject", key, "--why", "x") == 2
    assert run(database_url, "undo", "1") == 0
    assert run(database_url, "reject", key, "--why", "x") == 0


# --- roles -------------------------------------------------------------------------------------------

def as_role(postgresql: psycopg.Connection, role: str) -> psycopg.Connection:
    postgresql.rollback()
    postgresql.autocommit = True
    postgresql.execute(f"SET ROLE {role}")
    return postgresql


def test_the_reviewer_writes_judgements_and_nothing_else(postgresql, engine, database_url, article):
    load(database_url, article)
    key = fact_of(engine, "规上工业增加值首次破百亿", "%")
    conn = as_role(postgresql, "parkdb_reviewer")
    conn.execute("INSERT INTO review.judgements (action, fact_key, why) VALUES ('reject', %s, 'from psql')", [key])
    assert conn.execute("SELECT review_status, made_by FROM review.facts f, review.judgements j"
                        " WHERE f.fact_key = %s AND j.fact_key = f.fact_key", [key]).fetchall() == [
        ("rejected", "parkdb_reviewer")]
    assert conn.execute("SELECT count(*) FROM reporting.facts WHERE fact_key = %s", [key]).fetchone() == (0,)
    conn.execute("UPDATE review.judgements SET undone_at = now() WHERE fact_key = %s", [key])
    with pytest.raises(errors.RaiseException, match="no fact with fact_key"):
        conn.execute("INSERT INTO review.judgements (action, fact_key) VALUES ('confirm', 'nope')")
    for statement in ["UPDATE public.facts SET value = 1", "DELETE FROM review.judgements",
                      "UPDATE review.judgements SET why = 'changed'", "INSERT INTO public.regions (name) VALUES ('x')",
                      "SELECT review.apply_entity_judgements()", "CREATE TABLE review.x (i int)"]:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement)


def test_the_reader_cannot_write_judgements(postgresql, engine, database_url, article):
    load(database_url, article)
    conn = as_role(postgresql, "parkdb_reader")
    conn.execute("SELECT * FROM reporting.orphaned_judgements").fetchall()
    for statement in ["INSERT INTO review.judgements (action, source_key) VALUES ('source_set', 'x')",
                      "SELECT * FROM review.judgements"]:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement)


# --- export, import, gold ------------------------------------------------------------------------------

def test_exported_judgements_give_a_fresh_database_the_same_views(engine, database_url, article, tmp_path, monkeypatch):
    load(database_url, article)
    judge_everything(engine, database_url)
    run(database_url, "undo", "6")
    judged = state(engine)
    exported = tmp_path / "judgements.jsonl"
    assert run(database_url, "export", str(exported)) == 0
    lines = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    assert [x["action"] for x in lines][:3] == ["reject", "confirm", "set"] and lines[5]["undone_at"]

    with engine.begin() as conn:  # a fresh database: nothing of the first one left
        conn.execute(sa.text("TRUNCATE review.judgements, public.sources, public.platforms, public.enterprises,"
                             " public.projects, public.institutions, public.regions CASCADE"))
    load(database_url, article)
    assert run(database_url, "import", str(exported)) == 0
    assert state(engine) == judged
    assert run(database_url, "import", str(exported)) == 0  # known ones are not recorded twice
    assert one(engine, "SELECT count(*) FROM review.judgements") == len(lines)


def test_gold_writes_the_corrected_article(engine, database_url, article, capsys):
    load(database_url, article)
    key = fact_of(engine, "规上工业增加值首次破百亿", "%")
    run(database_url, "set", key, "value=32%")
    run(database_url, "date", SEED_KEY, "2022-04-15")
    capsys.readouterr()
    assert run(database_url, "gold", SEED_KEY) == 0
    gold = json.loads(capsys.readouterr().out)
    assert gold["article"] == SEED_KEY and gold["published"] == "2022-04-15"
    assert {"subject": "杭州青山湖科技城", "subject_kind": "platform", "metric": "规上工业增加值同比增长", "value": 32,
            "unit": "%", "period": "2021", "qualifier": None, "optional": False} in [
        {k: v for k, v in f.items() if k != "quote"} for f in gold["facts"]]


# --- sql/review/ is what the migrations create -----------------------------------------------------------

def review_objects(conn) -> dict:
    """Definitions of schema review's functions, views and triggers, and public.fact_is_shown."""
    functions = conn.execute(sa.text(
        "SELECT p.proname, pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc'), p.proacl::text FROM pg_proc p"
        " WHERE p.pronamespace = 'review'::regnamespace OR p.proname = 'fact_is_shown'")).all()
    views = conn.execute(sa.text(
        "SELECT c.relname, pg_get_viewdef(c.oid, true), obj_description(c.oid, 'pg_class') FROM pg_class c"
        " WHERE c.relnamespace = 'review'::regnamespace AND c.relkind = 'v'")).all()
    triggers = conn.execute(sa.text(
        "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'review.judgements'::regclass")).all()
    return {"functions": sorted(functions), "views": sorted(views), "triggers": sorted(triggers)}


@pytest.mark.parametrize("path", sorted((ROOT / "sql" / "review").glob("*.sql")), ids=lambda p: p.stem)
def test_review_sql_file_matches_what_the_migrations_create(engine, path):
    with engine.begin() as conn:
        before = review_objects(conn)
        conn.connection.driver_connection.execute(path.read_text())  # no parameters: format()'s %I stays
        after = review_objects(conn)
    assert before["functions"] and before["triggers"] and before["views"]
    assert after == before


def test_a_change_that_no_longer_fits_is_listed_not_dropped(engine, database_url, article, monkeypatch):
    from loaders import extract as extract_module

    load(database_url, article)
    key = fact_of(engine, "规上工业增加值首次破百亿", "%")
    assert run(database_url, "set", key, "period_start=2021-07-01") == 0
    real = extract_module.extract

    def undated(text, published_on, title=None):  # a new extractor that no longer dates the figure
        found = real(text, published_on, title)
        found.facts = [dataclasses.replace(f, period_kind="unknown", period_start=None, period_end=None)
                       if f.unit == "%" and "首次破百亿" in f.quote else f for f in found.facts]
        return found

    monkeypatch.setattr(extract_module, "extract", undated)
    monkeypatch.setattr("loaders.extract.EXTRACTOR_VERSION", "9.9.9")
    assert load(database_url, article) == 0
    assert rows(engine, "SELECT period_kind, review_status FROM review.facts WHERE fact_key = :k", k=key) == [
        {"period_kind": "unknown", "review_status": "extracted"}]
    assert rows(engine, "SELECT judgement_id, problem FROM reporting.orphaned_judgements") == [
        {"judgement_id": 1, "problem": "the change no longer fits the fact as extracted (its subject or metric is"
                                       " gone, or its period kind changed)"}]
