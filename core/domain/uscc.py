"""统一社会信用代码 (USCC, GB 32100-2015): normalisation and validation with reasons an officer can act on.

Validation itself is python-stdnum's (`stdnum.cn.uscc`); this module adds the normalisation officers' files
need (full-width characters, U+3000, lower case) and explains a failure in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as stdnum_uscc

from core.domain.text import remove_spaces, to_half_width

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}


class UsccProblem(Enum):
    EMPTY = "empty"
    LENGTH = "length"
    CHARACTER = "character"
    CHECK_DIGIT = "check_digit"


@dataclass(frozen=True)
class UsccCheck:
    """The outcome of checking one code: the normalised code and, when it fails, why."""

    code: str
    problem: UsccProblem | None = None
    position: int | None = None  # 1-based position of the offending character
    expected: str | None = None  # the check character that would make the code valid

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def message(self) -> str:
        """A Chinese sentence saying what is wrong and, where it can, which character."""
        if self.problem is None:
            return ""
        if self.problem is UsccProblem.EMPTY:
            return "统一社会信用代码不能为空。"
        if self.problem is UsccProblem.LENGTH:
            return f"统一社会信用代码应为18位，现为{len(self.code)}位。"
        if self.problem is UsccProblem.CHARACTER:
            assert self.position is not None
            ch = self.code[self.position - 1]
            hint = ""
            if ch in _LOOKALIKES:
                hint = f"（代码中不使用字母{ch}，是否应为“{_LOOKALIKES[ch]}”？）"
            if self.position <= 8:
                return f"第{self.position}位“{ch}”应为数字{hint}。"
            return f"第{self.position}位“{ch}”不是允许的字符{hint}；允许数字和除I、O、Z、S、V外的大写字母。"
        return (
            f"校验位（第18位）不符：按前17位计算应为“{self.expected}”，实为“{self.code[-1]}”。"
            "请核对营业执照；若执照上确为此代码，可填写原因后保留。"
        )


def normalize(raw: str) -> str:
    """Full-width to half-width, every space removed (U+3000 too), upper case."""
    return remove_spaces(to_half_width(raw)).upper()


def check(raw: str) -> UsccCheck:
    code = normalize(raw)
    if not code:
        return UsccCheck(code, UsccProblem.EMPTY)
    if len(code) != 18:
        return UsccCheck(code, UsccProblem.LENGTH)
    for i, ch in enumerate(code, start=1):
        if i <= 8 and not ch.isdigit():
            return UsccCheck(code, UsccProblem.CHARACTER, position=i)
        if i > 8 and ch not in ALPHABET:
            return UsccCheck(code, UsccProblem.CHARACTER, position=i)
    try:
        stdnum_uscc.validate(code)
    except stdnum_errors.InvalidChecksum:
        return UsccCheck(
            code, UsccProblem.CHECK_DIGIT, position=18, expected=stdnum_uscc.calc_check_digit(code[:17])
        )
    except stdnum_errors.ValidationError:  # pragma: no cover - stdnum rejects only what is checked above
        return UsccCheck(code, UsccProblem.CHARACTER, position=1)
    return UsccCheck(code)


def with_check_digit(first17: str) -> str:
    """Complete 17 characters with their check character (used by the demo data and tests)."""
    return first17 + str(stdnum_uscc.calc_check_digit(first17))
