"""The clinician's profile, including the AI Usage Consent switch (off by default)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from session_assistant.plain_text import check_plain
from session_assistant.services.base import Service, fetch_all
from session_assistant.services.limits import check_lengths
from session_assistant.vault.writer import writes


@dataclass
class Profile:
    name: str = ""
    credentials: str = ""
    licence_number: str = ""
    practice_name: str = ""
    practice_address: str = ""
    phone: str = ""
    email: str = ""
    ai_usage_consent: bool = False

    @property
    def name_with_credentials(self) -> str:
        """"Maria Alvarez, LMFT": how the clinician signs, and so how an addendum names its author."""
        return ", ".join(part for part in (self.name.strip(), self.credentials.strip()) if part)


EDITABLE = tuple(f.name for f in fields(Profile))


class ProfileService(Service):
    def get(self) -> Profile:
        with self.db.read() as conn:
            rows = fetch_all(conn, "SELECT * FROM clinician_profile WHERE id = 1")
        if not rows:
            return Profile()
        row = rows[0]
        return Profile(**{k: (bool(row[k]) if k == "ai_usage_consent" else row[k]) for k in EDITABLE})

    @writes
    def update(self, **changes) -> Profile:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"unknown profile fields: {sorted(unknown)}")
        changes = {k: v for k, v in changes.items() if v is not None}
        check_lengths(changes)
        for key, value in changes.items():
            if isinstance(value, str):
                check_plain(value, key.replace("_", " ").capitalize(), multiline=key == "practice_address")
        profile = self.get()
        before = profile.ai_usage_consent
        for key, value in changes.items():
            setattr(profile, key, bool(value) if key == "ai_usage_consent" else str(value).strip())
        values = {k: getattr(profile, k) for k in EDITABLE}
        values["ai_usage_consent"] = int(values["ai_usage_consent"])
        with self.db.transaction() as conn:
            cols = ", ".join(EDITABLE)
            marks = ", ".join("?" for _ in EDITABLE)
            conn.execute(
                f"INSERT OR REPLACE INTO clinician_profile (id, {cols}, updated_at) VALUES (1, {marks}, ?)",
                (*values.values(), self.clock.iso()),
            )
            changed = sorted(k for k in changes if k != "ai_usage_consent")
            if changed:
                self.audit.append(conn, "profile_updated", entity="profile", detail="fields: " + ", ".join(changed))
            if "ai_usage_consent" in changes and profile.ai_usage_consent != before:
                state = "on" if profile.ai_usage_consent else "off"
                self.audit.append(conn, "ai_usage_consent_changed", entity="profile", detail=state)
        return profile
