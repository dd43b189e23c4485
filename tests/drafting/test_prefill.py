"""``NoteModel.prefill`` reads a prompt ahead of the question: a later generation over the same
messages reads no prompt again, one that differs only at the end reads only the end, and the
answer is the one a fresh model gives. Real model (smollm2-135m); assertions count evaluated
tokens and compare answers, never judge the words."""

from __future__ import annotations

import threading

import pytest

from sa_testing import MODELS_DIR
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken

SCHEMA = {"type": "object", "properties": {"words": {"type": "array", "items": {"type": "string"}}},
          "required": ["words"]}
# ~240 tokens: enough that reading the prompt (hundreds of tokens in one eval) is told apart from reading
# none of it (0 or 1), at half the CPU of the ~490 this once was (each prompt read is ~12 ms a token on CI).
FACTS = "\n".join(f"[{n}] Fact: the client described work stress and poor sleep in week {n}." for n in range(1, 13))


def _messages(ask: str) -> list[dict]:
    return [{"role": "system", "content": "You list words."}, {"role": "user", "content": f"{FACTS}\n\n{ask}"}]


def _count_evaluated(model) -> list[int]:
    """Tokens per llama.cpp eval call on ``model`` from now on (the prompt's decode shows as one)."""
    llm, seen = model._llm, []
    original = llm.eval

    def counting(tokens):
        seen.append(len(tokens))
        return original(tokens)

    llm.eval = counting
    return seen


@pytest.fixture
def fresh_model():
    from session_assistant.drafting import NoteModel

    model = NoteModel.from_registry(MODELS_DIR, "smollm2-135m-instruct", n_ctx=2048, n_threads=1).load()
    yield model
    model.close()


def test_after_prefill_the_generation_reads_no_prompt_and_answers_the_same(fresh_model):
    from session_assistant.drafting import NoteModel

    messages = _messages("Give five common English words as JSON.")
    prompt_tokens = fresh_model.prompt_tokens(messages)
    fresh_model.prefill(messages)
    evaluated = _count_evaluated(fresh_model)
    answer = fresh_model.generate_json(messages, SCHEMA, 24)
    # The first eval is what the generation had to read of the prompt: nothing, or the last token
    # again to refresh its logits; every later eval is one generated token.
    assert evaluated and evaluated[0] <= 1 and all(n == 1 for n in evaluated[1:]), evaluated[:3]
    assert prompt_tokens > 200

    cold = NoteModel.from_registry(MODELS_DIR, "smollm2-135m-instruct", n_ctx=2048, n_threads=1).load()
    try:
        cold_evaluated = _count_evaluated(cold)
        assert cold.generate_json(messages, SCHEMA, 24).text == answer.text
        assert cold_evaluated[0] > 200  # without a prefill the whole prompt is read at Generate
    finally:
        cold.close()


def test_a_prompt_that_changed_at_the_end_reads_only_the_end(fresh_model):
    fresh_model.prefill(_messages("Give five common English words as JSON."))
    evaluated = _count_evaluated(fresh_model)
    fresh_model.generate_json(_messages("Give three colours as JSON."), SCHEMA, 16)
    assert 1 <= evaluated[0] < 40, evaluated[:3]


def test_a_cancelled_prefill_raises_and_leaves_the_model_answering_as_before(fresh_model):
    messages = _messages("Give five common English words as JSON.")
    expected = fresh_model.generate_json(messages, SCHEMA, 24).text
    token = CancelToken()
    long = [{"role": "user", "content": " ".join([FACTS] * 8)}]  # ~1,950 tokens: fits the 2,048 context
    outcome = {}

    def prefill() -> None:
        try:
            fresh_model.prefill(long, cancel=token)
            outcome["result"] = "finished"
        except Cancelled:
            outcome["result"] = "cancelled"

    worker = threading.Thread(target=prefill)
    worker.start()
    token.cancel()
    worker.join(30)
    assert outcome["result"] == "cancelled"
    assert fresh_model.generate_json(messages, SCHEMA, 24).text == expected
