"""``guichet search``: French listing and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guichet.cli import main


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    return path


def test_search_lists_hits_in_french(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_file), "search", "soudure", "tig", "--limite", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("3 sur ") and "pour « soudure tig »" in lines[0]
    assert len(lines) == 4
    assert all("Compétence : " in line for line in lines[1:])


def test_search_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_file), "search", "plastique", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and {"id", "name", "siret", "reason", "kind", "matched_capabilities"} <= set(
        hits[0]
    )
    assert any(h["matched_capabilities"] for h in hits)


def test_search_without_result(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_file), "search", "zzzzqqq"]) == 1
    assert "Aucun résultat pour « zzzzqqq »." in capsys.readouterr().out


def test_no_organization_has_every_word(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« usinage inox »: nobody has both, so those having one, labelled as partial."""
    assert main(["--db", str(demo_file), "search", "usinage", "inox", "--limite", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Aucune fiche n'a tous les mots ; résultats partiels."
    assert "résultats partiels" in lines[1]
    assert all("1 mot sur 2 : " in line for line in lines[2:])
    assert any("1 mot sur 2 : usinage" in line for line in lines[2:])
    assert any("1 mot sur 2 : inox" in line for line in lines[2:])
    assert main(["--db", str(demo_file), "search", "usinage", "inox", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["partial"] and h["query_words"] == 2 for h in hits)
    assert {tuple(h["matched_words"]) for h in hits} == {("usinage",), ("inox",)}
