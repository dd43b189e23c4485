"""Document commands: ``export note|summary|plan|assessment|client|consent-form|check`` and ``verify``.

``verify`` needs no vault: it checks a PDF on its own. Passphrases come from the environment or a
prompt, never from argv (they would show in the process list and shell history).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from session_assistant.commands.secrets import read_secret
from session_assistant.errors import UserError
from session_assistant.output_files import checked_output

EXPORT_PASSPHRASE_ENV = "SESSION_ASSISTANT_EXPORT_PASSPHRASE"
PDF_PASSPHRASE_ENV = "SESSION_ASSISTANT_PDF_PASSPHRASE"
VERIFY_FAILED_EXIT = 1


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="signed PDFs, shared copies, client archives, the consent form")
    ea = export.add_subparsers(dest="export_action", metavar="WHAT", required=True)
    for name, helptext in (("note", "a signed progress note"), ("summary", "a signed treatment or case summary"),
                           ("plan", "a signed treatment plan version"), ("assessment", "a signed assessment")):
        p = ea.add_parser(name, help=helptext)
        p.add_argument("id", type=int)
        p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
        _force_flag(p)
        if name == "summary":
            p.add_argument("--share", action="store_true",
                           help="write an AES-256 encrypted copy for the client; the passphrase is shown once")
        p.set_defaults(handler=_export_record, record_kind=name)
    client = ea.add_parser("client", help=f"one client's whole chart, encrypted (passphrase: ${EXPORT_PASSPHRASE_ENV} "
                                          "or a prompt)")
    client.add_argument("id", type=int)
    client.add_argument("--out", type=Path, required=True, metavar="FILE")
    _force_flag(client)
    client.set_defaults(handler=_export_client)
    consent = ea.add_parser("consent-form", help="the printable client consent form for AI-assisted documentation")
    consent.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    _force_flag(consent)
    consent.set_defaults(handler=_export_consent)
    check = ea.add_parser("check", help="open a client export and validate everything in it (no vault needed)")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=_export_check)

    verify = sub.add_parser("verify", help="check that a signed PDF was not modified after signing (no vault needed)")
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.add_argument("--json", action="store_true", dest="cmd_json")
    verify.set_defaults(handler=_verify)


def _force_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")


def _checked_out(ctx, args) -> None:
    """Before unlocking: a bad path costs nothing (never the vault folder, never an existing file
    without --force); the service checks again when it writes."""
    checked_output(args.out, ctx.paths.vault_dir, force=args.force)


def _service(ctx):
    return ctx.practice().documents


def _export_record(ctx, args) -> int:
    _checked_out(ctx, args)
    service = _service(ctx)
    method = {"note": service.export_note, "summary": service.export_summary, "plan": service.export_plan,
              "assessment": service.export_assessment}[args.record_kind]
    extra = {"share": True} if getattr(args, "share", False) else {}
    record = method(args.id, args.out, force=args.force, **extra)
    data = {"kind": record.kind, "id": record.entity_id, "file": str(record.path), "sha256": record.sha256,
            "shared": record.shared}
    if record.passphrase:
        data["passphrase"] = record.passphrase

    def text() -> str:
        lines = [f"Wrote signed {record.kind} {record.entity_id} to {record.path}", f"SHA-256 {record.sha256}"]
        if record.passphrase:
            lines += ["Encrypted with AES-256 for sharing. Passphrase (shown only now; give it to the client",
                      "separately from the file):", f"    {record.passphrase}"]
        return "\n".join(lines)

    ctx.emit(data, text)
    return 0


def _export_client(ctx, args) -> int:
    from session_assistant.documents.archive import check_passphrase

    _checked_out(ctx, args)
    passphrase = read_secret(EXPORT_PASSPHRASE_ENV, "Passphrase for the export: ", confirm=True)
    check_passphrase(passphrase)
    service = _service(ctx)
    record = service.export_client(args.id, args.out, passphrase, force=args.force)
    data = {"kind": "client", "id": args.id, "file": str(record.path), "sha256": record.sha256,
            "counts": record.counts}
    ctx.emit(data, lambda: f"Wrote the encrypted export of client {args.id} to {record.path}\n"
                           f"SHA-256 {record.sha256}\n"
                           + ", ".join(f"{k}: {v}" for k, v in (record.counts or {}).items()))
    return 0


def _export_consent(ctx, args) -> int:
    _checked_out(ctx, args)
    record = _service(ctx).export_consent_form(args.out, force=args.force)
    ctx.emit({"kind": "consent_form", "file": str(record.path), "sha256": record.sha256},
             f"Wrote the consent form to {record.path}")
    return 0


def _export_check(ctx, args) -> int:
    from session_assistant.documents.export import check_export

    try:
        data = args.file.read_bytes()
    except OSError:
        raise UserError("The export file cannot be read.") from None
    passphrase = read_secret(EXPORT_PASSPHRASE_ENV, "Export passphrase: ", confirm=False)
    result = check_export(data, passphrase)
    ctx.emit({"ok": True, "format": result.chart["format"], "version": result.chart["version"],
              "counts": result.counts, "documents_verified": len(result.documents)},
             lambda: f"Export is intact: format {result.chart['format']} v{result.chart['version']}; "
                     f"{len(result.documents)} signed documents verified; "
                     + ", ".join(f"{k}: {v}" for k, v in result.counts.items()))
    return 0


def _verify(ctx, args) -> int:
    from session_assistant.documents.verify import verify

    password = os.environ.get(PDF_PASSPHRASE_ENV) or None
    try:
        result = verify(args.file, password=password)
    except UserError as error:
        if "encrypted" in str(error) and sys.stdin.isatty():
            result = verify(args.file, password=getpass.getpass("PDF passphrase: "))
        else:
            raise
    as_json = ctx.as_json or args.cmd_json
    data = {"ok": result.ok, "reason": result.reason, "signer": result.signer,
            "signed_at": result.signed_at.isoformat() if result.signed_at else None,
            "certificate_sha256": result.fingerprint}
    if as_json:
        import json

        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif result.ok:
        print(f"Signature valid: not modified after signing.\nSigner: {result.signer}\n"
              f"Signed: {result.signed_at.isoformat() if result.signed_at else 'unknown'}\n"
              f"Certificate SHA-256: {result.fingerprint}\n"
              "Trust is local: compare the certificate fingerprint with the one the clinician gave you.")
    else:
        print(f"error: NOT VALID: {result.reason}", file=sys.stderr)
    return 0 if result.ok else VERIFY_FAILED_EXIT
