"""Bad input: grouping stays stable and explainable."""

from __future__ import annotations

from datetime import timedelta

import pytest

import incidents
from core.contracts import MAX_TEXT_CHARS
from core.settings import StoreSettings
from store.db import make_engine, sessions
from tests.incidents.story import POST, T0, scored, source

NOTICE = ("为切实做好元旦期间安全生产工作，现就有关事项通知如下：一、高度重视，压实责任；二、全面排查，消除隐患；"
          "三、加强值守，严格落实领导带班和24小时值班制度；四、及时报送信息，遇有突发事件按规定报告。")


@pytest.fixture
def factory(store_settings: StoreSettings):  # type: ignore[no-untyped-def]
    engine = make_engine(store_settings)
    yield sessions(engine)
    engine.dispose()


def test_identical_notices_from_unrelated_sources_stay_apart(factory) -> None:  # type: ignore[no-untyped-def]
    title = "关于做好元旦期间安全生产工作的通知"
    a = scored("n1", source("gov-qf", "曲阜市政府网", "news", "government", "370881"), title,
               NOTICE, T0, negativity=0.05, topic="应急管理")
    b = scored("n2", source("gov-zc", "邹城市政府网", "news", "government", "370883"), title,
               NOTICE, T0 + timedelta(hours=1), negativity=0.05, topic="应急管理")
    # The same notice reposted by the city (the region contains the county's): that is the same story.
    c = scored("n3", source("gov-jn", "济宁市政府网", "news", "government", "3708"), title,
               NOTICE, T0 + timedelta(hours=2), negativity=0.05, topic="应急管理")
    with factory() as session, session.begin():
        ra, rb, rc = (incidents.assign(session, x, x.item.fetched_at) for x in (a, b, c))
    assert ra.is_new and rb.is_new and ra.incident_id != rb.incident_id
    # Why b did not join a is kept.
    assert rb.reason.get("note") and not rc.is_new
    assert rc.how == "repost" and rc.reason["similarity"] == pytest.approx(1.0, abs=0.01)


def test_items_without_text_or_with_huge_text(factory) -> None:  # type: ignore[no-untyped-def]
    forum = source("f", "论坛", "forum", "self_media")
    title_only = [scored(f"t{i}", forum, "求助", "", T0 + timedelta(minutes=i), negativity=0.5) for i in range(3)]
    huge = scored("huge", source("h", "某网站", "news", "portal"), "任城区第一实验学校食堂设备采购围标串标调查",
                  (POST + "无关内容" * 25_000)[:MAX_TEXT_CHARS], T0 + timedelta(hours=1))
    with factory() as session, session.begin():
        results = [incidents.assign(session, x, x.item.fetched_at) for x in title_only]
        first = incidents.assign(session, scored("p1", forum, "实名举报任城区学校食堂采购围标串标", POST, T0), T0)
        big = incidents.assign(session, huge, huge.item.fetched_at)
    # "求助" three times from one forum: too short to call reposts of each other.
    assert len({r.incident_id for r in results}) == 3 and all(r.is_new for r in results)
    # The longest page the contract admits is cut before comparing: it still joins the story it reposts.
    assert big.incident_id == first.incident_id and big.how in {"repost", "follow_up"}


def test_skewed_clocks_keep_first_source_and_windows_sane(factory) -> None:  # type: ignore[no-untyped-def]
    forum = source("f", "济宁吧", "forum", "self_media", "370811")
    news = source("n", "济宁新闻网", "news", "prefecture", "3708")
    # The forum's clock runs a year ahead, the news site's a year behind.
    a = scored("k1", forum, "实名举报任城区学校食堂采购围标串标", POST, T0, published=T0 + timedelta(days=365))
    b = scored("k2", news, "网友举报任城区学校食堂采购围标串标", "转载：" + POST, T0 + timedelta(hours=1),
               published=T0 - timedelta(days=365))
    with factory() as session, session.begin():
        ra = incidents.assign(session, a, a.item.fetched_at)
        rb = incidents.assign(session, b, b.item.fetched_at)
    assert rb.incident_id == ra.incident_id and rb.how == "repost"
    assert "晚于采集时间" in ra.reason["clock"] and "早于采集时间" in rb.reason["clock"]
    # Both fall back to their fetch times: the forum stays the first source.
    assert rb.metrics.first_source == "济宁吧" and rb.metrics.first_published_at == T0


def test_follow_up_too_late_opens_a_new_incident(factory) -> None:  # type: ignore[no-untyped-def]
    forum = source("f", "济宁吧", "forum", "self_media", "370811")
    news = source("n", "大众网", "news", "provincial", "37")
    a = scored("l1", forum, "实名举报任城区学校食堂采购围标串标", POST, T0)
    late = T0 + timedelta(days=5)
    b = scored("l2", news, "济宁任城一学校食堂采购项目被指围标串标",
               "有网友实名举报济宁市任城区第一实验学校食堂设备采购项目围标串标，中标的鑫达商贸公司与陪标公司系同一老板。",
               late)
    with factory() as session, session.begin():
        ra = incidents.assign(session, a, T0)
        rb = incidents.assign(session, b, late)
    assert rb.is_new and rb.incident_id != ra.incident_id


def test_a_reply_quoting_the_headline_joins_even_in_other_words(factory) -> None:  # type: ignore[no-untyped-def]
    forum = source("f", "问政平台", "forum", "self_media")
    post = scored("q1", forum, "A2区景蓉华苑物业管理有问题",
                  "小区物业公司要退出，业委会制定高昂停车收费方案，投票不公开。", T0)
    reply = scored("q2", source("gov", "A2区人民政府", "news", "government"), "关于网友留言的答复",
                   "网友您好！现将您反映“A2区景蓉华苑物业管理有问题”的调查处理情况答复如下：经调查了解，"
                   "街道已牵头组织社区、物业公司、业主委员会召开会议，要求依法依规召开业主大会。",
                   T0 + timedelta(hours=20), negativity=0.2)
    with factory() as session, session.begin():
        a = incidents.assign(session, post, T0)
        b = incidents.assign(session, reply, reply.item.fetched_at)
    assert b.incident_id == a.incident_id and b.how == "response" and b.responded_now
    assert b.reason.get("quoted_title") == "a2区景蓉华苑物业管理有问题" or b.reason.get("title_quoted", 0) >= 0.8
