# ruff: noqa: E501  (the corpus is a table of cases: one case per line reads best)
"""Bad messages on items.raw through the real classifier and router, on SQLite and PostgreSQL.

Each bad message is rejected with a reason (it would go to items.dead), every good message
interleaved with them is scored, routed and stored, and nothing raises. One stage run on the
embedded broker checks the same end to end: dead letters, offsets committed, no retry loop.
"""

from __future__ import annotations

import json
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from classifier.service import ClassifierProcessor
from classifier.settings import ClassifierSettings
from core import contracts, topics
from core.contracts import DeadLetter, RawItem, Source
from core.kafka import highwaters, make_producer, read_topic
from core.settings import KafkaSettings, StoreSettings
from core.stage import Record, StageRunner
from router.service import PolicyHolder, RouterProcessor
from router.settings import RouterSettings
from store.db import make_engine, sessions
from store.tables import ItemRow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "router"))
from router_helpers import write_profile

pytestmark = pytest.mark.timeout(120)


def _good(n: int) -> dict:
    item = RawItem(id=f"good-{n}", source=Source(id="src", name="本地新闻网", kind="news", tier="prefecture"),
                   url=f"https://news.example.org/good/{n}", title=f"某小区停水三天居民投诉{n}",
                   text="东城区某小区停水三天，居民多次投诉无果，生活困难。", fetched_at=datetime.now(UTC))
    return json.loads(contracts.encode(item))


def _set(doc: dict, path: str, value: object) -> dict:
    target = doc
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[key]
    if value is _DELETE:
        target.pop(keys[-1], None)
    else:
        target[keys[-1]] = value
    return doc


_DELETE = object()
BIG = 10**30


def _cases() -> Iterator[tuple[str, bytes]]:
    """(name, message bytes): each must be refused with a reason."""
    raw_cases = {
        "empty": b"", "space": b" ", "null": b"null", "number": b"42", "string": b'"x"', "array": b"[]",
        "object-empty": b"{}", "not-json": b"not json", "truncated": b'{"schema_version":1,"id":"x"',
        "binary": bytes(range(256)), "utf16": '{"id":"x"}'.encode("utf-16"), "bom-garbage": b"\xef\xbb\xbf{",
        "deep-array": b"[" * 100_000 + b"]" * 100_000, "deep-object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "nan": b"NaN", "trailing-garbage": json.dumps(_set(_good(0), "id", "bad-trailing")).encode() + b"xx",
        "invalid-utf8": json.dumps(_set(_good(0), "id", "bad-utf8"), ensure_ascii=False).encode().replace(
            b"\xe4\xb8\x9c", b"\xe4\xb8"),
        "huge-5mb": json.dumps(_set(_good(0), "text", "长" * 1_700_000), ensure_ascii=False).encode(),
    }
    yield from raw_cases.items()
    fields: list[tuple[str, str, object]] = [
        ("schema-version-3", "schema_version", 3), ("id-empty", "id", ""), ("id-space", "id", "a b"),
        ("id-65", "id", "a" * 65), ("id-nul", "id", "a\x00b"), ("id-number", "id", 5), ("id-slash", "id", "a/b"),
        ("id-chinese", "id", "编号"), ("id-newline", "id", "a\nb"), ("source-null", "source", None),
        ("source-id-empty", "source.id", ""), ("source-id-129", "source.id", "s" * 129),
        ("source-name-257", "source.name", "名" * 257), ("source-kind", "source.kind", "tv"),
        ("source-tier", "source.tier", "galactic"), ("source-region-33", "source.region", "区" * 33),
        ("source-extra", "source.extra", 1), ("url-null", "url", None), ("url-5000", "url", "http://a.cn/" + "x" * 5000),
        ("url-nul", "url", "http://a.cn/\x00"), ("title-number", "title", 5), ("title-1001", "title", "题" * 1001),
        ("title-nul", "title", "标\x00题"), ("title-surrogate", "title", "\ud800标题"),
        ("text-100001", "text", "长" * 100_001), ("text-nul", "text", "正\x00文"), ("text-surrogate", "text", "正文\udfff"),
        ("text-simplified-100001", "text_simplified", "长" * 100_001), ("author-257", "author", "作" * 257),
        ("author-nul", "author", "作\x00者"), ("published-words", "published_at", "yesterday"),
        ("published-year-0", "published_at", "0000-01-01T00:00:00Z"), ("published-number", "published_at", 1e30),
        ("fetched-missing", "fetched_at", _DELETE), ("fetched-bad", "fetched_at", "2020-13-45T99:99:99Z"),
        ("views-10e30", "engagement.views", BIG), ("views-negative", "engagement.views", -1),
        ("replies-2e31", "engagement.replies", 2**31), ("reposts-text", "engagement.reposts", "many"),
        ("likes-float", "engagement.likes", 1.5), ("engagement-extra", "engagement.extra", 1),
        ("region-hints-string", "region_hints", "string"), ("region-hints-65", "region_hints", ["区"] * 65),
        ("region-hint-long", "region_hints", ["区" * 65]), ("region-hint-nul", "region_hints", ["a\x00"]),
        ("language-17", "language", "z" * 17), ("parent-id-space", "parent_id", "bad id"),
        ("parent-id-65", "parent_id", "p" * 65), ("revision-negative", "revision", -1), ("revision-10e30", "revision", BIG),
        ("revision-float", "revision", 1.5), ("unknown-field", "unknown_field", 1), ("title-and-text-empty", "title", ""),
        ("title-and-text-blank", "title", "  "), ("source-id-nul", "source.id", "s\x00"), ("source-name-surrogate", "source.name", "\udc00"),
        ("engagement-null-object", "engagement", "none"), ("region-hints-nested", "region_hints", [["a"]]),
        ("id-array", "id", ["a"]), ("source-array", "source", ["s"]), ("schema-version-string", "schema_version", "1"),
        ("fetched-at-no-date", "fetched_at", "T12:00:00"), ("text-null", "text", None), ("title-object", "title", {"a": 1}),
        ("revision-2e31", "revision", 2**31), ("views-float-big", "engagement.views", 1e300),
    ]
    for n, (name, path, value) in enumerate(fields):
        doc = _good(0)
        doc["id"] = f"bad-field-{n}"
        if name.startswith("title-and-text"):
            doc["text"] = "\u3000" if "blank" in name else ""
        _set(doc, path, value)
        yield f"field-{name}", json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")


CASES = list(_cases())


def _records() -> list[Record]:
    """The bad cases with a good item after every third one."""
    records: list[Record] = []
    good = 0
    for n, (_, value) in enumerate(CASES):
        records.append(Record("items.raw", 0, len(records), f"bad-{n}".encode(), value))
        if n % 3 == 2:
            records.append(Record("items.raw", 0, len(records), f"good-{good}".encode(),
                                  json.dumps(_good(good), ensure_ascii=False).encode()))
            good += 1
    return records


GOOD_COUNT = len(CASES) // 3


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], object]:
    models = tmp_path_factory.mktemp("models")
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(models)))
    records = _records()
    return records, processor.process(records)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_each_bad_message_is_rejected_with_a_reason(name: str, classified: tuple) -> None:
    _, result = classified
    index = [c[0] for c in CASES].index(name)
    key = f"bad-{index}".encode()
    rejected = [r for r in result.rejected if r.record.key == key]
    assert len(rejected) == 1, f"{name} was not rejected"
    assert rejected[0].error.strip() and len(rejected[0].error) < 5000


def test_every_good_message_is_scored(classified: tuple) -> None:
    _, result = classified
    scored = [contracts.decode(o.value, contracts.ScoredItem) for o in result.outputs]
    assert sorted(s.item.id for s in scored) == sorted(f"good-{n}" for n in range(GOOD_COUNT))


def test_the_router_stores_every_good_item_and_nothing_else(classified: tuple, store_settings: StoreSettings,
                                                            tmp_path: Path) -> None:
    _, result = classified
    folder = write_profile(tmp_path / "profile", "http://127.0.0.1:9")
    settings = RouterSettings(store=store_settings, profile=str(folder), incidents=False,
                              receipt_secret="test-receipt-secret", webhook_secrets={"hook": "s"})
    router = RouterProcessor(settings, PolicyHolder(str(folder)))
    records = [Record("items.scored", 0, n, o.key, o.value) for n, o in enumerate(result.outputs)]
    # The raw bad messages reach the router too (as if a producer wrote them to items.scored).
    records += [Record("items.scored", 0, len(records) + n, r.record.key, r.record.value)
                for n, r in enumerate(result.rejected)]
    routed = router.process(records)
    assert len(routed.rejected) == len(result.rejected)
    with sessions(make_engine(store_settings))() as session:
        stored = set(session.query(ItemRow.id).scalars()) if hasattr(session.query(ItemRow.id), "scalars") else {
            row[0] for row in session.query(ItemRow.id)}
    assert stored == {f"good-{n}" for n in range(GOOD_COUNT)}


@pytest.mark.broker
def test_a_stage_run_dead_letters_the_corpus_and_commits_every_offset(kafka_settings: KafkaSettings,
                                                                      tmp_path: Path) -> None:
    """The real classifier as a stage on a private input topic: no retry loop, no stall."""
    source = f"badinput-raw-{uuid.uuid4().hex[:8]}"
    producer = make_producer(kafka_settings, "badinput")
    from kafka import KafkaProducer

    large = KafkaProducer(bootstrap_servers=kafka_settings.servers, max_request_size=8_000_000)
    records = _records()
    for record in records:
        target = large if len(record.value) > 900_000 else producer
        target.send(source, key=record.key, value=record.value)
    producer.flush()
    large.flush()
    producer.close()
    large.close()
    processor = ClassifierProcessor(ClassifierSettings(kafka=kafka_settings, models_dir=str(tmp_path / "m")))
    runner = StageRunner("classifier", kafka_settings, source, processor, group_id=f"g-{source}")
    thread = threading.Thread(target=runner.run, kwargs={"max_idle_s": 5}, daemon=True)
    thread.start()
    thread.join(timeout=100)
    assert not thread.is_alive()
    assert runner.stats.retries == 0
    assert runner.stats.dead_letters == len(CASES) and runner.stats.outputs == GOOD_COUNT
    letters = [contracts.decode(v, DeadLetter) for v in read_topic(kafka_settings, topics.DEAD_LETTER.name)]
    mine = [d for d in letters if d.topic == source]
    assert len(mine) == len(CASES) and all(d.error for d in mine)
    assert sum(p.lag for p in highwaters(kafka_settings, source, f"g-{source}")) == 0
