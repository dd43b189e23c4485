"""The whole workflow with real engines: import a spoken recording, transcribe, draft, review, sign.

Uses the tiny models (whisper-base, smollm2-135m-instruct via the settings override) on a short
espeak-ng recording.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtWidgets import QMessageBox

from ui_helpers import unlock

SPEECH = ("Hello, how have you been this week? I have been sleeping badly and I feel anxious about work. "
          "Let us try a breathing exercise every evening before bed, and we will meet again next Tuesday.")


@pytest.fixture
def spoken_wav(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (apt-get install espeak-ng)")
    path = tmp_path / "session.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(path), SPEECH], check=True)
    return path


@pytest.mark.slow
def test_import_transcribe_draft_review_and_sign(qtbot, ready_vault, make_window, spoken_wav, monkeypatch):
    # The import workflow's one end-to-end window test on the real models (the others use fakes).
    window = make_window(ready_vault, real_engines=True, model_overrides={"llm": "smollm2-135m-instruct"})
    window.ctx.settings.auto_lock_minutes = 120  # no idle lock while the models work
    unlock(qtbot, window)
    # One sentence per section: nothing here reads the note's length, and the tiny model finishes
    # sooner. (The pipeline passes its own max_sentences to draft_note, so a draft_note partial with
    # max_sentences=2, as this test had, was overridden and the default length drafted.)
    window.ctx.practice.sessions.max_sentences = 1
    workspace = window.workspace
    agenda = workspace.agenda
    today = agenda.tree.topLevelItem(0)
    row = next(today.child(j) for j in range(today.childCount()) if "Jonah" in today.child(j).text(1))
    agenda.tree.setCurrentItem(row)
    agenda.start_session.click()
    session = workspace.session
    assert "consented" in session.consent_state.text()
    assert session.import_button.isEnabled()

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    ready = []
    session.summary_ready.connect(ready.append)
    session.import_recording(spoken_wav)
    qtbot.waitUntil(lambda: bool(ready or warnings), timeout=1_500_000)  # 2 shared cores
    assert not warnings
    assert ready == [session.appointment_id]
    work = window.ctx.sessions[session.appointment_id]
    assert work.stage == "ready"
    assert "sleep" in session.transcript.toPlainText().lower()
    assert work.draft is not None and work.draft.sentences
    agenda.refresh()
    badges = [agenda.tree.topLevelItem(0).child(j).text(3) for j in range(agenda.tree.topLevelItem(0).childCount())]
    assert "AI session summary ready" in badges
    assert workspace.last_notification == "An AI session summary is ready for review."

    session.open_note_button.click()
    editor = workspace.note
    assert editor.note is not None and editor.note["ai_assisted"] == 1
    assert window.ctx.practice.sessions.latest_draft(session.appointment_id) is not None  # persisted
    ai_text = editor.note["fields"]["session_summary"]
    assert ai_text.strip() and "SUBJECTIVE" in ai_text
    # Every sentence is listed, and so is every one left out of the note (never hidden).
    assert editor.review.isVisible()
    assert editor.sentences.count() == len(work.draft.sentences) + len(work.draft.withheld)
    left_out = [editor.sentences.item(i).text() for i in range(len(work.draft.sentences), editor.sentences.count())]
    assert all(text.startswith("⊘ Left out of the draft: ") for text in left_out)
    # Choosing a grounded sentence shows the transcript lines it rests on.
    grounded = next((i for i, s in enumerate(work.draft.sentences) if s.evidence), None)
    if grounded is not None:
        editor.sentences.setCurrentRow(grounded)
        cited = work.draft.sentences[grounded].evidence[0]
        line = next(seg for seg in work.transcript.segments if seg.id == cited)
        assert line.text in editor.evidence.toPlainText()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.sign_button.click()
    note = window.ctx.practice.notes.get(editor.note["id"])
    assert note["status"] == "signed"
    assert window.ctx.practice.notes.verify_hash(note["id"])
