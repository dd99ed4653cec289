"""Where parkdb's own files are: the checkout's top-level folders, or their copies in the wheel.

The repository keeps alembic/, sql/ and seeds/ at the top (STYLE.md: layout shows the
data's path); pyproject.toml packages them as data under `loaders/_share/` so that an
installed `parkdb` (pip, pipx, a wheel) finds its migrations, view SQL and seeds from
any directory.  A checkout (or an editable install) uses the folders in place.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def root() -> Path:
    """The folder holding alembic/, sql/ and seeds/."""
    if (_CHECKOUT / "alembic" / "env.py").is_file() and (_CHECKOUT / "pyproject.toml").is_file():
        return _CHECKOUT
    return _PACKAGE / "_share"


def alembic_dir() -> Path:
    return root() / "alembic"


def sql_dir() -> Path:
    return root() / "sql"


def seeds_dir() -> Path:
    return root() / "seeds"
