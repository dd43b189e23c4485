"""The Plan of a therapy note in the session's own words, found by rule: the homework the clinician
gave (and the client's answer), the next session as arranged, and a referral the clinician offered.

Why by rule: the 1.5B model's Plan retold the session or missed the assignment (the section drafts
of the therapy set covered 46 % of Plan items), while clinicians give homework and arrange the next
visit in a few plain words near the end ("For this week, I'd like you to ...", "Homework is ...",
"please talk to Dr. Patel"). Each finding quotes its line and cites it; none is the model's.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.answers import (AGREES_FIRST, ASKS_IF_TOO_MUCH, ASKS_WHAT_WAS_MISSED, NOT_TOO_MUCH,
                                               REFUSES)
from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.joint_session import EACH_TASK_OPENING
from session_assistant.drafting.plan_recap import RECAP_OPENING, TARGETS_OPENING
from session_assistant.drafting.treatment_offer import OFFER_OPENING
from session_assistant.drafting.referral_words import (ASKED_BEFORE, ASKS_TO_ACT, DUTY, OFFERS, REFERRAL_TO, REFERRALS_MAX, REFERS,
                                                      SEES_AGAIN, as_client, referral_clause, with_whom)
from session_assistant.drafting.plan_safety import CALL_OPENING, CONTACTS_OPENING, HOME_OPENING, OWN_STEPS_OPENING
from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.session_arranged import next_session
from session_assistant.drafting.visit_date import dated_next_session
from session_assistant.drafting.session_said import set_after
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import WEEKDAY
from session_assistant.drafting.wording import words_up_to

# A sentence ends at . ! ? but not after a title ("Dr. Patel").
_SENTENCES = re.compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)\s+")
# Where the clinician starts to give the homework. "Homework" itself is the strongest cue ("Homework is
# ...", "Homework. Mom and Dad, ...", "for homework, ..."); then the phrases that open an assignment for
# the time until the next session ("For this week, ...", "So, for practice this week. ...").
_HOMEWORK_NAMED = re.compile(r"\bhomework(?: for (?:this|the) week)?\s*(?:is|will be|:)\s*"
                             r"|(?:^|(?<=[.!?])\s)(?:(?:so|okay|ok|alright|all right|and|now),?\s+)?(?:your\s+)?homework"
                             r"(?: for (?:this|the) (?:coming )?week)?\s*[.,:]\s+"
                             r"|\bfor (?:your )?homework\b[,:]?\s*", re.I)
_HOMEWORK_OPENS = re.compile(r"\b(?:for (?:(?:practice|homework) )?(?:this|the) (?:coming )?week"
                             r"|for the next (?:(?:few|two|three|\w+) (?:days|weeks)|fortnight)"
                             r"|between now and (?:next time|then|our next \w+)|before (?:next time|we meet again|our next \w+)"
                             r"|let'?s write (?:these|them|this|that|it) down|(?:so )?you can write (?:these|them|this|that|it) down)\b[,.:]?\s*"
                             # "The boys. Okay. So this week: the diary, every day. Rest breaks ..." (98): the week's list
                             r"|(?:^|(?<=[.!?])\s)(?:(?:so|okay|ok|right|and),?\s+)*this (?:coming )?week\s*:\s*",
                             re.I)
HOMEWORK_MAX_WORDS = 70
_MEETING = re.compile(r"\b(?:let'?s meet|see you|next (?:session|appointment|time)|same time)\b", re.I)
AGREEMENT_MAX_WORDS = 12
# A model sentence about the next visit: "The next session will be on Friday at nine."
NEXT_MEETING = re.compile(r"\b(?:next (?:session|appointment|meeting|visit)|see (?:you|the client)|meet(?:ing)? again|follow[- ]?up (?:session|appointment))\b", re.I)
MEETING_WHEN = re.compile(r"\b(?:" + WEEKDAY + r"|next week|in (?:a|one|two|three|four|\d+) weeks?|same time|\d{1,2}(?::\d\d)?\s*(?:am|pm)|o'clock)\b", re.I)


def _tail(utterances: Sequence[Utterance], share: float) -> tuple[list[tuple[int, Utterance]], list[Utterance]]:
    lines = [u for u in utterances if u.speaker]
    start = int(len(lines) * (1 - share))
    return [(n, lines[n]) for n in range(start, len(lines))], lines


def _words_up_to(sentences: Sequence[str], limit: int) -> str:
    # The next visit is its own line; a long recap is cut at a sentence end; a question after the
    # assignment ("What's a reasonable goal?", "Did I get it?") asks, it assigns nothing.
    return words_up_to(sentences, limit, stop=lambda sentence: bool(_MEETING.search(sentence) or _VISIT_FIRST.match(sentence))
                       or sentence.endswith("?"))


# "... And the plan for the nineteenth. Next week by video, so you don't have to come in.": the visit, not a task
_VISIT_FIRST = re.compile(r"(?:(?:so|okay|ok|right|and),?\s+)*(?:next week|in (?:a|one|two|three|four) weeks?|a fortnight)\b", re.I)


def _agreement(lines: Sequence[Utterance], n: int) -> Utterance | None:
    """The next line when someone else says it and it agrees ("Okay. I can do that."), else None: in
    a family session the teen or a parent answers."""
    answer = next((u for u in lines[n + 1:n + 2] if u.speaker != lines[n].speaker), None)
    asked_last = _SENTENCES.split(" ".join(lines[n].text.split()))[-1]
    if answer is None or (asked_last.endswith("?") and _MEETING.search(asked_last)):
        return None  # "... Same time next Thursday, two o'clock?" - "Thursday at two. Yeah.": the visit's answer
    first = _SENTENCES.split(" ".join(answer.text.split()))[:2]
    # "Twenty-five with a timer. Okay." and "That's harder. But okay." agree in their second sentence.
    agrees = any(AGREES_FIRST.search(re.sub(r"^(?:but|then|so),?\s+", "", s, flags=re.I)) for s in first) \
        or bool(ASKS_IF_TOO_MUCH.search(lines[n].text) and NOT_TOO_MUCH.match(answer.text))  # "Too much?" - "No."
    return answer if agrees and len(" ".join(first).split()) <= AGREEMENT_MAX_WORDS else None


def _short_answer(text: str) -> str:
    sentences = _SENTENCES.split(" ".join(text.split()))
    return " ".join(sentences[:2]) if len(" ".join(sentences[:2]).split()) <= AGREEMENT_MAX_WORDS else sentences[0]


# Homework is often agreed line by line: the clinician gives one item, the client answers, the next
# item follows ("Second, a sleep diary.", "And please read the handout.", "And fourth, book that
# check-up"), or the client adjusts it and the clinician settles it ("Twenty minutes instead of
# thirty?" - "Let's do twenty-five, with a timer."). Those lines of the same clinician continue the
# assignment; the first line that does not (a question, a summary, the next visit) ends it.
_ORDINAL_ITEM = re.compile(r"^(?:(?:and|so|okay|ok|then),?\s+)?(?:second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth|sixth|"
                           r"finally|lastly|last(?:ly)?,)\b", re.I)
_GOES_ON = re.compile(r"^(?:and|also|plus)\b", re.I)
_SETTLES = re.compile(r"^(?:(?:okay|ok|sure|good|great|yes|yeah),?\s+)?let'?s (?:do|make it|say|go with|keep it at|call it)\b", re.I)
_SUMMARY = re.compile(r"\b(?:summari[sz]e|sum up|to recap|recap)\b", re.I)
# What to do in a crisis is the safety plan's (the risk rules carry it), not the week's homework.
_CRISIS_STEPS = re.compile(r"\b(?:crisis (?:line|team|number)|safety plan|samaritans|A and E|A&E|999|911|988)\b", re.I)
CONTINUE_LINES = 8  # how far after the cue the items may go on
HOMEWORK_TOTAL_WORDS = 150


def _continues(utt: Utterance, previous: Utterance | None) -> bool:
    """True when the clinician's line goes on with the assignment (see above). A line naming someone
    outside the therapy continues it only as a numbered item; else it is the referral rule's."""
    text = utt.text.strip()
    if _SUMMARY.search(text) or _MEETING.search(text) or mentions_risk(text):
        return False
    if _ORDINAL_ITEM.search(text):
        return True
    if REFERRAL_TO.search(text):
        return False
    asked_back = previous is not None and previous.text.rstrip().endswith("?")
    return bool(_GOES_ON.search(text)) or (asked_back and bool(_SETTLES.search(text)))


# "..., for the next two weeks, given what came up today. Would you be willing to ...?" (unseen 67): the
# rest of the cue's sentence says why, the task is the proposal after it.
_PREAMBLE = re.compile(r"^(?:given|since|because|based on|in light of|after) ", re.I)
_PROPOSAL = re.compile(r"^(?:would|could|can|will) you (?:be willing|be up for|try|like to try)\b", re.I)


def _assignment(utt: Utterance, start: int = 0) -> str:
    rest = " ".join(utt.text[start:].split())
    sentences = _SENTENCES.split(rest) if rest else []
    if len(sentences) > 1 and _PREAMBLE.match(sentences[0]):
        sentences = sentences[1:]
        if _PROPOSAL.match(sentences[0]) and len(sentences[0].split()) <= HOMEWORK_MAX_WORDS:
            return sentences[0]
    text = _words_up_to(sentences, HOMEWORK_MAX_WORDS) if sentences else ""
    return text[0].upper() + text[1:] if text else ""


HomeworkPart = tuple[str, "str | None", list[int]]  # (the clinician's words, the answer when it agrees, lines)


def homework_given(utterances: Sequence[Utterance]) -> list[HomeworkPart] | None:
    """The homework the clinician gave, as said, item by item: the last line of the session's second
    half that names the homework ("Homework is ..."), else the last that opens an assignment ("For
    this week, ..."), quoted from the cue on, then the same clinician's lines that go on with it
    (``_continues``), each with the answer when it agrees. None when no homework was given."""
    tail, lines = _tail(utterances, 0.5)
    for pattern in (_HOMEWORK_NAMED, _HOMEWORK_OPENS):
        for n, utt in reversed(tail):
            if is_client(utt.speaker):
                continue
            match = pattern.search(utt.text)
            text = _assignment(utt, match.end()) if match else ""
            # "Okay, for the week." ends the line: the items are the clinician's next lines.
            bare = match is not None and not text and not utt.text[match.end():].strip()
            if (len(text.split()) < 4 and not bare) or _CRISIS_STEPS.search(text):
                continue  # "between now and then, if those thoughts get stronger, ... the crisis line": the safety plan's
            parts = [_part(text, lines, n)] if text else []
            said = len(text.split())
            for m in range(n + 1, min(len(lines), n + 1 + CONTINUE_LINES)):
                if lines[m].speaker != utt.speaker:
                    continue  # the client's (or a family member's) answer
                goes_on = _continues(lines[m], lines[m - 1]) or (bare and _item_after_cue(lines[m]))
                asked = _asked_item(lines, m) if goes_on or parts and parts[-1][0].endswith("?") else None
                more = asked[0] if asked else _assignment(lines[m]) if goes_on else ""
                if len(more.split()) < 4 or said + len(more.split()) > HOMEWORK_TOTAL_WORDS:
                    break
                parts.append(asked or _part(more, lines, m))
                said += len(more.split())
            if parts:
                return parts + _when_settled(lines, max(ids[0] for *_, ids in parts), utt.speaker)
    return None


# "Ring Alan." ... "What would make it easier?" ... "When?" - "Wednesday teatime, after his shift.": the
# day an item is set for, settled a few lines after the homework.
_ASKS_WHEN = re.compile(r"(?:^|(?<=[.!?])\s+)(?:(?:and|so|okay),?\s+)?(?:when|which day|what day|what time)(?: (?:would|will|could) you(?: do (?:it|that))?)?\?$", re.I)
WHEN_LOOKAHEAD = 6


def _when_settled(lines: Sequence[Utterance], last_id: int, clinician: str) -> list[HomeworkPart]:
    at = next((k for k, u in enumerate(lines) if u.id == last_id), len(lines))
    for m in range(at + 1, min(len(lines) - 1, at + 1 + WHEN_LOOKAHEAD)):
        asked, answer = lines[m], lines[m + 1]
        if asked.speaker == clinician and _ASKS_WHEN.search(asked.text.strip()) and is_client(answer.speaker) \
                and not REFUSES.search(answer.text) and not answer.text.rstrip().endswith("?"):
            said = _SENTENCES.split(" ".join(asked.text.split()))
            question = " ".join(said[-2:]) if len(said) > 1 and len(said[-1].split()) <= 3 else said[-1]  # "Good reason. When?"
            return [(question, _short_answer(answer.text), [asked.id, answer.id])]
    return []


PRAISE_MAX_WORDS = 7


def _asked_item(lines: Sequence[Utterance], m: int) -> HomeworkPart | None:
    """A numbered item put as a question ("Second, is there one thing you could do this week?", "And
    third, the beers. How would you feel about weekends only?"): the question with the client's answer,
    which says what the item is; None when it is no such question or the answer refuses."""
    text = " ".join(lines[m].text.split())
    first = _SENTENCES.split(text)
    if len(first) > 1 and len(first[0].split()) <= PRAISE_MAX_WORDS and _ORDINAL_ITEM.search(" ".join(first[1:])):
        text = " ".join(first[1:])  # "That sounds like a good one. And third, ...": the praise is for the last item
    answer = lines[m + 1] if m + 1 < len(lines) else None
    if (not _ORDINAL_ITEM.search(text) or not text.endswith("?") or len(text.split()) > HOMEWORK_MAX_WORDS
            or answer is None or not is_client(answer.speaker) or REFUSES.search(answer.text)):
        return None
    return text, _short_answer(answer.text), [lines[m].id, answer.id]


def _item_after_cue(utt: Utterance) -> bool:
    """After a bare cue every line of the clinician's is an item until a summary, the next visit or risk."""
    text = utt.text.strip()
    return not (_SUMMARY.search(text) or _MEETING.search(text) or mentions_risk(text) or REFERRAL_TO.search(text))


def _part(text: str, lines: Sequence[Utterance], n: int) -> HomeworkPart:
    answer = _agreement(lines, n)
    ids = [lines[n].id] + ([answer.id] if answer is not None else [])
    return text, _short_answer(answer.text) if answer is not None else None, ids


def homework_ids(found: Sequence[HomeworkPart]) -> list[int]:
    return sorted({i for _, _, ids in found for i in ids})


def homework_sentence(found: Sequence[HomeworkPart], who: Callable[[int], str] = as_client) -> str:
    """``who``: the label of the line that answered (in a joint session, the partner's "Okay." is the partner's)."""
    said = "; ".join(f'"{text}"' + (f' ({who(ids[-1])}: "{answer}")' if answer else "") for text, answer, ids in found)
    return f"Homework given, as said in session: {said}"


def next_session_sentence(utterances: Sequence[Utterance], session_date: str = "") -> tuple[str, list[int]] | None:
    """The next session as the clinician arranged it ("Next session: Friday at nine."), or None."""
    found = next_session_line(utterances, session_date)
    return (found[0], found[1]) if found else None


def next_session_line(utterances: Sequence[Utterance], session_date: str = "") -> tuple[str, list[int], list[str]] | None:
    """The next-session line, its lines and its flags. With the session's date a relative day is given
    as a date, the words said kept beside it (``visit_date``): 'Next session: Friday 11 December 2026
    at nine (said: "Friday at nine").'; a day that cannot be counted for sure is flagged."""
    found = next_session(list(utterances))
    if not found:
        return None
    when, flags = dated_next_session(found[0], session_date)
    reason = set_after(utterances, found[1])
    said = f'{when.rstrip(".")}, set for after this: "{reason}."' if reason else when
    return f"Next session: {said}", list(found[1]), flags


def referrals_offered(utterances: Sequence[Utterance], skip: set[int] = frozenset(),
                      tasks: Sequence[str] = (), quoted: Sequence[str] = ()) -> list[tuple[str, str | None, list[int]]]:
    """(the clinician's sentence naming the referral, the client's answer or None, lines) for each
    line of the second half where the clinician offers someone outside this therapy (a doctor, a
    group, a program); ``skip``: lines another rule line already quotes; ``tasks``: the clinician's
    own tasks another line quotes, whose sentence is not taken again ("I'll send her a letter too",
    beside "worth you asking your GP for the blood tests", which is); ``quoted``: what those lines quote.
    A line in ``skip`` still gives a referral sentence its quote left out."""
    tail, lines = _tail(utterances, 0.5)
    half = len(lines) - len(tail)
    found: list[tuple[str, str | None, list[int]]] = []
    # The first half counts too when one sentence both offers and names the person ("the groggy mornings
    # are worth mentioning to Dr. Hassan when you see her", said while reviewing the tablets).
    for n, utt in [(k, lines[k]) for k in range(half)] + list(tail):
        if is_client(utt.speaker) or not OFFERS.search(utt.text):
            continue
        parts = _SENTENCES.split(" ".join(utt.text.split()))
        # A question asking leave to act on the one the sentence before names ("... a stroke group on
        # Wednesdays. Could I refer you?", "Your nurse, Bethan ... Would you be willing for me to let her know?")
        asks = {s for k, s in enumerate(parts) if k and ASKS_TO_ACT.search(s) and REFERRAL_TO.search(parts[k - 1])}
        sentences = [s for s in parts if (REFERRAL_TO.search(s) or REFERS.search(s) or s in asks)
                     and not any(t and t in s for t in tasks) and (n >= half or OFFERS.search(s))
                     and not ASKED_BEFORE.search(s) and not SEES_AGAIN.search(s)]
        before_ids: list[int] = []
        if not sentences:  # "I could make a referral, if you were okay with that.", whom named a line before
            sentences, before_ids = _named_before(lines, n, [s for s in parts if not any(t and t in s for t in tasks)])
        if utt.id in skip:  # quoted by another line: only a referral that line left out ("I refer you to ...")
            sentences = [s for s in sentences if not any(q and s in q for q in quoted)]
        # "GP, Monday. I refer you to the young adults team." (47): the sentence that refers, first
        # else the sentence that offers ("... with the GP question? I'd still like you to see the GP.", 80)
        named = next((s for s in sentences if REFERS.search(s)), next((s for s in sentences if s in asks),
                     next((s for s in sentences if OFFERS.search(s)), sentences[0] if sentences else None)))
        # A second service offered in its own sentence of the same line ("I also have to tell children's services.")
        also = next((s for s in sentences if s != named and OFFERS.search(s) and REFERRAL_TO.search(s)), None)
        named, also = (with_whom(parts, named, referral_clause(named)) if named else None), (referral_clause(also) if also else None)
        if named is None:
            continue
        named = " ".join(re.sub(r"^(?:and|so|also|okay|good),?\s+", "", t, flags=re.I) for t in (named, also) if t)
        if not OFFERS.search(named) and not REFERS.search(named) and any(
                target.lower() in earlier.lower() for target in REFERRAL_TO.findall(named) for earlier, _, _ in found):
            continue  # "It's fine to say so to the GP.", after the GP was offered: the same referral, no new one
        # the answer of the client's side, labelled by whoever gave it: a daughter's "I'll ring them" is hers
        answer = next((u for u in lines[n + 1:n + 2] if is_client(u.speaker) or u.speaker.strip().lower() == "interpreter"), None)
        last_offer = max((k for k, part in enumerate(parts) if part in sentences or OFFERS.search(part)), default=0)
        # a recap that goes on to ask something else ("... The helpline saved as Escola. Does he know you come
        # here?"): the answer is to that question, not to the referral said sentences before
        if ASKS_WHAT_WAS_MISSED.search(utt.text) or (parts[-1].endswith("?") and len(parts) - 1 - last_offer >= 3):
            answer = None  # "Have I missed anything?" - "Don't think so.": no answer to the referral
        if DUTY.search(named) and not named.rstrip().endswith("?"):
            answer = None  # a duty to tell asks no consent: the next line answers whatever came after it (60)
        cited = before_ids + [utt.id] + ([answer.id] if answer is not None else [])
        # "A group? Sitting round talking about my feelings?" - the clinician explains - "All right. I'll give
        # it a go.": a question back is no answer; the client's line after the explanation is (unseen 116)
        if answer is not None and _asks_back(answer.text):
            later = _answer_after_asking_back(lines, n)
            answer, cited = later, (cited + [later.id] if later is not None else before_ids + [utt.id])
        said = _short_answer(answer.text) if answer is not None else None
        found.append((named[0].upper() + named[1:], said, cited))
        if len(found) == REFERRALS_MAX:
            break
    return found


_BARE_REFERRAL = re.compile(r"\b(?:referral|refer (?:you|him|her|them))\b", re.I)


def _named_before(lines: Sequence[Utterance], n: int, parts: Sequence[str]) -> tuple[list[str], list[int]]:
    """A referral offered without saying to whom, joined to the clinician's sentence of the line before
    the client's reply that names whom ("There's a young carers service in town." - "Would I have to
    talk?" - "Not if you don't want to. I could make a referral, if you were okay with that.")."""
    bare = next((s for s in parts if OFFERS.search(s) and _BARE_REFERRAL.search(s)), None)
    before = lines[n - 2] if bare and n >= 2 and lines[n - 2].speaker == lines[n].speaker else None
    named = [s for s in _SENTENCES.split(" ".join(before.text.split())) if REFERRAL_TO.search(s)] if before else []
    return ([re.sub(r"^(?:and|so|also),?\s+", "", named[-1], flags=re.I) + " " + bare], [before.id]) if named else ([], [])


def _asks_back(text: str) -> bool:
    return all(s.rstrip().endswith("?") for s in _SENTENCES.split(" ".join(text.split())) if s.strip())


def _answer_after_asking_back(lines: Sequence[Utterance], n: int) -> Utterance | None:
    """The client's line after the clinician answers their question back, when it is no question too."""
    if n + 3 >= len(lines) or is_client(lines[n + 2].speaker) or not is_client(lines[n + 3].speaker):
        return None
    return None if _asks_back(lines[n + 3].text) else lines[n + 3]


PLAN_RETELL_SHARE = 0.6
# Words any Plan sentence has ("Clinician and client will continue with the plan of walking ..."): not
# what it says, so they do not count against a retelling (02).
_PLAN_WORDS = content_words("clinician continue continued plan plans planned also session agreed will") | {"client"}
RETELL_PREFIX = 4  # "walking" retells "Walk", "week" "weekend"
# The rule lines a model sentence may retell: a "Planned" line says what later sessions will do, which
# shares words with this week's homework without saying it ("review the log" / "keep the log").
PLAN_RULE_OPENINGS = ("Homework given, as said in session: ", "Next session: ", "Agreed for the coming week, as said in session: ",
                      EACH_TASK_OPENING, RECAP_OPENING, CONTACTS_OPENING, CALL_OPENING, HOME_OPENING, OFFER_OPENING, TARGETS_OPENING,
                      OWN_STEPS_OPENING)


def retells_plan(text: str, plan_rule_texts: Sequence[str], next_session_known: bool) -> bool:
    """True when a model sentence of the Plan says again what a Plan rule line quotes: most of its
    words are in those lines ("Clinician and client will continue with the stand-up, asking a
    question in a store twice, ..." beside the quoted homework), or it states the next session when
    the rule gives it in the clinician's words (a model's "Tuesday evening at 4 PM" for "Monday at four")."""
    bag = content_words(text) - _PLAN_WORDS
    if not bag:
        return False
    said = {w[:RETELL_PREFIX] for t in plan_rule_texts for w in content_words(t)}
    if sum(w[:RETELL_PREFIX] in said for w in bag) >= PLAN_RETELL_SHARE * len(bag):
        return True
    return next_session_known and bool(NEXT_MEETING.search(text)) and bool(MEETING_WHEN.search(text))
