"""Media tier without configuration: the outlet registry, by name, domain and credit, in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from classifier import media
from classifier.jurisdiction import load
from core.contracts import Source
from policies import HERE


@pytest.fixture(scope="module")
def jining() -> media.MediaRegistry:
    return media.registry().with_local(load(HERE / "jining-ggzy").local_media())


def call(reg: media.MediaRegistry, name: str, url: str = "", title: str = "", text: str = "",
         tier: str = "unknown") -> media.TierCall:
    return reg.resolve(Source(id="s", name=name, kind="news", tier=tier), url, title, text)  # type: ignore[arg-type]


def test_the_shipped_registry_checks_clean_and_covers_every_province() -> None:
    assert media.check() == []
    provinces = {o.region for o in media.registry().outlets if o.tier == "provincial"}
    assert len(provinces) == 31  # every province, autonomous region and municipality of the mainland


@pytest.mark.parametrize(("name", "url", "tier", "outlet"), [
    ("新华网", "", "central", "新华社"),
    ("人民网山东频道", "", "central", "人民日报"),
    ("央视新闻", "", "central", "中央广播电视总台"),
    ("batch", "https://www.chinanews.com.cn/sh/2026/11-30/1.shtml", "central", "中国新闻社"),
    ("batch", "http://www.dzwww.com/shandong/1.htm", "provincial", "大众日报"),
    ("闪电新闻", "", "provincial", "大众日报"),
    ("batch", "https://news.sina.com.cn/c/1.shtml", "portal", "新浪网"),
    ("batch", "https://www.sohu.com/a/123_456", "self_media", "搜狐号"),
    ("batch", "http://liuyan.people.com.cn/threads/content?tid=1", "self_media", "人民网地方领导留言板"),
    ("济宁日报", "", "prefecture", "济宁日报"),
    ("曲阜市融媒体中心", "", "county", "曲阜市融媒体中心"),
    ("鞍山日报", "", "prefecture", "鞍山日报"),
])
def test_tier_by_name_or_domain(jining: media.MediaRegistry, name: str, url: str, tier: str, outlet: str) -> None:
    c = call(jining, name, url)
    assert c.tier == tier and c.outlet is not None and c.outlet.name == outlet
    assert c.reason is not None and c.reason.startswith(media.tier_text(tier)) and outlet in c.reason


def test_the_city_s_news_app_is_local_media() -> None:
    j = load(HERE / "jining-ggzy")
    reg = media.registry().with_local(j.local_media(), (*j.own_names, *j.places))
    app = call(reg, "掌上济宁")
    assert app.tier == "prefecture" and app.outlet is not None and app.outlet.local
    # another city's app and the bare prefix are no local outlet
    assert call(reg, "掌上长沙").tier == "unknown" and call(reg, "掌上").tier == "unknown"


def test_a_name_that_runs_on_into_another_word_is_not_the_outlet(jining: media.MediaRegistry) -> None:
    # 新华社区 is a community called 新华, 人民网友 are users: neither is the outlet inside the name.
    assert jining.by_name("新华社区居委会") is None
    assert jining.by_name("人民网友之家") is None
    assert jining.by_name("新华社客户端").name == "新华社"  # type: ignore[union-attr]
    assert jining.by_name("人民网山东频道").name == "人民日报"  # type: ignore[union-attr]


def test_official_accounts_boards_and_government_sites(jining: media.MediaRegistry) -> None:
    assert call(jining, "济宁公安", "https://weibo.com/jnga").tier == "government"  # an official account on 微博
    assert call(jining, "batch", "http://www.jining.gov.cn/art/1.html").tier == "government"
    board = call(jining, "济宁12345市民留言板", "http://liuyan.jining.gov.cn/1")
    assert board.tier == "self_media" and "网民留言" in (board.reason or "")  # citizens' posts on a gov.cn host
    assert call(jining, "某某", "").tier == "unknown" and call(jining, "某某", "").reason is None


def test_a_credit_in_the_text_raises_a_repost_to_the_outlet_credited(jining: media.MediaRegistry) -> None:
    c = call(jining, "某论坛", text="新华社济南11月30日电（记者 王某）济宁市某中心……", tier="self_media")
    assert c.tier == "central" and c.credited is not None and "正文“新华社济南11月30日电" in (c.reason or "")
    assert call(jining, "batch", title="央视曝光：某地问题奶粉").tier == "central"
    assert call(jining, "batch", text="据人民日报报道，……").tier == "central"
    assert call(jining, "batch", text="……（来源：大众网）").tier == "provincial"
    # Not credits: a place that starts like an outlet, a name in passing, a government notice.
    assert call(jining, "batch", text="新华社区居民反映路灯坏了").tier == "unknown"
    assert call(jining, "batch", text="我昨天在人民日报上看到一个广告").tier == "unknown"
    assert call(jining, "batch", text="据新华社报道", tier="government").tier == "government"
    # A known tier is kept when no graver outlet is credited.
    assert call(jining, "新浪微博", text="据济宁日报报道", tier="central").tier == "central"


def test_every_credit_cue_holds_a_word_of_the_prefilter() -> None:
    # credit() skips a part of the text in which _CUE finds nothing: every cue _BEFORE or _AFTER can
    # match must hold one of its words, or credits would be missed.
    body = media._BEFORE.pattern.removeprefix("(?:").removesuffix(")《?$")
    before = [re.sub(r"\[[^]]*\]\?|\\s\*", "", alternative) for alternative in body.split("|")]
    assert before and all(re.fullmatch(r"[\u4e00-\u9fffa-z]+", form) for form in before), before
    after = [f" {w}" for w in media._AFTER_WORDS] + [f"》{w}" for w in media._AFTER_WORDS] + \
        [f"全媒体{w}" for w in media._AFTER_WORDS] + ["济南11月30日电", "电（", "电(", "电 "]
    for cue in before:
        assert media._BEFORE.search(cue) and media._CUE.search(cue), cue
    for cue in after:
        assert media._AFTER.match(cue) and media._CUE.search(cue), cue
    # A post without any cue is not scanned for outlet names; one with a cue is.
    reg = media.registry()
    assert reg.credit("", "新华社区居民反映路灯坏了，人民日报社门口也坏了") is None
    assert reg.credit("", "新华社济南11月30日电 路灯坏了") is not None


@pytest.mark.parametrize(("title", "text", "outlet"), [
    ("据《四川日报》报道 栖川多个安置小区质量问题突出", "记者近日走访发现墙体开裂。", "四川日报"),
    ("栖川多个安置小区质量问题突出", "四川日报全媒体记者近日走访发现墙体开裂。", "四川日报"),
    ("", "据四川观察报道，多个保障房小区存在违规转租问题。", "四川日报"),
    ("", "《人民日报》刊文点名部分部门以文件落实文件。", "人民日报"),
    # a regulation in title marks is no outlet
    ("", "据《安全生产法》规定，企业须整改。", None),
    # an exposé recalled in a later report is not who reports now
    ("化工园区通过省级安全风险评估", "去年央视曝光园区企业违规储存危化品后，园区开展整治。", None),
    ("", "此前新华社报道过该问题，记者近日回访。", None),
])
def test_credits_in_title_marks_and_by_desk(title: str, text: str, outlet: str | None) -> None:
    found = media.registry().credit(title, text)
    assert (found[0].name if found else None) == outlet, found


def test_check_names_bad_entries(tmp_path: Path) -> None:
    path = tmp_path / "media.yaml"
    path.write_text("outlets:\n  - {name: 某报, tier: national}\n  - {name: 新报, aliases: [某报], tier: central, "
                    "colour: red}\ngovernment: {domains: [gov.cn]}\nextra: 1\n", encoding="utf-8")
    problems = "\n".join(media.check(path))
    assert "tier: 'national'" in problems and "'某报' is already a name of 某报" in problems
    assert "colour: unknown key" in problems and "extra: unknown key" in problems


@pytest.mark.parametrize(("name", "url", "level", "words"), [
    # a province's name and a body, with or without a domain (中共, 网站 around it)
    ("江西省纪委监委网站", "", "provincial", "省级纪检监察机关 江西省纪委监委网站 (据信源名称"),
    ("中共山东省纪律检查委员会", "", "provincial", "省级纪检监察机关"),
    ("广西壮族自治区人民政府门户网站", "", "provincial", "省级政府网站"),
    ("江西省人民政府", "", "provincial", "省级政府"),
    # known sites by their host
    ("batch", "http://www.jxdi.gov.cn/yaowen/1.html", "provincial", "(据网址 www.jxdi.gov.cn)"),
    ("batch", "https://www.jiangxi.gov.cn/art/2026/12/1/art_1.html", "provincial", "江西省人民政府门户网站"),
    ("batch", "https://www.gov.cn/zhengce/2026-12/01/content_1.htm", "central", "中央政府网站 中国政府网"),
])
def test_a_body_above_the_office_is_a_government_source_of_its_level(name: str, url: str, level: str,
                                                                      words: str) -> None:
    c = call(media.registry(), name, url)
    assert (c.tier, c.authority) == ("government", level), c
    assert c.reason is not None and c.reason.startswith("政府/官方发布: ") and words in c.reason, c.reason


@pytest.mark.parametrize(("name", "url", "tier"), [
    ("枫岭市纪委监委", "", "government"),  # the city's own body: a government source, no level above it
    ("南昌市人民政府", "", "government"),
    ("batch", "http://nc.jiangxi.gov.cn/1.html", "government"),  # a portal's host is exact: not its subdomains
    ("中央纪委国家监委网站", "", "central"),  # also 中国纪检监察报's site: the central outlet
    ("batch", "https://www.ccdi.gov.cn/yaowenn/1.html", "central"),
    ("江西日报", "", "provincial"),
])
def test_other_sources_have_no_level_above_the_office(name: str, url: str, tier: str) -> None:
    c = call(media.registry(), name, url)
    assert (c.tier, c.authority) == (tier, None), c


def test_a_configured_government_source_gets_its_level_and_another_tier_is_kept() -> None:
    assert call(media.registry(), "江西省纪委监委网站", tier="government").authority == "provincial"
    kept = call(media.registry(), "江西省纪委监委网站", tier="provincial")
    assert (kept.tier, kept.authority) == ("provincial", None)


def test_check_names_bad_authorities(tmp_path: Path) -> None:
    path = tmp_path / "media.yaml"
    path.write_text("outlets: []\ngovernment: {domains: [gov.cn]}\nauthorities:\n  bodies: [纪委监委]\n  sites:\n"
                    "    - {name: 某省纪委, domains: [x.gov.cn], level: prefecture}\n"
                    "    - {name: 某省政府, hosts: [y.gov.cn], level: provincial, region: '99', colour: red}\n",
                    encoding="utf-8")
    problems = "\n".join(media.check(path))
    assert "level: 'prefecture'" in problems and "region: '99' is no province code" in problems
    assert "colour: unknown key" in problems


def test_a_repeated_source_is_told_apart_once_in_a_bounded_cache() -> None:
    reg = media.registry().with_local([])
    first = reg.authority("江西省纪委监委网站", "http://www.jxdi.gov.cn/yaowen/1.html")
    again = reg.authority("江西省纪委监委网站", "http://www.jxdi.gov.cn/yaowen/2.html")
    assert first == again and first is not None and first[0].level == "provincial"
    info = reg._authority_named.cache_info()
    assert (info.hits, info.misses, info.maxsize) == (1, 1, media._SOURCE_CACHE)
    # by host, for a name that is no body above the office
    assert reg.authority("某网站", "https://www.gov.cn/a.htm") == reg.authority("某网站", "https://www.gov.cn/b.htm")
    assert reg._authority_at.cache_info().hits == 1


def test_a_known_tiers_call_is_kept_per_name_and_tier_and_credits_read_per_item(jining: media.MediaRegistry) -> None:
    """The call on a source of a known tier is kept per name and tier: each item still gets its own credit,
    another tier of the same name its own call, and a source of unknown tier is read with its URL."""
    credited = "新华社济宁11月30日电 记者从市住建局获悉"
    for _ in range(2):  # the second time from the kept calls
        plain = call(jining, "济宁论坛", "http://a.example.cn/1", text="小区停水三天", tier="self_media")
        assert (plain.tier, plain.reason, plain.credited) == ("self_media", None, None)
        raised = call(jining, "济宁论坛", "http://a.example.cn/2", text=credited, tier="self_media")
        assert raised.tier == "central" and raised.credited is not None and "新华社" in (raised.reason or "")
        assert call(jining, "济宁论坛", text="小区停水三天", tier="prefecture").tier == "prefecture"
        assert call(jining, "济宁论坛", "http://www.xinhuanet.com/a.htm", text="小区停水三天").tier == "self_media"
        assert call(jining, "batch", "http://www.xinhuanet.com/a.htm", text="小区停水三天").tier == "central"
        assert call(jining, "batch", "http://www.dzwww.com/1.htm", text="小区停水三天").tier == "provincial"
