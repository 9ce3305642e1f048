"""Policy files for tests: a copy of the shipped policy under another id, title and 文号 in the officer's folder
(`<data dir>/policies/`, inside tmp_path in every test)."""

from __future__ import annotations

from pathlib import Path

from core.paths import data_dir
from core.policy.registry import SHIPPED_DIR

SHIPPED_TITLE = "广东省推动人工智能与机器人产业创新发展若干政策措施"
SHIPPED_DOC_NO = "粤府办〔2025〕6号"


def other_policy(policy_id: str, title: str, doc_no: str, rules_title: str = "", rules_no: str = "") -> Path:
    """The shipped policy file with another id, title and 文号 (its clause references name that 文号 too),
    optionally another implementing rules' title and 文号; written where the app finds officers' files."""
    text = (SHIPPED_DIR / "gd-ai-robotics-2025.toml").read_text(encoding="utf-8")
    text = text.replace('id = "gd-ai-robotics-2025"', f'id = "{policy_id}"', 1)
    text = text.replace(SHIPPED_TITLE, title).replace(SHIPPED_DOC_NO, doc_no)
    if rules_no:
        rules = f'implementing_rules = "{rules_no}"'
        if rules_title:
            rules += f'\nimplementing_rules_title = "{rules_title}"'
        text = text.replace('implementing_rules = "粤工信规字〔2025〕6号"', rules, 1)
    assert f'id = "{policy_id}"' in text and doc_no in text
    folder = data_dir() / "policies"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{policy_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path
