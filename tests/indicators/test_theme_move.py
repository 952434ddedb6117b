"""Issue 16 §3: after a new policy is adopted, the indicators' theme links move to its themes in
one step on a page of the indicators admin, and each indicator's history keeps the old links."""

import pytest

from indicators.models import Indicator
from policy.models import Policy
from tests.factories import IndicatorFactory, PolicyFactory, ThemeFactory

pytestmark = pytest.mark.django_db
URL = "/admin/indicators/indicator/move-themes/"


@pytest.fixture
def policies(municipality):
    old = PolicyFactory(slug="gammel", title_da="Gammel politik", status=Policy.Status.ARCHIVED)
    new = PolicyFactory(slug="ny", title_da="Ny politik")
    old_themes = [ThemeFactory(policy=old, slug="let", title_da="Det skal være let"),
                  ThemeFactory(policy=old, slug="ledelse", title_da="Ledelse"),
                  ThemeFactory(policy=old, slug="uden", title_da="Uden indikatorer")]
    new_themes = [ThemeFactory(policy=new, slug="let", title_da="Det skal være let"),
                  ThemeFactory(policy=new, slug="lede", title_da="Frivillighed skal ledes")]
    return old, new, old_themes, new_themes


def test_changelist_links_the_mapping_page(admin_client, policies):
    html = admin_client.get("/admin/indicators/indicator/").content.decode()
    assert f'href="{URL}"' in html


def test_mapping_page_offers_the_old_themes_with_indicators_and_guesses_by_slug(
        admin_client, policies):
    old, new, old_themes, new_themes = policies
    indicator = IndicatorFactory(name_da="Antal frivillige")
    indicator.themes.set([old_themes[0], old_themes[1]])
    response = admin_client.get(URL, {"old_policy": old.pk, "new_policy": new.pk})
    form = response.context["mapping_form"]
    assert [field.label for field in form] == ["Det skal være let", "Ledelse"]
    assert form[f"theme-{old_themes[0].pk}"].initial == new_themes[0]
    assert form[f"theme-{old_themes[1].pk}"].initial is None
    assert "Antal frivillige" in response.content.decode()


def test_moving_links_changes_them_in_one_step_and_keeps_the_old_ones_in_the_history(
        admin_client, policies):
    old, new, old_themes, new_themes = policies
    other = ThemeFactory(policy=new, slug="andet")
    first = IndicatorFactory(name_da="Første")
    first.themes.set([old_themes[0], old_themes[1], other])
    second = IndicatorFactory(name_da="Anden")
    second.themes.set([old_themes[1]])
    untouched = IndicatorFactory(name_da="Urørt")
    untouched.themes.set([other])
    untouched_versions = untouched.history.count()
    response = admin_client.post(
        f"{URL}?old_policy={old.pk}&new_policy={new.pk}",
        {f"theme-{old_themes[0].pk}": new_themes[0].pk,
         f"theme-{old_themes[1].pk}": new_themes[1].pk},
        follow=True)
    assert response.status_code == 200
    assert "2 indikatorer ændret" in response.content.decode()
    assert set(first.themes.all()) == {new_themes[0], new_themes[1], other}
    assert list(second.themes.all()) == [new_themes[1]]
    assert list(untouched.themes.all()) == [other]
    versions = list(first.history.order_by("history_date", "history_id"))
    kept = [set(v.themes.values_list("theme_id", flat=True)) for v in versions]
    assert {old_themes[0].pk, old_themes[1].pk, other.pk} in kept
    assert kept[-1] == {new_themes[0].pk, new_themes[1].pk, other.pk}
    assert versions[-1].history_change_reason == "Temalinks flyttet til den nye politiks temaer"
    assert untouched.history.count() == untouched_versions


def test_dropping_a_link(admin_client, policies):
    old, new, old_themes, _new_themes = policies
    indicator = IndicatorFactory()
    indicator.themes.set([old_themes[1]])
    admin_client.post(f"{URL}?old_policy={old.pk}&new_policy={new.pk}",
                      {f"theme-{old_themes[1].pk}": ""})
    assert list(indicator.themes.all()) == []


@pytest.mark.parametrize("params", [
    {"old_policy": "abc", "new_policy": "1"}, {"old_policy": "999999", "new_policy": "x"},
    {"old_policy": "\x00"},
], ids=["text", "unknown", "nul"])
def test_bad_policy_choices_give_a_message_not_a_crash(admin_client, policies, params):
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    assert response.context["policies_form"].errors
    assert "mapping_form" not in response.context


def test_a_bad_theme_choice_changes_nothing(admin_client, policies):
    old, new, old_themes, _new_themes = policies
    indicator = IndicatorFactory()
    indicator.themes.set([old_themes[0]])
    foreign = ThemeFactory()  # not a theme of the new policy
    response = admin_client.post(f"{URL}?old_policy={old.pk}&new_policy={new.pk}",
                                 {f"theme-{old_themes[0].pk}": foreign.pk})
    assert response.status_code == 200
    assert list(indicator.themes.all()) == [old_themes[0]]


def test_mapping_page_needs_the_change_permission(client, django_user_model, policies):
    user = django_user_model.objects.create_user("seer", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert Indicator.objects.count() == 0
