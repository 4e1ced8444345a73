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

# -- restored: an entitlement or service restored after a wrongful stop or a shortage, similar cases reviewed (0);
#    still stopped, refused or cut again (1) --
RESTORED = [
    S("社情民意",
      ("{village}残疾老人低保恢复 停发的{k}个月全部补发", "低保被误停{k}个月 {county}恢复发放并补齐", "{county}复核低保退出名单 {m}户恢复保障"),
      ("{county}{town}{village}七旬残疾老人{sur}大爷的低保，{mo}月起恢复发放，此前停发的{k}个月低保金已一次补发到账。",
       "经核查，停发是因为系统比对时把他儿子名下的一辆旧货车算进了家庭财产，而这辆车早在几年前就已报废。",
       "{county}民政局随后对今年因数据比对退出低保的家庭逐户复核，{m}户情况相似的家庭已恢复保障。",
       "“钱补到卡上那天，我拿着存折看了好几遍。”{sur}大爷说，这几个月他靠邻居接济买药。",
       "今后凡是因比对数据退出的，要先入户核实、听取本人说明，再作决定。",
       "镇里还为他申请了临时救助，村干部每周上门看一次。"),
      ("{village}残疾老人低保被停{k}个月 申请恢复被拒", "低保被误停 {county}一老人跑了{k}趟还没恢复", "{county}低保恢复才两个月 又被停了"),
      ("{county}{town}{village}七旬残疾老人{sur}大爷的低保已经停了{k}个月，他先后到镇里和县里跑了好几趟，至今没有恢复。",
       "工作人员告诉他，系统显示他儿子名下有一辆货车，可那辆车几年前就报废了，注销证明他也交了。",
       "镇民政办的答复是“系统里改不了，要等县里统一处理”，县里又让他回镇上重新申请。",
       "“药不能停，钱又没了，只能跟邻居借。”{sur}大爷说，他的腿脚每跑一趟都要歇好几天。",
       "同村还有{k}户老人遇到同样的情况，有一户恢复了两个月，这个月又被停了。",
       "记者就此联系{county}民政局，对方称会核实，截至发稿未有回复。"),
      ("{sur}大爷腿有残疾，老伴常年吃药，家里没有其他收入，低保是主要的生活来源。",
       "今年年初，他发现每月到账的低保金没有了，村里说是县里的系统比对“有车”。")),
    S("卫生计生",
      ("{county}狂犬病疫苗恢复供应 {k}家接种门诊全部开诊", "疫苗断供{k}周后 {county}接种门诊恢复接种", "{county}补齐疫苗库存 断供期间预约的群众优先接种"),
      ("{mo}月{d}日起，{county}{k}家狂犬病暴露处置门诊全部恢复接种，此前因疫苗断供暂停的服务回到正常。",
       "{county}疾控中心联系了两家疫苗生产企业，首批{n}0支疫苗已入库，后续按周配送。",
       "断供期间登记的{m}名群众，门诊逐一打电话通知，优先为他们补种后续剂次。",
       "“孩子被狗抓了，后面两针一直悬着，接到电话当天就来打了。”家长{who}说。",
       "疾控中心在公众号上每天更新各门诊的疫苗库存，群众出门前就能查到。",
       "卫健部门表示，将建立疫苗库存预警，低于两周用量即启动补货。"),
      ("疫苗断供{k}周 {county}被狗咬伤的群众跑遍全县打不上针", "{county}狂犬病疫苗又断供 第二针接不上", "{county}接种门诊说疫苗到了 去了还是没有"),
      ("{county}狂犬病疫苗断供已经{k}周，{mo}月{d}日记者走访{k}家处置门诊，门上都贴着“疫苗暂缺”的告示。",
       "有群众被狗咬伤后跑遍了县里的门诊，最后只能坐车去邻县，来回要花大半天。",
       "已经打了第一针的人最着急，门诊让他们“等通知”，可到时间了一直没人来电话。",
       "“孩子被狗抓破了手，第二针过了时间还没打上，我天天睡不着。”家长{who}说。",
       "有门诊工作人员私下说，疫苗是到了一批，但先给了“打过招呼的人”。",
       "{county}卫健局称正在协调货源，没有说明什么时候能恢复。"),
      ("{county}有{k}家狂犬病暴露处置门诊，每月接种量在{n}0支左右。",
       "今年入夏后，全县门诊陆续出现狂犬病疫苗缺货，有的门诊暂停了接种。")),
    S("公共基础设施建设",
      ("停运{k}个月的{line}路公交恢复运营 {town}村民不用再走路进城", "{county}停运公交线路恢复 {village}通了班车", "{line}路公交恢复运行 增加早晚两个班次"),
      ("{mo}月{d}日早上六点半，停运{k}个月的{line}路公交重新从{town}发车，沿线{k}个村的村民又能坐车进城了。",
       "这条线路此前因运营企业亏损、车辆到期报废而停运，{county}交通部门重新招标，由县公交公司接手运营。",
       "恢复后的线路新增了早晚两个班次，车辆换成了新能源中巴，票价仍是两元，老人刷卡免费。",
       "“停了这几个月，进城看病要花三十块钱包车，现在又能坐公交了。”{village}村民{who}说。",
       "{county}对全县停运和班次偏少的农村线路做了一次排查，另有两条线路也将在月底前恢复。",
       "公交公司在车站和村委会张贴了新的时刻表，并开通了定制班车预约电话。"),
      ("停运{k}个月的{line}路公交仍未恢复 {town}村民进城靠包车", "{line}路公交恢复不到一个月 又停了", "{county}说好恢复的{line}路公交 站牌还在车没了"),
      ("{county}{line}路公交停运已经{k}个月，{mo}月{d}日记者在{town}的站牌前等了一个多小时，一辆车也没来。",
       "这条线路此前因运营企业亏损停运，上级部门答复群众“近期恢复”，上个月确实恢复了几天，随后又停了。",
       "站牌下有老人拎着菜篮子等着搭顺风车，有人说包一辆车进城要三十块钱，看病来回就得六十。",
       "“说恢复就恢复了几天，我们还没高兴完车又没了。”{village}村民{who}说。",
       "有黑车趁机在站点揽客，一趟收十块钱，车上挤了七八个人。",
       "{county}交通运输局称仍在与运营企业协商补贴，暂不能确定恢复时间。"),
      ("{line}路公交连接{town}与县城，沿线{k}个村的村民平时靠它赶集、看病、接送孩子。",
       "线路开通于{y}年，最多时一天有{k}个班次。")),
    S("公共基础设施建设",
      ("停水{k}天后 {estate}恢复正常供水", "{county}供水管道抢修完成 {n}户居民恢复用水", "{estate}恢复供水 停水期间送水车每天上门"),
      ("{county}{estate}{mo}月{d}日晚恢复正常供水，因主管道破裂停水{k}天的{n}户居民家里又有了水。",
       "供水公司更换了破裂的一段老铸铁管，并对小区周边管网做了加压测试，水质检测合格后才恢复供水。",
       "停水期间，供水公司在小区门口设了临时取水点，安排送水车每天上门，给高层住户的老人送到家门口。",
       "“停水那几天，楼里的小伙子帮我把水一桶一桶提上七楼，现在拧开龙头就有水，踏实了。”住户{who}说。",
       "供水公司表示，小区所在片区的老旧管网已列入今年改造计划，年内全部更换。",
       "居民如遇水压不足或水质异常，可拨打供水服务热线报修。"),
      ("{estate}停水{k}天仍未恢复 居民拎桶下楼接水", "{county}{estate}恢复供水才两天 又停了", "{estate}停水第{k}天 送水车也不来了"),
      ("{county}{estate}已经停水{k}天，{mo}月{d}日记者在小区看到，不少居民拎着水桶在门口的消防栓前排队接水。",
       "供水公司称是主管道破裂，正在维修，但这几天现场只见挖开的坑，没见到施工的人。",
       "中间恢复过一次供水，不到两天管子又爆了，水从路面冒出来淹了地下车库。",
       "“住七楼，一桶水提上去歇三回，家里老人好几天没洗澡了。”住户{who}说。",
       "说好的送水车只来了第一天，之后居民只能去亲戚家或买桶装水。",
       "记者拨打供水服务热线，接线员称“正在抢修，恢复时间待定”。"),
      ("{estate}建于上世纪九十年代，小区供水管道是老式铸铁管，多年没有更换。",
       "小区共有{k}栋楼{n}户居民，不少是独居老人。")),
    S("教育",
      ("{village}小学恢复开学 {n}名孩子不用再走山路到镇上", "停办{k}年的{village}教学点恢复 低年级就近入学", "{town}复核撤点方案 {village}教学点重新招生"),
      ("{mo}月{d}日，{county}{town}{village}教学点恢复开学，一二年级的{m}名孩子不用再走一个多小时山路到镇上读书。",
       "教学点此前被撤并，家长们反映孩子年纪小、路远，{county}教育局复核后决定恢复，重新修缮了校舍。",
       "县里派了两名教师常驻，中午由镇中心校配送热饭，教学点和中心校一起备课、共享课件。",
       "“孩子六岁，以前天不亮就要出门，现在走十分钟就到学校。”家长{who}说。",
       "{county}同时对全县撤并的教学点逐一回头看，另有{k}个生源集中的教学点也将恢复。",
       "中心校校长说，三年级起孩子将到镇上寄宿，学校会安排老师每周家访。"),
      ("{village}教学点撤并后 {m}名低年级孩子每天走山路上学", "{county}说好恢复的{village}教学点 开学了还是没老师", "{village}教学点恢复一学期 又停了"),
      ("{county}{town}{village}教学点撤并已经{k}年，{mo}月{d}日清晨六点，记者跟着几个孩子走了一个多小时山路才到镇上的学校。",
       "家长们多次申请恢复教学点，去年县里答复“秋季恢复”，可开学了校舍还锁着，也没派来老师。",
       "上学期教学点恢复过一阵，老师调走以后又停了，孩子们只好又转回镇上。",
       "“六七岁的孩子，天不亮就出门，下雨天山路滑，摔了好几回。”家长{who}说。",
       "有家长只好在镇上租房陪读，家里的地没人种。",
       "{county}教育局回复称师资紧张，暂无恢复计划。"),
      ("{village}在山里，离镇上的中心校有{k}公里山路，村里有{m}名一二年级的孩子。",
       "教学点是一栋两层的旧楼，撤并后一直空着。")),
]

# -- figures_down: figures falling with the measures behind them (0); rising, surging, or the fall faked (1) --
FIGURES_DOWN = [
    S("社情民意",
      ("{county}12345物业投诉量下降六成 “接诉即办”进小区", "物业投诉一年降了六成 {county}把问题解决在楼栋", "{county}物业类投诉同比下降{p}%"),
      ("{county}12345热线前三季度受理的物业类投诉同比下降六成，{estate}等{k}个投诉最多的小区降幅最大。",
       "去年起，{county}在每个小区设了由社区、业委会和物业组成的议事会，投诉先在楼栋里当面解决。",
       "电梯维修、楼道堆物、停车这几类老问题，由社区牵头列出清单，每月公示办结情况。",
       "“以前电梯坏了打十几个电话，现在在业主群里说一声，当天就有人来修。”{estate}业主{who}说。",
       "热线办每月对投诉较多的小区物业打分，分数与物业服务费调价挂钩。",
       "{county}表示，下一步将把这套办法推广到没有物业的老旧小区。"),
      ("{county}12345物业投诉量同比上升六成 电梯停运最集中", "物业投诉一年翻了一番 {county}多个小区问题反复", "{county}物业投诉“下降六成”被指注水"),
      ("{county}12345热线前三季度受理的物业类投诉同比上升六成，{estate}等{k}个小区的投诉占了近一半。",
       "投诉最多的是电梯停运、楼道堆物和停车，有的问题一年被反映了几十次，至今没有解决。",
       "有居民发现，热线通报的“投诉下降”是把同一问题的重复来电合并计算，不少工单被标成“已办结”，问题却没人管。",
       "“电梯坏了三个月，工单回访电话打来问我满不满意，我说不满意，下次回访又说已解决。”{estate}业主{who}说。",
       "小区的议事会成立后只开过一次会，物业和业委会各说各的。",
       "{county}热线办回应称将核查工单办理情况。"),
      ("{estate}是{county}最早的一批商品房小区，共有{k}栋楼{n}户居民，电梯多已使用二十年。",
       "物业类投诉一直是{county}12345热线受理量最大的一类。")),
    S("就业",
      ("{county}欠薪投诉同比下降{p}% 工资专户覆盖在建工地", "工资按月打到卡上 {county}欠薪投诉大幅下降", "{county}根治欠薪见效 今年欠薪投诉降了{p}%"),
      ("今年前{k}个月，{county}人社部门接到的农民工欠薪投诉同比下降{p}%，其中建筑领域降幅最大。",
       "{county}要求在建工程全部开设农民工工资专户，总包单位每月按实名制考勤代发工资，直接打到工人的银行卡上。",
       "每个工地门口都挂着维权信息公示牌，写明项目负责人、劳资专管员和投诉电话。",
       "“以前干完一年活年底还得去要，现在每个月十五号工资就到了。”在{town}工地干活的{who}说。",
       "人社、住建部门每月对在建项目的工资发放情况做一次线上比对，发现少发、晚发当月提醒。",
       "{county}计划年底前把专户管理延伸到交通、水利工程。"),
      ("{county}欠薪投诉同比上升{p}% 多个工地年底讨薪", "工资专户成摆设 {county}工人欠薪投诉不降反升", "{county}欠薪投诉“下降”的背后：工人被劝撤投诉"),
      ("今年前{k}个月，{county}人社部门接到的农民工欠薪投诉同比上升{p}%，建筑领域最为集中。",
       "记者走访发现，不少工地虽然开了工资专户，但钱进了专户又被转出去，工人手里拿到的只有生活费。",
       "有工人说，他们去投诉后被包工头叫去“调解”，签了撤诉说明才拿到一部分钱，剩下的至今没给。",
       "“投诉记录上写着已撤诉，可我们的钱一分没多拿。”在{town}工地干活的{who}说。",
       "工地门口的维权公示牌上，劳资专管员的电话打过去是空号。",
       "{county}人社局表示将对相关项目逐一核查工资支付情况。"),
      ("{county}每年在建工程项目有{n}个左右，建筑工人大多来自周边乡镇。",
       "过去每到年底，人社部门的信访窗口前总排着讨薪的工人。")),
    S("应急管理",
      ("{county}道路交通事故起数同比下降{p}% 农村路口装上了警示灯", "{county}农村道路事故起数下降 “一盔一带”成习惯", "{k}个事故多发路口改造后 {county}交通事故明显减少"),
      ("今年以来，{county}道路交通事故起数同比下降{p}%，农村道路降幅最明显。",
       "去年{county}排出了{k}十个事故多发的农村路口，加装了减速带、警示灯和反光镜，急弯处设了护栏。",
       "各村的劝导站由村干部和志愿者轮值，赶集日在路口提醒骑电动车的村民戴头盔。",
       "“以前这个丁字路口看不到对面来车，现在装了镜子和灯，晚上老远就能看见。”{village}村民{who}说。",
       "交警部门在中小学开了交通安全课，孩子回家再讲给爷爷奶奶听。",
       "{county}计划明年再改造一批临水临崖路段。"),
      ("{county}道路交通事故起数同比上升{p}% 农村路口成事故多发点", "改造过的路口又出事 {county}交通事故不降反升", "{county}事故起数“下降”被指漏报"),
      ("今年以来，{county}道路交通事故起数同比上升{p}%，{village}附近的一个丁字路口半年里出了{k}起事故。",
       "村民说，去年说好要装的减速带和警示灯，到现在只装了一块牌子，晚上路口一片漆黑。",
       "有村民反映，统计上说的“下降”，是因为不少剐蹭事故被私了，没有报警，也没有进入统计。",
       "“上个月又撞了一个骑电动车的，我家门口这个路口我都数不清出过多少回事了。”{village}村民{who}说。",
       "村里的劝导站只在检查的时候有人，平时门锁着。",
       "{county}交通运输局表示将对事故多发路段进行排查。"),
      ("{county}农村公路总里程{k}千多公里，不少路口视线差、没有信号灯。",
       "赶集日路上电动车、三轮车和货车混行，是事故最多的时段。")),
    S("社会稳定",
      ("{county}信访量同比下降{p}% 矛盾在村里就调解了", "“有事找调解室” {county}群众来访量连续两年下降", "{town}信访量下降 {k}件老问题化解"),
      ("今年前三季度，{county}群众来信来访总量同比下降{p}%，到县里以上的重复访降得最多。",
       "{county}在每个镇设了矛盾纠纷调解中心，土地、邻里、婚姻家庭这类纠纷，由调解员、律师和法官一起在镇上化解。",
       "对积了多年的老问题，县领导每人包案，逐件列出办理时限，办完后回访当事人。",
       "“为宅基地的事跑了好几年县城，这回在镇上坐下来谈了两次就解决了。”{town}村民{who}说。",
       "各村的说事室每周固定一天开门，村民有事可以直接来说。",
       "{county}表示，将继续把矛盾化解在基层，减少群众来回跑。"),
      ("{county}重复信访量同比上升{p}% 老问题拖成了积案", "{town}“信访下降”背后：群众来访被拦", "{county}信访量数字好看 {k}件老问题仍没化解"),
      ("今年前三季度，{county}的重复来访同比上升{p}%，不少是拖了多年的土地和拆迁纠纷。",
       "有群众反映，他们到县里反映问题时，被镇里派人劝回，来访登记上没有留下记录，信访量因此“下降”。",
       "镇上的矛盾纠纷调解中心挂了牌，但调解员多是兼职，一个月也坐不了几天班。",
       "“为宅基地的事跑了五年，每次都说研究研究，再去就被拦在门口了。”{town}村民{who}说。",
       "记者查阅材料看到，有的案件办结报告写着“已化解”，当事人却从未签字。",
       "{county}信访局称将对相关情况进行核实。"),
      ("{county}过去几年的信访问题多集中在土地征收、宅基地和邻里纠纷上。",
       "不少老问题一拖多年，当事人在镇里、县里之间来回跑。")),
    S("食品药品安全",
      ("{county}校园食品安全投诉下降{p}% 家长陪餐成常态", "“明厨亮灶”全覆盖 {county}校园食堂投诉量大幅下降", "{county}学校食堂投诉一年降了{p}%"),
      ("今年以来，{county}有关中小学食堂的投诉同比下降{p}%，家长对食堂的满意度测评首次超过九成。",
       "全县{n}所学校食堂全部装了“明厨亮灶”，家长用手机就能看到后厨操作，食材进货台账按日公示。",
       "每所学校成立膳食委员会，家长代表每周轮流陪餐，菜谱提前一周在家长群发布。",
       "“上周陪餐吃了红烧鸡块、炒青菜和番茄蛋汤，分量足，孩子说不比家里差。”家长{who}说。",
       "县里统一招标配送大宗食材，米面油和肉类都能查到来源。",
       "下一步，{county}将把乡镇寄宿制学校的晚餐纳入陪餐范围。"),
      ("{county}校园食品安全投诉同比上升{p}% 多所学校饭菜被吐槽", "“明厨亮灶”镜头被遮挡 {county}学校食堂投诉不降反升", "{county}学校食堂投诉“下降”？家长说反映了没人登记"),
      ("今年以来，{county}有关中小学食堂的投诉同比上升{p}%，反映饭菜分量少、菜品变质的占了大多数。",
       "有家长发现，学校的“明厨亮灶”摄像头长期黑屏，有的被纸箱挡住了。",
       "膳食委员会名单上有家长的名字，可家长说自己从没被通知去陪过餐。",
       "“孩子说菜有股馊味，宁可饿着也不去食堂，回来天天找零食吃。”家长{who}说。",
       "还有家长说，打电话反映问题时被告知“不属于投诉范围”，投诉量因此没有统计进去。",
       "{county}市场监管局表示，将会同教育部门对学校食堂开展检查。"),
      ("{county}共有中小学{n}所，在校就餐的学生占一大半。",
       "食堂饭菜一直是家长在各类问政平台上反映最多的校园问题。")),
]

# -- recovered: nature and townscape recovered (0); degraded again or the restoration a façade (1) --
RECOVERED = [
    S("其他",
      ("湿地回来了 候鸟也回来了 {river}滩涂今冬迎来{n}0只水鸟", "{county}{river}湿地修复见效 白鹭成群落脚", "退塘还湿{k}年后 {river}边的候鸟越来越多"),
      ("入冬以来，{county}{river}湿地先后迎来{n}0多只越冬水鸟，白鹭、苍鹭和野鸭成群落在修复后的滩涂上。",
       "几年前，这片滩涂被围成了鱼塘和养殖场，水面被切成一块块，候鸟几乎绝迹。",
       "{county}退塘还湿{k}千多亩，拆除围堰、恢复浅滩和芦苇带，养殖户转产后在湿地公园做了管护员。",
       "“小时候河滩上都是鸟，后来全是鱼塘，这两年又能看到成片的白鹭了。”在岸边拍鸟的{who}说。",
       "湿地里装了{k}台红外相机，今年记录到的鸟类比修复前多了几十种。",
       "{county}计划明年再打通两段堤岸，把湿地和上游的林地连起来。"),
      ("{river}湿地修复不到三年 滩涂又被围成鱼塘", "{county}{river}湿地候鸟少了 修复工程成“面子工程”", "退塘还湿的{river}滩涂 芦苇枯死水面发臭"),
      ("今年入冬，{county}{river}湿地的越冬水鸟比往年明显少了，记者{mo}月{d}日走访时，修复过的滩涂上又出现了新的围堰。",
       "湿地修复工程三年前完工，可没过多久，就有人在滩涂上重新围起了鱼塘，还搭了看护棚。",
       "公园里临路的一侧种了草坪、修了观鸟台，往里走的芦苇带却大片枯死，浅滩变成了死水。",
       "“领导来看的那一段拍照好看，里面的水都臭了，鸟早就不来了。”在岸边拍鸟的{who}说。",
       "当初装的红外相机有好几台已经没电，没有人来换。",
       "{county}自然资源局称将联合乡镇对滩涂违规围垦情况进行排查。"),
      ("{river}湿地位于{county}与{town}交界处，曾是候鸟南迁途中的重要停歇地。",
       "湿地修复工程于{y}年启动，投入资金{k}千多万元。")),
    S("其他",
      ("黑臭水体变清了 {street}边的{river}支流成了网红打卡点", "{county}{river}支流告别黑臭 岸边有人垂钓", "{street}旁的臭水沟变清 居民开窗不再捂鼻子"),
      ("{county}{street}边的{river}支流经过一年多治理，水体由黑变清，{mo}月{d}日的监测显示各项指标稳定达标。",
       "治理中，沿河{n}个雨污混接点全部改造，沿街餐馆和小区的污水接进了市政管网，河底清出了几千方淤泥。",
       "河道两岸种了水生植物，建了步道和小广场，晚饭后来散步的人越来越多。",
       "“以前夏天这条沟臭得开不了窗，现在孙子天天吵着要来河边看鱼。”住在河边的{who}说。",
       "河长公示牌上写着各级河长的名字和电话，保洁员每天清捞河面垃圾。",
       "{county}表示，将每月对支流水质进行监测并向社会公开。"),
      ("{street}边的{river}支流治理一年 又黑又臭", "{county}{river}支流“变清”只在水面 河底仍排污", "黑臭水体治理验收不到半年 {street}臭水沟又回来了"),
      ("{county}{street}边的{river}支流治理验收不到半年，河水又变成了黑色，{mo}月{d}日记者在岸边能闻到明显的臭味。",
       "记者沿河看到，有{k}处排口仍在往河里排污水，其中一处藏在新修的步道下面。",
       "有居民说，验收前那几天上游调来了清水冲河，还往河里撒了药，验收一过水就又黑了。",
       "“步道修得挺漂亮，可晚上出来散步得捂着鼻子。”住在河边的{who}说。",
       "河道里种下的水生植物大多已经枯死，河面上漂着一层油污和塑料袋。",
       "{county}住建局表示已安排人员排查排口，将尽快整改。"),
      ("这条支流全长{k}公里多，穿过{county}老城区，两岸住着{n}0多户居民。",
       "多年来，沿河的雨污混接和餐馆污水让这条河成了居民口中的“臭水沟”。")),
    S("其他",
      ("废弃矿坑变身公园 {town}多了个好去处", "{county}{town}采石坑修复成生态公园 周末游客上千", "{town}矿坑公园开园 荒山披上了绿装"),
      ("{mo}月{d}日，由废弃采石坑修复而成的{town}矿坑公园开园，周末到这里散步、拍照的市民有上千人。",
       "这片采石场关停多年，山体被挖得七零八落，坑底积满雨水，周边扬尘大，村民都绕着走。",
       "修复工程削坡降险、回填覆土，种了{n}0多棵树，坑底积水改造成了一片湖面，四周修了栈道。",
       "“小时候这里天天放炮，灰扑扑的，现在带孩子来看湖、喂鱼。”{village}村民{who}说。",
       "公园由镇里委托村集体管护，附近村民在门口摆起了农产品摊位。",
       "{county}还有{k}处废弃矿山正在修复，计划两年内完成。"),
      ("{town}矿坑公园开园不到一年 山体滑坡栈道封闭", "{county}矿山修复“刷绿漆” {town}荒山一下雨就变回原样", "{town}废弃矿坑修复成公园？周边又在偷采"),
      ("{county}{town}矿坑公园开园不到一年，{mo}月{d}日记者看到，公园一侧的坡面发生滑坡，栈道被拉起警戒线封闭。",
       "修复时坡面只铺了一层薄土，种的树大片枯死，一下雨泥水就冲下来。",
       "有村民反映，坡面上的“绿色”是喷上去的一层草籽和颜料，远看一片绿，近看全是石头。",
       "“开园那天来了好多人，现在连门都进不去，晚上还能听到后山有挖机在响。”{village}村民{who}说。",
       "记者在公园后山看到新鲜的车辙和碎石，疑似有人夜间偷采。",
       "{county}自然资源局表示已派人到现场调查。"),
      ("这片采石场开采了二十多年，{y}年前后关停，留下几个深坑和裸露的山体。",
       "坑口离{village}不到一公里，过去一到刮风天，村里的屋顶都落满了灰。")),
    S("公共基础设施建设",
      ("老街换新颜 {street}骑楼修缮完工重新开街", "{county}{street}老街修缮完工 老字号陆续回归", "破旧的{street}老街修好了 街坊们又回来喝早茶"),
      ("{mo}月{d}日，{county}{street}老街修缮工程完工，沿街{k}十栋骑楼重新开街，几家搬走多年的老字号回来了。",
       "这条老街年久失修，屋顶漏雨、木梁糟朽，电线私拉乱接，不少住户搬走了，街面冷冷清清。",
       "修缮按“修旧如旧”的办法，保留了原来的廊柱和青砖，同时更换了老旧电线，埋了雨污管道。",
       "“这条街我住了五十多年，搬走的老邻居这几天都回来看，说还是以前的样子。”老街居民{who}说。",
       "街上的公厕、消防栓和充电桩一起配齐，晚上路灯照得街面亮堂堂。",
       "{county}表示，老街将实行店铺准入，不搞千篇一律的小吃街。"),
      ("{street}老街修缮完工才半年 骑楼屋顶又漏雨", "{county}{street}老街“修旧如旧”成了拆真建假", "{street}老街修缮停工一年 围挡里的骑楼摇摇欲坠"),
      ("{county}{street}老街修缮完工才半年，{mo}月{d}日记者走访时，好几栋骑楼屋顶漏雨，新刷的外墙大片起皮。",
       "有居民说，修缮时原来的木梁和青砖被拆掉了，换成了水泥仿古构件，“看着像，其实全是新的”。",
       "还有一段修缮工程停工一年多，围挡里的老房子屋顶塌了一半，住户搬不进去也不敢进去。",
       "“说是修旧如旧，结果真的拆了、假的立起来，一下雨屋里还得摆盆。”老街居民{who}说。",
       "街面的电线仍是一团乱麻，一到晚上半条街黑着灯。",
       "{county}住建局表示将要求施工单位返修。"),
      ("{street}老街有一百多年历史，沿街是一排排两三层的骑楼。",
       "老街上住着{n}户人家，不少是七八十岁的老人。")),
    S("其他",
      ("{river}禁捕{k}年 鱼群回来了 渔民上岸当护渔员", "{county}{river}段鱼类种类增加 江豚时隔多年再现身", "退捕渔民当起护渔员 {river}里的鱼多了"),
      ("{county}{river}段禁捕{k}年来，鱼类资源明显恢复，今年的监测记录到{n}多种鱼，还在江面上看到了江豚。",
       "禁捕后，沿江{m}户渔民全部退捕上岸，一部分人进了工厂和合作社，一部分人当起了护渔员。",
       "护渔员每天两趟巡江，拆除岸边的地笼、清理废弃网具，发现问题就通过手机报给渔政部门。",
       "“打了一辈子鱼，现在天天护鱼，看着江里的鱼一年比一年多，心里高兴。”护渔员{who}说。",
       "江边的小码头改成了观景平台，周末有不少市民来拍江景。",
       "渔政部门计划明年在江边再建两处增殖放流点。"),
      ("{river}禁捕{k}年 夜里偷捕的船仍在江上", "{county}{river}段电鱼偷捕屡禁不止 护渔员无船可巡", "{river}禁捕后鱼没多 江面又见地笼"),
      ("{county}{river}段禁捕已经{k}年，可{mo}月{d}日晚记者在江边看到，仍有小船关着灯在江面上电鱼。",
       "岸边的浅滩上，一排排地笼用石头压着，有的里面还有死鱼。",
       "护渔员说，他们只有一辆电动车，没有巡逻船，发现了偷捕也追不上，报告上去往往要等半天。",
       "“白天巡的时候什么都没有，晚上一出来全是灯。”退捕渔民{who}说，他今年的护渔补贴还没发。",
       "今年的监测显示，这一段的鱼类种类没有明显增加，有的品种比前年还少。",
       "{county}农业农村局表示将加强夜间巡查。"),
      ("{river}{county}段长{k}十多公里，过去沿江有{m}户专业渔民。",
       "多年过度捕捞，江里的鱼越来越少，渔民说一网下去常常空着上来。")),
]

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
