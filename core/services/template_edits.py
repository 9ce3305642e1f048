"""An administrator's edits of the document templates (设置 → 发文设置), recorded in the audit trail.

A template is a file, not a database row: an edited copy in the override folder replaces the shipped one
(`core.io.templates`). Saving or discarding a copy writes an audit entry ("template <document>": which copy is
in use and the SHA-256 of its text, before → after) in a transaction committed right after the file is
written; the entry is taken (and the database's write lock with it) before the file is touched, so a refused
write leaves the file as it was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.domain.permissions import Action
from core.io import templates
from core.services import access, audit
from core.store.uow import UnitOfWork

SHIPPED = "shipped"
EDITED = "edited"


def _in_use(document: str, override_dir: Path) -> tuple[str, str]:
    """Which copy is in use ("shipped" / "edited") and the SHA-256 of its text."""
    path = override_dir / templates.FILES[document]
    if path.is_file():
        return EDITED, _sha(path.read_text(encoding="utf-8"))
    return SHIPPED, _sha(templates.shipped_text(document))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_template(uow: UnitOfWork, document: str, text: str, override_dir: Path, *, actor: str) -> Path:
    """Check an edited template and store it as the copy in use (TemplateError for a bad one: nothing
    written, nothing recorded). Audited when the text in use changes."""
    actor = access.require(uow, actor, Action.TEMPLATE_EDIT)
    templates.parse(document, text, templates.FILES.get(document, document))  # refuse before recording
    before = _in_use(document, override_dir)
    after = (EDITED, _sha(text))
    if before != after:
        changes = audit.diff(
            {"in_use": before[0], "sha256": before[1]}, {"in_use": after[0], "sha256": after[1]}
        )
        audit.record(uow.session, actor, "template", document, "update", changes)
    path = templates.save_override(document, text, override_dir)
    uow.commit()
    return path


def reset_template(uow: UnitOfWork, document: str, override_dir: Path, *, actor: str) -> bool:
    """Discard the edited copy: the shipped template is used again. False when there was no edited copy
    (nothing recorded)."""
    actor = access.require(uow, actor, Action.TEMPLATE_EDIT)
    if document not in templates.FILES:
        raise templates.TemplateError(f"未知的文书类型：{document}")
    path = override_dir / templates.FILES[document]
    if not path.is_file():
        return False
    before = _in_use(document, override_dir)
    after = (SHIPPED, _sha(templates.shipped_text(document)))
    changes = audit.diff({"in_use": before[0], "sha256": before[1]}, {"in_use": after[0], "sha256": after[1]})
    audit.record(uow.session, actor, "template", document, "reset", changes)
    path.unlink()
    uow.commit()
    return True
