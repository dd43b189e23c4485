"""The transcript as the drafter reads it: numbered utterances whose ids the evidence cites.

Accepts what ``transcribe --json`` prints (``{"language", "duration_s", "segments": [{"id",
"start", "end", "speaker", "text"}]}``), plain text with one utterance a line as ``Speaker: words``,
and the evaluation sets' ``[doctor] words`` lines. Error messages never quote the transcript.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from session_assistant.errors import NotFound, UserError

_BRACKET_SPEAKER = re.compile(r"^\s*\[([A-Za-z][\w .'-]{0,30})\]\s*(.*)$")
_COLON_SPEAKER = re.compile(r"^\s*([A-Za-z][\w .'-]{0,30}):\s+(.*)$")


class TranscriptUnreadable(UserError):
    """The transcript is missing, empty or in no format the drafter knows."""


@dataclass(frozen=True)
class Utterance:
    """One transcript segment: ``id`` is what a draft sentence's evidence cites."""

    id: int
    speaker: str
    text: str

    def line(self) -> str:
        """The numbered line shown to the model: ``[id] Speaker: text``."""
        who = f"{self.speaker}: " if self.speaker else ""
        return f"[{self.id}] {who}{self.text}"


def _from_segments(segments: Iterable[Any]) -> list[Utterance]:
    found: list[Utterance] = []
    for position, seg in enumerate(segments):
        get = seg.get if isinstance(seg, dict) else (lambda k, s=seg: getattr(s, k, None))
        text = str(get("text") or "").strip()
        if not text:
            continue
        raw_id = get("id")
        try:
            seg_id = int(raw_id) if raw_id is not None else position
        except (TypeError, ValueError):
            seg_id = position
        found.append(Utterance(seg_id, str(get("speaker") or "").strip(), text))
    if len({u.id for u in found}) != len(found):  # duplicate ids would make evidence ambiguous
        found = [Utterance(i, u.speaker, u.text) for i, u in enumerate(found)]
    return found


def _speaker_name(raw: str) -> str:
    name = raw.strip()
    return name[:1].upper() + name[1:] if name else ""


def parse_lines(text: str) -> list[Utterance]:
    """Plain text, one utterance a line: ``Speaker: words`` or ``[speaker] words`` or bare words."""
    found: list[Utterance] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _BRACKET_SPEAKER.match(line) or _COLON_SPEAKER.match(line)
        speaker, words = (_speaker_name(match.group(1)), match.group(2).strip()) if match else ("", line.strip())
        if words:
            found.append(Utterance(len(found), speaker, words))
    return found


def parse_transcript(content: str | dict | Any) -> list[Utterance]:
    """Utterances from transcript JSON (text or dict), a Transcript object, or plain lines.

    Raises:
        TranscriptUnreadable: when nothing usable is in it.
    """
    if isinstance(content, dict):
        segments = content.get("segments")
        if not isinstance(segments, list):
            raise TranscriptUnreadable("The transcript JSON has no 'segments' list.")
        found = _from_segments(segments)
    elif hasattr(content, "segments"):
        found = _from_segments(content.segments)
    else:
        stripped = str(content).lstrip()
        if stripped.startswith("{"):
            try:
                data = json.loads(stripped)
            except ValueError:
                raise TranscriptUnreadable("The transcript looks like JSON but does not parse.") from None
            return parse_transcript(data)
        found = parse_lines(str(content))
    if not found:
        raise TranscriptUnreadable("The transcript is empty: there is nothing to draft from.")
    return found


def require_words(utterances: list[Utterance]) -> list[Utterance]:
    """The utterances, unless not one of them holds a word (a letter in any script).

    A transcript of only numbers or punctuation (``[1,2,3]``, segments reading "3" or "...") is
    refused like an empty one: a model given nothing to draft from would invent a whole note.
    A single wordless utterance among real ones stays (a bare "7" can answer "how many hours?").

    Raises:
        TranscriptUnreadable: when no utterance holds a letter.
    """
    if not any(ch.isalpha() for u in utterances for ch in u.text):
        raise TranscriptUnreadable("The transcript holds no words (only numbers or punctuation): "
                                   "there is nothing to draft from.")
    return utterances


def load_transcript(path: Path) -> list[Utterance]:
    """Read a transcript file (JSON or text). Messages name the problem, never the content."""
    path = Path(path)
    if not path.is_file():
        raise NotFound("Transcript file not found.")
    try:
        raw = path.read_bytes()
    except OSError:
        raise TranscriptUnreadable("The transcript file could not be read.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TranscriptUnreadable("The transcript is not UTF-8 text or JSON.") from None
    if "\x00" in text:
        raise TranscriptUnreadable("The transcript is a binary file, not text or JSON.")
    return parse_transcript(text)


def source_block(utterances: Iterable[Utterance], heading: str = "Transcript") -> str:
    """The transcript as the model reads it: one numbered line per utterance under ``heading``. Every
    request over a transcript uses it, so llama.cpp's cache holds the same prefix for all of them."""
    return f"{heading} (line number, speaker, words):\n" + "\n".join(u.line() for u in utterances)
