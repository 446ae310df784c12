"""The one AAAA-MM-JJ parser every command takes a date with (``guichet.cli.common.day``)."""

from __future__ import annotations

import argparse
import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from guichet.cli.common import day

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@given(st.dates())
def test_a_day_written_aaaa_mm_jj_reads_back(value: date) -> None:
    assert day(value.isoformat()) == value


def _is_a_valid_day(text: str) -> bool:
    if ISO_DAY.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@given(st.text(max_size=20))
def test_anything_else_is_refused_in_french(text: str) -> None:
    assume(not _is_a_valid_day(text))
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        day(text)
    assert str(refused.value) == f"date invalide : « {text} » (attendu AAAA-MM-JJ)"


@given(
    st.integers(0, 9999).map("{:04d}".format),
    st.integers(0, 99).map("{:02d}".format),
    st.integers(0, 99).map("{:02d}".format),
)
def test_an_impossible_day_in_the_right_form_is_refused(year: str, month: str, dd: str) -> None:
    text = f"{year}-{month}-{dd}"
    assume(not _is_a_valid_day(text))
    with pytest.raises(argparse.ArgumentTypeError, match="attendu AAAA-MM-JJ"):
        day(text)


@pytest.mark.parametrize(
    "text", ["20260305", "2026-W10-4", " 2026-03-05", "2026-3-5", "05/03/2026"]
)
def test_other_iso_forms_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="attendu AAAA-MM-JJ"):
        day(text)
