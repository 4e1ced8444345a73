"""The topics of the pipeline and their settings, as data.

Each topic has defaults here (partitions, retention, cleanup); the cluster-wide replication and
min.insync.replicas, and any per-topic override, come from ``[kafka]`` in the settings file::

    [kafka]
    replication = 3
    min_insync_replicas = 2
    [kafka.topics."items.raw"]
    partitions = 12

Topics are created explicitly with these settings. An existing topic is never changed silently:
:func:`plan` says what differs, and ``yuqing topics --apply`` grows partitions and sets configs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

if TYPE_CHECKING:
    from core.settings import KafkaSettings

log = logging.getLogger(__name__)
DAY_MS = 24 * 3600 * 1000
CLEANUP_POLICIES = ("delete", "compact", "compact,delete")


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    partitions: int
    description: str
    # None: the broker's log.retention; -1: kept for ever.
    retention_ms: int | None = 7 * DAY_MS
    cleanup_policy: str = "delete"
    # What a message's key is, named so in every log line about it (core.logs.ID_FIELDS).
    key: str = "item"


RAW = Topic("items.raw", 6, "collected items (RawItem)")
# Keyed by story (incidents.text.story_key): a story's items go to one partition and one router.
SCORED = Topic("items.scored", 6, "scored items (ScoredItem)", key="story")
# Dead letters are also kept in the store (yuqing dead-letters keep); the topic keeps them a month.
DEAD_LETTER = Topic("items.dead", 1, "messages a stage could not process (DeadLetter)", retention_ms=30 * DAY_MS)
OPS = Topic("ops.alerts", 1, "operations alerts: sources that fail or go quiet")

ALL: tuple[Topic, ...] = (RAW, SCORED, DEAD_LETTER, OPS)
NAMES = frozenset(t.name for t in ALL)
KEY_OF: dict[str, str] = {t.name: t.key for t in ALL}


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """A topic as it should be on this cluster: the defaults above with the settings applied."""

    name: str
    partitions: int
    replication: int
    min_insync_replicas: int
    retention_ms: int | None
    cleanup_policy: str
    description: str

    @property
    def configs(self) -> dict[str, str]:
        configs = {"min.insync.replicas": str(self.min_insync_replicas), "cleanup.policy": self.cleanup_policy}
        if self.retention_ms is not None:
            configs["retention.ms"] = str(self.retention_ms)
        return configs


def spec(topic: Topic, settings: KafkaSettings | None = None) -> TopicSpec:
    replication = settings.replication if settings else 1
    min_isr = settings.min_insync_replicas if settings else 1
    partitions, retention, cleanup = topic.partitions, topic.retention_ms, topic.cleanup_policy
    override = settings.topics.get(topic.name) if settings else None
    if override is not None:
        partitions = override.partitions if override.partitions is not None else partitions
        replication = override.replication if override.replication is not None else replication
        min_isr = override.min_insync_replicas if override.min_insync_replicas is not None else min_isr
        retention = override.retention_ms if override.retention_ms is not None else retention
        cleanup = override.cleanup_policy if override.cleanup_policy is not None else cleanup
    return TopicSpec(topic.name, partitions, replication, min(min_isr, replication), retention, cleanup,
                     topic.description)


def specs(settings: KafkaSettings | None = None, topics: tuple[Topic, ...] = ALL) -> tuple[TopicSpec, ...]:
    return tuple(spec(t, settings) for t in topics)


def ensure_topics(admin: KafkaAdminClient, topics: tuple[Topic, ...] = ALL,
                  settings: KafkaSettings | None = None) -> list[str]:
    """Create the topics that do not exist yet with their settings; return the names created."""
    existing = set(admin.list_topics())
    created: list[str] = []
    for want in specs(settings, topics):
        if want.name in existing:
            continue
        try:
            admin.create_topics([NewTopic(want.name, want.partitions, want.replication, topic_configs=want.configs)])
            created.append(want.name)
            log.info("created topic %s: %d partitions, replication %d, min ISR %d, retention %s ms, cleanup %s",
                     want.name, want.partitions, want.replication, want.min_insync_replicas, want.retention_ms,
                     want.cleanup_policy)
        except TopicAlreadyExistsError:
            # Another stage created it between our listing and our request.
            log.debug("topic %s was created concurrently", want.name)
    return created


@dataclass(frozen=True, slots=True)
class Change:
    topic: str
    what: str
    current: str
    wanted: str
    # False: Kafka cannot do it in place (fewer partitions, another replication factor).
    possible: bool = True


def plan(admin: KafkaAdminClient, settings: KafkaSettings | None = None,
         topics: tuple[Topic, ...] = ALL) -> list[Change]:
    """What differs between the cluster's existing topics and their settings."""
    wanted = {s.name: s for s in specs(settings, topics)}
    described = {d["name"]: d for d in admin.describe_topics(list(wanted)) if not d.get("error_code")}
    changes: list[Change] = []
    for name, want in wanted.items():
        if name not in described:
            changes.append(Change(name, "create", "-", f"{want.partitions} partitions"))
            continue
        partitions = described[name]["partitions"]
        have = len(partitions)
        if want.partitions > have:
            changes.append(Change(name, "partitions", str(have), str(want.partitions)))
        elif want.partitions < have:
            changes.append(Change(name, "partitions", str(have), str(want.partitions), possible=False))
        replicas = min((len(p["replica_nodes"]) for p in partitions), default=want.replication)
        if replicas != want.replication:
            changes.append(Change(name, "replication", str(replicas), str(want.replication), possible=False))
    for name, current in _configs(admin, [n for n in wanted if n in described]).items():
        for key, value in wanted[name].configs.items():
            if current.get(key) is not None and current.get(key) != value:
                changes.append(Change(name, key, str(current.get(key)), value))
    return changes


def _configs(admin: KafkaAdminClient, names: list[str]) -> dict[str, dict[str, str]]:
    if not names:
        return {}
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, n) for n in names],
                                           config_filter="all")
    except (KafkaError, ValueError) as exc:
        log.warning("topic configs not readable (%s): only partitions and replication are compared", exc)
        return {}
    by_name = next(iter(described.values()), {}) if isinstance(described, dict) else {}
    return {name: {key: (entry.get("value") if isinstance(entry, dict) else entry) for key, entry in cfg.items()}
            for name, cfg in by_name.items()}


def apply(admin: KafkaAdminClient, changes: list[Change],
          settings: KafkaSettings | None = None) -> tuple[list[Change], list[tuple[Change, str]]]:
    """Carry out the possible changes (create, grow partitions, set configs).

    Returns the changes done and those the broker refused, with its reason (the embedded broker,
    for one, cannot grow partitions).
    """
    wanted = {s.name: s for s in specs(settings)}
    done: list[Change] = []
    failed: list[tuple[Change, str]] = []
    creates = [c for c in changes if c.what == "create"]
    if creates:
        ensure_topics(admin, tuple(t for t in ALL if any(c.topic == t.name for c in creates)), settings)
        done.extend(creates)
    grows = [c for c in changes if c.what == "partitions" and c.possible]
    for change in grows:
        try:
            admin.create_partitions({change.topic: NewPartitions(int(change.wanted))})
            done.append(change)
            log.info("topic %s grown to %s partitions", change.topic, change.wanted)
        except KafkaError as exc:
            failed.append((change, f"{type(exc).__name__}: {exc}"))
    config_changes = [c for c in changes if c.what in ("min.insync.replicas", "retention.ms", "cleanup.policy")]
    for name in sorted({c.topic for c in config_changes}):
        mine = [c for c in config_changes if c.topic == name]
        try:
            admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, name, configs=wanted[name].configs)])
            done.extend(mine)
            log.info("topic %s configs set to %s", name, wanted[name].configs)
        except (KafkaError, ValueError) as exc:
            failed.extend((c, f"{type(exc).__name__}: {exc}") for c in mine)
    return done, failed
