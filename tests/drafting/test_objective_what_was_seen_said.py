"""The Objective holds what the clinician said aloud about what they saw and what the client did in the
room, quoted from the session's lines: "You're crying.", a late arrival in the client's words with the
time the clinician said was left, a jacket kept on as asked at the start, the body now as asked, an
apology for shouting. Nothing is inferred: a condition ("when you're shaking"), a body asked about the
week, "if I'm late back" write nothing. Inputs are invented, not taken from the evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.session_said import spoken_observations
from session_assistant.drafting.transcript_input import parse_transcript


def _objective(text: str) -> list[str]:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(parse_transcript(text)), None, "client")
    return [line.text for line in lines if line.section == "objective"]


def test_what_the_client_is_doing_said_to_them_is_the_clinicians_observation():
    text = ("Clinician: How was the visit to your gran?\nClient: She didn't know me. She called me Lucy.\n"
            "Clinician: You're crying as you tell me that.\nClient: I didn't think I would.\n"
            "Clinician: When you're shaking like that at night, what helps?\nClient: Nothing much.\n"
            "Clinician: You're right that it's hard.\nClient: Yeah.")
    said = [text for text, _ in spoken_observations(parse_transcript(text))]
    assert said == ["You're crying as you tell me that."]
    assert 'Clinician observed, as said in session: "You\'re crying as you tell me that."' in _objective(text)


def test_an_affect_the_clinician_names_as_seen_is_quoted():
    text = "Clinician: I can see you're upset about the phone call.\nClient: I am. She hung up on me."
    assert [t for t, _ in spoken_observations(parse_transcript(text))] == ["I can see you're upset about the phone call."]


def test_a_late_arrival_is_quoted_with_the_time_left():
    text = ("Client: Sorry I'm late, the train sat outside the station for ages.\n"
            "Clinician: Don't worry. We've got about thirty minutes left, so let's choose what matters.\n"
            "Client: The job interview.\nClinician: Okay, tell me.")
    line = next(x for x in _objective(text) if x.startswith("What the client did in the room"))
    assert 'arrived late ("Sorry I\'m late, the train sat outside the station for ages.")' in line
    assert 'the clinician: "We\'ve got about thirty minutes left"' in line


def test_late_back_to_work_is_no_late_arrival():
    text = ("Clinician: Hi Dev, come in.\nClient: I've only got the hour, I'm in trouble if I'm late back.\n"
            "Clinician: We'll finish on time.\nClient: Thanks.")
    assert not any(x.startswith("What the client did in the room") for x in _objective(text))


def test_a_jacket_kept_on_when_asked_at_the_start_is_quoted_as_asked_and_answered():
    text = ("Clinician: Come in, Jo. Do you want to hang your jacket up?\nClient: No, I'll keep it on. I'm freezing.\n"
            "Clinician: Okay. How's the week been?\nClient: Long.")
    assert ('What the client did in the room, as said in session: asked "Do you want to hang your jacket up?", '
            'answered "No, I\'ll keep it on. I\'m freezing.".') in _objective(text)


def test_the_body_asked_about_now_is_quoted_but_not_the_body_of_the_week():
    now = ("Clinician: The email from your manager. What do you notice in your body right now?\n"
           "Client: My stomach's churning. My hands are cold.\nClinician: Okay.\nClient: Yeah.")
    week = ("Clinician: When the panic comes at work, what do you notice in your body?\n"
            "Client: My chest gets tight.\nClinician: Okay.\nClient: Yeah.")
    assert any('answered "My stomach\'s churning. My hands are cold."' in x for x in _objective(now))
    assert not any(x.startswith("What the client did in the room") for x in _objective(week))


def test_an_apology_for_shouting_in_the_session_is_quoted():
    text = ("Clinician: Shall we stop there for today?\nClient: Yeah. And sorry for shouting earlier, it wasn't at you.\n"
            "Clinician: No need.\nClient: Okay.")
    assert any('said "sorry for shouting earlier, it wasn' in x for x in _objective(text))
