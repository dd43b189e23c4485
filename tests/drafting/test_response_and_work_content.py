"""How the work landed, in the Assessment, and what the work was, in the Objective (gen30): a moment
between a couple that the clinician stops on and the answer to it; "I hadn't thought of it like that"
after a short reflection; the answer when the clinician asks about a smile near the close; what was
written on the board as the clinician said it; the thing faced when the exposure's set-up asked for
the step. Inputs are written for this test."""

from __future__ import annotations

from session_assistant.drafting.response_said import marked_sentence, moments_marked
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.room_joint import joint_work
from session_assistant.drafting.room_practice import held_exposure
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.work_taken_up import reactions, recognitions


def _lines(*said: str):
    return [u for u in parse_transcript("\n".join(said)) if u.speaker]


_COUPLE = ("Clinician: Priya, Sam, welcome back. Who wants to start?",
           "Client: Me. The bins again. I asked him three times.",
           "Partner: You didn't ask. You told me.",
           "Client: Fine. I'm sorry, that came out sharp. I meant I was tired.",
           "Clinician: Sam, she changed how she said it, right then. Did you notice it?",
           "Partner: I did. It's easier to hear.",
           "Clinician: Let's stay with the bins, then.",
           "Client: Okay.")


def test_a_moment_the_clinician_marks_between_a_couple_is_their_response():
    found = moments_marked(_lines(*_COUPLE), mentions_risk)
    assert [(marked, answer) for marked, answer, _ in found] == [
        ("Sam, she changed how she said it, right then. Did you notice it?", 'partner (Sam): "I did. It\'s easier to hear."')]
    assert marked_sentence(found).startswith("Response to interventions, a moment the clinician marked in the room:")


def test_no_marked_moment_for_one_client_words_recalled_or_the_week():
    alone = [line.replace("Partner:", "Client:") for line in _COUPLE]
    assert moments_marked(_lines(*alone), mentions_risk) == []  # one person: the marking reads as talk about content
    recalled = _lines("Clinician: Nina, Joe, hello.", "Client: Hi.", "Partner: Hiya.",
                      "Clinician: Joe, you said just now that you're not bothered. Could you say it to Nina?",
                      "Partner: I'm bothered. I just don't show it.",
                      "Clinician: Nina, on Tuesday he came home early. Did you notice that?",
                      "Client: I did, yes.")
    assert moments_marked(recalled, mentions_risk) == []


def test_hadnt_thought_of_it_like_that_after_a_short_reflection():
    lines = _lines("Client: I took the kids to the park on Sunday and sat on the bench.",
                   "Clinician: So the bench gave you a rest you don't get at home.",
                   "Client: Maybe it did. I hadn't thought of it like that.",
                   "Clinician: Mm.")
    assert [(words, last) for words, last, _ in recognitions(lines, mentions_risk)] == [
        ("Maybe it did. I hadn't thought of it like that.", "So the bench gave you a rest you don't get at home.")]
    # an ordinary agreement after a short line is no recognition
    plain = _lines("Client: I sat on the bench.", "Clinician: So you had a rest there.", "Client: Yeah, I suppose.")
    assert recognitions(plain, mentions_risk) == []


_CLOSE = ["Clinician: How was the drive in?", "Client: Fine, bit of traffic."] * 5 + [
    "Clinician: So the plan is the letter to the housing office, and the walk on Saturday.",
    "Client: Yeah.",
    "Clinician: You laughed then. What was that about?",
    "Client: Dunno. Just, it's good having it written down.",
    "Clinician: Good. Same time next week."]


def test_a_smile_asked_about_near_the_close_is_how_the_client_leaves():
    found = reactions(_lines(*_CLOSE), mentions_risk)
    assert [said for said, _ in found] == ["Just, it's good having it written down."]
    # the same question early in the session is about what was being told, not the session's work
    early = _lines("Clinician: You smiled then. What was that about?", "Client: Just, the dog does that every morning.",
                   *_CLOSE[:10])
    assert reactions(early, mentions_risk) == []


def test_what_was_written_on_the_board_is_quoted():
    lines = _lines("Clinician: Dana, Lee, hello again.", "Client: Hi.", "Partner: Hello.",
                   "Clinician: Shall I put this up on the board while you talk?",
                   "Client: Yes please.",
                   "Clinician: So. Tuesdays: Lee cooks. Thursdays: Dana does the school run.",
                   "Partner: That works.")
    board = [w.label for w in joint_work(lines, True) if "board" in w.label]
    assert board == ['written up on the board in session ("Shall I put this up on the board while you talk?"; '
                     'written up: "So. Tuesdays: Lee cooks. Thursdays: Dana does the school run.")']


def test_the_thing_faced_is_named_when_the_set_up_asked_for_the_step():
    lines = _lines("Clinician: Today we go one rung higher. Do you recall which one?",
                   "Client: The spider in the jar. On the table.",
                   "Clinician: Yes. I've put the jar on the shelf behind me. I'll bring it over slowly.",
                   "Client: Okay.",
                   "Clinician: Look at it. What's the fear, nought to ten?",
                   "Client: Eight.",
                   "Clinician: Keep looking.",
                   "Client: Seven.",
                   "Clinician: Stay with it.",
                   "Client: Six. Five, maybe.")
    found = held_exposure(lines)
    assert found is not None
    assert 'set up as: "Today we go one rung higher. I\'ve put the jar on the shelf behind me."' in found.label


def test_the_past_a_bare_time_closes_is_quoted_with_it():
    from session_assistant.drafting.history_told import history_told
    lines = _lines("Clinician: How did the letter go?",
                   "Client: Hard. Then better. I wrote about the first night she slept on my bed. She was tiny. Nine years ago.",
                   "Clinician: Nine years.")
    assert history_told(lines, mentions_risk) == [
        ("I wrote about the first night she slept on my bed. She was tiny. Nine years ago.", 1)]


def test_a_parents_habit_and_years_together_are_history_but_this_weeks_day_is_not():
    from session_assistant.drafting.history_told import history_told
    lines = _lines("Clinician: Where does the money worry come from, do you think?",
                   "Client: I don't know. My mum used to hide the post in the oven on a Friday, and I just... never asked why.",
                   "Clinician: Hide the post.",
                   "Client: Twelve years together and I've never told Chris that.",
                   "Clinician: And this week?",
                   "Client: I checked the account on a Friday and then again on Monday.")
    assert [said for said, _ in history_told(lines, mentions_risk)] == [
        "My mum used to hide the post in the oven on a Friday, and I just... never asked why.",
        "Twelve years together and I've never told Chris that."]


def test_the_thought_asked_for_is_quoted_without_a_feeling_word():
    from session_assistant.drafting.session_said import client_quotes
    lines = _lines("Client: The team lunch went ahead without me. Nobody said.",
                   "Clinician: And what went through your head, when you saw the photos?",
                   "Client: That I'm not really part of it. Never have been. Fourteen months there.",
                   "Clinician: Mm.")
    assert [quote for quote, _ in client_quotes(lines, mentions_risk)] == [
        "That I'm not really part of it. Never have been. Fourteen months there."]
    # a worry in "what if" form is not quoted out of its talk
    worry = _lines("Clinician: What was going through your mind?",
                   "Client: What if I drop him on the stairs and nobody's there.",
                   "Clinician: Okay.")
    assert client_quotes(worry, mentions_risk) == []
