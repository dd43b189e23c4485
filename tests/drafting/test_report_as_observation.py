"""The Objective holds what was done and seen in the session: the client's week told as the clinician's
observation ("The clinician noted that the client had been missing out on walks") is withheld, shown
beside the note; an observation of the room stays, and the medical voice is untouched."""

from __future__ import annotations

from session_assistant.drafting.claim_support import REPORT_AS_OBSERVATION, report_as_observation
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("Clinician: How has the week been?\n"
                           "Client: I walk the dog every morning. I rang my brother on Sunday.\n"
                           "Clinician: You sound very tearful today, and that's all right.\n"
                           "Client: I miss her.")


def _draft(objective: list[str], subject: str = "client"):
    raw = {"objective": [{"text": t, "evidence": [1]} for t in objective]}
    return assemble(get_format("soap", subject), raw, SourceIndex(SESSION), [], model="m", mode="direct",
                    warnings=[], subject=subject)


def test_the_clients_week_told_as_the_clinicians_observation_is_withheld():
    draft = _draft(["The clinician noted that the client had been missing out on walking the dog.",
                    "The clinician observed that the client rang the brother on Sunday.",
                    "The clinician observed that the client sounded tearful today."])
    withheld = {s.text: s.flags for s in draft.withheld}
    assert REPORT_AS_OBSERVATION in withheld["The clinician noted that the client had been missing out on walking the dog."]
    assert REPORT_AS_OBSERVATION in withheld["The clinician observed that the client rang the brother on Sunday."]
    assert "client sounded tearful today" in draft.sections["objective"]


def test_only_an_observation_given_to_the_clinician_is_checked():
    assert not report_as_observation("The client had been walking the dog every morning.")
    assert not report_as_observation("The clinician noted the PHQ-9 of 16 today.")
    assert report_as_observation("The clinician noticed that the client hadn't eaten at home.")


def test_the_clients_report_given_as_the_clinicians_observation_is_withheld_whatever_its_tense():
    # The README's session picture: "The clinician observed that the client reported feeling anxious
    # before work meetings and sleeping badly, which was a significant concern."
    assert report_as_observation("The clinician observed that the client reported feeling anxious before work meetings.")
    assert report_as_observation("The therapist noted the client described two panic attacks.")
    assert not report_as_observation("The client reported feeling anxious before work meetings.")
    assert not report_as_observation("The clinician observed that the client spoke quickly when describing work.")
    draft = _draft(["The clinician observed that the client reported missing her sister."])
    assert REPORT_AS_OBSERVATION in draft.withheld[0].flags and "missing her sister" not in draft.sections["objective"]


def test_the_medical_voice_keeps_its_sentences():
    draft = _draft(["The clinician noted that the patient had been missing doses this week."], subject="patient")
    assert "missing doses" in draft.sections["objective"] and not draft.withheld


def test_a_history_nobody_told_is_withheld_and_one_said_stays():
    from session_assistant.drafting.claim_support import UNSAID_HISTORY, unsaid_history
    source = __import__("session_assistant.drafting.grounding", fromlist=["SourceIndex"]).SourceIndex(
        parse_transcript("Clinician: When was the crash?\nClient: Five months ago. I had panic attacks after my first one too."))
    assert unsaid_history("The client reported jumpiness, with a history of driving accidents.", source) == ["accidents"]
    assert unsaid_history("The client has a history of panic attacks.", source) == []
    draft = assemble(get_format("soap"), {"subjective": [{"text": "The client has a history of car accidents.", "evidence": [1]}]},
                     source, [], model="m", mode="direct", warnings=[], subject="client")
    assert any(f.startswith(UNSAID_HISTORY) for s in draft.withheld for f in s.flags)
