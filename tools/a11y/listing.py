"""``make a11y``, the screen reader's side: the fields of « Nouvelle demande » as AT-SPI gives
them (role, name, and the label a combo box is related to), failing if one has no name.

Run by Debian's ``/usr/bin/python3`` (pyatspi lives there), against the application started
with the venv's Python on the same session and accessibility buses.
"""

from __future__ import annotations

import sys
import time

import pyatspi  # type: ignore[import-not-found,unused-ignore]

TITLE = "Nouvelle demande"
FIELD_ROLES = {
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_DATE_EDITOR,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TABLE,
}


def find_dialog(seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            for window in app or []:
                if window is not None and TITLE in (window.name or ""):
                    return window
        time.sleep(0.5)
    return None


def labels(field) -> str:
    """The labels related to ``field`` (a combo box's name on Linux is its current value)."""
    names = []
    for relation in field.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                names.append(relation.getTarget(index).name or "")
    return " ".join(names)


def fields(node):
    for child in node:
        if child is None:
            continue
        if child.getRole() in FIELD_ROLES and child.getState().contains(pyatspi.STATE_SHOWING):
            yield child
        yield from fields(child)


def main() -> int:
    dialog = find_dialog()
    if dialog is None:
        print(f"« {TITLE} » n'apparaît pas sur le bus d'accessibilité", file=sys.stderr)
        return 1
    unnamed = 0
    count = 0
    for field in fields(dialog):
        count += 1
        name = field.name or ""
        label = labels(field)
        shown = f"{name} (étiquette : {label})" if label and label != name else name
        print(f"{field.getRoleName():15} {shown}")
        if not any(char.isalpha() for char in name + label):
            unnamed += 1
    print(f"{count} champs, {unnamed} sans nom")
    return 1 if unnamed or not count else 0


if __name__ == "__main__":
    sys.exit(main())
