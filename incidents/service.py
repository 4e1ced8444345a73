"""Streaming grouping of scored items into incidents, in the caller's store transaction.

:func:`assign` puts one scored item into an incident: a repost (MinHash near-duplicate, or the same
long title) or a follow-up (shared key terms and places, close in time) joins the incident it
matches, anything else opens a new one. The index lives in the store (``incident_keys``), so every
router worker sees the same incidents; two workers never open two incidents for one story:

* PostgreSQL: before opening an incident the worker takes transaction-scoped advisory locks on
  every key it would be found by (band, title and term keys, in sorted order) and looks again;
  a worker opening an incident for the same story holds one of those locks until it commits, so
  the second one waits, then sees that incident and joins it. Joining locks the incident row.
* SQLite: one writer at a time; :func:`assign` takes the write lock before it reads the index.

A replayed item changes nothing (the item id is the key). Each item keeps why it joined.

The router groups a batch at a time: :func:`prepare` reads the index rows of all its items' keys in
one statement, :func:`assign` then reads from those with what the batch itself added on top (so an
item finds the incident an earlier item of the batch opened), and :func:`finish` writes the batch's
items and index rows in one statement each: a few statements per batch instead of four per item.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, event, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from core.contracts import ScoredItem
from core.sourcekinds import never_own_notice
from incidents import grading as incident_grading
from incidents import text as tx
from incidents.config import IncidentRules, default_rules
from incidents.timeutil import utc
from store.incident_tables import IncidentEventRow, IncidentItemRow, IncidentKeyRow, IncidentRow, IncidentSourceRow
from store.items import insert_for

log = logging.getLogger(__name__)

OPEN, RESPONDED, CLOSING = "open", "responded", "closing_proposed"
STATUS_NAMES = {OPEN: "发酵中", RESPONDED: "已回应", CLOSING: "建议平息"}
HOW_NAMES = {"first": "首发", "repost": "转载", "title": "同题转载", "follow_up": "后续报道", "response": "官方回应",
             "replay": "重复"}
MAX_TITLES = 6
# An anchor term: a place, or a term rarer than this IDF (a name, a project, a company).
ANCHOR_IDF = 9.0


@dataclass(frozen=True, slots=True)
class GradeChange:
    """A grade change of an incident: applied (an upgrade) or only suggested (a downgrade)."""

    incident_id: str
    from_grade: str | None
    to_grade: str
    from_rank: int | None
    to_rank: int
    reasons: tuple[str, ...]
    applied: bool
    # The new grade is the profile's gravest: the router tells the leaders the profile names.
    to_top: bool

    @property
    def reason_text(self) -> str:
        verb = "事件升级" if self.applied else "建议降级"
        return f"{verb}（{self.from_grade or '未定级'} → {self.to_grade}）：" + "；".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Metrics:
    items: int
    sources: int
    negative_items: int
    negative_share: float
    top_tier: str
    views: int
    interactions: int
    heat: float  # decayed heat as of ``at``
    heat_index: float  # 0-100
    peak_heat: float
    growth_last_hour: int
    items_per_hour: float
    first_source: str
    first_tier: str
    first_published_at: datetime
    last_item_at: datetime
    responded_at: datetime | None
    negativity_before_response: float | None
    negativity_after_response: float | None
    at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in
                ((name, getattr(self, name)) for name in self.__slots__)}


@dataclass(frozen=True, slots=True)
class Assignment:
    incident_id: str
    item_id: str
    is_new: bool
    how: str  # first | repost | title | follow_up | response | replay
    reason: dict[str, Any]
    metrics: Metrics
    grade: str | None
    grade_rank: int | None
    grade_reasons: tuple[str, ...]
    first_item_id: str
    case_id: int | None
    status: str
    upgrade: GradeChange | None = None
    downgrade: GradeChange | None = None
    responded_now: bool = False
    events: tuple[str, ...] = field(default_factory=tuple)


@dataclass(slots=True)
class _Match:
    incident: IncidentRow
    how: str
    reason: dict[str, Any]


# ---------------------------------------------------------------------------------------------
# Times and small helpers


def event_time(scored: ScoredItem, rules: IncidentRules) -> tuple[datetime, str | None]:
    """The item's publication time, or its fetch time when the source's clock is not believable."""
    item = scored.item
    fetched = utc(item.fetched_at)
    if item.published_at is None:
        return fetched, None
    published = utc(item.published_at)
    if published > fetched + timedelta(minutes=rules.max_future_minutes):
        return fetched, f"发布时间 {published.isoformat()} 晚于采集时间, 按采集时间计"
    if published < fetched - timedelta(hours=rules.max_past_hours):
        return fetched, (f"发布时间 {published.isoformat()} 早于采集时间 {rules.max_past_hours:.0f} 小时以上, "
                         "按采集时间计")
    return published, None


def incident_id_for(item_id: str) -> str:
    """Stable: the same first item always gives the same incident id (replays, several workers)."""
    return "INC-" + hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:16].upper()


def region_of(scored: ScoredItem) -> str | None:
    item = scored.item
    return item.source.region or (item.region_hints[0] if item.region_hints else None)


def regions_compatible(region: str | None, regions: list[str]) -> bool:
    """Two places conflict when neither code contains the other (370811 vs 370883); unknown never conflicts."""
    if not region or not regions:
        return True
    return any(region.startswith(r) or r.startswith(region) for r in regions)


def is_response(scored: ScoredItem, rules: IncidentRules) -> bool:
    """Whether ``scored`` may be the office's own response: an own tier or source, a response term, and
    a source kind that may carry the office's notice (a 转办单 asks for the response, it gives none)."""
    item = scored.item
    if never_own_notice(item.source.kind):
        return False
    own = item.source.tier in rules.own_tiers or item.source.id in rules.own_sources_for(scored.profile)
    if not own:
        return False
    head = f"{item.title}\n{item.text[:400]}"
    return any(term in head for term in rules.response_terms)


def decayed(heat: float, since: datetime, now: datetime, rules: IncidentRules) -> float:
    hours = max(0.0, (utc(now) - utc(since)).total_seconds() / 3600.0)
    return heat * math.pow(0.5, hours / rules.half_life_hours)


def heat_index(heat: float, rules: IncidentRules) -> float:
    return round(100.0 * (1.0 - math.exp(-heat / rules.heat_scale)), 1)


def contribution(tier: str, views: int, interactions: int, rules: IncidentRules) -> float:
    return rules.tier_weight.get(tier, 1.0) * (1.0 + tx.log1p10(interactions + views / 100.0))


# ---------------------------------------------------------------------------------------------
# Finding the incident of an item


def _term_keys(tf: tx.TextFeatures) -> dict[str, str]:
    return {tx.term_key(t): t for t in tf.terms}


_K = IncidentKeyRow
_KEY_COLUMNS = {"key": _K.key.type, "incident_id": _K.incident_id.type, "item_id": _K.item_id.type,
                "last_seen": _K.last_seen.type}
# Each key's newest ``limit`` index rows, for any number of keys in one statement whose text never
# changes (psycopg parses a statement once; an expanding IN list would be a new text every time).
# Each key stops at its limit: a common term must not make a lookup read the whole window.
_FETCH = {
    "postgresql": text(
        "SELECT k.key, r.incident_id, r.item_id, r.last_seen FROM unnest(CAST(:keys AS varchar[])) AS k(key) "
        "CROSS JOIN LATERAL (SELECT i.incident_id, i.item_id, i.last_seen FROM incident_keys AS i "
        "WHERE i.key = k.key ORDER BY i.last_seen DESC LIMIT :limit) AS r").columns(**_KEY_COLUMNS),
    # SQLite has no LATERAL: a correlated rowid subquery per key does the same range scan.
    "sqlite": text(
        "SELECT k.value AS key, i.incident_id, i.item_id, i.last_seen FROM json_each(:keys) AS k "
        "JOIN incident_keys AS i ON i.rowid IN (SELECT j.rowid FROM incident_keys AS j "
        "WHERE j.key = k.value ORDER BY j.last_seen DESC LIMIT :limit)").columns(**_KEY_COLUMNS),
}

IndexRow = tuple[str, str, str, datetime]  # key, incident, item that brought the key, last_seen


def _fetch_keys(session: Session, keys: list[str], rules: IncidentRules) -> list[IndexRow]:
    dialect = session.get_bind().dialect.name
    param: Any = keys if dialect == "postgresql" else json.dumps(keys)
    return [(key, incident_id, item_id, utc(seen)) for key, incident_id, item_id, seen in
            session.execute(_FETCH[dialect], {"keys": param, "limit": rules.per_term_candidates})]


@dataclass(slots=True)
class _Batch:
    """A router batch in progress (:func:`prepare` … :func:`finish`), in one transaction.

    The index rows of all the batch's keys are read at once, and the items and index rows the batch
    adds are written at once when it finishes. Until then ``overlay`` holds what the batch added, so
    that an item still finds the incident an earlier item of the same batch opened or joined.
    """

    features: dict[tuple[str, str], tx.TextFeatures] = field(default_factory=dict)
    # key -> its newest index rows in the store, as read in this transaction (per-key limit applied).
    index: dict[str, list[IndexRow]] = field(default_factory=dict)
    # key -> incident -> (item, last_seen): index rows this transaction wrote or is about to write.
    overlay: dict[str, dict[str, tuple[str, datetime]]] = field(default_factory=dict)
    # key -> the two above merged, newest first, limited: rebuilt when either changes for the key.
    views: dict[str, list[IndexRow]] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # incident_items rows not written yet
    keys: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # incident_keys rows not written yet


def _batch(session: Session) -> _Batch | None:
    return _tx(session).get("batch")


def _features(session: Session, title: str, body: str, rules: IncidentRules) -> tx.TextFeatures:
    batch = _batch(session)
    if batch is None:
        return tx.features(title, body, rules)
    found = batch.features.get((title, body))
    if found is None:
        found = batch.features[(title, body)] = tx.features(title, body, rules)
    return found


def _lookup_list(tf: tx.TextFeatures, title_key: str | None, rules: IncidentRules) -> tuple[list[str], dict[str, str],
                                                                                           dict[str, str]]:
    """The index keys an item is looked up by (bands, title, quoted titles, terms), its term keys
    (key -> term) and its quote keys (key -> quote)."""
    terms = _term_keys(tf)
    quote_keys = {k: q for q in tf.quotes if (k := tx.title_key(q, rules))}
    keys = [*tf.bands, *([title_key] if title_key else []), *quote_keys, *terms]
    slots = len(tx.BANDS_KEYS) + 1 + tx.MAX_QUOTES + rules.top_terms + tx.MAX_PLACES
    return keys[:slots], terms, quote_keys


def _index_rows(session: Session, keys: list[str], rules: IncidentRules, fresh: bool) -> list[IndexRow]:
    """The newest index rows of ``keys``: from the store, or in a batch from what the batch read,
    with the rows the batch added on top (they are the newest, so the per-key limit still holds)."""
    batch = _batch(session)
    if batch is None:
        return _fetch_keys(session, keys, rules)
    missing = keys if fresh else [k for k in keys if k not in batch.index]
    if missing:
        for key in missing:
            batch.index[key] = []
            batch.views.pop(key, None)
        for row in _fetch_keys(session, missing, rules):
            batch.index[row[0]].append(row)
    rows: list[IndexRow] = []
    for key in keys:
        view = batch.views.get(key)
        if view is None:
            merged = {incident_id: (item_id, seen) for _, incident_id, item_id, seen in batch.index[key]}
            for incident_id, (item_id, seen) in batch.overlay.get(key, {}).items():
                # An upsert keeps the item that first brought the key; only last_seen moves.
                merged[incident_id] = (merged[incident_id][0] if incident_id in merged else item_id, seen)
            newest = sorted(merged.items(), key=lambda kv: kv[1][1], reverse=True)[: rules.per_term_candidates]
            view = batch.views[key] = [(key, incident_id, item_id, seen) for incident_id, (item_id, seen) in newest]
        rows.extend(view)
    return rows


_INCIDENTS = (select(IncidentRow).where(IncidentRow.id.in_(bindparam("ids", expanding=True)))
              .execution_options(populate_existing=True))
_SIGNATURES = select(IncidentItemRow.item_id, IncidentItemRow.incident_id, IncidentItemRow.signature,
                     IncidentItemRow.shingles, IncidentItemRow.is_response).where(
    IncidentItemRow.item_id.in_(bindparam("items", expanding=True)))
_LOCK_ONE = (select(IncidentRow).where(IncidentRow.id == bindparam("id")).with_for_update()
             .execution_options(populate_existing=True))
_INSERT_ITEM = IncidentItemRow.__table__.insert()
_GROWTH = select(func.count()).select_from(IncidentItemRow).where(
    IncidentItemRow.incident_id == bindparam("id"), IncidentItemRow.arrived_at > bindparam("since"))


@dataclass(slots=True)
class _Hits:
    bands: dict[str, set[str]]  # incident -> items that brought the shared band keys
    titles: dict[str, str]  # incident -> item with the same title
    quoted: dict[str, tuple[str, str]]  # incident -> (item whose title this text quotes, the quote)
    terms: dict[str, float]  # incident -> summed weight of the shared terms (candidates, best first)
    common: set[str]  # terms carried by many incidents right now (city names, 小区, 物业 ...)
    # (key, incident) -> last_seen of the index rows read: what need not be written again.
    known: dict[tuple[str, str], datetime] = field(default_factory=dict)


def _lookup_keys(session: Session, tf: tx.TextFeatures, title_key: str | None, rules: IncidentRules,
                 fresh: bool = False) -> _Hits:
    keys, terms, quote_keys = _lookup_list(tf, title_key, rules)
    hits = _Hits({}, {}, {}, {}, set())
    _tx(session)["hits"] = (tf, hits)
    if not keys:
        return hits
    df: Counter[str] = Counter()
    term_rows: list[tuple[str, str]] = []
    for key, incident_id, item_id, last_seen in _index_rows(session, keys, rules, fresh):
        hits.known[(key, incident_id)] = last_seen
        if key in quote_keys:
            hits.quoted[incident_id] = (item_id, quote_keys[key])
        elif key.startswith("t:"):
            hits.titles[incident_id] = item_id
        elif key.startswith("b"):
            hits.bands.setdefault(incident_id, set()).add(item_id)
        else:
            df[key] += 1
            term_rows.append((key, incident_id))
    hits.common = {terms[k] for k, n in df.items() if n >= rules.common_term_incidents}
    for key, incident_id in term_rows:
        term = terms[key]
        weight = tf.terms[term] * (rules.common_term_weight if term in hits.common else 1.0)
        hits.terms[incident_id] = hits.terms.get(incident_id, 0.0) + weight
    return hits


def _weights(tf: tx.TextFeatures, common: set[str], rules: IncidentRules) -> dict[str, float]:
    return {t: w * (rules.common_term_weight if t in common else 1.0) for t, w in tf.terms.items()}


def _find(session: Session, scored: ScoredItem, tf: tx.TextFeatures, title_key: str | None, arrival: datetime,
          response: bool, rules: IncidentRules, fresh: bool = False) -> _Match | None:
    hits = _lookup_keys(session, tf, title_key, rules, fresh)
    # Only the incidents sharing the most weight are read (their state is what costs).
    by_terms = sorted(hits.terms, key=lambda i: (-hits.terms[i], i))[: rules.follow_up_candidates]
    ids = set(hits.bands) | set(hits.titles) | set(hits.quoted) | set(by_terms)
    if not ids:
        return None
    # populate_existing: another worker may have grown these incidents since this session read them;
    # not those this transaction locked (they are current, and may hold changes not flushed yet).
    locked: dict[str, IncidentRow] = _tx(session).get("locked", {})
    fresh = session.scalars(_INCIDENTS, {"ids": sorted(ids - set(locked))}).all() if ids - set(locked) else []
    incidents = {row.id: row for row in (*fresh, *(locked[i] for i in sorted(ids & set(locked))))
                 if row.profile == scored.profile}
    region = region_of(scored)
    index_cut = arrival - timedelta(hours=rules.index_hours)
    follow_cut = arrival - timedelta(hours=rules.follow_up_hours)
    usable = {i: row for i, row in incidents.items()
              if utc(row.last_item_at) >= index_cut and regions_compatible(region, row.state.get("regions", []))}
    conflicts = sorted(set(incidents) - set(usable))
    # 1. Reposts: the MinHash estimate against the items that brought the shared band keys.
    best: _Match | None = None
    wanted = {item_id for i in usable if i in hits.bands for item_id in hits.bands[i]}
    if wanted and tf.signature:
        # An item's signature never changes: each is read once per transaction.
        signatures: dict[str, tuple] = _tx(session).setdefault("signatures", {})
        missing = sorted(wanted - set(signatures))
        if missing:
            signatures.update((row[0], tuple(row)) for row in session.execute(_SIGNATURES, {"items": missing}))
        rows = [signatures[i] for i in sorted(wanted) if i in signatures]
        for item_id, incident_id, signature, shingles, other_is_response in rows:
            if response and other_is_response:
                continue  # two 答复 of one template are not one story
            j = tx.jaccard(tf.signature, signature)
            c = tx.containment(j, tf.shingles, shingles)
            shortest = min(tf.shingles, shingles)
            if shortest < rules.short_shingles:
                # Short texts are mostly template (据网友爆料……详见原帖): only near-identity counts.
                same = j >= rules.short_jaccard_min
            else:
                same = j >= rules.jaccard_min or c >= rules.containment_min
            if same:
                score = max(j, c)
                if best is None or score > best.reason["similarity"]:
                    best = _Match(usable[incident_id], "repost",
                                  {"similarity": round(score, 3), "jaccard": round(j, 3), "containment": round(c, 3),
                                   "matched_item": item_id})
    if best is not None:
        return _with_conflicts(best, conflicts)
    # 2. The same long title (转载 keeps the headline, rewrites the lead).
    for incident_id in sorted(hits.titles):
        if incident_id in usable:
            return _with_conflicts(_Match(usable[incident_id], "title",
                                          {"title": tf.title, "matched_item": hits.titles[incident_id]}), conflicts)
    # 3. The text quotes a headline of the incident in full (反映“……”的问题, 关于“……”的通报).
    for incident_id in sorted(hits.quoted):
        row = usable.get(incident_id)
        if row is not None and (not response or row.state.get("carriers")):
            item_id, quote = hits.quoted[incident_id]
            return _with_conflicts(_Match(row, "response" if response else "follow_up",
                                          {"quoted_title": quote, "matched_item": item_id}), conflicts)
    # 4. Follow-ups: shared key terms and places, close in time.
    threshold = rules.response_score_min if response else rules.follow_score_min
    scored_matches: list[tuple[float, _Match]] = []
    weights = _weights(tf, hits.common, rules)
    own_places = tf.fine_places
    text_bigrams = tx.bigrams(tf.norm[: rules.quote_chars])
    for incident_id in by_terms:
        row = usable.get(incident_id)
        if row is None or utc(row.last_item_at) < follow_cut:
            continue
        # A response answers a story: an incident made only of responses (templates) is none.
        if response and not row.state.get("carriers"):
            continue
        terms = {t: w for t, (w, _n) in row.state.get("terms", {}).items()}
        share, shared = tx.weighted_share(weights, terms)
        places = set(row.state.get("fine_places", []))
        # An anchor ties the two to one story: a place below the district (镇, 村, 小区, a road) or a
        # rare name, and not one that many incidents carry right now (the city's own name is none).
        anchors = [t for t in shared if t not in hits.common and not tx.is_coarse(t)
                   and (t in places or t in own_places or (len(t) >= 3 and tf.terms[t] >= ANCHOR_IDF))]
        titles = row.state.get("titles", [])
        title_sim = max((tx.title_similarity(tf.title, t) for t in titles), default=0.0)
        # Reports and 答复 quote the story's headline (反映“……”的问题): its bigrams in this text.
        quoted = max((tx.quoted(t, text_bigrams) for t in titles if len(t) >= rules.title_min_chars), default=0.0)
        # One anchor alone (a road, an estate) holds many stories: it needs the titles to agree too.
        # A response must also name the story's place, two of its names, or quote its headline: its
        # wording is a template.
        anchored = len(anchors) >= 2 or (bool(anchors) and max(title_sim, quoted) >= rules.single_anchor_title_min)
        by_terms = (share >= threshold and len(shared) >= rules.min_shared_terms and anchored
                    and (not response or len(anchors) >= 2 or any(t in places or t in own_places for t in anchors)))
        # Short titles (求助, 通知) say nothing about the story, nor do templated response titles.
        by_title = (title_sim >= rules.title_similarity_min and share >= rules.title_support_min and not response
                    and len(tf.title) >= rules.title_min_chars and bool(anchors))
        by_quote = quoted >= rules.quoted_title_min and share >= rules.title_support_min
        if by_terms or by_title or by_quote:
            score = share + 0.5 * max(title_sim, quoted)
            scored_matches.append((score, _Match(row, "response" if response else "follow_up", {
                "term_share": round(share, 3), "shared_terms": shared[:12], "anchors": anchors[:6],
                "common_terms": sorted(set(shared) & hits.common)[:6],
                "title_similarity": round(title_sim, 3), "title_quoted": round(quoted, 3),
                "hours_since_last": round((arrival - utc(row.last_item_at)).total_seconds() / 3600.0, 2)})))
    if scored_matches:
        scored_matches.sort(key=lambda pair: (-pair[0], pair[1].incident.id))
        return _with_conflicts(scored_matches[0][1], conflicts)
    return None


def _with_conflicts(match: _Match, conflicts: list[str]) -> _Match:
    if conflicts:
        match.reason["not_joined"] = {"incidents": conflicts[:5], "why": "地区不同或已移出索引窗口"}
    return match


# One round trip for all the keys, taken in ascending order (the same order in every worker).
_ADVISORY = text("SELECT count(pg_advisory_xact_lock(k)) FROM "
                 "(SELECT k FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS ordered")
_SQLITE_WRITE = text("UPDATE incident_keys SET last_seen = last_seen WHERE 0")


def _serialise(session: Session, keys: list[str]) -> None:
    """PostgreSQL: make incident creation for one story happen once across workers (module docstring)."""
    session.execute(_ADVISORY, {"keys": sorted({tx.lock_id(k) for k in keys})})


def _take_write_lock(session: Session) -> None:
    # SQLite: a write first, so the index is read under the single writer lock (no stale reads);
    # once per transaction.
    if session.get_bind().dialect.name != "sqlite":
        return
    transaction = session.get_transaction()
    if session.info.get("incidents_write_lock") is not transaction:
        session.execute(_SQLITE_WRITE)
        session.info["incidents_write_lock"] = transaction


# ---------------------------------------------------------------------------------------------
# Assigning

# An index row is rewritten only when it is new, or when its last_seen is older than this: a
# repost of a known story then writes no index row at all (its keys are the story's already).
KEY_REFRESH = timedelta(minutes=10)


def _tx(session: Session) -> dict[str, Any]:
    """What this transaction already knows (incidents it locked, items it holds, growth counts):
    facts that stay true until it commits, since it holds the locks they depend on."""
    transaction = session.get_transaction()
    cached = session.info.get("incidents_tx")
    if cached is None or cached[0] is not transaction:
        cached = (transaction, {})
        session.info["incidents_tx"] = cached
    return cached[1]


def prepare(session: Session, items: list[ScoredItem], rules: IncidentRules | None = None) -> None:
    """Start a batch in the caller's transaction: read once which of its items are already grouped
    (replays), and the index rows of every key of the others; :func:`assign` then reads the index
    from there, and buffers what it writes to the index and the incidents' items until
    :func:`finish` (called at the latest before the transaction commits)."""
    rules = rules or default_rules()
    _take_write_lock(session)
    ids = sorted({s.item.id for s in items})
    known: set[str] = set()
    for start in range(0, len(ids), 1000):
        known.update(session.scalars(select(IncidentItemRow.item_id).where(
            IncidentItemRow.item_id.in_(ids[start:start + 1000]))))
    tx_cache = _tx(session)
    tx_cache["prepared"] = (set(ids), known)
    batch = tx_cache.get("batch")
    if batch is None:
        batch = tx_cache["batch"] = _Batch()
        # A batch whose caller forgets finish() must still lose nothing.
        if not session.info.get("incidents_finish_listener"):
            event.listen(session, "before_commit", finish)
            session.info["incidents_finish_listener"] = True
    wanted: dict[str, None] = {}
    for scored in items:
        if scored.item.id in known:
            continue
        tf = _features(session, scored.item.title, scored.item.text, rules)
        wanted.update(dict.fromkeys(_lookup_list(tf, tx.title_key(tf.title, rules), rules)[0]))
    _index_rows(session, [k for k in wanted if k not in batch.index], rules, fresh=False)


def finish(session: Session) -> None:
    """Write what the batch's :func:`assign` calls buffered: its items, then its index rows (in key
    order, the same in every worker), one statement each."""
    batch = _batch(session)
    if batch is None:
        return
    if batch.items:
        session.connection().execute(_INSERT_ITEM, list(batch.items.values()))
        batch.items.clear()
    if batch.keys:
        session.connection().execute(_upsert_keys(session), [batch.keys[k] for k in sorted(batch.keys)])
        batch.keys.clear()
    # batch.overlay stays: the index rows read before are still missing what was written now.


def _already_grouped(session: Session, item_id: str) -> IncidentItemRow | None:
    batch = _batch(session)
    if batch is not None and item_id in batch.items:
        # Grouped earlier in this batch (the item twice in it): its row is needed as an object.
        finish(session)
        return session.get(IncidentItemRow, item_id)
    prepared = _tx(session).get("prepared")
    if prepared is not None and item_id in prepared[0] and item_id not in prepared[1]:
        return None
    return session.get(IncidentItemRow, item_id)


def assign(session: Session, scored: ScoredItem, now: datetime, rules: IncidentRules | None = None) -> Assignment:
    """Put ``scored`` into its incident (new or existing) in the caller's transaction."""
    rules = rules or default_rules()
    now = utc(now)
    item = scored.item
    _take_write_lock(session)
    existing = _already_grouped(session, item.id)
    if existing is not None:
        return _replay(session, scored, existing, now, rules)
    response = is_response(scored, rules)
    tf = _features(session, item.title, item.text, rules)
    title_key = tx.title_key(tf.title, rules)
    match = _find(session, scored, tf, title_key, now, response, rules)
    if match is None and session.get_bind().dialect.name == "postgresql":
        keys = [*tf.bands, *([title_key] if title_key else []), *_term_keys(tf)]
        _serialise(session, keys)
        # Looked up again in the store, not in what the batch read before: under the locks, another
        # worker's incident for this story is committed by now.
        match = _find(session, scored, tf, title_key, now, response, rules, fresh=True)
    published, clock_note = event_time(scored, rules)
    # The incidents this transaction holds locked, kept referenced (the session's identity map is weak).
    locked_ids: dict[str, IncidentRow] = _tx(session).setdefault("locked", {})
    if match is None:
        incident = _create(session, scored, published, now, rules)
        how, reason, is_new = "first", {"note": "未匹配到已有事件, 新建"}, True
        locked_ids[incident.id] = incident
    elif match.incident.id in locked_ids:
        # Locked earlier in this transaction: nobody else changed it since, the object is current.
        incident, how, reason, is_new = match.incident, match.how, match.reason, False
    else:
        # Lock only the incident joined, then read it afresh: its counters are updated below.
        locked = session.scalar(_LOCK_ONE, {"id": match.incident.id})
        assert locked is not None
        locked_ids[locked.id] = locked
        incident, how, reason, is_new = locked, match.how, match.reason, False
    if clock_note:
        reason["clock"] = clock_note
    return _add(session, incident, scored, tf, title_key, published, now, how, reason, is_new, response, rules)


@dataclass(frozen=True, slots=True)
class ResponseTarget:
    """The incident an official response answers, and that incident's case."""

    incident_id: str
    case_id: int
    reason: dict[str, Any]


def response_target(session: Session, scored: ScoredItem, now: datetime,
                    rules: IncidentRules | None = None) -> ResponseTarget | None:
    """For an official response (``is_response``: an own-tier source and a response term), the
    incident it answers when that incident already has a case; None otherwise. Reads only:
    :func:`assign` then adds the item to the incident as its response.

    The router asks this before opening a case, so an official 通报 of a bad event joins its
    incident's case as the response instead of opening a fresh case as if it were news.
    """
    rules = rules or default_rules()
    if not is_response(scored, rules):
        return None
    item = scored.item
    existing = _already_grouped(session, item.id)
    if existing is not None:
        incident = session.get(IncidentRow, existing.incident_id)
        match = _Match(incident, "replay", {}) if incident is not None else None
    else:
        tf = _features(session, item.title, item.text, rules)
        match = _find(session, scored, tf, tx.title_key(tf.title, rules), utc(now), True, rules)
    if match is None or match.incident.case_id is None:
        return None
    return ResponseTarget(match.incident.id, match.incident.case_id, match.reason)


_UPSERTS: dict[str, Any] = {}


def _upsert_keys(session: Session) -> Any:
    """INSERT .. ON CONFLICT (key, incident) DO UPDATE last_seen, for executemany; one per dialect."""
    dialect = session.get_bind().dialect.name
    stmt = _UPSERTS.get(dialect)
    if stmt is None:
        base = insert_for(session, IncidentKeyRow)
        stmt = _UPSERTS[dialect] = base.on_conflict_do_update(
            index_elements=[IncidentKeyRow.key, IncidentKeyRow.incident_id],
            set_={"last_seen": base.excluded.last_seen})
    return stmt


def _create(session: Session, scored: ScoredItem, published: datetime, now: datetime,
            rules: IncidentRules) -> IncidentRow:
    item = scored.item
    row = IncidentRow(
        id=incident_id_for(item.id), profile=scored.profile, title=(item.title or item.text[:60]).strip()[:500],
        status=OPEN, region=region_of(scored), first_item_id=item.id, first_source=item.source.name,
        first_tier=item.source.tier, first_published_at=published, last_item_at=now, created_at=now, updated_at=now,
        items=0, sources=0, negative_items=0, top_tier=item.source.tier, views=0, interactions=0, heat=0.0,
        heat_at=now, peak_heat=0.0, grade=None, grade_rank=None, grade_reasons=[], suggested_grade=None, state={},
        version=0)
    session.add(row)
    session.flush()
    return row


def _engagement(scored: ScoredItem) -> tuple[int, int]:
    e = scored.item.engagement
    return e.views or 0, (e.replies or 0) + (e.reposts or 0) + (e.likes or 0)


def _add(session: Session, incident: IncidentRow, scored: ScoredItem, tf: tx.TextFeatures, title_key: str | None,
         published: datetime, now: datetime, how: str, reason: dict[str, Any], is_new: bool, response: bool,
         rules: IncidentRules) -> Assignment:
    item = scored.item
    views, interactions = _engagement(scored)
    after = incident.responded_at is not None and not response
    _count_arrival(session, incident.id, now, now)
    row = dict(
        item_id=item.id, incident_id=incident.id, arrived_at=now, published_at=published, source_id=item.source.id,
        source_name=item.source.name, source_tier=item.source.tier, source_kind=item.source.kind,
        title=item.title[:500], url=item.url, negativity=scored.negativity, views=views, interactions=interactions,
        revision=item.revision, how=how, reason=reason, is_response=response, after_response=after,
        shingles=tf.shingles, signature=tf.signature)
    batch = _batch(session)
    if batch is None:
        session.execute(_INSERT_ITEM, row)
    else:
        batch.items[item.id] = row
    prepared = _tx(session).get("prepared")
    if prepared is not None:
        # Grouped now: the item again later in this batch (another part of it) is a replay.
        prepared[1].add(item.id)
    # Later items of this transaction compare with this one's signature without reading it back.
    signatures: dict[str, tuple] = _tx(session).setdefault("signatures", {})
    signatures[item.id] = (item.id, incident.id, tf.signature, tf.shingles, response)
    keys = {**dict.fromkeys(tf.bands, item.id), **({title_key: item.id} if title_key else {}),
            **dict.fromkeys(_term_keys(tf), item.id)}
    looked = _tx(session).get("hits")
    known = looked[1].known if looked is not None and looked[0] is tf else {}
    stale = now - KEY_REFRESH
    keys = {k: v for k, v in keys.items() if (seen := known.get((k, incident.id))) is None or utc(seen) < stale}
    if keys and batch is None:
        session.connection().execute(_upsert_keys(session), [
            {"key": k, "incident_id": incident.id, "item_id": v, "last_seen": now} for k, v in sorted(keys.items())])
    elif keys and batch is not None:
        for k, v in keys.items():
            pending = batch.keys.get((k, incident.id))
            # One row per (key, incident) in the batch's upsert; like the upsert, the first item stays.
            batch.keys[(k, incident.id)] = {"key": k, "incident_id": incident.id, "last_seen": now,
                                            "item_id": pending["item_id"] if pending else v}
            overlay = batch.overlay.setdefault(k, {})
            overlay[incident.id] = (overlay[incident.id][0] if incident.id in overlay else v, now)
            batch.views.pop(k, None)
    # A source already counted for the incident in this transaction (the incident is locked) is not new.
    sources_seen: set[tuple[str, str]] = _tx(session).setdefault("sources", set())
    new_source = False
    if (incident.id, item.source.id) not in sources_seen:
        src = insert_for(session, IncidentSourceRow).values(
            incident_id=incident.id, source_id=item.source.id, source_name=item.source.name, tier=item.source.tier,
            first_item_id=item.id, first_at=published).on_conflict_do_nothing(
            index_elements=[IncidentSourceRow.incident_id, IncidentSourceRow.source_id]).returning(
            IncidentSourceRow.source_id)
        # RETURNING, not rowcount: drivers disagree on rowcount after ON CONFLICT DO NOTHING.
        new_source = session.execute(src).first() is not None
        sources_seen.add((incident.id, item.source.id))
    events: list[str] = []
    # Changed in place (no copy per item: the state of a busy incident is large); the column is
    # flagged below, since an in-place change is not seen as one.
    state = _update_state(incident.state if incident.state is not None else {}, scored, tf, response, rules)
    incident.items += 1
    incident.sources += int(new_source)
    negative = not response and scored.negativity >= rules.negative_min
    incident.negative_items += int(negative)
    incident.views += views
    incident.interactions += interactions
    if not response and rules.tier_rank(item.source.tier) < rules.tier_rank(incident.top_tier):
        incident.top_tier = item.source.tier
    # 首发: the earliest believable publication time, whoever delivered it first.
    if published < utc(incident.first_published_at):
        incident.first_published_at, incident.first_source = published, item.source.name
        incident.first_tier, incident.first_item_id = item.source.tier, item.id
    incident.heat = decayed(incident.heat, incident.heat_at, now, rules) + contribution(
        item.source.tier, views, interactions, rules)
    incident.heat_at = now
    incident.peak_heat = max(incident.peak_heat, incident.heat)
    incident.last_item_at = max(utc(incident.last_item_at), now)
    incident.updated_at = now
    incident.version += 1
    responded_now = False
    if response and incident.responded_at is None:
        incident.responded_at, incident.response_item_id = now, item.id
        responded_now = True
        events.append("responded")
        _event(session, incident, now, "responded", item.id,
               {"source": item.source.name, "title": item.title[:200],
                "negativity_before": _mean(state.get("neg_before"))})
    if after:
        nb = state.setdefault("neg_after", [0.0, 0])
        nb[0], nb[1] = nb[0] + scored.negativity, nb[1] + 1
    elif not response:
        nb = state.setdefault("neg_before", [0.0, 0])
        nb[0], nb[1] = nb[0] + scored.negativity, nb[1] + 1
    if incident.status == CLOSING and not response:
        incident.status = RESPONDED if incident.responded_at else OPEN
        events.append("reopened")
        _event(session, incident, now, "reopened", item.id, {"why": "建议平息后又有新内容"})
    elif responded_now and incident.status == OPEN:
        incident.status = RESPONDED
    incident.state = state
    flag_modified(incident, "state")
    metrics = _metrics(session, incident, now, rules)
    upgrade, downgrade = _regrade(session, incident, state, metrics, item.id, now, is_new, rules)
    if is_new:
        _event(session, incident, now, "created", item.id,
               {"source": item.source.name, "tier": item.source.tier, "title": item.title[:200]})
    if upgrade:
        events.append("upgraded")
    if downgrade:
        events.append("downgrade_suggested")
    if is_new or session.autoflush:
        session.flush()
    # else (a router batch, see IncidentsHook): the locked incident's row is written once, at the
    # batch's next flush or commit, instead of once per item.
    log.info("incident %s: %s %s", "opened" if is_new else "joined", how, incident.grade or "",
             extra={"item": item.id, "incident": incident.id})
    return Assignment(
        incident_id=incident.id, item_id=item.id, is_new=is_new, how=how, reason=reason, metrics=metrics,
        grade=incident.grade, grade_rank=incident.grade_rank, grade_reasons=tuple(incident.grade_reasons or ()),
        first_item_id=incident.first_item_id, case_id=incident.case_id, status=incident.status, upgrade=upgrade,
        downgrade=downgrade, responded_now=responded_now, events=tuple(events))


def _update_state(state: dict[str, Any], scored: ScoredItem, tf: tx.TextFeatures, response: bool,
                  rules: IncidentRules) -> dict[str, Any]:
    """What grading and matching keep per incident, bounded in size."""
    item = scored.item
    terms: dict[str, list] = state.setdefault("terms", {})
    for term, weight in tf.terms.items():
        entry = terms.setdefault(term, [weight, 0])
        entry[1] += 1
    if len(terms) > rules.incident_terms:
        keep = sorted(terms.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[: rules.incident_terms]
        terms = dict(keep)
    state["terms"] = terms
    state["fine_places"] = list(dict.fromkeys([*state.get("fine_places", []), *sorted(tf.fine_places)]))[:24]
    if tf.title and tf.title not in state.get("titles", []):
        state["titles"] = [*state.get("titles", []), tf.title][-MAX_TITLES:]
    region = region_of(scored)
    if region and region not in state.get("regions", []):
        state["regions"] = [*state.get("regions", []), region][-12:]
    if not response:
        # The office's own response is no spread: it adds no carrier, topic vote or counts. What it
        # confirms (2 人死亡) is the event's, and its grade counts below (000 第八条: the grade follows
        # the event as it develops).
        topics = dict(state.get("topics", {}))
        topics[scored.topic] = topics.get(scored.topic, 0) + 1
        state["topics"] = topics
        carriers = dict(state.get("carriers", {}))
        tier = item.source.tier
        c = carriers.get(tier)
        if c is None or scored.negativity > c["neg"]:
            carriers[tier] = {"neg": scored.negativity, "kind": item.source.kind,
                              "rel": max(scored.relevance, c["rel"] if c else 0.0), "item": item.id}
        state["carriers"] = carriers
        counts = dict(state.get("counts", {}))
        e = item.engagement
        for name in ("views", "replies", "reposts", "likes"):
            value = getattr(e, name)
            if value is not None:
                counts[name] = counts.get(name, 0) + value
        state["counts"] = counts
    grading = incident_grading.profile_rules(scored.profile)
    if grading is not None:
        signals = dict(state.get("signals", {}))
        for name, term in grading.find_signals(f"{item.title}。{item.text[:tx.TERM_CHARS]}").items():
            signals.setdefault(name, term)
        state["signals"] = signals
    g = state.get("item_grade")
    if g is None or scored.grade.rank < g["rank"]:
        state["item_grade"] = {"level": scored.grade.level, "rank": scored.grade.rank,
                               "reasons": list(scored.grade.reasons)[:6], "item": item.id}
    return state


def _mean(pair: list | None) -> float | None:
    return round(pair[0] / pair[1], 3) if pair and pair[1] else None


def _metrics(session: Session, incident: IncidentRow, now: datetime, rules: IncidentRules) -> Metrics:
    growth = _growth(session, incident.id, now)
    heat = decayed(incident.heat, incident.heat_at, now, rules)
    hours = max(1.0, (now - utc(incident.created_at)).total_seconds() / 3600.0)
    state = incident.state or {}
    return Metrics(
        items=incident.items, sources=incident.sources, negative_items=incident.negative_items,
        negative_share=round(incident.negative_items / incident.items, 3) if incident.items else 0.0,
        top_tier=incident.top_tier, views=incident.views, interactions=incident.interactions, heat=round(heat, 3),
        heat_index=heat_index(heat, rules), peak_heat=round(incident.peak_heat, 3), growth_last_hour=growth,
        items_per_hour=round(incident.items / hours, 2), first_source=incident.first_source,
        first_tier=incident.first_tier, first_published_at=utc(incident.first_published_at),
        last_item_at=utc(incident.last_item_at),
        responded_at=utc(incident.responded_at) if incident.responded_at else None,
        negativity_before_response=_mean(state.get("neg_before")),
        negativity_after_response=_mean(state.get("neg_after")), at=now)


def _growth(session: Session, incident_id: str, now: datetime) -> int:
    """Items of the incident that arrived in the hour before ``now``: counted once per transaction
    and ``now`` (the incident is locked by this transaction, so only its own additions change it)."""
    counts: dict[tuple[str, datetime], int] = _tx(session).setdefault("growth", {})
    key = (incident_id, now)
    if key not in counts:
        session.flush()
        since = now - timedelta(hours=1)
        batch = _batch(session)
        pending = sum(1 for row in batch.items.values() if row["incident_id"] == incident_id
                      and row["arrived_at"] > since) if batch is not None else 0
        counts[key] = (session.scalar(_GROWTH, {"id": incident_id, "since": since}) or 0) + pending
        return counts[key]
    return counts[key]


def _count_arrival(session: Session, incident_id: str, now: datetime, arrived: datetime) -> None:
    counts: dict[tuple[str, datetime], int] = _tx(session).get("growth", {})
    if (incident_id, now) in counts and arrived > now - timedelta(hours=1):
        counts[(incident_id, now)] += 1


def _regrade(session: Session, incident: IncidentRow, state: dict[str, Any], metrics: Metrics, item_id: str,
             now: datetime, is_new: bool, rules: IncidentRules) -> tuple[GradeChange | None, GradeChange | None]:
    est = incident_grading.estimate(state, metrics.as_dict(), incident_grading.profile_rules(incident.profile), rules,
                                    incident.profile)
    if est is None:
        return None, None
    if incident.grade_rank is None or est.rank < incident.grade_rank:
        change = GradeChange(incident.id, incident.grade, est.level, incident.grade_rank, est.rank, est.reasons,
                             applied=True, to_top=est.rank == 0)
        incident.grade, incident.grade_rank, incident.grade_reasons = est.level, est.rank, list(est.reasons)
        incident.suggested_grade = None
        _event(session, incident, now, "graded" if is_new else "upgraded", item_id,
               {"from": change.from_grade, "to": est.level, "reasons": list(est.reasons), "to_top": change.to_top})
        return (None if is_new else change), None
    if est.rank > incident.grade_rank and incident.suggested_grade != est.level:
        incident.suggested_grade = est.level
        change = GradeChange(incident.id, incident.grade, est.level, incident.grade_rank, est.rank, est.reasons,
                             applied=False, to_top=False)
        _event(session, incident, now, "downgrade_suggested", item_id,
               {"from": incident.grade, "to": est.level, "reasons": list(est.reasons)})
        return None, change
    if est.rank == incident.grade_rank:
        incident.grade_reasons = list(est.reasons)
    return None, None


def _replay(session: Session, scored: ScoredItem, row: IncidentItemRow, now: datetime,
            rules: IncidentRules) -> Assignment:
    """The item is already in an incident: only a newer revision's engagement is taken over."""
    incident = session.scalar(select(IncidentRow).where(IncidentRow.id == row.incident_id).with_for_update())
    assert incident is not None
    if scored.item.revision > row.revision:
        views, interactions = _engagement(scored)
        incident.views += max(0, views - row.views)
        incident.interactions += max(0, interactions - row.interactions)
        row.views, row.interactions, row.revision = views, interactions, scored.item.revision
        incident.version += 1
    metrics = _metrics(session, incident, now, rules)
    return Assignment(
        incident_id=incident.id, item_id=row.item_id, is_new=False, how="replay",
        reason={"note": "该条已归入本事件", "joined_as": row.how}, metrics=metrics, grade=incident.grade,
        grade_rank=incident.grade_rank, grade_reasons=tuple(incident.grade_reasons or ()),
        first_item_id=incident.first_item_id, case_id=incident.case_id, status=incident.status)


_INSERT_EVENT = IncidentEventRow.__table__.insert()


def _event(session: Session, incident: IncidentRow, now: datetime, action: str, item_id: str | None,
           detail: dict[str, Any]) -> None:
    # A plain INSERT: the history is append-only and never read back in the writing session.
    session.execute(_INSERT_EVENT, {"incident_id": incident.id, "at": now, "action": action, "item_id": item_id,
                                    "detail": detail})


# ---------------------------------------------------------------------------------------------
# Links, upkeep


def link_case(session: Session, incident_id: str, case_id: int, now: datetime) -> None:
    """Remember the router's case of the incident (the case of its first item)."""
    incident = session.get(IncidentRow, incident_id)
    if incident is None or incident.case_id == case_id:
        return
    incident.case_id = case_id
    _event(session, incident, utc(now), "case_linked", None, {"case": case_id})


@dataclass(frozen=True, slots=True)
class Sweep:
    keys_removed: int
    closing_proposed: tuple[str, ...]
    # (incident id, its case id or None, why) of each proposal, for the router to note on the case.
    proposals: tuple[tuple[str, int | None, str], ...] = ()


def sweep(session: Session, now: datetime, rules: IncidentRules | None = None) -> Sweep:
    """Age incidents out of the index and propose 平息 for quiet ones; call it from a periodic tick."""
    rules = rules or default_rules()
    now = utc(now)
    stale = select(IncidentRow.id).where(IncidentRow.last_item_at < now - timedelta(hours=rules.index_hours))
    # synchronize_session=False: one DELETE in the store; the default would first fetch every
    # matching key into this process to update the session.
    removed = session.execute(delete(IncidentKeyRow).where(IncidentKeyRow.incident_id.in_(stale))
                              .execution_options(synchronize_session=False)).rowcount or 0
    proposed: list[str] = []
    proposals: list[tuple[str, int | None, str]] = []
    quiet_ids = session.scalars(select(IncidentRow.id).where(
        IncidentRow.status.in_((OPEN, RESPONDED)),
        IncidentRow.last_item_at < now - timedelta(hours=rules.quiet_hours)).order_by(IncidentRow.id)).all()
    # In chunks, each let go after it is written: the first sweep over a full window must not hold
    # every quiet incident in memory at once.
    for start in range(0, len(quiet_ids), 500):
        chunk = session.scalars(select(IncidentRow).where(IncidentRow.id.in_(quiet_ids[start : start + 500]))
                                .with_for_update()).all()
        for incident in chunk:
            heat = decayed(incident.heat, incident.heat_at, now, rules)
            if incident.peak_heat > 0 and heat > incident.peak_heat * rules.heat_ratio_max:
                continue
            incident.status = CLOSING
            incident.updated_at = now
            incident.version += 1
            why = (f"{rules.quiet_hours:.0f} 小时无新增, 热度降至峰值的 {heat / incident.peak_heat:.0%}"
                   if incident.peak_heat else f"{rules.quiet_hours:.0f} 小时无新增")
            proposals.append((incident.id, incident.case_id, why))
            _event(session, incident, now, "closing_proposed", None, {
                "why": why,
                "heat_index": heat_index(heat, rules), "responded": incident.responded_at is not None,
                "negativity_after_response": _mean((incident.state or {}).get("neg_after"))})
            proposed.append(incident.id)
            log.info("incident proposed for closing (平息)", extra={"incident": incident.id})
        session.flush()
        for incident in chunk:
            session.expunge(incident)
    return Sweep(removed, tuple(proposed), tuple(proposals))
