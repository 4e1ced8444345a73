"""What operators see of a running service: Prometheus metrics, ``/healthz`` and ``/readyz``.

Every service (the supervisor, collectors, classifier, router, console) serves on
``[ops] metrics_port`` + its offset:

- ``/metrics``: the metrics below, in Prometheus' text format;
- ``/healthz``: 200 while the service's loops are turning (each beats :data:`HEALTH`), 503 when
  one has not beaten for too long (liveness: restart me);
- ``/readyz``: 200 when the store and the broker answer, 503 with the reasons otherwise
  (readiness: don't count on me yet).

Each service also writes a heartbeat row in the store (store.heartbeats), which is how
``yuqing status`` knows that a stage is down.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest

from core.settings import KafkaSettings, OpsSettings, StoreSettings, load

log = logging.getLogger(__name__)

SERVICE_OFFSETS: dict[str, int] = {"supervisor": 0, "collectors": 1, "classifier": 2, "router": 3, "console": 4}

# -- stages (core.stage) ---------------------------------------------------------------------------
RECORDS_IN = Counter("yuqing_stage_records_in", "Messages a stage consumed and processed", ["stage"])
RECORDS_OUT = Counter("yuqing_stage_records_out", "Messages a stage produced", ["stage"])
DEAD_LETTERS = Counter("yuqing_stage_dead_letters", "Messages a stage sent to the dead-letter topic", ["stage"])
STAGE_ERRORS = Counter("yuqing_stage_errors", "Batches retried after a transient failure (store, broker)",
                       ["stage"])
BATCH_SECONDS = Histogram("yuqing_stage_batch_seconds", "Time to process, produce and commit one batch", ["stage"],
                          buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
CONSUMER_LAG = Gauge("yuqing_stage_consumer_lag", "Messages behind the end of a partition", ["stage", "partition"])
LAST_BATCH = Gauge("yuqing_stage_last_batch_timestamp_seconds", "When the stage last finished a batch", ["stage"])
# -- collectors -----------------------------------------------------------------------------------------
ITEMS_COLLECTED = Counter("yuqing_collector_items_published", "Items (and revisions) published", ["source"])
POLLS = Counter("yuqing_collector_polls", "Polls of a source, by result (ok, failed)", ["source", "result"])
SOURCE_HEALTHY = Gauge("yuqing_source_healthy", "1 when the source raises no alert (failing, quiet, empty)",
                       ["source"])
# -- router ---------------------------------------------------------------------------------------------
DELIVERIES = Counter("yuqing_deliveries", "Notification attempts by channel and result (sent, failed)",
                     ["channel", "result"])
OPEN_CASES = Gauge("yuqing_open_cases", "Cases not yet closed")
BREACHED_CLOCKS = Gauge("yuqing_breached_clocks", "Clocks of open cases past their deadline")
CLOCKS_PAST_CALENDAR = Gauge("yuqing_clocks_past_calendar",
                             "Running working-day clocks due after the holiday file ends (weekends only counted)")
PENDING_NOTIFICATIONS = Gauge("yuqing_notifications_pending", "Notifications waiting to be sent")
UNDELIVERABLE = Gauge("yuqing_notifications_undeliverable", "Notifications given up on")
OPS_ALERTS = Counter("yuqing_ops_alerts", "Operations alerts by kind and result (queued, sent, failed)",
                     ["kind", "result"])
# -- supervisor ----------------------------------------------------------------------------------------
PROCESS_UP = Gauge("yuqing_process_up", "1 while a supervised process (a stage, the broker) runs", ["process"])
RESTARTS = Counter("yuqing_process_restarts", "Restarts of a supervised process", ["process"])
REQUEUED = Counter("yuqing_items_requeued", "Items published but never stored, sent again after a broker restart")
PRUNED = Counter("yuqing_pruned_rows", "Rows removed or emptied by the retention job", ["what"])


class Health:
    """Liveness from loops that beat; readiness from checks that name what is wrong (None: fine)."""

    def __init__(self) -> None:
        self._beats: dict[str, tuple[float, float]] = {}
        self._checks: dict[str, Callable[[], str | None]] = {}
        self._lock = threading.Lock()

    def beat(self, loop: str, stale_after_s: float = 120.0) -> None:
        with self._lock:
            self._beats[loop] = (time.monotonic(), stale_after_s)

    def forget(self, loop: str) -> None:
        with self._lock:
            self._beats.pop(loop, None)

    @contextlib.contextmanager
    def beating(self, loop: str, stale_after_s: float = 120.0) -> Iterator[Callable[[], None]]:
        """A loop's beat for the length of a ``with`` block: a loop that has ended is not a stuck one
        (a stopped collector must not turn /healthz red for the router beside it in one process)."""
        try:
            yield lambda: self.beat(loop, stale_after_s)
        finally:
            self.forget(loop)

    def check(self, name: str, probe: Callable[[], str | None]) -> None:
        self._checks[name] = probe

    def live(self) -> tuple[bool, dict[str, Any]]:
        now = time.monotonic()
        with self._lock:
            ages = {loop: (now - at, stale) for loop, (at, stale) in self._beats.items()}
        stuck = {loop: round(age, 1) for loop, (age, stale) in ages.items() if age > stale}
        return not stuck, {"loops": sorted(ages), "stuck_seconds": stuck}

    def ready(self) -> tuple[bool, dict[str, Any]]:
        problems: dict[str, str] = {}
        for name, probe in list(self._checks.items()):
            try:
                problem = probe()
            except Exception as exc:  # noqa: BLE001 - a probe that fails is the answer "not ready"
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                problems[name] = problem
        return not problems, {"checks": sorted(self._checks), "problems": problems}


HEALTH = Health()


def store_probe(store: StoreSettings) -> Callable[[], str | None]:
    """Readiness of the store: a ``SELECT 1`` on a pooled connection."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from store.db import make_engine

    engine = make_engine(store)

    def probe() -> str | None:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            return f"store: {type(exc).__name__}"
        return None

    return probe


def broker_probe(kafka: KafkaSettings) -> Callable[[], str | None]:
    """Readiness of the broker: one of the bootstrap servers accepts a connection."""
    def probe() -> str | None:
        for server in kafka.servers:
            host, _, port = server.rpartition(":")
            with contextlib.suppress(OSError), socket.create_connection((host.strip("[]"), int(port)), timeout=2):
                return None
        return f"Kafka {kafka.bootstrap_servers} unreachable"

    return probe


class _Handler(http.server.BaseHTTPRequestHandler):
    health: Health = HEALTH

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/metrics":
            self._send(200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST)
        elif path in ("/healthz", "/readyz"):
            ok, detail = self.health.live() if path == "/healthz" else self.health.ready()
            body = json.dumps({"ok": ok, **detail}, ensure_ascii=False).encode("utf-8")
            self._send(200 if ok else 503, body, "application/json; charset=utf-8")
        else:
            self._send(404, b"not found: /metrics, /healthz, /readyz\n", "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class MetricsServer:
    """The endpoints in a daemon thread; ``url`` says where they ended up."""

    def __init__(self, host: str, port: int, service: str) -> None:
        try:
            self._server = http.server.ThreadingHTTPServer((host, port), _Handler)
        except OSError as exc:
            # A second replica on the same host, or a test run beside a running stack.
            self._server = http.server.ThreadingHTTPServer((host, 0), _Handler)
            log.warning("metrics port %s:%d unavailable (%s); %s serves /metrics on port %d instead",
                        host, port, exc, service, self._server.server_address[1])
        self._server.daemon_threads = True
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="metrics", daemon=True)
        self._thread.start()
        log.info("%s: metrics and health on %s/metrics /healthz /readyz", service, self.url)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class ServiceOps:
    """The endpoints, the readiness checks and the heartbeat of one service process."""

    def __init__(self, service: str, ops: OpsSettings, store: StoreSettings, kafka: KafkaSettings | None = None,
                 gauges: Callable[[], dict[str, Any]] | None = None) -> None:
        self.service = service
        self.ops = ops
        self.store = store
        self.server: MetricsServer | None = None
        if ops.metrics:
            self.server = MetricsServer(ops.metrics_host, ops.metrics_port + SERVICE_OFFSETS.get(service, 9), service)
        HEALTH.check("store", store_probe(store))
        if kafka is not None:
            HEALTH.check("broker", broker_probe(kafka))
        self._gauges = gauges
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat_loop, name=f"{service}-heartbeat", daemon=True)
        self._thread.start()

    def _beat_loop(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from store.heartbeats import Heartbeats

        beats = Heartbeats(self.store, self.service, self.server.url if self.server else None)
        try:
            while not self._stop.is_set():
                detail: dict[str, Any] = {}
                try:
                    if self._gauges is not None:
                        detail = self._gauges()
                    beats.beat(detail)
                except SQLAlchemyError as exc:
                    log.warning("%s: heartbeat not written, store unavailable (%s)", self.service,
                                type(exc).__name__)
                self._stop.wait(self.ops.heartbeat_s)
        finally:
            with contextlib.suppress(SQLAlchemyError):
                beats.leave()
            beats.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        if self.server is not None:
            self.server.stop()


class _OpsOnly(msgspec.Struct, frozen=True):
    ops: OpsSettings = OpsSettings()


def ops_settings(config: Path | None) -> OpsSettings:
    """The ``[ops]`` table of the settings file (and its environment overrides)."""
    return load(_OpsOnly, None, config).ops


def start(service: str, config: Path | None, store: StoreSettings, kafka: KafkaSettings | None = None,
          gauges: Callable[[], dict[str, Any]] | None = None) -> ServiceOps:
    """Start what operators see of ``service``; ``config`` is the settings file (or None)."""
    return ServiceOps(service, ops_settings(config), store, kafka, gauges)
