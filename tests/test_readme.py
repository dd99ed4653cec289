"""README's example query returns exactly the rows README shows (after loading seeds/)."""
import contextlib
import io
import re
from pathlib import Path

from loaders import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"<!-- readme-example.*?-->\n```sql\n(?P<query>.*?)```\n\n```text\n(?P<output>.*?)```", re.S)


def test_readme_example_query_shows_real_output(database_url):
    match = EXAMPLE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match, "README lost its marked example"
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["load", str(ROOT / "seeds"), "--database-url", database_url, "--quiet"]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["sql", match["query"], "--database-url", database_url]) == 0
    assert out.getvalue() == match["output"]
