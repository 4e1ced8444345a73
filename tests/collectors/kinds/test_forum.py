"""The forum kind: thread list with counts, thread body, replies as linked items, count updates."""

from __future__ import annotations


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
