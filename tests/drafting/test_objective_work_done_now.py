"""The Objective's work done in the room, read from what the clinician asked for now: a step the client
took then and there ("Gone."), something drawn out together, a task repeated at the clinician's word
with distress asked while it ran (exposure, unnamed), a mistake owned and apologised for (a rupture
repaired); and an exercise planned for today but put off, which reads as not done, never as led.
Inputs are invented, not taken from the evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript


def _objective(text: str) -> list[str]:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(parse_transcript(text)), None, "client")
    return [line.text for line in lines if line.section == "objective"]


def test_an_exercise_put_off_to_next_time_is_not_done_in_session():
    text = ("Clinician: We've only half an hour. Today I wanted to try the imagery exercise with you, the safe place one.\n"
            "Client: Okay.\nClinician: But it needs time, so let's leave the imagery exercise until next session and look at your week.\n"
            "Client: Fine by me.\nClinician: How was the week?\nClient: Busy.")
    objective = _objective(text)
    assert not any("led in session" in x for x in objective)
    assert any(x.startswith("Not done in session: the imagery exercise, put off to a later session") for x in objective)


def test_a_step_taken_in_the_room_is_quoted_as_asked_and_done():
    text = ("Clinician: The betting app. Could you delete it right now, while you're here?\n"
            "Client: Now? Okay. Hold on. Deleted.\nClinician: And the reminders from the bookies?\n"
            "Client: Blocked them. Done.\nClinician: How does that feel?\nClient: Odd.")
    work = next(x for x in _objective(text) if x.startswith("Work done in session"))
    assert '"Could you delete it right now, while you\'re here?" (client: "Now? Okay. Hold on. Deleted.")' in work
    assert '"And the reminders from the bookies?" (client: "Blocked them. Done.")' in work


def test_a_step_talked_about_for_later_is_no_step_taken():
    text = ("Clinician: Could you delete the app this week?\nClient: I've done it already. Gone.\n"
            "Clinician: Good.\nClient: Yeah.")
    assert not any("steps the client took" in x for x in _objective(text))


def test_something_drawn_with_the_client_names_what_was_drawn():
    text = ("Clinician: So the worry keeps you checking, and the checking keeps the worry. Let me draw that.\n"
            "Client: Okay.\nClinician: Here's the worry, and here's the checking.\nClient: Yes, that's it.")
    assert any('drawn out with the client in session ("So the worry keeps you checking, and the checking keeps the worry. '
               'Let me draw that.")' in x for x in _objective(text))


def test_a_task_repeated_with_distress_asked_is_exposure_with_its_ratings():
    text = ("Clinician: Hold the bin lid, just hold it. Before you do, how anxious, nought to a hundred?\nClient: Sixty.\n"
            "Clinician: Go on. Where's the anxiety?\nClient: Eighty. It's horrible.\n"
            "Clinician: Keep holding it. Again, touch the inside.\nClient: Okay.\n"
            "Clinician: And now?\nClient: Fifty.\nClinician: Anxiety?\nClient: Thirty.")
    work = next(x for x in _objective(text) if x.startswith("Work done in session"))
    assert ("exposure done in session, the task repeated at the clinician's word (set up as: \"Hold the bin lid, just hold it.\"); "
            "ratings asked while it ran: 60, 80, 50, 30") in work


def test_a_likelihood_rated_is_no_distress_rating_and_one_rating_no_exposure():
    text = ("Clinician: How likely is it that you'll faint, out of a hundred?\nClient: Ninety.\n"
            "Clinician: Again. How anxious are you now?\nClient: Forty.")
    assert not any("exposure done in session" in x for x in _objective(text))


def test_a_mistake_owned_and_apologised_for_is_a_rupture_repair_but_sympathy_is_not():
    owned = ("Client: You cancelled on me twice and didn't even ring.\n"
             "Clinician: You're right. I should have rung you myself. I'm sorry, that wasn't fair on you.\nClient: Okay.")
    sympathy = ("Client: My dog died on Sunday.\nClinician: I'm sorry to hear that. I should have asked about him earlier, "
                "you'd mentioned he was ill.\nClient: It's okay.")
    assert any('rupture repair, the clinician owning their part and apologising ("I should have rung you myself. ... '
               'I\'m sorry, that wasn\'t fair on you.")' in x for x in _objective("Clinician: Hi.\n" + owned))
    assert not any("rupture repair" in x for x in _objective("Clinician: Hi.\n" + sympathy))


def test_beliefs_rated_after_a_word_naming_which_time_are_read():
    text = ("Clinician: How much did you believe the boss was angry with you, out of a hundred?\n"
            "Client: The first time, eighty. Later maybe sixty.\n"
            "Clinician: What's the evidence he was angry? Any other explanation for the short email?\nClient: He's short with everyone.\n"
            "Clinician: So how much do you believe it now?\nClient: Less. Like, thirty.")
    # the interventions line names cognitive restructuring; the work line gives the ratings (mod30: not the name twice)
    assert any("beliefs rated when asked: 80, 30" in x for x in _objective(text))


def test_a_rating_and_the_one_after_it_in_the_same_answer_are_both_quoted():
    text = ("Clinician: Nought to ten, how tense were you in the meeting?\nClient: It was an eight at the start. Maybe a five by the end.\n"
            "Clinician: Okay.\nClient: Yeah.")
    assert any('answered "It was an eight at the start. Maybe a five by the end."' in x for x in _objective(text))


def test_a_common_fear_named_as_common_is_psychoeducation():
    text = ("Clinician: That's a very common fear after a birth like yours. Telling your midwife about the pictures won't get "
            "your baby taken away.\nClient: Okay.")
    assert any(x.startswith("Interventions used in session: psychoeducation") for x in _objective(text))
