"""The tail left at Stop (less than a full window) is drafted in one request for all its sections,
with the real tiny model: the answer is kept in each section, every sentence schema-valid and citing
only lines the tail showed; a full window still gets one request a section. What the model writes is
not judged, only how many requests it was asked and what shape its answer has."""

from __future__ import annotations

from session_assistant.drafting import DraftAccumulator
from session_assistant.drafting.formats import SENTENCE_MAX_CHARS
from session_assistant.drafting.window_workers import extract_windows

from bench_turns import session_segments

SESSION = "01_cbt_panic.txt"


class CountsRequests:
    """The real model, with the schema of every request it is asked kept (what the test counts)."""

    def __init__(self, model) -> None:
        self._model = model
        self.schemas: list[dict] = []

    def __getattr__(self, name):
        return getattr(self._model, name)

    def generate_json(self, messages, schema, max_tokens, **kwargs):
        self.schemas.append(schema)
        return self._model.generate_json(messages, schema, max_tokens, **kwargs)


def _asked_parts(schemas: list[dict]) -> list[list[str]]:
    return [list(schema["properties"]) for schema in schemas]


def test_the_tail_is_one_request_and_a_full_window_one_request_a_section(tiny_model):
    model = CountsRequests(tiny_model)
    acc = DraftAccumulator(model, "soap", window_tokens=300, facts_per_section=2)
    acc.add_segments(session_segments(SESSION, 20))
    assert acc.windows_done == 1 and 0 < acc.pending_tokens < acc.window_tokens
    # The full window: one request a section, each answering a list of sentences.
    assert _asked_parts(model.schemas) == [["sentences"]] * 4
    assert not acc.state["windows"][0].get("one_request")

    model.schemas.clear()
    [tail] = acc.planned_windows(tail=True)
    assert extract_windows(acc, [], tail=True) == 1
    # The tail: one request, answering every section at once.
    assert _asked_parts(model.schemas) == [["subjective", "objective", "assessment", "plan"]]
    record = acc.state["windows"][-1]
    assert record["one_request"] and record["segment_ids"] == [u.id for u in tail]
    assert set(record["facts"]) == {"subjective", "objective", "assessment", "plan"}
    shown = {u.id for u in tail}
    for items in record["facts"].values():
        for item in items:
            assert set(item) == {"text", "evidence"}
            assert 8 <= len(item["text"]) <= SENTENCE_MAX_CHARS
            assert set(item["evidence"]) <= shown  # only the lines the tail showed, never the window's before
    draft = acc.finish()  # the tail's facts compose with the window's
    assert draft.mode == "windowed" and len(acc.state["windows"]) == 2


def test_finish_drafts_the_tail_in_one_request_too(tiny_model):
    """The path a session without helpers takes at Stop (``finish`` extracts what is pending)."""
    model = CountsRequests(tiny_model)
    acc = DraftAccumulator(model, "dap", window_tokens=300, facts_per_section=2)
    acc.add_segments(session_segments(SESSION, 20))
    model.schemas.clear()
    acc.finish()
    assert _asked_parts(model.schemas) == [["data", "assessment", "plan"]]
