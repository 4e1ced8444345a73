"""A recorded story, written for these tests: a forum post about rigged bidding in 济宁市任城区, local
reposts, a provincial and a central report, the office's 情况通报, and what followed it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from classifier.grading import Features
from core.contracts import Engagement, RawItem, ScoredItem, Source
from incidents.grading import profile_rules

PROFILE = "jining-ggzy"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

POST = ("本人是任城区某建筑公司员工，实名举报济宁市任城区第一实验学校新校区食堂设备采购项目存在围标串标。"
        "中标的鑫达商贸公司与另外两家投标公司实际是同一老板，三家公司的投标文件连错别字都一样，报价只差几百元。"
        "评标当天有人打招呼，开标前就有人知道结果。希望市公共资源交易中心和纪委彻查，还投标企业一个公道！")


def source(sid: str, name: str, kind: str, tier: str, region: str | None = None) -> Source:
    return Source(id=sid, name=name, kind=kind, tier=tier, region=region)


def scored(item_id: str, src: Source, title: str, text: str, at: datetime, *, negativity: float = 0.85,
           published: datetime | None = None, views: int | None = None, replies: int | None = None,
           reposts: int | None = None, topic: str = "公共资源交易", profile: str = PROFILE,
           revision: int = 0) -> ScoredItem:
    item = RawItem(id=item_id, source=src, url=f"https://{src.id}.example.org/{item_id}", title=title, text=text,
                   published_at=published or at, fetched_at=at,
                   engagement=Engagement(views=views, replies=replies, reposts=reposts), revision=revision)
    rules = profile_rules(profile)
    assert rules is not None
    grade = rules.grade(Features(tier=src.tier, kind=src.kind, topic=topic, negativity=negativity, relevance=0.9,
                                 views=views, replies=replies, reposts=reposts,
                                 signals=rules.find_signals(f"{title}。{text}")))
    return ScoredItem(item=item, negativity=negativity, relevance=0.9, topic=topic, grade=grade,
                      model_version="test", profile=profile, scored_at=at)


FORUM = source("tieba-jining", "济宁吧", "forum", "self_media", "370811")
LOCAL1 = source("jnnews", "济宁新闻网", "news", "prefecture", "3708")
LOCAL2 = source("rcnews", "任城融媒", "news", "county", "370811")
PORTAL = source("portal-a", "某门户网站地方频道", "news", "portal")
PROVINCIAL = source("dzw", "大众网", "news", "provincial", "37")
CENTRAL = source("rmw", "人民网", "news", "central")
OFFICIAL = source("jnggzy-wx", "济宁市公共资源交易服务中心", "microblog", "government", "3708")
FORUM2 = source("weibo-user", "网友评论", "microblog", "self_media", "370811")


def story() -> list[tuple[str, ScoredItem]]:
    """(what the item is, the scored item), in arrival order."""
    h = timedelta(hours=1)
    return [
        ("forum post", scored("s1-forum", FORUM, "实名举报：任城区第一实验学校食堂设备采购围标串标", POST, T0,
                              views=3200, replies=86)),
        ("local repost", scored("s2-local", LOCAL1, "网友举报任城区一学校食堂设备采购项目涉嫌围标串标",
                                "【来源：济宁吧】原标题：实名举报：任城区第一实验学校食堂设备采购围标串标 " + POST
                                + " 责任编辑：王敏", T0 + 2 * h, views=12000, replies=150)),
        ("county repost, truncated", scored("s3-county", LOCAL2, "任城区一学校食堂设备采购被举报围标串标",
                                            "转载：" + POST[:120], T0 + 3 * h, views=800)),
        ("portal repost, same title", scored("s4-portal", PORTAL, "网友举报任城区一学校食堂设备采购项目涉嫌围标串标",
                                             "据网友在济宁吧发帖，任城区第一实验学校食堂设备采购有问题。详见原帖。",
                                             T0 + 4 * h, negativity=0.7)),
        ("provincial report", scored(
            "s5-provincial", PROVINCIAL, "济宁任城一学校食堂采购项目被指围标串标 当地回应正在调查",
            "近日，有网友发帖实名举报济宁市任城区第一实验学校新校区食堂设备采购项目存在围标串标，称中标的鑫达商贸公司"
            "与另两家投标公司系同一实际控制人，投标文件雷同。记者联系济宁市公共资源交易服务中心，工作人员表示已关注到"
            "相关情况，正会同任城区教育局核查。", T0 + 9 * h, negativity=0.75, views=56000, replies=420)),
        ("central report", scored(
            "s6-central", CENTRAL, "学校食堂设备采购岂能“自家人”陪标",
            "山东济宁市任城区第一实验学校新校区食堂设备采购被网友举报围标串标，中标企业鑫达商贸公司与陪标企业疑为同一老板。"
            "围标串标破坏公平竞争，损害公共利益，有关部门应尽快查明真相、回应关切。", T0 + 20 * h,
            negativity=0.7, views=230000, reposts=1800)),
        ("official response", scored(
            "s7-official", OFFICIAL, "关于任城区第一实验学校食堂设备采购项目有关情况的通报",
            "近日，网民反映任城区第一实验学校新校区食堂设备采购项目存在围标串标问题。我中心会同任城区教育局、"
            "市场监管部门成立调查组进行核查。经查，鑫达商贸公司与另两家投标公司存在关联关系，该项目中标结果已暂停，"
            "相关线索已移交纪检监察机关。调查结果将及时向社会公布。", T0 + 26 * h, negativity=0.3)),
        ("comment after response", scored(
            "s8-after", FORUM2, "任城区第一实验学校食堂采购围标串标有结果了",
            "任城区第一实验学校食堂设备采购围标串标的事，交易中心通报了，鑫达商贸公司中标暂停，线索移交纪检，处理还算及时。",
            T0 + 28 * h, negativity=0.35)),
    ]


UNRELATED = [
    scored("u1", source("qfnews", "曲阜新闻网", "news", "county", "370881"), "曲阜市三孔景区推出夜游项目",
           "曲阜市三孔景区近日推出夜游项目，游客可在夜间参观孔庙、孔府，景区同步延长了开放时间并增设讲解服务。",
           T0 + timedelta(hours=5), negativity=0.1),
    scored("u2", source("zcnews", "邹城融媒", "news", "county", "370883"), "邹城市一小区电梯频繁故障 业主被困",
           "邹城市钢山街道一小区电梯近一个月频繁故障，昨晚又有三名业主被困二十分钟，业主希望物业和市场监管部门尽快处理。",
           T0 + timedelta(hours=6), negativity=0.8, topic="其他"),
]
