"""``yuqing up``: the whole local stack, each part its own supervised process.

The supervisor takes a lock, starts
the embedded broker (unless bootstrap servers are given), migrates the store, creates the topics,
then runs every stage as a child process whose output it prefixes with the stage name and keeps
in a rotated log. A stage that exits is restarted with backoff.

A second ``yuqing up`` on the same folder starts no second stack: it finds the lock held, reports
what the running supervisor runs (the state it keeps in the lock file), asks it to start at once
any stage that is down (a request file it looks for every half second), waits until they run and
says how to look on (``yuqing status``) and how to stop the stack (``kill -TERM <pid>``).

The embedded broker is supervised like a stage. It keeps everything in memory, so when it dies
the stages that use it are stopped, it is started again on the same port, and what the
collectors published but the store never saw is marked to be sent again (downstream is
idempotent): a broker death loses nothing that was collected. The same is done whenever the
supervisor starts the embedded broker, since a fresh one is always empty. Every child dies with
the supervisor, even one killed with SIGKILL; Ctrl-C or SIGTERM stops the stages first (they
finish and commit their batch), then the broker.

The supervisor also bounds the embedded broker's memory: once every stage has caught up and the
topics hold more than ``retained_cap`` messages, it stops the stages, recreates the topics and
starts the stages again. Nothing is lost: a stage commits only what it has processed and the
collectors mark an item published only after the broker acknowledged it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import orjson
from kafka import KafkaProducer
from kafka.errors import KafkaError
from sqlalchemy.exc import SQLAlchemyError

from core import metrics, topics
from core.broker import BrokerStartError, EmbeddedBroker, die_with_parent, wait_port_free
from core.errors import BrokerUnavailable
from core.kafka import highwaters, make_producer, wait_for_broker
from core.settings import KafkaSettings, StoreSettings
from core.shutdown import stop_on_signals
from core.stage import group_for
from store.db import migrate

log = logging.getLogger(__name__)

# The input topic of each consuming stage.
STAGE_INPUTS: dict[str, str] = {"classifier": topics.RAW.name, "router": topics.SCORED.name}
LOCK_NAME = "supervisor.lock"
# Written by a second ``yuqing up``: the supervisor starts every stage that is down at once.
START_REQUEST = "supervisor.start-missing"
# A stage that has exited this many times is reported to the desk (ops.alerts).
ALERT_AFTER_RESTARTS = (3, 10, 30, 100)


class StackRunning(RuntimeError):
    """Another supervisor holds the lock of this stack; ``state`` is what it wrote there (or None)."""

    def __init__(self, message: str, lock: Path, state: dict | None = None) -> None:
        super().__init__(message)
        self.lock = lock
        self.state = state


def read_state(text: str) -> dict | None:
    """The supervisor's state as written in its lock file (None: unreadable, or being rewritten)."""
    try:
        state = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return state if isinstance(state, dict) and isinstance(state.get("stages"), list) else None


@dataclass(frozen=True)
class StageSpec:
    name: str
    argv: tuple[str, ...]
    # Stopped and started again with the embedded broker (it loses its state when it dies).
    needs_broker: bool = True


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


class RotatingLog:
    """A log file that is renamed to ``.1`` (``.1`` to ``.2``, ...) once it passes ``max_bytes``."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups
        self._file = path.open("ab")

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._file.flush()
        if self.max_bytes > 0 and self._file.tell() >= self.max_bytes:
            self._rotate()

    def _rotate(self) -> None:
        self._file.close()
        for n in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{n + 1}"))
        if self.backups > 0:
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        else:
            self.path.unlink(missing_ok=True)
        self._file = self.path.open("ab")

    def close(self) -> None:
        self._file.close()


class SupervisorLock:
    """An exclusive ``flock`` on a file in the log folder; the kernel releases it when the holder dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 65536).decode("utf-8", "replace").strip()
            os.close(fd)
            state = read_state(holder)
            who = f"pid {state.get('pid')}" if state else (holder or "pid 未知")
            raise StackRunning(f"另一个 yuqing up 正在运行 ({who}; 锁文件 {self.path})", self.path, state) from None
        self._fd = fd
        self.note(f"pid {os.getpid()}")

    def note(self, text: str) -> None:
        """What a refused second supervisor is told about this one."""
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, text.encode("utf-8"), 0)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


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
    # Each child's log file is rotated at this size, keeping this many old files.
    log_max_bytes: int = 50 * 1024 * 1024
    log_backups: int = 5
    # Grace given to a stage to finish its batch when it is stopped, before it is killed.
    stop_grace_s: float = 20.0
    broker: EmbeddedBroker | None = None
    broker_restarts: int = 0
    requeued: int = 0
    _embedded: bool = False
    _broker_next_start: float = 0.0
    _broker_pump: threading.Thread | None = None
    _lock: SupervisorLock | None = None
    _last_requeued: int = 0
    _producer: KafkaProducer | None = None
    _children: list[_Child] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _print_lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> KafkaSettings:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._lock = SupervisorLock(self.log_dir / LOCK_NAME)
        self._lock.acquire()
        migrate(self.store)
        if self.kafka is None:
            self._embedded = True
            self._start_broker()
        else:
            admin = wait_for_broker(self.kafka, "supervisor")
            try:
                topics.ensure_topics(admin, settings=self.kafka)
            finally:
                admin.close()
        assert self.kafka is not None
        self._children = [_Child(spec) for spec in self.stages]
        for child in self._children:
            self._spawn(child)
        return self.kafka

    def _publish(self) -> None:
        """Write what runs into the lock file, for a second ``yuqing up`` to report."""
        if self._lock is None:
            return
        self._lock.note(orjson.dumps({
            "pid": os.getpid(), "kafka": self.kafka.bootstrap_servers if self.kafka else None,
            "log_dir": str(self.log_dir.resolve()), "at": datetime.now(UTC).isoformat(),
            "broker": self.broker.pid if self.broker is not None and self.broker.alive() else None,
            "stages": [{"name": c.spec.name,
                        "pid": c.process.pid if c.process is not None and c.process.poll() is None else None,
                        "restarts": c.restarts} for c in self._children]}).decode())

    def _serve_start_request(self) -> None:
        """A second ``yuqing up`` asked for the stages that are down: start them now, not after the backoff."""
        request = self.log_dir / START_REQUEST
        if not request.exists():
            return
        request.unlink(missing_ok=True)
        down = [c for c in self._children if c.process is None]
        if not self._embedded or (self.broker is not None and self.broker.alive()):
            for child in down:
                child.next_start = 0.0
        self._say("supervisor", "应再次运行的 yuqing up 请求, 立即启动未运行的服务: "
                  + ("、".join(c.spec.name for c in down) or "无 (全部在运行)"))

    def run(self) -> None:
        """Supervise until stopped: restart crashed stages and a dead broker; bound the broker's memory."""
        last_check = time.monotonic()
        with metrics.HEALTH.beating("supervisor") as beat:
            while not self._stop.is_set():
                beat()
                if self._embedded and (self.broker is None or not self.broker.alive()):
                    metrics.PROCESS_UP.labels("broker").set(0)
                    self._recover_broker()
                self._serve_start_request()
                for child in self._children:
                    self._watch(child)
                if self.on_tick is not None:
                    self.on_tick()
                if self.broker is not None and time.monotonic() - last_check > 30:
                    last_check = time.monotonic()
                    try:
                        self._bound_broker_memory()
                    except (KafkaError, BrokerUnavailable, OSError) as exc:
                        # The broker is busy or restarting: the next check tries again.
                        self._say("supervisor", f"检查代理内存失败, 稍后重试: {type(exc).__name__}: {exc}")
                self._stop.wait(0.5)

    def stop(self, *_: object) -> None:
        self._stop.set()

    def shutdown(self) -> None:
        self._stop.set()
        if self._producer is not None:
            self._producer.close(timeout=2)
            self._producer = None
        self._terminate_children(self._children)
        self._stop_broker()
        if self.broker is not None:
            self._say("broker", "已停止")
        if self._lock is not None:
            self._lock.release()

    def install_signal_handlers(self) -> None:
        stop_on_signals(self._stop, (signal.SIGINT, signal.SIGTERM, signal.SIGHUP))

    def env_for_children(self) -> dict[str, str]:
        assert self.kafka is not None
        env = dict(os.environ)
        env["YUQING__KAFKA__BOOTSTRAP_SERVERS"] = f'"{self.kafka.bootstrap_servers}"'
        env["YUQING__STORE__URL"] = f'"{self.store.url}"'
        env["PYTHONUNBUFFERED"] = "1"
        return env

    # -- the embedded broker ------------------------------------------------------------------
    def _start_broker(self) -> None:
        """Start the embedded broker (fresh, hence empty), create the topics, requeue what it lost."""
        port = self.embedded_port if self.broker is None else self.broker.port
        if port is not None and not wait_port_free(port):
            # A broker of a supervisor that just died still holds it (it is on its way out).
            self._say("broker", f"端口 {port} 仍被占用, 改用空闲端口; 其他命令需设置 YUQING__KAFKA__BOOTSTRAP_SERVERS")
            port = None
        broker = EmbeddedBroker(port=port, pipe_output=True)
        broker.start()
        self.broker = broker
        metrics.PROCESS_UP.labels("broker").set(1)
        self.kafka = KafkaSettings(bootstrap_servers=broker.bootstrap_servers)
        self._broker_pump = threading.Thread(target=self._pump_broker, args=(broker,), daemon=True)
        self._broker_pump.start()
        self._say("broker", f"嵌入式 Kafka 代理已启动: {broker.bootstrap_servers} (pid {broker.pid})")
        admin = wait_for_broker(self.kafka, "supervisor")
        try:
            topics.ensure_topics(admin)
        finally:
            admin.close()
        self._requeue_lost()

    def _requeue_lost(self) -> None:
        from collectors.state import CollectorStore

        store = CollectorStore(self.store)
        try:
            count = store.requeue_unstored()
        finally:
            store.close()
        self.requeued += count
        self._last_requeued = count
        metrics.REQUEUED.inc(count)
        if count:
            self._say("supervisor", f"{count} 条已发布但未入库的信息将由采集器重新发送")

    def _recover_broker(self) -> None:
        if time.monotonic() < self._broker_next_start:
            return
        dependent = [c for c in self._children if c.spec.needs_broker]
        if self.broker is not None:
            self._say("broker", f"代理进程退出 (code {self.broker.returncode}); 停止依赖它的阶段后重启代理")
            if self._producer is not None:
                self._producer.close(timeout=1)
                self._producer = None
            self._terminate_children(dependent, grace_s=min(self.stop_grace_s, 10.0))
        try:
            self._start_broker()
        except (BrokerStartError, BrokerUnavailable, KafkaError, OSError, SQLAlchemyError) as exc:
            self.broker_restarts += 1
            delay = min(2 ** min(self.broker_restarts, 5), 30)
            self._say("broker", f"重启失败 ({type(exc).__name__}: {exc}); {delay}s 后重试")
            self._broker_next_start = time.monotonic() + delay
            return
        self.broker_restarts += 1
        metrics.RESTARTS.labels("broker").inc()
        for child in dependent:
            child.process = None
            child.next_start = 0.0
            self._spawn(child)
        self.alert("broker_restarted", f"嵌入式消息代理曾退出, 已自动重启 (第 {self.broker_restarts} 次); "
                                       f"已发布未入库的 {self._last_requeued} 条信息由采集器重新发送, 不会丢失")

    def _stop_broker(self) -> None:
        if self.broker is not None:
            self.broker.stop()
        if self._broker_pump is not None:
            self._broker_pump.join(timeout=5)
            self._broker_pump = None

    def _pump_broker(self, broker: EmbeddedBroker) -> None:
        """The broker's output goes to its rotated log only, not to the terminal."""
        stream = broker.output
        if stream is None:
            return
        keep = RotatingLog(self.log_dir / "broker.log", self.log_max_bytes, self.log_backups)
        try:
            for line in stream:
                keep.write(line)
        finally:
            keep.close()

    # -- the stages -------------------------------------------------------------------------
    def _spawn(self, child: _Child) -> None:
        # Each stage leads a process group of its own (stopped as a whole) and dies with the supervisor.
        child.process = subprocess.Popen(
            child.spec.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=self.env_for_children(), start_new_session=True,
            preexec_fn=die_with_parent)
        child.pump = threading.Thread(target=self._pump, args=(child.spec.name, child.process), daemon=True)
        child.pump.start()
        metrics.PROCESS_UP.labels(child.spec.name).set(1)
        self._say(child.spec.name, f"已启动 (pid {child.process.pid})")
        self._publish()

    def _pump(self, name: str, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        keep = RotatingLog(self.log_dir / f"{name}.log", self.log_max_bytes, self.log_backups)
        try:
            for line in process.stdout:
                keep.write(line)
                self._say(name, line.decode("utf-8", "replace").rstrip())
        finally:
            keep.close()

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
        metrics.PROCESS_UP.labels(child.spec.name).set(0)
        metrics.RESTARTS.labels(child.spec.name).inc()
        if child.restarts in ALERT_AFTER_RESTARTS:
            self.alert("stage_restarting", f"{child.spec.name} 进程已退出 {child.restarts} 次 (最近退出码 {code}), "
                                           f"监护进程仍在重启它; 日志见 {self.log_dir / (child.spec.name + '.log')}")
        _signal_group(process, signal.SIGKILL)  # whatever it started goes with it
        child.process = None
        child.next_start = time.monotonic() + delay
        self._publish()

    def _terminate_children(self, children: Sequence[_Child], grace_s: float | None = None) -> None:
        grace = self.stop_grace_s if grace_s is None else grace_s
        for child in children:
            if child.process is not None and child.process.poll() is None:
                _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._say(child.spec.name, f"未在 {grace:.0f}s 内退出, 强制结束")
                _signal_group(child.process, signal.SIGKILL)
                child.process.wait()
            _signal_group(child.process, signal.SIGKILL)
            child.process = None
        for child in children:
            if child.pump is not None:
                child.pump.join(timeout=5)
        self._publish()

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
        dependent = [c for c in self._children if c.spec.needs_broker]
        self._terminate_children(dependent)
        assert self.kafka is not None
        try:
            recycle_topics(self.kafka)
        finally:
            for child in dependent:
                self._spawn(child)

    def alert(self, kind: str, message: str) -> None:
        """An operations alert on ops.alerts (the router takes it to the desk); never fatal."""
        self._say("supervisor", f"运维告警 {kind}: {message}")
        if self.kafka is None:
            return
        doc = {"schema_version": 1, "kind": kind, "source": None, "message": message,
               "at": datetime.now(UTC).isoformat(), "host": socket.gethostname()}
        try:
            if self._producer is None:
                self._producer = make_producer(self.kafka, "supervisor")
            self._producer.send(topics.OPS.name, key=kind.encode(), value=orjson.dumps(doc)).get(timeout=10)
        except (KafkaError, OSError) as exc:
            log.warning("ops alert %s not published: %s", kind, exc)
            if self._producer is not None:
                self._producer.close(timeout=1)
                self._producer = None

    def _say(self, name: str, line: str) -> None:
        with self._print_lock:
            print(f"[{name:>10}] {line}", file=self.output, flush=True)


def _running(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)  # PermissionError: it runs, as another user
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def join_running(refused: StackRunning, output: IO[str], wait_s: float = 40.0) -> int:
    """What a second ``yuqing up`` does: report what the running supervisor runs, have it start the
    stages that are down at once, and wait for them. 0 when every stage runs, 1 otherwise."""
    def say(line: str) -> None:
        print(line, file=output, flush=True)

    def current() -> dict | None:
        with contextlib.suppress(OSError):
            return read_state(refused.lock.read_text("utf-8", "replace"))
        return None

    state = refused.state or current()
    deadline = time.monotonic() + wait_s
    while state is None and time.monotonic() < deadline:
        time.sleep(0.5)  # it is still starting (the broker, the store): it reports once its stages run
        state = current()
    if state is None:
        # A supervisor of an older version (or one still starting): it keeps no state to report.
        say(f"{refused}。它尚未报告各服务的状态 (仍在启动?): 稍后再试, 或用 yuqing status 查看")
        return 1
    pid = state.get("pid")
    log_dir = Path(str(state.get("log_dir") or refused.lock.parent))
    say(f"yuqing up 已在运行 (监护进程 pid {pid}, Kafka {state.get('kafka')}, 日志 {log_dir}); 不再启动第二套服务。")

    def down(now: dict) -> list[str]:
        return [str(s.get("name")) for s in now.get("stages", []) if not _running(s.get("pid"))]

    def report(now: dict) -> None:
        broker = now.get("broker")
        if broker is not None:
            say(f"  {'✓' if _running(broker) else '✗'} {'broker':<12} 嵌入式 Kafka 代理 (pid {broker})")
        for stage in now.get("stages", []):
            name = str(stage.get("name"))
            if _running(stage.get("pid")):
                say(f"  ✓ {name:<12} 运行中 (pid {stage['pid']})")
            else:
                say(f"  ✗ {name:<12} 未运行 (已重启 {stage.get('restarts', 0)} 次), 日志 {log_dir / (name + '.log')}")

    report(state)
    missing = down(state)
    if missing:
        (refused.lock.parent / START_REQUEST).write_text(f"pid {os.getpid()}\n", "utf-8")
        say(f"已请监护进程立即启动未运行的服务: {'、'.join(missing)}")
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = current()
            if now is not None and not down(now):
                state = now
                break
        else:
            state = current() or state
        report(state)
    still = down(state)
    if still:
        say(f"✗ 仍未运行: {'、'.join(still)}; 监护进程会按退避继续重启, 原因见上列日志")
    else:
        say("✓ 全部服务在运行。")
    say(f"查看: yuqing status; 停止: kill -TERM {pid} (或在运行 yuqing up 的终端按 Ctrl-C)")
    return 1 if still else 0


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    """Signal the process group a child leads (the child and anything it started)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


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
        topics.ensure_topics(admin, settings=kafka)
    finally:
        admin.close()

