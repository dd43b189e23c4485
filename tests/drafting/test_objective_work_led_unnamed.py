"""The Objective's work done in the room when the clinician leads it by instruction and never names it:
a feared thing looked at and held at the clinician's word while the client gives numbers (exposure),
tensing led in a session about fainting (applied tension), what gets in the way asked and a way round it
put forward (problem solving), and a belief rated again in other words ("if you rerate it now?") with
the other side's view asked between (cognitive restructuring). Inputs are invented, not taken from the
evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript


def _work(text: str) -> str:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(parse_transcript(text)), None, "client")
    return " ".join(line.text for line in lines if line.section == "objective" and line.text.startswith("Work done in session"))


_SPIDER = ("Clinician: How was the week?\nClient: Quiet.\n"
           "Clinician: Today I thought we'd take the next step. I've brought the spider in a jar, it's on the shelf.\n"
           "Client: Oh no. Okay.\nClinician: Where are you, nought to a hundred?\nClient: Fifty.\n"
           "Clinician: Just look at it. Don't look away.\nClient: Its legs are moving. Eighty.\n"
           "Clinician: Stay with it. Number?\nClient: Seventy. Still seventy.\n"
           "Clinician: Keep watching it.\nClient: Sixty. It's not doing anything.\n"
           "Clinician: Well done.\nClient: Thanks.")


def test_a_feared_thing_faced_at_the_clinicians_word_is_exposure_with_its_numbers():
    work = _work(_SPIDER)
    assert "exposure done in session, the client kept at it at the clinician's word" in work
    assert '"Just look at it."; "Stay with it."; "Keep watching it."' in work
    assert 'set up as: "Today I thought we\'d take the next step. I\'ve brought the spider in a jar, it\'s on the shelf."' in work
    assert "numbers given while it ran: 50, 80, 70, 60" in work


def test_looking_and_holding_set_for_the_week_is_no_exposure_in_the_room():
    text = ("Clinician: For this week, look at the photos every day.\nClient: Fifty, probably.\n"
            "Clinician: And hold the jar daily, keep holding it.\nClient: Seventy.\nClinician: Good.\nClient: Forty.")
    assert "exposure" not in _work(text)


def test_tensing_led_in_a_session_about_fainting_is_applied_tension():
    text = ("Clinician: When you see blood your blood pressure drops, and that is what makes you faint.\nClient: Right.\n"
            "Clinician: Let's tense now. Squeeze your arms and legs, hold it until your face feels warm. Now let go.\n"
            "Client: Okay. My face is warm.\nClinician: Tense again, and let go.\nClient: Done.")
    work = _work(text)
    assert ('applied tension practised in session, the clinician leading the tensing ("Let\'s tense now. Squeeze your arms and '
            'legs, hold it until your face feels warm. Now let go.")') in work


def test_tensing_without_fainting_is_not_applied_tension():
    text = ("Clinician: Let's tense now. Squeeze your shoulders, and let go.\nClient: Okay.\n"
            "Clinician: Tense again, and release.\nClient: That's relaxing.")
    assert "applied tension" not in _work(text)


def test_what_gets_in_the_way_and_a_way_round_it_is_problem_solving():
    text = ("Clinician: The walks. What gets in the way?\nClient: By the time I'm home it's dark and my trainers are upstairs.\n"
            "Clinician: So it's the dark, and the trainers are out of reach. What if you walked at lunch instead?\n"
            "Client: I could do that. The park's near work.\nClinician: Good.\nClient: Yeah.")
    work = _work(text)
    assert ('problem solving in session: what gets in the way asked ("What gets in the way?"), summed up ("So it\'s the dark, '
            'and the trainers are out of reach."), and a way round it put forward ("What if you walked at lunch instead?")') in work


def test_what_got_in_the_way_with_no_way_round_is_not_problem_solving():
    text = ("Clinician: You didn't ring your brother. What got in the way?\nClient: I didn't want him to hear me like this.\n"
            "Clinician: That sounds painful.\nClient: It is.")
    assert "problem solving" not in _work(text)


def test_a_belief_rated_again_in_other_words_with_the_other_side_asked_is_restructuring():
    text = ("Clinician: The thought, 'nobody at work rates me'. How much do you believe that, right now, out of a hundred?\n"
            "Client: Right now, sitting here? Ninety.\nClinician: What would Priya say, if she were here?\n"
            "Client: She'd say I got the team award.\nClinician: So if you rerate it now?\nClient: Sixty. Maybe sixty.\n"
            "Clinician: What would be a more balanced way of putting it?\nClient: Some people rate me.")
    assert "cognitive restructuring (beliefs rated when asked: 90, 60)" in _work(text)


def test_words_offered_for_the_client_to_say_are_a_script_quoted_as_offered():
    text = ("Clinician: Your brother keeps asking for money. What could you say?\nClient: I don't know.\n"
            "Clinician: Keep it short. Something like, \"I love you, and I can't lend any more.\"\nClient: I could say that.")
    assert "a script offered by the clinician, words to say (Keep it short. 'I love you, and I can't lend any more.')" in _work(text)
