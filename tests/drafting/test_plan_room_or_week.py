"""The Plan a therapist would sign: an exercise done in the room is no homework; the homework the
clinician settles after the client asks for a smaller step is, and so is the week's list said after
the crisis card (a no to "Is that too much?" agreeing to it); the next visit is the time settled, not
an hour said in jest after it; a model sentence with a pronoun where its clause's subject or verb
should stand is garbled, and the clinician's "you" opening a clause is rewritten as its subject.
Hand-written sessions."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.plan_said import next_session_sentence
from session_assistant.drafting.repetition import garbled
from short_sessions import after_an_opening


def _plan(utterances) -> list[str]:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(utterances), None, "client")
    return [line.text for line in lines if line.section == "plan"]


ROLE_PLAY = after_an_opening(
    "Clinician: Today I'd like to try the speech with the camera on. Before we start, how shaky will you look, out of ten?\n"
    "Client: Nine.\n"
    "Clinician: This time, put the notes away and keep your eyes on me. Just talk about the allotment.\n"
    "Client: Right. Fine. Go.\n"
    "Clinician: Camera's on.\n"
    "Client: So the allotment is by the canal, and I grow beans, mostly, and far too many courgettes.\n"
    "Clinician: Stop there. Out of ten, how shaky did that look?\n"
    "Client: Two, maybe. Not nine.\n"
    "Clinician: So, for the time until we meet. Could you ask to give the toast at the retirement do?\n"
    "Client: Could I start with something smaller? Like the welcome at the choir. That's on Thursday.\n"
    "Clinician: Good. The choir welcome on Thursday, with your guess written down before, and what happened after. "
    "No cards in hand. And listen to the recording at home, just once.\n"
    "Client: Just once. Alright.\n"
    "Clinician: Thank you for today.\n"
    "Client: Thanks.", opening_rounds=4)


def test_an_exercise_begun_in_the_room_is_not_the_weeks_homework():
    said = " ".join(text for text, *_ in homework_agreed(ROLE_PLAY))
    assert "allotment" not in said  # told there and then, with the camera on


def test_the_smaller_step_the_clinician_settles_is_the_homework_and_the_bigger_one_turned_down_is_not():
    found = homework_agreed(ROLE_PLAY)
    said = [(text, answer) for text, _, answer, _, _ in found]
    assert any("choir welcome on Thursday" in text and "listen to the recording" in text and answer == "Just once. Alright."
               for text, answer in said)
    assert not any("toast" in text for text, _ in said)  # asked, and the client asked for less


def test_the_weeks_list_said_after_the_crisis_card_reaches_the_plan():
    session = after_an_opening(
        "Clinician: If the thoughts get louder, what goes on the card?\n"
        "Client: Ring my brother. Or the crisis line.\n"
        "Clinician: The crisis line number goes on the card too. And what keeps you going?\n"
        "Client: The dog.\n"
        "Clinician: The dog. Okay. So this week: the energy log, every evening, even on flat days. "
        "Sit down for a quarter of an hour after each job. Swimming baseline two lengths, twice a week. Is that too much?\n"
        "Client: No. Two lengths is fine.\n"
        "Clinician: Thanks for today.\n"
        "Client: Thank you.", opening_rounds=6)
    plan = " ".join(_plan(session))
    assert "quarter of an hour after each job" in plan and "two lengths" in plan
    assert '(client: "No. Two lengths is fine.")' in plan  # a no to "too much?" agrees


def test_an_hour_said_in_jest_after_the_time_was_settled_is_not_the_next_session():
    session = after_an_opening(
        "Clinician: Three weeks today, Tuesday, four o'clock?\n"
        "Partner: Four's fine. Unless the boiler man comes.\n"
        "Client: Then we'll turn up at nine at night.\n"
        "Clinician: Good luck with the boiler. See you both in three weeks.", opening_rounds=6)
    found = next_session_sentence(session)
    assert found is not None and "four" in found[0] and "nine" not in found[0]


def test_an_hour_the_client_asks_for_and_the_clinician_takes_stays_the_next_session():
    session = after_an_opening(
        "Clinician: Next week, Monday at two?\n"
        "Client: Could we do three? I've got the school run.\n"
        "Clinician: Three it is.\n"
        "Client: Thanks.", opening_rounds=6)
    found = next_session_sentence(session)
    assert found is not None and "three" in found[0]


def test_a_pronoun_standing_where_the_clause_needs_its_subject_is_garbled():
    assert garbled("Clinician will text the client the form, him choose.") == "him choose"
    assert garbled("The client felt that others blame her, them shout, them leave.") == "them shout"
    assert garbled("Clinician will text him the form and let him choose.") is None
    assert garbled("The client invited her sisters and asked them to help, them and their partners.") is None


def test_a_clause_left_without_its_verb_is_garbled():
    assert garbled("From what the client telling the clinician, the scores are lower.") is not None
    assert garbled("The client described what the clinician being away meant to her.") is None


def test_the_clinicians_you_after_a_comma_is_the_clause_subject_when_the_note_says_it_in_the_third_person():
    from session_assistant.drafting.grounding import SourceIndex
    from session_assistant.drafting.therapy_voice import therapy_voice
    session = after_an_opening("Clinician: From what you're telling me, you're sleeping better.\n"
                               "Client: I am. You've got a plan, you're using it, my wife says.", opening_rounds=6)
    source = SourceIndex(session)
    voice = therapy_voice("From what you're telling me, you're sleeping better.", "subjective", source, evidence=[24])
    assert voice.text == "From what the client is telling the clinician, they are sleeping better." and not voice.withhold
    voice = therapy_voice("You've got a plan, you're using it.", "subjective", source, evidence=[24])
    assert "them using" not in voice.text and "the client using" not in voice.text


def test_a_skill_rehearsed_there_and_then_is_not_the_weeks_homework():
    session = after_an_opening(
        "Clinician: That's the gentler opening. Sam, let's practise it once. Start with what you noticed, then say what you need.\n"
        "Client: Okay. I noticed the bins were full again, and I need us to take turns.\n"
        "Clinician: How was that to hear?\n"
        "Partner: Much easier.", opening_rounds=6)
    assert not any("Start with what you noticed" in text for text, *_ in homework_agreed(session))
