"""``yuqing up`` run again while a stack runs: it reports what runs, has the running supervisor start
only what is down, and starts no second stack (real processes, the embedded broker)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.broker import free_port
from yuqing.stack import LOCK_NAME, read_state

STAGES = ("collectors", "classifier", "router", "dead-letters", "console")


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, IndexError):
        return None


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, dict[str, str]]]:
    sources = tmp_path / "sources.yaml"
    # One feed nobody serves: the collectors keep polling it (with no source at all they would exit).
    sources.write_text(f"sources:\n  - id: feed\n    name: 示例论坛\n    kind: rss\n"
                       f"    url: http://127.0.0.1:{free_port()}/feed.xml\n    interval_s: 3600\n", "utf-8")
    config = tmp_path / "yuqing.toml"
    config.write_text(
        f'[kafka]\nbootstrap_servers = "127.0.0.1:{free_port()}"\nconnect_timeout_s = 120.0\n\n'
        f'[store]\nurl = "sqlite:///{tmp_path / "yuqing.db"}"\n\n'
        f'[collectors]\nsources = "{sources}"\n\n'
        f'[console]\nport = {free_port()}\ncookie_secure = false\n\n'
        f'[ops]\nmetrics_port = {free_port()}\nheartbeat_s = 2.0\n', "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("YUQING")}
    env["PYTHONUNBUFFERED"] = "1"
    out = (tmp_path / "up.out").open("ab")
    first = subprocess.Popen([sys.executable, "-m", "yuqing.cli", "--config", str(config), "up"], cwd=tmp_path,
                             stdout=out, stderr=subprocess.STDOUT, env=env)
    out.close()
    try:
        yield first, tmp_path, env
    finally:
        if first.poll() is None:
            first.send_signal(signal.SIGTERM)
            try:
                first.wait(timeout=60)
            except subprocess.TimeoutExpired:
                first.kill()
                first.wait()


def _state(folder: Path) -> dict | None:
    """The supervisor's state; it rewrites the file in place, so a read can fall between its truncate
    and its write (read_state gives None): read again, as ``join_running`` does."""
    lock = folder / "var" / "log" / LOCK_NAME
    for _ in range(20):
        state = read_state(lock.read_text("utf-8", "replace")) if lock.exists() else None
        if state is not None:
            return state
        time.sleep(0.05)
    return None


def _pids(folder: Path) -> dict[str, int | None]:
    state = _state(folder) or {"stages": []}
    return {s["name"]: s["pid"] for s in state["stages"]}


def _wait(what: str, condition: object, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _up_again(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yuqing.cli", "--config", str(folder / "yuqing.toml"), "up"],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_a_second_up_reports_what_runs_and_starts_only_what_is_down(
        running: tuple[subprocess.Popen[bytes], Path, dict[str, str]]) -> None:
    first, folder, env = running
    _wait("every stage to run", lambda: set(_pids(folder)) == set(STAGES) and all(_pids(folder).values()))
    before = _pids(folder)
    # Everything runs: it says so, starts nothing and exits 0.
    again = _up_again(folder, env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"yuqing up 已在运行 (监护进程 pid {first.pid}" in again.stdout
    for name in STAGES:
        assert re.search(rf"✓ {re.escape(name)}\s+运行中 \(pid {before[name]}\)", again.stdout), again.stdout
    assert "✓ broker" in again.stdout and "全部服务在运行" in again.stdout
    assert f"停止: kill -TERM {first.pid}" in again.stdout and "已请监护进程" not in again.stdout
    assert _pids(folder) == before and first.poll() is None
    # One stage is down, in its backoff (the fourth exit in a row: 16 s before the supervisor would
    # start it): only it is started, at once, by the running supervisor; nothing else moves.
    victim = before["classifier"]
    for kill in range(4):
        os.killpg(victim, signal.SIGKILL)
        _wait("the supervisor to see it down", lambda: _pids(folder)["classifier"] is None, 30)
        if kill < 3:
            _wait("its restart", lambda old=victim: _pids(folder)["classifier"] not in (None, old), 60)
            victim = _pids(folder)["classifier"]  # type: ignore[assignment]
    again = _up_again(folder, env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"✗ classifier\s+未运行 \(已重启 4 次\)", again.stdout), again.stdout
    assert "已请监护进程立即启动未运行的服务: classifier" in again.stdout and "全部服务在运行" in again.stdout
    after = _pids(folder)
    assert after["classifier"] not in (None, victim) and _parent(after["classifier"]) == first.pid
    assert {k: v for k, v in after.items() if k != "classifier"} == \
        {k: v for k, v in before.items() if k != "classifier"}
    assert "应再次运行的 yuqing up 请求, 立即启动未运行的服务: classifier" in \
        (folder / "up.out").read_text("utf-8", "replace")
