"""Child process of ui_bench: start a window, print wall-clock times (time.time(), one per line), quit, and
print `peak_kb N`, the process's peak resident memory (VmHWM: the forking parent's pages are not counted, as
they are in ru_maxrss).

`bare`: a bare PySide6 QMainWindow (with a label, sized like the app's window); prints the time of its first
paint.

`app DBPATH`: Subsidy Desk's real start path, `ui.app.run(["--db", DBPATH, "--user", …, "--password-env", …])`
(translators, font, the window shell, then — after its first paint — the database opened and migrated, the
sign-in, the first page). Prints two lines:
  1. the first paint of the main window: the shell (title, greyed navigation, menus, status bar, "正在打开数据库，请稍候…"
     in the page area); the database is not open yet and nobody is signed in;
  2. the first paint of the first page (企业库 with its rows) after the sign-in with --user: the window is usable.
DBPATH must hold the account BENCH_USER with the password in BENCH_PASSWORD_ENV (ui_bench.make_db adds it).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BENCH_USER = "bench"
BENCH_PASSWORD_ENV = "SUBSIDY_DESK_BENCH_PASSWORD"
BENCH_PASSWORD = "bench password 1"


def peak_kb() -> int:
    """Peak resident set of this process since its exec (Linux: VmHWM; elsewhere ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

    app = QApplication([sys.argv[0]])
    bare = sys.argv[1] == "bare"

    class Probe(QObject):
        """Watches paint events: the first one anywhere, then (app) the first one inside the first page."""

        def __init__(self) -> None:
            super().__init__()
            self.painted = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            if not self.painted:
                self.painted = True
                print(f"{time.time():.6f}", flush=True)
                if bare:
                    self.done()
                return False
            widget = obj if isinstance(obj, QWidget) else None
            while widget is not None and widget.objectName() != "page_enterprises":
                widget = widget.parentWidget()
            if widget is not None:
                print(f"{time.time():.6f}", flush=True)
                self.done()
            return False

        def done(self) -> None:
            app.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)

    probe = Probe()
    app.installEventFilter(probe)
    if bare:
        window = QMainWindow()
        window.setCentralWidget(QLabel("bare"))
        screen = window.screen().availableGeometry()  # the size MainWindow gives itself: same area to paint
        window.resize(min(1500, int(screen.width() * 0.92)), min(950, int(screen.height() * 0.92)))
        window.show()
        app.exec()
        print(f"peak_kb {peak_kb()}", flush=True)
        return
    from ui.app import run

    os.environ[BENCH_PASSWORD_ENV] = BENCH_PASSWORD
    code = run(
        ["--lang", "zh_CN", "--db", sys.argv[2], "--user", BENCH_USER, "--password-env", BENCH_PASSWORD_ENV]
    )
    if code != 0:
        raise SystemExit(code)
    print(f"peak_kb {peak_kb()}", flush=True)


if __name__ == "__main__":
    main()
