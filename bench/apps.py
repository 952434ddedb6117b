from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark and its data generator: no part of the product, so production never loads
    it (portal/settings.py installs it only for `make bench`, tests/settings.py for the tests)."""

    name = "bench"
    verbose_name = "Benchmark"
