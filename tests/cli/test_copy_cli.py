"""``guichet copy`` and ``guichet backup``/``restore`` on PostgreSQL from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.cli import main
from guichet.db import Database
from guichet.services.bootstrap import open_database
from guichet.services.copying import checks
from tests.postgres import fresh_database
from tests.services.test_copying import with_letters


def test_copy_to_a_server_and_back_then_refuse_a_second_copy(
    demo_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    with_letters(demo_db, 2)
    expected = checks(demo_db)
    source = str(demo_db.path)
    demo_db.dispose()
    server = fresh_database(request.getfixturevalue("postgres_server"))
    assert main(["--db", source, "copy", server]) == 0
    out, err = capsys.readouterr()
    assert "Copie terminée et vérifiée" in out and "letter_pdf : 4 ligne(s)" in out
    assert "Copie de organization" in err  # progress on the command line
    back = tmp_path / "retour.sqlite3"
    assert main(["--db", server, "copy", str(back)]) == 0
    copied = open_database(f"sqlite:///{back}")
    try:
        assert checks(copied) == expected
    finally:
        copied.dispose()
    capsys.readouterr()
    assert main(["--db", source, "copy", server]) != 0
    assert "n'est pas vide" in capsys.readouterr().err
    backup = tmp_path / "serveur.sqlite3"
    assert main(["--db", server, "backup", str(backup)]) == 0
    assert "serveur.courriers.db" in capsys.readouterr().out
    assert main(["--db", server, "restore", str(backup)]) == 0
    assert "Sauvegarde restaurée" in capsys.readouterr().out
