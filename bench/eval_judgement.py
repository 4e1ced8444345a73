"""The judgement of issue 10 measured on the development set: adverse-ness, relevance, topic,
grades and the cases the intake would open, per kind of item, ``dev`` and ``heldout`` apart.

    python bench/eval_judgement.py                       # devsets/city_items.jsonl, the promoted model
    python bench/eval_judgement.py --model default --split dev --show-misses

Each item is scored as an office would run it: the items of an invented office (``fictional``,
``fengling``) with that office's own configuration (``--office-config``, default
devsets/fictional_office.toml: profile city-gov, its region, places, bodies, people), the
``city-gov`` and ``jining-ggzy`` items with nothing but the shipped profile (its jurisdiction.yaml
and the media registry).

    python bench/eval_judgement.py --items devsets/fengling_items.jsonl \
        --office-config devsets/fengling_office.toml --split dev The source tier is never given: it comes from the
media registry (name, domain, credits in the text), as for a ``yuqing score`` user.

Figures (the issue's "Done when"):
* adverse: ``negativity >= 0.5`` equals the label ``adverse``, per kind and overall;
* relevance: ``relevance >= 0.5`` equals the label ``relevant``;
* topic: on relevant adverse items, the base topic equals the label;
* critical in the top two: of the relevant items labelled ``critical`` (deaths, a mass incident,
  a central/provincial exposé), the share graded in one of the profile's two gravest grades;
* off-topic cases: emotional posts not about the office for which the profile's intake opens a case;
* official notices and rumours recognised as such (their own reasons in the grade).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from classifier.cli import _load_model  # noqa: E402
from classifier.facts import find_facts  # noqa: E402
from classifier.grading import load_rules  # noqa: E402
from classifier.relevance import RelevanceScorer  # noqa: E402
from classifier.scoring import Scorer  # noqa: E402
from classifier.service import office_of  # noqa: E402
from classifier.settings import ClassifierSettings, load_settings  # noqa: E402
from core.contracts import Engagement, RawItem, Source, utcnow  # noqa: E402
from policies import SHIPPED, profile_dir  # noqa: E402
from router import policy  # noqa: E402

KINDS = ("expose", "complaint", "rumour", "official_notice", "emotional_offtopic", "positive_gov",
         "neutral_notice", "other_city_bad")
DEFAULT_ITEMS = REPO / "devsets" / "city_items.jsonl"
DEFAULT_OFFICE = REPO / "devsets" / "fictional_office.toml"


@dataclass
class Result:
    row: dict
    negativity: float
    relevance: float
    topic: str
    grade: str
    rank: int
    grades: int
    reasons: tuple[str, ...]
    opened: bool
    official: bool
    rumour: bool


def _settings(office: str, fictional: Path) -> ClassifierSettings:
    # A shipped profile's own office (city-gov, jining-ggzy) runs with nothing but the profile; any
    # other key (fictional, fengling …) is an invented office scored with --office-config.
    if office in SHIPPED:
        return ClassifierSettings(profile=office)
    return load_settings(fictional)


def _item(row: dict) -> RawItem:
    src = row.get("source") or {}
    e = row.get("engagement") or {}
    return RawItem(id=row["id"], source=Source(id=src.get("name", "x"), name=src.get("name", ""),
                                               kind=src.get("kind", "replay")),
                   url=row.get("url") or "", title=row.get("title") or "", text=row.get("text") or "",
                   fetched_at=utcnow(), engagement=Engagement(**{k: e.get(k) for k in
                                                                 ("views", "replies", "reposts", "likes")}))


def _oracle(scorer: Scorer, labels: list[bool]) -> None:
    """Diagnostic only: the negativity head answers with the labels (0.9 adverse, 0.1 not), so the
    figures show what relevance, tiers, facts, grading and intake do given a perfect adverse call."""
    from classifier.scoring import NEGATIVITY, positive_column

    model = scorer.loaded.model
    original = model.predict
    col = positive_column(model.heads[NEGATIVITY].classes)

    def predict(docs: list[str]):  # type: ignore[no-untyped-def]
        probs = original(docs)
        neg = probs[NEGATIVITY].copy()
        for i, adverse in enumerate(labels[: len(docs)]):
            neg[i, col], neg[i, 1 - col] = (0.9, 0.1) if adverse else (0.1, 0.9)
        return {**probs, NEGATIVITY: neg}

    model.predict = predict  # type: ignore[method-assign]


def score_all(rows: list[dict], model: str | None, fictional: Path, oracle: bool = False) -> list[Result]:
    by_office: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_office[row["office"]].append(row)
    results: list[Result] = []
    base = ClassifierSettings()
    loaded = _load_model(base, model)
    for office, items in sorted(by_office.items()):
        settings = _settings(office, fictional)
        profile_name = settings.profile
        rules = load_rules(profile_dir(profile_name))
        profile = policy.load(profile_dir(profile_name))
        scorer = Scorer(loaded, RelevanceScorer(office_of(settings, profile_name)), rules, profile_name)
        raw = [_item(r) for r in items]
        if oracle:
            _oracle(scorer, [bool(r["labels"]["adverse"]) for r in items])
        for row, item, score in zip(items, raw, scorer.score(raw), strict=True):
            grade, _ = profile.grade_for(score.grade.level, score.grade.rank)
            tier = score.tier or item.source.tier
            opened = profile.intake.admits(score.negativity, score.relevance, profile.rank(grade), profile, tier,
                                           item.engagement)
            facts = find_facts(item.title, item.text, government_source=tier == "government")
            results.append(Result(row, score.negativity, score.relevance, score.topic, grade, profile.rank(grade),
                                  len(profile.grades), score.grade.reasons, opened, bool(facts.official),
                                  bool(facts.rumour)))
    return results


def _share(hits: int, n: int) -> str:
    return f"{hits / n:.2f}" if n else "  - "


def report(results: list[Result], name: str, show_misses: bool) -> dict:
    print(f"\n== {name}: {len(results)} items ==")
    print(f"{'kind':<20}{'n':>4} {'adverse':>8} {'calm':>6} {'emot.':>6} {'med neg':>8} {'relev':>6} {'case':>6} "
          f"{'top2 crit':>10} {'official':>9} {'rumour':>7}")
    out: dict = {"kinds": {}}
    for kind in KINDS:
        rs = [r for r in results if r.row["kind"] == kind]
        if not rs:
            continue
        adverse = sum((r.negativity >= 0.5) == bool(r.row["labels"]["adverse"]) for r in rs)
        relevant = sum((r.relevance >= 0.5) == bool(r.row["labels"]["relevant"]) for r in rs)
        cases = sum(r.opened for r in rs)
        crit = [r for r in rs if r.row["labels"].get("critical") and r.row["labels"]["relevant"]]
        top2 = sum(r.rank <= 1 for r in crit)
        official = sum(r.official for r in rs)
        rumour = sum(r.rumour for r in rs)
        med = statistics.median(r.negativity for r in rs)
        tones = []
        for tone in ("calm", "emotional"):
            t = [r for r in rs if r.row.get("tone") == tone]
            tones.append(_share(sum((r.negativity >= 0.5) == bool(r.row["labels"]["adverse"]) for r in t), len(t)))
        print(f"{kind:<20}{len(rs):>4} {_share(adverse, len(rs)):>8} {tones[0]:>6} {tones[1]:>6} {med:>8.2f} "
              f"{_share(relevant, len(rs)):>6} "
              f"{_share(cases, len(rs)):>6} {f'{top2}/{len(crit)}':>10} {_share(official, len(rs)):>9} "
              f"{_share(rumour, len(rs)):>7}")
        out["kinds"][kind] = {"n": len(rs), "adverse": adverse / len(rs), "median_negativity": med,
                              "relevance": relevant / len(rs), "cases": cases / len(rs)}
    n = len(results)
    adverse = sum((r.negativity >= 0.5) == bool(r.row["labels"]["adverse"]) for r in results)
    relevant = sum((r.relevance >= 0.5) == bool(r.row["labels"]["relevant"]) for r in results)
    rel_adv = [r for r in results if r.row["labels"]["adverse"] and r.row["labels"]["relevant"]]
    topic = sum(r.topic == r.row["labels"].get("topic") for r in rel_adv)
    crit = [r for r in results if r.row["labels"].get("critical") and r.row["labels"]["relevant"]]
    top2 = sum(r.rank <= 1 for r in crit)
    offtopic = [r for r in results if r.row["kind"] == "emotional_offtopic"]
    off_cases = sum(r.opened for r in offtopic)
    irrelevant_cases = sum(r.opened for r in results if not r.row["labels"]["relevant"])
    missed = [r for r in rel_adv if not r.opened]
    print(f"overall adverse {_share(adverse, n)}; relevance {_share(relevant, n)}; topic on relevant adverse "
          f"{_share(topic, len(rel_adv))} ({topic}/{len(rel_adv)}); critical in top two {top2}/{len(crit)} "
          f"({_share(top2, len(crit))}); cases for emotional off-topic posts {off_cases}/{len(offtopic)}; "
          f"cases for items not about the office {irrelevant_cases}; relevant adverse items without a case "
          f"{len(missed)}/{len(rel_adv)}")
    out.update({"n": n, "adverse": adverse / n if n else None, "relevance": relevant / n if n else None,
                "topic_relevant_adverse": topic / len(rel_adv) if rel_adv else None,
                "critical_top_two": f"{top2}/{len(crit)}", "offtopic_cases": off_cases,
                "irrelevant_cases": irrelevant_cases, "relevant_adverse_without_case": len(missed)})
    if show_misses:
        for r in results:
            lab = r.row["labels"]
            wrong = []
            if (r.negativity >= 0.5) != bool(lab["adverse"]):
                wrong.append(f"adverse {r.negativity:.2f}")
            if (r.relevance >= 0.5) != bool(lab["relevant"]):
                wrong.append(f"relevance {r.relevance:.2f}")
            if lab["adverse"] and lab["relevant"] and r.topic != lab.get("topic"):
                wrong.append(f"topic {r.topic}≠{lab.get('topic')}")
            if lab.get("critical") and lab["relevant"] and r.rank > 1:
                wrong.append(f"critical graded {r.grade}")
            if wrong:
                print(f"  ✗ {r.row['id']} {r.row['office']} {r.row['kind']}: {'; '.join(wrong)} | "
                      f"{r.row['title'][:40]} | {r.grade}: {', '.join(r.reasons)[:160]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=Path, default=DEFAULT_ITEMS)
    ap.add_argument("--office-config", type=Path, default=DEFAULT_OFFICE,
                    help="the fictional office's TOML ([classifier] profile, region, places, bodies, people)")
    ap.add_argument("--model", help="model version, folder, or 'default' (default: the promoted model)")
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--show-misses", action="store_true", help="list every item judged wrong (dev only: don't tune "
                                                                "to heldout)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--oracle-adverse", action="store_true",
                    help="diagnostic: the labels stand in for the adverse-ness head (what the rest does given a "
                         "perfect adverse call)")
    args = ap.parse_args(argv)
    if not args.items.is_file():
        print(f"eval_judgement: {args.items} not found (the development set: devsets/city_items.jsonl)",
              file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.items.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = score_all(rows, args.model, args.office_config, args.oracle_adverse)
    figures = {}
    for split in (("dev", "heldout") if args.split == "both" else (args.split,)):
        part = [r for r in results if r.row.get("split") == split]
        figures[split] = report(part, split, args.show_misses and split == "dev")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
