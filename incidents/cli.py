"""``yuqing incidents list`` and ``yuqing incidents show ID`` (with the timeline and spread)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import msgspec

from core.errors import ConfigError
from core.settings import StoreSettings
from core.settings import load as load_settings

TIME = "%Y-%m-%d %H:%M"


def register(sub: argparse._SubParsersAction) -> None:
    inc = sub.add_parser("incidents", help="舆情事件: 转载与后续报道归并后的事件列表、详情与传播时间线")
    isub = inc.add_subparsers(dest="incidents_command", required=True, metavar="ACTION")
    lst = isub.add_parser("list", help="事件列表 (按分级与最近更新排序)")
    lst.add_argument("--status", choices=["open", "responded", "closing_proposed"])
    lst.add_argument("--profile")
    lst.add_argument("--min-items", type=int, default=1, help="only incidents with at least this many items")
    lst.add_argument("--limit", type=int, default=50)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_incidents)
    show = isub.add_parser("show", help="事件详情: 指标、分级理由、传播时间线、首发与各级媒体")
    show.add_argument("incident")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_incidents)


class _StoreOnly(msgspec.Struct, frozen=True):
    """The incidents commands read only the shared [store] table of the settings file."""

    store: StoreSettings = StoreSettings()


def _store(args: argparse.Namespace) -> StoreSettings:
    path = Path(args.config) if getattr(args, "config", None) else None
    try:
        return load_settings(_StoreOnly, None, path).store
    except ConfigError as exc:
        raise SystemExit(f"配置错误: {exc}") from exc


def _why(reason: dict[str, Any]) -> str:
    parts = []
    if "similarity" in reason:
        parts.append(f"相似度 {reason['similarity']:.2f}")
    if "title" in reason:
        parts.append("标题相同")
    if reason.get("shared_terms"):
        parts.append("共同要素 " + "、".join(reason["shared_terms"][:5]))
    if reason.get("title_similarity"):
        parts.append(f"标题相似 {reason['title_similarity']:.2f}")
    if reason.get("clock"):
        parts.append(reason["clock"])
    return "; ".join(parts) or reason.get("note", "")


def cmd_incidents(args: argparse.Namespace) -> int:
    from incidents.views import IncidentNotFound, list_incidents, show_incident, to_plain
    from store.db import make_engine, migrate, sessions

    store = _store(args)
    migrate(store)
    engine = make_engine(store)
    try:
        with sessions(engine)() as session:
            if args.incidents_command == "list":
                rows = list_incidents(session, status=args.status, profile=args.profile, min_items=args.min_items,
                                      limit=args.limit)
                if args.json:
                    print(json.dumps(to_plain(rows), ensure_ascii=False, indent=2))
                    return 0
                if not rows:
                    print("暂无事件")
                for r in rows:
                    print(f"{r.id}  {r.grade or '未定级':<4} {r.status_name:<4} 热度 {r.heat_index:5.1f}  "
                          f"{r.items:>4} 条/{r.sources:>3} 源  首发 {r.first_source} "
                          f"{r.first_published_at.strftime(TIME)}  {r.title[:40]}")
                return 0
            try:
                d = show_incident(session, args.incident)
            except IncidentNotFound as exc:
                print(str(exc))
                return 1
            if args.json:
                print(json.dumps(to_plain(d), ensure_ascii=False, indent=2))
                return 0
            s, m = d.summary, d.metrics
            print(f"事件 {s.id}  {s.title}")
            print(f"分级 {s.grade or '未定级'}  状态 {s.status_name}" + (f"  建议降为 {s.suggested_grade}"
                                                                   if s.suggested_grade else ""))
            for reason in d.grade_reasons:
                print(f"  · {reason}")
            print(f"{m.items} 条, {m.sources} 个来源, 最高 {m.top_tier}, 负面占比 {m.negative_share:.0%}, "
                  f"阅读 {m.views:,}, 互动 {m.interactions:,}, 热度 {m.heat_index}, 近一小时 +{m.growth_last_hour}")
            print(f"首发 {m.first_source} ({m.first_tier}) {m.first_published_at.strftime(TIME)}")
            if m.responded_at:
                print(f"已回应 {m.responded_at.strftime(TIME)}; 回应前负面 {m.negativity_before_response}, "
                      f"回应后负面 {m.negativity_after_response}")
            if s.case_id:
                print(f"案件 {s.case_id}")
            print("\n时间线:")
            for t in d.timeline:
                print(f"  {t.published_at.strftime(TIME)}  {t.how_name:<4} [{t.tier}] {t.source}: {t.title[:40]}"
                      f"  ({_why(t.reason)})")
            print("\n逐小时:")
            for h in d.hourly:
                print(f"  {h.hour.strftime(TIME)}  +{h.items} 条 (新来源 {h.new_sources}, 负面 {h.negative}) "
                      f"最高 {h.top_tier}  累计 {h.cumulative_items}")
            print("\n传播路径 (各来源首次):")
            for sp in d.spread:
                print(f"  {sp.first_at.strftime(TIME)}  [{sp.tier}] {sp.source}")
            print("\n记录:")
            for e in d.events:
                print(f"  {e.at.strftime(TIME)}  {e.action}  {json.dumps(e.detail, ensure_ascii=False)[:160]}")
    finally:
        engine.dispose()
    return 0
