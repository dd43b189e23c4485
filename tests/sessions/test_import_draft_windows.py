"""An imported (long) session's draft, after transcription: its windows are draft-job checkpoints,
so a cancelled or killed draft resumes after the last finished window, cut the same way (as
``draft_note`` cut them, kept with each window, not the live session's 600 tokens); and a speaker
fix reaches the windows already saved: a window whose lines have another speaker now is drafted
again from the corrected lines, one whose lines kept their speakers is kept and not shown to the
model again. Real vault, real tiny model (SmolLM2-135M); what it writes is not judged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from session_assistant.app import open_practice
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken
from session_assistant.paths import AppPaths
from session_assistant.transcribe.segments import Segment, Transcript

pytestmark = pytest.mark.slow
SESSION = Path(__file__).resolve().parents[2] / "bench" / "therapy_eval" / "sessions" / "05_cpt_trauma.txt"
# The session service's windowing made small: the first TURNS turns of a bench session (~360
# tokens) are over its direct limit and drafted in three windows (two to finish before a cancel,
# one after them), as a whole session (~6,300 tokens) is in seven of the app's 1,000 tokens, for
# a fraction of the tiny model's work. In DAP: what is tested does not depend on the format, and
# its three sections are three generations a window, where SOAP's are four (SmolLM2, one thread:
# 188 s of CPU for the three model tests in SOAP with 250-token windows, 143 s so; bench/README.md).
WINDOWING = {"direct_limit": 200, "window_tokens": 150}
TURNS = 17
FORMAT = "dap"


def long_transcript(speaker=str.lower, turns: int = TURNS) -> Transcript:
    """The first ``turns`` turns of a bench therapy session, each speaker named ``speaker(name)``
    (by default as transcription names speakers: lower case)."""
    segments = []
    for line in SESSION.read_text(encoding="utf-8").splitlines():
        who, _, words = line.partition(":")
        if words.strip() and len(segments) < turns:
            n = len(segments)
            segments.append(Segment(n, 5.0 * n, 5.0 * n + 4.5, words.strip(), speaker=speaker(who.strip())))
    return Transcript("en", 5.0 * len(segments), segments)


def windowed(practice):
    """``practice`` drafting with the small windows, one at a time (which windows are done is then plain)."""
    practice.sessions.windowing = dict(WINDOWING)
    practice.sessions.drafting_cores = 1
    return practice


def saved_windows(practice, appointment: int) -> list[list[int]]:
    job = practice.jobs.latest("draft", appointment)
    return [c["window"]["segment_ids"] for c in practice.jobs.checkpoints(job.id)]


def cancelled_after_two_windows(practice) -> list[list[int]]:
    """Import ``long_transcript()`` and cancel its draft when two of its three windows are done."""
    windowed(practice)
    appointment = practice.appointment_id
    practice.sessions.store_transcript(appointment, long_transcript())
    token = CancelToken()

    def cancel(fraction: float, message: str) -> None:
        if message == "Drafting part 2: done":
            token.cancel()

    with pytest.raises(Cancelled):
        practice.sessions.draft_session(appointment, FORMAT, on_progress=cancel, token=token)
    assert practice.sessions.latest_draft(appointment) is None  # one outcome: cancelled, no draft
    assert practice.jobs.latest("draft", appointment).state == "cancelled"
    before = saved_windows(practice, appointment)
    assert len(before) == 2
    return before


def reopened_copies(practice, folder: Path, count: int) -> list:
    """``count`` copies of ``practice``'s vault as it is now (closed first: the files are then
    complete), each opened as a vault of its own with the same drafting settings. Cancelling the
    import once and resuming copies of it costs the tiny model two windows less per copy; the
    resume reads the saved windows from the vault either way (``JobCheckpointStore``)."""
    appointment = practice.appointment_id
    model, sentences = practice.sessions.note_model, practice.sessions.max_sentences
    practice.close()
    copies = []
    for n in range(count):
        paths = AppPaths.default(vault_dir=folder / f"copy{n}" / "vault", models_dir=MODELS_DIR)
        paths.ensure()
        shutil.copytree(practice.paths.vault_dir, paths.vault_dir)
        copy = open_practice(paths, TEST_PASSPHRASE)
        copy.appointment_id = appointment
        copy.sessions.note_model, copy.sessions.max_sentences = model, sentences
        copies.append(windowed(copy))
    return copies


def resume_asking(practice, fmt: str = FORMAT) -> list[str]:
    """Resume the draft; returns the user prompts the model was given."""
    model = practice.sessions.llm()
    asked = []
    generate = model.generate_json

    def spy(messages, *args, **kwargs):
        asked.append(messages[-1]["content"])
        return generate(messages, *args, **kwargs)

    model.generate_json = spy
    try:
        practice.sessions.draft_session(practice.appointment_id, fmt)
    finally:
        del model.generate_json
    assert practice.jobs.latest("draft", practice.appointment_id).state == "done"
    return asked


def speakers_now(practice) -> dict[int, str]:
    return {s.id: s.speaker for s in practice.sessions.transcript(practice.appointment_id).segments}


def saved_speakers(practice) -> dict[int, str]:
    job = practice.jobs.latest("draft", practice.appointment_id)
    return {i: who for c in practice.jobs.checkpoints(job.id)
            for i, who in zip(c["window"]["segment_ids"], c["window"].get("speakers", []))}


def uninterrupted_windows(practice) -> list[list[int]]:
    """How one uninterrupted draft of the same transcript cuts its windows: the drafter's own plan
    (``DraftAccumulator.planned_windows``, the cut one window after another takes; that drafting it
    keeps exactly these windows is tests/drafting/test_window_workers.py's), with the session's
    model, format and window size. Drafting the three windows took a fifth of this test's CPU."""
    from session_assistant.drafting import parse_transcript
    from session_assistant.drafting.accumulator import DraftAccumulator

    acc = DraftAccumulator(practice.sessions.llm(), FORMAT, window_tokens=WINDOWING["window_tokens"],
                           facts_per_section=practice.sessions.max_sentences)
    acc.queue(parse_transcript(long_transcript()))  # as draft_note reads a stored transcript
    return [[u.id for u in window] for window in acc.planned_windows(tail=True)]


def resumes_after_its_last_window(practice, before: list[list[int]]) -> list[list[int]]:
    asked = resume_asking(practice)
    after = saved_windows(practice, practice.appointment_id)
    assert after[:2] == before  # the two finished windows were kept...
    done = {i for w in before for i in w}
    assert not any(f"[{i}] " in prompt for i in done for prompt in asked)  # ...and not shown to the model again
    assert practice.sessions.latest_draft(practice.appointment_id)["draft"]["mode"] == "windowed"
    job = practice.jobs.latest("draft", practice.appointment_id)
    cut = [c["window"]["window_tokens"] for c in practice.jobs.checkpoints(job.id)]
    assert cut == [WINDOWING["window_tokens"]] * 3  # the rest cut as the draft cut it, not as a live session's 600
    return after


def a_swap_redrafts_every_saved_window_with_the_new_roles(practice, before: list[list[int]]) -> list[list[int]]:
    practice.speaker_labels.swap_speakers(practice.appointment_id)
    now = speakers_now(practice)
    asked = resume_asking(practice)
    for i in (i for window in before for i in window):  # every saved line was shown again, with its new name
        assert any(f"[{i}] {now[i]}: " in prompt for prompt in asked), i
    assert saved_speakers(practice) == now  # every window of the resumed draft was drafted with today's roles
    return saved_windows(practice, practice.appointment_id)


def one_reassigned_line_redrafts_its_window_only(practice, before: list[list[int]]) -> None:
    line = before[0][3]
    old = speakers_now(practice)[line]
    practice.speaker_labels.reassign_segment(practice.appointment_id, line, "client" if old == "clinician" else "clinician")
    now = speakers_now(practice)
    asked = resume_asking(practice)
    assert any(f"[{line}] {now[line]}: " in prompt for prompt in asked)  # its window was drafted again...
    assert not any(f"[{i}] " in prompt for i in before[1] for prompt in asked)  # ...the untouched one was not
    after = saved_windows(practice, practice.appointment_id)
    assert before[1] in after and before[0] in after  # the window was cut as before (its lines only)
    assert saved_speakers(practice) == now


def test_a_cancelled_import_resumes_after_its_last_window_and_a_speaker_fix_redrafts_what_it_changed(practice, tmp_path):
    """One cancelled import, resumed in three copies of its vault: as it was, after a swap of the
    two speakers, after one reassigned line. The resumed drafts are cut as one uninterrupted draft
    cuts them (a swap's too: every window drafted again, none cut anew)."""
    before = cancelled_after_two_windows(practice)
    as_it_was, swapped, reassigned = copies = reopened_copies(practice, tmp_path, 3)
    try:
        resumed = resumes_after_its_last_window(as_it_was, before)
        redrafted = a_swap_redrafts_every_saved_window_with_the_new_roles(swapped, before)
        one_reassigned_line_redrafts_its_window_only(reassigned, before)
        assert resumed == redrafted == uninterrupted_windows(as_it_was)
    finally:
        for copy in copies:
            copy.close()
