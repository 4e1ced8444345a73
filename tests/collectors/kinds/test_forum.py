"""The forum kind: thread list with counts, thread body, replies as linked items, count updates."""

from __future__ import annotations

import pytest


def _list(replies: int, views: str) -> str:
    return f"""<html><body><table>
<tr class="thread"><td><a class="t" href="/t/100.html">小区电梯频繁故障无人维修</a></td>
<td class="r">{replies}</td><td class="v">{views}</td><td class="a">业主小王</td></tr>
</table></body></html>"""


THREAD = """<html><body><div class="post">我们小区3号楼电梯一个月坏了五次，物业一直推脱，老人上下楼非常困难。</div>
<div class="reply" id="p1"><span class="u">邻居甲</span><span class="d">2024-05-01 10:00</span>
<div class="c">同感，上周还困了人。</div></div>
<div class="reply" id="p2"><span class="u">邻居乙</span><span class="d">2024-05-01 11:00</span>
<div class="c">建议向市场监管局投诉。</div></div></body></html>"""

OPTIONS = {"row_selector": "tr.thread", "link_selector": "a.t", "replies_selector": "td.r", "views_selector": "td.v",
           "author_selector": "td.a", "post_selector": "div.post", "reply_selector": "div.reply",
           "reply_body_selector": "div.c", "reply_author_selector": "span.u", "reply_time_selector": "span.d"}


def test_threads_replies_and_engagement_updates(http_server, sqlite_settings, settings_for, source_of,
                                                collect) -> None:
    http_server.add("/list.html", _list(10, "1,024"), content_type="text/html; charset=utf-8")
    http_server.add("/t/100.html", THREAD, content_type="text/html; charset=utf-8")
    source = source_of({"kind": "forum", "url": http_server.url("/list.html"), "options": OPTIONS})
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source)
    thread, *replies = polled.publisher.items
    assert thread.title == "小区电梯频繁故障无人维修" and "一个月坏了五次" in thread.text
    assert thread.engagement.replies == 10 and thread.engagement.views == 1024 and thread.author == "业主小王"
    assert [r.text for r in replies] == ["同感，上周还困了人。", "建议向市场监管局投诉。"]
    assert all(r.parent_id == thread.id for r in replies)
    assert replies[0].author == "邻居甲" and replies[0].published_at is not None
    # Counts unchanged: nothing to publish, and the thread page is not fetched again.
    assert collect(settings, source, store=polled.store).publisher.items == []
    # The thread took off: the same id comes again with revision 1 and the new counts.
    http_server.add("/list.html", _list(5000, "1.2万"), content_type="text/html; charset=utf-8")
    update = collect(settings, source, store=polled.store).publisher.items
    assert len(update) == 1 and update[0].id == thread.id and update[0].revision == 1
    assert update[0].engagement.replies == 5000 and update[0].engagement.views == 12000
    assert update[0].text == thread.text
    assert http_server.hits["/t/100.html"] == 1


def _page(threads: range, next_href: str | None) -> str:
    rows = "".join(f'<tr class="thread"><td><a class="t" href="/t/{n}.html">帖子{n}：小区停水</a></td>'
                   f'<td class="r">{n}</td><td class="v">{n * 10}</td></tr>' for n in threads)
    pager = f'<div class="pg"><a class="nxt" href="{next_href}">下一页</a></div>' if next_href else ""
    return f"<html><body><table>{rows}</table>{pager}</body></html>"


def _thread(n: int, replies: range, next_href: str | None) -> str:
    body = "".join(f'<div class="reply" id="p{r}"><div class="c">第{r}楼：{n}号帖的回复</div></div>' for r in replies)
    pager = f'<a class="next-replies" href="{next_href}">下一页</a>' if next_href else ""
    return f'<html><body><div class="post">{n}号帖正文：三天停水无人通知</div>{body}{pager}</body></html>'


def test_list_pages_and_reply_pages_are_followed_while_they_bring_new_threads(
        http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    http_server.add("/f-1.html", _page(range(1, 4), "/f-2.html"), content_type="text/html; charset=utf-8")
    http_server.add("/f-2.html", _page(range(4, 6), "/f-3.html"), content_type="text/html; charset=utf-8")
    http_server.add("/f-3.html", _page(range(6, 7), None), content_type="text/html; charset=utf-8")
    for n in range(1, 7):
        http_server.add(f"/t/{n}.html", _thread(n, range(1, 3), f"/t/{n}-2.html"), content_type="text/html")
        http_server.add(f"/t/{n}-2.html", _thread(n, range(3, 5), None), content_type="text/html")
    options = {**OPTIONS, "next_selector": "div.pg a.nxt", "max_pages": 3, "reply_next_selector": "a.next-replies",
               "max_reply_pages": 2}
    source = source_of({"kind": "forum", "url": http_server.url("/f-1.html"), "options": options})
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source)
    threads = [i for i in polled.publisher.items if i.parent_id is None]
    assert [t.title for t in threads] == [f"帖子{n}：小区停水" for n in range(1, 7)]
    replies = [i for i in polled.publisher.items if i.parent_id == threads[0].id]
    assert [r.text for r in replies] == [f"第{r}楼：1号帖的回复" for r in range(1, 5)]  # both reply pages
    # Next poll: page one holds only threads seen before (counts unchanged), so page two is not read.
    before = http_server.hits["/f-2.html"]
    again = collect(settings, source, store=polled.store)
    assert again.publisher.items == [] and http_server.hits["/f-2.html"] == before


def test_paging_needs_its_selector(source_of) -> None:
    from core.errors import ConfigError

    with pytest.raises(ConfigError, match="max_pages > 1 needs next_selector"):
        source_of({"kind": "forum", "url": "http://127.0.0.1/f", "options": {**OPTIONS, "max_pages": 2}})
