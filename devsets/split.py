"""Assign each item of a development set to `dev` or `heldout`, reproducibly.

    python devsets/split.py             # rewrite the `split` field of devsets/city_items.jsonl
    python devsets/split.py --check     # exit 1 if the file's splits differ from the draw
    python devsets/split.py --table     # print the counts table of devsets/README.md
    python devsets/split.py devsets/fengling_items.jsonl [--check|--table]   # the second set
    python devsets/split.py devsets/lianchuan_items.jsonl [--check|--table]  # the third set
    python devsets/split.py devsets/qichuan_items.jsonl [--check|--table]    # the fourth set
    python devsets/split.py devsets/yuze_items.jsonl [--check|--table]       # the fifth set
    python devsets/split.py devsets/tongxun_items.jsonl [--check|--table]    # the sixth set
    python devsets/split.py devsets/ruochuan_items.jsonl [--check|--table]   # the seventh set
    python devsets/split.py devsets/tangyi_items.jsonl [--check|--table]     # the eighth set
    python devsets/split.py devsets/huanyang_items.jsonl [--check|--table]   # the ninth set
    python devsets/split.py devsets/yingfeng_items.jsonl [--check|--table]   # the tenth set
    python devsets/split.py devsets/qingxiu_items.jsonl [--check|--table]    # the eleventh set
    python devsets/split.py devsets/gaoling_items.jsonl [--check|--table]    # the twelfth set (also suoyan, qiyuan)
    python devsets/split.py devsets/liaowan_items.jsonl [--check|--table]    # the fifteenth set
    python devsets/split.py devsets/tancang_items.jsonl [--check|--table]    # the sixteenth set
    python devsets/split.py devsets/zhengang_items.jsonl [--check|--table]    # the seventeenth set
    python devsets/split.py devsets/moquan_items.jsonl [--check|--table]      # the eighteenth set
    python devsets/split.py devsets/lanwan_items.jsonl [--check|--table]      # the nineteenth set
    python devsets/split.py devsets/ximu_items.jsonl [--check|--table]        # the twentieth set
    python devsets/split.py devsets/yuge_items.jsonl [--check|--table]        # the twenty-first set
    python devsets/split.py devsets/liting_items.jsonl [--check|--table]      # the twenty-second set
    python devsets/split.py devsets/zhipu_items.jsonl [--check|--table]       # the twenty-third set
    python devsets/split.py devsets/lintai_items.jsonl [--check|--table]      # the twenty-fourth set
    python devsets/split.py devsets/jiyan_items.jsonl [--check|--table]       # the twenty-fifth set
    python devsets/split.py devsets/jichuan_items.jsonl [--check|--table]     # the twenty-sixth set
    python devsets/split.py devsets/songmei_items.jsonl [--check|--table]     # the twenty-seventh set
    python devsets/split.py devsets/fenjian_items.jsonl [--check|--table]     # the twenty-eighth set
    python devsets/split.py devsets/xiaoling_items.jsonl [--check|--table]    # the twenty-ninth set
    python devsets/split.py devsets/shanyuan_items.jsonl [--check|--table]    # the thirtieth set
    python devsets/split.py devsets/liheng_items.jsonl [--check|--table]      # the thirty-first set
    python devsets/split.py devsets/qiongrong_items.jsonl [--check|--table]   # the thirty-second set

The draw is stratified by kind × office: inside each stratum, items are taken in id order and
each gets a seeded coin (P(dev) = 0.55, or the office's own share in P_DEV_BY_OFFICE, seeded by
SEED and the item's id), forced the other way when the stratum's dev count would drift more than
one item from that share. An item's split depends
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
# The blind sets (fengling, lianchuan, qichuan, yuze, tongxun, ruochuan, tangyi, huanyang, yingfeng, qingxiu,
# gaoling, suoyan, qiyuan, liaowan, tancang, zhengang, moquan, lanwan, ximu, yuge, liting, zhipu,
# lintai, jiyan, jichuan, songmei, fenjian, xiaoling, shanyuan, liheng, qiongrong) keep half their items for final
# reporting.
P_DEV_BY_OFFICE = {"fengling": 0.50, "lianchuan": 0.50, "qichuan": 0.50, "yuze": 0.50, "tongxun": 0.50,
                   "ruochuan": 0.50, "tangyi": 0.50, "huanyang": 0.50, "yingfeng": 0.50, "qingxiu": 0.50,
                   "gaoling": 0.50, "suoyan": 0.50, "qiyuan": 0.50, "liaowan": 0.50, "tancang": 0.50,
                   "zhengang": 0.50, "moquan": 0.50, "lanwan": 0.50,
                   "ximu": 0.50,
                   "yuge": 0.50, "liting": 0.50, "zhipu": 0.50,
                   "lintai": 0.50,
                   "jiyan": 0.50, "jichuan": 0.50,
                   "songmei": 0.50, "fenjian": 0.50,
                   "xiaoling": 0.50, "shanyuan": 0.50,
                   "liheng": 0.50, "qiongrong": 0.50}
# ... and are balanced on kind and on topic at once, so each topic is measured on both sides.
BY_TOPIC = frozenset({"fengling", "lianchuan", "qichuan", "yuze", "tongxun", "ruochuan", "tangyi", "huanyang",
                      "yingfeng", "qingxiu", "gaoling", "suoyan", "qiyuan", "liaowan", "tancang",
                      "zhengang", "moquan", "lanwan", "ximu",
                      "yuge", "liting", "zhipu",
                      "lintai",
                      "jiyan", "jichuan",
                      "songmei", "fenjian",
                      "xiaoling", "shanyuan",
                      "liheng", "qiongrong"})
KINDS = ("expose", "complaint", "rumour", "official_notice", "emotional_offtopic", "positive_gov",
         "neutral_notice", "other_city_bad")
OFFICES = ("fictional", "city-gov", "jining-ggzy", "fengling", "lianchuan", "qichuan", "yuze", "tongxun",
           "ruochuan", "tangyi", "huanyang", "yingfeng", "qingxiu", "gaoling", "suoyan", "qiyuan", "liaowan", "tancang",
           "zhengang", "moquan", "lanwan", "ximu",
           "yuge", "liting", "zhipu",
           "lintai",
           "jiyan", "jichuan",
           "songmei", "fenjian",
           "xiaoling", "shanyuan",
           "liheng", "qiongrong")


def read(path: Path = ITEMS) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def p_dev_of(office: str) -> float:
    """The share of an office's items drawn into `dev`."""
    return P_DEV_BY_OFFICE.get(office, P_DEV)


def draw(items: list[dict]) -> dict[str, str]:
    """The split of every item id."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        if item["office"] in BY_TOPIC:
            by_topic[item["office"]].append(item)
        else:
            strata[(item["kind"], item["office"])].append(item["id"])
    splits: dict[str, str] = {}
    for (_, office), ids in strata.items():
        p_dev = p_dev_of(office)
        dev = 0
        for k, item_id in enumerate(sorted(ids), 1):
            target = p_dev * k
            if dev + 1 - target > 1:
                to_dev = False
            elif target - dev > 1:
                to_dev = True
            else:
                to_dev = _coin(item_id, p_dev)
            dev += to_dev
            splits[item_id] = "dev" if to_dev else "heldout"
    for office, office_items in by_topic.items():
        splits.update(_draw_kind_and_topic(office_items, p_dev_of(office)))
    return splits


def _coin(item_id: str, p_dev: float) -> bool:
    return random.Random(f"{SEED}:{item_id}").random() < p_dev


def _draw_kind_and_topic(items: list[dict], p_dev: float) -> dict[str, str]:
    """Balance two margins at once, kind and topic (the topic label; None outside the relevant
    adverse items): in id order, each item goes to the side that keeps its kind's and its topic's
    dev counts closest to their share; a tie is the seeded coin. Each item's side depends only on
    itself and the items before it, so appending never moves an item already drawn."""
    dev: Counter[tuple[str, object]] = Counter()
    seen: Counter[tuple[str, object]] = Counter()
    splits: dict[str, str] = {}
    for item in sorted(items, key=lambda i: i["id"]):
        keys = (("kind", item["kind"]), ("topic", item["labels"]["topic"]))
        for key in keys:
            seen[key] += 1

        if_dev, if_heldout = (sum(abs(dev[key] + side - p_dev * seen[key]) for key in keys) for side in (1, 0))
        to_dev = _coin(item["id"], p_dev) if if_dev == if_heldout else if_dev < if_heldout
        for key in keys:
            dev[key] += to_dev
        splits[item["id"]] = "dev" if to_dev else "heldout"
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
