"""Metrics scraped over HTTP from a stage that really ran on the broker; /healthz and /readyz."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence

import httpx
import pytest

from core import metrics, topics
from core.broker import free_port
from core.kafka import make_producer
from core.settings import KafkaSettings, OpsSettings, StoreSettings
from core.stage import BatchResult, Output, Record, Rejected, StageRunner


class Echo:
    """Passes records on to items.scored, rejects the ones whose value is b"bad"."""

    def process(self, records: Sequence[Record]) -> BatchResult:
        result = BatchResult()
        for r in records:
            if r.value == b"bad":
                result.rejected.append(Rejected(r, "bad record"))
            else:
                result.outputs.append(Output(topics.SCORED.name, r.key or b"", r.value))
        return result


def _sample(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    match = re.search(rf"^{name}\{{{re.escape(wanted)}\}} ([0-9.e+-]+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_stage_metrics_are_scraped_and_health_answers(kafka_settings: KafkaSettings,
                                                      sqlite_settings: StoreSettings) -> None:
    stage = f"metrics-{free_port()}"
    ops = metrics.ServiceOps("classifier", OpsSettings(metrics_port=free_port(), heartbeat_s=0.5), sqlite_settings,
                             kafka_settings)
    assert ops.server is not None
    try:
        before = _sample(httpx.get(ops.server.url + "/metrics").text, "yuqing_stage_records_in_total", stage=stage)
        producer = make_producer(kafka_settings, "metrics-test")
        for n in range(20):
            producer.send(topics.RAW.name, key=f"k{n}".encode(), value=b"bad" if n % 10 == 0 else b"{}")
        producer.flush()
        producer.close()
        runner = StageRunner(stage, kafka_settings, topics.RAW.name, Echo(), group_id=f"g-{stage}")
        thread = threading.Thread(target=runner.run, kwargs={"max_idle_s": 8.0}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 120

        def done(text: str) -> bool:
            # Every figure asserted below, not records_in alone: the stage counts a batch's records
            # in before its outputs and dead letters, and times the batch after it (a scrape may fall
            # between); other tests' messages on the topic may also make up the first 20.
            return (_sample(text, "yuqing_stage_records_in_total", stage=stage) - before >= 20
                    and _sample(text, "yuqing_stage_dead_letters_total", stage=stage) >= 2
                    and _sample(text, "yuqing_stage_records_out_total", stage=stage) >= 18
                    and _sample(text, "yuqing_stage_batch_seconds_count", stage=stage) >= 1)

        text = ""
        while time.monotonic() < deadline:
            text = httpx.get(ops.server.url + "/metrics").text
            if done(text):
                break
            time.sleep(0.5)
        runner.stop()
        thread.join(timeout=30)
        # The group reads the whole topic (other tests' messages too): at least ours.
        records = _sample(text, "yuqing_stage_records_in_total", stage=stage) - before
        assert records >= 20
        assert _sample(text, "yuqing_stage_dead_letters_total", stage=stage) >= 2
        assert _sample(text, "yuqing_stage_records_out_total", stage=stage) >= 18
        assert _sample(text, "yuqing_stage_batch_seconds_count", stage=stage) >= 1
        assert f'yuqing_stage_consumer_lag{{partition="0",stage="{stage}"}}' in text
        live = httpx.get(ops.server.url + "/healthz")
        ready = httpx.get(ops.server.url + "/readyz")
        assert live.status_code == 200 and live.json()["ok"]
        assert ready.status_code == 200 and ready.json()["problems"] == {}
        assert httpx.get(ops.server.url + "/nothing").status_code == 404
    finally:
        ops.stop()


def test_readiness_names_what_is_missing_and_liveness_a_stuck_loop() -> None:
    health = metrics.Health()
    health.check("broker", metrics.broker_probe(KafkaSettings(bootstrap_servers=f"127.0.0.1:{free_port()}")))
    ok, detail = health.ready()
    assert not ok and "unreachable" in detail["problems"]["broker"]
    # Stale after 1 s, not 50 ms: a loaded host can pause this thread for more than 50 ms between
    # the beat and the check. The sleep after it is a lower bound, safe on any host.
    health.beat("loop", stale_after_s=1.0)
    assert health.live()[0]
    time.sleep(1.1)
    ok, detail = health.live()
    assert not ok and "loop" in detail["stuck_seconds"]


def test_a_loop_that_ended_is_not_a_stuck_one() -> None:
    # Loops in one process (a collector and a router beside it, or tests) come and go: one that
    # stopped, cleanly or by an exception, must not turn /healthz red for the others.
    health = metrics.Health()
    with health.beating("collectors", stale_after_s=0.05) as beat:
        beat()
    with pytest.raises(RuntimeError), health.beating("router:clocks", stale_after_s=0.05) as beat:
        beat()
        raise RuntimeError("the loop died")
    time.sleep(0.1)
    assert health.live() == (True, {"loops": [], "stuck_seconds": {}})
    with health.beating("delivery", stale_after_s=0.05) as beat:
        beat()
        time.sleep(0.1)
        ok, detail = health.live()  # still running, and silent for too long: stuck
        assert not ok and "delivery" in detail["stuck_seconds"]


def test_a_taken_port_falls_back_to_a_free_one() -> None:
    first = metrics.MetricsServer("127.0.0.1", free_port(), "one")
    try:
        port = int(first.url.rsplit(":", 1)[1])
        second = metrics.MetricsServer("127.0.0.1", port, "two")
        try:
            assert second.url != first.url and httpx.get(second.url + "/healthz").status_code in (200, 503)
        finally:
            second.stop()
    finally:
        first.stop()
