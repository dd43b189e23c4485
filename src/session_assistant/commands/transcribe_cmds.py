"""``session-assistant transcribe AUDIO_FILE``: transcribe a file, print it, write nothing.

Needs no vault: the transcript goes to stdout only. Bad input, no speech, or a missing or
unknown model give one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("transcribe", help="transcribe an audio file (prints the transcript; no vault needed)")
    p.add_argument("audio_file", type=Path, metavar="AUDIO_FILE")
    p.add_argument("--model", metavar="NAME", help="Whisper model id or folder in models/ (default: whisper-base)")
    p.add_argument("--language", metavar="CODE", help="language code such as en or de (default: detect)")
    p.add_argument("--speakers", type=int, default=2, metavar="N",
                   help="number of speakers to tell apart (default 2: clinician and client; 1 turns it off)")
    p.add_argument("--json", action="store_true", dest="cmd_json", help="machine-readable output")
    p.set_defaults(handler=_transcribe)


def _transcribe(ctx, args) -> int:
    from session_assistant.errors import UserError
    from session_assistant.transcribe.pipeline import transcribe_file

    if args.speakers < 1:
        raise UserError("--speakers must be 1 or more.")
    transcript = transcribe_file(args.audio_file, ctx.paths.models_dir, model=args.model,
                                 language=args.language, speakers=args.speakers)
    if args.cmd_json:
        ctx.as_json = True
    ctx.emit(transcript.public(), lambda: _as_text(transcript))
    return 0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:04.1f}"


def _as_text(transcript) -> str:
    lines = []
    naming = transcript.speaker_naming
    if naming and naming["method"] != "one speaker":
        how = {"conversation": "from what each voice says", "profile": "by the clinician's voice profile",
               "first voice": "by who spoke first (no words to judge)",
               "conversation (profile unclear)": "from what each voice says (the voice profile did not tell "
                                                 "the voices apart)",
               "conversation (profile did not match)": "from what each voice says (the voice profile did not "
                                                       "match these voices)",
               "profile (loose match)": "by the clinician's voice profile, which matched these voices only "
                                        "loosely"}.get(naming["method"], naming["method"])
        lines.append(f"(speakers named {how}; confidence {naming['confidence']:.0%})")
        if naming.get("check"):
            lines.append(f"({naming['check']})")
    for s in transcript.segments:
        who = f"{s.speaker}: " if s.speaker else ""
        lines.append(f"[{_clock(s.start)} - {_clock(s.end)}] {who}{s.text}")
    return "\n".join(lines)
