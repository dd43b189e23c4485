"""Notices: what the clinician must be told about their recordings, kept in the vault until read.

A sweep can run with nobody watching (at start-up of any command, on the window's timer, on
lock), so what it has to say (a recording shredded before its transcript was stored, an audio
file gone missing) is stored here and shown by ``recordings notices`` and the window until it is
dismissed. Messages live only in the (encrypted) vault, never in a log.
"""

from __future__ import annotations

from session_assistant.errors import NotFound

SHREDDED_UNTRANSCRIBED = "shredded_untranscribed"
AUDIO_MISSING = "audio_missing"


def add(conn, kind: str, recording_id: str, appointment_id: int | None, at: str, message: str) -> None:
    """Store a notice inside the caller's transaction; one open notice per kind and recording."""
    open_one = conn.execute("SELECT 1 FROM notices WHERE kind = ? AND recording_id = ? AND dismissed_at IS NULL",
                            (kind, recording_id)).fetchone()
    if open_one is None:
        conn.execute("INSERT INTO notices (kind, recording_id, appointment_id, created_at, message) "
                     "VALUES (?, ?, ?, ?, ?)", (kind, recording_id, appointment_id, at, message))


def close(conn, kind: str, recording_id: str, at: str) -> None:
    """Dismiss an open notice that is no longer true (a missing file came back)."""
    conn.execute("UPDATE notices SET dismissed_at = ? WHERE kind = ? AND recording_id = ? AND dismissed_at IS NULL",
                 (at, kind, recording_id))


def list_notices(db, include_dismissed: bool = False) -> list[dict]:
    where = "" if include_dismissed else "WHERE dismissed_at IS NULL"
    with db.read() as conn:
        cursor = conn.execute("SELECT id, kind, recording_id, appointment_id, created_at, message, dismissed_at "
                              f"FROM notices {where} ORDER BY id")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def dismiss(db, audit, notice_id: int, at: str) -> None:
    """The clinician has read it (written on the vault's writer thread)."""
    def write() -> None:
        with db.transaction() as conn:
            row = conn.execute("SELECT appointment_id FROM notices WHERE id = ? AND dismissed_at IS NULL",
                               (notice_id,)).fetchone()
            if row is None:
                raise NotFound(f"No open notice with id {notice_id}.")
            conn.execute("UPDATE notices SET dismissed_at = ? WHERE id = ?", (at, notice_id))
            audit.append(conn, "notice_dismissed", entity="appointment", entity_id=row[0],
                         detail=f"notice {notice_id}")

    db.writer.call(write)
