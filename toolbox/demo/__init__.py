"""Demo toolbox (Ballerup Kommune): topics, audiences, contacts, guides and templates.

Only what is missing is created (matched by slug); a record staff have edited is never touched,
so loading twice changes nothing. The templates are built into real DOCX/ODT files.
"""

import functools
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo import read_toml, translated
from toolbox.documents import BUILDERS
from toolbox.models import (
    AnswerOption, Attachment, Audience, Contact, Guide, GuideAttachment, Question, Requirement,
    Rule, Topic,
)

HERE = Path(__file__).parent


def _create_missing(model, rows, fields, *, plain=("position",)):
    existing = set(model.objects.values_list("slug", flat=True))
    created = 0
    for row in rows:
        if row["slug"] in existing:
            continue
        values = {key: row[key] for key in ("slug", *plain) if key in row}
        record = model(**values, **translated(row, *fields))
        record.full_clean()
        record.save()
        created += 1
    return created


@functools.cache
def _template_files(slug: str) -> dict:
    """{"meta": ..., "files": {"da": (name, bytes), "en": (name, bytes)}} for one template.

    Built once per process: building the DOCX/ODT files is most of a demo load's time, and the
    tests load the demo more than once.
    """
    data = read_toml(HERE / "templates" / f"{slug}.toml")
    build = BUILDERS[data["format"]]
    return {"meta": data, "files": {
        language: (f"{slug}.{data['format']}",
                   build(data[language]["body"], title=data[language]["title"], language=language))
        for language in ("da", "en") if language in data
    }}


def _template(slug: str) -> Attachment:
    """The demo template stored once, found by its Danish title (staff may have edited the file
    but rarely the title); a guide that offers it links to it instead of storing a copy."""
    template = _template_files(slug)
    meta = translated(template["meta"], "title", "description")
    attachment = Attachment.objects.filter(title_da=meta["title_da"]).order_by("pk").first()
    if attachment is None:
        attachment = Attachment(**meta)
        for language, (name, content) in template["files"].items():
            setattr(attachment, f"file_{language}", ContentFile(content, name=name))
        attachment.full_clean()
        attachment.save()
    return attachment


def _add_attachments(guide, slugs):
    for position, slug in enumerate(slugs, start=1):
        GuideAttachment.objects.get_or_create(guide=guide, attachment=_template(slug),
                                              defaults={"position": position * 10})


def load(*, stdout) -> None:
    topics = _create_missing(Topic, read_toml(HERE / "topics.toml")["topic"],
                             ("name", "description"))
    audiences = _create_missing(Audience, read_toml(HERE / "audiences.toml")["audience"],
                                ("name", "description", "entry_label"))
    contacts = _create_missing(Contact, read_toml(HERE / "contacts.toml")["contact"],
                               ("name", "opening_hours"),
                               plain=("email", "phone", "details_confirmed"))

    # Rules first (the guides cite them); the planner's items link to guides, so they are
    # created after the guides below.
    planner = read_toml(HERE / "planner.toml")
    planner_contacts = _create_missing(Contact, planner["contact"], ("name", "opening_hours"),
                                       plain=("email", "phone", "details_confirmed"))
    rules = _create_missing(Rule, planner["rule"], ("statement", "unit", "authority",
                                                     "legal_basis"), plain=PLAIN_RULE_FIELDS)

    existing = set(Guide.objects.values_list("slug", flat=True))
    rows = [read_toml(path) for path in sorted((HERE / "guides").glob("*.toml"))]
    rows = [row for row in rows if row["slug"] not in existing]
    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    audience_ids = dict(Audience.objects.values_list("slug", "pk"))
    contact_ids = dict(Contact.objects.values_list("slug", "pk"))
    created = {}
    for row in rows:
        guide = Guide(
            slug=row["slug"], status=Guide.Status.PUBLISHED, published_at=timezone.now(),
            contact_id=contact_ids.get(row.get("contact")),
            reviewed_on=row.get("reviewed_on"),
            review_interval_months=row.get("review_interval_months", 12),
            **translated(row, "title", "summary", "body", "legal_basis"),
        )
        guide.full_clean(exclude=["topics", "audiences"])
        guide.save()
        guide.topics.set([topic_ids[slug] for slug in row["topics"]])
        guide.audiences.set([audience_ids[slug] for slug in row["audiences"]])
        _add_attachments(guide, row.get("attachments", []))
        created[guide.slug] = (guide, row)

    guide_ids = dict(Guide.objects.values_list("slug", "pk"))
    for guide, row in created.values():
        guide.related.set([guide_ids[slug] for slug in row.get("related", []) if slug in guide_ids])

    stdout.write(
        f"Toolbox: {topics} topics, {audiences} audiences, {contacts + planner_contacts} "
        f"contacts, {rules} rules and {len(created)} guides created; existing ones left as "
        "they are."
    )
    _load_planner(planner, stdout=stdout)


PLAIN_RULE_FIELDS = ("value", "value_month", "value_day", "url", "verified_on", "to_check",
                     "local_practice",
                     "lead_time_days", "working_days")


def _load_planner(data, *, stdout) -> None:
    """Planner questions with their answers, and checklist items; only what is missing."""
    questions = 0
    existing = set(Question.objects.values_list("key", flat=True))
    for row in data["question"]:
        if row["key"] in existing:
            continue
        question = Question(key=row["key"], kind=row["kind"], position=row["position"],
                            **translated(row, "text", "help_text"))
        question.full_clean()
        question.save()
        for position, option in enumerate(row["options"], start=1):
            answer = AnswerOption(question=question, key=option["key"], position=position * 10,
                                  label_da=option["da"], label_en=option["en"],
                                  link_query=option.get("link_query", ""))
            answer.full_clean()
            answer.save()
        questions += 1

    options = {f"{o.question.key}={o.key}": o.pk
               for o in AnswerOption.objects.select_related("question")}
    rule_ids = dict(Rule.objects.values_list("slug", "pk"))
    guide_ids = dict(Guide.objects.values_list("slug", "pk"))
    contact_ids = dict(Contact.objects.values_list("slug", "pk"))
    existing = set(Requirement.objects.values_list("slug", flat=True))
    requirements = 0
    for row in data["requirement"]:
        if row["slug"] in existing:
            continue
        requirement = Requirement(
            slug=row["slug"], category=row["category"], position=row["position"],
            lead_time_days=row.get("lead_time_days"), contact_id=contact_ids.get(row.get("contact")),
            **translated(row, "title", "why", "link_url", "link_text"),
        )
        requirement.full_clean(exclude=["triggers", "requires_also", "excluded_by", "rules",
                                        "guides"])
        requirement.save()
        requirement.triggers.set([options[key] for key in row["triggers"]])
        requirement.requires_also.set([options[key] for key in row.get("requires_also", [])])
        requirement.excluded_by.set([options[key] for key in row.get("excluded_by", [])])
        requirement.rules.set([rule_ids[slug] for slug in row.get("rules", [])])
        requirement.guides.set([guide_ids[slug] for slug in row.get("guides", [])
                                if slug in guide_ids])
        requirements += 1
    stdout.write(
        f"Planner: {questions} questions and "
        f"{requirements} checklist items created; existing ones left as they are."
    )
