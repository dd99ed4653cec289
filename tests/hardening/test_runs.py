"""Hardening 5, 6, 7 and 11 and Ctrl-C: a run that loses its lock or its server, is killed or
interrupted, or meets an article that would take for ever, ends cleanly and says so."""
from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from loaders import cli, db
from test_load import ARTICLE, corpus, load, rows  # noqa: F401  (corpus: a fixture)
from tests.hardening.common import many_articles, parkdb_load, start_load, summary


def run(database_url, *args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["load", *map(str, args), "--database-url", database_url, "--time-budget", "0"])
    return code, out.getvalue(), err.getvalue()


def after_files(monkeypatch, n, action):
    """Call action() once, after the n-th file has been loaded."""
    real, done = cli.load_one, []

    def load_one(*args, **kwargs):
        outcome = real(*args, **kwargs)
        done.append(outcome)
        if len(done) == n:
            action()
        return outcome

    monkeypatch.setattr(cli, "load_one", load_one)


def terminate(postgresql, where: str) -> None:
    with psycopg.connect(**postgresql.info.get_parameters(), autocommit=True) as admin:
        admin.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                      f" AND datname = current_database() AND {where}")


def test_losing_the_lock_stops_the_run_with_its_own_exit_code(database_url, engine, postgresql, tmp_path,
                                                               monkeypatch):
    many_articles(tmp_path / "in", 4)
    after_files(monkeypatch, 1, lambda: terminate(postgresql, "application_name LIKE 'parkdb load%'"))
    code, out, err = run(database_url, tmp_path / "in")
    assert code == cli.EXIT_LOCK_LOST
    assert err.splitlines()[-1].endswith("parkdb load: lost the load lock after 1 file (its database session was "
                                         "closed), so another load may have started: stopped; run again to continue")
    assert "Traceback" not in err
    assert rows(engine, "SELECT status, files_stored FROM load_runs") == [("failed", 1)]


def test_losing_the_server_is_exit_2_in_one_line_and_no_file_is_blamed(database_url, engine, postgresql,
                                                                       tmp_path, monkeypatch):
    many_articles(tmp_path / "in", 4)

    def server_gone():
        monkeypatch.setattr(cli, "reachable", lambda engine: False)
        terminate(postgresql, "true")

    after_files(monkeypatch, 2, server_gone)
    code, out, err = run(database_url, tmp_path / "in")
    assert (code, out, err.count("\n")) == (cli.EXIT_USAGE, "", 1)
    assert err.endswith(" parkdb load: database connection lost after 2 files; run again to continue\n")
    assert rows(engine, "SELECT count(*) FROM rejected_files") == [(0,)]
    assert rows(engine, "SELECT status, files_stored FROM load_runs") == [("failed", 2)]


def embedded(home, command: str) -> subprocess.CompletedProcess:
    """`parkdb upgrade` (create), `url` (start) or `stop` for the embedded server of home, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"PARKDB_HOME": str(home)}
    result = subprocess.run([sys.executable, "-m", "loaders", command], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.slow
def test_a_stopped_server_mid_load_then_a_clean_rerun(tmp_path):
    """The real thing: the embedded server of another home is stopped while a load runs."""
    home = tmp_path / "h"
    embedded(home, "upgrade")
    url = db.sqlalchemy_url(embedded(home, "url").stdout.strip())
    try:
        many_articles(tmp_path / "in", 300)     # enough that the load is still going when the server stops
        proc = start_load(url, tmp_path / "in", "--quiet")
        wait_for(url, "SELECT count(*) FROM sources", 3, proc)
        assert "stopped" in embedded(home, "stop").stdout
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == cli.EXIT_USAGE
        assert len(err.splitlines()) == 1 and "database connection lost after" in err, err
        embedded(home, "url")
        again = parkdb_load(url, tmp_path / "in", "--json")
        assert again.returncode == 0, again.stderr
        with psycopg.connect(db.libpq_url(url)) as conn:
            assert conn.execute("SELECT count(*) FROM sources").fetchone() == (300,)
            assert conn.execute("SELECT count(*) FROM rejected_files").fetchone() == (0,)
            first = conn.execute("SELECT status FROM load_runs ORDER BY id LIMIT 1").fetchone()[0]
        assert first == "interrupted"
    finally:
        embedded(home, "stop")


def no_process_reading(folder, timeout=10) -> bool:
    """True once no process has folder on its command line (a load of it, or its forked worker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    if str(folder).encode() in handle.read():
                        alive.append(pid)
            except OSError:
                pass
        if not alive:
            return True
        time.sleep(0.2)
    return False


def wait_for(url, query, at_least, proc, timeout=60):
    """Poll until query's single number reaches at_least (while proc runs)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the load ended early: {proc.returncode} {proc.stderr.read()}")
        try:
            with psycopg.connect(db.libpq_url(url)) as conn:
                if conn.execute(query).fetchone()[0] >= at_least:
                    return
        except psycopg.Error:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{query} never reached {at_least}")


@pytest.mark.slow
def test_a_killed_run_is_marked_interrupted_with_its_counts_by_the_next(database_url, engine, tmp_path):
    many_articles(tmp_path / "in", 200)    # enough that the load is still going when it is stopped
    proc = start_load(database_url, tmp_path / "in", "--quiet")
    wait_for(database_url, "SELECT count(*) FROM sources", 5, proc)
    proc.kill()
    proc.wait()
    assert no_process_reading(tmp_path / "in")       # its extraction worker died with it
    stored = rows(engine, "SELECT count(*) FROM sources")[0][0]
    result = parkdb_load(database_url, tmp_path / "in", "--json")
    assert result.returncode == 0, result.stderr
    assert f"run 1 had stopped without finishing (its process is gone): marked interrupted" in result.stderr
    [(status, files_stored, finished)] = rows(engine, "SELECT status, files_stored, finished_at IS NOT NULL"
                                                      " FROM load_runs WHERE id = 1")
    assert (status, files_stored >= stored - 1, finished) == ("interrupted", True, True)
    assert summary(result)["files_stored"] == 200 - stored


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_ends_cleanly_and_records_the_run_as_interrupted(database_url, engine, tmp_path, sig):
    many_articles(tmp_path / "in", 200)    # enough that the load is still going when it is stopped
    proc = start_load(database_url, tmp_path / "in", "--quiet")
    wait_for(database_url, "SELECT count(*) FROM sources", 3, proc)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == cli.EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    assert err.splitlines()[-1].split(" ", 1)[1].startswith("parkdb load: interrupted after ")
    assert err.splitlines()[-1].endswith(" files; run again to continue")
    [(status, stored)] = rows(engine, "SELECT status, files_stored FROM load_runs")
    assert status == "interrupted" and stored == rows(engine, "SELECT count(*) FROM sources")[0][0]
    again = summary(parkdb_load(database_url, tmp_path / "in", "--json"))
    assert again["files_stored"] + again["files_unchanged"] == 200 and again["files_rejected"] == 0


def test_an_article_over_the_time_budget_is_rejected_and_the_rest_load(database_url, engine, corpus, monkeypatch):
    import loaders.extract

    real = loaders.extract.extract

    def slow_on_marker(text, *args, **kwargs):   # the forked extraction worker inherits this
        if "永不结束" in text:
            time.sleep(600)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(loaders.extract, "extract", slow_on_marker)
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLE.replace("示例高新区", "永不结束园区"), encoding="utf-8")
    (corpus / "c.txt").write_text(ARTICLE.replace("示例高新区", "样板经开区"), encoding="utf-8")
    started = time.monotonic()
    code, got = load(database_url, corpus, extra=("--time-budget", "2"))
    assert time.monotonic() - started < 60
    assert (code, got["files_stored"], got["rejected"]) == (cli.EXIT_REJECTED, 2, [
        {"path": str(corpus / "b.txt"), "reason": "reading and extraction ran over the time budget of 2 s (--time-budget)"}])
    code, got = load(database_url, corpus, extra=("--time-budget", "2"))     # not tried again every run
    assert (code, got["rejected_before"]) == (0, 1)
