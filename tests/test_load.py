"""`parkdb load` end to end on real PostgreSQL: encodings, rejections, idempotence, replacement,
concurrency, failure isolation and publication dates."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from loaders import cli, store
from test_derived import drift

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

ARTICLE = ("示例高新区今年一季度成绩单\n\n记者 王小明\n\n"
           "2022年,示例高新区规上工业增加值达120.5亿元,同比增长12.3%。"
           "截至目前,示例高新区已累计培育国家高新技术企业210家。\n")
TRADITIONAL = ("示例科技城發展報告\n\n2022年,示例科技城規上工業增加值達88.6億元,同比增長9.1%。"
               "截至目前,示例科技城已有入駐企業320家。\n")
HTML = """<html><head><title>示例开发区:产业项目加速落地</title>
<meta name="date" content="2023-03-15"><script>var tracker = "不应出现的脚本";</script>
<style>.nav{color:red}</style></head><body>
<nav><a href="/">首页</a> <a href="/news">新闻中心</a> 导航栏文字</nav>
<article><h1>示例开发区:产业项目加速落地</h1>
<p>2022年,示例开发区固定资产投资总额达56.7亿元,同比增长18.2%。今年以来,开发区新签约项目23个,总投资超过150亿元。</p>
<p>开发区相关负责人表示,将继续优化营商环境,推动更多优质项目落地见效,为区域经济高质量发展注入新动能。</p>
</article><footer>版权所有 示例网 浙ICP备12345678号 页脚文字</footer></body></html>"""


def load(database_url, *paths, extra=()):
    """Run `parkdb load` in-process with --json; return (exit code, summary)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["load", *map(str, paths), "--database-url", database_url, "--json", *extra])
    return code, json.loads(out.getvalue().strip().splitlines()[-1])


def rows(engine, sql, **params):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def snapshot(engine):
    """Everything a reload must leave alone: ids and contents of the extracted rows."""
    return {t: rows(engine, f"SELECT * FROM {t} ORDER BY id") for t in
            ("sources", "source_paths", "platforms", "enterprises", "projects", "facts", "entity_mentions",
             "designations", "metrics", "platform_aliases")}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


# --- reading real-world files ---------------------------------------------------------------------

@pytest.mark.parametrize("name, payload", [
    ("utf8.txt", ARTICLE.encode("utf-8")),
    ("utf8-bom.txt", "\ufeff".encode("utf-8") + ARTICLE.encode("utf-8")),
    ("utf16.txt", ARTICLE.encode("utf-16")),
    ("gb18030.txt", ARTICLE.encode("gb18030")),
    ("big5.txt", TRADITIONAL.encode("big5")),
])
def test_each_encoding_is_stored_as_text(database_url, engine, corpus, name, payload):
    (corpus / name).write_bytes(payload)
    code, summary = load(database_url, corpus)
    assert (code, summary["files_stored"]) == (0, 1)
    [(text,)] = rows(engine, "SELECT text FROM sources")
    assert ("规上工业增加值达120.5亿元" in text) or ("規上工業增加值達88.6億元" in text)


def test_html_keeps_the_article_and_drops_scripts_nav_and_footer(database_url, engine, corpus):
    (corpus / "page.html").write_text(HTML, encoding="utf-8")
    assert load(database_url, corpus)[0] == 0
    [(title, text, media_type)] = rows(engine, "SELECT title, text, media_type FROM sources")
    assert title == "示例开发区:产业项目加速落地"
    assert "固定资产投资总额达56.7亿元" in text
    assert media_type == "text/html"
    assert not any(junk in text for junk in ("不应出现的脚本", "导航栏文字", "页脚文字", "color:red"))


def test_seeds_are_stored_with_titles_dates_and_bylines(database_url, engine):
    code, summary = load(database_url, SEEDS)
    assert (code, summary["files_stored"], summary["files_rejected"]) == (0, 5, 0)
    got = rows(engine, "SELECT source_key, published_on::text, published_basis, authors FROM sources ORDER BY 1")
    assert [(k, d, b) for k, d, b, _ in got] == [
        ("000_d31637c278a3ddae.txt", "2022-04-01", "manifest"),
        ("001_566e17749c99ed6d.txt", "2023-06-01", "manifest"),
        ("002_8ab3c409b172f4a7.txt", "2022-04-01", "manifest"),
        ("003_f116ed68645fab5e.txt", "2021-02-01", "manifest"),
        ("004_a58be657e1a5f8cd.txt", "2023-01-06", "manifest"),
    ]
    assert got[0][3] == ["姜晓涵", "周艳清"]
    titles = dict(rows(engine, "SELECT source_key, title FROM sources"))
    assert titles["004_a58be657e1a5f8cd.txt"] == "紫金港科技城创新制胜 培育新动能塑造新优势"


# --- rejections -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, payload, reason", [
    ("empty.txt", b"", "empty"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("english.txt", b"Quarterly figures for the park are not yet available.\n" * 3, "no Chinese"),
    ("huge.txt", ("示例" * 10).encode() * 40000, "over the"),
])
def test_bad_files_are_rejected_with_reason_and_the_rest_stored(database_url, engine, corpus, name, payload,
                                                                  reason):
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / name).write_bytes(payload)
    code, summary = load(database_url, corpus, extra=("--max-mb", "0.5"))
    assert (code, summary["files_stored"], summary["files_rejected"]) == (cli.EXIT_REJECTED, 1, 1)
    [(path, stored_reason)] = rows(engine, "SELECT path, reason FROM rejected_files")
    assert path.endswith(name) and reason in stored_reason
    assert rows(engine, "SELECT source_key FROM sources") == [("good.txt",)]


def test_other_files_are_skipped_and_counted(database_url, corpus):
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "notes.md").write_text("# 备注", encoding="utf-8")
    code, summary = load(database_url, corpus)
    assert (code, summary["files_seen"], summary["files_skipped"]) == (0, 1, 1)


# --- idempotence and replacement ---------------------------------------------------------------------

def test_reload_changes_nothing(database_url, engine):
    load(database_url, SEEDS)
    before = snapshot(engine)
    code, summary = load(database_url, SEEDS)
    assert (code, summary["files_unchanged"], summary["files_stored"], summary["files_replaced"]) == (0, 5, 0, 0)
    assert snapshot(engine) == before
    assert rows(engine, "SELECT status, files_unchanged FROM load_runs ORDER BY id") == [
        ("succeeded", 0), ("succeeded", 5)]


def test_changed_file_replaces_its_facts(database_url, engine, corpus):
    article = corpus / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    load(database_url, corpus)
    article.write_text(ARTICLE.replace("120.5", "130.5"), encoding="utf-8")
    code, summary = load(database_url, corpus)
    assert (code, summary["files_replaced"]) == (0, 1)
    values = [v for (v,) in rows(engine, "SELECT value FROM reporting.facts WHERE unit = '亿元'")]
    assert [str(v) for v in values] == ["130.5"]
    assert rows(engine, "SELECT count(*) FROM sources") == [(1,)]
    assert drift(engine) == []     # the replaced facts left fact_series and entity_articles


def test_same_bytes_under_another_path_are_one_source(database_url, engine, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    code, summary = load(database_url, corpus)
    assert (summary["files_stored"], summary["files_unchanged"]) == (1, 1)
    assert rows(engine, "SELECT source_key FROM sources") == [("a.txt",)]
    assert sorted(k for (k,) in rows(engine, "SELECT source_key FROM source_paths")) == ["a.txt", "sub/copy.txt"]


def test_new_extractor_version_re_extracts(database_url, engine, corpus, monkeypatch):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    load(database_url, corpus)
    monkeypatch.setattr("loaders.extract.EXTRACTOR_VERSION", "999.0.0")
    code, summary = load(database_url, corpus)
    assert summary["files_replaced"] == 1
    assert set(rows(engine, "SELECT extractor_version FROM facts")) == {("999.0.0",)}


# --- failures and concurrency --------------------------------------------------------------------------

def test_failure_mid_article_leaves_no_trace_and_the_others_load(database_url, engine, corpus, monkeypatch):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLE.replace("示例高新区", "样板经开区"), encoding="utf-8")
    real = store.insert_mentions

    def explode_on_b(conn, source_id, *args, **kwargs):
        written = real(conn, source_id, *args, **kwargs)  # facts and mentions are in, then the lights go out
        if conn.execute(sa.text("SELECT source_key FROM sources WHERE id = :i"), {"i": source_id}).scalar() == "b.txt":
            raise ConnectionError("injected failure")
        return written

    monkeypatch.setattr(store, "insert_mentions", explode_on_b)
    code, summary = load(database_url, corpus)
    assert (code, summary["files_stored"], summary["files_rejected"]) == (cli.EXIT_REJECTED, 1, 1)
    assert rows(engine, "SELECT source_key FROM sources") == [("a.txt",)]
    assert rows(engine, "SELECT count(*) FROM facts f JOIN sources s ON s.id = f.source_id"
                        " WHERE s.source_key = 'b.txt'") == [(0,)]
    assert "injected failure" in rows(engine, "SELECT reason FROM rejected_files")[0][0]


def test_a_held_lock_makes_load_exit_3(database_url, postgresql):
    with psycopg.connect(**{k: v for k, v in postgresql.info.get_parameters().items()}) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (cli.LOCK_KEY,))
        code = cli.main(["load", str(SEEDS), "--database-url", database_url, "--quiet"])
    assert code == cli.EXIT_LOCKED


def test_two_concurrent_loads_store_once(database_url, engine):
    env = {**os.environ, "DATABASE_URL": database_url}
    cmd = [sys.executable, "-m", "loaders", "load", str(SEEDS), "--json", "--wait"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    results = [json.loads(p.communicate(timeout=300)[0].strip().splitlines()[-1]) for p in procs]
    assert sorted((r["files_stored"], r["files_unchanged"]) for r in results) == [(0, 5), (5, 0)]
    assert rows(engine, "SELECT count(*) FROM sources") == [(5,)]


# --- publication dates ---------------------------------------------------------------------------------

def test_publication_date_basis(database_url, engine, corpus):
    (corpus / "printed.txt").write_text("示例园区发布年报\n\n2023-01-06\n\n" + ARTICLE, encoding="utf-8")
    (corpus / "inferred.txt").write_text(ARTICLE.replace("今年一季度成绩单", "发展回顾") +
                                         "今年1~3月,示例高新区规上工业增加值35.2亿元。\n", encoding="utf-8")
    (corpus / "listed.txt").write_text(ARTICLE.replace("示例高新区", "示范产业园"), encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,url,publisher,published_on\n"
                                         "listed.txt,https://example.com/a,示例日报,2022-05-20\n", encoding="utf-8")
    assert load(database_url, corpus)[0] == 0
    got = dict((k, (d, p, b)) for k, d, p, b in rows(
        engine, "SELECT source_key, published_on::text, published_precision, published_basis FROM sources"))
    assert got["printed.txt"] == ("2023-01-06", "day", "explicit")
    assert got["listed.txt"] == ("2022-05-20", "day", "manifest")
    assert got["inferred.txt"][2] == "inferred" and got["inferred.txt"][0].startswith("2023-")
    assert rows(engine, "SELECT url, publisher FROM sources WHERE source_key = 'listed.txt'") == [
        ("https://example.com/a", "示例日报")]


def test_loads_that_bypass_the_lock_still_store_each_article_once(engine, monkeypatch):
    """Two loads racing without the advisory lock: per-article locks and unique keys keep rows single."""
    import threading

    monkeypatch.setattr(cli, "acquire_lock", lambda conn, wait, on_wait=None: True)
    monkeypatch.setattr(cli, "check_lock", lambda engine, conn: None)
    found = cli.discover([str(SEEDS)])
    reports = []

    def run():
        reports.append(cli.run_load(engine, found, [str(SEEDS)], cli.LoadOptions(max_bytes=2**20),
                                    warn=print, progress=lambda items: items))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.counts["files_rejected"] for r in reports) == [0, 0]
    assert sum(r.counts["files_stored"] + r.counts["files_replaced"] for r in reports) >= 5
    assert rows(engine, "SELECT count(*) FROM sources") == [(5,)]
    assert rows(engine, "SELECT count(*) FROM (SELECT source_id, fact_key FROM facts GROUP BY 1, 2"
                        " HAVING count(*) > 1) d") == [(0,)]
    assert drift(engine) == []     # the derived tables kept up with both writers


# --- parallel reading and extraction (--jobs) ---------------------------------------------------------

HELDOUT = ROOT / "tests" / "heldout" / "src"


def contract_views(engine):
    """The two contract views, every column, in a fixed order (of every column: rows may tie on many)."""
    return {view: sorted(rows(engine, f"SELECT * FROM reporting.{view}"), key=repr)
            for view in ("facts", "entity_mentions")}


def test_jobs_give_the_same_contract_views_as_one_process(database_url, engine, tmp_path):
    corpus = tmp_path / "both"
    shutil.copytree(SEEDS, corpus / "seeds")
    shutil.copytree(HELDOUT, corpus / "heldout")
    code, one = load(database_url, corpus, extra=("--jobs", "1"))
    assert code in (0, 1) and one["files_stored"] >= 50
    expected = contract_views(engine)
    assert len(expected["facts"]) > 500 and len(expected["entity_mentions"]) > 1000
    for jobs in ("2", "3"):
        with engine.begin() as conn:
            conn.execute(sa.text("TRUNCATE public.sources, public.platforms, public.enterprises, public.projects,"
                                 " public.institutions, public.regions, public.load_runs CASCADE"))
        code, many = load(database_url, corpus, extra=("--jobs", jobs))
        assert {k: v for k, v in many.items() if k not in ("run_id", "seconds")} == \
            {k: v for k, v in one.items() if k not in ("run_id", "seconds")}
        assert contract_views(engine) == expected
    code, again = load(database_url, corpus, extra=("--jobs", "2"))     # and the reload settles every file
    assert (code, again["files_unchanged"], again["files_stored"]) == (0, one["files_stored"], 0)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reading_runs_under_the_time_budget(database_url, engine, corpus, monkeypatch, jobs):
    """Reading (decoding, trafilatura, cleaning) is in the worker too: a page that never finishes reading is rejected."""
    import time

    import loaders.read

    real = loaders.read.read_article

    def slow_on_marker(path, data, **kwargs):   # the forked workers inherit this
        if "永不读完".encode() in data:
            time.sleep(600)
        return real(path, data, **kwargs)

    monkeypatch.setattr(loaders.read, "read_article", slow_on_marker)
    for name, place in (("a.txt", "示例高新区"), ("b.txt", "永不读完园区"), ("c.txt", "样板经开区"), ("d.txt", "示范产业园")):
        (corpus / name).write_text(ARTICLE.replace("示例高新区", place), encoding="utf-8")
    started = time.monotonic()
    code, got = load(database_url, corpus, extra=("--time-budget", "2", "--jobs", jobs))
    assert time.monotonic() - started < 60
    assert (code, got["files_stored"], got["rejected"]) == (cli.EXIT_REJECTED, 3, [
        {"path": str(corpus / "b.txt"), "reason": "reading and extraction ran over the time budget of 2 s (--time-budget)"}])
    assert rows(engine, "SELECT source_key FROM sources ORDER BY 1") == [("a.txt",), ("c.txt",), ("d.txt",)]


def test_jobs_must_be_a_positive_number(database_url, capsys):
    assert cli.main(["load", str(SEEDS), "--database-url", database_url, "--jobs", "0"]) == cli.EXIT_USAGE
    assert capsys.readouterr().err.strip() == "parkdb load: --jobs 0 must be 1 or more worker processes"
