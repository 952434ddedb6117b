from django.urls import reverse
from django.utils import timezone

from core.sitemaps import I18nSitemap
from policy.models import Body, Meeting, Policy, Theme


class PolicyPagesSitemap(I18nSitemap):
    def items(self):
        return ["policy:index", "policy:action-plan", "policy:archive"]

    def location(self, item):
        return reverse(item)


class PolicySitemap(I18nSitemap):
    """Public policies (never drafts) and their print versions."""

    def items(self):
        policies = Policy.objects.public().order_by("slug")
        return [(policy, view) for policy in policies for view in ("detail", "print")]

    def location(self, item):
        policy, view = item
        return reverse(f"policy:policy-{view}", kwargs={"slug": policy.slug})


class ThemeSitemap(I18nSitemap):
    def items(self):
        return Theme.objects.public().select_related("policy").order_by("policy__slug", "position")

    def location(self, theme):
        return theme.get_absolute_url()


class ConsultationFormSitemap(I18nSitemap):
    """The response form of each policy whose consultation is open (closed ones have none)."""

    def items(self):
        return (Policy.objects.in_consultation()
                .filter(consultation_ends__gte=timezone.localdate()).order_by("slug"))

    def location(self, policy):
        return reverse("policy:respond", kwargs={"slug": policy.slug})


class BodySitemap(I18nSitemap):
    def items(self):
        return Body.objects.with_pages().order_by("slug")


class MeetingSitemap(I18nSitemap):
    """Meetings of public policies, past ones too (they keep the record of the process)."""

    def items(self):
        return (Meeting.objects.public().select_related("step__policy")
                .order_by("step__policy__slug", "date", "pk"))

    def location(self, meeting):
        return meeting.get_absolute_url()


SITEMAPS = {
    "policy-pages": PolicyPagesSitemap,
    "policies": PolicySitemap,
    "policy-themes": ThemeSitemap,
    "policy-consultation-forms": ConsultationFormSitemap,
    "policy-bodies": BodySitemap,
    "policy-meetings": MeetingSitemap,
}
