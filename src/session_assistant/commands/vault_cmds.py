"""Vault commands: init, passphrase change and recovery, backup, restore, audit verify."""

from __future__ import annotations

import argparse
from pathlib import Path

from session_assistant.commands.backup_cmds import register_backup_actions
from session_assistant.commands.secrets import (read_new_passphrase, read_passphrase, read_recovery_key)
from session_assistant.errors import UserError, VaultCorrupt
from session_assistant.output_files import checked_output

# The composition root and the vault (SQLCipher, cryptography, every service) are imported by the
# handlers that use them: building the parser for any command, or --help, must stay cheap.


def register(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help="create the practice vault (passphrase from SESSION_ASSISTANT_PASSPHRASE or a prompt)")
    init.set_defaults(handler=_init)

    passphrase = sub.add_parser("passphrase", help="change the passphrase, or reset it with the recovery key")
    actions = passphrase.add_subparsers(dest="passphrase_action", metavar="ACTION", required=True)
    change = actions.add_parser("change", help="new passphrase from SESSION_ASSISTANT_NEW_PASSPHRASE or a prompt")
    change.set_defaults(handler=_change)
    recover = actions.add_parser("recover", help="recovery key from SESSION_ASSISTANT_RECOVERY_KEY or a prompt")
    recover.set_defaults(handler=_recover)

    backup = sub.add_parser("backup", help="write an encrypted backup of the vault (--out FILE), or the daily "
                                           "backups: schedule, now, status, verify")
    backup.add_argument("--out", type=Path, metavar="FILE")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(handler=_backup)
    register_backup_actions(backup)

    accept = sub.add_parser("accept-state", help="continue with a vault that is older than its last recorded state "
                                                 "(after a lost -wal or a copied vault.db); audited")
    accept.add_argument("--i-understand", action="store_true", dest="understood", required=True,
                        help="changes recorded after this state are lost; a backup may still hold them")
    accept.set_defaults(handler=_accept_state)

    rest = sub.add_parser("restore", help="restore a backup (an existing vault is moved aside, never overwritten)")
    rest.add_argument("backup_file", type=Path, metavar="FILE")
    rest.set_defaults(handler=_restore)

    audit = sub.add_parser("audit", help="the audit trail")
    audit_actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = audit_actions.add_parser("verify", help="check the hash chain")
    verify.set_defaults(handler=_audit_verify)
    show = audit_actions.add_parser("list", help="recent audit entries, newest first, in the words the window uses")
    whose = show.add_mutually_exclusive_group()
    whose.add_argument("--client", type=int, help="only what concerns this client's chart")
    whose.add_argument("--practice", action="store_true", help="only the practice's own: sign-ins, backups, settings")
    show.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="from this day (this computer's clock)")
    show.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="up to and including this day")
    show.add_argument("--limit", type=int, default=50)
    show.set_defaults(handler=_audit_list)


def _init(ctx, args) -> int:
    from session_assistant.app import create_practice
    from session_assistant.commands.secrets import PASSPHRASE_ENV, read_secret

    passphrase = read_secret(PASSPHRASE_ENV, "Choose a vault passphrase: ", confirm=True)
    practice, recovery_key = create_practice(ctx.paths, passphrase)
    practice.close()
    data = {"vault": str(ctx.paths.vault_dir), "recovery_key": recovery_key}
    ctx.emit(data, lambda: (
        f"Vault created in {ctx.paths.vault_dir}.\n\n"
        f"Recovery key (shown once; write it down and keep it somewhere safe):\n\n    {recovery_key}\n\n"
        "It unlocks the vault if the passphrase is forgotten. It is not stored anywhere."))
    return 0


def _change(ctx, args) -> int:
    current = read_passphrase()
    practice = ctx.practice()
    practice.vault.change_passphrase(current, read_new_passphrase())
    ctx.emit({"changed": True}, "Passphrase changed. The recovery key still works.")
    return 0


def _recover(ctx, args) -> int:
    from session_assistant.vault.store import Vault

    vault = Vault.recover(Path(ctx.paths.vault_dir), read_recovery_key(), read_new_passphrase())
    vault.close()
    ctx.emit({"reset": True}, "Passphrase reset with the recovery key.")
    return 0


def _backup(ctx, args) -> int:
    if args.out is None:
        raise UserError("Give --out FILE, or one of: backup schedule, backup now, backup status, backup verify FILE.")
    checked_output(args.out, ctx.paths.vault_dir, force=args.force)  # before unlocking: a bad path costs nothing
    target = ctx.practice().vault.backup(args.out, force=args.force)
    ctx.emit({"backup": str(target)}, f"Encrypted backup written to {target}.")
    return 0


def _accept_state(ctx, args) -> int:
    from session_assistant.vault.store import Vault

    vault = Vault.unlock(Path(ctx.paths.vault_dir), read_passphrase(), accept_state=True)
    doubt = vault.accepted_doubt
    vault.close()
    if doubt is None:
        ctx.emit({"accepted": False}, "The vault matches its last recorded state; there was nothing to accept.")
        return 0
    ctx.emit({"accepted": True, "detail": doubt.detail},
             f"The vault was opened as it is now ({doubt.detail}); this is recorded in the audit trail. "
             "Changes recorded after this state are not in it: a backup may still hold them.")
    return 0


def _restore(ctx, args) -> int:
    from session_assistant.vault.store import restore

    moved = restore(args.backup_file, Path(ctx.paths.vault_dir), read_passphrase())
    note = "" if moved == Path(ctx.paths.vault_dir) else f" The previous vault was kept in {moved}."
    ctx.emit({"restored": str(ctx.paths.vault_dir), "previous": str(moved)}, f"Vault restored.{note}")
    return 0


def _audit_verify(ctx, args) -> int:
    report = ctx.practice().verify_audit()
    ctx.emit({"ok": report.ok, "rows": report.rows, "message": report.message},
             f"Audit trail {'intact' if report.ok else 'BROKEN'}: {report.rows} rows ({report.message}).")
    if not report.ok:
        raise VaultCorrupt(f"The audit trail does not verify: {report.message}.")
    return 0


def _audit_list(ctx, args) -> int:
    from datetime import date

    from session_assistant.services.audit_words import plain_entry
    from session_assistant.services.base import parse_date

    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--to")
    practice = ctx.practice()
    rows = practice.audit_log.history(args.client, start=start and date.fromisoformat(start),
                                      end=end and date.fromisoformat(end), limit=args.limit,
                                      practice_only=args.practice)
    clinician = practice.profile.get().name
    read = [plain_entry(row, clinician) for row in rows]
    raw = ("seq", "at", "actor", "action", "entity", "entity_id", "client_id", "detail")
    ctx.emit([{**{key: row[key] for key in raw}, "what": entry["what"]} for row, entry in zip(rows, read)],
             lambda: "\n".join(f"{e['when']}  {e['who']}: {e['what']}" + (f"  ({e['client']})" if e["client"] else "")
                               for e in read) or "No entries.")
    return 0
