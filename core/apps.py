from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every content app stands on and that knows no app."""

    name = "core"
    verbose_name = _("Shared foundation")
    # Holds the municipality settings staff edit (see content_apps).
    content_app = True


def content_apps() -> list[AppConfig]:
    """The apps whose content staff edit, in INSTALLED_APPS order (the lower layer first).

    An app is one by saying so on its AppConfig (`content_app = True`); from that alone it gets
    its demo content loaded (`<app>.demo`), its sitemap listed (`<app>.sitemaps`), its translations
    compiled (`<app>/locale`), its pages' cache invalidated when its models change, and the staff
    groups it declares (`staff_groups`, see portal/groups.py) kept in step.
    """
    return [config for config in apps.get_app_configs() if getattr(config, "content_app", False)]
