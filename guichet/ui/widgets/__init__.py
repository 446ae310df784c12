"""Reusable widgets shared by several pages and dialogs."""
