"""Migrations are frozen: they import no live guichet module (only the frozen helpers beside
them, which import none at all), and their copies of the indexing code give exactly what the
application's code gives today."""

from __future__ import annotations

import ast
import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from guichet.db import Database
from guichet.db.migrate import MIGRATIONS_DIR
from guichet.reference.text import fold, words
from guichet.search.indexer import reindex_all

VERSIONS = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
#: frozen copies shared by migrations: modules beside ``versions/``, never live code
FROZEN = sorted(p for p in MIGRATIONS_DIR.glob("frozen_*.py"))
FROZEN_MODULES = {f"guichet.db.migrations.{p.stem}" for p in FROZEN}


def _load(name: str) -> ModuleType:
    path = next(p for p in VERSIONS if p.name.startswith(name))
    spec = importlib.util.spec_from_file_location(f"frozen_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        name
        for node in ast.walk(tree)
        for name in (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
    ]


def _guichet(names: list[str]) -> list[str]:
    return [n for n in names if n == "guichet" or n.startswith("guichet.")]


@pytest.mark.parametrize("path", VERSIONS, ids=lambda p: p.name)
def test_no_migration_imports_the_application(path: Path) -> None:
    imported = _imports(path)
    assert imported and set(_guichet(imported)) <= FROZEN_MODULES


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.name)
def test_the_frozen_helpers_import_no_guichet_module(path: Path) -> None:
    imported = _imports(path)
    assert imported and _guichet(imported) == []


def test_the_frozen_helpers_are_found_and_used_once_not_copied() -> None:
    assert {"guichet.db.migrations.frozen_text"} == FROZEN_MODULES
    users = [p.name for p in VERSIONS if set(_guichet(_imports(p))) & FROZEN_MODULES]
    assert users == ["0002_sirene_name_keys.py", "0003_directory_search_index.py"]
    for path in VERSIONS:  # the folding table lives in one place only
        assert "_SPECIAL" not in path.read_text(encoding="utf-8"), path.name


def test_the_frozen_fold_is_todays_fold() -> None:
    frozen = _load("0002").fold  # as the migration sees it, through its import
    samples = [chr(c) for c in range(0x20, 0x3000)] + [
        "  Œuvre   SOCIALE de l’Hôpital ",
        "Port-Jérôme-sur-Seine",
        "ÉTABLISSEMENTS DUPONT & FILS — « Ça »",
    ]
    assert [frozen(s) for s in samples] == [fold(s) for s in samples]
    frozen_words = _load("0003").words
    assert [frozen_words(s) for s in samples] == [words(s) for s in samples]


def _index(db: Database) -> tuple[list[tuple[object, ...]], list[str]]:
    with db.engine.connect() as conn:
        rows = [
            tuple(r) for r in conn.exec_driver_sql("SELECT * FROM organization_search ORDER BY id")
        ]
        terms = [r[0] for r in conn.exec_driver_sql("SELECT term FROM search_term ORDER BY term")]
    return rows, terms


def test_the_frozen_indexer_of_0003_gives_todays_index(tmp_path: Path, demo_template: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    db = Database(f"sqlite:///{path}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE organization SET commune_insee = '76044' WHERE id IN "
            "(SELECT id FROM organization ORDER BY id LIMIT 3)"
        )  # a commune déléguée's code, resolved to Terres-de-Caux by both
        assert reindex_all(conn) > 150
    today = _index(db)
    with db.engine.begin() as conn:
        assert _load("0003").reindex_all(conn) == len(today[0])
    assert _index(db) == today
    assert today[0] and today[1]
    db.dispose()
