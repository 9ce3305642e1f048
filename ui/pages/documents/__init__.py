"""The 文书 page (`page.DocumentsPage`): printing, previewing and issuing the documents for chosen cases;
the documents' titles as the pages show them (`titles`)."""
