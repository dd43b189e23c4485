"""Stage of change inferred from the client's change talk and sustain talk, by the standard
motivational-interviewing categories (issue 16: "stage of change where it applies"), when no stated
cue names the stage (``stage_of_change.detect_stage_of_change``).

Change talk (DARN-CAT): desire ("I want to stop"), ability ("I could cut down"), reasons ("for my
kids"), need ("I need to do something"), commitment ("I'm going to", "I will"), activation ("I'm
ready to"), taking steps ("I've already blocked it", "I didn't bet at all on Saturday"). Sustain
talk: the same categories for the status quo ("I don't want to give it up", "I can't stop", "it
helps me relax", "it's not a problem"). The stage follows the usual reading:
- steps already taken (days or months without, an app deleted, a card blocked), a lapse after them
  included: action;
- commitment or activation, no steps yet: preparation;
- desire, reasons or need beside sustain talk, or without commitment: contemplation;
- sustain talk outweighing change talk, no commitment: precontemplation.
The line says the counts and cites the client's lines; the clinician confirms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

_CHANGE = r"(?:stop\w*|quit\w*|cut (?:down|back)|cutting (?:down|back)|give (?:it )?up|giving (?:it )?up|change|less|fewer|sort (?:it|this) out" \
          r"|get (?:help|on top of it|it under control)|do something about)"
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
CHANGE_TALK: dict[str, re.Pattern] = {
    # "I'd love to be off it", "I'm sick of feeling like this" (paraphrase test), never "I'd love a cup of tea"
    "desire": re.compile(r"\bi (?:really )?(?:want|wanna|would like|'d like|wish)\b|\bi(?:'m| am) (?:sick|tired|fed up) of\b"
                         r"|\bi(?:'d| would) love to (?:\w+ )?(?:" + _CHANGE[3:-1] + r"|be (?:off|free|done|clean|sober)|get (?:off|clean|sober|better))",
                         re.I),
    "ability": re.compile(r"\bi (?:could|can|think i can|know i can)\b(?!'t| not|'ve| have)|\bi(?:'ve| have)? (?:stopped|quit|cut down|gave (?:it )?up) "
                          r"(?:for|once|before)\b|\bi(?:'ve| have) done it before\b"
                          r"|\bi(?: (?:think|reckon) i(?:'m| am)|'m| am) (?:able|capable) (?:to|of)\b", re.I),
    "reasons": re.compile(r"\b(?:it'?s|it is|that'?s) (?:costing|ruining|hurting|killing|wrecking|affecting|damaging) (?:me|my|us|our)\b"
                          r"|\bi don'?t want to (?:lose|end up|be like|keep|go back)\b|\bi'?d (?:feel|be|sleep|have|save) (?:better|there|more)\b"
                          r"|\bbecause of (?:the |my )?(?:kids|children|family|health|wife|husband|partner|job|money)\b"
                          r"|\b(?:scares|bothers|worries|frightens) me\b"
                          r"|\b(?:doing my head in|(?:messing|screwing) (?:up|with) (?:me|my))\b|\bdeserve better\b", re.I),
    "need": re.compile(r"\bi (?:really )?(?:need|have|'ve got|got|should|ought|must)(?: to)? (?:\w+ )?(?:" + _CHANGE[3:-1]
                       + r"|do something)\b|\bsomething (?:has|needs) to change\b|\bsomething'?s (?:got|gotta) (?:to )?(?:give|change)\b"
                       r"|\bi(?:'ve)? (?:got|gotta|have) (?:to )?sort (?:myself|my life|things) out\b", re.I),
    "commitment": re.compile(r"\bi(?:'m| am) (?:going to|gonna)\b|\bi(?:'ll| will)\b(?! (?:probably|never|try to remember))|\bi promise\b"
                             r"|\bi(?:'ve| have) made (?:up )?my mind(?: up)?\b|\bthat'?s it,? no more\b", re.I),
    "activation": re.compile(r"\bi(?:'m| am) (?:ready|willing|prepared) to\b|\bi(?:'d| would) be (?:up for|willing)\b"
                             r"|\bi(?:'m| am) (?:up for|game for|keen to)\b", re.I),
    "taking steps": re.compile(r"\bi(?:'ve| have) (?:already |just )?(?:stopped|started|cut|deleted|blocked|told|set up|signed up|booked|"
                               r"thrown|poured|given|handed|been going|cancelled)\b|\bi didn'?t (?:drink|use|bet|gamble|smoke|buy|go to the)\b"
                               r"|\bi (?:deleted|blocked|cancelled|binned|handed over)\b"
                               r"|\b(?:days?|weeks?|months?|years?) (?:without|clean|sober|off (?:it|them|the \w+)|free)\b"
                               r"|\bi (?:was|got|made it) (?:at|to|up to) (?:\w+ )?(?:days|weeks|months)\b|\bi did (?:it )?(?:for )?\w+ (?:days|weeks|months)\b"
                               # "I haven't had a drink since Friday", "I poured the lot down the sink"
                               r"|\bi haven'?t (?:had a (?:drink|drop|bet|smoke|cigarette|joint)|drunk|used|bet|gambled|smoked)\b[^.?!]*\b(?:since|for|in)\b"
                               r"|\bi (?:poured|chucked|threw|binned|gave away)\b[^.?!]*\b(?:away|out|bin|sink|drain|toilet)\b",
                               re.I),
}
SUSTAIN_TALK: dict[str, re.Pattern] = {
    "desire": re.compile(r"\bi don'?t (?:really )?want to (?:\w+ )?" + _CHANGE + r"\b|\bi (?:like|love|enjoy) (?:it|my|a|the)\b", re.I),
    "ability": re.compile(r"\bi can'?t (?:\w+ )?" + _CHANGE + r"\b|\bi(?:'ve| have) tried (?:and|before)\b", re.I),
    "reasons": re.compile(r"\bit (?:helps|relaxes|calms) me\b|\bit'?s (?:not|never been) (?:a|that much of a|really a) problem\b"
                          r"|\b(?:everyone|everybody)\b[^.?!]{0,20}\b(?:does|do|did|drinks|drink|drinking|was|uses|using|bets|gambles)\b"
                          r"|\bit'?s not that bad\b|\bi don'?t think (?:i was|it'?s|it was) (?:that|so) bad\b"
                          # "it takes the edge off", "I don't see the problem", "I'm fine as I am"
                          r"|\btakes? the edge off\b|\bonly thing that (?:helps|works|gets me)\b|\bi don'?t see (?:the|a|what the) (?:problem|big deal)\b"
                          r"|\bi'?m (?:fine|happy|okay) (?:as i am|the way i am)\b", re.I),
    "activation": re.compile(r"\bi(?:'m| am) not (?:ready|willing|prepared) to\b", re.I),  # "I'm not ready to give it up"
    "need": re.compile(r"\bi don'?t (?:need|have) to (?:\w+ )?" + _CHANGE + r"\b", re.I),
    "commitment": re.compile(r"\bi(?:'m| am) not (?:going to|gonna) (?:\w+ )?" + _CHANGE + r"\b|\bi won'?t (?:\w+ )?" + _CHANGE + r"\b", re.I),
}
# "... if I'm going to", "I thought, I'll just win that back": not the client's own commitment now.
_NOT_OWN = re.compile(r"\b(?:if|when|unless|before|until|till|he|she|they)\b[^.?!]{0,15}$|\b(?:thought|think|thinking|said|says|goes|went)\b,?\s*$", re.I)
MIN_CHANGE_TALK = 3  # fewer statements are too little to read a stage from


@dataclass
class TalkCount:
    change: dict[str, list[int]] = field(default_factory=dict)  # category: the client's lines
    sustain: dict[str, list[int]] = field(default_factory=dict)

    def total(self, side: dict[str, list[int]]) -> int:
        return sum(len(v) for v in side.values())

    @property
    def evidence(self) -> list[int]:
        return sorted({i for side in (self.change, self.sustain) for ids in side.values() for i in ids})


def talk_counts(utterances: Sequence[Utterance]) -> TalkCount:
    """Each client sentence counted once, under its first category on each side."""
    count = TalkCount()
    for utt in utterances:
        if not utt.speaker or not is_client(utt.speaker):
            continue
        for sentence in _SENTENCES.split(" ".join(utt.text.split())):
            if sentence.endswith("?"):
                continue
            sustain = next((k for k, p in SUSTAIN_TALK.items() if p.search(sentence)), None)
            if sustain:
                count.sustain.setdefault(sustain, []).append(utt.id)
                continue
            change = next((k for k, p in CHANGE_TALK.items() if (m := p.search(sentence)) and not _NOT_OWN.search(sentence[:m.start()])), None)
            if change:
                count.change.setdefault(change, []).append(utt.id)
    return count


def stage_from_talk(count: TalkCount) -> str | None:
    change, sustain = count.total(count.change), count.total(count.sustain)
    if change < MIN_CHANGE_TALK and sustain < MIN_CHANGE_TALK:
        return None
    committed = len(count.change.get("commitment", [])) + len(count.change.get("activation", []))
    steps = len(count.change.get("taking steps", []))
    if sustain > change and not committed:
        return "precontemplation"
    if steps:
        return "action"  # the behaviour has already changed (a lapse after it is still action)
    if committed >= 2 and committed >= sustain:
        return "preparation"
    return "contemplation"


def talk_sentence(stage: str, count: TalkCount, subject: str = "client") -> str:
    def listed(side: dict[str, list[int]]) -> str:
        return ", ".join(f"{k} {len(v)}" for k, v in side.items()) or "none found"
    return (f"Stage of change, read from the {subject}'s talk (statements counted by rule, change talk: {listed(count.change)}; sustain talk: "
            f"{listed(count.sustain)}): suggests the {stage} stage; clinician to confirm.")
