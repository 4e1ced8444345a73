"""Write ``adverse_items.jsonl``: round-4 training items that teach adverse-ness apart from tone and frame.

The head learnt that angry words mean a private rant and that exposé words (记者调查, 曝光, 闲置,
泄漏, 预警) mean bad news. Both are wrong often enough to miss a desk's items or to open cases for
good news. These rows put the same frame on both sides of the line, so only what is reported decides:

* the same sarcastic, rhetorical or slangy frames (反问, 阴阳怪气, 呵呵, 服了, 真行, 绝了, 韭菜 …) around
  a grievance with a public service, a public body or the city's image ("1"), and around a private
  brand, an app or a shop ("0": a consumer's rant is no matter for the office);
* emotional posts about bad news of public concern in other places ("1": adverse-ness does not
  depend on the place; relevance does);
* good news told in investigative words: 记者回访/走访/调查 finding a problem fixed, a 闲置 plot
  or building turned into something useful, free alarms and other 防X equipment, services that got
  better ("0"), beside the same settings where the reporter finds the problem still there ("1");
* advisories and forecasts without damage (预警, 防汛提示, 出行提示), drills full of 泄漏/爆炸/被困,
  tender/procurement/award notices for projects named after what they repair, and planned
  停水/停电/停气 notices ("0"), beside reports of actual damage or a real outage that hurts ("1").

Round 5 (rows with ``round: 5``, drawn after round 4 from their own stream) adds, the same way: strong
feeling about sport, stars, shows, games, purchases and private life, often naming our city ("0"),
beside the same shapes and reactions around our public services and other places' bad news ("1");
notices of every kind (交通管制, 招聘, 征求意见, 政策解读, 考试, 公示, 听证, 缴费, 报名, 闭馆), short and in
article length ("0"), beside the same matters gone wrong and explanations of an outage that happened
("1"); routine work and results in problem words (隐患排查, 销号, 回访, 曝光台 整改到位, 抽检, thanks for a
quick fix) ("0") beside the same words where the problem is still there ("1"), half of them calm letters.

Round 6 (``round: 6``, own stream) puts a place's own hashtag (#清水县#, #城南同城#) on private posts ("0") and on
complaints about our public services ("1"): the topic rows had such tags on complaints only; and the office's own
publicity and accounts found wanting (P过的宣传照, 数据与统计不符, 宣传片抄袭, 删评论, 刷票, 翻译错误: "1") beside the same
publicity done well and reported as news ("0"), 对外宣传 being the topic whose adverse items the model read weakest.

Written from these categories and the labelling rules of devsets/README.md, not from development
items (tests/classifier/test_classifier_adverse_items.py checks that no row shares 30 % of its
8-character shingles with any item of any development set). Its own random stream and its own
file, so ``own_items.jsonl`` and ``topic_items.jsonl`` are untouched.

    python -m classifier.training.items.adverse_items   # rewrites adverse_items.jsonl (fixed seed)
"""

# ruff: noqa: E501  (phrase lists read best one per line of data)
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from classifier.data import PLACE_POOL
from classifier.training.items.make_items import draw_rows, write_rows

OUT = Path(__file__).with_name("adverse_items.jsonl")
SEED = 20261204

# Invented and generic places of "our" city (no real prefecture: the place must never carry the label).
HOME = ["我市", "本市", "咱们市", "咱这", "我们县", "本区", "城南", "河西片区", "老城区", "新区", "开发区", "东关",
        "北湖街道", "望江镇", "南坪", "石牌村", "高桥镇", "西城区", "我们这个小县城", "县城"]
# Real places elsewhere, from every region (other places' bad news is adverse all the same).
ELSEWHERE = ["南宁", "桂林", "柳州", "长沙", "株洲", "岳阳", "合肥", "芜湖", "阜阳", "郑州", "洛阳", "周口", "太原",
             "大同", "昆明", "曲靖", "贵阳", "遵义", "兰州", "天水", "西宁", "呼和浩特", "包头", "石家庄", "保定",
             "邯郸", "沈阳", "鞍山", "长春", "哈尔滨", "齐齐哈尔", "济南", "临沂", "潍坊", "徐州", "盐城", "温州",
             "台州", "泉州", "莆田", "惠州", "湛江", "茂名", "宜宾", "绵阳", "南充", "襄阳", "宜昌", "荆州", "吉安",
             "宜春", "抚州", "萍乡", "景德镇", "海口", "银川", "乌鲁木齐", "拉萨", "西安", "宝鸡", "隔壁市",
             "邻县", "外省一个县", "老家那边", "我表姐在的那个城市"]

# -- public services: subject and what happened, told without the words of a failure report --------
PUBLIC: list[tuple[str, list[str]]] = [
    ("公交", ["站台上干站了四十多分钟才来一辆", "车到了站连门都不开就走了", "末班车晚上八点就收车", "一辆车塞得跟沙丁鱼罐头似的",
              "下雨天一个站台挤了上百人，车一辆接一辆满员不停", "司机开得跟开碰碰车一样", "一条线从城东绕到城西要一个半钟头"]),
    ("办事大厅", ["早上八点去取号，轮到我已经下午三点", "让我回去开个证明，开回来又说章盖得不对", "十一点半就不收件了，说要吃饭",
                "六个窗口就开了两个，另外几个人在里面刷手机", "问一句话被人家白眼翻到天上", "叫我自己上网弄，我妈七十了上哪弄去"]),
    ("12345", ["打了一上午都是占线", "接电话的说记下了，之后就石沉大海", "回访电话问我满不满意，事情压根没人来办",
               "转来转去转回了我自己社区", "说是会在三个工作日内答复，半个月了"]),
    ("医院", ["挂个专家号得半夜去排", "开了一堆单子，做完跟没做一样", "护士对着老人大声呵斥", "停车场进去出来要一个钟头",
              "一个感冒花了六百多", "缴费、检查、取药楼上楼下跑了七八趟"]),
    ("社保窗口", ["报销的钱等了小半年", "异地备案来回折腾了四趟", "退休手续交了材料就没人吭声", "卡补办要等两个月"]),
    ("供暖公司", ["暖气片摸着跟冰块一样，钱一分没少收", "家里穿着羽绒服过冬", "打电话过去永远是正在排查"]),
    ("燃气公司", ["上门安检的师傅非要推销他那套软管", "开户费比外地贵一倍", "报个装等了两个月没人上门"]),
    ("自来水公司", ["水龙头里放出来跟米汤一样", "一个月水费莫名其妙翻了一倍", "说停两个小时，停了一整天"]),
    ("市政", ["这条路挖了填、填了挖，一年到头都在修", "人行道的砖刚铺好又撬了", "路口红灯九十秒绿灯才十秒",
              "新修的路下一场雨就成了河", "小区门口那个坑开车过去底盘都要刮掉"]),
    ("路边停车", ["停五分钟收十块", "划的车位比罚单还少", "收费员连个票都不给"]),
    ("城管", ["小摊贩被撵得到处跑，大酒楼把人行道占完了没人吭声", "收了摊贩的东西连个条子都不给"]),
    ("学校", ["开学又要交一堆名目的钱", "作业全靠家长在群里批改", "划片把我们划到十公里外", "放学时间比下班还早，谁去接"]),
    ("物业", ["物业费照收，垃圾在楼下堆了一个星期", "电梯三天两头停，物业说等配件", "保安天天在岗亭里睡觉"]),
    ("派出所户籍窗口", ["补个户口本跑了三趟", "迁户口要先开一个'我是我'的证明", "中午去办，门口贴着'外出学习'"]),
    ("交警", ["电子眼装在下坡拐弯的地方，一天拍几百辆", "路口一堵一个钟头，一个交警都见不着"]),
    ("政务APP", ["登录一次要刷三回脸", "点个预约转圈转了十分钟", "更新一次以前填的全没了", "人脸识别对着我这张老脸死活认不出来"]),
    ("官方微博", ["评论区但凡有一句不好听的全删了", "把提意见的网友拉黑了", "发个通报错字一大堆", "群众留言一年没回过一条"]),
    ("环卫", ["垃圾分类分了半天，来一辆车全倒一起了", "清扫车早上五点就在楼下轰", "公厕门锁着，一把锁挂了一个月"]),
    ("菜市场管理", ["摊位费涨了，菜价跟着涨", "里头的秤没一杆是准的"]),
    ("公园", ["园里的厕所常年锁门", "花钱建的音乐喷泉一年开两回", "健身器材坏了一半，绑个塑料袋就算修了"]),
    ("社区", ["盖个章要找三个人签字", "入户调查一个月来了五拨人，问的是同一件事", "办老年证让老人自己去拍证件照再回来"]),
    ("不动产登记中心", ["过个户排了两天队", "材料交了三回，每回说缺的都不一样"]),
    ("景区", ["门票又涨了，里面还要另外收钱", "停车场收费比门票还贵"]),
    ("地铁", ["早高峰连着放走四趟都挤不上去", "换乘通道走了十分钟", "空调开得跟冰窖一样，喊了也没人管"]),
    ("校车", ["说好七点到，天天七点半才来，孩子天天迟到", "一辆车塞了三十多个孩子"]),
    ("高速收费站", ["节假日只开两个道口，排了两公里", "ETC道口的杆子半天不抬"]),
    ("出租车", ["到了火车站挑客拒载", "打表的不打，张口就是一口价"]),
    ("路灯", ["我们这条街的灯一到晚上就集体罢工", "晚上回家全靠手机手电筒"]),
    ("井盖", ["路中间的盖子一压就咣当响，晚上吵得睡不着", "盖子缺了一个角，拿个锥桶一放就不管了"]),
    ("公租房", ["排号排了五年还在排", "分到的房子墙皮一碰就掉"]),
    ("幼儿园学位", ["家门口的公办园抽签抽了个寂寞", "报名系统一开就挤崩"]),
    ("车管所", ["考个驾照预约排到三个月后", "换个证来回跑了三次"]),
    ("夜景亮化", ["一条街装了几百万的灯，老小区里黑灯瞎火", "桥上的灯带天天闪，楼道的灯坏了一年没人换"]),
    ("城市形象", ["外地同学一听我们这儿就问是不是那个出了事的地方", "出名全靠负面新闻", "一提我们这儿，网上评论全是嘲讽"]),
]
# Any public body or service, and what people say of one in sarcasm or slang whatever it is: the subject
# decides (the same situations told of brands below are no matter for the office).
PUBLIC_BODIES = ["区医院", "镇卫生院", "税务大厅", "法院立案庭", "信访办", "教育局", "区政府", "街道办", "村委会", "市长信箱",
                 "人社局", "公积金中心", "医保局", "民政局", "市场监管局", "住建局", "规划局", "水务集团", "供电公司",
                 "公交公司", "高铁站", "汽车站", "图书馆", "体育馆", "养老院", "幼儿园", "中学", "卫健委", "消防队",
                 "环保局", "农业农村局", "交通局", "城投公司", "政务网站", "县里", "乡政府", "居委会", "网格员", "辅警",
                 "学校食堂", "公立医院的收费处", "派出所", "殡仪馆", "公证处", "出入境", "残联", "文旅局", "开发区管委会"]
SITUATIONS = ["的效率感人", "永远在“研究研究”", "的电话从来没打通过", "说“在走流程”，走了三个月", "一到下班点人就没了",
              "只会拍照留痕、做表格", "让老百姓来回跑断腿", "门难进脸难看事难办", "的系统又崩了", "的回复永远是“已转相关部门”",
              "收钱的时候最积极", "开会倒是一个接一个", "把群众的事当皮球踢", "搞的那些活动就是给领导看的", "的公告写得跟天书一样",
              "答应的事一件没兑现", "的窗口永远只开一个", "一出事就说是临时工干的", "办个小事要找熟人", "每年的整改都是同一批问题",
              "的服务态度一言难尽", "把便民服务搞成了扰民服务", "的钱花在哪了谁也不知道", "天天喊着为民服务，到了跟前找不着人"]
PRIVATE_BRANDS = ["某外卖平台", "某电商", "某快递公司", "某手机厂商", "某视频APP", "这家奶茶店", "某游戏公司", "某航司",
                  "某网约车平台", "某连锁超市", "某品牌家电", "某房产中介", "楼下的健身房", "某培训班", "某美容院", "某直播间"]
BRAND_SITUATIONS = ["的效率感人", "的客服电话从来没打通过", "说“在走流程”，退款走了三个月", "的系统又崩了", "收钱的时候最积极",
                    "答应的赠品一件没兑现", "的服务态度一言难尽", "把售后当皮球踢", "的活动规则写得跟天书一样",
                    "一出问题就说是临时工干的", "每次更新都是同一批毛病"]
PUBLIC_PRICE = [("停车费", "一个月涨了两回"), ("公交票价", "说涨就涨"), ("水价", "阶梯一调，一家五口全成了第三档"), ("物业费", "年年涨，服务年年差"),
                ("学校的校服费", "一套比商场的名牌还贵"), ("景区门票", "比省会的还贵"), ("供暖费", "按面积收，屋里十几度")]
# -- private brands, apps and shops: the same frames, no matter for the office ----------------------
PRIVATE: list[tuple[str, list[str]]] = [
    ("某外卖APP", ["配送费比饭还贵", "超时四十分钟，赔了张两块的券", "送来的汤洒了一半", "满减算来算去比原价还贵"]),
    ("某购物平台", ["买的羽绒服一洗就缩水", "退货审核了七天还没通过", "大促前先涨价再打折", "客服回复全是复制粘贴"]),
    ("某快递", ["一个包裹在中转站躺了五天", "不打电话直接扔驿站", "箱子到手的时候已经扁了"]),
    ("某视频网站", ["会员还要再开一层超前点播", "片头广告九十秒跳不过", "会员价又涨了"]),
    ("这个手游", ["抽了三百发没出一个金", "更新完卡得没法玩", "策划又把我的本命英雄削了"]),
    ("这家奶茶店", ["少冰做成了多冰", "排了四十分钟就给我一杯糖水", "新品难喝到怀疑人生"]),
    ("某品牌手机", ["用了一年电池就不行了", "系统一更新就发烫", "售后让我自己寄回去等半个月"]),
    ("健身房的私教", ["每回练一半就开始推课", "教练换了三个，课还没上完一半"]),
    ("这家网红餐厅", ["排队两小时，端上来的菜还没图片一半大", "服务员态度拽得二五八万"]),
    ("某打车平台的会员", ["开了会员反而更贵", "优惠券永远用不上"]),
    ("新买的扫地机器人", ["在客厅转圈转了一晚上", "把袜子卷进去卡死了"]),
    ("某连锁酒店", ["房间的隔音跟纸一样", "订的大床房到了说没了"]),
    ("楼下那家理发店", ["办了卡就换了个学徒给我剪", "说好的修一下剪成了寸头"]),
    ("这个音乐APP", ["喜欢的歌全变灰了", "开了会员还要买数字专辑"]),
    ("某品牌运动鞋", ["穿了两个礼拜鞋底就开胶", "尺码跟官网写的差了一码"]),
]
# Frames shared by both sides: {s} subject, {g} what happened. None names a failure report.
FRAMES = [
    "{s}{g}，真行啊。", "{g}。服了，{s}是真的可以。", "呵呵，{s}{g}。", "不愧是{s}，{g}，佩服佩服。",
    "{s}{g}，绝了。", "太难了，{g}。", "{g}……我就想问问{s}，你们自己信吗？", "合着{s}只管收钱呗，{g}。",
    "{s}：{g}。我：？？？", "{g}，是我要求太高了吗？", "{g}？？{s}你是认真的吗", "谢谢{s}，让我体验了一把{g}。",
    "{s}又双叒叕{g}，习惯就好。", "笑死，{s}{g}，离谱到家了。", "家人们谁懂啊，{s}{g}", "{s}{g}，我是真的会谢。",
    "一年到头{g}，{s}就不能争点气？", "栓Q，{s}{g}。", "{s}{g}，就这？", "{g}。{s}，你品，你细品。",
    "好家伙，{s}{g}。", "{s}{g}，我直接裂开。", "{g}，{s}这波操作我看不懂。", "{s}{g}，麻了麻了。",
    "{s}{g}，这也太秀了吧", "建议{s}改名叫'随缘'，{g}。", "{g}，{s}你是懂怎么让人破防的。",
    "{s}{g}，无语子。", "{g}，{s}牛啊，真牛。", "就问一句：{s}{g}，凭什么？", "{s}{g}，气笑了。",
    # plain anger, exclamations and hyperbole: tone on both sides too
    "{s}{g}！！！气死我了！！", "{g}！！{s}你们能不能上点心！", "{s}{g}，血压直接拉满", "{g}，我真的要疯了！！！",
    "{s}{g}，肺都要气炸了", "{s}能不能靠谱一次？？{g}！", "{g}，谁受得了啊！{s}！", "{s}{g}，我人都傻了。",
    "吐了，{s}{g}。", "{s}{g}，这钱花得真冤！", "{g}。{s}，你们自己用用看！！", "忍不了了，{s}{g}！！",
    "每次都是{g}，{s}你是有什么KPI吗", "{s}{g}……算了，说了也白说。", "{g}。{s}，我谢谢你全家。",
]
# Frames only a public matter takes (who is in charge, the city's name, taxes, 文明城市).
PUBLIC_FRAMES = [
    "{g}，难道非得等出点事才有人管？", "{s}{g}，这就是咱们的服务型政府？", "{s}{g}，有没有人管一管啊",
    "{g}。就这还评文明城市呢？", "纳税人的钱就花在这上面？{s}{g}。", "{s}{g}，领导们自己来体验一下试试？",
    "{place}的{s}，{g}，我是服气的。", "为什么{place}的{s}总是{g}？", "请问{s}，{g}合理吗？", "{s}{g}，老百姓就是韭菜呗。",
    "说好的为民办实事呢？{s}{g}。", "{place}{s}{g}，外地人看了都笑。",
]
SLANG_TAILS = ["", "", "", "", "，呵呵", "，绝绝子", "，太难了", "，离谱", "，服了", "🙄", "😅", "。。。", "！！", "？？？",
               "，真是醉了", "，佛了", "，麻了", "，无力吐槽", "，心累"]


def _noise(rng: random.Random, text: str) -> str:
    """Citizens' ways of writing: a slang tail, dropped punctuation, a homophone slip."""
    tail = rng.choice(SLANG_TAILS)
    text = (text.rstrip("。！？，") if tail[:1] in {"，", "。", "！", "？"} else text) + tail
    if rng.random() < 0.25:
        text = text.replace("，", " ")
    for a, b in (("的", "滴"), ("什么", "啥"), ("没有", "木有"), ("这样", "酱紫"), ("知道", "晓得"), ("不知道", "不造")):
        if a in text and rng.random() < 0.12:
            text = text.replace(a, b, 1)
    return text


def _framed(rng: random.Random, subject: str, happened: str, public: bool) -> str:
    frames = FRAMES + PUBLIC_FRAMES if public else FRAMES
    return _noise(rng, rng.choice(frames).format(s=subject, g=happened, place=rng.choice(HOME)))


def sarcastic_public(rng: random.Random) -> tuple[str, str]:
    """A sarcastic, rhetorical or slangy complaint about a public service: adverse."""
    roll = rng.random()
    if roll < 0.12:
        thing, what = rng.choice(PUBLIC_PRICE)
        text = _framed(rng, thing, what, True)
    elif roll < 0.55:
        text = _framed(rng, rng.choice(PUBLIC_BODIES), rng.choice(SITUATIONS), True)
    else:
        subject, happenings = rng.choice(PUBLIC)
        text = _framed(rng, subject, rng.choice(happenings), True)
    title = rng.choice(["", "", "", text[:12]])
    return title, text


def brand_rant(rng: random.Random) -> tuple[str, str]:
    """The same frames about a private brand, app or shop: a consumer's rant, not the office's matter."""
    if rng.random() < 0.35:
        text = _framed(rng, rng.choice(PRIVATE_BRANDS), rng.choice(BRAND_SITUATIONS), False)
    else:
        subject, happenings = rng.choice(PRIVATE)
        text = _framed(rng, subject, rng.choice(happenings), False)
    return rng.choice(["", "", text[:10]]), text


ROUTINES = ["本月受理群众诉求{n}件，按期办结率{p}%", "召开{y}年度工作推进会", "公布{y}年部门预算和“三公”经费", "开展“开放日”活动，邀请市民走进机关",
            "新增{n}台自助服务终端，群众办事可就近自助办理", "延长周末服务时间，方便上班族办事", "组织干部职工参加业务培训",
            "发布{y}年工作要点", "与高校签订人才合作协议", "顺利完成全年目标任务", "获评省级“群众满意窗口”", "举办政策宣讲进社区活动",
            "公示{y}年度评先评优名单", "对群众来信来访实行“首问负责制”", "开通“不打烊”网上服务", "开展志愿服务活动{n}场"]
PRAISE = ["工作人员太负责了，下班了还帮我把材料补齐，必须点赞！", "办事比我想的快多了，二十分钟搞定，给你们点个大大的赞",
          "的小姐姐耐心解释了半个小时，一点不嫌烦，暖心", "上午留言下午就有人打电话过来，效率可以啊", "这回真让我刮目相看，服务没得说"]


def body_routine(rng: random.Random) -> tuple[str, str]:
    """The same public bodies in ordinary work news and citizens' praise: the subject is no label, not adverse."""
    body, home = rng.choice(PUBLIC_BODIES), rng.choice(HOME)
    if rng.random() < 0.3:
        # Praise meant as praise: no sarcastic tail (呵呵, 🙄 would turn it into a complaint).
        return "", f"{home}{body}{rng.choice(PRAISE)}{rng.choice(['', '', '👍', '～', '，真心感谢'])}"
    line = rng.choice(ROUTINES).format(n=rng.randint(12, 900), p=rng.choice([96, 97, 98, 99, 100]), y=rng.choice([2025, 2026]))
    return rng.choice([("", f"{home}{body}{line}。"), (f"{home}{body}{line}", ""), (f"{body}{line}", f"记者从{home}{body}获悉，{line}。")])


RUDE = ["眼皮都懒得抬", "爱答不理", "拿眼睛斜我", "隔着玻璃冲我嚷", "一边嗑瓜子一边说'下一个'", "直接把材料扔出来",
        "说'听不懂就回去问清楚再来'", "让我'别在这儿耽误大家时间'", "打着电话摆手让我等着", "翻了个白眼"]
WINDOWS = ["社保窗口", "户籍窗口", "医保窗口", "税务大厅", "公积金中心", "车管所", "不动产登记大厅", "民政窗口", "出入境窗口",
           "医院挂号处", "街道便民服务中心", "水电缴费点"]


def rude_window(rng: random.Random) -> tuple[str, str]:
    """A clerk's manner told as it happened, without a failure word: a complaint (作风), adverse."""
    window, rude = rng.choice(WINDOWS), rng.choice(RUDE)
    ask = rng.choice(["我就问了一句要带什么", "我说老人腿脚不好能不能先办", "材料差一张复印件我问能不能补", "我问还要等多久",
                      "我问能不能帮我看看填得对不对", "我问为什么上回说的跟这回不一样"])
    end = rng.choice(["这就是为人民服务？", "我都六十多了，受这个气。", "办个事跟求人一样。", "下回谁还敢来。", "心里堵得慌。", ""])
    text = f"今天去{rng.choice(HOME)}{window}，{ask}，里面的人{rude}。{end}"
    return rng.choice(["", f"{window}的态度", f"去{window}受了一肚子气"]), _noise(rng, text)


# -- other places' bad news, told with feeling: adverse (not relevant to us, which is another head) ---
ELSEWHERE_BAD = ["学校食堂的菜里吃出了虫子", "幼儿园老师把孩子关进小黑屋", "医院把一个急诊病人晾了三个钟头",
                 "新修的桥没通车就塌了一截", "暴雨过后整片小区泡在水里，几天了没人来排水", "化工厂半夜往河里排黑水",
                 "养老院护工对老人动手", "村干部把征地补偿款揣进了自己腰包", "景区一盘炒菜卖三百八", "出租车司机带着外地游客兜圈子",
                 "中学老师逼学生买他编的教辅", "卫生院给老人开了一堆用不上的药", "开发商拿了钱跑了，业主还在还房贷",
                 "自来水里放出来的水是黄的", "公务车周末停在钓鱼场", "环保检查前工厂连夜停工，检查完接着冒黑烟",
                 "学生宿舍一下雨就漏，学校让学生自己拿盆接", "外卖小哥被保安打了", "一家火锅店被拍到捞别人剩的锅底",
                 "敬老院的饭菜猪都不吃", "救护车堵在半路一个多小时", "工地的围挡倒了砸到路人", "小学门口的斑马线上又撞了孩子",
                 "补贴款被层层截留，到手只剩一半", "拆迁户被半夜强拆"]
ELSE_REACT = ["太恶心了！！", "看得我心寒。", "气得我手抖。", "这样的地方谁敢去？", "谁来管管啊！", "简直无法无天。",
              "心疼孩子。", "评论区都炸了。", "希望严查，别又不了了之。", "离大谱。", "我看了三遍都不敢相信。",
              "这是人干的事？", "还有没有王法了", "寒心，真的寒心。", "看哭了。", "这得多缺德。"]


def other_place_emotional(rng: random.Random) -> tuple[str, str]:
    """Another place's bad news of public concern, told with feeling: adverse whatever the place."""
    place, bad, react = rng.choice(ELSEWHERE), rng.choice(ELSEWHERE_BAD), rng.choice(ELSE_REACT)
    shape = rng.randrange(4)
    if shape == 0:
        text = f"{place}{bad}，{react}"
    elif shape == 1:
        text = f"刷到一个视频，{place}{bad}。{react}{rng.choice(['转发扩散！', '当地就没人出来说句话？', '', '坐等通报。'])}"
    elif shape == 2:
        text = f"{react}{place}那边{bad}，{rng.choice(['这种事怎么还能发生', '相关部门在干嘛', '网友都看不下去了', '当事人还在等个说法'])}"
    else:
        text = f"#{place}{bad[:8]}# {bad}？？{react}"
    return rng.choice(["", "", f"{place}这事太离谱了"]), _noise(rng, text)


# -- good news in investigative words, beside the same words on a problem still there ----------------
FIXED = [("背街小巷", "路面坑洼、污水横流", "铺上了沥青，装上了路灯"), ("农贸市场", "地面湿滑、摊位乱摆", "划行归市、干净整洁"),
         ("老旧小区", "楼道堆满杂物、电线乱拉", "杂物清空、线路入管"),
         ("河道", "漂满垃圾、气味难闻", "水清岸绿、有人垂钓"), ("城中村", "违建密布、消防通道堵塞", "通道打通、消防设施配齐"),
         ("公共厕所", "脏乱无人管", "有专人保洁、还配了第三卫生间"), ("公交站台", "没有遮雨棚", "加装了雨棚和电子站牌"),
         ("学校周边", "流动摊贩扎堆", "秩序井然、护学岗每天在岗"), ("小餐饮一条街", "油烟直排", "全部装上油烟净化器"),
         ("建筑工地", "扬尘漫天", "围挡喷淋、车辆冲洗全部到位"), ("乡镇卫生院", "设备陈旧", "添置了新设备、开通了远程会诊"),
         ("社区食堂", "饭菜贵、品种少", "老人一餐十块钱吃得饱"), ("停车场", "收费不透明", "收费标准上墙、扫码缴费")]
REPORTERS = ["记者回访发现", "记者近日走访发现", "记者再次来到这里看到", "本报记者蹲点一周发现", "记者实地探访看到",
             "记者调查了解到", "回头看时记者发现", "记者跟随督查组采访发现"]


NOW_FIXED = ["如今已经{good}", "现在已是{good}", "眼下{good}", "整改后{good}", "经过几个月的治理，{good}"]
VERDICTS = ["周边群众连连点赞", "居民说变化太大了", "问题没有再出现", "相关问题已经销号", "群众满意度明显提高", "整改效果得到巩固",
            "商户和居民都说好", "附近居民终于舒心了", "已通过验收", ""]


def revisit_fixed(rng: random.Random) -> tuple[str, str]:
    """A reporter's revisit or survey finding the problem fixed: good news, not adverse."""
    spot, bad, good = rng.choice(FIXED)
    home = rng.choice(HOME)
    when = rng.choice(["今年春天", "去年", "此前", "几个月前", "上半年", "前不久", "年初"])
    who = rng.choice(["被媒体曝光", "被群众反映", "被督查组点名", "上过本报'曝光台'", "被网友吐槽", "被电视问政曝光", "被约谈"])
    now = rng.choice(NOW_FIXED).format(good=good)
    verdict = rng.choice(VERDICTS)
    end = f"，{verdict}。" if verdict else "。"
    lines = [f"{when}{who}的{home}{spot}{bad}。{rng.choice(REPORTERS)}，{now}{end}",
             f"{rng.choice(REPORTERS)}，{home}多个{spot}{now}，{when}{who}的{bad}不见了{end}",
             f"{home}{spot}：从“{bad}”到“{good}”。{rng.choice(REPORTERS)}，{rng.choice(['变化看得见', '整改没有走过场', '问题没有反弹'])}。",
             f"{when}，{home}{spot}因{bad}{who}。{rng.choice(['近日', '日前', '这几天'])}{rng.choice(REPORTERS)}，涉及的{rng.randint(2, 9)}处点位{now}{end}"]
    title = rng.choice(["记者回访", "回头看", "记者调查", "追踪报道", "曝光台回访", "整改追踪", "跟踪回访", "问政回头看"]) + "：" + rng.choice(
        [f"{spot}变样了", f"{spot}的老问题解决了", f"{home}{spot}焕然一新", f"曾经的“老大难”{spot}有了新模样", f"{spot}旧貌换新颜",
         f"{home}{spot}整改见实效"])
    return title, rng.choice(lines)


SURVEYED = [("改造后的老旧小区", "加装了电梯、修好了屋面、装上了充电车棚"), ("新建的农贸市场", "摊位整齐、价格公示、有专人保洁"),
            ("城区的中小学食堂", "全部实现明厨亮灶、食材可追溯"), ("乡村公路", "户户通了水泥路，客车开到了村口"),
            ("社区养老服务站", "老人能吃上热饭、有人陪着聊天"), ("政务服务大厅", "取号到办结平均不到二十分钟"),
            ("城市公园", "增设了健身步道和母婴室"), ("公交首末站", "加装了候车亭和充电桩"), ("村卫生室", "配上了远程问诊设备"),
            ("背街小巷", "管线入地、路面重铺，晚上灯火通明")]


SURVEYED_BAD = [("改造后的老旧小区", "新装的单元门已经坏了一半，雨污管网改完依旧返味"), ("新建的农贸市场", "一半摊位空着，商贩仍在门外马路上摆摊"),
                ("城区的中小学食堂", "部分食堂的留样记录是事后补写的"), ("乡村公路", "修好不到一年就出现大面积裂缝和坑槽"),
                ("社区养老服务站", "挂着牌子却常年锁门，老人说从没进去过"), ("政务服务大厅", "自助机器一半黑屏，窗口前仍排着长队"),
                ("城市公园", "新装的健身器材锈蚀松动，无人维护"), ("公交首末站", "候车亭顶棚破损，充电桩从未通电"),
                ("村卫生室", "远程问诊设备还包着塑料膜，村医说不会用"), ("在建的安置房项目", "工期已拖延一年多，工地上只剩几个工人"),
                ("审批窗口", "一个项目要跑七个部门、盖二十多个章"), ("市政道路工程", "原定去年完工，至今仍有大段路面开挖未恢复")]


def survey_bad(rng: random.Random) -> tuple[str, str]:
    """The same investigative frames finding a problem: an exposé in flat prose, adverse."""
    where, found = rng.choice(SURVEYED_BAD)
    home = rng.choice(HOME)
    who = rng.choice(["记者走访", "记者调查", "记者暗访", "记者随机探访", "记者蹲点", "记者跟随群众办事"])
    text = rng.choice([f"{who}{home}{rng.randint(3, 12)}处{where}发现，{found}。{rng.choice(['相关负责人表示将尽快整改。', '群众对此意见较大。', '主管部门称正在核实。', ''])}",
                       f"{rng.choice(['近日', '日前'])}，{who}了{home}的{where}：{found}。{rng.choice(['对于原因，施工方称设计多次调整。', '街道回应称资金尚未到位。', '记者多次联系主管部门，截至发稿未获回复。', ''])}"])
    return rng.choice([f"{who}：{where}怎么成了这样", f"{who}｜{home}{where}见闻", ""]), text


def survey_good(rng: random.Random) -> tuple[str, str]:
    """An investigative survey (记者调查/走访/暗访) that finds things working: not adverse."""
    where, found = rng.choice(SURVEYED)
    home = rng.choice(HOME)
    who = rng.choice(["记者走访", "记者调查", "记者暗访", "记者随机探访", "记者蹲点"])
    text = rng.choice([f"{who}{home}{rng.randint(3, 12)}处{where}发现，{found}，{rng.choice(['居民说日子有了盼头', '群众获得感实实在在', '受访群众都说满意', '和几年前比像换了个地方'])}。",
                       f"{rng.choice(['近日', '日前'])}，{who}了{home}的{where}：{found}。{rng.choice(['负责人介绍，明年还将扩大覆盖面。', '不少群众主动向记者竖起大拇指。', ''])}"])
    return rng.choice([f"{who}：{where}有了新变化", f"{who}｜{home}{where}见闻", ""]), text


def revisit_still_bad(rng: random.Random) -> tuple[str, str]:
    """The same revisit finding the problem still there: adverse."""
    spot, bad, good = rng.choice(FIXED)
    home = rng.choice(HOME)
    text = rng.choice([
        f"此前被曝光的{home}{spot}{bad}问题，{rng.choice(REPORTERS)}，至今仍未整改，{rng.choice(['所谓的整改只是刷了层漆', '相关部门表示会尽快处理', '群众意见很大'])}。",
        f"{rng.choice(REPORTERS)}，号称已经“{good}”的{home}{spot}，实际上{bad}依旧，整改报告与现场对不上。"])
    return rng.choice(["记者回访：整改为何只停在纸上", f"{spot}问题反弹", "回头看发现问题依旧"]), text


IDLE = [("地块", "街心游园"), ("荒地", "社区菜园"), ("街角空地", "健身广场"), ("厂房", "文创园"), ("校舍", "养老服务中心"), ("废品站", "停车场"), ("荒坡", "果园"), ("仓库", "社区食堂"), ("老厂区", "体育公园"),
        ("铁路支线", "城市绿道"), ("办公楼", "人才公寓"), ("空地", "儿童乐园"), ("粮站", "乡村民宿"), ("村小", "村史馆"),
        ("鱼塘", "湿地公园"), ("菜场二楼", "老年大学教室"), ("堆场", "篮球场")]


def idle_turned(rng: random.Random) -> tuple[str, str]:
    """Something 闲置/荒废 turned into something useful: good news, not adverse."""
    old, new = rng.choice(IDLE)
    years = rng.choice(["多年", "十几年", "五年", "好些年", "近十年"])
    adj = rng.choice(["闲置", "闲置", "闲置", "荒废", "空置", "撂荒", "废弃"])
    home = rng.choice(HOME)
    text = rng.choice([f"{home}一处{adj}{years}的{old}，经过改造变成了{new}，{rng.choice(['周末人气很旺', '附近居民多了个好去处', '已接待群众上万人次', '还带动了周边就业'])}。",
                       f"{adj}{years}的{old}“活”了！{home}把它盘活成{new}，群众{rng.choice(['纷纷点赞', '拍手叫好', '说来得正是时候'])}。",
                       f"盘活{adj}资源，{home}将{old}改建为{new}，{rng.choice(['本月正式开放', '已投入使用', '项目已经完工'])}。"])
    return rng.choice(["", f"{adj}{old}变身{new}", f"{home}盘活{adj}资产"]), text


def idle_still(rng: random.Random) -> tuple[str, str]:
    """Something built with public money and left 闲置: adverse (a waste the office must answer for)."""
    _, new = rng.choice(IDLE)
    home = rng.choice(HOME)
    cost = rng.choice(["花了几百万", "投资上千万", "财政拨款建成", "争取了专项资金"])
    text = rng.choice([f"{home}{cost}的{new}，建成{rng.choice(['两年', '三年', '一年多'])}一直锁着门没用过，{rng.choice(['杂草都长到半人高', '设备都落满了灰', '群众说是面子工程'])}。",
                       f"记者调查发现，{home}{cost}建起来的{new}成了摆设，管理方说“还在等验收”。",
                       f"{home}{cost}的{new}，建好后就没开过门，{rng.choice(['闲置至今', '一直空着', '钥匙都不知道在谁手里'])}。"])
    return rng.choice(["", f"{new}建成成摆设", "谁来为这笔钱负责"]), text


DEVICES = ["家用燃气报警器", "独立式烟雾报警器", "漏电保护开关", "电动车智能充电桩", "简易喷淋装置", "一键呼叫报警器",
           "防滑扶手和夜灯", "防溺水救生桩", "防火门和应急照明", "可燃气体探测器", "防坠护栏", "楼道声控应急灯"]
GROUPS = ["低保户", "独居老人", "特困家庭", "残疾人家庭", "老旧小区居民", "农村留守老人", "沿街小商户", "群租房住户"]


def safety_gift(rng: random.Random) -> tuple[str, str]:
    """Free safety equipment or a safety campaign, full of 防泄漏/防火/防溺水 words: not adverse."""
    home, device, group = rng.choice(HOME), rng.choice(DEVICES), rng.choice(GROUPS)
    n = rng.randint(30, 2000)
    text = rng.choice([f"{home}近日为辖区{n}户{group}免费安装{device}，{rng.choice(['把安全送到家门口', '防患于未然', '让群众住得更安心'])}。",
                       f"{rng.choice(['防火、防泄漏', '防触电、防火灾', '防跌倒、防意外', '防溺水、防火灾', '安全过冬'])}：{home}{rng.choice(['应急管理局', '消防救援大队', '社区', '燃气公司', '民政局'])}为{group}送去{device}{n}套。",
                       f"{home}开展“{rng.choice(['安全进万家', '平安守护', '温暖过冬', '安全用气进社区', '防溺水护苗'])}”行动，为{group}安装{device}，并上门讲解使用方法。"])
    return rng.choice(["", f"免费安装{device}", "安全送到家门口"]), text


BETTER = [("办营业执照", "要跑好几个部门", "手机上填一填第二天就拿证"), ("看病", "一排就是一上午", "预约分时段，到点就看"),
          ("办房产证", "要等一个月", "交房即交证"), ("交水电费", "要去营业厅排队", "掌上一键缴费"),
          ("办社保卡", "要等两个月", "即申即领"), ("孩子上学报名", "要带一大摞材料", "网上一次填报"),
          ("老人领补贴", "要每年跑去认证", "刷脸认证在家就能办"), ("办结婚登记", "要提前排号", "当天预约当天办"),
          ("企业开办", "要一个星期", "半天就能办好"), ("出门坐公交", "要等半小时", "高峰期五分钟一班")]


def service_better(rng: random.Random) -> tuple[str, str]:
    """A service that got better, told by contrast with how it was: not adverse."""
    what, before, now = rng.choice(BETTER)
    home = rng.choice(HOME)
    text = rng.choice([f"以前在{home}{what}{before}，现在{now}，{rng.choice(['省心多了', '太方便了', '给点个赞', '变化实实在在'])}。",
                       f"“原来{what}{before}，如今{now}。”{home}市民{rng.choice(['张女士', '老李', '王师傅', '刘大爷'])}说起这个变化很感慨。",
                       f"{home}推进改革，{what}从“{before}”变为“{now}”。"])
    return rng.choice(["", f"{what}变快了", "群众办事更方便"]), text


# -- advisories and forecasts without damage, beside reports of actual damage --------------------------
WARNINGS = [("暴雨", ["蓝色", "黄色", "橙色"], "预计未来{h}小时内降雨量将达{mm}毫米以上，可能引发城乡积涝和山洪", "非必要不出门，不要到溪边、桥下逗留，地下车库的车辆及时挪出"),
            ("大风", ["蓝色", "黄色"], "预计未来{h}小时内阵风可达{lv}级", "请加固户外广告牌、搭建物，减少高空作业"),
            ("寒潮", ["蓝色", "黄色"], "预计未来{h}小时内气温将下降{d}℃以上", "请注意防寒保暖，做好水管防冻"),
            ("高温", ["黄色", "橙色"], "预计未来{h}小时内最高气温将升至{t}℃以上", "请避免午后户外作业，注意防暑降温"),
            ("雷电", ["黄色"], "预计未来{h}小时内将出现雷电活动，可能伴有短时强降水", "请勿在大树下避雨"),
            ("大雾", ["黄色", "橙色"], "预计未来{h}小时内能见度将低于{v}米", "请注意交通安全，谨慎驾驶"),
            ("道路结冰", ["黄色"], "预计未来{h}小时内部分路段将出现对交通有影响的结冰", "请减速慢行，注意防滑"),
            ("森林火险", ["橙色"], "未来几天森林火险气象等级高", "严禁野外用火，进山请勿携带火种"),
            ("地质灾害气象风险", ["黄色"], "受持续降雨影响，部分山区发生地质灾害的风险较高", "请居住在隐患点附近的群众注意观察、提前避让")]


def advisory(rng: random.Random) -> tuple[str, str]:
    """A weather warning, forecast or safety reminder with no damage reported: not adverse."""
    kind, colours, outlook, advice = rng.choice(WARNINGS)
    home = rng.choice(HOME)
    fill = {"h": rng.choice([6, 12, 24, 48]), "mm": rng.choice([50, 80, 100]), "lv": rng.randint(7, 10),
            "d": rng.choice([8, 10, 12]), "t": rng.choice([35, 37, 39]), "v": rng.choice([200, 500])}
    colour = rng.choice(colours)
    body = outlook.format(**fill)
    text = rng.choice([f"{home}气象台{rng.randint(1, 28)}日{rng.randint(5, 22)}时发布{kind}{colour}预警信号：{body}。{advice}。",
                       f"【{kind}{colour}预警】{body}。{rng.choice(['防汛办', '应急管理局', '气象台', '交警部门'])}提醒：{advice}。",
                       f"温馨提示：{body}，{advice}。{rng.choice(['请市民合理安排出行。', '各单位做好值班值守。', '如遇险情请拨打119或110。'])}",
                       f"{home}防汛抗旱指挥部提醒：{body}。相关部门已提前预置抢险力量，{advice}。"])
    return rng.choice(["", f"{kind}{colour}预警", f"{kind}天气提醒", "出行提示"]), text


DAMAGE = ["暴雨致{home}多个小区地下车库被淹，{n}辆车泡水", "大风吹倒{home}一处广告牌，砸中路边两辆车，一人受伤",
          "持续降雨引发{home}山体滑坡，{n}户民房受损，群众已转移", "寒潮导致{home}多处水管冻裂，{n}户居民家中停水",
          "{home}一条主干道积水近一米，一辆公交车熄火被困，乘客涉水撤离", "冰雹砸坏{home}{n}亩大棚蔬菜，菜农损失惨重"]


def weather_damage(rng: random.Random) -> tuple[str, str]:
    """Weather that did damage: a disaster, adverse (the same words as the warnings, something happened)."""
    text = rng.choice(DAMAGE).format(home=rng.choice(HOME), n=rng.randint(3, 300))
    return rng.choice(["", text[:12]]), text + rng.choice(["。", "，相关部门正在处置。", "，不少居民抱怨排水跟不上。", "。"])


PROJECTS = ["城镇燃气管道老化更新工程", "背街小巷提升工程", "排水防涝设施建设项目", "危桥加固工程", "农村危房改造项目", "地质灾害隐患点治理工程",
            "道路病害整治工程", "学校校舍维修项目", "污水管网修复工程", "消防设施更新项目", "黑臭水体治理项目", "病险水库除险加固工程",
            "城区积水点改造工程", "安全隐患整改项目", "路灯更换采购项目", "应急物资储备采购项目"]


def tender_notice(rng: random.Random) -> tuple[str, str]:
    """A tender, procurement, candidate or award notice, named after what it repairs: not adverse."""
    project = f"{rng.choice(HOME)}{rng.choice(PROJECTS)}"
    budget = rng.randint(50, 9000)
    kind = rng.randrange(5)
    if kind == 0:
        title = f"{project}招标公告"
        text = (f"本招标项目已由主管部门批准建设，建设资金为{rng.choice(['财政资金', '专项债券', '上级补助资金', '自筹资金'])}，"
                f"项目已具备招标条件，现进行公开招标。最高投标限价{budget}万元。投标人须具备{rng.choice(['市政公用工程', '建筑工程', '水利水电工程'])}"
                f"施工总承包{rng.choice(['二级', '三级'])}及以上资质。请于规定时间内在交易平台下载招标文件。")
    elif kind == 1:
        title = f"{project}中标候选人公示"
        text = f"第一中标候选人：某建设有限公司，投标报价{budget}万元。公示期三日，投标人或其他利害关系人对评标结果有异议的，应在公示期内提出。"
    elif kind == 2:
        title = f"{project}竞争性磋商公告"
        text = f"预算金额{budget}万元，磋商文件获取时间为公告发布之日起五个工作日，响应文件递交截止后当场开启。"
    elif kind == 3:
        title = f"{project}成交结果公告"
        text = f"经磋商小组评审，确定成交供应商为某工程有限公司，成交金额{budget}万元，合同履行期限{rng.choice([60, 90, 180])}日历天。"
    else:
        title = f"{project}更正公告"
        text = f"原公告中的开标时间调整为{rng.randint(1, 28)}日上午九时，其余内容不变。"
    return title, text


DRILLS = [("危化品泄漏", "化工园区", "模拟储罐发生泄漏并起火，现场将有消防车喷水和烟雾"),
          ("高层建筑火灾", "商业综合体", "模拟高层起火、人员被困，将使用云梯车救援"),
          ("地震疏散", "中小学", "模拟地震发生后师生紧急疏散"), ("防汛抢险", "江堤", "模拟堤坝管涌险情处置"),
          ("燃气爆炸", "老旧小区", "模拟燃气管道泄漏引发爆燃后的抢险和转移"), ("食物中毒", "学校食堂", "模拟学生集体食物中毒后的救治流程"),
          ("地铁突发事件", "地铁站", "模拟列车故障、乘客疏散"), ("森林火灾扑救", "林场", "模拟山火蔓延，多支队伍协同扑救"),
          ("尾矿库溃坝", "矿区下游村庄", "模拟溃坝预警后的群众转移"), ("反恐处突", "客运站", "模拟持刀暴力事件的处置")]


def drill_notice(rng: random.Random) -> tuple[str, str]:
    """A drill announced or reported, full of 泄漏/爆炸/被困 words: nothing happened, not adverse."""
    what, where, scene = rng.choice(DRILLS)
    home = rng.choice(HOME)
    text = rng.choice([f"{home}将于{rng.randint(1, 28)}日在{where}开展{what}应急演练，{scene}。届时请周边群众不要惊慌，这是演练。",
                       f"{home}{where}昨日举行{what}综合应急演练，{scene}，{rng.randint(5, 20)}个部门参与，检验了预案的可行性。",
                       f"演练公告：{scene}。本次{what}应急演练由{home}应急管理局组织，持续约两小时。"])
    return rng.choice(["", f"{what}应急演练", "演练通知"]), text


OUTAGES = [("停水", "供水管网接驳施工", "请提前储水"), ("停电", "线路检修", "请提前做好准备，高层住户注意电梯停运"),
           ("停气", "燃气管道改迁", "请关闭燃气阀门，恢复供气后请勿擅自点火"), ("降压供水", "水厂设备维护", "高楼层用户请错峰用水"),
           ("停电", "变压器增容改造", "请提前关闭电器"), ("停水", "二次供水设施清洗消毒", "恢复供水后请先放水几分钟")]


def planned_outage(rng: random.Random) -> tuple[str, str]:
    """A planned outage announced in advance: a notice, not adverse."""
    kind, why, ask = rng.choice(OUTAGES)
    home = rng.choice(HOME)
    text = (f"因{why}，{home}{rng.choice(['部分区域', '沿江路以东', '北区', '工业园及周边', '三个小区'])}将于{rng.randint(1, 28)}日"
            f"{rng.randint(7, 9)}时至{rng.randint(16, 20)}时{kind}，{ask}。给您带来的不便敬请谅解。")
    return rng.choice([f"计划{kind}通知", f"关于{home}部分区域{kind}的公告", ""]), text


def outage_hurts(rng: random.Random) -> tuple[str, str]:
    """An outage that was not planned or not kept to: a service failure, adverse."""
    kind = rng.choice(["停水", "停电", "停气"])
    home = rng.choice(HOME)
    text = rng.choice([f"{home}说好的{kind}半天，到现在快两天了还没恢复，家里老人孩子都没法过。",
                       f"{home}没有任何通知就{kind}了，{rng.choice(['冰箱里的东西全坏了', '做饭做到一半', '孩子洗澡洗一半'])}，打电话也没人接。",
                       f"这个月{home}已经第四次突然{kind}了，每次都说是临时抢修。"])
    return rng.choice(["", f"又{kind}了", f"频繁{kind}"]), _noise(rng, text)


SCHEDULES = ["元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆"]
DESKS = ["政务服务中心", "不动产登记中心", "公积金管理中心", "医保服务大厅", "税务服务厅", "车管所", "出入境接待大厅", "婚姻登记处"]


def service_schedule(rng: random.Random) -> tuple[str, str]:
    """Holiday hours, a system upgrade pause, a window moving: a notice, not adverse."""
    desk, home = rng.choice(DESKS), rng.choice(HOME)
    text = rng.choice([f"{rng.choice(SCHEDULES)}假期期间，{home}{desk}暂停现场受理，网上办理渠道照常开放，假期后首个工作日恢复正常。",
                       f"因业务系统升级，{home}{desk}{rng.randint(1, 28)}日全天暂停办理相关业务，由此带来的不便敬请谅解。",
                       f"{home}{desk}自{rng.randint(1, 28)}日起搬迁至新址办公，原址同步停止对外服务，咨询电话不变。",
                       f"{home}{desk}周六上午延时服务，{rng.choice(['需提前预约', '可现场取号', '仅受理部分事项'])}。"])
    return rng.choice([f"{desk}{rng.choice(SCHEDULES)}假期服务安排", f"关于{desk}暂停服务的公告", ""]), text


# =====================================================================================================
# Round 5: the non-adverse kinds the blind set still called adverse, each beside the same words on a
# real problem. Its own random stream (SEED + 5), so the round-4 rows above come out byte-identical.
# =====================================================================================================

# -- emotional posts about sport, stars, screens, games, shopping and private life: "0" --------------
# The reactions and shapes of ``other_place_emotional`` (刷到一个视频, #话题#, 气得我手抖, 看哭了, 心寒) and
# places, ours and elsewhere, around what is no matter for an office: tone and a place name are no label.
TEAMS = ["主队", "我们{home}队", "{else_}队", "国足", "我支持的球队", "我们学校的校队", "{home}的女排", "俱乐部", "我押的那支战队"]
SPORT = ["又输了，还是在主场", "点球大战输了", "最后一秒被人绝杀", "领先两球被人扳平", "裁判吹掉了一个好球", "主力前锋伤了要休半个赛季",
         "降级了", "又没出线", "连败七场", "拿了冠军", "逆转了！！", "被对手灌了五个球", "换帅了，新教练一上来就输"]
STARS = ["我追了八年的爱豆", "那个顶流小生", "某女团队长", "我最喜欢的歌手", "这部剧的男主", "那个选秀出道的", "某知名主播", "老牌影帝"]
STAR_NEWS = ["官宣恋爱了", "宣布退圈", "被拍到和女友逛街", "新歌难听到我怀疑耳朵", "演唱会门票一秒就没了", "人设崩了", "官宣离婚",
             "直播翻车", "被粉丝骂上了热搜", "新剧扑街了", "在综艺里哭了", "终于拿了最佳男主"]
SCREENS = ["追了两个月的剧大结局男主死了", "综艺把我喜欢的选手淘汰了", "电视剧拍到最后烂尾了", "这部电影的结局我哭了一晚上",
           "小说作者断更半年了", "动画停播了", "春晚的小品一个都不好笑", "新出的续集把前作全毁了"]
GAMES = ["排位连跪十把", "抽卡三百发一个金都没出", "队友全程挂机", "新赛季把我的英雄削废了", "账号被盗装备全没了", "好不容易打到王者又掉了"]
SHOPPING = ["网上买的外套色差大得离谱", "新手机用了三天屏幕就碎了", "蛋糕店把生日祝福写成了别人的名字", "快递把我的花瓶摔碎了",
            "奶茶少冰做成了全冰", "直播间买的面霜用了过敏", "新买的鞋磨脚磨出了血泡", "二手平台买的耳机是假的", "在{home}商场买的包三天就掉色",
            "{home}那家网红火锅等了三个小时", "{place}的民宿跟照片完全两样"]
PRIVATE_LIFE = ["相亲对象迟到一个小时还全程玩手机", "分手了，五年的感情说没就没", "猫咪跑丢了找了一晚上", "考研又没上线",
                "周末被拉去给同事的婚礼当伴郎", "室友半夜打游戏吵得我睡不着", "跟我妈吵了一架", "减肥一个月反弹了五斤", "婚礼当天下暴雨",
                "求婚成功了！！", "孩子考上了重点大学", "第一次带爸妈坐飞机", "驾照科目二挂了第三次", "被闺蜜放了鸽子",
                "在{home}买的第一套房终于拿到钥匙", "在{place}旅游被雨淋成落汤鸡", "年终奖只有两百块", "我家狗把沙发咬烂了"]
PRIVATE_REACT = ["太恶心了！！", "看得我心寒。", "气得我手抖。", "谁来管管啊！", "离大谱。", "我看了三遍都不敢相信。", "看哭了。",
                 "寒心，真的寒心。", "评论区都炸了。", "简直无法无天。", "这是人干的事？", "还有没有王法了", "哭死", "破防了",
                 "啊啊啊啊啊", "血压拉满", "我真的会谢", "救命", "心态崩了", "太爽了！！", "激动得睡不着", "泪目", "服了", "无语子",
                 "笑不活了", "我直接裂开", "谁懂啊家人们", "再也不信爱情了"]


def _private_happening(rng: random.Random) -> str:
    home, else_ = rng.choice(HOME), rng.choice(ELSEWHERE)
    place = rng.choice([home, else_])
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(TEAMS).format(home=home, else_=else_) + rng.choice(SPORT)
    if roll < 0.42:
        return rng.choice(STARS) + rng.choice(STAR_NEWS)
    if roll < 0.52:
        return rng.choice(SCREENS)
    if roll < 0.60:
        return rng.choice(GAMES)
    if roll < 0.78:
        return rng.choice(SHOPPING).format(home=home, place=place)
    return rng.choice(PRIVATE_LIFE).format(home=home, place=place)


def private_reacts(rng: random.Random) -> tuple[str, str]:
    """Strong feeling about sport, a star, a show, a game, a purchase or one's own life, in the shapes and
    reactions of the other-place posts, sometimes naming our city or another: not adverse."""
    what, react = _private_happening(rng), rng.choice(PRIVATE_REACT)
    home = rng.choice(HOME)
    shape = rng.randrange(6)
    if shape == 0:
        text = f"{what}，{react}"
    elif shape == 1:
        text = f"刷到一个视频，{what}。{react}{rng.choice(['转发给姐妹们！', '评论区笑死我了', '', '有没有人和我一样'])}"
    elif shape == 2:
        text = f"{react}{what}，{rng.choice(['这种事怎么轮到我', '我还能说什么', '朋友们都看不下去了', '今晚睡不着了'])}"
    elif shape == 3:
        text = f"#{what[:8]}# {what}？？{react}"
    elif shape == 4:
        text = f"{home}的{rng.choice(['朋友们', '老铁们', '姐妹们', '宝子们', '家人们'])}，{what}！{react}"
    else:
        text = f"坐标{home}，{what}。{react}"
    return rng.choice(["", "", text[:10]]), _noise(rng, text)


# Public online services fail in the words of apps and games (更新, 登不上, 闪退): still the office's matter.
E_SERVICES = ["社保APP", "公积金网上大厅", "医保小程序", "不动产预约系统", "公共资源交易平台", "政务服务网", "挂号小程序", "交通违法处理平台",
              "入学报名系统", "个税APP", "水电缴费公众号", "电子社保卡"]
E_FAILURES = ["一升级以前传的材料全没了", "登录不上，换了三个手机都一样", "提交到最后一步就闪退", "验证码一直收不到", "页面转圈转了半小时",
              "更新后必须重新实名，老人根本弄不来", "上传的文件总提示格式不对", "一到截止日就卡死", "扣了钱却显示没办成", "客服是机器人，问啥都答非所问"]


def _public_failure(rng: random.Random) -> str:
    """A public service of our city and what went wrong with it (我们城南的社保APP一升级以前传的材料全没了)."""
    subject, happenings = rng.choice(PUBLIC) if rng.random() < 0.7 else (rng.choice(E_SERVICES), E_FAILURES)
    return f"{rng.choice(['', '我们', '咱'])}{rng.choice(HOME)}的{subject}{rng.choice(happenings)}"


def public_reacts(rng: random.Random) -> tuple[str, str]:
    """The same shapes and reactions around a public service of our city: a complaint, adverse."""
    what = _public_failure(rng)
    react = rng.choice([*PRIVATE_REACT[:13], "服了", "无语子", "血压拉满", "我直接裂开", "谁懂啊家人们", "破防了"])
    shape = rng.randrange(5)
    if shape == 0:
        text = f"{what}，{react}"
    elif shape == 1:
        text = f"刷到一个视频，{what}。{react}{rng.choice(['转发扩散！', '评论区都在骂', '', '有没有人管'])}"
    elif shape == 2:
        text = f"{react}{what}，{rng.choice(['这种事怎么还没人管', '我还能说什么', '大家都看不下去了', '找谁都没用'])}"
    elif shape == 3:
        text = f"{rng.choice(HOME)}的{rng.choice(['朋友们', '老铁们', '姐妹们', '家人们'])}，{what}！{react}"
    else:
        text = f"坐标{rng.choice(HOME)}，{what}。{react}"
    return rng.choice(["", "", text[:10]]), _noise(rng, text)


# More of other places' bad news, of every department (the private posts above take the same shapes and
# reactions, so what happened must decide): adverse.
ELSEWHERE_BAD_MORE = ["急诊科医生被曝收病人家属的红包", "医院把过期的药发给了病人", "小学逼着家长花几千块买指定的平板", "老师体罚学生把耳膜打穿孔了",
                      "公交司机边开车边看手机撞了行人", "高速收费站多收了一年的过路费", "垃圾填埋场的脏水流进了稻田", "采砂船把河床挖空了，桥墩都露出来了",
                      "新交付的楼盘墙体一条条裂缝", "物业把业主的维修资金挪去炒股", "网红餐厅被查出用的是回收油", "超市卖的猪肉是注了水的",
                      "商场扶梯突然倒转，十几个人摔伤", "一栋居民楼燃气爆炸，半栋楼都炸没了", "城管把老人的菜摊掀翻在地", "村支书把低保名额给了自己亲戚",
                      "局长开着公车带家人去景区", "工地老板卷款跑路，几百个工人讨薪无门", "养老院让失能老人睡在走廊里", "一伙人专骗老人买保健品，骗了几百万",
                      "景区停车一天收两百块", "派出所接警两个小时后才出警", "医保卡被人冒用刷走了好几万", "征地补偿款拖了三年没发",
                      "自来水厂的水检出超标", "新修的水渠一场雨就冲垮了", "幼儿园给孩子喂药应付体检", "殡仪馆一套寿衣卖一万八",
                      "救助站把流浪老人赶到了外县", "学校让学生顶岗实习去流水线上拧螺丝"]


def other_place_wider(rng: random.Random) -> tuple[str, str]:
    """Other places' bad news of every department, in the shapes and reactions the private posts share:
    adverse (relevance, not adverse-ness, tells it is not ours)."""
    place, bad = rng.choice(ELSEWHERE), rng.choice(ELSEWHERE_BAD_MORE)
    react = rng.choice([*ELSE_REACT, "破防了", "血压拉满", "救命", "无语子", "服了", "我直接裂开", "谁懂啊家人们"])
    shape = rng.randrange(5)
    if shape == 0:
        text = f"{place}{bad}，{react}"
    elif shape == 1:
        text = f"刷到一个视频，{place}{bad}。{react}{rng.choice(['转发扩散！', '评论区都炸了', '', '坐等通报。'])}"
    elif shape == 2:
        text = f"{react}{place}那边{bad}，{rng.choice(['这种事怎么还能发生', '当地就没人管吗', '网友都看不下去了', '当事人还在等个说法'])}"
    elif shape == 3:
        text = f"#{place}{bad[:8]}# {bad}？？{react}"
    else:
        text = f"坐标{place}，{bad}。{react}"
    return rng.choice(["", "", f"{place}这事太离谱了", text[:10]]), _noise(rng, text)


# -- notices of every kind ("0"), beside the same matters gone wrong ("1") ---------------------------
ROADS = ["人民路", "滨江大道", "解放路", "环城北路", "建设大道", "新华街", "东环高架", "迎宾大道", "工业大道", "沿河西路"]
EVENTS = ["马拉松比赛", "国际自行车赛", "大型文艺演出", "春节灯会", "高考", "重要会议", "跨年活动", "国庆焰火晚会"]
UNITS = ["市属事业单位", "区教育系统", "市公立医院", "乡镇卫生院", "社区工作者", "国有企业", "市直机关遴选", "城管协管员"]
RULES = ["养犬管理条例", "物业管理办法", "生活垃圾分类管理条例", "电动自行车管理规定", "停车收费管理办法", "城市绿化条例", "控烟条例"]
POLICIES = ["购房补贴", "育儿补贴", "以旧换新补贴", "稳岗返还", "高龄津贴", "创业担保贷款", "人才引进奖励", "医保门诊共济"]
EXAMS = ["中考", "高考", "英语四六级", "教师资格证笔试", "公务员考试", "成人高考", "普通话水平测试", "职业技能等级认定"]
LISTS = ["人才公寓配租名单", "拟任职干部名单", "公租房轮候名单", "先进工作者拟表彰名单", "新增低保对象名单", "学位分配结果",
         "示范社区评选结果", "创业补贴发放名单"]


def _day(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def notice_routine(rng: random.Random) -> tuple[str, str]:
    """Notices an office publishes every week, none of which reports a problem: not adverse."""
    home, road, day = rng.choice(HOME), rng.choice(ROADS), _day(rng)
    kind = rng.randrange(12)
    if kind == 0:
        ev = rng.choice(EVENTS)
        title = f"关于{ev}期间实行临时交通管制的通告"
        text = f"{day}{rng.randint(6, 19)}时至{rng.randint(20, 23)}时，{home}{road}、{rng.choice(ROADS)}部分路段实行临时交通管制，请过往车辆提前绕行{rng.choice(ROADS)}。"
    elif kind == 1:
        unit = rng.choice(UNITS)
        title = f"{home}{unit}{rng.choice([2026, 2027])}年公开招聘工作人员公告"
        text = f"本次共招聘{rng.randint(8, 200)}名，报名时间为{day}至{_day(rng)}，报名方式为网上报名，笔试内容为{rng.choice(['公共基础知识', '职业能力测验', '专业知识'])}。"
    elif kind == 2:
        rule = rng.choice(RULES)
        title = f"关于《{home}{rule}（{rng.choice(['征求意见稿', '修订草案', '草案'])}）》公开征求意见的公告"
        text = f"为提高立法质量，现将草案全文公布，社会各界可于{day}前通过信函、电子邮件或网上留言提出意见建议。"
    elif kind == 3:
        p = rng.choice(POLICIES)
        title = rng.choice([f"一图读懂{home}{p}政策", f"政策解读｜{p}怎么申请？", f"{p}新政答问"])
        text = f"谁能申请？{rng.choice(['在本市缴纳社保的', '户籍在本市的', '符合条件的'])}家庭和个人。补多少？最高{rng.randint(2, 50)}千元。怎么办？登录政务服务网或到街道便民服务中心申请，{rng.choice(['材料齐全的当场受理', '十个工作日内审核', '资金直接打到社保卡'])}。"
    elif kind == 4:
        ex = rng.choice(EXAMS)
        title = f"{rng.choice([2026, 2027])}年{ex}考试安排{rng.choice(['公布', '及考生须知', '发布'])}"
        text = f"考试定于{day}举行，考生须凭准考证和身份证提前{rng.choice([20, 30, 45])}分钟入场，{rng.choice(['严禁携带手机等通讯工具进入考场', '考点周边将设置临时停车区', '迟到十五分钟不得入场'])}。"
    elif kind == 5:
        lst = rng.choice(LISTS)
        title = f"{home}{lst}公示"
        text = f"现将{lst}予以公示，公示期为{rng.choice([5, 7, 10])}个工作日。公示期间如有异议，可{rng.choice(['以书面形式', '通过电话', '实名'])}向{rng.choice(['住建局', '组织部', '民政局', '人社局', '教育局'])}反映。"
    elif kind == 6:
        what = rng.choice(["出租车运价调整", "自来水价格调整", "管道燃气价格调整", "城市公交票价调整", "停车收费标准调整"])
        title = f"关于召开{what}听证会的公告"
        text = f"定于{day}召开{what}听证会，现公开遴选听证参加人和旁听人员，有意者请于{_day(rng)}前报名。"
    elif kind == 7:
        what = rng.choice(["城乡居民医保", "城乡居民养老保险", "有线电视", "物业专项维修资金"])
        title = f"{rng.choice([2026, 2027])}年度{what}缴费工作开始"
        text = f"{home}{what}集中缴费期为{day}至{_day(rng)}，可通过{rng.choice(['手机银行', '微信小程序', '村（社区）代办点', '税务APP'])}缴纳，标准为每人每年{rng.randint(200, 500)}元。"
    elif kind == 8:
        place = rng.choice(["市图书馆", "市博物馆", "体育中心游泳馆", "科技馆", "青少年宫", "美术馆"])
        title = f"{place}{rng.choice(['闭馆维护公告', '开放时间调整', '暑期开放安排'])}"
        text = f"{place}因{rng.choice(['设备年度维护', '布展', '场馆升级改造'])}于{day}起闭馆{rng.randint(1, 14)}天，{rng.choice(['期间网上服务照常', '恢复开放时间另行通知', '已预约的读者可改约'])}。"
    elif kind == 9:
        title = f"{home}{rng.choice(['适龄儿童入学报名', '幼儿园新生报名', '义务教育招生'])}工作通知"
        text = f"报名时间为{day}至{_day(rng)}，家长可通过{rng.choice(['招生平台', '公众号', '学校现场'])}报名，需准备户口簿、房产证明等材料。"
    elif kind == 10:
        title = rng.choice([f"{home}召开{rng.choice(['经济运行调度会', '民生实事推进会', '安全生产工作会', '城市更新工作会'])}",
                            f"{home}{rng.choice(['第七次', '第四次'])}全国{rng.choice(['经济普查', '农业普查', '人口普查'])}入户登记开始"])
        text = f"{rng.choice(['会议传达学习了上级有关精神', '普查员将佩戴证件入户', '会议部署了下一阶段重点任务'])}，{rng.choice(['请广大市民积极配合', '要求各部门压实责任', '时间为本月底前'])}。"
    else:
        title = f"{rng.choice(['春节', '国庆', '中秋', '元旦', '端午'])}假期{rng.choice(['公交', '地铁', '高速', '景区'])}出行指南"
        text = f"假期期间{home}{rng.choice(['公交线路正常运营', '地铁延长运营一小时', '小型客车免收通行费', '景区实行预约入园'])}，{rng.choice(['请合理安排出行', '建议错峰出行', '注意安全'])}。"
    # A formulaic title alone (关于…征求意见的公告) is all boilerplate: only with its text.
    shapes = [(title, text), (title, text), ("", title + "。" + text)] + ([] if kind == 2 else [(title, "")])
    return rng.choice(shapes)


POLITE_OPEN = ["您好，", "尊敬的领导：您好！", "反映一个情况：", "市长您好，", "", "请问相关部门，"]
POLITE_CLOSE = ["希望相关部门尽快处理，谢谢。", "恳请领导过问一下。", "望给予答复。", "麻烦核实一下，谢谢！", "请有关部门重视。", ""]


def _voice(rng: random.Random, text: str) -> str:
    """Half the citizens write with slang and feeling, half as a calm, polite letter: tone is no label."""
    if rng.random() < 0.5:
        return _noise(rng, text)
    return f"{rng.choice(POLITE_OPEN)}{text}{rng.choice(POLITE_CLOSE)}"


def notice_gone_wrong(rng: random.Random) -> tuple[str, str]:
    """The same matters gone wrong: a closure without notice, a recruitment made for one person, a sham
    consultation, a subsidy never paid, an exam run badly, a 公示 that ignores the objections: adverse."""
    home, road = rng.choice(HOME), rng.choice(ROADS)
    kind = rng.randrange(10)
    if kind == 0:
        text = f"{home}{road}说封就封，一点通知都没有，{rng.choice(['早高峰堵了一个多小时', '救护车都进不来', '公交全绕了远路', '孩子上学全迟到'])}，{rng.choice(['路口一个指挥的都没有', '问谁都说不知道', '导航都没更新'])}。"
    elif kind == 1:
        text = f"{home}这次{rng.choice(UNITS)}招聘，{rng.choice(['岗位条件写得跟量身定做一样', '笔试第一面试就被刷了', '录取的是领导的亲戚', '报名截止后又改了条件'])}，{rng.choice(['考生们要个说法', '有考生实名举报', '评论区全在质疑'])}。"
    elif kind == 2:
        text = f"{home}{rng.choice(RULES)}征求意见{rng.choice(['就是走个过场', '只给了三天时间', '提的意见一条没回'])}，{rng.choice(['最后原封不动就公布了', '群众意见根本没人看', '居民都说被代表了'])}。"
    elif kind == 3:
        text = f"{home}说{rng.choice(POLICIES)}{rng.choice(['三个月内发放', '当月到账', '符合条件就能领'])}，{rng.choice(['半年了一分钱没见到', '去问了五次都说在审核', '窗口说系统里查不到我'])}。"
    elif kind == 4:
        text = f"{home}{rng.choice(EXAMS)}考点{rng.choice(['监考老师迟到了二十分钟', '试卷发错了科目', '广播一直坏着听力没法考', '考场空调坏了热得人发晕'])}，{rng.choice(['也没给延时', '考生家长在门口讨说法', '至今没人出来解释'])}。"
    elif kind == 5:
        text = f"{home}{rng.choice(LISTS)}{rng.choice(['里有好几个人家里有好几套房', '公示期间有人实名举报', '出来后大家发现全是熟人'])}，{rng.choice(['结果照样通过了', '反映上去没有下文', '问就是符合程序'])}。"
    elif kind == 6:
        text = f"{home}{rng.choice(['水价', '燃气价格', '出租车运价', '停车收费'])}听证会{rng.choice(['代表一半是企业的人', '还没开就定了涨价方案', '群众代表连发言时间都没有'])}，这叫什么听证？"
    elif kind == 7:
        text = f"{home}{rng.choice(['医保', '养老保险', '物业维修资金'])}缴费系统{rng.choice(['一连三天打不开', '扣了钱却显示未缴费', '到截止日还在升级'])}，{rng.choice(['过了期还要补滞纳金', '窗口让回去网上交', '打热线一直占线'])}。"
    elif kind == 8:
        text = f"{home}{rng.choice(['入学报名', '幼儿园报名', '公租房申请'])}{rng.choice(['系统一开就崩了', '材料要求一天改一次', '说好的网上办最后还得跑现场'])}，{rng.choice(['家长们排了一整夜', '跑了四趟还没报上', '咨询电话根本打不通'])}。"
    else:
        text = f"{home}{rng.choice(['市图书馆', '体育中心游泳馆', '青少年宫', '社区活动中心'])}{rng.choice(['说是维护闭馆一周，关了半年', '交了年卡就不开门了', '没有任何通知就关门'])}，{rng.choice(['退费也没人管', '问谁都说在等批复', '市民白跑了好几趟'])}。"
    return rng.choice(["", "", text[:12]]), _voice(rng, text)


# -- good news and routine work told in problem words ("0"), beside the words finding a problem ("1") ---
CAMPAIGNS = ["安全隐患大排查", "燃气安全专项整治", "消防安全隐患排查", "自建房安全排查", "电动自行车安全隐患整治", "校园周边安全排查",
             "食品安全“回头看”", "特种设备安全检查", "防汛隐患排查", "道路交通安全隐患治理"]
CAMPAIGN_OBJECTS = ["企业", "经营场所", "居民小区", "自建房", "学校", "餐饮门店", "电梯", "加油站", "建筑工地", "农村道路"]
ISSUE_SOURCES = ["群众反映", "12345热线转办", "人大代表建议", "媒体曝光", "巡察反馈", "审计发现", "督查检查", "网民留言"]


def problem_words_good(rng: random.Random) -> tuple[str, str]:
    """Routine work and results in the words of problems (隐患排查, 整改到位, 销号, 回访, 曝光台, 差评):
    the work got done, nothing bad is reported, not adverse."""
    home, n = rng.choice(HOME), rng.randint(20, 5000)
    kind = rng.randrange(8)
    if kind == 0:
        camp = rng.choice(CAMPAIGNS)
        text = f"{home}{camp}开展以来，累计检查{rng.choice(CAMPAIGN_OBJECTS)}{n}家（处），发现的{rng.randint(5, 300)}处隐患已全部整改到位，{rng.choice(['实现闭环管理', '整改率百分之百', '将建立长效机制', '确保群众安全'])}。"
        title = f"{home}{camp}取得阶段性成效"
    elif kind == 1:
        src = rng.choice(ISSUE_SOURCES)
        text = f"{home}对{src}的{rng.randint(8, 120)}个问题建立清单、逐项销号，目前已全部办结，{rng.choice(['回访满意率达百分之九十八', '群众满意度明显提升', '没有一件“挂账”', '做到件件有回音'])}。"
        title = rng.choice([f"{src}问题清单清零", f"{home}问题整改全部销号", ""])
    elif kind == 2:
        text = f"{home}{rng.choice(['12345热线', '市长信箱', '政务服务中心', '供电服务热线', '自来水公司客服'])}{rng.choice(['开展工单二次回访', '对差评件逐一回访', '每月随机回访办事群众'])}，{rng.choice(['办结率和满意率双双提升', '一次性解决率达到九成以上', '差评数量同比下降一半'])}。"
        title = rng.choice(["回访促整改 服务更贴心", "差评倒逼服务提升", ""])
    elif kind == 3:
        what = rng.choice(["占道经营", "油烟扰民", "噪音扰民", "违规停车", "乱堆乱放", "楼道杂物"])
        text = f"{rng.choice(['此前被“曝光台”点名的', '上月被媒体曝光的', '群众投诉的'])}{rng.randint(3, 30)}处{what}问题，{home}{rng.choice(['城管', '街道', '社区', '相关部门'])}立行立改，{rng.choice(['已全部整改到位', '目前已经销号', '现场已恢复整洁'])}，{rng.choice(['街面秩序明显好转', '周边居民拍手称赞', '将持续巡查防止反弹'])}。"
        title = rng.choice([f"{what}问题整改到位", "曝光台回音", "立行立改见实效", ""])
    elif kind == 4:
        what = rng.choice(["食品", "农产品", "药品", "饮用水", "儿童用品", "建材"])
        text = f"{home}{rng.choice(['上半年', '今年以来', '一季度'])}{what}抽检{n}批次，合格率{rng.choice(['百分之九十九点二', '百分之九十八点七', '百分之九十九点六'])}，{rng.choice(['较去年同期有所提高', '保持全省前列', '群众消费更放心'])}。"
        title = f"{what}抽检合格率保持高位"
    elif kind == 5:
        place = rng.choice(["城中村", "背街小巷", "老旧小区", "城乡结合部", "农贸市场周边", "铁路沿线"])
        text = f"{rng.choice(['两年前', '曾经', '过去'])}{rng.choice(['脏乱差', '污水横流、垃圾遍地', '违建扎堆、消防隐患多'])}的{home}{place}，{rng.choice(['如今干净整洁', '现在成了居民休闲的好去处', '经过整治面貌一新'])}，{rng.choice(['居民们直夸变化大', '成了网红打卡点', '房租都涨了'])}。"
        title = rng.choice([f"{place}蝶变", "从“脏乱差”到“美如画”", ""])
    elif kind == 6:
        what = rng.choice(["楼道灯坏了", "下水道堵了", "小区门口的井盖松了", "路边的树枝挡住了红绿灯", "楼下的垃圾桶满了没人清", "小区的路灯不亮"])
        text = f"{rng.choice(['昨天', '早上', '周一'])}在{rng.choice(['12345', '社区群里', '市长信箱', '网上'])}反映{what}，{rng.choice(['当天下午就有人来处理了', '第二天一早就修好了', '两个小时师傅就到了'])}，{rng.choice(['必须点赞！', '效率真高，谢谢！', '这回真让人暖心', '给你们点个大大的赞👍'])}"
        title = rng.choice(["", "", "点赞"])
    else:
        text = f"{home}{rng.choice(['审计', '巡察', '环保督察', '安全生产检查'])}反馈问题整改推进会召开，{rng.choice(['各单位逐条对账销号', '整改完成率达到百分之百', '建立整改台账和长效机制'])}，{rng.choice(['确保整改见底见效', '防止问题反弹回潮', '以整改成效取信于民'])}。"
        title = ""
    return title, text


def problem_words_bad(rng: random.Random) -> tuple[str, str]:
    """The same words where the problem is still there or the figures are made up: adverse."""
    home = rng.choice(HOME)
    kind = rng.randrange(8)
    if kind == 0:
        text = f"{home}{rng.choice(CAMPAIGNS)}{rng.choice(['只在表格上整改了', '就是拍几张照片交差', '查完就走了'])}，{rng.choice(['厂区的消防通道还是堆满了货', '违规充电的车照样停在楼道', '自建房该裂的墙还裂着', '那家店的燃气管照样漏'])}。"
    elif kind == 1:
        text = f"{home}说{rng.choice(ISSUE_SOURCES)}的问题{rng.choice(['都销号了', '已经清零了', '全部办结了'])}，可{rng.choice(['我们反映的积水一点没变', '楼下的噪音照样吵到半夜', '小区的电梯还是三天两头停', '村口的路还是烂的'])}，{rng.choice(['回访电话我根本没接到', '谁给的满意？', '这销号销了个寂寞'])}。"
    elif kind == 2:
        text = f"{home}{rng.choice(['12345', '社区', '物业', '窗口'])}回访{rng.choice(['逼着群众打满意', '让我必须说满意才能结案', '打电话问满不满意，事情根本没办'])}，{rng.choice(['不满意就一直打电话', '这满意率是怎么来的？', '群众都被弄烦了'])}。"
    elif kind == 3:
        text = f"{rng.choice(['上月被曝光的', '媒体点名的', '群众投诉过的'])}{home}{rng.choice(['占道经营', '油烟扰民', '噪音扰民', '乱堆乱放'])}问题，{rng.choice(['说是整改到位了，其实第二天就恢复原样', '至今没人管', '整改报告和现场完全对不上'])}。"
    elif kind == 4:
        text = f"{home}{rng.choice(['食品', '饮用水', '儿童用品', '建材'])}抽检{rng.choice(['发现多批次不合格', '被查出检测数据造假', '有一批次重金属超标'])}，{rng.choice(['涉事企业已被立案调查', '不合格产品还在超市卖', '检测机构被约谈'])}。"
    elif kind == 6:
        what = rng.choice(["楼道灯坏了", "下水道堵了", "小区门口的井盖松了", "路边的树枝挡住了红绿灯", "楼下的垃圾桶满了没人清", "小区的路灯不亮"])
        text = f"{rng.choice(['上个月', '两周前', '年初', '前后三次'])}在{rng.choice(['12345', '社区群里', '市长信箱', '网上'])}反映{what}，{rng.choice(['到现在也没人来处理', '说记下了就没了下文', '来人看了一眼就走了', '工单显示已办结，其实根本没修'])}，{rng.choice(['老人晚上出门很不方便', '雨天特别危险', '住户意见很大', '不知道该找谁'])}。"
    elif kind == 7:
        text = f"{home}{rng.choice(['审计', '巡察', '环保督察', '安全生产检查'])}{rng.choice(['连续三年指出同一批问题', '反馈的问题整改只停在纸面上', '发现整改台账与实际不符'])}，{rng.choice(['屡查屡犯', '相关责任人至今没有追责', '被上级通报批评'])}。"
    else:
        text = f"{home}{rng.choice(['城中村', '背街小巷', '老旧小区', '农贸市场周边'])}{rng.choice(['整治了两年', '改造款早就拨了', '说要整治说了好几年'])}，{rng.choice(['现在还是污水横流', '违建越拆越多', '垃圾照样堆在路边', '施工到一半就停了'])}。"
    return rng.choice(["", "", text[:12]]), _voice(rng, text)


# -- article length: notices in numbered parts ("0"), beside explanations of an outage that happened ("1") --
LONG_NOTICES = [
    ("停水", "供水公司", "因{road}供水主管道接驳施工", "{road}以东、{road2}以北区域", "请用户提前做好储水准备；恢复供水初期水质可能浑浊，请放水片刻后再使用；如有疑问请拨打服务热线"),
    ("停电", "供电公司", "因{road}线路迁改和设备检修", "{road}沿线及周边{n}个小区", "请提前关闭电器，高层住户请注意电梯停运；检修如提前完成将随时恢复送电"),
    ("交通管制", "公安局交通警察支队", "因{event}举行", "{road}、{road2}全线", "请过往车辆提前绕行；公交线路临时改道，具体以站牌公告为准；请市民理解配合"),
    ("公开招聘", "人力资源和社会保障局", "因工作需要，{unit}面向社会公开招聘工作人员{n}名", "报名、资格审查、笔试、面试、体检、考察、公示", "报考人员须对所提交材料的真实性负责；招聘全程接受纪检监察部门监督"),
    ("征求意见", "司法局", "为做好《{rule}》的修订工作", "全文见政府门户网站", "意见可通过信函、电子邮件或网上留言提交；截止日期为{date}"),
    ("考试安排", "教育考试院", "{exam}将于{date}举行", "全市设{n}个考点", "考生须携带准考证和身份证，提前三十分钟入场；考点周边实施交通管制和噪音管控"),
]


def notice_longform(rng: random.Random) -> tuple[str, str]:
    """A notice of article length in numbered parts (why, where, when, what to do): not adverse."""
    kind, who, why, where, tips = rng.choice(LONG_NOTICES)
    home, road, road2 = rng.choice(HOME), rng.choice(ROADS), rng.choice(ROADS)
    fill = {"road": road, "road2": road2, "event": rng.choice(EVENTS), "unit": rng.choice(UNITS), "n": rng.randint(5, 120),
            "rule": rng.choice(RULES), "date": _day(rng), "exam": rng.choice(EXAMS)}
    start, end = _day(rng), rng.choice(["当日18时", "次日6时", "当日17时30分"])
    text = (f"{why.format(**fill)}，现将有关事项{rng.choice(['公告', '通告', '通知'])}如下：一、时间：{start}{rng.randint(7, 9)}时至{end}。"
            f"二、范围：{where.format(**fill)}。三、有关事项：{tips.format(**fill)}。"
            f"{rng.choice(['特此公告。', '由此带来的不便，敬请谅解。', '感谢广大市民的理解和支持。'])}{home}{who}{start}")
    return f"关于{rng.choice(['', '做好'])}{kind}{rng.choice(['的公告', '工作的通告', '有关事项的通知'])}", text


INCIDENTS = [("停水", "供水公司", "{road}一处供水主管道突然爆裂", "{road}周边{n}个小区停水，部分低洼路段积水", "抢修人员已连夜开挖作业"),
             ("停电", "供电公司", "{road}一处变电设备突发故障", "{road}沿线{n}个小区和两所学校停电近{h}小时", "已调集应急发电车保障医院和学校用电"),
             ("道路塌陷", "住建局", "{road}与{road2}交叉口路面突然塌陷", "一辆小车前轮陷入坑中，交通中断{h}小时", "已对塌陷区域围挡并组织专家排查原因"),
             ("系统故障", "政务服务中心", "业务系统突发故障", "全天{n}余件业务无法办理，大量群众滞留大厅", "技术人员正在全力抢修")]


def incident_longform(rng: random.Random) -> tuple[str, str]:
    """An explanation of article length of an outage or failure that happened (情况说明): adverse."""
    kind, who, what, effect, action = rng.choice(INCIDENTS)
    home, road, road2 = rng.choice(HOME), rng.choice(ROADS), rng.choice(ROADS)
    fill = {"road": road, "road2": road2, "n": rng.randint(3, 600), "h": rng.randint(3, 30)}
    text = (f"{_day(rng)}{rng.randint(1, 23)}时许，{home}{what.format(**fill)}，造成{effect.format(**fill)}。"
            f"事发后，{home}{who}{action}，{rng.choice(['预计明日恢复', '恢复时间待定', '目前已部分恢复'])}。"
            f"由此给群众生产生活带来的不便，我们深表歉意。{rng.choice(['事故原因正在进一步调查中。', '对群众反映的问题将逐一回应。', ''])}")
    return f"关于{home}{kind}{rng.choice(['情况的说明', '事件的情况通报', '的致歉说明'])}", text


# =====================================================================================================
# Round 6: a place's own hashtag. On Weibo a post is tagged with its town (#清水县#, #城南同城#, #长宁超话#)
# whatever it is about; the topic rows carried such tags on complaints only, and a post tagged with a city
# nobody had seen read adverse on the tag alone (#栖川# 0.82). The same tags go on private posts ("0") and on
# complaints about our public services ("1"), so a tag is no evidence. Own stream (SEED + 6).
# =====================================================================================================
TAG_PLACES = [*PLACE_POOL, *(name + level for name in PLACE_POOL[::2] for level in ("市", "县", "区", "镇"))]
TAG_KINDS = ["", "", "", "同城", "生活", "身边事", "美食", "超话", "头条", "吃喝玩乐", "圈", "本地通"]


def _place_tag(rng: random.Random) -> str:
    return f"#{rng.choice(TAG_PLACES)}{rng.choice(TAG_KINDS)}#"


def _tagged(rng: random.Random, what: str, react: str) -> str:
    tag = _place_tag(rng)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{tag} {what}，{react}"
    if shape == 1:
        return f"{what}！{react} {tag}"
    if shape == 2:
        return f"{tag}{what}。{react}{rng.choice(['', ' ' + _place_tag(rng), '[允悲]', '[怒]', '[泪]'])}"
    return f"{react}{tag}{what}"


def private_tagged(rng: random.Random) -> tuple[str, str]:
    """Strong feeling about sport, a star, a purchase or one's own life, tagged with a place: not adverse."""
    text = _tagged(rng, _private_happening(rng), rng.choice(PRIVATE_REACT))
    return rng.choice(["", "", text[:10]]), _noise(rng, text)


def public_tagged(rng: random.Random) -> tuple[str, str]:
    """The same tags around a complaint about a public service of our city: adverse."""
    text = _tagged(rng, _public_failure(rng), rng.choice([*PRIVATE_REACT[:13], "服了", "无语子", "谁懂啊家人们", "破防了"]))
    return rng.choice(["", "", text[:10]]), _noise(rng, text)


# -- the office's own publicity and accounts found wanting (对外宣传), beside the same publicity done as news ------
# What every office's 舆情 desk hears of its 宣传: photos touched up or taken elsewhere, figures and rankings the
# statistics do not bear out, a promotional film copied, votes drummed up, official accounts that delete comments or
# snap at netizens, signs mistranslated or misspelt ("1"); and films launched, awards, rankings, accounts praised,
# signs corrected ("0"). The subject is the office's own voice, so only what is told of it decides.
ORGANS = ["市文旅局", "市委宣传部", "区融媒体中心", "县政府", "市政府新闻办", "开发区管委会", "市招商局", "市住建局", "街道办",
          "市交警支队", "市教育局", "县文旅局"]
ACCOUNTS = ["官方微博", "政务公众号", "官方抖音号", "政务头条号", "官方视频号", "政府网站"]
SHOWPIECES = ["城市宣传片", "旅游宣传图", "招商推介材料", "文明城市宣传栏", "形象宣传海报", "景区宣传照", "城市宣传口号",
              "年度工作成绩单", "政府工作报告图解", "节庆宣传视频"]
FLAWS = [
    ("的照片调色调得像国外风景，实地去看灰蒙蒙一片", "照片与实际不符"),
    ("里的夜景镜头是从别的城市宣传片里直接搬来的，连地标都没换", "被指抄袭"),
    ("说“引进项目总额居全省首位”，统计公报上却排在中游", "数据与统计不符"),
    ("用的是多年前的油菜花照片，那片地如今早盖了厂房", "用旧照糊弄游客"),
    ("配的英文把“小心地滑”译成了“Carefully slide”", "翻译错误"),
    ("上的标语错了三个字，挂了一个多月没人管", "错别字"),
    ("号称“全国十佳”，查遍也找不到是哪个机构评的", "自封荣誉"),
    ("里的航拍画面被网友扒出来是外地的", "盗用外地画面"),
]
ACCOUNT_FAILS = [
    "把网友反映供暖不热的评论全删了", "关了评论区，有问题也没地方说", "小编回复网友“爱住不住”，语气太冲",
    "发了一条错误的停水通知，被骂了又悄悄删掉，也没个说明", "把网友拉黑了，就因为问了一句补贴什么时候发",
    "转发的通稿连别的城市名字都没改", "半年没更新，办事指南还是三年前的", "对网友反映的问题一律复制粘贴“已转相关部门”"]
VOTES = ["给各单位下了投票指标，每人不少于二十票", "在工作群里摊派点赞转发任务", "组织人员短时间集中刷票", "把转发截图纳入考核"]


def publicity_flawed(rng: random.Random) -> tuple[str, str]:
    """The office's publicity or account found wanting, in a post, a calm letter or a flat report: adverse."""
    home, organ = rng.choice(HOME), rng.choice(ORGANS)
    roll = rng.random()
    if roll < 0.45:
        piece, (what, short) = rng.choice(SHOWPIECES), rng.choice(FLAWS)
        title = f"{home}{piece}{short}"
        shape = rng.randrange(3)
        if shape == 0:
            text = f"{organ}发的{piece}{what}。{rng.choice(['专门请了假过去，白白搭上路费。', '吹得越响，越让人看笑话。', '这样的宣传谁还信？', ''])}"
        elif shape == 1:
            text = (f"您好，我看到{organ}发布的{piece}{what}。建议{rng.choice(['核实后更正', '注明拍摄时间和地点', '公开说明来源'])}，"
                    f"别让{rng.choice(['外地客人失望而归', '外地人看笑话', '群众觉得被糊弄'])}。")
        else:
            text = (f"记者注意到，{home}{organ}近期使用的{piece}{what}。{organ}工作人员表示，"
                    f"{rng.choice(['相关内容由第三方设计，会向领导汇报', '正在了解情况', '不清楚具体情况'])}。")
        return title, _noise(rng, text) if shape == 0 else text
    if roll < 0.8:
        account, fail = rng.choice(ACCOUNTS), rng.choice(ACCOUNT_FAILS)
        text = f"{home}{organ}的{account}{fail}。{rng.choice(['政务号是这么当的？', '删得掉留言，删不掉问题。', '希望上级管一管。', '这就是所谓的服务群众？', ''])}"
        return rng.choice(["", f"{home}{organ}{account}为什么这样", text[:12]]), _noise(rng, text)
    event = rng.choice(["“最美乡村”网络评选", "“年度魅力城市”投票", "“十佳文明单位”评选", "“最受欢迎景区”网络投票"])
    text = f"{home}在{event}中{rng.choice(VOTES)}，{rng.choice(['票数一夜暴涨', '被网友截图发到网上', '职工苦不堪言', '评选成了比谁会刷票'])}。"
    return f"{home}{event}{rng.choice(['被指刷票', '遭质疑', '摊派投票引吐槽'])}", text


GOOD_PUBLICITY = [
    "{home}城市宣传片发布，三天播放量破千万", "{home}{organ}政务公众号获评全省“十佳政务新媒体”", "{home}文旅推介会签约项目12个",
    "{home}入选“全国县域旅游发展潜力百佳县”", "{home}公共场所外语标识完成规范化整改，涉及路牌3200余块",
    "网友点赞{home}{organ}官方微博：回复留言又快又实在", "{home}{organ}上线“随手拍”专栏，群众反映问题24小时内回复",
    "{home}旅游宣传短视频获省级网络视听作品一等奖", "{home}举办城市形象摄影大赛，征集作品5000余幅",
    "{home}{organ}网站完成适老化改造，字体放大一键切换", "外地游客写信感谢{home}{organ}：宣传里说的都是真的",
    "{home}更正宣传栏错别字并向市民致谢，网友：知错就改点赞"]


def publicity_good(rng: random.Random) -> tuple[str, str]:
    """The same publicity and accounts done well, reported as news or praised: not adverse."""
    title = rng.choice(GOOD_PUBLICITY).format(home=rng.choice(HOME), organ=rng.choice(ORGANS))
    text = rng.choice(["", f"据了解，{rng.choice(ORGANS)}{rng.choice(['今年以来持续改进政务新媒体运营', '邀请市民代表参与审看', '建立了宣传内容核实制度', '对标识译法逐一核对'])}。",
                       f"“{rng.choice(['拍得真好看，和实地一样', '回复很及时，问题也解决了', '以后来旅游更方便了'])}”，{rng.choice(['网友留言说', '一位市民说', '游客表示'])}。"])
    return title, text


# kind → (label, rows, maker)
KINDS: dict[str, tuple[int, int, Callable[[random.Random], tuple[str, str]]]] = {
    "sarcastic_public": (1, 1000, sarcastic_public),
    "rude_window": (1, 150, rude_window),
    "other_place_emotional": (1, 400, other_place_emotional),
    "revisit_still_bad": (1, 150, revisit_still_bad),
    "survey_bad": (1, 200, survey_bad),
    "idle_still": (1, 60, idle_still),
    "weather_damage": (1, 100, weather_damage),
    "outage_hurts": (1, 100, outage_hurts),
    "brand_rant": (0, 600, brand_rant),
    "body_routine": (0, 400, body_routine),
    "revisit_fixed": (0, 300, revisit_fixed),
    "survey_good": (0, 150, survey_good),
    "service_schedule": (0, 120, service_schedule),
    "idle_turned": (0, 150, idle_turned),
    "safety_gift": (0, 150, safety_gift),
    "service_better": (0, 150, service_better),
    "advisory": (0, 300, advisory),
    "tender_notice": (0, 250, tender_notice),
    "drill_notice": (0, 150, drill_notice),
    "planned_outage": (0, 120, planned_outage),
}
# Round 5, drawn after the round-4 kinds from their own stream (SEED + 5).
KINDS_R5: dict[str, tuple[int, int, Callable[[random.Random], tuple[str, str]]]] = {
    "private_reacts": (0, 450, private_reacts),
    "public_reacts": (1, 400, public_reacts),
    "other_place_wider": (1, 250, other_place_wider),
    "notice_routine": (0, 450, notice_routine),
    "notice_gone_wrong": (1, 400, notice_gone_wrong),
    "problem_words_good": (0, 400, problem_words_good),
    "problem_words_bad": (1, 400, problem_words_bad),
    "notice_longform": (0, 300, notice_longform),
    "incident_longform": (1, 200, incident_longform),
}
# Round 6, drawn after round 5 from its own stream (SEED + 6).
KINDS_R6: dict[str, tuple[int, int, Callable[[random.Random], tuple[str, str]]]] = {
    "private_tagged": (0, 300, private_tagged),
    "public_tagged": (1, 150, public_tagged),
    "publicity_flawed": (1, 300, publicity_flawed),
    "publicity_good": (0, 250, publicity_good),
}


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for kind, (adverse, count, maker) in KINDS.items():
        for title, text in draw_rows(lambda m=maker: m(rng), count, seen, tries=30):
            rows.append({"title": title, "text": text, "adverse": adverse, "kind": kind, "round": 4})
    rng5 = random.Random(SEED + 5)
    for kind, (adverse, count, maker) in KINDS_R5.items():
        for title, text in draw_rows(lambda m=maker: m(rng5), count, seen, tries=30):
            rows.append({"title": title, "text": text, "adverse": adverse, "kind": kind, "round": 5})
    rng6 = random.Random(SEED + 6)
    for kind, (adverse, count, maker) in KINDS_R6.items():
        for title, text in draw_rows(lambda m=maker: m(rng6), count, seen, tries=30):
            rows.append({"title": title, "text": text, "adverse": adverse, "kind": kind, "round": 6})
    return rows


def main() -> None:
    write_rows(build(), OUT)


if __name__ == "__main__":
    main()
