"""The grammar-first-choice sampler picks exactly the tokens llama.cpp's full grammar check picks,
with the real small model and the real note schemas."""

from __future__ import annotations

import json

import pytest

from session_assistant.drafting import NoteModel
from session_assistant.drafting.formats import sentences_schema

from sa_testing import MODELS_DIR

TEST_MODEL = "smollm2-135m-instruct"
SESSION = [(0, "Clinician", "How have you been sleeping since our last session?"),
           (1, "Client", "Badly. I wake up around three most nights and can't get back to sleep."),
           (2, "Client", "Work has been stressful because of the new manager."),
           (3, "Clinician", "Let's try a wind-down routine: no screens for an hour before bed.")]
IDS = [i for i, _, _ in SESSION]
LINES = "\n".join(f"[{i}] {speaker}: {text}" for i, speaker, text in SESSION)
MESSAGES = [
    {"role": "system", "content": "You write clinical progress notes as JSON."},
    {"role": "user", "content": f"Transcript:\n{LINES}\n\nList what the client reported, as JSON sentences with evidence."},
]


@pytest.fixture(scope="module")
def reference_model():
    """The same model with llama-cpp-python's own sampler chain (grammar over the whole vocabulary)."""
    model = NoteModel.from_registry(MODELS_DIR, TEST_MODEL, n_ctx=2048, fast_grammar=False).load()
    yield model
    model.close()


def at_least_two(schema: dict) -> dict:
    """The note schema with each list made to hold two items, so the tiny model writes text."""
    for prop in schema["properties"].values():
        prop["minItems"] = 2
    return schema


# The tiny model fills the one-list schema's first text with a run of digits ("1:30:00 2:30:00 ...")
# until any budget ends: past its first tokens (object, list, item, text) more of them compare no new
# grammar state, only more of the same string, at ~60 ms a token with the full grammar check. The
# two-list schema is written whole (~130 tokens: texts, evidence, the second list) within its budget.
@pytest.mark.parametrize("schema, max_tokens", [
    (at_least_two(sentences_schema(4, IDS)), 64),
    (at_least_two({"type": "object", "required": ["reported", "plan"], "properties": {
        "reported": sentences_schema(2, IDS)["properties"]["sentences"],
        "plan": sentences_schema(2, IDS)["properties"]["sentences"]}}), 160),
], ids=["section", "two-lists"])
def test_same_text_as_the_full_grammar_check(tiny_model, reference_model, schema, max_tokens):
    fast = tiny_model.generate_json(MESSAGES, schema, max_tokens, latin_only=False)
    full = reference_model.generate_json(MESSAGES, schema, max_tokens)
    assert fast.text == full.text
    assert fast.tokens == full.tokens > 10
    if fast.finish_reason == "stop":
        json.loads(fast.text)


def test_rejected_first_choices_are_replaced_by_allowed_tokens(tiny_model):
    """A schema the model would not write on its own (a fixed enum) forces the fallback path."""
    schema = {"type": "object", "properties": {"mood": {"enum": ["euthymic", "dysphoric", "anxious"]}},
              "required": ["mood"]}
    messages = [{"role": "user", "content": "Write a haiku about the sea."}]
    gen = tiny_model.generate_json(messages, schema, 40)
    assert gen.finish_reason == "stop"
    assert json.loads(gen.text)["mood"] in {"euthymic", "dysphoric", "anxious"}
    assert tiny_model._llm._sampler.fallbacks > 0


def test_latin_only_keeps_wide_script_characters_out(tiny_model):
    schema = {"type": "object", "properties": {"answer": {"type": "string", "maxLength": 80}}, "required": ["answer"]}
    messages = [{"role": "user", "content": "Repeat exactly: 谢谢你 你好 世界 谢谢你 你好 世界"}]
    free = tiny_model.generate_json(messages, schema, 60, latin_only=False)
    kept_out = tiny_model.generate_json(messages, schema, 60, latin_only=True)
    assert any(ord(ch) >= 0x3000 for ch in free.text)  # the model does write them when allowed
    assert not any(ord(ch) >= 0x3000 for ch in kept_out.text)
    json.loads(kept_out.text)
