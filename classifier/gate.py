"""The promotion gate: a model replaces the one in use only if it is not worse on the office's
held-out labels (classifier.labels.is_heldout: one labelled case in five, never trained on).

Per head both models have (negativity, topic, relevance), the candidate must get at least as many
held-out cases right as the model in use. With no held-out labels yet there is nothing to compare
and the gate says so; promoting against a refusal needs ``--force`` with a reason, kept in the
registry's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from classifier.labels import fetch_labels, split_labels
from classifier.registry import LoadedModel
from classifier.scoring import positive_column
from classifier.text import prepare
from core.settings import StoreSettings

GATED_HEADS = ("negativity", "topic", "relevance")
HEAD_NAMES = {"negativity": "负面", "topic": "主题", "relevance": "相关"}


@dataclass(frozen=True)
class HeadCheck:
    head: str
    n: int
    candidate_correct: int
    current_correct: int

    @property
    def passed(self) -> bool:
        return self.candidate_correct >= self.current_correct

    def to_json(self) -> dict[str, Any]:
        return {"head": self.head, "n": self.n, "candidate_accuracy": round(self.candidate_correct / self.n, 4),
                "current_accuracy": round(self.current_correct / self.n, 4), "passed": self.passed}


@dataclass
class GateResult:
    candidate: str
    current: str
    heads: list[HeadCheck] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        return bool(self.heads)

    @property
    def passed(self) -> bool:
        return all(h.passed for h in self.heads)

    def to_json(self) -> dict[str, Any]:
        return {"candidate": self.candidate, "current": self.current, "passed": self.passed,
                "heads": [h.to_json() for h in self.heads]}

    def message(self) -> str:
        if not self.compared:
            return (f"本单位还没有留出的标注案例, 无法比较 {self.candidate} 与在用模型 {self.current} "
                    "(no held-out labels of the office yet: nothing to compare)")
        lines = [f"{HEAD_NAMES.get(h.head, h.head)}: 新模型 {h.candidate_correct}/{h.n} "
                 f"({h.candidate_correct / h.n:.1%}), "
                 f"在用模型 {h.current_correct}/{h.n} ({h.current_correct / h.n:.1%})"
                 + ("" if h.passed else " ← 更差") for h in self.heads]
        verdict = "通过" if self.passed else "未通过: 新模型在本单位留出标注上更差, 不予发布"
        return f"发布检查 {verdict} ({self.candidate} vs 在用 {self.current}, 本单位留出标注):\n  " + "\n  ".join(lines)


def predict_labels(loaded: LoadedModel, head: str, rows: Sequence[dict[str, Any]]) -> list[str]:
    """The model's label for each labelled row: "1"/"0" for binary heads, the class otherwise."""
    model = loaded.model
    spec = model.heads[head]
    proba = model.predict([prepare(r["title"], r["text"], model.max_chars) for r in rows])[head]
    if spec.binary:
        col = positive_column(spec.classes)
        return ["1" if p >= 0.5 else "0" for p in proba[:, col]]
    return [spec.classes[i] for i in np.argmax(proba, axis=1)]


def check(store: StoreSettings, candidate: LoadedModel, current: LoadedModel, profile: str | None = None) -> GateResult:
    result = GateResult(candidate.version, current.version)
    for head in GATED_HEADS:
        if head not in candidate.model.heads or head not in current.model.heads:
            continue
        _, heldout = split_labels(fetch_labels(store, head, profile))
        if not heldout:
            continue
        truth = [r["label"] for r in heldout]
        mine = predict_labels(candidate, head, heldout)
        theirs = predict_labels(current, head, heldout)
        result.heads.append(HeadCheck(head, len(heldout), sum(a == t for a, t in zip(mine, truth, strict=True)),
                                      sum(a == t for a, t in zip(theirs, truth, strict=True))))
    return result
