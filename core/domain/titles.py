"""National titles: batches, validity, labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.domain.enums import ChampionType, TitleKind, TitleStatus
from core.domain.text import to_half_width

# A title is valid for three years, then re-reviewed (复核) — 工信部企业〔2022〕63号; 工信部政法〔2023〕138号.
VALIDITY_YEARS = 3

# Recognition year of each batch, as published by MIIT (docs/DOMAIN.md "The titles"); used for plausibility only.
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


# ------------------------------------------------------------------------------------------ kind of a list

# Quotes and spaces in every form officers' files use (“小巨人”, "小巨人", ＂小巨人＂, 「小巨人」, U+3000 …).
_NOISE = re.compile(r"[\s\"'“”‘’「」『』〝〞〟＂＇]+")
_KIND_WORDS: tuple[tuple[TitleKind, tuple[str, ...]], ...] = (
    (TitleKind.LITTLE_GIANT, ("小巨人", "littlegiant")),
    (TitleKind.SINGLE_CHAMPION, ("单项冠军", "singlechampion")),
)
KIND_SOURCES = ("heading", "sheet", "file")


def kind_in_text(text: str) -> TitleKind | None:
    """The title kind a heading, sheet name or file name names: 专精特新“小巨人” / 小巨人 → little giant,
    (制造业)单项冠军 → single champion. None when it names neither, or both (the officer must say)."""
    flat = _NOISE.sub("", to_half_width(text)).lower()
    found = {kind for kind, words in _KIND_WORDS if any(w in flat for w in words)}
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class KindClue:
    """Where a list's title kind was read: a heading row above the header, the sheet name or the file name."""

    kind: TitleKind
    source: str  # one of KIND_SOURCES
    text: str
    row: int | None = None  # the Excel row of a heading

    @property
    def where(self) -> str:
        if self.source == "heading":
            return f"表头第{self.row}行“{self.text}”"
        if self.source == "sheet":
            return f"工作表名称“{self.text}”"
        return f"文件名“{self.text}”"

    def describe(self) -> str:
        return f"称号类别：{self.kind.label}（取自{self.where}）"

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "source": self.source, "text": self.text, "row": self.row}


def detect_kind(heading: Sequence[tuple[int, str]], sheet: str, file_name: str) -> KindClue | None:
    """The kind a list names, looking first at its heading rows (Excel row, text; top first), then the
    sheet name, then the file name (without extension). None when none of them names exactly one kind:
    there is no default."""
    for row, text in heading:
        kind = kind_in_text(text)
        if kind is not None:
            return KindClue(kind, "heading", text.strip(), row)
    for source, text in (("sheet", sheet), ("file", file_name)):
        kind = kind_in_text(text)
        if kind is not None:
            return KindClue(kind, source, text.strip())
    return None


def kind_conflict(stated: TitleKind, clue: KindClue | None) -> str | None:
    """The warning when the officer's stated kind contradicts what the list itself says; None when it agrees
    (or the list says nothing)."""
    if clue is None or clue.kind is stated:
        return None
    return (
        f"所选称号类别{stated.label}与名单不符：{clue.where}表明是{clue.kind.label}。"
        "请核对；确认无误才按所选类别导入。"
    )
