"""The shape rules of docs/ARCHITECTURE.md, checked over the source: files small and named for what they
hold, functions short, every lint/type ignore with its reason, every document the code points to present."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_FILE_LINES = 460  # "~450": a file over it holds more than one thing
MAX_FUNCTION_LINES = 80
# Generated or data-like files the rules do not apply to.
EXEMPT = {"core/store/migrations"}
# Still over the line limit, each one Qt class whose handlers remain after its layout moved out (issue 17);
# the next split of each: the import dialog's mapping and row-matching handlers, the 文书 page's readiness and
# date handling. The number is the most lines each may have until then (it can only go down).
OVER_THE_LIMIT = {"ui/dialogs/imports/dialog.py": 540, "ui/pages/documents/page.py": 530}


def _sources() -> list[Path]:
    out = [ROOT / "main.py"]
    for top in ("core", "ui"):
        out += [
            p
            for p in sorted((ROOT / top).rglob("*.py"))
            if not any(str(p.relative_to(ROOT)).startswith(e) for e in EXEMPT)
        ]
    return out


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_source_file_is_over_the_line_limit() -> None:
    long = {
        _rel(p): n
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines()))
        > OVER_THE_LIMIT.get(_rel(p), MAX_FILE_LINES)
    }
    assert long == {}, f"split these files (over {MAX_FILE_LINES} lines): {long}"


def test_no_function_is_over_the_line_limit() -> None:
    long: dict[str, int] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{_rel(path)}:{node.lineno} {node.name}"] = length
    assert long == {}, f"split these functions (over {MAX_FUNCTION_LINES} lines): {long}"


def test_every_type_ignore_says_why() -> None:
    """`# type: ignore[code]  # why` — a bare ignore hides what it silences and why that is right."""
    bare = []
    for path in _sources():
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = re.search(r"#\s*type:\s*ignore(\[[^\]]*\])?(.*)$", line)
            if m and not re.match(r"\s*#\s*\S", m.group(2)):
                bare.append(f"{_rel(path)}:{no}: {line.strip()}")
    assert bare == []


def test_every_module_says_what_it_holds() -> None:
    silent = [
        _rel(p)
        for p in _sources()
        if p.name != "__init__.py" and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert silent == []


def test_the_documents_the_code_points_to_are_in_the_repository() -> None:
    """A docstring naming a file in docs/ (and a section of it, in quotes) names a file that exists and a
    heading it has."""
    pointers = re.compile(r'docs/([A-Z]+\.md)(?: "([^"]+)")?')
    missing = []
    for path in [*_sources(), *sorted((ROOT / "tests").rglob("*.py"))]:
        for name, section in pointers.findall(path.read_text(encoding="utf-8")):
            doc = ROOT / "docs" / name
            if not doc.exists():
                missing.append(f"{_rel(path)} → docs/{name}")
            elif section and not re.search(
                rf"^#+ {re.escape(section)}", doc.read_text(encoding="utf-8"), re.MULTILINE
            ):
                missing.append(f'{_rel(path)} → docs/{name} "{section}"')
    assert missing == []
