"""Form helpers: a field with its message line under it (errors in red, hints in grey)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #666666;"
OK_STYLE = "color: #2e7d32;"


class FieldBox(QWidget):
    """An input with a message label under it; `set_error("")` hides the message."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self._is_error = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.message)

    def _show(self, text: str, style: str) -> None:
        self._is_error = style == ERROR_STYLE and bool(text)
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))

    def set_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE)
        self.editor.setProperty("invalid", bool(text))
        self.editor.setStyleSheet("border: 1px solid #c62828;" if text else "")

    def set_hint(self, text: str) -> None:
        self._show(text, HINT_STYLE)

    def set_ok(self, text: str) -> None:
        self._show(text, OK_STYLE)

    def error(self) -> str:
        """The error shown under the field ("" when none; hints and OK notes are not errors)."""
        return self.message.text() if self._is_error else ""
