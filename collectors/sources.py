"""The source registry file (YAML): strictly validated, every error names the source and the key.

    sources:
      - id: demo-news            # [a-z0-9][a-z0-9_.-]*, unique
        name: 示例新闻网
        kind: rss                # rss | news | forum | microblog | replay
        url: http://127.0.0.1:8000/news.xml
        interval_s: 300
        tier: prefecture         # core.contracts.MediaTier
        region: "370800"         # administrative code, 6 digits
        options: {}              # kind-specific, checked by the kind
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import yaml

from collectors.urls import canonical
from core.contracts import MediaTier, Source, SourceKind
from core.errors import ConfigError
from core.textfile import expands_beyond, read_text, surrogate_in

_ID = re.compile(r"[a-z0-9][a-z0-9_.\-]{0,127}")
_REGION = re.compile(r"\d{6}|\d{9}|\d{12}")
MIN_INTERVAL_S = 1.0
MAX_INTERVAL_S = 7 * 24 * 3600.0  # a source polled less than weekly is not being monitored


class SourceSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: str
    name: str
    kind: SourceKind
    url: str | None = None
    interval_s: float = 600.0
    tier: MediaTier = "unknown"
    region: str | None = None
    enabled: bool = True
    # Kind-specific settings; each kind converts them into its own strict Options struct.
    options: dict[str, Any] = {}

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise ValueError(f"id {self.id!r} must match [a-z0-9][a-z0-9_.-]* (lower case, at most 128)")
        if not self.name.strip():
            raise ValueError("name must not be empty")
        if not MIN_INTERVAL_S <= self.interval_s <= MAX_INTERVAL_S:
            raise ValueError(f"interval_s must be within [{MIN_INTERVAL_S:g}, {MAX_INTERVAL_S:g}] seconds")
        if len(self.name) > 256:
            raise ValueError(f"name is {len(self.name)} characters long, more than 256")
        if self.region is not None and not _REGION.fullmatch(self.region):
            raise ValueError(f"region {self.region!r} must be an administrative code of 6, 9 or 12 digits")
        if self.url is not None and not self.url.startswith(("http://", "https://", "file:")):
            raise ValueError(f"url {self.url[:200]!r} must start with http://, https:// or file:")
        if self.url is not None and self.url.startswith(("http://", "https://")):
            canonical(self.url)  # BadURL (a ValueError) names the link that cannot be read

    @property
    def source(self) -> Source:
        return Source(id=self.id, name=self.name, kind=self.kind, tier=self.tier, region=self.region)


@dataclass(frozen=True, slots=True)
class LoadedSource:
    """A validated source with its kind's options converted."""

    spec: SourceSpec
    options: Any


class _File(msgspec.Struct, forbid_unknown_fields=True):
    sources: list[dict[str, Any]]


def load(path: str | Path) -> list[LoadedSource]:
    """Read and validate the registry; raise :class:`ConfigError` listing every problem found."""
    path = Path(path)
    try:
        raw = yaml.safe_load(read_text(path))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: 信源文件不存在 (sources file not found)") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: 是目录，不是信源文件 (a directory, not a sources file)") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: 不是合法的 YAML: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: 嵌套过深 (nested too deeply to read)") from exc
    if expands_beyond(raw):
        raise ConfigError(f"{path}: 展开后过大 (YAML aliases expand to too many values, a 'billion laughs')")
    where = surrogate_in(raw)
    if where is not None:
        raise ConfigError(f"{path}: {where} 含孤立代理字符 (a lone surrogate from a \\u escape): 不是合法文本")
    return parse(raw, str(path))


def parse(raw: Any, where: str = "sources") -> list[LoadedSource]:
    from collectors.kinds import REGISTRY

    try:
        doc = msgspec.convert(raw, _File)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{where}: 顶层必须是 `sources:` 列表 (top level must be a `sources:` list): {exc}") from exc
    problems: list[str] = []
    loaded: list[LoadedSource] = []
    seen: set[str] = set()
    for index, entry in enumerate(doc.sources):
        label = f"sources[{index}]" + (f" (id {entry.get('id')!r})" if isinstance(entry, dict) else "")
        try:
            spec = msgspec.convert(entry, SourceSpec)
        except (msgspec.ValidationError, ValueError) as exc:
            problems.append(f"{label}: {exc}")
            continue
        if spec.id in seen:
            problems.append(f"{label}: 信源 id 重复 (duplicate id {spec.id!r})")
            continue
        seen.add(spec.id)
        kind = REGISTRY[spec.kind]
        try:
            options = msgspec.convert(spec.options, kind.Options)
            kind.validate(spec, options)
        except (msgspec.ValidationError, ValueError) as exc:
            problems.append(f"{label}: options: {exc}")
            continue
        loaded.append(LoadedSource(spec, options))
    if problems:
        raise ConfigError(f"{where}: 信源配置有 {len(problems)} 处错误:\n  " + "\n  ".join(problems))
    return loaded
