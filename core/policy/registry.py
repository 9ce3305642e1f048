"""Where policy files live and how one is found by id.

Shipped files are in `resources/policies/`; files an officer adds in 设置 go to `<data dir>/policies/` and
win over a shipped file with the same id.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from core.paths import data_dir
from core.policy.loader import file_kind, load_city_schedule, load_policy, parse_city_schedule, parse_policy
from core.policy.model import KIND_CITY_SCHEDULE, KIND_POLICY, CitySchedule, Policy, PolicyError

DEFAULT_POLICY_ID = "gd-ai-robotics-2025"
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "resources" / "policies"


def user_policy_dir() -> Path:
    return data_dir() / "policies"


def policy_dirs() -> tuple[Path, ...]:
    """Searched in order; a later directory overrides an earlier one for the same id."""
    return (SHIPPED_DIR, user_policy_dir())


def _files(dirs: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        if d.is_dir():
            out.extend(sorted(d.glob("*.toml")))
    return out


def available(kind: str = KIND_POLICY, dirs: tuple[Path, ...] | None = None) -> dict[str, Path]:
    """id → file for every readable policy file of this kind (a broken file is skipped here; the loader
    reports it when that file is opened directly)."""
    found: dict[str, Path] = {}
    for path in _files(dirs or policy_dirs()):
        try:
            file_kind_, item_id = _identify(path.read_bytes(), path.name)
        except (OSError, PolicyError):
            continue
        if file_kind_ == kind:
            found[item_id] = path
    return found


@lru_cache(maxsize=64)
def _identify(data: bytes, name: str) -> tuple[str, str]:
    """(kind, id) of a valid file: read once per content (files are looked up on every computation)."""
    kind = file_kind(data, name)
    item: Policy | CitySchedule = (
        parse_policy(data, name) if kind == KIND_POLICY else parse_city_schedule(data, name)
    )
    return kind, item.id


def find_policy_file(policy_id: str, dirs: tuple[Path, ...] | None = None) -> Path:
    path = available(KIND_POLICY, dirs).get(policy_id)
    if path is None:
        known = "、".join(sorted(available(KIND_POLICY, dirs))) or "（无）"
        raise PolicyError(policy_id, "", f"找不到标识为 {policy_id} 的政策文件；已有：{known}")
    return path


def find_policy(policy_id: str, dirs: tuple[Path, ...] | None = None) -> Policy:
    return load_policy(find_policy_file(policy_id, dirs))


def city_schedule_file(dirs: tuple[Path, ...] | None = None) -> Path | None:
    files = available(KIND_CITY_SCHEDULE, dirs)
    return list(files.values())[-1] if files else None


def default_policy() -> Policy:
    return find_policy(DEFAULT_POLICY_ID)


def city_schedule(dirs: tuple[Path, ...] | None = None) -> CitySchedule | None:
    """The city's reward schedule (the last one found: an officer's file overrides the shipped example)."""
    path = city_schedule_file(dirs)
    return None if path is None else load_city_schedule(path)
