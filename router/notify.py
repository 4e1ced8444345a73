"""Rendering the 舆情监测转办单 and queueing it in the outbox, one row per department channel.

Queueing is idempotent: each row has a dedupe key (case, purpose, what, department, channel), so
a replayed batch or a second ticker adds nothing. Quiet hours delay a non-urgent message to the
end of the window; a department without channels gets an undeliverable row the desk sees.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from router import receipts
from router.policy import Department, Profile
from router.settings import RouterSettings
from router.timeutil import UNCOVERED, in_window, utc
from store.case_tables import CaseClockRow, NotificationRow
from store.items import insert_for
from store.tables import CaseRow, ItemRow

log = logging.getLogger(__name__)

PURPOSES = {
    "alert": "舆情预警",
    "copy": "舆情抄送",
    "assist": "舆情会办",
    "transfer": "舆情转办",
    "regrade": "舆情分级调整",
    "remind": "处置时限提醒",
    "breach": "处置超时升级",
    "unacknowledged": "未签收升级",
    "undeliverable": "通知无法送达",
    "flag": "舆情特殊情形须办环节",
    "submit": "舆情报送材料",
}


def _local(profile: Profile, moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return profile.calendar.local(moment).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class Sheet:
    """The part of a case's 转办单 that is the same for every department and purpose (the item, the
    case, its clocks), rendered once per case: a batch sends thousands of 转办单."""

    text: str
    html: str


def sheet(profile: Profile, case: CaseRow, item: ItemLike, clocks: Iterable[ClockLike]) -> Sheet:
    routing = case.routing or {}
    names = profile.departments

    def dept_names(ids: Iterable[str]) -> str:
        return "、".join(names[i].name if i in names else i for i in ids) or "—"

    summary = " ".join(item.text.split())[:200]
    reasons = routing.get("grade_reasons") or []
    # A working-day deadline counted past the holiday file says so where the department reads it.
    clock_lines = [f"{c.name}：{_local(profile, c.due_at)} 前（{c.status}）"
                   + (f"（⚠ {UNCOVERED}）" if getattr(c, "working_days", False)
                      and profile.calendar.uncovered(c.due_at) else "") for c in clocks]
    fields: list[tuple[str, str]] = [
        ("发布媒体名称", item.source_name),
        ("文章标题", item.title),
        ("内容概要", summary or "—"),
        ("链接", item.url),
        ("点击量", "—" if item.views is None else str(item.views)),
        ("回帖量", "—" if item.replies is None else str(item.replies)),
        ("主题", case.topic),
        ("分级情况", case.grade + (f"（{'；'.join(reasons)}）" if reasons else "")),
        ("主办单位", dept_names([case.department_id])),
        ("会办单位", dept_names(case.assisting or [])),
        ("抄送", dept_names(routing.get("copies", []))),
        ("发现时间", _local(profile, case.discovered_at)),
        ("处置时限", "；".join(clock_lines) or "—"),
    ]
    return Sheet("\n".join(f"{k}：{v}" for k, v in fields), "".join(_html_row(k, v) for k, v in fields))


def render(profile: Profile, case: CaseRow, item: ItemLike, clocks: Iterable[ClockLike], purpose: str,
           department: Department, note: str, receipt_url: str | None, now: datetime,
           shared: Sheet | None = None) -> tuple[str, str, str, dict]:
    """Subject, plain text, HTML and structured payload of a 舆情监测转办单 (``shared``: the case's
    :func:`sheet`, when the caller renders several)."""
    shared = shared or sheet(profile, case, item, clocks)
    heading = PURPOSES.get(purpose, purpose)
    subject = f"【{heading}】[{case.grade}] {item.title[:60]}（案件 {case.id}）"
    on_duty = department.on_duty(profile.calendar.local(now))
    head: list[tuple[str, str]] = [
        ("编号", str(case.id)),
        ("事项", heading + (f"：{note}" if note else "")),
        ("接收单位", department.name),
        ("值班人", f"{on_duty.name} {on_duty.phone or ''}".strip() if on_duty else "—"),
    ]
    tail: list[tuple[str, str]] = [("签收", receipt_url)] if receipt_url else []
    text = "舆情监测转办单\n" + "\n".join([*(f"{k}：{v}" for k, v in head), shared.text,
                                        *(f"{k}：{v}" for k, v in tail)])
    rows = "".join(_html_row(k, v) for k, v in head) + shared.html + "".join(_html_row(k, v) for k, v in tail)
    body_html = (f"<html><body><h2>舆情监测转办单</h2><table border=\"1\" cellspacing=\"0\">{rows}</table>"
                 + (f"<p><a href=\"{html.escape(receipt_url)}\">一键签收</a></p>" if receipt_url else "")
                 + "</body></html>")
    payload = {"case_id": case.id, "item_id": case.item_id, "purpose": purpose, "grade": case.grade,
               "topic": case.topic, "department_id": department.id, "title": item.title, "url": item.url,
               "receipt_url": receipt_url, "note": note}
    return subject, text, body_html, payload


def _html_row(key: str, value: str) -> str:
    return (f"<tr><th style=\"text-align:left;padding:4px 8px\">{_label(key)}</th>"
            f"<td style=\"padding:4px 8px\">{_html_value(key, value)}</td></tr>")


@functools.lru_cache(maxsize=64)
def _label(key: str) -> str:
    return html.escape(key)


def _html_value(key: str, value: str) -> str:
    if key in ("链接", "签收") and value.startswith(("http://", "https://")):
        return f"<a href=\"{html.escape(value)}\">{html.escape(value)}</a>"
    return html.escape(value)


def _target(channel: dict, department: Department, local_now: datetime) -> dict:
    """The channel with its recipients filled from the department's people when it names none."""
    target = dict(channel)
    if target["kind"] == "email" and not target.get("to"):
        target["to"] = [p.email for p in department.people if p.email]
    if target["kind"] == "sms" and not target.get("to"):
        on_duty = department.on_duty(local_now)
        if on_duty and on_duty.phone:
            target["to"] = [on_duty.phone]
        else:
            target["to"] = [p.phone for p in department.people if p.phone]
    return target


def not_before(profile: Profile, department: Department, grade: str, now: datetime) -> datetime:
    """Now, or the end of the department's quiet hours for a grade that may wait."""
    local = profile.calendar.local(now)
    if not department.quiet(local, grade):
        return now
    assert department.quiet_hours is not None
    end = local.replace(hour=department.quiet_hours.end.hour, minute=department.quiet_hours.end.minute,
                        second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    while in_window(end.time(), department.quiet_hours.start, department.quiet_hours.end):
        end += timedelta(minutes=1)
    return utc(end)


class ItemLike(Protocol):
    title: str
    text: str
    source_name: str
    url: str
    views: int | None
    replies: int | None


class ClockLike(Protocol):
    name: str
    due_at: datetime
    status: str


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What a 转办单 shows of an item, when the batch has it in memory rather than as a row."""

    title: str
    text: str
    source_name: str
    url: str
    views: int | None
    replies: int | None


@dataclass(frozen=True, slots=True)
class ClockFacts:
    name: str
    due_at: datetime
    status: str = "running"
    working_days: bool = False


def build(profile: Profile, settings: RouterSettings, case: CaseRow, item: ItemLike, clocks: list[ClockLike], *,
          purpose: str, departments: Iterable[str], discriminator: str, now: datetime, note: str = "",
          with_receipt: bool = True, shared: Sheet | None = None) -> list[dict]:
    """The outbox rows (as values) of one message to each channel of each department (``shared``:
    the case's :func:`sheet`, when the caller builds several messages of one case)."""
    rows: list[dict] = []
    shared = shared or sheet(profile, case, item, clocks)
    local_now = profile.calendar.local(now)
    for dept_id in dict.fromkeys(departments):
        department = profile.departments.get(dept_id)
        if department is None:
            log.error("department %s is not in profile %s: message not queued", dept_id, profile.name,
                      extra={"case": case.id, "item": case.item_id})
            continue
        base_key = f"{case.id}:{purpose}:{discriminator}:{dept_id}"
        receipt_url = None
        if with_receipt:
            token = receipts.sign(case.id, dept_id, base_key, receipts.receipt_key(settings),
                                  timedelta(hours=settings.receipt_ttl_hours), now)
            receipt_url = f"{settings.console_base_url.rstrip('/')}/receipts/{token}"
        subject, text, body_html, payload = render(profile, case, item, clocks, purpose, department, note,
                                                   receipt_url, now, shared)
        due = not_before(profile, department, case.grade, now)
        if not department.channels and purpose != "undeliverable" and dept_id != profile.escalation.desk:
            # Nobody can be reached there: the desk is told at once, to pass it on by hand.
            rows.extend(build(profile, settings, case, item, clocks, purpose="undeliverable",
                              departments=[profile.escalation.desk], discriminator=base_key, now=now,
                              note=f"{department.name} 未配置通知渠道，请人工转达{PURPOSES.get(purpose, purpose)}",
                              with_receipt=False, shared=shared))
        for index, channel in enumerate(department.channels or ({"kind": "none"},)):
            kind = channel["kind"]
            rows.append({
                "case_id": case.id, "dedupe_key": f"{base_key}:{index}", "purpose": purpose,
                "department_id": dept_id, "channel_kind": kind,
                "channel": _target(channel, department, local_now) if kind != "none" else {"kind": "none"},
                "subject": subject, "body_text": text, "body_html": body_html, "payload": payload,
                "status": "pending" if kind != "none" else "undeliverable", "attempts": 0, "uncertain": 0,
                "next_attempt_at": due, "created_at": now,
                "last_error": None if kind != "none" else f"{department.name} 未配置任何通知渠道",
            })
    return rows


def insert(session: Session, rows: list[dict]) -> int:
    """Insert outbox rows in one statement; a row whose dedupe key exists is skipped (replays)."""
    if not rows:
        return 0
    stmt = insert_for(session, NotificationRow).on_conflict_do_nothing(index_elements=[NotificationRow.dedupe_key])
    return session.connection().execute(stmt, rows).rowcount or 0


def enqueue(session: Session, profile: Profile, settings: RouterSettings, case: CaseRow, *, purpose: str,
            departments: Iterable[str], discriminator: str, now: datetime, note: str = "",
            with_receipt: bool = True) -> int:
    """Queue one message per channel of each department; returns how many rows were new."""
    item = session.get(ItemRow, case.item_id)
    assert item is not None, "a case always has its item"
    clocks = list(session.scalars(select(CaseClockRow).where(
        CaseClockRow.case_id == case.id, CaseClockRow.status == "running").order_by(CaseClockRow.due_at)))
    return insert(session, build(profile, settings, case, item, clocks, purpose=purpose, departments=departments,
                                 discriminator=discriminator, now=now, note=note, with_receipt=with_receipt))
