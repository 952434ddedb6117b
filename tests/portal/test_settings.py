import os
import runpy
import subprocess
import sys

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))


@pytest.mark.parametrize(
    ("reader", "raw", "message"),
    [
        (lambda: env_bool("X_FLAG"), "maybe", "X_FLAG must be 1/0"),
        (lambda: env_int("X_FLAG", 1), "ten", "X_FLAG must be a whole number"),
        (lambda: env_int("X_FLAG", 1, minimum=0), "-3", "X_FLAG must be at least 0"),
    ],
    ids=["bool", "int", "int-minimum"],
)
def test_env_reader_rejects_bad_value_with_clear_message(monkeypatch, reader, raw, message):
    monkeypatch.setenv("X_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        reader()


def test_env_readers_parse_good_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "Yes")
    monkeypatch.setenv("X_LIST", " a.dk, ,b.dk ")
    monkeypatch.delenv("X_MISSING", raising=False)
    assert env_bool("X_BOOL") is True
    assert env_list("X_LIST", []) == ["a.dk", "b.dk"]
    assert env_str("X_MISSING", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match="Set the environment variable X_MISSING"):
        env_str("X_MISSING")


def _manage(env_overrides, *args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **env_overrides}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )


def _settings(monkeypatch, env_overrides) -> dict:
    """portal/settings.py run once more in this process with these environment variables: what
    a process started with them reads (a `manage.py` process for each started Django and every
    app again, about 1.5 s of CPU, to read one setting or one error at the top of the settings)."""
    for name, value in env_overrides.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(os.path.join(BASE_DIR, "portal", "settings.py"))


PRODUCTION = {
    "DJANGO_SECRET_KEY": "p" * 20 + "-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "frivillig.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://frivillig.example.dk",
    "DJANGO_DEBUG": "0",
    "DJANGO_HTTPS": "1",
    "DJANGO_BEHIND_PROXY": "1",
}


def test_production_settings_pass_the_deploy_check():
    result = _manage(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_settings_refuse_a_public_host_without_a_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="Set DJANGO_SECRET_KEY"):
        _settings(monkeypatch, {**PRODUCTION, "DJANGO_SECRET_KEY": ""})


def test_missing_database_url_is_explained(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="Set DATABASE_URL"):
        _settings(monkeypatch, {"DATABASE_URL": ""})


def test_bad_boolean_in_environment_stops_start_up_with_its_name(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be 1/0"):
        _settings(monkeypatch, {"DJANGO_DEBUG": "perhaps"})


@pytest.mark.parametrize("env, message", [
    ({"PLANNER_HOLIDAY_COUNTRY": "XX"}, "PLANNER_HOLIDAY_COUNTRY 'XX' is not a country code"),
    ({"PLANNER_CLOSED_DAYS": "06-05,31-12"}, "PLANNER_CLOSED_DAYS: '31-12' is not a day as MM-DD"),
    ({"SEARCH_DATABASE": "replica"}, "SEARCH_DATABASE must be 'search' or 'default'"),
])
def test_bad_planner_or_search_setting_stops_start_up_with_its_name(env, message):
    result = _manage(env, "check")
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("env, expected", [
    ({}, "0"),
    ({"DJANGO_BEHIND_PROXY": "1"}, "1"),
    ({"DJANGO_BEHIND_PROXY": "1", "DJANGO_TRUSTED_PROXY_COUNT": "2"}, "2"),
])
def test_trusted_proxy_count_defaults_to_one_behind_a_proxy(monkeypatch, env, expected):
    monkeypatch.delenv("DJANGO_TRUSTED_PROXY_COUNT", raising=False)
    settings = _settings(monkeypatch, {"DJANGO_BEHIND_PROXY": "0", **env})
    assert str(settings["TRUSTED_PROXY_COUNT"]) == expected


def test_static_files_collect_with_hashed_names_for_production(tmp_path):
    result = _manage({**PRODUCTION, "DJANGO_STATIC_ROOT": str(tmp_path)},
                     "collectstatic", "--noinput", "-v", "0")
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/site.css": "css/site.' in manifest
    assert '"jquery-ui/jquery-ui.min.js": "jquery-ui/jquery-ui.min.' in manifest


def test_a_static_file_nobody_has_is_not_found_and_jquery_ui_is():
    # A finder answering None for no match made finders.find() return [None], a "match".
    assert finders.find("css/no-such-file.css") is None
    assert finders.find("css/no-such-file.css", find_all=True) == []
    assert finders.find("jquery-ui/jquery-ui.min.js").endswith("jquery-ui.min.js")
