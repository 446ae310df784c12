from __future__ import annotations

from PySide6.QtWidgets import QLabel

from guichet.services.counsellors import CounsellorService
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.about import AboutDialog
from guichet.ui.dialogs.settings import SettingsDialog


def test_agency_identity_is_saved(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.agency_edits["agency.name"].setText("Agence <Test> & Cie")
    dialog.agency_edits["agency.city"].setText("Bolbec")
    dialog.address_edit.setPlainText("1 rue de la République\n76210 BOLBEC")
    dialog.on_buttons_accepted()
    values = SettingsService(ctx.db).all()
    assert values["agency.name"] == "Agence <Test> & Cie"
    assert values["agency.city"] == "Bolbec"
    assert values["agency.address"].endswith("76210 BOLBEC")


def test_counsellors_are_created_and_edited(
    qtbot, ctx: AppContext, message_boxes: list[str]
) -> None:
    shown = message_boxes
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.on_new_counsellor_clicked()
    dialog.c_name.setText("Claire Martin")
    dialog.c_initials.setText("cm")
    dialog.on_save_counsellor_clicked()
    assert [(c.name, c.initials) for c in CounsellorService(ctx.db).list()] == [
        ("Claire Martin", "CM")
    ]
    dialog.c_title.setText("Chargée d'affaires")
    dialog.on_save_counsellor_clicked()
    assert CounsellorService(ctx.db).list()[0].title == "Chargée d'affaires"
    dialog.on_new_counsellor_clicked()
    dialog.c_name.setText("Clément Marais")
    dialog.c_initials.setText("CM")
    dialog.on_save_counsellor_clicked()
    assert shown == ["Les initiales CM sont déjà prises."]
    assert dialog.c_name.text() == "Clément Marais"  # the form keeps what was typed
    assert len(CounsellorService(ctx.db).list()) == 1


def test_about_names_the_data_sources(qtbot, ctx: AppContext) -> None:
    dialog = AboutDialog(ctx.db.url, ctx.paths)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "aboutText")
    assert label is not None
    text = label.text()
    assert "Source : INSEE" in text and "Etalab 2.0" in text


def test_every_section_is_listed_on_the_left_and_opens_its_page(qtbot, ctx: AppContext) -> None:
    """Fifteen sections: listed down the left (all visible at 1280×800), not a tab bar whose
    last tabs hide behind scroll arrows."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 680)
    dialog.show()
    qtbot.waitExposed(dialog)
    tabs, sections = dialog.tabs, dialog.sections
    assert not tabs.tabBar().isVisible()
    titles = [sections.item(row).text() for row in range(sections.count())]
    assert titles == [tabs.tabText(index) for index in range(tabs.count())]
    assert len(titles) >= 15 and "Comptes" in " ".join(titles)
    bottom = sections.visualItemRect(sections.item(sections.count() - 1)).bottom()
    assert bottom < sections.viewport().height()  # the last one on screen, no scrolling
    assert sections.accessibleName() == "Rubriques des paramètres"
    sections.setFocus()
    QTest.keyClick(sections, Qt.Key.Key_End)
    assert tabs.currentIndex() == tabs.count() - 1  # the keyboard picks a section
    tabs.setCurrentWidget(dialog.visits_tab)  # a page chosen by the code shows in the list
    assert sections.currentRow() == tabs.indexOf(dialog.visits_tab)
