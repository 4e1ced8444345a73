"""The rss kind over a real HTTP server: recorded feeds, conditional GET, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.state import CollectorStore

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>示例新闻网</title>
<item><title>市民反映某小区供暖不足</title><link>{base}/a/1.html?utm_source=wx</link><guid>g1</guid>
<pubDate>Mon, 23 Nov 2020 08:00:00 +0800</pubDate>
<description>&lt;p&gt;近日，多名市民反映小区供暖温度不达标。&lt;/p&gt;</description></item>
<item><title>县政府回应道路积水问题</title><link>{base}/a/2.html</link><guid>g2</guid>
<pubDate>32 Foo 2020 99:00</pubDate><description>县政府表示将尽快疏通排水管道。</description></item>
<item><title>重复条目</title><link>{base}/a/3.html</link><guid>g1</guid></item>
</channel></rss>"""


def test_recorded_big5_feed_over_http(http_server, fixtures: Path, sqlite_settings, settings_for, source_of,
                                      collect) -> None:
    body = (fixtures / "chardet_big5_rss" / "sinica.edu.tw.xml").read_bytes()
    url = http_server.add("/big5.xml", body, content_type="text/xml")
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source_of({"kind": "rss", "url": url}))
    assert polled.outcome.failure is None
    assert polled.outcome.found == 7 and len(polled.publisher.items) == 7
    first = polled.publisher.items[0]
    assert first.title == "新年快樂" and first.source.id == "t-src"
    # Traditional text is kept as written, with the simplified form beside it for the classifier.
    assert any(i.text_simplified and i.text_simplified != i.text for i in polled.publisher.items)
    assert all(i.revision == 0 and i.id and i.url.startswith("http") for i in polled.publisher.items)


def test_own_feed_dates_duplicates_and_conditional_get(http_server, sqlite_settings, settings_for, source_of,
                                                       collect) -> None:
    base = http_server.url("")
    url = http_server.add("/news.xml", FEED.format(base=base), content_type="application/rss+xml",
                          headers={"ETag": '"v1"'})
    settings = settings_for(sqlite_settings)
    source = source_of({"kind": "rss", "url": url})
    polled = collect(settings, source)
    items = polled.publisher.items
    # g1 is reused with another link: another item, kept (and reported).
    assert [i.title for i in items] == ["市民反映某小区供暖不足", "县政府回应道路积水问题", "重复条目"]
    assert items[0].url == f"{base}/a/1.html"  # tracking parameter gone
    assert items[0].published_at is not None and items[0].published_at.year == 2020
    assert items[1].published_at is None  # an invalid date is not invented
    reasons = " ".join(p.reason for p in polled.outcome.problems)
    assert "重复的 GUID" in reasons and "无法识别的日期" in reasons
    errors = [e.reason for e in polled.store.recent_errors("t-src")]
    assert any("重复" in e for e in errors)
    # Second poll: the server sees If-None-Match; nothing is published again.
    again = collect(settings, source, store=polled.store)
    assert again.publisher.items == []
    assert http_server.requests[-1][1].get("if-none-match") == '"v1"'


def _huge(n: int) -> bytes:
    return b"<rss><channel>" + b"<item><title>x</title></item>" * n + b"</channel></rss>"


BAD = {
    "malformed": (dict(body="<rss><channel><item><title>坏的</tit", content_type="application/xml"), "XML"),
    "empty": (dict(body=b"", content_type="application/xml"), "响应为空"),
    "html": (dict(body="<html><body><p>这是一个网页，不是订阅源</p></body></html>", content_type="text/html"),
             "不是 RSS/Atom"),
    "not-found": (dict(body="no", status=404), "HTTP 404"),
    "server-error": (dict(body="oops", status=500), "HTTP 500"),
    "binary": (dict(body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, content_type="image/png"), "二进制"),
    "gigantic": (dict(body=_huge(40000), content_type="application/xml"), "响应过大"),
    "timeout": (dict(body="<rss/>", delay_s=2.5), "超时"),
}
# Only the timeout case has a short read timeout (the server answers 2.5 s late): the others must fail
# for their own reason even when a loaded host is slow to serve them.
READ_TIMEOUT_S = {"timeout": 0.5}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_recorded_never_published(case: str, http_server, sqlite_settings, settings_for, source_of,
                                               collect) -> None:
    route, reason = BAD[case]
    url = http_server.add("/feed.xml", **route)
    settings = settings_for(sqlite_settings, max_bytes=500_000, read_timeout_s=READ_TIMEOUT_S.get(case, 10.0),
                            retries=0)
    polled = collect(settings, source_of({"kind": "rss", "url": url}))
    assert polled.publisher.items == []
    assert polled.outcome.failure is not None and reason in polled.outcome.failure.reason
    row = polled.store.health("t-src")
    assert row is not None and row.consecutive_failures == 1 and reason in (row.last_error or "")
    assert any(reason in e.reason for e in polled.store.recent_errors("t-src"))


def test_redirect_loop_and_429_retry_after(http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    http_server.add("/a", status=302, headers={"Location": "/b"})
    http_server.add("/b", status=302, headers={"Location": "/a"})
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source_of({"kind": "rss", "url": http_server.url("/a")}))
    assert polled.outcome.failure is not None and "重定向循环" in polled.outcome.failure.reason

    calls = {"n": 0}

    def limited(_handler):  # first answer 429 with Retry-After, then the feed
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "1"}, b"slow down"
        return 200, {"Content-Type": "application/xml"}, FEED.format(base="http://x.cn").encode()

    http_server.handle("/limited.xml", limited)
    polled = collect(settings, source_of({"kind": "rss", "url": http_server.url("/limited.xml")}))
    assert polled.outcome.failure is None and calls["n"] == 2
    assert len(polled.publisher.items) == 3  # g1 reused with a distinct link is its own item


def test_long_retry_after_ends_the_poll_and_is_kept(http_server, sqlite_settings, settings_for, source_of,
                                                    collect) -> None:
    url = http_server.add("/feed.xml", "busy", status=429, headers={"Retry-After": "3600"})
    polled = collect(settings_for(sqlite_settings), source_of({"kind": "rss", "url": url}))
    assert polled.outcome.failure is not None and polled.outcome.failure.retry_after == 3600
    assert http_server.hits["/feed.xml"] == 1
    assert polled.store.health("t-src").retry_after is not None


def test_robots_txt_is_obeyed(http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    http_server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    url = http_server.add("/private/feed.xml", FEED.format(base="http://x.cn"), content_type="application/xml")
    polled = collect(settings_for(sqlite_settings), source_of({"kind": "rss", "url": url}))
    assert polled.outcome.failure is not None and "robots.txt" in polled.outcome.failure.reason
    assert "/private/feed.xml" not in http_server.hits
    # The User-Agent is ours on every request.
    assert all("YuqingCollector" in headers.get("user-agent", "") for _, headers in http_server.requests)


def test_store_failure_state_survives(sqlite_settings) -> None:
    store = CollectorStore(sqlite_settings)
    assert store.health("nobody") is None and store.pending("nobody") == []
