"""The staff groups and exactly the permissions each needs.

Kept in step with the models after every `migrate` (a post_migrate hook), so a new model's
permissions reach the right group without anyone remembering to add them.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from core.apps import content_apps

ADMINISTRATORS = "Administratorer"
# Staff accounts and login protection, beside every content app; intake: the e-mail deliveries
# and the personal-data page (find, export, delete); procrastinate: read the queue's jobs.
ADMINISTERED_APPS = ["auth", "axes", "otp_totp", "otp_static", "intake", "procrastinate"]


def staff_groups() -> dict[str, dict]:
    """Group name -> which permissions: the groups each content app declares on its AppConfig
    (`staff_groups`), and the administrators, who may change everything staff can."""
    groups = {}
    for config in content_apps():
        groups.update(getattr(config, "staff_groups", {}))
    groups[ADMINISTRATORS] = {"apps": [c.label for c in content_apps()] + ADMINISTERED_APPS}
    return groups


def _permissions(spec: dict):
    query = Q(pk__in=[])
    for app_label in spec.get("apps", []):
        query |= Q(content_type__app_label=app_label)
    for dotted in spec.get("codenames", []):
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


@transaction.atomic
def groups_ensure() -> dict[str, int]:
    """Create the groups and set their permissions to exactly the specification."""
    sizes = {}
    for name, spec in staff_groups().items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = list(_permissions(spec))
        group.permissions.set(permissions)
        sizes[name] = len(permissions)
    return sizes


def on_post_migrate(sender, **kwargs):
    # post_migrate is sent app by app; the last one comes after every app's permissions exist.
    if sender is [config for config in apps.get_app_configs() if config.models_module][-1]:
        groups_ensure()
