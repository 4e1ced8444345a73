"""Adverse-ness on held-aside sentences (bench/adverse_heldaside.yaml), per weakness of round 4.

    python bench/eval_adverse.py [--model DIR] [--show-misses]

The sentences were written after the round-4 training items, in other words than their phrase lists,
and are never trained on: a check that the head learned the distinction (sarcasm about a public
service vs a brand, other places' bad news, good news in exposé words, notices and advisories vs
actual damage), not the generator's phrases. Scored through the full scorer (city-gov profile, no
office), ``negativity >= 0.5`` means adverse. The same person wrote the generator: weaker than the
blind development set (devsets/fengling_items.jsonl).
"""

from __future__ import annotations

import argparse
import sys
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

HELD_ASIDE = REPO / "bench" / "adverse_heldaside.yaml"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="model version, folder, or 'default' (default: the promoted model)")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    loaded = _load_model(ClassifierSettings(), args.model)
    scorer = Scorer(loaded, RelevanceScorer(Office()), load_rules(profile_dir("city-gov")), "city-gov")
    groups = yaml.safe_load(HELD_ASIDE.read_text(encoding="utf-8"))["groups"]
    print(f"model {loaded.version}")
    right_all = total = 0
    for name, group in groups.items():
        want = bool(group["adverse"])
        texts = group["texts"]
        scores = scorer.score([RawItem(id=f"a{i}", source=Source(id="s", name="论坛", kind="forum"), url="",
                                       title="", text=t, fetched_at=utcnow()) for i, t in enumerate(texts)])
        right = [(s.negativity >= 0.5) == want for s in scores]
        right_all += sum(right)
        total += len(right)
        print(f"{name:24s} adverse={int(want)}  {sum(right):2d}/{len(right):2d} = {sum(right) / len(right):.2f}")
        if args.show_misses:
            for ok, s, t in zip(right, scores, texts, strict=True):
                if not ok:
                    print(f"   ✗ {s.negativity:.2f} | {t[:60]}")
    print(f"{'all':24s}            {right_all:2d}/{total:2d} = {right_all / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
