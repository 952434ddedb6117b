"""Page weight as a phone on a weak connection pays it: the compressed bytes of the HTML and of
every stylesheet, script and image it loads from this site."""

import gzip
import re
import urllib.error
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


SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)


def audit(url: str) -> dict:
    """What the issue asks of a page besides its weight: no render-blocking JavaScript (a
    <script src> without defer/async/module), every <img> with width and height, and a 304
    for a repeat visit that sends back the page's ETag / Last-Modified."""
    # A browser: it sends back the cookies it got (the guide's csrftoken) with the validators.
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with browser.open(url, timeout=30) as response:
        html = response.read().decode(errors="replace")
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    blocking = [attrs for attrs in SCRIPT.findall(html)
                if "src=" in attrs and not re.search(r"\b(defer|async)\b|type=\"module\"", attrs)]
    unsized = [attrs for attrs in IMG.findall(html)
               if not ("width=" in attrs and "height=" in attrs)]
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    repeat = None
    if headers:
        try:
            with browser.open(urllib.request.Request(url, headers=headers),
                              timeout=30) as response:
                repeat = response.status
        except urllib.error.HTTPError as error:
            repeat = error.code
    return {"blocking_scripts": len(blocking), "unsized_images": len(unsized),
            "repeat_status": repeat}


def static_cache_control(page_url: str) -> tuple[str, str]:
    """(a stylesheet the page links, its Cache-Control): hashed names, cached for a year."""
    with urllib.request.urlopen(page_url, timeout=30) as response:
        html = response.read().decode(errors="replace")
    match = re.search(r'<link rel="stylesheet" href="(/static/[^"]+)"', html)
    if not match:
        return "", ""
    with urllib.request.urlopen(urljoin(page_url, match.group(1)), timeout=30) as response:
        return match.group(1), response.headers.get("Cache-Control", "")
