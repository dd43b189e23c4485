"""A narrative sentence about the summary itself ("The client's treatment summary is a detailed and
comprehensive overview of their care plan.") is left out: it says nothing of the care, yet it was shown
first, cited to a note. A sentence about the care stays. Pure: a scripted model, no vault."""

from __future__ import annotations

import json
from types import SimpleNamespace

from session_assistant.chart.citations import SourceRef
from session_assistant.chart.compose import Composer, ComposeResult, FactLine
from session_assistant.jobs.progress import no_progress

NOTE = SourceRef("2026-11-27", "progress_note", 3)


class ScriptedModel:
    model_id = "scripted"

    def __init__(self, statements: list[str]) -> None:
        self.text = json.dumps({"statements": [{"text": t, "sources": [1]} for t in statements]})

    def prompt_tokens(self, _messages) -> int:
        return 10

    def generate_json(self, _messages, _schema, _budget, cancel=None, on_token=None):
        return SimpleNamespace(text=self.text, tokens=20)


def _narrative(*statements: str) -> tuple[list[str], ComposeResult]:
    composer = Composer(ScriptedModel(list(statements)), narrative_statements=3)
    result = ComposeResult([], "scripted")
    lines = [FactLine("Progress", "Sleep improved with a wind-down routine; fewer evening worries.", (NOTE,))]
    found = composer._call(lines, [], 3, result, no_progress, None)
    return [s.text for s in found], result


def test_a_sentence_about_the_summary_itself_is_left_out_and_counted():
    kept, result = _narrative("The client's treatment summary is a detailed and comprehensive overview of their care plan.",
                              "Sleep improved once the client kept a wind-down routine.")
    assert kept == ["Sleep improved once the client kept a wind-down routine."]
    assert result.fragment_sentences == 1


def test_a_sentence_about_the_care_that_names_a_plan_stays():
    kept, _ = _narrative("The work followed the care plan, with fewer evening worries by the end.")
    assert kept == ["The work followed the care plan, with fewer evening worries by the end."]
