"""Citizens' personal numbers are masked in everything sent outside the console, on by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_helpers import Receiver, router_settings, scored, write_profile
from sqlalchemy import select

from core.contracts import encode
from core.errors import ConfigError
from core.settings import StoreSettings, load
from core.stage import Record
from router import policy
from router.delivery import Delivery
from router.masking import Masker, id_card_valid, luhn_valid
from router.service import RouterProcessor
from router.settings import RouterSettings
from store.case_tables import NotificationRow
from store.db import make_engine, sessions

ID_CARD = "11010519491231002X"  # the standard's own example: valid check digit
BAD_ID = "110105194912310021"  # one digit off: not an ID card number
CARD = "6222021234567890128"  # 19 digits, passes Luhn
NOT_CARD = "6222021234567890127"


def test_check_digits() -> None:
    assert id_card_valid(ID_CARD) and not id_card_valid(BAD_ID)
    assert luhn_valid(CARD) and not luhn_valid(NOT_CARD) and luhn_valid("4111111111111111")


@pytest.mark.parametrize(("given", "expected"), [
    ("联系电话13812345678谢谢", "联系电话138****5678谢谢"),
    ("电话：+86 138-1234-5678", "电话：+86 138-****-5678"),
    ("座机 010-62345678 或 (0755)1234567", "座机 010-****5678 或 (0755)***4567"),
    (f"身份证号{ID_CARD}。", "身份证号110***********002X。"),
    (f"卡号 {CARD} 被盗刷", "卡号 6222***********0128 被盗刷"),
    ("卡号 6222 0212 3456 7890 128", "卡号 6222 **** **** ***0 128"),
    # Look-alikes stay readable: a bad check digit, a Luhn failure, a timestamp, an order number.
    (f"编号{BAD_ID}", f"编号{BAD_ID}"),
    (f"订单{NOT_CARD}", f"订单{NOT_CARD}"),
    ("时间戳1701234567890", "时间戳1701234567890"),
    ("2026年12月1日 共计12345678元", "2026年12月1日 共计12345678元"),
    # Links keep working.
    ("详见 http://bbs.example.cn/t?uid=13812345678 电话13812345678",
     "详见 http://bbs.example.cn/t?uid=13812345678 电话138****5678"),
])
def test_masking(given: str, expected: str) -> None:
    assert Masker().text(given) == expected


def test_kinds_are_configurable() -> None:
    text = f"13812345678 {ID_CARD} {CARD}"
    assert Masker(["phone"]).text(text) == f"138****5678 {ID_CARD} {CARD}"
    assert Masker([]).text(text) == text
    assert Masker().value({"a": [text], "n": 3}) == {"a": [Masker().text(text)], "n": 3}


def test_unknown_kind_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "yuqing.toml"
    path.write_text('[router]\nmask_pii = ["phone", "email"]\n', "utf-8")
    with pytest.raises(ConfigError, match="mask_pii"):
        load(RouterSettings, "router", path, environ={})


@pytest.mark.parametrize("mask", [True, False])
def test_webhooks_receive_masked_text_the_store_keeps_it(sqlite_settings: StoreSettings, receiver: Receiver,
                                                       tmp_path: Path, mask: bool) -> None:
    profile = policy.load(write_profile(tmp_path / "p", receiver.url))
    overrides = {} if mask else {"mask_pii": []}
    settings = router_settings(sqlite_settings, **overrides)
    post = f"业主张某（电话13812345678，身份证{ID_CARD}）反映房屋漏水，退款请打到{CARD}。"
    item = scored("pii-1", text=post, title="业主13812345678投诉房屋漏水")
    RouterProcessor(settings, profile).process([Record("items.scored", 0, 0, b"pii-1", encode(item))])
    delivery = Delivery(sessions(make_engine(sqlite_settings)), settings, lambda: profile)
    try:
        while delivery.run_once():
            pass
    finally:
        delivery.close()
    assert receiver.requests, "the case's alert was delivered"
    bodies = "".join(r.body.decode("utf-8") for r in receiver.requests)
    for secret in ("13812345678", ID_CARD, CARD):
        assert (secret in bodies) is not mask
    if mask:
        assert "138****5678" in bodies and "110***********002X" in bodies
    with sessions(make_engine(sqlite_settings))() as session:
        stored = " ".join(r.body_text for r in session.scalars(select(NotificationRow)))
    assert "13812345678" in stored, "the store keeps the text whole; only what leaves is masked"
