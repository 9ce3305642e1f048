"""The closed vocabularies of the register, with their Chinese labels (the domain's own language)."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TypeVar, cast

E = TypeVar("E", bound=StrEnum)


class Field(StrEnum):
    AI = "ai"
    ROBOTICS = "robotics"
    BOTH = "both"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"ai": "人工智能", "robotics": "机器人", "both": "人工智能与机器人", "other": "其他"}[
            self.value
        ]

    @property
    def in_policy_field(self) -> bool:
        return self is not Field.OTHER


class RegStatus(StrEnum):
    ACTIVE = "active"
    DEREGISTERED = "deregistered"

    @property
    def label(self) -> str:
        return {"active": "存续", "deregistered": "注销"}[self.value]


class TitleKind(StrEnum):
    SINGLE_CHAMPION = "single-champion"
    LITTLE_GIANT = "little-giant"

    @property
    def label(self) -> str:
        return {"single-champion": "制造业单项冠军", "little-giant": "专精特新“小巨人”"}[self.value]


class ChampionType(StrEnum):
    DEMO_ENTERPRISE = "demo-enterprise"
    PRODUCT = "product"
    ENTERPRISE = "enterprise"

    @property
    def label(self) -> str:
        return {"demo-enterprise": "示范企业", "product": "冠军产品", "enterprise": "单项冠军企业"}[
            self.value
        ]


class TitleStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {"valid": "有效", "expired": "已到期", "revoked": "已撤销"}[self.value]


class Source(StrEnum):
    MANUAL = "manual"
    IMPORT = "import"

    @property
    def label(self) -> str:
        return {"manual": "手工录入", "import": "导入"}[self.value]


@cache
def _names_of(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """Every spelling parse_enum accepts → its member (the first member wins a shared spelling)."""
    out: dict[str, StrEnum] = {}
    for member in enum:
        for name in (member.value, getattr(member, "label", None), member.name.lower()):
            if isinstance(name, str):
                out.setdefault(name, member)
    return out


def parse_enum(enum: type[E], value: str, what: str) -> E:
    """Accept the code (`little-giant`) or the Chinese label (`专精特新“小巨人”`); raise ValueError naming what."""
    found = _names_of(enum).get(value.strip())
    if found is not None:
        return cast(E, found)  # _names_of(enum) holds members of `enum` only
    allowed = "、".join(m.value for m in enum)
    raise ValueError(f"{what}“{value}”无法识别，可选：{allowed}。")
