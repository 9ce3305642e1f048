from __future__ import annotations

from core.domain.text import clean_display_text, normalize_name, to_half_width


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
