"""feedparser's own test corpus (2,106 feeds) as a conformance suite for our feed backends.

Every feed is parsed by real feedparser 6 (the reference: the raw bytes, the response headers the
file records, its URL on feedparser's test server) and by our backend (through ``feeds.parse``,
as the ``rss`` kind calls it), and each entry is compared on what the collectors publish: title
and body text, link, id, date. feeds_conformance_differences.yaml lists, with the reason, where
the default backend differs on purpose.

    python tests/collectors/test_feeds_conformance.py [--shared ../shared] [--show N]

prints the table for every backend.
"""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from collectors import feeds, sources
from collectors.kinds.base import PollContext
from collectors.kinds.rss import body_text, entries_to_candidates, title_text

FIELDS = ("title", "link", "id", "body", "date")
CORPUS = "fixtures/feedparser_corpus"
DIFFERENCES = Path(__file__).with_name("feeds_conformance_differences.yaml")
# feedparser's own test server, where its tests fetch these files from (their expectations about
# resolved links name it).
SERVER = "http://127.0.0.1:8097/tests/"
_COMMENT = re.compile(rb"\s*(?:<\?xml[^>]*\?>\s*)?<!--(.*?)-->", re.S)
_HEADER = re.compile(rb"^\s*Header:\s*([^:\r\n]+):[ \t]*(.*?)\s*$", re.M)


def recorded_headers(data: bytes) -> dict[str, str]:
    """The HTTP response headers a corpus file carries in its leading comment (``Header: Name: value``)."""
    found = _COMMENT.match(data)
    if not found:
        return {}
    return {name.decode("ascii").strip().lower(): value.decode("latin-1")
            for name, value in _HEADER.findall(found.group(1))}


@dataclass(frozen=True, slots=True)
class Published:
    """One entry as the collectors publish it."""

    title: str
    link: str | None
    id: str | None
    body: str
    date: datetime | None

    @classmethod
    def of(cls, entry: feeds.FeedEntry) -> Published:
        return cls(title=title_text(entry.title), link=entry.link, id=entry.guid, body=body_text(entry.body_html),
                   date=entry.published)


@dataclass
class Report:
    backend: str
    feeds: int = 0
    entries: int = 0
    equal: Counter[str] = field(default_factory=Counter)
    # Entries left out for a field because of a documented difference.
    excused: Counter[str] = field(default_factory=Counter)
    # (file, entry index, field, feedparser's value, ours), documented ones not included.
    mismatches: list[tuple[str, int, str, Any, Any]] = field(default_factory=list)
    # Documented (file, field) pairs that did differ.
    documented_seen: set[tuple[str, str]] = field(default_factory=set)
    lost: list[tuple[str, int, int]] = field(default_factory=list)
    none_found: list[str] = field(default_factory=list)
    # Feeds where the number of entries differs: (file, feedparser's, ours).
    counts_differ: list[tuple[str, int, int]] = field(default_factory=list)

    def share(self, name: str) -> float:
        counted = self.entries - self.excused[name]
        return self.equal[name] / counted if counted else 1.0

    def lines(self) -> Iterator[str]:
        yield (f"{self.backend}: {self.feeds} feeds, {self.entries} entries with feedparser; items lost "
               f"{sum(r - o for _, r, o in self.lost)}; feeds where feedparser finds entries and we none: "
               f"{len(self.none_found)}; feeds with another number of entries: {len(self.counts_differ)}")
        for name in (*FIELDS, "all"):
            yield (f"  {name:<6} equal {self.equal[name]:>5} of {self.entries - self.excused[name]:>5} "
                   f"({100 * self.share(name):6.2f}%), {self.excused[name]} excused")


def documented() -> dict[str, set[str]]:
    """file -> fields in which the default backend differs on purpose."""
    out: dict[str, set[str]] = {}
    for item in yaml.safe_load(DIFFERENCES.read_text(encoding="utf-8")):
        assert set(item) == {"reason", "files"} and item["reason"].strip(), item
        for name, fields in item["files"].items():
            assert fields and set(fields) <= set(FIELDS), (name, fields)
            out.setdefault(name, set()).update(fields)
    return out


def _context() -> PollContext:
    spec = sources.parse({"sources": [{"id": "conformance", "name": "一致性", "kind": "rss", "url": SERVER}]})[0]
    return PollContext(spec=spec.spec, options=spec.options, settings=None, fetcher=None)  # type: ignore[arg-type]


def _candidates(entries: list[feeds.FeedEntry]) -> int:
    return len(entries_to_candidates(_context(), feeds.Feed(entries=entries), SERVER))


def reference(data: bytes, headers: dict[str, str], url: str) -> list[feeds.FeedEntry]:
    """feedparser 6 on the raw bytes, as its own test server would serve them."""
    import feedparser

    # Given bytes, feedparser takes the document's URL from Content-Location.
    result = feedparser.parse(data, response_headers={"content-location": url, **headers})
    return [feeds._entry(entry) for entry in result.entries]


@functools.cache
def _reference_of(path: Path, url: str) -> tuple[feeds.FeedEntry, ...]:
    # Each backend is compared with the same reading: feedparser runs once per file.
    data = path.read_bytes()
    return tuple(reference(data, recorded_headers(data), url))


def compare(corpus: Path, backend: feeds.Backend, excused: dict[str, set[str]] | None = None) -> Report:
    excused = excused or {}
    report = Report(backend)
    for path in sorted(corpus.rglob("*.xml")):
        name = path.relative_to(corpus).as_posix()
        data = path.read_bytes()
        headers = recorded_headers(data)
        url = SERVER + name
        ref = list(_reference_of(path, url))
        ours = feeds.parse(data, headers, backend=backend, url=url).entries
        report.feeds += 1
        if ref and not ours:
            report.none_found.append(name)
        if len(ref) != len(ours):
            report.counts_differ.append((name, len(ref), len(ours)))
        wanted, got = _candidates(ref), _candidates(ours)
        if got < wanted:
            report.lost.append((name, wanted, got))
        skip = excused.get(name, set())
        for index, entry in enumerate(ref):
            report.entries += 1
            a = Published.of(entry)
            b = Published.of(ours[index]) if index < len(ours) else None
            same_all = True
            for name_ in FIELDS:
                theirs = getattr(a, name_)
                mine = getattr(b, name_) if b is not None else "<no entry>"
                if name_ in skip:
                    report.excused[name_] += 1
                    if theirs != mine:
                        report.documented_seen.add((name, name_))
                    continue
                if theirs == mine:
                    report.equal[name_] += 1
                else:
                    same_all = False
                    report.mismatches.append((name, index, name_, theirs, mine))
            if skip:
                report.excused["all"] += 1
            elif same_all:
                report.equal["all"] += 1
    return report


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    path = shared_dir / CORPUS
    if not path.is_dir():
        pytest.skip(f"feedparser's test corpus is absent ({path})")
    return path


def test_lxml_backend_agrees_with_feedparser_on_its_corpus(corpus: Path) -> None:
    excused = documented()
    report = compare(corpus, "lxml", excused)
    shown = "\n".join(f"{f} #{i} {n}: feedparser {a!r:.80} / ours {b!r:.80}"
                      for f, i, n, a, b in report.mismatches[:20])
    assert report.feeds == 2106 and report.entries > 1200
    assert report.lost == [], report.lost
    assert report.none_found == [], report.none_found
    assert report.counts_differ == [], report.counts_differ
    for name in (*FIELDS, "all"):
        assert report.share(name) >= 0.99, f"{name}: {report.share(name):.2%}\n{shown}"
    listed = {(f, n) for f, fields in excused.items() for n in fields}
    stale = sorted(listed - report.documented_seen)
    assert not stale, f"documented differences that are gone (take them off the list): {stale}"
    # The list stays short: excused entries are a small part of the corpus.
    assert report.excused["all"] <= 0.03 * report.entries


def test_character_references_of_the_corpus_are_decoded(corpus: Path) -> None:
    for name in ("entities/hex_entity_x_lowercase.xml", "entities/hex_entity_x_uppercase.xml",
                 "wellformed/amp/amp07.xml", "wellformed/amp/amp06.xml"):
        data = (corpus / name).read_bytes()
        (entry,) = feeds.parse(data).entries
        assert title_text(entry.title) in ("A", "&"), name
    hex_files = [p for p in corpus.rglob("*.xml") if re.search(rb"&#[xX][0-9a-fA-F]+;", p.read_bytes())]
    assert len(hex_files) >= 30
    for path in hex_files:
        for entry in feeds.parse(path.read_bytes()).entries:
            text = title_text(entry.title) + body_text(entry.body_html)
            assert not re.search(r"(?<![&#\w])[xX][0-9a-fA-F]{2,};", text), (path.name, text)


def test_feedparser_rs_figures_hold(corpus: Path) -> None:
    """feedparser_rs is opt-in, not the default: it misses CDF feeds, RSS 2.0 in the userland namespace
    without a default namespace, relative links against xml:base, and more. These are its figures
    (collectors/README.md); the test fails when they get worse, and says so when they get better."""
    report = compare(corpus, "feedparser_rs")
    assert report.share("all") >= 0.87, list(report.lines())
    assert sum(r - o for _, r, o in report.lost) <= 4, report.lost
    assert len(report.none_found) <= 21, report.none_found


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    parser.add_argument("--show", type=int, default=0, help="print the first N undocumented differences")
    parser.add_argument("backends", nargs="*", default=["lxml", "feedparser_rs", "feedparser"])
    args = parser.parse_args()
    corpus = Path(args.shared) / CORPUS
    for backend in args.backends:
        excused = documented() if backend == "lxml" else {}
        report = compare(corpus, backend, excused)
        print("\n".join(report.lines()))
        for f, i, n, a, b in report.mismatches[: args.show]:
            print(f"    {f} #{i} {n}: feedparser {a!r:.90} / ours {b!r:.90}")


if __name__ == "__main__":
    main()
