"""Fixtures of the classifier tests: a tiny training set and config made here, a tiny model."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from classifier.model import LinearModel
from classifier.train import load_config, train

NEGATIVE = ["投诉{p}乱收费没人管", "{p}小区停水三天了太气人", "举报{p}工地夜间施工扰民", "{p}医院排队三小时态度恶劣",
            "{p}开发商延期交房业主维权", "{p}的外卖吃出虫子恶心死了", "强烈不满{p}拖欠工资"]
NEUTRAL = ["{p}举办招商推介会签约项目", "{p}新建公园今天开放欢迎市民", "{p}学校开展读书活动",
           "{p}公交新增两条线路方便出行", "{p}发布天气预报明天晴", "祝贺{p}获评文明城市", "{p}图书馆延长开放时间"]
TOPICS = {"住房": ["{p}小区物业费上涨业主不满", "{p}商品房交房延期", "{p}公租房申请条件"],
          "教育": ["{p}小学招生划片", "{p}中学老师补课收费", "{p}幼儿园入学难"],
          "其他": ["{p}足球联赛开幕", "{p}新款手机发布", "{p}电影票房破亿"]}
PLACES = ["东城区", "西城区", "南山区", "北湖区", "青山镇", "河口乡", "中心街道", "新区", "老城", "高新区"]


def write_tiny_data(root: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    with (root / "neg.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        for place in PLACES:
            for t in NEGATIVE:
                w.writerow([t.format(p=place), "angry"])
            for t in NEUTRAL:
                w.writerow([t.format(p=place), rng.choice(["neutral", "happy"])])
    with (root / "topic.jsonl").open("w", encoding="utf-8") as fh:
        import json

        for place in PLACES:
            for topic, templates in TOPICS.items():
                for t in templates:
                    fh.write(json.dumps({"sentence": t.format(p=place), "topic": topic}, ensure_ascii=False) + "\n")


TINY_CONFIG = """
name: tiny
seed: 7
holdout: 0.2
cv_folds: 2
features: {max_features: 5000, min_df: 1, user_words: [北湖区]}
heads:
  negativity:
    C: [1.0, 4.0]
    datasets:
      - {name: tiny_neg, format: csv, path: neg.csv, map: {angry: "1", "*": "0"}}
    eval:
      - {name: tiny_neg_eval, format: csv, path: neg.csv, map: {angry: "1", "*": "0"}, limit: 30}
  topic:
    C: 4.0
    datasets:
      - {name: tiny_topic, format: jsonl, path: topic.jsonl, text: [sentence], label: topic}
"""


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiny-data")
    write_tiny_data(root)
    (root / "tiny.yaml").write_text(TINY_CONFIG.replace("path: ", f"path: {root}/"), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def tiny_trained(tiny_data: Path) -> tuple[LinearModel, dict]:
    config = load_config(tiny_data / "tiny.yaml")
    model, card, _ = train(config, tiny_data)
    return model, card
