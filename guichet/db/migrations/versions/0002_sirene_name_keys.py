"""folded name keys on sirene_establishment, for a prefix search through an index

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sirene_establishment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column("trade_key", sa.String(length=250), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_sirene_establishment_name_key"), ["name_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sirene_establishment_trade_key"), ["trade_key"], unique=False
        )
    conn = op.get_bind()
    table = sa.table(
        "sirene_establishment",
        sa.column("siret", sa.String),
        sa.column("name", sa.String),
        sa.column("trade_name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("trade_key", sa.String),
    )
    rows = conn.execute(sa.select(table.c.siret, table.c.name, table.c.trade_name)).all()
    for siret, name, trade_name in rows:
        conn.execute(
            table.update()
            .where(table.c.siret == siret)
            .values(
                name_key=fold(name or "")[:250],
                trade_key=fold(trade_name)[:250] if trade_name else None,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("sirene_establishment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sirene_establishment_trade_key"))
        batch_op.drop_index(batch_op.f("ix_sirene_establishment_name_key"))
        batch_op.drop_column("trade_key")
        batch_op.drop_column("name_key")


# Frozen copy of guichet.reference.text.fold as it was at this revision: a migration imports no
# guichet module, so it gives the same keys whatever the application's code becomes.
# Letters NFKD does not decompose, folded the way a French reader expects.
# fmt: off
_SPECIAL: dict[str, str] = {
    "æ": "ae", "œ": "oe", "ß": "ss", "ð": "d", "þ": "th", "ø": "o", "đ": "d", "ħ": "h",
    "ı": "i", "ĸ": "k", "ŀ": "l", "ł": "l", "ŉ": "'n", "ŋ": "n", "ŧ": "t", "ſ": "s",
    "ƀ": "b", "ƒ": "f", "ǥ": "g", "ȷ": "j", "ɇ": "e",
    # Typography pasted from word processors.
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "«": '"', "»": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
}
# fmt: on

_LETTER_NAME = re.compile(
    r"^LATIN (?:SMALL|CAPITAL) (?:LETTER|LIGATURE) (?:\w+ )*?([A-Z]{1,2})(?: WITH .*)?$"
)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_char(char: str) -> str | None:
    """Fold one character of the Latin blocks, or None when there is no ASCII rendering."""
    lower = char.lower()
    if lower in _SPECIAL:
        return _SPECIAL[lower]
    stripped = _strip_marks(lower)
    if stripped.isascii():
        return stripped
    if len(stripped) == 1 and stripped in _SPECIAL:
        return _SPECIAL[stripped]
    if stripped.endswith("\u00b7"):  # Catalan "l·l": keep the letter, drop the dot
        head = stripped[:-1]
        return head if head.isascii() else None
    match = _LETTER_NAME.match(unicodedata.name(char, ""))
    return match.group(1).lower() if match else None


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    blocks = (range(0x00A0, 0x02B0), range(0x1E00, 0x1F00), range(0x2C60, 0x2C80))
    for code in (code for block in blocks for code in block):
        char = chr(code)
        folded = _fold_char(char)
        if folded is None:
            continue
        # ``fold`` lowers before translating: map the lower-case form too (Ɓ → ɓ → b).
        for variant in {char, char.lower()}:
            if len(variant) == 1 and variant != folded:
                table.setdefault(ord(variant), folded)
    for code in range(0x0300, 0x0370):  # combining marks typed or pasted in decomposed form
        table[code] = ""
    for char, folded in _SPECIAL.items():
        table[ord(char)] = folded
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Fold text for comparison: lower case, no accents, ligatures expanded, single spaces.

    >>> fold("  Œuvre   SOCIALE de l’Hôpital ")
    "oeuvre sociale de l'hopital"

    Latin letters (Latin-1 and Latin Extended-A) always fold to ASCII. ``fold`` is idempotent.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    folded = text.lower().translate(_TABLE)
    if not folded.isascii():
        folded = _strip_marks(folded).lower().translate(_TABLE)
    return " ".join(folded.split())
