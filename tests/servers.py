"""Real servers for the tests that need them: a throw-away PostgreSQL and gunicorn.

These tests talk to the portal over HTTP the way a browser or load balancer does, with DEBUG
off, so they see exactly what production would answer.
"""

import atexit
import contextlib
import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


THROWAWAY = BASE_DIR / ".data" / "throwaway-pg"
# A copy of the migrated server is deleted after its test: it need not survive a crash of the
# machine, so it does not wait for the disk at each commit (seconds on a busy machine).
NOT_DURABLE = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


@contextlib.contextmanager
def throwaway_postgres(*, migrated: bool = False):
    """A PostgreSQL of its own with a `portal` database; deleted afterwards.

    Its data lives under .data/, not pytest's private temporary folder: the server runs as the
    unprivileged `pgserver` user when the tests run as root, and must be able to reach it.
    With `migrated`, the `portal` database already holds every migration: the server starts from
    a copy of a stopped cluster migrated once (`migrated_cluster`), instead of running `migrate`
    (18 s of CPU) for each test.
    """
    import pgserver

    path = THROWAWAY / uuid.uuid4().hex[:12]
    path.parent.mkdir(parents=True, exist_ok=True)
    if migrated:
        # -a keeps the owner (the `pgserver` user) and PostgreSQL's 0700 on the data folder.
        subprocess.run(["cp", "-a", str(migrated_cluster()), str(path)], check=True)
        with (path / "postgresql.auto.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in NOT_DURABLE.items())
    server = pgserver.get_server(path, cleanup_mode="delete")
    if not migrated:
        server.psql("CREATE DATABASE portal;")
    socket_dir = server.get_postmaster_info().socket_dir
    try:
        yield server, f"postgresql://postgres@{quote(str(socket_dir), safe='')}/portal"
    finally:
        server.cleanup()


def migrations_key() -> str:
    """Changes whenever a migration changes, or what they run: the operation some of them import
    (core/search_columns.py) and the installed packages (their own migrations)."""
    digest = hashlib.sha256()
    for path in [*sorted(BASE_DIR.glob("*/migrations/*.py")), BASE_DIR / "core" / "search_columns.py",
                 BASE_DIR / "requirements.lock"]:
        digest.update(str(path.relative_to(BASE_DIR)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_cluster() -> Path:
    """A stopped PostgreSQL data folder whose `portal` database has every migration applied.

    Built once for the migrations as they are (by the first xdist process that needs it, the
    others wait on the lock) and kept under .data/throwaway-pg/ for later runs; an older one is
    removed. Copies of it start as ordinary servers.
    """
    import pgserver

    snapshot = THROWAWAY / f"migrated-{migrations_key()}"
    THROWAWAY.mkdir(parents=True, exist_ok=True)
    with (THROWAWAY / "migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if snapshot.exists():
            return snapshot
        for old in THROWAWAY.glob("migrated-*"):
            shutil.rmtree(old, ignore_errors=True)
        building = THROWAWAY / f"building-{uuid.uuid4().hex[:12]}"
        data_dir = THROWAWAY / f"{building.name}-data"
        server = pgserver.get_server(building, cleanup_mode=None)
        try:
            server.psql("CREATE DATABASE portal;")
            socket_dir = server.get_postmaster_info().socket_dir
            # Once for all the tests, so it may take longer than one test's commands on a busy
            # machine.
            manage(f"postgresql://postgres@{quote(str(socket_dir), safe='')}/portal",
                   "migrate", "-v", "0", data_dir=data_dir, timeout=900)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        finally:
            stop_postgres(server)
            server.cleanup()  # forgets this process's handle; the server is already stopped
            atexit.unregister(server._cleanup)  # a second call at exit would log to closed streams
            shutil.rmtree(data_dir, ignore_errors=True)
        # What names this one server (its handles, its log) must not follow it into copies.
        for name in (".handle_pids.json", "log", "postmaster.pid", "postmaster.opts"):
            (building / name).unlink(missing_ok=True)
        building.rename(snapshot)
        return snapshot


def stop_postgres(server) -> None:
    from pgserver._commands import pg_ctl

    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=server.pgdata, user=server.system_user)


def start_postgres(server) -> None:
    with server._lock:
        server.ensure_postgres_running()


def manage(database_url: str, *args: str, data_dir: Path, timeout: float = 300) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "portal.settings",
           "DJANGO_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True,
                   capture_output=True, timeout=timeout)


def collect_static(database_url: str, *, data_dir: Path) -> None:
    """What `manage.py collectstatic` gives data_dir/static, collected once per test process
    (2 s of CPU each time; the files are the same for every server test) and linked in."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "static").symlink_to(_collected_once(database_url))


_collected: list[Path] = []


def _collected_once(database_url: str) -> Path:
    # Not cached by database_url: every throw-away server has an address of its own, and
    # collectstatic reads no database (Django needs a DATABASE_URL to start, any will do).
    if _collected:
        return _collected[0]
    folder = THROWAWAY.parent / f"throwaway-static-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    manage(database_url, "collectstatic", "--noinput", "-v", "0", data_dir=folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _collected.append(folder / "static")
    return _collected[0]


def get(url: str, timeout: float = 10):
    """(status, headers, body) without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextlib.contextmanager
def gunicorn(database_url: str, *, data_dir: Path, env: dict | None = None, workers: int = 1):
    """The portal under gunicorn on a free loopback port, production settings (DEBUG off)."""
    with gunicorns(database_url, data_dir=data_dir, env=env, workers=workers) as (base,):
        yield base


@contextlib.contextmanager
def gunicorns(database_url: str, *, data_dir: Path, env: dict | None = None, workers: int = 1,
              count: int = 1):
    """`count` such servers of their own (own processes, own memories), started all at once
    and then each waited for: a server spends most of its start-up (~2.5 s of CPU) importing
    Django and the portal, which the others can do at the same time on the other core."""
    full_env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "portal.settings",
                "DJANGO_DEBUG": "0", "DJANGO_DATA_DIR": str(data_dir), **(env or {})}
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / "gunicorn.log").open("ab")  # a file, not a pipe nobody reads (it would block)
    processes, bases = [], []
    try:
        while len(bases) < count:
            port = free_port()
            if f"http://127.0.0.1:{port}" in bases:  # a closed test socket's port handed out again
                continue
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(workers), "--graceful-timeout", "2", "--log-level", "warning"],
                cwd=BASE_DIR, env=full_env, stdout=log, stderr=log,
            ))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            for _ in range(100):
                try:
                    get(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
        yield tuple(bases)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
        log.close()
