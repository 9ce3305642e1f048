"""统一社会信用代码: normalisation of what officers paste, and explanations of what is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as stdnum_uscc

from core.domain import uscc
from core.domain.text import remove_spaces, to_half_width

VALID = "914403001922038216"  # docs/DOMAIN.md's example


def test_valid_example_passes() -> None:
    result = uscc.check(VALID)
    assert result.ok
    assert result.code == VALID
    assert result.message == ""


@pytest.mark.parametrize(
    "raw",
    [
        "９１４４０３００１９２２０３８２１６",  # full-width digits
        "9144 0300\u30001922 038216",  # ASCII space and U+3000
        " 914403001922038216\u00a0",  # NBSP from a web page
        "\ufeff914403001922038216",  # BOM from a CSV
    ],
)
def test_pasted_forms_normalise_to_the_code(raw: str) -> None:
    assert uscc.normalize(raw) == VALID
    assert uscc.check(raw).ok


def test_lower_case_letters_are_upper_cased() -> None:
    code = uscc.with_check_digit("91440605MA4UJ2Y8N")
    assert uscc.check(code.lower()).ok
    assert uscc.normalize(code.lower()) == code


def test_check_digit_failure_names_the_expected_character() -> None:
    result = uscc.check("914403001922038217")
    assert result.problem is uscc.UsccProblem.CHECK_DIGIT
    assert result.expected == "6"
    assert "第18位" in result.message and "“6”" in result.message and "“7”" in result.message


def test_length_is_reported_with_the_count() -> None:
    result = uscc.check("91440300192203821")
    assert result.problem is uscc.UsccProblem.LENGTH
    assert "17位" in result.message


@pytest.mark.parametrize(("position", "char"), [(10, "I"), (12, "O"), (15, "Z"), (16, "S"), (11, "V")])
def test_forbidden_letters_point_at_the_position_and_suggest(position: int, char: str) -> None:
    code = list(VALID)
    code[position - 1] = char
    result = uscc.check("".join(code))
    assert result.problem is uscc.UsccProblem.CHARACTER
    assert result.position == position
    assert f"第{position}位“{char}”" in result.message
    assert "是否应为" in result.message


def test_region_part_must_be_digits() -> None:
    result = uscc.check("91A403001922038216")
    assert result.position == 3
    assert "应为数字" in result.message


def test_empty_code() -> None:
    assert uscc.check("\u3000 ").problem is uscc.UsccProblem.EMPTY


@given(
    st.text(alphabet=uscc.ALPHABET, min_size=9, max_size=9), st.sampled_from(["440604", "440605", "440300"])
)
def test_completed_codes_always_validate(org: str, region: str) -> None:
    assert uscc.check(uscc.with_check_digit("91" + region + org)).ok


@given(st.text(alphabet=uscc.ALPHABET, min_size=9, max_size=9), st.sampled_from(uscc.ALPHABET))
def test_any_other_check_character_fails(org: str, wrong: str) -> None:
    code = uscc.with_check_digit("91440605" + org)
    if wrong != code[-1]:
        assert uscc.check(code[:-1] + wrong).problem is uscc.UsccProblem.CHECK_DIGIT


# --- the table-driven check character is stdnum's, and check() answers as the stdnum-only version did -----


def _reference_check(raw: str) -> uscc.UsccCheck:
    """check() as it was before the fast path: every code through python-stdnum (the reference)."""
    code = remove_spaces(to_half_width(raw)).upper()
    if not code:
        return uscc.UsccCheck(code, uscc.UsccProblem.EMPTY)
    if len(code) != 18:
        return uscc.UsccCheck(code, uscc.UsccProblem.LENGTH)
    for i, ch in enumerate(code, start=1):
        if (i <= 8 and not ch.isdigit()) or (i > 8 and ch not in uscc.ALPHABET):
            return uscc.UsccCheck(code, uscc.UsccProblem.CHARACTER, position=i)
    try:
        stdnum_uscc.validate(code)
    except stdnum_errors.InvalidChecksum:
        return uscc.UsccCheck(
            code, uscc.UsccProblem.CHECK_DIGIT, position=18, expected=stdnum_uscc.calc_check_digit(code[:17])
        )
    except stdnum_errors.ValidationError:
        return uscc.UsccCheck(code, uscc.UsccProblem.CHARACTER, position=1)
    return uscc.UsccCheck(code)


_DIGITS = st.text(alphabet="0123456789", min_size=8, max_size=8)
_REST = st.text(alphabet=uscc.ALPHABET, min_size=9, max_size=9)
# Valid codes, and codes with any last character (1 in 31 of them valid by chance).
_SHAPED = st.one_of(
    st.builds(lambda d, r: uscc.with_check_digit(d + r), _DIGITS, _REST),
    st.builds(lambda d, r, last: d + r + last, _DIGITS, _REST, st.sampled_from(uscc.ALPHABET)),
)
# What officers' files bring besides: lower case, forbidden letters, full-width forms, spaces, other digits.
_MESSY_CHARS = uscc.ALPHABET + "abcxyzIOSVZ-_ ９Ａ\u3000\u00a0٣²"


@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17))
def test_the_check_character_table_equals_stdnum(first17: str) -> None:
    assert uscc.check_character(first17) == stdnum_uscc.calc_check_digit(first17)


@given(_SHAPED)
def test_check_equals_the_stdnum_reference_on_codes_of_the_usual_shape(code: str) -> None:
    assert uscc.check(code) == _reference_check(code)
    assert uscc.check(code).ok is stdnum_uscc.is_valid(code)


@given(
    st.one_of(
        st.text(alphabet=_MESSY_CHARS, max_size=20),
        st.text(alphabet=_MESSY_CHARS, min_size=18, max_size=18),
        _SHAPED.map(str.lower),
        _SHAPED.map(lambda c: " " + c[:9] + "\u3000" + c[9:]),
    )
)
def test_check_equals_the_stdnum_reference_on_anything_pasted(raw: str) -> None:
    assert uscc.check(raw) == _reference_check(raw)
    assert uscc.normalize(raw) == remove_spaces(to_half_width(raw)).upper()
