"""Add or edit an enterprise, with the credit code checked as it is typed.

The dialog is opened with `open()` (window-modal, not blocking) and emits `saved(EnterpriseView)`.
Bad input keeps the dialog open with everything typed and the messages next to the fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.domain import uscc
from core.domain.enums import Field, RegStatus
from core.services import enterprises as svc
from core.services.enterprises import EnterpriseInput, EnterpriseView
from core.services.errors import InputError, ServiceError
from core.store.uow import Database
from ui import labels
from ui.widgets.form import ERROR_STYLE, FieldBox


class EnterpriseDialog(QDialog):
    saved = Signal(object)  # EnterpriseView

    def district_choices(self, given: Sequence[str] = ()) -> list[str]:
        """The 所在区 choices: the districts the register holds now (read on every opening, so an import made
        meanwhile shows), plus any the caller passes."""
        with self.db.uow() as uow:
            found = svc.districts(uow)
        return sorted({*found, *(d for d in given if d)})

    def __init__(
        self,
        db: Database,
        enterprise: EnterpriseView | None = None,
        districts: Sequence[str] = (),
        parent: QWidget | None = None,
        *,
        actor: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: the change is recorded under this name
        self.enterprise = enterprise
        self.result_view: EnterpriseView | None = None
        self.setWindowTitle(self.tr("New enterprise") if enterprise is None else self.tr("Edit enterprise"))
        self.setMinimumWidth(560)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
        self.banner.setVisible(False)

        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("18 characters, as on the business licence"))
        self.code_edit.setMaxLength(40)
        self.override_edit = QLineEdit()
        self.override_edit.setPlaceholderText(
            self.tr(
                "Why this code is kept although its check character fails (e.g. as printed on the licence)"
            )
        )
        self.name_edit = QLineEdit()
        self.former_edit = QPlainTextEdit()
        self.former_edit.setPlaceholderText(self.tr("One former name per line"))
        self.former_edit.setFixedHeight(56)
        self.district_combo = QComboBox()
        self.district_combo.setEditable(True)
        self.district_combo.addItems(self.district_choices(districts))
        self.district_combo.setCurrentIndex(-1)
        self._build_more_fields()

        self._build_form()

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

        if enterprise is not None:
            self._fill(svc.input_from_view(enterprise))
        self._connect_signals()
        self.on_code_changed(self.code_edit.text())

    def _build_more_fields(self) -> None:
        self.field_combo = QComboBox()
        for value in Field:
            self.field_combo.addItem(labels.field(value), value.value)
        self.field_combo.setCurrentIndex(self.field_combo.findData(Field.OTHER.value))
        self.field_reason_edit = QLineEdit()
        self.field_reason_edit.setPlaceholderText(self.tr("Why the enterprise belongs to this field"))
        self.address_edit = QLineEdit()
        self.legal_rep_edit = QLineEdit()
        self.contact_person_edit = QLineEdit()
        self.contact_phone_edit = QLineEdit()
        self.status_combo = QComboBox()
        for status in RegStatus:
            self.status_combo.addItem(labels.reg_status(status), status.value)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setFixedHeight(56)

    def _build_form(self) -> None:
        self.boxes: dict[str, FieldBox] = {
            "code": FieldBox(self.code_edit),
            "code_override_reason": FieldBox(self.override_edit),
            "name": FieldBox(self.name_edit),
            "former_names": FieldBox(self.former_edit),
            "district": FieldBox(self.district_combo),
            "field": FieldBox(self.field_combo),
            "field_reason": FieldBox(self.field_reason_edit),
            "address": FieldBox(self.address_edit),
            "legal_rep": FieldBox(self.legal_rep_edit),
            "contact_person": FieldBox(self.contact_person_edit),
            "contact_phone": FieldBox(self.contact_phone_edit),
            "reg_status": FieldBox(self.status_combo),
            "notes": FieldBox(self.notes_edit),
        }
        self.form = QFormLayout()
        rows = (
            ("code", self.tr("Unified social credit code:")),
            ("code_override_reason", self.tr("Reason to keep the code:")),
            ("name", self.tr("Enterprise name:")),
            ("former_names", self.tr("Former names:")),
            ("district", self.tr("District:")),
            ("field", self.tr("Field:")),
            ("field_reason", self.tr("Reason for the field:")),
            ("address", self.tr("Address:")),
            ("legal_rep", self.tr("Legal representative:")),
            ("contact_person", self.tr("Contact person:")),
            ("contact_phone", self.tr("Contact phone:")),
            ("reg_status", self.tr("Registration status:")),
            ("notes", self.tr("Notes:")),
        )
        for key, label in rows:
            self.form.addRow(label, self.boxes[key])

    def _connect_signals(self) -> None:
        self.code_edit.textChanged.connect(self.on_code_changed)
        self.save_button.clicked.connect(self.on_save)
        self.cancel_button.clicked.connect(self.reject)
        for key, box in self.boxes.items():
            editor = box.editor
            if isinstance(editor, QLineEdit) and key != "code":
                editor.textEdited.connect(lambda _t, b=box: b.set_error(""))
            elif isinstance(editor, QComboBox):
                editor.currentTextChanged.connect(lambda _t, b=box: b.set_error(""))

    def _fill(self, data: EnterpriseInput) -> None:
        self.code_edit.setText(data.code)
        self.override_edit.setText(data.code_override_reason)
        self.name_edit.setText(data.name)
        self.former_edit.setPlainText("\n".join(data.former_names))
        self.district_combo.setCurrentText(data.district)
        self.field_combo.setCurrentIndex(max(self.field_combo.findData(data.field), 0))
        self.field_reason_edit.setText(data.field_reason)
        self.address_edit.setText(data.address)
        self.legal_rep_edit.setText(data.legal_rep)
        self.contact_person_edit.setText(data.contact_person)
        self.contact_phone_edit.setText(data.contact_phone)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(data.reg_status), 0))
        self.notes_edit.setPlainText(data.notes)

    def input(self) -> EnterpriseInput:
        """What is typed in the form now."""
        return EnterpriseInput(
            code=self.code_edit.text(),
            name=self.name_edit.text(),
            district=self.district_combo.currentText(),
            field=str(self.field_combo.currentData()),
            field_reason=self.field_reason_edit.text(),
            former_names=tuple(self.former_edit.toPlainText().splitlines()),
            address=self.address_edit.text(),
            legal_rep=self.legal_rep_edit.text(),
            contact_person=self.contact_person_edit.text(),
            contact_phone=self.contact_phone_edit.text(),
            reg_status=str(self.status_combo.currentData()),
            notes=self.notes_edit.toPlainText(),
            code_override_reason=self.override_edit.text() if self.override_visible() else "",
        )

    def override_visible(self) -> bool:
        return self.form.isRowVisible(self.boxes["code_override_reason"])

    # --- slots -------------------------------------------------------------------------------------------

    def on_code_changed(self, text: str) -> None:
        box = self.boxes["code"]
        check = uscc.check(text)
        if not text.strip():
            box.set_error("")
            box.set_hint(self.tr("18 characters, as on the business licence"))
        elif check.ok:
            box.set_error("")
            box.set_ok(self.tr("✓ Valid code: %1").replace("%1", check.code))
        elif check.problem is uscc.UsccProblem.LENGTH and len(check.code) < 18:
            box.set_error("")
            box.set_hint(check.message)  # still typing: not an error yet
        else:
            box.set_error(check.message)
        self.form.setRowVisible(
            self.boxes["code_override_reason"], check.problem is uscc.UsccProblem.CHECK_DIGIT
        )

    def on_save(self) -> None:
        for key, box in self.boxes.items():
            if key != "code":
                box.set_error("")
        self.banner.setVisible(False)
        data = self.input()
        try:
            with self.db.uow() as uow:
                if self.enterprise is None:
                    view = svc.add_enterprise(uow, data, actor=self.actor)
                else:
                    view = svc.update_enterprise(
                        uow,
                        self.enterprise.id,
                        data,
                        expected_version=self.enterprise.version,
                        actor=self.actor,
                    )
        except InputError as exc:
            self.show_errors(str(exc), exc.fields)
            return
        except ServiceError as exc:  # Conflict (duplicate code, edited meanwhile), NotFound
            self.show_errors(str(exc), {})
            return
        self.result_view = view
        if view.warnings:
            QMessageBox.information(self, self.tr("Saved, please check"), "\n".join(view.warnings))
        self.saved.emit(view)
        self.accept()

    def show_errors(self, message: str, fields: dict[str, str]) -> None:
        self.banner.setText(message)
        self.banner.setVisible(True)
        for key, text in fields.items():
            box = self.boxes.get(key)
            if box is not None:
                box.set_error(text)
        if "code" in fields and self.override_visible() and not self.override_edit.text().strip():
            self.boxes["code_override_reason"].set_error(
                self.tr("Fill in a reason to keep a code whose check character fails.")
            )
        first = next((self.boxes[k].editor for k in fields if k in self.boxes), None)
        if first is not None:
            first.setFocus()
