"""What a therapist would have struck in the unseen drafts 113-118, written here in other words.

116: a pain client's "worse since they started cutting the tablets" (a dose tapered) was listed as
self-harm endorsed. 117: "I could throttle him" taken up two lines later with a harm-to-others screen,
denied ("It's just a saying"), was still "thoughts of harming others: endorsed". 116: "Monday at two?
And I'll ring you Thursday" - "Monday at two. Thursday's fine." made the next session Thursday.
113: "We've got three sessions left. Same time next Thursday, half ten?" made it "at three"."""

from __future__ import annotations

from session_assistant.drafting.plan_said import next_session_sentence
from session_assistant.drafting.risk import ENDORSED, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = "\n".join(["Clinician: How was the week?", "Client: Busy.", "Clinician: Tell me more.",
                     "Client: Work, mostly.", "Clinician: Okay.", "Client: Yeah."] * 3)


def test_a_dose_being_tapered_is_no_self_harm():
    items = scan_transcript(parse_transcript(
        "Clinician: How's the pain been?\nClient: Awful. My knee's been worse since the GP started cutting my painkillers.\n"
        "Clinician: That's hard.\nClient: And cutting the dose again next month, she says."))
    assert not [i for i in items if i.category == "self_harm"]


def test_a_figure_of_speech_screened_a_reply_later_and_denied_is_not_endorsed():
    items = scan_transcript(parse_transcript(
        "Clinician: How did the meeting go?\nClient: He said it again in front of everyone. I could throttle him.\n"
        "Clinician: That sounds humiliating.\nClient: It was.\n"
        "Clinician: Because you said throttle, I'll ask: any thoughts of actually hurting him, or anyone?\n"
        "Client: No. God, no. It's just a saying.\nClinician: Okay. Thank you."))
    harm = [i for i in items if i.category == "harm_to_others"]
    assert harm and all(i.status != ENDORSED for i in harm)
    # Said again before the screen, the client's own words stay listed as they were.
    items = scan_transcript(parse_transcript(
        "Clinician: How did the meeting go?\nClient: He said it again. I could throttle him.\n"
        "Clinician: That sounds humiliating.\nClient: I want to hurt him, honestly. I've thought about how.\n"
        "Clinician: Any thoughts of actually hurting him?\nClient: No.\nClinician: Okay."))
    assert any(i.category == "harm_to_others" and i.status == ENDORSED for i in items)


def test_the_days_of_a_check_in_call_are_not_the_next_session():
    text, _ = next_session_sentence(parse_transcript(OPENING + "\n" +
        "Clinician: I'd like to see you in a week rather than two. Tuesday at eleven? And I'll phone you Friday, just briefly.\n"
        "Client: Tuesday at eleven. Friday's fine.\nClinician: Take care."))
    assert "Tuesday at eleven" in text and "Friday" not in text


def test_sessions_left_is_no_hour():
    # A guard: 113's "at three" was mended by the hour said just after the day (this session's earlier
    # commit); "three sessions left" is no hour offered either way.
    text, _ = next_session_sentence(parse_transcript(OPENING + "\n" +
        "Clinician: We've got four sessions left. Same time next Wednesday, half nine?\nClient: Half nine. Yes."))
    assert "four" not in text and "half nine" in text


def test_the_weekday_said_of_someones_routine_keeps_the_day_offered():
    # Unseen 111: "Tuesday. She does Tuesdays. Eleven's fine." read "Next session: next week, Tuesdays at eleven."
    text, _ = next_session_sentence(parse_transcript(OPENING + "\n" +
        "Clinician: I'd like to see you next week. Friday, ten o'clock, if your mum can have the baby?\n"
        "Client: Friday. She has him Fridays. Ten's fine.\nClinician: Good."))
    assert "Fridays" not in text and "Friday" in text and "ten" in text
