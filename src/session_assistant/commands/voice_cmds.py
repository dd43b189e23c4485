"""The clinician's voice profile from the command line (biometric data: kept in the vault only).

    session-assistant profile voice record [--seconds 30] [--device NAME|INDEX]
    session-assistant profile voice import FILE
    session-assistant profile voice show
    session-assistant profile voice delete
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from session_assistant.errors import UserError


def register_under(profile_actions: argparse._SubParsersAction) -> None:
    voice = profile_actions.add_parser("voice", help="your voice profile, to name you in sessions (biometric data)")
    va = voice.add_subparsers(dest="voice_action", metavar="ACTION", required=True)
    record = va.add_parser("record", help="read the passage shown aloud; the print is made from it")
    record.add_argument("--seconds", type=float, default=30.0)
    record.add_argument("--device", default=None, metavar="NAME|INDEX", help="input device (default: the system's)")
    record.set_defaults(handler=_record)
    imp = va.add_parser("import", help="make the profile from a recording of you reading (any audio format)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)
    va.add_parser("show", help="whether a profile exists and when it was made (never the print)").set_defaults(handler=_show)
    va.add_parser("delete", help="delete the voice profile").set_defaults(handler=_delete)


def _created(ctx, info) -> None:
    from session_assistant.services.voice_profile import BIOMETRIC_NOTICE

    ctx.emit({"voice_profile": info.public()},
             f"Voice profile saved ({info.speech_s:.0f} s of speech). {BIOMETRIC_NOTICE}")


def _record(ctx, args) -> int:
    from session_assistant.audio import devices
    from session_assistant.audio.snippet import capture_to_memory
    from session_assistant.transcribe.voice_profile import PASSAGE

    if not 10 <= args.seconds <= 120:
        raise UserError("--seconds must be between 10 and 120.")
    sd = devices.load_sounddevice()
    device = devices.resolve_device(args.device, sd)
    rate, channels = devices.choose_settings(device, sd)
    practice = ctx.practice()
    print(f"Recording {args.seconds:.0f} s from {device.name!r}. Read aloud, at your usual pace:\n\n{PASSAGE}\n",
          file=sys.stderr, flush=True)
    audio = capture_to_memory(devices.portaudio_stream_factory(device, sd), rate, channels, args.seconds)
    _created(ctx, practice.voice_profile.create(audio, "recorded"))
    return 0


def _import(ctx, args) -> int:
    from session_assistant.transcribe.audio_input import load_audio

    audio = load_audio(args.file)  # checked before the vault is opened
    _created(ctx, ctx.practice().voice_profile.create(audio, "imported"))
    return 0


def _show(ctx, args) -> int:
    info = ctx.practice().voice_profile.info()
    if info is None:
        ctx.emit({"voice_profile": None}, "No voice profile. Sessions name the clinician from the conversation.")
    else:
        outdated = ctx.practice().voice_profile.outdated()
        ctx.emit({"voice_profile": info.public()},
                 f"Voice profile made {info.created_at} ({info.source}, {info.speech_s:.0f} s of speech, "
                 f"{info.model}). " + ("It was made with an earlier speaker model and is not used: read the "
                                       "passage again (profile voice record)." if outdated
                                       else "Sessions name you by your voice."))
    return 0


def _delete(ctx, args) -> int:
    deleted = ctx.practice().voice_profile.delete()
    ctx.emit({"deleted": deleted}, "Voice profile deleted." if deleted else "There was no voice profile.")
    return 0
