"""ui.workers: one background job for every page and dialog; its progress shows only after ~0.5 s."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QProgressBar, QWidget

from core.services.errors import InputError
from ui.workers import DELAY_MS, DelayedProgress, Job


def _run(qtbot: Any, pool: QThreadPool, work: Any) -> dict[str, object]:
    got: dict[str, object] = {}
    job = Job(work)
    job.signals.done.connect(lambda r: got.setdefault("done", r))
    job.signals.failed.connect(lambda m: got.setdefault("failed", m))
    job.signals.progress.connect(lambda d, t: got.setdefault("progress", []).append((d, t)))  # type: ignore[union-attr]  # a list once set
    pool.start(job)
    qtbot.waitUntil(lambda: "done" in got or "failed" in got, timeout=5000)
    return got


def test_a_job_reports_progress_and_its_result_on_the_ui_thread(qtbot: Any) -> None:
    def work(progress: Any, cancelled: Any) -> object:
        for i in range(3):
            progress(i + 1, 3)
        return "ok"

    got = _run(qtbot, QThreadPool(), work)
    qtbot.waitUntil(lambda: len(got.get("progress", [])) == 3)  # type: ignore[arg-type]  # a list once set
    assert got["done"] == "ok" and got["progress"] == [(1, 3), (2, 3), (3, 3)]


def test_a_service_refusal_arrives_as_its_message_and_a_crash_names_its_type(qtbot: Any) -> None:
    def refused(progress: Any, cancelled: Any) -> object:
        raise InputError("名单缺少“企业名称”列。")

    def crashed(progress: Any, cancelled: Any) -> object:
        raise ZeroDivisionError("division by zero")

    pool = QThreadPool()
    assert _run(qtbot, pool, refused)["failed"] == "名单缺少“企业名称”列。"
    assert _run(qtbot, pool, crashed)["failed"] == "ZeroDivisionError: division by zero"


def test_a_job_outlives_the_widget_that_started_it(qtbot: Any) -> None:
    """The dialog is closed and deleted while its job runs: the job ends cleanly, nothing crashes."""
    gate = threading.Event()
    owner = QWidget()
    seen: list[object] = []

    def work(progress: Any, cancelled: Any) -> object:
        gate.wait(5)
        progress(1, 1)
        return "late"

    job = Job(work)
    job.signals.done.connect(owner.close)  # a slot of the deleted widget: dropped
    job.signals.done.connect(seen.append)
    pool = QThreadPool()
    pool.start(job)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    qtbot.waitUntil(lambda: Job.running() == 0 and seen == ["late"], timeout=5000)


def test_cancel_is_seen_by_the_work(qtbot: Any) -> None:
    started = threading.Event()

    def work(progress: Any, cancelled: Any) -> object:
        started.set()
        while not cancelled():
            time.sleep(0.01)
        return "cancelled"

    job = Job(work)
    got: list[object] = []
    job.signals.done.connect(got.append)
    QThreadPool.globalInstance().start(job)
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: got == ["cancelled"], timeout=5000)


def test_progress_shows_only_when_the_work_lasts(qtbot: Any) -> None:
    bar = QProgressBar()
    qtbot.addWidget(bar)
    bar.setVisible(False)
    reveal = DelayedProgress([bar])
    reveal.start()
    reveal.stop()  # a short job: done before the delay
    qtbot.wait(DELAY_MS + 200)
    assert bar.isHidden()
    began = time.monotonic()
    reveal.start()  # a long one
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=3000)
    assert time.monotonic() - began >= DELAY_MS / 1000 - 0.05
    reveal.stop()
    assert bar.isHidden()
