"""Opportunities in a file, one row per lot: the fields a column can hold, and JSON read as a
table (a list of objects, one per lot, or ``{"lots": [...]}``) so spreadsheets and JSON share the
import wizard's mapping."""

from __future__ import annotations

import json
from pathlib import Path

from guichet.importers.errors import FileRefused
from guichet.importers.mapping import ImportField
from guichet.importers.tables import MAX_FILE_BYTES, Table, read_table

# fmt: off
OPPORTUNITY_FIELDS: tuple[ImportField, ...] = (
    ImportField("reference", "Référence de la consultation", ("reference", "ref", "reference consultation", "n consultation", "numero de consultation", "id", "identifiant"), 80),
    ImportField("title", "Intitulé de l'opportunité", ("intitule", "objet", "titre", "objet du marche", "opportunite", "consultation", "title"), 250, required=True),
    ImportField("buyer", "Acheteur", ("acheteur", "donneur d ordre", "maitre d ouvrage", "client", "pouvoir adjudicateur", "buyer"), 250),
    ImportField("source", "Source", ("source", "type", "origine", "nature"), 40),
    ImportField("description", "Description", ("description", "descriptif", "resume"), 20000),
    ImportField("commune", "Lieu (commune ou code INSEE)", ("lieu", "commune", "lieu d execution", "code insee", "site"), 80),
    ImportField("value", "Valeur estimée (€)", ("montant", "valeur", "valeur estimee", "budget", "montant estime"), 20),
    ImportField("received_at", "Reçue le", ("recue le", "date de reception", "reception", "date de publication", "publication", "received"), 20),
    ImportField("answer_deadline", "Date limite de réponse", ("date limite", "date limite de reponse", "remise des offres", "date limite remise", "deadline", "echeance"), 20),
    ImportField("questions_deadline", "Date limite des questions", ("date limite des questions", "questions"), 20),
    ImportField("sector", "Filière", ("filiere", "secteur", "sector"), 80),
    ImportField("lot_number", "N° du lot", ("lot", "n lot", "numero de lot", "numero lot", "lot number"), 10),
    ImportField("lot_title", "Intitulé du lot", ("intitule du lot", "lot intitule", "titre du lot", "objet du lot", "lot title"), 250),
    ImportField("lot_capabilities", "Savoir-faire exigés (séparés par ; ou ,)", ("savoir faire", "competences", "capacites", "savoir faire exiges", "competences requises", "capabilities"), 2000),
    ImportField("lot_certifications", "Certifications exigées", ("certifications", "certification", "qualifications", "certifications exigees"), 1000),
    ImportField("lot_headcount", "Effectif minimum (code INSEE)", ("effectif minimum", "tranche d effectif", "effectif"), 2),
)
# fmt: on


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ; ".join(_text(v) for v in value)
    return str(value)


def read_json_table(path: Path) -> Table:
    """A JSON file of lots as a table: its keys are the headers, one row per object."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FileRefused("Le fichier est trop volumineux pour être importé.")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FileRefused(
            f"Impossible de lire le fichier « {path.name} ».", detail=str(exc)
        ) from exc
    except ValueError as exc:
        raise FileRefused(
            f"Le fichier « {path.name} » n'est pas un JSON valide (ligne {getattr(exc, 'lineno', '?')}).",
            detail=str(exc),
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("lots"), list):
        data = data["lots"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data) or not data:
        raise FileRefused(
            "Le JSON attendu est une liste d'objets, un par lot (ou un objet avec une liste « lots »)."
        )
    headers: list[str] = []
    for item in data:
        headers.extend(str(k) for k in item if str(k) not in headers)
    rows = [[_text(item.get(h)) for h in headers] for item in data]
    return Table(tuple(headers), rows, list(range(2, len(rows) + 2)), f"JSON, {len(rows)} lot(s)")


def read_lots_file(path: Path) -> Table:
    """Spreadsheets, CSV and ODS through the import's reader; ``.json`` as above."""
    if path.suffix.lower() == ".json":
        return read_json_table(path)
    return read_table(path)
