"""Importing organisations: one transaction, a plan per row, hostile rows refused clearly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from stdnum import luhn

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.importers.plan import ImportAction
from guichet.models import AuditEntry, Contact, Organization, OrganizationKind
from guichet.services.exports import export
from guichet.services.imports import OrganizationImportService, save_report

HEADERS = ["Raison sociale", "SIRET", "Adresse", "Code postal", "Ville", "Téléphone", "E-mail"]
HEADERS += ["NAF/APE", "Contact", "Fonction"]
GOOD = [
    ["Usinage Lefèbvre", "732 829 320 00074", "12 rue de la Gare", "76170", "Lillebonne",
     "02 35 12 34 56", "contact@lefebvre.fr", "25.62B", "Jean DUPONT", "Gérant"],
    ["Chaudronnerie Œuvre", "", "ZI du Malaquis", "76330", "Port-Jérôme-sur-Seine",
     "02.35.39.12.40", "", "25.11Z", "", ""],
]  # fmt: skip


def write(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    """A CSV as French Excel writes it: Windows-1252, semicolons, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def counts(db: Database) -> tuple[int, int, int]:
    with db.unit_of_work() as s:
        return (
            s.scalar(select(func.count()).select_from(Organization)) or 0,
            s.scalar(select(func.count()).select_from(Contact)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def run(db: Database, path: Path, **kwargs: object):
    service = OrganizationImportService(db)
    table = service.read(path)
    return service.run(table, service.mapping_for(table).mapping, **kwargs)  # type: ignore[arg-type]


def test_french_excel_file_is_imported_with_contacts_and_audit(
    db: Database, tmp_path: Path
) -> None:
    report = run(db, write(tmp_path / "membres.csv", GOOD), kind=OrganizationKind.MEMBER)
    assert (report.created, report.updated, report.rejected, report.contacts) == (2, 0, 0, 1)
    with db.unit_of_work() as s:
        org = s.scalars(select(Organization).where(Organization.siret == "73282932000074")).one()
        assert org.legal_name == "Usinage Lefèbvre"
        assert org.kind == OrganizationKind.MEMBER
        assert (org.siren, org.commune_insee, org.phone) == ("732829320", "76384", "+33235123456")
        assert (org.naf_code, org.naf_version, org.email) == (
            "25.62B",
            "NAFRev2",
            "contact@lefebvre.fr",
        )
        assert org.version == 1
        contact = s.scalars(select(Contact)).one()
        assert (contact.first_name, contact.last_name, contact.role) == ("Jean", "DUPONT", "Gérant")
        assert contact.organization_id == org.id
        other = s.scalars(
            select(Organization).where(
                Organization.siret.is_(None),
                Organization.kind != OrganizationKind.NETWORK,  # the network members join
            )
        ).one()
        assert other.commune_insee == "76476" and other.phone == "+33235391240"
        entries = s.scalars(select(AuditEntry).where(AuditEntry.record_id == org.id)).all()
        assert any(e.entity == "organization" and e.action.value == "insert" for e in entries)


def test_second_import_updates_by_siret_or_name_and_commune(db: Database, tmp_path: Path) -> None:
    run(db, write(tmp_path / "a.csv", GOOD))
    changed = [list(GOOD[0]), list(GOOD[1])]
    changed[0][5] = "02 35 99 99 99"
    changed[1][0] = "CHAUDRONNERIE OEUVRE SAS"  # same name once normalized, same commune
    changed[1][6] = "accueil@oeuvre.fr"
    report = run(db, write(tmp_path / "b.csv", changed))
    assert (report.created, report.updated) == (0, 2)
    reasons = {r.line: r.reason for r in report.rows}
    assert "Téléphone" in reasons[2] and "E-mail" in reasons[3]
    with db.unit_of_work() as s:
        org = s.scalars(select(Organization).where(Organization.siret == "73282932000074")).one()
        assert org.phone == "+33235999999" and org.version == 2
        log = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id == org.id, AuditEntry.field == "phone")
        ).one()
        assert (log.old_value, log.new_value) == ("+33235123456", "+33235999999")
    again = run(db, write(tmp_path / "c.csv", changed))
    assert (again.updated, again.skipped) == (0, 2)
    assert {r.reason for r in again.rows} == {"Déjà à jour."}


HOSTILE = {
    "formule =": (["=HYPERLINK(\"http://x.invalid\";\"clic\")", "", "", "76170", "Lillebonne", "", "", "", "", ""], "formule"),
    "formule +": (["+cmd|' /C calc'!A0", "", "", "", "", "", "", "", "", ""], "formule"),
    "formule -": (["Usinage", "", "-2+3+cmd|' /C calc'!A0", "", "", "", "", "", "", ""], "formule"),
    "formule @": (["@SUM(1+1)*cmd|' /C calc'!A0", "", "", "", "", "", "", "", "", ""], "formule"),
    "cellule de 30 000 caractères": (["x" * 30_000, "", "", "", "", "", "", "", "", ""], "trop long"),
    "SIRET faux": (["Usinage Faux", "732 829 320 00075", "", "", "", "", "", "", "", ""], "n'est pas valide"),
    "SIRET trop court": (["Usinage Court", "12345", "", "", "", "", "", "", "", ""], "14 chiffres"),
    "ligne décalée": (["Usinage", "", "", "76170", "Lillebonne", "", "", "", "", "", "en trop"], "cellules"),
    "sans nom": (["", "732 829 320 00074", "", "", "", "", "", "", "", ""], "raison sociale est vide"),
}  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_rows_are_rejected_with_a_reason_and_nothing_else_changes(
    db: Database, tmp_path: Path, case: str
) -> None:
    row, message = HOSTILE[case]
    report = run(db, write(tmp_path / "hostile.csv", [GOOD[1], row]))
    rejected = [r for r in report.rows if r.action == ImportAction.REJECT]
    assert len(rejected) == 1 and rejected[0].line == 3
    assert message in rejected[0].reason
    with db.unit_of_work() as s:
        names = s.scalars(select(Organization.legal_name)).all()
    assert names == ["Chaudronnerie Œuvre"]


def test_duplicated_rows_within_the_file_are_skipped(db: Database, tmp_path: Path) -> None:
    report = run(db, write(tmp_path / "doublons.csv", [GOOD[0], GOOD[1], GOOD[0], GOOD[1]]))
    assert (report.created, report.skipped) == (2, 2)
    assert [r.reason for r in report.rows[2:]] == [
        "Doublon de la ligne 2 du fichier.",
        "Doublon de la ligne 3 du fichier.",
    ]
    assert counts(db)[0] == 2


def test_doubtful_values_are_left_out_with_a_warning(db: Database, tmp_path: Path) -> None:
    row = ["Soudure", "", "", "76000", "Lillebonne", "12", "pas-un-mail", "99.99Z", "", ""]
    report = run(db, write(tmp_path / "doute.csv", [row]))
    (planned,) = report.rows
    assert planned.action == ImportAction.CREATE
    for part in ("Numéro de téléphone invalide", "Adresse e-mail invalide", "99.99Z", "76000"):
        assert part in planned.reason
    with db.unit_of_work() as s:
        org = s.scalars(select(Organization)).one()
        assert (org.phone, org.email, org.naf_code, org.commune_insee) == (
            None,
            None,
            None,
            "76384",
        )


def test_a_cancelled_import_changes_nothing(db: Database, tmp_path: Path) -> None:
    before = counts(db)
    calls = {"n": 0}

    def check() -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("annulé")

    with pytest.raises(KeyboardInterrupt):
        run(db, write(tmp_path / "a.csv", GOOD), check=check)
    assert counts(db) == before


def test_a_failed_import_changes_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import guichet.importers.commit as commit

    def broken(*_args: object) -> int:
        raise OSError("disque plein")

    monkeypatch.setattr(commit.PlanWriter, "finish", broken)
    before = counts(db)
    with pytest.raises(OSError):
        run(db, write(tmp_path / "a.csv", GOOD))
    assert counts(db) == before


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    report = run(db, write(tmp_path / "a.csv", GOOD), dry_run=True)
    assert report.created == 2 and report.dry_run
    assert "seraient" in report.summary
    assert counts(db)[0] == 0


def test_mapping_is_remembered_for_the_next_file_of_the_same_shape(
    db: Database, tmp_path: Path
) -> None:
    service = OrganizationImportService(db)
    headers = ["Nom", "Numéro", "Ville"]
    table = service.read(
        write(tmp_path / "a.csv", [["Usinage", "732 829 320 00074", "Bolbec"]], headers)
    )
    first = service.mapping_for(table)
    assert not first.remembered and first.mapping[1] is None
    chosen = ("legal_name", "siret", "city")
    service.run(table, chosen)
    later = service.read(write(tmp_path / "b.csv", [["Soudure", "", "Fécamp"]], headers))
    assert service.mapping_for(later).mapping == chosen
    assert service.mapping_for(later).remembered


def test_a_mapping_without_the_name_or_with_a_field_twice_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="Raison sociale"):
        OrganizationImportService.check_mapping((None, "city"))
    with pytest.raises(ValidationError, match="même champ"):
        OrganizationImportService.check_mapping(("legal_name", "city", "city"))


def test_report_can_be_saved(db: Database, tmp_path: Path) -> None:
    report = run(db, write(tmp_path / "a.csv", [*GOOD, HOSTILE["formule ="][0]]))
    path = save_report(report, tmp_path / "rapport.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == '"Ligne";"Action";"Raison sociale";"SIRET";"Ville";"Motif"'
    assert "Rejeter" in text and "formule" in text


def test_export_then_import_gives_the_same_records(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    fields = ("legal_name", "trade_name", "siret", "siren", "naf_code", "address_street",
              "postal_code", "city", "commune_insee", "phone", "email", "website", "description")  # fmt: skip

    def records(database: Database) -> list[tuple[object, ...]]:
        with database.unit_of_work() as s:
            rows = s.scalars(select(Organization)).all()
            return sorted(tuple(getattr(o, f) for f in fields) for o in rows)

    path = tmp_path / "annuaire.xlsx"
    export(demo_db, "organisations", path)
    report = run(db, path)
    assert report.rejected == 0, [r.reason for r in report.rows if r.reason][:3]
    assert records(db) == records(demo_db)
    csv_path = tmp_path / "annuaire.csv"
    export(demo_db, "organisations", csv_path)
    assert run(db, csv_path).created == 0


def test_import_and_sirene_upsert_work_on_sqlite_and_postgresql(
    portable_db: Database, tmp_path: Path
) -> None:
    from guichet.services.sirene_import import departement_filter, import_sirene

    report = run(portable_db, write(tmp_path / "membres.csv", GOOD))
    assert (report.created, report.contacts) == (2, 1)
    assert counts(portable_db)[:2] == (2, 1)
    again = run(
        portable_db,
        write(tmp_path / "membres2.csv", [[*GOOD[0][:5], "02 35 00 00 01", *GOOD[0][6:]]]),
    )
    assert again.updated == 1
    sample = Path(__file__).resolve().parents[1] / "data" / "sirene_sample"
    stock = sample / "StockEtablissement_utf8_sample.csv"
    units = sample / "StockUniteLegale_utf8_sample.csv"
    for _ in range(2):  # the second run updates the same rows in place
        sirene = import_sirene(portable_db, stock, departement_filter("80"), legal_units=units)
        assert sirene.kept == 7


def test_a_siret_whose_siren_key_is_wrong_is_rejected(
    portable_db: Database, tmp_path: Path
) -> None:
    # 732 829 321 is not a valid SIREN (732 829 320 is); the 14-digit key below is right.
    head = "732829321" + "0007"
    siret = head + next(d for d in "0123456789" if luhn.is_valid(head + d))
    row = ["Usinage Faux", siret, "", "76170", "Lillebonne", "", "", "", "", ""]
    report = run(portable_db, write(tmp_path / "siret.csv", [row]))
    assert (report.created, report.rejected) == (0, 1)
    assert "son SIREN 732 829 321 a une clé de contrôle fausse" in report.rows[0].reason
