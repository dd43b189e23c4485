"""Each person's account apart in a joint session (a couple, a parent with a teenager), by rule.

Why: with two people in the room the 1.5B model writes "the client" for both, and the rule lines
quoted only the speaker labelled ``Client``: in a couple session after a loss (unseen 67) the note lost
the partner's disclosure, the centre of the session, and gave one "homework review" for two people,
one of whom had done it and one not. A therapist signs a joint note only when each person's words,
homework and task are theirs. So, when two or more people speak for the client's side:

- each is called by role and, where the clinician addresses them by name on the line before they
  speak ("Rob?", "Sophie, would you like to ..."), by name: "partner (Rob)";
- last time's task is reviewed person by person: each one's first answer after the clinician asks;
- each other person's own words are quoted under their role: what they said when the clinician asked
  them to say it to the other ("Could you say that to her, rather than to me?"), and the feelings
  they named, as the client's are;
- each one's account as the clinician asked for it by name ("Tom, what was happening for you that
  Sunday?") stands beside the others';
- a task put to one person by name and taken up in their next line is theirs in the Plan;
- an answer to homework or a referral is labelled with whoever gave it (``who_answered``); a risk
  question passed on ("Thank you. Rob?") screens that person too (``risk_who.passed_on``).

A model sentence giving one person's words to "the client" is ``joint_attribution``'s.

An interpreter speaks for the client and is no second person (``is_client`` leaves them out).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.answers import DECLINES_TOO, REFUSES
from session_assistant.drafting.client_name import _NOT_A_NAME
from session_assistant.drafting.grounding import text_cache
from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import ASKED_IN_ROOM, without_leading_stage, without_stage
from session_assistant.drafting.wording import words_up_to

_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def role_of(utt: Utterance) -> str:
    return utt.speaker.strip().lower()


def people(utterances: Sequence[Utterance]) -> list[str]:
    """The roles speaking for the client's side, "client" first, then in the order they first speak."""
    seen: list[str] = []
    for utt in utterances:
        if utt.speaker and is_client(utt.speaker) and role_of(utt) not in seen:
            seen.append(role_of(utt))
    return sorted(seen, key=lambda role: role != "client")


def is_joint(utterances: Sequence[Utterance]) -> bool:
    return len(people(utterances)) >= 2


# A name said to someone: "Rob?", "Sophie, would you ...", "And Rob, what's ...", "..., Sophie?", "Thank you, Sophie."
_ADDRESSED = re.compile(r"(?:^|[.?!]\s+)(?:(?:and|so|okay|ok|now|thank you|thanks|right),?\s+)?([A-Z][a-z]+)(?:[,?]\s*|\?$)"
                        r"|,\s+([A-Z][a-z]+)[.?!]")


_GREETINGS = {"Hello", "Hi", "Hey", "Morning", "Afternoon", "Evening", "Welcome", "Sorry", "Goodbye", "Bye", "Cheers", "Lovely",
              "Brilliant", "Perfect", "Excellent", "Absolutely", "Exactly", "Honestly", "Alright", "Fine", "Nice", "Wow"}


# "I'm Kai.", "My name's Kai": the one way a person says their own name.
_SELF_NAMED = r"\b(?:I'?m|I am|my name'?s|my name is|it'?s|call me)\s+"


def _says_of_someone_else(lines: Sequence[Utterance], role: str, name: str) -> bool:
    """True when the person of ``role`` says ``name`` in their own lines other than as their own: "My
    little brother, Alfie." names someone else, and the clinician's "Alfie, your mates, football." that
    echoes it back is no name for the client (unseen 124)."""
    own = [u.text for u in lines if role_of(u) == role and is_client(u.speaker)]
    said = [t for t in own if re.search(r"\b" + re.escape(name) + r"\b", t)]
    return bool(said) and not any(re.search(_SELF_NAMED + re.escape(name) + r"\b", t, re.I) for t in said)


def names_by_role(utterances: Sequence[Utterance]) -> dict[str, str]:
    """A fresh copy of ``_names_by_role``, read once per transcript (every model sentence's checks ask)."""
    return dict(_names_by_role(tuple(utterances)))


@text_cache(maxsize=8)
def _names_by_role(utterances: tuple[Utterance, ...]) -> dict[str, str]:
    """{role: first name} for each person of the client's side whom the clinician addresses by one
    name, on the line just before they speak, and never before someone else speaks."""
    lines = [u for u in utterances if u.speaker]
    # A name is never said in lower case ("First, ..." and "Honestly, ..." are words, "first" is said too).
    everything = " ".join(u.text for u in lines)
    lower = set(re.findall(r"\b[a-z]+\b", everything))
    # ... and said at least once inside a sentence ("That's okay, Rob.", "the nights Rob was on lates"):
    # "Calm, once." and "Honestly, ..." only ever open one.
    inside = set(re.findall(r"(?<=[a-z,] )([A-Z][a-z]+)\b", everything))
    heard: dict[str, set[str]] = {}
    for n, utt in enumerate(lines[:-1]):
        if is_client(utt.speaker) or not is_client(lines[n + 1].speaker):
            continue
        text = " ".join(without_leading_stage(utt.text).split())
        said = {m.group(1) or m.group(2) for m in _ADDRESSED.finditer(text)}
        said = {name for name in said if name not in _NOT_A_NAME | _GREETINGS and name.lower() not in lower and name in inside}
        if len(said) == 1:  # "Sophie, you grieve by talking ... Rob, you've been ...": both addressed, either answers
            heard.setdefault(said.pop(), set()).add(role_of(lines[n + 1]))
    by_role: dict[str, set[str]] = {}
    for name, roles in heard.items():
        if len(roles) == 1 and not _says_of_someone_else(lines, next(iter(roles)), name):
            by_role.setdefault(next(iter(roles)), set()).add(name)
    named = {role: names.pop() for role, names in by_role.items() if len(names) == 1}
    return named if len(set(named.values())) == len(named) else {}


def label(role: str, names: dict[str, str]) -> str:
    """"partner (Rob)", or the role alone when no name is sure."""
    return f"{role} ({names[role]})" if role in names else role


def who_answered(utterances: Sequence[Utterance]) -> Callable[[int], str]:
    """A line's id -> who said it, by role (and name in a joint session): an answer's label."""
    joint = is_joint(utterances)
    names = names_by_role(utterances) if joint else {}
    roles = {u.id: role_of(u) for u in utterances if u.speaker}
    return lambda line: label(roles.get(line, "client"), names) if joint else "client"


# Asking about last time's task in a joint session: "Last time you both said you'd try writing ...",
# "How did the tasks go, each of you?", "Did you both manage the list?".
_LAST_TIME = re.compile(r"\b(?:last (?:time|week|session)|since (?:I saw you|we (?:last )?(?:met|spoke)))\b", re.I)
_TASK_ASKED = re.compile(r"\b(?:(?:we|you) (?:both |each |all )?(?:said|agreed) (?:that )?you'?d|did (?:that|it|those) happen"
                         r"|you (?:both |each |all )?(?:said you'?d|agreed to|were going to|would try|'d try)"
                         r"|did (?:you|either of you|each of you|you both) (?:manage|do|try|get|finish|keep|write)"
                         r"|how (?:did|'d) (?:it|that|the \w+|your \w+) go|how it went)\b", re.I)
REVIEW_LINES = 5
_TWO_ASKED = re.compile(r"\b(?:you both|both of you|the two of you|you two)\b", re.I)  # each person's first answer within these lines after the question
ANSWER_MAX_WORDS = 25
ASKED_MAX_WORDS = 30
HANDOVER_MAX_WORDS = 10  # "Thank you for bringing it. We'll see. Rob?": the question passed on, not a new one


def each_review(utterances: Sequence[Utterance]) -> tuple[str, list[tuple[str, str, int]], list[int]] | None:
    """(the clinician's sentence naming the task, [(role, answer, line)], lines) for the first question
    about last time's task in the first half of a joint session that two people answer."""
    if not is_joint(utterances):
        return None
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines[:len(lines) // 2]):
        if is_client(utt.speaker) or not (_LAST_TIME.search(utt.text) and _TASK_ASKED.search(utt.text)):
            continue
        answers: dict[str, tuple[str, int]] = {}
        # "you both", "the two of you": two answer; a third voice after them (a teenager's aside) is no review
        most = 2 if _TWO_ASKED.search(utt.text) else len(people(utterances))
        for later in lines[n + 1:n + 1 + REVIEW_LINES]:
            if (not is_client(later.speaker) and len(later.text.split()) > HANDOVER_MAX_WORDS) or len(answers) == most:
                break  # the clinician has moved on
            if is_client(later.speaker) and role_of(later) not in answers:
                said = words_up_to(_SENTENCES.split(" ".join(without_leading_stage(later.text).split())), ANSWER_MAX_WORDS)
                if said:
                    answers[role_of(later)] = (said, later.id)
        if len(answers) < 2:
            continue
        sentences = _SENTENCES.split(" ".join(utt.text.split()))
        asked = next((s for s in sentences if _TASK_ASKED.search(s)), None) or next(
            (s for s in sentences if _LAST_TIME.search(s)), sentences[0])
        found = [(role, said, line) for role, (said, line) in answers.items()]
        return asked, found, [utt.id] + [line for *_, line in found]
    return None


def each_review_sentence(found: tuple[str, list[tuple[str, str, int]], list[int]], names: dict[str, str]) -> str:
    asked, answers, _ = found
    said = "; ".join(f'{label(role, names)}: "{text}"' for role, text, _ in answers)
    asked = f' (asked: "{asked}")' if len(asked.split()) <= ASKED_MAX_WORDS else ""
    return f"Homework from last time{asked}, in each person's words: {said}"


# The clinician asking one person to say it to the other: "Could you say that to Hannah? Not to me.",
# "Could you say a bit more about that, to Sophie rather than to me?", "Tell her now, maybe?"
_TO_THE_OTHER = re.compile(r"\b(?:say|tell)\b[^.?!]{0,40}\bto (?:him|her|them|each other|[A-Z][a-z]+)\b(?!')[^.?!]*\?"
                           r"|\btell (?:him|her|them)\b[^.?!]*\?|\brather than (?:to )?me\b", re.I)
ENACTED_MAX_WORDS = 35


def said_to_the_other(utterances: Sequence[Utterance], risky=lambda text: False) -> dict[str, list[tuple[str, int]]]:
    """{role: [(what they said, line)]}: each person's answer when asked to say it to the other."""
    lines = [u for u in utterances if u.speaker]
    found: dict[str, list[tuple[str, int]]] = {}
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker) or not _TO_THE_OTHER.search(utt.text) \
                or asks_about_risk(utt):
            continue
        said = words_up_to(_SENTENCES.split(" ".join(without_leading_stage(answer.text).split())), ENACTED_MAX_WORDS)
        if said and len(said.split()) >= 4 and not risky(said):
            found.setdefault(role_of(answer), []).append((said, answer.id))
    return found


QUOTES_EACH = 2


def others_quotes(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[tuple[str, int]]]]:
    """[(role, [(words, line)])] for each person of a joint session other than the client: what they
    said to the other when asked, then the feelings they named, two quotes at most, in session order."""
    if not is_joint(utterances):
        return []
    enacted = said_to_the_other(utterances, risky)
    found: list[tuple[str, list[tuple[str, int]]]] = []
    for role in people(utterances):
        if role == "client":
            continue
        quotes = enacted.get(role, [])[:QUOTES_EACH]
        quotes += [q for q in client_quotes(utterances, risky, role) if q[1] not in {i for _, i in quotes}]
        if quotes:
            found.append((role, sorted(quotes[:QUOTES_EACH], key=lambda q: q[1])))
    return found



# Each person's account, as the clinician asked them for it by name: "Tom, what was happening for you that
# Sunday?", "What's it like to hear that, Sophie?", "Kerry, do you want to go first?". The first such
# answer of some length, per person, for the Subjective: whose account is whose.
_OPEN_QUESTION = re.compile(r"\b(?:what|how|tell (?:me|us)|talk (?:me|us) through|go first|say (?:a bit )?more)\b", re.I)
ACCOUNT_MIN_WORDS = 10
ACCOUNT_MAX_WORDS = 40


def named_accounts(utterances: Sequence[Utterance], risky=lambda text: False,
                   taken: Sequence[int] = ()) -> list[tuple[str, str, int]]:
    """[(role, the account, line)] for each person of a joint session, in the order the people first
    speak; ``taken``: lines another rule line quotes already."""
    if not is_joint(utterances):
        return []
    names = names_by_role(utterances)
    by_name = {name: role for role, name in names.items()}
    lines = [u for u in utterances if u.speaker]
    found: dict[str, tuple[str, int]] = {}
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker) or role_of(answer) in found or answer.id in taken:
            continue
        text = " ".join(without_leading_stage(utt.text).split())
        named = {by_name[m.group(1) or m.group(2)] for m in _ADDRESSED.finditer(text) if (m.group(1) or m.group(2)) in by_name}
        asked = [s for s in _SENTENCES.split(text) if s.endswith("?")]
        if (named != {role_of(answer)} or not asked or not _OPEN_QUESTION.search(asked[-1]) or _PROPOSES.search(asked[-1])
                or asks_about_risk(utt) or risky(utt.text)):
            continue
        said = words_up_to([s for s in _SENTENCES.split(without_stage(answer.text)) if not risky(s)], ACCOUNT_MAX_WORDS)
        if len(said.split()) >= ACCOUNT_MIN_WORDS:
            found[role_of(answer)] = (said, answer.id)
    # one person's answer alone is that person's quote, not a joint session's accounts side by side
    return [(role, *found[role]) for role in people(utterances) if role in found] if len(found) > 1 else []


def accounts_sentence(found: Sequence[tuple[str, str, int]], names: dict[str, str]) -> str:
    return "Each person's account, asked by name: " + "; ".join(f'{label(role, names)}: "{text}"' for role, text, _ in found)


def whose(role: str, names: dict[str, str]) -> str:
    """"the partner's (Rob's)": whose words a quote line gives."""
    return f"the {role}'s ({names[role]}'s)" if role in names else f"the {role}'s"


# A task put to one person by name in the second half ("And the letter, Rob. ... Would either of those be
# possible?", "Sue, would you be up for ...?"), and that person's answer taking it up: each one's task.
_PROPOSES = re.compile(r"\b(?:would|could|can|will) (?:you|either of (?:those|these|them))\b|\bI'?d like you\b|\bhow about\b"
                       r"|\bwhat about\b|\bwhat (?:do|would|will) you (?:want|like|plan) to (?:practi[cs]e|do|try|work on)\b", re.I)
_NOT_A_TASK = re.compile(r"\b(?:next (?:time|session|appointment|week)|see you|same time|(?:let'?s|shall we|can we|we'?ll) meet"
                         r"|book(?:ed)? in|safety plan"
                         r"|say (?:that|it|this|a bit)|in here|today|read (?:your|it|the|some|a bit|part))\b", re.I)
_REFERS_BACK = re.compile(r"\b(?:either of (?:those|these|them)|that|those|these|it|this|them)\b", re.I)
TASK_ANSWER_MAX_WORDS = 35
# The time until the next visit ("between now and next time", "before we next meet"): a task's, not the
# room's "now" nor the next visit being arranged.
_UNTIL_NEXT = re.compile(r"\b(?:between now and|before|until|till) (?:next time|then|(?:when )?we (?:next )?meet(?: again)?"
                         r"|the next session|our next session|I see you)\b|\bbetween now and\b", re.I)
_ACKNOWLEDGES = re.compile(r"^(?:good|great|okay|ok|right|lovely|fine|that's (?:useful|good|great|fine|helpful)|thank you|thanks)[.!]$", re.I)
EACH_TASK_OPENING = "Each person's task, as they took it up: "
TASK_MAX_WORDS = 35  # the proposal with the sentences before it that say what "either of those" is


def each_task(utterances: Sequence[Utterance], risky=lambda text: False,
              taken: Sequence[int] = ()) -> list[tuple[str, str, str, list[int]]]:
    """[(role, the proposal, the answer, lines)] for each task the clinician put to one person by name
    in the second half of a joint session, which that person took up in the next line; ``taken``: the
    proposals other Plan lines quote (a referral offered, the homework given)."""
    if not is_joint(utterances):
        return []
    names = names_by_role(utterances)
    by_name = {name: role for role, name in names.items()}
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, str, list[int]]] = []
    for n in range(len(lines) // 2, len(lines) - 1):
        utt, answer = lines[n], lines[n + 1]
        if (is_client(utt.speaker) or not is_client(answer.speaker) or risky(utt.text) or asks_about_risk(utt)
                or utt.id in taken or _NOT_A_TASK.search(_UNTIL_NEXT.sub("", utt.text))):
            continue  # a line arranging the next visit ("next week, ... Susan, could you drive?") sets no task
        sentences = _SENTENCES.split(" ".join(without_leading_stage(utt.text).split()))
        named = {by_name[m.group(1) or m.group(2)] for s in sentences for m in _ADDRESSED.finditer(s)
                 if (m.group(1) or m.group(2)) in by_name}
        proposal = next((s for s in reversed(sentences) if _PROPOSES.search(s) and not _NOT_A_TASK.search(_UNTIL_NEXT.sub("", s))
                         and not ASKED_IN_ROOM.search(_UNTIL_NEXT.sub("", s))), None)
        said = without_stage(answer.text)
        if proposal is not None:
            at = sentences.index(proposal)
            while _REFERS_BACK.search(proposal) and at > 0 and len(" ".join(sentences[at - 1:sentences.index(proposal) + 1]).split()) <= TASK_MAX_WORDS:
                at -= 1
            while at < sentences.index(proposal) and _ACKNOWLEDGES.match(sentences[at]):
                at += 1  # "Good." before the task is the last answer's
            proposal = " ".join(sentences[at:sentences.index(proposal) + 1])
        if (proposal is None or named != {role_of(answer)} or len(proposal.split()) > TASK_MAX_WORDS
                or _NOT_A_TASK.search(_UNTIL_NEXT.sub("", proposal))
                or REFUSES.search(said) or DECLINES_TOO.search(said) or risky(said)):
            continue
        found.append((role_of(answer), proposal, words_up_to(_SENTENCES.split(said), TASK_ANSWER_MAX_WORDS) or said,
                      [utt.id, answer.id]))
    return found


def each_task_sentence(found: Sequence[tuple[str, str, str, list[int]]], names: dict[str, str]) -> str:
    said = "; ".join(f'{label(role, names)}: "{answer}" (to "{proposal}")' for role, proposal, answer, _ in found)
    return f"{EACH_TASK_OPENING}{said}"

