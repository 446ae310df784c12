"""What every page and dialog receives: the database, the paths, the current counsellor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guichet.config import AppPaths

if TYPE_CHECKING:
    from guichet.db import Database


@dataclass
class AppContext:
    db: Database
    paths: AppPaths
    counsellor_id: int | None = None

    def __post_init__(self) -> None:
        if self.counsellor_id is None:  # the database already knows who acts (a test, the CLI)
            self.counsellor_id = self.db.counsellor_id
        else:
            self.db.counsellor_id = self.counsellor_id

    def set_counsellor(self, counsellor_id: int | None) -> None:
        self.counsellor_id = counsellor_id
        self.db.counsellor_id = counsellor_id
