"""Database errors from the machine (locked, full, read-only, damaged), as French messages.

SQLite and PostgreSQL report these through the driver's ``OperationalError``/``DatabaseError``;
:func:`environment_problem` recognises them and gives the counsellor a message to act on. Any
other database error is a bug and stays as it is (logged, shown as unexpected).
"""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError

from guichet.errors import EnvironmentProblem

BUSY = (
    "La base de données est occupée par un autre poste. "
    "Réessayez dans un instant : rien n'a été perdu."
)
FULL = (
    "Le disque est plein : l'enregistrement n'a pas pu se faire et rien n'a été modifié. "
    "Libérez de la place puis recommencez."
)
READ_ONLY = (
    "La base de données est en lecture seule : Guichet ne peut rien y enregistrer. "
    "Vérifiez les droits du fichier et de son dossier."
)
DAMAGED = (
    "La base de données est abîmée (« {detail} »). Rien n'a été modifié. Restaurez la "
    "dernière sauvegarde (Fichier › Restaurer une sauvegarde…, ou « guichet restore "
    "FICHIER ») ; « guichet check » donne le détail."
)
UNREADABLE = (
    "La base de données n'a pas pu être ouverte (fichier inaccessible ou dossier absent). "
    "Vérifiez le chemin et les droits."
)

SERVER_AWAY = (
    "Le serveur de la base de données ne répond pas (redémarrage ou coupure du réseau) : "
    "rien n'a été enregistré. Votre saisie est gardée ; Guichet se reconnecte tout seul, "
    "réessayez dans un instant."
)
#: SQLSTATE classes of a lost server: connection exception (08), operator intervention (57P0x)
_AWAY_STATES = ("08", "57P01", "57P02", "57P03")
_AWAY_SIGNS = (
    "connection refused",
    "could not connect",
    "server closed the connection",
    "connection is closed",
    "connection is lost",
    "terminating connection",
    "the database system is shutting down",
    "the database system is starting up",
    "consuming input failed",
    "no connection to the server",
    "connection is bad",
    "connection failed",
    "is the server running",
)

_SIGNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("database is locked", "database table is locked", "lock timeout", "busy"), BUSY),
    (("database or disk is full", "no space left", "disk full"), FULL),
    (("readonly database", "read-only", "read only"), READ_ONLY),
    (
        ("malformed", "file is not a database", "disk i/o error", "corrupt", "vtable constructor"),
        DAMAGED,
    ),
    (("unable to open database file",), UNREADABLE),
)


def problem_message(text: str) -> str | None:
    """The French message for a driver error text, or None when it is not the machine's."""
    lowered = text.lower()
    for signs, message in _SIGNS:
        if any(sign in lowered for sign in signs):
            return message.replace("{detail}", text.strip().splitlines()[0][:120])
    return None


def environment_problem(exc: BaseException) -> EnvironmentProblem | None:
    """An :class:`EnvironmentProblem` for a locked/full/read-only/damaged database, or None."""
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        lowered = str(exc.orig).lower()
        if (
            exc.connection_invalidated
            or (code is not None and code.startswith(_AWAY_STATES))
            or any(sign in lowered for sign in _AWAY_SIGNS)
        ):
            return EnvironmentProblem(SERVER_AWAY, detail=str(exc))
        if code == "55P03":  # PostgreSQL lock_not_available: the other desk kept the lock
            return EnvironmentProblem(BUSY, detail=str(exc))
        if code == "53100":  # PostgreSQL disk_full
            return EnvironmentProblem(FULL, detail=str(exc))
        message = problem_message(str(exc.orig))
    elif isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        message = FULL
    elif isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        message = READ_ONLY
    else:
        message = problem_message(str(exc)) if exc.__class__.__module__ == "sqlite3" else None
    return EnvironmentProblem(message, detail=str(exc)) if message else None
