"""A session held by video says so in Objective (two kinds of sign), a spoken measure's earlier score
gives its change, and a relapse-prevention session is staged."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.measures_said import said_changes
from session_assistant.drafting.session_setting import held_by_video
from session_assistant.drafting.transcript_input import parse_transcript


def test_a_session_held_by_video_is_named_from_two_kinds_of_sign():
    call = parse_transcript("Clinician: Hi, can you hear me?\nClient: Yes, sorry, my wifi is slow.\n"
                            "Clinician: No problem.\nClient: Okay.")
    assert held_by_video(call) == [0, 1]
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(call), None, "client")
    assert ("objective", "Session held by video (telehealth), as the session's lines show.") in [
        (line.section, line.text) for line in lines]
    one_sign = parse_transcript("Clinician: Did you watch the video I sent?\nClient: I played a video game instead.")
    assert held_by_video(one_sign) == []


def test_a_measure_scored_aloud_with_its_earlier_score_gives_its_change():
    lines = parse_transcript("Clinician: So your PHQ-9 today is 11.\nClient: Okay.\n"
                             "Clinician: When we started it was 19.\nClient: Wow.")
    assert said_changes(lines, None) == [("PHQ-9", 19.0, 11.0, [0, 2])]


def test_a_relapse_prevention_session_gets_a_stage_of_change():
    session = parse_transcript("Clinician: A slip like that is a lapse, not a relapse.\nClient: I didn't drink since Sunday.\n"
                               "Clinician: What are your high-risk situations this month?\nClient: Parties.")
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(session), None, "client")
    assert any(line.text.startswith("The client's statements suggest the action stage of change") for line in lines)


def test_mute_and_a_drop_out_plan_are_a_calls_signs_video_unless_the_phone_is_named():
    """Unseen 124 ("You're on mute.", "if we lose each other I'll ring your mobile") said no modality."""
    video = parse_transcript("Clinician: Hello, can you hear me?\nClient: Hang on, you're on mute. Now I can.\n"
                             "Clinician: If we lose each other, I'll ring your landline.\nClient: Fine.")
    assert held_by_video(video) == [0, 1, 2]
    phone = parse_transcript("Clinician: Can you hear me? I'm on the speakerphone.\nClient: Yes, you were on mute.")
    assert held_by_video(phone) == []
