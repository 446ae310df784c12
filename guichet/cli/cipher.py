"""``guichet chiffrer``: create an encrypted database, or encrypt an existing plain one."""

from __future__ import annotations

import argparse
import os
from typing import Any

from guichet.cli.common import Context, add_command, ask_passphrase
from guichet.errors import ValidationError


def register(subparsers: Any) -> None:
    command = add_command(
        subparsers,
        "chiffrer",
        "chiffre la base (SQLCipher) avec une phrase de passe, ou crée une base chiffrée si "
        "elle n'existe pas (phrase de passe : GUICHET_PHRASE ou saisie)",
    )
    command.set_defaults(func=run_encrypt)


def new_passphrase() -> str:
    """From ``GUICHET_PHRASE``, or typed twice on the terminal."""
    if os.environ.get("GUICHET_PHRASE"):
        return ask_passphrase()
    first = ask_passphrase("Nouvelle phrase de passe : ")
    if ask_passphrase("Confirmez la phrase de passe : ") != first:
        raise ValidationError("Les deux phrases de passe diffèrent : rien n'a été chiffré.")
    if len(first) < 8:
        raise ValidationError("La phrase de passe doit compter au moins 8 caractères.")
    return first


def run_encrypt(ctx: Context, _args: argparse.Namespace) -> int:
    from guichet.config import sqlite_path
    from guichet.db import cipher
    from guichet.db.instance_lock import InstanceLock
    from guichet.services.bootstrap import open_database
    from guichet.services.letter_archive import archive_path

    path = sqlite_path(ctx.url)
    if path is None:
        raise ValidationError(
            "Le chiffrement ne concerne que les bases SQLite ; un serveur PostgreSQL se protège "
            "par le chiffrement de son disque et des connexions."
        )
    if cipher.is_encrypted(path):
        print(f"La base « {path} » est déjà chiffrée : rien n'a été changé.")
        return 1
    passphrase = new_passphrase()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = InstanceLock.acquire(path)  # no Guichet window may hold it meanwhile
    try:
        if path.exists() and path.stat().st_size > 0:
            cipher.encrypt_file(path, passphrase)
            archive = archive_path(path)
            if archive.exists() and not cipher.is_encrypted(archive):  # its letters too
                cipher.encrypt_file(archive, passphrase)
            print(f"Base chiffrée : {path} (la version en clair a été remplacée).")
        else:
            cipher.remember(path, passphrase)
            open_database(ctx.url, backup_dir=ctx.paths.backup_dir, create=True).dispose()
            print(f"Nouvelle base chiffrée créée : {path}")
    finally:
        lock.release()
    print("Sans la phrase de passe, la base et ses sauvegardes sont illisibles : conservez-la.")
    return 0
