"""Sites from a spreadsheet: the fields a column can go into, and one row read as a site.

Pure functions (no database): the service checks and writes the drafts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from guichet.errors import ValidationError
from guichet.importers.mapping import ImportField, Mapping
from guichet.models.implantation_enums import SiteKind
from guichet.reference.text import fold

# fmt: off
SITE_FIELDS: tuple[ImportField, ...] = (
    ImportField("name", "Nom du site, lot", ("site", "nom", "nom du site", "lot", "parcelle", "reference", "designation"), 120, required=True),
    ImportField("park", "Zone d'activité", ("zone", "zone d activite", "za", "zae", "parc", "parc d activites", "zone activite"), 120),
    ImportField("kind", "Type (terrain, bâtiment)", ("type", "nature", "kind"), 40),
    ImportField("surface_m2", "Surface (m²)", ("surface", "surface m2", "superficie", "m2", "surface en m2"), 20, required=True),
    ImportField("available_on", "Disponible le", ("disponibilite", "disponible le", "date de disponibilite", "disponible"), 20),
    ImportField("price_eur", "Prix de vente (€)", ("prix", "prix de vente", "prix eur", "price"), 20),
    ImportField("rent_eur_month", "Loyer mensuel (€)", ("loyer", "loyer mensuel", "rent"), 20),
    ImportField("owner", "Propriétaire", ("proprietaire", "owner", "bailleur"), 200),
    ImportField("zoning", "Zonage", ("zonage", "plu", "zone plu"), 60),
    ImportField("commune_code", "Code INSEE de la commune", ("code insee", "insee", "code commune"), 5),
    ImportField("latitude", "Latitude", ("latitude", "lat"), 20),
    ImportField("longitude", "Longitude", ("longitude", "lon", "lng"), 20),
    ImportField("services", "Services (fer, port, fibre, hydrogène…)", ("services", "equipements", "reseaux", "dessertes"), 500),
    ImportField("power_mw", "Puissance (MW)", ("puissance", "puissance mw", "mw", "electricite"), 20),
    ImportField("description", "Description", ("description", "commentaire", "observations", "notes"), 5000),
)
# fmt: on
SERVICE_WORDS = {
    "has_rail": ("fer", "ferre", "rail", "embranchement"),
    "has_port": ("port", "quai", "fluvial", "portuaire"),
    "has_fibre": ("fibre", "thd"),
    "has_hydrogen": ("hydrogene", "h2"),
    "has_gas": ("gaz",),
    "has_water": ("eau",),
}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class SiteRow:
    line: int
    park: str
    values: dict[str, object]


def _number(text: str, what: str) -> float | None:
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    cleaned = re.sub(r"(m²|m2|€|eur|mw)$", "", cleaned.lower()).replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError as exc:
        raise ValidationError(f"{what} : « {text} » n'est pas un nombre.") from exc


def _date(text: str) -> date | None:
    text = text.strip()
    if not text or fold(text) in ("immediate", "immediatement", "de suite", "maintenant"):
        return None
    match = _DATE.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValidationError(
            f"Date de disponibilité illisible : « {text} » (JJ/MM/AAAA)."
        ) from exc


def read_site_row(line: int, cells: list[str], mapping: Mapping) -> SiteRow:
    """One row as site values (for ``SiteDraft``); a French ValidationError for a bad cell."""
    raw = {
        key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(mapping) if key
    }
    values: dict[str, object] = {"name": raw.get("name", "")}
    for key in ("owner", "zoning", "commune_code", "description"):
        values[key] = raw.get(key, "")
    kind = fold(raw.get("kind", ""))
    values["kind"] = (
        SiteKind.BUILDING
        if kind.startswith(("bat", "entrepot", "local", "build"))
        else SiteKind.PLOT
    )
    surface = _number(raw.get("surface_m2", ""), "Surface")
    values["surface_m2"] = int(surface) if surface is not None else 0
    for key, what in (("price_eur", "Prix"), ("rent_eur_month", "Loyer")):
        number = _number(raw.get(key, ""), what)
        values[key] = int(number) if number is not None else None
    values["power_mw"] = _number(raw.get("power_mw", ""), "Puissance")
    values["latitude"] = _number(raw.get("latitude", ""), "Latitude")
    values["longitude"] = _number(raw.get("longitude", ""), "Longitude")
    values["available_on"] = _date(raw.get("available_on", ""))
    words = set(re.split(r"[^a-z0-9]+", fold(raw.get("services", ""))))
    for key, aliases in SERVICE_WORDS.items():
        values[key] = bool(words & set(aliases))
    return SiteRow(line, raw.get("park", ""), values)
