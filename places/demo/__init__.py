"""Demo places: rooms, halls and urban spaces in Ballerup's three areas. Only what is missing
is created (looked up by slug); what staff changed stays. Loaded after the toolbox (rules and
guides they cite) and volunteering (areas and the owner units)."""

from pathlib import Path

from core.demo import read_toml, translated
from places.models import Place, Status
from toolbox.models import Guide, Rule
from volunteering.models import Area, Organisation

HERE = Path(__file__).parent
TEXTS = ("name", "summary", "description", "opening_hours", "price", "photo_alt")


def load(*, stdout) -> None:
    areas = {area.slug: area for area in Area.objects.all()}
    owners = {o.slug: o for o in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPAL)}
    rules = {rule.slug: rule for rule in Rule.objects.all()}
    guides = {guide.slug: guide for guide in Guide.objects.all()}
    created = 0
    for row in read_toml(HERE / "places.toml")["place"]:
        if Place.objects.filter(slug=row["slug"]).exists():
            continue
        place = Place(
            slug=row["slug"], kind=row["kind"], address=row["address"],
            area=areas.get(row["area"]), seats=row.get("seats"), standing=row.get("standing"),
            step_free=row.get("step_free", False),
            accessible_toilet=row.get("accessible_toilet", False),
            hearing_loop=row.get("hearing_loop", False), equipment=row.get("equipment", []),
            bookers=row["bookers"],
            free_for_folkeoplysning=row.get("free_for_folkeoplysning", False),
            booking_url=row.get("booking_url", ""), owner=owners.get(row.get("owner", "")),
            owner_name=row.get("owner_name", ""), contact_name=row.get("contact_name", ""),
            contact_email=row.get("contact_email", ""),
            contact_phone=row.get("contact_phone", ""),
            status=Status.PUBLISHED, is_example=row["example"],
            **translated(row, *TEXTS),
        )
        place.full_clean()
        place.save()
        place.booking_rules.set(rules[slug] for slug in row.get("booking_rules", []))
        place.guides.set(guides[slug] for slug in row.get("guides", []))
        created += 1
    stdout.write(f"Places: {created} places created; existing ones left as they are.")
