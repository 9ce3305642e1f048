"""Fonts for the printed documents: official fonts where the machine has them, bundled open fonts otherwise,
and a glyph-by-glyph fallback so that no character prints as a missing glyph (tofu).

- reportlab embeds only TrueType (`glyf`) fonts, as subsets; a CFF/OpenType font is skipped when probed.
- Each *role* (body 仿宋, title 小标宋, page number 宋体, heading 黑体) has a chain of fonts: the official font
  for the role when found, then the bundled fonts, then (on demand) every other TrueType CJK font fontconfig
  lists. Text is split into runs by the first font in the chain whose cmap has the character.
- A character no available font has raises `MissingGlyphError` naming it, before anything is printed.
- Fonts are registered with reportlab once per process (a TTFont keeps its per-document state itself).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

RESOURCES = Path(__file__).resolve().parents[3] / "resources" / "fonts"


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with characters outside the BMP (𠮷 U+20BB7) written as the UTF-16 surrogate
    pair the PDF specification requires. reportlab writes `<20BB7>`, which readers reject, so such characters
    printed but could not be searched, copied or extracted."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper() if code else "0000"

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


# TTFont.addObjects looks the function up in its module at call time.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class MissingGlyphError(ValueError):
    """No available font can print this character."""

    def __init__(self, char: str, context: str = "") -> None:
        self.char = char
        name = unicodedata.name(char, "")
        where = f"（出现在“{context}”中）" if context else ""
        super().__init__(
            f"字符“{char}”（U+{ord(char):04X}{' ' + name if name else ''}）{where}在本机所有可用字体中都没有字形，"
            "无法打印。请安装包含该字的 TrueType 字体（如 花园明朝B HanaMinB），或核对该字是否录入有误。"
        )


class Role(StrEnum):
    BODY = "body"  # 仿宋 (3号仿宋 body text)
    TITLE = "title"  # 小标宋 (title, issuer banner)
    SONG = "song"  # 宋体 (page numbers)
    HEI = "hei"  # 黑体 (headings, 附件 label, table heads)


@dataclass(frozen=True)
class FontSource:
    """A TrueType font file (or one face of a .ttc) and where it came from."""

    path: Path
    index: int = 0
    origin: str = "bundled"  # bundled | official | system

    @property
    def key(self) -> str:
        stem = "".join(ch if ch.isalnum() else "-" for ch in self.path.stem)
        return f"SD-{stem}-{self.index}"


# Bundled fonts, in fallback order: a Ming/Song font with wide coverage (incl. common Ext-B), a Hei font.
BUNDLED_SONG = FontSource(RESOURCES / "HanaMinA.ttf")
BUNDLED_HEI = FontSource(RESOURCES / "wqy-microhei.ttc")

# Official fonts per role: (file names on Windows, family names fontconfig reports), most wanted first.
OFFICIAL: dict[Role, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Role.BODY: (
        ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "simfang.ttf"),
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    ),
    Role.TITLE: (
        ("方正小标宋简体.ttf", "FZXBSJW.TTF", "FZXBSJW--GB1-0.ttf", "simsun.ttc"),
        ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "宋体", "SimSun"),
    ),
    Role.SONG: (("simsun.ttc", "simsun.ttf"), ("宋体", "SimSun")),
    Role.HEI: (("simhei.ttf",), ("黑体", "SimHei")),
}
BUNDLED_ORDER: dict[Role, tuple[FontSource, ...]] = {
    Role.BODY: (BUNDLED_SONG, BUNDLED_HEI),
    Role.TITLE: (BUNDLED_SONG, BUNDLED_HEI),
    Role.SONG: (BUNDLED_SONG, BUNDLED_HEI),
    Role.HEI: (BUNDLED_HEI, BUNDLED_SONG),
}

_lock = threading.Lock()

# Characters that change nothing on paper and that no font needs to have: variation selectors, zero-width
# joiners and spaces, the BOM, soft hyphen. They are dropped before printing.
_IGNORABLE = frozenset(
    [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]
)


def printable(text: str) -> str:
    """`text` without the invisible characters no font needs (variation selectors, zero-width spaces)."""
    return "".join(ch for ch in text if ord(ch) not in _IGNORABLE)


@dataclass
class LoadedFont:
    name: str  # the name registered with reportlab
    source: FontSource
    cmap: dict[int, int]

    def has(self, char: str) -> bool:
        return ord(char) in self.cmap


def _load(source: FontSource) -> LoadedFont | None:
    """Register a TrueType font with reportlab (once per process); None if it is not a usable TrueType file."""
    with _lock:
        return _load_locked(source)


@cache
def _load_locked(source: FontSource) -> LoadedFont | None:
    if not source.path.is_file():
        return None
    try:
        font = TTFont(source.key, str(source.path), subfontIndex=source.index)
    except (TTFError, OSError, KeyError, ValueError):  # CFF outlines, a broken or unreadable file
        return None
    # reportlab copies whole tables (the 20 MB glyf of a CJK font) out of the file for every subset it
    # embeds: keep one copy per font instead (2 ms saved per subset, several subsets per document).
    font.face.get_table = cache(font.face.get_table)
    pdfmetrics.registerFont(font)
    return LoadedFont(source.key, source, font.face.charToGlyph)


def _windows_font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


@dataclass(frozen=True)
class SystemFont:
    path: Path
    index: int
    families: tuple[str, ...]


@cache
def _fontconfig_fonts() -> tuple[SystemFont, ...]:
    """TrueType CJK fonts fontconfig knows (empty where there is no fontconfig)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file", "index", "family", "fontformat"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found: list[SystemFont] = []
    for line in sorted(out.splitlines()):
        # /path/font.ttc: Family,别名:index=0:fontformat=TrueType
        path_text, _sep, rest = line.partition(": ")
        props = dict(part.split("=", 1) for part in rest.split(":")[1:] if "=" in part)
        family_text = rest.split(":")[0]
        if props.get("fontformat") != "TrueType":
            continue
        try:
            index = int(props.get("index", "0"))
        except ValueError:
            continue
        found.append(SystemFont(Path(path_text), index, tuple(f.strip() for f in family_text.split(","))))
    return tuple(found)


def _official_sources(role: Role) -> list[FontSource]:
    files, families = OFFICIAL[role]
    found: list[FontSource] = []
    if sys.platform == "win32":
        for folder in _windows_font_dirs():
            for name in files:
                path = folder / name
                if path.is_file():
                    found.append(FontSource(path, 0, "official"))
    else:
        by_family = {fam: f for f in _fontconfig_fonts() for fam in f.families}
        for fam in families:
            sf = by_family.get(fam)
            if sf is not None:
                found.append(FontSource(sf.path, sf.index, "official"))
    return found


@dataclass
class FontChain:
    """The fonts one role prints with, in fallback order. `primary` is the paragraph's base font."""

    role: Role
    fonts: list[LoadedFont]
    use_system: bool = True
    _system_loaded: bool = field(default=False, repr=False)

    @property
    def primary(self) -> str:
        return self.fonts[0].name

    def font_for(self, char: str, context: str = "") -> LoadedFont:
        for font in self.fonts:
            if font.has(char):
                return font
        if self.use_system and not self._system_loaded:
            self._system_loaded = True
            known = {f.source.path for f in self.fonts}
            for sf in _fontconfig_fonts():
                if sf.path not in known:
                    loaded = _load(FontSource(sf.path, sf.index, "system"))
                    if loaded is not None:
                        self.fonts.append(loaded)
            return self.font_for(char, context)
        raise MissingGlyphError(char, context)

    def segments(self, text: str) -> list[tuple[str, str]]:
        """Split `text` into (font name, run) by the first font that has each character. Spaces and
        control characters stay with the run they are in."""
        runs: list[tuple[str, str]] = []
        current = self.primary
        buf: list[str] = []
        text = printable(text)
        for ch in text:
            name = current if ch.isspace() and ch != "\u3000" else self.font_for(ch, text).name
            if name != current and buf:
                runs.append((current, "".join(buf)))
                buf = []
            current = name
            buf.append(ch)
        if buf:
            runs.append((current, "".join(buf)))
        return runs

    def check(self, text: str) -> None:
        """Raise MissingGlyphError for the first character no font has."""
        for ch in printable(text):
            if not ch.isspace():
                self.font_for(ch, text)

    def markup(self, text: str) -> str:
        """Paragraph markup for plain (database) text: escaped, with a <font> tag around each run the
        paragraph's base font cannot print."""
        out: list[str] = []
        for name, run in self.segments(text):
            safe = escape(run)
            out.append(safe if name == self.primary else f'<font name="{name}">{safe}</font>')
        return "".join(out)


@dataclass
class FontSet:
    """One chain per role. Build it once (`FontSet.default()`) and pass it to every document."""

    chains: dict[Role, FontChain]

    def __getitem__(self, role: Role) -> FontChain:
        return self.chains[role]

    def describe(self) -> dict[str, list[str]]:
        return {
            r.value: [f"{f.source.path.name}#{f.source.index} ({f.source.origin})" for f in c.fonts]
            for r, c in self.chains.items()
        }

    @classmethod
    def build(
        cls, *, official: bool = True, use_system: bool = True, extra: Sequence[FontSource] = ()
    ) -> FontSet:
        chains: dict[Role, FontChain] = {}
        for role in Role:
            sources: list[FontSource] = [
                *(_official_sources(role) if official else []),
                *BUNDLED_ORDER[role],
                *extra,
            ]
            fonts = _dedupe(_load(s) for s in sources)
            if not fonts:
                raise RuntimeError(f"找不到可用的字体（{RESOURCES} 中的随附字体缺失？）")
            chains[role] = FontChain(role, fonts, use_system)
        return cls(chains)

    @classmethod
    def default(cls) -> FontSet:
        """Official fonts where present, bundled fonts, system fonts on demand (cached per process)."""
        return _default_set()

    @classmethod
    def bundled(cls) -> FontSet:
        """Only the bundled fonts: the same output on every machine (tests, reproducible renders)."""
        return _bundled_set()


def _dedupe(fonts: Iterable[LoadedFont | None]) -> list[LoadedFont]:
    seen: set[str] = set()
    out: list[LoadedFont] = []
    for f in fonts:
        if f is not None and f.name not in seen:
            seen.add(f.name)
            out.append(f)
    return out


@cache
def _default_set() -> FontSet:
    return FontSet.build()


@cache
def _bundled_set() -> FontSet:
    return FontSet.build(official=False, use_system=False)
