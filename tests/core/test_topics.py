"""Topic settings as data: defaults in core/topics.py, cluster-wide and per-topic overrides from the
settings file, created and compared on the real embedded broker."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from core import logs, topics
from core.errors import ConfigError
from core.kafka import make_admin
from core.settings import KafkaSettings, TopicOverride, load
from core.stage import Record


class _Only(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()


def test_overrides_come_from_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "yuqing.toml"
    path.write_text('[kafka]\nreplication = 3\nmin_insync_replicas = 2\n'
                    '[kafka.topics."items.raw"]\npartitions = 12\n'
                    '[kafka.topics."items.dead"]\nretention_ms = -1\n', encoding="utf-8")
    settings = load(_Only, None, path, environ={}).kafka
    by_name = {s.name: s for s in topics.specs(settings)}
    assert by_name["items.raw"].partitions == 12 and by_name["items.raw"].replication == 3
    assert by_name["items.raw"].configs["min.insync.replicas"] == "2"
    assert by_name["items.scored"].partitions == topics.SCORED.partitions
    assert by_name["items.dead"].configs["retention.ms"] == "-1"
    # Defaults: one broker, and dead letters kept longer than items on the topic.
    defaults = {s.name: s for s in topics.specs()}
    assert defaults["items.raw"].replication == 1
    assert topics.DEAD_LETTER.retention_ms is not None and topics.RAW.retention_ms is not None
    assert topics.DEAD_LETTER.retention_ms > topics.RAW.retention_ms


@pytest.mark.parametrize("bad", [
    '[kafka.topics."items.typo"]\npartitions = 3\n',
    '[kafka]\nreplication = 1\nmin_insync_replicas = 2\n',
    '[kafka.topics."items.raw"]\ncleanup_policy = "sometimes"\n',
    '[kafka.topics."items.raw"]\nshards = 3\n',
])
def test_bad_topic_settings_are_refused(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "yuqing.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError):
        load(_Only, None, path, environ={})


def test_topics_are_created_with_their_settings_and_differences_are_planned(kafka_settings: KafkaSettings) -> None:
    admin = make_admin(kafka_settings)
    try:
        topics.ensure_topics(admin, settings=kafka_settings)
        assert not [c for c in topics.plan(admin, kafka_settings) if c.what != "partitions"]
        grown = msgspec.structs.replace(kafka_settings, topics={
            "ops.alerts": TopicOverride(partitions=3, retention_ms=3_600_000)})
        changes = {(c.topic, c.what): c for c in topics.plan(admin, grown)}
        assert changes[("ops.alerts", "partitions")].wanted == "3"
        assert changes[("ops.alerts", "retention.ms")].wanted == "3600000"
        shrunk = msgspec.structs.replace(kafka_settings, topics={"items.raw": TopicOverride(partitions=1)})
        refused = [c for c in topics.plan(admin, shrunk) if c.topic == "items.raw"]
        assert refused and not refused[0].possible
        done, _failed = topics.apply(admin, [changes[("ops.alerts", "retention.ms")]], grown)
        assert done and not [c for c in topics.plan(admin, grown) if c.what == "retention.ms"]
    finally:
        admin.close()


def test_log_lines_name_a_message_key_for_what_it_is() -> None:
    # items.raw is keyed by item, items.scored by story (a story's items share a router replica):
    # a log line about a scored record must not call its story key an item id.
    raw = Record(topics.RAW.name, 2, 7, b"item-1", b"{}")
    scored = Record(topics.SCORED.name, 3, 9, b"4711", b"{}")
    assert raw.ids == {"topic": "items.raw", "partition": 2, "offset": 7, "item": "item-1"}
    assert scored.ids == {"topic": "items.scored", "partition": 3, "offset": 9, "story": "4711"}
    assert set(raw.ids) | set(scored.ids) <= {*logs.ID_FIELDS}  # the formatters print every one
