"""A learned grade model, reported against the profile's rules on the office's labelled grades.

The rules stay the source of every grade the service gives (they are the office's regulation and
they explain themselves); this report tells analysts how often the rules agree with the grades
they assigned, and whether a model learned from the same features would agree more often.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sqlalchemy import select

from classifier.facts import find_facts
from classifier.grading import KINDS, TIERS, Features, GradingRules
from classifier.media import registry
from core.settings import StoreSettings
from core.taxonomy import SENSITIVE


@dataclass(frozen=True, slots=True)
class GradeCase:
    features: Features
    label: str


def feature_vector(f: Features, signal_names: list[str]) -> list[float]:
    """Numbers for a learned model: the rules' own inputs (tier, kind, counts, scores, signals)."""
    out = [1.0 if f.tier == t else 0.0 for t in TIERS]
    out += [1.0 if f.kind == k else 0.0 for k in KINDS]
    out += [math.log1p(v or 0) for v in (f.views, f.replies, f.reposts, f.likes)]
    out += [f.negativity, f.relevance, 1.0 if f.topic in SENSITIVE else 0.0]
    out += [1.0 if name in f.signals else 0.0 for name in signal_names]
    return out


def load_cases(store: StoreSettings, profile: str, rules: GradingRules) -> list[GradeCase]:
    """Labelled grades of ``profile`` whose item was scored (the features come from the store)."""
    from store.classifier_tables import LabelRow
    from store.db import make_engine, sessions
    from store.tables import ItemRow, ScoredItemRow

    engine = make_engine(store)
    try:
        with sessions(engine)() as session:
            query = (select(LabelRow.label, ItemRow, ScoredItemRow)
                     .join(ItemRow, ItemRow.id == LabelRow.item_id)
                     .join(ScoredItemRow, ScoredItemRow.item_id == ItemRow.id)
                     .where(LabelRow.head == "grade", LabelRow.profile == profile))
            cases = []
            media = registry()
            for label, item, scored in session.execute(query):
                above = media.authority(item.source_name, item.url) if item.source_tier == "government" else None
                features = Features(
                    tier=item.source_tier, kind=item.source_kind, topic=scored.topic, negativity=scored.negativity,
                    relevance=scored.relevance, views=item.views, replies=item.replies, reposts=item.reposts,
                    likes=item.likes, signals=rules.find_signals(f"{item.title}。{item.text}"),
                    facts=find_facts(item.title, item.text, government_source=item.source_tier == "government"),
                    authority=above[0].level if above is not None else None)
                cases.append(GradeCase(features, label))
            return cases
    finally:
        engine.dispose()


def report(cases: list[GradeCase], rules: GradingRules, seed: int = 20261125) -> dict[str, Any]:
    """Agreement of the rules and of a cross-validated learned model with the labelled grades."""
    labels = [c.label for c in cases]
    known = [c for c in cases if c.label in rules.grades]
    out: dict[str, Any] = {"cases": len(cases), "unknown_grade_labels": len(cases) - len(known),
                           "grades": list(rules.grades)}
    if not known:
        out["note"] = "没有可用的等级标注 (label items with head=grade for this profile first)"
        return out
    labels = [c.label for c in known]
    by_rules = [rules.grade(c.features).level for c in known]
    out["rules"] = _agreement(labels, by_rules, rules.grades)
    counts = {g: labels.count(g) for g in set(labels)}
    folds = min(5, min(counts.values()))
    if len(counts) < 2 or folds < 2:
        out["learned"] = {"note": f"too few labelled grades to cross-validate a model ({counts}); need two "
                                  "grades with at least two cases each"}
        return out
    names = sorted(rules.signals)
    x = np.array([feature_vector(c.features, names) for c in known])
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    predicted = cross_val_predict(model, x, np.array(labels),
                                  cv=StratifiedKFold(folds, shuffle=True, random_state=seed))
    out["learned"] = {"cv_folds": folds, **_agreement(labels, list(predicted), rules.grades)}
    return out


def _agreement(truth: list[str], predicted: list[str], grades: tuple[str, ...]) -> dict[str, Any]:
    matrix = {t: {p: 0 for p in grades} for t in grades}
    for t, p in zip(truth, predicted, strict=True):
        if t in matrix and p in matrix[t]:
            matrix[t][p] += 1
    agree = sum(t == p for t, p in zip(truth, predicted, strict=True))
    # A grade estimated too mild is the costly mistake (missed deadlines): count it apart.
    milder = sum(grades.index(p) > grades.index(t) for t, p in zip(truth, predicted, strict=True)
                 if t in grades and p in grades)
    return {"accuracy": round(agree / len(truth), 4), "too_mild": milder, "confusion": matrix}
