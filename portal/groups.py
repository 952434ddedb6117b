"""The staff groups and exactly the permissions each needs.

Kept in step with the models after every `migrate` (a post_migrate hook), so a new model's
permissions reach the right group without anyone remembering to add them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

# Group name -> which permissions: whole apps, single models ("app.model") or codenames
# ("app.codename").
TOOLBOX_EDITORS = "Værktøjskasseredaktører"
POLICY_EDITORS = "Politikredaktører"
INDICATOR_EDITORS = "Indikatorredaktører"
VOLUNTEERING_BROKERS = "Frivillighedsformidlere"
PLACES_EDITORS = "Stedredaktører"
INTERNAL_READERS = "Læsere af interne indikatorer"
ADMINISTRATORS = "Administratorer"
GROUPS = {
    TOOLBOX_EDITORS: {"apps": ["toolbox"]},
    POLICY_EDITORS: {"apps": ["policy"]},
    INDICATOR_EDITORS: {"apps": ["indicators"]},
    # Approve what associations submit and enter municipal units' opportunities.
    VOLUNTEERING_BROKERS: {"apps": ["volunteering"]},
    # Keep the list of municipal rooms, halls and urban spaces (places) up to date.
    PLACES_EDITORS: {"apps": ["places"]},
    # The KFU politicians: read internal indicators on the dashboard, edit nothing.
    INTERNAL_READERS: {"codenames": ["indicators.view_internal_indicator"]},
    ADMINISTRATORS: {
        # intake: the e-mail deliveries and the personal-data page (find, export, delete);
        # procrastinate: read the queue's jobs.
        "apps": ["toolbox", "volunteering", "places", "policy", "indicators", "core", "auth",
                 "axes", "otp_totp", "otp_static", "intake", "procrastinate"],
    },
}


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
    for name, spec in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = list(_permissions(spec))
        group.permissions.set(permissions)
        sizes[name] = len(permissions)
    return sizes


def on_post_migrate(sender, **kwargs):
    from django.apps import apps

    # post_migrate is sent app by app; the last one comes after every app's permissions exist.
    if sender is [config for config in apps.get_app_configs() if config.models_module][-1]:
        groups_ensure()
