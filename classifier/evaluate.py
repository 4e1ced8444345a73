"""``yuqing evaluate``: a model on a training config's eval sets and dev split, as an HTML report.

Plots are inline SVG written here (no plotting library): confusion matrix, precision-recall
curve (binary heads), reliability diagram (calibration), per-class F1, a comparison with another
model (by default the promoted one) and the most confident errors.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import train_test_split

from classifier.data import Examples, load_dataset
from classifier.registry import LoadedModel
from classifier.scoring import positive_column
from classifier.text import prepare
from classifier.train import TrainConfig, metrics_of

W, H, PAD = 320, 260, 36


def _esc(value: object) -> str:
    return html.escape(str(value))


def _axes(title: str, xlabel: str, ylabel: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
            'font-family="sans-serif" font-size="11">',
            f'<text x="{W / 2}" y="14" text-anchor="middle" font-weight="bold">{_esc(title)}</text>',
            f'<rect x="{PAD}" y="{PAD - 16}" width="{W - 2 * PAD + 20}" height="{H - 2 * PAD}" '
            'fill="none" stroke="#999"/>',
            f'<text x="{W / 2}" y="{H - 6}" text-anchor="middle">{_esc(xlabel)}</text>',
            f'<text x="10" y="{H / 2}" transform="rotate(-90 10 {H / 2})" text-anchor="middle">{_esc(ylabel)}</text>']


def _xy(x: float, y: float) -> tuple[float, float]:
    return PAD + x * (W - 2 * PAD + 20), PAD - 16 + (1 - y) * (H - 2 * PAD)


def svg_curve(title: str, xs: np.ndarray, ys: np.ndarray, xlabel: str, ylabel: str,
              diagonal: bool = False, points: bool = False) -> str:
    parts = _axes(title, xlabel, ylabel)
    if diagonal:
        (x0, y0), (x1, y1) = _xy(0, 0), _xy(1, 1)
        parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#bbb" stroke-dasharray="4"/>')
    coords = [_xy(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
    if coords:
        parts.append('<polyline fill="none" stroke="#c0392b" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    if points:
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#c0392b"/>' for x, y in coords]
    for t in (0, 0.5, 1):
        x, y = _xy(t, 0)
        parts.append(f'<text x="{x}" y="{y + 12}" text-anchor="middle">{t}</text>')
        x, y = _xy(0, t)
        parts.append(f'<text x="{x - 4}" y="{y + 4}" text-anchor="end">{t}</text>')
    return "".join(parts) + "</svg>"


def svg_bars(title: str, labels: list[str], values: list[float]) -> str:
    height = 24 + 16 * len(labels)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="420" height="{height}" font-family="sans-serif" '
             f'font-size="11"><text x="210" y="14" text-anchor="middle" font-weight="bold">{_esc(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 22 + 16 * i
        parts.append(f'<text x="118" y="{y + 11}" text-anchor="end">{_esc(label)}</text>'
                     f'<rect x="122" y="{y}" width="{250 * value:.1f}" height="12" fill="#2e86c1"/>'
                     f'<text x="{126 + 250 * value:.1f}" y="{y + 11}">{value:.3f}</text>')
    return "".join(parts) + "</svg>"


def svg_confusion(classes: list[str], matrix: np.ndarray) -> str:
    n = len(classes)
    cell = max(14, min(40, 400 // max(n, 1)))
    left, top = 110, 100
    size_w, size_h = left + cell * n + 10, top + cell * n + 10
    peak = max(int(matrix.max()), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_w}" height="{size_h}" font-family="sans-serif" '
             f'font-size="10"><text x="4" y="12" font-weight="bold">混淆矩阵 (行: 真实, 列: 预测)</text>']
    for i, name in enumerate(classes):
        parts.append(f'<text x="{left - 4}" y="{top + cell * i + cell / 2 + 3}" text-anchor="end">{_esc(name)}</text>')
        x = left + cell * i + cell / 2
        parts.append(f'<text x="{x}" y="{top - 4}" transform="rotate(-60 {x} {top - 4})">{_esc(name)}</text>')
        for j in range(n):
            v = int(matrix[i, j])
            shade = int(255 - 200 * v / peak)
            fill = f"rgb({shade},{shade},255)" if i == j else f"rgb(255,{shade},{shade})"
            parts.append(f'<rect x="{left + cell * j}" y="{top + cell * i}" width="{cell}" height="{cell}" '
                         f'fill="{fill if v else "#fff"}" stroke="#ddd"/>')
            if v and cell >= 18:
                parts.append(f'<text x="{left + cell * j + cell / 2}" y="{top + cell * i + cell / 2 + 3}" '
                             f'text-anchor="middle">{v}</text>')
    return "".join(parts) + "</svg>"


def reliability(y_true: np.ndarray, confidence: np.ndarray, bins: int = 10) -> tuple[np.ndarray, np.ndarray, float]:
    """Mean confidence and accuracy per bin with data, and the expected calibration error."""
    edges = np.linspace(0, 1, bins + 1)
    xs, ys, ece = [], [], 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (confidence >= lo) & (confidence < hi if hi < 1 else confidence <= hi)
        if mask.any():
            xs.append(float(confidence[mask].mean()))
            ys.append(float(y_true[mask].mean()))
            ece += mask.mean() * abs(xs[-1] - ys[-1])
    return np.array(xs), np.array(ys), float(ece)


def _predict(loaded: LoadedModel, head: str, texts: list[str]) -> np.ndarray | None:
    if head not in loaded.model.heads:
        return None
    return loaded.model.predict(texts)[head]


def _section(head: str, set_name: str, examples: Examples, loaded: LoadedModel, other: LoadedModel | None,
             summary: dict[str, Any]) -> str:
    proba = _predict(loaded, head, examples.texts)
    if proba is None:
        return f"<p>模型 {_esc(loaded.version)} 没有 {_esc(head)} 头, 跳过 {_esc(set_name)}。</p>"
    classes = list(loaded.model.heads[head].classes)
    metrics = metrics_of(examples.labels, proba, classes)
    pred_idx = np.argmax(proba, axis=1)
    truth = np.array(examples.labels)
    correct = np.array([classes[p] == t for p, t in zip(pred_idx, truth, strict=True)])
    confidence = proba.max(axis=1)
    xs, ys, ece = reliability(correct.astype(float), confidence)
    metrics["ece"] = round(ece, 4)
    entry: dict[str, Any] = {"model": loaded.version, **{k: v for k, v in metrics.items() if k != "per_class_f1"}}
    rows = [("accuracy", metrics["accuracy"]), ("macro-F1", metrics["macro_f1"]), ("Brier", metrics.get("brier")),
            ("ECE", metrics["ece"])]
    other_metrics = None
    if other is not None:
        other_proba = _predict(other, head, examples.texts)
        if other_proba is not None:
            other_metrics = metrics_of(examples.labels, other_proba, list(other.model.heads[head].classes))
            entry["compare"] = {"model": other.version, "accuracy": other_metrics["accuracy"],
                                "macro_f1": other_metrics["macro_f1"]}
    summary.setdefault(head, {})[set_name] = entry
    table = "<table><tr><th>指标</th><th>" + _esc(loaded.version) + "</th>"
    if other_metrics:
        table += f"<th>{_esc(other.version if other else '')}</th><th>差</th>"
    table += "</tr>"
    for name, value in rows:
        table += f"<tr><td>{name}</td><td>{value}</td>"
        if other_metrics:
            key = {"accuracy": "accuracy", "macro-F1": "macro_f1", "Brier": "brier"}.get(name)
            ov = other_metrics.get(key) if key else None
            diff = f"{value - ov:+.4f}" if isinstance(ov, float) and isinstance(value, float) else ""
            table += f"<td>{ov if ov is not None else ''}</td><td>{diff}</td>"
        table += "</tr>"
    table += "</table>"
    matrix = np.zeros((len(classes), len(classes)), dtype=int)
    for p, t in zip(pred_idx, truth, strict=True):
        if t in classes:
            matrix[classes.index(t), p] += 1
    plots = [svg_confusion(classes, matrix),
             svg_curve(f"可靠性图 (ECE {ece:.3f})", xs, ys, "预测置信度", "实际准确率", diagonal=True, points=True),
             svg_bars("各类 F1", classes, [metrics["per_class_f1"][c] for c in classes])]
    if len(classes) == 2:
        pos = positive_column(tuple(classes))
        y_bin = (truth == classes[pos]).astype(int)
        if 0 < y_bin.sum() < len(y_bin):
            precision, recall, _ = precision_recall_curve(y_bin, proba[:, pos])
            plots.insert(1, svg_curve(f"PR 曲线 (正类 {classes[pos]})", recall, precision, "召回率", "精确率"))
    wrong = np.where(~correct)[0]
    worst = wrong[np.argsort(-confidence[wrong])][:20]
    errors = "".join(f"<tr><td>{_esc(truth[i])}</td><td>{_esc(classes[pred_idx[i]])}</td>"
                     f"<td>{confidence[i]:.3f}</td><td>{_esc(examples.raw[i][:160])}</td></tr>" for i in worst)
    return (f"<h3>{_esc(head)} · {_esc(set_name)} (n={metrics['n']})</h3>{table}"
            f"<div class='plots'>{''.join(plots)}</div>"
            f"<details><summary>最自信的错误 (前 {len(worst)} 条)</summary><table><tr><th>真实</th><th>预测</th>"
            f"<th>置信度</th><th>文本</th></tr>{errors}</table></details>")


CURVE_POINTS = (0, 10, 25, 50, 100, 200, 400, 800, 1600)
# Public rows per curve point's fit: enough for the public part's shape, cheap enough to refit often.
CURVE_PUBLIC_LIMIT = 6000


def learning_curve(config: TrainConfig, data_root: Path, loaded: LoadedModel, office_rows: list[dict[str, Any]],
                   head: str = "negativity") -> dict[str, Any]:
    """Accuracy on the office's held-out labels against the number of the office's labels trained on.

    Each point refits the head (logistic regression in the model's own feature space, the model's
    C) on a sample of the config's public sets plus the first n of the office's training labels, in
    the order they were labelled, weighted as the config weights them.
    """
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    from classifier.gate import predict_labels
    from classifier.labels import split_labels

    train_rows, heldout = split_labels(office_rows)
    out: dict[str, Any] = {"head": head, "office_labels": len(train_rows), "heldout": len(heldout), "points": []}
    spec = config.heads.get(head)
    if spec is None or head not in loaded.model.heads or not heldout:
        out["note"] = "本单位还没有留出的标注案例 (no held-out labels of the office for this head)"
        return out
    model = loaded.model
    public = Examples()
    office_weight = 5.0
    for ds in spec.datasets:
        if ds.format == "labels":
            office_weight = ds.weight
            continue
        public.extend(load_dataset(ds, data_root, config.seed, model.max_chars))
    rng = np.random.default_rng(config.seed)
    keep = rng.permutation(len(public.texts))[:CURVE_PUBLIC_LIMIT]
    x_public = model.transform([public.texts[i] for i in keep]) if len(keep) else None
    y_public = [public.labels[i] for i in keep]
    w_public = [public.weights[i] for i in keep]
    x_office = model.transform([prepare(r["title"], r["text"], model.max_chars) for r in train_rows])
    x_held = model.transform([prepare(r["title"], r["text"], model.max_chars) for r in heldout])
    truth = np.array([r["label"] for r in heldout])
    c = float((loaded.card.get("heads", {}).get(head, {}).get("metrics", {}) or {}).get("C")
              or (spec.C[0] if isinstance(spec.C, list) else spec.C))
    own = np.array(predict_labels(loaded, head, heldout))
    out["model"] = {"version": loaded.version, "accuracy": round(float(np.mean(own == truth)), 4)}
    points = sorted({n for n in CURVE_POINTS if n <= len(train_rows)} | {len(train_rows)})
    for n in points:
        parts = [m for m in (x_public, x_office[:n] if n else None) if m is not None]
        if not parts:
            continue
        x = sparse.vstack(parts).tocsr()
        y = np.array(y_public + [r["label"] for r in train_rows[:n]])
        w = np.array(w_public + [office_weight] * n)
        if len(set(y)) < 2:
            continue
        clf = LogisticRegression(C=c, max_iter=2000, class_weight=spec.class_weight,
                                 solver="liblinear" if len(set(y)) == 2 else "lbfgs", random_state=config.seed)
        clf.fit(x, y, sample_weight=w)
        out["points"].append({"labels": n, "accuracy": round(float(np.mean(clf.predict(x_held) == truth)), 4)})
    return out


def _curve_section(curve: dict[str, Any]) -> str:
    if not curve["points"]:
        return f"<h3>学习曲线 · {_esc(curve['head'])}</h3><p>{_esc(curve.get('note', ''))}</p>"
    top = max(max(p["labels"] for p in curve["points"]), 1)
    xs = np.array([p["labels"] / top for p in curve["points"]])
    ys = np.array([p["accuracy"] for p in curve["points"]])
    rows = "".join(f"<tr><td>{p['labels']}</td><td>{p['accuracy']}</td></tr>" for p in curve["points"])
    return (f"<h3>学习曲线 · {_esc(curve['head'])} (本单位留出标注 {curve['heldout']} 条)</h3>"
            f"<p>横轴: 训练用的本单位标注数 (0 … {top}); 纵轴: 留出标注上的准确率. 在用模型 "
            f"{_esc(curve['model']['version'])}: {curve['model']['accuracy']}</p>"
            f"<div class='plots'>{svg_curve('学习曲线', xs, ys, f'本单位标注数 / {top}', '准确率', points=True)}</div>"
            f"<table><tr><th>本单位标注数</th><th>准确率</th></tr>{rows}</table>")


def evaluate(config: TrainConfig, data_root: Path, loaded: LoadedModel, other: LoadedModel | None,
             out: Path, labels_loader: Any = None,
             office_labels: Callable[[str], list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Write the report to ``out``; return the metrics summary.

    ``office_labels(head)`` (the store's labelled cases) adds the learning curve of each head.
    """
    summary: dict[str, Any] = {}
    sections = []
    if office_labels is not None:
        for head in config.heads:
            rows = office_labels(head)
            if rows:
                curve = learning_curve(config, data_root, loaded, rows, head)
                summary.setdefault("learning_curve", {})[head] = curve
                sections.append(_curve_section(curve))
    max_chars = loaded.model.max_chars
    for head, spec in config.heads.items():
        sets: dict[str, Examples] = {}
        examples = Examples()
        try:
            for ds in spec.datasets:
                examples.extend(load_dataset(ds, data_root, config.seed, max_chars, labels_loader))
        except (OSError, ValueError) as exc:
            sections.append(f"<p>{_esc(head)}: 训练数据不可读, 不评估开发集: {_esc(exc)}</p>")
        else:
            idx = np.arange(len(examples.texts))
            if len(set(examples.labels)) >= 2:
                _, dev_idx = train_test_split(idx, test_size=config.holdout, random_state=config.seed,
                                              stratify=examples.labels)
                refit = bool(loaded.card.get("config", {}).get("refit_on_all"))
                name = "dev (见过: the model was refit on it)" if refit else "dev (hold-out)"
                sets[name] = Examples([examples.texts[i] for i in dev_idx],
                                                  [examples.labels[i] for i in dev_idx], [], [],
                                                  [examples.raw[i] for i in dev_idx])
        for ds in spec.eval:
            sets[ds.name] = load_dataset(ds, data_root, config.seed, max_chars, labels_loader)
        for name, part in sets.items():
            sections.append(_section(head, name, part, loaded, other, summary))
    card = loaded.card
    page = f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>模型评估 {_esc(loaded.version)}</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:1100px}}table{{border-collapse:collapse;margin:.5em 0}}
td,th{{border:1px solid #ccc;padding:2px 6px;font-size:13px}}.plots svg{{margin:4px;vertical-align:top}}</style></head>
<body><h1>模型评估报告</h1>
<p>模型 <b>{_esc(loaded.version)}</b> (训练于 {_esc(card.get('created_at', ''))}), 对比模型
<b>{_esc(other.version if other else '无')}</b>; 训练配置 {_esc(config.name)};
生成于 {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. 开发集 = 训练配置的分层留出集 (seed {config.seed},
{config.holdout:.0%}); 只有用同一配置训练的模型在开发集上的成绩才是留出成绩.</p>
{''.join(sections)}</body></html>"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return summary
