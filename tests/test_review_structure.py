"""Judgements of what is what (issue 12): an article that reprints another, an entity split in
two, an entity of the wrong kind. Each applied at once, shown in the reporting views, surviving
a reload and a new extractor version, undoable, refused with one line when it cannot stand."""
from __future__ import annotations

import dataclasses
import shutil

import pytest

from test_review import SEED, SEED_KEY, load, one, rows, run, state

COPY_KEY = "copy.txt"


@pytest.fixture
def article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED_KEY)
    shutil.copy(SEED.parent / "manifest.csv", folder / "manifest.csv")
    return folder / SEED_KEY


@pytest.fixture
def reprinted(article):
    """The seed and a reprint of it by another outlet: the same story, one figure changed on the way."""
    text = article.read_text(encoding="utf-8")
    assert "113.8亿元" in text
    (article.parent / COPY_KEY).write_text("转载自浙江新闻客户端\n" + text.replace("113.8亿元", "118.3亿元"),
                                           encoding="utf-8")
    return article.parent


def new_extractor(monkeypatch):
    monkeypatch.setattr("loaders.extract.EXTRACTOR_VERSION", "9.9.9")


def story_state(engine) -> dict:
    return {
        "series": rows(engine, "SELECT subject_name, metric, period_end, value, source_count FROM reporting.metric_series"
                               " ORDER BY 1, 2, 3, 4"),
        "conflicts": rows(engine, "SELECT subject_name, metric, source_count, story_count, summary"
                                  " FROM reporting.fact_conflicts ORDER BY 1, 2"),
        "sources": rows(engine, "SELECT source_key, reprint_of FROM reporting.sources ORDER BY 1"),
    }


# --- reprint ---------------------------------------------------------------------------------------

def test_a_reprint_counts_once_survives_reloads_and_undoes(engine, database_url, reprinted, monkeypatch):
    assert load(database_url, reprinted) == 0
    before = story_state(engine)
    assert {r["source_count"] for r in before["series"]} == {2}  # every figure told twice
    assert before["conflicts"] == [{"subject_name": "杭州青山湖科技城", "metric": "规上工业增加值", "source_count": 2,
                                    "story_count": 2,
                                    "summary": f">100亿元 [{SEED_KEY}, {COPY_KEY}]; 113.8亿元 [{SEED_KEY}]; 118.3亿元 [{COPY_KEY}]"}]

    assert run(database_url, "reprint", COPY_KEY, SEED_KEY, "--why", "the outlet's reprint") == 0
    judged = story_state(engine)
    assert {r["source_count"] for r in judged["series"]} == {1}
    assert judged["conflicts"] == [dict(before["conflicts"][0], story_count=1)]  # still two figures: one story
    assert judged["sources"] == [{"source_key": SEED_KEY, "reprint_of": None},
                                 {"source_key": COPY_KEY, "reprint_of": SEED_KEY}]

    new_extractor(monkeypatch)  # both articles re-extracted
    assert load(database_url, reprinted) == 0
    assert story_state(engine) == judged
    assert rows(engine, "SELECT * FROM reporting.orphaned_judgements") == []

    assert run(database_url, "undo", "1") == 0
    assert story_state(engine) == before


def test_a_reprint_whose_original_goes_is_orphaned_and_comes_back_with_it(engine, database_url, reprinted):
    load(database_url, reprinted)
    run(database_url, "reprint", COPY_KEY, SEED_KEY)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM public.sources WHERE source_key = %s", (SEED_KEY,))
    assert rows(engine, "SELECT judgement_id, problem FROM reporting.orphaned_judgements") == [
        {"judgement_id": 1, "problem": "the article it reprints is no longer stored"}]
    assert one(engine, "SELECT reprint_of FROM reporting.sources WHERE source_key = :k", k=COPY_KEY) is None
    assert load(database_url, reprinted) == 0  # the original is stored again, under a new id
    assert one(engine, "SELECT reprint_of FROM reporting.sources WHERE source_key = :k", k=COPY_KEY) == SEED_KEY
    assert rows(engine, "SELECT * FROM reporting.orphaned_judgements") == []


@pytest.mark.parametrize("args, message", [
    (["reprint", SEED_KEY, SEED_KEY], "an article is not a reprint of itself"),
    (["reprint", COPY_KEY, "nope.txt"], "no article with source_key nope.txt"),
    (["reprint", SEED_KEY, COPY_KEY], f"{SEED_KEY} is the original that {COPY_KEY} reprints (judgement 1)"),
    (["reprint", COPY_KEY, SEED_KEY], "this reprint contradicts or repeats judgement 1"),
])
def test_a_reprint_that_cannot_stand_is_refused_in_one_line(engine, database_url, reprinted, capsys, args, message):
    load(database_url, reprinted)
    assert run(database_url, "reprint", COPY_KEY, SEED_KEY) == 0
    capsys.readouterr()
    assert run(database_url, *args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err


# --- split -----------------------------------------------------------------------------------------

def test_a_split_undoes_a_merge_for_its_names_and_survives_reloads(engine, database_url, article, monkeypatch):
    load(database_url, article)
    before = state(engine)
    forklift = one(engine, "SELECT entity_key FROM reporting.entity_mentions WHERE entity_name = '杭叉集团' LIMIT 1")
    assert run(database_url, "merge", "杭州华旺新材料科技股份有限公司", "杭叉集团") == 0
    assert "杭叉集团" not in {m["entity_name"] for m in state(engine)["mentions"]}

    assert run(database_url, "split", "杭州华旺新材料科技股份有限公司", "杭叉集团", "杭叉", "--why", "two companies") == 0
    split = state(engine)
    assert split == before  # mentions, facts and their subjects as before the merge
    assert one(engine, "SELECT DISTINCT entity_key FROM reporting.entity_mentions WHERE entity_name = '杭叉集团'") == forklift
    assert rows(engine, "SELECT enterprise_name, aliases, fact_count FROM reporting.enterprises"
                        " WHERE enterprise_name IN ('杭叉集团', '杭州华旺新材料科技股份有限公司') ORDER BY 1") == [
        {"enterprise_name": "杭叉集团", "aliases": ["杭叉"], "fact_count": 2},
        {"enterprise_name": "杭州华旺新材料科技股份有限公司", "aliases": ["华旺科技"], "fact_count": 1}]

    new_extractor(monkeypatch)
    assert load(database_url, article) == 0
    assert state(engine) == split
    assert rows(engine, "SELECT * FROM reporting.orphaned_judgements") == []

    assert run(database_url, "undo", "2") == 0  # the split: merged again
    assert "杭叉集团" not in {m["entity_name"] for m in state(engine)["mentions"]}


def test_a_split_of_what_the_extractor_merged_survives_re_extraction(engine, database_url, article, monkeypatch):
    load(database_url, article)
    assert run(database_url, "split", "杭叉集团", "杭叉", "--why", "杭叉 alone is the listed company") == 0
    split = state(engine)
    assert rows(engine, "SELECT entity_name, surface, count(*) AS n FROM reporting.entity_mentions"
                        " WHERE entity_kind = 'enterprise' AND surface LIKE '杭叉%' GROUP BY 1, 2 ORDER BY 1, 2") == [
        {"entity_name": "杭叉", "surface": "杭叉", "n": 2}, {"entity_name": "杭叉集团", "surface": "杭叉集团", "n": 2}]
    # The fact whose quote names 杭叉 alone goes with it; the one naming 杭叉集团 stays.
    assert rows(engine, "SELECT subject_name, quote FROM reporting.facts WHERE subject_name LIKE '杭叉%'"
                        " ORDER BY 1") == [
        {"subject_name": "杭叉", "quote": "杭叉实现了在一线工人零增长的基础上,将产能从4万台提升至35万台"},
        {"subject_name": "杭叉集团", "quote": "杭叉集团工业总产值超过200亿元"}]

    # The extractor still says 杭叉 is 杭叉集团: the loader gives its mentions to 杭叉集团, the split moves them again.
    new_extractor(monkeypatch)
    assert load(database_url, article) == 0
    assert state(engine) == split


@pytest.mark.parametrize("args, message", [
    (["split", "杭叉集团", "杭叉集团"], "杭叉集团 is the canonical name of the enterprise: rename it first"),
    (["split", "杭叉集团", "华旺科技"], "not every name of 华旺科技 is an alias of 杭叉集团"),
    (["split", "杭叉集团", "杭叉", "--name", "叉车"], "the new entity's name 叉车 is not one of the names split off"),
])
def test_a_split_that_cannot_stand_is_refused_in_one_line(engine, database_url, article, capsys, args, message):
    load(database_url, article)
    capsys.readouterr()
    assert run(database_url, *args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err


# --- kind ------------------------------------------------------------------------------------------

def test_a_kind_change_moves_everything_survives_reloads_and_undoes(engine, database_url, article, monkeypatch):
    load(database_url, article)
    before = state(engine)
    before_platforms = rows(engine, "SELECT platform_name, platform_kind, parent_name FROM reporting.platforms ORDER BY 1")
    key = one(engine, "SELECT entity_key FROM reporting.entity_mentions WHERE entity_name = '粤港澳大湾区产业加速器' LIMIT 1")

    assert run(database_url, "kind", "粤港澳大湾区产业加速器", "enterprise", "--why", "a company's brand") == 0
    judged = state(engine)
    assert {(m["entity_kind"], m["entity_key"]) for m in judged["mentions"]
            if m["entity_name"] == "粤港澳大湾区产业加速器"} == {("enterprise", key)}
    assert [(f["subject_kind"], f["metric"]) for f in judged["facts"] if f["subject_name"] == "粤港澳大湾区产业加速器"] == [
        ("enterprise", "入驻企业数")]
    assert "粤港澳大湾区产业加速器" not in {p["name"] for p in judged["platforms"]}
    assert rows(engine, "SELECT enterprise_name, platform_names, fact_count FROM reporting.enterprises"
                        " WHERE enterprise_name = '粤港澳大湾区产业加速器'") == [
        {"enterprise_name": "粤港澳大湾区产业加速器", "platform_names": [before_parent(before_platforms)],
         "fact_count": 1}]

    new_extractor(monkeypatch)  # the extractor says platform again: the loader makes one, the judgement moves it
    assert load(database_url, article) == 0
    assert state(engine) == judged
    assert rows(engine, "SELECT * FROM reporting.orphaned_judgements") == []

    assert run(database_url, "undo", "1") == 0
    assert state(engine) == before
    assert rows(engine, "SELECT platform_name, platform_kind, parent_name FROM reporting.platforms ORDER BY 1") == \
        before_platforms


def before_parent(platforms: list[dict]) -> str:
    return next(p["parent_name"] for p in platforms if p["platform_name"] == "粤港澳大湾区产业加速器")


def test_a_kind_change_joins_an_entity_of_that_kind_with_the_name_and_undoes(engine, database_url, article, monkeypatch):
    from loaders import extract as extract_module

    real = extract_module.extract

    def also_a_project(text, published_on, title=None):  # an extractor that also finds 古灵精 as a project
        found = real(text, published_on, title)
        company = next(e for e in found.entities if e.name == "古灵精")
        found.entities = [*found.entities, dataclasses.replace(company, kind="project", name="古灵精")]
        return found

    monkeypatch.setattr(extract_module, "extract", also_a_project)
    load(database_url, article)
    before = state(engine)
    assert one(engine, "SELECT count(*) FROM public.projects WHERE name = '古灵精'") == 1
    company = one(engine, "SELECT entity_key FROM public.enterprises WHERE name = '古灵精'")
    assert run(database_url, "kind", company, "project") == 0
    assert rows(engine, "SELECT entity_kind, entity_name FROM reporting.entity_mentions WHERE surface = '古灵精'") == [
        {"entity_kind": "project", "entity_name": "古灵精"}]
    assert one(engine, "SELECT count(*) FROM public.enterprises WHERE name = '古灵精'") == 0
    assert run(database_url, "undo", "1") == 0
    assert state(engine) == before


def test_an_entity_with_facts_is_no_institution(engine, database_url, article, capsys):
    load(database_url, article)
    capsys.readouterr()
    assert run(database_url, "kind", "杭叉集团", "institution") == 2
    err = capsys.readouterr().err.strip()
    assert "an institution is no fact subject, and 杭叉集团 is the subject of 2 facts" in err and "\n" not in err
    assert run(database_url, "kind", "古灵精", "institution") == 0
    assert rows(engine, "SELECT entity_kind, entity_name FROM reporting.entity_mentions WHERE surface = '古灵精'") == [
        {"entity_kind": "institution", "entity_name": "古灵精"}]


def test_the_new_judgements_move_through_export_and_import(engine, database_url, reprinted, tmp_path, postgresql):
    load(database_url, reprinted)
    run(database_url, "reprint", COPY_KEY, SEED_KEY)
    run(database_url, "split", "杭叉集团", "杭叉")
    run(database_url, "kind", "粤港澳大湾区产业加速器", "enterprise")
    judged = (state(engine), story_state(engine))
    assert run(database_url, "export", str(tmp_path / "j.jsonl")) == 0
    with engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE review.judgements")
        conn.exec_driver_sql("DELETE FROM public.sources")
        for table in ("platforms", "enterprises", "projects", "institutions"):
            conn.exec_driver_sql(f"DELETE FROM public.{table}")
    load(database_url, reprinted)
    assert (state(engine), story_state(engine)) != judged
    assert run(database_url, "import", str(tmp_path / "j.jsonl")) == 0
    assert (state(engine), story_state(engine)) == judged


def test_the_reviewer_records_them_from_psql_and_cannot_call_what_applies_them(postgresql, engine, database_url,
                                                                               reprinted):
    from psycopg import errors

    from test_review import as_role

    load(database_url, reprinted)
    accelerator = one(engine, "SELECT entity_key FROM public.platforms WHERE name = '粤港澳大湾区产业加速器'")
    forklift = one(engine, "SELECT entity_key FROM public.enterprises WHERE name = '杭叉集团'")
    conn = as_role(postgresql, "parkdb_reviewer")
    conn.execute("INSERT INTO review.judgements (action, source_key, changes) VALUES ('reprint', %s, %s)",
                 [COPY_KEY, '{"of": "%s"}' % SEED_KEY])
    conn.execute("""INSERT INTO review.judgements (action, entity_key, changes) VALUES ('split', %s, '{"names": ["杭叉"]}')""",
                 [forklift])
    conn.execute("""INSERT INTO review.judgements (action, entity_key, changes) VALUES ('retype', %s, '{"kind": "enterprise"}')""",
                 [accelerator])
    assert conn.execute("SELECT action, entity_kind, made_by FROM review.judgements ORDER BY id").fetchall() == [
        ("reprint", None, "parkdb_reviewer"), ("split", "enterprise", "parkdb_reviewer"),
        ("retype", "platform", "parkdb_reviewer")]
    assert conn.execute("SELECT source_key, reprint_of FROM reporting.sources WHERE reprint_of IS NOT NULL").fetchall() == [
        (COPY_KEY, SEED_KEY)]
    assert conn.execute("SELECT DISTINCT entity_kind FROM reporting.entity_mentions WHERE entity_key = %s",
                        [accelerator]).fetchall() == [("enterprise",)]
    assert conn.execute("SELECT count(*) FROM reporting.entity_mentions WHERE entity_name = '杭叉'").fetchone() == (4,)
    conn.execute("UPDATE review.judgements SET undone_at = now() WHERE action = 'reprint'")
    assert conn.execute("SELECT count(*) FROM reporting.sources WHERE reprint_of IS NOT NULL").fetchone() == (0,)
    with pytest.raises(errors.RaiseException, match="an entity's kind is platform, enterprise, project or institution"):
        conn.execute("""INSERT INTO review.judgements (action, entity_key, changes) VALUES ('retype', %s, '{"kind": "x"}')""",
                     [forklift])
    for statement in ["SELECT review.apply_reprints(1, 'x')", "SELECT review.move_entity('platform', 1, 'enterprise', 2)",
                      "UPDATE public.sources SET reprint_of_id = NULL"]:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement)
