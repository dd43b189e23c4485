"""Mental status is the clinician's checklist to fill (issue 16): a model sentence that gives the
clinician a finding of the client's mood, affect, behaviour or state, or the client's own account
as the clinician's observation, is withheld and shown beside the note, unless a clinician line
voices that very finding ("You sound really low" holds "mood was low")."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.model_observation import MODEL_OBSERVATION, model_observation
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.ui.note.note_review import describe_flags

# The clinician speaks of mood and behaviour without ever seeing a state in the client: the
# domain's word is said, the finding only in the client's own account.
ASKED = parse_transcript("Clinician: How has your mood been, and have the checking behaviours changed?\n"
                         "Client: Low, really low. Fatigue, difficulty sleeping, I'm anxious, I've been busy with work.\n"
                         "Clinician: What's on the low side for you, then? Has it improved?\n"
                         "Client: It has improved a bit, more positive. The checking is repetitive, it's driven by anxiety, "
                         "and it kept the fear of fire going.")
VOICED = parse_transcript("Clinician: How has your mood been?\n"
                          "Client: I don't know. Fine, I suppose.\n"
                          "Clinician: You sound really low today, and you seem restless.\n"
                          "Client: Maybe.")


def _draft(session, part: str, sentences: list[str]):
    raw = {part: [{"text": t, "evidence": [1, 3]} for t in sentences]}
    return assemble(get_format("soap", "client"), raw, SourceIndex(session), [], model="m", mode="direct",
                    warnings=[], subject="client")


def _withheld_for_observation(draft) -> dict[str, list[str]]:
    return {s.text: s.flags for s in draft.withheld if any(f.startswith(MODEL_OBSERVATION) for f in s.flags)}


def test_a_mood_finding_the_clinician_only_asked_about_is_withheld():
    low = "The clinician observed that the client's mood was low, with fatigue and difficulty sleeping."
    improved = "The client's mood and affect have also improved, with a more positive outlook."
    repetitive = "The clinician observed that the client's behaviour was increasingly anxious and repetitive."
    draft = _draft(ASKED, "objective", [low, improved, repetitive])
    withheld = _withheld_for_observation(draft)
    assert set(withheld) == {low, improved, repetitive}
    assert f"{MODEL_OBSERVATION}:low" in withheld[low]
    assert "repetitive" not in draft.sections["objective"] and "improved" not in draft.sections["objective"]


def test_the_clients_own_account_given_as_the_clinicians_observation_is_withheld():
    busy = "The clinician observed that the client was busy with work."
    draft = _draft(ASKED, "objective", [busy])
    assert busy in _withheld_for_observation(draft)
    assert "busy with work" not in draft.sections["objective"]


def test_a_finding_a_clinician_line_voices_stays_in_the_note():
    draft = _draft(VOICED, "objective", ["The clinician observed that the client's mood was low.",
                                         "The clinician noted that the client seemed restless."])
    assert _withheld_for_observation(draft) == {}
    assert "mood was low" in draft.sections["objective"] and "restless" in draft.sections["objective"]


def test_an_assessment_is_checked_only_where_it_claims_an_observation():
    observed = "The clinician observed that the client's behaviour was repetitive and driven by anxiety."
    formulation = "The client's checking behaviours have kept the fear of fire going."
    draft = _draft(ASKED, "assessment", [observed, formulation])
    assert set(_withheld_for_observation(draft)) == {observed}
    assert "kept the fear of fire going" in draft.sections["assessment"]


def test_what_the_clinician_did_is_no_finding_about_the_client():
    source = SourceIndex(ASKED)
    assert model_observation("The clinician observed that the client's interventions included the worry tree.", source) == []
    assert model_observation("The clinician asked about the client's mood.", source) == []
    assert model_observation("The clinician observed that the client's activities were marked by avoidance.", source)


def test_the_review_panel_says_why_in_plain_words():
    words = describe_flags([f"{MODEL_OBSERVATION}:low"])
    assert "no clinician line" in words and "low" in words and "_" not in words


def test_a_finding_only_the_clinician_makes_is_withheld_from_the_subjective_too():
    # 101: "The client's speech was described as anxious and empty, ..." passed in Subjective while the
    # same sentence about affect was withheld from Objective. Speech, affect, appearance are the clinician's
    # to see; the client's own mood report stays the Subjective's.
    speech = "The client's speech was described as anxious and low, with fatigue."
    mood = "The client's mood was low, with difficulty sleeping."
    draft = _draft(ASKED, "subjective", [speech, mood])
    assert speech in _withheld_for_observation(draft)
    assert mood in draft.sections["subjective"]
