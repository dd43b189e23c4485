"""Shared plumbing for services: row conversion, lookups, validation helpers."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from session_assistant.errors import NotFound, UserError


def row_dict(cursor, row) -> dict[str, Any]:
    return {col[0]: row[i] for i, col in enumerate(cursor.description)}


def fetch_one(conn, sql: str, params=(), *, missing: str) -> dict[str, Any]:
    try:
        cursor = conn.execute(sql, params)
    except OverflowError:  # an id past SQLite's 64 bits: no such record can exist
        raise NotFound(missing) from None
    row = cursor.fetchone()
    if row is None:
        raise NotFound(missing)
    return row_dict(cursor, row)


def fetch_all(conn, sql: str, params=()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    return [row_dict(cursor, row) for row in cursor.fetchall()]


def parse_date(text: str | None, what: str) -> str | None:
    if text in (None, ""):
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UserError(f"{what} must be a date as YYYY-MM-DD.") from None


def parse_datetime(text: str, what: str) -> str:
    try:
        return datetime.fromisoformat(text).isoformat(timespec="minutes")
    except ValueError:
        raise UserError(f"{what} must be a date and time as YYYY-MM-DDTHH:MM.") from None


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Service:
    """Base: holds the vault (database, audit trail, clock)."""

    def __init__(self, vault) -> None:
        self.vault = vault
        self.db = vault.db
        self.audit = vault.audit
        self.clock = vault.clock
