"""The preview of a MIIT title list: the list's kind (stated, or read from its heading, sheet or file name),
what the officer states for the whole list (TitleImportParams), each row matched to the register (credit
code, else normalised name, else a former name; close names offered when none matches); and
`import_titles`, the preview committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import uscc
from core.domain.enums import TitleKind
from core.domain.text import normalize_name
from core.domain.titles import KindClue, batch_year_warning, detect_kind, kind_conflict
from core.io.excel_read import Table
from core.io.normalize import CellError, parse_date
from core.io.table import TextRow, heading_lines
from core.services.errors import InputError
from core.services.gc_pause import gc_paused
from core.services.imports.commit import commit_preview
from core.services.imports.reading import column_name, preview_head, read_list, seen_before, watched
from core.services.imports.results import (
    Cancel,
    Candidate,
    ImportReport,
    KindRequired,
    Preview,
    PreviewRow,
    Progress,
    RowIssue,
    RowStatus,
)
from core.services.imports.title_matching import RegisterNames, close_names, register_names
from core.services.imports.vocabulary import TITLE_LABELS, TITLE_WORDS
from core.services.titles import TitleInput, validate_title  # the same checks as titles.add_title
from core.store.models import NationalTitle
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
    read = read_list(path, TITLE_WORDS, sheet, mapping)
    clue = list_kind(read.table, path)
    kind_value = str(probe["kind"]) if stated else _kind_read(clue, path, read.table)
    conflict = kind_conflict(TitleKind(kind_value), clue) if stated else None
    params = replace(params, kind=kind_value)
    if not stated:  # the checks that depend on the kind (a champion's type), now that it is known
        probe = _probe_title(params, kind_value)
    head = replace(
        preview_head("titles", path, read),
        params=params.to_json(),
        title_kind=kind_value,
        kind_clue=clue,
        kind_stated=str(probe["kind"]) if stated else "",
        kind_conflict=conflict or "",
    )
    if read.missing:
        return head
    session = uow.session
    warnings = [*([conflict] if conflict else []), *seen_before(session, read.sha256), *_year_notes(probe)]
    kind = str(probe["kind"])
    rows = _TitleRows(read.table, params, register_names(session), _titles_held(session, kind), resolutions)
    classified = [rows.classify(r) for r in watched(read.rows(), cancel)]
    for r in classified:
        warnings.extend(f"第{r.row}行：{note}" for note in r.notes if "已跳过" not in note or "重复" in note)
    return replace(head, rows=tuple(classified), warnings=tuple(warnings))


def _kind_read(clue: KindClue | None, path: Path, table: Table) -> str:
    """The kind the list itself says, when the officer stated none; KindRequired when it says none."""
    if clue is not None:
        return clue.kind.value
    raise KindRequired(
        f"无法从“{path.name}”的表头、工作表名称“{table.sheet.name}”或文件名读出称号类别"
        f"（{TitleKind.LITTLE_GIANT.label}或{TitleKind.SINGLE_CHAMPION.label}），不作默认："
        "请指定称号类别（命令行 --kind little-giant 或 --kind single-champion）。",
        {"kind": "请选择称号类别"},
    )


def _year_notes(probe: Mapping[str, object]) -> list[str]:
    recognized = probe["recognized_on"]
    assert isinstance(recognized, date)
    note = batch_year_warning(TitleKind(str(probe["kind"])), int(str(probe["batch"])), recognized)
    return [note] if note else []


def _titles_held(session: Session, kind: str) -> set[tuple[int, int, bool, str]]:
    """The titles of `kind` the register holds, as (enterprise, batch, re-review, product)."""
    stmt = select(
        NationalTitle.enterprise_id, NationalTitle.batch, NationalTitle.re_review, NationalTitle.product
    ).where(NationalTitle.kind == kind)
    return {(e, b, bool(rr), p) for e, b, rr, p in session.execute(stmt)}


class _TitleRows:
    """Classifies the rows of one title list in file order: skipped (no name, a totals line, another
    region, a repeated enterprise and product), an error, unmatched (with close names), unchanged (the
    register holds the title) or new; `seen` remembers the first row of each enterprise and product."""

    def __init__(
        self,
        table: Table,
        params: TitleImportParams,
        reg: RegisterNames,
        held: set[tuple[int, int, bool, str]],
        resolutions: Mapping[int, int] | None,
    ) -> None:
        self.table = table
        self.params = params
        self.reg = reg
        self.held = held
        self.resolutions = dict(resolutions or {})
        self.region = params.region.strip()
        self.date_column = table.column_for("recognized_on")
        self.seen: dict[tuple[int, str], int] = {}

    def classify(self, r: TextRow) -> PreviewRow:
        texts, name = r.texts, r.texts.get("name", "")
        if r.total or (not name and not texts.get("code")):
            return PreviewRow(r.row, RowStatus.SKIPPED, "", name, r.cells, notes=("无企业名称，已跳过。",))
        if self.region and texts.get("region") and self.region not in texts["region"]:
            note = f"地区为“{texts['region']}”，不属于{self.region}，已跳过。"
            return PreviewRow(r.row, RowStatus.SKIPPED, "", name, r.cells, notes=(note,))
        issues: list[RowIssue] = []
        code, ent_id, candidates = self._match(r, name, issues)
        product = texts.get("product", "")
        values = self._values(r, code, product, issues)
        if issues:
            return PreviewRow(
                r.row, RowStatus.ERROR, code, name, r.cells, issues=tuple(issues), product=product
            )
        if ent_id is None:
            return PreviewRow(
                r.row, RowStatus.UNMATCHED, code, name, r.cells, candidates=candidates, product=product
            )
        return self._matched(r, name, code, ent_id, values)

    def _match(
        self, r: TextRow, name: str, issues: list[RowIssue]
    ) -> tuple[str, int | None, tuple[Candidate, ...]]:
        """The row's checked credit code, the enterprise it names (by code, by the officer's pick, by name or
        former name), and the close names when none; a bad code or a pick not in the register → `issues`."""
        reg, code, ent_id = self.reg, "", None
        if r.texts.get("code"):
            chk = uscc.check(r.texts["code"])
            code = chk.code
            if not chk.ok:
                issues.append(RowIssue(r.row, column_name(self.table, "code", TITLE_LABELS), chk.message))
            elif code in reg.by_code:
                ent_id = reg.by_code[code][0]
        if ent_id is None and r.row in self.resolutions:
            ent_id = self.resolutions[r.row]
            if ent_id not in reg.info:
                msg = f"所选企业（编号 {ent_id}）不存在。"
                issues.append(RowIssue(r.row, column_name(self.table, "name", TITLE_LABELS), msg))
                ent_id = None
        if ent_id is not None or issues:
            return code, ent_id, ()
        norm = normalize_name(name)
        hits = reg.by_name.get(norm) or reg.by_former.get(norm) or []
        if len(set(hits)) == 1:
            return code, hits[0], ()
        if hits:
            return code, None, tuple(Candidate(i, *reg.info[i], 100.0) for i in sorted(set(hits)))
        return code, None, close_names(reg, name)

    def _values(self, r: TextRow, code: str, product: str, issues: list[RowIssue]) -> dict[str, Any]:
        """The title's checked values (the list's 认定日期 over the stated one); their faults → `issues`."""
        params, recognized = self.params, self.params.recognized_on
        if r.texts.get("recognized_on") and self.date_column is not None:
            try:
                recognized = parse_date(r.cells[self.date_column.index], "认定日期")
            except CellError as exc:
                column = column_name(self.table, "recognized_on", TITLE_LABELS)
                issues.append(RowIssue(r.row, column, str(exc)))
        if issues:
            return {}
        try:
            return validate_title(
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
                RowIssue(r.row, column_name(self.table, f if f in TITLE_LABELS else "name", TITLE_LABELS), m)
                for f, m in exc.fields.items()
            )
            return {}

    def _matched(self, r: TextRow, name: str, code: str, ent_id: int, values: dict[str, Any]) -> PreviewRow:
        """A valid row matched to an enterprise: skipped when repeated, unchanged when held, else new."""
        ent_code, ent_name = self.reg.info[ent_id]
        product = r.texts.get("product", "")
        key = (ent_id, str(values["product"]))
        notes: tuple[str, ...] = ()
        if ent_name != name and normalize_name(ent_name) != normalize_name(name):
            notes = (f"按{'信用代码' if code else '曾用名'}匹配到“{ent_name}”。",)
        if key in self.seen:
            notes = (f"与第{self.seen[key]}行重复，已跳过。",)
            status = RowStatus.SKIPPED
        elif (ent_id, values["batch"], bool(values["re_review"]), values["product"]) in self.held:
            self.seen[key] = r.row
            status = RowStatus.UNCHANGED
        else:
            self.seen[key] = r.row
            status = RowStatus.NEW
            values["enterprise_id"] = ent_id
        return PreviewRow(
            r.row,
            status,
            ent_code,
            ent_name,
            r.cells,
            notes=notes,
            target_id=ent_id,
            values=values if status is RowStatus.NEW else {},
            product=product,
        )


def list_kind(table: Table, path: Path) -> KindClue | None:
    """What a title list says its kind is: its heading rows above the header, its sheet name, its file name."""
    return detect_kind(heading_lines(table), table.sheet.name, Path(path).stem)


def import_titles(
    uow: UnitOfWork,
    path: Path,
    params: TitleImportParams,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    resolutions: Mapping[int, int] | None = None,
    actor: str,
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
