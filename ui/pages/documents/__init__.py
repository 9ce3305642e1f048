"""The 文书 page: printing, previewing and issuing the documents for chosen cases (being moved here from
ui.pages.documents_page)."""
