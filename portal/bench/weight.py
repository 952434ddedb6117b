"""Page weight as a phone on a weak connection pays it: the compressed bytes of the HTML and of
every stylesheet, script and image it loads from this site."""

import gzip
import re
import urllib.request
from urllib.parse import urljoin

ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)'
                   r'="([^"]+)"')


def _compressed_size(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        raw = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    body = gzip.decompress(raw) if encoding == "gzip" else raw
    # Uncompressed responses are counted as they would be with gzip on the wire.
    return (len(raw) if encoding else len(gzip.compress(raw))), body


def page_weight(url: str) -> int:
    total, body = _compressed_size(url)
    for asset in set(ASSET.findall(body.decode(errors="replace"))):
        if asset.startswith(("data:", "http://", "https://", "//")):
            continue
        total += _compressed_size(urljoin(url, asset))[0]
    return total
