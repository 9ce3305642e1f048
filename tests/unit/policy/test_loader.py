"""The strict policy loader: the shipped files load; every kind of mistake names the file, key and expectation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from core.domain.enums import Field, TitleKind
from core.policy.loader import load_city_schedule, load_policy, parse_policy, sha256_of
from core.policy.model import PolicyError
from core.policy.registry import DEFAULT_POLICY_ID, SHIPPED_DIR, city_schedule, find_policy

POLICY_FILE = SHIPPED_DIR / "gd-ai-robotics-2025.toml"
TEXT = POLICY_FILE.read_text(encoding="utf-8")


def test_shipped_policy_loads_with_its_parameters_and_references() -> None:
    p = load_policy(POLICY_FILE)
    assert p.id == DEFAULT_POLICY_ID
    assert p.doc_no == "粤府办〔2025〕6号"
    assert p.implementing_rules == "粤工信规字〔2025〕6号"
    assert p.header.issued_on == date(2025, 3, 9)
    assert p.valid_until == date(2027, 12, 31)
    assert p.matching_mode.first == "half-cap"
    assert p.stacking.first == "highest-with-top-up"
    champion = p.title_rule(TitleKind.SINGLE_CHAMPION)
    giant = p.title_rule(TitleKind.LITTLE_GIANT)
    assert champion is not None and giant is not None
    assert champion.cap.first == Decimal("3000000.00")
    assert giant.cap.first == Decimal("2000000.00")
    assert giant.matching_ratio.first == Decimal(1)
    assert giant.eligible_years.first == (2024, 2025, 2026)
    assert giant.re_review_counts.first is False
    assert giant.fields.first == (Field.AI, Field.ROBOTICS, Field.BOTH)
    assert "300万元" in champion.cap.ref.quote
    assert p.stacking.ref.inferred and not champion.cap.ref.inferred
    assert p.sha256 == sha256_of(POLICY_FILE.read_bytes())


def test_registry_finds_the_policy_by_id_and_the_city_schedule() -> None:
    assert find_policy(DEFAULT_POLICY_ID).id == DEFAULT_POLICY_ID
    schedule = city_schedule()
    assert schedule is not None
    amount = schedule.amount(TitleKind.LITTLE_GIANT, date(2025, 10, 1))
    assert amount is not None and amount[0] == Decimal("1000000.00")
    with pytest.raises(PolicyError, match="找不到标识为 nope"):
        find_policy("nope")


def _bad(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        parse_policy(text.encode("utf-8"), "bad.toml")
    return info.value


def test_unknown_key_is_named() -> None:
    err = _bad(TEXT.replace('label = "国家级制造业单项冠军企业"', 'label = "x"\nkap = "1"'))
    assert err.file == "bad.toml" and err.key == "titles.single-champion.kap"
    assert "未知的键" in str(err) and "cap" in str(err)


def test_missing_key_is_named() -> None:
    err = _bad(TEXT.replace('issuer = "广东省人民政府办公厅"\n', ""))
    assert err.key == "issuer" and "缺少" in str(err)


def test_bad_date_is_named() -> None:
    err = _bad(TEXT.replace("valid_until = 2027-12-31", 'valid_until = "2027-13-31"'))
    assert err.key == "valid_until" and "日期" in str(err)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("3000000.0", "不接受"),  # a TOML float
        ('"3000000.001"', "两位小数"),
        ('"-1.00"', "负数"),
        ('"三百万"', "金额"),
    ],
)
def test_bad_amount_is_named(amount: str, expected: str) -> None:
    err = _bad(TEXT.replace('value = "3000000.00"', f"value = {amount}"))
    assert err.key == "titles.single-champion.cap.value"
    assert expected in str(err)


def test_duplicate_key_names_the_file() -> None:
    err = _bad(TEXT.replace('issuer = "广东省人民政府办公厅"', 'issuer = "a"\nissuer = "b"'))
    assert "bad.toml" in str(err) and "重复" in str(err)


def test_unknown_title_kind_and_bad_mode_are_named() -> None:
    assert _bad(TEXT.replace("[titles.little-giant]", "[titles.provincial-srdi]")).key == (
        "titles.provincial-srdi"
    )
    err = _bad(TEXT.replace('value = "half-cap"', 'value = "half"'))
    assert err.key == "params.matching_mode.value" and "combined-cap" in str(err)


def test_reference_must_have_document_clause_and_quote() -> None:
    err = _bad(
        TEXT.replace(
            'ref = { document = "粤府办〔2025〕6号", clause = "“培育优质企业”条", quote = \'对国家级单项冠军企业奖励总额度最高300万元\' }',
            'ref = { document = "x" }',
        )
    )
    assert err.key == "titles.single-champion.cap.ref.clause"


def test_dated_values_pick_the_value_in_force() -> None:
    dated = TEXT.replace(
        'value = "3000000.00"',
        'values = [{from = 2025-03-09, value = "3000000.00"}, {from = 2026-07-01, value = "2500000.00"}]',
    )
    p = parse_policy(dated.encode("utf-8"), "dated.toml")
    cap = p.title_rule(TitleKind.SINGLE_CHAMPION).cap  # type: ignore[union-attr]
    assert cap.value_on(date(2026, 6, 30)) == Decimal("3000000.00")
    assert cap.value_on(date(2026, 7, 1)) == Decimal("2500000.00")
    assert p.sha256 != load_policy(POLICY_FILE).sha256


def test_dated_values_out_of_order_are_refused() -> None:
    err = _bad(
        TEXT.replace(
            'value = "3000000.00"',
            'values = [{from = 2026-01-01, value = "1.00"}, {from = 2025-03-09, value = "2.00"}]',
        )
    )
    assert err.key.startswith("titles.single-champion.cap.values[")


def test_unreadable_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="无法读取"):
        load_policy(tmp_path / "missing.toml")
    (tmp_path / "s.toml").write_text(TEXT, encoding="utf-8")
    with pytest.raises(PolicyError, match="city-schedule"):
        load_city_schedule(tmp_path / "s.toml")
