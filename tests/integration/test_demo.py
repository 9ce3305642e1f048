"""The demo register a newcomer sees: realistic, valid and varied."""

from __future__ import annotations

from collections import Counter

import pytest

from core.domain import uscc
from core.domain.enums import TitleKind, TitleStatus
from core.services import demo
from core.services import enterprises as svc
from core.services import titles as tsvc
from core.services.errors import Conflict
from core.store.uow import Database


def test_demo_set_is_valid_and_varied(db: Database) -> None:
    with db.uow() as uow:
        report = demo.load(uow)
    assert report.enterprises == 200
    with db.uow() as uow:
        ents = svc.search(uow, svc.EnterpriseQuery())
        titles = tsvc.list_titles(uow)
    assert all(uscc.check(e.code).ok for e in ents)
    assert len({e.code for e in ents}) == 200
    assert set(Counter(e.district for e in ents)) == set(demo.DISTRICTS)
    fields = Counter(e.field.value for e in ents)
    assert fields["ai"] and fields["robotics"] and fields["other"]
    kinds = Counter(t.kind for t in titles)
    assert kinds[TitleKind.LITTLE_GIANT] > 20 and kinds[TitleKind.SINGLE_CHAMPION] >= 2
    assert any(t.re_review for t in titles)
    assert any(t.status is TitleStatus.REVOKED and t.status_reason for t in titles)
    assert len({t.batch for t in titles if t.kind is TitleKind.LITTLE_GIANT}) >= 3
    holders = Counter(t.enterprise_id for t in titles if not t.re_review)
    assert any(
        {t.kind for t in titles if t.enterprise_id == ent_id} == set(TitleKind) for ent_id in holders
    ), "an enterprise holding both kinds shows the stacking rule"


def test_demo_is_refused_on_a_database_that_already_has_it(db: Database) -> None:
    with db.uow() as uow:
        demo.load(uow, count=20)
    with db.uow() as uow, pytest.raises(Conflict, match="演示数据"):
        demo.load(uow, count=20)


def test_demo_is_deterministic() -> None:
    assert [e.code for e, _ in demo.generate(30, seed=7)] == [e.code for e, _ in demo.generate(30, seed=7)]
