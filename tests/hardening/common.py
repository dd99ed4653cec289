"""Helpers for the hardening reproductions: run `parkdb load` as a user does, in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def parkdb_load(database_url: str, *args, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m loaders load ARGS` with DATABASE_URL set; stdout and stderr as text."""
    environ = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
    return subprocess.run([sys.executable, "-m", "loaders", "load", *map(str, args)], capture_output=True,
                          text=True, env=environ, timeout=timeout, cwd=ROOT)


def start_load(database_url: str, *args, env: dict | None = None) -> subprocess.Popen:
    environ = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "loaders", "load", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=environ, cwd=ROOT)


def summary(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def many_articles(folder: Path, n: int) -> None:
    """n distinct small articles in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(
            f"示例园区第{i}期动态\n\n2022年,示例{i}号产业园规上工业增加值达{i + 1}.5亿元,同比增长{i % 30}.1%。"
            f"园区已累计引进企业{i + 10}家。\n", encoding="utf-8")
