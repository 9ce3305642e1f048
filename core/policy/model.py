"""Typed, frozen policy values: every parameter carries its legal reference and may change on a date.

A policy file (`resources/policies/*.toml`, read by `core.policy.loader`) becomes a `Policy`; the city's own
reward schedule becomes a `CitySchedule`. Both are identified by their id plus the SHA-256 of the file bytes, so
an amount computed once can be recomputed to the same figures later from the stored file text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from core.domain.enums import Field, TitleKind

T = TypeVar("T")

MATCHING_MODES = ("half-cap", "combined-cap")
STACKING_MODES = ("highest-with-top-up", "independent")
ROUNDINGS = ("ROUND_HALF_UP",)

KIND_POLICY = "provincial-matching"
KIND_CITY_SCHEDULE = "city-schedule"


class PolicyError(ValueError):
    """A policy file that cannot be accepted: the message names the file, the key path and what was expected."""

    def __init__(self, file: str, key: str, expected: str) -> None:
        self.file = file
        self.key = key
        self.expected = expected
        where = f"{file}：{key}" if key else file
        super().__init__(f"政策文件 {where}：{expected}")


@dataclass(frozen=True)
class Reference:
    """Where a value comes from: document number, clause and the quoted text. Inferred values say so
    in `clause` (e.g. "（推定）")."""

    document: str
    clause: str
    quote: str

    @property
    def inferred(self) -> bool:
        return "推定" in self.clause or "推定" in self.document

    def cite(self) -> str:
        """`粤府办〔2025〕6号 “培育优质企业”条` — what a trace step and a letter print."""
        return f"{self.document} {self.clause}".strip()


@dataclass(frozen=True)
class Dated(Generic[T]):
    """A value in force from `start` on (None: from the policy's start)."""

    start: date | None
    value: T


@dataclass(frozen=True)
class Param(Generic[T]):
    """A policy parameter: one or more dated values and the reference they rest on."""

    key: str
    values: tuple[Dated[T], ...]
    ref: Reference

    def value_on(self, on: date) -> T:
        return value_on(self, on)

    @property
    def first(self) -> T:
        return self.values[0].value


def value_on(param: Param[T], on: date) -> T:
    """The value in force on `on`: the last dated value whose start is on or before it."""
    chosen: Dated[T] | None = None
    for dated in param.values:
        if dated.start is None or dated.start <= on:
            chosen = dated
    if chosen is None:
        raise PolicyError("", param.key, f"{on.isoformat()} 尚无生效的取值")
    return chosen.value


@dataclass(frozen=True)
class TitleRule:
    """The parameters of one title kind (单项冠军 / 小巨人)."""

    kind: TitleKind
    label: str
    cap: Param[Decimal]
    matching_ratio: Param[Decimal]
    eligible_years: Param[tuple[int, ...]]
    re_review_counts: Param[bool]
    fields: Param[tuple[Field, ...]]


@dataclass(frozen=True)
class PolicyHeader:
    id: str
    title: str
    doc_no: str
    issuer: str
    issued_on: date
    valid_from: date
    valid_until: date | None
    sha256: str
    source: str  # the file name (or "<text>") it was read from


@dataclass(frozen=True)
class Policy:
    header: PolicyHeader
    implementing_rules: str
    clause: Reference  # the clause the app implements (培育优质企业), cited for the arithmetic
    validity: Reference
    matching_mode: Param[str]
    stacking: Param[str]
    rounding: Param[str]
    titles: tuple[TitleRule, ...]
    implementing_rules_title: str = ""  # optional in the file; empty: the policy's title + 实施细则

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def sha256(self) -> str:
        return self.header.sha256

    @property
    def doc_no(self) -> str:
        return self.header.doc_no

    @property
    def valid_from(self) -> date:
        return self.header.valid_from

    @property
    def citation(self) -> str:
        """How a document cites the policy: `《title》（doc_no）`."""
        return f"《{self.header.title}》（{self.header.doc_no}）"

    @property
    def rules_citation(self) -> str:
        """How a document cites the implementing rules: `《title》（文号）`, the title from the file's
        `implementing_rules_title`, else the policy's title followed by 实施细则."""
        title = self.implementing_rules_title or f"{self.header.title}实施细则"
        return f"《{title}》（{self.implementing_rules}）"

    @property
    def valid_until(self) -> date | None:
        return self.header.valid_until

    def title_rule(self, kind: TitleKind | str) -> TitleRule | None:
        for rule in self.titles:
            if rule.kind == kind:
                return rule
        return None


@dataclass(frozen=True)
class CitySchedule:
    """The city's own reward per title kind: the default city reward of a new case."""

    header: PolicyHeader
    amounts: tuple[tuple[TitleKind, Param[Decimal]], ...]

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def sha256(self) -> str:
        return self.header.sha256

    def amount(self, kind: TitleKind | str, on: date) -> tuple[Decimal, Reference] | None:
        for k, param in self.amounts:
            if k == kind:
                return param.value_on(on), param.ref
        return None
