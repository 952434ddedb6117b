"""What the every-page walk (test_every_page.py) already checks, so that the other browser tests
walk only what it does not: pages with the test's own data or state (factory rows, errors
shown, logged in, a form filled) and addresses it does not open (other filters and queries).

A demo page is walked once, there, at both widths in both languages, with every check of
`walk`; a test that used to walk it again asserts here that it still is, so its coverage
cannot drop silently when the sitemap or EXTRA_PATHS change.
"""

import re

from tests.browser.test_every_page import every_path

# What differs between two renderings of one unchanged page: the value of a hidden field (the
# CSRF token, a signed start time), which neither the layout nor axe sees.
HIDDEN_VALUE = re.compile(r'(<input type="hidden" name="[^"]*") value="[^"]*"')


def assert_walked_by_every_page(client, paths):
    """Each of `paths` is among the pages test_every_page.py walks (on the demo as loaded)."""
    walked = set(every_path(client))
    missing = [path for path in paths if path not in walked]
    assert missing == [], f"no longer in the every-page walk: {missing}"


def _rendered(client, path):
    response = client.get(path)
    return response.status_code, HIDDEN_VALUE.sub(r"\1", response.content.decode())


def changed_by(client, paths, add_data):
    """Call `add_data` and return what it returns and which of `paths` it changed.

    `paths` are demo pages in the every-page walk; one the test's own data leaves exactly as it
    was (same status, same HTML) is the page that walk already checks, and need not be walked
    again; one it changes is the test's own. Rendered by Django alone (about 50 ms a page
    against about 500 ms for a walk at two widths)."""
    assert_walked_by_every_page(client, paths)
    before = {path: _rendered(client, path) for path in paths}
    result = add_data()
    return result, [path for path in paths if _rendered(client, path) != before[path]]
