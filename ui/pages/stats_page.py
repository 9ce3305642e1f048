"""统计: the bureau's view of its money at a glance.

Cards (cases by state, approved and paid amounts per line, budget remaining), QtCharts bar charts (approved
amounts by district, by title kind, by month; budget usage per line) and enterprises with titles by kind and
batch. Everything is filtered by the year chosen at the top; every chart can be saved as PNG; clicking a card
or a bar opens the list of cases behind it. The figures are aggregated in SQL (core.services.stats).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain import clock
from core.domain.money import fmt_yuan
from core.services import budget as budget_svc
from core.services import stats as svc
from core.store.uow import Database

WAN = Decimal(10000)


def _wan(amount: Decimal) -> float:
    return float(amount / WAN)  # chart heights only; every figure shown as text stays a Decimal


class CasesBehindDialog(QDialog):
    """The cases a figure counts (non-modal, so the dashboard stays usable)."""

    def __init__(self, title: str, rows: Sequence[svc.CaseRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Cases: %1").replace("%1", str(len(rows)))))
        headers = [
            self.tr("Case"),
            self.tr("Enterprise"),
            self.tr("District"),
            self.tr("Title kind"),
            self.tr("State"),
            self.tr("Decided on"),
            self.tr("City reward (yuan)"),
            self.tr("Provincial matching (yuan)"),
        ]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            values = [
                str(row.id),
                row.enterprise,
                row.district,
                row.kind,
                row.state,
                row.decided_on.isoformat() if row.decided_on else "",
                fmt_yuan(row.city) if row.city is not None else "",
                fmt_yuan(row.province) if row.province is not None else "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (0, 6, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)


class ChartBox(QGroupBox):
    """A chart with its PNG export button."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.name = name
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(260)
        self.export_button = QPushButton(self.tr("Save as PNG…"))
        self.export_button.clicked.connect(self._export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.export_button, alignment=Qt.AlignmentFlag.AlignRight)

    def clear(self) -> None:
        """Start a new chart (series and axes of the old one go with it)."""
        old = self.chart
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view.setChart(self.chart)
        old.deleteLater()

    def save_png(self, path: Path) -> bool:
        return self.view.grab().save(str(path), "PNG")

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.name}.png", self.tr("PNG images (*.png)")
        )
        if path:
            self.save_png(Path(path))


class StatsPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.data: svc.Dashboard | None = None
        self.year_budget: budget_svc.YearBudget | None = None
        self.dialogs: list[CasesBehindDialog] = []
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year:")))
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.year)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        self.note = QLabel(
            self.tr("Amounts count the approved cases decided in the year; click a figure for its cases.")
        )
        self.note.setWordWrap(True)
        bar.addWidget(self.note)
        outer.addLayout(bar)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        self.state_box = QGroupBox(self.tr("Cases by state"))
        self.state_cards = QHBoxLayout(self.state_box)
        self.body.addWidget(self.state_box)
        self.money_box = QGroupBox(self.tr("Money"))
        self.money_cards = QGridLayout(self.money_box)
        self.body.addWidget(self.money_box)
        self.cards: dict[str, QPushButton] = {}

        grid = QGridLayout()
        self.district_chart = ChartBox(self.tr("Approved amounts by district (10,000 yuan)"), "by-district")
        self.kind_chart = ChartBox(self.tr("Approved amounts by title kind (10,000 yuan)"), "by-title-kind")
        self.month_chart = ChartBox(self.tr("Approved amounts by month (10,000 yuan)"), "by-month")
        self.budget_chart = ChartBox(self.tr("Budget usage (10,000 yuan)"), "budget-usage")
        grid.addWidget(self.district_chart, 0, 0)
        grid.addWidget(self.kind_chart, 0, 1)
        grid.addWidget(self.month_chart, 1, 0)
        grid.addWidget(self.budget_chart, 1, 1)
        self.body.addLayout(grid)
        self.charts = (self.district_chart, self.kind_chart, self.month_chart, self.budget_chart)

        titles_box = QGroupBox(self.tr("Enterprises with valid titles, by kind and batch"))
        self.titles_table = QTableWidget(0, 3)
        self.titles_table.setHorizontalHeaderLabels(
            [self.tr("Title kind"), self.tr("Batch"), self.tr("Enterprises")]
        )
        self.titles_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.titles_table.verticalHeader().setVisible(False)
        self.titles_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.titles_table.setMinimumHeight(160)
        QVBoxLayout(titles_box).addWidget(self.titles_table)
        self.body.addWidget(titles_box)

        self._fill_years()

    # ------------------------------------------------------------------------------------------- data

    def selected_year(self) -> int | None:
        value = self.year.currentData()
        return int(value) if value is not None else None

    def _fill_years(self) -> None:
        with self.db.uow() as uow:
            found = svc.years(uow)
        years = {*found, clock.today().year}
        default = found[0] if found else clock.today().year
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for y in sorted(years, reverse=True):
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(default)))
        self.year.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        year = self.selected_year()
        with self.db.uow() as uow:
            self.data = svc.dashboard(uow, year)
            self.year_budget = budget_svc.show(uow, year) if year is not None else None
        self._show_cards()
        self._show_charts()
        self._show_titles()

    # ------------------------------------------------------------------------------------------ cards

    @staticmethod
    def _clear(layout: Any) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _card(self, key: str, text: str, on_click: Callable[..., object]) -> QPushButton:
        button = QPushButton(text)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("QPushButton { text-align: left; padding: 6px; font-size: 13px; }")
        button.clicked.connect(on_click)
        self.cards[key] = button
        return button

    def _show_cards(self) -> None:
        assert self.data is not None
        d = self.data
        self.cards = {}
        self._clear(self.state_cards)
        self._clear(self.money_cards)
        if not d.by_state:
            self.state_cards.addWidget(QLabel(self.tr("No cases yet.")))
        for state, label, count in d.by_state:
            self.state_cards.addWidget(
                self._card(
                    f"state:{state}",
                    f"{label}\n{count}",
                    lambda *_, s=state, lb=label: self.open_cases(lb, state=s),
                )
            )
        self.state_cards.addStretch(1)
        all_cases = self.tr("Approved cases")
        rows: list[tuple[str, str, str]] = [
            ("committed:cases", all_cases, str(d.committed.cases)),
            ("committed:city", self.tr("City reward approved (yuan)"), fmt_yuan(d.committed.city)),
            (
                "committed:province",
                self.tr("Provincial matching approved (yuan)"),
                fmt_yuan(d.committed.province),
            ),
            ("paid:city", self.tr("City reward paid (yuan)"), fmt_yuan(d.paid_city)),
            ("paid:province", self.tr("Provincial matching paid (yuan)"), fmt_yuan(d.paid_province)),
        ]
        yb = self.year_budget
        if yb is not None:
            for key, line in (("remaining:city", yb.city), ("remaining:province", yb.province)):
                text = fmt_yuan(line.remaining) if line.is_set else self.tr("no budget set")
                label = (
                    self.tr("City budget remaining (yuan)")
                    if line.line == "city"
                    else self.tr("Provincial funds remaining (yuan)")
                )
                rows.append((key, label, text))
            rows.append(
                (
                    "received:province",
                    self.tr("Provincial funds received (yuan)"),
                    fmt_yuan(yb.province.received or Decimal(0)),
                )
            )
        for i, (key, label, value) in enumerate(rows):
            card = self._card(key, f"{label}\n{value}", lambda *_, lb=label: self.open_cases(lb))
            self.money_cards.addWidget(card, i // 4, i % 4)

    # ----------------------------------------------------------------------------------------- charts

    def _bars(
        self,
        box: ChartBox,
        categories: list[str],
        sets: list[tuple[str, list[float]]],
        on_click: Callable[[int], object] | None,
        horizontal: bool = False,
    ) -> None:
        box.clear()
        series: QBarSeries | QHorizontalBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        top = 0.0
        for name, values in sets:
            bar_set = QBarSet(name)
            for v in values:
                bar_set.append(v)
                top = max(top, v)
            if on_click is not None:
                bar_set.clicked.connect(on_click)
            series.append(bar_set)
        box.chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append(categories or [self.tr("(none)")])
        values_axis = QValueAxis()
        values_axis.setRange(0, top * 1.1 if top > 0 else 1)
        values_axis.setLabelFormat("%.0f")
        if horizontal:
            box.chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
            box.chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            box.chart.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
            box.chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cats)
        series.attachAxis(values_axis)

    def _amount_sets(self, groups: Sequence[svc.Amounts]) -> list[tuple[str, list[float]]]:
        return [
            (self.tr("City reward"), [_wan(a.city) for a in groups]),
            (self.tr("Provincial matching"), [_wan(a.province) for a in groups]),
        ]

    def _show_charts(self) -> None:
        assert self.data is not None
        d = self.data
        self._bars(
            self.district_chart,
            [a.label or self.tr("(no district)") for a in d.by_district],
            self._amount_sets(d.by_district),
            lambda i: self.open_cases(d.by_district[i].label, district=d.by_district[i].key),
        )
        self._bars(
            self.kind_chart,
            [a.label for a in d.by_kind],
            self._amount_sets(d.by_kind),
            lambda i: self.open_cases(d.by_kind[i].label, kind=d.by_kind[i].key),
        )
        self._bars(
            self.month_chart,
            [a.label for a in d.by_month],
            self._amount_sets(d.by_month),
            lambda i: self.open_cases(d.by_month[i].label, month=int(d.by_month[i].key)),
        )
        yb = self.year_budget
        lines = [yb.city, yb.province] if yb is not None else []
        self._bars(
            self.budget_chart,
            [line.label for line in lines],
            [
                (self.tr("Budget"), [_wan(line.budget) for line in lines]),
                (self.tr("Approved"), [_wan(line.committed) for line in lines]),
                (self.tr("Paid"), [_wan(line.paid) for line in lines]),
            ],
            None,
            horizontal=True,
        )

    def _show_titles(self) -> None:
        assert self.data is not None
        rows = self.data.titles
        self.titles_table.setRowCount(len(rows))
        for r, (_kind, label, batch, count) in enumerate(rows):
            for c, value in enumerate((label, self.tr("Batch %1").replace("%1", str(batch)), str(count))):
                item = QTableWidgetItem(value)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.titles_table.setItem(r, c, item)

    # ----------------------------------------------------------------------------------------- drill

    def open_cases(self, title: str, **where: Any) -> CasesBehindDialog:
        year = self.selected_year()
        with self.db.uow() as uow:
            rows = svc.cases_behind(uow, year, **where)
        year_text = str(year) if year is not None else QCoreApplication.translate("StatsPage", "All years")
        dialog = CasesBehindDialog(f"{title} · {year_text}", rows, self)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog
