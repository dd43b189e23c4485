"""A label for a person in the note's own voice ("a drug addict") is flagged for the clinician to
reword person-first; the client's quoted words stay as said (unseen 55: a session about the stigma of
a brother's drug death drafted "Callum, a drug addict who passed away"). Invented sentences, no model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.respectful_words import LABELLING_WORD, died_by_suicide, labelling_words
from session_assistant.drafting.therapy_checks import therapy_checked
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.ui.note.note_review import describe_flags


@pytest.mark.parametrize(("sentence", "label"), [
    ("The client spoke about her uncle, a heroin addict who died last spring.", "addict"),
    ("Her father was an alcoholic and left when she was six.", "alcoholic"),
    ("The clinician noted that the client was non-compliant with the sleep window.", "non-compliant"),
    ("Staff on the ward had called the behaviour attention-seeking.", "attention-seeking"),
    ("He described his cousin as a junkie.", "junkie"),
])
def test_a_label_in_the_notes_own_voice_is_flagged(sentence, label):
    assert labelling_words(sentence) == [f"{LABELLING_WORD}:{label}"]


@pytest.mark.parametrize("sentence", [
    'In the client\'s words: "Everyone just saw him as an addict."',  # her words, quoted
    "The client has gone to Alcoholics Anonymous twice this month.",  # a group's name
    "The client described feeling addicted to her phone at night.",   # not a label for a person
    "They talked about his addiction and the methadone programme.",
])
def test_quoted_words_a_groups_name_and_other_forms_are_not_flagged(sentence):
    assert labelling_words(sentence) == []


def test_committed_suicide_is_rewritten_outside_quotes_only():
    assert died_by_suicide("Her aunt committed suicide when the client was nine.") == (
        "Her aunt died by suicide when the client was nine.")
    quoted = 'In the client\'s words: "my aunt committed suicide".'
    assert died_by_suicide(quoted) == quoted


def test_the_check_runs_on_every_model_sentence_and_reads_as_words():
    source = SourceIndex(parse_transcript(
        "Clinician: How have the evenings been since the funeral?\n"
        "Client: People at work keep saying he was just an addict. Like that makes it less sad.\n"))
    text, flags = therapy_checked("The client's brother, a drug addict, died in the spring.", source, (), None)
    assert text == "The client's brother, a drug addict, died in the spring."  # kept for the clinician
    assert f"{LABELLING_WORD}:addict" in flags
    assert describe_flags([f"{LABELLING_WORD}:addict"]) == "a word that labels the person (addict): reword it person-first"
