"""Items of every kind the judgement must tell apart, each in two tones, written for these tests.

Each item says what the office's judgement must do with it whatever the model's wording skills:
relevance (from the profile's own jurisdiction), the facts and tier named in the reasons, whether
the intake may open a case. ``adverse`` says whether the item is 舆情负面 (bad news for the office
or the public interest, whatever its tone).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    tone: str  # calm | heated
    profile: str
    row: dict
    relevant: bool
    adverse: bool
    reasons: tuple[str, ...] = ()  # words that must appear in the grade's reasons
    top_two: bool = False  # must be in the profile's two gravest grades
    tier: str | None = None  # the tier the registry must give (None: not checked)
    extra: dict = field(default_factory=dict)


def _row(title: str, text: str, source: str, url: str = "", kind: str = "news", **counts: int) -> dict:
    return {"title": title, "text": text, "source_name": source, "url": url, "source_kind": kind, **counts}


CASES: list[Case] = [
    # -- exposés: flat news prose and a heated commentary -----------------------------------------
    Case("expose-calm", "expose", "calm", "jining-ggzy", _row(
        "济宁市公共资源交易服务中心部分项目评标未按规定执行",
        "新华社济南11月30日电 记者调查发现，济宁市公共资源交易服务中心今年组织的部分政府采购项目中，"
        "评标专家抽取未按规定回避，评审记录存在事后补签等问题。省有关部门已介入核查。",
        "新华社", "https://www.news.cn/local/2026-11/30/c_1.htm"),
         relevant=True, adverse=True, reasons=("中央级媒体: 新华社",), tier="central"),
    Case("expose-heated", "expose", "heated", "jining-ggzy", _row(
        "评论：济宁交易中心的评标乱象，到底谁在纵容？",
        "据人民日报报道，济宁市公共资源交易服务中心多个项目评标专家不回避、记录事后补签，简直荒唐！"
        "投标企业苦不堪言，监管到底在哪里？",
        "某财经论坛", kind="forum"),
         relevant=True, adverse=True, reasons=("中央级媒体: 人民日报",), tier="central"),
    # -- complaints: a polite letter and an angry post --------------------------------------------
    Case("complaint-calm", "complaint", "calm", "city-gov", _row(
        "关于钦南区文峰路路灯损坏的反映",
        "您好，钦南区文峰路中段有三盏路灯已经损坏一个多月，夜间行人出行不便，麻烦相关部门安排维修，谢谢。",
        "人民网领导留言板", "http://liuyan.people.com.cn/threads/content?tid=1", "forum"),
         relevant=True, adverse=True, tier="self_media"),
    Case("complaint-heated", "complaint", "heated", "city-gov", _row(
        "钦州这个小区停水三天了！！！有没有人管？",
        "钦北区某小区从周一停水到现在，打12345没人理，老人小孩怎么过？物业装死，水务公司也不出来解释！！",
        "新浪微博", "https://weibo.com/123/abc", "microblog", reposts=60),
         relevant=True, adverse=True, tier="self_media"),
    # -- rumours ---------------------------------------------------------------------------------
    Case("rumour-calm", "rumour", "calm", "city-gov", _row(
        "网传钦南区一小学门口发生绑架案",
        "网传钦南区某小学放学时有孩子被陌生人强行抱走，有网友称嫌疑人已被控制，消息待核实。",
        "新浪微博", "https://weibo.com/1/2", "microblog"),
         relevant=True, adverse=True, reasons=("网传消息, 待核实",)),
    Case("rumour-heated", "rumour", "heated", "city-gov", _row(
        "听说灵山县化工厂爆炸了？？吓死人了",
        "群里都在传灵山县工业园有化工厂爆炸，好多救护车过去了，到底有没有人出事啊？？官方快出来说句话！",
        "百度贴吧·钦州吧", "https://tieba.baidu.com/p/1", "forum"),
         relevant=True, adverse=True, reasons=("网传消息, 待核实",)),
    # -- critical rumours: what they claim would be critical, so the desk acts at that grade until
    #    it is verified (deaths in words and in dialect, crowds, a child abduction, an explosion,
    #    people missing), marked 网传/有网友称/据传/求证/听讲 -----------------------------------------
    Case("rumour-deaths-calm", "rumour", "calm", "city-gov", _row(
        "有网友称钦南区一小区两人坠楼",
        "有网友称，钦南区某小区昨晚有两人从楼上坠下，疑似已经身亡，楼下拉起了警戒线。消息是否属实，"
        "希望有关部门核实。",
        "新浪微博", "https://weibo.com/7/1", "microblog"),
         relevant=True, adverse=True, reasons=("死亡 2 人", "网传消息, 待核实"), top_two=True),
    Case("rumour-deaths-heated", "rumour", "heated", "city-gov", _row(
        "听讲灵山县城出人命啦！！",
        "听人讲灵山县城一间KTV昨晚打交，死咗人啊！！警车来咗好多架，有冇人知道咩事？？",
        "百度贴吧·钦州吧", "https://tieba.baidu.com/p/7", "forum"),
         relevant=True, adverse=True, reasons=("死亡 1 人", "网传消息, 待核实"), top_two=True),
    Case("rumour-crowd-calm", "rumour", "calm", "city-gov", _row(
        "据传浦北县数百名村民围堵镇政府",
        "据传因征地补偿问题，浦北县某镇数百名村民今天上午围堵在镇政府门口，目前情况不明，求证。",
        "新浪微博", "https://weibo.com/7/2", "microblog"),
         relevant=True, adverse=True, reasons=("聚集 200 人", "网传消息, 待核实"), top_two=True),
    Case("rumour-crowd-heated", "rumour", "heated", "city-gov", _row(
        "网传钦北区上百个业主把路堵了！！",
        "网传钦北区那个烂尾楼盘上百个业主把大路堵了，交警都来了，太乱了！！到底啥时候交房啊！！",
        "抖音", "https://www.douyin.com/video/7", "microblog"),
         relevant=True, adverse=True, reasons=("聚集 100 人",), top_two=True),
    Case("rumour-abduction-calm", "rumour", "calm", "city-gov", _row(
        "求证：钦南区一小学门口有孩子被人贩子抱走？",
        "今天家长群里传，钦南区某小学门口有孩子被人贩子抱走，请问是真的吗？有没有官方消息。",
        "新浪微博", "https://weibo.com/7/3", "microblog"),
         relevant=True, adverse=True, reasons=("危害人身安全的案件",), top_two=True),
    Case("rumour-explosion-heated", "rumour", "heated", "city-gov", _row(
        "网传钦州港一化工厂发生爆炸！！",
        "网传钦州港那边一个化工厂爆炸了，好大一声，窗户都在抖！！浓烟一直往上冒，有人知道什么情况吗？？",
        "新浪微博", "https://weibo.com/7/4", "microblog"),
         relevant=True, adverse=True, reasons=("突发信号 爆炸",), top_two=True),
    Case("rumour-missing-calm", "rumour", "calm", "city-gov", _row(
        "据说灵山县一山塘垮坝 三名村民下落不明",
        "据说昨夜暴雨后灵山县某村一座山塘垮坝，三名村民下落不明，当地正在搜救，具体情况待核实。",
        "新浪微博", "https://weibo.com/7/5", "microblog"),
         relevant=True, adverse=True, reasons=("失联 3 人",), top_two=True),
    # -- an office of one business files its relevant items under it (grading.yaml remit) -----------
    Case("remit-calm", "complaint", "calm", "jining-ggzy", _row(
        "咨询济宁交易中心保证金退还进度",
        "您好，我公司参与的项目中标结果已公示一个月，投标保证金至今未退还，请问何时办理？",
        "百度贴吧·济宁吧", "https://tieba.baidu.com/p/9", "forum"),
         relevant=True, adverse=True, extra={"topic": "公共资源交易"}),
    Case("remit-heated", "complaint", "heated", "jining-ggzy", _row(
        "济宁公共资源交易网又崩了！！",
        "开标前半小时系统卡死，文件传不上去，这都第几回了！！耽误了算谁的？？",
        "百度贴吧·济宁吧", "https://tieba.baidu.com/p/10", "forum"),
         relevant=True, adverse=True, extra={"topic": "公共资源交易"}),
    # -- official 通报 of a bad event ---------------------------------------------------------------
    Case("official-calm", "official_notice", "calm", "city-gov", _row(
        "关于浦北县一在建厂房坍塌事故的情况通报",
        "12月1日9时许，浦北县一在建厂房发生局部坍塌，造成2名施工人员死亡、3人受伤。事故发生后，县政府立即组织"
        "应急、住建等部门赶赴现场处置，伤者已送医救治，事故原因正在调查。",
        "钦州发布", "https://weibo.com/qzfb/1", "microblog"),
         relevant=True, adverse=True, reasons=("官方通报", "死亡 2 人"), top_two=True, tier="government"),
    Case("official-stern", "official_notice", "heated", "city-gov", _row(
        "钦州市公安局警情通报",
        "11月30日晚，钦北区一烧烤店发生一起持刀伤人案件，致1人受伤。犯罪嫌疑人已被抓获。对此类严重危害群众安全的"
        "违法犯罪行为，公安机关将依法严厉打击，绝不姑息！",
        "钦州公安", "https://weibo.com/qzga/1", "microblog"),
         relevant=True, adverse=True, reasons=("官方通报", "受伤 1 人"), tier="government"),
    # -- emotional posts not about the office -----------------------------------------------------
    Case("offtopic-heated", "emotional_offtopic", "heated", "city-gov", _row(
        "这裁判是瞎了吗？！",
        "点球不给，越位乱吹，主队输得太憋屈了，气死我了！！！裁判组必须给个说法！",
        "虎扑", "https://bbs.hupu.com/1.html", "forum", replies=900),
         relevant=False, adverse=False),
    Case("offtopic-calm", "emotional_offtopic", "calm", "jining-ggzy", _row(
        "有点难过",
        "今天和谈了五年的男朋友分手了，一个人在出租屋里吃泡面，不知道以后怎么办。",
        "豆瓣", "https://www.douban.com/note/1", "forum"),
         relevant=False, adverse=False),
    # -- positive government news -----------------------------------------------------------------
    Case("positive-calm", "positive_gov", "calm", "city-gov", _row(
        "钦州港新增两条外贸航线",
        "记者从钦州港口管理部门获悉，钦州港本月新开通两条东南亚外贸集装箱航线，港口年吞吐能力进一步提升。",
        "钦州日报", "http://www.qzrb.com.cn/1.html"),
         relevant=True, adverse=False, tier="prefecture"),
    Case("positive-heated", "positive_gov", "heated", "jining-ggzy", _row(
        "太棒了！济宁公共资源交易全流程电子化，一次都不用跑！",
        "点赞！济宁市公共资源交易服务中心上线不见面开标系统，投标企业在家就能参与开标，省时省力，为中心打call！",
        "新浪微博", "https://weibo.com/9/9", "microblog"),
         relevant=True, adverse=False),
    # -- neutral notices --------------------------------------------------------------------------
    Case("notice-calm", "neutral_notice", "calm", "jining-ggzy", _row(
        "关于济宁市公共资源交易服务中心元旦假期开评标安排的通知",
        "根据国家法定节假日安排，2027年1月1日至1月3日放假，假期期间暂停开评标活动，1月4日起正常开展。",
        "济宁市公共资源交易网", "http://ggzy.jining.gov.cn/art/1.html", "rss"),
         relevant=True, adverse=False, tier="government"),
    Case("notice-urgent", "neutral_notice", "heated", "city-gov", _row(
        "紧急提醒！钦南区明日停水！请提前储水！",
        "因供水管网改造，12月3日8时至20时钦南区部分区域停止供水，请广大市民提前做好储水准备！",
        "钦州发布", "https://weibo.com/qzfb/2", "microblog"),
         relevant=True, adverse=False, tier="government"),
    # -- other cities' bad news -------------------------------------------------------------------
    Case("elsewhere-calm", "other_city_bad", "calm", "jining-ggzy", _row(
        "淄博一工程项目围标串标被查 6家企业受罚",
        "大众日报记者从淄博市有关部门获悉，淄博市某工程项目在招标过程中，6家企业统一编制投标文件，围标串标，"
        "被依法处以罚款。",
        "大众日报", "http://www.dzwww.com/1.htm"),
         relevant=False, adverse=True, tier="provincial"),
    Case("elsewhere-heated", "other_city_bad", "heated", "city-gov", _row(
        "南宁地铁扶梯突然逆行，好几个人摔倒了！",
        "刚在南宁地铁站看到的，扶梯突然倒着走，上面的人一下子都摔下来了，有人腿流血了，吓死人！！",
        "新浪微博", "https://weibo.com/5/5", "microblog", reposts=3000),
         relevant=False, adverse=True),
]
