"""`load`: the demo register bulk-inserted and audited under `demo` in one transaction, then (with `cases`) the
demo's officers, budgets and cases; the `DemoReport` of what was made."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from core.domain.titles import expires_on
from core.services import audit
from core.services.demo.cases import _ROLE_LABELS, DEMO_OFFICERS, _Cases
from core.services.demo.register import generate
from core.services.enterprises import AUDITED_FIELDS as ENTERPRISE_AUDITED
from core.services.enterprises import validate_enterprise
from core.services.errors import Conflict
from core.services.titles import AUDITED_FIELDS as TITLE_AUDITED
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase
from core.store.models_users import User
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class DemoReport:
    enterprises: int
    titles: int
    cases: int = 0
    by_state: Mapping[str, int] = field(default_factory=dict)
    officers: tuple[tuple[str, str, str], ...] = ()  # (name, display name, role label)
    budget_years: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "enterprises": self.enterprises,
            "titles": self.titles,
            "cases": self.cases,
            "by_state": dict(self.by_state),
            "officers": [{"name": n, "display_name": d, "role": r} for n, d, r in self.officers],
            "budget_years": list(self.budget_years),
        }


def _audit_register(
    uow: UnitOfWork,
    ent_rows: Sequence[tuple[int, Mapping[str, Any]]],
    title_rows: Sequence[tuple[int, Mapping[str, Any]]],
) -> None:
    trail = audit.Appender(uow.session, audit.DEMO)
    for start in range(0, len(ent_rows), 5000):
        trail.add(
            [
                ("enterprise", i, "create", audit.created({k: v[k] for k in ENTERPRISE_AUDITED}))
                for i, v in ent_rows[start : start + 5000]
            ]
        )
    for start in range(0, len(title_rows), 5000):
        trail.add(
            [
                ("title", i, "create", audit.created({k: v[k] for k in TITLE_AUDITED}))
                for i, v in title_rows[start : start + 5000]
            ]
        )


def load(
    uow: UnitOfWork, count: int = 200, seed: int = 2025, *, cases: bool = True, today: date | None = None
) -> DemoReport:
    """Insert the demo register in one transaction (bulk inserts, audited under `demo`), then, with `cases`,
    the demo officers, budgets and reward cases through the services (each step its own transaction)."""
    rows = generate(count, seed)
    session = uow.session
    ent_values = [validate_enterprise(ent).values for ent, _ in rows]
    found = [
        label
        for label, model in (("企业", Enterprise), ("奖励案件", RewardCase), ("用户", User))
        if session.scalar(select(model.id).limit(1)) is not None
    ]
    if found:
        raise Conflict(
            f"演示数据只生成在空数据库中：此数据库已有{'、'.join(found)}，未写入任何数据。"
            "请换一个新的数据库文件（如 --db demo.sqlite）再生成演示数据。"
        )
    ent_ids: list[int] = []
    for start in range(0, len(ent_values), 5000):
        chunk = ent_values[start : start + 5000]
        ent_ids.extend(
            session.scalars(insert(Enterprise).returning(Enterprise.id, sort_by_parameter_order=True), chunk)
        )
    title_values: list[dict[str, object]] = []
    for (_ent, titles), ent_id in zip(rows, ent_ids, strict=True):
        for t in titles:
            title_values.append(
                {
                    "enterprise_id": ent_id,
                    "kind": t.kind.value,
                    "champion_type": t.champion_type.value if t.champion_type else None,
                    "product": t.product,
                    "batch": t.batch,
                    "recognized_on": t.recognized_on,
                    "recognized_year": t.recognized_on.year,
                    "doc_no": t.doc_no,
                    "re_review": t.re_review,
                    "status": t.status.value,
                    "status_on": t.status_on,
                    "status_reason": t.status_reason,
                    "expires_on": expires_on(t.recognized_on),
                    "source": "manual",
                }
            )
    title_ids: list[int] = []
    for start in range(0, len(title_values), 5000):
        chunk = title_values[start : start + 5000]
        title_ids.extend(
            session.scalars(
                insert(NationalTitle).returning(NationalTitle.id, sort_by_parameter_order=True), chunk
            )
        )
    _audit_register(
        uow, list(zip(ent_ids, ent_values, strict=True)), list(zip(title_ids, title_values, strict=True))
    )
    uow.commit()
    report = DemoReport(len(ent_values), len(title_values))
    if not cases:
        return report
    made = _Cases(uow, today or date.today()).run(rows, ent_values, title_ids)
    return DemoReport(
        report.enterprises,
        report.titles,
        sum(made.by_state.values()),
        dict(made.by_state),
        tuple((n, d, _ROLE_LABELS[r]) for n, d, r in DEMO_OFFICERS),
        tuple(sorted(made.budget_years)),
    )
