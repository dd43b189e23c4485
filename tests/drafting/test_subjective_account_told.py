"""The Subjective carries the client's own account: the client's image for what it is like is quoted
before a plain act the clinician said back, and the past the client placed in a few words ("That's
when it all started.", "Since I was six.") is quoted with the telling that follows it, not alone, and
last time's task said back without a question is reviewed when the answer says how much was done; the
event the clinician asked the client to tell ("Now, the station. What happened?") is quoted.
Inputs are written for this test (subj28)."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.history_told import history_told
from session_assistant.drafting.homework_reviewed import homework_reviews
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import parse_transcript


def _lines(*said: str):
    return [u for u in parse_transcript("\n".join(said)) if u.speaker]


def test_the_clients_image_comes_before_an_act_said_back():
    lines = _lines("Client: I left the letters on the hall table.",
                   "Clinician: You left the letters on the hall table. All week?",
                   "Client: All week. It's like I'm carrying a rock in my coat pocket.",
                   "Clinician: And when you walk past the table?",
                   "Client: I go the long way round, through the kitchen.",
                   "Clinician: Through the kitchen.",
                   "Client: Yeah. Like nobody else can see the table but me.",
                   "Clinician: Mm.")
    assert [quote for quote, _ in client_quotes(lines, mentions_risk)] == [
        "It's like I'm carrying a rock in my coat pocket.", "Like nobody else can see the table but me."]
    # talk ("like I said"), a fragment ("Like a waiting room."), a rating and a trailing-off are no image
    lines = _lines("Client: Like I said before, the mornings are the worst.",
                   "Clinician: Okay.",
                   "Client: It was grey. Like a waiting room.",
                   "Clinician: Mm.",
                   "Client: It felt like a seven most of the day.",
                   "Clinician: A seven.",
                   "Client: Like I'm, I don't know, not really there.",
                   "Clinician: Go on.")
    assert client_quotes(lines, mentions_risk) == []
    felt = _lines("Client: It's like a fog over everything. And I feel so ashamed of it.",
                  "Clinician: Tell me about the shame.")
    assert [quote for quote, _ in client_quotes(felt, mentions_risk)] == ["And I feel so ashamed of it."]


def test_a_past_placed_in_a_few_words_is_quoted_with_its_telling():
    lines = parse_transcript("""Clinician: You mentioned the car crash on the motorway, years back.
Client: Yeah. That's when it all started. A lorry clipped us at the roundabout. I couldn't drive for a year. Never been on a motorway since.
Clinician: And the eczema, how long have you had it?
Client: Since I was six. My nan put the cream on every night until I was twelve.
Clinician: And the job?
Client: Two years since the redundancy and I've not had a proper interview once.""")
    assert [said for said, _ in history_told(lines, mentions_risk)] == [
        "That's when it all started. A lorry clipped us at the roundabout. I couldn't drive for a year. "
        "Never been on a motorway since.",
        "Since I was six. My nan put the cream on every night until I was twelve.",
        "Two years since the redundancy and I've not had a proper interview once."]
    lines = parse_transcript("""Clinician: And the panic?
Client: Since I was ten.
Clinician: That's a long time.""")
    assert history_told(lines, mentions_risk) == []  # placed, with no telling after it


def test_last_times_task_said_back_without_a_question_is_reviewed_when_the_answer_says_how_much():
    lines = parse_transcript("""Clinician: And the walking. You were going to walk the dog round the park before work.
Client: Did it four mornings. Missed the wet ones, Tuesday and Friday.
Clinician: Four mornings. And the sleep?
Client: Bit better.
Clinician: You were going to tell me about your sister.
Client: Oh, she's moved back in with us.""")
    assert homework_reviews(lines) == [("Did it four mornings. Missed the wet ones, Tuesday and Friday.", [0, 1])]


EVENT_SESSION = parse_transcript("""Clinician: How has the fortnight been?
Client: Up and down.
Clinician: You said on the phone there was a bad night at the station. Now, the station. What happened?
Client: Thursday. The train stopped in the tunnel for ten minutes and the lights went off. I got off at the next stop and walked the last two miles home in the rain.
Clinician: Have you had any thoughts of ending your life?
Client: Sometimes, at night.
Clinician: Can you tell me about it?
Client: I lie awake and think everyone would manage fine without me around the house.
Clinician: And when did the panic first start, years ago?
Client: At university. I had my first attack in the library before an exam and I ran out of the building.
Clinician: Okay. Let's plan the week.
Client: Fine.
Clinician: One short ride each day, two stops.
Client: I'll try it.""")


def test_the_event_the_clinician_asked_for_is_quoted_in_the_subjective_and_risk_and_the_past_are_not():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(EVENT_SESSION), None, "client")
    told = [x for x in lines if x.text.startswith("What happened, as the client told it")]
    assert len(told) == 1 and told[0].section == "subjective" and told[0].evidence == [2, 3]
    assert "walked the last two miles home in the rain" in told[0].text
    assert "manage fine without me" not in told[0].text and "library" not in told[0].text


def test_the_clients_short_verdict_on_themself_said_back_is_quoted():
    lines = _lines("Client: I stared at the first question. That I'm lazy.",
                   "Clinician: I'm lazy. How strongly do you believe that?",
                   "Client: It was okay. I'm fine.",
                   "Clinician: I'm fine. Good.")
    assert client_quotes(lines, mentions_risk) == [("That I'm lazy.", 0)]
