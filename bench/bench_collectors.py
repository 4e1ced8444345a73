"""Collector throughput, one core: items parsed per second per kind, article pages extracted per
second, feed entries per second, and 500 sources polled against a local HTTP server.

    python bench/bench_collectors.py [--shared ../shared] [--sources 500] [--quick]

Goals per core: 300 article pages (~100 KB) per second, 20,000 feed entries per second, 1,000
sources polled per minute. Page and feed inputs are the recorded fixtures in ../shared/fixtures
(read at run time); the 500 sources serve generated Chinese feeds from a separate process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collectors import encoding, extract, feeds, sources  # noqa: E402
from collectors.kinds.base import PollContext  # noqa: E402
from collectors.kinds.microblog import MicroblogOptions, map_response  # noqa: E402
from collectors.kinds.rss import entries_to_candidates  # noqa: E402


def rate(label: str, unit: str, work: Callable[[], int], min_s: float) -> float:
    """Items per CPU-second of this process: per core, and steady when other processes share the machine."""
    work()  # warm-up: imports, caches
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < min_s:
        done += work()
    elapsed = time.process_time() - cpu
    per_s = done / elapsed
    print(f"{label:<58} {per_s:>10,.0f} {unit}/s")
    return per_s


def _ctx() -> PollContext:
    spec = sources.parse({"sources": [{"id": "b", "name": "b", "kind": "rss", "url": "http://x.cn/"}]})[0]
    return PollContext(spec=spec.spec, options=spec.options, settings=None, fetcher=None)  # type: ignore[arg-type]


def bench_parsing(fixtures: Path, min_s: float) -> None:
    feed_files = [p.read_bytes() for d in ("chardet_big5_rss", "chardet_gb2312_rss")
                  for p in sorted((fixtures / d).glob("*.xml"))]
    feed_files = [f for f in feed_files if feeds.looks_like_feed(f)]
    entries = sum(len(feeds.parse(f).entries) for f in feed_files)
    print(f"feeds: {len(feed_files)} recorded feeds, {entries} entries")
    backends = ("lxml", "feedparser", "feedparser_rs")
    for backend in backends:
        rate(f"feed entries parsed, recorded GB/Big5 feeds ({backend})", "entries",
             lambda b=backend: sum(len(feeds.parse(f, backend=b).entries) for f in feed_files), min_s)
    utf8 = [_feed(n, 20).encode() for n in range(50)]
    for backend in backends:
        rate(f"feed entries parsed, generated UTF-8 feeds ({backend})", "entries",
             lambda b=backend: sum(len(feeds.parse(f, backend=b).entries) for f in utf8), min_s)

    def rss_items(backend: str) -> int:
        n = 0
        for f in feed_files:
            n += len(entries_to_candidates(_ctx(), feeds.parse(f, backend=backend), "http://x.cn/"))
        return n
    for backend in backends:
        rate(f"kind rss: items (parse + HTML to clean text, {backend})", "items",
             lambda b=backend: rss_items(b), min_s)

    pages = [encoding.decode(p.read_bytes()).text for p in
             [*sorted((fixtures / "readability").glob("*/source.html")),
              *sorted((fixtures / "trafilatura").glob("*.html")),
              fixtures / "newspaper3k" / "chinese_article.html", fixtures / "goose3" / "test_bbc_chinese.html"]]
    kb = sum(len(p.encode()) for p in pages) / len(pages) / 1024
    rate(f"kind news: article pages extracted (avg {kb:.0f} KB, selectolax)", "pages",
         lambda: sum(1 for p in pages if extract.extract(p).text is not None), min_s)
    near_100k = [p for p in pages if 60_000 <= len(p.encode()) <= 160_000]
    kb = sum(len(p.encode()) for p in near_100k) / len(near_100k) / 1024
    rate(f"article pages of ~100 KB extracted (avg {kb:.0f} KB)", "pages",
         lambda: sum(1 for p in near_100k if extract.extract(p).text is not None), min_s)
    from bs4 import BeautifulSoup

    rate("  reference: BeautifulSoup html.parser get_text, same pages", "pages",
         lambda: sum(1 for p in near_100k if BeautifulSoup(p, "html.parser").get_text() is not None), min_s)
    rate("page bytes decoded (encoding detection, GB/Big5 feeds)", "pages",
         lambda: sum(1 for f in feed_files if encoding.decode(f).text), min_s)

    src = (fixtures / "weibo_json" / "gottaegbert_weiboAPI_response.js").read_text(encoding="utf-8")
    found = re.finditer(r"^let (\w+) = (\{.*?^\});?\s*$", src, re.M | re.S)
    docs = {m.group(1): json.loads(m.group(2)) for m in found}
    timeline = json.dumps(docs["cards1"]).encode()
    comments = json.dumps(docs["comments2"]).encode()
    opts_t, opts_c = MicroblogOptions(mapping="weibo_timeline"), MicroblogOptions(mapping="weibo_comments")
    rate("kind microblog: posts+comments mapped (json + mapping + clean)", "items",
         lambda: len(map_response(json.loads(timeline), "http://m/?id=1", opts_t))
         + len(map_response(json.loads(comments), "http://m/?id=1", opts_c)), min_s)

    from collectors import pages as page_helpers
    from collectors.kinds.forum import _text

    rows = "".join(f"<tr class='t'><td><a class='x' href='/t/{n}.html'>帖子标题{n}：小区停车难问题</a></td>"
                   f"<td class='r'>{n * 3}</td><td class='v'>{n}万</td></tr>" for n in range(50))
    forum_list = f"<html><body><table>{rows}</table></body></html>"

    def forum_rows() -> int:
        tree = page_helpers.soup(forum_list)
        found = tree.select("tr.t")
        for row in found:
            page_helpers.count(_text(row, "td.r"))
            page_helpers.count(_text(row, "td.v"))
        return len(found)
    rate("kind forum: thread-list rows read (BeautifulSoup selectors)", "rows", forum_rows, min_s)

    lines = [json.dumps({"url": f"http://demo.local/{n}", "title": f"标题{n}", "text": "市民反映问题。" * 20},
                        ensure_ascii=False) for n in range(1000)]
    data = "\n".join(lines).encode()
    from collectors.kinds.replay import _read_jsonl

    rate("kind replay: jsonl lines read", "items", lambda: len(_read_jsonl(_ctx(), data)), min_s)


def _feed(n: int, entries: int) -> str:
    items = "".join(
        f"<item><title>第{n}号信源新闻{e}：某区回应群众关切</title><link>http://s{n}.demo.local/a/{e}.html</link>"
        f"<guid>s{n}-{e}</guid><pubDate>Mon, 23 Nov 2026 08:{e % 60:02d}:00 +0800</pubDate>"
        f"<description>&lt;p&gt;近日，有市民反映第{n}号小区供暖不足，区住建局表示将督促整改。&lt;/p&gt;</description></item>"
        for e in range(entries))
    head = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>"
    return f"{head}<channel><title>信源{n}</title>{items}</channel></rss>"


def bench_sources(count: int, entries: int) -> None:
    from collectors.fetch import Fetcher
    from collectors.publish import DryRunPublisher
    from collectors.service import Collector
    from collectors.settings import CollectorSettings
    from collectors.state import CollectorStore
    from core.broker import free_port
    from core.settings import StoreSettings
    from store.db import migrate

    with tempfile.TemporaryDirectory(prefix="yuqing-bench-") as tmp:
        root = Path(tmp) / "www"
        root.mkdir()
        for n in range(count):
            (root / f"{n}.xml").write_text(_feed(n, entries), encoding="utf-8")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                   "--directory", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.8)
            store_settings = StoreSettings(url=f"sqlite:///{Path(tmp) / 'bench.db'}")
            migrate(store_settings)
            # One local host serves every source: lift the per-host politeness that real sites need.
            settings = CollectorSettings(store=store_settings, per_host_concurrency=32, per_host_delay_s=0.0,
                                         concurrency=64, respect_robots=False)
            loaded = sources.parse({"sources": [
                {"id": f"s{n}", "name": f"信源{n}", "kind": "rss", "url": f"http://127.0.0.1:{port}/{n}.xml",
                 "interval_s": 60} for n in range(count)]})
            store = CollectorStore(store_settings)
            publisher = DryRunPublisher()

            async def go() -> list:
                fetcher = Fetcher(settings)
                collector = Collector(settings, store, publisher, fetcher)
                try:
                    return await asyncio.gather(*(collector.poll(s) for s in loaded))
                finally:
                    await fetcher.close()

            start = time.perf_counter()
            cpu0 = time.process_time()
            outcomes = asyncio.run(go())
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - cpu0
            failed = sum(1 for o in outcomes if o.failure is not None)
            print(f"{count} sources x {entries} entries, one poll each: {elapsed:.1f}s wall, {cpu:.1f}s CPU, "
                  f"{len(publisher.items)} items staged+published (dry-run publisher, SQLite store), {failed} failed")
            print(f"{'sources polled per minute (wall)':<58} {count / elapsed * 60:>10,.0f} sources/min")
            print(f"{'sources polled per CPU-minute of the collector':<58} {count / cpu * 60:>10,.0f} sources/min")
            store.close()
        finally:
            server.terminate()
            server.wait(timeout=5)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory (max RSS of this process)':<58} {peak:>10,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="shorter measurements")
    args = parser.parse_args()
    fixtures = Path(args.shared) / "fixtures"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          "rates are per CPU-second of this process (one core)")
    if fixtures.is_dir():
        bench_parsing(fixtures, 0.5 if args.quick else 2.0)
    else:
        print(f"{fixtures} absent: parsing figures skipped")
    bench_sources(args.sources, args.entries)


if __name__ == "__main__":
    main()
