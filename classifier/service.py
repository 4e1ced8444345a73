"""The classifier stage: items.raw → items.scored, with model hot reload between batches."""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from classifier.grading import load_rules
from classifier.jurisdiction import Jurisdiction
from classifier.jurisdiction import load as load_jurisdiction
from classifier.keywords import KeywordScorer
from classifier.model import ModelError
from classifier.registry import LoadedModel, Registry
from classifier.relevance import RelevanceScorer
from classifier.scoring import Score, Scorer
from classifier.settings import ClassifierSettings
from classifier.tokens import add_words, load_user_dict
from core import contracts
from core.contracts import ContractError, RawItem
from core.stage import BatchResult, Output, Record, Rejected, StageRunner
from incidents.config import IncidentRules, default_rules
from incidents.text import story_keys
from policies import profile_dir

log = logging.getLogger(__name__)
INPUT_TOPIC = "items.raw"
OUTPUT_TOPIC = "items.scored"


def office_of(settings: ClassifierSettings, profile: str | None = None) -> Jurisdiction:
    """The profile's jurisdiction with the office's ``[classifier]`` names on top.

    The office's places, bodies and people extend the profile's; a ``region`` of another place
    (an office built on ``city-gov`` for its own city) replaces the profile's jurisdiction.
    """
    base = load_jurisdiction(profile_dir(profile or settings.profile))
    region = settings.region
    if region and base.region and not (region.startswith(base.region) or base.region.startswith(region)):
        return Jurisdiction(region=region, places=settings.places, bodies=settings.bodies, people=settings.people,
                            source="[classifier]")
    return base.extended(region, settings.places, settings.bodies, settings.people)


def load_office_words(settings: ClassifierSettings) -> None:
    """The office's names and jieba user dictionary, into the tokenizer once per process."""
    add_words((*settings.places, *settings.bodies, *settings.people))
    if settings.user_dict:
        load_user_dict(Path(settings.user_dict))


def registry_of(settings: ClassifierSettings) -> Registry:
    return Registry(Path(settings.models_dir))


class ClassifierProcessor:
    """Scores each batch in one vectorised call; one bad item is rejected, never the batch.

    Between batches, at most every ``reload_interval_s``, it reads the registry's promoted
    pointer and swaps in a newly promoted model; a model that fails to load is logged and the
    current one stays in use.
    """

    def __init__(self, settings: ClassifierSettings, registry: Registry | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.registry = registry or registry_of(settings)
        self.clock = clock
        self.rules = load_rules(profile_dir(settings.profile))
        self.profile = settings.profile
        self.relevance = RelevanceScorer(office_of(settings))
        self.keywords = KeywordScorer.load(settings.keywords)
        self.story_rules: IncidentRules = default_rules()
        load_office_words(settings)
        self._pointer = self.registry.promoted()
        self.scorer = self._scorer(self.registry.load_promoted())
        self._checked_at = clock()
        log.info("classifier uses model %s, profile %s", self.scorer.version, self.profile)

    def _scorer(self, loaded: LoadedModel) -> Scorer:
        return Scorer(loaded, self.relevance, self.rules, self.profile, keywords=self.keywords)

    @property
    def model_version(self) -> str:
        return self.scorer.version

    def maybe_reload(self, force: bool = False) -> bool:
        """Swap in the promoted model if the pointer moved; True when the model changed."""
        now = self.clock()
        if not force and now - self._checked_at < self.settings.reload_interval_s:
            return False
        self._checked_at = now
        self.keywords.refresh()  # the office edited its keyword scheme: the next batch uses it
        pointer = self.registry.promoted()
        if pointer == self._pointer:
            return False
        try:
            scorer = self._scorer(self.registry.load_promoted())
        except (ModelError, ValueError) as exc:
            log.error("promoted model %s cannot be loaded, keeping %s: %s", pointer, self.scorer.version, exc)
            self._pointer = pointer  # do not retry a broken model every batch; a new promote moves it
            return False
        previous, self.scorer, self._pointer = self.scorer.version, scorer, pointer
        log.info("model reloaded: %s → %s", previous, scorer.version)
        return True

    def process(self, records: Sequence[Record]) -> BatchResult:
        # No cyclic garbage collection while a batch is scored: every object the batch makes (items,
        # facts, grades, outputs) lives until the batch ends, so a collection then only walks live
        # objects and promotes them, and each full collection walks the whole process (the model's
        # 200,000-term vocabulary): 8-10 % of a batch's time. Collections resume after the batch, when
        # its objects are gone. Restored as it was, whatever happens.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._process(records)
        finally:
            if enabled:
                gc.enable()

    def _process(self, records: Sequence[Record]) -> BatchResult:
        self.maybe_reload()
        result = BatchResult()
        good: list[tuple[Record, RawItem]] = []
        for record in records:
            try:
                good.append((record, contracts.decode(record.value, RawItem)))
            except ContractError as exc:
                result.rejected.append(Rejected(record, f"contract: {exc}"))
        if not good:
            return result
        scorer = self.scorer
        try:
            scores: list[Score | Exception] = list(scorer.score([item for _, item in good]))
        except Exception as exc:  # noqa: BLE001 - isolate the item that broke the batch, below
            log.warning("batch scoring failed (%s); scoring the %d items one by one", exc, len(good))
            scores = []
            for record, item in good:
                try:
                    scores.append(scorer.score([item])[0])
                except Exception as item_exc:
                    log.exception("item cannot be scored", extra={"item": item.id, **_ids(record)})
                    scores.append(item_exc)
        now = contracts.utcnow()
        keys = self.keys_of([item for _, item in good])
        debug = log.isEnabledFor(logging.DEBUG)  # asked once a batch, not once an item
        for (record, item), score, key in zip(good, scores, keys, strict=True):
            if isinstance(score, Exception):
                result.rejected.append(Rejected(record, f"scoring failed: {type(score).__name__}: {score}"))
                continue
            try:
                value = contracts.encode(scorer.scored_item(item, score, now))
            except (ValueError, TypeError) as exc:
                result.rejected.append(Rejected(record, f"scored item invalid: {exc}"))
                continue
            result.outputs.append(Output(topic=OUTPUT_TOPIC, key=key, value=value, origin=record))
            if debug:
                log.debug("scored %s %s", score.grade.level, score.topic, extra={"item": item.id})
        return result


    def keys_of(self, items: Sequence[RawItem]) -> list[bytes]:
        """The Kafka key of each item's score: its story's key (incidents.text.story_key), so that the
        items of a story go to one partition and one router replica, which then never waits on another's
        lock of the story's incident; the item's id when the item is too short to tell its story."""
        stories = story_keys([(item.title, item.text) for item in items], self.story_rules)
        return [(story or item.id).encode() for item, story in zip(items, stories, strict=True)]


def _ids(record: Record) -> dict[str, object]:
    ids = dict(record.ids)
    ids.pop("item", None)
    return ids


def run(settings: ClassifierSettings, stop_event: threading.Event | None = None,
        max_idle_s: float | None = None) -> None:
    """Run the classifier stage until SIGTERM/SIGINT or ``stop_event``."""
    processor = ClassifierProcessor(settings)
    runner = StageRunner("classifier", settings.kafka, INPUT_TOPIC, processor)
    if stop_event is not None:
        threading.Thread(target=lambda: (stop_event.wait(), runner.stop()), daemon=True,
                         name="classifier-stop").start()
    elif threading.current_thread() is threading.main_thread():
        runner.install_signal_handlers()
    runner.run(max_idle_s=max_idle_s)
