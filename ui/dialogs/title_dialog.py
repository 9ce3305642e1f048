"""Add or edit a national title; revoke one with a date and a reason. Opened with `open()`, emit `saved`."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.domain import clock, uscc
from core.domain.enums import ChampionType, TitleKind
from core.domain.text import normalize_name
from core.services import enterprises as ent_svc
from core.services import titles as svc
from core.services.enterprises import EnterpriseQuery, EnterpriseRow
from core.services.errors import InputError, NotFound, ServiceError
from core.services.titles import TitleInput, TitleView
from core.store.uow import Database
from ui import labels
from ui.widgets.form import ERROR_STYLE, FieldBox

_CODE_AT_END = re.compile(r"[（(]\s*([0-9A-Za-z]{18})\s*[）)]\s*$")
MATCH_LIMIT = 20


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _buttons(
    dialog: QDialog, save_text: str, cancel_text: str
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    box = QDialogButtonBox()
    save = QPushButton(save_text)
    save.setDefault(True)
    cancel = QPushButton(cancel_text)
    box.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    cancel.clicked.connect(dialog.reject)
    return box, save, cancel


def _banner() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
    label.setVisible(False)
    return label


class TitleDialog(QDialog):
    saved = Signal(object)  # TitleView

    def __init__(
        self,
        db: Database,
        title: TitleView | None = None,
        enterprise_code: str = "",
        parent: QWidget | None = None,
        *,
        actor: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: the change is recorded under this name
        self.title_view = title
        self.result_view: TitleView | None = None
        self.setWindowTitle(
            self.tr("New national title") if title is None else self.tr("Edit national title")
        )
        self.setMinimumWidth(560)
        self.banner = _banner()

        self.enterprise_edit = QLineEdit()
        self.enterprise_edit.setPlaceholderText(self.tr("Type the credit code or part of the name"))
        self.matches = QStringListModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.enterprise_edit.setCompleter(self.completer)
        self._build_fields()

        self._build_form()
        self.buttons, self.save_button, self.cancel_button = _buttons(
            self, self.tr("Save"), self.tr("Cancel")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

        if title is not None:
            self.enterprise_edit.setText(f"{title.enterprise_name}（{title.enterprise_code}）")
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(title.kind.value))
            if title.champion_type is not None:
                self.champion_combo.setCurrentIndex(self.champion_combo.findData(title.champion_type.value))
            self.product_edit.setText(title.product)
            self.batch_spin.setValue(title.batch)
            self.date_edit.setDate(_qdate(title.recognized_on))
            self.doc_edit.setText(title.doc_no)
            self.re_review_check.setChecked(title.re_review)
        elif enterprise_code:
            self.enterprise_edit.setText(enterprise_code)
        self._connect_signals()
        self.on_kind_changed()
        self.on_enterprise_edited(self.enterprise_edit.text())

    def _build_fields(self) -> None:
        self.kind_combo = QComboBox()
        for kind in TitleKind:
            self.kind_combo.addItem(labels.title_kind(kind), kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(TitleKind.LITTLE_GIANT.value))
        self.champion_combo = QComboBox()
        self.champion_combo.addItem(
            self.tr("(by date: until 2022 demonstration enterprise, then enterprise)"), ""
        )
        for ct in ChampionType:
            self.champion_combo.addItem(labels.champion_type(ct), ct.value)
        self.product_edit = QLineEdit()
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 99)
        self.batch_spin.setPrefix(self.tr("Batch "))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(_qdate(clock.today()))
        self.doc_edit = QLineEdit()
        self.doc_edit.setPlaceholderText(self.tr("MIIT document number, e.g. 工信厅企业函〔2024〕135号"))
        self.re_review_check = QCheckBox(self.tr("This is a re-review (复核), not a first recognition"))

    def _build_form(self) -> None:
        self.boxes: dict[str, FieldBox] = {
            "enterprise_code": FieldBox(self.enterprise_edit),
            "kind": FieldBox(self.kind_combo),
            "champion_type": FieldBox(self.champion_combo),
            "product": FieldBox(self.product_edit),
            "batch": FieldBox(self.batch_spin),
            "recognized_on": FieldBox(self.date_edit),
            "doc_no": FieldBox(self.doc_edit),
            "re_review": FieldBox(self.re_review_check),
        }
        self.form = QFormLayout()
        for key, label in (
            ("enterprise_code", self.tr("Enterprise:")),
            ("kind", self.tr("Title:")),
            ("champion_type", self.tr("Champion type:")),
            ("product", self.tr("Product:")),
            ("batch", self.tr("Batch:")),
            ("recognized_on", self.tr("Recognised on:")),
            ("doc_no", self.tr("Doc no.:")),
            ("re_review", ""),
        ):
            self.form.addRow(label, self.boxes[key])

    def _connect_signals(self) -> None:
        self.enterprise_edit.textEdited.connect(self.on_enterprise_edited)
        self.completer.activated.connect(self.on_enterprise_edited)
        self.kind_combo.currentIndexChanged.connect(self.on_kind_changed)
        self.save_button.clicked.connect(self.on_save)

    # --- the enterprise ----------------------------------------------------------------------------------

    def _candidates(self, text: str) -> list[EnterpriseRow]:
        with self.db.uow() as uow:
            ids = ent_svc.search_ids(uow, EnterpriseQuery(text=text, limit=MATCH_LIMIT))
            return ent_svc.rows_by_ids(uow, ids)

    def resolve_enterprise(self) -> tuple[str | None, str]:
        """(credit code, what to tell the officer) for what is typed in the enterprise field."""
        text = self.enterprise_edit.text().strip()
        if not text:
            return None, self.tr("Type the credit code or part of the name")
        found = _CODE_AT_END.search(text)
        code = uscc.normalize(found.group(1) if found else text)
        if len(code) == 18:
            try:
                with self.db.uow() as uow:
                    view = ent_svc.get_enterprise(uow, code)
                return view.code, f"{view.name}（{view.district or '—'}）"
            except NotFound:
                if found is None and uscc.check(code).ok:
                    return None, self.tr("No enterprise with this credit code; add it in the register first.")
        rows = self._candidates(text)
        exact = [r for r in rows if normalize_name(r.name) == normalize_name(text)]
        if len(exact) == 1:
            return exact[0].code, f"{exact[0].name}（{exact[0].code}）"
        if len(rows) == 1:
            return rows[0].code, f"{rows[0].name}（{rows[0].code}）"
        if not rows:
            return None, self.tr("No enterprise matches; add it in the register first.")
        return None, self.tr("%1 enterprises match; pick one from the list.").replace(
            "%1", str(len(rows)) if len(rows) < MATCH_LIMIT else f"{MATCH_LIMIT}+"
        )

    def on_enterprise_edited(self, text: str) -> None:
        box = self.boxes["enterprise_code"]
        if text.strip() and not _CODE_AT_END.search(text):
            self.matches.setStringList([f"{r.name}（{r.code}）" for r in self._candidates(text)])
        code, message = self.resolve_enterprise()
        box.set_error("")
        if code is not None:
            box.set_ok("✓ " + message)
        else:
            box.set_hint(message)

    def on_kind_changed(self) -> None:
        champion = self.kind_combo.currentData() == TitleKind.SINGLE_CHAMPION.value
        self.form.setRowVisible(self.boxes["champion_type"], champion)
        self.form.setRowVisible(self.boxes["product"], champion)

    # --- saving ------------------------------------------------------------------------------------------

    def input(self, code: str) -> TitleInput:
        champion = self.kind_combo.currentData() == TitleKind.SINGLE_CHAMPION.value
        return TitleInput(
            enterprise_code=code,
            kind=str(self.kind_combo.currentData()),
            batch=self.batch_spin.value(),
            recognized_on=_pydate(self.date_edit.date()),
            doc_no=self.doc_edit.text(),
            re_review=self.re_review_check.isChecked(),
            champion_type=str(self.champion_combo.currentData() or "") if champion else "",
            product=self.product_edit.text() if champion else "",
        )

    def on_save(self) -> None:
        for box in self.boxes.values():
            box.set_error("")
        self.banner.setVisible(False)
        code, message = self.resolve_enterprise()
        if code is None:
            self.show_errors(message, {"enterprise_code": message})
            return
        try:
            with self.db.uow() as uow:
                if self.title_view is None:
                    view = svc.add_title(uow, self.input(code), actor=self.actor)
                else:
                    view = svc.update_title(
                        uow,
                        self.title_view.id,
                        self.input(code),
                        expected_version=self.title_view.version,
                        actor=self.actor,
                    )
        except InputError as exc:
            self.show_errors(str(exc), exc.fields)
            return
        except ServiceError as exc:
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


class RevokeDialog(QDialog):
    """Revoke a title: the date and the reason are both required."""

    saved = Signal(object)  # TitleView

    def __init__(
        self, db: Database, title: TitleView, parent: QWidget | None = None, *, actor: str = ""
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: the revocation is recorded under this name
        self.title_view = title
        self.setWindowTitle(self.tr("Revoke national title"))
        self.setMinimumWidth(460)
        self.banner = _banner()
        summary = QLabel(
            f"{title.enterprise_name}\n{labels.title_kind(title.kind)} · {labels.batch(title.batch)} · "
            f"{title.recognized_on.isoformat()}"
        )
        summary.setStyleSheet("font-weight: bold;")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(_qdate(clock.today()))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("e.g. failed the re-review; re-review materials not submitted")
        )
        self.reason_edit.setFixedHeight(70)
        self.boxes = {"status_on": FieldBox(self.date_edit), "reason": FieldBox(self.reason_edit)}
        form = QFormLayout()
        form.addRow(self.tr("Revoked on:"), self.boxes["status_on"])
        form.addRow(self.tr("Reason:"), self.boxes["reason"])
        self.buttons, self.save_button, self.cancel_button = _buttons(
            self, self.tr("Revoke"), self.tr("Cancel")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.save_button.clicked.connect(self.on_save)
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_save(self) -> None:
        for box in self.boxes.values():
            box.set_error("")
        self.banner.setVisible(False)
        reason = self.reason_edit.toPlainText()
        if not reason.strip():
            message = self.tr("Fill in the reason for revoking the title.")
            self.banner.setText(message)
            self.banner.setVisible(True)
            self.boxes["reason"].set_error(message)
            return
        try:
            with self.db.uow() as uow:
                view = svc.revoke_title(
                    uow, self.title_view.id, _pydate(self.date_edit.date()), reason, actor=self.actor
                )
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            for key, text in getattr(exc, "fields", {}).items():
                if key in self.boxes:
                    self.boxes[key].set_error(text)
            return
        self.saved.emit(view)
        self.accept()
