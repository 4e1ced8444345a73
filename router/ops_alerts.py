"""``ops.alerts`` → the desk: operations alerts reach people through the router's own channels.

The collectors raise an alert when a source fails, goes quiet or parses empty; the supervisor
when a stage keeps dying or the broker was restarted. :class:`OpsAlertProcessor` keeps each in
the store (``ops_alerts``, keyed by the message's bytes so a replay adds nothing), and
:func:`deliver_due` sends the pending ones to every channel of the profile's desk (值班台), masked
like every other message, retrying with backoff; the console shows them. They open no case: they
are about the system, not about public opinion.
"""

from __future__ import annotations

import hashlib
import html
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
import orjson
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core import metrics
from core.errors import Failure
from core.stage import BatchResult, Record, Rejected, RetryLater
from router.channels import CHANNELS, Message, Sent, outbound
from router.notify import _target
from router.policy import Profile
from router.settings import RouterSettings
from router.timeutil import now as utcnow
from router.timeutil import utc
from store.items import insert_for
from store.ops_tables import OpsAlertRow

log = logging.getLogger(__name__)

KIND_NAMES = {
    "source_failing": "信源采集失败", "source_quiet": "信源长时间无新内容", "parser_empty": "信源解析不到条目",
    "source_recovered": "信源已恢复", "stage_restarting": "服务进程反复退出", "broker_restarted": "消息代理已重启",
}


def _parse(record: Record) -> dict[str, Any] | str:
    if not record.value:
        return "empty message"
    try:
        doc = orjson.loads(record.value)
    except orjson.JSONDecodeError as exc:
        return f"not JSON: {exc}"
    if not isinstance(doc, dict) or not isinstance(doc.get("kind"), str) or not isinstance(doc.get("message"), str):
        return "an ops alert is a JSON object with the strings kind and message"
    return doc


def _raised_at(doc: dict[str, Any], fallback: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(str(doc.get("at")))
    except ValueError:
        return fallback
    return moment if moment.tzinfo else fallback


class OpsAlertProcessor:
    """A :class:`core.stage.Processor` of ``ops.alerts``: each alert kept once, pending delivery."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def process(self, records: Sequence[Record]) -> BatchResult:
        result = BatchResult()
        rows = []
        now = utcnow()
        for record in records:
            doc = _parse(record)
            if isinstance(doc, str):
                result.rejected.append(Rejected(record, doc))
                continue
            assert record.value is not None
            rows.append({"dedupe_key": hashlib.sha256(record.value).hexdigest(), "kind": doc["kind"][:64],
                         "source": str(doc["source"])[:128] if doc.get("source") else None,
                         "message": doc["message"][:2000], "payload": doc, "raised_at": _raised_at(doc, now),
                         "status": "pending", "attempts": 0, "next_attempt_at": now})
        if not rows:
            return result
        try:
            with self._sessions() as session, session.begin():
                stmt = insert_for(session, OpsAlertRow).on_conflict_do_nothing(index_elements=[OpsAlertRow.dedupe_key])
                session.connection().execute(stmt, rows)
        except SQLAlchemyError as exc:
            raise RetryLater(f"store: {type(exc).__name__}: {str(exc)[:300]}") from exc
        for row in rows:
            metrics.OPS_ALERTS.labels(row["kind"], "queued").inc()
        return result


def message_for(row: OpsAlertRow, profile: Profile) -> Message:
    kind = KIND_NAMES.get(row.kind, row.kind)
    raised = utc(row.raised_at)
    local = profile.calendar.local(raised).strftime("%Y-%m-%d %H:%M")
    lines = [f"类型：{kind}", f"时间：{local}"] + ([f"信源：{row.source}"] if row.source else []) + [row.message]
    text = "\n".join(lines)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return Message(key=f"ops-alert-{row.id}", subject=f"【运维告警】{kind}：{row.message[:60]}", text=text,
                   html=f"<html><body>{body}</body></html>",
                   payload={"type": "ops_alert", "kind": row.kind, "source": row.source, "message": row.message,
                            "raised_at": raised.isoformat()})


def deliver_due(session_factory: sessionmaker[Session], settings: RouterSettings, profile: Profile,
                client: httpx.Client, limit: int = 20) -> int:
    """Send the pending alerts that are due to every channel of the desk; returns how many were handled."""
    now = utcnow()
    desk = profile.departments.get(profile.escalation.desk)
    with session_factory() as session:
        due = list(session.scalars(select(OpsAlertRow).where(OpsAlertRow.status == "pending",
                                                             OpsAlertRow.next_attempt_at <= now)
                                   .order_by(OpsAlertRow.id).limit(limit)))
    for row in due:
        results: list[Sent | Failure] = []
        if desk is None or not desk.channels:
            results.append(Failure("值班台未配置通知渠道", retry=False))
        else:
            message = outbound(message_for(row, profile), settings)
            local_now = profile.calendar.local(now)
            for channel in desk.channels:
                plugin = CHANNELS.get(channel["kind"])
                if plugin is None:
                    results.append(Failure(f"未知渠道 {channel['kind']!r}", retry=False))
                    continue
                try:
                    results.append(plugin.send(_target(channel, desk, local_now), message, settings, client))
                except Exception as exc:  # noqa: BLE001 - a plugin's bug is this alert's failure, not the loop's
                    results.append(Failure(f"渠道插件异常: {type(exc).__name__}: {exc}", retry=True))
        _record(session_factory, row.id, results, settings, now)
    return len(due)


def _record(session_factory: sessionmaker[Session], row_id: int, results: list[Sent | Failure],
            settings: RouterSettings, now: datetime) -> None:
    with session_factory() as session, session.begin():
        row = session.get(OpsAlertRow, row_id)
        if row is None:
            return
        row.attempts += 1
        failures = [r for r in results if isinstance(r, Failure)]
        if len(failures) < len(results):
            row.status, row.sent_at, row.last_error = "sent", now, "; ".join(f.reason for f in failures) or None
            metrics.OPS_ALERTS.labels(row.kind, "sent").inc()
            log.info("ops alert %s sent to the desk", row.kind, extra={"source": row.source})
            return
        row.last_error = "; ".join(f.reason for f in failures)[:2000]
        metrics.OPS_ALERTS.labels(row.kind, "failed").inc()
        if not any(f.retry for f in failures) or row.attempts >= settings.delivery_max_attempts:
            row.status = "undeliverable"
            log.error("ops alert %s could not reach the desk: %s", row.kind, row.last_error,
                      extra={"source": row.source})
            return
        delay = min(settings.delivery_backoff_s * 2 ** (row.attempts - 1), settings.delivery_backoff_max_s)
        row.next_attempt_at = now + timedelta(seconds=delay)


def delivery_loop(session_factory: sessionmaker[Session], settings: RouterSettings,
                  profile: Callable[[], Profile], stop: threading.Event) -> None:
    """Send due alerts until ``stop``; a store outage is waited out."""
    client = httpx.Client(follow_redirects=False, timeout=settings.delivery_timeout_s)
    try:
        stale = max(300.0, 4 * settings.delivery_timeout_s)
        with metrics.HEALTH.beating("router:ops-alerts", stale_after_s=stale) as beat:
            while not stop.is_set():
                beat()
                try:
                    handled = deliver_due(session_factory, settings, profile(), client)
                except SQLAlchemyError as exc:
                    log.warning("ops alerts: store unavailable (%s)", type(exc).__name__)
                    handled = 0
                if not handled:
                    stop.wait(max(1.0, settings.delivery_poll_s))
    finally:
        client.close()


def recent(session: Session, limit: int = 20) -> list[OpsAlertRow]:
    """The newest alerts, for the console."""
    return list(session.scalars(select(OpsAlertRow).order_by(OpsAlertRow.id.desc()).limit(limit)))
