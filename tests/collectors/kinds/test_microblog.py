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
