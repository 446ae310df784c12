"""Letters: preview, one print job for several referrals, save, archived bytes reused."""

from __future__ import annotations

import io
import os
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtPrintSupport import QPrinter

from guichet.models import Referral, ReferralStatus
from guichet.services import printing as printing_service
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from guichet.services.settings import SettingsService
from tests.services.referral_setup import build_scene

from guichet.ui import printing
from guichet.ui.context import AppContext
from guichet.ui.dialogs import letters_dialog
from guichet.ui.dialogs.letters_dialog import LettersDialog
from guichet.ui.pdf import prepare_printer


def _referrals(ctx: AppContext) -> list[int]:
    scene = build_scene(ctx.db)
    return [
        r.id
        for r in ReferralService(ctx.db).create(
            scene.need_id,
            [
                ReferralChoice(scene.partner_id, scene.contact_id),
                ReferralChoice(scene.other_partner_id),
            ],
        )
    ]


def _dialog(qtbot, ctx: AppContext, ids: list[int]) -> LettersDialog:
    dialog = LettersDialog(ctx, ids)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 2 * len(ids), timeout=10000)
    return dialog


def test_print_all_letters_as_one_job(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    ids = _referrals(ctx)
    dialog = _dialog(qtbot, ctx, ids)
    assert dialog.view.document() is not None and dialog.view.document().pageCount() >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "job.pdf"))
    prepare_printer(printer)
    service = LetterService(ctx.db)
    expected = sum(
        len(PdfReader(io.BytesIO(service.pdf(info.id))).pages) for info in dialog.letters
    )
    with qtbot.waitSignal(dialog.letters_sent):
        pages = dialog.print_to(printer)
    assert pages == expected == len(PdfReader(str(tmp_path / "job.pdf")).pages)
    rows = [ReferralService(ctx.db).get(i) for i in ids]
    assert all(row.status == ReferralStatus.SENT and row.sent_at for row in rows)
    assert "envoyé le" in dialog.list.item(0).text()


def test_saved_letter_is_the_archived_bytes(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    dialog.list.setCurrentRow(1)
    letter = dialog.current_letter()
    assert letter is not None
    target = tmp_path / letter.file_name
    dialog.save_to(target, letter)
    assert target.read_bytes() == LetterService(ctx.db).pdf(letter.id)
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.PROPOSED  # not sent
    assert "Marquer comme envoyée" in dialog.status.text()
    assert dialog.mark_sent_button.isEnabled()
    with qtbot.waitSignal(dialog.letters_sent):
        dialog.mark_sent_button.click()
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.SENT
    assert "envoyé le" in dialog.list.item(1).text()
    assert "pas encore envoyé" in dialog.list.item(0).text()
    assert not dialog.mark_sent_button.isEnabled()  # the selected letter is sent now
    again = _dialog(qtbot, ctx, ids)  # reopening shows the same archived letters
    assert [info.id for info in again.letters] == [info.id for info in dialog.letters]


def test_save_all_into_a_folder(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    ids = _referrals(ctx)
    dialog = _dialog(qtbot, ctx, ids)
    folder = tmp_path / "courriers"
    folder.mkdir()
    dialog.save_all_to(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(i.file_name for i in dialog.letters)
    assert len(dialog.letters) == 4
    # Saving is not sending: nothing recorded on the letters nor the referrals.
    assert all(info.sent_at is None for info in LetterService(ctx.db).letters(ids))
    assert {ReferralService(ctx.db).get(i).status for i in ids} == {ReferralStatus.PROPOSED}


def test_unwritable_folder_is_a_clear_error(
    qtbot, ctx: AppContext, tmp_path: Path, message_boxes: list[str]
) -> None:
    from guichet.ui.feedback import attempt

    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    attempt(dialog, lambda: dialog.save_all_to(tmp_path / "absent"))
    assert message_boxes and "Impossible d'enregistrer" in message_boxes[0]
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.PROPOSED


def test_printing_can_leave_the_referrals_as_they_are(
    qtbot, ctx: AppContext, tmp_path: Path
) -> None:
    SettingsService(ctx.db).update({"letters.print_marks_sent": False})
    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "job.pdf"))
    prepare_printer(printer)
    assert dialog.print_to(printer) >= 2
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.PROPOSED
    assert all(info.sent_at is None for info in LetterService(ctx.db).letters(ids))


def _fake_cups(folder: Path, monkeypatch) -> Path:
    """``lpstat`` answering two printers and ``lp`` recording its arguments and files."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    log = folder / "lp.log"
    (bin_dir / "lpstat").write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        "  -e) printf 'Bureau\\nAccueil\\n' ;;\n"
        "  -d) echo 'destination par défaut du système : Accueil' ;;\n"
        "esac\n"
    )
    (bin_dir / "lp").write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{log}"\n'
        'for arg in "$@"; do case "$arg" in *.pdf) '
        f'cp "$arg" "{folder}/job-$(basename "$arg")" ;; esac; done\n'
        "echo 'request id is Accueil-12 (2 file(s))'\n"
    )
    for tool in ("lp", "lpstat"):
        (bin_dir / tool).chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setattr(printing, "cups_printers", printing_service.cups_printers)
    return log


def test_with_cups_the_archived_pdfs_go_to_lp(
    qtbot, ctx: AppContext, tmp_path: Path, monkeypatch
) -> None:
    log = _fake_cups(tmp_path, monkeypatch)
    chosen: list[tuple[str, ...]] = []

    def pick(_parent, printers, _title):
        chosen.append(printers.names)
        assert printers.default == "Accueil"
        return "Bureau"

    monkeypatch.setattr(printing, "ask_printer", pick)
    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    with qtbot.waitSignal(dialog.letters_sent):
        dialog.print_button.click()
    assert chosen == [("Bureau", "Accueil")]
    args = log.read_text().splitlines()
    assert args[:4] == ["-d", "Bureau", "-t", "Imprimer les courriers"]
    service = LetterService(ctx.db)
    sent = sorted(tmp_path.glob("job-*.pdf"))
    assert [p.read_bytes() for p in sent] == [service.pdf(info.id) for info in dialog.letters]
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.SENT


def test_a_refused_cups_job_marks_nothing(
    qtbot, ctx: AppContext, tmp_path: Path, monkeypatch, message_boxes: list[str]
) -> None:
    _fake_cups(tmp_path, monkeypatch)
    lp = tmp_path / "bin" / "lp"
    lp.write_text("#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n")
    monkeypatch.setattr(printing, "ask_printer", lambda *_args: "Bureau")
    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    dialog.print_button.click()
    assert message_boxes and "« Bureau » a refusé les courriers" in message_boxes[0]
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.PROPOSED


def test_an_undeliverable_address_is_flagged_before_printing(
    qtbot, ctx: AppContext, monkeypatch, message_boxes: list[str]
) -> None:
    ids = _referrals(ctx)
    with ctx.db.unit_of_work() as s:
        partner = s.get(Referral, ids[1]).partner  # type: ignore[union-attr]
        assert partner.address_street is None and partner.postal_code is None
    printed: list[str] = []

    def fake_print(*_args: object) -> bool:
        printed.append("job")
        return True

    monkeypatch.setattr(letters_dialog, "print_documents", fake_print)
    dialog = _dialog(qtbot, ctx, ids)
    text = dialog.status.text()
    assert "Adresse à compléter" in text and "CCI Rouen Métropole" in text
    assert "ni rue ni lieu-dit" in text and "pas de code postal" in text
    dialog.print_button.click()  # the warning answers « Non » (message_boxes fixture)
    assert message_boxes and "risquent de ne pas arriver" in message_boxes[0]
    assert printed == []
    assert ReferralService(ctx.db).get(ids[1]).status == ReferralStatus.PROPOSED
