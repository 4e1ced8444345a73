"""``yuqing collectors`` (the service) and ``yuqing sources check`` (validate, dry-run one poll)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import msgspec

from core.errors import ConfigError


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("collectors", help="运行采集服务 (run the collectors)")
    run.add_argument("--sources", help="信源配置 YAML (overrides [collectors] sources)")
    run.add_argument("--once", action="store_true", help="每个信源只采集一次 (poll each source once, then exit)")
    run.set_defaults(func=_run)

    src = subparsers.add_parser("sources", help="信源配置 (source registry)")
    sub = src.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    check = sub.add_parser("check", help="校验信源配置，可试采一个信源 (validate; dry-run one poll)")
    check.add_argument("file", help="信源配置 YAML")
    check.add_argument("--poll", metavar="SOURCE_ID", help="试采该信源一次并打印将发布的条目，不发布")
    check.set_defaults(func=_check)

    fwd = subparsers.add_parser("forward", help="录入上级转办单 (enter a 转办单 onto items.raw)")
    fwd.add_argument("--from", dest="body", required=True, help="转办单位，如 省局、市委网信办")
    fwd.add_argument("--title", required=True)
    fwd.add_argument("--text", help="转办内容 (或 --file)")
    fwd.add_argument("--file", help="UTF-8 文本文件，内容为转办内容")
    fwd.add_argument("--url", default="", help="原帖或原报道地址")
    fwd.add_argument("--instruction", default="", help="转办意见，如 请核实处理并主动回应")
    fwd.add_argument("--region", help="属地行政区划代码，如 360902")
    fwd.add_argument("--number", default="", help="转办单编号 (同一编号只录入一次)")
    fwd.add_argument("--dry-run", action="store_true", help="只打印将发布的消息，不发布")
    fwd.set_defaults(func=_forward)


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from collectors.settings import CollectorSettings
    from core import settings as core_settings

    loaded = core_settings.load(CollectorSettings, "collectors", Path(args.config) if args.config else None)
    if getattr(args, "sources", None):
        loaded = msgspec.structs.replace(loaded, sources=args.sources)
    return loaded


def _settings_or_none(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The settings, or None once the configuration error is printed for the operator."""
    try:
        return _settings(args)
    except ConfigError as exc:
        print(f"配置错误: {exc}", file=sys.stderr)
        return None


def _run(args: argparse.Namespace) -> int:
    from collectors import service
    from core.logs import configure

    settings = _settings_or_none(args)
    if settings is None:
        return 2
    configure(settings.log.level, settings.log.json, stage="collectors")
    import threading

    from core.shutdown import stop_on_signals

    stop = threading.Event()
    stop_on_signals(stop)
    from core import metrics

    ops = None if args.once else metrics.start("collectors", Path(args.config) if args.config else None,
                                               settings.store, settings.kafka)
    try:
        service.run(settings, stop=stop, once=args.once)
    except ConfigError as exc:
        print(f"配置错误: {exc}", file=sys.stderr)
        return 2
    finally:
        if ops is not None:
            ops.stop()
    return 0


def _check(args: argparse.Namespace) -> int:
    from collectors import sources

    try:
        loaded = sources.load(args.file)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"信源配置有效: {len(loaded)} 个信源 ({args.file})")
    for item in loaded:
        spec = item.spec
        state = "启用" if spec.enabled else "停用"
        print(f"  {spec.id:<24} {spec.kind:<9} 每 {spec.interval_s:g}s  {spec.tier:<11} {spec.region or '-':<8} "
              f"{state}  {spec.name}")
    if not args.poll:
        return 0
    chosen = [s for s in loaded if s.spec.id == args.poll]
    if not chosen:
        print(f"没有 id 为 {args.poll!r} 的信源", file=sys.stderr)
        return 2
    settings = _settings_or_none(args)
    if settings is None:
        return 2
    from collectors.dryrun import dry_poll
    from core.contracts import encode

    if chosen[0].spec.kind == "search":
        _print_search_plan(settings, chosen[0])
    found, outcome = asyncio.run(dry_poll(settings, chosen[0]))
    for raw in found:
        sys.stdout.write(encode(raw).decode("utf-8") + "\n")
    for problem in outcome.problems:
        print(f"问题: {problem.reason}", file=sys.stderr)
    if outcome.failure is not None:
        print(f"采集失败: {outcome.failure}", file=sys.stderr)
        return 1
    print(f"试采完成: 解析到 {outcome.found} 条，将发布 {len(found)} 条 (未发布任何内容)", file=sys.stderr)
    return 0


def _forward(args: argparse.Namespace) -> int:
    from collectors.forwarded import Forwarded, ForwardError, to_item
    from collectors.publish import KafkaPublisher
    from core.contracts import encode
    from core.textfile import TextFileError, read_text

    try:
        text = read_text(Path(args.file)) if args.file else (args.text or "")
        item = to_item(Forwarded(body=args.body, title=args.title, text=text, url=args.url,
                                 instruction=args.instruction, region=args.region, number=args.number))
    except (ForwardError, TextFileError, OSError) as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    if args.dry_run:
        sys.stdout.write(encode(item).decode("utf-8") + "\n")
        return 0
    settings = _settings_or_none(args)
    if settings is None:
        return 2
    publisher = KafkaPublisher(settings.kafka)
    try:
        sent, refused, failure = publisher.publish([item])
    finally:
        publisher.close()
    if refused:
        print(f"✗ 转办单被拒收: {refused[0][2]}", file=sys.stderr)
        return 2
    if failure is not None or not sent:
        print(f"✗ 转办单未能发布，可重试: {failure}", file=sys.stderr)
        return 1
    print(f"✓ 已录入{item.source.name}单 {item.id}：{item.title}")
    return 0


def _print_search_plan(settings, source) -> None:  # type: ignore[no-untyped-def]
    """What a search source costs: the expanded queries, which of them this poll runs, the load per hour."""
    from collectors.kinds import search

    plan = search.plan(source.spec, source.options, settings)
    template = search.template_of(source.spec, source.options)
    print(f"搜索模板: {template.url}", file=sys.stderr)
    for line in plan.describe():
        print(f"  {line}", file=sys.stderr)
    print(f"展开的搜索词 ({len(plan.queries)} 个，试采只跑前 {plan.per_poll} 个，即首次采集的一批):", file=sys.stderr)
    for index, query in enumerate(plan.queries):
        mark = "▶" if index < plan.per_poll else " "
        print(f"  {mark} {index + 1:>5}  {query.text}  〔规则 {query.rule}〕", file=sys.stderr)
