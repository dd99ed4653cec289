"""The fuzz run: several hundred hostile files (bench/fuzz.py, fixed seed) end in exit 1 with
no traceback, every file accounted for, and the seeds loading identically afterwards."""
from __future__ import annotations

import importlib.util

import pytest

from test_load import SEEDS, rows
from tests.hardening.common import ROOT, parkdb_load, summary

SEED_FACTS = ("SELECT source_key, subject_name, metric, value, unit, period_kind, period_start, period_end, quote,"
              " char_start FROM reporting.facts WHERE source_key LIKE '00%' ORDER BY 1, char_start, 2, 3")


def fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_hostile_files_are_each_accounted_for_and_the_seeds_load_the_same(database_url, engine, tmp_path):
    assert parkdb_load(database_url, SEEDS, "--json").returncode == 0
    seeds_before = rows(engine, SEED_FACTS)
    entries = fuzz_module().make(tmp_path / "fuzz")
    assert entries >= 300

    result = parkdb_load(database_url, tmp_path / "fuzz", "--json", "--time-budget", "30", timeout=900)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    got = summary(result)
    assert got["files_seen"] + got["files_skipped"] == entries
    assert got["files_stored"] + got["files_unchanged"] + got["files_replaced"] + got["files_rejected"] == got["files_seen"]
    assert len(got["rejected"]) == got["files_rejected"] and all(r["reason"] for r in got["rejected"])
    assert len(got["skipped"]) == got["files_skipped"] and all(s["reason"] for s in got["skipped"])
    assert all("\n" not in line for line in result.stderr.splitlines())
    logged = [line for line in result.stderr.splitlines() if " rejected " in line]
    assert len(logged) == got["files_rejected"]       # each rejection named on one line of its own

    again = parkdb_load(database_url, tmp_path / "fuzz", "--json", "--time-budget", "30", timeout=900)
    assert (again.returncode, summary(again)["rejected_before"]) == (0, got["files_rejected"])
    seeds = parkdb_load(database_url, SEEDS, "--json")
    assert (seeds.returncode, summary(seeds)["files_unchanged"]) == (0, 5)
    assert rows(engine, SEED_FACTS) == seeds_before
