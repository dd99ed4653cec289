"""One database found from anywhere, reachable only by its owner (operator surface 1; hardening 8, 10, 15, 16)."""
from __future__ import annotations

import os
import pty
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import platformdirs
import psycopg
import pytest

from loaders import db, server

from .ops_helpers import one_line_error, parkdb

pytestmark = pytest.mark.slow


def test_default_home_is_the_per_user_data_dir(monkeypatch):
    monkeypatch.delenv("PARKDB_HOME", raising=False)
    assert db.parkdb_home() == platformdirs.user_data_path("parkdb", appauthor=False)


def test_the_suite_never_uses_the_users_own_home():
    assert Path(os.environ["PARKDB_HOME"]) != platformdirs.user_data_path("parkdb", appauthor=False)


@pytest.mark.parametrize("command", [["status"], ["url"], ["sql", "SELECT 1"], ["psql", "--", "-c", "SELECT 1"]])
def test_reading_commands_never_create_a_database(tmp_path, command):
    home = tmp_path / "nothing here"
    message = one_line_error(parkdb(*command, home=home))
    assert f"no parkdb database in {home}" in message and "parkdb load" in message
    assert not (home / "pgdata").exists()


def test_every_command_finds_the_same_database_from_any_folder(tmp_path):
    home = tmp_path / "home"
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    (elsewhere / "models.py").write_text("raise SystemExit('the analyst models.py was imported')\n")
    assert parkdb("load", "--quiet", home=home, cwd=elsewhere).returncode == 0
    counted = parkdb("sql", "SELECT count(*) AS n FROM reporting.sources", home=home, cwd=elsewhere)
    assert counted.stdout.splitlines()[2] == "5", counted.stderr
    status = parkdb("status", home=home, cwd="/")
    assert status.stdout.splitlines()[0] == f"database: embedded PostgreSQL in {home} (PARKDB_HOME)"
    assert not (elsewhere / ".parkdb").exists()
    parkdb("stop", home=home)


def test_first_line_on_a_terminal_names_the_database(tmp_path):
    home = tmp_path / "home"
    assert parkdb("upgrade", home=home).returncode == 0
    leader, follower = pty.openpty()
    env = {**os.environ, "PARKDB_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "loaders", "url"], stdout=subprocess.PIPE, stderr=follower,
                            env=env, timeout=120)
    os.close(follower)
    first = os.read(leader, 4096).decode().splitlines()[0]
    os.close(leader)
    assert first == f"database: embedded PostgreSQL in {home} (PARKDB_HOME)"
    assert result.stdout.decode().startswith("postgresql://")  # stdout stays the bare URL
    parkdb("stop", home=home)


def server_pid(home: Path) -> int:
    return int((home / "pgdata" / "postmaster.pid").read_text().split()[0])


def test_a_home_with_spaces_and_quotes_and_a_closed_parent(tmp_path):
    parent = tmp_path / "private parent"
    parent.mkdir(mode=0o700)
    home = parent / "Ana's \"parkdb\" home"
    assert parkdb("load", "--quiet", home=home).returncode == 0
    try:
        assert stat.S_IMODE(parent.stat().st_mode) == 0o700  # no ancestor opened up
        assert stat.S_IMODE((home / "pgdata").stat().st_mode) == 0o700
        hba = [line for line in (home / "pgdata" / "pg_hba.conf").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
        assert hba == ["local all all peer map=parkdb"]
        status = Path(f"/proc/{server_pid(home)}/status").read_text()
        gids = next(line for line in status.splitlines() if line.startswith("Gid:")).split()[1:]
        groups = next(line for line in status.splitlines() if line.startswith("Groups:")).split()[1:]
        if os.geteuid() == 0:
            assert "0" not in gids and "0" not in groups  # not in group root
    finally:
        parkdb("stop", home=home)


def test_a_long_home_keeps_its_socket_private(tmp_path):
    home = tmp_path / ("x" * 60) / ("y" * 60)
    assert parkdb("upgrade", home=home).returncode == 0
    try:
        sockets = server.socket_dir(home)
        assert sockets != home / "pgdata" and len(str(sockets)) < 60
        info = sockets.lstat()
        assert stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700
        account = server.service_account()
        assert info.st_uid == (account.pw_uid if account else os.geteuid())
        assert parkdb("sql", "SELECT 1", home=home).returncode == 0
    finally:
        parkdb("stop", home=home)


def test_a_socket_folder_made_by_someone_else_is_refused(tmp_path):
    home = tmp_path / ("x" * 60) / ("y" * 60)
    sockets = server.socket_dir(home)
    sockets.mkdir(mode=0o777)
    sockets.chmod(0o777)
    try:
        assert "not a private directory" in one_line_error(parkdb("upgrade", home=home))
    finally:
        sockets.rmdir()


def test_a_first_start_killed_part_way_is_made_again(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "PARKDB_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    first = subprocess.Popen([sys.executable, "-m", "loaders", "upgrade"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(home.glob("pgdata.init-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert not (home / "pgdata").exists() or server.is_initialised(home / "pgdata")
    again = parkdb("upgrade", home=home)
    assert again.returncode == 0, again.stderr
    assert list(home.glob("pgdata.init-*")) == []
    parkdb("stop", home=home)


def test_a_half_made_data_folder_from_before_is_initialised_again(tmp_path):
    home = tmp_path / "home"
    (home / "pgdata" / "global").mkdir(parents=True)
    (home / "pgdata" / "PG_VERSION").write_text("18\n")
    result = parkdb("upgrade", home=home)
    assert result.returncode == 0, result.stderr
    parkdb("stop", home=home)


@pytest.mark.parametrize("where", ["/proc/parkdb-home", "/etc/hostname/parkdb"])
def test_an_unwritable_home_is_a_one_line_error(where):
    assert "cannot be created or written" in one_line_error(parkdb("load", home=Path(where)))


def test_a_read_only_folder_is_a_one_line_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; the /proc case above covers it")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    assert "cannot be created or written" in one_line_error(parkdb("load", home=locked / "home"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("value", ["abc", "80", "70000"])
def test_a_bad_parkdb_port_is_a_one_line_error(tmp_path, value):
    assert "PARKDB_PORT" in one_line_error(parkdb("upgrade", home=tmp_path / "h", env={"PARKDB_PORT": value}))


def test_tcp_needs_the_generated_password(tmp_path):
    home = tmp_path / "home"
    port = str(free_port())
    assert parkdb("upgrade", home=home, env={"PARKDB_PORT": port}).returncode == 0
    try:
        url = parkdb("url", "--tcp", home=home, env={"PARKDB_PORT": port})
        assert url.returncode == 0, url.stderr
        assert url.stdout.startswith(f"postgresql://postgres:") and f"@127.0.0.1:{port}/parkdb" in url.stdout
        assert stat.S_IMODE((home / "password").stat().st_mode) == 0o600
        with psycopg.connect(url.stdout.strip(), connect_timeout=5) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == ("parkdb",)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(f"postgresql://postgres:wrong@127.0.0.1:{port}/parkdb", connect_timeout=5)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(f"postgresql://parkdb_reader@127.0.0.1:{port}/parkdb", connect_timeout=5)
    finally:
        parkdb("stop", home=home)


def test_url_tcp_without_parkdb_port_says_what_to_set(tmp_path):
    assert "PARKDB_PORT" in one_line_error(parkdb("url", "--tcp", home=tmp_path / "h"))


def test_psql_runs_the_shipped_psql_on_the_database(tmp_path):
    home = tmp_path / "home"
    assert parkdb("upgrade", home=home).returncode == 0
    try:
        result = parkdb("psql", "--", "-At", "-c", "SELECT current_database()", home=home)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "parkdb"
    finally:
        parkdb("stop", home=home)


def test_a_database_left_in_the_old_place_is_pointed_out(tmp_path):
    old = tmp_path / "checkout" / ".parkdb"
    assert parkdb("upgrade", home=old).returncode == 0
    parkdb("stop", home=old)
    message = one_line_error(parkdb("status", home=tmp_path / "new home", cwd=tmp_path / "checkout"))
    assert f"an older parkdb kept one here: PARKDB_HOME={old}" in message
