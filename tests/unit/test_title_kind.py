"""Reading a MIIT list's title kind from its heading, sheet name or file name (no default)."""

from __future__ import annotations

import pytest

from core.domain.enums import TitleKind
from core.domain.titles import detect_kind, kind_conflict, kind_in_text

LG, SC = TitleKind.LITTLE_GIANT, TitleKind.SINGLE_CHAMPION


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("第七批专精特新“小巨人”企业名单", LG),
        ('第七批专精特新"小巨人"企业名单', LG),
        ("第七批专精特新＂小巨人＂企业名单", LG),  # full-width quote
        ("第七批专精特新「小巨人」企业名单", LG),
        ("专精特新　小　巨人企业", LG),  # U+3000 and spaces between the characters
        ("小巨人", LG),
        ("第八批制造业单项冠军企业名单", SC),
        ("单项冠军产品", SC),
        ("单 项 冠 军", SC),
        ("Little Giant list 2025", LG),
        ("ＳＩＮＧＬＥ ＣＨＡＭＰＩＯＮ", SC),  # full-width letters
        ("第七批名单", None),
        ("广东省专精特新中小企业名单", None),  # provincial 专精特新 is not a little giant
        ("单项冠军与专精特新“小巨人”企业汇总", None),  # names both: the officer must say
        ("", None),
    ],
)
def test_kind_in_text(text: str, kind: TitleKind | None) -> None:
    assert kind_in_text(text) is kind


def test_heading_first_then_sheet_then_file() -> None:
    clue = detect_kind([(1, "第七批专精特新“小巨人”企业名单")], "单项冠军", "单项冠军名单")
    assert clue is not None and (clue.kind, clue.source, clue.row) == (LG, "heading", 1)
    assert clue.describe() == "称号类别：专精特新“小巨人”（取自表头第1行“第七批专精特新“小巨人”企业名单”）"
    clue = detect_kind([(1, "第八批名单"), (2, "（制造业单项冠军）")], "Sheet1", "x")
    assert clue is not None and (clue.kind, clue.row) == (SC, 2)
    clue = detect_kind([(1, "第七批名单")], "小巨人", "list")
    assert clue is not None and (clue.kind, clue.source) == (LG, "sheet")
    assert clue.describe() == "称号类别：专精特新“小巨人”（取自工作表名称“小巨人”）"
    clue = detect_kind([], "Sheet1", "2024年制造业单项冠军")
    assert clue is not None and (clue.kind, clue.source) == (SC, "file")
    assert "取自文件名“2024年制造业单项冠军”" in clue.describe()


def test_nothing_readable_gives_no_default() -> None:
    assert detect_kind([(1, "第七批名单")], "Sheet1", "miit") is None


def test_conflict_names_both_kinds() -> None:
    clue = detect_kind([(1, "第七批专精特新“小巨人”企业名单")], "", "")
    assert kind_conflict(LG, clue) is None
    assert kind_conflict(SC, None) is None
    warning = kind_conflict(SC, clue)
    assert warning is not None
    assert "制造业单项冠军" in warning and "专精特新“小巨人”" in warning and "表头第1行" in warning
