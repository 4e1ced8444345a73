"""Labelled cases in the store: import and export as CSV or JSON Lines, and reading for training."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select

from core.contracts import MAX_TEXT_CHARS, MAX_TITLE_CHARS, utcnow
from core.settings import StoreSettings
from core.taxonomy import BASE_TOPICS
from core.textfile import TextFileError, read_text, surrogate_at

HEADS = ("negativity", "relevance", "topic", "grade")
BINARY = {"1": "1", "0": "0", "true": "1", "false": "0", "yes": "1", "no": "0", "是": "1", "否": "0",
          "负面": "1", "非负面": "0", "相关": "1", "不相关": "0"}
FIELDS = ("head", "profile", "item_id", "title", "text", "label", "labelled_by")
# One labelled case in five is kept out of training, chosen by its text hash (stable as labels
# accumulate, the same for every trainer): the office's held-out labels that a new model must not
# do worse on before it is promoted, and the points of the learning curve.
HELDOUT_EVERY = 5


class LabelError(ValueError):
    pass


def text_sha(title: str, text: str) -> str:
    return hashlib.sha256(f"{title.strip()}\n{text.strip()}".encode()).hexdigest()


def is_heldout(title: str, text: str) -> bool:
    """Whether a labelled case belongs to the office's held-out part (never trained on)."""
    return int(text_sha(title, text)[:8], 16) % HELDOUT_EVERY == 0


def split_labels(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(training part, held-out part) of labelled rows, each in labelling order."""
    train, heldout = [], []
    for row in rows:
        (heldout if is_heldout(row["title"], row["text"]) else train).append(row)
    return train, heldout


def normalise(head: str, label: str) -> str:
    """The stored form of a label; :class:`LabelError` when it does not fit the head."""
    value = label.strip()
    if head in {"negativity", "relevance"}:
        if value.lower() not in BINARY:
            raise LabelError(f"label {label!r} for {head} must be 1/0 (or 是/否, 负面/非负面, 相关/不相关)")
        return BINARY[value.lower()]
    if head == "topic" and value not in BASE_TOPICS:
        raise LabelError(f"topic {label!r} is not a base topic ({', '.join(BASE_TOPICS)})")
    if not value:
        raise LabelError("empty label")
    return value


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a labels file (JSON Lines or CSV); :class:`LabelError` names the file, row and fix."""
    if not path.is_file():
        raise LabelError(f"{path}: file not found")
    try:
        text = read_text(path)
    except TextFileError as exc:
        raise LabelError(str(exc)) from exc
    if path.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    hint = " — 每行一个 JSON 对象 (JSON Lines), not one JSON array" if line.lstrip()[:1] == "[" else ""
                    raise LabelError(f"{path}:{n}: not JSON: {exc}{hint}") from exc
                except RecursionError as exc:
                    raise LabelError(f"{path}:{n}: nested too deeply") from exc
                if not isinstance(row, dict):
                    raise LabelError(f"{path}:{n}: each line must be a JSON object, got {type(row).__name__} "
                                     "— 每行一个 JSON 对象 (JSON Lines)")
                rows.append(_checked(path, n, row))
        return rows
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = set(reader.fieldnames or ())
        if text.strip() and ("label" not in columns or not columns & {"text", "title"}):
            raise LabelError(f"{path}:1: the first line must name the columns (text, label; optional title, head, "
                             f"profile), got {sorted(columns)[:6]}")
        return [_checked(path, reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise LabelError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from exc


def _checked(path: Path, n: int, row: dict[str, Any]) -> dict[str, Any]:
    """A row whose text fields fit an item (the contract's limits) and hold no lone surrogate."""
    for key, value in row.items():
        if not isinstance(value, str):
            continue
        limit = MAX_TITLE_CHARS if key == "title" else MAX_TEXT_CHARS
        if len(value) > limit:
            raise LabelError(f"{path}:{n}: field {key!r} is {len(value)} characters, more than {limit}")
        at = surrogate_at(value)
        if at is not None:
            raise LabelError(f"{path}:{n}: field {key!r} holds a lone surrogate (U+{ord(value[at]):04X}) "
                             f"at position {at}: not valid text")
    return row


def import_labels(store: StoreSettings, path: Path, head: str | None, profile: str, who: str) -> tuple[int, int]:
    """Insert or update labelled cases; returns (added or changed, unchanged)."""
    from store.classifier_tables import LabelRow
    from store.db import make_engine, sessions

    prepared = []
    for n, row in enumerate(read_rows(path), 1):
        row_head = str(row.get("head") or head or "")
        if row_head not in HEADS:
            raise LabelError(f"{path} row {n}: head {row_head!r} must be one of {', '.join(HEADS)} (or use --head)")
        title, text = str(row.get("title") or ""), str(row.get("text") or "")
        if not (title.strip() or text.strip()):
            raise LabelError(f"{path} row {n}: title and text are both empty")
        try:
            label = normalise(row_head, str(row.get("label") or ""))
        except LabelError as exc:
            raise LabelError(f"{path} row {n}: {exc}") from exc
        prepared.append(dict(head=row_head, profile=str(row.get("profile") or profile or ""),
                             item_id=row.get("item_id") or None, title=title, text=text,
                             text_sha=text_sha(title, text), label=label,
                             labelled_by=str(row.get("labelled_by") or who), source=path.name))
    changed = unchanged = 0
    engine = make_engine(store)
    try:
        with sessions(engine)() as session, session.begin():
            for values in prepared:
                existing = session.scalars(select(LabelRow).where(
                    LabelRow.head == values["head"], LabelRow.profile == values["profile"],
                    LabelRow.text_sha == values["text_sha"])).first()
                if existing is None:
                    session.add(LabelRow(**values, created_at=utcnow()))
                    changed += 1
                elif existing.label != values["label"]:
                    existing.label = values["label"]
                    existing.labelled_by = values["labelled_by"]
                    changed += 1
                else:
                    unchanged += 1
    finally:
        engine.dispose()
    return changed, unchanged


def fetch_labels(store: StoreSettings, head: str | None = None, profile: str | None = None) -> list[dict[str, Any]]:
    from store.classifier_tables import LabelRow
    from store.db import make_engine, sessions

    engine = make_engine(store)
    try:
        if not inspect(engine).has_table(LabelRow.__tablename__):
            return []  # a store not migrated yet holds no labels
        with sessions(engine)() as session:
            query = select(LabelRow).order_by(LabelRow.id)
            if head:
                query = query.where(LabelRow.head == head)
            if profile:
                query = query.where(LabelRow.profile == profile)
            return [{f: getattr(r, f) for f in FIELDS} for r in session.scalars(query)]
    finally:
        engine.dispose()


def export_labels(store: StoreSettings, target: str, head: str | None = None) -> int:
    rows = fetch_labels(store, head)
    if target == "-" or target.endswith((".jsonl", ".ndjson")):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if target == "-":
            sys.stdout.write(lines)
        else:
            Path(target).write_text(lines, encoding="utf-8")
        return len(rows)
    with open(target, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def labels_loader(store: StoreSettings, part: str = "train") -> Callable[[Any], list[tuple[str, str, str]]]:
    """For training configs' ``format: labels`` sets: (title, text, label) rows of the store.

    ``part``: "train" (the default: held-out cases are never trained on), "heldout" or "all".
    """
    if part not in {"train", "heldout", "all"}:
        raise ValueError(f"part must be train, heldout or all, not {part!r}")

    def load(spec: Any) -> list[tuple[str, str, str]]:
        head = spec.head or spec.name
        if head not in HEADS:
            raise LabelError(f"dataset {spec.name}: set head to one of {', '.join(HEADS)}")
        rows = fetch_labels(store, head, spec.profile or None)
        if part != "all":
            rows = split_labels(rows)[part == "heldout"]
        return [(r["title"], r["text"], r["label"]) for r in rows]

    return load
