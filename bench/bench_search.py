"""A keyword scheme of 20 subject × 30 event words (600 queries) run by a search source with the
default politeness (0.5 s between two requests to one host), against a local search server that
answers every query with pages of results (the first two pages of each query full, the third empty).

    python bench/bench_search.py [--polls 3] [--interval 60] [--cycle 3600]

Prints the plan the dry run shows (queries, per poll, requests per hour) and what the polls did:
requests, wall time per poll, the highest request rate the search host saw, items published.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collectors import sources  # noqa: E402
from collectors.fetch import Fetcher  # noqa: E402
from collectors.kinds import search  # noqa: E402
from collectors.publish import DryRunPublisher  # noqa: E402
from collectors.service import Collector  # noqa: E402
from collectors.settings import CollectorSettings  # noqa: E402
from collectors.state import CollectorStore, SourceState  # noqa: E402
from core.settings import StoreSettings  # noqa: E402
from store.db import migrate  # noqa: E402

SUBJECTS = [f"灵山县{name}" for name in (
    "人民政府", "委", "公安局", "教育局", "卫健局", "住建局", "人社局", "自然资源局", "市场监管局", "城管局",
    "灵城街道", "三海街道", "檀圩镇", "武利镇", "陆屋镇", "新圩镇", "丰塘镇", "平山镇", "石塘镇", "佛子镇")]
EVENTS = ["投诉", "曝光", "事故", "拖欠", "拆迁", "维权", "举报", "污染", "欠薪", "强拆", "上访", "打人",
          "死亡", "受伤", "火灾", "爆炸", "塌陷", "停水", "停电", "乱收费", "腐败", "受贿", "贪污", "失职",
          "不作为", "推诿", "维稳", "群体", "食物中毒", "学生"]
SEEN: list[float] = []
REVISIT: list[int] = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        SEEN.append(time.monotonic())
        if self.path == "/robots.txt":
            body, status = b"User-agent: *\nAllow: /\n", 200
        else:
            params = parse_qs(urlsplit(self.path).query)
            query, offset = params["wd"][0], int(params.get("pn", ["0"])[0])
            body, status = page(query, offset).encode(), 200
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def page(query: str, offset: int) -> str:
    if offset >= 20:
        return "<html><body><p>没有更多结果</p></body></html>"
    now = datetime.now(UTC) + timedelta(hours=8)
    subject, event = query.split(" ")
    rows = "".join(
        f'<div class="result"><h3><a href="/a/{abs(hash((query, offset, n))) % 10**12}.html">{subject}{event}问题'
        f'{offset + n}</a></h3><p class="summary">网友反映{subject}存在{event}问题</p>'
        f'<span class="time">{(now - timedelta(minutes=offset * 7 + n)).strftime("%Y-%m-%d %H:%M")}</span></div>'
        for n in range(10))
    return f"<html><body>{rows}</body></html>"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--polls", type=int, default=3)
    parser.add_argument("--interval", type=float, default=60.0)
    parser.add_argument("--cycle", type=float, default=3600.0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        scheme = Path(tmp) / "keywords.yaml"
        scheme.write_text(json.dumps({"name": "灵山县（基准）", "groups": {"主体": SUBJECTS, "事件": EVENTS},
                                      "rules": [{"name": "本县负面", "match": "主体 AND 事件"}]},
                                     ensure_ascii=False), encoding="utf-8")
        template = {"url": base + "/s?wd={keyword}&pn={offset}", "results": "html", "page_start": 0,
                    "page_size": 10, "max_pages": 3,
                    "html": {"row": "div.result", "link": "h3 a", "snippet": "p.summary", "time": "span.time"}}
        [source] = sources.parse({"sources": [{
            "id": "bench-search", "name": "基准搜索", "kind": "search", "interval_s": args.interval,
            "options": {"scheme": str(scheme), "template": template, "cycle_s": args.cycle}}]})
        store_settings = StoreSettings(url=f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate(store_settings)
        settings = CollectorSettings(store=store_settings)  # the defaults: 0.5 s per host, 2 at once
        plan = search.plan(source.spec, source.options, settings)
        print("plan (as `yuqing sources check --poll` prints it):")
        for line in plan.describe():
            print(f"  {line}")
        store = CollectorStore(store_settings)
        publisher = DryRunPublisher()

        async def run() -> list[float]:
            fetcher = Fetcher(settings)
            walls = []
            try:
                collector = Collector(settings, store, publisher, fetcher)
                for _ in range(args.polls):
                    start = time.perf_counter()
                    outcome = await collector.poll(source)
                    walls.append(time.perf_counter() - start)
                    assert outcome.failure is None, outcome.failure
                # The next cycle reaches the first slice again: its queries page only until the last run.
                state = store.load_state(source.spec.id)
                store.save_state(source.spec.id, SourceState(state.etag, state.last_modified,
                                                             {**(state.cursor or {}), "next": 0}))
                before = len(SEEN)
                start = time.perf_counter()
                outcome = await collector.poll(source)
                walls.append(time.perf_counter() - start)
                REVISIT.append(len(SEEN) - before)
            finally:
                await fetcher.close()
            return walls

        walls = asyncio.run(run())
        store.close()
    server.shutdown()
    requests = SEEN[: len(SEEN) - REVISIT[0]]
    peak = max((sum(1 for u in SEEN if t <= u < t + 10.0) for t in SEEN), default=0) / 10.0
    print(f"first cycle, {args.polls} polls: {len(requests)} requests ({len(requests) / args.polls:.1f} per poll, "
          f"robots.txt once), {len(publisher.items)} items published")
    print(f"next cycle, the same slice again: {REVISIT[0]} requests (each query stops at page one, "
          "which reaches the last run)")
    print(f"wall per poll: {', '.join(f'{w:.1f}s' for w in walls)} (interval {args.interval:g}s)")
    print(f"highest rate the search host saw (10 s window): {peak:.2f} requests/s "
          f"(limit {1 / settings.per_host_delay_s:.1f}/s)")
    polls_per_hour = 3600.0 / args.interval
    print(f"requests per hour to the search host: first cycle {len(requests) / args.polls * polls_per_hour:,.0f}, "
          f"then {REVISIT[0] * polls_per_hour:,.0f}")


if __name__ == "__main__":
    main()
