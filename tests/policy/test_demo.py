import io

import pytest
from django.core.management import call_command

from policy import demo as policy_demo
from policy.models import ActionPoint, Body, Policy, ProcessStep, ProgressNote, Theme
from tests.factories import GuideFactory

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Body, Policy, Theme, ActionPoint, ProgressNote)]


def test_demo_has_ballerup_policy_current_and_the_strategy_as_draft(demo):
    current = Policy.objects.current()
    assert (current.slug, current.title_da, current.action_points_heading_da) == (
        "frivillighedspolitik", "Frivillighedspolitik", "Ballerup Kommune vil")
    assert [t.title_da for t in current.themes.order_by("position")] == [
        "Frivillighed er fællesskaber", "Frivillighed skal prioriteres",
        "Forståelse af frivillighed", "Udmøntning"]
    assert [t.action_points.count() for t in current.themes.order_by("position")] == [4, 5, 0, 0]
    strategy = Policy.objects.get(slug="frivillighedsstrategi")
    assert (strategy.status, strategy.themes.count()) == ("draft", 6)


def test_demo_adoption_steps_are_marked_for_the_adopt_button(demo):
    marked = {(step.policy.slug, step.title_da): step.adoption_by
              for step in ProcessStep.objects.exclude(adoption_by="").select_related("policy")}
    assert marked == {
        ("frivillighedspolitik", "Vedtagelse i Kultur- og Fritidsudvalget"): "committee",
        ("frivillighedspolitik", "Vedtagelse i kommunalbestyrelsen"): "council",
        ("frivillighedsstrategi", "Vedtagelse i Kultur- og Fritidsudvalget"): "committee",
        ("frivillighedsstrategi", "Vedtagelse i kommunalbestyrelsen"): "council",
    }


def test_demo_progress_notes_are_labelled_example_data(demo):
    notes = ProgressNote.objects.filter(action_point__theme__policy__slug="frivillighedspolitik")
    # 9 from the policy's demo, 2 written between the demo's two meeting statuses
    # (indicators/demo/statuses.toml).
    assert notes.count() == 11
    assert all(n.text_da.startswith("Eksempeldata:") for n in notes)
    assert all(n.text_en.startswith("Example data:") for n in notes)


def test_demo_action_points_have_owners(demo):
    point = ActionPoint.objects.get(slug="let-kontakt-til-administrationen")
    assert sorted(point.owners.values_list("slug", flat=True)) == ["borgerservice",
                                                                     "kultur-og-fritid"]


def test_demo_is_idempotent_and_keeps_staff_edits(demo):
    before = counts()
    point = ActionPoint.objects.get(slug="let-kontakt-til-administrationen")
    point.title_da = "Redigeret af en medarbejder"
    point.status = "paused"
    point.save()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before
    point.refresh_from_db()
    assert (point.title_da, point.status) == ("Redigeret af en medarbejder", "paused")


def test_demo_links_existing_guides_and_names_missing_ones(municipality):
    GuideFactory(slug="lokaler-til-foreninger", title_da="Lokaler til foreninger")
    out = io.StringIO()
    policy_demo.load(stdout=out)
    point = ActionPoint.objects.get(slug="let-adgang-til-faciliteter")
    assert list(point.related_guides.values_list("slug", flat=True)) == ["lokaler-til-foreninger"]
    assert "let-adgang-til-faciliteter: guides not found, not linked:" in out.getvalue()


def test_demo_does_not_displace_a_policy_staff_adopted(municipality):
    from tests.factories import PolicyFactory

    own = PolicyFactory(slug="egen-politik", status=Policy.Status.ADOPTED)
    policy_demo.load(stdout=io.StringIO())
    assert Policy.objects.current() == own
    assert Policy.objects.get(slug="frivillighedspolitik").status == "archived"
