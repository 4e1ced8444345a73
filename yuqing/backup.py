"""``yuqing backup`` / ``yuqing restore``: the store with the databases' own tools.

SQLite: the online backup API (a consistent copy while the services write; WAL included),
checked with ``PRAGMA integrity_check``. PostgreSQL: ``pg_dump --format=custom``, checked with
``pg_restore --list``; restored with ``pg_restore --clean --if-exists --single-transaction``.
The password goes to the tools in their environment (PGPASSWORD), never on a command line.

A restore refuses a store that has data, or services still beating, unless ``--force``; after it
the schema is brought up to date (a backup of an older version restores too). The install's
generated secrets travel with the store, so receipt links and sessions stay valid.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from core.settings import StoreSettings
from store.db import make_engine, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore that did not happen; the message says why, in words for the operator."""


@dataclass(frozen=True, slots=True)
class Done:
    path: Path
    bytes: int
    tables: int


def _is_sqlite(store: StoreSettings) -> bool:
    return store.url.startswith("sqlite")


def sqlite_path(store: StoreSettings) -> Path:
    database = make_url(store.url).database
    if not database or database == ":memory:":
        raise BackupError("内存中的 SQLite 存储无法备份")
    return Path(database)


def _libpq(store: StoreSettings) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries it."""
    url = make_url(store.url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"找不到 {name}: 请安装 PostgreSQL 客户端 (Debian: apt-get install postgresql-client)")
    return found


def _run(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} 失败 (退出码 {done.returncode}): {done.stderr.strip()[-1500:]}")


def default_name(store: StoreSettings) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"yuqing-{stamp}.{'db' if _is_sqlite(store) else 'pgdump'}"


def _table_count(store: StoreSettings) -> int:
    engine = make_engine(store)
    try:
        return len(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def backup(store: StoreSettings, target: Path) -> Done:
    """Write a backup of ``store`` to ``target`` (a file, or a folder to put a dated file in)."""
    if target.is_dir():
        target = target / default_name(store)
    if target.exists():
        raise BackupError(f"{target} 已存在: 备份不覆盖已有文件")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    if _is_sqlite(store):
        source = sqlite_path(store)
        if not source.exists():
            raise BackupError(f"存储文件 {source} 不存在")
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30) as src, \
                sqlite3.connect(partial) as dst:
            src.backup(dst, pages=1024)
            # One self-contained file: no WAL beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            partial.unlink(missing_ok=True)
            raise BackupError(f"备份文件完整性检查未通过: {verdict}")
    else:
        url, env = _libpq(store)
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
              f"--dbname={url}"], env)
        _run([_tool("pg_restore"), "--list", str(partial)], env)
    partial.replace(target)
    return Done(target, target.stat().st_size, _table_count(store))


def _kind(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} 不是 yuqing backup 生成的备份 (既非 SQLite 也非 pg_dump 格式)")


def has_data(store: StoreSettings) -> bool:
    """Whether the store holds any collected item or case (an empty, migrated store does not)."""
    engine = make_engine(store)
    try:
        names = set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            return any(conn.execute(text(f"SELECT 1 FROM {t} LIMIT 1")).first() is not None
                       for t in ("items", "cases", "console_users") if t in names)
    finally:
        engine.dispose()


def restore(store: StoreSettings, source: Path, force: bool = False, running: int = 0) -> Done:
    """Replace the contents of ``store`` with the backup ``source``; ``running``: live service instances."""
    if not source.is_file():
        raise BackupError(f"备份文件 {source} 不存在")
    kind = _kind(source)
    expected = "sqlite" if _is_sqlite(store) else "postgresql"
    if kind != expected:
        raise BackupError(f"{source} 是 {kind} 备份, 而存储是 {expected}: 不能跨数据库恢复")
    if running and not force:
        raise BackupError(f"仍有 {running} 个服务实例在运行 (心跳): 先停止它们, 或加 --force")
    exists = not _is_sqlite(store) or sqlite_path(store).exists()
    if exists and not force and has_data(store):
        raise BackupError("目标存储中已有数据: 恢复会覆盖它们; 确认后加 --force")
    if kind == "sqlite":
        target = sqlite_path(store)
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target, timeout=30) as dst:
            src.backup(dst, pages=1024)
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(f"恢复后的存储完整性检查未通过: {verdict}")
    else:
        url, env = _libpq(store)
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={url}", str(source)], env)
    migrate(store)
    return Done(source, source.stat().st_size, _table_count(store))
