"""The event the session turned to, as the client told it, for the Subjective, by rule.

Why: a therapist's Subjective says what happened this week in the client's words (the crash after the
rugby final, the bath that set the thoughts off, the call before the late-night shopping). On the kept
drafts the model retold the week in general words and dropped the event, and no rule line quoted it:
the week's check-in, the homework review and the amounts have rules, the event did not.

Found from the structure of the talk, not its topic: the clinician turns to the event and asks for it
("Now, the crash. What happened?", "Tell me about the bath.", "Talk me through Tuesday night.", or only
"Go ahead." once the client has offered to start on it) and the client tells it, in the past tense and at some length. Its answer is quoted up to ``EVENT_WORDS``
words, cut at a sentence end and before a sentence the risk screen flags (the risk account quotes
those). A line another rule quotes already, the last third of the session (its plan) and a question
about the client's past (``history_told``'s) and a risk item's lines (the risk account's) are left
out; at most ``EVENTS_MAX`` events.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.history_told import asks_about_the_past
from session_assistant.drafting.risk import asks_about_risk, is_client, scan_transcript
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import words_up_to

EVENTS_MAX = 2
EVENT_WORDS = 40
EVENT_MIN_WORDS = 12  # "Not much. It was fine." tells no event
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# The clinician's last sentence asks for the event.
_ASKS_EVENT = re.compile(r"^(?:(?:so|okay|ok|now|and|right),? )*(?:what happened(?: (?:then|there|on \w+|after(?:wards)?|next))?\?$"
                         r"|(?:can you |could you )?(?:tell me (?:about|what happened)|talk me through|walk me through"
                         r"|take me through) (?:the|what|your|\w+day)\b)", re.I)  # "Tell me about it." goes on from the answer before
# The clinician's whole line hands the client the floor ("Go ahead.", "Go on, then."), after the client
# offered to start on something ("Do you want to start there?" - "Yes. Please."): what follows is told.
_GO_AHEAD = re.compile(r"^(?:(?:okay|ok|sure|right|yes|please),?\s+)*(?:go ahead|go on|carry on)(?:,?\s+(?:then|please))?[.!]?$", re.I)
# Told as something that happened: a verb in the past tense.
_TOLD_PAST = re.compile(r"\b(?:was|were|had|went|got|did|didn't|said|asked|came|saw|felt|thought|started|ended|sat|stood"
                        r"|couldn't|put|took|left|rang|called|handed|walked)\b", re.I)


def events_told(utterances: Sequence[Utterance], quoted: Sequence[int], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the client's account, [question, answer]) for up to ``EVENTS_MAX`` events the clinician asked
    the client to tell, in session order; ``quoted``: line ids other rules quote already."""
    lines = [u for u in utterances if u.speaker]
    taken = set(quoted) | {i for item in scan_transcript(utterances) for i in item.evidence + [item.segment_id]}
    found: list[tuple[str, list[int]]] = []
    for n in range(len(lines) * 2 // 3):
        asked, answer = lines[n], lines[n + 1]
        if is_client(asked.speaker) or answer.speaker.strip().lower() != "client" or answer.id in taken or asks_about_risk(asked):
            continue
        last = ([s for s in _SENTENCE.split(" ".join(asked.text.split())) if s] or [""])[-1]
        handed = bool(_GO_AHEAD.match(" ".join(asked.text.split())))
        if not (_ASKS_EVENT.search(last) or handed) or asks_about_the_past(asked.text):
            continue
        sentences = [s for s in _SENTENCE.split(" ".join(answer.text.split())) if s]
        said = words_up_to(sentences, EVENT_WORDS, stop=lambda s: s.endswith("?") or risky(s))
        if len(said.split()) >= EVENT_MIN_WORDS and _TOLD_PAST.search(said):
            found.append((said, [asked.id, answer.id]))
            if len(found) == EVENTS_MAX:
                break
    return found


def events_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "What happened, as the client told it: " + "; ".join(f'"{text}"' for text, _ in found)
