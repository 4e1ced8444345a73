"""Settings of the classifier service: the shared tables plus the flat keys of ``[classifier]``."""

from __future__ import annotations

from pathlib import Path

import msgspec

from core.settings import KafkaSettings, LogSettings, StoreSettings, load

TABLE = "classifier"


class ClassifierSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()
    # The policy profile whose grading.yaml grades the items: a shipped name or a folder.
    profile: str = "city-gov"
    # The model registry (versioned folders + PROMOTED pointer); empty: the shipped model only.
    models_dir: str = "var/models"
    # How often the service looks for a newly promoted model between batches.
    reload_interval_s: float = 30.0
    # The office's jurisdiction and remit, for relevance, on top of the profile's own
    # (policies/<profile>/jurisdiction.yaml): place names (市, 区县, 乡镇, 街道), bodies (局, 中心,
    # 学校), people (领导 names or titles), matched literally in title and text. A region of
    # another place than the profile's replaces the profile's jurisdiction (an office built on
    # city-gov for its own city).
    region: str = ""
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    # A jieba user dictionary (one word per line, optional frequency and tag) for word features;
    # the office's places, bodies and people are added to it too.
    user_dict: str = ""
    # The office's keyword scheme (关键词方案, YAML: core/keywords.py); empty: none. Its hits raise
    # relevance and are named in the case's reasons. `yuqing check` validates it.
    keywords: str = ""
    batch_size: int = 500

    def __post_init__(self) -> None:
        if self.reload_interval_s < 0:
            raise ValueError("reload_interval_s must be >= 0 (0 checks before every batch)")
        if self.batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        for name in ("places", "bodies", "people"):
            if any(not term.strip() for term in getattr(self, name)):
                raise ValueError(f"{name} must not contain empty names")
        if self.region and not (self.region.isdigit() and len(self.region) in (2, 4, 6)):
            raise ValueError(f"region {self.region!r} must be a GB/T 2260 code or prefix (2, 4 or 6 digits, e.g. "
                             "\"3708\")")
        if self.user_dict and not Path(self.user_dict).is_file():
            raise ValueError(f"user_dict {self.user_dict!r} does not exist")
        if self.keywords and not Path(self.keywords).is_file():
            raise ValueError(f"keywords {self.keywords!r} does not exist")


def load_settings(path: Path | None = None) -> ClassifierSettings:
    return load(ClassifierSettings, TABLE, path)
