"""One factory per model. Translated fields are set per language (title_da, title_en)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from core.models import Municipality
from policy.models import (
    ActionPoint,
    Body,
    ConsultationNote,
    ConsultationResponse,
    Policy,
    ProgressNote,
    Theme,
)
from toolbox.models import Audience, Contact, Guide, Topic
from volunteering.models import Area, Field, Opportunity, Organisation, Status


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    name = "Testrup Kommune"
    contact_email = "kontakt@testrup.example"
    phone = "11 22 33 44"
    address = "Rådhusvej 1, 9999 Testrup"
    opening_hours_da = "Mandag–fredag 10–14"
    opening_hours_en = "Monday–Friday 10–14"
    accessibility_statement_url = "https://www.was.digst.dk/testrup"
    privacy_notice_da = "## Dataansvarlig\n\nTestrup Kommune."
    privacy_notice_en = "## Controller\n\nTestrup Kommune."


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name_da = factory.Sequence(lambda n: f"Emne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"emne-{n}")
    position = factory.Sequence(lambda n: n)


class AudienceFactory(DjangoModelFactory):
    class Meta:
        model = Audience

    name_da = factory.Sequence(lambda n: f"Målgruppe {n}")
    name_en = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.Sequence(lambda n: f"maalgruppe-{n}")
    position = factory.Sequence(lambda n: n)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    name_da = factory.Sequence(lambda n: f"Enhed {n}")
    name_en = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"enhed-{n}")
    email = "enhed@testrup.example"
    phone = "11 22 33 55"
    details_confirmed = True


class GuideFactory(DjangoModelFactory):
    class Meta:
        model = Guide
        skip_postgeneration_save = True

    title_da = factory.Sequence(lambda n: f"Vejledning {n}")
    title_en = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"vejledning-{n}")
    summary_da = "Et kort resumé."
    summary_en = "A short summary."
    body_da = "## Første afsnit\n\nTekst om frivillige."
    body_en = "## First section\n\nText about volunteers."
    legal_basis_da = "Serviceloven § 18"
    legal_basis_en = "Social Services Act § 18"
    status = Guide.Status.PUBLISHED
    reviewed_on = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name_da = factory.Sequence(lambda n: f"Udvalg {n}")
    name_en = factory.Sequence(lambda n: f"Committee {n}")
    slug = factory.Sequence(lambda n: f"udvalg-{n}")
    kind = Body.Kind.COMMITTEE


class PolicyFactory(DjangoModelFactory):
    class Meta:
        model = Policy

    title_da = factory.Sequence(lambda n: f"Frivillighedspolitik {n}")
    title_en = factory.Sequence(lambda n: f"Volunteering policy {n}")
    slug = factory.Sequence(lambda n: f"politik-{n}")
    status = Policy.Status.ADOPTED
    adopted_on = datetime.date(2024, 1, 1)
    introduction_da = "Indledning."
    introduction_en = "Introduction."


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    # In consultation is public like adopted, any number may exist (one of each kind is
    # adopted), and it is current, so the action plan lists its points without a filter.
    policy = factory.SubFactory(PolicyFactory, status=Policy.Status.CONSULTATION, adopted_on=None,
                                consultation_ends=datetime.date(2031, 1, 15))
    position = factory.Sequence(lambda n: n)
    title_da = factory.Sequence(lambda n: f"Tema {n}")
    title_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class ActionPointFactory(DjangoModelFactory):
    class Meta:
        model = ActionPoint

    theme = factory.SubFactory(ThemeFactory)
    position = factory.Sequence(lambda n: n)
    slug = factory.Sequence(lambda n: f"indsats-{n}")
    title_da = factory.Sequence(lambda n: f"Indsats {n}")
    title_en = factory.Sequence(lambda n: f"Action point {n}")


class ProgressNoteFactory(DjangoModelFactory):
    class Meta:
        model = ProgressNote

    action_point = factory.SubFactory(ActionPointFactory)
    noted_on = datetime.date(2026, 9, 1)
    text_da = factory.Sequence(lambda n: f"Statusnote {n}")
    text_en = factory.Sequence(lambda n: f"Progress note {n}")
# Indicators ------------------------------------------------------------------------------------
from indicators.models import (  # noqa: E402
    Annotation,
    BenchmarkPoint,
    BenchmarkSeries,
    Breakdown,
    Indicator,
    Observation,
    Target,
)


class BreakdownFactory(DjangoModelFactory):
    class Meta:
        model = Breakdown

    dimension = Breakdown.Dimension.AREA
    slug = factory.Sequence(lambda n: f"omraade-{n}")
    name_da = factory.Sequence(lambda n: f"Område {n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")
    position = factory.Sequence(lambda n: n)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    name_da = factory.Sequence(lambda n: f"Indikator {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indikator-{n}")
    description_da = "Hvad indikatoren måler."
    description_en = "What the indicator measures."
    definition_da = "Antal personer den 31. december."
    definition_en = "Number of people on 31 December."
    source_da = "Kommunens register"
    source_en = "The municipality's register"
    unit = Indicator.Unit.COUNT
    direction = Indicator.Direction.HIGHER
    frequency = Indicator.Frequency.YEAR
    visibility = Indicator.Visibility.PUBLIC
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.Sequence(lambda n: datetime.date(2000 + n % 100, 1, 1))
    value = 100
    status = Observation.Status.FINAL


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = datetime.date(2030, 1, 1)
    value = 200


class BenchmarkSeriesFactory(DjangoModelFactory):
    class Meta:
        model = BenchmarkSeries

    indicator = factory.SubFactory(IndicatorFactory)
    slug = factory.Sequence(lambda n: f"benchmark-{n}")
    name_da = factory.Sequence(lambda n: f"Hele landet {n}")
    name_en = factory.Sequence(lambda n: f"Denmark {n}")
    source_da = "Landsdækkende undersøgelse"
    source_en = "National survey"


class BenchmarkPointFactory(DjangoModelFactory):
    class Meta:
        model = BenchmarkPoint

    series = factory.SubFactory(BenchmarkSeriesFactory)
    year = 2020
    value = 36


class AnnotationFactory(DjangoModelFactory):
    class Meta:
        model = Annotation

    date = datetime.date(2021, 6, 1)
    text_da = "Politik vedtaget"
    text_en = "Policy adopted"
# Toolbox: attachments (a real DOCX by default) and feedback.
from django.core.files.base import ContentFile  # noqa: E402

from toolbox.models import Attachment, Feedback, GuideAttachment  # noqa: E402


def docx_bytes(text: str = "Skabelon") -> bytes:
    from toolbox.documents import build_docx

    return build_docx(f"# {text}\n\nNavn: ______", title=text, language="da")


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = Attachment

    title_da = factory.Sequence(lambda n: f"Skabelon {n}")
    title_en = factory.Sequence(lambda n: f"Template {n}")
    description_da = "En skabelon."
    file_da = factory.LazyFunction(lambda: ContentFile(docx_bytes(), name="skabelon.docx"))

    @factory.post_generation
    def guide(self, create, extracted, **kwargs):
        """`guide=…` links the attachment to that guide (a new one without it); `guide=False`
        leaves it unlinked. More guides: GuideAttachment.objects.create(…)."""
        if create and extracted is not False:
            GuideAttachment.objects.create(guide=extracted or GuideFactory(), attachment=self,
                                           position=self.pk)


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    guide = factory.SubFactory(GuideFactory)
    language = "da"
    is_useful = True


# Toolbox: rules kept as data and the activity planner.
from toolbox.models import AnswerOption, Question, Requirement, Rule  # noqa: E402


class RuleFactory(DjangoModelFactory):
    class Meta:
        model = Rule

    slug = factory.Sequence(lambda n: f"regel-{n}")
    statement_da = "Højst {value} uden tilladelse"
    statement_en = "At most {value} without a permit"
    value = 150
    unit_da = "personer"
    unit_en = "people"
    authority_da = "Politiet"
    authority_en = "The police"
    legal_basis_da = "Restaurationsloven § 22"
    legal_basis_en = "Restaurants Act s. 22"
    url = "https://politi.dk"
    verified_on = factory.LazyFunction(datetime.date.today)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    key = factory.Sequence(lambda n: f"spoergsmaal-{n}")
    text_da = factory.Sequence(lambda n: f"Spørgsmål {n}?")
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.SINGLE
    position = factory.Sequence(lambda n: n)


class AnswerOptionFactory(DjangoModelFactory):
    class Meta:
        model = AnswerOption

    question = factory.SubFactory(QuestionFactory)
    key = factory.Sequence(lambda n: f"svar-{n}")
    label_da = factory.Sequence(lambda n: f"Svar {n}")
    label_en = factory.Sequence(lambda n: f"Answer {n}")
    position = factory.Sequence(lambda n: n)


class RequirementFactory(DjangoModelFactory):
    class Meta:
        model = Requirement
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"punkt-{n}")
    title_da = factory.Sequence(lambda n: f"Punkt {n}")
    title_en = factory.Sequence(lambda n: f"Item {n}")
    why_da = "Fordi loven siger det."
    why_en = "Because the law says so."
    category = Requirement.Category.MUST
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def triggers(self, create, extracted, **kwargs):
        if create and extracted:
            self.triggers.set(extracted)

    @factory.post_generation
    def rules(self, create, extracted, **kwargs):
        if create and extracted:
            self.rules.set(extracted)

    @factory.post_generation
    def guides(self, create, extracted, **kwargs):
        if create and extracted:
            self.guides.set(extracted)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    name_da = factory.Sequence(lambda n: f"Bydel {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"bydel-{n}")
    position = factory.Sequence(lambda n: n)


class FieldFactory(DjangoModelFactory):
    class Meta:
        model = Field

    name_da = factory.Sequence(lambda n: f"Område {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")
    slug = factory.Sequence(lambda n: f"omraade-{n}")
    position = factory.Sequence(lambda n: n)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testrup Forening {n}")
    slug = factory.Sequence(lambda n: f"forening-{n}")
    kind = Organisation.Kind.ASSOCIATION
    presentation_da = "Vi laver **frivilligt** arbejde i Testrup."
    presentation_en = "We do **voluntary** work in Testrup."
    area = factory.SubFactory(AreaFactory)
    address = "Foreningsvej 1, 9999 Testrup"
    public_email = "forening@testrup.example"
    status = Status.PUBLISHED


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title_da = factory.Sequence(lambda n: f"Frivillig opgave {n}")
    title_en = factory.Sequence(lambda n: f"Volunteer task {n}")
    slug = factory.Sequence(lambda n: f"opgave-{n}")
    summary_da = "Hjælp til med at lave kaffe og snakke med gæsterne."
    summary_en = "Help make coffee and talk with the guests."
    description_da = "## Det skal du lave\n\nDu laver kaffe og snakker med gæsterne."
    description_en = "## What you will do\n\nYou make coffee and talk with the guests."
    when = Opportunity.When.RECURRING
    when_text_da = "Hver tirsdag kl. 10–12"
    when_text_en = "Every Tuesday 10–12"
    contact_name = "Kirsten Kontakt"
    contact_email = "kontakt.person@testrup.example"
    contact_phone = "22 33 44 55"
    publish_from = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=1))
    status = Status.PUBLISHED

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields.set(extracted)


from places.models import Kind, Place  # noqa: E402
from places.models import Status as PlaceStatus  # noqa: E402


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place
        skip_postgeneration_save = True

    name_da = factory.Sequence(lambda n: f"Mødelokale {n}")
    name_en = factory.Sequence(lambda n: f"Meeting room {n}")
    slug = factory.Sequence(lambda n: f"sted-{n}")
    kind = Kind.MEETING_ROOM
    summary_da = "Lyst lokale med borde og stole."
    summary_en = "A light room with tables and chairs."
    address = "Lokalevej 1, 9999 Testrup"
    area = factory.SubFactory(AreaFactory)
    seats = 20
    bookers = factory.LazyFunction(lambda: ["folkeoplysende", "foreninger"])
    booking_url = "https://booking.testrup.example/sted"
    status = PlaceStatus.PUBLISHED

    @factory.post_generation
    def guides(self, create, extracted, **kwargs):
        if create and extracted:
            self.guides.set(extracted)

    @factory.post_generation
    def booking_rules(self, create, extracted, **kwargs):
        if create and extracted:
            self.booking_rules.set(extracted)


class ConsultationResponseFactory(DjangoModelFactory):
    """A response to a policy whose consultation has closed (so it may be published)."""

    class Meta:
        model = ConsultationResponse

    policy = factory.SubFactory(PolicyFactory, status=Policy.Status.ARCHIVED,
                                consultation_ends=datetime.date(2025, 1, 15))
    name = factory.Sequence(lambda n: f"Respondent {n}")
    on_behalf_of = ConsultationResponse.OnBehalfOf.PRIVATE
    email = factory.Sequence(lambda n: f"svar{n}@borger.example")
    text = factory.Sequence(lambda n: f"Høringssvar nummer {n}.")


class ConsultationNoteFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationNote

    policy = factory.SubFactory(PolicyFactory, status=Policy.Status.ARCHIVED,
                                consultation_ends=datetime.date(2025, 1, 15))
    said_da = "Svarene bad om mere."
    said_en = "The responses asked for more."
    is_published = True
# The policy process (policy/models/process.py) ----------------------------------------------

from policy.models import Meeting, MeetingSignup, ProcessStep  # noqa: E402


class ProcessStepFactory(DjangoModelFactory):
    class Meta:
        model = ProcessStep

    policy = factory.SubFactory(PolicyFactory, status=Policy.Status.CONSULTATION,
                                consultation_ends=datetime.date(2099, 1, 1))
    position = factory.Sequence(lambda n: n)
    title_da = factory.Sequence(lambda n: f"Trin {n}")
    title_en = factory.Sequence(lambda n: f"Step {n}")


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    step = factory.SubFactory(ProcessStepFactory)
    kind = Meeting.Kind.DIALOGUE
    title_da = factory.Sequence(lambda n: f"Dialogmøde {n}")
    title_en = factory.Sequence(lambda n: f"Dialogue meeting {n}")
    audience_da = "Frivillige og foreninger"
    audience_en = "Volunteers and associations"
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
    starts_at = datetime.time(17, 0)
    ends_at = datetime.time(19, 0)
    address = "Mødevej 3, 9999 Testrup"
    capacity = 10


class MeetingSignupFactory(DjangoModelFactory):
    class Meta:
        model = MeetingSignup

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Deltager {n}")
    email = factory.Sequence(lambda n: f"deltager{n}@borger.example")
