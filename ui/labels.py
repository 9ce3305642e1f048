"""Labels of the register's vocabularies in the interface language (Chinese text = the domain's labels)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.domain.enums import ChampionType, Field, RegStatus, Source, TitleKind, TitleStatus
from ui.i18n import QT_TRANSLATE_NOOP

_CTX = "Labels"

_FIELD = {
    Field.AI: QT_TRANSLATE_NOOP("Labels", "Artificial intelligence"),
    Field.ROBOTICS: QT_TRANSLATE_NOOP("Labels", "Robotics"),
    Field.BOTH: QT_TRANSLATE_NOOP("Labels", "AI and robotics"),
    Field.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
}
_REG_STATUS = {
    RegStatus.ACTIVE: QT_TRANSLATE_NOOP("Labels", "Active"),
    RegStatus.DEREGISTERED: QT_TRANSLATE_NOOP("Labels", "Deregistered"),
}
_KIND = {
    TitleKind.SINGLE_CHAMPION: QT_TRANSLATE_NOOP("Labels", "Single champion"),
    TitleKind.LITTLE_GIANT: QT_TRANSLATE_NOOP("Labels", "Little giant"),
}
_SHORT_KIND = {
    TitleKind.SINGLE_CHAMPION: QT_TRANSLATE_NOOP("Labels", "Champion"),
    TitleKind.LITTLE_GIANT: QT_TRANSLATE_NOOP("Labels", "Little giant (short)"),
}
_CHAMPION = {
    ChampionType.DEMO_ENTERPRISE: QT_TRANSLATE_NOOP("Labels", "Demonstration enterprise"),
    ChampionType.PRODUCT: QT_TRANSLATE_NOOP("Labels", "Champion product"),
    ChampionType.ENTERPRISE: QT_TRANSLATE_NOOP("Labels", "Single champion enterprise"),
}
_TITLE_STATUS = {
    TitleStatus.VALID: QT_TRANSLATE_NOOP("Labels", "Valid"),
    TitleStatus.EXPIRED: QT_TRANSLATE_NOOP("Labels", "Expired"),
    TitleStatus.REVOKED: QT_TRANSLATE_NOOP("Labels", "Revoked"),
}
_SOURCE = {
    Source.MANUAL: QT_TRANSLATE_NOOP("Labels", "Entered by hand"),
    Source.IMPORT: QT_TRANSLATE_NOOP("Labels", "Imported"),
}


# One name per case state (core.domain.workflow.CaseState), in process order: the case list, its status
# filter, the documents page and every other page take it from here (the zh_CN translations are the
# CaseState labels, e.g. 申报登记 for draft; tests/ui/test_translations.py checks they agree).
CASE_STATES = {
    "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "Submitted"),
    "under_review": QT_TRANSLATE_NOOP("Labels", "Under review"),
    "public_notice": QT_TRANSLATE_NOOP("Labels", "Public notice"),
    "approved": QT_TRANSLATE_NOOP("Labels", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Not rewarded"),
    "notice_issued": QT_TRANSLATE_NOOP("Labels", "Funding notice issued"),
    "paid": QT_TRANSLATE_NOOP("Labels", "Paid"),
    "evaluated": QT_TRANSLATE_NOOP("Labels", "Evaluated"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    "void": QT_TRANSLATE_NOOP("Labels", "Void"),
}


_BACKUP_REASON = {
    "start": QT_TRANSLATE_NOOP("Labels", "At start"),
    "daily": QT_TRANSLATE_NOOP("Labels", "Daily"),
    "import": QT_TRANSLATE_NOOP("Labels", "Before an import"),
    "undo-import": QT_TRANSLATE_NOOP("Labels", "Before undoing an import"),
    "manual": QT_TRANSLATE_NOOP("Labels", "By hand"),
    "restore": QT_TRANSLATE_NOOP("Labels", "Before a restore"),
    "upgrade": QT_TRANSLATE_NOOP("Labels", "Before a database upgrade (kept)"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def field(value: Field) -> str:
    return _t(_FIELD[value])


def reg_status(value: RegStatus) -> str:
    return _t(_REG_STATUS[value])


def title_kind(value: TitleKind) -> str:
    return _t(_KIND[value])


def short_kind(value: TitleKind) -> str:
    return _t(_SHORT_KIND[value])


def champion_type(value: ChampionType) -> str:
    return _t(_CHAMPION[value])


def title_status(value: TitleStatus) -> str:
    return _t(_TITLE_STATUS[value])


def source(value: Source) -> str:
    return _t(_SOURCE[value])


def batch(number: int) -> str:
    return QCoreApplication.translate("Labels", "Batch %1").replace("%1", str(number))


def case_state(status: str) -> str:
    """A case state in the interface language (an unknown code as stored)."""
    text = CASE_STATES.get(str(status))
    return _t(text) if text else str(status)


def backup_reason(reason: str) -> str:
    """Why an automatic copy was taken (an unknown reason is shown as written)."""
    text = _BACKUP_REASON.get(reason)
    return _t(text) if text else reason
