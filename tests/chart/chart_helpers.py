"""Helpers shared by the chart tests (uniquely named, unlike conftest)."""

from __future__ import annotations


class ExplodingModel:
    """Stands in for the model where a test proves it is NOT used (any use fails the test)."""

    model_id = "must-not-run"

    def __getattr__(self, name):
        raise AssertionError(f"the model was used ({name}) although nothing should have been generated")


class RewritingModel:
    """A scripted neighbour for refinement ("Update"): answers with one plain statement citing the
    first line, so a test of the summary's lifecycle does not depend on what a real model writes."""

    model_id = "scripted-rewriter"
    TEXT = "The client engaged well with the work and the plan was followed closely."

    def prompt_tokens(self, messages) -> int:
        return sum(len(m["content"].split()) for m in messages)

    def generate_json(self, messages, schema, max_tokens, *, cancel=None, on_token=None, **_kwargs):
        import json

        from session_assistant.drafting.note_model import Generation

        return Generation(json.dumps({"statements": [{"text": self.TEXT, "sources": [1]}]}), "stop", 20, 0.01)
