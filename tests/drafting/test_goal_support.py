"""A treatment goal is said to be addressed only when the note's own facts rest on lines naming the
goal's topic (issue 16, the lead's reading of 03: "Treatment goal (Reduce work stress) was addressed"
in a session about drinking, where after-work stress came up only as a trigger). Facts are written by
hand, so no assertion rests on what a model writes."""

from __future__ import annotations

from session_assistant.drafting import get_format, parse_transcript
from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_record import SessionRecord, SlotFact

DRINKING = parse_transcript(
    "Clinician: Last time we talked a lot about work. What would you like to focus on today?\n"     # 0
    "Client: The drinking. My wife says I drink too much, six beers most nights.\n"                 # 1
    "Clinician: What gets in the way of cutting back?\n"                                            # 2
    "Client: Fridays with the guys. And stress. After work the first thing I do is open the fridge.\n"  # 3
    "Clinician: So after-work stress and Fridays are the big ones.\n"                               # 4
    "Client: Yeah. Maybe no beer Monday to Thursday.")                                              # 5
CHART = ChartContext.from_json({"goals": [{"id": "G1", "text": "Reduce work stress"},
                                          {"id": "G2", "text": "Explore alcohol use"}]})


def _goal_lines(draft) -> dict[str, list[int]]:
    return {s.text.split("(")[1].split(")")[0]: s.evidence for s in draft.sentences if s.text.startswith("Treatment goal")}


def _record(*facts: tuple[str, str, list[int]]) -> SessionRecord:
    ids = [u.id for u in DRINKING]
    record = SessionRecord(windows=[ids])
    for key, text, evidence in facts:
        assert record.add(key, SlotFact(text, evidence), ids)
    return record


def _render(record: SessionRecord):
    return render_note(get_format("soap", "client"), record, SourceIndex(DRINKING), scan_transcript(DRINKING),
                       model="m", chart=CHART)


def test_a_drinking_session_addresses_the_alcohol_goal_not_the_work_stress_goal():
    draft = _render(_record(("concern", "Client came to talk about drinking six beers most nights.", [1]),
                            ("goals", "Client wants no beer Monday to Thursday.", [5])))
    goals = _goal_lines(draft)
    assert "Reduce work stress" not in goals  # after-work stress was a trigger, not work on the goal
    assert goals["Explore alcohol use"] and set(goals["Explore alcohol use"]) <= {1, 5}


def test_a_fact_about_work_stress_supports_that_goal():
    draft = _render(_record(("triggers", "After-work stress sets off the drinking.", [3, 4])))
    assert set(_goal_lines(draft)["Reduce work stress"]) <= {3, 4}


def test_the_sections_drafter_uses_the_same_rule():
    raw = {"subjective": [{"text": "The client reported drinking six beers most nights.", "evidence": [1]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(DRINKING), scan_transcript(DRINKING), model="m",
                     mode="direct", warnings=[], subject="client", chart=CHART)
    assert list(_goal_lines(draft)) == ["Explore alcohol use"]


def test_a_goal_about_the_father_is_supported_by_lines_that_say_dad():
    # 11: the goal says "father", the client "my dad's birthday" and "I keep replaying it" (two lines).
    from session_assistant.drafting.chart_context import goal_support
    utterances = parse_transcript(
        "Client: It's been a hard week. It would have been my dad's birthday on Saturday.\n"
        "Clinician: What has that been like?\n"
        "Client: The last night at the hospital. I keep replaying it.")
    chart = ChartContext.from_json({"goals": [{"id": "G1", "text": "Reduce intrusive replaying of the father's death"}]})
    fact = ("The client keeps replaying the last night at the hospital, before their dad's birthday.", [0, 2])
    assert goal_support(chart.goals[0], SourceIndex(utterances), [fact]) == [0, 2]
    # An unrelated fact about the same lines' other words is still no support.
    assert goal_support(chart.goals[0], SourceIndex(utterances), [("The client had a hard week.", [0])]) == []
