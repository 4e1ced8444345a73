"""The topics of the pipeline, created explicitly with their partition counts."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    partitions: int
    description: str


RAW = Topic("items.raw", 6, "collected items (RawItem)")
SCORED = Topic("items.scored", 6, "scored items (ScoredItem)")
DEAD_LETTER = Topic("items.dead", 1, "messages a stage could not process (DeadLetter)")
OPS = Topic("ops.alerts", 1, "operations alerts: sources that fail or go quiet")

ALL: tuple[Topic, ...] = (RAW, SCORED, DEAD_LETTER, OPS)


def ensure_topics(admin: KafkaAdminClient, topics: tuple[Topic, ...] = ALL) -> list[str]:
    """Create the topics that do not exist yet; return the names created."""
    existing = set(admin.list_topics())
    missing = [t for t in topics if t.name not in existing]
    created: list[str] = []
    for topic in missing:
        try:
            admin.create_topics([NewTopic(topic.name, topic.partitions, 1)])
            created.append(topic.name)
            log.info("created topic %s with %d partitions", topic.name, topic.partitions)
        except TopicAlreadyExistsError:
            # Another stage created it between our listing and our request.
            log.debug("topic %s was created concurrently", topic.name)
    return created
