"""Recording commands: ``record``, ``recordings import|list|play|salvage|devices|log`` and ``shred``.

Every command that opens the vault first runs the retention sweep (recover crashed recordings,
shred what is due, remove orphans), as the app does at start-up. Bad input (no such device, no
consent, PortAudio missing, unreadable or empty audio, a full disk) is one clear line on stderr
and leaves the vault and the recordings folder as they were.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from session_assistant.commands.live_record import (announce_when_audio_flows, record_live, record_text,
                                                    recording_service, sweep_warnings, wait_until_stopped)
from session_assistant.errors import UserError


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", dest="cmd_json", help="machine-readable output")


def _consent_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--consent", choices=("given", "declined"),
                        help="the client's answer, asked now (default: use the consent stored in the chart)")
    parser.add_argument("--this-session-only", action="store_true",
                        help="with --consent given: do not store it in the chart (they will be asked again)")


def register(sub: argparse._SubParsersAction) -> None:
    rec = sub.add_parser("record", help="record a session from an input device into a sealed (encrypted) file")
    rec.add_argument("--appointment", type=int, required=True, metavar="ID")
    rec.add_argument("--device", metavar="NAME|INDEX", help="input device (default: the system default input)")
    rec.add_argument("--seconds", type=float, metavar="N", help="stop after N seconds (default: until Ctrl-C)")
    rec.add_argument("--max-minutes", type=float, default=180, metavar="M", help="hard cap on length (default 180)")
    rec.add_argument("--transcribe", action="store_true",
                     help="transcribe live while recording and store the transcript in the vault at Stop")
    rec.add_argument("--language", default=None, metavar="CODE", help="with --transcribe: fixed language (default auto)")
    rec.add_argument("--window-seconds", type=float, default=None, metavar="N",
                     help="with --transcribe: transcribe the speech in windows of N seconds or a little more "
                          "(5 to 60, default 25): shorter shows text sooner, at more Whisper runs")
    rec.add_argument("--draft", default=None, metavar="FORMAT", choices=("soap", "dap", "birp", "girp"),
                     help="with --transcribe: draft the note during the session and right after Stop")
    rec.add_argument("--note-model", default=None, metavar="NAME", help="with --draft: a GGUF note model in models/")
    rec.add_argument("--speakers", type=int, default=2, metavar="N",
                     help="with --transcribe: voices to tell apart (default 2; 3+ for a couple or family: "
                          "the clinician, Client, Client 2, ...)")
    rec.add_argument("--call", action="store_true",
                     help="a telehealth call: record --mic (you) and --call-audio (the client, a monitor or "
                          "loopback input) as two channels; each is named by its channel")
    rec.add_argument("--mic", metavar="NAME|INDEX", help="with --call: your microphone (default: --device, or the "
                                                         "default input)")
    rec.add_argument("--call-audio", metavar="NAME|INDEX",
                     help="with --call: the input carrying the call's sound (see README: Telehealth calls)")
    _consent_flags(rec)
    _json_flag(rec)
    rec.set_defaults(handler=_record)

    recs = sub.add_parser("recordings", help="session recordings: import, list, play, devices, shred log")
    actions = recs.add_subparsers(dest="recordings_action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="seal an existing audio file (wav, flac, mp3, m4a, ogg); prints its id")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--appointment", type=int, required=True, metavar="ID")
    _consent_flags(imp)
    _json_flag(imp)
    imp.set_defaults(handler=_import)
    lst = actions.add_parser("list", help="recordings with state, end time and shred due time")
    lst.add_argument("--appointment", type=int, metavar="ID")
    _json_flag(lst)
    lst.set_defaults(handler=_list)
    play = actions.add_parser("play", help="decrypt to a 16 kHz WAV file (or - for stdout); a call in stereo")
    play.add_argument("id", metavar="ID")
    play.add_argument("--out", required=True, metavar="FILE|-")
    play.add_argument("--force", action="store_true", help="replace FILE if it exists")
    play.set_defaults(handler=_play)
    salvage = actions.add_parser("salvage", help="save the intact parts of a damaged recording as a WAV file "
                                                 "(damaged seconds become silence)")
    salvage.add_argument("id", metavar="ID")
    salvage.add_argument("--out", required=True, type=Path, metavar="FILE",
                         help="a new file outside the vault folder (never overwritten)")
    _json_flag(salvage)
    salvage.set_defaults(handler=_salvage)
    dev = actions.add_parser("devices", help="input devices PortAudio offers (microphones, monitors, loopbacks)")
    _json_flag(dev)
    dev.set_defaults(handler=_devices)
    log = actions.add_parser("log", help="the shred log: what was shredded, when and why")
    _json_flag(log)
    log.set_defaults(handler=_shred_log)
    notes = actions.add_parser("notices", help="what the sweep had to tell you: audio shredded untranscribed, "
                                               "audio files missing")
    notes.add_argument("--dismiss", type=int, metavar="ID", help="mark this notice as read")
    notes.add_argument("--all", action="store_true", help="include notices already dismissed")
    _json_flag(notes)
    notes.set_defaults(handler=_notices)

    shred = sub.add_parser("shred", help="crypto-shred recordings: those due (--due) or one now (--id)")
    which = shred.add_mutually_exclusive_group(required=True)
    which.add_argument("--due", action="store_true", help="run the retention sweep now")
    which.add_argument("--id", metavar="ID", help="shred this recording now")
    shred.add_argument("--force", action="store_true", help="confirm shredding audio whose transcript is not stored")
    _json_flag(shred)
    shred.set_defaults(handler=_shred)


def _as_json(ctx, args) -> None:
    if getattr(args, "cmd_json", False):
        ctx.as_json = True


def _consent_args(args) -> dict:
    if args.this_session_only and args.consent != "given":
        raise UserError("--this-session-only goes with --consent given.")
    return {"consent_now": args.consent, "store_consent": not args.this_session_only}


# -- record ----------------------------------------------------------------------------------------
def _record(ctx, args) -> int:
    from session_assistant.audio import devices

    _as_json(ctx, args)
    consent = _consent_args(args)
    if args.seconds is not None and args.seconds <= 0:
        raise UserError("--seconds must be more than 0.")
    cap = args.max_minutes * 60
    if not 0 < cap <= 3 * 3600:
        raise UserError("--max-minutes must be between 0 and 180.")
    if args.speakers < 1:
        raise UserError("--speakers must be 1 or more.")
    if args.draft and not args.transcribe:
        raise UserError("--draft needs --transcribe (the note is drafted from the live transcript).")
    if args.window_seconds is not None and not (args.transcribe and 5 <= args.window_seconds <= 60):
        raise UserError("--window-seconds goes with --transcribe and must be between 5 and 60.")
    # The devices are checked before the vault is opened: a bad device changes nothing at all.
    sd = devices.load_sounddevice()
    if args.call:
        from session_assistant.commands.call_record import record_call

        return record_call(ctx, args, sd, min(cap, args.seconds or cap), consent)
    if args.mic or args.call_audio:
        raise UserError("--mic and --call-audio go with --call (use --device for one input).")
    device = devices.resolve_device(args.device, sd)
    rate, channels = devices.choose_settings(device, sd)
    service = recording_service(ctx)
    if args.transcribe:
        return record_live(ctx, args, device, sd, rate, channels, min(cap, args.seconds or cap), consent)
    active = service.start(args.appointment, devices.portaudio_stream_factory(device, sd), rate, channels,
                           max_seconds=min(cap, args.seconds or cap), **consent)
    announce_when_audio_flows(active.recorder,
                              f"Recording {active.id} from {device.name!r} ({rate} Hz, {channels} ch); Ctrl-C stops.")
    wait_until_stopped(active.recorder)
    summary = service.finish(active)
    ctx.emit(summary, lambda: record_text(summary))
    return 0


# -- recordings ------------------------------------------------------------------------------------
def _import(ctx, args) -> int:
    from session_assistant.audio.importer import probe_duration_s

    _as_json(ctx, args)
    consent = _consent_args(args)
    probe_duration_s(args.file)  # bad files fail before the vault is opened
    service = recording_service(ctx)
    rec_id = service.import_file(args.appointment, args.file, **consent)
    ctx.emit({"id": rec_id}, rec_id)
    if not ctx.as_json:  # stdout stays the bare id for scripts; the deadline goes to stderr
        print(f"Transcribe it before {service.get(rec_id)['shred_due_at']}, when its audio is shredded either way: "
              f"sessions transcribe {rec_id}", file=sys.stderr)
    return 0


def _list(ctx, args) -> int:
    _as_json(ctx, args)
    service = recording_service(ctx)
    rows = service.list(appointment_id=args.appointment)
    sessions = ctx.practice().sessions
    resumable = sorted({r["appointment_id"] for r in rows if r["state"] in ("complete", "interrupted")
                        and not r["transcript_stored"] and sessions.interrupted_job(r["appointment_id"])})

    def text() -> str:
        if not rows:
            return "No recordings."
        lines = [f"{'ID':<32}  {'APPT':>5}  {'STATE':<22}  {'ENDED':<25}  SHRED DUE"]
        for r in rows:
            state = f"interrupted at {r['interrupted_at']}" if r.get("interrupted_at") else r["state"]
            if r["state"] == "shredded" and r["shredded_at"]:
                due = f"shredded {r['shredded_at']}"
            else:
                due = r["shred_due_at"] or "-"
                if r["state"] in ("complete", "interrupted") and not r["transcript_stored"]:
                    due += ", NOT TRANSCRIBED (shredded then regardless)"
                if r["missing_since"]:
                    due += f", file missing since {r['missing_since']}"
            lines.append(f"{r['id']:<32}  {r['appointment_id']:>5}  {state:<22}  {r['ended_at'] or '-':<25}  {due}")
        for appointment_id in resumable:  # a crash interrupted these sessions: offer to finish them
            lines.append(f"Appointment {appointment_id}: interrupted session, finish it with: "
                         f"sessions resume {appointment_id}")
        open_notices = service.notices()
        if open_notices:
            lines.append(f"\n{len(open_notices)} notice(s): recordings notices")
        return "\n".join(lines)

    ctx.emit(rows, text)
    return 0


def _play(ctx, args) -> int:
    import numpy as np

    from session_assistant.audio.sealed import write_wav
    from session_assistant.output_files import StagedOutput, checked_output

    target = None if args.out == "-" else Path(args.out)
    if target is not None:  # before unlocking; decrypted audio never goes into the vault folder
        checked_output(target, ctx.paths.vault_dir, force=args.force)
    from session_assistant.audio.sealed import RecordingDamaged

    try:
        reader = recording_service(ctx).open_reader(args.id, purpose="export to WAV")
        # A call keeps its two channels (left: the microphone, right: the call's audio).
        pcm = np.concatenate(list(reader.channel_blocks())) if reader.channels == 2 else reader.read_pcm16()
    except RecordingDamaged as error:
        raise RecordingDamaged(f"{error} The intact parts can be saved with: "
                               f"recordings salvage {args.id} --out FILE") from None
    info = reader.info()
    if target is None:
        write_wav(pcm, info.sample_rate, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with StagedOutput(target, ctx.paths.vault_dir, force=args.force) as staged:
            write_wav(pcm, info.sample_rate, staged.handle)
        layout = "16 kHz mono" if pcm.ndim == 1 else "16 kHz stereo: left the microphone, right the call"
        print(f"Wrote {target} ({info.describe()}, {layout}). It is NOT encrypted: delete it when done.",
              file=sys.stderr)
    return 0


def _salvage(ctx, args) -> int:
    from session_assistant.audio.sealed import write_wav

    _as_json(ctx, args)
    from session_assistant.output_files import StagedOutput, checked_output

    target = checked_output(args.out, ctx.paths.vault_dir)  # never over a file, never into the vault folder
    result = recording_service(ctx, sweep=False).salvage(args.id)  # no sweep: nothing is shredded on the way
    with StagedOutput(target, ctx.paths.vault_dir) as staged:
        write_wav(result.pcm16, result.sample_rate, staged.handle)
    data = {"id": args.id, "damaged": result.damaged, "intact_chunks": result.intact_chunks,
            "lost_chunks": result.lost_chunks, "lost_spans_s": [list(span) for span in result.lost_spans],
            "end_marker": result.end_marker, "duration_s": round(result.pcm16.size / result.sample_rate, 3)}
    verdict = "The recording is DAMAGED; this is not the complete recording." if result.damaged else \
        "Every chunk authenticated; nothing was lost."
    ctx.emit(data, lambda: f"{verdict}\n{result.describe()}.\n"
                           "The WAV file is NOT encrypted: delete it when done.")
    return 0


def _devices(ctx, args) -> int:
    from session_assistant.audio import devices

    _as_json(ctx, args)
    found = devices.list_input_devices()
    rows = [d.to_json() for d in found]

    def text() -> str:
        if not found:
            return "No input devices found."
        return "\n".join(f"{'*' if d.is_default else ' '} {d.index:>3}  {d.name}  [{d.host_api}]  "
                         f"{d.max_input_channels} ch, {d.default_samplerate:.0f} Hz" for d in found)

    ctx.emit(rows, text)
    return 0


def _shred_log(ctx, args) -> int:
    _as_json(ctx, args)
    entries = recording_service(ctx, sweep=False).shred_log()
    ctx.emit(entries, lambda: "\n".join(
        f"{e['shredded_at']}  {e['recording_id']}  appointment {e['appointment_id']}  {e['reason']}"
        for e in entries) or "Nothing has been shredded.")
    return 0


def _shred(ctx, args) -> int:
    _as_json(ctx, args)
    service = recording_service(ctx, sweep=False)
    if args.id:
        service.shred(args.id, force=args.force)
        ctx.emit({"shredded": [args.id]}, f"Shredded {args.id}.")
        return 0
    report = service.sweep().to_json()

    def text() -> str:
        lines = [f"Shredded: {', '.join(report['shredded'] + report['shredded_untranscribed']) or 'none due'}."]
        lines += [f"Warning: {line}" for line in sweep_warnings(report)]
        waiting = [u for u in report["untranscribed"] if not u["transcribe_now"]]
        if waiting:
            lines.append("Not transcribed yet (shredded at the time shown, transcribed or not): "
                         + ", ".join(f"{u['id']} at {u['due_at']}" for u in waiting) + ".")
        if report["recovered"]:
            lines.append(f"Recovered as interrupted: {', '.join(report['recovered'])}.")
        if report["orphans"]:
            lines.append(f"Orphans removed: {', '.join(report['orphans'])}.")
        return "\n".join(lines)

    ctx.emit(report, text)
    return 0


def _notices(ctx, args) -> int:
    _as_json(ctx, args)
    service = recording_service(ctx)
    if args.dismiss is not None:
        service.dismiss_notice(args.dismiss)
        ctx.emit({"dismissed": args.dismiss}, f"Notice {args.dismiss} dismissed.")
        return 0
    rows = service.notices(include_dismissed=args.all)
    def line(notice: dict) -> str:
        dismissed = f"  (dismissed {notice['dismissed_at']})" if notice["dismissed_at"] else ""
        return f"{notice['id']:>4}  {notice['created_at']}  {notice['message']}{dismissed}"

    ctx.emit(rows, lambda: "\n".join(line(n) for n in rows) or "No notices.")
    return 0
