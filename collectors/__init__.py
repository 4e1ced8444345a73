"""Collectors: news sites, forums, microblogs and feeds into ``items.raw``.

Polite (robots.txt, per-host limits, backoff), incremental (canonical URLs, content hashes, a
seen-set in the store) and never silent (per-source health, alerts on ``ops.alerts``).
"""
