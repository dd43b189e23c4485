"""Clinical wording and the voice of the prompt: numerals before units, "mg", pronouns from the chart."""

from __future__ import annotations

import pytest

from session_assistant.drafting import get_format
from session_assistant.drafting.formats import fit_to_session, system_prompt
from session_assistant.drafting.grounding import SourceIndex, numbers_in
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import clinical_wording, split_sentences, without_invented_ages


@pytest.mark.parametrize("spoken, written", [
    ("She takes two milligrams at night for two weeks.", "She takes 2 mg at night for 2 weeks."),
    ("Protonix 40 milligrams a day.", "Protonix 40 mg a day."),
    ("Levothyroxine 50 micrograms.", "Levothyroxine 50 mcg."),
    ("A fifty two year old man.", "A 52-year-old man."),
    ("Twenty-one days ago.", "21 days ago."),
    ("He is 52 years old.", "He is 52 years old."),  # predicative: stays
    ("One of the days was hard.", "One of the days was hard."),  # no unit follows: stays
    ("She slept two point five hours.", "She slept two point five hours."),  # a decimal in words stays as spoken
])
def test_clinical_wording(spoken, written):
    assert clinical_wording(spoken) == written


def test_numerals_keep_the_same_numbers():
    text = "Client walked three miles on four days and slept six hours, fifty five minutes."
    assert numbers_in(clinical_wording(text)) == numbers_in(text)


def test_assembled_note_uses_the_wording_and_stays_supported():
    source = SourceIndex([Utterance(0, "Client", "I've taken sertraline fifty milligrams for three weeks.")])
    fmt = get_format("soap")
    raw = {"subjective": [{"text": "The client has taken sertraline fifty milligrams for three weeks.",
                           "evidence": [0]}]}
    draft = assemble(fmt, raw, source, [], model="m", mode="direct", warnings=[])
    first = draft.sentences[0]
    assert first.text == "The client has taken sertraline 50 mg for 3 weeks."
    assert first.flags == [] and draft.withheld == []


def test_pronouns_from_the_chart_reach_the_prompt():
    given = system_prompt("draft_system", "SOAP", "client", "they/them")
    assert "pronouns are they/them" in given and "{" not in given
    assert "She denied" not in given and "He denied" not in given  # no example contradicts the chart
    she = system_prompt("draft_system", "SOAP", "client", "she/her")
    assert '"She denied ..."' in she
    inferred = system_prompt("draft_system", "SOAP", "client")
    assert "as the transcript shows" in inferred


def test_patient_voice_is_present_tense_and_client_voice_past():
    assert "present tense" in system_prompt("draft_system", "SOAP", "patient")
    assert '"The client reported ..."' in system_prompt("draft_system", "SOAP", "client")


def test_section_caps_follow_the_length_of_the_conversation():
    soap = get_format("soap")
    full = [s.max_sentences for s in soap.sections]
    assert [s.max_sentences for s in fit_to_session(soap, 5000).sections] == full
    short = [s.max_sentences for s in fit_to_session(soap, 700).sections]
    assert all(3 <= n < cap for n, cap in zip(short, full))
    assert [s.max_sentences for s in fit_to_session(soap, 10).sections] == [3, 3, 3, 3]


def test_a_second_subjective_pass_only_for_a_conversation_long_enough_to_need_it():
    soap = get_format("soap")
    assert [p.key for p in fit_to_session(soap, 1200).passes] == ["subjective", "subjective", "objective",
                                                                   "assessment", "plan"]
    assert fit_to_session(soap, 200).passes == fit_to_session(soap, 200).sections
    assert soap.single_pass().passes == soap.sections


def test_a_guessed_pronoun_never_reaches_the_plan_example():
    inferred = system_prompt("draft_system", "SOAP", "patient")
    assert '"The patient will continue ..."' in inferred and "He will" not in inferred
    assert '"She will continue ..."' in system_prompt("draft_system", "SOAP", "patient", "she/her")


def test_a_checklist_read_back_as_a_finding_is_withheld():
    source = SourceIndex([Utterance(0, "Doctor", "Any blood in the urine?"),
                          Utterance(1, "Patient", "Yes, bright red, for six weeks, and my back hurts.")])
    fmt = get_format("soap", "patient")
    raw = {"subjective": [{"text": "The patient reports bright red blood in the urine for 6 weeks.", "evidence": [1]}],
           "objective": [{"text": "The patient reports no significant changes in appearance, affect, behaviour, "
                                  "speech, examination findings, vital signs or lab results.", "evidence": [0]}]}
    draft = assemble(fmt, raw, source, [], model="m", mode="direct", warnings=[])
    assert draft.sections["subjective"].startswith("The patient reports bright red blood")
    assert draft.sections["objective"] == "Not discussed in session."
    assert ["echoes_instructions" in s.flags for s in draft.withheld] == [True]


def test_a_heading_of_the_instructions_read_back_as_a_sentence_is_withheld():
    # 48's Assessment held "The client's response to the interventions. Readiness for change. The client's
    # chart." among its sentences: the prompt's own headings, no finding. A short true sentence stays.
    source = SourceIndex([Utterance(0, "Clinician", "How did the post box go?"),
                          Utterance(1, "Client", "I did it every day and I was tearful at times.")])
    fmt = get_format("soap", "client")
    raw = {"assessment": [{"text": "The client's response to the interventions.", "evidence": [1]},
                          {"text": "Readiness for change.", "evidence": [1]},
                          {"text": "The client's chart.", "evidence": [1]},
                          {"text": "Client tearful at times.", "evidence": [1]}]}
    draft = assemble(fmt, raw, source, [], model="m", mode="direct", warnings=[], subject="client")
    assert [s.text for s in draft.sentences if s.origin == "model"] == ["Client tearful at times."]
    assert sorted(s.text for s in draft.withheld if "echoes_instructions" in s.flags) == [
        "The client's response to the interventions."]
    # Three words or fewer are no sentence at all (sentence_shape.FRAGMENT_MAX_WORDS): dropped before the echo check.
    assert sorted(s.text for s in draft.dropped if "fragment" in s.flags) == ["Readiness for change.", "The client's chart."]


@pytest.mark.parametrize("drafted, kept, removed", [
    ("The patient is a 55-year-old male with a history of asthma.", "The patient is a male with a history of asthma.",
     ["55"]),
    ("An 81-year-old woman with leg pain.", "A woman with leg pain.", ["81"]),
    ("The patient is Diana Scott, 81 years old, with leg pain.", "The patient is Diana Scott, with leg pain.", ["81"]),
    ("The patient is a 45-year-old male.", "The patient is a 45-year-old male.", []),  # stated in the session
    ("She chases her two 4-year-old twins.", "She chases her two 4-year-old twins.", []),  # no article: not an age
    ("The patient is 52 years old.", "The patient is 52 years old.", []),  # the whole predicate: withheld instead
])
def test_a_guessed_age_is_taken_out(drafted, kept, removed):
    assert without_invented_ages(drafted, stated_numbers={"45", "2", "4"}) == (kept, removed)


def test_a_sentence_with_a_guessed_age_is_kept_without_it_and_flagged():
    source = SourceIndex([Utterance(0, "Doctor", "What brings you in?"),
                          Utterance(1, "Patient", "I've had asthma since I was a kid, and now a cough for two weeks.")])
    fmt = get_format("soap", "patient")
    raw = {"subjective": [{"text": "The patient is a 55-year-old male with a history of asthma.", "evidence": [1]},
                          {"text": "He reports a cough for two weeks, at 55 years of age.", "evidence": [1]}]}
    draft = assemble(fmt, raw, source, [], model="m", mode="direct", warnings=[])
    first = draft.sentences[0]
    assert first.text == "The patient is a male with a history of asthma."
    assert first.flags == ["age_removed:55"]
    # a guessed number that is not an age phrase still withholds the whole sentence
    assert [s.flags for s in draft.withheld] == [["unsupported_number:55"]]


def test_drafts_and_hand_written_notes_split_into_sentences_the_same_way():
    text = "Seen by Dr. Lee for e.g. 5 mg doses. BP was 120/80. 2 weeks of cough! Better? Yes."
    assert split_sentences(text) == ["Seen by Dr. Lee for e.g. 5 mg doses.", "BP was 120/80.", "2 weeks of cough!",
                                     "Better?", "Yes."]
    from session_assistant.drafting.enhance import note_lines
    assert [line.text for line in note_lines("- Seen by Dr. Lee. Slept well.\n* Plan: walk daily.")] == [
        "Seen by Dr. Lee.", "Slept well.", "Plan: walk daily."]
    assert [line.id for line in note_lines("One. Two.\nThree.")] == [0, 1, 2]
