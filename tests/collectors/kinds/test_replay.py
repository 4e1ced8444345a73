from __future__ import annotations

import json
from pathlib import Path


def test_jsonl_and_recorded_feed(tmp_path: Path, fixtures: Path, sqlite_settings, settings_for, source_of,
                                 collect) -> None:
    lines = [
        {"url": "http://demo.local/a/1.html", "title": "某县自来水停供三天", "text": "居民反映用水困难。",
         "published_at": "2024-01-02 08:00", "engagement": {"replies": 12}},
        {"url": "http://demo.local/a/2.html", "title": "", "text": ""},
        "not json",
        {"url": "http://demo.local/a/3.html", "title": "日期错误", "text": "正文", "published_at": "昨天下午"},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines),
                    encoding="utf-8")
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source_of({"kind": "replay", "options": {"path": str(path)}}))
    titles = [i.title for i in polled.publisher.items]
    assert titles == ["某县自来水停供三天", "日期错误"]
    assert polled.publisher.items[0].engagement.replies == 12
    assert len(polled.outcome.problems) == 3

    feed = fixtures / "chardet_gb2312_rss" / "w3cn.org.xml"
    polled = collect(settings, source_of({"id": "replay-feed", "kind": "replay",
                                          "options": {"path": str(feed), "format": "rss"}}))
    assert len(polled.publisher.items) == 20 and polled.publisher.items[0].title == "如何以及何时使用sIFR"


def test_missing_file_is_a_failure(tmp_path: Path, sqlite_settings, settings_for, source_of, collect) -> None:
    polled = collect(settings_for(sqlite_settings),
                     source_of({"kind": "replay", "options": {"path": str(tmp_path / "none.jsonl")}}))
    assert polled.outcome.failure is not None and "回放文件无法读取" in polled.outcome.failure.reason
