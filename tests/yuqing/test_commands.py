"""The stack-wide commands: check, topics, status, migrate; the supervisor's restarts."""

from __future__ import annotations

import io
import sys
import threading
import time
from pathlib import Path

import pytest

from core import topics
from core.settings import KafkaSettings, StoreSettings
from yuqing.cli import main
from yuqing.stack import Stack, StageSpec


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "yuqing.toml"
    path.write_text(text, "utf-8")
    return path


def test_check_accepts_a_valid_file_and_names_bad_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _config(tmp_path, '[kafka]\nbootstrap_servers = "k:9092"\n[store]\nurl = "sqlite:///x.db"\n')
    assert main(["check", str(good)]) == 0
    bad = _config(tmp_path, '[kafka]\nbootstrap_server = "k:9092"\n')
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "kafka.bootstrap_server" in err and str(bad) in err


def test_check_refuses_unknown_tables_and_broken_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(_config(tmp_path, "[kafak]\n"))]) == 1
    assert "unknown table [kafak]" in capsys.readouterr().err
    assert main(["check", str(_config(tmp_path, "[kafka\n"))]) == 1
    assert "TOML" in capsys.readouterr().err


def test_topics_and_status_on_the_real_broker(
    tmp_path: Path, kafka_settings: KafkaSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, f'[kafka]\nbootstrap_servers = "{kafka_settings.bootstrap_servers}"\n'
                               f'[store]\nurl = "sqlite:///{tmp_path / "s.db"}"\n')
    assert main(["--config", str(config), "migrate"]) == 0
    assert main(["--config", str(config), "topics"]) == 0
    out = capsys.readouterr().out
    for topic in topics.ALL:
        assert topic.name in out
    assert main(["--config", str(config), "status"]) == 1, "no stage is running"
    out = capsys.readouterr().out
    assert "阶段积压" in out and "classifier" in out and "router" in out and "未运行" in out


def test_unreachable_broker_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, '[kafka]\nbootstrap_servers = "127.0.0.1:1"\nconnect_timeout_s = 1.0\n')
    assert main(["--config", str(config), "topics"]) == 2
    assert "127.0.0.1:1" in capsys.readouterr().err


def test_supervisor_restarts_a_crashed_stage_and_prefixes_its_output(
    tmp_path: Path, kafka_settings: KafkaSettings
) -> None:
    marker = tmp_path / "starts"
    script = (f"import pathlib,sys; p=pathlib.Path({str(marker)!r}); "
              "p.write_text(p.read_text()+'x' if p.exists() else 'x'); print('hello'); sys.exit(3)")
    out = io.StringIO()
    stack = Stack(stages=[StageSpec("flaky", (sys.executable, "-c", script))],
                  store=StoreSettings(url=f"sqlite:///{tmp_path / 's.db'}"), kafka=kafka_settings,
                  log_dir=tmp_path / "log", output=out)
    stack.start()
    thread = threading.Thread(target=stack.run, daemon=True)
    thread.start()
    log = tmp_path / "log" / "flaky.log"

    def restarted_and_logged() -> bool:
        # The second start writes the marker before it prints: wait for its line in the log too, or
        # the shutdown below may end it (or its output pump) in between on a loaded host.
        return (len(marker.read_text() if marker.exists() else "") >= 2
                and log.exists() and log.read_text().count("hello") >= 2)

    deadline = time.monotonic() + 120  # a bound for failure
    while time.monotonic() < deadline and not restarted_and_logged():
        time.sleep(0.2)
    stack.shutdown()
    thread.join(timeout=10)
    assert len(marker.read_text()) >= 2, "the crashed stage was started again"
    text = out.getvalue()
    assert "[     flaky] hello" in text and "重启" in text
    assert (tmp_path / "log" / "flaky.log").read_text().count("hello") >= 2
