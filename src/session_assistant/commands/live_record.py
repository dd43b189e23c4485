"""Recording from the command line with live transcription: shared by ``record`` and ``record --call``
(each with its own inputs), so neither command module imports the other."""

from __future__ import annotations

import signal
import sys
import threading
import time


def recording_service(ctx, sweep: bool = True):
    service = ctx.practice().recordings
    if sweep:
        for line in sweep_warnings(service.sweep().to_json()):
            print(f"warning: {line}", file=sys.stderr)
    return service


def sweep_warnings(report: dict) -> list[str]:
    """What a sweep found that the clinician must hear about now (ids only, no PHI)."""
    lines = []
    if report["in_doubt"]:
        lines.append("the vault is in doubt: no recording was shredded or cleaned up.")
    if report["shredded_untranscribed"]:
        lines.append(f"audio shredded at the 24-hour limit before its transcript was stored: "
                     f"{', '.join(report['shredded_untranscribed'])} (see: recordings notices).")
    if report["folder_unavailable"]:
        lines.append("the recordings folder is missing (a detached drive?); nothing was cleaned up. "
                     "Bring it back: recordings are still shredded at their deadlines.")
    if report["missing"]:
        lines.append(f"audio file missing, kept track of until its deadline: {', '.join(report['missing'])}.")
    for item in report["untranscribed"]:
        if item["transcribe_now"]:
            lines.append(f"recording {item['id']} is not transcribed and its audio is shredded at {item['due_at']} "
                         f"either way: sessions transcribe {item['id']}")
    return lines


# How long "Recording" waits for the device's first block before saying it has heard nothing yet.
AUDIO_START_TIMEOUT_S = 5.0


def record_live(ctx, args, device, sd, rate, channels, max_seconds, consent, call=None, what: str = "") -> int:
    # Imported here, not at the top: the live session brings numpy and the engines, and every CLI
    # command's start-up imports this module through recording_cmds.
    from session_assistant.audio import devices
    from session_assistant.services import live_session

    sessions = ctx.practice().sessions
    if sessions.interrupted_job(args.appointment) is not None:  # a crash left one: offer to finish it
        print(f"warning: appointment {args.appointment} has an interrupted session; finish it with: "
              f"sessions resume {args.appointment}", file=sys.stderr, flush=True)

    def wait(active) -> None:
        source = what or f"from {device.name!r} ({rate} Hz, {channels} ch)"
        announce_when_audio_flows(active.recorder, f"Recording {active.id} {source} with live transcription; "
                                                   "Ctrl-C stops.")
        wait_until_stopped(active.recorder)

    sessions.note_model = args.note_model
    if args.window_seconds is not None:
        from session_assistant.transcribe.live import LiveSettings

        # The product's windows are 25-40 s: the same proportion, at the length asked for.
        sessions.live_settings = LiveSettings(min_window_s=args.window_seconds, max_window_s=args.window_seconds * 1.6)
    result = live_session.record_live(sessions, args.appointment, devices.portaudio_stream_factory(device, sd), rate,
                                      channels, wait=wait, language=args.language, max_seconds=max_seconds,
                                      draft_format=args.draft, speakers=args.speakers, call=call, **consent)
    transcript = sessions.transcript(args.appointment)
    data = {**result["recording"], "transcript_id": result["transcript_id"], "transcript": transcript.public()}
    text = record_text({**result["recording"], "transcript_stored": True})
    text += f"\nTranscript stored ({len(transcript.segments)} segments): sessions transcript {args.appointment}"
    if args.draft:
        started = time.monotonic()
        drafted = sessions.draft_session(args.appointment, args.draft)
        stop_to_draft = round(result["stop_to_transcript_s"] + time.monotonic() - started, 1)
        data.update(draft_id=drafted["draft_id"], stop_to_draft_s=stop_to_draft)
        text += f"\nDraft {drafted['draft_id']} ready {stop_to_draft} s after Stop: sessions summary {args.appointment}"
    ctx.emit(data, lambda: text)
    return 0


def announce_when_audio_flows(recorder, message: str) -> None:
    """Print ``message`` once the device delivers audio, so nobody speaks into the start-up gap."""
    if not recorder.wait_for_audio(AUDIO_START_TIMEOUT_S):
        print(f"warning: no audio from the device after {AUDIO_START_TIMEOUT_S:.0f} s; still waiting.",
              file=sys.stderr, flush=True)
    print(message, file=sys.stderr, flush=True)


def wait_until_stopped(recorder) -> None:
    """Until the cap/--seconds is reached, Ctrl-C, or SIGTERM; shows a meter on a terminal."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set()) if main_thread_now() else None
    shown_warning = None
    try:
        while not recorder.finished and not stop.wait(0.2):
            kind = recorder.warning_kind
            if kind and kind != shown_warning:
                print(f"\nwarning: {recorder.warning}", file=sys.stderr, flush=True)
            shown_warning = kind
            if sys.stderr.isatty():
                level = recorder.level
                bar = "#" * max(0, int((level.rms_dbfs + 60) / 2))
                print(f"\r{recorder.elapsed_s:7.1f} s  {level.peak_dbfs:6.1f} dBFS peak  {bar:<30}",
                      end="", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if sys.stderr.isatty():
            print(file=sys.stderr)


def main_thread_now() -> bool:
    return threading.current_thread() is threading.main_thread()


def record_text(summary: dict) -> str:
    shred = f"Audio shredded at {summary['shred_due_at']}, transcribed or not"
    if not summary.get("transcript_stored"):
        shred += f"; transcribe it before: sessions transcribe {summary['id']}"
    lines = [f"Recording {summary['id']}: {summary['state']}, {summary['duration_s']:.1f} s.", shred + "."]
    if summary.get("overruns"):
        lines.append(f"Overruns: {summary['overruns']} (audio blocks lost: {summary['dropped_blocks']}, "
                     f"device overflows: {summary['input_overflows']}).")
    for warning in summary.get("warnings", []):
        lines.append(f"Warning during recording: input was {warning} for several seconds.")
    return "\n".join(lines)
