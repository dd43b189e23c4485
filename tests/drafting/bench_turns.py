"""Turns of a therapy session of the bench (real wording, not held out) as transcript segments."""

from __future__ import annotations

from pathlib import Path

SESSIONS = Path(__file__).resolve().parents[2] / "bench" / "therapy_eval" / "sessions"


def session_segments(session: str, count: int) -> list[dict]:
    """The first ``count`` turns of ``session`` (a file name under bench/therapy_eval/sessions)."""
    segments = []
    for line in (SESSIONS / session).read_text(encoding="utf-8").splitlines():
        who, _, words = line.partition(":")
        if words.strip():
            n = len(segments)
            segments.append({"id": n, "start": 5.0 * n, "end": 5.0 * n + 4.5, "speaker": who.strip(),
                             "text": words.strip()})
        if len(segments) == count:
            break
    return segments
