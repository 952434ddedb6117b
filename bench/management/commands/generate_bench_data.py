"""The scaled data set the benchmark measures: a municipality at national scale.

    manage.py generate_bench_data            # 5,000 guides, 60 indicators, 300 action points
    manage.py generate_bench_data --scale 2  # twice as many

Built from the demo content (run load_demo first): each generated guide mixes the sections of
real demo guides with a generated opening in Danish and English, so full-text search for a common
word ("frivillig", "forening", "forsikring") has many hits. Only what is missing is added:
running it twice changes nothing, and a larger --scale adds the difference. Everything is
written with bulk_create, so the content version is bumped once at the end.
"""

import datetime
import decimal
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.cache import bump_content_version
from core.search import rebuild_search_words
from indicators.models import Breakdown, Indicator, MeetingStatus, Observation, Target
from indicators.services import meeting_status_create
from places.models import Place
from places.models import Status as PlaceStatus
from policy.models import (
    ActionPoint,
    Body,
    BodyMeeting,
    BodyMember,
    ConsultationNote,
    ConsultationResponse,
    Meeting,
    MeetingSignup,
    Policy,
    PolicyChange,
    PolicySection,
    PolicyValue,
    ProcessStep,
)
from toolbox.models import Audience, ChangeNote, Guide, Subscription, Topic
from volunteering.models import Field, Opportunity, Organisation, Status, Suits

GUIDES, INDICATORS, ACTION_POINTS, OPPORTUNITIES, PLACE_COUNT = 5000, 60, 300, 2000, 1000
# E-mail alerts (docs/subscriptions.md): confirmed addresses, and major changes noted on the
# guide the benchmark measures.
SUBSCRIBERS, CHANGE_NOTES = 5000, 20
CONSULTATION_RESPONSES = 200
YEARS = 20
BATCH = 500
PREFIX = "bench-"
MEETINGS = 60
SIGNUPS_PER_MEETING = 25

# (Danish, English) pieces that vary the demo guides' titles and openings.
SETTINGS = [
    ("i idrætsforeninger", "in sports clubs"), ("for spejdere", "for scouts"),
    ("på plejecentre", "at care homes"), ("i lektiecaféer", "in homework cafés"),
    ("ved byfester", "at town festivals"), ("i kulturforeninger", "in cultural associations"),
    ("for nye frivillige", "for new volunteers"), ("i boligområder", "in housing estates"),
    ("på biblioteket", "at the library"), ("i natteravnene", "with the night ravens"),
    ("i besøgstjenester", "in visiting services"), ("i musikforeninger", "in music clubs"),
    ("for foreningsformænd", "for association chairs"), ("i sundhedscaféer", "in health cafés"),
    ("i skolernes frivillignetværk", "in the schools' volunteer network"),
    ("ved motionsløb", "at fun runs"), ("i madfællesskaber", "in community kitchens"),
    ("i ældreklubber", "in senior clubs"), ("for unge frivillige", "for young volunteers"),
    ("i patientforeninger", "in patient associations"),
]
FORMS = [
    ("kort fortalt", "in brief"), ("tjekliste", "checklist"),
    ("spørgsmål og svar", "questions and answers"), ("trin for trin", "step by step"),
    ("det skal du vide", "what you need to know"), ("gode råd", "good advice"),
    ("for begyndere", "for beginners"), ("eksempler fra praksis", "examples from practice"),
]
PLACES = ["Ballerup", "Skovlunde", "Måløv", "Egebjerg", "Hedegården", "Lundegården",
          "Grantoften", "Magleparken"]
OPENINGS_DA = [
    "Mange frivillige i {place} spørger om det samme, når de starter {setting}.",
    "Denne vejledning er skrevet til frivillige og foreninger {setting} i {place}.",
    "Frivillige {setting} møder ofte spørgsmålet, og her er kommunens korte svar.",
    "Foreningen og de frivillige {setting} har ansvaret sammen, og kommunen hjælper gerne.",
]
OPENINGS_EN = [
    "Many volunteers in {place} ask the same question when they start {setting}.",
    "This guide is written for volunteers and associations {setting} in {place}.",
    "Volunteers {setting} often meet this question, and here is the municipality's short answer.",
    "The association and its volunteers {setting} share the responsibility; the municipality "
    "is glad to help.",
]
INDICATOR_NAMES = [
    ("Frivillige i {area}", "Volunteers in {area}", "count"),
    ("Foreninger i {area} med samarbejdsaftale", "Associations in {area} with a cooperation "
     "agreement", "count"),
    ("Timer frivilligt arbejde i {area}", "Hours of volunteering in {area}", "hours"),
    ("Andel tilfredse frivillige i {area}", "Share of satisfied volunteers in {area}", "percent"),
    ("Tilskud til frivillige i {area}", "Grants to volunteers in {area}", "dkk"),
    ("Svartid på henvendelser fra {area}", "Response time to enquiries from {area}", "days"),
]
AREAS = [("idræt", "sport"), ("kultur", "culture"), ("det sociale område", "social care"),
         ("ældreområdet", "care for older people"), ("børn og unge", "children and young people"),
         ("Skovlunde", "Skovlunde"), ("Måløv", "Måløv"), ("Ballerup by", "Ballerup town"),
         ("Egebjerg", "Egebjerg"), ("Hedegården", "Hedegården")]
ACTION_VERBS = [
    ("Styrke samarbejdet med {who}", "Strengthen the cooperation with {who}"),
    ("Gøre det lettere for {who} at låne lokaler", "Make it easier for {who} to borrow rooms"),
    ("Tilbyde kurser for {who}", "Offer courses for {who}"),
    ("Synliggøre frivillige opgaver for {who}", "Make volunteering tasks visible to {who}"),
    ("Samle vejledning til {who} ét sted", "Gather the advice for {who} in one place"),
]
WHO = [("foreninger", "associations"), ("nye frivillige", "new volunteers"),
       ("unge", "young people"), ("seniorer", "senior citizens"),
       ("kommunens medarbejdere", "municipal staff"), ("boligsociale projekter",
                                                          "housing projects")]


class Command(BaseCommand):
    help = ("Add the benchmark's scaled data set (5,000 guides, 60 indicators × 20 years × 5 "
            "breakdowns, 300 action points, times --scale) on top of the demo content.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="Multiply every count (default 1).")

    def handle(self, *args, scale, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        with transaction.atomic():
            guides = self.guides(round(GUIDES * scale))
            indicators = self.indicators(round(INDICATORS * scale))
            action_points = self.action_points(round(ACTION_POINTS * scale))
            opportunities = self.opportunities(round(OPPORTUNITIES * scale))
            places = self.places(round(PLACE_COUNT * scale))
            responses = self.consultation_responses(round(CONSULTATION_RESPONSES * scale))
            shapes = self.policy_shapes(scale)
            meetings = self.process(round(MEETINGS * scale))
            statuses = self.statuses()
            alerts = self.alerts(round(SUBSCRIBERS * scale))
            if (guides or indicators or action_points or opportunities or places or responses
                    or shapes or meetings or statuses or alerts):
                bump_content_version()
        # The word list "Did you mean …?" compares with, as the hourly job would leave it.
        words = rebuild_search_words()
        self.stdout.write(self.style.SUCCESS(
            f"Benchmark data: added {guides} guides, {indicators} indicators, "
            f"{action_points} action points, {opportunities} opportunities, {places} places, "
            f"{responses} consultation responses, {meetings} process meetings with sign-ups (now "
            f"{Guide.objects.published().count()} published "
            f"guides, {Indicator.objects.count()} indicators, "
            f"{Observation.objects.count()} observations, {ActionPoint.objects.count()} action "
            f"points, {Opportunity.objects.published().count()} published opportunities, "
            f"{Place.objects.public().count()} published places; {words} search words)."
        ))

    # E-mail alerts ------------------------------------------------------------------------

    def alerts(self, target: int) -> int:
        """Confirmed subscriptions spread over guides, topics and the whole toolbox, and change
        notes on the first published guide (the bench's "guide" page); returns notes added."""
        missing = target - Subscription.objects.filter(email__startswith="bench-").count()
        guides = list(Guide.objects.published().order_by("pk").values_list("pk", flat=True)[:500])
        topics = list(Topic.objects.values_list("pk", flat=True))
        if missing > 0 and guides and topics:
            start = target - missing
            now = timezone.now()
            rows = []
            for n in range(start, target):
                kind = ("guide", "topic", "toolbox")[n % 3]
                rows.append(Subscription(
                    email=f"bench-{n}@example.invalid", kind=kind, requested_at=now,
                    confirmed_at=now, guide_id=guides[n % len(guides)] if kind == "guide" else None,
                    topic_id=topics[n % len(topics)] if kind == "topic" else None))
            Subscription.objects.bulk_create(rows, batch_size=BATCH)
        if not guides or ChangeNote.objects.filter(guide_id=guides[0]).count() >= CHANGE_NOTES:
            return 0
        now = timezone.now()
        ChangeNote.objects.bulk_create([
            ChangeNote(guide_id=guides[0], note_da=f"Eksempel: ændring nummer {n}.",
                       note_en=f"Example: change number {n}.",
                       created_at=now - datetime.timedelta(days=n))
            for n in range(CHANGE_NOTES)])
        return CHANGE_NOTES

    # Consultation responses ---------------------------------------------------------------

    def consultation_responses(self, target: int) -> int:
        """Published responses on the current policy (its page lists them all, with a
        høringsnotat per theme), and a policy in høring for the response form's page."""
        policy = Policy.objects.current()
        if policy is None:
            raise CommandError("No current (adopted) policy: run load_demo first.")
        if not Policy.objects.filter(slug="bench-hoering").exists():
            Policy.objects.create(
                slug="bench-hoering", title_da="Benchmark: strategi i høring",
                title_en="Benchmark: strategy in consultation", status=Policy.Status.CONSULTATION,
                consultation_ends=timezone.localdate() + datetime.timedelta(days=3650))
        themes = list(policy.themes.order_by("position"))
        existing = ConsultationResponse.objects.filter(policy=policy, name__startswith="Bench ")
        count = max(0, target - existing.count())
        start = timezone.now() - datetime.timedelta(days=400)
        created = ConsultationResponse.objects.bulk_create([
            ConsultationResponse(
                policy=policy, name=f"Bench {n}", on_behalf_of=("private", "association")[n % 2],
                organisation_name=f"Benchmarkforening {n}" if n % 2 else "",
                text=f"Eksempeldata til benchmark, svar {n}. " * 20, publish_name=n % 3 == 0,
                submitted_at=start + datetime.timedelta(minutes=n), is_published=True)
            for n in range(existing.count(), existing.count() + count)])
        links = ConsultationResponse.themes.through
        links.objects.bulk_create([links(consultationresponse=response, theme=themes[i % len(themes)])
                                   for i, response in enumerate(created)] if themes else [])
        for theme in themes:
            note = ConsultationNote.objects.filter(policy=policy, theme=theme).first() or \
                ConsultationNote.objects.create(policy=policy, theme=theme, is_published=True,
                                                said_da="Eksempeldata til benchmark.")
            if created and not note.changes.exists():
                PolicyChange.objects.create(note=note, description_da="Eksempeldata.") \
                    .responses.set(created[:5])
        return len(created)

    # Guides ------------------------------------------------------------------------------

    def guides(self, target: int) -> int:
        missing = target - Guide.objects.published().count()
        if missing <= 0:
            return 0
        sources = list(Guide.objects.published().exclude(slug__startswith=PREFIX)
                       .prefetch_related("topics", "audiences").order_by("slug"))
        if not sources:
            raise CommandError("No demo guides to build on: run load_demo first.")
        start = Guide.objects.filter(slug__startswith=PREFIX).count()
        Topics, Audiences = Guide.topics.through, Guide.audiences.through
        topics, audiences = list(Topic.objects.all()), list(Audience.objects.all())
        now = datetime.datetime.now(datetime.UTC)
        for batch_start in range(start, start + missing, BATCH):
            numbers = range(batch_start, min(batch_start + BATCH, start + missing))
            rows, links = [], []
            for number in numbers:
                rng = random.Random(number)
                source, extra = rng.choice(sources), rng.choice(sources)
                rows.append(self.guide(number, source, extra, rng, now))
                links.append(({t.pk for t in source.topics.all()} | {rng.choice(topics).pk},
                              {a.pk for a in source.audiences.all()}
                              | {rng.choice(audiences).pk}))
            created = Guide.objects.bulk_create(rows)
            Topics.objects.bulk_create(
                Topics(guide_id=guide.pk, topic_id=pk)
                for guide, (topic_pks, _) in zip(created, links) for pk in topic_pks)
            Audiences.objects.bulk_create(
                Audiences(guide_id=guide.pk, audience_id=pk)
                for guide, (_, audience_pks) in zip(created, links) for pk in audience_pks)
        return missing

    def guide(self, number, source, extra, rng, now) -> Guide:
        (setting_da, setting_en), (form_da, form_en) = rng.choice(SETTINGS), rng.choice(FORMS)
        place = rng.choice(PLACES)
        opening = rng.randrange(len(OPENINGS_DA))
        body_da = "\n\n".join([
            OPENINGS_DA[opening].format(place=place, setting=setting_da),
            source.body_da or "", _last_section(extra.body_da),
        ])
        body_en = "\n\n".join([
            OPENINGS_EN[opening].format(place=place, setting=setting_en),
            source.body_en or source.body_da or "", _last_section(extra.body_en or extra.body_da),
        ])
        return Guide(
            slug=f"{PREFIX}{number:05d}-{source.slug}"[:200],
            title_da=f"{source.title_da} {setting_da} – {form_da}"[:200],
            title_en=f"{source.title_en or source.title_da} {setting_en} – {form_en}"[:200],
            summary_da=f"{source.summary_da} ({place})",
            summary_en=f"{source.summary_en or source.summary_da} ({place})",
            body_da=body_da, body_en=body_en,
            legal_basis_da=source.legal_basis_da, legal_basis_en=source.legal_basis_en,
            status=Guide.Status.PUBLISHED, contact_id=source.contact_id,
            owner_id=source.owner_id,
            published_at=now - datetime.timedelta(days=number % 900),
            reviewed_on=(now - datetime.timedelta(days=number % 400)).date(),
        )

    # Statuses for committee meetings --------------------------------------------------------

    def statuses(self) -> int:
        """Four statuses of everything above, one a quarter (issue 15.3), with figures changed
        between them, so the status list holds several and the status page compares two
        full-size frozen sets."""
        days = [datetime.date(2099, 3, 12), datetime.date(2099, 6, 11),
                datetime.date(2099, 9, 10), datetime.date(2099, 11, 26)]
        if MeetingStatus.objects.filter(meeting_on__in=days).count() == len(days):
            return 0
        made = 0
        for number, day in enumerate(days):
            if MeetingStatus.objects.filter(meeting_on=day).exists():
                continue
            if number:  # what moved between the meetings: every tenth figure revised
                for observation in Observation.objects.filter(
                        indicator__slug__startswith=PREFIX).order_by("pk")[number::10][:500]:
                    observation.value += 1
                    observation.save(update_fields=["value"])
            meeting_status_create(
                meeting_on=day, is_example_data=True,
                title_da=f"Status til Kultur- og Fritidsudvalgets møde {day:%d.%m.%Y} (benchmark)",
                title_en=f"Status for the committee meeting on {day:%d.%m.%Y} (benchmark)")
            made += 1
        return made

    # Indicators --------------------------------------------------------------------------

    def indicators(self, target: int) -> int:
        missing = target - Indicator.objects.count()
        if missing <= 0:
            return 0
        breakdowns = list(Breakdown.objects.filter(dimension=Breakdown.Dimension.AREA)[:5])
        policy = Policy.objects.current()
        themes = list(policy.themes.order_by("position")) if policy else []
        owner = Body.objects.order_by("pk").first()
        start = Indicator.objects.filter(slug__startswith=PREFIX).count()
        this_year = datetime.date.today().year
        rows = []
        for number in range(start, start + missing):
            name_da, name_en, unit = INDICATOR_NAMES[number % len(INDICATOR_NAMES)]
            area_da, area_en = AREAS[(number // len(INDICATOR_NAMES)) % len(AREAS)]
            round_ = number // (len(INDICATOR_NAMES) * len(AREAS))
            suffix = f" ({round_ + 1})" if round_ else ""
            rows.append(Indicator(
                slug=f"{PREFIX}indikator-{number:04d}",
                name_da=name_da.format(area=area_da) + suffix,
                name_en=name_en.format(area=area_en) + suffix,
                description_da="Eksempeldata til belastningstest: hvor mange frivillige og "
                               "foreninger der er aktive på området.",
                description_en="Example data for the load test: how many volunteers and "
                               "associations are active in the area.",
                definition_da="Opgjort ved årets udgang.", definition_en="Counted at year end.",
                source_da="Eksempeldata", source_en="Example data",
                unit=unit, decimals=1 if unit == "percent" else 0, owner=owner,
                is_example_data=True, position=1000 + number,
            ))
        created = Indicator.objects.bulk_create(rows)
        observations, targets, links = [], [], []
        for indicator in created:
            rng = random.Random(indicator.slug)
            level = rng.uniform(20, 900) if indicator.unit != "percent" else rng.uniform(20, 70)
            for offset in range(YEARS):
                period = datetime.date(this_year - YEARS + offset, 1, 1)
                total = level * (1 + 0.02 * offset) * rng.uniform(0.95, 1.05)
                observations.append(_observation(indicator, period, None, total))
                for index, breakdown in enumerate(breakdowns):
                    share = total * (0.1 + 0.05 * index) * rng.uniform(0.9, 1.1)
                    observations.append(_observation(indicator, period, breakdown, share))
            targets.append(Target(indicator=indicator, period=datetime.date(this_year + 1, 1, 1),
                                  value=decimal.Decimal(round(level * 1.5, 1))))
            if themes:
                links.append(Indicator.themes.through(
                    indicator_id=indicator.pk, theme_id=rng.choice(themes).pk))
        Observation.objects.bulk_create(observations, batch_size=2000)
        Target.objects.bulk_create(targets)
        Indicator.themes.through.objects.bulk_create(links)
        return missing

    # Action points -----------------------------------------------------------------------

    def action_points(self, target: int) -> int:
        policy = Policy.objects.current()
        if policy is None:
            raise CommandError("No current (adopted) policy: run load_demo first.")
        themes = list(policy.themes.order_by("position"))
        existing = ActionPoint.objects.filter(theme__policy=policy).count()
        missing = target - existing
        if missing <= 0 or not themes:
            return 0
        bodies = list(Body.objects.all())
        start = ActionPoint.objects.filter(slug__startswith=PREFIX).count()
        statuses = list(ActionPoint.Status.values)
        today = datetime.date.today()
        rows, owners = [], []
        for number in range(start, start + missing):
            rng = random.Random(f"action-{number}")
            verb_da, verb_en = ACTION_VERBS[number % len(ACTION_VERBS)]
            who_da, who_en = WHO[(number // len(ACTION_VERBS)) % len(WHO)]
            place = PLACES[number % len(PLACES)]
            rows.append(ActionPoint(
                theme=themes[number % len(themes)], slug=f"{PREFIX}indsats-{number:04d}",
                position=100 + number,
                title_da=f"{verb_da.format(who=who_da)} i {place}",
                title_en=f"{verb_en.format(who=who_en)} in {place}",
                description_da="Eksempel til belastningstest: en indsats for frivillige og "
                               "foreninger i lokalområdet.",
                description_en="Example for the load test: an effort for volunteers and "
                               "associations in the neighbourhood.",
                status=rng.choice(statuses),
                start_on=today - datetime.timedelta(days=rng.randrange(30, 700)),
                due_on=today + datetime.timedelta(days=rng.randrange(-200, 900)),
            ))
            owners.append(rng.choice(bodies).pk if bodies else None)
        created = ActionPoint.objects.bulk_create(rows)
        ActionPoint.owners.through.objects.bulk_create(
            ActionPoint.owners.through(actionpoint_id=point.pk, body_id=owner)
            for point, owner in zip(created, owners) if owner)
        self.measured_by(created)
        return missing

    def policy_shapes(self, scale: float) -> int:
        """Sections and values around the current policy's themes, and members and meetings
        on the bodies' pages (issue 16): 12 sections, 8 values, 25 members and 150 meetings
        per body with a page, times --scale."""
        policy = Policy.objects.current()
        added = 0
        if policy and not policy.sections.filter(title_da__startswith="Eksempel").exists():
            PolicySection.objects.bulk_create(
                PolicySection(policy=policy, placement="before" if n % 2 else "after",
                              position=100 + n, title_da=f"Eksempelafsnit {n}",
                              title_en=f"Example section {n}",
                              body_da="Eksempel til belastningstest: et afsnit om frivillighed.",
                              body_en="Example for the load test: a section on volunteering.")
                for n in range(round(12 * scale)))
            PolicyValue.objects.bulk_create(
                PolicyValue(policy=policy, position=100 + n, title_da=f"Eksempelværdi {n}",
                            title_en=f"Example value {n}", text_da="Eksempel til belastningstest.",
                            text_en="Example for the load test.")
                for n in range(round(8 * scale)))
            added += 1
        today = datetime.date.today()
        for body in Body.objects.with_pages():
            if body.members.filter(name__startswith=PREFIX).exists():
                continue
            BodyMember.objects.bulk_create(
                BodyMember(body=body, position=100 + n, name=f"{PREFIX}Eksempel: Medlem {n}",
                           role_da="Medlem (eksempeldata)", role_en="Member (example data)")
                for n in range(round(25 * scale)))
            taken = set(body.meetings.values_list("meets_on", flat=True))
            days = [today + datetime.timedelta(days=7 * n - 700) for n in range(round(150 * scale))]
            BodyMeeting.objects.bulk_create(
                BodyMeeting(body=body, meets_on=day,
                            agenda_url=f"https://kommune.example.dk/dagsorden/{day:%Y%m%d}")
                for day in days if day not in taken)
            added += 1
        return added
    def measured_by(self, action_points) -> None:
        """Every third new action point measured by one or two generated indicators, so the
        action plan shows figures and judgements at scale (issue 15 §1)."""
        indicators = list(Indicator.objects.filter(slug__startswith=PREFIX)
                          .order_by("pk").values_list("pk", flat=True))
        if not indicators:
            return
        links = []
        for number, point in enumerate(action_points):
            if number % 3:
                continue
            rng = random.Random(f"measured-{point.slug}")
            for indicator in rng.sample(indicators, min(len(indicators), rng.randint(1, 2))):
                links.append(Indicator.action_points.through(
                    indicator_id=indicator, actionpoint_id=point.pk))
        Indicator.action_points.through.objects.bulk_create(links, ignore_conflicts=True)


    # Volunteering opportunities --------------------------------------------------------------

    def opportunities(self, target: int) -> int:
        """Opportunities of the demo organisations, varied from the demo tasks' texts, spread
        over the fields, areas, kinds of time and who they suit."""
        missing = target - Opportunity.objects.published().count()
        sources = list(Opportunity.objects.filter(status=Status.PUBLISHED)
                       .select_related("organisation").order_by("slug"))
        organisations = list(Organisation.objects.public().order_by("slug"))
        fields = list(Field.objects.order_by("position"))
        if missing <= 0 or not (sources and organisations):
            return 0
        start = Opportunity.objects.filter(slug__startswith=PREFIX).count()
        now = datetime.datetime.now(datetime.UTC)
        suits = list(Suits.values)
        rows, links = [], []
        for number in range(start, start + missing):
            rng = random.Random(f"opportunity-{number}")
            source = sources[number % len(sources)]
            organisation = organisations[number % len(organisations)]
            place = PLACES[number % len(PLACES)]
            when = (Opportunity.When.FLEXIBLE, Opportunity.When.RECURRING)[number % 2]
            rows.append(Opportunity(
                organisation=organisation, slug=f"{PREFIX}opgave-{number:05d}",
                title_da=f"{source.title_da} i {place}", title_en=f"{source.title_en} in {place}",
                summary_da=source.summary_da, summary_en=source.summary_en,
                description_da=source.description_da, description_en=source.description_en,
                when=when, when_text_da=source.when_text_da, when_text_en=source.when_text_en,
                time_needed_da=source.time_needed_da, time_needed_en=source.time_needed_en,
                area_id=organisation.area_id, suits=rng.sample(suits, rng.randrange(1, 3)),
                involves_children=source.involves_children, minimum_age=source.minimum_age,
                contact_name="Eksempel: Bench Kontakt", contact_email="bench@example.dk",
                publish_from=datetime.date.today() - datetime.timedelta(days=rng.randrange(1, 90)),
                published_at=now - datetime.timedelta(days=rng.randrange(1, 90)),
                status=Status.PUBLISHED, is_example=True,
            ))
            links.append(fields[number % len(fields)].pk if fields else None)
        created = Opportunity.objects.bulk_create(rows, batch_size=BATCH)
        Opportunity.fields.through.objects.bulk_create(
            Opportunity.fields.through(opportunity_id=opportunity.pk, field_id=field)
            for opportunity, field in zip(created, links) if field)
        return missing

    # The policy process --------------------------------------------------------------------

    def process(self, target: int) -> int:
        """Process steps of the current policy (30 at scale 1, the current one in progress) and
        `target` upcoming meetings spread over them, each with sign-ups up to its capacity and a
        waiting list: the policy page and a meeting page at their largest."""
        policy = Policy.objects.current()
        if policy is None:
            raise CommandError("No current (adopted) policy: run load_demo first.")
        missing = target - Meeting.objects.filter(step__policy=policy).count()
        if missing <= 0:
            return 0
        step_count = ProcessStep.objects.filter(policy=policy).count()
        ProcessStep.objects.bulk_create(
            ProcessStep(policy=policy, position=1000 + number,
                        status=(ProcessStep.Status.IN_PROGRESS if number == 0
                                else ProcessStep.Status.PLANNED),
                        title_da=f"Eksempel: dialogmøder runde {number + 1}",
                        title_en=f"Example: dialogue meetings round {number + 1}",
                        description_da="Eksempel til belastningstest: lokale dialogmøder.",
                        description_en="Example for the load test: local dialogue meetings.",
                        planned_start=datetime.date.today() + datetime.timedelta(days=7 * number))
            for number in range(max(0, round(target / 2) - step_count)))
        steps = list(ProcessStep.objects.filter(policy=policy).order_by("position"))
        start = Meeting.objects.filter(step__policy=policy).count()
        meetings = Meeting.objects.bulk_create(
            Meeting(step=steps[number % len(steps)], kind=Meeting.Kind.DIALOGUE,
                    title_da=f"Eksempel: dialogmøde i {PLACES[number % len(PLACES)]}",
                    title_en=f"Example: dialogue meeting in {PLACES[number % len(PLACES)]}",
                    audience_da="Frivillige og foreninger (eksempel)",
                    audience_en="Volunteers and associations (example)",
                    date=datetime.date.today() + datetime.timedelta(days=3 + number),
                    starts_at=datetime.time(17), ends_at=datetime.time(19),
                    address=f"Eksempelvej {number}, 2750 Ballerup", capacity=SIGNUPS_PER_MEETING)
            for number in range(start, start + missing))
        MeetingSignup.objects.bulk_create(
            (MeetingSignup(meeting=meeting, name=f"Eksempel Deltager {n}",
                           email=f"bench-deltager-{meeting.pk}-{n}@example.dk",
                           on_waiting_list=n >= SIGNUPS_PER_MEETING)
             for meeting in meetings for n in range(SIGNUPS_PER_MEETING + 5)), batch_size=BATCH)
        return missing

    # Places ------------------------------------------------------------------------------

    def places(self, target: int) -> int:
        """Variations of the demo places (their texts, rules and guides kept), spread over the
        kinds, areas, sizes and equipment, so every filter of the list has many matches."""
        missing = target - Place.objects.public().count()
        sources = list(Place.objects.public().prefetch_related("booking_rules", "guides")
                       .order_by("slug"))
        if missing <= 0 or not sources:
            return 0
        start = Place.objects.filter(slug__startswith=PREFIX).count()
        rows = []
        for number in range(start, start + missing):
            rng = random.Random(f"place-{number}")
            source = sources[number % len(sources)]
            town = PLACES[number % len(PLACES)]
            rows.append(Place(
                slug=f"{PREFIX}sted-{number:05d}", kind=source.kind,
                name_da=f"{source.name_da} {number} i {town}",
                name_en=f"{source.name_en} {number} in {town}",
                summary_da=source.summary_da, summary_en=source.summary_en,
                description_da=source.description_da, description_en=source.description_en,
                opening_hours_da=source.opening_hours_da, opening_hours_en=source.opening_hours_en,
                price_da=source.price_da, price_en=source.price_en,
                address=source.address, area_id=source.area_id,
                seats=rng.choice([None, 10, 20, 40, 80, 150]),
                standing=rng.choice([None, 50, 200, 500]), step_free=rng.random() < 0.6,
                accessible_toilet=rng.random() < 0.5, hearing_loop=rng.random() < 0.3,
                equipment=source.equipment, bookers=source.bookers,
                free_for_folkeoplysning=source.free_for_folkeoplysning,
                booking_url=source.booking_url, owner_id=source.owner_id,
                owner_name=source.owner_name, contact_email=source.contact_email,
                status=PlaceStatus.PUBLISHED, is_example=True,
            ))
        created = Place.objects.bulk_create(rows, batch_size=BATCH)
        for through, name in ((Place.booking_rules.through, "rule_id"),
                              (Place.guides.through, "guide_id")):
            related = "booking_rules" if name == "rule_id" else "guides"
            through.objects.bulk_create(
                (through(place_id=place.pk, **{name: other.pk})
                 for number, place in enumerate(created, start)
                 for other in getattr(sources[number % len(sources)], related).all()),
                batch_size=BATCH)
        return missing


def _observation(indicator, period, breakdown, value) -> Observation:
    return Observation(indicator=indicator, period=period, breakdown=breakdown,
                       value=decimal.Decimal(round(value, 1)),
                       status=Observation.Status.FINAL)


def _last_section(body: str) -> str:
    """The last "## " section of a Markdown body (a whole body without sections)."""
    body = body or ""
    at = body.rfind("\n## ")
    return body[at + 1:] if at >= 0 else body
