"""The Subjective in the client's words: the quote the clinician reflected, how much and how often as
asked "would you say" or reflected with a few words of glue, and the past told as a span, an onset
or the family's pattern; short transcripts in other words than the evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.client_account import answered_amounts, reflected_amounts
from session_assistant.drafting.history_told import history_told
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import parse_transcript


def test_of_one_line_the_sentence_the_clinician_reflected_is_quoted():
    lines = parse_transcript("Clinician: What stopped you going to the wedding?\n"
                             "Client: I felt like I'd ruin the photos. I'm such a burden on people.\n"
                             "Clinician: A burden on people. Say more about that.\n"
                             "Client: Just that.")
    assert client_quotes(lines) == [("I'm such a burden on people.", 1)]


def test_how_many_would_you_say_asks_for_the_count_but_a_guess_is_still_no_account():
    asked = parse_transcript("Clinician: How are things?\nClient: Okay.\n"
                             "Clinician: How many cigarettes a day, would you say, at the moment?\n"
                             "Client: About fifteen. More on a night out.\n"
                             "Clinician: Right.\nClient: Yeah.\nClinician: Okay.\nClient: Okay.\nClinician: And then?\n")
    assert [answer for _, answer, _ in answered_amounts(asked)] == ["About fifteen. More on a night out."]
    guess = parse_transcript("Clinician: How are things?\nClient: Okay.\n"
                             "Clinician: How many do you think you'd smoke at the party?\n"
                             "Client: Maybe ten. Hard to say.\n"
                             "Clinician: Right.\nClient: Yeah.\nClinician: Okay.\nClient: Okay.\nClinician: And then?\n")
    assert answered_amounts(guess) == []


def test_a_reflection_that_adds_only_glue_words_still_says_the_clients_amount_back():
    lines = parse_transcript("Clinician: And after the call?\n"
                             "Client: I couldn't settle at all. I was pacing until three.\n"
                             "Clinician: Until three in the morning.\n"
                             "Client: Yeah.\nClinician: Okay.\nClient: Okay.\nClinician: Right.\nClient: Right.\nClinician: So.\n")
    assert [text for text, _ in reflected_amounts(lines)] == ["I was pacing until three."]


def test_the_past_told_as_a_span_an_onset_or_the_familys_pattern_is_history():
    lines = parse_transcript("Clinician: How has the drinking been?\n"
                             "Client: It's all got heavier since the redundancy.\n"
                             "Clinician: Mm.\n"
                             "Client: Twelve years it's been, since the accident, with my back.\n"
                             "Clinician: And the worrying?\n"
                             "Client: My mum was the same. She checked every plug twice.\n")
    assert [text for text, _ in history_told(lines)] == [
        "It's all got heavier since the redundancy.", "Twelve years it's been, since the accident, with my back.",
        "My mum was the same."]


def test_today_and_a_pastime_are_not_taken_before_the_past():
    # "since the morning" is today; "I used to" (a pastime) comes after an onset, and a quiet day is not history.
    today = parse_transcript("Clinician: Have you eaten?\nClient: I haven't eaten anything since the morning, honestly.\n")
    assert history_told(today) == []
    lines = parse_transcript("Clinician: What do you do for fun?\n"
                             "Client: I used to sing in a choir every week.\n"
                             "Clinician: And the low mood?\n"
                             "Client: I used to paint a lot on Sundays as well.\n"
                             "Clinician: When did it begin?\n"
                             "Client: Fourteen months it's been, since my divorce came through.\n"
                             "Clinician: And the sleep?\n"
                             "Client: I used to sleep like a log for eight hours.\n"
                             "Clinician: Okay.\n"
                             "Client: My dad was like that too, he never slept.\n")
    told = [text for text, _ in history_told(lines)]
    assert told[1:] == ["Fourteen months it's been, since my divorce came through.", "My dad was like that too, he never slept."]
    assert told[0] == "I used to sing in a choir every week."
