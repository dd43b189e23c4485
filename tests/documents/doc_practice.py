"""The documents tests' practice and chart, built the same way for a test's own vault (conftest.py's
fixtures) and for one a module shares (a uniquely named module: several folders have a conftest.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from session_assistant.app import create_practice
from session_assistant.clock import FixedClock
from session_assistant.paths import AppPaths

from doc_samples import PASSPHRASE, add_signed_summary


def new_practice(paths: AppPaths):
    """A new practice in a real vault at ``paths``, with the clinician's profile filled in."""
    paths.ensure()
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))
    created, _ = create_practice(paths, PASSPHRASE, clock)
    created.profile.update(name="Σοφία Papadopoulou-Müller", credentials="LCSW", licence_number="LCSW-ME 20417",
                           practice_name="Harbourview Counselling", practice_address="12 Quay Street, Portland",
                           phone="(207) 555-0142", email="office@harbourview.example")
    return created


def build_chart(practice):
    """Six weekly signed notes, PHQ-9/GAD-7, a plan, diagnoses, consent, an addendum, a summary."""
    from session_assistant.services.sample_chart import build_sample_chart

    built = build_sample_chart(practice, weeks=6, first_name="Zoë", last_name="Łukasiewicz")
    practice.clients.record_consent(built.client_id, "given")
    practice.notes.add_addendum(built.notes[0], "The session lasted 55 minutes, not 50.",
                                "Correction of session length", practice.profile.get().name)
    built.summary_id = add_signed_summary(
        practice, built.client_id,
        "The client reported fewer panic episodes. [note 1, 2026-01-05]\nSleep improved. [note 2, 2026-01-12]")
    return built
