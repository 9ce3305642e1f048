"""What an enterprise record is made of before it is stored: `EnterpriseInput` (the texts an officer types or a
file row carries), and their validation (`validate_enterprise`, `checked_enterprise`: folded, checked, the credit
code's check digit, the search text derived from name, former names, code and district).

Kept apart from the register's use cases (core.services.enterprises, which re-exports these names) so that an
import can check 100,000 rows with the same rules."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

from core.domain import uscc
from core.domain.enums import Field, RegStatus, parse_enum
from core.domain.text import clean_display_text, collapse_spaces, normalize_name
from core.services.errors import InputError


@dataclass(frozen=True)
class EnterpriseInput:
    """What an officer types or a file row carries; every field text, validated by `validate_enterprise`."""

    code: str
    name: str
    district: str = ""
    field: str = "other"
    field_reason: str = ""
    former_names: tuple[str, ...] = ()
    address: str = ""
    legal_rep: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    reg_status: str = "active"
    notes: str = ""
    code_override_reason: str = ""


@dataclass(frozen=True)
class Validated:
    values: dict[str, object]
    warnings: tuple[str, ...] = field(default=())


def _split_former(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    for raw in names:
        for part in raw.replace("；", "\n").replace(";", "\n").splitlines():
            text = clean_display_text(part)
            if text and text not in out:
                out.append(text)
    return out


_district_norm = functools.lru_cache(maxsize=512)(normalize_name)  # a register has a few dozen districts


def search_text_for(name: str, former: list[str], code: str, district: str, name_norm: str = "") -> str:
    """What search-as-you-type matches: the normalised name and former names, the code, the district.
    `name_norm` is normalize_name(name) when the caller has it already."""
    parts = [
        name_norm or normalize_name(name),
        *(normalize_name(n) for n in former),
        code,
        _district_norm(district),
    ]
    return "\n".join(parts).lower()


def validate_enterprise(data: EnterpriseInput) -> Validated:
    """Check every field; raise InputError listing all bad fields at once."""
    texts = {name: collapse_spaces(getattr(data, name)) for name in _FOLDED}
    texts |= {name: getattr(data, name).strip() for name in _STRIPPED}
    texts |= {name: getattr(data, name) for name in _AS_GIVEN}
    return Validated(checked_enterprise(texts, data.former_names))


# How validate_enterprise prepares each text field of an EnterpriseInput: folded (trimmed, inner whitespace
# of every kind folded to one space; brackets stay as typed), only trimmed (free text keeps its line breaks),
# or as given (the credit code and the two choices have their own normalisation).
_FOLDED = (
    "name",
    "district",
    "address",
    "legal_rep",
    "contact_person",
    "contact_phone",
    "code_override_reason",
)
_STRIPPED = ("field_reason", "notes")
_AS_GIVEN = ("code", "field", "reg_status")


def checked_enterprise(texts: Mapping[str, str], former_names: Sequence[str] = ()) -> dict[str, object]:
    """The stored values of an enterprise from its field texts, already prepared as `validate_enterprise`
    prepares what an officer typed (a spreadsheet's cells come folded from `core.io.normalize.cell_text`, so
    an import does not fold 100,000 cells twice). Missing fields take EnterpriseInput's defaults. Raises
    InputError listing all bad fields at once."""
    get = texts.get
    errors: dict[str, str] = {}
    check = uscc.check(get("code", ""))
    override = get("code_override_reason", "")
    if not check.ok:
        if check.problem is uscc.UsccProblem.CHECK_DIGIT and override:
            pass  # kept on the officer's recorded reason
        else:
            errors["code"] = check.message
    name = get("name", "")
    if not name:
        errors["name"] = "企业名称不能为空。"
    elif len(name) > 200:
        errors["name"] = "企业名称过长（最多200字）。"
    try:
        fld = parse_enum(Field, get("field", Field.OTHER.value), "领域")
    except ValueError as exc:
        errors["field"] = str(exc)
        fld = Field.OTHER
    try:
        status = parse_enum(RegStatus, get("reg_status", RegStatus.ACTIVE.value), "登记状态")
    except ValueError as exc:
        errors["reg_status"] = str(exc)
        status = RegStatus.ACTIVE
    if errors:
        first = next(iter(errors.values()))
        raise InputError(f"有{len(errors)}处需要修改：{first}", errors)
    former = _split_former(former_names)
    district = get("district", "")
    name_norm = normalize_name(name)
    return {
        "code": check.code,
        "code_override_reason": override if not check.ok else None,
        "name": name,
        "name_norm": name_norm,
        "former_names": "\n".join(former),
        "district": district,
        "address": get("address", ""),
        "legal_rep": get("legal_rep", ""),
        "contact_person": get("contact_person", ""),
        "contact_phone": get("contact_phone", ""),
        "field": fld._value_,  # .value is a property, looked up 10,000s of times by an import
        "field_reason": get("field_reason", ""),
        "reg_status": status._value_,
        "notes": get("notes", ""),
        "search_text": search_text_for(name, former, check.code, district, name_norm),
    }


FIELD_NAMES = tuple(f.name for f in fields(EnterpriseInput))
