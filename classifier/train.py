"""Training from a declarative config: shared char n-gram TF-IDF, one logistic regression per head.

Per head: a stratified hold-out (dev) split, k-fold cross-validation on the rest whose
out-of-fold scores fit the calibration (Platt for binary heads, a temperature for multi-class),
then the final fit on the whole training part. Fixed seed throughout. The card records every
data file's sha256, the metrics, the library versions and the command.
"""

from __future__ import annotations

import logging
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import yaml
from scipy import sparse
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from classifier.data import DatasetSpec, Examples, load_dataset
from classifier.model import ANALYZERS, DEFAULT_ANALYZER, Head, LinearModel
from classifier.text import MAX_CHARS
from classifier.tokens import add_words, load_user_dict
from core.errors import ConfigError

log = logging.getLogger(__name__)
REPO = Path(__file__).resolve().parent.parent


class FeatureSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    analyzer: str = DEFAULT_ANALYZER
    max_features: int = 120_000
    min_df: int = 2
    max_chars: int = MAX_CHARS
    # Words the tokenizer must keep whole (office names, jargon), and/or a jieba user dictionary.
    user_words: list[str] = []
    user_dict: str = ""

    def __post_init__(self) -> None:
        if self.analyzer not in ANALYZERS:
            raise ValueError(f"features.analyzer must be one of {', '.join(ANALYZERS)}")


class HeadSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    datasets: list[DatasetSpec]
    eval: list[DatasetSpec] = []
    # Inverse regularisation; a list is searched by cross-validation (best mean macro-F1 wins).
    C: float | list[float] = 4.0
    class_weight: str | None = None
    max_iter: int = 2000
    # Whether the head's rows join the shared vocabulary. A head added to a trained model can stay out, so that
    # the vocabulary, and with it every other head, is the one already measured.
    vocabulary: bool = True


class DevsetConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A development set of items by kind (classifier.devset) whose per-kind table goes into the card."""

    path: str  # in this repository
    splits: tuple[str, ...] = ("dev", "heldout")
    # Also train a plain TF-IDF + LogisticRegression on the head's training rows (C searched alike)
    # and report it on the same items.
    baseline: bool = True
    head: str = "negativity"
    # Further development sets reported alike (card "more_devsets", keyed by path), e.g. a second set
    # written blind to the training data; the baseline is trained once for all of them.
    more: tuple[str, ...] = ()


class TrainConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    heads: dict[str, HeadSpec]
    seed: int = 20261125
    holdout: float = 0.1
    cv_folds: int = 3
    data_root: str = "../shared/data"
    features: FeatureSpec = FeatureSpec()
    description: str = ""
    # After measuring on the hold-out, fit the final model on training + hold-out data.
    refit_on_all: bool = False
    devset: DevsetConfig | None = None

    def __post_init__(self) -> None:
        if not self.heads:
            raise ValueError("heads: name at least one head (negativity, topic, relevance)")
        if not any(head.vocabulary for head in self.heads.values()):
            raise ValueError("heads: at least one head must build the vocabulary (vocabulary: true)")
        if not 0 < self.holdout < 0.5:
            raise ValueError("holdout must be within (0, 0.5)")
        if self.cv_folds < 2:
            raise ValueError("cv_folds must be >= 2")


def load_config(path: Path) -> TrainConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the training config: {exc}") from exc
    try:
        return msgspec.convert(data, TrainConfig)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{path}: invalid training config: {exc}") from exc


def resolve_path(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else (REPO / p).resolve()


def resolve_root(config: TrainConfig, override: str | None = None) -> Path:
    root = Path(override or config.data_root)
    return root if root.is_absolute() else (REPO / root).resolve()


def reads_root(config: TrainConfig) -> bool:
    """Whether a dataset of ``config`` reads a file under the data root: a relative path outside the repository.
    One file named on the command line (``yuqing train --data``) is read where it is, with no data root."""
    return any(not spec.in_repo and any(p and not Path(p).is_absolute()
                                        for p in (spec.path, *spec.paths, spec.classes_file))
               for head in config.heads.values() for spec in (*head.datasets, *head.eval))


class Progress:
    """A plain progress line on stderr (no terminal tricks when stderr is a file)."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done, self.start = total, label, 0, time.monotonic()

    def step(self, what: str) -> None:
        self.done += 1
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        sys.stderr.write(f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {self.label}: {what} "
                         f"({time.monotonic() - self.start:.0f}s)\n")
        sys.stderr.flush()


def _libraries() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("numpy", "scipy", "scikit-learn", "yuqing"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "unknown"
    return out


@dataclass
class HeadResult:
    name: str
    classes: list[str]
    coef: np.ndarray  # (k or 1, F)
    intercept: np.ndarray
    head: Head
    metrics: dict[str, Any]
    dev: dict[str, Any]  # labels, probabilities and texts of the hold-out, for reports


def _fit(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, spec: HeadSpec, seed: int,
         c: float) -> LogisticRegression:
    clf = LogisticRegression(C=c, max_iter=spec.max_iter, class_weight=spec.class_weight,
                             solver="liblinear" if len(np.unique(y)) == 2 else "lbfgs", random_state=seed)
    clf.fit(x, y, sample_weight=w)
    return clf


def _decision(clf: LogisticRegression, x: sparse.csr_matrix) -> np.ndarray:
    s = clf.decision_function(x)
    return s[:, None] if s.ndim == 1 else s


def calibrate(scores: np.ndarray, y_index: np.ndarray, k: int) -> tuple[float, float, float]:
    """(platt_a, platt_b, temperature) fitted on out-of-fold scores."""
    if k == 2:
        lr = LogisticRegression(C=1e6, solver="lbfgs")
        lr.fit(scores[:, :1], y_index)
        return float(lr.coef_[0, 0]), float(lr.intercept_[0]), 1.0

    def nll(t: float) -> float:
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y_index)), y_index].mean())

    found = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded")
    return 1.0, 0.0, float(found.x)


def metrics_of(y_true: list[str], proba: np.ndarray, classes: list[str]) -> dict[str, Any]:
    pred = [classes[i] for i in np.argmax(proba, axis=1)]
    per_class = f1_score(y_true, pred, labels=classes, average=None, zero_division=0)
    out: dict[str, Any] = {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, pred)), 4),
        "macro_f1": round(float(f1_score(y_true, pred, labels=classes, average="macro", zero_division=0)), 4),
        "per_class_f1": {c: round(float(f), 4) for c, f in zip(classes, per_class, strict=True)},
    }
    idx = np.array([classes.index(t) if t in classes else -1 for t in y_true])
    ok = idx >= 0
    if ok.any():
        onehot = np.zeros_like(proba[ok])
        onehot[np.arange(ok.sum()), idx[ok]] = 1.0
        out["brier"] = round(float(((proba[ok] - onehot) ** 2).sum(axis=1).mean()), 4)
    return out


def fit_vocabulary(corpus: list[str], analyzer: Any, min_df: int,
                   max_features: int | None) -> tuple[list[str], np.ndarray]:
    """The vocabulary (in column order) and idf of ``TfidfVectorizer(analyzer, min_df, max_features,
    smooth_idf=True)`` on ``corpus``, the same terms and numbers but for the ties at the ``max_features`` cut.

    scikit-learn keeps the most frequent terms by an unstable numpy argsort, whose order among equally frequent terms
    depends on the CPU's vector sort (AVX-512 or AVX2): the same data and libraries gave two vocabularies differing in
    1,802 of 200,000 terms on two hosts. Here ties go to the alphabetically first term, on every host.
    """
    counts = CountVectorizer(analyzer=analyzer, min_df=min_df, dtype=np.int64)
    x = counts.fit_transform(corpus).tocsc()
    terms = counts.get_feature_names_out()  # alphabetical, as scikit-learn orders its vocabulary
    if max_features is not None and len(terms) > max_features:
        frequency = np.asarray(x.sum(axis=0)).ravel()
        keep = np.sort(np.argsort(-frequency, kind="stable")[:max_features])
        terms, x = terms[keep], x[:, keep]
    df = np.diff(x.indptr)  # documents holding each term: the stored entries of its column
    idf = np.log((1 + x.shape[0]) / (1 + df)) + 1
    return [str(t) for t in terms], idf.astype(np.float32)


def train(config: TrainConfig, data_root: Path, labels_loader: Any = None,
          extra_user_words: tuple[str, ...] = ()) -> tuple[LinearModel, dict[str, Any], dict[str, HeadResult]]:
    """Train every head of ``config``; return the merged model, its card (no files yet) and per-head results.

    ``extra_user_words`` (the office's places, bodies, people) join the tokenizer's user words.
    """
    seed = config.seed
    max_chars = config.features.max_chars
    started = time.monotonic()
    steps = sum((len(h.C) if isinstance(h.C, list) else 1) * config.cv_folds + 3 + config.refit_on_all
                for h in config.heads.values()) + (config.devset is not None)
    progress = Progress(steps + 1, config.name)
    head_data: dict[str, tuple[Examples, Examples, dict[str, Examples]]] = {}
    sources: dict[str, list[dict[str, Any]]] = {}
    skipped: dict[str, str] = {}
    for name, spec in config.heads.items():
        examples = Examples()
        for ds in spec.datasets:
            examples.extend(load_dataset(ds, data_root, seed, max_chars, labels_loader))
        counts = Counter(examples.labels)
        if len(counts) < 2 or min(counts.values()) < config.cv_folds + 2:
            # An office's relevance head (or any labels-only head) waits until the cases exist.
            skipped[name] = f"too few examples per label ({dict(counts)}); need two labels, {config.cv_folds + 2} each"
            progress.step(f"{name}: skipped, {skipped[name]}")
            continue
        evals = {ds.name: load_dataset(ds, data_root, seed, max_chars, labels_loader) for ds in spec.eval}
        idx = np.arange(len(examples.texts))
        train_idx, dev_idx = train_test_split(idx, test_size=config.holdout, random_state=seed,
                                              stratify=examples.labels)
        head_data[name] = (_subset(examples, train_idx), _subset(examples, dev_idx), evals)
        sources[name] = examples.sources + [s for e in evals.values() for s in e.sources]
        progress.step(f"{name}: {len(train_idx)} train / {len(dev_idx)} dev rows")

    features = config.features
    user_words = list(dict.fromkeys([*features.user_words, *extra_user_words]))
    if features.user_dict:
        load_user_dict(resolve_path(features.user_dict))
        user_words += [line.split()[0] for line in resolve_path(features.user_dict).read_text(
            encoding="utf-8-sig").splitlines() if line.strip()]
    add_words(user_words)
    if not head_data:
        raise ConfigError(f"no head has enough training data: {skipped}")
    corpus = [t for name, (train_part, _, _) in head_data.items() if config.heads[name].vocabulary
              for t in train_part.texts]
    if not corpus:
        raise ConfigError(f"no head that builds the vocabulary has enough training data: {skipped}")
    vocabulary, idf = fit_vocabulary(corpus, ANALYZERS[features.analyzer], features.min_df, features.max_features)
    probe = LinearModel(vocabulary, idf, np.zeros((len(vocabulary), 1), np.float32), np.zeros(1, np.float32), {},
                        max_chars, analyzer=features.analyzer, user_words=tuple(user_words))
    progress.step(f"vocabulary of {len(vocabulary)} features ({features.analyzer})")

    results: dict[str, HeadResult] = {}
    column = 0
    for name, spec in config.heads.items():
        if name not in head_data:
            continue
        train_part, dev_part, evals = head_data[name]
        x = probe.transform(train_part.texts)
        y = np.array(train_part.labels)
        w = np.array(train_part.weights)
        classes = sorted(set(train_part.labels))
        k = len(classes)
        y_index = np.array([classes.index(v) for v in y])
        folds = list(StratifiedKFold(n_splits=config.cv_folds, shuffle=True, random_state=seed).split(x, y))
        grid = spec.C if isinstance(spec.C, list) else [spec.C]
        best: tuple[float, float, np.ndarray, list[tuple[float, float]]] | None = None
        for c in grid:
            oof = np.zeros((len(y), 1 if k == 2 else k), dtype=np.float64)
            fold_scores = []
            for f, (a, b) in enumerate(folds):
                clf = _fit(x[a], y[a], w[a], spec, seed, c)
                oof[b] = _decision(clf, x[b])
                pred = clf.predict(x[b])
                fold_scores.append((accuracy_score(y[b], pred), f1_score(y[b], pred, average="macro")))
                progress.step(f"{name} C={c} fold {f + 1}/{config.cv_folds}: acc {fold_scores[-1][0]:.4f} "
                              f"macro-F1 {fold_scores[-1][1]:.4f}")
            mean_f1 = float(np.mean([s[1] for s in fold_scores]))
            if best is None or mean_f1 > best[1]:
                best = (c, mean_f1, oof, fold_scores)
        assert best is not None
        c, _, oof, fold_scores = best
        platt_a, platt_b, temperature = calibrate(oof, y_index, k)
        clf = _fit(x, y, w, spec, seed, c)
        progress.step(f"{name} fit with C={c}")
        # The head alone (columns from 0), to score the dev and eval sets.
        local = Head(name, tuple(str(v) for v in clf.classes_), 0, oof.shape[1], platt_a, platt_b, temperature)
        dev_proba = local.probabilities(_decision(clf, probe.transform(dev_part.texts)))
        head_classes = list(local.classes)
        metrics: dict[str, Any] = {
            "C": c,
            "cv": {"folds": config.cv_folds, "C_searched": grid,
                   "accuracy_mean": round(float(np.mean([s[0] for s in fold_scores])), 4),
                   "accuracy_std": round(float(np.std([s[0] for s in fold_scores])), 4),
                   "macro_f1_mean": round(float(np.mean([s[1] for s in fold_scores])), 4),
                   "macro_f1_std": round(float(np.std([s[1] for s in fold_scores])), 4)},
            "dev": metrics_of(dev_part.labels, dev_proba, head_classes),
            "eval": {},
            "calibration": {"platt_a": platt_a, "platt_b": platt_b, "temperature": temperature},
        }
        if config.refit_on_all:
            x_all = sparse.vstack([x, probe.transform(dev_part.texts)]).tocsr()
            clf = _fit(x_all, np.concatenate([y, dev_part.labels]),
                       np.concatenate([w, dev_part.weights]), spec, seed, c)
            metrics["dev"]["note"] = "measured before the final refit on training + hold-out data"
            progress.step(f"{name} refit on training + hold-out")
        for eval_name, eval_part in evals.items():
            proba = local.probabilities(_decision(clf, probe.transform(eval_part.texts)))
            metrics["eval"][eval_name] = metrics_of(eval_part.labels, proba, head_classes)
        coef = clf.coef_.astype(np.float32)
        width = coef.shape[0]
        head = Head(name, local.classes, column, column + width, platt_a, platt_b, temperature)
        column += width
        progress.step(f"{name}: dev acc {metrics['dev']['accuracy']} macro-F1 {metrics['dev']['macro_f1']}")
        results[name] = HeadResult(name, head_classes, coef, clf.intercept_.astype(np.float32), head, metrics,
                                   {"labels": dev_part.labels, "proba": dev_proba, "texts": dev_part.raw})

    # Rounded to float16 as the files store them, so the model in memory is the one that ships.
    weights = np.ascontiguousarray(np.vstack([r.coef for r in results.values()]).T.astype(np.float16),
                                   dtype=np.float32)
    bias = np.concatenate([r.intercept for r in results.values()]).astype(np.float32)
    model = LinearModel(vocabulary, idf, weights, bias, {r.name: r.head for r in results.values()}, max_chars,
                        {"config_name": config.name}, features.analyzer, tuple(user_words))
    created = datetime.now(UTC)
    version = f"{config.name}-{created:%Y%m%dT%H%M%S}"
    card: dict[str, Any] = {
        "version": version,
        "created_at": created.isoformat(),
        "config": msgspec.to_builtins(config),
        "seed": seed,
        "heads": {n: {"classes": r.classes, "metrics": r.metrics} for n, r in results.items()},
        "data": sources,
        "skipped_heads": skipped,
        "features": {"analyzer": features.analyzer, "n_features": len(vocabulary), "sublinear_tf": True},
        "libraries": _libraries(),
        "training_seconds": round(time.monotonic() - started, 1),
        "command": " ".join(["yuqing", *sys.argv[1:]]) if Path(sys.argv[0]).name == "yuqing" else "",
    }
    if config.devset is not None and config.devset.head in head_data:
        reports = devset_report(model, card, config, head_data[config.devset.head][0])
        card["devset"] = reports[0]
        if reports[1:]:
            card["more_devsets"] = {r["path"]: r for r in reports[1:]}
        progress.step("development set by kind" + (" (and the baseline)" if config.devset.baseline else ""))
    return model, card, results


def devset_report(model: LinearModel, card: dict[str, Any], config: TrainConfig,
                  train_part: Examples) -> list[dict[str, Any]]:
    """Per-kind tables of the model (through the full scorer) and of the baseline on each split, one
    report per development set (``devset.path``, then ``devset.more``)."""
    from classifier.devset import baseline_adverse, judge, load_devset, markdown, table
    from classifier.registry import LoadedModel, sha256_file
    from classifier.text import prepare

    assert config.devset is not None
    names = [config.devset.path, *config.devset.more]
    sets = [load_devset(resolve_path(name), config.devset.splits) for name in names]
    everything = [i for items in sets for i in items]
    base: list[float] | None = None
    chosen: dict[str, Any] = {}
    if config.devset.baseline:
        spec = config.heads[config.devset.head]
        grid = spec.C if isinstance(spec.C, list) else [spec.C]
        base, chosen = baseline_adverse(
            train_part.texts, train_part.labels, train_part.weights, grid, config.cv_folds, config.seed,
            spec.class_weight, config.features.max_features, config.features.min_df,
            [prepare(i.title, i.text, model.max_chars) for i in everything])
    reports = []
    start = 0
    for name, items in zip(names, sets, strict=True):
        path = resolve_path(name)
        judged = judge(LoadedModel(model, card, path.parent), items)
        out: dict[str, Any] = {"path": name, "sha256": sha256_file(path), "splits": {}}
        if base is not None:
            out["baseline"] = {"what": "TfidfVectorizer(char 1-3) + LogisticRegression, same training rows, "
                                       "C searched by the same CV, P(adverse) >= 0.5", **chosen}
        for split in config.devset.splits:
            idx = [j for j, i in enumerate(items) if i.split == split]
            if not idx:
                continue
            part = [items[j] for j in idx]
            mine = table(part, [judged.negativity[j] for j in idx], [judged.topic[j] for j in idx],
                         [judged.emotion[j] for j in idx])
            entry: dict[str, Any] = {"model": mine, "markdown": markdown(mine, f"{split}: {card['version']}")}
            if base is not None:
                theirs = table(part, [base[start + j] for j in idx])
                entry["baseline"] = theirs
                entry["baseline_markdown"] = markdown(theirs, f"{split}: baseline")
            out["splits"][split] = entry
        reports.append(out)
        start += len(items)
    return reports


def _subset(examples: Examples, idx: np.ndarray) -> Examples:
    return Examples([examples.texts[i] for i in idx], [examples.labels[i] for i in idx],
                    [examples.weights[i] for i in idx], [examples.origins[i] for i in idx],
                    [examples.raw[i] for i in idx], examples.sources)
