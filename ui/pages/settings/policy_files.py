"""设置 → 政策文件: the policy files in use, and adding one (validated first; for a provincial policy, the open
cases whose amounts it would change are listed before it is installed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.policy.model import KIND_POLICY
from core.services import cases as case_svc
from core.services import policies as svc
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import permissions
from ui.widgets.form import ERROR_STYLE


class PolicyFilesTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None, user: UserView | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user  # the signed-in officer: installing a file is recorded under this name
        self.candidate: Path | None = None
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Id"),
                self.tr("Title"),
                self.tr("Document no."),
                self.tr("Content hash"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Check a policy file…"))
        self.install_button = QPushButton(self.tr("Use this file"))
        self.install_button.setEnabled(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.install_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Policy files in use (an added file overrides a shipped one with the same id):"))
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.report, 1)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.install_button.clicked.connect(self.install)
        self.refresh()

    def refresh(self) -> None:
        infos = svc.list_policies()
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            kind = (
                self.tr("Provincial policy") if info.kind == KIND_POLICY else self.tr("City reward schedule")
            )
            for col, text in enumerate((kind, info.id, info.title, info.doc_no, info.sha256[:12] + "…")):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)

    def on_add_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a policy file"), "", self.tr("Policy files (*.toml)")
        )
        if path:
            self.choose_file(Path(path))

    def choose_file(self, path: Path) -> bool:
        """Validate the file and show what it would change; True if it may be installed."""
        self.candidate = None
        self.install_button.setEnabled(False)
        self.report.clear()
        try:
            info = svc.validate_policy_file(path)
            lines: list[str] = []
            if info.kind == KIND_POLICY:
                with self.db.uow() as uow:
                    impact = case_svc.impact_check(uow, path.read_bytes(), path.name)
                lines.append(
                    self.tr("Open cases under %1: %2; amounts would change in %3.")
                    .replace("%1", info.id)
                    .replace("%2", str(impact.checked))
                    .replace("%3", str(len(impact.changed)))
                )
                for x in impact.changed:
                    lines.append(
                        f"#{x.case_id} {x.enterprise_name}: {x.old_province:,.2f} → {x.new_province:,.2f}"
                        f"（{x.old_total:,.2f} → {x.new_total:,.2f}）"
                    )
            if info.inferred:
                lines.append(self.tr("Values marked as inferred: %1").replace("%1", ", ".join(info.inferred)))
        except ServiceError as exc:
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.status_label.setText(str(exc))
            return False
        self.status_label.setStyleSheet("")
        self.status_label.setText(
            self.tr("Valid: %1 (%2)").replace("%1", info.title).replace("%2", info.doc_no)
        )
        self.report.setPlainText("\n".join(lines))
        self.candidate = path
        self.install_button.setEnabled(True)
        return True

    def install(self) -> None:
        if self.candidate is None:
            return
        try:
            with self.db.uow() as uow:  # audited under the signed-in officer
                info = svc.install_policy_file(uow, self.candidate, actor=permissions.actor(self.user))
        except ServiceError as exc:
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.status_label.setText(str(exc))
            return
        self.status_label.setText(self.tr("Now in use: %1").replace("%1", info.id))
        self.candidate = None
        self.install_button.setEnabled(False)
        self.refresh()
