"""Assign each item of a development set to `dev` or `heldout`, reproducibly.

    python devsets/split.py             # rewrite the `split` field of devsets/city_items.jsonl
    python devsets/split.py --check     # exit 1 if the file's splits differ from the draw
    python devsets/split.py --table     # print the counts table of devsets/README.md

The draw is stratified by kind × office: inside each stratum, items are taken in id order and
each gets a seeded coin (P(dev) = 0.55, seeded by SEED and the item's id), forced the other way
when the stratum's dev count would drift more than one item from 55 %. An item's split depends
only on itself and the items before it in its stratum, so appending items never moves one
already drawn: nothing seen as `dev` can later become `heldout`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEMS = HERE / "city_items.jsonl"
SEED = "yuqing-devset-2026"
P_DEV = 0.55
KINDS = ("expose", "complaint", "rumour", "official_notice", "emotional_offtopic", "positive_gov",
         "neutral_notice", "other_city_bad")
OFFICES = ("fictional", "city-gov", "jining-ggzy")


def read(path: Path = ITEMS) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def draw(items: list[dict]) -> dict[str, str]:
    """The split of every item id."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in items:
        strata[(item["kind"], item["office"])].append(item["id"])
    splits: dict[str, str] = {}
    for ids in strata.values():
        dev = 0
        for k, item_id in enumerate(sorted(ids), 1):
            target = P_DEV * k
            if dev + 1 - target > 1:
                to_dev = False
            elif target - dev > 1:
                to_dev = True
            else:
                to_dev = random.Random(f"{SEED}:{item_id}").random() < P_DEV
            dev += to_dev
            splits[item_id] = "dev" if to_dev else "heldout"
    return splits


def table(items: list[dict]) -> str:
    """Markdown counts: rows kind × office, columns split × tone."""
    cols = [(s, t) for s in ("dev", "heldout") for t in ("calm", "emotional")]
    counts = Counter((i["kind"], i["office"], i["split"], i["tone"]) for i in items)
    head = "| kind | office | " + " | ".join(f"{s} {t}" for s, t in cols) + " | total |"
    lines = [head, "|" + " --- |" * (len(cols) + 3)]
    for kind in KINDS:
        for office in OFFICES:
            row = [counts[(kind, office, s, t)] for s, t in cols]
            if sum(row):
                lines.append(f"| {kind} | {office} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(counts[(k, o, s, t)] for k in KINDS for o in OFFICES) for s, t in cols]
    lines.append("| **all** | | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the file, change nothing")
    parser.add_argument("--table", action="store_true", help="print the counts table")
    parser.add_argument("path", nargs="?", type=Path, default=ITEMS)
    args = parser.parse_args(argv)
    items = read(args.path)
    if args.table:
        print(table(items))
        return 0
    splits = draw(items)
    wrong = [i["id"] for i in items if i["split"] != splits[i["id"]]]
    if args.check:
        if wrong:
            print(f"{len(wrong)} items differ from the seeded draw, e.g. {wrong[:5]}", file=sys.stderr)
            return 1
        return 0
    with args.path.open("w", encoding="utf-8") as fh:
        for item in items:
            item["split"] = splits[item["id"]]
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    dev = sum(1 for s in splits.values() if s == "dev")
    print(f"{len(items)} items: {dev} dev, {len(items) - dev} heldout")
    return 0


if __name__ == "__main__":
    sys.exit(main())
