"""What the documents use cases hand back and are handed: the options of a rendering (`RenderOptions`), what
saving would meet (`Readiness`), a rendering's files and records (`RenderResult`), an issued document's record
(`DocumentRecord`), a 公示 list's period (`PublicityPeriod`), and `_Refusal`, one reason a document cannot be
printed for some cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from core.domain.workflow import CaseState
from core.io.pdf.layout import fmt_date
from core.services.documents.kinds import DEFAULT_PUBLICITY_DAYS


class _Refusal(Exception):
    """One reason a document cannot be printed for these cases (collected by `_plan`)."""

    def __init__(self, text: str, case_id: int | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.case_id = case_id


@dataclass(frozen=True)
class PublicityPeriod:
    start: date
    end: date
    days: int
    from_records: bool  # the cases' “开始公示” step (else the options: a proposed list)
    counted: str = ""  # how the end was counted (core.domain.workdays.PeriodCount.text)

    @property
    def text(self) -> str:
        return f"{fmt_date(self.start)}至{fmt_date(self.end)}（{self.days}个工作日）"


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    doc_type: str
    case_ids: tuple[int, ...]
    doc_no: str
    issued_on: date
    file_name: str
    file_sha256: str
    verification: str
    issued_by: str
    issued_at: datetime
    audit_anchor: str = ""  # the audit chain's end at issue, "N:HASH" (printed beside the code)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.doc_type,
            "cases": list(self.case_ids),
            "doc_no": self.doc_no,
            "issued_on": self.issued_on.isoformat(),
            "file_name": self.file_name,
            "sha256": self.file_sha256,
            "verification": self.verification,
            "issued_by": self.issued_by,
            "issued_at": self.issued_at.isoformat(timespec="seconds"),
            "audit_anchor": self.audit_anchor,
        }


@dataclass(frozen=True)
class RenderResult:
    files: tuple[Path, ...]
    doc_no: str
    records: tuple[DocumentRecord, ...]
    regenerated: bool = False  # printed again from an issued record
    same_as_issued: bool = True  # the regenerated file has the recorded SHA-256 (same fonts on this machine)
    notes: tuple[str, ...] = ()  # what the document took from the case records, for the officer
    warnings: tuple[str, ...] = ()  # its 成文日期 lies outside the case's own dates (printed anyway)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [str(f) for f in self.files],
            "doc_no": self.doc_no,
            "verification": [r.verification for r in self.records],
            "records": [r.to_json() for r in self.records],
            "regenerated": self.regenerated,
            "same_as_issued": self.same_as_issued,
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class RenderOptions:
    on: date | None = None  # the 成文日期 (default: the document's own, see `_default_on`)
    addressee: str = ""  # notice: default from the settings
    publicity_start: date | None = None  # proposed 公示 list: default the first working day from `on`
    publicity_days: int = DEFAULT_PUBLICITY_DAYS  # proposed 公示 list only (see the package docstring)
    draft: bool = False  # notice: print without a number, record nothing, move no case
    period: tuple[date, date] | None = None  # province summary: the cases approved in this period


@dataclass(frozen=True)
class Readiness:
    """What saving (issuing, recording) a document for these cases would meet; see `check_documents`."""

    states: dict[int, CaseState]
    problems: tuple[str, ...]  # why it would be refused (nothing issued, numbered or recorded)
    notes: tuple[str, ...]  # what the document will take from the case records
    regenerates: bool = False  # a notice already issued for exactly these cases: printed again as issued
    publicity: PublicityPeriod | None = None
    on: date | None = None  # the 成文日期 it would print: the one given, else the document's default
    warnings: tuple[str, ...] = ()  # that date lies outside the case's own dates (saving is not refused)

    @property
    def ok(self) -> bool:
        return not self.problems
