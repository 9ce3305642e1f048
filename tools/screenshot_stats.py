"""Regenerate docs/screenshot-stats.png: the 统计 page on a fresh demo database, in Chinese.

    uv run tools/screenshot_stats.py                 # offscreen
    xvfb-run uv run tools/screenshot_stats.py        # the same under a real X server

Builds the demo (`core.services.demo.load`, as `main.py --db X demo` does) in a temporary file, shows the page
at 1400 × 1250, lets it lay out and paint, and saves `QWidget.grab()`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-stats.png")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.services import demo
    from core.store.engine import sqlite_url
    from core.store.migrate import open_database
    from ui.app import ensure_cjk_font, install_translators
    from ui.pages.stats_page import StatsPage

    app = QApplication([sys.argv[0]])
    translators = install_translators(app, "zh_CN")
    ensure_cjk_font(app)
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = open_database(sqlite_url(Path(tmp) / "demo.sqlite"))
        with db.uow() as uow:
            demo.load(uow)
        page = StatsPage(db)
        page.resize(1400, 1250)
        page.show()
        loop = QEventLoop()
        QTimer.singleShot(1500, loop.quit)  # layout, charts and their animations settle
        loop.exec()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not page.grab().save(str(args.out)):
            raise SystemExit(f"could not write {args.out}")
        print(f"{args.out} ({page.selected_year() or '全部年度'})")
        page.close()
        db.dispose()
    del translators


if __name__ == "__main__":
    main()
