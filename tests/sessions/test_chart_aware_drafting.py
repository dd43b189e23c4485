"""Chart-aware drafting for a vault session: the client's goals, diagnoses, session-day measures
and last signed plan are read from the vault, reach the prompt apart from the transcript, and the
draft's chart lines cite chart items. Real vault; the drafting test uses the real small model."""

from __future__ import annotations

import pytest

from session_assistant.services.draft_chart import chart_context
from session_assistant.transcribe.segments import Segment, Transcript

TALK = [
    ("clinician", "How did the drinking log go since we last met?"),
    ("client", "I kept the drinking log most days and I had wine only four nights."),
    ("clinician", "On a scale of 0 to 10, how important is it to cut down on drinking further?"),
    ("client", "About a seven. Part of me wants to stop drinking on weeknights."),
    ("clinician", "Any thoughts of hurting yourself or ending your life?"),
    ("client", "No, nothing like that."),
]
PLAN = {"problems": [{"problem": "Alcohol use", "goals": [
    {"goal": "Reduce drinking to two nights a week", "status": "in progress",
     "objectives": [{"objective": "Keep a daily drinking log"}]},
    {"goal": "Return to swimming weekly", "status": "met"}]}]}


def _chart(practice) -> dict:
    """A chart around the session on 2026-11-20: plan, diagnosis, measures, an earlier signed note."""
    client = practice.appointments.get(practice.appointment_id)["client_id"]
    plan_id = practice.plans.create(client, PLAN)
    practice.plans.sign(plan_id, "Dr Test")
    diagnosis = practice.diagnoses.add(client, "F10.10", "2026-10-01")
    earlier = practice.appointments.add(client, "2026-11-13T10:00", 50)
    note = practice.notes.create(earlier, "SOAP Note (manual)")
    practice.notes.set_field(note, "plan", "Keep a daily drinking log; two alcohol-free days.")
    practice.notes.sign(note, practice.profile.get())
    old = practice.assessments.add(client, "gad7", [2, 2, 2, 1, 1, 1, 1], "2026-11-06")
    today = practice.assessments.add(client, "gad7", [1, 1, 1, 1, 0, 0, 0], "2026-11-20")
    practice.assessments.add(client, "phq9", [1] * 9, "2026-10-01")  # not given on the session day
    return {"plan": plan_id, "diagnosis": diagnosis, "note": note, "old": old, "today": today}


def test_the_chart_context_is_read_from_the_vault(practice):
    ids = _chart(practice)
    chart = chart_context(practice.vault, practice.appointment_id)
    assert [(g.ref, g.text) for g in chart.goals] == [
        (f"chart:goal:{ids['plan']}.1.1", "Goal: Reduce drinking to two nights a week (objectives: Keep a daily drinking log)")]
    assert [d.ref for d in chart.diagnoses] == [f"chart:diagnosis:{ids['diagnosis']}"]
    assert [m.ref for m in chart.measures] == [f"chart:assessment:{ids['today']}", f"chart:assessment:{ids['old']}"]
    assert chart.measures[0].text.startswith("GAD-7 total 4") or "total 4" in chart.measures[0].text
    assert chart.last_plan.ref == f"chart:note:{ids['note']}" and "drinking log" in chart.last_plan.text
    assert chart.session_date == "2026-11-20"


def test_a_client_without_a_chart_gives_an_empty_context(practice):
    assert not chart_context(practice.vault, practice.appointment_id)


@pytest.mark.slow
def test_drafting_a_vault_session_uses_the_clients_chart(practice, monkeypatch):
    ids = _chart(practice)
    segments = [Segment(i, 6.0 * i, 6.0 * i + 5.5, text, speaker=who) for i, (who, text) in enumerate(TALK)]
    practice.sessions.store_transcript(practice.appointment_id, Transcript("en", 36.0, segments))
    model = practice.sessions.llm()
    prompts: list[str] = []
    generate = model.generate_json

    def spy(messages, *args, **kwargs):  # the model is real; only its prompts are recorded
        prompts.append(messages[-1]["content"])
        return generate(messages, *args, **kwargs)

    monkeypatch.setattr(model, "generate_json", spy)
    practice.sessions.draft_session(practice.appointment_id, "soap")
    with_chart = [p for p in prompts if "Client's chart" in p]
    assert with_chart and all("Write the Assessment section" in p for p in with_chart)  # the golden thread's part
    assert all(p.index("Transcript (line number") < p.index("Client's chart") < p.index("Write the") for p in with_chart)
    assert all("Reduce drinking to two nights a week" in p and "Return to swimming" not in p for p in with_chart)
    assert all("how the session bears on it" in p for p in with_chart)
    assert len(with_chart) < len(prompts)  # Subjective, Objective and Plan see the transcript only
    draft = practice.sessions.latest_draft(practice.appointment_id)["draft"]
    # Whether the goal line is written depends on the model's sentences naming the drinking (the
    # goal-support rule, tests/drafting/test_goal_support.py); where it is, it cites chart and lines.
    goals = [s for s in draft["sentences"] if s["text"].startswith("Treatment goal")]
    assert all(g["chart_evidence"] == [f"chart:goal:{ids['plan']}.1.1"] and g["section"] == "assessment"
               and g["evidence"] and set(g["evidence"]) <= {0, 1, 2, 3} for g in goals)
    measures = next(s for s in draft["sentences"] if s["text"].startswith("Measures (per chart)"))
    assert measures["chart_evidence"] == [f"chart:assessment:{ids['today']}", f"chart:assessment:{ids['old']}"]
    assert all(not s["chart_evidence"] for s in draft["sentences"] if s["origin"] == "model")
    assert [r["status"] for r in draft["risk"]] == ["screened: denied"]
