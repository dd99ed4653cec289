"""The built wheel is a working parkdb from any folder (operator surface 2).

The wheel is built from this checkout and installed, without dependencies, into a
fresh virtual environment in a folder with a space in its name; the dependencies come
from the test environment through a .pth line (whose own .pth files, among them this
checkout's editable install, Python does not read), so the parkdb that runs is the
wheel's.  Then, from a folder holding an analyst's models.py: upgrade, load the seeds
shipped in the wheel, query.
"""
from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh venv holding only the wheel."""
    base = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", base / "dist", ROOT)
    wheel = next((base / "dist").glob("parkdb-*.whl"))
    venv = base / "a venv with spaces"
    run(sys.executable, "-m", "venv", venv)
    purelib = next(venv.glob("lib/python3*/site-packages"))
    (purelib / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run(venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel)
    return venv / "bin"


def test_wheel_parkdb_works_from_any_folder(installed, tmp_path):
    elsewhere = tmp_path / "analyst"
    elsewhere.mkdir()
    (elsewhere / "models.py").write_text("raise SystemExit('the analyst models.py was imported')\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    env["PARKDB_HOME"] = str(tmp_path / "home")
    where = run(installed / "python", "-c", "import loaders.resources as r; print(r.root())", cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)
    try:
        assert run(installed / "parkdb", "upgrade", cwd=elsewhere, env=env).stdout.startswith("schema at ")
        loaded = run(installed / "parkdb", "load", "--quiet", cwd=elsewhere, env=env)
        assert "5 files: 5 stored" in loaded.stdout
        counted = run(installed / "parkdb", "sql", "SELECT count(*) AS n FROM reporting.sources", cwd=elsewhere,
                      env=env)
        assert counted.stdout.splitlines()[2] == "5"
    finally:
        subprocess.run([installed / "parkdb", "stop"], env=env, capture_output=True, timeout=120)
