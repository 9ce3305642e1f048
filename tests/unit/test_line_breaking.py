"""行首禁则 and 行尾禁则: no line of a printed document begins with a comma, a full stop, a closing quote or bracket,
and none ends with an opening one (GB/T 15834); a mark hangs at the end of the line before, or characters are
pulled down to the next line, as Chinese typesetting does (core.io.pdf.linebreak)."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import AREA_W, CHINESE_CANNOT_END, CHINESE_CANNOT_START, make_styles


def _lines(text: str, style_name: str, chars: int = 28) -> list[str]:
    """The lines of a paragraph `chars` body characters wide (a cell's characters are 11 pt: narrower)."""
    styles = make_styles(FontSet.default())
    para = Paragraph(text, getattr(styles, style_name))
    size = para.style.fontSize
    para.wrap(AREA_W if chars == 28 and style_name != "cell" else chars * size + 0.5, 10_000)
    out = []
    for line in para.blPara.lines:
        if isinstance(line, tuple):  # plain text: (extra space, [words])
            out.append("".join(line[1]))
        else:  # text with markup: a line of fragments
            out.append("".join(w.text for w in line.words))
    return out


@pytest.mark.parametrize("mark", list(CHINESE_CANNOT_START))
@pytest.mark.parametrize("style_name", ["plain", "body"])
def test_a_mark_that_cannot_begin_a_line_stays_on_the_line_before(mark: str, style_name: str) -> None:
    # The body's first line is indented by two characters: fill each first line exactly, then the mark.
    first = "奖" * (26 if style_name == "body" else 28)
    for text in (first + mark + "资金下达", "<b>市</b>" + first[1:] + mark + "资金下达"):
        lines = _lines(text, style_name)
        assert len(lines) == 2, lines
        assert lines[0].endswith(mark) and not lines[1].startswith(mark), lines


def test_an_ordinary_character_still_wraps_to_the_next_line() -> None:
    lines = _lines("奖" * 28 + "励资金", "plain")
    assert lines == ["奖" * 28, "励资金"]


@pytest.mark.parametrize("closing", ["）", "》", "”", "〕"])
@pytest.mark.parametrize("mark", ["、", "，", "。", "）"])
@pytest.mark.parametrize("style_name", ["plain", "cell"])
def test_two_marks_that_cannot_begin_a_line_are_not_split(closing: str, mark: str, style_name: str) -> None:
    # “…号）、《…”: the closing bracket would hang and 、 begin the next line; a character is pulled down instead.
    width = 28 if style_name == "plain" else 14
    for n in range(width - 3, width + 2):
        text = "奖" * n + closing + mark + "资金下达通知"
        for source in (text, "<b>市</b>" + text[1:]):
            lines = _lines(source, style_name, width)
            assert all(line[0] not in CHINESE_CANNOT_START for line in lines[1:]), lines
            assert "".join(lines) == source.replace("<b>", "").replace("</b>", ""), lines


@pytest.mark.parametrize("opening", list(CHINESE_CANNOT_END))
@pytest.mark.parametrize("style_name", ["plain", "body", "cell"])
def test_an_opening_mark_never_ends_a_line(opening: str, style_name: str) -> None:
    width = 14 if style_name == "cell" else 28
    for n in range(width - 4, width + 1):
        for text in ("奖" * n + opening + "广东省政策》", "<b>市</b>" + "奖" * (n - 1) + opening + "广东省"):
            lines = _lines(text, style_name, width)
            assert all(line[-1] not in CHINESE_CANNOT_END for line in lines), lines
