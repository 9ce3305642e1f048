"""企业库: search-as-you-type over the register, filters, a detail pane with the enterprise's titles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.enums import Field, TitleKind
from core.services import enterprises as svc
from core.services import titles as title_svc
from core.services.enterprises import EnterpriseQuery, EnterpriseView
from core.services.errors import NotFound
from core.services.titles import TitleQuery
from core.services.users import UserView
from core.store.uow import Database
from ui import labels, permissions
from ui.dialogs.enterprise_dialog import EnterpriseDialog
from ui.models.enterprise_table import EnterpriseTableModel

SEARCH_DELAY_MS = 100
PRELOAD_DELAY_MS = 150  # after a refresh, before the search texts are read: the table paints first


if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from ui.widgets.case_process import HistoryList


class EnterpriseDetail(QWidget):
    """The selected enterprise's fields and its national titles. Emits `enterprise_shown(view or None)` each
    time it shows one (the 历史 tab follows it)."""

    enterprise_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.name_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, label in (
            ("code", self.tr("Credit code:")),
            ("district", self.tr("District:")),
            ("field", self.tr("Field:")),
            ("field_reason", self.tr("Reason for the field:")),
            ("reg_status", self.tr("Registration status:")),
            ("former_names", self.tr("Former names:")),
            ("address", self.tr("Address:")),
            ("legal_rep", self.tr("Legal representative:")),
            ("contact", self.tr("Contact:")),
            ("code_override_reason", self.tr("Code kept because:")),
            ("notes", self.tr("Notes:")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        self.titles_header = QLabel(self.tr("National titles"))
        self.titles_header.setStyleSheet("font-weight: bold; margin-top: 8px;")
        self.titles_table = QTableWidget(0, 4)
        self.titles_table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Recognised on"), self.tr("Status"), self.tr("Doc no.")]
        )
        self.titles_table.verticalHeader().setVisible(False)
        self.titles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.titles_table.horizontalHeader().setStretchLastSection(True)
        self.titles_table.setMinimumHeight(120)
        self.empty_label = QLabel(self.tr("Select an enterprise to see its details."))
        self.empty_label.setStyleSheet("color: #666;")

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.name_label)
        content.addLayout(form)
        content.addWidget(self.titles_header)
        content.addWidget(self.titles_table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.content, 1)
        layout.addStretch(0)
        self.show_enterprise(None, [])

    def show_enterprise(self, view: EnterpriseView | None, titles: list[title_svc.TitleView]) -> None:
        self._fill(view, titles)
        self.enterprise_shown.emit(view)

    def _fill(self, view: EnterpriseView | None, titles: list[title_svc.TitleView]) -> None:
        self.empty_label.setVisible(view is None)
        self.content.setVisible(view is not None)
        self.name_label.setText(view.name if view else "")
        if view is None:
            for value in self.values.values():
                value.setText("")
            self.titles_table.setRowCount(0)
            return
        contact = "  ".join(p for p in (view.contact_person, view.contact_phone) if p)
        texts = {
            "code": view.code,
            "district": view.district,
            "field": labels.field(view.field),
            "field_reason": view.field_reason,
            "reg_status": labels.reg_status(view.reg_status),
            "former_names": "；".join(view.former_names),
            "address": view.address,
            "legal_rep": view.legal_rep,
            "contact": contact,
            "code_override_reason": view.code_override_reason,
            "notes": view.notes,
        }
        for key, text in texts.items():
            self.values[key].setText(text or "—")
        self.titles_table.setRowCount(len(titles))
        for row, t in enumerate(titles):
            kind = labels.short_kind(t.kind) + f"（{labels.batch(t.batch)}）"
            if t.re_review:
                kind += self.tr(" [re-review]")
            tip = labels.title_kind(t.kind)
            if t.champion_type is not None:
                tip += f"（{labels.champion_type(t.champion_type)}）"
            if t.product:
                tip += f"：{t.product}"
            if t.status_reason:
                tip += f"\n{t.status_reason}"
            cells = (kind, t.recognized_on.isoformat(), labels.title_status(t.status), t.doc_no)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.titles_table.setItem(row, col, item)
        self.titles_table.resizeColumnsToContents()


class EnterprisesPage(QWidget):
    # Set by ui.widgets.case_process.attach_history_to_enterprises_page (the detail's 历史 tab).
    history_list: HistoryList
    detail_tabs: QTabWidget

    def __init__(self, db: Database, parent: QWidget | None = None, user: UserView | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user  # the signed-in officer: changes made from this page are recorded under this name
        self.search_delay_ms = SEARCH_DELAY_MS  # a benchmark may set 0: search on every keystroke at once
        self.dialog: EnterpriseDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("Search name, former name, credit code or district (Ctrl+F)")
        )
        self.search_edit.setMinimumWidth(300)
        self.district_combo = QComboBox()
        self.district_combo.setMinimumContentsLength(6)
        self.field_combo = QComboBox()
        self.field_combo.addItem(self.tr("All fields"), None)
        for value in Field:
            self.field_combo.addItem(labels.field(value), value.value)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Any title"), None)
        for kind in TitleKind:
            self.kind_combo.addItem(labels.title_kind(kind), kind.value)
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("New enterprise"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setEnabled(False)
        self.may_edit = True  # the permission table (ui.permissions): set by the main window for its officer

        self.model = EnterpriseTableModel(db, self)
        self._build_table()

        self.detail = EnterpriseDetail()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        scroll.setMinimumWidth(300)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.district_combo)
        filters.addWidget(self.field_combo)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.edit_button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._load_districts()
        self._connect_signals()
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setSortingEnabled(True)  # after the first query: it asks the model to sort (a no-op now)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        for col, width in enumerate((250, 160, 65, 115, 50)):
            header.resizeSection(col, width)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self.on_search_text_changed)
        self._timer.timeout.connect(self.search)
        for combo in (self.district_combo, self.field_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.table.activated.connect(self.on_activated)
        self.model.modelReset.connect(self._update_count)
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_current)

    def _load_districts(self) -> None:
        current = self.district_combo.currentData()
        with self.db.uow() as uow:
            names = svc.districts(uow)
        self.district_combo.blockSignals(True)
        self.district_combo.clear()
        self.district_combo.addItem(self.tr("All districts"), None)
        for name in names:
            self.district_combo.addItem(name, name)
        self.district_combo.setCurrentIndex(max(self.district_combo.findData(current), 0))
        self.district_combo.blockSignals(False)

    # --- the query ---------------------------------------------------------------------------------------

    def current_query(self) -> EnterpriseQuery:
        header = self.table.horizontalHeader()
        sort_key = self.model.query.sort
        field = self.field_combo.currentData()
        kind = self.kind_combo.currentData()
        return EnterpriseQuery(
            text=self.search_edit.text(),
            district=self.district_combo.currentData(),
            field=Field(field) if field else None,
            title_kind=TitleKind(kind) if kind else None,
            sort=sort_key,
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def refresh(self) -> None:
        """Read the register again (it may have changed) and show the query's result; the search texts are
        read a moment later (once the table is painted; ~0.1 s for 100,000), so the first keystroke finds them
        ready. The district choices are read again too (an import may have added a district)."""
        self._load_districts()
        self.model.invalidate()
        self.search()
        QTimer.singleShot(PRELOAD_DELAY_MS, self, self._preload_search_texts)

    def _preload_search_texts(self) -> None:
        try:
            self.model.search_texts()
        except Exception:  # only a head start: the first keystroke reads them itself (and reports a failure)
            self.model.invalidate_texts()

    def search(self) -> None:
        """Show the query's result, keeping the selected enterprise selected when it still matches."""
        self._timer.stop()
        keep = self.selected_id()
        self.model.set_query(self.current_query())
        self.select_id(keep)
        if self.selected_id() is None:
            self.on_current_changed(QModelIndex(), QModelIndex())

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 enterprises").replace("%1", f"{self.model.rowCount():,}"))

    # --- selection ---------------------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, enterprise_id: int | None) -> None:
        if enterprise_id is None:
            return
        row = self.model.row_of(enterprise_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def load_detail(self, enterprise_id: int | None) -> None:
        if enterprise_id is None:
            self.detail.show_enterprise(None, [])
            return
        try:
            with self.db.uow() as uow:
                view = svc.get_enterprise(uow, enterprise_id)
                titles = title_svc.list_titles(uow, TitleQuery(enterprise_id=enterprise_id))
        except NotFound:
            self.detail.show_enterprise(None, [])
            return
        self.detail.show_enterprise(view, titles)

    # --- slots -------------------------------------------------------------------------------------------

    def on_search_text_changed(self, _text: str) -> None:
        if self.search_delay_ms <= 0:
            self.search()
        else:
            self._timer.start(self.search_delay_ms)

    def on_filter_changed(self, _index: int) -> None:
        self.refresh()

    def on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        enterprise_id = self.model.id_at(current.row()) if current.isValid() else None
        self.edit_button.setEnabled(enterprise_id is not None and self.may_edit)
        self.load_detail(enterprise_id)

    def on_activated(self, index: QModelIndex) -> None:
        enterprise_id = self.model.id_at(index.row())
        if enterprise_id is not None:
            self.open_dialog(enterprise_id)

    # --- page protocol (the main window's shortcuts) ----------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def new_item(self) -> None:
        if self.may_edit:
            self.open_dialog(None)

    def set_user(self, user: UserView | None) -> None:
        """The officer signed in now (the main window passes a new one on)."""
        self.user = user

    def set_may_edit(self, ok: bool, why: str = "") -> None:
        """Whether the signed-in officer may register and edit enterprises (`why`: the roles that may)."""
        self.may_edit = ok
        self.new_button.setEnabled(ok)
        self.new_button.setToolTip(self.tr("Ctrl+N") if ok else why)
        self.edit_button.setEnabled(ok and self.selected_id() is not None)
        self.edit_button.setToolTip("" if ok else why)

    def edit_current(self) -> None:
        enterprise_id = self.selected_id()
        if enterprise_id is not None and self.may_edit:
            self.open_dialog(enterprise_id)

    def open_dialog(self, enterprise_id: int | None) -> EnterpriseDialog:
        view = None
        if enterprise_id is not None:
            with self.db.uow() as uow:
                view = svc.get_enterprise(uow, enterprise_id)
        names = [self.district_combo.itemText(i) for i in range(1, self.district_combo.count())]
        dialog = EnterpriseDialog(self.db, view, names, self, actor=permissions.actor(self.user))
        dialog.saved.connect(self.on_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def on_saved(self, view: EnterpriseView) -> None:
        self.dialog = None
        self._load_districts()
        self.refresh()
        self.select_id(view.id)
        self.load_detail(view.id)
