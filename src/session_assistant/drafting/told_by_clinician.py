"""Whose words a model sentence of the Subjective tells: the client's account, or the clinician's
words given to the client.

Read in the drafts of sessions nobody had tuned on (84, 87): the 1.5B model writes what only the
clinician said as the client's report. The clinician's psychoeducation ("Those thoughts are really
common when someone's been feeling this low for a while", answered "S'pose.") became "The client's
thoughts ... were more common when ..."; last time's plan ("Last time we said you'd try to get up
before twelve on three days. How did that go?", answered "Didn't.") became "The client reported ...
getting up before twelve on 3 days"; the clinician's "It takes about five minutes" became the
client's five minutes; a questionnaire's answer options read aloud ("two one to three hours, three
three to eight hours, four more than eight") became the client's hours.

Two checks, on the lines the sentence cites and those that hold its words, with the lines beside them
(``NEAR_LINES``):

- ``clinicians_words``: most of what the sentence tells (``TOLD_MIN`` of its words at least) stands
  only in clinician's lines there that the client did not take up: lines that teach ("really
  common"), read a questionnaire's options, or that the client answered with a no or a word or three
  ("S'pose.", "Yeah, go on.", "Didn't."); and the client's lines there say at most one of those
  words. Not when the client told it first and the clinician said it back ("So you did four thought
  records" after "So I did four thought records"): half those words stand in the client's earlier
  lines. The client takes up a summary not denied ("Can I check what I'm hearing? ..." "That's about
  right."), a question answered in the client's own words ("How are you sleeping?" "I'm not,
  really."), a question about what the sentence tells answered yes ("And still just the one cup?"
  "Yeah, just the one."), an offer, for a sentence telling the client's wish ("I have. I'm up for
  it."), and a line about the client's life answered at length ("It's been two years now since Ken
  died, hasn't it." "September. My daughter said ..."). Where the client's lines there do say part of
  it, the rest is the clinician's only when a teaching line says it and the client says none of it
  anywhere: "more common when someone was feeling this low for a while" beside the client's "I
  wouldn't" (act on the thoughts).
- ``option_numbers``: amounts the sentence states ("3 to 8 hours", "more than eight") whose numbers
  a clinician's line there reads as a questionnaire's answer options and no client line there says:
  an anchor is not the client's amount.

The sentence is withheld from the note, shown beside it (``sections.assemble``); the psychoeducation
itself is the interventions line's (Objective), from the clinician's own lines.
"""

from __future__ import annotations

import re
from typing import Iterable

from session_assistant.drafting.grounding import SourceIndex, content_stems, numbers_in
from session_assistant.drafting.risk import is_clinician
from session_assistant.drafting.said_terms import NOTE_NOUN_WORDS
from session_assistant.drafting.therapy_voice import CLINICAL_TERMS
from session_assistant.drafting.vocabulary import QUOTED_SPAN, without_leading_stage
from session_assistant.drafting.word_stems import stem
from session_assistant.drafting.wording import SENTENCE_BREAK

CLINICIANS_WORDS = "clinicians_words_as_report"
OPTION_NUMBERS = "answer_options_as_amount"

NEAR_LINES = 2  # the client's answer stands right after the clinician's line the model cites
TOLD_MIN = 3
TOLD_SHARE = 0.5
CLIENT_WORDS_MAX = 1  # "two minutes to spare" beside "about five minutes" shares a word by chance
# Words any account holds, whoever said it: they tell nothing of whose account it is.
_GENERIC = content_stems("""still more which how each some other made make getting get got having feeling feel felt
feels way while really bit lot much many thing things something able like want wanted going being done doing did
try tried
when where what who why whom whose didn't don't doesn't wasn't weren't""")
# The sentence's subject is the session or the clinician: not a report of the client's.
_NOT_THE_CLIENTS = re.compile(r"^(?:the |this |today's )?(?:session|clinician|therapist|counsell?or)\b", re.I)
# Nor an instruction ("Do the stress-reducing conversation 3 times.", "Phone your sister on two evenings."):
# the homework copied, which the Plan's rules say once. A verb, then what it acts on ("Sleep has been poor"
# is a report).
_INSTRUCTION = re.compile(r"^(?:do|use|try|keep|write|practi[cs]e|bring|call|ring|phone|text|email|message|go"
                          r"|take|make|aim|continue|start|stop|record|log|track|fill|complete|read|listen|walk|leave"
                          r"|put|give|ask|tell|notice|remember|set|plan|pick|choose|book|see|meet|check|eat|drink"
                          r"|sleep|get|have|say|spend|let)\s+(?:the|a|an|your|their|his|her|its|it|them|him|one|some"
                          r"|this|that|these|those|up|out|down|back|off|on|in|to|for|with|every|each|twice|once|\d+"
                          r"|two|three|four|five)\b", re.I)
_AFFIRMED = re.compile(r"^(?:yes|yeah|yep|yup|aye|mm+|mhm|uh-huh|right|that's (?:about )?right|that sounds right"
                       r"|that's it|correct|exactly|true)\b", re.I)
# The clinician saying back what the client told: a summary the client's yes makes the client's account.
_REFLECTS = re.compile(r"\b(?:what I'm hearing|what I hear|if I've got (?:this|that|it) right|can I check|to sum up"
                       r"|let me (?:summari[sz]e|check|sum (?:it )?up)|you said|you've said|you mentioned"
                       r"|sounds like you)\b",
                       re.I)
# A sentence telling what the client wants or agrees to: an offer the client took up supports it.
_STANCE = re.compile(r"\b(?:desire|wish\w*|want\w*|willing\w*|agree\w*|keen|interested|open to|up for"
                     r"|hop(?:e|ed|es|ing)|intend\w*|would like|commit\w*|ready to|prefer\w*|decided|chose)\b", re.I)
_DENIED = re.compile(r"^(?:no|nope|not really|not quite|didn't|never|that's not)\b", re.I)
# Psychoeducation says how things are for people, not what this client did: "really common when someone's been
# feeling this low", "your brain learns", "a lot of people find".
_TEACHES = re.compile(r"\b(?:(?:really |very |quite |so )?common|normal|natural|people (?:often|tend|usually|find|get)"
                      r"|(?:a lot of|many|most|lots of|other) people|tends? to|(?:the|your) (?:brain|body)|that's how"
                      r"|is how)\b", re.I)
# A rating read with its meaning, three in a row: "nought none, one less than an hour a day, two one to three hours".
_RATING = re.compile(r"^(?:nought|zero|none|0|one|1|two|2|three|3|four|4|five|5|six|6|seven|7)\b", re.I)
OPTIONS_MIN = 3
_NUMBER = (r"(?:\d+|nought|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
           r"|forty|fifty|sixty)")
# An amount the sentence gives ("one to 3 hours", "more than eight"), not a rating's label ("four") or "the one".
_AMOUNT = re.compile(r"\b%s(?:\s*(?:to|-|or)\s*%s)?\s+(?:hours?|minutes?|days?|nights?|weeks?|times?|percent)\b"
                     r"|\b(?:more|less|fewer) than (?:an? )?%s\b" % (_NUMBER, _NUMBER, _NUMBER), re.I)
_PIECES = re.compile(r"[.,;:!?]|\b(?:to|or|and)\b", re.I)
ANSWER_MIN_WORDS = 3
MINIMAL_REPLY_WORDS = 3
# A measure's score ("a GAD-7 score of 13") is the clinician's reading of the client's own answers: the
# measures' rules hold it.
_SCORE = re.compile(r"\b[A-Z][A-Z0-9]*-?\d+\b|\b[Ss]cored?\b")


def _numbers(text: str) -> set[str]:
    """The numbers of a text each on its own: "Two. One to three hours." is 2, 1 and 3, never "two one" as 3."""
    return set().union(*(numbers_in(piece) for piece in _PIECES.split(text)))


def _told(text: str) -> set[str]:
    """What a text tells: its content words by stem ("phoning" and "phone", "worries" and "worry" meet),
    and its numbers ("#3")."""
    bag = {w for w in content_stems(text) if not numbers_in(w)}
    return bag | {f"#{n}" for n in _numbers(text)}


def _lines(source: SourceIndex, evidence: Iterable) -> list:
    return [source.by_id[i] for i in source.around(evidence, NEAR_LINES) if source.by_id[i].speaker]


def _reply(source: SourceIndex, seg_id: int):
    at = source.position[seg_id] + 1
    following = source.by_id[source.order[at]] if at < len(source.order) else None
    return following if following is not None and following.speaker and not is_clinician(following.speaker) else None


def _answered(utt, source: SourceIndex, bag: set[str], stance: bool = False) -> set[str]:
    """What the client took up of a clinician's line ``utt`` by answering it: all of it when it said back
    what the client told and the client did not say no ("Can I check what I'm hearing? ... you're afraid
    of putting the load on Joanne." "Yeah. That's about right."; the questionnaire the client answered,
    summed up: "Can I tell you what I'm hearing? ... low mood, loss of interest ..." "I thought it was
    just me."); a question the client answered in words of their own ("How are you sleeping?" "I'm not,
    really. I'm awake at three."); a question the client said yes to that asks what the sentence tells
    ("And you're still having just the one cup?" "Yeah, just the one."). For a sentence telling the client's
    wish or agreement (``stance``), an offer the client did not turn down ("Op COURAGE, the veterans' service.
    They do groups ... Have you thought any more about it?" "I have. I'm up for it."). Never a statement
    answered "Yeah, go on." in a report of what happened, nor a question answered "Didn't."."""
    reply = _reply(source, utt.id)
    said = without_leading_stage(reply.text).strip() if reply is not None else ""
    agreed = bool(_AFFIRMED.match(said))
    if said and (_REFLECTS.search(utt.text) or stance) and not _DENIED.match(said):
        return _told(utt.text)
    asked = [_told(q) for q in SENTENCE_BREAK.split(" ".join(utt.text.split())) if q.endswith("?")]
    if len(said.split()) >= ANSWER_MIN_WORDS and not agreed:
        return set().union(*asked)
    return set().union(*(q for q in asked if len(q & bag) >= 2)) if agreed else set()


def _not_taken_up(utt, source: SourceIndex) -> bool:
    """The clinician's line teaches, reads a questionnaire's options, or the client answered it with a no or
    a word or three ("S'pose.", "Yeah, go on.", "Didn't.") or not at all."""
    reply = _reply(source, utt.id)
    said = without_leading_stage(reply.text).strip() if reply is not None else ""
    return bool(_TEACHES.search(utt.text) or _options(utt.text) or not said or _DENIED.match(said)
                or len(said.split()) <= MINIMAL_REPLY_WORDS)


def _session(source: SourceIndex) -> tuple[set[str], list[tuple[int, set[str]]]]:
    """What anyone said in the session, and what each client line tells, with its place."""
    return _told(source.text), [(n, _told(u.text)) for n, u in enumerate(source.utterances)
                                if u.speaker and not is_clinician(u.speaker)]


def clinicians_words(text: str, source: SourceIndex, evidence: Iterable = ()) -> bool:
    """True when a Subjective sentence tells, as the client's, what only the clinician said in the
    lines it cites (see the module doc); False when the session has no speakers or nothing is cited."""
    ids = source.valid_ids(evidence)
    if (not ids or not source.utterances[0].speaker or _NOT_THE_CLIENTS.match(text.strip())
            or _INSTRUCTION.match(text.strip()) or _SCORE.search(text)):
        return False
    said, clients = source.once(_session)
    bag = {w for w in _told(QUOTED_SPAN.sub(" ", text)) if w not in _GENERIC_STEMS} & said
    # the lines the sentence cites and those that hold its words (a copy of one sentence cites other lines)
    near = _lines(source, ids + source.best_matches(text))
    stance = bool(_STANCE.search(QUOTED_SPAN.sub(" ", text)))
    client = set().union(*(_told(u.text) if not is_clinician(u.speaker) else _answered(u, source, bag, stance)
                           for u in near))
    # Only lines the client did not take up: teaching, a questionnaire read out, or one answered with a no or a
    # word or three. A line about the client's life answered at length ("It's been two years now since Ken died,
    # hasn't it." "September. My daughter said ...") is a shared account, not the clinician's alone.
    theirs = [u for u in near
              if is_clinician(u.speaker) and (_told(u.text) & bag) - client and _not_taken_up(u, source)]
    told = set().union(*(_told(u.text) for u in theirs)) & bag - client if theirs else set()
    if len(told) < TOLD_MIN or len(told) < TOLD_SHARE * len(bag):
        return False
    if len(bag & client) > CLIENT_WORDS_MAX:
        # The client told part of it there; the rest is the clinician's when it is the clinician's teaching and
        # the client says none of it anywhere: "more common when someone was feeling this low" beside the
        # client's "I wouldn't" (act on the thoughts). A remark on the client's own news ("Eleven weeks
        # without self-harm. That's a big deal.") teaches nothing: the news stays the client's.
        taught = set().union(*(_told(u.text) for u in theirs if _TEACHES.search(u.text))) & told
        return len(taught) >= TOLD_MIN and not taught & set().union(*(words for _, words in clients))
    last = max(source.position[u.id] for u in theirs)
    before = set().union(*(words for n, words in clients if n < last))
    return len(told & before) < TOLD_SHARE * len(told)  # told first by the client: the clinician's summary of it


_GENERIC_STEMS = _GENERIC | {stem(w) for w in CLINICAL_TERMS} | content_stems(NOTE_NOUN_WORDS)


def _options(text: str) -> set[str]:
    """The numbers of a line read as answer options ("nought none, one less than an hour a day, two one
    to three hours, ..."): three ratings in a row, each said with its meaning; the ratings and the amounts."""
    found: set[str] = set()
    for sentence in SENTENCE_BREAK.split(" ".join(text.split())):
        rated = [p.strip().split(maxsplit=1) for p in re.split(r"[,;]", sentence) if _RATING.match(p.strip())]
        rated = [p for p in rated if len(p) == 2]
        if len(rated) >= OPTIONS_MIN:
            found |= {n for rating, meaning in rated for n in numbers_in(rating) | _numbers(meaning)}
    return found


def option_numbers(text: str, source: SourceIndex, evidence: Iterable = ()) -> list[str]:
    """Numbers of ``text`` read from a questionnaire's answer options near the lines it cites and said
    by no client line there."""
    ids = source.valid_ids(evidence)
    if not ids or not source.utterances[0].speaker:
        return []
    near = _lines(source, ids)
    options = set().union(*(_options(u.text) for u in near if is_clinician(u.speaker)))
    if not options:
        return []
    client = set().union(*(_numbers(u.text) for u in near if not is_clinician(u.speaker)))
    amounts = set().union(*(_numbers(m.group(0)) for m in _AMOUNT.finditer(QUOTED_SPAN.sub(" ", text))))
    return sorted((amounts & options) - client, key=float)


def told_by_clinician(text: str, source: SourceIndex, evidence: Iterable = ()) -> list[str]:
    """The flags (each withholds) for a Subjective sentence that gives the clinician's words to the client."""
    flags = [f"{OPTION_NUMBERS}:{n}" for n in option_numbers(text, source, evidence)]
    return flags + ([CLINICIANS_WORDS] if clinicians_words(text, source, evidence) else [])
