"""Private posts that name the office's city: how many would open a case?

The issue's goal "no case for an emotional post not about the office" is measured on the blind
sets' few dozen such posts. This measures it on 2,000 real Weibo posts about private life (SMP2020
``usual`` eval, every emotion; ``../shared/data/sentiment/smp2020/usual_eval_labeled.csv``), each
told as a local would post it, naming one of the office's places (在涟川，……; ……#涟川#; 涟江边……).
Each post is scored with the office's configuration and the profile's intake, as
``bench/eval_judgement.py`` scores the development sets.

    python bench/eval_private_posts.py --office-config devsets/lianchuan_office.toml [--show 20]

The posts are real and not written for us; the frames are ours. A few posts are about public
matters (a bus driver, a leaking pipe, a parcel): the opened ones are listed with ``--show`` so a
reader can judge them. Printed: cases opened, per emotion label and per grade; posts whose grade
rests on facts (deaths, injuries, crimes, gatherings) in the two top grades.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.eval_judgement import score_all  # noqa: E402
from classifier.settings import load_settings  # noqa: E402

POSTS = REPO.parent / "shared" / "data" / "sentiment" / "smp2020" / "usual_eval_labeled.csv"
# How a local names the city in a private post: where it happened, a hashtag, a greeting, a landmark.
FRAMES = ("在{city}，{text}", "{text} #{city}#", "{city}的朋友们，{text}", "今天在{landmark}，{text}",
          "{city}生活｜{text}")
ENGAGEMENT = ({"views": 50, "replies": 0, "reposts": 0, "likes": 1}, {"views": 800, "replies": 5, "reposts": 3,
              "likes": 20}, {"views": 12000, "replies": 80, "reposts": 60, "likes": 300})


def framed_posts(path: Path, city: str, landmark: str, seed: int = 7) -> list[dict]:
    """The posts of ``path`` (csv id,text,label), each in one frame naming ``city`` or ``landmark``."""
    rng = random.Random(seed)
    rows = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = row["text"].strip()
            if len(text) < 8:
                continue
            frame = rng.choice(FRAMES)
            rows.append({"id": f"smp-{row['id']}", "office": "office", "kind": "emotional_offtopic", "split": "dev",
                         "title": "", "text": frame.format(city=city, landmark=landmark, text=text),
                         "source": {"name": "新浪微博", "kind": "weibo"}, "engagement": rng.choice(ENGAGEMENT),
                         "labels": {"adverse": False, "relevant": False, "topic": None, "critical": False},
                         "emotion_label": row["label"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--office-config", type=Path, default=REPO / "devsets" / "lianchuan_office.toml")
    ap.add_argument("--posts", type=Path, default=POSTS)
    ap.add_argument("--model", help="model version, folder, or 'default' (default: the promoted model)")
    ap.add_argument("--show", type=int, default=0, help="list this many opened posts")
    args = ap.parse_args(argv)
    if not args.posts.is_file():
        print(f"eval_private_posts: {args.posts} not found (SMP2020 in ../shared/data)", file=sys.stderr)
        return 2
    office = load_settings(args.office_config)
    places = [p for p in office.places if len(p) >= 2]
    if len(places) < 2:
        print(f"eval_private_posts: {args.office_config} names fewer than two places", file=sys.stderr)
        return 2
    city = places[0]
    landmark = next((p for p in places if p.endswith(("江", "河", "湖", "大道", "广场", "公园"))), places[1])
    rows = framed_posts(args.posts, city, landmark)
    results = score_all(rows, args.model, args.office_config)
    opened = [r for r in results if r.opened]
    print(f"{len(results)} private posts naming {city} / {landmark} ({args.office_config.name}): "
          f"cases opened {len(opened)} ({len(opened) / len(results):.1%}); "
          f"negativity >= 0.5: {sum(r.negativity >= 0.5 for r in results)}; "
          f"relevance >= 0.5: {sum(r.relevance >= 0.5 for r in results)}")
    total = Counter(r.row["emotion_label"] for r in results)
    cases = Counter(r.row["emotion_label"] for r in opened)
    print("cases by emotion label: " + ", ".join(f"{k} {cases[k]}/{n}" for k, n in total.most_common()))
    print("cases by grade: " + ", ".join(f"{g} {n}" for g, n in Counter(r.grade for r in opened).most_common()))
    top = [r for r in opened if r.rank < 2]
    print(f"cases in the two top grades: {len(top)}")
    for r in (top + [r for r in opened if r.rank >= 2])[: args.show]:
        print(f"  {r.grade} 负面 {r.negativity:.2f} | {r.row['text'][:70]} | {'; '.join(r.reasons[:3])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
