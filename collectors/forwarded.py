"""转办单: 舆情 a superior body forwards to the office (省局、市委网信办、市委市政府), entered by hand.

002 第十一条 has the desk collect, beside what it monitors, the 舆情 that 省局, 市委网信办 and other
bodies forward; 第二十一条 asks for the result to be reported back. A 转办单 is not polled from a
site: the operator enters it (``yuqing forward``), and it travels ``items.raw`` like any collected
item, with source kind ``forwarded``, so the classifier grades it and the router opens its case
(a profile's ``intake.always_kinds`` admits it whatever its scores, and its clocks may ask for the
feedback to the body that forwarded it). The body's instruction (转办意见: 请核实处理并主动回应 …)
heads the text, where the grading reads it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from core.contracts import RawItem, Source, item_id_for

KIND = "forwarded"
_SLUG = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")


class ForwardError(ValueError):
    """A 转办单 that cannot be entered; the message is for the operator."""


@dataclass(frozen=True)
class Forwarded:
    """What the operator copies from the 转办单."""

    body: str  # who forwarded it: 省局, 市委网信办, 市委市政府 …
    title: str
    text: str
    url: str = ""  # the original post or report, when the 转办单 names one
    instruction: str = ""  # 转办意见
    region: str | None = None  # the 属地 the 转办单 names (a region code)
    number: str = ""  # the 转办单's own number, if it has one


def to_item(form: Forwarded, now: datetime | None = None) -> RawItem:
    """The ``items.raw`` message of a 转办单; the same 转办单 entered twice is one item."""
    body = form.body.strip()
    if not body:
        raise ForwardError("须写明转办单位（如 省局、市委网信办）")
    if not (form.title.strip() or form.text.strip()):
        raise ForwardError("转办单须有标题或内容")
    if form.region is not None and not form.region.isdigit():
        raise ForwardError(f"地区须为行政区划代码（如 360902），不是“{form.region}”")
    # One 转办单 is one item: its number, else the original's address, else its words.
    anchor = form.number.strip() or form.url.strip() or hashlib.sha256(
        f"{form.title}\n{form.text}".encode()).hexdigest()[:32]
    slug = _SLUG.sub("-", body).strip("-")[:48] or "body"
    text = form.text.strip()
    if form.instruction.strip():
        text = f"【转办意见】{form.instruction.strip()}\n{text}"
    try:
        return RawItem(
            id=item_id_for(f"forwarded:{slug}:{anchor}"),
            source=Source(id=f"forwarded-{slug}", name=f"{body}转办", kind=KIND, region=form.region),
            url=form.url.strip(), title=form.title.strip(), text=text,
            fetched_at=now or datetime.now(UTC), region_hints=(form.region,) if form.region else ())
    except ValueError as exc:
        raise ForwardError(f"转办单无法录入: {exc}") from exc
