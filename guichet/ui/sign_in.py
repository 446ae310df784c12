"""The sign-in form: which counsellor, and the password where one is required.

Shown in place of the window's content at start (when no account opens by itself) and while
the window is locked (« Changer de conseiller », Ctrl+L). Keyboard only: the counsellor list
has the focus, Tab goes to the password, Entrée signs in; an error is said in French under
the form and the password is typed again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models.enums import label
from guichet.services.accounts import AccountInfo, StartState, sign_in

from guichet.ui.accessibility import describe_error
from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext


class SignInPanel(QWidget):
    """The form, centred in the window; emits :attr:`signed_in` with the account."""

    signed_in = Signal(object)  # AccountInfo

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("signInPanel")
        self.state: StartState | None = None
        card = QFrame()
        card.setObjectName("signInCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(520)
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.title.setWordWrap(True)
        scale_font(self.title, 1.3)
        self.explanation = QLabel()
        self.explanation.setObjectName("signInExplanation")
        self.explanation.setWordWrap(True)
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("signInCounsellorBox")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("signInPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel(self.tr("&Mot de passe :"))
        self.password_label.setBuddy(self.password_edit)
        counsellor_label = QLabel(self.tr("&Conseiller :"))
        counsellor_label.setBuddy(self.counsellor_box)
        self.error_label = QLabel()
        self.error_label.setObjectName("signInError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.sign_in_button = QPushButton(self.tr("Se c&onnecter"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        form = QFormLayout()
        form.addRow(counsellor_label, self.counsellor_box)
        form.addRow(self.password_label, self.password_edit)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.sign_in_button.clicked.connect(self.on_sign_in_button_clicked)
        self.password_edit.returnPressed.connect(self.on_sign_in_button_clicked)
        self.counsellor_box.currentIndexChanged.connect(self._clear_error)
        self.setTabOrder(self.counsellor_box, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)

    def load(self, state: StartState, *, locked: bool, preselect: int | None = None) -> None:
        self.state = state
        self.title.setText(
            self.tr("Fenêtre verrouillée") if locked else self.tr("Bienvenue dans Guichet")
        )
        self.explanation.setText(
            self.tr(
                "Qui utilise Guichet maintenant ? Ce que vous enregistrez est signé à votre nom."
            )
            if not state.password_required
            else self.tr(
                "Choisissez votre nom et tapez votre mot de passe : ce que vous enregistrez "
                "est signé à votre nom."
            )
        )
        self.counsellor_box.clear()
        for account in state.accounts:
            role = f" — {label(account.role)}" if account.role else ""
            self.counsellor_box.addItem(f"{account.label}{role}", account.id)
        wanted = preselect if preselect is not None else state.mapped_id
        index = self.counsellor_box.findData(wanted) if wanted is not None else -1
        self.counsellor_box.setCurrentIndex(max(index, 0))
        self.password_label.setVisible(state.password_required)
        self.password_edit.setVisible(state.password_required)
        self.password_edit.clear()
        self._clear_error()
        has_accounts = bool(state.accounts)
        self.sign_in_button.setEnabled(has_accounts)
        if not has_accounts:
            self._show_error(self.tr("Aucun conseiller actif : Guichet ne peut pas s'ouvrir."))

    def focus_first(self) -> None:
        if self.password_edit.isVisible() and self.state and self.state.mapped_id is not None:
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.counsellor_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        describe_error(self.password_edit, "")

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        describe_error(self.password_edit, message)

    def on_sign_in_button_clicked(self) -> None:
        counsellor_id = self.counsellor_box.currentData()
        if counsellor_id is None:
            return
        try:
            account: AccountInfo = sign_in(self.ctx.db, counsellor_id, self.password_edit.text())
        except GuichetError as exc:
            self._show_error(exc.message)
            self.password_edit.clear()
            if self.password_edit.isVisible():
                self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.password_edit.clear()
        self._clear_error()
        self.signed_in.emit(account)
