"""Paths and database location. No Qt here: the CLI and the tests build their own."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Guichet"
APP_AUTHOR = "Guichet"
DB_FILENAME = "guichet.sqlite3"
LOG_FILE = "guichet.log"


@dataclass(frozen=True)
class AppPaths:
    """Where the app keeps its files; ``GUICHET_HOME`` overrides the platform folders."""

    data_dir: Path
    log_dir: Path

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "sauvegardes"

    @property
    def default_db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @classmethod
    def detect(cls) -> AppPaths:
        home = os.environ.get("GUICHET_HOME")
        if home:
            base = Path(home)
            return cls(data_dir=base / "data", log_dir=base / "logs")
        dirs = PlatformDirs(APP_NAME, APP_AUTHOR)
        return cls(data_dir=Path(dirs.user_data_dir), log_dir=Path(dirs.user_log_dir))

    def ensure(self) -> None:
        for folder in (self.data_dir, self.log_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True)


def database_url(db: str | os.PathLike[str] | None, paths: AppPaths) -> str:
    """Turn ``--db`` (a file path, a SQLAlchemy URL, or nothing) into a SQLAlchemy URL."""
    if db is None:
        return f"sqlite:///{paths.default_db_path}"
    text = os.fspath(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for another database or an in-memory one."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
