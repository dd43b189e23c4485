"""The lines of a questionnaire read aloud item by item, so the model's retelling of them stays out of
the note.

Why: clinicians often give a measure (CORE-10, PHQ-9, GAD-7) by reading each item in quotes and
taking the client's answer ("\"I have felt unhappy.\"" - "Often."). A small model then turns each
item into a finding, and turns them wrong: "Client denied having felt the clinician has someone to
turn to for support when needed, sometimes." (43). The measure's total and its change are the
chart's and the measures line's; the client's own words after an answer ("I wake up at four") stay
in the transcript for the clinician. A sentence citing only these lines is withheld, shown beside
the note with its reason.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

QUESTIONNAIRE_ITEM = "questionnaire_item_retold"
# A clinician's line that opens with an item in quotes: "\"I have felt tense.\" Not at all, ..."
_ITEM = re.compile(r"^\s*(?:(?:okay|ok|and|next|right|so|then|now|number \w+|item \w+)[,.:]?\s+)*"
                   r"[\"“]([^\"”]{8,200})[\"”]", re.I)
MIN_ITEMS = 3  # one quoted sentence is a quote; three in a run are a questionnaire
ITEM_GAP = 4  # lines between two items of one run (a follow-up question may come between)


def questionnaire_lines(utterances: Sequence[Utterance]) -> set[int]:
    """Ids of the item lines of a questionnaire read aloud and of the client's answer after each."""
    lines = [u for u in utterances if u.speaker]
    runs: list[list[int]] = []
    for n, utt in enumerate(lines):
        if is_client(utt.speaker) or not _ITEM.match(utt.text):
            continue
        if runs and n - runs[-1][-1] <= ITEM_GAP:
            runs[-1].append(n)
        else:
            runs.append([n])
    found: set[int] = set()
    for run in runs:
        if len(run) < MIN_ITEMS:
            continue
        for n in run:
            found.add(lines[n].id)
            if n + 1 < len(lines) and is_client(lines[n + 1].speaker):
                found.add(lines[n + 1].id)
    return found
