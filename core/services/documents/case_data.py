"""What the documents need of one case (`CaseFacts`: its line, facts, trace, eligibility and the policy it was
computed under), read through `CaseSource` (by default `case_facts_from_cases`, over core.services.cases), and
how a document over several cases cites their policies (`citations`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.domain.workflow import CaseState
from core.io.pdf import model as m
from core.services.documents.kinds import _ids_text
from core.services.errors import InputError
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class CaseFacts:
    """What the documents need of one case."""

    line: m.CaseLine
    facts: tuple[tuple[str, str], ...]
    trace: tuple[m.TraceStep, ...]
    eligible: bool
    problems: tuple[str, ...] = ()  # why it cannot be rewarded (ineligible, no city reward)
    policy: str = ""  # 《title》（文号） of the policy snapshot the case was computed under
    rules: str = ""  # 《title》（文号） of that policy's implementing rules


CaseSource = Callable[[UnitOfWork, int], CaseFacts]


def case_facts_from_cases(uow: UnitOfWork, case_id: int) -> CaseFacts:
    """The adapter over core.services.cases (imported here so this module loads without it)."""
    from core.services import cases
    from core.services.policies import policy_from_snapshot

    view = cases.get_case(uow, case_id)
    policy = policy_from_snapshot(uow.session, view.policy_sha256)  # what the amounts were computed under
    batch = f"第{view.title_batch}批"
    problems = [f.reason for f in view.failures]
    if view.city_reward is None:
        problems.append("市级奖励金额未确定")
    line = m.CaseLine(
        case_id=view.id,
        enterprise_name=view.enterprise_name,
        district=view.district,
        title_label=view.title_kind.label,
        batch_label=batch,
        city_reward=view.city_reward if view.city_reward is not None else Decimal("0.00"),
        province_match=view.province_match,
        enterprise_code=view.enterprise_code,
        recognized_year=view.recognized_on.year,
    )
    facts = (
        ("企业名称", view.enterprise_name),
        ("统一社会信用代码", view.enterprise_code),
        ("所在区", view.district or "—"),
        (
            "称号",
            f"{view.title_kind.label}（{batch}，{view.recognized_on.year}年{view.recognized_on.month}月认定）",
        ),
        ("适用政策", policy.citation),
        (
            "市级奖励来源",
            "按市奖励标准" if view.city_reward_source == "schedule" else f"调整：{view.city_reward_reason}",
        ),
        (
            "资格审查",
            "全部通过" if view.eligible else "未通过：" + "；".join(f.reason for f in view.failures),
        ),
        ("案件状态", _state_label(view.status)),
        *(("额度提示", w) for w in view.warnings),  # a total above the 奖励总额度, and by how much
    )
    trace = tuple(m.TraceStep(t.step, t.value, t.reference) for t in view.trace)
    return CaseFacts(
        line,
        facts,
        trace,
        view.eligible and view.city_reward is not None,
        tuple(problems),
        policy.citation,
        policy.rules_citation,
    )


def citations(facts: Sequence[CaseFacts]) -> tuple[str, str]:
    """(policy, rules) as a document over these cases cites them: each case's own policy snapshot. Cases
    computed under different policies are one document citing each policy (and each set of rules) once, in
    the order of the cases, joined with “、”; a case without a citation is refused (InputError)."""
    missing = [f.line.case_id for f in facts if not f.policy or not f.rules]
    if missing:
        raise InputError(f"案件 {_ids_text(missing)} 没有可引用的政策依据（政策快照），不能生成文书。")
    policy = "、".join(dict.fromkeys(f.policy for f in facts))
    rules = "、".join(dict.fromkeys(f.rules for f in facts))
    return policy, rules


def _state_label(status: str) -> str:
    try:
        return CaseState(status).label
    except ValueError:
        return status


def _case_name(f: CaseFacts) -> str:
    return f"案件 {f.line.case_id}（{f.line.enterprise_name}）"
