"""Reading the site's own sitemap: the list of pages the axe and fuzz tests cover."""

import re
from urllib.parse import urlsplit


def sitemap_paths(client) -> list[str]:
    body = client.get("/sitemap.xml").content.decode()
    paths = {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body)}
    return sorted(paths)
