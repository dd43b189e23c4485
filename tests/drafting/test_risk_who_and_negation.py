"""Risk lines read for who is at risk and whether it was said or unsaid (no model).

Found on unseen sessions 49-54, each written here in other words: a denied death wish listed as
endorsed ("No. I don't want to be dead."), a death wished on another man listed as the client's own
suicidal ideation, a figure of speech taken back at once listed as harm to others, a passive wish
("I'd rather not wake up") beside a denied active one listed as denied, violence from a partner
(pushed, choked, threatened to kill) missing from the list, and "Me? Nah." unread as a no."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import DENIED, ENDORSED, risk_categories, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


def _items(text: str):
    return scan_transcript(parse_transcript(text))


@pytest.mark.parametrize("answer", [
    "No. I don't want to be dead. I want my mum to stop checking my plate.",
    "Nope, I never wished I was dead, I just get fed up.",
    "God no. I do not want to die, I've got too much going on.",
])
def test_a_death_wish_said_unsaid_answers_no(answer):
    items = _items("Clinician: Some people in your spot think about not wanting to be alive. Has that been "
                   f"happening for you?\nClient: {answer}")
    assert [(i.status, i.detail) for i in items] == [(DENIED, "")]


@pytest.mark.parametrize("answer,category", [
    ("Yeah, a couple of times. Not planning anything. I just think she'd be better off dead.", "harm_to_others"),
    ("Honestly yes. I've thought the world would be better if he was dead, they'd all be better off.",
     "harm_to_others"),
])
def test_a_death_wished_on_someone_else_is_not_the_clients_suicidal_ideation(answer, category):
    items = _items("Clinician: When you say you want to get back at her, have you had thoughts of killing her?\n"
                   f"Client: {answer}")
    assert len(items) == 1
    assert items[0].status == ENDORSED and items[0].detail == ""
    assert items[0].categories == [category]


def test_the_clients_own_better_off_dead_is_still_passive_ideation():
    assert risk_categories("Some nights I think I'd be better off dead.") == [("suicidal_ideation", "better off dead")]
    # Reported from the one who thinks it (a parent in a joint session): their ideation, listed as such.
    assert risk_categories("My son said he'd be better off dead.") == [("suicidal_ideation", "better off dead")]
    # Wished on someone else: still risk (the drafter withholds any model sentence saying it), but to others.
    assert risk_categories("I think he'd be better off dead, honestly.") == [("harm_to_others", "better off dead")]


@pytest.mark.parametrize("question", [
    "Have you had any thoughts of doing something to them, shouting at them, hurting them?",
    "Did you want to hurt him when you saw him?",
    "Any thoughts of harming her since?",
])
def test_asked_whether_they_would_hurt_a_named_other_is_a_screen(question):
    items = _items(f"Clinician: {question}\nClient: No. No way. I'm not like that.")
    assert [(i.categories, i.status) for i in items] == [(["harm_to_others"], DENIED)]


def test_asked_whether_someone_else_hurts_her_is_no_harm_to_others_screen():
    items = _items("Clinician: Are you worried he'll hurt her when she's back?\nClient: No, he's got a restraining order.")
    assert [(i.status, i.evidence) for i in items if "harm_to_others" in i.categories] == [("mentioned", [0])]


@pytest.mark.parametrize("line", [
    "I could have throttled him. Not really, obviously, but I was livid.",
    "Honestly I wanted to kill her. Not literally. I was just so angry.",
    "I wanted to strangle him, I'm joking, but you know what I mean.",
])
def test_a_figure_of_speech_taken_back_at_once_is_not_listed(line):
    assert _items(f"Client: {line}") == []


def test_a_threat_not_taken_back_is_still_listed():
    items = _items("Client: I wanted to strangle him. I still do. I've been thinking about it all week.")
    assert [(i.category, i.status) for i in items] == [("harm_to_others", ENDORSED)]


@pytest.mark.parametrize("answer", [
    "Yeah. It's not like I'd kill myself. It's more, some nights, I'd rather just not wake up.",
    "It's not that I want to end my life. I'd rather not be here some days, that's all.",
])
def test_a_passive_wish_beside_a_denied_active_one_is_endorsed_passive(answer):
    items = _items("Clinician: On the last item, thoughts you'd be better off dead, you ticked more than half the "
                   f"days. Can you tell me about that?\nClient: {answer}")
    assert [(i.category, i.status, i.detail) for i in items] == [("suicidal_ideation", ENDORSED, "passive")]


@pytest.mark.parametrize("line", [
    "Interpreter: She says on Friday he pushed her into the door, in front of the kids.",
    "Client: He grabbed me by the throat last month.",
    "Client: He put his hands round my neck and I couldn't breathe.",
    "Interpreter: He said if she leaves, he will kill her.",
    "Client: He slapped me across the face when I said no.",
])
def test_violence_from_a_partner_is_listed_as_abuse(line):
    items = _items(line)
    assert [i.category for i in items] == ["abuse"] and items[0].status == "reported"


def test_a_fear_of_being_killed_is_no_threat_told():
    # A dog-phobic client at the moment of the bite: a fear, not abuse.
    assert _items("Client: It jumped up and I honestly believed he was going to kill me.") == []


@pytest.mark.parametrize("question", [
    "Has he ever tried to choke you or put his hands around your neck?",
    "Has she ever threatened to kill you?",
    "Does he push you or slap you when he's been drinking?",
])
def test_asked_about_violence_from_a_partner_is_an_abuse_screen(question):
    items = _items(f"Clinician: {question}\nInterpreter: She says yes, once, in the kitchen.")
    assert [(i.categories[0], i.status) for i in items] == [("abuse", ENDORSED)]


@pytest.mark.parametrize("answer", ["Me? Nah. Nah. I'm angry, I'm not like that.", "Myself? No, never."])
def test_an_echo_question_before_the_no_is_still_a_no(answer):
    items = _items(f"Clinician: And any thoughts of hurting yourself?\nClient: {answer}")
    assert [i.status for i in items] == [DENIED]


def test_the_note_documents_an_echoed_no_as_denied():
    from session_assistant.drafting.risk_note import risk_note

    lines = parse_transcript("Clinician: Any thoughts of hurting yourself, or of ending your life?\n"
                             "Client: (pause) Me? Nah. I've got my girls.")
    note = risk_note(lines, scan_transcript(lines))
    assert "denied" in note.text and "client answered" not in note.text


def test_a_question_not_heard_waits_for_the_interpreters_answer_and_abuse_is_no_past_attempt():
    from session_assistant.drafting.risk_note import risk_note

    lines = parse_transcript("Clinician: Has he ever tried to strangle you, or put his hands on your throat?\n"
                             "Client: Perdão? O quê?\n"
                             "Interpreter: She says yes, once, in the spring, against the fridge.")
    items = scan_transcript(lines)
    assert [(i.categories[0], i.status, i.evidence) for i in items] == [("abuse", ENDORSED, [0, 2])]
    note = risk_note(lines, items)
    assert "past attempts" not in note.text and "abuse" in note.text


def test_a_child_hurt_is_risk_and_a_childs_feelings_are_not():
    assert risk_categories("The client said their partner had hit the kids.") == [("abuse", "hit the kids")]
    assert risk_categories("I hurt my daughter's feelings.") == []
    items = _items("Interpreter: She says he has never hurt the children, only her.")
    assert [(i.category, i.status) for i in items] == [("abuse", "denied")]


def test_a_room_with_knives_avoided_puts_no_knives_away():
    from session_assistant.drafting.risk_note import risk_note

    lines = parse_transcript("Clinician: Any thoughts of ending your life, with all this?\nClient: No. Never.\n"
                             "Clinician: If he starts shouting, where could you go? Not the garage, where the tools and "
                             "knives are, somewhere with a door out?\nClient: The back bedroom. I can take them and get out.")
    note = risk_note(lines, scan_transcript(lines))
    assert "knives" not in note.text and "denied" in note.text


def test_a_short_question_about_the_means_alone_still_names_them():
    # 09: "And the pills?" - "I could give most of them to my sister." puts the pills away.
    from session_assistant.drafting.risk_note import risk_note

    lines = parse_transcript("Clinician: Any thoughts of ending your life?\nClient: Sometimes, at night. No plan.\n"
                             "Clinician: Do you have any medications at home?\nClient: Some painkillers, a full box.\n"
                             "Clinician: And the pills?\nClient: My partner could lock them in the car.")
    note = risk_note(lines, scan_transcript(lines))
    assert [step for step, _ in note.means_steps if "pills to be put away" in step]


def test_not_wanting_to_be_here_is_risk_language():
    # 52's note held the model's "he wanted to change his thoughts of not wanting to be here" (he had denied it).
    assert [c for c, _ in risk_categories("He wanted to change his thoughts of not wanting to be alive.")] == ["suicidal_ideation"]
    items = _items("Client: I've had no thoughts of not wanting to be here, honestly.")
    assert [(i.category, i.status) for i in items] == [("suicidal_ideation", "denied")]
