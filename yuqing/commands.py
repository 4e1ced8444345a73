"""Stack-wide commands: ``up``, ``demo``, ``topics``, ``status``, ``check``, ``migrate``."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from core import logs, metrics, topics
from core.errors import BrokerUnavailable, ConfigError
from core.kafka import highwaters, wait_for_broker
from core.settings import (
    SERVICE_TABLES,
    KafkaSettings,
    LogSettings,
    OpsSettings,
    StoreSettings,
    load,
    read_file,
    redacted,
)

# The settings struct of each service table, checked by ``yuqing check``.
SERVICE_SETTINGS: dict[str, str] = {
    "collectors": "collectors.settings:CollectorSettings",
    "classifier": "classifier.settings:ClassifierSettings",
    "router": "router.settings:RouterSettings",
    "console": "console.settings:ConsoleSettings",
}


class StackSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What the supervisor and the operator commands need: the shared tables only."""

    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()
    ops: OpsSettings = OpsSettings()


def _config(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if getattr(args, "config", None) else None


def register(sub: argparse._SubParsersAction) -> None:
    up = sub.add_parser("up", help="启动本地全套服务: 嵌入式代理 + 各阶段进程 (Ctrl-C 停止); 已在运行时报告"
                                   "各服务状态, 只启动未运行的服务")
    up.add_argument("--sources", help="sources file for the collectors")
    up.add_argument("--external-kafka", action="store_true",
                    help="use [kafka] bootstrap_servers instead of starting the embedded broker")
    up.set_defaults(func=cmd_up)

    demo = sub.add_parser("demo", help="离线演示: 本地示例信息源 → 采集 → 研判 → 转办, 显示生成的案件")
    demo.add_argument("--workdir", default="var/demo", help="where the demo keeps its store and logs")
    demo.add_argument("--keep-running", action="store_true",
                      help="keep the stack running after the demo, with the web console and demo accounts")
    demo.add_argument("--timeout", type=float, default=240.0,
                      help="seconds to wait for all cases (with --keep-running: it runs on until Ctrl-C)")
    demo.add_argument("--console-port", type=int, default=None,
                      help="port of the web console with --keep-running (default: a free port)")
    demo.set_defaults(func=cmd_demo)

    topics_cmd = sub.add_parser("topics", help="创建并列出流水线主题 (分区数与消息数), 对照配置显示差异")
    topics_cmd.add_argument("--apply", action="store_true",
                            help="grow partitions and set topic configs to the settings (never shrinks)")
    topics_cmd.set_defaults(func=cmd_topics)

    status = sub.add_parser("status", help="各服务是否在运行、积压、信息流、信息源健康与案件概况; "
                                           "退出码 0 正常, 1 需要处理 (阶段停止/积压/长时间无新信息), 2 配置错误")
    status.add_argument("--json", action="store_true", help="machine-readable report (for scripts and monitoring)")
    status.set_defaults(func=cmd_status)

    check = sub.add_parser("check", help="严格校验配置文件 (未知键即错误), 不启动任何服务")
    check.add_argument("file", nargs="?", help="settings file (TOML); default: --config")
    check.set_defaults(func=cmd_check)

    migrate_cmd = sub.add_parser("migrate", help="把存储升级到最新的表结构")
    migrate_cmd.set_defaults(func=cmd_migrate)

    health = sub.add_parser("health", help="健康检查 (容器探针): 存储、代理, 以及可选的 HTTP 地址")
    health.add_argument("--no-kafka", action="store_true", help="skip the broker (services that do not use it)")
    health.add_argument("--http", help="also GET this URL (e.g. the console's /login) and expect 200")
    health.add_argument("--timeout", type=float, default=5.0, help="seconds per check")
    health.set_defaults(func=cmd_health)

    prune_cmd = sub.add_parser("prune", help="按 [ops] keep_*_days 清理过期数据 (路由服务也会定期自动执行)")
    prune_cmd.set_defaults(func=cmd_prune)

    backup_cmd = sub.add_parser("backup", help="备份存储 (SQLite 在线备份 / pg_dump), 服务运行时亦可")
    backup_cmd.add_argument("target", help="backup file, or a folder to write a dated file into")
    backup_cmd.set_defaults(func=cmd_backup)

    restore_cmd = sub.add_parser("restore", help="从备份恢复存储 (先停止各服务); 目标已有数据时需 --force")
    restore_cmd.add_argument("source", help="a file written by yuqing backup")
    restore_cmd.add_argument("--force", action="store_true",
                             help="overwrite a store that holds data, even with services running")
    restore_cmd.set_defaults(func=cmd_restore)


def _stack_settings(args: argparse.Namespace) -> StackSettings:
    return load(StackSettings, None, _config(args))  # a ConfigError: "配置错误", exit code 2


def cmd_up(args: argparse.Namespace) -> int:
    from yuqing.stack import Stack, StackRunning, StageSpec, join_running, stage_command

    settings = _stack_settings(args)
    logs.configure(settings.log.level, settings.log.json, stage="supervisor")
    config = _config(args)
    collector_extra = ("--sources", args.sources) if args.sources else ()
    stages = [
        StageSpec("collectors", stage_command(config, "collectors", *collector_extra)),
        StageSpec("classifier", stage_command(config, "classifier")),
        StageSpec("router", stage_command(config, "router")),
        StageSpec("dead-letters", stage_command(config, "dead-letters", "keep")),
        StageSpec("console", stage_command(config, "console"), needs_broker=False),
    ]
    stack = Stack(stages=stages, store=settings.store, kafka=settings.kafka if args.external_kafka else None,
                  embedded_port=None if args.external_kafka else _embedded_port(settings.kafka),
                  log_max_bytes=int(settings.log.file_max_mb * 1024 * 1024), log_backups=settings.log.file_backups)
    stack.install_signal_handlers()
    ops = None
    try:
        stack.start()
        ops = metrics.ServiceOps("supervisor", settings.ops, settings.store)
        stack.run()
    except StackRunning as exc:
        # A second `yuqing up`: report what runs and have the running supervisor start what is missing.
        if args.sources or args.external_kafka:
            print("注意: 本次的 --sources / --external-kafka 不改变已在运行的服务 (须先停止它再启动)", file=sys.stderr)
        return join_running(exc, sys.stdout)
    except BrokerUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        stack.shutdown()
        if ops is not None:
            ops.stop()
    return 0


def _embedded_port(kafka: KafkaSettings) -> int | None:
    """The configured local port for the embedded broker, so that the other commands find it there."""
    host, _, port = kafka.servers[0].rpartition(":")
    if host not in ("127.0.0.1", "localhost"):
        return None
    # When it is taken (for a few seconds by the broker of a supervisor that just died), the
    # supervisor waits for it, then takes a free port and says so.
    return int(port)


def cmd_demo(args: argparse.Namespace) -> int:
    from yuqing.demo import run_demo

    if args.console_port is not None and not 0 < args.console_port < 65536:
        print("✗ --console-port 须在 1–65535 之间", file=sys.stderr)
        return 2
    return run_demo(Path(args.workdir), keep_running=args.keep_running, timeout_s=args.timeout,
                    console_port=args.console_port)


def cmd_topics(args: argparse.Namespace) -> int:
    settings = _stack_settings(args)
    try:
        admin = wait_for_broker(settings.kafka)
    except BrokerUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        created = topics.ensure_topics(admin, settings=settings.kafka)
        changes = topics.plan(admin, settings.kafka)
        done, failed = (topics.apply(admin, [c for c in changes if c.possible], settings.kafka)
                        if args.apply else ([], []))
    finally:
        admin.close()
    for spec in topics.specs(settings.kafka):
        count = sum(p.highwater for p in highwaters(settings.kafka, spec.name))
        mark = " (新建)" if spec.name in created else ""
        print(f"{spec.name:<14} 分区 {spec.partitions:>2}  副本 {spec.replication}  "
              f"最少同步 {spec.min_insync_replicas}  消息 {count:>8}  {spec.description}{mark}")
    refused = dict(failed)
    for change in changes:
        if change in done:
            state = "已调整"
        elif change in refused:
            state = f"代理拒绝: {refused[change]}"
        else:
            state = "无法原地调整 (见 deploy/README.md)" if not change.possible else "待调整 (--apply)"
        print(f"  {change.topic}: {change.what} {change.current} → {change.wanted}  {state}")
    return 1 if refused or any(not c.possible for c in changes) else 0


def cmd_status(args: argparse.Namespace) -> int:
    from yuqing import status

    settings = _stack_settings(args)
    report = status.collect(settings.store, settings.kafka, settings.ops, _config(args))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    else:
        status.print_text(report)
    return status.exit_code(report)


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file else _config(args)
    if path is None:
        print("用法: yuqing check FILE (或 yuqing --config FILE check)", file=sys.stderr)
        return 2
    errors: list[str] = []
    try:
        data = read_file(path)
    except ConfigError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    empty: dict[str, str] = {}
    try:
        stack = load(StackSettings, None, path, environ=empty)
        print(f"✓ 共享配置: {redacted(stack)}")
    except ConfigError as exc:
        errors.append(str(exc))
    schemes: dict[str, str] = {}
    profiles: list[str] = []
    for table in SERVICE_TABLES:
        module_name, _, cls_name = SERVICE_SETTINGS[table].partition(":")
        try:
            cls = getattr(importlib.import_module(module_name), cls_name)
        except ModuleNotFoundError:
            if table in data:
                errors.append(f"{path}: table [{table}] given but its service is not installed")
            continue
        try:
            loaded = load(cls, table, path, environ=empty)
            print(f"✓ [{table}]: {redacted(loaded).get(table, '') or 'ok'}")
        except ConfigError as exc:
            errors.append(str(exc))
            continue
        if table in data:
            errors.extend(_references(path, table, loaded))
        errors.extend(_check_keywords(table, loaded))
        if getattr(loaded, "keywords", ""):
            schemes[table] = str(Path(loaded.keywords).resolve())
        if isinstance(getattr(loaded, "profile", None), str):
            profiles.append(loaded.profile)
    if len(set(schemes.values())) > 1:
        # The classifier grades by one scheme, the console shows analysts another: never what anyone means.
        errors.append(f"{path}: keywords: the tables name different schemes ("
                      + ", ".join(f"[{t}] {p}" for t, p in schemes.items()) + "); name one file in each")
    for error in errors:
        print(f"✗ {error}", file=sys.stderr)
    _calendar_warnings(dict.fromkeys(profiles))
    return 1 if errors else 0


def _calendar_warnings(profiles: Iterable[str]) -> None:
    """A warning (not an error) for each profile whose holiday file runs out within its ``warn_days``."""
    try:
        from router.calendar_status import coverage
    except ModuleNotFoundError:
        return
    for name in profiles:
        status = coverage(name)
        if status.get("warning"):
            print(f"{status['warning']}（策略 {name}，提前 {status['warn_days']} 天提醒：calendar.warn_days）")


def _references(path: Path, table: str, loaded: Any) -> list[str]:
    """What a service would refuse at start beyond its own keys: the profile it names (with its
    grading rules), the sources file."""
    from policies import UnknownProfile, profile_dir

    errors: list[str] = []
    name = getattr(loaded, "profile", None)
    if isinstance(name, str):
        try:
            from router import policy

            policy.load(profile_dir(name))
        except UnknownProfile as exc:
            errors.append(f"{path}: [{table}] profile {name!r}: {exc}")
        except ConfigError as exc:
            errors.append(f"{path}: [{table}] profile {name!r}: {exc}")
    sources_file = getattr(loaded, "sources", None)
    if table == "collectors" and isinstance(sources_file, str):
        from collectors import sources

        try:
            sources.load(Path(sources_file))
        except ConfigError as exc:
            errors.append(f"{path}: [collectors] sources: {exc}")
    return errors


def _check_keywords(table: str, loaded: Any) -> list[str]:
    """The keyword scheme a table names (``keywords = "…"``), parsed strictly: file, line and column."""
    path = getattr(loaded, "keywords", "")
    if not path:
        return []
    from core import keywords

    try:
        scheme = keywords.load(path)
    except ConfigError as exc:
        return [f"[{table}] keywords: {exc}"]
    print(f"✓ [{table}] keywords: {path}: 方案“{scheme.name}”，{len(scheme.groups)} 个词组，"
          f"{len(scheme.rules)} 条规则，展开为 {len(scheme.queries())} 个搜索词")
    return []


def cmd_migrate(args: argparse.Namespace) -> int:
    from store.db import current_heads, migrate

    settings = _stack_settings(args)
    migrate(settings.store)
    print(f"存储已升级: {redacted(settings.store)['url']} → {sorted(current_heads(settings.store))}")
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """A container probe: exit 0 when the store answers at the newest schema, the broker answers
    and (with --http) the URL answers 200; else print what failed and exit 1."""
    import urllib.request

    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from store.db import alembic_config, current_heads, make_engine

    settings = _stack_settings(args)
    failures: list[str] = []
    try:
        engine = make_engine(settings.store)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        expected = set(ScriptDirectory.from_config(alembic_config(settings.store.url)).get_heads())
        if current_heads(settings.store) != expected:
            failures.append("存储表结构不是最新 (run yuqing migrate)")
    except Exception as exc:  # noqa: BLE001 - a probe reports every failure as unhealthy
        failures.append(f"存储不可用: {type(exc).__name__}: {exc}")
    if not args.no_kafka:
        try:
            wait_for_broker(msgspec.structs.replace(settings.kafka, connect_timeout_s=args.timeout),
                            "health").close()
        except BrokerUnavailable as exc:
            failures.append(str(exc))
    if args.http:
        try:
            with urllib.request.urlopen(args.http, timeout=args.timeout) as response:
                if response.status != 200:
                    failures.append(f"{args.http}: HTTP {response.status}")
        except OSError as exc:
            failures.append(f"{args.http}: {exc}")
    for failure in failures:
        print(f"✗ {failure}", file=sys.stderr)
    if not failures:
        print("✓ healthy")
    return 1 if failures else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from yuqing.backup import BackupError, backup

    settings = _stack_settings(args)
    try:
        done = backup(settings.store, Path(args.target))
    except BackupError as exc:
        print(f"✗ 备份失败: {exc}", file=sys.stderr)
        return 1
    print(f"✓ 备份完成: {done.path} ({done.bytes / 1e6:.1f} MB, {done.tables} 张表)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from store.heartbeats import instances
    from yuqing.backup import BackupError, restore

    settings = _stack_settings(args)
    try:
        running = sum(1 for i in instances(settings.store, settings.ops.heartbeat_s) if i.alive)
    except SQLAlchemyError:
        running = 0  # a fresh store: no table of heartbeats yet
    try:
        done = restore(settings.store, Path(args.source), force=args.force, running=running)
    except BackupError as exc:
        print(f"✗ 恢复失败: {exc}", file=sys.stderr)
        return 1
    print(f"✓ 已从 {done.path} 恢复存储 {redacted(settings.store)['url']} ({done.tables} 张表); 可重新启动各服务")
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from router.cases import OPEN
    from store.db import make_engine, sessions
    from store.retention import prune

    settings = _stack_settings(args)
    engine = make_engine(settings.store)
    try:
        done = prune(sessions(engine), settings.ops, OPEN)
    finally:
        engine.dispose()
    names = {"seen_payload": "采集副本 (已入库)", "item_text": "过期正文", "scores": "过期研判结果",
             "closed_cases": "过期办结案件", "audit": "过期审计日志", "ops_alerts": "过期运维告警",
             "heartbeats": "过期心跳"}
    if not done.counts:
        print("✓ 没有需要清理的数据")
    for key, count in sorted(done.counts.items()):
        print(f"✓ {names.get(key, key)}: {count}")
    return 0
