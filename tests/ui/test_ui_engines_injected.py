"""The composition root hands the engines it is given to every screen: the window tests' fakes
really are what runs (a real model would pass them too, only minutes slower), and without
``engines`` the practice loads the product's engines."""

from __future__ import annotations

from engine_fakes import FakeNoteModel, FakeWhisper, fake_engines
from session_assistant.services.engine_loaders import EngineLoaders, load_note_model, load_whisper
from ui_helpers import unlock


def test_the_window_drafts_with_the_engines_it_was_built_with(qtbot, ready_vault, make_window):
    from session_assistant.ui.common import engines

    whisper, llm = FakeWhisper(), FakeNoteModel()
    window = make_window(ready_vault, engines=fake_engines(whisper=whisper, llm=llm))
    unlock(qtbot, window)
    pipeline = engines.session_pipeline(window.ctx)
    assert pipeline.whisper() is whisper and pipeline.llm() is llm
    model_id, speed = engines.measure_note_model(window.ctx, lambda f, m: None, None)
    assert (model_id, llm.calls) == ("fake-note-model", 1) and speed > 0


def test_a_practice_built_without_engines_loads_the_real_ones(ready_vault):
    from session_assistant.app import open_practice
    from sa_testing import TEST_PASSPHRASE

    practice = open_practice(ready_vault, TEST_PASSPHRASE)
    try:
        assert practice.sessions.engines == EngineLoaders(whisper=load_whisper, llm=load_note_model)
    finally:
        practice.close()
