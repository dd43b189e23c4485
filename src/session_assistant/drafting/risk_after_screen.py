"""What the stretch after a risk screen holds besides the screen: whether the client ever acted on the
thoughts, the means asked about (and the answer), and the steps agreed for safety. Each is listed for the
clinician as its own kind, with the clinician's question and the client's answer.

Why: a therapist reading a PHQ-9 follow-up found "have you ever acted on thoughts like this?", the question
about tablets at home and the coping card agreed missing from the risk list, and the note silent on them;
a note must show the whole screen. Listed as screenings of suicidal ideation they would have read
"suicidal ideation denied" beside the wish the client told, so each has its own kind and words.

Only after a screen or a disclosure (``anchors``): "Have you tried the breathing?" or "any tablets?" in a
session with no risk talk is no risk question. Returns plain fields, so ``risk`` builds its items.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.answers import asks_later
from session_assistant.drafting.risk_choice import hedged
from session_assistant.drafting.risk_who import answer_words
from session_assistant.drafting.transcript_input import Utterance

ACTED_ON, MEANS, SAFETY_STEPS, PLAN, RATING = "acted_on", "means", "safety_steps", "plan", "rating"
KIND_WORDS = {ACTED_ON: "acting on the thoughts", MEANS: "access to means", SAFETY_STEPS: "safety steps", PLAN: "plan or intent",
              RATING: "how strong or how likely"}
RATED = "screened: rated"  # "How strong was the urge, nought to ten?" - "At the worst, a seven.": the number is the clinician's
MEANS_NAMED = "screened: means named"  # the answer names means or where they are: the clinician weighs it
AGREED = "agreed"
_ANCHOR_KINDS = {"suicidal_ideation", "self_harm", "harm_to_others"}
ACTED_WINDOW = 10  # "have you ever acted on them?" counts this close after a screen or a disclosure
SHORT_QUESTION = 10  # "How's that been set up?", "Have you got yours?": a short question asks about what was just named
STEP_GAP = 4  # "Can we put that on a card?" names the card of a step agreed this close before
MEANS_WINDOW = 40  # the means are asked later, often while making the safety plan (as risk_follow_ups)

_ACTED = re.compile(r"\b(?:have|had|did) you (?:ever |actually |yet )?(?:\w+ )?act(?:ed)? on (?:it|them|that|this|these|those|"
                    r"any of (?:these|those|them|it)|(?:the|these|those|such|your) (?:thoughts?|urges?|feelings?)|"
                    r"thoughts? like (?:this|that))\b", re.I)
# A plan or intent asked after a screen: "Have you made any plans, or thought about how?", "Has it ever gone further
# than that?", "Any intention of acting on these thoughts?"; never "any plans for the weekend?" nor the safety plan.
_PLAN_ASKED = re.compile(r"\b(?:any|made|got|have|had)(?: any| a)? plans?\b(?! (?:for|to) (?:the|this|next|tomorrow|tonight|your)\b)|"
                         r"\b(?:thought|thinking) about how\b|\bhow you(?: would|'d| might| could) do it\b|"
                         r"\bintent(?:ion)?s? (?:of|to) act\w*|\bgone (?:any )?further\b", re.I)
# The urge or the thoughts rated, or how likely the client is to act: "How strong was the urge, out of ten?", "On a scale
# of nought to ten, where ten is you're certain you'll act on these thoughts ...?"; never a mood or an anxiety rating.
_SCALE = re.compile(r"\b(?:(?:nought|zero|0|one|1) to (?:ten|10)|out of (?:ten|10)|(?:nought|zero|0) is no\b)", re.I)
_RATES_RISK = re.compile(r"\burges?\b|\bthoughts?\b|\bact(?:ing)? on\b|\bhow (?:strong|likely|intense)\b", re.I)
_NUMBER = re.compile(r"\b(?:nought|zero|none|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b", re.I)
RATING_WINDOW = 15  # the rating comes after the questions about the act and the plan
_ASKS_WHAT_THEN = re.compile(r"\bwhat (?:would|could|will|might) you do\?", re.I)  # the step, not the plan
_MEANS_WORDS = re.compile(r"\b(?:firearms?|guns?|weapons?|rifles?|shotguns?|ammunition|tablets|pills|medications?|medicines?|"
                          r"blades?|razors?|knives|ropes?|ligatures?|cords?|"
                          r"anything (?:\w+ ){0,6}?(?:you'?d|you would|you might|you could|you'?ve thought about|you used to) us(?:e|ing)|"
                          r"(?:saved|saving|put|kept|putting|keeping) (?:\w+ )?(?:up|aside|by)|stockpil\w*|"
                          r"(?:crash(?:ing)?|driv(?:e|ing)) (?:the |your |a )?(?:car |van )?into\b)", re.I)
_HELD = re.compile(r"\baccess\b|\bat home\b|\bin the (?:house|flat|home)\b|\bat the flat\b|\baround\b|\bwhere(?:'s| is| are| do you keep)\b|"
                   r"\b(?:have|got|keep|kept|saved|saving|put aside|stockpil\w*)\b|\bstill (?:with|there|locked|in)\b|"
                   r"\bget(?:ting)? rid\b|\buse\b|\busing\b", re.I)
# Where means named in a statement are within reach ("a lot of tablets in the house"); "the tablets you asked about" is no means
_IN_REACH = re.compile(r"\baccess\b|\bat home\b|\bin the (?:house|flat|home|cupboard|drawer)\b|\bat the flat\b", re.I)
# The client's means, not another's ("does he have access to any weapons?") nor the medicine taken as prescribed.
_SOMEONE_ELSES = re.compile(r"\b(?:does|has|did|is|would|could) (?:he|she|they)\b|\b(?:he|she)(?:'s| has| have)? (?:got|has|keeps?)\b", re.I)
_TAKEN = re.compile(r"\b(?:taking|take|taken anything|started you on|prescribed|dose|side effects?|for (?:mood|anxiety|depression))\b", re.I)
# A bag packed to leave in a hurry (a safety plan for abuse) holds medication among belongings: not means.
_BELONGINGS = re.compile(r"\b(?:keys|money|cash|passports?|birth certificates?|documents|papers|cards|chargers?|clothes)\b", re.I)
# ... and a question that puts the means away is a step agreed: "How would you feel about getting rid of them?"
_PUTS_AWAY = re.compile(r"\bkeep (?:the |your |them |it )?(?:\w+ )?(?:at|with) (?!home\b)|\bget(?:ting)? rid\b|"
                        r"\b(?:give|giving|hand|handing)\b|\bhold (?:your|the|them|it|on to)|\block(?:ed)? (?:them|it) away\b|"
                        r"\bin the bin\b|\bto the (?:pharmacy|chemist)\b|\bso (?:they'?re|it'?s) not in\b", re.I)
_DENIES = re.compile(r"^\s*(?:no|nope|nah|never|not really|not at all|nothing|none)\b", re.I)
_NOTHING_THERE = re.compile(r"\bnothing like that\b|\bthere'?s nothing\b|\bnothing (?:here|there|else|in the house)\b", re.I)
# "No. I sold my hunting rifle two years ago.": means given up name nothing there now (what else is told still counts)
_GIVEN_UP = re.compile(r"\b(?:sold|got rid of|gave (?:it|them|\w+ \w+) away|handed (?:it|them) in|threw (?:it|them) (?:out|away))\b[^.!?]*",
                       re.I)
# ... and an answer that begins "No." but says what there is, or where: "No. I've got the amitriptyline ..."
_HAS = re.compile(r"\b(?:i'?ve got|i have|there'?s|there are|we'?ve got|we have|(?:he|she|mum|mom|dad)(?:'s| has) got|has the|"
                  r"in (?:my|the|her|his) (?:drawer|cupboard|cabinet|bathroom|bag|room|garage|shed|loft|closet|basement|car|van))\b",
                  re.I)
_UNSURE = re.compile(r"^\W*(?:i )?(?:don'?t know|not sure|dunno|no idea)\b", re.I)
# A step agreed for when the thoughts come back: the clinician asks what the client would do, or names a card, a plan, a line.
_IF_WORSE = re.compile(r"\bif (?:the|those|these|your|that|it|things|they|the \w+)\b[^?.]{0,60}?\b(?:got|get|gets|getting|came|come|comes|"
                       r"ever changed?|changes|worse|stronger|back|started?)\b", re.I)
_WHAT_YOU_DO = re.compile(r"\bwhat (?:would|could|will|might) you do\b|\bwhat you'?d do\b|\bwho (?:could|would|can|might) you "
                          r"(?:tell|call|ring|talk to|text|go to)\b|\byou can (?:tell|call|ring|text)\b|\bwhat'?s (?:the|your) plan\b", re.I)
_NAMED_STEP = re.compile(r"\b(?:coping|crisis|safety) card\b|\bsafety plan\b|\bsamaritans\b|\bcrisis (?:line|team|number|text line)\b|"
                         r"\bhelpline\b|\bhotline\b|\b(?:hospice|support|carers'?|advice) (?:line|number)\b|\blifeline\b|\bduty line\b|\bchildline\b|\b116 123\b|\b988\b|\bnhs 24\b|"
                         r"\bA&E\b|\b999\b|\bout of hours (?:line|number|team)\b", re.I)
_CARD = re.compile(r"\b(?:on|in) (?:a|the) card\b|\b(?:coping|crisis|safety) card\b", re.I)
_REFUSED = re.compile(r"^\W*(?:no|nope|nah|i'?d rather not|i won'?t|not really|don'?t think so)\b", re.I)
_AGREES = re.compile(r"^\W*(?:yes|yeah|yep|okay|ok|sure|alright|all right|fine|aye|i will|i can|i'?ll|got it|will do|written|"
                     r"that'?s right|of course|definitely)\b", re.I)
_PROPOSES = re.compile(r"\blet'?s\b|\b(?:can|could|shall) we\b", re.I)
_REFERS_BACK = re.compile(r"\b(?:it|yours|that|them|those|the card|the number)\b", re.I)
_KEPT_AT = re.compile(r"^\W*(?:(?:it'?s|they'?re) )?(?:in|on) (?:my|the)\b|^\W*i'?ve (?:still )?got\b", re.I)
_ASKS_TO_DO = re.compile(r"\b(?:write|put|do|try|agree|okay|ok|alright|all right|able)\b", re.I)
_HEDGED = re.compile(r"^\W*(?:sort of|kind of|maybe|not sure|i think so)\b", re.I)
_ASKS_WHO_WHAT = re.compile(r"\b(?:who|what|which|where)\b|\bout of hours\b|\bnumbers?\b", re.I)
_WRITE_ON_A_CARD = re.compile(r"\b(?:write|put) (?:that|this|it|them|those) (?:down )?on a card\b", re.I)
MEANS_WORDS = _MEANS_WORDS  # the means of harm a line names, for the Plan's other safety lines


def someone_elses(question: str) -> bool:
    """The question asks about another person's means or acts ("Does he have access to any weapons?")."""
    return bool(_SOMEONE_ELSES.search(question))


def _questions(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.rstrip().endswith("?")]


def _anchors(lines: Sequence[Utterance], items: Sequence) -> list[int]:
    """Positions of the last line of each screen or disclosure of suicide, self-harm or harm to others."""
    position = {u.id: n for n, u in enumerate(lines)}
    return sorted(max(position[i] for i in (item.evidence or [item.segment_id]) if i in position) for item in items
                  if set(item.categories or [item.category]) & _ANCHOR_KINDS and item.status not in ("mentioned", "denied")
                  and any(i in position for i in (item.evidence or [item.segment_id])) and "OCD" not in item.status)


def _means_asked(text: str) -> tuple[re.Match, bool] | None:
    """The means a question asks about, and whether it asks to put them away."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    for n, sentence in enumerate(sentences):
        near = " ".join(sentences[max(0, n - 1):n + 1])  # "What about the tablets at home. How's that been set up?"
        short = len(sentence.split()) <= SHORT_QUESTION
        # "And there are a lot of tablets in the house." ends the clinician's turn: named for the client to answer
        stated = n == len(sentences) - 1 and not _PUTS_AWAY.search(sentence)
        match = ((_MEANS_WORDS.search(sentence) or (short and _MEANS_WORDS.search(near))) if sentence.rstrip().endswith("?")
                 else _MEANS_WORDS.search(sentence) if stated and _IN_REACH.search(sentence) else None)
        if (match and _HELD.search(near) and not _SOMEONE_ELSES.search(sentence) and not _TAKEN.search(near)
                and len(_BELONGINGS.findall(near)) < 2):
            return match, bool(_PUTS_AWAY.search(sentence))
    return None


def _means_status(answer: str, denied: str, unclear: str) -> str:
    said = answer_words(answer)
    if _UNSURE.search(said):
        return unclear
    if _DENIES.search(said) and _NOTHING_THERE.search(said):
        return denied
    said = _GIVEN_UP.sub("", said)
    told = _HAS.search(said) or any(not re.search(r"\b(?:no|not|nothing|never|any)\s+(?:\w+\s+){0,3}$", said[:m.start()], re.I)
                                    for m in _MEANS_WORDS.finditer(said))
    if _DENIES.search(said) and not told:
        return denied
    return MEANS_NAMED if told or len(said.split()) >= 4 else unclear


def _step(utt: Utterance, answer: Utterance, after_a_step: bool) -> str:
    """The safety step a clinician's line proposes or asks about, in its words, when the answer takes it up; ""
    for none. A step named in a statement counts only when the answer agrees ("Okay. I'll put them in my phone."):
    after "... 999. Could Jack learn anything?" the answer is about Jack. ``after_a_step``: a step was agreed just
    before, so "Can we write that on a card?" is its card (not a skills card)."""
    said = answer_words(answer.text)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", utt.text) if s]
    questions = [s for s in sentences if s.rstrip().endswith("?")]
    last_asks = bool(questions) and sentences[-1] in questions
    if _REFUSED.search(said):
        return ""
    for n, sentence in enumerate(sentences):
        # a step told ("If that ever changed, you can tell me or Dad.") is answered only when no other question
        # follows it ("So, camp. That's in March?"); "Can we write that on a card?" or "Okay?" ask about it
        later = asks_later(" ".join(sentences[n + 1:]), _ASKS_TO_DO.search)
        if _IF_WORSE.search(sentence) and _WHAT_YOU_DO.search(sentence) and (sentence in questions or not later):
            named = _NAMED_STEP.search(sentence) or _CARD.search(utt.text)
            return named.group(0) if named and "card" not in named.group(0).lower() else (
                "coping card: what to do if the thoughts get stronger" if named else "what to do if the thoughts get stronger")
    if after_a_step and _WRITE_ON_A_CARD.search(utt.text) and _AGREES.search(said):
        return "coping card"
    # the step named in the question or just before it: "Right, the safety plan. Have you got yours?"
    # ... answered yes or with where it is ("In my wallet."), never with a worry ("The crisis team. They'll take me in")
    back = _AGREES.search(said) or _KEPT_AT.search(said)
    asked = [m for s in questions for m in [_NAMED_STEP.search(s) or (_NAMED_STEP.search(utt.text) if back and _REFERS_BACK.search(s)
                                                                      and len(s.split()) <= SHORT_QUESTION else None)] if m]
    proposed = [m for s in sentences if _PROPOSES.search(s) for m in [_NAMED_STEP.search(s)] if m]
    if proposed:  # "Let's write some of this down, a safety plan, ... What are the first signs ...?"
        return proposed[0].group(0)
    if asked:
        return asked[0].group(0)
    named = _NAMED_STEP.search(utt.text)
    if named and _AGREES.search(said):
        # "... or A&E if you've hurt yourself. And the razors stay with your nan?" - "Yeah. I'm not asking for them
        # back.": the yes answers the later question, about something else
        start = utt.text.find(named.group(0)) + len(named.group(0))
        after = " ".join(s for s in sentences if utt.text.find(s) >= start)
        if not asks_later(after, lambda q: _NAMED_STEP.search(q) or _ASKS_TO_DO.search(q)):
            return named.group(0)
    told = _NAMED_STEP.search(answer.text)
    # "And if the thoughts got stronger, ...?" - "Then I'd ring. The Samaritans, or the hospice line.": the client's step
    if told and last_asks and (_ASKS_WHO_WHAT.search(questions[-1]) or _IF_WORSE.search(questions[-1])):
        return told.group(0)
    return ""


def after_screens(lines: Sequence[Utterance], items: Sequence, is_clinician: Callable[[str], bool],
                  answer_after: Callable[[Sequence[Utterance], int], Utterance | None],
                  answer_status: Callable[[Utterance], tuple[str, str]], statuses: tuple[str, str, str]) -> list[dict]:
    """The follow-up items (``RiskItem`` fields) of the screens and disclosures in ``items``. ``statuses``:
    risk's denied, endorsed and unclear."""
    denied, endorsed, unclear = statuses
    anchors = _anchors(lines, items)
    if not anchors:
        return []
    listed = {i for item in items for i in (item.evidence or [item.segment_id])}
    # an answer listed only for its own words ("No. No plans. I don't want to die.") still answers the question
    answered = {i for item in items if len(item.evidence) > 1 for i in item.evidence}
    found: list[dict] = []
    for n, utt in enumerate(lines):
        if n <= anchors[0] or utt.id in listed or not (utt.speaker and is_clinician(utt.speaker)):
            continue
        answer = answer_after(lines, n)
        if answer is None or answer.id in answered or (answer.id in listed and not _PLAN_ASKED.search(utt.text)):
            continue
        since = n - max(a for a in anchors if a < n)
        recent = {u.id for u in lines[max(0, n - STEP_GAP):n]}
        kind, phrase, status = "", "", ""
        acted = _ACTED.search(" ".join(_questions(utt.text)))
        means = _means_asked(utt.text) if since <= MEANS_WINDOW else None
        plan = _PLAN_ASKED.search(" ".join(_questions(utt.text))) if since <= ACTED_WINDOW else None
        rated = _SCALE.search(utt.text) and _RATES_RISK.search(utt.text) and since <= RATING_WINDOW and _questions(utt.text)
        if rated:
            kind, phrase = RATING, next(q for q in _questions(utt.text)).strip()
            status = RATED if _NUMBER.search(answer.text) else unclear  # "A five?" rates, however unsure
        elif plan and not acted and not means and not (_IF_WORSE.search(utt.text) or _ASKS_WHAT_THEN.search(utt.text)):  # "if you started thinking about how ...,
            # what would you do?" is a safety step; "Any plans?" - "No. Nothing like that." the plan, as the note's readers word it
            status, said = answer_status(answer)[0], answer_words(answer.text)
            # "(pause) Tablets.", "I've got the guns.": a way told is a plan told; "No. No. I dunno." is for the clinician
            told = status == unclear and said.strip() and not (_DENIES.search(said) or hedged(said) or "?" in said)
            kind, phrase, status = PLAN, plan.group(0), endorsed if told else status if status in (denied, endorsed) else unclear
        elif acted and since <= ACTED_WINDOW:
            status = answer_status(answer)[0]
            kind, phrase = ACTED_ON, acted.group(0)
            status = status if status in (denied, endorsed) else unclear
        elif means and means[1]:  # "How would you feel about getting rid of them?": removing means, a step
            kind, phrase = SAFETY_STEPS, f"removing means: {means[0].group(0).lower()}"
            status = unclear if _UNSURE.search(answer_words(answer.text)) or _REFUSED.search(answer_words(answer.text)) else AGREED
        elif means:
            kind, phrase, status = MEANS, means[0].group(0), _means_status(answer.text, denied, unclear)
        else:
            step = _step(utt, answer, any(f["category"] == SAFETY_STEPS and f["evidence"][0] in recent for f in found))
            said = answer_words(answer.text)
            # "I call you? But at night...", "Yeah. Probably.": the client is not sure of the step
            unsure = (_UNSURE.search(said) or _HEDGED.search(said) or re.match(r"[^.!]*\?", answer.text)
                      or (len(said.split()) <= 4 and re.search(r"\b(?:probably|maybe|i think so|i guess)\b", said, re.I)))
            if step:
                kind, phrase, status = SAFETY_STEPS, step, unclear if unsure else AGREED
        if kind:
            found.append({"category": kind, "segment_id": answer.id, "speaker": answer.speaker, "phrase": phrase,
                          "text": answer.text, "status": status, "detail": "", "evidence": [utt.id, answer.id],
                          "categories": [kind]})
            listed |= {utt.id, answer.id}
    return found
