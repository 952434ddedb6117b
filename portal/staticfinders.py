"""Serve the one jQuery UI file the tabbed translation admin needs, from its PyPI package.

Exposing the whole XStatic package would also collect its theme CSS, whose quoted image URLs
break the hashed-name manifest; the admin needs only the script.
"""

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from xstatic.pkg import jquery_ui

PREFIX = "jquery-ui"
FILES = ["jquery-ui.min.js"]


class JQueryUIFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.storage = FileSystemStorage(location=jquery_ui.BASE_DIR)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        name = path.removeprefix(f"{PREFIX}/")
        if path.startswith(f"{PREFIX}/") and name in FILES:
            match = str(Path(jquery_ui.BASE_DIR) / name)
            return [match] if find_all else match
        # Django's own finders answer [] for no match either way; None would come back from
        # finders.find() as [None], a "match".
        return []

    def list(self, ignore_patterns):
        for name in FILES:
            yield name, self.storage
