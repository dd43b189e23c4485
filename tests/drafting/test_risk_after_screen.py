"""What the stretch after a risk screen holds, listed for the clinician each as its own kind, and written
into the note: whether the client ever acted on the thoughts, the means asked about and the answer, and the
steps agreed for safety. A therapist reading a PHQ-9 follow-up found all three missing from the list, and
the note silent on the past and on the means ("the note must show the whole screen").

Also: an obsession told in exposure work for harm OCD, listed as an intrusive thought, is documented in the
note's risk part (it said nothing of it); a screen the transcriber misheard is listed as a denial to check.
"""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, ENDORSED, INTRUSIVE, scan_transcript
from session_assistant.drafting.risk_after_screen import ACTED_ON, AGREED, MEANS, MEANS_NAMED, SAFETY_STEPS
from session_assistant.drafting.risk_findings import risk_findings
from session_assistant.drafting.risk_misheard import WORDING_TO_CHECK
from session_assistant.drafting.risk_note import risk_sentences
from session_assistant.drafting.transcript_input import parse_transcript

_SCREEN_AND_ITS_STRETCH = """Clinician: Over the last fortnight, have there been thoughts that you'd be better off dead?
Client: Some nights. Lying awake I think they'd all be better off without me.
Clinician: Have you ever acted on thoughts like that, recently or years back?
Client: No. Never.
Clinician: Is there anything in the house you've thought about using, or kept aside? Pills, say?
Client: No. I've got the sertraline the doctor gave me, a month's worth. My husband collects it.
Clinician: Thank you. Let's talk about the week.
Client: It was long.
Clinician: If those thoughts got stronger, what would you do?
Client: Ring my sister. Or the crisis line.
Clinician: Can we put that on a card before you go?
Client: Yes. Okay.
"""


def _items(text: str):
    lines = parse_transcript(text)
    return lines, scan_transcript(lines)


def _at(items, line: int):
    return [i for i in items if line in i.evidence]


def test_acting_on_the_thoughts_is_listed_as_its_own_kind_with_its_denial():
    _, items = _items(_SCREEN_AND_ITS_STRETCH)
    acted = _at(items, 3)
    assert [(i.category, i.status, i.evidence) for i in acted] == [(ACTED_ON, DENIED, [2, 3])]
    # never "suicidal ideation denied" beside the wish the client told
    assert not [i for i in items if i.category == "suicidal_ideation" and i.status == DENIED]


def test_the_means_question_is_listed_with_the_means_the_answer_names_not_as_a_denial():
    _, items = _items(_SCREEN_AND_ITS_STRETCH)
    means = _at(items, 5)
    assert [(i.category, i.status, i.evidence) for i in means] == [(MEANS, MEANS_NAMED, [4, 5])]


def test_the_safety_steps_agreed_are_listed_with_the_clients_answer():
    _, items = _items(_SCREEN_AND_ITS_STRETCH)
    steps = [i for i in items if i.category == SAFETY_STEPS]
    assert [i.evidence for i in steps] == [[8, 9], [10, 11]]
    assert all(i.status == AGREED for i in steps)
    assert not _at(items, 6)  # the talk about the week is no step


def test_the_note_shows_the_whole_screen():
    lines, items = _items(_SCREEN_AND_ITS_STRETCH)
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "acting on the thoughts denied" in said
    assert "sertraline" in said and "access to means denied" not in said
    assert "card" in said and "Ring my sister" in said
    assert "suicidal ideation denied" not in said.replace("active suicidal ideation denied", "")


_ORDINARY_AFTER_A_SCREEN = """Clinician: Any thoughts of ending your life since we last met?
Client: No, nothing like that.
Clinician: Are you still taking the medication the GP started?
Client: Yes, every morning.
Clinician: Have you tried the breathing exercise this week?
Client: Twice.
Clinician: And does he have access to any weapons?
Client: He has a shotgun for the farm.
"""


def test_medication_taken_an_exercise_tried_and_someone_elses_weapons_are_no_follow_up():
    _, items = _items(_ORDINARY_AFTER_A_SCREEN)
    assert [i.evidence for i in items] == [[0, 1]]


def test_the_same_questions_without_any_screen_list_nothing():
    text = _SCREEN_AND_ITS_STRETCH.split("\n", 2)[2]  # the screen and its answer left out
    _, items = _items(text)
    assert not [i for i in items if i.category in (ACTED_ON, MEANS, SAFETY_STEPS)]


_HARM_OBSESSION = """Clinician: These are the thoughts OCD throws at you. Can you say the thought as it comes?
Client: What if I stab her with the bread knife. That's it. I don't want that, ever.
Clinician: And have you ever hurt her, or anyone?
Client: No. Never.
"""


def test_an_obsession_listed_as_intrusive_is_written_in_the_notes_risk_part():
    lines, items = _items(_HARM_OBSESSION)
    assert [i.status for i in _at(items, 1)] == [INTRUSIVE]
    sentences = risk_sentences("soap", "assessment", lines, items)
    said = " ".join(s.text for s in sentences)
    assert "intrusive" in said.lower() and "stab her" in said
    assert "endorsed" not in said
    assert any(1 in s.evidence for s in sentences)


def test_a_harm_wish_told_plainly_gets_no_intrusive_line():
    lines, items = _items("Clinician: How did the week go?\nClient: I could strangle him, honestly.\n")
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "intrusive" not in said.lower()
    assert ENDORSED in [i.status for i in items]


def test_someone_elses_weapons_are_not_the_clients_means_in_the_note():
    lines, items = _items(_ORDINARY_AFTER_A_SCREEN)
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "shotgun" not in said and "access to means" not in said


# Whisper heard "Any thoughts of hurting yourself?" as "thirding yourself" in a real window.
def test_a_misheard_screen_answered_no_is_listed_as_a_denial_with_its_wording_to_check():
    lines, items = _items("Clinician: And any thoughts of thirding yourself, this week?\nClient: No. None.\n")
    assert [(i.category, i.status, i.detail, i.evidence) for i in items] == [
        ("self_harm", DENIED, WORDING_TO_CHECK, [0, 1])]
    assert "wording to check" in risk_findings(items)
    assert not risk_sentences("soap", "assessment", lines, items)  # the list's to check, not the note's


def test_a_misheard_screen_is_never_endorsed_and_ordinary_verbs_are_no_screen():
    assert not _items("Clinician: Any thoughts of thirding yourself?\nClient: Sometimes, yeah.\n")[1]
    assert not _items("Clinician: Any ideas about supporting yourself after the move?\nClient: No.\n")[1]


def test_a_questionnaires_recent_span_is_no_time_gone():
    lines, items = _items("Clinician: In the past fortnight, have there been thoughts that you'd be better off dead?\n"
                          "Client: Some nights. I think they'd all be better off without me.\n")
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "passive suicidal ideation endorsed" in said and "past passive" not in said


def test_a_later_answer_naming_means_is_not_hidden_by_an_earlier_no():
    lines, items = _items("Clinician: Any thoughts of not wanting to be here?\nClient: Some days I wish I wasn't here.\n"
                          "Clinician: Anything put aside?\nClient: No.\n"
                          "Clinician: Have you got any medicines in the house, left over?\nClient: There's a box of codeine from my knee.\n")
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "codeine" in said and "access to means denied" not in said


def test_a_relative_agreeing_to_a_step_does_not_make_the_screen_a_joint_one():
    lines, items = _items("Clinician: Any thoughts of ending your life?\nClient: No. Never.\n"
                          "Daughter: He's been better.\n"
                          "Clinician: Could you keep the crisis line number by the phone for him?\nDaughter: Yes, I'll do that today.\n")
    assert [i.speaker for i in items if i.category == SAFETY_STEPS] == ["Daughter"]
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "by the client" not in said and "suicidal ideation denied" in said
