"""A save that fails validation says at each file field whose file was chosen that it must be
chosen again (issue 18 §6): the browser shows the form again with empty file inputs."""

import pytest
from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile

from core.forms import ChooseFileAgainMixin
from policy.models import ProcessAttachment
from tests.factories import GuideFactory, PlaceFactory, ProcessStepFactory, docx_bytes
from tests.helpers import admin_form_data
from toolbox.models import Attachment

pytestmark = pytest.mark.django_db

AGAIN = "Vælg filen igen: browseren sender ikke filen igen efter en fejl"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path




def _file_errors(response, prefix_field):
    """The errors shown at one field of the form or of an inline's form, by its full name."""
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    for form in [response.context["adminform"].form, *(f for fs in formsets for f in fs.forms)]:
        for name in form.fields:
            if form.add_prefix(name) == prefix_field:
                return list(form.errors.get(name, []))
    raise AssertionError(f"no field {prefix_field}")


def test_a_template_that_fails_validation_asks_for_its_file_again(admin_client):
    shown = admin_client.get("/admin/toolbox/attachment/add/")
    data = admin_form_data(shown, inline_rows=True)
    data.update({"title_da": "", "file_da": SimpleUploadedFile("aftale.docx", docx_bytes())})
    response = admin_client.post("/admin/toolbox/attachment/add/", data)
    assert response.status_code == 200
    assert any(AGAIN in error for error in _file_errors(response, "file_da"))
    assert _file_errors(response, "file_en") == []  # nothing was chosen there
    page = response.content.decode()
    assert AGAIN in page
    assert Attachment.objects.count() == 0


def test_without_a_chosen_file_a_failed_save_says_nothing_about_files(admin_client):
    guide = GuideFactory(title_da="Frivilligaftale")
    shown = admin_client.get(f"/admin/toolbox/guide/{guide.pk}/change/")
    data = admin_form_data(shown, inline_rows=True)
    data["title_da"] = ""
    response = admin_client.post(f"/admin/toolbox/guide/{guide.pk}/change/", data)
    assert response.status_code == 200
    assert AGAIN not in response.content.decode()


def test_a_process_step_that_fails_validation_asks_for_its_file_again(admin_client):
    step = ProcessStepFactory()
    shown = admin_client.get(f"/admin/policy/processstep/{step.pk}/change/")
    data = admin_form_data(shown, inline_rows=True)
    data.update({"title_da": "", "attachments-TOTAL_FORMS": 1, "attachments-0-title_da": "Referat",
                 "attachments-0-position": 0,
                 "attachments-0-file": SimpleUploadedFile("referat.docx", docx_bytes())})
    response = admin_client.post(f"/admin/policy/processstep/{step.pk}/change/", data)
    assert response.status_code == 200
    assert any(AGAIN in error for error in _file_errors(response, "attachments-0-file"))
    assert ProcessAttachment.objects.count() == 0


def test_a_place_that_fails_validation_asks_for_its_photo_again(admin_client):
    from tests.places.test_models import _image  # the photo rules' own test image

    place = PlaceFactory()
    shown = admin_client.get(f"/admin/places/place/{place.pk}/change/")
    data = admin_form_data(shown, inline_rows=True)
    data.update({"name_da": "", "photo_alt_da": "En sal",
                 "photo": SimpleUploadedFile("sal.jpg", _image("JPEG"))})
    response = admin_client.post(f"/admin/places/place/{place.pk}/change/", data)
    assert response.status_code == 200
    assert any(AGAIN in error for error in _file_errors(response, "photo"))
    place.refresh_from_db()
    assert not place.photo


def test_every_admin_with_a_file_field_asks_for_the_file_again(admin_user, rf):
    """Admins are found from the registry and their forms as staff get them: a new admin with
    a file input is covered or this fails."""
    request = rf.get("/admin/")
    request.user = admin_user
    with_files = []
    for model_admin in admin.site._registry.values():
        if not (model_admin.has_add_permission(request)
                or model_admin.has_change_permission(request)):
            continue  # read only (procrastinate's jobs): no form, no file input
        form_classes = [model_admin.get_form(request)]
        form_classes += [inline.get_formset(request).form
                         for inline in model_admin.get_inline_instances(request)]
        if any(isinstance(field, forms.FileField)
               for form_class in form_classes for field in form_class.base_fields.values()):
            with_files.append(type(model_admin).__name__)
            assert isinstance(model_admin, ChooseFileAgainMixin), type(model_admin).__name__
    assert set(with_files) >= {"AttachmentAdmin", "ProcessStepAdmin", "PlaceAdmin",
                               "MunicipalityAdmin", "PolicyAdmin", "OrganisationAdmin"}
