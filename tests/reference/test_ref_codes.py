"""Headcount bands and legal categories."""

from __future__ import annotations

from guichet.reference.headcount import (
    HEADCOUNT_BANDS,
    headcount_label,
    headcount_range,
    is_valid_headcount_code,
)
from guichet.reference.legal_forms import all_legal_forms, legal_form_label


def test_headcount_bands_in_insee_order() -> None:
    codes = [code for code, _ in HEADCOUNT_BANDS]
    assert codes == [
        "NN",
        "00",
        "01",
        "02",
        "03",
        "11",
        "12",
        "21",
        "22",
        "31",
        "32",
        "41",
        "42",
        "51",
        "52",
        "53",
    ]
    assert headcount_label("11") == "10 à 19 salariés"
    assert headcount_label("53") == "10 000 salariés et plus"
    assert headcount_label("") is None and headcount_label(None) is None
    assert headcount_label("99") is None
    assert headcount_label("nn") == HEADCOUNT_BANDS[0][1]


def test_headcount_ranges_are_increasing_and_match_labels() -> None:
    previous_max = 0
    for code, label in HEADCOUNT_BANDS[2:]:
        bounds = headcount_range(code)
        assert bounds is not None
        low, high = bounds
        assert low == previous_max + 1
        assert f"{low:,}".replace(",", " ") in label
        previous_max = high if high is not None else -1
    assert headcount_range("53") == (10000, None)
    assert is_valid_headcount_code("03") and not is_valid_headcount_code("04")


def test_legal_forms() -> None:
    forms = all_legal_forms()
    assert len(forms) == 260
    assert forms == sorted(forms)
    assert legal_form_label("5499") == "Société à responsabilité limitée (sans autre indication)"
    assert legal_form_label("5710") == "SAS, société par actions simplifiée"
    assert legal_form_label(" 6540 ") == "Société civile immobilière"
    assert legal_form_label("9999") is None
    assert legal_form_label(None) is None
