"""Relevance: does an item concern this office's jurisdiction and remit?

Evidence is literal and kept in the reasons: the office's bodies and people, its city and the
names people use for it, its districts and counties (GB/T 2260, from the profile's
``jurisdiction.yaml`` plus the office's ``[classifier]`` settings), other places in it, found in the
title or the text; and the source: its region code, or one of the office's local media. A district
name that other cities also have (铁西区) is weak evidence alone. Another city's news naming none
of the office's places scores low even when a local outlet carries it (本地媒体转载外地新闻). A
learned ``relevance`` head (trained on the office's labelled cases) is blended in when the model
has one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from classifier.jurisdiction import Jurisdiction
from classifier.lexicon import TrieSearch, trie_pattern
from classifier.media import COMPLAINT_CHANNEL
from classifier.regions import regions, short_name

# Weight of each kind of evidence; independent pieces combine as 1 - Π(1 - w).
BODY = 0.85
PERSON = 0.75
PLACE_IN_TITLE = 0.8
PLACE_IN_TEXT = 0.6
SHARED_PLACE = 0.3  # a district name other cities have too (铁西区), without the city beside it
REGION = 0.6
LOCAL_SOURCE = 0.5
NO_EVIDENCE = 0.05
ELSEWHERE = 0.02
UNCONFIGURED = 0.5
# What is left of a private post's relevance (classifier.scoring, grading.yaml gate.public_matter_min): under the
# intake's bar, and under its lower bar for a post that spread widely (0.3 in every shipped profile) however close
# its place ties it (0.8 × 0.3 = 0.24), so that reach alone opens no case for private life (a lost cat shared 600
# times). At 0.5 a gated post with 500 replies passed that bar: on every set's items 0.3 took the cases of 7
# emotional posts and 3 good news items, and of one held-out complaint the model read at 0.33 (it kept its
# score and stays in the analysts' view).
PRIVATE_FACTOR = 0.3
# Evidence of the office beyond a place named: its bodies or people, the source's region or outlet, the
# office's own labels (the reasons' openings, as score() writes them).
_OFFICE_EVIDENCE = ("提及本单位", "提及 ", "来源地区", "本地媒体", "本地信源", "模型相关度")
# A forum of the city's name (漠泉论坛, 榛汶吧) as the source: where its people post about anything, a tie to where the
# writer lives, as a place named is; not the office's own complaint channels (media.COMPLAINT_CHANNEL).
_LOCAL_SOURCE = "本地信源 "
_FORUM = re.compile(r"(?:论坛|吧|社区)$")


@dataclass(frozen=True, slots=True)
class Office:
    """An office's own names without a profile's jurisdiction (tests, benchmarks, old callers)."""

    region: str = ""
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.region or self.places or self.bodies or self.people)

    def jurisdiction(self) -> Jurisdiction:
        return Jurisdiction(region=self.region, places=self.places, bodies=self.bodies, people=self.people)


# From this many names on (the places elsewhere in the country: ~3,300), a trie is searched branch by
# branch (classifier.lexicon.TrieSearch: 9x faster there); a short list's pattern is faster by itself.
LONG_LIST = 300


class _Terms:
    """One trie over a group of names → the name found first in a text."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self._re = trie_pattern(names) if names else None
        self._long = TrieSearch(names) if len(names) >= LONG_LIST else None

    def find(self, text: str) -> str | None:
        if self._re is None or not text:
            return None
        if self._long is not None:
            return self._long.search(text)
        m = self._re.search(text)
        return m.group(0) if m else None


# How far into a local outlet's text a province named says where its story happened (the lead).
PROVINCE_LEAD = 60
_FROM_OR_TO = re.compile(r"(?:来自|从|赴|到|去|往|回|至|返)$")
_OUR_CITY = re.compile(r"我市|本市|全市|我县|本县|全县|我区|本区|全区|市委|市政府|市人大|市政协|县委|县政府")
# What follows a province's name when it names a street, a shop, a dish, a school, a guild or a TV station.
_NOT_A_PROVINCE_AFTER = (r"路|街|大道|大街|巷|道|里|村|小区|花园|中学|小学|大学|学院|宾馆|饭店|酒店|大厦|商会|会馆|菜|"
                         r"馆|人家|卫视|台|话|口音|籍")


def rests_on_places(reasons: Sequence[str], forum_is_place: bool = False, from_forum: bool = False) -> bool:
    """Whether relevance with these reasons (RelevanceScorer.score) rests on places named alone, with no
    body, person, region, outlet or learned relevance of the office (提及 X (外地也有同名区县) is a place; with
    ``forum_is_place``, so is a forum of the city as the source: one of the city's name (漠泉论坛), or, for an item
    that came from a forum (``from_forum``), any local source (涧城网, a city's forum named as a site))."""
    return not any(r.startswith(_OFFICE_EVIDENCE) and "外地也有同名区县" not in r
                   and not (forum_is_place and _local_forum(r, from_forum)) for r in reasons)


def _local_forum(reason: str, from_forum: bool) -> bool:
    """Whether ``reason`` names a forum of the city as the source (本地信源 漠泉论坛, or any local source
    ``from_forum``), not one of the office's complaint channels."""
    name = reason.removeprefix(_LOCAL_SOURCE)
    return (name != reason and (from_forum or _FORUM.search(name) is not None)
            and COMPLAINT_CHANNEL.search(name) is None)


class RelevanceScorer:
    def __init__(self, office: Jurisdiction | Office) -> None:
        j = office.jurisdiction() if isinstance(office, Office) else office
        self.jurisdiction = j
        self.configured = bool(j.region or j.name or j.places or j.bodies or j.people or j.divisions)
        # Bodies and people but no place (the school of seed 003 篇一 names neither its town nor its
        # own name): an item naming none of them cannot be called elsewhere.
        self.placeless = not (j.region or j.name or j.places or j.divisions)
        table = regions()
        own: dict[str, str] = {n: "本市" for n in j.own_names}
        if j.name:
            own.setdefault(short_name(j.name), "本市")
        shared: dict[str, str] = {}
        for name, code in j.division_names().items():
            # A district name also used outside the region (铁西区) is weak alone.
            (shared if j.region and table.shared_outside(name, j.region) else own).setdefault(name, code)
        for place in j.places:
            own.setdefault(place, "地名")
        self._bodies = _Terms({b: "本单位" for b in j.bodies})
        self._people = _Terms({p: "人员" for p in j.people})
        self._places = _Terms(own)
        self._shared = _Terms(shared)
        own_names = {*own, *shared, *j.bodies}
        self._elsewhere = _Terms(table.foreign_names(j.region, own_names) if j.region else {})
        # Another province named as where a local outlet's story happened (湖南某景区, 广东一男子, 北京警方): a
        # street, a shop or a TV station named after a province (湖南路, 山东饺子馆, 湖南卫视) is not.
        provinces = {n: c for n, c in table.other_provinces(j.region).items() if n not in own_names} if j.region else {}
        self._province = (re.compile(f"(?:{trie_pattern(provinces).pattern})(?!{_NOT_A_PROVINCE_AFTER})")
                          if provinces else None)
        # (where someone comes from or goes to, 来自广东的游客, 赴浙江考察, is not where it happened: _other_province)
        self._codes = {c for c in (j.region, *(d.code for d in j.divisions)) if c}
        self._region_names = {*own, *shared}

    def _other_province(self, text: str) -> str | None:
        if self._province is None or not text:
            return None
        for m in self._province.finditer(text):
            if _FROM_OR_TO.search(text, max(0, m.start() - 2), m.start()) is None:
                return m.group(0)
        return None

    def names_body(self, name: str) -> bool:
        """Whether ``name`` (a source's) names one of the office's bodies (its bureaus, utilities, schools)."""
        return bool(name) and self._bodies.find(name) is not None

    def score(self, title: str, text: str, regions: tuple[str, ...] = (), learned: float | None = None,
              local_source: str | None = None, source_name: str = "") -> tuple[float, list[str]]:
        """Relevance in [0, 1] and the evidence in words.

        ``regions``: the source's region (code or name) and the item's region hints;
        ``local_source``: the name of the office's local outlet that carried the item, if one did;
        ``source_name``: a source named after the office's place (临沣12345市民留言板, 百度贴吧·济宁吧)
        is local too.
        """
        if not self.configured:
            if learned is not None:
                return learned, [f"模型相关度 {learned:.2f}"]
            return UNCONFIGURED, ["未配置辖区"]
        weights: list[float] = []
        reasons: list[str] = []
        if name := self._bodies.find(title) or self._bodies.find(text):
            weights.append(BODY)
            reasons.append(f"提及本单位 {name}")
        if name := self._people.find(title) or self._people.find(text):
            weights.append(PERSON)
            reasons.append(f"提及 {name}")
        if name := self._places.find(title):
            weights.append(PLACE_IN_TITLE)
            reasons.append(f"标题提及 {name}")
        elif name := self._places.find(text):
            weights.append(PLACE_IN_TEXT)
            reasons.append(f"正文提及 {name}")
        elif name := self._shared.find(title) or self._shared.find(text):
            weights.append(SHARED_PLACE)
            reasons.append(f"提及 {name} (外地也有同名区县)")
        in_text = bool(weights)
        source_weights: list[float] = []
        hit = next((r for r in regions if r and (any(r.startswith(c) or c.startswith(r) for c in self._codes)
                                                 or r in self._region_names)), None)
        if hit:
            source_weights.append(REGION)
            reasons.append(f"来源地区 {hit}")
        if local_source:
            source_weights.append(LOCAL_SOURCE)
            reasons.append(f"本地媒体 {local_source}")
        elif source_name and (self._places.find(source_name) or self._bodies.find(source_name)):
            source_weights.append(LOCAL_SOURCE)
            reasons.append(f"{_LOCAL_SOURCE}{source_name}")
        # A local outlet's 我市, 全市, 市委 is the office's city: its report of a trip elsewhere (我市企业赴深圳招商)
        # is not another city's news.
        ours = bool(local_source) and _OUR_CITY.search(f"{title}。{text[:PROVINCE_LEAD]}") is not None
        elsewhere = None if in_text or ours else (self._elsewhere.find(title) or self._elsewhere.find(text))
        if elsewhere is None and not in_text and not ours and local_source and not hit:
            # Only the office's outlet's own report is read for another province, and only where it says where
            # its story happened (the title, the lead): a citizen's message names provinces in passing (注册地在
            # 北京, 到广东打工) and its board ties it to the office.
            elsewhere = self._other_province(title) or self._other_province(text[:PROVINCE_LEAD])
        if elsewhere and source_weights:
            # A local outlet reporting another city's news: the source says nothing about the story.
            source_weights = []
        weights.extend(source_weights)
        miss = 1.0
        for w in weights:
            miss *= 1.0 - w
        if weights:
            lexical = 1.0 - miss
        elif elsewhere:
            lexical = ELSEWHERE
            reasons.append(f"提及外地 {elsewhere}, 未提及本辖区")
        elif self.placeless:
            lexical = UNCONFIGURED
            reasons.append("未配置辖区地名 (在 [classifier] places 补充本单位所在地)")
        else:
            lexical = NO_EVIDENCE
            reasons.append("未提及本辖区")
        if learned is not None:
            return round(0.5 * lexical + 0.5 * learned, 4), [*reasons, f"模型相关度 {learned:.2f}"]
        return round(lexical, 4), reasons
