"""Reading labelled sets named in a training config: CSV/TSV/JSONL files, built-in seeds, labels.

Every set is read at training time from where it lies (``../shared/data`` by default), never
copied into the repository; the model card records each file's sha256.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from classifier.lexicon import TOPIC_SEEDS, gov_topic, weak_topic
from classifier.registry import sha256_file
from classifier.text import prepare

csv.field_size_limit(16 * 1024 * 1024)
# A label mapped to this is replaced by the seed lexicons' topic, or dropped when they are unsure.
LEXICON_LABEL = "@lexicon"
FORMATS = ("csv", "tsv", "jsonl", "lines", "topic_seeds", "gov_taxonomy", "gov_weak", "labels")


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

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"dataset {self.name}: format {self.format!r} is not one of {', '.join(FORMATS)}")
        if self.format in {"csv", "tsv", "jsonl", "lines", "gov_taxonomy"} and not self.path:
            raise ValueError(f"dataset {self.name}: format {self.format} needs a path")
        if self.format == "gov_weak" and not (self.paths or self.path):
            raise ValueError(f"dataset {self.name}: gov_weak needs paths")
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
                    yield (str(row.get(spec.title, "")) if spec.title else "",
                           " ".join(str(row.get(c) or "") for c in spec.text), str(row.get(spec.label, "")))
    elif spec.format == "lines":
        # "text<TAB>label index" (THUCNews); labels named by classes_file when given.
        names = path.parent.joinpath(spec.classes_file).read_text(encoding="utf-8").split() if spec.classes_file \
            else None
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text, _, label = line.rstrip("\n").rpartition("\t")
                if text:
                    yield "", text, names[int(label)] if names else label


def _map_label(spec: DatasetSpec, label: str) -> str | None:
    if not spec.map:
        return label
    mapped = spec.map.get(label, spec.map.get("*"))
    return mapped or None


def load_dataset(spec: DatasetSpec, root: Path, seed: int, max_chars: int, labels_loader: Any = None) -> Examples:
    out = Examples()
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
    elif spec.format == "labels":
        if labels_loader is None:
            raise ValueError(f"dataset {spec.name}: labels need the store (run through `yuqing train`)")
        rows.extend(labels_loader(spec))
    else:
        path = root / spec.path
        files.append(path)
        rows.extend(_rows(spec, path))
    kept: list[tuple[str, str, str]] = []
    for title, text, label in rows:
        mapped = _map_label(spec, label)
        if mapped == LEXICON_LABEL:
            mapped = weak_topic(title, text)
        if mapped is not None and (title.strip() or text.strip()):
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
        "files": [{"path": str(p), "sha256": sha256_file(p)} for p in files],
        "rows": len(out.texts), "labels": dict(sorted(counts.items())),
    })
    return out
