"""The 统计 dashboard: figures on cards and charts for the chosen year, PNG export, drill-down to the cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtWidgets import QFileDialog

from core.services import budget
from core.store.uow import Database
from tests.integration.test_stats import fixture_db  # noqa: F401 - the same hand-checked fixture database
from ui.pages.stats_page import StatsPage


@pytest.fixture
def page(qtbot: Any, fixture_db: tuple[Database, list[int]]) -> StatsPage:  # noqa: F811
    db, _ids = fixture_db
    with db.uow() as uow:
        budget.set_line(uow, "admin", 2025, "city", "4000000")
    widget = StatsPage(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _choose(page: StatsPage, year: int | None) -> None:
    page.year.setCurrentIndex(page.year.findData(year))


def test_cards_and_charts_show_the_years_figures(page: StatsPage) -> None:
    _choose(page, 2025)
    cards = {k: b.text().split("\n")[1] for k, b in page.cards.items()}
    assert cards["committed:cases"] == "3"
    assert cards["committed:city"] == "3,300,000.50"
    assert cards["paid:province"] == "700,000.00"
    assert cards["remaining:city"] == "699,999.50"
    series = page.district_chart.chart.series()[0]
    assert isinstance(series, QBarSeries)
    city = series.barSets()[0]
    assert [city.at(i) for i in range(city.count())] == [250.0, 80.00005]  # 万元: 南海区, 顺德区
    _choose(page, None)
    assert page.cards["committed:cases"].text().endswith("\n4")
    assert "remaining:city" not in page.cards  # a budget belongs to a year
    assert page.titles_table.rowCount() == 2


def test_a_card_and_a_bar_open_the_cases_behind_them(
    page: StatsPage,
    fixture_db: tuple[Database, list[int]],  # noqa: F811
) -> None:
    _db, ids = fixture_db
    _choose(page, 2025)
    page.cards["committed:city"].click()
    dialog = page.dialogs[-1]
    assert dialog.table.rowCount() == 3
    assert [dialog.table.item(r, 0).text() for r in range(3)] == [str(i) for i in ids[:3]]
    series = page.district_chart.chart.series()[0]
    assert isinstance(series, QBarSeries)
    series.barSets()[0].clicked.emit(1)  # 顺德区
    assert [page.dialogs[-1].table.item(0, 2).text()] == ["顺德区"] and page.dialogs[-1].table.rowCount() == 1


def test_a_chart_is_saved_as_png(page: StatsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "district.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.district_chart.export_button.click()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
