"""Vault fixtures for the documents tests: a real SQLCipher practice with a small fictional chart."""

from __future__ import annotations

import pytest

from session_assistant.services.documents import DocumentService
from session_assistant.paths import AppPaths

from doc_practice import build_chart, new_practice


@pytest.fixture
def practice(tmp_path):
    created = new_practice(AppPaths.default())
    yield created
    if created.vault.db is not None:
        created.close()


@pytest.fixture
def chart(practice):
    """Six weekly signed notes, PHQ-9/GAD-7, a plan, diagnoses, consent, an addendum, a summary."""
    return build_chart(practice)


@pytest.fixture
def documents(practice) -> DocumentService:
    return practice.documents
