"""The audit trail in the window: a chart's Activity tab and the practice's audit trail dialog.

Real vault (the sample practice), real services and worker pool; what is asserted is what the
therapist reads: sentences instead of event codes, the office clock instead of UTC, the filters'
result, and whether the trail is intact. The CLI's ``audit list`` lists the same entries (parity).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from sa_testing import run_cli
from ui_helpers import unlock

RAW_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # note_signed, chart_viewed, ...
UTC_MARK = re.compile(r"\+00:00|\dT\d|UTC")
SEQ = Qt.ItemDataRole.UserRole


def _rows(tree) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())]


def _seqs(tree) -> list[int]:
    return [tree.topLevelItem(i).data(0, SEQ) for i in range(tree.topLevelItemCount())]


def _new_york(at: str) -> str:
    moment = datetime.fromisoformat(at).astimezone()  # TZ is New York here
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def _open_activity(qtbot, window, client_id: int):
    window.workspace.open_chart(client_id)
    chart = window.workspace.chart
    chart.tabs.setCurrentWidget(chart.activity_tab)
    qtbot.waitUntil(lambda: chart.activity_tab.loaded, timeout=15000)  # read on the vault pool
    return chart


def _shown(qtbot, tree_owner) -> list[list[str]]:
    """The rows once the latest read (on the vault pool) has reached the screen."""
    qtbot.waitUntil(lambda: tree_owner.loaded, timeout=15000)
    return _rows(tree_owner.tree)


def test_the_chart_activity_tab_says_who_did_what_when_newest_first_in_plain_words(qtbot, ready_vault, make_window,
                                                                                  office_in_new_york):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    signed = next(r for r in practice.appointments.list() if r["note_status"] == "signed")
    client_id = signed["client_id"]
    chart = _open_activity(qtbot, window, client_id)
    rows = _rows(chart.activity_tab.tree)
    assert rows[0][1:] == ["Dr Test Clinician", "Opened the chart"]  # this very opening, on top
    whats = [what for _when, _who, what in rows]
    session_day = datetime.fromisoformat(signed["starts_at"])
    assert f"Signed the progress note for the session of {session_day:%a} {session_day.day} {session_day:%b %Y}" \
        in whats, whats
    assert whats[-1] == "Added the client"  # oldest last
    for when, _who, what in rows:
        assert not RAW_CODE.search(what) and not UTC_MARK.search(when + what), (when, what)
        assert "sha256" not in what and "recording " not in what
    newest = practice.audit_log.history(client_id, limit=1)[0]
    assert rows[0][0] == _new_york(newest["at"])  # the office clock, not the stored UTC hour
    assert rows[0][0][-5:] != newest["at"][11:16]
    assert _seqs(chart.activity_tab.tree) == sorted(_seqs(chart.activity_tab.tree), reverse=True)
    # Another client's entries are not listed; what is done in this chart is, next time the tab shows.
    other = next(c["id"] for c in practice.clients.list() if c["id"] != client_id)
    practice.clients.chart(other)  # another chart opened (audited for that client)
    chart.tabs.setCurrentIndex(0)
    chart.consent_given.click() if chart.consent_given.isEnabled() else chart.consent_revoke.click()
    chart.tabs.setCurrentWidget(chart.activity_tab)
    after = _shown(qtbot, chart.activity_tab)
    assert len(after) == len(rows) + 1
    assert after[0][2].startswith("Recorded ") and "consent" in after[0][2], after[0]
    assert chart.activity_tab.count.text() == f"{len(after)} entries."


def test_an_entry_that_names_only_the_session_is_still_in_that_clients_chart(qtbot, ready_vault, make_window):
    """Some entries name the appointment but not the client (a notice dismissed, speakers corrected):
    they belong to that client's chart all the same."""
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    appointment = practice.appointments.list()[0]
    with practice.vault.db.transaction() as conn:
        practice.vault.audit.append(conn, "transcript_speakers_relabelled", entity="appointment",
                                    entity_id=appointment["id"])
    chart = _open_activity(qtbot, window, appointment["client_id"])
    whats = [row[2] for row in _rows(chart.activity_tab.tree)]
    assert any(w.startswith("Corrected who said what in the transcript of the session of ") for w in whats), whats


def test_the_practice_audit_trail_filters_by_client_and_days_and_says_it_is_intact(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    settings = SettingsDialog(window.ctx, window.workspace)
    settings.audit_button.click()
    dialog = settings.audit_trail
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)
    assert dialog.checked is True
    total = len(practice.audit_log.history())
    assert dialog.integrity.text().startswith(f"Intact. All {total} entries check out")
    rows = _shown(qtbot, dialog)
    assert len(rows) == total and dialog.count.text() == f"{total} entries."
    assert rows[0][2] == "Signed in" and rows[0][3] == "—"  # the practice's own entries name no client
    assert rows[-1][2] == "Created the practice's vault"
    names = {row[3] for row in rows} - {"—"}
    assert len(names) >= 2
    # One client: only that client's rows.
    client = practice.clients.list()[1]
    name = f"{client['first_name']} {client['last_name']}"
    dialog.client.setCurrentIndex(dialog.client.findData(client["id"]))
    narrowed = _shown(qtbot, dialog)
    assert narrowed and {row[3] for row in narrowed} == {name}
    assert len(narrowed) == len(practice.audit_log.history(client["id"]))
    # The practice's own entries: sign-ins and the like, no client.
    from session_assistant.ui.settings.audit_trail import PRACTICE

    dialog.client.setCurrentIndex(dialog.client.findData(PRACTICE))
    own = _shown(qtbot, dialog)
    assert own and {row[3] for row in own} == {"—"} and "Signed in" in [row[2] for row in own]
    assert len(own) + sum(len(practice.audit_log.history(c["id"])) for c in practice.clients.list()) == total
    # Days before the trail began: nothing, said in words.
    dialog.client.setCurrentIndex(0)
    dialog.start.setMinimumDate(QDate(2000, 1, 1))
    dialog.start.setDate(QDate(2020, 1, 1))
    dialog.end.setDate(QDate(2020, 1, 2))
    assert _shown(qtbot, dialog) == [] and dialog.count.text() == "No entries on these days."
    dialog.end.setDate(QDate.currentDate())
    assert len(_shown(qtbot, dialog)) == total
    dialog.close()
    settings.close()


def test_an_altered_entry_is_reported_plainly(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    with practice.vault.db.read() as conn:  # someone with the key edits a row behind the app's back
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 5")
        conn.execute("COMMIT")
    client_id = practice.clients.list()[0]["id"]
    chart = _open_activity(qtbot, window, client_id)
    chart.activity_tab.whole_trail.click()
    from session_assistant.ui.settings.audit_trail import AuditTrailDialog

    dialog = chart.findChild(AuditTrailDialog)
    assert dialog.client.currentData() == client_id  # opened on this client
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)
    assert dialog.checked is False
    assert dialog.integrity.text().startswith("Not intact: entry 5 was altered.")
    assert "row" not in dialog.integrity.text()
    dialog.close()


def test_the_cli_lists_the_same_entries_in_the_same_words_as_the_chart(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    client_id = practice.clients.list()[0]["id"]
    chart = _open_activity(qtbot, window, client_id)
    shown = _rows(chart.activity_tab.tree)
    seqs = _seqs(chart.activity_tab.tree)
    window.lock("on demand")
    listed = run_cli("--vault", str(ready_vault.vault_dir), "--json", "audit", "list", "--client", str(client_id),
                     "--limit", "1000")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert [e["seq"] for e in entries] == seqs
    assert [e["what"] for e in entries] == [row[2] for row in shown]
    own = json.loads(run_cli("--vault", str(ready_vault.vault_dir), "--json", "audit", "list", "--practice").stdout)
    assert own and {e["client_id"] for e in own} == {None} and own[0]["what"] == "Signed in"
    tomorrow = (datetime.now() + timedelta(days=1)).date().isoformat()
    later = run_cli("--vault", str(ready_vault.vault_dir), "audit", "list", "--from", tomorrow)
    assert later.returncode == 0 and later.stdout.strip() == "No entries.", later.stdout


def test_a_lock_closes_the_audit_trail_and_unlocking_works(qtbot, ready_vault, make_window):
    """The trail names clients: a lock (idle, or Ctrl+L) must take it off the screen like any chart,
    also while its check is still running on the vault pool."""
    from PySide6.QtWidgets import QApplication

    from session_assistant.ui.settings.audit_trail import AuditTrailDialog

    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open_activity(qtbot, window, window.ctx.practice.clients.list()[0]["id"])
    chart.activity_tab.whole_trail.click()
    assert any(isinstance(w, AuditTrailDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    window.lock("idle")
    qtbot.waitUntil(lambda: window.ctx.practice is None, timeout=15000)
    qtbot.wait(100)
    assert not any(isinstance(w, AuditTrailDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    unlock(qtbot, window)
    chart = _open_activity(qtbot, window, window.ctx.practice.clients.list()[0]["id"])
    assert _rows(chart.activity_tab.tree)[0][2] == "Opened the chart"


def test_wrong_passphrases_stand_out_in_the_practice_trail(qtbot, ready_vault, make_window):
    """Two wrong passphrases before a sign-in: the trail says so in words, in the error colour and bold,
    so it is not one more grey line among the chart openings."""
    from session_assistant.ui.common import theme
    from session_assistant.ui.settings.audit_trail import AuditTrailDialog

    window = make_window(ready_vault)
    for _ in range(2):
        window.unlock_page.passphrase.setText("not the passphrase")
        window.unlock_page.unlock_button.click()
        qtbot.waitUntil(lambda: window.unlock_page.unlock_button.isEnabled(), timeout=15000)
    unlock(qtbot, window)
    dialog = AuditTrailDialog(window.ctx, window.workspace)
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    tree = dialog.tree
    found = [i for i in range(tree.topLevelItemCount())
             if tree.topLevelItem(i).text(2) == "2 wrong passphrases were tried before this sign-in"]
    assert found, _rows(tree)[:4]
    item = tree.topLevelItem(found[0])
    assert item.font(2).bold() and item.foreground(2).color().name().upper() == theme.colours().error.upper()
    ordinary = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).text(2) == "Signed in")
    assert not ordinary.font(2).bold()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)


def test_the_entries_are_read_off_the_gui_thread_and_a_stale_read_never_replaces_a_newer_one(
        qtbot, ready_vault, make_window):
    """A long trail must not freeze the window: the Activity tab and the practice trail read their
    entries on the vault pool (as the check does); when the filters change while a read is under way,
    only the newest read reaches the list."""
    import threading

    from session_assistant.ui.settings.audit_trail import AuditTrailDialog

    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    threads: list[str] = []
    read = practice.audit_log.history

    def history(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return read(*args, **kwargs)

    practice.audit_log.history = history
    gui = threading.current_thread().name
    client_id = practice.clients.list()[0]["id"]
    chart = _open_activity(qtbot, window, client_id)
    assert _rows(chart.activity_tab.tree)[0][2] == "Opened the chart"
    dialog = AuditTrailDialog(window.ctx, window.workspace)
    qtbot.addWidget(dialog)
    other = practice.clients.list()[1]
    dialog.client.setCurrentIndex(dialog.client.findData(other["id"]))  # while the first read may be under way
    rows = _shown(qtbot, dialog)
    assert rows and {row[3] for row in rows} == {f"{other['first_name']} {other['last_name']}"}
    assert threads and gui not in threads, threads
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)
