"""Dashboard figures, aggregated in SQL, against hand-computed ones on a small fixture database."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import update

from core.services import cases as cases_svc
from core.services import stats
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.store.models import now
from core.store.models_cases import RewardCase
from core.store.models_workflow import CasePayment
from core.store.uow import Database

M = Decimal
# (district, batch, stored kind, status, decided_on, city, province)
FIXTURE = [
    ("南海区", 7, "little-giant", "approved", date(2025, 3, 10), "1000000.00", "1000000.00"),
    ("南海区", 7, "single-champion", "paid", date(2025, 3, 20), "1500000.00", "1500000.00"),
    ("顺德区", 6, "little-giant", "approved", date(2025, 7, 1), "800000.50", "800000.50"),
    ("禅城区", 7, "little-giant", "approved", date(2024, 12, 31), "300000.00", "300000.00"),
    ("禅城区", 7, "little-giant", "under_review", None, None, None),
]


@pytest.fixture
def fixture_db(db: Database) -> tuple[Database, list[int]]:
    rng = random.Random(3)
    ids: list[int] = []
    for i, (district, batch, kind, status, decided, city, prov) in enumerate(FIXTURE):
        code = make_code(rng, "440605")
        with db.uow() as uow:
            add_enterprise(
                uow,
                EnterpriseInput(code=code, name=f"佛山市测试{i}号科技有限公司", district=district),
                actor="system",
            )
        with db.uow() as uow:
            add_title(
                uow,
                TitleInput(
                    enterprise_code=code, kind="little-giant", batch=batch, recognized_on="2025-07-18"
                ),
                actor="system",
            )
        with db.uow() as uow:
            case_id = cases_svc.create_case(uow, code, "little-giant", today=date(2025, 9, 1), actor="").id
        with db.uow() as uow:
            values: dict[str, object] = {"title_kind": kind, "status": status, "decided_on": decided}
            if city is not None:
                values.update(city_reward=M(city), province_match=M(prov))
            uow.session.execute(update(RewardCase).where(RewardCase.id == case_id).values(**values))
            uow.commit()
        ids.append(case_id)
    with db.uow() as uow:
        for line, amount in (("city_paid", "1500000.00"), ("province_paid", "700000.00")):
            uow.session.add(
                CasePayment(
                    case_id=ids[1], line=line, paid_on=date(2025, 11, 1), amount=M(amount),
                    voucher="V1", reason="", actor="wang", at=now(),
                )
            )  # fmt: skip
        uow.commit()
    return db, ids


def test_dashboard_figures_match_the_hand_computed_ones(fixture_db: tuple[Database, list[int]]) -> None:
    db, _ids = fixture_db
    with db.uow() as uow:
        d = stats.dashboard(uow, 2025)
        everything = stats.dashboard(uow, None)
    assert (d.committed.cases, d.committed.city, d.committed.province) == (
        3,
        M("3300000.50"),
        M("3300000.50"),
    )
    assert (d.paid_city, d.paid_province) == (M("1500000.00"), M("700000.00"))
    assert [(a.key, a.cases, a.city, a.total) for a in d.by_district] == [
        ("南海区", 2, M("2500000.00"), M("5000000.00")),
        ("顺德区", 1, M("800000.50"), M("1600001.00")),
    ]
    assert [(a.key, a.label, a.cases, a.city) for a in d.by_kind] == [
        ("little-giant", "专精特新“小巨人”", 2, M("1800000.50")),
        ("single-champion", "制造业单项冠军", 1, M("1500000.00")),
    ]
    assert [(a.key, a.cases, a.city) for a in d.by_month] == [
        ("03", 2, M("2500000.00")),
        ("07", 1, M("800000.50")),
    ]
    # all years: the 2024 decision counts too; the case under review has no amount in any year
    assert (everything.committed.cases, everything.committed.city) == (4, M("3600000.50"))
    assert [(s, n) for s, _label, n in everything.by_state] == [
        ("under_review", 1),
        ("approved", 3),
        ("paid", 1),
    ]
    assert [(s, n) for s, _label, n in d.by_state] == [("approved", 2), ("paid", 1)]  # decided in 2025
    assert [(k, b, n) for k, _label, b, n in everything.titles] == [
        ("little-giant", 6, 1),
        ("little-giant", 7, 4),
    ]
    assert d.to_json()["committed"] == {
        "key": "all", "label": "合计", "cases": 3, "city": "3300000.50", "province": "3300000.50"
    }  # fmt: skip


def test_every_figure_opens_the_cases_behind_it(fixture_db: tuple[Database, list[int]]) -> None:
    db, ids = fixture_db
    with db.uow() as uow:
        assert [r.id for r in stats.cases_behind(uow, 2025)] == ids[:3]
        assert [r.id for r in stats.cases_behind(uow, 2025, district="南海区")] == ids[:2]
        assert [r.id for r in stats.cases_behind(uow, 2025, kind="single-champion")] == [ids[1]]
        assert [r.id for r in stats.cases_behind(uow, 2025, month=7)] == [ids[2]]
        behind = stats.cases_behind(uow, None, state="under_review")
    assert [(r.id, r.state, r.district) for r in behind] == [(ids[4], "审查中", "禅城区")]
