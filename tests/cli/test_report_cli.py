"""``guichet rapport`` on the demo data: the PDF and the workbook carry the figures that
``guichet stats --json`` gives for the same dates, name nobody, and open in LibreOffice Calc;
the same command on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from guichet.cli import main
from guichet.db import Database
from guichet.models import Contact, Counsellor
from guichet.reference.dates import format_share
from guichet.services.figures import is_confidential, shown_count
from tests.services.figures_setup import build_quarter
from tests.services.report_files import pdf_text, workbook_cells

DATES = ["--du", "2026-01-01", "--au", "2026-10-31", "--maintenant", "2026-11-20T10:30"]


def _norm(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _share(share: dict[str, Any]) -> str:
    assert share["rate"] is not None and not is_confidential(share["total"])
    return _norm(format_share(share["rate"]))


@pytest.fixture
def files(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert demo_db.path is not None
    db = ["--db", str(demo_db.path)]
    assert main([*db, "stats", *DATES, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    for name in ("rapport.pdf", "rapport.xlsx"):
        assert main([*db, "rapport", *DATES, "-o", str(tmp_path / name)]) == 0
        assert "Rapport d'activité" in capsys.readouterr().out
    return {"stats": stats, "pdf": tmp_path / "rapport.pdf", "xlsx": tmp_path / "rapport.xlsx"}


def test_report_carries_the_figures_of_guichet_stats(files: dict[str, Any]) -> None:
    stats, text = files["stats"], pdf_text(files["pdf"].read_bytes())
    sheets = workbook_cells(files["xlsx"])
    volumes, reactivity = stats["volumes"], stats["reactivity"]
    headline = {
        "Demandes reçues": volumes["total"],
        "Mises en relation envoyées": stats["referrals"]["sent"],
        "Adhérents gagnés": stats["network"]["gained"],
        "Réunions d'information tenues": stats["meetings"]["held"],
        "Participants aux réunions": stats["meetings"]["present"],
        "Projets d'implantation ouverts": stats["projects"]["opened"],
        "Opportunités d'affaires reçues": stats["opportunities"]["received"],
    }
    rows = {row[0]: row[1] for row in sheets["Chiffres clés"][1:]}
    for label, count in headline.items():
        assert f"{label} {_norm(shown_count(count))} " in text
        assert rows[label] == ("< 3" if is_confidential(count) else count)
    for name, key in (
        ("Première réponse sous 72 h", "first_response"),
        ("Mise en relation sous 72 h", "referral"),
        ("Prise en charge sous 5 jours", "taken_care"),
    ):
        assert f"{name} {_share(reactivity[key])} " in text
    percent = {row[0]: row[1] for row in sheets["Réactivité"][1:]}
    assert percent["Première réponse sous 72 h"] == round(
        reactivity["first_response"]["rate"] * 100
    )
    channels = {row[0]: row[1] for row in sheets["Canaux"][1:]}
    for channel in volumes["by_channel"]:
        assert f"{channel['label']} {_norm(shown_count(channel['count']))} " in text
        assert channels[channel["label"]] == (
            "< 3" if is_confidential(channel["count"]) else channel["count"]
        )
    for subject in stats["subjects"]:
        assert f"{subject['label']} {_norm(shown_count(subject['count']))}" in text
    assert f"Issue connue {_share(stats['referrals']['closed_loop'])}" in text
    members = stats["network"]["members"]
    assert f"Adhérents en fin de période {_norm(shown_count(members))}" in text


def test_report_names_nobody(demo_db: Database, files: dict[str, Any]) -> None:
    with demo_db.unit_of_work(write=False) as session:
        people = [
            f"{first} {last}"
            for first, last in session.execute(select(Contact.first_name, Contact.last_name))
            if first
        ]
        counsellors = list(session.scalars(select(Counsellor.name)))
    assert len(people) > 100 and counsellors
    text = pdf_text(files["pdf"].read_bytes()).casefold()
    cells = " ".join(
        str(value)
        for rows in workbook_cells(files["xlsx"]).values()
        for row in rows
        for value in row
        if value is not None
    ).casefold()
    with zipfile.ZipFile(files["xlsx"]) as archive:
        raw = " ".join(archive.read(name).decode("utf-8") for name in archive.namelist()).casefold()
    for name in people + counsellors:
        needle = name.casefold()
        assert needle not in text, name
        assert needle not in cells, name
        assert needle not in raw, name
    assert "conseiller 1" in text  # the breakdown by counsellor is there, under neutral labels


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_opens_the_workbook(files: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):59,34,76,1",
            "--outdir",
            str(out),
            str(files["xlsx"]),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (out / "rapport.csv").open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    first = workbook_cells(files["xlsx"])["Chiffres clés"]
    assert lines[0][:2] == ["Indicateur", "Période"]
    assert [row[:2] for row in lines[1:]] == [[str(r[0]), str(r[1])] for r in first[1:]]


def test_report_command_on_both_engines(
    portable_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_quarter(portable_db)
    out = tmp_path / "rapport.pdf"
    url = portable_db.url
    assert (
        main(
            [  # a team database wants to know who acts: --conseiller
                *("--db", url, "--conseiller", "CL", "rapport"),
                *("--du", "2026-01-01", "--au", "2026-03-31", "-o", str(out)),
            ]
        )
        == 0
    )
    assert "1er trimestre 2026" in capsys.readouterr().out
    assert "Demandes reçues 7 < 3 —" in pdf_text(out.read_bytes())


def test_bad_input_is_told_in_french(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_db.path is not None
    db = ["--db", str(demo_db.path)]
    assert (
        main(
            [
                *db,
                "rapport",
                "--du",
                "2026-03-01",
                "--au",
                "2026-02-01",
                "-o",
                str(tmp_path / "r.pdf"),
            ]
        )
        == 2
    )
    assert "précède sa date de début" in capsys.readouterr().err
    assert main([*db, "rapport", *DATES, "-o", str(tmp_path / "r.odt")]) == 2
    assert ".pdf ou .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "r.odt").exists()


@pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("qpdf") is None,
    reason="poppler-utils or qpdf absent",
)
def test_demo_report_embeds_its_fonts_and_is_valid(files: dict[str, Any]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(files["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing and all(line.split()[-5] == "yes" for line in listing), listing
    subprocess.run(["qpdf", "--check", str(files["pdf"])], capture_output=True, check=True)
