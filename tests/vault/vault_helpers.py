"""Helpers for vault tests (importable by test modules in this folder)."""

from __future__ import annotations

from pathlib import Path

from session_assistant.app import Practice, open_practice
from session_assistant.paths import AppPaths

PASSPHRASE = "correct horse battery staple"
MARKER = "ZQXMARKER7781"  # a fictional PHI marker that must never appear outside the vault


def reopen(paths: AppPaths, clock=None) -> Practice:
    return open_practice(paths, PASSPHRASE, clock)


def seed_chart(practice: Practice, marker: str = MARKER) -> dict:
    """A client with an appointment and a signed note, all carrying the marker."""
    practice.profile.update(name="Dr Ada Example", credentials="PsyD", licence_number="PSY-001")
    client = practice.clients.add(f"Ann{marker}", "Example", "1985-04-12")
    appointment = practice.appointments.add(client, "2026-11-20T10:00", 50)
    note = practice.notes.create(appointment)
    practice.notes.set_field(note, "session_summary", f"Client reported {marker} sleeping poorly.")
    practice.notes.sign(note, practice.profile.get())
    return {"client": client, "appointment": appointment, "note": note}


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def assert_no_plaintext(paths: list[Path], marker: str = MARKER) -> None:
    for path in paths:
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3"), f"{path.name} is a plaintext SQLite file"
        assert marker.encode() not in data, f"{path.name} holds the PHI marker in plaintext"
        assert marker.encode("utf-16-le") not in data, f"{path.name} holds the PHI marker (UTF-16)"
