"""``yuqing console`` refuses a port that is taken, with a message that says how to choose another."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from yuqing.cli import main


def test_port_in_use_is_a_clear_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = tmp_path / "yuqing.toml"
        config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "s.db"}"\n', "utf-8")
        assert main(["--config", str(config), "console", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port} 已被占用" in err and "--port" in err
