"""A feed parser on lxml (libxml2) for the ``lxml`` backend of :mod:`collectors.feeds`.

It reads the fields :class:`collectors.feeds.FeedEntry` carries by feedparser's rules, at several
times feedparser's speed (feedparser parses about 1,000 of the recorded entries per second per
core, far from the 20,000 goal). tests/collectors/test_feeds_conformance.py holds it to
feedparser 6 on feedparser's own test corpus; the rules below are feedparser's:

- Elements are known by namespace, not by the prefix a feed chose, and case-insensitively (CDF
  writes ``<ITEM>``); RSS 2.0 in the userland namespace, RSS 1.0/0.90, Atom 0.3/1.0 and CDF are
  all one vocabulary. An element inside an item counts at any depth (``media:group``), but a
  shallower one wins over a deeper one.
- Title: the first non-empty one (``title``, ``dc:title``; ``media:title`` only as a fallback).
- Body: the first content element (``content``, ``content:encoded``, ``body``, ``xhtml:body``,
  ``fullitem``), else the summary (``description``, ``summary``, ``dc:description``,
  ``itunes:summary``, ``media:description``, CDF ``abstract``; the last of several). Base64
  content (``mode="base64"`` or a non-text type) is decoded.
- Link: the alternate ``<link href>`` (the last one), a ``<link>`` text, else the guid / Atom id
  unless ``isPermaLink="false"``; relative URLs resolve against ``xml:base`` (CDF ``BASE``) and
  the feed's own URL (its ``Content-Location`` first).
- Dates: the last ``published`` (``pubDate``, ``issued``, ``dcterms:issued``), else the last
  ``updated`` (``modified``, ``dc:date``, ``dcterms:modified``, CDF ``LASTMOD``), else the last
  ``created`` (``dcterms:created``).
- Text that is UTF-8 read as Latin-1 is repaired, and C1 controls read as windows-1252.

Deliberate differences (tests/collectors/feeds_conformance_differences.yaml lists the corpus files
they show in): a ``<link rel="enclosure">`` text is not the entry's link (feedparser 6 takes any
``<link>`` text, against its own test's expectation), nor the ``<id>`` of an ``<image>``; and a
summary nested deeper than the item's own elements (a photo's ``media:description``) never
becomes the body in place of the item's description.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from datetime import UTC
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from collectors import dates

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
# The namespaces whose elements are the feed's own vocabulary (feedparser's list).
_CORE = frozenset({
    "", "http://backend.userland.com/rss", "http://blogs.law.harvard.edu/tech/rss", "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/", "http://example.com/newformat#", "http://example.com/necho",
    "http://purl.org/echo/", "uri/of/echo/namespace#", "http://purl.org/pie/", "http://purl.org/atom/ns#",
    "http://www.w3.org/2005/Atom", "http://purl.org/rss/1.0/modules/rss091#",
})
# Module namespaces, by the prefix feedparser gives them whatever prefix the feed chose.
_MODULES = {
    "http://purl.org/dc/elements/1.1/": "dc", "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/content/": "content", "http://www.w3.org/1999/xhtml": "xhtml",
    "http://search.yahoo.com/mrss": "media", "http://search.yahoo.com/mrss/": "media",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes", "http://example.com/dtds/podcast-1.0.dtd": "itunes",
    "http://purl.org/rss/1.0/modules/slash/": "slash", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://webns.net/mvcb/": "admin", "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://wellformedweb.org/commentapi/": "wfw", "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/rss/1.0/modules/threading/": "thr", "http://www.georss.org/georss": "georss",
    "http://podlove.org/simple-chapters": "psc", "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Any backend.userland.com/rss* namespace is RSS 2.0 for feedparser: the one in use is rss2.
_ITEM_TAGS = tuple(f"{{{ns}}}{name}" if ns else name for ns in (*_CORE, "http://backend.userland.com/rss2")
                   for name in ("item", "entry"))
_CDF_ITEM_TAGS = ("ITEM", "Item", "ENTRY", "Entry")
_SELF_CLOSED = re.compile(
    r"<(?!(?:br|img|hr|input|meta|link|area|base|col|embed|param|source|track|wbr)\b)(\w+)([^<>]*?)\s*/>")
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_URI_FIXER = re.compile(r"^([A-Za-z][A-Za-z0-9+\-.]*://)(/*)(.*?)")
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_C1 = re.compile("[\x80-\x9f]")
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
# feedparser's windows-1252 reading of C1 controls (its _cp1252 table).
_CP1252 = {c: bytes((c,)).decode("cp1252") for c in range(0x80, 0xA0) if c not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_AMP_QUERY = re.compile(r"&([A-Za-z0-9_]+);")
_NAMES: dict[str, str] = {}


def _parser() -> etree.XMLParser:
    # recover: broken feeds are read as far as they go, like feedparser's loose parser;
    # no external entities, no network: a feed may not make us fetch anything.
    # Entities declared in the document itself are expanded (libxml2 caps their amplification).
    return etree.XMLParser(recover=True, resolve_entities="internal", no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def _name(node: Any) -> str:
    """feedparser's name of an element: ``title``, ``dc_title``, ``content_encoded``..."""
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    found = _NAMES.get(tag)
    if found is not None:
        return found
    if tag[0] != "{":
        name = tag.lower()
    else:
        ns, local = tag[1:].split("}", 1)
        lowered = ns.lower()
        if lowered in _CORE or "backend.userland.com/rss" in lowered:
            name = local.lower()
        elif lowered in _MODULES:
            name = f"{_MODULES[lowered]}_{local.lower()}"
        else:
            # An unknown namespace: named by the feed's own prefix, and not cached (prefixes vary).
            prefix = node.prefix
            return f"{prefix.lower()}_{local.lower()}" if prefix else local.lower()
    if len(_NAMES) < 4096:
        _NAMES[tag] = name
    return name


def _content_type(value: str) -> str:
    value = value.lower()
    if value in ("text", "plain"):
        return "text/plain"
    if value == "html":
        return "text/html"
    if value == "xhtml":
        return "application/xhtml+xml"
    return value


def _inner_xml(node: Any) -> str:
    """The markup inside an element (Atom type="xhtml" content), namespaces dropped."""
    parts = [node.text or ""]
    for child in node:
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    # Read as HTML later, a self-closed <iframe/> would swallow the rest of the entry: open+close it.
    return _SELF_CLOSED.sub(r"<\1\2></\1>", _XMLNS.sub("", "".join(parts)))


def _undouble(text: str) -> str:
    if _BEYOND_LATIN1.search(text):
        return text  # not double-encoded: the usual case (Chinese text)
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text  # Latin-1 text that is not UTF-8 underneath


def _unbase64(text: str) -> str:
    try:
        return base64.decodebytes(text.encode("utf-8")).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return text  # not base64 after all: kept as written, like feedparser


def repair(text: str) -> str:
    """UTF-8 that was read as Latin-1 and re-encoded, and windows-1252 C1 controls, as feedparser mends them."""
    if text.isascii():
        return text
    text = _undouble(text)
    if _C1.search(text):
        text = text.translate(_CP1252)
    return text


def _value(node: Any, default_type: str) -> str:
    """An element's content as feedparser hands it over: inline markup serialised, base64 decoded."""
    declared = node.get("type")
    kind = _content_type(declared) if declared else default_type
    mode = node.get("mode")
    if len(node) and not kind.endswith("xml") and all(_name(c) in ("div", "xhtml_div") and not len(c) for c in node):
        # Escaped HTML wrapped in a <div> (TypePad): the div is ignored, its text is the HTML.
        text = (node.text or "") + "".join((c.text or "") + (c.tail or "") for c in node)
    elif len(node) or mode == "xml" or kind == "application/xhtml+xml":
        # Child elements in a "text" element: escaped markup that isn't, read as markup (feedparser too).
        text = _inner_xml(node) if len(node) else (node.text or "")
    else:
        text = node.text or ""
    text = text.strip()
    if text and (mode == "base64" or not (kind.startswith("text/") or kind.endswith("xml"))):
        text = _unbase64(text)
    return repair(text) if text else text


def _absolute(uri: str) -> bool:
    """Already absolute, and nothing urljoin would change or refuse."""
    return uri.startswith(("http://", "https://")) and "//" not in uri[8:9] and "[" not in uri


def _join(base: str, uri: str) -> str:
    if _absolute(uri):
        return uri
    uri = _URI_FIXER.sub(r"\1\3", uri)
    try:
        return urljoin(base, uri)
    except ValueError:
        return ""  # an unparseable URL (http://example.c[o.test/): none, like feedparser


class _Entry:
    """What one item has said so far, with feedparser's rules for repeated elements."""

    __slots__ = ("author", "base", "comments", "content", "created", "depths", "flat", "has_content", "id",
                 "link", "node", "published", "summary", "title", "title_depth", "updated")

    def __init__(self, node: Any, base: str, flat: bool) -> None:
        self.node = node
        self.base = base
        self.flat = flat
        self.title: str | None = None
        self.title_depth = -1
        self.link: str | None = None
        self.id: str | None = None
        self.content: str | None = None
        self.has_content = False
        self.summary: str | None = None
        self.published: str | None = None
        self.updated: str | None = None
        self.created: str | None = None
        self.author: str | None = None
        self.comments: str | None = None
        # feedparser keeps a value from a shallower element over one from a deeper element.
        self.depths: dict[str, int] = {}

    def shallower(self, key: str, depth: int) -> bool:
        old = self.depths.get(key)
        if old is None or depth <= old:
            self.depths[key] = depth
            return True
        return False

    def resolve(self, node: Any, uri: str) -> str:
        if _absolute(uri):
            return uri
        if self.flat:
            # No xml:base anywhere in the document: the feed's own URL is the base, if any.
            return _join(self.base, uri) if self.base else uri
        return _join(_base_of(node, self.node, self.base), uri)


def _base_of(node: Any, item: Any, base: str) -> str:
    """The base URI in force at ``node``: the document's, then every ``xml:base`` from the root down."""
    chain = []
    current = node
    while current is not None:
        value = current.get(_XML_BASE) or current.get("base") or current.get("BASE")
        if value:
            chain.append(value.strip())
        current = current.getparent()
    for value in reversed(chain):
        joined = _join(base, value) if base else value
        if joined and not joined.lower().startswith(_UNSAFE_SCHEMES):
            base = joined
    return base


def _title(entry: _Entry, node: Any, depth: int, media: bool = False) -> None:
    if -1 < entry.title_depth <= depth:
        return
    value = _value(node, "text/plain")
    if entry.shallower("title", depth):
        entry.title = value
    if value and not media:
        entry.title_depth = depth


def _media_title(entry: _Entry, node: Any, depth: int) -> None:
    _title(entry, node, depth, media=True)


def _link(entry: _Entry, node: Any, depth: int) -> None:
    href = node.get("href")
    if href is None:
        href = node.get("url", node.get("uri"))
    rel = (node.get("rel") or "alternate").lower()
    if href is not None:
        kind = _content_type(node.get("type") or ("application/atom+xml" if rel == "self" else "text/html"))
        if rel == "alternate" and kind in _HTML_TYPES:
            entry.link = entry.resolve(node, href.strip())
        return
    if rel != "alternate":
        return  # an enclosure's URL is not the entry's link
    value = repair((node.text or "").strip())
    if value:
        value = entry.resolve(node, value)
        if "&" in value:
            # feedparser's repair of query strings whose & were read as entity references.
            value = _AMP_QUERY.sub(r"&\1", value.replace("&amp;", "&"))
    entry.link = value


def _guid(entry: _Entry, node: Any, depth: int) -> None:
    permalink = next((v for k, v in node.attrib.items() if k.lower() == "ispermalink"), "true") == "true"
    value = (node.text or "").strip()
    if permalink and value:
        value = entry.resolve(node, value)
    if entry.shallower("id", depth):
        entry.id = value
    if permalink and entry.link is None:
        entry.link = value


def _add_content(entry: _Entry, node: Any, default_type: str, counts: bool = True) -> None:
    if counts:
        entry.has_content = True
    value = _value(node, default_type)
    if entry.content is None:
        entry.content = value
    declared = node.get("type")
    if (_content_type(declared) if declared else default_type) in ("text/plain", "text/html") \
            and entry.summary is None:
        entry.summary = value


def _summary(entry: _Entry, node: Any, depth: int, default_type: str) -> None:
    # A second summary-like element while there is no content becomes the content (feedparser), but
    # only the item's own: a photo's <media:description> inside <media:content> does not replace
    # the article's description as the body (feedparser lets it).
    if entry.summary is not None and not entry.has_content and depth == 1:
        _add_content(entry, node, "text/plain")
        return
    value = _value(node, default_type)
    if entry.shallower("summary", depth):
        entry.summary = value


def _date(key: str) -> Callable[[_Entry, Any, int], None]:
    def read(entry: _Entry, node: Any, depth: int) -> None:
        setattr(entry, key, (node.text or "").strip())
    return read


def _author(entry: _Entry, node: Any, depth: int) -> None:
    if entry.author:
        return
    name = next((c for c in node if _name(c) == "name"), None)
    entry.author = ((name if name is not None else node).text or "").strip() or None


def _comments(entry: _Entry, node: Any, depth: int) -> None:
    entry.comments = (node.text or "").strip()


def _image(entry: _Entry, node: Any, depth: int) -> None:
    # An image's title counts (feedparser); its link does not.
    for child in node:
        name = _name(child)
        if name in ("title", "dc_title"):
            _title(entry, child, depth + 1)


_Handler = Callable[[_Entry, Any, int], None]
_HANDLERS: dict[str, _Handler] = {
    "title": _title, "dc_title": _title, "media_title": _media_title,
    "link": _link, "guid": _guid, "id": _guid,
    "content": lambda e, n, d: _add_content(e, n, "text/plain"),
    "content_encoded": lambda e, n, d: _add_content(e, n, "text/html"),
    "fullitem": lambda e, n, d: _add_content(e, n, "text/html"),
    "body": lambda e, n, d: _add_content(e, n, "application/xhtml+xml", counts=False),
    "xhtml_body": lambda e, n, d: _add_content(e, n, "application/xhtml+xml", counts=False),
    "description": lambda e, n, d: _summary(e, n, d, "text/html"),
    "dc_description": lambda e, n, d: _summary(e, n, d, "text/html"),
    "media_description": lambda e, n, d: _summary(e, n, d, "text/html"),
    "summary": lambda e, n, d: _summary(e, n, d, "text/plain"),
    "itunes_summary": lambda e, n, d: _summary(e, n, d, "text/plain"),
    "abstract": lambda e, n, d: _summary(e, n, d, "text/plain"),
    **dict.fromkeys(("pubdate", "published", "issued", "dcterms_issued"), _date("published")),
    **dict.fromkeys(("updated", "modified", "lastbuilddate", "dc_date", "dcterms_modified"), _date("updated")),
    **dict.fromkeys(("created", "dcterms_created"), _date("created")),
    **dict.fromkeys(("author", "dc_creator", "dc_author", "itunes_author"), _author),
    "slash_comments": _comments,
    "image": _image,
}
# Not walked into: another entry, or the feed an entry was copied from (its title is not the entry's).
_OPAQUE = frozenset({"item", "entry", "source"})


def _walk(entry: _Entry, node: Any, depth: int) -> None:
    for child in node:
        name = _name(child)
        handler = _HANDLERS.get(name)
        if handler is not None:
            handler(entry, child, depth)
        elif name and name not in _OPAQUE and len(child):
            _walk(entry, child, depth + 1)


def _item(node: Any, base: str, flat: bool) -> dict[str, Any]:
    entry = _Entry(node, base, flat)
    about = node.get(_RDF_ABOUT)
    if about:
        entry.id = about.strip()
    # CDF: the item's URL and date are attributes.
    attrs = {k.lower(): v for k, v in node.attrib.items()} if node.attrib else {}
    if "lastmod" in attrs:
        entry.updated = attrs["lastmod"].strip()
    if "href" in attrs:
        entry.link = entry.resolve(node, attrs["href"].strip())
    _walk(entry, node, 1)
    found: dict[str, Any] = {}
    for key in ("title", "link", "author", "comments", "published", "updated", "created"):
        value = getattr(entry, key)
        if value is not None:
            found[key] = value
    if entry.id is not None:
        found["guid"] = entry.id
    if entry.content:
        found["content"] = entry.content
    if entry.summary is not None:
        found["summary"] = entry.summary
    return found


def parse(data: bytes, base: str = "") -> tuple[str, str, list[dict[str, Any]], str | None]:
    """(feed title, version, entries as dicts, why it was malformed or None).

    ``base``: the URL relative links resolve against (the feed's Content-Location or URL).
    """
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return "", "", [], str(exc)
    malformed = str(parser.error_log[0].message) if len(parser.error_log) else None
    if root is None:
        return "", "", [], malformed or "empty document"
    kind = _name(root)
    if kind == "feed":
        version = "atom10" if root.tag.startswith("{http://www.w3.org/2005/Atom}") else "atom03"
    elif kind == "rss":
        version = f"rss{(root.get('version') or '2.0').replace('.', '')}"
    elif kind == "rdf_rdf":
        version = "rss090" if any(_name(c) == "channel" and "netscape" in c.tag for c in root) else "rss10"
    elif kind == "channel":
        version = "cdf"
    else:
        return "", "", [], malformed or f"not a feed (root <{etree.QName(root).localname}>)"
    channel = root if kind in ("feed", "channel") else next((c for c in root if _name(c) == "channel"), None)
    title_node = next((c for c in channel if _name(c) == "title"), None) if channel is not None else None
    title = _value(title_node, "text/plain") if title_node is not None else ""
    tags = _ITEM_TAGS + _CDF_ITEM_TAGS if kind == "channel" else _ITEM_TAGS
    # xml:base, or CDF's BASE, anywhere? Without one every element has the document's base.
    flat = b"base=" not in data and b"BASE=" not in data
    entries = [_item(e, base, flat) for e in root.iter(*tags)]
    return title, version, entries, malformed


def parse_date(entry: dict[str, Any]) -> tuple[Any, str | None]:
    raw = None
    for key in ("published", "updated", "created"):
        text = entry.get(key)
        if text:
            # Like feedparser: a time without a zone is UTC (the feed formats require a zone),
            # to the second (feedparser's struct_time has no fractions).
            parsed = dates.parse(text, assume=UTC)
            if parsed is not None:
                return parsed.replace(microsecond=0), None
            raw = raw or text
    return None, raw
