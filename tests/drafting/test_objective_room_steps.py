"""The Objective records what the transcript shows was done and seen in the session: the modality
from the call's opening and the identity and privacy checks a remote session makes, a call made
from the room, a letter read aloud, the clinician's spoken observation of how the client came in,
a joint session, and approaches done by their work (a time-out rehearsed, an experiment named by
what it tests, the danger of stopping a drink suddenly explained). Inputs are invented, not taken
from the evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.session_said import spoken_observations
from session_assistant.drafting.session_setting import held_by_phone, held_by_video, others_present, others_sentence
from session_assistant.drafting.transcript_input import parse_transcript


def _objective(text: str) -> list[str]:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(parse_transcript(text)), None, "client")
    return [line.text for line in lines if line.section == "objective"]


def test_a_call_opened_by_the_clinician_is_a_telephone_session_with_its_identity_check():
    text = ("Clinician: Morning, is that Priya? This is Tom from the wellbeing clinic, ringing for your appointment.\n"
            "Client: Yes, that's me. I'm sat in my kitchen.\nClinician: Can I confirm your date of birth first, please?\n"
            "Client: Second of June, eighty-nine.\nClinician: Thanks. How has the week gone?\nClient: Up and down.")
    assert held_by_phone(parse_transcript(text)) == [0]
    objective = _objective(text)
    assert "Session held by telephone, as the session's lines show." in objective
    assert "Checked by the clinician at the start: the client's identity (date of birth)." in objective


def test_a_call_mentioned_later_is_not_a_telephone_session_and_an_in_person_session_gets_no_check():
    text = ("Clinician: Come in, take a seat. Where you are sitting is fine.\nClient: Thanks.\nClinician: How was the week?\n"
            "Client: My mum kept ringing for my appointment times.\nClinician: That sounds a lot.\nClient: It was.")
    assert held_by_phone(parse_transcript(text)) == []
    assert not any(line.startswith("Checked by the clinician") for line in _objective(text))


def test_seeing_and_hearing_asked_together_is_a_hearing_check_for_video():
    call = parse_transcript("Clinician: Hi Jo, can you see and hear me okay?\nClient: Yes, all good.\n"
                            "Clinician: Next week, same link?\nClient: Sure.")
    assert held_by_video(call) == [0, 2]


def test_a_call_made_from_the_room_names_whom_the_clinician_rang():
    from session_assistant.drafting.room_acts import calls_from_room
    text = ("Clinician: Hello Lee.\nClient: Hi.\nClinician: How are you?\nClient: Bad.\nClinician: Tell me more.\n"
            "Client: I can't keep myself safe tonight.\nClinician: I'd like to ring the out of hours service now, with you here.\n"
            "Client: Okay.\nClinician: (dials) Hi, it's the counsellor at the college, I have a student with me who needs a visit tonight.\n"
            "Client: Thank you.\nClinician: (on the phone) Hello, is that Marta? I'm with your brother, could you collect him at six?\n"
            "Client: She'll come.")
    assert [whom for whom, _ in calls_from_room(parse_transcript(text))] == ["the out of hours service", "Marta"]
    assert ("Phone call made from the room during the session, with the client present: the clinician rang "
            "the out of hours service and Marta.") in _objective(text)


def test_a_letter_read_aloud_and_then_amended_is_recorded_as_done():
    from session_assistant.drafting.room_acts import letter_read
    text = ("Clinician: Hi Ana.\nClient: Hi.\nClinician: Shall I read it?\nClient: Go ahead.\n"
            "Clinician: Dear Ana, over these weeks you have told me how the house felt growing up.\n"
            "Client: One part is not right, my gran did look after me.\n"
            "Clinician: Thank you for saying so. I'll change that line about your gran.\nClient: Good.")
    assert letter_read(parse_transcript(text)) == (True, [4, 6])
    assert ("Letter read aloud to the client by the clinician in session; the client corrected part of it and "
            "the clinician agreed to revise it.") in _objective(text)
    assert letter_read(parse_transcript("Clinician: Did you get my letter?\nClient: Dear me, yes.")) is None


def test_how_the_client_came_in_as_the_clinician_named_it_is_an_observation():
    said = parse_transcript("Clinician: Before we start, you seem quite drowsy, and your speech is slurred today.\n"
                            "Client: I took extra tablets to sleep.")
    assert [text for text, _ in spoken_observations(said)] == ["you seem quite drowsy, and your speech is slurred today."]


def test_everyone_there_from_the_start_is_a_joint_session():
    couple = parse_transcript("Clinician: Welcome both.\nClient: Hi.\nPartner: Hello.\nClinician: Who starts?")
    assert others_sentence(others_present(couple)) == "Joint session, also present: partner."


def test_approaches_done_by_their_work_are_named():
    parent = parse_transcript("Clinician: Let's go over special time first.\nClient: We did it twice.\n"
                              "Clinician: And when he hits, the time-out chair, two minutes.\nClient: He screamed.")
    assert "time-out" in next(i.techniques for i in detect_interventions(parent) if i.approach == "behavioural parent training")
    test = parse_transcript("Clinician: How did the lift experiment go?\nClient: I went up three floors.")
    assert any(i.approach == "behavioural experiment" for i in detect_interventions(test))
    warned = parse_transcript("Clinician: With shakes every morning, stopping drinking suddenly could bring on a fit.\n"
                              "Client: I didn't know that.")
    assert any(i.approach == "psychoeducation" for i in detect_interventions(warned))


def test_a_rating_answered_after_a_short_question_back_or_with_its_scale_said_after_is_listed():
    from session_assistant.drafting.room_work import scale_ratings
    session = parse_transcript("Clinician: How likely is it that the bus will be late? Nought to a hundred.\n"
                               "Client: Tomorrow? Sixty.\nClinician: And how strongly do you believe you'll be sacked, right now?\n"
                               "Client: Honestly? Eighty percent.\nClinician: Thank you.\nClient: Okay.")
    work = scale_ratings(session)
    assert work is not None and '"Tomorrow? Sixty."' in work.label and '"Honestly? Eighty percent."' in work.label
    assert "Nought to a hundred." in work.label


def test_a_course_whose_peak_no_other_line_gives_is_still_said():
    from session_assistant.drafting.rating_course import RatingCourse, new_courses
    course = RatingCourse("distress", "out of 100", [("thirty", 30.0, [1, 2]), ("eighty-five", 85.0, [3, 4]),
                                                     ("twenty", 20.0, [5, 6])])
    assert new_courses([course], ["ratings asked: 30, 20"]) == [course]
    assert new_courses([course], ["ratings asked: 30, 85, 20"]) == []


def test_a_row_gone_over_in_the_room_is_a_communication_analysis_of_that_row():
    from session_assistant.drafting.room_acts import communication_analysed
    session = parse_transcript("Clinician: Tell me about the row with Priti on Friday.\nClient: She wanted to go out, I was tired.\n"
                               "Clinician: What did you want from Priti, right then?\nClient: Just a quiet night.\n"
                               "Clinician: And what do you think she heard?\nClient: That I didn't care.")
    assert communication_analysed(session) == ("the row with Priti", [0, 2])
    assert any(i.approach == "interpersonal psychotherapy (IPT)" for i in detect_interventions(
        parse_transcript("Clinician: In your old role people came to you.\nClient: Yes.\n"
                         "Clinician: What did you want from Priti?\nClient: Quiet.")))


def test_defusion_done_as_an_exercise_is_named_by_its_form():
    from session_assistant.drafting.room_acts import defusion_exercises
    session = parse_transcript("Clinician: Imagine your hands are the thoughts, right up against your face.\nClient: Okay.\n"
                               "Clinician: Now say it again, but begin with I'm having the thought that.\n"
                               "Client: I'm having the thought that I'm useless.")
    assert [name for name, _ in defusion_exercises(session)] == ["hands as thoughts", "\"I'm having the thought that\""]


def test_each_partners_way_of_grieving_and_a_letter_to_the_baby_are_grief_work():
    session = parse_transcript("Clinician: Did either of you write the letter to Noah?\nClient: I did.\nPartner: Not yet.\n"
                               "Clinician: Amy, you grieve by talking; Sam, you grieve by keeping busy. Both are normal after a loss.\n"
                               "Client: That's us.")
    found = {i.approach: i.techniques for i in detect_interventions(session)}
    assert found.get("grief work") == ["continuing bonds", "grieving styles"]
    assert "psychoeducation" in found


def test_how_the_client_said_they_were_in_the_room_is_quoted_and_nothing_else_is():
    from session_assistant.drafting.room_seen import states_said, states_sentence
    session = parse_transcript("Clinician: Hi Mo, how are you doing today?\nClient: Knackered, honestly. The baby was up.\n"
                               "Clinician: Shall we try the exposure now?\nClient: Okay. I'm a bit scared. Let's go.\n"
                               "Clinician: Last week?\nClient: I was nervous all week.\n"
                               "Clinician: How are you feeling now?\nClient: Calmer. Much calmer, actually.")
    found = states_said(session)
    assert [said for said, _ in found] == ["Knackered, honestly.", "I'm a bit scared.", "Calmer. Much calmer, actually."]
    assert [said for said, _ in states_said(session, quoted=['Response: "Calmer. Much calmer, actually."'])] == [
        "Knackered, honestly.", "I'm a bit scared."]
    assert states_sentence(found[1:]) == 'How the client said they were, in the room: "I\'m a bit scared."; "Calmer. Much calmer, actually."'


def test_a_life_laid_out_as_a_line_and_told_in_the_present_is_narrative_exposure():
    session = parse_transcript("Clinician: Today we go to the next stone on your life line, the fire.\nClient: Yes.\n"
                               "Clinician: Tell it slowly, as if it's happening now.\nClient: The smoke is in the stairs.")
    found = {i.approach: i.techniques for i in detect_interventions(session)}
    assert found.get("narrative exposure therapy (NET)") == ["lifeline", "narration in the present tense"]
    helpline = parse_transcript("Clinician: If it gets bad, you can ring the Lifeline.\nClient: Okay.")
    assert all(i.approach != "narrative exposure therapy (NET)" for i in detect_interventions(helpline))
