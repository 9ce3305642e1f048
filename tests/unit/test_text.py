from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from core.domain import text as text_module
from core.domain.text import clean_display_text, collapse_spaces, is_collapsed, normalize_name, to_half_width


def test_full_and_half_width_brackets_compare_equal() -> None:
    assert normalize_name("佛山市睿德机器人（集团）有限公司") == normalize_name(
        "佛山市睿德机器人(集团)有限公司"
    )


def test_spaces_of_every_kind_are_ignored_in_comparison() -> None:
    assert normalize_name("佛山市 睿德\u3000机器人\u00a0有限公司") == normalize_name(
        "佛山市睿德机器人有限公司"
    )


def test_latin_letters_compare_case_insensitively() -> None:
    assert normalize_name("佛山ＡＢＣ智能有限公司") == normalize_name("佛山abc智能有限公司")


def test_different_names_stay_different() -> None:
    assert normalize_name("佛山市云擎机器人有限公司") != normalize_name("佛山市云擎智能有限公司")


def test_display_text_keeps_brackets_but_folds_spaces() -> None:
    assert clean_display_text("  佛山市睿德（集团）\u3000\u3000有限公司 ") == "佛山市睿德（集团） 有限公司"


def test_half_width_leaves_cjk_alone() -> None:
    assert to_half_width("９１ＡＢ（佛山）") == "91AB(佛山)"


# The fast paths (text already folded, a name with no space to remove) must give what the regular
# expressions give, for any text: spaces of every kind, control and format characters, CJK, brackets.
_TRICKY = st.text(
    alphabet=st.sampled_from(
        list(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff")
        + list("佛山市睿德（集团）()【】〔〕ＡＢａb9９-·有限公司\u00ad\u200d\x00é")
    ),
    max_size=24,
)


@given(_TRICKY)
def test_collapse_fast_path_agrees_with_the_regular_expression(text: str) -> None:
    assert collapse_spaces(text) == text_module._SPACES.sub(" ", text).strip()
    assert is_collapsed(text) <= (collapse_spaces(text) == text)


@given(st.one_of(_TRICKY, st.text(max_size=24)))
def test_name_fast_path_agrees_with_the_regular_expression(text: str) -> None:
    slow = text_module.remove_spaces(unicodedata.normalize("NFKC", text).translate(text_module._BRACKETS))
    assert normalize_name(text) == slow.upper()
