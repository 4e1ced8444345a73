"""``yuqing up``: the whole local stack, each stage its own supervised process.

The supervisor starts the embedded broker (unless bootstrap servers are given), migrates the
store, creates the topics, then runs every stage as a child process whose output it prefixes
with the stage name. A stage that exits is restarted with backoff. Ctrl-C or SIGTERM stops the
stages first (they finish and commit their batch), then the broker.

The embedded broker keeps everything in memory, so the supervisor bounds it: once every stage
has caught up and the topics hold more than ``retained_cap`` messages, it stops the stages,
recreates the topics and starts the stages again. Nothing is lost: a stage commits only what it
has processed and the collectors mark an item published only after the broker acknowledged it.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from core import topics
from core.broker import EmbeddedBroker
from core.kafka import highwaters, wait_for_broker
from core.settings import KafkaSettings, StoreSettings
from core.stage import group_for
from store.db import migrate

log = logging.getLogger(__name__)

# The input topic of each consuming stage.
STAGE_INPUTS: dict[str, str] = {"classifier": topics.RAW.name, "router": topics.SCORED.name}


@dataclass(frozen=True)
class StageSpec:
    name: str
    argv: tuple[str, ...]


@dataclass
class _Child:
    spec: StageSpec
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    next_start: float = 0.0
    pump: threading.Thread | None = None


def stage_command(config: Path | None, stage: str, *extra: str) -> tuple[str, ...]:
    base = [sys.executable, "-m", "yuqing.cli"]
    if config is not None:
        base += ["--config", str(config)]
    return (*base, stage, *extra)


@dataclass
class Stack:
    """The supervised stages plus, when no bootstrap servers are given, the embedded broker."""

    stages: Sequence[StageSpec]
    store: StoreSettings
    kafka: KafkaSettings | None = None
    log_dir: Path = Path("var/log")
    retained_cap: int = 200_000
    output: IO[str] = field(default_factory=lambda: sys.stdout)
    on_tick: Callable[[], None] | None = None
    # The embedded broker's port (the configured one, so that ``yuqing status`` finds it); None: any free port.
    embedded_port: int | None = None
    broker: EmbeddedBroker | None = None
    _children: list[_Child] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _print_lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> KafkaSettings:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.kafka is None:
            self.broker = EmbeddedBroker(port=self.embedded_port, log_file=self.log_dir / "broker.log").start()
            self.kafka = KafkaSettings(bootstrap_servers=self.broker.bootstrap_servers)
            self._say("broker", f"嵌入式 Kafka 代理已启动: {self.broker.bootstrap_servers}")
        admin = wait_for_broker(self.kafka, "supervisor")
        try:
            topics.ensure_topics(admin)
        finally:
            admin.close()
        migrate(self.store)
        self._children = [_Child(spec) for spec in self.stages]
        for child in self._children:
            self._spawn(child)
        return self.kafka

    def run(self) -> None:
        """Supervise until stopped; restart crashed stages; bound the embedded broker's memory."""
        last_check = time.monotonic()
        while not self._stop.is_set():
            for child in self._children:
                self._watch(child)
            if self.on_tick is not None:
                self.on_tick()
            if self.broker is not None and time.monotonic() - last_check > 30:
                last_check = time.monotonic()
                self._bound_broker_memory()
            self._stop.wait(0.5)

    def stop(self, *_: object) -> None:
        self._stop.set()

    def shutdown(self) -> None:
        self._stop.set()
        self._terminate_children()
        if self.broker is not None:
            self.broker.stop()
            self._say("broker", "已停止")

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)

    def env_for_children(self) -> dict[str, str]:
        assert self.kafka is not None
        env = dict(os.environ)
        env["YUQING__KAFKA__BOOTSTRAP_SERVERS"] = f'"{self.kafka.bootstrap_servers}"'
        env["YUQING__STORE__URL"] = f'"{self.store.url}"'
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def _spawn(self, child: _Child) -> None:
        child.process = subprocess.Popen(
            child.spec.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=self.env_for_children(), start_new_session=True)
        child.pump = threading.Thread(target=self._pump, args=(child.spec.name, child.process), daemon=True)
        child.pump.start()
        self._say(child.spec.name, f"已启动 (pid {child.process.pid})")

    def _pump(self, name: str, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        with (self.log_dir / f"{name}.log").open("ab") as keep:
            for line in process.stdout:
                keep.write(line)
                keep.flush()
                self._say(name, line.decode("utf-8", "replace").rstrip())

    def _watch(self, child: _Child) -> None:
        process = child.process
        if process is None:
            if time.monotonic() >= child.next_start:
                self._spawn(child)
            return
        code = process.poll()
        if code is None:
            return
        child.restarts += 1
        delay = min(2 ** min(child.restarts, 5), 30)
        self._say(child.spec.name, f"进程退出 (code {code}); {delay}s 后第 {child.restarts} 次重启")
        child.process = None
        child.next_start = time.monotonic() + delay

    def _terminate_children(self) -> None:
        for child in self._children:
            if child.process is not None and child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for child in self._children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._say(child.spec.name, "未在 20s 内退出, 强制结束")
                child.process.kill()
                child.process.wait()
            child.process = None
        for child in self._children:
            if child.pump is not None:
                child.pump.join(timeout=5)

    def retained(self) -> tuple[int, int]:
        """Messages retained in the stage topics, and the stages' total lag."""
        assert self.kafka is not None
        retained = lag = 0
        for stage, topic in STAGE_INPUTS.items():
            for part in highwaters(self.kafka, topic, group_for(stage)):
                retained += part.highwater
                lag += part.lag
        return retained, lag

    def _bound_broker_memory(self) -> None:
        retained, lag = self.retained()
        if retained <= self.retained_cap or lag > 0:
            return
        self._say("supervisor", f"代理保留 {retained} 条消息且各阶段已处理完: 重建主题以释放内存")
        self._terminate_children()
        assert self.kafka is not None
        recycle_topics(self.kafka)
        for child in self._children:
            self._spawn(child)

    def _say(self, name: str, line: str) -> None:
        with self._print_lock:
            print(f"[{name:>10}] {line}", file=self.output, flush=True)


def recycle_topics(kafka: KafkaSettings) -> None:
    """Delete and recreate the stage topics (and their groups), with no stage running."""
    admin = wait_for_broker(kafka, "recycle")
    try:
        owned = {t.name for t in topics.ALL if t is not topics.DEAD_LETTER}
        present = owned & set(admin.list_topics())
        if present:
            admin.delete_topics(sorted(present))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and owned & set(admin.list_topics()):
            time.sleep(0.2)
        topics.ensure_topics(admin)
    finally:
        admin.close()
