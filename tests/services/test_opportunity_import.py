"""Importing opportunities, one row per lot, from a spreadsheet (CSV here) or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.importers.errors import FileRefused
from guichet.importers.opportunity_table import read_lots_file
from guichet.services.opportunity_import import guess, import_plan, plan_import
from guichet.services.opportunity_views import get_opportunity, list_opportunities
from tests.services.opportunity_setup import buyer

CSV = (
    "Référence;Objet;Acheteur;Date limite;Montant;Filière;Lot;Intitulé du lot;Compétences;Certifications\n"
    "H2-01;Électrolyseur de Port-Jérôme;Hydrogène de la Seine;04/12/2027 12:00;1 200 000 €;Hydrogène;1;"
    "Tuyauterie HP;tubing haute pression, soudage TIG;ISO 3834\n"
    "H2-01;Électrolyseur de Port-Jérôme;Hydrogène de la Seine;04/12/2027 12:00;;Hydrogène;2;"
    "Câblage;faisceaux électriques;\n"
    "H2-02;Stockage;Inconnue SA;31/02/2026;;;1;Réservoirs;Réservoirs haute pression;Qualibat\n"
)


def test_a_spreadsheet_of_lots_becomes_opportunities_with_synonyms_resolved(
    portable_db: Database, tmp_path: Path
) -> None:
    db = portable_db
    buyer_id = buyer(db)
    path = tmp_path / "consultations.csv"
    path.write_text(CSV, encoding="utf-8")
    table = read_lots_file(path)
    mapping = guess(table)
    assert mapping[:5] == ("reference", "title", "buyer", "answer_deadline", "value")
    assert mapping[6:] == ("lot_number", "lot_title", "lot_capabilities", "lot_certifications")
    plan = plan_import(db, table, mapping)
    assert len(plan.opportunities) == 2
    first = plan.opportunities[0]
    assert first.buyer_id == buyer_id and first.estimated_value == 1_200_000
    assert [lot.title for lot in first.lots] == ["Tuyauterie HP", "Câblage"]
    problems = " ".join(plan.problems)
    assert "« Inconnue SA » absent de l'annuaire" in problems
    assert "« 31/02/2026 » illisible" in problems
    assert "« Qualibat » inconnu" in problems
    ids = import_plan(db, plan)
    detail = get_opportunity(db, ids[0])
    assert [c.name for c in detail.lots[0].capabilities] == ["TIG", "Tuyauterie haute pression"]
    assert [c.name for c in detail.lots[0].certifications] == ["ISO 3834"]
    assert [c.name for c in detail.lots[1].capabilities] == ["Câblage"]
    assert detail.sector == "Hydrogène" and detail.buyer_reference == "H2-01"


def test_json_lots_share_the_mapping(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "lots.json"
    path.write_text(
        json.dumps(
            {
                "lots": [
                    {"intitule": "Pièces injectées", "lot": 1, "competences": ["Injection"]},
                    {"intitule": "Pièces injectées", "lot": 2, "competences": "Fraisage 5 axes"},
                ]
            }
        ),
        encoding="utf-8",
    )
    table = read_lots_file(path)
    plan = plan_import(db, table, guess(table))
    assert plan.problems == ()
    (opportunity_id,) = import_plan(db, plan)
    assert [lot.number for lot in get_opportunity(db, opportunity_id).lots] == [1, 2]


def test_bad_files_are_refused_in_french(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(FileRefused, match="JSON valide"):
        read_lots_file(path)
    path.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(FileRefused, match="liste d'objets"):
        read_lots_file(path)
    csv = tmp_path / "empty.csv"
    csv.write_text("Objet;Lot\n;1\n", encoding="utf-8")
    table = read_lots_file(csv)
    plan = plan_import(db, table, guess(table))
    assert plan.problems == ("Ligne 2 : sans intitulé, ignorée.",)
    with pytest.raises(ValidationError, match="aucune opportunité"):
        import_plan(db, plan)
    assert list_opportunities(db) == []
