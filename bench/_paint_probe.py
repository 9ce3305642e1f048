"""Child process of startup_bench: start a window, print the wall-clock time of its first paint, quit.

`bare`: a bare PySide6 QMainWindow. `app DBPATH`: Subsidy Desk's own start path (translators, font, database
open and migrate, MainWindow) exactly as ui.app.run does it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"{time.time():.6f}", flush=True)
                QTimer.singleShot(0, app.quit)
                app.removeEventFilter(self)
            return False

    if sys.argv[1] == "bare":
        window = QMainWindow()
        window.setCentralWidget(QLabel("bare"))
        window.resize(1280, 800)
    else:
        from core.store.engine import sqlite_url
        from core.store.migrate import open_database
        from ui.app import ensure_cjk_font, install_translators
        from ui.main_window import MainWindow

        install_translators(app, "zh_CN")
        ensure_cjk_font(app)
        db, _ = open_database(sqlite_url(Path(sys.argv[2])))
        window = MainWindow(db)
        window.resize(1280, 800)
    probe = FirstPaint()
    app.installEventFilter(probe)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
