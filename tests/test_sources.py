"""What a source is (CONTRACT.md "Sources"), metadata without re-extraction, and what `load` tells the operator."""
from __future__ import annotations

import contextlib
import io
import json
import re

import psycopg
import pytest

from loaders import cli
from test_load import ARTICLE, corpus, load, rows  # noqa: F401  (corpus: a fixture)

OTHER = ARTICLE.replace("示例高新区", "样板经开区").replace("120.5", "98.1")
MANIFEST = "file,url,publisher,published_on\n"


def run(database_url, *args):
    """`parkdb load` in-process as text: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["load", *map(str, args), "--database-url", database_url])
    return code, out.getvalue(), err.getvalue()


def test_same_name_in_two_folders_is_two_articles_with_stable_keys(database_url, engine, tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "1.txt").write_text(OTHER, encoding="utf-8")
    assert load(database_url, tmp_path / "a")[1]["files_stored"] == 1
    assert load(database_url, tmp_path / "b")[1]["files_stored"] == 1
    keys = rows(engine, "SELECT source_key, identity FROM sources ORDER BY id")
    assert keys == [("1.txt", str(tmp_path / "a" / "1.txt")), ("b/1.txt", str(tmp_path / "b" / "1.txt"))]
    code, summary = load(database_url, tmp_path / "b")
    assert (code, summary["files_unchanged"]) == (0, 1)
    assert rows(engine, "SELECT source_key FROM sources ORDER BY id") == [("1.txt",), ("b/1.txt",)]


def test_changed_file_keeps_its_key_and_is_one_source(database_url, engine, corpus):
    (corpus / "x.txt").write_text(ARTICLE, encoding="utf-8")
    load(database_url, corpus)
    (corpus / "x.txt").write_text(OTHER, encoding="utf-8")
    assert load(database_url, corpus)[1]["files_replaced"] == 1
    assert rows(engine, "SELECT source_key, count(*) OVER () FROM sources") == [("x.txt", 1)]


def test_a_page_with_the_same_canonical_url_is_a_new_version(database_url, engine, corpus):
    page = ('<html><head><title>示例</title><link rel="canonical" href="https://example.com/news/1.html">'
            '</head><body><article><p>{}</p></article></body></html>')
    (corpus / "first.html").write_text(page.format(ARTICLE), encoding="utf-8")
    load(database_url, corpus)
    (corpus / "first.html").unlink()
    (corpus / "again.html").write_text(page.format(OTHER), encoding="utf-8")
    code, summary = load(database_url, corpus)
    assert (code, summary["files_replaced"], summary["files_stored"]) == (0, 1, 0)
    assert rows(engine, "SELECT source_key, identity FROM sources") == [
        ("first.html", "https://example.com/news/1.html")]


def test_an_edited_manifest_row_updates_the_source_without_re_extracting(database_url, engine, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST + "a.txt,https://example.com/a,示例日报,2022-05-20\n", encoding="utf-8")
    load(database_url, corpus)
    facts = rows(engine, "SELECT id FROM facts ORDER BY id")
    (corpus / "manifest.csv").write_text(MANIFEST + "a.txt,https://example.com/a2,样板报,2023-04\n", encoding="utf-8")
    code, summary = load(database_url, corpus)
    assert (code, summary["files_unchanged"], summary["metadata_updated"], summary["facts_written"]) == (0, 1, 1, 0)
    assert rows(engine, "SELECT published_on::text, published_precision, publisher, url, identity FROM sources") == [
        ("2023-04-01", "month", "样板报", "https://example.com/a2", "https://example.com/a2")]
    assert rows(engine, "SELECT id FROM facts ORDER BY id") == facts      # not re-extracted
    assert load(database_url, corpus)[1]["metadata_updated"] == 0


def test_a_new_date_re_dates_relative_periods(database_url, engine, corpus):
    periods = pytest.importorskip("loaders.extract.periods")
    if not hasattr(periods, "resolve_expr"):
        pytest.skip("needs resolve_expr")
    (corpus / "a.txt").write_text(ARTICLE.replace("2022年,", "去年,"), encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST + "a.txt,,,2023-03-01\n", encoding="utf-8")
    load(database_url, corpus)
    (corpus / "manifest.csv").write_text(MANIFEST + "a.txt,,,2024-03-01\n", encoding="utf-8")
    load(database_url, corpus)
    assert ("2023-01-01", "2023-12-31") in rows(
        engine, "SELECT period_start::text, period_end::text FROM facts WHERE period_expr IS NOT NULL")


def test_a_copy_keeps_the_first_paths_manifest_metadata(database_url, engine, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST + "a.txt,,示例日报,2022-05-20\n", encoding="utf-8")
    (corpus / "z").mkdir()
    (corpus / "z" / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "z" / "manifest.csv").write_text(MANIFEST + "copy.txt,,别的报,2020-01-01\n", encoding="utf-8")
    load(database_url, corpus)
    code, summary = load(database_url, corpus)
    assert (code, summary["files_unchanged"], summary["metadata_updated"]) == (0, 2, 0)
    assert rows(engine, "SELECT publisher, published_on::text FROM sources") == [("示例日报", "2022-05-20")]


def test_one_bad_manifest_line_is_rejected_alone_and_reported_once(database_url, engine, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text(OTHER, encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST + "a.txt,,示例日报,2022-05-20\nb.txt,,,20xx-99\n", encoding="utf-8")
    code, out, err = run(database_url, corpus)
    assert code == cli.EXIT_REJECTED
    assert re.search(r"warning: .*manifest\.csv: line 3: ", err) and "1 warning" in out
    assert rows(engine, "SELECT source_key, publisher FROM sources ORDER BY 1") == [("a.txt", "示例日报"), ("b.txt", None)]
    code, out, err = run(database_url, corpus)
    assert (code, "warning:" in err, "1 warning" in out) == (0, False, True)


def test_a_rejected_file_is_reported_once_until_its_bytes_change(database_url, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"")
    assert load(database_url, corpus)[0] == cli.EXIT_REJECTED
    code, summary = load(database_url, corpus)
    assert (code, summary["files_rejected"], summary["rejected_before"], summary["rejected"]) == (0, 1, 1, [])
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    assert load(database_url, corpus)[0] == cli.EXIT_REJECTED


def test_force_re_extracts_everything_given(database_url, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text(OTHER, encoding="utf-8")
    load(database_url, corpus)
    code, summary = load(database_url, corpus, extra=("--force",))
    assert (code, summary["files_replaced"], summary["files_unchanged"]) == (0, 2, 0)


def test_skipped_files_are_named_with_the_reason(database_url, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "report.pdf").write_bytes(b"%PDF-1.4")
    code, out, err = run(database_url, corpus)
    assert code == 0
    assert f"skipped {corpus / 'report.pdf'}: unsupported file type (.pdf); convert to .txt or .html" in err
    assert load(database_url, corpus)[1]["skipped"] == [
        {"path": str(corpus / "report.pdf"), "reason": "unsupported file type (.pdf); convert to .txt or .html"}]


@pytest.mark.parametrize("make, expected", [
    (lambda folder: None, ": it is empty"),
    (lambda folder: (folder / "notes.md").write_text("备注"), " (1 entry skipped)"),
])
def test_a_folder_with_nothing_to_load_is_a_warning(database_url, corpus, make, expected):
    make(corpus)
    code, out, err = run(database_url, corpus)
    assert (code, f"warning: nothing to load in {corpus}{expected}" in err, "1 warning" in out) == (0, True, True)


def test_log_lines_carry_a_timestamp_and_the_summary_counts_in_words(database_url, corpus):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    code, out, err = run(database_url, corpus)
    iso = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d "
    assert all(re.match(iso, line) for line in err.splitlines() + out.splitlines())
    assert re.search(iso + r"parkdb load: 2 files: 1 stored, .* 1 rejected, 0 skipped; \d+ facts, \d+ mentions", out)
    (corpus / "empty.txt").unlink()
    (corpus / "b.txt").write_text("示例园区动态\n\n示例园区今年新增企业一家。" * 3, encoding="utf-8")
    code, out, err = run(database_url, corpus / "b.txt")
    assert re.search(r"parkdb load: 1 file: 1 stored, .*; (0 facts|1 fact), ", out)


def test_progress_shows_n_of_total_and_the_file(monkeypatch):
    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(cli, "_stderr_console", lambda: Console(file=screen, force_terminal=True, width=100))
    files = [cli.ArticleFile(cli.Path(f"/x/{n}.txt"), cli.Path(f"/x/{n}.txt"), (f"{n}.txt",)) for n in "ab"]
    assert list(cli.progress_bar(True)(files)) == files
    assert "1 of 2: /x/a.txt" in screen.getvalue() and "2 of 2: /x/b.txt" in screen.getvalue()


def test_wait_names_who_holds_the_lock(database_url, postgresql, corpus):
    import subprocess
    import sys
    import time

    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    params = postgresql.info.get_parameters()
    with psycopg.connect(**params, autocommit=True, application_name="someone else") as other:
        other.execute("SELECT pg_advisory_lock(%s)", (cli.LOCK_KEY,))
        proc = subprocess.Popen([sys.executable, "-m", "loaders", "load", str(corpus), "--wait", "--quiet"],
                                env={**__import__("os").environ, "DATABASE_URL": database_url},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(6)
        other.execute("SELECT pg_advisory_unlock(%s)", (cli.LOCK_KEY,))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "waiting: the load lock is held by server session" in err and "(someone else) connected since" in err
