"""``yuqing console`` (serve the web console) and ``yuqing users ...`` (accounts)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from core import logs
from core.errors import ConfigError
from core.settings import load as load_settings


def register(sub: argparse._SubParsersAction) -> None:
    con = sub.add_parser("console", help="网页控制台: 预警台、案件处置、报告、总览、标注与模型")
    con.add_argument("--host", help="address to listen on (default: [console] host)")
    con.add_argument("--port", type=int, help="port (default: [console] port)")
    con.set_defaults(func=cmd_console)

    users = sub.add_parser("users", help="控制台账号: 新增、列出、停用、重设密码")
    usub = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = usub.add_parser("add", help="新增账号 (密码从提示输入或 --password-stdin)")
    add.add_argument("name", help="username (letters, digits, _ . -)")
    add.add_argument("--role", required=True,
                     help="desk(监测员) handler(部门处置人) analyst(分析员) leader(领导) admin(管理员)")
    add.add_argument("--department", help="department id of the profile (handlers only)")
    add.add_argument("--display-name", default="", help="姓名 shown in the audit log")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(func=cmd_users)
    lst = usub.add_parser("list", help="列出账号")
    lst.set_defaults(func=cmd_users)
    for name, helptext in (("disable", "停用账号 (并注销其会话)"), ("enable", "启用账号"),
                           ("passwd", "重设密码 (并注销其会话)")):
        p = usub.add_parser(name, help=helptext)
        p.add_argument("name")
        if name == "passwd":
            p.add_argument("--password-stdin", action="store_true")
        p.set_defaults(func=cmd_users)


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from console.settings import ConsoleSettings
    from router.settings import RouterSettings

    path = Path(args.config) if getattr(args, "config", None) else None
    try:
        settings = load_settings(ConsoleSettings, "console", path)
        router_settings = load_settings(RouterSettings, "router", path)
    except ConfigError as exc:
        raise SystemExit(f"配置错误: {exc}") from exc
    return settings, router_settings


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码: ")
    if getpass.getpass("再次输入密码: ") != first:
        raise SystemExit("两次输入的密码不一致")
    return first


def cmd_console(args: argparse.Namespace) -> int:
    import msgspec
    import uvicorn

    from console.app import create_app
    from console.server import port_free
    from store.db import migrate

    settings, router_settings = _load(args)
    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    if overrides:
        settings = msgspec.structs.replace(settings, **overrides)
    logs.configure(settings.log.level, settings.log.json, stage="console")
    if not settings.cookie_secure:
        print("警告: [console] cookie_secure = false，会话 Cookie 可经明文 HTTP 传输，仅限本机或测试", file=sys.stderr)
    migrate(settings.store)
    try:
        app = create_app(settings, router_settings)
    except ConfigError as exc:
        print(f"策略配置错误, 未启动: {exc}", file=sys.stderr)
        return 2
    if not port_free(settings.host, settings.port):
        print(f"端口 {settings.host}:{settings.port} 已被占用: 用 --port 指定其他端口, 或设置 [console] port",
              file=sys.stderr)
        return 2
    print(f"控制台: http://{settings.host}:{settings.port}/", flush=True)
    from core import metrics

    ops = metrics.start("console", Path(args.config) if getattr(args, "config", None) else None, settings.store)
    try:
        # Live-update streams stay open: shutdown waits for them at most this long.
        uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log.level.lower(),
                    proxy_headers=False, timeout_graceful_shutdown=3)
    finally:
        ops.stop()
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from console import accounts, websessions
    from console.db import Store
    from console.roles import ROLE_NAMES, role_key
    from policies import UnknownProfile, profile_dir
    from router.policy import load as load_profile
    from store.console_tables import ConsoleUserRow
    from store.db import migrate

    settings, _ = _load(args)
    migrate(settings.store)
    store = Store(settings.store)
    try:
        with store.sessions() as session, session.begin():
            if args.users_command == "list":
                for user in session.scalars(select(ConsoleUserRow).order_by(ConsoleUserRow.id)):
                    state = "" if user.active else "  (已停用)"
                    print(f"{user.username:<20} {ROLE_NAMES.get(user.role, user.role):<6} "
                          f"{user.department_id or '':<14} {user.display_name}{state}")
                return 0
            if args.users_command == "add":
                role = role_key(args.role)
                if role is None:
                    print(f"✗ 没有“{args.role}”这一角色；可选：{', '.join(f'{k}({v})' for k, v in ROLE_NAMES.items())}",
                          file=sys.stderr)
                    return 2
                try:
                    departments = set(load_profile(profile_dir(settings.profile)).departments)
                except (ConfigError, UnknownProfile) as exc:
                    print(f"✗ 策略配置无法读取: {exc}", file=sys.stderr)
                    return 2
                password = _password(args.password_stdin)
                accounts.create_user(session, args.name, password, role, display_name=args.display_name,
                                     department_id=args.department, departments=departments, actor="命令行")
                print(f"✓ 已新增账号 {args.name}（{ROLE_NAMES[role]}）")
                return 0
            user = session.scalar(select(ConsoleUserRow).where(ConsoleUserRow.username == args.name))
            if user is None:
                print(f"✗ 没有账号“{args.name}”", file=sys.stderr)
                return 1
            if args.users_command == "passwd":
                accounts.set_password(session, user, _password(args.password_stdin), "命令行")
            else:
                accounts.set_active(session, user, args.users_command == "enable", "命令行")
            if args.users_command in ("passwd", "disable"):
                websessions.revoke_user(session, user.id)
            print(f"✓ {args.name}: 已完成")
            return 0
    except accounts.AccountError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
