"""Grade estimation from a profile's ``grading.yaml``: rules as data, the first match wins.

A rule names a grade, a reason in words and its conditions (all must hold; ``any`` holds when
one of its condition maps holds). The ``gate`` says which items are graded by the rules at all:
a relevant adverse item (舆情负面 about the office); any other gets the mildest grade with the
reason it fell short. Conditions read the media tier (and the level of a government source above
the office: ``authority``), the kind of source, the topic, adverse-ness
(``negativity``), relevance, counts, emergency signals, and the facts of :mod:`classifier.facts`:
deaths, injured, missing, people gathered and people evacuated (counts), a named mass incident, a
crime against a person (绑架, 命案), a danger at a dam or an embankment, a rumour, an official notice.
Emotion (情绪) is shown in the reasons but no condition reads it: it never decides a grade.
The grade comes with the reasons in words, e.g. ``二级: 地方报刊或网络媒体报道, 负面 0.93,
回帖 1,200``. ``check`` validates a file strictly and says where (line, key) and how to fix it;
``yuqing policy check`` calls it, with the profile's jurisdiction and the media registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml

from classifier.facts import Facts, celebrating, fandom, fiction, irrealis, not_a_harm, not_here_and_now, recalled
from classifier.lexicon import trie_pattern
from classifier.prefilter import matches_at
from core.contracts import Grade
from core.errors import ConfigError
from core.sourcekinds import ITEM_KINDS
from core.taxonomy import BASE_TOPICS, SENSITIVE

GRADING_FILE = "grading.yaml"
TIERS = ("central", "provincial", "prefecture", "county", "portal", "self_media", "government", "unknown")
KINDS = ITEM_KINDS
# Levels of a government source above the office (classifier.media.LEVELS).
AUTHORITY_LEVELS = ("central", "provincial")
COUNTS = {"views": "阅读", "replies": "回帖", "reposts": "转发", "likes": "点赞"}
# Emergency signals; a grading.yaml's ``signals`` adds its own names (or rewrites one of these).
DEFAULT_SIGNALS: dict[str, tuple[str, ...]] = {
    "死亡": ("死亡", "身亡", "遇难", "丧生", "罹难", "致死", "溺亡", "遇害", "死者", "尸体"),
    "受伤": ("受伤", "伤者", "重伤", "轻伤", "伤亡", "送医救治", "砍伤", "烧伤"),
    "爆炸火灾": ("爆炸", "爆燃", "火灾", "起火", "大火", "燃爆"),
    "事故灾害": ("坍塌", "垮塌", "塌方", "泄漏", "中毒", "翻车", "追尾", "相撞", "溃坝", "洪水", "泥石流",
                 "山体滑坡", "地震", "被困"),
    "群体聚集": ("聚集", "围堵", "群体性", "堵路", "堵门", "踩踏", "打砸", "冲突", "讨薪", "静坐", "拉横幅",
                 "集体上访", "罢工"),
}
# A signal preceded closely by a negation (无人员伤亡, 未造成死亡) is no signal.
# ("不" is left out: 不幸遇难 is a death.)
_NEGATION = re.compile(r"(无|未|没有|不曾|零)[^，。！？,.!?；;]{0,4}$")
# A signal word naming what a device or prevention is for (燃气泄漏报警器, 防泄漏, 预防火灾) tells of no event:
# free alarms for 低保户 are no accident (drills: classifier.facts.irrealis). _EQUIPMENT is matched at the word's end.
_PREVENTION = re.compile(r"(防|预防|防范|防止)$")
# A warning's list of what to guard against (请警惕山洪、滑坡和泥石流; 注意防范山洪、地质灾害、城乡积涝及中小河流
# 洪水): the verb governs every hazard of its clause; not one that failed (未能防止: the event was there).
_GUARDED_LIST = re.compile(r"(?<!未能)(?<!没能)(?<!没有)(?:警惕|防范|谨防|预防|防止|提防|严防)"
                           r"[^，,。；;！!？?\n]{0,18}$")
_EQUIPMENT = re.compile(r"(报警器|报警装置|报警仪|报警系统|报警设备|报警和自动切断|报警与自动切断|探测器|检测仪|监测仪|"
                        r"切断阀|自动切断|隐患排查)")
# What leaks may be words, not a substance: 信息泄漏, 个人隐私泄漏 tell of no accident (燃气泄漏 does).
_NOT_A_SUBSTANCE = re.compile(r"(信息|隐私|数据|资料|密码|号码|秘密|内容|试题|考题|题目)$")

CONDITION_KEYS = {
    "tier", "authority", "kind", "topic", "sensitive_topic", "negativity_min", "negativity_max", "relevance_min",
    "views_min", "replies_min", "reposts_min", "likes_min", "signals", "any",
    "deaths_min", "injured_min", "gathered_min", "missing_min", "evacuated_min", "mass_incident", "crime", "rumour",
    "official", "hazard",
}
FACT_COUNTS = {"deaths": "死亡", "injured": "受伤", "gathered": "聚集", "missing": "失联", "evacuated": "转移"}
RULE_KEYS = {"grade", "reason", "when"}
GATE_KEYS = {"negativity_min", "relevance_min", "prominent_tiers", "prominent_negativity_min", "kinds",
             "public_matter_min", "place_only_negativity_min", "channel_emotion_min"}
TOP_KEYS = {"grades", "signals", "rules", "default", "description", "gate", "remit"}
# Emotion at or above this is shown as 网民情绪激烈 (a reason, never a condition).
STRONG_EMOTION = 0.7


def _fact_words(facts: Facts, name: str) -> str:
    """``死亡 2 人``; an evacuation in its own words (a count of 1 only means "someone")."""
    if name == "evacuated" and facts.evacuation:
        return f"群众转移“{facts.evacuation}”"
    return f"{FACT_COUNTS[name]} {getattr(facts, name):,} 人"


@dataclass(frozen=True, slots=True)
class Features:
    """What a rule may look at for one item."""

    tier: str
    kind: str
    topic: str
    negativity: float
    relevance: float
    views: int | None = None
    replies: int | None = None
    reposts: int | None = None
    likes: int | None = None
    signals: dict[str, str] = field(default_factory=dict)  # signal name -> the term found
    facts: Facts = field(default_factory=Facts)
    emotion: float | None = None  # shown in the reasons only
    tier_reason: str | None = None  # where the tier came from when the source registry did not say
    # The level (central, provincial) of a government source above the office: a 省纪委监委's site
    # (classifier.media.TierCall.authority); None for any other source.
    authority: str | None = None


@dataclass(frozen=True, slots=True)
class Gate:
    """Only relevant adverse items are graded by the rules (舆情负面 about the office)."""

    negativity_min: float = 0.0
    relevance_min: float = 0.0
    # A report by a tier the regulation names is graded at a lower bar (as the intake admits it):
    # a 央媒 report on the office that may be adverse is not left at the mildest grade.
    prominent_tiers: tuple[str, ...] = ()
    prominent_negativity_min: float | None = None
    # Source kinds graded whatever their scores: a superior's 转办单 (forwarded) asks the office to act.
    kinds: tuple[str, ...] = ()
    # A post whose only tie to the office is a place it names, that tells of no public matter (the topic
    # head gives every public topic less than this), no event and no complaint, is about private life
    # there (在涟川，剪了个史上最丑的刘海): its relevance is cut (classifier.relevance.PRIVATE_FACTOR). None: off.
    public_matter_min: float | None = None
    # The same post (tied by a place alone, no event, no complaint cue) whose adverse reading rests on the model alone
    # and is weaker than this (在槿溪夜跑遇到一只流浪猫 0.56) is cut the same way: a place's name is no tie to the
    # office, and the model alone reads such posts near its bar. None: off.
    place_only_negativity_min: float | None = None
    # A message on the office's own complaint channel (its 12345 board, 留言板, 信箱, 问政, by the source's
    # name) written in negative feeling as strong as this is a grievance with the office, whatever its words
    # (湿地公园广场舞音响吵死人, 烦死了): a complaint cue. The feeling alone never is; the channel makes it one.
    # None: off.
    channel_emotion_min: float | None = None

    def shortfall(self, f: Features) -> str | None:
        if f.kind in self.kinds:
            return None
        # A death, an injury, a crowd, a mass incident or a rumour in the text is bad news whatever
        # the model's score (a flat 通报 of an accident): the fact itself is the adverse evidence.
        bar = self.negativity_min
        if f.tier in self.prominent_tiers and self.prominent_negativity_min is not None:
            bar = self.prominent_negativity_min
        if f.negativity < bar and not f.facts.adverse:
            return f"未达负面门槛 (负面 {f.negativity:.2f} < {bar:.2f})"
        if f.relevance < self.relevance_min:
            return f"与本单位关联弱 (相关度 {f.relevance:.2f} < {self.relevance_min:.2f})"
        return None


_FACT_FLAGS = ("mass_incident", "crime", "rumour", "official", "hazard")


@dataclass(frozen=True, slots=True)
class Condition:
    tier: tuple[str, ...] = ()
    authority: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    sensitive_topic: bool | None = None
    negativity_min: float | None = None
    negativity_max: float | None = None
    relevance_min: float | None = None
    counts_min: tuple[tuple[str, int], ...] = ()
    signals: tuple[str, ...] = ()
    facts_min: tuple[tuple[str, int], ...] = ()
    mass_incident: bool | None = None
    crime: bool | None = None
    rumour: bool | None = None
    official: bool | None = None
    hazard: bool | None = None
    any: tuple[Condition, ...] = ()
    # The condition compiled once (_compile): the checks it sets, no more. Every rule's conditions are
    # asked for every graded item (~14 calls); walking all eighteen fields each time cost ~10 µs an item.
    _test: Callable[[Features], list[str] | None] = field(default=None, init=False, repr=False, compare=False)
    # What the item must hold for the condition to hold: one of these (signals, a fact) at least; None when
    # nothing is known. Most items hold no signal and no fact: the rules that need one are passed over.
    _needs: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_test", _compile(self))
        object.__setattr__(self, "_needs", _needs(self))

    def match(self, f: Features) -> list[str] | None:
        """The facts that made it hold, in words, or None when it does not hold.

        Every check that is set must hold, in this order: tier, authority, kind, signals, topic,
        sensitive_topic, negativity_min/max, relevance_min, counts, fact counts, fact flags, then one
        of ``any`` (the first that holds). The facts come in the same order.
        """
        return self._test(f)


# A compiled check: False when it fails, else True after adding its facts in words to ``facts``.
_Check = Callable[[Features, list[str]], bool]


def _in(name: str, allowed: tuple[str | None, ...]) -> _Check:
    return lambda f, facts: getattr(f, name) in allowed


def _signals_check(names: tuple[str, ...]) -> _Check:
    def check(f: Features, facts: list[str]) -> bool:
        found = [name for name in names if name in f.signals]
        if not found:
            return False
        facts.extend(f"突发信号 {f.signals[name]}" if name in DEFAULT_SIGNALS else f"{name}“{f.signals[name]}”"
                     for name in found)
        return True
    return check


def _topic_check(topics: tuple[str, ...]) -> _Check:
    def check(f: Features, facts: list[str]) -> bool:
        if f.topic not in topics:
            return False
        facts.append(f"涉及{f.topic}")
        return True
    return check


def _sensitive_check(sensitive: bool, says: bool) -> _Check:
    def check(f: Features, facts: list[str]) -> bool:
        if (f.topic in SENSITIVE) != sensitive:
            return False
        if says:
            facts.append(f"敏感领域 {f.topic}")
        return True
    return check


def _relevance_check(minimum: float) -> _Check:
    def check(f: Features, facts: list[str]) -> bool:
        if f.relevance < minimum:
            return False
        facts.append(f"相关度 {f.relevance:.2f}")
        return True
    return check


def _count_check(name: str, minimum: int) -> _Check:
    word = COUNTS[name]

    def check(f: Features, facts: list[str]) -> bool:
        value = getattr(f, name)
        if value is None or value < minimum:
            return False
        facts.append(f"{word} {value:,}")
        return True
    return check


def _fact_count_check(name: str, minimum: int) -> _Check:
    def check(f: Features, facts: list[str]) -> bool:
        value = getattr(f.facts, name)
        if value is None or value < minimum:
            return False
        facts.append(_fact_words(f.facts, name))
        return True
    return check


def _flag_check(name: str, flag: bool) -> _Check:
    return lambda f, facts: bool(getattr(f.facts, name)) == flag


def _flag_words(c: Condition) -> _Check:
    def check(f: Features, facts: list[str]) -> bool:
        if c.mass_incident:
            facts.append(f"群体性事件“{f.facts.mass_incident}”")
        if c.crime:
            facts.append(f"危害人身安全的案件“{f.facts.crime}”")
        if c.hazard:
            facts.append(f"水库堤坝险情“{f.facts.hazard}”")
        return True
    return check


def _any_check(alternatives: tuple[Condition, ...]) -> _Check:
    tests = tuple(alternative._test for alternative in alternatives)

    def check(f: Features, facts: list[str]) -> bool:
        for test in tests:
            sub = test(f)
            if sub is not None:
                facts.extend(sub)
                return True
        return False
    return check


# The facts whose presence (a truthy value) a condition may need, read in one call.
_PRESENCE = (*FACT_COUNTS, *_FACT_FLAGS)
_PRESENT_VALUES = attrgetter(*_PRESENCE)
_NOTHING: frozenset[str] = frozenset()


def _present(f: Features) -> frozenset[str]:
    """What of :func:`_needs`' names ``f`` holds: "signals" and the facts with a truthy value."""
    values = _PRESENT_VALUES(f.facts)
    if not f.signals and not any(values):
        return _NOTHING
    found = {name for name, value in zip(_PRESENCE, values, strict=True) if value}
    if f.signals:
        found.add("signals")
    return frozenset(found)


def _needs(c: Condition) -> frozenset[str] | None:
    """Names one of which an item holds (:func:`_present`) whenever ``c`` holds; None when none is known.
    A signal named needs a signal; a fact count of at least 1, or a fact flag that must be true, needs the
    fact; ``any`` needs what one of its alternatives needs. Of several, the smallest set."""
    options: list[frozenset[str]] = []
    if c.signals:
        options.append(frozenset({"signals"}))
    options.extend(frozenset({name}) for name, minimum in c.facts_min if minimum >= 1)
    options.extend(frozenset({name}) for name in _FACT_FLAGS if getattr(c, name) is True)
    if c.any:
        alternatives = [alternative._needs for alternative in c.any]
        if all(needs is not None for needs in alternatives):
            options.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
    return min(options, key=len) if options else None


def _compile(c: Condition) -> Callable[[Features], list[str] | None]:
    """:meth:`Condition.match` as a function of the checks ``c`` sets, in match's order."""
    checks: list[_Check] = []
    for name in ("tier", "authority", "kind"):
        if getattr(c, name):
            checks.append(_in(name, getattr(c, name)))
    if c.signals:
        checks.append(_signals_check(c.signals))
    if c.topic:
        checks.append(_topic_check(c.topic))
    if c.sensitive_topic is not None:
        checks.append(_sensitive_check(c.sensitive_topic, c.sensitive_topic and not c.topic))
    if c.negativity_min is not None:
        low = c.negativity_min
        checks.append(lambda f, facts: not f.negativity < low)
    if c.negativity_max is not None:
        high = c.negativity_max
        checks.append(lambda f, facts: not f.negativity > high)
    if c.relevance_min is not None:
        checks.append(_relevance_check(c.relevance_min))
    checks.extend(_count_check(name, minimum) for name, minimum in c.counts_min)
    checks.extend(_fact_count_check(name, minimum) for name, minimum in c.facts_min)
    checks.extend(_flag_check(name, getattr(c, name)) for name in _FACT_FLAGS if getattr(c, name) is not None)
    if c.mass_incident or c.crime or c.hazard:
        checks.append(_flag_words(c))
    if c.any:
        checks.append(_any_check(c.any))
    if len(checks) == 1:
        (only,) = checks

        def test_one(f: Features) -> list[str] | None:
            facts: list[str] = []
            return facts if only(f, facts) else None
        return test_one

    def test(f: Features) -> list[str] | None:
        facts: list[str] = []
        for check in checks:
            if not check(f, facts):
                return None
        return facts
    return test


@dataclass(frozen=True, slots=True)
class Rule:
    grade: str
    reason: str
    when: Condition
    line: int = 0


@dataclass(frozen=True, slots=True)
class GradingRules:
    grades: tuple[str, ...]
    rules: tuple[Rule, ...]
    default: Rule
    signals: dict[str, tuple[str, ...]]
    gate: Gate = Gate()
    # The base topics of the office's own business (a trading centre: 公共资源交易): the scorer files
    # a relevant item under one of them unless the event outranks it. Empty: every topic (a city).
    remit: tuple[str, ...] = ()
    _signal_re: re.Pattern[str] | None = None
    _signal_of: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def gathering_min(self) -> int | None:
        """The fewest people gathered that any rule grades by (gathered_min): the office's reading of 多人聚集, below
        which people standing together are no gathering of its (classifier.scoring: a gathering's topic)."""

        def mins(c: Condition) -> list[int]:
            return [n for k, n in c.facts_min if k == "gathered"] + [n for a in c.any for n in mins(a)]

        found = [n for r in self.rules for n in mins(r.when)]
        return min(found) if found else None

    @property
    def signal_terms(self) -> tuple[str, ...]:
        """Every term of every signal: what :meth:`find_signals` looks for."""
        return tuple(self._signal_of)

    def find_signals(self, text: str, denied: tuple[tuple[int, int], ...] = (),
                     starts: Sequence[int] | None = None) -> dict[str, str]:
        """Emergency signals in ``text``: signal name -> the first term found (negated ones skipped,
        and those inside a claim the text denies: ``denied``, :attr:`classifier.facts.Facts.denied`).

        One pass of one trie pattern over all signals' terms; only at ``starts`` when the caller knows
        where a term may start (classifier.prefilter).
        """
        found: dict[str, str] = {}
        if self._signal_re is None:
            return found
        for m in matches_at(self._signal_re, text, starts):
            if denied and any(s <= m.start() < e for s, e in denied):
                continue
            names = [n for n in self._signal_of[m.group(0)] if n not in found]
            if (_PREVENTION.search(text[max(0, m.start() - 2) : m.start()]) or _EQUIPMENT.match(text, m.end())
                    or _GUARDED_LIST.search(text, max(0, m.start() - 22), m.start())):
                continue
            if m.group(0) == "泄漏" and _NOT_A_SUBSTANCE.search(text[max(0, m.start() - 2) : m.start()]):
                continue
            # 无人员伤亡 is no signal, nor 可能造成人员死亡, 差点爆炸 (classifier.facts.irrealis), nor last
            # year's fire recalled in a report of its repair (classifier.facts.recalled), nor a character's
            # death in a drama or a dream (classifier.facts.fiction), nor hurt feelings (很受伤), nor fans' banners or
            # a celebration's (classifier.facts.celebrating), nor net-speak, an event elsewhere or a death of no
            # casualty (classifier.facts.not_here_and_now).
            if (names and not _NEGATION.search(text[max(0, m.start() - 6) : m.start()])
                    and not irrealis(text, m.start(), m.end()) and not recalled(text, m.start())
                    and not fiction(text, m.start()) and not not_a_harm(text, m.start(), m.group(0))
                    and not fandom(text, m.start(), m.group(0)) and not celebrating(text, m.start(), m.group(0))
                    and not not_here_and_now(text, m.start(), m.group(0), "死亡" in names or "受伤" in names)):
                for name in names:
                    found[name] = m.group(0)
        return found

    def grade(self, f: Features) -> Grade:
        short = self.gate.shortfall(f)
        if short is not None:
            return self._grade(self.default, f, [short])
        present = None
        for rule in self.rules:
            needs = rule.when._needs
            if needs is not None:
                if present is None:
                    present = _present(f)
                if present.isdisjoint(needs):
                    continue  # it cannot hold: it needs a signal or a fact the item does not have
            facts = rule.when._test(f)
            if facts is not None:
                return self._grade(rule, f, facts)
        return self._grade(self.default, f, [])

    def _grade(self, rule: Rule, f: Features, facts: list[str]) -> Grade:
        negativity = f"负面 {f.negativity:.2f}"
        reasons = [rule.reason, *facts]
        if negativity not in reasons:
            reasons.insert(1, negativity)

        def add(text: str | None) -> None:
            if text and text not in reasons:
                reasons.append(text)

        add(f.tier_reason)
        for name in FACT_COUNTS:
            if getattr(f.facts, name):
                add(_fact_words(f.facts, name))
        if f.facts.mass_incident:
            add(f"群体性事件“{f.facts.mass_incident}”")
        if f.facts.crime:
            add(f"危害人身安全的案件“{f.facts.crime}”")
        if f.facts.hazard:
            add(f"水库堤坝险情“{f.facts.hazard}”")
        if f.facts.rumour:
            add(f"网传消息, 待核实 (“{f.facts.rumour}”)")
        if f.facts.official:
            add(f.facts.official)
        if f.emotion is not None and f.emotion >= STRONG_EMOTION:
            add(f"网民情绪激烈 (情绪 {f.emotion:.2f})")  # shown to staff; no rule reads it
        for name, word in COUNTS.items():
            value = getattr(f, name)
            if value:
                add(f"{word} {value:,}")
        return Grade(level=rule.grade, rank=self.grades.index(rule.grade), reasons=tuple(reasons))


def describe(grade: Grade) -> str:
    """``二级: 地方报刊或网络媒体报道, 负面 0.93, 回帖 1,200``."""
    return f"{grade.level}: {', '.join(grade.reasons)}" if grade.reasons else grade.level


# -- loading and checking -------------------------------------------------------------------------
class _Problems:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, node: yaml.Node | None, key: str, message: str) -> None:
        line = f"{node.start_mark.line + 1}" if node is not None else "?"
        self.items.append(f"{self.path.name}:{line}: {key}: {message}")


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    for key_node, value_node in node.value:
        yield str(key_node.value), key_node, value_node


def _plain(node: yaml.Node) -> Any:
    return yaml.safe_load(yaml.serialize(node))


def _strings(node: yaml.Node, key: str, p: _Problems, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
        p.add(node, key, "must be a list of names, e.g. [central, provincial]")
        return ()
    values = tuple(str(n.value) for n in node.value)
    if allowed is not None:
        for n in node.value:
            if str(n.value) not in allowed:
                p.add(n, key, f"unknown value {n.value!r}; use one of {', '.join(allowed)}")
    return values


def _number(node: yaml.Node, key: str, p: _Problems, lo: float, hi: float | None) -> float | None:
    value = _plain(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        p.add(node, key, "must be a number")
        return None
    if value < lo or (hi is not None and value > hi):
        p.add(node, key, f"must be within [{lo}, {hi if hi is not None else '∞'}], got {value}")
        return None
    return value


def _condition(node: yaml.Node, where: str, p: _Problems, signals: dict[str, tuple[str, ...]]) -> Condition:
    if not isinstance(node, yaml.MappingNode):
        p.add(node, where, "must be a map of conditions, e.g. {tier: [central], negativity_min: 0.5}")
        return Condition()
    args: dict[str, Any] = {}
    counts: list[tuple[str, int]] = []
    facts_min: list[tuple[str, int]] = []
    for key, key_node, value in _pairs(node):
        path = f"{where}.{key}"
        if key not in CONDITION_KEYS:
            p.add(key_node, path, f"unknown condition; use one of {', '.join(sorted(CONDITION_KEYS))}")
        elif key == "tier":
            args["tier"] = _strings(value, path, p, TIERS)
        elif key == "authority":
            args["authority"] = _strings(value, path, p, AUTHORITY_LEVELS)
        elif key == "kind":
            args["kind"] = _strings(value, path, p, KINDS)
        elif key == "topic":
            args["topic"] = _strings(value, path, p, BASE_TOPICS)
        elif key == "signals":
            args["signals"] = _strings(value, path, p, tuple(signals))
        elif key == "sensitive_topic":
            flag = _plain(value) if isinstance(value, yaml.ScalarNode) else None
            if not isinstance(flag, bool):
                p.add(value, path, "must be true or false")
            else:
                args["sensitive_topic"] = flag
        elif key in {"negativity_min", "negativity_max", "relevance_min"}:
            args[key] = _number(value, path, p, 0.0, 1.0)
        elif key in {"mass_incident", "crime", "rumour", "official", "hazard"}:
            flag = _plain(value) if isinstance(value, yaml.ScalarNode) else None
            if not isinstance(flag, bool):
                p.add(value, path, "must be true or false")
            else:
                args[key] = flag
        elif key[: -len("_min")] in FACT_COUNTS:
            number = _number(value, path, p, 1, None)
            if number is not None:
                facts_min.append((key[: -len("_min")], int(number)))
        elif key.endswith("_min"):
            number = _number(value, path, p, 0, None)
            if number is not None:
                counts.append((key[: -len("_min")], int(number)))
        elif key == "any":
            if not isinstance(value, yaml.SequenceNode) or not value.value:
                p.add(value, path, "must be a non-empty list of condition maps")
            else:
                args["any"] = tuple(_condition(v, f"{path}[{i}]", p, signals) for i, v in enumerate(value.value))
    return Condition(**{k: v for k, v in args.items() if v is not None}, counts_min=tuple(counts),
                     facts_min=tuple(facts_min))


def _rule(node: yaml.Node, where: str, p: _Problems, grades: tuple[str, ...],
          signals: dict[str, tuple[str, ...]], needs_when: bool) -> Rule | None:
    if not isinstance(node, yaml.MappingNode):
        p.add(node, where, "must be a map with grade, reason and when")
        return None
    seen = {key: (key_node, value) for key, key_node, value in _pairs(node)}
    for key, (key_node, _) in seen.items():
        if key not in RULE_KEYS or (key == "when" and not needs_when):
            allowed = sorted(RULE_KEYS if needs_when else RULE_KEYS - {"when"})
            p.add(key_node, f"{where}.{key}", f"unknown key; use {', '.join(allowed)}")
    grade_node = seen.get("grade", (None, None))[1]
    grade = str(grade_node.value) if isinstance(grade_node, yaml.ScalarNode) else ""
    if not grade:
        p.add(node, f"{where}.grade", "missing: name the grade this rule gives")
    elif grade not in grades:
        p.add(grade_node, f"{where}.grade", f"unknown grade {grade!r}; the grades are {', '.join(grades)}")
    reason_node = seen.get("reason", (None, None))[1]
    reason = str(reason_node.value).strip() if isinstance(reason_node, yaml.ScalarNode) else ""
    if not reason:
        p.add(node, f"{where}.reason", "missing: say in words why the grade applies (shown to staff)")
    when = Condition()
    if needs_when:
        when_node = seen.get("when", (None, None))[1]
        if when_node is None:
            p.add(node, f"{where}.when", "missing: the conditions of this rule")
        else:
            when = _condition(when_node, f"{where}.when", p, signals)
    return Rule(grade, reason, when, node.start_mark.line + 1)


def _parse(path: Path, grade_names: list[str] | None) -> tuple[GradingRules | None, list[str]]:
    p = _Problems(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{path}: missing; copy policies/city-gov/{GRADING_FILE} and edit it"]
    except yaml.YAMLError as exc:
        return None, [f"{path}: not valid YAML: {exc}"]
    if not isinstance(root, yaml.MappingNode):
        return None, [f"{path}: must be a map with grades, rules and default"]
    top = {key: (key_node, value) for key, key_node, value in _pairs(root)}
    for key, (key_node, _) in top.items():
        if key not in TOP_KEYS:
            p.add(key_node, key, f"unknown key; use {', '.join(sorted(TOP_KEYS))}")
    grades: tuple[str, ...] = ()
    if "grades" not in top:
        p.add(root, "grades", "missing: list the grades, gravest first")
    else:
        grades = _strings(top["grades"][1], "grades", p)
        if len(set(grades)) != len(grades):
            p.add(top["grades"][1], "grades", "a grade is listed twice")
    if grade_names is not None and grades and list(grades) != list(grade_names):
        p.add(top["grades"][1] if "grades" in top else root, "grades",
              f"{list(grades)} differ from profile.yaml's grades {list(grade_names)}; list the same names, "
              "gravest first")
    signals = dict(DEFAULT_SIGNALS)
    if "signals" in top:
        node = top["signals"][1]
        if not isinstance(node, yaml.MappingNode):
            p.add(node, "signals", "must map a signal name to a list of terms")
        else:
            # Added to the emergency lexicon; a name it already has gets the terms written here.
            for name, _key_node, value in _pairs(node):
                terms = _strings(value, f"signals.{name}", p)
                if not terms:
                    p.add(value, f"signals.{name}", "needs at least one term")
                signals[name] = terms
    gate = Gate()
    if "gate" in top:
        node = top["gate"][1]
        if not isinstance(node, yaml.MappingNode):
            p.add(node, "gate", "must be a map, e.g. {negativity_min: 0.5, relevance_min: 0.4}")
        else:
            values: dict[str, Any] = {}
            for key, key_node, value in _pairs(node):
                if key not in GATE_KEYS:
                    p.add(key_node, f"gate.{key}", f"unknown key; use {', '.join(sorted(GATE_KEYS))}")
                elif key == "prominent_tiers":
                    values[key] = _strings(value, f"gate.{key}", p, TIERS)
                elif key == "kinds":
                    values[key] = _strings(value, f"gate.{key}", p, KINDS)
                else:
                    number = _number(value, f"gate.{key}", p, 0.0, 1.0)
                    if number is not None:
                        values[key] = float(number)
            if values.get("prominent_negativity_min", 0.0) > values.get("negativity_min", 0.0):
                p.add(node, "gate.prominent_negativity_min", "must not be above gate.negativity_min (it is the "
                      "lower bar for the tiers the regulation names)")
            gate = Gate(**values)
    remit: tuple[str, ...] = ()
    if "remit" in top:
        remit = _strings(top["remit"][1], "remit", p, BASE_TOPICS)
        if not remit:
            p.add(top["remit"][1], "remit", "list the base topics of the office's own business, or leave remit out")
    rules: list[Rule] = []
    if "rules" not in top:
        p.add(root, "rules", "missing: the list of rules, checked in order")
    elif not isinstance(top["rules"][1], yaml.SequenceNode):
        p.add(top["rules"][1], "rules", "must be a list of rules")
    else:
        for i, node in enumerate(top["rules"][1].value):
            rule = _rule(node, f"rules[{i}]", p, grades, signals, needs_when=True)
            if rule is not None:
                rules.append(rule)
    default: Rule | None = None
    if "default" not in top:
        p.add(root, "default", "missing: the grade (and reason) when no rule matches, usually the mildest")
    else:
        default = _rule(top["default"][1], "default", p, grades, signals, needs_when=False)
    if p.items or default is None:
        return None, p.items
    signal_of: dict[str, tuple[str, ...]] = {}
    for name, terms in signals.items():
        for term in terms:
            signal_of[term] = (*signal_of.get(term, ()), name)
    pattern = trie_pattern(signal_of) if signal_of else None
    return GradingRules(grades, tuple(rules), default, signals, gate, remit, pattern, signal_of), []


def check(profile_dir: Path, grade_names: list[str]) -> list[str]:
    """Every problem of ``profile_dir/grading.yaml`` against the profile's grade names, of its
    ``jurisdiction.yaml`` (when there is one) against its region, and of the media registry; [] if none."""
    from classifier import jurisdiction, media

    folder = Path(profile_dir)
    problems = _parse(folder / GRADING_FILE, list(grade_names))[1]
    if (folder / jurisdiction.FILE).exists():
        region = None
        try:
            data = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
            region = str(data["region"]) if isinstance(data, dict) and data.get("region") else None
        except (OSError, yaml.YAMLError):
            pass  # profile.yaml's own problems are the router's check to report
        problems += jurisdiction.check(folder, region)
    return problems + media.check()


def load_rules(profile_dir: Path) -> GradingRules:
    """The rules of a profile folder; :class:`ConfigError` lists every problem."""
    rules, problems = _parse(Path(profile_dir) / GRADING_FILE, None)
    if rules is None:
        raise ConfigError("; ".join(problems))
    return rules
