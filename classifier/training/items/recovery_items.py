"""Write ``recovery_items.jsonl``: round-10 training rows for the ``settled`` head, long news (120–400
characters) that tells good news or routine work ("0") beside the same words telling a problem still there,
a bad event or an accusation ("1").

Round 9 (settled_items.py) taught the head the piece that names the problem it settled. Round 10 widens the
good side to pieces whose good news is told through the pain it ends or the figure it lowers, and keeps beside
each one the same setting told bad now. Seven families, each a list of stories written once as records
(goodnews_items.Story: titles and sentences told good now, titles and sentences told bad now, background on
both sides):

* ``works_begun``: a long-awaited project starts, resumes or is finished (开工, 复工, 通水, 通车, 交付,
  加固完工), told with the old pain it ends (停工两年多的楼盘, 沉陷区房屋开裂, 断头路, 靠天吃饭的耕地) ("0"),
  beside the project still stalled, halted again, delivered with defects, the damage growing ("1");
* ``restored``: an entitlement or service restored after a wrongful stop or a shortage (低保恢复并补发,
  疫苗恢复接种, 停运公交恢复, 恢复供水), similar cases reviewed ("0"), beside still stopped, refused or cut
  again ("1");
* ``figures_down``: figures falling with the measures behind them (投诉量, 信访量, 欠薪投诉, 事故起数) ("0"),
  beside figures rising, complaints surging, or the fall found faked ("1");
* ``recovered``: nature and townscape recovered (湿地与候鸟, 黑臭水体变清, 矿坑变公园) ("0"), beside degraded
  again or the restoration a façade ("1");
* ``people``: human-interest pieces (an island teacher, a village doctor, a 研学 homestay, a 订单班, a village
  ball final) that mention hardship overcome ("0"), beside the same settings with a wrong (pay owed, the
  clinic shut, trainees sent to a factory line, a stand collapsing) ("1");
* ``digital_service``: 以前排一早上, 现在手机上点两下, with help kept for the elderly ("0"), beside the system
  down, the queues back, the elderly shut out ("1");
* ``prices_fair``: prices made fair told as good news (打表, 明码标价, 多收费用退还) ("0"), beside the
  rip-off still going on ("1").

House convention: enforcement results, crimes solved, punishments, rescues and disasters are adverse, so the
good side names none of them (no 立案, 罚款, 查处, 问责, 处分, 约谈, 被通报 …). Adverse rows carry the topic of
the department that must answer (谁主管谁负责). Invented places only (goodnews_items' lists). Written from
the genre of government news and press reports, not from development items: tests/classifier/
test_classifier_recovery_items.py checks that no row shares 30 % of its 8-character shingles with any item of
any development set. Its own random stream and its own file.

    python -m classifier.training.items.recovery_items   # rewrites recovery_items.jsonl (fixed seed)
"""

# ruff: noqa: E501  (phrase lists read best one per line of data)
from __future__ import annotations

import random
from pathlib import Path

from classifier.training.items.goodnews_items import Story, _fill, _slots, story_rows
from classifier.training.items.make_items import write_rows

OUT = Path(__file__).with_name("recovery_items.jsonl")
SEED = 20270102
ROUND = 10
TITLE_MIN, TITLE_MAX = 8, 30
TEXT_MIN, TEXT_MAX = 120, 400

S = Story

# -- works_begun: a long-awaited project begun or finished, told with the old pain (0); stalled, halted again,
#    delivered with defects, the damage growing (1) --
WORKS_BEGUN = [
    S("住房",
      ("停工两年多的{estate}二期交付 首批业主拿到钥匙", "{county}停工楼盘续建完成 {n}户业主收房", "等了{k}年的新房 {estate}二期今天交房"),
      ("{mo}月{d}日，{county}停工两年多的{estate}二期项目正式交付，首批{n}户业主拿到了新房钥匙。",
       "去年起，{county}引入一家国有企业接手续建，续建资金进入监管账户，按工程节点拨付给施工单位。",
       "记者在现场看到，小区的电梯、水电气都已接通，每户门上贴着分户验收合格的公示单。",
       "“租了两年房，房贷一个月没断过，今天终于能进自己家门了。”业主{who}拿着钥匙说。",
       "交房现场，住建、不动产登记部门设了窗口，业主签完交接单就能当场办理不动产证。",
       "剩下的{k}栋楼正在做外墙和室内收尾，计划年底前全部交付。"),
      ("停工两年多的{estate}二期 说好复工又停了", "{estate}二期交房即维权 墙面开裂屋顶渗水", "{county}停工楼盘复工三个月 工地又没人了"),
      ("{mo}月{d}日，记者来到{county}{estate}二期工地，几周前刚复工的塔吊又停了下来，大门紧锁，只有一名门卫在值守。",
       "施工方一名负责人说，续建资金只到位了一小部分，工人的工资已经压了两个月，只能先撤场。",
       "业主们手里的复工告知书写着“年内交付”，如今工地上连个人影都看不到。",
       "“一边还房贷一边交房租，复工的横幅挂上去才一个月就停了。”业主{who}说。",
       "已经交付的一号楼也问题不断，有业主反映墙面开裂、卫生间渗水，找开发商没人管。",
       "{county}住建局回复称正在协调续建资金，但没有给出复工的具体时间。"),
      ("{estate}二期共{k}栋楼、{n}0余套房，{y}年开盘预售，原定两年后交房。",
       "开发企业资金链断裂后，项目主体封顶便停了工，工地上只剩几台生锈的塔吊。")),
    S("公共基础设施建设",
      ("“断头路”卡了八年 {street}东延段今天通车", "{county}{street}断头路打通 绕行三公里成为历史", "{street}东延段建成通车 两个片区连起来了"),
      ("{mo}月{d}日上午，{county}{street}东延段建成通车，这条卡了八年的“断头路”终于打通。",
       "东延段全长{k}公里多，双向四车道，配建了人行道、非机动车道和路灯，沿线新设了{k}个公交站。",
       "过去两个片区的居民出行要绕经国道，早晚高峰一堵就是半个多小时，现在过去只要五分钟。",
       "“以前送孩子上学要绕一大圈，今天头一回直接开过去了。”住在附近的{who}说。",
       "道路两侧的雨水、污水和燃气管线与道路同步埋设，以后不用再开挖。",
       "{county}交通部门表示，{line}路公交将调整线路，下月起经东延段运行。"),
      ("“断头路”卡了八年 {street}东延段再次停工", "{street}东延段通车不到一月 路面塌陷开裂", "{county}{street}断头路说打通 如今仍是一道围挡"),
      ("{mo}月{d}日，记者在{county}{street}东延段看到，道路尽头仍被一道铁皮围挡拦着，围挡里杂草长了半人高。",
       "这段路今年年初宣布复工，施工队进场不到两个月就撤走了，挖开的路基一直晾在那里。",
       "据了解，路段中间一处征迁至今没谈拢，几方各说各的，没有一个部门出面牵头。",
       "“年年说今年通车，年年还得绕国道，晚上围挡没灯，电动车撞上去好几回了。”附近的{who}说。",
       "已经铺好的一段路面，通车没多久就出现了开裂和塌陷，一辆货车的后轮陷进了坑里。",
       "{county}交通运输局表示已要求施工方整改，但没有说明何时能全线贯通。"),
      ("{street}东延段规划于{y}年，是连接老城区和新区的一条主干道。",
       "由于征迁和资金问题，道路修到半截便停了下来，成了附近居民口中的“断头路”。")),
    S("住房",
      ("{town}沉陷区房屋加固完工 {n}户村民住上安全房", "采煤沉陷区房屋开裂多年 {village}加固工程完工", "{village}沉陷区治理完工 村民不用再提心吊胆"),
      ("{county}{town}{village}采煤沉陷区房屋加固工程近日全部完工，{n}户村民的房子做了基础注浆和墙体加固。",
       "加固前，技术人员逐户做了房屋安全鉴定，按鉴定结果一户一方案施工，验收后给每户出具了安全证明。",
       "对无法加固的{k}户，{county}在镇区安置点建了新房，村民按原面积置换，已于上月搬入。",
       "“以前墙上的裂缝一年比一年宽，下雨天睡觉都睡不踏实，现在心里有底了。”村民{who}说。",
       "村里的道路和水管也一并重修，原来被拉断的自来水管换成了柔性接口的新管。",
       "镇里在村里设了沉降观测点，每季度测一次，数据在村务公开栏上公布。"),
      ("{town}沉陷区房屋裂缝越来越宽 {n}户村民盼加固", "采煤沉陷区房屋开裂多年 {village}加固迟迟未动工", "{village}沉陷区加固完工才半年 墙体又开裂"),
      ("{county}{town}{village}采煤沉陷区的房屋裂缝还在扩大，记者{mo}月{d}日走访时，不少人家的墙上能塞进一根手指。",
       "村民说，房屋安全鉴定几年前就做过了，加固工程却一直没动工，每次去问都说“在报批”。",
       "已经加固过的几户也不放心，完工才半年，新抹的墙面又裂出了缝，院子地面往下陷了一截。",
       "“晚上听到墙里咔咔响，老人不敢在屋里睡，搭了个棚子住在院子里。”村民{who}说。",
       "村里的自来水管被地面沉降拉断了好几处，村民只能到邻村拉水。",
       "{county}自然资源部门回复称，治理资金尚未全部到位，将分批实施。"),
      ("{village}地处原煤矿采空区，{y}年前后地面开始沉降，全村{n}户中不少房屋墙体开裂。",
       "村里的老人说，最早只是墙角一道细缝，后来门窗都关不严了。")),
    S("扶贫",
      ("靠天吃饭的坡耕地通水了 {town}灌溉渠道全线贯通", "{town}{k}千亩旱地用上自流水 农民不再看天吃饭", "{village}提灌站建成通水 坡地种上了蔬菜"),
      ("{mo}月{d}日，{county}{town}提灌站开闸放水，新修的{k}十公里渠道全线通水，{village}等{k}个村的坡耕地第一次用上了自流水。",
       "工程由{county}统筹高标准农田建设资金实施，修了一座提灌站、两座蓄水池和配套的田间管道。",
       "以前这片坡地只能种玉米和红薯，一遇天旱就减产，不少年轻人干脆外出打工，地撂了荒。",
       "“去年旱了四十多天，苞谷叶子都卷了，今年水一通，我家包了十亩地种辣椒。”村民{who}说。",
       "村里成立了用水合作社，水费按方计收，管护人员由本村村民担任。",
       "镇农业服务中心的技术员已进村指导，帮助农户调整种植结构。"),
      ("靠天吃饭的坡耕地 {town}灌溉渠修好了却不来水", "{town}高标准农田渠道垮塌 {village}坡地又旱了", "{village}提灌站建成两年 一次没抽过水"),
      ("{county}{town}新修的灌溉渠道建成两年多，{village}的村民至今没用上一滴渠里的水，{mo}月记者去时渠底长满了杂草。",
       "村民说，提灌站的电一直没接通，泵房大门锁着，钥匙不知道在谁手里。",
       "渠道有{k}处已经垮塌，水泥衬砌一掰就碎，村民怀疑施工偷工减料。",
       "“渠修好那天还拉了横幅，到现在一年四季还是看天吃饭，今年苞谷又旱死了一半。”村民{who}说。",
       "有村民自己花钱买了抽水机，从几百米外的河沟里接管子抽水，一亩地光电费就得好几百元。",
       "{town}回复称，已将情况上报{county}农业农村局，正在协商后期管护问题。"),
      ("{town}一带多是坡耕地，没有灌溉条件，种地全凭老天下雨。",
       "{village}村民多年来盼着修一条水渠，把山下{river}的水引上坡。")),
    S("公共基础设施建设",
      ("{town}自来水厂通水 {n}0户居民告别黄泥水", "{county}新水厂投产供水 {town}夏天不再停水", "{town}新水厂通水了 居民拧开龙头就是清水"),
      ("{mo}月{d}日，{county}{town}新建自来水厂正式通水，镇区和周边{k}个村的{n}0户居民用上了稳定达标的自来水。",
       "新水厂日供水能力{k}千吨，水源取自{river}上游水库，经过絮凝、沉淀、过滤和消毒后送进管网。",
       "老水厂建于上世纪八十年代，设备老化，一下雨出水就发黄，夏天用水高峰还经常停水。",
       "“以前烧壶开水底下一层黄泥，现在水清了，也不用半夜起来接水了。”镇上的{who}说。",
       "水厂出水每天自检，镇里在便民服务中心公示水质检测结果。",
       "下一步，{county}将把管网延伸到{village}等偏远村组。"),
      ("{town}新水厂建成一年 {n}0户居民还在喝黄泥水", "{county}新水厂通水不到一周 又停水了", "{town}自来水一开龙头就发黄 新水厂迟迟不供水"),
      ("{county}{town}的新水厂建成一年多仍未正式供水，{mo}月{d}日记者在镇上看到，居民接的自来水静置后底部有一层黄泥。",
       "镇区仍由老水厂供水，设备老化，这个月已经停了{k}次水，每次少则半天，多则两天。",
       "据了解，新水厂的配套管网没有与老管网接通，进厂的电力线路也没有验收。",
       "“新厂子就在那儿摆着，我们还在喝黄泥水，停水了只能去井里挑。”镇上的{who}说。",
       "有居民把自来水送去检测，浑浊度和菌落总数都不达标。",
       "{county}水务局回复称正在推进管网连通，具体通水时间待定。"),
      ("{town}镇区人口近两万，多年来靠一座老水厂供水。",
       "老水厂建于上世纪八十年代，日供水能力只有新需求的一半。")),
]

RESTORED: list[Story] = []  # filled below
FIGURES_DOWN: list[Story] = []  # filled below
RECOVERED: list[Story] = []  # filled below
PEOPLE: list[Story] = []  # filled below
DIGITAL_SERVICE: list[Story] = []  # filled below
PRICES_FAIR: list[Story] = []  # filled below

FAMILIES: dict[str, list[Story]] = {k: v for k, v in {"works_begun": WORKS_BEGUN, "restored": RESTORED, "figures_down": FIGURES_DOWN,
                                    "recovered": RECOVERED, "people": PEOPLE, "digital_service": DIGITAL_SERVICE,
                                    "prices_fair": PRICES_FAIR}.items() if v}
# kind → rows (half "0", half "1")
COUNTS = {"works_begun": 200, "restored": 200, "figures_down": 200, "recovered": 200, "people": 200,
          "digital_service": 200, "prices_fair": 200}
COUNTS = {kind: COUNTS[kind] for kind in FAMILIES}

# A headline's frame and a text's dateline and closing: every one goes on both sides.
TAGS = ["关注", "民生", "一线见闻", "身边事", "{county}", "今日{city}", "记者走基层"]
LEADS = ["{city}日报讯 ", "{city}晚报讯（记者 {reporter}）", "{county}融媒体中心讯 ", "掌上{city}消息，", "据“{city}发布”消息，",
         "新华社{city}{mo}月{d}日电 ", "据{prov}日报报道，", "本报讯（记者 {reporter}）", "{mo}月{d}日，记者从{county}获悉，"]
CLOSES = ["（记者 {reporter}）", "（{city}日报）", "来源：{city}发布", "编辑：{reporter}", "（{county}融媒体中心）", "#{city}民生#",
          "（通讯员 {reporter}）", "责任编辑：{reporter}"]


def _slots10(rng: random.Random) -> dict[str, str | int]:
    slots = _slots(rng)
    slots.update(mo=rng.randint(1, 12), fee=rng.randint(80, 460), w=rng.randint(3, 90), q=rng.randint(12, 39))
    return slots


def _title(rng: random.Random, story: Story, bad: bool, slots: dict[str, str | int]) -> str:
    title = _fill(rng.choice(story.bad if bad else story.good), slots)
    frame = rng.random()
    if frame < 0.18 and not title.startswith(str(slots["city"])):
        title = f"{slots['prov']}{slots['city']}：{title}"  # wire: 新华社/省报
    elif frame < 0.3:
        title = f"【{_fill(rng.choice(TAGS), slots)}】{title}"  # 融媒/政务微博
    return title


def _text(rng: random.Random, story: Story, bad: bool, slots: dict[str, str | int]) -> str:
    """A piece of ``TEXT_MIN``–``TEXT_MAX`` characters: the lead with the main fact, the background, further
    facts in their order (some left out), a dateline and a closing; "" when it cannot be made in that length."""
    says = story.bad_say if bad else story.good_say
    lead, rest = says[0], list(says[1:])
    if rng.random() < 0.25:  # the old pain first, then what is reported now
        parts, bg = [story.bg[0], lead], list(story.bg[1:])
    else:
        parts, bg = [lead], list(story.bg)
    if rng.random() < 0.5:  # the background right after the lead, as news tells it
        rest = bg + rest
    else:
        for s in bg:
            rest.insert(rng.randint(0, len(rest)), s)
    target = rng.randint(150, TEXT_MAX - 10)
    for s in rest:
        if sum(len(_fill(p, slots)) for p in parts) >= target:
            break
        if rng.random() < 0.2:
            continue
        parts.append(s)
    head = rng.choice(LEADS) if rng.random() < 0.4 else ""
    close = rng.choice(CLOSES) if rng.random() < 0.35 else ""
    text = [_fill(p, slots) for p in parts]
    while len(_fill(head, slots) + "".join(text) + _fill(close, slots)) > TEXT_MAX and len(text) > 2:
        text.pop(-2 if len(text) > 3 else -1)
    out = _fill(head, slots) + "".join(text) + _fill(close, slots)
    return out if TEXT_MIN <= len(out) <= TEXT_MAX else ""


def _maker(stories: list[Story], bad: bool, rng: random.Random):
    """Rows of one family and label; the topic rides on the title (split off in ``story_rows``)."""
    def make() -> tuple[str, str]:
        for _ in range(50):
            story = rng.choice(stories)
            slots = _slots10(rng)
            title = _title(rng, story, bad, slots)
            if not TITLE_MIN <= len(title) <= TITLE_MAX:
                continue
            text = _text(rng, story, bad, slots)
            if text:
                return f"{title}\x00{story.topic if bad else ''}", text
        raise ValueError("no row of the lengths asked")
    return make


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    return story_rows(FAMILIES, COUNTS, ROUND, lambda kind, stories, bad: _maker(stories, bad, rng))


def main() -> None:
    write_rows(build(), OUT)


if __name__ == "__main__":
    main()
