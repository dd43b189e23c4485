"""Auditing a sign-in (SECURITY items 4 and 14) without making a reading command wait (item 20).

Each sign-in writes its audit rows (the sign-in, the failed tries before it, a lost or damaged
failure record) with one short try at the write lock. If another window or process holds the
vault, the rows go to ``audit-pending.jsonl`` beside it instead, each line authenticated with a
key derived from the vault key; the next sign-in or close that gets the lock writes them into the
hash chain and removes the file. The rows hold no PHI (an action, a time, a count).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from pathlib import Path

from session_assistant.errors import VaultBusy
from session_assistant.vault.attempts import AttemptsState, UnlockAttempts, new_epoch, vault_lock

log = logging.getLogger(__name__)

SPOOL_NAME = "audit-pending.jsonl"
EPOCH_META = "unlock_attempts_epoch"  # vault_meta key: the epoch the failure record must carry
_MAX_SPOOL_BYTES = 1_000_000  # thousands of sign-ins; anything bigger is not ours


def record_sign_in(vault, spool_key: bytes, attempts: UnlockAttempts, how: str) -> list[str]:
    """Audit a successful unlock of ``vault`` (a ``store.Vault``); returns notices for the clinician."""
    db, audit, folder = vault.db, vault.audit, vault.folder
    spool = SigninSpool(folder, spool_key)
    with vault_lock(folder):
        state = attempts.load()
        with db.read() as conn:
            row = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (EPOCH_META,)).fetchone()
        held_epoch = row[0] if row else None
        entries, notices = _sign_in_entries(state, held_epoch, how, vault.clock.iso())
        epoch = new_epoch()

        def write() -> None:  # on the writer thread; this thread keeps the vault lock meanwhile
            with db.transaction(wait=False) as conn:
                _write_queued(conn, audit, spool)
                for entry in entries:
                    audit.append(conn, entry["action"], actor=entry["actor"], detail=entry["detail"])
                conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?, ?)", (EPOCH_META, epoch))

        try:
            db.writer.call(write)
            spool.clear()
        except VaultBusy:
            spool.add(entries)
            epoch = held_epoch
            log.info("vault busy at sign-in: its audit rows were queued")
        attempts.reset(epoch)
    return notices


def write_queued_sign_ins(vault, spool_key: bytes) -> None:
    """At close: write what an earlier busy sign-in queued, if the lock is free now (never waits)."""
    db, audit, folder = vault.db, vault.audit, vault.folder
    spool = SigninSpool(folder, spool_key)
    if not spool.exists():
        return
    try:
        with vault_lock(folder, wait_s=1):
            db.writer.call(lambda: _write_queued_now(db, audit, spool))
            spool.clear()
    except VaultBusy:
        log.info("vault still busy at close: queued sign-ins stay queued")


def _sign_in_entries(state: AttemptsState, held_epoch: str | None, how: str, at: str) -> tuple[list, list]:
    entries, notices = [], []
    if held_epoch is not None and state.epoch != held_epoch:
        entries.append({"action": "unlock_attempts_record_lost", "actor": "system", "at": at,
                        "detail": "the failed-unlock record was deleted or replaced since the last sign-in"})
        notices.append("The record of failed unlock attempts was deleted or replaced since your last sign-in; "
                       "wrong passphrases tried in between cannot be counted.")
    if state.damaged:
        entries.append({"action": "unlock_attempts_record_damaged", "actor": "system", "at": at,
                        "detail": "the failed-unlock record was damaged; it was treated as the longest delay"})
        notices.append("The record of failed unlock attempts was damaged; it is reset now.")
    elif state.failures:
        last = state.last.isoformat(timespec="seconds") if state.last else "unknown"
        entries.append({"action": "unlock_failed", "actor": "system", "at": at,
                        "detail": f"{state.failures} failed attempt(s), last at {last}"})
        notices.append(_failures_notice(state.failures, state.last))
    entries.append({"action": "unlock", "actor": "clinician", "at": at, "detail": f"with {how}"})
    return entries, notices


def _failures_notice(failures: int, last) -> str:
    """What the clinician reads at sign-in: a count in words and the last try on the office clock (the
    audit entry keeps the exact UTC time)."""
    attempts = "1 wrong passphrase attempt" if failures == 1 else f"{failures} wrong passphrase attempts"
    when = f", the last on {last.astimezone():%d %b %Y at %H:%M}" if last else ""
    return f"{attempts} since your last sign-in{when}."


def _write_queued_now(db, audit, spool: "SigninSpool") -> None:
    with db.transaction(wait=False) as conn:
        _write_queued(conn, audit, spool)


def _write_queued(conn, audit, spool: "SigninSpool") -> None:
    """Fold sign-ins queued while the vault was busy into the chain (inside ``conn``'s transaction)."""
    queued, altered = spool.load()
    for entry in queued:
        audit.append(conn, entry["action"], actor=entry["actor"] or "system",
                     detail=f"{entry['detail']}; at {entry['at']}, recorded late (the vault was busy)")
    if altered:
        audit.append(conn, "audit_pending_altered", actor="system",
                     detail=f"{altered} queued sign-in row(s) failed authentication and were dropped")


class SigninSpool:
    """The queue file. Use it only while holding ``vault_lock``."""

    def __init__(self, folder: Path, audit_key: bytes) -> None:
        self.path = folder / SPOOL_NAME
        self._key = hmac.new(audit_key, b"session-assistant sign-in spool", hashlib.sha256).digest()

    def _mac(self, entry: dict) -> str:
        body = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()
        return hmac.new(self._key, body, hashlib.sha256).hexdigest()

    def add(self, entries: list[dict]) -> None:
        """Append entries durably (fsync) so a crash right after does not lose them."""
        lines = "".join(json.dumps({"entry": e, "mac": self._mac(e)}) + "\n" for e in entries)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, lines.encode())
            os.fsync(fd)
        finally:
            os.close(fd)

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> tuple[list[dict], int]:
        """The authentic entries, and how many lines were not (altered, forged or torn)."""
        try:
            with self.path.open("rb") as handle:
                data = handle.read(_MAX_SPOOL_BYTES + 1)
        except FileNotFoundError:
            return [], 0
        good, bad = [], 0
        for line in data[:_MAX_SPOOL_BYTES].splitlines():
            try:
                record = json.loads(line)
                entry, mac = record["entry"], record["mac"]
                if not isinstance(entry, dict) or not isinstance(mac, str):
                    raise ValueError("not an entry")
                if not hmac.compare_digest(mac, self._mac(entry)):
                    raise ValueError("not authentic")
                good.append({k: str(entry.get(k, "")) for k in ("action", "actor", "detail", "at")})
            except (ValueError, KeyError, TypeError):
                bad += 1
        return good, bad + int(len(data) > _MAX_SPOOL_BYTES)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
