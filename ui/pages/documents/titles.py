"""The four documents' titles as the 文书 page and the 发文设置 tab show them (translated in the
"DocumentsPage" context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP

DOC_TITLES = {
    "notice": QT_TRANSLATE_NOOP("DocumentsPage", "Funding notice (奖励资金下达通知)"),
    "publicity": QT_TRANSLATE_NOOP("DocumentsPage", "Public notice and list (公示)"),
    "approval-form": QT_TRANSLATE_NOOP("DocumentsPage", "Approval form (审批表)"),
    "province-summary": QT_TRANSLATE_NOOP("DocumentsPage", "Summary for the province (省级配套汇总表)"),
}


def doc_title(title: str) -> str:
    return QCoreApplication.translate("DocumentsPage", title)
