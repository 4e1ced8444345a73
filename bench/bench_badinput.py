"""What bad input costs: extraction of pathological pages (CPU seconds per page, before and after
the budget), and the whole bad-input corpus's size per category.

    python bench/bench_badinput.py

Goal: no page costs more than the extraction budget (collectors.extract.TIME_BUDGET_S, 2 s) plus
parsing; a repeat of an unchanged page costs a cache lookup.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "badinput"))
sys.path.insert(0, str(ROOT / "tests" / "router"))

from collectors import extract  # noqa: E402

PAGES = {
    "1.1 MB of unclosed <div>": "<html><body>" + "<div>市民反映，供水中断多日。" * 55_000,
    "100 000 unclosed <span>": "<html><body>" + "<span>" * 100_000 + "正文",
    "20 000 nested tables": "<html><body>" + "<table><tr><td>" * 20_000 + "正文",
    "3 000 closed nested <div>": "<html><body>" + "<div>" * 3_000 + "<p>正文，内容。</p>" + "</div>" * 3_000,
    "20 000 paragraphs": "<html><body>" + "<p>市民反映，东城区供水中断多日。</p>" * 20_000,
}


def main() -> None:
    print("page                              size     first (s)  repeat (ms)  text chars")
    for name, html in PAGES.items():
        started = time.process_time()
        article = extract.extract(html)
        first = time.process_time() - started
        started = time.perf_counter()
        extract.extract(html)
        repeat = (time.perf_counter() - started) * 1000
        print(f"{name:32s} {len(html.encode()) / 1e6:5.2f} MB  {first:8.2f}  {repeat:10.2f}  {len(article.text):10d}")
    import test_feeds_pages as feeds_pages
    import test_files as files
    import test_messages as messages

    counts = {"feed entries": len(feeds_pages.ENTRY_CASES), "whole feeds": len(feeds_pages.FEED_CASES),
              "pages": len(feeds_pages.PAGE_CASES), "items.raw messages": len(messages.CASES),
              "settings files": len(files.SETTINGS_CASES), "profiles": len(files.PROFILE_CASES),
              "sources files": len(files.SOURCES_CASES), "labels files": len(files.LABELS_CASES),
              "yuqing score lines": len(files.SCORE_CASES)}
    print("\nbad-input corpus (tests/badinput)")
    for name, count in counts.items():
        print(f"  {name:20s} {count:4d}")
    print(f"  {'total':20s} {sum(counts.values()):4d}")


if __name__ == "__main__":
    main()
