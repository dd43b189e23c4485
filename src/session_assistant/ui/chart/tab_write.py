"""One write from a chart tab or form through ``VaultOp``, with the same ending.

The tab is disabled until the write lands (one click, one row, even when the writer is busy, and
no edit is made on a list about to be reloaded). Then, if it still shows the same client, it is
refilled and its status line says what was done; ``changed`` is emitted either way. A refusal
shows in the status line (its message is ``VaultOp``'s: never PHI).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QMessageBox

from session_assistant.ui.common.vault_op import VaultOp


def write_in_tab(tab, fn: Callable[[], Any], done: str | Callable[[Any], str],
                 before_refill: Callable[[], None] | None = None, wait: bool = False) -> list[bool]:
    """Run ``fn`` for ``tab`` (a chart tab with ``_practice``, ``client_id``, ``fill``, ``status``,
    ``changed``). Returns a list that holds True or False once the outcome is known (at once when
    the write was quick or ``wait``), empty while it waits behind a busy writer."""
    client_id, outcome = tab.client_id, []

    def stored(result: Any) -> None:
        outcome.append(True)
        tab.setEnabled(True)
        if tab.client_id == client_id:
            if before_refill is not None:
                before_refill()
            tab.fill(tab._practice, client_id)
            tab.status.setText(done(result) if callable(done) else done)
        tab.changed.emit()

    def refused(message: str) -> None:
        outcome.append(False)
        tab.setEnabled(True)
        if tab.client_id == client_id:
            tab.status.setText(message)

    tab.setEnabled(False)
    VaultOp(tab._practice, fn, parent=tab).success(stored).failure(refused).run(wait=wait)
    return outcome


def write_in_form(form, fn: Callable[[], Any], stored: Callable[[Any], None], refused_title: str, *,
                  after: Callable[[], None] | None = None, wait: bool = False) -> bool:
    """Run ``fn`` for an editing ``form`` (the client form, the plan editor: ``_practice``,
    ``client_id``, ``status``, ``changed``), disabled until the write lands, as ``write_in_tab``.
    ``stored(result)`` reloads the form if it still shows the same client; ``after`` runs once
    stored, whatever is shown. A refusal shows in the status line, or in a box titled
    ``refused_title`` once another client is shown. Returns False when refused at once, else True
    (also while the write waits)."""
    client_id, outcome = form.client_id, []

    def on_stored(result: Any) -> None:
        outcome.append(True)
        form.setEnabled(True)
        if form.client_id == client_id:
            stored(result)
        form.changed.emit()
        if after is not None:
            after()

    def on_refused(message: str) -> None:
        outcome.append(False)
        form.setEnabled(True)
        if form.client_id == client_id:
            form.status.setText(f"Not saved: {message}")
        else:
            QMessageBox.warning(form, refused_title, message)

    form.setEnabled(False)  # until it lands: the form reloads then, and an edit meanwhile would be lost
    VaultOp(form._practice, fn, parent=form).success(on_stored).failure(on_refused).run(wait=wait)
    return outcome[0] if outcome else True
