"""The four printed documents (their type names and labels), the opinion boxes of the approval form, the
default 公示 length, and which case states each document accepts (approved, before the decision, in or past
公示, no reward); with `_ids_text`, how the documents name a list of cases in a message."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.workflow import CaseState

DOC_TYPES = ("notice", "publicity", "approval-form", "province-summary")
LABELS = {
    "notice": "奖励资金下达通知",
    "publicity": "公示",
    "approval-form": "审批表",
    "province-summary": "申请省级配套资金汇总表",
}
DEFAULT_OPINION_STAGES = ("经办人意见", "科室审核意见", "分管领导意见", "局领导审批意见")
DEFAULT_PUBLICITY_DAYS = 5

S = CaseState
# Cases that stand approved: listed by a period's summary; “已批准” alone may be issued a numbered notice.
APPROVED_STATES = frozenset({S.APPROVED, S.NOTICE_ISSUED, S.PAID, S.EVALUATED, S.CLOSED})
_BEFORE_DECISION = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE})
_IN_OR_PAST_PUBLICITY = frozenset({S.PUBLIC_NOTICE} | APPROVED_STATES)
_NO_REWARD = frozenset({S.REJECTED, S.WITHDRAWN, S.VOID})


def _ids_text(ids: Sequence[int]) -> str:
    return "、".join(str(i) for i in ids)
