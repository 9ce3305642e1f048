"""Long work off the UI thread: one background job class for every page and dialog, and the rule for when its
progress shows.

`Job(work)` runs `work(progress, cancelled)` on the thread pool; its `signals` bring `progress(done, total)`,
`done(result)` or `failed(message)` back to the UI thread. A running job keeps itself (and its signals) alive
until it ends, even if the dialog or page that started it is closed meanwhile; a signal whose receiver is gone
is dropped. `ServiceError`s arrive as their message; anything else as "Type: message" (the transaction was
rolled back by the service's unit of work).

`DelayedProgress(widgets)` shows the progress bar and the cancel button only once the work has run for
`DELAY_MS` (as Anki does, ~0.5 s): a short job flickers nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QTimer, Signal
from PySide6.QtWidgets import QWidget

from core.services.errors import ServiceError

DELAY_MS = 500

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], object]


class JobSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """See the module docstring."""

    _running: ClassVar[set[Job]] = set()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()
        Job._running.add(self)

    def cancel(self) -> None:
        self._cancel.set()

    @classmethod
    def running(cls) -> int:
        """How many jobs have not ended yet (tests wait on it)."""
        return len(cls._running)

    def _emit(self, signal: Any, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the receiver was closed and deleted meanwhile
            signal.emit(*args)

    def run(self) -> None:
        try:
            result = self._work(
                lambda done, total: self._emit(self.signals.progress, done, total), self._cancel.is_set
            )
        except ServiceError as exc:
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # shown to the officer
            self._emit(self.signals.failed, f"{type(exc).__name__}: {exc}")
        else:
            self._emit(self.signals.done, result)
        finally:
            Job._running.discard(self)


class DelayedProgress(QObject):
    """Shows `widgets` once `start()` was called `delay_ms` ago and `stop()` has not been called since."""

    def __init__(
        self, widgets: Sequence[QWidget], parent: QObject | None = None, delay_ms: int = DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.widgets = tuple(widgets)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._reveal)
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        if self._active:
            return
        self._active = True
        self._timer.start()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()
        for w in self.widgets:
            w.setVisible(False)

    def _reveal(self) -> None:
        if self._active:
            for w in self.widgets:
                w.setVisible(True)
