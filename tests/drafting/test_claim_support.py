"""A model sentence of a therapy note is withheld when the session does not support what it claims
(issue 16, therapy16e): an observation given to the clinician that the clinician never voiced, an
absence nobody stated, a homework review nobody held, the drafting instructions read back; true
sentences of the same kinds stay; a sentence that retells the in-session rule line is said once.
Hand-written model sentences on a fixed transcript (no model); the medical voice is untouched."""

from __future__ import annotations

from pathlib import Path

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSIONS = Path(__file__).resolve().parents[2] / "bench" / "therapy_eval" / "sessions"
SESSION = parse_transcript("""Clinician: How did the breathing practice go since we last met?
Client: I did it four times. It helped on the bus.
Clinician: You look tired today, and you seem a bit flat.
Client: I slept badly. My mood has been low all week.
Clinician: What went through your mind on the bus?
Client: That I would faint and everyone would stare.
Clinician: Let's do the breathing together now for two minutes. How anxious are you, zero to a hundred?
Client: About sixty.
Clinician: And now?
Client: Thirty.
Clinician: From sixty to thirty. Let me sum up. Today we practised slow breathing together for two minutes, and your anxiety came down to thirty.
Client: Yes.
Clinician: For this week, keep the breathing twice a day and ride the bus two stops on Saturday.
Client: Okay.""")


def _draft(raw, subject="client", chart=None):
    return assemble(get_format("soap", subject), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                    mode="direct", warnings=[], subject=subject, chart=chart)


def test_an_observation_the_clinician_never_voiced_is_withheld_and_a_voiced_one_stays():
    raw = {"objective": [
        {"text": "The clinician observed that the client's mood was low.", "evidence": [3]},  # the client's report only
        {"text": "The clinician noted that the client's affect was anxious.", "evidence": [7]},  # nobody spoke of affect
        {"text": "The client appeared restless while breathing together.", "evidence": [6]},  # nobody said restless
        {"text": "The clinician observed that the client's behaviour was focused on the bus.", "evidence": [1]},  # a report
        {"text": "The clinician observed that the client looked tired and flat.", "evidence": [2]}]}  # said aloud
    draft = _draft(raw)
    withheld = {s.text: s.flags for s in draft.withheld}
    assert "unsaid_observation:mood" in withheld["The clinician observed that the client's mood was low."]
    assert "unsaid_observation:affect" in withheld["The clinician noted that the client's affect was anxious."]
    assert "unsaid_observation:restless" in withheld["The client appeared restless while breathing together."]
    assert "unsaid_observation:behaviour" in withheld["The clinician observed that the client's behaviour was focused on the bus."]
    assert "The clinician observed that the client looked tired and flat." in draft.sections["objective"]


def test_an_absence_nobody_stated_and_a_homework_review_nobody_held_are_withheld():
    raw = {"subjective": [
        {"text": "The homework from last time was to ride the bus with a friend.", "evidence": [0]},
        {"text": "The client did the breathing practice from last session four times, and it helped on the bus.",
         "evidence": [0, 1]}],
        "objective": [{"text": "The client practised slow breathing with no signs of panic.", "evidence": [10]}]}
    draft = _draft(raw)
    withheld = {s.text: s.flags for s in draft.withheld}
    assert "unsaid_homework_review" in withheld["The homework from last time was to ride the bus with a friend."]
    assert "assumed_absence:panic" in withheld["The client practised slow breathing with no signs of panic."]
    assert "breathing practice from last session 4 times" in draft.sections["subjective"]  # the real review stays
    review = {"subjective": [{"text": "Last session's homework was a sleep diary.", "evidence": [0]}]}
    assert "sleep diary" not in _draft(review).sections["subjective"]
    chart = ChartContext.from_json({"last_plan": {"text": "Keep a sleep diary every morning."}})
    # the chart's last plan holds it
    assert "Last session's homework was a sleep diary." in _draft(review, chart=chart).sections["subjective"]


def test_a_clinicians_task_stated_as_done_is_withheld_unless_a_clinician_line_says_it_was_done():
    offered = parse_transcript("""Clinician: Would you be okay with me writing to Dr. Lee about the pills?
Client: Yes, that's fine.""")
    done = parse_transcript("""Clinician: I wrote to Dr. Lee last week about the pills, and she called back.
Client: Good.""")
    raw = {"objective": [{"text": "The clinician wrote to Dr. Lee about the pills.", "evidence": [0]}]}
    for utterances, kept in ((offered, False), (done, True)):
        draft = assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                         mode="direct", warnings=[], subject="client")
        assert ("The clinician wrote to Dr. Lee about the pills." in draft.sections["objective"]) is kept
        assert any("planned_as_done:wrote" in s.flags for s in draft.withheld) is not kept


def test_the_instructions_read_back_are_withheld():
    # 01_cbt_panic, main ea8be59's draft: its transcript says most of the instruction words, so the
    # older check (words of the instructions nobody said) let the Assessment's instructions through.
    panic = parse_transcript((SESSIONS / "01_cbt_panic.txt").read_text(encoding="utf-8"))
    echo = ("The clinician's assessment: the client's symptoms and any diagnosis named; triggers identified; the client's "
            "response to the interventions; progress toward the treatment goals; readiness for change.")
    raw = {"assessment": [{"text": echo, "evidence": []},
                          {"text": "The client's response to the interventions was a drop in peak anxiety.", "evidence": [88]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(panic), scan_transcript(panic), model="m", mode="direct",
                     warnings=[], subject="client")
    assert any(s.text == echo and "echoed_instructions" in s.flags for s in draft.withheld)
    assert "The client's response to the interventions was a drop in peak anxiety." in draft.sections["assessment"]


def test_a_model_sentence_retelling_the_in_session_line_is_dropped_wherever_it_stands():
    raw = {"subjective": [{"text": "The client practised slow breathing together with the clinician for two minutes, "
                                   "and their anxiety came down to thirty.", "evidence": [10]}],
           "objective": [{"text": "The clinician and client practised slow breathing together for two minutes.",
                          "evidence": [10]}]}
    draft = _draft(raw)
    assert draft.as_text().count("slow breathing") == 1  # the quoted summary only
    assert [s.section for s in draft.dropped if "repeats:rule_line" in s.flags] == ["subjective"]


def test_the_medical_voice_keeps_its_sentences():
    raw = {"objective": [{"text": "The patient appeared restless, with no signs of distress.", "evidence": [6]}]}
    draft = _draft(raw, subject="patient")
    assert draft.sections["objective"] == "The patient appeared restless, with no signs of distress."


def test_a_whole_sentence_of_the_instructions_and_a_short_retelling_of_a_planned_line_are_left_out():
    utterances = parse_transcript("\n".join(["Clinician: How was the week?", "Client: Hard. The papers came."] * 3)
                                  + "\nClinician: We'll also keep working on the grief about the marriage.\nClient: Okay.")
    raw = {"assessment": [{"text": "Do not repeat the history.", "evidence": []}],
           "plan": [{"text": "Clinician and client will keep working on the grief about the marriage.", "evidence": [6]},
                    {"text": "The client will call the clinician about the marriage papers.", "evidence": [1]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    assert any(s.text == "Do not repeat the history." and "echoed_instructions" in s.flags for s in draft.withheld)
    assert draft.sections["plan"].count("grief about the marriage") == 1  # the quote, not the retelling
    assert "The client will call the clinician about the marriage papers." in draft.sections["plan"]


def test_the_partners_chart_score_given_to_the_client_is_withheld():
    utterances = parse_transcript("""Clinician: On the relationship satisfaction scale you each rated today, I have a six from you, and a five from you.
Client: Sounds right.
Partner: Yes.""")
    chart = ChartContext.from_json({"measures": [
        {"name": "Relationship satisfaction (0-10), client", "score": 6, "when": "session day"},
        {"name": "Relationship satisfaction (0-10), partner", "score": 5, "when": "session day"}]})
    raw = {"objective": [{"text": "The client rated satisfaction with a score of five.", "evidence": [0]},
                         {"text": "The client rated satisfaction with a score of six.", "evidence": [0]},
                         {"text": "The partner rated satisfaction with a score of five.", "evidence": [0]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client", chart=chart)
    assert [(s.text, s.flags) for s in draft.withheld] == [
        ("The client rated satisfaction with a score of five.", ["score_of_other:partner"])]
    assert "score of six" in draft.sections["objective"] and "The partner rated" in draft.sections["objective"]


def test_a_clause_carried_into_a_later_sentence_of_the_same_part_is_said_once():
    # 01, main's draft: "... was still having coffee just the 1 cup in the morning." in three sentences.
    raw = {"subjective": [
        {"text": "The client reported riding the bus and was still doing the breathing twice a day at home.", "evidence": [1]},
        {"text": "The client reported sleeping badly and was still doing the breathing twice a day at home.", "evidence": [3]},
        {"text": "The client reported sleeping badly this week.", "evidence": [3]}],
        "objective": [{"text": "The client said they were still doing the breathing twice a day at home.", "evidence": [1]}]}
    draft = _draft(raw)
    assert draft.sections["subjective"].count("twice a day at home") == 1
    assert "sleeping badly this week" in draft.sections["subjective"]
    assert any(s.text.startswith("The client reported sleeping badly and") and "repeats:subjective" in s.flags
               for s in draft.dropped)


def test_a_model_sentence_about_access_to_means_is_left_to_the_risk_line():
    utterances = parse_transcript("""Clinician: Do you have any guns at home?
Client: No. No guns.""")
    raw = {"assessment": [{"text": "They have also reported having access to firearms at home.", "evidence": [0]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    assert "firearms" not in draft.sections["assessment"]
    assert any("risk_statement:means" in s.flags for s in draft.withheld)
