"""Files out: CSV, XLSX, vCard."""
