"""Hostile files: tiny workbooks declaring huge sheets, zip bombs, endless lines.

Each is refused with a French message or read for what it really holds, and reading any of them
stays far below 300 MB (measured in a child process, whose peak RSS is its own).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from guichet.importers.errors import FileRefused
from guichet.importers.limits import ReadLimits
from guichet.importers.tables import read_table
from tests.importers import hostile_files as hostile

MEMORY_CEILING_MB = 300


def test_a_sheet_claiming_every_cell_is_read_for_what_it_holds(tmp_path: Path) -> None:
    path = hostile.whole_sheet_xlsx(tmp_path / "dimension.xlsx")
    assert path.stat().st_size < 5_000
    table = read_table(path)
    assert table.headers == ("Raison sociale", "Ville")
    assert table.rows == [["Usinage Lefèbvre", "Bolbec"], ["Soudure", "Fécamp"]]


def test_too_many_rows_is_refused(tmp_path: Path) -> None:
    path = hostile.million_rows_xlsx(tmp_path / "lignes.xlsx", rows=60)
    with pytest.raises(FileRefused, match="plus de 50 lignes"):
        read_table(path, ReadLimits(max_rows=50))
    assert len(read_table(path, ReadLimits(max_rows=60)).rows) == 60


def test_a_declared_square_table_is_refused_without_being_built(tmp_path: Path) -> None:
    path = hostile.square_ods(tmp_path / "carre.ods")
    assert path.stat().st_size < 1_500
    with pytest.raises(FileRefused, match="au-delà de la colonne 200"):
        read_table(path)
    narrow = hostile.write_ods(
        tmp_path / "etroit.ods",
        hostile.ods_row(hostile.ods_cell("Nom")) + hostile.ods_row(hostile.ods_cell("x"), 10**7),
    )
    with pytest.raises(FileRefused, match="plus de 200\u202f000 lignes"):
        read_table(narrow)


def test_trailing_empty_repeats_cost_nothing(tmp_path: Path) -> None:
    table = read_table(hostile.padded_ods(tmp_path / "rembourre.ods"))
    assert table.headers == ("Raison sociale", "Ville")
    assert table.rows == [["Usinage Lefèbvre", "Bolbec"]]


def test_repeated_values_inside_the_limits_are_expanded(tmp_path: Path) -> None:
    body = hostile.ods_row(hostile.ods_cell("Nom") + hostile.ods_cell("Ville"))
    body += hostile.ods_row('<table:table-cell table:number-columns-repeated="2"/>', 5)
    body += hostile.ods_row(hostile.ods_cell("Usinage") + hostile.ods_cell("Bolbec"), 2)
    table = read_table(hostile.write_ods(tmp_path / "repetes.ods", body))
    assert table.rows == [["Usinage", "Bolbec"], ["Usinage", "Bolbec"]]
    assert table.line_numbers == [7, 8]


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = hostile.whole_sheet_xlsx(tmp_path / "bombe.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/vide.bin", b"\0" * (5 * 1024 * 1024))
    with pytest.raises(FileRefused, match="dépasse 4 Mo une fois décompressé"):
        read_table(path, ReadLimits(max_megabytes=1))


def test_an_oversized_shared_string_table_is_refused(tmp_path: Path) -> None:
    path = hostile.whole_sheet_xlsx(tmp_path / "textes.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>a</t></si>" * 40_000 + "</sst>")
    with pytest.raises(FileRefused, match="Le texte de ce classeur dépasse"):
        read_table(path, ReadLimits(max_megabytes=1))


def test_a_cell_past_the_length_limit_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Raison sociale;Ville\nUsinage;" + "x" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="ligne 2 dépasse 32\u202f767 caractères"):
        read_table(path)


def test_a_csv_line_without_end_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "sans-fin.csv"
    path.write_bytes(b"Raison sociale;Ville\n" + b"x;" * 3_000_000)
    with pytest.raises(FileRefused, match="une ligne de plus de"):
        read_table(path, ReadLimits(max_columns=10, max_cell_chars=1000))


def test_too_much_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gros.csv"
    path.write_text(
        "Raison sociale;Ville\n" + "".join(f"Société {i};{'x' * 200}\n" for i in range(6000)),
        encoding="utf-8",
    )
    with pytest.raises(FileRefused, match="dépasse 1 Mo de données"):
        read_table(path, ReadLimits(max_megabytes=1))


_MEASURE = """
import json, sys
from pathlib import Path
from guichet.importers.errors import FileRefused
from guichet.importers.tables import read_table
try:
    outcome = len(read_table(Path(sys.argv[1])).rows)
except FileRefused as exc:
    outcome = exc.message
# VmHWM belongs to this process image; ru_maxrss would keep the forking parent's size
status = Path("/proc/self/status").read_text().splitlines()
peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
print(json.dumps({"outcome": outcome, "peak_mb": peak}))
"""


def _read_in_child(path: Path) -> tuple[int | str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["outcome"], result["peak_mb"]


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (hostile.whole_sheet_xlsx, 2),
        (lambda path: hostile.million_rows_xlsx(path, rows=201_000), "plus de 200\u202f000 lignes"),
        (hostile.square_ods, "au-delà de la colonne 200"),
        (hostile.padded_ods, 1),
    ],
    ids=["dimension-feuille-entiere", "201000-lignes", "ods-10000x10000", "ods-rembourre"],
)
def test_peak_memory_of_reading_a_hostile_file(
    tmp_path: Path, build: Callable[[Path], Path], expected: int | str
) -> None:
    suffix = ".ods" if "ods" in getattr(build, "__name__", "") else ".xlsx"
    path = build(tmp_path / f"hostile{suffix}")
    outcome, peak_mb = _read_in_child(path)
    if isinstance(expected, int):
        assert outcome == expected
    else:
        assert isinstance(outcome, str) and str(expected) in outcome
    assert peak_mb < MEMORY_CEILING_MB
