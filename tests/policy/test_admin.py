import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from policy.models import ActionPoint, Policy, ProgressNote
from portal.groups import groups_ensure
from tests.factories import ActionPointFactory, PolicyFactory, ProgressNoteFactory

POLICY_EDITORS_GROUP = "Politikredaktører"

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    """A staff member whose only permissions come from the policy editors group."""
    groups_ensure()
    user = django_user_model.objects.create_user("politikredaktoer", is_staff=True)
    user.groups.add(Group.objects.get(name=POLICY_EDITORS_GROUP))
    client.force_login(user)
    return client


def test_policy_editors_group_holds_only_policy_permissions():
    groups_ensure()
    group = Group.objects.get(name=POLICY_EDITORS_GROUP)
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert apps == {"policy"}
    assert group.permissions.filter(codename="change_actionpoint").exists()
    assert group.permissions.filter(codename="add_progressnote").exists()


def test_policy_editor_can_edit_an_action_point(editor_client, ballerup):
    point = ActionPoint.objects.get(slug="let-raadgivning")
    url = reverse("admin:policy_actionpoint_change", args=[point.pk])
    assert editor_client.get(url).status_code == 200
    data = {
        "theme": point.theme_id, "position": 20, "title_da": "Ny titel", "title_en": "New",
        "slug": point.slug, "description_da": "", "description_en": "", "status": "done",
        "start_on": "", "due_on": "2027-01-31",
        "progress_notes-TOTAL_FORMS": "1", "progress_notes-INITIAL_FORMS": "0",
        "progress_notes-MIN_NUM_FORMS": "0", "progress_notes-MAX_NUM_FORMS": "1000",
        "progress_notes-0-noted_on": "2026-11-20", "progress_notes-0-text_da": "Afsluttet.",
        "progress_notes-0-text_en": "Finished.",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    point.refresh_from_db()
    assert (point.title_da, point.status, point.due_on) == ("Ny titel", "done",
                                                            datetime.date(2027, 1, 31))
    note = point.progress_notes.get()
    assert (note.text_da, note.created_by.username) == ("Afsluttet.", "politikredaktoer")


def test_policy_editor_gets_403_everywhere_outside_policy(editor_client, municipality):
    outside = [model for model in admin.site._registry if model._meta.app_label != "policy"]
    assert outside  # users, groups, the municipality settings, and the toolbox once it exists
    for model in outside:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = editor_client.get(url, follow=True)
        assert response.status_code == 403, url


def test_policy_editor_gets_403_on_toolbox_admin_pages(editor_client):
    for model in ("guide", "topic", "audience", "contact", "feedback"):
        response = editor_client.get(f"/admin/toolbox/{model}/")
        assert response.status_code == 403, model


def test_action_point_changelist_edits_status_and_due_date_in_the_list(admin_client, ballerup):
    html = admin_client.get("/admin/policy/actionpoint/").content.decode()
    point = ActionPoint.objects.get(slug="let-kontakt")
    assert 'name="form-0-status"' in html and 'name="form-0-due_on"' in html
    assert "Kultur- og Fritidsudvalget" in html  # owner column
    assert point.title_da in html


@pytest.mark.parametrize(("query", "expected"), [
    ("overdue=yes", ["Sen"]), ("overdue=no", ["Til tiden", "Færdig"]),
    ("status__exact=done", ["Færdig"]),
])
def test_action_point_changelist_filters(admin_client, municipality, query, expected):
    late = ActionPointFactory(title_da="Sen", due_on=datetime.date(2020, 1, 1))
    ActionPointFactory(theme=late.theme, title_da="Til tiden", due_on=datetime.date(2099, 1, 1))
    ActionPointFactory(theme=late.theme, title_da="Færdig", status="done",
                       due_on=datetime.date(2020, 1, 1))
    response = admin_client.get(f"/admin/policy/actionpoint/?{query}")
    titles = [str(obj) for obj in response.context["cl"].result_list]
    assert sorted(titles) == sorted(expected)


def test_action_point_changelist_filters_by_owner_and_searches(admin_client, ballerup):
    owner = ActionPoint.objects.get(slug="let-kontakt").owners.get()
    response = admin_client.get(f"/admin/policy/actionpoint/?owners__id__exact={owner.pk}")
    assert [p.slug for p in response.context["cl"].result_list] == ["let-kontakt"]
    response = admin_client.get("/admin/policy/actionpoint/?q=rådgivning")
    assert [p.slug for p in response.context["cl"].result_list] == ["let-raadgivning"]


def test_policy_admin_has_tabbed_translations_and_theme_inline(admin_client, ballerup):
    html = admin_client.get(f"/admin/policy/policy/{ballerup.pk}/change/").content.decode()
    assert 'name="title_da"' in html and 'name="title_en"' in html
    assert 'name="action_points_heading_da"' in html
    assert 'name="themes-0-position"' in html
    assert "jquery-ui/jquery-ui.min.js" in html


def test_theme_positions_are_editable_in_the_list(admin_client, ballerup):
    html = admin_client.get("/admin/policy/theme/").content.decode()
    assert 'name="form-0-position"' in html


def test_adopt_action_leads_to_the_confirmation_page(admin_client, ballerup):
    new = PolicyFactory(slug="ny", status=Policy.Status.DRAFT, adopted_on=None)
    response = admin_client.post("/admin/policy/policy/", {
        "action": "adopt_as_current", "_selected_action": [new.pk],
    })
    assert response.status_code == 302
    assert response["Location"] == f"/admin/policy/policy/{new.pk}/adopt/"
    ballerup.refresh_from_db()
    new.refresh_from_db()
    assert (ballerup.status, new.status) == ("adopted", "draft")  # nothing before confirming


def test_status_adopted_cannot_be_chosen_in_the_form(admin_client, ballerup):
    response = admin_client.post("/admin/policy/policy/add/", {
        "title_da": "Anden", "title_en": "", "slug": "anden", "kind": "policy",
        "status": "adopted", "introduction_da": "", "introduction_en": "",
        **{f"{prefix}-{key}": value for prefix in ("themes", "sections", "values", "adoptions")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"),
                              ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))},
    })
    assert response.status_code == 200
    assert "brug så knappen “Vedtag” øverst på siden" in response.content.decode()
    assert not Policy.objects.filter(slug="anden").exists()


def test_progress_note_admin_stamps_the_author(admin_client, admin_user, ballerup):
    point = ActionPoint.objects.get(slug="let-raadgivning")
    response = admin_client.post("/admin/policy/progressnote/add/", {
        "action_point": point.pk, "noted_on": "2026-11-01", "text_da": "Godt i gang.",
        "text_en": "",
    })
    assert response.status_code == 302
    assert ProgressNote.objects.get(text_da="Godt i gang.").created_by == admin_user


def test_admin_lists_stay_within_a_fixed_number_of_queries(admin_client, ballerup,
                                                           django_assert_max_num_queries):
    for _ in range(30):
        ProgressNoteFactory(action_point=ActionPointFactory(
            theme=ballerup.themes.get(slug="udmoentning")))
    with django_assert_max_num_queries(20):
        admin_client.get("/admin/policy/actionpoint/")
