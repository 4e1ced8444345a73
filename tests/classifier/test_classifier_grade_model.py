"""The learned grade model reported against the rules, on labelled grades in the store."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from classifier.grade_model import GradeCase, report
from classifier.grading import Features, load_rules
from classifier.service import ClassifierProcessor
from classifier.settings import ClassifierSettings
from core import contracts
from core.contracts import Engagement, RawItem, ScoredItem, Source
from core.settings import StoreSettings
from core.stage import Record
from policies import HERE
from store.db import make_engine, migrate, sessions
from store.items import upsert_scored
from yuqing.cli import main


def test_report_compares_rules_and_learned_model() -> None:
    rules = load_rules(HERE / "city-gov")
    rng = random.Random(3)
    cases = []
    for i in range(60):
        deaths = i % 3 == 0
        f = Features(tier=rng.choice(["central", "county", "self_media"]), kind="news", topic="住房",
                     negativity=0.9, relevance=0.8, replies=rng.randint(0, 50),
                     signals={"死亡": "死亡"} if deaths else {})
        cases.append(GradeCase(f, "特别重大" if deaths else rng.choice(["重大", "一般"])))
    out = report(cases, rules)
    assert out["rules"]["accuracy"] > 0.3 and out["rules"]["confusion"]["特别重大"]["特别重大"] == 20
    assert out["learned"]["cv_folds"] >= 2 and 0 <= out["learned"]["accuracy"] <= 1
    assert "too_mild" in out["rules"]
    assert "note" in report([], rules)


def test_grades_command_reads_labelled_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'y.db'}")
    migrate(store)
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(tmp_path / "m")))
    rows = []
    for i in range(12):
        item = RawItem(id=f"g{i}", source=Source(id="s", name="日报", kind="news", tier="prefecture"),
                       url=f"http://x/{i}", title="化工厂爆炸致2人死亡" if i % 2 else "小区停水",
                       text=f"第{i}起: 钦州市" + ("今天发生爆炸，2人死亡。" if i % 2 else "居民反映停水三天。"),
                       fetched_at=contracts.utcnow(),
                       engagement=Engagement(replies=i * 10))
        out = processor.process([Record("items.raw", 0, i, b"k", contracts.encode(item))]).outputs[0]
        scored = contracts.decode(out.value, ScoredItem)
        engine = make_engine(store)
        with sessions(engine)() as session, session.begin():
            upsert_scored(session, [scored])
        engine.dispose()
        rows.append({"item_id": item.id, "title": item.title, "text": item.text, "head": "grade",
                     "profile": "city-gov", "label": "特别重大" if i % 2 else "一般"})
    labels = tmp_path / "grades.jsonl"
    labels.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    config = tmp_path / "y.toml"
    config.write_text(f'[store]\nurl = "{store.url}"\n', encoding="utf-8")
    assert main(["--config", str(config), "labels", "import", str(labels)]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "grades", "--profile", "city-gov"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 12 and out["rules"]["accuracy"] == 1.0
    assert out["learned"]["accuracy"] >= 0.5
