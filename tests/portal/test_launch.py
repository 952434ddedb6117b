"""`make test` compiles the translations only when a .po file changed (portal/launch.py)."""

import os

from portal.launch import translations_stale


def _touch(path, mtime):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_a_catalogue_without_its_compiled_file_is_compiled(tmp_path):
    _touch(tmp_path / "locale/da/LC_MESSAGES/django.po", 1000)
    assert translations_stale(tmp_path)


def test_compiled_files_newer_than_their_catalogues_are_left(tmp_path):
    _touch(tmp_path / "locale/da/LC_MESSAGES/django.po", 1000)
    _touch(tmp_path / "locale/da/LC_MESSAGES/django.mo", 2000)
    _touch(tmp_path / "toolbox/locale/da/LC_MESSAGES/django.po", 1000)
    _touch(tmp_path / "toolbox/locale/da/LC_MESSAGES/django.mo", 2000)
    assert not translations_stale(tmp_path)


def test_an_edited_catalogue_of_an_app_is_compiled_again(tmp_path):
    _touch(tmp_path / "locale/da/LC_MESSAGES/django.po", 1000)
    _touch(tmp_path / "locale/da/LC_MESSAGES/django.mo", 2000)
    _touch(tmp_path / "toolbox/locale/da/LC_MESSAGES/django.po", 3000)
    _touch(tmp_path / "toolbox/locale/da/LC_MESSAGES/django.mo", 2000)
    assert translations_stale(tmp_path)

