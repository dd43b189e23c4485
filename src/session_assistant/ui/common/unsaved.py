"""Unsaved edits are never dropped silently: before a form is replaced (another client, another
screen) the clinician chooses Save, Discard or Cancel.

A form here is anything with ``has_unsaved() -> bool``, ``save_changes() -> bool`` (False when refused,
with the reason shown in the form) and ``discard_changes()`` (back to what is stored).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget


class EditableForm(Protocol):
    def has_unsaved(self) -> bool: ...

    def save_changes(self) -> bool: ...

    def discard_changes(self) -> None: ...


def settle_unsaved(parent: QWidget, forms: dict[str, EditableForm],
                   show: Callable[[EditableForm], None] = lambda _form: None) -> bool:
    """Ask once about every form with unsaved edits (``forms``: what the clinician calls each one).

    True when it is fine to leave (nothing unsaved, saved, or discarded); False on Cancel or when
    a save is refused, and then ``show`` brings that form into view with its reason.
    """
    dirty = {name: form for name, form in forms.items() if form.has_unsaved()}
    if not dirty:
        return True
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, "Unsaved changes",
                                  f"{' and '.join(dirty).capitalize()} {'have' if len(dirty) > 1 else 'has'} "
                                  "unsaved changes. Save them before leaving?",
                                  buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
    if answer == buttons.Discard:
        for form in dirty.values():
            form.discard_changes()
        return True
    if answer != buttons.Save:
        return False
    for form in dirty.values():
        if not form.save_changes():
            show(form)
            return False
    return True
