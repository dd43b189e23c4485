"""The chart's Notes list: a signed note with a correction says so (an addendum is read with the note),
and the signing time is the practice's local one, as the session times are: a note signed at 19:29 in
New York was listed as signed "2026-12-04 00:29", the next day. Pure: the rows the list shows."""

from __future__ import annotations

import time

import pytest

from session_assistant.ui.chart.chart_records import note_row


@pytest.fixture
def new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def test_a_note_with_addenda_says_how_many_and_is_signed_in_local_time(new_york):
    note = {"status": "signed", "template_name": "SOAP", "starts_at": "2026-12-03T18:00",
            "created_at": "2026-12-03T23:10:00+00:00", "signed_at": "2026-12-04T00:29:41+00:00", "addenda_count": 2}
    assert note_row(note) == ("2026-12-03 18:00", "SOAP", "Signed · 2 addenda", "2026-12-03 19:29")
    assert note_row({**note, "addenda_count": 1})[2] == "Signed · 1 addendum"
    assert note_row({**note, "status": "draft", "signed_at": None, "addenda_count": 0})[2:] == ("Draft", "")
