"""The service against the real embedded broker: publish, restart mid-poll, alerts on ops.alerts."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import orjson
import pytest
from kafka import KafkaConsumer, TopicPartition

from collectors import service
from collectors.publish import KafkaPublisher
from core import topics
from core.contracts import RawItem, decode

pytestmark = pytest.mark.broker

ARTICLE = ("<html><head><title>{title}_测试网</title></head><body><h1>{title}</h1>"
           "<div class='content'><p>第{n}篇：市民反映，某路段夜间施工噪音扰民，影响居民休息，希望有关部门尽快处理。</p>"
           "<p>相关部门表示，已责成施工单位调整作业时间，并将加强巡查，确保问题得到解决。</p></div></body></html>")


def _consume(kafka_settings, topic: str, source_id: str, timeout_s: float = 120.0) -> list[bytes]:
    """Every message of ``source_id`` on ``topic``, read from the start without a consumer group.

    Read up to the end offsets of the moment it is called (every send of the service was
    acknowledged before it returned), not for a fixed time once the expected count arrived: on a
    slow broker, reading the shared topic from the start may take longer than any such window.
    ``timeout_s`` is a bound for failure only."""
    consumer = KafkaConsumer(bootstrap_servers=kafka_settings.servers, enable_auto_commit=False,
                             auto_offset_reset="earliest")
    values: list[bytes] = []
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or set())]
        consumer.assign(partitions)
        consumer.seek_to_beginning()
        ends = consumer.end_offsets(partitions)
        deadline = time.monotonic() + timeout_s
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            assert time.monotonic() < deadline, f"{topic} not read to its end in {timeout_s:.0f}s"
            got = consumer.poll(timeout_ms=300)
            for batch in got.values():
                values.extend(r.value for r in batch if source_id.encode() in r.value)
    finally:
        consumer.close()
    return values


def _sources(tmp_path: Path, entries: str) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text(entries, encoding="utf-8")
    return str(path)


def test_rss_source_into_items_raw(http_server, kafka_settings, sqlite_settings, settings_for, tmp_path) -> None:
    sid = f"svc-{uuid.uuid4().hex[:8]}"
    feed = ("<rss version='2.0'><channel><title>示例新闻网</title>"
            + "".join(f"<item><title>第{n}条新闻</title><link>http://demo.local/{sid}/{n}.html</link>"
                      f"<description>市民反映问题{n}</description></item>" for n in range(5))
            + "</channel></rss>")
    url = http_server.add("/news.xml", feed, content_type="application/rss+xml")
    sources = _sources(tmp_path, f"""sources:
  - id: {sid}
    name: 示例新闻网
    kind: rss
    url: {url}
    interval_s: 2
    tier: prefecture
    region: "370800"
""")
    settings = settings_for(sqlite_settings, kafka=kafka_settings, sources=sources)
    service.run(settings, once=True)
    values = _consume(kafka_settings, topics.RAW.name, sid)
    items = [decode(v, RawItem) for v in values]
    assert sorted(i.title for i in items) == [f"第{n}条新闻" for n in range(5)]
    assert all(i.source.region == "370800" and i.source.tier == "prefecture" for i in items)
    # A second run finds everything in the seen-set: nothing more on the topic.
    service.run(settings, once=True)
    assert len(_consume(kafka_settings, topics.RAW.name, sid)) == 5


def _news_site(http_server, sid: str, count: int, on_article=None) -> str:
    links = "".join(f"<li><a href='/{sid}/a{n}.html'>文章{n}</a></li>" for n in range(count))
    http_server.add("/list.html", f"<html><body><ul class='l'>{links}</ul></body></html>",
                    content_type="text/html; charset=utf-8")
    for n in range(count):
        body = ARTICLE.format(title=f"施工噪音扰民问题{n}", n=n).encode()

        def handler(_h, body=body):
            if on_article is not None:
                on_article()
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body

        http_server.handle(f"/{sid}/a{n}.html", handler, delay_s=0.02)
    return http_server.url("/list.html")


def test_restart_mid_poll_loses_nothing_and_duplicates_nothing(http_server, kafka_settings, sqlite_settings,
                                                               settings_for, tmp_path) -> None:
    sid = f"restart-{uuid.uuid4().hex[:8]}"
    count = 30
    stop = threading.Event()
    served = {"n": 0}

    def on_article() -> None:
        served["n"] += 1
        if served["n"] == 12:
            stop.set()  # the operator restarts the collector in the middle of a poll

    url = _news_site(http_server, sid, count, on_article)
    sources = _sources(tmp_path, f"""sources:
  - id: {sid}
    name: 重启测试
    kind: news
    url: {url}
    interval_s: 3600
    options: {{link_selector: "ul.l a"}}
""")
    settings = settings_for(sqlite_settings, kafka=kafka_settings, sources=sources, publish_batch=4,
                            per_host_concurrency=2)
    runner = threading.Thread(target=service.run, args=(settings,), kwargs={"stop": stop})
    runner.start()
    runner.join(timeout=60)
    assert not runner.is_alive()
    first = _consume(kafka_settings, topics.RAW.name, sid)
    assert 0 < len(first) < count, "the stop was meant to land mid-poll"

    # A crash between staging and the broker: the next run must re-send exactly those.
    class CrashingPublisher(KafkaPublisher):
        calls = 0

        def publish(self, items):  # type: ignore[no-untyped-def]
            CrashingPublisher.calls += 1
            if CrashingPublisher.calls == 2:
                raise RuntimeError("simulated crash before the send")
            return super().publish(items)

    service.run(settings, once=True, publisher_factory=lambda: CrashingPublisher(kafka_settings))
    assert CrashingPublisher.calls >= 2, "the simulated crash did not happen"
    service.run(settings, once=True)
    values = _consume(kafka_settings, topics.RAW.name, sid)
    items = [decode(v, RawItem) for v in values]
    ids = [i.id for i in items]
    assert len(set(ids)) == count, "an item was lost"
    assert len(ids) == count, "an item was published twice"


def test_failing_source_raises_one_ops_alert(http_server, kafka_settings, sqlite_settings, settings_for,
                                             tmp_path) -> None:
    sid = f"alert-{uuid.uuid4().hex[:8]}"
    url = http_server.add("/down.xml", "gone", status=500)
    sources = _sources(tmp_path, f"""sources:
  - id: {sid}
    name: 故障信源
    kind: rss
    url: {url}
""")
    settings = settings_for(sqlite_settings, kafka=kafka_settings, sources=sources, alert_after_failures=2, retries=0)
    for _ in range(3):
        service.run(settings, once=True)
    alerts = [orjson.loads(v) for v in _consume(kafka_settings, topics.OPS.name, sid)]
    assert [a["kind"] for a in alerts] == ["source_failing"]
    assert "故障信源" in alerts[0]["message"] and "HTTP 500" in alerts[0]["reason"]

    from collectors.health import summary

    [row] = [r for r in summary(sqlite_settings) if r["source"] == sid]
    assert row["consecutive_failures"] == 3 and row["status"] == "采集失败"


def test_shutdown_does_not_wait_for_a_hanging_page(http_server, sqlite_settings, settings_for, tmp_path) -> None:
    from collectors.publish import DryRunPublisher

    stop = threading.Event()
    # The page answers only after the test is over (not after a fixed 25 s that a slow shutdown on a
    # loaded host could approach): a collector that waited for it could not end within the join.
    released = threading.Event()
    http_server.add("/list.html", "<a href='/slow.html'>慢</a>", content_type="text/html; charset=utf-8")

    def hanging(_handler):  # the page answers only after the operator gave up on it
        stop.set()
        released.wait(600)
        return 200, {"Content-Type": "text/html"}, b"<p>too late</p>"

    http_server.handle("/slow.html", hanging)
    sources = _sources(tmp_path, f"""sources:
  - {{id: hang, name: 挂起, kind: news, url: "{http_server.url('/list.html')}", interval_s: 3600}}
""")
    settings = settings_for(sqlite_settings, sources=sources, read_timeout_s=300, poll_timeout_s=600)
    publisher = DryRunPublisher()
    runner = threading.Thread(target=service.run, args=(settings,),
                              kwargs={"stop": stop, "publisher_factory": lambda: publisher})
    runner.start()
    try:
        runner.join(timeout=60)  # a hang guard, not a speed check: the page holds on until released
        assert not runner.is_alive(), "the collector waited for a hanging fetch at shutdown"
    finally:
        released.set()
    assert publisher.items == []


def test_a_hanging_source_does_not_delay_the_others(http_server, sqlite_settings, settings_for, tmp_path) -> None:
    from collectors.publish import DryRunPublisher

    stop = threading.Event()
    released = threading.Event()  # the slow source hangs until the test is over, not a fixed 25 s
    fast_polls = {"n": 0}

    def fast(_handler):
        fast_polls["n"] += 1
        if fast_polls["n"] >= 3:
            stop.set()  # polled three times while the other source still hangs
        body = f"<rss><channel><item><title>第{fast_polls['n']}次</title><link>http://x.cn/{fast_polls['n']}</link>" \
               "</item></channel></rss>"
        return 200, {"Content-Type": "application/xml"}, body.encode()

    def slow(_handler):
        released.wait(600)
        return 200, {"Content-Type": "application/xml"}, b"<rss/>"

    http_server.handle("/fast.xml", fast)
    # Another host name for the same server, so per-host limits do not couple the two sources.
    slow_url = http_server.handle("/slow.xml", slow).replace("127.0.0.1", "localhost")
    sources = _sources(tmp_path, f"""sources:
  - {{id: slow, name: 慢信源, kind: rss, url: "{slow_url}", interval_s: 1}}
  - {{id: fast, name: 快信源, kind: rss, url: "{http_server.url('/fast.xml')}", interval_s: 1}}
""")
    # The read timeout is far beyond the join: the slow fetch cannot end on its own while the test looks.
    settings = settings_for(sqlite_settings, sources=sources, read_timeout_s=300, poll_timeout_s=600, jitter=0.0)
    publisher = DryRunPublisher()
    runner = threading.Thread(target=service.run, args=(settings,),
                              kwargs={"stop": stop, "publisher_factory": lambda: publisher})
    runner.start()
    try:
        runner.join(timeout=60)  # a hang guard: the slow source alone holds on until released
        assert not runner.is_alive()
    finally:
        released.set()
    assert fast_polls["n"] >= 3
    assert {i.source.id for i in publisher.items} == {"fast"}


def test_requests_go_through_the_configured_proxy(http_server, sqlite_settings, settings_for, source_of,
                                                 collect) -> None:
    # The test server plays an HTTP forward proxy: it sees absolute URLs of a host that does not exist.
    feed = "<rss><channel><item><title>经代理采集</title><link>http://news.invalid/1.html</link></item></channel></rss>"
    http_server.add("http://news.invalid/feed.xml", feed, content_type="application/xml")
    settings = settings_for(sqlite_settings, proxy=http_server.url(""))
    polled = collect(settings, source_of({"kind": "rss", "url": "http://news.invalid/feed.xml"}))
    assert [i.title for i in polled.publisher.items] == ["经代理采集"]
    assert "http://news.invalid/robots.txt" in http_server.hits
