"""PDF rendering with reportlab: letters, sign-in sheets, reports. The only reportlab importer."""
