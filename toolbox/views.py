from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.downloads import stored_file
from core.filters import not_understood
from core.languages import crumb
from core.markdown import Heading, slugify
from core.markdown import render as render_markdown
from core.private import may_preview, never_stored
from core.search import providers
from core.search_text import search_words
from toolbox import guide_page, services
from toolbox.filters import AudienceGuideFilter, GuideFilter, SearchForm, TopicGuideFilter
from toolbox.forms import FeedbackForm, SubscribeForm
from toolbox.ical import planner_ics
from toolbox.models import (
    Attachment,
    AttachmentAlias,
    Audience,
    Guide,
    GuideAttachment,
    Requirement,
    Topic,
)
from toolbox.planner import (
    DATE_FIELD,
    PlannerForm,
    checklist,
    fill_checklist_texts,
    fill_question_texts,
    load_questions,
    planner_items,
)
from toolbox.rules import RuleBook, fill_citations, strip_citations
from toolbox.search import GuideSearchProvider, search_guides, snippet
from toolbox.subscription_views import action_url

PAGE_SIZE = 20
# Staff who may view guides see drafts, and their attachments, as a preview.
PREVIEW_PERMISSION = "toolbox.view_guide"


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _toolbox_crumb():
    return (_("Toolbox"), reverse("toolbox:index"))


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _filter_message(filterset):
    if not_understood(filterset):
        return _("We did not recognise the filter you chose, so all guides are shown.")
    return ""


@require_safe
def index(request):
    published = Q(guides__status=Guide.Status.PUBLISHED)
    topics = Topic.objects.annotate(guide_count=Count("guides", filter=published))
    return render(request, "toolbox/index.html", {
        "own_search_box": True,  # one search box per page: the header leaves out its own
        "topics": topics,
        "audiences": Audience.objects.all(),
        "popular": Guide.objects.published().without_text().most_used()[:6],
        "search_form": SearchForm(),
        **_alerts("toolbox", None, _("Get one short e-mail when a guide in the toolbox changes in "
                                     "a way that matters.")),
    })


def _alerts(kind, slug, text, *, form=False):
    """The context of "Get an e-mail when it changes": the small form on a page that has a form
    already (the guide's feedback), else a link to the form's page (a list page sets no
    cookie, and a form would bring the CSRF cookie)."""
    return {"alert_form": SubscribeForm() if form else None,
            "alert_action": action_url(kind, slug), "alert_text": text}


def _guide_list(request, template, filterset, context):
    page = _page(request, filterset.qs)
    return render(request, template, {
        **context, "filter": filterset, "page": page, "guides": page.object_list,
        "filter_message": _filter_message(filterset),
    })


@require_safe
def guide_list(request):
    filterset = GuideFilter(request.GET or None, queryset=Guide.objects.published().for_list())
    return _guide_list(request, "toolbox/guide_list.html", filterset, {
        "breadcrumbs": [_toolbox_crumb(), (_("All guides"), None)],
    })


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.annotate(plans_events=Exists(
        Requirement.objects.filter(guides__topics=OuterRef("pk"),
                                   guides__status=Guide.Status.PUBLISHED))), slug=slug)
    filterset = TopicGuideFilter(
        request.GET or None, queryset=Guide.objects.published().filter(topics=topic).for_list()
    )
    return _guide_list(request, "toolbox/topic_detail.html", filterset, {
        "topic": topic, "breadcrumbs": [_toolbox_crumb(), crumb(topic, "name", None)],
        **_alerts("topic", topic.slug, _("Get one short e-mail when a guide about this topic "
                                         "changes in a way that matters.")),
    })


@require_safe
def audience_detail(request, slug):
    audience = get_object_or_404(Audience, slug=slug)
    filterset = AudienceGuideFilter(
        request.GET or None,
        queryset=Guide.objects.published().filter(audiences=audience).for_list(),
    )
    return _guide_list(request, "toolbox/audience_detail.html", filterset, {
        "audience": audience, "breadcrumbs": [_toolbox_crumb(), crumb(audience, "name", None)],
        "audience_panels": settings.TOOLBOX_AUDIENCE_PANELS,
    })


def _get_guide(request, slug):
    """A published or withdrawn guide for everyone; a draft only for staff (404 otherwise)."""
    guide = get_object_or_404(
        # The change notes and the checklist items that point to the guide come in its own
        # query (toolbox.guide_page).
        guide_page.with_parts(Guide.objects).select_related("contact").prefetch_related(
            "topics", "audiences",
            Prefetch("attachment_links",
                     queryset=GuideAttachment.objects.select_related("attachment")),
            Prefetch("related",
                     queryset=Guide.objects.published().without_text().order_by("title")),
        ),
        slug=slug,
    )
    # A guide the planner's checklist points to is about events: it links the planner.
    guide.plans_events = bool(guide.requirement_rows)
    if guide.status == Guide.Status.DRAFT and not may_preview(request.user, PREVIEW_PERMISSION):
        raise Http404
    return guide


def _rendered_body(guide):
    """The body as HTML with its headings, cached until the guide is saved again."""
    key = f"toolbox:guide-body:{guide.pk}:{_language()}:{guide.updated_at.timestamp()}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = render_markdown(guide.body)
        cache.set(key, rendered, 24 * 3600)
    return rendered


def _render_guide(request, guide, *, form=None, status=200, thanks=False, form_error=""):
    rendered = _rendered_body(guide)
    # One query for the rules the body and the checklist items' titles use.
    book = RuleBook()
    breadcrumbs = [_toolbox_crumb()]
    if guide.main_topic:
        breadcrumbs.append(crumb(guide.main_topic, "name", guide.main_topic.get_absolute_url()))
    breadcrumbs.append(crumb(guide, "title", None))
    response = render(request, "toolbox/guide_detail.html", {
        "guide": guide,
        # Rules are filled in after the cache, so a changed rule shows at once.
        "body": fill_citations(rendered.html, book),
        "headings": [Heading(h.level, h.id, strip_citations(h.title))
                     for h in rendered.headings if h.level == 2],
        "attachments": [link.attachment for link in guide.attachment_links.all()
                        if link.attachment.file],
        "breadcrumbs": breadcrumbs,
        "feedback_form": form or FeedbackForm(),
        "feedback_thanks": thanks,
        "feedback_error": form_error,
        "is_preview": guide.status == Guide.Status.DRAFT,
        # Only a published guide shows its changes and can be followed.
        "changes": (guide_page.latest_changes(guide)
                    if guide.status == Guide.Status.PUBLISHED else []),
        "alert_action": None,
        **(_alerts("guide", guide.slug, _("Get one short e-mail when this guide changes in a way "
                                          "that matters."), form=True)
           if guide.status == Guide.Status.PUBLISHED else {}),
        "planner_items": planner_items(guide_page.requirements(guide), book,
                                       reverse("toolbox:planner")),
    }, status=status)
    if guide.status == Guide.Status.DRAFT:
        never_stored(response)
    return response


@require_safe
def guide_detail(request, slug):
    guide = _get_guide(request, slug)
    # Set by the redirect after a reader answered; it only changes the wording on the page.
    thanks = request.GET.get("feedback") == "sent"
    return _render_guide(request, guide, thanks=thanks)


@require_POST
def guide_feedback(request, slug):
    guide = get_object_or_404(Guide.objects.readable(), slug=slug)
    # Honeypot, minimum fill-in time and the limit per reader and guide (counted in the database
    # all workers share, by a keyed hash of the address) are checked by the intake's PublicForm.
    form = FeedbackForm(request.POST, request=request, scope=f"toolbox.feedback:{guide.pk}",
                        limit=settings.TOOLBOX_FEEDBACK_LIMIT, per_seconds=3600)
    thanks_url = f"{guide.get_absolute_url()}?feedback=sent#feedback"
    if form.is_valid():
        services.feedback_create(
            guide=guide, language=_language(), is_useful=form.cleaned_data["is_useful"],
            comment=form.cleaned_data["comment"],
        )
        return redirect(thanks_url)
    if form.caught_robot:
        return redirect(thanks_url)  # a robot: answer as if all went well, store nothing
    guide = _get_guide(request, slug)
    if form.rate_limited:
        return _render_guide(request, guide, form=form, status=429, form_error=_(
            "We have received several answers for this page from you in a short time. "
            "Please try again later."
        ))
    return _render_guide(request, guide, form=form, status=400,
                         form_error=" ".join(form.non_field_errors()))


@require_safe
def attachment_download(request, pk):
    preview = may_preview(request.user, PREVIEW_PERMISSION)
    attachments = Attachment.objects.all() if preview else Attachment.objects.public()
    attachment = attachments.filter(pk=pk).first()
    if attachment is None:
        # An address of a duplicate that was merged into one stored template.
        alias = AttachmentAlias.objects.filter(old_id=pk).values_list("attachment_id", flat=True)
        if alias and attachments.filter(pk=alias[0]).exists():
            return redirect("toolbox:attachment-download", pk=alias[0], permanent=True)
        raise Http404
    response = stored_file(attachment.file, content_type=attachment.content_type,
                           filename=f"{slugify(attachment.title)}.{attachment.extension}")
    if preview and not Attachment.objects.public().filter(pk=pk).exists():
        never_stored(response)  # offered by drafts only: a staff preview
    return response


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    filterset = GuideFilter(request.GET or None,
                            queryset=Guide.objects.published().without_text().with_topic_names())
    words = search_words(query)
    page, other_results, suggested = None, [], None
    if words:
        page = _page(request, search_guides(filterset.qs, query, _language()))
        for guide in page.object_list:
            guide.snippet = snippet(guide.headline) or guide.summary
            # The same for every row: the words with the unknown ones corrected, if any were.
            suggested = guide.suggestion
        other_results = [
            (provider.label, hits) for provider in providers()
            if not isinstance(provider, GuideSearchProvider)
            for hits in [provider.search(query, _language(), limit=5)] if hits
        ]
    return render(request, "toolbox/search.html", {
        "own_search_box": True,
        "form": form,
        "query": query,
        "words": words,
        "filter": filterset,
        "filter_message": _filter_message(filterset),
        "page": page,
        "other_results": other_results,
        "suggested": suggested,
        "suggested_url": suggested and f"{request.path}?{urlencode({'q': suggested})}",
        "topics": Topic.objects.all(),  # evaluated only when the page lists them
        "breadcrumbs": [_toolbox_crumb(), (_("Search"), None)],
    })


# The planner ---------------------------------------------------------------------------------

def _planner(request):
    """(form, answered, groups, event day) for the GET parameters; nothing is stored."""
    questions = load_questions()
    # One query for the rules every text on the page uses ([[værdi:…]] and the like).
    book = RuleBook()
    fill_question_texts(questions, book)
    known = {DATE_FIELD, *(question.key for question in questions)}
    # Asked key by key, not by walking request.GET: the same answer, and the fuzz sees which
    # parameters the planner looks at (tests/portal/test_fuzz.py).
    answered = any(key in request.GET for key in known)
    form = PlannerForm(request.GET if answered else None, questions=questions)
    groups, event = [], None
    if answered and form.is_valid():
        event = form.cleaned_data[DATE_FIELD]
        groups = checklist(form.chosen_option_ids(), event)
        fill_checklist_texts(groups, book)
    return form, answered, groups, event


@require_safe
def planner(request):
    form, answered, groups, event = _planner(request)
    valid = answered and form.is_valid()
    query = request.GET.urlencode() if valid else ""
    subscription = valid and request.build_absolute_uri(
        f"{reverse('toolbox:planner-subscription')}?{query}")
    return render(request, "toolbox/planner.html", {
        "form": form,
        "answered": valid,
        "answers": form.answers() if valid else [],
        "groups": groups,
        "event": event,
        "today": timezone.localdate(),
        "has_deadlines": any(item.deadline for group in groups for item in group.items),
        "answer_query": query,
        # webcal:// makes a calendar app offer to subscribe; the https address is the same file.
        "subscription_url": subscription,
        "webcal_url": subscription and "webcal://" + subscription.split("://", 1)[1],
        "breadcrumbs": [_toolbox_crumb(), (_("Plan an activity"), None)],
    })


# A subscribed calendar fetches again at most this often from a shared cache; the page cache's
# ETag and Last-Modified (core/cache.py) turn the polls between rule changes into 304s.
SUBSCRIPTION_CACHE_CONTROL = "public, max-age=3600"


def _planner_ics(request, *, subscription: bool):
    """The deadlines of an answer set as an iCalendar file (RFC 5545), made from the address
    alone: nothing is stored about who downloads or subscribes."""
    form, answered, groups, event = _planner(request)
    if not (answered and form.is_valid()):
        return redirect(reverse("toolbox:planner"))
    page_url = request.build_absolute_uri(f"{reverse('toolbox:planner')}?{request.GET.urlencode()}")
    body = planner_ics(groups, event, page_url=page_url, host=request.get_host(),
                       subscription=subscription)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_safe
def planner_calendar(request):
    response = _planner_ics(request, subscription=False)
    if response.status_code == 200:
        response["Content-Disposition"] = 'attachment; filename="planlaeg-aktivitet.ics"'
    return response


@require_safe
def planner_subscription(request):
    """The same file as `planner_calendar`, at the address a calendar app subscribes to."""
    response = _planner_ics(request, subscription=True)
    if response.status_code == 200:
        response["Cache-Control"] = SUBSCRIPTION_CACHE_CONTROL
    return response
