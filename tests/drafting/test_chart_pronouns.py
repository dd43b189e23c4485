"""The client's charted pronouns reach the draft: the chart block the model reads names them (one
line), the system prompt uses them, and the rule-written lines that speak of the client say "she"
or "he" as charted ("they" when none is). Drafted by the real tiny model (SmolLM2-135M) in process;
the CLI's ``--chart`` with pronouns is checked on tests/bench/test_rerender.py's CLI draft (one
small-model CLI draft serves both). What the model writes is not judged, only its prompts and the
rule lines."""

from __future__ import annotations

import pytest

from session_assistant.drafting import draft_note
from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.room_seen import states_sentence
from session_assistant.drafting.transcript_input import TranscriptUnreadable

TEST_MODEL = "smollm2-135m-instruct"

pytestmark = pytest.mark.slow

TALK = [  # "How are you feeling?" answered with a state: the rule line "How the client said ... were" quotes it
    ("Clinician", "How are you feeling today?"),
    ("Client", "I feel nervous. The week at work was long and I slept badly."),
    ("Clinician", "Last time we set the goal of sleeping through the night. How did the wind-down routine go?"),
    ("Client", "I turned off my phone at ten on four nights and slept through the night twice."),
    ("Clinician", "Let's keep the routine and add a sleep diary for next session."),
    ("Client", "Okay, I can keep a sleep diary this week."),
]
CHART = {"goals": [{"id": "1", "goal": "Sleep through the night at least four nights a week",
                    "status": "in progress", "objectives": ["Keep a wind-down routine"]}]}


def transcript() -> dict:
    return {"segments": [{"id": i, "speaker": who, "text": text} for i, (who, text) in enumerate(TALK)]}


def states_line(draft) -> str:
    [line] = [s.text for s in draft.sentences if s.text.startswith("How the client said")]
    return line


@pytest.mark.parametrize("pronouns, said", [("she/her", "she was"), ("he/him", "he was"), (None, "they were")])
def test_the_charted_pronouns_reach_the_chart_block_and_the_rule_lines(tiny_model, monkeypatch, pronouns, said):
    chart = ChartContext.from_json({**CHART, **({"pronouns": pronouns} if pronouns else {})})
    prompts: list[tuple[str, str]] = []
    generate = tiny_model.generate_json

    def spy(messages, *args, **kwargs):  # only the prompts are recorded: they are the point
        prompts.append((messages[0]["content"], messages[-1]["content"]))
        return generate(messages, *args, **kwargs)

    monkeypatch.setattr(tiny_model, "generate_json", spy)
    draft = draft_note(tiny_model, transcript(), "soap", chart=chart, max_sentences=1)
    blocks = [user for _, user in prompts if "Client's chart" in user]
    assert blocks  # the goal's section reads the chart block
    if pronouns:
        assert all(f"The client's pronouns: {pronouns}." in block for block in blocks)
        assert all(f"pronouns are {pronouns}" in system for system, _ in prompts)
        assert draft.model_raw["pronouns"] == pronouns and draft.model_raw["chart"]["pronouns"] == pronouns
    else:
        assert not any("pronouns" in user for _, user in prompts)
    assert states_line(draft).startswith(f"How the client said {said}, in the room: ")


def test_a_chart_with_pronouns_of_the_wrong_shape_is_refused():
    with pytest.raises(TranscriptUnreadable):
        ChartContext.from_json({"pronouns": ["she", "her"]})
    assert ChartContext.from_dict(ChartContext.from_json({"pronouns": " she/her "}).to_dict()).pronouns == "she/her"
    assert states_sentence([("I'm tired.", 3)], "ze/zir").startswith("How the client said they were")
