"""The permission table: one row per action, the README's table generated from it (so it cannot drift)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.domain import permissions
from core.domain.permissions import PERMISSIONS, Action
from core.domain.workflow import TRANSITIONS, Role

ROOT = Path(__file__).resolve().parents[2]


def test_every_action_has_a_label_and_at_least_one_role() -> None:
    assert set(PERMISSIONS) == set(Action)
    for action in Action:
        assert action.label and PERMISSIONS[action], action


def test_administration_is_the_administrators_and_case_work_is_not() -> None:
    for action in (
        Action.USERS_MANAGE,
        Action.USERS_LIST,
        Action.BACKUP,
        Action.RESTORE,
        Action.DOCUMENT_SETTINGS,
    ):
        assert PERMISSIONS[action] == {Role.ADMIN}
    assert Role.ADMIN not in PERMISSIONS[Action.CASE_EDIT]
    assert not permissions.allowed({Role.REVIEWER}, Action.CASE_EDIT)


def test_the_rows_list_the_actions_then_the_process_steps() -> None:
    rows = permissions.rows()
    assert [r.key for r in rows[: len(Action)]] == [a.value for a in Action]
    assert [r.roles for r in rows[len(Action) :]] == [t.roles for t in TRANSITIONS]


def test_the_readme_table_is_the_codes_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(permissions.markdown_table()) == 2  # Chinese and English sections
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "permissions_table.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
