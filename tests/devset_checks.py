"""What every development set under devsets/ promises, checked alike for each (tests/devsets/)."""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

from classifier.settings import ClassifierSettings, load_settings
from core.taxonomy import BASE_TOPICS

DEVSETS = Path(__file__).resolve().parents[1] / "devsets"
KINDS = {"expose", "complaint", "rumour", "official_notice", "emotional_offtopic", "positive_gov",
         "neutral_notice", "other_city_bad"}
ADVERSE_KINDS = {"expose", "complaint", "rumour", "official_notice", "other_city_bad"}
RELEVANT_KINDS = {"expose", "complaint", "rumour", "official_notice", "positive_gov", "neutral_notice"}
KEYS = {"id", "split", "office", "kind", "tone", "source", "url", "published_at", "title", "text", "labels"}
LABEL_KEYS = {"adverse", "relevant", "topic", "critical", "rumour", "official_notice"}
ENGAGEMENT_KEYS = {"views", "replies", "reposts", "likes"}
SOURCE_KINDS = {"news", "forum", "microblog", "rss"}
TRAP_TOPICS = {"社会稳定", "涉外", "应急管理"}


@dataclass(frozen=True)
class BlindSet:
    """A blind development set of one invented office (devsets/<name>_items.jsonl with
    devsets/<name>_office.toml): what tests/devsets/test_blind_devsets.py checks alike for each.
    What only one set promises is tested in its own module (test_<name>_devset.py; the fourth and fifth
    sets, and the sixth, eighth and ninth, written alike, in test_proportioned_devsets.py)."""

    name: str  # the office key of every item
    ordinal: str  # "second", "third": how devsets/README.md's table is named in a failure
    city: str
    id_pattern: str
    region: str  # the invented region code, and the real province it is under
    province_code: str
    districts: tuple[str, ...]  # named in the office TOML's places
    min_names: Mapping[str, int]  # least places, bodies and people in the office TOML
    min_items: int
    min_per_kind: Mapping[str, int]
    older: tuple[str, ...]  # the older sets no text may be copied or templated from
    trap_words: re.Pattern[str]  # a school or a housing estate named in an item of a trap topic
    province: re.Pattern[str]  # other cities of the office's own province
    province_min: int  # other-city items from the province: at least this many ...
    province_share: float  # ... and at least this share of the other-city items
    min_per_topic: int = 8  # relevant adverse items of each base topic, at least

    @property
    def path(self) -> Path:
        return DEVSETS / f"{self.name}_items.jsonl"

    @property
    def office_toml(self) -> Path:
        return DEVSETS / f"{self.name}_office.toml"

    def lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines()

    def items(self) -> list[dict]:
        return [json.loads(line) for line in self.lines()]

    def office(self) -> ClassifierSettings:
        return load_settings(self.office_toml)


# The issue's table of kinds at about 230-250 items (45/45/15/15/25/28/27/30): the fourth to ninth sets' minimum.
ISSUE_PROPORTIONS = {"expose": 45, "complaint": 45, "rumour": 15, "official_notice": 15, "emotional_offtopic": 25,
                     "positive_gov": 28, "neutral_notice": 27, "other_city_bad": 30}
# The sets landed before the seventh and eighth, which were written at the same time, each blind to the other.
BEFORE_SEVENTH = ("city_items.jsonl", "fengling_items.jsonl", "lianchuan_items.jsonl", "qichuan_items.jsonl",
                  "yuze_items.jsonl", "tongxun_items.jsonl")

FENGLING = BlindSet(
    name="fengling", ordinal="second", city="枫岭", id_pattern=r"d2-\d{4}", region="3613", province_code="36",
    districts=("青枫区", "鹤林区", "桐源县", "梅坪县", "枫岭经开区"),
    min_names={"places": 1, "bodies": 1, "people": 1},
    # The issue's table of kinds, scaled to a set of 320: the minimum of each kind.
    min_items=320,
    min_per_kind={"expose": 60, "complaint": 60, "rumour": 25, "official_notice": 25, "emotional_offtopic": 35,
                  "positive_gov": 35, "neutral_notice": 35, "other_city_bad": 30},
    older=("city_items.jsonl",),
    trap_words=re.compile(r"学校|小学|中学|一中|二中|幼儿园|校园|学生|学院|小区|花园|华庭|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|名苑|华府"),
    province=re.compile(r"江西|南昌|景德镇|萍乡|九江|新余|鹰潭|赣州|吉安|宜春|抚州|上饶"),
    province_min=8, province_share=0.0,
)
LIANCHUAN = BlindSet(
    name="lianchuan", ordinal="third", city="涟川", id_pattern=r"d3-\d{4}", region="4314", province_code="43",
    districts=("涟江区", "桃溪区", "青岚县", "梓山县", "涟川高新区"),
    min_names={"places": 35, "bodies": 40, "people": 1},
    # The brief's counts for a set of about 300: the minimum of each kind.
    min_items=290,
    min_per_kind={"expose": 50, "complaint": 50, "rumour": 20, "official_notice": 20, "emotional_offtopic": 35,
                  "positive_gov": 35, "neutral_notice": 35, "other_city_bad": 35},
    older=("city_items.jsonl", "fengling_items.jsonl"),
    trap_words=re.compile(r"学校|小学|中学|一中|三中|中专|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|名居|雅苑|香樟苑|岚湖湾|碧水云天|壹号"),
    # A third of the other-city items are from 湖南 itself.
    province=re.compile(r"长沙|株洲|湘潭|衡阳|邵阳|岳阳|常德|张家界|益阳|郴州|永州|怀化|娄底|涟源|湘西"),
    province_min=0, province_share=1 / 3,
)
QICHUAN = BlindSet(
    name="qichuan", ordinal="fourth", city="栖川", id_pattern=r"d4-\d{4}", region="5121", province_code="51",
    districts=("栖城区", "锦岸区", "黄桷县", "松垭县", "栖川经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds at about 250 items (its 240 held-out items in the same proportions).
    min_items=240,
    min_per_kind=ISSUE_PROPORTIONS,
    older=("city_items.jsonl", "fengling_items.jsonl", "lianchuan_items.jsonl"),
    trap_words=re.compile(r"学校|小学|中学|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|名邸|山语|一品|桂湖苑"),
    # A third of the other-city items are from 四川 itself.
    province=re.compile(r"四川|成都|自贡|攀枝花|泸州|德阳|绵阳|广元|遂宁|内江|乐山|南充|眉山|宜宾|广安|达州|雅安|巴中"
                        r"|资阳|阿坝|甘孜|凉山"),
    province_min=0, province_share=1 / 3,
    # 17 topics over ~125 relevant adverse items: six of each, not eight.
    min_per_topic=6,
)
YUZE = BlindSet(
    name="yuze", ordinal="fifth", city="榆泽", id_pattern=r"d5-\d{4}", region="2313", province_code="23",
    districts=("泽河区", "松桥区", "柳原县", "白岗县", "榆泽经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds at about 250 items, like the fourth set.
    min_items=240,
    min_per_kind=ISSUE_PROPORTIONS,
    older=("city_items.jsonl", "fengling_items.jsonl", "lianchuan_items.jsonl", "qichuan_items.jsonl"),
    trap_words=re.compile(r"学校|小学|中学|一中|三中|幼儿园|校园|学生|学院|职教|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|雅居|嘉苑|泽河湾|安置区"),
    # A third of the other-city items are from 黑龙江 itself.
    province=re.compile(r"黑龙江|哈尔滨|齐齐哈尔|鸡西|鹤岗|双鸭山|大庆|伊春|佳木斯|七台河|牡丹江|黑河|绥化|大兴安岭"),
    province_min=0, province_share=1 / 3,
    # 17 topics over ~130 relevant adverse items: six of each, as in the fourth set.
    min_per_topic=6,
)
TONGXUN = BlindSet(
    name="tongxun", ordinal="sixth", city="桐浔", id_pattern=r"d6-\d{4}", region="4516", province_code="45",
    districts=("浔湾区", "榕岸区", "沙垌县", "瑶岭县", "桐浔高新区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30: 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    older=("city_items.jsonl", "fengling_items.jsonl", "lianchuan_items.jsonl", "qichuan_items.jsonl",
           "yuze_items.jsonl"),
    trap_words=re.compile(r"学校|小学|中学|二中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|名府|澜庭|安置区"),
    # A third of the other-city items are from 广西 itself.
    province=re.compile(r"广西|南宁|柳州|桂林|梧州|北海|防城港|钦州|贵港|玉林|百色|贺州|河池|来宾|崇左"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 120 relevant adverse items: six of each, as in the fourth and fifth sets.
    min_per_topic=6,
)
RUOCHUAN = BlindSet(
    name="ruochuan", ordinal="seventh", city="箬川", id_pattern=r"d7-\d{4}", region="3312", province_code="33",
    districts=("箬江区", "澜岙区", "云篁县", "石溇县", "箬川经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, with 48 exposés: 233 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_SEVENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|职校|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|花苑|名苑|箬江府|安置小区"),
    # A third of the other-city items are from 浙江 itself.
    province=re.compile(r"浙江|杭州|宁波|温州|嘉兴|湖州|绍兴|金华|衢州|舟山|台州|丽水"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 123 relevant adverse items: six of each, as in the fourth to sixth sets.
    min_per_topic=6,
)
TANGYI = BlindSet(
    name="tangyi", ordinal="eighth", city="棠沂", id_pattern=r"d8-\d{4}", region="3718", province_code="37",
    districts=("棠城区", "汶北区", "石牛县", "蒲阳县", "棠沂经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_SEVENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|二中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|名苑|安置区"),
    # A third of the other-city items are from 山东 itself.
    province=re.compile(r"山东|济南|青岛|淄博|枣庄|东营|烟台|潍坊|济宁|泰安|威海|日照|临沂|德州|聊城|滨州|菏泽"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 126 relevant adverse items: six of each, as in the fourth to sixth sets.
    min_per_topic=6,
)
# The sets landed before the ninth (the eight on main when it was written; the tenth and eleventh were written at the
# same time, each blind to the others).
BEFORE_NINTH = (*BEFORE_SEVENTH, "ruochuan_items.jsonl", "tangyi_items.jsonl")
HUANYANG = BlindSet(
    name="huanyang", ordinal="ninth", city="澴阳", id_pattern=r"d9-\d{4}", region="4229", province_code="42",
    districts=("澴城区", "鹤湾区", "枣林县", "桑畈县", "澴阳高新区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_NINTH,
    trap_words=re.compile(r"学校|小学|中学|一中|二中|三中|幼儿园|校园|学生|学院|职院|小区|花园|新村|楼盘|业主|住宅|居民楼"
                          r"|宿舍|名邸|锦绣江城|雁湖春晓|安置"),
    # A third of the other-city items are from 湖北 itself.
    province=re.compile(r"湖北|武汉|黄石|十堰|宜昌|襄阳|鄂州|荆门|孝感|荆州|黄冈|咸宁|随州|恩施|仙桃|潜江|天门|神农架"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 127 relevant adverse items: six of each, as in the fourth to eighth sets.
    min_per_topic=6,
)
YINGFENG = BlindSet(
    name="yingfeng", ordinal="tenth", city="颍丰", id_pattern=r"d10-\d{4}", region="4129", province_code="41",
    districts=("沙陂区", "丰源区", "梁岗县", "苇塘县", "颍丰经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_NINTH,
    trap_words=re.compile(r"学校|小学|中学|一高|二高|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|名苑|安置区"),
    # A third of the other-city items are from 河南 itself.
    province=re.compile(r"河南|郑州|开封|洛阳|平顶山|安阳|鹤壁|新乡|焦作|濮阳|许昌|漯河|三门峡|南阳|商丘|信阳|周口|驻马店"
                        r"|济源"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 125 relevant adverse items: six of each, as in the fourth to ninth sets.
    min_per_topic=6,
)
QINGXIU = BlindSet(
    name="qingxiu", ordinal="eleventh", city="青岫", id_pattern=r"d11-\d{4}", region="5129", province_code="51",
    districts=("岫城区", "梓岩区", "蓝沱县", "雀岭县", "青岫高新区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The eight sets on main when it was written (the ninth and tenth were written the same morning, blind to it).
    older=BEFORE_NINTH,
    trap_words=re.compile(r"学校|小学|中学|二中|职中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|壹号|兰庭|御府"),
    # A third of the other-city items are from 四川 itself.
    province=re.compile(r"四川|成都|自贡|攀枝花|泸州|德阳|绵阳|广元|遂宁|内江|乐山|南充|眉山|宜宾|广安|达州|雅安|巴中"
                        r"|资阳|阿坝|甘孜|凉山"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 121 relevant adverse items: six of each, as in the fourth to tenth sets.
    min_per_topic=6,
)
# The sets landed before the twelfth (the eleven on main when it was written; the twelfth to fourteenth were written
# at the same time, each blind to the others).
BEFORE_TWELFTH = (*BEFORE_NINTH, "huanyang_items.jsonl", "yingfeng_items.jsonl", "qingxiu_items.jsonl")
GAOLING = BlindSet(
    name="gaoling", ordinal="twelfth", city="皋陵", id_pattern=r"d12-\d{4}", region="3429", province_code="34",
    districts=("皋城区", "东津区", "杉山县", "柘湖县", "皋陵经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The eleven sets on main when it was written (the 梭岩 and 漆原 sets were written the same morning, blind to it).
    older=BEFORE_TWELFTH,
    trap_words=re.compile(r"学校|小学|中学|一中|二中|职校|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|名苑|华府|壹号院|安置小区"),
    # A third of the other-city items are from 安徽 itself.
    province=re.compile(r"安徽|合肥|芜湖|蚌埠|淮南|马鞍山|淮北|铜陵|安庆|黄山|滁州|阜阳|宿州|六安|亳州|池州|宣城"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 124 relevant adverse items: six of each, as in the fourth to eleventh sets.
    min_per_topic=6,
)
SUOYAN = BlindSet(
    name="suoyan", ordinal="thirteenth", city="梭岩", id_pattern=r"d13-\d{4}", region="5229", province_code="52",
    districts=("梭城区", "岩门区", "麻塘县", "瓮溪县", "梭岩经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The eleven sets on main when it was written (the twelfth and fourteenth were written the same morning,
    # blind to it).
    older=BEFORE_TWELFTH,
    trap_words=re.compile(r"学校|小学|中学|一中|三中|幼儿园|校园|学生|学院|职校|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|雅苑|丽景|山庄|安置点|安置小区"),
    # A third of the other-city items are from 贵州 itself.
    province=re.compile(r"贵州|贵阳|遵义|六盘水|安顺|毕节|铜仁|黔东南|黔南|黔西南|凯里|都匀|兴义|仁怀|清镇|盘州"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 120 relevant adverse items: six of each, as in the fourth to eleventh sets.
    min_per_topic=6,
)
QIYUAN = BlindSet(
    name="qiyuan", ordinal="fourteenth", city="漆原", id_pattern=r"d14-\d{4}", region="6129", province_code="61",
    districts=("塬上区", "峪口区", "柏坡县", "石砭县", "漆原经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, about 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The eleven sets on main when it was written (the twelfth and thirteenth were written the same morning,
    # blind to it).
    older=BEFORE_TWELFTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|职教|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|雅居|名邸|塬上人家"),
    # A third of the other-city items are from 陕西 itself.
    province=re.compile(r"陕西|西安|铜川|宝鸡|咸阳|渭南|延安|汉中|榆林|安康|商洛|杨凌|韩城"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 122 relevant adverse items: six of each, as in the fourth to eleventh sets.
    min_per_topic=6,
)
# The sets landed before the fifteenth (the fourteen on main when it was written; other sets were written at the same
# time, each blind to it).
BEFORE_FIFTEENTH = (*BEFORE_TWELFTH, "gaoling_items.jsonl", "suoyan_items.jsonl", "qiyuan_items.jsonl")
LIAOWAN = BlindSet(
    name="liaowan", ordinal="fifteenth", city="蓼湾", id_pattern=r"d15-\d{4}", region="3229", province_code="32",
    districts=("蓼城区", "澄圩区", "葭荡县", "沙垛县", "蓼湾高新区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The fourteen sets on main when it was written (the sets written the same day are blind to it, and it to them).
    older=BEFORE_FIFTEENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|职校|中专|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|雅苑|花苑|锦苑|安置区|安置小区"),
    # A third of the other-city items are from 江苏 itself.
    province=re.compile(r"江苏|南京|无锡|徐州|常州|苏州|南通|连云港|淮安|盐城|扬州|镇江|泰州|宿迁|昆山|江阴"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 124 relevant adverse items: six of each, as in the fourth to fourteenth sets.
    min_per_topic=6,
)
TANCANG = BlindSet(
    name="tancang", ordinal="sixteenth", city="檀沧", id_pattern=r"d16-\d{4}", region="5339", province_code="53",
    districts=("檀城区", "澜坝区", "凤哨县", "甸溪县", "檀沧高新区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The fourteen sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_FIFTEENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|职高|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|雅苑|嘉园|云檀府|安置小区"),
    # A third of the other-city items are from 云南 itself.
    province=re.compile(r"云南|昆明|曲靖|玉溪|保山|昭通|丽江|普洱|临沧|楚雄|红河|文山|西双版纳|大理|德宏|怒江|迪庆"
                        r"|景洪|瑞丽|个旧|蒙自|芒市|香格里拉"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 121 relevant adverse items: six of each, as in the fourth to fourteenth sets.
    min_per_topic=6,
)
ZHENGANG = BlindSet(
    name="zhengang", ordinal="seventeenth", city="榛岗", id_pattern=r"d17-\d{4}", region="2129", province_code="21",
    districts=("榛城区", "鹤屯区", "黑松县", "双甸县", "榛岗经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The fourteen sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_FIFTEENTH,
    trap_words=re.compile(r"学校|小学|中学|一高|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|家属院|安置小区"),
    # A third of the other-city items are from 辽宁 itself.
    province=re.compile(r"辽宁|沈阳|大连|鞍山|抚顺|本溪|丹东|锦州|营口|阜新|辽阳|盘锦|铁岭|朝阳|葫芦岛|瓦房店|庄河|海城"
                        r"|兴城|凤城|东港|北票|凌源|开原|调兵山|大石桥|盖州|灯塔|新民"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 121 relevant adverse items: six of each, as in the fourth to fourteenth sets.
    min_per_topic=6,
)
# The seventeen sets on main when the eighteenth to twentieth sets were written (each of those was written blind to the
# others).
BEFORE_EIGHTEENTH = (*BEFORE_FIFTEENTH, "liaowan_items.jsonl", "tancang_items.jsonl", "zhengang_items.jsonl")
MOQUAN = BlindSet(
    name="moquan", ordinal="eighteenth", city="漠泉", id_pattern=r"d18-\d{4}", region="6429", province_code="64",
    districts=("漠城区", "驼铃区", "芨芨县", "盐滩县", "漠泉经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The seventeen sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_EIGHTEENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|名邸|家属院|安置小区|枸杞苑"),
    # A third of the other-city items are from 宁夏 itself.
    province=re.compile(r"宁夏|银川|石嘴山|吴忠|固原|中卫|灵武|青铜峡|贺兰|永宁|平罗|盐池|同心|西吉|海原|中宁|隆德|彭阳"
                        r"|泾源|惠农|大武口|红寺堡|沙坡头|原州|利通|金凤|兴庆|西夏区"),
    province_min=0, province_share=1 / 3,
    # 17 topics over ~128 relevant adverse items: six of each, as in the fourth to seventeenth sets.
    min_per_topic=6,
)
LANWAN = BlindSet(
    name="lanwan", ordinal="nineteenth", city="澜湾", id_pattern=r"d19-\d{4}", region="4629", province_code="46",
    districts=("澜城区", "蚝湾区", "椰岭县", "什仂县", "澜湾经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_EIGHTEENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|一品|家园|安置小区"),
    # A third of the other-city items are from 海南 itself.
    province=re.compile(r"海南|海口|三亚|三沙|儋州|五指山|琼海|文昌|万宁|东方市|定安|屯昌|澄迈|临高|白沙|昌江|乐东|陵水"
                        r"|保亭|琼中|洋浦"),
    province_min=0, province_share=1 / 3,
    # 17 topics over about 124 relevant adverse items: six of each, as in the fourth to seventeenth sets.
    min_per_topic=6,
)
XIMU = BlindSet(
    name="ximu", ordinal="twentieth", city="锡沐", id_pattern=r"d20-\d{4}", region="1519", province_code="15",
    districts=("沐城区", "哈达图区", "乌日根旗", "白石县", "锡沐经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The seventeen sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_EIGHTEENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|蒙中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|壹号|家属院|安置小区"),
    # A third of the other-city items are from 内蒙古 itself.
    province=re.compile(r"内蒙古|呼和浩特|包头|乌海|赤峰|通辽|鄂尔多斯|呼伦贝尔|巴彦淖尔|乌兰察布|兴安盟|锡林郭勒|阿拉善"
                        r"|满洲里|二连浩特|霍林郭勒|扎兰屯|牙克石|乌兰浩特|锡林浩特|阿尔山|根河|额尔古纳|丰镇"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 122 relevant adverse items: six of each, as in the fourth to seventeenth sets.
    min_per_topic=6,
)
# The twenty sets on main when the twenty-first set was written (the sets written at the same time are blind to it).
BEFORE_TWENTY_FIRST = (*BEFORE_EIGHTEENTH, "moquan_items.jsonl", "lanwan_items.jsonl", "ximu_items.jsonl")
YUGE = BlindSet(
    name="yuge", ordinal="twenty-first", city="玉戈", id_pattern=r"d21-\d{4}", region="6539", province_code="65",
    districts=("玉城区", "杏湖区", "雪岭县", "枣泉县", "玉戈经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_FIRST,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|雅居|公寓|壹号院|家属院|安置小区"),
    # A third of the other-city items are from 新疆 itself.
    province=re.compile(r"新疆|乌鲁木齐|克拉玛依|吐鲁番|哈密|昌吉|博尔塔拉|博乐|巴音郭楞|库尔勒|阿克苏|克孜勒苏|阿图什|喀什"
                        r"|和田|伊犁|伊宁|奎屯|塔城|阿勒泰|石河子|五家渠|阿拉尔|图木舒克|北屯|霍尔果斯|阿拉山口"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 122 relevant adverse items: six of each, as in the fourth to twentieth sets.
    min_per_topic=6,
)
LITING = BlindSet(
    name="liting", ordinal="twenty-second", city="荔汀", id_pattern=r"d22-\d{4}", region="4439", province_code="44",
    districts=("汀城区", "沙滘区", "莲坪县", "梧峒县", "荔汀经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 232 items).
    min_items=232,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_FIRST,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华庭|雅苑|名苑|安置小区"),
    # A third of the other-city items are from 广东 itself.
    province=re.compile(r"广东|广州|深圳|珠海|汕头|佛山|韶关|湛江|肇庆|江门|茂名|惠州|梅州|汕尾|河源|阳江|清远|东莞|中山"
                        r"|潮州|揭阳|云浮|顺德|南海|番禺|增城|从化|台山|开平|恩平|鹤山|英德|连州|陆丰|普宁|罗定|兴宁"),
    province_min=0, province_share=1 / 3,
    # 17 topics over about 121 relevant adverse items: six of each, as in the fourth to twentieth sets.
    min_per_topic=6,
)
# The twenty-two sets on main when the twenty-third and twenty-fourth sets were written (at the same time, each blind
# to the other).
BEFORE_TWENTY_THIRD = (*BEFORE_TWENTY_FIRST, "yuge_items.jsonl", "liting_items.jsonl")
ZHIPU = BlindSet(
    name="zhipu", ordinal="twenty-third", city="芷浦", id_pattern=r"d23-\d{4}", region="3539", province_code="35",
    districts=("芷城区", "蘅江区", "石矶县", "茶垄县", "芷浦台商投资区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-two sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_THIRD,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|蘅悦府|凤屿湾|芷兰苑|安置小区"),
    # A third of the other-city items are from 福建 itself.
    province=re.compile(r"福建|福州|厦门|莆田|三明|泉州|漳州|南平|龙岩|宁德|福清|长乐|晋江|石狮|南安|龙海|永安|武夷山"
                        r"|建瓯|邵武|漳平|福安|福鼎|霞浦|尤溪|仙游|平潭|新罗区|晋安区"),
    province_min=0, province_share=1 / 3,
    # 17 topics over about 122 relevant adverse items: six of each, as in the fourth to twenty-second sets.
    min_per_topic=6,
)
LINTAI = BlindSet(
    name="lintai", ordinal="twenty-fourth", city="蔺台", id_pattern=r"d24-\d{4}", region="1339", province_code="13",
    districts=("钟台区", "沙淀区", "柏泉县", "苇庄县", "蔺台经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-two sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_THIRD,
    trap_words=re.compile(r"学校|小学|中学|一中|二中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|家属院|雅郡|新苑|家园|华府|安置小区"),
    # A third of the other-city items are from 河北 itself.
    province=re.compile(r"河北|石家庄|唐山|秦皇岛|邯郸|邢台|保定|张家口|承德|沧州|廊坊|衡水|定州|辛集|北戴河|崇礼|正定"
                        r"|迁安|遵化|武安|任丘|黄骅|涿州|三河|霸州|雄安"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 124 relevant adverse items: six of each, as in the fourth to twenty-second sets.
    min_per_topic=6,
)
# The twenty-four sets on main when the twenty-fifth and twenty-sixth sets were written (at the same time, each blind
# to the other).
BEFORE_TWENTY_FIFTH = (*BEFORE_TWENTY_THIRD, "zhipu_items.jsonl", "lintai_items.jsonl")
JIYAN = BlindSet(
    name="jiyan", ordinal="twenty-fifth", city="霁岩", id_pattern=r"d25-\d{4}", region="2239", province_code="22",
    districts=("岩城区", "椴河区", "参峪县", "蛟甸县", "霁岩经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-four sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_FIFTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|名居|花苑|家属楼|安置小区"),
    # A third of the other-city items are from 吉林 itself.
    province=re.compile(r"吉林|长春|四平|辽源|通化|白山|松原|白城|延边|延吉|图们|敦化|珲春|龙井|和龙|梅河口|集安|临江"
                        r"|扶余|洮南|大安|公主岭|榆树|德惠|舒兰|桦甸|蛟河|磐石|双辽"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 131 relevant adverse items: six of each, as in the fourth to twenty-fourth sets.
    min_per_topic=6,
)
JICHUAN = BlindSet(
    name="jichuan", ordinal="twenty-sixth", city="芨川", id_pattern=r"d26-\d{4}", region="6249", province_code="62",
    districts=("芨城区", "沙枣区", "鸣驼县", "苇泉县", "芨川经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-four sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_FIFTH,
    trap_words=re.compile(r"学校|小学|中学|一中|二中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|家属院|家园|名居|金沙苑|安置小区|移民新村"),
    # A third of the other-city items are from 甘肃 itself.
    province=re.compile(r"甘肃|兰州|嘉峪关|金昌|白银|天水|武威|张掖|平凉|酒泉|庆阳|定西|陇南|临夏|甘南|敦煌|玉门|合作市"
                        r"|华亭|永登|榆中|皋兰|民勤|古浪|山丹|临泽|高台|肃州|瓜州|静宁|庄浪|通渭|陇西|岷县|武都|成县"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 122 relevant adverse items: six of each, as in the fourth to twenty-fourth sets.
    min_per_topic=6,
)
# The twenty-six sets on main when the twenty-seventh and twenty-eighth sets were written (at the same time, each blind
# to the other).
BEFORE_TWENTY_SEVENTH = (*BEFORE_TWENTY_FIFTH, "jiyan_items.jsonl", "jichuan_items.jsonl")
SONGMEI = BlindSet(
    name="songmei", ordinal="twenty-seventh", city="嵩湄", id_pattern=r"d27-\d{4}", region="4149", province_code="41",
    districts=("湄城区", "嵩北区", "枣陂县", "杏庄县", "嵩湄经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-six sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_SEVENTH,
    trap_words=re.compile(r"学校|小学|中学|一高|初中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华府|名门|新苑|槐林苑|家属院|安置小区|移民新村"),
    # A third of the other-city items are from 河南 itself.
    province=re.compile(r"河南|郑州|开封|洛阳|平顶山|安阳|鹤壁|新乡|焦作|濮阳|许昌|漯河|三门峡|南阳|商丘|信阳|周口|驻马店"
                        r"|济源|巩义|登封|新郑|禹州|长葛|汝州|舞钢|林州|卫辉|辉县|沁阳|孟州|义马|灵宝|邓州|永城|项城|兰考"
                        r"|固始|鹿邑"),
    province_min=0, province_share=1 / 3,
    # 17 topics over about 129 relevant adverse items: six of each, as in the fourth to twenty-sixth sets.
    min_per_topic=6,
)
FENJIAN = BlindSet(
    name="fenjian", ordinal="twenty-eighth", city="汾涧", id_pattern=r"d28-\d{4}", region="1449", province_code="14",
    districts=("涧城区", "北岗区", "窑沟县", "寒峪县", "汾涧经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-six sets on main when it was written (the sets written at the same time are blind to it).
    older=BEFORE_TWENTY_SEVENTH,
    trap_words=re.compile(r"学校|小学|中学|一中|二中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|家属院|华府|名门|安置小区|移民新村"),
    # A third of the other-city items are from 山西 itself.
    province=re.compile(r"山西|太原|大同|阳泉|长治|晋城|朔州|晋中|运城|忻州|临汾|吕梁|平遥|榆次|介休|孝义|汾阳|原平|河津"
                        r"|永济|侯马|霍州|高平|古交|怀仁"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 134 relevant adverse items: six of each, as in the fourth to twenty-sixth sets.
    min_per_topic=6,
)
# The twenty-eight sets on main when the twenty-ninth and thirtieth sets were written (at the same time, each blind
# to the other).
BEFORE_TWENTY_NINTH = (*BEFORE_TWENTY_SEVENTH, "songmei_items.jsonl", "fenjian_items.jsonl")
XIAOLING = BlindSet(
    name="xiaoling", ordinal="twenty-ninth", city="潇陵", id_pattern=r"d29-\d{4}", region="4249", province_code="42",
    districts=("潇城区", "柘港区", "桐湖县", "岑山县", "潇陵经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 240 items).
    min_items=240,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-eight sets on main when it was written (the set written at the same time is blind to it).
    older=BEFORE_TWENTY_NINTH,
    trap_words=re.compile(r"学校|小学|中学|一中|三中|幼儿园|校园|学生|学院|小区|花园|花苑|新村|新城|楼盘|业主|住宅|居民楼"
                          r"|宿舍|国际城|名都|还建|安置"),
    # A third of the other-city items are from 湖北 itself.
    province=re.compile(r"湖北|武汉|黄石|十堰|宜昌|襄阳|鄂州|荆门|孝感|荆州|黄冈|咸宁|随州|恩施|仙桃|潜江|天门|神农架"
                        r"|大冶|丹江口|宜都|枝江|当阳|老河口|枣阳|宜城|钟祥|京山|应城|安陆|汉川|石首|洪湖|松滋|监利|麻城"
                        r"|武穴|赤壁|广水|利川"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 129 relevant adverse items: six of each, as in the fourth to twenty-eighth sets.
    min_per_topic=6,
)
SHANYUAN = BlindSet(
    name="shanyuan", ordinal="thirtieth", city="杉沅", id_pattern=r"d30-\d{4}", region="5249", province_code="52",
    districts=("漾溪区", "栗坪区", "乌箐县", "高枧县", "杉沅经开区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 230 items).
    min_items=230,
    min_per_kind=ISSUE_PROPORTIONS,
    # The twenty-eight sets on main when it was written (the set written at the same time is blind to it).
    older=BEFORE_TWENTY_NINTH,
    trap_words=re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                          r"|华庭|名苑|新城|安置点|安置小区"),
    # A third of the other-city items are from 贵州 itself.
    province=re.compile(r"贵州|贵阳|六盘水|遵义|安顺|毕节|铜仁|黔东南|黔南|黔西南|凯里|都匀|兴义|仁怀|赤水|清镇|盘州|福泉"
                        r"|兴仁|花溪|观山湖|南明|汇川|水城|威宁|织金|湄潭|荔波|镇远|黎平|榕江|从江|雷山|松桃|思南"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 134 relevant adverse items: six of each, as in the fourth to twenty-eighth sets.
    min_per_topic=6,
)
# The thirty sets on main when the thirty-first and thirty-second sets were written (at the same time, each blind to
# the other).
BEFORE_THIRTY_FIRST = (*BEFORE_TWENTY_NINTH, "xiaoling_items.jsonl", "shanyuan_items.jsonl")
LIHENG = BlindSet(
    name="liheng", ordinal="thirty-first", city="溧蘅", id_pattern=r"d31-\d{4}", region="3249", province_code="32",
    districts=("蘅城区", "芦墩区", "荻桥县", "蒲荡县", "溧蘅高新技术产业开发区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 240 items).
    min_items=240,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_THIRTY_FIRST,
    trap_words=re.compile(r"学校|小学|中学|初级中学|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍|名苑"
                          r"|壹号院|安置小区|安置点"),
    # A third of the other-city items are from 江苏 itself.
    province=re.compile(r"江苏|南京|无锡|徐州|常州|苏州|南通|连云港|淮安|盐城|扬州|镇江|泰州|宿迁|常熟|昆山|江阴|宜兴"
                        r"|张家港"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 130 relevant adverse items: six of each, as in the fourth to thirtieth sets.
    min_per_topic=6,
)
QIONGRONG = BlindSet(
    name="qiongrong", ordinal="thirty-second", city="邛嵘", id_pattern=r"d32-\d{4}", region="5149", province_code="51",
    districts=("嵘城区", "溪坝区", "桤木县", "石笋县", "鹭溪新区"),
    min_names={"places": 30, "bodies": 40, "people": 1},
    # The issue's table of kinds (the brief's 45/45/15/15/25/28/27/30, at least 240 items).
    min_items=240,
    min_per_kind=ISSUE_PROPORTIONS,
    older=BEFORE_THIRTY_FIRST,
    trap_words=re.compile(r"学校|小学|中学|二中|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍|名都|雅居"
                          r"|春晓|安置点|安置小区"),
    # A third of the other-city items are from 四川 itself.
    province=re.compile(r"四川|成都|自贡|攀枝花|泸州|德阳|绵阳|广元|遂宁|内江|乐山|南充|眉山|宜宾|广安|达州|雅安|巴中"
                        r"|资阳|阿坝|甘孜|凉山"),
    province_min=0, province_share=1 / 3,
    # 17 topics over 129 relevant adverse items: six of each, as in the fourth to thirtieth sets.
    min_per_topic=6,
)
BLIND_SETS = (FENGLING, LIANCHUAN, QICHUAN, YUZE, TONGXUN, RUOCHUAN, TANGYI, HUANYANG, YINGFENG, QINGXIU, GAOLING,
              SUOYAN, QIYUAN, LIAOWAN, TANCANG, ZHENGANG, MOQUAN, LANWAN, XIMU, YUGE, LITING, ZHIPU,
              LINTAI, JIYAN, JICHUAN, SONGMEI, FENJIAN, XIAOLING, SHANYUAN, LIHENG, QIONGRONG)


def load_split() -> ModuleType:
    """devsets/split.py, the seeded split both sets are drawn with."""
    spec = importlib.util.spec_from_file_location("devsets_split", DEVSETS / "split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_lines(lines: list[str], name: str) -> None:
    assert lines, f"{name} is empty"
    for n, line in enumerate(lines, 1):
        assert line.strip() == line and line, f"{name} line {n}: blank or padded"
        assert isinstance(json.loads(line), dict), f"{name} line {n}: not an object"


def check_fields(items: list[dict], id_pattern: str, offices: Collection[str]) -> None:
    """Every item has the set's fields, known values, a url on its source's domain, a +08:00 time,
    a title and text of a realistic length, and boolean labels (topic aside)."""
    for item in items:
        where = item.get("id", "?")
        assert set(item) - {"engagement"} == KEYS, f"{where}: keys {sorted(set(item) ^ (KEYS | {'engagement'}))}"
        assert re.fullmatch(id_pattern, item["id"]), where
        assert item["split"] in {"dev", "heldout"}, where
        assert item["office"] in offices, where
        assert item["kind"] in KINDS, where
        assert item["tone"] in {"calm", "emotional"}, where
        source = item["source"]
        assert set(source) == {"name", "domain", "kind"} and source["kind"] in SOURCE_KINDS, where
        assert source["name"].strip() and "." in source["domain"], where
        url = urlsplit(item["url"])
        assert url.scheme == "https" and url.hostname, where
        assert url.hostname == source["domain"] or url.hostname.endswith("." + source["domain"]), (
            f"{where}: {item['url']} is not on {source['domain']}")
        published = datetime.fromisoformat(item["published_at"])
        assert published.utcoffset() == timedelta(hours=8), f"{where}: published_at must carry +08:00"
        assert 2 <= len(item["title"]) <= 80 and item["title"].strip() == item["title"], where
        assert 30 <= len(item["text"]) <= 400, f"{where}: text has {len(item['text'])} characters"
        if "engagement" in item:
            eng = item["engagement"]
            assert set(eng) == ENGAGEMENT_KEYS, where
            assert all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in eng.values()), where
        labels = item["labels"]
        assert set(labels) == LABEL_KEYS, f"{where}: label keys {sorted(labels)}"
        for name in LABEL_KEYS - {"topic"}:
            assert isinstance(labels[name], bool), f"{where}: {name} must be true or false"


def check_unique(items: list[dict]) -> None:
    for field in ("id", "text"):  # titles may repeat (two 警情通报)
        dupes = [v for v, n in Counter(i[field] for i in items).items() if n > 1]
        assert not dupes, f"duplicate {field}: {dupes[:3]}"


def check_labels(item: dict) -> None:
    """The labelling rules of devsets/README.md that follow from an item's kind."""
    where, kind, labels = item["id"], item["kind"], item["labels"]
    assert labels["adverse"] == (kind in ADVERSE_KINDS), f"{where}: adverse must follow kind {kind}"
    assert labels["relevant"] == (kind in RELEVANT_KINDS), f"{where}: relevant must follow kind {kind}"
    if labels["adverse"] and labels["relevant"]:
        assert labels["topic"] in BASE_TOPICS, f"{where}: topic {labels['topic']!r} not in BASE_TOPICS"
    else:
        assert labels["topic"] is None, f"{where}: topic only on relevant adverse items"
    if labels["critical"]:
        assert labels["adverse"] and labels["relevant"], f"{where}: critical only on relevant adverse items"
    assert labels["rumour"] == (kind == "rumour") or kind == "other_city_bad", where
    assert labels["official_notice"] == (kind == "official_notice") or kind == "other_city_bad", where


def check_invented_places(city_level: Iterable[str]) -> None:
    """A training generator's city-level places (city, county, river) are invented: none is a place of a development
    set's office (devsets/ and devsets/stress/), and none begins like a real region (regions.txt)."""
    places: set[str] = set()
    for path in [*DEVSETS.glob("*_office.toml"), *DEVSETS.glob("stress/*_office.toml")]:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
        places.update(config.get("classifier", config).get("places", []))
    regions = (DEVSETS.parent / "classifier" / "reference" / "regions.txt").read_text(encoding="utf-8")
    for name in city_level:
        assert name not in places, name
        assert name[:2] not in regions, name


def _shingles(text: str, size: int = 8) -> set[str]:
    return {text[k:k + size] for k in range(len(text) - size + 1)}


def check_apart(rows: Iterable[dict], min_shingles: int = 1, paths: Iterable[Path] | None = None) -> None:
    """No training row shares 30 % of its 8-character shingles with any one item of the development sets (either
    split; ``paths``: other sets' files, e.g. the stress sets'): stock phrases (事故原因正在调查中) may recur, a
    paraphrased item may not. Rows with fewer than ``min_shingles`` shingles are too short to tell."""
    owners: dict[str, list[int]] = {}
    for n, r in enumerate(r for path in (sorted(DEVSETS.glob("*_items.jsonl")) if paths is None else paths)
                          for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())):
        for gram in _shingles(f"{r.get('title') or ''}\n{r.get('text') or ''}"):
            owners.setdefault(gram, []).append(n)
    for row in rows:
        grams = _shingles(f"{row['title']}\n{row['text']}")
        if len(grams) < max(min_shingles, 1):
            continue
        hits = Counter(n for g in grams for n in owners.get(g, ()))
        worst = max(hits.values(), default=0) / len(grams)
        assert worst < 0.3, f"training item shares {worst:.0%} with a development item: {row['title']} {row['text']}"


def check_no_templates(items: list[dict], others: Iterable[Path] = ()) -> None:
    """Inside the set, and against the older sets in ``others``: two texts sharing a quarter of their
    8-character shingles were written from one template (or copied)."""
    older = [(path.name, json.loads(line)["text"]) for path in others
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [i["text"] for i in items] + [text for _, text in older]
    names = [i["id"] for i in items] + [name for name, _ in older]
    shingles = [_shingles(t) for t in texts]
    owners: dict[str, list[int]] = {}
    for n, grams in enumerate(shingles):
        for gram in grams:
            owners.setdefault(gram, []).append(n)
    shared: Counter[tuple[int, int]] = Counter()
    for who in owners.values():
        mine = [n for n in who if n < len(items)]
        if mine and 1 < len(who) < 20:
            for a in mine:
                for b in who:
                    if b > a:
                        shared[(a, b)] += 1
    for (a, b), n in shared.items():
        overlap = n / min(len(shingles[a]), len(shingles[b]))
        assert overlap < 0.25, f"{names[a]} and {names[b]} share {overlap:.0%} of their text"


def check_names_its_office(items: list[dict], names: Collection[str], city: str) -> None:
    """A relevant item names one of the office's places, bodies or people, or was posted on the office's
    own channel (its 留言板, 发布, 公安: a source named after the city); an other-city item names none."""
    for item in items:
        text = item["title"] + item["text"]
        named = [n for n in names if n in text]
        if item["labels"]["relevant"]:
            assert named or city in item["source"]["name"], (
                f"{item['id']}: relevant but names none of the office's places or bodies")
        elif item["kind"] == "other_city_bad":
            assert not named, f"{item['id']}: other-city item names the office's {named}"


def check_half_split(items: list[dict], p_dev: float) -> None:
    """The kind × topic draw: every kind and every topic within one and a half items of the share."""
    for margin in ("kind", "topic"):
        strata: dict[object, Counter[str]] = {}
        for item in items:
            key = item["kind"] if margin == "kind" else item["labels"]["topic"]
            strata.setdefault(key, Counter())[item["split"]] += 1
        for key, counts in strata.items():
            n = counts["dev"] + counts["heldout"]
            assert abs(counts["dev"] - p_dev * n) <= 1.5, f"{margin} {key}: {dict(counts)} is not ~{p_dev:.0%} dev"


def check_region_free(prefix: str, province: str) -> None:
    """No real prefecture (GB/T 2260, classifier/reference/regions.txt) uses an invented office's prefix."""
    regions = DEVSETS.parent / "classifier" / "reference" / "regions.txt"
    codes = [line.split("\t", 1)[0] for line in regions.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert any(c.startswith(province) for c in codes), f"regions.txt has no codes under {province}: cannot check"
    assert not [c for c in codes if c.startswith(prefix)], f"{prefix} is a real region code"


def long_share(items: list[dict], min_chars: int = 150) -> float:
    """The share of items whose text has at least ``min_chars`` characters (news with background and
    quotes, 留言 with addresses and history, not only 60-character stubs)."""
    return sum(len(i["text"]) >= min_chars for i in items) / len(items)


def load_eval_judgement() -> ModuleType:
    """bench/eval_judgement.py as a module (it puts the repository on sys.path itself)."""
    import sys

    bench = DEVSETS.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        spec = importlib.util.spec_from_file_location("eval_judgement", bench / "eval_judgement.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["eval_judgement"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(bench))
        sys.modules.pop("eval_judgement", None)
    return module
