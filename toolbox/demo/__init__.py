"""Demo toolbox (Ballerup Kommune): topics, audiences, contacts, guides and templates.

Only what is missing is created (matched by slug); a record staff have edited is never touched,
so loading twice changes nothing. The templates are built into real DOCX/ODT files.
"""

from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import read_toml, translated
from toolbox.documents import BUILDERS
from toolbox.models import Attachment, Audience, Contact, Guide, Topic

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


def _template_files(slug: str, cache: dict) -> dict:
    """{"da": (name, bytes), "en": (name, bytes)} for one template, built once per load."""
    if slug not in cache:
        data = read_toml(HERE / "templates" / f"{slug}.toml")
        build = BUILDERS[data["format"]]
        cache[slug] = {"meta": data, "files": {
            language: (f"{slug}.{data['format']}",
                       build(data[language]["body"], title=data[language]["title"],
                             language=language))
            for language in ("da", "en") if language in data
        }}
    return cache[slug]


def _add_attachments(guide, slugs, cache):
    for position, slug in enumerate(slugs, start=1):
        template = _template_files(slug, cache)
        attachment = Attachment(
            guide=guide, position=position * 10,
            **translated(template["meta"], "title", "description"),
        )
        for language, (name, content) in template["files"].items():
            setattr(attachment, f"file_{language}", ContentFile(content, name=name))
        attachment.full_clean()
        attachment.save()


def load(*, stdout) -> None:
    topics = _create_missing(Topic, read_toml(HERE / "topics.toml")["topic"],
                             ("name", "description"))
    audiences = _create_missing(Audience, read_toml(HERE / "audiences.toml")["audience"],
                                ("name", "description", "entry_label"))
    contacts = _create_missing(Contact, read_toml(HERE / "contacts.toml")["contact"],
                               ("name", "opening_hours"), plain=("email", "phone"))

    existing = set(Guide.objects.values_list("slug", flat=True))
    rows = [read_toml(path) for path in sorted((HERE / "guides").glob("*.toml"))]
    rows = [row for row in rows if row["slug"] not in existing]
    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    audience_ids = dict(Audience.objects.values_list("slug", "pk"))
    contact_ids = dict(Contact.objects.values_list("slug", "pk"))
    created, cache = {}, {}
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
        _add_attachments(guide, row.get("attachments", []), cache)
        created[guide.slug] = (guide, row)

    guide_ids = dict(Guide.objects.values_list("slug", "pk"))
    for guide, row in created.values():
        guide.related.set([guide_ids[slug] for slug in row.get("related", []) if slug in guide_ids])

    stdout.write(
        f"Toolbox: {topics} topics, {audiences} audiences, {contacts} contacts and "
        f"{len(created)} guides created; existing ones left as they are."
    )
