"""The model registry: versioned folders on disk, each with a model card, plus a promoted pointer.

Layout of ``models_dir``::

    versions/<version>/{model.npz, model.json, vocab.json, card.json}
    PROMOTED            the promoted version (one line), replaced atomically
    history.jsonl       every promote and rollback, with when and by whom

The card lists the sha256 of every model file; :func:`load_verified` refuses a folder whose files
do not match it, so a model file edited or swapped after training is never used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from classifier.model import FILES, FORMAT, LinearModel, ModelError

log = logging.getLogger(__name__)
CARD_FILE = "card.json"
DEFAULT_MODEL_DIR = Path(__file__).parent / "default_model"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class LoadedModel:
    model: LinearModel
    card: dict[str, Any]
    folder: Path

    @property
    def version(self) -> str:
        return str(self.card["version"])


def read_card(folder: Path) -> dict[str, Any]:
    path = folder / CARD_FILE
    if not path.is_file():
        raise ModelError(f"模型卡缺失: {path} (model card missing: this folder was not made by yuqing train)")
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"模型卡无法读取: {path}: {exc}") from exc
    if not isinstance(card, dict) or "version" not in card or "files" not in card:
        raise ModelError(f"{path}: the model card has no version or files")
    return card


def load_verified(folder: Path) -> LoadedModel:
    """Load a model folder after checking every file against the sha256 in its card."""
    card = read_card(folder)
    if card.get("format") != FORMAT:
        raise ModelError(f"{folder}: model format {card.get('format')!r} is not {FORMAT!r}; retrain the model")
    files: dict[str, str] = card["files"]
    for name in FILES:
        path = folder / name
        if name not in files:
            raise ModelError(f"{folder}: the model card does not list {name}")
        if not path.is_file():
            raise ModelError(f"模型文件缺失: {path} (model file missing; restore the folder or retrain)")
        actual = sha256_file(path)
        if actual != files[name]:
            raise ModelError(f"模型文件校验失败: {path}: sha256 {actual[:12]}… differs from the card "
                             f"({files[name][:12]}…); the file was changed after training, refusing to load it")
    return LoadedModel(LinearModel.load(folder), card, folder)


def write_model(model: LinearModel, card: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Write the model files and a card listing their hashes into ``folder``; return the card."""
    paths = model.save(folder)
    card = {**card, "format": FORMAT, "files": {p.name: sha256_file(p) for p in paths}}
    (folder / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2), encoding="utf-8")
    return card


class Registry:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions_dir = root / "versions"
        self.pointer = root / "PROMOTED"
        self.history = root / "history.jsonl"

    # -- reading ------------------------------------------------------------------------------
    def versions(self) -> list[dict[str, Any]]:
        """The cards of every registered version, oldest first (unreadable folders are reported)."""
        cards = []
        if not self.versions_dir.is_dir():
            return cards
        for folder in sorted(self.versions_dir.iterdir()):
            if not folder.is_dir():
                continue
            try:
                cards.append(read_card(folder))
            except ModelError as exc:
                log.warning("registry: skipping %s: %s", folder.name, exc)
        return sorted(cards, key=lambda c: str(c.get("created_at", "")))

    def promoted(self) -> str | None:
        try:
            text = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def folder(self, version: str) -> Path:
        if not version or "/" in version or version.startswith("."):
            raise ModelError(f"invalid model version {version!r}")
        return self.versions_dir / version

    def load(self, version: str) -> LoadedModel:
        folder = self.folder(version)
        if not folder.is_dir():
            raise ModelError(f"模型版本不存在: {version} (see `yuqing models list`)")
        return load_verified(folder)

    def load_promoted(self) -> LoadedModel:
        """The promoted model, or the shipped default model when nothing is promoted."""
        version = self.promoted()
        if version is None:
            return load_verified(DEFAULT_MODEL_DIR)
        return self.load(version)

    # -- writing ------------------------------------------------------------------------------
    def register(self, model: LinearModel, card: dict[str, Any]) -> dict[str, Any]:
        """Store a new version; it is not promoted. Returns its card."""
        version = str(card["version"])
        folder = self.folder(version)
        if folder.exists():
            raise ModelError(f"model version {version} already exists")
        tmp = self.versions_dir / f".tmp-{uuid.uuid4().hex}"
        try:
            card = write_model(model, card, tmp)
            tmp.rename(folder)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
        log.info("registered model %s", version)
        return card

    def register_folder(self, source: Path) -> dict[str, Any]:
        """Copy a verified model folder (e.g. the shipped default) into the registry."""
        loaded = load_verified(source)
        folder = self.folder(loaded.version)
        if folder.exists():
            raise ModelError(f"model version {loaded.version} already exists")
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.yaml", "*.md", "__pycache__"))
        return loaded.card

    def _stack(self) -> list[str]:
        stack: list[str] = []
        if not self.history.is_file():
            return stack
        for line in self.history.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry["action"] == "promote":
                stack.append(entry["version"])
            elif entry["action"] == "rollback" and stack:
                stack.pop()
        return stack

    def _set_pointer(self, version: str | None, action: str, who: str, detail: dict[str, Any] | None = None) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        previous = self.promoted()
        if version is None:
            self.pointer.unlink(missing_ok=True)
        else:
            tmp = self.root / f".PROMOTED.{uuid.uuid4().hex}"
            tmp.write_text(version + "\n", encoding="utf-8")
            os.replace(tmp, self.pointer)
        entry = {"at": datetime.now(UTC).isoformat(), "action": action, "version": version,
                 "previous": previous, "by": who, **(detail or {})}
        with self.history.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def promote(self, version: str, who: str = "", detail: dict[str, Any] | None = None) -> None:
        """Point the service at ``version`` after verifying its files load.

        ``detail`` (the promotion gate's figures, a forced promotion's reason) goes into the history.
        """
        self.load(version)
        self._set_pointer(version, "promote", who, detail)
        log.info("promoted model %s", version)

    def rollback(self, who: str = "") -> str | None:
        """Return to the version promoted before the current one (None: the shipped default)."""
        stack = self._stack()
        if not stack:
            raise ModelError("没有可回滚的版本 (nothing was promoted; the shipped default model is in use)")
        target = stack[-2] if len(stack) >= 2 else None
        if target is not None:
            self.load(target)
        self._set_pointer(target, "rollback", who)
        log.info("rolled back model to %s", target or "the shipped default")
        return target
