"""Pin guard: PySide6 6.12.0 on Python 3.11 corrupts None's refcount on every void Qt call and aborts after a
few thousand. If this test crashes the interpreter, the PySide6 pin (>=6.11,<6.12) was lifted too early."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QLabel


def test_twenty_thousand_void_calls_survive(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(str(i))  # returns void: each call hands back None
        label.setVisible(False)
    assert label.text() == "19999"
    # A leak or over-release of None would move its refcount by thousands (PYSIDE-3140-like bugs).
    assert abs(sys.getrefcount(None) - before) < 1000
