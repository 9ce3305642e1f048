"""The bureau's settings (发文设置) the documents print: reading them with their defaults, saving them
(checked, audited); and where the admin's edited copies of the document templates live."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from sqlalchemy import select

from core.domain.permissions import Action
from core.io.pdf import model as m
from core.paths import data_dir
from core.services import access
from core.services.errors import InputError
from core.store.models_documents import BureauSetting
from core.store.uow import UnitOfWork


def template_dir_default() -> Path:
    """Where the admin's edited copies of the templates live (data folder/templates)."""
    return data_dir() / "templates"


def _templates(template_dir: Path | None) -> Path:
    return template_dir if template_dir is not None else template_dir_default()


def get_settings(uow: UnitOfWork) -> m.BureauSettings:
    """The bureau's settings; keys never saved keep their defaults."""
    stored = {row.key: row.value for row in uow.session.scalars(select(BureauSetting))}
    defaults = m.BureauSettings()
    return m.BureauSettings(
        **{f.name: stored.get(f.name, getattr(defaults, f.name)) for f in fields(defaults)}
    )


def save_settings(uow: UnitOfWork, settings: m.BureauSettings, *, actor: str) -> m.BureauSettings:
    """Save the bureau's settings; the fields that changed (from what was in effect, defaults included) are
    audited as one "setting bureau" entry under `actor` (empty: the signed-in officer, else the system)."""
    from core.services import audit  # imported here: the rest of this module is another area's

    errors: dict[str, str] = {}
    for key in ("bureau_name", "banner_text", "doc_prefix", "city", "signatory"):
        if not str(getattr(settings, key)).strip():
            errors[key] = "必填"
    prefix = settings.doc_prefix.strip()
    if any(ch in prefix for ch in "〔〕[]()（）0123456789号"):
        errors["doc_prefix"] = "文号前缀只写机关代字，如“佛工信函”，年份和序号由程序加上"
    if errors:
        raise InputError(f"发文设置有{len(errors)}处需要修改：{next(iter(errors.values()))}", errors)
    session = uow.session
    who = access.require(uow, actor, Action.DOCUMENT_SETTINGS)
    before = get_settings(uow).to_json()
    for f in fields(settings):
        value = str(getattr(settings, f.name)).strip()
        row = session.get(BureauSetting, f.name)
        if row is None:
            session.add(BureauSetting(key=f.name, value=value, updated_by=who))
        elif row.value != value:
            row.value = value
            row.updated_by = who
    session.flush()
    changes = audit.diff(before, get_settings(uow).to_json())
    if changes:
        audit.record(session, who, "setting", "bureau", "update", changes)
    uow.commit()
    return get_settings(uow)
