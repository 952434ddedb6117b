from django.core.management.base import BaseCommand

from core.ratelimit import prune_expired


class Command(BaseCommand):
    help = (
        "Delete rate-limit counters (keyed hashes of client addresses) whose window can no longer "
        "count. Run it hourly or nightly, e.g. from cron; the limiter also prunes now and then."
    )

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"{prune_expired()} expired counters deleted."))
