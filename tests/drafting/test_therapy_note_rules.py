"""A therapy note by rule, on hand-made drafts (no model): nothing said twice, no unfinished or
looping sentence, the therapy voice (third person, real quotes, no assumed findings, reports out
of Objective, a Plan that plans), and what was dropped or withheld listed for review."""

from __future__ import annotations

import re

import pytest

from session_assistant.drafting.formats import NOT_DISCUSSED, get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.repetition import LOOP_REMOVED, REPETITIVE, clean_loop, is_unfinished
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

# The drinking and its amount in two sentences: these tests are about the model's sentences, which a rule
# line quoting the amount (``substance_said``) would stand in for.
MI_SESSION = parse_transcript("""Clinician: How has the drinking been since we last met?
Client: I've been cutting back on drinking. Maybe four nights a week now instead of every night.
Clinician: On a scale of 0 to 10, how important is it for you to cut down further?
Client: About a seven. Part of me knows I should stop, but I like a glass of wine after work.
Clinician: What are the good things about drinking, and the not so good things?
Client: It helps me relax. But I wake up at three and feel awful at work.
Clinician: Come back and talk to me if the cravings get worse. Next week we can look at your drinking log.
Client: Okay, I'll keep the log this week.""")


def _model_said(draft, section: str) -> str:
    """The model's sentences of a part (the rules' lines, e.g. the client's drinking quoted, aside)."""
    return " ".join(s.text for s in draft.sentences if s.section == section and s.origin == "model")


def _assemble(raw, utterances=MI_SESSION, fmt="soap", **kw):
    return assemble(get_format(fmt), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                    mode="direct", warnings=[], subject="client", **kw)


@pytest.mark.parametrize("text, cleaned, flag", [
    ("The client's willingness to quit and the client's willingness to quit was discussed.",
     "The client's willingness to quit was discussed.", LOOP_REMOVED),
    ("The client is ambivalent about drinking, ambivalent about drinking.", "The client is ambivalent about drinking.",
     LOOP_REMOVED),
    ("The client drinks wine after work and drinks wine after work on weekends too.",
     "The client drinks wine after work on weekends too.", LOOP_REMOVED),
    ("The client wakes at three and feels awful, and at work the client wakes at three and feels awful.",
     "The client wakes at three and feels awful, and at work the client wakes at three and feels awful.", REPETITIVE),
    ("The client reported drinking four nights a week.", "The client reported drinking four nights a week.", None),
])
def test_a_looping_sentence_is_said_once_or_flagged(text, cleaned, flag):
    assert clean_loop(text) == (cleaned, flag)


@pytest.mark.parametrize("text, unfinished", [
    ("The clinician recommended that the client talk to a support group and", True),
    ("The client agreed to", True),
    ("The client reported drinking four nights a week,", True),
    ("The client described waking at three and…", True),
    ("The client will keep a drinking log.", False),
    ("The client will keep a drinking log", False),
])
def test_unfinished_sentences_are_recognised(text, unfinished):
    assert is_unfinished(text) is unfinished


def test_nothing_is_said_twice_across_parts_and_each_drop_is_listed():
    said = "The client has cut back on drinking to 4 nights a week."
    raw = {"subjective": [{"text": said, "evidence": [1]},
                          {"text": "The client said wine helps the client relax after work.", "evidence": [3, 5]}],
           "objective": [{"text": "The client has cut back drinking to four nights a week.", "evidence": [1]}],
           "assessment": [{"text": "The client's willingness to cut down and the client's willingness to cut down "
                                   "is growing.", "evidence": [3]},
                          {"text": said, "evidence": [1]}],
           "plan": [{"text": "The client will keep a drinking log this week.", "evidence": [7]},
                    {"text": "The clinician recommended that the client talk to a support group and", "evidence": [6]}]}
    draft = _assemble(raw)
    texts = [s.text for s in draft.sentences if s.origin == "model"]
    assert texts.count(said) == 1
    assert "The client's willingness to cut down is growing." in texts
    assert "loop_removed" in next(s for s in draft.sentences if s.text.startswith("The client's willingness")).flags
    assert not any(t.endswith((" and", " and.")) for t in draft.as_text().split("\n"))
    dropped = {(s.section, s.flags[0]) for s in draft.dropped}
    assert ("objective", "repeats:subjective") in dropped and ("assessment", "repeats:subjective") in dropped
    assert ("plan", "unfinished") in dropped
    assert len(draft.dropped) == len(dropped) == 3  # a sentence the model looped on is listed once
    assert {"dropped", "facts"} <= set(draft.to_json())
    assert (draft.model, draft.mode, draft.warnings) == ("m", "direct", [])


def test_a_cut_sentence_never_reaches_a_client_note():
    run_on = ("The client described waking at three and lying awake until five, " * 7)[:240]
    draft = _assemble({"subjective": [{"text": run_on, "evidence": [5]}]})
    assert _model_said(draft, "subjective") == ""  # the rules' own lines (the drinking, quoted) may stand
    assert [s.flags for s in draft.dropped] == [["unfinished"]]


def test_therapy_voice_first_person_quotes_and_patient():
    raw = {"subjective": [{"text": "The patient said \"it helps me relax\" about wine.", "evidence": [5]},
                          {"text": "The client said \"I am a hopeless drunk.\"", "evidence": [3]},
                          {"text": "I feel the client is ambivalent.", "evidence": [3]}],
           "plan": [{"text": "The clinician asked the client to come back and talk to me if cravings get worse.",
                     "evidence": [6]},
                    {"text": "We will look at your drinking log next week.", "evidence": [6]}]}
    draft = _assemble(raw)
    kept = {s.text: s for s in draft.sentences if s.origin == "model"}
    assert "The client said \"it helps me relax\" about wine." in kept
    assert ("The clinician asked the client to come back and talk to the clinician if cravings get worse."
            in kept)
    withheld = {s.text: s.flags for s in draft.withheld}
    assert "quote_not_in_transcript" in withheld["The client said \"I am a hopeless drunk.\""]
    assert "first_person" in withheld["I feel the client is ambivalent."]
    # The clinician said "Next week we can look at your drinking log": "we" and "your" are known.
    assert "Clinician and client will look at the client's drinking log next week." in kept
    outside_quotes = re.sub(r'"[^"]*"', " ", draft.as_text())
    assert not any(w in f" {outside_quotes} " for w in (" I ", " me ", " my ", " we ", " you "))


def test_objective_holds_no_assumed_findings_nor_reports():
    raw = {"objective": [{"text": "Affect was appropriate and speech was normal in rate.", "evidence": [1]},
                         {"text": "Vital signs were stable.", "evidence": [1]},
                         {"text": "The client reported waking at three and feeling awful at work.", "evidence": [5]}]}
    draft = _assemble(raw)
    assert "assumed_finding:affect" in draft.withheld[0].flags and "assumed_finding:speech" in draft.withheld[0].flags
    assert "assumed_finding:vital signs" in draft.withheld[1].flags
    moved = next(s for s in draft.sentences if s.text.startswith("The client reported waking"))
    assert moved.section == "subjective" and "moved_from_objective" in moved.flags
    objective = [s for s in draft.section_sentences("objective") if s.origin == "model"]
    assert objective == []


def test_a_finding_the_clinician_said_is_kept():
    utterances = parse_transcript("Clinician: Your affect seems flat today and your speech is slow.\nClient: I'm tired.")
    raw = {"objective": [{"text": "The clinician observed a flat affect and slow speech.", "evidence": [0]}]}
    draft = _assemble(raw, utterances)
    assert draft.sections["objective"].startswith("The clinician observed a flat affect and slow speech.")


def test_a_plan_sentence_that_retells_the_session_is_withheld():
    raw = {"plan": [{"text": "The client discussed wine and sleep with the clinician.", "evidence": [5]},
                    {"text": "The client will keep the drinking log this week.", "evidence": [7]}]}
    draft = _assemble(raw)
    assert [s.text for s in draft.section_sentences("plan") if s.origin == "model"] == [
        "The client will keep the drinking log this week."]
    assert "retells_session" in draft.withheld[0].flags


def test_the_medical_voice_keeps_its_rules():
    utterances = parse_transcript("Doctor: Your lungs are clear.\nPatient: I have had a cough for two weeks.")
    raw = {"subjective": [{"text": "The patient reports a cough for 2 weeks.", "evidence": [1]}],
           "objective": [{"text": "Lungs are clear to auscultation.", "evidence": [0]}]}
    draft = assemble(get_format("soap", "patient"), raw, SourceIndex(utterances), [], model="m", mode="direct",
                     warnings=[], subject="patient")
    assert draft.sections["subjective"] == "The patient reports a cough for 2 weeks."
    assert draft.sections["objective"] == "Lungs are clear to auscultation."
    assert not any(s.origin == "rule" for s in draft.sentences)


def test_a_therapy_note_is_asked_for_interventions_never_for_exam_findings():
    from session_assistant.drafting.formats import system_prompt

    client, patient = get_format("soap", "client"), get_format("soap", "patient")
    assert "vital signs" not in client.section("objective").guidance
    assert "motivational interviewing" in client.section("objective").guidance
    assert "vital signs" in patient.section("objective").guidance  # the medical voice is unchanged
    assert "quotation marks" in client.section("subjective").guidance
    assert "Do not retell the session" in client.section("plan").guidance
    assert "quotation" in system_prompt("draft_system", "SOAP", "client")
    assert "quotation" not in system_prompt("draft_system", "SOAP", "patient")


def test_a_sentence_made_mostly_of_words_nobody_said_is_withheld():
    raw = {"subjective": [
        {"text": "The client reported symptoms of anxiety and depression for the past year, including insomnia, "
                 "fatigue and difficulty concentrating.", "evidence": [5]},
        {"text": "The client expressed ambivalence about cutting down on wine after work.", "evidence": [3]}],
        "plan": [{"text": "The client will continue to take the medications as prescribed.", "evidence": [7]}]}
    draft = _assemble(raw)
    assert [s.text for s in draft.sentences if s.origin == "model"] == [
        "The client expressed ambivalence about cutting down on wine after work."]
    assert all("unsupported_content" in s.flags for s in draft.withheld)
    assert len(draft.withheld) == 2


def test_your_in_a_sentence_about_the_client_becomes_the_clients():
    # (A plan, not a "safety plan": this session made none, and naming one is withheld as unevidenced.)
    # (The log, not "your brother": a person the session never names is withheld, ``said_terms``.)
    raw = {"objective": [{"text": "The clinician made a plan with your drinking log as a support.", "evidence": [6]}],
           "assessment": [{"text": "The client said \"it helps me relax\" and your log shows 4 nights.", "evidence": [5]}]}
    draft = _assemble(raw)
    texts = [s.text for s in draft.sentences if s.origin == "model"]
    assert "The clinician made a plan with the client's drinking log as a support." in texts
    assert "The client said \"it helps me relax\" and the client's log shows 4 nights." in texts
    withheld = _assemble({"plan": [{"text": "You will keep your log.", "evidence": [7]}]}).withheld
    assert "first_person" in withheld[0].flags


def test_a_question_copied_from_the_session_is_dropped_from_a_client_note():
    raw = {"subjective": [{"text": "The client reported drinking four nights a week.", "evidence": [1]},
                          {"text": "Is that right?", "evidence": [2]}]}
    draft = _assemble(raw)
    assert _model_said(draft, "subjective") == "The client reported drinking 4 nights a week."  # clinical wording: digits
    assert [(s.text, s.flags) for s in draft.dropped] == [("Is that right?", ["question"])]


def test_a_bare_answer_copied_from_the_session_is_no_sentence_of_the_note():
    # 52's Subjective held the model's "No. Never.", the client's denial copied without who or what.
    raw = {"subjective": [{"text": "The client reported drinking four nights a week.", "evidence": [1]},
                          {"text": "Nope, not really.", "evidence": [2]}]}
    draft = _assemble(raw)
    assert _model_said(draft, "subjective") == "The client reported drinking 4 nights a week."
    assert [(s.text, s.flags) for s in draft.dropped] == [("Nope, not really.", ["fragment"])]


def test_a_long_clause_written_again_in_another_part_is_dropped_there():
    # 53 held "... the clinician noted that the client was using the completing response to the pulling episodes,
    # which was a common coping mechanism ..." in Subjective and again in Objective.
    raw = {"subjective": [{"text": "The client reported cutting back on drinking, and the clinician noted that a glass of "
                                   "wine helped the client relax after work despite waking at three.", "evidence": [1, 5]}],
           "objective": [{"text": "The clinician asked about importance on a scale, and the clinician noted that a glass "
                                  "of wine helped the client relax after work despite waking at three.", "evidence": [2, 5]}]}
    draft = _assemble(raw)
    assert [s.section for s in draft.sentences if s.origin == "model"] == ["subjective"]
    assert [s.flags for s in draft.dropped] == [["repeats:subjective"]]
