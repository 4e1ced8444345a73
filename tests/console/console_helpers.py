"""Helpers of the console tests: accounts, the seeded cases, logging in (imported by name, not via conftest)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from console_seed import scored, seed
from fastapi.testclient import TestClient

from console import accounts
from console.app import create_app, profile_for
from console.db import Store
from console.settings import ConsoleSettings
from core.settings import StoreSettings
from router.policy import Profile
from router.settings import RouterSettings

PASSWORD = "correct-horse-42"
USERS = (
    ("desk", "desk", None, "值班员甲"),
    ("hous", "handler", "housing", "住建处置人"),
    ("edu", "handler", "education", "教育处置人"),
    ("ana", "analyst", None, "分析员乙"),
    ("boss", "leader", None, "领导丙"),
    ("root", "admin", None, "管理员丁"),
)
XSS_TITLE = '学校食堂<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">问题'


@dataclass
class Env:
    store: StoreSettings
    settings: ConsoleSettings
    router_settings: RouterSettings
    profile: Profile
    cases: dict[str, int] = field(default_factory=dict)

    def app(self):  # type: ignore[no-untyped-def]
        return create_app(self.settings, self.router_settings, profile=self.profile)


def add_users(store: StoreSettings, profile: Profile) -> None:
    handle = Store(store)
    try:
        with handle.sessions() as session, session.begin():
            for username, role, dept, name in USERS:
                accounts.create_user(session, username, PASSWORD, role, display_name=name, department_id=dept,
                                     departments=set(profile.departments), actor="测试")
    finally:
        handle.close()


def build(store: StoreSettings) -> dict[str, int]:
    profile = profile_for("city-gov")
    add_users(store, profile)
    ids = seed(store, profile, [
        scored("c-housing", topic="住房", grade="一般", title="某小区房屋漏水业主投诉无果"),
        scored("c-edu", topic="教育", grade="重大", title=XSS_TITLE,
               text='家长反映食堂卫生差。<script>window.__pwned = 3</script>', url="javascript:alert(1)"),
        scored("c-county", topic="住房", grade="特别重大", region="450721", title="灵山县某小区地面塌陷",
               tier="central", source="中央媒体网"),
        scored("c-jobs", topic="就业", grade="一般", title="招聘会收费引发求职者不满", kind="forum", tier="self_media",
               source="示例市民论坛", negativity=0.52),
    ])
    return dict(zip(("housing", "edu", "county", "jobs"), ids, strict=True))


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    page = client.get("/login")
    response = client.post("/login", data={"csrf": csrf_of(page.text), "username": username, "password": password},
                           follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    return client
