"""Plain data the documents print. Built by core.services.documents from cases (or by hand in tests)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.domain.money import fmt_wan, fmt_yuan
from core.domain.rmb import to_uppercase

# Every document cites the policy its cases were computed under (`policy`, `rules`: `《title》（文号）`, from the
# case's policy snapshot, core.services.documents): there is no default citation, and a document without one is
# refused when rendered (core.io.pdf.common.base_values).


@dataclass(frozen=True)
class BureauSettings:
    """发文设置: what every document of the bureau carries."""

    bureau_name: str = "佛山市工业和信息化局"
    banner_text: str = "佛山市工业和信息化局"
    doc_prefix: str = "佛工信函"
    city: str = "佛山市"
    contact_person: str = ""
    contact_phone: str = ""
    default_addressee: str = "各区经济和科技促进局"
    signatory: str = "佛山市工业和信息化局"

    def to_json(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class CaseLine:
    """One rewarded case as the documents show it."""

    case_id: int
    enterprise_name: str
    district: str
    title_label: str  # 专精特新“小巨人” / 制造业单项冠军
    batch_label: str  # 第7批
    city_reward: Decimal
    province_match: Decimal
    enterprise_code: str = ""
    recognized_year: int | None = None

    @property
    def total(self) -> Decimal:
        return self.city_reward + self.province_match

    @property
    def kind_label(self) -> str:
        """类别 column: `专精特新“小巨人”（第7批）`."""
        return f"{self.title_label}（{self.batch_label}）" if self.batch_label else self.title_label

    @property
    def table_label(self) -> str:
        """类别 cell: the title on one line, the batch on the next."""
        return f"{self.title_label}\n{self.batch_label}" if self.batch_label else self.title_label

    def to_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "enterprise_name": self.enterprise_name,
            "enterprise_code": self.enterprise_code,
            "district": self.district,
            "title_label": self.title_label,
            "batch_label": self.batch_label,
            "recognized_year": self.recognized_year,
            "city_reward": f"{self.city_reward:.2f}",
            "province_match": f"{self.province_match:.2f}",
        }


def amount_values(lines: tuple[CaseLine, ...]) -> dict[str, str]:
    """`city_reward`, `city_reward_wan`, `city_reward_upper`, … over the lines, for the templates."""
    sums = {
        "city_reward": sum((c.city_reward for c in lines), Decimal("0.00")),
        "province_match": sum((c.province_match for c in lines), Decimal("0.00")),
        "total": sum((c.total for c in lines), Decimal("0.00")),
    }
    out: dict[str, str] = {}
    for key, value in sums.items():
        out[key] = fmt_yuan(value)
        out[f"{key}_wan"] = fmt_wan(value)
        out[f"{key}_upper"] = to_uppercase(value)
    return out


@dataclass(frozen=True)
class NoticeData:
    """奖励资金下达通知 for one case or a batch."""

    settings: BureauSettings
    doc_no: str
    issued_on: date
    lines: tuple[CaseLine, ...]
    addressee: str = ""
    policy: str = ""
    rules: str = ""
    verification: str = ""
    audit_anchor: str = ""  # the audit chain's end at issue ("N:HASH"), printed beside the code


@dataclass(frozen=True)
class PublicityData:
    """公示 notice with its list and the objection period (end computed in working days by the caller)."""

    settings: BureauSettings
    lines: tuple[CaseLine, ...]
    start: date
    end: date
    days: int
    issued_on: date
    policy: str = ""
    rules: str = ""
    verification: str = ""
    audit_anchor: str = ""  # the audit chain's end at issue ("N:HASH"), printed beside the code


@dataclass(frozen=True)
class TraceStep:
    step: str
    value: str
    clause: str = ""


@dataclass(frozen=True)
class Opinion:
    """A review or decision opinion on the approval form; empty name/date leave the box to be signed."""

    stage: str  # 经办人意见 / 科室审核意见 / 分管领导意见 / 局领导审批意见
    text: str = ""
    name: str = ""
    on: date | None = None


@dataclass(frozen=True)
class ApprovalData:
    """审批表 of one case: facts, the computation trace with clauses, opinions."""

    settings: BureauSettings
    line: CaseLine
    facts: tuple[tuple[str, str], ...]
    trace: tuple[TraceStep, ...]
    opinions: tuple[Opinion, ...]
    issued_on: date
    case_no: str = ""
    policy: str = ""
    rules: str = ""
    verification: str = ""
    audit_anchor: str = ""  # the audit chain's end at issue ("N:HASH"), printed beside the code


@dataclass(frozen=True)
class SummaryData:
    """申请省级配套资金汇总表 (city to province)."""

    settings: BureauSettings
    lines: tuple[CaseLine, ...]
    issued_on: date
    year: int
    policy: str = ""
    rules: str = ""
    verification: str = ""
    audit_anchor: str = ""  # the audit chain's end at issue ("N:HASH"), printed beside the code
    extra: dict[str, str] = field(default_factory=dict)
    period: tuple[date, date] | None = None  # the cases are those approved in this period (printed)

    @property
    def scope(self) -> str:
        """`案件范围：2025年1月1日至2025年6月30日批准的案件`, when picked by period (else empty)."""
        if self.period is None:
            return ""
        start, end = self.period
        return (
            f"案件范围：{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
            "批准的案件（不含已作废的案件）"
        )


def verification_code(payload: object) -> str:
    """First 8 hex characters (upper case) of the SHA-256 of the record's canonical JSON: printed on the page,
    it finds the issued-document record again."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()
