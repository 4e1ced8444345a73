"""Facts the regulations grade by, read from an item's words: how many died, were hurt or gathered;
whether it is an unverified rumour; whether it is an authority's own notice.

These follow the seeds' own grade criteria (003 篇三 特别重大: 突发事件引起、严重影响社会稳定;
004: 重大人员伤亡; 002 特别重大: 重大突发事件、严重社会危害), not a list of example sentences: a
death is a count next to a verb of dying, a gathering a number of people next to a verb of
gathering. The thresholds that turn counts into grades are the office's, in grading.yaml.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from classifier.lexicon import ADVERSE_NEWS_CUES, COMPLAINT_CUES, trie_pattern
from classifier.prefilter import Needing, first_chars, matches_at

# -- numbers --------------------------------------------------------------------------------------
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# Vague amounts, read low: 数十 is at least twenty, 上百 a hundred.
VAGUE = {"数十": 20, "几十": 20, "十几": 10, "十多": 10, "十余": 10, "数百": 200, "几百": 200, "上百": 100, "近百": 90,
         "百余": 100, "百多": 100, "上千": 1000, "数千": 2000, "几千": 2000, "千余": 1000, "近千": 900, "数名": 3,
         "几名": 3, "多名": 3, "数人": 3, "多人": 3, "几人": 3, "大批": 50, "一大批": 50, "大量": 50, "众多": 30,
         "成百上千": 100,
         "一群": 10, "一些": 3, "一大群": 20, "好多": 10, "很多": 10, "许多": 10, "不少": 10, "好几百": 200,
         "好几十": 20, "好几千": 2000, "好几": 3, "几个": 3, "一对": 2, "一帮": 10, "一大帮": 20, "一伙": 5,
         "一堆": 10,
         "上万": 10000, "数万": 20000}
_NUM = (r"(?:\d+(?:\.\d+)?|成百上千|数十|几十|十几|十多|十余|数百|几百|上百|近百|百余|百多|上千|数千|几千|千余|近千|"
        r"数名|几名|多名|多人|数人|几人|一大批|大批|大量|众多|一大群|一群|一对|一大帮|一帮|一伙|一堆|上万|数万|好几百|好几十|好几千|好几|几个|好多|"
        r"很多|许多|不少|[零〇一二两三四五六七八九十百千万]+)")
_NUM_RE = re.compile(_NUM)


def chinese_number(text: str) -> int | None:
    """12, 十二, 两百三十, 数十 → an int (vague amounts read low); None when it is no number."""
    text = text.strip()
    if not text:
        return None
    if text in VAGUE:
        return VAGUE[text]
    if text[0].isdigit():
        try:
            return int(float(text))
        except ValueError:
            return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit == 10000:
                total = (total + section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return total + section + (digit or 0)


# -- counts of people -----------------------------------------------------------------------------
# Trigger words, literal (one trie scan finds them all, longest first): what happened to people.
DIE_WORDS = ("死亡", "遇难", "身亡", "丧生", "罹难", "殒命", "溺亡", "坠亡", "遇害", "被害", "不幸离世", "失去生命",
             "命案", "尸体", "遗体", "死者", "死", "致死", "去世", "抢救无效", "不治", "离世",
             "过世", "葬身", "被杀", "杀害", "枪杀", "灭门", "不治身亡", "病亡",
             # spoken and dialect: 死了两个人, 有人死了, 人没了; 粤语 死咗人, 人冇咗
             "死了人", "人死了", "有人死", "人没了", "出了人命", "闹出人命", "出人命", "死咗人", "死咗", "人冇咗",
             "死人了",
             # an autopsy asked for or reported (要求尸检, 尸检报告显示) is of someone dead, as 尸体 is
             "尸检")
# 死/伤 after one of these is a death or an injury by a deed or an accident (被捅死, 撞死, 跳楼死了,
# 砍伤); 气死, 笑死, 累死 are ways of speaking. Read from the character before (the trie stays small).
KILLED_BY = frozenset("捅砍撞打烧淹压摔毒勒杀害轧砸刺炸电楼河水祸")
# 打死你, 撞死你, 打死我也不信, 打死也不说, 打死都不说: spoken threats and oaths, not a killing; 撞死我了, 摔死我了:
# the speaker, alive, exaggerates a bump or a fall (not 撞死我儿子: the one killed is named after 我).
_THREAT = re.compile(r"你|我(?:也|都|了|啦|啊|呀)|也不|都不")
# 死 after one of these is a way of speaking, whatever count follows (笑死了好几个, 气死人了, 急死人了,
# 吓死人了, 吵死人了), for the bare 死 and for 死人了 alike.
_WAY_OF_SPEAKING = frozenset("笑气累饿困吓烦急美帅馋忙渴闷乐吵臭丑痛疼难懒坑愁羞憋酸热冷晒等腾")
# 受伤 and 伤 after a word of degree or of the heart are hurt feelings (宝宝表示很受伤, 太伤了, 内心受伤), not a
# wound: a wound is counted (多人受伤, 两人受伤) or told by its cause (摔伤, 被砍伤), never by how much.
_FEELING_BEFORE = re.compile(r"(?:很|太|超|挺|蛮|好|真|最|特别|有点|有些|非常|心|心灵|感情)$")
# 受伤的 of the heart, or of who always ends up hurt (受伤的心灵, 为什么受伤的总是我, 受伤的只能是彼此): a feeling; a
# wound names who was hurt (受伤的都是学生, 受伤的只有司机).
_FEELING_AFTER = re.compile(r"的(?:心|灵魂|感情|总是|永远|只能|始终)")
_NO_DEED_AFTER = re.compile(r"倾向|念头|想法|意念|风险|干预|预防|热线")
HURT_BY = frozenset("砍刺捅打撞烧烫咬摔砸炸割")
HURT_WORDS = ("受伤", "重伤", "轻伤", "伤势", "送医", "入院", "住院", "就医", "中毒", "不适", "伤者", "伤员", "伤",
              # someone harmed themselves, was attacked, or fell: at least one person hurt until told otherwise
              "跳楼", "坠楼", "跳河", "跳桥", "自杀", "轻生", "割腕", "喝农药", "服毒", "伤人", "砍人", "行凶", "血泊",
              "流血", "踩踏", "头破血流")
GATHER_WORDS = ("聚集", "围堵", "堵路", "堵门", "堵住", "堵在", "围在", "围住", "聚在", "上访", "集访", "讨薪", "静坐",
                "拉横幅", "打横幅", "举牌", "维权", "抗议", "示威", "冲击", "围攻", "冲突", "聚众", "集会", "游行",
                "罢工", "闹事", "打起来", "围了", "围着", "围到", "堵了", "堵着", "打砸", "讨说法", "越聚越多",
                # wages asked for in a crowd, banners held (几百号人，都是讨工资的; 一大帮人拉着横幅坐在台阶上)
                "讨工资", "要工资", "讨要工资", "拉着横幅", "打着横幅", "举着横幅", "挂着横幅", "拉起横幅",
                # a sit-in told plainly (好几十个工人坐在项目部门口不走)
                "门口不走", "门前不走",
                # a fight counts the people in it (几十人斗殴: a 群殴 is a mass incident by its numbers)
                "打架", "打斗", "斗殴")
# A crowd on the move (几十个人冲进场庆祝, 年轻消费者涌入): counted like a gathering, for the grade of an
# item that is bad news, but no bad news by itself (Facts.crowd) as a crowd standing round a gate, a
# blocked road or a sit-in is.
CROWD_WORDS = ("涌入", "冲进")
MASS_WORDS = ("群体性事件", "群体事件", "大规模聚集", "聚众闹事", "打砸抢", "打群架", "群架", "群殴", "械斗", "围殴",
              "大规模冲突", "集体冲突", "群体冲突")
# Many people blocking or gathered at the gate of a party or government body (大家伙都堵在管委会门口, 数百名购房者
# 聚集在区政府门前): a mass incident at a government body (围堵党政机关), whether or not anyone counted them.
_AT_THE_GATE = re.compile(
    r"(?:大家|大伙|们|一群|一帮|好多人|很多人|不少人|几十|几百|上百|上千|数十|数百|数千|全体|集体|多名|余名|多人|余人)"
    r"[^，,。；;！!？?\n]{0,8}?(?:堵在|围在|聚在|聚集在|来到|涌到|赶到|跑到|到了|到|去了|去)"
    r"[^，,。；;！!？?\n]{0,12}?(?:政府|管委会|市委|区委|县委|信访局|信访办|街道办|党委|办事处)(?:门口|门前|大门|楼下|大院)")
# A fight between two sides (两伙人打起来了, 两个村的村民打起来, 两桌喝酒的打起来了, 两帮学生约架) or an arranged fight
# (学生约架, 约架带了刀): a group fight (群殴, devsets/README.md: a mass incident), whoever counted them; not two
# people's (两人约架, 他俩约架).
_GROUP_FIGHT = Needing(re.compile(
    r"(?:两伙|两帮|两拨|两群|两派|两个村|两村|两个班|两桌|两家人)[^，,。；;！!？?\n]{0,12}?"
    r"(?:约架|打起来|打了起来|打架|斗殴|互殴|械斗|干起来|干架)"
    r"|(?<![两二俩]人)(?<!两名男子)(?<!两名学生)(?<!他俩)(?<!她俩)约架"), "两", "约架")
_FIGHT_AVERTED = re.compile(r"差点|差一点|险些|没有?打|未打|不会|防止|避免|制止了?一起")
# A group told gathering without a count, as a 通报 tells it (部分职工因工资拖欠问题到市政府门口聚集,
# 一些业主在售楼处静坐).
_GROUP_GATHERED = re.compile(
    r"(?:部分|一些|大批|众多|成群的?)(?:职工|工人|员工|农民工|业主|村民|群众|家长|购房者|商户|居民|教师|摊贩)"
    r"[^，,。；;！!？?\n]{0,16}?(?:聚集|集访|上访|围堵|堵门|堵住|堵在|静坐|拉横幅|拉起横幅|打横幅|围住|围在)")
# People missing or buried after an accident or a disaster (seed 004 突发事件: the desk acts before
# the count of dead is known). 走失 (an old man who wandered off) and 困电梯 are not here.
MISSING_WORDS = ("失联", "失踪", "下落不明", "被埋", "被掩埋", "被冲走", "被洪水冲走", "被困井下", "被困废墟",
                 # spoken: 还说已经冲走了人
                 "冲走了人", "冲走人")
# Spoken reports of a death that say nothing of dying (人已经不行了, 当场就没了, 没抢救过来): a death only
# where an accident or violence comes before them in the same or the previous sentence (手机不行了,
# 钱没了 are not deaths). 人没了, 出了人命 (DIE_WORDS) need no such context.
SPOKEN_DEATH_WORDS = ("已经不行了", "已不行了", "人不行了", "都不行了", "当场就不行了", "当场不行了", "没救过来",
                      "没抢救过来", "没能抢救过来", "救不过来", "救不回来", "没气了", "断气", "咽气", "当场就没了",
                      "当场没了", "人就没了", "已经没了", "当场死了", "人就走了", "人就这么走了", "人已经走了",
                      "当场就死了", "没救回来", "没能救回来", "没抢救回来", "没挺过来", "没能挺过来", "没有挺过来",
                      # signs of life, in plain words: 心里已经没有生命迹象 is a mood, 火星的生命迹象 a search
                      "没有生命迹象", "没了生命迹象", "无生命迹象", "失去生命迹象", "失去了生命迹象")
# Spoken words of a death that need a procedure before them, not an accident (第二天早上就没了; 没下来手术台).
IN_CARE_DEATH_WORDS = ("就没了", "就死了", "就不行了", "没下来手术台", "没下手术台", "没能下手术台", "没能走下手术台",
                       "死在手术台")
# What else is "gone" after a procedure (钱就没了, 名额就没了, 视力就没了).
_THING_GONE = re.compile(r"(?:钱|工资|存款|积蓄|费用|钱包|东西|手机|额度|名额|号|票|工作|信号|视力|记忆|声音|胃口|"
                         r"痛|疼|症状|毛病|效果)$")
# How a police notice, a rescue or a hospital tells a death (女孩已无生命体征, 被救上来时已经没有了生命体征,
# 发现时已停止呼吸, 呼吸心跳停止): a death by itself, whatever came before (a body found, an illness), except
# where a first-aid lesson speaks of any casualty (判断伤员有无生命体征, 对无生命体征者实施心肺复苏,
# 如伤者无生命体征时应……: _vital_generic). 生命体征平稳 is someone alive; 心跳呼吸骤停 is an arrest that
# may be revived, not a death.
VITAL_SIGN_WORDS = ("无生命体征", "没有生命体征", "没了生命体征", "没有了生命体征", "失去生命体征", "失去了生命体征",
                    "生命体征消失", "生命体征已消失", "无呼吸心跳", "无心跳呼吸", "没有呼吸心跳", "没有心跳呼吸",
                    "没了呼吸心跳", "呼吸心跳停止", "心跳呼吸停止", "呼吸心跳已停止", "心跳呼吸已停止",
                    "呼吸心跳均已停止", "停止呼吸", "停止了呼吸", "已无呼吸", "没了呼吸", "没有了呼吸", "已没有呼吸",
                    "已经没有呼吸", "心脏停止跳动", "心脏停止了跳动")
# A headline asking whether it happened (临沣一中门口是不是打群架了？, 小区是不是有人跳楼了？). Not 是否, 真的,
# 难道 or a question in the body: a complaint's rhetorical questions (难道要等出了人命才管？, 是否属于工伤？)
# are many and claim nothing.
_ASKING = re.compile(r"是不是")
# A lesson's casualty, not a reported one: whether there are signs of life (有无, 是否), what to do for one
# who has none (对/对于 …), a condition (如/若/一旦 … 无生命体征) or its sequel (……时, 者, 应, 则); a
# patient's 已经没有呼吸困难 is someone better.
_VITAL_ASKED = re.compile(r"(?:有|是否|是不是|对于|对|针对|给)(?:已经|已)?$")
_VITAL_IF = re.compile(r"如果|假如|倘若|一旦|若|(?<![例比])如(?![今此同何实期约下])")
_VITAL_SEQUEL = re.compile(r"时|的话|者|则|应|需|要|请|困难|道|机|器|系统|症状")
# Spoken or indirect reports of people missing after a fire, a blast, a collapse or a flood (有人没出来,
# 还有两名工人没能逃出来, 被冲走的村民至今未找到, 生死未卜): like spoken deaths, only where an accident or
# a disaster is told just before, and only of people: 成绩没出来, 新款没出来, 调查结果还没出来 tell of no
# one (_THING_BEFORE); 没出来说明情况 is someone not coming out to speak (_MISSING_AFTER); the hit-and-run
# driver 至今未找到 is a culprit at large, not a victim (_CULPRIT).
SPOKEN_MISSING_WORDS = ("没出来", "没能出来", "没有出来", "没跑出来", "没能跑出来", "没逃出来", "没能逃出来",
                        "没有逃出来", "没撤出来", "未能逃出", "未能逃生", "没能逃生", "没救出来", "没被救出来",
                        "未被救出", "尚未救出", "仍未救出", "还未救出", "至今未找到", "仍未找到", "尚未找到",
                        "还没找到", "至今没找到", "至今没有找到", "生死未卜", "生死不明", "人没找到", "还在找")
_THING_BEFORE = re.compile(r"(?:结果|成绩|分数|名次|排名|报告|通报|名单|数据|原因|鉴定|结论|方案|意见|赔偿|补偿|款|钱|"
                           r"视频|照片|图片|新品|产品|新款|公告|消息|答复|回复|说法|证|票|榜|成果|文件|标准|政策)"
                           r"(?:还|都|也|至今|仍然|仍|一直|始终|迟迟|暂时|目前|现在|到现在|到今天|却)*$")
_MISSING_AFTER = re.compile(r"[\u4e00-\u9fff](?<![了呢啊吧吗呀哦哇])")
_CULPRIT = re.compile(r"肇事|嫌疑|凶手|歹徒|逃逸|作案|罪犯|逃犯|责任人")
# Spoken words of a death (not the reporter's 死亡): said of what might happen (要出人命才管, 迟早出人命,
# 差点出人命) they are no death, but a citizen's warning that a danger is being neglected: Facts.feared.
FEARED_WORDS = frozenset({"出人命", "出了人命", "闹出人命", "死了人", "人死了", "有人死", "死人了", "人没了"}
                        | {f"{c}死" for c in KILLED_BY})
# What comes before a spoken death: an accident, a disaster or violence to a person (the 应急管理
# words of EVENT_WORDS and the violent ones of 社会稳定 are added below), or a person struck, crushed
# or fallen. Not a hospital's 抢救 alone: an illness's end is not an accident's.
ACCIDENT_WORDS = ("被压", "压住", "压在", "被砸", "砸中", "砸到", "被撞", "撞倒", "被车撞", "被卷入", "被电",
                  "掉进", "掉下", "摔下", "落水", "坠下", "跌落", "坠楼", "跳楼", "跳河", "受伤", "重伤", "血泊",
                  "被捅", "被砍", "被刺", "被打", "殴打", "持刀", "行凶", "砍人", "伤人",
                  # what a witness of a blast or a fire tells (一声巨响, 能看到火光, 浓烟滚滚); a flood or a
                  # mine's accident (山洪冲走了面包车, 矿井透水事故)
                  "巨响", "火光", "浓烟", "山洪", "冲走", "冲毁", "事故", "透水", "冒顶", "矿难",
                  # a boat capsized (渔船翻了, 翻船, 沉船)
                  "船翻", "翻船", "沉船")
# People evacuated from a danger (转移群众3000余人, 下游几个村要转移, 紧急疏散师生): the sign of an
# emergency that needs action at once (seed 002 特别重大: 需要立即采取应对处置措施). Who is moved
# must be said (资金转移, 转移注意力 are not evacuations); a drill (演练) evacuates no one.
_EVAC_VERBS = ("转移", "疏散", "撤离", "撤出")
_EVAC_VERB = r"(?:转移|疏散|撤离|撤出)(?!就业|支付|资金|资产|财产|赃款|注意|视线|户籍|劳动|矛盾|风险|责任|阵地|到城)"
_EVAC_WHO = r"(?:群众|村民|居民|人员|住户|师生|学生|游客|百姓|老人|孩子|村庄|村子|几个村|个村|小区)"
_EVACUATED = re.compile(rf"{_EVAC_WHO}[^，,。；;！!？?\n]{{0,4}}?{_EVAC_VERB}|{_EVAC_VERB}(?:安置)?了?"
                        rf"[^，,。；;！!？?\n]{{0,6}}?{_EVAC_WHO}")
_EVAC_COUNT = re.compile(rf"(?P<n>{_NUM})(?:余|多)?(?:名|人|户|位)")
# A danger at a dam, a reservoir or an embankment (大坝出现裂缝, 水库险情, 河堤管涌): a water work and a
# danger in one clause, or a word that is both (溃坝, 决堤). Seed 004 routes it to 应急管理 (应急办).
WATER_WORKS = ("大坝", "坝体", "坝基", "水库", "堤坝", "河堤", "江堤", "堤防", "圩堤", "堤岸", "水坝", "大堤", "堤段",
               "尾矿库", "山塘", "水闸", "库坝")
WATER_DANGERS = ("险情", "裂缝", "开裂", "裂口", "裂了", "裂开", "渗漏", "渗水", "漏水", "冒水", "管涌", "溃坝", "溃堤",
                 "决口", "决堤", "漫坝", "漫顶", "垮坝", "滑坡", "塌陷", "垮塌", "坍塌", "垮了", "塌了", "告急")
_SELF_HAZARD = frozenset({"溃坝", "溃堤", "决堤", "管涌", "漫坝", "垮坝", "堰塞湖"})
# Crimes against a person's life or liberty (社会安全事件 of the 突发事件应对法): a rumoured child
# abduction spreads panic before anyone is counted. Negated mentions (并非拐卖) are not.
CRIME_WORDS = ("绑架", "劫持", "拐卖", "拐骗", "拐走", "抢孩子", "抢小孩", "人贩子", "枪击", "凶杀", "杀人", "砍人",
               "持刀伤人", "命案", "灭门",
               # a knife wielded in public (持刀闹事, 有人持刀？): the words that name the deed, so that 持刀杀人 is
               # told by its graver word
               "持刀闹事", "持刀滋事", "持刀威胁", "持刀抢劫", "持刀劫持", "有人持刀")
# Look like a trigger but are not one: 大数据杀熟, 被杀价, 去世界杯, 不适合 (unsuited, not unwell).
# Words read across a word's edge (执法过世界杯, 逃离世界, 没见过世面, 借助气流传播, 英语听说读写) and set phrases of no
# deed: a psychiatric term (被害妄想), idioms (慢性自杀 of a habit, 坑蒙拐骗 of any swindling, 杀人的心都有了,
# 官大一级压死人) and a party game (杀人游戏).
NOT_TRIGGERS = ("被杀熟", "杀熟", "被杀价", "杀价", "去世界", "不适合", "不适用", "不适宜", "不适应",
                "住院楼", "住院大楼", "住院部", "住院费", "住院处",
                "过世界", "离世界", "见过世", "气流传", "听说读写", "英语听说", "口语听说",
                "被害妄想", "慢性自杀", "坑蒙拐骗", "杀人的心", "一级压死人", "杀人游戏")
RUMOUR_WORDS = ("网传", "网曝", "网帖称", "有网友称", "有网友说", "有网友爆料", "有网友发帖", "有网友反映", "网友爆料",
                "据网友", "据传", "传言", "传闻", "流传", "疯传", "据说", "有人说", "求证", "真的假的", "是真的吗",
                "未经证实", "尚未证实", "待核实", "有待核实", "真假难辨", "听说", "小道消息", "群里说", "朋友圈说",
                "朋友圈传", "朋友圈里说", "朋友圈里传", "网友爆", "网上说", "网上传", "有人发帖", "有人爆料", "据爆料",
                "听讲", "听人讲", "听人说", "听别人说", "群里传", "求辟谣", "是否属实", "是不是真的", "有没有这回事",
                # a claim going round (群里都在传, 家长群里在传一条消息) or a call for anyone who knows
                # (有没有知道的？, 有人知道真假不, 求官方消息): unverified by the teller's own words
                # (not 有人知道 or 有没有人知道 alone, a help request: 有没有人知道哪里能办证; not 不知道真假 alone)
                "都在传", "里在传", "上在传", "有人在传", "大家在传", "到处在传", "就在传", "早在传", "有没有知道的",
                "有没有知情", "有知情的", "知道真假不", "不知真假", "求官方消息", "有没有官方消息",
                # the teller doubting what goes round (这种消息到底有多少可信度？)
                "有多少可信度", "可信度有多高", "消息可信吗")
# Words that count someone as dead or hurt without a number (a single person); bare 死/伤 do not.
_ONE_DEAD = ((frozenset(DIE_WORDS) - {"死"}) | {f"{c}死" for c in KILLED_BY} | frozenset(SPOKEN_DEATH_WORDS)
             | frozenset(IN_CARE_DEATH_WORDS)
             | frozenset(VITAL_SIGN_WORDS))
_ONE_MISSING = frozenset(MISSING_WORDS) | frozenset(SPOKEN_MISSING_WORDS)
_ADMITTED = frozenset({"不适", "就医", "入院", "住院"})
_ONE_HURT = (frozenset(HURT_WORDS) - {"伤", *_ADMITTED}) | {f"{c}伤" for c in HURT_BY}
# Countries whose people, firms and capital a city office meets (neighbours, trading partners, where
# workers, students and tourists come from), and their short forms (俄籍, 韩资工厂)
_COUNTRIES = ("俄罗斯", "美国", "日本", "韩国", "朝鲜", "越南", "老挝", "缅甸", "泰国", "柬埔寨", "菲律宾", "马来西亚",
              "印度尼西亚", "印尼", "新加坡", "印度", "巴基斯坦", "孟加拉", "蒙古国", "哈萨克斯坦", "乌克兰",
              "白俄罗斯", "英国", "法国", "德国", "意大利", "荷兰", "加拿大", "澳大利亚", "新西兰", "巴西", "墨西哥",
              "土耳其", "伊朗", "以色列", "埃及", "尼日利亚", "南非")
# Not 蒙古人 (内蒙古人 are Chinese), 日本人 (a letter's 2月28日本人委托…), 西班牙人 (a football club), 日资 alone
# (今日资讯) or 英资 (精英资源); not 韩国人气女团, 韩国人参 (NOT_NATIONALS).
_SHORT = ("俄", "美", "日", "韩", "越", "缅", "泰", "英", "法", "德")
NATIONALS = (*(f"{c}{s}" for c in _COUNTRIES for s in ("人", "籍", "商人", "客商", "公民", "游客", "留学生")
               if f"{c}{s}" != "日本人"),
             *(f"{c}籍" for c in _SHORT),
             *(f"{c}资{f}" for c in _SHORT for f in ("企业", "公司", "工厂", "厂", "项目", "背景")))
NOT_NATIONALS = tuple(f"{c}人{x}" for c in _COUNTRIES for x in ("气", "参", "口", "民"))
# A charge's basis or a metered fare not kept: the price department's rules, whatever service is charged
# for (the heating, the taxi: classifier.scoring.PLAIN).
CHARGE_RULES = ("按建筑面积收", "按建筑面积计收", "按面积收", "不打表")
# Cheating people of their money (冒充燃气公司上门收费, 专骗老人买保健品): the police's, whatever was sold or
# charged (classifier.scoring.PLAIN). Not 被骗, 上当, 骗子 or 骗局 alone: a buyer misled by a developer or a
# shop says so too (开发商就是骗子, 这就是一个骗局), nor 骗老百姓 (政府别骗老百姓).
FRAUD_WORDS = ("诈骗", "冒充", "行骗", "骗老人", "骗老年人", "骗取老人", "骗取老年人")
# An official taken for investigation or a government's investment promotion gone wrong: the 纪委监委's case
# or the business climate (其他), whatever department he works in or which works it concerned
# (classifier.scoring.PLAIN: a 交通局长 taken away over a road project is not 公共基础设施建设).
OFFICIAL_TAKEN = ("纪委带走", "监委带走", "落马", "审查调查", "被留置", "留置措施",
                  # an official by his office taken away (网传某局局长被带走): not 家长被带走, a parent's arrest
                  *(f"{o}被带走" for o in ("局长", "厅长", "处长", "科长", "市长", "区长", "县长", "镇长", "乡长",
                                          "书记", "主任")))
# ... and a firm's burden of the administration's making (减少企业负担: the 营商环境 reports' word).
BUSINESS_CLIMATE = ("招商项目", "招商承诺", "招商指标", "招商协议", "企业负担")
# Killed in an accident (工地上摔死了人, 危桥上有人掉下去淹死): the accident is the emergency department's (安全生产),
# whatever the works or the job it happened at (classifier.scoring.PLAIN).
ACCIDENT_DEATHS = ("撞死", "轧死", "烧死", "淹死", "压死", "摔死", "砸死")
# A government's or its firms' arrears to the firms that supplied it (拖欠中小企业账款: the 保障中小企业款项支付条例's
# words): the business climate (其他), not the workers' wages (就业) or the works (classifier.scoring.PLAIN).
ARREARS_TO_FIRMS = ("拖欠中小企业", "拖欠民营企业", "中小企业账款", "民营企业账款", "企业账款", "中小企业款项",
                    "拖欠企业款")
# The 八项规定 通报's own categories (违规发放津贴补贴, 违规发放福利; 吃空饷: pay drawn for no work): an official's
# conduct case (其他), not the staff's pay (就业; classifier.scoring.PLAIN).
IRREGULAR_PAY = ("违规发放津贴", "违规发放津补贴", "违规发放福利", "违规发放奖金", "违规发放补贴", "吃空饷")
# Farmland or woodland taken unlawfully (以租代征, 违法占用耕地): the land's (自然资源: no department of its own,
# 其他), not the estate or the works built on it (classifier.scoring.PLAIN).
LAND_TAKEN = ("以租代征", "违法占用耕地", "违规占用耕地", "非法占用耕地", "违法占用基本农田", "违规占用基本农田",
              "非法占用基本农田", "违法占地", "非法占地", "违法用地",
              # woodland taken or cleared (违法占用林地盖别墅, 毁林开荒): the land's too
              "违法占用林地", "违规占用林地", "非法占用林地", "毁林")
# Bids rigged (围标串标, 陪标, 中标的早就内定好了): the trading's (devsets/README.md: 公共资源交易, bidding and
# procurement problems of every office), whatever was built or bought; 内定 only where a bid is spoken of
# (招标, 中标, 投标), not a job promised (岗位早就内定了).
BID_RIGGING = ("串标", "围标", "陪标", "明招暗定", "内定")
_BIDDING = re.compile(r"招标|中标|投标|标段")
# A tender dodged (应招标未招标, 化整为零规避招标, 未经招标直接发包): the trading's too (devsets/README.md: bidding and
# procurement problems of every office; the third set's 化整为零规避公开招标); 化整为零 and 直接发包 only where a
# tender, a works or a contract is spoken of (_TENDERED), not 化整为零 of a crowd or a task, nor 直接发包裹.
BID_EVASION = ("规避招标", "规避公开招标", "应招标未招标", "应招未招", "应当招标而未招标", "未招标", "未经招标",
               "未公开招标", "未进行招标", "肢解发包", "违规发包", "直接发包", "化整为零")
_BID_CONTEXT = frozenset({"化整为零", "直接发包"})
_TENDERED = re.compile(r"招标|中标|投标|标段|采购|工程|合同")
# A visitor warning others off the city or swearing it off (旅游劝退, 以后再也不来了, 劝大家别来, 避雷, 替这个城市
# 丢脸), or telling how he was fleeced (游客被宰): the city's image among those who come (devsets/README.md:
# 对外宣传, the city's image as such; the seventh and eighth sets file the tourist's 被宰 bill there), whatever
# the bill or the taxi was; only where the text speaks of visitors (VISITORS: 游客, 旅游, 景区, 外地朋友, 来玩),
# so that 学校劝退学生 or a local's 避雷 of a milk tea shop are not. A food's harm still outranks it (吃坏肚子).
VISITOR_WARNINGS = ("劝退", "再也不来", "再也不去", "不会再来", "不会再去", "劝大家别来", "千万别来", "大家别来",
                    "丢脸", "被宰", "宰游客", "坑游客", "宰外地人", "避雷")
# The city's words in English gone wrong (路牌英文翻译错误, 中式英语, 网站英文版是机翻的): its face to the outside
# (devsets/README.md: 对外宣传), whatever sign or site carries them, and though foreigners are their readers (涉外);
# not 英文版 alone (a product's 英文版说明书).
MISTRANSLATION = ("英文翻译", "翻译错误", "翻译有误", "翻译不规范", "中式英语", "译错", "机翻", "错译", "网站英文版",
                  "英文版网站")
# A road's or a street light's defect (路上有个大坑, 坑洼, 井盖, 路灯不亮): the roads' (devsets/README.md:
# 公共基础设施建设, roads and lights), though it lies at a school's or a hospital's gate (classifier.scoring.OUTRANKS);
# not a 坑 alone (操场上挖了个坑: the school's own ground).
# A guardrail gone or broken (河堤护栏缺失, 护栏被撞断了两个月没人修) or a bridge's defects found by its inspection
# (桥梁病害, 主梁出现裂缝, 危桥): the works' to mend, no accident by itself (classifier.scoring.PLAIN: not the
# 应急管理 reading of 安全隐患 or 交通管制); an accident there is told by its own words (坠河, 身亡).
WORKS_DEFECTS = ("护栏缺失", "护栏损坏", "护栏破损", "护栏被撞", "桥梁病害", "桥体病害", "路面病害", "隧道病害",
                 "检测发现病害", "主梁出现裂缝", "主梁开裂", "危桥")
ROAD_DEFECTS = ("路上有个大坑", "路上有个坑", "坑洼", "路面破损", "路面塌陷", "井盖", "路灯不亮", "路灯坏",
                *WORKS_DEFECTS)
# A price told against another's (比网上贵一倍): a price complaint (价格), whatever was sold.
PRICE_GAPS = ("贵一倍", "贵了一倍", "贵出一倍", "贵两倍", "贵了两倍", "贵好几倍", "贵了好几倍", "比网上贵",
              "比别处贵", "比别家贵")
# What a shop that is no hospital sells medicines for (药店一盒药比网上贵一倍): the price department's (the tenth set:
# 价格 for a 医保 pharmacy's prices), not a hospital's own charges (卫生计生): the word the event scan adds to a
# price event told of a pharmacy (classifier.scoring.PLAIN).
PHARMACY_PRICE = "药店售价"
_PHARMACY = re.compile(r"药店|药房")
_HOSPITAL = re.compile(r"医院|卫生院|诊所|卫生室|卫生服务中心|门诊")
# An official's family feast (某局长摆了十几桌升学宴, 干部大操大办婚宴): a 八项规定 conduct case (其他: the 纪委监委's),
# not the restaurant's food (食品药品安全) or the pupil's school: the word the event scan adds then
# (classifier.scoring.PLAIN). Not 书记 or 主任 (尊敬的胡书记: a letter's greeting; a 班主任).
OFFICIAL_FEAST = "干部操办宴席"
_OFFICIAL_FEAST = re.compile(r"(?:局长|处长|科长|县长|镇长|乡长|区长|市长|村支书|村干部|干部|官员|公职人员|公务员)"
                             r"[^。；;！!？?\n]{0,30}?(?:升学宴|谢师宴|婚宴|寿宴|满月酒|生日宴|大操大办|摆了[^，,。]{0,4}桌)")
# Short measure (缺斤少两, 鬼秤, 计量作弊): 计量, the quality inspectors' (质监: the third, fourth, seventh and eleventh
# sets), whatever was weighed, a food or fuel (classifier.scoring.PLAIN: not 食品药品安全 or 价格).
SHORT_MEASURE = ("缺斤少两", "短斤少两", "缺斤短两", "短斤缺两", "鬼秤", "作弊秤", "计量作弊", "计量不准", "计量失准")
LAYOFFS = ("裁员", "裁掉")
VISITORS = ("游客", "旅游", "旅行", "景区", "外地朋友", "外地来的", "来玩", "过来玩", "来旅", "外地人")
# A disease going round (a 诺如 outbreak at a school, 手足口病 in a kindergarten): the health department's
# (devsets/README.md: 卫生计生, 疫情; a 诺如 outbreak at a school is 卫生计生), not the school's.
# Not 诺如 alone (承诺如期), 肺结核 (listed among a pollution's harms), 疫情爆发 (a refund asked since COVID).
OUTBREAK_WORDS = ("诺如病毒", "诺如感染", "手足口病", "水痘", "猩红热", "流行性腮腺炎", "聚集性疫情", "传染病疫情")
# People going together to a government's gate (大家要一起去市政府门口讨说法, 多次集体到市政府上访): a gathering,
# planned or done, whatever it is about (devsets/README.md: 聚集/维权 gatherings are 社会稳定); one
# person's visit (我去市政府反映过) is not, nor 看到市政府公示.
GATHER_AT_GOVERNMENT = tuple(f"{who}{go}{level}政府" for who in ("一起", "集体", "相约", "结伴") for go in ("去", "到")
                             for level in ("市", "区", "县", "省", ""))
# What happened, by the topic that owns it (seed 004's table: 社会稳定 → 公安, 应急管理 → 应急办,
# 涉外 → 外侨办). Crimes and public order; accidents and disasters; foreigners and foreign firms.
EVENT_WORDS: dict[str, tuple[str, ...]] = {
    "社会稳定": (
        "绑架", "拐卖", "拐骗", "抢孩子", "抢夺", "抢劫", "盗窃", "偷盗", "被盗", "被偷", "被人偷", "偷走", "失窃",
        "杀人", "凶杀", "命案", "持刀", "行凶", "砍人", "伤人", "斗殴", "打架", "殴打", "群殴", "打群架", "械斗",
        "嫌疑人", "犯罪",
        "报警", "报了警", "报案", "民警", "刑拘", "拘留", "逮捕", "醉驾", "酒驾", "涉黑", "黑恶", "赌博", "吸毒",
        "贩毒", "赌钱", "聚赌", "赌场",
        "传销", "非法集资", "跑路", "卷款", "讨薪", "围堵", "聚集", "上访", "群体性事件", "跳楼", "失踪",
        "走失", "猥亵", "性侵", "霸凌", "警察", "警方", "警车", *FRAUD_WORDS, *GATHER_AT_GOVERNMENT,
        # killed by someone's deed
        "捅死", "砍死", "打死", "杀死", "杀害", "勒死", "毒死", "被捅", "被砍",
        # DuEE 1.0 triggers (≥ 2 in duee_dev.json) of the types classifier/training/weak/duee_events.yaml
        # files under 社会稳定 (拘捕, 入狱, 游行, 罢工); 袭击 is left out: storms 袭击 a city too
        "抓获", "有期徒刑", "被拘", "被抓", "行拘", "拘捕", "落网", "获刑", "抓捕", "被捕", "批捕", "刑事拘留",
        "入狱", "游行", "罢工",
        # the police coming (派出所来了好多人, 民警赶到): not 派出所 alone, a place where a 户籍
        # certificate is also issued (去派出所开证明 is 办事难, 社情民意), as 食堂 is a setting of 食品
        "派出所来了", "派出所来人", "派出所出警", "派出所介入", "派出所赶到", "派出所到场", "出警",
        # illegal street racing (改装车半夜飙车炸街): the traffic police's, not a noise grievance
        "飙车", "炸街",
        # a fight, broken out or arranged (两个村为浇地打起来了, 两伙学生约架): not 差点打起来 (_NEAR_MISS_NONE)
        "打起来", "打了起来", "约架",
        # someone beaten to harm, extorted or filmed in secret (被同学打成重伤, 病人家属在医院打砸, 校外不良少年
        # 敲诈勒索, 收保护费, 厕所里装摄像头偷拍): the police's, at a school, a hospital or an estate too
        "打成重伤", "打成轻伤", "打成骨折", "打骨折", "打进医院", "打进了医院", "打砸", "敲诈", "勒索", "收保护费",
        "偷拍", "针孔摄像头",
        # a fight or a stabbing in other words and dialects (干仗, 打锤, 掐架, 打破了头, 拿菜刀砍伤了邻居, 挨了一刀)
        "干仗", "打锤", "掐架", "打破头", "打破了头", "打出血", "砍伤", "捅伤", "砍了一刀", "捅了一刀", "挨了一刀",
        # a slap, and violence against doctors and nurses (护士被家属扇耳光, 伤医): the police's, in a hospital too
        "耳光", "扇巴掌", "伤医", "袭医",
        # pupils waylaid at a school gate (社会青年拦学生要钱): the police's, not the school's
        "拦学生", "堵学生", "截学生",
    ),
    "应急管理": (
        "火灾", "起火", "失火", "着火", "大火", "爆炸", "爆燃", "坍塌", "垮塌", "倒塌", "塌方", "泄漏",
        "燃气泄漏", "山体滑坡", "山滑坡", "边坡滑坡", "发生滑坡",
        "泥石流", "洪水", "内涝", "暴雨", "台风", "地震", "溺水", "溺亡", "被困", "救援",
        "消防", "安全事故", "生产事故", "交通事故", "车祸", "翻车", "相撞", "触电", "坠落", "险情",
        *ACCIDENT_DEATHS,
        # DuEE 1.0 triggers (≥ 2 in duee_dev.json) of 车祸, 起火, 坠机
        "坠毁", "自燃", "被撞", "撞飞", "撞到",
        # a rear-end collision (校车在路口被货车追尾), someone swept away or fallen into a river (一个掉下去被水冲走了)
        "追尾", "被冲走", "被水冲走", "掉进河里", "掉到河里",
        # a stampede (楼梯口发生踩踏; not 踩踏草地) and gas poisoning (一氧化碳中毒), at a school or in an estate too
        "踩踏事故", "踩踏事件", "发生踩踏", "一氧化碳中毒", "煤气中毒",
        # a dam or an embankment giving way, people moved out of danger (a dam's 裂缝 is read with the
        # water work: Facts.hazard)
        "溃坝", "溃堤", "决堤", "管涌", "漫坝", "垮坝", "堰塞湖", "疏散", "撤离",
        # a reservoir releasing its flood (水库今晚要开闸泄洪, 学校停课): flood control, whatever it closes
        "泄洪",
        # a fall through the ice (冰面上掉下去俩小学生, 掉进冰窟窿), a slope about to slide (学校就在滑坡体下方) and
        # toxic gas: emergencies, at a school or an estate too
        "冰窟窿", "掉进冰", "冰面上掉", "滑坡体", "滑坡隐患", "滑坡迹象", "地质灾害", "地灾", "毒气",
        # a mine flooded or its roof fallen, a boat capsized
        "透水", "冒顶", "矿难", "船翻", "翻船", "沉船",
    ),
    # Seed 004 has no department for these: an official's discipline case (the 纪委监委's, not a
    # citizen's grievance for the 信访局) and the business climate go to the 政府办公室 (其他).
    "其他": (
        "纪委", "监委", "纪检监察", "违纪", "八项规定", "政务处分", "党纪处分", "党内警告", "严重警告", "开除党籍",
        "双开", "立案审查", "诫勉谈话", "营商环境",
        # a government's investment promotion gone wrong is the business climate (招商承诺未兑现, 为完成招商
        # 指标, 僵尸招商项目); not 招商引资 alone (加大招商引资力度: a proposal's phrase), 招商银行 or a mall's
        # shops to let
        *BUSINESS_CLIMATE,
        # a firm's dealings with the administration (企业开办跑了五次, 一个审批事项盖了28个章): the business
        # climate, not a citizen's 办事难 (行政审批 alone is in citizens' 办事 and planning letters too)
        "企业开办", "开办企业", "涉企", "审批事项",
        # an official gone bad, not a food (the longer word wins over 变质)
        "蜕化变质", "腐化变质",
        # an official's crimes of office, tried in court as well (受贿罪 … 有期徒刑 is still the 纪委监委's
        # case of an official, not public order's)
        "受贿", "索贿", "行贿", "贪污", "挪用公款", "滥用职权", "玩忽职守", "职务便利", "职务上的便利",
        *OFFICIAL_TAKEN, *ARREARS_TO_FIRMS, *IRREGULAR_PAY, *LAND_TAKEN,
    ),
    "公共资源交易": (*BID_RIGGING, *BID_EVASION),
    # Charges and price rules (seed 004 价格: the 发改委's price department).
    "价格": (
        "涨价", "提价", "上调", "提高收费", "乱收费", "多收费", "多收了", "收费标准", "收费过高", "高价", "天价",
        "价格", "明码标价", "哄抬", "宰客",
        # the regulated prices of water, power and gas (水价要涨50%, 气价上调)
        "水价", "电价", "气价",
        # a charge's basis (热费按建筑面积收) or a fare the rules set that is not kept (出租车不打表)
        *CHARGE_RULES,
        # a price told against another's (一盒药比网上贵一倍, 比别处贵好几倍)
        *PRICE_GAPS,
    ),
    # Food and medicines (seed 004 食品药品安全: the 市场监管 food and drug departments): the harm or the
    # fault of something eaten or taken, wherever it was eaten (a school canteen's food poisoning is
    # the food department's, devsets/README.md) and whatever else it reads as (a food's quality is not
    # 质监's product quality, a food poisoning not an 应急管理 accident). Words of the harm, not of the
    # place (食堂, 餐馆 stay settings). Medicines are left to the model: a hospital pharmacy's expired
    # drugs are the hospital's (卫生计生), a 药店's fake ones the 药监's; the word does not tell which.
    "食品药品安全": (
        "食品安全", "食物中毒", "食源性", "地沟油", "潲水油", "亚硝酸盐", "瘦肉精", "苏丹红", "三聚氰胺", "孔雀石绿",
        "农药残留", "农残", "兽药残留", "非法添加", "违规添加", "添加剂超标", "超范围使用", "过期食品", "变质",
        "霉变", "发霉", "病死猪", "注水肉", "假酒", "菌落总数", "大肠菌群",
        "致病菌", "吃坏肚子", "吃坏", "吃了拉肚子", "吃完拉肚子", "吃出",
        # the harm told by its symptoms after eating or drinking (好多同学吃了肚子疼, 孩子喝了牛奶上吐下泻):
        # only with the meal before them in the clause (_ATE), not a stomach ache of no meal or a drunk's
        "肚子疼", "肚子痛", "腹痛", "腹泻", "拉肚子", "呕吐", "上吐下泻",
        # ... in other words (吃了饭回来窜稀, 吃完半夜闹肚子)
        "窜稀", "拉稀", "闹肚子",
    ),
    # Special equipment (seed 004 质监; the README: 电梯检验): a lift's safety and inspection is the
    # 市场监管 special-equipment department's, not the estate's (住房) or the school's. A lift that
    # falls and kills is told by the accident's words (坠落: 应急管理), as other accidents are.
    "质监": (
        "特种设备", "翻新机", "翻新电梯", "电梯检验", "电梯年检", "检验合格证", "检验标志", "电梯维保", "电梯故障",
        "电梯困人", "溜梯", "压力容器", "起重机械", "游乐设施", *SHORT_MEASURE,
    ),
    "涉外": (
        "外籍", "外国人", "外国籍", "外资", "外企", "外商", "外方", "留学生", "外教", "领事馆", "大使馆", "签证",
        "护照", "出入境", "涉外",
        # a foreigner or a foreign firm named by the country (一名俄罗斯籍商人, 有俄罗斯人在小区开黑诊所, 韩资工厂,
        # 老外): the country's name alone is not (工厂要搬到越南去, 销往俄罗斯), nor a trade (外贸公司, 对俄贸易)
        "老外", *NATIONALS,
        # a Sino-foreign joint venture is foreign-invested; a marriage across the border (越南新娘, 跨国婚介): not
        # 台资 (Taiwan's capital is no foreign capital) nor 合资 alone (two domestic firms)
        "中外合资", "跨国婚介", "跨国婚姻", *(f"{c}新娘" for c in _COUNTRIES),
    ),
    "卫生计生": OUTBREAK_WORDS,
    # Jobs cut (厂里要裁掉两千多人, 公司突然裁员): the workers' (devsets/README.md: 就业, 裁员; a foreign firm's is
    # 涉外), announced or feared alike (_PLANNED): the sixth and seventh sets file a factory's rumoured closing
    # under 就业.
    "就业": LAYOFFS,
    "对外宣传": (*VISITOR_WARNINGS, *MISTRANSLATION),
    "公共基础设施建设": ROAD_DEFECTS,
}
_KIND: dict[str, str] = {}
for _kind, _words in (("die", DIE_WORDS), ("hurt", HURT_WORDS), ("gather", GATHER_WORDS), ("crowd", CROWD_WORDS),
                      ("mass", MASS_WORDS),
                      ("missing", MISSING_WORDS), ("crime", CRIME_WORDS), ("rumour", RUMOUR_WORDS),
                      ("spoken_death", SPOKEN_DEATH_WORDS), ("spoken_missing", SPOKEN_MISSING_WORDS),
                      ("care_death", IN_CARE_DEATH_WORDS),
                      ("vital", VITAL_SIGN_WORDS),
                      ("none", NOT_TRIGGERS)):
    for _w in _words:
        _KIND.setdefault(_w, _kind)
# Fire-safety things, not a fire (消防 alone means the fire service came): a blocked 消防通道 is a
# grievance about the lane, not an event; the longer word hides the 消防 inside it.
NOT_EVENTS = ("消防通道", "消防车道", "消防设施", "消防栓", "消防器材", "消防演练", "消防安全检查", "消防检查",
              "消防宣传", "消防安全知识", "消防验收", "消防审验", "消防审批", "消防许可", "消防备案",
              # vomit, a thing (吃呕吐物的图片), not a symptom; 随着火车南站的开通, 随着火箭被淘汰 are no fire
              "呕吐物", "随着火", *NOT_NATIONALS,
              # a sponge city's permeable paving (透水砖, 透水铺装) is no flooded mine
              "透水砖", "透水铺装", "透水混凝土", "透水路面", "透水地面", "透水沥青", "透水性",
              # fire-safety works paid for or ordered (维修资金用于消防改造): a works item, no fire
              "消防改造", "消防整改", "消防工程",
              # the fire service speaking (消防救援大队表示，学校存在消防通道宽度不足等问题) or 消防 one item of a
              # list of permits or services (食品经营许可、消防、环评): no fire; a fire is told by its own words
              "消防救援大队表示", "消防救援支队表示", "消防部门表示", "消防部门称", "、消防、",
              # a developer gone (开发商跑路了, 烂尾): the stalled estate's housing problem (devsets/README.md: 烂尾
              # as a housing problem), not the fraud of 卷款跑路
              "开发商跑路", "开发商跑了",
              # a works contract's 签证 (签证变更随意, 现场签证单: a change order signed on site), no visa
              "签证变更", "变更签证", "工程签证", "现场签证", "签证单", "签证费用", "经济签证",
              # a labour tribunal's arbitrator, no layoff
              "仲裁员",
              # teaching outside the school (校外教育培训机构, 课外教辅), no 外教 (a foreign teacher: 名校外教 still is)
              "校外教育", "校外教培", "校外教学", "校外教辅", "课外教育", "课外教辅", "室外教学", "户外教学",
              "野外教学",
              # a teacher off the payroll (编外教师) or extra teaching (额外教学), no 外教; 另外方便, 之外方面, no 外方
              "编外教", "额外教", "另外方", "此外方", "以外方", "之外方",
              # the service slogan (让数据多跑路，群众少跑路), no one absconding
              "少跑路", "多跑路",
              # 看着火车站, 吃着火锅 (no fire); 信息大爆炸 (no blast)
              "着火车", "着火锅", "信息爆炸", "信息大爆炸", "知识爆炸", "人口爆炸",
              # a holiday hotel (度假酒店), no fake liquor; a double door (双开门), no expulsion (双开)
              "度假酒", "双开门")
_EVENT_OF = {w: topic for topic, words in EVENT_WORDS.items() for w in words}
_PLANNED = frozenset((*GATHER_AT_GOVERNMENT, *LAYOFFS))
# A developer or its boss gone (开发商老板跑路了, 开发商的老板跑路): the stalled estate's housing problem, as
# 开发商跑路 in NOT_EVENTS (devsets/README.md: 烂尾 as a housing problem), not the fraud of 卷款跑路.
_DEVELOPER_BEFORE = re.compile(r"开发商[^，,。；;！!？?\n]{0,4}$")
# A machine stopped (电梯经常卡顿罢工, 闸机罢工) or things massed (楼盘聚集, 垃圾聚集散发异味, 蚊虫聚集): no strike
# and no gathering of people.
_THING_BEFORE_CROWD = re.compile(r"(?:电梯|闸机|空调|机器|设备|电脑|系统|手机|打印机|路灯|红绿灯|水泵|卡顿|楼盘|"
                                 r"住宅|垃圾|蚊虫|蚊蝇|苍蝇|老鼠|污水|积水|车辆|企业|产业|商铺|商家|资源|人口)(?:大量|经常|又|都)?$")
_MASSED = frozenset({"罢工", "聚集"})
# Mould on a wall or a ceiling (墙面大面积霉变, 墙皮发霉): the building's (住房), not a food gone bad.
_MOULD = frozenset({"霉变", "发霉"})
_BUILDING_BEFORE = re.compile(r"(?:墙|吊顶|天花板|屋顶|顶棚|房子|房屋|漆|地板|衣柜|柜子|家具|木门)"
                              r"[^，,。；;！!？?\n]{0,8}$")
_SYMPTOMS = frozenset({"肚子疼", "肚子痛", "腹痛", "腹泻", "拉肚子", "呕吐", "上吐下泻", "窜稀", "拉稀", "闹肚子"})
# A meal or a drink before the symptom, in its clause (吃了学校的饭肚子疼), not a drinking bout (喝酒喝到呕吐).
_ATE = re.compile(r"(?:吃|喝|食用|饮用|服用)[^，,。；;！!？?\n]{0,14}$")
_DRUNK = re.compile(r"喝酒|饮酒|酒后|醉|喝多|喝高")
_OFFICE_CRIMES = frozenset({"受贿", "索贿", "行贿", "贪污", "挪用公款", "滥用职权", "玩忽职守", "职务便利",
                            "职务上的便利"})
# The 纪委监委 acting (被纪委的人抓走了): the arrest words tell its case, as they tell a crime of office's.
_DISCIPLINE_BODIES = frozenset({"纪委", "监委", "纪检监察", *OFFICIAL_TAKEN})
_JUSTICE_WORDS = frozenset({"刑拘", "拘留", "逮捕", "抓获", "有期徒刑", "被拘", "被抓", "行拘", "拘捕", "落网", "获刑",
                            "抓捕", "被捕", "批捕", "刑事拘留", "入狱", "犯罪", "嫌疑人"})
# Every word the event scan (event_topic) looks for: the scorer asks classifier.prefilter which items
# of a batch may hold one, and skips the scan of the others (FACT_SCAN_WORDS: find_facts' scans).
_EVENT = trie_pattern({*_EVENT_OF, *NOT_EVENTS})
# On equal evidence public order before accidents, accidents before food and goods.
_EVENT_ORDER = ("社会稳定", "应急管理", "卫生计生", "食品药品安全", "质监", "公共资源交易", "对外宣传", "价格",
                "就业", "公共基础设施建设", "其他", "社情民意")
# A collision or a fall into a river is no accident when it nearly happened (差点撞到一个小孩, 几次差点追尾: the
# lane's disorder), unlike a fire nearly started (差点起火: a fire hazard).
_COLLISIONS = frozenset({"撞到", "被撞", "撞飞", "相撞", "撞死", "轧死", "追尾", "掉进河里", "掉到河里"})
# ... nor a fight that nearly broke out (差点打起来: a quarrel).
_NEAR_MISS_NONE = _COLLISIONS | {"打起来", "打了起来"}
_VISITOR_WARNINGS = frozenset(VISITOR_WARNINGS)
_VISITORS = trie_pattern(VISITORS)
# A fleecing price (天价海鲜, 宰客) is the city's image where the text speaks of visitors (游客晒出天价账单:
# the fifth to eighth sets file every such item under 对外宣传), and 价格 otherwise (小区天价物业费).
_FLEECED = frozenset({"天价", "宰客"})
# Minors let into an internet café (学校周边网吧违规接纳未成年人, 学生通宵上网): the police's and the culture
# inspectors' (devsets/README.md: 学校周边网吧 → 社会稳定, not 教育).
_MINORS_IN_CAFE = re.compile(r"网吧[^。；;！!？?\n]{0,30}?(?:未成年|学生|身份证|通宵)"
                             r"|(?:未成年|学生)[^。；;！!？?\n]{0,12}?进网吧")
# A store of dangerous chemicals or a fuel station told as a danger (学校对面新建加油站，符合安全距离吗; 液化气站存在
# 隐患; 危化品储存不规范): 危化品, the emergency department's (devsets/README.md: 应急管理; a fuel station holds a
# 危险化学品经营许可证), though a school or an estate is its neighbour; not a fuel station's short measure (质监).
_HAZARDOUS_SITE = re.compile(r"(?:加油站|加气站|液化气站|储气站|化工仓库|危化品仓库)[^。；;！!？?\n]{0,30}?"
                             r"(?:安全隐患|隐患|安全距离|防火间距|爆炸)")
# A citizen's errand at the government's service hall gone wrong (在政务服务中心补办社保卡，窗口说要本人到场;
# 不动产登记中心网上预约号源很少): 办事难, a grievance (devsets/README.md: 社情民意; every development set files its
# service hall's windows so), not the business of the department whose window it was (社保 → 就业, 不动产 → 住房:
# classifier.scoring.OUTRANKS); a firm's errand there is the business climate (其他: 企业开办, 企业负担 win a tie,
# _EVENT_ORDER).
_SERVICE_HALL_ERRAND = re.compile(r"(?:政务服务中心|政务中心|行政服务中心|便民服务中心|市民中心|办事大厅|"
                                  r"不动产登记中心)[^。！？!?\n]{0,40}?(?:窗口|排队|预约|号源|放号|补办|跑了|来回跑|本人到场|材料|态度)")
# A lift dropping (电梯突然从五楼往下掉, 电梯下坠): special equipment's fault (质监; devsets/README.md: 电梯), wherever
# the lift is; a fall that kills is told by the accident's words (坠落: 应急管理).
_LIFT_DROP = re.compile(r"电梯[^，,。；;！!？?\n]{0,8}?(?:下坠|急坠|往下掉|掉下去|下滑|坠梯)")
# A chemical works' discharge or smell (化工厂晚上偷排, 化工园区刺鼻气味): 危化品, the emergency department's (devsets/
# README.md; the second, fourth and eighth sets: there is no environment topic).
_CHEMICAL_RELEASE = re.compile(r"(?:化工厂|化工园|化工企业|化工公司|化工园区)[^。；;！!？?\n]{0,30}?"
                               r"(?:偷排|排放|排污|刺鼻|异味|臭味|气味|泄漏|冒黄烟|冒白烟)")
# A public body's arrears to a firm told in a letter's words (开发区管委会拖欠我们公司工程款, 城投公司拖欠下游分包
# 企业工程款) and a promise of investment promotion (招商时承诺的补贴): the business climate as ARREARS_TO_FIRMS and
# BUSINESS_CLIMATE are (其他, classifier.scoring.PLAIN), named by their word; not a private debtor's (开发商拖欠建筑
# 公司工程款: a commercial dispute) nor a worker's own pay (包工头拖欠我们工程款: 就业).
_PUBLIC_ARREARS = re.compile(r"(?:政府|管委会|开发区|园区|国企|国有|城投|平台公司|街道办|事业单位)"
                             r"[^。；;！!？?\n]{0,40}?拖欠[^，,。；;！!？?\n]{0,10}?(?:企业|公司)[^，,。；;！!？?\n]{0,4}?"
                             r"(?:工程款|货款|账款|款项|欠款)")
_PROMOTION_PROMISE = re.compile(r"招商[^，,。；;！!？?\n]{1,4}?承诺")
# An estate's fee raised (物业费一下涨了一倍, 物业管理费上调, 电梯费从30元提高到50元): the charge's (价格: classifier.
# scoring.OUTRANKS, 物业 raising a fee → 价格; the third, seventh, ninth and eleventh sets), not the estate's service.
_ESTATE_FEE_RISE = re.compile(r"(?:物业费|物管费|物业管理费|物业服务费|电梯费)[^，,。；;！!？?\n]{0,12}?"
                              r"(?:涨|提高|上调|提价|翻倍|翻了一倍)")
# ... a rise planned is one too (物业要把物业费涨到三块: the owners object before it), one denied is not (物业费没涨).
_NOT_RAISED = re.compile(r"没|不|未|别")
# A charge the government prices or approves (景区停车费, 门票, 票价, 收费标准): the price department's, visitors or
# not (景区停车费一小时三十元，游客直呼宰客 is 价格); a bill of fare or a rental at the market's price is the image.
_REGULATED_CHARGE = re.compile(r"停车费|停车收费|门票|票价|收费标准|政府定价|指导价")
# The police called (报警也没用) about a nuisance (广场舞音响, 噪音扰民): a grievance (devsets/README.md: noise is
# 社情民意), not a crime; a fight over it is told by its own words (打架, 殴打).
_POLICE_CALLED = frozenset({"报警", "报了警", "报案", "警察", "民警", "出警"})
_NUISANCE = re.compile(r"噪音|噪声|扰民|广场舞|音响|吵到|吵得|太吵|吵死")
# ... unless hands were raised, in words the event list lacks (打起来, 动手, 打人): the police word was the crime's.
_HANDS_RAISED = re.compile(r"打起来|打了起来|动手|打人|打伤|推搡|持刀|拿刀|砸")
# What a pattern tells (event_topic), searched where one of its words is: the words, the pattern, the kind of event,
# and the word it is named by (None: its own match). The words are among EVENT_SCAN_WORDS, so that a text the
# prefilter finds none of them in is not searched.
_TOLD: tuple[tuple[tuple[str, ...], re.Pattern[str], str, str | None], ...] = (
    (("网吧",), _MINORS_IN_CAFE, "社会稳定", None),
    (("拖欠",), _PUBLIC_ARREARS, "其他", "拖欠企业款"),
    (("招商",), _PROMOTION_PROMISE, "其他", "招商承诺"),
    (("物业费", "物管费", "物业管理费", "物业服务费", "电梯费"), _ESTATE_FEE_RISE, "价格", None),
    (("升学宴", "谢师宴", "婚宴", "寿宴", "生日宴", "满月酒", "大操大办", "摆了"), _OFFICIAL_FEAST, "其他",
     OFFICIAL_FEAST),
    (("电梯",), _LIFT_DROP, "质监", None),
    (("政务服务中心", "政务中心", "行政服务中心", "便民服务中心", "市民中心", "办事大厅", "不动产登记中心"),
     _SERVICE_HALL_ERRAND, "社情民意", None),
    (("化工厂", "化工园", "化工企业", "化工公司"), _CHEMICAL_RELEASE, "应急管理", None),
    (("加油站", "加气站", "液化气站", "储气站", "化工仓库", "危化品仓库"), _HAZARDOUS_SITE, "应急管理", None),
)
_TOLD_WORDS = trie_pattern({key for keys, *_ in _TOLD for key in keys})
EVENT_SCAN_WORDS = frozenset({*_EVENT_OF, *NOT_EVENTS, *(key for keys, *_ in _TOLD for key in keys)})
TRIGGER_WORDS = frozenset(_KIND)
_TRIGGER = trie_pattern(TRIGGER_WORDS)
_VIOLENT = ("持刀", "行凶", "砍人", "伤人", "斗殴", "打架", "殴打", "群殴", "械斗", "捅死", "砍死", "打死", "杀死",
            "杀害", "被捅", "被砍", "杀人", "凶杀")
_ACCIDENT = trie_pattern({*ACCIDENT_WORDS, *EVENT_WORDS["应急管理"], *_VIOLENT})
_WORKS = trie_pattern(WATER_WORKS)
_DANGERS = trie_pattern((*WATER_DANGERS, *_SELF_HAZARD))
# A danger needs a water work beside it or is one itself (溃坝); an evacuation needs its verb.
_HAZARD_ANY = trie_pattern((*WATER_WORKS, *_SELF_HAZARD))
_EVAC_ANY = trie_pattern(_EVAC_VERBS)
_COUNTED = ("die", "hurt", "gather", "crowd", "missing")
_NEGATABLE = (*_COUNTED, "crime", "mass")

# Who is counted: 2名施工人员死亡, 数十名农民工聚集, 十余名矿工被困井下, 一家三口.
_WHO_NOUNS = (r"(?:农民工|群众|村民|居民|业主|工人|家长|学生|市民|员工|司机|商户|人员|网民|民众|矿工|儿童|小孩|孩子|"
              r"老人|男子|女子|乘客|游客|船员|渔民|职工|师生|患者|家属|青年|小学生|中学生|人)")
# 号 only before 人 (几百号人, 上千号人): 3号, 5号楼, 3号人员 count no one.
_UNIT = r"(?:名|人|位|个|口|条|号(?=人(?!员)))"
# What a unit counts when it is no one: time (两个小时, 几个月) and things (两个字, 三个问题, 几个部门).
_NOT_COUNTED = (r"小时|钟头|星期|多小时|多月|月|半|子|字|词|问题|方面|原因|环节|阶段|步骤|理由|条件|项目|地方|"
                r"部门|单位|方向|版本")
# What may follow a number before the trigger, in the same clause: the unit, who, a few words.
_TAIL_BEFORE = re.compile(rf"(?:余|多)?(?:(?P<u>{_UNIT})(?!{_NOT_COUNTED}))?"
                          rf"(?P<w>{_WHO_NOUNS}|[\u4e00-\u9fff]{{1,3}}者)?"
                          rf"(?P<gap>[^，,。；;！!？?\n]{{0,12}})$")
# A count of people earlier in the same sentence, for a trigger whose own clause has none:
# 两人从楼上坠下，疑似已经身亡.
_PEOPLE_EARLIER = re.compile(rf"(?:余|多)?{_UNIT}(?!{_NOT_COUNTED})(?:{_WHO_NOUNS})?"
                             rf"[^。；;！!？?\n]{{0,20}}$")
_AFTER_HUNDRED = frozenset("姓货科度强家")
_HOTLINES = frozenset({"110", "119", "120", "122", "999", "12345", "12315", "12320", "12369", "12350", "12328"})
# Amounts of a crowd that count people even with no one named (数千教师示威, 上百村民堵路): a gathering's
# other bare numbers are mostly dates, numbering or places (四、业主维权, 7县集会, 2706房聚集).
_GROUP_AMOUNTS = frozenset({"数十", "几十", "十几", "十多", "十余", "数百", "几百", "上百", "近百", "百余", "百多",
                            "上千", "数千", "几千", "千余", "近千", "上万", "数万", "成百上千", "好几百", "好几十",
                            "好几千", "一群", "一大群", "一帮", "一大帮", "一伙"})
# 几个 counts people (几个医生围着), not 几个月, 几个小时.
_NOT_A_HEAD = re.compile(_NOT_COUNTED)
_GATHER_WHO_AFTER = re.compile(rf"者|人员|的人|{_WHO_NOUNS}")
# A number followed by one of these counts something else (5楼, 3号, 20岁, 2辆) or makes a word (十字路口, 三角地带,
# 一线, 二环).
_NOT_PEOPLE = frozenset("楼层号岁年月日时点分秒米里辆台栋元次天级吨亩度%种项户家间座处根块期字角线环")
# A count after it: 死亡人数已升至十一人, 聚集了100余人, 伤了十几个人, 死了好几个工人.
_COUNT_AFTER = re.compile(rf"(?:的)?(?:{_WHO_NOUNS})?(?:人数)?(?:已经|已)?(?:有|达到|达|为|升至|增至|上升至|上升到|了)?"
                          rf"(?:约|近|超过|逾)?(?P<n>{_NUM})(?:余|多)?(?:(?:名|个|位)[^，,。；;！!？?\n]{{0,3}}?)?{_WHO_NOUNS}")
# 死了好几个, 死了三个: a count of the dead with no one named after it, ending the clause (not 死了三个月).
_DEAD_COUNT = re.compile(rf"了(?P<n>{_NUM}|几个)(?:余|多)?(?<=个)(?![\u4e00-\u9fff])|"
                         rf"了(?P<m>{_NUM})(?:余|多)?[个名位](?![\u4e00-\u9fff])")
# 3死12伤.
_DEAD_HURT = re.compile(rf"(?P<n>{_NUM})$")
_HURT_AFTER_DEAD = re.compile(rf"(?P<n>{_NUM})伤")
# Not a fact: negated (无人员伤亡, 未造成死亡, 并非拐卖); what might happen is read by irrealis.
# (是不是有人死了 is a question, not a negation.)
_NEGATION = re.compile(r"(?:无|未|没有|不曾|零|未造成|并无|均无|并非|而非|并不是|(?<!是)不是)[^，。！？,.!?；;]{0,4}$")
# A claim that the text itself denies (辟谣): 网传“钦南区发生命案”不实, 网传……系谣言. The claim runs from
# the word that opens it (网传; else the last 称, quote) to the denial, in the same sentence; a real
# incident told beside it (实为两人打架致一人受伤) still counts. 造谣 denies what follows it in its clause.
DENIAL_WORDS = ("不实", "谣言", "系谣", "假消息", "虚假信息", "不属实", "并未发生", "没有发生", "未发生", "子虚乌有",
                "捏造", "并非事实", "造谣", "并无此事", "没有此事", "绝无此事", "纯属虚构", "无中生有")
_DENIAL = re.compile("|".join(DENIAL_WORDS))
# Words that open a claim: a rumour's own marker (the first in the sentence), else the last 称/说/quote.
_RUMOUR_OPEN = re.compile(r"网传|传言|传闻|谣传|网帖|据传|网曝|网友爆料|有网友称|网上说|网上传|听说|据说|有人说|群里说|"
                          r"朋友圈说")
_CLAIM_OPEN = re.compile(r"称|说|“|\"")
_HEADLINE_CLAIM = re.compile(r"[。！？!?\n]*[^。！？!?\n“]{0,20}?(?:网传|传言|传闻|谣传|网曝|网帖)[^。！？!?\n“]{0,4}"
                             r"(?P<claim>“[^”。！？!?\n]{1,40}”)")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_SENTENCE_ENDS = re.compile(r"[。！？!?\n]+")
_CLAUSE_END = re.compile(r"[，,。！？!?；;\n]")


def denied_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` passes on a claim only to deny it (offsets); () when it denies nothing."""
    spans: list[tuple[int, int]] = []
    for d in _DENIAL.finditer(text):
        if d.group(0) == "造谣":
            stop = _CLAUSE_END.search(text, d.end())
            spans.append((d.start(), stop.start() if stop else len(text)))
            continue
        start = _begins(_SENTENCE_END, text, d.start(), d.start())
        rumour = _RUMOUR_OPEN.search(text, start, d.start())
        if rumour is not None:
            spans.append((rumour.start(), d.start()))
            continue
        opens = [m.start() for m in _CLAIM_OPEN.finditer(text, start, d.start())]
        if opens:
            spans.append((opens[-1], d.start()))
    if spans:
        # The headline names the rumour the text denies (关于网传“望江花园小区命案”的情况通报 … 网传“有人被捅死”
        # 不实): its quoted claim is denied too.
        head = _HEADLINE_CLAIM.match(text)
        if head is not None:
            spans.append((head.start("claim"), head.end("claim")))
    return tuple(spans)


# What did not happen or may yet happen is no fact (irrealis), read in the trigger's own clause:
# - a modal or a fear just before it: 要出人命, 会死人的, 迟早出人命, 可能会受伤, 以免溺水, 快不行了;
# - a near miss: 差点出人命, 险些被撞死 (the accident is told by its other words, not as a death);
# - a condition opening the clause: 万一出了人命, 要是有人受伤, 一旦溃坝;
# - a rhetorical or conditional sequel just after it: 出人命才管, 出了人命谁负责, 死了人怎么办;
# - a season or a place where it is common (火灾易发的时节, 溺水高发期): a warning, no event (频发 is: 事故频发);
# - a hazard or a risk of it (一氧化碳中毒隐患, 坍塌风险): a danger to remove, no event.
# 会 and 要 inside words (开会, 协会会长, 主要, 需要) are not modals; 是不是有人死了 is a question about
# a fact (a rumour), not an irrealis. A drill (演练, 演习, 模拟) in the sentence makes nothing real.
_MODAL = re.compile(r"(?:(?<![开大晚协学社委工机都宴聚例约议年])会(?![长议场上所员馆见同谈商诊计])"
                    r"[^，,。；;！!？?\n已]{0,2}|(?:(?<![主需重只想还必])要|(?<![赶很尽飞加])快)[^，,。；;！!？?\n已]?"
                    r"|(?:可能|容易|迟早|早晚|总有一天|难免|恐怕|以免|避免|防止|小心|谨防|严防|杜绝|以防|预防|担心|生怕|就怕|"
                    r"不要酿成|不要引发|不要造成|以免酿成|"
                    r"害怕|怕|防范|恨不得|恨不能|巴不得)(?![因系是由为])[^，,。；;！!？?\n已]{0,4}"
                    r"|(?<![思理梦幻感设猜回联构预遐冥成])想(?![到起不必象法])[^，,。；;！!？?\n已]{0,2})$")
# (已 in between is what did happen: 恐怕已经遇难; 可能因醉酒溺亡 speaks of the cause of a death.)
# A curse wishes a death on someone (我诅咒你……, 祝偷我手机的贼出门被车撞死，走路摔死, 不得好死！出门被车撞死): no deed.
_CURSE = re.compile(r"诅咒|(?<![庆预])祝(?:你|他|她|它|全家|这些|那些|所有|全世界|天下)|愿你|咒你|不得好死")
# A curse runs on over its exclamations (我诅咒你们全家！出门被撞死，喝水呛死！): read this far back, across sentences.
CURSE_CHARS = 40
# A wish is no deed either: 我想杀人了, 真想一刀砍死他, 恨不得打死自己 (想 of 想到/想不到/想起/不成想 and
# of 思想/理想/梦想 is no wish: 没想到他被人杀害 tells of a killing). 想 reaches two characters only: in
# 想逃避检查撞死交警 the wish is the escape, the death is real.
# A safety notice's 以免出人命 is prevention, not a warning of neglect.
_PREVENTION = re.compile(r"(?:以免|避免|防止|谨防|预防|防范|杜绝)[^，,。；;！!？?\n]{0,4}$")
_NEAR_MISS = re.compile(r"(?:差点儿|差点|差一点|险些)[^，,。；;！!？?\n]{0,4}$")
# (如遇, 如发现 and a 请 just after: a safety notice's instruction, 如遇火灾请拨打119, 发现燃气泄漏请立即关阀; 以为:
# a belief the teller found wrong, 还以为是家里什么东西爆炸了.)
_CONDITION = re.compile(r"如果|假如|假设|万一|要是|倘若|若是|一旦|非得|非要|哪天|到时候|以为|"
                        r"如遇|如发现|如有|若遇|若发现|遇有")
_DENIED_BEFORE = frozenset("不别没")
# A provision's case, read from a word on to its clause's end (…构成犯罪的，依法追究; 被巡查发现焚烧的，将按规定处罚):
# what the law does if it happens.
_PROVISION_CASE = (r"[^，,。；;！!？?\n]{0,16}?的[，,](?:将|一律|均|并)?"
                   r"(?:依法|由|按|予以|追究|处以|从严|责令|没收|罚款)")
_PROVISION = re.compile(_PROVISION_CASE)
_SEQUEL = re.compile(r"[了的]?(?:才|谁负责|谁来负责|谁担责|谁承担|谁管|怎么办|咋办|就晚了|就迟了|就来不及|的话|请|算了)"
                     r"|易发|高发|多发|隐患|风险"
                     # the work against it (火灾防控工作会议, 溺水预防教育): no event
                     r"|防控|防范|预防|防治|防御|应急预案|自救|逃生|警示教育"
                     # a statistic that fell or stayed at nought (火灾零发生, 事故起数和死亡人数实现“双下降”, 溺亡人数
                     # 同比下降): a record of the work, no event; a count that rose (死亡人数升至5人) still is one
                     r"|(?:起数|人数|数量|宗数|起)?(?:和[^，,。；;！!？?\n]{1,8}?)?(?:实现|保持|呈现|呈)?[“\"‘]?"
                     r"(?:零发生|零事故|零死亡|零伤亡|零报告|双下降"
                     r"|(?:同比|环比|分别|均|都|再次|连续|持续|大幅|明显|继续){0,3}(?:下降|减少))"
                     # a provision's case (引起森林火灾构成犯罪的，依法追究刑事责任; 造成人员伤亡的，由……): what the law
                     # does if it happens, no event
                     r"|" + _PROVISION_CASE)
# An event of another year or long ago, recalled in its clause (去年汛期冲毁的路, 年初那场火灾中): background
# to what is reported now, not an emergency now. (Not 曾 alone, a surname; not 原来, also "it turns out".)
_RECALLED = re.compile(r"去年|前年|年初|往年|当年|多年前|几年前|曾经")
# Background told with "before" (原来塌方的路段新建了挡墙, 以前常起火的市场整治后装了喷淋) is recalled too,
# but only beside a repair or a rectification that is done (a road rebuilt, a market put right): 原来
# alone also means "it turns out" (原来是燃气泄漏) or "the former" (原来的老房子昨晚起火 is a fire now).
# The word of before opens its clause's account: 原来, 以前, 此前 … (not 原来是 / 原来竟, it turns out);
# X前 (修复前, 整治前) says by itself that the repair was done, in its sentence. A present time
# (昨晚, 今天, 刚刚) or a recurrence (又, 再次) in the clause makes the event now, repair or not.
_BEFORE_NOW = re.compile(r"原来(?![是竟才])|原先|以前|以往|过去|此前|之前|早前|先前|早先")
# A sentence that opens by recalling (此前，一住户私改燃气管道发生爆燃; 之前隔壁小区电动车起火的事大家都记得) and tells
# nothing of now (no _NOW, no word of _NOW_WORDS: 至今, 仍, 但) is the background of the report, as another year's
# event is.
_OPENS_RECALLING = re.compile(r"\s*(?:此前|之前|早前|先前"
                             r"|(?:去年|前年|几年前|多年前)(?:[\d一二三四五六七八九十]{1,2}月)?(?:[\d一二三四五六七八九十]{1,3}日)?)[，,]?")
_BEFORE_REPAIR = re.compile(r"(?:修复|修缮|维修|整治|整改|改造|治理|加固|重建|翻修|翻新|搬迁|提质|升级)前")
_BEFORE_REPAIR_OPENS = re.compile(rf"\s*[^，,。；;！!？?\n]{{0,8}}?{_BEFORE_REPAIR.pattern}[，,]")
_REPAIRED = re.compile(r"(?<!未|没|尚|仍|还|在|将|要|拟)(?<!没有|尚未|仍未|还没|正在|即将|计划|准备|迟迟)"
                       r"(?:修复|修好|修通|抢通|新建|建成|建好|完工|竣工|通车|加固|重建|改造|整治|整改|翻修|修缮|"
                       r"消除|排除|恢复|搬迁|拆除|更换|换成|装上|装了|安装)")
_NOW = re.compile(r"今天|今日|今晨|今早|昨天|昨日|昨晚|昨夜|前天|刚刚|刚才|凌晨|目前|现在|眼下|当天|日前|近日|"
                  r"又|再次|再度|重新|突然|今年")
_DRILL = re.compile(r"演练|演习|模拟|假想|假定")
# A headline that reports a drill held (应急救援演练, 联合演习): not 模拟 (a simulated product), nor one held badly
# (演练走过场, the drill is what went wrong).
_DRILL_REPORT = re.compile(r"演练(?!走过场|流于形式|形同虚设)|演习")
# A report whose headline says a rectification is done (化工园区完成安全整改通过验收, 隐患整改到位, 摘除挂牌督办)
# and that recalls, in a sentence of its own opening with the date, the accident that led to it (今年6月，园区
# 一企业发生爆炸事故，造成2人死亡): the toll is background to good news, no emergency now. Not a rectification
# asked or under way (要求3个月内完成整改, 正在整改: the exposé stays critical), not an investigation or
# an accountability (调查报告, 问责, 责任人: the 通报 of a deadly accident stays critical), not a toll still
# running (年初以来已造成5人死亡, 至今, 累计), not an event told now or again (昨天, 又, 再次).
_RECTIFIED = re.compile(r"(?<!未)(?<!要求|须在|限期|督促|尚未|正在|即将)(?:完成|通过)"
                        r"[^，,。；;！!？?\n]{0,8}(?:整改|验收)|整改(?:完成|到位|达标|销号)|验收合格|摘除挂牌|摘牌|销号")
# A headline asking or doubting it (要求3个月内完成整改, 整改到位了吗, 整改走过场, 未通过验收) reports none done.
_NOT_DONE = re.compile(r"要求|责令|限期|督促|须|需|将|拟|计划|未|没|尚|正在|仍|不到位|不彻底|走过场|假整改|虚假|敷衍|"
                       r"吗|？|\?")
_RECKONING = re.compile(r"调查报告|事故调查|调查组|追责|问责|责任人|处分|立案|移送|依法处理|严肃处理|遇难者家属|家属")
_DATED = re.compile(r"\s*(?:今年|去年|前年|\d{4}年)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?|"
                    r"年初|年中|上半年|一季度|二季度|三季度)")
_STILL = re.compile(r"以来|至今|迄今|累计|截至|截止|目前|仍|今天|今日|昨天|昨日|昨晚|刚刚|又|再次|再度")
# Fiction is no event: what befalls a character of a drama, a film, a novel, a cartoon or a game (追了两个月的剧，
# 最后男主居然死了; 剧里那个反派杀了三个人) is told by a fan's name of a character (男主, 反派) or by where it
# happens (剧里, 小说里, 游戏里), by the work (这部电影, 本片) or by its episode and broadcast (看到第二十三集, 电视上
#播到), in the sentence. Not by the watcher's own doings
# (昨晚追剧的时候楼下起火了, 电影院发生火灾: real), nor where the sentence tells of the making (拍戏时演员坠亡,
# 剧组, 片场: real people hurt). Left out, as news says them of real people and places: 主角, 女主角, 主人公
# (事件女主角, 视频主人公; 视频男主, 事件女主), 女主播/女主任/女主人, 男二 (一男二女), 片中 (照片中, 宣传片中),
# 悲剧中/闹剧中/加剧中, 书中 (判决书中, 起诉书中), 电影中心, 剧情 (剧情反转) and 结局, 大结局 (某案迎来大结局).
# A dream told before the event is no event either (昨晚梦见孩子摔死了, 做了个噩梦……); not 睡梦中
# (睡梦中的居民被浓烟呛醒: a real fire), nor 做梦也没想到, nor 噩梦 alone (这场车祸成了一家人的噩梦: a real crash).
_IN_FICTION = re.compile(r"(?<![大频件闻礼片])(?:男主|女主)(?![角播持任人席管动治演导编要力义流权体题页])|反派|男一号|"
                         r"(?:男|女)[二三](?:号)?(?=[死挂没被都也就的])|编剧|"
                         r"女一号|(?<![悲闹惨丑喜恶加急])剧(?:中|里)|戏里|小说里|小说中|游戏里|动漫里|动画里|漫画里|"
                         r"[韩美日泰英港台]剧|"
                         r"这部(?:电影|剧|片|戏|动漫|动画|小说)|[本该]片(?!区)|(?<![直传散广转联])播到|"
                         r"[一二三四五六七八九十百0-9]+集(?![装资中团体合结市镇会散])|"
                         r"电视剧里|电影里|电影中(?!心)|影片中|剧集里|原著里|原著中|打副本|刷副本|"
                         r"(?:战争|恐怖|灾难|动作|警匪|悬疑|惊悚|动画|武侠|科幻|枪战|丧尸)片")
_DREAM = re.compile(r"梦见|梦到|(?<!睡)梦(?:里|中)|做(?:了)?(?:个|一个|一场)?(?:噩|恶)?梦(?!也)|昨晚的梦|昨夜的梦")
# ……what the dream was of, told before it (做了个杀人的噩梦, 发了一个杀人案的梦).
_DREAMT = re.compile(r"[^，,。；;！!？?\n]{0,6}的(?:噩|恶)?梦(?!想)")
_MAKING = re.compile(r"拍戏|拍摄|片场|剧组|录制|彩排|演出|现场|演员|群演|替身|特技")
# Sports fans' protest at their club (球迷拉横幅让老板下台, 球迷举牌抗议换帅) is the club's matter; disorder, a
# fight, the police or a blocked road in the sentence make it a gathering the office answers for.
_FAN_PROTEST = frozenset({"拉横幅", "打横幅", "举牌", "抗议", "示威", "聚集", "集会", "讨说法", "聚在", "围在", "围着"})
_FANS = re.compile(r"球迷|俱乐部|球队|主教练|赛季|联赛")
# Players on the pitch (两队球员, 双方队员) clash in a match: the referee's matter, unless fans, spectators or
# the police are in it or someone is hurt.
_PLAYERS = re.compile(r"球员|队员|两队|双方球员|场上|裁判|红牌|黄牌|犯规")
_CROWD_AT_GAME = re.compile(r"球迷|观众|看台|场外|群众|市民|家长|学生")
_DISORDER_OF_PLAYERS = re.compile(r"民警|警察|警方|特警|受伤|送医|流血|踩踏|斗殴|群殴")
_DISORDER = re.compile(r"冲突|斗殴|打架|打起来|骚乱|暴力|打砸|砸|受伤|民警|警察|警方|特警|踩踏|围殴|拥堵|堵路|堵塞|"
                       r"滞留|秩序|失控")


# The last stop of a window in one match: ``.*`` runs to the window's end and backs off to its last stop
# (one loop in C, not a match object for every stop). Exact for a stop of one character (a class).
_LAST_STOP = {ends: re.compile(f"(?s:.*){ends.pattern}") for ends in (_SENTENCE_END, _CLAUSE_END)}


def _begins(ends: re.Pattern[str], text: str, pos: int, back: int, default: int | None = None) -> int:
    """Where the clause or sentence (``ends``: what ends one) holding ``pos`` begins, looking back at
    most ``back`` characters; ``default`` (else that far back) when no end is found there."""
    lo = max(0, pos - back)
    last = _LAST_STOP.get(ends)
    if last is None:
        return max((m.end() for m in ends.finditer(text, lo, pos)), default=lo if default is None else default)
    m = last.match(text, lo, pos)
    return m.end() if m is not None else lo if default is None else default


def _sentence(text: str, start: int, end: int | None = None, back: int = 80) -> tuple[int, int]:
    """Where the sentence holding ``text[start:end]`` begins (looking back at most ``back`` characters,
    else the text's start) and ends (before its stop)."""
    stop = _SENTENCE_END.search(text, start if end is None else end)
    return _begins(_SENTENCE_END, text, start, back, 0), stop.start() if stop else len(text)


def _in_drill(text: str, start: int, end: int) -> bool:
    """Whether the sentence of ``text[start:end]`` speaks of a drill or an exercise (演练, 模拟), or the report is
    one of a drill by its headline (开展煤矿透水事故应急救援演练。……被困人员全部“获救”)."""
    if _DRILL.search(text, *_sentence(text, start, end)) is not None:
        return True
    head = text.find("。", 0, 60)
    return 0 < head < start and _DRILL_REPORT.search(text, 0, head) is not None


def fiction(text: str, start: int) -> bool:
    """Whether the word at ``start`` tells of a character of a drama, a film, a novel or a game (最后男主
    居然死了, 剧里死了三个人) or of a dream (梦见他被车撞死了), not of real people."""
    sentence, end = _sentence(text, start)
    if _DREAM.search(text, sentence, start) is not None or _DREAMT.match(text, start) is not None:
        return True
    return _IN_FICTION.search(text, sentence, end) is not None and _MAKING.search(text, sentence, end) is None


# A banner or placards held up to celebrate, welcome, thank or cheer (一群朋友拉横幅求婚, 拉横幅欢迎新生, 举牌为选手
# 加油), in its sentence or in the headline of the post (被求婚了): no protest, unless the sentence tells of a
# grievance or disorder.
_BANNERS = frozenset({"拉横幅", "打横幅", "举牌"})
_CELEBRATING = re.compile(r"求婚|表白|婚礼|生日|庆祝|庆贺|祝贺|欢迎|迎接|感谢|致谢|答谢|助威|加油|应援|毕业|喜报|"
                          r"欢送|送别|金榜题名|凯旋|夺冠")
_GRIEVANCE = re.compile(r"讨薪|欠薪|工资|维权|抗议|讨说法|要说法|要求|还我|退钱|赔偿|不公|投诉|举报|冤")


def celebrating(text: str, start: int, word: str) -> bool:
    """Whether the banner word at ``start`` of ``text`` (a headline, 。, the text) is held up to celebrate, welcome,
    thank or cheer (:data:`_CELEBRATING` in its sentence or the headline), with no grievance (:data:`_GRIEVANCE`)
    nor disorder in its sentence."""
    if word not in _BANNERS:
        return False
    sentence, end = _sentence(text, start)
    headline = text.find("。")
    return ((_CELEBRATING.search(text, sentence, end) is not None
             or _CELEBRATING.search(text, 0, max(headline, 0)) is not None)
            and _untroubled(text, sentence, end))


def _untroubled(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` tells no grievance (:data:`_GRIEVANCE`) nor disorder (:data:`_DISORDER`)."""
    return _GRIEVANCE.search(text, start, end) is None and _DISORDER.search(text, start, end) is None


# People round a game, a show or a dance, watching or joining in (场边围了好几千人, 舞龙的时候街上围满了人,
# 跳坝坝舞被一群阿姨围着教): an audience, no gathering.
_RINGED = frozenset({"围了", "围着", "围在", "围住", "聚在", "聚集", "越聚越多"})
_SHOW = re.compile(r"比赛|决赛|球赛|赛事|村BA|村超|演出|演唱会|表演|观众|观赛|看球|场边|看台|烟花|灯会|舞龙|舞狮|庙会|"
                   r"音乐节|晚会|广场舞|坝坝舞|跳舞")


def watching(text: str, start: int, word: str) -> bool:
    """Whether the ring of people at ``start`` stands round a game or a show in its sentence (:data:`_SHOW`), with no
    grievance (:data:`_GRIEVANCE`) nor disorder in it: an audience, not a gathering."""
    if word not in _RINGED:
        return False
    sentence, end = _sentence(text, start)
    return _SHOW.search(text, sentence, end) is not None and _untroubled(text, sentence, end)


def fandom(text: str, start: int, word: str) -> bool:
    """Whether the gathering word at ``start`` is sports fans' protest at their club (球迷在体育中心拉横幅让老板
    下台), or players' clash in a match (两队球员发生冲突，裁判出示红牌): the club's or the game's matter, not a
    gathering the office answers for, unless the sentence tells of disorder (or, for players, of fans)."""
    if word == "冲突":
        sentence, end = _sentence(text, start)
        return (_PLAYERS.search(text, sentence, end) is not None and _CROWD_AT_GAME.search(text, sentence, end) is None
                and _DISORDER_OF_PLAYERS.search(text, sentence, end) is None)
    if word not in _FAN_PROTEST:
        return False
    sentence, end = _sentence(text, start)
    return _FANS.search(text, sentence, end) is not None and _DISORDER.search(text, sentence, end) is None


# Net-speak that says a disaster word of a feeling, a degree or a flop (网络用语), not of an event:
# 心态爆炸, 辣到爆炸, 销量爆炸; 听了一天已经中毒了; 直播又翻车了; 两个饭局时间冲突; 跳楼价; 我当场去世, 原地去世,
# 笑到去世, 社会性死亡. Each word's own test; a real report keeps its word (发生爆炸, 食物中毒, 货车翻车, 发生冲突).
# 爆炸 of a degree (X到/得爆炸) or said of what swells (a mood, sales, a head); not 听到/受到/遇到爆炸,
# which hear or meet one.
_BLOWN_UP = re.compile(r"(?:(?<![听受遇看感闻找见])[到得]|(?:气|热|辣|累|忙|烦|胖|饿|困|美|帅|香|甜|爽)的|"
                       r"心态|心情|情绪|脑子|脑袋|头|肺|人气|颜值|销量|流量|票房|热度|"
                       r"信息|评论区|朋友圈|弹幕|私信|好感度|演技|实力|笑点|我|你|原地)"
                       r"(?:要|快要|快|都|都要|瞬间|直接|简直|已经|彻底|原地|当场|真的|又)?$")
# A simile likens something to a disaster (房间跟地震一样, 吵得像打仗似的, 如同爆炸一般): none happened.
_AS_BEFORE = re.compile(r"像|跟|和|如同|仿佛|好像|好似|犹如|宛如|就如")
_AS_AFTER = re.compile(r"了?(?:一样|似的|一般|般)")
# 爆炸 of a property or a measure (爆炸性的混合物, 爆炸浓度极限) and 宇宙大爆炸 (the Big Bang): no blast.
_EXPLOSIVE = re.compile(r"性|浓度|极限|下限|上限")
# 中毒 of a song, a show or a game one cannot stop (洗脑, 单曲循环, 追剧), unless the sentence says what was
# eaten or breathed.
_HOOKED = re.compile(r"洗脑|单曲循环|循环播放|这首歌|首歌|听了|追剧|刷剧|这部剧|上头|上瘾|入坑|游戏|手游")
_DEEP = re.compile(r"太深|很深|已深|不浅|颇深|已久")
# What breaks down or catches a virus is a device or a body part (手机锁屏键罢工了, 电脑中毒了, 胃又罢工了), not
# workers.
_DEVICE = re.compile(r"电脑|手机|键盘|鼠标|邮箱|微博|系统|网站|软件|程序|账号|U盘|文件|空调|冰箱|洗衣机|热水器|打印机|"
                     r"路由器|网络|网速|宽带|屏幕|电池|充电宝|充电器|相机|闹钟|钥匙|门锁|耳机|电视|遥控器|音响|"
                     r"笔记本|平板|硬盘|显示器|主机")
_BODY_PART = re.compile(r"身体|大脑|脑子|胃|肚子|腰|腿|眼睛|嗓子")
_STRIKERS = re.compile(r"工人|员工|司机|教师|老师|职工|农民工|骑手|师傅|工友|护士|医生|环卫|快递员|外卖员|出租车|公交|"
                       r"全体|集体|罢工潮|工会")
_TAKEN_IN = re.compile(r"吃|喝|食|饮|服|吸入|煤气|一氧化碳|燃气|农药|药|毒|酒|菌")
# 翻车 is a vehicle overturning only where its sentence names a vehicle or a road (货车翻车, 三一翻车，吊车大臂断掉);
# 直播/演唱会/人设翻车 is a flop.
_VEHICLE = re.compile(r"车|大巴|巴士|罐|三轮|摩托|拖拉机|司机|驾驶|乘客|公路|高速|路|桥|沟|坡|弯|船|艇")
# 冲突 of times and plans (时间冲突, 行程冲突): no clash of people.
# What is buried or swept away may be a thing (一觉醒来车被埋没了, 田里的庄稼被洪水冲走): then no one is missing.
_BURIED = frozenset({"被埋", "被掩埋", "被冲走", "被洪水冲走"})
_THING_BURIED = re.compile(r"(?:车|车子|汽车|电动车|房子|屋子|院子|路|道路|田|庄稼|菜地|果园|大棚|鱼塘|东西|行李|货物|"
                           r"牛|羊|猪|鸡|鸭)(?:都|也|全|全部|又|已经|已)?$")
_SCHEDULE = re.compile(r"(?:时间|行程|档期|日程|课程|安排|时段|排期|考试|航班|会议)(?:上)?(?:有|又|有点|发生)?$")
# A first person telling of their own death speaks figuratively (我当场去世, 我已经死了); so do 原地去世 and X到去世.
_OWN_DEATH = re.compile(r"(?:我|俺|本人)(?:已经|当场|原地|直接|真的|快要|快|要|都|就|瞬间|今天|又|也|简直|彻底|当时)?$"
                        r"|原地$|(?<![直受遇打砍捅撞烧压砸殴踢勒])[到得]$")
_FIGURATIVE_DEATH = frozenset({"去世", "死亡", "死", "猝死", "暴毙", "身亡", "离世"})
# 死亡 as an idea, no one's death: what one fears, faces, chooses or compares (不再畏惧死亡, 比死亡更可怕, 我选择死亡,
# 与死亡擦肩而过, 死亡并不可怕, 死亡的过程, 死亡率); a report tells who died (造成2人死亡, 当场死亡, 同比死亡人数).
_DEATH_IDEA_BEFORE = re.compile(r"(?:选择|畏惧|惧怕|害怕|恐惧|不怕|面对|面临|直面|看待|感受到了|感受到|感受|体验|经历|"
                                r"等待|期待|走向|奔向|向|直到|(?<![同环])比|除了|生命和|生与|出生(?:和|与|、|及))$")
_DEATH_IDEA_AFTER = re.compile(r"并不|不可怕|更可怕|的过程|的恐惧|的滋味|的威胁|率|实例|幽默|和复活|擦肩|人口|"
                               r"(?:医学)?证明")
# 大火 of a stove (大火烧开, 转小火, 先用大火煮20分钟): a recipe, no fire.
_COOKING = re.compile(r"[，,：:；;]?(?:烧开|烧沸|煮|炒|拌炒|翻炒|爆炒|快炒|炖|蒸|煎|焖|收汁|加热|熬)")
_HEAT = re.compile(r"小火|中火|文火|慢火")
# 地震 of a science, a service or a region (地震勘探, 地震台网, 地震局, 地震带): no quake.
_SEISMIC = re.compile(r"勘探|台网|局|带|学|波|仪|监测|知识|科普")
# 聚集 naming where people habitually are (年轻人聚集的场所, 目光聚集地, 人群聚集区), no gathering now.
_GATHERING_PLACE = re.compile(r"地|之地|区|的场所|的地方|的区域")
# 打死 before a refusal (打死不回家, 打死也不去, 打死我都不信): an oath of "never".
_NEVER = re.compile(r"(?:我|你|他|她|俺)?(?:也|都)?(?:不|没|绝不)")
_TIMES = re.compile(r"了?(?:[一二两三四五六七八九十百千几\d]+|无数|好几|N)[次回遍]")


# An event the sentence places in another city, province or country (邻市一化工企业发生爆炸, 外地一景区发生坠落事故,
# 国外某地): another place's emergency, told by the office's own report of what it does about it (我市启动安全大检查);
# not the people who come from elsewhere (外地游客在景区坠亡: here).
_ELSEWHERE = re.compile(r"(?:邻市|邻县|外省|省外|国外|境外|外地|周边城市|周边县市|其他城市|其他地方)(?:的)?(?:一|某)"
                        r"|(?:别的地方|别处)(?!的?人)")


# Another country or a region outside the mainland named as where it happened (法国爆炸了, 叙利亚……爆炸坠毁, 布鲁塞尔
# 发生了一起爆炸, 台湾地震了), not as who or what (美国游客, 日本企业, 韩国进口) or who tells it (据美国媒体报道,
# 日本NHK报道: the event may be ours); nor when the sentence tells of our
# people or our place there (我国游客, 我市, 同胞: the office's 涉外 matter).
_ABROAD = trie_pattern((*_COUNTRIES, "叙利亚", "阿富汗", "伊拉克", "巴勒斯坦", "比利时", "西班牙", "葡萄牙", "瑞士",
                        "瑞典", "挪威", "丹麦", "芬兰", "波兰", "希腊", "奥地利", "阿根廷", "智利", "沙特", "也门",
                        "利比亚", "索马里", "巴黎", "伦敦", "纽约", "东京", "首尔", "曼谷", "莫斯科", "柏林", "罗马",
                        "悉尼", "洛杉矶", "华盛顿", "布鲁塞尔", "新泽西", "加州", "芝加哥", "温哥华", "多伦多", "大阪",
                        "旧金山", "台湾", "香港", "澳门", "台北", "高雄"))
_WHO_FROM = re.compile(r"籍|人|游客|公民|留学生|商人|客商|企业|公司|工厂|厂|资|产|进口|出口|品牌|制造|制|货|车|队|球员|"
                       r"总统|首相|总理|政府|军|方|媒体|网|电视|广播|报|通讯社|新闻")
_OURS = re.compile(r"我国|国内|我市|本市|我县|本县|我区|本区|中国人|中国游客|中国公民|中方|同胞|华人|华侨|留学生|国人|"
                   r"大陆|我们这|我们市")
ABROAD_CHARS = 40
_ABROAD_SITE = re.compile(r"[^，,。；;！!？?\n“”\"]{0,6}?(?:发生|境内|当地|首都|[东南西北中]部|州|府|郊区|附近|"
                          r"一[架辆名家座列所起])")


def elsewhere(text: str, start: int) -> bool:
    """Whether the sentence holding ``start`` places its event in another city, province or country before it."""
    sentence, end = _sentence(text, start)
    if _ELSEWHERE.search(text, sentence, start) is not None:
        return True
    for m in _ABROAD.finditer(text, max(sentence, start - ABROAD_CHARS), start):
        if _WHO_FROM.match(text, m.end()) is not None or text[m.start() - 1:m.start()] == "据":
            continue  # who or what comes from there, or who tells of it (据日本媒体报道, 据台湾联合新闻网)
        # where it happened: the clause opens with the place (法国爆炸了, 刚刚台湾地震了) or the place is followed by
        # where in it or what happened there (布鲁塞尔发生了一起爆炸, 美国芝加哥北部郊区附近, 泰国北标府一面包车)
        if m.start() - _begins(_CLAUSE_END, text, m.start(), 40, 0) <= 2 or _ABROAD_SITE.match(text, m.end()):
            return _OURS.search(text, sentence, end) is None
    return False


_HYPED = re.compile(r"气氛|全场|现场|舞台|魂|演唱会|音乐节|比赛|赛场|球场|氛围|热血|青春|电竞|夺冠|开场|高潮")
_CAUSED = re.compile(r"发生|引发|导致|造成|引起|突发")


def figurative(text: str, start: int, word: str) -> bool:
    """Whether the disaster word ``word`` at ``start`` is net-speak for a feeling, a degree or a flop
    (心态爆炸, 辣到爆炸, 听歌听到中毒, 直播翻车, 时间冲突, 跳楼价, 我当场去世, 社会性死亡), not an event."""
    before = text[max(0, start - 8):start]
    if _AS_AFTER.match(text, start + len(word)) is not None and _AS_BEFORE.search(
            text, _begins(_CLAUSE_END, text, start, 12), start) is not None:
        return True  # 房间跟地震一样, 像被车撞了似的: a simile
    if word == "爆炸":
        return (_BLOWN_UP.search(before) is not None or before.endswith("宇宙大")
                or _EXPLOSIVE.match(text, start + 2) is not None)
    if word == "中毒":
        clause = _begins(_CLAUSE_END, text, start, 12)
        if _DEEP.match(text, start + 2) is not None or _DEVICE.search(text, clause, start) is not None:
            return True  # 中毒太深 (hooked), 电脑中毒了 (a virus)
        lead = text[_sentence(text, start)[0]:start]
        return _HOOKED.search(lead) is not None and _TAKEN_IN.search(lead) is None
    if word == "罢工":
        # the thing may be named a clause before (我的破钥匙又打不开门了，是要彻底罢工吗)
        lo = max(_sentence(text, start)[0], start - 24)
        thing = _DEVICE.search(text, lo, start) or _BODY_PART.search(text, lo, start)
        return thing is not None and _STRIKERS.search(text, lo, start) is None
    if word == "翻车":
        sentence, end = _sentence(text, start)
        return _VEHICLE.search(text, sentence, start) is None and _VEHICLE.search(text, start + 2, end) is None
    if word == "冲突":
        return _SCHEDULE.search(before) is not None
    if word == "燃爆":  # 电竞魂今晚燃爆了, 全场燃爆: hype; 仓库发生燃爆, 化工厂燃爆 are the accident
        clause = _begins(_CLAUSE_END, text, start, 16)
        # 燃爆！ opening its clause is an exclamation (燃爆！村篮球总决赛5万人看球); 化工厂燃爆！ names what blew up
        exclaimed = (start == 0 or clause == start) and text.startswith(("！", "!"), start + 2)
        return exclaimed or (_HYPED.search(text, clause, start) is not None
                             and _CAUSED.search(text, max(0, start - 4), start) is None)
    if word == "跳楼":
        return text.startswith(("价", "甩卖", "大甩卖", "清仓"), start + len(word))
    if word == "大火":
        return _COOKING.match(text, start + 2) is not None or _HEAT.search(text, *_sentence(text, start)) is not None
    if word == "聚集":
        return _GATHERING_PLACE.match(text, start + 2) is not None
    if word == "地震":
        return _SEISMIC.match(text, start + 2) is not None
    if word == "死亡" and (_DEATH_IDEA_BEFORE.search(before) is not None
                         or _DEATH_IDEA_AFTER.match(text, start + 2) is not None):
        return True
    if word == "打死" and _NEVER.match(text, start + 2) is not None and not text.endswith("非", 0, start):
        return True  # 打死不回家, 打死我也不信: "never", no one killed (非打死不可 is a threat)
    if word in _FIGURATIVE_DEATH or word in ("被杀", "杀"):
        if _TIMES.match(text, start + len(word)) is not None:
            return True  # 被杀了二十次, 死了无数次: a game or a way of speaking; no one dies twice
        return word in _FIGURATIVE_DEATH and (_OWN_DEATH.search(before) is not None
                                              or before.endswith(("社会性", "社")))
    return False


# An athlete's injury in the game (主力前锋十字韧带受伤，赛季报销: sport in the sentence) is the team's matter; not
# where the injury's clause names pupils, spectators or the public (体育课上学生受伤, 看台上球迷受伤), nor where the
# sentence tells of an accident or a fight.
_SPORT = re.compile(r"赛季|比赛|赛场|联赛|世界杯|欧洲杯|奥运|球队|主队|客队|俱乐部|球员|前锋|后卫|中场|门将|中锋|球星|"
                    r"外援|主力|替补|队长|韧带|伤停|伤病|报销|伤退|伤愈|复出|NBA|CBA|中超|英超|西甲|意甲|德甲")
_NOT_ATHLETES = re.compile(r"学生|孩子|小学|中学|学校|体育课|运动会|观众|球迷|看台|群众|市民|游客|工人|路人|儿童")
# An accident at a game (摄像机坠落造成7人受伤, 看台坍塌) hurts whoever is there: it stays an injury.
_ACCIDENT_AT_GAME = re.compile(r"坠落|坠下|倒塌|坍塌|垮塌|踩踏|爆炸|起火|火灾|事故|砸|撞|挤|骚乱|斗殴|冲突")
# A death that is no casualty the office answers for: an animal's (我家狗狗去世了; not 被狗咬死), an elder's told
# with 享年 and nothing of an accident, a crime or a hospital (爷爷在老家去世，享年92岁), and a death's anniversary
# (坠机去世一周年, 逝世十周年).
_ANIMAL = re.compile(r"(?:狗狗|小狗|狗子|猫咪|小猫|猫猫|宠物|鹦鹉|仓鼠|兔子|金鱼|乌龟|蚊子|苍蝇|蟑螂|虫子|老鼠|[猫狗])"
                     r"[^，,。；;！!？?\n咬扑抓]{0,6}$")
# 只 counts animals, never people (打死一只大蚊子, 一只受伤的蝙蝠, 救助受伤候鸟200余只), but for a hand, a foot, an eye
# or an ear (砍伤一只手).
_ANIMAL_COUNT = re.compile(r"(?:了)?[^，,。；;！!？?\n\d一两几三]{0,3}?(?:一|两|几|三|\d+)(?:余|多)?"
                           r"只(?![手脚眼耳胳腿])")
_COUNTED_ANIMAL = re.compile(r"(?:一|两|几|三|\d+)只(?![手脚眼耳胳腿])[^，,。；;！!？?\n]{0,8}$")
# A thing gone missing (快递半路失踪了, 行李丢失) is no missing person.
_THING_LOST = re.compile(r"(?:快递|包裹|件|手机|钱包|行李|自行车|电动车|车子|宠物|猫|狗|狗狗|猫咪|文件|钱|货)"
                         r"(?:半路|突然|莫名|莫名其妙|又|竟然|居然|都|也|直接)?$")
_AGED = re.compile(r"享年|寿终正寝|安详")
_NOT_NATURAL = re.compile(r"事故|车祸|遇难|溺|坠|火(?!化)|爆炸|被|杀|砍|捅|打|医院|抢救|医生|治疗|误诊|手术|护理|"
                          r"养老院|敬老院|福利院|欠|讨|纠纷|维权")
# A family member's death told as a circumstance of the writer's life (我父亲去世后没有任何收入, 母亲过世多年): no
# casualty, where nothing of an accident, a crime, a hospital or a dispute is in the sentence (_NOT_NATURAL).
_KIN = re.compile(r"(?<!小)(?:父亲|母亲|爸爸|妈妈|爷爷|奶奶|外公|外婆|姥姥|姥爷|丈夫|妻子|老伴|老公|老婆|公公|婆婆|"
                  r"岳父|岳母|哥哥|弟弟|姐姐|妹妹|儿子|女儿)[^，,。；;！!？?\n:：@/]{0,4}$")
# The dead as a category of a record (28名已去世人员的低保金未及时停发, 死亡人员的养老金): benefits still paid, no
# casualty.
_ON_RECORD = re.compile(r"(?:人员|者|老人)?的?[^，,。；;！!？?\n]{0,2}"
                        r"(?:低保|养老金|养老保险|待遇|补贴|补助|社保|医保|抚恤|工资|名单|户口|户籍|账户|信息)")
# A death asked about or provided for as a matter of procedure (在外地去世的老人能否在本地办理火化？参保人员去世后，
# 家属可申领丧葬补助金): a policy's case, no casualty.
_PROCEDURE_AFTER = re.compile(r"[^。；;！!？?\n]{0,14}?(?:能否|可否|如何|怎么|怎样|是否|可以|可)[^。；;！!？?\n]{0,10}?"
                              r"(?:办理|申请|申领|领取|火化|安葬|注销|销户|继承|提取|报销)")
_ANNIVERSARY = re.compile(r"(?:[一二两三四五六七八九十百\d]+)?周年|忌日")
_NATURAL_DEATH = frozenset({"去世", "离世", "逝世", "病逝", "辞世", "仙逝", "过世", "走了", "死", "死了", "死亡"})


def no_casualty(text: str, start: int, word: str) -> bool:
    """Whether the death word ``word`` at ``start`` tells of no casualty the office answers for: an animal's
    death (狗狗今天去世了), an elder's natural death told with 享年, a death's anniversary (去世一周年); or the
    missing word ``word`` of a thing lost (快递半路失踪了)."""
    end = start + len(word)
    if _KIND.get(word) == "hurt" or word[-1:] == "伤":
        # an animal hurt (一只受伤的蝙蝠), by its count; not a person an animal hurt (狗伤人, 被狗咬伤)
        return word not in ("伤人", "咬伤") and (_ANIMAL_COUNT.match(text, end) is not None
                                               or _COUNTED_ANIMAL.search(text, max(0, start - 12), start) is not None)
    if _ANIMAL.search(text, max(0, start - 10), start) is not None and word not in ("咬死", "咬伤"):
        return True
    if _ANIMAL_COUNT.match(text, end) is not None or _COUNTED_ANIMAL.search(text, max(0, start - 12), start):
        return True
    if word in ("失踪", "失联", "下落不明"):
        return _THING_LOST.search(text, max(0, start - 8), start) is not None
    if _ANNIVERSARY.match(text, end, end + 5) is not None:
        return True
    if word in _NATURAL_DEATH:
        sentence, stop = _sentence(text, start)
        return _NOT_NATURAL.search(text, sentence, stop) is None and (
            _PROCEDURE_AFTER.match(text, end) is not None
            or _AGED.search(text, sentence, stop) is not None
            or _KIN.search(text, max(sentence, start - 6), start) is not None
            or _ON_RECORD.match(text, end) is not None)
    return False


# A work's title is short and tells no count of people; a news headline a post passes on in 《》 (转发《我市一工地坍塌致
# 3人死亡》, 《武汉一对夫妇10天内先后去世，家属称……》) is longer, or counts people, or runs to a second clause.
TITLE_CHARS = 12
_HEADLINE_IN_TITLE = re.compile(rf"[，,。；;：:！!？?]|{_NUM}(?:余|多)?(?:人|名|位|个人)")


def in_title(text: str, start: int) -> bool:
    """Whether ``start`` is inside the title of a work (《死亡诗社》, 《生活大爆炸》, 《一个死者对生者的访问》): a name,
    no event; not a news headline passed on in 《》."""
    opened = text.rfind("《", max(0, start - TITLE_CHARS), start)
    if opened < 0 or "》" in text[opened:start]:
        return False
    closed = text.find("》", start, opened + TITLE_CHARS + 2)
    return closed >= 0 and _HEADLINE_IN_TITLE.search(text, opened, closed) is None


# Words of a claim going round used in another sense: 听说过 (heard of), 没听说, 一听说 (on hearing); 在群里说话
# (to speak); 在听讲, 听讲座 (a lecture); 不经科学求证 (to verify, not to ask); 广为流传, 流传至今 (a tradition).
# A claim passed on is 听说……, 群里说……, 求证：……, 网上流传…….
_NOT_A_CLAIM: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    # 以前听说办证要等好久: what one used to hear, recalled beside what came true instead
    "听说": (re.compile(r"(?:没|没有|未|从未|从没|一|(?:以前|之前|过去|原来|早先)(?:总|常|老|也|都|一直)?)$"),
             re.compile(r"过")),
    "听人说": (re.compile(r"(?:没|没有|未|从未|从没|(?:以前|之前|过去|原来|早先)(?:总|常|老|也|都|一直)?)$"),
               re.compile(r"过")),
    # 我是不是真的不适合读研: the writer doubting themself, no claim checked
    "是不是真的": (re.compile(r"(?:我|自己)$"), None),
    # 我妈在家族群里说我像个伢崽: words about the writer, no claim passed on (群里说我们小区 is one)
    "群里说": (None, re.compile(r"话|我(?!们)")),
    "朋友圈说": (None, re.compile(r"话|我(?!们)")),
    "有人说": (None, re.compile(r"话|我(?!们)")),
    "听讲": (re.compile(r"(?:在|认真|专心|注意)$"), re.compile(r"座")),
    "求证": (re.compile(r"(?:科学|经过|进行|加以|多方|反复|不经)$"), None),
    "流传": (re.compile(r"(?:广为|民间|世代|千百年来|自古|历代)$"), re.compile(r"至今|下来|已久|千古|开来")),
    # 有没有知道的朋友说一下 (where to buy 浆水): a help request, as 有没有人知道哪里能办证 is
    "有没有知道的": (None, re.compile(r"(?:朋友|人|大佬|宝子|姐妹|老铁|家人|老乡|邻居)们?[^，,。；;！!？?\n]{0,4}?"
                                 r"(?:说一下|说说|告诉|推荐|指点|指个路|分享|帮忙|回复|私信)")),
}


# A count of complaints, faults or accidents that fell (投诉量下降九成, 事故起数同比下降, 困人故障同比下降六成): what
# is counted, and its fall. In a headline the fall is a good outcome done (_OUTCOME) and the counted thing is what
# was settled (_SETTLED_OBJECT).
_COUNTS_THAT_FALL = ("量", "数", "率", "故障", "投诉")
_FELL = r"(?:同比|环比|连续[^，,。；;！!？?\s]{1,5}|持续|大幅|明显)?(?:下降|减少)"
# Complaints that fell (投诉量同比下降, 游客投诉量较前年下降, “虚假办结”投诉下降六成): a count, no complaint made
# (_NOT_A_COMPLAINT below).
_COMPLAINTS_FELL = re.compile(r"(?:量|数|率|件数|总量)?(?:较[^，,。；;！!？?\s]{1,4}|比[^，,。；;！!？?\s]{1,4})?"
                              + _FELL)

# Complaint cues used in another sense: 不满三岁, 不满一年 (under an amount); 想打人, 打人的冲动 (an urge); a photo's
# or a product's 曝光 (剧照曝光, 谍照曝光) and the camera's (曝光度, 曝光补偿); a device's 强制关机; 过期中考 (过 +
# 期中); 无污染 (none); a story's 烂尾 (剧烂尾了, 烂尾结局: _STORY below). The complaint is 对服务不满, 学位不满足规划,
# 城管打人, 被媒体曝光, 强制拆迁, 强制性消费, 过期食品, 排放污染.
# Where to report or complain (举报电话：12345, 投诉热线, 举报奖励): an invitation a notice gives, no complaint made,
# unless someone called it (打了投诉电话, 打咨询投诉电话) and was not asked to (请拨打, 可拨打: _INVITED).
_INVITING = re.compile(r"电话|热线|邮箱|信箱|方式|渠道|途径|奖励|箱")
_REPORTED = frozenset({"举报", "投诉"})
_CALLED = re.compile(r"(?:打|拨|拨打|打了|打过|打个|拨了|拨过|找了|找过|用了)[^，,。；;！!？?\s\d]{0,3}$")
_NOT_A_COMPLAINT: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    # satisfaction asked or guaranteed (回访问我满意不满意, 对“不满意”诉求一律重新派单, 群众不满意的重新派单, 拍照不满意
    # 还给重拍): a service's check of itself; 对处理结果不满意 and 充满不满 are complaints (满不满意: not_a_complaint)
    "不满": (re.compile(r"满意$"), re.compile(r"\d|[一两二三四五六七八九十半百几]|周岁"
                                            r"|意”?的?(?:诉求|事项|工单|重新派单|重新办理)"
                                            r"|意(?:就|可|包|免费|还给|还|都)?(?:重拍|重做|退款|退钱|退货|免单|包退|包换)")),
    # complaints or petitions counted as they fell (投诉量同比下降, 越级上访明显减少)
    "投诉": (None, _COMPLAINTS_FELL),
    "上访": (None, _COMPLAINTS_FELL),
    "举报": (None, _COMPLAINTS_FELL),
    "打人": (re.compile(r"想$"), re.compile(r"的冲动|的心")),
    "曝光": (re.compile(r"(?:照|照片|剧照|海报|谍照|预告|预告片|定妆照|造型|街拍|路透|新品|外观|真机|配置)"
                      r"(?:也|又|再次|首次|正式|被|都)?$"), re.compile(r"度|率|补偿|时间|频率|模式|不足|过度|值")),
    "强制": (None, re.compile(r"关机|重启|退出|删除|下线|刷机")),
    "过期": (None, re.compile(r"中|末")),
    "污染": (re.compile(r"[无零]$"), None),
    "被指": (None, re.compile(r"[定派导挥引点明向标认名]")),
}
# A story's 烂尾 (追的剧烂尾了, 这什么烂尾结局): a post about a drama, a novel or a film, with no building, road or
# project next to the word, is about its ending.
_STORY = re.compile(r"剧|结局|小说|漫画|动漫|追番|电影|编剧|作者")
_BUILT = re.compile(r"楼|房|小区|工程|项目|公路|道路|桥|学校|医院|工地|商场|广场|公园")
# What a notice forbids (不要擅自接近电力线路, 严禁违规用火): an instruction, no one's complaint.
_FORBIDDING = re.compile(r"(?:不要|不得|严禁|禁止|请勿|切勿|不准|谨防)[^，,。；;！!？?\s]{0,3}$")
# The work against a problem, with the problem its object: cleared, screened, punished (清理违规广告牌,
# 筛查围标串标线索) or the campaign, system or rules named after it (违规吃喝专项整治, 围标串标智能预警系统,
# 违纪违规行为处理规定); not when the work is denied (违规收费问题仍未整治).
_AGAINST_BEFORE = re.compile(r"(?:清理|整治|查处|筛查|打击|治理|取缔|纠治|严查|排查|惩治|防范|预防|防止)"
                             r"[^，,。；;！!？?\s]{0,2}$")
_AGAINST_AFTER = re.compile(r"(?:(?![未没不仍])[^，,。；;！!？?\s]){0,6}?"
                            r"(?:专项整治|专项治理|专项行动|智能预警|预警系统|监测系统|处理规定|管理办法|处理办法|线索)")
# A provision's case with its penalty (违规野外用火的，将依法予以处罚); not 违规收费的，由谁来管 (a question).
_PENALTY_CASE = re.compile(r"[^，,。；;！!？?\n]{0,16}?的[，,](?:将|一律|均|并)?"
                           r"(?:依法|予以|追究|处以|从严|责令|没收|罚款)")


def not_a_complaint(text: str, start: int, word: str) -> bool:
    """Whether the complaint cue ``word`` at ``start`` is used in another sense than a complaint (不满三岁, 想打人,
    剧照曝光, 强制关机, 无污染, a story's 烂尾, 满意不满意, 投诉同比下降, 不要擅自, 违规吃喝专项整治) or is net-speak
    (:func:`figurative`: 电脑中毒了)."""
    if word in _REPORTED and _INVITING.match(text, start + len(word)) is not None:
        return (_CALLED.search(text, max(0, start - 7), start) is None
                or _INVITED.search(text, max(0, start - 16), start) is not None)
    before, after = _NOT_A_COMPLAINT.get(word, (None, None))
    return ((before is not None and before.search(text, max(0, start - 6), start) is not None)
            or (after is not None and after.match(text, start + len(word)) is not None)
            or (word == "中毒" and figurative(text, start, word))
            or (word == "烂尾" and _STORY.search(text) is not None
                and _BUILT.search(text, max(0, start - 8), start + len(word) + 8) is None)
            # 满不满意: satisfaction asked, the one reading of 不满 that needs both its sides
            or (word == "不满" and text.endswith("满", 0, start) and text.startswith("意", start + 2))
            or _FORBIDDING.search(text, max(0, start - 6), start) is not None
            or _AGAINST_BEFORE.search(text, max(0, start - 4), start) is not None
            or _AGAINST_AFTER.match(text, start + len(word)) is not None
            # a provision's case (违规野外用火的，将依法处罚): what the rule does if it happens
            or _PENALTY_CASE.match(text, start + len(word)) is not None)


def not_a_claim(text: str, start: int, word: str) -> bool:
    """Whether the rumour word ``word`` at ``start`` is used in another sense than a claim passed on (听说过,
    在群里说话, 认真听讲, 不经科学求证, 广为流传)."""
    before, after = _NOT_A_CLAIM.get(word, (None, None))
    return ((before is not None and before.search(text, max(0, start - 4), start) is not None)
            or (after is not None and after.match(text, start + len(word)) is not None))


# History: an event the sentence sets before 1950 or in a past era (1886年，塞尚的父亲去世; 民国元年……开枪自杀; 遭日军
# 枪杀); not decades ago (23年前灭门案告破, 20年前一村民被打致死，立案与否没说法: a past the office still answers for).
_HISTORY = re.compile(r"(?<!\d)(?:1[0-8]\d\d|19[0-4]\d)年|民国|清朝|清末|明朝|宋朝|唐朝|汉朝|古代|古时候|抗战|"
                      r"抗日战争|二战|日军|解放前")
HISTORY_CHARS = 40


def historical(text: str, start: int) -> bool:
    """Whether the sentence holding ``start`` sets its event in history (:data:`_HISTORY`) in the ``HISTORY_CHARS``
    characters before it."""
    return _HISTORY.search(text, max(_sentence(text, start)[0], start - HISTORY_CHARS), start) is not None


def not_here_and_now(text: str, start: int, word: str, death: bool) -> bool:
    """Whether the event word ``word`` at ``start`` tells of no event the office answers for, here and now: net-speak
    (:func:`figurative`), an event the sentence places elsewhere (:func:`elsewhere`), for a death or a
    disappearance (``death``) no casualty (:func:`no_casualty`), a word of a work's title (:func:`in_title`) or an
    event of history (:func:`historical`). One reading for the facts and the signals."""
    return (figurative(text, start, word) or elsewhere(text, start) or (death and no_casualty(text, start, word))
            or in_title(text, start) or historical(text, start))


_KIND_OF_PROBLEM = re.compile(r"等(?:问题|现象|情况|行为|不文明)")
_UNHARMED = re.compile(r"[^，,。；;！!？?\n]{0,6}?(?:无大碍|并无大碍|无碍|安然无恙|身体无恙|无异常|一切正常)")


# A service that eases care for whom it names (方便上班族就医, 便于群众就近住院).
_EASED = re.compile(r"(?:方便|便于|便利|便民|让|帮助)[^，,。；;！!？?\s]{0,6}$")
# Care as the business of insurance and hospitals (异地就医备案, 住院费用直接结算, 就医流程, 入院手续): no patient.
_CARE_BUSINESS_AFTER = re.compile(r"(?:直接|即时|实时)?(?:备案|结算|报销|费用|手续|流程|服务|指南|秩序|环境|体验|需求|"
                                  r"负担|保障|待遇|政策|补助|床位|起付|押金)")


def not_a_harm(text: str, start: int, word: str) -> bool:
    """Whether 受伤/伤 at ``start`` is hurt feelings (很受伤, 太伤了), not a wound, or an athlete's injury in the game
    (前锋十字韧带受伤，赛季报销); or 自杀/轻生 a thought, a risk or its prevention (自杀倾向, 轻生念头, 自杀干预热线),
    not a deed."""
    if _KIND_OF_PROBLEM.match(text, start + len(word)) is not None:
        return True  # 犬只伤人等问题, 防止溺水、受伤等情况: a kind of problem a rule or a campaign names, no one hurt
    if word in ("自杀", "轻生"):
        return _NO_DEED_AFTER.match(text, start + len(word)) is not None
    if word == "伤人":
        return _FEELING_BEFORE.search(text, max(0, start - 2), start) is not None  # 好伤人, 太伤人了: hurtful
    if word == "流血":  # 鼻子流血 from the dry air, a nosebleed: no wound
        return text.endswith(("鼻子", "鼻"), max(0, start - 3), start)
    if word in ("送医", "入院", "就医") and _UNHARMED.match(text, start + len(word)) is not None:
        return True  # 经送医检查无大碍: checked and unharmed
    if word in ("就医", "入院", "住院") and _EASED.search(text, max(0, start - 8), start) is not None:
        return True  # 方便上班族就医, 便于群众就医: a service that eases care, no patient
    if word in ("就医", "入院", "住院") and (text.endswith("异地", 0, start)
                                         or _CARE_BUSINESS_AFTER.match(text, start + len(word)) is not None):
        return True  # 异地就医备案, 住院费用直接结算: the business of care, no patient
    if word not in ("受伤", "伤", "伤者", "重伤", "轻伤"):
        return False
    if word in ("受伤", "伤") and _FEELING_BEFORE.search(text, max(0, start - 2), start) is not None:
        return True
    if word == "受伤" and _FEELING_AFTER.match(text, start + 2) is not None:
        return True
    sentence, end = _sentence(text, start)
    clause = _begins(_CLAUSE_END, text, start, 40)
    stop = _CLAUSE_END.search(text, start)
    return (_SPORT.search(text, sentence, end) is not None and _ACCIDENT_AT_GAME.search(text, sentence, end) is None
            and _NOT_ATHLETES.search(text, clause, stop.start() if stop else len(text)) is None)


def irrealis(text: str, start: int, end: int, near_miss: bool = True) -> bool:
    """Whether the trigger at ``text[start:end]`` speaks of what did not or may yet happen.
    ``near_miss``: whether 差点 undoes it (a near death is no death; an attempted abduction is a crime)."""
    clause = _begins(_CLAUSE_END, text, start, 40)
    if _MODAL.search(text, clause, start) is not None or _CONDITION.search(text, clause, start) is not None:
        return True
    if near_miss and _NEAR_MISS.search(text, clause, start) is not None:
        return True
    if _CURSE.search(text, max(0, start - CURSE_CHARS), start) is not None:
        return True
    if _SEQUEL.match(text, end) is not None:
        return True
    return _in_drill(text, start, end)


def rectified(text: str) -> bool:
    """Whether the headline of ``text`` (``title。body``: its first sentence) reports a rectification done
    (完成安全整改通过验收), in a report that calls no one to account (no 调查报告, 问责, 责任人)."""
    head = _SENTENCE_ENDS.match(text)
    lo = head.end() if head else 0
    stop = _SENTENCE_END.search(text, lo)
    hi = stop.end() if stop else len(text)  # with its stop: 整改到位了吗？
    return (_RECTIFIED.search(text, lo, hi) is not None and _NOT_DONE.search(text, lo, hi) is None
            and _RECKONING.search(text) is None)


def rectified_background(text: str, start: int) -> bool:
    """Whether the word at ``start`` is told, in a report of a rectification done (:func:`rectified`), in a
    sentence of its own that opens with its date (今年6月，园区一企业发生爆炸事故，造成2人死亡): what led
    to the rectification, no emergency now. Call only when ``rectified(text)``."""
    sentence, end = _sentence(text, start, back=120)
    return sentence > 0 and _DATED.match(text, sentence) is not None and _STILL.search(text, sentence, end) is None


def recalled(text: str, start: int) -> bool:
    """Whether the clause holding ``start`` sets what is there in another year or long ago, before a repair or a
    rectification that is done (原来塌方的路段新建了挡墙), or in a sentence that opens by recalling and tells nothing
    of now (此前，一住户私改燃气管道发生爆燃)."""
    clause = _begins(_CLAUSE_END, text, start, 40)
    if _RECALLED.search(text, clause, start) is not None:
        return True
    if rectified(text) and rectified_background(text, start):
        return True
    if _NOW.search(text, clause, start) is not None:
        return False
    sentence = _begins(_SENTENCE_END, text, start, 80, 0)
    if _BEFORE_REPAIR.search(text, clause, start) is not None:  # 整治前常起火的市场
        return True
    if _BEFORE_REPAIR_OPENS.match(text, sentence) is not None:  # (该市场)整治前，这里经常发生火灾
        return True
    stop = _SENTENCE_END.search(text, start)
    end = stop.start() if stop else len(text)
    if (_OPENS_RECALLING.match(text, sentence) is not None and _NOW.search(text, sentence, end) is None
            and _NOW_TOLD.search(text, sentence, end) is None):
        return True
    if _BEFORE_NOW.search(text, clause, start) is None:
        return False
    return _REPAIRED.search(text, sentence, end) is not None


# A procedure done to someone before spoken words of death (做胆囊手术，术后第二天人就走了; 打完针人就没了): a death
# in the hands of a hospital is a death, as one after an accident is. Not 抢救 or 住院 alone (抢救了三个小时，人已经
# 不行了: the sick die in care).
_TREATMENT = re.compile(r"手术|术后|麻醉|打针|打完针|输液|开刀|吊针|吊水|挂水|点滴|注射|打疫苗")


def _after_treatment(text: str, start: int) -> bool:
    """Whether care (:data:`_TREATMENT`) is told before ``start``, in its sentence or the one before."""
    return _TREATMENT.search(text, _sentences_back(text, start, 2, 120), start) is not None


def _sentences_back(text: str, start: int, sentences: int, chars: int) -> int:
    """Where the ``sentences``-th sentence before ``start`` (counting its own) begins, looking back at most ``chars``
    characters. A run of stops (？？, ！！！) ends one sentence."""
    lo = max(0, start - chars)
    ends = [m.end() for m in _SENTENCE_ENDS.finditer(text, lo, start)]
    return ends[-sentences] if len(ends) >= sentences else lo


def _after_accident(text: str, start: int) -> bool:
    """Whether an accident or violence is told before ``start``, in its sentence or the two before
    (a witness tells the blast, then the fire engines, then the rumour of the dead: 巨响。……消防车往那边开。
    上个月不是才炸过一次吗？听说这次有人没出来). A run of stops (？？, ！！！) ends one sentence."""
    begin = _sentences_back(text, start, 3, 160)
    return any(not _negated(text, m.start()) for m in _ACCIDENT.finditer(text, begin, start))


def _asked(text: str, start: int) -> str | None:
    """The words of a headline asking whether what the fact at ``start`` tells happened (是不是打群架了？),
    else None: the teller passes on a claim they cannot confirm."""
    head = _SENTENCE_ENDS.match(text)  # the headline: the title, else the text's first sentence
    lo = head.end() if head else 0
    stop = _SENTENCE_END.search(text, lo)
    if stop is None or not lo <= start < stop.start() or stop.group(0) not in "？?":
        return None
    m = _ASKING.search(text, lo, start)
    return f"{m.group(0)}……？" if m is not None else None


def _vital_generic(text: str, start: int, end: int) -> bool:
    """Whether the words of no signs of life at ``text[start:end]`` speak of any casualty in a first-aid
    lesson (判断有无生命体征, 对无生命体征者, 如伤员无生命体征时), not of someone found dead."""
    clause = _begins(_CLAUSE_END, text, start, 40)
    return (_VITAL_ASKED.search(text, clause, start) is not None or _VITAL_IF.search(text, clause, start) is not None
            or _VITAL_SEQUEL.match(text, end) is not None)


def _spoken_missing(text: str, start: int, end: int, word: str) -> bool:
    """Whether the spoken words of people missing at ``text[start:end]`` speak of people after an
    accident (有人没出来), not of a result not out yet or someone not coming out to speak."""
    if not _after_accident(text, start):
        return False
    clause = _begins(_CLAUSE_END, text, start, 40)
    if _THING_BEFORE.search(text, clause, start) is not None:
        return False
    if word.endswith("找到"):
        return _CULPRIT.search(text, clause, start) is None and _MISSING_AFTER.match(text, end) is None
    return word.startswith("生死") or _MISSING_AFTER.match(text, end) is None


def _evacuated(text: str, denied: tuple[tuple[int, int], ...]) -> tuple[int, str] | None:
    """How many people are (to be) moved out of danger, with the words; 1 when no count is given.
    A planned evacuation counts (下游几个村要转移: the desk acts on it); a negated one (无需转移) or a
    drill does not."""
    if _EVAC_ANY.search(text) is None:  # most items name no evacuation: skip the scan
        return None
    best: tuple[int, str] | None = None
    for m in _EVACUATED.finditer(text):
        if (denied and _inside(denied, m.start())) or _negated(text, m.start()):
            continue
        if _in_drill(text, m.start(), m.end()):
            continue
        lo = max(_begins(_SENTENCE_END, text, m.start(), 80, 0), m.start() - 16)
        clause_end = _CLAUSE_END.search(text, m.end())
        hi = min(m.end() + 16, clause_end.start() if clause_end else len(text))
        n, words = 1, m.group(0)
        for c in _EVAC_COUNT.finditer(text, lo, hi):
            value = chinese_number(c.group("n"))
            if value and value > n:
                n, words = value, text[min(c.start(), m.start()):max(c.end(), m.end())]
        if best is None or n > best[0]:
            best = (n, words)
    return best


def _hazard(text: str, denied: tuple[tuple[int, int], ...]) -> str | None:
    """The words of a danger at a dam, a reservoir or an embankment (水库大坝出现裂缝), or None."""
    if _HAZARD_ANY.search(text) is None:  # no water work and no 溃坝-like word: no danger
        return None
    for d in _DANGERS.finditer(text):
        start, word = d.start(), d.group(0)
        if (denied and _inside(denied, start)) or _negated(text, start) or irrealis(text, start, d.end()):
            continue
        if word in _SELF_HAZARD:
            return word
        clause = _begins(_CLAUSE_END, text, start, 30)
        stop = _CLAUSE_END.search(text, d.end())
        works = _water_work(text, clause, d.start()) or _water_work(text, d.end(), stop.start() if stop else len(text))
        if works is not None:
            a, b = sorted((works.start(), start))
            return text[a:max(works.end(), d.end())] if b - a <= 16 else f"{works.group(0)}{word}"
    return None


def _water_work(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first water work named between ``lo`` and ``hi``, not as the people it moved (水库移民安置点: a
    resettlement site, no dam)."""
    return next((w for w in _WORKS.finditer(text, lo, hi) if not text.startswith("移民", w.end())), None)


def _inside(spans: tuple[tuple[int, int], ...], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


# None of it happened, told further back in the clause (全市未发生一起因欠薪引发的群体性事件, 连续三年没有发生较大以上
# 生产安全事故).
_NONE_HAPPENED = re.compile(r"(?:未发生|没有发生|没发生|未出现|没有出现|零发生)过?(?:一起|一例|任何)?"
                            r"[^，。！？,.!?；;]{0,14}$")


def _negated(text: str, start: int) -> bool:
    # 不, 别 or 没 right before the word deny or forbid it (保证不打死你, 别杀人, 没受伤), as 没有 and 未 a few
    # words back do.
    return (_NEGATION.search(text, max(0, start - 8), start) is not None
            or (start > 0 and text[start - 1] in _DENIED_BEFORE)
            or _NONE_HAPPENED.search(text, max(0, start - 24), start) is not None)


def _ordinal_or_name(before: str, m: re.Match[str]) -> bool:
    """第二 is an order, not a count; 二人民医院 is a name (市第二人民医院新住院楼 counts no one);
    百姓 and 百货 are words, 万一 a condition, 千万别 an adverb; 120 and 110 uncounted are the
    emergency lines (经120现场确认已死亡 is one death)."""
    number = m.group(0)
    if number in _HOTLINES and before[m.end():m.end() + 1] not in "余多名人个位":
        return True
    return ((m.start() > 0 and before[m.start() - 1] == "第") or before.startswith("人民", m.end())
            or (number[-1] == "百" and before[m.end():m.end() + 1] in _AFTER_HUNDRED)
            or number[0] == "万" or (number == "千万" and before[m.end():m.end() + 1] not in "余多名人"))


def _count_before(before: str, plain_ok: bool = True) -> tuple[int, int] | None:
    """(count, where it starts) of the number closest before a trigger that counts people (两人,
    三名, 十余名矿工, 一家三口); a bare number (从5楼坠亡 is not five dead) only when none does and
    ``plain_ok`` (not for a gathering: 百姓维权, 一直上访, 8:30堵在, 二环堵了 count no crowd);
    else a count of people in an earlier clause of the sentence."""
    people = plain = None
    for m in _NUM_RE.finditer(before):
        if _ordinal_or_name(before, m):
            continue
        tail = _TAIL_BEFORE.match(before, m.end())
        if tail is None:
            continue
        if tail.group("u") or tail.group("w") or m.group(0)[-1] in "名人" or (
                m.group(0)[-1] == "个" and _NOT_A_HEAD.match(before, m.end()) is None):
            people = m  # 上百名业主从早上八点开始就聚集在……: counted people, a few words away
        elif ((plain_ok or m.group(0) in _GROUP_AMOUNTS) and plain is None and len(tail.group("gap")) <= 8
              and before[m.end():m.end() + 1] not in _NOT_PEOPLE):
            plain = m
    m = people or plain
    if m is None:
        for m in _NUM_RE.finditer(before):
            if not _ordinal_or_name(before, m) and _PEOPLE_EARLIER.match(before, m.end()):
                people = m
        m = people
    if m is None:
        return None
    n = chinese_number(m.group(0))
    return (n, m.start()) if n else None


def _count_at(text: str, start: int, end: int, word: str) -> tuple[int, str] | None:
    """The count of people a trigger word at ``text[start:end]`` speaks of, with the words."""
    lo = max(0, start - 32)
    before = text[lo:start]
    if word == "死":
        if before[-1:] in _WAY_OF_SPEAKING:
            return None  # 笑死了好几个, 累死人了
        m = _DEAD_HURT.search(before)
        if m is not None:
            n = chinese_number(m.group("n"))
            return (n, text[start - len(m.group(0)):end]) if n else None
        after = _COUNT_AFTER.match(text, end, end + 14) or _DEAD_COUNT.match(text, end, end + 8)  # 死了两个(人)
        n = chinese_number(after.group("n") or after.group("m")) if after is not None else None
        return (n, text[start:after.end()]) if after is not None and n else None
    if word != "伤":
        # A gathering's bare number counts only with its people named after the word (百余示威者); so does
        # a stay in hospital's (一民营医院被曝诱导住院 counts no one: 2名学生住院 does).
        found = _count_before(before, (_KIND.get(word) not in ("gather", "crowd") and word not in _ADMITTED)
                              or _GATHER_WHO_AFTER.match(text, end) is not None)
        if found is not None:
            return found[0], text[lo + found[1]:end]
    m = _COUNT_AFTER.match(text, end, end + 14)
    if m is not None:
        n = chinese_number(m.group("n"))
        if n:
            return n, text[start:m.end()]
    return None


@dataclass(frozen=True, slots=True)
class Facts:
    deaths: int | None = None
    injured: int | None = None
    gathered: int | None = None
    crowd: bool = False  # the people gathered are only a crowd on the move (冲进, 涌入): no bad news by itself
    missing: int | None = None  # missing, buried or swept away (失联, 下落不明)
    # the words of a death feared or narrowly missed (迟早要出人命): no death, a warning of a danger
    feared: str | None = None
    evacuated: int | None = None  # people (to be) moved out of danger (转移群众, 疏散师生); 1 when uncounted
    evacuation: str | None = None  # the words of it (已转移群众300余人, 下游的村子要连夜转移)
    hazard: str | None = None  # the words of a danger at a dam, a reservoir or an embankment (大坝裂缝, 管涌)
    crime: str | None = None  # the words naming a crime against a person's life or liberty (绑架, 命案)
    mass_incident: str | None = None  # the words naming a mass incident
    # The words of people gathered: counted (几百人围着, ``gathered``) or a group told gathering (部分职工……聚集), not
    # a crowd on the move (``crowd``); how many make a gathering of the office's is its grading rules' choice.
    gathering: str | None = None
    rumour: str | None = None  # the words marking an unverified claim
    official: str | None = None  # why the item is an authority's own notice
    words: tuple[str, ...] = ()  # the literal evidence, in reading order
    # Offsets in ``title。text`` of claims the text denies (辟谣): no fact or signal is read there.
    denied: tuple[tuple[int, int], ...] = ()

    @property
    def adverse(self) -> bool:
        """Bad news by itself, whatever the tone: someone died, was hurt or is missing, people
        gathered, a mass incident, or an unverified claim going round (a rumour the office must check)."""
        return bool(self.deaths or self.injured or (self.gathered and not self.crowd) or self.missing
                    or self.mass_incident or self.crime or self.rumour or self.hazard)

    @property
    def only_rumour(self) -> bool:
        """A claim going round and no other bad fact (听说那个明星出轨了): bad news only if it is about a public
        matter, which the claim's words alone do not tell."""
        return self.rumour is not None and not dataclasses.replace(self, rumour=None).adverse


_NO_FACTS = Facts()


# -- official notices -----------------------------------------------------------------------------
_NOTICE = (r"(?:情况通报|警情通报|通报|情况说明|情况的说明|官方回应|回应|声明|公告|答复|回复|处理结果|调查结果|"
           r"处置情况|调查处理情况|核查处理情况|辟谣|澄清)")
# A government source's own account of a bad event told without a notice word: its mourning of the dead
# (沉痛哀悼！……致3人遇难), the police's case solved (警方破获特大电信诈骗案), the 纪委监委's case opened
# (接受纪律审查和监察调查).
_OWN_ACCOUNT = re.compile(r"哀悼|悼念|破获|侦破|纪律审查|监察调查|审查调查|立案审查")
_AUTHORITY = (r"(?:公安局|公安分局|公安|警方|派出所|交警|消防|应急管理局|应急局|人民政府|政府|管委会|指挥部|"
              r"市场监督管理局|市场监管局|卫健委|卫生健康委|教育局|住建局|住房和城乡建设局|纪委|监委|法院|检察院|"
              r"网信办|中心|局|办|委员会)")
OFFICIAL = re.compile(rf"{_AUTHORITY}[^。！？\n]{{0,12}}?{_NOTICE}|{_NOTICE}[:：]|关于[^。！？\n]{{2,40}}的{_NOTICE}")
_NOTICE_RE = re.compile(_NOTICE)
# An authority's account of an incident by its title (……的情况说明, 有关情况的说明, 警情通报, 事故调查, 处置情况):
# issued only when something went wrong (devsets/README.md: the official 通报 of a bad event is adverse; on the twenty
# sets every such title was). Not 处理结果 (a reply on a message board that the matter is done) nor a survey's 调查结果.
INCIDENT_ACCOUNT = re.compile(r"情况说明|情况的说明|情况通报|警情通报|事故调查|调查处理情况|核查处理情况|处置情况"
                              # a tender or a trade halted (关于暂停某项目招标活动的公告): halted for an objection, a
                              # complaint or a fault; three sets' authors, blind to each other, call it adverse
                              r"|(?:暂停|中止|终止)[^，,。；;！!？?\s]{0,24}(?:招标|采购|交易|开标|评标)"
                              # the same told the other way round (某工程施工招标暂停公告)
                              r"|(?:招标|采购|交易|开标|评标)(?:活动)?(?:暂停|中止|终止)")
_NOT_GIVEN = re.compile(r"(?:尚未|暂未|并未|未曾|未|没有|没|还没|拒绝|不予|不愿)[^，,。；;！!？?]{0,5}$")
OPENING = 80
# Every word find_facts scans for (its triggers, a denial, a water work or its danger, an evacuation):
# a text with none of them has no fact but perhaps an official notice. A new scan of find_facts (or
# of event_topic) adds its words here (EVENT_SCAN_WORDS), or the scorer skips it where it should run;
# tests/classifier/test_classifier_prefilter.py compares the scores with and without skipping.
FACT_SCAN_WORDS = frozenset({*_KIND, *DENIAL_WORDS, *WATER_WORKS, *_SELF_HAZARD, *_EVAC_VERBS})


def _official(title: str, text: str, government_source: bool) -> str | None:
    """Why the item is an authority's own notice, read in its title and opening; None when it is not."""
    head = f"{title}。{text[:OPENING]}"
    # The notice word first (cheap); the authority before it only then.
    if _NOTICE_RE.search(head):
        for official_m in OFFICIAL.finditer(head):
            # 交警部门尚未对此作出回应, 官方暂未通报: a notice not (yet) given is none
            words = official_m.group(0)
            notice = _NOTICE_RE.search(words, max(0, len(words) - 6))
            if notice is not None and _NOT_GIVEN.search(words, 0, notice.start()) is not None:
                continue
            return f"官方通报“{words}”"
    if government_source and (_NOTICE_RE.search(head) or _OWN_ACCOUNT.search(head)):
        return "政府/官方发布的通报"
    return None


def find_facts(title: str, text: str, government_source: bool = False, scan: bool = True,
               triggers: Sequence[int] | None = None) -> Facts:
    """The facts of one item (title + text, already cleaned). ``scan``: False when the caller knows
    that no word of FACT_SCAN_WORDS is in the text (classifier.prefilter): there is no count, claim,
    denial, danger or evacuation to read, only whether the item is an official notice. ``triggers``:
    where in ``title。text`` a word of TRIGGER_WORDS may start, when the caller knows (classifier.prefilter);
    the trigger scan tries only there."""
    if not scan:
        official = _official(title, text, government_source)
        return Facts(official=official) if official else _NO_FACTS
    joined = f"{title}。{text}"
    denied = denied_spans(joined) if _DENIAL.search(joined) else ()
    best: dict[str, tuple[int, str]] = {}
    first: dict[str, str] = {}
    feared = None
    asked: str | None = None  # a fact asked about (临沣一中门口是不是打群架了？): a claim to check
    settled = rectified(joined)
    for m in matches_at(_TRIGGER, joined, triggers):
        word, start = m.group(0), m.start()
        kind = _KIND[word]
        by = KILLED_BY if word == "死" else HURT_BY if word == "伤" else None
        if by is not None and start and joined[start - 1] in by:
            start -= 1
            word = joined[start:m.end()]
            if _THREAT.match(joined, m.end()) is not None:
                continue  # 我保证不打死你, 打死我也不信: a threat or an oath, no one killed
        if kind == "none" or (denied and _inside(denied, start)):
            continue
        if word[0] == "死" and start and joined[start - 1] in _WAY_OF_SPEAKING:
            continue  # 急死人了, 吓死人了: a way of speaking
        if kind == "hurt" and not_a_harm(joined, start, word):
            continue
        if kind == "missing" and word in _BURIED and _THING_BURIED.search(joined, max(0, start - 4), start):
            continue  # 车被埋了, 庄稼被冲走: a thing lost, no one missing
        if kind == "rumour" and not_a_claim(joined, start, word):
            continue
        if not_here_and_now(joined, start, word, kind in ("die", "missing", "hurt")):
            continue
        if kind == "gather" and (fandom(joined, start, word) or celebrating(joined, start, word)
                                 or watching(joined, start, word)):
            continue
        if kind == "spoken_death":
            # 没抢救过来 names the care it failed (产妇没抢救过来): no context needed
            if not ("抢救" in word or _after_accident(joined, start) or _after_treatment(joined, start)):
                continue
            kind = "die"
        elif kind == "care_death":
            if not _after_treatment(joined, start) or _THING_GONE.search(joined, max(0, start - 4), start):
                continue  # 做完手术，钱就没了: a thing gone, no one dead
            kind = "die"
        elif kind == "vital":
            if _vital_generic(joined, start, m.end()):
                continue
            kind = "die"
        elif kind == "spoken_missing":
            if not _spoken_missing(joined, start, m.end(), word):
                continue
            kind = "missing"
        if kind in _NEGATABLE and (_negated(joined, start) or fiction(joined, start)):
            continue
        if settled and kind in ("die", "hurt", "missing") and rectified_background(joined, start):
            continue  # 今年6月……造成2人死亡, told in a report of the rectification done since
        if kind in _NEGATABLE and irrealis(joined, start, m.end(), kind != "crime"):
            if word in FEARED_WORDS and feared is None and not _PREVENTION.search(joined, max(0, start - 6), start):
                feared = word
            continue
        first.setdefault(kind, word)
        if kind in ("mass", "crime") and asked is None:
            asked = _asked(joined, start)
        if kind in _COUNTED:
            found = _count_at(joined, start, m.end(), word)
            if found is None and ((kind == "die" and word in _ONE_DEAD) or (kind == "hurt" and word in _ONE_HURT)
                                  or (kind == "missing" and word in _ONE_MISSING)):
                found = (1, word)
            if found is not None and (kind not in best or found[0] > best[kind][0]):
                best[kind] = found
            if found is not None and asked is None:
                asked = _asked(joined, start)
            fell = joined[start - 1:start + 1]
            if kind == "die" and word[0] in "楼河水" and best.get("hurt", (0, ""))[1][-2:] == fell:
                del best["hurt"]  # 跳楼死了: the one who fell is the one who died
            if word == "死" and found is not None:
                hurt = _HURT_AFTER_DEAD.match(joined, m.end())
                n = chinese_number(hurt.group("n")) if hurt else None
                if n and ("hurt" not in best or n > best["hurt"][0]):
                    best["hurt"] = (n, found[1] + hurt.group(0))
    words = list(dict.fromkeys(v[1] for k, v in best.items()))
    mass = first.get("mass")
    if mass is None and "gather" in first:
        gate = _AT_THE_GATE.search(joined)
        if gate is not None and not _inside(denied, gate.start()):
            mass = gate.group(0)
    if mass is None:
        # Planned (今晚约架) counts too: the desk acts before it happens; a near miss (差点打起来) does not.
        fight = _GROUP_FIGHT.search(joined)
        if (fight is not None and not _inside(denied, fight.start())
                and not _FIGHT_AVERTED.search(joined, max(0, fight.start() - 8), fight.end())):
            mass = fight.group(0)
    if mass:
        words.append(mass)
    crime = first.get("crime")
    if crime:
        words.append(crime)
    official = _official(title, text, government_source)
    rumour = None if official else first.get("rumour") or asked
    if rumour:
        words.append(rumour)
    hazard = _hazard(joined, denied)
    if hazard:
        words.append(hazard)
    evacuated = _evacuated(joined, denied)
    if evacuated:
        words.append(evacuated[1])

    def count(kind: str) -> int | None:
        return best[kind][0] if kind in best else None

    # A crowd beside a protest is the protest's (上百人涌入……静坐 is a sit-in of a hundred).
    protest, crowd = count("gather"), count("crowd")
    gathering = best["gather"][1] if "gather" in best else None
    if gathering is None and "gather" in first:
        group = _GROUP_GATHERED.search(joined)
        if group is not None and not _inside(denied, group.start()):
            gathering = group.group(0)
    return Facts(deaths=count("die"), injured=count("hurt"), gathered=max(protest or 0, crowd or 0) or None,
                 crowd=protest is None and crowd is not None, missing=count("missing"),
                 evacuated=evacuated[0] if evacuated else None, evacuation=evacuated[1] if evacuated else None,
                 hazard=hazard, feared=feared, crime=crime,
                 mass_incident=mass, gathering=gathering, rumour=rumour, official=official, words=tuple(words),
                 denied=denied)


def event_topic(text: str, mass: str | None = None, hazard: str | None = None,
                scan: bool = True, starts: Sequence[int] | None = None) -> tuple[str | None, tuple[str, ...]]:
    """What kind of event happened (社会稳定, 应急管理, 涉外, 食品药品安全, 质监; a discipline case: 其他)
    and its words: the topic of the event, which outranks the place it happened in (a crime at a
    school is 社会稳定, not 教育). ``mass``, ``hazard``: the mass incident and the danger at a water
    work :func:`find_facts` named, if any. ``scan``: False when the caller knows that no word of
    EVENT_SCAN_WORDS is in the text (classifier.prefilter): their scan is skipped. ``starts``: where one
    of them may start, when the caller knows: the scan tries only there."""
    found: dict[str, list[str]] = {}
    for m in matches_at(_EVENT, text, starts) if scan else ():
        word = m.group(0)
        if word not in _EVENT_OF:
            continue  # NOT_EVENTS
        # A near miss is still the event (差点起火: a fire hazard); a feared or supposed one is not
        # (万一着火谁负责: a blocked fire lane, 以免溺水: a warning). A gathering planned is the event already
        # (大家要一起去市政府: the police prepare before the day).
        if (_negated(text, m.start())
                or (word not in _PLANNED
                    and irrealis(text, m.start(), m.end(), near_miss=word in _NEAR_MISS_NONE))
                or fiction(text, m.start()) or figurative(text, m.start(), word)):
            continue
        if ((word in _VISITOR_WARNINGS and _VISITORS.search(text) is None)
                or (word == "内定" and _BIDDING.search(text) is None)
                or (word in _BID_CONTEXT and _TENDERED.search(text) is None)
                or (word == "跑路" and _DEVELOPER_BEFORE.search(text, max(0, m.start() - 8), m.start()) is not None)
                or (word in _MOULD and _BUILDING_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None)
                or (word in _MASSED
                    and _THING_BEFORE_CROWD.search(text, max(0, m.start() - 6), m.start()) is not None)):
            continue
        if word in _SYMPTOMS:
            clause = _begins(_CLAUSE_END, text, m.start(), 30)
            if _ATE.search(text, clause, m.start()) is None or _DRUNK.search(text, clause, m.start()) is not None:
                continue
        topic = _EVENT_OF[word]
        if word in _FLEECED and _VISITORS.search(text) is not None and _REGULATED_CHARGE.search(text) is None:
            topic = "对外宣传"  # 天价, 宰客 told of visitors: the city's image (VISITOR_WARNINGS)
        words = found.setdefault(topic, [])
        if word not in words:
            words.append(word)
    # the patterns are searched only where one of their words is: one scan for all the words (~2 µs a post; ``in``
    # for each word cost ~12 µs), a search of each pattern ~1-5 µs
    present = frozenset(_TOLD_WORDS.findall(text)) if scan else frozenset()
    for keys, pattern, kind, word in _TOLD if present else ():
        if present.isdisjoint(keys):
            continue
        said = pattern.search(text)
        if (said is None or _negated(text, said.start())
                or (pattern is _ESTATE_FEE_RISE and _NOT_RAISED.search(said.group(0)) is not None)):
            continue
        words = found.setdefault(kind, [])
        if (word or said.group(0)) not in words:
            words.append(word or said.group(0))
    if found.get("社会稳定") and any(w in _OFFICE_CRIMES or w in _DISCIPLINE_BODIES for w in found.get("其他", ())):
        # the arrest and the sentence are any crime's: an official's crime of office stays his case
        found["社会稳定"] = [w for w in found["社会稳定"] if w not in _JUSTICE_WORDS]
        if not found["社会稳定"]:
            del found["社会稳定"]
    if (found.get("社会稳定") and set(found["社会稳定"]) <= _POLICE_CALLED and _NUISANCE.search(text) is not None
            and _HANDS_RAISED.search(text) is None):
        del found["社会稳定"]
    if mass:
        found.setdefault("社会稳定", []).append(mass)
    if hazard:
        found.setdefault("应急管理", []).append(hazard)
    if not found:
        return None, ()
    # Who is involved decides first: anything a foreigner or a foreign firm is part of is 涉外
    # (seed 004: 涉外类 → 外侨办); otherwise the kind of event with the most distinct words.
    topic = "涉外" if "涉外" in found else max(found, key=lambda t: (len(found[t]), -_EVENT_ORDER.index(t)))
    if topic == "价格" and _PHARMACY.search(text) is not None and _HOSPITAL.search(text) is None:
        return topic, (*found[topic], PHARMACY_PRICE)
    return topic, tuple(found[topic])



# -- a good outcome reported done -------------------------------------------------------------------
# A headline that reports a good outcome as done: a service or a work delivered (建成, 开通, 通上自来水,
# 投用, 全覆盖, 惠及, 喝上放心水, 住进新房, 成功开展), an honour (获评, 入选), a figure improved (升至, 缩短),
# or a problem settled by the authority (追回拖欠工资, 收回违规房源, 完成整改通过验收, 修复通车). Good news of
# the office mentions the problem it settled (此前……难, 群众反映的……问题得到解决), and the model reads those
# problem words as bad news. The verbs are those of any government's 成绩/民生实事 report, not of one item.
# An assessment or an acceptance passed (通过省级安全风险评估, 通过竣工验收, 通过国家卫生城市复审): the outcome is
# the passing, and what was assessed (风险, 安全) is what it passed.
_ASSESSED = r"(?:评估|验收|审核|认证|认定|考核|评审|复审|复查|复核|评定|达标)"
_OUTCOME = re.compile(
    r"建成|落成|竣工|完工|投用|投入使用|启用|开通|开行|开设|开诊|开馆|通车|通水|通电(?!话)|通气|通上|用上|上线|全覆盖|"
    r"覆盖全|惠及|获评|荣获|获批|入选|摘得|夺得|升至|增至|提升至|缩短|新增|新建|(?<!真)实现|完成|追回|收回|清退|退还|退回|打通|"
    r"修复|修好|修通|解决|化解|兑现|补发|整改到位|摘除挂牌|摘帽|喝上|住进|搬进|建起|投运|投产|拿到|领到|"
    r"恢复|重新营业|重新开放|重新开业|通过(?=[^，,。；;！!？?\s]{0,12}?" + _ASSESSED + r")|成功(?!率)|"
    # the verbs of good-news headlines that deliver, open or pay (回迁楼交付, 特大桥合龙, 接通供水, 装上报警器,
    # 增设站点, 补贴发放, 工资足额支付, 垫付到位)
    r"交付|合龙|贯通|接通|装上|配上|配备|增设|加装|挂牌|揭牌|签约|落地|发放|足额|到位|拨付|兑付|垫付|增开|拿回|要回|讨回|"
    # a count that fell
    r"(?:" + "|".join(f"(?<={c})" for c in _COUNTS_THAT_FALL) + ")" + _FELL + "|"
    r"全(?:国|省|市|区|县)推广|"
    # the idioms of good-news headlines: a place made new (焕新颜, 大变样), work that shows results (见实效, 见成效),
    # a service now the rule (成常态), praise won (赢得好评), a clean-up done (清理完毕)
    r"焕新颜|换新颜|焕然一新|大变样|见实效|见成效|显成效|结硕果|成常态|成为常态|赢得[^，,。；;！!？?\s]{0,4}好评|"
    r"获[^，,。；;！!？?\s]{0,4}好评|完毕|到手|到账|"
    # a problem cleared to nought (欠薪清零, 隐患清零) and stalled work resumed (停工楼盘复工, 社区工厂复工复产)
    r"清零|(?<!未)(?<!没有)(?<!尚未)(?<!何时)复工|复产|"
    # a place turned from what it was into what it is (从“臭水沟”到“后花园”, “积水点”变“安心点”)
    r"(?<=”)(?:到|变成|变为|变身|变|成为|成了)(?=“)")
# The authority's settling of a problem takes the problem as its object (追回拖欠农民工工资, 收回违规房源42套,
# 完成安全整改): the problem words up to the end of that clause are what was settled, not bad news. Not after
# 完成 alone, which settles nothing (改造完成之后小区消防通道积水).
# The problem as the object of a settling noun (安全隐患整改, 污染防治, 违建整治): what was settled, as after a
# settling verb.
_SETTLED_OBJECT = re.compile(r"[^，,。；;！!？?\s：:]{0,6}(?:整改|整治|治理|防治|清零)"
                             # the problem as the subject of its settling (通道漏水问题彻底解决, 办证难问题得到解决)
                             r"|[^，,。；;！!？?\s：:]{0,8}问题(?=(?:已经|已|彻底|终于|得到|全部|基本)?(?:解决|整改到位|根治|化解))"
                             # the count that fell (投诉量下降九成): what was settled
                             r"|[^，,。；;！!？?\s：:]{0,8}(?:" + "|".join(_COUNTS_THAT_FALL) + ")(?=" + _FELL + ")")
# What a place was before it turned (从“臭水沟”到……, “积水点”变……): what was settled.
_WAS = re.compile(r"从?“[^”]{1,10}”(?=(?:到|变成|变为|变身|变|成为|成了)“)")
# 抢修, 抢通, 抢险 hold 抢 of the crimes but name a repair or a rescue.
_REPAIRING = re.compile(r"抢修|抢通|抢险|抢收|抢种|抢抓")
# 保险 (insurance: 农业保险全覆盖, 电梯“保险+服务”模式) holds 险 of the problem words but names none.
_INSURANCE = re.compile(r"保险")
# The verbs that take the problem settled as their object (追回拖欠的工资, 退还违规收取的“开口费”): a 的 after them
# qualifies that object, not the outcome (建成的公厕 names a thing, :data:`_ATTRIBUTIVE`).
_SETTLING_VERBS = ("追回", "收回", "拿回", "要回", "讨回", "清退", "退还", "退回", "整改", "解决", "化解", "补发",
                   "兑现", "修复", "抢修")
_SETTLING = re.compile(r"(?:" + "|".join(_SETTLING_VERBS) + r")[^，,。；;！!？?\s]{0,14}"
                       r"|通过[^，,。；;！!？?\s]{0,12}?" + _ASSESSED)
# A headline that asks, doubts, announces, claims or tells the opposite reports nothing done (何时能通上自来水？,
# 亟待解决, 望解决, 承诺兑现了吗, 称已解决, 生态修复没有落实, 新校区投用却漏水, 建成的公厕一直锁着): the words of
# 不漏报 win over the good outcome, wherever they stand in the headline; so do a citizen's request (咨询, 建议,
# 呼吁尽快修复, 什么时候可以修好), what came after it (改造完成之后) and what is still to come (年底开通).
# 不再 (no longer: 用上滴灌 果农不再拉水浇地) tells what the outcome ended, no doubt of it.
_OUTCOME_DOUBT = re.compile(
    r"要求|责令|限期|督促|须|需|将|拟|计划|未|没|不(?!动产|再)|尚|正在|仍|(?<![退归偿返])还|又|却|但|竟|才|就(?!业|医|学|读|诊|餐)|"
    r"称|被|遭|曝|"
    r"吗|？|\?|何时|为何|为什么|怎么|咋|望|请|求|盼|待|亟|能否|可否|如何|怎样|一直|走过场|虚假|假|敷衍|形同虚设|摆设|网友|记者|反映|回应|"
    r"咨询|建议|呼吁|反对|希望|尽快|加快|什么时候|可以|能不能|之后|以后|预计|有望|即将|年底|年内|明年|"
    r"拒绝|应由|应当|应该")
# The outcome word naming a thing rather than reporting it (建成的公厕, 新建公园步道的地砖松动).
_ATTRIBUTIVE = re.compile(r"[^，,。；;！!？?\s：:]{0,8}的")
# Words of a problem in the headline beside what was settled (闲置, 故障, 漏水 …), with the public data's cue
# lists.
_PROBLEM_WORDS = (
    "难", "闲置", "故障", "坏", "漏", "裂", "塌", "堵", "乱", "差", "脏", "臭", "吵", "贵", "坑", "黑", "烂",
    "险", "危", "患", "欠", "拖", "缩水", "问题", "松动", "脱落", "锁", "感染", "确诊", "疫", "遥遥无期")
_BAD_NEWS = trie_pattern({*ADVERSE_NEWS_CUES, *COMPLAINT_CUES, *_PROBLEM_WORDS} - {"救援"})
# A crime, an accident or a death is bad news even as what was settled (警方追回被骗资金, 被困群众全部救出): the
# events of order and emergencies count anywhere in the headline, but for the names of the bodies that answer
# for them (消防救援支队, 警方).
_GRAVE = trie_pattern({*EVENT_WORDS["社会稳定"], *EVENT_WORDS["应急管理"], "骗", "盗", "抢", "赌", "毒", "死", "伤",
                       "病", "灾", "贪", "贿", "破获", "侦破", "捣毁"} - {"救援", "消防", "警方", "警察", "民警"})
# What a report tells as still wrong now, or a claim it disproves (至今仍, 问题依旧, 反弹, 记者回访发现, 有人举报):
# no good outcome then, whatever its headline says.
_STILL_WRONG = re.compile(
    r"至今|迄今|仍|依然|依旧|还是|还没|还未|尚未|迟迟|反弹|又出现|再次出现|又发生|再次发生|不满|质疑|抱怨|投诉不断|"
    r"但|却|然而|可是|不过|只是|记者(?:调查|暗访|回访|走访|发现)|发现|曝光|网友|网传|声称|号称|宣称|举报|维权|上访|"
    r"讨薪|说法|求助|没人管|不管")
# Of those, the words that tell of now whatever the sentence recalls (此前反映的问题至今仍未解决): the others, in a
# sentence that opens by recalling the past (此前，产业园因用地手续问题迟迟未能动工; 此前被媒体曝光的问题均已
# 整改到位), are the problem the report settled, its background.
_NOW_WORDS = frozenset({"至今", "迄今", "仍", "依然", "依旧", "还是", "还没", "还未", "尚未", "反弹", "又出现",
                        "再次出现", "又发生", "再次发生", "但", "却", "然而", "可是", "不过", "只是"})
# A problem found or exposed (检查中发现的, 媒体曝光的) that its sentence then tells settled or being settled by the
# authority (已全部整改, 逐一整改, 整改到位, 得到解决): the work's background, as a recalled one is. Not a
# journalist's or a netizen's finding (记者调查发现, 网友曝光), which the report is about.
_FOUND = frozenset({"发现", "曝光", "举报"})
_SETTLED_AFTER = re.compile(r"(?:已|均已|全部|已全部|逐一|立即|及时)(?:完成|责令)?整改|整改到位|整改完毕|"
                            r"(?<![未没不拒])整改(?![不未])|"
                            r"得到(?:解决|整改|根治)|已解决|"
                            # a fault found and fixed in one sentence (发现管道存在气堵，已进行排气)
                            r"已(?:[^，,。；;！!？?没未不尚]{0,8}?)(?:修复|修好|维修|更换|排气|疏通|清理|恢复|拆除|处理完毕)")
# 举报 asked for (可通过热线举报, 欢迎举报): an invitation, no claim that someone reported.
_INVITED = re.compile(r"(?:可|可以|欢迎|请|敬请|鼓励)[^，,。；;！!？?\n]{0,30}$")
# A condition before a finding or a word of now (如发现……, 如仍有问题，欢迎继续拨打12345): what to do if, nothing found
# and nothing still wrong.
_IF = re.compile(r"(?:如|若|一旦|如果|凡|若是|如若|倘若)(?:您|你|市民|群众|大家|广大市民)?(?:后续|今后|以后|之后|再)?$")
_THEN_DO = re.compile(r"[^，,。；;！!？?\n]{0,12}?[，,]?[^，,。；;！!？?\n]{0,4}?"
                      r"(?:请|务必|应当|应及时|应立即|须|(?:要|应)?(?:立即|及时|第一时间|马上)(?:拨打|报告|报警|联系|停止|撤离)"
                      r"|可(?:以)?(?:随时|及时|直接)?(?:拨打|通过|联系|反映|报告|举报|扫码|报修|登录|前往))")
_RECALLING = re.compile(r"此前|之前|以前|过去|原先|曾经|曾|去年|前年|早前|早些年|多年来|长期以来|一度|上月|上个月|上周|"
                        r"上半年|前段时间|前些日子")


_NOW_TOLD = re.compile("|".join(sorted(_NOW_WORDS, key=len, reverse=True)))


def told_as_past(text: str, start: int) -> bool:
    """Whether the sentence holding ``start`` recalls what it tells before it (此前，古街曾因……被游客吐槽; 之前有市民
    投诉) and says nothing of now (至今, 仍, 但, 却: :data:`_NOW_WORDS`)."""
    sentence, end = _sentence(text, start)
    return (_RECALLING.search(text, sentence, start) is not None
            and _NOW_TOLD.search(text, sentence, end) is None)


# A sentence that tells its problem settled (解决了困扰工人大半年的欠薪问题, 领到被拖欠的工资, 追回违规资金): the
# complaint word in it names what was settled. Not when denied (还没解决, 一分没拿到).
_SETTLED_IN_SENTENCE = re.compile(r"(?<![没未不])(?<!没有)(?:解决了|已解决|得到解决|追回|领到|拿到|发放到位|全部发放|"
                                  r"足额发放|兑付|整改到位|已整改|完成整改)")


def settled_in_sentence(text: str, start: int) -> bool:
    """Whether the sentence holding ``start`` tells its problem settled (:data:`_SETTLED_IN_SENTENCE`)."""
    return _SETTLED_IN_SENTENCE.search(text, *_sentence(text, start)) is not None


# What a reporter's revisit finds when it finds the problem gone (记者回访看到……地面干燥, 均已办理, 再没出现).
_FOUND_SETTLED = re.compile(r"已|如今|现在|不再|再也没|没有再|再没|干燥|干净|整洁|恢复|正常|明显改善|解决|到位|消失")


def _revisit_found_it_settled(text: str, end: int) -> bool:
    """Whether the sentence of a reporter's revisit ending at ``end`` tells the problem settled and nothing of now."""
    sentence_end = _sentence(text, end)[1]
    return (_FOUND_SETTLED.search(text, end, sentence_end) is not None
            and _NOW_TOLD.search(text, end, sentence_end) is None)


# What a service for a right is called (维权通道, 维权服务站, 维权热线): no protest.
_SERVICE_AFTER = re.compile(r"[“\"]?(?:绿色)?(?:通道|服务|热线|站|中心|窗口|援助|工作站|联络点)")


def still_wrong_now(text: str) -> str | None:
    """The first word of :data:`_STILL_WRONG` in ``text`` that tells of now, not of the past a sentence recalls nor
    of problems the same sentence tells settled (检查中发现的问题已全部整改, 针对媒体曝光的问题逐一整改)."""
    settled_until = -1
    for m in _STILL_WRONG.finditer(text):
        word = m.group(0)
        if m.start() == settled_until and word == "发现":
            continue  # the revisit's own 发现, read with it
        if word == "只是" and text[m.start() - 1:m.start()] == "不":
            continue  # 不只是罚单: not only, no "but"
        if word == "不满" and not_a_complaint(text, m.start(), word):
            continue  # 回访问满不满意: satisfaction asked
        if _IF.search(text, max(0, m.start() - 6), m.start()) is not None:
            continue  # 如仍有问题，欢迎继续拨打12345: a reply's closing, what to do if
        if word == "维权" and _SERVICE_AFTER.match(text, m.end()) is not None:
            continue  # 农民工维权“绿色通道”, 维权服务站: a service offered, no one protesting
        if word == "网友" and text.startswith(("您好", "你好", "：", ":"), m.end()):
            continue  # 网友您好: a reply's greeting, no netizen's claim
        if word == "记者回访" and _revisit_found_it_settled(text, m.end()):
            settled_until = m.end()
            continue  # 记者回访看到，连续降雨后通道内地面干燥: the revisit found it settled
        if word in _NOW_WORDS:
            return word
        if word == "举报" and (_INVITED.search(text, max(0, m.start() - 32), m.start()) is not None
                             or not_a_complaint(text, m.start(), word)):
            continue
        if word == "发现" and (_IF.search(text, max(0, m.start() - 7), m.start()) is not None
                             or _THEN_DO.match(text, m.end()) is not None
                             or _PROVISION.match(text, m.end()) is not None):
            continue  # 如发现…, 发现燃气泄漏请立即拨打119, 市民发现问题可随时拨打12345: what to do if, no finding
        start, end = _sentence(text, m.start())
        if _RECALLING.search(text, start, m.start()) is None and (
                word not in _FOUND or _SETTLED_AFTER.search(text, m.end(), end) is None):
            return word
    return None


def resolved_outcome(title: str, text: str) -> str | None:
    """The headline words of a good outcome reported done (:data:`_OUTCOME`), when the headline neither asks,
    doubts nor contradicts it and names no problem beside the one it settled, and the text tells nothing
    as still wrong now; else None. Only the title is read as the headline: a post without one has none."""
    return _unless_still_wrong(_outcome_headline(title), text)


# What is still to come, told in a clause of its own after the outcome done (某花园二期复工 预计明年10月交房): the next
# step of the news, not a doubt of the outcome; in the outcome's clause (地铁二号线年底开通) it is the outcome to come.
_TO_COME = frozenset({"将", "拟", "计划", "预计", "有望", "即将", "年底", "年内", "明年"})
_HEADLINE_CLAUSE = re.compile(r"[\s，,；;：:]")


def _doubted(title: str, outcome: re.Match[str]) -> bool:
    """Whether the headline asks, doubts or contradicts its outcome (:data:`_OUTCOME_DOUBT`); what is to come in a
    later clause of its own (:data:`_TO_COME`) does not."""
    for d in _OUTCOME_DOUBT.finditer(title):
        if (d.group(0) in _TO_COME and d.start() >= outcome.end()
                and _HEADLINE_CLAUSE.search(title, outcome.end(), d.start()) is not None):
            continue
        return True
    return False


def _outcome_headline(title: str) -> str | None:
    """:func:`resolved_outcome`'s reading of the headline alone."""
    m = _OUTCOME.search(title) if title else None
    if (m is None or _doubted(title, m)
            or (m.group(0) not in _SETTLING_VERBS and _ATTRIBUTIVE.match(title, m.end()) is not None)):
        return None
    settled = _SETTLING.sub("", _SETTLED_OBJECT.sub("", _INSURANCE.sub("", _WAS.sub("", title))))
    if _GRAVE.search(_REPAIRING.sub("", title)) is not None or _BAD_NEWS.search(_OUTCOME.sub("", settled)) is not None:
        return None
    return m.group(0)


def _unless_still_wrong(word: str | None, text: str) -> str | None:
    """``word``, unless the text tells something as still wrong now (:func:`still_wrong_now`)."""
    return word if word is not None and still_wrong_now(text) is None else None


# A headline of the office's routine work: a body or a place doing a work of governance (加强船舶污染防治, 开展校园
# 食品安全专项检查, 召开防范电信诈骗宣传推进会, 出台治理拖欠账款方案, 推出明码标价承诺). What the work governs is named
# in the words of the problem (污染, 诈骗, 拖欠, 投诉), and the model reads those as bad news; the report tells the
# work. The verb opens the headline (after its subject); a response to an event (开展调查, 约谈, 问责, 救援, 停产
# 整顿) is no routine work, and a headline that doubts, claims or tells of a crime or an accident is read as any other.
_WORK = re.compile(r"^[^，,。；;！!？?\s：:]{0,12}?"
                   r"(?:加强|强化|开展|召开|举办|举行|出台|印发|推出|推进|推行|部署|启动|实施|深化|建立|完善|筑牢|织密|打造)")
_RESPONSE = re.compile(r"调查|核查|约谈|问责|追责|处分|处理|处置|督办|暗访|救援|搜救|抢险|应急响应|停产|整顿|通报|回应|"
                       r"事故|事件|案件|立案|命案|血案|大案|要案|召回|下架|关停|查封|封存")


def work_report(title: str, text: str) -> str | None:
    """The headline words of the office's routine work (:data:`_WORK`) when the headline neither doubts nor
    responds to an event and names no crime or accident, and the text tells nothing as still wrong now; else None."""
    return _unless_still_wrong(_work_headline(title), text)


# A drill held, by the headline's end (开展煤矿井下透水事故应急救援演练, 举行消防疏散演练); not one that went wrong
# (_OUTCOME_DOUBT: 演练走过场却, 演练时发生).
_DRILL_TITLE = re.compile(r"(?:开展|举行|举办|组织|进行)[^，,。；;！!？?\s]{0,24}(?:演练|演习)$")
# A meeting held, by the headline's end (市人大常委会第二十九次会议召开, 全市安全生产工作会议在某地举行): routine work.
_MEETING = re.compile(r"(?:会议|大会|常委会|全会|例会|座谈会|推进会|部署会|调度会)(?:在[^，,。；;！!？?\s]{1,10})?"
                      r"(?:召开|举行|开幕|闭幕)$")


def _work_headline(title: str) -> str | None:
    """:func:`work_report`'s reading of the headline alone."""
    if not title:
        return None
    drill = _DRILL_TITLE.search(title)
    m = drill or _WORK.search(title) or _MEETING.search(title)
    # The accident a drill is named for is its scenario (透水事故应急救援演练): no response, nothing grave.
    if (m is None or _OUTCOME_DOUBT.search(title) is not None
            or (drill is None and (_RESPONSE.search(title) is not None or _GRAVE.search(title) is not None))):
        return None
    return m.group(0)


# A formal notice by its title's last word (……招标公告, 交通管制的通告, 中标候选人公示, 停水通知, 房屋征收的决定,
# 公开征求意见): the office telling what it will do or has decided, read by the model as the matters it regulates
# (征收, 停水, 管制); a ban's order (森林防火禁火令, 禁渔令) is one. Not a sanction or a response to a problem
# (暂停评标专家资格, 异议处理结果, 处分的决定, 整改), nor a title that doubts, claims or tells of a
# crime or an accident.
_NOTICE_TITLE = re.compile(r"(?:公告|通告|公示|通知|征求意见|的决定|(?:征收|补偿|拆迁)决定|禁[^\W\d]{0,2}令|"
                           r"的一封信|政策解读|规范解读|解读|"
                           # rules coming into force, a guide or the knowledge a body gives (12月起这些新规施行,
                           # 防汛应急避险常识, 办事指南)
                           r"施行|实施|须知|指南|常识|小贴士)"
                           r"(?:[（(【\[][^）)】\]]{0,12}[）)】\]])?$")
# The words of a notice that guard against harm (防汛应急避险常识, 防灾减灾须知): no harm named.
_AVERTING = re.compile(r"避险|防汛|防灾|减灾|防溺水|防火")
# A forecaster's warning by its title (气象台发布暴雨橙色预警信号, 发布寒潮蓝色预警): the weather it names is to come,
# not an event; a warning of harm done (暴雨致3人死亡) is read as any other headline.
_FORECAST = re.compile(r"发布[^，,。；;！!？?\s]{0,12}预警(?:信号)?$")
_FORECAST_WEATHER = re.compile(r"大暴雨|特大暴雨|暴雨|暴雪|寒潮|大风|高温|雷电|雷暴|冰雹|大雾|霜冻|道路结冰|台风|干旱|"
                               r"森林火险|地质灾害|山洪|洪水|强对流")
# An authority's advisory by its opening (警方提醒：, 市场监管局提示：, 温馨提示:): what it warns of is guarded against
# (谨防“刷单返利”诈骗, 警惕电信诈骗, 小心溺水), so those words are not read as the news; a crime or an accident told as
# happened (近期发生多起诈骗案) still is.
_ADVISORY = re.compile(r"^[^，,。；;！!？?\s：:]{0,12}?(?:提醒|提示|温馨提示|忠告)[：:]")
_GUARDED = re.compile(r"(?:谨防|警惕|防范|小心|谨慎|严防|远离|当心|预防|防止|切勿|不要)[^，,。；;！!？?\s]{0,10}")
_SANCTION = re.compile(r"处罚|暂停|取消|撤销|吊销|注销|异议|投诉|举报|违规|违法|违纪|不良|失信|黑名单|曝光|整改|责令|"
                       r"问题|未|称|质疑|迟迟|却|何时|希望|请求|致歉|道歉|诉讼|仲裁")


def formal_notice(title: str, text: str) -> str | None:
    """The last word of a formal notice's title (:data:`_NOTICE_TITLE`) when the title names no sanction, response,
    crime or accident, and the text tells nothing as still wrong now; else None."""
    return _unless_still_wrong(_notice_headline(title), text)


def _notice_headline(title: str) -> str | None:
    """:func:`formal_notice`'s reading of the headline alone."""
    m = (_NOTICE_TITLE.search(title) or _ADVISORY.search(title) or _FORECAST.search(title)) if title else None
    if m is None:
        return None
    told = (_GUARDED.sub("", title) if m.re is _ADVISORY else _FORECAST_WEATHER.sub("", title) if m.re is _FORECAST
            else _AVERTING.sub("", title))
    if (_SANCTION.search(told) is not None or _RESPONSE.search(told) is not None
            or _GRAVE.search(told) is not None or _BAD_NEWS.search(told) is not None):
        return None
    return m.group(0)


# A citizen's post or letter whose headline thanks or praises (必须为西关派出所点赞, 给公交点个赞, 感谢城管中队): the
# problem it recalls was met. Not in sarcasm (真行, 呵呵, a question), nor with a crime, an accident or a death in the
# headline; the text's still-wrong test is read as for a settled report.
_PRAISE = re.compile(r"点[^，,。；;！!？?\s]{0,5}赞|夸夸|必须夸|不得不夸|夸一下|夸一夸|好样的|致敬|感谢|谢谢|暖心|"
                     r"好人好事|太赞了|超赞|给力|靠谱|表扬")
_SARCASM = re.compile(r"呵呵|真行|真给|真是给|服了|醉了|就这|绝了|厉害了|无语|？|\?|吗|呢|难道|怎么|为什么|为啥|"
                      r"凭什么|八辈子")

# Thanks for a problem taken up but not yet met (感谢书记答复……希望尽快解决, 已在解决之中): still the complaint. Not a
# wish that the good service go on or spread (希望以后都能这么快, 希望其他片区也学学, 希望你们继续保持), nor 希望 as a
# noun (当时没抱什么希望).
_UNSETTLED = re.compile(r"(?<!抱)(?<!什么)(?<![有没的])希望"
                        r"(?![^，,。；;！!？?\s]{0,6}?(?:以后|今后|往后|将来|继续|保持|一直|越来越|更多|多些|多一些|"
                        r"其他|其它|别的|都能|也能|也学|也这样|能多))"
                        r"|尽快|正在|之中|尚未|有待|请求|恳请|盼")


# The office's publicity found wanting in its own words (对外宣传): a translation that is wrong (翻译有误, 机翻, the
# English 译成了 something else), comments on its accounts deleted or shut (评论就没了, 删评论) and its site or account
# left stale for years, where its account or site is named. A complaint however calm, as 乱收费 is; not comments
# deleted on a star's page.
_MISTRANSLATED = Needing(re.compile(r"翻译错误|翻译有误|翻译存在错误|翻译不规范|翻译不准确|译错|错译|中式英语|"
                                    r"机翻错误|机翻"), "译", "翻", "中式英语")
# What of the office's is translated: signs, sites, publicity (not a game's subtitles or a novel).
_PUBLIC_THING = re.compile(r"路牌|指示牌|标识|标牌|站牌|告示|公示|网站|英文版|宣传|景区|地铁|公交|政府|发布|外宣|招商|"
                           r"公园|广场|车站|机场|医院|街道|路名")
_RENDERED_AS = Needing(re.compile(r"翻成了|翻成|译成了|译成|翻译成了|翻译成|打成了|写成了|写成|译为|翻译为"),
                       "成", "译为")
# A site or an account of the office left stale for years (网站英文版三年未更新, 政务公众号长期停更, 僵尸网站): the
# failing of 政务公开 the State Council's site checks name, told however calmly.
_STALE = Needing(re.compile(r"(?:网站|英文版|栏目|公众号|官微|政务号|微博)[^，,。；;！!？?\n]{0,8}?"
                            r"(?:(?:\d+|[一二两三四五六七八九十几多半]+)(?:个月|年)|长期|多年|常年)(?:未|没有|没|不)更新"
                            r"|(?:网站|公众号|官微|政务号)[^，,。；;！!？?\n]{0,6}?停更|僵尸网站"),
                 "更新", "停更", "僵尸网站")
_IN_ENGLISH = re.compile(r"英文|英语|外语|字幕|[A-Za-z]{4,}")
_COMMENTS_GONE = Needing(re.compile(r"删评论|删除评论|删了评论|评论被删|评论就没了|评论全没了|评论都没了|评论没了|"
                                    r"评论被屏蔽|关闭评论|关了评论|关闭了评论|评论区关了|删帖"), "评论", "删帖")
_OFFICE_ACCOUNT = re.compile(r"发布|政务|公众号|官微|政府|网站|部门")


def publicity_failure(text: str) -> str | None:
    """The words of the office's publicity found wanting (:data:`_MISTRANSLATED` or a rendering into English of a
    sign, a site or publicity; comments deleted on an account or site of the office, or it left stale), else None."""
    # The public thing is looked for last: the Needing searches turn most texts down in a few substring tests.
    m = _MISTRANSLATED.search(text)
    if m is None and (rendered := _RENDERED_AS.search(text)) is not None and _IN_ENGLISH.search(text) is not None:
        m = rendered
    if m is not None and _PUBLIC_THING.search(text) is not None:
        return m.group(0)
    m = _COMMENTS_GONE.search(text) or _STALE.search(text)
    if m is not None and _OFFICE_ACCOUNT.search(text) is not None:
        return m.group(0)
    return None


def praise_headline(title: str, text: str) -> str | None:
    """The praise or thanks of a post's headline (:data:`_PRAISE`), when the headline is no sarcasm, names no crime,
    accident or death, does not turn after its thanks to what is still wrong (谢谢工作人员态度好，但这证还是办不了),
    and the text tells nothing as still wrong now; else None."""
    m = _PRAISE.search(title) if title else None
    if (m is None or _SARCASM.search(title) is not None or _GRAVE.search(_REPAIRING.sub("", title)) is not None
            or _UNSETTLED.search(title) is not None or _UNSETTLED.search(text) is not None
            or still_wrong_now(title[m.end():]) is not None):
        return None
    return _unless_still_wrong(m.group(0), text)


# An authority's reply published on a message board (回复：建设西路路灯已修复, 答复：……): read as its report would be.
# 回复：…… or, as many message boards title their answers, 【回复】……
_REPLY = re.compile(r"^(?:(?:回复|答复|官方回复|部门回复)[：:]|[【\[](?:回复|答复|官方回复|部门回复)[】\]])\s*")


# A reply by its title's end (关于峪河湾小区门口公交站设置的回复), and what a reply tells done (已增设……站点,
# 已于11月15日正式通暖, 已调整施工时间, 已于10月12日完工通车, 情况已明显好转): not a plan (已纳入计划), a hand-over
# (已转交……处理), a promise or what can no longer be done (已无法按期完工).
_REPLY_END = re.compile(r"(?:的)?(?:回复|答复|处理结果|办理结果|办理情况)$")
# The characters that end a word of plan before a date (将, 拟, 计划, 预计, 预期, 期望, 力争, 定于, 确保): what
# follows is planned, not done.
_PLAN_ENDS = "将拟计划预期望争定保"
_DONE = re.compile(r"已(?:经)?(?:(?!无法)[^，,。；;！!？?没未不尚还]){0,12}?(?:全部|正式|陆续)?"
                   r"(?:修复|修好|完成|增设|调整|安装|更换|恢复|解决|整改到位|拆除|清理|通暖|通水|通电|开通|启用|投用|"
                   r"新建|新增|增开|建成|铺设|加装|完工|竣工|通车|投入使用|"
                   # money paid or returned, a procedure changed, a pipe flushed (已于9月12日将工资全部支付, 已退还,
                   # 已于4月优化流程, 已疏通)
                   r"支付|发放|补发|退还|退回|结清|优化|简化|冲洗|疏通|清运|办结)"
                   # what the reply found gone (该工地夜间已无高噪音作业); not 已无法 (can no longer)
                   r"|已(?:经)?无(?!法)[^，,。；;！!？?]{0,8}?(?:作业|现象|问题|情况|异味|噪音|积水)"
                   r"|明显好转|得到解决"
                   # a work finished on a date told as done, not planned (工程于5月20日完工; not 将于, 计划于, 预计于)
                   rf"|(?<![{_PLAN_ENDS}])于[\d一二三四五六七八九十]{{1,2}}月(?:[\d一二三四五六七八九十]{{1,3}}日)?"
                   r"(?:全部|正式)?(?:完工|竣工|修复|完成|投用|通车|投入使用)"
                   # a state since a date (自6月起……周六上午正常开放, 11月28日起恢复接种; not 将于12月起, 计划1月起), a
                   # nuisance lessened (噪声已明显减小), a way cleared or a test passed (道路恢复畅通, 水质各项指标合格)
                   rf"|(?:(?:自|从)|(?<![{_PLAN_ENDS}于\d一二三四五六七八九十]))[\d一二三四五六七八九十]{{1,3}}月"
                   r"(?:[\d一二三四五六七八九十]{1,3}日)?(?:起|开始)[^。；;！!？?]{0,30}?"
                   r"(?:恢复|开放|开通|启用|投用|实行|正常)"
                   r"|已(?:经)?(?:明显)?(?:减小|减少|降低|减轻)|恢复(?:畅通|正常)|(?:检测|指标|水质)(?:均)?合格(?!率)")


# A reply known by its opening, the office addressing the citizen about what they reported (尊敬的网友：您反映的……,
# 市民您好：来件反映……, 您好！您在留言板反映的……), not a citizen addressing the office (尊敬的领导：您好，我想反映……).
_REPLY_OPENING = re.compile(r"^\s*(?:(?:尊敬的)?(?:网友|市民|群众|留言人|来信人|来电人)(?:朋友)?(?:您好|你好)?"
                            r"|(?:您好|你好))[：:，,！!。\s]*(?:来件|来电|来信|您|你)(?:在[^，,。；;]{0,12}?)?(?:所)?"
                            r"(?:反映|留言|咨询|诉求|反馈)")


def reply_form(title: str, text: str) -> bool:
    """Whether an item is an authority's reply by its form, whatever words it tells the work in: a title opening
    回复：/【答复】, a title 关于……的回复 (答复, 办理情况, 处理结果), or a reply's opening (:data:`_REPLY_OPENING`).
    A title that only ends in 回复 (怎么还不回复) is a citizen's, not a reply."""
    return (_REPLY.match(title) is not None or (title.startswith("关于") and _REPLY_END.search(title) is not None)
            or _REPLY_OPENING.match(text) is not None)


def reply_headline(title: str, text: str) -> str | None:
    """A reply's settled headline (:func:`settled_headline` of the title after 回复：/答复：, or of the title of a
    reply known by its opening, :data:`_REPLY_OPENING`), or the words of a reply (回复：……, ……的回复, or that opening)
    that tell the matter done, when the text tells nothing as still wrong now; else None."""
    if not title:
        return None
    m = _REPLY.match(title)
    if m is not None or _REPLY_OPENING.match(text) is not None:
        found = settled_headline(title[m.end():] if m is not None else title, text)
        if found is not None:
            return found
    elif _REPLY_END.search(title) is None:
        return None
    done = _DONE.search(text)
    return _unless_still_wrong(done.group(0), text) if done is not None else None


def settled_headline(title: str, text: str) -> str | None:
    """The headline words that make a report of the press or an authority read as settled, not as the problem it
    names: a good outcome done (:func:`resolved_outcome`), the office's routine work (:func:`work_report`) or a
    formal notice (:func:`formal_notice`); the text's still-wrong test is read once for the three."""
    return _unless_still_wrong(_outcome_headline(title) or _work_headline(title) or _notice_headline(title), text)


# -- faster searches --------------------------------------------------------------------------------
# These patterns' alternatives open with a lookbehind (or a class), so ``re`` tries each alternative at
# every position: a search of a 300-character post took 29 µs (_MODAL), 31 µs (OFFICIAL), 15 µs
# (_IN_FICTION). Led by a lookahead on the characters a match begins with (classifier.prefilter.first_chars)
# they find the same matches, groups and spans 2-8 times faster. Rebound here, after every definition,
# so that every function above searches with the led pattern.
(_IN_FICTION, _MODAL, _NEGATION, _VITAL_IF, _REPAIRED, _RECTIFIED, _EVACUATED, OFFICIAL) = (
    first_chars(p) for p in (_IN_FICTION, _MODAL, _NEGATION, _VITAL_IF, _REPAIRED, _RECTIFIED, _EVACUATED, OFFICIAL))
