"""Chinese line breaking (GB/T 15834-2011 5.1.7 and common typesetting practice) for every paragraph the
documents print: body text, headings, titles and table cells alike.

- 行首禁则: 点号 (、，。：；！？), closing quotes, brackets and book-title marks, 间隔号 and 分隔号 never begin a
  line (`CANNOT_START`);
- 行尾禁则: opening quotes, brackets and book-title marks (“ ‘ 《 〈 （ 〔 【 「 『) never end one (`CANNOT_END`).

reportlab's CJK breaker (`textsplit.dumbSplit` for a one-font paragraph, `paragraph.cjkFragSplit` for a
paragraph of several fonts) cuts “like a knife” where the line is full and knows only the first rule, for one
character: the character that does not fit hangs in the margin if it may not begin a line. So “…》、” at the end
of a line hung the 》 and began the next line with 、, and an opening mark could end a line. `break_at` chooses
the break instead: hang one closing mark when the character after it may begin a line, else pull characters
down to the next line until neither rule is broken. `install()` puts the two breakers below (reportlab's own
loops, BSD licence, with the choice of the break replaced) in place of reportlab's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unicodedata import category

# Added to reportlab's (Japanese) lists: full-width comma, colon, semicolon, question and exclamation marks,
# closing quotes and book-title marks, 间隔号, 分隔号.
CHINESE_CANNOT_START = "、，。：；！？”’）》〉】」』〕］｝·／"
CHINESE_CANNOT_END = "“‘（《〈〔【「『［｛"


def _sets() -> tuple[frozenset[str], frozenset[str]]:
    from reportlab.lib import textsplit

    start = frozenset(textsplit.ALL_CANNOT_START + CHINESE_CANNOT_START)
    end = frozenset(textsplit.ALL_CANNOT_END + CHINESE_CANNOT_END)
    return start, end


CANNOT_START, CANNOT_END = _sets()


def break_at(chars: Sequence[str], start: int, over: int) -> int:
    """Where the next line begins, for a line that begins at `start` and on which the character at `over`
    does not fit (so by default the next line would begin at `over`). Hang that one character in the margin
    when it may not begin a line and the one after it may; otherwise move the break back (pull characters down)
    until the next line does not begin with a closing mark and this line does not end with an opening one. A
    line keeps at least one character (progress)."""
    n = len(chars)

    def ok(b: int) -> bool:
        return (b >= n or chars[b] not in CANNOT_START) and chars[b - 1] not in CANNOT_END

    if ok(over):
        return over
    if chars[over] in CANNOT_START and ok(over + 1):
        return over + 1  # hang one mark (the common case: “…，” at the end of a full line)
    b = over - 1
    while b > start:
        if ok(b):
            return b
        b -= 1
    # No break keeps both rules on this line (a line of marks): hang if possible, else cut where it is full.
    return over + 1 if chars[over] in CANNOT_START and over + 1 <= n else max(over, start + 1)


def dumb_split(word: str, widths: Sequence[float], maxWidths: Any) -> list[list[Any]]:
    """reportlab.lib.textsplit.dumbSplit with the break chosen by `break_at`."""
    from reportlab.rl_config import _FUZZ

    if not isinstance(maxWidths, list | tuple):
        maxWidths = [maxWidths]
    lines: list[list[Any]] = []
    i = lineStartPos = 0
    widthUsed = 0.0
    maxWidth = maxWidths[0]
    nW = len(word)
    while i < nW:
        w = widths[i]
        c = word[i]
        widthUsed += w
        i += 1
        if widthUsed > maxWidth + _FUZZ and widthUsed > 0:
            if ord(c) < 0x3000:  # inside a non-Asian run: break at a space or where Kanji resumes
                limitCheck = (lineStartPos + i) >> 1
                for j in range(i - 1, limitCheck, -1):
                    cj = word[j]
                    if category(cj) == "Zs" or ord(cj) >= 0x3000:
                        k = j + 1
                        if k < i:
                            i = k + 1
                            break
            i = break_at(word, lineStartPos, i - 1)
            extraSpace = maxWidth - sum(widths[lineStartPos:i])
            lines.append([extraSpace, word[lineStartPos:i].strip()])
            try:
                maxWidth = maxWidths[len(lines)]
            except IndexError:
                maxWidth = maxWidths[-1]
            lineStartPos = i
            widthUsed = 0
    if widthUsed > 0:
        lines.append([maxWidth - widthUsed, word[lineStartPos:]])
    return lines


def cjk_frag_split(frags: Any, maxWidths: Any, calcBounds: Any, encoding: str = "utf8") -> Any:
    """reportlab.platypus.paragraph.cjkFragSplit with the break chosen by `break_at`."""
    from reportlab.lib.utils import isBytes
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
    from reportlab.rl_config import _FUZZ

    U: list[Any] = []
    for f in frags:
        text = f.text
        if isBytes(text):
            text = text.decode(encoding)
        if text:
            U.extend([cjkU(t, f, encoding) for t in text])
        else:
            U.append(cjkU(text, f, encoding))
    lines: list[Any] = []
    i = lineStartPos = 0
    widthUsed = 0.0
    maxWidth = maxWidths[0]
    nU = len(U)

    def width(u: Any) -> float:
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = maxWidth
            w = w.normalizedValue(maxWidth)
        return float(w)

    while i < nU:
        u = U[i]
        i += 1
        widthUsed += width(u)
        lineBreak = hasattr(u.frag, "lineBreak")
        endLine = (widthUsed > maxWidth + _FUZZ and widthUsed > 0) or lineBreak
        if endLine:
            if not lineBreak:
                if u and ord(u) < 0x3000:  # inside a non-Asian run: break at a space or where Kanji resumes
                    limitCheck = (lineStartPos + i) >> 1
                    for j in range(i - 1, limitCheck, -1):
                        uj = U[j]
                        if (uj and category(uj) == "Zs") or (uj and ord(uj) >= 0x3000):
                            k = j + 1
                            if k < i:
                                i = k + 1
                                break
                i = break_at(U, lineStartPos, i - 1)
                widthUsed = sum(width(x) for x in U[lineStartPos:i])
            extraSpace = maxWidth - widthUsed
            lines.append(
                makeCJKParaLine(U[lineStartPos:i], maxWidth, widthUsed, extraSpace, lineBreak, calcBounds)
            )
            try:
                maxWidth = maxWidths[len(lines)]
            except IndexError:
                maxWidth = maxWidths[-1]
            lineStartPos = i
            widthUsed = 0
    if widthUsed > 0:
        lines.append(
            makeCJKParaLine(U[lineStartPos:], maxWidth, widthUsed, maxWidth - widthUsed, False, calcBounds)
        )
    return ParaLines(kind=1, lines=lines)


def install() -> None:
    """Use these breakers for every CJK paragraph (idempotent)."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    extra = "".join(c for c in CHINESE_CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START += extra
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START
    textsplit.dumbSplit = dumb_split
    paragraph.cjkFragSplit = cjk_frag_split
