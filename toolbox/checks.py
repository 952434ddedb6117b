"""System checks for the toolbox's settings (run by `check`, `migrate` and `runserver`)."""

from django.conf import settings
from django.core import checks


@checks.register()
def planner_holiday_country(app_configs, **kwargs):
    """The planner's holiday calendar exists. Checked here rather than in the settings: the
    holidays library takes ~0.2 s to load, which every process would otherwise pay at start."""
    import holidays

    try:
        holidays.country_holidays(settings.PLANNER_HOLIDAY_COUNTRY)
    except NotImplementedError:
        return [checks.Error(
            f"PLANNER_HOLIDAY_COUNTRY {settings.PLANNER_HOLIDAY_COUNTRY!r} is not a country code "
            "the holidays library knows (e.g. DK).", id="toolbox.E001")]
    return []
