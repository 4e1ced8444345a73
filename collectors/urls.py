"""Canonical URLs: one spelling per page, so the item id (a hash of it) is stable."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say where a click came from, never which page it is.
TRACKING_PARAMS = frozenset({
    "spm", "from", "fr", "frm", "ref", "referer", "source", "src", "share", "share_token", "sharetype",
    "isappinstalled", "wfr", "luicode", "lfid", "featurecode", "scene", "clicktime", "enterid",
    "share_from", "sharer_shareid", "sharer_sharetime", "chksm", "mpshare", "sessionid", "_t", "timestamp",
    "gclid", "fbclid", "yclid", "msclkid", "mc_cid", "mc_eid", "igshid", "vd_source", "tt_from",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Fragments that name one post of a thread (a reply is its own item); every other fragment goes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ITEM_FRAGMENT = re.compile(r"(reply|comment|post|pid|floor)[-_]?[\w-]+")


class BadURL(ValueError):
    """A link that is no URL (``http://[::1``, a port out of range): the entry is skipped, not the feed."""


def canonical(url: str, base: str | None = None) -> str:
    """Absolute, lower-case host, no default port, no fragment, no tracking parameters, sorted query.

    Raises :class:`BadURL` (a ValueError) naming the link when it cannot be read as a URL.
    """
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"无效链接 {url[:200]!r} (not a URL: {exc})") from exc
    if _CONTROL.search(url.strip()):
        raise BadURL(f"无效链接 {url[:200]!r} (control character in a URL)")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")]
    query.sort()
    path = parts.path or "/"
    fragment = parts.fragment if _ITEM_FRAGMENT.fullmatch(parts.fragment) else ""
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), fragment))


def host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url[:200].lower()
    return f"{parts.scheme}://{parts.netloc}".lower()
