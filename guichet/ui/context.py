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

    def set_counsellor(self, counsellor_id: int | None) -> None:
        self.counsellor_id = counsellor_id
        self.db.counsellor_id = counsellor_id
