"""Reward cases: one enterprise, one of its titles, one policy; the city reward, the computed amounts and the
trace. Drafts recompute as they are edited; freezing keeps amounts, trace, inputs and the policy hash, and a
frozen case recomputes to the same figures from the stored policy snapshot however the file changes later.

Facts the engine gets from the register: the title (kind, recognition date, re-review, status) and the
enterprise (field; `active` from its registration status; `in_city` is true: the register holds this city's
enterprises). The city reward defaults to the city's reward schedule (resources/policies/city-schedule.toml or
an officer's file) for the title kind, and may be overridden with a reason. Prior rewards for stacking are this
enterprise's earlier cases (lower id) under the same policy id that are eligible and not withdrawn/void/rejected.

Every write is audited in its own transaction (`core.services.audit`), field by field before → after
(`AUDITED_FIELDS`): create, update of a draft (city reward, override reason, decision date, exclusions), the
recomputation of this enterprise's later drafts that an update causes, recompute, and freezing (定案). Each use
case takes the officer as `actor` (the CLI's --user; in the window the signed-in officer stands in for an
empty actor). Creating a case as a named officer also records them as its drafter (a `create` case event),
whom separation of duties then keeps from reviewing or approving it.

The package: `results` and `inputs` (what the use cases hand back and take), `readers`, `trail` (what the
audit records), `computing` (the engine applied to a case), and the use cases `creating`, `editing`,
`freezing`, `batches`, `policy_impact` and `queries`.
"""

from __future__ import annotations

from core.services.cases.batches import create_batch, preview_batch
from core.services.cases.creating import create_case, preview_new_case
from core.services.cases.editing import preview_case, recompute_case, update_case
from core.services.cases.freezing import check_recompute, freeze_case, freeze_on_approval
from core.services.cases.inputs import CaseEdit, CaseQuery
from core.services.cases.policy_impact import impact_check
from core.services.cases.queries import edit_of, get_case, list_cases, stored_result
from core.services.cases.results import (
    CLOSED_WITHOUT_REWARD,
    DRAFT,
    SOURCE_OVERRIDE,
    SOURCE_SCHEDULE,
    BatchLine,
    BatchPreview,
    CaseView,
    ImpactLine,
    ImpactReport,
    RecomputeCheck,
)
from core.services.cases.trail import AUDITED_FIELDS, note_drafter

__all__ = [
    "AUDITED_FIELDS",
    "CLOSED_WITHOUT_REWARD",
    "DRAFT",
    "SOURCE_OVERRIDE",
    "SOURCE_SCHEDULE",
    "BatchLine",
    "BatchPreview",
    "CaseEdit",
    "CaseQuery",
    "CaseView",
    "ImpactLine",
    "ImpactReport",
    "RecomputeCheck",
    "check_recompute",
    "create_batch",
    "create_case",
    "edit_of",
    "freeze_case",
    "freeze_on_approval",
    "get_case",
    "impact_check",
    "list_cases",
    "note_drafter",
    "preview_batch",
    "preview_case",
    "preview_new_case",
    "recompute_case",
    "stored_result",
    "update_case",
]
