"""Per-source health: what each poll did, when to raise an alert on ``ops.alerts``, and the summary
``yuqing status`` shows.

Alerts are raised once per episode (the row remembers the alert in force) and cleared, with a
``recovered`` alert, when the source delivers again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from collectors.settings import CollectorSettings
from collectors.sources import SourceSpec
from core.errors import Failure
from core.settings import StoreSettings
from store.collector_tables import CollectorHealthRow

ALERT_SCHEMA_VERSION = 1


@dataclass(slots=True)
class PollOutcome:
    found: int = 0
    published: int = 0
    failure: Failure | None = None
    problems: list[Failure] = field(default_factory=list)
    not_modified: bool = False
    # Stopped by shutdown: neither a success nor a failure.
    interrupted: bool = False


def new_row(spec: SourceSpec) -> CollectorHealthRow:
    return CollectorHealthRow(source_id=spec.id, kind=spec.kind, last_found=0, ever_found=False, polls=0,
                              items_published=0, error_count=0, consecutive_failures=0)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite gives naive datetimes back; they were written in UTC.
    if value is not None and value.tzinfo is None:
        from datetime import UTC

        return value.replace(tzinfo=UTC)
    return value


def _alert(spec: SourceSpec, kind: str, message: str, now: datetime, **extra: Any) -> dict[str, Any]:
    return {"schema_version": ALERT_SCHEMA_VERSION, "kind": kind, "source": spec.id, "source_name": spec.name,
            "source_kind": spec.kind, "message": message, "at": now.isoformat(), **extra}


def apply(row: CollectorHealthRow | None, spec: SourceSpec, outcome: PollOutcome, settings: CollectorSettings,
          now: datetime) -> tuple[CollectorHealthRow, list[dict[str, Any]]]:
    """Fold one poll into the row; return the row and the alerts to send."""
    row = row if row is not None else new_row(spec)
    alerts: list[dict[str, Any]] = []
    row.kind = spec.kind
    row.polls += 1
    row.last_poll = now
    row.error_count += len(outcome.problems)
    if outcome.failure is not None:
        row.error_count += 1
        row.consecutive_failures += 1
        row.last_error = outcome.failure.reason
        if outcome.failure.retry_after:
            row.retry_after = now + timedelta(seconds=outcome.failure.retry_after)
        if row.consecutive_failures >= settings.alert_after_failures and row.alert != "failing":
            row.alert = "failing"
            message = f"信源「{spec.name}」连续 {row.consecutive_failures} 次采集失败：{outcome.failure.reason}"
            alerts.append(_alert(spec, "source_failing", message, now, reason=outcome.failure.reason,
                                 failures=row.consecutive_failures))
        return row, alerts
    row.consecutive_failures = 0
    row.last_success = now
    row.retry_after = None
    if outcome.problems:
        row.last_error = outcome.problems[-1].reason
    if not outcome.not_modified:
        row.last_found = outcome.found
        if outcome.found > 0:
            row.ever_found = True
        elif row.ever_found and row.alert != "parser_empty":
            row.alert = "parser_empty"
            alerts.append(_alert(spec, "parser_empty",
                                 f"信源「{spec.name}」页面可以访问，但解析不到任何条目，页面结构可能已改版", now))
    last_item = _aware(row.last_item)
    if outcome.published > 0:
        if last_item is not None:
            gap = (now - last_item).total_seconds()
            row.usual_gap_s = gap if row.usual_gap_s is None else 0.8 * row.usual_gap_s + 0.2 * gap
        row.last_item = now
        row.items_published += outcome.published
        if row.alert is not None:
            alerts.append(_alert(spec, "source_recovered", f"信源「{spec.name}」已恢复采集", now,
                                 previous=row.alert))
            row.alert = None
    elif row.alert == "failing":
        alerts.append(_alert(spec, "source_recovered", f"信源「{spec.name}」已恢复访问", now, previous="failing"))
        row.alert = None
    if last_item is not None and outcome.published == 0 and row.alert is None:
        usual = row.usual_gap_s or spec.interval_s
        limit = max(settings.min_quiet_s, settings.quiet_factor * usual)
        quiet = (now - last_item).total_seconds()
        if quiet > limit:
            row.alert = "quiet"
            message = f"信源「{spec.name}」已 {quiet / 3600:.1f} 小时没有新内容（通常间隔 {usual / 3600:.1f} 小时）"
            alerts.append(_alert(spec, "source_quiet", message, now, quiet_s=quiet))
    return row, alerts


def _iso(value: datetime | None) -> str | None:
    value = _aware(value)
    return value.isoformat() if value else None


def row_summary(row: CollectorHealthRow) -> dict[str, Any]:
    status = {None: "正常", "failing": "采集失败", "quiet": "长时间无新内容", "parser_empty": "解析不到条目"}
    return {"source": row.source_id, "kind": row.kind, "status": status.get(row.alert, row.alert),
            "alert": row.alert, "last_poll": _iso(row.last_poll), "last_success": _iso(row.last_success),
            "last_item": _iso(row.last_item), "last_found": row.last_found, "polls": row.polls,
            "items_published": row.items_published, "error_count": row.error_count,
            "consecutive_failures": row.consecutive_failures, "last_error": row.last_error}


def summary(store_settings: StoreSettings) -> list[dict[str, Any]]:
    """Health of every source the collectors have polled, for ``yuqing status``."""
    from collectors.state import CollectorStore

    store = CollectorStore(store_settings)
    try:
        return [row_summary(row) for row in store.all_health()]
    finally:
        store.close()
