"""Paramètres › « Comptes »: the administrateur's management of accounts (create, role,
password, operating-system user, deactivate) and the two settings of accounts: a password
required at start (a shared PC; always on a team database) and the access log.

Accounts are saved at once with their own buttons (each one transaction), like the
counsellors' cards; the two settings are saved with the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models.enums import Role, label
from guichet.reference.dates import format_datetime_short
from guichet.services.accounts import AccountInfo
from guichet.services.accounts_admin import AccountAdmin
from guichet.services.permissions import Permission

from guichet.ui.accessibility import set_name
from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.permission_gate import gate, permissions_changed

PASSWORD_KEY = "accounts.password_required"
READS_KEY = "audit.log_reads"


def account_line(a: AccountInfo) -> str:
    parts = [f"{a.name} ({a.initials})", label(a.role) if a.role else "sans rôle"]
    if a.os_user:
        parts.append(f"session « {a.os_user} »")
    parts.append("mot de passe" if a.has_password else "sans mot de passe")
    if a.last_sign_in:
        parts.append(f"connecté le {format_datetime_short(a.last_sign_in)}")
    if not a.active:
        parts.append("désactivé")
    return " — ".join(parts)


class AccountsSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.admin = AccountAdmin(ctx.db)
        self.title = self.tr("Comptes")
        self.setObjectName("accountsTab")
        rule = QLabel(
            self.tr(
                "Les rôles s'appliquent dès qu'un conseiller a un rôle : un conseiller fait le "
                "travail du guichet ; un responsable fusionne, supprime, restaure, règle les "
                "paramètres, exporte des données nominatives et consulte l'historique ; un "
                "administrateur gère en plus les comptes. Tant qu'aucun rôle n'est donné, "
                "chacun peut tout faire."
            )
        )
        rule.setWordWrap(True)
        self.account_list = QListWidget()
        self.account_list.setObjectName("accountList")
        set_name(self.account_list, self.tr("Comptes"))
        self.new_button = QPushButton(self.tr("Nouveau compte"))
        self.new_button.setObjectName("newAccountButton")
        left = QVBoxLayout()
        left.addWidget(self.account_list, 1)
        left.addWidget(self.new_button)
        self.name_edit, self.initials_edit = QLineEdit(), QLineEdit()
        self.name_edit.setObjectName("accountNameEdit")
        self.initials_edit.setObjectName("accountInitialsEdit")
        self.initials_edit.setMaxLength(6)
        self.role_box = QComboBox()
        self.role_box.setObjectName("accountRoleBox")
        add_no_value(self.role_box, self.tr("Sans rôle"))
        for role in Role:
            self.role_box.addItem(self.tr(label(role)), role)
        self.os_user_edit = QLineEdit()
        self.os_user_edit.setObjectName("accountOsUserEdit")
        self.os_user_edit.setPlaceholderText(self.tr("ouvre ce compte sans question"))
        self.active_box = QCheckBox(self.tr("Compte actif"))
        self.active_box.setObjectName("accountActiveBox")
        self.save_button = QPushButton(self.tr("Enregistrer le compte"))
        self.save_button.setObjectName("saveAccountButton")
        self.password_edit, self.confirm_edit = QLineEdit(), QLineEdit()
        for name, edit in (
            ("accountPasswordEdit", self.password_edit),
            ("accountConfirmEdit", self.confirm_edit),
        ):
            edit.setObjectName(name)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_button = QPushButton(self.tr("Définir le mot de passe"))
        self.password_button.setObjectName("setPasswordButton")
        self.clear_password_button = QPushButton(self.tr("Retirer le mot de passe"))
        self.clear_password_button.setObjectName("clearPasswordButton")
        form = QFormLayout()
        form.addRow(self.tr("Nom"), self.name_edit)
        form.addRow(self.tr("Initiales"), self.initials_edit)
        form.addRow(self.tr("Rôle"), self.role_box)
        form.addRow(self.tr("Utilisateur système"), self.os_user_edit)
        form.addRow("", self.active_box)
        form.addRow("", self.save_button)
        form.addRow(self.tr("Nouveau mot de passe"), self.password_edit)
        form.addRow(self.tr("Confirmation"), self.confirm_edit)
        password_buttons = QHBoxLayout()
        password_buttons.addWidget(self.password_button)
        password_buttons.addWidget(self.clear_password_button)
        password_buttons.addStretch(1)
        form.addRow("", password_buttons)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(form, 1)
        self.required_box = QCheckBox(
            self.tr(
                "Mot de passe exigé à l'ouverture (poste partagé ; toujours sur une base d'équipe)"
            )
        )
        self.required_box.setObjectName("passwordRequiredBox")
        self.reads_box = QCheckBox(
            self.tr("Journaliser la consultation des fiches de personnes (journal d'accès)")
        )
        self.reads_box.setObjectName("logReadsBox")
        layout = QVBoxLayout(self)
        layout.addWidget(rule)
        layout.addLayout(row, 1)
        layout.addWidget(self.required_box)
        layout.addWidget(self.reads_box)
        for button in (
            self.new_button,
            self.save_button,
            self.password_button,
            self.clear_password_button,
        ):
            gate(button, ctx, Permission.ACCOUNTS)
        self.account_list.currentItemChanged.connect(lambda *_: self._fill(self.current()))
        self.new_button.clicked.connect(self.on_new_button_clicked)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.password_button.clicked.connect(self.on_password_button_clicked)
        self.clear_password_button.clicked.connect(self.on_clear_password_button_clicked)
        self.reload()

    # -- settings saved with the dialog ------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        self.required_box.setChecked(bool(values[PASSWORD_KEY]))
        self.reads_box.setChecked(bool(values[READS_KEY]))

    def changes(self) -> dict[str, object]:
        return {PASSWORD_KEY: self.required_box.isChecked(), READS_KEY: self.reads_box.isChecked()}

    # -- accounts ----------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        self.account_list.clear()
        for account in self.admin.list():
            item = QListWidgetItem(account_line(account))
            item.setData(Qt.ItemDataRole.UserRole, account)
            self.account_list.addItem(item)
            if account.id == select_id:
                self.account_list.setCurrentItem(item)
        if select_id is None and self.account_list.count():
            self.account_list.setCurrentRow(0)

    def current(self) -> AccountInfo | None:
        item = self.account_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _fill(self, account: AccountInfo | None) -> None:
        self.name_edit.setText(account.name if account else "")
        self.initials_edit.setText(account.initials if account else "")
        # the card itself (name, initials, signature) is edited in « Conseillers »
        self.name_edit.setReadOnly(account is not None)
        self.initials_edit.setReadOnly(account is not None)
        select_value(self.role_box, account.role if account else Role.CONSEILLER)
        self.os_user_edit.setText(account.os_user if account else "")
        self.active_box.setChecked(account.active if account else True)
        self.password_edit.clear()
        self.confirm_edit.clear()

    def on_new_button_clicked(self) -> None:
        self.account_list.setCurrentRow(-1)
        self._fill(None)
        self.name_edit.setFocus()

    def _done(self, saved: AccountInfo) -> None:
        self.reload(saved.id)
        permissions_changed()

    def on_save_button_clicked(self) -> None:
        current = self.current()
        try:
            if current is None:
                saved = self.admin.create(
                    name=self.name_edit.text(),
                    initials=self.initials_edit.text(),
                    role=combo_value(self.role_box) or Role.CONSEILLER,
                    os_user=self.os_user_edit.text(),
                    password=self.password_edit.text(),
                )
            else:
                saved = self.admin.save(
                    current.id,
                    role=combo_value(self.role_box),
                    os_user=self.os_user_edit.text(),
                    active=self.active_box.isChecked(),
                    version=current.version,
                )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self._done(saved)

    def on_password_button_clicked(self) -> None:
        current = self.current()
        if current is None:
            return
        try:
            saved = self.admin.set_password(
                current.id, self.password_edit.text(), self.confirm_edit.text()
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self._done(saved)

    def on_clear_password_button_clicked(self) -> None:
        current = self.current()
        if current is None:
            return
        try:
            saved = self.admin.clear_password(current.id)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self._done(saved)
