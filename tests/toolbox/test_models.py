import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from core.search_columns import search_column
from tests.factories import (
    AttachmentFactory,
    AudienceFactory,
    GuideFactory,
    TopicFactory,
    docx_bytes,
)
from toolbox.models import Guide, add_months

pytestmark = pytest.mark.django_db


def test_guide_gets_published_at_when_first_published_and_keeps_it():
    guide = GuideFactory(status=Guide.Status.DRAFT)
    assert guide.published_at is None
    guide.status = Guide.Status.PUBLISHED
    guide.save()
    first = guide.published_at
    assert first is not None
    guide.status = Guide.Status.WITHDRAWN
    guide.save()
    guide.status = Guide.Status.PUBLISHED
    guide.save()
    assert guide.published_at == first


@pytest.mark.parametrize("start, months, due", [
    (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
    (datetime.date(2024, 3, 15), 12, datetime.date(2025, 3, 15)),
    (datetime.date(2024, 11, 30), 3, datetime.date(2025, 2, 28)),
], ids=["month-end-clamped", "one-year", "across-new-year"])
def test_add_months(start, months, due):
    assert add_months(start, months) == due


def test_review_due_is_derived_from_last_review_and_interval():
    guide = GuideFactory(reviewed_on=datetime.date(2025, 1, 10), review_interval_months=6)
    assert guide.review_due_on == datetime.date(2025, 7, 10)


def test_review_overdue_queryset_matches_the_python_rule():
    today = timezone.localdate()
    overdue = GuideFactory(reviewed_on=today - datetime.timedelta(days=400))
    never = GuideFactory(reviewed_on=None)
    fresh = GuideFactory(reviewed_on=today)
    due_today = GuideFactory(reviewed_on=add_months(today, -12))
    found = set(Guide.objects.review_overdue())
    assert found == {overdue, never, due_today}
    assert set(Guide.objects.review_not_overdue()) == {fresh}
    assert [g.is_review_overdue for g in (overdue, never, fresh, due_today)] == [
        True, True, False, True]


def test_published_and_readable_querysets():
    published = GuideFactory(status=Guide.Status.PUBLISHED)
    withdrawn = GuideFactory(status=Guide.Status.WITHDRAWN)
    GuideFactory(status=Guide.Status.DRAFT)
    assert list(Guide.objects.published()) == [published]
    assert set(Guide.objects.readable()) == {published, withdrawn}


def test_main_topic_is_the_first_by_position():
    late, early = TopicFactory(position=50), TopicFactory(position=5)
    guide = GuideFactory(topics=[late, early])
    assert guide.main_topic == early


def test_audience_label_falls_back_to_the_name():
    assert AudienceFactory(name_da="Forening", entry_label_da="").label == "Forening"
    assert AudienceFactory(entry_label_da="Jeg er frivillig").label == "Jeg er frivillig"


def stored_vector(guide, language):
    """The guide's stored search vector, read the way search reads it (core/search_columns)."""
    return Guide.objects.filter(pk=guide.pk).annotate(
        vector=search_column(Guide, language)).values_list("vector", flat=True).get()


def test_search_columns_are_kept_up_to_date_by_the_database():
    guide = GuideFactory(title_da="Tavshedspligt", title_en="")
    assert "'tavshedspligt':" in stored_vector(guide, "da")
    assert "'tavshedspligt':" in stored_vector(guide, "en")  # English falls back to Danish text
    Guide.objects.filter(pk=guide.pk).update(title_da="Børneattest")
    assert ("tavshedspligt" not in stored_vector(guide, "da")
            and "børneattest" in stored_vector(guide, "da"))


def test_attachment_records_type_and_size_and_a_generated_name():
    content = docx_bytes()
    attachment = AttachmentFactory(title_da="Samarbejdsaftale")
    assert attachment.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert attachment.size == len(content)
    assert attachment.file.name.startswith("toolbox/attachments/")
    assert "skabelon" not in attachment.file.name
    assert attachment.format_label == "DOCX"


def test_attachment_link_label_shows_format_and_size():
    attachment = AttachmentFactory(title_da="Samarbejdsaftale")
    attachment.size_da = 24 * 1024 - 100
    assert f"{attachment.title} ({attachment.format_label}, {attachment.size_label})" == (
        "Samarbejdsaftale (DOCX, 24 KB)")


def test_english_attachment_falls_back_to_the_danish_file():
    attachment = AttachmentFactory()
    with override("en"):
        assert attachment.file.name == attachment.file_da.name
        assert attachment.format_label == "DOCX"
