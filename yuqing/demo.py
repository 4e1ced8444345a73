"""``yuqing demo``: the whole pipeline offline, on recorded sample sources served from 127.0.0.1.

It serves the sample feeds in ``demo_content/`` (written for the demo, fictitious), writes a
sources file and a settings file into the work folder, starts the stack (embedded broker,
collectors, classifier, router) and prints each case as the router stores it.
"""

from __future__ import annotations

import functools
import http.server
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select

from console.server import RunningConsole, demo_accounts, port_free, start_background
from console.settings import ConsoleSettings
from core import logs
from core.broker import free_port
from core.settings import StoreSettings
from incidents.views import IncidentSummary, list_incidents
from policies import profile_dir
from router import policy
from router.settings import RouterSettings
from store.db import make_engine, sessions
from store.tables import CaseRow, ItemRow, ScoredItemRow
from yuqing.stack import Stack, StageSpec, stage_command

CONTENT = Path(__file__).parent / "demo_content"
DEMO_PROFILE = "city-gov"
# (file, source id, name, media tier, region code of 示例市 / 示例县)
DEMO_SOURCES: tuple[tuple[str, str, str, str, str], ...] = (
    ("news.xml", "demo-news", "示例市新闻网", "prefecture", "450700"),
    ("forum.xml", "demo-bbs", "示例市民论坛", "self_media", "450700"),
    ("central.xml", "demo-central", "中央媒体网地方频道", "central", "450700"),
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on a free 127.0.0.1 port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def count_feed_items() -> int:
    return sum((CONTENT / name).read_text("utf-8").count("<item>") for name, *_ in DEMO_SOURCES)


def write_sources(path: Path, base_url: str) -> None:
    lines = ["# 演示信息源: 由 yuqing demo 生成", "sources:"]
    for file, source_id, name, tier, region in DEMO_SOURCES:
        lines += [
            f"  - id: {source_id}",
            f"    name: {name}",
            "    kind: rss",
            f"    url: {base_url}/{file}",
            "    interval_s: 5",
            f"    tier: {tier}",
            f'    region: "{region}"',
        ]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def write_settings(path: Path, store_url: str, sources: Path) -> None:
    path.write_text(
        "# 演示配置: 由 yuqing demo 生成\n"
        f'[store]\nurl = "{store_url}"\n\n'
        f'[collectors]\nsources = "{sources}"\nper_host_delay_s = 0.0\n\n'
        f'[classifier]\nprofile = "{DEMO_PROFILE}"\n\n'
        f'[router]\nprofile = "{DEMO_PROFILE}"\n',
        "utf-8",
    )


class CasePrinter:
    """Prints each new case once, and says when every demo item has been scored and routed."""

    def __init__(self, store: StoreSettings, expected_items: int, departments: dict[str, str]) -> None:
        self._sessions = sessions(make_engine(store))
        self._departments = departments
        self._last_id = 0
        self.cases = 0
        self.expected_items = expected_items
        self.scored = 0

    def incidents(self) -> list[IncidentSummary]:
        """Stories that more than one item told: reposts and follow-ups grouped into one incident."""
        with self._sessions() as session:
            return list_incidents(session, min_items=2)

    def poll(self) -> None:
        with self._sessions() as session:
            rows = session.execute(
                select(CaseRow, ItemRow.title, ItemRow.source_name)
                .join(ItemRow, ItemRow.id == CaseRow.item_id)
                .where(CaseRow.id > self._last_id)
                .order_by(CaseRow.id)
            ).all()
            self.scored = session.scalar(select(func.count()).select_from(ScoredItemRow)) or 0
        for case, title, source in rows:
            self._last_id = max(self._last_id, case.id)
            self.cases += 1
            department = self._departments.get(case.department_id, case.department_id)
            print(f"  案件 #{case.id:<3} [{case.grade}] {case.topic} → {department}: {title} ({source})", flush=True)

    @property
    def done(self) -> bool:
        return self.scored >= self.expected_items


def run_demo(workdir: Path, keep_running: bool = False, timeout_s: float = 240.0,
             console_port: int | None = None) -> int:
    """Run the demo; with ``keep_running`` the stack and the console stay up until Ctrl-C."""
    if console_port is not None and not port_free("127.0.0.1", console_port):
        print(f"✗ 控制台端口 127.0.0.1:{console_port} 已被占用: 用 --console-port 指定其他端口")
        return 2
    logs.configure("WARNING")
    if workdir.exists():
        shutil.rmtree(workdir)  # the demo's own disposable folder: every run starts clean
    workdir.mkdir(parents=True)
    store = StoreSettings(url=f"sqlite:///{(workdir / 'yuqing.db').resolve()}")
    expected = count_feed_items()
    with serve_directory(CONTENT) as base_url:
        sources = workdir / "sources.yaml"
        config = workdir / "yuqing.toml"
        write_sources(sources, base_url)
        write_settings(config, store.url, sources.resolve())
        print(f"示例信息源: {base_url}/ ({expected} 条样例内容); 工作目录: {workdir}")
        stages = [StageSpec(name, stage_command(config, name)) for name in ("collectors", "classifier", "router")]
        stack = Stack(stages=stages, store=store, log_dir=workdir / "log", output=_Discard())
        profile = policy.load(profile_dir(DEMO_PROFILE))
        printer = CasePrinter(store, expected, {d.id: d.name for d in profile.departments.values()})
        started = time.monotonic()
        deadline = started + timeout_s

        warned = False

        def tick() -> None:
            nonlocal warned
            printer.poll()
            if keep_running:
                # Runs until Ctrl-C: the timeout only says that the sample is not done yet.
                if not warned and not printer.done and time.monotonic() > deadline:
                    warned = True
                    print(f"… {timeout_s:.0f}s 内已处理 {printer.scored}/{expected} 条，继续运行（Ctrl-C 停止）")
                return
            if printer.done or time.monotonic() > deadline:
                stack.stop()

        stack.on_tick = tick
        stack.install_signal_handlers()
        console = None
        try:
            stack.start()
            print("流水线已启动: 采集 → items.raw → 研判 → items.scored → 转办 → 案件库; 等待案件 ...")
            if keep_running:
                console = _start_console(store, console_port)
            stack.run()
        finally:
            if console is not None:
                console.stop()
            stack.shutdown()
        elapsed = time.monotonic() - started
    if keep_running and not printer.done:
        print(f"已停止: 处理了 {printer.scored}/{expected} 条, 立案 {printer.cases} 件; 存储: {store.url}")
        return 0
    if not printer.done:
        print(f"✗ {timeout_s:.0f}s 内只处理了 {printer.scored}/{expected} 条; 日志见 {workdir / 'log'}")
        return 1
    printer.poll()
    archived = expected - printer.cases
    print(f"✓ {expected} 条信息全部研判: {printer.cases} 条立案转办, {archived} 条未达立案阈值 (存档备查); "
          f"用时 {elapsed:.1f}s")
    for incident in printer.incidents():
        print(f"  舆情事件 {incident.id} [{incident.grade}] {incident.title}: {incident.items} 条信息, "
              f"{incident.sources} 个来源, 首发 {incident.first_source}, 热度 {incident.heat_index:.0f}")
    print(f"  存储: {store.url}; 日志: {workdir / 'log'}")
    print(f"  查看案件: yuqing --config {config} cases list")
    return 0


def _start_console(store: StoreSettings, port: int | None = None) -> RunningConsole:
    """The web console on ``port`` (else a free one), with the demo's accounts (one per role)."""
    password = secrets.token_urlsafe(9)
    names = demo_accounts(store, password)
    settings = ConsoleSettings(store=store, cookie_secure=False, port=port or free_port(), profile=DEMO_PROFILE,
                               secret_key=secrets.token_urlsafe(32))
    running = start_background(settings, RouterSettings(store=store, profile=DEMO_PROFILE))
    print(f"网页控制台: {running.url}  演示账号: {', '.join(names) or '(已存在)'}  密码: {password}")
    print("按 Ctrl-C 停止")
    return running


class _Discard:
    """The demo shows cases, not the stages' logs (they are kept in the work folder)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return
