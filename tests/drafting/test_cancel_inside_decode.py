"""Cancel stops llama.cpp inside a decode (the abort hook), not only between generated tokens:
reading a long prompt is one decode per 512 tokens, which took 6-10 s to cancel on a busy core.
Real model (smollm2-135m); the assertions are about time and equality, never about the words."""

from __future__ import annotations

import threading
import time

import pytest

from sa_testing import MODELS_DIR
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken

SCHEMA = {"type": "object", "properties": {"words": {"type": "array", "items": {"type": "string"}}},
          "required": ["words"]}
LONG = " ".join(["The client said that work has been stressful and that sleep has been poor for weeks."] * 120)


def _short_answer(model) -> str:
    return model.generate_json([{"role": "user", "content": "Give five common English words as JSON."}],
                               SCHEMA, 24).text


def test_cancel_while_the_prompt_is_read_returns_at_once_and_the_model_still_answers_the_same(tiny_model):
    from session_assistant.drafting import NoteModel

    token, outcome = CancelToken(), {}

    def generate() -> None:
        try:
            tiny_model.generate_json([{"role": "user", "content": LONG}], SCHEMA, 64, cancel=token)
            outcome["result"] = "finished"
        except Cancelled:
            outcome["result"] = "cancelled"
        outcome["at"] = time.monotonic()

    worker = threading.Thread(target=generate)
    worker.start()
    time.sleep(0.3)  # inside the first decode of a ~2,000-token prompt
    cancelled_at = time.monotonic()
    token.cancel()
    worker.join(30)
    latency = outcome["at"] - cancelled_at
    print(f"\ncancel inside the prompt's decode: {latency:.3f} s")
    assert outcome["result"] == "cancelled"
    assert latency < 0.5

    after_abort = _short_answer(tiny_model)  # the aborted decode left nothing behind
    fresh = NoteModel.from_registry(MODELS_DIR, "smollm2-135m-instruct").load()
    try:
        assert after_abort == _short_answer(fresh)
    finally:
        fresh.close()


def test_a_token_cancelled_before_the_call_stops_before_any_work(tiny_model):
    token = CancelToken()
    token.cancel()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        tiny_model.generate_json([{"role": "user", "content": LONG}], SCHEMA, 64, cancel=token)
    assert time.monotonic() - started < 0.5
