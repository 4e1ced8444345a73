"""The models page: each registered version's metrics beside the promoted one's, via the
classifier's registry (promote and roll back are the registry's own operations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from classifier import gate
from classifier.model import ModelError
from classifier.registry import DEFAULT_MODEL_DIR, Registry, read_card
from core.settings import StoreSettings

METRICS = ("accuracy", "macro_f1")


@dataclass
class HeadMetrics:
    head: str
    values: dict[str, float | None]
    deltas: dict[str, float | None] = field(default_factory=dict)
    n: int | None = None


@dataclass
class VersionRow:
    version: str
    created_at: str
    promoted: bool
    heads: list[HeadMetrics]
    data: Any = None
    # False for the shipped default model when it is not copied into the registry.
    registered: bool = True


def _metrics(card: dict[str, Any]) -> dict[str, HeadMetrics]:
    result = {}
    for head, info in (card.get("heads") or {}).items():
        dev = ((info or {}).get("metrics") or {}).get("dev") or {}
        result[head] = HeadMetrics(head=head, values={m: dev.get(m) for m in METRICS}, n=dev.get("n"))
    return result


def versions(models_dir: Path | None) -> tuple[list[VersionRow], str | None]:
    """Every version (newest first) with deltas against the promoted one, and the promoted version."""
    registry = Registry(models_dir) if models_dir else None
    cards = registry.versions() if registry else []
    promoted = registry.promoted() if registry else None
    try:
        default = read_card(DEFAULT_MODEL_DIR)
    except ModelError:
        default = None
    registered = {str(c.get("version")) for c in cards}
    if default is not None and str(default.get("version")) not in registered:
        cards = [default, *cards]
    promoted_card = next((c for c in cards if c.get("version") == promoted), default if promoted is None else None)
    base = _metrics(promoted_card) if promoted_card else {}
    rows = []
    for card in reversed(cards):
        heads = _metrics(card)
        for name, metrics in heads.items():
            ref = base.get(name)
            for m in METRICS:
                mine, theirs = metrics.values.get(m), ref.values.get(m) if ref else None
                metrics.deltas[m] = round(mine - theirs, 4) if mine is not None and theirs is not None else None
        version = str(card.get("version"))
        is_promoted = version == promoted or (promoted is None and card is default)
        rows.append(VersionRow(version=version, created_at=str(card.get("created_at", "")), promoted=is_promoted,
                               heads=list(heads.values()), data=card.get("data"), registered=version in registered))
    return rows, promoted


def promote(models_dir: Path | None, version: str, who: str, store: StoreSettings | None = None) -> None:
    """Promote through the classifier's gate: refused (ModelError with the figures) when the version
    is worse than the one in use on the office's held-out labels."""
    if models_dir is None:
        raise ModelError("未配置模型目录（[console] models_dir），无法切换模型")
    registry = Registry(models_dir)
    detail = None
    if store is not None:
        result = gate.check(store, registry.load(version), registry.load_promoted())
        if result.compared and not result.passed:
            raise ModelError(result.message())
        detail = {"gate": result.to_json()}
    registry.promote(version, who, detail)


def rollback(models_dir: Path | None, who: str) -> str | None:
    if models_dir is None:
        raise ModelError("未配置模型目录（[console] models_dir），无法回滚")
    return Registry(models_dir).rollback(who)
