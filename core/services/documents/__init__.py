"""Printed documents: bureau settings (发文设置), rendering, issuing with a 文号, records, regeneration.
The package re-exports the names callers use; its modules say what they hold.

- `render_documents` prints a document for cases to a folder. A notice is *issued*: it takes the next 文号 of
  the bureau's prefix and year and is recorded with the data it was printed from; rendering the same cases'
  notice again regenerates the issued one from that record (same 文号, date and content), never a new number.
  Other documents are recorded too (type, cases, SHA-256, who, when, verification code), without a 文号.
  `draft=True` prints a notice with the number left blank and records nothing.
- The 文号 number is taken as the first statement of the writing transaction and the record is inserted in the
  same transaction, so two officers issuing at once get consecutive numbers and a failure gives it back.
- Case data comes through `case_source` (default: core.services.cases); documents are built over plain data
  (core.io.pdf.model) and rendered by core.io.pdf.

The documents follow the case process (core.domain.workflow, core.services.workflow):
- 奖励资金下达通知: a numbered notice is issued only for cases in “已批准”, by an officer whose role may take
  “下达资金” (经办人). The 文号, the record and every case's step “下达资金” (→ 资金已下达, with that 文号 and the
  notice's date as its facts) are one transaction: the 文号 is used if and only if the cases moved; a refused
  step, a failed rendering or a failed write leaves neither. The number skips a 文号 an officer already typed by
  hand on a case's “下达资金” step (a notice issued outside the app), so one 文号 never names two letters.
  Drafts (no 文号, no record, no step) print for any eligible case, as previews do.
- 公示: for cases in (or past) 公示, the period is the one the reviewer recorded with “开始公示” (start date,
  working days, computed end), not the options; the options only serve a proposed list of cases not yet in 公示.
  One list has one period: cases with different periods, or some in 公示 and some not, are refused.
- 审批表: the opinions come from the case's steps (the clerk's submission, the reviewer's outcome, the approver's
  decision, with the officers' display names and dates); a step not taken leaves its box empty to be signed on
  paper, as does 分管领导意见 (no step of the app's process stands for it).
- 申请省级配套资金汇总表: for chosen cases, or for the cases approved in a period (`approved_in_period`: the
  “批准” decision date, cases still standing: not voided since), the period printed on it.
- Cases that were rejected, withdrawn or voided are refused on a notice, a 公示 list and a summary.
"""

from __future__ import annotations

from core.services.documents.case_data import CaseFacts, CaseSource, case_facts_from_cases, citations
from core.services.documents.issue import preview_document, regenerate, render_documents
from core.services.documents.kinds import (
    APPROVED_STATES,
    DEFAULT_OPINION_STAGES,
    DEFAULT_PUBLICITY_DAYS,
    DOC_TYPES,
    LABELS,
    S,
)
from core.services.documents.printing import render_plain
from core.services.documents.process_facts import CaseDates, approved_in_period, case_dates, opinions_of
from core.services.documents.readiness import check_documents, problems_of
from core.services.documents.records import (
    TamperedRecord,
    find_by_verification,
    list_documents,
    next_doc_number,
    payload_problem,
    peek_doc_number,
)
from core.services.documents.results import (
    DocumentRecord,
    PublicityPeriod,
    Readiness,
    RenderOptions,
    RenderResult,
)
from core.services.documents.settings import get_settings, save_settings, template_dir_default

__all__ = [
    "APPROVED_STATES",
    "DEFAULT_OPINION_STAGES",
    "DEFAULT_PUBLICITY_DAYS",
    "DOC_TYPES",
    "LABELS",
    "CaseDates",
    "CaseFacts",
    "CaseSource",
    "DocumentRecord",
    "PublicityPeriod",
    "Readiness",
    "RenderOptions",
    "RenderResult",
    "S",
    "TamperedRecord",
    "approved_in_period",
    "case_dates",
    "case_facts_from_cases",
    "check_documents",
    "citations",
    "find_by_verification",
    "get_settings",
    "list_documents",
    "next_doc_number",
    "opinions_of",
    "payload_problem",
    "peek_doc_number",
    "preview_document",
    "problems_of",
    "regenerate",
    "render_documents",
    "render_plain",
    "save_settings",
    "template_dir_default",
]
