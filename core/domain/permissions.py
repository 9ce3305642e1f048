"""Who may do what: one table of actions × roles, read by the services, the CLI, the window and the README.

Once a database has any officer (user account), every action here needs a signed-in officer holding one of
the roles listed for it (`core.services.access.require`). A database without officers is open: a fresh install
or a scratch file works unsigned (recorded as the system actor) until its first administrator is created.

The case process steps (提交申报, 审查, 公示, 批准 …) keep their own roles in `core.domain.workflow.TRANSITIONS`
(with separation of duties on top); `rows()` lists them after the actions so that one printed table (
`main.py users permissions`, 设置 → 用户, the README) shows everything an officer may do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.domain.workflow import TRANSITIONS, Role

ROLE_ORDER: tuple[Role, ...] = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.ADMIN)


class Action(StrEnum):
    ENTERPRISE_EDIT = "enterprise.edit"
    TITLE_EDIT = "title.edit"
    REGISTER_IMPORT = "register.import"
    IMPORT_UNDO = "import.undo"
    CASE_EDIT = "case.edit"
    BUDGET_SET = "budget.set"
    DOCUMENT_RENDER = "document.render"
    EXPORT_PERSONAL = "export.personal"
    DOCUMENT_SETTINGS = "document.settings"
    TEMPLATE_EDIT = "template.edit"
    POLICY_INSTALL = "policy.install"
    CALENDAR_IMPORT = "calendar.import"
    USERS_LIST = "users.list"
    USERS_MANAGE = "users.manage"
    BACKUP = "backup"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Action, str] = {
    Action.ENTERPRISE_EDIT: "登记、修改企业",
    Action.TITLE_EDIT: "登记、修改、撤销称号",
    Action.REGISTER_IMPORT: "导入企业名单、称号名单",
    Action.IMPORT_UNDO: "撤销导入",
    Action.CASE_EDIT: "创建案件、修改申报登记中的案件、定案、批量创建",
    Action.BUDGET_SET: "设置年度预算",
    Action.DOCUMENT_RENDER: "生成文书（审批表、公示、汇总表、通知草稿）",
    Action.EXPORT_PERSONAL: "导出台账、企业名单、称号名单",
    Action.DOCUMENT_SETTINGS: "修改发文设置（含文号机关代字）",
    Action.TEMPLATE_EDIT: "修改文书模板",
    Action.POLICY_INSTALL: "安装政策文件",
    Action.CALENDAR_IMPORT: "导入工作日历（节假日安排）",
    Action.USERS_LIST: "列出用户",
    Action.USERS_MANAGE: "管理用户（添加、角色、重设密码、停用）",
    Action.BACKUP: "备份数据库",
    Action.RESTORE: "恢复数据库",
}

_C, _R, _A, _M = Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.ADMIN
_OFFICERS = frozenset({_C, _R, _A})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.ENTERPRISE_EDIT: frozenset({_C}),
    Action.TITLE_EDIT: frozenset({_C}),
    Action.REGISTER_IMPORT: frozenset({_C}),
    Action.IMPORT_UNDO: frozenset({_C}),
    Action.CASE_EDIT: frozenset({_C}),
    Action.BUDGET_SET: frozenset({_A, _M}),
    Action.DOCUMENT_RENDER: _OFFICERS,
    Action.EXPORT_PERSONAL: _OFFICERS,
    Action.DOCUMENT_SETTINGS: frozenset({_M}),
    Action.TEMPLATE_EDIT: frozenset({_M}),
    Action.POLICY_INSTALL: frozenset({_M}),
    Action.CALENDAR_IMPORT: frozenset({_M}),
    Action.USERS_LIST: frozenset({_M}),
    Action.USERS_MANAGE: frozenset({_M}),
    Action.BACKUP: frozenset({_M}),
    Action.RESTORE: frozenset({_M}),
}


def allowed(roles: frozenset[Role] | set[Role], action: Action) -> bool:
    return bool(PERMISSIONS[action] & set(roles))


def roles_text(roles: frozenset[Role]) -> str:
    """“经办人或审核人”: the roles allowed, in the usual order."""
    return "或".join(r.label for r in ROLE_ORDER if r in roles)


@dataclass(frozen=True)
class PermissionRow:
    key: str
    label: str
    roles: frozenset[Role]

    def to_json(self) -> dict[str, object]:
        return {
            "action": self.key,
            "label": self.label,
            "roles": [r.value for r in ROLE_ORDER if r in self.roles],
        }


def rows() -> list[PermissionRow]:
    """Every action, then every case process step, with the roles that may take it."""
    out = [PermissionRow(a.value, a.label, PERMISSIONS[a]) for a in Action]
    out += [PermissionRow(f"case.{t.name}", f"案件办理：{t.label}", t.roles) for t in TRANSITIONS]
    return out


def markdown_table(yes: str = "✓", no: str = "") -> str:
    """The table as Markdown (the README's “what each role may do”: checked against this by a test)."""
    head = "| 事项 Action | " + " | ".join(f"{r.label} {r.value}" for r in ROLE_ORDER) + " |"
    rule = "|---|" + "|".join(":-:" for _ in ROLE_ORDER) + "|"
    body = [
        f"| {row.label} `{row.key}` | " + " | ".join(yes if r in row.roles else no for r in ROLE_ORDER) + " |"
        for row in rows()
    ]
    return "\n".join([head, rule, *body])
