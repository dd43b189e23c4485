"""In-session work named as the clinician named it (issue 16, Objective: "what was done in session ...
the interventions used, named by approach"; the lead's reading of 44, where the mirror retraining the
clinician led was not named, only "review of the client's sheet"). The name comes from the clinician's
own words, never from the client's or a guess; the set-up said to the client is quoted. And a habit the
clinician describes ("the usual way you look in a mirror") is not an observation of the client in the
room. Transcripts written for these tests, no model; each assertion fails on main."""

from __future__ import annotations

from session_assistant.drafting.room_work import room_work, room_work_sentence
from session_assistant.drafting.room_steps import named_exercise
from session_assistant.drafting.session_said import spoken_observations
from session_assistant.drafting.transcript_input import parse_transcript

_VOICE = parse_transcript("""Clinician: So, today I'd like to try something different, which is the voice dialogue work we talked about. Are you up for it?
Client: I think so. Go on.
Clinician: You sit in this chair and speak as the critic, and then you move to that chair and answer it. Say it out loud, however harsh it is. I'll stop you if you get stuck.
Client: Okay. You're useless, you always mess it up.""")


def test_an_exercise_the_clinician_names_and_leads_now_is_named_with_its_set_up():
    found = named_exercise(_VOICE)
    assert found is not None and found.label.startswith("voice dialogue work, named by the clinician and led in session")
    assert '"You sit in this chair and speak as the critic, and then you move to that chair and answer it.' in found.label
    assert found.evidence == [0, 2]
    assert "voice dialogue work" in room_work_sentence(room_work(_VOICE))


def test_no_name_of_its_own_no_finding_and_homework_is_not_work_in_the_room():
    plain = parse_transcript("Clinician: Today I'd like to try an exercise, are you up for it?\nClient: Okay.")
    assert named_exercise(plain) is None
    later = parse_transcript("Clinician: For this week, shall we try the mirror retraining at home, once a day?\nClient: Okay.")
    assert named_exercise(later) is None
    client = parse_transcript("Clinician: How was today?\nClient: Today I wanted to try the mirror retraining, are you up for it?")
    assert named_exercise(client) is None


def test_a_habit_the_clinician_describes_is_not_an_observation_in_the_room():
    lines = parse_transcript("Clinician: So the usual way you look in a mirror is really close, zoomed in on the nose, with judging words.\n"
                             "Client: Yeah.\nClinician: You look tired today, and your voice is quiet.")
    assert [text for text, _ in spoken_observations(lines)] == ["You look tired today, and your voice is quiet."]


def test_an_experiment_whose_prediction_is_asked_back_is_a_behavioural_experiment():
    from session_assistant.drafting.room_steps import behavioural_experiment
    talk = parse_transcript("Clinician: And the experiment, going out without the hat?\nClient: I did it once.\n"
                            "Clinician: What did you predict, before you went?\nClient: Ninety percent people would stare.\n"
                            "Clinician: And what happened?\nClient: Nobody looked.")
    found = behavioural_experiment(talk)
    assert found is not None and found.evidence == [2, 4]


def test_a_piece_of_work_is_no_name_of_its_own():
    """"Shall we do the piece of work we planned?" read "piece of work, named by the clinician" (unseen 122)."""
    lines = parse_transcript("Clinician: Shall we do the piece of work we planned for today? Going back to the crash.\n"
                             "Client: Suppose so.\nClinician: Close your eyes and start from the moment the lorry pulls out.")
    assert named_exercise(lines) is None
