"""Analysts: labelling least-confident first, the library and its export, the models page with
promote and rollback through the classifier's registry; the users CLI and settings."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import msgspec
import pytest
from console_helpers import csrf_of, login
from fastapi.testclient import TestClient
from sqlalchemy import select

from classifier.registry import DEFAULT_MODEL_DIR, Registry
from console.app import create_app
from console.db import Store
from console.settings import ConsoleSettings
from core.errors import ConfigError
from core.settings import load
from store.classifier_tables import LabelRow
from store.console_tables import ConsoleUserRow


def test_queue_is_least_confident_first_and_labels_are_stored(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "ana")
    page = client.get("/labels").text
    items = re.findall(r'data-item="([^"]+)"', page)
    assert items[0] == "c-jobs"  # negativity 0.52: the model is least sure
    assert "待标注 4 条" in page
    response = client.post("/labels/c-jobs", data={"csrf": csrf_of(page), "negativity": "0", "relevance": "1",
                                                   "topic": "就业", "grade": "一般", "offset": "0"})
    assert response.status_code == 200 and "已保存 4 项标注" in response.text
    assert "待标注 3 条" in response.text and 'data-item="c-jobs"' not in response.text
    store = Store(env.store)
    try:
        with store.sessions() as session:
            rows = {r.head: r for r in session.scalars(select(LabelRow).where(LabelRow.item_id == "c-jobs"))}
    finally:
        store.close()
    assert {h: r.label for h, r in rows.items()} == {"negativity": "0", "relevance": "1", "topic": "就业",
                                                     "grade": "一般"}
    assert rows["negativity"].labelled_by == "ana" and rows["negativity"].profile == "city-gov"
    bad = client.post("/labels/c-edu", data={"csrf": csrf_of(page), "topic": "火星"})
    assert bad.status_code == 400 and "标注未保存" in bad.text
    library = client.get("/labels/library").text
    assert "共 4 条" in library
    exported = client.get("/labels/export.jsonl").text.splitlines()
    assert {json.loads(line)["head"] for line in exported} == {"negativity", "relevance", "topic", "grade"}
    csv_text = client.get("/labels/export.csv?head=topic").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("head,profile,item_id")


def test_desk_cannot_label(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    page = client.get("/").text
    response = client.post("/labels/c-jobs", data={"csrf": csrf_of(page), "negativity": "0"})
    assert response.status_code == 403 and "监测员无权标注" in response.text


def test_models_page_promote_and_rollback(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    models = tmp_path / "models"
    registry = Registry(models)
    card = registry.register_folder(DEFAULT_MODEL_DIR)
    version = str(card["version"])
    settings = msgspec.structs.replace(env.settings, models_dir=str(models))
    with TestClient(create_app(settings, env.router_settings, profile=env.profile)) as client:
        login(client, "ana")
        page = client.get("/models").text
        assert version in page and "准确率" in page and "内置默认模型" in page
        response = client.post("/models/promote", data={"csrf": csrf_of(page), "version": version})
        assert "已启用模型" in response.text
        assert registry.promoted() == version
        missing = client.post("/models/promote", data={"csrf": csrf_of(page), "version": "no-such-version"})
        assert missing.status_code == 409 and "未切换" in missing.text
        back = client.post("/models/rollback", data={"csrf": csrf_of(page)})
        assert "已回滚到 内置默认模型" in back.text
        assert registry.promoted() is None


def test_users_cli(env, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from yuqing.cli import main

    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{env.store.url}"\n[console]\nprofile = "city-gov"\n', "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main(["--config", str(config), "users", "add", "zhang", "--role", "部门处置人", "--department", "police",
                 "--display-name", "张三", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main(["--config", str(config), "users", "add", "li", "--role", "handler", "--password-stdin"]) == 2
    assert "须指定所属部门" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["--config", str(config), "users", "add", "wang", "--role", "desk", "--password-stdin"]) == 2
    assert "密码至少" in capsys.readouterr().err
    assert main(["--config", str(config), "users", "add", "x", "--role", "王者"]) == 2
    assert main(["--config", str(config), "users", "list"]) == 0
    assert "zhang" in capsys.readouterr().out
    store = Store(env.store)
    try:
        with store.sessions() as session:
            user = session.scalar(select(ConsoleUserRow).where(ConsoleUserRow.username == "zhang"))
            assert user is not None and user.role == "handler" and user.department_id == "police"
            assert user.password_hash.startswith("$argon2id$") and "a-long-password" not in user.password_hash
    finally:
        store.close()
    assert main(["--config", str(config), "users", "disable", "zhang"]) == 0
    with TestClient(env.app()) as client:
        page = client.get("/login")
        response = client.post("/login", data={"csrf": csrf_of(page.text), "username": "zhang",
                                               "password": "a-long-password"})
        assert response.status_code == 401
        login(client, "desk")


def test_settings_are_strict(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[console]\nport = 8081\nprofile = "school"\n', "utf-8")
    settings = load(ConsoleSettings, "console", path, environ={})
    assert settings.port == 8081 and settings.profile == "school"
    path.write_text("[console]\nunknown_key = 1\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown_key"):
        load(ConsoleSettings, "console", path, environ={})
    path.write_text('[console]\nsecret_key = "short"\n', "utf-8")
    with pytest.raises(ConfigError, match="secret_key"):
        load(ConsoleSettings, "console", path, environ={})
