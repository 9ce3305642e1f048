"""Translation helpers shared by the UI."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for extraction in `context`; translate it later with QCoreApplication.translate.

    Same as PySide6's own, but typed `-> str` (PySide6's stub says `object`).
    """
    return text
