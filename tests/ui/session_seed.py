"""A session with a stored transcript, a stored AI draft and (optionally) its note, in a closed vault,
so window tests can start from "the session was transcribed and drafted" without running a model."""

from __future__ import annotations

from sa_testing import TEST_PASSPHRASE

LINES = [("clinician", "How did the breathing practice go this week?"),
         ("clinician", "I tried it twice and it helped a little."),  # the client's words, named wrongly
         ("client", "Have you had any thoughts of hurting yourself?"),
         ("clinician", "No, never."),
         ("client", "Let's practise it every evening before bed.")]
AI_SENTENCES = [("subjective", "Client reported trying the breathing exercise twice.", [1]),
                ("objective", "Clinician reviewed the breathing practice.", [0]),
                ("assessment", "Client's anxiety is easing with practice.", [1]),
                ("plan", "Client will practise breathing every evening.", [4])]


def draft_for_lines(fmt: str = "soap"):
    from session_assistant.drafting import Draft, DraftSentence, get_format

    return Draft(get_format(fmt), [DraftSentence(*s) for s in AI_SENTENCES], model="test-model")


def seed_session(paths, *, template: str | None = "AI Session Summary", signed: bool = False) -> tuple[int, int | None]:
    """(appointment id, note id) of a sample appointment given a transcript, a draft and a note."""
    from session_assistant.app import open_practice
    from session_assistant.transcribe.segments import Segment, Transcript

    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        appointment = next(row["id"] for row in practice.appointments.list() if not row["note_id"])
        segments = [Segment(i, 6.0 * i, 6.0 * i + 5, text, speaker=who) for i, (who, text) in enumerate(LINES)]
        practice.sessions.store_transcript(appointment, Transcript("en", 30.0, segments))
        practice.sessions._store_draft(appointment, "soap", draft_for_lines().to_json(), "test-model")
        note_id = None
        if template:
            template_fields = practice.notes.template(template)["fields"]
            practice.notes.save_template(template, template_fields)  # the stored, validated form
            note_id = practice.notes.create(appointment, template)
            if signed:
                first = practice.notes.get(note_id)["template"][0]["name"]
                practice.notes.set_field(note_id, first, practice.notes.get(note_id)["fields"][first] or "Seen.")
                practice.notes.sign(note_id, practice.profile.get())
        return appointment, note_id
    finally:
        practice.close()
