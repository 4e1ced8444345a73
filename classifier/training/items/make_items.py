"""Write ``own_items.jsonl``: the team's own training items for adverse-ness and topic.

Training data only, never evaluation data: the development set lives in ``devsets/`` and is
written by someone else; nothing here was copied or adapted from it. The public sets teach
adverse events (DuEE) and citizen complaints (泰迪杯) but hardly any flat exposé, official 通报,
rumour, service notice or furious post about a match, so these templates fill those kinds, in
both tones, with places and bodies drawn at random so that no place name carries a label.

    python -m classifier.training.items.make_items   # rewrites own_items.jsonl (fixed seed)
"""

# ruff: noqa: E501  (template lists read best one per line of data)
from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from classifier.training.items.topic_bank import CONVENTION_EVENTS, MORE_EVENTS, WIDE_EVENTS

OUT = Path(__file__).with_name("own_items.jsonl")
# Round 3: the topic rows of every base topic, a file of their own so each head can weigh them.
TOPIC_OUT = Path(__file__).with_name("topic_items.jsonl")
SEED = 20261201
PER_KIND = 220
# Topic rows per base topic (topic_bank_items): round 3 150; round 4 300 with 50+ events per topic
# (held-aside events 0.851 vs 0.827 at 150, dev 132 vs 131 of 138), then 450 with 70+ events per topic
# (held-aside 0.878 vs 0.851 at 300, second set dev 91 vs 89 of 98, dev 133 both).
TOPIC_PER_TOPIC = 450

PLACES = ["临江市", "青山区", "南湖县", "东河镇", "西岭街道", "北关区", "长宁县", "安平镇", "清水乡", "石桥街道",
          "白云区", "金川县", "红旗街道", "永安镇", "城南新区", "滨江区", "凤凰镇", "龙泉县", "桃源乡", "双河街道",
          "某市", "我市", "本县", "该区", "平阳县", "兴隆镇", "高新区", "经开区"]
SPOTS = ["幸福小区", "阳光花园", "锦绣华庭", "第三中学", "实验小学", "人民医院", "中心幼儿园", "农贸市场",
         "汽车站", "人民公园", "建设路", "解放大道", "工业园", "老旧小区", "城中村", "安置小区", "滨河路",
         "第一中学", "职业技术学院", "妇幼保健院", "便民服务中心", "高铁站", "万达广场", "翠湖苑"]
BODIES = ["住建局", "市场监管局", "城管执法局", "街道办事处", "公共资源交易中心", "卫健委", "教育局", "自来水公司",
          "供电所", "人社局", "交警大队", "不动产登记中心", "村委会", "社区居委会", "环保局", "民政局", "医保局",
          "镇政府", "国土资源局", "交通运输局", "应急管理局", "税务局", "派出所", "行政审批局"]
FIRMS = ["某房地产开发公司", "某物业公司", "某化工厂", "某建筑公司", "某养老院", "某培训机构", "某餐饮店",
         "某驾校", "某医药公司", "某混凝土搅拌站", "某民营医院", "某快递网点", "某超市", "某水泥厂"]
MEDIA = ["新华社", "人民日报", "央视新闻", "中新网", "省电视台", "本地晚报", "经济日报", "法治日报", "澎湃新闻",
         "新京报", "光明日报", "都市报"]
VIOLATIONS = ["未按规定公示招标信息", "违规收取服务费用", "擅自提高收费标准", "虚报冒领补贴资金", "未取得施工许可擅自开工",
              "违规发放津贴补贴", "长期拖欠农民工工资", "使用不合格建材", "伪造检测报告", "超标排放污水",
              "违规占用耕地", "套取医保基金", "未落实安全生产责任", "对群众反映的问题推诿拖延", "违规审批项目",
              "存在重大消防安全隐患", "食堂使用过期食材", "在招投标中围标串标", "克扣困难群众低保金", "违规发放贷款",
              "未经环评擅自投产", "违规转包工程", "私设小金库", "违规收受礼金", "对举报线索压案不查",
              "挪用专项资金", "虚假宣传", "未按合同约定交付房屋", "违规设置收费站点", "篡改监测数据"]
CONSEQUENCES = ["相关部门已介入调查。", "涉事负责人已被停职检查。", "目前已被责令限期整改。",
                "群众多次反映，问题至今没有解决。", "纪检监察机关已立案审查。", "涉案金额达{n}万元。",
                "已被处以罚款{n}万元。", "涉及群众{n}余户。", "{n}名相关责任人被问责。", "此前已被约谈两次。", ""]
PROBLEMS = ["小区路灯坏了一个多月", "楼下烧烤店油烟很大", "自来水发黄还有异味", "垃圾站好几天没人清运",
            "工地晚上十一点以后还在施工", "学校门口没有红绿灯，孩子过马路很危险", "公交车经常不按时发车",
            "窗口工作人员让我来回跑了四趟还没办成", "拆迁补偿款到现在还没到位", "公司已经三个月没发工资",
            "小区电梯隔三差五就坏", "路面坑坑洼洼，一下雨就积水", "医保报销材料交了两个月没有消息",
            "下水道堵了，污水流到路上", "附近养殖场臭味很大", "物业收了钱不干事，楼道卫生没人管",
            "楼上违章搭建阳光房", "买的房子到期了还不交房", "孩子上学划片不合理，要走四公里",
            "低保申请交上去半年没有回音", "门口的井盖丢了好几天", "夜里广场舞音响太吵", "停车位被长期占用",
            "冬天暖气不热，屋里只有十几度", "村里的路修了一半就停工了", "网上预约一直约不上号"]
DURATIONS = ["一个多月", "半年", "三个星期", "好几个月", "快一年", "两年多", "十几天"]
RUMOUR_EVENTS = ["发生命案", "有小孩被拐走", "一名学生坠楼", "化工厂泄漏了", "食堂有学生食物中毒", "自来水被污染",
                 "有人聚集堵路", "要整体拆迁", "出现不明传染病", "一名局长被带走调查", "银行要倒闭",
                 "发生塌方埋了人", "医院死了人家属在闹", "开发商老板跑路了", "有老人被打", "出了严重车祸死了好几个"]
ACCIDENTS = ["一起较大道路交通事故", "一起火灾", "一起燃气爆炸事故", "一起建筑工地坍塌事故", "一起有限空间中毒事故",
             "一起民房倒塌事故", "一起液化气泄漏事故", "一起溺水事件", "一起电梯故障伤人事件", "一起山体滑坡"]
HARMS = ["{n}人死亡、{m}人受伤", "{n}人受伤", "{n}人经抢救无效死亡", "{n}人被困，已全部救出", "{n}人失联",
         "{n}人轻伤，无人员死亡"]
CRIMES = ["故意伤害案", "持刀伤人案", "电信诈骗案", "盗窃案", "寻衅滋事案", "非法集资案", "聚众斗殴案"]
TEAMS = ["国足", "主队", "湖人", "我皇马", "曼联", "男篮", "女排", "申花", "鲁能", "我们队", "电竞战队"]
STARS = ["某顶流", "我家爱豆", "某男星", "某女星", "那个歌手", "某网红", "男主角", "某主播"]
SPORT_RANTS = ["又输了，气死我了！", "被绝杀了，我人都傻了，这什么破防守！", "裁判眼瞎吗？黑哨！太恶心了！",
               "0比3惨败，丢人现眼，主教练下课！", "点球都罚不进，废物，我再看球我就是狗", "输给这种队，真是耻辱，心态崩了",
               "补时被扳平，气得我把遥控器都摔了", "连败五场，太失望了，退钱！"]
STAR_RANTS = ["塌房了，我哭了一整晚，再也不相信爱情了", "被全网黑，心疼死了，那些造谣的人太恶毒了",
              "官宣恋爱了，我失恋了呜呜呜", "演技太烂了，看得我想砸电视", "的新剧结局太虐了，编剧你出来挨打",
              "居然退圈了，难过得吃不下饭", "被骂上热搜，气死了，黑粉滚"]
PRIVATE_RANTS = ["失恋了，好难过，为什么受伤的总是我", "今天又被老板骂了，烦死了，不想上班", "考试又挂了，崩溃",
                 "室友天天半夜打游戏，我快疯了", "男朋友忘了我生日，气哭了", "减肥一个月又胖回去了，绝望",
                 "下雨没带伞，淋成落汤鸡，倒霉透了", "猫咪走丢了，找了一天都没找到，心好痛", "游戏连跪十把，气到爆炸",
                 "和闺蜜吵架了，好伤心", "排队两小时买的奶茶洒了，想哭", "熬夜追剧追到三点，后悔死了"]
HONOURS = ["全国文明城市", "省级卫生县城", "全国综合减灾示范社区", "省级文明单位", "国家园林城市", "全国法治政府建设示范区",
           "省级优秀营商环境奖", "全国民族团结进步示范区"]
GOOD_EVENTS = ["举办第{n}届文化旅游节，吸引游客{m}万人次", "新建的{spot}正式投入使用，方便周边群众", "开展“我为群众办实事”活动，为居民解决实际问题{n}件",
               "召开重点项目集中签约仪式，签约项目{n}个，总投资{m}亿元", "前三季度地区生产总值同比增长{n}.{m}%",
               "组织志愿者走进{spot}，开展义诊和政策宣传", "新增城市公园{n}个，市民出门见绿", "为{n}名高校毕业生提供就业岗位",
               "完成老旧小区改造{n}个，惠及居民{m}户", "启动秋冬季植树活动，种植苗木{n}万株", "成功举办招商推介会",
               "表彰{n}名优秀志愿者", "推进“一网通办”，{n}项业务实现掌上办"]
NOTICES = ["关于{date}{place}部分区域计划停水的通知：因管网改造施工，{date}8时至18时{spot}周边将暂停供水，请居民提前做好储水准备。",
           "停电检修公告：因线路检修，{date}9:00至17:00{place}{spot}一带停电，给您带来不便敬请谅解。",
           "关于{place}{spot}路段实施交通管制的公告：因道路施工，{date}起该路段禁止机动车通行，请绕行。",
           "{place}{body}关于开展{year}年度{item}申报工作的通知，请符合条件的单位于{date}前提交材料。",
           "{place}{body}办公地点搬迁公告：自{date}起迁至新址办公，咨询电话不变。",
           "{year}年{place}公开招聘事业单位工作人员公告，报名时间为{date}至月底。",
           "天气预报：受冷空气影响，{date}{place}有小到中雨，气温下降5到8摄氏度，请注意添衣。",
           "{place}{body}：{date}起办理{item}可在网上预约，节假日照常受理。",
           "关于{place}{spot}燃气管道例行检查的通知：{date}起工作人员将入户安检，请住户配合。",
           "{place}{year}年义务教育招生工作安排公布，{date}开始网上报名。",
           "{place}{body}政策解读：{item}申领条件和办理流程说明。",
           "温馨提示：{date}{place}{spot}将进行消防演练，届时会有警报声，请勿惊慌。"]
# Problems stated flatly, across the base topics, and the same topics' ordinary news: the topic
# words must not decide adverse-ness, the problem must.
FLAT_PROBLEMS = ["医院重复收费，患者多花了上千元", "药店销售过期药品", "诊所无证行医", "急诊室推诿危重病人",
                 "菜市场缺斤短两现象严重", "商场销售假冒名牌服装", "电动车充电器质量不合格引发火情",
                 "学校食堂饭菜里吃出虫子", "奶茶店使用过期原料", "餐馆后厨卫生条件差", "小作坊生产劣质豆腐",
                 "停车场乱收费，一小时收二十元", "景区门票违规涨价", "出租车拒载宰客", "燃气费计费不透明",
                 "扶贫资金被村干部截留", "低保评定优亲厚友", "贫困户危房改造补贴没发到位", "救助金发放拖延",
                 "移民补偿款迟迟不到位", "安置房墙体开裂渗水", "搬迁户的宅基地被占用",
                 "新修的道路不到一年就塌陷", "小区停水三天无人解释", "路灯成片不亮", "排水管网年久失修，一下雨就内涝",
                 "公交站牌标错线路多年无人改", "井盖缺失导致行人摔伤",
                 "工厂拖欠工人工资", "用人单位不签劳动合同", "招聘信息虚假，求职者被骗", "社保断缴无人负责",
                 "开发商逾期不办房产证", "物业擅自涨价还不公示", "小区公共收益被物业侵占", "中介发布虚假房源",
                 "学校违规收取补课费", "幼儿园教师体罚孩子", "校外培训机构卷款跑路", "学区划分暗箱操作",
                 "城管执法粗暴", "窗口人员吃拿卡要", "办事群众被要求提供重复证明", "村干部违规占地建房",
                 "电梯频繁故障困人", "热水器漏电厂家推卸责任", "燃气报警器无人维护"]
FLAT_NORMAL = ["医院开通网上预约挂号", "药店推出夜间售药服务", "社区卫生服务中心开展免费体检",
               "农贸市场完成升级改造", "商场举办年货节", "市场监管部门开展计量器具免费检定",
               "学校食堂推出新菜品", "餐饮店亮出后厨直播", "食品安全宣传周活动启动",
               "停车场新增充电桩", "景区推出冬季优惠票", "出租车统一更换新能源车",
               "扶贫产业园迎来丰收", "低保标准今年起提高", "困难群众收到慰问品", "移民新村建起文化广场",
               "安置小区配套幼儿园开园", "新修道路正式通车", "小区完成供水管网改造", "路灯换装节能灯具",
               "排水管网改造工程开工", "新开通两条公交线路", "招聘会提供岗位两千个", "人社部门上门送政策",
               "社保卡可以手机申领", "楼盘开盘当天销售火爆", "物业公司组织业主联欢", "二手房交易可网上办理",
               "学校举办科技节", "幼儿园开展亲子运动会", "中考招生政策发布", "城管队员帮助摊贩规范经营",
               "政务大厅推行一窗通办", "村里新建了文化活动室", "电梯完成年度检验", "燃气公司上门安检"]
ITEMS = ["高新技术企业", "稳岗补贴", "住房公积金提取", "居住证", "老年人优待证", "创业担保贷款", "职称评审",
         "农机购置补贴", "残疾人两项补贴", "失业保险金"]


def _n(rng: random.Random) -> int:
    return rng.choice([2, 3, 4, 5, 6, 7, 8, 12, 15, 20, 36, 50, 120, 300])


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _fill(rng: random.Random, text: str) -> str:
    return text.format(n=_n(rng), m=rng.randint(1, 9), date=_date(rng), year=rng.choice([2025, 2026]),
                       place=rng.choice(PLACES), spot=rng.choice(SPOTS), body=rng.choice(BODIES),
                       item=rng.choice(ITEMS))


def expose(rng: random.Random) -> tuple[str, str]:
    place, body, firm = rng.choice(PLACES), rng.choice(BODIES), rng.choice(FIRMS)
    org = rng.choice([body, firm, f"{rng.choice(SPOTS)}"])
    v, c = rng.choice(VIOLATIONS), _fill(rng, rng.choice(CONSEQUENCES))
    media = rng.choice(MEDIA)
    frames = [
        ("", f"记者调查发现，{place}{org}{v}。{c}"),
        (f"{place}{org}被曝{v}", f"据{media}报道，{place}{org}{v}，{c}"),
        (f"{media}：{place}{org}{v}", f"{place}{org}{v}。记者走访了解到，该问题已持续{rng.choice(DURATIONS)}。{c}"),
        ("", f"审计发现，{place}{body}{v}，涉及资金{_n(rng)}万元。{c}"),
        (f"暗访{place}{org}", f"{media}记者近日暗访发现，{place}{org}{v}，{rng.choice(VIOLATIONS)}。{c}"),
        ("", f"{place}{body}通报，{firm}{v}，已依法立案查处。{c}"),
        (f"{place}{org}存在问题", f"经核查，{place}{org}存在{v}等问题。{c}"),
        ("", f"{media}消息，{place}{body}原局长因{v}被开除党籍和公职，涉嫌犯罪问题移送检察机关。"),
        ("", f"省环保督察组在{place}发现，{firm}{v}，周边河道水质明显变差。{c}"),
    ]
    return rng.choice(frames)


def complaint(rng: random.Random) -> tuple[str, str]:
    place, spot, p, d = rng.choice(PLACES), rng.choice(SPOTS), rng.choice(PROBLEMS), rng.choice(DURATIONS)
    frames = [
        ("", f"您好，我是{place}{spot}的居民，{p}，已经{d}了，打电话反映过几次都没人处理，希望有关部门尽快解决，谢谢。"),
        (f"反映{place}{spot}的问题", f"{p}，{d}了，麻烦领导关注一下。"),
        ("", f"请问{place}{spot}{p}，到底有没有人管？"),
        ("", f"俺们{place}{spot}{p}，找了好几回都木有人管，咋整嘛。"),
        (f"{place}{spot}{p}", "希望相关部门能够重视，尽快处理，给老百姓一个说法。"),
        ("", f"领导你好，{place}{spot}{p}，12345也打了，说转给{rng.choice(BODIES)}了，结果一直没下文。"),
        ("", f"{place}{spot}，{p}。{d}了，希望政府管管撒"),
        (f"关于{place}{spot}的投诉", f"本人住在{spot}，{p}，严重影响生活，恳请相关部门协调解决。"),
        ("", f"@{place}发布 {spot}{p}，啥时候能解决？等了{d}了"),
        ("", f"想问一下{place}{rng.choice(BODIES)}，{p}这个事情归谁管，反应了好多次没有用"),
    ]
    return rng.choice(frames)


def rumour(rng: random.Random) -> tuple[str, str]:
    place, spot, e = rng.choice(PLACES), rng.choice(SPOTS), rng.choice(RUMOUR_EVENTS)
    frames = [
        ("", f"网传{place}{spot}{e}，有网友称现场来了很多警车，目前官方尚未回应。"),
        (f"有网友爆料{place}{spot}{e}", "消息在微信群里大量转发，真实性有待核实。"),
        ("", f"听说{place}{spot}{e}？是真的吗，有没有知道情况的"),
        ("", f"群里都在传{place}{spot}{e}，大家注意安全"),
        (f"网传{place}{e}", f"有网友发视频称{place}{spot}{e}，评论区众说纷纭。"),
        ("", f"据网络流传的截图，{place}{spot}{e}，记者联系相关部门，对方表示正在核实。"),
    ]
    return rng.choice(frames)


def official_notice(rng: random.Random) -> tuple[str, str]:
    place, spot, body = rng.choice(PLACES), rng.choice(SPOTS), rng.choice(BODIES)
    harm = rng.choice(HARMS).format(n=rng.randint(1, 6), m=rng.randint(1, 9))
    acc, crime, date = rng.choice(ACCIDENTS), rng.choice(CRIMES), _date(rng)
    frames = [
        (f"关于{place}{spot}{acc}的情况通报", f"{date}，{place}{spot}发生{acc}，造成{harm}。事故原因正在调查中。"),
        ("", f"{place}{rng.choice(['应急管理局', '消防救援大队', '人民政府'])}通报：{date}，{spot}附近发生{acc}，{harm}。"
             "相关责任人已被控制。"),
        ("警情通报", f"{date}，{place}{spot}发生一起{crime}，犯罪嫌疑人已被抓获，案件正在进一步侦办中。"),
        (f"关于{place}{body}有关问题的处理通报", f"经查，{place}{body}工作人员{rng.choice(VIOLATIONS)}，"
                                          f"经研究决定，给予相关责任人党内警告、政务记过处分。"),
        ("", f"{place}卫健委通报：{date}{spot}有{_n(rng)}名学生出现呕吐腹泻症状，疑似食物中毒，均已送医。"),
        (f"{place}通报{spot}事件调查结果", f"针对网民反映的{spot}问题，调查组核实情况属实，已对{_n(rng)}名干部问责。"),
    ]
    return rng.choice(frames)


def emotional_offtopic(rng: random.Random) -> tuple[str, str]:
    frames = [
        ("", f"{rng.choice(TEAMS)}{rng.choice(SPORT_RANTS)}"),
        ("", f"{rng.choice(STARS)}{rng.choice(STAR_RANTS)}"),
        ("", rng.choice(PRIVATE_RANTS)),
        (f"{rng.choice(TEAMS)}主场惨败", f"赛后球迷愤怒地喊着主教练下课，{rng.choice(SPORT_RANTS)}"),
        ("", f"气死了！！{rng.choice(PRIVATE_RANTS)}😭😭"),
        ("", f"看了{rng.choice(TEAMS)}的比赛，{rng.choice(SPORT_RANTS)}谁能懂我现在的心情"),
        (f"{rng.choice(STARS)}恋情曝光", f"粉丝炸锅了，{rng.choice(STAR_RANTS)}"),
    ]
    return rng.choice(frames)


def positive_gov(rng: random.Random) -> tuple[str, str]:
    place, body = rng.choice(PLACES), rng.choice(BODIES)
    event = _fill(rng, rng.choice(GOOD_EVENTS))
    frames = [
        ("", f"{place}{event}。"),
        (f"{place}获评{rng.choice(HONOURS)}", f"近日，{place}被命名为{rng.choice(HONOURS)}，这是对全市干部群众的肯定。"),
        (f"{place}{body}：{event}", f"{place}{body}持续优化服务，{event}，群众满意度不断提升。"),
        ("", f"点赞！{place}{event}，老百姓看得见摸得着。"),
        (f"{place}召开{rng.choice(['工作推进会', '专题会议', '常务会议'])}", f"会议强调，要扎实做好{rng.choice(ITEMS)}等民生工作。"),
    ]
    return rng.choice(frames)


def neutral_notice(rng: random.Random) -> tuple[str, str]:
    return "", _fill(rng, rng.choice(NOTICES))


def flat_problem(rng: random.Random) -> tuple[str, str]:
    place, spot = rng.choice(PLACES), rng.choice(SPOTS)
    p = rng.choice(FLAT_PROBLEMS)
    return rng.choice([("", f"{place}{p}"), ("", f"{place}{spot}附近{p}"), (f"{place}{p}", ""),
                       ("", f"{p}，{place}群众意见很大"), ("", f"有市民反映，{place}{p}")])


def flat_normal(rng: random.Random) -> tuple[str, str]:
    place = rng.choice(PLACES)
    n = rng.choice(FLAT_NORMAL)
    return rng.choice([("", f"{place}{n}"), (f"{place}{n}", ""), ("", f"近日，{place}{n}，市民纷纷点赞"),
                       ("", f"记者从{place}{rng.choice(BODIES)}获悉，{n}")])


# Public-resource trading (招投标) offices: their bad news and their routine notices.
PROJECTS = ["道路改造工程", "智慧校园采购项目", "污水处理厂扩建工程", "医院设备采购项目", "安置房建设工程", "路灯维护服务项目",
            "物业服务采购项目", "农村饮水安全工程", "体育馆改造工程", "信息化平台建设项目", "绿化养护项目", "土地出让"]
BID_PROBLEMS = ["几家投标公司报价只差几百元，明显是围标", "招标文件的资格条件像是给某家公司量身定做的", "评标专家打分明显偏向一家",
                "中标公司转手就把工程转包出去了", "投标保证金交了两个月还没退", "交易平台开标当天系统崩溃，文件上传不了",
                "项目经理同时挂在好几个在建项目上", "开标前中标结果就在圈子里传开了", "中标价比市场价高出三成",
                "评标专家在评标室里打电话玩手机", "外地企业被设置门槛挡在门外", "代理机构收了费却不给发票",
                "电子招标系统一升级老文件就全打不开", "中标候选人的业绩证明涉嫌造假", "有人以低价中标后偷工减料"]
BID_NOTICES = ["{place}{project}招标公告：本项目已具备招标条件，现对其进行公开招标，欢迎符合条件的投标人参加。",
               "{place}{project}中标候选人公示：第一中标候选人为某建设有限公司，公示期三日。",
               "{place}公共资源交易中心关于系统升级维护的通知：{date}晚间暂停服务，请投标人合理安排时间。",
               "{place}{project}成交结果公告，成交金额{n}万元。", "{place}{project}开标时间变更公告，开标时间顺延至{date}。",
               "{place}公共资源交易中心开标大厅{date}起迁至新址，联系电话不变。",
               "{place}{project}竞争性磋商公告，采购预算{n}万元。"]


def bidding_problem(rng: random.Random) -> tuple[str, str]:
    place, project, p = rng.choice(PLACES), rng.choice(PROJECTS), rng.choice(BID_PROBLEMS)
    return rng.choice([("", f"{place}{project}，{p}。"), (f"{place}{project}有问题", f"{p}，交易中心管不管？"),
                       ("", f"说真的，{place}这个{project}{p}，我们做投标的太难了"),
                       ("", f"记者调查发现，{place}{project}{p}，监管部门已介入。"),
                       ("", f"听说{place}{project}{p}，有没有知情的？")])


def bidding_notice(rng: random.Random) -> tuple[str, str]:
    text = rng.choice(BID_NOTICES).format(place=rng.choice(PLACES), project=rng.choice(PROJECTS), date=_date(rng),
                                          n=_n(rng))
    return "", text


RUMOUR_QUESTIONS = ["是不是着火了？冒了好大的烟", "是不是出车祸了，好多警车", "是不是有人打群架？好几十个人", "是不是有人跳河了",
                    "是不是有人被砍了", "是不是又停工了，工人都在门口", "是不是楼塌了", "是不是有小孩走丢了"]
OTHER_NOTICES = ["{place}部分公交线路因施工临时绕行，具体站点以公交公司公告为准。", "{place}{year}年度集中供暖有关事项通告：供暖期自12月1日起。",
                 "{place}烟花爆竹禁放区域划定公告，请市民遵守。", "{place}{body}{date}召开年度工作会议。",
                 "{place}医保缴费{date}开始，可在线缴纳。", "{place}{spot}周边道路{date}起临时封闭施工，请绕行。",
                 "{place}{year}年高考报名须知发布。", "{place}{body}{date}起调整工作时间，夏季下午3点上班。"]
FIXED = ["反映的路面坑洼一周内就补平了", "反映的积水问题两天就解决了", "投诉的噪音问题很快有了回音", "我家门口的坑洼路面终于修好了",
         "拖了很久的证昨天办下来了，工作人员很耐心", "反映的垃圾问题当天就清运了"]


# Service notices and good news are composed from parts, so that the services a complaint names
# (停水, 公交, 学校, 道路) appear as often in routine notices and achievements as in complaints.
SERVICES = [("停水", "供水管道", "请用户提前储水"), ("停电", "线路", "请提前做好准备"), ("停气", "燃气管道", "请关闭燃气阀门"),
            ("交通管制", "道路", "请过往车辆绕行"), ("公交线路临时调整", "道路", "请乘客留意站点变化"),
            ("暂停办理业务", "系统", "请办事群众合理安排时间"), ("停止供暖", "管网", "请住户做好防寒准备")]
REASONS = ["管网改造施工", "设备检修", "线路升级", "道路施工", "系统升级维护", "管道接驳", "市政工程建设"]
FACILITIES = [("中小学", "所", "新增学位{m}千个"), ("农村公路", "公里", "群众出行更加便捷"), ("公园", "个", "市民出门见绿"),
              ("地下综合管廊", "公里", "马路不再反复开挖"), ("幼儿园", "所", "缓解入园难"), ("污水处理厂", "座", "出水水质达标"),
              ("社区卫生服务中心", "个", "群众看病更方便"), ("公共停车位", "个", "缓解停车难"), ("安置房", "套", "群众喜迁新居"),
              ("便民服务站", "个", "办事不出社区"), ("城市绿道", "公里", "市民休闲有了好去处")]


def service_notice(rng: random.Random) -> tuple[str, str]:
    place, spot = rng.choice(PLACES), rng.choice(SPOTS)
    what, thing, advice = rng.choice(SERVICES)
    reason, date = rng.choice(REASONS), _date(rng)
    hours = f"{rng.randint(7, 10)}时至{rng.randint(16, 22)}时"
    return rng.choice([
        (f"{place}部分区域{date}计划{what}", f"因{thing}{reason}，{date}{hours}，{place}{spot}周边{what}，{advice}。"),
        ("", f"【{what}通知】因{reason}，{date}{hours}{place}{spot}一带{what}，{advice}，给您带来不便敬请谅解。"),
        (f"关于{place}{spot}{what}的公告", f"为配合{reason}，自{date}起{spot}周边{what}，恢复时间另行通知。{advice}。"),
        (f"{place}{date}{what}信息", f"{spot}、{rng.choice(SPOTS)}等区域{date}{hours}{what}。{advice}。"),
    ])


def good_news(rng: random.Random) -> tuple[str, str]:
    place = rng.choice(PLACES)
    facility, unit, benefit = rng.choice(FACILITIES)
    n, benefit = _n(rng), benefit.format(m=rng.randint(2, 9))
    verb = rng.choice(["新建", "改扩建", "建成", "投入使用", "完工"])
    return rng.choice([
        (f"{place}{verb}{facility}{n}{unit}", f"今年{place}投入资金{rng.randint(2, 9)}亿元，{verb}{facility}{n}{unit}，{benefit}。"),
        ("", f"好消息！{place}首个{facility}{verb}，{benefit}～"),
        (f"{place}{facility}建设提速", f"截至目前，{place}已{verb}{facility}{n}{unit}，{benefit}，群众满意度明显提升。"),
    ])


def rumour_question(rng: random.Random) -> tuple[str, str]:
    place, spot = rng.choice(PLACES), rng.choice(SPOTS)
    q = rng.choice(RUMOUR_QUESTIONS)
    return rng.choice([(f"求证：{place}{spot}{q}", "有没有住附近的知道什么情况？"), ("", f"{place}{spot}那边{q}？朋友圈都在传"),
                       (f"{place}{spot}{q}", "刚刚路过看到的，不知道具体情况")])


def notice_more(rng: random.Random) -> tuple[str, str]:
    return "", _fill(rng, rng.choice(OTHER_NOTICES))


def praise_after_fix(rng: random.Random) -> tuple[str, str]:
    place = rng.choice(PLACES)
    f = rng.choice(FIXED)
    return rng.choice([(f"给{place}12345点个赞", f"{f}，必须点赞！"), ("", f"{place}的办事效率真高，{f}，为工作人员点赞"),
                       ("", f"感谢{place}{rng.choice(BODIES)}，{f}。")])


def other_city_bad(rng: random.Random) -> tuple[str, str]:
    maker = rng.choice([expose, official_notice, rumour])
    return maker(rng)


KINDS: dict[str, tuple[int, Callable[[random.Random], tuple[str, str]]]] = {
    "expose": (1, expose), "complaint": (1, complaint), "rumour": (1, rumour),
    "official_notice": (1, official_notice), "emotional_offtopic": (0, emotional_offtopic),
    "positive_gov": (0, positive_gov), "neutral_notice": (0, neutral_notice),
    "flat_problem": (1, flat_problem), "flat_normal": (0, flat_normal),
    "bidding_problem": (1, bidding_problem), "bidding_notice": (0, bidding_notice),
    "rumour_question": (1, rumour_question), "notice_more": (0, notice_more), "praise_after_fix": (0, praise_after_fix),
    "service_notice": (0, service_notice), "good_news": (0, good_news),
}

# Topic items: 社会稳定, 涉外 and 应急管理 in places named after a school or a housing estate, so the
# topic head learns that the event decides the topic, not the place it happened.
SCHOOLS = ["第三中学", "实验小学", "中心幼儿园", "职业技术学院", "第一中学", "外国语学校"]
ESTATES = ["幸福小区", "阳光花园", "锦绣华庭", "翠湖苑", "安置小区", "金色家园"]
TOPIC_FRAMES: dict[str, list[str]] = {
    "社会稳定": ["{place}{spot}业主聚集在售楼部讨说法，要求开发商交房", "{place}{spot}数百名购房者聚集在区政府门前",
             "{place}{spot}昨晚发生命案，警方已拉起警戒线", "{place}{spot}一名老人在电梯里被抢劫",
"{place}{spot}门口发生一起持刀伤人事件，嫌疑人已被警方控制",
               "网传{place}{spot}发生绑架案，警方回应正在调查",
               "{place}{spot}数十名业主聚集堵路，要求开发商退还购房款",
               "{place}{spot}附近发生打架斗殴，多人受伤",
               "{place}公安破获一起针对{spot}学生家长的电信诈骗案",
               "{place}{spot}一男子入室盗窃被抓获",
               "{place}{spot}上百名家长聚集讨说法，现场秩序混乱",
               "有网友称{place}{spot}有陌生人尾随小学生，警方已介入"],
    "涉外": ["{place}一家外资企业宣布裁员，数百名员工{spot}附近讨说法", "{place}{spot}旁的外资化工厂夜间偷排废气",
           "{place}{spot}外籍教师学历造假被举报", "{place}一外商独资工厂老板失联，工人工资无着落",
           "{place}{spot}聘用的外教持旅游签证违规任教", "{place}{spot}一名外国人与居民发生纠纷",
           "{place}{spot}一名外籍教师酒驾被查", "{place}{spot}外籍人员非法就业被查处",
           "{place}{spot}外教无证上岗被举报", "{place}一外资企业拖欠员工工资，员工到{spot}附近维权",
           "{place}{spot}一名外国留学生与出租车司机发生冲突", "{place}{spot}外籍住户违规群租被投诉",
           "日资企业在{place}{spot}旁的工厂排污被曝光", "{place}一外籍人员签证过期滞留在{spot}"],
    # Officials' discipline cases and the business climate have no competent department above: 其他.
    "其他": ["{place}一干部违反中央八项规定精神违规收受礼金被通报", "{place}纪委监委通报一批违规发放津补贴问题",
           "{place}一名科长公款吃喝被处分", "{place}企业反映办一个证要盖几十个章，营商环境亟待改善",
           "{place}一街道干部违规操办婚宴被查处", "{place}纪委通报几起基层干部不作为乱作为问题"],
    "应急管理": ["{place}{spot}突发火灾，消防紧急疏散居民", "{place}{spot}教学楼外墙脱落砸伤路人",
              "{place}{spot}燃气爆炸致{n}人受伤", "暴雨导致{place}{spot}被淹，数百人被困",
              "{place}{spot}围墙倒塌，{n}名学生受伤", "{place}{spot}地下车库发生坍塌",
              "{place}{spot}学生在校外河道溺水身亡", "{place}{spot}电动车起火，整栋楼浓烟滚滚"],
}


def topic_items(rng: random.Random, per_topic: int) -> list[dict[str, object]]:
    out = []
    for topic, frames in TOPIC_FRAMES.items():
        for _ in range(per_topic):
            text = rng.choice(frames).format(place=rng.choice(PLACES), spot=rng.choice(SCHOOLS + ESTATES),
                                             n=rng.randint(2, 9))
            out.append({"title": "", "text": text, "adverse": 1, "topic": topic, "kind": f"topic_{topic}"})
    return out


# ---------------------------------------------------------------------------------------------
# Round 2: broader registers. The first generators wrote complaints as one or two sentence shapes
# and good news as a handful of frames; an office's real items are far more varied: terse 留言
# titles that only name a shortfall (某处缺少某设施), long polite letters, consultations that still
# tell of a problem, suggestions that state what is missing, typos and dialect; positive news that
# uses 问题/整治/投诉 in a good-news frame (解决了, 整改完成, 办结率); notices of many more kinds.
# Composed from parts (subject × shortfall × register × noise) so that no sentence repeats and no
# single word carries the label; a separate random stream keeps the rows above unchanged.
ROADS = ["建设路", "人民大道", "滨河东路", "学府路", "工业大道", "新华街", "环城北路", "文昌路", "站前路", "光明巷",
         "迎宾大道", "胜利街", "东风路", "朝阳路", "长江路", "花园路"]
WHERES = SPOTS + ROADS + ["我们村", "我们小区", "我家楼下", "单位门口", "老城区", "新区", "开发区", "城郊结合部",
                          "安置点", "移民新村", "菜市场门口", "学校门口", "医院门口", "地铁站出口", "公交总站"]
# What is missing or wrong, by service. A terse title is a shortfall: that is a complaint.
LACKS = ["公交站点", "公交线路", "路灯", "红绿灯", "人行横道", "减速带", "停车位", "公共厕所", "垃圾桶", "充电桩",
         "无障碍通道", "健身器材", "农贸市场", "幼儿园", "社区医院", "护栏", "排水沟", "消防通道", "监控探头",
         "遮阳棚", "休息座椅", "快递柜", "污水管网", "天然气管道", "学位"]
FAULTS = ["{x}损坏多日无人维修", "{x}长期不亮", "{x}被占用", "{x}设置不合理", "{x}数量严重不足", "{x}年久失修",
          "{x}坏了没人管", "{x}形同虚设", "{x}迟迟没有建成", "{x}建好了一直不开放"]
ISSUES = ["长期积水", "夜间噪音扰民", "垃圾堆积", "污水横流", "油烟扰民", "道路破损严重", "经常停水", "频繁停电",
          "水压不足", "暖气不热", "信号很差", "异味严重", "占道经营", "乱停乱放", "渣土车抛洒", "存在安全隐患",
          "车辆乱停堵塞消防通道", "违章搭建", "围挡施工一年多还没完工", "绿化带被毁", "广告牌摇摇欲坠",
          "下水道反味", "路面塌陷", "井盖松动", "电线私拉乱接", "流浪狗伤人", "臭水沟蚊虫多"]
SERVICE_FAILS = ["窗口只开一个，排队要三个小时", "工作人员态度生硬，问什么都说不知道", "材料交了三次都说不齐",
                 "电话一直打不通", "网上预约约不到号", "要求开具的证明根本开不出来", "办结时间一拖再拖",
                 "说好的上门服务一直没来", "答复说已办结，其实问题根本没解决", "让我们去找另一个部门，那边又让回来找这边",
                 "工单转来转去没人负责", "收了材料不给回执"]
MONEY = ["补贴", "工资", "拆迁补偿款", "保证金", "医保报销款", "公积金", "退休金", "低保金", "奖励金", "押金",
         "维修基金", "退款", "养老保险待遇", "稳岗补贴", "独生子女奖励"]
PLATFORMS = ["网上办事大厅", "政务服务APP", "电子招投标系统", "医保小程序", "公积金网站", "预约挂号平台", "12345网站",
             "社保查询系统", "不动产登记网上平台", "交易平台"]
PLATFORM_FAILS = ["一直登录不上", "提交的时候总是报错", "更新以后以前做的文件全部打不开", "验证码老是收不到",
                  "页面一直转圈", "上传附件失败", "显示系统繁忙请稍后再试，试了一整天", "扫码没有反应",
                  "明明交了费却显示未缴费", "人脸识别一直通不过"]
IDENTITIES = ["居民", "业主", "家长", "退休职工", "个体户", "外来务工人员", "村民", "出租车司机", "投标企业负责人",
              "一名普通市民", "老人", "大学生"]
OPENERS = ["尊敬的领导：您好！", "领导您好，", "您好，", "你好，", "市长您好！", "各位领导好，", "打扰了，", "",
           "", "麻烦问一下，", "我想反映一个情况：", "实在没办法了才来留言。"]
CLOSERS = ["希望有关部门能够重视，谢谢！", "恳请领导关注，感谢！", "望尽快解决。", "请相关部门核实处理。", "谢谢。",
           "希望能给个答复。", "拜托了。", "盼回复。", "", "", "辛苦了！", "希望早日解决，给群众一个交代。"]
SINCE = ["从去年开始", "今年三月以来", "上个月起", "已经有半年了", "这两年", "最近一个多月", "自从小区交房以后",
         "入冬以来", "开学后", "自从修路以后"]
TRIED = ["打过12345，说已转交处理", "找过社区，社区说管不了", "给物业说了好几次", "也在网上留过言",
         "找过街道办，让等通知", "反映过多次", "打了无数次电话", "没找过谁，不知道该找哪个部门"]
# Dialect and net-speak: phrases in 西南官话, 东北话, 粤语, 北方口语 and 网络用语 that citizens write.
DIALECT = [("没有", ["莫得", "木有", "冇", "没得", "没"]), ("什么", ["啥子", "啥", "咩", "撒子"]),
           ("怎么", ["咋个", "咋", "点解", "怎地"]), ("很", ["贼", "老", "好", "忒", "巨"]),
           ("不知道", ["晓不得", "唔知", "不晓得"]), ("现在", ["而今", "宜家", "这会儿"]),
           ("一直", ["一哈都", "成日", "老是"]), ("我们", ["俺们", "阿拉", "我哋", "咱们"]),
           ("没人管", ["没得人管", "冇人理", "没人搭理", "木人管"]), ("了", ["咯", "嘞", "喽"])]
TAILS = ["", "", "", "撒", "嘛", "噻", "啊", "呀", "哦", "啦", "咧", "哈", "！", "。。。", "？？", "…", "，无语了",
         "，麻了", "，离谱", "，真的服了"]
# Typos citizens make (homophones and slips): the model must not need clean text to see a complaint.
TYPOS = [("的", "得"), ("在", "再"), ("已经", "以经"), ("反映", "反应"), ("部门", "部们"), ("那里", "哪里"),
         ("做", "作"), ("账", "帐"), ("按时", "安时"), ("终于", "中于"), ("再", "在"), ("地", "的"),
         ("修理", "修里"), ("联系", "连系"), ("需要", "须要"), ("一下", "一哈")]


def _noisy(text: str, rng: random.Random, typo: float = 0.35, dialect: float = 0.3) -> str:
    """Typos, dialect words and a spoken tail, each with a chance."""
    if rng.random() < dialect:
        for plain, forms in rng.sample(DIALECT, 3):
            text = text.replace(plain, rng.choice(forms), 1)
    if rng.random() < typo:
        for right, wrong in rng.sample(TYPOS, 2):
            text = text.replace(right, wrong, 1)
    if rng.random() < 0.15:
        text = text.replace("，", " ").replace("。", " ")
    if rng.random() < 0.3 and text and text[-1] in "。！":
        text = text[:-1] + rng.choice(TAILS)
    return text


def _where(rng: random.Random) -> str:
    return rng.choice(["", rng.choice(PLACES)]) + rng.choice(WHERES)


def _shortfall(rng: random.Random) -> str:
    x = rng.choice(LACKS)
    return rng.choice([f"缺少{x}", f"没有{x}", f"{x}太少", rng.choice(FAULTS).format(x=x), rng.choice(ISSUES),
                       rng.choice(ISSUES), f"{rng.choice(MONEY)}{rng.choice(['迟迟未发放', '至今没到账', '被拖欠', '一直没退'])}"])


def complaint_terse(rng: random.Random) -> tuple[str, str]:
    """A 留言 that is a title only, or a title and a line: the shortfall itself is the complaint."""
    where, s = _where(rng), _shortfall(rng)
    title = rng.choice([f"{where}{s}", f"关于{where}{s}的问题", f"反映{where}{s}", f"{where}{s}问题",
                        f"{where}{s}，望解决", f"{where}{s}，请求处理", f"{where}{s}谁来管", f"{s}（{where}）"])
    body = rng.choice(["", "", "", f"如题，{rng.choice(SINCE)}就这样。", "附近居民出行很不方便。", "请尽快处理。",
                       "多次反映无果。", f"周边{rng.choice(['几千', '上万', '几百'])}户居民都受影响。"])
    return (title, _noisy(body, rng)) if body else ("", _noisy(title, rng, dialect=0.15))


def complaint_letter(rng: random.Random) -> tuple[str, str]:
    """A long, calm letter: who I am, since when, what I tried, what I ask."""
    where = _where(rng)
    what = rng.choice([_shortfall(rng), rng.choice(PROBLEMS), rng.choice(SERVICE_FAILS), rng.choice(FLAT_PROBLEMS),
                       f"在{rng.choice(PLATFORMS)}办理业务{rng.choice(PLATFORM_FAILS)}"])
    parts = [rng.choice(OPENERS), f"我是{where}的{rng.choice(IDENTITIES)}，", f"{rng.choice(SINCE)}，{what}。",
             rng.choice([f"{rng.choice(TRIED)}，", ""]) + rng.choice(["到现在也没有解决。", "问题依旧。", "至今没有结果。",
                                                                        "但一直没有下文。", "情况没有好转。"]),
             rng.choice(["给大家的生活带来很大不便。", "老人孩子出行都不安全。", "严重影响了休息。", "", ""]),
             rng.choice(CLOSERS)]
    text = _noisy("".join(parts), rng, typo=0.4, dialect=0.2)
    return rng.choice([("", text), (f"{where}{rng.choice(['的问题', '问题反映', '的情况'])}", text)])


def consult_problem(rng: random.Random) -> tuple[str, str]:
    """A question that still tells of a problem: a 咨询 in form, a complaint in substance."""
    money, where = rng.choice(MONEY), _where(rng)
    q = rng.choice([
        f"请问{rng.choice(SINCE)}申请的{money}，为什么到现在还没有发放？",
        f"咨询一下，{where}{_shortfall(rng)}，这个归哪个部门管？",
        f"想问问{rng.choice(PLACES)}{rng.choice(BODIES)}，{money}拖了{rng.choice(DURATIONS)}了，什么时候能到账？",
        f"请问{rng.choice(PLATFORMS)}{rng.choice(PLATFORM_FAILS)}，要怎么处理？",
        f"咨询{money}的问题：按规定应该{rng.choice(['上个月', '年底前', '三个月内'])}发放，至今没有收到，请问是什么原因？",
        f"请问{where}的{rng.choice(LACKS)}什么时候能修好？已经坏了{rng.choice(DURATIONS)}。",
        f"{where}{rng.choice(ISSUES)}，请问有没有人管？",
    ])
    return rng.choice([("", _noisy(q, rng)), (f"关于{money}的咨询", _noisy(q, rng)), (f"咨询{where}的问题", _noisy(q, rng))])


def suggestion_shortfall(rng: random.Random) -> tuple[str, str]:
    """A calm suggestion that states what is missing now: the shortfall makes it adverse."""
    where, x = _where(rng), rng.choice(LACKS)
    now = rng.choice([f"目前附近{rng.choice(['没有', '缺少', '只有一个'])}{x}", f"现在的{x}{rng.choice(['太少', '离得太远', '经常坏'])}",
                      f"现在{rng.choice(ISSUES)}", f"居民{rng.choice(['出行不便', '意见很大', '只能绕远路'])}"])
    return rng.choice([(f"建议在{where}增设{x}", f"{now}，希望予以考虑。"),
                       ("", _noisy(f"建议{where}增加{x}，{now}，谢谢。", rng)),
                       (f"关于{where}{x}的建议", f"{now}，恳请有关部门规划解决。")])


def platform_failure(rng: random.Random) -> tuple[str, str]:
    p, f = rng.choice(PLATFORMS), rng.choice(PLATFORM_FAILS)
    place = rng.choice(PLACES)
    return rng.choice([("", _noisy(f"{place}{p}{f}，耽误事了", rng)), (f"{place}{p}{f}", ""),
                       ("", _noisy(f"{p}又出毛病了，{f}！！", rng)), (f"反映{p}{f}的问题", "希望技术人员尽快修复。")])


def price_complaint(rng: random.Random) -> tuple[str, str]:
    thing = rng.choice(["停车费", "物业费", "供暖费", "水费", "电费", "景区门票", "出租车", "一碗粉",
                        "小区电梯费", "校服费", "学校午托费", "医院检查费", "殡葬服务费"])
    return rng.choice([("", _noisy(f"{rng.choice(PLACES)}的{thing}{rng.choice(['乱收费', '收费标准不公开', '一下涨了一倍', '没有明码标价', '贵得离谱'])}，有人管吗", rng)),
                       (f"{_where(rng)}{thing}收费不合理", f"收{_n(rng)}元，没有任何依据。"),
                       ("", _noisy(f"在{rng.choice(PLACES)}{rng.choice(['吃饭', '停车', '打车', '住宿'])}被宰了，{thing}要{_n(rng) * 10}块", rng))])


POSITIVE_FRAMES = [
    "{place}{body}集中整治{area}，解决群众反映的问题{n}个，市民纷纷点赞",
    "{place}12345热线今年受理群众诉求{n}万件，办结率达{p}%，满意率持续提升",
    "{place}{spot}{issue}问题整改完成，居民{good}",
    "困扰居民多年的{spot}{issue}问题得到解决",
    "曾经{issue}的{spot}，如今变成了{better}",
    "{place}{body}获评{honour}",
    "{place}入选{honour}名单",
    "{place}{thing}工作排名全省第一",
    "{place}{svc}实现全覆盖，群众办事{good2}",
    "{place}{platform}正式上线，{good2}",
    "{place}{new}正式开放，{good}",
    "{place}{n}个重点项目集中开工，总投资{m}亿元",
    "{place}{spot}改造提升工程完工，居民{good}",
    "{place}公共资源交易中心推行{svc}，为企业节约成本{m}千万元",
    "{place}{body}开展{area}专项行动，群众安全感明显提升",
    "{place}前三季度{thing}指标增速位居全省前列",
    "{place}为{n}户困难家庭送去慰问金，温暖过冬",
    "{place}{body}推出{n}项便民措施，{good2}",
    "{place}“{svc}”改革获国务院通报表扬",
    "投诉变点赞：{place}{body}{n}天解决{spot}{issue}问题",
]
AREAS = ["占道经营", "背街小巷环境", "违章建筑", "餐饮油烟", "噪音污染", "交通秩序", "农村人居环境", "群租房消防隐患",
         "校园周边环境", "电动自行车停放"]
BETTERS = ["口袋公园", "居民休闲广场", "停车场", "便民市场", "儿童游乐场", "社区食堂"]
GOODS = ["拍手称赞", "生活更方便了", "出行更安全了", "纷纷送来锦旗", "满意度明显提升", "告别了烦恼"]
GOODS2 = ["最多跑一次", "不出村就能办", "掌上就能办", "时间缩短一半", "更加方便快捷", "实现零跑腿"]
SVCS = ["一网通办", "不见面开标", "电子保函", "证照分离", "跨省通办", "一窗受理", "帮办代办",
        "远程异地评标", "拿地即开工"]
NEWS = ["城市书房", "市民中心", "体育公园", "社区食堂", "口袋公园", "城市绿道", "新图书馆", "便民服务驿站",
        "老年活动中心", "科技馆"]
THINGS = ["营商环境", "政务服务", "优化营商环境", "民生实事", "招商引资", "乡村振兴", "河长制"]


def positive_broad(rng: random.Random) -> tuple[str, str]:
    spot = rng.choice(WHERES)
    line = rng.choice(POSITIVE_FRAMES).format(
        place=rng.choice(PLACES), body=rng.choice(BODIES), area=rng.choice(AREAS), n=_n(rng), m=rng.randint(2, 9),
        p=rng.choice([95, 96, 97, 98, 99]), spot=spot, issue=rng.choice(ISSUES), good=rng.choice(GOODS),
        better=rng.choice(BETTERS), honour=rng.choice(HONOURS), thing=rng.choice(THINGS), svc=rng.choice(SVCS),
        good2=rng.choice(GOODS2), platform=rng.choice(PLATFORMS), new=rng.choice(NEWS))
    return rng.choice([("", f"{line}。"), (line, ""), (line, rng.choice([
        "下一步，将继续聚焦群众急难愁盼问题，推动工作落实。", "据介绍，这是今年民生实事项目之一。",
        "记者从相关部门获悉，相关做法将在全市推广。", "该做法得到了上级部门的肯定。", "不少市民表示，变化看得见。"])),
        ("", _noisy(f"点赞！{line}", rng, typo=0.2, dialect=0.2))])


NOTICE_FRAMES = [
    "关于《{place}{item}管理办法（征求意见稿）》公开征求意见的公告：意见反馈截止时间为{date}。",
    "{place}{body}关于召开{item}价格听证会的公告，听证会将于{date}举行。",
    "{place}{year}年公开招聘拟聘用人员名单公示，公示期为{date}至月底。",
    "{place}{year}年{item}资格审核结果公示，如有异议可在公示期内反映。",
    "{place}{body}{date}节假日值班安排。",
    "{place}{item}办事指南：申请条件、所需材料、办理时限。",
    "{place}{body}举办{item}政策宣讲会，{date}在市民中心举行。",
    "{place}{date}起开展秋季疫苗接种，请家长带孩子按时前往接种点。",
    "{place}{year}年城乡居民医保集中缴费开始，缴费截止时间为{date}。",
    "{place}{year}年中小学招生入学报名时间安排公布。",
    "{place}{body}关于调整{item}窗口办公时间的通知。",
    "{place}{spot}{date}至{date2}封闭施工，请过往车辆提前绕行。",
    "{place}{date}起实施机动车尾号限行，具体时段见通告。",
    "{place}气象台{date}发布天气预报：多云转晴，气温12到20摄氏度。",
    "{place}招募文明交通志愿者的公告，报名截止{date}。",
    "{place}{year}年政府采购意向公开：{project}，预算金额{n}万元。",
    "{place}{body}就{item}有关问题答记者问。",
    "{place}{body}召开{year}年度工作总结会议。",
    "{place}{year}年第{m}次常务会议研究部署{item}等工作。",
    "{place}{body}{date}开展“{item}”主题宣传活动。",
    "{place}{project}项目批前公示，公示期十个工作日。",
    "{place}公共资源交易中心{date}开标项目一览。",
    "{place}{date}起调整部分公交线路首末班时间。",
    "{place}{year}年度{item}申报已开始，{date}截止。",
]


def notice_broad(rng: random.Random) -> tuple[str, str]:
    line = rng.choice(NOTICE_FRAMES).format(
        place=rng.choice(PLACES), body=rng.choice(BODIES), item=rng.choice(ITEMS), date=_date(rng), date2=_date(rng),
        year=rng.choice([2025, 2026]), spot=rng.choice(WHERES), project=rng.choice(PROJECTS), n=_n(rng),
        m=rng.randint(2, 30))
    head, colon, _ = line.partition("：")
    return rng.choice([("", line), (head if colon else "", line), ("", line)])


PRIVATE_MORE = ["网购的衣服色差太大，客服还不理人，气死", "演唱会又没抢到票，心态崩了",
                "这部电影烂透了，浪费我两个小时", "相亲对象迟到一小时，无语", "股票又跌停了，我的血汗钱啊",
                "游戏更新后手感太差了，策划出来挨打", "追的剧烂尾了，编剧脑子进水", "我家狗又把沙发咬烂了，崩溃",
                "考研复试没过，哭了一晚上", "婚礼策划公司太不靠谱了，后悔死了", "新买的手机屏幕摔碎了，心疼",
                "彩票又没中，这辈子都不买了", "今天的奶茶太甜了，踩雷", "外卖小哥把汤洒了，今天真倒霉",
                "老公又打呼噜，一晚上没睡好", "理发师把我头发剪毁了，想哭", "抽卡抽了两百发没出金，吐了"]
JOY = ["太棒了！！夺冠了！！", "终于等到了，开心到飞起", "绝杀！！今晚不睡了！！", "官宣了，我哭了，太甜了",
       "演唱会太炸了，嗓子喊哑了", "考上了！！！感谢自己"]


def emotional_more(rng: random.Random) -> tuple[str, str]:
    return rng.choice([("", _noisy(rng.choice(PRIVATE_MORE), rng, typo=0.3, dialect=0.3)),
                       ("", f"{rng.choice(TEAMS + STARS)}{rng.choice(JOY)}"),
                       ("", _noisy(f"{rng.choice(PRIVATE_MORE)}，{rng.choice(['谁懂啊', '哭死', '破防了', '麻了'])}", rng))])


def plain_consult(rng: random.Random) -> tuple[str, str]:
    """A how-to question that tells of no problem: not adverse."""
    item = rng.choice(ITEMS)
    q = rng.choice([f"请问办理{item}需要哪些材料？", f"咨询一下{item}的申请条件", f"{item}可以在网上办理吗？",
                    f"请问{rng.choice(PLACES)}{item}在哪个窗口办？", f"想了解一下{item}的政策，谢谢"])
    return rng.choice([("", _noisy(q, rng, dialect=0.15)), (f"关于{item}的咨询", q)])


MORE_KINDS: dict[str, tuple[int, int, Callable[[random.Random], tuple[str, str]]]] = {
    "complaint_terse": (1, 500, complaint_terse), "complaint_letter": (1, 350, complaint_letter),
    "consult_problem": (1, 250, consult_problem), "suggestion_shortfall": (1, 200, suggestion_shortfall),
    "platform_failure": (1, 120, platform_failure), "price_complaint": (1, 120, price_complaint),
    "positive_broad": (0, 600, positive_broad), "notice_broad": (0, 450, notice_broad),
    "emotional_more": (0, 250, emotional_more), "plain_consult": (0, 120, plain_consult),
}


# Problems and ordinary news of the same services, domain by domain: the service named (医院, 菜价,
# 低保, 安置房) says nothing; what is said of it decides. Subject × predicate × frame.
DOMAINS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "医疗": (["医院", "乡镇卫生院", "私立诊所", "药店", "医保窗口", "急诊科", "社区医院"],
           ["乱收费", "重复检查多收钱", "过度治疗", "乱开药", "推诿病人", "医保报销难", "挂号难", "看病排队一上午",
            "把小病当大病治", "套取医保费用"],
           ["开通夜间门诊", "推出检查结果互认", "开展义诊", "上线医保电子凭证", "新增床位", "引进新设备"]),
    "食品": (["餐馆", "小吃店", "学校食堂", "超市", "网红店", "奶茶店", "早餐摊", "烧烤店"],
           ["卫生脏乱差", "用过期食材", "后厨有蟑螂", "无证经营", "卖变质食品", "饭菜里有异物", "吃了拉肚子"],
           ["亮出明厨亮灶", "通过食品安全检查", "推出平价套餐", "获评放心餐饮店"]),
    "价格": (["菜价", "猪肉价格", "停车费", "物业费", "景区门票", "酒店房价", "药价", "快递费", "车位价格"],
           ["猛涨", "被哄抬", "乱收费", "涨价不公示", "不明码标价", "一夜翻倍", "收费标准混乱"],
           ["保持平稳", "下调", "实行政府指导价", "公示接受监督"]),
    "民政": (["低保评定", "扶贫资金", "危房改造补贴", "高龄补贴", "残疾人补贴", "临时救助", "特困供养", "农业补贴"],
           ["优亲厚友", "被截留", "发放不到位", "评定不公开", "暗箱操作", "迟迟不到账", "被冒领", "被克扣"],
           ["标准提高", "按时足额发放", "实现线上申请", "公示接受监督", "覆盖全部困难群众"]),
    "安置": (["安置房", "搬迁安置点", "移民新村", "回迁房", "保障房", "公租房"],
           ["漏水开裂", "质量问题多", "配套设施不全", "迟迟不交付", "补偿不到位", "分配不公平", "后续帮扶跟不上"],
           ["顺利交付", "配套设施完善", "群众喜迁新居", "开展入住仪式", "建起扶贫车间"]),
    "住房": (["小区", "物业公司", "开发商", "电梯", "楼道", "地下车库", "业委会"],
           ["乱收费", "服务差", "延期交房", "拒不办证", "困人", "年久失修", "漏水", "侵占公共收益", "违规挪用维修基金"],
           ["完成改造", "加装电梯", "开展环境整治", "举办邻里节", "更换新设备"]),
    "交通": (["公交车", "出租车", "网约车", "公交站", "红绿灯", "路口", "停车场", "客运站"],
           ["班次太少", "拒载绕路", "设置不合理", "经常堵死", "收费乱", "车况太差", "司机态度恶劣"],
           ["开通新线路", "智能化改造完成", "增加班次", "新增车位", "更换新能源车"]),
    "环境": (["工厂", "养殖场", "河道", "垃圾站", "工地", "砖厂", "洗砂场"],
           ["偷排污水", "臭气熏天", "粉尘漫天", "噪音扰民", "黑臭", "垃圾成堆", "夜间违规施工"],
           ["完成治理", "水质达标", "建成湿地公园", "通过环保验收", "实现清洁生产"]),
    "政务": (["政务大厅", "办事窗口", "户籍窗口", "社保窗口", "不动产登记中心", "村委会", "街道办"],
           ["推诿扯皮", "让群众跑了五六趟", "办事难", "吃拿卡要", "态度差", "办事效率低", "要求提供奇葩证明"],
           ["推行一窗通办", "延长服务时间", "开设老年人绿色通道", "实现就近可办", "推出预约服务"]),
    "教育": (["学校", "幼儿园", "培训机构", "中学", "小学"],
           ["乱收费", "强制补课", "作息时间过长", "体罚学生", "学位紧张", "食堂饭菜差", "违规招生", "卷钱跑路"],
           ["举办运动会", "开设课后服务", "新校区启用", "获评示范学校", "开展研学活动"]),
    "就业": (["工厂", "工地", "公司", "劳务公司", "商场"],
           ["拖欠工资", "不签劳动合同", "不交社保", "无故辞退员工", "强制加班", "克扣工资"],
           ["举办招聘会", "提供就业岗位", "开展技能培训", "为员工涨薪"]),
    "设备": (["电梯", "燃气管道", "锅炉", "游乐设施", "消防设施"],
           ["频繁困人", "故障不断", "检验走过场", "存在泄漏隐患", "形同虚设", "过期没人检"],
           ["完成年检", "更新换代", "通过安全检验", "安装智能监测"]),
}
CONSEQ = ["群众意见很大", "居民苦不堪言", "投诉无门", "有苦难言", "多次反映没有结果", "希望有关部门查一查",
          "大家敢怒不敢言", "老百姓吃了哑巴亏", "", "", ""]


def flat_problem_broad(rng: random.Random) -> tuple[str, str]:
    subjects, preds, _ = DOMAINS[rng.choice(list(DOMAINS))]
    s, p, c = rng.choice(subjects), rng.choice(preds), rng.choice(CONSEQ)
    place = rng.choice(["", "", rng.choice(PLACES), "某", "一些", "部分"])
    line = f"{place}{s}{p}" + (f"，{c}" if c else "")
    return rng.choice([("", line), ("", _noisy(line, rng, typo=0.3, dialect=0.25)), (f"{place}{s}{p}", ""),
                       ("", f"有市民反映，{line}"), ("", f"{line}。{rng.choice(['到底有没有人管？', '', '请相关部门核查。'])}")])


def flat_normal_broad(rng: random.Random) -> tuple[str, str]:
    subjects, _, goods = DOMAINS[rng.choice(list(DOMAINS))]
    line = f"{rng.choice(['', rng.choice(PLACES), '全市', '部分'])}{rng.choice(subjects)}{rng.choice(goods)}"
    return rng.choice([("", line), (line, ""), ("", f"记者获悉，{line}。"), ("", f"近日，{line}，市民表示点赞")])


MORE_KINDS["flat_problem_broad"] = (1, 600, flat_problem_broad)
MORE_KINDS["flat_normal_broad"] = (0, 450, flat_normal_broad)


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for kind, (adverse, maker) in KINDS.items():
        for title, text in draw_rows(lambda m=maker: m(rng), PER_KIND, seen, key=lambda _, text: text):
            rows.append({"title": title, "text": text, "adverse": adverse, "kind": kind})
    rows += topic_items(rng, 70)
    more = random.Random(SEED + 2)
    for kind, (adverse, count, maker) in MORE_KINDS.items():
        for title, text in draw_rows(lambda m=maker: m(more), count, seen):
            rows.append({"title": title, "text": text, "adverse": adverse, "kind": kind})
    return rows


def draw_rows(make: Callable[[], tuple[str, str]], count: int, seen: set[str], tries: int = 20,
              key: Callable[[str, str], str] = lambda title, text: f"{title}|{text}") -> Iterator[tuple[str, str]]:
    """Up to ``count`` rows from ``make`` whose key is not in ``seen`` (which grows), giving up after
    ``count * tries`` draws: a generator whose parts are used up makes fewer rows, never loops."""
    made = drawn = 0
    while made < count and drawn < count * tries:
        drawn += 1
        title, text = make()
        k = key(title, text)
        if k in seen:
            continue
        seen.add(k)
        yield title, text
        made += 1



# ---------------------------------------------------------------------------------------------
# Round 3: topic rows for every base topic (core/taxonomy.py BASE_TOPICS), written from the
# office's labelling conventions (devsets/README.md "topic": 谁主管谁负责, the event outranks a
# school or estate setting, a school's 乱收费 is 教育 but other charges are 价格, 农业补贴 is 扶贫,
# a foreign firm's layoffs are 涉外, discipline cases and 营商环境 are 其他), in the four registers
# a desk meets: a citizen's complaint, an exposé in news prose, a rumour, an official 通报. Each
# topic's events are what its competent department answers for; the confusable pairs (社情民意 vs
# 公共基础设施建设/住房/价格, 扶贫 vs 移民搬迁, 社会稳定 vs 教育, 就业 vs 涉外) have events on both
# sides in the same settings. Every one reports a problem, so it is adverse too; they go to
# ``topic_items.jsonl`` (their own random stream leaves the rows above alone) so that the training
# config weighs them per head.
TOPIC_BANK: dict[str, tuple[list[str], list[str]]] = {
    # topic: (events, the department that answers — used by the 通报 register)
    "就业": (["{firm}拖欠{n}名员工{k}个月工资", "{firm}不与员工签订劳动合同", "{firm}辞退孕期女职工不给补偿",
            "{firm}强制员工每天加班到深夜不给加班费", "{firm}未给员工缴纳社会保险", "招聘广告承诺的月薪入职后大打折扣",
            "职业介绍所收了中介费却不安排工作", "一次性吸纳就业补贴申请后迟迟没有发放", "失业保险金申领被一再推托",
            "{firm}以试用期不合格为由随意解雇员工", "农民工工资保证金没有按规定存储", "包工头卷走工人工资失联",
            "{firm}突然宣布裁员{n}人，补偿标准不明", "零工市场招聘信息真假难辨，求职者屡屡被骗",
            "公益性岗位人员工资被克扣", "技能培训补贴被培训机构虚报冒领", "高校毕业生见习补贴至今没到账",
            "劳动仲裁裁决生效后企业仍拒不支付工资"],
           ["人社局", "劳动保障监察大队", "就业服务中心"]),
    "住房": (["{estate}开发商逾期两年仍未交房", "{estate}交房后墙面大面积开裂渗水", "{estate}业主的房产证办了三年还没拿到",
            "{estate}物业擅自动用住宅专项维修资金", "{estate}物业服务差，楼道垃圾没人清", "{estate}项目停工烂尾，业主每月照还房贷",
            "{estate}实测面积比合同少了{n}平方米", "{estate}地下室长期渗水泡了业主的车位", "{estate}电梯坏了物业拖着不修，说维修资金用不了",
            "{estate}开发商承诺的学区配套没有兑现", "公租房分配不公开，排了几年都轮不到", "{estate}业委会成立受阻，物业拒绝交接",
            "{estate}房屋顶层漏水，开发商和物业互相推诿", "{estate}精装修交付的房子装修质量低劣", "老旧小区改造把外墙刷了一遍就验收了",
            "{estate}网签备案迟迟办不下来", "二手房中介吞了购房定金", "{estate}小区公共区域被开发商改成商铺出售"],
           ["住建局", "房管局", "不动产登记中心"]),
    "教育": (["{school}以资料费名义向每名学生收取{n}百元", "{school}教师在校外开补习班，暗示学生参加", "{school}老师体罚学生致其耳膜穿孔",
            "{school}周末违规组织学生集体补课", "{school}强制学生购买指定教辅", "{school}招生时违规收取择校费",
            "{school}学位不足，片区内孩子被分到十几公里外", "{school}食堂以外另收午托费还不开发票", "{school}班主任在家长群索要礼品",
            "{school}校服价格高、质量差，家长被要求必须买", "{school}教师长期被借调，学生半学期换了四个老师",
            "{school}毕业班放假时间被一再压缩", "{school}违规举办重点班按成绩分班", "{school}克扣学生营养餐补助",
            "{school}老师辱骂学生，还让学生在全班面前下跪", "{school}入学要求家长提供十几项证明"],
           ["教育局", "教育督导室"]),
    "卫生计生": (["{hospital}医生收受红包", "{hospital}过度检查，感冒开了上千元检查单", "{hospital}误诊导致病人延误治疗",
              "{hospital}急诊推诿危重病人", "{hospital}手术后纱布留在病人体内", "{school}多名学生上吐下泻，疑似诺如病毒感染",
              "{hospital}挂号难，专家号被号贩子倒卖", "乡镇卫生院没有医生坐诊，村民看病要跑到城里",
              "{hospital}产科护士态度恶劣，产妇投诉无门", "社区卫生服务中心疫苗断供，孩子一直打不上针",
              "{hospital}医疗废物随意堆放在院内", "{place}出现多例登革热病例，防蚊灭蚊工作不到位",
              "{hospital}住院费用清单里多出没做过的项目", "村卫生室乡村医生无证行医", "{hospital}病房人满为患，病人睡在走廊",
              "{hospital}救护车出车慢，病人在家等了一个小时"],
             ["卫健委", "疾控中心", "卫生监督所"]),
    "质监": (["{estate}的电梯检验合格证已过期半年仍在运行", "{firm}生产的电动车头盔抽检不合格", "商场在售儿童玩具邻苯二甲酸酯超标",
            "{firm}的燃气灶具存在漏气隐患，多地出现事故", "{estate}电梯维保单位只签字不检查", "加油站加油机计量作弊",
            "{firm}生产的电线电缆截面积不达标", "游乐场的大型游乐设施未经检验就运营", "锅炉房的压力容器没有定期检验",
            "菜市场的电子秤被改装，缺斤短两", "{firm}销售无3C认证的充电宝", "新买的热水器用了一个月就漏电，厂家不认",
            "{firm}生产的防水涂料质量不合格被曝光", "学生用的护眼台灯抽检频闪超标", "液化石油气钢瓶超期未检仍在充装"],
           ["市场监管局", "质监站", "特种设备检验所"]),
    "食品药品安全": (["{school}食堂饭菜发霉，多名学生腹痛", "{school}食堂发生集体食物中毒，{n}名学生送医",
                "{restaurant}后厨老鼠乱窜被拍", "超市把过期食品换标签重新上架", "{restaurant}使用地沟油被举报",
                "药店无处方销售处方药", "保健品店向老人推销假药", "网红外卖店无证经营，后厨脏乱",
                "小作坊用工业明胶生产食品", "{restaurant}的凉菜吃出了玻璃渣", "菜市场的蔬菜农药残留超标",
                "网购的婴幼儿奶粉是假货", "{restaurant}的海鲜来源不明还是死的", "熟食店的卤味添加非食用色素",
                "诊所销售过期药品", "早餐店用过期面粉做包子"],
               ["市场监管局", "食品药品监管所"]),
    "价格": (["{estate}停车费从每月{n}十元涨到三百元", "{estate}物业费上调却没有召开业主大会", "景区门票之外还要收观光车费",
            "天然气价格调整后阶梯计价算错", "菜市场摊位费一年涨了三倍",
            "{restaurant}菜单不明码标价，结账时天价", "出租车不打表，乱喊价", "快递网点取件要加收保管费",
            "充电桩服务费比电费还高", "{estate}物业违规收取装修押金不退", "春节期间{place}酒店房价暴涨十倍",
            "供暖费按建筑面积收，住顶楼的多交了钱", "驾校报名后又额外收取各种费用", "银行收取的账户管理费不合理"],
           ["发改委价格监测中心", "市场监管局价监科"]),
    "扶贫": (["低保评定优亲厚友，村干部亲属都吃上了低保", "村里的扶贫产业资金被挪作他用", "帮扶干部一年没来过贫困户家里",
            "耕地地力保护补贴被村里截留", "农机购置补贴迟迟没有到账", "种粮补贴发放名单里有已经去世的人",
            "脱贫户返贫了却没人过问", "扶贫小额信贷到期要求一次性还清", "结对帮扶企业承诺的产业项目一直没有落地",
            "危房改造补助被村干部克扣", "残疾人两项补贴被冒领", "特困供养人员的供养金没有按月发放",
            "光伏扶贫电站收益分配不公开", "消费帮扶的农产品被强行摊派给职工", "养殖补贴申报时要先给村干部好处",
            "临时救助申请被要求找关系"],
           ["乡村振兴局", "农业农村局", "民政局"]),
    "移民搬迁": (["水库移民的后扶资金被乡镇截留挪用", "{n}户水库移民的安置房至今没有建好", "水电站移民补偿款发放不公开",
              "移民安置点的饮水工程建了一半停工", "库区移民的生产用地没有按承诺调配", "移民村的道路建设资金去向不明",
              "水库淹没区的房屋补偿标准过低", "移民后扶直补资金少发了两年", "库区移民搬迁后户口迁移手续办不下来",
              "水库移民安置房分配暗箱操作", "移民新村房屋墙体开裂，移民多次反映无果", "库区移民避险解困项目迟迟不启动"],
             ["移民局", "水库移民管理中心"]),
    "公共基础设施建设": (["{road}路灯成片不亮一个多月", "{road}新修的路面不到半年就坑坑洼洼", "{place}供水管道爆裂两天还没修好",
                    "{place}一周停水三次还不提前通知", "{road}下水道堵塞，雨后积水半米深", "{place}公交线路调整后老人出行不便",
                    "公交车经常脱班，等一个小时来不了一辆", "{road}人行天桥修了三年还没完工", "{place}建成的公厕一直锁着不开放",
                    "{road}桥梁护栏断裂无人维修", "{road}道路拓宽工程拖了三年还没完工", "{road}井盖缺失，晚上有人掉下去",
                    "{place}农村饮水工程水压不足，高处的村民用不上水", "城区主干道修了挖、挖了修", "{place}污水处理厂建好了管网没接通",
                    "村村通公路修好一年就烂了", "{road}红绿灯坏了几天没人修，路口乱成一团"],
                   ["住建局", "城管局", "交通运输局", "自来水公司"]),
    "社情民意": (["政务服务中心几个窗口互相推诿，群众办事难", "窗口工作人员上班时间玩手机，群众排长队", "12345工单显示已办结，问题根本没解决",
              "{road}商贩占道经营，行人只能走机动车道", "楼下广场舞音响开到晚上十点",
              "烧烤摊油烟熏得楼上住户不敢开窗", "街道干部接访时推诿扯皮",               "邻居在楼道堆放杂物，多次劝说无果", "{road}餐馆占用人行道摆桌子", "门面装修的电钻声从早响到晚",
              "反映的问题被转来转去，三个月没有答复", "村干部对群众反映的问题不理不睬", "{road}夜市噪音扰民到凌晨",
              "办事要求提供的证明自相矛盾"],
             ["信访局", "12345热线办", "街道办事处"]),
    "对外宣传": (["外地媒体报道称{place}是最不宜居的城市，阅读量过百万", "{place}城市宣传片被网友吐槽抄袭",
              "{place}被外省网友做成短视频调侃“穷山恶水”，全网播放千万", "外媒报道歪曲{place}的民族政策",
              "{place}官方账号发布的宣传海报出现错别字，被全国网友嘲讽", "{place}文旅推介会上的口号被批低俗",
              "某旅游博主发视频称在{place}被宰，{place}城市形象受损", "{place}在全国网络评选中被恶意刷成倒数第一",
              "境外网站传播{place}的不实负面视频", "{place}旅游形象宣传语涉嫌虚假宣传被央媒点名"],
             ["宣传部", "网信办", "外宣办"]),
    "社会稳定": (["{n}名男子在{spot}持棍棒斗殴", "{spot}附近发生一起抢劫案", "有人冒充公安民警实施电信诈骗，{n}名老人被骗",
              "{spot}门口有人贩卖毒品", "{n}十名业主在{spot}聚集拉横幅维权", "一男子在{spot}持刀行凶",
              "网传{spot}有人抢孩子", "{spot}附近发生命案", "非法集资平台暴雷，上百名投资人聚集讨要本金",
              "黑恶势力强揽{place}工程", "{spot}一名学生被校外人员围殴", "网传{spot}发生绑架案",
              "{n}十名农民工在{spot}门前聚集讨薪", "{place}一伙人开设赌场", "有人在{spot}散布传销信息拉人入伙",
              "{spot}发生群体性冲突"],
             ["公安局", "政法委", "维稳办"]),
    "涉外": (["{spot}的外籍教师持旅游签证违规任教", "一家外资企业突然关厂裁员，员工补偿没有着落", "外籍人员在{spot}酒驾撞人",
            "外资企业拖欠员工工资后外方老板回国", "{spot}的外籍人员非法居留被查", "外籍教师在{spot}与学生家长发生冲突",
            "港资工厂偷排污水被曝光", "外商投资项目征地补偿引发纠纷", "外籍网红在{place}拍摄视频歪曲事实",
            "{spot}有外国人无证从事培训", "台资企业解散后工人工资被拖欠", "外籍船员在{place}港口斗殴"],
           ["外事办", "公安局出入境管理支队", "商务局"]),
    "应急管理": (["{spot}突发火灾，{n}人被困", "{spot}发生燃气爆炸，{n}人受伤", "化工厂发生危化品泄漏，周边居民紧急疏散",
              "暴雨导致{spot}被淹，数百人被困", "{road}发生一起多车相撞的交通事故，造成{n}人死亡", "{spot}的围墙在大风中倒塌砸伤路人",
              "矿山发生透水事故，{n}名矿工被困井下", "{spot}地下车库电动车起火", "山体滑坡冲毁{place}的房屋",
              "建筑工地塔吊倒塌", "{spot}旁的河道溺水事故，{n}名少年遇难", "烟花爆竹仓库发生爆炸",
              "{firm}因安全生产问题被应急管理局约谈", "{place}多家企业消防通道被堵，安全隐患突出", "山洪冲断{place}的道路，村庄成孤岛",
              "{spot}发生踩踏事件", "{spot}的老楼墙体出现裂缝，存在坍塌风险，住户被紧急转移",
              "{spot}的化粪池发生沼气中毒事故", "台风吹倒{spot}的广告牌砸中行人", "{spot}的配电房起火，附近停电"],
             ["应急管理局", "消防救援支队", "安委办"]),
    "公共资源交易": (["{project}招标中多家投标人围标串标", "{project}评标专家收受投标人好处费", "{project}招标文件设置排他性条款",
                "电子交易平台故障导致{project}开标推迟", "{project}中标人挂靠资质参与投标", "投标保证金退还拖了半年",
                "{project}中标结果公示后投标人集体质疑", "采购单位把一个大项目拆成几个小项目来逃避公开招标", "{project}的招标代理机构泄露投标人名单",
                "{project}评标过程中专家打分明显偏向一家", "国有产权交易暗箱操作低价转让", "{project}中标价远高于市场价",
                "土地使用权挂牌出让程序违规", "交易服务人员私下把标底告诉了投标人"],
               ["公共资源交易中心", "公共资源交易监督管理局"]),
    "其他": (["{place}一名局长违反中央八项规定精神接受宴请被通报", "{place}纪委监委对一名副县长立案审查调查",
            "{place}一名干部被开除党籍和公职", "{place}招商时承诺的优惠政策不兑现，企业反映营商环境差", "{place}一名村支书违纪被给予党内警告处分",
            "{place}一名科员公车私用受到政务处分", "{place}企业开办审批环节多，营商环境评价排名靠后", "{place}一名干部违规经商办企业被诫勉谈话",
            "{place}一名镇长因形式主义问题被问责", "{place}纪委通报{n}起违规收送礼品礼金典型问题",
            "{place}一名所长涉嫌严重违纪违法主动投案"],
           ["纪委监委", "政府办公室", "营商环境局"]),
}
HOSPITALS = ["市人民医院", "县中医院", "妇幼保健院", "第二人民医院", "某民营医院", "镇卫生院", "市中心医院"]
RESTAURANTS = ["一家火锅店", "某快餐店", "一家网红餐厅", "学校旁的小吃店", "某烧烤店", "一家早餐店"]
TOPIC_PROJECTS = ["某道路改造工程", "某学校建设项目", "某医院设备采购项目", "某安置房工程", "某绿化工程", "某污水管网工程",
            "某信息化采购项目", "某水利工程"]
FIRM_KINDS = ["一家电子厂", "某建筑公司", "某物流公司", "一家服装厂", "某劳务派遣公司", "一家餐饮企业", "某商贸公司"]
# Round 4: the wider bank (topic_bank.py) beside the events above, 50+ per base topic, and four more
# registers a desk meets: a 微博 post with #话题# and an @ of an account, a headline alone, a 贴吧 post
# in colloquial speech, a 人民网留言板-style message (title + letter).
# Round 5: CONVENTION_EVENTS, conventions of devsets/README.md the bank did not teach (topic_bank.py).
TOPIC_EVENTS: dict[str, list[str]] = {topic: [*events, *WIDE_EVENTS[topic], *MORE_EVENTS[topic],
                                             *CONVENTION_EVENTS.get(topic, ())]
                                     for topic, (events, _) in TOPIC_BANK.items()}
TOPIC_REGISTERS = ("complaint", "terse", "expose", "rumour", "notice", "weibo", "headline", "tieba", "board")
HASHTAGS = ["#{place}#", "#{place}身边事#", "#{place}头条#", "#曝光台#", "#民生关注#", "#{place}爆料#", "#随手拍#",
            "#{place}同城#", "#求助#", "#问政{place}#"]
MENTIONS = ["@{place}发布", "@{place}融媒", "@人民网地方领导留言板", "@{place}12345", "@{place}日报", ""]
HEADLINE_TAILS = ["", "", "，{answer}回应", "，官方介入", "？记者探访", "，{answer}：正在核查", "，群众盼解决", "｜追踪"]
TIEBA_OPENERS = ["有没有{place}的老乡知道，", "吧友们评评理，", "实在忍不了了，来吧里说一下，", "楼主{place}的，",
                 "顶上去让更多人看到：", "求扩散！", "问一下大家，", "说个事，"]
TIEBA_CLOSERS = ["这事到底有没有人管", "真的服了", "是不是只能认栽了", "大家有啥办法没", "顶一下", "有同样遭遇的吗",
                 "再这样下去咋整", "离大谱"]
BOARD_TITLES = ["关于{short}的问题", "反映{short}", "请求解决{short}问题", "{place}{short}，望领导关注", "{short}谁来管？"]


def _topic_event(rng: random.Random, topic: str) -> str:
    return rng.choice(TOPIC_EVENTS[topic]).format(
        place=rng.choice(PLACES), spot=rng.choice(rng.choice([SPOTS + WHERES, SCHOOLS + ESTATES])), estate=rng.choice([*ESTATES, "某小区", "某楼盘"]),
        school=rng.choice([*SCHOOLS, "某中学", "一所小学", "某幼儿园"]), hospital=rng.choice(HOSPITALS),
        restaurant=rng.choice(RESTAURANTS), road=rng.choice([*ROADS, ""]), firm=rng.choice(FIRMS + FIRM_KINDS),
        project=rng.choice(TOPIC_PROJECTS), n=rng.randint(2, 9), k=rng.randint(2, 8))


def _short(event: str) -> str:
    """A 留言板 title's summary of an event: its first clause."""
    return event.split("，")[0]


def topic_row(rng: random.Random, topic: str) -> tuple[str, str]:
    """One row of ``topic`` in one of the desk's registers."""
    event = _topic_event(rng, topic)
    _, answers = TOPIC_BANK[topic]
    register = rng.choice(TOPIC_REGISTERS)
    place = rng.choice(PLACES)
    if register == "complaint":
        body = (f"{rng.choice(OPENERS)}我是{place}的{rng.choice(IDENTITIES)}，{event}，"
                f"{rng.choice(SINCE)}{rng.choice(TRIED)}。{rng.choice(CLOSERS)}")
        return "", _noisy(body, rng)
    if register == "terse":
        return rng.choice([(f"反映{event}的问题", ""), (event, ""), ("", f"{event}{rng.choice(TAILS)}"),
                           (f"关于{place}{event}的投诉", "")])
    if register == "expose":
        lead = rng.choice([f"{rng.choice(MEDIA)}记者调查发现，", "记者近日走访发现，", "审计发现，", "据群众举报，",
                           f"{rng.choice(MEDIA)}报道，", "有关部门督查发现，"])
        return "", f"{lead}{place}{event}。{_fill(rng, rng.choice(CONSEQUENCES))}"
    if register == "rumour":
        lead = rng.choice(["网传", "有网友称，", "据传", "听说", "群里都在传", "有人爆料："])
        return "", f"{lead}{event}，{rng.choice(['是否属实？', '求证。', '有知情的吗？', '真的假的', '官方还没有回应。'])}"
    if register == "weibo":
        tag = rng.choice(HASHTAGS).format(place=place)
        at = rng.choice(MENTIONS).format(place=place)
        return "", _noisy(f"{tag}{event}{rng.choice(TAILS)} {at}".strip(), rng, typo=0.2, dialect=0.15)
    if register == "headline":
        tail = rng.choice(HEADLINE_TAILS).format(answer=rng.choice(answers))
        return rng.choice([f"{place}{event}{tail}", f"{place}：{event}{tail}", f"{event}{tail}"]), ""
    if register == "tieba":
        body = f"{rng.choice(TIEBA_OPENERS).format(place=place)}{event}，{rng.choice(TIEBA_CLOSERS)}{rng.choice(TAILS)}"
        return "", _noisy(body, rng, typo=0.5, dialect=0.6)
    if register == "board":
        title = rng.choice(BOARD_TITLES).format(short=_short(event), place=place)
        body = f"{rng.choice(OPENERS)}{event}。{rng.choice(SINCE)}{rng.choice(TRIED)}。{rng.choice(CLOSERS)}"
        return title, _noisy(body, rng, typo=0.25, dialect=0.2)
    office = rng.choice(answers)
    return "", (f"{place}{office}情况通报：近日有群众反映{event}。经核查，"
                f"{rng.choice(['情况基本属实，已责令限期整改。', '已成立调查组进行调查。', '相关责任人已被停职。', '部分情况属实，将依法依规处理。', '已立案调查，结果将及时公布。'])}")


def topic_bank_items(rng: random.Random, per_topic: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seen: set[str] = set()
    for topic in TOPIC_BANK:
        for title, text in draw_rows(lambda t=topic: topic_row(rng, t), per_topic, seen):
            out.append({"title": title, "text": text, "adverse": 1, "topic": topic, "kind": f"topicbank_{topic}"})
    return out


def build_topic(per_topic: int = TOPIC_PER_TOPIC) -> list[dict[str, object]]:
    # Round 4 drew a new stream (SEED + 4) for the wider bank and the nine registers.
    return topic_bank_items(random.Random(SEED + 4), per_topic)


def write_rows(rows: list[dict[str, object]], out: Path) -> None:
    """A generator's rows as JSON Lines, in the order drawn (the training files are compared byte for byte)."""
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} items → {out}")


def main() -> None:
    for rows, out in ((build(), OUT), (build_topic(), TOPIC_OUT)):
        write_rows(rows, out)


if __name__ == "__main__":
    main()
