"""``yuqing status``: what runs, what lags, what flows; as text or JSON, with an exit code for scripts.

Exit codes: 0 all well; 1 something needs an operator (a stage is down, a stage lags beyond
``[ops] max_lag``, no item has arrived for ``[ops] max_silence_minutes``, the broker or the
store does not answer); 2 the settings are wrong.
"""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from core import topics
from core.contracts import ContractError, DeadLetter, decode
from core.errors import BrokerUnavailable
from core.kafka import highwaters, read_topic, wait_for_broker
from core.settings import KafkaSettings, OpsSettings, StoreSettings
from core.stage import group_for
from yuqing.stack import STAGE_INPUTS

# The stages that must run for items to flow (the console is reported, not required).
REQUIRED = ("collectors", "classifier", "router")

OK, NEEDS_OPERATOR = 0, 1


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def kafka_report(kafka: KafkaSettings, problems: list[str]) -> tuple[dict[str, Any], dict[str, Any],
                                                                      dict[str, Any]]:
    """Topic sizes, stage lags and the latest dead letters (a null or foreign message is counted, not fatal)."""
    counts: dict[str, Any] = {}
    stages: dict[str, Any] = {}
    dead: dict[str, Any] = {"latest": {}, "unreadable": 0}
    try:
        wait_for_broker(msgspec.structs.replace(kafka, connect_timeout_s=5)).close()
        for topic in topics.ALL:
            counts[topic.name] = sum(p.highwater for p in highwaters(kafka, topic.name))
        for stage, topic in STAGE_INPUTS.items():
            parts = highwaters(kafka, topic, group_for(stage))
            stages[stage] = {"input": topic, "lag": sum(p.lag for p in parts),
                             "committed": sum(p.committed for p in parts)}
        for raw in read_topic(kafka, topics.DEAD_LETTER.name, timeout_s=10, last=100):
            if not raw:
                dead["unreadable"] += 1  # a tombstone (null value): nothing to show
                continue
            try:
                letter = decode(raw, DeadLetter)
            except ContractError:
                dead["unreadable"] += 1
                continue
            dead["latest"][letter.stage] = {"at": _iso(letter.failed_at), "topic": letter.topic,
                                            "partition": letter.partition, "offset": letter.offset,
                                            "error": letter.error[:500]}
        dead["count"] = counts.get(topics.DEAD_LETTER.name, 0)
    except BrokerUnavailable as exc:
        problems.append(f"Kafka 不可达: {kafka.bootstrap_servers}")
        return {"reachable": False, "error": str(exc)}, stages, dead
    return {"reachable": True, "topics": counts}, stages, dead


def services_report(store: StoreSettings, ops: OpsSettings, problems: list[str],
                    now: datetime) -> dict[str, Any]:
    from store.heartbeats import instances

    try:
        found = instances(store, ops.heartbeat_s, now)
    except SQLAlchemyError as exc:
        problems.append(f"存储不可用: {type(exc).__name__}")
        return {"error": f"store unavailable: {type(exc).__name__}"}
    services: dict[str, Any] = {}
    for name in (*REQUIRED, "console", "supervisor"):
        mine = [i for i in found if i.service == name]
        alive = [i for i in mine if i.alive]
        services[name] = {
            "running": len(alive), "last_seen": _iso(max((i.last_seen for i in mine), default=None)),
            "instances": [{"instance": i.instance, "alive": i.alive, "last_seen": _iso(i.last_seen),
                           "started_at": _iso(i.started_at), "metrics": i.metrics_url, **i.detail} for i in mine]}
        if name in REQUIRED and not alive:
            problems.append(f"{name} 未运行 (无 {max(30.0, 3 * ops.heartbeat_s):.0f}s 内的心跳)")
    return services


def flow_report(store: StoreSettings, ops: OpsSettings, services: dict[str, Any], problems: list[str],
                now: datetime) -> dict[str, Any]:
    """When the newest item arrived; silence beyond the limit is a problem once the collectors have had time."""
    from store.db import make_engine, sessions
    from store.tables import ItemRow

    engine = make_engine(store)
    try:
        with sessions(engine)() as session:
            newest = session.scalar(select(func.max(ItemRow.fetched_at)))
            total = session.scalar(select(func.count()).select_from(ItemRow))
    except SQLAlchemyError as exc:
        return {"error": f"store unavailable: {type(exc).__name__}"}
    finally:
        engine.dispose()
    limit = timedelta(minutes=ops.max_silence_minutes)
    newest = newest if newest is None or newest.tzinfo else newest.replace(tzinfo=UTC)
    silent = (now - newest) if newest is not None else None
    report = {"items": int(total or 0), "last_item_at": _iso(newest),
              "silent_minutes": round(silent.total_seconds() / 60, 1) if silent is not None else None,
              "max_silence_minutes": ops.max_silence_minutes}
    started = [datetime.fromisoformat(i["started_at"]) for i in services.get("collectors", {}).get("instances", [])
               if i.get("alive") and i.get("started_at")]
    collecting_for = (now - min(started)) if started else None
    if silent is not None and silent > limit:
        problems.append(f"已 {silent.total_seconds() / 60:.0f} 分钟没有新信息入库 "
                        f"(上限 {ops.max_silence_minutes:.0f} 分钟)")
    elif newest is None and collecting_for is not None and collecting_for > limit:
        problems.append(f"采集器已运行 {collecting_for.total_seconds() / 60:.0f} 分钟, 仍无任何信息入库")
    return report


def sources_report(store: StoreSettings, ops: OpsSettings, now: datetime) -> Any:
    try:
        module = importlib.import_module("collectors.health")
    except ModuleNotFoundError:
        return "不可用 (模块未安装)"
    try:
        rows = module.summary(store)
    except SQLAlchemyError as exc:
        return f"存储不可用: {type(exc).__name__}"
    limit = timedelta(minutes=ops.max_silence_minutes)
    for row in rows:
        last = datetime.fromisoformat(row["last_poll"]) if row.get("last_poll") else None
        if last is None or now - last > limit:
            # Healthy when last polled, but nobody has polled it since: say so.
            row["status"] = "未在轮询"
    return rows


def collect(store: StoreSettings, kafka: KafkaSettings, ops: OpsSettings, config: Path | None,
            now: datetime | None = None) -> dict[str, Any]:
    moment = now or datetime.now(UTC)
    problems: list[str] = []
    warnings: list[str] = []
    broker, stages, dead = kafka_report(kafka, problems)
    for stage, value in stages.items():
        if value["lag"] > ops.max_lag:
            problems.append(f"{stage} 积压 {value['lag']} 条 (上限 {ops.max_lag})")
    services = services_report(store, ops, problems, moment)
    flow = flow_report(store, ops, services, problems, moment)
    sources = sources_report(store, ops, moment)
    try:
        cases: Any = importlib.import_module("router.cases").summary(store)
    except ModuleNotFoundError:
        cases = "不可用 (模块未安装)"
    try:
        from router.calendar_status import for_config, past_warning

        calendar: dict[str, Any] = for_config(config, store=store)
        past = past_warning(calendar.get("past") or {})
    except ModuleNotFoundError:
        calendar, past = {}, ""
    if calendar.get("warning"):
        warnings.append(str(calendar["warning"]))
    if past:
        warnings.append(past)
    return {"ok": not problems, "checked_at": moment.isoformat(), "problems": problems, "warnings": warnings,
            "kafka": broker, "stages": stages, "dead_letters": dead, "services": services, "flow": flow,
            "sources": sources, "cases": cases, "calendar": calendar}


def exit_code(report: dict[str, Any]) -> int:
    return OK if report["ok"] else NEEDS_OPERATOR


def print_text(report: dict[str, Any]) -> None:
    print("== 总体 ==")
    print("  ✓ 正常" if report.get("ok") else "  ✗ 需要处理:")
    for problem in report.get("problems", []):
        print(f"    - {problem}")
    for warning in report.get("warnings", []):
        print(f"  ⚠ {warning}")
    print("== Kafka 主题 (消息数) ==")
    kafka = report["kafka"]
    for name, value in (kafka.get("topics") or {}).items():
        print(f"  {name:<14} {value}")
    if kafka and not kafka.get("reachable"):
        print(f"  {kafka.get('error')}")
    print("== 服务 ==")
    services = report.get("services")
    for name, value in services.items() if isinstance(services, dict) else ():
        if not isinstance(value, dict):
            continue
        urls = ", ".join(i["metrics"] for i in value["instances"] if i.get("alive") and i.get("metrics"))
        print(f"  {name:<12} 运行 {value['running']}  最近心跳 {value['last_seen'] or '-'}"
              + (f"  指标 {urls}" if urls else ""))
    print("== 阶段积压 (lag) ==")
    for stage, value in report["stages"].items():
        print(f"  {stage:<12} 输入 {value['input']:<13} 积压 {value['lag']:>6}  已提交 {value['committed']}")
    dead = report.get("dead_letters") or {}
    for stage, letter in dead.get("latest", {}).items():
        print(f"  {stage:<12} 最近错误 {letter['at']} ({letter['topic']}/{letter['partition']}@{letter['offset']}): "
              f"{letter['error'][:200]}")
    if dead.get("unreadable"):
        print(f"  死信主题中有 {dead['unreadable']} 条无法解读的消息 (空值或非本系统格式)")
    flow = report.get("flow") or {}
    print("== 信息流 ==")
    print(f"  入库 {flow.get('items', '-')} 条, 最新 {flow.get('last_item_at') or '-'}"
          + (f" ({flow['silent_minutes']} 分钟前)" if flow.get("silent_minutes") is not None else ""))
    print("== 信息源健康 ==")
    sources = report["sources"]
    if isinstance(sources, list):
        for row in sources:
            print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
    else:
        print(f"  {sources}")
    calendar = report.get("calendar") or {}
    print("== 工作日历 ==")
    if calendar.get("warning"):
        print(f"  {calendar['warning']}")
    elif "error" in calendar:
        print(f"  ⚠ 无法读取策略的工作日历: {calendar['error']}")
    elif calendar:
        print(f"  {calendar.get('profile')}: {calendar.get('covers_from')} ～ {calendar.get('covers_to')} "
              f"({calendar.get('file')})")
    print("== 案件 ==")
    cases = report["cases"]
    if isinstance(cases, dict):
        for k, v in cases.items():
            print(f"  {k}: {v}")
    else:
        print(f"  {cases}")
