"""kafka-python clients configured the same for the embedded broker and Apache Kafka.

Settings that matter for the embedded broker (Tansu): eager assignors (range/round-robin, not
cooperative-sticky), short session timeouts (it joins a group in about session_timeout / 2),
no idempotent producer (recreate the producer after a fatal error instead), acks=all, and lag
computed from fetch high-water marks, since its ListOffsets answers are wrong. On Apache Kafka
``[kafka] idempotent_producer`` and ``cooperative_rebalancing`` turn the first two on.
"""

from __future__ import annotations

import logging
import random
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.coordinator.assignors.cooperative_sticky import CooperativeStickyAssignor
from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from kafka.errors import KafkaError

from core.errors import BrokerUnavailable
from core.settings import KafkaSettings

log = logging.getLogger(__name__)


def _security(settings: KafkaSettings) -> dict:
    options: dict = {"security_protocol": settings.security_protocol}
    if settings.sasl_mechanism:
        options.update(
            sasl_mechanism=settings.sasl_mechanism,
            sasl_plain_username=settings.sasl_username,
            sasl_plain_password=settings.sasl_password,
        )
    return options


def make_producer(settings: KafkaSettings, client_suffix: str) -> KafkaProducer:
    return KafkaProducer(
        bootstrap_servers=settings.servers,
        client_id=f"{settings.client_id}-{client_suffix}",
        acks="all",
        enable_idempotence=settings.idempotent_producer,
        linger_ms=5,
        retries=5,
        max_in_flight_requests_per_connection=1,
        request_timeout_ms=30000,
        **_security(settings),
    )


def assignors(settings: KafkaSettings) -> list[type]:
    if settings.cooperative_rebalancing:
        return [CooperativeStickyAssignor]
    return [RangePartitionAssignor, RoundRobinPartitionAssignor]


def make_consumer(settings: KafkaSettings, group_id: str, topics: Iterable[str]) -> KafkaConsumer:
    consumer = KafkaConsumer(
        bootstrap_servers=settings.servers,
        client_id=f"{settings.client_id}-{group_id}",
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=settings.session_timeout_ms,
        heartbeat_interval_ms=settings.heartbeat_interval_ms,
        max_poll_records=settings.max_poll_records,
        max_poll_interval_ms=settings.max_poll_interval_ms,
        partition_assignment_strategy=assignors(settings),
        **_security(settings),
    )
    consumer.subscribe(list(topics))
    return consumer


def make_admin(settings: KafkaSettings, client_suffix: str = "admin") -> KafkaAdminClient:
    return KafkaAdminClient(
        bootstrap_servers=settings.servers,
        client_id=f"{settings.client_id}-{client_suffix}",
        **_security(settings),
    )


def wait_for_broker(settings: KafkaSettings, client_suffix: str = "admin") -> KafkaAdminClient:
    """Connect an admin client, retrying with backoff; raise with the address tried on time-out."""
    deadline = time.monotonic() + settings.connect_timeout_s
    delay = 0.2
    last: Exception | None = None
    while time.monotonic() < deadline:
        if not _any_server_listening(settings):
            last = OSError("connection refused by every bootstrap server")
            log.warning("Kafka at %s not reachable yet; retrying in %.1fs", settings.bootstrap_servers, delay)
            time.sleep(delay)
            delay = min(delay * 2, 5.0) * (0.8 + 0.4 * random.random())
            continue
        try:
            admin = make_admin(settings, client_suffix)
            admin.list_topics()
            return admin
        except (KafkaError, OSError) as exc:
            last = exc
            log.warning("Kafka at %s not reachable yet (%s); retrying in %.1fs",
                        settings.bootstrap_servers, exc, delay)
            time.sleep(delay)
            delay = min(delay * 2, 5.0) * (0.8 + 0.4 * random.random())
    raise BrokerUnavailable(
        f"Kafka 不可达: tried {settings.bootstrap_servers} for {settings.connect_timeout_s:.0f}s "
        f"(last error: {last}). Is the broker running? Set [kafka] bootstrap_servers or "
        f"YUQING__KAFKA__BOOTSTRAP_SERVERS."
    )


def _any_server_listening(settings: KafkaSettings) -> bool:
    """A cheap TCP probe, so that a broker that is down fails fast instead of in the client's timeouts."""
    for server in settings.servers:
        host, _, port = server.rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=2):
                return True
        except OSError:
            continue
    return False


@dataclass(frozen=True, slots=True)
class PartitionLag:
    topic: str
    partition: int
    committed: int
    highwater: int

    @property
    def lag(self) -> int:
        return max(0, self.highwater - self.committed)


def highwaters(settings: KafkaSettings, topic: str, group_id: str | None = None) -> list[PartitionLag]:
    """High-water marks per partition from a real fetch, and a group's committed offsets."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.servers,
        client_id=f"{settings.client_id}-status",
        group_id=group_id,
        enable_auto_commit=False,
        max_poll_records=1,
        fetch_max_wait_ms=100,
        **_security(settings),
    )
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not tps:
            return []
        consumer.assign(tps)
        committed = {tp: (consumer.committed(tp) or 0) if group_id else 0 for tp in tps}
        for tp in tps:
            consumer.seek(tp, committed[tp])
        marks: dict[TopicPartition, int | None] = dict.fromkeys(tps)
        deadline = time.monotonic() + 5.0
        while any(v is None for v in marks.values()) and time.monotonic() < deadline:
            consumer.poll(timeout_ms=200, update_offsets=False)
            for tp in tps:
                mark = consumer.highwater(tp)
                if mark is not None:
                    marks[tp] = mark
        return [
            PartitionLag(topic, tp.partition, committed[tp], marks[tp] if marks[tp] is not None else committed[tp])
            for tp in tps
        ]
    finally:
        consumer.close(autocommit=False, timeout_ms=5000)


def read_topic(settings: KafkaSettings, topic: str, timeout_s: float = 30.0, last: int | None = None) -> list[bytes]:
    """The values of a topic up to its current end (the ``last`` ones of each partition, or all),
    read without a consumer group."""
    starts = {}
    if last is not None:
        starts = {p.partition: max(0, p.highwater - last) for p in highwaters(settings, topic)}
    consumer = KafkaConsumer(bootstrap_servers=settings.servers, client_id=f"{settings.client_id}-reader",
                             group_id=None, enable_auto_commit=False, **_security(settings))
    try:
        deadline = time.monotonic() + timeout_s
        partitions: set[int] | None = None
        while not partitions and time.monotonic() < deadline:
            partitions = consumer.partitions_for_topic(topic)
            if not partitions:
                time.sleep(0.1)
        tps = [TopicPartition(topic, p) for p in sorted(partitions or ())]
        consumer.assign(tps)
        for tp in tps:
            consumer.seek(tp, starts.get(tp.partition, 0))
        values: list[bytes] = []
        while time.monotonic() < deadline:
            polled = consumer.poll(timeout_ms=300)
            for batch in polled.values():
                values.extend(m.value for m in batch)
            at_end = all((mark := consumer.highwater(tp)) is not None and consumer.position(tp) >= mark
                         for tp in tps)
            if not polled and at_end:
                break
        return values
    finally:
        consumer.close(autocommit=False, timeout_ms=5000)
