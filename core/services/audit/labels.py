"""The trail in plain Chinese: the labels of entities, actions, fields and coded values, and how a value
is shown in a history line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.domain.workflow import TRANSITIONS, CaseState

ENTITY_LABELS = {
    "enterprise": "企业",
    "title": "称号",
    "case": "案件",
    "payment": "拨付记录",
    "user": "用户",
    "policy": "政策文件",
    "setting": "发文设置",
    "template": "文书模板",
    "budget": "年度预算",
    "import_batch": "导入批次",
    "calendar": "工作日历",
    "document": "已发文书",
}
ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "revoke": "撤销",
    "transition": "办理",
    "payment": "登记拨付",
    "correction": "冲正",
    "objection": "登记异议",
    "objection_dismissed": "异议不成立",
    "set_password": "修改密码",
    "lock": "锁定",
    "unlock": "解锁",
    "rehash": "升级密码散列",
    "import": "导入",
    "undo": "撤销导入",
    "recompute": "重新计算",
    "freeze": "定案",
    "set_drafter": "登记经办人",
    "replace": "替换",
    "reset": "恢复默认",
    "issue": "印发",
    **{t.name: t.label for t in TRANSITIONS},
}
FIELD_LABELS = {
    # enterprises
    "code": "统一社会信用代码",
    "code_override_reason": "校验位例外原因",
    "name": "名称",
    "former_names": "曾用名",
    "district": "所在区",
    "address": "地址",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "field": "领域",
    "field_reason": "领域依据",
    "reg_status": "登记状态",
    "notes": "备注",
    # titles
    "enterprise_id": "企业编号",
    "kind": "称号类别",
    "champion_type": "单项冠军类型",
    "product": "产品",
    "batch": "批次",
    "recognized_on": "认定日期",
    "doc_no": "文号",
    "re_review": "复核通过",
    "status": "状态",
    "status_on": "状态日期",
    "status_reason": "原因",
    "expires_on": "有效期至",
    "source": "来源",
    # users
    "display_name": "姓名",
    "roles": "角色",
    "active": "启用",
    "locked_until": "锁定至",
    "algorithm": "散列算法",
    # case process steps, objections, payments
    "reason": "原因/意见",
    "date": "日期",
    "period": "公示期（工作日）",
    "notice_end": "公示截止",
    "amount": "金额",
    "voucher": "凭证号",
    "objector": "异议人",
    "objection_id": "异议记录编号",
    "resolved_on": "处理日期",
    "upheld": "异议成立",
    "line": "资金类别",
    "override_reason": "超预算批准理由",
    "budget_problems": "超出预算情况",
    "over_cap_reason": "超出奖励总额度批准理由",
    "over_cap": "超出奖励总额度情况",
    "drafter": "经办（登记）人",
    # cases
    "title_id": "称号编号",
    "title_kind": "称号类别",
    "policy_id": "政策",
    "policy_sha256": "政策文件哈希",
    "city_reward": "市级奖励",
    "city_reward_source": "市级奖励依据",
    "city_reward_reason": "市级奖励调整理由",
    "province_match": "省级配套",
    "total": "奖励合计",
    "cap": "奖励总额度",
    "eligible": "符合奖励条件",
    "exclusion_hits": "负面情形",
    "decided_on": "决定日期",
    "frozen": "已定案",
    # budgets
    "allocated": "省级下达金额",
    "notice_no": "下达文号",
    "notice_date": "下达日期",
    # imports (the batch's summary)
    "file_name": "文件名",
    "sha256": "内容哈希（SHA-256）",
    "rows": "行数",
    "created": "新增条数",
    "updated": "修改条数",
    "deleted": "删除条数",
    "restored": "恢复条数",
    # bureau settings (发文设置)
    "bureau_name": "机关名称",
    "banner_text": "发文机关标志",
    "doc_prefix": "文号机关代字",
    "city": "城市",
    "default_addressee": "默认主送机关",
    "signatory": "落款机关",
    # document templates
    "in_use": "使用的模板",
    # the working-day calendar (core.services.calendar) and how a 公示 end was counted
    "year": "年份",
    "holidays": "节假日",
    "workdays": "调休上班日",
    "notice_counted": "公示期计算",
    # what `verify` compares besides the fields above (core.services.audit_state)
    "password": "密码（哈希指纹）",
    "actor": "办理人",
    "action": "办理事项",
    "facts": "所填事实",
    "paid_on": "拨付日期",
    # issued documents (documents._issue)
    "doc_type": "文书类别",
    "issued_on": "成文日期",
    "verification": "校验码",
    "file_sha256": "文件哈希（SHA-256）",
    "payload_sha256": "印制数据哈希（SHA-256）",
    "audit_anchor": "审计锚点",
    "case_ids": "案件编号",
}
# Where one key means different things on different records.
_ENTITY_FIELD_LABELS = {
    ("user", "name"): "用户名",
    ("import_batch", "kind"): "名单类别",
    ("policy", "kind"): "文件类别",
    ("budget", "amount"): "预算金额",
    ("budget", "notes"): "说明",
}
_MONEY_FIELDS = frozenset(
    {"amount", "city_reward", "province_match", "total", "cap", "allocated"}
)  # shown as 1,000,000.00 元
_SKIPPED = {"name_norm", "search_text", "recognized_year", "password"}  # password: a fingerprint, not news
# Actions that change a record's fields: always shown as before → after (others state facts: "日期“…”").
_CHANGE_ACTIONS = frozenset({"update", "recompute", "freeze", "replace", "reset", "revoke"})
_FIELD_ORDER = {key: n for n, key in enumerate(FIELD_LABELS)}  # fields shown in the order listed above


def _value_labels() -> dict[tuple[str, str], dict[str, str]]:
    """Codes shown by their Chinese label: (entity or "*", field) → {code: label}."""
    from core.domain.enums import ChampionType, Field, RegStatus, Source, TitleKind, TitleStatus
    from core.domain.workflow import Role
    from core.policy.engine import EXCLUSION_ITEMS

    kinds = {k.value: k.label for k in TitleKind}
    return {
        ("case", "status"): {s.value: s.label for s in CaseState},
        ("title", "status"): {s.value: s.label for s in TitleStatus},
        ("title", "kind"): kinds,
        ("*", "title_kind"): kinds,
        ("*", "field"): {f.value: f.label for f in Field},
        ("*", "reg_status"): {r.value: r.label for r in RegStatus},
        ("*", "champion_type"): {c.value: c.label for c in ChampionType},
        ("title", "source"): {s.value: s.label for s in Source},
        ("*", "roles"): {r.value: r.label for r in Role},
        ("*", "exclusion_hits"): dict(EXCLUSION_ITEMS),
        ("*", "city_reward_source"): {"schedule": "本市奖励标准", "override": "调整金额"},
        ("*", "line"): {
            "city_paid": "市级奖励拨付",
            "province_received": "省级配套资金到账",
            "province_paid": "省级配套拨付",
            "city": "市级奖励资金",
            "province": "省级配套资金",
        },
        ("import_batch", "kind"): {"enterprises": "企业名单", "titles": "称号名单"},
        ("policy", "kind"): {"provincial-matching": "省级配套政策", "city-schedule": "市级奖励标准"},
        ("template", "in_use"): {"shipped": "随程序提供的模板", "edited": "修改后的副本"},
    }


_VALUES: dict[tuple[str, str], dict[str, str]] | None = None


def field_label(entity: str, key: str) -> str | None:
    """The Chinese name of a recorded field (None: it has none yet)."""
    return _ENTITY_FIELD_LABELS.get((entity, key)) or FIELD_LABELS.get(key)


def _labels_for(entity: str, key: str) -> dict[str, str] | None:
    global _VALUES
    if _VALUES is None:
        _VALUES = _value_labels()
    return _VALUES.get((entity, key)) or _VALUES.get(("*", key))


def _show_field(entity: str, key: str, value: Any) -> str:
    labels = _labels_for(entity, key)
    if labels is not None:
        if key == "roles" and isinstance(value, str):
            value = [v for v in value.split(",") if v]
        if isinstance(value, list):
            return "、".join(f"“{labels.get(str(v), str(v))}”" for v in value) or "（空）"
        if isinstance(value, str) and value in labels:
            return f"“{labels[value]}”"
    if key.endswith("sha256") and isinstance(value, str) and len(value) == 64:
        return f"“{value[:12]}…”"  # the full hash is in the entry (audit history --json)
    if key in _MONEY_FIELDS and isinstance(value, str):
        try:
            return f"“{Decimal(value):,.2f} 元”"
        except ArithmeticError:
            pass
    return _show(value)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "“是”" if value else "“否”"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return f"“{str(value).replace(chr(10), '；')}”"
