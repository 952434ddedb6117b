import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from toolbox.models import Guide, Rule


class Command(BaseCommand):
    help = (
        "List published guides whose review is overdue, grouped by the owner to remind (the "
        "guide's owner, or its contact), then the rules not verified within "
        "TOOLBOX_RULE_REVIEW_MONTHS. Meant for a monthly e-mail; changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Count as overdue on this day (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must look like 2026-12-31.") from None
        guides = (Guide.objects.published().review_overdue(today)
                  .select_related("owner", "contact").order_by("review_due", "title"))
        groups: dict = {}
        for guide in guides:
            groups.setdefault(guide.responsible, []).append(guide)
        if not groups:
            self.stdout.write(self.style.SUCCESS(f"No guide is overdue for review on {today}."))
        for responsible, owned in sorted(groups.items(), key=lambda kv: str(kv[0] or "")):
            if responsible is None:
                self.stdout.write(self.style.WARNING("No owner or contact:"))
            else:
                self.stdout.write(f"{responsible.name} <{responsible.email or '-'}>:")
            for guide in owned:
                due = guide.review_due_on
                when = f"review due {due}" if due else "never reviewed"
                self.stdout.write(f"  - {guide.title} ({when}) {guide.get_absolute_url()}")
        if groups:
            self.stdout.write(f"{len(guides)} guide(s) overdue for review on {today}.")
        self._rules(today)

    def _rules(self, today):
        """Rules (toolbox.Rule) not verified within TOOLBOX_RULE_REVIEW_MONTHS: listed only
        when there are any, so the guide report reads as before."""
        rules = list(Rule.objects.verification_overdue(today).order_by("verified_on", "slug"))
        if not rules:
            return
        self.stdout.write("Rules to verify again:")
        for rule in rules:
            self.stdout.write(f"  - [[regel:{rule.slug}]] {rule.statement_da} "
                              f"(verified {rule.verified_on}, {rule.authority_da})")
        self.stdout.write(f"{len(rules)} rule(s) overdue for verification on {today}.")
