"""Chart-aware drafting for a vault session: the client's goals, diagnoses, session-day measures
and last signed plan are read from the vault, reach the prompt apart from the transcript, and the
draft's chart lines cite chart items. Real vault and the real drafting pipeline; the model is a scripted
neighbour (the chart's way into the prompts and the rule lines are under test, not a model's words:
tests/drafting and tests/bench draft with the real small model)."""

from __future__ import annotations

import json

from session_assistant.drafting.note_model import Generation
from session_assistant.services.draft_chart import chart_context
from session_assistant.services.engine_loaders import EngineLoaders
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
    assert chart_context(practice.vault, practice.appointment_id).pronouns == ""


def test_the_chart_context_carries_the_clients_pronouns(practice):
    _chart(practice)
    client = practice.appointments.get(practice.appointment_id)["client_id"]
    practice.clients.update(client, pronouns="she/her")
    chart = chart_context(practice.vault, practice.appointment_id)
    assert chart.pronouns == "she/her"
    assert "The client's pronouns: she/her." in chart.prompt_block().splitlines()


class _Scripted:
    """A scripted neighbour for the sections method: each part's request ("Write the Assessment
    section ...") is answered with the sentences given for that part, every other with none."""

    model_id = "scripted"
    context_size = 8192

    def __init__(self, sentences: dict[str, list[dict]]) -> None:
        self.sentences = sentences
        self.requests: list[str] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def generate_json(self, messages, schema, max_tokens, **_kwargs):
        request = messages[-1]["content"]
        self.requests.append(request)
        answer = {key: [] for key in schema["properties"]}
        for part, sentences in self.sentences.items():
            if f"Write the {part} section" in request and "sentences" in answer:
                answer["sentences"] = sentences
        return Generation(json.dumps(answer), "stop", 10, 0.0)

    def close(self) -> None:  # the pipeline closes its model when released
        pass


def test_drafting_a_vault_session_uses_the_clients_chart(practice, monkeypatch):
    ids = _chart(practice)
    segments = [Segment(i, 6.0 * i, 6.0 * i + 5.5, text, speaker=who) for i, (who, text) in enumerate(TALK)]
    practice.sessions.store_transcript(practice.appointment_id, Transcript("en", 36.0, segments))
    # The Assessment names the drinking log (the goal's objective), so the goal-support rule writes the goal line;
    # not as last time's homework told again, which the review line in the Subjective already holds (dropped).
    model = _Scripted({"Assessment": [
        {"text": "The drinking log and an importance of seven support the goal of fewer drinking nights.", "evidence": [1, 3]}]})
    monkeypatch.setattr(practice.sessions, "engines", EngineLoaders(llm=lambda models_dir, name: model))
    practice.sessions.draft_session(practice.appointment_id, "soap")
    prompts = model.requests
    with_chart = [p for p in prompts if "Client's chart" in p]
    assert with_chart and all("Write the Assessment section" in p for p in with_chart)  # the golden thread's part
    assert all(p.index("Transcript (line number") < p.index("Client's chart") < p.index("Write the") for p in with_chart)
    assert all("Reduce drinking to two nights a week" in p and "Return to swimming" not in p for p in with_chart)
    assert all("how the session bears on it" in p for p in with_chart)
    assert len(with_chart) < len(prompts)  # Subjective, Objective and Plan see the transcript only
    draft = practice.sessions.latest_draft(practice.appointment_id)["draft"]
    [goal] = [s for s in draft["sentences"] if s["text"].startswith("Treatment goal")]
    assert goal["chart_evidence"] == [f"chart:goal:{ids['plan']}.1.1"] and goal["section"] == "assessment"
    assert goal["evidence"] and set(goal["evidence"]) <= {0, 1, 2, 3}
    measures = next(s for s in draft["sentences"] if s["text"].startswith("Measures (per chart)"))
    assert measures["chart_evidence"] == [f"chart:assessment:{ids['today']}", f"chart:assessment:{ids['old']}"]
    assert all(not s["chart_evidence"] for s in draft["sentences"] if s["origin"] == "model")
    assert any(s["origin"] == "model" for s in draft["sentences"])  # the scripted sentence reached the note
    assert [r["status"] for r in draft["risk"]] == ["screened: denied"]
