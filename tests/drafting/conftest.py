"""Drafting fixtures: the tiny SmolLM2-135M model, loaded once per test session, and short transcripts."""

from __future__ import annotations

import pytest

from sa_testing import MODELS_DIR

TEST_MODEL = "smollm2-135m-instruct"

SHORT_SESSION = [
    {"id": 0, "start": 0.0, "end": 4.0, "speaker": "Clinician", "text": "How have you been sleeping since our last session?"},
    {"id": 1, "start": 4.0, "end": 9.0, "speaker": "Client", "text": "Badly. I wake up around three most nights and can't get back to sleep."},
    {"id": 2, "start": 9.0, "end": 14.0, "speaker": "Client", "text": "Work has been stressful because of the new manager."},
    {"id": 3, "start": 14.0, "end": 19.0, "speaker": "Clinician", "text": "Let's try a wind-down routine: no screens for an hour before bed."},
    {"id": 4, "start": 19.0, "end": 23.0, "speaker": "Client", "text": "Okay, I can try that this week."},
    {"id": 5, "start": 23.0, "end": 27.0, "speaker": "Clinician", "text": "We'll review your sleep diary next session in two weeks."},
]


@pytest.fixture(scope="session")
def tiny_model():
    from session_assistant.drafting import NoteModel

    model = NoteModel.from_registry(MODELS_DIR, TEST_MODEL).load()
    yield model
    model.close()


@pytest.fixture(scope="module")
def two_models():
    """The tiny model at one thread and a second instance of it beside it (``NoteModel.sibling``)."""
    from session_assistant.drafting import NoteModel

    first = NoteModel.from_registry(MODELS_DIR, TEST_MODEL, n_threads=1)
    second = first.sibling(usable_cores=2)
    yield first.load(), second
    first.close()
    second.close()


@pytest.fixture
def short_session() -> dict:
    return {"language": "en", "duration_s": 27.0, "segments": [dict(s) for s in SHORT_SESSION]}
