"""What a therapist documents beside an endorsed wish, in the list and the note, each in the client's words:
how often the thoughts come (asked after a later plan question was denied), the means the clinician names
as a statement ("And there's a lot of medication in the flat."), the step the client names when asked what
happens if the thoughts get worse; and whose risk it is: a question about a friend's wish to die is a
concern for another person, never the client's own screen nor the client's risk status.
"""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, ENDORSED, scan_transcript
from session_assistant.drafting.risk_after_screen import MEANS, SAFETY_STEPS
from session_assistant.drafting.risk_findings import risk_findings
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript


def _scan(text: str):
    lines = parse_transcript(text)
    return lines, scan_transcript(lines)


_WISH_THEN_DETAIL = """Clinician: When things feel that bleak, do you ever wish you could go to sleep and not wake up?
Client: (pause) Yes. Now and then.
Clinician: Thank you for saying so. Have you thought about acting on it, or about how you would end your life?
Client: No. I wouldn't. My son needs me.
Clinician: How often does it turn up?
Client: Most evenings lately, maybe four times a week.
Clinician: And there's a lot of medication in the flat, from your back operation.
Client: There is. It's in the kitchen cupboard, the top shelf, behind the cereal, where my partner put it. I've never looked at it that way, honestly.
Clinician: Okay. And if the wish got louder, or turned into something more?
Client: I'd phone the crisis line. Or my sister, she's ten minutes away.
Clinician: Good. Let's come back to the week."""


def test_how_often_is_listed_and_in_the_note_after_a_denied_plan_question():
    lines, items = _scan(_WISH_THEN_DETAIL)
    how_often = [i for i in items if 5 in i.evidence]
    assert how_often and how_often[0].status == ENDORSED and how_often[0].detail == "passive", items
    note = risk_note(lines, items)
    assert "how often" in note.account[0] and "four times a week" in note.account[0], note
    assert "passive suicidal ideation endorsed" in note.assessment[0], note


def test_means_named_by_the_clinician_as_a_statement_is_asked_and_answered():
    lines, items = _scan(_WISH_THEN_DETAIL)
    means = [i for i in items if i.category == MEANS]
    assert means and means[0].evidence == [6, 7], items
    note = risk_note(lines, items)
    assert "access to means" in note.assessment[0] and "kitchen cupboard" in note.assessment[0], note
    assert "never looked at it that way" in note.assessment[0], note  # what the client said of using them


def test_the_step_named_when_asked_what_if_the_thoughts_get_worse():
    lines, items = _scan(_WISH_THEN_DETAIL)
    steps = [i for i in items if i.category == SAFETY_STEPS]
    assert steps and steps[0].evidence == [8, 9] and "crisis line" in steps[0].phrase, items
    note = risk_note(lines, items)
    assert note.in_session and "crisis line" in note.in_session[0] and "phone the crisis line" in note.in_session[0], note


_FRIEND = """Client: It's my housemate, Priya. She burns her arm with a lighter when it gets bad.
Clinician: That sounds frightening to see.
Client: It is. I don't know what to do.
Clinician: Has she ever talked about wanting to kill herself?
Client: Not that. She says it calms her down. I'm not sure though.
Clinician: And you, with all this going on, any thoughts of hurting yourself?
Client: No. Never.
Clinician: Okay."""


def test_a_question_about_someone_else_is_a_concern_for_another_person():
    lines, items = _scan(_FRIEND)
    other = [i for i in items if 4 in i.evidence]
    assert other and other[0].category == "concern_for_other" and other[0].detail == "housemate", items
    assert not {"suicidal_ideation", "self_harm"} & set(other[0].categories), other
    assert "concern for another person (housemate)" in other[0].label(), other[0].label()
    own = [i for i in items if 6 in i.evidence]
    assert own and own[0].category == "self_harm" and own[0].status == DENIED, items
    findings = risk_findings(items)
    assert "the client denied self-harm" in findings and "suicidal" not in findings, findings
    note = risk_note(lines, items)
    assert "concern for another person (housemate)" in note.assessment[0], note
    assert "self-harm denied" in note.assessment[0] and "suicidal ideation" not in note.assessment[0].split("(housemate)")[0], note


def test_urges_to_do_it_again_after_a_past_told_is_the_current_screen():
    text = """Clinician: Have you ever hurt yourself on purpose?
Client: Years ago. I used to scratch my wrists at school. Not since.
Clinician: And lately, any urges to do it again?
Client: No. Not at all.
Clinician: Okay."""
    lines, items = _scan(text)
    again = [i for i in items if 3 in i.evidence]
    assert again and again[0].category == "self_harm" and again[0].status == DENIED, items
    note = risk_note(lines, items)
    assert "past self-harm reported" in note.assessment[0] and "self-harm urges denied" in note.assessment[0], note
    lines, items = _scan(text.replace("And lately, any urges to do it again?", "And lately, any thoughts of doing it again?"))
    assert "current self-harm denied" in risk_note(lines, items).assessment[0]


def test_a_no_said_twice_is_a_denial_whatever_filler_follows_but_a_doubt_said_next_is_not():
    from session_assistant.drafting.risk_choice import hedged
    assert not hedged("No. Honestly, no. If anything it's made me, I don't know, calmer about it.")
    assert hedged("No. No. I dunno. Sometimes I think about it.")


def test_the_answer_checked_back_after_a_no_is_the_same_screen():
    text = """Clinician: I ask everyone this. Have you had any thoughts of ending your life?
Client: Oh, no. I've got the allotment and the grandkids.
Clinician: Good to hear. So no thoughts like that, even late at night?
Client: None. I'm just worn out.
Clinician: Okay."""
    _, items = _scan(text)
    checked = [i for i in items if 3 in i.evidence]
    assert checked and checked[0].category == "suicidal_ideation" and checked[0].status == DENIED, items
    # a "Yes." to a check put as a no may agree that there are none: for the clinician, never endorsed
    _, items = _scan(text.replace("None. I'm just worn out.", "Yes."))
    checked = [i for i in items if 3 in i.evidence]
    assert checked and checked[0].status != ENDORSED, items


def test_a_person_introduced_by_name_is_whom_the_concern_is_for_not_a_relation_named_earlier():
    # Unseen 118 in other words: "my daughter" helped with the form earlier; the worry is about a neighbour,
    # introduced by name just before the question ("concern for another person (daughter)" was wrong).
    lines, items = _scan(
        "Clinician: How did the forms go?\nClient: Done. My daughter sat with me on the video call.\n"
        "Clinician: Good. Anything else on your mind?\nClient: Pat. She lives across the landing. She's been saying "
        "she's had enough of everything, and she's stopped answering the door.\n"
        "Clinician: Has she said anything about ending her life?\nClient: Not in those words.\nClinician: Okay.")
    other = [i for i in items if i.category == "concern_for_other"]
    assert other and other[0].detail == "Pat", items
    # "Yeah. She ..." introduces nobody: the relation named before still says who
    lines, items = _scan(
        "Clinician: How's home?\nClient: My sister's staying.\nClinician: How is she?\nClient: Yeah. She's low.\n"
        "Clinician: Has she talked about hurting herself?\nClient: No.\nClinician: Okay.")
    other = [i for i in items if i.category == "concern_for_other"]
    assert other and other[0].detail == "sister", items
