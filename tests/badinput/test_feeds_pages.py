# ruff: noqa: E501  (the corpus is a table of cases: one case per line reads best)
"""Bad feeds, entries and pages over real HTTP: no crash, no hang, a reason for each, the rest stored."""

from __future__ import annotations

import gzip
import os
import random
import zlib
from collections.abc import Iterator

import pytest
from badinput_helpers import poll, settings, source
from recorded_http import Server

from collectors import extract, pages
from collectors.fetch import Fetched
from core.errors import Failure
from core.settings import StoreSettings
from store.db import migrate

pytestmark = pytest.mark.timeout(60)

GOOD = ('<item><title>市民反映{tag}小区停水</title><link>{base}/good/{tag}/1.html</link>'
        '<description>东城区某小区停水三天。</description></item>'
        '<item><title>县政府回应{tag}道路积水</title><link>{base}/good/{tag}/2.html</link>'
        '<description>将尽快疏通排水管道。</description></item>')
ITEM = "<item><title>{title}</title><link>{link}</link><description>{text}</description>{extra}</item>"
CRASH_MARK = "采集程序错误"  # what the collector says when a kind raised: a crash, never accepted


def _item(title: str = "坏条目", link: str = "{base}/bad/{tag}.html", text: str = "正文。", extra: str = "") -> str:
    return ITEM.format(title=title, link=link, text=text, extra=extra)


def _entry_cases() -> Iterator[tuple[str, str]]:
    """(name, poison entry markup): one bad entry among good ones."""
    links = {
        "ipv6-unclosed": "http://[::1", "port-out-of-range": "http://a.cn:99999/x", "javascript": "javascript:alert(1)",
        "empty": "", "blank": "   ", "mailto": "mailto:x@example.org", "ftp": "ftp://a.cn/x",
        "host-5000": "http://" + "a" * 5000 + ".cn/", "no-scheme": "//a.cn/x", "data-url": "data:text/html,xx",
        "bad-percent": "http://a.cn/%zz%", "userinfo": "http://user:pass@a.cn/x", "ipv6-zone": "http://[fe80::1%25eth0]/",
        "idna-bad": "http://xn--bad-.cn/", "port-zero": "http://127.0.0.1:0/", "file": "file:///etc/passwd",
        "path-8000": "http://a.cn/" + "路径" * 4000, "spaces": "http://a.cn/a b c", "backslashes": "http:\\\\a.cn\\x",
        "unicode-host": "http://例子.中国/新闻", "only-scheme": "http:", "many-slashes": "http:////////a.cn",
        "tab-newline": "http://a.cn/\tx\ny", "ipv6-ok": "http://[::1]:8080/ok", "query-5000": "http://a.cn/?q=" + "x" * 5000,
    }
    for name, link in links.items():
        yield f"link-{name}", _item(link=link.replace("&", "&amp;").replace("<", "&lt;"))
    texts = {
        "empty-title-and-text": ("", ""), "huge-description": ("超长正文", "长" * 1_500_000),
        "nested-description": ("嵌套", "&lt;div&gt;" * 50_000 + "正文"), "title-10k": ("题" * 10_000, "正文"),
        "nul-charref": ("空字符&#0;标题", "正文&#0;"), "surrogate-charref": ("代理&#xD800;标题", "正文&#xDFFF;"),
        "charref-out-of-range": ("越界&#1114112;", "正文&#99999999999;"), "script": ("脚本", "&lt;script&gt;alert(1)&lt;/script&gt;正文"),
        "entity-flood": ("实体", "&amp;amp;" * 100_000), "emoji": ("😀🔥👍", "🔥" * 1000),
        "bidi-controls": ("\u202e反转\u202c标题", "\u200b\u200f正文\ufeff"), "control-chars": ("控制", "a\x0bb\x0cc"),
        "only-whitespace": ("   ", "\u3000\u3000"), "cdata-html": ("CDATA", "<![CDATA[<p>正文</p><img src=x onerror=1>]]>"),
        "unclosed-html": ("未闭合", "&lt;p&gt;&lt;b&gt;&lt;i&gt;正文"), "many-images": ("图片", "&lt;img src=x&gt;" * 20_000),
    }
    for name, (title, text) in texts.items():
        yield f"text-{name}", _item(title=title, text=text)
    dates = ["32 Foo 2020 99:00", "9999-99-99", "Mon, 01 Jan 10000 00:00:00 GMT", "-1", "0", "9" * 40,
             "2020-02-30T25:61:61Z", "昨天", "Tue, 31 Dec 1899 23:59:59 +2500"]
    for n, value in enumerate(dates):
        yield f"date-{n}", _item(extra=f"<pubDate>{value}</pubDate>")
    counts = ["99999999999999999999999", "-5", "abc", "1e400", "2147483648", "３"]
    for n, value in enumerate(counts):
        yield f"comments-{n}", _item(extra=f'<slash:comments xmlns:slash="http://purl.org/rss/1.0/modules/slash/">'
                                           f"{value}</slash:comments>")
    yield "guid-same-link", _item(link="{base}/good/{tag}/1.html", extra="<guid>g-dup</guid>")
    yield "guid-distinct-link", (_item(link="{base}/bad/{tag}-a.html", extra="<guid>g-same</guid>")
                                 + _item(link="{base}/bad/{tag}-b.html", extra="<guid>g-same</guid>"))
    yield "guid-10k", _item(extra="<guid>" + "g" * 10_000 + "</guid>")
    yield "guid-empty", _item(extra="<guid></guid>")
    yield "author-10k", _item(extra="<author>" + "作" * 10_000 + "</author>")
    yield "author-nul", _item(extra="<author>作者&#0;</author>")


def _feed(tag: str, base: str, entries: str) -> bytes:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>测试</title>'
            + GOOD.format(tag=tag, base=base) + entries.format(base=base, tag=tag) + "</channel></rss>")
    return body.encode("utf-8")


ENTRY_CASES = list(_entry_cases())


def _feed_cases() -> Iterator[tuple[str, bytes | None, dict[str, str], int, bool]]:
    """(name, body or None for the standard feed, extra headers, status, good entries expected)."""
    rnd = random.Random(13)
    yield "empty-body", b"", {}, 200, False
    yield "whitespace-body", b" \n\t ", {}, 200, False
    yield "png", b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(2000)), {"Content-Type": "image/png"}, 200, False
    yield "random-bytes", bytes(rnd.randrange(256) for _ in range(5000)), {}, 200, False
    yield "html-page", "<html><body><h1>不是订阅源</h1></body></html>".encode(), {"Content-Type": "text/html"}, 200, False
    yield "json", b'{"items": [1, 2, 3]}', {"Content-Type": "application/json"}, 200, False
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
              + ']><rss version="2.0"><channel><item><title>&lol9;</title><link>http://a.cn/1</link></item></channel></rss>')
    yield "billion-laughs", laughs.encode(), {}, 200, False
    xxe = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
           '<item><title>&x;</title><link>http://a.cn/xxe</link></item></channel></rss>')
    yield "xxe", xxe.encode(), {}, 200, False
    bomb = gzip.compress(b"<rss>" + b" " * 60_000_000)
    yield "gzip-bomb", bomb, {"Content-Encoding": "gzip"}, 200, False
    yield "deflate-garbage", b"not deflate at all", {"Content-Encoding": "deflate"}, 200, False
    yield "deflate-bomb", zlib.compress(b"<" * 60_000_000), {"Content-Encoding": "deflate"}, 200, False
    yield "truncated-xml", None, {"truncate": "1"}, 200, True
    yield "nul-in-middle", None, {"nul": "1"}, 200, True
    yield "utf16-le-bom", None, {"utf16": "le"}, 200, True
    yield "utf16-be-bom", None, {"utf16": "be"}, 200, True
    yield "utf16-no-bom", None, {"utf16": "nobom"}, 200, True
    yield "gbk-declared-utf8", None, {"gbk": "1"}, 200, True
    yield "status-404", b"not found", {}, 404, False
    yield "status-500", b"oops", {}, 500, False
    yield "status-429-2099", b"slow", {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}, 429, False
    yield "status-503-huge-retry-after", b"busy", {"Retry-After": "9" * 30}, 503, False
    yield "redirect-loop", b"", {"Location": "/feeds/redirect-loop.xml"}, 301, False
    yield "redirect-to-file", b"", {"Location": "file:///etc/passwd"}, 302, False
    yield "redirect-no-location", b"", {}, 302, False
    yield "content-length-lies", None, {"Content-Length": "10"}, 200, False
    yield "three-thousand-entries", None, {"many": "3000"}, 200, True
    yield "deep-xml", ('<?xml version="1.0"?><rss version="2.0"><channel>' + "<x>" * 20_000 + "</x>" * 20_000
                       + "</channel></rss>").encode(), {}, 200, False
    yield "huge-attribute", None, {"attr": "1"}, 200, True
    yield "two-channels", None, {"channels": "2"}, 200, True
    yield "atom-bad-namespace", ('<?xml version="1.0"?><feed xmlns="http://bad/ns"><entry><title>条目</title>'
                                 '<link href="http://a.cn/atom1"/></entry></feed>').encode(), {}, 200, False
    yield "rss-no-items", b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', {}, 200, False
    yield "processing-instructions", None, {"pi": "1"}, 200, True


FEED_CASES = list(_feed_cases())


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    pages_server = Server().start()
    yield pages_server
    pages_server.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> StoreSettings:
    """One store for the module: each case polls a source of its own."""
    store = StoreSettings(url=f"sqlite:///{tmp_path_factory.mktemp('badinput') / 'c.db'}")
    migrate(store)
    return store


def _assert_no_crash(outcome_failure: Failure | None) -> None:
    if outcome_failure is not None:
        assert outcome_failure.reason and CRASH_MARK not in outcome_failure.reason, outcome_failure.reason


@pytest.mark.parametrize(("name", "entry"), ENTRY_CASES, ids=[c[0] for c in ENTRY_CASES])
def test_bad_entry_costs_only_itself(name: str, entry: str, server: Server, store: StoreSettings) -> None:
    url = server.add(f"/entries/{name}.xml", _feed(name, server.base, entry), content_type="application/rss+xml")
    polled = poll(settings(store, max_bytes=8_000_000), source({"id": f"e-{name}", "kind": "rss", "url": url}))
    assert polled.outcome.failure is None, polled.outcome.failure
    titles = {i.title for i in polled.publisher.items}
    assert {f"市民反映{name}小区停水", f"县政府回应{name}道路积水"} <= titles, "a good entry was lost"
    poison_published = len(polled.publisher.items) - 2
    if poison_published <= 0 and name != "guid-same-link":
        assert polled.outcome.problems, "a bad entry was dropped without a reason"
    for problem in polled.outcome.problems:
        assert problem.reason.strip()


def _body(name: str, base: str, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    standard = _feed(name, base, "").decode("utf-8")
    extra = {k: v for k, v in headers.items() if k[0].isupper()}
    if "truncate" in headers:
        return standard[: standard.index("</item>", standard.index("</item>") + 1) + 7 + 40].encode(), extra
    if "nul" in headers:
        return standard.replace("</channel>", "\x00</channel>").encode(), extra
    if "utf16" in headers:
        text = standard.replace('encoding="utf-8"', 'encoding="utf-16"')
        kind = headers["utf16"]
        encoded = {"le": b"\xff\xfe" + text.encode("utf-16-le"), "be": b"\xfe\xff" + text.encode("utf-16-be"),
                   "nobom": text.encode("utf-16-le")}[kind]
        return encoded, {**extra, "Content-Type": "application/xml"}
    if "gbk" in headers:
        return standard.encode("gbk"), {**extra, "Content-Type": "application/rss+xml; charset=utf-8"}
    if "many" in headers:
        many = "".join(_item(title=f"条目{i}", link=f"{{base}}/many/{i}.html") for i in range(int(headers["many"])))
        return _feed(name, base, many), extra
    if "attr" in headers:
        return standard.replace("<channel>", '<channel x="' + "a" * 2_000_000 + '">').encode(), extra
    if "channels" in headers:
        return standard.replace("</channel>", "</channel><channel><title>二</title></channel>").encode(), extra
    if "pi" in headers:
        return standard.replace("<channel>", "<channel>" + "<?pi x?>" * 10_000).encode(), extra
    return standard.encode(), extra


@pytest.mark.parametrize(("name", "body", "headers", "status", "good"), FEED_CASES, ids=[c[0] for c in FEED_CASES])
def test_bad_feed_fails_with_a_reason_or_keeps_its_good_entries(
        name: str, body: bytes | None, headers: dict[str, str], status: int, good: bool, server: Server,
        store: StoreSettings) -> None:
    extra = dict(headers)
    if body is None:
        body, extra = _body(name, server.base, headers)
    content_type = extra.pop("Content-Type", "application/rss+xml")
    url = server.add(f"/feeds/{name}.xml", body, status=status, content_type=content_type, headers=extra)
    polled = poll(settings(store, max_bytes=5_000_000), source({"id": f"f-{name}", "kind": "rss", "url": url}))
    _assert_no_crash(polled.outcome.failure)
    titles = {i.title for i in polled.publisher.items}
    if good:
        assert {f"市民反映{name}小区停水", f"县政府回应{name}道路积水"} <= titles, (polled.outcome.failure, titles)
    elif not polled.publisher.items:
        reasons = [polled.outcome.failure.reason] if polled.outcome.failure else []
        reasons += [p.reason for p in polled.outcome.problems]
        assert reasons or polled.outcome.found == 0, "nothing published and no reason given"


def _page_cases() -> Iterator[tuple[str, bytes, str]]:
    rnd = random.Random(17)
    head = "<html><head><title>某市回应供水问题</title></head><body>"
    para = "<p>市民反映，东城区供水中断多日，相关部门表示正在抢修。</p>"
    yield "nested-div-1mb", (head + "<div>市民反映，供水中断多日。" * 40_000).encode(), "text/html"
    yield "nested-span", (head + "<span>" * 100_000 + "正文").encode(), "text/html"
    yield "nested-table", (head + "<table><tr><td>" * 20_000 + "正文").encode(), "text/html"
    yield "nested-font", (head + "<font><b><i>" * 30_000 + "正文").encode(), "text/html"
    yield "closed-deep", (head + "<div>" * 3_000 + para + "</div>" * 3_000).encode(), "text/html"
    yield "unclosed-comment", (head + para + "<!-- " + "x" * 500_000).encode(), "text/html"
    yield "unclosed-script", (head + "<script>" + "var a=1;" * 100_000).encode(), "text/html"
    yield "huge-attribute", (head + f'<div class="{"a" * 2_000_000}">' + para + "</div>").encode(), "text/html"
    yield "ten-thousand-links", (head + '<a href="/x">链接</a>' * 10_000 + para).encode(), "text/html"
    yield "many-paragraphs", (head + para * 20_000).encode(), "text/html"
    yield "one-long-line", (head + "<p>" + "长" * 1_500_000 + "</p>").encode(), "text/html"
    yield "binary-png", b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(4000)), "image/png"
    yield "random-bytes", bytes(rnd.randrange(256) for _ in range(4000)), "text/html"
    yield "nul-bytes", (head + para).encode() + b"\x00" * 3 + para.encode(), "text/html"
    yield "utf16-le", b"\xff\xfe" + (head + para).encode("utf-16-le"), "text/html"
    yield "utf16-no-bom", (head + para).encode("utf-16-le"), "text/html"
    yield "gbk-undeclared", (head + para).encode("gbk"), "text/html"
    yield "gbk-declared-utf8", (head + para).encode("gbk"), "text/html; charset=utf-8"
    yield "big5", (head + para).encode("big5", "replace"), "text/html; charset=big5"
    yield "bogus-charset", (head + para).encode(), "text/html; charset=x-no-such"
    yield "empty", b"", "text/html"
    yield "whitespace", b"   \n  ", "text/html"
    yield "only-script", b"<html><script>alert(1)</script></html>", "text/html"
    yield "frameset", b"<frameset><frame src=/a></frameset>", "text/html"
    yield "svg", b'<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>', "image/svg+xml"
    yield "xml-not-html", b'<?xml version="1.0"?><a><b>c</b></a>', "text/html"
    yield "entity-flood", (head + "&amp;" * 300_000).encode(), "text/html"
    yield "bidi-title", "<html><head><title>\u202e反转标题</title></head><body><p>正文内容足够长，需要抽取。</p></body></html>".encode(), "text/html"
    yield "meta-date-garbage", (head.replace("<title>", '<meta name="pubdate" content="9999-99-99"><title>') + para).encode(), "text/html"
    yield "author-meta-10k", (head.replace("<title>", f'<meta name="author" content="{"作" * 10_000}"><title>') + para).encode(), "text/html"
    yield "surrogate-charref", (head + "<p>代理&#xD800;字符，正文内容。</p>").encode(), "text/html"
    yield "nul-charref", (head + "<p>空&#0;字符，正文内容。</p>").encode(), "text/html"
    yield "gzip-magic", gzip.compress(b"<html>" + b"x" * 1000), "text/html"
    yield "pdf", b"%PDF-1.4\n" + os.urandom(1000), "application/pdf"
    yield "crlf-only", b"\r\n" * 10_000, "text/html"
    yield "mixed-scripts", (head + "<p>Русский текст 和中文 mixed عربي 😀</p>" * 100).encode(), "text/html"
    yield "noscript-only", (head + "<noscript>" + para * 100 + "</noscript>").encode(), "text/html"
    yield "headings-only", (head + "<h1>标题</h1>" * 5_000).encode(), "text/html"
    yield "list-items", (head + "<ul>" + "<li>条目，内容，更多内容。</li>" * 20_000 + "</ul>").encode(), "text/html"
    yield "br-soup", (head + "正文一行，内容。<br>" * 50_000).encode(), "text/html"


PAGE_CASES = list(_page_cases())


@pytest.mark.parametrize(("name", "body", "content_type"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_bad_page_gives_text_or_a_reason(name: str, body: bytes, content_type: str) -> None:
    fetched = Fetched(url=f"http://127.0.0.1/{name}", status=200, headers={"content-type": content_type}, body=body)
    text = pages.page_text(fetched)
    if isinstance(text, Failure):
        assert text.reason.strip()
        return
    article = extract.extract(text)
    assert isinstance(article.title, str) and isinstance(article.text, str)
    assert extract.extract(text) is article  # an unchanged page is not extracted again
