"""Media tier without configuration: the outlet registry (``reference/media.yaml``) and its use.

A source whose registry entry has no tier (``unknown``), or an item that came through
``yuqing score``, gets the tier its regulation grades by, from (in this order) the source's name,
the URL's host, and the generic names of local media (鞍山日报, 曲阜市融媒体中心). A government
source above the office (a 省纪委监委, a provincial government portal, 中国政府网) is told apart by
its level (``TierCall.authority``): the profiles decide whether it grades like a central or a
provincial report (the seeds name only media). A credit in
the text (据新华社, 来源：人民网, 新华社济宁12月1日电, 央视曝光) raises the tier of a repost by a
portal, a forum or a local site to the outlet credited: the story was carried by that outlet.
Every call says in words where the tier comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from classifier.jurisdiction import LocalOutlet, unknown_keys
from classifier.lexicon import trie_pattern
from classifier.regions import regions, short_name
from core.contracts import Source
from core.errors import ConfigError

REGISTRY = Path(__file__).parent / "reference" / "media.yaml"
TIERS = ("central", "provincial", "prefecture", "county", "portal", "self_media", "government", "unknown")
TIER_WORDS = {"central": "中央级媒体", "provincial": "省级主流媒体", "prefecture": "地市级媒体", "county": "县级媒体",
              "portal": "大型门户网站", "self_media": "自媒体/社交平台", "government": "政府/官方发布",
              "unknown": "来源级别未知"}
# Which credited tier may raise which source tier (graver first). A government source keeps its
# tier: its notice is the office's (or another authority's) own voice, not a repost.
GRAVITY = ("central", "provincial", "portal", "prefecture", "county", "self_media", "unknown")
OUTLET_KEYS = {"name", "aliases", "domains", "tier", "region"}
AUTHORITY_KEYS = {"name", "aliases", "domains", "hosts", "level", "region"}
LEVELS = ("central", "provincial")
LEVEL_WORDS = {"central": "中央", "provincial": "省级"}
# What follows the body's name in a source name: its site, account or app (江西省纪委监委网站).
_CHANNEL = r"(?:网站|门户网站|官网|官方网站|网|微信公众号|公众号|官方微博|微博|客户端)?"
_CHANNEL_END = re.compile(_CHANNEL + "$")
# A credit: the outlet named right after 据/来源/转自..., or right before 记者/报道/电/曝光..., in title marks or
# not (据《四川日报》报道), its reporters by their desk too (四川日报全媒体记者).
_BEFORE_WORDS = ("据", "来源", "来自", "转自", "转载自", "稿源", "摘自", "原载", "原文来自", "via")
_BEFORE = re.compile(r"(?:据|来源[:：]?\s*|来自|转自|转载自|稿源[:：]?\s*|摘自|原载|原文来自|via\s*)《?$")
_AFTER_WORDS = ("记者", "报道", "消息", "讯", "曝光", "调查", "披露", "刊发", "刊文", "发文", "评论", "客户端", "微博",
                "公众号", "官微", "视频", "关注", "点名", "发布")
_AFTER = re.compile(rf"》?(?:\s*(?:全媒体|融媒体|新媒体|首席|特派|特约|见习)?(?:{'|'.join(_AFTER_WORDS)})|"
                    rf"[\u4e00-\u9fff]{{0,6}}\d{{1,2}}月\d{{1,2}}日电|电[（(\s])")
# A credit told as the past (去年央视曝光, 此前新华社报道, 曾被人民日报点名): background of the item, not its source.
_RECALLED = re.compile(r"(?:去年|前年|此前|之前|早前|先前|当年|上月|上个月|多年前|几年前|年初|曾经|曾被|曾遭)"
                       r"[^，,。；;！!？?]{0,2}$")
# Every cue holds one of these words (电: of ……日电 and 电（): a part of the text with none of them
# credits no outlet, and the scan for outlet names, the costly step, is skipped (4 of 5 posts).
_CUE = trie_pattern((*_BEFORE_WORDS, *_AFTER_WORDS, "电"))
# 新华社区, 人民路: the name is the start of a place, not an outlet.
_PLACE_AFTER = re.compile(r"(?:区|镇|村|路|街|小区|社区|大街|广场)")
# Citizens' message boards and forums (on a gov.cn host too): posts, not official notices.
_BOARD = re.compile(r"留言板|留言|信箱|论坛|贴吧|社区|问政|投诉|12345")
# Of those, the office's own complaint channels (临沣12345市民留言板, 人民网领导留言板, 市长信箱, 问政棠沂): not a
# forum, nor a consumer-complaint site (黑猫投诉: private brands). classifier.scoring: gate.channel_emotion_min.
COMPLAINT_CHANNEL = re.compile(r"12345|留言板|信箱|问政")
# Generic local media names: a known place + a media word (鞍山日报, 曲阜市融媒体中心).
_LOCAL_NAME = re.compile(r"^(.{2,8}?)(日报社|日报|晚报|都市报|广播电视台|电视台|新闻网|融媒体中心|融媒|发布)$")
# A city's own news app is named 掌上 + the city (掌上长沙, 掌上温州): local only for the office's own places.
_APP_PREFIX = "掌上"
SCAN = 120
# Source names and hosts remembered per registry (MediaRegistry.authority).
_SOURCE_CACHE = 4096
TAIL = 80


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    tier: str
    names: tuple[str, ...]
    domains: tuple[str, ...] = ()
    region: str = ""
    local: bool = False  # the office's own local media (from its jurisdiction)


@dataclass(frozen=True, slots=True)
class Authority:
    """A party or government body above a city office whose site or account publishes (its level)."""

    name: str
    level: str  # central | provincial
    names: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # host suffixes: the body's own site and its subdomains
    hosts: tuple[str, ...] = ()  # exact hosts (with or without www.): a portal whose subdomains are not all its own
    region: str = ""


@dataclass(frozen=True, slots=True)
class TierCall:
    """The tier an item is graded by and why (``reason`` is None when the source registry said it)."""

    tier: str
    reason: str | None = None
    outlet: Outlet | None = None
    credited: Outlet | None = None
    # The level of a government source above the office (central, provincial), else None.
    authority: str | None = None


def tier_text(tier: str) -> str:
    return TIER_WORDS.get(tier, tier)


# One item's URL is split by several look-ups of one call (by_url, government, authority).
@lru_cache(maxsize=256)
def _host_path(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:
        return "", ""
    return (parts.hostname or "").lower().rstrip("."), parts.path or "/"


# An outlet's last character that starts another word with the next one: 新华社区居委会 is a
# community (社区), not 新华社; 人民网友 are users (网友), not 人民网.
_REREAD: dict[str, frozenset[str]] = {"社": frozenset("区"), "网": frozenset("友民格")}


def _reread(name: str, end: int) -> bool:
    """Whether the name match ending at ``end`` runs into another word (社|区, 网|友)."""
    return 0 < end < len(name) and name[end] in _REREAD.get(name[end - 1], frozenset())


class MediaRegistry:
    def __init__(self, outlets: Iterable[Outlet], government_domains: Iterable[str] = (),
                 government_suffixes: Iterable[str] = (), own_places: Iterable[str] = (),
                 authorities: Iterable[Authority] = (), bodies: Iterable[str] = ()) -> None:
        self.outlets = tuple(outlets)
        self.authorities = tuple(authorities)
        self.bodies = tuple(bodies)
        self._authority_names = {n: a for a in self.authorities for n in (a.name, *a.names)}
        # 江西省纪委监委, 中共江西省纪律检查委员会, 广西壮族自治区人民政府门户网站: a province + a body.
        body = "|".join(re.escape(b) for b in sorted(self.bodies, key=len, reverse=True))
        self._body_name = re.compile(
            rf"^(?:中共|中国共产党)?(?P<place>[\u4e00-\u9fff]{{2,10}}?)(?P<body>{body}){_CHANNEL}$") if body else None
        # The office's own place names: 临沣日报 is a local outlet even where the national table
        # does not know 临沣 (a new or an invented place).
        self.own_places = tuple(own_places)
        self._by_name: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for name in outlet.names:
                # The office's local list wins over the national one for the same name.
                if name not in self._by_name or outlet.local:
                    self._by_name[name] = outlet
        # host suffix → [(path prefix, outlet)], longest path prefix first.
        self._domains: dict[str, list[tuple[str, Outlet]]] = {}
        for o in self.outlets:
            for d in o.domains:
                host, _, path = d.lower().partition("/")
                self._domains.setdefault(host, []).append((path, o))
        for entries in self._domains.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        self._names = trie_pattern(self._by_name) if self._by_name else None
        self.government_domains = tuple(d.lower() for d in government_domains)
        self.government_suffixes = tuple(government_suffixes)
        # A stream's sources repeat (a few hundred names and hosts), and telling whether one is a
        # body above the office reads a regex and every authority's domains (~30 µs): once per name
        # and per host, in caches of this registry (bounded: a name or a host is a few dozen bytes).
        self._authority_named = lru_cache(maxsize=_SOURCE_CACHE)(self._authority_by_name)
        self._authority_at = lru_cache(maxsize=_SOURCE_CACHE)(self._authority_by_host)
        # The outlet a source's name is and whether it names a message board, read once per name too, and
        # the call on a source of a known tier (MediaRegistry.resolve).
        self._source_named = lru_cache(maxsize=_SOURCE_CACHE)(self._source_by_name)
        self._source_call = lru_cache(maxsize=_SOURCE_CACHE)(lambda name, tier: self._by_source(name, tier, ""))

    def with_local(self, media: Iterable[LocalOutlet], places: Iterable[str] = ()) -> MediaRegistry:
        """This registry plus an office's local media (they win on equal names) and place names."""
        local = [Outlet(m.name, m.tier, (m.name, *m.aliases), m.domains, local=True) for m in media]
        return MediaRegistry((*self.outlets, *local), self.government_domains, self.government_suffixes,
                             (*self.own_places, *places), self.authorities, self.bodies)

    # -- look-ups ---------------------------------------------------------------------------------
    def by_name(self, name: str) -> Outlet | None:
        """The outlet a source name is, or belongs to (人民网山东频道 → 人民日报): the longest name inside."""
        name = name.strip()
        if not name:
            return None
        if name in self._by_name:
            return self._by_name[name]
        best: Outlet | None = None
        best_len = 0
        if self._names is not None:
            for m in self._names.finditer(name):
                if _reread(name, m.end()):
                    continue
                if len(m.group(0)) > best_len:
                    best, best_len = self._by_name[m.group(0)], len(m.group(0))
        return best

    def by_url(self, url: str) -> Outlet | None:
        host, path = _host_path(url)
        if not host:
            return None
        labels = host.split(".")
        path = path.lstrip("/")
        for i in range(len(labels) - 1):  # the longest host suffix first: liuyan.people.com.cn
            for prefix, outlet in self._domains.get(".".join(labels[i:]), ()):
                if not prefix or path.startswith(prefix):
                    return outlet
        return None

    def government(self, name: str, url: str) -> str | None:
        """Why a source is a government one (its host or its name), or None."""
        host, _ = _host_path(url) if url else ("", "")
        for d in self.government_domains:
            if host == d or host.endswith("." + d):
                return f"政府网站 {host}"
        for suffix in self.government_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                return f"官方账号 {name}"
        return None

    def authority(self, name: str, url: str) -> tuple[Authority, str] | None:
        """The body above a city office that ``name`` or ``url`` is (a 省纪委监委, a provincial portal,
        中国政府网), with where that was read; None for any other source."""
        name = name.strip()
        named = self._authority_named(name) if name else None
        if named is not None:
            return named, f"信源名称“{name}”"
        host, _ = _host_path(url) if url else ("", "")
        at = self._authority_at(host) if host else None
        return (at, f"网址 {host}") if at is not None else None

    def _source_by_name(self, name: str) -> tuple[Outlet | None, bool]:
        return self.by_name(name), _BOARD.search(name) is not None

    def _authority_by_name(self, name: str) -> Authority | None:
        for candidate in (name, _CHANNEL_END.sub("", name)):
            if candidate in self._authority_names:
                return self._authority_names[candidate]
        m = self._body_name.match(name) if self._body_name is not None else None
        code = _province(m.group("place")) if m is not None else None
        return Authority(name, "provincial", region=code[:2]) if m is not None and code is not None else None

    def _authority_by_host(self, host: str) -> Authority | None:
        bare = host.removeprefix("www.")
        for a in self.authorities:
            if bare in a.hosts or any(host == d or host.endswith("." + d) for d in a.domains):
                return a
        return None

    def _own(self, place: str) -> bool:
        """Whether ``place`` (涟川, 涟川市) is one of the office's own places."""
        return bool(place) and (place in self.own_places or short_name(place) in self.own_places)

    def generic_local(self, name: str) -> Outlet | None:
        """鞍山日报 → a prefecture outlet, 曲阜市融媒体中心 → a county one (by the national table); 掌上 + one of
        the office's places → its local app."""
        name = name.strip()
        if name.startswith(_APP_PREFIX) and self._own(name[len(_APP_PREFIX):]):
            return Outlet(name, "prefecture", (name,), local=True)  # the city's news app: 掌上涟川
        m = _LOCAL_NAME.match(name)
        if not m:
            return None
        place, word = m.group(1), m.group(2)
        if word == "发布":
            return Outlet(name, "government", (name,))
        if self._own(place):
            tier = "county" if place.endswith(("区", "县")) else "prefecture"
            return Outlet(name, tier, (name,), local=True)
        table = regions()
        codes = table.codes_of(place) or table.codes_of(short_name(place))
        if not codes:
            return None
        level = table.by_code[codes[0]].level
        tier = {"province": "provincial", "prefecture": "prefecture", "county": "county"}[level]
        return Outlet(name, tier, (name,), region=codes[0])

    def credit(self, title: str, text: str) -> tuple[Outlet, str] | None:
        """The gravest outlet credited in the title or at the start or end of the text, with the words."""
        if self._names is None:
            return None
        best: tuple[Outlet, str] | None = None
        # Credits stand at the start (新华社……电, 据……报道) or at the end (来源：……) of a text.
        for part in (title, text[:SCAN], text[-TAIL:] if len(text) > SCAN else ""):
            if not part or _CUE.search(part) is None:
                continue
            for m in self._names.finditer(part):
                after = part[m.end():m.end() + 14]
                if _PLACE_AFTER.match(after):
                    continue
                cue_before = _BEFORE.search(part[max(0, m.start() - 8):m.start()])
                cue_after = _AFTER.match(after)
                if not (cue_before or cue_after):
                    continue
                if _RECALLED.search(part[max(0, m.start() - 8):m.start()]):
                    continue  # 去年央视曝光……: an exposé recalled in a later report, not who reports now
                outlet = self._by_name[m.group(0)]
                if outlet.tier not in GRAVITY or outlet.tier in ("self_media", "unknown"):
                    continue
                if best is None or GRAVITY.index(outlet.tier) < GRAVITY.index(best[0].tier):
                    start = m.start() - (len(cue_before.group(0)) if cue_before else 0)
                    end = m.end() + (len(cue_after.group(0)) if cue_after else 0)
                    best = (outlet, part[start:end].strip())
        return best

    def resolve(self, source: Source, url: str, title: str, text: str) -> TierCall:
        """The tier to grade ``source``'s item by, and why."""
        if source.tier in ("unknown", "government"):
            call = self._by_source(source.name, source.tier, url)
        else:
            # A source of a known tier reads neither its URL nor a body above the office: its call is
            # kept per name and tier (a stream's sources repeat), only the credit is read per item.
            call = self._source_call(source.name, source.tier)
        if call.tier == "government":
            return call
        found = self.credit(title, text)
        rank = GRAVITY.index(call.tier if call.tier in GRAVITY else "unknown")
        if found is not None and GRAVITY.index(found[0].tier) < rank:
            credited, words = found
            return TierCall(credited.tier, f"{tier_text(credited.tier)}: {credited.name} (正文“{words}”)",
                            call.outlet, credited, call.authority)
        return call

    def _by_source(self, name: str, tier: str, url: str) -> TierCall:
        """:meth:`resolve` by the source alone (its name, tier and URL), before any credit in the text."""
        reason, level = None, None
        outlet, board = self._source_named(name)
        how = f"信源名称“{name}”"
        above = None if outlet is not None or board or tier not in ("unknown", "government") else \
            self.authority(name, url)
        if above is not None:
            # A body above the office: a government source (its notices are official), of its level.
            body, where = above
            tier, level = "government", body.level
            reason = f"{tier_text(tier)}: {LEVEL_WORDS[level]}{_body_kind(body.name)} {body.name} (据{where})"
        elif tier == "unknown":
            # The source's own name first: an official account on 微博 is official, not a post.
            why = None if outlet is not None or board else self.government(name, "")
            if outlet is None and why is None and board:
                tier, reason = "self_media", f"{tier_text('self_media')}: 网民留言/论坛“{name}”"
            elif why is not None:
                tier, reason = "government", f"{tier_text('government')}: {why}"
            else:
                if outlet is None and url:
                    outlet = self.by_url(url)
                    how = f"网址 {_host_path(url)[0]}"
                if outlet is None:
                    why = self.government("", url)
                    if why is not None:
                        tier, reason = "government", f"{tier_text('government')}: {why}"
                if outlet is None and tier == "unknown":
                    outlet = self.generic_local(name)
                    how = f"信源名称“{name}”"
            if outlet is not None and tier == "unknown":
                tier = outlet.tier
                local = "本地" if outlet.local else ""
                reason = f"{tier_text(tier)}: {local}{outlet.name} (据{how})"
        return TierCall(tier, reason, outlet, None, level)


def _province(place: str) -> str | None:
    """The code of the province ``place`` names (江西省, 江西, 广西壮族自治区), else None."""
    table = regions()
    for name in (place, short_name(place)):
        for code in table.codes_of(name):
            if table.by_code[code].level == "province":
                return code
    return None


def _body_kind(name: str) -> str:
    if any(w in name for w in ("纪委", "监委", "纪律检查", "监察")):
        return "纪检监察机关"
    return "政府网站" if "网" in name else "政府"


# -- loading and checking -------------------------------------------------------------------------
def parse(path: Path = REGISTRY) -> tuple[MediaRegistry | None, list[str]]:
    problems: list[str] = []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return None, [f"{path}: cannot be read: {exc}"]
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        return None, [f"{path}: must have outlets: [...] and government: {{domains, name_suffixes}}"]
    for key in data:
        if key not in {"outlets", "government", "authorities"}:
            problems.append(f"{path.name}: {key}: unknown key; use outlets, government, authorities")
    outlets: list[Outlet] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(data["outlets"]):
        at = f"{path.name}: outlets[{i}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            problems.append(f"{at}: must be a map with name, aliases, domains, tier")
            continue
        problems += unknown_keys(entry, OUTLET_KEYS, f"{at}.")
        tier = str(entry.get("tier", ""))
        if tier not in TIERS or tier == "unknown":
            problems.append(f"{at}.tier: {tier!r}; use one of {', '.join(TIERS[:-1])}")
        names = _claim_names(entry, at, seen, problems)
        outlets.append(Outlet(str(entry["name"]), tier, names, tuple(str(d) for d in entry.get("domains") or []),
                              str(entry.get("region") or "")))
    gov = data.get("government") or {}
    if not isinstance(gov, dict) or set(gov) - {"domains", "name_suffixes"}:
        problems.append(f"{path.name}: government: must be a map with domains and name_suffixes")
        gov = {}
    authorities, bodies = _parse_authorities(data.get("authorities") or {}, path.name, seen, problems)
    registry = MediaRegistry(outlets, gov.get("domains") or (), gov.get("name_suffixes") or (), (), authorities,
                             bodies)
    return (None if problems else registry), problems


def _claim_names(entry: dict, at: str, seen: dict[str, str], problems: list[str]) -> tuple[str, ...]:
    """An entry's name and aliases, each claimed for it in ``seen`` (one name, one outlet or body)."""
    names = (str(entry["name"]), *(str(a) for a in entry.get("aliases") or []))
    for name in names:
        if name in seen and seen[name] != entry["name"]:
            problems.append(f"{at}: {name!r} is already a name of {seen[name]}")
        seen[name] = str(entry["name"])
    return names


def _parse_authorities(data: object, file: str, seen: dict[str, str],
                       problems: list[str]) -> tuple[list[Authority], tuple[str, ...]]:
    if not isinstance(data, dict) or set(data) - {"bodies", "sites"}:
        problems.append(f"{file}: authorities: must be a map with bodies and sites")
        return [], ()
    bodies = tuple(str(b) for b in data.get("bodies") or [])
    out: list[Authority] = []
    for i, entry in enumerate(data.get("sites") or []):
        at = f"{file}: authorities.sites[{i}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            problems.append(f"{at}: must be a map with name, level and domains or hosts")
            continue
        problems += unknown_keys(entry, AUTHORITY_KEYS, f"{at}.")
        level = str(entry.get("level", ""))
        if level not in LEVELS:
            problems.append(f"{at}.level: {level!r}; use one of {', '.join(LEVELS)}")
        if level == "provincial" and regions().name_of(f"{entry.get('region', '')}0000") is None:
            problems.append(f"{at}.region: {entry.get('region')!r} is no province code (two digits, e.g. \"36\")")
        names = _claim_names(entry, at, seen, problems)
        out.append(Authority(str(entry["name"]), level, names[1:], tuple(str(d) for d in entry.get("domains") or []),
                             tuple(str(h) for h in entry.get("hosts") or []), str(entry.get("region") or "")))
    return out, bodies


def check(path: Path = REGISTRY) -> list[str]:
    return parse(path)[1]


@lru_cache(maxsize=1)
def registry() -> MediaRegistry:
    """The shipped registry, read once per process."""
    result, problems = parse()
    if result is None:
        raise ConfigError("; ".join(problems))
    return result
