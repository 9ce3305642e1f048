"""A document's payload: the plain JSON an issued record keeps and prints from (settings, case lines, date,
citations and each document's own parts). Building it for a rendering (`_payload`, `_approval_payload`), the
document data it describes (`_build`), the template it was printed with, and its file name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.io import templates
from core.io.pdf import model as m
from core.services.documents.case_data import CaseFacts, citations
from core.services.documents.kinds import LABELS
from core.services.documents.results import PublicityPeriod, RenderOptions


def _line_json(line: m.CaseLine) -> dict[str, Any]:
    return line.to_json()


def _line_from(data: dict[str, Any]) -> m.CaseLine:
    return m.CaseLine(
        case_id=int(data["case_id"]),
        enterprise_name=str(data["enterprise_name"]),
        district=str(data["district"]),
        title_label=str(data["title_label"]),
        batch_label=str(data["batch_label"]),
        city_reward=Decimal(str(data["city_reward"])),
        province_match=Decimal(str(data["province_match"])),
        enterprise_code=str(data.get("enterprise_code", "")),
        recognized_year=data.get("recognized_year"),
    )


def _settings_from(data: dict[str, Any]) -> m.BureauSettings:
    return m.BureauSettings(**{f.name: str(data[f.name]) for f in fields(m.BureauSettings) if f.name in data})


# Records issued before payloads carried their citations were all printed citing the 2025 policy (the PDF
# model's constants then): regenerating such a record prints what it printed. New payloads always carry theirs.
_RECORDED_BEFORE_CITATIONS = (
    "《广东省推动人工智能与机器人产业创新发展若干政策措施》（粤府办〔2025〕6号）",
    "《广东省推动人工智能与机器人产业创新发展若干政策措施实施细则》（粤工信规字〔2025〕6号）",
)


def _build(doc_type: str, p: dict[str, Any]) -> Any:
    """The document data a payload describes."""
    settings = _settings_from(p["settings"])
    lines = tuple(_line_from(x) for x in p["lines"])
    on = date.fromisoformat(p["issued_on"])
    code = p.get("verification", "")
    anchor = str(p.get("audit_anchor", "")) if code else ""
    policy = str(p.get("policy") or _RECORDED_BEFORE_CITATIONS[0])
    rules = str(p.get("rules") or _RECORDED_BEFORE_CITATIONS[1])
    if doc_type == "notice":
        return m.NoticeData(
            settings,
            p["doc_no"],
            on,
            lines,
            p.get("addressee", ""),
            verification=code,
            audit_anchor=anchor,
            policy=policy,
            rules=rules,
        )
    if doc_type == "publicity":
        return m.PublicityData(
            settings,
            lines,
            date.fromisoformat(p["start"]),
            date.fromisoformat(p["end"]),
            int(p["days"]),
            on,
            verification=code,
            audit_anchor=anchor,
            policy=policy,
            rules=rules,
        )
    if doc_type == "approval-form":
        return m.ApprovalData(
            settings,
            lines[0],
            tuple((str(k), str(v)) for k, v in p["facts"]),
            tuple(m.TraceStep(str(s), str(v), str(c)) for s, v, c in p["trace"]),
            tuple(
                m.Opinion(
                    str(o["stage"]),
                    str(o["text"]),
                    str(o["name"]),
                    date.fromisoformat(o["on"]) if o["on"] else None,
                )
                for o in p["opinions"]
            ),
            on,
            case_no=str(p.get("case_no", "")),
            verification=code,
            audit_anchor=anchor,
            policy=policy,
            rules=rules,
        )
    period = p.get("period")
    return m.SummaryData(
        settings,
        lines,
        on,
        int(p["year"]),
        verification=code,
        audit_anchor=anchor,
        period=(date.fromisoformat(period[0]), date.fromisoformat(period[1])) if period else None,
        policy=policy,
        rules=rules,
    )


def _template(
    doc_type: str, payload: dict[str, Any], template_dir: Path | None
) -> templates.DocumentTemplate:
    """The template a record was printed with (kept in its payload), else the current one."""
    stored = payload.get("template")
    if isinstance(stored, dict):
        return templates.DocumentTemplate(doc_type, "发文记录", {str(k): str(v) for k, v in stored.items()})
    return templates.load(doc_type, template_dir)


def _payload(
    doc_type: str,
    settings: m.BureauSettings,
    facts: Sequence[CaseFacts],
    on: date,
    opts: RenderOptions,
    publicity: PublicityPeriod | None = None,
) -> dict[str, Any]:
    p: dict[str, Any] = {
        "type": doc_type,
        "settings": settings.to_json(),
        "lines": [_line_json(f.line) for f in facts],
        "issued_on": on.isoformat(),
    }
    p["policy"], p["rules"] = citations(facts)
    if doc_type == "notice":
        p["addressee"] = opts.addressee or settings.default_addressee
        p["doc_no"] = f"{settings.doc_prefix}〔{on.year}〕\u3000\u3000号" if opts.draft else ""
    elif doc_type == "publicity":
        assert publicity is not None
        p.update(start=publicity.start.isoformat(), end=publicity.end.isoformat(), days=publicity.days)
    elif doc_type == "province-summary":
        p["year"] = opts.period[1].year if opts.period else on.year
        if opts.period:
            p["period"] = [opts.period[0].isoformat(), opts.period[1].isoformat()]
    return p


def _approval_payload(
    settings: m.BureauSettings, f: CaseFacts, on: date, opinions: Sequence[m.Opinion]
) -> dict[str, Any]:
    return {
        "type": "approval-form",
        "settings": settings.to_json(),
        "lines": [_line_json(f.line)],
        "issued_on": on.isoformat(),
        "policy": citations([f])[0],
        "rules": citations([f])[1],
        "case_no": str(f.line.case_id),
        "facts": [list(x) for x in f.facts],
        "trace": [[t.step, t.value, t.clause] for t in f.trace],
        "opinions": [
            {"stage": o.stage, "text": o.text, "name": o.name, "on": o.on.isoformat() if o.on else ""}
            for o in opinions
        ],
    }


def _file_stem(doc_type: str, payload: dict[str, Any], draft: bool) -> str:
    label = LABELS[doc_type]
    if doc_type == "notice":
        return _safe_name(f"{label}-{'草稿' if draft else payload['doc_no']}")
    ids = "-".join(str(x["case_id"]) for x in payload["lines"][:5])
    more = f"等{len(payload['lines'])}件" if len(payload["lines"]) > 5 else ""
    return _safe_name(f"{label}-案件{ids}{more}-{payload['verification']}")


def _safe_name(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text)
