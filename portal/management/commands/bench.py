import datetime
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.bench import wrk
from portal.bench.weight import page_weight

STATIC_COPY = "bench/guide.html"


def bench_pages() -> list[tuple[str, str]]:
    """The pages the issue names, resolved against whatever content the database holds."""
    from indicators.models import Indicator
    from policy.models import Policy
    from toolbox.models import Guide, Topic

    guide = Guide.objects.published().order_by("pk").first()
    topic = Topic.objects.order_by("position").first()
    indicator = Indicator.objects.public().order_by("pk").first()
    if not (guide and topic and indicator and Policy.objects.exists()):
        raise CommandError("No content to measure: run load_demo and generate_bench_data first.")
    return [
        ("home", reverse("home")),
        ("toolbox front", reverse("toolbox:index")),
        ("guide", guide.get_absolute_url()),
        ("topic list", topic.get_absolute_url()),
        ("search 'frivillig'", reverse("toolbox:search") + "?q=frivillig"),
        ("policy", reverse("policy:index")),
        ("action plan", reverse("policy:action-plan")),
        ("dashboard", reverse("indicators:dashboard")),
        ("indicator", indicator.get_absolute_url()),
        ("CSV download", reverse("indicators:indicator-csv", kwargs={"slug": indicator.slug})),
    ]


def queries(path: str) -> tuple[int, int]:
    """SQL queries for a first (cold cache) and a repeated (warm) request."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as context:
            response = Client().get(path)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}")
        counts.append(len(context.captured_queries))
    return counts[0], counts[1]


class Command(BaseCommand):
    help = (
        "Measure every public page under load from wrk against a production-like gunicorn, "
        "beside the same guide saved as a static file, and the 20-user load test (LOAD-01). "
        "Prints one table and writes it to bench-results/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=5, help="Length of one run.")
        parser.add_argument("--rounds", type=int, default=3, help="A B A B rounds (median).")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
        parser.add_argument("--load-seconds", type=int, default=60)
        parser.add_argument("--load-users", type=int, default=20)
        parser.add_argument("--skip-load", action="store_true")
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "bench-results")

    def handle(self, *args, **options):
        pages = bench_pages()
        guide_path = pages[2][1]
        static_file = Path(settings.STATIC_ROOT) / STATIC_COPY
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(Client().get(guide_path).content)
        query_counts = {label: queries(path) for label, path in pages}
        targets = pages + [("guide as static file", settings.STATIC_URL + STATIC_COPY)]

        with self.server(options["workers"]) as base:
            for _, path in targets:  # warm caches and connections
                wrk.run(base, [path], connections=2, seconds=1)
            runs = {label: [] for label, _ in targets}
            for round_number in range(options["rounds"]):
                self.stdout.write(f"Round {round_number + 1}/{options['rounds']} …")
                for label, path in targets:  # alternate pages within each round: A B A B
                    runs[label].append(wrk.run(base, [path], connections=options["connections"],
                                               seconds=options["seconds"]))
            weights = {label: page_weight(base + path) for label, path in targets}
            load = None
            if not options["skip_load"]:
                load_paths = [path for label, path in pages if label in (
                    "home", "guide", "search 'frivillig'", "policy", "action plan", "dashboard",
                    "toolbox front", "indicator")]
                self.stdout.write(f"Load test: {options['load_users']} users for "
                                  f"{options['load_seconds']} s …")
                load = wrk.run(base, load_paths, connections=options["load_users"],
                               seconds=options["load_seconds"])
        self.report(targets, runs, weights, query_counts, load, options)

    def server(self, workers):
        command = self

        class Server:
            def __enter__(self):
                port = 8600 + os.getpid() % 300
                env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "portal.settings"}
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind",
                     f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
                    cwd=settings.BASE_DIR, env=env,
                )
                base = f"http://127.0.0.1:{port}"
                for _ in range(100):
                    try:
                        urllib.request.urlopen(base + "/healthz", timeout=1)
                        return base
                    except OSError:
                        time.sleep(0.1)
                raise CommandError("gunicorn did not start")

            def __exit__(self, *exc):
                self.process.terminate()
                self.process.wait(timeout=10)
                command.stdout.write("Server stopped.")

        return Server()

    def report(self, targets, runs, weights, query_counts, load, options):
        medians = {label: statistics.median(r.rps for r in rs) for label, rs in runs.items()}
        static_rps = medians["guide as static file"]
        header = ("| page | req/s | vs static | p50 ms | p99 ms | weight KB (gz) | "
                  "queries cold/warm |")
        lines = [
            f"Benchmark {datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
            f"{options['connections']} connections, {options['rounds']} rounds × "
            f"{options['seconds']:g} s per page (medians), gunicorn {options['workers']} workers.",
            "", header, "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for label, _ in targets:
            rs = runs[label]
            cold, warm = query_counts.get(label, ("–", "–"))
            lines.append(
                f"| {label} | {medians[label]:.0f} | {medians[label] / static_rps:.0%} | "
                f"{statistics.median(r.p50_ms for r in rs):.1f} | "
                f"{statistics.median(r.p99_ms for r in rs):.1f} | {weights[label] / 1024:.1f} | "
                f"{cold}/{warm} |"
            )
        if load:
            lines += [
                "", f"Load test (LOAD-01): {options['load_users']} concurrent users for "
                f"{options['load_seconds']} s over the public pages: {load.requests} requests, "
                f"{load.rps:.0f} req/s, p95 {load.p95_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, "
                f"{load.failures} failures.",
            ]
        text = "\n".join(lines) + "\n"
        self.stdout.write(text)
        options["output"].mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        (options["output"] / f"bench-{stamp}.md").write_text(text)
        (options["output"] / f"bench-{stamp}.json").write_text(json.dumps({
            "pages": {label: [r.__dict__ for r in rs] for label, rs in runs.items()},
            "weights": weights, "queries": query_counts,
            "load": load.__dict__ if load else None,
        }, indent=2))
