"""Qt widgets, pages, dialogs, table models and background tasks: the only PySide6 importer."""
