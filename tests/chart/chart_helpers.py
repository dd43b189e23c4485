"""Helpers shared by the chart tests (uniquely named, unlike conftest)."""

from __future__ import annotations


class ExplodingModel:
    """Stands in for the model where a test proves it is NOT used (any use fails the test)."""

    model_id = "must-not-run"

    def __getattr__(self, name):
        raise AssertionError(f"the model was used ({name}) although nothing should have been generated")
