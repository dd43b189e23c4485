"""A model sentence that states what the client said no to when asked is flagged (unseen 61: "Do you
ever drink in the morning ...?" - "No. Never in the morning." became "They had been drinking in the
morning"). Invented transcripts and sentences, no model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.denied_said import DENIED_IN_SESSION, denied_in_session
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript

SOURCE = SourceIndex(parse_transcript(
    "Clinician: How has work been?\n"
    "Client: Long. The night shifts are killing my sleep.\n"
    "Clinician: Do you ever take anything to help you sleep, tablets from the chemist, anything like that?\n"
    "Client: No. Never tablets. I just lie there.\n"
    "Clinician: And do you smoke at all during the night shifts?\n"
    "Client: Nope, gave up years ago. I vape sometimes.\n"
    "Clinician: Have you been going to the gym?\n"
    "Client: Yes, twice.\n"))


@pytest.mark.parametrize("sentence", [
    "The client reported taking sleeping tablets from the chemist.",
    "He had been smoking during his night shifts.",
])
def test_what_the_client_said_no_to_is_flagged(sentence):
    [flag] = denied_in_session(sentence, SOURCE)
    assert flag.startswith(f"{DENIED_IN_SESSION}:")


@pytest.mark.parametrize("sentence", [
    "The client denied taking sleeping tablets.",          # the no kept
    "He does not smoke during night shifts.",              # the no kept
    "The client has been going to the gym twice a week.",  # a yes
    "The client said the night shifts were affecting his sleep.",  # the question's thing, not the denied one
    "He vapes sometimes.",                                 # one word of the question at most
])
def test_a_kept_no_a_yes_or_another_thing_is_not_flagged(sentence):
    assert denied_in_session(sentence, SOURCE) == []


def test_the_questions_preamble_is_not_what_was_denied():
    source = SourceIndex(parse_transcript(
        "Clinician: With the move, living out of boxes for a month, have you had thoughts of hurting yourself?\n"
        "Client: No. Nothing like that.\n"))
    assert denied_in_session("She has been living out of boxes for a month since the move.", source) == []
