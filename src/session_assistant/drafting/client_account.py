"""The client's account for the Subjective, by rule: how often and how bad, as the clinician
reflected it back ("Six most days, eight on Tuesday."), and the review of last time's homework in
the client's words ("I did four. Monday, Tuesday, Thursday and Saturday.").

Why: Subjective was the weakest part on sessions written by other clinicians (34 % of its rubric
items): the model retold the story and lost the numbers, and no rule line carried the homework
review unless the clinician said "homework". Clinicians reflect severity and frequency back in a
few words right after the client says them, and ask about last time's task in plain words ("Did
you manage the log? From last time?"). Each finding quotes its line and cites it.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import RATING_WORDS, SCALE
from session_assistant.drafting.wording import words_up_to

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_WORDS = re.compile(r"[a-z0-9']+")
# How often or how bad: a number, or a frequency.
_AMOUNT = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
                     r"|sixty|hundred|half|once|twice|most (?:days|nights|mornings)|every (?:day|night|morning)|daily|nightly"
                     r"|all (?:day|night|week))\b", re.I)
REFLECTION_MAX_WORDS = 8
REFLECTIONS_MAX = 3
_ASKS_BACK = re.compile(r"\b(?:is that|right|really|out of ten|on a scale)\?$", re.I)
# A reflection that is the rating rules' (a moved rating) or the next visit's is theirs.
_ELSEWHERE = re.compile(r"^(?:so,?\s+)?from\b|\b(?:next|see you|same time|weeks? (?:from|on))\b", re.I)


# An amount of something a note counts: a unit, a frequency, a share ("four of seven") or a rating
# ("a six"); never "two cats" or an age, which real consultations reflected back too.
_MEASURED = re.compile(r"\b(?:minutes?|hours?|days?|nights?|weeks?|months?|years?|times|drinks?|beers?|cigarettes?|coffees?"
                       r"|once|twice|most (?:days|nights|mornings)|every (?:day|night|morning)|daily|nightly|percent"
                       r"|out of|of (?:the )?(?:seven|ten|five|\d+)|in the (?:morning|night)|at night)\b|^(?:(?:so|and|like|about|maybe),?\s+)?an? \w+[.!]?$", re.I)
# Words a reflection adds to hold the client's words together ("Until two in the morning." of "I was
# up until two."): not its own content.
_GLUE = {"a", "an", "the", "in", "at", "of", "on", "and", "so", "that", "every", "morning", "night", "evening"}
_HOW_MUCH = re.compile(r"\bhow (?:many|often|long|much|bad|strong)\b", re.I)  # the count answers a question asking it
_AGE = re.compile(r"\b(?:years? old|my name|I(?:'m| am) (?:uh,? |um,? )?(?:\d+|twenty|thirty|forty|fifty|sixty|seventy|eighty)\b)", re.I)
ACCOUNT_MAX_WORDS = 25
ACCOUNT_MIN_WORDS = 4  # "Twice?" or "Like a six." says nothing on its own
ACCOUNT_CONTEXT_WORDS = 10  # a shorter account takes the client's sentences before it up to this
_FILLER = re.compile(r"(?:mm+|hmm+|okay|ok|right|yeah|yes|sure|uh-huh|mhm)[.,!]?", re.I)
_UNIT = re.compile(r"\b(?:an? (?:hour|minute|night|day|week|month|year)|hours|minutes|nights|days|weeks|months|years)\b", re.I)


def reflected_amounts(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the client's words, [the client's line, the reflection]) for up to three amounts the
    clinician reflected back: the clinician's first sentence, eight words or fewer, with a number or
    frequency, saying the client's words just before (a third of its words may be its own: "Six most
    days, eight on Tuesday."); quoted are the client's sentences that say the amount, which carry
    what it counts ("Maybe twenty minutes? It used to be an hour, easily.")."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines[1:len(lines) * 2 // 3], 1):  # the last third plans; its amounts are the plan's
        before = lines[n - 1]
        if is_client(utt.speaker) or before.speaker.strip().lower() != "client":
            continue
        said_back = [s for s in _SENTENCES.split(" ".join(utt.text.split())) if not _FILLER.fullmatch(s)]
        first = said_back[0] if said_back else ""  # "Mm. Five hours most nights.": the filler says nothing
        words = _WORDS.findall(first.lower())
        said = set(_WORDS.findall(before.text.lower()))
        amounts = {m.group(0).lower() for m in _AMOUNT.finditer(first)}
        if (not words or len(words) > REFLECTION_MAX_WORDS or not amounts or _ELSEWHERE.search(first) or first.endswith("?")
                or not (_MEASURED.search(first) or (n >= 2 and _HOW_MUCH.search(lines[n - 2].text))) or _AGE.search(before.text)
                or sum(w not in said and w not in _GLUE for w in words) > max(1, len(words) // 3)):
            continue
        account: list[str] = []
        for sentence in _SENTENCES.split(" ".join(before.text.split())):
            if any(re.search(rf"\b{re.escape(a)}\b", sentence, re.I) for a in amounts) or (
                    account and sentence.endswith(".") and (_AMOUNT.search(sentence) or _UNIT.search(sentence))):
                if len(" ".join(account + [sentence]).split()) > ACCOUNT_MAX_WORDS:
                    break
                account.append(sentence)
        if account and len(" ".join(account).split()) < ACCOUNT_MIN_WORDS:
            # "Three, four nights." says what it counts in the sentences before it: "The nightmares are back."
            before_sentences = _SENTENCES.split(" ".join(before.text.split()))
            at = before_sentences.index(account[0]) if account[0] in before_sentences else 0
            while at > 0 and len(" ".join(account).split()) < ACCOUNT_CONTEXT_WORDS:
                at -= 1
                account.insert(0, before_sentences[at])
        if len(" ".join(account).split()) >= ACCOUNT_MIN_WORDS and not account[-1].endswith("?") and not risky(" ".join(account)):
            found.append((" ".join(account), [before.id, utt.id]))
        if len(found) == REFLECTIONS_MAX:
            break
    return found


def reflected_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Client's account, the amounts as the clinician reflected them back: " + "; ".join(
        f'"{text}"' for text, _ in found)


# The clinician asking about last time's task: "Did you manage the log? From last time?", "Did either of
# those, um...", "How did the worksheet go?", "You were going to jot down ... Did you...".
_ASKS_REVIEW = re.compile(r"\b(?:did you (?:manage|do|get (?:a chance|to)|try|fill|keep|finish|bring|practi[cs]e)|did either of those|did any of"
                          r"|how did (?:the|your) \w+(?: \w+)? go|how(?:'d| did) (?:it|that) go|you were going to)\b", re.I)
_LAST_TIME = re.compile(r"\b(?:last (?:time|week|session)|since (?:I saw you|we (?:last )?(?:met|spoke))|we left with|from last)\b",
                        re.I)
# A task named needs no "last time": "Did you bring the diary?" reviews it.
_TASK_NOUNS = "diary|log|record|worksheet|sheet|chart|planner|homework"
_TASK = re.compile(r"\bdid you (?:bring|fill|keep|do|finish) (?:in |out |up )?(?:the|your) (?:\w+ )?(?:" + _TASK_NOUNS
                   + r"|flash ?card)\b", re.I)
REVIEW_MAX_WORDS = 25
# Brought up unasked, a tally or the exercises are last time's task too.
_TASK_NOUN = r"(?:\w+ )?(?:" + _TASK_NOUNS + r"|tally|exercises?)"
# The diary brought up without a question ("... and then look at the diary?"), and the client's own word on
# it before any question ("I didn't do the diary.", unseen 58): a review as much as "Did you do it?" is.
_LOOKS_AT_TASK = re.compile(r"\b(?:look|go|went) (?:at|over|through) (?:the|your) " + _TASK_NOUN + r"\b", re.I)
_CLIENT_ON_TASK = re.compile(r"^(?:\W*\([^)]*\)\s*)?(?:so,? |well,? |um,? )?I (?:didn'?t|did not|never|couldn'?t|forgot to|managed to|did)"
                             r" (?:do |fill in |fill out |keep |finish |bring |manage )?(?:the|my) " + _TASK_NOUN + r"\b", re.I)


def homework_review(utterances: Sequence[Utterance]) -> tuple[str, list[int]] | None:
    """(the client's answer, [question, answer]) to the first question about last time's task in the
    first half of the session, the question or the line before it naming last time."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines[:len(lines) // 2]):
        if utt.speaker.strip().lower() == "client" and _CLIENT_ON_TASK.search(utt.text):
            said = words_up_to(_SENTENCES.split(" ".join(utt.text.split())), REVIEW_MAX_WORDS)
            return said, [utt.id]
        answer = lines[n + 1]
        context = " ".join(u.text for u in lines[max(0, n - 1):n + 1] if not is_client(u.speaker))
        if (is_client(utt.speaker) or answer.speaker.strip().lower() != "client"
                or not ((_ASKS_REVIEW.search(utt.text) and (_LAST_TIME.search(context) or _TASK.search(utt.text)))
                        or _LOOKS_AT_TASK.search(utt.text))):
            continue
        said = words_up_to(_SENTENCES.split(" ".join(answer.text.split())), REVIEW_MAX_WORDS)
        if said:
            return said, [utt.id, answer.id]
    return None


def review_sentence(found: tuple[str, list[int]]) -> str:
    return f'Homework from last time, in the client\'s words: "{found[0]}"'


# The client's answer to how much or how often ("Can we get a sense of how much you're drinking in a
# typical week?" - "Weeknights, maybe three or four beers. Weekends more. Like six or eight on a
# Saturday.", 03): frequency and severity as said, when the clinician did not say them back in a few
# words (``reflected_amounts`` quotes those). A question asking for a zero-to-ten number is the
# rating rules'; the last third plans, and its amounts are the plan's.
_ASKS_AMOUNT = re.compile(r"\bhow (?:many|often|much|long|bad|frequent\w*)\b|\bhow (?:many|much) (?:\w+ )?(?:a|per|each|every) "
                          r"(?:day|night|week)\b"
                          # checking how often in two words: "Every morning?", "Each night?", "All the time?"
                          r"|^(?:(?:and|so),?\s+)?(?:every|each) (?:single )?(?:day|night|morning|evening|time)\?$"
                          r"|^(?:(?:and|so),?\s+)?all the time\?$", re.I)
_SCALE_ASKED = re.compile(SCALE + "|" + RATING_WORDS + r"|\bscale\b|\brate\b|\bhow long (?:have we|until|till|before (?:we|our|next))\b", re.I)
ANSWERS_MAX = 2
QUESTION_MAX_WORDS = 20
# "would you say" asks for the count ("How many binges this week, would you say?"), not a guess.
_GUESS = re.compile(r"\b(?:would(?! you say)|will|do you think|might|could)\b", re.I)
# How much a thought is believed is the response to the work (cognitive restructuring), and a
# questionnaire's item ("Over the last two weeks, how often have you been bothered by ...") the measure's.
_NOT_ACCOUNT = re.compile(r"\bbeliev\w*|\bbothered by\b|\bover the (?:last|past) two weeks\b|\blike a real\b", re.I)
RISK_CONTEXT_LINES = 4  # "How often are you having those thoughts?" after a risk question is the risk list's
# ... unless the clinician has since turned to the week ("Thanks for answering that. So, how has the week
# been?"): a questionnaire's risk item read first does not make the week's account the risk list's.
_WEEK_TURNED = re.compile(r"\bhow(?:'s| is| has| was)(?: your| the| this)? (?:week|weekend|fortnight)\b", re.I)


def _risk_context(lines: Sequence[Utterance], n: int) -> Sequence[Utterance]:
    """The lines before the question at ``n`` that may make it a risk follow-up."""
    start = max(0, n - RISK_CONTEXT_LINES)
    turned = [k for k in range(start, n + 1) if not is_client(lines[k].speaker) and _WEEK_TURNED.search(lines[k].text)]
    return lines[turned[-1] if turned else start:n + 1]


def answered_amounts(utterances: Sequence[Utterance], risky=lambda text: False,
                     taken: Sequence[int] = ()) -> list[tuple[str, str, list[int]]]:
    """(the question, the client's answer, [question, answer]) for up to two answers that give an
    amount, in the session's first two thirds; the question says what is counted ("How many panic
    attacks did you have this week?" - "Three. Last week it was five, so that's fewer."). Not a
    guess ("would", "do you think") or the time a task will take; ``taken``: lines another rule
    quotes already."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    for n, utt in enumerate(lines[:len(lines) * 2 // 3]):
        if is_client(utt.speaker) or n + 1 >= len(lines) or lines[n + 1].speaker.strip().lower() != "client":
            continue
        asked = [s for s in _SENTENCES.split(" ".join(utt.text.split())) if s.endswith("?")]
        question = asked[-1] if asked else ""
        answer = lines[n + 1]
        if (not _ASKS_AMOUNT.search(question) or _SCALE_ASKED.search(question) or _GUESS.search(question)
                or _NOT_ACCOUNT.search(question) or any(risky(u.text) or (not is_client(u.speaker) and asks_about_risk(u))
                                                     for u in _risk_context(lines, n))
                or len(question.split()) > QUESTION_MAX_WORDS or answer.id in taken or utt.id in taken):
            continue
        said = words_up_to(_SENTENCES.split(" ".join(answer.text.split())), ACCOUNT_MAX_WORDS)
        if said and _AMOUNT.search(said) and not said.endswith("?") and not _AGE.search(said) and not risky(said):
            found.append((question, said, [utt.id, answer.id]))
        if len(found) == ANSWERS_MAX:
            break
    return found


def answered_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    # As a clinician writes it: 'When asked "How has the week been?", the client said: "..."' (the older
    # '"question" - "answer"' read like a transcript pasted into the note).
    first, *rest = found
    said = [f'When asked "{first[0]}", the client said: "{first[1]}"'] + [f'when asked "{q}": "{a}"' for q, a, _ in rest]
    # An answer cut short ("Four nights, maybe five", "I was going to -") ends the quote without a full
    # stop of its own: the line still ends as a sentence.
    return "; ".join(said) + ("" if found[-1][1].rstrip().endswith((".", "!", "?", "…")) else ".")
