"""Connections for `parkdb serve`: one engine per role, each with the least privilege its work needs.

Pages read as parkdb_reader (schema reporting only, read-only transactions); review
forms write as parkdb_reviewer (review.judgements only); a date judgement re-reads the
article as parkdb_loader, as `parkdb load` would. On the embedded server each role logs
in itself through the owner's socket (peer authentication, as `parkdb sql` does); on a
server of yours, the URL's user switches to the role (SET ROLE) when it is a member,
else works as itself.
"""
from __future__ import annotations

import socket

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from loaders import db
from loaders.web.app import Engines

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def role_engine(database: db.Database, role: str, *, read_only: bool = False) -> sa.Engine:
    """An engine that works as `role`."""
    options = "-c statement_timeout=30000" + (" -c default_transaction_read_only=on" if read_only else "")
    connect_args = {"connect_timeout": 10, "options": options}
    if database.embedded:
        import psycopg

        with psycopg.connect(db.libpq_url(database.url), autocommit=True, connect_timeout=10) as conn:
            row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            if row is None:
                raise db.ConfigError(f"the database has no role {role}: run `parkdb upgrade` first")
            if not row[0]:
                # Only the home's owner reaches the socket (peer authentication), so this login is theirs alone.
                conn.execute(f"ALTER ROLE {role} LOGIN")
        url = make_url(database.url).set(username=role)
        return sa.create_engine(url, connect_args=connect_args, pool_size=4, pool_pre_ping=True)
    engine = sa.create_engine(database.url, connect_args=connect_args, pool_size=4, pool_pre_ping=True)
    with engine.connect() as conn:
        member = conn.execute(sa.text("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles"
                                      " WHERE rolname = :r"), {"r": role}).scalar()
    if member:
        @sa.event.listens_for(engine, "connect")
        def set_role(dbapi_connection, _record):
            with dbapi_connection.cursor() as cur:
                cur.execute(f"SET ROLE {role}")
            dbapi_connection.commit()
        engine.dispose()  # the connection that asked is pooled without the role: drop it
    return engine


def engines(database: db.Database, read_only: bool) -> Engines:
    reader = role_engine(database, "parkdb_reader", read_only=True)
    if read_only:
        return Engines(reader=reader)
    return Engines(reader=reader, reviewer=role_engine(database, "parkdb_reviewer"),
                   loader=role_engine(database, "parkdb_loader"))


def bind(host: str, port: int) -> socket.socket:
    """The listening socket (port 0: any free port), bound before the URL is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise db.ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def allowed_hosts(host: str) -> list[str] | None:
    """On loopback, answer only to loopback names (a DNS-rebinding page cannot reach the forms)."""
    return list(LOOPBACK) if host in LOOPBACK else None


def run(app, sock: socket.socket) -> None:
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=3)
    uvicorn.Server(config).run(sockets=[sock])
