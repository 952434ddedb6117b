"""Start the portal or its tests with a database, in one command.

    python -m portal.launch run      # set up, then serve on 127.0.0.1:$PORT (default 8000)
    python -m portal.launch test -- [pytest arguments]
    python -m portal.launch setup    # migrations, translations, static files, demo content
    python -m portal.launch exec -- CMD ...   # any command with DATABASE_URL set
    python -m portal.launch bench -- [bench options]  # scaled data set, wrk, results table

When DATABASE_URL is not set, an embedded PostgreSQL (the pgserver package) is started with its
data in .data/postgres and stopped again when the command ends (Ctrl-C included). With
DATABASE_URL set, that server is used and nothing is started.
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from portal.translations import needs_compiling

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DJANGO_DATA_DIR", BASE_DIR / ".data"))
DATABASE_NAME = "portal"
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def embedded_database_url(database: str = DATABASE_NAME) -> tuple[str, object]:
    """Start (or join) the embedded PostgreSQL and return its URL and the server handle.

    The handle stops the server when the last process holding one exits.
    """
    # pgserver keeps its lock file in the runtime directory; give it one inside the checkout.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR / "run"))
    (DATA_DIR / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    import pgserver  # only when no DATABASE_URL is given, and launch runs before Django

    pgdata = DATA_DIR / "postgres"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {database};")
    socket_dir = server.get_postmaster_info().socket_dir
    return f"postgresql://postgres@{quote(str(socket_dir), safe='')}/{database}", server


def database_env(*, bench: bool = False) -> tuple[dict, object]:
    if bench:
        # The scaled data set gets a database of its own, never the one the demo or staff use.
        if os.environ.get("BENCH_DATABASE_URL"):
            return {**os.environ, "DATABASE_URL": os.environ["BENCH_DATABASE_URL"]}, None
        if os.environ.get("DATABASE_URL"):
            raise SystemExit("Set BENCH_DATABASE_URL to a database the benchmark may fill.")
        url, server = embedded_database_url(f"{DATABASE_NAME}_bench")
        return {**os.environ, "DATABASE_URL": url}, server
    if os.environ.get("DATABASE_URL"):
        return dict(os.environ), None
    url, server = embedded_database_url()
    return {**os.environ, "DATABASE_URL": url}, server


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), *args], env=env, check=True)


def setup(env: dict, *, demo: bool = True) -> None:
    manage(env, "compile_translations")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if demo:
        manage(env, "load_demo")
        manage(env, "ensure_demo_admin")


def translations_stale(base: Path = BASE_DIR) -> bool:
    """Whether a .po file is newer than its .mo (or has none): what compile_translations
    compiles. Checked here, without starting Django, so a test run with nothing to compile
    does not pay for a Django start-up (~2 s of CPU)."""
    return any(needs_compiling(po) for po in [*base.glob("locale/*/LC_MESSAGES/*.po"),
                                              *base.glob("*/locale/*/LC_MESSAGES/*.po")])


def run_child(cmd: list[str], env: dict) -> int:
    """Run a child in the foreground; Ctrl-C reaches it (same process group) and we wait."""
    child = subprocess.Popen(cmd, env=env, cwd=BASE_DIR)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)


def serve(env: dict) -> int:
    port = env.get("PORT", "8000")
    # Links in the e-mails point at this server unless SITE_URL says otherwise.
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    if env.get("DJANGO_DEBUG", "").lower() in {"1", "true", "yes", "on"}:
        cmd = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"]
    else:
        cmd = [
            sys.executable, "-m", "gunicorn", "portal.wsgi",
            "--bind", f"127.0.0.1:{port}",
            "--workers", env.get("WEB_CONCURRENCY", "3"),
            "--access-logfile", "-",
            # Without the client address, query string, referrer and browser: nothing personal
            # in the log (a search or a form's GET can carry a name or an address).
            "--access-logformat", ACCESS_LOG_FORMAT,
            "--forwarded-allow-ips", "127.0.0.1",
        ]
    print(f"\nFrivillighedsportalen: http://127.0.0.1:{port}/  (Ctrl-C stops it)\n", flush=True)
    # The worker sends the e-mails and runs the scheduled jobs (docs/intake.md); it stops with
    # the server.
    worker = start_worker(env)
    try:
        return run_child(cmd, env)
    finally:
        stop_worker(worker)


def start_worker(env: dict) -> subprocess.Popen:
    if not env.get("EMAIL_URL"):
        print(f"E-mail is not sent (no EMAIL_URL): each one is written to {DATA_DIR / 'mail'}/",
              flush=True)
    return subprocess.Popen([sys.executable, "manage.py", "procrastinate", "worker"],
                            env=env, cwd=BASE_DIR)


def stop_worker(worker: subprocess.Popen) -> None:
    """SIGTERM lets the worker finish the job it is on (it waits for it), then it exits."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    # Ctrl-C and `kill` (SIGTERM, as process managers send) both stop the child and the embedded
    # PostgreSQL; SIGINT is reset in case a shell started us with it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    parser = argparse.ArgumentParser(prog="python -m portal.launch")
    parser.add_argument("command", choices=["run", "test", "setup", "exec", "bench"])
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest

    # The handle keeps the embedded server alive until we exit.
    env, _server = database_env(bench=args.command == "bench")
    try:
        if args.command == "setup":
            setup(env)
            return 0
        if args.command == "run":
            setup(env)
            return serve(env)
        if args.command == "bench":
            env["DJANGO_BENCH"] = "1"  # installs the bench app (portal/settings.py)
            setup(env, demo=False)
            manage(env, "load_demo")
            manage(env, "generate_bench_data")
            manage(env, "bench", *rest)
            return 0
        if args.command == "test":
            if translations_stale():
                manage(env, "compile_translations")
            # With PYTHONDONTWRITEBYTECODE set (as on our build machines), pytest rewrites the
            # asserts of all ~270 test modules again in every xdist process and every run, and
            # each process compiles the project's modules again: about half of collecting the
            # suite (~11 -> ~5 s of CPU per process once the caches exist). The caches are in
            # __pycache__/, which git ignores.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            return run_child([sys.executable, "-m", "pytest", *rest], env)
        return run_child(rest, env)
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
