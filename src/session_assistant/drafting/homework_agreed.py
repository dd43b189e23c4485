"""Homework agreed in back-and-forth, found by rule when no line announces it ("Homework is ...").

Why: many clinicians never say "homework". They ask ("Could you write them down?", "What about
eleven?", "Would you try a worry slot?"), suggest ("So, text your brother before a party."), or
recap the week in fragments ("So. The call on Tuesday. Breathing before meetings. And keep the
log."), and the client agrees ("On my phone, yeah.", "One I could do.", "Deal."); or the client
commits in their own words ("I'll call the office."). The announcement rule (``plan_said``) finds
none of that, and the Plan lost every item (sessions written by other people, therapy set 13-18).

What counts, each quoted with its line (and the answer's): a clinician's proposal to the client
for the time after the session (a question or suggestion addressed to "you", or an imperative
with a verb of doing) in the second half, that the client's next line agrees to; a clinician's
closing recap of several short items that the client agrees to; a client's "I'll <do something>".
In-session proposals ("Can we practise it?", "Can I write that down?", "read me", "tell me") are
not homework. A proposal about risk, the next visit or a referral is left to those rules.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import AGREES, ASKS_WHAT_WAS_MISSED, REFUSES, asks_later
from session_assistant.drafting.plan_safety import PHONE_CALL
from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.homework_in_room import AT_CONVENIENCE, done_in_room
from session_assistant.drafting.homework_week import week_items
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import ASKED_IN_ROOM, NEXT_VISIT, WEEKDAY, WHEN_OUTSIDE
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to
from session_assistant.drafting.joint_session import label

_SENTENCES = SENTENCE_BREAK
_LEAD = r"^(?:(?:and|so|okay|ok|then|just|now|um|uh|well|good|great|alright)[,.]?\s+)*"
# and the time it is for, said first: "For this week, could you ...?"
_LEAD += r"(?:(?:for |over |during )?(?:this|the coming) week,?\s+|before (?:next time|we meet),?\s+)?"
# A verb of something the client would do between sessions.
_DO = (r"(?:text|call|phone|ring|ask|write|jot|keep|bring|try|use|do|practi[sc]e|go|leave|drive|ride|cycle|add|put|read|walk|take|tell|send"
       r"|delete|block|say|meet|book|sit|stand|move|stop|start|check|notice|breathe|plan|schedule|set|fill|record|log|mention"
       r"|talk|look (?:at|into)|sign up|join|visit|answer|reply|turn|charge|swap|cut|drink|eat|get up|get out|come|carry)")
_PROPOSAL = re.compile(_LEAD + r"(?:(?:could|would|can|will) (?:(?:one|both|each|either|all|any) of )?you(?: be (?:willing|able|open) to)?(?: maybe| also| just| um,?)* " + _DO
                       # "What about noon?", "How about trying it once?", never "What about any family history?"
                       + r"|(?:what|how) about (?:just,? |like,? )*(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b"
                       r"|ten\b|eleven\b|twelve\b|noon\b|midnight\b|tonight\b|tomorrow\b|a\b|an\b|\w+ing\b)"
                       + r"|what if\b|maybe you (?:could )?" + _DO
                       # An imperative ("Keep the diary going."), never a question ("Do you drink?", "Do you have any questions?").
                       + r"|" + _DO + r"\b(?!\s+(?:you|ahead|on)\b)(?![^.!?]*\?))"
                       # "And the Sunday review, try for both Sundays.", "And the breathing, keep going with the car, and
                       # maybe add it once in the evening?": the item named, then the imperative, asked or told
                       r"|^(?:and |so )?the [\w' -]{3,30}, (?:" + _DO + r")\b"
                       r"|\bif you\b[^.?!]*\byou " + _DO + r"\b", re.I)
# Proposals that are for the room, not the week.
# (``ASKED_IN_ROOM``: the room's requests, imagery and the past) and the goodbyes around them.
_IN_ROOM = re.compile(ASKED_IN_ROOM.pattern + r"|\b(?:here|now|go back|look at (?:that|this|the|it)\b|hear me|see (?:it|that)"
                      r"|I(?:'ll| will)? be\b|I'?m (?:[A-Z]|Tyler)|let'?s|let us|I(?:'ve| have)? notic\w*"
                      r"|let me know|take care|good luck|drive safe|don'?t lose)\b", re.I)
_NOT_HOMEWORK = re.compile(r"\b(?:" + NEXT_VISIT + r"|next week|doctor|GP|Dr\.|referral|refer"
                           r"|psychiatrist|meeting|group|program|988|crisis|safety plan|after-hours"
                           # "Could you come on Thursday at eleven?": the next visit, its own line (73)
                           r"|come (?:in |back |here )?(?:on |next |this )?(?:" + WEEKDAY + r"))\b", re.I)
_NEXT_VISIT = re.compile(r"\b(?:" + NEXT_VISIT + r")\b", re.I)
# A safety plan is built line by line ("Walk the dog, woodworking. What else?"): its steps are the
# safety plan's, which the risk rules carry, not the week's homework.
_SAFETY_PLANNING = re.compile(r"\b(?:safety plan|warning signs?|reasons? for living|crisis line|coping (?:strategies|steps))\b", re.I)
SAFETY_LOOKBACK = 8
_RECAP_OPENS = re.compile(r"(?:^|[.!?]\s+)so\b", re.I)
# The clinician taking up what the client proposed: "I like that.", "Good idea."
_TAKEN_UP = re.compile(_LEAD + r"(?:I like (?:that|it|the \w+)|(?:that'?s|sounds like) a (?:good|great) (?:idea|plan)|good idea|great idea"
                       r"|perfect)\b", re.I)
# The clinician going on after an answer that neither agreed nor refused: the proposal stands.
_GOES_ON = re.compile(r"^(?:sort of,?\s+)?(?:yes|yeah|exactly|okay|ok|good|great|right)\b", re.I)
_AGREED_TO = re.compile(r"\b(?:agreed to|you'?ve agreed|we agreed|you agreed)\b", re.I)
# The clinician asking for the client's own plan: the answer is the plan, in the client's words.
_ASKS_PLAN = re.compile(r"\bwhat(?:'s| is) one (?:small )?thing\b|\bwhat do you want to (?:take|do|try)\b|\bwhat could (?:that|it) look like\b"
                        r"|\bwhat (?:will|could|can) you do\b"
                        # asked for a target the client can meet: "What would be reasonable?", "Is three realistic? ... What would be?"
                        r"|\bwhat(?:'s| is| would be) (?:more )?(?:realistic|reasonable|doable|manageable)\b|\bwhat would be\?", re.I)
_IN_ROOM_ANSWER = re.compile(r"\b(?:now|done|right here)\b", re.I)
_CLIENT_WILL = re.compile(r"\bI(?:'ll| will) (?:also |just |maybe |actually |definitely |really |try (?:to |and )?)?" + _DO
                         + r"\b[^.?!]*", re.I)
# "If it's half eleven I'll just go on my phone in bed.": what would follow a condition, no commitment (unseen 124).
# ("... if she won't, but I'll tell her I'm doing it" commits again after the condition.)
_CONDITION_BEFORE = re.compile(r"\b(?:if|otherwise|or else|unless)\b(?![^.?!]*\bbut\b)[^.?!]*$", re.I)
PROPOSAL_MAX_WORDS = 30
ANSWER_MAX_WORDS = 16
RECAP_MIN_SENTENCES = 3
RECAP_MAX_WORDS = 45
FRAGMENT_MAX_WORDS = 15  # a recap's fragments are short
ITEMS_MAX = 6
_HABIT = re.compile(r"\b(?:usually|normally|sometimes|always|often|every (?:week|day|time|weekend)|once or twice|a month"
                    r"|whenever)\b", re.I)
# The rule reads a session's second half as the time when the week is planned; in an exchange of a
# few lines (a short check-in) every "okay" answers everything, so it waits for a session's length.
MIN_LINES = 20
# ... unless the clinician's proposal names the time it is for: "For this week, could you ride the train two
# stops ...?" - "Okay. Two stops ...": a short recorded session is planned like a long one.
_FOR_THE_WEEK = re.compile(r"\b(?:(?:for|this|over the|during the|in the) (?:coming |next )?week|before (?:next time|we meet|I see you)"
                           r"|until (?:next time|we meet|I see you)|between (?:now and|sessions))\b", re.I)

# (the words, who said them, the answer or None, who answered, lines)
AgreedItem = tuple[str, str, "str | None", str, list[int]]


# A read-back of what happened ("Let me summarise ... Tyler came back on Sunday with bruises, he's told you
# his dad grabbed him ...") is answered "Yeah" like a plan, but tells the past: several past-tense verbs
# and nothing that looks ahead. Irregular verbs a retelling uses most; "-ed" words less a few that are not verbs.
_PAST = re.compile(r"\b(?:was|were|had|did|didn't|came|went|told|said|got|left|took|made|felt|saw|thought|"
                   r"been|gave|ran|sat|began|found|lost|heard|knew|[a-z]{3,}ed)\b", re.I)
_NOT_PAST = {"need", "needed", "bed", "red", "feed", "seed", "speed", "shed", "tired", "scared", "worried", "used",
             "supposed", "interested", "pleased", "prepared", "relaxed", "allowed", "planned", "agreed"}
_AHEAD = re.compile(r"\b(?:will|'ll|going to|gonna|try|each|every|this week|next|tomorrow|tonight|daily|a day|keep"
                    r"|start|stop|practi[cs]e|aim|homework|plan|before we|until)\b|'ll\b", re.I)
LOOKS_BACK_MIN_PAST = 3


def _looks_back(said: str) -> bool:
    past = [w for w in _PAST.findall(said) if w.lower() not in _NOT_PAST]
    return len(past) >= LOOKS_BACK_MIN_PAST and not _AHEAD.search(said)


def _first_words(text: str, limit: int) -> str:
    return words_up_to(_SENTENCES.split(" ".join(text.split())), limit)


def _who(utt: Utterance) -> str:
    return utt.speaker.strip().lower()


# An answer that opens by asking for another step ("Could I do something smaller first? ... I could do
# the summary."): the proposal is not taken as put; what the clinician settles next is (``_settled_offer``).
_ASKS_BACK = re.compile(r"^[^.!?]*\b(?:could|can|may|shall) (?:I|we)\b[^.!?]*\?|^(?:what|how) about\b[^.!?]*\?", re.I)


def _agrees(answer: Utterance | None) -> str | None:
    if answer is None or not is_client(answer.speaker) or _ASKS_BACK.match(" ".join(answer.text.split())):
        return None
    said = _first_words(answer.text, ANSWER_MAX_WORDS) or " ".join(answer.text.split()[:ANSWER_MAX_WORDS])
    if REFUSES.search(said) or not AGREES.search(said):
        return None
    return said


# "Good. The reading group summary on Friday, and a prediction written down before. No mug. And watch
# the video at home, once." after the client asked for a smaller step: the step as the clinician settles it.
_APPROVES = re.compile(r"^(?:(?:okay|ok|good|great|yes|yeah|fine|deal|perfect|right)[,]?\s+)*(?:okay|ok|good|great|yes|yeah|fine"
                       r"|deal|perfect|right)[.!]\s+(?=\S)", re.I)
# The client putting a step of their own: "I could do the summary", "Could I start with ...?", "What if I ...?"
_OFFERS_STEP = re.compile(r"\b(?:could|can) I (?:do|try|start|go|just)\b|\bI (?:could|can|'ll|will) (?:also |just |maybe )?" + _DO
                          + r"\b|\b(?:what|how) about\b|\b(?:maybe|what if) I\b", re.I)
# Items of a settled step are not the next visit, a referral, risk or the crisis steps (a "reading group"
# or a "lab meeting" may be the step itself).
_NOT_A_STEP = re.compile(r"\b(?:" + NEXT_VISIT + r"|next week|doctor|GP|Dr\.|referral|refer|psychiatrist|988|crisis"
                         r"|safety plan|after-hours)\b", re.I)


SETTLED_STEP_MIN_WORDS = 8


def _settled_offer(text: str, before: Utterance) -> str:
    opening = _APPROVES.match(" ".join(text.split()))
    if not opening or before.speaker.strip().lower() != "client" or not _OFFERS_STEP.search(before.text):
        return ""
    sentences = [s for s in _SENTENCES.split(" ".join(text.split())[opening.end():]) if s]
    if not sentences or any(s.endswith("?") for s in sentences):
        return ""
    items = [s for s in sentences if not _NOT_A_STEP.search(s) and not mentions_risk(s)]
    # one long sentence will do ("Good. Lunch in the break room on Thursday, with Priya ..."); "Good. Fine." won't
    enough = len(items) >= 2 or (items and len(items[0].split()) >= SETTLED_STEP_MIN_WORDS)
    return words_up_to(items, RECAP_MAX_WORDS) if enough else ""


# A bare order of a few words ("Turn the wheel.", "Close your eyes.") is a step of an exercise in the
# room unless it says when, outside the session, it is done.
# (``WHEN_OUTSIDE``, and for so short an order any "when", "before", "after" or clock time.)
_LATER = re.compile(r"\b(?:" + WHEN_OUTSIDE + r"|when|before|after|\d|[ap]\.m\.)", re.I)
SHORT_ORDER_WORDS = 4


_COMMITS = re.compile(r"\b(?:I'?ll|I will|I can|I could|will do|we'?ll)\b", re.I)


def _proposals(text: str, answer: str = "") -> str:
    """The sentences of a clinician's line that propose something for the week, from the first on."""
    sentences = _SENTENCES.split(" ".join(text.split()))
    for n, sentence in enumerate(sentences):
        if (_PROPOSAL.search(sentence) and not _IN_ROOM.search(sentence) and not _NOT_HOMEWORK.search(sentence)
                and not AT_CONVENIENCE.search(sentence)):
            # up to a sentence about the next visit: "Go, and leave the phone in your bag. Okay, so next week, same time?"
            said = words_up_to(sentences[n:], PROPOSAL_MAX_WORDS, stop=lambda s: bool(_NOT_HOMEWORK.search(s)))
            if (len(sentence.split()) <= SHORT_ORDER_WORDS and not sentence.endswith("?") and not _LATER.search(said)
                    and not _COMMITS.search(answer)):
                continue  # "Turn the wheel." - "Okay. It's closed.": done in the room, not taken on
            return said
    return ""


def _recap(text: str) -> str:
    """A closing list of the week's items in fragments: "So. The call on Tuesday. Box breathing
    before meetings. And keep the log." The list as said, less its sentences about the crisis card,
    the next visit or the clinician's own task ("And the crisis card if things get worse. I'll speak
    to Sue today."), which other rules carry; "" when the line is no such list."""
    sentences = [s for s in _SENTENCES.split(" ".join(text.split())) if s]
    items = [s for s in sentences if not _NOT_HOMEWORK.search(s) and not mentions_risk(s)
             and not re.search(r"\bI(?:'ll| will)\b", s)]
    said = " ".join(items)
    # the list itself, from its "So" on, is several items ("No promises. Fair. So, normally we'd do two weeks." is none)
    opens = next((n for n, item in enumerate(items) if re.match(r"(?:(?:okay|ok|right|good)[,.]?\s+)?so\b", item, re.I)), len(items))
    if (len(items) >= RECAP_MIN_SENTENCES and len(items) - opens >= 2 and len(said.split()) <= RECAP_MAX_WORDS
            and not any(s.endswith("?") for s in items) and bool(re.search(r"\b" + _DO + r"\b", said, re.I))
            and not _IN_ROOM.search(said) and bool(_RECAP_OPENS.search(said))):
        return said
    return ""


# The clinician announcing a read-back of what was agreed: "Can I check I've got it all?", "Let me
# just go over that.", "So, to recap:". What follows is the week's list, however long or however
# its items are worded (fragments, "Lisa to get a light"), so the announcement, not the items'
# shape, marks it.
_RECAP_ANNOUNCED = re.compile(
    r"\b(?:(?:can|could|may) I (?:just )?(?:check|make sure|read (?:it|that|them|this) back|run through|go over|recap|sum up)"
    r"|let me (?:just )?(?:check|recap|sum (?:it |that |this )?up|summari[sz]e|go over|read (?:it|that|them|this) back|run through)"
    r"|let'?s (?:just )?(?:recap|sum (?:it |that |this )?up|go over (?:it|that|what)|run through)"
    r"|to (?:recap|sum (?:it |that |this )?up|summari[sz]e)|in summary)\b"
    r"|^(?:(?:so|okay|ok|right),?\s+)?(?:a |quick |a quick )?recap\b", re.I)  # "So, recap. GP, Monday. ..." (47)
RECAP_ANNOUNCED_MAX_WORDS = 80
RECAP_ANNOUNCED_MIN_ITEMS = 2


# A read-back that ends asking what it left out is confirmed by a no.
_NOTHING_MISSED = re.compile(r"^\s*(?:no\b|nope\b|nah\b|(?:I )?don'?t think so\b|not that I can think of\b|that'?s (?:it|everything|all)\b"
                             r"|I think that'?s (?:it|everything|all)\b)", re.I)


def _announced_recap(text: str) -> str:
    """The items a clinician reads back after announcing it ("Can I check I've got it all? Bed at half
    ten, up at seven. Ring Margaret on Tuesday. And keep the sleep diary."), up to the first question
    after them; items about the next visit, a referral or the room are left to their own rules."""
    sentences = [s for s in _SENTENCES.split(" ".join(text.split())) if s]
    start = next((n for n, s in enumerate(sentences) if _RECAP_ANNOUNCED.search(s)), None)
    if start is None:
        return ""
    head = sentences[start]
    items = [head.split(":", 1)[1].strip()] if ":" in head and head.split(":", 1)[1].strip() else []
    for sentence in sentences[start + 1:]:
        if sentence.endswith("?"):
            break
        if not _NOT_HOMEWORK.search(sentence) and not mentions_risk(sentence):
            items.append(sentence)
    said = " ".join(items)
    if len(items) < RECAP_ANNOUNCED_MIN_ITEMS or not re.search(r"\b" + _DO + r"\b", said, re.I):
        return ""
    return words_up_to(items, RECAP_ANNOUNCED_MAX_WORDS)


_WHEN_SAID = re.compile(r"\b(?:" + WEEKDAY + r"|morning|evening|tonight|tomorrow)\b", re.I)


def _recap_tail(text: str) -> str:
    """A line that ends by settling the week's steps in fragments after something else ("It's a known
    thing. Body doubling. So Tuesday, café, nine-thirty, twenty minutes. Then Thursday, the same for
    the first invoice."): from its last sentence opening "So" on, two sentences or more naming a day."""
    sentences = [s for s in _SENTENCES.split(" ".join(text.split())) if s]
    start = next((n for n in range(len(sentences) - 1, -1, -1) if re.match(r"so\b", sentences[n], re.I)), None)
    if start is None:
        return ""
    tail = sentences[start:]
    said = " ".join(tail)
    if (len(tail) < 2 or len(said.split()) > RECAP_MAX_WORDS or any(s.endswith("?") for s in tail)
            or not _WHEN_SAID.search(said) or _IN_ROOM.search(said) or _NOT_HOMEWORK.search(said)
            or any(len(s.split()) > FRAGMENT_MAX_WORDS for s in tail)):
        return ""
    return said


_QUOTED = re.compile(r'"([^"]+)"')
ECHO_SHARE = 0.7


def _said_at_once(proposal: str, answer: str) -> bool:
    """True when the client's answer says the very words the proposal quotes: the exercise was done
    there and then, in the room, not taken on for the week."""
    heard = set(re.findall(r"[a-z']+", answer.lower()))
    for quoted in _QUOTED.findall(proposal):
        words = re.findall(r"[a-z']+", quoted.lower())
        if len(words) >= 3 and sum(w in heard for w in words) >= ECHO_SHARE * len(words):
            return True
    return False


def homework_agreed(utterances: Sequence[Utterance]) -> list[AgreedItem]:
    """The items agreed for the time until the next session, in session order (see the module)."""
    lines = [u for u in utterances if u.speaker]
    found: list[AgreedItem] = []
    seen: set[int] = set()
    short = len(lines) < MIN_LINES
    for n in range(len(lines) // 2, len(lines)):
        utt = lines[n]
        answer = lines[n + 1] if n + 1 < len(lines) else None
        if short and (is_client(utt.speaker) or not _FOR_THE_WEEK.search(utt.text)):
            continue
        if is_client(utt.speaker):
            # a parent's or partner's own commitment is the family's plan too ("I'll set the timer on the app tonight.")
            if _HABIT.search(utt.text):
                continue  # "maybe I'll once or twice a month ... I'll go out and drink a lot" tells a habit
            if n and not is_client(lines[n - 1].speaker) and _NEXT_VISIT.search(lines[n - 1].text):
                continue  # "Same time in two weeks?" - "If Pat can do it. I'll ring you if not.": about the visit
            for match in _CLIENT_WILL.finditer(utt.text):
                if _CONDITION_BEFORE.search(utt.text[:match.start()]):
                    continue
                said = match.group(0).strip(" ,")
                if (len(said.split()) >= 4 and not _NOT_HOMEWORK.search(said) and not _IN_ROOM_ANSWER.search(said)
                        and not mentions_risk(said) and utt.id not in seen):
                    found.append((said, _who(utt), None, "", [utt.id]))
                    seen.add(utt.id)
            continue
        if PHONE_CALL.match(utt.text):
            continue  # "(phones) ... Could you come and pick her up?": asked of someone on the phone, not the client
        recap = _announced_recap(utt.text)
        asks_missed = bool(recap) and bool(ASKS_WHAT_WAS_MISSED.search(utt.text))
        # Safety-plan steps are the risk note's, not homework; a read-back of the week's items that asks
        # what it left out still is ("So, recap. GP, Monday. ... Tell Jess she's on the safety plan. ...
        # Have I missed anything?", 47; its items leave out what names risk). A read-back of the session
        # ("The divorce became final on Monday ...", 09) is not.
        if mentions_risk(utt.text) or (any(_SAFETY_PLANNING.search(u.text) for u in lines[max(0, n - SAFETY_LOOKBACK):n + 1])
                                       and not asks_missed):
            continue
        before = lines[n - 1]
        if (_TAKEN_UP.search(utt.text) and before.speaker.strip().lower() == "client" and before.id not in seen
                and not before.text.rstrip().endswith("?") and not _NOT_HOMEWORK.search(before.text)):
            said = _first_words(before.text, ANSWER_MAX_WORDS + 4)
            if len(said.split()) >= 3:  # the client's own proposal, taken up
                found.append((said, "client", None, "", [before.id, utt.id]))
                seen.update({before.id, utt.id})
        agreed_to = next((s for s in _SENTENCES.split(" ".join(utt.text.split())) if _AGREED_TO.search(s)), None)
        if agreed_to and not _NOT_HOMEWORK.search(agreed_to):
            found.append((agreed_to, "clinician", None, "", [utt.id]))
            seen.add(utt.id)
            continue
        if (_ASKS_PLAN.search(utt.text) and answer is not None and answer.speaker.strip().lower() == "client"
                and not answer.text.rstrip().endswith("?") and answer.id not in seen):
            said = _first_words(answer.text, ANSWER_MAX_WORDS + 4)
            # "What's realistic?" - "Not ten. Ten is a baby time.": a step of the bargaining, not the plan
            if len(said.split()) >= 3 and not REFUSES.search(said) and not _NOT_HOMEWORK.search(said) \
                    and not re.match(r"not\b", said, re.I):
                found.append((said, "client", None, "", [utt.id, answer.id]))
                seen.update({utt.id, answer.id})
                continue
        agreed = _agrees(answer)
        then = lines[n + 2] if n + 2 < len(lines) else None
        if agreed is None and answer is not None and is_client(answer.speaker) and not REFUSES.search(answer.text) \
                and not _ASKS_BACK.match(" ".join(answer.text.split())) \
                and then is not None and then.speaker == utt.speaker and _GOES_ON.search(then.text):
            agreed = _first_words(answer.text, ANSWER_MAX_WORDS) or None
        if agreed is None and asks_missed and answer is not None and is_client(answer.speaker) \
                and _NOTHING_MISSED.match(answer.text):
            agreed = ""  # "Have I missed anything?" - "Don't think so." (47): confirmed, though a no is no quote to show
        if agreed is None or _IN_ROOM_ANSWER.search(agreed):
            continue
        settled = _settled_offer(utt.text, before)
        proposal = recap or _recap(utt.text) or settled or (_proposals(utt.text, agreed)
                                                            or _recap_tail(utt.text))
        if _said_at_once(proposal, answer.text if answer is not None else ""):
            continue  # "Can you say it out loud? "I'm having the thought ..."" - "I'm having the thought ...": done in the room
        if not (recap or settled) and done_in_room(lines, n, proposal):
            continue  # "For this one, ... Just talk about the peat." - "Okay. Go.": an exercise of the session
        if len(proposal.split()) >= 3 and (recap or _recap(utt.text) or not _IN_ROOM.search(proposal)) \
                and not _looks_back(proposal):
            after = " ".join(utt.text.split()).partition(proposal)[2]
            # "Keep the ladder sheet. Dad, could I write to school?" - "Yeah, that'd help.": the answer is to the later question
            shown = "" if asks_later(after) and not proposal.rstrip().endswith("?") else agreed
            found.append((proposal, "clinician", shown, _who(answer) if shown else "", [utt.id, answer.id]))
            seen.update({utt.id, answer.id})
    week = [] if short else week_items(lines)
    if week:  # the week settled over several lines: its items, with the ones agreed elsewhere
        in_week = {i for *_, ids in week for i in ids}
        # an item inside the week's block is the block's; one agreed before it that was done in the room
        # ("once more, with the cap off") never reaches here, as _IN_ROOM drops it
        kept = [item for item in found if not set(item[4]) & in_week]
        return sorted(kept[-ITEMS_MAX:] + week, key=lambda item: min(item[4]))
    return found[-ITEMS_MAX:]


def agreed_sentence(found: Sequence[AgreedItem], names: dict[str, str] | None = None) -> str:
    """``names``: {role: first name} in a joint session, so each item says whose it is ("partner (Sue)")."""
    names = names or {}
    said = "; ".join((f'{label(who, names)}: ' if who != "clinician" else "") + f'"{text}"'
                     + (f' ({label(answerer, names)}: "{answer}")' if answer else "") for text, who, answer, answerer, _ in found)
    return f"Agreed for the coming week, as said in session: {said}"


def agreed_ids(found: Sequence[AgreedItem]) -> list[int]:
    return sorted({i for *_, ids in found for i in ids})
