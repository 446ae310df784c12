"""guichet.assets: a checkout reads resources/, an installation the package guichet_resources;
the desktop entry and the application icon for Linux desktops."""

from __future__ import annotations

import configparser
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from guichet import assets
from guichet.errors import EnvironmentProblem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """As if installed: no resources/ beside the package."""
    monkeypatch.setattr(assets, "CHECKOUT_DIR", tmp_path / "nowhere")
    assets.resources_root.cache_clear()
    yield tmp_path
    assets.resources_root.cache_clear()


def test_an_installation_reads_the_guichet_resources_package(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = no_checkout / "site" / "guichet_resources"
    (package / "reference").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "reference" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(no_checkout / "site"))
    monkeypatch.delitem(sys.modules, "guichet_resources", raising=False)
    assert assets.find_resource("reference", "x.csv") == package / "reference" / "x.csv"
    assert assets.find_resource("reference", "absent.csv") is None


def test_missing_shipped_files_are_explained_in_french(
    no_checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "guichet_resources", None)  # import fails
    with pytest.raises(EnvironmentProblem, match="Réinstallez l'application"):
        assets.find_resource("fonts", "DejaVuSans.ttf")


def test_the_migrations_are_read_from_the_package() -> None:
    folder = assets.migrations_dir()
    assert folder == ROOT / "guichet" / "db" / "migrations"
    assert (folder / "versions" / "0001_initial_schema.py").is_file()


def test_the_desktop_entry_starts_the_installed_command_with_the_shipped_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "guichet.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "Guichet"
    assert desktop["Exec"].split()[0] in scripts
    assert desktop["Terminal"] == "false"
    for suffix in (".svg", ".png", ".ico"):
        assert assets.find_resource("icons", desktop["Icon"] + suffix) is not None


def test_the_application_carries_the_icon(qapp) -> None:
    from guichet.ui.application import make_application

    app = make_application()
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == "guichet"
