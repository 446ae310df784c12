"""Preparing an agency's PostgreSQL database: ``guichet init-server URL``.

The database is made by the administrator (``CREATE DATABASE guichet OWNER guichet_admin``);
this checks what Guichet needs of it, creates the extensions it may, builds the schema through
the migrations (the same as at every start-up) and, when asked, gives a desk role the rights it
needs and no more (rows of the tables, the sequences: no DDL, no TRUNCATE).

Guichet's search needs no extension beyond PL/pgSQL (its triggers), installed in every new
database by PostgreSQL itself; when a database lacks it and the connected role may not create
it, the message names the exact command the administrator must run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, inspect, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from guichet.errors import EnvironmentProblem, ValidationError

#: Extensions the schema needs (PL/pgSQL: the search index triggers of migration 0012).
REQUIRED_EXTENSIONS = ("plpgsql",)
#: Generated columns (the search index's ``tsvector``) came with PostgreSQL 12.
MIN_SERVER_VERSION = 120000
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class ServerSetup:
    database: str
    owner: str
    revision: str
    created_schema: bool
    created_extensions: tuple[str, ...]
    desk_role: str | None


def desk_grants(role: str, owner: str) -> list[str]:
    """What a desk role needs: the rows of every table, the sequences; also for the tables
    later migrations (run by ``owner``) create."""
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]


def _check_url(url: str) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValidationError(
            f"« {url} » n'est pas une adresse de base de données. Forme attendue : "
            "postgresql+psycopg://utilisateur:motdepasse@serveur:5432/guichet"
        ) from exc
    if parsed.get_backend_name() != "postgresql":
        raise ValidationError(
            "init-server prépare une base PostgreSQL (adresse postgresql+psycopg://…) ; "
            "une base SQLite se crée d'elle-même au premier lancement."
        )
    return parsed.database or ""


def _ensure_extensions(conn: Connection, database: str) -> tuple[str, ...]:
    installed = {r[0] for r in conn.exec_driver_sql("SELECT extname FROM pg_extension")}
    created = []
    for name in REQUIRED_EXTENSIONS:
        if name in installed:
            continue
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS {name}")
        except DBAPIError as exc:
            raise EnvironmentProblem(
                f"L'extension PostgreSQL « {name} » manque à la base « {database} » et ce compte "
                "n'a pas le droit de la créer. L'administrateur de la base doit exécuter, en "
                f"superutilisateur : psql -d {database} -c 'CREATE EXTENSION {name};' — puis "
                "relancez guichet init-server. Rien n'a été créé.",
                detail=str(exc),
            ) from exc
        created.append(name)
    return tuple(created)


def _check_rights(conn: Connection, database: str, owner: str) -> None:
    if not conn.exec_driver_sql("SELECT has_schema_privilege('public', 'CREATE')").scalar():
        raise EnvironmentProblem(
            f"Le compte « {owner} » ne peut pas créer de tables dans la base « {database} ». "
            "L'administrateur doit lui en donner la propriété : "
            f"ALTER DATABASE {database} OWNER TO {owner}; puis, connecté à la base, "
            f"ALTER SCHEMA public OWNER TO {owner}; — rien n'a été créé."
        )


def init_server(url: str, *, desk_role: str | None = None) -> ServerSetup:
    """Prepare (or bring up to date) the Guichet database at ``url``.

    Raises:
        ValidationError: not a PostgreSQL URL, or a role name that is not one.
        EnvironmentProblem: server unreachable or too old, another program's tables, an
            extension or a right missing (the message says what the administrator must run).
    """
    from guichet.services.bootstrap import open_database

    database = _check_url(url)
    if desk_role is not None and not _ROLE.match(desk_role):
        raise ValidationError(
            f"« {desk_role} » n'est pas un nom de rôle PostgreSQL simple (minuscules, chiffres, _)."
        )
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            version = int(conn.exec_driver_sql("SHOW server_version_num").scalar_one())
            if version < MIN_SERVER_VERSION:
                raise EnvironmentProblem(
                    "Guichet a besoin de PostgreSQL 12 ou plus récent ; ce serveur est en "
                    f"version {version // 10000}. Rien n'a été créé."
                )
            owner = str(conn.exec_driver_sql("SELECT current_user").scalar_one())
            empty = not inspect(conn).get_table_names()
            if empty:
                _check_rights(conn, database, owner)
            created = _ensure_extensions(conn, database)
    except DBAPIError as exc:
        raise EnvironmentProblem(
            f"Connexion impossible à la base « {database} » : vérifiez l'adresse, le mot de "
            "passe et que la base existe (CREATE DATABASE, par l'administrateur).",
            detail=str(exc),
        ) from exc
    finally:
        engine.dispose()
    db = open_database(url, create=True)  # refuses another program's tables; migrates
    try:
        from guichet.db.migrate import current_revision

        revision = current_revision(db) or ""
        if desk_role is not None:
            with db.write_transaction() as conn:
                for statement in desk_grants(desk_role, owner):
                    conn.exec_driver_sql(statement)
    except DBAPIError as exc:
        raise EnvironmentProblem(
            f"Les droits du rôle « {desk_role} » n'ont pas pu être donnés (le rôle existe-t-il ? "
            f"CREATE ROLE {desk_role} LOGIN PASSWORD '…'; par l'administrateur).",
            detail=str(exc),
        ) from exc
    finally:
        db.dispose()
    return ServerSetup(database, owner, revision, empty, created, desk_role)
