"""A fresh database at head on the suite's test server, for modules that load their own articles."""
from __future__ import annotations

import contextlib
import io
import os

import psycopg
from sqlalchemy.engine import URL

from loaders import cli


@contextlib.contextmanager
def fresh_database(info, prefix: str):
    """A new database at head on the server ``info`` (postgresql_proc), named per process so two runs
    never share it, dropped afterwards; yields its URL."""
    name = f"{prefix}_{os.getpid()}"
    admin = psycopg.connect(host=info.host, port=info.port, user=info.user, password=info.password or None,
                            dbname="postgres", autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {name}")
    url = URL.create("postgresql+psycopg", username=info.user, password=info.password or None, database=name,
                     query={"host": str(info.host), "port": str(info.port)}).render_as_string(hide_password=False)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["upgrade", "--database-url", url]) == 0
        yield url
    finally:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()
