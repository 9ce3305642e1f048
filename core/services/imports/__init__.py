"""Importing officers' spreadsheets: enterprise lists from districts, title lists from MIIT.

Every import has a preview (nothing written) and a commit in ONE transaction: a failure or a cancel in the
middle leaves the database exactly as it was. A committed import is recorded as a batch (who, when, file,
sha256, counts) with the values each row replaced, so `undo_import` can restore them as a whole. Before a
commit or an undo writes, a SQLite database file is copied to its backups/ folder (`backup_before_writing`;
not for a preview or a dry run): here, once, so the CLI and the window get the same copy.

Blank cells never erase what the register holds: a district's list without 地址 does not wipe addresses.

The package: `vocabulary` (the header names and value words of the lists), `results` (what a preview, a
commit and an undo return), `reading` (a list read into a header-mapped table for the use cases),
`enterprise_list` and `title_list` (the previews, classifying each row against the register), `commit`
(writing a previewed batch), `undo` (undoing one), `batches` (listing them), `columns` (the columns an import
writes), `backup_copy` (the copy of the database before writing). This module only re-exports their names.
"""

from __future__ import annotations

from core.io.table import file_sha256
from core.services.enterprises import AUDITED_FIELDS as ENTERPRISE_AUDITED
from core.services.imports.backup_copy import backup_before_writing
from core.services.imports.batches import count_rows, get_batch, list_batches
from core.services.imports.columns import ENTERPRISE_STORED
from core.services.imports.commit import commit_preview
from core.services.imports.enterprise_list import import_enterprises, preview_enterprises
from core.services.imports.reading import missing_message, sheet_names
from core.services.imports.results import (
    BatchView,
    Cancel,
    Candidate,
    FieldChange,
    FileUnreadable,
    ImportCancelled,
    ImportReport,
    KindContradicted,
    KindRequired,
    Preview,
    PreviewRow,
    Progress,
    RowIssue,
    RowStatus,
    UndoReport,
    Unmatched,
)
from core.services.imports.title_list import TitleImportParams, import_titles, list_kind, preview_titles
from core.services.imports.undo import undo_import
from core.services.imports.vocabulary import (
    ENTERPRISE_ALIASES,
    ENTERPRISE_LABELS,
    ENTERPRISE_REQUIRED,
    IGNORED_HEADERS,
    TITLE_ALIASES,
    TITLE_LABELS,
    TITLE_REQUIRED,
    TOTAL_WORDS,
    map_field_value,
    map_status_value,
)

_STORED = ENTERPRISE_STORED  # the name bench/import_bench.py reads

__all__ = [
    "ENTERPRISE_ALIASES",
    "ENTERPRISE_AUDITED",
    "ENTERPRISE_LABELS",
    "ENTERPRISE_REQUIRED",
    "ENTERPRISE_STORED",
    "IGNORED_HEADERS",
    "TITLE_ALIASES",
    "TITLE_LABELS",
    "TITLE_REQUIRED",
    "TOTAL_WORDS",
    "BatchView",
    "Cancel",
    "Candidate",
    "FieldChange",
    "FileUnreadable",
    "ImportCancelled",
    "ImportReport",
    "KindContradicted",
    "KindRequired",
    "Preview",
    "PreviewRow",
    "Progress",
    "RowIssue",
    "RowStatus",
    "TitleImportParams",
    "UndoReport",
    "Unmatched",
    "backup_before_writing",
    "commit_preview",
    "count_rows",
    "file_sha256",
    "get_batch",
    "import_enterprises",
    "import_titles",
    "list_batches",
    "list_kind",
    "map_field_value",
    "map_status_value",
    "missing_message",
    "preview_enterprises",
    "preview_titles",
    "sheet_names",
    "undo_import",
]
