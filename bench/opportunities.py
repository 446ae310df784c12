"""Opportunity matching: the answer for 5 lots over 10,000 network members, against the search.

Generates ``BENCH_MEMBERS`` organizations (default 10,000), every one an active member of the
network, each with a realistic capability set: a trade family (piping and boilermaking,
electrical, plastics, machining, maintenance, hydrogen equipment) giving two to five of its
capabilities, sometimes one of another family, and the certifications that go with the trade.
An opportunity of 5 hydrogen lots is then answered ``RUNS`` times:

- ``match_ms``: reading the candidates and the history, and ranking every lot's matches;
- ``groupements_ms``: proposing groupements for every lot and for the whole opportunity;
- ``baseline_ms``: the directory search alone (``DirectorySearch`` with the same capability,
  certification and network filters) for the same 5 lots, in the same run.

Medians of the runs. Goal: match + groupements (the whole answer) under 200 ms. Last line JSON.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from guichet.db import Database
from guichet.reference.communes import all_communes, territory_insee_codes
from guichet.search import DirectorySearch
from guichet.search.filters import SearchFilters
from guichet.services.bootstrap import open_database
from guichet.services.groupement_proposals import propose_groupements
from guichet.services.opportunities import LotInput, OpportunityInput, create_opportunity
from guichet.services.opportunity_matches import (
    find_matches,
    load_context,
    lot_needs,
)
from guichet.services.opportunity_matching import match_lot
from guichet.services.opportunity_views import load_opportunity

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SEED = 20261205
TODAY = date(2026, 12, 5)
NETWORK_ID = MEMBERS + 2  # the network (an organization of kind « réseau ») they belong to

#: trade family -> (capabilities, certifications with their likelihood)
FAMILIES: dict[str, tuple[list[str], list[tuple[str, float]]]] = {
    "piping": (
        [
            "Chaudronnerie",
            "Tuyauterie industrielle",
            "Chaudronnerie inox",
            "Tuyauterie haute pression",
            "TIG",
            "MIG/MAG",
            "Soudure orbitale",
            "Contrôle non destructif",
        ],
        [("ISO 3834", 0.5), ("ISO 9001", 0.6), ("MASE", 0.3), ("ATEX", 0.1)],
    ),
    "electrical": (
        ["Câblage", "Armoires électriques", "Test électronique", "Maintenance électrique"],
        [("ISO 9001", 0.5), ("ATEX", 0.25), ("MASE", 0.2)],
    ),
    "plastics": (
        ["Injection", "Extrusion", "Thermoformage", "Composites"],
        [("ISO 9001", 0.7), ("IATF 16949", 0.3), ("ISO 14001", 0.3)],
    ),
    "machining": (
        ["Tournage CN", "Fraisage 5 axes", "Rectification", "Mécanique de précision"],
        [("ISO 9001", 0.7), ("EN 9100", 0.25)],
    ),
    "maintenance": (
        ["Maintenance mécanique", "Arrêts techniques", "Maintenance électrique", "Robotique"],
        [("MASE", 0.6), ("ATEX", 0.3), ("ISO 45001", 0.2)],
    ),
    "hydrogen": (
        [
            "Réservoirs haute pression",
            "Électrolyseurs",
            "Tuyauterie haute pression",
            "Piles à combustible",
            "Composites",
        ],
        [("ISO 9001", 0.6), ("ATEX", 0.4), ("ISO 3834", 0.2)],
    ),
}
LOTS = [
    (
        "Tuyauterie haute pression de l'électrolyseur",
        ["Tuyauterie haute pression", "TIG"],
        ["ISO 3834"],
    ),
    (
        "Maintenance des réservoirs de stockage",
        ["Réservoirs haute pression", "Contrôle non destructif"],
        [],
    ),
    ("Câblage électrique en zone ATEX", ["Câblage", "Armoires électriques"], ["ATEX"]),
    ("Pièces plastiques injectées", ["Injection"], ["ISO 9001"]),
    ("Arrêts techniques et maintenance", ["Arrêts techniques", "Maintenance mécanique"], ["MASE"]),
]


def _ids(db: Database, table: str) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {name: i for i, name in conn.exec_driver_sql(f"SELECT id, name FROM {table}")}


def build(path: Path) -> tuple[Database, int]:
    db = open_database(f"sqlite:///{path}", create=True)
    rng = random.Random(SEED)
    caps, certs = _ids(db, "capability"), _ids(db, "certification")
    communes = [c.insee for c in all_communes()]
    territory = sorted(territory_insee_codes())
    families = list(FAMILIES)
    orgs: list[tuple[object, ...]] = []
    links: list[tuple[int, int]] = []
    cert_links: list[tuple[int, int]] = []
    memberships: list[tuple[int, str]] = []
    for oid in range(1, MEMBERS + 1):
        family = rng.choice(families)
        names, cert_odds = FAMILIES[family]
        held = set(rng.sample(names, rng.randint(2, min(5, len(names)))))
        if rng.random() < 0.25:
            held.add(rng.choice(FAMILIES[rng.choice(families)][0]))
        commune = rng.choice(territory) if rng.random() < 0.3 else rng.choice(communes)
        band = rng.choice(["01", "02", "03", "11", "12", "21", "22", "31"])
        orgs.append((oid, "member", f"Adhérent {oid:05d}", commune, band, int(rng.random() < 0.01)))
        links.extend((oid, caps[name]) for name in held)
        cert_links.extend((oid, certs[name]) for name, odds in cert_odds if rng.random() < odds)
        memberships.append((oid, "2024-01-01"))
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO organization (id, kind, legal_name, commune_insee, headcount_band, "
            "do_not_refer, version) VALUES (?, ?, ?, ?, ?, ?, 1)",
            orgs,
        )
        conn.exec_driver_sql(
            "INSERT INTO organization_capability (organization_id, capability_id) VALUES (?, ?)",
            links,
        )
        conn.exec_driver_sql(
            "INSERT INTO organization_certification (organization_id, certification_id) "
            "VALUES (?, ?)",
            cert_links,
        )
        conn.exec_driver_sql(
            "INSERT INTO organization (id, kind, legal_name, do_not_refer, version)"
            " VALUES (?, 'network', 'Sotraban', 0, 1)",
            (NETWORK_ID,),
        )
        conn.exec_driver_sql(
            "INSERT INTO membership (organization_id, network_id, start_on, status, version) "
            f"VALUES (?, {NETWORK_ID}, ?, 'member', 1)",
            memberships,
        )
        conn.exec_driver_sql(
            "INSERT INTO organization (id, kind, legal_name, commune_insee, do_not_refer, version)"
            " VALUES (?, 'company', 'Hydrogène de la Seine', '76476', 0, 1)",
            (MEMBERS + 1,),
        )
    opportunity_id = create_opportunity(
        db,
        OpportunityInput(
            title="Usine d'électrolyse de Port-Jérôme",
            received_at=datetime(2026, 12, 1, 9),
            buyer_id=MEMBERS + 1,
            commune_insee="76476",
            lots=tuple(
                LotInput(
                    i + 1,
                    title,
                    capability_ids=tuple(caps[c] for c in lot_caps),
                    certification_ids=tuple(certs[c] for c in lot_certs),
                )
                for i, (title, lot_caps, lot_certs) in enumerate(LOTS)
            ),
        ),
    )
    DirectorySearch(db).rebuild()
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return db, opportunity_id


def run(folder: Path) -> None:
    start = time.perf_counter()
    db, opportunity_id = build(folder / "bench.sqlite3")
    generated = time.perf_counter() - start
    with db.unit_of_work(write=False) as session:
        needs = lot_needs(load_opportunity(session, opportunity_id).lots)
    search = DirectorySearch(db, today=lambda: TODAY)
    filters = [
        SearchFilters(
            capability_ids=n.capabilities,
            certification_ids=n.certifications,
            network="Sotraban",
            exclude_do_not_refer=True,
        )
        for n in needs
    ]
    find_matches(db, opportunity_id, today=TODAY)  # warm the file cache
    match_ms, groupements_ms, baseline_ms, total_ms = [], [], [], []
    found = proposed = hits = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        context = load_context(
            db,
            needs,
            opportunity_id=opportunity_id,
            buyer_id=MEMBERS + 1,
            commune_insee="76476",
            today=TODAY,
        )
        matches = [match_lot(n, context.pool, context.thesaurus, context.history) for n in needs]
        middle = time.perf_counter()
        proposals = [
            propose_groupements(
                [n], context.pool, context.thesaurus, context.history, site=context.site
            )
            for n in needs
        ]
        proposals.append(
            propose_groupements(
                needs, context.pool, context.thesaurus, context.history, site=context.site
            )
        )
        end = time.perf_counter()
        match_ms.append((middle - start) * 1000)
        groupements_ms.append((end - middle) * 1000)
        found, proposed = sum(len(m) for m in matches), sum(len(p) for p in proposals)
        start = time.perf_counter()
        find_matches(db, opportunity_id, today=TODAY)
        total_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        hits = sum(search.count("", f) for f in filters)
        for f in filters:
            search.search("", f, limit=50)
        baseline_ms.append((time.perf_counter() - start) * 1000)
    match, groups = statistics.median(match_ms), statistics.median(groupements_ms)
    baseline, total = statistics.median(baseline_ms), statistics.median(total_ms)
    print(f"members               : {MEMBERS:,} (generated and indexed in {generated:.1f} s)")
    print(f"lots                  : {len(needs)}; {found} matches, {proposed} groupements proposed")
    print(f"match                 : {match:.1f} ms (read + rank, median of {RUNS})")
    print(f"groupements           : {groups:.1f} ms (every lot, and the whole opportunity)")
    print(
        f"whole answer          : {match + groups:.1f} ms (goal < 200 ms); find_matches as the app calls it: {total:.1f} ms"
    )
    print(
        f"directory search      : {baseline:.1f} ms (the same 5 lots as filters: count + first page; {hits} hits)"
    )
    print(
        json.dumps(
            {
                "match_ms": round(match, 1),
                "groupements_ms": round(groups, 1),
                "baseline_ms": round(baseline, 1),
                "total_ms": round(total, 1),
                "members": MEMBERS,
            }
        )
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="guichet-bench-opportunities-"))
    try:
        run(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
