"""The national table of administrative divisions (GB/T 2260): codes, names, and their short forms.

Used to check a profile's jurisdiction (a code exists and carries the name given), to tell names
shared by several places (铁西区 is in 鞍山 and in 沈阳) from unique ones, and to recognise other
places named in an item (other cities' news is not the office's).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "reference" / "regions.txt"
# Suffixes dropped to get the short name people use (济宁市 → 济宁, 兖州区 → 兖州).
# Short prefecture names that are also ordinary words (大同小异, 长治久安, 三明治): not taken alone
# as another place named in a text.
COMMON_WORDS = frozenset({"大同", "三明", "来宾", "中山", "北海", "白银", "阿里", "安康", "长治", "日照", "黄山",
                          "玉树", "朝阳", "吉林", "海南", "海东", "海北", "海西", "开封", "东方", "白山",
                          "南平", "新余"})
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "新区", "省", "市", "区", "县", "盟", "旗")


def short_name(name: str) -> str:
    """济宁市 → 济宁, 岫岩满族自治县 → 岫岩 (ethnic names dropped), 城区 → 城区 (too short to strip)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            core = name[: -len(suffix)]
            # 岫岩满族自治县 → 岫岩: cut at the first ethnic-group name ending in 族.
            cut = core.find("族")
            if suffix.startswith("自治") and cut > 2:
                core = core[: max(2, cut - 1)]
            return core
    return name


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"

    @property
    def short(self) -> str:
        return short_name(self.name)


class Regions:
    def __init__(self, divisions: list[Division]) -> None:
        self.divisions = divisions
        self.by_code = {d.code: d for d in divisions}
        self._codes_of: dict[str, list[str]] = {}
        for d in divisions:
            for name in {d.name, d.short}:
                self._codes_of.setdefault(name, []).append(d.code)

    def name_of(self, code: str) -> str | None:
        d = self.by_code.get(code)
        return d.name if d else None

    def codes_of(self, name: str) -> list[str]:
        return list(self._codes_of.get(name, ()))

    def shared_outside(self, name: str, prefix: str) -> bool:
        """Whether ``name`` also names a division outside ``prefix`` (铁西区 outside 2103)."""
        return any(not code.startswith(prefix) for code in self._codes_of.get(name, ()))

    def other_provinces(self, own_prefix: str) -> dict[str, str]:
        """Names of the provinces (and municipalities) other than the one of ``own_prefix``, full and short
        (湖南省, 湖南; 北京市, 北京): name → code."""
        out: dict[str, str] = {}
        for d in self.divisions:
            if d.level == "province" and not (own_prefix and d.code[:2] == own_prefix[:2]):
                for name in (d.name, d.short):
                    if len(name) >= 2:
                        out.setdefault(name, d.code)
        return out

    def foreign_names(self, own_prefix: str, own_names: set[str]) -> dict[str, str]:
        """Names of prefectures and counties outside ``own_prefix``: name → code.

        Prefectures by full and short name (鞍山市, 鞍山); counties by full name only (short county
        names are too often ordinary words). Names that are also ours, or two characters of a
        common word inside a longer one of ours, are left out.
        """
        out: dict[str, str] = {}
        for d in self.divisions:
            if (own_prefix and d.code.startswith(own_prefix)) or d.level == "province":
                continue
            names = [d.name] if d.level == "county" else [d.name, d.short]
            for name in names:
                too_short = len(name) < (3 if d.level == "county" else 2)
                if too_short or name in COMMON_WORDS or name in own_names or any(name in own for own in own_names):
                    continue
                if own_prefix and any(c.startswith(own_prefix) for c in self._codes_of.get(name, ())):
                    continue
                out.setdefault(name, d.code)
        return out


@lru_cache(maxsize=1)
def regions() -> Regions:
    divisions = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, _, name = line.partition("\t")
        divisions.append(Division(code.strip(), name.strip()))
    return Regions(divisions)
