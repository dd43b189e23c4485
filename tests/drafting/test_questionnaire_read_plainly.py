"""A measure read aloud item by item without quotation marks ("Trouble relaxing?" - "Two."): its lines
are the questionnaire's, so a model sentence retelling an item as a symptom the client reported is
withheld; the note gets the notable answers as item answers (the harm item, an item the clinician
came back to, the few answered highest). Exposure ratings asked again and again are no questionnaire.
Hand-written sessions and model sentences (no model)."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.questionnaire_read import (QUESTIONNAIRE_ITEM, items_read, notable_items,
                                                           questionnaire_lines)
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

READ_PLAINLY = parse_transcript("""Clinician: Good to see you, Priya. Before anything else, the mood questionnaire. I'll read them out, same as before, thinking of the past fortnight.
Client: Fine, go ahead.
Clinician: Losing interest in hobbies you used to enjoy.
Client: Several days. One.
Clinician: Getting irritated over small things?
Client: Oh, that's a three. My sister would say a three too.
Clinician: Sleeping badly or too much.
Client: Two. I lie awake till two in the morning most nights.
Clinician: Feeling you'd be better off dead, or thinking of hurting yourself.
Client: No. Nought.
Clinician: Struggling to concentrate on reading or work.
Client: One. I reread emails three times.
Clinician: Thank you. That comes to seven. You said irritated was a three, what's been happening there?
Client: The builders next door start at seven. Every morning. I snap at everyone by nine.
Clinician: That sounds wearing. How did the breathing practice go this fortnight?
Client: I did it five evenings and it helped me settle before bed.""")


def _draft(raw):
    return assemble(get_format("soap", "client"), raw, SourceIndex(READ_PLAINLY), [], model="m", mode="direct",
                    warnings=[], subject="client")


def test_items_read_plainly_are_known_by_their_rated_answers():
    assert questionnaire_lines(READ_PLAINLY) == set(range(2, 12))
    assert [r.value for r in items_read(READ_PLAINLY)] == [1, 3, 2, 0, 1]  # "three times" is no rating


def test_a_symptom_retold_from_an_item_answer_is_withheld_and_the_week_stays():
    retold = "Client reports sleeping badly and lying awake most nights."
    practice = "Client did the breathing practice on five evenings and found it settling before bed."
    draft = _draft({"subjective": [{"text": retold, "evidence": [6, 7]}, {"text": practice, "evidence": [14, 15]}]})
    assert retold not in draft.sections["subjective"] and practice in draft.sections["subjective"]
    assert any(s.text == retold and QUESTIONNAIRE_ITEM in s.flags for s in draft.withheld)


def test_the_notable_answers_are_quoted_as_item_answers_in_objective():
    name, notable = notable_items(READ_PLAINLY)
    assert name == "Questionnaire"
    assert [r.item for r in notable] == ["Getting irritated over small things?",
                                         "Feeling you'd be better off dead, or thinking of hurting yourself."]
    draft = _draft({})
    line = next(s for s in draft.sentences if "read aloud item by item" in s.text)
    assert line.section == "objective" and line.origin == "rule"
    assert '"Getting irritated over small things" - "Oh, that\'s a three.' in line.text
    assert '"No. Nought."' in line.text and "Losing interest" not in line.text


def test_a_named_measure_keeps_its_name():
    session = parse_transcript("""Clinician: Let's do the ABC-5 now. I'll read each one.
Client: Okay.
Clinician: Dreading the mornings.
Client: Nearly every day.
Clinician: Avoiding friends.
Client: Not at all.
Clinician: Feeling on edge.
Client: Several days.""")
    name, notable = notable_items(session)
    assert name == "ABC-5" and [r.item for r in notable] == ["Dreading the mornings."]


def test_ratings_asked_again_in_an_exposure_are_no_questionnaire():
    exposure = parse_transcript("""Clinician: Hold the rail and look down. Where's your fear, nought to ten?
Client: Seven.
Clinician: Keep looking. Notice the drop.
Client: Six. Maybe six.
Clinician: Breathe out slowly, eyes on the ground below.
Client: Five.
Clinician: Stay with it a little longer.
Client: Four. It's easing.""")
    assert questionnaire_lines(exposure) == set() and notable_items(exposure) == ("", [])


def test_an_unnamed_questionnaire_takes_the_charts_name_when_its_total_is_the_charted_score():
    from session_assistant.drafting.chart_context import ChartContext
    chart = ChartContext.from_json({"format": "session-assistant therapy chart context v1", "measures": [
        {"name": "MOOD-5", "score": 7, "when": "session day", "date": "today"},
        {"name": "MOOD-5", "score": 9, "when": "last before session day", "date": "a fortnight ago"}]})
    draft = assemble(get_format("soap", "client"), {}, SourceIndex(READ_PLAINLY), [], model="m", mode="direct",
                     warnings=[], subject="client", chart=chart)
    assert any(s.text.startswith("MOOD-5 read aloud item by item") for s in draft.sentences)
    other = ChartContext.from_json({"format": "session-assistant therapy chart context v1", "measures": [
        {"name": "MOOD-5", "score": 8, "when": "session day", "date": "today"}]})
    draft = assemble(get_format("soap", "client"), {}, SourceIndex(READ_PLAINLY), [], model="m", mode="direct",
                     warnings=[], subject="client", chart=other)
    assert any(s.text.startswith("Questionnaire read aloud item by item") for s in draft.sentences)


def test_an_item_told_as_a_symptom_is_withheld_whatever_lines_it_cites():
    retold = "Client reported getting irritated over small things and struggling to concentrate on reading."
    builders = "Client reported that the builders next door start at seven every morning."
    draft = _draft({"subjective": [{"text": retold, "evidence": [14, 15]}, {"text": builders, "evidence": [13]}]})
    assert retold not in draft.sections["subjective"] and builders in draft.sections["subjective"]
    assert any(s.text == retold and QUESTIONNAIRE_ITEM in s.flags for s in draft.withheld)
