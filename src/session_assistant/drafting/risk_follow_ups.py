"""The follow-up answers a risk assessment holds, read from the talk around a suicide-risk line for
``risk_note``'s line: plan, intent, preparation and past attempts asked and answered; the means the
client named and the steps agreed to put them away; the reasons for living given; whether the client
said they are safe; how often and how long the thoughts come; a past attempt the clinician names;
the safety plan made and the crisis contacts given. Each fact quotes the client's line and cites the
question and the answer.

Why apart from ``risk_note``: that module decides what the note says of risk and where (which
classified items, which part, the Plan's means steps named once); this one only reads the talk for
the facts it is given to add, each reader a function of the lines.
"""

from __future__ import annotations

import re
from typing import Callable

from session_assistant.drafting.risk import is_clinician, risk_categories
from session_assistant.drafting.risk_after_screen import someone_elses
from session_assistant.drafting.risk_words import ANSWER_AFFIRMS as _AFFIRM
from session_assistant.drafting.risk_choice import hedged
from session_assistant.drafting.risk_who import answer_words
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import split_sentences

QUOTE_MAX_WORDS = 16
# A follow-up question (plan, intent, ...) counts only this close after a suicide-risk line: "any
# plans for the weekend?" elsewhere in a session is not a risk question.
FOLLOW_UP_WINDOW = 10
# "You haven't thought about a method, or made any plans." asks by reflecting; a long summary that
# lists "without a plan" among much else does not ask (08, line 170).
REFLECTION_MAX_WORDS = 15
MEANS_WINDOW = 40  # steps to put means away are agreed later, in the safety plan

FOLLOW_UPS: tuple[tuple[str, re.Pattern], ...] = (
    ("past attempts", re.compile(r"\b(?:attempt\w*|(?:ever|in the past|before)\b[^.?]*\btried)\b", re.I)),
    ("preparatory behaviour", re.compile(r"\bprepar\w*|\bgiv(?:e|ing) (?:things|stuff|belongings) away|"
                                          r"\bwrit(?:e|ing) (?:a )?notes?\b|\blook(?:ing)? things up\b", re.I)),
    ("intent", re.compile(r"\bintent(?:ion)?s?\b|\bact(?:ing)? on (?:them|these|those|it|the thoughts)\b", re.I)),
    # "something we plan carefully" is the verb: it asks about no plan to die
    ("plan", re.compile(r"\b(?<!safety )(?<!treatment )(?<!we )(?<!to )(?<!I )(?<!we'll )(?<!let's )plans?\b(?! (?:for|to) (?:the|this|next|tomorrow))|"
                        r"\bmethod\b|\bthought about how\b", re.I)),
)
_MEANS_QUESTION = re.compile(r"\b(?:firearms?|guns?|weapons?|rifles?|stockpil\w*|medications?|pills|blades?|knives|"
                            r"access to anything)\b", re.I)
_MEANS = re.compile(r"\b(?:(?:hunting|sleeping|old|loaded|prescription)\s+)?"
                    r"(?:rifles?|shotguns?|guns?|pistols?|firearms?|pills|tablets|medications?|knives|razors?|blades?)\b", re.I)
# "keeps saying", "keep trying": keep as "go on" puts nothing away.
_ASKS_MEANS_KEPT = re.compile(r"\baccess\b|\bat home\b|\bin the (?:house|flat|home)\b|\bwhere (?:are|do you keep|is)\b|"
                             r"\b(?:have|got|keep) (?:any|some)\b", re.I)
_PUT_AWAY = re.compile(r"\bkeep\w*\b(?! (?:on )?\w+ing\b)|\b(?:give|lock|store|hand|get rid|take|drop off|dispose|throw)\w*\b",
                       re.I)
# A past attempt the clinician names from what the client told before ("The overdose, when you were
# twenty-two."): a risk note carries the history. Only suicide words: "your attempt at the exposure"
# is no attempt, and "the overdose on coffee" is ordinary (risk.ORDINARY_SPANS).
_ATTEMPT_NAMED = re.compile(r"\b(?:overdos\w*|suicide attempt\w*|attempted suicide|(?:tried|attempted) to "
                            r"(?:kill yourself|end your life|take your (?:own )?life))\b", re.I)
_PAST_MARK = re.compile(r"\bwhen you were\b|\b(?:years?|months?) ago\b|\blast year\b|\bin the past\b|\bback (?:then|in)\b|"
                        r"\bhistory\b|\bbefore\b|\bin (?:19|20)\d\d\b|\bat (?:the age of )?(?:\d+|[a-z]+-[a-z]+)\b", re.I)
_REASONS = re.compile(r"\breasons? (?:for|to) (?:living|live|stay(?:ing)? (?:safe|alive))\b", re.I)
# Asked right after the thoughts or a near act, what held the client back names the protective factors as well:
# "What stopped you, do you think?", "What's kept you going?", "What keeps you here?"; not "what stopped you going
# to the gym" (a task), nor the clinician's "what stops you from telling her?" (a step).
_HELD_BACK = re.compile(r"\bwhat(?:'s| has| is)? (?:stopped|stops|kept|keeps|held|holds) you\b(?:(?: going| safe| alive| here| back)\b)?"
                        r"(?! (?:from )?(?:\w+ing|to)\b)[^?]{0,20}\?", re.I)
# The clinician putting the risk back in a sentence that tells it apart ("So it's a wish to escape and rest, not to
# end your life or not be here.") and the client agreeing ("Exactly."): the risk formulation, in both their words.
_SUMMED_UP = re.compile(r"^(?:(?:okay|right|mm),?\s+)?so,?\s+(?:it'?s|it is|you'?re|you are|what I'?m hearing is|it sounds like)\b"
                        r"[^?]*\b(?:not|rather than|more than|isn'?t)\b[^?]*[.!]$", re.I)
# ... naming the risk, told apart or not (the risk words read a negated "not to end your life" as no risk)
_RISK_NAMED = re.compile(r"\b(?:end(?:ing)? (?:your|my|his|her) life|kill\w* (?:your|my|him|her)sel(?:f|ves)|suicid\w*|(?:be|being) here"
                         r"|better off dead|harm\w* (?:your|my|him|her)self|self-harm\w*|(?:be|being) alive)\b", re.I)
_AGREES = re.compile(r"^\W*(?:exactly|yes|yeah|yep|that'?s (?:right|it)|right|correct)\b", re.I)
_SAFE_NOW = re.compile(r"\bare you (?:feeling )?safe\b(?! at home| with)", re.I)
_SAFE_YES = re.compile(r"^\s*(?:yes|yeah|yep|i am|i'?m safe)\b|\bi'?m safe\b", re.I)
_SAFE_NO = re.compile(r"^\s*(?:no|not really|i don'?t know)\b", re.I)
_SAFETY_PLAN = re.compile(r"\bsafety plan\b", re.I)
_MAKE_PLAN = re.compile(r"\b(?:make|making|write|writing|work on|working on|create|build|put together|do)\b[^.?]*"
                        r"\bsafety plan\b", re.I)
DENIES = re.compile(r"^\s*(?:no|nope|nah|never|not really|not at all|absolutely not|definitely not|nothing)\b", re.I)
_WARNING_SIGNS = re.compile(r"\bwarning signs?\b", re.I)
_CRISIS = re.compile(r"\b988\b|\b911\b|\bcrisis (?:line|text line|number|team)\b|\bhotline\b|\blifeline\b|"
                     r"\bafter-hours line\b|\bemergency room\b|\bemergency department\b", re.I)
_HOW_OFTEN = re.compile(r"\bhow often\b|\bhow many (?:times|days|nights)\b|\bhow frequent", re.I)
_HOW_LONG = re.compile(r"\bhow long\b[^?]*\b(?:last|go on|stay)\b|\bhow long (?:has|have) (?:it|this|that|they) been\b|"
                       r"\b(?:is|was) (?:that|this|\w+day) the first time\b|\bhappened before\b", re.I)
# A disclosure's other follow-ups (self-harm): the last time and what was used.
_MOST_RECENT = re.compile(r"\b(?:the )?most recent(?: time)?\b|\bwhen was the last\b|\bthe last time you\b|\blast time it happened\b",
                          re.I)
_METHOD = re.compile(r"\bwhat (?:do|did) you (?:use|cut with|do it with)\b|\bhow do you (?:cut|hurt|burn)\b", re.I)

# add(key, fact, lines): records a fact under its key; the first fact of a key wins
Add = Callable[[str, str, list[int]], None]


def quote(text: str, around: str = "") -> str:
    """The client's words, short enough for a note: the sentences up to ``QUOTE_MAX_WORDS`` words,
    or the one sentence holding ``around``."""
    sentences = split_sentences(" ".join(text.split()))
    if around:
        sentences = [s for s in sentences if around.lower() in s.lower()] or sentences
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join(kept + [sentence]).split()) > QUOTE_MAX_WORDS:
            break
        kept.append(sentence)
    said = " ".join(kept)
    words = said.split()
    at = said.lower().find(around.lower()) if around else -1
    start = max(0, len(said[:at].split()) - 3) if at >= 0 else 0
    if start and len(words) > QUOTE_MAX_WORDS:  # the words that matter lie past the cut: the quote starts near them
        words, said = words[start:], "... " + " ".join(words[start:])
    if len(words) > QUOTE_MAX_WORDS:
        said = " ".join(said.split()[:QUOTE_MAX_WORDS + (said.startswith("... "))]).rstrip(",;:") + " ..."
    return f'"{said}"'


def client_answer(lines: list[Utterance], at: int) -> Utterance | None:
    """The client's answer to the clinician's line at position ``at``: one of the next two lines."""
    return next((later for later in lines[at + 1:at + 3] if later.speaker and not is_clinician(later.speaker)), None)


def asked(utt: Utterance, pattern: re.Pattern) -> bool:
    """The clinician asks it: a sentence holding the words ends with "?" or reflects a denial."""
    return any(pattern.search(s) and (s.rstrip().endswith("?") or (len(s.split()) <= REFLECTION_MAX_WORDS and re.search(
        r"\b(?:haven'?t|not|no)\b", s, re.I))) for s in split_sentences(utt.text))



# A plan or a preparation is often answered by telling it ("The tablets in the kitchen drawer. I've counted
# them."), an intent by a rating ("Five. Maybe a bit less."), not by "yes": each is endorsed all the same.
TOLD_MIN_WORDS = 6
_UNSURE = re.compile(r"\b(?:don'?t know|not sure|no idea|haven'?t (?:got|thought)|not really|not yet)\b", re.I)
_RATING = re.compile(r"^\W*(?:(?:right now|now|today|honestly|maybe|probably|about|around|I'?d say|sat here)[\s,?.]*)*"
                     r"(?:[1-9]|10|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


# Told only to a question about the act itself: "Let's write the plan down. Warning signs?" (a safety plan's
# step) is answered by telling too.
_ASKS_HOW = {"plan": re.compile(r"\bhow (?:you(?:'d)?|would you|you would|you might)\b|\bmethod\b", re.I),
             "preparatory behaviour": re.compile(r"\bprepar\w*|\bget(?:ting)? ready\b", re.I),
             "intent": re.compile(r"\b(?:nought|zero|0|one|1) (?:to|and|-) (?:ten|10)\b|\bscale\b", re.I)}


def _told(label: str, question: str, answer: str) -> bool:
    if label not in _ASKS_HOW or not _ASKS_HOW[label].search(question) or re.search(r"\bsafety plan\b", question, re.I):
        return False
    if label == "intent":
        return bool(_RATING.search(answer))
    if label in ("plan", "preparatory behaviour"):
        return (len(answer.split()) >= TOLD_MIN_WORDS and not _UNSURE.search(answer) and not answer.rstrip().endswith("?")
                and not re.match(r"\s*(?:no|nope|nah|never|nothing)\b", answer, re.I))
    return False


def _means_asked_kept(question: str) -> re.Match | None:
    """The means a question asks to keep, have or put away ("Could you give the pills to Jo?", "And the
    pills?"), never one item of a bag's contents ("Could you keep a bag at Nicola's? Spare keys, some
    money, your passport, any medication?" packs a bag to leave with; 93)."""
    sentences = split_sentences(question)
    asks_kept = (_PUT_AWAY.search(question) or _ASKS_MEANS_KEPT.search(question)
                 or any(_MEANS.search(s) and len(s.split()) <= 6 for s in sentences))  # "And the pills?"
    named = [m for s in sentences if not _among_belongings(s) for m in [_MEANS.search(s)] if m]
    return named[0] if asks_kept and named else None


# What a bag packed to leave in a hurry holds (a safety plan for domestic abuse): tablets beside these are packed, not put away.
_BELONGINGS = re.compile(r"\b(?:(?:spare |car |house )?keys|money|cash|passports?|birth certificates?|documents|papers|(?:bank |debit )?cards|"
                         r"chargers?|clothes|toiletries|phones?)\b", re.I)


def _among_belongings(sentence: str) -> bool:
    """The means named among two or more things of a packed bag (keys, money, a passport)."""
    return len(_BELONGINGS.findall(sentence)) >= 2


def follow_up(utt: Utterance, answer: Utterance, near: bool, since_first: int, add: Add, within: bool = False) -> None:
    """Plan, intent, preparation, past attempts, means, reasons for living, safe now: one each. ``within``:
    the line stands inside talk of risk the client endorsed (between its first and last risk lines), however
    long it runs: only there is "What stopped you?" asked of an act."""
    ids = [utt.id, answer.id]
    if near and not _SAFETY_PLAN.search(utt.text):
        for label, pattern in FOLLOW_UPS:
            if pattern.search(utt.text) and asked(utt, pattern):
                said = answer_words(answer.text)
                if DENIES.search(said) and hedged(said):
                    # "No. I don't know. Maybe." to "Any plans?": the clinician's to follow up, no denial
                    add(f"{label}:asked", f"{label} asked about, client answered ({quote(answer.text)})", ids)
                elif DENIES.search(said):
                    add(f"{label}:denied", f"{label} denied ({quote(answer.text)})", ids)
                elif utt.text.rstrip().endswith("?") and (_AFFIRM.search(answer.text) or _told(label, utt.text, answer.text)):
                    add(f"{label}:endorsed", f"{label} endorsed ({quote(answer.text)})", ids)
    if _MEANS_QUESTION.search(utt.text) and utt.text.rstrip().endswith("?") and not someone_elses(utt.text):
        named = list(dict.fromkeys(m.group(0).lower() for m in _MEANS.finditer(answer.text)))
        if since_first <= MEANS_WINDOW and DENIES.search(answer_words(answer.text)):
            add("means", f"access to means denied ({quote(answer.text)})", ids)
        elif since_first <= MEANS_WINDOW and named:
            add("means", f"access to means: {', '.join(named)}", ids)
        elif (since_first <= MEANS_WINDOW and _ASKS_MEANS_KEPT.search(utt.text) and not _AFFIRM.search(answer.text)
              and not answer.text.rstrip().endswith("?") and len(answer.text.split()) >= 4):  # not "Today?" (31)
            # "Where are the blades now?" - "One's in my pencil case. There's another one at home.": the
            # answer says where, not what; the question names the means.
            asked_for = _MEANS.search(utt.text)
            if asked_for is not None:
                add("means", f"access to means: {asked_for.group(0).lower()} ({quote(answer.text)})", ids)
        away = [s for s in split_sentences(answer.text) if _PUT_AWAY.search(s)]
        # "them" in the answer names the question's means only when the question asks about having or
        # putting them away, or is about them alone ("And the pills?"): "Not the kitchen, where there are knives?" - "She can take them and go out"
        # (the children, a way out of a violent home; 50) puts no knives away.
        what = (_MEANS.search(away[0]) or _means_asked_kept(utt.text)) if away else None
        if what is not None and not DENIES.search(answer_words(answer.text)):
            name = what.group(0).lower()
            add("away:" + name.split()[-1], f"{name} to be put away ({quote(away[0])})", ids)
        # "No. Mum has the razors in her bathroom and the pills are locked." denies access and says
        # where the means are kept: a means check documented, for the Plan.
        kept = [s for s in away if _MEANS.search(s)]
        if kept and DENIES.search(answer_words(answer.text)) and since_first > MEANS_WINDOW:  # nearer, the denial above quotes it
            names = list(dict.fromkeys(m.group(0).lower() for m in _MEANS.finditer(kept[0])))
            add("kept:" + " and ".join(n.split()[-1] for n in names), f"{' and '.join(names)} kept away ({quote(kept[0])})", ids)
    held_back = within and _HELD_BACK.search(utt.text) and not _UNSURE.search(answer.text) and not DENIES.search(answer_words(answer.text))
    if asked(utt, _REASONS) and _REASONS.search(utt.text):
        add("reasons", f"reasons for living given ({quote(answer.text)})", ids)
    elif held_back:
        add("reasons", f"protective factors named, asked what held the client back ({quote(answer.text)})", ids)
    summed = [x for x in split_sentences(" ".join(utt.text.split())) if _SUMMED_UP.match(x) and _RISK_NAMED.search(x)]
    if near and summed and _AGREES.match(answer.text):
        add("summed up", f"clinician's summary, which the client confirmed (\"{summed[-1]}\" - {quote(answer.text)})", ids)
    if _SAFE_NOW.search(utt.text):
        if _SAFE_YES.search(answer.text):
            add("safe", f"stated being safe ({quote(answer.text)})", ids)
        elif _SAFE_NO.search(answer.text):
            add("safe", f"did not state being safe ({quote(answer.text)})", ids)


def attempt_history(lines: list[Utterance], add: Add) -> None:
    """A past attempt the clinician names and the client confirms (not a no): history, quoted."""
    for n, utt in enumerate(lines):
        if not (utt.speaker and is_clinician(utt.speaker)):
            continue
        named = _ATTEMPT_NAMED.search(utt.text)
        if named is None or not _PAST_MARK.search(utt.text) or "suicidal_ideation" not in dict(risk_categories(utt.text)):
            continue
        answer = client_answer(lines, n)
        if answer is None or DENIES.search(answer_words(answer.text)):
            continue
        add("past attempts:reported", f"history of suicide attempt reported ({quote(answer.text)}, to the "
            f"clinician's {quote(utt.text, named.group(0))})", [utt.id, answer.id])
        return


def frequency(lines: list[Utterance], risk_lines: list[int], said: dict) -> None:
    """How often and how long the endorsed thoughts (or acts) come, the last time and what was used,
    in the client's words, added to the endorsed fact (the first endorsed one: the thoughts the clinician asked about).
    Asked close after any suicide-risk line (``risk_lines``, positions): after the plan question the client denied too."""
    endorsed = next((key for key, (fact, _) in said.items() if " endorsed (" in fact), None)
    if endorsed is None:
        return
    fact, ids = said[endorsed]
    extra: list[str] = []
    near = sorted({n for r in risk_lines for n in range(r, min(len(lines), r + FOLLOW_UP_WINDOW))})
    for n in near:
        utt = lines[n]
        answer = client_answer(lines, n) if is_clinician(utt.speaker) else None
        for name, pattern in (("how often", _HOW_OFTEN), ("how long", _HOW_LONG), ("most recent", _MOST_RECENT),
                              ("method", _METHOD)):
            if answer is not None and pattern.search(utt.text) and not any(e.startswith(name) for e in extra):
                extra.append(f"{name}: {quote(answer.text)}")
                ids = ids + [utt.id, answer.id]
    said[endorsed] = (fact + "".join(f"; {e}" for e in extra) + ")", ids)


def safety_plan(lines: list[Utterance], subject: str) -> tuple[str, list[int]] | None:
    """"safety plan made" when the clinician proposed making one and the client agreed ("reviewed"
    for one the client already has), with the warning signs the client named and the crisis
    contacts the clinician gave."""
    for n, utt in enumerate(lines):
        answer = client_answer(lines, n) if is_clinician(utt.speaker) and _SAFETY_PLAN.search(utt.text) else None
        if answer is not None and (_AFFIRM.search(answer.text) or re.match(r"\s*(?:okay|ok|sure|alright)\b",
                                                                            answer.text, re.I)):
            break
    else:
        return None
    ids = [utt.id, answer.id]
    parts = [f"safety plan made with the {subject}" if _MAKE_PLAN.search(utt.text) else "safety plan reviewed"]
    for m, line in enumerate(lines[n:], n):
        signs = client_answer(lines, m) if is_clinician(line.speaker) and _WARNING_SIGNS.search(line.text) else None
        if signs is not None:
            parts.append(f"warning signs: {quote(signs.text)}")
            ids += [line.id, signs.id]
            break
    contacts = [(line.id, match.group(0)) for line in lines[n:] if is_clinician(line.speaker)
                for match in _CRISIS.finditer(line.text)]
    if contacts:
        parts.append("crisis contacts given (" + ", ".join(dict.fromkeys(word for _, word in contacts)) + ")")
        ids += sorted({i for i, _ in contacts})
    return "; ".join(parts), ids


