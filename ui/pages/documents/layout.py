"""How the 文书 page is laid out: the case pick list, the document's options (type, date, 公示 days, draft,
the summary's period), the actions with the progress bar, and the PDF preview. `DocumentsPage`
(ui.pages.documents.page) builds itself with these; its texts keep the page's translation context."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    Qt,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.domain import clock
from core.services import documents as svc
from ui.pages.documents.titles import DOC_TITLES
from ui.workers import DelayedProgress


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DocumentsPageLayout(QWidget):
    """The widgets of the 文书 page (see ui.pages.documents.page for what they do)."""

    def _build_cases(self, lv: QVBoxLayout) -> None:
        """The search field and the table of cases to choose from."""
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate("DocumentsPage", "Search enterprise name or credit code")
        )
        self.case_table = QTableWidget(0, 6)
        self.case_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("DocumentsPage", "Case"),
                QCoreApplication.translate("DocumentsPage", "Enterprise"),
                QCoreApplication.translate("DocumentsPage", "Title"),
                QCoreApplication.translate("DocumentsPage", "City reward"),
                QCoreApplication.translate("DocumentsPage", "Total"),
                QCoreApplication.translate("DocumentsPage", "Status"),
            ]
        )
        self.case_table.verticalHeader().setVisible(False)
        self.case_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.case_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.case_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 48), (2, 110), (3, 104), (4, 104), (5, 84)):  # the name takes the rest
            self.case_table.setColumnWidth(column, width)
        self.selection_label = QLabel()
        lv.addWidget(self.search_edit)
        lv.addWidget(self.case_table, 1)
        lv.addWidget(self.selection_label)

    def _build_options(self) -> QFormLayout:
        """The document, its date, the 公示 length, draft, a summary's period; and the rules label below."""
        self.type_combo = QComboBox()
        for key, title in DOC_TITLES.items():
            self.type_combo.addItem(QCoreApplication.translate("DocumentsPage", title), key)
        self.date_edit = QDateEdit(qdate(clock.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(
            QCoreApplication.translate(
                "DocumentsPage",
                "The date printed on the document. It starts at the document's own date (a public notice: "
                "its start; a funding notice: the day it is issued; an approval form: the decision date) and "
                "may not be later than today.",
            )
        )
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 30)
        self.days_spin.setValue(svc.DEFAULT_PUBLICITY_DAYS)
        self.days_label = QLabel(QCoreApplication.translate("DocumentsPage", "Public notice (working days):"))
        self.draft_check = QCheckBox(
            QCoreApplication.translate("DocumentsPage", "Draft (no document number, not recorded)")
        )
        today = qdate(clock.today())
        self.period_from = QDateEdit(QDate(today.year(), 1, 1))
        self.period_to = QDateEdit(today)
        for edit in (self.period_from, self.period_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.period_button = QPushButton(
            QCoreApplication.translate("DocumentsPage", "Select cases approved in this period")
        )
        self.period_label = QLabel(QCoreApplication.translate("DocumentsPage", "Approved from:"))
        self.period_row = QWidget()
        prow = QHBoxLayout(self.period_row)
        prow.setContentsMargins(0, 0, 0, 0)
        prow.addWidget(self.period_from)
        prow.addWidget(QLabel(QCoreApplication.translate("DocumentsPage", "to")))
        prow.addWidget(self.period_to)
        prow.addWidget(self.period_button)
        prow.addStretch(1)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("DocumentsPage", "Document:"), self.type_combo)
        form.addRow(QCoreApplication.translate("DocumentsPage", "Date:"), self.date_edit)
        form.addRow(self.days_label, self.days_spin)
        form.addRow("", self.draft_check)
        form.addRow(self.period_label, self.period_row)
        self.rules_label = QLabel()
        self.rules_label.setObjectName("document_rules")
        self.rules_label.setWordWrap(True)
        self.rules_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return form

    def _build_actions(self, lv: QVBoxLayout) -> None:
        """Preview, save, print and cancel; the progress bar and the message line."""
        self.preview_button = QPushButton(QCoreApplication.translate("DocumentsPage", "Preview"))
        self.save_button = QPushButton(QCoreApplication.translate("DocumentsPage", "Save…"))
        self.print_button = QPushButton(QCoreApplication.translate("DocumentsPage", "Print…"))
        self.cancel_button = QPushButton(QCoreApplication.translate("DocumentsPage", "Cancel"))
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_reveal = DelayedProgress([self.progress], self)  # shown once work runs ~0.5 s
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.save_button, self.print_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lv.addLayout(buttons)
        lv.addWidget(self.progress)
        lv.addWidget(self.message)

    def _build_preview(self) -> QWidget:
        """The PDF preview, with the warnings about the document's date above it."""
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        # Beside the preview: what is odd about the document's date (printed anyway).
        self.date_warnings = QLabel()
        self.date_warnings.setObjectName("date_warnings")
        self.date_warnings.setWordWrap(True)
        self.date_warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.date_warnings.setStyleSheet("color: #9a5b00;")
        self.date_warnings.setVisible(False)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.date_warnings)
        rv.addWidget(self.pdf_view, 1)
        return right
