"""Two words the model ran together are set apart only when the transcript says them apart."""

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.glued_words import unglued
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SAID = "Client: I'll post the parcel on Friday. Clinician: And the birthday card for Ellis?"


def test_a_run_together_pair_the_transcript_says_apart_is_split():
    assert unglued("The client will post theparcel on Friday.", SAID) == "The client will post the parcel on Friday."


def test_a_real_word_or_a_name_is_never_cut():
    assert unglued("The client will post the parcel on Friday for Ellis.", SAID) == "The client will post the parcel on Friday for Ellis."
    assert unglued("Clinician noted the cardboard.", SAID) == "Clinician noted the cardboard."  # "card board" never said


def test_a_model_sentence_of_the_draft_reads_without_the_run_together_word():
    transcript = "\n".join(["Clinician: How was the week?", "Client: I'll post the parcel on Friday, to my sister."] * 3)
    utterances = parse_transcript(transcript)
    raw = {"plan": [{"text": "The client will post theparcel on Friday.", "evidence": [1]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    assert any("post the parcel on Friday" in s.text for s in draft.section_sentences("plan"))
