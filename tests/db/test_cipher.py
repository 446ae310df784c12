"""Encrypted database files (SQLCipher): created, written, reopened, refused, backed up,
encrypted from a plain file; the company names never in the raw bytes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

import guichet.models as m
from guichet.cli import main
from guichet.db import cipher
from guichet.services.backups import BackupService, inspect_backup
from guichet.services.bootstrap import open_database
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService

PHRASE = "cheval agrafe 'batterie' correcte"
NAME = "Boulangerie Zéphyrine"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    cipher._keys.clear()


def raw_bytes(path: Path) -> bytes:
    """The file and whatever journal sits beside it."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(path: Path, passphrase: str) -> list[str]:
    conn = cipher.connect(path, passphrase=passphrase)
    try:
        return [r[0] for r in conn.execute("SELECT legal_name FROM organization")]
    finally:
        conn.close()


def make_encrypted(path: Path) -> None:
    cipher.remember(path, PHRASE)
    db = open_database(f"sqlite:///{path}", backup_dir=path.parent / "sauvegardes", create=True)
    try:
        OrganizationService(db).create(OrganizationData(legal_name=NAME))
    finally:
        db.dispose()
    cipher.forget(path)


def test_an_encrypted_database_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "chiffree.sqlite3"
    make_encrypted(path)
    assert cipher.is_encrypted(path)
    assert NAME.encode() not in raw_bytes(path)
    text = tmp_path / "texte.sqlite3"
    text.write_bytes(b"ceci n'est pas une base SQLite" * 512)
    assert not cipher.is_encrypted(text)  # text is not taken for an encrypted database
    with pytest.raises(sqlite3.DatabaseError):  # the plain driver sees no database
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()

    before = digest(path)
    with pytest.raises(cipher.WrongPassphrase) as refused:
        cipher.unlock(path, "mauvaise phrase")
    assert refused.value.message.startswith("Phrase de passe incorrecte")
    assert digest(path) == before  # nothing damaged
    assert cipher.passphrase_for(path) is None

    cipher.unlock(path, PHRASE)
    db = open_database(f"sqlite:///{path}")
    try:
        with db.unit_of_work(write=False) as s:
            assert s.scalars(select(m.Organization.legal_name)).all() == [NAME]
    finally:
        db.dispose()


def test_a_backup_is_readable_only_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "chiffree.sqlite3"
    make_encrypted(path)
    cipher.unlock(path, PHRASE)
    db = open_database(f"sqlite:///{path}")
    try:
        target = BackupService(db, tmp_path / "sauvegardes").backup_to(tmp_path / "copie.sqlite3")
        assert inspect_backup(target, db).organizations == 1
    finally:
        db.dispose()
    assert cipher.is_encrypted(target)
    assert NAME.encode() not in raw_bytes(target)
    db = open_database(f"sqlite:///{path}")
    try:  # restored into the encrypted database: opened with its key
        OrganizationService(db).create(OrganizationData(legal_name="Après la sauvegarde"))
        BackupService(db, tmp_path / "sauvegardes").restore(target)
        with db.unit_of_work(write=False) as s:
            assert s.scalars(select(m.Organization.legal_name)).all() == [NAME]
    finally:
        db.dispose()
    assert cipher.is_encrypted(path)
    assert names(target, PHRASE) == [NAME]
    with pytest.raises(cipher.WrongPassphrase):
        names(target, "une autre phrase")


def test_encrypting_a_plain_database_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "claire.sqlite3"
    db = open_database(f"sqlite:///{path}", create=True)
    try:
        OrganizationService(db).create(OrganizationData(legal_name=NAME))
        with db.unit_of_work(write=False) as s:
            audit_rows = s.scalar(select(func.count()).select_from(m.AuditEntry))
    finally:
        db.dispose()
    assert NAME.encode() in raw_bytes(path)  # the test can fail: the name is there in clear

    cipher.encrypt_file(path, PHRASE)

    assert cipher.is_encrypted(path)
    assert NAME.encode() not in raw_bytes(path)
    assert not list(tmp_path.glob(".claire.sqlite3.chiffree-*"))  # no copy left beside it
    cipher._keys.clear()
    cipher.unlock(path, PHRASE)
    db = open_database(f"sqlite:///{path}")
    try:
        with db.unit_of_work(write=False) as s:
            assert s.scalars(select(m.Organization.legal_name)).all() == [NAME]
            assert s.scalar(select(func.count()).select_from(m.AuditEntry)) == audit_rows
    finally:
        db.dispose()
    with pytest.raises(Exception, match="déjà chiffrée"):
        cipher.encrypt_file(path, PHRASE)


def test_the_command_line_takes_the_phrase_from_the_environment(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    migrated_template: Path,
) -> None:
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(migrated_template, path)
    monkeypatch.setenv("GUICHET_PHRASE", PHRASE)
    assert main(["--db", str(path), "chiffrer"]) == 0
    assert "Base chiffrée" in capsys.readouterr().out
    assert cipher.is_encrypted(path)
    cipher._keys.clear()

    monkeypatch.setenv("GUICHET_PHRASE", "pas la bonne")
    assert main(["--db", str(path), "check"]) == 2
    assert "Phrase de passe incorrecte" in capsys.readouterr().err
    cipher._keys.clear()

    monkeypatch.delenv("GUICHET_PHRASE")
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": PHRASE)
    assert main(["--db", str(path), "check"]) == 0
    assert "Intégrité : ok" in capsys.readouterr().out

    new = tmp_path / "nouvelle.sqlite3"
    monkeypatch.setenv("GUICHET_PHRASE", PHRASE)
    assert main(["--db", str(new), "chiffrer"]) == 0
    assert "Nouvelle base chiffrée" in capsys.readouterr().out
    assert cipher.is_encrypted(new)


def test_the_letters_of_an_encrypted_database_are_encrypted_too(tmp_path: Path) -> None:
    """The letter archive beside the file and a backup's archive: same key, no PDF in clear."""
    from guichet.services import letter_archive
    from guichet.services.letter_archive import archive_path

    path = tmp_path / "chiffree.sqlite3"
    make_encrypted(path)
    cipher.unlock(path, PHRASE)
    db = open_database(f"sqlite:///{path}")
    try:
        with db.unit_of_work() as s:
            key = letter_archive.store(db, s, b"%PDF-1.4 courrier de " + NAME.encode())
        with db.unit_of_work(write=False) as s:
            assert letter_archive.load(db, s, key).endswith(NAME.encode())
        assert letter_archive.archive_problem(db) is None
    finally:
        db.dispose()
    archive = archive_path(path)
    assert cipher.is_encrypted(archive)
    assert b"%PDF" not in raw_bytes(archive) and NAME.encode() not in raw_bytes(archive)
    with pytest.raises(sqlite3.DatabaseError):  # the plain driver sees no database
        sqlite3.connect(archive).execute("SELECT count(*) FROM letter_pdf").fetchone()
