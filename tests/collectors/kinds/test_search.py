"""The search kind against a local search server: HTML and JSON results, several pages, a query with
no results, a 429, a result that a fixed source already published, the query that found each item."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from collectors.kinds import search
from core.contracts import item_id_for

CHINA = timedelta(hours=8)
SCHEME = """\
name: 灵山县人民政府
groups:
  本县: [灵山县, 灵山县人民政府]
  事件: [拆迁, 投诉]
  排除: [灵山大佛]
rules:
  - name: 本县负面
    match: 本县 AND 事件 AND NOT 排除
"""
HTML_TEMPLATE = {
    "url": "http://placeholder/news?wd={keyword}&pn={offset}",
    "results": "html",
    "html": {"row": "div.result", "link": "h3 a", "snippet": "p.summary", "time": "span.time",
             "author": "span.outlet"},
    "page_start": 0, "page_size": 10, "max_pages": 3,
}


def _ago(hours: float) -> str:
    return (datetime.now(UTC) + CHINA - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def _html(rows: list[tuple[str, str, str, float]]) -> str:
    body = "".join(
        f'<div class="result"><h3><a href="{href}">{title}</a></h3><p class="summary">{snippet}</p>'
        f'<span class="outlet">钦州新闻网</span><span class="time">发布时间：{_ago(hours)}</span></div>'
        for href, title, snippet, hours in rows)
    return f"<html><body><div id='content'>{body}</div></body></html>"


@pytest.fixture
def scheme_file(tmp_path: Path) -> Path:
    path = tmp_path / "keywords.yaml"
    path.write_text(SCHEME, encoding="utf-8")
    return path


def _template(server, base: dict) -> dict:
    return {**base, "url": base["url"].replace("http://placeholder", server.url(""))}


def _route(server, template: dict, query: str, page: int, body: str | bytes, **kwargs) -> str:
    url = search.query_url(search.msgspec.convert(template, search.Template), query, page)
    parts = urlsplit(url)
    ctype = kwargs.pop("content_type", "text/html; charset=utf-8")
    return server.add(f"{parts.path}?{parts.query}", body, content_type=ctype, **kwargs)


def test_html_results_once_each_with_the_queries_that_found_them(http_server, sqlite_settings, settings_for,
                                                                  source_of, collect, scheme_file) -> None:
    t = _template(http_server, HTML_TEMPLATE)
    site = http_server.url("/a")
    # A fixed source (RSS) already published one of the stories.
    feed = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>钦州日报</title>
<item><title>灵山县征地拆迁补偿迟迟不到位</title><link>{site}/f.html</link><description>村民投诉</description></item>
</channel></rss>"""
    http_server.add("/feed.xml", feed, content_type="application/rss+xml")
    settings = settings_for(sqlite_settings)
    fixed = collect(settings, source_of({"id": "qz-daily", "kind": "rss", "url": http_server.url("/feed.xml")}))
    assert [i.url for i in fixed.publisher.items] == [f"{site}/f.html"]

    # "灵山县 拆迁": two pages of results and an empty third.
    _route(http_server, t, "灵山县 拆迁", 0, _html([
        (f"{site}/1.html", "灵山县<em>拆迁</em>户讨说法", "灵山县某镇拆迁户反映补偿款被拖欠", 1),
        (f"{site}/2.html?utm_source=baidu", "灵山县城区旧改拆迁进展", "灵山县 拆迁 工作推进会", 2),
        (f"{site}/f.html", "灵山县征地拆迁补偿迟迟不到位", "村民投诉", 3)]))
    _route(http_server, t, "灵山县 拆迁", 1, _html([
        (f"{site}/3.html", "灵山县强拆视频引关注", "网传灵山县拆迁现场视频", 5)]))
    _route(http_server, t, "灵山县 拆迁", 2, _html([]))
    # "灵山县 投诉": one result also found by the first query, one excluded by the scheme.
    _route(http_server, t, "灵山县 投诉", 0, _html([
        (f"{site}/1.html", "灵山县拆迁户讨说法", "灵山县某镇拆迁户投诉补偿款被拖欠", 1),
        (f"{site}/4.html", "灵山大佛景区门票投诉", "游客投诉灵山县某旅行社", 2)]))
    # "灵山县人民政府 拆迁": no results at all.
    _route(http_server, t, "灵山县人民政府 拆迁", 0, _html([]))
    # "灵山县人民政府 投诉": the platform says slow down.
    limited = _route(http_server, t, "灵山县人民政府 投诉", 0, "busy", status=429,
                     headers={"Retry-After": "600"})

    source = source_of({"id": "news-search", "kind": "search", "interval_s": 600,
                        "options": {"scheme": str(scheme_file), "template": t, "cycle_s": 600}})
    polled = collect(settings, source, store=fixed.store)
    got = {i.url: i for i in polled.publisher.items}
    assert sorted(got) == [f"{site}/1.html", f"{site}/2.html", f"{site}/3.html"]
    assert got[f"{site}/1.html"].queries == ("灵山县 拆迁", "灵山县 投诉")
    assert got[f"{site}/3.html"].queries == ("灵山县 拆迁",)
    assert got[f"{site}/1.html"].id == item_id_for(f"{site}/1.html")
    assert got[f"{site}/1.html"].source.kind == "news" and got[f"{site}/1.html"].author == "钦州新闻网"
    assert got[f"{site}/1.html"].title == "灵山县拆迁户讨说法" and "拖欠" in got[f"{site}/1.html"].text
    assert polled.outcome.failure is not None and "429" in polled.outcome.failure.reason
    assert polled.outcome.failure.retry_after == 600
    assert http_server.hits[urlsplit(limited).path + "?" + urlsplit(limited).query] == 1  # no hammering

    # The platform is back: the same slice runs again (the cursor was not saved), nothing twice.
    _route(http_server, t, "灵山县人民政府 投诉", 0, _html([
        (f"{site}/5.html", "群众投诉灵山县人民政府信息公开不及时", "灵山县人民政府 投诉", 0.5)]))
    again = collect(settings, source, store=fixed.store)
    assert [(i.url, i.queries) for i in again.publisher.items] == [(f"{site}/5.html", ("灵山县人民政府 投诉",))]
    assert again.outcome.failure is None

    # Next run: page one already reaches items older than the last run, so page two is not asked for.
    second_page = search.query_url(search.msgspec.convert(t, search.Template), "灵山县 拆迁", 1)
    before = http_server.hits[urlsplit(second_page).path + "?" + urlsplit(second_page).query]
    third = collect(settings, source, store=fixed.store)
    assert third.publisher.items == [] and third.outcome.failure is None
    assert http_server.hits[urlsplit(second_page).path + "?" + urlsplit(second_page).query] == before


def _weibo(posts: list[tuple[str, str, float]], ok: int = 1) -> str:
    cards = [{"card_type": 9, "mblog": {
        "id": mid, "text": text, "created_at": (datetime.now(UTC) - timedelta(hours=hours)).strftime(
            "%a %b %d %H:%M:%S +0000 %Y"),
        "user": {"screen_name": "灵山网友", "verified_type": -1},
        "reposts_count": 12, "comments_count": 30, "attitudes_count": 5}} for mid, text, hours in posts]
    return json.dumps({"ok": ok, "data": {"cards": cards}}, ensure_ascii=False)


def test_json_results_page_on_and_a_query_without_results(http_server, sqlite_settings, settings_for, source_of,
                                                          collect, scheme_file) -> None:
    t = _template(http_server, {
        "url": "http://placeholder/api/container/getIndex?containerid=100103type%3D61%26q%3D{keyword}&page={page}",
        "results": "json", "json": {"items": "data.cards[].mblog"}, "item_kind": "microblog", "max_pages": 4})
    js = "application/json; charset=utf-8"
    _route(http_server, t, "灵山县 拆迁", 0, _weibo([("101", "灵山县拆迁户在县政府门口聚集", 1),
                                                  ("102", "灵山县拆迁补偿标准到底是多少？", 2)]), content_type=js)
    _route(http_server, t, "灵山县 拆迁", 1, _weibo([("103", "#灵山县拆迁# 有人受伤了", 3)]), content_type=js)
    _route(http_server, t, "灵山县 拆迁", 2, _weibo([], ok=0), content_type=js)
    _route(http_server, t, "灵山县 投诉", 0, _weibo([("101", "灵山县拆迁户在县政府门口聚集，投诉无门", 1),
                                                  ("104", "今天天气不错", 1)]), content_type=js)
    _route(http_server, t, "灵山县 投诉", 1, _weibo([], ok=0), content_type=js)
    for query in ("灵山县人民政府 拆迁", "灵山县人民政府 投诉"):
        _route(http_server, t, query, 0, json.dumps({"ok": 0, "msg": "这里还没有内容", "data": {"cards": []}},
                                                    ensure_ascii=False), content_type=js)
    settings = settings_for(sqlite_settings)
    source = source_of({"id": "weibo-search", "kind": "search", "interval_s": 600,
                        "options": {"scheme": str(scheme_file), "template": t, "cycle_s": 600}})
    polled = collect(settings, source)
    assert polled.outcome.failure is None, polled.outcome.failure
    got = {i.url.rsplit("/", 1)[1]: i for i in polled.publisher.items}
    # 104 does not name the county and an event: the platform's loose match is filtered out.
    assert sorted(got) == ["101", "102", "103"]
    assert got["101"].queries == ("灵山县 拆迁", "灵山县 投诉") and got["103"].queries == ("灵山县 拆迁",)
    assert got["101"].source.kind == "microblog" and got["101"].engagement.replies == 30
    assert collect(settings, source, store=polled.store).publisher.items == []


def test_the_schedule_spreads_a_large_scheme_over_the_cycle(tmp_path: Path, settings_for, source_of) -> None:
    subjects = [f"灵山县{n}镇" for n in range(20)]
    events = [f"事件{n:02d}" for n in range(30)]
    path = tmp_path / "big.yaml"
    path.write_text(json.dumps({"name": "大方案", "groups": {"主体": subjects, "事件": events},
                                "rules": [{"name": "全部", "match": "主体 AND 事件"}]}, ensure_ascii=False),
                    encoding="utf-8")
    source = source_of({"id": "big", "kind": "search", "interval_s": 60,
                        "options": {"scheme": str(path), "template": "baidu_news", "cycle_s": 3600}})
    settings = settings_for(per_host_delay_s=0.5, poll_timeout_s=300.0)
    plan = search.plan(source.spec, source.options, settings)
    assert len(plan.queries) == 600 and plan.per_poll == 10 and plan.polls_per_cycle == 60
    assert plan.requests_per_hour == (600.0, 1800.0) and plan.host_capacity_per_hour == 7200.0
    assert plan.poll_seconds == 15.0 and plan.fits
    assert "每小时 600–1,800 次请求" in "\n".join(plan.describe())
    # The same scheme every minute for every query would not fit: the plan says so.
    hasty = source_of({"id": "big", "kind": "search", "interval_s": 60,
                       "options": {"scheme": str(path), "template": "baidu_news", "cycle_s": 60}})
    assert not search.plan(hasty.spec, hasty.options, settings).fits


def test_a_bad_scheme_or_template_is_refused_when_the_registry_loads(tmp_path: Path, source_of) -> None:
    from core.errors import ConfigError

    bad = tmp_path / "bad.yaml"
    bad.write_text(SCHEME.replace("本县 AND 事件", "本线 AND 事件"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml:8: rules\[0\].match: 第 1 列: 未知的词组 '本线'"):
        source_of({"kind": "search", "options": {"scheme": str(bad)}})
    good = tmp_path / "good.yaml"
    good.write_text(SCHEME, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"has no \{keyword\}"):
        source_of({"kind": "search", "url": "http://127.0.0.1/s?q=x", "options": {"scheme": str(good)}})
    with pytest.raises(ConfigError, match="template 'bing' is not one of"):
        source_of({"kind": "search", "options": {"scheme": str(good), "template": "bing"}})
    with pytest.raises(ConfigError, match=r"rules \['别的'\] are not rules"):
        source_of({"kind": "search", "options": {"scheme": str(good), "rules": ["别的"]}})


def test_the_dry_run_prints_the_expansion_the_schedule_and_the_items(http_server, tmp_path: Path, scheme_file,
                                                                     capsys) -> None:
    from yuqing.cli import main

    t = _template(http_server, HTML_TEMPLATE)
    site = http_server.url("/a")
    _route(http_server, t, "灵山县 拆迁", 0, _html([(f"{site}/1.html", "灵山县拆迁户讨说法", "补偿款被拖欠", 1)]))
    _route(http_server, t, "灵山县 投诉", 0, _html([]))
    registry = tmp_path / "sources.yaml"
    registry.write_text(json.dumps({"sources": [{
        "id": "s", "name": "资讯搜索", "kind": "search", "interval_s": 1800,
        "options": {"scheme": str(scheme_file), "template": t, "cycle_s": 3600}}]}, ensure_ascii=False),
        encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "never.db"}"\n[collectors]\nper_host_delay_s = 0.0\n',
                      encoding="utf-8")
    assert main(["--config", str(config), "sources", "check", str(registry), "--poll", "s"]) == 0
    out = capsys.readouterr()
    assert "关键词方案展开为 4 个搜索词" in out.err and "每次采集（每 1800s）搜索 2 个词" in out.err
    assert "▶     1  灵山县 拆迁  〔规则 本县负面〕" in out.err and "      3  灵山县人民政府 拆迁" in out.err
    [line] = [x for x in out.out.splitlines() if x.startswith("{")]
    item = json.loads(line)
    assert item["queries"] == ["灵山县 拆迁"] and item["url"] == f"{site}/1.html"
    assert not (tmp_path / "never.db").exists()


def test_a_large_scheme_runs_in_slices_that_rotate_through_every_query(http_server, sqlite_settings, settings_for,
                                                                      source_of, collect, tmp_path: Path) -> None:
    from urllib.parse import parse_qs

    asked: list[str] = []

    def answer(handler):
        asked.append(parse_qs(urlsplit(handler.path).query)["wd"][0])
        return 200, {"Content-Type": "text/html; charset=utf-8"}, _html([]).encode()

    subjects = [f"灵山县{n}镇" for n in range(20)]
    events = [f"事件{n:02d}" for n in range(30)]
    path = tmp_path / "big.yaml"
    path.write_text(json.dumps({"name": "大方案", "groups": {"主体": subjects, "事件": events},
                                "rules": [{"name": "全部", "match": "主体 AND 事件"}]}, ensure_ascii=False),
                    encoding="utf-8")
    t = _template(http_server, HTML_TEMPLATE)
    source = source_of({"id": "big", "kind": "search", "interval_s": 60,
                        "options": {"scheme": str(path), "template": t, "cycle_s": 3600}})
    settings = settings_for(sqlite_settings)
    for query in search.plan(source.spec, source.options, settings).queries:
        url = urlsplit(search.query_url(search.msgspec.convert(t, search.Template), query.text, 0))
        http_server.handle(f"{url.path}?{url.query}", answer)
    store = None
    for _ in range(3):
        polled = collect(settings, source, store=store)
        store = polled.store
        assert polled.outcome.failure is None
    # Three polls of a 600-query scheme every 60 s over a 3600 s cycle: 10 queries each, none twice.
    assert len(asked) == 30 and len(set(asked)) == 30
    assert asked[:2] == ["灵山县0镇 事件00", "灵山县0镇 事件01"] and asked[-1] == "灵山县0镇 事件29"


def test_follow_fetches_the_full_text_and_keeps_the_snippet_when_the_page_fails(
        http_server, sqlite_settings, settings_for, source_of, collect, scheme_file) -> None:
    t = {**_template(http_server, HTML_TEMPLATE), "max_pages": 1}
    site = http_server.url("/a")
    article = ("<html><head><title>灵山县拆迁户讨说法</title></head><body><article><h1>灵山县拆迁户讨说法</h1>"
               "<p>记者近日走访灵山县檀圩镇，多名拆迁户反映，征地补偿款已被拖欠两年，镇政府答复称资金尚未到位。</p>"
               "<p>县住建局工作人员表示，将尽快核实并给出处理意见。</p></article></body></html>")
    http_server.add("/a/1.html", article, content_type="text/html; charset=utf-8")
    http_server.add("/a/2.html", "gone", status=404)
    _route(http_server, t, "灵山县 拆迁", 0, _html([
        (f"{site}/1.html", "灵山县拆迁户讨说法", "灵山县拆迁户反映补偿款被拖欠…", 1),
        (f"{site}/2.html", "灵山县拆迁进展", "灵山县拆迁工作推进…", 2)]))
    for query in ("灵山县 投诉", "灵山县人民政府 拆迁", "灵山县人民政府 投诉"):
        _route(http_server, t, query, 0, _html([]))
    source = source_of({"id": "follow", "kind": "search", "interval_s": 600,
                        "options": {"scheme": str(scheme_file), "template": t, "cycle_s": 600, "follow": True}})
    polled = collect(settings_for(sqlite_settings), source)
    got = {i.url: i for i in polled.publisher.items}
    assert "县住建局工作人员表示" in got[f"{site}/1.html"].text
    assert got[f"{site}/2.html"].text == "灵山县拆迁工作推进…"
    assert any("保留摘要" in p.reason and "404" in p.reason for p in polled.outcome.problems)
