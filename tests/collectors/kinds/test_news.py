"""The news kind: a list page of links, article pages from the recorded fixtures."""

from __future__ import annotations

import json
from pathlib import Path

LIST = """<html><head><meta charset="utf-8"><title>本地新闻</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/about.html">关于我们</a></div>
<ul class="news">
  <li><a href="/news/xinhua.html?from=timeline">新华网文章</a></li>
  <li><a href="/news/banyuetan.html">半月谈文章</a></li>
  <li><a href="/news/gone.html">已删除的文章</a></li>
  <li><a href="http://elsewhere.example/news/x.html">外站文章</a></li>
</ul></body></html>"""


def test_list_and_articles(http_server, fixtures: Path, sqlite_settings, settings_for, source_of, collect) -> None:
    traf = fixtures / "trafilatura"
    cases = {c["file"]: c for c in json.loads((traf / "evaldata_chinese_subset.json").read_text("utf-8")).values()}
    http_server.add("/list.html", LIST, content_type="text/html; charset=utf-8")
    http_server.add("/news/xinhua.html", (traf / "xinhuanet.com.c_1125597921.html").read_bytes(),
                    content_type="text/html")
    banyuetan = "banyuetan.org.1000200033136171577956287380194268_1.html"
    http_server.add("/news/banyuetan.html", (traf / banyuetan).read_bytes(), content_type="text/html")
    source = source_of({"kind": "news", "url": http_server.url("/list.html"),
                        "options": {"link_selector": "ul.news a", "link_pattern": r"/news/"}})
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source)
    items = {i.url.rsplit("/", 1)[1]: i for i in polled.publisher.items}
    assert set(items) == {"xinhua.html", "banyuetan.html"}
    xinhua = items["xinhua.html"]
    case = cases["xinhuanet.com.c_1125597921.html"]
    assert xinhua.title == case["title"]
    assert all(s in xinhua.text for s in case["with"]) and not any(s in xinhua.text for s in case["without"])
    assert xinhua.author == "焦鹏" and xinhua.published_at is not None
    assert items["banyuetan.html"].author == "孔德明"
    # The deleted article is a problem of this poll, not a failure of the source.
    assert polled.outcome.failure is None
    assert any("HTTP 404" in p.reason for p in polled.outcome.problems)
    # Published articles are not fetched again.
    hits = dict(http_server.hits)
    again = collect(settings, source, store=polled.store)
    assert again.publisher.items == []
    assert http_server.hits["/news/xinhua.html"] == hits["/news/xinhua.html"]


def test_gb2312_article_with_lying_meta(http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    body = ("<html><head><meta charset='utf-8'><title>县城管局回应占道经营问题_某某网</title></head><body>"
            "<h1>县城管局回应占道经营问题</h1><div class='info'>2024年03月05日 10:20 来源：某某网</div>"
            "<div class='content'><p>近日，有网民反映县城区多处路段存在占道经营现象，影响交通出行。</p>"
            "<p>县城管局表示，已组织执法人员开展专项整治，并将建立长效管理机制，欢迎群众监督。</p></div>"
            "</body></html>").encode("gb2312")
    http_server.add("/list.html", "<a href='/a.html'>文章</a>", content_type="text/html")
    http_server.add("/a.html", body, content_type="text/html; charset=utf-8")
    polled = collect(settings_for(sqlite_settings), source_of({"kind": "news", "url": http_server.url("/list.html")}))
    [item] = polled.publisher.items
    assert item.title == "县城管局回应占道经营问题"
    assert "专项整治" in item.text and item.published_at is not None and item.published_at.year == 2024
    assert item.text_simplified is None  # already simplified: no second copy on the wire
