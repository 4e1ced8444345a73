"""The paging forum lists and microblog timelines share (collectors.kinds.paging), through both kinds."""

from __future__ import annotations

import json

import pytest

HTML = "text/html; charset=utf-8"
JS = "application/json"
FORUM = {"row_selector": "tr.thread", "link_selector": "a.t", "post_selector": "div.post",
         "next_selector": "a.nxt", "max_pages": 5}


def _forum_page(threads: range, next_href: str | None) -> str:
    rows = "".join(f'<tr class="thread"><td><a class="t" href="/t/{n}.html">帖子{n}：路灯不亮</a></td></tr>'
                   for n in threads)
    pager = f'<a class="nxt" href="{next_href}">下一页</a>' if next_href else ""
    return f"<html><body><table>{rows}</table>{pager}</body></html>"


def _cards(ids: range, since_id: int | None) -> str:
    cards = [{"card_type": 9, "mblog": {"id": str(n), "text": f"第{n}条：某路段路灯不亮",
                                        "user": {"screen_name": "网友"}}} for n in ids]
    return json.dumps({"ok": 1, "data": {"cardlistInfo": {"since_id": since_id} if since_id else {}, "cards": cards}},
                      ensure_ascii=False)


def _site(http_server, kind: str, second: tuple[str, int] | None, third_points_back: bool = False) -> dict:
    """Page one (items 1-2) leads to page two; page two is ``second`` (body or None for the default, status),
    and leads back to page one when ``third_points_back``."""
    if kind == "forum":
        for n in range(1, 5):
            post = f'<html><body><div class="post">{n}号帖：路灯坏了一个月</div></body></html>'
            http_server.add(f"/t/{n}.html", post, content_type=HTML)
        first = http_server.add("/f-1.html", _forum_page(range(1, 3), "/f-2.html"), content_type=HTML)
        body = _forum_page(range(3, 5), "/f-1.html" if third_points_back else None)
        http_server.add("/f-2.html", second[0] if second else body, status=second[1] if second else 200,
                        content_type=HTML)
        return {"kind": "forum", "url": first, "options": FORUM}
    # A cursor that leads back names page one's address again.
    first = http_server.add("/tl?c=1&since_id=5", _cards(range(2, 0, -1), 7), content_type=JS)
    body = _cards(range(4, 2, -1), 5 if third_points_back else 0)
    http_server.add("/tl?c=1&since_id=7", second[0] if second else body, status=second[1] if second else 200,
                    content_type=JS)
    return {"kind": "microblog", "url": first,
            "options": {"max_pages": 5, "next_path": "data.cardlistInfo.since_id", "next_param": "since_id"}}


@pytest.mark.parametrize("kind", ["forum", "microblog"])
def test_a_later_page_that_fails_keeps_what_came_before(kind, http_server, sqlite_settings, settings_for, source_of,
                                                        collect) -> None:
    polled = collect(settings_for(sqlite_settings), source_of(_site(http_server, kind, ("gone", 404))))
    assert polled.outcome.failure is None
    assert len([i for i in polled.publisher.items if i.parent_id is None]) == 2
    assert any("翻页失败，已停止翻页" in p.reason and "404" in p.reason for p in polled.outcome.problems)


@pytest.mark.parametrize("kind", ["forum", "microblog"])
def test_a_first_page_that_fails_ends_the_poll(kind, http_server, sqlite_settings, settings_for, source_of,
                                               collect) -> None:
    entry = _site(http_server, kind, None)
    http_server.add(entry["url"].removeprefix(http_server.base), "gone", status=404)
    polled = collect(settings_for(sqlite_settings), source_of(entry))
    assert polled.outcome.failure is not None and "404" in polled.outcome.failure.reason
    assert polled.publisher.items == []


@pytest.mark.parametrize("kind", ["forum", "microblog"])
def test_each_page_is_read_once_a_poll_and_each_item_sent_once(kind, http_server, sqlite_settings, settings_for,
                                                               source_of, collect) -> None:
    entry = _site(http_server, kind, None, third_points_back=True)
    polled = collect(settings_for(sqlite_settings), source_of(entry))
    assert len([i for i in polled.publisher.items if i.parent_id is None]) == 4
    assert http_server.hits[entry["url"].removeprefix(http_server.base)] == 1, "a page that leads back: not read again"
