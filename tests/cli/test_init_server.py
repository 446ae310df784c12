"""``guichet init-server URL``: an agency's empty PostgreSQL database made ready, or a French
message naming what the administrator must run."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError

from guichet.cli import main
from guichet.db.migrate import file_revisions
from guichet.search import DirectorySearch
from guichet.services.bootstrap import open_database
from tests.postgres import fresh_database
from tests.search.helpers import add_org

_roles = iter(range(1, 1000))


def _admin(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()


def _as(url: str, role: str) -> str:
    return make_url(url).set(username=role).render_as_string(hide_password=False)


def _role(server: str, *grants: str) -> str:
    name = f"role_{next(_roles)}"
    _admin(server, f"CREATE ROLE {name} LOGIN")
    return name


def test_an_empty_database_gets_the_schema_and_a_desk_role(
    postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_database(postgres_server)
    desk = _role(postgres_server)
    assert main(["init-server", url, "--poste", desk]) == 0
    out = capsys.readouterr().out
    assert "prête (schéma créé, révision" in out and desk in out
    assert main(["init-server", url]) == 0  # again: nothing to do, said so
    assert "schéma mis à jour" in capsys.readouterr().out
    db = open_database(_as(url, desk))  # the desk works with its rows only
    try:
        add_org(db, "Chaudronnerie Hébert")
        assert [h.legal_name for h in DirectorySearch(db).search("hebert")] == [
            "Chaudronnerie Hébert"
        ]
        with pytest.raises(ProgrammingError, match="permission denied"), db.engine.begin() as c:
            c.execute(text("CREATE TABLE intrus (id integer)"))
        with pytest.raises(ProgrammingError, match="permission denied"), db.engine.begin() as c:
            c.execute(text("TRUNCATE organization CASCADE"))
    finally:
        db.dispose()


def test_a_missing_extension_the_role_may_not_create_names_the_command(
    postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_database(postgres_server)
    clerk = _role(postgres_server)
    _admin(url, "DROP EXTENSION plpgsql", f"GRANT CREATE ON SCHEMA public TO {clerk}")
    assert main(["init-server", _as(url, clerk)]) == 2
    err = capsys.readouterr().err
    database = make_url(url).database
    assert f"L'extension PostgreSQL « plpgsql » manque à la base « {database} »" in err
    assert f"psql -d {database} -c 'CREATE EXTENSION plpgsql;'" in err
    assert "Rien n'a été créé" in err
    engine = create_engine(url)
    with engine.connect() as conn:  # nothing was created
        assert (
            conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar()
            == 0
        )
    engine.dispose()


def test_the_owner_creates_the_extension_itself(
    postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_database(postgres_server)
    _admin(url, "DROP EXTENSION plpgsql")
    assert main(["init-server", url]) == 0
    assert "Extensions créées : plpgsql" in capsys.readouterr().out


def test_a_role_that_may_not_create_tables_is_told_what_to_ask(
    postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_database(postgres_server)
    clerk = _role(postgres_server)
    _admin(url, "REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    assert main(["init-server", _as(url, clerk)]) == 2
    err = capsys.readouterr().err
    database = make_url(url).database
    assert f"ALTER DATABASE {database} OWNER TO {clerk};" in err


def test_only_postgresql_addresses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init-server", "sqlite:///x.sqlite3"]) == 2
    assert "init-server prépare une base PostgreSQL" in capsys.readouterr().err
    assert main(["init-server", "pas une adresse"]) == 2
    assert "n'est pas une adresse de base de données" in capsys.readouterr().err


def test_the_schema_revision_is_the_head(
    postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_database(postgres_server)
    assert main(["init-server", url]) == 0
    revision = capsys.readouterr().out.split("révision ")[1].split(")")[0]
    assert revision in file_revisions()
