"""A voice profile made by one speaker encoder is never compared with another encoder's prints.

Prints of GE2E and of the d-vector are both 256 unit numbers, so nothing in the numbers stops a
silent comparison across encoders. The profile records the encoder that made it; when sessions
use another one, the profile is not used (and not audited as used), the clinician is told to read
the passage again, and a recount from stored prints of another encoder makes them again from the
audio before a profile names anyone.
"""

from __future__ import annotations

import numpy as np

from session_assistant.services.voice_profile import OUTDATED_CHECK, VoiceProfileService, flag_outdated
from session_assistant.transcribe.segments import Segment, Transcript


class FakeEncoder:
    """``voice_print`` needs ``partials`` and ``embed_partials``; a fixed print per encoder."""

    def __init__(self, model_id: str, seed: int) -> None:
        self.model_id = model_id
        self._print = np.random.default_rng(seed).normal(size=256).astype(np.float32)

    def partials(self, speech, hop_frames=80):
        return np.zeros((4, 1, 1), np.float32), [(0, 1)] * 4

    def embed_partials(self, mels):
        return np.tile(self._print / np.linalg.norm(self._print), (len(mels), 1))


def _reading() -> np.ndarray:
    rng = np.random.default_rng(0)
    return (0.1 * rng.normal(size=16000 * 15)).astype(np.float32)  # 15 s, loud throughout


def _actions(practice) -> list[str]:
    with practice.vault.db.read() as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_a_profile_of_the_earlier_encoder_is_flagged_and_not_used(practice, tmp_path):
    ge2e = VoiceProfileService(practice.vault, tmp_path, encoder_loader=lambda _d: FakeEncoder("speaker-ge2e", 1))
    info = ge2e.create(_reading(), "imported")
    assert info.model == "speaker-ge2e" and ge2e.outdated() is None
    assert ge2e.clinician_voice(practice.appointment_id) is not None

    now = VoiceProfileService(practice.vault, tmp_path, encoder_loader=lambda _d: FakeEncoder("speaker-dvector", 2))
    before = _actions(practice).count("voice_profile_used")
    assert now.outdated() == "speaker-ge2e"
    assert now.clinician_voice(practice.appointment_id) is None
    assert _actions(practice).count("voice_profile_used") == before  # not used, so not audited as a use

    transcript = Transcript("en", 10.0, [Segment(0, 0.0, 2.0, "Hello.", speaker="clinician")],
                            speaker_naming={"method": "conversation", "check": ""})
    flag_outdated(transcript, now)
    assert transcript.naming_check == OUTDATED_CHECK
    flag_outdated(transcript, ge2e)  # an earlier warning is never replaced
    assert transcript.naming_check == OUTDATED_CHECK

    again = now.create(_reading(), "recorded")  # read again: the new encoder's print is used
    assert again.model == "speaker-dvector" and now.outdated() is None
    assert now.clinician_voice(practice.appointment_id) is not None


def test_a_recount_tells_stored_prints_of_another_encoder(practice, tmp_path):
    from session_assistant.services.voice_count import VoiceCountService

    service = VoiceCountService(practice.vault, None, tmp_path,
                                encoder_loader=lambda: FakeEncoder("speaker-dvector", 2))
    row = [0.0, 2.0, *([0.0625] * 256)]
    legacy = Segment(0, 0.0, 2.0, "Hello.", voice=[row])  # stored before prints said their encoder: GE2E
    assert service._made_by_another_encoder([legacy])
    dvector = Segment(0, 0.0, 2.0, "Hello.", voice=[row], voice_model="speaker-dvector")
    assert not service._made_by_another_encoder([dvector])
    mfcc = Segment(0, 0.0, 2.0, "Hello.", voice=[[0.0, 2.0, *([0.1] * 13)]])
    assert not service._made_by_another_encoder([mfcc])
    stored = Segment.from_dict({**legacy.to_dict(), "voice_model": "speaker-ge2e"})
    assert stored.voice_model == "speaker-ge2e" and Segment.from_dict(
        {k: v for k, v in legacy.to_dict().items() if k != "voice_model"}).voice_model is None
