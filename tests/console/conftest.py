"""Console fixtures: a migrated SQLite store with accounts and cases opened by the router's API."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from console_seed import scored, seed
from fastapi.testclient import TestClient

from console import accounts
from console.app import create_app, profile_for
from console.db import Store
from console.settings import ConsoleSettings
from core.settings import StoreSettings
from router.policy import Profile
from router.settings import RouterSettings
from store.db import migrate

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


def _build(store: StoreSettings) -> dict[str, int]:
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


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The seeded store, built once (migrations and Argon2 hashes are slow); each test gets a copy."""
    path = tmp_path_factory.mktemp("console-template") / "yuqing.db"
    store = StoreSettings(url=f"sqlite:///{path}")
    migrate(store)
    ids = _build(store)
    return path, ids


@pytest.fixture
def env(template_db: tuple[Path, dict[str, int]], tmp_path: Path) -> Env:
    source, ids = template_db
    target = tmp_path / "yuqing.db"
    shutil.copyfile(source, target)
    store = StoreSettings(url=f"sqlite:///{target}")
    profile = profile_for("city-gov")
    settings = ConsoleSettings(store=store, cookie_secure=False, secret_key="test-console-secret-key",
                               login_max_failures=3, models_dir="")
    router_settings = RouterSettings(store=store, receipt_secret="test-receipt-secret",
                                     console_base_url="http://testserver")
    return Env(store, settings, router_settings, profile, dict(ids))


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


@pytest.fixture
def client(env: Env) -> Iterator[TestClient]:
    with TestClient(env.app()) as test_client:
        yield test_client
