#!/usr/bin/env python3
"""How often ``told_by_clinician`` flags a sentence made from the session's own lines (no model):

- every client line of six words or more, told as "The client reported that <line>" and citing it:
  the client's own words, which must never be flagged;
- every clinician statement right after a client line that shares three or more content words with
  it (a reflection), told the same way: mostly the client's account said back, so a flag here is a
  reflection read as the clinician's words (or the clinician's own remark added to it).

    PYTHONPATH=$PWD/src .venv/bin/python bench/told_by_clinician_lines.py    # sessions 01-88, ~10 s
"""
import sys
from pathlib import Path

from session_assistant.drafting import load_transcript
from session_assistant.drafting.grounding import SourceIndex, content_words
from session_assistant.drafting.risk import is_clinician
from session_assistant.drafting.told_by_clinician import told_by_clinician

SESSIONS = Path(__file__).resolve().parent / "therapy_eval" / "sessions"


def main() -> None:
    own = [0, 0]
    said_back = [0, 0]
    for path in sorted(SESSIONS.glob("[0-8][0-9]_*.txt")):
        lines = load_transcript(path)
        if not lines or not lines[0].speaker:
            continue
        source = SourceIndex(lines)
        for before, line in zip([None, *lines], lines):
            text = "The client reported that " + line.text.replace('"', "")
            if not is_clinician(line.speaker) and len(line.text.split()) >= 6:
                own[0] += 1
                own[1] += bool(told_by_clinician(text, source, [line.id]))
            elif (before is not None and is_clinician(line.speaker) and not is_clinician(before.speaker)
                  and not line.text.rstrip().endswith("?")
                  and len(content_words(before.text) & content_words(line.text)) >= 3):
                said_back[0] += 1
                flags = told_by_clinician(text, source, [line.id])
                said_back[1] += bool(flags)
                if flags:
                    print(f"{path.stem} {line.id} {flags}: {line.text[:110]}")
    print(f"client lines flagged: {own[1]} of {own[0]}; clinician reflections flagged: {said_back[1]} of {said_back[0]}")


if __name__ == "__main__":
    sys.exit(main())
