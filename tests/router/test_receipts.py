"""No shipped secret in use: on a default install receipt links are signed with the install's own
key, kept in the store, and a link forged with the old shipped default is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from console.app import create_app, profile_for
from console.settings import ConsoleSettings
from core.errors import ConfigError
from core.settings import StoreSettings, load
from router import receipts
from router.settings import DEFAULT_RECEIPT_SECRET, RouterSettings
from store.db import make_engine, sessions
from store.install import CONSOLE_SECRET, RECEIPT_SECRET, install_secret
from store.tables import CaseRow
from tests.console.console_seed import scored, seed


def _forge(case_id: int, department: str, secret: str) -> str:
    """A link as an attacker builds it with a secret they know (the one we used to ship)."""
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    body = b64(json.dumps({"c": case_id, "d": department, "n": "x", "e": int(time.time()) + 3600}).encode())
    return f"{body}.{b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())}"


def test_forged_receipt_link_is_refused_on_a_default_install(sqlite_settings: StoreSettings) -> None:
    settings = RouterSettings(store=sqlite_settings)  # nothing configured: a default install
    [case_id] = seed(sqlite_settings, profile_for("city-gov"), [scored("item-forged")])
    engine = make_engine(sqlite_settings)
    with sessions(engine)() as session:
        case = session.get(CaseRow, case_id)
    engine.dispose()
    assert case is not None
    key = receipts.receipt_key(settings)
    assert key == install_secret(sqlite_settings, RECEIPT_SECRET) and len(key) >= 40
    app = create_app(ConsoleSettings(store=sqlite_settings, cookie_secure=False, models_dir=""), settings)
    with TestClient(app) as client:
        forged = _forge(case.id, case.department_id, DEFAULT_RECEIPT_SECRET)
        page = client.get(f"/receipts/{forged}")
        assert page.status_code == 400 and "签名无效" in page.text
        posted = client.post(f"/receipts/{forged}", data={"csrf": "x"})
        assert posted.status_code in (400, 403)
        genuine = receipts.sign(case.id, case.department_id, "n", key, receipts.timedelta(hours=1))
        assert client.get(f"/receipts/{genuine}").status_code == 200


def test_each_install_has_its_own_secrets(tmp_path: Path) -> None:
    from store.db import migrate

    one, two = (StoreSettings(url=f"sqlite:///{tmp_path / f'{n}.db'}") for n in ("one", "two"))
    migrate(one)
    migrate(two)
    assert install_secret(one, RECEIPT_SECRET) != install_secret(two, RECEIPT_SECRET)
    assert install_secret(one, RECEIPT_SECRET) != install_secret(one, CONSOLE_SECRET)
    assert install_secret(one, RECEIPT_SECRET) == install_secret(one, RECEIPT_SECRET)


@pytest.mark.parametrize(("table", "key", "value"), [("router", "receipt_secret", "change-me"),
                                                     ("console", "secret_key", "change-me-console-secret")])
def test_a_service_refuses_a_known_default(tmp_path: Path, table: str, key: str, value: str) -> None:
    path = tmp_path / "yuqing.toml"
    path.write_text(f'[{table}]\n{key} = "{value}"\n', "utf-8")
    cls = RouterSettings if table == "router" else ConsoleSettings
    with pytest.raises(ConfigError, match="known default"):
        load(cls, table, path, environ={})
    with pytest.raises(ValueError, match="known default"):
        receipts.sign(1, "d", "n", value, receipts.timedelta(hours=1))
