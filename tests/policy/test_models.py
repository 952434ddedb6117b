import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from policy.models import DOCUMENT_MAX_BYTES, ActionPoint, Policy, Theme
from policy.services import policy_adopt, progress_note_add
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    PolicyFactory,
    ProgressNoteFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def document_errors(upload) -> list[str]:
    policy = PolicyFactory.build(slug="p", status=Policy.Status.DRAFT, document=upload)
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    return error.value.message_dict["document"]


@pytest.mark.parametrize(("name", "content"), [
    ("politik.pdf", b"<html><script>alert(1)</script></html>"),
    ("politik.pdf", b"MZ\x90\x00 an exe"),
    ("politik.docm", PDF),
    ("politik.svg", b"<svg onload=alert(1)>"),
    ("politik.html", PDF),
    ("politik.exe", PDF),
], ids=["html-named-pdf", "exe-named-pdf", "docm", "svg", "html", "exe"])
def test_document_must_really_be_a_pdf(name, content):
    assert document_errors(SimpleUploadedFile(name, content)) != []


def test_document_over_the_size_limit_gets_a_clear_error():
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * DOCUMENT_MAX_BYTES)
    assert document_errors(upload) == ["Filen fylder 20.0 MB; grænsen er 20 MB."]


def test_pdf_document_is_accepted_and_stored_under_a_generated_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    policy = PolicyFactory.build(slug="p", status=Policy.Status.DRAFT,
                                 document=SimpleUploadedFile("Min politik (endelig).pdf", PDF))
    policy.full_clean()
    policy.save()
    assert policy.document.name.startswith("policy/documents/")
    assert "endelig" not in policy.document.name and policy.document.name.endswith(".pdf")


def test_only_one_policy_of_a_kind_can_be_adopted_at_a_time(municipality):
    PolicyFactory(status=Policy.Status.ADOPTED)
    PolicyFactory(status=Policy.Status.ADOPTED, kind=Policy.Kind.STRATEGY).full_clean()
    second = PolicyFactory.build(slug="anden", status=Policy.Status.ADOPTED)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "En anden af samme slags er allerede vedtaget og gældende." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_current_is_the_adopted_policy(municipality):
    PolicyFactory(status=Policy.Status.ARCHIVED)
    adopted = PolicyFactory(status=Policy.Status.ADOPTED)
    PolicyFactory(status=Policy.Status.DRAFT)
    assert Policy.objects.current() == adopted


def test_adopting_a_policy_archives_the_current_one(municipality):
    old = PolicyFactory(status=Policy.Status.ADOPTED)
    new = PolicyFactory(status=Policy.Status.CONSULTATION, consultation_ends=datetime.date(2030, 1, 1))
    council = BodyFactory(kind="council")
    policy_adopt(policy=new, decisions=[(council, datetime.date(2030, 2, 1))])
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status, new.adopted_on) == ("archived", "adopted", datetime.date(2030, 2, 1))
    assert Policy.objects.current() == new


def test_consultation_needs_a_deadline_and_periods_must_be_in_order():
    policy = PolicyFactory.build(slug="p", status=Policy.Status.CONSULTATION)
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert error.value.message_dict["consultation_ends"] == [
        "En politik i høring skal have en høringsfrist."]
    policy = PolicyFactory.build(slug="p", status=Policy.Status.DRAFT,
                                 valid_from=datetime.date(2030, 1, 1),
                                 valid_to=datetime.date(2029, 1, 1))
    with pytest.raises(ValidationError, match="Gyldigheden skal slutte efter, den begynder."):
        policy.full_clean()


@pytest.mark.parametrize("slug", ["handlingsplan", "arkiv", "action-plan", "archive"])
def test_policy_slugs_that_would_hide_a_page_are_refused(slug):
    with pytest.raises(ValidationError):
        PolicyFactory.build(slug=slug, status=Policy.Status.DRAFT).full_clean()


def test_theme_slugs_that_would_hide_a_page_are_refused(municipality):
    theme = ThemeFactory.build(policy=PolicyFactory(), slug="udskriv")
    with pytest.raises(ValidationError):
        theme.full_clean()


def test_theme_progress_counts_done_action_points(municipality):
    theme = ThemeFactory()
    ActionPointFactory(theme=theme, status=ActionPoint.Status.DONE)
    ActionPointFactory(theme=theme, status=ActionPoint.Status.PAUSED)
    ActionPointFactory(theme=theme, status=ActionPoint.Status.IN_PROGRESS)
    annotated = Theme.objects.with_progress().get(pk=theme.pk)
    assert (annotated.done_count, annotated.action_point_count) == (1, 3)


def test_overdue_means_past_due_and_not_done(municipality):
    past = datetime.date(2020, 1, 1)
    late = ActionPointFactory(due_on=past, status=ActionPoint.Status.IN_PROGRESS)
    done = ActionPointFactory(theme=late.theme, due_on=past, status=ActionPoint.Status.DONE)
    ActionPointFactory(theme=late.theme, due_on=datetime.date(2099, 1, 1))
    assert list(ActionPoint.objects.overdue()) == [late]
    assert late.is_overdue and not done.is_overdue


def test_latest_note_is_the_newest_by_date(municipality):
    point = ActionPointFactory()
    ProgressNoteFactory(action_point=point, noted_on=datetime.date(2026, 5, 1), text_da="Ny")
    ProgressNoteFactory(action_point=point, noted_on=datetime.date(2026, 1, 1), text_da="Gammel")
    assert point.latest_note.text == "Ny"
    listed = ActionPoint.objects.for_listing().get(pk=point.pk)
    assert listed.latest_note.text == "Ny"


def test_due_date_before_start_is_refused(municipality):
    point = ActionPointFactory.build(theme=ThemeFactory(), slug="x", title="x",
                                     start_on=datetime.date(2026, 5, 1),
                                     due_on=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="Fristen skal ligge efter starten."):
        point.full_clean()


def test_progress_note_add_records_note_and_status(municipality, django_user_model):
    point = ActionPointFactory(status=ActionPoint.Status.IN_PROGRESS)
    user = django_user_model.objects.create_user("kf")
    note = progress_note_add(action_point=point, text_da="Færdig.", text_en="Done.",
                             noted_on=datetime.date(2026, 11, 1), status="done", user=user)
    point.refresh_from_db()
    assert (note.text_da, note.text_en, note.created_by, point.status) == (
        "Færdig.", "Done.", user, "done")


def test_progress_note_add_changes_nothing_when_invalid(municipality):
    point = ActionPointFactory(status=ActionPoint.Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        progress_note_add(action_point=point, text_da="", status="done")
    point.refresh_from_db()
    assert point.status == "in_progress" and point.progress_notes.count() == 0
