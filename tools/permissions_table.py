"""Write the permission table (core.domain.permissions) into README.md between its markers, or check it.

    uv run python tools/permissions_table.py          # rewrite the tables in README.md
    uv run python tools/permissions_table.py --check  # exit 1 when README.md differs from the code's table

tests/unit/test_permissions.py runs the check, so the README cannot drift from the table the code enforces.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.domain.permissions import markdown_table  # noqa: E402  # after the path is set

README = ROOT / "README.md"
START, END = "<!-- permissions:start (tools/permissions_table.py) -->", "<!-- permissions:end -->"
_BLOCK = re.compile(re.escape(START) + r"\n(?:(?!<!-- permissions:).)*?\n" + re.escape(END), re.DOTALL)


def rendered(text: str) -> str:
    if START not in text:
        raise SystemExit(f"{README.name}: no {START} marker")
    return _BLOCK.sub(lambda _m: f"{START}\n{markdown_table()}\n{END}", text)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = rendered(text)
    if "--check" in argv:
        if new != text:
            print(
                "README.md: the permission table differs from core.domain.permissions; run tools/permissions_table.py"
            )
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
