"""Matching lots to organizations and proposing groupements: pure functions, crafted cases and
properties (every proposal covers every requirement, with no member that adds nothing)."""

from __future__ import annotations

from datetime import date
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search.capabilities import Thesaurus as CapabilityTree
from guichet.services.groupement_proposals import (
    is_minimal_cover,
    masks,
    propose_groupements,
    requirements_of,
)
from guichet.services.opportunity_matching import (
    Candidate,
    History,
    LotNeed,
    Thesaurus,
    headcount_fit,
    match_lot,
)

# A small tree: 1 Soudure > 2 TIG, 3 MIG; 4 Chaudronnerie > 5 Tuyauterie; 6 Câblage; 7 Injection
TREE = [
    (1, None, "Soudure", "soudage"),
    (2, 1, "TIG", None),
    (3, 1, "MIG/MAG", None),
    (4, None, "Chaudronnerie", None),
    (5, 4, "Tuyauterie", None),
    (6, None, "Câblage", None),
    (7, None, "Injection", None),
]
THESAURUS = Thesaurus(CapabilityTree(TREE), {10: "ISO 3834", 11: "MASE"})


def org(
    oid: int,
    caps: set[int],
    certs: set[int] | None = None,
    *,
    territory: bool = True,
    commune: str = "76384",
    epci: str = "200010700",
    member: bool = True,
    headcount: str | None = "11",
) -> Candidate:
    return Candidate(
        oid,
        f"Entreprise {oid}",
        member,
        frozenset(caps),
        frozenset(certs or ()),
        commune,
        epci,
        territory,
        headcount,
    )


def lot(caps: set[int], certs: set[int] | None = None, number: int = 1, **bands: str) -> LotNeed:
    return LotNeed(
        number * 100,
        number,
        f"Lot {number}",
        frozenset(caps),
        frozenset(certs or ()),
        bands.get("low"),
        bands.get("high"),
    )


def test_a_parent_requirement_accepts_its_children_and_prefers_the_exact_one() -> None:
    matches = match_lot(lot({1}), [org(1, {2}), org(2, {1}), org(3, {6})], THESAURUS)
    assert [m.organization_id for m in matches] == [2, 1]
    assert "Soudure (par « TIG »)" in matches[1].reasons


def test_a_child_requirement_is_not_met_by_the_parent_alone() -> None:
    assert match_lot(lot({2}), [org(1, {1}), org(2, {3})], THESAURUS) == []


def test_every_required_certification_is_needed() -> None:
    matches = match_lot(lot({5}, {10}), [org(1, {5}), org(2, {5}, {10, 11})], THESAURUS)
    assert [m.organization_id for m in matches] == [2]
    assert "certifié ISO 3834" in matches[0].reasons


def test_territory_headcount_and_past_answers_rank_and_explain() -> None:
    history = History(answered_capabilities={3: {5: 2}}, declined_buyer={4: date(2026, 9, 1)})
    candidates = [
        org(1, {5}, territory=False),
        org(2, {5}, headcount="42"),
        org(3, {5}),
        org(4, {5}),
        org(5, {5}, member=False),
    ]
    matches = match_lot(lot({5}, low="11", high="22"), candidates, THESAURUS, history)
    assert [m.organization_id for m in matches] == [3, 4, 1, 2, 5]
    by_id = {m.organization_id: m for m in matches}
    assert "a déjà répondu à 2 lot(s) semblable(s)" in by_id[3].reasons
    assert "hors territoire" in by_id[1].reasons
    assert any("hors de la tranche" in r for r in by_id[2].reasons)
    assert by_id[4].declined_buyer_on == date(2026, 9, 1)
    assert "a décliné une opportunité de cet acheteur le 01/09/2026" in by_id[4].reasons
    assert "hors réseau (annuaire)" in by_id[5].reasons


def test_headcount_fit_is_unknown_without_a_band() -> None:
    assert headcount_fit("11", None, None) is None
    assert headcount_fit("NN", "11", None) is None
    assert headcount_fit("21", "11", "22") is True
    assert headcount_fit("03", "11", None) is False


def test_the_best_groupement_of_a_crafted_case() -> None:
    need = lot({5, 6, 7}, {10})
    candidates = [
        org(1, {5}, {10}, commune="76384"),  # piping with the welding certificate
        org(2, {6, 7}, commune="76384"),  # same commune as 1: the best partner
        org(3, {6, 7}, territory=False, commune="76540", epci="200023414"),
        org(4, {6}),
        org(5, {7}),
        org(6, {5}),  # piping without the certificate
        org(7, {5, 6}, {10}, territory=False, commune="76351", epci="200084952"),
    ]
    assert match_lot(need, candidates, THESAURUS) == []
    proposals = propose_groupements([need], candidates, THESAURUS)
    assert proposals[0].organization_ids == (1, 2)
    assert "Entreprise 1 et Entreprise 2 : même commune" in proposals[0].reasons
    brings = {c.organization_id: c.brings for c in proposals[0].members}
    assert brings == {1: ("Tuyauterie", "ISO 3834"), 2: ("Câblage", "Injection")}
    proposed = {frozenset(p.organization_ids) for p in proposals}
    assert frozenset({1, 2, 4}) not in proposed  # 4 would add nothing
    assert frozenset({1, 4, 5}) in proposed or len(proposals) == 5


def test_having_worked_together_decides_between_equal_pairs() -> None:
    need = lot({5, 6})
    candidates = [org(1, {5}), org(2, {6}), org(3, {5}), org(4, {6})]
    history = History(worked_together=frozenset({frozenset({3, 4})}))
    best = propose_groupements([need], candidates, THESAURUS, history)[0]
    assert set(best.organization_ids) == {3, 4}
    assert "Entreprise 3 et Entreprise 4 ont déjà travaillé ensemble" in best.reasons


def test_a_whole_opportunity_groupement_says_who_does_which_lot() -> None:
    needs = [lot({5}, {10}, number=1), lot({6}, number=2), lot({7}, number=3)]
    candidates = [org(1, {5}, {10}), org(2, {6, 7}), org(3, {6})]
    best = propose_groupements(needs, candidates, THESAURUS)[0]
    assert {c.organization_id: c.lot_numbers for c in best.members} == {1: (1,), 2: (2, 3)}


CAPS = st.frozensets(st.sampled_from([1, 2, 3, 5, 6, 7]), max_size=4)
CERTS = st.frozensets(st.sampled_from([10, 11]), max_size=2)


@settings(max_examples=150, deadline=None)
@given(
    needs=st.lists(st.tuples(CAPS, CERTS), min_size=1, max_size=3),
    pool=st.lists(st.tuples(CAPS, CERTS, st.booleans()), min_size=0, max_size=8),
)
def test_proposals_cover_everything_with_no_useless_member(
    needs: list[tuple[frozenset[int], frozenset[int]]],
    pool: list[tuple[frozenset[int], frozenset[int], bool]],
) -> None:
    lots = [lot(set(c), set(z), number=i + 1) for i, (c, z) in enumerate(needs)]
    candidates = [
        org(i + 1, set(c), set(z), territory=t, commune=f"76{i:03d}")
        for i, (c, z, t) in enumerate(pool)
    ]
    requirements = requirements_of(lots)
    full = (1 << len(requirements)) - 1
    mask_of = masks(requirements, candidates, THESAURUS)
    proposals = propose_groupements(lots, candidates, THESAURUS)
    for proposal in proposals:
        ids = proposal.organization_ids
        assert 2 <= len(ids) <= 3 and len(set(ids)) == len(ids)
        assert is_minimal_cover([mask_of[i] for i in ids], full)
    if not requirements:
        assert proposals == []
        return
    some_pair = any(
        is_minimal_cover([mask_of.get(a.id, 0), mask_of.get(b.id, 0)], full)
        for a, b in combinations(candidates, 2)
    )
    if some_pair:  # few candidates: nothing is pruned, so a cover is always found
        assert proposals
