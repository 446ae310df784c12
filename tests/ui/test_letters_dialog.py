"""Letters: preview, one print job for several referrals, save, archived bytes reused."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtPrintSupport import QPrinter

from guichet.models import ReferralStatus
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import build_scene

from guichet.ui.context import AppContext
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


def _dialog(qtbot, ctx: AppContext, ids: list[int]) -> LettersDialog:  # type: ignore[no-untyped-def]
    dialog = LettersDialog(ctx, ids)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 2 * len(ids), timeout=10000)
    return dialog


def test_print_all_letters_as_one_job(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
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


def test_saved_letter_is_the_archived_bytes(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    dialog.list.setCurrentRow(1)
    letter = dialog.current_letter()
    assert letter is not None
    target = tmp_path / letter.file_name
    dialog.save_to(target, letter)
    assert target.read_bytes() == LetterService(ctx.db).pdf(letter.id)
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.SENT
    again = _dialog(qtbot, ctx, ids)  # reopening shows the same archived letters
    assert [info.id for info in again.letters] == [info.id for info in dialog.letters]


def test_save_all_into_a_folder(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _referrals(ctx)
    dialog = _dialog(qtbot, ctx, ids)
    folder = tmp_path / "courriers"
    folder.mkdir()
    dialog.save_all_to(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(i.file_name for i in dialog.letters)
    assert len(dialog.letters) == 4


def test_unwritable_folder_is_a_clear_error(
    qtbot, ctx: AppContext, tmp_path: Path, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from guichet.ui.feedback import attempt

    ids = _referrals(ctx)[:1]
    dialog = _dialog(qtbot, ctx, ids)
    attempt(dialog, lambda: dialog.save_all_to(tmp_path / "absent"))
    assert message_boxes and "Impossible d'enregistrer" in message_boxes[0]
    assert ReferralService(ctx.db).get(ids[0]).status == ReferralStatus.PROPOSED
