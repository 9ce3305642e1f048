"""The case process on stored reward cases: transitions (single and batch), objections, payments.

Every step is checked against the table in `core.domain.workflow` (state, role, required facts) and against
separation of duties on this case's own history: the drafter (who created or submitted it) can neither review
nor approve it, and whoever reviewed it cannot approve it. A refused step raises `TransitionRefused` listing
every reason. An objection recorded during 公示 stays pending until a reviewer decides it (upheld: back to
review; dismissed: 异议不成立); approval waits for it. Every step writes a `case_event` row and an audit entry in the same transaction as the change;
nothing is deleted. Payments are append-only; a wrong one is corrected by a reversing record.

Approval freezes the case's amounts (定案, `core.services.cases.freeze_case`) in the same transaction when it is
not frozen yet: what is paid is what was approved.

“下达资金” (→ notice issued) is normally taken by `core.services.documents` when it issues the numbered
奖励资金下达通知, in the same transaction as the 文号. Taken by hand with a typed 文号 it stays allowed, for a
notice issued outside the app (e.g. through the bureau's OA system) and for notices the app issued before the
two were wired together; but a 文号 the app issued (an `issued_document` notice record) must be that notice of
this very case, never another case's. A typed 文号 the app has not issued is recorded as external, and the app
will not issue the same 文号 later (see `core.services.documents`).

The package: `results` (what the use cases hand back), `readers` (what they read of a stored case), `rules`
(who may do what, separation of duties, the date context), `transitions`, `objection_steps`,
`payment_steps` and `queries`.
"""

from __future__ import annotations

from core.services.workflow.objection_steps import record_objection, resolve_objection
from core.services.workflow.payment_steps import correct_payment, record_payment
from core.services.workflow.queries import history, money_lines, objections, payments, process
from core.services.workflow.results import (
    CITY_PAID,
    LINES,
    NO_FACTS,
    OBJECTION_DISMISSED,
    OBJECTION_LAPSED,
    OBJECTION_PENDING,
    OBJECTION_UPHELD,
    OVER_CAP,
    OVERRIDE,
    PROVINCE_PAID,
    PROVINCE_RECEIVED,
    ZERO,
    BatchLine,
    BatchReport,
    EventView,
    MoneyLines,
    ObjectionView,
    PaymentView,
    ProcessView,
    StepResult,
    TransitionRefused,
)
from core.services.workflow.transitions import check_transition, record_created, transition, transition_batch

__all__ = [
    "CITY_PAID",
    "LINES",
    "NO_FACTS",
    "OBJECTION_DISMISSED",
    "OBJECTION_LAPSED",
    "OBJECTION_PENDING",
    "OBJECTION_UPHELD",
    "OVERRIDE",
    "OVER_CAP",
    "PROVINCE_PAID",
    "PROVINCE_RECEIVED",
    "ZERO",
    "BatchLine",
    "BatchReport",
    "EventView",
    "MoneyLines",
    "ObjectionView",
    "PaymentView",
    "ProcessView",
    "StepResult",
    "TransitionRefused",
    "check_transition",
    "correct_payment",
    "history",
    "money_lines",
    "objections",
    "payments",
    "process",
    "record_created",
    "record_objection",
    "record_payment",
    "resolve_objection",
    "transition",
    "transition_batch",
]
