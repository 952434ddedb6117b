"""One factory per model. Translated fields are set per language (title_da, title_en)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from policy.models import ActionPoint, Body, Policy, Theme
from portal.models import Municipality
from toolbox.models import Audience, Contact, Guide, Topic


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

    policy = factory.SubFactory(PolicyFactory)
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


# Toolbox: attachments (a real DOCX by default) and feedback.
from django.core.files.base import ContentFile  # noqa: E402

from toolbox.models import Attachment, Feedback  # noqa: E402


def docx_bytes(text: str = "Skabelon") -> bytes:
    from toolbox.documents import build_docx

    return build_docx(f"# {text}\n\nNavn: ______", title=text, language="da")


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = Attachment

    guide = factory.SubFactory(GuideFactory)
    title_da = factory.Sequence(lambda n: f"Skabelon {n}")
    title_en = factory.Sequence(lambda n: f"Template {n}")
    description_da = "En skabelon."
    file_da = factory.LazyFunction(lambda: ContentFile(docx_bytes(), name="skabelon.docx"))
    position = factory.Sequence(lambda n: n)


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    guide = factory.SubFactory(GuideFactory)
    language = "da"
    is_useful = True
