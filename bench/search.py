"""Directory search: latency of every keystroke on 500,000 organizations, against LIKE.

Generates ``BENCH_ORGS`` organizations (default 500,000) with French names, communes of
Seine-Maritime, descriptions, contacts and capabilities into a temporary SQLite file, builds the
search index (timed), then replays 300 queries typed letter by letter (one to three words,
one- and two-letter prefixes included) through ``DirectorySearch.search`` and measures every
keystroke. The baseline runs the same keystrokes as ``LIKE '%word%'`` over names, city and
description, on an evenly spread sample (a full scan per keystroke would take an hour).
Peak memory is the process's ``ru_maxrss`` (generation included). The last line is JSON.

``--engine postgresql`` also loads the same organizations into a throw-away PostgreSQL server
(:mod:`guichet.db.local_cluster`, private socket), builds its index, replays the same keystrokes
there, and runs the ``LIKE`` baseline on PostgreSQL (``lower(column) LIKE``, what the
PostgreSQL search was before); its JSON line adds ``engine`` and SQLite's p95 of the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text

from guichet.db import Database
from guichet.db.local_cluster import temporary_server
from guichet.reference.communes import Commune, all_communes
from guichet.reference.identifiers import generate_siret
from guichet.search import DirectorySearch
from guichet.search.normalize import parse_query
from guichet.services import seed_data
from guichet.services.bootstrap import open_database
from guichet.services.demo import names, trades

ORGS = int(os.environ.get("BENCH_ORGS", "500000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))
BASELINE_SAMPLE = int(os.environ.get("BENCH_BASELINE_SAMPLE", "120"))
CHUNK = 20_000
SEED = 20261120

TRADE_WORDS = [w for f in trades.MEMBER_FAMILIES for w in f.words] + [
    a.word for a in trades.COMPANY_ACTIVITIES
]
FORMS = ["SARL", "SAS", "SA", "EURL", "SASU", ""]
PHRASES = [
    "pièces unitaires et petites séries",
    "sous-traitance industrielle pour la pétrochimie",
    "intervention sur site et en atelier",
    "bureau d'études intégré",
    "clients dans l'aéronautique et le nucléaire",
    "parc machines récent, équipe qualifiée",
    "délais courts, réactivité",
    "entreprise familiale depuis trois générations",
]


def _name(rng: random.Random) -> str:
    family = rng.choice(names.LAST_NAMES)
    trade = rng.choice(TRADE_WORDS)
    pattern = rng.random()
    if pattern < 0.4:
        name = f"{trade} {family}"
    elif pattern < 0.7:
        name = f"{family} {trade}"
    elif pattern < 0.85:
        name = f"{trade} de {rng.choice(names.REGION_WORDS)}"
    else:
        name = f"{family} et {rng.choice(names.LAST_NAMES)}"
    form = rng.choice(FORMS)
    return f"{name} {form}".strip()


def _generate(
    rng: random.Random, capabilities: list[int], communes: list[Commune]
) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[int, int]], list[tuple[object, ...]]]]:
    sirets: set[str] = set()
    kinds = ["company"] * 8 + ["member", "partner"]
    for start in range(1, ORGS + 1, CHUNK):
        orgs: list[tuple[object, ...]] = []
        links: list[tuple[int, int]] = []
        contacts: list[tuple[object, ...]] = []
        for org_id in range(start, min(start + CHUNK, ORGS + 1)):
            siret = generate_siret(rng)
            while siret in sirets:
                siret = generate_siret(rng)
            sirets.add(siret)
            place = rng.choice(communes)
            trade = rng.choice(TRADE_WORDS)
            description = f"{trade} à {place.name} : {rng.choice(PHRASES)}, {rng.choice(PHRASES)}."
            orgs.append(
                (
                    org_id,
                    rng.choice(kinds),
                    _name(rng),
                    siret[:9],
                    siret,
                    place.postal_codes[0] if place.postal_codes else None,
                    place.name.upper(),
                    place.insee,
                    description,
                    rng.choice(["00", "01", "02", "03", "11", "12", "21"]),
                )
            )
            for cap in rng.sample(capabilities, rng.randint(0, 3)):
                links.append((org_id, cap))
            if rng.random() < 0.6:
                first = rng.choice(names.FEMALE_FIRST_NAMES + names.MALE_FIRST_NAMES)
                contacts.append((org_id, first, rng.choice(names.LAST_NAMES)))
        yield orgs, links, contacts


def build(path: Path) -> tuple[Database, DirectorySearch, float, float]:
    db = open_database(f"sqlite:///{path}", create=True)
    rng = random.Random(SEED)
    communes = all_communes()
    start = time.perf_counter()
    with db.engine.begin() as conn:
        capabilities = [r[0] for r in conn.exec_driver_sql("SELECT id FROM capability ORDER BY id")]
        for orgs, links, contacts in _generate(rng, capabilities, communes):
            conn.exec_driver_sql(
                "INSERT INTO organization (id, kind, legal_name, siren, siret, postal_code, city, "
                "commune_insee, description, headcount_band, do_not_refer, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)",
                orgs,
            )
            conn.exec_driver_sql(
                "INSERT INTO organization_capability (organization_id, capability_id) VALUES (?, ?)",
                links,
            )
            conn.exec_driver_sql(
                "INSERT INTO contact (organization_id, first_name, last_name, version) "
                "VALUES (?, ?, ?, 1)",
                contacts,
            )
    generated = time.perf_counter() - start
    search = DirectorySearch(db)
    start = time.perf_counter()
    search.rebuild()
    built = time.perf_counter() - start
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return db, search, generated, built


def build_postgresql(url: str) -> tuple[Database, DirectorySearch, float, float]:
    """The same organizations (same seed) copied into PostgreSQL, then indexed."""
    db = open_database(url, create=True)
    rng = random.Random(SEED)
    communes = all_communes()
    start = time.perf_counter()
    with db.engine.begin() as conn:
        capabilities = [r[0] for r in conn.exec_driver_sql("SELECT id FROM capability ORDER BY id")]
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        for orgs, links, contacts in _generate(rng, capabilities, communes):
            with cursor.copy(
                "COPY organization (id, kind, legal_name, siren, siret, postal_code, city, "
                "commune_insee, description, headcount_band, do_not_refer, version) FROM STDIN"
            ) as copy:
                for row in orgs:
                    copy.write_row((*row, False, 1))
            with cursor.copy(
                "COPY organization_capability (organization_id, capability_id) FROM STDIN"
            ) as copy:
                for link in links:
                    copy.write_row(link)
            with cursor.copy(
                "COPY contact (organization_id, first_name, last_name, version) FROM STDIN"
            ) as copy:
                for contact in contacts:
                    copy.write_row((*contact, 1))
        conn.exec_driver_sql(
            "SELECT setval('organization_id_seq', (SELECT max(id) FROM organization))"
        )
        conn.exec_driver_sql("ANALYZE")
    generated = time.perf_counter() - start
    search = DirectorySearch(db)
    start = time.perf_counter()
    search.rebuild()
    built = time.perf_counter() - start
    return db, search, generated, built


def _queries(rng: random.Random) -> list[str]:
    towns = [c.name for c in all_communes()]
    capability_words = [n.name for n, _ in seed_data.iter_capabilities()]
    pools = [names.LAST_NAMES, TRADE_WORDS, towns, capability_words]
    queries = []
    for _ in range(QUERIES):
        count = rng.choice([1, 1, 2, 2, 3])
        queries.append(" ".join(rng.choice(rng.choice(pools)) for _ in range(count)).lower())
    return queries


def _keystrokes(queries: list[str]) -> list[str]:
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def _like(db: Database, typed: str) -> None:
    tokens = parse_query(typed).tokens
    if not tokens:
        return
    columns: tuple[str, ...] = ("legal_name", "trade_name", "city", "description", "siret")
    if db.dialect == "postgresql":  # LIKE is case-sensitive there: the former PostgreSQL search
        columns = tuple(f"lower(coalesce({c}, ''))" for c in columns)
    clauses, params = [], {}
    for i, token in enumerate(tokens):
        params[f"t{i}"] = f"%{token}%"
        clauses.append("(" + " OR ".join(f"{c} LIKE :t{i}" for c in columns) + ")")
    with db.engine.connect() as conn:
        conn.execute(
            text(
                "SELECT id, legal_name, city FROM organization WHERE "
                + " AND ".join(clauses)
                + " ORDER BY legal_name LIMIT 50"
            ),
            params,
        ).all()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description="Directory search latency per keystroke.")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--chiffre", action="store_true", help="also on an encrypted copy (SQLCipher)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="guichet-bench-search-"))
    try:
        run(folder, args.engine, encrypted=args.chiffre)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _replay(search: DirectorySearch, keystrokes: list[str]) -> list[float]:
    for typed in keystrokes[:50]:  # warm the caches
        search.search(typed)
    timings = []
    for typed in keystrokes:
        start = time.perf_counter()
        search.search(typed)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _baseline(db: Database, sample: list[str]) -> list[float]:
    timings = []
    for typed in sample:
        start = time.perf_counter()
        _like(db, typed)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _encrypted_run(plain: Path, keystrokes: list[str]) -> list[float]:
    """The same keystrokes on an encrypted copy of the same file (SQLCipher)."""
    from guichet.db import cipher

    copy = plain.with_name("chiffree.sqlite3")
    shutil.copyfile(plain, copy)
    cipher.encrypt_file(copy, "phrase de passe du banc d'essai")
    db = Database(f"sqlite:///{copy}")
    try:
        return _replay(DirectorySearch(db), keystrokes)
    finally:
        db.dispose()


def run(folder: Path, engine: str = "sqlite", *, encrypted: bool = False) -> None:
    db, search, generated, built = build(folder / "bench.sqlite3")
    keystrokes = _keystrokes(_queries(random.Random(SEED + 1)))
    ours = _replay(search, keystrokes)
    step = max(1, len(keystrokes) // BASELINE_SAMPLE)
    sample = keystrokes[::step][:BASELINE_SAMPLE]
    baseline = _baseline(db, sample)
    db.dispose()
    ours_on_sample = [ours[i] for i in range(0, len(keystrokes), step)][: len(sample)]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = (folder / "bench.sqlite3").stat().st_size / 1e6
    p50, p95, p99 = (_percentile(ours, s) for s in (0.5, 0.95, 0.99))
    base_p95 = _percentile(baseline, 0.95)
    print(
        f"organizations         : {ORGS:,} (generated in {generated:.1f} s, file {size_mb:.0f} MB)"
    )
    print(f"index build           : {built:.1f} s")
    print(f"keystrokes measured   : {len(ours)} ({QUERIES} queries typed letter by letter)")
    print(
        f"FTS5 search           : p50 {p50:.2f} ms  p95 {p95:.2f} ms  p99 {p99:.2f} ms  max {max(ours):.1f} ms"
    )
    print(
        f"LIKE baseline         : p50 {statistics.median(baseline):.1f} ms  p95 {base_p95:.1f} ms "
        f"(sample of {len(sample)} keystrokes, every {step}th; FTS5 on the same sample: "
        f"p95 {_percentile(ours_on_sample, 0.95):.2f} ms)"
    )
    print(f"peak memory           : {peak_mb:.0f} MB (ru_maxrss of the whole process)")
    figures: dict[str, object] = {
        "engine": "sqlite",
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(p99, 2),
        "baseline_p95_ms": round(base_p95, 1),
        "ratio": round(base_p95 / p95, 1),
        "build_s": round(built, 1),
        "peak_mb": round(peak_mb),
        "orgs": ORGS,
        "keystrokes": len(ours),
        "baseline_keystrokes": len(sample),
    }
    if encrypted:
        coded = _encrypted_run(folder / "bench.sqlite3", keystrokes)
        c50, c95 = (_percentile(coded, s) for s in (0.5, 0.95))
        print(
            f"FTS5 search, encrypted: p50 {c50:.2f} ms  p95 {c95:.2f} ms "
            f"({c95 / p95:.2f}× the plain file's p95, same keystrokes)"
        )
        figures["chiffre"] = {
            "p50_ms": round(c50, 2),
            "p95_ms": round(c95, 2),
            "ratio_p95": round(c95 / p95, 2),
        }
    if engine == "postgresql":
        figures = run_postgresql(folder, keystrokes, sample, p95)
    print(json.dumps(figures))


def run_postgresql(
    folder: Path, keystrokes: list[str], sample: list[str], sqlite_p95: float
) -> dict[str, object]:
    """The same keystrokes on the same organizations in a throw-away PostgreSQL server."""
    # A server's memory as an agency's would be set (PostgreSQL's default is 128 MB, under the
    # 480 MB of index rows): the SQLite file is read through the system's cache anyway.
    with temporary_server(settings=(("shared_buffers", "1GB"),)) as cluster:
        db, search, generated, built = build_postgresql(cluster.create_database("bench"))
        ours = _replay(search, keystrokes)
        baseline = _baseline(db, sample)
        db.dispose()
    p50, p95, p99 = (_percentile(ours, s) for s in (0.5, 0.95, 0.99))
    base_p95 = _percentile(baseline, 0.95)
    print(f"PostgreSQL load       : {generated:.1f} s (COPY), index build {built:.1f} s")
    print(
        f"PostgreSQL search     : p50 {p50:.2f} ms  p95 {p95:.2f} ms  p99 {p99:.2f} ms  "
        f"max {max(ours):.1f} ms ({p95 / sqlite_p95:.2f}× SQLite's p95 of this run)"
    )
    print(
        f"PostgreSQL LIKE       : p50 {statistics.median(baseline):.1f} ms  p95 {base_p95:.1f} ms "
        f"(same {len(sample)} keystrokes)"
    )
    return {
        "engine": "postgresql",
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(p99, 2),
        "sqlite_p95_ms": round(sqlite_p95, 2),
        "vs_sqlite": round(p95 / sqlite_p95, 2),
        "baseline_p95_ms": round(base_p95, 1),
        "ratio": round(base_p95 / p95, 1),
        "build_s": round(built, 1),
        "orgs": ORGS,
        "keystrokes": len(ours),
        "baseline_keystrokes": len(sample),
    }


if __name__ == "__main__":
    main()
