"""An office's jurisdiction as data: ``policies/<profile>/jurisdiction.yaml``.

Every shipped profile carries its office's place (region code, the names people use for it), its
districts and counties with their GB/T 2260 codes, other places (development zones, towns), its
bodies, people, and local media; so an office that picks ``jining-ggzy`` gets relevance without
configuring anything. The office's ``[classifier]`` settings extend it (``places``, ``bodies``,
``people``) or override it (``region``). ``check`` validates a file strictly: unknown keys, codes
outside the region or unknown to the national table, a code carrying another name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from classifier.regions import regions, short_name
from core.errors import ConfigError

FILE = "jurisdiction.yaml"
TOP_KEYS = {"region", "name", "aliases", "divisions", "places", "bodies", "people", "media", "description"}
DIVISION_KEYS = {"code", "name", "aliases"}
MEDIA_KEYS = {"name", "aliases", "domains", "tier", "division"}
LOCAL_TIERS = ("provincial", "prefecture", "county", "government", "self_media")


@dataclass(frozen=True, slots=True)
class LocalOutlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    tier: str = "prefecture"


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """What the office's relevance and local media tiers are built from."""

    region: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    divisions: tuple[Division, ...] = ()
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    media: tuple[LocalOutlet, ...] = ()
    source: str = ""  # where it was read from, for reasons and logs

    @property
    def own_names(self) -> tuple[str, ...]:
        """The jurisdiction's own names: the city and what people call it."""
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n))

    def division_names(self) -> dict[str, str]:
        """Every name of a district or county → its code (full names, short names, aliases)."""
        out: dict[str, str] = {}
        for d in self.divisions:
            for n in (d.name, short_name(d.name), *d.aliases):
                if len(n) >= 2:
                    out.setdefault(n, d.code)
        return out

    def local_media(self) -> tuple[LocalOutlet, ...]:
        """The listed local media plus the names every city's and county's media go by
        (济宁日报, 济宁晚报, 济宁新闻网, 济宁广播电视台, 曲阜市融媒体中心 ...)."""
        out = list(self.media)
        seen = {n for o in out for n in (o.name, *o.aliases)}
        city = short_name(self.name) if self.name else ""
        if city:
            names = [f"{city}日报", f"{city}晚报", f"{city}新闻网", f"{city}广播电视台", f"{city}电视台",
                     f"{self.name}融媒体中心", f"{city}融媒"]
            names = [n for n in names if n not in seen]
            if names:
                out.append(LocalOutlet(names[0], tuple(names[1:]), (), "prefecture"))
        for d in self.divisions:
            short = short_name(d.name)
            names = [n for n in (f"{d.name}融媒体中心", f"{short}融媒", f"{d.name}广播电视台", f"{short}电视台",
                                 f"{short}新闻网") if n not in seen]
            if names:
                out.append(LocalOutlet(names[0], tuple(names[1:]), (), "county"))
        return tuple(out)

    def extended(self, region: str = "", places: tuple[str, ...] = (), bodies: tuple[str, ...] = (),
                 people: tuple[str, ...] = ()) -> Jurisdiction:
        """The office's own settings on top: more places, bodies, people; another region code."""
        def more(base: tuple[str, ...], added: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*base, *added)))

        return Jurisdiction(region=region or self.region, name=self.name, aliases=self.aliases,
                            divisions=self.divisions, places=more(self.places, places),
                            bodies=more(self.bodies, bodies), people=more(self.people, people), media=self.media,
                            source=self.source + (" + [classifier]" if (region or places or bodies or people) else ""))


# -- loading and checking -------------------------------------------------------------------------
def unknown_keys(entry: dict[str, Any], allowed: frozenset[str] | set[str], prefix: str) -> list[str]:
    """One problem per key of ``entry`` that ``allowed`` does not name, each prefixed with where it is."""
    return [f"{prefix}{key}: unknown key; use {', '.join(sorted(allowed))}" for key in entry if key not in allowed]


def _strings(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) and str(v).strip() for v in value):
        problems.append(f"{where}: must be a list of names, e.g. [济宁, 孔孟之乡]")
        return ()
    return tuple(str(v).strip() for v in value)


def parse(path: Path, profile_region: str | None = None) -> tuple[Jurisdiction | None, list[str]]:
    """The jurisdiction in ``path`` and every problem found ([] when none)."""
    problems: list[str] = []
    where = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{path}: missing; every profile names its jurisdiction (copy policies/city-gov/{FILE})"]
    except yaml.YAMLError as exc:
        return None, [f"{path}: not valid YAML: {exc}"]
    if not isinstance(data, dict):
        return None, [f"{where}: must be a map with region, name, divisions, places, bodies, people, media"]
    problems += unknown_keys(data, TOP_KEYS, f"{where}: ")
    table = regions()
    region = str(data.get("region") or "")
    if region and (not region.isdigit() or len(region) not in (2, 4, 6)):
        problems.append(f"{where}: region: {region!r} is not a GB/T 2260 code prefix (2, 4 or 6 digits, e.g. \"3708\")")
    if region and profile_region and not (region.startswith(profile_region) or profile_region.startswith(region)):
        problems.append(f"{where}: region: {region} differs from profile.yaml's region {profile_region}")
    name = str(data.get("name") or "")
    if region and name:
        known = table.name_of(region.ljust(6, "0"))
        if known is not None and known != name and short_name(known) != short_name(name):
            problems.append(f"{where}: name: {name!r} but GB/T 2260 {region.ljust(6, '0')} is {known!r}")
    divisions: list[Division] = []
    raw_divisions = data.get("divisions") or []
    if not isinstance(raw_divisions, list):
        problems.append(f"{where}: divisions: must be a list of {{code, name, aliases}}")
        raw_divisions = []
    seen_codes: set[str] = set()
    for i, entry in enumerate(raw_divisions):
        at = f"{where}: divisions[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{at}: must be a map {{code: \"370811\", name: 任城区}}")
            continue
        problems += unknown_keys(entry, DIVISION_KEYS, f"{at}.")
        code, dname = str(entry.get("code") or ""), str(entry.get("name") or "")
        if not (code.isdigit() and len(code) == 6):
            problems.append(f"{at}.code: {code!r} must be a six-digit GB/T 2260 code")
        elif region and not code.startswith(region):
            problems.append(f"{at}.code: {code} is outside the region {region}")
        elif code in seen_codes:
            problems.append(f"{at}.code: {code} is listed twice")
        else:
            known = table.name_of(code)
            aliases = _strings(entry.get("aliases"), f"{at}.aliases", problems)
            if known is None:
                problems.append(f"{at}.code: {code} is not in the national table (classifier/reference/regions.txt); "
                                "check the code, or add a new division to the table")
            elif known != dname and known not in aliases:
                problems.append(f"{at}.name: {dname!r} but GB/T 2260 {code} is {known!r}; use that name or list it "
                                "under aliases if the division was renamed")
            seen_codes.add(code)
            divisions.append(Division(code, dname, aliases))
        if not dname:
            problems.append(f"{at}.name: missing")
    media: list[LocalOutlet] = []
    raw_media = data.get("media") or []
    if not isinstance(raw_media, list):
        problems.append(f"{where}: media: must be a list of {{name, aliases, domains, tier}}")
        raw_media = []
    for i, entry in enumerate(raw_media):
        at = f"{where}: media[{i}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            problems.append(f"{at}: must be a map with at least a name")
            continue
        problems += unknown_keys(entry, MEDIA_KEYS, f"{at}.")
        tier = str(entry.get("tier") or "prefecture")
        if tier not in LOCAL_TIERS:
            problems.append(f"{at}.tier: {tier!r}; use one of {', '.join(LOCAL_TIERS)}")
        media.append(LocalOutlet(str(entry["name"]), _strings(entry.get("aliases"), f"{at}.aliases", problems),
                                 _strings(entry.get("domains"), f"{at}.domains", problems), tier))
    result = Jurisdiction(
        region=region, name=name, aliases=_strings(data.get("aliases"), f"{where}: aliases", problems),
        divisions=tuple(divisions), places=_strings(data.get("places"), f"{where}: places", problems),
        bodies=_strings(data.get("bodies"), f"{where}: bodies", problems),
        people=_strings(data.get("people"), f"{where}: people", problems), media=tuple(media), source=str(path))
    if not (result.region or result.name or result.places or result.bodies or result.people):
        problems.append(f"{where}: names no place, body or person: relevance would have nothing to go by")
    return (None if problems else result), problems


def check(profile_dir: Path, profile_region: str | None = None) -> list[str]:
    return parse(Path(profile_dir) / FILE, profile_region)[1]


def load(profile_dir: Path) -> Jurisdiction:
    """The jurisdiction of a profile folder; an office's own folder without the file has none."""
    path = Path(profile_dir) / FILE
    if not path.exists():
        return Jurisdiction(source="")
    result, problems = parse(path)
    if result is None:
        raise ConfigError("; ".join(problems))
    return result
