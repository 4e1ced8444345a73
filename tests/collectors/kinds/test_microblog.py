"""The recorded m.weibo.cn responses, served over HTTP, through the declarative mapping."""

from __future__ import annotations

import json

import pytest


def test_timeline_comments_and_status(http_server, weibo, sqlite_settings, settings_for, source_of,
                                      collect) -> None:
    timeline = http_server.add("/api/container/getIndex?type=uid&value=1669879400&containerid=1076031669879400",
                               json.dumps(weibo["cards1"], ensure_ascii=False), content_type="application/json")
    settings = settings_for(sqlite_settings)
    polled = collect(settings, source_of({"kind": "microblog", "url": timeline, "tier": "self_media"}))
    items = polled.publisher.items
    posts = [c["mblog"] for c in weibo["cards1"]["data"]["cards"] if "mblog" in c]
    assert len(items) == len(posts) == 10
    first, post = items[0], posts[0]
    assert first.url == f"https://m.weibo.cn/status/{post['id']}"
    assert first.text.startswith("搬完这块砖，就可以吃好吃的了[偷笑]") and "<span" not in first.text
    assert first.author == "Dear-迪丽热巴"
    assert (first.engagement.reposts, first.engagement.replies, first.engagement.likes) == \
        (post["reposts_count"], post["comments_count"], post["attitudes_count"])
    assert first.published_at is not None and (first.published_at.month, first.published_at.day) == (6, 14)

    comments = http_server.add("/api/comments/show?id=4383183661430868&page=1",
                               json.dumps(weibo["comments1"], ensure_ascii=False), content_type="application/json")
    hot = http_server.add("/comments/hotflow?id=4383183661430868&mid=4383183661430868&max_id_type=0",
                          json.dumps(weibo["comments2"], ensure_ascii=False), content_type="application/json")
    polled = collect(settings, source_of({"id": "wb-comments", "kind": "microblog", "url": comments,
                                          "options": {"mapping": "weibo_comments", "urls": [hot]}}))
    items = polled.publisher.items
    assert len(items) == len(weibo["comments1"]["data"]["data"]) + len(weibo["comments2"]["data"]["data"])
    assert {i.parent_id for i in items} == {first.id}  # every comment hangs on its post
    assert items[0].text == "吃的完吗？要不我帮你解决一点儿[太开心]"
    hot_first = weibo["comments2"]["data"]["data"][0]
    mapped = next(i for i in items if i.url.endswith(str(hot_first["id"])))
    assert mapped.engagement.likes == hot_first["like_count"]

    status = http_server.add("/statuses/show?id=HyZVegYAP", json.dumps(weibo["retweet01"], ensure_ascii=False),
                             content_type="application/json")
    polled = collect(settings, source_of({"id": "wb-status", "kind": "microblog", "url": status,
                                          "options": {"mapping": "weibo_status"}}))
    [repost] = polled.publisher.items
    assert repost.text == "转发微博" and repost.parent_id is not None
    assert repost.published_at.isoformat() == "2019-06-15T11:44:46+08:00"


def test_engagement_reread_publishes_revision(http_server, weibo, sqlite_settings, settings_for, source_of,
                                              collect) -> None:
    doc = weibo["cards1"]
    url = http_server.add("/timeline", json.dumps(doc, ensure_ascii=False), content_type="application/json")
    settings = settings_for(sqlite_settings)
    source = source_of({"kind": "microblog", "url": url})
    first = collect(settings, source)
    assert collect(settings, source, store=first.store).publisher.items == []
    doc["data"]["cards"][0]["mblog"]["comments_count"] += 5000
    http_server.add("/timeline", json.dumps(doc, ensure_ascii=False), content_type="application/json")
    [update] = collect(settings, source, store=first.store).publisher.items
    assert update.id == first.publisher.items[0].id and update.revision == 1


def test_government_account_tier_and_custom_mapping(http_server, sqlite_settings, settings_for, source_of,
                                                    collect) -> None:
    doc = {"status": "ok", "list": [{"mid": 7, "content": "<p>市政府关于暴雨预警的通知</p>", "time": "2024-07-01 08:00",
                                     "nick": "某市发布", "vt": 1, "fwd": 3, "cmt": "1.5万", "zan": 9}]}
    url = http_server.add("/gov", json.dumps(doc, ensure_ascii=False), content_type="application/json")
    mapping = {"items": "list[]", "id": "mid", "text": "content", "created_at": "time", "author": "nick",
               "reposts": "fwd", "comments": "cmt", "likes": "zan", "verified_type": "vt", "ok": "status",
               "url": "https://weibo.example/{id}"}
    polled = collect(settings_for(sqlite_settings), source_of({"kind": "microblog", "url": url,
                                                               "options": {"mapping": mapping}}))
    [item] = polled.publisher.items
    assert item.source.tier == "government" and item.engagement.replies == 15000
    assert item.text == "市政府关于暴雨预警的通知"


@pytest.mark.parametrize("body", [b"not json", b"", b'{"ok": 0, "msg": "rate limited"}'])
def test_bad_api_answers(body: bytes, http_server, sqlite_settings, settings_for, source_of, collect) -> None:
    url = http_server.add("/api", body, content_type="application/json")
    polled = collect(settings_for(sqlite_settings, retries=0), source_of({"kind": "microblog", "url": url}))
    assert polled.publisher.items == [] and polled.outcome.failure is not None


def _cards(ids: range, since_id: int | None) -> str:
    cards = [{"card_type": 9, "mblog": {"id": str(n), "text": f"第{n}条：某某路段积水严重",
                                        "created_at": "Sat Jun 15 10:00:00 +0800 2019",
                                        "user": {"screen_name": "网友"}, "reposts_count": 1, "comments_count": 2,
                                        "attitudes_count": 3}} for n in ids]
    info = {"since_id": since_id} if since_id else {}
    return json.dumps({"ok": 1 if cards else 0, "data": {"cardlistInfo": info, "cards": cards}}, ensure_ascii=False)


def test_pages_by_cursor_and_by_number_until_nothing_new(http_server, sqlite_settings, settings_for, source_of,
                                                         collect) -> None:
    js = "application/json"
    first = http_server.add("/tl?containerid=107603", _cards(range(10, 7, -1), 7), content_type=js)
    http_server.add("/tl?containerid=107603&since_id=7", _cards(range(7, 4, -1), 4), content_type=js)
    http_server.add("/tl?containerid=107603&since_id=4", _cards(range(4, 2, -1), None), content_type=js)
    settings = settings_for(sqlite_settings)
    source = source_of({"kind": "microblog", "url": first,
                        "options": {"max_pages": 5, "next_path": "data.cardlistInfo.since_id",
                                    "next_param": "since_id"}})
    polled = collect(settings, source)
    # Post 7 and 4 appear on two pages each (the timeline moved): each goes out once, without a problem.
    assert [i.url.rsplit("/", 1)[1] for i in polled.publisher.items] == [str(n) for n in range(10, 2, -1)]
    assert not [p for p in polled.outcome.problems if "重复" in p.reason]
    before = http_server.hits["/tl?containerid=107603&since_id=7"]
    assert collect(settings, source, store=polled.store).publisher.items == []
    assert http_server.hits["/tl?containerid=107603&since_id=7"] == before  # page one had nothing new

    numbered = http_server.add("/search?q=x&page=1", _cards(range(30, 28, -1), None), content_type=js)
    http_server.add("/search?q=x&page=2", _cards(range(28, 26, -1), None), content_type=js)
    http_server.add("/search?q=x&page=3", _cards(range(0), None), content_type=js)  # ok: 0 past the end
    polled = collect(settings, source_of({"id": "numbered", "kind": "microblog", "url": numbered,
                                          "options": {"max_pages": 5}}))
    assert polled.outcome.failure is None
    assert [i.url.rsplit("/", 1)[1] for i in polled.publisher.items] == ["30", "29", "28", "27"]
