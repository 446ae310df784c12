"""Files in: spreadsheets (CSV, XLSX, ODS), SIRENE stock files."""
