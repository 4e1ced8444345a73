"""Write ``longform_items.jsonl``: article-length training rows (100–400 characters) in which what is
REPORTED NOW decides adverse-ness, in both directions.

The short rows taught the head that 市民反映, 此前, 问题, 曝光 mean bad news. Real local-government
news says those words all the time: a 日报 or 融媒 report of a fixed road tells the flooding it fixed,
a 12345 report tells the complaints it answered, a notice warns of what could go wrong, a service
launch quotes the rumour it denies. These rows are written in the registers a desk reads (日报讯,
客户端, 政府网站, 政务微博, 区县融媒, 留言板 and 贴吧 posts, 通知/公告/预公告, 问答), across every base
topic's domains, and each family puts the same frames and words on both sides:

* ``0``: good news that recalls the problem it fixed (此前/去年/曾经/一度 … 如今/现已/日前 解决, 开通,
  修复, 建成, 整改到位); the results of a 专项整治 in numbers; service launches and plain service news;
  policy explanations (问答); notices — 预公告, 征求意见, 缴费, 标准调整, 安全提示, planned 停水/停电,
  交通管制, 招聘; a 辟谣 of a rumour inside a positive report.
* ``1``: the same event where the problem recalled is still there or came back (至今仍未解决, 整改后又
  反弹, 修了又坏, 通报称已整改但记者回访发现 …); an exposé inside a positive-sounding report (获评 …
  然而记者调查发现); a notice that itself announces harm (爆管停水三天, 紧急疏散, 塌陷管制, 抽检不合格);
  a citizen's complaint that quotes an official good-news claim; a 辟谣 that confirms a real incident;
  a 督查通报 of 整改不到位.

Each event is written once as a record (where, what was wrong, what was done, how it is now, how it
still is) and told through many templates and registers, so no row is one template repeated and the
same event carries both labels. Adverse rows carry their topic (devsets/README.md conventions; 医保 is
卫生计生, 社保 is 就业). Written from the genre, not from development items:
tests/classifier/test_classifier_longform_items.py checks that no row shares 30 % of its 8-character
shingles with any item of any development set. Its own random stream and its own file.

    python -m classifier.training.items.longform_items   # rewrites longform_items.jsonl (fixed seed)
"""

# ruff: noqa: E501  (phrase lists read best one per line of data)
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from classifier.training.items.make_items import draw_rows, write_rows

OUT = Path(__file__).with_name("longform_items.jsonl")
SEED = 20261212
MIN_CHARS, MAX_CHARS = 100, 400

# Invented cities, counties and streets (never a development set's office): the place carries no label.
CITIES = ["禾阳", "云泽", "安澜", "鹭洲", "嘉川", "泉陵", "松阳湖", "宁远", "白石", "锦江"]
COUNTIES = ["东坪区", "西湖区", "南岸区", "北塘区", "河口县", "石岭县", "高坪县", "青溪县", "新城区", "经开区", "白水县", "龙门县"]
STREETS = ["城关街道", "桂花街道", "长乐街道", "东门街道", "滨江街道", "双井镇", "马坪镇", "花桥镇", "梨园乡", "大河镇", "金鸡镇", "五里牌街道"]
VILLAGES = ["凉水井村", "黄泥塘村", "杨家湾村", "石板桥村", "新屋场村", "茶园村", "桃花冲村", "大塘村"]
ESTATES = ["锦绣花园", "幸福里小区", "康乐新村", "翠湖苑", "阳光家园", "丰收小区", "电厂宿舍", "粮食局家属院", "和平里", "南苑小区"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱胡郭何罗高林梁谢宋唐许邓冯韩曹彭曾肖田董潘袁蒋蔡余杜叶程魏"


def _who(rng: random.Random) -> str:
    s = rng.choice(SURNAMES)
    return rng.choice([f"市民{s}女士", f"居民{s}先生", f"{s}大爷", f"{s}阿姨", f"家住附近的{s}师傅", f"村民{s}大姐",
                       f"在此经营多年的{s}老板", f"上班族小{s}", f"退休教师{s}老师", f"{s}奶奶"])


def _reporter(rng: random.Random) -> str:
    return "".join(rng.sample("晓文建国立华明丽静涛鹏雪敏婷军勇", 2))


def _lead(rng: random.Random, city: str, county: str) -> str:
    """The dateline of a 日报/客户端/融媒/政府网站 report."""
    s1, s2 = rng.choice(SURNAMES), rng.choice(SURNAMES)
    return rng.choice([
        f"本报讯（记者 {s1}{_reporter(rng)} 通讯员 {s2}{_reporter(rng)}）", f"{city}日报讯（记者 {s1}{_reporter(rng)}）",
        f"{city}新闻客户端讯 ", f"{county}融媒体中心讯（记者 {s1}{_reporter(rng)}）", f"{city}市人民政府网讯 ",
        f"{city}晚报讯 ", f"掌上{city}消息，", f"{county}新闻网讯 ", f"据“{city}发布”消息，", "", "",
        f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，",
    ])


PAST = ["此前", "去年", "过去", "曾经", "前些年", "今年年初", "两年前", "以往", "去年夏天", "前几年", "不久前", "一度"]
CHANNEL = ["不少市民通过12345热线反映", "有居民在市长信箱留言反映", "本报曾以读者来信的形式报道", "有网友在本地论坛发帖吐槽",
           "人大代表在调研中发现", "政协委员在提案中指出", "群众在“我为群众办实事”走访中反映", "电视问政节目曾曝光",
           "多名群众向媒体求助", "该问题被列入今年的民生实事清单，群众反映", "有家长在网上留言反映", "督查组在暗访中发现"]
NOW = ["如今", "现在", "目前", "日前", "近日", "截至目前", "眼下", "这个月起"]
PRAISE = ["“以前真是头疼，现在省心多了。”", "“没想到反映的事这么快就办了，给他们点个赞。”", "“盼了好几年，终于盼到了。”",
          "“这回是真办到我们心坎上了。”", "“变化看得见，我们心里踏实。”", "“说实话，一开始没抱希望，现在服气了。”",
          "“以前是一肚子意见，现在只剩满意。”", "“日子比以前舒坦多了。”"]
NEXT = ["下一步将建立长效管护机制，防止问题反弹", "将持续跟踪回访，接受群众监督", "明年还将把这一做法推广到其他片区",
        "将把群众反映集中的其他问题纳入下一批清单", "会定期回头看，确保整改成果不走样", "将继续听取群众意见，把好事办好"]
PROMISE = ["当时承诺限期解决", "在回复中称已列入整改计划", "答复称问题已经处理完毕", "对外通报称已整改到位", "公开表示年底前彻底解决",
           "在留言板回复“已办结”", "在新闻发布会上称问题已经销号", "曾组织施工“集中攻坚”"]
REVISIT = ["记者近日回访发现", "记者日前再次来到现场看到", "记者连续几天蹲点发现", "记者调查了解到", "记者跟随投诉群众到现场看到",
           "记者以群众身份实地体验发现"]
ANGRY = ["“说了多少回了，就是没人真管。”", "“回复写得好好的，现场还是老样子。”", "“整改就是做给上面看的。”",
         "“我们到底还要等多久？”", "“钱花了，事没办成。”", "“修一次坏一次，谁来负这个责？”", "“打了不下十次电话，每次都说在处理。”",
         "“办结是办结了，问题一点没变。”"]
EVADE = ["相关负责人称“正在研究方案”", "工作人员表示会向领导汇报", "截至发稿未获回复", "对方称资金还没有落实", "负责人称是施工方的问题",
         "对方表示“这个情况我们不清楚”"]

# An official's answer inside an adverse report (as in good news, 负责人表示 is no label by itself).
RESPONSE = ["将立即组织人员到现场核查，限期整改到位", "已责成施工单位返工，并对相关责任人进行约谈", "问题确实存在，目前正在制定整改方案",
            "由于资金和协调方面的原因，整改进度比预期慢", "下一步将加强督查，确保问题真正解决", "会把群众反映的情况纳入下一阶段的整改清单"]


def _reply(rng: random.Random, dept: str) -> str:
    """The department's answer to a reporter: an evasion or a promise, both adverse-report stock."""
    if rng.random() < 0.5:
        return f"记者就此联系{dept}，{rng.choice(EVADE)}。"
    return f"{dept}{rng.choice(['负责人', '相关负责人', '工作人员'])}表示，{rng.choice(RESPONSE)}。"


@dataclass(frozen=True)
class Event:
    """One local matter as a record: told fixed ("0") and still or again there ("1")."""

    topic: str
    dept: str
    spot: str  # where, with {v} village, {e} estate, {s} street slots
    problem: str  # what was wrong (past)
    fix: str  # what the department did
    now: str  # how it is now (fixed)
    still: str  # how it still is, or is again
    head: str  # a short name for titles


EVENTS: list[Event] = [
    # 公共基础设施建设: buses, roads, bridges, lights, water, parking, pavements
    Event("公共基础设施建设", "公交公司", "城郊工业园", "没有公交线路，工人上下班只能坐摩的或者步行四五公里", "新开通两条园区通勤线路，早晚高峰每十分钟一班",
          "工人在园区门口就能坐上车，二十多分钟到市区", "通勤线路开通不到两个月就减了班，晚上七点以后依然一辆车都没有", "园区通勤线路"),
    Event("公共基础设施建设", "住建局", "老城区{s}", "雨污管网老化，一下大雨路面积水就没过脚踝，商户要用沙袋挡门", "对片区管网进行全面改造，新铺设雨水管道二点三公里",
          "上周的大暴雨过后，街面上没有再出现积水", "管网改造完工才半年，这周一场雨，街面又积了半尺深的水，商户又把沙袋搬了出来", "老城区排水改造"),
    Event("公共基础设施建设", "交通运输局", "{v}与邻村之间的河上", "只有一座漫水桥，一涨水就过不去，孩子上学要绕十几里山路", "建成一座长六十米的钢筋混凝土公路桥",
          "新桥已经通车，孩子们步行十分钟就能到学校", "新桥通车不到一年，桥面已经出现多道裂缝，护栏一推就晃，村民不敢让孩子走", "{v}新桥"),
    Event("公共基础设施建设", "城管局", "滨河路", "三公里多的路段没有路灯，晚上散步、骑车的市民只能摸黑走", "在沿线安装太阳能路灯一百二十多盏",
          "每到傍晚，整条路灯火通明，夜跑的人多了起来", "灯是装上了，可到了晚上亮着的不到一半，不少灯杆上的电池板已经被风刮歪", "滨河路路灯"),
    Event("公共基础设施建设", "自来水公司", "{e}", "水压不足，一到做饭时间五楼以上就没水，居民只能半夜接水", "新建二次供水加压泵房并更换老旧立管",
          "七楼的住户白天也能正常洗澡做饭", "泵房建好后三天两头停机，高楼层住户又过回了半夜接水的日子", "{e}供水加压"),
    Event("公共基础设施建设", "城投公司", "市中心医院周边", "停车位严重不足，看病的车辆排队排到主干道上，早高峰堵成一锅粥", "建成一座立体停车楼，新增停车位六百多个",
          "医院门口的长队消失了，主干道恢复了畅通", "停车楼建好后收费比路边还贵，大部分车位空着，看病的车照样排到主干道上", "医院停车楼"),
    Event("公共基础设施建设", "市政工程处", "{s}主街", "人行道地砖松动翘起，下雨天一踩一脚泥水，老人常被绊倒", "对人行道全部翻修，更换透水砖并加固基层",
          "人行道平整干净，推婴儿车、坐轮椅的都好走了", "翻修后的人行道不到三个月又有大片地砖松动，居民说“修了又坏，坏了又修”", "主街人行道"),
    Event("公共基础设施建设", "公路事业发展中心", "通往{v}的县道", "路窄弯急，大货车和客车会车困难，一到赶集日就堵", "完成道路拓宽，增设错车道和防护栏",
          "客车跑得顺了，赶集日也不再堵车", "拓宽工程开挖后停工半年，路面坑坑洼洼，比原来还难走", "县道拓宽"),
    Event("公共基础设施建设", "交警大队", "{s}十字路口", "信号灯配时不合理，早晚高峰车辆排队上千米", "重新优化信号配时并增设左转待转区",
          "高峰时段通行时间缩短了一半", "号称优化了信号，早高峰照样排到上一个路口，有时一个绿灯只能过三辆车", "路口信号优化"),
    # 住房
    Event("住房", "住建局", "{e}", "是没有电梯的老楼，住在六七楼的老人常年下不了楼", "为小区加装电梯十八部，并同步改造楼道",
          "老人坐电梯就能下楼晒太阳、买菜", "电梯装好大半年还没通过验收，一直用铁链锁着，老人照样下不了楼", "{e}加装电梯"),
    Event("住房", "住建局", "{e}楼盘", "停工两年多，几百户业主交了首付拿不到房", "引入国有企业接盘续建，成立专班盯进度，首批住房已经交付",
          "业主们拿到了钥匙，有的已经开始装修", "说是复工续建，工地上只来了十几个工人干了一个月，现在塔吊又停了", "{e}续建交付"),
    Event("住房", "街道办事处", "{e}", "弃管多年，垃圾堆在楼下没人清，路灯不亮，化粪池常常外溢", "引入国有物业公司托管，完成化粪池清掏和路灯修复",
          "小区干净了，门口有了保安，晚上也亮堂了", "托管的物业来了三个月就撤了，垃圾又堆满了楼道口，化粪池又开始往外冒", "{e}物业托管"),
    Event("住房", "不动产登记中心", "{e}回迁房", "因历史遗留问题，上千户居民多年办不了不动产证", "成立专班逐户化解，已为一千二百多户办好不动产证",
          "居民拿到了证，孩子上学、房屋交易都不用犯愁了", "说好年底前发证，现在一本证都没见到，问了几次都说还在走程序", "{e}办证"),
    Event("住房", "房管局", "{e}公租房", "屋顶漏水、墙皮脱落，下雨天住户要拿盆接水", "完成屋面防水改造和外墙修缮",
          "今年雨季住户家里再没漏过水", "防水做完第一场大雨就又漏了，顶楼几户家里墙上全是水印", "公租房修缮"),
    # 教育
    Event("教育", "教育局", "城东片区", "学位紧张，不少孩子要跨区上学，每天早上在路上一个多小时", "新建的一所小学投入使用，新增学位一千八百个",
          "孩子们在家门口就能上学", "新学校建好了却迟迟没招够老师，开学推迟，孩子们还得跨区上学", "城东新小学"),
    Event("教育", "教育局", "全市中小学", "下午三点半放学，双职工家长接不了孩子，只能送托管班", "全面开展课后服务，时间延长到下午六点",
          "孩子在学校写完作业、上完兴趣课，家长下班直接接", "课后服务照收费，可就是让孩子在教室里坐着自习，老师也不管", "课后服务"),
    Event("教育", "交警部门", "{s}小学门口", "上下学时段接送车辆乱停，校门口堵得水泄不通", "设置护学岗和临时停车区，实行错峰放学",
          "校门口秩序井然，家长接送用时大大缩短", "护学岗只在开学头一周有人，现在校门口又堵成了一锅粥", "校门口交通"),
    Event("教育", "教育局", "{v}小学", "没有食堂，学生中午只能啃干粮或者到校外小饭桌吃", "新建学生食堂，全面落实营养午餐",
          "孩子们中午能吃上两荤一素的热饭", "食堂建好了，可饭菜分量少、价格高，不少孩子又回到校外小饭桌吃", "{v}小学食堂"),
    # 卫生计生 (医保 included)
    Event("卫生计生", "卫健委", "全市", "儿科夜间看病难，孩子半夜发烧只能往省城跑", "在三家医院开设儿科夜间门诊，实行二十四小时接诊",
          "深夜带孩子看病，半小时就能看上", "说是二十四小时接诊，夜里只有一名医生坐诊，排队要等三个钟头", "儿科夜间门诊"),
    Event("卫生计生", "卫健局", "{v}", "村卫生室没有固定村医，看个小病也要跑到镇上", "为村卫生室配齐村医，并开通远程会诊",
          "头疼脑热在村里就能看，大病还能和县医院专家视频会诊", "村医每周只来一天，其余时间卫生室大门紧锁，村民看病还得往镇上跑", "{v}卫生室"),
    Event("卫生计生", "医保局", "在外地务工的参保人", "异地看病报销要回来跑好几趟，一笔报销要等几个月", "开通异地就医直接结算，手机上就能备案",
          "出院时直接结算，只付个人负担的部分", "系统里显示已经备案，到了外地医院却结不了账，还是要垫钱回来报", "异地就医结算"),
    Event("卫生计生", "医保局", "慢特病患者", "门诊慢特病认定一年只集中办两次，错过了就要再等半年", "改为随时申请、随时认定，在定点医院就能办",
          "患者当月申请，下个月就能享受待遇", "嘴上说随时认定，材料交上去三个月没消息，病人还在自掏腰包买药", "慢特病认定"),
    Event("卫生计生", "急救中心", "偏远乡镇", "急救车从城区赶过去要一个多小时，耽误抢救", "在三个中心镇新设急救站点，配备救护车和医护人员",
          "急救平均到达时间缩短到二十分钟以内", "急救站牌子挂上了，可站里的救护车常常没有司机，上个月一个急病村民还是等了一个多小时", "乡镇急救站"),
    # 就业 (社保 included)
    Event("就业", "人社局", "{s}一处建筑工地", "一百多名农民工的工资被拖欠，年关将至却拿不到钱", "人社部门介入，督促总包单位足额支付工资",
          "工人们领到了被拖欠的工资，高高兴兴回家过年", "人社部门说督促支付，可说好月底发的工钱至今分文未到，工人们还在工地上等", "工地欠薪"),
    Event("就业", "人社局", "城区", "打零工的人只能在路边站着等活，风吹日晒，还常被黑中介骗", "建成零工市场，提供免费的岗位信息和休息场所",
          "零工们在市场里看屏幕找活，中午还能喝上热水", "零工市场建在偏远的开发区里，平时大门紧闭，零工们照样蹲在路边等活", "零工市场"),
    Event("就业", "人社局", "中小企业", "申请稳岗补贴材料繁琐，很多企业嫌麻烦干脆不申请", "推行“免申即享”，符合条件的补贴直接拨付到企业账户",
          "不少企业没交一张纸就收到了补贴", "说是免申即享，名单公示了三个月，钱却迟迟没到账，问了只说在走流程", "稳岗补贴"),
    Event("就业", "社保中心", "退休人员", "办退休要跑社保、档案、银行好几个地方，来回折腾一个月", "推行退休“一件事”联办，一个窗口全部办结",
          "老人一次就把手续办完，下个月就领到养老金", "说是一窗联办，窗口让回去补材料补了三次，退休两个月了养老金还没发", "退休联办"),
    # 价格 / 食品药品安全 / 质监 (markets)
    Event("质监", "市场监管局", "{s}农贸市场", "短斤少两问题突出，居民买菜常常被坑", "设置公平秤、推行智能电子秤，实行一户一码",
          "市民随时可以复秤，缺斤短两的少了", "公平秤成了摆设，有的还被商户挪去堆货，缺斤短两照旧", "农贸市场公平秤"),
    Event("食品药品安全", "市场监管局", "学校周边", "小摊小店卖“三无”零食和辣条，家长很担心", "开展集中整治，下架问题食品，取缔无证摊点",
          "学校周边的小店全部亮证经营，货架上看不到三无零食", "整治一过，卖三无辣条的摊子又摆回了校门口", "校园周边食品"),
    Event("质监", "特种设备检验所", "{e}", "电梯频繁困人，一个月困人四五次，居民不敢坐", "督促维保单位更换主机和控制系统，检验合格后恢复运行",
          "电梯运行平稳，再没出过困人的事", "刚换了主机，这个月又困人两次，其中一次困了四十多分钟", "{e}电梯"),
    Event("价格", "发改委价格监督科", "{s}景区", "停车场乱收费，节假日一次收五十元", "责令明码标价，按政府指导价收费",
          "收费标准上墙，游客扫码按时计费", "价目表是挂上了，节假日照样一口价五十，连票都不给", "景区停车收费"),
    Event("食品药品安全", "市场监管局", "{s}小餐饮一条街", "后厨脏乱、没有健康证，多次被投诉", "推行明厨亮灶和“红黑榜”，商户全部办理许可",
          "顾客通过屏幕就能看到后厨操作", "明厨亮灶的屏幕大多黑着，记者在几家后厨看到生熟不分、苍蝇乱飞", "小餐饮街整治"),
    # 其他 (environment)
    Event("其他", "生态环境局", "{s}内河", "河水黑臭，夏天附近居民不敢开窗", "完成截污纳管和河道清淤，建成生态护岸",
          "河水清了，岸边有人钓鱼、散步", "整治完工不到一年，河水又泛黑发臭，排污口又开始往河里排水", "内河整治"),
    Event("社情民意", "住建局", "{e}旁的工地", "夜间施工噪声扰民，居民整夜睡不好", "责令停止夜间施工，安装噪声监测屏",
          "居民终于能睡个安稳觉了", "白天停了几天，现在又是半夜两三点还在打桩，投诉了也没人来", "工地夜间施工"),
    Event("其他", "农业农村局", "{v}", "养殖场粪污直排，臭气熏天，村民苦不堪言", "关停违规养殖场，建成粪污资源化处理设施",
          "村里的空气清新了，粪污变成了有机肥", "养殖场白天不排，夜里照样往沟里偷排，村里又是一股臭味", "{v}养殖污染"),
    Event("公共基础设施建设", "城管局", "{v}村口", "垃圾堆成小山，苍蝇蚊子成群", "建成垃圾中转站，实行日产日清",
          "村口干干净净，还种上了花草", "中转站建好了，可垃圾车一周才来一次，村口又堆起了垃圾山", "{v}垃圾清运"),
    # 社情民意 (12345, 办事, 噪音, 占道)
    Event("社情民意", "12345热线", "全市", "热线高峰时段难打通，群众打半天都是忙音", "增加坐席、开通智能语音分流，接通率提升到百分之九十九",
          "群众打进来基本不用等", "号称接通率百分之九十九，可早上打了一个小时还是忙音", "热线接通"),
    Event("社情民意", "政务服务中心", "企业和群众", "办一件事要跑好几个部门，填好几张表", "推行“一件事一次办”，一张表单、一个窗口",
          "办事从跑五趟变成了跑一趟", "宣传说一次办，可窗口说系统没打通，还是让去三个部门分别盖章", "一件事一次办"),
    Event("社情民意", "城管局", "{s}广场", "广场舞音响声音太大，周边居民不堪其扰", "与舞蹈队约定音量和时段，安装分贝监测仪",
          "晚上九点以后广场安静了，居民和舞友相安无事", "约定没管几天，现在音响开得比以前还大，一直响到晚上十点", "广场噪声"),
    Event("社情民意", "城管局", "{s}菜市场门口", "占道经营严重，人车混行，经常发生剐蹭", "规划便民疏导点，引导摊贩入场经营",
          "路面畅通了，摊贩也有了固定摊位", "疏导点建好后没人去，摊贩又把马路两边摆满了", "占道经营"),
    # 扶贫 / 移民搬迁 / villages
    Event("扶贫", "农业农村局", "{v}", "没有冷库，菌菇和蔬菜卖不完就烂在地里", "建成产地冷链仓储设施，对接商超订单",
          "农产品能存能运，村民的收入明显增加", "冷库建好一年多一直没通电，菌菇照样烂在地里", "{v}冷库"),
    Event("扶贫", "民政局", "困难群众", "低保审批慢，申请要等几个月", "下放审批权限，实行“急难发生地”直接救助",
          "申请到审批最快七天办完", "审批是快了，可村里有的干部亲戚吃着低保，真正困难的户却申请不上", "低保审批"),
    Event("扶贫", "水利局", "{v}", "村民多年喝的井水氟超标，不少人牙齿发黄", "接入城乡供水一体化管网，村民喝上了达标的自来水",
          "拧开水龙头就是干净水", "管网接进了村，可一个月里有一半的日子不出水，村民又回去挑井水", "{v}饮水"),
    Event("移民搬迁", "移民事务中心", "水库移民安置区", "道路没有硬化，雨天一脚泥，孩子上学鞋子全湿", "完成安置区道路硬化和排水沟建设",
          "安置区的路平了，雨天出门也干净了", "硬化的路面不到一年大面积开裂，下雨天又是一脚泥", "安置区道路"),
    # 公共资源交易
    Event("公共资源交易", "公共资源交易中心", "投标企业", "投标保证金退还慢，项目结束几个月钱还压着", "推行电子保函和保证金自动退还",
          "中标结果公示后保证金当天原路退回", "说是自动退还，一个项目结束三个月了保证金还压在账上，打电话也没人说得清", "保证金退还"),
    Event("公共资源交易", "公共资源交易中心", "外地投标人", "开标必须到现场，来回一趟要两天", "全面推行不见面开标，投标人在线解密",
          "企业在办公室就能参加开标", "不见面开标时系统卡顿，好几家企业报价没上传成功被判无效，至今没有说法", "不见面开标"),
    Event("公共资源交易", "发改委", "工程招标", "不少招标文件设置本地业绩、注册地等门槛，外地企业进不来", "开展招标文件专项清理，取消不合理条款",
          "外地企业中标的项目明显多了", "清理通报发了，可这个月挂出来的几份招标文件仍然要求“本地同类业绩”", "招标门槛清理"),
    Event("公共资源交易", "公共资源交易中心", "外地投标企业", "办理CA数字证书要到现场，每个地方一套证书，来回折腾", "推行CA证书全程网办和跨地区互认",
          "企业在线申领，第二天就能用，一把证书走遍全省", "说是跨地区互认，投标时系统还是只认本地证书，企业只好再花钱办一套", "CA证书互认"),
    Event("公共资源交易", "公共资源交易中心", "评标环节", "专家抽取不透明，不少企业怀疑有熟人评标", "实行专家随机抽取、语音自动通知，评标全程录音录像",
          "专家名单开标前谁也不知道，企业对评标结果更信服了", "记者查阅公示发现，同一名专家一年里评了同一家企业的十几个项目", "评标专家抽取"),
    Event("公共资源交易", "公共资源交易中心", "中标结果公示", "只写中标单位名称，评分明细和废标原因一概没有，投标人看不明白", "公示内容增加各投标人得分明细和废标原因",
          "落标企业能看到自己差在哪里，质疑和投诉少了", "公示格式改了，可这个月几个项目的公示里评分明细一栏仍然是空的", "中标公示"),
    Event("公共资源交易", "发改委", "招投标异议和投诉", "处理慢，一个投诉要拖两三个月，项目也跟着停摆", "出台异议投诉限时办结规定，全程网上留痕",
          "投诉从受理到答复平均十个工作日", "投诉材料递交两个多月了没有任何答复，电话打过去只说“在调查”", "异议投诉办理"),
    Event("社情民意", "网信办", "政务公众号和政务微博", "留言常年无人回复，群众的问题石沉大海", "建立政务新媒体留言办理制度，留言四十八小时内答复",
          "留言基本当天就有回音，办理结果还会公开", "制度公布了，可留言区里一个月前的提问到现在还没人回", "政务新媒体留言办理"),
    Event("社情民意", "网信办", "部分政务账号", "遇到批评留言就删除，甚至直接关闭评论区", "出台政务新媒体管理办法，明确不得随意删除群众留言",
          "批评的声音也能看到，账号的回复反而更认真了", "办法出台后，有的账号照样把批评留言删得干干净净，评论区只剩点赞", "政务账号删评"),
    # 应急管理 / 社会稳定
    Event("应急管理", "应急管理局", "工业园区", "不少厂房“三合一”住人，消防隐患突出", "逐家排查整改，员工全部搬进集中宿舍",
          "厂房里再没有住人的床铺，消防设施也配齐了", "通报称已全部整改，可记者夜里看到，好几家厂房的车间楼上仍然住着工人", "厂房住人整改"),
    Event("应急管理", "水利局", "{v}的山塘", "坝体渗水、年久失修，汛期村民提心吊胆", "完成除险加固，坝体防渗和溢洪道全部改造",
          "今年汛期水位再高，村民心里也不慌", "加固完才一年，坝脚又开始渗水，村民晚上不敢睡踏实", "{v}山塘加固"),
    Event("社会稳定", "公安分局", "{s}夜市", "深夜醉酒滋事、打架斗殴时有发生，摊主和食客都很担心", "设立夜市警务站，增加巡逻密度",
          "夜市秩序好了，来吃夜宵的人更多了", "警务站白天开门、晚上锁门，上周夜里又有两伙人在夜市打了起来", "夜市治安"),
]


def _slots(rng: random.Random) -> dict[str, str]:
    return {"v": rng.choice(VILLAGES), "e": rng.choice(ESTATES), "s": rng.choice(STREETS)}


def _place(rng: random.Random) -> tuple[str, str]:
    return rng.choice(CITIES), rng.choice(COUNTIES)


def _ev(rng: random.Random) -> tuple[Event, dict[str, str], str, str]:
    ev = rng.choice(EVENTS)
    slots = _slots(rng)
    city, county = _place(rng)
    return ev, slots, city, county


def _sub(ev: Event, slots: dict[str, str]) -> Event:
    return Event(ev.topic, ev.dept, ev.spot.format(**slots), ev.problem, ev.fix, ev.now, ev.still, ev.head.format(**slots))


def recalled_fixed(rng: random.Random) -> tuple[str, str, str | None]:
    """Good news that recalls the problem it fixed: what is reported now is the fix, not adverse."""
    raw, slots, city, county = _ev(rng)
    ev = _sub(raw, slots)
    past, chan, now = rng.choice(PAST), rng.choice(CHANNEL), rng.choice(NOW)
    where = f"{county}{ev.spot}"
    dept = f"{county}{ev.dept}" if rng.random() < 0.5 else ev.dept
    t = rng.randrange(7)
    if t == 0:
        text = (f"{_lead(rng, city, county)}{past}，{chan}，{where}{ev.problem}。{rng.choice(['接到反映后', '今年以来', '为解决这一难题', '针对这一问题'])}，"
                f"{dept}{ev.fix}。{now}，{ev.now}。{rng.choice(PRAISE)}{_who(rng)}说。{dept}负责人表示，{rng.choice(NEXT)}。")
        title = rng.choice([f"{ev.head}：群众的烦心事变成了暖心事", f"{county}解决{ev.head}难题", f"{ev.head}有了新变化"])
    elif t == 1:
        text = (f"【{ev.head}，{rng.choice(['解决了', '办成了', '有回音了'])}！】{past}{chan}的{where}{ev.problem[:40]}的问题，{now}已经解决：{dept}{ev.fix}。"
                f"{ev.now}。感谢大家的监督和支持！#{rng.choice(['我为群众办实事', '民生实事', city + '民生', '接诉即办'])}#")
        title = ""
    elif t == 2:
        text = (f"{city}市{ev.dept}{rng.randint(1, 12)}月{rng.randint(1, 28)}日消息：针对{rng.choice(['群众反映', '网民留言', '代表建议', '前期走访发现'])}的{where}"
                f"{ev.problem}问题，{ev.dept}{ev.fix}。经回访，{ev.now}，群众满意度{rng.randint(95, 100)}%，该事项已办结销号。")
        title = f"关于{ev.head}有关情况的回复"
    elif t == 3:
        text = (f"“{past}{rng.choice(['最怕', '最发愁的就是', '大伙天天念叨的就是'])}这个，{ev.problem[:30]}。”说起{ev.head}，{_who(rng)}感慨万千。"
                f"{now}，随着{dept}{ev.fix}，{ev.now}。记者在现场看到，{rng.choice(['不少群众专门过来看看', '来往群众络绎不绝', '一切井然有序'])}。")
        title = f"{ev.head}：从“{rng.choice(['烦心事', '老大难', '揪心事'])}”到“{rng.choice(['舒心事', '新气象', '暖心事'])}”"
    elif t == 4:
        text = (f"{_lead(rng, city, county)}记者回访{where}看到，{past}{rng.choice(['被群众反映', '被媒体曝光', '被列为督办件'])}的“{ev.problem[:24]}”问题已经整改到位。"
                f"{dept}介绍，{ev.fix}。{ev.now}。“{rng.choice(['整改没有走过场', '效果看得见', '问题没再出现过'])}。”{_who(rng)}说。")
        title = f"记者回访：{ev.head}整改见实效"
    elif t == 5:
        text = (f"网友：{past}我在这里留言说{where}{ev.problem}，{rng.choice(['没想到', '真没想到', '本来没抱希望'])}{rng.choice(['很快就有人打电话联系我', '有关部门真的来现场看了'])}。"
                f"{now}{ev.now}，特地上来说一声谢谢！\n回复：{dept}{ev.fix}。感谢您的监督，欢迎继续提出意见建议。")
        title = f"{ev.head}解决了，来道个谢"
    else:
        text = (f"{_lead(rng, city, county)}{rng.choice(['一度', '曾经', '多年来'])}让群众头疼的{ev.head}问题，{now}有了答案。"
                f"{past}，{where}{ev.problem}。{dept}把它列入{rng.choice(['民生实事', '重点督办事项', '“接诉即办”清单'])}，{ev.fix}。"
                f"{ev.now}。{rng.choice(NEXT)}。")
        title = f"{county}{ev.head}问题得到解决"
    return title, text, None


def recalled_still(rng: random.Random) -> tuple[str, str, str | None]:
    """The same event where the problem recalled is still there, came back, or the fix is only on paper: adverse."""
    raw, slots, city, county = _ev(rng)
    ev = _sub(raw, slots)
    past, chan = rng.choice(PAST), rng.choice(CHANNEL)
    where = f"{county}{ev.spot}"
    dept = f"{county}{ev.dept}" if rng.random() < 0.5 else ev.dept
    t = rng.randrange(9)
    if t == 0:
        text = (f"{_lead(rng, city, county)}{past}，{chan}，{where}{ev.problem}。{dept}{rng.choice(PROMISE)}。{rng.choice(REVISIT)}，"
                f"{ev.still}。{rng.choice(ANGRY)}{_who(rng)}说。{_reply(rng, dept)}")
        title = rng.choice([f"{ev.head}：说好的整改去哪了", f"记者回访：{ev.head}问题至今仍未解决", f"{ev.head}为何久拖不决"])
    elif t == 1:
        text = (f"{_lead(rng, city, county)}{past}，{where}{ev.problem}。经过一轮整治，{dept}{ev.fix}，{ev.now}。"
                f"但好景不长，{rng.choice(['记者近日回访发现', '最近不少群众又反映', '才过了几个月'])}，{ev.still}。{rng.choice(ANGRY)}")
        title = rng.choice([f"{ev.head}整改后又反弹", f"{ev.head}：老问题又回来了", f"追踪｜{ev.head}“回潮”"])
    elif t == 2:
        text = (f"{dept}在{rng.choice(['情况通报', '办理回复', '整改报告', '工作简报'])}中称，{where}的问题已经“{rng.choice(['整改到位', '全部销号', '彻底解决', '按期办结', '全部整改到位'])}”，"
                f"并称{ev.now}。但{rng.choice([*REVISIT, '经回访核实', '记者按通报公布的整改清单逐一回访发现'])}，实际情况是{ev.still}。{rng.choice(ANGRY)}{_who(rng)}说。")
        title = rng.choice(["通报称已整改，现场却是另一番景象", f"{ev.head}：报告和现场对不上", f"“已办结”的{ev.head}"])
    elif t == 3:
        text = (f"看到{dept}{rng.choice(['发的通稿', '在公众号上发的文章', '在发布会上说的', '回复我的留言'])}，说{where}“{ev.now}”，我真想问问，你们来现场看过没有？"
                f"{ev.still}。{rng.choice(['我们住在这儿的人怎么不知道？', '请领导自己来体验一下。', '拿宣传当成绩，老百姓不认。', '希望有关部门别再糊弄了。'])}")
        title = rng.choice([f"{ev.head}，宣传的和实际的不一样", f"请{ev.dept}来现场看看", ""])
    elif t == 4:
        text = (f"{rng.choice(['致市长信箱：', '领导您好，', '12345留言：', '网友留言：'])}我是{where}的{rng.choice(['居民', '村民', '家长', '业主'])}。"
                f"{past}我们反映{ev.problem[:40]}，{dept}{rng.choice(PROMISE)}。可到现在，{ev.still}。{rng.choice(['前后反映了五六次', '留言好几回了', '打了无数次热线'])}，"
                f"{rng.choice(['恳请领导过问', '希望能真正解决', '请给我们一个说法'])}。")
        title = f"关于{ev.head}问题至今未解决的反映"
    elif t == 5:
        text = (f"{where}{ev.head}，{rng.choice(['修了又坏', '整了又乱', '治了又犯', '办了又停'])}。{past}{dept}{ev.fix}，当时{rng.choice(['还开了现场会', '还上了电视', '还作为典型做法宣传'])}。"
                f"{rng.choice(REVISIT)}，{ev.still}。{rng.choice(['群众质疑当初的验收是怎么通过的。', '谁为这笔钱负责？', '有关部门至今没有拿出说法。'])}")
        title = rng.choice([f"{ev.head}为何“修了又坏”", f"{ev.head}成了“年年整、年年乱”", ""])
    elif t == 6:
        text = (f"#{city}{ev.head}# {past}就有人反映{where}{ev.problem[:30]}，{rng.choice(['一年过去了', '两年过去了', '半年过去了'])}，"
                f"{ev.still}。{rng.choice(['@' + city + '发布 能不能管一管', '到底有没有人管？', '转发扩散，希望有人看到'])}")
        title = ""
    elif t == 7:
        text = (f"{_lead(rng, city, county)}针对{rng.choice(['群众反映', '网民留言', '代表建议'])}的{where}{ev.problem[:36]}问题，{dept}{rng.choice(PROMISE)}。"
                f"如今{rng.choice(['大半年', '一年多', '几个月'])}过去了，{ev.still}。{_reply(rng, dept)}")
        title = rng.choice([f"{ev.head}：承诺之后", f"{ev.head}问题如今怎样了", ""])
    else:
        text = (f"网友：{where}{ev.problem}，希望有关部门解决。\n回复：您好，经{dept}核实，已{ev.fix[:30]}，感谢您的监督。\n"
                f"网友追评：回复说已经处理了，可{ev.still}。{rng.choice(['这就叫办结？', '请不要再敷衍了。', '希望再派人来看看。'])}")
        title = f"{ev.head}，回复“已办结”问题还在"
    return title, text, raw.topic


def problem_now(rng: random.Random) -> tuple[str, str, str | None]:
    """The same events' problems told as they are now (a letter, a post, a report), never fixed: adverse.

    The fixed stories recall these very words in the past; here they are the present, so the words
    of a problem are no label by themselves either way."""
    raw, slots, city, county = _ev(rng)
    ev = _sub(raw, slots)
    where = f"{county}{ev.spot}"
    t = rng.randrange(5)
    if t == 0:
        text = (f"{rng.choice(['尊敬的领导：您好！', '市长您好，', '您好，'])}我是{where}的{rng.choice(['居民', '村民', '家长', '一名普通群众'])}，想反映一个情况：{where}{ev.problem}。"
                f"{rng.choice(['这个情况已经持续很长时间了', '周边群众都有同感', '我们自己也想过办法，但解决不了'])}。{rng.choice(['建议', '恳请', '希望'])}{ev.dept}{rng.choice(['实地看一看', '尽快研究解决', '给个答复'])}，谢谢！")
    elif t == 1:
        text = (f"{_lead(rng, city, county)}{rng.choice(['近日', '日前', '连日来'])}，{rng.choice(['多名群众向本报反映', '有读者致电本报热线', '不少网友在论坛留言'])}，{where}{ev.problem}。"
                f"记者实地走访看到，情况基本属实。{_who(rng)}告诉记者：“{rng.choice(['天天都是这样，没人管。', '反映过好几次了。', '不知道该找谁。'])}”{_reply(rng, ev.dept)}")
    elif t == 2:
        text = (f"{rng.choice(['有没有人管管', '说个事', '求助'])}：{where}{ev.problem}。{rng.choice(['住在这里好几年了一直这样', '不是一天两天了', '大家都受够了'])}，"
                f"{rng.choice(['打12345也没用', '@' + city + '发布', '希望有关部门看到'])}。{rng.choice(['', '顶上去！', '同求解决'])}")
    elif t == 3:
        text = (f"#{city}{ev.head}# {where}{ev.problem}，{rng.choice(['什么时候能解决？', '这就是民生？', '有关部门能不能上点心。', '求扩散。'])}")
    else:
        text = (f"网友留言：{where}{ev.problem}，请问有没有解决的计划？\n回复：您好，您反映的问题已转{ev.dept}研究办理，感谢您的关注。\n"
                f"{rng.choice(['网友追评', '留言人', '网友再次留言'])}：{rng.choice(['一个月前就是这么回复的', '每次都是这句话', '转来转去'])}，{rng.choice(['现在还是老样子', '到底谁来管', '问题一点没变'])}。")
    return rng.choice([f"{ev.head}问题亟待解决", f"反映{where}的问题", ""]), text, raw.topic


# -- exposé inside a positive-sounding report ------------------------------------------------------
AWARDS = [("{county}政务服务中心", "省级“群众满意窗口”", "自助终端过半黑屏，窗口前排队的群众要等两三个小时，工作人员在柜台后玩手机"),
          ("{county}{s}社区", "“全国示范社区”", "挂牌的养老服务站常年锁门，台账上登记的活动照片是同一批老人反复摆拍"),
          ("{county}第一人民医院", "“改善医疗服务示范医院”", "住院部有病人被要求到院外药店自费购买目录内药品，收费处重复收取检查费"),
          ("{county}{v}", "“美丽乡村示范村”", "村后的河沟里堆满了建筑垃圾，验收时用彩钢板挡了起来"),
          ("{county}实验中学", "“平安校园”", "学校宿舍楼消防通道被杂物堵死，灭火器多数已经过期"),
          ("{county}城投公司承建的{s}道路", "“市政优质工程”", "路面铺完不到一年已出现多处沉陷，检测发现沥青层厚度不到设计的一半"),
          ("{county}农贸市场", "“星级农贸市场”", "多个摊位的电子秤被改装，抽检的一批蔬菜农药残留超标"),
          ("{county}公共资源交易中心", "“规范化建设先进单位”", "一个标段的几家投标企业共用一个联系人，评标专家与中标企业存在利害关系"),
          ("{county}人社局", "“人民满意窗口”", "一百多名农民工的欠薪投诉压了四个月没有立案"),
          ("{county}环卫处", "“城乡环境整治先进集体”", "新建的垃圾中转站渗滤液直排进旁边的水渠"),
          ("{county}{e}", "“红色物业示范小区”", "小区公共收益三年没有公开，电梯维保记录是伪造的"),
          ("{county}水务公司", "“优质供水服务单位”", "城郊几个村的自来水浑浊发黄，检测浊度超标")]


def award_but(rng: random.Random) -> tuple[str, str, str | None]:
    """A positive-sounding report (表彰, 示范, 先进) with an exposé inside: adverse."""
    body, award, found = rng.choice(AWARDS)
    city, county = _place(rng)
    body = body.format(county=county, **_slots(rng))
    topic = {"政务服务中心": "社情民意", "社区": "社情民意", "医院": "卫生计生", "村": "其他", "中学": "应急管理", "道路": "公共基础设施建设",
             "农贸市场": "食品药品安全", "交易中心": "公共资源交易", "人社局": "就业", "环卫处": "其他", "水务公司": "公共基础设施建设"}
    label = next((v for k, v in topic.items() if k in body), "住房")
    t = rng.randrange(4)
    if t == 0:
        text = (f"{_lead(rng, city, county)}{body}{rng.choice(['日前', '上个月', '今年'])}获评{award}，{rng.choice(['当地媒体作了专题报道', '单位门口挂起了横幅', '还在全市作了经验交流'])}。"
                f"然而记者近日调查发现，{found}。{rng.choice(['对此，该单位负责人称“情况需要核实”。', '多名群众对此表示不解。', '主管部门表示已介入调查。'])}")
    elif t == 1:
        text = (f"{body}刚拿到{award}的牌子，{rng.choice(['有群众向本报反映', '就有网友发帖质疑', '记者就接到读者爆料'])}：{found}。"
                f"{rng.choice(REVISIT)}，情况基本属实。{_reply(rng, '主管部门')}")
    elif t == 2:
        text = (f"【先进的背后】宣传材料里，{body}是{award}，{rng.choice(['处处是亮点', '群众满意度百分之百', '经验做法全市推广'])}。"
                f"可{rng.choice(['记者暗访', '群众举报', '审计检查'])}发现的是另一番景象：{found}。荣誉与现实，差距为何这么大？")
    else:
        text = (f"{rng.choice(['省委巡视组', '市审计局', '市纪委监委', '省级督查组'])}在检查中发现，{award}{body}存在问题：{found}。"
                f"{rng.choice(['有关负责人已被约谈，责令限期整改。', '相关问题线索已移交纪检监察机关。', '督查组要求举一反三、全面整改。'])}")
    return rng.choice([f"{body}：荣誉背后的问题", "先进单位被曝问题", ""]), text, label


# -- 专项整治 results (0) and 督查通报 of 整改不到位 (1) -----------------------------------------------
CAMPAIGNS = [("燃气安全专项整治", "排查餐饮场所和居民用户", "处燃气安全隐患", "更换老化软管、加装报警装置"),
             ("电动自行车安全隐患全链条整治", "排查住宅小区和出租屋", "处飞线充电、楼道停放问题", "新建集中充电车棚、充电口"),
             ("农贸市场环境提升行动", "检查农贸市场和临街商铺", "处环境卫生和计量问题", "改造排水、更换电子秤"),
             ("校园周边环境综合治理", "检查学校周边店铺和摊点", "处不规范经营问题", "清理流动摊点、规范门店招牌"),
             ("背街小巷环境整治", "梳理背街小巷", "处路面破损、管线杂乱问题", "重铺路面、整理线缆"),
             ("违法建设治理", "摸排存量违建", "处违法建设", "拆除违建、恢复绿地"),
             ("“清河行动”", "巡查河道和入河排污口", "处河道“四乱”问题", "清理河道垃圾、封堵非法排污口"),
             ("根治欠薪冬季专项行动", "检查在建工程项目和用工单位", "起欠薪线索", "为劳动者追发工资"),
             ("养老机构服务质量提升行动", "检查养老机构", "处服务和安全问题", "完善消防设施、配齐护理人员"),
             ("招投标领域突出问题专项整治", "抽查招标项目和招标文件", "处不规范条款", "修改招标文件、完善交易规则"),
             ("自建房安全专项整治", "排查经营性自建房", "栋存在安全隐患的房屋", "加固、停用或拆除"),
             ("道路交通安全隐患排查", "排查国省道和农村公路", "处交通安全隐患", "增设减速带、警示标志和护栏")]


def campaign_results(rng: random.Random) -> tuple[str, str, str | None]:
    """The results of a 专项整治 in numbers, told by the office: not adverse."""
    name, scope, found, fix = rng.choice(CAMPAIGNS)
    city, county = _place(rng)
    a = rng.randint(120, 6000)
    b = int(a * rng.uniform(0.9, 1.0))
    months = rng.choice(["三个月", "半年", "一百天", "两个月", "今年"])
    t = rng.randrange(4)
    if t == 0:
        text = (f"{_lead(rng, city, county)}{months}{'以来' if months == '今年' else '来'}，{county}{name}取得阶段性成效：共{scope}{rng.randint(300, 9000)}家（处），"
                f"发现{a}{found}，已整改{b}处，整改率{round(b / a * 100, 1)}%，{fix}{rng.randint(20, 800)}处（个）。"
                f"{rng.choice(['下一步将转入常态化管理。', '对未完成的，实行挂牌督办、限期销号。', '群众对整治成效普遍认可。'])}")
    elif t == 1:
        text = (f"【{name}成效】{rng.choice(['一组数据看变化：', '晒晒成绩单：'])}{scope}{rng.randint(300, 9000)}家（处）→ 发现{a}{found} → 整改{b}处 → {fix}。"
                f"{rng.choice(['隐患清零，安全加码。', '整治不停步，长效管理跟上。', '感谢大家的理解和配合！'])}#{city}{name.strip('“”')}#")
    elif t == 2:
        text = (f"{county}召开{name}总结会。会议通报，整治期间各部门{scope}，累计发现{a}{found}，目前已整改到位{b}处，"
                f"{fix}；群众投诉量同比下降{rng.randint(20, 60)}%。会议要求，巩固整治成果，建立长效机制，防止问题反弹。")
    else:
        text = (f"{city}市{name}“回头看”显示，前期发现的{a}{found}中，{b}处已经整改完毕并通过验收，其余{a - b}处正在按计划推进，均已落实责任人和完成时限。"
                f"{rng.choice(['回访中，受访群众普遍表示满意。', '各地还探索出了一批长效管护的好办法。'])}")
    return rng.choice([f"{name}取得阶段性成效", f"{county}{name}成绩单", ""]), text, None


def campaign_failed(rng: random.Random) -> tuple[str, str, str | None]:
    """A 督查通报 of a 专项整治 not done, faked or backsliding: adverse."""
    name, _, _, _ = rng.choice(CAMPAIGNS)
    city, county = _place(rng)
    n = rng.randint(3, 14)
    bad = rng.choice(["整改台账与现场不符，部分已“销号”的隐患仍然存在", "存在虚报整改数据、以文件落实整改的问题", "整改后问题反弹，部分点位又回到原样",
                      "对群众反映强烈的问题推诿扯皮，逾期未整改", "整改照片系摆拍，现场核查发现问题依旧"])
    text = (f"{city}市{rng.choice(['督查室', '纪委监委', '整治办', '政府督查组'])}近日通报{name}督查情况：抽查的{n}个{rng.choice(['乡镇（街道）', '部门', '点位', '项目'])}中，"
            f"{rng.randint(2, n)}个{bad}。{county}{rng.choice(['被点名批评', '相关负责人被约谈', '被责令限期整改并作书面检查'])}。"
            f"{rng.choice(['通报要求各地举一反三，严禁搞形式主义。', '对再次出现的，将严肃追责问责。', ''])}")
    topic = "应急管理" if any(w in name for w in ("燃气", "电动", "自建房", "道路交通")) else "公共资源交易" if "招投标" in name else "就业" if "欠薪" in name else "其他"
    return rng.choice([f"{name}督查通报", "整改不到位被通报", ""]), text, topic


# -- service launches and plain service news (0); a launch that fails (1) -------------------------------
SERVICES = [("城市书房", "二十四小时开放，市民刷身份证就能进门借书", "已有上万人次走进书房"),
            ("长者食堂", "六十岁以上老人一餐只要十元，两荤两素一汤", "每天有两百多位老人来吃饭"),
            ("社区托育点", "接收三岁以下婴幼儿，每月收费低于市场价三成", "首批八十个托位很快报满"),
            ("口袋公园", "利用边角地建成，有步道、座椅和儿童游乐设施", "成了附近居民饭后散步的好去处"),
            ("“一刻钟便民生活圈”", "菜店、药店、维修点、快递点在家门口就能找到", "居民买菜办事少跑不少路"),
            ("夜间政务服务", "工作日延长到晚上八点，周六上午照常办理", "上班族下班后就能办事"),
            ("农村客运“村村通”线路", "客车开进了十二个村，票价两元", "村民赶集、看病方便多了"),
            ("新能源汽车公共充电站", "可同时为四十辆车充电，扫码即充", "周边车主不用再排长队找桩"),
            ("“四点半课堂”", "大学生志愿者辅导孩子写作业、做手工", "暑期已服务孩子六百多人次"),
            ("社区康复站", "配备康复器材和康复师，残疾人和术后老人就近做训练", "每周接待训练群众三百多人次"),
            ("全民健身中心", "游泳馆、羽毛球馆向市民低价开放", "开馆首月接待健身群众三万人次"),
            ("医保服务站", "在乡镇卫生院就能办医保登记、报销", "群众不出镇就能办医保业务"),
            ("“社银一体化”网点", "在银行网点就能办社保卡补换、参保查询", "全市已有八十个网点可办"),
            ("退役军人服务站", "为退役军人提供就业指导和政策咨询", "已帮助两百多名退役军人就业"),
            ("“家门口就业”服务站", "每周发布岗位，提供免费技能培训", "已帮助四百多人找到工作"),
            ("城市绿道", "串联三个公园和滨江步道，全长十六公里", "周末骑行、跑步的市民络绎不绝")]


def service_launch(rng: random.Random) -> tuple[str, str, str | None]:
    """A service launched or a facility opened, told plainly: not adverse."""
    what, how, result = rng.choice(SERVICES)
    city, county = _place(rng)
    where = rng.choice([county, f"{county}{rng.choice(STREETS)}", f"{city}市"])
    t = rng.randrange(4)
    if t == 0:
        text = (f"{_lead(rng, city, county)}{rng.choice(['近日', '日前', '本月'])}，{where}{what}正式{rng.choice(['投入使用', '开放', '开通运行'])}。{how}。"
                f"{rng.choice(['运行以来', '开放一个月', '截至目前'])}，{result}。{rng.choice(PRAISE[:4])}{_who(rng)}说。"
                f"据介绍，今年{city}还将新建同类设施{rng.randint(5, 30)}处。")
    elif t == 1:
        text = (f"【家门口的{what}来了！】{how}。地址：{where}{rng.choice(['文化中心一楼', '社区服务中心旁', '老粮站改造后的院子里', '体育公园东门'])}。"
                f"开放时间：{rng.choice(['每天8:00—21:00', '全天', '周二至周日'])}。{result}，欢迎大家来体验！#{city}民生实事#")
    elif t == 2:
        text = (f"{where}的{what}开起来了。{how}，{result}。“{rng.choice(['原来要跑很远，现在下楼就到', '没想到家门口也能有这么好的地方', '环境好，价钱也实在'])}。”"
                f"{_who(rng)}说。{rng.choice(['据了解，这是今年市政府十件民生实事之一。', '负责人介绍，后续将根据群众意见增加服务项目。', ''])}")
    else:
        text = (f"{city}市{rng.choice(['民政局', '住建局', '人社局', '医保局', '交通运输局', '文旅广体局', '总工会', '政务服务中心'])}"
                f"{rng.choice(['日前', '近日'])}介绍，{what}建设全面铺开，{how}。截至目前，全市已建成{rng.randint(10, 90)}处，{result}。"
                f"下一步将推动{what}向{rng.choice(['农村地区', '老旧小区', '产业园区'])}延伸，让更多群众受益。")
    return rng.choice([f"{where}{what}正式启用", f"{what}：小设施大民生", f"家门口的{what}", ""]), text, None


LAUNCH_FAIL = ["上线首日系统就崩溃，现场群众排队三四个小时，不少人白跑一趟", "开放不到一个月就以“整修”为由关门，至今没有重新开放",
               "收费比宣传的高出一倍，老人们说“吃不起”", "建在偏僻的路尽头，没有公交能到，开放以来几乎没人", "开放当天就因为设备故障停用，工作人员也说不清什么时候修好",
               "预约系统天天显示“已满”，可到现场一看里面空空荡荡"]


def launch_failed(rng: random.Random) -> tuple[str, str, str | None]:
    """The same launch where what is reported now is a failure: adverse."""
    what, how, _ = rng.choice(SERVICES)
    city, county = _place(rng)
    fail = rng.choice(LAUNCH_FAIL)
    t = rng.randrange(3)
    if t == 0:
        text = (f"{county}{what}{rng.choice(['上个月', '今年年初', '前不久'])}启用时宣传“{how}”。可{rng.choice(REVISIT)}，{fail}。"
                f"{rng.choice(ANGRY)}{_who(rng)}说。{rng.choice(EVADE)}。")
    elif t == 1:
        text = (f"{rng.choice(['领导您好', '市长信箱：', '网友留言：'])}，{county}新建的{what}{fail}。当初{rng.choice(['宣传得热热闹闹', '还上了新闻', '说是为民办实事'])}，"
                f"现在{rng.choice(['没人管', '成了摆设', '群众意见很大'])}，请有关部门尽快{rng.choice(['整改', '给个说法', '查一查'])}。")
    else:
        text = (f"#{city}{what}# 宣传里说{how}。实际呢？{fail}。{rng.choice(['钱花了，老百姓一点没享受到。', '这就是民生实事？', '有没有人来管一管。'])}")
    return rng.choice([f"{what}成了摆设", f"{county}{what}运行遇冷", ""]), text, "社情民意"


# -- 辟谣 inside a positive report (0); a 辟谣 that confirms a real incident (1) ----------------------------
RUMOURS_DENIED = [("城南体育公园", "正式开园", "公园建成后要收门票", "公园全天免费开放，停车场前两小时不收费"),
                  ("{s}农贸市场", "改造完成重新开业", "菜市场要拆了改建商场", "市场产权和用途不变，原摊户全部回迁"),
                  ("市第二人民医院新院区", "开诊", "老院区要整体关停", "老院区保留门诊、急诊和住院服务，两院区同时运行"),
                  ("{county}公交场站", "建成启用", "多条公交线路要停运", "线路只是优化调整，具体走向已提前公示"),
                  ("{v}的村级敬老院", "改造后重新开放", "敬老院要交给私人老板承包", "敬老院仍由乡镇公办，入住费用不变"),
                  ("{county}自来水厂扩建工程", "通水运行", "水价要跟着涨一倍", "本次扩建不涉及水价调整，水价调整须依法举行听证"),
                  ("{county}新建的中学", "迎来首批学生", "学校要按户口“限招本地户籍”", "招生严格按划片政策执行，符合条件的随迁子女同等入学"),
                  ("滨江商业街", "开街", "商业街要对沿街住户征收管理费", "商业街管理费用由运营方承担，不向住户收取任何费用")]


def rumour_denied(rng: random.Random) -> tuple[str, str, str | None]:
    """A positive report that also denies a rumour: the news is good, not adverse."""
    place, event, rumour, fact = rng.choice(RUMOURS_DENIED)
    city, county = _place(rng)
    place = place.format(county=county, **_slots(rng))
    text = (f"{_lead(rng, city, county)}{rng.choice(['近日', '日前', '本周'])}，{place}{event}，{rng.choice(['不少市民一早赶来', '现场人气很旺', '周边居民纷纷点赞'])}。"
            f"针对此前{rng.choice(['网上流传', '网传', '有网友发帖称', '一些群众议论'])}的“{rumour}”的说法，{rng.choice(['有关负责人明确表示', '记者从主管部门了解到', '相关部门回应'])}，"
            f"{rng.choice(['此说法不实', '并无此事', '该说法没有依据'])}，{fact}。{rng.choice(['请市民以官方发布的信息为准。', '欢迎市民监督。', ''])}")
    return rng.choice([f"{place}{event}", f"{place}{event}，“{rumour[:8]}”系误传", ""]), text, None


CONFIRMED = [("网传{county}一工地塔吊倒塌致多人死亡", "塔吊确实发生倾覆，造成两名工人受伤送医，无人员死亡", "应急管理"),
             ("网传{county}一学校食堂饭菜致学生中毒", "确有十余名学生出现呕吐腹泻症状，已送医观察，食堂已停业接受调查", "食品药品安全"),
             ("网传{county}一小区电梯坠落", "电梯发生溜梯故障，一名乘客轻伤，涉事电梯已停用", "质监"),
             ("网传{county}城区多处大面积停水一周", "因主供水管破裂，部分片区停水已超过四十八小时，抢修仍在进行", "公共基础设施建设"),
             ("网传{county}某医院医生收受红包", "经调查一名医生确有收受患者家属财物行为，已被停职", "卫生计生"),
             ("网传{county}某村干部挪用低保金", "村委会一名委员确有违规代领低保金行为，已被立案调查", "扶贫")]


def rumour_confirms(rng: random.Random) -> tuple[str, str, str | None]:
    """A 辟谣 that still reports a real incident (not what was said, but something bad): adverse."""
    claim, real, topic = rng.choice(CONFIRMED)
    _, county = _place(rng)
    claim = claim.format(county=county)
    text = (f"{rng.choice(['关于网络传言的情况说明', '辟谣', '澄清说明'])}：近日，{claim}的信息引发关注。经核实，{rng.choice(['网传内容与事实不符', '“多人死亡”等说法不实', '网传情况有夸大成分'])}，"
            f"但{real}。{rng.choice(['相关部门正在调查原因，结果将及时公布。', '对于网传中的夸大说法，请网民不信谣不传谣。', '后续情况将及时通报。'])}")
    return rng.choice(["情况说明", "关于网传信息的说明", ""]), text, topic


# -- policy explanations (0) ---------------------------------------------------------------------------
QA = [("异地就医备案", "在外地长期居住的参保人，如何办理异地就医备案？", "可通过国家医保服务平台APP或本地医保公众号在线备案，备案后在就医地定点医院住院可直接结算。"),
      ("公积金提取", "租房可以提取住房公积金吗？", "可以。无房职工在本市租房的，每年可按规定额度提取一次，线上申请，审核通过后三个工作日内到账。"),
      ("生育津贴", "生育津贴怎么申领，多久能到账？", "用人单位在线申报后，审核通过的生育津贴直接发放到职工本人社保卡银行账户，一般十五个工作日内到账。"),
      ("灵活就业参保", "没有单位的灵活就业人员，能参加职工养老保险吗？", "可以。符合条件的灵活就业人员可在户籍地或就业地以个人身份参保，缴费基数可在规定范围内自主选择。"),
      ("新生儿落户", "新生儿落户需要跑几趟？", "实行“出生一件事”联办，出生医学证明、户口登记、医保参保、社保卡申领一次申请，最多跑一次。"),
      ("义务教育入学", "孩子今年上小学，入学登记什么时候开始？", "入学登记在网上报名平台进行，按划片范围登记，需准备户口簿、不动产权证或居住证等材料，具体时间以教育局公告为准。"),
      ("老旧小区改造", "我们小区想申请老旧小区改造，需要什么条件？", "建成年代较早、失养失修失管、居民改造意愿强烈的小区，可由社区组织居民提出申请，经街道初审后纳入改造计划。"),
      ("住房租赁补贴", "哪些家庭可以申请住房租赁补贴？", "符合本市低收入住房困难条件的家庭可以申请，补贴标准按家庭人口和住房面积核定，按季度发放。"),
      ("创业担保贷款", "个人创业能申请多少担保贷款，利息怎么算？", "符合条件的个人最高可申请二十万元创业担保贷款，按规定享受财政贴息，贷款期限最长三年。"),
      ("农机购置补贴", "买农机怎么申请补贴？", "购机后在农机购置补贴申请系统中填报，经乡镇和县农业农村部门审核公示后，补贴资金直接打到农户账户。"),
      ("医保门诊共济", "职工医保个人账户能给家人用吗？", "可以。个人账户可以用于支付配偶、父母、子女在定点医药机构就医购药的个人负担费用，在医保APP上绑定家庭成员即可。"),
      ("失业保险金", "失业了怎么领失业保险金？", "非本人意愿中断就业、缴费满一年并已办理失业登记的，可在线申领，领取期限根据累计缴费年限确定。")]


def policy_qa(rng: random.Random) -> tuple[str, str, str | None]:
    """A policy explanation (政策解读, 问答, 图解 in words): not adverse."""
    city, county = _place(rng)
    picks = rng.sample(QA, 2)
    body = "".join(f"问：{q}\n答：{a}\n" for _, q, a in picks)
    intro = rng.choice([f"【政策问答】关于{picks[0][0]}和{picks[1][0]}，大家最关心的问题，{city}市有关部门来解答：\n",
                        f"{city}发布｜{picks[0][0]}怎么办？一问一答看明白。\n", f"近期，不少市民咨询{picks[0][0]}等事项，现将有关政策解答如下：\n",
                        f"{county}融媒·政策解读：\n"])
    tail = rng.choice(["如有疑问，可拨打12345政务服务便民热线咨询。", "具体以经办机构的规定为准。", "转给需要的亲友吧！", ""])
    return rng.choice([f"{picks[0][0]}怎么办？权威解答来了", "政策问答", ""]), intro + body + tail, None


# The same services as the 问答, where what is told now is a failure (a complaint in the same words): adverse.
QA_FAIL = [("异地就医备案", "在网上备案显示成功，到了外地医院却说查不到备案信息，住院费全部自己垫付，回来报销又说材料不全", "卫生计生"),
           ("公积金提取", "租房提取公积金的申请交上去一个多月了，审核一直显示“处理中”，打电话问也说不清卡在哪里", "住房"),
           ("生育津贴", "孩子都半岁了，生育津贴还没到账，单位说已经报上去了，社保说没收到", "就业"),
           ("灵活就业参保", "在网上登记参保时选错了缴费档次，想改过来，窗口说当年不能改，只能先停保再重新登记，白白断缴了两个月", "就业"),
           ("新生儿落户", "说是出生一件事一次办，派出所让先去社区开证明，社区又让回医院补材料，跑了四趟还没落上户", "社情民意"),
           ("义务教育入学", "入学登记系统一开就打不开，好不容易提交了，审核结果又说房产信息对不上，孩子开学在即还没学校", "教育"),
           ("住房租赁补贴", "住房租赁补贴去年批下来了，可这个季度的钱到现在也没发，街道说要等上面拨款", "住房"),
           ("创业担保贷款", "创业担保贷款申请交了两个月，银行说要找担保人，和宣传的“免担保”完全不是一回事", "就业"),
           ("农机购置补贴", "去年买的收割机，补贴公示了半年还没打到卡上，乡里说资金没到位", "扶贫"),
           ("失业保险金", "失业保险金线上申领了三次都被退回，理由每次都不一样，窗口也说不清楚", "就业"),
           ("医保门诊共济", "在医保APP上绑定了家人，到药店刷卡却显示不能共济，药店和医保中心互相推", "卫生计生"),
           ("城乡居民医保缴费", "在手机上缴了城乡居民医保，钱扣了两次，去税务大厅问，说要自己写申请等退款", "卫生计生")]


def _answer(subject: str) -> str:
    """The 问答's own answer on a subject, quoted by a citizen whose case went otherwise."""
    return next((a for name, _, a in QA if name == subject), "符合条件的可以在线办理，审核通过后按规定发放。")


def qa_failed(rng: random.Random) -> tuple[str, str, str | None]:
    """A complaint about the very service a 问答 explains, in its words: adverse."""
    subject, what, topic = rng.choice(QA_FAIL)
    city, county = _place(rng)
    text = rng.choice([
        f"{rng.choice(['领导您好，', '市长信箱：', '您好，', '12345留言：'])}我想反映{subject}的问题。{what}。{rng.choice(['政策是好政策，可到了下面就走样了。', '我们普通老百姓真是折腾不起。', '请问到底该找哪个部门？'])}希望尽快解决。",
        f"#{city}{subject}# {what}。{rng.choice(['有同样遭遇的吗？', '说好的便民呢？', '就这效率？'])}",
        f"{_lead(rng, city, county)}近日，多名群众向本报反映，{county}{subject}办理不顺：{what}。记者联系{county}有关部门，{rng.choice(EVADE)}。",
        f"{county}发布的政策问答里写着：“{_answer(subject)}”可实际上，{what}。{rng.choice(['政策写得明明白白，落到我们身上怎么就变了样？', '请问问答里说的到底算不算数？', '希望有关部门按政策办事。'])}",
        f"{rng.choice(['领导您好，', '您好，'])}{_answer(subject)}——这是{rng.choice(['官方公众号', '政府网站', '社保中心门口的宣传栏'])}上的原话。我的情况是：{what}。{rng.choice(['麻烦给个准话。', '盼复。', '谢谢。'])}",
        f"“{_answer(subject)}”政策解读里是这么说的。{rng.choice(['我按要求办了', '我照着一步步做了', '材料一样不少'])}，结果{what}。{rng.choice(['这到底是谁的问题？', '希望有人管一管。', '请给个说法。'])}",
        f"问：{what}，这种情况该怎么办？\n答：您反映的情况我们已经记录，正在向经办机构核实，核实后将尽快回复。\n（网友追问：上个月就是这么答复的，到现在还没有结果。）"])
    return rng.choice([f"{subject}办不下来", f"反映{subject}问题", ""]), text, topic


# -- private consumers' rants in long form (0: no matter for the office, whatever the anger), beside a
# consumer's story of a hazard or a fraud the 市场监管 must answer for (1) ---------------------------------
SHOPS = ["新开的一家美甲店", "小区门口的理发店", "网上买的一台洗衣机", "某品牌手机的售后", "一家网红火锅店", "找的装修公司", "报的一个英语网课",
         "订的一家民宿", "某快递公司", "常去的一家奶茶店", "某视频网站的会员", "买的一辆二手车"]
RANTS = ["服务态度差到极点，问两句就不耐烦", "价格比说好的贵了一大截，还各种加项目", "说好三天到，拖了两个星期", "效果和宣传的完全是两回事",
         "客服踢皮球，转了五个人没一个能解决", "店里的空调坏了一个夏天也不修", "排队排了一个钟头，出来的东西一般般", "会员说涨价就涨价，一点不打招呼"]
HAZARDS = [("食品药品安全", "一家四口吃完回家全都上吐下泻，去医院挂了两天水，店家却说他们的菜绝对没问题"),
           ("食品药品安全", "买回来的熟食打开就有一股馊味，看了下生产日期是改过的"),
           ("质监", "充电器用了一个星期就冒烟烧黑了，差点把床单点着"),
           ("社会稳定", "办了三千块的预付卡，才用了两次，店就关门了，老板电话打不通，几十个会员都找不到人"),
           ("价格", "结账时菜单上的价格和实际收费对不上，一份菜多收了四十块，店家还说价目表是旧的"),
           ("质监", "新买的电动车刹车没骑几天就失灵，下坡时差点撞到人，商家说不在保修范围")]


def consumer(rng: random.Random) -> tuple[str, str, str | None]:
    """A private consumer's rant (0), or a consumer's story of a hazard or a fraud (1): the same register."""
    shop = rng.choice(SHOPS)
    lead = rng.choice(["真的气死我了！！", "吐槽一下，", "说个糟心事，", "提醒大家一句，", "家人们评评理，", "忍了很久还是要说，"])
    end = rng.choice(["以后再也不去了。", "大家擦亮眼睛吧。", "花钱买罪受。", "就当交学费了。", "气得我晚饭都没吃。"])
    if rng.random() < 0.6:
        rants = rng.sample(RANTS, 2)
        text = (f"{lead}{shop}，{rants[0]}。{rng.choice(['本来想着忍忍算了', '第一次还以为是意外', '朋友推荐才去的'])}，结果{rants[1]}。"
                f"{rng.choice(['找他们理论，对方一句“爱来不来”', '差评发出去还被商家私信骚扰', '退款申请到现在还在审核'])}。{end}")
        return rng.choice(["", f"{shop}避雷", "吐槽"]), text, None
    topic, hazard = rng.choice(HAZARDS)
    text = (f"{lead}{shop.replace('的售后', '')}，{hazard}。{rng.choice(['已经向市场监管部门投诉了', '准备去消协投诉', '报了警也留了证据'])}，"
            f"{rng.choice(['希望有关部门查一查', '不能让更多人上当', '这种店必须有人管'])}。{end}")
    return rng.choice(["", f"{shop}出事了", "求助"]), text, topic


# -- the official register telling bad news (1): a 情况通报 of an incident and a flat exposé with officials'
# words (根据, 规定, 经调查, 介绍, 针对, 日前, 回访, 公布 …), the same words the notices and good news use ------
INCIDENTS = [("应急管理", "{county}{s}一在建工地发生基坑局部坍塌，{k}名工人被埋", "{k}名工人被救出后送医，其中一人经抢救无效死亡", "施工单位未按方案放坡开挖"),
             ("食品药品安全", "{county}一所中学部分学生午餐后出现呕吐、腹痛等症状", "{n}名学生送医观察，目前均无生命危险", "食堂一批凉拌菜储存不当"),
             ("质监", "{county}{e}一部电梯运行中突然下坠", "{k}名乘客受伤送医，涉事电梯已停用", "维保单位长期未按规定开展维护保养"),
             ("应急管理", "{county}{s}一居民楼发生火灾", "明火约半小时后扑灭，{k}人受伤", "电动自行车在楼道内违规充电"),
             ("应急管理", "{county}境内国道发生一起货车与客车相撞的交通事故", "造成{k}人受伤，伤者已送医救治", "货车驾驶人超速行驶"),
             ("公共基础设施建设", "{county}城区供水出现异味，部分居民反映自来水浑浊", "供水企业已对管网冲洗排放，水质检测正在进行", "水源地附近一处排污口违规排放"),
             ("卫生计生", "一名患者在{county}人民医院手术后死亡，家属对诊疗过程提出异议", "医院已封存病历，双方同意进行医疗损害鉴定", "有关诊疗是否规范正在调查"),
             ("就业", "{county}一家服装厂拖欠{n}名工人工资，部分工人到厂区门口讨薪", "经人社部门协调，企业承诺分期支付", "企业资金链断裂，负责人一度失联"),
             ("公共资源交易", "{county}一个道路工程项目在招标中被举报存在串通投标", "项目已暂停，相关投标企业被立案调查", "多家投标企业的标书由同一人制作"),
             ("社会稳定", "{county}{s}夜市两伙人因琐事发生斗殴", "{k}人受伤，{k}名涉事人员被警方控制", "双方酒后发生口角")]


def incident_report(rng: random.Random) -> tuple[str, str, str | None]:
    """An official 情况通报 of a bad event, in the register of notices: adverse (the event is bad news)."""
    topic, what, done, why = rng.choice(INCIDENTS)
    city, county = _place(rng)
    fill = {"county": county, "k": rng.randint(2, 6), "n": rng.randint(12, 90), **_slots(rng)}
    what, done = what.format(**fill), done.format(**fill)
    body = rng.choice(["情况通报", "关于有关情况的通报", "警情通报", "事件处置情况说明"])
    text = rng.choice([
        f"{body}：{_date(rng)}{rng.randint(1, 23)}时许，{what}。接报后，{county}{rng.choice(['立即启动应急预案', '主要负责同志赶赴现场', '相关部门第一时间到场处置'])}。{done}。"
        f"经初步调查，{why}。根据有关规定，相关责任人已被{rng.choice(['停职', '立案调查', '依法控制', '正式立案调查'])}。具体原因正在进一步调查，结果将及时向社会公布。",
        f"{city}市{rng.choice(['应急管理局', '市场监管局', '卫健委', '公安局', '住建局'])}{_date(rng)}通报：{what}。{done}。针对此事，{rng.choice(['成立了联合调查组', '已责令涉事单位停业整顿', '已对同类场所开展排查'])}。"
        f"调查组负责人介绍，{why}，下一步将依法依规严肃处理。",
        f"{_lead(rng, city, county)}日前，{what}。记者从{county}有关部门获悉，{done}。据调查组介绍，{why}。{county}有关负责人表示，将根据调查结果依法依规追究责任。"])
    return rng.choice([body, f"{county}通报一起事故", ""]), text, topic


AUDITS = [("其他", "审计发现，{county}{k}个乡镇将{n}万元农村道路养护资金挪用于办公楼装修", "审计部门已责令整改，并将问题线索移交纪检监察机关"),
          ("教育", "{county}{k}所学校以“资料费”“服务费”名义向学生收取费用，合计{n}万元", "教育部门已责令全额清退，并对相关校长进行约谈"),
          ("住房", "{county}一个保障房项目规划变更后配套学校和菜市场取消，{n}户业主不知情", "住建部门表示，相关变更程序正在复核"),
          ("住房", "{county}{k}个老旧小区改造项目验收资料造假，部分工程未施工即结算，涉及资金{n}万元", "住建部门已暂停拨付尾款，并组织逐项复核"),
          ("公共基础设施建设", "{county}{k}处农村集中供水工程建成后长期没有开展水质检测，部分水池无人管护", "水利部门表示，将委托第三方对水质逐一检测"),
          ("扶贫", "{county}{k}个村的产业扶贫项目建成后闲置，涉及资金{n}万元", "农业农村部门已对项目逐一核查，责令限期盘活"),
          ("卫生计生", "{county}{k}家定点医药机构存在串换药品、虚记费用等问题，涉及医保基金{n}万元", "医保部门已追回资金，并暂停相关机构医保结算"),
          ("就业", "{county}{k}个乡镇的公益性岗位存在“吃空饷”问题，有人挂名领钱却从不上岗，涉及资金{n}万元", "人社部门已追回资金，并对岗位进行清理"),
          ("公共资源交易", "{county}{k}个政府采购项目存在化整为零、规避公开招标的问题", "财政部门已责令采购人整改，并对相关人员进行约谈"),
          ("价格", "{county}{k}家停车场未按规定公示收费标准，部分时段超标准收费", "市场监管部门已依法立案，责令退还多收费用")]


def flat_expose(rng: random.Random) -> tuple[str, str, str | None]:
    """A flat exposé with the officials' register (审计, 日前, 介绍, 根据规定, 回访): adverse."""
    topic, found, reply = rng.choice(AUDITS)
    city, county = _place(rng)
    found = found.format(county=county, k=rng.randint(2, 9), n=rng.randint(20, 900))
    text = rng.choice([
        f"{_lead(rng, city, county)}日前，{rng.choice(['市审计局公布的审计报告显示', '省级督查组反馈', '记者从有关部门了解到', '市人大常委会执法检查发现'])}，{found}。"
        f"针对上述问题，{reply}。{rng.choice(['记者近日回访发现，部分问题仍未整改到位。', '根据有关规定，整改情况将向社会公开。', '群众对此反映强烈。'])}",
        f"{rng.choice(['记者调查', '本报调查', '问政追踪'])}｜{found}。{rng.choice(['据知情人介绍', '据了解'])}，这一情况{rng.choice(['已持续较长时间', '此前已被多次反映'])}。"
        f"{reply}。{rng.choice(['本报将持续关注整改进展。', '具体处理结果尚未公布。', ''])}"])
    return rng.choice([f"{county}被指{found[len(county):len(county) + 12]}", "审计发现问题", ""]), text, topic


# -- notices: 0, and notices that themselves announce harm: 1 -------------------------------------------
def _date(rng: random.Random) -> str:
    return f"{rng.choice([2026, 2027])}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def notice(rng: random.Random) -> tuple[str, str, str | None]:
    """预公告, 征求意见, 缴费, 标准调整, 安全提示, planned outages, 交通管制, 招聘: not adverse."""
    city, county = _place(rng)
    street, village = rng.choice(STREETS), rng.choice(VILLAGES)
    t = rng.randrange(10)
    if t == 0:
        project = rng.choice(["城东大道延伸段", "滨江污水处理厂三期", "第二中学扩建", "高铁站站前广场", "工业园区配套道路", "城乡供水一体化"])
        title = f"{county}人民政府关于{project}项目拟征收土地的预公告"
        text = (f"为实施{project}项目建设，根据有关法律法规，{county}人民政府拟征收{street}{village}集体土地约{rng.randint(20, 300)}亩。"
                f"本预公告发布后，拟征收范围内的单位和个人不得抢栽抢种、抢建抢装，违反规定的部分不予补偿。县自然资源部门将组织开展土地现状调查和社会稳定风险评估，"
                f"请相关权利人予以配合。联系电话：0{rng.randint(700, 799)}-{rng.randint(2000000, 8999999)}。")
    elif t == 1:
        doc = rng.choice(["养犬管理条例", "城市绿化管理办法", "物业服务收费管理办法", "电动自行车管理规定", "公共停车场管理办法", "农贸市场管理办法"])
        title = f"关于公开征求《{city}市{doc}（征求意见稿）》意见的公告"
        text = (f"为提高立法质量，广泛听取社会各界意见，现将《{city}市{doc}（征求意见稿）》全文公布。公众可在{_date(rng)}前，通过以下方式提出意见："
                f"一是登录市政府门户网站“意见征集”栏目在线留言；二是发送电子邮件；三是信函寄送至市司法局立法科。来信请注明“征求意见”字样。")
    elif t == 2:
        kind = rng.choice(["城乡居民基本医疗保险", "城乡居民基本养老保险"])
        title = f"{city}市{rng.choice([2027, 2028])}年度{kind}参保缴费开始啦"
        text = (f"{kind}集中缴费期为{rng.randint(9, 10)}月1日至12月31日。{rng.choice(['个人缴费标准按国家和省规定执行', '缴费档次可自主选择'])}，"
                f"特困人员、低保对象等按规定享受资助参保。缴费渠道：税务APP、微信或支付宝搜索“城乡居民缴费”、银行网点及村（社区）代收点。"
                f"温馨提示：请在集中缴费期内按时缴费，以免影响待遇享受；谨防冒充工作人员的诈骗电话。")
    elif t == 3:
        what = rng.choice([("城乡低保标准", "城市每人每月提高到{a}元，农村每人每年提高到{b}元"), ("特困人员基本生活标准", "每人每月提高到{a}元"),
                           ("八十周岁以上老人高龄津贴", "每人每月提高到{c}元"), ("住房公积金缴存基数", "上限调整为{a}元，下限按最低工资标准执行"),
                           ("城乡居民基础养老金", "每人每月提高{c}元")])
        title = f"关于调整{what[0]}的通知"
        text = (f"经{city}市人民政府同意，自{_date(rng)}起调整{what[0]}，" + what[1].format(a=rng.randint(700, 900), b=rng.randint(5000, 7000), c=rng.randint(20, 200))
                + "。各县（市、区）要按新标准及时足额发放，所需资金按现行渠道解决。调整后的标准由民政、人社等部门负责解释。")
    elif t == 4:
        tip = rng.choice([("防溺水", "夏季气温升高，学生下河游泳增多", "不私自下水、不在无安全设施的水域游泳、不擅自下水施救，发现有人落水立即呼救并拨打110"),
                          ("冬季用电用火", "冬季取暖用电增加", "不私拉乱接电线、不在室内给电动车充电、使用取暖器时远离可燃物，人走断电"),
                          ("电信网络诈骗防范", "年底各类诈骗手段翻新", "不点陌生链接、不向陌生账户转账、不把验证码告诉他人，接到可疑电话拨打96110咨询"),
                          ("汛期出行安全", "进入主汛期", "雨天尽量减少外出，不涉水过河、不在低洼处停车，关注气象预警信息"),
                          ("春节烟花爆竹燃放", "春节将至", "在允许燃放的区域和时段燃放，购买合格产品，不在阳台、楼道燃放")])
        title = f"{tip[0]}安全提示"
        text = (f"【{tip[0]}安全提示】{tip[1]}，{city}市{rng.choice(['应急管理局', '消防救援支队', '公安局', '教育局', '防汛办'])}提醒广大市民：{tip[2]}。"
                f"请家长、监护人加强看护，各单位做好宣传提醒。安全无小事，转发提醒身边人！")
    elif t == 5:
        kind, why = rng.choice([("停水", "供水管网改造接驳"), ("停电", "配电线路检修"), ("停气", "燃气管道迁改"), ("停电", "变电站设备预防性试验")])
        title = f"关于{county}部分区域计划{kind}的通知"
        text = (f"因{why}，定于{_date(rng)}{rng.randint(7, 9)}:00至{rng.randint(15, 20)}:00对以下区域{kind}：{street}{rng.choice(ESTATES)}、"
                f"{rng.choice(ESTATES)}及{rng.choice(['沿街商铺', '周边企业', '工业园A区'])}。如遇特殊情况，{kind}时间将顺延。请用户提前做好准备，"
                f"{rng.choice(['储备生活用水', '关闭用电设备', '关闭燃气阀门'])}。给您带来不便，敬请谅解。咨询电话：{rng.choice(['96388', '95598', '96777'])}。")
    elif t == 6:
        why = rng.choice([("道路提质改造施工", "全封闭施工，禁止机动车通行"), ("桥梁定期检测", "半幅通行，请减速慢行"),
                          ("迎春长跑比赛", "赛道沿线实行临时交通管制"), ("管网迁改施工", "禁止大型货车通行"), ("高考", "考点周边禁止鸣笛、限制通行")])
        title = f"关于{why[0]}期间实行交通管制的通告"
        text = (f"因{why[0]}需要，{_date(rng)}起，{county}{rng.choice(['人民路', '建设路', '解放大道', '迎宾路', '环城北路'])}{rng.choice(['全段', '部分路段', '与滨江路交叉口'])}{why[1]}。"
                f"过往车辆请按指示标志绕行，行人注意安全。管制期间，公交线路临时调整，详见公交公司公告。特此通告。{county}公安局交通警察大队")
    elif t == 7:
        title = f"{city}市{rng.choice([2026, 2027])}年事业单位公开招聘工作人员公告"
        text = (f"根据工作需要，{city}市{rng.choice(['卫健系统', '教育系统', '市直事业单位', '乡镇事业单位'])}计划公开招聘工作人员{rng.randint(20, 300)}名。"
                f"报名采取网上报名方式，报名时间为{_date(rng)}至{_date(rng)}。招聘按照报名、资格审查、笔试、面试、体检、考察、公示的程序进行。"
                f"具体岗位、条件详见附件，咨询电话由各主管部门公布。")
    elif t == 8:
        title = f"关于{county}{rng.choice(['城市总体规划', '控制性详细规划', '城区停车场布局规划'])}批前公示"
        text = (f"为广泛听取公众意见，现将{county}{rng.choice(['北部片区', '老城片区', '高铁新城'])}规划方案予以公示。公示期{rng.choice([30, 15])}天，"
                f"公示期间，公众可到{county}自然资源局规划股查阅，或登录政府网站查看，对规划方案有意见建议的，请以书面形式提出并注明联系方式。")
    else:
        title = f"关于召开{rng.choice(['公共交通票价', '出租车运价', '停车收费标准', '管道天然气配气价格'])}调整听证会的公告"
        text = (f"{city}市发展和改革委员会定于{_date(rng)}召开听证会，现公开遴选听证参加人和旁听人员{rng.randint(10, 30)}名。"
                f"凡年满十八周岁、在本市居住的市民均可报名，报名时请提供身份证复印件和联系方式。调整方案及成本监审报告已在市发改委网站公布，欢迎社会各界监督。")
    return title, text, None


def notice_of_harm(rng: random.Random) -> tuple[str, str, str | None]:
    """A notice that itself announces harm (an accident's outage, an evacuation, a collapse, a failed check): adverse."""
    city, county = _place(rng)
    street, estate = rng.choice(STREETS), rng.choice(ESTATES)
    t = rng.randrange(7)
    if t == 0:
        title = rng.choice(["关于突发停水的紧急通知", "紧急停水公告", f"{_date(rng)}停水抢修公告"])
        text = (f"{rng.randint(1, 28)}日凌晨，{county}{rng.choice(['人民路', '工业大道', '滨江路'])}DN{rng.choice([600, 800, 1000])}主供水管突发爆裂，造成{street}及周边"
                f"{rng.randint(3, 20)}个小区停水。抢修难度较大，预计恢复供水需要{rng.choice(['三天', '七十二小时以上', '两到三天'])}。期间将安排送水车到各小区定点供水，"
                f"由此给广大用户造成的影响，我们深表歉意。{county}自来水公司")
        topic = "公共基础设施建设"
    elif t == 1:
        why = rng.choice(["楼体出现明显裂缝和倾斜", "地下管道燃气泄漏", "相邻工地基坑发生坍塌", "山体出现滑坡迹象"])
        title = f"关于{estate}紧急疏散居民的通告"
        text = (f"{rng.randint(1, 28)}日{rng.randint(1, 23)}时许，{county}{street}{estate}{why}。为确保群众生命安全，现场指挥部决定立即疏散"
                f"{rng.randint(2, 9)}栋楼共{rng.randint(40, 400)}户居民，安置在附近{rng.choice(['学校', '酒店', '社区服务中心'])}。请相关住户听从工作人员指挥，"
                f"不要擅自返回。事故原因正在调查中。")
        topic = "应急管理"
    elif t == 2:
        title = rng.choice(["交通管制通告", "关于路面塌陷实行交通管制的公告"])
        text = (f"因{county}{rng.choice(['解放路', '车站路', '北环路'])}与{rng.choice(['中山路', '建设路', '河西大道'])}交叉口发生路面塌陷，形成一个深约{rng.randint(2, 6)}米的坑洞，"
                f"一辆{rng.choice(['小轿车', '面包车', '电动三轮车'])}陷入其中。即日起对该路段实行全封闭交通管制，过往车辆请绕行。塌陷原因正在排查，恢复通行时间另行通知。")
        topic = "应急管理"
    elif t == 3:
        item = rng.choice(["桶装饮用水", "散装白酒", "学生校服", "儿童玩具", "电动自行车头盔", "鸡蛋", "豆芽"])
        title = f"关于{rng.randint(1, 12)}月份食品和产品质量抽检情况的通告"
        text = (f"{city}市市场监督管理局近期组织抽检{item}等产品{rng.randint(50, 300)}批次，其中{rng.randint(3, 12)}批次不合格，"
                f"涉及{county}{rng.randint(2, 8)}家经营单位，不合格项目包括{rng.choice(['菌落总数超标', '甲醛含量超标', '冲击吸收性能不达标', '恩诺沙星超标', '酒精度不符合标示值'])}。"
                f"对不合格产品，已责令下架、召回，并依法立案查处。")
        topic = "食品药品安全" if item in {"桶装饮用水", "散装白酒", "鸡蛋", "豆芽"} else "质监"
    elif t == 4:
        title = f"关于{county}{rng.choice(['实验小学', '第三中学', '城南幼儿园'])}临时停课的通知"
        text = (f"近日，{county}{rng.choice(['实验小学', '第三中学', '城南幼儿园'])}出现{rng.choice(['诺如病毒感染', '流感', '水痘'])}聚集性病例，"
                f"累计{rng.randint(12, 60)}名学生发病。经疾控部门评估，决定自{rng.randint(1, 28)}日起停课一周，全面消杀。家长如发现孩子出现症状，请及时就医。")
        topic = "卫生计生"
    elif t == 6:
        title = rng.choice(["关于调整恢复供水时间的公告", "关于延长停水时间的紧急公告"])
        text = (f"{county}{street}一带因主供水管破裂停水，原计划{rng.randint(1, 28)}日晚恢复供水。因抢修中发现管道多处锈蚀破损，恢复时间调整为"
                f"{rng.choice(['两天后', '本周末', '下周一'])}，全部用户恢复供水预计还需{rng.choice(['四十八小时', '三天'])}。期间请通过以下方式取水：到指定的"
                f"{rng.randint(3, 8)}个临时供水点取水，或拨打热线预约送水。停水给大家正常生活造成的严重影响，我们深表歉意。")
        topic = "公共基础设施建设"
    else:
        title = rng.choice(["关于大面积停电的情况说明", f"关于{_date(rng)}城区停电的公告"])
        text = (f"{rng.randint(1, 28)}日{rng.randint(1, 23)}时许，因{rng.choice(['变电站主变压器故障起火', '施工挖断高压电缆', '线路遭雷击跳闸'])}，{county}城区"
                f"{rng.randint(5, 40)}个小区和{rng.choice(['两家医院', '一所学校', '多家企业'])}停电，部分居民被困电梯。抢修人员正全力抢修，"
                f"截至目前已恢复{rng.randint(30, 80)}%用户供电。对此给大家造成的不便和损失，我们深表歉意。")
        topic = "公共基础设施建设"
    return title, text, topic


# -- a disaster or accident recalled, with the recovery reported now (0) or still not done (1) ----------
RECOVERY = [("应急管理", "去年汛期", "{v}的拦河堰被洪水冲开一道口子，下游两百多亩农田无法灌溉", "拦河堰修复加固工程日前完工，灌溉渠重新通水",
             "拦河堰的缺口至今只用沙袋堆着，一场大雨又被冲开，农田还是浇不上水"),
            ("应急管理", "前年冬天", "{s}一家小作坊失火，暴露出沿街门店“下店上住”的隐患", "沿街门店全部完成分隔改造，每户配齐灭火器和独立烟感",
             "当时说要整改，可记者看到不少门店楼上照样住人，灭火器落满了灰"),
            ("公共基础设施建设", "今年春天", "{s}一段供水主管因地基沉降破裂，周边小区停水两天", "新铺设的主管道日前完成试压并投入运行，片区供水更加稳定",
             "抢修完的管道上个月又在原处漏水，周边小区又停了一天水"),
            ("应急管理", "去年雨季", "{v}后山发生小面积滑坡，几户村民的房屋受到威胁", "受威胁的村民全部搬进新建的安置房，滑坡点完成削坡和挡墙治理",
             "说好的搬迁安置至今没落实，几户村民还住在山脚下，一下雨就提心吊胆"),
            ("质监", "年初", "{e}一部电梯发生溜梯，所幸无人受伤", "小区十二部老旧电梯全部更新，加装了远程监测装置",
             "出事的电梯修好后照常运行，其余几部同批次的老电梯一部没换"),
            ("公共基础设施建设", "去年夏天", "一场暴雨让{s}下穿隧道积水，一辆轿车被困", "隧道排水泵站扩容改造完成，并加装了积水监测和自动拦截装置",
             "改造只换了块警示牌，今年第一场大雨隧道又积了一米多深的水"),
            ("应急管理", "前年", "{county}一处桥梁因超载车辆通行出现裂缝，被紧急封闭", "原址重建的新桥已经通车，并设置了限高限重设施",
             "封闭两年多，新桥连个开工的影子都没有，群众只能绕行十公里"),
            ("食品药品安全", "去年", "{s}一所学校食堂发生学生腹泻事件", "全市学校食堂完成明厨亮灶改造，食材统一配送、全程可追溯",
             "整改验收后，记者随机抽查发现仍有食堂的留样记录是空白的"),
            ("应急管理", "去年秋天", "{county}林场发生一起山火，过火面积几十亩", "林区新建了防火通道和监控塔，组建了一支半专业扑火队伍",
             "说要建的监控塔至今只立了个基座，防火通道也没修通"),
            ("公共基础设施建设", "今年初", "寒潮冻裂了{e}的老旧供水管，几百户居民用水受影响", "小区老旧管网全部更换为防冻管材，户表全部移到室内",
             "换管只换了一半，这次降温又冻裂了好几处，居民又用不上水")]


def recovery(rng: random.Random) -> tuple[str, str, str | None]:
    """A disaster or accident recalled; what is reported now is the recovery (0) or its absence (1): half each."""
    topic, when, what, done, undone = rng.choice(RECOVERY)
    city, county = _place(rng)
    what = what.format(county=county, **_slots(rng))
    fixed = rng.random() < 0.5
    if fixed:
        text = rng.choice([
            f"{_lead(rng, city, county)}{when}，{what}。{rng.choice(NOW)}，{done}。{rng.choice(PRAISE)}{_who(rng)}说。有关负责人表示，{rng.choice(NEXT)}。",
            f"{when}{what}的事，不少人还记得。记者日前回访看到，{done}。{rng.choice(['从那以后，类似情况再没发生过。', '群众心里的一块石头落了地。', '这一次，是真正把隐患根除了。'])}",
            f"【灾后重建进行时】{when}，{what}。经过几个月的努力，{done}。#{city}民生#"])
        return rng.choice(["灾后重建：新气象", "隐患根除，群众安心", ""]), text, None
    text = rng.choice([
        f"{_lead(rng, city, county)}{when}，{what}。有关部门{rng.choice(PROMISE)}。{rng.choice(REVISIT)}，{undone}。{rng.choice(ANGRY)}{_who(rng)}说。",
        f"{when}{what}。都过去这么久了，{undone}。{rng.choice(['真要等再出一次事才管吗？', '请有关部门给个说法。', '我们老百姓就想问一句：钱和承诺都去哪了？'])}",
        f"#{city}# {when}，{what}，当时新闻里说会尽快整改。现在呢？{undone}。"])
    return rng.choice(["灾后一年，整改仍未到位", "出事后的承诺兑现了吗", ""]), text, topic


# -- awards and achievements told plainly (0): 获评/表彰 alone is no exposé --------------------------------
ACHIEVE = ["{body}获评{award}", "{body}入选{award}名单", "{body}被授予{award}称号", "{body}在全省考核中排名第一，并获评{award}"]
PLAIN_AWARDS = [("{county}政务服务中心", "省级“群众满意窗口”", "推行帮办代办，群众办事平均用时从一小时缩短到二十分钟"),
                ("{county}{s}社区", "“全国示范社区”", "建起了居民议事厅，小区里的大事小情大家商量着办"),
                ("{county}人民医院", "“改善医疗服务示范医院”", "推出检查结果互认和床旁结算，患者少跑腿"),
                ("{county}{v}", "“美丽乡村示范村”", "村里的污水管网、垃圾清运全部到位，还办起了农家乐"),
                ("{county}实验中学", "“平安校园”", "学校连续五年没有发生安全事故，应急演练每月一次"),
                ("{county}公共资源交易中心", "“规范化建设先进单位”", "实现全流程电子化交易，全年没有一起有效投诉"),
                ("{county}人社局", "“人民满意窗口”", "今年为两千多名农民工追回工资，全部在法定时限内办结"),
                ("{county}水务公司", "“优质供水服务单位”", "供水水质综合合格率保持百分之百"),
                ("{county}{e}", "“红色物业示范小区”", "小区公共收益每季度张榜公布，业主满意度逐年提升"),
                ("{county}12345热线", "全省“服务标兵”", "工单按时办结率和群众满意率连续十二个月位居全省前列")]


def award_plain(rng: random.Random) -> tuple[str, str, str | None]:
    """An award or an achievement told as such: not adverse."""
    body, award, why = rng.choice(PLAIN_AWARDS)
    city, county = _place(rng)
    body = body.format(county=county, **_slots(rng))
    head = rng.choice(ACHIEVE).format(body=body, award=award)
    text = rng.choice([
        f"{_lead(rng, city, county)}{rng.choice(['近日', '日前', '在刚刚公布的名单中'])}，{head}。{why}。{rng.choice(['这是该单位第二次获此殊荣。', '负责人表示，荣誉是鞭策，将继续把群众的事办好。', '记者走访看到，群众对这些变化认可度很高。'])}",
            f"【喜报】{head}！{why}。{rng.choice(['点赞！', '为他们打call！', '实至名归！'])}#{city}正能量#",
            f"{head}。{rng.choice(['过去', '几年前', '曾经'])}，这里{rng.choice(['群众意见不少', '基础比较薄弱', '是出了名的“老大难”'])}；如今，{why}。{rng.choice(PRAISE)}{_who(rng)}说。"])
    return rng.choice([head, "喜报", ""]), text, None


# -- letters: thanks and plain questions (0), polite letters about a shortfall now (1) -----------------------
THANKS = [("{county}人民医院心内科的医护人员", "我父亲半夜突发心梗，从进医院到做完支架不到一个小时"), ("{s}社区的网格员", "我家老人独居，网格员每周都上门看望，还帮忙代买药品"),
          ("{county}不动产登记中心", "我们年纪大不会用手机，工作人员手把手帮我们在窗口办完了过户"), ("{county}公交公司的驾驶员", "我把装着证件的包落在车上，驾驶员下班后专程送到了我家"),
          ("{county}人社局劳动监察大队", "我们几个工友被拖了三个月的工钱，监察大队介入后一周就全部拿到了"), ("{county}12345热线", "反映的楼下路灯不亮，第二天就有人来修好了")]
QUESTIONS = ["请问孩子的户口在外地，在本市上小学需要准备哪些材料？", "请问灵活就业人员的医保每年什么时候缴费？", "请问老旧小区加装电梯的补贴标准是多少，怎么申请？",
             "请问公积金贷款买二手房，房龄有没有限制？", "请问新生儿办理医保参保是在出生医院还是街道办？", "请问个体户办理营业执照能不能全程网上办？"]
SHORTFALLS = [("{s}到{county}人民医院的公交", "只有一条线路，高峰期半小时一班，老人看病站在站台上等得腿都麻了", "公共基础设施建设"),
              ("{e}门口的人行横道", "没有信号灯，车速很快，孩子上学过马路很危险", "公共基础设施建设"),
              ("{county}政务服务中心的停车场", "只有二十几个车位，来办事的群众只能把车停到路边被贴条", "社情民意"),
              ("{s}的菜市场", "地面常年湿滑，下水道堵了好几个月，气味很大", "社情民意"),
              ("{v}的村级卫生室", "没有常驻医生，药品也不全，老人看个小病要跑二十里路", "卫生计生"),
              ("{county}城区的公共厕所", "数量太少，还有好几座锁着门，游客和老人找厕所很难", "公共基础设施建设"),
              ("{s}小学的校门口", "没有护栏和减速带，放学时家长和车辆挤在一起", "教育"),
              ("{county}医保中心", "报销材料要求复印好几份，同一个材料每次都要重新交", "卫生计生"),
              ("{county}的不动产登记窗口", "取号要天不亮就去排队，号放完了只能第二天再来", "社情民意"),
              ("{e}的二次供水水箱", "多年没有清洗，水龙头放出来的水有时候带着锈渣", "公共基础设施建设")]


def letter(rng: random.Random) -> tuple[str, str, str | None]:
    """A 留言板 or 市长信箱 letter: thanks or a plain question (0), or a polite letter about a shortfall now (1)."""
    _, county = _place(rng)
    slots = _slots(rng)
    roll = rng.random()
    open_ = rng.choice(["尊敬的领导：您好！", "市长您好，", "领导好！", "尊敬的市长信箱工作人员：", "您好，"])
    if roll < 0.25:
        who, what = rng.choice(THANKS)
        who = who.format(county=county, **slots)
        text = (f"{open_}我是{county}的一名{rng.choice(['普通市民', '退休职工', '外来务工人员', '个体户'])}，{rng.choice(['想在这里感谢', '特地写信表扬', '想通过留言板谢谢', '一直想找机会感谢'])}{who}。{what}。"
                f"{rng.choice(['这样的服务让人心里暖暖的。', '希望领导能表扬一下他们。', '真心为他们点赞！'])}{rng.choice(['谢谢！', '此致敬礼。', ''])}")
        return rng.choice(["一封感谢信", f"感谢{who}", ""]), text, None
    if roll < 0.45:
        qs = rng.sample(QUESTIONS, 2)
        text = (f"{open_}{qs[0]}另外，{qs[1]}在网上没有查到具体说明，麻烦解答一下，谢谢！\n回复：您好，您咨询的问题已转相关部门，"
                f"{rng.choice(['具体办理流程可登录政务服务网查询，也可拨打12345咨询。', '相关材料清单已在政府网站“办事指南”栏目公布。'])}感谢您的关注。")
        return rng.choice(["咨询", qs[0][:14], ""]), text, None
    where, what, topic = rng.choice(SHORTFALLS)
    where = where.format(county=county, **slots)
    text = (f"{open_}我是{county}的{rng.choice(['一名居民', '一位家长', '一名退休教师', '一名上班族'])}，有个情况想向您反映。{where}{what}。"
            f"{rng.choice(['这个情况已经持续很久了', '附近很多居民都有同感', '我们也打过几次电话'])}，{rng.choice(['但一直没有改善', '但到现在还是老样子', '可是没有下文'])}。"
            f"建议{rng.choice(['有关部门实地看一看', '尽快想想办法', '能够统筹解决'])}，{rng.choice(['谢谢您在百忙中阅读这封信。', '盼复。', '感谢！'])}")
    return rng.choice([f"关于{where}的建议", f"反映{where}的问题", ""]), text, topic


# Background and closing sentences that make a short report article-length. Each pool goes on both sides
# (a sentence only one label gets would be a label cue of its own): the same background fits a fix and a
# failure, a notice and a notice of harm, a thank-you and a complaint.
NEWS_PADS = ["这件事在本地论坛和微信群里引发不少讨论。", "相关情况，本报将继续关注。", "记者在现场看到，来往的群众不少。", "目前，相关工作仍在推进中。",
             "此事也引起了当地人大代表的关注。", "类似的情况在其他县区也不同程度存在。", "本台记者将持续跟进。", "记者了解到，这一事项涉及周边群众{n}余人。",
             "今年以来，当地共收到同类诉求{n}件。", "不少网友在评论区留言讨论。", "有关部门表示，将继续听取群众意见。", "据了解，相关资金由财政统筹安排。"]
POST_PADS = ["前后打了好几回电话。", "附上几张照片。", "希望有关的人能看到。", "写得有点乱，见谅。", "有同样情况的可以在下面留言。", "这事我跟家里人说了好几回。",
             "先说这么多。", "手机打字，错字别介意。"]
NOTICE_PADS = ["本通知自发布之日起施行。", "咨询电话：0{p}-{q}（工作日）。", "附件：相关区域示意图。", "以上信息如有变动，以官方最新发布为准。",
               "感谢广大市民的理解和支持。", "联系人：{who}。", "请相互转告。", "相关进展将通过官方微博和微信公众号及时发布。", "如需帮助，请拨打24小时服务热线。",
               "请广大市民以官方发布的信息为准。"]

# Background of each family, on both of its sides (a body's size, a campaign's organisation, a project's cost …).
AWARD_BG = ["该单位现有工作人员{k}十名，去年服务群众{n}人次。", "这一荣誉每两年评选一次，全省共有{k}家单位入选。",
            "评选经过材料审核、实地核查和群众满意度测评三个环节。", "该单位近年来多次接受上级部门的检查考核。"]
CAMPAIGN_BG = ["此次行动由{k}个部门联合开展，分为排查、整改、验收三个阶段。", "行动开展以来，各地共出动检查人员{n}人次。",
               "整治范围覆盖全市所有乡镇（街道）。", "行动期间还开通了举报电话，接受群众监督。"]
SERVICE_BG = ["该项目是今年市政府确定的民生实事之一，总投资{n}万元。", "项目由{k}个部门共同推进，去年年底开工。",
              "建筑面积约{n}平方米，配有无障碍设施。", "项目选址时曾征求周边居民意见。"]
RECOVERY_BG = ["当时，当地启动应急响应，连夜转移群众{n}人。", "事发后，上级部门派出工作组指导处置。", "事件发生后，当地对同类隐患进行了一轮排查。",
               "这件事当时在本地引起了不小的关注。"]
RUMOUR_BG = ["这条消息在本地几个微信群里被大量转发。", "不少市民打电话向有关部门求证。", "相关视频在短视频平台上的播放量超过{n}次。"]
LETTER_BG = ["我今年六十多了，腿脚不太方便。", "我们家里有老人也有孩子。", "我平时上班忙，只能晚上写这封信。", "我在这里住了{k}年了。"]
CONSUMER_BG = ["前后花了差不多{n}块钱。", "当时是看了网上的好评才去的。", "跟我一起去的朋友也遇到了。", "聊天记录和付款截图都留着。"]


def _pad(rng: random.Random, text: str, pools: list[list[str]]) -> str:
    """Append background or closing sentences until the text reaches a drawn article length (never past the limit)."""
    target = rng.randint(140, 330)
    pool = [s for p in pools for s in p]
    rng.shuffle(pool)
    for sentence in pool[:4]:
        if len(text) >= target:
            break
        s = sentence.format(n=rng.randint(30, 9000), k=rng.randint(2, 12), p=rng.randint(700, 799), q=rng.randint(2000000, 8999999),
                            who=rng.choice(SURNAMES) + rng.choice(['先生', '女士', '科长', '工']))
        if len(text) + len(s) <= MAX_CHARS:
            text += s
    return text


# kind → (label, or -1 when the maker draws both and gives adverse rows a topic; rows; maker; padding)
KINDS: dict[str, tuple[int, int, Callable[[random.Random], tuple[str, str, str | None]], list[list[str]]]] = {
    "recalled_fixed": (0, 700, recalled_fixed, [NEWS_PADS]),
    "recalled_still": (1, 550, recalled_still, [NEWS_PADS]),
    "problem_now": (1, 400, problem_now, [NEWS_PADS, POST_PADS, LETTER_BG]),
    "award_but": (1, 150, award_but, [NEWS_PADS, AWARD_BG]),
    "campaign_results": (0, 200, campaign_results, [CAMPAIGN_BG]),
    "campaign_failed": (1, 100, campaign_failed, [CAMPAIGN_BG]),
    "service_launch": (0, 250, service_launch, [NEWS_PADS, SERVICE_BG]),
    "launch_failed": (1, 100, launch_failed, [NEWS_PADS, SERVICE_BG]),
    "rumour_denied": (0, 120, rumour_denied, [RUMOUR_BG]),
    "rumour_confirms": (1, 80, rumour_confirms, [RUMOUR_BG]),
    "policy_qa": (0, 150, policy_qa, []),
    "notice": (0, 400, notice, [NOTICE_PADS]),
    "notice_of_harm": (1, 200, notice_of_harm, [NOTICE_PADS]),
    "recovery": (-1, 300, recovery, [NEWS_PADS, RECOVERY_BG]),
    "award_plain": (0, 150, award_plain, [NEWS_PADS, AWARD_BG]),
    "letter": (-1, 300, letter, [POST_PADS, LETTER_BG]),
    "qa_failed": (1, 300, qa_failed, [NEWS_PADS, POST_PADS]),
    "consumer": (-1, 250, consumer, [CONSUMER_BG]),
    "incident_report": (1, 200, incident_report, [NOTICE_PADS]),
    "flat_expose": (1, 200, flat_expose, [NEWS_PADS]),
}


def _sized(maker: Callable[[random.Random], tuple[str, str, str | None]], pads: list[list[str]],
           rng: random.Random) -> Callable[[], tuple[str, str]]:
    """Draw until the padded text is article-length; the topic rides on the title (split off in ``build``)."""
    def make() -> tuple[str, str]:
        for _ in range(50):
            title, text, topic = maker(rng)
            text = _pad(rng, text, pads)
            if MIN_CHARS <= len(text) <= MAX_CHARS:
                return f"{title}\x00{topic or ''}", text
        raise ValueError(f"{maker.__name__} makes no text of {MIN_CHARS}-{MAX_CHARS} characters")
    return make


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for kind, (adverse, count, maker, pads) in KINDS.items():
        for keyed, text in draw_rows(_sized(maker, pads, rng), count, seen, tries=30,
                                     key=lambda title, text: text):
            title, topic = keyed.split("\x00")
            # A kind that makes both labels (-1) tells its label by the topic: only adverse rows have one.
            label = adverse if adverse >= 0 else int(bool(topic))
            rows.append({"title": title, "text": text, "adverse": label, "topic": topic or None, "kind": kind})
    return rows


def main() -> None:
    write_rows(build(), OUT)


if __name__ == "__main__":
    main()
