"""Facts the grades follow: counts of deaths, injured and people gathered; rumours; official notices;
and the grading conditions and gate that read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.facts import (
    Facts,
    chinese_number,
    event_topic,
    find_facts,
    formal_notice,
    not_a_complaint,
    praise_headline,
    publicity_failure,
    reply_form,
    reply_headline,
    resolved_outcome,
    settled_headline,
    settled_in_sentence,
    told_as_past,
    work_report,
)
from classifier.grading import Features, check, load_rules
from policies import HERE


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("十二", 12), ("两百三十", 230), ("一百零五", 105),
                                             ("数十", 20), ("上百", 100), ("三", 3), ("某", None)])
def test_chinese_numbers(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(("title", "text", "deaths", "injured", "gathered"), [
    ("化工厂爆炸致2人死亡", "今天凌晨发生爆炸，2人死亡，5人受伤。", 2, 5, None),
    ("", "事故造成3死12伤", 3, 12, None),
    ("", "一名工人从高处坠落身亡", 1, None, None),
    ("", "死亡人数已升至十一人", 11, None, None),
    ("", "事故未造成人员伤亡", None, None, None),
    ("", "现场无人员受伤", None, None, None),
    ("", "数十名农民工聚集在项目部门口讨薪", None, None, 20),
    ("", "约200名业主围堵售楼处", None, None, 200),
    ("", "售楼处门口聚集了100余人", None, None, 100),
    ("", "一名男子被刺伤送医", None, 1, None),
    ("", "两村为争地打群架，据说伤了十几个人", None, 10, None),
    ("国足又输了", "气死我了，笑死，这球踢的", None, None, None),
    ("", "小区有人被捅死了？？警车来了十几辆", 1, None, None),
    ("", "教练说你这个动作不标准会受伤", None, None, None),
    ("", "网传小区有人跳楼了", None, 1, None),
    ("", "听说工地上死了两个人", 2, None, None),
    ("", "送到医院抢救无效", 1, None, None),
    ("", "一男子持刀行凶", None, 1, None),
    ("", "上百名家长堵在校门口要说法", None, None, 100),
    ("", "听说化工厂爆炸死了好几个人", 3, None, None),
    ("", "网传几十个村民和施工队打起来了", None, None, 20),
    ("", "好多业主聚集在售楼处门口讨说法", None, None, 10),
])
def test_counts(title: str, text: str, deaths: int | None, injured: int | None, gathered: int | None) -> None:
    f = find_facts(title, text)
    assert (f.deaths, f.injured, f.gathered) == (deaths, injured, gathered)
    assert f.adverse == bool(deaths or injured or gathered)


@pytest.mark.parametrize(("text", "gathered"), [
    # a gathering counts people, not dates, numbering, places, times or the word 百姓
    ("老百姓多次上访，问题一直没解决", None),
    ("四、关于业主维权的问题", None),
    ("维权维了2个多月，没有结果", None),
    ("早上8:30堵在小区门口出不去", None),
    ("二环外也开始拥堵了", None),
    ("7县泉溪镇围着一圈铁皮", None),
    ("“11·18”聚众斗殴事件", None),
    ("小区一如既往维权", None),
    # ... but a crowd told by an amount, its people named after the word, or a few words away
    ("数千教师示威", 2000),
    ("又有百余示威者赶到酒店外", 100),
    ("省道周围聚集数十名围观群众", 20),
    ("几个医生围着他", 3),
    ("一群贪财的人冲进了店里", 10),
    ("一百多个业主拉横幅去售楼部", 100),
])
def test_a_gathering_counts_people(text: str, gathered: int | None) -> None:
    assert find_facts("", text).gathered == gathered


@pytest.mark.parametrize(("text", "injured", "deaths"), [
    ("老百姓因此而受伤", 1, None),  # 百姓 is no hundred
    ("老人千万别摔伤了，摔伤一次就麻烦", 1, None),  # an adverb: not ten million hurt
    ("7个月大的男婴喝完奶后很快死亡", None, 1),
    ("几个月后那只狗被人打死", None, None),  # not three dead; and a dog is no casualty
])
def test_numbers_that_are_words_or_ages_count_no_one(text: str, injured: int | None, deaths: int | None) -> None:
    f = find_facts("", text)
    assert (f.injured, f.deaths) == (injured, deaths), f


@pytest.mark.parametrize(("text", "injured", "deaths"), [
    ("市第二人民医院新住院楼项目还没招标", None, None),
    ("患者在市第二人民医院术后死亡", None, 1),
    ("县二人民医院住院部今天搬迁", None, None),
    ("事故造成第二辆车上两人受伤", 2, None),
])
def test_an_ordinal_or_a_hospital_name_counts_no_one(text: str, injured: int | None, deaths: int | None) -> None:
    f = find_facts("", text)
    assert (f.injured, f.deaths) == (injured, deaths)


@pytest.mark.parametrize(("text", "gathered", "adverse"), [
    ("绝杀三分进了，围观的几十个人全冲进场庆祝", 20, False),
    ("越来越多的年轻消费者涌入新开的商场", None, False),
    ("几十名村民冲进镇政府静坐", 20, True),
    ("上百人涌入售楼处讨说法", 100, True),
    ("多名男子冲进店里，3人受伤", 3, True),
])
def test_a_crowd_on_the_move_is_no_bad_news_by_itself(text: str, gathered: int | None, adverse: bool) -> None:
    f = find_facts("", text)
    assert f.gathered == gathered and f.adverse is adverse


@pytest.mark.parametrize(("text", "signals"), [
    ("如遇火灾请拨打119，切勿乘坐电梯", {}),
    ("闻到异味或发现燃气泄漏请立即关闭阀门、开窗通风", {}),
    ("如有人员受伤，请及时送医", {}),
    ("去年汛期塌方的路段已经修好，今天恢复通车", {}),
    ("前年那场火灾之后，市场装上了喷淋系统", {}),
    ("今天凌晨城西一仓库发生火灾", {"爆炸火灾": "火灾"}),
    ("燃气泄漏致三人受伤", {"事故灾害": "泄漏", "受伤": "受伤"}),
    ("曾某家中起火，邻居报警", {"爆炸火灾": "起火"}),
    # before a repair or a rectification that is done: background too
    ("记者在现场看到，原来塌方的路段新建了挡墙，路面铺上了水泥。", {}),
    ("整治前，这个市场经常发生火灾，如今装上了喷淋系统。", {}),
    ("以前一下雨就塌方的山路，今年加固完工了。", {}),
    ("此前发生爆炸的车间，已完成整改并通过验收。", {}),
    # a sentence that opens by recalling and tells nothing of now: the report's background
    ("全市完成23万户燃气入户安检。此前，一住户私改燃气管道发生爆燃。", {}),
    ("之前隔壁小区电动车起火的事大家都记得，希望消防来查一查。", {}),
    ("16台老电梯全部换新。去年9月，这个小区发生老人被困40分钟的事件，曝光后列入更新项目。", {}),
    ("去年9月，这个小区发生老人被困的事件，至今电梯仍未更换。", {"事故灾害": "被困"}),
    # ... but not "the former" thing, "it turns out", a repair not done, or an event now or again
    ("原来的老房子昨晚起火，一家三口被困。", {"爆炸火灾": "起火", "事故灾害": "被困"}),
    ("原来是燃气泄漏引发爆炸。", {"事故灾害": "泄漏", "爆炸火灾": "爆炸"}),
    ("此前修复的路段昨天再次塌方。", {"事故灾害": "塌方"}),
    ("原来塌方的路段至今未修复，村民出行困难。", {"事故灾害": "塌方"}),
    ("原来塌方的路段正在修复。", {"事故灾害": "塌方"}),
    ("以前的老厂房发生火灾，消防正在扑救。", {"爆炸火灾": "火灾"}),
    ("整改前，这里经常堵塞消防通道，昨天突然起火。", {"爆炸火灾": "起火"}),
    ("此前发生火灾的仓库，至今没有整改。", {"爆炸火灾": "火灾"}),
    ("此前，城东一仓库发生火灾，目前火势仍在蔓延。", {"爆炸火灾": "火灾"}),
])
def test_a_safety_instruction_or_an_event_of_another_year_is_no_emergency_now(text: str,
                                                                            signals: dict[str, str]) -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals(text) == signals


@pytest.mark.parametrize("text", ["此前网传的“老校区出售”并无此事", "网传某局长被带走，经核实纯属虚构",
                                  "网上说化工厂爆炸死了人，记者了解到绝无此事"])
def test_a_claim_denied_as_never_having_happened_is_no_rumour_or_death(text: str) -> None:
    f = find_facts("", text)
    assert f.rumour is None and f.deaths is None and not f.adverse


def test_mass_incident_rumour_official() -> None:
    assert find_facts("", "当地发生一起群体性事件").mass_incident == "群体性事件"
    rumour = find_facts("网传某小学发生绑架案", "有网友称孩子被带走，待核实")
    assert rumour.rumour == "网传" and rumour.adverse and rumour.official is None
    assert find_facts("求证：小区昨晚是不是出事了？", "").rumour == "求证"
    notice = find_facts("关于某小区火灾的情况通报", "11月30日晚，某小区发生火灾，无人员伤亡。")
    assert notice.official and "情况通报" in notice.official and notice.deaths is None and notice.rumour is None
    assert find_facts("警情通报", "某分局接报后……", government_source=True).official
    assert not find_facts("市民反映路灯坏了", "希望尽快维修").official


@pytest.mark.parametrize(("text", "mass"), [
    ("网传车站附近两伙人打起来了，有人拍了视频", "两伙人打起来"),
    ("安置区门口两帮人拿着钢管互殴，路都堵死了", "两帮人拿着钢管互殴"),
    ("听说二中有两个班的学生今晚约架，还带了刀", "两个班的学生今晚约架"),
    ("夜市烧烤摊两桌喝酒的打起来了，板凳都砸了", "两桌喝酒的打起来"),
    ("村里两家人为宅基地打了起来，有人受伤", "两家人为宅基地打了起来"),
    ("隔壁两桌客人差点打起来，老板赶紧劝开了", None),
    ("听说一中和实验中学的学生约架", "约架"),
    ("两名男子约架被拘", None),
    ("为了浇地，两个村的人差点打起来，还好派出所来了", None),
    ("警方接到线报，及时制止一起约架", None),
])
def test_a_fight_between_two_sides_or_an_arranged_fight_is_a_group_fight(text: str, mass: str | None) -> None:
    """A 群殴 is a mass incident (devsets/README.md) whoever counted it; two people's fight and a fight averted are
    not."""
    assert find_facts("", text).mass_incident == mass


@pytest.mark.parametrize(("title", "text", "gathering", "gathered"), [
    ("厂门口几百号人", "今天厂门口几百号人堵在那里要工资", "几百号人堵在", 200),
    ("关于职工聚集情况的通报", "部分职工因工资拖欠问题到市政府门口聚集反映诉求",
     "部分职工因工资拖欠问题到市政府门口聚集", None),
    ("小区业主维权", "业主们在网上维权，要求开发商按期交房", None, None),
])
def test_people_gathered_are_told_with_their_count_or_as_a_group(title: str, text: str, gathering: str | None,
                                                                  gathered: int | None) -> None:
    f = find_facts(title, text)
    assert (f.gathering, f.gathered) == (gathering, gathered)


def test_the_office_s_gathering_is_the_fewest_people_its_rules_grade_by() -> None:
    assert load_rules(HERE / "city-gov").gathering_min == 20


def test_a_notice_s_provision_is_no_finding_of_a_problem_still_there() -> None:
    text = "秸秆一律还田或收储，不准在地里点火。被巡查发现焚烧的，将按大气污染防治有关规定处罚。"
    assert formal_notice("关于做好秸秆禁烧工作的通告", text) == "通告"
    assert formal_notice("关于做好秸秆禁烧工作的通告", "记者发现，多地仍在焚烧秸秆。") is None


@pytest.mark.parametrize(("text", "mass"), [
    ("当地发生一起群体性事件", "群体性事件"),
    ("今年以来，全市未发生一起因欠薪引发的群体性事件", None),
    ("没有发生群体性事件", None),
    ("希望政府重视，不要酿成群体性事件", None),
    ("各地要严防发生群体性事件", None),
])
def test_a_mass_incident_denied_or_guarded_against_is_none(text: str, mass: str | None) -> None:
    assert find_facts("", text).mass_incident == mass


@pytest.mark.parametrize(("text", "gathered"), [
    ("村BA决赛最后三秒绝杀，场边围了好几千人，全场都疯了", None),
    ("舞龙的时候老街上围了好几百人看热闹，表演太精彩了", None),
    ("第一次陪我妈去公园跳坝坝舞，被一群阿姨围着教，笑死我了", None),
    ("跳广场舞的几十个人围着物业讨说法，说场地被占了", 20),
    ("工地门口围了几十个工人讨薪", 20),
    ("比赛散场后几百人围在体育中心门口，和民警发生冲突", 200),
])
def test_an_audience_round_a_game_a_show_or_a_dance_is_no_gathering(text: str, gathered: int | None) -> None:
    assert find_facts("", text).gathered == gathered


def feats(**kw: object) -> Features:
    base: dict[str, object] = {"tier": "self_media", "kind": "forum", "topic": "其他", "negativity": 0.9,
                               "relevance": 0.9}
    base.update(kw)
    return Features(**base)  # type: ignore[arg-type]


def test_the_gate_grades_only_relevant_adverse_items_with_the_reason() -> None:
    rules = load_rules(HERE / "jining-ggzy")
    elsewhere = rules.grade(feats(tier="central", relevance=0.05))
    assert elsewhere.level == "三级" and "与本单位关联弱 (相关度 0.05 < 0.50)" in elsewhere.reasons
    calm = rules.grade(feats(tier="self_media", negativity=0.4))
    assert calm.level == "三级" and "未达负面门槛 (负面 0.40 < 0.50)" in calm.reasons
    # A report by the media the regulation names is graded from the lower bar (as the intake admits it).
    assert rules.grade(feats(tier="central", negativity=0.4)).level == "一级"
    low = rules.grade(feats(tier="central", negativity=0.1))
    assert low.level == "三级" and "未达负面门槛 (负面 0.10 < 0.30)" in low.reasons
    # A death counted in the text is bad news whatever the model's score.
    deaths = rules.grade(feats(negativity=0.1, facts=Facts(deaths=2, words=("2人死亡",))))
    assert deaths.level == "一级" and "死亡 2 人" in deaths.reasons
    assert rules.grade(feats(tier="central", tier_reason="中央级媒体: 新华社 (据信源名称“新华社”)")).reasons[-1] \
        == "中央级媒体: 新华社 (据信源名称“新华社”)"


@pytest.mark.parametrize(("profile", "top_two"), [
    ("jining-ggzy", ("一级", "二级")), ("anshan-ggzy", ("特别重大", "一般")), ("yichun-scjg", ("特别重大", "重大")),
    ("huaning-gonglu", ("一级", "二级")), ("school", ("特别重大", "重大")), ("city-gov", ("特别重大", "重大"))])
def test_deaths_mass_incidents_and_central_exposes_reach_the_top_two(profile: str, top_two: tuple[str, str]) -> None:
    rules = load_rules(HERE / profile)
    for f in (feats(facts=Facts(deaths=1)), feats(facts=Facts(mass_incident="群体性事件")),
              feats(facts=Facts(gathered=30)), feats(facts=Facts(missing=2)), feats(tier="central"),
              feats(tier="provincial"), feats(tier="government", authority="provincial"),
              feats(tier="government", authority="central")):
        assert rules.grade(f).level in top_two, (profile, f)
    # a body above the office grades like media only by the profile's choice, and says so
    above = rules.grade(feats(tier="government", authority="provincial"))
    assert "本单位选择" in above.reasons[0], above
    # the office's own government source is no such body
    assert "本单位选择" not in rules.grade(feats(tier="government")).reasons[0]
    rumour = rules.grade(feats(facts=Facts(rumour="网传")))
    assert "网传消息, 待核实 (“网传”)" in rumour.reasons
    official = rules.grade(feats(tier="government", facts=Facts(official="官方通报“警情通报”")))
    assert "官方通报“警情通报”" in official.reasons


@pytest.mark.parametrize(("text", "deaths", "injured", "gathered", "missing"), [
    # numbers in Chinese, the nearest count of people, not the first number of the clause
    ("网传钦南区一小区有两人坠楼身亡", 2, 2, None, None),
    ("据传某村三名儿童在水塘溺水身亡", 3, None, None, None),
    ("网传一家三口煤气中毒身亡", 3, 3, None, None),
    ("网传化工厂爆炸，疑似多人死亡", 3, None, None, None),
    ("一名男子从5楼坠亡", 1, None, None, None),
    # the count in an earlier clause of the same sentence
    ("有网友称两人从楼上坠下，疑似已经身亡", 2, None, None, None),
    # spoken and dialect deaths
    ("听说工地塌了，死了好几个工人", 3, None, None, None),
    ("听讲钦州港那边死咗人，系唔系真嘅", 1, None, None, None),
    ("网传灵山一家人三口被杀", 3, None, None, None),
    ("据说昨晚出了人命", 1, None, None, None),
    ("网传一名初中生跳楼死了", 1, None, None, None),
    ("网传村里一对老人葬身火海", 2, None, None, None),
    ("网传有人持刀砍人，两人没了", 2, 1, None, None),
    # crowds
    ("网传上百人聚集堵路", None, None, 100, None),
    ("有网友称几百个业主把售楼部围了", None, None, 200, None),
    ("据传大批村民涌入镇政府讨说法", None, None, 50, None),
    ("网传广场上几十个人打架", None, None, 20, None),
    ("有网友称上百名业主从早上八点开始就聚集在售楼部门口", None, None, 100, None),
    ("据说现场聚集的群众有上百人", None, None, 100, None),
    ("两人因琐事打架", None, None, 2, None),
    # missing after an accident or a disaster; a lift that traps people and an old man who wandered off are not
    ("网传煤矿透水，十余名矿工被困井下", None, None, None, 10),
    ("网传船只沉没，多名船员失联", None, None, None, 3),
    ("小区电梯困人半小时", None, None, None, None),
    # ways of speaking are not deaths; a price trick is not a killing
    ("大数据杀熟，被杀价了", None, None, None, None),
    ("笑死，这球踢的气死我了", None, None, None, None),
])
def test_critical_rumours_are_read_as_critical(text: str, deaths: int | None, injured: int | None,
                                               gathered: int | None, missing: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured, f.gathered, f.missing) == (deaths, injured, gathered, missing), f
    assert f.adverse == bool(deaths or injured or gathered or missing or f.rumour)


def test_crimes_against_a_person_and_negations() -> None:
    assert find_facts("求证：钦北区是不是有小孩被绑架了？", "").crime == "绑架"  # a question, not a negation
    assert find_facts("", "网传有孩子被人贩子抢走了").crime == "人贩子"
    assert find_facts("", "警方调查后确认系家庭纠纷，并非拐卖").crime is None
    assert find_facts("", "事故并非人为，无人员伤亡").deaths is None
    # a knife wielded in public is a case against a person's safety; one denied is none
    assert find_facts("某口岸一男子持刀闹事", "一个男的拿着刀乱挥，后来被武警按住了").crime == "持刀闹事"
    assert find_facts("", "经核实，该男子并未持刀，系酒后与人争吵").crime is None


@pytest.mark.parametrize(("text", "deaths", "injured"), [
    # a 辟谣: the denied claim counts nothing; a real incident told beside it still counts
    ("钦南区警方辟谣：网传“钦南区发生命案”不实", None, None),
    ("网传某村发生命案，警方称系谣言", None, None),
    ("有人造谣称钦南区死了三个人，已被警方行政拘留", None, None),
    ("警方辟谣：网传“绑架”不实，实为抢夺，一人受伤", None, 1),
    ("浦北县一工地坍塌致2人死亡，网传“死亡10人”系谣言", 2, None),
    ("警方通报“2人死亡”，网传“死亡10人”系谣言", 2, None),
])
def test_a_denied_claim_counts_nothing(text: str, deaths: int | None, injured: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured) == (deaths, injured), f


def test_signals_inside_a_denied_claim_do_not_grade() -> None:
    rules = load_rules(HERE / "city-gov")
    text = "。网传“钦州港化工厂爆炸，2人死亡”系谣言"
    f = find_facts("", text[1:])
    assert f.deaths is None and f.denied
    assert rules.find_signals(text, f.denied) == {}
    assert "爆炸火灾" in rules.find_signals(text)


@pytest.mark.parametrize("tone", ["calm", "heated"])
def test_critical_rumours_reach_the_top_two_of_the_city(tone: str) -> None:
    rules = load_rules(HERE / "city-gov")
    texts = {"calm": ("有网友称，钦南区某小区两人坠楼身亡，待核实", "据传有孩子被绑架，求证",
                      "据说灵山县一山塘垮坝，三名村民下落不明"),
             "heated": ("听讲死咗人啊！！真嘅假嘅？？", "网传几百个村民把路堵了！！太乱了！！",
                        "网传小学门口人贩子抢孩子！！家长们注意！！")}[tone]
    for text in texts:
        f = find_facts("", text)
        grade = rules.grade(feats(facts=f, signals=rules.find_signals(f"。{text}", f.denied)))
        assert grade.level in ("特别重大", "重大"), (text, grade)
        assert any(r.startswith("网传消息, 待核实") for r in grade.reasons), grade
        assert any(("死亡" in r or "失联" in r or "聚集" in r or "危害人身安全" in r) for r in grade.reasons), grade


def test_fact_conditions_are_checked_strictly(tmp_path: Path) -> None:
    (tmp_path / "grading.yaml").write_text(
        "grades: [一级, 二级]\ngate: {negativity_min: 2, colour: red, prominent_tiers: [national]}\nrules:\n"
        "  - {grade: 一级, reason: r, when: {deaths_min: 0, rumour: maybe, emotion_min: 0.5, crime: 1, "
        "missing_min: 0}}\n"
        "default: {grade: 二级, reason: d}\n", encoding="utf-8")
    problems = "\n".join(check(tmp_path, ["一级", "二级"]))
    assert "gate.negativity_min: must be within [0.0, 1.0]" in problems and "gate.colour: unknown key" in problems
    assert "unknown value 'national'" in problems
    assert "deaths_min: must be within [1" in problems and "rumour: must be true or false" in problems
    assert "emotion_min: unknown condition" in problems  # emotion is never a condition
    assert "crime: must be true or false" in problems and "missing_min: must be within [1" in problems


def test_the_authority_condition_is_checked_strictly(tmp_path: Path) -> None:
    (tmp_path / "grading.yaml").write_text(
        "grades: [一级, 二级]\nrules:\n  - {grade: 一级, reason: r, when: {authority: [prefecture]}}\n"
        "default: {grade: 二级, reason: d}\n", encoding="utf-8")
    assert "unknown value 'prefecture'; use one of central, provincial" in "\n".join(check(tmp_path, ["一级", "二级"]))


@pytest.mark.parametrize(("text", "feared"), [
    # what might happen, a condition, a rhetorical sequel, a near miss: no death, a warning of a danger
    ("这个路口天天堵车，迟早要出人命", "出人命"),
    ("井盖丢了一个月没人管，非得出了人命才修吗", "出了人命"),
    ("幸好司机刹住了，差点出人命", "出人命"),
    ("电动车在人行道上乱窜，万一撞死人谁负责", "撞死"),
    ("路口没有红绿灯，迟早会有人死亡", "有人死"),
    # a safety notice's prevention is no warning of neglect
    ("请在指定区域游泳，以免溺亡", None),
    ("请勿攀爬护栏，以免出人命", None),
])
def test_what_might_happen_is_no_death(text: str, feared: str | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured, f.feared) == (None, None, feared), f


@pytest.mark.parametrize(("text", "deaths"), [
    # 会 and 要 inside words are no modals
    ("一名协会会长遇害", 1),
    ("开会时一名男子突然死亡", 1),
    ("事故主要原因是施工方违规，2人死亡", 2),
    ("市长会见遇难者家属", 1),
    # what did happen, said with a hedge: its cause, or 已
    ("该男子可能因醉酒溺亡", 1),
    ("被困矿工恐怕已经遇难", 1),
    # a spoken death after an accident or violence is a death
    ("车辆失控冲上人行道，一名老人被撞倒，人当场就没了", 1),
    ("脚手架倒了，一个工人被砸中，送到医院没抢救过来", 1),
    ("两名工人被压在下面，已经不行了", 2),
    ("网传有人在巷子里持刀行凶，被砍的人当场不行了", 1),
    # without one it is a way of speaking
    ("这家店的服务已经不行了", None),
    ("手机摔了一下，已经不行了", None),
    ("老张的生意已经没了", None),
    ("抢救了三个小时，人已经不行了，家属情绪激动", None),  # no accident or violence told before it
    ("一个工人被砸中，当场死了", 1),
    ("工地塌方，一名工人被砸伤，送到医院没救回来", 1),
    ("车祸伤者在医院没能挺过来", 1),
    ("公司没能挺过来，倒闭了", None),
    # the dead counted after the verb with no one named (not a time, not a way of speaking)
    ("工厂爆炸，听说死了好几个", 3),
    ("矿上出事死了几个", 3),
    ("这只猫死了三个月了", None),
    ("这个视频笑死了好几个", None),
])
def test_spoken_deaths_count_after_an_accident_or_violence(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


@pytest.mark.parametrize(("text", "missing"), [
    # people who did not come out of a blast, a fire, a collapse or a flood are missing, told by a
    # witness over several sentences, with or without a count
    ("晚上十点多化工园那边一声巨响，窗户都在震！！！能看到火光，好多消防车往那边开。前几天不是才出过事吗？？"
     "听说这次有人没出来😭", 1),
    ("化工厂昨晚发生爆炸，还有两名工人没能逃出来。", 2),
    ("小区一栋楼起火，浓烟滚滚，听邻居说七楼的老人没跑出来。", 1),
    ("山洪冲走了一辆面包车，车上的三名村民至今未找到。", 3),
    ("隧道塌方后，有五名工人被困，生死未卜。", 5),
    ("矿井透水事故发生后，井下仍有3人没撤出来。", 3),
    # a result, a product or someone not coming out to speak is no one missing
    ("昨天模拟考试，成绩还没出来。", None),
    ("工厂爆炸已经三天了，调查结果至今还没出来。", None),
    ("事故发生后，厂里领导一直没出来说明情况。", None),
    ("车祸发生后，肇事司机至今未找到。", None),
    ("火灾发生后，起火原因至今未找到。", None),
    ("车间起火后，他找了半天，还没找到灭火器。", None),
    ("他在里面加班，一直没出来。", None),  # no accident told
    # a condition, a denied claim, a negation
    ("万一着火了有人没跑出来怎么办？", None),
    ("网传化工厂爆炸有人没出来，系谣言。", None),
])
def test_people_who_did_not_come_out_of_an_accident_are_missing(text: str, missing: int | None) -> None:
    f = find_facts("", text)
    assert f.missing == missing, f
    assert f.deaths is None


def test_a_rumour_of_people_missing_after_a_blast_reaches_the_top_two_of_the_city() -> None:
    rules = load_rules(HERE / "city-gov")
    text = "化工园又炸了？？晚上一声巨响，好多消防车往那边开。听说这次有人没出来"
    f = find_facts("", text)
    grade = rules.grade(feats(facts=f, signals=rules.find_signals(f"。{text}", f.denied)))
    assert grade.level in ("特别重大", "重大"), grade
    assert "失联 1 人" in grade.reasons and any(r.startswith("网传消息, 待核实") for r in grade.reasons), grade


def test_a_couple_counts_no_dead() -> None:
    assert find_facts("", "两口子吵架，男的持刀行凶，人当场就没了").deaths == 1


def test_a_near_miss_is_no_death_but_an_attempted_crime_is_a_crime() -> None:
    assert find_facts("", "孩子放学时差点被人贩子抢走").crime == "人贩子"
    assert find_facts("", "电动车差点把老人撞伤").injured is None
    assert find_facts("", "演练中模拟3人受伤、1人被困").injured is None  # a drill makes nothing real


@pytest.mark.parametrize(("text", "hazard", "evacuated"), [
    ("据说梅江水库坝体出现渗漏，下游两个村的村民连夜转移", "水库坝体出现渗漏", 1),
    ("河堤发生管涌，已紧急转移群众1200余人", "管涌", 1200),
    ("听说上游溃坝了，沿河居民都在撤离", "溃坝", 1),
    # not a water work's danger, not real, or no one moved out of danger
    ("老小区楼道墙体出现裂缝", None, None),
    ("水库大坝经检查未发现裂缝，无需转移群众", None, None),
    ("一旦溃坝后果不堪设想", None, None),
    ("消防演练中疏散师生800余人", None, None),
    ("犯罪嫌疑人转移资金后潜逃", None, None),
    ("推动农村劳动力转移就业", None, None),
])
def test_a_danger_at_a_water_work_and_an_evacuation(text: str, hazard: str | None, evacuated: int | None) -> None:
    f = find_facts("", text)
    assert (f.hazard, f.evacuated) == (hazard, evacuated), f
    assert f.adverse == bool(hazard)


def test_a_dam_danger_with_an_evacuation_reaches_the_top_two_of_the_city() -> None:
    rules = load_rules(HERE / "city-gov")
    for text in ("听说高石水库大坝裂了一道口子，下游的村子要连夜转移，有人知道吗",
                 "江堤出现管涌险情，已转移群众300余人"):
        f = find_facts("", text)
        grade = rules.grade(feats(facts=f, signals=rules.find_signals(f"。{text}", f.denied)))
        assert grade.level in ("特别重大", "重大"), (text, grade)
        said = " | ".join(grade.reasons)
        assert "水库堤坝险情“" in said and "群众转移“" in said, said
    # a danger with no one moved, or a move with no danger, is not this rule's
    for f in (Facts(hazard="大坝裂缝"), Facts(evacuated=30)):
        assert not rules.grade(feats(facts=f)).reasons[0].startswith("水库、堤坝等险情")


def test_signals_of_what_might_happen_do_not_grade() -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals("。路口没有红绿灯，迟早会有人死亡") == {}
    assert rules.find_signals("。厂区管道老化，担心会发生爆炸") == {}
    assert rules.find_signals("。昨晚路口车祸，一人死亡") == {"死亡": "死亡"}


def test_hazard_and_evacuation_conditions_are_checked_strictly(tmp_path: Path) -> None:
    (tmp_path / "grading.yaml").write_text(
        "grades: [一级, 二级]\nrules:\n  - {grade: 一级, reason: r, when: {hazard: maybe, evacuated_min: 0}}\n"
        "default: {grade: 二级, reason: d}\n", encoding="utf-8")
    problems = "\n".join(check(tmp_path, ["一级", "二级"]))
    assert "hazard: must be true or false" in problems and "evacuated_min: must be within [1" in problems


@pytest.mark.parametrize(("text", "topic"), [
    # food and special equipment are events of their own (they outrank the school or the estate: scoring)
    ("一中食堂被曝使用地沟油", "食品药品安全"),
    ("小学生在食堂吃了变质的肉后腹痛", "食品药品安全"),
    ("市场监管部门抽检发现两批次香肠亚硝酸盐超标", "食品药品安全"),
    ("小区电梯年检过期仍在运行", "质监"),
    ("干部蜕化变质，收受红包", "其他"),  # not a food gone bad
    ("食堂员工持刀伤人", "社会稳定"),  # a crime in a canteen is a crime
    # a hazard is an accident's; a feared one is no event, a near miss still is
    ("河堤发生管涌，沿河群众已转移", "应急管理"),
    ("楼道堆满杂物，一旦着火后果不堪设想", None),
    ("厨房油锅差点起火", "应急管理"),
    # a fire lane is no fire; the fire service at a fire is
    ("小区消防通道被私家车占满", None),
    ("仓库起火，消防赶到现场", "应急管理"),
    ("新市场因消防验收未通过迟迟无法开业", None),  # the fire-safety paperwork, not a fire
    # a 派出所 is a place where certificates are issued too; the police coming is an event
    ("办个居住证明，社区让去派出所开，派出所说要街道开", None),
    ("业主拉横幅堵售楼部，派出所来了好多人", "社会稳定"),
    ("楼下架空层天天有人打牌赌钱", "社会稳定"),
    ("车库里好几辆车被砸，报了警也没人管", "社会稳定"),
    # an official's crime of office is the 纪委监委's case, even in court
    ("原副市长受贿案一审宣判，以受贿罪判处有期徒刑十二年", "其他"),
    ("该局长利用职务便利挪用公款，被刑事拘留", "其他"),
])
def test_the_event_of_an_item(text: str, topic: str | None) -> None:
    f = find_facts("", text)
    assert event_topic(text, f.mass_incident, f.hazard)[0] == topic


@pytest.mark.parametrize(("text", "official", "rumour"), [
    # a notice not (yet) given is none: the claim stays a rumour
    ("网传主城区将禁止电动车通行，市交警部门尚未对此作出回应", False, True),
    ("网传某小区有人坠楼，警方暂未通报", False, True),
    ("记者联系教育局，对方拒绝回应", False, False),
    # a notice given is one
    ("市公安局发布警情通报：网传“小区有人坠楼”不实", True, False),
    ("关于未成年人保护工作的情况通报", True, False),
])
def test_a_notice_not_given_is_no_official_notice(text: str, official: bool, rumour: bool) -> None:
    f = find_facts("", text)
    assert (bool(f.official), bool(f.rumour)) == (official, rumour), f


@pytest.mark.parametrize(("text", "deaths"), [
    # how a police notice, a rescue or a hospital tells a death: no accident word needed
    ("6月3日，民警在江边发现一名男子，已无生命体征。", 1),
    ("一名8岁男孩在水库游泳时溺水，经打捞上岸，已无生命体征。", 1),
    ("救援人员赶到时，被困老人已经失去了生命体征。", 1),
    ("男子被救上来时已经没有了生命体征。", 1),
    ("孩子被发现时已停止呼吸。", 1),
    ("两名工人被送医时呼吸心跳均已停止。", 2),
    ("伤者送医后经抢救无效死亡。", 1),
    ("经医院确认，该男子已无呼吸心跳。", 1),
    ("老人被邻居发现时已经没有呼吸。", 1),
    ("送到医院时，孩子的心脏停止了跳动。", 1),
    ("经过治疗，患者已经没有呼吸困难的症状。", None),
    # a first-aid lesson's casualty, a live patient, an arrest revived: no one died
    ("急救培训课上，老师讲解如何判断伤员有无生命体征。", None),
    ("如发现溺水者无生命体征，应立即进行心肺复苏。", None),
    ("若伤员已无生命体征，要立即实施胸外按压。", None),
    ("对无生命体征者应立即开展心肺复苏。", None),
    ("伤员无生命体征时，应先拨打120。", None),
    ("伤者目前生命体征平稳，已脱离危险。", None),
    ("老人在超市突发心跳呼吸骤停，经店员心肺复苏恢复了心跳。", None),
    ("看完这部电影，感觉心里已经没有生命迹象了。", None),
    # negated or denied
    ("网传小区泳池有孩子已无生命体征，经核实系谣言。", None),
])
def test_a_death_told_by_no_signs_of_life(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


def test_a_police_notice_of_a_drowning_with_no_signs_of_life_reaches_the_top_grade_of_the_city() -> None:
    rules = load_rules(HERE / "city-gov")
    title, text = "警情通报", "8月2日，我局接到报警，一名12岁男孩在河道游泳时溺水，经打捞，男孩已无生命体征。"
    f = find_facts(title, text, government_source=True)
    grade = rules.grade(feats(facts=f, tier="government", negativity=0.3,
                              signals=rules.find_signals(f"{title}。{text}", f.denied)))
    assert grade.level == "特别重大" and "死亡 1 人" in grade.reasons, grade


@pytest.mark.parametrize(("text", "deaths"), [
    # spoken threats and oaths kill no one
    ("谁弄坏了我的车，站出来，我保证不打死你！", None),
    ("打死我也不信他会还钱。", None),
    ("再乱停车我打死你", None),
    # a killing is still one
    ("男子在酒吧被人打死了。", 1),
    ("一辆货车撞死我家邻居的孩子。", 1),
])
def test_a_threat_is_no_killing(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


@pytest.mark.parametrize(("title", "text", "adverse"), [
    # a character's death or crime in a drama, a novel or a game is no event
    ("这剧的结局是人写的吗", "追了三个月的剧，最后男主居然死了，还连带死了三个人？？？", False),
    ("", "剧里那个反派一口气杀了三个人，吓得我不敢关灯。", False),
    ("", "小说里主角一家五口全部遇难，看哭了。", False),
    ("", "游戏里被人砍伤了十次，气死。", False),
    ("", "大结局里女主被车撞死了，编剧太狠了", False),
    # the watcher's own world, the making of a film, real people named like characters: real events
    ("", "昨晚追剧的时候，楼下突然起火了，3人受伤。", True),
    ("", "某影视城电影院发生火灾，2人死亡。", True),
    ("", "拍戏时一名演员从高处坠落身亡。", True),
    ("", "在拍摄剧中一场爆破戏时，一名演员被炸伤。", True),
    ("", "这场悲剧中共有3人遇难。", True),
    ("", "当晚直播的女主播在家中被害。", True),
    ("", "网传视频男主已被人打成重伤。", True),
    ("", "事发路口一男二女被撞倒，其中一人死亡。", True),
    ("", "判决书中认定，被告人先后杀害2人。", True),
    ("", "疫情加剧中，该市已有3人死亡。", True),
    ("", "影视城电影中心发生火灾，2人受伤。", True),
    ("", "此案迎来大结局，杀害7人的被告人被判处死刑。", True),
    # a drama's second lead and its writer
    ("看《某城往事》大结局看到哭", "编剧你出来！！凭什么让男二死！！", False),
    ("", "路口一女二男被撞倒，一人死亡。", True),
])
def test_fiction_is_no_event(title: str, text: str, adverse: bool) -> None:
    f = find_facts(title, text)
    assert f.adverse is adverse, f


def test_a_drama_s_fire_gives_no_signal_and_no_event() -> None:
    rules = load_rules(HERE / "city-gov")
    text = "这部剧里大楼发生爆炸，男主在火灾中死亡，结局太虐了"
    assert rules.find_signals(text) == {}
    assert event_topic(text)[0] is None


@pytest.mark.parametrize(("text", "adverse"), [
    # a dream told before what happens in it is no event
    ("昨晚的梦很可怕，我没看好园里一个小朋友，她摔死了，醒来才知道是梦。", False),
    ("做了个噩梦：梦见校园里出了车祸，两个学生都死亡了。", False),
    ("梦到邻居女孩在上学路上掉到水里被冲走了。", False),
    # sleep, an idiom, a headline beside a dream: real events
    ("凌晨，睡梦中的居民被浓烟呛醒，3人受伤送医。", True),
    ("做梦也没想到，儿子会在工地上被砸死。", True),
    ("这场车祸成了一家人的噩梦，2人当场死亡。", True),
    ("甘肃深夜突发5.7级地震，已致2人受伤：梦里梦见的人，醒来一定要去见她", True),
])
def test_a_dream_is_no_event(text: str, adverse: bool) -> None:
    assert find_facts("", text).adverse is adverse


def test_a_census_s_births_and_deaths_and_a_death_certificate_are_no_death() -> None:
    assert find_facts("关于开展人口变动抽样调查的公告", "调查内容包括住户成员的姓名、出生和死亡情况等。").deaths is None
    assert find_facts("", "为了开一张死亡证明跑了三趟派出所").deaths is None
    assert find_facts("", "事故造成一人死亡").deaths == 1


def test_deaths_and_missing_told_in_spoken_words_after_an_accident_or_care() -> None:
    mine = find_facts("某煤矿出事了！！", "据说煤矿今天下午透水，困了十几个人在下面，已经抬出来好几个都不行了！！")
    assert mine.deaths is not None
    boat = find_facts("某港有渔船翻了？听说好几个人没找到", "有条渔船翻了，船上七八个人，只救上来三个，其他人还在找")
    assert boat.missing is not None
    assert find_facts("", "听说县医院昨天又有个产妇没抢救过来，家属在医院闹").deaths == 1
    # the same words of a thing, with no accident or care before them
    assert find_facts("", "我的手机都不行了，电池鼓包").deaths is None
    assert find_facts("", "钥匙还在找，急死了").missing is None


@pytest.mark.parametrize(("text", "missing"), [
    ("一觉醒来车被埋没了！！！挖了一个小时车还没挖出来", None),
    ("田里的庄稼全被洪水冲走了", None),
    ("山体滑坡，两名村民被埋，正在搜救", 2),
    ("一名男子被洪水冲走，至今下落不明", 1),
])
def test_a_thing_buried_or_swept_away_is_no_one_missing(text: str, missing: int | None) -> None:
    assert find_facts("", text).missing == missing


@pytest.mark.parametrize(("text", "deaths", "crime", "missing"), [
    # a wish is no deed
    ("在涟川，我想杀人了，写了6个小时的游记全没了", None, None, None),
    ("跟某些人说话，真有种分分钟想砍死他的冲动。", None, None, None),
    ("话费用了几百块，真想一刀捅死我自己", None, None, None),
    ("老板简直是傻，恨不得打死他", None, None, None),
    # thought, surprise and a wish that led to a real death are no wish about the death
    ("没想到他在小区门口被人杀害了。", 1, None, None),
    ("这国的战机来刺探谍报，不成想自己失踪了", None, None, 1),
    ("男子想逃避检查撞死交警，已被刑拘。", 1, None, None),
    ("一男子持刀杀人，致1人死亡。", 1, "杀人", None),
])
def test_a_wish_is_no_deed(text: str, deaths: int | None, crime: str | None, missing: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.crime, f.missing) == (deaths, crime, missing), f


@pytest.mark.parametrize(("text", "injured"), [
    ("心理咨询的结果让宝宝表示很受伤", None),
    ("6点就收班，对上班族来说太受伤了", None),
    ("这句话让我内心受伤了", None),
    ("心理咨询的结果是我有反社会人格和自杀倾向", None),
    ("全市开通心理援助和自杀干预热线", None),
    ("此前移民群众多次反映冬季取暖难、存在一氧化碳中毒隐患。", None),
    ("老旧房屋有极大的火灾隐患，也有坍塌风险。", None),
    ("昨晚小区发生一氧化碳中毒，2人送医。", 2),
    ("男子因欠债跳楼自杀，送医后脱离危险。", 1),
    ("路口两车相撞，多人受伤。", 3),
    ("他在工地摔伤了腿。", 1),
    ("事故造成2人受伤。", 2),
])
def test_hurt_feelings_and_thoughts_are_no_wound(text: str, injured: int | None) -> None:
    assert find_facts("", text).injured == injured
    assert ("受伤" in load_rules(HERE / "city-gov").find_signals(text)) is (injured is not None and "受伤" in text)


@pytest.mark.parametrize(("text", "deaths", "gathered"), [
    # an emergency line is no count of people
    ("一名女子从高处坠落，经120现场确认已死亡。", 1, None),
    ("一堆车主打110报警说你的车堵住人家出去路了", None, None),
    # a count is one, also beside a line
    ("拨打120后，现场已有3人死亡。", 3, None),
    ("养老院30余名老人出现呕吐腹泻症状，其中1人送医后病亡。", 1, None),
    # a unit counting things is no count of people
    ("他只说了两个字，随后从楼上跳下身亡。", 1, None),
    ("三个孩子落水，经抢救无效死亡。", 3, None),
])
def test_an_emergency_line_is_no_count(text: str, deaths: int | None, gathered: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.gathered) == (deaths, gathered), f


@pytest.mark.parametrize(("text", "gathered"), [
    # fans' banners at their club are the club's matter
    ("赛季中途又换主教练，球迷在体育中心拉横幅让老板下台，这俱乐部还有救吗", None),
    ("上百名球迷举牌抗议球队换帅", None),
    # disorder makes it a gathering; so does anyone else's protest
    ("赛后上百名球迷聚集在体育中心门口，与保安发生冲突，民警到场处置", 100),
    ("上百名业主在售楼部拉横幅维权", 100),
])
def test_fans_protesting_at_their_club_are_no_gathering(text: str, gathered: int | None) -> None:
    assert find_facts("", text).gathered == gathered
    assert ("群体聚集" in load_rules(HERE / "city-gov").find_signals(text)) is (gathered is not None)


@pytest.mark.parametrize(("text", "mass"), [
    # many people blocking or gathered at a party or government body's gate, counted or not
    ("老板跑了，今天大伙都堵在开发区管委会门口，来了好多警车", "大伙都堵在开发区管委会门口"),
    ("上百名村民聚集在镇政府门前，要求公开征地补偿明细", "上百名村民聚集在镇政府门前"),
    # one person, a plan that did not happen, a gate that is no body's
    ("我一个人去区政府门口等了半天", None),
    ("没有人堵在政府门口，大家都在排队", None),
    ("大家都堵在小区门口看热闹", None),
])
def test_a_crowd_at_a_government_gate_is_a_mass_incident(text: str, mass: str | None) -> None:
    assert find_facts("", text).mass_incident == mass


@pytest.mark.parametrize(("text", "deaths"), [
    # a family member's death as a circumstance of the writer's life, the dead as a category of a record
    ("我父亲去世后家里没有任何收入，申请低保两年都没批下来", None),
    ("审计发现，另有28名已去世人员的低保金未及时停发", None),
    # another place's deaths recalled to warn of a danger here
    ("楼道里天天有人给电瓶车充电，之前别的地方烧死人的新闻大家都看过吧", None),
    # the same words of a death the office answers for, or of an epidemic's count
    ("我父亲在县医院做完手术后去世了，医院至今不给说法", 1),
    ("父亲骑电动车被货车撞倒，当场去世", 1),
    ("小哥哥:今天又死亡17例？怎么一下这么多", 1),
])
def test_a_death_in_the_family_or_on_record_is_no_casualty(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


@pytest.mark.parametrize(("text", "deaths"), [
    ("过年七大姑八大姨轮番催婚，明年打死不回老家了", None),
    ("这种店打死我也不会再去第二次", None),
    ("他在工地上被人活活打死", 1),
    ("醉汉将路人打死后逃离现场", 1),
])
def test_an_oath_of_never_is_no_killing(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


@pytest.mark.parametrize(("text", "signal"), [
    # net-speak: a feeling, a degree, a flop, a clash of plans, a price
    ("周末加班又被老板骂，心态彻底爆炸了", None),
    ("这家烤鱼香到爆炸，排队一小时也值", None),
    ("新歌首周销量爆炸，恭喜恭喜", None),
    ("那首歌太洗脑了，单曲循环一上午，中毒了", None),
    ("选秀出道的那位现场清唱又翻车了，粉丝都不敢看", None),
    ("周六的婚礼和同学聚会时间冲突了，只能去一个", None),
    ("换季清仓跳楼价，全场两折", None),
    ("看到结局我当场去世，编剧还我眼泪", None),
    # the same words of real events
    ("化工厂仓库突然发生爆炸，浓烟滚滚", "爆炸火灾"),
    ("工地食堂多名工人午饭后出现中毒症状", "事故灾害"),
    ("一辆货车在山路急弯处翻车，司机被困驾驶室", "事故灾害"),
    ("吊车在施工时翻车，大臂砸中路边护栏", "事故灾害"),
    ("拆迁户与施工人员发生冲突，现场一片混乱", "群体聚集"),
])
def test_net_speak_is_no_event(text: str, signal: str | None) -> None:
    found = load_rules(HERE / "city-gov").find_signals(text)
    assert (signal in found) if signal else not found, found
    if signal is None:
        f = find_facts("", text)
        assert (f.deaths, f.injured, f.gathered) == (None, None, None), f


@pytest.mark.parametrize(("text", "deaths", "injured"), [
    # private deaths and games' and sports' harms: no casualty the office answers for
    ("我家猫咪昨天走了，陪了我十二年，好想它", None, None),
    ("外婆在老家安详离世，享年九十一岁", None, None),
    ("老队长去世十周年，我们几个老球迷又聚了聚", None, None),
    ("玩了一晚上游戏，被对面杀了三十次", None, None),
    ("看完那部灾难片，哭了，那么多人死了", None, None),
    ("主力中锋训练中脚踝受伤，将缺席三周", None, None),
    ("我诅咒那个偷车贼出门被车撞死", None, None),
    ("小区里的流浪猫被人毒死了好几只", None, None),
    # a death as a case of a policy (a Q&A, a provision), cremated told of a natural death
    ("问：在外地去世的老人能否在本市办理火化？答：可以，由家属持死亡证明到殡仪馆办理。", None, None),
    ("参保人员去世后，其家属可申领丧葬补助金和抚恤金。", None, None),
    ("奶奶在老家去世后火化了，享年八十九岁", None, None),
    # the same words of real casualties
    ("工人在工地坠亡后，家属如何申请赔偿？", 1, None),
    ("老人在养老院去世，家属能否申请调查？", 1, None),
    ("男子遛狗时与邻居发生口角，被对方捅死", 1, None),
    ("养老院一老人摔倒后去世，享年85岁，家属质疑护理不到位", 1, None),
    ("体育课上学生受伤，家长质疑学校", None, 1),
    ("球场看台坍塌，多名观众受伤", None, 3),
    ("十字路口两车相撞，一人受伤", None, 1),
])
def test_private_deaths_games_and_sport_are_no_casualty(text: str, deaths: int | None, injured: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured) == (deaths, injured), f


def test_a_thing_gone_missing_is_no_missing_person() -> None:
    assert find_facts("", "寄回老家的包裹半路失踪了，客服也查不到").missing is None
    assert find_facts("", "一名小学生放学后失踪，家人四处寻找").missing == 1


@pytest.mark.parametrize(("text", "signal"), [
    ("手机充电宝关键时刻罢工了", None),
    ("这台电脑又中毒了，文件全打不开", None),
    ("两队球员在场上发生冲突，裁判出示两张红牌", None),
    ("环卫工人集体罢工讨要工资", "群体聚集"),
    ("两队球迷在场外发生冲突，警方到场处置", "群体聚集"),
])
def test_machines_and_players_are_no_gathering(text: str, signal: str | None) -> None:
    found = load_rules(HERE / "city-gov").find_signals(text)
    assert (signal in found) if signal else not found, found


def test_an_event_placed_elsewhere_is_another_places() -> None:
    """The office's report of what it does about another city's accident grades no emergency of its own."""
    text = "邻市一化工企业发生爆炸事故，造成2人死亡。为举一反三，我市即日起开展危化品安全大检查。"
    assert find_facts("", text).deaths is None and not load_rules(HERE / "city-gov").find_signals(text)
    here = "一名外地游客在景区玻璃栈道坠亡，景区已停业整顿。"
    assert find_facts("", here).deaths == 1  # visitors from elsewhere, an accident here


def test_a_first_person_death_is_a_way_of_speaking() -> None:
    assert find_facts("", "偶像官宣恋情，我当场去世").deaths is None
    assert find_facts("", "加班到半夜，累到原地去世").deaths is None
    assert find_facts("", "他被人捅了一刀，送医后不幸去世").deaths == 1


def test_going_to_the_world_cup_is_no_death() -> None:
    assert find_facts("", "这水平就别去世界杯丢人了").deaths is None


_FIRE = "今年3月，园区一家企业发生火灾，造成3人死亡。"
_FIRE_SIGNALS = {"爆炸火灾": "火灾", "死亡": "死亡"}


@pytest.mark.parametrize(("title", "text", "deaths", "signals"), [
    # a report of a rectification done recalls, with its date, the accident that led to it: background
    ("城南工业园区完成安全隐患整改通过验收",
     f"经过半年整治，园区危化品仓库全部搬迁，日前通过市安委会验收。{_FIRE}此后园区开展了拉网式排查。", None, {}),
    ("", "老旧市场消防整改到位。去年8月，该市场曾发生火灾，造成1人死亡、4人受伤。", None, {}),
    # a rectification asked, doubted or under way: the accident stays an emergency
    ("城南工业园区安全隐患突出被挂牌督办", f"省安委会要求园区在3个月内完成整改。{_FIRE}", 3, _FIRE_SIGNALS),
    ("城南工业园区整改到位了吗？", _FIRE, 3, _FIRE_SIGNALS),
    # an investigation or an accountability: the 通报 of a deadly accident stays critical
    ("城南工业园区火灾事故调查报告公布 涉事企业已完成整改",
     f"{_FIRE}调查组认定这是一起生产安全责任事故，对9名责任人追责问责。", 3, _FIRE_SIGNALS),
    # a toll still running, or an accident again since: now
    ("事故多发路段完成改造通过验收", "年初以来该路段已造成5人死亡。", 5, {}),
    ("城南工业园区完成整改通过验收", f"{_FIRE}昨天园区又发生爆炸，2人受伤。", None,
     {"爆炸火灾": "爆炸", "受伤": "受伤"}),
    ("城南工业园区完成整改通过验收", "园区一家企业昨天发生火灾，造成3人死亡。", 3, _FIRE_SIGNALS),
])
def test_an_accident_recalled_in_a_report_of_its_rectification_done_is_background(
        title: str, text: str, deaths: int | None, signals: dict[str, str]) -> None:
    f = find_facts(title, text)
    assert f.deaths == deaths, f
    assert load_rules(HERE / "city-gov").find_signals(f"{title}。{text}", f.denied) == signals


def test_a_report_of_a_rectification_done_is_not_graded_as_the_accident_it_recalls() -> None:
    rules = load_rules(HERE / "city-gov")
    title = "城南工业园区完成安全隐患整改通过验收"
    text = "经过半年整治，园区日前通过市安委会验收。今年3月，园区一家企业发生火灾，造成3人死亡。"
    f = find_facts(title, text)
    grade = rules.grade(feats(facts=f, tier="prefecture", negativity=0.9,
                              signals=rules.find_signals(f"{title}。{text}", f.denied)))
    assert grade.level == "一般", grade


@pytest.mark.parametrize(("text", "topic"), [
    # a food's harm told by its symptoms after the meal is the food department's, wherever it was eaten
    ("娃娃说食堂中午的鱼是臭的，好多同学吃了肚子疼，下午去了医务室。", "食品药品安全"),
    ("在夜市买的凉拌菜，一家人吃完上吐下泻。", "食品药品安全"),
    ("孩子喝了学校发的酸奶以后一直呕吐。", "食品药品安全"),
    # a stomach ache of no meal, a drinking bout, vomit as a thing: no food harm
    ("最近老是肚子疼，明天去医院看看。", None),
    ("昨晚喝酒喝到呕吐，今天头疼。", None),
    ("这张吃呕吐物的图片太恶心了。", None),
    # a government's investment promotion gone wrong is the business climate (其他)
    ("开发区当年的招商承诺至今未兑现，企业有苦难言。", "其他"),
    ("为了完成招商指标，园区对项目审核不够严格。", "其他"),
    ("希望加大招商引资力度，把旅游搞起来。", None),
    ("商场一楼正在招商，欢迎入驻。", None),
    # a firm's dealings with the administration are the business climate, a citizen's 行政审批 letter not
    ("记者体验企业开办业务，一套流程跑了4个窗口。", "其他"),
    ("一个审批事项，为何要盖28个章？", "其他"),
    ("反映区园林局未经行政审批强行占用林地的问题", None),
    # illegal street racing is the police's; the regulated prices of water, power and gas are 价格
    ("每天半夜一帮改装车在大道上飙车炸街，整条街睡不着。", "社会稳定"),
    ("小区群里说下个月起居民水价从2.6涨到3.9。", "价格"),
    # 随着火车南站的开通 is no fire
    ("随着火车南站的开通，这条路车流量猛增。", None),
    # a foreigner or a foreign firm named by the country is 涉外; the country alone, a date before 本人, a
    # 内蒙古人, a K-pop group's 人气 are not
    ("听说小区里有个韩国人在家里给人打美容针。", "涉外"),
    ("该公司由一名俄罗斯籍商人实际控制，虚开发票被查。", "涉外"),
    ("开发区那家日资企业宣布关闭一条生产线。", "涉外"),
    ("港区一家中外合资企业拖欠员工三个月工资。", "涉外"),
    ("有人组织跨国婚介，几个越南新娘来了没几天就跑了。", "涉外"),
    ("一家台资鞋厂突然倒闭，几百名工人工资没着落。", None),
    ("听说厂子明年要整体搬到越南去。", None),
    ("2019年2月28日本人在药店买了一盒药，用了没效果。", None),
    ("我是内蒙古人，在这边打工三年了。", None),
    ("韩国人气女团下月来开演唱会。", None),
    # cheating old people of their money is fraud; a charge's basis and a meter not used are 价格
    ("有人以健康讲座为名专骗老人买保健品。", "社会稳定"),
    ("暖气费按建筑面积收，阁楼也算进去了。", "价格"),
    ("高铁站的出租车都不打表，一口价五十。", "价格"),
    # people going together to a government's gate, planned or done, are a gathering; one person's visit not
    ("业主群里说周五大家要一起去市政府门口讨说法。", "社会稳定"),
    ("我去市政府反映过两次，一直没有答复。", None),
    # an official taken by the 纪委 is a discipline case
    ("群里在传交通局长被纪委带走了。", "其他"),
    # a theft told by its victim is a crime (in an estate too)
    ("小区地下车库这个月已经有三辆电动车被偷了。", "社会稳定"),
    ("邻居家白天被盗，丢了两万多现金。", "社会稳定"),
    # a visitor warning others off the city is its image (对外宣传); a school's 劝退, a local's 避雷 are not
    ("带家人来这边旅游，景区门口吃顿饭被宰了，以后再也不来了。", "对外宣传"),
    ("学校劝退了几个成绩差的学生。", None),
    ("五一来古镇旅游，一碗面收了八十，在景区门口被宰了。", "对外宣传"),
    ("#本地美食# 大家避雷这家奶茶店，态度太差。", None),
    # a fleecing price told of visitors is the city's image, of residents 价格
    ("游客晒出天价账单：一盘皮皮虾收了680元。", "对外宣传"),
    ("小区物业费涨到天价，业主意见很大。", "价格"),
    ("景区停车费一小时三十元，游客直呼宰客。", "价格"),
    # 消防 as one item of a list of permits, or the fire service speaking, is no fire
    ("开个面馆，营业执照、食品经营许可、消防、环评跑了十一趟。", None),
    # a road's defect at a school's gate is the roads'; a hole in the school's own ground is not
    ("小学门口那条路上有个大坑，下了雨就是个水塘，接孩子的电动车摔了好几个。", "公共基础设施建设"),
    ("学校操场上挖了个坑，一直没填。", None),
    # the city's English gone wrong is its face to the outside
    ("市政府网站英文版好几页是中文直接机翻的，外国客户看了一头雾水。", "对外宣传"),
    # a 诺如 outbreak is the health department's; 承诺如期 is no disease
    ("家长群里说学校好几个班的孩子感染了诺如病毒。", "卫生计生"),
    ("开发商承诺如期交房，结果拖了一年。", None),
    # the police called about a nuisance is no crime; a fight over it is
    ("楼下广场舞音响吵到半夜，报警也没用。", None),
    ("楼下广场舞音响吵到半夜，两拨人还打架了。", "社会稳定"),
    ("KTV音响太吵，隔壁两桌客人打起来了，有人报了警。", "社会稳定"),
    # fire-safety works paid for, a developer gone: no fire, no fraud
    ("维修资金里有一笔用于消防改造，业主从没见到施工。", None),
    ("听说开发商跑路了，工地停了半个月。", None),
    # an official by his office taken away is a discipline case; a parent taken away is not
    ("网传某局局长被带走，单位还在正常上班。", "其他"),
    ("有个家长被带走了，说是在校门口打人。", None),
    # the 纪委 taking an official: the arrest words tell its case; a theft told in the passive with its agent
    ("听说某局局长昨天被纪委的人抓走了，不知道真假。", "其他"),
    ("这个月车库好几辆电动车的电瓶被人偷了。", "社会稳定"),
    # a collision that nearly happened is the lane's disorder, one that happened an accident; a fire nearly
    # started is a hazard still
    ("摊子摆到马路中间，电瓶车乱穿，上礼拜差点撞到一个小孩。", None),
    ("摊子摆到马路中间，上礼拜一个小孩被撞了。", "应急管理"),
    ("插线板从窗户拉出来充电，前几天差点起火。", "应急管理"),
    # a government's arrears to the firms that supplied it are the business climate
    ("开发区拖欠中小企业账款三千余万元，企业催款一年无果。", "其他"),
    # the 八项规定 通报's categories and farmland taken are 其他; a tender fixed in advance is the trading's, a
    # job promised in advance is not
    ("某局下属事业单位以加班费名义违规发放津贴补贴21万元。", "其他"),
    ("当地以租代征，在基本农田上建起了成片厂房。", "其他"),
    ("村里修路还没招标，大家都知道早就内定好了是谁来做。", "公共资源交易"),
    ("听说那个岗位早就内定了。", None),
    # minors in an internet café are the police's and the culture inspectors'; a café as a landmark is not
    ("学校旁边那家网吧天天有学生通宵上网，也不查身份证。", "社会稳定"),
    ("从网吧门口往东走两百米就是学校。", None),
    # a chemical works' discharge or smell is 危化品's (应急管理); a chemical firm's hiring is no event
    ("钦州港化工园区附近每天深夜都能闻到刺鼻气味，怀疑化工厂偷排。", "应急管理"),
    ("化工园区一家企业正在招聘操作工。", None),
    # a reservoir releasing its flood is flood control, whatever it closes
    ("亲戚群里在传，水库水位太高，今晚要开闸泄洪，下游的学校明天全部停课。", "应急管理"),
    # pupils waylaid at a school gate; a fall through the ice; a slope above a school; toxic gas
    ("最近小学放学时门口总有社会青年堵学生要钱。", "社会稳定"),
    ("听说下午河里冰面上掉下去俩小学生。", "应急管理"),
    ("监测员只签字不巡查，学校就在滑坡体下方。", "应急管理"),
    ("化工园又放毒气了吧，学校里都是味。", "应急管理"),
    # a mine flooded, a boat capsized; a sponge city's permeable paving is no flood
    ("据说煤矿今天下午透水，困了十几个人在下面。", "应急管理"),
    ("港外面有条渔船翻了，船上七八个人。", "应急管理"),
    ("人行道铺了透水砖，一下雨还是积水。", None),
    # a fight broken out or arranged is public order's; one that nearly broke out is a quarrel
    ("前天晚上两个村的人为了抢水浇地打起来了，拿着锄头棍子。", "社会稳定"),
    ("听说两个学校的学生约架，周五放学后在河堤见。", "社会稳定"),
    ("比赛最后两分钟双方球员差点打起来。", None),
    # a meal's harm told by its eaters
    ("听说学校食堂的饭吃坏了好几个孩子。", "食品药品安全"),
    # a developer or its boss gone is the stalled estate's housing problem; a boss absconding with the money is
    # fraud
    ("网传小区开发商老板跑路了，楼盘要烂尾。", None),
    ("厂里老板卷款跑路了，三个月工资没发。", "社会稳定"),
    # mould on a wall is the building's, mould on bread a food's
    ("交房不到半年，卧室墙面大面积霉变，衣柜也发霉了。", None),
    ("超市把发霉的面包换个标签接着卖。", "食品药品安全"),
    # a tender dodged is the trading's; a works contract's 签证 is no visa; 化整为零 of no contract is nothing
    ("审计发现部分项目应招标未招标，化整为零规避招标。", "公共资源交易"),
    ("项目结算时签证变更随意，结算价超出合同价四成。", None),
    ("巡逻队化整为零，分散到各个路口。", None),
    # a fuel station told as a danger is 危化品's, its short measure is not
    ("小学对面新建了一个加油站，离校门口不到50米，这个选址符合安全距离要求吗？", "应急管理"),
    ("这个加油站加油量不足，加了40升油箱只满了一半。", None),
    # an official's family feast is a 八项规定 case; a family's own feast is no event
    ("网传某局局长在酒店为孩子办升学宴，摆了十几桌，来的都是下属。", "其他"),
    ("我家在酒店办升学宴，菜价太贵了。", None),
    # a price told against another's is a price complaint, a pharmacy's too
    ("那家大药房一盒降压药比网上贵一倍。", "价格"),
    # a guardrail or a bridge found defective is the works'; an accident there is the accident's
    ("河堤护栏被撞断了两个月没人修。", "公共基础设施建设"),
    ("定期检测发现大桥主梁出现裂缝，即日起限制货车通行。", "公共基础设施建设"),
    ("桥上发生车祸，护栏被撞断，一辆货车坠河。", "应急管理"),
    # a firm's burden is the business climate
    ("银行开户要一堆不必要的材料，希望减少企业负担。", "其他"),
    # an estate's fee raised is the price's, planned or done; one not raised is nothing
    ("物业没开业主大会就要把物业费从一块五涨到三块。", "价格"),
    ("物业费五年没涨过，物业说入不敷出。", None),
    # a public body's arrears to a firm and a promise of investment promotion are the business climate; a
    # contractor's arrears to his workers and a developer's to a builder are not
    ("开发区管委会拖欠我们公司工程款三百多万，催了两年都不给。", "其他"),
    ("包工头拖欠我们工程款，过年回不了家。", None),
    ("开发商拖欠建筑公司工程款。", None),
    ("当初招商时承诺的厂房租金补贴，企业入驻后一分都没兑现。", "其他"),
    ("乡政府有几个人常年不上班吃空饷。", "其他"),
    # woodland taken is the land's; short measure and a lift dropping are 质监's, a lift's fall that kills the
    # accident's
    ("有人违法占用林地在山上盖了三栋别墅。", "其他"),
    ("菜市场买了两斤肉回家一称才一斤六两，鬼秤。", "质监"),
    ("住院部的电梯今天突然从五楼往下掉，里面有病人。", "质监"),
    ("电梯从十楼坠落，一名维修工当场身亡。", "应急管理"),
    # a pupil beaten to harm, a hospital smashed up, extortion and secret filming are the police's wherever
    ("听说一中宿舍几个学生把一个同学打成重伤了。", "社会稳定"),
    ("病人家属带了几十个人在医院打砸。", "社会稳定"),
    ("孩子在学校门口被校外的人敲诈勒索。", "社会稳定"),
    ("学校女厕所发现了针孔摄像头。", "社会稳定"),
    # an errand at the service hall gone wrong is a grievance; the hall as a landmark is nothing
    ("老人社保卡丢了，在县政务服务中心补办，窗口说要本人到场。", "社情民意"),
    ("不动产登记中心实行网上预约后，每天号源很少。", "社情民意"),
    ("市政府在政务中心旁边开挖地下停车场。", None),
    # a fight or a stabbing in other words and dialects; a meal's harm in other words; a hillside giving way
    ("夜来俺庄上两家为宅基地干仗，老王头被打破了头。", "社会稳定"),
    ("今天放学一中门口两拨娃儿打锤。", "社会稳定"),
    ("两家因为漏水吵架，一个拿菜刀把另一个砍伤了。", "社会稳定"),
    ("孩子在幼儿园吃了午饭回家就拉稀。", "食品药品安全"),
    ("这几天一直闹肚子，不知道是不是着凉了。", None),
    ("连着下了几天雨，学校后山滑坡了。", "应急管理"),
    ("这学期成绩滑坡得厉害。", None),
    # a rear-end collision and a child swept away are accidents; a collision that nearly happened is not
    ("早上送孩子的校车在路口被一辆货车追尾。", "应急管理"),
    ("晚上很多大货车停在主道上，几次差点追尾。", None),
    ("一个学生在河边玩，掉下去被水冲走了。", "应急管理"),
    # a stampede and gas poisoning are accidents at a school too; trampling the grass is nothing
    ("课间操时实验小学楼梯口发生踩踏，好几个学生受伤。", "应急管理"),
    ("职校宿舍几个学生一氧化碳中毒。", "应急管理"),
    ("绿地没有留小路，行人只能踩踏草地。", None),
    # jobs cut are the workers', announced or feared; a labour tribunal's arbitrator is no layoff
    ("厂里都在传，明年要整体搬走，这边要裁掉两千多人。", "就业"),
    ("去申请劳动仲裁，仲裁员说等两天出结果。", None),
    # teaching outside the school is no foreign teacher; a famous school's foreign teacher is
    ("某校外教育培训机构预收学费后关门了。", None),
    ("机构宣传称他们是莫斯科名校外教，其实没有工作许可。", "涉外"),
    ("学校编外教师一个月工资才两千。", None),
    ("另外方便的话请尽快回复。", None),
    # a machine stopped and things massed are no strike and no gathering; the service slogan is no absconding
    ("小区电梯经常卡顿罢工。", None),
    ("周边大型楼盘聚集，垃圾聚集散发异味。", None),
    ("厂里工人集体罢工了。", "社会稳定"),
    ("说好的让群众少跑路，结果跑了五趟。", None),
    ("一家人围着火锅吃饭，看着火车站广场的人流。", None),
    ("这是个信息大爆炸的时代。", None),
    ("村里的地租给了温泉度假酒店，入户双开门变成了单开门。", None),
    # a slap and violence against medical staff are the police's, in a hospital too
    ("昨晚急诊科护士被病人家属扇耳光，视频都传开了。", "社会稳定"),
])
def test_a_meal_s_harm_and_an_investment_gone_wrong(text: str, topic: str | None) -> None:
    f = find_facts("", text)
    assert event_topic(text, f.mass_incident, f.hazard)[0] == topic


@pytest.mark.parametrize(("text", "rumour"), [
    # a claim going round, or a call for anyone who knows: unverified by the teller's own words
    ("厂里群里都在传，电子厂明年要整体搬走，要裁两千人。", "都在传"),
    ("今天家长群里在传一条消息，说水库晚上要泄洪。", "里在传"),
    ("小区东门拉了警戒线，说是有人动了刀子，有没有知道的？？", "有没有知道的"),
    ("听说局长被带走了，有没有知情的说一下？", "听说"),
    ("村里的扶贫羊被干部卖了，有人知道真假不？", "知道真假不"),
    ("后山滑坡埋了两栋房子，有一户联系不上，求官方消息！", "求官方消息"),
    # a help request, a question of one's own, a mood: no claim going round
    ("有没有人知道居住证在哪里办？", None),
    ("也许死了都不会有人知道。", None),
    ("以上情况是真是假，请您到村里调查一下就明白了。", None),
])
def test_a_claim_going_round_is_a_rumour(text: str, rumour: str | None) -> None:
    assert find_facts("", text).rumour == rumour


@pytest.mark.parametrize(("title", "text", "government_source", "official"), [
    # an official response titled by its formula, from anyone
    ("关于网民反映某小区供水问题的调查处理情况", "近日，有网民反映……经调查，情况基本属实。", False, True),
    ("关于某项目逾期交付有关情况的说明", "该项目因开发企业资金链断裂逾期交付。区政府已成立工作专班。", True, True),
    # a government source's own account of a bad event without a notice word
    ("沉痛哀悼！", "11月3日凌晨，某镇发生山体滑坡，造成2名群众遇难。", True, True),
    ("严厉打击！警方破获特大电信诈骗案", "近日，市公安局破获一起电信网络诈骗案，抓获犯罪嫌疑人30名。", True, True),
    ("某局局长接受纪律审查和监察调查", "据市纪委监委消息：某局局长涉嫌严重违纪违法，目前正接受审查调查。", True, True),
    # the same words from a citizen are no official notice
    ("沉痛哀悼！", "11月3日凌晨，某镇发生山体滑坡，造成2名群众遇难。", False, False),
])
def test_an_official_account_of_a_bad_event(title: str, text: str, government_source: bool, official: bool) -> None:
    assert bool(find_facts(title, text, government_source=government_source).official) is official


@pytest.mark.parametrize(("title", "text", "rumour"), [
    # a headline asking whether an event happened passes on a claim to check
    ("一中门口是不是打群架了？好几十个人，有人被砍", "朋友刚发来的视频，地上有血。", "是不是……？"),
    ("小区是不是有人跳楼了？", "楼下围了好多人，救护车也来了。", "是不是……？"),
    # a complaint's rhetorical question, a question in the body, a headline of no event: no claim
    ("是不是要等出了人命才管？", "路口的红绿灯坏了一个月。", None),
    ("小区停车难", "昨天有人跳楼了，是不是物业的责任？", None),
    ("你是不是不适合这份工作？", "", None),
])
def test_a_headline_asking_whether_an_event_happened_is_a_rumour(title: str, text: str, rumour: str | None) -> None:
    assert find_facts(title, text).rumour == rumour


@pytest.mark.parametrize("text", ["7类人不适合吃花生", "这个世界太复杂不适合单纯的人生活", "新规不适用于老小区"])
def test_unsuited_is_no_one_unwell(text: str) -> None:
    assert find_facts("", text).injured is None


@pytest.mark.parametrize(("text", "deaths"), [
    # 死人了 after a feeling or a nuisance is a way of speaking
    ("保证金俩月了还不退，真是急死人了", None),
    ("电池鼓包了，吓死人了，要是炸了怎么办", None),
    ("搅拌站整天噪音吵死人了", None),
    ("愁死人了，找不到工作", None),
    # not after an accident or a deed
    ("工地塌方，死人了", 1),
    ("路口撞死人了", 1),
])
def test_a_feeling_s_death_is_a_way_of_speaking(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


def test_the_headline_s_rumour_denied_in_the_text_counts_nothing() -> None:
    f = find_facts("关于网传“某小区命案”的情况通报",
                   "11月17日晚，男子陈某与其妻发生争执时持刀将其砍伤。伤者已送医救治，目前无生命危险。网传“有人被捅死”不实。")
    assert f.deaths is None and f.injured == 1, f
    # a headline's rumour the text confirms still counts
    f = find_facts("网传“某小区发生命案”", "记者从警方了解到，昨晚某小区确有一名男子被杀害。")
    assert f.deaths == 1, f


@pytest.mark.parametrize(("text", "injured"), [
    # a stay in hospital counts the people named with their count, not a bare number before it
    ("临沣一民营医院被曝诱导住院套取医保基金", None),
    ("5、有发热症状及时就医", None),
    ("8县中医院住院部", None),
    ("2名学生食用午餐后入院观察", 2),
    ("十余名工人住院治疗", 10),
])
def test_a_stay_in_hospital_counts_its_people_not_a_bare_number(text: str, injured: int | None) -> None:
    assert find_facts("", text).injured == injured


@pytest.mark.parametrize(("title", "text", "outcome"), [
    # a good outcome done, with the problem it settled as its object or as background
    ("钦南区追回拖欠环卫工人工资320万元", "区人社局开展欠薪专项治理，此前反映的工资拖欠问题已全部解决。", "追回"),
    ("灵山县农村饮水提质工程完工 1.3万群众喝上放心水", "此前，部分山区村饮水靠山泉，雨季水质浑浊。", "完工"),
    ("某镇卫生院开设夜间门诊", "以前村民夜里看病要跑三十公里。", "开设"),
    ("区住建局完成公租房复核 清退违规占用户15户", "", "完成"),
    ("全市中小学食堂“明厨亮灶”全覆盖", "", "全覆盖"),
    ("棚改户住进新房", "以前一家五口挤在二十平米的危房里。", "住进"),
    ("县医院成功开展首例微创手术", "", "成功"),
    ("幸福里安置小区320户居民拿到不动产权证", "此前，小区因开发商欠缴土地出让金，办证一拖六年。", "拿到"),
    ("全市新生儿家庭领到首批育儿补贴", "", "领到"),
    # the problem as the object of a settling noun; problems the inspection found, settled in the same sentence;
    # a hotline one may call to report
    ("开发区化工企业完成安全隐患整改验收", "", "完成"),
    # passed an assessment of what it was assessed for; a service back
    ("某化工园区通过省级安全风险评估", "", "通过"),
    ("城南水厂检修完毕 全城恢复供水", "", "完毕"),
    ("市市场监管局完成农贸市场计量专项检查",
     "检查中发现的计量器具问题已全部责令整改。市民可通过12315热线举报缺斤少两行为。", "完成"),
    # asked, requested, doubted, claimed or contradicted in the headline
    ("某村何时能通上自来水？", "", None),
    ("小区停水三天仍未恢复", "", None),
    ("新建学校未通过竣工验收", "", None),
    ("通过12345反映多次无果", "", None),
    ("交房三年业主还没拿到不动产权证", "", None),
    ("小区积水问题亟待解决", "", None),
    ("望解决解放路路灯不亮", "", None),
    ("咨询安置区外围马路修复问题", "", None),
    ("强烈呼吁开通到县城的公交车", "", None),
    ("出事后的承诺兑现了吗", "", None),
    ("某局称拖欠工资问题已解决", "工人说钱还没拿到。", None),
    ("矿区生态修复没有落实", "", None),
    ("新校区投用却漏水", "", None),
    ("改造完成之后小区消防通道积水", "", None),
    ("地铁二号线年底开通", "", None),
    ("感染人数升至91人", "", None),
    ("外长通电话", "", None),
    # the outcome word naming a thing, or bad news beside it in the headline
    ("新建的公厕一直锁着", "", None),
    ("新建公园步道的地砖松动翘起", "", None),
    ("网购的电热毯一通电就冒烟", "", None),
    ("新开通的公交线路发生车祸致2人受伤", "", None),
    ("警方追回被骗资金200万元", "", None),
    # the text tells it as still wrong now
    ("老旧小区改造完工", "记者回访发现，改造后的小区雨天仍然积水。", None),
    ("县城新增低保对象名单公示", "公示期间有人实名举报。", None),
    ("某路段修复通车", "但通车不到一周路面又开裂了。", None),
    ("某区完成违建专项整治", "记者走访发现，部分违建拆除后又建了起来，相关部门已责令整改。", None),
    ("某区完成违建专项整治", "有居民举报，整治后违建又冒了出来。", None),
    # a model promoted across the province; insurance names no danger; what an inspection found, then rectified
    ("某市电梯安全“保险+服务”模式全省推广", "第三方检查发现问题直接通报维保单位整改，已督促整改问题电梯400余台。",
     "全省推广"),
    ("某市电梯安全模式全省推广", "检查发现问题，但至今未整改。", None),
    # a problem cleared to nought, stalled work resumed; not when asked or denied
    ("欠薪清零！产业园132名工人拿到全部工资", "拖欠的461万元工资全部发放到位。", "清零"),
    ("安置点社区工厂复工 300余名搬迁群众家门口就业", "", "复工"),
    ("停工两年的楼盘何时复工？", "", None),
    ("楼盘停工半年仍未复工", "", None),
    # delivered, joined, connected, fitted, paid out; not late, unpaid or in doubt
    ("某安置区回迁楼全部交付", "", "交付"),
    ("某高速公路特大桥合龙", "", "合龙"),
    ("某移民新村接通市政供水", "", "接通"),
    ("某县发放耕地地力保护补贴4800万元", "", "发放"),
    ("某楼盘逾期两年仍未交付", "", None),
    ("补贴发放不到位 村民多次反映", "", None),
    ("某企业欠薪800万 工资何时到位？", "", None),
    # money got back, a count of complaints that fell, a refund (退还 is no 还 of "still")
    ("132名工人拿回拖欠工资", "", "拿回"),
    ("某东站停车场收费规范后投诉量下降九成", "", "下降"),
    ("某中学教辅问题整改到位 费用全部退还", "", "整改到位"),
    ("某停车场投诉量不降反升", "", None),
    # an instruction if a fault is found, a problem exposed last month, a service named 维权 are no remainder
    ("全市电梯“一梯一码”上线", "超期未检电梯已全部完成检验。发现电梯故障，乘客也可扫码直接报修。", "上线"),
    ("农贸市场装上“公平秤”", "在上月电视问政曝光农贸市场缺斤短两问题后，区市场监管局在12个市场装上公平秤。", "装上"),
    ("某市农民工工资按时足额支付", "市人社局设立农民工维权“绿色通道”。", "足额"),
    ("某市农民工工资按时足额支付", "但仍有工人到市政府维权。", None),
    ("某中学乱收费还在继续", "", None),
    # the next step to come in a clause of its own; the outcome itself to come is none
    ("某花园二期复工 预计明年10月交房", "", "复工"),
    ("某花园二期预计明年复工", "", None),
    # what is no longer so (不再) is the outcome's other half, not a doubt of it; 不 still doubts
    ("苹果园用上滴灌 果农不再拉水浇地", "", "用上"),
    ("苹果园用上滴灌 却不见水", "", None),
    ("苹果园滴灌不通水", "", None),
    # a post without a headline has none
    ("", "小区电梯修好了，谢谢物业", None),
])
def test_a_good_outcome_reported_done(title: str, text: str, outcome: str | None) -> None:
    assert resolved_outcome(title, text) == outcome


@pytest.mark.parametrize(("title", "text", "work"), [
    # the office's routine work, named by what it governs
    ("钦州港区加强船舶污染防治", "今年共检查船舶1200余艘次，督促规范处置含油污水。", "钦州港区加强"),
    ("钦州市出台治理拖欠中小企业账款工作方案", "", "钦州市出台"),
    ("浦北县开展汛前水库安全大检查", "县水利局对全县58座水库逐一检查。", "浦北县开展"),
    ("关于开展冬季消防安全演练的通知", "", "关于开展"),
    # a response to an event, a crime or an accident, a doubt or a claim in the headline
    ("市卫健委就某医院收红包问题开展调查", "", None),
    ("涉事企业被责令停产整顿 市应急局召开警示会", "", None),
    ("区政府召开火灾处置情况新闻发布会", "", None),
    ("钦州召开防范电信网络诈骗推进会", "", None),
    ("加拿大对原产于中国的童装实施召回", "", None),
    ("城管开展占道经营整治却走过场", "", None),
    ("记者调查：某区开展违建整治 拆了又建", "", None),
    # the text tells it as still wrong now; a noun is no work (女权组织)
    ("某县开展河道清淤", "但记者走访发现，河道至今仍堆满淤泥。", None),
    ("女权组织裸体示威", "", None),
    ("", "钦州开展文明城市创建", None),
    ("屯北区打造“15分钟便民服务圈”", "", "屯北区打造"),
    # a drill held, whatever accident it is named for; not one gone wrong
    ("某县开展煤矿井下透水事故应急救援演练", "", "开展煤矿井下透水事故应急救援演练"),
    ("某县开展消防演练却走过场", "", None),
    # a meeting held, by the headline's end; not an accident's
    ("市人大常委会第二十九次会议召开", "", "会议召开"),
    ("某区火灾事故调查会议召开", "", None),
])
def test_a_headline_of_the_office_s_routine_work(title: str, text: str, work: str | None) -> None:
    assert work_report(title, text) == work


@pytest.mark.parametrize(("title", "text", "notice"), [
    # the office telling what it will do or has decided
    ("钦州市人民政府关于滨海新城片区国有土地上房屋征收的决定", "", "的决定"),
    ("钦州市第二人民医院门诊楼改扩建工程施工招标公告", "", "公告"),
    ("钦南区南珠大道片区计划停水通知", "", "通知"),
    ("《钦州市城市绿化条例（草案）》公开征求意见", "", "征求意见"),
    ("钦州港区道路改造工程中标候选人公示", "", "公示"),
    # a sanction, a response, a complaint or a claim that ends in a notice word
    ("关于暂停一名评标专家评标资格的公告", "", None),
    ("关于某道路工程招标文件异议处理结果的公告", "", None),
    ("关于给予某局长党内警告处分的决定", "", None),
    ("关于一起燃气爆炸事故的情况通告", "", None),
    ("网约车驾驶员考试迟迟收不到考试通知", "", None),
    ("钦州市住建局关于小区停水问题的通知", "", None),
    ("某小区计划停水通知", "但停水已经三天了，至今仍未恢复。", None),
    # a ban's order, and an advisory whose crime or danger is what to guard against
    ("某市森林防火禁火令", "防火期内禁止野外用火。违者依法处罚。", "禁火令"),
    ("某县长江江段禁渔期管理公告", "全面禁止生产性捕捞。违者依法处理。举报电话：12345。", "公告"),
    ("某市警方提醒：暑期谨防“刷单返利”诈骗", "凡是先垫付后返利的都是诈骗，切勿轻信。", "某市警方提醒："),
    ("消防提醒：小心电动车充电起火", "", "消防提醒："),
    ("警方提醒：近期发生多起电信诈骗案", "", None),
    ("市应急局提示：暴雨致多处积水", "", None),
    # someone reported, not a number to report to
    ("某县禁渔期管理公告", "有人举报仍有渔船偷捕。", None),
    # rules coming into force, a body's guide or knowledge
    ("12月起这些新规施行", "12月1日起，《某市养犬管理条例》正式施行：城区内遛犬须牵绳。", "施行"),
    ("防汛应急避险常识", "汛期来临，雷雨天气请远离河道、低洼地带。", "常识"),
    # a decision to requisition, with or without 的
    ("某区东坊片区旧城改造项目房屋征收决定", "", "征收决定"),
    # a forecaster's warning of weather to come; not of harm done
    ("某市气象台发布暴雨橙色预警信号", "预计未来6小时内将出现50毫米以上降水。", "发布暴雨橙色预警信号"),
    ("某市发布寒潮蓝色预警", "", "发布寒潮蓝色预警"),
    ("某市发布暴雨红色预警 暴雨致2人死亡", "", None),
])
def test_a_formal_notice_by_its_title(title: str, text: str, notice: str | None) -> None:
    assert formal_notice(title, text) == notice


@pytest.mark.parametrize(("title", "text"), [
    ("钦南区追回拖欠环卫工人工资320万元", ""),
    ("钦州港区加强船舶污染防治", "今年共检查船舶1200余艘次。"),
    ("钦州市第二人民医院门诊楼改扩建工程施工招标公告", ""),
    ("钦州港区加强船舶污染防治", "但记者走访发现，部分船舶至今仍将含油污水直排入海。"),
    ("关于暂停一名评标专家评标资格的公告", ""),
    ("小区积水问题亟待解决", ""),
])
def test_a_settled_headline_is_any_of_the_three_readings(title: str, text: str) -> None:
    """The scorer's one call reads as the three do: an outcome done, routine work or a notice, none still wrong."""
    expected = resolved_outcome(title, text) or work_report(title, text) or formal_notice(title, text)
    assert settled_headline(title, text) == expected


def test_a_good_outcome_recalls_the_problem_it_settled() -> None:
    """A report of a work done recalls, in a sentence opening with 此前, the exposure or the delay it ends: that is
    its background, not something still wrong; 至今, 仍 tell of now wherever they stand."""
    title = "城北污水管网二期完工"
    done = "工程近日完工，新增管网12公里。此前因管网不配套，部分片区污水直排问题曾被媒体曝光。"
    late = "工程近日完工。此前，项目因征地问题迟迟未能开工。"
    still = "工程近日完工。此前被媒体曝光的污水直排问题，至今仍未解决。"
    exposed = "工程近日完工，但记者走访发现，部分片区污水仍在直排。"
    assert resolved_outcome(title, done) == "完工" and resolved_outcome(title, late) == "完工"
    assert resolved_outcome(title, still) is None and resolved_outcome(title, exposed) is None


@pytest.mark.parametrize(("text", "deaths", "injured", "crime", "rumour"), [
    # a word read across its edge: 执法过|世界杯, 逃离|世界, 气流|传播, 英语|听说读写
    ("那位裁判执法过世界杯决赛，经验丰富", None, None, None, None),
    ("好想逃离世界，一个人安静几天", None, None, None, None),
    ("杨絮借助气流传播，过敏的人要戴口罩", None, None, None, None),
    ("这个岗位要求英语听说读写都流利", None, None, None, None),
    # set phrases of no deed: a habit's 慢性自杀, a psychiatric term, idioms, a party game
    ("天天熬夜喝酒，简直是慢性自杀", None, None, None, None),
    ("总觉得有人跟踪我，大概是被害妄想吧", None, None, None, None),
    ("电线杆上全是坑蒙拐骗的小广告", None, None, None, None),
    ("这部续集拍成这样，编剧让人有杀人的心", None, None, None, None),
    ("周末和室友玩杀人游戏玩到凌晨", None, None, None, None),
    ("官大一级压死人，领导说什么就是什么", None, None, None, None),
    # the same words of real events
    ("男子持刀杀人后逃离现场，警方正在追捕", None, None, "杀人", None),
    ("家住三楼的老人昨晚在家中去世，邻居发现时已没有呼吸", 1, None, None, None),
    ("工地塌方压死人了，几个工人还没挖出来", 1, None, None, None),
])
def test_a_word_read_across_its_edge_or_a_set_phrase_is_no_event(
        text: str, deaths: int | None, injured: int | None, crime: str | None, rumour: str | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured, f.crime, f.rumour) == (deaths, injured, crime, rumour), f


@pytest.mark.parametrize(("text", "rumour"), [
    # the words of a claim used in another sense: heard of, on hearing, to speak, a lecture, to verify, a tradition
    ("我从没听说过这家店，朋友推荐才来的", None),
    ("他一听说要自己付车费，马上就不去了", None),
    ("在班级群里说话要注意分寸", None),
    ("上课要认真听讲，别玩手机", None),
    ("那篇文章不经科学求证就发出来，误导了很多人", None),
    ("这首童谣在当地广为流传", None),
    ("我妈在家族群里说我像个伢崽，气得我走了一个小时", None),
    # a claim passed on
    ("听说学校食堂用的肉是过期的", "听说"),
    ("业主群里说明天全小区停水三天", "群里说"),
    ("群里说我们小区的水被污染了", "群里说"),
    ("网上流传一段视频，称某路口发生持刀伤人", "流传"),
])
def test_heard_of_and_said_in_a_group_are_no_claim(text: str, rumour: str | None) -> None:
    assert find_facts("", text).rumour == rumour


@pytest.mark.parametrize(("text", "deaths"), [
    # death as an idea: what one fears, compares, chooses; a rate
    ("经历了这么多，我已经不再畏惧死亡", None),
    ("对他来说，失业比死亡更可怕", None),
    ("奶奶常说，死亡并不可怕", None),
    ("周一早上八点的课，我选择死亡", None),
    ("这种病发现得早，死亡率并不高", None),
    # no one's death: an insect counted by 只, a title of a work, history long past
    ("晚上睡觉前打死一只蚊子", None),
    ("重看《死亡诗社》，还是哭了", None),
    ("1912年，这位将军在家中开枪自杀身亡", None),
    # real deaths
    ("事故造成两名工人死亡", 2),
    ("转发《我市一工地坍塌致3人死亡》", 3),
    ("20年前一村民被打致死，至今没有立案", 1),
])
def test_death_as_an_idea_a_title_or_history_is_no_death(text: str, deaths: int | None) -> None:
    assert find_facts("", text).deaths == deaths


@pytest.mark.parametrize(("text", "deaths", "injured"), [
    # ways of speaking: a hurtful word, a hurt heart, a bump exaggerated, a task that wears one out, an oath
    ("你这么说话真的好伤人", None, None),
    ("为什么每次受伤的总是我", None, None),
    ("只有美食能安慰我受伤的心灵", None, None),
    ("走路没看路撞到门上，撞死我了", None, None),
    ("为了凑满减折腾死人了", None, None),
    ("排了两个小时队，等死人了", None, None),
    ("这个秘密我打死都不说", None, None),
    # a kind of problem a draft rule or a campaign names
    ("近年来养犬扰民、犬只伤人等问题引起市民关注，现公开征求意见", None, None),
    ("入冬以来多地出现老人摔倒受伤等情况，社区提醒注意防滑", None, None),
    # real harms
    ("小区里一条大狗伤人，邻居腿被咬了", None, 1),
    ("男子在家中被人打死，警方已介入", 1, None),
    ("受伤的都是放学回家的学生", None, 1),
    ("一名骑车男子被货车撞伤", None, 1),
])
def test_hurtful_words_and_exaggeration_are_no_harm(text: str, deaths: int | None, injured: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured) == (deaths, injured), f


@pytest.mark.parametrize(("text", "signal"), [
    # a recipe's 大火, a place where people habitually are, a simile, a property of a gas, the Big Bang, a sitcom's
    # title, a curse, a key
    ("排骨焯水后放进砂锅，大火烧开，转小火慢炖一小时", None),
    ("这条街是年轻人聚集的地方，周末特别热闹", None),
    ("楼上装修，整栋楼跟地震一样", None),
    ("这种气体与空气混合后具有爆炸性", None),
    ("宇宙大爆炸之前是什么样子的", None),
    ("熬夜刷完了《生活大爆炸》", None),
    ("抄袭还倒打一耙的人请原地爆炸", None),
    ("钥匙又罢工了，门怎么都打不开", None),
    ("我的旧耳机又没声音了，这是要彻底罢工吗", None),
    # the same words of real events
    ("老城区一居民楼发生大火，消防正在扑救", "爆炸火灾"),
    ("数百名业主聚集在售楼部门口讨说法", "群体聚集"),
    ("凌晨三点发生地震，不少居民跑到楼下", "事故灾害"),
    ("化工厂储罐发生爆炸，附近居民被疏散", "爆炸火灾"),
    ("公交公司拖欠工资，司机们今天开始罢工", "群体聚集"),
])
def test_a_recipe_a_habitual_place_and_a_simile_give_no_signal(text: str, signal: str | None) -> None:
    found = load_rules(HERE / "city-gov").find_signals(text)
    assert (signal in found) if signal else not found, found


@pytest.mark.parametrize(("text", "deaths", "injured", "missing"), [
    # fiction told by the work, its episode or its broadcast; an animal hurt, counted by 只
    ("刚看完这部电影，主人公的妻子最后被杀害了，哭死", None, None, None),
    ("追到第十八集，男二居然失踪了", None, None, None),
    ("电视上正好播到将军中枪身亡那一段", None, None, None),
    ("路边捡到一只受伤的小麻雀，带回家养了几天", None, None, None),
    # real harms beside the same words
    ("放养的狗伤人事件频发，希望有关部门管一管", None, 1, None),
    ("男子被砍伤一只手，已送医院", None, 1, None),
    ("消息传播到网上后，家属确认一名工人死亡", 1, None, None),
])
def test_a_work_s_episode_and_an_animal_s_harm_are_no_casualty(
        text: str, deaths: int | None, injured: int | None, missing: int | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured, f.missing) == (deaths, injured, missing), f


@pytest.mark.parametrize(("text", "deaths", "injured", "crime"), [
    # denied or forbidden right before the word; given up on (算了); a curse running over its exclamations; what a
    # dream was of; a drama named by its country
    ("小孩从滑梯上摔下来，还好没受伤", None, None, None),
    ("这个错谁犯的？站出来，保证不打死你", None, None, None),
    ("这种人劝不动，打死算了", None, None, None),
    ("我诅咒偷我电动车的人！祝你天天倒霉！出门被车撞死！", None, None, None),
    ("昨晚做了个杀人的噩梦，吓醒好几次", None, None, None),
    ("最近在补一部老韩剧，女主最后被车撞死了", None, None, None),
    # the same words of real harms
    ("男子酒后驾车撞伤两名路人，所幸没有生命危险", None, 2, None),
    ("邻居家的狗把孩子咬伤了，到现在还没人管", None, 1, None),
    ("昨晚小区门口发生杀人案，凶手已被抓获", None, None, "杀人"),
])
def test_denied_given_up_cursed_or_dreamt_is_no_harm(
        text: str, deaths: int | None, injured: int | None, crime: str | None) -> None:
    f = find_facts("", text)
    assert (f.deaths, f.injured, f.crime) == (deaths, injured, crime), f


@pytest.mark.parametrize(("text", "signal", "deaths"), [
    # an event abroad, a belief found wrong, a science's 地震
    ("一觉醒来，法国那边又发生爆炸了", None, None),
    ("刷到新闻说布鲁塞尔发生了一起爆炸，还好我们改签了", None, None),
    ("美国一小镇发生枪击，造成3人死亡", None, None),
    ("听到一声巨响，还以为是楼下什么东西爆炸了，原来是打雷", None, None),
    ("勘探队在山里做地震勘探，一待就是半年", None, None),
    # the same words of an event here, or of our people abroad, or told by foreign media
    ("小区楼下的饭店发生爆炸，窗户都震碎了", "爆炸火灾", None),
    ("我市三名游客在泰国遭遇车祸，其中一人死亡", "死亡", 1),
    ("据日本媒体报道，云南某地发生地震，已造成2人死亡", "事故灾害", 2),
    ("一名越南籍男子在我市工地坠亡", None, 1),
])
def test_an_event_abroad_a_belief_found_wrong_and_a_science_are_no_event_here(
        text: str, signal: str | None, deaths: int | None) -> None:
    found = load_rules(HERE / "city-gov").find_signals(text)
    assert (signal in found) if signal else not found, found
    assert find_facts("", text).deaths == deaths


@pytest.mark.parametrize(("title", "text", "deaths", "gathered", "mass"), [
    # 号 counts people only before 人
    ("某纺织厂几百号人堵在门口要工资", "", None, 200, None),
    ("", "几十号人围在村委会门口", None, 20, None),
    ("", "3号人员已到位，5号楼有人聚集", None, None, None),
    # a crowd come to a government gate, however it came
    ("", "拆迁户一百多人到区政府门口，要求给个交房的时间。人越聚越多。", None, None, "多人到区政府门口"),
    ("", "一百多名业主来到市政府门前讨说法", None, 3, "多名业主来到市政府门前"),
    ("", "大家到政务大厅办事", None, None, None),
    # an autopsy is of someone dead; so is one who "went" after care
    ("", "术后第二天人就走了。我们要求封存病历、做尸检，医院一直拖。", 1, None, None),
    ("", "奶奶在诊所输液，半小时后人就走了，诊所说是过敏", 1, None, None),
    ("", "他人就走了，车还停在门口", None, None, None),
    # wages asked for in a crowd, banners held, a big band of people
    ("", "工业园门口现在几百号人，都是讨工资的，路都堵死了", None, 200, None),
    ("", "售楼处门口今儿一大帮人，拉着横幅坐那儿，都是要房的", None, 20, None),
    # a sit-in told plainly; one person waiting at a door is none
    ("", "好几十个工人连家属都来了，坐在项目部门口不走，要工钱", None, 20, None),
    ("", "我在楼下等快递，坐在门口不走了", None, None, None),
    # a death in a procedure's wake; a thing gone is no death
    ("", "我叔做个胆囊手术，进去的时候还好好的，第二天早上就没了。", 1, None, None),
    ("", "听说县医院又有个做手术的没下来手术台", 1, None, None),
    ("", "做完手术，钱就没了", None, None, None),
    # banners of a celebration are no protest; a grievance or disorder makes them one
    ("我在街头被求婚了！！！", "男朋友突然单膝跪下，旁边一群朋友冒出来放烟花拉横幅！！！", None, None, None),
    ("", "一群同学拉横幅欢迎新生入学", None, None, None),
    ("", "几十名工人拉横幅讨薪", None, 20, None),
    ("", "几十名家长拉横幅欢迎校长，要求退钱", None, 20, None),
])
def test_crowds_counted_in_号_at_a_gate_an_autopsy_and_banners_of_joy(
        title: str, text: str, deaths: int | None, gathered: int | None, mass: str | None) -> None:
    facts = find_facts(title, text)
    assert (facts.deaths, facts.gathered, facts.mass_incident) == (deaths, gathered, mass)


@pytest.mark.parametrize(("text", "word", "complaint"), [
    ("寒假期间严禁学校组织补课，举报电话12345。", "举报", False),
    ("如有问题，请拨打投诉热线12345。", "投诉", False),
    ("打咨询投诉电话，全是电脑语音回答", "投诉", True),
    ("我打了举报电话，到现在没人管", "举报", True),
    ("有人举报仍有渔船偷捕", "举报", True),
    ("评选被指刷票", "被指", True),
    ("他被指定为负责人", "被指", False),
])
def test_a_number_to_report_to_is_no_complaint_unless_someone_called_it(text: str, word: str, complaint: bool) -> None:
    assert not_a_complaint(text, text.index(word), word) is not complaint


@pytest.mark.parametrize(("text", "complaint"), [
    ("追了三个月的剧，大结局男主就这么没了？？烂尾，彻底烂尾。", False),
    ("这什么烂尾结局！编剧出来挨打！", False),
    ("小区烂尾三年了，我们的房子怎么办", True),
    ("看完电影回家，又路过那个烂尾楼", True),
    ("开发商跑路，项目烂尾了", True),
])
def test_a_story_s_ending_is_no_unfinished_building(text: str, complaint: bool) -> None:
    assert not_a_complaint(text, text.index("烂尾"), "烂尾") is not complaint


@pytest.mark.parametrize(("text", "word", "complaint"), [
    # satisfaction asked or guaranteed is a service checking itself
    ("办完事还打电话回访，问我满意不满意。", "不满", False),
    ("12345还回电话问满不满意", "不满", False),
    ("对“不满意”诉求一律重新派单", "不满", False),
    ("群众不满意的重新派单", "不满", False),
    ("拍照不满意还给重拍", "不满", False),
    ("我对处理结果不满意", "不满", True),
    ("居民充满不满情绪", "不满", True),
    ("对回复不满意，要求重新办理", "不满", True),
    ("网友直呼“不满意”", "不满", True),
    # complaints that fell are a count
    ("游客投诉量较前年下降四成", "投诉", False),
    ("“虚假办结”投诉下降六成", "投诉", False),
    ("旅游投诉同比下降", "投诉", False),
    ("越级上访明显减少", "上访", False),
    ("投诉了三次没人管", "投诉", True),
    # what a notice forbids, and the work against a problem, are no one's complaint
    ("雷雨天气不要擅自接近电力线路", "擅自", False),
    ("开展违规吃喝专项整治", "违规", False),
    ("清理违规广告牌560处", "违规", False),
    ("上线围标串标智能预警系统", "围标", False),
    ("违纪违规行为处理规定", "违规", False),
    ("违规收费问题仍未整治", "违规", True),
    ("物业擅自涨价", "擅自", True),
    ("学校违规收费，没人管", "违规", True),
    # a provision's case with its penalty; a question who handles it is a complaint
    ("森林防火期内违规野外用火的，将依法予以处罚", "违规", False),
    ("物业违规收费的，由谁来管？", "违规", True),
])
def test_satisfaction_counts_that_fell_prohibitions_and_work_against_are_no_complaint(
        text: str, word: str, complaint: bool) -> None:
    assert not_a_complaint(text, text.index(word), word) is not complaint


@pytest.mark.parametrize(("text", "word", "past"), [
    ("古街重新开街。此前，古街曾因“网红宣传与实际不符”被游客吐槽。", "与实际不符", True),
    ("之前有市民投诉，至今仍没人管。", "投诉", False),
    ("我投诉了三次，没人管。", "投诉", False),
])
def test_a_complaint_told_of_the_past_and_not_of_now(text: str, word: str, past: bool) -> None:
    assert told_as_past(text, text.index(word)) is past


@pytest.mark.parametrize(("title", "text", "settled"), [
    # the idioms of good-news headlines
    ("某市百年老街“微改造”焕新颜", "修缮老建筑43栋，街区重新热闹起来。", "焕新颜"),
    ("“三抓三促”见实效 某县群众办事“跑一次”成常态", "", "见实效"),
    ("市区“僵尸车”清理完毕", "共清理拖移“僵尸车”463辆。", "完毕"),
    ("城管执法“721工作法”赢得商户好评", "", "赢得商户好评"),
    ("从“臭水沟”到“后花园”——滨河南路排洪渠整治纪实", "", "到"),
    ("下塘街道“积水点”变“安心点”", "", "变"),
    ("从“后花园”到“臭水沟”", "", None),
    # money returned is an outcome, and a 的 after a settling verb qualifies the problem settled, not the outcome
    ("某市退还违规收取的供热“开口费”718万元", "已向2860户用户全额退还。", "退还"),
    ("某小区物业退还挪用的维修资金", "", "退还"),
    # faults and complaints that fell, as counts that fell; not ones that rose or keep coming
    ("某市电梯维保质量提升 困人故障同比下降六成", "", "同比下降"),
    ("某区12345投诉同比下降四成", "", "同比下降"),
    ("某区12345投诉同比上升四成", "", None),
    ("电梯故障频发 投诉不断", "", None),
    ("某热力公司拒不退还违规收取的开口费", "", None),
    ("新建的公厕一直锁着", "", None),
    # a repair holds 抢 of the crimes; a robbery does not become a repair
    ("某县抢修冻裂供水管道 全县供水恢复正常", "48小时内修复管道17处，全县供水已全部恢复。", "恢复"),
    ("某地抢劫案告破 追回赃款", "", None),
    # what to do if a danger is found is no finding; an authority's open letter and a reading are notices
    ("关于开展燃气安全专项检查的通告", "发现燃气泄漏请立即拨打119。", "关于开展"),
    ("关于开展燃气安全专项检查的通告", "检查发现多处燃气管道老化。", None),
    ("寒假安全致家长的一封信", "请家长加强对孩子的看护。", "的一封信"),
    ("寒假安全致家长的一封信", "发现孩子沉迷网络游戏的，请及时引导。", "的一封信"),
    # a hotline offered at length, "not only", a reply's greeting, a reader's if
    ("关于开展农民工工资支付情况专项检查的通知",
     "拖欠工资的，劳动者可拨打12333或向属地劳动保障监察机构投诉举报。", "关于开展"),
    ("城管执法“721工作法”赢得商户好评", "城管执法，靠的不只是罚单。", "赢得商户好评"),
    ("某路段路灯已修复", "网友您好：维修人员已更换电缆并恢复照明。如您发现其他路段路灯不亮，可随时反映。", "修复"),
    ("某路段路灯已修复", "但有网友发现，隔壁路段的路灯还是不亮。", None),
    # a reporter's revisit that found the problem gone, and one that found it back
    ("某地下通道漏水问题彻底解决", "近日记者回访看到，连续降雨后通道内地面干燥。", "解决"),
    ("某地下通道漏水问题彻底解决", "记者回访发现，通道雨天仍然渗水。", None),
    ("某地下通道漏水问题彻底解决", "市民发现城市设施问题，可随时拨打12345热线反映。", "解决"),
])
def test_good_news_idioms_repairs_instructions_and_open_letters(title: str, text: str, settled: str | None) -> None:
    assert settled_headline(title, text) == settled


@pytest.mark.parametrize(("title", "text", "praise"), [
    ("必须为西关派出所点赞！！", "外婆走失了，报警后民警调监控一条街一条街找，晚上找到了。", "点赞"),
    ("为桐湾区城管中队点赞！", "之前反映夜市油烟扰民，没想到一个星期就解决了。", "点赞"),
    ("真给你们点赞啊", "办个证跑了十趟", None),
    ("感谢某局让我等了三个月？", "", None),
    ("为某医院点赞", "但是收费还是太贵了", None),
    ("非常感谢书记答复噪音问题，希望尽快解决", "", None),
    ("感谢各位领导", "该事已在解决之中。", None),
    # a wish that the service go on or spread, and 希望 as a noun, wait for nothing; praise in other words
    ("给某区城管点个大大的赞！", "坏了一个月的井盖今天换好了，希望以后都能这么快！", "点个大大的赞"),
    ("感谢水务集团的师傅们", "当时没抱什么希望，一周就换了加压泵，希望你们继续保持！", "感谢"),
    ("不得不夸一下滨江路的新公园", "荒地修成了公园，希望其他片区也学学。", "不得不夸"),
    ("给某区城管点个赞", "井盖换好了，希望下水道也尽快修一修。", None),
    # satisfaction asked (回访问满不满意) is no one displeased
    ("给12345点个赞", "周三就换好了，还有人打电话回访问满不满意。", "点个赞"),
    ("给12345点个赞", "换是换好了，但我对处理过程很不满。", None),
    # thanks that turn in the headline itself to what is still wrong: an ask
    ("谢谢窗口工作人员态度好，但这证还是办不了", "单位早没了，窗口说缺材料。", None),
    ("感谢开通了新公交线，不过末班车太早了", "晚上九点以后到站只能打车。", None),
])
def test_a_post_that_thanks_or_praises_unless_in_sarcasm_or_still_waiting(
        title: str, text: str, praise: str | None) -> None:
    assert praise_headline(title, text) == praise


@pytest.mark.parametrize(("text", "injured", "hype"), [
    ("槿溪的电竞魂今晚燃爆了", None, True),
    ("化工厂燃爆了，火光冲天", None, False),
    # 燃爆！ opening its clause is an exclamation; what blew up named before it is the accident
    ("燃爆！村篮球总决赛5万人看球", None, True),
    ("化工厂燃爆！现场浓烟滚滚", None, False),
    ("冬天太干了，鼻子流血、嘴唇裂开", None, True),
    ("他被打得头部流血", 1, True),
    ("少年经送医检查无大碍", None, True),
    ("三人受伤送医", 3, True),
])
def test_hype_a_nosebleed_and_a_check_up_are_no_event(text: str, injured: int | None, hype: bool) -> None:
    rules = load_rules(HERE / "city-gov")
    facts = find_facts("", text)
    assert facts.injured == injured
    assert ("爆炸火灾" not in rules.find_signals("。" + text, facts.denied, None)) is hype


def test_a_claim_going_round_in_a_circle_and_doubted_is_a_rumour() -> None:
    text = "招标前，圈子里就在传是哪家中标，结果公示出来果然是那家。这种消息到底有多少可信度？"
    assert find_facts("某项目是不是早就内定了？", text).rumour == "就在传"
    assert find_facts("", "这种消息到底有多少可信度？").rumour == "有多少可信度"


def test_never_having_seen_the_world_is_no_death() -> None:
    assert find_facts("某地下雪了！！", "手冻成胡萝卜也开心！南方孩子没见过世面哈哈哈").deaths is None
    assert find_facts("", "老人昨晚在家中过世。").deaths == 1


def test_a_service_that_eases_care_and_hearsay_recalled_are_no_event() -> None:
    eased = find_facts("某医院夜间门诊开诊", "开设内科、儿科、外科等8个科室，每天接诊至晚上10点，方便上班族就医。")
    assert eased.injured is None
    assert find_facts("", "工地脚手架倒塌，8名工人送医就医。").injured == 8
    # care as the business of insurance (异地就医备案, 住院费用直接结算): no patient
    insured = find_facts("医保服务站点全覆盖", "设立医保服务站点300个，参保登记、异地就医备案等业务可就近办理。")
    assert insured.injured is None
    assert find_facts("", "参保人住院费用可直接结算，入院手续一次办结。").injured is None
    assert find_facts("", "事故造成3人住院治疗。").injured == 3
    recalled = find_facts("某地推行交房即交证", "业主说：“以前听说办证要等好久，没想到拿钥匙那天证也到手了。”")
    assert recalled.rumour is None
    assert find_facts("", "听说某小区昨晚有人跳楼了").rumour == "听说"
    # what one had heard before, beside what one found (之前听人说要跑好几趟，完全不是那么回事)
    assert find_facts("四十分钟拿证", "之前听人说要跑好几趟，完全不是那么回事嘛。").rumour is None
    assert find_facts("", "听人说某小区昨晚有人跳楼了").rumour == "听人说"
    assert find_facts("", "以前总听人说县医院水平不行，这次亲身经历，真的改变了看法。").rumour is None
    # the writer doubting themself is no claim checked; a claim questioned is
    assert find_facts("", "真的很想哭，我是不是真的不适合读研？").rumour is None
    assert find_facts("", "某小区有人跳楼，是不是真的？").rumour == "是不是真的"


def test_a_reply_is_known_by_its_form_not_by_a_title_that_ends_in_reply() -> None:
    text = "网友您好：您反映的路灯不亮问题，施工队重新敷设电缆，灯已全部点亮。"
    assert reply_form("回复：建设西路路灯不亮", "施工队重新敷设电缆。")
    assert reply_form("【答复】建设西路路灯不亮", "施工队重新敷设电缆。")
    assert reply_form("关于建设西路路灯不亮问题的办理情况", "施工队重新敷设电缆。")
    assert reply_form("建设西路路灯", text)
    # a citizen's: a letter to the office, a title that asks for a reply
    assert not reply_form("建设西路路灯", "尊敬的领导：您好，我想反映建设西路路灯不亮的问题。")
    assert not reply_form("建设西路路灯坏了一个月，怎么还不回复", "打了三次电话了。")


def test_an_authority_s_reply_on_a_message_board_reads_as_its_report() -> None:
    text = "网友您好：您反映的路灯不亮问题，经市城管局核实，维修人员已更换电缆并恢复照明。"
    assert reply_headline("回复：建设西路路灯已修复", text) == "修复"
    assert reply_headline("【回复】建设西路路灯已修复", text) == "修复"  # a board's bracketed reply title
    # a reply is known by its opening too (网友您好：您反映的……, 市民您好：来件反映……), not by a citizen's letter's
    assert reply_headline("建设西路路灯已修复", text) == "修复"
    assert reply_headline("建设西路路灯已修复", "建设西路路灯已修复，但隔壁巷子的还不亮。") is None
    letter = "尊敬的领导：您好，我想反映建设西路路灯不亮的问题，已经一个多月了。"
    assert reply_headline("建设西路路灯已修复", letter) is None
    lights = "尊敬的网友：您反映的某路口学生过马路没有信号灯的问题，交警支队已于3月15日完成信号灯安装并投入使用。"
    assert reply_headline("某路口信号灯安装情况", lights) == "已于3月15日完成"
    assert reply_headline("某路口信号灯安装情况", "市民您好：来件反映的信号灯问题，已纳入明年计划。") is None
    # a reply whose headline names only the matter is read by what its text tells done, not by a hand-over, a
    # plan or a remainder
    assert reply_headline("回复：关于建设西路路灯不亮的问题", text) == "已更换"
    stop = "经现场勘查，已在小区北门增设公交站点。"
    assert reply_headline("关于峪河湾小区门口公交站设置的回复", stop) == "已在小区北门增设"
    assert reply_headline("回复：关于小区噪音的问题", "您反映的问题已转交区城管局处理。") is None
    assert reply_headline("回复：关于小区噪音的问题", "已纳入明年整治计划。") is None
    assert reply_headline("关于小区噪音的回复", "施工单位已调整施工时间，但夜间仍有噪音。") is None
    # a site built or runs added; a reply's closing "if still" is no remainder, a remainder told is
    signal = "通信运营商已于10月中旬在村东山坡新建基站一座，目前全村4G信号覆盖良好。如仍有问题，欢迎继续拨打12345。"
    assert reply_headline("回复：关于某村通信信号差的问题", signal) == "已于10月中旬在村东山坡新建"
    assert reply_headline("回复：关于某村通信信号差的问题", "已新建基站一座，但信号仍然很差。") is None
    assert reply_headline("关于某小区供暖管道的处理结果", "热力公司已于10月12日完成管道更换。") == "已于10月12日完成"
    gas = "热力集团派人入户检测，发现该楼管道存在气堵，已进行排气并调整了管网平衡。"
    assert reply_headline("回复：某小区供暖温度问题", gas) == "已进行排气并调整"
    assert reply_headline("回复：某小区供暖温度问题", "已经过去三个月还没修复。") is None
    assert reply_headline("回复：23路公交已增开某乡班次", "公交公司在23路增开往返某乡的直达班次，每天6班。") == "增开"
    # money paid back, a procedure changed, what the reply found gone; not what can no longer be done
    wages = "经区人社局调解，该公司已于9月12日将工资全部支付到您的账户。"
    assert reply_headline("关于某公司拖欠工资问题的处理结果", wages) == "已于9月12日将工资全部支付"
    assert reply_headline("关于异地报销的回复", "市医保局已于4月优化流程，材料可线上提交。") == "已于4月优化"
    assert reply_headline("关于工地夜间噪音的办理结果", "经多次夜间巡查，该工地夜间已无高噪音作业。") == "已无高噪音"
    assert reply_headline("关于工地夜间噪音的回复", "该工地已无法按期完工。") is None
    # a road finished and open to traffic
    road = "您反映的道路坑洼问题，县交通运输局已将其列入今年项目，4.2公里水泥路面已于10月12日完工通车。"
    assert reply_headline("答复：某村通组路", road) == "已于10月12日完工"
    assert reply_headline("答复：某村通组路", "4.2公里水泥路面计划明年完工通车。") is None
    # a reply's closing "if later still" is no remainder
    closing = "该公司已于9月12日将工资全部支付到您的账户。如后续仍有劳动纠纷，可直接到仲裁院咨询。"
    assert reply_headline("关于某公司拖欠工资问题的处理结果", closing) == "已于9月12日将工资全部支付"
    # a state since a date, a nuisance lessened, a way cleared, a test passed; not a date planned nor a test failed
    hall = "经协调，自7月起各派出所户籍窗口周六上午正常开放。"
    assert reply_headline("关于周末办证难的答复", hall) == "自7月起各派出所户籍窗口周六上午正常"
    assert reply_headline("关于工地噪音的回复", "经约谈，施工单位调整了作业时间，噪声已明显减小。") == "已明显减小"
    market = "街道在路东侧空地设置固定摊位，摊主全部入市，道路恢复畅通。"
    assert reply_headline("回复：某路早市占道", market) == "恢复畅通"
    water = "水务公司冲洗并更换了老旧管段，取样检测各项指标合格。"
    assert reply_headline("关于某社区水质发黄的回复", water) == "指标合格"
    assert reply_headline("关于周末办证难的答复", "计划明年起周六上午开放。") is None
    vaccine = "县卫健局已协调市疾控中心调拨疫苗800支，11月28日起恢复接种。"
    assert reply_headline("关于狂犬疫苗断供问题的答复", vaccine) == "11月28日起恢复"
    assert reply_headline("关于狂犬疫苗断供问题的答复", "将于12月1日起恢复接种。") is None
    assert reply_headline("关于飞线充电问题的答复", "新建充电棚2处，已于8月18日投入使用。") == "已于8月18日投入使用"
    assert reply_headline("关于飞线充电问题的答复", "新建充电棚2处，预计9月投入使用。") is None
    # a work finished on a date, told as done; not one planned or scheduled
    assert reply_headline("关于市场积水的答复", "街道清疏排水沟260米，工程于5月20日完工。") == "于5月20日完工"
    assert reply_headline("关于市场积水的答复", "工程计划于5月20日完工。") is None
    assert reply_headline("关于市场积水的答复", "工程定于5月20日完工。") is None
    assert reply_headline("关于某社区水质发黄的回复", "取样检测浊度不合格，正在排查原因。") is None
    assert reply_headline("关于某批次桶装水的回复", "经抽样，检测合格率为60%，其余批次正在复检。") is None


@pytest.mark.parametrize(("text", "rumour"), [
    ("附近菜市场都没有浆水卖，有没有知道的朋友说一下，跪谢！", None),
    ("有没有知道的朋友，城南那边是不是着火了", "有没有知道的"),
])
def test_a_help_request_is_no_claim_going_round(text: str, rumour: str | None) -> None:
    assert find_facts("", text).rumour == rumour


@pytest.mark.parametrize(("text", "word"), [
    ("景区指示牌英文翻译有误，“小心地滑”被译成“Carefully slide”", "翻译有误"),
    ("市发布的英文版介绍把“骑楼老街”翻成了 Riding Building Old Street", "翻成了"),
    ("景区指示牌上“出口”翻成“Export”，“小心地滑”写成“Carefully slide”", "翻成"),
    ("把会议纪要写成一篇报告", None),
    ("市发布那条通报下面我留言说办证跑了四趟，第二天评论就没了", "评论就没了"),
    ("这本小说翻译错误太多", None),
    ("这个游戏机翻的字幕太烂了", None),
    ("微博删评论了，粉丝都炸了", None),
    # a site or an account of the office left stale for years
    ("记者发现，某市人民政府网站英文版已三年未更新", "网站英文版已三年未更新"),
    ("市政府门户网站“政策解读”栏目两年未更新", "网站“政策解读”栏目两年未更新"),
    ("某县政务公众号已停更半年", "公众号已停更"),
    ("我的博客三年没更新了", None),
])
def test_the_office_s_publicity_found_wanting(text: str, word: str | None) -> None:
    assert publicity_failure(text) == word



@pytest.mark.parametrize(("text", "deaths", "injured"), [
    # a statistic that fell is a record of the work, a count that rose an event
    ("全市生产安全事故起数和死亡人数实现“双下降”。", None, None),
    ("今年全市交通事故死亡人数升至12人。", 12, None),
    # animals counted after their noun (救助受伤候鸟200余只) are no people hurt
    ("他十年来巡湖超过3万公里，救助受伤候鸟200余只。", None, None),
    ("车祸致3人受伤，另有一只狗被撞死。", None, 3),
    ("砍伤一只手", None, 1),
])
def test_a_statistic_that_fell_and_animals_hurt_are_no_casualty(text: str, deaths: int | None,
                                                                  injured: int | None) -> None:
    facts = find_facts("", text)
    assert (facts.deaths, facts.injured) == (deaths, injured)


@pytest.mark.parametrize(("text", "settled"), [
    ("134名农民工领到被拖欠的工资312万元", True),
    ("解决了困扰工人大半年的欠薪问题", True),
    ("干了大半年一分没拿到，欠薪到现在", False),
    ("反映的欠薪问题还没解决", False),
    ("施工单位被指偷工减料", False),
])
def test_a_sentence_that_tells_its_problem_settled(text: str, settled: bool) -> None:
    assert settled_in_sentence(text, text.find("欠" if "欠" in text else "被")) is settled


@pytest.mark.parametrize(("title", "text", "deaths", "missing", "mass"), [
    # a death told after care in spoken words (打完吊针就不行了, 输液后就死了); money gone after care is no death
    ("", "县医院一个三岁的娃娃打完吊针就不行了，家属在医院门口哭", 1, None, False),
    ("", "邻村一个老人在诊所挂水，挂完水就死了", 1, None, False),
    ("", "做完手术，钱就没了", None, None, False),
    # people swept away, told plainly (还说已经冲走了人); a reassurance is none
    ("", "群里疯传水库大坝裂了，还说已经冲走了人？？", None, 1, False),
    ("", "水位不高，不会冲走人的", None, None, False),
    # hundreds going to the government's gate, banners up: a mass incident (好几百业主去市政府门口)
    ("今天好几百业主去市政府门口了", "拉起横幅，好几百人，警察也来了好多。", None, None, True),
    ("", "我们去市政府门口问了一下办事流程", None, None, False),
])
def test_spoken_deaths_people_swept_away_and_hundreds_at_the_gate(
        title: str, text: str, deaths: int | None, missing: int | None, mass: bool) -> None:
    facts = find_facts(title, text)
    assert (facts.deaths, facts.missing, facts.mass_incident is not None) == (deaths, missing, mass), facts


def test_a_reservoir_s_resettled_people_are_no_dam() -> None:
    """水库移民安置点 names the people a reservoir moved: their cracked houses are no danger at the dam."""
    assert find_facts("", "水库移民安置点32户开裂房屋加固维修工程全部完工").hazard is None
    assert find_facts("", "水库大坝开裂，下游村民连夜转移").hazard == "水库大坝开裂"
