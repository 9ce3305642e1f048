"""The case process's vocabulary: the officers' roles, the case states (with their Chinese labels, which
are decided and which final), the facts a step may need and the duty a step performs; reading a state or a
list of roles from text.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"clerk": "经办人", "reviewer": "审核人", "approver": "审批人", "admin": "管理员"}[self.value]


class CaseState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    PUBLIC_NOTICE = "public_notice"
    APPROVED = "approved"
    REJECTED = "rejected"
    NOTICE_ISSUED = "notice_issued"
    PAID = "paid"
    EVALUATED = "evaluated"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    VOID = "void"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def decided(self) -> bool:
        """A decision (approve or reject) has been taken: withdrawal is no longer possible, only voiding."""
        return self in _DECIDED

    @property
    def final(self) -> bool:
        return self in (CaseState.CLOSED, CaseState.WITHDRAWN, CaseState.VOID)


_STATE_LABELS = {
    CaseState.DRAFT: "申报登记",
    CaseState.SUBMITTED: "已申报",
    CaseState.UNDER_REVIEW: "审查中",
    CaseState.PUBLIC_NOTICE: "公示中",
    CaseState.APPROVED: "已批准",
    CaseState.REJECTED: "不予奖励",
    CaseState.NOTICE_ISSUED: "资金已下达",
    CaseState.PAID: "已拨付",
    CaseState.EVALUATED: "已绩效评价",
    CaseState.CLOSED: "已办结",
    CaseState.WITHDRAWN: "已撤回",
    CaseState.VOID: "已作废",
}


_DECIDED = frozenset(
    {CaseState.APPROVED, CaseState.REJECTED, CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED}
)


class Fact(StrEnum):
    """What a transition may require the officer to state."""

    REASON = "reason"
    DATE = "date"
    PERIOD = "period"
    DOC_NO = "doc_no"
    AMOUNT = "amount"
    VOUCHER = "voucher"
    OBJECTOR = "objector"

    @property
    def label(self) -> str:
        return {
            "reason": "原因/意见",
            "date": "日期",
            "period": "公示期（工作日数）",
            "doc_no": "文号",
            "amount": "金额",
            "voucher": "凭证号",
            "objector": "异议人",
        }[self.value]


class Duty(StrEnum):
    """The kind of act, for separation of duties."""

    HANDLE = "handle"  # 经办：drafting, submitting, documents, payments
    REVIEW = "review"  # 审核
    APPROVE = "approve"  # 审批 (decisions, voiding)
    EVALUATE = "evaluate"


def parse_state(text: str) -> CaseState:
    """A state from its code (`under_review`, `under-review`) or its Chinese label (`审查中`)."""
    value = text.strip()
    for state in CaseState:
        if value in (state.value, state.value.replace("_", "-"), state.label):
            return state
    raise ValueError(
        f"状态“{text}”无法识别，可选：" + "、".join(f"{s.value}（{s.label}）" for s in CaseState) + "。"
    )


def parse_roles(text: str | Iterable[str]) -> frozenset[Role]:
    parts = text.replace("，", ",").split(",") if isinstance(text, str) else list(text)
    roles: set[Role] = set()
    for part in parts:
        value = part.strip()
        if not value:
            continue
        for role in Role:
            if value in (role.value, role.label):
                roles.add(role)
                break
        else:
            allowed = "、".join(f"{r.value}（{r.label}）" for r in Role)
            raise ValueError(f"角色“{value}”无法识别，可选：{allowed}。")
    return frozenset(roles)
