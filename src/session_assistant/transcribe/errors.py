"""Transcription problems a user can fix: one clear line each, never any transcript text."""

from __future__ import annotations

from session_assistant.errors import UserError


class AudioUnreadable(UserError):
    """The input is missing, empty, not audio, or cannot be decoded."""

    exit_code = 10


class NoSpeech(UserError):
    """The audio decoded fine but holds no speech (silence or noise only)."""

    exit_code = 11
