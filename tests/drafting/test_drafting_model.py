"""Drafting with the real tiny model (SmolLM2-135M) on short inputs: schema, budget, long input,
context limits, enhancement, refine and cancel. The tiny model writes poor notes; these tests
check the machinery around it (structure, grounding, limits), which does not depend on quality."""

from __future__ import annotations

import json
import re

import pytest

from session_assistant.drafting import (NOT_DISCUSSED, ContextExceeded, DraftAccumulator, JsonFileStore, NoteModel,
                                        draft_note, enhance_note, get_format, parse_transcript, refine_draft)
from session_assistant.drafting.formats import sentences_schema
from session_assistant.drafting.grounding import SourceIndex, numbers_in
from session_assistant.drafting.note_model import Generation
from session_assistant.drafting.sections import INCOMPLETE, assemble, generate_section, incomplete_marker
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken

from sa_testing import MODELS_DIR
from scripted_model import OneSentenceModel, ScriptedModel

TEST_MODEL = "smollm2-135m-instruct"


def _check_structure(draft, fmt_key, segments):
    fmt = get_format(fmt_key)
    valid_ids = {seg["id"] for seg in segments}
    spoken = numbers_in(" ".join(seg["text"] for seg in segments))
    data = draft.to_json()
    assert data["format"] == fmt_key
    assert list(data["sections"]) == fmt.keys
    assert all(text.strip() for text in data["sections"].values())  # never an empty section
    for s in data["sentences"]:
        assert s["section"] in fmt.keys and s["text"].strip()
        assert set(s["evidence"]) <= valid_ids
        if s["origin"] == "model":
            assert s["evidence"] or "ungrounded" in s["flags"]
            assert not numbers_in(s["text"]) - spoken  # a number never said is left out of the note
    for s in data["withheld"]:  # ... and listed beside it with the reason
        assert any(f.startswith(("unsupported_number", "unsupported_dose", "risk_statement", "echoes_instructions",
                                 "first_person", "quote_not_in_transcript", "assumed_finding", "retells_session",
                                 "unsupported_content", "unsaid_observation", "assumed_absence",
                                 "unsaid_homework_review", "planned_as_done", "score_of_other", "echoed_instructions"))
                   for f in s["flags"])
    for s in data["dropped"]:  # repeats and unfinished sentences are listed too, with the reason
        assert any(f == "unfinished" or f.startswith("repeats:") for f in s["flags"])
    json.dumps(data)  # JSON-safe


@pytest.mark.slow
@pytest.mark.parametrize("fmt_key", ["soap", "dap", "birp", "girp"])
def test_each_format_drafts_to_its_schema(tiny_model, short_session, fmt_key):
    # The real model for SOAP; the other formats differ only in the parts the draft is laid out in,
    # which a scripted neighbour exercises as well (a minute of model time less on CI).
    model = tiny_model if fmt_key == "soap" else OneSentenceModel("Client reported waking around three most nights.", [1])
    progress = []
    draft = draft_note(model, short_session, fmt_key, max_sentences=1, method="sections",
                       on_progress=lambda f, m: progress.append((f, m)))
    _check_structure(draft, fmt_key, short_session["segments"])
    assert draft.mode == "direct" and draft.model == model.model_id
    if fmt_key != "soap":  # one request a part, each answer in its own part
        assert model.requests == len(get_format(fmt_key).keys)
        assert sum(1 for s in draft.sentences if s.origin == "model") >= 1
    fractions = [f for f, _ in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("tokens" in m for _, m in progress)


def test_length_limit_is_never_silent(tiny_model, short_session):
    utterances = parse_transcript(short_session)
    sec = get_format("soap", max_sentences=4).section("subjective")
    messages = [{"role": "system", "content": "Write clinical notes as JSON."},
                {"role": "user", "content": "\n".join(u.line() for u in utterances)
                 + "\nWrite the Subjective section with at most 4 sentences."}]
    # Four tokens cannot even close the JSON object, so both attempts must stop on length.
    sentences, warning = generate_section(tiny_model, messages, sec, sentences_schema, budget=4)
    assert warning and "length limit" in warning
    assert sentences == []  # nothing complete was written in four tokens
    draft = assemble(get_format("soap"), {"subjective": [incomplete_marker()]}, SourceIndex(utterances), [],
                     model="m", mode="direct", warnings=[warning])
    assert draft.warnings == [warning]
    # A failed section says so: it is never passed off as "Not discussed in session.".
    assert draft.sections["subjective"] == INCOMPLETE
    assert draft.section_sentences("subjective")[0].flags == ["section_incomplete"]


def test_cancel_stops_generation(tiny_model, short_session):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        draft_note(tiny_model, short_session, "soap", max_sentences=1, cancel=token)


def _long_session(n: int) -> list[dict]:
    topics = ["sleep", "work stress", "her sister", "running", "the budget", "a new job", "anxiety at night"]
    return [{"id": i, "speaker": "Client" if i % 2 else "Clinician",
             "text": f"Segment {i} talks about {topics[i % len(topics)]} and how it went this week."}
            for i in range(n)]


class _CitesWhatItIsShown(ScriptedModel):
    """Answers each part with one sentence citing the first numbered line of the request, and counts
    about three characters a token (as the small model does on these lines): the window machinery,
    not what a model writes, is under test."""

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 3)

    def generate_json(self, messages, schema, max_tokens, *, cancel=None, on_token=None, latin_only=None):
        request = messages[-1]["content"]
        self.requests.append(request)
        shown = re.findall(r"^\[(\d+)\] \w+: Segment \d+ (.+)$", request, re.M)
        answer = {key: [] for key in schema["properties"]}
        if "sentences" in answer and shown:
            line, words = shown[0]
            answer["sentences"] = [{"text": f"Client reported that it {words}", "evidence": [int(line)]}]
        return Generation(json.dumps(answer), "stop", 10, 0.0)


def test_long_session_is_drafted_in_windows_and_resumes(tmp_path):
    # ~22 tokens each: 18 make three windows of 160 tokens (7, 7, then 4 left to finish()); the
    # first ten fill one window, so the restart has covered windows to skip and pending ones to do.
    segments = _long_session(18)
    state = tmp_path / "extracts.json"
    model = _CitesWhatItIsShown({})
    acc = DraftAccumulator(model, "soap", store=JsonFileStore(state), window_tokens=160, facts_per_section=1)
    done = acc.add_segments(segments[:10])
    assert done >= 1 and state.is_file() and (state.stat().st_mode & 0o777) == 0o600
    saved = json.loads(state.read_text())
    covered = [i for w in saved["windows"] for i in w["segment_ids"]]
    asked = len(model.requests)
    # A restarted app feeds everything again: covered windows are not redone.
    resumed = DraftAccumulator(model, "soap", store=JsonFileStore(state), window_tokens=160, facts_per_section=1)
    assert resumed.windows_done == len(saved["windows"])
    resumed.add_segments(segments)
    draft = resumed.finish()
    windows = resumed.state["windows"]
    ids = [i for w in windows for i in w["segment_ids"]]
    assert ids[:len(covered)] == covered
    assert sorted(ids) == list(range(18))  # every segment went into exactly one window: nothing dropped
    assert draft.mode == "windowed" and len(windows) >= 3
    again = model.requests[asked:]
    assert not any(f"[{i}] " in request for i in covered for request in again)  # no covered line shown again
    assert all(text.strip() for text in draft.sections.values())
    cited = {i for s in draft.sentences if s.origin == "model" for i in s.evidence}
    firsts = {w["segment_ids"][0] for w in windows}
    assert cited and cited <= firsts  # each window's facts kept with the line they cite, from every window
    assert cited == firsts


def test_draft_note_routes_long_transcripts_through_windows():
    # Four segments are ~48 words: over the direct limit of 30, so windowed, and one window of 200
    # (the window machinery itself is the test above). Which path runs does not depend on what a
    # model writes, so a scripted neighbour answers.
    segments = _long_session(4)
    model = ScriptedModel({})
    draft = draft_note(model, {"segments": segments}, "soap", max_sentences=1, direct_limit=30,
                       window_tokens=200, method="sections")
    assert draft.mode == "windowed"
    assert all(text.strip() for text in draft.sections.values())
    short = draft_note(model, {"segments": segments[:1]}, "soap", max_sentences=1, direct_limit=30, method="sections")
    assert short.mode == "direct"


def test_context_too_small_is_a_clear_error_not_a_cut():
    small = NoteModel.from_registry(MODELS_DIR, TEST_MODEL, n_ctx=512)
    try:
        with pytest.raises(ContextExceeded, match="context"):
            draft_note(small, {"segments": _long_session(60)}, "soap")
        with pytest.raises(ContextExceeded):
            small.generate_json([{"role": "user", "content": "word " * 600}], sentences_schema(1), 10)
    finally:
        small.close()


def test_enhancement_flags_every_added_number(tiny_model):
    note = ("Client came in tired. Sleep poor, wakes at night.\n"
            "Work stress with new manager.\n- Plan: wind-down routine, sleep diary, review next session.")
    draft = enhance_note(tiny_model, note, "soap", max_sentences=2)
    assert draft.mode == "enhance"
    said = numbers_in(note)
    for s in draft.sentences:
        assert not numbers_in(s.text) - said  # an added number never reaches the note
    for s in draft.withheld:
        for n in numbers_in(s.text) - said:
            assert f"unsupported_number:{n}" in s.flags
    assert all(text.strip() for text in draft.sections.values())


def test_refine_changes_only_the_named_section_and_keeps_evidence(tiny_model, short_session):
    utterances = parse_transcript(short_session)
    fmt = get_format("soap")
    raw = {"subjective": [{"text": "The client reported waking around three most nights.", "evidence": [1]}],
           "plan": [{"text": "The clinician suggested no screens for an hour before bed.", "evidence": [3]},
                    {"text": "The sleep diary will be reviewed next session in two weeks.", "evidence": [5]}]}
    # Drafted and refined as the same note (a client note: refine_draft's default), so the rule lines match.
    draft = assemble(fmt, raw, SourceIndex(utterances), [], model="m", mode="direct", warnings=[], subject="client")
    refined = refine_draft(tiny_model, draft, utterances, "make the plan shorter", max_sentences=2)
    assert refined.mode == "refine"
    assert refined.section_text("subjective") == draft.section_text("subjective")
    assert [s.evidence for s in refined.section_sentences("subjective") if s.origin == "model"] == [[1]]
    assert all(set(s.evidence) <= {u.id for u in utterances} for s in refined.sentences)
    assert refined.section_text("plan").strip()
