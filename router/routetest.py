"""``yuqing route test``: the path an item takes through the tree, its receivers and its clocks."""

from __future__ import annotations

from datetime import datetime

from core.taxonomy import BASE_TOPICS
from router import approvals, disclosure
from router.cases import signals_in
from router.policy import SIGNALS, SOURCE_KINDS, SOURCE_TIERS, Labels, Profile
from router.timeutil import now as utcnow

KEYS = ("topic", "grade", "region", "source_kind", "source_tier", "text", "signals")


def labels_from_pairs(profile: Profile, pairs: list[str]) -> Labels:
    """Labels from ``key=value`` words; the topic may be a base topic or one of the profile's."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in KEYS:
            raise ValueError(f"{pair!r}: write key=value with key one of {', '.join(KEYS)}")
        values[key] = value
    base = values.get("topic", "其他")
    if base in profile.topics:
        topic: str | None = base
        base = profile.topics[base][0]
    elif base in BASE_TOPICS:
        topic = profile.base_to_topic.get(base)
    else:
        topic = None
    grade = values.get("grade", profile.grades[-1])
    if grade not in profile.grades:
        raise ValueError(f"grade {grade!r} is not a grade of {profile.name}: {', '.join(profile.grades)}")
    kind = values.get("source_kind", "news")
    tier = values.get("source_tier", "unknown")
    if kind not in SOURCE_KINDS or tier not in SOURCE_TIERS:
        raise ValueError(f"source_kind is one of {', '.join(SOURCE_KINDS)}; "
                         f"source_tier one of {', '.join(SOURCE_TIERS)}")
    text = values.get("text", "")
    if "signals" in values:
        signals = frozenset(s for s in values["signals"].split(",") if s)
        unknown = signals - set(SIGNALS)
        if unknown:
            raise ValueError(f"signals are among {', '.join(SIGNALS)}, not {', '.join(sorted(unknown))}")
    else:
        signals = signals_in(profile, text)
    return Labels(topic=topic, base_topic=base, grade=grade, region=values.get("region") or None,
                  source_kind=kind, source_tier=tier, text=text, signals=signals)


def format_decision(profile: Profile, labels: Labels, at: datetime | None = None) -> str:
    start = at or utcnow()
    if start.tzinfo is None:
        start = start.replace(tzinfo=profile.calendar.tz)
    decision = profile.route(labels, start)

    def name(dept_id: str) -> str:
        dept = profile.departments.get(dept_id)
        return f"{dept.name} ({dept_id})" if dept else dept_id

    lines = [f"策略: {profile.name} {profile.title}",
             f"标签: 主题={labels.topic or labels.base_topic} 分级={labels.grade} 地区={labels.region or '—'} "
             f"来源={labels.source_kind}/{labels.source_tier}"
             + (f" 信号={'、'.join(sorted(labels.signals))}" if labels.signals else ""),
             "路由路径: " + " → ".join(decision.path),
             f"主办: {name(decision.lead)}",
             "会办: " + ("、".join(name(d) for d in decision.assisting) or "—"),
             "抄送: " + ("、".join(name(d) for d in decision.copies) or "—")]
    for reason in decision.reasons:
        lines.append(f"说明: {reason}")
    lines.append(f"时限 (自发现 {profile.calendar.local(start):%Y-%m-%d %H:%M} 起):")
    for spec in decision.clocks:
        due_utc = profile.calendar.due(start, spec.due)
        due = profile.calendar.local(due_utc)
        targets = "、".join(name(profile.resolve_target(t)) for t in spec.escalate_to)
        owner = name(profile.owner_of(spec, decision.lead, labels.region))
        counted = "自发帖" if spec.start == "post" else ""
        line = (f"  {spec.id}: {spec.marked} — {counted}{spec.due.label}，{due:%Y-%m-%d %H:%M} 前；"
                f"责任单位 {owner}")
        if spec.report:
            line += f"；以《{spec.report}》报 " + "、".join(name(profile.resolve_target(t)) for t in spec.to)
        lines.append(line + f"；超时升级至 {targets}")
        if spec.basis:
            lines.append(f"      依据: {spec.basis}")
        if spec.due.working_days:
            warning = profile.calendar.beyond_coverage(start, due_utc)
            if warning:
                lines.append(f"      ⚠ {warning}")
    if not decision.clocks:
        lines.append("  (本分级无时限)")
    for before, heading in ((approvals.RESPOND, "回应前须经:"), (approvals.CLOSE, "办结前须经:")):
        steps = approvals.required(profile.approvals, labels.grade, before=before)
        if steps:
            lines.append(heading)
            lines.extend(f"  {a.id}: {a.describe(profile.departments)}" for a in steps)
    # Steps a person's flag makes required ("必要时", "把握不准"): how to flag, and what then follows.
    flagged = [f for f in profile.flags if f.applies(labels.grade)]
    if flagged:
        lines.append("视情形（yuqing cases flag 标记后）须经:")
    for flag in flagged:
        lines.append(f"  标记 {flag.id}「{flag.name}」" + (f"（{flag.basis}）" if flag.basis else "")
                     + ("（本单位自定）" if flag.choice else ""))
        for a in profile.approvals:
            if a.flag == flag.id and a.applies(labels.grade, {flag.id}):
                heading = "" if a.before == approvals.CLOSE else "回应前，"
                lines.append(f"    {a.id}: {heading}{a.describe(profile.departments, with_flag=False)}")
    rule = profile.disclosure
    if rule is not None:
        # Which 口径 a case of this grade may cite (a flagged one counts once the flag is raised).
        steps = disclosure.citable(rule, profile.approvals, labels.grade, {f.id for f in profile.flags})
        lines.append("对外披露（yuqing cases disclose 登记）:")
        lines.append(f"  {rule.describe(profile.departments, steps)}")
    lines.append("(试路由, 未发送任何消息)")
    return "\n".join(lines)
