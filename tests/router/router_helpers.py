"""Helpers of the router tests: scored items, settings and a profile pointing at local receivers."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source, encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.cases import CaseService
from router.service import RouterProcessor
from router.settings import RouterSettings


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A real HTTP server; ``script`` says how to answer the next requests, then it answers ``ok``.

    Script entries: ``("status", 500)``, ``("hang",)`` (no answer until the test ends: the client
    times out, whatever its timeout and however slow the host), ``("drop",)`` (reads the request,
    then closes the connection unanswered: no answer after the request went out, with no timing at
    all), ``("garbage",)`` (200 with a non-JSON body), ``("json", {...})``; a last element ``"/path"``
    keeps an entry for requests to that path. A hung or dropped request is not recorded: the client
    was never told it arrived.
    """

    url: str = ""
    requests: list[Request] = field(default_factory=list)
    script: list[tuple] = field(default_factory=list)
    ok_body: dict[str, Any] = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok", "code": 0})
    delay_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Called (outside the lock) after each request is recorded, before it is answered: a test that
    # must stop a worker mid-delivery does it here, at a request count, not after a race with the worker.
    on_record: Callable[[Receiver], None] | None = None
    # Set when the test ends (the fixture's teardown): a hung request waits for it, never a fixed
    # delay a loaded host could outlast on the client's side (a late answer read as a timely one).
    released: threading.Event = field(default_factory=threading.Event)

    def next_action(self, path: str) -> tuple:
        """The next scripted answer for this path (an entry may end with the path it is meant for)."""
        with self.lock:
            for index, entry in enumerate(self.script):
                target = entry[-1] if len(entry) > 1 and isinstance(entry[-1], str) and entry[-1].startswith("/") \
                    else None
                if target is None or target == path:
                    return self.script.pop(index)
            return ("ok",)

    def record(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)
        if self.on_record is not None:
            self.on_record(self)

    def keys(self) -> list[str]:
        with self.lock:
            return [r.headers.get("X-Yuqing-Notification", "") for r in self.requests]

    def wait_for(self, predicate: Callable[[Receiver], bool], timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return True
            time.sleep(0.02)
        return predicate(self)


class Collect:
    """An aiosmtpd handler keeping every envelope."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@dataclass
class Smtp:
    host: str
    port: int
    handler: Collect


def scored(item_id: str, *, topic: str = "住房", grade: str = "一般", rank: int = 2, region: str | None = None,
           title: str = "某小区房屋质量问题引发业主不满", text: str = "业主反映房屋漏水，多次投诉无果。",
           kind: str = "news", tier: str = "prefecture", fetched_at: datetime | None = None,
           profile: str = "city-gov") -> ScoredItem:
    item = RawItem(
        id=item_id, source=Source(id="src-1", name="本地新闻网", kind=kind, tier=tier, region=region),
        url=f"https://news.example.org/{item_id}", title=title, text=text,
        fetched_at=fetched_at or datetime.now(UTC), engagement=Engagement(views=1200, replies=35))
    return ScoredItem(item=item, negativity=0.9, relevance=0.8, topic=topic, grade=Grade(grade, rank, ("测试理由",)),
                      model_version="test-1", profile=profile, scored_at=datetime.now(UTC))


def router_settings(store: StoreSettings, **overrides: Any) -> RouterSettings:
    values: dict[str, Any] = {
        # A 10 s timeout is a bound for failure, not a speed goal: the test receivers answer at once,
        # and an answer that came after a 1 s timeout on a slow, loaded CI host would be sent again (a
        # second delivery, or a row given up after two unanswered sends). No test waits for it: a
        # test that must see a timeout sets its own short one against a receiver that hangs
        # (("hang",) in Receiver.script). The lease (30 s) is twice the send deadline (15 s, 1.5 x the
        # timeout), which router/settings.py requires it to exceed.
        "store": store, "delivery_timeout_s": 10.0, "delivery_backoff_s": 0.05, "delivery_backoff_max_s": 0.2,
        "delivery_lease_s": 30.0, "delivery_poll_s": 0.05, "tick_s": 0.2, "receipt_secret": "test-receipt-secret",
        "webhook_secrets": {"hook": "hook-secret", "ding": "ding-secret", "fei": "fei-secret"},
        "rate_per_minute": {}, "console_base_url": "http://console.test",
        # Routing on its own: tests/incidents drive the router with incidents on.
        "incidents": False,
        # The shared broker's ops.alerts holds other tests' alerts: only tests/router/test_ops_alerts.py reads it.
        "ops_alerts": False,
    }
    values.update(overrides)
    return RouterSettings(**values)


def hurried(settings: RouterSettings, **overrides: Any) -> RouterSettings:
    """``settings`` with a 0.5 s timeout, for a send to a receiver that hangs (``("hang",)``): it times
    out at once, and however slow the host, since the receiver never answers. The send deadline stays
    long (10 s): a client scheduled late must still get the whole request out (a localhost connect
    and a small write never wait), or the hang would be left in the script for a later send."""
    return msgspec.structs.replace(settings, delivery_timeout_s=0.5, delivery_deadline_s=10.0, **overrides)


TEST_PROFILE = """\
profile: test-city
title: 测试市
region: "4507"
grades: [特别重大, 重大, 一般]
departments:
  - id: desk
    name: 值班台
    channels: [{{kind: webhook, url: "{url}/desk", secret: hook}}]
  - id: leader
    name: 分管领导
    channels: [{{kind: webhook, url: "{url}/leader"}}]
  - id: housing
    name: 市住建局
    channels: [{{kind: webhook, url: "{url}/housing", secret: hook}}]
  - id: press
    name: 市新闻办
    channels: [{{kind: webhook, url: "{url}/press"}}]
  - id: silent
    name: 无渠道单位
topics:
  住房: [住房]
  其他: [其他]
default_receiver: desk
always_copy: [press]
route:
  receiver: desk
  routes:
    - {{name: 住房, match: {{topic: 住房}}, receiver: housing}}
clocks:
  - {{id: respond, name: 予以回应, grades: [一般], due: 48h, remind_before: [8h], stop_on: 已回应}}
  - {{id: facts, name: 发布事实, grades: [特别重大, 重大], due: 1h, remind_before: [20m], stop_on: 已回应}}
  - {{id: settle, name: 办结时限, grades: [特别重大, 重大, 一般], due: 5wd, stop_on: 办结}}
escalation:
  desk: desk
  leader: leader
inhibit:
  - {{when_open: [特别重大], mute: [重大, 一般]}}
"""


def write_profile(folder: Path, receiver_url: str, text: str = TEST_PROFILE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.yaml").write_text(text.format(url=receiver_url), encoding="utf-8")
    return folder


def refused_at_load(tmp_path: Path, text: str, problem: str) -> None:
    """The test profile with ``text`` appended is refused by ``policy.load`` with ``problem``, and the
    error names the line it is on (never "line 0")."""
    folder = write_profile(tmp_path / "p", "http://127.0.0.1:9")
    profile = folder / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    with pytest.raises(policy.PolicyError, match=problem) as refused:
        policy.load(folder)
    assert "line 0:" not in str(refused.value)


def case_service(store_settings: StoreSettings, name: str, *items: tuple[str, str, str, int]) -> CaseService:
    """Cases of the shipped profile ``name``, routed from (item id, topic, grade, rank)."""
    profile = policy.load(profile_dir(name))
    settings = router_settings(store_settings)
    batch = [scored(i, topic=topic, grade=grade, rank=rank, profile=name) for i, topic, grade, rank in items]
    RouterProcessor(settings, profile).process(
        [Record("items.scored", 0, n, s.item.id.encode(), encode(s)) for n, s in enumerate(batch)])
    return CaseService(store_settings, profile, settings)


def case_of(service: CaseService, item_id: str) -> int:
    """The id of the case opened for ``item_id``."""
    return next(c.id for c in service.list() if c.item_id == item_id)


def huaning_with(folder: Path, holidays: str | None = None, calendar: str = "") -> policy.Profile:
    """The shipped huaning profile copied to ``folder``; with ``holidays``, its own holiday file: the
    shipped one extended to cover 2027 with only these lines (test data, not the State Council's);
    ``calendar`` adds lines to its calendar block."""
    from router.timeutil import CALENDARS

    folder.mkdir(parents=True, exist_ok=True)
    text = (profile_dir("huaning-gonglu") / "profile.yaml").read_text(encoding="utf-8")
    spec = "holidays: ./holidays.yaml" if holidays is not None else "holidays: cn-mainland"
    (folder / "profile.yaml").write_text(text.replace("holidays: chinese", spec + calendar), encoding="utf-8")
    if holidays is not None:
        shipped = (CALENDARS / "cn-mainland.yaml").read_text(encoding="utf-8")
        (folder / "holidays.yaml").write_text(
            shipped.replace("to: 2026-12-31}", "to: 2027-12-31}").replace("holidays:\n", f"holidays:\n{holidays}", 1),
            encoding="utf-8")
    return policy.load(folder)
