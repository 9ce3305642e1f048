"""The preview of a MIIT title list: the list's kind (stated, or read from its heading, sheet or file name),
what the officer states for the whole list (TitleImportParams), each row matched to the register (credit
code, else normalised name, else a former name; close names offered when none matches); and
`import_titles`, the preview committed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import uscc
from core.domain.enums import TitleKind
from core.domain.text import normalize_name
from core.domain.titles import KindClue, batch_year_warning, detect_kind, kind_conflict
from core.io.excel_read import Table
from core.io.normalize import CellError, cell_text, is_blank, parse_date
from core.services.errors import InputError
from core.services.gc_pause import gc_paused
from core.services.imports.commit import commit_preview
from core.services.imports.reading import (
    _cell_values,
    _is_total_row,
    _load,
    column_name,
    file_sha256,
    seen_before,
)
from core.services.imports.results import (
    Cancel,
    Candidate,
    ImportCancelled,
    ImportReport,
    KindRequired,
    Preview,
    PreviewRow,
    Progress,
    RowIssue,
    RowStatus,
)
from core.services.imports.vocabulary import TITLE_ALIASES, TITLE_LABELS, TITLE_REQUIRED
from core.services.titles import TitleInput, validate_title  # the same checks as titles.add_title
from core.store.models import Enterprise, NationalTitle
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class TitleImportParams:
    """What the officer states once for a whole MIIT list. `kind` "" (not stated): read from the list's
    heading, sheet name or file name, else refused (KindRequired) — never a default. A stated kind that
    contradicts the heading is written only with `kind_override` (the officer confirmed it)."""

    kind: str
    batch: int | str
    recognized_on: date | str
    doc_no: str = ""
    re_review: bool = False
    champion_type: str = ""
    region: str = ""  # when given, rows whose 地区 names another region are skipped (e.g. "广东")
    kind_override: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "batch": str(self.batch),
            "recognized_on": str(self.recognized_on),
            "doc_no": self.doc_no,
            "re_review": self.re_review,
            "champion_type": self.champion_type,
            "region": self.region,
        }


_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司)+$")


def _core_name(norm: str) -> str:
    return _SUFFIX.sub("", norm) or norm


@dataclass
class _Register:
    by_code: dict[str, tuple[int, str, str]]
    by_name: dict[str, list[int]]
    by_former: dict[str, list[int]]
    info: dict[int, tuple[str, str]]  # id → (code, name)
    choices: dict[int, str]  # id → core name for fuzzy matching


def _register(session: Session) -> _Register:
    reg = _Register({}, {}, {}, {}, {})
    stmt = select(
        Enterprise.id, Enterprise.code, Enterprise.name, Enterprise.name_norm, Enterprise.former_names
    )
    for ent_id, code, name, norm, former in session.execute(stmt):
        reg.by_code[code] = (ent_id, code, name)
        reg.by_name.setdefault(norm, []).append(ent_id)
        for f in str(former).splitlines():
            if f:
                reg.by_former.setdefault(normalize_name(f), []).append(ent_id)
        reg.info[ent_id] = (code, name)
        reg.choices[ent_id] = _core_name(norm)
    return reg


def _candidates(reg: _Register, name: str, limit: int = 3) -> tuple[Candidate, ...]:
    if not reg.choices or not name:
        return ()
    found = process.extract(
        _core_name(normalize_name(name)), reg.choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60
    )
    return tuple(Candidate(int(key), *reg.info[int(key)], float(score)) for _choice, score, key in found)


@gc_paused()
def _probe_title(params: TitleImportParams, kind: str) -> dict[str, object]:
    """The checks of what the officer stated for a whole title list (batch, date, 文号, a champion's type)."""
    try:
        return validate_title(
            TitleInput(
                "",
                kind,
                params.batch,
                params.recognized_on,
                params.doc_no,
                params.re_review,
                params.champion_type,
                "（产品）",
            )
        )
    except InputError as exc:
        raise InputError(f"称号信息有误：{exc}", exc.fields) from None


def preview_titles(
    uow: UnitOfWork,
    path: Path,
    params: TitleImportParams,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    resolutions: Mapping[int, int] | None = None,
    cancel: Cancel | None = None,
) -> Preview:
    """Match each row of a MIIT list to the register (credit code, else normalised name, else a former name);
    `resolutions` maps an Excel row to the enterprise the officer picked for it. Writes nothing."""
    path = Path(path)
    stated = params.kind.strip() if params.kind else ""
    # the batch and date checks before reading the file (with the stated kind, or any kind)
    probe = _probe_title(params, stated or TitleKind.LITTLE_GIANT.value)
    table, sheets, missing = _load(path, sheet, TITLE_ALIASES, TITLE_REQUIRED, mapping)
    clue = list_kind(table, path)
    if stated:
        kind_value = str(probe["kind"])
    elif clue is not None:
        kind_value = clue.kind.value
    else:
        raise KindRequired(
            f"无法从“{path.name}”的表头、工作表名称“{table.sheet.name}”或文件名读出称号类别"
            f"（{TitleKind.LITTLE_GIANT.label}或{TitleKind.SINGLE_CHAMPION.label}），不作默认："
            "请指定称号类别（命令行 --kind little-giant 或 --kind single-champion）。",
            {"kind": "请选择称号类别"},
        )
    conflict = kind_conflict(TitleKind(kind_value), clue) if stated else None
    params = replace(params, kind=kind_value)
    if not stated:  # the checks that depend on the kind (a champion's type), now that it is known
        probe = _probe_title(params, kind_value)
    base = dict(
        kind="titles",
        title_kind=kind_value,
        kind_clue=clue,
        kind_stated=str(probe["kind"]) if stated else "",
        kind_conflict=conflict or "",
        file_name=path.name,
        sha256=file_sha256(path),
        sheet=table.sheet.name,
        sheets=tuple(sheets),
        header_row=table.header_row,
        headers=tuple(c.header for c in table.columns),
        columns=table.columns,
    )
    if missing:
        return Preview(**base, rows=(), warnings=(), missing=tuple(missing), params=params.to_json())  # type: ignore[arg-type]
    session = uow.session
    warnings: list[str] = list(seen_before(session, str(base["sha256"])))
    if conflict:
        warnings.insert(0, conflict)
    recognized_probe = probe["recognized_on"]
    assert isinstance(recognized_probe, date)
    year_note = batch_year_warning(TitleKind(str(probe["kind"])), int(str(probe["batch"])), recognized_probe)
    if year_note:
        warnings.append(year_note)
    reg = _register(session)
    kind = str(probe["kind"])
    existing_titles = {
        (e, b, bool(rr), p)
        for e, b, rr, p in session.execute(
            select(
                NationalTitle.enterprise_id,
                NationalTitle.batch,
                NationalTitle.re_review,
                NationalTitle.product,
            ).where(NationalTitle.kind == kind)
        )
    }
    resolutions = dict(resolutions or {})
    rows: list[PreviewRow] = []
    seen: dict[tuple[int, str], int] = {}
    region = params.region.strip()
    for excel_row, row in table.data_rows():
        if cancel is not None and cancel():
            raise ImportCancelled("已取消预览。")
        texts = _cell_values(table, row, ("code",))
        cells = row
        name = texts.get("name", "")
        if _is_total_row(row) or (not name and not texts.get("code")):
            rows.append(
                PreviewRow(excel_row, RowStatus.SKIPPED, "", name, cells, notes=("无企业名称，已跳过。",))
            )
            continue
        if region and texts.get("region") and region not in texts["region"]:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.SKIPPED,
                    "",
                    name,
                    cells,
                    notes=(f"地区为“{texts['region']}”，不属于{region}，已跳过。",),
                )
            )
            continue
        issues: list[RowIssue] = []
        ent_id: int | None = None
        code = ""
        if texts.get("code"):
            chk = uscc.check(texts["code"])
            code = chk.code
            if not chk.ok:
                issues.append(RowIssue(excel_row, column_name(table, "code", TITLE_LABELS), chk.message))
            elif code in reg.by_code:
                ent_id = reg.by_code[code][0]
        if ent_id is None and excel_row in resolutions:
            ent_id = resolutions[excel_row]
            if ent_id not in reg.info:
                issues.append(
                    RowIssue(
                        excel_row,
                        column_name(table, "name", TITLE_LABELS),
                        f"所选企业（编号 {ent_id}）不存在。",
                    )
                )
                ent_id = None
        candidates: tuple[Candidate, ...] = ()
        if ent_id is None and not issues:
            norm = normalize_name(name)
            hits = reg.by_name.get(norm) or reg.by_former.get(norm) or []
            if len(set(hits)) == 1:
                ent_id = hits[0]
            elif hits:
                candidates = tuple(Candidate(i, *reg.info[i], 100.0) for i in sorted(set(hits)))
            else:
                candidates = _candidates(reg, name)
        product = texts.get("product", "")
        recognized = params.recognized_on
        if texts.get("recognized_on"):
            try:
                recognized = parse_date(row[table.column_for("recognized_on").index], "认定日期")  # type: ignore[union-attr]
            except CellError as exc:
                issues.append(
                    RowIssue(excel_row, column_name(table, "recognized_on", TITLE_LABELS), str(exc))
                )
        values: dict[str, Any] = {}
        if not issues:
            try:
                values = validate_title(
                    TitleInput(
                        code,
                        params.kind,
                        params.batch,
                        recognized,
                        params.doc_no,
                        params.re_review,
                        params.champion_type,
                        product,
                        "valid",
                        "import",
                    )
                )
            except InputError as exc:
                issues.extend(
                    RowIssue(
                        excel_row, column_name(table, f if f in TITLE_LABELS else "name", TITLE_LABELS), m
                    )
                    for f, m in exc.fields.items()
                )
        if issues:
            rows.append(
                PreviewRow(
                    excel_row, RowStatus.ERROR, code, name, cells, issues=tuple(issues), product=product
                )
            )
            continue
        if ent_id is None:
            rows.append(
                PreviewRow(
                    excel_row, RowStatus.UNMATCHED, code, name, cells, candidates=candidates, product=product
                )
            )
            continue
        ent_code, ent_name = reg.info[ent_id]
        key = (ent_id, str(values["product"]))
        notes: tuple[str, ...] = ()
        if ent_name != name and normalize_name(ent_name) != normalize_name(name):
            notes = (f"按{'信用代码' if code else '曾用名'}匹配到“{ent_name}”。",)
        if key in seen:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.SKIPPED,
                    ent_code,
                    ent_name,
                    cells,
                    notes=(f"与第{seen[key]}行重复，已跳过。",),
                    target_id=ent_id,
                    product=product,
                )
            )
            continue
        seen[key] = excel_row
        if (ent_id, values["batch"], bool(values["re_review"]), values["product"]) in existing_titles:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.UNCHANGED,
                    ent_code,
                    ent_name,
                    cells,
                    notes=notes,
                    target_id=ent_id,
                    product=product,
                )
            )
            continue
        values["enterprise_id"] = ent_id
        rows.append(
            PreviewRow(
                excel_row,
                RowStatus.NEW,
                ent_code,
                ent_name,
                cells,
                notes=notes,
                target_id=ent_id,
                values=values,
                product=product,
            )
        )
    for r in rows:
        warnings.extend(f"第{r.row}行：{note}" for note in r.notes if "已跳过" not in note or "重复" in note)
    return Preview(**base, rows=tuple(rows), warnings=tuple(warnings), missing=(), params=params.to_json())  # type: ignore[arg-type]


def list_kind(table: Table, path: Path) -> KindClue | None:
    """What a title list says its kind is: its heading rows above the header, its sheet name, its file name."""
    heading = [
        (i + 1, " ".join(cell_text(v) for v in r if not is_blank(v)))
        for i, r in enumerate(table.sheet.rows[: max(0, table.header_row - 1)])
        if any(not is_blank(v) for v in r)
    ]
    return detect_kind(heading, table.sheet.name, Path(path).stem)


def import_titles(
    uow: UnitOfWork,
    path: Path,
    params: TitleImportParams,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    resolutions: Mapping[int, int] | None = None,
    actor: str | None = None,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    preview = preview_titles(uow, path, params, sheet, mapping, resolutions, cancel)
    return commit_preview(
        uow,
        preview,
        actor=actor,
        dry_run=dry_run,
        cancel=cancel,
        progress=progress,
        kind_confirmed=params.kind_override,
    )
