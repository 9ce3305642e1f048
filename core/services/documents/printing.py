"""Turning document data into a PDF with its template (`render_pdf`), writing a file so that it is either whole
or absent (`write_atomic`), and `render_plain`, rendering data without recording anything (previews)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from core.io import templates
from core.io.pdf.approval_form import render_approval_form
from core.io.pdf.fonts import FontSet, MissingGlyphError
from core.io.pdf.notice import render_notice
from core.io.pdf.province_summary import render_province_summary
from core.io.pdf.publicity import render_publicity
from core.services.documents.settings import _templates
from core.services.errors import InputError


def render_pdf(
    doc_type: str, data: Any, fonts: FontSet | None, template: templates.DocumentTemplate
) -> bytes:
    if doc_type == "notice":
        return render_notice(data, fonts, template=template)
    if doc_type == "publicity":
        return render_publicity(data, fonts, template=template)
    if doc_type == "approval-form":
        return render_approval_form(data, fonts, template=template)
    return render_province_summary(data, fonts, template=template)


def write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_plain(
    doc_type: str, data: Any, fonts: FontSet | None = None, template_dir: Path | None = None
) -> bytes:
    """Render document data without recording anything (previews)."""
    try:
        return render_pdf(doc_type, data, fonts, templates.load(doc_type, _templates(template_dir)))
    except MissingGlyphError as exc:
        raise InputError(str(exc), {"char": exc.char}) from None
