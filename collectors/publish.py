"""Publishing to ``items.raw`` and ``ops.alerts``: a send counts only once the broker acknowledged it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

import orjson
from kafka.errors import KafkaError

from core import topics
from core.contracts import RawItem, encode
from core.errors import Failure
from core.kafka import make_producer, wait_for_broker
from core.settings import KafkaSettings
from core.stage import MAX_MESSAGE_BYTES, PERMANENT_PRODUCE_ERRORS

log = logging.getLogger(__name__)


# (id, revision, reason): an item the broker refuses for good (too large); retrying cannot help.
Refused = tuple[str, int, str]


class Publisher(Protocol):
    def publish(self, items: Sequence[RawItem]) -> tuple[list[tuple[str, int]], list[Refused], Failure | None]:
        """Send items; return the (id, revision) pairs acknowledged, those refused for good, and
        the failure that a later retry may heal, if any."""

    def alert(self, alert: dict) -> Failure | None: ...

    def close(self) -> None: ...


class KafkaPublisher:
    def __init__(self, settings: KafkaSettings, timeout_s: float = 30.0) -> None:
        admin = wait_for_broker(settings, "collectors-admin")
        try:
            topics.ensure_topics(admin, (topics.RAW, topics.OPS), settings)
        finally:
            admin.close()
        self._settings = settings
        self._timeout_s = timeout_s
        self._producer = make_producer(settings, "collectors")

    def publish(self, items: Sequence[RawItem]) -> tuple[list[tuple[str, int]], list[Refused], Failure | None]:
        futures = []
        refused: list[Refused] = []
        queued_all = False
        try:
            for item in items:
                value = encode(item)
                if len(value) > MAX_MESSAGE_BYTES:
                    refused.append((item.id, item.revision, f"条目过大 ({len(value)} bytes > {MAX_MESSAGE_BYTES})"))
                    continue
                try:
                    futures.append((item, self._producer.send(topics.RAW.name, key=item.id.encode(), value=value)))
                except PERMANENT_PRODUCE_ERRORS as exc:
                    refused.append((item.id, item.revision, f"Kafka 拒收 ({type(exc).__name__}: {exc})"))
            queued_all = True
            self._producer.flush(timeout=self._timeout_s)
        except KafkaError as exc:
            log.warning("publishing to %s failed: %s", topics.RAW.name, exc)
        acked: list[tuple[str, int]] = []
        failure: Failure | None = None
        for item, future in futures:
            if future.succeeded():
                acked.append((item.id, item.revision))
            elif future.is_done and isinstance(future.exception, PERMANENT_PRODUCE_ERRORS):
                refused.append((item.id, item.revision,
                                f"Kafka 拒收 ({type(future.exception).__name__}: {future.exception})"))
            else:
                reason = future.exception if future.is_done else "no acknowledgement in time"
                failure = Failure(f"Kafka 未确认 (broker did not acknowledge: {reason})", retry=True)
        if not queued_all and failure is None:
            failure = Failure("Kafka 发送失败 (send failed before every item was queued)", retry=True)
        return acked, refused, failure

    def alert(self, alert: dict) -> Failure | None:
        try:
            future = self._producer.send(topics.OPS.name, key=str(alert.get("source", "")).encode(),
                                         value=orjson.dumps(alert))
            future.get(timeout=self._timeout_s)
        except KafkaError as exc:
            return Failure(f"告警发送失败 (alert not acknowledged: {exc})", retry=True)
        return None

    def close(self) -> None:
        self._producer.close(timeout=5)


class DryRunPublisher:
    """Publishes nothing; keeps what would have gone out (``yuqing sources check --poll``)."""

    def __init__(self) -> None:
        self.items: list[RawItem] = []
        self.alerts: list[dict] = []

    def publish(self, items: Sequence[RawItem]) -> tuple[list[tuple[str, int]], list[Refused], Failure | None]:
        self.items.extend(items)
        return [(i.id, i.revision) for i in items], [], None

    def alert(self, alert: dict) -> Failure | None:
        self.alerts.append(alert)
        return None

    def close(self) -> None:
        return None
