"""Normalisation of text typed or pasted by officers: full-width forms, odd spaces, brackets."""

from __future__ import annotations

import re
import unicodedata

# Every kind of space an Excel cell or a pasted web page brings: ASCII, NBSP, U+3000, zero-width, BOM.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")

# Brackets that officers use interchangeably in enterprise names.
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "〔": "(", "〕": ")"})
_BRACKET_PAIRS = tuple((chr(a), str(b)) for a, b in _BRACKETS.items())


def to_half_width(text: str) -> str:
    """Full-width ASCII forms (Ａ, ９, （) become their half-width twins; CJK characters stay as they are."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif code == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def remove_spaces(text: str) -> str:
    return _SPACES.sub("", text)


def is_collapsed(text: str) -> bool:
    """Whether `collapse_spaces` would leave `text` as it is, checked without a regular expression: every
    space `_SPACES` knows other than the ASCII one (tabs, NBSP, U+3000, zero-width, BOM, line breaks) is
    non-printable to `str.isprintable`, so printable text with single inner ASCII spaces is already folded.
    Most cells of an officer's spreadsheet are, and an import checks some 100,000 of them."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def collapse_spaces(text: str) -> str:
    """Trim and fold runs of any whitespace (U+3000 included) into one ASCII space."""
    if is_collapsed(text):
        return text
    return _SPACES.sub(" ", text).strip()


def normalize_name(name: str) -> str:
    """The comparison form of an enterprise name: NFKC, （）== (), no spaces, upper-case Latin letters.

    Used to find duplicates and to match MIIT lists (which carry names only) to the register.
    """
    text = unicodedata.normalize("NFKC", name)
    for bracket, plain in _BRACKET_PAIRS:  # str.translate with a dict costs ~1 µs even with nothing to do
        if bracket in text:
            text = text.replace(bracket, plain)
    if text.isprintable() and " " not in text:  # no space of any kind to remove (see is_collapsed)
        return text.upper()
    return remove_spaces(text).upper()


def clean_display_text(text: str) -> str:
    """What is stored for a name or address: trimmed, inner whitespace folded, brackets left as typed."""
    return collapse_spaces(text)
