import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, so a test can see exactly what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list:
    return sorted(p.name for p in media_root.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def _all_in_danish(danish):
    """Every toolbox test starts in Danish (the `danish` fixture of tests/conftest.py)."""
