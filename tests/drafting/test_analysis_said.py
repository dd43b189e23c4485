"""The Assessment's analysis where the session says it aloud (issue 16, therapy16j): the distress
ratings of an exercise done in the room, this week's count beside an earlier one, the clinician's
summary of what leads to what. Each quoted with its lines; a plan, a questionnaire's score, a single
rating or the client's own numbers alone give none. Transcripts written for these tests, no model."""

from __future__ import annotations

from session_assistant.drafting.analysis_said import exercise_ratings, progress_compared, sequences_summarised
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

LIFT = parse_transcript("""Clinician: How was the week with the lift?
Client: I took the stairs every day.
Clinician: So that's three times this week you turned back at the lift. Last week you said it was five.
Client: Yeah, it's less.
Clinician: Mm. So there's the doors closing, and then your chest goes tight, and then you're out and on the stairs.
Client: That's exactly it.
Clinician: Let's ride one floor together now. How anxious are you, nought to ten?
Client: About an eight.
Clinician: (pause) And now?
Client: Six. The doors are open.
Clinician: Once more. Anxious?
Client: Four, maybe.
Clinician: Good work. Next week, ride it twice on your own.
Client: Okay.""")


def _draft(utterances):
    return assemble(get_format("soap"), {}, SourceIndex(utterances), scan_transcript(utterances), model="m",
                    mode="direct", warnings=[], subject="client")


def test_the_exercise_ratings_the_count_compared_and_the_pattern_go_to_the_assessment_with_their_lines():
    assert exercise_ratings(LIFT) == [("About an eight.", [6, 7]), ("Six.", [8, 9]), ("Four, maybe.", [10, 11])]
    assert progress_compared(LIFT) == [("So that's three times this week you turned back at the lift. "
                                        "Last week you said it was five.", [2])]
    assert sequences_summarised(LIFT) == [("So there's the doors closing, and then your chest goes tight, and then "
                                           "you're out and on the stairs.", [3, 4])]
    lines = {s.text.split(":")[0]: s for s in _draft(LIFT).sentences if s.origin == "rule"}
    for opening, ids in [("Response to interventions, distress ratings the client gave when asked during the exercise in session",
                          [6, 7, 8, 9, 10, 11]), ("Progress, as compared in session", [2]),
                         ("Pattern identified in session, as the clinician summarised it", [3, 4])]:
        assert lines[opening].section == "assessment" and lines[opening].evidence == ids


def test_one_rating_a_score_a_plan_or_the_clients_own_numbers_give_no_analysis_line():
    once = parse_transcript("Clinician: How scared were you on the bridge, out of ten?\nClient: Nine.\nClinician: Okay.")
    assert exercise_ratings(once) == []
    scored = parse_transcript("Clinician: You scored twelve on the questionnaire today. Last time it was fifteen.\nClient: Good.")
    assert progress_compared(scored) == []
    ahead = parse_transcript("Clinician: What's the plan?\nClient: Not sure.\n"
                             "Clinician: So when he's late, you'll text, and then we'll see how the evening goes.\nClient: Fine.")
    assert sequences_summarised(ahead) == []
    client_only = parse_transcript("Clinician: And this week?\nClient: So there's the phone, and then I panic. "
                                   "Two times this week. Last week it was five.\nClinician: I see.")
    assert sequences_summarised(client_only) == [] and progress_compared(client_only) == []


def test_hows_that_feel_after_a_step_in_the_room_asks_for_the_response():
    from session_assistant.drafting.response_said import response_answers
    session = parse_transcript("Clinician: Want to block the number now, while we're here?\nClient: Okay. Done.\n"
                               "Clinician: How's that feel?\nClient: Scary. And lighter.\nClinician: Mm.")
    assert response_answers(session) == [("Scary. And lighter.", [2, 3])]


def test_the_hardest_time_reflected_by_the_clinician_is_a_trigger_but_that_was_the_hardest_part_is_not():
    from session_assistant.drafting.triggers_said import triggers_formulated
    session = parse_transcript("Clinician: When does it bite worst?\nClient: Sunday evenings, before work.\n"
                               "Clinician: So Sunday evenings are the hardest time.\nClient: Yes.\n"
                               "Clinician: And the breathing?\nClient: Awful.\nClinician: That was the hardest part, I think.")
    assert triggers_formulated(session) == [("Sunday evenings are the hardest time.", [2])]
