"""``yuqing backup`` → ``yuqing restore`` into a fresh store gives back every row, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, table, text

from console.app import profile_for
from core.settings import StoreSettings
from store.db import make_engine
from store.install import RECEIPT_SECRET, install_secret
from tests.console.console_seed import scored, seed
from yuqing.backup import BackupError, backup, restore
from yuqing.cli import main


def _snapshot(store: StoreSettings) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    engine = make_engine(store)
    try:
        names = sorted(inspect(engine).get_table_names())
        out: dict[str, list[tuple]] = {}
        with engine.connect() as conn:
            for name in names:
                columns = [c["name"] for c in inspect(engine).get_columns(name)]
                rows = conn.execute(select(*[text(f'"{c}"') for c in columns]).select_from(table(name))).all()
                out[name] = sorted(tuple(map(str, r)) for r in rows)
        return out
    finally:
        engine.dispose()


@contextmanager
def _fresh(kind: str, tmp_path: Path) -> Iterator[StoreSettings]:
    """An empty store of the same kind, as on a new machine."""
    if kind == "sqlite":
        yield StoreSettings(url=f"sqlite:///{tmp_path / 'restored' / 'yuqing.db'}")
        return
    url = os.environ["YUQING_TEST_PG_URL"]
    name = f"yuqing_restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield StoreSettings(url=f"{url.rpartition('/')[0]}/{name}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_round_trip(store_settings: StoreSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kind = "sqlite" if store_settings.url.startswith("sqlite") else "postgresql"
    seed(store_settings, profile_for("city-gov"),
         [scored(f"backup-{n}", title=f"第{n}条: 小区供暖不热", grade=("一般", "重大")[n % 2]) for n in range(6)])
    secret = install_secret(store_settings, RECEIPT_SECRET)
    before = _snapshot(store_settings)
    assert sum(len(rows) for rows in before.values()) > 30, "a store with items, cases, clocks and notifications"

    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store_settings.url}"\n', "utf-8")
    (tmp_path / "backups").mkdir()
    assert main(["--config", str(config), "backup", str(tmp_path / "backups")]) == 0
    [file] = (tmp_path / "backups").iterdir()
    assert "备份完成" in capsys.readouterr().out

    with _fresh(kind, tmp_path) as target:
        other = tmp_path / "target.toml"
        other.write_text(f'[store]\nurl = "{target.url}"\n', "utf-8")
        assert main(["--config", str(other), "restore", str(file)]) == 0
        assert _snapshot(target) == before
        assert install_secret(target, RECEIPT_SECRET) == secret, "receipt links stay valid after a restore"
        # A second restore would overwrite data: refused unless forced.
        assert main(["--config", str(other), "restore", str(file)]) == 1
        assert "--force" in capsys.readouterr().err
        assert main(["--config", str(other), "restore", str(file), "--force"]) == 0
        assert _snapshot(target) == before


def test_refusals(sqlite_settings: StoreSettings, tmp_path: Path) -> None:
    done = backup(sqlite_settings, tmp_path / "one.db")
    with pytest.raises(BackupError, match="已存在"):
        backup(sqlite_settings, done.path)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup")
    with pytest.raises(BackupError, match="不是"):
        restore(StoreSettings(url=f"sqlite:///{tmp_path / 'x.db'}"), junk)
    with pytest.raises(BackupError, match="跨数据库"):
        restore(StoreSettings(url="postgresql+psycopg://u:p@127.0.0.1:1/x"), done.path)
    with pytest.raises(BackupError, match="运行"):
        restore(StoreSettings(url=f"sqlite:///{tmp_path / 'y.db'}"), done.path, running=2)
