"""Demo volunteering content: Ballerup's areas, fields of activity, organisations and
opportunities. Only what is missing is created (looked up by slug); what staff changed stays.

The opportunities are published from a fixed day before the demo's reference date, so the list
is full on a fresh `make run`; the one-off tasks carry dates in 2027 and leave the lists by
themselves after them.
"""

import datetime
from pathlib import Path

from core.demo import read_toml, translated
from volunteering.models import Area, Field, Opportunity, Organisation, Status

HERE = Path(__file__).parent
PUBLISHED_FROM = datetime.date(2026, 11, 25)
PUBLISHED_AT = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
OPPORTUNITY_TEXTS = ("title", "summary", "description", "when_text", "time_needed",
                     "requirements")


def _create_missing(model, rows, texts) -> int:
    created = 0
    for row in rows:
        if model.objects.filter(slug=row["slug"]).exists():
            continue
        obj = model(slug=row["slug"], position=row["position"], **translated(row, *texts))
        obj.full_clean()
        obj.save()
        created += 1
    return created


def load_organisations(rows, areas, fields) -> int:
    created = 0
    for row in rows:
        if Organisation.objects.filter(slug=row["slug"]).exists():
            continue
        organisation = Organisation(
            slug=row["slug"], name=row["name"], kind=row["kind"], area=areas[row["area"]],
            address=row.get("address", ""), website=row.get("website", ""),
            public_email=row.get("public_email", ""), public_phone=row.get("public_phone", ""),
            is_example=row["example"], status=Status.PUBLISHED,
            **translated(row, "presentation"),
        )
        organisation.full_clean()
        organisation.save()
        organisation.fields.set(fields[slug] for slug in row["fields"])
        created += 1
    return created


def load_opportunities(rows, fields) -> int:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    created = 0
    for row in rows:
        if Opportunity.objects.filter(slug=row["slug"]).exists():
            continue
        opportunity = Opportunity(
            slug=row["slug"], organisation=organisations[row["organisation"]],
            when=row["when"], date=row.get("date"), suits=row.get("suits", []),
            minimum_age=row.get("minimum_age"),
            involves_children=row.get("involves_children", False),
            volunteers_wanted=row.get("volunteers_wanted"), contact_name=row["contact_name"],
            contact_email=row["contact_email"], contact_phone=row.get("contact_phone", ""),
            show_contact_phone=bool(row.get("contact_phone")), publish_from=PUBLISHED_FROM,
            published_at=PUBLISHED_AT,
            status=Status.PUBLISHED, is_example=True,
            **translated(row, *OPPORTUNITY_TEXTS),
        )
        opportunity.full_clean()
        opportunity.save()
        opportunity.fields.set(fields[slug] for slug in row["fields"])
        created += 1
    return created


def load(*, stdout) -> None:
    directory = read_toml(HERE / "directory.toml")
    areas_created = _create_missing(Area, directory["area"], ("name",))
    fields_created = _create_missing(Field, directory["field"], ("name",))
    areas = {area.slug: area for area in Area.objects.all()}
    fields = {field.slug: field for field in Field.objects.all()}
    organisations = load_organisations(read_toml(HERE / "organisations.toml")["organisation"],
                                       areas, fields)
    opportunities = load_opportunities(read_toml(HERE / "opportunities.toml")["opportunity"],
                                       fields)
    stdout.write(f"Volunteering: {areas_created} areas, {fields_created} fields, "
                 f"{organisations} organisations and {opportunities} opportunities created; "
                 "existing ones left as they are.")
