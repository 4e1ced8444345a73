"""Facts the regulations grade by, read from an item's words: how many died, were hurt or gathered;
whether it is an unverified rumour; whether it is an authority's own notice.

These follow the seeds' own grade criteria (003 篇三 特别重大: 突发事件引起、严重影响社会稳定;
004: 重大人员伤亡; 002 特别重大: 重大突发事件、严重社会危害), not a list of example sentences: a
death is a count next to a verb of dying, a gathering a number of people next to a verb of
gathering. The thresholds that turn counts into grades are the office's, in grading.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# -- numbers --------------------------------------------------------------------------------------
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# Vague amounts, read low: 数十 is at least twenty, 上百 a hundred.
VAGUE = {"数十": 20, "几十": 20, "十几": 10, "十多": 10, "十余": 10, "数百": 200, "几百": 200, "上百": 100, "近百": 90,
         "百余": 100, "百多": 100, "上千": 1000, "数千": 2000, "几千": 2000, "千余": 1000, "近千": 900, "数名": 3,
         "几名": 3, "多名": 3, "数人": 3, "多人": 3, "几人": 3, "大批": 50, "大量": 50, "众多": 30, "成百上千": 100,
         "一群": 10, "一些": 3}
_NUM = (r"(?:\d+(?:\.\d+)?|成百上千|数十|几十|十几|十多|十余|数百|几百|上百|近百|百余|百多|上千|数千|几千|千余|近千|"
        r"数名|几名|多名|大批|大量|众多|一群|[零〇一二两三四五六七八九十百千万]+)")


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
_PEOPLE = r"(?:余|多)?(?:名|人|位|个)?"
_GAP = r"[^，。；;！!？?\n]{0,8}?"
_DIE = r"(?:死亡|遇难|身亡|丧生|罹难|殒命|溺亡|坠亡|遇害|被害|不幸离世|失去生命)"
_HURT = r"(?:受伤|重伤|轻伤|伤势|送医|入院|住院|就医|[砍刺捅打撞烧烫咬摔砸炸割]伤|中毒|不适)"
_GATHER = (r"(?:聚集|围堵|堵路|堵门|堵住|上访|集访|讨薪|静坐|拉横幅|打横幅|举牌|维权|抗议|示威|冲击|围攻|冲突|"
           r"聚众|集会|游行)")
_NEGATION = re.compile(r"(?:无|未|没有|不曾|零|未造成|并无|均无)[^，。！？,.!?；;]{0,4}$")
_RISE = r"(?:人数)?(?:已经|已)?(?:达到|达|为|升至|增至|上升至|上升到)?"
_DEATH_NUM = re.compile(rf"(?P<n>{_NUM}){_PEOPLE}{_GAP}{_DIE}|{_DIE}{_RISE}(?P<m>{_NUM})(?:名|人)"
                        rf"|(?P<d>{_NUM})死(?:(?P<i>{_NUM})伤)?")
_DEATH_WORD = re.compile(rf"{_DIE}|命案|尸体|遗体|死者")
_HURT_NUM = re.compile(rf"(?P<n>{_NUM}){_PEOPLE}{_GAP}{_HURT}|{_HURT}{_RISE}(?P<m>{_NUM})(?:名|人)"
                       rf"|伤了(?P<k>{_NUM})(?:余|多)?(?:名|个)?人")
_HURT_WORD = re.compile(rf"{_HURT}|伤者|伤员")
_WHO = r"(?:群众|村民|居民|业主|工人|农民工|家长|学生|市民|员工|司机|商户|人员|网民|民众)?"
_GATHER_NUM = re.compile(rf"(?P<n>{_NUM}){_PEOPLE}{_WHO}{_GAP}{_GATHER}"
                         rf"|{_GATHER}(?:了)?(?:约|近|超过|逾)?(?P<m>{_NUM})(?:余|多)?(?:名|人)")
MASS_INCIDENT = re.compile(r"群体性事件|群体事件|大规模聚集|聚众闹事|打砸抢|打群架|群架|群殴|械斗")


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(text[max(0, start - 8):start]))


def _windows(spans_at: list[tuple[int, int]], text: str) -> list[str]:
    """The stretches of ``text`` around each trigger word (a count stands within a few characters):
    the count patterns run on these only, not on the whole text."""
    spans: list[list[int]] = []
    for s, e in spans_at:
        start, end = max(0, s - 24), min(len(text), e + 12)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [text[a:b] for a, b in spans]


def _count(pattern: re.Pattern[str], spans_at: list[tuple[int, int]], text: str,
           groups: tuple[str, ...]) -> tuple[int, str] | None:
    """The largest count the pattern finds near a trigger word, with the words."""
    best: tuple[int, str] | None = None
    for window in _windows(spans_at, text):
        found = _count_in(pattern, window, groups)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best


def _count_in(pattern: re.Pattern[str], text: str, groups: tuple[str, ...]) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for m in pattern.finditer(text):
        if _negated(text, m.start()):
            continue
        for g in groups:
            raw = m.groupdict().get(g)
            n = chinese_number(raw) if raw else None
            if n is not None and n > 0 and (best is None or n > best[0]):
                best = (n, m.group(0))
    return best


@dataclass(frozen=True, slots=True)
class Facts:
    deaths: int | None = None
    injured: int | None = None
    gathered: int | None = None
    mass_incident: str | None = None  # the words naming a mass incident
    rumour: str | None = None  # the words marking an unverified claim
    official: str | None = None  # why the item is an authority's own notice
    words: tuple[str, ...] = ()  # the literal evidence, in reading order

    @property
    def adverse(self) -> bool:
        """Bad news by itself, whatever the tone: someone died or was hurt, people gathered, a
        mass incident, or an unverified claim going round (a rumour the office must check)."""
        return bool(self.deaths or self.injured or self.gathered or self.mass_incident or self.rumour)


# -- rumour and official notices ------------------------------------------------------------------
RUMOUR = re.compile(r"网传|网曝|网帖称|有网友(?:称|说|爆料|发帖|反映)|网友爆料|据网友|据传|传言|传闻|流传|疯传|"
                    r"据说|有人说|求证|真的假的|是真的吗|未经证实|尚未证实|待核实|有待核实|真假难辨|听说|小道消息|群里说|朋友圈(?:里)?(?:说|传)")
_NOTICE = (r"(?:情况通报|警情通报|通报|情况说明|官方回应|回应|声明|公告|答复|回复|处理结果|调查结果|处置情况|"
           r"辟谣|澄清)")
_AUTHORITY = (r"(?:公安局|公安分局|公安|警方|派出所|交警|消防|应急管理局|应急局|人民政府|政府|管委会|指挥部|"
              r"市场监督管理局|市场监管局|卫健委|卫生健康委|教育局|住建局|住房和城乡建设局|纪委|监委|法院|检察院|网信办|中心|局|办|委员会)")
OFFICIAL = re.compile(rf"{_AUTHORITY}[^。！？\n]{{0,12}}?{_NOTICE}|{_NOTICE}[:：]|关于[^。！？\n]{{2,40}}的{_NOTICE}")
OPENING = 80


# One scan finds every trigger; the count patterns then read only the stretches around them.
_TRIGGER = re.compile(rf"(?P<mass>{MASS_INCIDENT.pattern})|(?P<rumour>{RUMOUR.pattern})"
                      rf"|(?P<die>{_DIE}|命案|尸体|遗体|死者|死)|(?P<hurt>{_HURT}|伤者|伤员|伤)|(?P<gather>{_GATHER})")


def find_facts(title: str, text: str, government_source: bool = False) -> Facts:
    """The facts of one item (title + text, already cleaned)."""
    joined = f"{title}。{text}"
    at: dict[str, list[tuple[int, int]]] = {}
    first: dict[str, str] = {}
    for m in _TRIGGER.finditer(joined):
        kind = m.lastgroup or ""
        if kind in ("die", "hurt") and _negated(joined, m.start()):
            continue
        at.setdefault(kind, []).append(m.span())
        first.setdefault(kind, m.group(0))
    words: list[str] = []
    deaths = injured = gathered = None
    if "die" in at:
        deaths = _count(_DEATH_NUM, at["die"], joined, ("n", "m", "d"))
        if deaths is None and _DEATH_WORD.match(first["die"]):
            deaths = (1, first["die"])
    if "hurt" in at:
        injured = _count(_HURT_NUM, at["hurt"], joined, ("n", "m", "k"))
    if injured is None and deaths is not None:
        m = _DEATH_NUM.search(deaths[1])
        if m and m.group("i"):
            injured = (chinese_number(m.group("i")) or 0, m.group(0))
    if injured is None and "hurt" in at:
        word = next((joined[s:e] for s, e in at["hurt"] if _HURT_WORD.fullmatch(joined[s:e])
                     and joined[s:e] not in ("不适", "就医", "入院", "住院", "伤")), None)
        if word is not None:
            injured = (1, word)
    if "gather" in at:
        gathered = _count(_GATHER_NUM, at["gather"], joined, ("n", "m"))
    mass = first.get("mass")
    for found in (deaths, injured, gathered):
        if found and found[1] not in words:
            words.append(found[1])
    if mass:
        words.append(mass)
    head = f"{title}。{text[:OPENING]}"
    official_m = OFFICIAL.search(head)
    official = None
    if official_m is not None:
        official = f"官方通报“{official_m.group(0)}”"
    elif government_source and re.search(_NOTICE, head):
        official = "政府/官方发布的通报"
    rumour = None if official else first.get("rumour")
    if rumour:
        words.append(rumour)
    return Facts(deaths=deaths[0] if deaths else None, injured=injured[0] if injured else None,
                 gathered=gathered[0] if gathered else None, mass_incident=mass, rumour=rumour, official=official,
                 words=tuple(words))
