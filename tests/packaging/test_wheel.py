"""The wheel works away from the source folder: built with ``pip wheel``, installed (not
editable) in a fresh virtual environment, run from a folder outside the repository.

The virtual environment gets Guichet from the wheel alone; its dependencies are made visible by
a ``.pth`` file naming the site-packages of the interpreter running the tests (no download).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(os.name != "posix", reason="the virtual environment's bin/ layout"),
]

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "guichet", "resources")
TIMEOUT = 300


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    site: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str, extra_env: dict[str, str] | None = None) -> str:
        out = subprocess.run(
            [str(self.venv / "bin" / "guichet"), "--db", "guichet.sqlite3", *args],
            cwd=self.workdir,
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert out.returncode == 0, f"guichet {' '.join(args)}: {out.stdout}\n{out.stderr}"
        return out.stdout

    def python(self, code: str) -> str:
        out = subprocess.run(
            [str(self.venv / "bin" / "python"), "-c", code],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        )
        return out.stdout.strip()


def _build_wheel(work: Path) -> Path:
    """``pip wheel`` on a copy of the sources (the build leaves nothing in the checkout)."""
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(dist)],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    (wheel,) = dist.glob("guichet-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    assert ROOT not in work.parents
    wheel = _build_wheel(work)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "guichet-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    workdir = work / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GUICHET_"))}
    env |= {"GUICHET_HOME": str(work / "home"), "QT_QPA_PLATFORM": "offscreen"}
    return Installed(wheel, venv, site, workdir, env)


def test_the_wheel_holds_resources_and_migrations(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    shipped = {
        f"guichet_resources/{p.relative_to(ROOT / 'resources').as_posix()}"
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    migrations = {
        f"guichet/{p.relative_to(ROOT / 'guichet').as_posix()}"
        for p in (ROOT / "guichet" / "db" / "migrations").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "guichet_resources/reference/communes_76.csv" in shipped
    assert "guichet_resources/reference/communes_76_contours.geojson" in shipped
    assert "guichet/db/migrations/versions/0001_initial_schema.py" in migrations
    assert shipped - names == set()
    assert migrations - names == set()


def test_it_runs_from_the_installed_files(installed: Installed) -> None:
    located = installed.python(
        "import guichet, guichet_resources\n"
        "from guichet.assets import find_resource, migrations_dir\n"
        "print(guichet.__file__); print(guichet_resources.__file__)\n"
        "print(find_resource('icons', 'home.svg')); print(find_resource('fonts', 'DejaVuSans.ttf'))\n"
        "print(migrations_dir())"
    ).splitlines()
    assert len(located) == 5
    for path in located:
        assert Path(path).is_relative_to(installed.site), path


def test_demo_check_search_letter_and_window(installed: Installed) -> None:
    assert "Données de démonstration créées" in installed.run("demo")
    report = installed.run("check", "--json")
    assert '"ok": true' in report
    assert "Boulangerie du Caux" in installed.run("search", "boulangerie")
    installed.run("letter", "1", "--to", "entreprise", "-o", "x.pdf", "--brouillon")
    pdf = (installed.workdir / "x.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf
    # GUICHET_STARTUP_PROBE: the window prints when it is painted and when its data is
    # there, then quits.
    shown = installed.run(extra_env={"GUICHET_STARTUP_PROBE": "1"})
    assert "shown_at=" in shown and "ready_at=" in shown
