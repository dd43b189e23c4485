"""Chart commands: profile, clients, appointments, notes."""

from __future__ import annotations

import argparse

from session_assistant.commands import voice_cmds
from session_assistant.errors import UserError
from session_assistant.plain_text import one_line
from session_assistant.services.notes import DEFAULT_TEMPLATE


def _on_off(text: str) -> bool:
    if text not in ("on", "off"):
        raise argparse.ArgumentTypeError("use on or off")
    return text == "on"


def register(sub: argparse._SubParsersAction) -> None:
    profile = sub.add_parser("profile", help="the clinician profile")
    pa = profile.add_subparsers(dest="profile_action", metavar="ACTION", required=True)
    pa.add_parser("show", help="the clinician profile").set_defaults(handler=_profile_show)
    ps = pa.add_parser("set", help="set name, credentials, licence, practice, contact and AI consent")
    for flag, dest in (("--name", "name"), ("--credentials", "credentials"), ("--licence", "licence_number"),
                       ("--practice", "practice_name"), ("--address", "practice_address"),
                       ("--phone", "phone"), ("--email", "email")):
        ps.add_argument(flag, dest=dest)
    ps.add_argument("--ai-consent", dest="ai_usage_consent", type=_on_off, metavar="on|off")
    ps.set_defaults(handler=_profile_set)
    voice_cmds.register_under(pa)

    clients = sub.add_parser("clients", help="clients and their consent")
    ca = clients.add_subparsers(dest="clients_action", metavar="ACTION", required=True)
    add = ca.add_parser("add", help="add a client")
    add.add_argument("--first", required=True)
    add.add_argument("--last", required=True)
    add.add_argument("--dob", metavar="YYYY-MM-DD")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.set_defaults(handler=_clients_add)
    ca.add_parser("list", help="the clients").set_defaults(handler=_clients_list)
    show = ca.add_parser("show", help="one client with consent history")
    show.add_argument("id", type=int)
    show.set_defaults(handler=_clients_show)
    consent = ca.add_parser("consent", help="record the client's consent to AI session recording")
    consent.add_argument("id", type=int)
    consent.add_argument("--recording", required=True, choices=("given", "declined", "revoked"))
    consent.set_defaults(handler=_clients_consent)

    appts = sub.add_parser("appointments", help="the agenda")
    aa = appts.add_subparsers(dest="appointments_action", metavar="ACTION", required=True)
    aadd = aa.add_parser("add", help="book an appointment")
    aadd.add_argument("--client", type=int, required=True)
    aadd.add_argument("--start", required=True, metavar="YYYY-MM-DDTHH:MM")
    aadd.add_argument("--minutes", type=int, required=True)
    aadd.add_argument("--telehealth", action="store_true")
    aadd.set_defaults(handler=_appointments_add)
    alist = aa.add_parser("list", help="the agenda for a range of days")
    alist.add_argument("--from", dest="start", metavar="YYYY-MM-DDTHH:MM")
    alist.add_argument("--to", dest="end", metavar="YYYY-MM-DDTHH:MM")
    alist.add_argument("--client", type=int)
    alist.set_defaults(handler=_appointments_list)
    cancel = aa.add_parser("cancel", help="cancel an appointment")
    cancel.add_argument("id", type=int)
    cancel.add_argument("--reason", default="")
    cancel.set_defaults(handler=_appointments_cancel)

    notes = sub.add_parser("notes", help="progress notes")
    na = notes.add_subparsers(dest="notes_action", metavar="ACTION", required=True)
    create = na.add_parser("create", help="start a note for an appointment from a template")
    create.add_argument("--appointment", type=int, required=True)
    create.add_argument("--template", default=DEFAULT_TEMPLATE)
    create.set_defaults(handler=_notes_create)
    nshow = na.add_parser("show", help="a note with its fields and status")
    nshow.add_argument("id", type=int)
    nshow.set_defaults(handler=_notes_show)
    nset = na.add_parser("set", help="set a field of a draft note")
    nset.add_argument("id", type=int)
    nset.add_argument("--field", required=True)
    nset.add_argument("--text", required=True)
    nset.set_defaults(handler=_notes_set)
    code = na.add_parser("service-code", help="the CPT or HCPCS code billed for the session (printed on the PDF)")
    code.add_argument("id", type=int)
    code.add_argument("code", metavar="CODE", help="e.g. 90834, 90837-95 or H0031; \"\" clears it")
    code.set_defaults(handler=_notes_service_code)
    sign = na.add_parser("sign", help="sign a note (then read-only; corrections are addenda)")
    sign.add_argument("id", type=int)
    sign.set_defaults(handler=_notes_sign)
    addendum = na.add_parser("addendum", help="add a signed addendum to a signed note")
    addendum.add_argument("id", type=int)
    addendum.add_argument("--text", required=True)
    addendum.add_argument("--reason", required=True)
    addendum.set_defaults(handler=_notes_addendum)
    na.add_parser("templates", help="the note templates").set_defaults(handler=_notes_templates)


def _profile_show(ctx, args) -> int:
    ctx.emit(ctx.practice().profile.get().__dict__)
    return 0


def _profile_set(ctx, args) -> int:
    keys = ("name", "credentials", "licence_number", "practice_name", "practice_address", "phone", "email",
            "ai_usage_consent")
    changes = {k: getattr(args, k) for k in keys if getattr(args, k) is not None}
    if not changes:
        raise UserError("Nothing to set: give at least one option (see profile set --help).")
    profile = ctx.practice().profile.update(**changes)
    ctx.emit(profile.__dict__, "Profile saved.")
    return 0


def _clients_add(ctx, args) -> int:
    extra = {k: v for k, v in (("email", args.email), ("phone", args.phone)) if v}
    client_id = ctx.practice().clients.add(args.first, args.last, args.dob, **extra)
    ctx.emit({"id": client_id}, f"Client {client_id} added.")
    return 0


def _clients_list(ctx, args) -> int:
    rows = ctx.practice().clients.list()
    ctx.emit(rows, lambda: "\n".join(f"{r['id']:>5}  {one_line(r['last_name'])}, {one_line(r['first_name'])}  "
                                     f"{r['date_of_birth'] or '':<10}  {r['status']}" for r in rows) or "No clients yet.")
    return 0


def _clients_show(ctx, args) -> int:
    chart = ctx.practice().clients.chart(args.id)

    def text() -> str:
        c = chart["client"]
        lines = [f"{one_line(c['first_name'])} {one_line(c['last_name'])} (client {c['id']}, {c['status']})",
                 f"Date of birth: {c['date_of_birth'] or 'not recorded'}",
                 f"Consent to AI recording: {chart['consent']['decision'] or 'not asked'}",
                 f"Appointments: {len(chart['appointments'])}", f"Notes: {len(chart['notes'])}"]
        lines += [f"  note {n['id']:>5}  {n['starts_at'] or n['created_at']}  {n['status']}" for n in chart["notes"][:20]]
        return "\n".join(lines)

    ctx.emit(chart, text)
    return 0


def _clients_consent(ctx, args) -> int:
    consent = ctx.practice().clients.record_consent(args.id, args.recording)
    ctx.emit(consent.__dict__, f"Consent to AI session recording: {consent.decision}.")
    return 0


def _appointments_add(ctx, args) -> int:
    appointment_id = ctx.practice().appointments.add(args.client, args.start, args.minutes,
                                                     "telehealth" if args.telehealth else "in_person")
    ctx.emit({"id": appointment_id}, f"Appointment {appointment_id} added.")
    return 0


def _appointments_list(ctx, args) -> int:
    rows = ctx.practice().appointments.list(args.start, args.end, args.client)
    ctx.emit(rows, lambda: "\n".join(
        f"{r['id']:>5}  {r['starts_at']}  {r['minutes']:>3} min  {r['modality']:<10} {r['status']:<9} "
        f"{one_line(r['last_name'])}, {one_line(r['first_name'])}  {('note ' + r['note_status']) if r['note_id'] else ''}"
        for r in rows) or "No appointments.")
    return 0


def _appointments_cancel(ctx, args) -> int:
    ctx.practice().appointments.set_status(args.id, "cancelled", args.reason)
    ctx.emit({"id": args.id, "status": "cancelled"}, f"Appointment {args.id} cancelled.")
    return 0


def _notes_create(ctx, args) -> int:
    note_id = ctx.practice().notes.create(args.appointment, args.template)
    ctx.emit({"id": note_id}, f"Note {note_id} created.")
    return 0


def _notes_show(ctx, args) -> int:
    note = ctx.practice().notes.get(args.id, audit_view=True)

    def text() -> str:
        lines = [f"Note {note['id']} ({note['template_name']}) - {note['status']}",
                 f"Service code: {note['service_code'] or '(none)'}"]
        if note["status"] == "signed":
            lines.append(f"Signed by {note['signer_name']} at {note['signed_at']} (sha256 {note['content_hash']})")
        for field in note["template"]:
            lines += ["", f"## {field['label']}", note["fields"].get(field["name"], "") or "(empty)"]
        for addendum in note["addenda"]:
            lines += ["", f"## Addendum {addendum['created_at']} by {addendum['author']} ({addendum['reason']})",
                      addendum["text"]]
        return "\n".join(lines)

    ctx.emit(note, text)
    return 0


def _notes_set(ctx, args) -> int:
    ctx.practice().notes.set_field(args.id, args.field, args.text)
    ctx.emit({"id": args.id, "field": args.field}, f"Note {args.id}: {args.field} saved.")
    return 0


def _notes_service_code(ctx, args) -> int:
    code = ctx.practice().notes.set_service_code(args.id, args.code)
    ctx.emit({"id": args.id, "service_code": code},
             f"Note {args.id}: service code {code}." if code else f"Note {args.id}: service code cleared.")
    return 0


def _notes_sign(ctx, args) -> int:
    practice = ctx.practice()
    content_hash = practice.notes.sign(args.id, practice.profile.get())
    ctx.emit({"id": args.id, "content_hash": content_hash}, f"Note {args.id} signed (sha256 {content_hash}).")
    return 0


def _notes_addendum(ctx, args) -> int:
    practice = ctx.practice()
    addendum_id = practice.notes.add_addendum(args.id, args.text, args.reason,
                                              practice.profile.get().name_with_credentials)
    ctx.emit({"id": addendum_id}, f"Addendum {addendum_id} added to note {args.id}.")
    return 0


def _notes_templates(ctx, args) -> int:
    rows = ctx.practice().notes.templates()
    ctx.emit(rows, lambda: "\n".join(
        f"{t['name']}: " + ", ".join(f['label'] + (' [AI summary]' if f['ai_summary'] else '') for f in t["fields"])
        for t in rows))
    return 0
