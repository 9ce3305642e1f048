"""The 发文设置 tab of 设置: the bureau's settings the documents print (name, banner, 文号 prefix, contact,
addressee, signatory) and the admin's edited copies of the document body templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.io import templates
from core.io.pdf.model import BureauSettings
from core.services import documents as svc
from core.services import template_edits
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.documents.titles import DOC_TITLES, doc_title


class DocumentSettingsTab(QWidget):
    """发文设置: the bureau's name, banner, 文号 prefix, contact, addressee, signatory; and the body templates."""

    FIELDS = (
        ("bureau_name", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Issuing bureau:")),
        ("banner_text", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Red banner text:")),
        ("doc_prefix", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Document number prefix:")),
        ("city", QT_TRANSLATE_NOOP("DocumentSettingsTab", "City:")),
        ("contact_person", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Contact person:")),
        ("contact_phone", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Contact phone:")),
        ("default_addressee", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Default addressee:")),
        ("signatory", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Signed by:")),
    )

    def __init__(self, db: Database, user: UserView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user  # the signed-in officer, named as the actor of every save
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            edit = QLineEdit()
            self.edits[key] = edit
            form.addRow(self.tr(label), edit)
        self.edits["doc_prefix"].setPlaceholderText(self.tr("e.g. 佛工信函 → 佛工信函〔2025〕12号"))
        self.save_button = QPushButton(self.tr("Save settings"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.template_combo = QComboBox()
        for key, title in DOC_TITLES.items():
            self.template_combo.addItem(doc_title(title), key)
        self.template_edit = QPlainTextEdit()
        self.template_save = QPushButton(self.tr("Save template copy"))
        self.template_reset = QPushButton(self.tr("Restore the shipped template"))
        self.template_status = QLabel()
        self.template_status.setWordWrap(True)
        trow = QHBoxLayout()
        trow.addWidget(QLabel(self.tr("Body template:")))
        trow.addWidget(self.template_combo, 1)
        trow.addWidget(self.template_save)
        trow.addWidget(self.template_reset)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        layout.addLayout(trow)
        layout.addWidget(self.template_edit, 1)
        layout.addWidget(self.template_status)

        self.save_button.clicked.connect(self.on_save)
        self.template_combo.currentIndexChanged.connect(self.on_template_changed)
        self.template_save.clicked.connect(self.on_template_save)
        self.template_reset.clicked.connect(self.on_template_reset)
        self.load()

    def load(self) -> None:
        with self.db.uow() as uow:
            current = svc.get_settings(uow)
        for key, edit in self.edits.items():
            edit.setText(str(getattr(current, key)))
        self.on_template_changed(self.template_combo.currentIndex())

    def on_save(self) -> None:
        values: dict[str, Any] = {key: edit.text() for key, edit in self.edits.items()}
        try:
            with self.db.uow() as uow:
                svc.save_settings(uow, BureauSettings(**values), actor=self._actor())
        except ServiceError as exc:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(exc))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saved."))

    def template_dir(self) -> Path:
        return svc.template_dir_default()

    def on_template_changed(self, _index: int) -> None:
        doc = str(self.template_combo.currentData())
        path = self.template_dir() / templates.FILES[doc]
        text = path.read_text(encoding="utf-8") if path.is_file() else templates.shipped_text(doc)
        self.template_edit.setPlainText(text)
        self.template_status.setStyleSheet("")
        self.template_status.setText(
            self.tr("Edited copy in use.") if path.is_file() else self.tr("The shipped template is in use.")
        )

    def on_template_save(self) -> None:
        doc = str(self.template_combo.currentData())
        try:
            with self.db.uow() as uow:  # audited under the signed-in officer
                template_edits.save_template(
                    uow, doc, self.template_edit.toPlainText(), self.template_dir(), actor=self._actor()
                )
        except (templates.TemplateError, ServiceError) as exc:
            self.template_status.setStyleSheet("color: #b00020;")
            self.template_status.setText(str(exc))
            return
        self.template_status.setStyleSheet("")
        self.template_status.setText(self.tr("Template saved; new documents use it."))

    def on_template_reset(self) -> None:
        doc = str(self.template_combo.currentData())
        answer = QMessageBox.question(
            self,
            self.tr("Restore template"),
            self.tr("Discard the edited copy and use the shipped template?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.db.uow() as uow:  # audited under the signed-in officer
                template_edits.reset_template(uow, doc, self.template_dir(), actor=self._actor())
        except ServiceError as exc:
            self.template_status.setStyleSheet("color: #b00020;")
            self.template_status.setText(str(exc))
            return
        self.on_template_changed(self.template_combo.currentIndex())

    def _actor(self) -> str:
        return self.user.name if self.user is not None else ""
