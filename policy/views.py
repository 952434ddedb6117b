import datetime

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from core.downloads import stored_file
from core.languages import crumb
from core.private import never_stored
from core.spreadsheets import write_csv
from policy import measures, page
from policy.filters import ActionPointFilter, with_sort_keys
from policy.models import ActionPoint, Body, Policy, Theme
from policy.presentation import consultation_outcome, process_overview
from toolbox.models import Guide


def _private_if_preview(response, obj_is_public: bool):
    """A draft seen by staff must never be stored by a shared or browser cache."""
    return response if obj_is_public else never_stored(response)


def _visible_policy(request, slug) -> Policy:
    # front_page_pk: the policy the front page shows (as index()), read in the same query.
    return get_object_or_404(
        page.with_parts(Policy.objects.visible_to(request.user).select_related("adopted_by")
                        .annotate(front_page_pk=Policy.objects.current_pk())),
        slug=slug,
    )


def _policy_parts(policy: Policy, themes: list) -> dict:
    """What the policy page and the print view show around the themes, all read with the policy
    (policy.page): no query here."""
    sections = page.sections(policy)
    decided = policy.status in (Policy.Status.ADOPTED, Policy.Status.ARCHIVED)
    return {
        "policy": policy,
        "themes": themes,
        "sections_before": [s for s in sections if s.placement == s.Placement.BEFORE_THEMES],
        "sections_after": [s for s in sections if s.placement == s.Placement.AFTER_THEMES],
        "values": page.values(policy),
        "adoptions": page.adoptions(policy) if decided else [],
        "consultation": consultation_outcome(policy, themes),
    }


def _policy_context(policy: Policy) -> dict:
    themes = list(policy.themes.with_progress().order_by("position", "id"))
    return {**_policy_parts(policy, themes), "process": _process(policy)}


def _process(policy: Policy):
    """"Hvor er vi i processen?", from the steps and meetings read with the policy."""
    steps = page.steps(policy)
    if not steps:
        return None
    return process_overview(policy, steps, page.meetings(policy))


@require_safe
def index(request):
    """The front page of the policy section: the current policy with progress per theme."""
    # The page's three lists from one query: there are only ever a handful of policies.
    # The parts around the themes are read for the first one in force alone (the one shown).
    policies = list(page.with_parts(
        Policy.objects.public().select_related("adopted_by").order_by("kind", "title"),
        only=Q(pk=Policy.objects.current_pk())))
    in_force = [p for p in policies if p.status == Policy.Status.ADOPTED]
    consultations = sorted((p for p in policies if p.status == Policy.Status.CONSULTATION),
                           key=lambda p: p.consultation_ends or datetime.date.max)
    current = in_force[0] if in_force else None
    context = _policy_context(current) if current else {"policy": None, "themes": []}
    context.update({
        "is_front_page": True,
        "also_in_force": in_force[1:],
        "bodies": list(Body.objects.with_pages().order_by("name")),
        "consultations": consultations,
        "has_archive": any(p.status == Policy.Status.ARCHIVED for p in policies),
        "breadcrumbs": [(_("Policy"), None)],
    })
    return render(request, "policy/policy_detail.html", context)


@require_safe
def policy_detail(request, slug):
    policy = _visible_policy(request, slug)
    context = _policy_context(policy)
    context["breadcrumbs"] = [(_("Policy"), _index_url()), crumb(policy, "title", None)]
    context["bodies"] = list(Body.objects.with_pages().order_by("name"))
    if policy.front_page_pk == policy.pk:
        context["canonical_path"] = _index_url()  # the policy page shows this very policy
    response = render(request, "policy/policy_detail.html", context)
    return _private_if_preview(response, policy.is_public)


@require_safe
def theme_detail(request, policy_slug, slug):
    theme = get_object_or_404(
        Theme.objects.select_related("policy").filter(
            policy__in=Policy.objects.visible_to(request.user)
        ),
        policy__slug=policy_slug, slug=slug,
    )
    action_points = list(
        theme.action_points.for_listing().prefetch_related(
            Prefetch("related_guides", queryset=Guide.objects.published().order_by("title"),
                     to_attr="public_guides")
        ).order_by("position", "id")
    )
    for action_point in action_points:
        action_point.theme = theme  # already loaded; avoids a query per link
    measures.attach(action_points, user=request.user)
    policy = theme.policy
    context = {
        "theme": theme,
        "policy": policy,
        "action_points": action_points,
        "other_themes": [t for t in policy.themes.order_by("position", "id") if t.pk != theme.pk],
        "theme_panels": settings.POLICY_THEME_PANELS,
        "breadcrumbs": [
            (_("Policy"), _index_url()), crumb(policy, "title", policy.get_absolute_url()),
            crumb(theme, "title", None),
        ],
    }
    response = render(request, "policy/theme_detail.html", context)
    return _private_if_preview(response, policy.is_public)


def _action_plan_filter(request) -> ActionPointFilter:
    queryset = with_sort_keys(ActionPoint.objects.public().with_action_plan().for_listing())
    return ActionPointFilter(request.GET, queryset=queryset, request=request)


def action_plan_columns() -> list[str]:
    """The columns of the action plan, the same on the page and in the CSV file."""
    return [
        _("Action point"), _("Theme"), pgettext("filter", "Policy"), _("Status"),
        _("Responsible"), _("Start"), _("Due"), _("Latest progress note"),
        _("Progress note date"), _("What the figures say"),
    ]


@require_safe
def action_plan(request):
    filterset = _action_plan_filter(request)
    action_points = measures.attach(filterset.qs, user=request.user)
    context = {
        "filter": filterset,
        "action_points": action_points,
        "columns": action_plan_columns(),
        "query_string": request.GET.urlencode(),
        "breadcrumbs": [(_("Policy"), _index_url()), (_("Action plan"), None)],
    }
    return render(request, "policy/action_plan.html", context)


@require_safe
def action_plan_print(request):
    """The action plan on A4 with the same filters, each action point a block that keeps its
    status and who is responsible together."""
    filterset = _action_plan_filter(request)
    query = request.GET.urlencode()
    return render(request, "policy/action_plan_print.html", {
        "filter": filterset, "action_points": list(filterset.qs),
        "print_back_url": reverse("policy:action-plan") + (f"?{query}" if query else ""),
        "print_back_text": _("Back to the action plan"),
    })


def action_plan_row(action_point: ActionPoint) -> list[str]:
    note = action_point.latest_note
    status = action_point.get_status_display()
    if action_point.is_overdue:
        status = f"{status} ({_('overdue')})"
    return [
        action_point.title,
        action_point.theme.title,
        action_point.theme.policy.title,
        status,
        ", ".join(owner.name for owner in action_point.owners.all()),
        action_point.start_on.isoformat() if action_point.start_on else "",
        action_point.due_on.isoformat() if action_point.due_on else "",
        note.text if note else "",
        note.noted_on.isoformat() if note else "",
        figures_text(action_point),
    ]


def figures_text(action_point) -> str:
    """The figures that measure the action point, in one cell of the CSV file."""
    parts = []
    if action_point.computed:
        parts.append(_("Computed from the figures: %(label)s") % {
            "label": action_point.computed.label})
    if action_point.status_reason:
        parts.append(_("Reason: %(reason)s") % {"reason": action_point.status_reason})
    for figure in action_point.measured_by:
        line = f"{figure.name}: {figure.latest_text} ({figure.latest_period})"
        if figure.sentence:
            line += f"; {figure.sentence}"
        parts.append(f"{line}; {figure.label}")
    return " | ".join(parts)


@require_safe
def action_plan_csv(request):
    """Exactly the rows and columns the action plan page shows for the same filters."""
    filterset = _action_plan_filter(request)
    filename = _("action-plan") + ".csv"
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    # The Danish convention every CSV of the portal follows (core/spreadsheets.py).
    write_csv(response, [action_plan_columns(), *(
        action_plan_row(action_point)
        for action_point in measures.attach(filterset.qs, user=request.user))])
    return response


@require_safe
def archive(request):
    policies = Policy.objects.archived().select_related("adopted_by")
    return render(request, "policy/archive.html", {
        "policies": policies,
        "breadcrumbs": [(_("Policy"), _index_url()), (_("Archive"), None)],
    })


@require_safe
def policy_print(request, slug):
    """The whole policy and its action plan on A4, for committee meetings."""
    policy = _visible_policy(request, slug)
    themes = list(policy.themes.with_progress().order_by("position", "id"))
    action_points = measures.attach(
        ActionPoint.objects.filter(theme__policy=policy).for_listing()
        .order_by("theme__position", "position", "id"), user=request.user)
    by_theme = {theme.pk: [] for theme in themes}
    for action_point in action_points:
        by_theme[action_point.theme_id].append(action_point)
    for theme in themes:
        theme.listed_action_points = by_theme[theme.pk]
    response = render(request, "policy/print.html", {
        **_policy_parts(policy, themes), "action_points": action_points,
        "columns": action_plan_columns(),
    })
    return _private_if_preview(response, policy.is_public)


@require_safe
def body_detail(request, slug):
    """A body behind the policy: its role, members, meetings, contact and action points."""
    body = get_object_or_404(Body.objects.with_pages(), slug=slug)
    action_points = list(
        body.action_points.public().with_action_plan().exclude(
            theme__policy__status=Policy.Status.ARCHIVED
        ).select_related("theme__policy").order_by("theme__policy__title", "theme__position",
                                                  "position", "id")
    )
    return render(request, "policy/body_detail.html", {
        "body": body,
        "members": list(body.members.order_by("position", "id")),
        "upcoming": list(body.meetings.upcoming()[:6]),
        "past": list(body.meetings.past()[:12]),
        "action_points": action_points,
        "breadcrumbs": [(_("Policy"), _index_url()), crumb(body, "name", None)],
    })


@require_safe
def policy_document(request, slug):
    policy = _visible_policy(request, slug)
    response = stored_file(policy.document, content_type="application/pdf",
                           filename=policy.document_filename())
    return _private_if_preview(response, policy.is_public)


def _index_url():
    return reverse("policy:index")
