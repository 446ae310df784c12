"""Import throughput and SIRENE filtering, each next to a baseline measured in the same run.

1. A 200,000-row organisation CSV (Windows-1252, ``;``, as French Excel writes it) through the
   real import (read, check every row, plan, one transaction of bulk inserts with the audit
   trail), against a raw ``sqlite3`` ``executemany`` of the same rows into the same table.
   Goals: ≥ 50,000 rows/s and within 3× of the raw insert.
2. A 1,000,000-row synthetic StockEtablissement file (the real header) filtered to the
   territory, in a child process whose peak RSS is reported. Goal: ≤ 30 s, flat memory.
   Baseline: the same file read with a bare ``csv.reader`` loop.

``BENCH_ROWS`` scales both down for a quick run (the SIRENE file gets 5× that many rows). The
last line is JSON.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from guichet.reference.communes import commune, territory_insee_codes
from guichet.reference.identifiers import generate_siret

ROWS = int(os.environ.get("BENCH_ROWS", "200000"))
SIRENE_ROWS = int(os.environ.get("BENCH_SIRENE_ROWS", str(ROWS * 5)))
SAMPLE = Path(__file__).resolve().parents[1] / "tests/data/sirene_sample"
HEADERS = ["Raison sociale", "SIRET", "Adresse", "Code postal", "Ville", "Téléphone", "E-mail"]
HEADERS += ["NAF/APE", "Site"]


def make_csv(path: Path, rows: int) -> None:
    rng = random.Random(5)
    places = [commune(code) for code in sorted(territory_insee_codes())]
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for i in range(rows):
            place = places[i % len(places)]
            assert place is not None
            writer.writerow(
                [
                    f"Société {i:06d} Mécanique Générale",
                    generate_siret(rng),
                    f"{rng.randint(1, 200)} rue de l'Église",
                    place.postal_codes[0],
                    place.name,
                    f"02 35 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    f"contact{i}@societe-{i}.fr",
                    "25.62B",
                    f"https://www.societe-{i}.fr",
                ]
            )


def measure_import(work: Path, source: Path) -> tuple[float, float]:
    from guichet.services.bootstrap import open_database
    from guichet.services.imports import OrganizationImportService
    from guichet.services.settings import SettingsService

    db = open_database(f"sqlite:///{work / 'import.sqlite3'}", create=True)
    # 200,000 rows hold more data than an import accepts by default (48 MB): raise the limit.
    SettingsService(db).update({"import.max_megabytes": 1000})
    service = OrganizationImportService(db)
    start = time.perf_counter()
    table = service.read(source)
    mapping = service.mapping_for(table).mapping
    report = service.run(table, mapping)
    elapsed = time.perf_counter() - start
    assert report.created == ROWS, report.summary

    # Baseline: the rows the import wrote, inserted again with a bare executemany.
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT kind, legal_name, siret, siren, address_street, postal_code, city, "
            "commune_insee, phone, email, naf_code, naf_version, website, version, "
            "do_not_refer FROM organization"
        ).all()
    db.dispose()
    raw_path = work / "raw.sqlite3"
    raw_db = open_database(f"sqlite:///{raw_path}", create=True)
    raw_db.dispose()
    raw = sqlite3.connect(raw_path)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    with raw:
        raw.executemany(
            "INSERT INTO organization (kind, legal_name, siret, siren, address_street, "
            "postal_code, city, commune_insee, phone, email, naf_code, naf_version, website, "
            "version, do_not_refer) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [tuple(r) for r in rows],
        )
    baseline = time.perf_counter() - start
    raw.close()
    return elapsed, baseline


def make_stock(path: Path, rows: int) -> None:
    with (SAMPLE / "StockEtablissement_utf8_sample.csv").open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        templates = list(reader)
    at = header.index("codeCommuneEtablissement")
    siret_at, siren_at = header.index("siret"), header.index("siren")
    territory = sorted(territory_insee_codes())
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            row = list(templates[i % len(templates)])
            siret = generate_siret(rng) if i % 50 == 0 else f"{i:014d}"
            row[siret_at], row[siren_at] = siret, siret[:9]
            if i % 100 == 0:  # 1 % on the territory, the rest elsewhere in France
                row[at] = territory[i % len(territory)]
            writer.writerow(row)


CHILD = """
import json, resource, sys, time
from pathlib import Path
from guichet.services.bootstrap import open_database
from guichet.services.sirene_import import import_sirene, territory_filter
db = open_database(sys.argv[2], create=True)
start = time.perf_counter()
report = import_sirene(db, Path(sys.argv[1]), territory_filter(db))
elapsed = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"s": elapsed, "peak_mb": peak, "kept": report.kept, "read": report.read}))
"""

BARE = """
import csv, resource, sys, time, json
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    count = sum(1 for _ in csv.reader(handle))
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"s": time.perf_counter() - start, "peak_mb": peak, "rows": count}))
"""


def measure_sirene(work: Path, stock: Path) -> tuple[dict, dict]:
    env = {**os.environ, "GUICHET_HOME": str(work / "home")}
    url = f"sqlite:///{work / 'sirene.sqlite3'}"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(stock), url],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    bare = subprocess.run(
        [sys.executable, "-c", BARE, str(stock)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.splitlines()[-1]), json.loads(bare.stdout.splitlines()[-1])


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="guichet-bench-import-"))
    os.environ.setdefault("GUICHET_HOME", str(work / "home"))
    source = work / "organisations.csv"
    make_csv(source, ROWS)
    elapsed, baseline = measure_import(work, source)
    rows_per_s = ROWS / elapsed
    baseline_rows_per_s = ROWS / baseline
    print(f"import  : {ROWS:,} lignes en {elapsed:.2f} s = {rows_per_s:,.0f} lignes/s")
    print(f"témoin  : executemany sqlite3 brut = {baseline_rows_per_s:,.0f} lignes/s")
    print(f"rapport : {elapsed / baseline:.2f}× le témoin (objectif ≤ 3×, ≥ 50 000 lignes/s)")
    stock = work / "StockEtablissement.csv"
    make_stock(stock, SIRENE_ROWS)
    sirene, bare = measure_sirene(work, stock)
    print(
        f"SIRENE  : {sirene['read']:,} établissements filtrés en {sirene['s']:.1f} s, "
        f"{sirene['kept']:,} gardés, mémoire max {sirene['peak_mb']:.0f} Mo "
        f"(témoin csv.reader seul : {bare['s']:.1f} s, {bare['peak_mb']:.0f} Mo)"
    )
    print(
        json.dumps(
            {
                "rows": ROWS,
                "rows_per_s": round(rows_per_s),
                "baseline_rows_per_s": round(baseline_rows_per_s),
                "ratio": round(elapsed / baseline, 2),
                "sirene_rows": sirene["read"],
                "sirene_s": round(sirene["s"], 2),
                "sirene_peak_mb": round(sirene["peak_mb"], 1),
                "sirene_baseline_s": round(bare["s"], 2),
                "sirene_baseline_peak_mb": round(bare["peak_mb"], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
