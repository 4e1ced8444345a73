"""A development set of realistic items by kind, and the per-kind table the model card reports.

The set (``devsets/city_items.jsonl``) is written for offices like ours: exposés in flat prose,
calm complaints, rumours, official 通报 of bad events, emotional posts about things that are not
the office's business, positive government news, neutral notices and other cities' bad news. Each
line carries its ``kind``, its ``split`` (``dev``: may be used to choose C and thresholds;
``heldout``: only for the final figures, never looked at item by item) and its labels.
Adverse-ness is judged as the service judges it: ``negativity >= 0.5`` from the full scorer.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from classifier.grading import load_rules
from classifier.registry import LoadedModel
from classifier.relevance import Office, RelevanceScorer
from classifier.scoring import Scorer
from core.contracts import RawItem, Source, utcnow

KINDS = ("expose", "complaint", "rumour", "official_notice", "emotional_offtopic", "positive_gov", "neutral_notice",
         "other_city_bad")
KIND_NAMES = {"expose": "平实报道的曝光", "complaint": "市民投诉", "rumour": "网传/谣言",
              "official_notice": "负面事件的官方通报", "emotional_offtopic": "与本单位无关的情绪帖",
              "positive_gov": "正面政务新闻", "neutral_notice": "中性通知", "other_city_bad": "外地负面"}
# The profile each office of the set is graded by ("fictional": the set's own city, city-gov rules).
OFFICE_PROFILES = {"fictional": "city-gov", "city-gov": "city-gov", "jining-ggzy": "jining-ggzy"}
THRESHOLD = 0.5


class DevsetError(ValueError):
    pass


@dataclass(frozen=True)
class DevItem:
    id: str
    kind: str
    split: str
    office: str
    title: str
    text: str
    labels: dict[str, Any]
    source: dict[str, Any] = field(default_factory=dict)

    @property
    def adverse(self) -> bool:
        return bool(self.labels.get("adverse"))

    @property
    def relevant(self) -> bool:
        return bool(self.labels.get("relevant", True))


def _label_dict(row: dict[str, Any]) -> dict[str, Any]:
    labels = row.get("labels")
    if isinstance(labels, dict):
        return labels
    return {k: row[k] for k in ("adverse", "relevant", "topic", "critical", "rumour", "official_notice") if k in row}


def load_devset(path: Path, splits: Sequence[str] = ()) -> list[DevItem]:
    """The items of ``path`` (of the given splits; all when none is given)."""
    if not path.is_file():
        raise DevsetError(f"development set {path} not found")
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DevsetError(f"{path}:{n}: not JSON: {exc}") from exc
        labels = _label_dict(row)
        if "adverse" not in labels or not row.get("kind"):
            raise DevsetError(f"{path}:{n}: an item needs a kind and an adverse label")
        split = str(row.get("split", "dev"))
        if splits and split not in splits:
            continue
        source = row.get("source") if isinstance(row.get("source"), dict) else {
            k.removeprefix("source_"): row[k] for k in ("source_name", "source_kind", "source_tier") if k in row}
        items.append(DevItem(str(row.get("id") or n), str(row["kind"]), split, str(row.get("office") or "fictional"),
                             str(row.get("title") or ""), str(row.get("text") or ""), labels, source))
    return items


def raw_item(item: DevItem) -> RawItem:
    kind = item.source.get("kind") or "replay"
    source = Source(id=str(item.source.get("id") or "devset"), name=str(item.source.get("name") or "devset"),
                    kind=kind if kind in {"rss", "news", "forum", "microblog", "replay"} else "replay",
                    tier=str(item.source.get("tier") or "unknown"))  # type: ignore[arg-type]
    return RawItem(id=item.id, source=source, url="", title=item.title, text=item.text, fetched_at=utcnow())


@dataclass
class Judged:
    negativity: list[float]
    topic: list[str]
    emotion: list[float | None]


def judge(loaded: LoadedModel, items: Sequence[DevItem]) -> Judged:
    """Scores of ``items`` through the full scorer of each item's office profile."""
    from policies import profile_dir

    scorers: dict[str, Scorer] = {}
    out = Judged([0.0] * len(items), [""] * len(items), [None] * len(items))
    by_profile: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        by_profile.setdefault(OFFICE_PROFILES.get(item.office, "city-gov"), []).append(i)
    for profile, idx in by_profile.items():
        scorer = scorers.setdefault(profile, Scorer(loaded, RelevanceScorer(Office()),
                                                    load_rules(profile_dir(profile)), profile))
        for i, score in zip(idx, scorer.score([raw_item(items[i]) for i in idx]), strict=True):
            out.negativity[i], out.topic[i], out.emotion[i] = score.negativity, score.topic, score.emotion
    return out


def table(items: Sequence[DevItem], negativity: Sequence[float], topics: Sequence[str] | None = None,
          emotion: Sequence[float | None] | None = None, threshold: float = THRESHOLD) -> dict[str, Any]:
    """Per kind: n, adverse accuracy, median negativity (and emotion); overall; topic accuracy on
    relevant adverse items."""
    kinds: dict[str, Any] = {}
    order = [k for k in KINDS if any(i.kind == k for i in items)] + sorted(
        {i.kind for i in items} - set(KINDS))
    for kind in order:
        idx = [j for j, i in enumerate(items) if i.kind == kind]
        right = [(negativity[j] >= threshold) == items[j].adverse for j in idx]
        row: dict[str, Any] = {"n": len(idx), "adverse_accuracy": round(sum(right) / len(idx), 3),
                               "median_negativity": round(statistics.median(negativity[j] for j in idx), 3)}
        emo = [emotion[j] for j in idx if emotion is not None and emotion[j] is not None]
        if emo:
            row["median_emotion"] = round(statistics.median(emo), 3)
        kinds[kind] = row
    right = [(n >= threshold) == i.adverse for n, i in zip(negativity, items, strict=True)]
    out: dict[str, Any] = {"n": len(items), "threshold": threshold,
                           "adverse_accuracy": round(sum(right) / max(len(items), 1), 3), "kinds": kinds,
                           "worst_kind_accuracy": min((k["adverse_accuracy"] for k in kinds.values()), default=0.0)}
    if topics is not None:
        idx = [j for j, i in enumerate(items) if i.adverse and i.relevant and i.labels.get("topic")]
        if idx:
            out["topic_on_relevant_adverse"] = {
                "n": len(idx), "accuracy": round(sum(topics[j] == items[j].labels["topic"] for j in idx) / len(idx), 3)}
    return out


def markdown(result: dict[str, Any], title: str = "") -> str:
    """The per-kind table as Markdown (model card notes, closing reports)."""
    lines = [f"**{title}**" if title else "", "",
             "| kind | n | adverse accuracy | median negativity | median emotion |", "| --- | --- | --- | --- | --- |"]
    for kind, row in result["kinds"].items():
        lines.append(f"| {kind} ({KIND_NAMES.get(kind, kind)}) | {row['n']} | {row['adverse_accuracy']:.3f} | "
                     f"{row['median_negativity']:.3f} | {row.get('median_emotion', '')} |")
    lines.append(f"| **overall** | {result['n']} | {result['adverse_accuracy']:.3f} | | |")
    topic = result.get("topic_on_relevant_adverse")
    if topic:
        lines.append(f"\nTopic accuracy on relevant adverse items: {topic['accuracy']:.3f} (n={topic['n']})")
    return "\n".join(lines).strip() + "\n"


def baseline_adverse(train_texts: Sequence[str], train_labels: Sequence[str], weights: Sequence[float],
                     grid: Sequence[float], folds: int, seed: int, class_weight: str | None, max_features: int,
                     min_df: int, docs: Sequence[str]) -> tuple[list[float], dict[str, Any]]:
    """Plain TF-IDF (char 1-3-grams) + LogisticRegression on the same training rows, its C searched by
    the same cross-validation: the probability of "1" for each of ``docs``, and what was chosen."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), max_features=max_features, min_df=min_df,
                                 sublinear_tf=True, dtype=np.float32)
    x = vectorizer.fit_transform(train_texts)
    y = np.array(train_labels)
    w = np.array(weights)
    split = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(x, y))

    def fit(rows: Any, c: float) -> LogisticRegression:
        clf = LogisticRegression(C=c, max_iter=2000, class_weight=class_weight, solver="liblinear", random_state=seed)
        return clf.fit(x[rows], y[rows], sample_weight=w[rows])

    scores = {c: float(np.mean([f1_score(y[b], fit(a, c).predict(x[b]), average="macro") for a, b in split]))
              for c in grid}
    best = max(scores, key=lambda c: scores[c])
    clf = fit(np.arange(len(y)), best)
    positive = list(clf.classes_).index("1")
    proba = clf.predict_proba(vectorizer.transform(docs))[:, positive]
    return [float(p) for p in proba], {"C": best, "cv_macro_f1": {str(c): round(s, 4) for c, s in scores.items()},
                                       "features": len(vectorizer.vocabulary_)}
