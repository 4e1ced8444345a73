"""Commands: ``yuqing classifier|score|train|evaluate|models|labels``."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from contextlib import ExitStack
from pathlib import Path

from classifier.settings import ClassifierSettings, load_settings
from core import logs
from core.errors import ConfigError

log = logging.getLogger(__name__)


def _settings(args: argparse.Namespace) -> ClassifierSettings:
    return load_settings(Path(args.config) if getattr(args, "config", None) else None)


def _configure(settings: ClassifierSettings, stage: str | None = None) -> None:
    logs.configure(settings.log.level, settings.log.json, stage=stage)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("classifier", help="运行研判服务 (items.raw → items.scored)")
    p.set_defaults(func=cmd_classifier)

    p = subparsers.add_parser("score", help="批量研判 JSON Lines (backtests, tools)")
    p.add_argument("--profile", help="policy profile name or folder (default: [classifier] profile)")
    p.add_argument("--in", dest="infile", default="-", help="input JSONL file, - for stdin")
    p.add_argument("--out", dest="outfile", default="-", help="output JSONL file, - for stdout")
    p.add_argument("--model", help="model version, model folder, or 'default' (default: the promoted model)")
    p.set_defaults(func=cmd_score)

    p = subparsers.add_parser("train", help="训练模型 from a training config (YAML)")
    p.add_argument("train_config", metavar="CONFIG", nargs="?",
                   help="training config, e.g. classifier/training/default.yaml (or use --data)")
    _add_quick_data(p)
    p.add_argument("--data-root", help="where the config's dataset paths are (default: its data_root)")
    p.add_argument("--out", help="write the model folder here instead of registering it")
    p.add_argument("--promote", action="store_true", help="promote the new version right away")
    p.set_defaults(func=cmd_train)

    p = subparsers.add_parser("evaluate", help="评估模型, HTML report with plots")
    p.add_argument("train_config", metavar="CONFIG", nargs="?",
                   help="training config whose eval sets (and dev split) to use (or use --data/--eval)")
    _add_quick_data(p)
    p.add_argument("--model", help="model version or folder (default: the promoted model)")
    p.add_argument("--compare", default="promoted",
                   help="model to compare with: a version, a folder, 'promoted' or 'none' (default: promoted)")
    p.add_argument("--data-root", help="where the dataset paths are (default: the config's data_root)")
    p.add_argument("--out", default="evaluation.html", help="report file (HTML)")
    p.add_argument("--no-curve", action="store_true",
                   help="skip the learning curve from the office's labels (refits a head per point)")
    p.add_argument("--devset", help="a development set by kind (devsets/city_items.jsonl): per-kind table")
    p.add_argument("--split", action="append", default=[],
                   help="split(s) of the development set to report (default: dev; repeatable)")
    p.set_defaults(func=cmd_evaluate)

    p = subparsers.add_parser("grades", help="等级标注对照: the profile's rules and a learned model vs labelled grades")
    p.add_argument("--profile", help="policy profile (default: [classifier] profile)")
    p.set_defaults(func=cmd_grades)

    p = subparsers.add_parser("models", help="模型版本: list, promote, rollback")
    msub = p.add_subparsers(dest="models_command", required=True)
    m = msub.add_parser("list", help="registered versions and their metrics")
    m.add_argument("--json", action="store_true")
    m.set_defaults(func=cmd_models_list)
    m = msub.add_parser("promote", help="make a version the one the service uses (if not worse on the office's "
                                        "held-out labels)")
    m.add_argument("version")
    m.add_argument("--force", action="store_true",
                   help="promote although the gate refuses (needs --reason; recorded in the history)")
    m.add_argument("--reason", default="", help="why a refused model is promoted anyway")
    m.set_defaults(func=cmd_models_promote)
    m = msub.add_parser("rollback", help="return to the previously promoted version")
    m.set_defaults(func=cmd_models_rollback)

    p = subparsers.add_parser("labels", help="标注案例: import, export (CSV/JSONL)")
    lsub = p.add_subparsers(dest="labels_command", required=True)
    m = lsub.add_parser("import", help="import labelled cases (columns: text, label; optional title, head, "
                                       "item_id, profile, labelled_by)")
    m.add_argument("file")
    m.add_argument("--head", help="head of every row without a head column: negativity, relevance, topic, grade")
    m.add_argument("--profile", default="", help="profile of rows without a profile column")
    m.set_defaults(func=cmd_labels_import)
    m = lsub.add_parser("export", help="export labelled cases")
    m.add_argument("file", help="output .csv or .jsonl (- for JSONL on stdout)")
    m.add_argument("--head")
    m.set_defaults(func=cmd_labels_export)


def _add_quick_data(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("one file instead of a config (CSV, TSV, JSONL, or THUCNews-style 'text<TAB>label' .txt)")
    g.add_argument("--data", help="training file")
    g.add_argument("--eval", action="append", default=[], help="evaluation file (repeatable)")
    g.add_argument("--head", default="negativity", help="head to train: negativity, topic, relevance, ...")
    g.add_argument("--text-column", default="text")
    g.add_argument("--label-column", default="label")
    g.add_argument("--label-map", default="",
                   help="rename labels, e.g. 'angry=1,sad=1,fear=1,*=0' (a label mapped to nothing is dropped)")
    g.add_argument("--classes-file", default="", help="for .txt files: label names by line (class.txt)")
    g.add_argument("--C", default="2,4,8", help="regularisation values searched by cross-validation")


def _quick_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """A training config for one file (and its eval files), so any labelled CSV/JSONL trains a head."""
    import msgspec

    from classifier.train import TrainConfig

    def spec(path: str, name: str) -> dict[str, object]:
        suffix = Path(path).suffix.lower()
        fmt = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".json": "jsonl", ".txt": "lines"}.get(suffix)
        if fmt is None:
            raise ValueError(f"{path}: cannot tell the format from {suffix!r}; use .csv, .tsv, .jsonl or .txt")
        mapping = dict(item.split("=", 1) for item in args.label_map.split(",") if "=" in item)
        out: dict[str, object] = {"name": name, "format": fmt, "path": str(Path(path).resolve()),
                                  "text": [args.text_column], "label": args.label_column, "map": mapping}
        if fmt == "lines" and args.classes_file:
            out["classes_file"] = str(Path(args.classes_file).resolve())
        return out

    grid = [float(c) for c in args.C.split(",") if c.strip()]
    head = {"datasets": [spec(args.data, Path(args.data).stem)] if args.data else [],
            "eval": [spec(e, Path(e).stem) for e in args.eval], "C": grid}
    name = Path(args.data).stem.replace("_", "-") if args.data else "eval"
    return msgspec.convert({"name": name, "heads": {args.head: head}, "refit_on_all": True,
                            "features": {"max_features": 400000}}, TrainConfig)


def _config_of(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from classifier.train import load_config

    if args.train_config:
        return load_config(Path(args.train_config))
    if not (args.data or args.eval):
        raise ValueError("name a training config, or --data FILE (train) / --eval FILE (evaluate)")
    return _quick_config(args)


# -- service --------------------------------------------------------------------------------------
def cmd_classifier(args: argparse.Namespace) -> int:
    from classifier.service import run
    from core import metrics

    settings = _settings(args)
    _configure(settings, stage="classifier")
    ops = metrics.start("classifier", Path(args.config) if getattr(args, "config", None) else None,
                        settings.store, settings.kafka)
    try:
        run(settings)
    finally:
        ops.stop()
    return 0


# -- score ----------------------------------------------------------------------------------------
def _load_model(settings: ClassifierSettings, which: str | None):  # type: ignore[no-untyped-def]
    from classifier.registry import DEFAULT_MODEL_DIR, load_verified
    from classifier.service import registry_of

    registry = registry_of(settings)
    if which in (None, "", "promoted"):
        return registry.load_promoted()
    if which == "default":
        return load_verified(DEFAULT_MODEL_DIR)
    if Path(which).is_dir():
        return load_verified(Path(which))
    return registry.load(which)


def cmd_score(args: argparse.Namespace) -> int:
    from classifier.batch import score_lines, write_lines
    from classifier.grading import load_rules
    from classifier.keywords import KeywordScorer
    from classifier.model import ModelError
    from classifier.relevance import RelevanceScorer
    from classifier.scoring import Scorer
    from classifier.service import load_office_words, office_of
    from core.errors import ConfigError
    from policies import UnknownProfile, profile_dir

    settings = _settings(args)
    _configure(settings)
    profile = args.profile or settings.profile
    try:
        rules = load_rules(profile_dir(profile))
        loaded = _load_model(settings, args.model)
    except (ConfigError, ModelError, UnknownProfile) as exc:
        print(f"yuqing score: {exc}", file=sys.stderr)
        return 2
    load_office_words(settings)
    try:
        office = office_of(settings, profile)
    except ConfigError as exc:
        print(f"yuqing score: {exc}", file=sys.stderr)
        return 2
    try:
        keyword_scorer = KeywordScorer.load(settings.keywords)
    except ConfigError as exc:
        print(f"yuqing score: {exc}", file=sys.stderr)
        return 2
    scorer = Scorer(loaded, RelevanceScorer(office), rules, profile, keywords=keyword_scorer)
    with ExitStack() as stack:
        source = sys.stdin.buffer if args.infile == "-" else stack.enter_context(open(args.infile, "rb"))
        sink = sys.stdout.buffer if args.outfile == "-" else stack.enter_context(open(args.outfile, "wb"))
        done, failed = write_lines(score_lines(scorer, source), sink)
    print(f"研判完成: {done} 条, 出错 {failed} 条 (model {loaded.version}, profile {profile})", file=sys.stderr)
    return 0


# -- train / evaluate -----------------------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    from classifier.labels import labels_loader
    from classifier.registry import write_model
    from classifier.service import registry_of
    from classifier.train import reads_root, resolve_root, train

    settings = _settings(args)
    _configure(settings)
    if not args.train_config and not args.data:
        print("yuqing train: name a training config or --data FILE", file=sys.stderr)
        return 2
    try:
        config = _config_of(args)
    except (ValueError, ConfigError) as exc:
        print(f"yuqing train: {exc}", file=sys.stderr)
        return 2
    root = resolve_root(config, args.data_root)
    if reads_root(config) and not root.is_dir():
        print(f"yuqing train: data root {root} does not exist (use --data-root)", file=sys.stderr)
        return 2
    office_words = (*settings.places, *settings.bodies, *settings.people)
    model, card, _ = train(config, root, labels_loader(settings.store), office_words)
    card["command"] = "yuqing train " + " ".join(sys.argv[sys.argv.index("train") + 1:]) \
        if "train" in sys.argv else f"yuqing train {args.train_config or args.data}"
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        card = write_model(model, card, out)
        print(f"模型已写入 {out} (version {card['version']})")
    else:
        registry = registry_of(settings)
        card = registry.register(model, card)
        print(f"模型已登记: {card['version']} in {registry.root}")
        if args.promote and gated_promote(settings, card["version"]) != 0:
            return 3
    for name, head in card["heads"].items():
        m = head["metrics"]
        evals = ", ".join(f"{k} acc {v['accuracy']} macro-F1 {v['macro_f1']}" for k, v in m["eval"].items())
        print(f"  {name}: CV acc {m['cv']['accuracy_mean']}±{m['cv']['accuracy_std']} "
              f"macro-F1 {m['cv']['macro_f1_mean']}; dev acc {m['dev']['accuracy']} macro-F1 {m['dev']['macro_f1']}"
              + (f"; {evals}" if evals else ""))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from classifier.evaluate import evaluate
    from classifier.model import ModelError
    from classifier.train import resolve_root

    settings = _settings(args)
    _configure(settings)
    try:
        config = _config_of(args)
    except (ValueError, ConfigError) as exc:
        print(f"yuqing evaluate: {exc}", file=sys.stderr)
        return 2
    try:
        model = _load_model(settings, args.model)
        other = None if args.compare == "none" else _load_model(settings, args.compare)
    except ModelError as exc:
        print(f"yuqing evaluate: {exc}", file=sys.stderr)
        return 2
    if other is not None and other.version == model.version:
        other = None
    from classifier.labels import fetch_labels, labels_loader

    def office_labels(head: str) -> list[dict[str, object]]:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return fetch_labels(settings.store, head)
        except SQLAlchemyError as exc:
            print(f"学习曲线: 无法读取标注库, 跳过 (cannot read the labels from the store: {exc})", file=sys.stderr)
            return []

    summary = evaluate(config, resolve_root(config, args.data_root), model, other, Path(args.out),
                       labels_loader(settings.store), None if args.no_curve else office_labels)
    if args.devset:
        from classifier.devset import DevsetError, judge, load_devset, markdown, table

        try:
            items = load_devset(Path(args.devset), args.split or ["dev"])
        except DevsetError as exc:
            print(f"yuqing evaluate: {exc}", file=sys.stderr)
            return 2
        judged = judge(model, items)
        result = table(items, judged.negativity, judged.topic, judged.emotion)
        summary["devset"] = {"path": args.devset, "splits": args.split or ["dev"], **result}
        print(markdown(result, f"{args.devset} {'+'.join(args.split or ['dev'])}: {model.version}"), file=sys.stderr)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    print(f"评估报告: {args.out}", file=sys.stderr)
    return 0


def cmd_grades(args: argparse.Namespace) -> int:
    from classifier.grade_model import load_cases, report
    from classifier.grading import load_rules
    from policies import UnknownProfile, profile_dir

    settings = _settings(args)
    _configure(settings)
    profile = args.profile or settings.profile
    try:
        rules = load_rules(profile_dir(profile))
    except (ConfigError, UnknownProfile) as exc:
        print(f"yuqing grades: {exc}", file=sys.stderr)
        return 2
    from sqlalchemy.exc import SQLAlchemyError

    try:
        cases = load_cases(settings.store, profile, rules)
    except SQLAlchemyError as exc:
        # Most often a store that was never migrated: say so, not a traceback.
        print(f"yuqing grades: 无法读取库中的等级标注 ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})；"
              "新库请先运行 yuqing migrate", file=sys.stderr)
        return 2
    print(json.dumps(report(cases, rules), ensure_ascii=False, indent=1))
    return 0


# -- models ---------------------------------------------------------------------------------------
def cmd_models_list(args: argparse.Namespace) -> int:
    from classifier.registry import DEFAULT_MODEL_DIR, read_card
    from classifier.service import registry_of

    registry = registry_of(_settings(args))
    promoted = registry.promoted()
    cards = registry.versions()
    rows = []
    default = read_card(DEFAULT_MODEL_DIR) if (DEFAULT_MODEL_DIR / "card.json").is_file() else None
    if default:
        rows.append(("default", default, promoted is None))
    rows += [("registry", card, card["version"] == promoted) for card in cards]
    if args.json:
        print(json.dumps([{"where": w, "promoted": p, **c} for w, c, p in rows], ensure_ascii=False, indent=1))
        return 0
    for where, card, is_promoted in rows:
        mark = "*" if is_promoted else " "
        heads = ", ".join(f"{n} dev {h['metrics']['dev']['accuracy']}" for n, h in card.get("heads", {}).items())
        print(f"{mark} {card['version']:<40} {where:<9} {card.get('created_at', '')[:19]}  {heads}")
    if promoted is None:
        print("(* = in use; nothing promoted: the shipped default model is used)")
    return 0


def gated_promote(settings: ClassifierSettings, version: str, force: bool = False, reason: str = "") -> int:
    """Promote ``version`` if it is not worse than the model in use on the office's held-out labels."""
    from classifier import gate
    from classifier.model import ModelError
    from classifier.service import registry_of

    if force and not reason.strip():
        print("yuqing models promote: --force needs --reason (it is kept in the history)", file=sys.stderr)
        return 2
    from sqlalchemy.exc import SQLAlchemyError

    registry = registry_of(settings)
    try:
        candidate = registry.load(version)
        result = gate.check(settings.store, candidate, registry.load_promoted())
    except ModelError as exc:
        print(f"yuqing models promote: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        print(f"yuqing models promote: 无法读取本单位标注, 不能检查新模型 (cannot read the office's labels: {exc}); "
              "修复标注库后重试", file=sys.stderr)
        return 2
    print(result.message())
    detail: dict[str, object] = {"gate": result.to_json()}
    if result.compared and not result.passed:
        if not force:
            print(f"未发布 {version}: 在本单位留出标注上比在用模型更差 (refused). 补充标注后重新训练, "
                  "或确有理由时用 --force --reason 强制发布 (记入历史)", file=sys.stderr)
            return 3
        detail.update(forced=True, reason=reason.strip())
        log.warning("model %s promoted against the gate by %s: %s", version, getpass.getuser(), reason.strip())
    registry.promote(version, getpass.getuser(), detail)
    print(f"已发布 {version}{' (强制, 已记入历史)' if detail.get('forced') else ''}; 运行中的研判服务会自动加载")
    return 0


def cmd_models_promote(args: argparse.Namespace) -> int:
    return gated_promote(_settings(args), args.version, args.force, args.reason)


def cmd_models_rollback(args: argparse.Namespace) -> int:
    from classifier.model import ModelError
    from classifier.service import registry_of

    try:
        version = registry_of(_settings(args)).rollback(getpass.getuser())
    except ModelError as exc:
        print(f"yuqing models rollback: {exc}", file=sys.stderr)
        return 2
    print(f"已回滚到 {version or '内置默认模型 (shipped default)'}")
    return 0


# -- labels ---------------------------------------------------------------------------------------
def cmd_labels_import(args: argparse.Namespace) -> int:
    from classifier.labels import LabelError, import_labels

    settings = _settings(args)
    try:
        added, skipped = import_labels(settings.store, Path(args.file), args.head, args.profile,
                                       getpass.getuser())
    except LabelError as exc:
        print(f"yuqing labels import: {exc}", file=sys.stderr)
        return 2
    print(f"导入 {added} 条标注, 跳过重复 {skipped} 条")
    return 0


def cmd_labels_export(args: argparse.Namespace) -> int:
    from classifier.labels import export_labels

    settings = _settings(args)
    count = export_labels(settings.store, args.file, args.head)
    print(f"导出 {count} 条标注", file=sys.stderr)
    return 0
