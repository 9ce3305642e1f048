"""Line breaking over the real templates: every document type, rendered through the documents service with
long enterprise names and policy titles (so that headings, body text and table cells wrap at many places), read
back line by line with pypdf's layout extraction. No line (of a paragraph or of a table cell) begins with a
closing mark or 、，。 and none ends with an opening mark “ 《 〔 （ (GB/T 15834 5.1.7)."""

from __future__ import annotations

import io
import random
import re
from datetime import date

import pytest
from pypdf import PdfReader

from core.io.pdf.fonts import FontSet
from core.io.pdf.linebreak import CHINESE_CANNOT_END, CHINESE_CANNOT_START
from core.services import cases
from core.services import documents as svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from tests.in_uow import in_uow
from tests.policy_files import other_policy
from tests.process import add_officers, approve

TODAY = date(2025, 10, 20)
# Names that put brackets, quotes and book-title marks at every place of a line as their length grows.
NAMES = tuple(
    f"佛山市{'鑫' * k}（顺德）“智造”《机器人》科技股份有限公司（{'南海' * (k % 3)}分公司）" for k in range(9)
)
# Policy titles of other lengths: the 审批表 heading (依据《title》（文号）、《rules》（文号）) wraps elsewhere.
POLICIES = (
    ("p-short", "广东省机器人产业若干措施", "粤府办〔2026〕1号"),
    ("p-long", "广东省推动人工智能与机器人产业创新发展高质量发展若干政策措施（修订）", "粤府办〔2026〕12号"),
)
DOCS = ("notice", "notice-batch", "publicity", "approval-form", "province-summary")
GAP = re.compile(r"\s{2,}")


def _lines(pdf: bytes) -> list[str]:
    """Each line of each paragraph or table cell: layout text, split where columns are apart."""
    out: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for row in page.extract_text(extraction_mode="layout").splitlines():
            out += [part for part in GAP.split(row.strip()) if part]
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[bytes]]:
    tmp = tmp_path_factory.mktemp("linebreak")
    mp = pytest.MonkeyPatch()
    mp.setenv("SUBSIDY_DESK_HOME", str(tmp / "home"))
    try:
        for pid, title, doc_no in POLICIES:
            other_policy(pid, title, doc_no)
        db, _ = open_database(sqlite_url(tmp / "desk.sqlite"))
        add_officers(db)
        rng = random.Random(15)
        ids: list[int] = []
        for i, name in enumerate(NAMES):
            code = make_code(rng, "440606")
            with db.uow() as uow:
                add_enterprise(
                    uow,
                    EnterpriseInput(code=code, name=name, district="顺德区", field="robotics"),
                    actor="wang",
                )
            with db.uow() as uow:
                add_title(
                    uow,
                    TitleInput(
                        enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"
                    ),
                    actor="wang",
                )
            policy = ([None] + [p[0] for p in POLICIES])[i % 3]
            with db.uow() as uow:
                kwargs = {"policy_id": policy} if policy else {}
                ids.append(
                    cases.create_case(uow, code, "little-giant", today=TODAY, **kwargs, actor="wang").id
                )  # type: ignore[arg-type]
        for i in ids:
            approve(db, i)
        fonts = FontSet.bundled()
        draft = svc.RenderOptions(on=TODAY, draft=True)
        opts = svc.RenderOptions(on=TODAY)

        def render(doc_type: str, unit: list[int], options: svc.RenderOptions) -> list[bytes]:
            result = in_uow(
                db,
                svc.render_documents,
                doc_type,
                unit,
                tmp / "out",
                actor="wang",
                options=options,
                fonts=fonts,
            )
            return [f.read_bytes() for f in result.files if f.suffix == ".pdf"]

        out = {
            "notice": [pdf for i in ids for pdf in render("notice", [i], draft)],
            "notice-batch": render("notice", ids, draft),
            "publicity": render("publicity", ids, opts),
            "approval-form": render("approval-form", ids, opts),
            "province-summary": render("province-summary", ids, opts),
        }
        db.dispose()
        return out
    finally:
        mp.undo()


@pytest.mark.parametrize("doc", DOCS)
def test_no_line_begins_with_a_closing_mark_or_ends_with_an_opening_one(
    rendered: dict[str, list[bytes]], doc: str
) -> None:
    assert rendered[doc]
    bad: list[str] = []
    wrapped = 0
    for pdf in rendered[doc]:
        lines = _lines(pdf)
        wrapped += len(lines)
        bad += [f"begins: {line}" for line in lines if line[0] in CHINESE_CANNOT_START]
        bad += [f"ends: {line}" for line in lines if line[-1] in CHINESE_CANNOT_END]
    assert wrapped and not bad, "\n".join(bad)


def test_the_approval_form_heading_wraps_without_a_line_beginning_with_a_mark(
    rendered: dict[str, list[bytes]],
) -> None:
    # The heading cites the policy and the rules: “（依据《…》（粤府办〔2025〕6号）、《…》（…））” wraps onto 3 lines.
    for pdf in rendered["approval-form"]:
        heading = [line for line in _lines(pdf)[:6]]
        text = "".join(heading)
        assert "依据" in text and not any(line[0] in "、）》" for line in heading), heading
