"""What the audit trail says the records should hold, against what they hold: changes made outside the app.

`audit.verify` replays the trail (each entry's `changes`, in chain order, per entity, record and field) and
compares the result with the rows as they are now, in one bulk query per table. A difference is a change that
did not go through the app (an UPDATE in a database tool, a restored file edited by hand): reported with the
table, the record, the field, the value the trail says and the value found. Rows without any trail (inserted
outside the app) and records whose trail does not end in a deletion but whose row is gone (deleted outside)
are reported too.

Compared (the fields the services audit):
- `enterprise`: `enterprises.AUDITED_FIELDS`; `national_title`: `titles.AUDITED_FIELDS`;
- `reward_case`: `cases.AUDITED_FIELDS` (amounts, status, exclusions, decision date, frozen, notes);
- `case_event`: per case, each step's action, actor and stated facts, in order (the drafter's `create` event
  against the case's `create`/`set_drafter` entries); `case_payment`: per case, each payment and correction's
  line, amount, voucher, date and actor, in order;
- `app_user`: name, display name, roles, active, and the password hash (by the fingerprint the trail keeps
  since `audit.PASSWORD_ACTIONS` state it; accounts whose trail has none are not compared on it);
- `budget_line` (amount, allocated, notice 文号 and date, notes), `calendar_year` (文号, holidays, workdays),
  `bureau_setting` (every 发文设置 key, defaults included), `import_batch` (its summary: kind, file, hash,
  rows, created, updated), `issued_document` (type, 文号, date, verification code, file hash, the hash of the
  stored payload and its audit anchor; documents issued before the trail recorded them are not compared).

Not compared (not audited, or not in the database): `search_text`/`name_norm` and other derived columns,
`version`, `created_at`/`updated_at`/`updated_by`, a case's `trace`/`failures`/`inputs`/`schedule_sha256`/
`frozen_at`, a user's `failed_attempts` and `locked_until` (sign-in bookkeeping), import rows
(`import_change`), the 文号 sequence (`doc_sequence`), stored policy snapshots, and policy files and
templates (files on disk, not rows: their entries hold the files' SHA-256).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.workflow import TRANSITIONS
from core.io.pdf.model import BureauSettings
from core.services import audit
from core.services.audit_state_tables import DOCUMENT as DOCUMENT
from core.services.audit_state_tables import _loads, _norm, _specs
from core.services.audit_state_tables import payload_sha256 as payload_sha256
from core.store.models_documents import BureauSetting
from core.store.models_workflow import CaseEvent, CasePayment

CHANGED = "changed"  # a field's value differs from the trail's
INSERTED = "inserted"  # a row the trail never created (or deleted)
DELETED = "deleted"  # a record the trail has, whose row is gone
MISSING = "(缺失)"  # shown for the value of a row that is not there

EVENT_ACTIONS = frozenset({t.name for t in TRANSITIONS} | {"objection", "objection_dismissed"})
PAYMENT_ACTIONS = frozenset({"payment", "correction", "pay"})


@dataclass(frozen=True)
class Difference:
    """One value that is not what the trail says: `trail` is what the app last wrote, `current` what the
    database holds now."""

    kind: str
    table: str
    entity: str
    record: str
    field: str
    trail: Any
    current: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "table": self.table,
            "entity": self.entity,
            "record": self.record,
            "field": self.field,
            "trail": self.trail,
            "current": self.current,
        }

    def text(self) -> str:
        what = f"{audit.ENTITY_LABELS.get(self.entity, self.entity)}（表 {self.table}，编号 {self.record}）"
        if self.kind == INSERTED:
            return f"{what}在本程序之外被插入：审计记录中没有它。"
        if self.kind == DELETED:
            return f"{what}在本程序之外被删除：审计记录中有它，数据库中已没有。"
        label = audit.field_label(self.entity, self.field) or self.field
        return (
            f"{what}的“{label}”（{self.field}）在本程序之外被改动："
            f"审计记录为 {_shown(self.trail)}，现为 {_shown(self.current)}。"
        )


def _shown(value: Any) -> str:
    if value is None:
        return "（空）"
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"“{value}”"


@dataclass
class _Replay:
    """The trail folded per record: the last value of each field, which records it created and deleted, and
    for cases the steps and payments it recorded."""

    values: dict[tuple[str, str], dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))
    created: set[tuple[str, str]] = field(default_factory=set)
    deleted: set[tuple[str, str]] = field(default_factory=set)
    events: dict[str, list[tuple[str, str, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    drafters: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    payments: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    settings: dict[str, Any] = field(default_factory=dict)


def replay(entries: Iterable[tuple[str, str, str, str, dict[str, list[Any]]]]) -> _Replay:
    """Fold (actor, entity, entity_id, action, changes) in chain order."""
    r = _Replay()
    for actor, entity, entity_id, action, changes in entries:
        key = (entity, entity_id)
        if entity == "setting":
            if entity_id != "bureau":  # the only settings record (documents.save_settings)
                continue
            r.settings.update({k: after for k, (_b, after) in changes.items()})
            continue
        if action == "delete":
            r.values.pop(key, None)
            r.deleted.add(key)
            r.created.discard(key)
            continue
        if action == "create" or (entity == "calendar" and action == "import"):
            r.values[key] = {}
            r.created.add(key)
            r.deleted.discard(key)
        if entity == "case":
            if action in EVENT_ACTIONS:
                facts = {k: after for k, (_b, after) in changes.items() if k != "status"}
                r.events[entity_id].append((action, actor, facts))
            elif action == "set_drafter" or (action == "create" and actor != audit.SYSTEM):
                r.drafters[entity_id].append(actor)
            if action in PAYMENT_ACTIONS:
                r.payments[entity_id].append(_payment_of(actor, action, changes))
            if action not in _CASE_FIELD_ACTIONS:
                status = changes.get("status")
                if status is not None:
                    r.values[key]["status"] = status[1]
                continue
        values = r.values[key]
        for name, pair in changes.items():
            after = pair[1]
            values[name] = None if after == "" else after  # as the rows are read (empty text as NULL)
    return r


# Case entries whose changes are the case's own fields (the others state facts: a step's date, a payment's
# amount; of the case itself they change only its status).
_CASE_FIELD_ACTIONS = frozenset({"create", "update", "recompute", "freeze"})


def _payment_of(actor: str, action: str, changes: dict[str, list[Any]]) -> dict[str, Any]:
    def after(name: str) -> Any:
        pair = changes.get(name)
        return pair[1] if pair else None

    if action == "pay":
        out = {
            "line": "city_paid",
            "amount": after("amount"),
            "voucher": after("voucher"),
            "paid_on": after("date"),
        }
    elif action == "payment":
        out = {
            "line": after("line"),
            "amount": after("amount"),
            "voucher": after("voucher"),
            "paid_on": after("date"),
        }
    else:  # a correction states its line and (negative) amount
        out = {"line": after("line"), "amount": after("amount"), "reason": after("reason")}
    return {**out, "actor": actor}


def compare(session: Session, r: _Replay) -> list[Difference]:
    """Every difference between the replayed trail and the rows as they are (bulk reads, one per table)."""
    out: list[Difference] = []
    for spec in _specs().values():
        seen: set[str] = set()
        fields = spec.fields
        for record_id, current in spec.rows(session):
            seen.add(record_id)
            key = (spec.entity, record_id)
            trail = r.values.get(key)
            if trail is None:
                if spec.every_row_audited or key in r.deleted:
                    out.append(Difference(INSERTED, spec.table, spec.entity, record_id, "", None, None))
                continue
            created = key in r.created
            if created and spec.defaults:
                trail = {**dict(spec.defaults), **trail}
            if created and tuple(map(trail.get, fields)) == current:
                continue  # the usual case: every field as the trail says, compared at C speed
            for name, found in zip(fields, current, strict=True):
                if name not in trail and not created:
                    continue
                expected = trail.get(name)
                if expected == found:
                    continue
                expected, found = _norm(expected), _norm(found)
                if expected != found:
                    out.append(Difference(CHANGED, spec.table, spec.entity, record_id, name, expected, found))
        for entity, record_id in r.values:
            if entity == spec.entity and record_id not in seen:
                out.append(Difference(DELETED, spec.table, spec.entity, record_id, "", None, MISSING))
    out.extend(_settings(session, r))
    out.extend(_events(session, r))
    out.extend(_payments(session, r))
    return out


def _settings(session: Session, r: _Replay) -> list[Difference]:
    """The 发文设置 as the trail says (the defaults, then each saved change) against the stored rows (a key
    never stored keeps its default): saving the defaults unchanged stores rows and records nothing."""
    expected = {**BureauSettings().to_json(), **r.settings}
    current = {
        **BureauSettings().to_json(),
        **{k: v for k, v in session.execute(select(BureauSetting.key, BureauSetting.value))},
    }
    return [
        Difference(CHANGED, "bureau_setting", "setting", "bureau", k, expected.get(k), current.get(k))
        for k in sorted(set(expected) | set(current))
        if _norm(expected.get(k)) != _norm(current.get(k))
    ]


def _events(session: Session, r: _Replay) -> list[Difference]:
    stored: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    stmt = select(CaseEvent.case_id, CaseEvent.id, CaseEvent.action, CaseEvent.actor, CaseEvent.facts)
    for c_id, event_id, action, actor, facts in session.execute(stmt.order_by(CaseEvent.id)):
        stored[str(c_id)].append((event_id, action, actor, facts))
    out: list[Difference] = []
    for case_id in sorted(set(stored) | set(r.events) | set(r.drafters), key=_as_int):
        rows = stored.get(case_id, [])
        drafted = sorted(actor for _i, action, actor, _f in rows if action == "create")
        if drafted != sorted(r.drafters.get(case_id, [])):
            out.append(
                Difference(
                    CHANGED,
                    "case_event",
                    "case",
                    case_id,
                    "drafter",
                    sorted(r.drafters.get(case_id, [])),
                    drafted,
                )
            )
        steps = [row for row in rows if row[1] != "create"]
        trail = r.events.get(case_id, [])
        for n in range(max(len(steps), len(trail))):
            if n >= len(trail):
                out.append(
                    Difference(INSERTED, "case_event", "case", f"{case_id}/事件{steps[n][0]}", "", None, None)
                )
                continue
            if n >= len(steps):
                out.append(
                    Difference(DELETED, "case_event", "case", f"{case_id}/{trail[n][0]}", "", None, MISSING)
                )
                continue
            event_id, action, actor, facts = steps[n]
            t_action, t_actor, t_facts = trail[n]
            where = f"{case_id}/事件{event_id}"
            if action != t_action:
                out.append(Difference(CHANGED, "case_event", "case", where, "action", t_action, action))
            if actor != t_actor:
                out.append(Difference(CHANGED, "case_event", "case", where, "actor", t_actor, actor))
            stated = _loads(facts)
            if isinstance(stated, dict):
                for name in sorted(set(stated) | set(t_facts)):
                    if _norm(stated.get(name)) != _norm(t_facts.get(name)):
                        out.append(
                            Difference(
                                CHANGED,
                                "case_event",
                                "case",
                                where,
                                name,
                                t_facts.get(name),
                                stated.get(name),
                            )
                        )
            else:
                out.append(Difference(CHANGED, "case_event", "case", where, "facts", t_facts, facts))
    return out


def _payments(session: Session, r: _Replay) -> list[Difference]:
    stored: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stmt = select(
        CasePayment.case_id,
        CasePayment.id,
        CasePayment.line,
        CasePayment.amount,
        CasePayment.voucher,
        CasePayment.paid_on,
        CasePayment.reason,
        CasePayment.actor,
    ).order_by(CasePayment.id)
    for c_id, pid, line, amount, voucher, paid_on, reason, actor in session.execute(stmt):
        stored[str(c_id)].append(
            {
                "id": pid,
                "line": line,
                "amount": amount,
                "voucher": voucher,
                "paid_on": paid_on,
                "reason": reason,
                "actor": actor,
            }
        )
    out: list[Difference] = []
    for case_id in sorted(set(stored) | set(r.payments), key=_as_int):
        rows, trail = stored.get(case_id, []), r.payments.get(case_id, [])
        for n in range(max(len(rows), len(trail))):
            if n >= len(trail):
                out.append(
                    Difference(INSERTED, "case_payment", "payment", str(rows[n]["id"]), "", None, None)
                )
                continue
            if n >= len(rows):
                out.append(
                    Difference(
                        DELETED, "case_payment", "payment", f"案件{case_id}/第{n + 1}笔", "", None, MISSING
                    )
                )
                continue
            row, expected = rows[n], trail[n]
            for name, value in expected.items():
                if _norm(value) != _norm(row.get(name)):
                    out.append(
                        Difference(
                            CHANGED,
                            "case_payment",
                            "payment",
                            str(row["id"]),
                            name,
                            _norm(value),
                            _norm(row.get(name)),
                        )
                    )
    return out


def _as_int(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (0, text)
