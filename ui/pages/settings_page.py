"""设置: a tab per area. The General tab holds the interface language; other areas call `add_tab`."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

LANGUAGE_KEY = "ui/language"
DEFAULT_LANGUAGE = "zh_CN"


class GeneralTab(QWidget):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        form = QFormLayout()
        self.language_combo = QComboBox()
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.addItem("English", "en")
        current = str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
        index = self.language_combo.findData(current)
        self.language_combo.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("Interface language:"), self.language_combo)
        self.note = QLabel(self.tr("A new language takes effect when the app is started again."))
        self.note.setStyleSheet("color: #666;")
        form.addRow("", self.note)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addStretch(1)
        self.language_combo.currentIndexChanged.connect(self.on_language_changed)

    def on_language_changed(self, _index: int) -> None:
        self.settings.setValue(LANGUAGE_KEY, self.language_combo.currentData())
        self.settings.sync()


class SettingsPage(QWidget):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tabs = QTabWidget()
        self.general = GeneralTab(settings)
        self.tabs.addTab(self.general, self.tr("General"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add an area's own settings tab; returns its index."""
        return self.tabs.addTab(widget, title)
