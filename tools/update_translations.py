"""Extract the UI strings into resources/i18n/subsidy_desk_zh_CN.ts and compile the .qm.

    uv run tools/update_translations.py           # lupdate (keeps existing translations) + lrelease
    uv run tools/update_translations.py --release # only lrelease (after filling translations in the .ts)

After running it, fill every new <translation type="unfinished"> in the .ts (Qt Linguist:
`uv run pyside6-linguist resources/i18n/subsidy_desk_zh_CN.ts`, or any editor), then run it again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
TS_FILE = ROOT / "resources" / "i18n" / "subsidy_desk_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")


def tool(name: str) -> str:
    """A PySide6 tool from the venv running this script (falls back to PATH)."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run this with `uv run` so the venv's PySide6 tools are used")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(ts_file: Path = TS_FILE, extra: tuple[str, ...] = ()) -> None:
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    cmd = [tool("pyside6-lupdate"), *extra, *sources(), "-ts", str(ts_file)]
    subprocess.run(cmd, check=True, cwd=ROOT)


def lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], check=True, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--release", action="store_true", help="only compile the .ts into the .qm")
    args = parser.parse_args(argv)
    if not args.release:
        lupdate(extra=("-no-obsolete", "-locations", "none"))
    lrelease()
    return 0


if __name__ == "__main__":
    sys.exit(main())
