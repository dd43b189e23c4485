"""The client's own steps for a bad night, asked after a risk question, are the Plan's in the client's words:
the 1.5B model left them out or wrote a passive with nobody in it ("The numbers on the fridge will be kept.")."""

from __future__ import annotations

from session_assistant.drafting.plan_safety import OWN_STEPS_OPENING, own_steps, safety_steps
from session_assistant.drafting.transcript_input import parse_transcript

NIGHTS = parse_transcript("""Clinician: Have you had any thoughts of ending your life?
Client: Sometimes, late at night. No plan. I wouldn't.
Clinician: What helps, when it's like that at night?
Client: Putting the radio on. Texting my brother. Sitting on the back step.
Clinician: And if the thoughts got stronger?
Client: I'd phone the crisis line, the one on my key ring.
Clinician: Good. Let's meet again on Thursday.""")


def test_the_clients_own_steps_after_a_risk_question_are_quoted_in_the_plan():
    assert own_steps(NIGHTS) == [("Putting the radio on. Texting my brother. Sitting on the back step.", 3),
                                 ("I'd phone the crisis line, the one on my key ring.", 5)]
    lines = [text for text, _ in safety_steps(NIGHTS)]
    assert any(text.startswith(OWN_STEPS_OPENING) and "key ring" in text for text in lines)


def test_what_helps_with_no_risk_talk_is_no_safety_step():
    pain = parse_transcript("""Clinician: How has the back been?
Client: Bad on Monday. Better since.
Clinician: What helps, when it flares?
Client: A hot bath and the stretches from the physio.""")
    assert own_steps(pain) == []
    # an answer that holds no step ("I don't know.") is not quoted, and a line another Plan line quotes is skipped
    unsure = parse_transcript("""Clinician: Have you had thoughts of suicide?
Client: Now and then.
Clinician: What would help on those nights?
Client: I don't know, honestly.""")
    assert own_steps(unsure) == []
    assert own_steps(NIGHTS, skip=[3]) == [("I'd phone the crisis line, the one on my key ring.", 5)]
