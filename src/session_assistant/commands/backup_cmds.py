"""The daily backups from the CLI: ``backup schedule|now|status|verify`` (``services.backups``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from session_assistant.commands.secrets import read_passphrase
from session_assistant.errors import UserError, WrongPassphrase
from session_assistant.services.backups import DEFAULT_KEEP


def register_backup_actions(backup: argparse.ArgumentParser) -> None:
    actions = backup.add_subparsers(dest="backup_action", metavar="ACTION")
    schedule = actions.add_parser("schedule", help="back up daily into a folder (an external drive, a NAS, "
                                                   "a synced folder), keeping the newest N")
    schedule.add_argument("--folder", type=Path, metavar="F")
    schedule.add_argument("--keep", type=int, default=DEFAULT_KEEP, metavar="N")
    schedule.add_argument("--off", action="store_true", help="stop the daily backups (the files stay)")
    schedule.set_defaults(handler=_schedule)
    now = actions.add_parser("now", help="write, check and prune a backup in the scheduled folder now")
    now.add_argument("--if-due", action="store_true", help="only when the last good one is 24 hours old or more")
    now.set_defaults(handler=_now)
    status = actions.add_parser("status", help="the schedule and the last backup's time and result")
    status.set_defaults(handler=_status)
    verify = actions.add_parser("verify", help="open one backup and check it (passphrase: the backup's, from "
                                               "SESSION_ASSISTANT_PASSPHRASE or a prompt); the vault is not needed")
    verify.add_argument("backup_file", type=Path, metavar="FILE")
    verify.set_defaults(handler=_verify)


def _schedule(ctx, args) -> int:
    backups = ctx.practice().backups
    if args.off:
        backups.turn_off()
        ctx.emit({"scheduled": False}, "Daily backups are off; the backups already written are kept.")
        return 0
    if args.folder is None:
        raise UserError("Give --folder F (or --off).")
    settings = backups.schedule(args.folder, args.keep)
    ctx.emit(settings.to_json(), f"Daily backups to {settings.folder}, keeping the newest {settings.keep}; "
                                 "the window makes one when it is unlocked and the last is a day old.")
    return 0


def _now(ctx, args) -> int:
    backups = ctx.practice().backups
    if args.if_due:
        job_id = backups.submit_if_due()
        if job_id is None:
            ctx.emit({"ran": False}, "Not due: the last good backup is less than 24 hours old (or none is scheduled).")
            return 0
        job = backups.run_job(job_id)
        if job.state != "done":
            raise UserError(f"The backup failed: {job.error}")
        ctx.emit({"ran": True, **job.result}, f"Backup written and verified: {job.result['file']}.")
        return 0
    outcome = backups.back_up_now()
    ctx.emit({"ran": True, **outcome.to_json()}, f"Backup written and verified: {outcome.file} "
                                                 f"({len(outcome.removed)} older removed).")
    return 0


def _status(ctx, args) -> int:
    settings = ctx.practice().backups.settings()
    ctx.emit(settings.to_json(), lambda: (
        "Daily backups are off." if settings.folder is None else
        f"Daily backups to {settings.folder}, keeping {settings.keep}. Last: "
        f"{settings.last_at or 'never'} {settings.last_result}".rstrip()))
    return 0


def _verify(ctx, args) -> int:
    from session_assistant.vault.backup_check import verify_backup  # SQLCipher: only when verifying

    try:
        check = verify_backup(args.backup_file, passphrase=read_passphrase())
    except WrongPassphrase:
        raise WrongPassphrase("That passphrase does not open this backup (give the passphrase the vault had "
                              "when the backup was made).") from None
    ctx.emit(check.to_json(), f"The backup opens and checks out: made {check.created_at}, schema "
                              f"{check.schema_version}, audit trail intact ({check.audit_rows} rows).")
    return 0
