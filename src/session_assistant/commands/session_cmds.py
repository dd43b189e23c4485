"""Session commands over the vault: transcribe a sealed recording, draft the summary, show both.

    session-assistant sessions transcribe RECORDING_ID [--language CODE]
    session-assistant sessions draft APPOINTMENT_ID [--format soap|dap|birp|girp] [--model NAME]
    session-assistant sessions resume APPOINTMENT_ID [--format soap|dap|birp|girp]
    session-assistant sessions transcript APPOINTMENT_ID
    session-assistant sessions summary APPOINTMENT_ID
    session-assistant sessions speakers swap ID
    session-assistant sessions speakers set ID SEGMENT clinician|client|"client 2"...
    session-assistant sessions speakers count ID N
(ID: the appointment id, or the id of the recording the transcript came from)
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    sessions = sub.add_parser("sessions", help="transcripts and AI session summaries of appointments")
    actions = sessions.add_subparsers(dest="sessions_action", metavar="ACTION", required=True)
    transcribe = actions.add_parser("transcribe", help="transcribe a sealed recording into the vault (resumable)")
    transcribe.add_argument("recording_id")
    transcribe.add_argument("--language", default=None, metavar="CODE")
    transcribe.add_argument("--model", default=None, metavar="NAME", help="a Whisper model in models/")
    transcribe.add_argument("--speakers", type=int, default=2, metavar="N",
                            help="voices to tell apart (default 2; 3+ for a couple or family: the clinician, "
                                 "Client, Client 2, ...); a call is named by its channels")
    transcribe.set_defaults(handler=_transcribe)
    draft = actions.add_parser("draft", help="draft the AI session summary from the stored transcript")
    draft.add_argument("appointment_id", type=int)
    draft.add_argument("--format", default="soap", metavar="FORMAT", help="soap (default), dap, birp or girp")
    draft.add_argument("--model", default=None, metavar="NAME", help="a GGUF note model in models/")
    draft.set_defaults(handler=_draft)
    resume = actions.add_parser("resume", help="finish a session a crash interrupted (recording, transcription "
                                               "or drafting); finished work is kept")
    resume.add_argument("appointment_id", type=int)
    resume.add_argument("--format", default="soap", metavar="FORMAT", help="soap (default), dap, birp or girp")
    resume.add_argument("--model", default=None, metavar="NAME", help="a GGUF note model in models/")
    resume.set_defaults(handler=_resume)
    show = actions.add_parser("transcript", help="the stored transcript of an appointment")
    show.add_argument("appointment_id", type=int)
    show.set_defaults(handler=_transcript)
    summary = actions.add_parser("summary", help="the newest AI session summary of an appointment")
    summary.add_argument("appointment_id", type=int)
    summary.set_defaults(handler=_summary)
    speakers = actions.add_parser("speakers", help="correct who said it: swap clinician and client, or one line")
    speaker_actions = speakers.add_subparsers(dest="speakers_action", metavar="ACTION", required=True)
    swap = speaker_actions.add_parser("swap", help="swap Clinician and Client on every line of the transcript")
    swap.add_argument("session", metavar="ID", help="appointment id or recording id")
    swap.set_defaults(handler=_speakers_swap)
    reassign = speaker_actions.add_parser("set", help="name the speaker of one transcript line")
    reassign.add_argument("session", metavar="ID", help="appointment id or recording id")
    reassign.add_argument("segment", type=int, metavar="SEGMENT", help="the line number shown by 'transcript'")
    reassign.add_argument("speaker", metavar="SPEAKER", help="clinician, client, or 'client 2' ... with more voices")
    reassign.set_defaults(handler=_speakers_set)
    count = speaker_actions.add_parser("count", help="cluster the voices again into N (from the stored voice "
                                                     "prints, or the audio while it exists); no re-transcription")
    count.add_argument("session", type=int, metavar="APPOINTMENT_ID")
    count.add_argument("voices", type=int, metavar="N")
    count.set_defaults(handler=_speakers_count)


def _progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r[{fraction * 100:3.0f}%] {message.split(':')[0]:<40}", end="", file=sys.stderr, flush=True)


def _transcribe(ctx, args) -> int:
    practice = ctx.practice()
    practice.sessions.whisper_model = args.model
    if args.speakers < 1:
        from session_assistant.errors import UserError

        raise UserError("--speakers must be 1 or more.")
    result = practice.sessions.transcribe_recording(args.recording_id, language=args.language, speakers=args.speakers,
                                                    on_progress=_progress)
    recording = practice.recordings.get(args.recording_id)
    transcript = practice.sessions.transcript(recording["appointment_id"])
    data = {"appointment_id": recording["appointment_id"], **result, **transcript.public()}
    ctx.emit(data, lambda: _transcript_text(transcript))
    return 0


def _draft(ctx, args) -> int:
    practice = ctx.practice()
    practice.sessions.note_model = args.model
    result = practice.sessions.draft_session(args.appointment_id, args.format, on_progress=_progress)
    draft = practice.sessions.latest_draft(args.appointment_id)
    ctx.emit({**result, **draft["draft"]}, lambda: _draft_text(draft))
    return 0


def _resume(ctx, args) -> int:
    from session_assistant.errors import NotFound
    from session_assistant.services.live_session import resume_session

    practice = ctx.practice()
    practice.sessions.note_model = args.model
    if practice.sessions.interrupted_job(args.appointment_id) is None:
        raise NotFound(f"Appointment {args.appointment_id} has no interrupted session to resume.")
    result = resume_session(practice.sessions, args.appointment_id, args.format, on_progress=_progress)
    draft = practice.sessions.latest_draft(args.appointment_id)
    ctx.emit({**result, **draft["draft"]}, lambda: _draft_text(draft))
    return 0


def _transcript(ctx, args) -> int:
    from session_assistant.errors import NotFound

    transcript = ctx.practice().sessions.view_transcript(args.appointment_id)
    if transcript is None:
        raise NotFound(f"Appointment {args.appointment_id} has no transcript.")
    ctx.emit(transcript.public(), lambda: _transcript_text(transcript))
    return 0


def _summary(ctx, args) -> int:
    from session_assistant.errors import NotFound

    draft = ctx.practice().sessions.latest_draft(args.appointment_id)
    if draft is None:
        raise NotFound(f"Appointment {args.appointment_id} has no AI session summary yet.")
    ctx.emit(draft["draft"], lambda: _draft_text(draft))
    return 0


def _speakers_swap(ctx, args) -> int:
    change = ctx.practice().speaker_labels.swap_speakers(args.session)
    ctx.emit(change.to_dict(), lambda: _change_text(change, "Clinician and Client swapped"))
    return 0


def _speakers_set(ctx, args) -> int:
    change = ctx.practice().speaker_labels.reassign_segment(args.session, args.segment, args.speaker)
    ctx.emit(change.to_dict(), lambda: _change_text(change, f"Line {args.segment} is now the {args.speaker}'s"))
    return 0


def _speakers_count(ctx, args) -> int:
    change = ctx.practice().voice_count.set_voice_count(args.session, args.voices)
    ctx.emit(change.to_dict(), lambda: _change_text(change, f"Voices counted again as {args.voices}"))
    return 0


def _change_text(change, done: str) -> str:
    if not change.changed:
        return "Nothing changed: the speakers were already named that way."
    text = f"{done} ({len(change.changed)} line(s))."
    if change.affected_sections:
        names = ", ".join(key.capitalize() for key in change.affected_sections)
        text += (f"\nThe draft's {names} cite(s) a changed line: redraft with "
                 f"'session-assistant sessions draft {change.appointment_id}' after review.")
    return text


def _transcript_text(transcript) -> str:
    return "\n".join(f"[{s.start:7.1f}] {s.speaker or '?'}: {s.text}" for s in transcript.segments)


def _draft_text(draft: dict) -> str:
    from session_assistant.drafting.draft_result import Draft

    body = Draft.from_json(draft["draft"])
    lines = [f"AI session summary ({draft['format'].upper()}, model {draft['model']}) - a draft for review:", "",
             body.as_text()]
    if body.risk:
        lines += ["", "RISK LANGUAGE IN THE TRANSCRIPT (clinician to review):"]
        lines += [f"- {r.category} (segment {r.segment_id}): {r.phrase}" for r in body.risk]
    return "\n".join(lines)
