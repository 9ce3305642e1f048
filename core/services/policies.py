"""Policy files as the services see them: the current file for an id, snapshots by content hash (so a case
recomputes to the same figures after the file changes), and adding an officer's file in 设置 (audited)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from core.domain.permissions import Action
from core.policy.loader import file_kind, parse_city_schedule, parse_policy
from core.policy.model import KIND_CITY_SCHEDULE, KIND_POLICY, CitySchedule, Policy, PolicyError
from core.policy.registry import (
    DEFAULT_POLICY_ID,
    available,
    city_schedule_file,
    find_policy_file,
    user_policy_dir,
)
from core.services import access, audit
from core.services.errors import InputError, NotFound
from core.store.models_cases import PolicySnapshot
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class PolicyInfo:
    kind: str  # provincial-matching | city-schedule
    id: str
    title: str
    doc_no: str
    sha256: str
    path: Path
    inferred: tuple[str, ...] = ()  # parameters whose reference marks them as inferred (推定)


@dataclass(frozen=True)
class LoadedPolicy:
    policy: Policy
    data: bytes


@dataclass(frozen=True)
class LoadedSchedule:
    schedule: CitySchedule
    data: bytes


# A policy or schedule is immutable once read and named by its bytes: the same bytes are parsed once (a case
# view, a live recompute and the demo ask for the policy in force many times; a changed file has new bytes).
_parsed_policy = lru_cache(maxsize=32)(parse_policy)
_parsed_schedule = lru_cache(maxsize=8)(parse_city_schedule)


def current_policy(policy_id: str = DEFAULT_POLICY_ID) -> LoadedPolicy:
    """The file now in force for this id (an officer's file overrides the shipped one)."""
    try:
        path = find_policy_file(policy_id)
        data = path.read_bytes()
        return LoadedPolicy(_parsed_policy(data, path.name), data)
    except PolicyError as exc:
        raise InputError(str(exc), {"policy": policy_id}) from None


def current_schedule() -> LoadedSchedule | None:
    path = city_schedule_file()
    if path is None:
        return None
    try:
        data = path.read_bytes()
        return LoadedSchedule(_parsed_schedule(data, path.name), data)
    except PolicyError as exc:
        raise InputError(str(exc), {"schedule": path.name}) from None


def store_snapshot(session: Session, kind: str, item_id: str, source: str, sha256: str, data: bytes) -> None:
    """Keep the exact file bytes under their hash (once)."""
    if session.get(PolicySnapshot, sha256) is None:
        session.add(PolicySnapshot(sha256=sha256, policy_id=item_id, kind=kind, source=source, content=data))
        session.flush()


def snapshot_policy(session: Session, loaded: LoadedPolicy) -> None:
    p = loaded.policy
    store_snapshot(session, KIND_POLICY, p.id, p.header.source, p.sha256, loaded.data)


def snapshot_schedule(session: Session, loaded: LoadedSchedule) -> None:
    s = loaded.schedule
    store_snapshot(session, KIND_CITY_SCHEDULE, s.id, s.header.source, s.sha256, loaded.data)


def policy_from_snapshot(session: Session, sha256: str) -> Policy:
    snap = session.get(PolicySnapshot, sha256)
    if snap is None:
        raise NotFound(f"找不到内容哈希为 {sha256[:12]}… 的政策文件快照。")
    return _parsed_policy(bytes(snap.content), snap.source or snap.policy_id)


def _inferred(policy: Policy) -> tuple[str, ...]:
    params = [policy.matching_mode, policy.stacking, policy.rounding]
    for rule in policy.titles:
        params += [rule.cap, rule.matching_ratio, rule.eligible_years, rule.re_review_counts, rule.fields]  # type: ignore[list-item]  # Dated[...] of other value types; only .key/.ref are read
    return tuple(p.key for p in params if p.ref.inferred)


def _info(data: bytes, path: Path) -> PolicyInfo:
    try:
        kind = file_kind(data, path.name)
        if kind == KIND_POLICY:
            p = parse_policy(data, path.name)
            return PolicyInfo(kind, p.id, p.header.title, p.doc_no, p.sha256, path, _inferred(p))
        s = parse_city_schedule(data, path.name)
        inferred = tuple(param.key for _k, param in s.amounts if param.ref.inferred)
        return PolicyInfo(kind, s.id, s.header.title, s.header.doc_no, s.sha256, path, inferred)
    except PolicyError as exc:
        raise InputError(str(exc), {exc.key or "file": exc.expected}) from None


def validate_policy_file(path: Path) -> PolicyInfo:
    """Check a file an officer picked; InputError names the file, key and expectation."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from None
    return _info(data, path)


def _in_force(kind: str, item_id: str) -> PolicyInfo | None:
    path = available(kind).get(item_id)
    if path is None:
        return None
    try:
        return _info(path.read_bytes(), path)
    except (OSError, InputError):
        return None


def install_policy_file(uow: UnitOfWork, path: Path, *, actor: str) -> PolicyInfo:
    """Validate, then copy into the user's policy directory (it then overrides a shipped file of the same
    id). Audited as "policy <id>" create (a new id) or replace, with the file's kind, name, 文号 and SHA-256
    before → after. The copy lands under a temporary name first and replaces the file in force only once the
    entry is taken (a refused write leaves the file in force as it was); the entry commits right after."""
    actor = access.require(uow, actor, Action.POLICY_INSTALL)
    info = validate_policy_file(path)
    before = _in_force(info.kind, info.id)
    target_dir = user_policy_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{info.id}.toml"
    tmp = target.with_name(target.name + ".part")
    shutil.copyfile(path, tmp)
    try:
        after = {"kind": info.kind, "file_name": path.name, "doc_no": info.doc_no, "sha256": info.sha256}
        if before is None:
            audit.record(uow.session, actor, "policy", info.id, "create", audit.created(after))
        else:
            old = {"kind": before.kind, "file_name": before.path.name, "doc_no": before.doc_no}
            changes = audit.diff({**old, "sha256": before.sha256}, after)
            if changes:
                audit.record(uow.session, actor, "policy", info.id, "replace", changes)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    uow.commit()
    return PolicyInfo(info.kind, info.id, info.title, info.doc_no, info.sha256, target, info.inferred)


def list_policies() -> list[PolicyInfo]:
    out: list[PolicyInfo] = []
    for kind in (KIND_POLICY, KIND_CITY_SCHEDULE):
        for path in available(kind).values():
            out.append(_info(path.read_bytes(), path))
    return out
