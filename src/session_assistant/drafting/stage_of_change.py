"""Stage-of-change cues in the client's lines, found by transparent rules rather than by the model
(moved out of ``session_facts``, which finds the interventions in the clinician's lines). A cue is
for the clinician to confirm, never a judgement the note asserts on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

STAGES = ("precontemplation", "contemplation", "preparation", "action", "maintenance")
STAGE_CUES: dict[str, tuple[str, ...]] = {
    "precontemplation": (r"\b(?:don'?t|do not) (?:think|see) (?:it'?s|it is|that'?s|i have) (?:a|really a) problem\b",
                         r"\bit'?s not (?:a|really a) problem\b", r"\bno (?:reason|need) to (?:change|quit|stop|cut)\b",
                         r"\bonly (?:here|came) because\b", r"\b(?:making|forcing) me (?:come|do)\b",
                         r"\b(?:don'?t|do not) want to (?:quit|stop|change|cut)\b", r"\bnot (?:interested in|ready to) (?:quit|stop|chang)"),
    "contemplation": (r"\b(?:thinking|thought) about (?:quitting|cutting|stopping|changing|giving up|drinking less|smoking less)\b",
                      r"\bi know i should\b", r"\bpart of me\b", r"\bin two minds\b", r"\bmaybe i should\b",
                      r"\bi(?:'ve| have) been considering\b", r"\bi want to,? but\b", r"\bnot sure (?:if|whether) i (?:can|want|should)\b",
                      r"\bi(?:'d| would) like to (?:quit|stop|cut|change)\b.*\bbut\b", r"\bi should probably\b"),
    "preparation": (r"\bi'?m going to (?:start|quit|stop|cut|try|call|join|sign)\b", r"\bi plan to\b", r"\b(?:set|picked|chose) a (?:quit )?date\b",
                    r"\bi(?:'ve| have) (?:bought|signed up|made an appointment|booked)\b", r"\bready to (?:quit|stop|change|start|cut)\b",
                    r"\b(?:next week|tomorrow|on monday) i(?:'ll| will)\b", r"\bi(?:'ll| will) (?:try|start|stop|cut)\b"),
    "action": (r"\bi(?:'ve| have) (?:stopped|quit|cut (?:back|down)|been cutting (?:back|down)|given up)\b",
               r"\b(?:didn'?t|haven'?t) (?:smoked?|used?|drunk|drink|had a (?:drink|cigarette|smoke)) since\b",
               r"\bi (?:haven'?t|have not) (?:had a (?:drink|cigarette)|smoked|used|drunk)\b", r"\bsince i (?:quit|stopped)\b",
               r"\bi(?:'ve| have) been (?:going|walking|exercising|practi[cs]ing|attending|using the|doing the)\b",
               r"\b(?:days|weeks) (?:sober|clean|smoke[- ]free|without (?:a drink|drinking|smoking))\b", r"\bi(?:'m| am) cutting (?:back|down)\b"),
    "maintenance": (r"\b(?:months|a year|years) (?:sober|clean|smoke[- ]free|without (?:a drink|drinking|smoking|using))\b",
                    r"\bstay(?:ing)? (?:sober|clean|quit|on track|smoke[- ]free)\b", r"\b(?:avoid|prevent\w*) (?:a )?relapse\b",
                    r"\bhaven'?t (?:smoked|had a drink|used|drunk) (?:in|for) (?:months|a year|years)\b", r"\bkeep(?:ing)? it up\b"),
}
_STAGES = {s: [re.compile(p, re.I) for p in ps] for s, ps in STAGE_CUES.items()}


@dataclass
class StageOfChange:
    """The stage with the most cues (the later one on a tie: the session moved there), and every cue."""

    stage: str
    cues: list[dict] = field(default_factory=list)  # {"stage", "segment_id", "phrase"}

    @property
    def evidence(self) -> list[int]:
        return sorted({c["segment_id"] for c in self.cues if c["stage"] == self.stage})

    def to_dict(self) -> dict:
        return {"stage": self.stage, "evidence": self.evidence, "cues": list(self.cues)}


def detect_stage_of_change(utterances: Sequence[Utterance]) -> StageOfChange | None:
    """Stage-of-change cues in the client's lines; None when there are none."""
    cues: list[dict] = []
    for utt in utterances:
        if utt.speaker and not is_client(utt.speaker):
            continue
        for stage, patterns in _STAGES.items():
            match = next((m for m in (p.search(utt.text) for p in patterns) if m), None)
            if match:
                cues.append({"stage": stage, "segment_id": utt.id, "phrase": match.group(0)})
    if not cues:
        return None
    counts = {s: sum(1 for c in cues if c["stage"] == s) for s in STAGES}
    best = max(STAGES, key=lambda s: (counts[s], STAGES.index(s)))
    return StageOfChange(best, cues)


def stage_sentence(stage: StageOfChange, subject: str = "client") -> str:
    others = sorted({c["stage"] for c in stage.cues} - {stage.stage}, key=STAGES.index)
    extra = f" (cues of {', '.join(others)} also present)" if others else ""
    return (f"The {subject}'s statements suggest the {stage.stage} stage of change{extra}; "
            "clinician to confirm.")
