"""统一社会信用代码 (USCC, GB 32100-2015): normalisation and validation with reasons an officer can act on.

Validation itself is python-stdnum's (`stdnum.cn.uscc`); this module adds the normalisation officers' files
need (full-width characters, U+3000, lower case) and explains a failure in words.

Bulk imports check 100,000 codes; stdnum's per-call overhead (compact/clean over generators, the check digit by
`str.index` per character) was most of an import's dry-run. So a code of the usual shape (8 digits and 10
characters of the alphabet, nothing to normalise) has its check character computed from a precomputed table
(`check_character`); tests/unit/test_uscc.py proves it equal to stdnum's `calc_check_digit`, and `check` equal
to the stdnum-only implementation, over random codes valid and invalid. Every other code — and the expected
character of every check-digit failure — still goes through stdnum.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as stdnum_uscc

from core.domain.text import remove_spaces, to_half_width

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}

# GB 32100-2015 check character, as stdnum computes it: (31 - Σ value(cᵢ)·wᵢ mod 31) mod 31 over the first 17.
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# One table per position: character → its value times the position's weight (17 dict lookups per code).
_TERMS = tuple({ch: value * weight for value, ch in enumerate(ALPHABET)} for weight in _WEIGHTS)
# The usual shape, in ASCII: 8 digits, then 10 characters of the alphabet (the last one the check character).
_SHAPE = re.compile(f"[0-9]{{8}}[{re.escape(ALPHABET)}]{{10}}")


class UsccProblem(Enum):
    EMPTY = "empty"
    LENGTH = "length"
    CHARACTER = "character"
    CHECK_DIGIT = "check_digit"


class UsccCheck(NamedTuple):
    """The outcome of checking one code: the normalised code and, when it fails, why. (A named tuple, not a
    frozen dataclass: an import makes 100,000 of them and this one is built three times faster.)"""

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
    if raw.isascii() and raw.isalnum():  # the usual case: nothing to convert or remove
        return raw.upper()
    return remove_spaces(to_half_width(raw)).upper()


def check_character(first17: str) -> str:
    """The check character of 17 characters of ALPHABET (the same as stdnum's calc_check_digit, faster)."""
    if len(first17) != 17:
        raise ValueError(f"expected 17 characters, got {len(first17)}")
    return ALPHABET[-sum(map(dict.__getitem__, _TERMS, first17)) % 31]


def check(raw: str) -> UsccCheck:
    code = normalize(raw)
    if _SHAPE.fullmatch(code):
        # check_character(code[:17]) inlined (map stops after the 17 weights): 10,000s of calls per import
        if ALPHABET[-sum(map(dict.__getitem__, _TERMS, code)) % 31] == code[17]:
            return UsccCheck(code)
        # a wrong check character: stdnum says which one is expected
        return UsccCheck(
            code, UsccProblem.CHECK_DIGIT, position=18, expected=stdnum_uscc.calc_check_digit(code[:17])
        )
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
    except stdnum_errors.ValidationError:  # e.g. a non-ASCII digit among the first 8 (isdigit() accepts it)
        return UsccCheck(code, UsccProblem.CHARACTER, position=1)
    return UsccCheck(code)


def with_check_digit(first17: str) -> str:
    """Complete 17 characters with their check character (used by the demo data and tests)."""
    return first17 + str(stdnum_uscc.calc_check_digit(first17))
