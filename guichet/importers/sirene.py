"""INSEE's SIRENE stock files, streamed: StockEtablissement filtered, StockUniteLegale joined.

The national files hold about 40 million establishments; they are read line by line (from the
CSV or straight from the published zip), never whole. Columns are found by name, since their
order and number change between vintages. Non-diffusible establishments and units are left out;
closed establishments are left out, or kept flagged inactive on request.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from guichet.importers.errors import FileRefused
from guichet.reference.communes import current_insee
from guichet.reference.text import clean_text, fold

CHECK_EVERY = 20_000
Check = Callable[[], None]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SireneFilter:
    """Which establishments to keep: a set of communes (current INSEE codes) or a département."""

    communes: frozenset[str] | None = None
    departement: str | None = None
    include_closed: bool = False

    def matcher(self) -> Callable[[str], bool]:
        if self.departement:
            prefix = self.departement.strip().upper()
            return lambda code: code.startswith(prefix)
        wanted = self.communes or frozenset()
        memo: dict[str, bool] = {}

        def on_territory(code: str) -> bool:
            if code in wanted:
                return True
            found = memo.get(code)
            if found is None:
                found = memo[code] = (current_insee(code) or "") in wanted
            return found

        return on_territory


class _CountingReader(io.RawIOBase):
    """Counts the bytes read through it, for a progress bar over a streamed file."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = self.inner.readinto(buffer)
        self.count += size or 0
        return size


@contextmanager
def open_stock(path: Path) -> Iterator[tuple[Any, _CountingReader, int]]:
    """A csv reader over the stock file (CSV or zip), its byte counter and its size."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
                if not members:
                    raise FileRefused("Cette archive ne contient aucun fichier CSV SIRENE.")
                with archive.open(members[0]) as raw:
                    counter = _CountingReader(raw)
                    text = io.TextIOWrapper(io.BufferedReader(counter, 1 << 20), "utf-8-sig")
                    yield csv.reader(text), counter, members[0].file_size
            return
        with path.open("rb") as raw:
            counter = _CountingReader(raw)
            text = io.TextIOWrapper(io.BufferedReader(counter, 1 << 20), "utf-8-sig")
            yield csv.reader(text), counter, path.stat().st_size
    except (OSError, zipfile.BadZipFile) as exc:
        raise FileRefused(
            f"Impossible de lire le fichier SIRENE « {path.name} » : {exc}.", detail=str(exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"« {path.name} » n'est pas un fichier SIRENE : ce n'est pas un texte UTF-8.",
            detail=str(exc),
        ) from exc


def _columns(header: list[str], required: tuple[str, ...], kind: str, path: Path) -> dict:
    index = {name.strip(): i for i, name in enumerate(header)}
    missing = [name for name in required if name not in index]
    if missing:
        raise FileRefused(
            f"« {path.name} » n'est pas un fichier {kind} de l'INSEE : "
            f"colonne(s) {', '.join(missing)} absente(s)."
        )
    return index


def _get(row: list[str], index: dict[str, int], name: str) -> str:
    position = index.get(name)
    return clean_text(row[position]).strip() if position is not None and position < len(row) else ""


def _street(row: list[str], ix: dict[str, int]) -> str | None:
    parts = [
        _get(row, ix, "numeroVoieEtablissement"),
        _get(row, ix, "indiceRepetitionEtablissement"),
        _get(row, ix, "typeVoieEtablissement"),
        _get(row, ix, "libelleVoieEtablissement"),
    ]
    street = " ".join(p for p in parts if p)
    complement = _get(row, ix, "complementAdresseEtablissement")
    if complement:
        street = f"{complement}, {street}" if street else complement
    return street[:160] or None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def establishment_record(row: list[str], ix: dict[str, int], active: bool) -> dict[str, Any]:
    siret = _get(row, ix, "siret")
    own_name = (
        _get(row, ix, "denominationUsuelleEtablissement")
        or _get(row, ix, "enseigne1Etablissement")
        or None
    )
    name = own_name or f"Établissement {siret[:9]} {siret[9:]}"
    code = _get(row, ix, "codeCommuneEtablissement")
    return {
        "siret": siret,
        "siren": _get(row, ix, "siren") or siret[:9],
        "name": name[:250],
        "name_key": fold(name)[:250],
        "trade_key": fold(own_name)[:250] if own_name else None,
        "trade_name": own_name[:250] if own_name else None,
        "naf_code": _get(row, ix, "activitePrincipaleEtablissement")[:6] or None,
        "naf_version": _get(row, ix, "nomenclatureActivitePrincipaleEtablissement")[:12] or None,
        "legal_form": None,
        "headcount_band": (_get(row, ix, "trancheEffectifsEtablissement")[:2] or None),
        "street": _street(row, ix),
        "postal_code": _get(row, ix, "codePostalEtablissement")[:10] or None,
        "city": _get(row, ix, "libelleCommuneEtablissement")[:80] or None,
        "commune_insee": (current_insee(code) or code)[:5] or None,
        "is_headquarters": _get(row, ix, "etablissementSiege").lower() == "true",
        "active": active,
        "created_on": _date(_get(row, ix, "dateCreationEtablissement")),
    }


@dataclass
class ScanCounts:
    read: int = 0
    kept: int = 0
    closed: int = 0
    non_diffusible: int = 0


def scan_establishments(
    path: Path,
    wanted: SireneFilter,
    write: Callable[[list[dict[str, Any]], list[str]], None],
    *,
    check: Check,
    progress: Progress,
    batch_size: int = 5000,
) -> ScanCounts:
    """Stream StockEtablissement; ``write(records, closed_sirets)`` receives each batch."""
    counts = ScanCounts()
    keep = wanted.matcher()
    with open_stock(path) as (reader, counter, size):
        header = next(reader, None)
        if header is None:
            raise FileRefused(f"Le fichier « {path.name} » est vide.")
        ix = _columns(header, ("siret", "codeCommuneEtablissement"), "StockEtablissement", path)
        commune_at = ix["codeCommuneEtablissement"]
        state_at = ix.get("etatAdministratifEtablissement")
        diffusion_at = ix.get("statutDiffusionEtablissement")
        records: list[dict[str, Any]] = []
        closed: list[str] = []
        for row in reader:
            counts.read += 1
            if counts.read % CHECK_EVERY == 0:
                check()
                progress(counter.count >> 10, max(size >> 10, 1))
            if len(row) <= commune_at or not keep(row[commune_at]):
                continue
            if diffusion_at is not None and row[diffusion_at] != "O":
                counts.non_diffusible += 1
                continue
            active = state_at is None or row[state_at] != "F"
            if not active:
                counts.closed += 1
                if not wanted.include_closed:
                    closed.append(_get(row, ix, "siret"))
                    continue
            records.append(establishment_record(row, ix, active))
            counts.kept += 1
            if len(records) >= batch_size or len(closed) >= batch_size:
                write(records, closed)
                records, closed = [], []
        write(records, closed)
        progress(max(size >> 10, 1), max(size >> 10, 1))
    return counts


@dataclass(frozen=True)
class LegalUnit:
    name: str | None
    legal_form: str | None
    diffusible: bool


def unit_name(row: list[str], ix: dict[str, int]) -> str | None:
    name = _get(row, ix, "denominationUniteLegale")
    if name:
        return name
    first = _get(row, ix, "prenomUsuelUniteLegale") or _get(row, ix, "prenom1UniteLegale")
    last = _get(row, ix, "nomUsageUniteLegale") or _get(row, ix, "nomUniteLegale")
    person = " ".join(p for p in (first, last) if p)
    return person or None


def scan_legal_units(
    path: Path, sirens: set[str], *, check: Check, progress: Progress
) -> dict[str, LegalUnit]:
    """Stream StockUniteLegale keeping only the units in ``sirens``."""
    found: dict[str, LegalUnit] = {}
    with open_stock(path) as (reader, counter, size):
        header = next(reader, None)
        if header is None:
            raise FileRefused(f"Le fichier « {path.name} » est vide.")
        ix = _columns(header, ("siren",), "StockUniteLegale", path)
        if "denominationUniteLegale" not in ix:
            raise FileRefused(
                f"« {path.name} » n'est pas un fichier StockUniteLegale de l'INSEE : "
                "colonne denominationUniteLegale absente."
            )
        siren_at = ix["siren"]
        for read, row in enumerate(reader, start=1):
            if read % CHECK_EVERY == 0:
                check()
                progress(counter.count >> 10, max(size >> 10, 1))
            if len(row) <= siren_at or row[siren_at] not in sirens:
                continue
            status = _get(row, ix, "statutDiffusionUniteLegale")
            found[row[siren_at]] = LegalUnit(
                name=unit_name(row, ix),
                legal_form=_get(row, ix, "categorieJuridiqueUniteLegale")[:4] or None,
                diffusible=status in ("", "O"),
            )
        progress(max(size >> 10, 1), max(size >> 10, 1))
    return found
