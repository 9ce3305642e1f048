"""行首禁则: no line of a printed document begins with a comma, a full stop, a closing quote or bracket (GB/T
15834); the mark moves up to the end of the line before, as Chinese typesetting does."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import AREA_W, CHINESE_CANNOT_START, make_styles


def _lines(text: str, style_name: str) -> list[str]:
    styles = make_styles(FontSet.default())
    para = Paragraph(text, getattr(styles, style_name))
    para.wrap(AREA_W, 10_000)
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
