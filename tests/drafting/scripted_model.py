"""A scripted neighbour for drafting tests whose subject is the code around the model (routing,
rendering, checks), not what a model writes."""

from __future__ import annotations

import json

from session_assistant.drafting.note_model import Generation


class ScriptedModel:
    """Answers every grammar request with the JSON given for its part (by the request's title)."""

    model_id = "scripted"
    context_size = 8192

    def __init__(self, answers: dict[str, dict]) -> None:
        self.answers = answers
        self.requests: list[str] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def generate_json(self, messages, schema, max_tokens, *, cancel=None, on_token=None, latin_only=None):
        request = messages[-1]["content"]
        self.requests.append(request)
        part = next((p for p in self.answers if f"for the {p} of the note" in request), None)
        answer = {key: [] for key in schema["properties"]}
        answer.update(self.answers.get(part, {}))
        return Generation(json.dumps(answer), "stop", 10, 0.0)


class OneSentenceModel:
    """Answers every request for sentences with one sentence citing ``evidence``; other schemas get
    empty lists. For the code that lays a draft out by format, which does not depend on the words."""

    model_id = "scripted"
    context_size = 8192

    def __init__(self, text: str, evidence: list[int]) -> None:
        self.text, self.evidence = text, evidence
        self.requests = 0

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def generate_json(self, messages, schema, max_tokens, *, cancel=None, on_token=None, latin_only=None):
        self.requests += 1
        if on_token is not None:
            on_token(10)
        answer = {key: [] for key in schema["properties"]}
        if "sentences" in answer:
            answer["sentences"] = [{"text": self.text, "evidence": self.evidence}]
        return Generation(json.dumps(answer), "stop", 10, 0.0)
