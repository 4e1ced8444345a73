"""``yuqing demo --keep-running --console-port P`` serves the console on P and runs past its timeout
until Ctrl-C; a port in use is refused before anything starts."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from core.broker import free_port

pytestmark = pytest.mark.broker


def _demo(tmp_path: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "yuqing.cli", "demo", "--keep-running", "--console-port", str(port),
                             "--workdir", str(tmp_path / "demo"), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)


def test_keep_running_serves_the_console_until_interrupted(tmp_path: Path) -> None:
    port = free_port()
    demo = _demo(tmp_path, port, "--timeout", "1")
    lines: list[str] = []
    try:
        assert demo.stdout is not None
        deadline = time.monotonic() + 180
        while not any("继续运行" in line for line in lines):
            line = demo.stdout.readline()
            if not line and demo.poll() is not None:
                pytest.fail("the demo stopped: " + "".join(lines[-20:]))
            lines.append(line)
            if time.monotonic() > deadline:
                pytest.fail("no word of running on: " + "".join(lines[-20:]))
        assert any(f"http://127.0.0.1:{port}/" in line for line in lines)
        time.sleep(2)  # well past --timeout 1
        assert demo.poll() is None, "".join(lines)
        assert httpx.get(f"http://127.0.0.1:{port}/login", timeout=10).status_code == 200
        demo.send_signal(signal.SIGINT)
        rest, _ = demo.communicate(timeout=60)
        assert demo.returncode == 0, "".join(lines) + rest
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait(timeout=10)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)


def test_console_port_in_use_is_refused(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        demo = _demo(tmp_path, port)
        out, _ = demo.communicate(timeout=60)
    assert demo.returncode == 2 and "已被占用" in out and "--console-port" in out
