"""``yuqing router``, ``yuqing policy check``, ``yuqing route test`` and ``yuqing cases ...``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from core import logs
from core.errors import ConfigError
from core.settings import load as load_settings
from router.settings import RouterSettings
from router.timeutil import now as utcnow


def _config_path(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if getattr(args, "config", None) else None


def _settings(args: argparse.Namespace) -> RouterSettings:
    path = Path(args.config) if getattr(args, "config", None) else None
    try:
        return load_settings(RouterSettings, "router", path)
    except ConfigError as exc:
        raise SystemExit(f"配置错误: {exc}") from exc


def register(sub: argparse._SubParsersAction) -> None:
    router = sub.add_parser("router", help="转办服务: items.scored → 案件、时限、通知 (含投递与计时)")
    router.add_argument("--profile", help="policy profile name or folder (default: [router] profile)")
    router.set_defaults(func=cmd_router)

    pol = sub.add_parser("policy", help="策略配置 (profile.yaml)")
    pol_sub = pol.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    check = pol_sub.add_parser("check", help="严格校验策略配置: 未知键、未定义的部门/主题、不可达路由、重叠时限")
    check.add_argument("profiles", nargs="*", metavar="FILE_OR_NAME",
                       help="profile name, folder or profile.yaml (default: every shipped profile)")
    check.set_defaults(func=cmd_policy_check)

    route = sub.add_parser("route", help="路由")
    route_sub = route.add_subparsers(dest="route_command", required=True, metavar="ACTION")
    test = route_sub.add_parser("test", help="试路由: 打印路由路径、接收单位与时限, 不发送任何消息")
    test.add_argument("--profile", default=None, help="policy profile name or folder (default: [router] profile)")
    test.add_argument("--at", help="discovery time (ISO 8601, default now) for the deadlines")
    test.add_argument("labels", nargs="+", metavar="KEY=VALUE",
                      help="topic=住房 grade=重大 region=450721 source_kind=news source_tier=central text=...")
    test.set_defaults(func=cmd_route_test)

    cases = sub.add_parser("cases", help="案件: 列表、详情、签收、转办、会办、分级、审定、对外披露、回应、办结、评估")
    cases.add_argument("--profile", default=None, help="policy profile (default: [router] profile)")
    csub = cases.add_subparsers(dest="cases_command", required=True, metavar="ACTION")
    lst = csub.add_parser("list", help="案件列表")
    lst.add_argument("--status")
    lst.add_argument("--department")
    lst.add_argument("--grade")
    lst.add_argument("--open", action="store_true", help="only open cases")
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(func=cmd_cases)
    show = csub.add_parser("show", help="案件详情: 路由、时限、通知、审计记录")
    show.add_argument("case", type=int)
    show.set_defaults(func=cmd_cases)
    ack = csub.add_parser("ack", help="签收")
    ack.add_argument("case", type=int, nargs="?")
    ack.add_argument("--token", help="the token of a receipt link instead of a case number")
    ack.add_argument("--department", help="department that signs (default: the lead)")
    ack.add_argument("--by", default=None)
    ack.set_defaults(func=cmd_cases)
    for name, helptext in (("handle", "开始处置"), ("respond", "已回应"), ("close", "办结"), ("evaluate", "评估")):
        p = csub.add_parser(name, help=helptext)
        p.add_argument("case", type=int)
        p.add_argument("--by", required=True)
        p.add_argument("--note", default="", help="回应内容 / 处置总结 / 评估意见")
        p.set_defaults(func=cmd_cases)
    transfer = csub.add_parser("transfer", help="转办 (须写明理由)")
    transfer.add_argument("case", type=int)
    transfer.add_argument("--to", required=True, help="department id")
    transfer.add_argument("--reason", required=True)
    transfer.add_argument("--by", required=True)
    transfer.set_defaults(func=cmd_cases)
    assist = csub.add_parser("assist", help="会办: 设定协办单位")
    assist.add_argument("case", type=int)
    assist.add_argument("departments", nargs="*")
    assist.add_argument("--reason", default="")
    assist.add_argument("--by", required=True)
    assist.set_defaults(func=cmd_cases)
    grade = csub.add_parser("grade", help="调整分级 (须写明理由)")
    grade.add_argument("case", type=int)
    grade.add_argument("--to", required=True)
    grade.add_argument("--reason", required=True)
    grade.add_argument("--by", required=True)
    grade.set_defaults(func=cmd_cases)
    approve = csub.add_parser("approve", help="审定/审批/审核回应; 登记书面报告、会商研判意见、调查报告")
    approve.add_argument("case", type=int)
    approve.add_argument("approval", help="the step's id in the profile (e.g. caliber-press, coordination-report)")
    approve.add_argument("--note", required=True, help="审定意见 (同意的稿件或修改意见), 或报告、意见的内容")
    approve.add_argument("--department", help="the department on whose behalf it is given (checked)")
    approve.add_argument("--with", dest="participants", nargs="+", default=[], metavar="DEPT",
                         help="参加的部门 (会商研判)")
    approve.add_argument("--by", required=True)
    approve.set_defaults(func=cmd_cases)
    flag = csub.add_parser("flag", help="标记特殊情形 (把握不准、需市局协调、上级要求调查…): 其须办环节随之必需")
    flag.add_argument("case", type=int)
    flag.add_argument("flag", help="the flag's id in the profile (e.g. unsure)")
    flag.add_argument("--note", required=True, help="情况说明")
    flag.add_argument("--department", help="the department that raises it")
    flag.add_argument("--by", required=True)
    flag.set_defaults(func=cmd_cases)
    unflag = csub.add_parser("unflag", help="撤销误标的特殊情形 (须写明理由)")
    unflag.add_argument("case", type=int)
    unflag.add_argument("flag")
    unflag.add_argument("--reason", required=True)
    unflag.add_argument("--by", required=True)
    unflag.set_defaults(func=cmd_cases)
    disclose = csub.add_parser("disclose", help="登记接受媒体采访、对外披露信息: 由统一出口发布, 引用本案已审核的口径")
    disclose.add_argument("case", type=int)
    disclose.add_argument("--kind", required=True, help="方式, as the profile names it (e.g. 接受媒体采访)")
    disclose.add_argument("--caliber", required=True,
                          help="the cited 口径: a step's id given on the case (e.g. release-2, reply-3)")
    disclose.add_argument("--department", required=True, help="the department whose 网络发言人 spoke (checked)")
    disclose.add_argument("--content", required=True, help="披露要点: the facts and figures disclosed")
    disclose.add_argument("--media", default="", help="媒体或对象 (e.g. 云南日报记者)")
    disclose.add_argument("--by", required=True)
    disclose.set_defaults(func=cmd_cases)
    report = csub.add_parser("report", help="上报材料: 案件应报送的快报、《网上舆情》、专报、书面报告")
    report.add_argument("case", type=int)
    report.add_argument("--clock", help="only the report of this clock (e.g. phone-express)")
    report.set_defaults(func=cmd_cases)
    done = csub.add_parser("clock-done", help="标记某项时限已完成 (如书面报告已报送)")
    done.add_argument("case", type=int)
    done.add_argument("clock")
    done.add_argument("--by", required=True)
    done.add_argument("--note", default="")
    done.set_defaults(func=cmd_cases)


def cmd_router(args: argparse.Namespace) -> int:
    import msgspec
    from sqlalchemy.exc import SQLAlchemyError

    from core.errors import BrokerUnavailable
    from router.service import PolicyHolder, run

    settings = _settings(args)
    if args.profile:
        settings = msgspec.structs.replace(settings, profile=args.profile)
    logs.configure(settings.log.level, settings.log.json, stage="router")
    from core import metrics
    from router.gauges import RouterGauges

    try:
        calendar = PolicyHolder(settings.profile).current.calendar
    except ConfigError as exc:
        print(f"策略配置错误, 未启动: {exc}", file=sys.stderr)
        return 2
    ops = metrics.start("router", _config_path(args), settings.store, settings.kafka,
                        RouterGauges(settings.store, calendar))
    try:
        run(settings, install_signals=True, retention=ops.ops)
    except ConfigError as exc:
        print(f"策略配置错误, 未启动: {exc}", file=sys.stderr)
        return 2
    except BrokerUnavailable as exc:
        print(f"Kafka 不可用, 未启动: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        print(f"存储不可用, 未启动: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        ops.stop()
    return 0


def cmd_policy_check(args: argparse.Namespace) -> int:
    from policies import SHIPPED, UnknownProfile, profile_dir
    from router.policy import PolicyError, check_grading, load

    names = args.profiles or list(SHIPPED)
    failed = 0
    for name in names:
        path = Path(name)
        try:
            folder = path.parent if path.is_file() else profile_dir(name)
        except UnknownProfile as exc:
            print(f"✗ {exc}")
            failed += 1
            continue
        try:
            profile = load(path if path.is_file() else folder)
        except PolicyError as exc:
            print(f"✗ {exc}")
            failed += 1
            continue
        problems, notes = check_grading(folder, profile.grades)
        routes = _count_routes(profile.route_tree)
        print(f"✓ {profile.path}: {profile.name} {profile.title} — 分级 {'/'.join(profile.grades)}, "
              f"部门 {len(profile.departments)}, 主题 {len(profile.topics)}, 路由 {routes}, 时限 {len(profile.clocks)}"
              + (f", 回应与办结前环节 {len(profile.approvals)}" if profile.approvals else "")
              + (f"（其中视情形标记 {len(profile.flags)} 种）" if profile.flags else ""))
        holidays = profile.calendar.holidays
        print(f"  工作日历 {holidays.path.name}: {holidays.covers_from} ～ {holidays.covers_to}"
              f"（更新于 {holidays.updated}）")
        warning = profile.calendar.coverage_warning(utcnow())
        if warning:
            print(f"  {warning}")
        for note in notes:
            print(f"  {note}")
        if problems:
            failed += 1
            print(f"✗ {folder}: {len(problems)} 处问题 (grading.yaml, jurisdiction.yaml, 媒体级别登记表)")
            for problem in problems:
                print(f"  {problem}")
    return 1 if failed else 0


def _count_routes(node: object) -> int:
    return 1 + sum(_count_routes(child) for child in getattr(node, "routes", ()))


def cmd_route_test(args: argparse.Namespace) -> int:
    from policies import UnknownProfile, profile_dir
    from router.policy import PolicyError, load
    from router.routetest import format_decision, labels_from_pairs

    name = args.profile or _settings(args).profile
    try:
        profile = load(profile_dir(name))
    except (UnknownProfile, PolicyError) as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    try:
        labels = labels_from_pairs(profile, args.labels)
        at = datetime.fromisoformat(args.at) if args.at else None
    except ValueError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    print(format_decision(profile, labels, at))
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    import getpass

    from policies import UnknownProfile, profile_dir
    from router.cases import CaseError, CaseService
    from router.policy import PolicyError, load

    settings = _settings(args)
    try:
        profile = load(profile_dir(args.profile or settings.profile))
    except (UnknownProfile, PolicyError) as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    service = CaseService(settings.store, profile, settings)
    action = args.cases_command
    try:
        if action == "list":
            rows = service.list(status=args.status, department=args.department, grade=args.grade,
                                open_only=args.open, limit=args.limit)
            for v in rows:
                dept = profile.departments.get(v.department_id)
                print(f"{v.id:>6}  {v.status:<4}  {v.grade:<4}  {v.topic:<8}  {dept.name if dept else v.department_id}"
                      f"  {profile.calendar.local(v.discovered_at):%m-%d %H:%M}  {v.title[:40]}")
            print(f"共 {len(rows)} 件")
            return 0
        if action == "show":
            detail = service.show(args.case)
            print(json.dumps(_jsonable(detail), ensure_ascii=False, indent=2, default=str))
            return 0
        if action == "report":
            reports = service.upward_reports(args.case, args.clock)
            for one in reports:
                print(one.text(profile))
                print()
            if not reports:
                print(f"案件 {args.case} 没有应上报的材料" + (f"（时限 {args.clock}）" if args.clock else ""))
            return 0
        by = getattr(args, "by", None) or getpass.getuser()
        if action == "ack":
            if args.token:
                view = service.acknowledge_receipt(args.token)
            elif args.case is None:
                print("✗ 请给出案件编号或 --token", file=sys.stderr)
                return 2
            else:
                view = service.acknowledge(args.case, by, department_id=args.department)
        elif action == "handle":
            view = service.start_handling(args.case, by, args.note)
        elif action == "respond":
            view = service.respond(args.case, by, args.note)
        elif action == "close":
            view = service.close(args.case, by, args.note)
        elif action == "evaluate":
            view = service.evaluate(args.case, by, args.note)
        elif action == "transfer":
            view = service.transfer(args.case, args.to, args.reason, by)
        elif action == "assist":
            view = service.set_assisting(args.case, args.departments, by, args.reason)
        elif action == "grade":
            view = service.change_grade(args.case, args.to, args.reason, by)
        elif action == "approve":
            view = service.approve(args.case, args.approval, by, args.note, department_id=args.department,
                                   participants=args.participants)
        elif action == "disclose":
            view = service.disclose(args.case, args.kind, args.caliber, by, args.content,
                                    department_id=args.department, media=args.media)
        elif action == "flag":
            view = service.flag(args.case, args.flag, by, args.note, department_id=args.department)
        elif action == "unflag":
            view = service.unflag(args.case, args.flag, by, args.reason)
        elif action == "clock-done":
            view = service.complete_clock(args.case, args.clock, by, args.note)
        else:  # argparse only offers the actions above
            raise AssertionError(action)
    except CaseError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ 案件 {view.id}: {view.status} {view.grade} 主办 {view.department_id} (版本 {view.version})")
    return 0


def _jsonable(value: object) -> object:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
