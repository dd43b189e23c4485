"""Whether the session itself was held by video, from what its lines say about the call.

Why: a telehealth session must say so in its note (payers and most boards ask for the modality),
and the model never wrote it; a session held by video says so in passing ("Can you hear me okay?",
"Sorry, you froze there", "Car park wifi", "I'll send the link"). Two different signs are needed:
one "video" may be about anything (a video game, a video at work).
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

VIDEO_SIGNS: dict[str, re.Pattern] = {name: re.compile(pattern, re.I) for name, pattern in {
    # "Can you see and hear me all right?" asks both at once
    "hearing check": r"\bcan you (?:hear|see)(?: and (?:hear|see))? me\b|\bare you able to (?:hear|see) me\b",
    "freezing": r"\b(?:you )?froze\b|\bfrozen\b|\byou(?:'re| are) breaking up\b|\blagg?ing\b",
    "connection": r"\b(?:connection|wi-?fi|signal|bandwidth)\b",
    "link": r"\b(?:send|sent|use) (?:you )?the link\b|\b(?:same|usual) link\b|\bvideo (?:call|session|link|visit)\b|\bby video\b|\bon video\b",
    # "You're on mute.", "If we lose each other I'll ring your mobile": a call's signs, video unless the phone is named
    "mute": r"\b(?:on|off) mute\b|\bunmute\b|\bmuted\b",
    "drop-out plan": r"\bif (?:we|you|I) (?:lose each other|get cut off|drop out|lose you|lose the (?:call|connection))\b",
    "camera": r"\b(?:your|my|the) (?:camera|webcam)\b",
}.items()}
MIN_SIGNS = 2
# Signs a telephone call shows too: they count for video only where no line names the phone.
_CALL_SIGNS = ("mute", "drop-out plan")


def held_by_video(utterances: Sequence[Utterance]) -> list[int]:
    """The lines showing the session was held by video (two kinds of sign or more), else []."""
    found: dict[str, list[int]] = {}
    by_phone = any(_PHONE.search(u.text) for u in utterances)
    for utt in utterances:
        for name, pattern in VIDEO_SIGNS.items():
            if by_phone and name in _CALL_SIGNS:
                continue
            if pattern.search(utt.text):
                found.setdefault(name, []).append(utt.id)
    if len(found) < MIN_SIGNS:
        return []
    return sorted({i for ids in found.values() for i in ids[:2]})


VIDEO_SENTENCE = "Session held by video (telehealth), as the session's lines show."

# A telephone session says so the same way: a hearing check and the phone itself ("I'll hold the phone
# closer", "I'll put it on the speaker"), with no sign of video.
_PHONE = re.compile(r"\b(?:(?:the|my|your) phone (?:closer|call)|(?:on|onto) (?:the )?speaker(?:phone)?|(?:our|this|the) \w+ call\b"
                    r"|over the phone|phone (?:session|call|check-in))", re.I)
PHONE_SENTENCE = "Session held by telephone, as the session's lines show."


# Or the clinician opens by saying they are calling ("It's Sam from the clinic, calling for your
# appointment"): only in the session's first lines, where a call made later from the room cannot be.
_CALLING_IN = re.compile(r"\b(?:calling|ringing|phoning) (?:you )?(?:for|about) (?:your|our|the|today'?s) (?:appointment|session)\b", re.I)
OPENING_LINES = 4


def held_by_phone(utterances: Sequence[Utterance]) -> list[int]:
    """The lines showing the session was held by telephone (a hearing check and the phone, or the
    clinician's opening call), else []."""
    if held_by_video(utterances) or any(VIDEO_SIGNS[k].search(u.text) for u in utterances for k in ("freezing", "link")):
        return []
    calling = [u.id for u in _opening(utterances) if _CALLING_IN.search(u.text) and not is_client(u.speaker)]
    hearing = [u.id for u in utterances if VIDEO_SIGNS["hearing check"].search(u.text)]
    phone = [u.id for u in utterances if _PHONE.search(u.text)]
    return sorted(set(hearing[:2] + phone[:2])) if hearing and phone else calling[:1]


def _opening(utterances: Sequence[Utterance]) -> list[Utterance]:
    return [u for u in utterances if u.speaker][:OPENING_LINES * 2]


# What a remote session checks first, and its note records: who is on the line (a date of birth
# asked "for security") and that the client is somewhere private. Asked only at the opening.
_START_CHECKS: tuple[tuple[str, re.Pattern], ...] = (
    ("the client's identity (date of birth)", re.compile(r"\bdate of birth\b", re.I)),
    ("the client's identity", re.compile(r"\bfor (?:security|identification)\b|\bconfirm (?:your|you(?:'re| are)) (?:full )?(?:name|identity)\b", re.I)),
    ("the client's location and privacy", re.compile(r"\bsomewhere (?:private|quiet)\b|\b(?:talk|speak) (?:privately|in private|freely)\b"
                                                    r"|\bwhere you are\b|\bon your own\b[^.?!]{0,20}\?|\banyone (?:else )?(?:with you|in the room|who can hear)\b", re.I)),
)


def start_checks(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """(what was checked, line) for the identity and privacy checks the clinician made at the opening."""
    found: list[tuple[str, int]] = []
    for utt in _opening(utterances):
        if is_client(utt.speaker):
            continue
        for what, pattern in _START_CHECKS:
            if pattern.search(utt.text) and not any(what.startswith(w) or w.startswith(what) for w, _ in found):
                found.append((what, utt.id))
    return found


def start_checks_sentence(found: Sequence[tuple[str, int]]) -> str:
    return "Checked by the clinician at the start: " + "; ".join(what for what, _ in found) + "."


# Who else was in the room (or on the call): a note records everyone present. Speakers other than the
# client and the clinician, named by their role as the transcript labels them ("Partner", "Daughter");
# one who first speaks past the session's first tenth joined partway.
_CLINICIAN_LABELS = {"clinician", "therapist", "counselor", "counsellor", "doctor", "psychologist", "social worker"}
JOINED_SHARE = 0.1
JOINED_MIN_LINES = 4  # the greetings: someone speaking this early was there from the start


def others_present(utterances: Sequence[Utterance]) -> list[tuple[str, bool, int]]:
    """(role, joined partway, first line) for each other speaker, when the session has a "Client"."""
    lines = [u for u in utterances if u.speaker]
    if not any(u.speaker.strip().lower() == "client" for u in lines):
        return []
    first: dict[str, int] = {}
    for n, utt in enumerate(lines):
        who = utt.speaker.strip().lower()
        if who not in _CLINICIAN_LABELS and who != "client" and who not in first:
            first[who] = n
    return [(who, n > max(JOINED_MIN_LINES, len(lines) * JOINED_SHARE), lines[n].id) for who, n in first.items()]


def others_sentence(found: Sequence[tuple[str, bool, int]], names: dict[str, str] | None = None) -> str:
    """``names``: {role: first name} as the clinician addressed them ("partner (Rob)")."""
    def named(who: str) -> str:
        return f"{who} ({names[who]})" if names and who in names else who
    # Everyone there from the start makes it a joint session, as notes name it (a couple, a parent and child).
    opening = "Joint session, also present: " if not any(joined for _, joined, _ in found) else "Also present in session: "
    return opening + ", ".join(f"{named(who)}{' (joined partway)' if joined else ''}" for who, joined, _ in found) + "."



def setting_lines(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """The Objective's lines on how the session was held: by video or by telephone, then a remote
    session's identity and privacy checks; each (sentence, lines)."""
    video = held_by_video(utterances)
    phone = [] if video else held_by_phone(utterances)
    found = [(VIDEO_SENTENCE, video)] if video else [(PHONE_SENTENCE, phone)] if phone else []
    checks = start_checks(utterances) if found else []
    return found + ([(start_checks_sentence(checks), [i for _, i in checks])] if checks else [])
