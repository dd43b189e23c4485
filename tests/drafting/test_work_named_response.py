"""Work done in the room without its name, named in a clinician's words, and the client's response to
it (issue 16, iv29): the double standard ("what would you tell her?"), normalising ("something many
carers tell me"), what the client would say rehearsed aloud ("How did it feel to say it?"), and what the
client says the work did as they leave ("I feel a bit lighter."). Transcripts written for these tests, not copied from any session
of the evaluation set; no model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.response_said import response_answers
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.room_work import rehearsal
from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.work_taken_up import reactions


def _talk(*pairs: tuple[str, str]) -> list:
    return parse_transcript("\n".join(f"Clinician: {c}\nClient: {a}" for c, a in pairs))


def _techniques(session, approach: str) -> list[str]:
    return next((i.techniques for i in detect_interventions(session) if i.approach == approach), [])


@pytest.mark.parametrize("asked", [
    "What would you say to Marcus, if he blamed himself for the crash like that?",
    "Suppose your sister had been in your shoes that night. What would you tell her?",
    "If a close friend had made the same decision about her mother's care, what would you say to her?",
])
def test_the_double_standard_is_named_as_cognitive_restructuring(asked):
    session = _talk(("It sounds like you carry that on your own.", "I should have seen it coming."), (asked, "That it wasn't his fault."))
    assert "double-standard perspective-taking" in _techniques(session, "cognitive restructuring (CBT)")


@pytest.mark.parametrize("asked", [
    "If your friend offers you a drink at the party, what would you say?",  # refusal skills, not another's view of the thought
    "What would you say to Marcus, if he said that to you again?",  # a reply rehearsed
])
def test_a_reply_to_the_other_person_is_not_the_double_standard(asked):
    session = _talk((asked, "No thanks, I'm driving."))
    assert "double-standard perspective-taking" not in _techniques(session, "cognitive restructuring (CBT)")


def test_normalising_what_many_carers_say_is_psychoeducation():
    session = _talk(("Feeling resentful and then guilty about it is something many carers tell me. It doesn't make you a bad son.",
                     "Really? I thought it was just me."))
    assert any(i.approach == "psychoeducation" for i in detect_interventions(session))


def test_words_just_said_aloud_and_asked_about_are_a_rehearsal_and_the_answer_a_response():
    session = _talk(
        ("If you could say one thing to your manager about the rota, what might it be?", "I'm not sure."),
        ("Try it. As if she's here.", "Anita, I can't keep covering the late shifts. I need you to share them out."),
        ("How did it feel to say it?", "Shaky. But I meant it."),
    )
    work = rehearsal(session)
    assert work is not None and work.label == "behavioural rehearsal in session" and {3, 4} <= set(work.evidence)
    assert ("Shaky. But I meant it.", [4, 5]) in response_answers(session, mentions_risk)


def test_words_said_last_week_are_no_rehearsal():
    session = _talk(("How did the talk with your manager go?", "I said I can't keep covering late shifts. I told her straight."),
                    ("How did it feel to say it?", "Scary. But good."))
    assert rehearsal(session) is None


def test_the_clinicians_remark_on_a_change_since_the_start_and_the_answer_are_what_the_work_did():
    session = _talk(("Shall we stop there?", "Yes, fine."), ("Same time next week?", "Yes, Tuesday's good."),
                    ("You seem more settled than when you came in.", "I do, yeah. Less wound up."))
    assert reactions(session, mentions_risk) == [("I do, yeah. Less wound up.", [4, 5])]


@pytest.mark.parametrize("said, quoted", [
    ("Okay. Thanks. I feel a bit lighter.", "I feel a bit lighter."),
    ("It's a relief, getting that out. Honestly.", "It's a relief, getting that out. Honestly."),
    ("I feel calmer, actually. Weird.", "I feel calmer, actually. Weird."),
    ("Thanks. I feel a bit less like a failure.", "I feel a bit less like a failure."),
])
def test_the_client_saying_how_they_leave_is_what_the_work_did(said, quoted):
    session = _talk(("We'll pick up the letter next time.", "Okay."), ("Thursday at two?", "Thursday's fine."), ("Take care.", said))
    assert reactions(session, mentions_risk) == [(quoted, [5])]


def test_feeling_better_after_a_walk_is_not_what_the_work_did():
    session = _talk(("What else?", "Not much."), ("Did the walk help?", "I feel better after a walk, usually."))
    assert reactions(session, mentions_risk) == []


def test_guidance_on_asking_a_worried_about_friend_directly_and_where_to_turn_is_named():
    session = _talk(("Has your sister said anything more, about not wanting to be here?", "Not really. I didn't push."),
                    ("It can help to ask her plainly whether she's thinking of suicide. Asking won't put the idea in her head. "
                     "And if she says yes and you think she's in danger now, call 999.", "Okay. I can do that."))
    assert _techniques(session, "guidance on supporting a person at risk") == ["asking directly about suicide", "emergency routes"]


def test_asking_the_client_directly_is_no_guidance_for_someone_else():
    session = _talk(("I'm going to ask you directly: are you thinking of suicide?", "No."),
                    ("If you ever feel in danger, call 999.", "Okay."))
    assert _techniques(session, "guidance on supporting a person at risk") == []
