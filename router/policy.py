"""Policy profiles: an office's grades, departments, topics, route tree, clocks and calendar as data.

``load(path)`` reads ``profile.yaml`` strictly: unknown keys, undefined departments, topics or
grades, unreachable routes and overlapping clocks are errors that name the line and the fix.
``Profile.route(labels)`` walks the route tree in the manner of Alertmanager: children are tried
in order, the first match wins unless it says ``continue``, a node without a receiver inherits its
parent's. The first matched node's receiver leads (谁主管谁负责); receivers of further matches
assist (会办); ``copy`` receivers along the path and the profile's ``always_copy`` get a copy.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, get_args

import yaml

from core.contracts import Engagement, MediaTier
from core.errors import ConfigError
from core.sourcekinds import ITEM_KINDS
from core.taxonomy import BASE_TOPICS
from core.textfile import TextFileError, expands_beyond, read_text, surrogate_in
from router.approvals import BEFORE, KINDS, LEAD, RECORD, Approval, Flag
from router.disclosure import DisclosureRule
from router.timeutil import (
    DEFAULT_CALENDAR,
    WARN_AHEAD,
    Calendar,
    CalendarError,
    Duration,
    calendar_path,
    in_window,
    load_holidays,
    parse_duration,
    parse_hhmm,
    utc,
)

CASE_STATUSES: tuple[str, ...] = ("新建", "已预警", "已签收", "处置中", "已回应", "办结", "已评估")
# A case is open until 办结: its clocks run and it can still be worked.
OPEN_STATUSES = CASE_STATUSES[:CASE_STATUSES.index("办结")]
SOURCE_KINDS = ITEM_KINDS
SOURCE_TIERS = ("central", "provincial", "prefecture", "county", "portal", "self_media", "government", "unknown")
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


# ---------------------------------------------------------------------------------------------
# YAML with line marks


class _Map(dict):
    line: int = 0
    key_lines: dict[str, int]


class _List(list):
    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """A safe loader whose mappings and lists remember the line of every key and item."""


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool):
            raise ConfigError(f"line {key_node.start_mark.line + 1}: a key must be a word, not a {type(key).__name__}; "
                              "check the braces of a {flow: mapping} — {{ }} is not YAML")
        if key in result:
            raise ConfigError(f"line {key_node.start_mark.line + 1}: key {key!r} appears twice; keep one")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_list(loader: _Loader, node: yaml.SequenceNode) -> _List:
    result = _List(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def _line(obj: Any, key: str | None = None) -> int:
    if key is not None and isinstance(obj, _Map):
        return obj.key_lines.get(key, obj.line)
    return getattr(obj, "line", 0)


# ---------------------------------------------------------------------------------------------
# The profile model


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str = ""
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Duty:
    person: str
    days: frozenset[int]
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: time
    end: time
    # Grades that are sent at once even in quiet hours (the grave ones).
    urgent: frozenset[str]


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str
    region: str | None
    channels: tuple[dict, ...]
    people: tuple[Person, ...]
    duty: tuple[Duty, ...] = ()
    quiet_hours: QuietHours | None = None

    def on_duty(self, local: datetime) -> Person | None:
        """The person on duty (值班) at a local time, by the first matching duty entry."""
        for entry in self.duty:
            if local.weekday() in entry.days and in_window(local.time(), entry.start, entry.end):
                return next((p for p in self.people if p.name == entry.person), None)
        return None

    def quiet(self, local: datetime, grade: str) -> bool:
        q = self.quiet_hours
        return q is not None and grade not in q.urgent and in_window(local.time(), q.start, q.end)


@dataclass(frozen=True, slots=True)
class Labels:
    """What the route tree matches on, taken from a scored item."""

    topic: str | None  # the profile's topic; None when the base topic is not mapped
    base_topic: str
    grade: str
    region: str | None
    source_kind: str
    source_tier: str
    text: str = ""
    # Emergency signals found in the text (死亡, 受伤, 爆炸火灾 …: classifier.grading's lexicon).
    signals: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Matcher:
    topic: frozenset[str] | None = None
    grade: frozenset[str] | None = None
    region_prefix: tuple[str, ...] | None = None
    source_kind: frozenset[str] | None = None
    source_tier: frozenset[str] | None = None
    keywords: tuple[str, ...] | None = None
    signals: frozenset[str] | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, k) is None for k in MATCHER_KEYS)

    def matches(self, labels: Labels) -> bool:
        if self.topic is not None and labels.topic not in self.topic:
            return False
        if self.grade is not None and labels.grade not in self.grade:
            return False
        if self.region_prefix is not None and not (
                labels.region and any(labels.region.startswith(p) for p in self.region_prefix)):
            return False
        if self.source_kind is not None and labels.source_kind not in self.source_kind:
            return False
        if self.source_tier is not None and labels.source_tier not in self.source_tier:
            return False
        if self.signals is not None and not self.signals & labels.signals:
            return False
        return not (self.keywords is not None and not any(k in labels.text for k in self.keywords))

    def covers(self, other: Matcher) -> bool:
        """Whether everything ``other`` matches is matched by this one (then ``other`` is shadowed)."""
        for key in ("topic", "grade", "source_kind", "source_tier", "signals"):
            mine, theirs = getattr(self, key), getattr(other, key)
            if mine is not None and (theirs is None or not theirs <= mine):
                return False
        if self.region_prefix is not None and (other.region_prefix is None or not all(
                any(t.startswith(p) for p in self.region_prefix) for t in other.region_prefix)):
            return False
        return not (self.keywords is not None and (
            other.keywords is None or not set(other.keywords) <= set(self.keywords)))

    def describe(self) -> str:
        parts = []
        for key in MATCHER_KEYS:
            value = getattr(self, key)
            if value is not None:
                parts.append(f"{key}={'|'.join(sorted(value))}")
        return " ".join(parts) or "(全部)"


MATCHER_KEYS = ("topic", "grade", "region_prefix", "source_kind", "source_tier", "keywords", "signals")
# The emergency signals of classifier.grading (a grading.yaml may add its own; these are the defaults).
SIGNALS = ("死亡", "受伤", "爆炸火灾", "事故灾害", "群体聚集")


@dataclass(frozen=True, slots=True)
class Route:
    name: str
    match: Matcher
    receiver: str | None
    copy: tuple[str, ...] = ()
    assist: tuple[str, ...] = ()
    cont: bool = False
    routes: tuple[Route, ...] = ()
    line: int = 0
    # The seed's clause this node encodes, or (``choice``) why the office added it.
    basis: str = ""
    choice: str = ""


@dataclass(frozen=True, slots=True)
class ClockSpec:
    id: str
    name: str
    grades: frozenset[str]
    due: Duration
    remind_before: tuple[Duration, ...] = ()
    # The case status that meets this clock (None: an operator marks it done).
    stop_on: str | None = None
    # Who is told on breach besides the lead: "desk", "leader" or department ids.
    escalate_to: tuple[str, ...] = ("desk", "leader")
    line: int = 0
    # Who owes it (reminded, and told first on breach): ``lead`` (the case's lead), ``local`` (the
    # 属地 office: the department whose region is the longest prefix of the case's region, else
    # the desk), ``desk``, ``leader`` or a department id.
    owner: str = "lead"
    # An upward report: its form (快报, 网上舆情, 专报, 书面报告 …, see router/upward.py) and recipients.
    report: str | None = None
    to: tuple[str, ...] = ()
    # ``discovery`` (the item's fetched_at) or ``post`` (its published_at, when the seed counts from
    # the post; discovery when the post time is unknown).
    start: str = "discovery"
    # Only for cases whose labels match ``when`` and do not match ``unless``.
    when: Matcher | None = None
    unless: Matcher | None = None
    basis: str = ""
    choice: str = ""

    def applies(self, labels: Labels | None) -> bool:
        if labels is None:
            return self.when is None
        if self.when is not None and not self.when.matches(labels):
            return False
        return not (self.unless is not None and self.unless.matches(labels))

    @property
    def marked(self) -> str:
        """The name as users see it: an office's own rule says so."""
        return f"{self.name}（本单位自定）" if self.choice else self.name


@dataclass(frozen=True, slots=True)
class InhibitRule:
    when_open: frozenset[str]
    mute: frozenset[str]


@dataclass(frozen=True, slots=True)
class Silence:
    match: Matcher
    until: datetime
    reason: str
    by: str = ""

    def active(self, at: datetime) -> bool:
        return utc(at) < self.until


@dataclass(frozen=True, slots=True)
class Escalation:
    desk: str
    leader: str


@dataclass(frozen=True, slots=True)
class Prominence:
    """Lower bars for an item carried by a tier the regulation names or spread widely."""

    tiers: frozenset[str] = frozenset()
    views: int | None = None
    replies: int | None = None
    reposts: int | None = None
    min_negativity: float = 0.0
    min_relevance: float = 0.0

    def why(self, tier: str, engagement: Engagement) -> str | None:
        if tier in self.tiers:
            return f"媒体级别 {tier}"
        for name, word in (("views", "阅读"), ("replies", "回帖"), ("reposts", "转发")):
            floor, value = getattr(self, name), getattr(engagement, name)
            if floor is not None and value is not None and value >= floor:
                return f"{word} {value:,}"
        return None


@dataclass(frozen=True, slots=True)
class Intake:
    """Which scored items open a case: adverse-ness (``negativity``) × relevance, with lower bars
    for an item a named tier carried or that spread widely (``prominent``). Emotion never counts:
    a furious post about something else opens nothing. Every item is stored and scored either
    way; one below the intake stays visible to analysts and opens its case when a later revision
    rises above it."""

    min_negativity: float = 0.0
    min_relevance: float = 0.0
    # Items of this grade or a graver one always open a case, whatever their scores.
    always_from_grade: str | None = None
    prominent: Prominence | None = None
    # Items of these source kinds always open a case (``forwarded``: a superior's 转办单).
    always_kinds: frozenset[str] = frozenset()

    def admits(self, negativity: float, relevance: float, rank: int, profile: Profile,
               tier: str = "unknown", engagement: Engagement | None = None, kind: str = "") -> bool:
        if self.always_from_grade is not None and rank <= profile.rank(self.always_from_grade):
            return True
        if kind in self.always_kinds:
            return True
        if negativity >= self.min_negativity and relevance >= self.min_relevance:
            return True
        p = self.prominent
        return (p is not None and negativity >= p.min_negativity and relevance >= p.min_relevance
                and p.why(tier, engagement or Engagement()) is not None)


@dataclass(frozen=True, slots=True)
class Decision:
    """Where an item goes and why: the path through the tree, the receivers, the clocks."""

    topic: str
    grade: str
    lead: str
    assisting: tuple[str, ...]
    copies: tuple[str, ...]
    path: tuple[str, ...]
    reasons: tuple[str, ...]
    clocks: tuple[ClockSpec, ...]
    silence: Silence | None = None

    @property
    def receivers(self) -> tuple[str, ...]:
        return (self.lead, *self.assisting, *self.copies)


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    region: str | None
    grades: tuple[str, ...]
    departments: Mapping[str, Department]
    topics: Mapping[str, tuple[str, ...]]  # profile topic → base topics
    route_tree: Route
    always_copy: tuple[str, ...]
    default_receiver: str
    clocks: tuple[ClockSpec, ...]
    calendar: Calendar
    escalation: Escalation
    inhibit: tuple[InhibitRule, ...] = ()
    silences: tuple[Silence, ...] = ()
    intake: Intake = Intake()
    path: Path | None = None
    base_to_topic: Mapping[str, str] = field(default_factory=dict)
    seed: str = ""
    # Grades whose criteria the seed does not state (the office chose them): grade → why.
    grade_choices: Mapping[str, str] = field(default_factory=dict)
    # Steps a response (or a close) needs (router/approvals.py), in the order they are given.
    approvals: tuple[Approval, ...] = ()
    # Circumstances a person declares on a case that make the steps naming them required.
    flags: tuple[Flag, ...] = ()
    # Interviews and disclosures: who speaks for a case and which 口径 they cite (router/disclosure.py).
    disclosure: DisclosureRule | None = None

    def rank(self, grade: str) -> int:
        return self.grades.index(grade)

    def department(self, dept_id: str) -> Department:
        return self.departments[dept_id]

    def resolve_target(self, target: str) -> str:
        """``desk``/``leader`` name the escalation departments; anything else is a department id."""
        if target == "desk":
            return self.escalation.desk
        if target == "leader":
            return self.escalation.leader
        return target

    def grade_for(self, level: str, rank: int) -> tuple[str, str | None]:
        """The profile grade of a scored item; a foreign level is mapped by its rank, with a reason."""
        if level in self.grades:
            return level, None
        mapped = self.grades[min(max(rank, 0), len(self.grades) - 1)]
        return mapped, f"分级“{level}”不在策略 {self.name} 中，按序号 {rank} 视为“{mapped}”"

    def clocks_for(self, grade: str, labels: Labels | None = None) -> tuple[ClockSpec, ...]:
        """The grade's clocks; with labels, only those whose ``when``/``unless`` hold for the case."""
        return tuple(c for c in self.clocks if grade in c.grades and c.applies(labels))

    def local_office(self, region: str | None) -> str:
        """The 属地 office of a region: the department with the longest region prefix, else the desk."""
        best, length = self.escalation.desk, -1
        for dept in self.departments.values():
            if dept.region and region and region.startswith(dept.region) and len(dept.region) > length:
                best, length = dept.id, len(dept.region)
        return best

    def owner_of(self, spec: ClockSpec, lead: str, region: str | None) -> str:
        """The department that owes a clock of a case led by ``lead`` in ``region``."""
        if spec.owner == "lead":
            return lead
        if spec.owner == "local":
            return self.local_office(region)
        return self.resolve_target(spec.owner)

    def mutes(self, open_grade: str, new_grade: str) -> bool:
        return any(open_grade in r.when_open and new_grade in r.mute for r in self.inhibit)

    def route(self, labels: Labels, at: datetime | None = None) -> Decision:
        reasons: list[str] = []
        grade = labels.grade
        unknown = False
        if labels.topic is None:
            reasons.append(f"主题“{labels.base_topic}”不在策略 {self.name} 的主题中，交默认接收单位")
            unknown = True
        if labels.region and self.region and not labels.region.startswith(self.region):
            reasons.append(f"地区 {labels.region} 不在本辖区 {self.region} 内，交默认接收单位")
            unknown = True
        if unknown:
            # The lead is the default receiver, but the copies a grade or a signal calls for (the
            # 领导小组, the regulators, 主要领导) still go out: nodes that only add copies are walked.
            path = ["默认接收单位"]
            fallback_copies: list[str] = []
            self._copy_nodes(self.route_tree, labels, fallback_copies, path)
            matched: list[tuple[Route, str, tuple[str, ...]]] = [
                (self.route_tree, self.default_receiver, tuple(fallback_copies))]
        else:
            matched = []
            path = [self.route_tree.name]
            self._walk(self.route_tree, labels, self.route_tree.receiver or self.default_receiver,
                       self.route_tree.copy, matched, path)
        # A node that says ``continue`` without a receiver of its own only adds copies (e.g. "every
        # 一级 item is copied to the leading group"); it does not take the lead.
        handlers = [m for m in matched if m[0].receiver is not None or not m[0].cont] or [
            (self.route_tree, self.route_tree.receiver or self.default_receiver, ())]
        lead = handlers[0][1]
        assisting: list[str] = []
        copies: list[str] = []
        for _node, receiver, _copy in handlers:
            if receiver != lead and receiver not in assisting:
                assisting.append(receiver)
        for node, _receiver, copy in matched:
            for extra in node.assist:
                if extra != lead and extra not in assisting:
                    assisting.append(extra)
            copies.extend(copy)
        cc: list[str] = []
        for dept in (*copies, *self.always_copy):
            if dept != lead and dept not in assisting and dept not in cc:
                cc.append(dept)
        silence = None
        moment = at or datetime.now().astimezone()
        for candidate in self.silences:
            if candidate.active(moment) and candidate.match.matches(labels):
                silence = candidate
                reasons.append(f"静默至 {candidate.until.isoformat()}：{candidate.reason}")
                break
        for node in self._nodes_on(path):
            if node.choice:
                reasons.append(f"本单位自定（路由“{node.name}”）：{node.choice}")
        if grade in self.grade_choices:
            reasons.append(f"本单位自定（“{grade}”的认定标准）：{self.grade_choices[grade]}")
        clocks = self.clocks_for(grade, labels)
        for spec in clocks:
            if spec.choice:
                reasons.append(f"本单位自定（时限“{spec.name}”）：{spec.choice}")
        return Decision(
            topic=labels.topic or labels.base_topic, grade=grade, lead=lead, assisting=tuple(assisting),
            copies=tuple(cc), path=tuple(path), reasons=tuple(reasons), clocks=clocks,
            silence=silence)

    def _copy_nodes(self, node: Route, labels: Labels, copies: list[str], path: list[str]) -> None:
        """Collect the copies of matching copy-only nodes (``continue`` without a receiver)."""
        for child in node.routes:
            if child.cont and child.receiver is None and child.match.matches(labels):
                path.append(child.name)
                copies.extend(d for d in child.copy if d not in copies)
                self._copy_nodes(child, labels, copies, path)

    def _nodes_on(self, path: Sequence[str]) -> list[Route]:
        names = set(path)
        found: list[Route] = []
        stack = [self.route_tree]
        while stack:
            node = stack.pop()
            if node.name in names:
                found.append(node)
            stack.extend(node.routes)
        return found

    def _walk(self, node: Route, labels: Labels, receiver: str, copies: tuple[str, ...],
              matched: list[tuple[Route, str, tuple[str, ...]]], path: list[str]) -> None:
        """Descend into the first matching child (and later ones after a ``continue``)."""
        hit = False
        for child in node.routes:
            if not child.match.matches(labels):
                continue
            hit = True
            path.append(child.name)
            self._walk(child, labels, child.receiver or receiver, (*copies, *child.copy), matched, path)
            if not child.cont:
                break
        if not hit:
            matched.append((node, receiver, copies))


# ---------------------------------------------------------------------------------------------
# The strict loader


class PolicyError(ConfigError):
    """A profile is invalid; ``problems`` lists each one with its line and the fix."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}: 策略配置有 {len(problems)} 处错误:\n" + "\n".join(f"  {p}" for p in problems))


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def error(self, line: int, message: str, fix: str) -> None:
        self.problems.append(f"line {line}: {message} — fix: {fix}")

    def keys(self, obj: Any, where: str, allowed: Iterable[str], required: Iterable[str] = ()) -> bool:
        if not isinstance(obj, dict):
            self.error(_line(obj), f"{where} must be a mapping (key: value)", f"write {where} as key: value lines")
            return False
        allowed = tuple(allowed)
        for key in obj:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
                self.error(_line(obj, str(key)), f"unknown key {key!r} in {where}", f"remove it; {hint}")
        for key in required:
            if key not in obj:
                self.error(_line(obj), f"{where} lacks the key {key!r}", f"add {key}: ...")
        return True

    def strings(self, obj: Any, key: str, where: str, *, allow_one: bool = True) -> tuple[str, ...] | None:
        value = obj.get(key) if isinstance(obj, dict) else None
        if value is None:
            return None
        if isinstance(value, str | int) and allow_one:
            return (str(value),)
        if isinstance(value, list) and all(isinstance(v, str | int) for v in value) and value:
            return tuple(str(v) for v in value)
        self.error(_line(obj, key), f"{where}.{key} must be a non-empty list of text",
                   f"write {key}: [a, b]")
        return None


_TOP_KEYS = ("profile", "title", "seed", "region", "grades", "calendar", "departments", "topics",
             "route", "always_copy", "default_receiver", "clocks", "escalation", "inhibit", "silences",
             "intake", "grade_choices", "approvals", "flags", "disclosure")
_APPROVAL_KEYS = ("id", "what", "verb", "by", "grades", "after", "basis", "choice", "kind", "flag", "before", "to",
                  "participants")
_FLAG_KEYS = ("id", "name", "grades", "basis", "choice")
_DISCLOSURE_KEYS = ("kinds", "outlet", "calibers", "figures", "basis", "choice")
_DEPT_KEYS = ("id", "name", "region", "channels", "people", "duty", "quiet_hours")
_ROUTE_KEYS = ("name", "match", "receiver", "copy", "assist", "continue", "routes", "basis", "choice")
_CLOCK_KEYS = ("id", "name", "grades", "due", "remind_before", "stop_on", "escalate_to", "owner", "report", "to",
               "from", "when", "unless", "basis", "choice")
# The forms of upward reports router/upward.py can write.
REPORT_FORMS = ("快报", "网上舆情", "专报", "书面报告", "口头报告", "备案", "续报")


def load(path: Path | str) -> Profile:
    """Load and check a profile: a ``profile.yaml`` file, or a folder holding one."""
    path = Path(path)
    if path.is_dir():
        path = path / "profile.yaml"
    try:
        text = read_text(path)
    except FileNotFoundError as exc:
        raise PolicyError(path, ["line 0: file not found — fix: give a profile.yaml or a profile name"]) from exc
    except (TextFileError, IsADirectoryError, PermissionError) as exc:
        raise PolicyError(path, [f"line 0: {exc}"]) from exc
    try:
        data = yaml.load(text, Loader=_Loader)
    except RecursionError as exc:
        raise PolicyError(path, ["nested too deeply (嵌套过深) — fix: a profile is a few levels deep"]) from exc
    except ConfigError as exc:
        raise PolicyError(path, [str(exc)]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise PolicyError(path, [f"line {line}: not valid YAML: {exc} — fix: correct the syntax"]) from exc
    if expands_beyond(data):
        raise PolicyError(path, ["the document expands to too many values (YAML aliases, a 'billion laughs') — "
                                 "fix: write the values out"])
    where = surrogate_in(data)
    if where is not None:
        raise PolicyError(path, [f"{where}: a lone surrogate (from a \\u escape) is not text — "
                                 "fix: write the character itself"])
    return _build(path, data)


def _build(path: Path, data: Any) -> Profile:
    c = _Checker(path)
    if not c.keys(data, "the profile", _TOP_KEYS,
                  ("profile", "grades", "departments", "topics", "route", "default_receiver", "clocks",
                   "escalation")):
        raise PolicyError(path, c.problems)
    name = str(data.get("profile", path.parent.name))
    region = data.get("region")
    region = str(region) if region is not None else None
    grades = c.strings(data, "grades", "profile", allow_one=False) or ()
    if len(set(grades)) != len(grades):
        c.error(_line(data, "grades"), "a grade is listed twice", "list each grade once, gravest first")
    calendar = _calendar(c, data.get("calendar"), path.parent)
    departments = _departments(c, data.get("departments"), grades)
    topics, base_to_topic = _topics(c, data.get("topics"))

    def dept_ref(obj: Any, key: str, value: str) -> None:
        if value not in departments:
            close = difflib.get_close_matches(value, list(departments), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "define it under departments"
            c.error(_line(obj, key), f"department {value!r} is not defined", hint)

    default_receiver = str(data.get("default_receiver", ""))
    dept_ref(data, "default_receiver", default_receiver)
    always_copy = c.strings(data, "always_copy", "profile") or ()
    for dept in always_copy:
        dept_ref(data, "always_copy", dept)
    tree = _route(c, data.get("route"), "route", grades, topics, dept_ref, root=True)
    _check_nesting(c, tree, {}, None)
    escalation = _escalation(c, data.get("escalation"), dept_ref)
    clocks = _clocks(c, data.get("clocks"), data.get("escalation"), grades, departments, topics)
    inhibit = _inhibit(c, data.get("inhibit"), grades)
    silences = _silences(c, data.get("silences"), grades, topics, calendar)
    intake = _intake(c, data.get("intake"), grades)
    flags = _flags(c, data.get("flags"), grades)
    approvals = _approvals(c, data.get("approvals"), grades, dept_ref, flags)
    for flag_spec in flags:
        if not any(a.flag == flag_spec.id for a in approvals):
            c.error(_line(data, "flags"), f"flag {flag_spec.id!r} is named by no approval",
                    f"add the step it requires under approvals (flag: {flag_spec.id}), or remove the flag")
    disclosure = _disclosure(c, data.get("disclosure"), approvals, dept_ref)
    grade_choices: dict[str, str] = {}
    raw_choices = data.get("grade_choices") or {}
    if not isinstance(raw_choices, dict):
        c.error(_line(data, "grade_choices"), "grade_choices must map grades to why the office chose them",
                "write grade_choices: {特别重大: 为什么}")
        raw_choices = {}
    for grade, why in raw_choices.items():
        if grade not in grades:
            c.error(_line(raw_choices, str(grade)), f"grade {grade!r} is not a grade of this profile",
                    f"use one of {', '.join(grades)}")
        grade_choices[str(grade)] = str(why)
    if c.problems:
        raise PolicyError(path, c.problems)
    return Profile(
        name=name, title=str(data.get("title", name)), region=region, grades=grades, departments=departments,
        topics=topics, route_tree=tree, always_copy=always_copy, default_receiver=default_receiver,
        clocks=clocks, calendar=calendar, escalation=escalation, inhibit=inhibit, silences=silences,
        intake=intake, path=path, base_to_topic=base_to_topic, seed=str(data.get("seed", "")),
        grade_choices=grade_choices, approvals=approvals, flags=flags, disclosure=disclosure)


def _grades_of(c: _Checker, entry: Any, where: str, grades: tuple[str, ...]) -> tuple[str, ...]:
    only = c.strings(entry, "grades", where) or ()
    for grade in only:
        if grade not in grades:
            c.error(_line(entry, "grades"), f"grade {grade!r} is not a grade of this profile",
                    f"use one of {', '.join(grades)}")
    return only


def _flags(c: _Checker, obj: Any, grades: tuple[str, ...]) -> tuple[Flag, ...]:
    if obj is None:
        return ()
    if not isinstance(obj, list):
        c.error(_line(obj), "flags must be a list of case flags", "write flags: [- id: ..., name: ...]")
        return ()
    out: list[Flag] = []
    for entry in obj:
        if not c.keys(entry, "a flag", _FLAG_KEYS, ("id", "name", "basis")):
            continue
        flag_id = str(entry.get("id", ""))
        if any(f.id == flag_id for f in out):
            c.error(_line(entry, "id"), f"flag {flag_id!r} is listed twice", "give each flag its own id")
        only = _grades_of(c, entry, "flag", grades)
        out.append(Flag(id=flag_id, name=str(entry.get("name", "")), grades=frozenset(only),
                        basis=str(entry.get("basis", "")), choice=str(entry.get("choice", ""))))
    return tuple(out)


def _approvals(c: _Checker, obj: Any, grades: tuple[str, ...], dept_ref: Any,
               flags: tuple[Flag, ...] = ()) -> tuple[Approval, ...]:
    if obj is None:
        return ()
    if not isinstance(obj, list):
        c.error(_line(obj), "approvals must be a list of sign-offs", "write approvals: [- id: ..., what: ..., by: ...]")
        return ()
    by_id = {f.id: f for f in flags}
    out: list[Approval] = []
    for entry in obj:
        if not c.keys(entry, "an approval", _APPROVAL_KEYS, ("id", "what", "verb", "by")):
            continue
        approval_id = str(entry.get("id", ""))
        if any(a.id == approval_id for a in out):
            c.error(_line(entry, "id"), f"approval {approval_id!r} is listed twice", "give each sign-off its own id")
        by = c.strings(entry, "by", "approval") or ()
        for dept in by:
            if dept != LEAD:
                dept_ref(entry, "by", dept)
        only = _grades_of(c, entry, "approval", grades)
        after = c.strings(entry, "after", "approval") or ()
        for earlier in after:
            if not any(a.id == earlier for a in out):
                c.error(_line(entry, "after"), f"approval {earlier!r} is not listed before {approval_id!r}",
                        "list the sign-off that comes first above this one")
        kind = str(entry.get("kind", "signoff"))
        if kind not in KINDS:
            c.error(_line(entry, "kind"), f"kind {kind!r} is not a kind of step", f"use one of {', '.join(KINDS)}")
        flag = str(entry.get("flag", ""))
        if "flag" in entry and flag not in by_id:
            close = difflib.get_close_matches(flag, list(by_id), n=1)
            c.error(_line(entry, "flag"), f"flag {flag!r} is not defined",
                    f"did you mean {close[0]!r}?" if close else "define it under flags")
        before = str(entry.get("before", BEFORE[0]))
        if before not in BEFORE:
            c.error(_line(entry, "before"), f"before {before!r} is not a step a case waits on",
                    f"use one of {', '.join(BEFORE)}")
        to = c.strings(entry, "to", "approval") or ()
        for dept in to:
            dept_ref(entry, "to", dept)
        participants = entry.get("participants", False)
        if not isinstance(participants, bool):
            c.error(_line(entry, "participants"), "participants must be true or false",
                    "write participants: true when the record names who took part")
            participants = False
        if (to or participants) and kind != RECORD:
            c.error(_line(entry), f"approval {approval_id!r} has to/participants but is not a record",
                    "write kind: record (a document a department writes and sends)")
        out.append(Approval(id=approval_id, what=str(entry.get("what", "")), verb=str(entry.get("verb", "")), by=by,
                            grades=frozenset(only), after=after, basis=str(entry.get("basis", "")),
                            choice=str(entry.get("choice", "")), kind=kind, flag=flag,
                            flag_name=by_id[flag].name if flag in by_id else "", before=before, to=to,
                            participants=participants))
    return tuple(out)


def _disclosure(c: _Checker, obj: Any, steps: tuple[Approval, ...], dept_ref: Any) -> DisclosureRule | None:
    if obj is None:
        return None
    if not c.keys(obj, "disclosure", _DISCLOSURE_KEYS, ("kinds", "outlet", "calibers", "basis")):
        return None
    kinds = c.strings(obj, "kinds", "disclosure") or ()
    outlet = c.strings(obj, "outlet", "disclosure") or ()
    for dept in outlet:
        if dept != LEAD:
            dept_ref(obj, "outlet", dept)
    calibers = c.strings(obj, "calibers", "disclosure") or ()
    known = {a.id for a in steps}
    for step in calibers:
        if step not in known:
            close = difflib.get_close_matches(step, list(known), n=1)
            c.error(_line(obj, "calibers"), f"approval {step!r} is not defined",
                    f"did you mean {close[0]!r}?" if close else "name a step listed under approvals")
    figures = obj.get("figures", True)
    if not isinstance(figures, bool):
        c.error(_line(obj, "figures"), "figures must be true or false",
                "write figures: true to hold a disclosure's figures to the cited 口径")
        figures = True
    return DisclosureRule(kinds=kinds, outlet=outlet, calibers=calibers, figures=figures,
                          basis=str(obj.get("basis", "")), choice=str(obj.get("choice", "")))


def _calendar(c: _Checker, obj: Any, folder: Path) -> Calendar:
    if obj is None:
        return Calendar()
    if not c.keys(obj, "calendar", ("timezone", "holidays", "extra_holidays", "extra_workdays", "warn_days")):
        return Calendar()
    warn_days = obj.get("warn_days", WARN_AHEAD.days)
    if isinstance(warn_days, bool) or not isinstance(warn_days, int) or not 1 <= warn_days <= 366:
        c.error(_line(obj, "warn_days"), "calendar.warn_days must be a whole number of days from 1 to 366",
                "write warn_days: 60 (warn that long before the holiday file runs out)")
        warn_days = WARN_AHEAD.days
    ahead = timedelta(days=warn_days)
    holidays = None
    try:
        holidays = load_holidays(calendar_path(str(obj.get("holidays", DEFAULT_CALENDAR)), folder))
    except CalendarError as exc:
        for problem in exc.problems:
            c.error(_line(obj, "holidays"), f"holiday file {exc}".split(": ", 1)[0] + f": {problem}",
                    "correct the holiday file, or write holidays: cn-mainland (the shipped one)")
    days: dict[str, frozenset[date]] = {}
    for key in ("extra_holidays", "extra_workdays"):
        values = obj.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, date) and not isinstance(v, datetime)
                                                   for v in values):
            c.error(_line(obj, key), f"calendar.{key} must be a list of dates", f"write {key}: [2026-10-09]")
            values = []
        days[key] = frozenset(values)
    timezone = str(obj.get("timezone", "Asia/Shanghai"))
    try:
        Calendar(timezone=timezone).tz  # noqa: B018 - validates the zone name
    except (KeyError, ValueError):
        c.error(_line(obj, "timezone"), f"unknown time zone {timezone!r}", "write timezone: Asia/Shanghai")
        timezone = "Asia/Shanghai"
    if holidays is None:
        return Calendar(timezone=timezone, extra_holidays=days["extra_holidays"],
                        extra_workdays=days["extra_workdays"], warn_ahead=ahead)
    return Calendar(timezone=timezone, extra_holidays=days["extra_holidays"], extra_workdays=days["extra_workdays"],
                    holidays=holidays, warn_ahead=ahead)


def _departments(c: _Checker, obj: Any, grades: tuple[str, ...]) -> dict[str, Department]:
    from router.channels import CHANNELS

    result: dict[str, Department] = {}
    if not isinstance(obj, list) or not obj:
        c.error(_line(obj), "departments must be a non-empty list", "add - id: ..., name: ... entries")
        return result
    for entry in obj:
        if not c.keys(entry, "a department", _DEPT_KEYS, ("id", "name")):
            continue
        dept_id = str(entry.get("id"))
        if dept_id in result:
            c.error(_line(entry, "id"), f"department id {dept_id!r} is defined twice",
                    "give each department its own id")
        people: list[Person] = []
        for person in entry.get("people") or []:
            if c.keys(person, f"a person of {dept_id}", ("name", "role", "phone", "email"), ("name",)):
                people.append(Person(name=str(person["name"]), role=str(person.get("role", "")),
                                     phone=_opt(person.get("phone")), email=_opt(person.get("email"))))
        names = {p.name for p in people}
        channels: list[dict] = []
        for channel in entry.get("channels") or []:
            if not isinstance(channel, dict) or "kind" not in channel:
                c.error(_line(channel), f"a channel of {dept_id} lacks kind",
                        f"write kind: one of {', '.join(CHANNELS)}")
                continue
            plugin = CHANNELS.get(str(channel["kind"]))
            if plugin is None:
                c.error(_line(channel, "kind"), f"unknown channel kind {channel['kind']!r}",
                        f"use one of {', '.join(CHANNELS)}")
                continue
            c.keys(channel, f"a {plugin.kind} channel of {dept_id}", ("kind", *plugin.required, *plugin.optional),
                   plugin.required)
            channels.append({k: _plain(v) for k, v in channel.items()})
        duty: list[Duty] = []
        for item in entry.get("duty") or []:
            if not c.keys(item, f"a duty entry of {dept_id}", ("person", "days", "from", "to"),
                          ("person", "from", "to")):
                continue
            if str(item["person"]) not in names:
                c.error(_line(item, "person"), f"{item['person']!r} is on duty but not among the people of {dept_id}",
                        "add the person under people")
            day_names = item.get("days", list(WEEKDAYS))
            if not isinstance(day_names, list) or any(str(d) not in WEEKDAYS for d in day_names):
                c.error(_line(item, "days"), "duty days must be a list of mon..sun", "write days: [mon, tue, wed]")
                day_names = []
            try:
                duty.append(Duty(str(item["person"]), frozenset(WEEKDAYS[str(d)] for d in day_names),
                                 parse_hhmm(item["from"]), parse_hhmm(item["to"])))
            except ValueError as exc:
                c.error(_line(item), str(exc), 'write from: "08:30" and to: "17:30"')
        quiet = None
        q = entry.get("quiet_hours")
        if q is not None and c.keys(q, f"quiet_hours of {dept_id}", ("from", "to", "urgent"), ("from", "to")):
            urgent = c.strings(q, "urgent", "quiet_hours") or ()
            for grade in urgent:
                if grade not in grades:
                    c.error(_line(q, "urgent"), f"grade {grade!r} is not a grade of this profile",
                            f"use one of {', '.join(grades)}")
            try:
                quiet = QuietHours(parse_hhmm(q["from"]), parse_hhmm(q["to"]), frozenset(urgent))
            except ValueError as exc:
                c.error(_line(q), str(exc), 'write from: "22:00" and to: "07:00"')
        region = entry.get("region")
        result[dept_id] = Department(
            id=dept_id, name=str(entry["name"]), region=str(region) if region is not None else None,
            channels=tuple(channels), people=tuple(people), duty=tuple(duty), quiet_hours=quiet)
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def _topics(c: _Checker, obj: Any) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    topics: dict[str, tuple[str, ...]] = {}
    base_to_topic: dict[str, str] = {}
    if not isinstance(obj, dict) or not obj:
        c.error(_line(obj), "topics must map each of the profile's topics to base topics",
                "write topics: {住房: [住房]}")
        return topics, base_to_topic
    for topic, bases in obj.items():
        line = _line(obj, str(topic))
        if isinstance(bases, str):
            bases = [bases]
        if not isinstance(bases, list) or not bases:
            c.error(line, f"topic {topic!r} must list the base topics it covers", f"write {topic}: [{topic}]")
            continue
        for base in bases:
            if base not in BASE_TOPICS:
                close = difflib.get_close_matches(str(base), BASE_TOPICS, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(BASE_TOPICS)}"
                c.error(line, f"{base!r} is not a base topic (core/taxonomy.py)", hint)
            elif base in base_to_topic:
                c.error(line, f"base topic {base!r} is mapped to both {base_to_topic[base]!r} and {topic!r}",
                        "map each base topic to one topic of the profile")
            else:
                base_to_topic[base] = str(topic)
        topics[str(topic)] = tuple(str(b) for b in bases)
    return topics, base_to_topic


def _matcher(c: _Checker, obj: Any, where: str, grades: tuple[str, ...], topics: Mapping[str, Any]) -> Matcher:
    if obj is None:
        return Matcher()
    if not c.keys(obj, f"{where}.match", MATCHER_KEYS):
        return Matcher()
    values = {k: c.strings(obj, k, f"{where}.match") for k in MATCHER_KEYS}
    known = {"topic": tuple(topics), "grade": grades, "source_kind": SOURCE_KINDS, "source_tier": SOURCE_TIERS,
             "signals": SIGNALS}
    for key, allowed in known.items():
        for value in values[key] or ():
            if value not in allowed:
                close = difflib.get_close_matches(value, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(allowed)}"
                what = "topic of this profile (see topics)" if key == "topic" else key
                c.error(_line(obj, key), f"{value!r} is not a {what}", hint)
    return Matcher(
        topic=frozenset(values["topic"]) if values["topic"] else None,
        grade=frozenset(values["grade"]) if values["grade"] else None,
        region_prefix=values["region_prefix"],
        source_kind=frozenset(values["source_kind"]) if values["source_kind"] else None,
        source_tier=frozenset(values["source_tier"]) if values["source_tier"] else None,
        keywords=values["keywords"],
        signals=frozenset(values["signals"]) if values["signals"] else None)


def _route(c: _Checker, obj: Any, where: str, grades: tuple[str, ...], topics: Mapping[str, Any],
           dept_ref: Any, root: bool = False) -> Route:
    if not c.keys(obj, where, _ROUTE_KEYS):
        return Route(name=where, match=Matcher(), receiver=None)
    if root and "match" in obj:
        c.error(_line(obj, "match"), "the root route matches everything", "move match: into a child under routes")
    if root and "receiver" not in obj:
        c.error(_line(obj), "the root route needs a receiver", "add receiver: <department id>")
    receiver = obj.get("receiver")
    if receiver is not None:
        dept_ref(obj, "receiver", str(receiver))
    copy = c.strings(obj, "copy", where) or ()
    assist = c.strings(obj, "assist", where) or ()
    for dept in (*copy, *assist):
        dept_ref(obj, "copy" if dept in copy else "assist", dept)
    match = _matcher(c, obj.get("match"), where, grades, topics)
    children: list[Route] = []
    raw_children = obj.get("routes") or []
    if not isinstance(raw_children, list):
        c.error(_line(obj, "routes"), f"{where}.routes must be a list", "write routes: then - entries")
        raw_children = []
    for index, child in enumerate(raw_children):
        children.append(_route(c, child, f"{where}.routes[{index}]", grades, topics, dept_ref))
    # Unreachable: an earlier sibling without continue that matches everything this one does.
    for later_index, later in enumerate(children):
        for earlier in children[:later_index]:
            if not earlier.cont and earlier.match.covers(later.match):
                c.error(later.line,
                        f"route {later.name!r} can never be reached: route {earlier.name!r} (line {earlier.line}) "
                        f"matches everything it does ({later.match.describe()}) and has no continue",
                        f"move {later.name!r} above {earlier.name!r}, narrow {earlier.name!r}, "
                        f"or add continue: true to it")
                break
    name = str(obj.get("name", "根路由" if root else where))
    cont = obj.get("continue", False)
    if not isinstance(cont, bool):
        c.error(_line(obj, "continue"), "continue must be true or false", "write continue: true")
        cont = False
    return Route(name=name, match=match, receiver=str(receiver) if receiver is not None else None, copy=copy,
                 assist=assist, cont=cont, routes=tuple(children), line=_line(obj),
                 basis=str(obj.get("basis", "")), choice=str(obj.get("choice", "")))


_SET_KEYS = ("topic", "grade", "source_kind", "source_tier")


def _check_nesting(c: _Checker, node: Route, context: dict[str, tuple[frozenset[str], Route]],
                   regions: tuple[tuple[str, ...], Route] | None) -> None:
    """A child that asks for what its ancestors already ruled out can never be reached."""
    for child in node.routes:
        inner = dict(context)
        for key in _SET_KEYS:
            wanted = getattr(child.match, key)
            if wanted is None:
                continue
            outer = context.get(key)
            if outer is not None and not wanted & outer[0]:
                c.error(child.line,
                        f"route {child.name!r} can never be reached: it needs {key} {'|'.join(sorted(wanted))} but "
                        f"route {outer[1].name!r} (line {outer[1].line}) above it only lets "
                        f"{'|'.join(sorted(outer[0]))} through",
                        f"move {child.name!r} out of {outer[1].name!r} or correct its {key}")
            inner[key] = (wanted & outer[0] if outer else wanted, child)
        inner_regions = regions
        prefixes = child.match.region_prefix
        if prefixes is not None:
            overlap = regions is None or any(p.startswith(q) or q.startswith(p) for p in prefixes for q in regions[0])
            if not overlap and regions is not None:
                c.error(child.line,
                        f"route {child.name!r} can never be reached: region {'|'.join(prefixes)} lies outside "
                        f"{'|'.join(regions[0])} of route {regions[1].name!r} (line {regions[1].line})",
                        f"move {child.name!r} out of {regions[1].name!r} or correct its region_prefix")
            inner_regions = (prefixes, child)
        _check_nesting(c, child, inner, inner_regions)


def _escalation(c: _Checker, obj: Any, dept_ref: Any) -> Escalation:
    if not c.keys(obj, "escalation", ("desk", "leader", "unacknowledged"), ("desk", "leader")):
        return Escalation(desk="", leader="")
    desk, leader = str(obj["desk"]), str(obj["leader"])
    dept_ref(obj, "desk", desk)
    dept_ref(obj, "leader", leader)
    return Escalation(desk=desk, leader=leader)


def _clocks(c: _Checker, obj: Any, escalation: Any, grades: tuple[str, ...],
            departments: Mapping[str, Department], topics: Mapping[str, Any]) -> tuple[ClockSpec, ...]:
    result: list[ClockSpec] = []
    if not isinstance(obj, list):
        c.error(_line(obj), "clocks must be a list", "write clocks: then - id: ..., grades: [...], due: 4h")
        return ()
    for entry in obj:
        if not c.keys(entry, "a clock", _CLOCK_KEYS, ("id", "name", "grades", "due")):
            continue
        spec = _clock(c, entry, grades, departments, topics)
        if spec is not None:
            result.append(spec)
    # The escalation chain when nobody acknowledges: clocks met by 签收.
    steps = escalation.get("unacknowledged") if isinstance(escalation, dict) else None
    for index, step in enumerate(steps or []):
        if not c.keys(step, "an unacknowledged step", ("after", "to", "grades"), ("after", "to")):
            continue
        target = str(step["to"])
        entry = {"id": f"ack-{index + 1}", "name": f"签收（{step['after']}未签收升级）", "due": step["after"],
                 "grades": step.get("grades", list(grades)), "stop_on": "已签收", "escalate_to": [target]}
        spec = _clock(c, _with_lines(entry, step), grades, departments, topics)
        if spec is not None:
            result.append(spec)
    # Overlapping: the same clock twice for one grade.
    seen: dict[tuple[str, str], ClockSpec] = {}
    for spec in result:
        for grade in sorted(spec.grades):
            other = seen.get((spec.id, grade))
            if other is not None:
                c.error(spec.line, f"clock {spec.id!r} for grade {grade!r} is also defined on line {other.line}",
                        "give the clocks different ids, or split their grades")
            seen[(spec.id, grade)] = spec
    return tuple(result)


def _with_lines(entry: dict, like: Any) -> _Map:
    result = _Map(entry)
    result.line = _line(like)
    result.key_lines = dict(getattr(like, "key_lines", {}))
    return result


def _clock(c: _Checker, entry: Any, grades: tuple[str, ...], departments: Mapping[str, Department],
           topics: Mapping[str, Any]) -> ClockSpec | None:
    clock_grades = c.strings(entry, "grades", f"clock {entry.get('id')}") or ()
    for grade in clock_grades:
        if grade not in grades:
            c.error(_line(entry, "grades"), f"grade {grade!r} is not a grade of this profile",
                    f"use one of {', '.join(grades)}")
    try:
        due = parse_duration(entry["due"])
    except ValueError as exc:
        c.error(_line(entry, "due"), str(exc), "write due: 4h (or 5wd for working days)")
        return None
    reminders: list[Duration] = []
    for text in entry.get("remind_before") or []:
        try:
            reminder = parse_duration(text)
        except ValueError as exc:
            c.error(_line(entry, "remind_before"), str(exc), "write remind_before: [15m]")
            continue
        if reminder.working_days or reminder.end_of_day:
            c.error(_line(entry, "remind_before"), "a reminder is a wall-clock time before due",
                    "write remind_before: [1h]")
            continue
        if not due.working_days and not due.end_of_day and reminder.minutes >= due.minutes:
            c.error(_line(entry, "remind_before"),
                    f"reminder {reminder.text} before a {due.text} deadline would come before the clock starts",
                    "make the reminder shorter than the deadline")
            continue
        reminders.append(reminder)
    stop_on = entry.get("stop_on")
    if stop_on is not None and stop_on not in CASE_STATUSES[1:]:
        c.error(_line(entry, "stop_on"), f"stop_on {stop_on!r} is not a case status",
                f"use one of {', '.join(CASE_STATUSES[1:])}")
    escalate_to = c.strings(entry, "escalate_to", "clock") or ("desk", "leader")
    for target in escalate_to:
        if target not in ("desk", "leader") and target not in departments:
            c.error(_line(entry, "escalate_to"), f"escalation target {target!r} is not desk, leader or a department",
                    "write desk, leader or a department id")
    owner = str(entry.get("owner", "lead"))
    if owner not in ("lead", "local", "desk", "leader") and owner not in departments:
        c.error(_line(entry, "owner"), f"owner {owner!r} is not lead, local, desk, leader or a department",
                "write owner: lead (the case's lead), local (the 属地 office), desk, leader or a department id")
    to = c.strings(entry, "to", "clock") or ()
    for target in to:
        if target not in ("desk", "leader") and target not in departments:
            c.error(_line(entry, "to"), f"report recipient {target!r} is not desk, leader or a department",
                    "write to: [a department id]")
    report = entry.get("report")
    if report is not None and str(report) not in REPORT_FORMS:
        c.error(_line(entry, "report"), f"report form {report!r} is unknown", f"use one of {', '.join(REPORT_FORMS)}")
    if report is not None and not to:
        c.error(_line(entry, "report"), "an upward report needs its recipients", "add to: [department ids]")
    start = str(entry.get("from", "discovery"))
    if start not in ("discovery", "post"):
        c.error(_line(entry, "from"), f"from {start!r} is neither discovery nor post",
                "write from: discovery (the item was found) or from: post (it was published)")
    when = _matcher(c, entry["when"], f"clock {entry.get('id')}.when", grades, topics) if "when" in entry else None
    unless = (_matcher(c, entry["unless"], f"clock {entry.get('id')}.unless", grades, topics)
              if "unless" in entry else None)
    return ClockSpec(id=str(entry["id"]), name=str(entry["name"]), grades=frozenset(clock_grades), due=due,
                     remind_before=tuple(sorted(reminders, key=lambda d: -d.minutes)), stop_on=stop_on,
                     escalate_to=tuple(escalate_to), line=_line(entry), owner=owner,
                     report=str(report) if report is not None else None,
                     to=tuple(to), start=start, when=when, unless=unless, basis=str(entry.get("basis", "")),
                     choice=str(entry.get("choice", "")))


def _intake(c: _Checker, obj: Any, grades: tuple[str, ...]) -> Intake:
    if obj is None:
        return Intake()
    if not c.keys(obj, "intake", ("min_negativity", "min_relevance", "always_from_grade", "prominent",
                                  "always_kinds")):
        return Intake()
    values: dict[str, Any] = {}
    for key in ("min_negativity", "min_relevance"):
        value = obj.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            c.error(_line(obj, key), f"intake.{key} must be a number within [0, 1]", f"write {key}: 0.5")
            value = 0.0
        values[key] = float(value)
    values["prominent"] = _prominence(c, obj.get("prominent"), values)
    grade = obj.get("always_from_grade")
    if grade is not None and str(grade) not in grades:
        c.error(_line(obj, "always_from_grade"), f"intake.always_from_grade {grade!r} is not a grade of the profile",
                f"use one of {', '.join(grades)}")
        grade = None
    kinds = c.strings(obj, "always_kinds", "intake") or ()
    for kind in kinds:
        if kind not in SOURCE_KINDS:
            c.error(_line(obj, "always_kinds"), f"intake.always_kinds: {kind!r} is not a source kind",
                    f"use one of {', '.join(SOURCE_KINDS)}")
    return Intake(always_from_grade=str(grade) if grade is not None else None, always_kinds=frozenset(kinds),
                  **values)


def _prominence(c: _Checker, obj: Any, bars: dict[str, float]) -> Prominence | None:
    if obj is None:
        return None
    keys = ("tiers", "views", "replies", "reposts", "min_negativity", "min_relevance")
    if not c.keys(obj, "intake.prominent", keys):
        return None
    tiers = c.strings(obj, "tiers", "intake.prominent") or ()
    for tier in tiers:
        if tier not in get_args(MediaTier):
            c.error(_line(obj, "tiers"), f"intake.prominent.tiers: {tier!r} is not a media tier",
                    f"use some of {', '.join(get_args(MediaTier))}")
    counts: dict[str, int | None] = {}
    for key in ("views", "replies", "reposts"):
        value = obj.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            c.error(_line(obj, key), f"intake.prominent.{key} must be a whole number >= 0", f"write {key}: 500")
            value = None
        counts[key] = value
    lower: dict[str, float] = {}
    for key in ("min_negativity", "min_relevance"):
        value = obj.get(key, bars[key])
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= bars[key]:
            c.error(_line(obj, key), f"intake.prominent.{key} must be a number within [0, intake.{key}]",
                    f"write {key}: 0.3 (a lower bar than intake.{key})")
            value = bars[key]
        lower[key] = float(value)
    return Prominence(tiers=frozenset(tiers), **counts, **lower)


def _inhibit(c: _Checker, obj: Any, grades: tuple[str, ...]) -> tuple[InhibitRule, ...]:
    rules = []
    for entry in obj or []:
        if not c.keys(entry, "an inhibit rule", ("when_open", "mute"), ("when_open", "mute")):
            continue
        when_open = c.strings(entry, "when_open", "inhibit") or ()
        mute = c.strings(entry, "mute", "inhibit") or ()
        for key, values in (("when_open", when_open), ("mute", mute)):
            for grade in values:
                if grade not in grades:
                    c.error(_line(entry, key), f"grade {grade!r} is not a grade of this profile",
                            f"use one of {', '.join(grades)}")
        rules.append(InhibitRule(frozenset(when_open), frozenset(mute)))
    return tuple(rules)


def _silences(c: _Checker, obj: Any, grades: tuple[str, ...], topics: Mapping[str, Any],
              calendar: Calendar) -> tuple[Silence, ...]:
    result = []
    for entry in obj or []:
        if not c.keys(entry, "a silence", ("match", "until", "reason", "by"), ("match", "until", "reason")):
            continue
        until = entry["until"]
        if isinstance(until, str):
            try:
                until = datetime.fromisoformat(until)
            except ValueError:
                until = None
        if not isinstance(until, datetime):
            c.error(_line(entry, "until"), "until must be a date and time", "write until: 2026-12-01T18:00:00+08:00")
            continue
        if until.tzinfo is None:
            until = until.replace(tzinfo=calendar.tz)
        if not str(entry.get("reason", "")).strip():
            c.error(_line(entry, "reason"), "a silence needs a reason", "write reason: 为什么静默")
        result.append(Silence(match=_matcher(c, entry.get("match"), "silence", grades, topics), until=utc(until),
                              reason=str(entry["reason"]), by=str(entry.get("by", ""))))
    return tuple(result)


def check_grading(profile_dir: Path, grades: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The classifier's cross-check of ``grading.yaml`` against the grades: (problems, notes).

    ``classifier.grading.check`` is another package's; it is imported lazily and skipped with a
    note when it is not there yet.
    """
    import importlib

    try:
        grading = importlib.import_module("classifier.grading")
    except ModuleNotFoundError as exc:
        if exc.name not in ("classifier", "classifier.grading"):
            raise
        return [], ["note: classifier.grading is not installed; grading.yaml was not cross-checked"]
    check = getattr(grading, "check", None)
    if check is None:
        return [], ["note: classifier.grading.check does not exist yet; grading.yaml was not cross-checked"]
    try:
        result = check(profile_dir, list(grades))
    except ConfigError as exc:
        return [str(exc)], []
    if not result:
        return [], ["grading.yaml, jurisdiction.yaml, 媒体级别登记表: ✓ (classifier.grading.check)"]
    return ([result] if isinstance(result, str) else [str(r) for r in result]), []
