import io

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Indicator, Observation
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_import_observations_command_imports_and_is_idempotent(tmp_path):
    indicator = IndicatorFactory(slug="frivillige")
    path = tmp_path / "tal.csv"
    path.write_text("period,value,status\n2024,10,final\n2025,12,provisional\n")
    out = io.StringIO()
    call_command("import_observations", "frivillige", str(path), stdout=out)
    assert "2 created, 0 updated, 0 unchanged." in out.getvalue()
    call_command("import_observations", "frivillige", str(path), stdout=out)
    assert "0 created, 0 updated, 2 unchanged." in out.getvalue()
    assert indicator.observations.count() == 2


def test_import_observations_dry_run_writes_nothing(tmp_path):
    IndicatorFactory(slug="frivillige")
    path = tmp_path / "tal.csv"
    path.write_text("period,value\n2024,10\n")
    out = io.StringIO()
    call_command("import_observations", "frivillige", str(path), "--dry-run", stdout=out)
    assert "new: 1" in out.getvalue()
    assert Observation.objects.count() == 0


def test_import_observations_command_reports_bad_rows(tmp_path):
    IndicatorFactory(slug="frivillige")
    path = tmp_path / "tal.csv"
    path.write_text("period,value\n2024,10\n2025,ti\n")
    with pytest.raises(CommandError, match="“value”"):
        call_command("import_observations", "frivillige", str(path))
    assert Observation.objects.count() == 0


def test_refresh_computed_indicators_command():
    IndicatorFactory(slug="handlingsplan", computed="action_points_done")
    out = io.StringIO()
    call_command("refresh_computed_indicators", stdout=out)
    assert "handlingsplan: 0 figure(s) changed" in out.getvalue()


def test_demo_creates_the_indicators_once(demo):
    assert Indicator.objects.count() == 13
    assert Indicator.objects.filter(visibility="internal").count() == 1
    counts = Observation.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Indicator.objects.count() == 13
    assert Observation.objects.count() == counts


def test_demo_keeps_staff_edits(demo):
    Indicator.objects.filter(slug="frivillige-registreret").update(name_da="Redigeret")
    call_command("load_demo", stdout=io.StringIO())
    assert Indicator.objects.get(slug="frivillige-registreret").name_da == "Redigeret"


def test_demo_benchmarks_are_separate_series(demo):
    indicator = Indicator.objects.get(slug="borgere-der-er-frivillige")
    assert [(s.slug, [p.year for p in s.points.all()]) for s in indicator.benchmarks.all()] == [
        ("vive-frivillighedsundersoegelsen", [2004, 2012, 2020, 2024]),
        ("dst-kulturvaneundersoegelsen", [2018])]


def test_demo_links_themes_action_points_and_owner_of_the_demo_policy(demo):
    from indicators import demo as indicators_demo
    from policy.models import ActionPoint, Body, Theme
    from tests.factories import ThemeFactory

    ThemeFactory(slug="frivillighed-er-faellesskaber")  # same slug in another policy: not linked
    # The indicator made again by the indicators' demo loader, now that the other policy has a
    # theme of the same slug (on the loaded demo: a whole load of it for this test took 10 s).
    Indicator.objects.filter(slug="frivillige-registreret").delete()
    indicators_demo.load(stdout=io.StringIO())
    indicator = Indicator.objects.get(slug="frivillige-registreret")
    demo_themes = Theme.objects.filter(policy__slug="frivillighedspolitik")
    assert set(indicator.themes.all()) == set(demo_themes.filter(
        slug__in=["frivillighed-er-faellesskaber", "forstaaelse-af-frivillighed"]))
    assert list(indicator.action_points.all()) == [ActionPoint.objects.get(
        theme__policy__slug="frivillighedspolitik", slug="let-at-blive-frivillig")]
    assert indicator.owner == Body.objects.get(slug="social-og-sundhed")


def test_politicians_group_may_see_internal_indicators_and_nothing_else():
    from django.contrib.auth.models import Group

    from portal.groups import groups_ensure

    groups_ensure()
    codenames = set(Group.objects.get(name="Læsere af interne indikatorer").permissions.values_list(
        "codename", flat=True))
    assert codenames == {"view_internal_indicator"}
