"""Clinical chart commands: assessments, diagnoses, treatment plans, AI summaries."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from session_assistant.errors import UserError
from session_assistant.services.assessments import parse_answers


def _add_json(parser: argparse.ArgumentParser) -> None:
    # The issue shows --json after the command too; accept both places.
    parser.add_argument("--json", action="store_true", dest="cmd_json", help=argparse.SUPPRESS)


def _sub(sub, name: str, handler, **kwargs) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, **kwargs)
    _add_json(parser)
    parser.set_defaults(handler=handler)
    return parser


def register(sub: argparse._SubParsersAction) -> None:
    assess = sub.add_parser("assessments", help="PHQ-9, GAD-7 and other measures")
    aa = assess.add_subparsers(dest="assessments_action", metavar="ACTION", required=True)
    add = _sub(aa, "add", _assessments_add, help="record a PHQ-9 or GAD-7 (answers) or another instrument (--total)")
    add.add_argument("client", type=int)
    add.add_argument("instrument", help="phq9, gad7, or another instrument's name with --total")
    add.add_argument("--answers", metavar="0,1,...", help="one answer 0-3 per item, in order")
    add.add_argument("--total", type=int, help="total score of an instrument other than PHQ-9/GAD-7")
    add.add_argument("--date", metavar="YYYY-MM-DD")
    alist = _sub(aa, "list", _assessments_list, help="a client's measures with scores and severity")
    alist.add_argument("client", type=int)
    alist.add_argument("--instrument")
    _sub(aa, "sign", _assessments_sign, help="sign a draft measure (then read-only)").add_argument("id", type=int)

    diag = sub.add_parser("diagnoses", help="ICD-10-CM diagnoses (offline list)")
    da = diag.add_subparsers(dest="diagnoses_action", metavar="ACTION", required=True)
    dadd = _sub(da, "add", _diagnoses_add, help="add an ICD-10-CM diagnosis with its onset date")
    dadd.add_argument("client", type=int)
    dadd.add_argument("code")
    dadd.add_argument("--onset", metavar="YYYY-MM-DD")
    _sub(da, "search", _diagnoses_search, help="search the offline ICD-10-CM list").add_argument("text", nargs="+")
    _sub(da, "list", _diagnoses_list, help="a client's diagnoses, active and resolved").add_argument("client", type=int)
    dres = _sub(da, "resolve", _diagnoses_resolve, help="mark a diagnosis resolved on a date")
    dres.add_argument("id", type=int)
    dres.add_argument("--date", required=True, metavar="YYYY-MM-DD")

    plans = sub.add_parser("plans", help="treatment plans (versioned, signed)")
    pa = plans.add_subparsers(dest="plans_action", metavar="ACTION", required=True)
    padd = _sub(pa, "add", _plans_add, help="a new plan version: one problem and goal by flags, or --file JSON")
    padd.add_argument("client", type=int)
    padd.add_argument("--problem")
    padd.add_argument("--goal")
    padd.add_argument("--measure", default="")
    padd.add_argument("--objective", action="append", default=[])
    padd.add_argument("--intervention", action="append", default=[])
    padd.add_argument("--target", metavar="YYYY-MM-DD", help="goal target date")
    padd.add_argument("--status", default="not started")
    padd.add_argument("--review", metavar="YYYY-MM-DD")
    padd.add_argument("--file", type=Path, help="the whole plan as JSON ({\"problems\": [...]})")
    pshow = _sub(pa, "show", _plans_show, help="a plan version, or the client's latest with --client")
    pshow.add_argument("id", type=int, nargs="?")
    pshow.add_argument("--client", type=int)
    _sub(pa, "sign", _plans_sign, help="sign a draft plan version: it becomes the active plan").add_argument("id", type=int)
    _sub(pa, "revise", _plans_revise, help="start a new draft version from the latest").add_argument("client", type=int)

    summ = sub.add_parser("summary", help="AI case and treatment summaries")
    sa = summ.add_subparsers(dest="summary_action", metavar="ACTION", required=True)
    case = _sub(sa, "case", _summary_case, help="AI Case Summary of a client's signed record (session prep, supervision, handoff)")
    case.add_argument("client", type=int)
    case.add_argument("--regenerate", action="store_true", help="even if the signed record is unchanged")
    case.add_argument("--model", help="LLM id (default: the default model)")
    case.add_argument("--purpose", default="", help="session prep, supervision, handoff, or other text")
    treat = _sub(sa, "treatment", _summary_treatment, help="Treatment Summary of a date range (consultation, transfer, discharge)")
    treat.add_argument("client", type=int)
    treat.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    treat.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    treat.add_argument("--purpose", default="", help="consultation, transfer of care, discharge, or other text")
    treat.add_argument("--model")
    upd = _sub(sa, "update", _summary_update, help="refine with an instruction, or replace the text (--text)")
    upd.add_argument("id", type=int)
    upd.add_argument("--instruction")
    upd.add_argument("--text", help="the edited text ('-' reads standard input)")
    upd.add_argument("--model")
    _sub(sa, "sign", _summary_sign, help="sign and approve a summary (then read-only)").add_argument("id", type=int)
    _sub(sa, "delete", _summary_delete, help="delete a summary (audited)").add_argument("id", type=int)
    _sub(sa, "discard", _summary_discard, help="discard a draft").add_argument("id", type=int)
    _sub(sa, "show", _summary_show, help="a summary with its sources").add_argument("id", type=int)
    _sub(sa, "list", _summary_list, help="a client's summaries").add_argument("client", type=int)
    dig = _sub(sa, "digests", _summary_digests, help="build the digests summaries are composed from (once for "
                                                     "items signed before digests existed), with progress")
    dig.add_argument("--rebuild", action="store_true", help="rebuild every digest")
    dig.add_argument("--client", type=int, help="also list this client's digests")


def _emit(ctx, args, data, text) -> None:
    ctx.as_json = ctx.as_json or getattr(args, "cmd_json", False)
    ctx.emit(data, text)


def _model(ctx, name: str | None):
    from session_assistant.drafting import NoteModel

    return NoteModel.from_registry(ctx.paths.models_dir, name)


# ---- assessments ------------------------------------------------------------------------------
def _assessments_add(ctx, args) -> int:
    practice = ctx.practice()
    if args.answers is not None and args.total is not None:
        raise UserError("Give either --answers (PHQ-9, GAD-7) or --total (other instruments), not both.")
    if args.answers is not None:
        new_id = practice.assessments.add(args.client, args.instrument, parse_answers(args.answers), args.date)
    elif args.total is not None:
        new_id = practice.assessments.add_other(args.client, args.instrument, args.total, args.date)
    else:
        raise UserError("Give the answers (--answers 0,1,...) or, for another instrument, --total N.")
    row = practice.assessments.get(new_id)
    _emit(ctx, args, row, lambda: _assessment_line(row))
    return 0


def _assessment_line(r: dict) -> str:
    flag = f"  ITEM 9 (self-harm thoughts) = {r['self_harm_response']}" if r["self_harm_flag"] else ""
    return (f"{r['id']:>5}  {r['administered_on']}  {r['title']:<8} {r['total_score']:>3}"
            f"{('/' + str(r['max_total'])) if r['max_total'] else ''}  {r['severity']:<18} {r['status']}{flag}")


def _assessments_list(ctx, args) -> int:
    practice = ctx.practice()
    rows = practice.assessments.list(args.client, args.instrument)
    trends = {key: practice.assessments.trend(args.client, key) for key in sorted({r["instrument"] for r in rows})}
    _emit(ctx, args, {"assessments": rows, "trends": trends},
          lambda: "\n".join(_assessment_line(r) for r in rows) or "No assessments.")
    return 0


def _assessments_sign(ctx, args) -> int:
    practice = ctx.practice()
    practice.assessments.sign(args.id, practice.profile.get().name)
    _emit(ctx, args, {"id": args.id, "status": "signed"}, f"Assessment {args.id} signed.")
    return 0


# ---- diagnoses --------------------------------------------------------------------------------
def _diagnoses_add(ctx, args) -> int:
    practice = ctx.practice()
    new_id = practice.diagnoses.add(args.client, args.code, args.onset)
    row = practice.diagnoses.get(new_id)
    _emit(ctx, args, row, f"Diagnosis {new_id} added: {row['code']} {row['description']}.")
    return 0


def _diagnoses_search(ctx, args) -> int:
    from session_assistant.services.diagnoses import default_icd10

    rows = [c.__dict__ for c in default_icd10().search(" ".join(args.text))]  # no vault needed
    _emit(ctx, args, rows, lambda: "\n".join(f"{r['code']:<8} {r['description']}" + ("" if r["billable"] else
                                                                                      "  (category)")
                                              for r in rows) or "No matching codes.")
    return 0


def _diagnoses_list(ctx, args) -> int:
    rows = ctx.practice().diagnoses.list(args.client)
    _emit(ctx, args, rows, lambda: "\n".join(
        f"{r['id']:>5}  {r['code']:<8} {r['description']}  onset {r['onset_date'] or '-'}"
        + (f"  resolved {r['resolved_date']}" if r["resolved_date"] else "") for r in rows) or "No diagnoses.")
    return 0


def _diagnoses_resolve(ctx, args) -> int:
    ctx.practice().diagnoses.resolve(args.id, args.date)
    _emit(ctx, args, {"id": args.id, "resolved_date": args.date}, f"Diagnosis {args.id} resolved.")
    return 0


# ---- treatment plans --------------------------------------------------------------------------
def _plans_add(ctx, args) -> int:
    if args.file:
        try:
            plan = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UserError("The plan file cannot be read as JSON.") from None
    else:
        if not args.problem or not args.goal:
            raise UserError("Give --problem and --goal (or the whole plan with --file).")
        plan = {"problems": [{"problem": args.problem, "goals": [{
            "goal": args.goal, "measure": args.measure, "target_date": args.target, "status": args.status,
            "objectives": [{"objective": o} for o in args.objective], "interventions": args.intervention}]}]}
    practice = ctx.practice()
    new_id = practice.plans.create(args.client, plan, args.review)
    row = practice.plans.get(new_id)
    _emit(ctx, args, row, f"Treatment plan {new_id} (version {row['version']}) saved as a draft.")
    return 0


def _plans_show(ctx, args) -> int:
    practice = ctx.practice()
    if args.id is not None:
        row = practice.plans.get(args.id)
    elif args.client is not None:
        row = practice.plans.latest(args.client)
        if row is None:
            raise UserError(f"Client {args.client} has no treatment plan.")
    else:
        raise UserError("Give a plan id or --client ID.")
    _emit(ctx, args, row, lambda: f"Plan {row['id']} version {row['version']} ({row['status']})\n{row['text']}")
    return 0


def _plans_sign(ctx, args) -> int:
    practice = ctx.practice()
    content_hash = practice.plans.sign(args.id, practice.profile.get().name)
    _emit(ctx, args, {"id": args.id, "status": "signed", "content_hash": content_hash}, f"Plan {args.id} signed.")
    return 0


def _plans_revise(ctx, args) -> int:
    new_id = ctx.practice().plans.new_version(args.client)
    _emit(ctx, args, {"id": new_id}, f"Draft plan {new_id} is ready to edit.")
    return 0


# ---- summaries --------------------------------------------------------------------------------
def _summary_out(summary: dict) -> dict:
    return {"id": summary["id"], "status": summary["status"], "text": summary["text"],
            "sources": [{"kind": s["kind"], "id": s["id"], "date": s["date"]} for s in summary["sources"]],
            "kind": summary["kind"], "client_id": summary["client_id"], "date_from": summary["date_from"],
            "date_to": summary["date_to"], "purpose": summary["purpose"], "statements": summary["statements"],
            "signed_at": summary["signed_at"], "content_hash": summary["content_hash"]}


def _show_summary(ctx, args, summary: dict) -> None:
    def text() -> str:
        head = f"Summary {summary['id']} ({summary['kind']}, {summary['status']})"
        if summary["date_from"]:
            head += f" {summary['date_from']} to {summary['date_to']}"
        return f"{head}\n\n{summary['text']}\n\nSources: {len(summary['sources'])} chart items."

    _emit(ctx, args, _summary_out(summary), text)


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def _summary_case(ctx, args) -> int:
    practice = ctx.practice()
    summary_id = practice.summaries.case_summary(args.client, _model(ctx, args.model), force=args.regenerate,
                                                 on_progress=_progress, purpose=args.purpose)
    _show_summary(ctx, args, practice.summaries.get(summary_id))
    return 0


def _summary_treatment(ctx, args) -> int:
    practice = ctx.practice()
    summary_id = practice.summaries.generate_treatment(args.client, args.date_from, args.date_to,
                                                       _model(ctx, args.model), purpose=args.purpose,
                                                       on_progress=_progress)
    _show_summary(ctx, args, practice.summaries.get(summary_id))
    return 0


def _summary_update(ctx, args) -> int:
    practice = ctx.practice()
    if bool(args.instruction) == (args.text is not None):
        raise UserError("Give either --instruction TEXT (the model refines the draft) or --text TEXT (your edit).")
    if args.text is not None:
        practice.summaries.update_text(args.id, sys.stdin.read() if args.text == "-" else args.text)
    else:
        practice.summaries._draft_row(args.id)  # a signed summary fails before the model loads
        practice.summaries.refine(args.id, args.instruction, _model(ctx, args.model))
    _show_summary(ctx, args, practice.summaries.get(args.id))
    return 0


def _summary_sign(ctx, args) -> int:
    practice = ctx.practice()
    practice.summaries.sign(args.id, practice.profile.get().name)
    _show_summary(ctx, args, practice.summaries.get(args.id))
    return 0


def _summary_delete(ctx, args) -> int:
    ctx.practice().summaries.delete(args.id)
    _emit(ctx, args, {"id": args.id, "deleted": True}, f"Summary {args.id} deleted.")
    return 0


def _summary_discard(ctx, args) -> int:
    ctx.practice().summaries.discard_draft(args.id)
    _emit(ctx, args, {"id": args.id, "discarded": True}, f"Draft summary {args.id} discarded.")
    return 0


def _summary_show(ctx, args) -> int:
    _show_summary(ctx, args, ctx.practice().summaries.get(args.id, audit_view=True))
    return 0


def _summary_list(ctx, args) -> int:
    rows = ctx.practice().summaries.list(args.client)
    _emit(ctx, args, [_summary_out(r) for r in rows], lambda: "\n".join(
        f"{r['id']:>5}  {r['kind']:<9} {r['status']:<6} {r['date_from'] or ''} {r['date_to'] or ''}" for r in rows)
        or "No summaries.")
    return 0


def _summary_digests(ctx, args) -> int:
    practice = ctx.practice()
    if args.client is not None:
        practice.clients.get(args.client)  # an unknown client fails before any work
    counts = practice.digests.backfill(rebuild=args.rebuild, on_progress=_progress)
    status = practice.digests.status()
    data = {**counts, "status": status}
    if args.client is not None:
        data["digests"] = practice.digests.client_digests(args.client)
    failed = f"; {counts['failed']} job(s) failed (see the log)" if counts["failed"] else ""
    _emit(ctx, args, data, f"Digests built: {counts['built']}{failed}. {status['digested']} of "
                           f"{status['signed_items']} signed items have a current digest.")
    return 1 if counts["failed"] else 0
