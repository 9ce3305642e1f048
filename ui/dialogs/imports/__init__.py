"""The import dialog, its preview table, the import history (undo) and the File menu entries that open them."""
