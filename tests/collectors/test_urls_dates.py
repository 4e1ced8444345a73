from __future__ import annotations

from datetime import UTC, datetime, timedelta

from collectors import dates
from collectors.urls import canonical


def test_canonical_urls() -> None:
    assert canonical("HTTP://News.Example.COM:80/a/b.html?utm_source=wx&id=3&spm=1.2&b=1#top") == \
        "http://news.example.com/a/b.html?b=1&id=3"
    assert canonical("../c.html", "https://x.cn/a/b/index.html") == "https://x.cn/a/c.html"
    assert canonical("https://bbs.x.cn/t/1.html#reply-7") == "https://bbs.x.cn/t/1.html#reply-7"
    assert canonical("https://x.cn") == "https://x.cn/"


def test_dates() -> None:
    now = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
    assert dates.parse("2020年02月19日 10:30", now) == datetime(2020, 2, 19, 2, 30, tzinfo=UTC)
    assert dates.parse("2020-02-19", now).date().isoformat() == "2020-02-19"
    assert dates.parse("Sat Jun 15 11:44:46 +0800 2019", now) == datetime(2019, 6, 15, 3, 44, 46, tzinfo=UTC)
    assert dates.parse("Mon, 23 Nov 2020 08:00:00 +0800", now) == datetime(2020, 11, 23, tzinfo=UTC)
    assert dates.parse("5分钟前", now) == now - timedelta(minutes=5)
    assert dates.parse("刚刚", now) == now
    assert dates.parse("昨天 08:00", now) == datetime(2026, 3, 9, 0, 0, tzinfo=UTC)
    assert dates.parse("12-31", now).year == 2025
    for bad in ("not a date", "2020-13-45", "9999-01-01", "1900-01-01", "", None):
        assert dates.parse(bad, now) is None
