"""Shared by the test_ops_* reproductions: run parkdb as a user runs it, on a home of its own."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg


def parkdb(*args, home: Path | None = None, env: dict | None = None, input: str | None = None, cwd=None,
           timeout: float = 180) -> subprocess.CompletedProcess:
    """`python -m loaders ARGS` with PARKDB_HOME=home and no DATABASE_URL (the embedded server)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARKDB_PORT")}
    if home is not None:
        environ["PARKDB_HOME"] = str(home)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, env=environ,
                          input=input, cwd=cwd, timeout=timeout)


def url_of(home: Path, user: str = "postgres") -> str:
    result = parkdb("url", home=home)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().replace("postgres@", f"{user}@", 1)


def connect(home: Path, user: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(url_of(home, user), autocommit=True)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The stderr of a refused command: exactly one line, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]
