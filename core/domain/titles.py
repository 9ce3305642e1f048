"""National titles: batches, validity, labels."""

from __future__ import annotations

from datetime import date

from core.domain.enums import ChampionType, TitleKind, TitleStatus

# A title is valid for three years, then re-reviewed (复核) — 工信部企业〔2022〕63号; 工信部政法〔2023〕138号.
VALIDITY_YEARS = 3

# Recognition year of each batch, as published by MIIT (DOMAIN.md "The titles"); used for plausibility only.
BATCH_YEARS: dict[TitleKind, dict[int, int]] = {
    TitleKind.LITTLE_GIANT: {1: 2019, 2: 2020, 3: 2021, 4: 2022, 5: 2023, 6: 2024, 7: 2025},
    TitleKind.SINGLE_CHAMPION: {
        1: 2017,
        2: 2017,
        3: 2018,
        4: 2019,
        5: 2020,
        6: 2021,
        7: 2022,
        8: 2024,
        9: 2025,
    },
}


def batch_label(batch: int) -> str:
    return f"第{batch}批"


def short_kind(kind: TitleKind) -> str:
    return "单项冠军" if kind is TitleKind.SINGLE_CHAMPION else "小巨人"


def short_label(kind: TitleKind, batch: int, status: TitleStatus) -> str:
    text = f"{short_kind(kind)}({batch_label(batch)})"
    return text if status is TitleStatus.VALID else f"{text}[{status.label}]"


def expires_on(recognized_on: date) -> date:
    """The day the title falls due for re-review: three years after recognition (29 Feb → 28 Feb)."""
    try:
        return recognized_on.replace(year=recognized_on.year + VALIDITY_YEARS)
    except ValueError:
        return recognized_on.replace(year=recognized_on.year + VALIDITY_YEARS, day=28)


def default_champion_type(recognized_on: date) -> ChampionType:
    """Until 2022 champions were 示范企业 or 冠军产品; from 2023 one category, 单项冠军企业."""
    return ChampionType.ENTERPRISE if recognized_on.year >= 2023 else ChampionType.DEMO_ENTERPRISE


def batch_year_warning(kind: TitleKind, batch: int, recognized_on: date) -> str | None:
    year = BATCH_YEARS[kind].get(batch)
    if year is not None and abs(year - recognized_on.year) > 1:
        return f"{short_kind(kind)}{batch_label(batch)}通常于{year}年认定，而认定日期为{recognized_on.year}年，请核对。"
    return None
