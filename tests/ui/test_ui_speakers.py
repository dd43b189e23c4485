"""Who said it, fixed in one click in the session's transcript: swap the two names, reassign one line,
the vault and the note editor's evidence follow, a redraft is offered (never done silently) and
touches only the affected sections; after signing nothing can change."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from session_assistant.drafting import DraftSentence

from session_seed import LINES, draft_for_lines, seed_session
from ui_helpers import unlock

NAMES = {"clinician": "Clinician", "client": "Client"}


def open_session(qtbot, make_window, paths, appointment):
    window = make_window(paths)
    unlock(qtbot, window)
    window.workspace.open_session(appointment)
    return window, window.workspace.session


def shown_names(panel) -> list[str]:
    return [line.split("] ", 1)[1].split(":", 1)[0] for line in panel.line_texts()]


def stored_speakers(window, appointment) -> list[str]:
    return [s.speaker for s in window.ctx.practice.sessions.transcript(appointment).segments]


def test_swap_renames_every_line_in_the_view_and_the_vault(qtbot, ready_vault, make_window):
    appointment, _note = seed_session(ready_vault)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    panel = session.transcript
    assert shown_names(panel) == [NAMES[who] for who, _ in LINES]
    assert panel.swap_button.isEnabled() and not panel.notice.isVisible()

    panel.swap_button.click()
    swapped = ["Client", "Client", "Clinician", "Client", "Clinician"]
    assert shown_names(panel) == swapped
    assert stored_speakers(window, appointment) == [w.lower() for w in swapped]
    assert panel.notice.isVisible() and panel.redraft_button.isVisible()
    assert panel.notice_text.text() == ("Speakers changed on 5 line(s): redraft the affected sections "
                                        "(Subjective, Objective, Assessment, Plan)?")
    with window.ctx.practice.vault.db.read() as conn:
        audited = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'transcript_speakers_swapped' "
                               "AND entity_id = ?", (appointment,)).fetchone()[0]
    assert audited == 1

    window.ctx.sessions.clear()  # reload: the view reads the vault again
    session.show_appointment(None)
    session.show_appointment(appointment)
    assert shown_names(panel) == swapped


def test_reassign_one_line_and_the_evidence_follows(qtbot, ready_vault, make_window):
    appointment, _note = seed_session(ready_vault)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    panel = session.transcript
    panel.select_segment(1)
    client_said_it = next(a for a in panel.reassign_button.menu().actions() if a.text() == "Client said this")
    client_said_it.trigger()
    assert shown_names(panel) == ["Clinician", "Client", "Client", "Clinician", "Client"]
    assert stored_speakers(window, appointment)[1] == "client"
    assert "Speakers changed on 1 line(s): redraft the affected sections (Subjective, Assessment)?" == \
        panel.notice_text.text()

    session._on_reassign_chosen(4, "clinician")  # a second fix: the first's sections stay offered
    assert panel.notice_text.text() == ("Speakers changed on 1 line(s): redraft the affected sections "
                                        "(Subjective, Assessment, Plan)?")

    window.workspace.open_note(appointment)
    editor = window.workspace.note
    editor.sentences.setCurrentRow(0)  # "Client reported trying the breathing exercise twice." cites line 1
    assert editor.evidence.toPlainText() == "[00:06] Client: I tried it twice and it helped a little."


def test_the_offer_follows_the_draft_in_the_window_not_only_the_stored_one(qtbot, ready_vault, make_window):
    appointment, _note = seed_session(ready_vault)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    window.workspace.open_note(appointment)  # loads the stored draft into the window
    work = window.ctx.sessions[appointment]
    work.draft.sentences[0].evidence = [3]  # as after a Refine: Subjective now rests on line 3
    window.workspace.open_session(appointment)
    session._on_reassign_chosen(3, "client")  # the stored draft cites line 3 nowhere
    assert session.transcript.notice_text.text() == ("Speakers changed on 1 line(s): redraft the affected "
                                                     "sections (Subjective)?")


def test_redraft_is_offered_and_rewrites_only_the_affected_sections(qtbot, ready_vault, make_window, monkeypatch):
    appointment, note_id = seed_session(ready_vault)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    editor = window.workspace.note
    window.workspace.open_note(appointment)
    editor.mental_status.normal_button.click()  # the clinician's lines must survive the redraft
    window.workspace.open_session(appointment)
    before = window.ctx.practice.notes.get(note_id)["fields"]["session_summary"]
    session.transcript.select_segment(1)
    session._on_reassign_chosen(1, "client")
    assert window.ctx.practice.notes.get(note_id)["fields"]["session_summary"] == before  # nothing silent

    asked = []

    def refine(ctx, current, utterances, instruction, progress, token):  # the model is the neighbour here
        asked.append((instruction, [u.speaker for u in utterances]))
        redrafted = draft_for_lines()
        redrafted.sentences = [DraftSentence("subjective", "Client said she tried it twice.", [1])] + \
            [s for s in redrafted.sentences if s.section != "subjective"]
        redrafted.sentences[-2] = DraftSentence("assessment", "Practice is helping the client.", [1])
        return redrafted

    monkeypatch.setattr("session_assistant.ui.session.draft_review.engines.refine", refine)
    session.transcript.redraft_button.click()
    qtbot.waitUntil(lambda: editor._worker is None and bool(asked), timeout=10000)
    instruction, speakers = asked[0]
    assert instruction.endswith("(Subjective, Assessment).") and speakers[1] == "client"
    text = window.ctx.practice.notes.get(note_id)["fields"]["session_summary"]
    assert "Client said she tried it twice." in text and "Practice is helping the client." in text
    assert "Client reported trying the breathing exercise twice." not in text
    assert "Clinician reviewed the breathing practice." in text  # Objective was not affected
    assert text.count("Mental status (clinician's observation):") == 1 and "Judgment: good." in text
    assert session.transcript.notice.isHidden()  # the offer was taken


def test_speakers_cannot_change_once_the_note_is_signed(qtbot, ready_vault, make_window, monkeypatch):
    appointment, _note = seed_session(ready_vault, signed=True)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    panel = session.transcript
    assert not panel.swap_button.isEnabled() and not panel.reassign_button.isEnabled()
    assert "signed" in panel.locked_reason.text()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    session._on_swap_clicked()  # as if the click got through: the service refuses
    assert warnings and "signed" in warnings[0]
    assert stored_speakers(window, appointment) == [who for who, _ in LINES]
    assert shown_names(panel) == [NAMES[who] for who, _ in LINES]


@pytest.mark.app_grace
def test_swap_behind_a_busy_writer_keeps_the_window_responsive_and_lands_after(qtbot, ready_vault, make_window):
    """Issue 19: the swap is a vault write; behind a backup's or digest's write it must not hold
    the GUI thread, and the lines show the new names once it lands."""
    import time

    from test_ui_vault_op import HeldWriter

    appointment, _note = seed_session(ready_vault)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    panel = session.transcript
    held = HeldWriter(window.ctx.practice)
    try:
        started = time.monotonic()
        panel.swap_button.click()
        clicked_s = time.monotonic() - started
        assert clicked_s < 1.0, f"the GUI thread waited {clicked_s:.1f} s for the busy writer"
        assert shown_names(panel) == [NAMES[who] for who, _ in LINES]  # not landed yet
    finally:
        held.release()
    swapped = ["Client", "Client", "Clinician", "Client", "Clinician"]
    qtbot.waitUntil(lambda: shown_names(panel) == swapped, timeout=5000)
    assert stored_speakers(window, appointment) == [w.lower() for w in swapped]
    assert panel.notice.isVisible()
