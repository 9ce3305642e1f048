"""Body texts of the printed documents: TOML files in resources/templates/ with named placeholders
(`{enterprise_name}`, filled through string.Formatter). An admin may keep edited copies in an override folder;
a template that names a placeholder the document does not provide is refused, with the name shown.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"

_COMMON = frozenset(
    {
        "bureau_name",
        "city",
        "year",
        "policy",
        "rules",
        "contact_person",
        "contact_phone",
        "signatory",
        "doc_no",
        "date",
        "case_count",
    }
)
_AMOUNTS = frozenset(
    f"{a}{s}" for a in ("city_reward", "province_match", "total") for s in ("", "_wan", "_upper")
)

# Which placeholders each document fills; anything else in its template is an error.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "notice": _COMMON | _AMOUNTS | {"addressee", "enterprise_name", "district", "title_label", "batch_label"},
    "publicity": _COMMON | {"start_date", "end_date", "days"},
    "approval-form": _COMMON | _AMOUNTS | {"enterprise_name", "title_label", "batch_label"},
    "province-summary": _COMMON | _AMOUNTS,
}
# The keys each document's template must have.
REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "notice": ("title_single", "title_batch", "body_single", "body_batch", "attachment_title", "contact"),
    "publicity": ("title", "body", "list_title"),
    "approval-form": ("title", "subtitle", "trace_title"),
    "province-summary": ("title", "filler", "note", "signature"),
}
FILES = {
    "notice": "notice.toml",
    "publicity": "publicity.toml",
    "approval-form": "approval_form.toml",
    "province-summary": "province_summary.toml",
}


class TemplateError(ValueError):
    """A template that cannot be used; the message names the file, the key and the placeholder."""


def placeholders(text: str, where: str = "") -> list[str]:
    """The placeholder names in `text`, in order. Refuses `{a.b}`, `{a[0]}`, `{a:>5}`, `{a!r}`, stray braces."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(f"{where}花括号不成对（{exc}）：单个花括号请写成 {{{{ 或 }}}}。") from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field or not field.isidentifier():
            raise TemplateError(f"{where}占位符“{{{field}}}”不是有效名称。")
        if spec or conversion:
            raise TemplateError(f"{where}占位符“{{{field}}}”不能带格式说明。")
        names.append(field)
    return names


def check_text(text: str, allowed: frozenset[str], where: str = "") -> None:
    for name in placeholders(text, where):
        if name not in allowed:
            raise TemplateError(
                f"{where}有未知的占位符“{{{name}}}”。可用的占位符：{'、'.join(sorted(allowed))}。"
            )


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders of a checked text. A name missing from `values` is a TemplateError."""
    missing = [n for n in placeholders(text) if n not in values]
    if missing:
        raise TemplateError(f"缺少占位符“{{{missing[0]}}}”的值。")
    return string.Formatter().vformat(text, (), dict(values))


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a body text: separated by blank lines; lines inside one paragraph are joined."""
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        joined = "".join(line.strip() for line in block.splitlines())
        if joined:
            out.append(joined)
    return out


@dataclass(frozen=True)
class DocumentTemplate:
    document: str
    source: str  # the file it came from
    texts: dict[str, str]

    def fill(self, key: str, values: Mapping[str, str]) -> str:
        return fill(self.texts[key], values)

    def fill_paragraphs(self, key: str, values: Mapping[str, str]) -> list[str]:
        """The filled paragraphs of a body text. A paragraph whose placeholders are all empty (such as the
        contact line while 发文设置 has no contact person or phone) is left out rather than printed as
        “联系人：，电话：。”."""
        out = []
        for p in paragraphs(self.texts[key]):
            names = placeholders(p)
            if names and all(not str(values.get(n, "")).strip() for n in names):
                continue
            out.append(fill(p, values))
        return out


def parse(document: str, source_text: str, source: str = "") -> DocumentTemplate:
    """Parse and check a template's text (what an admin's edited copy is checked with before saving)."""
    if document not in PLACEHOLDERS:
        raise TemplateError(f"未知的文书类型：{document}")
    label = f"模板 {source or FILES[document]}："
    try:
        data = tomllib.loads(source_text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{label}格式错误（{exc}）。") from None
    texts: dict[str, str] = {}
    for key, value in data.items():
        if key not in REQUIRED_KEYS[document]:
            raise TemplateError(f"{label}未知的项目“{key}”。应有：{'、'.join(REQUIRED_KEYS[document])}。")
        if not isinstance(value, str):
            raise TemplateError(f"{label}“{key}”应为文本。")
        check_text(value, PLACEHOLDERS[document], f"{label}“{key}”")
        texts[key] = value
    missing = [k for k in REQUIRED_KEYS[document] if k not in texts]
    if missing:
        raise TemplateError(f"{label}缺少项目“{missing[0]}”。")
    return DocumentTemplate(document, source or FILES[document], texts)


def load(document: str, override_dir: Path | None = None) -> DocumentTemplate:
    """The template for `document`: the admin's copy in `override_dir` when there is one, else the shipped one."""
    if document not in FILES:
        raise TemplateError(f"未知的文书类型：{document}")
    path = TEMPLATES / FILES[document]
    if override_dir is not None and (override_dir / FILES[document]).is_file():
        path = override_dir / FILES[document]
    stat = path.stat()
    return _load_cached(document, str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_cached(document: str, path: str, _mtime_ns: int, _size: int) -> DocumentTemplate:
    """Parsed once per file version (a batch of 500 notices reads the template once)."""
    return parse(document, Path(path).read_text(encoding="utf-8"), path)


def shipped_text(document: str) -> str:
    """The shipped template's text: what an admin starts an edited copy from."""
    return (TEMPLATES / FILES[document]).read_text(encoding="utf-8")


def save_override(document: str, text: str, override_dir: Path) -> Path:
    """Check an edited template and store it as the override; refuses (TemplateError) a bad one."""
    parse(document, text, FILES[document])
    override_dir.mkdir(parents=True, exist_ok=True)
    path = override_dir / FILES[document]
    path.write_text(text, encoding="utf-8")
    return path
