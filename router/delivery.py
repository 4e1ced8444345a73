"""The delivery worker: outbox rows → channels, with leases, retries, backoff and rate limits.

A row is claimed just before it is sent (compare-and-set of ``lease_owner``/``lease_until`` in
its own transaction), sent once, and its result recorded by the same owner. A worker that dies
leaves a lease that runs out; the next worker takes the row. A clean stop finishes the message in
hand, so a restart sends nothing twice. (A process killed between a receiver's answer and the
record of it can repeat that one message: every message carries its idempotency key for that.)
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core import metrics
from core.errors import Failure
from router import cases, notify
from router.channels import CHANNELS, Message, Sent, outbound
from router.policy import Profile
from router.settings import RouterSettings
from router.timeutil import now as utcnow
from router.timeutil import utc
from store.case_tables import CaseEventRow, NotificationRow
from store.tables import CaseRow

log = logging.getLogger(__name__)


def idempotency_key(notification_id: int) -> str:
    """The ASCII key a message carries (HTTP header, Message-ID) so a receiver can drop a repeat."""
    return f"yuqing-notification-{notification_id}"


class RateLimiter:
    """A token bucket per channel target: ``rate_per_minute`` messages, bursts up to that many / 6."""

    def __init__(self, rates: dict[str, int], monotonic: Callable[[], float] = time.monotonic) -> None:
        self._rates = rates
        self._buckets: dict[str, tuple[float, float]] = {}
        self._monotonic = monotonic
        self._lock = threading.Lock()

    def take(self, kind: str, target: str) -> float:
        """0 when a message may go now, else the seconds to wait."""
        rate = self._rates.get(kind)
        if not rate:
            return 0.0
        per_second = rate / 60.0
        capacity = max(1.0, rate / 6.0)
        key = f"{kind}|{target}"
        with self._lock:
            now = self._monotonic()
            tokens, last = self._buckets.get(key, (capacity, now))
            tokens = min(capacity, tokens + (now - last) * per_second)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / per_second


class Bulkhead:
    """At most ``per_receiver`` sends in flight to one receiver, across the workers of a process.

    A receiver that trickles or hangs holds one slot until its send deadline, never every
    worker: the rows of other receivers keep going out on time.
    """

    def __init__(self, per_receiver: int) -> None:
        self._per_receiver = per_receiver
        self._busy: dict[str, int] = {}
        self._lock = threading.Lock()

    def enter(self, receiver: str) -> bool:
        with self._lock:
            if self._busy.get(receiver, 0) >= self._per_receiver:
                return False
            self._busy[receiver] = self._busy.get(receiver, 0) + 1
            return True

    def leave(self, receiver: str) -> None:
        with self._lock:
            left = self._busy.get(receiver, 1) - 1
            if left:
                self._busy[receiver] = left
            else:
                self._busy.pop(receiver, None)

    def busy(self, receiver: str) -> bool:
        with self._lock:
            return self._busy.get(receiver, 0) >= self._per_receiver


def receiver_of(kind: str, channel: dict, settings: RouterSettings) -> str:
    """Who a row is sent to, for the bulkhead: the webhook URL, the SMTP server, the SMS gateway."""
    if kind == "email":
        return f"smtp://{settings.smtp_host}:{settings.smtp_port}"
    if kind == "sms":
        return f"sms:{settings.sms_gateway_url}"
    return f"{kind}:{channel.get('url') or channel.get('to') or ''}"


class Delivery:
    def __init__(self, session_factory: sessionmaker[Session], settings: RouterSettings,
                 profile: Callable[[], Profile], owner: str | None = None,
                 client: httpx.Client | None = None, limiter: RateLimiter | None = None,
                 bulkhead: Bulkhead | None = None) -> None:
        self._sessions = session_factory
        self._settings = settings
        self._profile = profile
        self.owner = owner or f"delivery-{uuid.uuid4().hex[:12]}"
        self._client = client or httpx.Client(follow_redirects=False)
        # Shared by the workers of one process, so a robot's limit holds for all of them.
        self._limiter = limiter or RateLimiter(dict(settings.rate_per_minute))
        self._bulkhead = bulkhead or Bulkhead(settings.delivery_per_receiver)
        self.sent = 0
        self.failed = 0

    def close(self) -> None:
        self._client.close()

    def candidates(self, now: datetime) -> list[int]:
        with self._sessions() as session:
            # Under a backlog the graver cases go first (特别重大 before 一般), then the oldest.
            query = (
                select(NotificationRow.id, CaseRow.grade_rank, NotificationRow.channel_kind, NotificationRow.channel)
                .join(CaseRow, CaseRow.id == NotificationRow.case_id)
                .where(NotificationRow.status == "pending", NotificationRow.next_attempt_at <= now,
                       or_(NotificationRow.lease_until.is_(None), NotificationRow.lease_until < now))
                .order_by(CaseRow.grade_rank, NotificationRow.next_attempt_at, NotificationRow.id)
                .limit(self._settings.delivery_batch))
            rows = session.execute(query).all()
        # A receiver already busy with a send (a slow one) is skipped: the bulkhead.
        rows = [r for r in rows if not self._bulkhead.busy(receiver_of(r[2], r[3] or {}, self._settings))]
        # Several workers read the same due rows: each takes those of one grade in its own order, so
        # they rarely race for the same row (the claim settles any race).
        return [r[0] for r in sorted(rows, key=lambda r: (r[1], random.random()))]

    def claim(self, row_id: int, now: datetime) -> NotificationRow | None:
        """Lease a pending row that is due: a row that just failed waits for its backoff, even when
        another worker read it as a candidate before the failure was recorded."""
        lease = now + timedelta(seconds=self._settings.delivery_lease_s)
        with self._sessions() as session, session.begin():
            claimed = session.execute(update(NotificationRow).where(
                NotificationRow.id == row_id, NotificationRow.status == "pending",
                NotificationRow.next_attempt_at <= now,
                or_(NotificationRow.lease_until.is_(None), NotificationRow.lease_until < now))
                .values(lease_owner=self.owner, lease_until=lease)
                .execution_options(synchronize_session=False)).rowcount
            if not claimed:
                return None
            return session.get(NotificationRow, row_id)

    def run_once(self, stop: threading.Event | None = None) -> int:
        """Send what is due now; returns how many rows were handled."""
        handled = 0
        for row_id in self.candidates(utcnow()):
            if stop is not None and stop.is_set():
                break
            row = self.claim(row_id, utcnow())
            if row is None:
                continue
            receiver = receiver_of(row.channel_kind, row.channel or {}, self._settings)
            if not self._bulkhead.enter(receiver):
                self._release(row, row.next_attempt_at)  # another worker is sending there: later
                continue
            try:
                self._deliver(row)
            finally:
                self._bulkhead.leave(receiver)
            handled += 1
        return handled

    def _deliver(self, row: NotificationRow) -> None:
        ids = {"case": row.case_id, "item": row.payload.get("item_id")}
        plugin = CHANNELS.get(row.channel_kind)
        target_key = str(row.channel.get("url") or row.channel.get("to") or row.channel_kind)
        wait = self._limiter.take(row.channel_kind, target_key)
        if wait > 0:
            self._release(row, utcnow() + timedelta(seconds=wait))
            return
        if plugin is None:
            result: Sent | Failure = Failure(f"未知渠道 {row.channel_kind!r}", retry=False)
        else:
            message = outbound(Message(key=idempotency_key(row.id), subject=row.subject, text=row.body_text,
                                       html=row.body_html, payload=dict(row.payload)), self._settings)
            try:
                result = plugin.send(row.channel, message, self._settings, self._client)
            except Exception as exc:
                log.exception("channel %s raised", row.channel_kind, extra=ids)
                result = Failure(f"渠道插件异常: {type(exc).__name__}: {exc}", retry=True)
        self._record(row, result)
        metrics.DELIVERIES.labels(row.channel_kind, "sent" if isinstance(result, Sent) else "failed").inc()
        if isinstance(result, Sent):
            self.sent += 1
            log.info("sent %s via %s to %s", row.purpose, row.channel_kind, row.department_id, extra=ids)
        else:
            self.failed += 1
            log.warning("delivery via %s to %s failed: %s", row.channel_kind, row.department_id, result, extra=ids)

    def _release(self, row: NotificationRow, at: datetime) -> None:
        with self._sessions() as session, session.begin():
            session.execute(update(NotificationRow).where(
                NotificationRow.id == row.id, NotificationRow.lease_owner == self.owner)
                .values(lease_owner=None, lease_until=None, next_attempt_at=at)
                .execution_options(synchronize_session=False))

    def _record(self, row: NotificationRow, result: Sent | Failure) -> None:
        now = utcnow()
        attempts = row.attempts + 1
        uncertain = row.uncertain + (1 if isinstance(result, Failure) and result.maybe_delivered else 0)
        values: dict[str, object] = {"attempts": attempts, "uncertain": uncertain, "lease_owner": None,
                                     "lease_until": None}
        undeliverable = False
        if isinstance(result, Sent):
            values.update(status="sent", sent_at=now, last_error=None)
        else:
            delay = self._retry_delay(row, result, attempts, uncertain, now)
            if delay is None:
                undeliverable = True
                error = str(result)
                if result.maybe_delivered and uncertain > 1:
                    error += "；两次发出均未得到应答，对方可能已收到，为免重复不再重发，请人工核实"
                values.update(status="undeliverable", last_error=error)
            else:
                values.update(status="pending", next_attempt_at=now + timedelta(seconds=delay), last_error=str(result))
        with self._sessions() as session, session.begin():
            updated = session.execute(update(NotificationRow).where(
                NotificationRow.id == row.id, NotificationRow.lease_owner == self.owner).values(**values)
                .execution_options(synchronize_session=False)).rowcount
            if not updated:
                log.error("lease on notification %d was lost before its result was recorded", row.id,
                          extra={"case": row.case_id})
                return
            if isinstance(result, Sent) and row.purpose in ("alert", "transfer"):
                cases.mark_alerted(session, row.case_id, row.department_id, now)
            if undeliverable:
                session.add(CaseEventRow(
                    case_id=row.case_id, at=now, actor=cases.SYSTEM, action="undeliverable", from_status=None,
                    to_status=None, detail={"notification": row.id, "department": row.department_id,
                                            "channel": row.channel_kind, "error": str(result),
                                            "attempts": attempts}))
                self._tell_desk(session, row, str(result), now)

    def _retry_delay(self, row: NotificationRow, result: Failure, attempts: int, uncertain: int,
                     now: datetime) -> float | None:
        """Seconds until the next attempt, or None when the row is given up.

        Exponential backoff with jitter, for up to ``delivery_retry_for_s`` after the row was
        queued: a receiver down for hours still gets every message when it is back. A send that
        may have been taken (no answer after the request went out) is retried once, with the
        same idempotency key; a second such send is not repeated.
        """
        settings = self._settings
        if not result.retry or attempts >= settings.delivery_max_attempts:
            return None
        if result.maybe_delivered and uncertain > 1:
            return None
        backoff = min(settings.delivery_backoff_max_s, settings.delivery_backoff_s * 2 ** min(attempts - 1, 30))
        delay = max(backoff * (0.5 + random.random()), result.retry_after or 0.0)
        if utc(now) + timedelta(seconds=delay) - utc(row.created_at) > timedelta(seconds=settings.delivery_retry_for_s):
            return None
        return delay

    def _tell_desk(self, session: Session, row: NotificationRow, error: str, now: datetime) -> None:
        """An undeliverable message is shown to the desk (unless it was the desk's own notice)."""
        profile = self._profile()
        desk = profile.escalation.desk
        if row.purpose == "undeliverable" or row.department_id == desk:
            return
        case = session.get(CaseRow, row.case_id)
        if case is None:
            return
        dept = profile.departments.get(row.department_id)
        name = dept.name if dept else row.department_id
        notify.enqueue(session, profile, self._settings, case, purpose="undeliverable", departments=[desk],
                       discriminator=str(row.id), now=now, with_receipt=False,
                       note=f"发给{name}的{notify.PURPOSES.get(row.purpose, row.purpose)}（{row.channel_kind}）"
                            f"无法送达：{error}；请人工转达")

    def run(self, stop: threading.Event) -> None:
        """Deliver until ``stop``; a store outage is logged and retried, never fatal."""
        backoff = self._settings.delivery_poll_s
        stale = max(300.0, 4 * self._settings.delivery_lease_s)
        with metrics.HEALTH.beating(f"delivery:{self.owner}", stale_after_s=stale) as beat:
            while not stop.is_set():
                beat()
                try:
                    handled = self.run_once(stop)
                    backoff = self._settings.delivery_poll_s
                except SQLAlchemyError as exc:
                    log.warning("delivery: store unavailable (%s), retrying in %.1fs", type(exc).__name__, backoff,
                                extra={"stage": "router"})
                    handled = 0
                    backoff = min(backoff * 2, 30.0)
                if not handled:
                    stop.wait(backoff)
