"""The case audit log (处置记录) in words: action names, department names, local times, no codes.

The router and the incidents stage write each line's ``detail`` as data (ids, lists, nested
reasons); a person reads it here as short Chinese phrases. A line that names another case (an
incident's case) names it only when the reader may see that case (:mod:`console.access`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from console import access, labels_zh
from console.roles import Principal

# Keys never shown: internal references, or data shown elsewhere on the page.
HIDDEN_KEYS = {"routing", "incident", "notification", "matched_item", "item", "proposal", "joined_as", "approval",
               "flag", "requires", "caliber", "caliber_event"}
DEPARTMENT_KEYS = {"department", "escalated_to", "owner", "sent_to", "participants"}
HOW_NAMES = {"first": "首发", "repost": "转载", "title": "同题转载", "follow_up": "后续报道", "response": "官方回应",
             "replay": "重复"}


@dataclass(frozen=True, slots=True)
class LogLine:
    at: str
    actor: str
    action: str
    status: str
    phrases: tuple[str, ...]


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple | set):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{labels_zh.DETAIL_KEYS.get(k, k)}：{_plain(v)}" for k, v in value.items() if v not in
                        (None, "", [], {}))
    return str(value)


def phrases(action: str, detail: dict[str, Any], *, dept: Callable[[str | None], str],
            case_ref: Callable[[Any], str], clock: Callable[[str], str], local: Callable[[Any], str]) -> list[str]:
    """The detail of one audit line as phrases (``原：应急管理局``, ``时限：予以回应``)."""
    out: list[str] = []
    if action in ("incident_joined", "incident_responded", "incident_quiet"):
        if detail.get("incident_case") is not None:
            out.append(f"事件主案件：{case_ref(detail['incident_case'])}")
        if detail.get("how"):
            out.append(f"方式：{HOW_NAMES.get(detail['how'], detail['how'])}")
        reason = detail.get("reason") or {}
        if isinstance(reason, dict) and reason.get("similarity") is not None:
            out.append(f"相似度：{float(reason['similarity']):.0%}")
        if detail.get("notifications_held"):
            out.append(f"暂缓通知：{detail['notifications_held']} 条")
        if detail.get("why"):
            out.append(f"依据：{_plain(detail['why'])}")
        if detail.get("proposal"):
            out.append(str(detail["proposal"]))
        if detail.get("negativity_before") is not None:
            out.append(f"回应前负面度：{float(detail['negativity_before']):.2f}")
        return out
    department_lists = action in ("transferred", "assisting_set")
    for key, value in detail.items():
        if key in HIDDEN_KEYS or value in (None, "", [], {}):
            continue
        label = labels_zh.DETAIL_KEYS.get(key, key)
        if key in DEPARTMENT_KEYS or (department_lists and key in ("from", "to")):
            values = value if isinstance(value, list | tuple) else [value]
            text = "、".join(dept(str(v)) for v in values) or "无"
        elif key in ("clock", "clocks", "clocks_met", "clocks_cancelled", "clocks_opened"):
            values = value if isinstance(value, list | tuple) else [value]
            text = "、".join(clock(str(v)) for v in values)
        elif key == "until":
            text = local(value)
        elif key == "error":
            text = labels_zh.delivery_error(str(value))
        elif key == "channel":
            text = labels_zh.CHANNELS.get(str(value), str(value))
        else:
            text = labels_zh.clock_text(_plain(value))
        out.append(f"{label}：{text}")
    return out


def render(session: Session, principal: Principal, events: Iterable[Any], *, dept: Callable[[str | None], str],
           clock_names: dict[str, str], local: Callable[..., str]) -> list[LogLine]:
    """The case's audit lines as the reader may see them."""
    rows = list(events)
    referenced = [e.detail.get("incident_case") for e in rows if isinstance(e.detail, dict)
                  and e.detail.get("incident_case") is not None]
    visible = access.visible_case_ids(session, principal, referenced)

    def case_ref(value: Any) -> str:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return access.OTHER_DEPARTMENT
        return f"案件 #{number}" if number in visible else access.OTHER_DEPARTMENT

    def clock(value: str) -> str:
        return labels_zh.clock_text(clock_names.get(value.partition("#")[0], value))

    lines = []
    for e in rows:
        detail = e.detail if isinstance(e.detail, dict) else {}
        status = e.from_status or ""
        if e.to_status and e.to_status != e.from_status:
            status = f"{status} → {e.to_status}" if status else e.to_status
        lines.append(LogLine(
            at=local(e.at), actor=e.actor, action=labels_zh.ACTIONS.get(e.action, labels_zh.unknown(e.action)),
            status=status, phrases=tuple(phrases(e.action, detail, dept=dept, case_ref=case_ref, clock=clock,
                                                 local=lambda v: local(_moment(v))))))
    return lines


def _moment(value: Any) -> Any:
    from datetime import datetime

    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return value
