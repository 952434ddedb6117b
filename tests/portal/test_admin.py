import pytest

from core.models import Municipality

pytestmark = pytest.mark.django_db


def test_municipality_settings_list_opens_the_single_record(admin_client, municipality):
    response = admin_client.get("/admin/core/municipality/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/core/municipality/1/change/"


def test_staff_edit_municipality_settings_in_both_languages(admin_client, municipality):
    page = admin_client.get("/admin/core/municipality/1/change/").content.decode()
    assert 'name="opening_hours_da"' in page and 'name="opening_hours_en"' in page
    assert "jquery-ui/jquery-ui.min.js" in page  # tabs, self-hosted


def test_municipality_settings_cannot_be_deleted(admin_client, municipality):
    assert admin_client.get("/admin/core/municipality/1/delete/").status_code == 403
    assert Municipality.objects.count() == 1
