"""The model registry is one folder every classifier replica reads (a shared volume in deploy/): a
promote made anywhere (the CLI, the console, another replica) reaches every replica without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from classifier.registry import Registry
from classifier.service import ClassifierProcessor
from classifier.settings import ClassifierSettings
from core import contracts
from core.contracts import ScoredItem
from tests.classifier.test_classifier_service import raw, record


def test_a_promote_from_another_process_reaches_every_replica(tiny_trained: tuple, tmp_path: Path) -> None:
    model, card = tiny_trained
    shared = tmp_path / "shared-models"
    Registry(shared).register(model, {**card, "version": "tiny-shared"})
    settings = ClassifierSettings(models_dir=str(shared), reload_interval_s=0)
    replicas = [ClassifierProcessor(settings) for _ in range(3)]
    shipped = {r.model_version for r in replicas}
    assert "tiny-shared" not in shipped
    item = raw("s1", "小区停水", "东城区小区停水三天了太气人")

    def versions() -> set[str]:
        return {contracts.decode(r.process([record(contracts.encode(item))]).outputs[0].value, ScoredItem)
                .model_version for r in replicas}

    env = {k: v for k, v in os.environ.items() if not k.startswith("YUQING")}
    env["YUQING__CLASSIFIER__MODELS_DIR"] = f'"{shared}"'
    # The promote gate reads the office's labels from the store: this test's own, not ./yuqing.db of the checkout.
    env["YUQING__STORE__URL"] = f'"sqlite:///{tmp_path / "yuqing.db"}"'
    promoted = subprocess.run([sys.executable, "-m", "yuqing.cli", "models", "promote", "tiny-shared"], env=env,
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert promoted.returncode == 0, promoted.stderr
    assert versions() == {"tiny-shared"}
    rolled = subprocess.run([sys.executable, "-m", "yuqing.cli", "models", "rollback"], env=env,
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert rolled.returncode == 0, rolled.stderr
    assert versions() == shipped
