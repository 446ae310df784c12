"""Damaged copies of a Guichet SQLite file, as a failing disk leaves them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

PAGE_SIZE = 4096


def damage_pages(path: Path, pages: range) -> None:
    """Overwrites whole pages (numbered from 1) with garbage."""
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * PAGE_SIZE : page * PAGE_SIZE] = bytes([0x5A]) * PAGE_SIZE
    path.write_bytes(bytes(data))


def damage_search_index(path: Path) -> None:
    """The full-text index's root page garbled: a search fails (« malformed »)."""
    index_page = root_page(path, "organization_fts_idx")
    damage_pages(path, range(index_page, index_page + 1))


def empty_search_rows(path: Path) -> None:
    """The searchable rows' root page reads as an empty leaf: every search answers nothing,
    without an error (only SQLite's quick check sees the damage)."""
    empty_btree_page(path, root_page(path, "organization_search"))


def root_page(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        )
    finally:
        conn.close()


def empty_btree_page(path: Path, page: int) -> None:
    """The page reads as a well-formed but empty b-tree leaf of its kind (a page lost and
    zero-filled by the disk, then given a header): reads through it find no row, no error."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE_SIZE
    header = start + (100 if page == 1 else 0)
    kind = data[header]
    leaf = {0x02: 0x0A, 0x05: 0x0D}.get(kind, kind)  # interior → leaf of the same tree kind
    data[header : start + PAGE_SIZE] = bytes(start + PAGE_SIZE - header)
    data[header] = leaf
    data[header + 5 : header + 7] = PAGE_SIZE.to_bytes(2, "big")  # cell content starts at the end
    path.write_bytes(bytes(data))
