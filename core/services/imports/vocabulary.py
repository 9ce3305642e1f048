"""The words of an officer's list: the header names (aliases) each field is known by, the headers that are
not data (序号), the words of a totals line, the labels shown for each field, the fields a list must have
(and all of these together as the HeaderWords core.io.table reads a list with), and the cell values read as a 领域 or a 登记状态 (人工智能 → ai, 存续 → active).
"""

from __future__ import annotations

import functools

from core.domain.enums import Field, RegStatus
from core.domain.text import to_half_width
from core.io.table import HeaderWords

ENTERPRISE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "统一代码", "USCC"),
    "name": ("企业名称", "单位名称", "公司名称", "企业全称", "单位全称", "名称", "企业"),
    "district": (
        "所在区",
        "区县",
        "所属区域",
        "所属区",
        "所在区县",
        "所属区县",
        "区",
        "所在地区",
        "所属地区",
        "地区",
    ),
    "field": ("领域", "行业领域", "所属领域", "产业领域", "所属行业领域"),
    "field_reason": ("领域认定理由", "领域理由", "认定理由"),
    "former_names": ("曾用名", "原名称", "企业曾用名"),
    "address": ("地址", "注册地址", "企业地址", "通讯地址", "经营地址", "注册地"),
    "legal_rep": ("法定代表人", "法人代表", "法人"),
    "contact_person": ("联系人", "联系人姓名", "企业联系人"),
    "contact_phone": ("联系电话", "手机", "手机号码", "联系方式", "电话", "联系人电话", "联系人手机"),
    "reg_status": ("登记状态", "经营状态", "企业状态"),
    "notes": ("备注", "说明"),
    "code_override_reason": ("校验位说明", "信用代码校验说明"),
}
TITLE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ENTERPRISE_ALIASES["code"],
    "name": ENTERPRISE_ALIASES["name"],
    "region": ("地区", "省份", "所在地区", "所属地区", "省", "省区市", "所在省份", "所在地"),
    "product": ("产品名称", "产品", "主导产品", "单项冠军产品", "冠军产品", "主营产品"),
    "recognized_on": ("认定日期", "认定时间"),
    "notes": ("备注",),
}
IGNORED_HEADERS = ("序号", "编号", "序", "No", "NO.")
TOTAL_WORDS = ("合计", "总计", "小计")

ENTERPRISE_LABELS: dict[str, str] = {
    "code": "统一社会信用代码",
    "name": "企业名称",
    "district": "所在区",
    "field": "领域",
    "field_reason": "领域认定理由",
    "former_names": "曾用名",
    "address": "地址",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "reg_status": "登记状态",
    "notes": "备注",
    "code_override_reason": "校验位说明",
}
TITLE_LABELS: dict[str, str] = {
    "code": "统一社会信用代码",
    "name": "企业名称",
    "region": "地区",
    "product": "产品名称",
    "recognized_on": "认定日期",
    "notes": "备注",
}
ENTERPRISE_REQUIRED = ("code", "name")
TITLE_REQUIRED = ("name",)

# What core.io.table needs to read each kind of list (the credit code read as an identifier).
ENTERPRISE_WORDS = HeaderWords(
    ENTERPRISE_ALIASES, ENTERPRISE_REQUIRED, IGNORED_HEADERS, TOTAL_WORDS, ("code",)
)
TITLE_WORDS = HeaderWords(TITLE_ALIASES, TITLE_REQUIRED, IGNORED_HEADERS, TOTAL_WORDS, ("code",))


_FIELD_VALUES = frozenset(f.value for f in Field)


@functools.lru_cache(maxsize=256)
def map_field_value(text: str) -> str:
    """人工智能 → ai, 工业机器人 → robotics, 人工智能与机器人 → both, 其他 → other; unknown text is returned as
    given for validation to reject with the list of choices."""
    t = to_half_width(text).strip()
    if not t:
        return ""
    low = t.lower()
    if low in _FIELD_VALUES:
        return low
    has_ai = "人工智能" in t or low in ("ai", "a.i.") or "ai+" in low or "+ai" in low
    has_robot = any(w in t for w in ("机器人", "无人机", "无人船"))
    if has_ai and has_robot:
        return Field.BOTH.value
    if has_robot:
        return Field.ROBOTICS.value
    if has_ai:
        return Field.AI.value
    if t in ("其他", "其它", "否", "无"):
        return Field.OTHER.value
    return t


def map_status_value(text: str) -> str:
    t = text.strip()
    if t in ("存续", "在业", "开业", "正常", "在营", "在营（开业）企业", "存续（在营、开业、在册）"):
        return RegStatus.ACTIVE.value
    if t in ("注销", "已注销", "吊销", "吊销，未注销", "吊销，已注销"):
        return RegStatus.DEREGISTERED.value
    return t
