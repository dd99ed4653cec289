"""README's SQL examples run as pasted through `parkdb sql` and print exactly what README shows.

Every ```sql block that is a query (SELECT, WITH, TABLE) must be followed by a ```text
block with its output on the seeds, and must have an ORDER BY so that output is stable.
"""
import contextlib
import io
import re
from pathlib import Path

import pytest

from loaders import cli

from databases import fresh_database

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```sql\n(?P<query>.*?)```\n(?:\n```text\n(?P<output>.*?)```)?", re.S)
QUERY = re.compile(r"^\s*(?:--[^\n]*\n\s*)*(select|with|table)\b", re.I)


def examples() -> list[tuple[str, str | None]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(m["query"], m["output"]) for m in BLOCK.finditer(text) if QUERY.match(m["query"])]


def test_readme_has_examples_and_each_query_has_its_output_and_an_order():
    found = examples()
    assert len(found) >= 12
    assert [q for q, output in found if output is None] == []
    assert [q for q, _ in found if not re.search(r"\border by\b", q, re.I)] == []


@pytest.fixture(scope="module")
def seeded_url(postgresql_proc):
    """One database for all examples: the seeds loaded once into a copy of the template."""
    with fresh_database(postgresql_proc, "parkdb_readme_examples") as url:
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["load", str(ROOT / "seeds"), "--database-url", url, "--quiet"]) == 0
        yield url


@pytest.mark.parametrize("query, output", examples(), ids=lambda v: (v or "").split("FROM")[-1][:40].strip())
def test_readme_example_query_shows_real_output(seeded_url, query, output):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["sql", query, "--database-url", seeded_url]) == 0
    assert out.getvalue() == output
