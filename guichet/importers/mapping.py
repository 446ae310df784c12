"""Which column of the file goes into which field: guessed from the headers, then adjusted.

Headers are compared folded (no accents, no case, punctuation as spaces), against French and
English names. A mapping is remembered under the signature of the file's headers, so the next
file of the same shape is mapped the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from guichet.reference.text import fold

_PUNCTUATION = re.compile(r"[^\w]+")
_NUMBER_PREFIX = re.compile(r"^(n|no|num|numero)\s+")
CONTACT_WORDS = frozenset({"contact", "interlocuteur", "referent", "responsable"})


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    aliases: tuple[str, ...]
    max_length: int
    required: bool = False
    contact: bool = False


# fmt: off
FIELDS: tuple[ImportField, ...] = (
    ImportField("legal_name", "Raison sociale", ("raison sociale", "denomination", "nom de l entreprise", "nom entreprise", "entreprise", "societe", "organisation", "organisme", "structure", "company", "company name", "legal name", "name", "raison sociale nom"), 250, required=True),
    ImportField("trade_name", "Nom commercial, enseigne", ("nom commercial", "enseigne", "sigle", "trade name", "brand"), 250),
    ImportField("siret", "SIRET", ("siret", "siret etablissement", "siret number"), 20),
    ImportField("siren", "SIREN", ("siren",), 15),
    ImportField("naf_code", "Code NAF/APE", ("naf", "ape", "code naf", "code ape", "naf ape", "ape naf", "code naf ape", "activite principale", "naf code"), 10),
    ImportField("address_street", "Adresse (n° et voie)", ("adresse", "rue", "voie", "address", "street", "adresse 1", "adresse ligne 1", "address 1", "address line 1", "numero et voie"), 120),
    ImportField("address_building", "Complément d'adresse", ("complement d adresse", "complement adresse", "complement", "adresse 2", "adresse ligne 2", "batiment", "zone", "address 2", "address line 2"), 120),
    ImportField("address_locality", "Lieu-dit, BP", ("lieu dit", "bp", "boite postale", "adresse 3"), 120),
    ImportField("postal_code", "Code postal", ("code postal", "cp", "postal code", "zip", "zip code", "postcode"), 10),
    ImportField("city", "Ville", ("ville", "commune", "localite", "city", "town"), 80),
    ImportField("commune_insee", "Code INSEE de la commune", ("code insee", "code commune", "insee", "code insee commune"), 5),
    ImportField("phone", "Téléphone", ("telephone", "tel", "phone", "telephone fixe", "standard", "tel fixe"), 40),
    ImportField("email", "E-mail", ("e mail", "email", "mail", "courriel", "adresse mail", "adresse e mail", "adresse email"), 254),
    ImportField("website", "Site web", ("site", "site web", "site internet", "web", "website", "url", "internet"), 250),
    ImportField("description", "Description, activité", ("description", "activite", "activites", "savoir faire", "commentaire", "commentaires", "observations", "notes"), 20000),
    ImportField("headcount_band", "Tranche d'effectif (code INSEE)", ("tranche d effectif", "tranche effectif", "code effectif"), 2),
    ImportField("legal_form", "Forme juridique (code)", ("forme juridique", "categorie juridique", "code forme juridique"), 4),
    ImportField("contact_name", "Contact (nom complet)", ("contact", "interlocuteur", "contact name", "nom du contact", "nom prenom", "prenom nom"), 200, contact=True),
    ImportField("contact_first_name", "Prénom du contact", ("prenom", "first name", "firstname", "given name"), 80, contact=True),
    ImportField("contact_last_name", "Nom du contact", ("nom de famille", "last name", "lastname", "surname", "family name"), 120, contact=True),
    ImportField("contact_role", "Fonction du contact", ("fonction", "poste", "titre", "role", "job title", "qualite"), 120, contact=True),
    ImportField("contact_email", "E-mail du contact", ("e mail", "email", "mail", "courriel"), 254, contact=True),
    ImportField("contact_phone", "Téléphone du contact", ("portable", "mobile", "gsm", "tel portable", "telephone portable", "telephone", "tel", "phone", "ligne directe"), 40, contact=True),
    ImportField("network", "Réseau (adhésion)", ("reseau", "reseau d adhesion", "adhesion", "adherent de", "network", "cluster"), 80),
)
# fmt: on
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
#: Aliases a contact field answers to even without the word "contact" in the header.
_CONTACT_DIRECT = {
    "contact_name",
    "contact_first_name",
    "contact_last_name",
    "contact_role",
}

Mapping = tuple[str | None, ...]


def normalize_header(header: str) -> str:
    text = _PUNCTUATION.sub(" ", fold(header)).strip()
    text = " ".join(text.split())
    return _NUMBER_PREFIX.sub("", text)


def _score(words: str, field: ImportField) -> int:
    best = 0
    for alias in field.aliases:
        if words == alias:
            return 3
        if re.search(rf"(^| ){re.escape(alias)}( |$)", words) and len(alias) > 2:
            best = max(best, 2)
    return best


def _candidates(
    header: str, has_first_name: bool, fields: Sequence[ImportField] = FIELDS
) -> list[tuple[int, str]]:
    words = normalize_header(header)
    tokens = set(words.split())
    found: list[tuple[int, str]] = []
    if tokens & CONTACT_WORDS:
        rest = " ".join(t for t in words.split() if t not in CONTACT_WORDS | {"du", "de", "d"})
        for field in fields:
            if field.contact:
                score = _score(rest, field) if rest else 0
                if score:
                    found.append((score + 1, field.key))
        if not rest or rest in ("nom", "name"):
            found.append((4, "contact_name" if not has_first_name else "contact_last_name"))
    for field in fields:
        if field.contact and field.key not in _CONTACT_DIRECT and not tokens & CONTACT_WORDS:
            if (
                field.key == "contact_phone"
                and _score(words, field)
                and tokens
                & {
                    "portable",
                    "mobile",
                    "gsm",
                }
            ):
                found.append((3, field.key))
            continue
        score = _score(words, field)
        if score:
            found.append((score, field.key))
    if words in ("nom", "name") and fields is FIELDS:
        found.append((2, "contact_last_name" if has_first_name else "legal_name"))
    return found


def guess_mapping(headers: Sequence[str], fields: Sequence[ImportField] = FIELDS) -> Mapping:
    """The field each column most likely holds (``None``: not imported); each field used once.

    ``fields`` are the organizations' by default; another import passes its own."""
    has_first_name = any(
        normalize_header(h) in ("prenom", "first name", "firstname") for h in headers
    )
    scored = [
        (score, -column, key)
        for column, header in enumerate(headers)
        for score, key in _candidates(header, has_first_name, fields)
    ]
    result: list[str | None] = [None] * len(headers)
    used: set[str] = set()
    for _score_value, negative_column, key in sorted(scored, reverse=True):
        column = -negative_column
        if result[column] is None and key not in used:
            result[column] = key
            used.add(key)
    return tuple(result)


def header_signature(headers: Sequence[str]) -> str:
    """A hash of the normalized headers: files of the same shape share it."""
    normalized = json.dumps([normalize_header(h) for h in headers], ensure_ascii=False)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def mapping_to_json(mapping: Mapping) -> str:
    return json.dumps(list(mapping))


def mapping_from_json(text: str, width: int) -> Mapping | None:
    """A remembered mapping, or ``None`` when it does not fit (unknown fields, other width)."""
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not isinstance(values, list) or len(values) != width:
        return None
    if any(v is not None and v not in FIELDS_BY_KEY for v in values):
        return None
    return tuple(values)


def missing_required(mapping: Mapping) -> list[ImportField]:
    return [f for f in FIELDS if f.required and f.key not in mapping]


def guess_fields(headers: Sequence[str], fields: Sequence[ImportField]) -> Mapping:
    """:func:`guess_mapping` for another list of fields (sites…): by alias, each field once."""
    scored = [
        (score, -column, f.key)
        for column, header in enumerate(headers)
        for f in fields
        if (score := _score(normalize_header(header), f))
    ]
    result: list[str | None] = [None] * len(headers)
    used: set[str] = set()
    for _score_value, negative_column, key in sorted(scored, reverse=True):
        if result[-negative_column] is None and key not in used:
            result[-negative_column] = key
            used.add(key)
    return tuple(result)
