"""One bad entry, item, link or answer costs only itself: the feed, the source and the host go on."""

from __future__ import annotations

import asyncio
import codecs
import time
from collections.abc import Sequence

from collectors import extract, items
from collectors.fetch import MAX_RETRY_AFTER_S, Fetcher, looks_binary, retry_after_seconds
from collectors.publish import DryRunPublisher, Refused
from collectors.service import Collector
from collectors.state import CollectorStore
from core.contracts import MAX_TEXT_CHARS, RawItem

ENTRY = "<item><title>{title}</title><link>{link}</link><description>{text}</description></item>"


def _feed(entries: list[str]) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>测试</title>'
            + "".join(entries) + "</channel></rss>")


def _entries(base: str, n: int, prefix: str = "a") -> list[str]:
    return [ENTRY.format(title=f"市民反映问题{i}", link=f"{base}/{prefix}/{i}.html", text=f"某区供水中断第{i}天。")
            for i in range(n)]


def test_a_broken_link_skips_its_entry_not_the_feed(http_server, sqlite_settings, settings_for, source_of,
                                                    collect) -> None:
    base = http_server.url("")
    bad = [ENTRY.format(title="坏链接", link="http://[::1", text="正文"),
           ENTRY.format(title="端口越界", link="http://a.cn:99999/x", text="正文"),
           ENTRY.format(title="脚本链接", link="javascript:alert(1)", text="正文")]
    url = http_server.add("/f.xml", _feed(_entries(base, 3) + bad + _entries(base, 3, "b")),
                          content_type="application/rss+xml")
    polled = collect(settings_for(sqlite_settings), source_of({"kind": "rss", "url": url}))
    assert polled.outcome.failure is None
    assert len(polled.publisher.items) == 6
    reasons = " ".join(p.reason for p in polled.outcome.problems)
    # Each bad entry is named with its reason (the feed parser may already drop an unreadable link).
    assert "条目 3" in reasons and "99999" in reasons and "javascript:alert(1)" in reasons


def test_an_oversized_description_is_cut_with_a_marker_and_the_rest_published(
        http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    base = http_server.url("")
    huge = ENTRY.format(title="超长正文", link=f"{base}/huge.html", text="长" * 1_500_000)
    url = http_server.add("/f.xml", _feed([huge, *_entries(base, 2)]), content_type="application/rss+xml")
    polled = collect(settings_for(sqlite_settings, max_bytes=8_000_000), source_of({"kind": "rss", "url": url}))
    assert polled.outcome.failure is None
    published = {i.title: i for i in polled.publisher.items}
    assert len(published) == 3
    cut = published["超长正文"]
    assert len(cut.text) == MAX_TEXT_CHARS and cut.text.endswith(items.TRUNCATED_MARK)
    assert any("已截断" in p.reason for p in polled.outcome.problems)


class RefusingPublisher(DryRunPublisher):
    """Refuses items whose title says so, as a broker refuses a message too large for it."""

    def publish(self, batch: Sequence[RawItem]) -> tuple[list[tuple[str, int]], list[Refused], None]:
        acked, _, _ = super().publish([i for i in batch if "拒收" not in i.title])
        return acked, [(i.id, i.revision, "too large") for i in batch if "拒收" in i.title], None


def test_an_item_refused_by_the_broker_is_recorded_and_never_holds_the_source(
        http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    base = http_server.url("")
    refused = ENTRY.format(title="拒收条目", link=f"{base}/refused.html", text="正文")
    url = http_server.add("/f.xml", _feed([refused, *_entries(base, 2)]), content_type="application/rss+xml")
    settings = settings_for(sqlite_settings)
    source = source_of({"kind": "rss", "url": url})
    store = CollectorStore(settings.store)
    first = collect(settings, source, store=store, publisher=RefusingPublisher())
    assert first.outcome.failure is None and first.outcome.published == 2
    assert any("refused" in p.reason for p in first.outcome.problems)
    assert store.pending("t-src") == []  # nothing left to re-send on every poll
    # The next poll publishes the source's new items.
    http_server.add("/f.xml", _feed([refused, *_entries(base, 3)]), content_type="application/rss+xml")
    second = collect(settings, source, store=store, publisher=RefusingPublisher())
    assert second.outcome.failure is None and second.outcome.published == 1
    assert any("refused" in e.reason for e in store.recent_errors("t-src"))


def test_retry_after_is_capped_and_holds_only_its_source(http_server, sqlite_settings, settings_for,
                                                          source_of) -> None:
    assert retry_after_seconds("Wed, 21 Oct 2099 07:28:00 GMT") == MAX_RETRY_AFTER_S
    assert retry_after_seconds("9" * 30) == MAX_RETRY_AFTER_S
    assert retry_after_seconds("garbage") is None
    base = http_server.url("")
    http_server.add("/slow.xml", b"slow down", status=429,
                    headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT", "Content-Type": "text/plain"})
    others = [http_server.add(f"/ok{i}.xml", _feed(_entries(base, 1, f"s{i}")), content_type="application/rss+xml")
              for i in range(5)]
    settings = settings_for(sqlite_settings, per_host_delay_s=0.05, concurrency=2, per_host_concurrency=1)
    loaded = [source_of({"id": "limited", "kind": "rss", "url": http_server.url("/slow.xml")}),
              *(source_of({"id": f"ok-{i}", "kind": "rss", "url": u}) for i, u in enumerate(others))]
    publisher = DryRunPublisher()

    async def go() -> dict[str, object]:
        fetcher = Fetcher(settings)
        collector = Collector(settings, CollectorStore(settings.store), publisher, fetcher)
        try:
            outcomes = await asyncio.gather(*(collector.poll(s) for s in loaded))
        finally:
            await fetcher.close()
        return {s.spec.id: o for s, o in zip(loaded, outcomes, strict=True)}

    started = time.monotonic()
    outcomes = asyncio.run(go())
    limited = outcomes["limited"]
    assert limited.failure is not None and limited.failure.retry_after == MAX_RETRY_AFTER_S
    assert all(outcomes[f"ok-{i}"].failure is None for i in range(5))
    assert len(publisher.items) == 5
    # Nobody waited for the 2099 date (the poll timeout is 30 s; a held host would hit it).
    assert time.monotonic() - started < settings.poll_timeout_s


def test_utf16_and_a_stray_nul_are_text_not_binary(http_server, sqlite_settings, settings_for, source_of,
                                                   collect) -> None:
    base = http_server.url("")
    def feed(name: str) -> str:
        return _feed(_entries(base, 2, name)).replace('encoding="utf-8"', 'encoding="utf-16"')

    for name, body in (("le", codecs.BOM_UTF16_LE + feed("le").encode("utf-16-le")),
                       ("be", codecs.BOM_UTF16_BE + feed("be").encode("utf-16-be")),
                       ("nobom", feed("nobom").encode("utf-16-le"))):
        assert not looks_binary(body)
        url = http_server.add(f"/{name}.xml", body, content_type="application/xml")
        polled = collect(settings_for(sqlite_settings), source_of({"kind": "rss", "url": url}))
        assert polled.outcome.failure is None, name
        assert [i.title for i in polled.publisher.items] == ["市民反映问题0", "市民反映问题1"], name
    assert not looks_binary(b"<html><body>\x00ok</body></html>")
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert looks_binary(bytes(range(32)) * 20)


def test_pathological_nesting_is_flattened_and_an_unchanged_page_not_extracted_again() -> None:
    page = "<html><head><title>某市回应供水问题</title></head><body>" + "<div>市民反映，供水中断多日。" * 40_000
    article = extract.extract(page)
    assert article.title == "某市回应供水问题" and "供水中断多日" in article.text
    assert extract.extract(page) is article  # served from the cache, not computed again


def test_paragraphs_straight_under_body_are_the_article() -> None:
    paragraph = "<p>市民反映，东城区供水中断多日，相关部门表示正在抢修。</p>"
    page = "<html><head><title>供水中断</title></head><body>" + paragraph * 3
    assert "东城区供水中断多日" in extract.extract(page + "</body></html>").text
