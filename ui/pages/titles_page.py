"""国家级称号: the titles table with search and filters; add, edit, revoke."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.domain import clock
from core.domain.enums import TitleKind, TitleStatus
from core.services import enterprises as ent_svc
from core.services.titles import TitleQuery, TitleView
from core.services.users import UserView
from core.store.uow import Database
from ui import labels, permissions
from ui.dialogs.title_dialog import RevokeDialog, TitleDialog
from ui.models.title_table import TitleTableModel

SEARCH_DELAY_MS = 100
FIRST_YEAR = 2017


class TitlesPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None, user: UserView | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user  # the signed-in officer: changes made from this page are recorded under this name
        self.search_delay_ms = SEARCH_DELAY_MS
        self.dialog: TitleDialog | RevokeDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("Search enterprise name, credit code or district (Ctrl+F)")
        )
        self.search_edit.setMinimumWidth(280)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in TitleKind:
            self.kind_combo.addItem(labels.title_kind(kind), kind.value)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Any status"), None)
        for status in TitleStatus:
            self.status_combo.addItem(labels.title_status(status), status.value)
        self.year_combo = QComboBox()
        self.district_combo = QComboBox()
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("New title"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.may_edit = True  # the permission table (ui.permissions): set by the main window for its officer

        self.model = TitleTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((250, 165, 65, 140, 100, 55, 90, 65, 55, 85)):
            header.resizeSection(col, width)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        for combo in (self.kind_combo, self.status_combo, self.year_combo, self.district_combo):
            filters.addWidget(combo)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.edit_button)
        filters.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._load_choices()
        self._connect_signals()
        self.refresh()
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self.on_search_text_changed)
        self._timer.timeout.connect(self.refresh)
        for combo in (self.kind_combo, self.status_combo, self.year_combo, self.district_combo):
            combo.currentIndexChanged.connect(self.on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.table.activated.connect(self.on_activated)
        self.model.modelReset.connect(self._update_count)
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_current)
        self.revoke_button.clicked.connect(self.revoke_current)

    def _load_choices(self) -> None:

        with self.db.uow() as uow:
            districts = ent_svc.districts(uow)
        for combo, all_text, values in (
            (self.year_combo, self.tr("All years"), list(range(clock.today().year + 1, FIRST_YEAR - 1, -1))),
            (self.district_combo, self.tr("All districts"), districts),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for value in values:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def current_query(self) -> TitleQuery:
        kind = self.kind_combo.currentData()
        status = self.status_combo.currentData()
        return TitleQuery(
            text=self.search_edit.text(),
            kind=TitleKind(kind) if kind else None,
            status=TitleStatus(status) if status else None,
            district=self.district_combo.currentData(),
            year=self.year_combo.currentData(),
        )

    def refresh(self) -> None:
        self._timer.stop()
        self._load_choices()  # the register may have new districts (an import, an edit elsewhere)
        keep = self.selected_title()
        self.model.set_query(self.current_query())
        if keep is not None:
            self.select_id(keep.id)
        self._update_buttons()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 titles").replace("%1", f"{self.model.rowCount():,}"))

    def _update_buttons(self) -> None:
        title = self.selected_title()
        self.edit_button.setEnabled(title is not None and self.may_edit)
        self.revoke_button.setEnabled(
            title is not None and title.status is not TitleStatus.REVOKED and self.may_edit
        )

    def set_user(self, user: UserView | None) -> None:
        """The officer signed in now (the main window passes a new one on)."""
        self.user = user

    def set_may_edit(self, ok: bool, why: str = "") -> None:
        """Whether the signed-in officer may register, edit and revoke titles (`why`: the roles that may)."""
        self.may_edit = ok
        self.new_button.setEnabled(ok)
        self.new_button.setToolTip(self.tr("Ctrl+N") if ok else why)
        for button in (self.edit_button, self.revoke_button):
            button.setToolTip("" if ok else why)
        self._update_buttons()

    def selected_title(self) -> TitleView | None:
        index = self.table.currentIndex()
        return self.model.title_at(index.row()) if index.isValid() else None

    def select_id(self, title_id: int) -> None:
        row = self.model.row_of(title_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    # --- slots -------------------------------------------------------------------------------------------

    def on_search_text_changed(self, _text: str) -> None:
        if self.search_delay_ms <= 0:
            self.refresh()
        else:
            self._timer.start(self.search_delay_ms)

    def on_filter_changed(self, _index: int) -> None:
        self.refresh()

    def on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def on_activated(self, index: QModelIndex) -> None:
        title = self.model.title_at(index.row())
        if title is not None:
            self.open_dialog(title)

    # --- page protocol -----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def new_item(self) -> None:
        if self.may_edit:
            self.open_dialog(None)

    def edit_current(self) -> None:
        title = self.selected_title()
        if title is not None and self.may_edit:
            self.open_dialog(title)

    def revoke_current(self) -> RevokeDialog | None:
        title = self.selected_title()
        if title is None or title.status is TitleStatus.REVOKED:
            return None
        dialog = RevokeDialog(self.db, title, self, actor=permissions.actor(self.user))
        self._show(dialog)
        return dialog

    def open_dialog(self, title: TitleView | None) -> TitleDialog:
        dialog = TitleDialog(self.db, title, parent=self, actor=permissions.actor(self.user))
        self._show(dialog)
        return dialog

    def _show(self, dialog: TitleDialog | RevokeDialog) -> None:
        dialog.saved.connect(self.on_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def on_saved(self, view: TitleView) -> None:
        self.dialog = None
        self._load_choices()
        self.refresh()
        self.select_id(view.id)
        self._update_buttons()
