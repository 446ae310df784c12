"""The project sheet PDF (« Confidentiel » on every page, code name only, text escaped) and the
import of sites from a spreadsheet (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import SiteKind
from guichet.services.project_intake import draft_from_need
from guichet.services.project_sheet import write_sheet
from guichet.services.propositions import propose_site
from guichet.services.site_import import (
    guess_site_mapping,
    import_sites,
    preview_sites,
    read_sites_file,
)
from guichet.services.sites import list_parks, list_sites
from tests.services.project_setup import SECRET, a_project, a_site


def test_the_sheet_says_confidential_on_every_page(db: Database, tmp_path: Path) -> None:
    pid = a_project(db, land_m2=20_000, needs_hydrogen=True, sector="<b>Hydrogène</b>")
    for n in range(40):  # enough sites for several pages
        propose_site(db, pid, a_site(db, f"Lot {n} <i>", 20_000 + n, has_hydrogen=True))
    path = write_sheet(db, pid, tmp_path / "fiche.pdf")
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) >= 2
    texts = [page.extract_text() for page in reader.pages]
    assert all("CONFIDENTIEL" in t for t in texts)
    whole = "\n".join(texts)
    assert "Projet Zéphyr" in whole and "<b>Hydrogène</b>" in whole and "Lot 3 <i>" in whole
    assert SECRET not in whole


def test_sites_are_imported_with_their_parks(portable_db: Database, tmp_path: Path) -> None:
    db = portable_db
    source = tmp_path / "offre.csv"
    source.write_text(
        "Zone;Site;Nature;Superficie (m²);Disponible le;Prix;Équipements;Code INSEE;Latitude;Longitude\n"
        "ZA du Parc;Lot 1;Terrain;20 000;2027-03-01;480 000;fer, fibre;76384;49,51;0,53\n"
        "ZA du Parc;Entrepôt 2;Bâtiment;4 500;;;eau, quai;76384;;\n"
        "ZA du Parc;Lot 3;Terrain;;;;;;;\n"
        ";Friche;Terrain;9 000;31/13/2027;;;;;\n",
        encoding="utf-8",
    )
    table = read_sites_file(db, source)
    mapping = guess_site_mapping(table)
    assert mapping == (
        "park", "name", "kind", "surface_m2", "available_on", "price_eur", "services",
        "commune_code", "latitude", "longitude",
    )  # fmt: skip
    preview = preview_sites(table, mapping)
    assert preview.valid == 2
    assert [line for line, _ in preview.errors] == [4, 5]
    assert "surface" in preview.errors[0][1].lower() and "illisible" in preview.errors[1][1]
    report = import_sites(db, table, mapping)
    assert (report.created, report.parks_created) == (2, 1)
    sites = {s.name: s for s in list_sites(db)}
    lot = sites["Lot 1"]
    assert lot.has_rail and lot.has_fibre and not lot.has_port
    assert (lot.latitude, lot.longitude, lot.price_eur) == (49.51, 0.53, 480_000)
    assert sites["Entrepôt 2"].kind is SiteKind.BUILDING and sites["Entrepôt 2"].has_port
    assert [p.name for p in list_parks(db)] == ["ZA du Parc"]
    with pytest.raises(ValidationError, match="Surface"):
        import_sites(db, table, tuple(None if k == "surface_m2" else k for k in mapping))


def test_a_need_outside_the_theme_cannot_start_a_project(demo_db: Database) -> None:
    from sqlalchemy import select

    from guichet.models import Need, Subject, Theme

    with demo_db.unit_of_work(write=False) as s:
        other = s.scalars(
            select(Need.id).join(Subject).join(Theme).where(Theme.name != "Implantation")
        ).first()
        mine = s.scalars(
            select(Need.id).join(Subject).join(Theme).where(Theme.name == "Implantation")
        ).first()
    assert other is not None and mine is not None
    with pytest.raises(ValidationError, match="Implantation"):
        draft_from_need(demo_db, other)
    draft = draft_from_need(demo_db, mine)
    assert draft.source_inquiry_id is not None and draft.code_name.startswith("Projet ")
    assert draft.confidential
