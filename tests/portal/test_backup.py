"""`make backup` / `make restore`: a backup restored into an empty database gives the same pages."""

import pytest

from tests.servers import collect_static, get, gunicorn, manage, throwaway_postgres

pytestmark = pytest.mark.slow
PAGES = ["/", "/en/", "/privatliv/", "/sitemap.xml", "/vaerktoejskasse/"]


def test_backup_restored_into_an_empty_database_gives_the_same_pages(tmp_path):
    original_data, restored_data = tmp_path / "original", tmp_path / "restored"
    # One server, two databases: the restore goes into a new, empty one, and the original is
    # dropped first, so nothing the restored pages show can come from it. (A second server
    # cost its own initdb and start; pg_dump takes one database and nothing of the server.)
    with throwaway_postgres(migrated=True) as (server, url):
        manage(url, "load_demo", data_dir=original_data)
        collect_static(url, data_dir=original_data)
        (original_data / "media" / "uploads").mkdir(parents=True)
        (original_data / "media" / "uploads" / "note.txt").write_text("uploaded file")
        with gunicorn(url, data_dir=original_data) as base:
            before = {page: get(base + page)[2].replace(base, "") for page in PAGES}
        manage(url, "backup", "--output", str(tmp_path / "backup"), data_dir=original_data)

        server.psql("DROP DATABASE portal WITH (FORCE);")
        server.psql("CREATE DATABASE restored;")
        url = url.rsplit("/", 1)[0] + "/restored"
        manage(url, "restore", str(tmp_path / "backup"), "--yes", data_dir=restored_data)
        collect_static(url, data_dir=restored_data)
        with gunicorn(url, data_dir=restored_data) as base:
            after = {page: get(base + page)[2].replace(base, "") for page in PAGES}
    assert after == before
    assert "Ballerup Kommune" in after["/"]
    assert (restored_data / "media" / "uploads" / "note.txt").read_text() == "uploaded file"
