"""The register as a title list is matched against: its enterprises by credit code, by normalised name and
by former name, and the close names (by fuzzy match of the name without its 有限公司) offered for a row
that matches none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.text import normalize_name
from core.services.imports.results import Candidate
from core.store.models import Enterprise

_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司)+$")


def _core_name(norm: str) -> str:
    return _SUFFIX.sub("", norm) or norm


@dataclass
class RegisterNames:
    by_code: dict[str, tuple[int, str, str]]
    by_name: dict[str, list[int]]
    by_former: dict[str, list[int]]
    info: dict[int, tuple[str, str]]  # id → (code, name)
    choices: dict[int, str]  # id → core name for fuzzy matching


def register_names(session: Session) -> RegisterNames:
    reg = RegisterNames({}, {}, {}, {}, {})
    stmt = select(
        Enterprise.id, Enterprise.code, Enterprise.name, Enterprise.name_norm, Enterprise.former_names
    )
    for ent_id, code, name, norm, former in session.execute(stmt):
        reg.by_code[code] = (ent_id, code, name)
        reg.by_name.setdefault(norm, []).append(ent_id)
        for f in str(former).splitlines():
            if f:
                reg.by_former.setdefault(normalize_name(f), []).append(ent_id)
        reg.info[ent_id] = (code, name)
        reg.choices[ent_id] = _core_name(norm)
    return reg


def close_names(reg: RegisterNames, name: str, limit: int = 3) -> tuple[Candidate, ...]:
    if not reg.choices or not name:
        return ()
    found = process.extract(
        _core_name(normalize_name(name)), reg.choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60
    )
    return tuple(Candidate(int(key), *reg.info[int(key)], float(score)) for _choice, score, key in found)
