"""letter archive: archived letter PDFs move out of ``letter`` into ``letter_pdf``, named by the
SHA-256 of their bytes — in a file of their own beside a SQLite desk (``x.courriers.db``), in
the database itself on PostgreSQL

Revision ID: 0014
Revises: 0009
Create Date: 2026-12-05 13:10:00

The archive file is written and committed before the main file's transaction (the two files share
no transaction): a crash in between leaves PDFs no letter names yet, which the next run of this
migration finds already there (and ``guichet check`` would sweep them).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BATCH = 200
CREATE_ARCHIVE = (
    "CREATE TABLE IF NOT EXISTS letter_pdf "
    "(sha256 VARCHAR(64) NOT NULL PRIMARY KEY, pdf BLOB NOT NULL)"
)


def _archive_file() -> Path | None:
    """The archive file of a SQLite database file; None when the PDFs stay in the database."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return None
    database = bind.engine.url.database
    if not database or database == ":memory:":
        return None
    main = Path(database)
    return main.with_name(main.stem + ".courriers.db")


def _open_archive(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(CREATE_ARCHIVE)
    conn.commit()
    return conn


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("letter") as batch_op:
        batch_op.add_column(sa.Column("pdf_sha256", sa.String(length=64), nullable=True))
    archive_file = _archive_file()
    if archive_file is None:
        op.create_table(
            "letter_pdf",
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("pdf", sa.LargeBinary(), nullable=False),
            sa.PrimaryKeyConstraint("sha256", name=op.f("pk_letter_pdf")),
        )
    has_letters = bind.execute(sa.text("SELECT 1 FROM letter LIMIT 1")).first() is not None
    # the archive file is made by the first letter written; here only for letters to move
    archive = _open_archive(archive_file) if archive_file is not None and has_letters else None
    try:
        last = 0
        while True:
            rows = bind.execute(
                sa.text("SELECT id, pdf FROM letter WHERE id > :last ORDER BY id LIMIT :n"),
                {"last": last, "n": BATCH},
            ).all()
            if not rows:
                break
            blobs = {hashlib.sha256(bytes(pdf)).hexdigest(): bytes(pdf) for _, pdf in rows}
            if archive is not None:
                archive.executemany(
                    "INSERT OR IGNORE INTO letter_pdf (sha256, pdf) VALUES (?, ?)",
                    list(blobs.items()),
                )
            else:
                have = set(
                    bind.execute(
                        sa.text("SELECT sha256 FROM letter_pdf WHERE sha256 IN :keys").bindparams(
                            sa.bindparam("keys", expanding=True)
                        ),
                        {"keys": list(blobs)},
                    ).scalars()
                )
                new = [{"k": k, "p": p} for k, p in blobs.items() if k not in have]
                if new:
                    bind.execute(
                        sa.text("INSERT INTO letter_pdf (sha256, pdf) VALUES (:k, :p)"), new
                    )
            bind.execute(
                sa.text("UPDATE letter SET pdf_sha256 = :k WHERE id = :id"),
                [{"k": hashlib.sha256(bytes(pdf)).hexdigest(), "id": i} for i, pdf in rows],
            )
            last = rows[-1][0]
        if archive is not None:
            archive.commit()  # before the main file's transaction commits
    finally:
        if archive is not None:
            archive.close()
    with op.batch_alter_table("letter") as batch_op:
        batch_op.alter_column("pdf_sha256", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_letter_pdf_sha256"), ["pdf_sha256"], unique=False)
        batch_op.drop_column("pdf")


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("letter") as batch_op:
        batch_op.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))
    archive_file = _archive_file()
    has_letters = bind.execute(sa.text("SELECT 1 FROM letter LIMIT 1")).first() is not None
    archive = _open_archive(archive_file) if archive_file is not None and has_letters else None
    try:
        keys = [r[0] for r in bind.execute(sa.text("SELECT DISTINCT pdf_sha256 FROM letter"))]
        for start in range(0, len(keys), BATCH):
            part = keys[start : start + BATCH]
            found: list[tuple[str, bytes]]
            if archive is not None:
                marks = ", ".join("?" for _ in part)
                found = archive.execute(
                    f"SELECT sha256, pdf FROM letter_pdf WHERE sha256 IN ({marks})", part
                ).fetchall()
            else:
                found = bind.execute(
                    sa.text("SELECT sha256, pdf FROM letter_pdf WHERE sha256 IN :keys").bindparams(
                        sa.bindparam("keys", expanding=True)
                    ),
                    {"keys": part},
                ).all()  # type: ignore[assignment]
            if len(found) != len(part):
                raise RuntimeError(
                    "Des PDF de courriers manquent dans l'archive : retour en arrière impossible."
                )
            bind.execute(
                sa.text("UPDATE letter SET pdf = :p WHERE pdf_sha256 = :k"),
                [{"k": k, "p": bytes(p)} for k, p in found],
            )
    finally:
        if archive is not None:
            archive.close()
    with op.batch_alter_table("letter") as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_pdf_sha256"))
        batch_op.drop_column("pdf_sha256")
    if archive_file is None:
        op.drop_table("letter_pdf")
