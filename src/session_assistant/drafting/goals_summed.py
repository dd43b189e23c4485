"""The goals a session agreed, as the clinician summed them up and checked ("So, ... Does that sound
right?" - "Yes."), after asking for them ("Could we agree what we're all aiming for?"): in a family or
a couple's session each person names a goal, the clinician gathers them, and the agreement is the
note's goal statement (``session_said.goals_said`` takes the first statement when there is no such
summary)."""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import AGREES_FIRST, REFUSES
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

# The clinician asks for the goals: "What would each of you like to be different?", "What are your goals?",
# "What do you hope to get out of coming?"; read here and by ``session_said.goals_said`` (the answer).
GOALS_ASKED = re.compile(r"\bwhat would (?:you|each of you|you each|you both|you all) (?:like|want) to (?:be different|change)\b"
                         r"|\bwhat would be different\b|\bwhat (?:we'?re|we are|you'?re|you are) (?:all )?(?:aiming|working) (?:for|towards)\b"
                         r"|\bwhat (?:are|were|would be) your goals\b|\bagree (?:on )?(?:some |our |the )?goals\b"
                         r"|\bwhat do you (?:want|hope) to (?:get out of|change)\b", re.I)
_CHECK = re.compile(r"^(?:(?:and|so),?\s+)?(?:does|did|is|have I got|would) (?:that|this|it|I)\b[^.!?]{0,30}"
                    r"\b(?:sound right|right|fit|sum it up|capture it|cover it|got (?:it|that) right)\?$", re.I)
_SUMMING = re.compile(r"^(?:so|okay,? so|right,? so|so then),?\s+", re.I)
SUMMARY_SPAN = 10  # lines from the question to the summary
SUMMARY_MAX_WORDS = 80


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def goals_summed_up(utterances: Sequence[Utterance]) -> tuple[str, list[int]] | None:
    """("Goals agreed in session, as the clinician summed them up: "..." (mother: "Yes.")", cited ids), or None."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines):
        if is_client(utt.speaker) or not GOALS_ASKED.search(utt.text):
            continue
        for k in range(n + 1, min(len(lines) - 1, n + SUMMARY_SPAN + 1)):
            summary, answer = lines[k], lines[k + 1]
            sentences = _sentences(summary.text)
            if is_client(summary.speaker) or not sentences or not _CHECK.match(sentences[-1]):
                continue
            start = next((j for j, s in enumerate(sentences) if _SUMMING.match(s)), None)
            agreed = is_client(answer.speaker) and AGREES_FIRST.search(answer.text) and not REFUSES.search(answer.text)
            if start is None or not agreed:
                return None
            said = " ".join(sentences[start:-1])
            said = _SUMMING.sub("", said, count=1)
            if not said or len(said.split()) > SUMMARY_MAX_WORDS:
                return None
            said = said[0].upper() + said[1:]
            who = answer.speaker.strip().lower()
            reply = " ".join(answer.text.split()[:8])
            return (f'Goals agreed in session, as the clinician summed them up: "{said}" ({who}: "{reply}")',
                    [utt.id, summary.id, answer.id])
        return None
    return None


def goals_asked_together(utterances: Sequence[Utterance]) -> set[int]:
    """The clinician's lines asking a family or a couple for their goals ("Could we agree what we're all
    aiming for? What would be different by Easter?"): goal setting with everyone, which the
    interventions line must not read as motivational interviewing's change talk. Empty for a session
    with one person on the client's side, where the same question may draw change talk."""
    if len({u.speaker.strip().lower() for u in utterances if u.speaker and is_client(u.speaker)}) < 2:
        return set()
    return {u.id for u in utterances if u.speaker and not is_client(u.speaker) and GOALS_ASKED.search(u.text)}
