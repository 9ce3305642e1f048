"""`cases transition` and friends as subprocesses: signed in with --user/--password-env, refusals exit 2."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.cli.conftest import Run

CODE = "914403001922038216"
ENV = {"ADMIN_PW": "admin password 1", "PW": "officer password 1"}


def _as(cli: Callable[..., Run], user: str, *args: str) -> Run:
    return cli("--user", user, "--password-env", "ADMIN_PW" if user == "admin" else "PW", *args, env=ENV)


@pytest.fixture
def case_id(cli: Callable[..., Run]) -> int:
    assert cli("users", "add", "admin", "--roles", "admin", "--password-env", "ADMIN_PW", env=ENV).code == 0
    for name, roles in (
        ("wang", "clerk"),
        ("li", "reviewer"),
        ("zhao", "approver"),
        ("all", "clerk,reviewer"),
    ):
        added = _as(cli, "admin", "users", "add", name, "--roles", roles, "--password-env", "PW")
        assert added.code == 0, added.err
    steps = [
        (
            "enterprises",
            "add",
            "--code",
            CODE,
            "--name",
            "佛山市云擎机器人科技有限公司",
            "--field",
            "robotics",
        ),
        (
            "titles",
            "add",
            "--code",
            CODE,
            "--kind",
            "little-giant",
            "--batch",
            "7",
            "--recognized-on",
            "2025-07-18",
        ),
    ]
    for step in steps:
        done = _as(cli, "wang", *step)
        assert done.code == 0, done.err
    created = _as(cli, "wang", "cases", "create", "--code", CODE, "--title-kind", "little-giant", "--json")
    assert created.code == 0, created.out + created.err
    return int(created.json["id"])


def test_a_case_is_submitted_reviewed_publicised_and_approved(cli: Callable[..., Run], case_id: int) -> None:
    cid = str(case_id)
    submitted = _as(
        cli, "all", "cases", "transition", cid, "--to", "submitted", "--date", "2025-09-15", "--json"
    )
    assert submitted.code == 0, submitted.out + submitted.err
    assert submitted.json["status"] == "submitted" and submitted.json["actor"] == "all"
    same = _as(cli, "all", "cases", "transition", cid, "--to", "under_review", "--json")
    assert same.code == 2 and "不能审核本案" in same.json["error"]
    post_dated = _as(
        cli, "li", "cases", "transition", cid, "--to", "审查中", "--date", "2026-12-05", "--json"
    )
    assert post_dated.code == 2 and "晚于今天（2026-12-04）" in post_dated.json["error"]
    assert (
        _as(cli, "li", "cases", "transition", cid, "--to", "审查中", "--date", "2025-09-22", "--json").code
        == 0
    )
    notice = _as(
        cli,
        "li",
        "cases",
        "transition",
        cid,
        "--to",
        "public_notice",
        "--date",
        "2025-09-26",
        "--period",
        "5",
        "--json",
    )
    assert notice.code == 0 and notice.json["notice_end"] == "2025-10-09"
    early = _as(cli, "zhao", "cases", "transition", cid, "--to", "approved", "--date", "2025-10-09", "--json")
    assert early.code == 2 and "届满" in early.json["error"]
    approved = _as(
        cli, "zhao", "cases", "transition", cid, "--to", "approved", "--date", "2025-10-10", "--json"
    )
    assert approved.code == 0 and approved.json["status"] == "approved"
    over = _as(cli, "wang", "cases", "transition", cid, "--to", "notice_issued", "--date", "2025-10-20",
               "--doc-no", "佛工信函〔2025〕12号", "--json")  # fmt: skip
    assert over.code == 0
    too_much = _as(cli, "wang", "cases", "transition", cid, "--to", "paid", "--date", "2025-11-03",
                   "--amount", "1000000.01", "--voucher", "V1", "--json")  # fmt: skip
    assert too_much.code == 2 and "超出批准金额" in too_much.json["error"]
    paid = _as(cli, "wang", "cases", "transition", cid, "--to", "paid", "--date", "2025-11-03",
               "--amount", "1000000", "--voucher", "V1", "--json")  # fmt: skip
    assert paid.code == 0 and paid.json["facts"]["amount"] == "1000000.00"
    history = cli("cases", "history", cid, "--json")
    assert history.code == 0 and any("li  开始审查案件" in line for line in history.json)
    assert cli("audit", "verify", "--json").json["ok"] is True


def test_refusals_exit_2_with_an_error(cli: Callable[..., Run], case_id: int) -> None:
    cid = str(case_id)
    unsigned = cli("cases", "transition", cid, "--to", "submitted", "--json")
    assert unsigned.code == 2 and "--user" in unsigned.json["error"]
    wrong_role = _as(cli, "li", "cases", "transition", cid, "--to", "submitted", "--json")
    assert wrong_role.code == 2 and "须由经办人办理" in wrong_role.json["error"]
    bad_state = _as(cli, "wang", "cases", "transition", cid, "--to", "closed", "--json")
    assert bad_state.code == 2 and "不能转为“已办结”" in bad_state.json["error"]
    unknown = _as(cli, "wang", "cases", "transition", cid, "--to", "finished", "--json")
    assert unknown.code == 2 and "无法识别" in unknown.json["error"]
    batch = _as(cli, "wang", "cases", "transition", cid, "999", "--to", "submitted", "--json")
    assert batch.code == 2 and [c["ok"] for c in batch.json["cases"]] == [True, False]
    process = cli("cases", "process", cid, "--json")
    assert process.json["status"] == "draft"  # the batch changed nothing


def test_the_officer_who_creates_a_case_cannot_review_it(cli: Callable[..., Run], case_id: int) -> None:
    code2 = "91440605MA4W1234XF"
    add = _as(cli, "wang", "enterprises", "add", "--code", code2, "--name", "佛山市第二机器人有限公司",
              "--field", "robotics", "--json")  # fmt: skip
    assert add.code == 0, add.out + add.err
    title = _as(cli, "wang", "titles", "add", "--code", code2, "--kind", "single-champion", "--batch", "9",
                "--recognized-on", "2025-07-18", "--champion-type", "enterprise")  # fmt: skip
    assert title.code == 0, title.out + title.err
    created = _as(cli, "all", "cases", "create", "--code", code2, "--title-kind", "single-champion", "--json")
    assert created.code == 0, created.out + created.err
    cid = str(created.json["id"])
    assert cli("cases", "process", cid, "--json").json["drafter"] == "all"
    history = cli("cases", "history", cid, "--json").json
    assert len(history) == 1 and "all  新增案件" in history[0] and "市级奖励“1,500,000.00 元”" in history[0]
    assert _as(cli, "wang", "cases", "transition", cid, "--to", "submitted", "--json").code == 0
    refused = _as(cli, "all", "cases", "transition", cid, "--to", "under_review", "--json")
    assert refused.code == 2 and "不能审核本案" in refused.json["error"]
    assert case_id != int(cid)


def test_objections_are_listed_and_decided_by_a_reviewer_headless(
    cli: Callable[..., Run], case_id: int
) -> None:
    cid = str(case_id)
    assert _as(cli, "wang", "cases", "transition", cid, "--to", "submitted", "--date", "2025-09-15").code == 0
    assert (
        _as(cli, "li", "cases", "transition", cid, "--to", "under_review", "--date", "2025-09-22").code == 0
    )
    notice = _as(cli, "li", "cases", "transition", cid, "--to", "public_notice", "--date", "2025-09-26",
                 "--period", "5")  # fmt: skip
    assert notice.code == 0, notice.out + notice.err
    assert cli("cases", "objections", cid).out.strip() == f"案件 {cid} 没有收到异议。"
    for who, what in (("张三（实名）", "市场占有率数据有误"), ("李四（实名）", "研发投入口径不一致")):
        got = _as(cli, "wang", "cases", "objection", cid, "--objector", who, "--date", "2025-09-28",
                  "--reason", what, "--json")  # fmt: skip
        assert got.code == 0, got.out + got.err
    listed = cli("cases", "objections", cid, "--json").json
    assert [(o["objector"], o["status"]) for o in listed] == [
        ("张三（实名）", "pending"),
        ("李四（实名）", "pending"),
    ]
    first, second = (str(o["id"]) for o in listed)

    blocked = _as(
        cli, "zhao", "cases", "transition", cid, "--to", "approved", "--date", "2025-10-10", "--json"
    )
    assert blocked.code == 2 and "异议" in blocked.json["error"]
    clerk = _as(cli, "wang", "cases", "resolve-objection", first, "--dismissed", "--opinion", "经核实数据无误",
                "--json")  # fmt: skip
    assert clerk.code == 2 and "审核人" in clerk.json["error"]
    no_outcome = _as(cli, "li", "cases", "resolve-objection", first, "--opinion", "经核实数据无误")
    assert no_outcome.code == 2
    dismissed = _as(cli, "li", "cases", "resolve-objection", first, "--dismissed", "--opinion",
                    "经核实，数据来源于行业协会统计，异议不成立。", "--date", "2025-09-30", "--json")  # fmt: skip
    assert dismissed.code == 0, dismissed.out + dismissed.err
    again = _as(cli, "li", "cases", "resolve-objection", first, "--upheld", "--opinion", "再议", "--json")
    assert again.code == 2 and "已处理" in again.json["error"]
    upheld = _as(cli, "li", "cases", "resolve-objection", second, "--upheld", "--opinion",
                 "研发投入口径确有出入，退回重新审查。", "--date", "2025-09-30", "--json")  # fmt: skip
    assert upheld.code == 0, upheld.out + upheld.err
    assert cli("cases", "process", cid, "--json").json["status"] == "under_review"
    text = cli("cases", "objections", cid).out
    assert "异议不成立" in text and "异议成立，已退回审查" in text and "li 2025-09-30" in text
    assert cli("audit", "verify", "--json").json["ok"] is True
