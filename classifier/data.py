"""Reading labelled sets named in a training config: CSV/TSV/JSONL files, built-in seeds, labels.

Every set is read at training time from where it lies (``../shared/data`` by default), never
copied into the repository; the model card records each file's sha256.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import yaml

from classifier.lexicon import TOPIC_SEEDS, WEAK_CUES, gov_topic, weak_topic
from classifier.registry import sha256_file
from classifier.text import prepare

csv.field_size_limit(16 * 1024 * 1024)
# A label mapped to this is replaced by the seed lexicons' topic, or dropped when they are unsure.
LEXICON_LABEL = "@lexicon"
FORMATS = ("csv", "tsv", "jsonl", "lines", "topic_seeds", "gov_taxonomy", "gov_weak", "gov_adverse", "duee",
           "labels")
REPO = Path(__file__).resolve().parent.parent
# The 泰迪杯 messages name places by code (A市, A2区, K5县): left as they are, a model learns that
# "A市" means a complaint. ``places: true`` puts ordinary place names in their stead.
_PLACE_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]\d{0,2}(?=[市区县镇乡])")
PLACE_POOL = ("临江", "青山", "南湖", "东河", "西岭", "北关", "长宁", "安平", "清水", "石桥", "白云", "金川", "红旗",
              "永安", "新华", "城南", "城北", "高新", "开发", "滨江", "凤凰", "龙泉", "桃源", "双河", "平阳", "兴隆")
# 留言 asking a question or making a suggestion rather than reporting a problem (weak labels of
# format gov_adverse): a title like this, with no complaint cue, is "0"; every other message "1".
_ASKING = re.compile(r"咨询|请问|建议|能否|可否|如何|怎样|怎么办理|申请|政策|流程|条件|有关规定|是否可以|想了解")
# A question that still tells of a problem (补贴迟迟未到账的咨询) is dropped, not labelled "0".
# Round 6: also a shortfall told in plain words (还没下来, 无法办证, 不能正常播放, 公交太少, 很不方便, 影响出行):
# 100 of the 428 questions labelled "0" told one.
_PROBLEM = re.compile(r"没有|未|迟迟|一直|不给|拖|问题|困难|不合理|为何|为什么|投诉|举报|违规|违法|不到位|至今|仍|不予|"
                      r"拒绝|乱|差|坏|漏|堵|吵|扰民|污染|欠|骗|难|"
                      r"还没|没下来|没办|没能|没人|慢|无法|不能|不方便|不便|很少|太少|不够|缺|太贵|太远|麻烦|困扰|影响|"
                      r"约不上|排不上|办不了|不让|被拒|拒")


class DatasetSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One labelled set. ``map`` renames labels (``"*"`` is the fallback; a label mapped to ``""``
    or missing from a map without ``"*"`` drops the row)."""

    name: str
    format: str
    path: str = ""
    paths: tuple[str, ...] = ()
    text: tuple[str, ...] = ("text",)
    title: str = ""
    label: str = "label"
    map: dict[str, str] = {}
    weight: float = 1.0
    limit: int = 0
    limit_per_label: int = 0
    profile: str = ""
    classes_file: str = ""
    head: str = ""
    strip_emoticons: bool = False
    # A YAML file (in the repository) of label maps for formats that need one (duee: adverse, topic).
    map_file: str = ""
    # Keep rows of a JSON Lines file whose fields equal these values (e.g. {split: dev}); a dotted
    # name reads a nested field (labels.adverse) there and in ``label``.
    where: dict[str, str] = {}
    # Weak labelling of public data by a named cue list (classifier.lexicon.WEAK_CUES): drop rows
    # that contain a cue (``exclude_cues``) or that contain none (``require_cues``).
    exclude_cues: str = ""
    require_cues: str = ""
    places: bool = False
    # gov_adverse: the message titles alone (a headline-length statement of the problem).
    titles_only: bool = False
    # ``path``/``paths`` are in this repository (the team's own training items), not under the data root.
    in_repo: bool = False

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"dataset {self.name}: format {self.format!r} is not one of {', '.join(FORMATS)}")
        if self.format in {"csv", "tsv", "jsonl", "lines", "gov_taxonomy"} and not self.path:
            raise ValueError(f"dataset {self.name}: format {self.format} needs a path")
        if self.format in {"gov_weak", "gov_adverse", "duee"} and not (self.paths or self.path):
            raise ValueError(f"dataset {self.name}: {self.format} needs paths")
        if self.format == "duee" and not (self.map_file and self.head):
            raise ValueError(f"dataset {self.name}: duee needs map_file and head (its section of the map file)")
        for cues in (self.exclude_cues, self.require_cues):
            if cues and cues not in WEAK_CUES:
                raise ValueError(f"dataset {self.name}: cue list {cues!r} is not one of {', '.join(WEAK_CUES)}")
        if self.weight <= 0:
            raise ValueError(f"dataset {self.name}: weight must be > 0")


@dataclass
class Examples:
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: Examples) -> None:
        self.texts += other.texts
        self.labels += other.labels
        self.weights += other.weights
        self.origins += other.origins
        self.raw += other.raw
        self.sources += other.sources


def _rows(spec: DatasetSpec, path: Path) -> Iterator[tuple[str, str, str]]:
    """(title, text, label) of each row of a file."""
    if spec.format in {"csv", "tsv"}:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="," if spec.format == "csv" else "\t", quoting=csv.QUOTE_MINIMAL)
            for row in reader:
                yield (row.get(spec.title, "") if spec.title else "",
                       " ".join(row.get(c) or "" for c in spec.text), str(row.get(spec.label, "")))
    elif spec.format == "jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    if any(str(_field(row, k)) != v for k, v in spec.where.items()):
                        continue
                    label = _field(row, spec.label)
                    if isinstance(label, bool):
                        label = int(label)
                    yield (str(row.get(spec.title, "")) if spec.title else "",
                           " ".join(str(row.get(c) or "") for c in spec.text), "" if label is None else str(label))
    elif spec.format == "lines":
        # "text<TAB>label index" (THUCNews); labels named by classes_file when given.
        names = path.parent.joinpath(spec.classes_file).read_text(encoding="utf-8").split() if spec.classes_file \
            else None
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text, _, label = line.rstrip("\n").rpartition("\t")
                if text:
                    yield "", text, names[int(label)] if names else label


def _field(row: dict[str, Any], name: str) -> Any:
    value: Any = row
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def read_map_file(name: str) -> dict[str, dict[str, str]]:
    path = Path(name) if Path(name).is_absolute() else REPO / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"map file {path}: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"map file {path}: expected sections of label maps")
    return {str(k): {str(a): str(b or "") for a, b in v.items()} for k, v in data.items()}


def duee_rows(path: Path, mapping: dict[str, str], adverse: bool) -> Iterator[tuple[str, str, str]]:
    """(title, text, label) of DuEE sentences by their event types.

    ``adverse``: "1" when any event maps to "1", "0" when all map to "0", else dropped; otherwise
    (a topic map) the first event type with a topic, else dropped.
    """
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            labels = [mapping.get(e["event_type"]) for e in row.get("event_list", [])]
            if adverse:
                label = "1" if "1" in labels else "0" if labels and all(v == "0" for v in labels) else ""
            else:
                label = next((v for v in labels if v), "")
            if label:
                yield "", row["text"], label


def gov_adverse_rows(path: Path, titles_only: bool = False) -> Iterator[tuple[str, str, str]]:
    """Citizen messages: a plain question or suggestion is "0", a message reporting a problem "1"; a
    question that tells of a problem too is dropped."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            title, body = row.get("title", ""), row.get("body", "")
            label = "1"
            if _ASKING.search(title):
                if _PROBLEM.search(title) or _PROBLEM.search(body[:300]):
                    continue
                label = "0"
            yield ("", title, label) if titles_only else (title, body, label)


def _places(text: str, rng: random.Random) -> str:
    return _PLACE_CODE.sub(lambda _: rng.choice(PLACE_POOL), text) if text else text


def _map_label(spec: DatasetSpec, label: str) -> str | None:
    if not spec.map:
        return label
    mapped = spec.map.get(label, spec.map.get("*"))
    return mapped or None


def card_path(path: Path, data_root: Path) -> str:
    """How a model card names a training file: relative to the repository, or to the data root after
    ``data:`` (the card is published with the model: the build machine's own folders say nothing)."""
    for base, prefix in ((REPO, ""), (data_root, "data:")):
        try:
            return prefix + path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def load_dataset(spec: DatasetSpec, root: Path, seed: int, max_chars: int, labels_loader: Any = None) -> Examples:
    out = Examples()
    data_root = root
    if spec.in_repo:
        root = REPO
    rows: list[tuple[str, str, str]] = []
    files: list[Path] = []
    if spec.format == "topic_seeds":
        for topic, terms in TOPIC_SEEDS.items():
            rows.extend(("", term, topic) for term in terms)
    elif spec.format == "gov_taxonomy":
        path = root / spec.path
        files.append(path)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for first, second, third in list(csv.reader(fh))[1:]:
                topic = gov_topic(first, second)
                if topic and topic != "其他":
                    rows.append(("", f"{second} {third}", topic))
    elif spec.format == "gov_weak":
        for name in spec.paths or (spec.path,):
            path = root / name
            files.append(path)
            with path.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    title, body = row.get("title", ""), row.get("body", "")
                    topic = weak_topic(title, body)
                    if topic:
                        rows.append((title, body, topic))
    elif spec.format in {"gov_adverse", "duee"}:
        mapping = read_map_file(spec.map_file).get(spec.head, {}) if spec.format == "duee" else {}
        if spec.format == "duee":
            files.append(Path(spec.map_file) if Path(spec.map_file).is_absolute() else REPO / spec.map_file)
        for name in spec.paths or (spec.path,):
            path = root / name
            files.append(path)
            rows.extend(gov_adverse_rows(path, spec.titles_only) if spec.format == "gov_adverse"
                        else duee_rows(path, mapping, spec.head == "adverse"))
    elif spec.format == "labels":
        if labels_loader is None:
            raise ValueError(f"dataset {spec.name}: labels need the store (run through `yuqing train`)")
        rows.extend(labels_loader(spec))
    else:
        path = root / spec.path
        files.append(path)
        rows.extend(_rows(spec, path))
    kept: list[tuple[str, str, str]] = []
    exclude = WEAK_CUES[spec.exclude_cues] if spec.exclude_cues else None
    require = WEAK_CUES[spec.require_cues] if spec.require_cues else None
    place_rng = random.Random(seed + 1)
    for title, text, label in rows:
        if exclude is not None and (exclude.search(title) or exclude.search(text)):
            continue
        if require is not None and not (require.search(title) or require.search(text)):
            continue
        if spec.places:
            title, text = _places(title, place_rng), _places(text, place_rng)
        mapped = _map_label(spec, label)
        if mapped == LEXICON_LABEL:
            mapped = weak_topic(title, text)
        if mapped and (title.strip() or text.strip()):
            kept.append((title, text, mapped))
    rng = random.Random(seed)
    if spec.limit_per_label:
        by_label: dict[str, list[tuple[str, str, str]]] = {}
        for row in kept:
            by_label.setdefault(row[2], []).append(row)
        kept = []
        for label in sorted(by_label):
            group = by_label[label]
            rng.shuffle(group)
            kept.extend(group[: spec.limit_per_label])
    if spec.limit and len(kept) > spec.limit:
        rng.shuffle(kept)
        kept = kept[: spec.limit]
    for title, text, label in kept:
        doc = prepare(title, text, max_chars, spec.strip_emoticons)
        if not doc:
            continue
        out.texts.append(doc)
        out.raw.append(f"{title} {text}".strip()[:300])
        out.labels.append(label)
        out.weights.append(spec.weight)
        out.origins.append(spec.name)
    counts: dict[str, int] = {}
    for label in out.labels:
        counts[label] = counts.get(label, 0) + 1
    out.sources.append({
        "name": spec.name, "format": spec.format,
        "files": [{"path": card_path(p, data_root), "sha256": sha256_file(p)} for p in files],
        "rows": len(out.texts), "labels": dict(sorted(counts.items())),
    })
    return out
