from __future__ import annotations

from datetime import date

import pytest

from core.domain.enums import ChampionType, Field, TitleKind, TitleStatus, parse_enum
from core.domain.titles import batch_year_warning, default_champion_type, expires_on, short_label


def test_titles_fall_due_three_years_after_recognition() -> None:
    assert expires_on(date(2024, 7, 15)) == date(2027, 7, 15)
    assert expires_on(date(2024, 2, 29)) == date(2027, 2, 28)


def test_champion_categories_changed_in_2023() -> None:
    assert default_champion_type(date(2022, 11, 30)) is ChampionType.DEMO_ENTERPRISE
    assert default_champion_type(date(2024, 3, 28)) is ChampionType.ENTERPRISE


def test_batch_year_mismatch_is_flagged() -> None:
    assert batch_year_warning(TitleKind.LITTLE_GIANT, 6, date(2024, 7, 15)) is None
    warning = batch_year_warning(TitleKind.LITTLE_GIANT, 6, date(2019, 7, 15))
    assert warning is not None and "2024" in warning


def test_labels() -> None:
    assert short_label(TitleKind.LITTLE_GIANT, 6, TitleStatus.VALID) == "小巨人(第6批)"
    assert "已撤销" in short_label(TitleKind.SINGLE_CHAMPION, 9, TitleStatus.REVOKED)


def test_enums_accept_codes_and_chinese_labels() -> None:
    assert parse_enum(Field, "机器人", "领域") is Field.ROBOTICS
    assert parse_enum(TitleKind, "little-giant", "称号") is TitleKind.LITTLE_GIANT
    with pytest.raises(ValueError, match="领域“航天”无法识别"):
        parse_enum(Field, "航天", "领域")
