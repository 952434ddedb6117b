"""Atom feeds whose entry summaries are plain text.

Django's Atom1Feed declares every summary `type="html"`, so a feed reader renders it as markup;
the portal's summaries are plain text an editor typed, and `<img src=x onerror=…>` in one would
run in the reader. Declared as text, the same characters are shown, not parsed.
"""

from django.utils.feedgenerator import Atom1Feed


class PlainTextAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        description, item["description"] = item["description"], None
        super().add_item_elements(handler, item)
        item["description"] = description
        if description is not None:
            # RFC 4287 § 4.1.3: order among an entry's children is free; type="text" is plain.
            handler.addQuickElement("summary", description, {"type": "text"})
