"""Grouping quality on a labelled sample built at run time from public data (../shared/data/gov).

Stories: real citizen messages (留言板). Each story gets reposts made by realistic transformations
(repost prefixes and suffixes, truncation, 转载 headers with 原标题, light edits, a title-only
repost); stories from the replies file also get the office's real reply as a follow-up
(政务账号 答复). Every item of every story is streamed through :func:`incidents.assign` on a fresh
SQLite store, stories interleaved in time so that thousands of other stories, many on the same
topic and place (same 区, same 小区), are in the window at once.

Printed: pairwise precision and recall over all item pairs (same incident vs same story), recall
per transformation, and a sample of false merges to read (the data has no story labels beyond ours:
two citizens writing about the same 小区 problem count as a false merge here, so precision is a
lower bound). The data is read in place, never copied into the repository.

    python bench/eval_incidents.py [--stories 1500] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import incidents  # noqa: E402
from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source  # noqa: E402
from core.settings import StoreSettings  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402

DATA = Path(os.environ.get("YUQING_SHARED_DATA", REPO.parent / "shared" / "data")) / "gov"
T0 = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)
PREFIXES = ("转发：", "【网友爆料】", "//@热心市民: ", "扩散！", "转载：", "#问政# ")
SUFFIXES = (" 责任编辑：李明", "（来源：问政平台）", " 希望有关部门重视！", " 点击查看原文", "")
SITES = [("portal", "news"), ("prefecture", "news"), ("county", "news"), ("self_media", "microblog")]


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if len(r.get("body", "")) >= 40]


def sentences(text: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "。！？!?；;":
            out.append(cur)
            cur = ""
    return [*out, cur] if cur else out


def transform(kind: str, title: str, body: str, rng: random.Random) -> tuple[str, str]:
    if kind == "prefix_suffix":
        return title, rng.choice(PREFIXES) + body + rng.choice(SUFFIXES)
    if kind == "truncated":
        cut = int(len(body) * rng.uniform(0.5, 0.85))
        return title, body[:cut] + "...展开全文"
    if kind == "header":
        return f"{title[:12]}（转载）", f"转载自问政网 原标题：{title}\n编辑：王芳\n{body}"
    if kind == "light_edit":
        parts = sentences(body)
        if len(parts) > 3:
            parts.pop(rng.randrange(1, len(parts)))
        text = list("".join(parts))
        for _ in range(max(1, len(text) // 60)):
            text[rng.randrange(len(text))] = rng.choice("的了和是在有")
        return "网友反映：" + title, "".join(text)
    if kind == "title_only":
        return title, f"据网友在问政平台留言，{title}。详情见原帖。"
    raise ValueError(kind)


def scored(item_id: str, title: str, text: str, at: datetime, tier: str, kind: str, source_id: str) -> ScoredItem:
    item = RawItem(id=item_id, source=Source(id=source_id, name=source_id, kind=kind, tier=tier), url=f"https://e/{item_id}",
                   title=title or text[:20], text=text, published_at=at, fetched_at=at, engagement=Engagement())
    return ScoredItem(item=item, negativity=0.6, relevance=0.8, topic="其他", grade=Grade("一般", 2, ("测试",)),
                      model_version="eval", profile="city-gov", scored_at=at)


def build(stories: int, seed: int) -> tuple[list[tuple[datetime, str, ScoredItem]], dict[str, str]]:
    rng = random.Random(seed)
    plain = read("unlabelled_messages_with_votes.csv")
    replied = [r for r in read("messages_with_gov_replies.csv") if len(r.get("reply", "")) >= 40]
    rng.shuffle(plain)
    rng.shuffle(replied)
    n_replied = min(len(replied), stories // 3)
    chosen = [(r, False) for r in plain[: stories - n_replied]] + [(r, True) for r in replied[:n_replied]]
    rng.shuffle(chosen)
    stream: list[tuple[datetime, str, ScoredItem]] = []
    truth: dict[str, str] = {}  # item id -> story id
    kinds = ("prefix_suffix", "truncated", "header", "light_edit", "title_only")
    for i, (row, with_reply) in enumerate(chosen):
        story = f"s{i}"
        # Two minutes between stories: a 72-hour window holds about 2,000 other stories.
        start = T0 + timedelta(minutes=2 * i)
        title, body = row["title"].strip(), row["body"].strip()
        stream.append((start, "original", scored(f"{story}-0", title, body, start, "self_media", "forum",
                                                 f"forum-{i % 50}")))
        truth[f"{story}-0"] = story
        for j, kind in enumerate(rng.sample(kinds, 2), start=1):
            t, b = transform(kind, title, body, rng)
            tier, skind = rng.choice(SITES)
            at = start + timedelta(hours=rng.uniform(0.2, 24))
            stream.append((at, kind, scored(f"{story}-{j}", t, b, at, tier, skind, f"site-{rng.randrange(300)}")))
            truth[f"{story}-{j}"] = story
        if with_reply:
            at = start + timedelta(hours=rng.uniform(2, 48))
            stream.append((at, "official_reply", scored(f"{story}-r", "关于网友留言的答复", row["reply"].strip(), at,
                                                        "government", "news", "gov-site")))
            truth[f"{story}-r"] = story
    stream.sort(key=lambda x: x[0])
    return stream, truth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=8, help="false merges and misses to print")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"SKIPPED: public data not found at {DATA} (set YUQING_SHARED_DATA); nothing measured")
        return 0
    stream, truth = build(args.stories, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        settings = StoreSettings(url=f"sqlite:///{tmp}/eval.db")
        migrate(settings)
        engine = make_engine(settings)
        factory = sessions(engine)
        predicted: dict[str, str] = {}
        kind_of: dict[str, str] = {}
        reasons: dict[str, dict] = {}
        # Stories already in each incident when an item joined it (to tell a wrong join from a chain).
        members: dict[str, set[str]] = defaultdict(set)
        wrong: list[str] = []
        started, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(stream), 200):
            with factory() as session, session.begin():
                for at, kind, item in stream[start : start + 200]:
                    a = incidents.assign(session, item, at)
                    iid = item.item.id
                    predicted[iid] = a.incident_id
                    kind_of[iid] = kind
                    reasons[iid] = {"how": a.how, **a.reason}
                    matched = a.reason.get("matched_item")
                    if a.how != "first" and (truth[matched] != truth[iid] if matched
                                             else truth[iid] not in members[a.incident_id]):
                        wrong.append(iid)
                    members[a.incident_id].add(truth[iid])
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        engine.dispose()
    by_incident: dict[str, list[str]] = defaultdict(list)
    by_story: dict[str, list[str]] = defaultdict(list)
    for item_id, inc in predicted.items():
        by_incident[inc].append(item_id)
        by_story[truth[item_id]].append(item_id)
    pred_pairs = {tuple(sorted(p)) for members in by_incident.values() for p in itertools.combinations(members, 2)}
    true_pairs = {tuple(sorted(p)) for members in by_story.values() for p in itertools.combinations(members, 2)}
    tp = len(pred_pairs & true_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0
    print(f"stories {len(by_story)}, items {len(predicted)}, incidents {len(by_incident)}, "
          f"{len(predicted) / elapsed:.0f} items/s through assign (SQLite; {cpu / elapsed:.0%} CPU)")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 "
          f"{2 * precision * recall / (precision + recall) if precision + recall else 0:.3f}  "
          f"(same-story pairs {len(true_pairs)}, predicted pairs {len(pred_pairs)})")
    # Recall of each transformation: the variant is in the incident of its original.
    per_kind: Counter[str] = Counter()
    hit_kind: Counter[str] = Counter()
    for item_id, kind in kind_of.items():
        if kind == "original":
            continue
        per_kind[kind] += 1
        original = item_id.rsplit("-", 1)[0] + "-0"
        hit_kind[kind] += predicted[item_id] == predicted[original]
    for kind in sorted(per_kind):
        print(f"  recall {kind:<15} {hit_kind[kind] / per_kind[kind]:.3f}  ({hit_kind[kind]}/{per_kind[kind]})")
    originals = [i for i, k in kind_of.items() if k == "original"]
    merged = sum(1 for i in originals if len({truth[m] for m in by_incident[predicted[i]]}) > 1)
    print(f"  stories whose incident also holds another story: {merged}/{len(originals)}")
    rng = random.Random(args.seed)
    by_id = {item.item.id: item for _, _, item in stream}
    # A wrong join: a repost of another story's item, or a follow-up into an incident holding none
    # of its story yet (a later item of its story then joins rightly: that is a chain, not counted).
    creator = {inc: i for i, inc in predicted.items() if reasons[i]["how"] == "first"}
    joins = sum(1 for i in predicted if reasons[i]["how"] != "first")
    print(f"\nwrong joins {len(wrong)} of {joins} joins; by kind {dict(Counter(reasons[i]['how'] for i in wrong))}; "
          f"sample of {min(args.show, len(wrong))}:")
    for i in rng.sample(wrong, min(args.show, len(wrong))):
        other = reasons[i].get("matched_item") or creator[predicted[i]]
        print(f"  [{kind_of[i]}] {by_id[i].item.title[:28]} → {by_id[other].item.title[:28]} | {reasons[i]}")
    missed = sorted(true_pairs - pred_pairs)
    print(f"\nmissed pairs (sample of {min(args.show, len(missed))} / {len(missed)}):")
    for a, b in rng.sample(missed, min(args.show, len(missed))):
        print(f"  [{kind_of[a]}] {by_id[a].item.title[:30]} | [{kind_of[b]}] {by_id[b].item.title[:30]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
