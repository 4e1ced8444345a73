"""Message contracts of every topic, defined once and validated at each boundary.

Each message carries ``schema_version``. A consumer accepts the versions it knows
and sends anything else to the dead-letter topic with the reason, never drops it.
Chinese text is encoded as UTF-8 on the wire, never as ``\\u`` escapes.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Literal, TypeVar

import msgspec

# items.raw: version 2 adds ``queries`` (the keyword searches that found the item); version 1 is still read.
RAW_SCHEMA_VERSION = 2
RAW_SCHEMA_VERSIONS = frozenset({1, 2})
# items.scored: version 2 adds ``emotion``; consumers still accept version 1 messages (no emotion).
SCORED_SCHEMA_VERSION = 2
SCORED_SCHEMA_VERSIONS = frozenset({1, 2})
DEAD_LETTER_SCHEMA_VERSION = 1

# The kinds and what each one means downstream: core/sourcekinds.py (which checks this list).
SourceKind = Literal["rss", "news", "forum", "microblog", "replay", "search", "forwarded"]
MediaTier = Literal[
    "central", "provincial", "prefecture", "county", "portal", "self_media", "government", "unknown"
]


# Limits of a message, enforced here once so that SQLite and PostgreSQL see the same items: what
# passes them fits every column of the store and, encoded, stays under the broker's 1 MB message.
MAX_TEXT_CHARS = 100_000  # a very long article is ~20 000 characters; text_simplified doubles it
MAX_TITLE_CHARS = 1_000
MAX_URL_CHARS = 4_096
MAX_COUNT = 2_147_483_647  # counts, ranks and revisions: a 32-bit INTEGER column
MAX_REGION_HINTS = 64
MAX_QUERIES = 32
ID_FORM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}")
# NUL cannot be stored in PostgreSQL text (SQLite silently cuts there); a lone surrogate cannot be
# encoded as UTF-8. Neither is ever part of real text.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def check_text(name: str, value: str | None, limit: int) -> None:
    """Raise ValueError when ``value`` is longer than ``limit`` or holds characters no store keeps."""
    if value is None:
        return
    if len(value) > limit:
        raise ValueError(f"{name} is {len(value)} characters long, more than the limit of {limit}")
    # Clean text (nearly all) passes a NUL search and, unless ASCII, UTF-8 encoding, which fails exactly
    # on a surrogate: several times faster than the pattern on CJK text (a 300-character post: ~3 µs),
    # which then only says which character is the first bad one and where.
    if "\x00" not in value:
        if value.isascii():
            return
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            return
    bad = _UNSTORABLE.search(value)
    if bad is not None:
        raise ValueError(f"{name} holds the character U+{ord(bad.group()):04X} at position {bad.start()}, "
                         "which cannot be stored")


def check_id(name: str, value: str | None) -> None:
    if value is not None and not ID_FORM.fullmatch(value):
        raise ValueError(f"{name} {value[:80]!r} is not an id (1-64 of A-Z a-z 0-9 . _ : -)")


def check_count(name: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= MAX_COUNT:
        raise ValueError(f"{name} must be within [0, {MAX_COUNT}], got {value}")


class Engagement(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Counts as read from the source; ``None`` means the source does not show it."""

    views: int | None = None
    replies: int | None = None
    reposts: int | None = None
    likes: int | None = None

    def __post_init__(self) -> None:
        for name in ("views", "replies", "reposts", "likes"):
            check_count(f"engagement.{name}", getattr(self, name))


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    kind: SourceKind
    tier: MediaTier = "unknown"
    region: str | None = None

    def __post_init__(self) -> None:
        check_text("source.id", self.id, 128)
        if not self.id:
            raise ValueError("source.id must not be empty")
        check_text("source.name", self.name, 256)
        check_text("source.region", self.region, 32)


class RawItem(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One collected item, the value of ``items.raw`` (key: ``id``)."""

    schema_version: int = RAW_SCHEMA_VERSION
    id: str
    source: Source
    url: str
    title: str
    text: str
    # The text in simplified characters (OpenCC t2s) for the classifier; None when ``text`` already is.
    text_simplified: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime
    engagement: Engagement = Engagement()
    region_hints: tuple[str, ...] = ()
    language: str = "zh"
    parent_id: str | None = None
    # Increases when a later poll re-reads the same item (engagement updates).
    revision: int = 0
    # Version 2: the platform searches of the office's keyword scheme that found it ("灵山县 拆迁").
    queries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.schema_version not in RAW_SCHEMA_VERSIONS:
            raise ValueError(f"items.raw schema_version {self.schema_version} is not supported "
                             f"(known: {', '.join(map(str, sorted(RAW_SCHEMA_VERSIONS)))})")
        if self.schema_version < 2 and self.queries:
            raise ValueError("queries is a field of items.raw schema_version 2, not 1")
        if len(self.queries) > MAX_QUERIES:
            raise ValueError(f"queries has {len(self.queries)} entries, more than {MAX_QUERIES}")
        for query in self.queries:
            check_text("queries", query, 256)
        if not self.id:
            raise ValueError("id must not be empty")
        check_id("id", self.id)
        check_id("parent_id", self.parent_id)
        check_text("url", self.url, MAX_URL_CHARS)
        check_text("title", self.title, MAX_TITLE_CHARS)
        check_text("text", self.text, MAX_TEXT_CHARS)
        check_text("text_simplified", self.text_simplified, MAX_TEXT_CHARS)
        check_text("author", self.author, 256)
        check_text("language", self.language, 16)
        if len(self.region_hints) > MAX_REGION_HINTS:
            raise ValueError(f"region_hints has {len(self.region_hints)} entries, more than {MAX_REGION_HINTS}")
        for hint in self.region_hints:
            check_text("region_hints", hint, 64)
        check_count("revision", self.revision)
        if not (self.title.strip() or self.text.strip()):
            raise ValueError("an item needs a title or a text")


class Grade(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A grade of the office's policy profile, with the reasons in words."""

    level: str
    rank: int  # 0 = the gravest grade of the profile
    reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_text("grade.level", self.level, 32)
        check_count("grade.rank", self.rank)
        for reason in self.reasons:
            check_text("grade.reasons", reason, 1_000)


class ScoredItem(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The value of ``items.scored`` (key: the item id).

    ``negativity`` is adverse-ness (舆情负面): how likely the item reports a problem, failure,
    wrongdoing, accident, complaint or rumour the office must know, whatever its tone.
    ``emotion`` (version 2) is the strength of negative emotion in the wording (情绪), 0..1: a
    secondary signal that never decides alone; ``None`` when the model has no emotion head or the
    message is of version 1.
    """

    schema_version: int = SCORED_SCHEMA_VERSION
    item: RawItem
    negativity: float
    relevance: float
    topic: str
    grade: Grade
    model_version: str
    profile: str
    scored_at: datetime
    emotion: float | None = None

    def __post_init__(self) -> None:
        if self.schema_version not in SCORED_SCHEMA_VERSIONS:
            raise ValueError(f"items.scored schema_version {self.schema_version} is not supported "
                             f"(known: {', '.join(map(str, sorted(SCORED_SCHEMA_VERSIONS)))})")
        if self.schema_version < 2 and self.emotion is not None:
            raise ValueError("emotion is a field of items.scored schema_version 2, not 1")
        for name in ("negativity", "relevance", "emotion"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within [0, 1], got {value}")
        check_text("topic", self.topic, 64)
        check_text("model_version", self.model_version, 64)
        check_text("profile", self.profile, 64)


class DeadLetter(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A message a stage could not process: the original bytes are kept as they came."""

    schema_version: int = DEAD_LETTER_SCHEMA_VERSION
    stage: str
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    error: str
    failed_at: datetime
    # Set when ``value`` is only the head of a message too large to forward whole: the size and
    # SHA-256 of the original, which stays readable at topic/partition/offset.
    original_size: int | None = None
    original_sha256: str | None = None


class ContractError(ValueError):
    """A message does not match its topic's contract; the text says where and why."""


_encoder = msgspec.json.Encoder()


def encode(message: msgspec.Struct) -> bytes:
    return _encoder.encode(message)


_decoders: dict[type, msgspec.json.Decoder] = {}

T = TypeVar("T", bound=msgspec.Struct)


def decode(data: bytes, kind: type[T]) -> T:
    """Decode and validate ``data`` as ``kind``; raise :class:`ContractError` when it does not fit."""
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.json.Decoder(kind)
    try:
        return decoder.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise ContractError(f"{kind.__name__}: {exc}") from exc


def to_builtins(message: msgspec.Struct) -> dict:
    return msgspec.to_builtins(message)


def item_id_for(canonical_url: str) -> str:
    """The stable id of an item: a hash of its canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


def utcnow() -> datetime:
    return datetime.now(UTC)
