"""SECURITY items 13-14: signed records are immutable; the audit trail is a verifiable chain."""

from __future__ import annotations

import pytest

from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.vault.database import IntegrityError
from vault_helpers import seed_chart


def test_signed_note_cannot_change_in_service_or_database(new_practice):
    ids = seed_chart(new_practice)
    notes = new_practice.notes
    before = notes.get(ids["note"])
    with pytest.raises(ImmutableRecord):
        notes.set_field(ids["note"], "session_summary", "rewritten")
    with pytest.raises(ImmutableRecord):
        notes.delete_draft(ids["note"])
    conn = new_practice.vault.db.conn
    with pytest.raises(IntegrityError, match="immutable"):
        conn.execute("UPDATE progress_notes SET fields_json = '{}' WHERE id = ?", (ids["note"],))
    with pytest.raises(IntegrityError, match="immutable"):
        conn.execute("DELETE FROM progress_notes WHERE id = ?", (ids["note"],))
    notes.add_addendum(ids["note"], "Corrected the date of the next session.", "date typo", "Dr Ada Example")
    after = notes.get(ids["note"])
    assert after["content_hash"] == before["content_hash"] and notes.verify_hash(ids["note"])
    assert after["addenda"][0]["reason"] == "date typo" and after["addenda"][0]["author"] == "Dr Ada Example"
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("UPDATE note_addenda SET text = 'x'")


def test_addendum_needs_a_signed_note_and_a_reason(new_practice):
    ids = seed_chart(new_practice)
    appointment = new_practice.appointments.add(ids["client"], "2026-11-21T10:00", 50)
    draft = new_practice.notes.create(appointment)
    with pytest.raises(UserError, match="draft"):
        new_practice.notes.add_addendum(draft, "text", "reason", "me")
    with pytest.raises(UserError, match="reason"):
        new_practice.notes.add_addendum(ids["note"], "text", " ", "me")


def test_signing_requires_a_name_and_content(new_practice):
    client = new_practice.clients.add("No", "Name")
    note = new_practice.notes.create(new_practice.appointments.add(client, "2026-11-21T10:00", 50))
    with pytest.raises(UserError, match="profile"):
        new_practice.notes.sign(note, new_practice.profile.get())
    new_practice.profile.update(name="Dr B")
    with pytest.raises(UserError, match="empty"):
        new_practice.notes.sign(note, new_practice.profile.get())


def _tamper(conn, sql, params=()):
    """An attacker with the key and a SQL shell: drop the guard triggers and edit the log."""
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    conn.execute(sql, params)


def test_audit_rows_are_written_for_views_and_changes(new_practice):
    ids = seed_chart(new_practice)
    new_practice.clients.chart(ids["client"])
    new_practice.notes.get(ids["note"], audit_view=True)
    actions = [r[0] for r in new_practice.vault.db.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    for expected in ("vault_created", "client_created", "appointment_created", "note_created", "note_edited",
                     "note_signed", "chart_viewed", "note_viewed"):
        assert expected in actions
    assert new_practice.verify_audit().ok


def test_audit_log_is_append_only_in_the_database(new_practice):
    conn = new_practice.vault.db.conn
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET detail = 'x' WHERE seq = 1")
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 1")


@pytest.mark.parametrize("attack", ["edit", "remove_middle", "remove_last", "reorder"])
def test_audit_verification_fails_after_tampering(new_practice, attack):
    seed_chart(new_practice)
    conn = new_practice.vault.db.conn
    assert new_practice.verify_audit().ok
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    if attack == "edit":
        _tamper(conn, "UPDATE audit_log SET action = 'nothing_happened' WHERE seq = 3")
    elif attack == "remove_middle":
        _tamper(conn, "DELETE FROM audit_log WHERE seq = 3")
    elif attack == "remove_last":
        _tamper(conn, "DELETE FROM audit_log WHERE seq = ?", (last,))
    else:  # swap the contents of two rows, keeping the sequence numbers in place
        a = conn.execute("SELECT at, actor, action, entity, entity_id, client_id, detail, prev_mac, mac "
                         "FROM audit_log WHERE seq = 2").fetchone()
        b = conn.execute("SELECT at, actor, action, entity, entity_id, client_id, detail, prev_mac, mac "
                         "FROM audit_log WHERE seq = 3").fetchone()
        cols = "at=?, actor=?, action=?, entity=?, entity_id=?, client_id=?, detail=?, prev_mac=?, mac=?"
        _tamper(conn, f"UPDATE audit_log SET {cols} WHERE seq = 2", b)
        conn.execute(f"UPDATE audit_log SET {cols} WHERE seq = 3", a)
    assert not new_practice.verify_audit().ok


def test_a_template_without_the_ai_field_still_works(new_practice):
    client = new_practice.clients.add("Manual", "Note")
    appointment = new_practice.appointments.add(client, "2026-11-21T10:00", 50)
    note = new_practice.notes.create(appointment, "SOAP Note (manual)", ai_summary="ignored: no AI field")
    stored = new_practice.notes.get(note)
    assert set(stored["fields"]) == {"subjective", "objective", "assessment", "plan"}
    assert stored["ai_assisted"] == 0 and all(v == "" for v in stored["fields"].values())


def test_templates_can_be_added_and_edited(new_practice):
    fields = [{"name": "focus", "label": "Focus"}, {"name": "summary", "label": "Summary", "ai_summary": True}]
    template_id = new_practice.notes.save_template("Brief", fields)
    assert new_practice.notes.save_template("Brief", fields[:1]) == template_id
    assert [f["name"] for f in new_practice.notes.template("Brief")["fields"]] == ["focus"]
    with pytest.raises(UserError, match="Only one field"):
        new_practice.notes.save_template("Two AI", [{"name": "a", "ai_summary": True}, {"name": "b", "ai_summary": True}])
