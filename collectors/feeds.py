"""RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF parsing behind one interface, with three backends.

``feedparser`` is the reference, but parses only about 1,000 of the recorded entries per second
per core against a goal of 20,000. The default backend, ``lxml`` (:mod:`collectors.feeds_lxml`,
libxml2), reads feeds by feedparser's rules at many times its speed: on feedparser's own test
corpus (2,106 feeds) it gives the same title, link, id, body text and date on every entry but a
short list of documented, deliberate differences (tests/collectors/test_feeds_conformance.py and
feeds_conformance_differences.yaml beside it). ``feedparser_rs`` (a Rust port of feedparser) is as
fast, but blanks links to loopback or private addresses (an SSRF guard it does not let us turn
off), misses CDF feeds, some namespaced RSS 2.0 and relative links against ``xml:base``, and
escapes some stray markup differently, so it is opt-in per source.

The body is decoded by :mod:`collectors.encoding` first (declarations lie), repaired (truncated
character references, bare ampersands, HTML's named entities) and handed over as UTF-8 bytes.
Relative links resolve against the feed's URL, or the ``Content-Location`` it was served with, and
``xml:base``: give :func:`parse` the URL and the response headers.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urljoin

from collectors import dates, encoding

Backend = Literal["feedparser", "feedparser_rs", "lxml"]
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# A character reference to a UTF-16 surrogate (&#xD800;) makes lxml raise on the text that holds it,
# losing the whole feed: it becomes U+FFFD before parsing.
_SURROGATE_REF = re.compile(r"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9]\d\d|56\d{3}|57[0-2]\d\d|"
                            r"573[0-3]\d|5734[0-3]));")
# A character reference cut short (``&#2598`` then no ``;``): XML parsers stop there, so it goes.
# Atomic: ``&#x4E2D;`` must not be read as a decimal reference with no digits (it ate hex ones).
_BROKEN_CHARREF = re.compile(r"&#(?>[xX][0-9a-fA-F]*|[0-9]*)(?!;)")
# ``&#X41;``: HTML and feedparser read the capital X, XML does not.
_UPPER_X = re.compile(r"&#X(?=[0-9a-fA-F]+;)")
_BARE_AMP = re.compile(r"&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});)")
# HTML's named entities, which XML does not know (its own five are left alone).
_HTML_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|apos);)([A-Za-z][A-Za-z0-9]{1,31});")
_DECLARED_ENTITY = re.compile(r"<!ENTITY\s+([A-Za-z][A-Za-z0-9]*)\s")
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF|RDF)[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    guid: str | None
    link: str | None
    title: str
    # HTML of the fullest body the entry has (content, else summary).
    body_html: str
    author: str | None
    published: datetime | None
    # The date as written when it could not be read (reported, never invented).
    raw_date: str | None
    comments: int | None


@dataclass(slots=True)
class Feed:
    title: str = ""
    version: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    # Why the XML was not well-formed, when it was not.
    malformed: str | None = None
    encoding: str = "utf-8"


def prepare(body: bytes, content_type: str | None = None) -> tuple[bytes, str]:
    """UTF-8 bytes of the decoded, repaired document, and the encoding it came in."""
    decoded = encoding.decode(body, content_type)
    text = _XML_DECL.sub("", decoded.text, count=1)
    if "&" in text:
        if "&#" in text:
            text = _SURROGATE_REF.sub("&#xFFFD;", _BROKEN_CHARREF.sub("", text))
            if "&#X" in text:
                text = _UPPER_X.sub("&#x", text)
        text = _BARE_AMP.sub("&amp;", text)
        if _HTML_ENTITY.search(text):
            declared = frozenset(_DECLARED_ENTITY.findall(text)) if "<!ENTITY" in text else frozenset()
            text = _HTML_ENTITY.sub(lambda m: m.group() if m.group(1) in declared else _entity(m), text)
    if "<![" in text:
        # A document cut inside a CDATA section: the fragment is not text (feedparser drops it too).
        start = text.rfind("<![")
        if text.find("]]>", start) == -1 and text.find(">", start) == -1:
            text = text[:start]
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text.lstrip()).encode("utf-8"), decoded.encoding


def _entity(match: re.Match[str]) -> str:
    """``&nbsp;`` as the character reference XML reads; an unknown name stays as written."""
    char = html.entities.html5.get(match.group(1) + ";")
    return "".join(f"&#{ord(c)};" for c in char) if char else "&amp;" + match.group(1) + ";"


def looks_like_feed(body: bytes) -> bool:
    return _FEED_ROOT.search(body[:4096].decode("latin-1")) is not None


def base_url(url: str | None, headers: Mapping[str, str] | None = None) -> str:
    """What relative links in a feed resolve against: its Content-Location, read against its URL."""
    url = url or ""
    location = next((v for k, v in (headers or {}).items() if k.lower() == "content-location"), None)
    if location:
        try:
            joined = urljoin(url, location.strip())
        except ValueError:
            return url  # an unparseable header: the URL still stands
        if joined.lower().startswith(("http://", "https://")):
            return joined
    return url


def parse(body: bytes, headers: Mapping[str, str] | None = None, backend: Backend = "lxml",
          url: str | None = None) -> Feed:
    """The feed in ``body``, fetched from ``url`` with response ``headers`` (charset, Content-Location)."""
    content_type = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), None)
    data, original = prepare(body, content_type)
    base = base_url(url, headers)
    if backend == "lxml":
        return _parse_lxml(data, original, base)
    if backend == "feedparser_rs":
        import feedparser_rs

        # It takes no base URL: relative links are resolved against ours below.
        result: Any = feedparser_rs.parse(data)
    else:
        import feedparser

        result = feedparser.parse(data, response_headers={"content-type": "application/xml; charset=utf-8",
                                                          "content-location": base})
    feed = Feed(title=str(result.feed.get("title") or ""), version=str(result.get("version") or ""),
                encoding=original)
    if result.get("bozo"):
        feed.malformed = str(result.get("bozo_exception") or "malformed")
    for entry in result.entries:
        parsed = _entry(entry)
        if backend == "feedparser_rs":
            parsed = _mend_rs(parsed, base)
        feed.entries.append(parsed)
    return feed


def _mend_rs(entry: FeedEntry, base: str) -> FeedEntry:
    """What feedparser does and feedparser_rs does not, where it can be done after the fact: relative
    links resolved, UTF-8 read as Latin-1 and windows-1252 C1 controls repaired. (CDF feeds, RSS 2.0
    in a namespace without a default one, ``<fullitem>``/``<xhtml:body>`` bodies and ``dcterms``
    dates it does not read at all.)"""
    from collectors.feeds_lxml import repair

    link = entry.link
    if base and link and "://" not in link:
        link = urljoin(base, link)
    return replace(entry, link=link, title=repair(entry.title), body_html=repair(entry.body_html))


def _entry(entry: Any) -> FeedEntry:
    # feedparser's dict warns (and guesses) when asked for a date key it lacks: read it plainly.
    get = (lambda key: dict.get(entry, key)) if isinstance(entry, dict) else entry.get
    body = ""
    content = get("content") or []
    if content:
        body = str(content[0].get("value") or "")
    if not body:
        body = str(get("summary") or "")
    parsed = None
    raw = None
    for key in ("published", "updated", "created"):
        struct = get(f"{key}_parsed")
        if struct:
            parsed = dates.from_struct(struct)
            if parsed is not None:
                break
        text = get(key)
        if text:
            parsed = dates.parse(str(text))
            if parsed is not None:
                break
            raw = str(text)
    comments = get("slash_comments")
    try:
        count = int(comments) if comments not in (None, "") else None
    except (TypeError, ValueError):
        count = None
    link = get("link") or None
    guid = get("id") or None
    author = get("author")
    return FeedEntry(guid=str(guid) if guid else None, link=str(link) if link else None,
                     title=str(get("title") or ""), body_html=body,
                     author=str(author) if author else None,
                     published=parsed, raw_date=None if parsed else raw,
                     comments=count if count is None or count >= 0 else None)


def _parse_lxml(data: bytes, original: str, base: str) -> Feed:
    from collectors import feeds_lxml

    title, version, entries, malformed = feeds_lxml.parse(data, base)
    feed = Feed(title=title, version=version, malformed=malformed, encoding=original)
    for raw in entries:
        published, raw_date = feeds_lxml.parse_date(raw)
        try:
            count = int(raw["comments"]) if raw.get("comments") else None
        except ValueError:
            count = None
        feed.entries.append(FeedEntry(
            guid=raw.get("guid") or None, link=raw.get("link") or None, title=raw.get("title") or "",
            body_html=raw.get("content") or raw.get("summary") or "", author=raw.get("author") or None,
            published=published, raw_date=raw_date, comments=count if count is None or count >= 0 else None))
    return feed
