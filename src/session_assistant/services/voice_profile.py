"""The clinician's voice profile: biometric data, kept in the vault only, deletable, audited.

A voice print (256 numbers from the speaker encoder, made from ~30 s of the clinician reading a
passage) lets sessions name the clinician by voice rather than guess from the words. It is
biometric data, so:
* it lives only inside the encrypted vault (never in settings, logs or a file beside it); the
  audio it was made from is never written anywhere;
* every creation, replacement, use (the session it named) and deletion writes an audit row;
* deletion removes the row under ``secure_delete=ON`` and checkpoints the WAL, so the print is
  not left in the database files.

It is kept in ``vault_meta`` under one key (a JSON record), which needs no schema change.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from session_assistant.errors import ModelUnavailable
from session_assistant.services.base import Service
from session_assistant.vault.writer import writes

if TYPE_CHECKING:  # numpy is imported where a print is decoded: `recordings list` builds this service
    import numpy as np

_KEY = "clinician_voice_profile"
MODEL_ID = "speaker-ge2e"  # the encoder of profiles made before the record said which
OUTDATED_CHECK = ("Your voice profile was made with an earlier speaker model, so it was not used here: names were "
                  "chosen from the conversation. Read the passage again (Settings, voice profile) so sessions can "
                  "name you by your voice.")
BIOMETRIC_NOTICE = ("Your voice profile is biometric data. It is kept encrypted in the vault only, used only to "
                    "tell your voice from your clients' in your own sessions, and `profile voice delete` "
                    "(or Settings) removes it.")


def flag_outdated(transcript, profiles) -> None:
    """Tell the clinician with the transcript (its naming check) when their stored profile was not
    used because another speaker encoder made it; a warning the naming gave itself stays."""
    if profiles is not None and not transcript.naming_check and profiles.outdated():
        transcript.speaker_naming = {**(transcript.speaker_naming or {}), "check": OUTDATED_CHECK}


@dataclass
class VoiceProfileInfo:
    """What may be shown about the profile: never the print itself."""

    created_at: str
    source: str  # "recorded" or "imported"
    speech_s: float
    model: str

    def public(self) -> dict:
        return {"created_at": self.created_at, "source": self.source, "speech_s": self.speech_s, "model": self.model}


class VoiceProfileService(Service):
    def __init__(self, vault, models_dir: Path, encoder_loader=None) -> None:
        super().__init__(vault)
        self.models_dir = Path(models_dir)
        self._encoder_loader = encoder_loader
        self._encoder = None

    def _encoder_or_fail(self):
        if self._encoder is None:
            from session_assistant.transcribe.voice_encoder import load_encoder

            self._encoder = (self._encoder_loader or load_encoder)(self.models_dir)
        if self._encoder is None:
            from session_assistant.model_registry import SETUP_HINT

            raise ModelUnavailable(f"The speaker encoder is not installed; {SETUP_HINT}.")
        return self._encoder

    def _read(self, conn) -> dict | None:
        row = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (_KEY,)).fetchone()
        return json.loads(row[0]) if row else None

    def create(self, audio: np.ndarray, source: str = "recorded") -> VoiceProfileInfo:
        """Make the print from 16 kHz mono audio of the clinician reading, and store it (replacing
        any earlier one). The audio is not kept.

        Raises:
            NoSpeech: too little speech in the audio.
            ModelUnavailable: the speaker encoder is not installed.
        """
        from session_assistant.transcribe.voice_profile import voice_print

        encoder = self._encoder_or_fail()
        made = voice_print(audio, encoder)
        record = {"created_at": self.clock.iso(), "source": source, "speech_s": made.speech_s,
                  "model": getattr(encoder, "model_id", MODEL_ID),
                  "embedding": base64.b64encode(made.embedding.astype("<f4").tobytes()).decode("ascii")}
        self._store(record, source, made.speech_s)
        return self.info()

    @writes
    def _store(self, record: dict, source: str, speech_s: float) -> None:
        with self.db.transaction() as conn:
            replaced = self._read(conn) is not None
            conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?, ?)", (_KEY, json.dumps(record)))
            self.audit.append(conn, "voice_profile_created", entity="profile",
                              detail=f"{source}, {speech_s:.0f} s of speech" + (", replaced the earlier one" if replaced else ""))
        if replaced:
            self.db.checkpoint()  # the old print must not linger in the WAL

    def info(self) -> VoiceProfileInfo | None:
        with self.db.read() as conn:
            record = self._read(conn)
        if record is None:
            return None
        return VoiceProfileInfo(record["created_at"], record["source"], record["speech_s"], record["model"])

    def _current_model(self) -> str | None:
        """The model id of the speaker encoder sessions use now (None: none installed)."""
        try:
            return getattr(self._encoder_or_fail(), "model_id", MODEL_ID)
        except ModelUnavailable:
            return None

    def outdated(self) -> str | None:
        """The model a stored profile was made with, when sessions now use another speaker encoder
        (prints of two encoders cannot be compared: the profile must be read again); else None."""
        with self.db.read() as conn:
            record = self._read(conn)
        if record is None:
            return None
        made, current = record.get("model", MODEL_ID), self._current_model()
        return made if current is not None and made != current else None

    @writes
    def clinician_voice(self, appointment_id: int | None = None, purpose: str = "naming speakers") -> np.ndarray | None:
        """The print, for naming the clinician in a session; audited as a use. None without one, and
        None for a profile made with another speaker encoder than the current one (``outdated``)."""
        if self.outdated():
            return None
        with self.db.transaction() as conn:
            record = self._read(conn)
            if record is None:
                return None
            self.audit.append(conn, "voice_profile_used", entity="appointment" if appointment_id else "profile",
                              entity_id=appointment_id, detail=purpose)
        import numpy as np

        return np.frombuffer(base64.b64decode(record["embedding"]), dtype="<f4").astype(np.float32)

    @writes
    def delete(self) -> bool:
        """Remove the print; True when there was one. Audited; the WAL is checkpointed after."""
        with self.db.transaction() as conn:
            if self._read(conn) is None:
                return False
            conn.execute("DELETE FROM vault_meta WHERE key = ?", (_KEY,))
            self.audit.append(conn, "voice_profile_deleted", entity="profile")
        self.db.checkpoint()
        return True
