"""Fonts: bundled TrueType fonts with glyf outlines, glyph-by-glyph fallback, escaping, missing glyphs."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.platypus import Paragraph, SimpleDocTemplate

from core.io.pdf.fonts import (
    BUNDLED_HEI,
    BUNDLED_SONG,
    RESOURCES,
    FontChain,
    FontSet,
    MissingGlyphError,
    Role,
    _load,
)
from core.io.pdf.layout import make_styles

RARE = "佛山市堃珺彧喆犇鑫淼科技有限公司"
EXT_B = "\U00020bb7"  # 𠮷


def test_bundled_fonts_are_truetype_with_glyf_outlines_and_licences() -> None:
    for source in (BUNDLED_SONG, BUNDLED_HEI):
        face = TTFontFile(str(source.path), subfontIndex=source.index, validate=0)
        assert "glyf" in face.table, source.path.name  # reportlab cannot embed CFF outlines
    assert (RESOURCES / "LICENSE-HanaMinA.txt").is_file()
    assert (RESOURCES / "LICENSE-wqy-microhei.txt").is_file()
    total = sum(p.stat().st_size for p in RESOURCES.iterdir())
    assert total < 40 * 1024 * 1024


@pytest.mark.parametrize("role", list(Role))
def test_every_rare_character_maps_to_a_font_that_has_it(role: Role) -> None:
    chain = FontSet.bundled()[role]
    by_name = {f.name: f for f in chain.fonts}
    for name, run in chain.segments(RARE + EXT_B + "A&B<智造>"):
        for ch in run:
            assert by_name[name].has(ch), (ch, name)


def test_fallback_switches_font_per_character() -> None:
    hei = _load(BUNDLED_HEI)
    song = _load(BUNDLED_SONG)
    assert hei is not None and song is not None
    assert not hei.has(EXT_B)  # WenQuanYi Micro Hei has no Ext-B
    chain = FontChain(Role.HEI, [hei, song], use_system=False)
    runs = chain.segments(f"张{EXT_B}明")
    assert runs == [(hei.name, "张"), (song.name, EXT_B), (hei.name, "明")]
    assert chain.markup(f"A&B{EXT_B}") == f'A&amp;B<font name="{song.name}">{EXT_B}</font>'


def test_a_character_no_font_has_is_refused_by_name() -> None:
    chain = FontChain(Role.BODY, [f for f in [_load(BUNDLED_HEI)] if f], use_system=False)
    with pytest.raises(MissingGlyphError, match=r"U\+20BB7") as err:
        chain.check(f"广东{EXT_B}机器人有限公司")
    assert err.value.char == EXT_B
    assert EXT_B in str(err.value)


def test_invisible_variation_selectors_are_dropped_not_refused() -> None:
    chain = FontSet.bundled()[Role.BODY]
    assert "".join(run for _f, run in chain.segments("葛\ufe00\u200b洲坝")) == "葛洲坝"


def _extract(story_text: str, chain: FontChain) -> str:
    buf = io.BytesIO()
    styles = make_styles(FontSet.bundled())
    doc = SimpleDocTemplate(buf, invariant=1)
    doc.build([Paragraph(chain.markup(story_text), styles.body)])
    return PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()


def test_rare_and_ext_b_characters_print_and_extract_without_a_missing_glyph() -> None:
    text = _extract(RARE + EXT_B, FontSet.bundled()[Role.BODY])
    assert RARE in text
    assert EXT_B in text  # our ToUnicode fix: reportlab alone writes an invalid code for non-BMP characters
    assert "\x00" not in text  # code 0 is .notdef: what a missing glyph extracts as


def test_a_font_without_the_glyph_would_have_printed_notdef() -> None:
    """The check above can fail: printing 𠮷 with a font that lacks it puts .notdef (code 0) on the page."""
    hei = _load(BUNDLED_HEI)
    assert hei is not None
    from reportlab.lib.styles import ParagraphStyle

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, invariant=1)
    doc.build([Paragraph(f"张{EXT_B}", ParagraphStyle("x", fontName=hei.name))])
    assert "\x00" in PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
