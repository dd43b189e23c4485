"""The next appointment as the back-and-forth finally settled it: the last day and hour offered or
confirmed, and how (by video), never a day said in passing."""

from __future__ import annotations

from session_assistant.drafting.plan_said import next_session_sentence
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = "\n".join(["Clinician: How was the week?", "Client: Busy.", "Clinician: Tell me more.",
                     "Client: Work, mostly.", "Clinician: Okay.", "Client: Yeah."] * 3)


def _plan(closing: str) -> tuple[str, list[int]] | None:
    return next_session_sentence(parse_transcript(OPENING + "\n" + closing))


def test_the_day_and_hour_settled_after_a_conflict_and_the_way_of_meeting_are_kept():
    found = _plan("Clinician: So, next week? Same time?\n"
                  "Client: Wednesday's my physio. Could we do Thursday?\n"
                  "Clinician: Thursday afternoon? Three?\n"
                  "Client: Three's good. By video, if that's okay, I'm travelling.\n"
                  "Clinician: That's fine, I'll send the link. Good luck with the move on Saturday.")
    assert found is not None
    text, ids = found
    assert text == "Next session: Thursday afternoon at three, by video."
    assert ids == [20, 21]


def test_an_hour_the_client_confirms_completes_a_day_the_clinician_offered():
    text, _ = _plan("Clinician: Next time, do you want next week or in two weeks?\n"
                    "Client: Next week, I think.\n"
                    "Clinician: Monday? I've got ten.\n"
                    "Client: Monday at ten.")
    assert text == "Next session: next week, Monday at ten."


def test_one_sentence_that_says_it_all_is_left_as_said():
    text, ids = _plan("Clinician: Same time next week, Tuesday at four?\nClient: Tuesday at four works.")
    assert (text, ids) == ("Next session: same time, next week, Tuesday at four.", [18])


def test_a_way_of_meeting_alone_is_no_next_session():
    # A consultation said "you need to be seen in person" near "see you": no day, hour or interval.
    assert _plan("Clinician: See you soon. You should be seen in person by the clinic.\nClient: Okay.") is None


def test_a_visit_settled_without_a_day_or_hour_keeps_how_it_is_held():
    text, ids = _plan("Clinician: So next time, two weeks?\nClient: I'm away that week. Could we talk by video?\n"
                      "Clinician: Okay, a short video check-in next week, and then in person the week after.\nClient: Great.")
    assert (text, ids) == ("Next session: next week, by video, then in person.", [20])
    # With no interval the one sentence can carry, the clinician's sentence is quoted.
    text, ids = _plan("Clinician: So next time, two weeks?\nClient: I'm away. Could we talk by video?\n"
                      "Clinician: Okay, half an hour on video the week you're away, and then in person the week after.\n"
                      "Client: Great.")
    assert text == 'Next session: as arranged, "half an hour on video the week you\'re away, and then in person the week after."'
    assert ids == [20]


def test_a_day_and_hour_offered_as_a_question_are_the_next_session():
    # "Tuesday, ten o'clock?" names no word for meeting; the client's "Tuesday at ten, yes." settles it.
    text, ids = _plan("Clinician: And keep the diary.\nClient: I will.\n"
                      "Clinician: Good. Tuesday, ten o'clock?\nClient: Tuesday at ten, yes.\nClinician: See you Tuesday.")
    assert text == "Next session: Tuesday at ten."
    assert 21 in ids  # the client's "Tuesday at ten, yes."


def test_the_day_given_with_the_hour_wins_over_a_day_said_beside_it():
    text, _ = _plan("Clinician: So, Thursday. Two o'clock again?\nClient: Thursday at two is fine, I'm on a late Friday.\n"
                    "Clinician: Lovely.")
    assert text == "Next session: Thursday at two."


def test_a_bedtime_said_before_the_visit_is_arranged_is_not_its_hour():
    text, _ = _plan("Clinician: We'll fill in the rest next time. What would be reasonable for bed?\n"
                    "Client: Off by midnight, in bed by eleven-thirty.\n"
                    "Clinician: Off by midnight, bed by eleven-thirty. And log the hours.\nClient: Okay.\n"
                    "Clinician: Two more things about the chart.\nClient: Sure.\n"
                    "Clinician: Mood and hours, every day.\nClient: Fine.\n"
                    "Clinician: Okay. So, in two weeks. Wednesday, four o'clock?\nClient: Wednesday at four works.\n"
                    "Clinician: Good. If the sleep goes, you call.\nClient: Got it. Two nights, call.")
    assert text == "Next session: in two weeks, Wednesday at four."


def test_a_week_the_clinician_is_away_is_never_the_next_session():
    # "I'm away next week" names the week there is no session; the note said "Next session: next week."
    text, _ = _plan("Clinician: So for the next two weeks: the diary again, and the pause in the garden.\n"
                    "Client: Two weeks because of half-term?\n"
                    "Clinician: Yes, I'm away next week. Wednesday the twenty-second, half four, the usual time.\n"
                    "Client: Okay.")
    assert "next week" not in text
    assert text == "Next session: Wednesday, the twenty-second, at half four."
    text, _ = _plan("Clinician: Next week I'm away, so it's the week after, Thursday the eighteenth at half three. "
                    "Is that all right?\nClient: Yeah, I'm finished for the term by then.")
    assert "next week" not in text
    assert "Thursday" in text and "eighteenth" in text and "half three" in text
    # A week the client is away is no session either; the week offered after it is.
    text, _ = _plan("Clinician: Same time next week?\nClient: I'm away next week, my sister's wedding.\n"
                    "Clinician: Then the week after, Monday at ten?\nClient: Monday at ten.")
    assert text.startswith("Next session: ") and "Monday at ten" in text and "next week" not in text


def test_the_hour_said_just_after_the_day_is_kept():
    # Unseen 112: "Next Wednesday, three o'clock, on video" was "Next session: next Wednesday."
    text, _ = _plan("Clinician: Good. And one practice paper.\nClient: One. Fine.\n"
                    "Clinician: Next Tuesday, four o'clock, on video, and if it drops I'll ring.\nClient: Tuesday at four. Cheers.")
    assert "four" in text and "Tuesday" in text


def test_homework_said_back_with_a_number_gives_the_visit_no_hour():
    # "So before next time, three pages and the walk." - "Three pages and the walk.": homework said back,
    # no hour; the visit stays as offered (a draft read "same time, next Friday at two" from "Two walks").
    text, _ = _plan("Clinician: So before next time, three pages of the workbook, and the walk.\n"
                    "Client: Three pages and the walk.\nClinician: Same time next Monday?\nClient: Monday's fine.")
    assert text == "Next session: same time, next Monday."
    # A number first in its sentence that names a time is still an hour.
    text, _ = _plan("Clinician: Same day next week? What time suits?\nClient: Ten, if that's okay.\nClinician: Ten it is.")
    assert "ten" in text.lower() or "10" in text
