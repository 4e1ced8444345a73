"""The scorer's topic decision on checks that are not the development set (issue 10).

    python bench/eval_topic.py [--model VERSION]

1. ``tests/classifier/data/city_items.jsonl``: 51 short city-office items with their topic, written
   for the seed lexicons' issue (before the development set), scored with the ``city-gov`` profile.
2. DuEE news sentences (``../shared/data/events/duee_sample.json``) whose event types own a topic
   in ``classifier/training/weak/duee_events.yaml`` (accidents → 应急管理, attacks, arrests, marches
   → 社会稳定, recalls → 质监): does the event reach its topic through the model head, the lexicon
   hint and the event-outranks-the-setting rule? ``--duee`` names another file (``duee_dev.json``).
   The event vocabulary of :mod:`classifier.facts` takes words from ``duee_dev.json`` only (see
   ``classifier/reference/event_words.yaml``), so the sample file is a check it was not built from.
3. ``bench/topic_heldaside.yaml``: 51 events (3 per base topic) that are not in the training
   generator, each in five registers (bare, complaint, news, rumour, 调查处理 notice), 255 rows.

Prints the accuracy per check and per expected topic; ``--show-misses`` lists the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from classifier.cli import _load_model  # noqa: E402
from classifier.grading import load_rules  # noqa: E402
from classifier.relevance import Office, RelevanceScorer  # noqa: E402
from classifier.scoring import Scorer  # noqa: E402
from classifier.settings import ClassifierSettings  # noqa: E402
from core.contracts import RawItem, Source, utcnow  # noqa: E402
from policies import profile_dir  # noqa: E402

CITY_ITEMS = REPO / "tests" / "classifier" / "data" / "city_items.jsonl"
DUEE_MAP = REPO / "classifier" / "training" / "weak" / "duee_events.yaml"
SHARED = REPO.parent / "shared" / "data" / "events"
HELD_ASIDE = REPO / "bench" / "topic_heldaside.yaml"


def _item(i: int, title: str, text: str) -> RawItem:
    return RawItem(id=f"t{i}", source=Source(id="s", name="论坛", kind="forum"), url="", title=title, text=text,
                   fetched_at=utcnow())


def _report(name: str, pairs: list[tuple[str, str, str]], show: bool) -> float:
    right = sum(want == got for want, got, _ in pairs)
    print(f"\n== {name}: {right}/{len(pairs)} = {right / max(len(pairs), 1):.3f}")
    per = Counter(want for want, _, _ in pairs)
    ok = Counter(want for want, got, _ in pairs if want == got)
    print("   " + ", ".join(f"{t} {ok[t]}/{n}" for t, n in per.most_common()))
    if show:
        for want, got, text in pairs:
            if want != got:
                print(f"  ✗ {got}≠{want} | {text[:60]}")
    return right / max(len(pairs), 1)


def duee_rows(path: Path) -> list[tuple[str, str]]:
    """(sentence, topic) for sentences whose events all agree on one topic of the map."""
    topic_of = yaml.safe_load(DUEE_MAP.read_text(encoding="utf-8"))["topic"]
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        topics = {topic_of.get(e["event_type"]) for e in row.get("event_list", [])}
        if len(topics) == 1 and None not in topics:
            out.append((row["text"], topics.pop()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model")
    ap.add_argument("--duee", type=Path, default=SHARED / "duee_sample.json")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    loaded = _load_model(ClassifierSettings(), args.model)
    scorer = Scorer(loaded, RelevanceScorer(Office()), load_rules(profile_dir("city-gov")), "city-gov")
    rows = [json.loads(line) for line in CITY_ITEMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = scorer.score([_item(i, r["title"], r["text"]) for i, r in enumerate(rows)])
    _report("city items (tests/classifier/data)", [(r["topic"], s.topic, r["text"]) for r, s in zip(rows, scores,
                                                                                                    strict=True)],
            args.show_misses)
    if args.duee.is_file():
        duee = duee_rows(args.duee)
        scores = scorer.score([_item(i, "", text) for i, (text, _) in enumerate(duee)])
        _report(f"DuEE event sentences ({args.duee.name})", [(t, s.topic, text) for (text, t), s in
                                                              zip(duee, scores, strict=True)], args.show_misses)
    else:
        print(f"\n(DuEE check skipped: {args.duee} not found)")
    aside = yaml.safe_load(HELD_ASIDE.read_text(encoding="utf-8"))
    rows3 = [(topic, frame.format(e=event)) for topic, events in aside["events"].items() for event in events
             for frame in aside["registers"]]
    scores = scorer.score([_item(i, "", text) for i, (_, text) in enumerate(rows3)])
    _report("held-aside events (bench/topic_heldaside.yaml)", [(t, s.topic, text) for (t, text), s in
                                                               zip(rows3, scores, strict=True)], args.show_misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
