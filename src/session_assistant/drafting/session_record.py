"""The structured session record a therapy note is rendered from: each rubric item of a therapy note
(what the client reported, what was done, how the client responded, what happens next) as a typed
slot holding short facts, each fact with the transcript lines it rests on.

Extraction before prose: the 1.5B model fills short, typed slots far better than it writes a page,
and a note rendered from slots cannot say a fact twice or put homework given into the Subjective.
The slots' meaning (what the model is asked per slot) is data here, so the extractor and the
renderer agree on one list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from session_assistant.drafting.grounding import content_words


@dataclass(frozen=True)
class Slot:
    key: str
    part: str  # the SOAP part it belongs to; other formats map parts (record_render)
    label: str  # the lead-in the rendered line gets ("" for none)
    ask: str  # what the model is asked to list for this slot
    max_items: int = 1  # per window


# Per SOAP part, in the order the note renders them. "quote" holds client line ids, not sentences.
SLOTS: tuple[Slot, ...] = (
    Slot("concern", "subjective", "", "why the client came or what this session was about", 1),
    Slot("account", "subjective", "",
         "the client's feelings, thoughts and behaviours as the client described them, with how often or how much", 3),
    Slot("history", "subjective", "History: ", "past events or history the client mentioned", 1),
    Slot("goals", "subjective", "Client's goal: ", "what the client said they want to achieve or change", 1),
    Slot("homework_review", "subjective", "Homework review: ",
         "homework or practice set at the last session, and whether the client did it", 1),
    Slot("quote", "subjective", "In the client's words: ", "one short line of the client worth quoting", 1),
    Slot("measures", "objective", "", "scores of questionnaires or rating scales given (name and score)", 1),
    # Only what the clinician said aloud they noticed: mental status beyond that is the clinician's
    # checklist, never the model's (issue 16).
    Slot("observations", "objective", "Clinician observed: ",
         "what the clinician said aloud they noticed about the client's behaviour, mood or speech", 1),
    Slot("activities", "objective", "In session: ", "exercises or activities the clinician and client did in the session", 2),
    Slot("symptoms", "assessment", "", "symptoms or problems the client has", 1),
    Slot("triggers", "assessment", "Triggers: ", "situations or events that set off the problem", 1),
    Slot("response", "assessment", "Response to interventions: ",
         "how the client responded to what the clinician did in this session", 1),
    Slot("progress", "assessment", "Progress: ", "progress or setbacks toward the client's goals since last time", 1),
    # The Plan is filled in one pass over the lines where it is made (record_plan), so its slots
    # hold a whole session's items.
    Slot("next_session", "plan", "Next session: ", "when the next session or check-in call is (day, date, interval)", 1),
    Slot("planned_interventions", "plan", "Planned: ", "what the clinician plans to work on in coming sessions", 1),
    Slot("homework", "plan", "Homework: ",
         "each task or change the client agreed to do before the next session (what, how often, how much)", 4),
    Slot("safety_plan", "plan", "Safety plan: ",
         "safety steps agreed: who keeps firearms, pills or other means away, who the client will call", 2),
    Slot("referrals", "plan", "Referral: ",
         "referrals, doctors, other providers, groups or resources suggested, and what the client said", 2),
    Slot("plan_changes", "plan", "Plan change: ", "changes to the treatment plan or how often sessions happen", 1),
)
SLOT_BY_KEY = {s.key: s for s in SLOTS}
PARTS = ("subjective", "objective", "assessment", "plan")
QUOTE_SLOT = "quote"
# A quote is the client's own words, cut to a phrase a note can hold.
QUOTE_MAX_WORDS = 22
# ... and long enough to carry them: "Sure." was once chosen as the quote.
QUOTE_MIN_WORDS = 5
# The window number of facts from the Plan pass (they cite ``SessionRecord.plan_lines``).
PLAN_WINDOW = -1
# Across windows each slot keeps at most this many facts (a 50-minute session has several windows).
MAX_FACTS_PER_SLOT = 4


@dataclass
class SlotFact:
    """One fact of a slot: its text and the transcript lines (segment ids) it rests on."""

    text: str
    evidence: list[int]
    window: int = 0
    by_rule: bool = False  # written by a rule from the cited line's own words, not by the model

    def to_dict(self) -> dict:
        return {"text": self.text, "evidence": list(self.evidence), "window": self.window,
                **({"by_rule": True} if self.by_rule else {})}


@dataclass
class SessionRecord:
    """Slot key -> facts, in extraction order. Empty slots are simply absent or empty."""

    slots: dict[str, list[SlotFact]] = field(default_factory=dict)
    windows: list[list[int]] = field(default_factory=list)  # segment ids of each window extracted
    plan_lines: list[int] = field(default_factory=list)  # segment ids the Plan pass was shown

    def facts(self, key: str) -> list[SlotFact]:
        return self.slots.get(key, [])

    def add(self, key: str, fact: SlotFact, valid_ids: Iterable[int]) -> bool:
        """Add a fact if it cites at least one real line and is not already in the slot; True if added.

        Evidence ids that are not transcript lines are dropped, so a slot never cites a line that
        does not exist; a fact left with no evidence is not a fact of this session."""
        if key not in SLOT_BY_KEY:
            raise KeyError(key)
        allowed = set(valid_ids)
        evidence = list(dict.fromkeys(i for i in fact.evidence if i in allowed))
        text = " ".join(fact.text.split())
        if not evidence or (key != QUOTE_SLOT and len(content_words(text)) < 1):
            return False
        held = self.slots.setdefault(key, [])
        if len(held) >= MAX_FACTS_PER_SLOT or any(_same_fact(text, other.text) for other in held):
            return False
        held.append(SlotFact(text, evidence, fact.window, fact.by_rule))
        return True

    def to_dict(self) -> dict:
        return {"slots": {k: [f.to_dict() for f in v] for k, v in self.slots.items() if v},
                "windows": [list(w) for w in self.windows], "plan_lines": list(self.plan_lines)}

    @classmethod
    def from_dict(cls, data: dict) -> "SessionRecord":
        slots = {k: [SlotFact(str(f["text"]), [int(i) for i in f.get("evidence", [])], int(f.get("window", 0)),
                              bool(f.get("by_rule")))
                     for f in v] for k, v in (data.get("slots") or {}).items() if k in SLOT_BY_KEY}
        return cls(slots, [list(w) for w in data.get("windows") or []], [int(i) for i in data.get("plan_lines") or []])


def _same_fact(a: str, b: str) -> bool:
    first, second = content_words(a), content_words(b)
    if not first or not second:
        return a.strip().lower() == b.strip().lower()
    shared = len(first & second)
    return shared / len(first | second) >= 0.7 or shared / min(len(first), len(second)) >= 0.85
