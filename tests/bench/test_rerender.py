"""rerender.py assembles a draft's kept model output again with the product's own ``assemble``: with the
same tree, the re-rendered note is the draft, sentence for sentence.

The assertions compare a draft with the re-render of the same kept output, never what a model wrote:
one draft is made by the real CLI with the tiny test model, one from a recorded raw dict through the
product's ``assemble`` (so every kind of sentence is there: kept, withheld, dropped, rule lines, risk).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sa_testing import REPO, run_cli

RERENDER = REPO / "bench" / "therapy_eval" / "rerender.py"
TINY = "smollm2-135m-instruct"

TRANSCRIPT = """Clinician: How did the thought record go this week?
Client: I did it four times, mostly after work meetings. I felt anxious before every meeting.
Clinician: What did you notice when you wrote the thoughts down?
Client: That I always expect my boss to think I'm useless. It's like a seven out of ten belief.
Clinician: Let's look at the evidence for and against that thought together.
Client: Well, he did ask me to lead the next project, so maybe not.
Clinician: Have you had any thoughts of hurting yourself or of suicide?
Client: No, none at all. I'm just cutting back on coffee.
Clinician: For this week, keep the thought record going, and try one meeting without rehearsing.
Client: Okay, I can do that.
Clinician: See you next Tuesday at ten.
"""

CHART = {"goals": [{"id": "G1", "text": "Speak up in work meetings without avoidance", "objectives": []}],
         "diagnoses": [{"code": "F41.1", "name": "Generalized anxiety disorder",
                        "description": "Generalized anxiety disorder"}],
         "last_plan": {"text": "Thought record after each work meeting.", "homework": ["thought record"]},
         "measures": [{"name": "GAD-7", "score": 12, "when": "session day", "date": "the session day"}]}

# As the model might write it: true sentences, a repeat, a question copied, a feeling nobody
# reported, a number nobody said, a risk statement, an unfinished sentence.
RECORDED_RAW = {
    "subjective": [
        {"text": "Client completed the thought record four times, mostly after work meetings.", "evidence": [1]},
        {"text": "Client reported feeling anxious before every meeting.", "evidence": [1]},
        {"text": "Client completed the thought record four times, mostly after work meetings.", "evidence": [1]},
        {"text": "Client reported feeling depressed and hopeless.", "evidence": [3]},
    ],
    "objective": [
        {"text": "The clinician and client examined the evidence for and against the thought.", "evidence": [4, 5]},
        {"text": "What did you notice when you wrote the thoughts down?", "evidence": [2]},
    ],
    "assessment": [
        {"text": "Client's belief that the boss thinks they are useless was rated seven out of ten.", "evidence": [3]},
        {"text": "Client denied thoughts of suicide.", "evidence": [6, 7]},
        {"text": "Client has had 12 panic attacks this month.", "evidence": [1]},
    ],
    "plan": [
        {"text": "Client will continue the thought record and try one meeting without rehearsing.", "evidence": [8, 9]},
        {"text": "Next session on Tuesday at ten and the client will", "evidence": [10]},
    ],
}


def _write_session(folder: Path, transcript: str = TRANSCRIPT, chart_json: dict = CHART) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    txt, chart = folder / "90_tiny.txt", folder / "90_tiny.chart.json"
    txt.write_text(transcript, encoding="utf-8")
    chart.write_text(json.dumps(chart_json), encoding="utf-8")
    (folder / "90_tiny.json").write_text(json.dumps({"id": "90_tiny",
        "reference": {"subjective": "Client did the thought record.", "objective": "Evidence examined.",
                      "assessment": "Anxiety at meetings.", "plan": "Thought record; Tuesday at ten."},
        "rubric": [{"part": "plan", "item": "next_session", "facts": [["tuesday"]]}],
        "must_not": [["depress"]], "risk": {"screened": "denied", "expected": [], "not_risk": []}}), encoding="utf-8")
    return txt, chart


def _rerender(drafts: Path, out: Path, sessions: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run([sys.executable, str(RERENDER), "--drafts", str(drafts), "--out", str(out),
                           "--sessions", str(sessions)], capture_output=True, text=True, env=env, timeout=300)


def _note(data: dict) -> dict:
    """What a draft says: its sections, and every sentence with its part, evidence, flags and origin."""
    return {"sections": data["sections"], "sentences": data["sentences"], "withheld": data["withheld"],
            "dropped": data["dropped"], "risk": data["risk"]}


def test_a_recorded_raw_draft_rerenders_to_the_same_sentences(tmp_path):
    from session_assistant.drafting.chart_context import ChartContext
    from session_assistant.drafting.formats import fit_to_session, get_format
    from session_assistant.drafting.grounding import SourceIndex
    from session_assistant.drafting.model_raw import capture
    from session_assistant.drafting.risk import scan_transcript
    from session_assistant.drafting.sections import assemble
    from session_assistant.drafting.transcript_input import load_transcript

    sessions = tmp_path / "sessions"
    txt, chart_path = _write_session(sessions)
    utterances = load_transcript(txt)
    chart = ChartContext.from_json(CHART)
    words = sum(len(u.text.split()) for u in utterances)
    fmt = fit_to_session(get_format("soap", "client"), words)
    kept = capture(RECORDED_RAW, mode="direct", fmt="soap", subject="client", warnings=[], model="recorded",
                   chart=chart, pronouns=None, fitted_words=words)
    draft = assemble(fmt, json.loads(json.dumps(RECORDED_RAW)), SourceIndex(utterances), scan_transcript(utterances),
                     model="recorded", mode="direct", warnings=[], subject="client", chart=chart)
    data = {**draft.to_json(), "model_raw": kept}  # as `draft --json` writes it
    # The recorded output exercises every step, so "the same" below compares something.
    origins = {s["origin"] for s in data["sentences"]}
    assert {"model", "rule"} <= origins and data["withheld"] and data["dropped"] and data["risk"]
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "90_tiny.json").write_text(json.dumps(data), encoding="utf-8")
    (drafts / "meta.json").write_text(json.dumps({"chart_passed": True}), encoding="utf-8")

    done = _rerender(drafts, tmp_path / "out", sessions)
    assert done.returncode == 0, done.stderr
    again = json.loads((tmp_path / "out" / "90_tiny.json").read_text(encoding="utf-8"))
    assert again["rerender"] == "assembled"
    assert _note(again) == _note(data)
    assert again["model_raw"] == kept  # kept, so the re-render can be re-rendered again


# "How are you feeling?" answered with a state: the rule line "How the client said ... was" quotes it,
# with the charted pronouns (the CLI's --chart with pronouns, tests/drafting/test_chart_pronouns.py's).
FEELING = """Clinician: Before we stop, how are you feeling?
Client: I feel nervous. The week at work was long and I slept badly.
"""


@pytest.mark.slow
def test_a_cli_draft_keeps_its_raw_output_and_rerenders_to_itself(tmp_path):
    sessions = tmp_path / "sessions"
    transcript = TRANSCRIPT + FEELING
    txt, chart = _write_session(sessions, transcript, {**CHART, "pronouns": "he/him"})
    result = run_cli("--json", "draft", str(txt), "--model", TINY, "--max-sentences", "1", "--chart", str(chart))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # `draft --json`'s shape, its chart evidence and the chart's pronouns, on the same draft (each
    # small-model CLI draft is a third of a minute of CI time; tests/drafting/test_draft_cli.py checks
    # the refusals).
    assert {"format", "sections", "sentences", "risk", "model", "elapsed_s", "facts"} <= set(data)
    assert data["format"] == "soap" and list(data["sections"]) == ["subjective", "objective", "assessment", "plan"]
    assert data["model"] == TINY and data["elapsed_s"] > 0
    assert data["model_raw"]["pronouns"] == "he/him" and data["model_raw"]["chart"]["pronouns"] == "he/him"
    [feeling] = [s["text"] for s in data["sentences"] if s["text"].startswith("How the client said")]
    assert feeling.startswith("How the client said he was, in the room: ")
    lines = range(len(transcript.strip().splitlines()))
    for sentence in data["sentences"]:
        assert {"section", "text", "evidence", "flags", "chart_evidence"} <= set(sentence)
        assert set(sentence["evidence"]) <= set(lines)
    chart_refs = [f["ref"] for f in data["facts"]["chart"]["facts"]]
    assert chart_refs == ["chart:goal:G1", "chart:diagnosis:1", "chart:assessment:1", "chart:note:last"]
    # The session-day measure and last time's homework are chart lines by rule, whatever the model writes.
    assert {"chart:assessment:1", "chart:note:last"} <= {r for s in data["sentences"] for r in s["chart_evidence"]}
    # No transcript or chart text reaches stderr (progress is stage names only, and only on a terminal).
    assert "boss" not in result.stderr and "GAD-7" not in result.stderr and "meetings" not in result.stderr
    raw = data["model_raw"]
    assert raw["mode"] == "direct" and raw["max_sentences"] == 1 and set(raw["sections"]) == set(data["sections"])
    assert raw["chart"] is not None
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "90_tiny.json").write_text(json.dumps(data), encoding="utf-8")
    done = _rerender(drafts, tmp_path / "out", sessions)
    assert done.returncode == 0, done.stderr
    again = json.loads((tmp_path / "out" / "90_tiny.json").read_text(encoding="utf-8"))
    assert again["rerender"] == "assembled"
    assert _note(again) == _note(data)


def test_a_draft_without_raw_output_is_labelled_approximate(tmp_path):
    sessions = tmp_path / "sessions"
    _write_session(sessions)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    old = {"format": "soap", "sections": {k: "Not discussed in session." for k in
                                          ("subjective", "objective", "assessment", "plan")},
           "sentences": [{"section": "subjective", "text": "Client did the thought record four times.",
                          "evidence": [1], "flags": [], "origin": "model", "chart_evidence": []}],
           "risk": [], "withheld": [], "dropped": [], "facts": {}, "warnings": [], "model": "old", "mode": "direct",
           "elapsed_s": 1.0}
    (drafts / "90_tiny.json").write_text(json.dumps(old), encoding="utf-8")
    done = _rerender(drafts, tmp_path / "out", sessions)
    assert done.returncode == 0, done.stderr
    again = json.loads((tmp_path / "out" / "90_tiny.json").read_text(encoding="utf-8"))
    assert again["rerender"] == "approximate"
    assert "approximate" in (tmp_path / "out" / "scores.md").read_text(encoding="utf-8")


def test_the_vault_copy_of_a_draft_never_holds_the_raw_output():
    from session_assistant.drafting.draft_result import Draft
    from session_assistant.drafting.formats import get_format

    draft = Draft(get_format("soap", "client"), [], model_raw={"sections": {"subjective": [{"text": "x"}]}})
    assert "model_raw" not in draft.to_json()  # session_pipeline stores to_json() in the vault


@pytest.mark.slow
def test_a_windowed_draft_keeps_its_raw_output_and_assembles_to_itself():
    # A long session goes through windows (DraftAccumulator) and is assembled there, not in
    # draft_note: its kept output must assemble to the same note too. direct_limit=10 sends this short
    # transcript down that path as one window: what is kept is the windows' facts merged (capture
    # sees the merge, never a window), so one window checks the same; two (window_tokens=150) made
    # twice the generations (41 s of CI's final phase).
    from session_assistant.drafting import NoteModel, draft_note
    from session_assistant.drafting.chart_context import ChartContext
    from session_assistant.drafting.model_raw import assemble_again
    from session_assistant.drafting.transcript_input import parse_transcript
    from sa_testing import MODELS_DIR

    utterances = parse_transcript(TRANSCRIPT)
    model = NoteModel.from_registry(MODELS_DIR, TINY).load()
    try:
        draft = draft_note(model, utterances, subject="client", direct_limit=10, max_sentences=2,
                           chart=ChartContext.from_json(CHART))
    finally:
        model.close()
    assert draft.mode == "windowed" and draft.model_raw["mode"] == "windowed"
    again = assemble_again(json.loads(json.dumps(draft.model_raw)), utterances)  # through JSON, as a saved draft
    assert _note(again.to_json()) == _note(draft.to_json())
