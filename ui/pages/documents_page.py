"""Kept until ui.main_window imports DocumentsPage from ui.pages.documents.page and DocumentSettingsTab from
ui.pages.settings.issuing (and tests/ui/test_cases_page.py state_text from ui.pages.documents.page)."""

from ui.pages.documents.page import DocumentsPage, state_text
from ui.pages.settings.issuing import DocumentSettingsTab

__all__ = ["DocumentSettingsTab", "DocumentsPage", "state_text"]
