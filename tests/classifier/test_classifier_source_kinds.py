"""The scorer reads the source kind's declared property (core.sourcekinds), never the kind's name: an
item of a kind that is never the office's own notice carries no official-notice fact, whatever its words."""

from __future__ import annotations

import dataclasses

import pytest

from classifier.grading import load_rules
from classifier.registry import DEFAULT_MODEL_DIR, LoadedModel, load_verified
from classifier.relevance import RelevanceScorer
from classifier.scoring import Scorer
from classifier.service import office_of
from classifier.settings import ClassifierSettings
from core import contracts, sourcekinds
from core.contracts import RawItem, Source
from policies import HERE

PROFILE = "yichun-scjg"
TITLE = "宜春市市场监督管理局关于袁州区某超市销售过期食品的情况通报"
TEXT = "12月1日，宜春市市场监督管理局接到网民反映袁州区某超市销售过期面包，已立案调查，责令下架。"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    shipped: LoadedModel = load_verified(DEFAULT_MODEL_DIR)
    return Scorer(shipped, RelevanceScorer(office_of(ClassifierSettings(profile=PROFILE))),
                  load_rules(HERE / PROFILE), PROFILE)


def _notice(kind: contracts.SourceKind) -> RawItem:
    return RawItem(id=f"n-{kind}", source=Source(id=f"s-{kind}", name="宜春发布", kind=kind, region="3609"),
                   url="", title=TITLE, text=TEXT, fetched_at=contracts.utcnow())


def _official(scorer: Scorer, kind: contracts.SourceKind) -> bool:
    (score,) = scorer.score([_notice(kind)])
    return any(r.startswith("官方通报") for r in score.grade.reasons)


def test_a_kind_declared_never_the_offices_notice_loses_the_notice_fact(
        scorer: Scorer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _official(scorer, "news"), "the same words from a news site are the office's notice"
    assert not _official(scorer, "forwarded")
    monkeypatch.setitem(sourcekinds.KINDS, "news",
                        dataclasses.replace(sourcekinds.KINDS["news"], never_own_notice=True))
    assert not _official(scorer, "news"), "declared never the office's notice, a news item is none either"
    monkeypatch.setitem(sourcekinds.KINDS, "forwarded",
                        dataclasses.replace(sourcekinds.KINDS["forwarded"], never_own_notice=False))
    assert _official(scorer, "forwarded"), "the property decides, not the kind's name"
