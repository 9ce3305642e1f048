"""A realistic demo for a newcomer (and the data behind benchmarks): 佛山市 enterprises and titles, and reward
cases at every step of the process with their payments and a budget per year, so that every page has life.

Deterministic for a given seed. Credit codes are valid: region codes of 佛山's districts, an organisation code
with its GB 11714 check character, and the GB 32100 check character.

The register (enterprises, titles) is bulk-inserted (100,000 enterprises take seconds) with one audit entry
per record under the actor `demo`. The cases are made through the real services, as real officers would make
them: created and submitted by a clerk, reviewed and put on public notice by a reviewer, decided and closed by
an approver, funds issued and paid by a clerk, evaluated by the reviewer; so separation of duties holds and the
audit chain verifies. The dates stated in the steps (notice, decision, payments…) are spread over the months
before `today` (kept within the policy's validity and the years the holiday calendar knows); the audit trail
and the case events carry the real time the demo was made.

The demo's officers (`DEMO_OFFICERS`: two clerks, a reviewer, an approver, each named `demo_…`) are accounts
WITHOUT a password (`users.add_without_password`): nobody can sign in as them. None is an administrator, so a
demo database still asks for its first administrator at first start; that administrator may then set a
password for a demo officer in 设置 → 用户 to act on the demo cases in their role.

Only an empty database (no enterprise, case or officer) takes the demo; any other is refused, nothing written.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from sqlalchemy import insert, select

from core.domain import uscc
from core.domain.enums import ChampionType, Field, RegStatus, TitleKind, TitleStatus
from core.domain.titles import expires_on
from core.domain.workdays import WorkdayCalendarError, add_working_days, period_end
from core.domain.workflow import CaseState
from core.services import audit, budget, users, workflow
from core.services import cases as cases_svc
from core.services import documents as documents_svc
from core.services.enterprises import AUDITED_FIELDS as ENTERPRISE_AUDITED
from core.services.enterprises import EnterpriseInput, validate_enterprise
from core.services.errors import Conflict
from core.services.policies import current_policy
from core.services.titles import AUDITED_FIELDS as TITLE_AUDITED
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase
from core.store.models_users import User
from core.store.uow import UnitOfWork

CITY = "佛山市"
DISTRICTS = {
    "禅城区": "440604",
    "南海区": "440605",
    "顺德区": "440606",
    "三水区": "440607",
    "高明区": "440608",
}
TOWNS = {
    "禅城区": ["祖庙街道", "石湾镇街道", "张槎街道", "南庄镇"],
    "南海区": ["桂城街道", "狮山镇", "大沥镇", "里水镇", "西樵镇"],
    "顺德区": ["大良街道", "容桂街道", "北滘镇", "陈村镇", "乐从镇"],
    "三水区": ["西南街道", "云东海街道", "乐平镇", "白坭镇"],
    "高明区": ["荷城街道", "杨和镇", "明城镇"],
}
_WORDS = [
    "云擎",
    "灵动",
    "精锐",
    "天工",
    "星图",
    "海燕",
    "明曜",
    "睿德",
    "智谷",
    "凌云",
    "博纳",
    "嘉腾",
    "隆深",
    "利迅达",
    "华数",
    "库卡",
    "优必选",
    "拓斯达",
    "科达",
    "美的",
    "万和",
    "伊之密",
    "海天",
    "坚美",
    "格兰仕",
    "联塑",
    "新明珠",
    "东鹏",
    "蒙娜丽莎",
    "高力",
    "顺威",
    "惠而浦",
    "德尔玛",
    "小熊",
    "志高",
    "华特",
    "南方",
    "鑫淼",
    "堃元",
    "珺瑶",
    "彧航",
    "喆思",
    "犇腾",
    "骏驰",
    "泰格",
    "鸿图",
    "宏宇",
    "盈峰",
    "碧桂",
    "汇川",
    "埃夫特",
    "新松",
    "图灵",
    "深瞳",
    "思岚",
    "极智",
    "锐影",
    "智擎",
    "行健",
    "致远",
    "恒力",
    "德昌",
    "安川",
    "纳博",
    "创想",
    "启明",
]
_TRADES = {
    Field.AI: ["人工智能科技", "智能算法", "机器视觉", "智能语音", "数据智能", "智能软件"],
    Field.ROBOTICS: ["机器人", "自动化装备", "智能装备", "协作机器人", "无人机", "减速器", "伺服电机"],
    Field.BOTH: ["智能机器人", "具身智能", "智能制造"],
    Field.OTHER: ["陶瓷", "家电", "五金制品", "铝型材", "纺织", "家具", "精密模具"],
}
_SUFFIXES = ["有限公司", "有限公司", "有限公司", "股份有限公司", "（集团）有限公司"]
_SURNAMES = "陈李张黄梁何吴刘林郑罗冯邓潘谭"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class DemoTitle:
    kind: TitleKind
    batch: int
    recognized_on: date
    re_review: bool
    status: TitleStatus
    champion_type: ChampionType | None = None
    product: str = ""
    doc_no: str = ""
    status_on: date | None = None
    status_reason: str = ""


LITTLE_GIANT_BATCHES = {4: date(2022, 8, 2), 5: date(2023, 7, 14), 6: date(2024, 7, 15), 7: date(2025, 7, 18)}
CHAMPION_BATCHES = {7: date(2022, 11, 30), 8: date(2024, 3, 28), 9: date(2025, 4, 22)}
LG_DOC = {
    4: "工信厅企业函〔2022〕191号",
    5: "工信厅企业函〔2023〕166号",
    6: "工信厅企业函〔2024〕230号",
    7: "工信厅企业函〔2025〕165号",
}
SC_DOC = {7: "工信部联政法函〔2022〕312号", 8: "工信部政法函〔2024〕81号", 9: "工信部政法函〔2025〕106号"}


def _org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_code(rng: random.Random, region: str) -> str:
    return uscc.with_check_digit("91" + region + _org_code(rng))


def generate(count: int = 200, seed: int = 2025) -> list[tuple[EnterpriseInput, list[DemoTitle]]]:
    rng = random.Random(seed)
    out: list[tuple[EnterpriseInput, list[DemoTitle]]] = []
    used_names: set[str] = set()
    used_codes: set[str] = set()
    field_weights = [(Field.AI, 3), (Field.ROBOTICS, 4), (Field.BOTH, 1), (Field.OTHER, 3)]
    for i in range(count):
        district = rng.choice(list(DISTRICTS))
        fld = rng.choices([f for f, _ in field_weights], [w for _, w in field_weights])[0]
        while True:
            word = rng.choice(_WORDS) + (rng.choice(_WORDS)[:1] if i >= len(_WORDS) * 3 else "")
            prefix = CITY if rng.random() < 0.7 else f"{CITY}{district}"
            name = f"{prefix}{word}{rng.choice(_TRADES[fld])}{rng.choice(_SUFFIXES)}"
            if count > 5000:
                name = name.replace("有限公司", f"{i}号有限公司", 1) if name in used_names else name
            if name not in used_names:
                used_names.add(name)
                break
        code = make_code(rng, DISTRICTS[district])
        while code in used_codes:
            code = make_code(rng, DISTRICTS[district])
        used_codes.add(code)
        person = (
            rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.5 else "")
        )
        reason = {
            Field.AI: "主营产品为人工智能算法与软件",
            Field.ROBOTICS: "主营工业/服务机器人及核心部件",
            Field.BOTH: "主营智能机器人整机及其人工智能系统",
            Field.OTHER: "",
        }[fld]
        former = (f"{CITY}{word}实业有限公司",) if rng.random() < 0.08 else ()
        ent = EnterpriseInput(
            code=code,
            name=name,
            district=district,
            field=fld.value,
            field_reason=reason,
            former_names=former,
            address=f"{CITY}{district}{rng.choice(TOWNS[district])}{rng.choice('一二三四五六七八')}路{rng.randint(1, 199)}号",
            legal_rep=rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN),
            contact_person=person,
            contact_phone=f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
            reg_status=RegStatus.DEREGISTERED.value if rng.random() < 0.02 else RegStatus.ACTIVE.value,
        )
        out.append((ent, _titles_for(rng, fld)))
    _ensure_showcase(out)
    return out


def _titles_for(rng: random.Random, fld: Field) -> list[DemoTitle]:
    titles: list[DemoTitle] = []
    share = 0.55 if fld is not Field.OTHER else 0.25
    if rng.random() < share:
        batch = rng.choice(list(LITTLE_GIANT_BATCHES))
        on = LITTLE_GIANT_BATCHES[batch]
        titles.append(
            DemoTitle(TitleKind.LITTLE_GIANT, batch, on, False, TitleStatus.VALID, doc_no=LG_DOC[batch])
        )
        if batch == 4 and rng.random() < 0.6:  # three years on: the re-review of 2025
            titles.append(
                DemoTitle(
                    TitleKind.LITTLE_GIANT,
                    7,
                    LITTLE_GIANT_BATCHES[7],
                    True,
                    TitleStatus.VALID,
                    doc_no=LG_DOC[7],
                )
            )
    if rng.random() < share / 6:
        batch = rng.choice(list(CHAMPION_BATCHES))
        on = CHAMPION_BATCHES[batch]
        ctype = (
            ChampionType.ENTERPRISE
            if on.year >= 2023
            else rng.choice([ChampionType.DEMO_ENTERPRISE, ChampionType.PRODUCT])
        )
        product = rng.choice(
            ["六轴工业机器人", "谐波减速器", "伺服驱动器", "机器视觉检测系统", "智能压铸单元"]
        )
        titles.append(
            DemoTitle(
                TitleKind.SINGLE_CHAMPION, batch, on, False, TitleStatus.VALID, ctype, product, SC_DOC[batch]
            )
        )
    return titles


def _ensure_showcase(rows: list[tuple[EnterpriseInput, list[DemoTitle]]]) -> None:
    """Make sure the demo shows a revoked title and an enterprise holding both kinds."""
    for ent, titles in rows:
        if (
            ent.field != Field.OTHER.value
            and titles
            and titles[0].kind is TitleKind.LITTLE_GIANT
            and titles[0].batch == 5
        ):
            t = titles[0]
            titles[0] = DemoTitle(
                t.kind,
                t.batch,
                t.recognized_on,
                False,
                TitleStatus.REVOKED,
                doc_no=t.doc_no,
                status_on=date(2025, 9, 30),
                status_reason="发现存在重大安全生产事故，撤销称号",
            )
            break
    for ent, titles in rows:
        if (
            ent.field == Field.ROBOTICS.value
            and len(titles) == 1
            and titles[0].kind is TitleKind.LITTLE_GIANT
            and titles[0].batch == 6
        ):
            titles.append(
                DemoTitle(
                    TitleKind.SINGLE_CHAMPION,
                    9,
                    CHAMPION_BATCHES[9],
                    False,
                    TitleStatus.VALID,
                    ChampionType.ENTERPRISE,
                    "协作机器人",
                    SC_DOC[9],
                )
            )
            break


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


# The demo's officers: accounts without a password (see the module docstring).
CLERK, CLERK2, REVIEWER, APPROVER = "demo_chen", "demo_huang", "demo_li", "demo_zhou"
DEMO_OFFICERS = (
    (CLERK, "陈晓明", "clerk"),
    (CLERK2, "黄丽芳", "clerk"),
    (REVIEWER, "李卫东", "reviewer"),
    (APPROVER, "周建国", "approver"),
)
S = CaseState
# The states the demo's cases end in, in the order the candidate titles take them (29 cases, plus a draft
# for a revoked title that shows an ineligible case with its reasons).
PLAN: tuple[CaseState, ...] = (
    *[S.CLOSED] * 3,
    *[S.EVALUATED] * 2,
    *[S.PAID] * 4,
    *[S.NOTICE_ISSUED] * 3,
    *[S.APPROVED] * 3,
    *[S.PUBLIC_NOTICE] * 3,
    *[S.UNDER_REVIEW] * 3,
    *[S.SUBMITTED] * 3,
    *[S.DRAFT] * 3,
    S.REJECTED,
    S.WITHDRAWN,
)
# Days before the anchor date on which the 公示 of the first case of each state began (later cases of a
# state a week apart): the further along, the longer ago.
_NOTICE_DAYS_AGO = {
    S.CLOSED: 230,
    S.EVALUATED: 190,
    S.PAID: 140,
    S.NOTICE_ISSUED: 80,
    S.APPROVED: 40,
    S.PUBLIC_NOTICE: 2,
    S.REJECTED: 60,
}
_DECIDED = frozenset({S.APPROVED, S.NOTICE_ISSUED, S.PAID, S.EVALUATED, S.CLOSED})
_SPAN = 260  # days the timeline needs before the anchor
NOTICE_PERIOD = 5  # working days of 公示


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


_ROLE_LABELS = {"clerk": "经办人", "reviewer": "审核人", "approver": "审批人"}


def anchor(today: date) -> date:
    """The date the demo's timeline ends on: `today`, kept within the policy's validity (with room for the
    timeline after its start) and within the years the holiday calendar knows (a 公示 counts working days)."""
    policy = current_policy().policy
    on = today
    if policy.valid_until is not None:
        on = min(on, policy.valid_until)
    on = max(on, policy.valid_from + timedelta(days=_SPAN))
    for _ in range(5):
        try:
            add_working_days(on, 2 * NOTICE_PERIOD)
            return on
        except WorkdayCalendarError:  # a year the calendar does not know yet: end in the last one it knows
            on = date(on.year - 1, 12, 10)
    return on


@dataclass(frozen=True)
class _Planned:
    case_id: int
    target: CaseState
    notice_start: date | None  # when its 公示 began (states that reach it)
    city: Decimal | None
    province: Decimal


def _drafter(n: int) -> str:
    return CLERK if n % 2 == 0 else CLERK2


@dataclass
class _Made:
    by_state: dict[str, int] = field(default_factory=dict)
    budget_years: set[int] = field(default_factory=set)


class _Cases:
    """The demo's officers, budgets and cases, step by step through the services."""

    def __init__(self, uow: UnitOfWork, today: date) -> None:
        self.uow = uow
        self.end = anchor(today)
        self.voucher = 0

    # -- the steps ---------------------------------------------------------------------------------------

    def step(self, actor: str, case_id: int, to: CaseState, **facts: object) -> None:
        workflow.transition(self.uow, actor, case_id, to, facts)

    def pay(self, case_id: int, line: str, on: date, amount: Decimal) -> None:
        workflow.record_payment(self.uow, CLERK, case_id, line, on, amount, self._voucher(on))

    def run(
        self,
        rows: Sequence[tuple[EnterpriseInput, list[DemoTitle]]],
        ent_values: Sequence[Mapping[str, Any]],
        title_ids: Sequence[int],
    ) -> _Made:
        # the contact line of the demo's notices and public-notice lists (设置 → 发文设置): saved while the
        # database has no officers yet (an administrator's setting once it has)
        settings = documents_svc.get_settings(self.uow)
        documents_svc.save_settings(
            self.uow,
            replace(settings, contact_person="陈晓明", contact_phone="0757-83381234"),
            actor=audit.DEMO,
        )
        for name, display, role in DEMO_OFFICERS:
            users.add_without_password(self.uow, audit.DEMO, name, role, display)
        picked, ineligible = _candidates(rows, ent_values, title_ids)
        made = _Made()
        planned: list[_Planned] = []
        seen: dict[CaseState, int] = {}
        for n, ((code, kind, title_id), target) in enumerate(zip(picked, PLAN, strict=False)):
            view = cases_svc.create_case(
                self.uow, code, kind, today=self.end, title_id=title_id, actor=_drafter(n)
            )
            # the timeline: each state's cases a week apart, the first one furthest back
            k = seen.get(target, 0)
            seen[target] = k + 1
            ago = _NOTICE_DAYS_AGO.get(target)
            start = self.end - timedelta(days=ago + 7 * k) if ago is not None else None
            planned.append(_Planned(view.id, target, start, view.city_reward, view.province_match))
        if ineligible is not None:  # a draft for a revoked title: its reasons show in the editor
            code, kind, title_id = ineligible
            cases_svc.create_case(self.uow, code, kind, today=self.end, title_id=title_id, actor=CLERK)
            made.by_state[S.DRAFT.value] = 1
        self.budgets(planned, made)
        for n, plan in enumerate(planned):
            self.walk(plan.case_id, plan.target, plan.notice_start, n)
            made.by_state[plan.target.value] = made.by_state.get(plan.target.value, 0) + 1
        return made

    def budgets(self, planned: Sequence[_Planned], made: _Made) -> None:
        """A budget for every year with decisions: the city's with a margin, the province's as allocated."""
        zero = Decimal("0.00")
        by_year: dict[int, tuple[Decimal, Decimal]] = {}
        for plan in planned:
            if plan.target in _DECIDED and plan.notice_start is not None:
                year = self._approve_on(plan.notice_start).year
                city, province = by_year.get(year, (zero, zero))
                by_year[year] = (city + (plan.city or zero), province + plan.province)
        million = Decimal("1000000")
        for year, (city, province) in sorted(by_year.items()):
            city_budget = ((city * Decimal("1.25")) / million).to_integral_value(ROUND_CEILING) * million
            budget.set_line(
                self.uow, APPROVER, year, "city", city_budget, notes="市级先进制造业发展专项资金（演示）"
            )
            budget.set_line(
                self.uow,
                APPROVER,
                year,
                "province",
                province,
                allocated=province,
                notice_no=f"粤财工〔{year}〕{38 + year % 10}号",
                notice_date=date(year, 3, 20),
                notes="省级人工智能与机器人产业配套资金（演示）",
            )
            made.budget_years.add(year)

    def _approve_on(self, notice_start: date) -> date:
        return add_working_days(period_end(notice_start, NOTICE_PERIOD), 3)

    def walk(self, case_id: int, target: CaseState, start: date | None, n: int) -> None:
        """Take the case from draft to `target` (a realistic path, with a few twists along the way)."""
        drafter = _drafter(n)
        if target is S.DRAFT:
            self._keep_draft(drafter, case_id, n)
            return
        self._edit_before_submit(drafter, case_id, target, n)
        # a case that went on to 公示 was submitted two weeks and reviewed one week before it (steps are dated
        # in order, never after today); the others were submitted and reviewed today
        dated = {"date": start - timedelta(days=14)} if start is not None else {}
        self.step(drafter, case_id, S.SUBMITTED, **dated)
        if target is S.SUBMITTED:
            return
        if target is S.WITHDRAWN:
            self.step(drafter, case_id, S.WITHDRAWN, reason="企业因股权变更申请撤回，变更完成后重新申报。")
            return
        reviewed = {"date": start - timedelta(days=7)} if start is not None else {}
        self.step(REVIEWER, case_id, S.UNDER_REVIEW, **reviewed)
        if target is S.UNDER_REVIEW:
            return
        assert start is not None
        if target is S.REJECTED:
            self.step(
                APPROVER,
                case_id,
                S.REJECTED,
                date=start,
                reason="经核查，企业近三年发生一般以上安全生产事故，不符合奖励条件，不予奖励。",
            )
            return
        self.step(REVIEWER, case_id, S.PUBLIC_NOTICE, date=start, period=NOTICE_PERIOD)
        if target is S.PUBLIC_NOTICE:
            if n % 3 == 0:  # an objection received and looked into, not upheld
                workflow.record_objection(
                    self.uow,
                    REVIEWER,
                    case_id,
                    "佛山市某智能装备有限公司（实名）",
                    start + timedelta(days=1),
                    "反映该企业申报产品的市场占有率数据有误；经核实，数据来源于行业协会统计，异议不成立。",
                )
            return
        approved = self._approve_on(start)
        self.step(APPROVER, case_id, S.APPROVED, date=approved)
        if target is S.APPROVED:
            return
        self._issue_and_pay(case_id, target, approved, n)

    def _keep_draft(self, drafter: str, case_id: int, n: int) -> None:
        """A case left in draft: every third one was returned once for more documents."""
        if n % 3 == 0:  # returned once for more documents
            self.step(drafter, case_id, S.SUBMITTED)
            self.step(REVIEWER, case_id, S.UNDER_REVIEW)
            self.step(REVIEWER, case_id, S.DRAFT, reason="请补充企业2024年度审计报告及研发投入专项审计报告。")

    def _edit_before_submit(self, drafter: str, case_id: int, target: CaseState, n: int) -> None:
        """The edits some cases get before they are submitted: an exclusion found (to be rejected), a city
        reward decided below the schedule."""
        if target is S.REJECTED:  # an exclusion found on the register check: ineligible, then rejected
            edit = cases_svc.edit_of(self.uow, case_id)
            cases_svc.update_case(
                self.uow, case_id, replace(edit, exclusion_hits=("accident",)), today=self.end, actor=drafter
            )
        if target is S.PAID and n % 4 == 2:  # a city reward decided below the schedule, with its reason
            edit = cases_svc.edit_of(self.uow, case_id)
            cases_svc.update_case(
                self.uow,
                case_id,
                replace(
                    edit,
                    city_reward="800000.00",
                    override_reason="企业承诺的项目投资尚未全部到位，经局长办公会议研究按八成核定市级奖励。",
                ),
                today=self.end,
                actor=drafter,
            )

    def _issue_and_pay(self, case_id: int, target: CaseState, approved: date, n: int) -> None:
        """An approved case on to `target`: the notice issued, the city reward paid, the provincial match
        received and paid, the evaluation, the close."""
        issued = approved + timedelta(days=10)
        # numbered from the bureau's own sequence, so a notice issued later in the app continues after them
        prefix = documents_svc.get_settings(self.uow).doc_prefix
        number = documents_svc.next_doc_number(self.uow.session, prefix, issued.year)
        self.step(CLERK, case_id, S.NOTICE_ISSUED, date=issued, doc_no=f"{prefix}〔{issued.year}〕{number}号")
        if target is S.NOTICE_ISSUED:
            return
        view = cases_svc.get_case(self.uow, case_id)
        assert view.city_reward is not None
        paid = issued + timedelta(days=12)
        self.step(CLERK, case_id, S.PAID, date=paid, amount=view.city_reward, voucher=self._voucher(paid))
        received = paid + timedelta(days=20)
        if target is S.PAID:
            if n % 2 == 0:  # the provincial match has arrived, not paid on yet
                self.pay(case_id, "province_received", received, view.province_match)
            return
        self.pay(case_id, "province_received", received, view.province_match)
        self.pay(case_id, "province_paid", received + timedelta(days=5), view.province_match)
        evaluated = paid + timedelta(days=60)
        self.step(
            REVIEWER,
            case_id,
            S.EVALUATED,
            date=evaluated,
            reason="企业完成承诺的研发投入和产值目标，奖励资金专账核算、按规定使用，绩效评价为良好。",
        )
        if target is S.EVALUATED:
            return
        self.step(APPROVER, case_id, S.CLOSED, date=evaluated + timedelta(days=10))

    def _voucher(self, on: date) -> str:
        self.voucher += 1
        return f"记{on.year}-{on.month:02d}-{self.voucher:04d}"


_ELIGIBLE_BATCHES = {TitleKind.LITTLE_GIANT: (6, 7), TitleKind.SINGLE_CHAMPION: (8, 9)}


def _candidates(
    rows: Sequence[tuple[EnterpriseInput, list[DemoTitle]]],
    ent_values: Sequence[Mapping[str, Any]],
    title_ids: Sequence[int],
) -> tuple[list[tuple[str, TitleKind, int]], tuple[str, TitleKind, int] | None]:
    """The titles the demo's cases are for: first recognitions of the policy's years, valid, of enterprises in
    AI or robotics that are still registered; an enterprise holding both kinds (stacking: the little giant's
    case first, closed; the champion's later, approved); and a revoked title for an ineligible draft."""
    ids = iter(title_ids)  # in the order the titles were generated
    eligible: list[tuple[str, TitleKind, int]] = []
    both: list[tuple[str, TitleKind, int]] = []
    ineligible: tuple[str, TitleKind, int] | None = None
    for (ent, titles), values in zip(rows, ent_values, strict=True):
        code = str(values["code"])
        mine: list[tuple[str, TitleKind, int]] = []
        for t in titles:
            title_id = next(ids)
            if t.status is TitleStatus.REVOKED and ineligible is None:
                ineligible = (code, t.kind, title_id)
            fits = (
                ent.field != Field.OTHER.value
                and ent.reg_status == RegStatus.ACTIVE.value
                and t.status is TitleStatus.VALID
                and not t.re_review
                and t.batch in _ELIGIBLE_BATCHES[t.kind]
            )
            if fits:
                mine.append((code, t.kind, title_id))
        if len(mine) == 2 and not both:
            both = sorted(mine, key=lambda m: m[1] is TitleKind.SINGLE_CHAMPION)
        elif mine:
            eligible.append(mine[0])
    picked = eligible[: len(PLAN)]
    if both:
        picked = [both[0], *picked[: len(PLAN) - 2]]
        first_approved = PLAN.index(S.APPROVED)
        picked.insert(first_approved, both[1])
    return picked, ineligible
