from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

POLICY_EDITORS_GROUP = "Politikredaktører"


def ensure_policy_editors_group(sender, using="default", **kwargs):
    """A group with every permission on the policy models and nothing else.

    Created after each migrate (auth has made the permissions by then); permissions staff add to
    the group are kept.
    """
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.using(using).get_or_create(name=POLICY_EDITORS_GROUP)
    group.permissions.add(*Permission.objects.using(using).filter(content_type__app_label="policy"))


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Policy")

    def ready(self):
        post_migrate.connect(ensure_policy_editors_group, sender=self,
                             dispatch_uid="policy-editors-group")
