"""Each built-in search template against its fixture (tests/collectors/fixtures/search/README.md says
what each was built from): read directly, then served by a local server and polled as a source."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import msgspec
import pytest
import yaml

from collectors.kinds import search
from collectors.textnorm import simplified
from core import keywords

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
SCHEME = """\
name: 测试方案
groups:
  本县: [灵山县]
  事件: [投诉, 拆迁, 拖欠]
  排除: [灵山大佛, 灵山胜境, 灵山寺]
rules:
  - name: 检索
    match: 本县 AND "投诉" AND NOT 排除
  - name: 本县负面
    match: 本县 AND 事件 AND NOT 排除
    search: false
"""
# Ten years: the fixtures' dates are fixed, the test may run long after they were written.
LOOKBACK_S = 10 * 365 * 86400.0


def test_every_built_in_template_has_a_fixture() -> None:
    assert set(EXPECTED) == set(search.TEMPLATES)
    assert all(t.note for t in search.TEMPLATES.values())


def _read(name: str, page_url: str) -> list:
    template = search.TEMPLATES[name]
    body = (FIXTURES / EXPECTED[name]["fixture"]).read_bytes()
    if template.results == "json":
        return search.read_json(body, page_url, template)
    html = body.decode("gb18030") if "gb2312" in EXPECTED[name]["content_type"] else body.decode("utf-8")
    assert template.html is not None
    return search.read_html(html, page_url, template.html)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_template_reads_its_fixture(name: str) -> None:
    page_url = search.query_url(search.TEMPLATES[name], "灵山县 投诉", 0)
    rows = _read(name, page_url)
    expected = EXPECTED[name]["rows"]
    scheme = keywords.parse_text(SCHEME)
    assert len(rows) == len(expected), [r.url for r in rows]
    for row, want in zip(rows, expected, strict=True):
        url = want["url"] if want["url"].startswith("http") else f"https://www.example.gov.cn{want['url']}"
        assert row.url == url
        if "title" in want:
            assert row.title == want["title"]
        assert want["has"] in row.text, row.text
        assert row.author == want["author"]
        if want["published"] is None:
            assert row.published_at is not None  # a relative age, read against the clock
        else:
            assert row.published_at is not None and row.published_at.isoformat() == want["published"]
        kept = bool(scheme.match(simplified(row.title), simplified(row.text)))
        assert kept is want["kept"], (row.url, row.title, row.text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_template_polled_through_a_local_server(name: str, http_server, sqlite_settings, settings_for,
                                                    source_of, collect, tmp_path: Path) -> None:
    scheme_file = tmp_path / "keywords.yaml"
    scheme_file.write_text(SCHEME, encoding="utf-8")
    template = search.TEMPLATES[name]
    parts = urlsplit(template.url)
    local = http_server.url(parts.path) + ("?" + parts.query if parts.query else "")
    spec = EXPECTED[name]
    for page, body in enumerate([(FIXTURES / spec["fixture"]).read_bytes(), _empty(name)]):
        url = urlsplit(search.query_url(msgspec.structs.replace(template, url=local), "灵山县 投诉", page))
        http_server.add(f"{url.path}?{url.query}", body, content_type=spec["content_type"])
    source = source_of({"id": f"t-{name.replace('_', '-')}", "kind": "search", "url": local,
                        "options": {"scheme": str(scheme_file), "template": name, "max_pages": 2,
                                    "lookback_s": LOOKBACK_S}})
    polled = collect(settings_for(sqlite_settings), source)
    assert polled.outcome.failure is None, polled.outcome.failure
    wanted = [w for w in spec["rows"] if w["kept"]]
    got = polled.publisher.items
    assert len(got) == len(wanted)
    assert {i.queries for i in got} == {("灵山县 投诉",)}
    assert {i.source.kind for i in got} == {template.item_kind}
    for item, want in zip(got, wanted, strict=True):
        assert item.url.endswith(urlsplit(want["url"]).path + ("?" + urlsplit(want["url"]).query
                                                              if urlsplit(want["url"]).query else ""))


def _empty(name: str) -> bytes:
    if search.TEMPLATES[name].results == "json":
        if name == "weibo_search":
            return (FIXTURES / "weibo_search_empty.json").read_bytes()
        return json.dumps({"resultCode": "200", "resultData": {"total": 0, "data": []}}).encode()
    return "<html><body><p>抱歉，没有找到相关结果。</p></body></html>".encode()
