"""Locking forgets the transcript words the drafting checks keep cached in memory (SECURITY.md 15:
PHI disappears when the vault locks). The caches exist so that a note's composition reads the whole
transcript once, not once per sentence."""

from __future__ import annotations

from ui_helpers import unlock

from session_assistant.drafting import grounding, word_stems
from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.transcript_input import Utterance


def test_locking_empties_the_drafting_caches_of_transcript_text(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    lines = [Utterance(0, "Clinician", "How was the week, Marisol?"), Utterance(1, "Client", "Hard. The bus again.")]
    grounding.content_words(lines[1].text)
    grounding.content_stems(lines[1].text)
    assert client_name(lines) == "Marisol"
    assert all(c.cache_info().currsize for c in (grounding._content_words, grounding._content_stems, word_stems.stem,
                                                 word_stems.plural_stem))
    window.lock("idle")
    qtbot.waitUntil(lambda: window.ctx.practice is None, timeout=15000)
    assert [c.cache_info().currsize for c in grounding._TEXT_CACHES] == [0] * len(grounding._TEXT_CACHES)
