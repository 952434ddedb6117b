import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from portal.groups import groups_ensure

pytestmark = pytest.mark.django_db


def member_of(group_name):
    groups_ensure()
    user = User.objects.create_user(f"u-{group_name[:10]}", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


def test_groups_are_created_with_their_permissions():
    sizes = groups_ensure()
    assert set(sizes) == {"Værktøjskasseredaktører", "Politikredaktører", "Indikatorredaktører",
                          "Frivillighedsformidlere", "Stedredaktører",
                          "Læsere af interne indikatorer", "Administratorer"}
    assert sizes["Værktøjskasseredaktører"] > 0 and sizes["Politikredaktører"] > 0
    toolbox = Group.objects.get(name="Værktøjskasseredaktører")
    assert {p.content_type.app_label for p in toolbox.permissions.all()} == {"toolbox"}


def test_running_it_again_changes_nothing():
    first = groups_ensure()
    assert groups_ensure() == first


def test_toolbox_editor_cannot_open_policy_or_settings_admin():
    client = member_of("Værktøjskasseredaktører")
    assert client.get("/admin/toolbox/guide/").status_code == 200
    assert client.get("/admin/policy/policy/").status_code == 403
    assert client.get("/admin/core/municipality/1/change/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403


def test_policy_editor_cannot_open_toolbox_admin():
    client = member_of("Politikredaktører")
    assert client.get("/admin/policy/policy/").status_code == 200
    assert client.get("/admin/toolbox/guide/").status_code == 403
