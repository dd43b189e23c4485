"""The clinician's formulation as shared in session, and the client's answer to it, for the Assessment.

Why: clinicians of every approach say their working formulation aloud and check it with the client
("I'm just noticing, and tell me if I'm wrong, that you're both ...", "Can I reflect back what I'm
hearing? ...", "Can I offer another way of looking at it? ...", "What you're describing ... is what
happens to a lot of people after ..."). That is the Assessment's analysis (the pattern, the impression,
the reframe), and the answer right after it ("That's fair.", "I've never thought of it like that.") is
the client's response to it. The 1.5B model writes the client's account and leaves both out, so the
Assessment was the note's thinnest part.

What counts: a clinician's line whose sentence announces a formulation (a question asking leave to say
it, or a statement opening with what the clinician notices, hears or makes of it), quoted from that
sentence on as said, up to a word limit, cut at a sentence end and before any question or proposal;
the answer is quoted only when the line ends on the formulation or on a check of it ("Is that fair?"),
so an answer to another question is never taken for it. An observation of the body ("I notice your
shoulders have dropped") is the Objective's; a line about risk is the risk lines'.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.joint_session import is_joint, label, names_by_role, role_of
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import without_stage
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

_LEAD = r"^(?:(?:so|and|okay|ok|right|well|mm|now|but),?\s+)*"
# Asking leave or announcing, then saying it in the sentences after: "Can I reflect back what I'm hearing?",
# "Let me pull this together.", "Can I offer another way of looking at it?", "I'd like to share my impressions".
_ANNOUNCES = re.compile(
    _LEAD + r"(?:(?:can|could|may) I (?:just )?(?:reflect|say|tell you|play|give you|share|offer|put)\b[^.?!]*"
    r"\b(?:what I'?m (?:hearing|noticing|seeing)|what I'?ve heard|another (?:way|angle)|a different (?:way|angle)|how I see it"
    r"|my (?:impressions?|thoughts?|understanding|sense))"
    r"|let me (?:just )?(?:pull|put|sum|say back|reflect)\b[^.?!]*\b(?:together|hearing|up|heard|back)"
    r"|I'?d like to (?:share|offer|put|reflect)\b[^.?!]*\b(?:impressions?|understanding|into words|what I'?m hearing|back)"
    r"|I'?m (?:just )?noticing something"
    # "Can I say something about the worry?": leave to say what the clinician makes of it
    r"|(?:can|could|may) I (?:just )?(?:say|offer|share|point out|name) (?:something|one thing|a thought))"
    r"|\bI want to (?:try to )?put (?:what I'?ve heard|it) into words"
    # marking a moment in the room, then saying what it shows: "That's worth sitting with for a moment. ..."
    r"|^(?:that'?s|this is) (?:really )?worth (?:sitting with|pausing on|noticing)\b", re.I)
# Saying it in the same sentence: "I'm just noticing, ..., that you're both ...", "What I'm hearing is that
# ...", "This sounds like the thing we started to notice last time.", "It sounds like you and Dev are ...",
# "What you're both describing is really common after ...", "It's sometimes called a positive belief about worry".
_STATES = re.compile(
    _LEAD + r"(?:(?:what )?I'?m (?:just )?(?:noticing|hearing)(?: is)?,?(?: and [^,]{0,40},)? (?:that|is|how)\b"
    r"|what I'?m (?:noticing|hearing|seeing) is\b"
    # the pattern put tentatively: "So what seems to happen is ...", "It sounds like when he's late, you ...",
    # "I wonder if part of the anger is ...", "I think what's going on is ...", "My sense is ..."
    r"|what (?:seems|tends) to happen\b|(?:it sounds|it seems) like (?:when|whenever|every time)\b"
    r"|the pattern (?:I'?m|we'?re) (?:noticing|seeing)\b|I think what'?s (?:happening|going on)\b|what strikes me\b"
    r"|my (?:sense|understanding|impression|hunch) is\b|I wonder if (?!(?:we|you|I)\b)(?:part of|some of|what|this|that|the|it'?s|there'?s)\b"
    r"|(?:this|that) sounds like (?:the (?:thing|pattern)|what we)\b"
    r"|it sounds like (?:you and (?:your )?\w+|the two of you|you both|both of you) (?:are|were|have|do)\b"
    r"|what you'?re (?:both )?describing\b[^.?!]*\b(?:is|that'?s|fits|sounds like)\b"
    r"|(?:that'?s|this is|it'?s) (?:exactly |very much )?the (?:pattern|cycle|trap) (?:we|I)\b"
    r"|(?:this|that)(?:'s| is) (?:exactly |very much )?(?:the thing |what )we(?:'ve)? (?:talked|been talking|were talking|started to notice|noticed)\b"
    # the chain put back: "So on Sunday, Graham was feeling useless, ... and what he reached for was ..."
    r"|so,? (?:on|at|after|when) [^,]{1,30}, (?:\w+|you) (?:was|were|had been) (?:feeling|thinking)\b"
    # the reframe: "It's not that he's being manipulative ... It's just that screaming worked"
    r"|(?:it isn'?t|it is not|it'?s not) that (?:one of you|either of you|you|he|she|they|\w+)(?:'s|'re| is| are| was| were)?\b)"
    # what the clinician notices: "I notice it took something to correct me, which is the opposite of the trap."
    # (never "I notice I'm having the thought", an exercise's words)
    r"|\bI notice(?:d)? (?:that|how|it|they)\b"
    r"|\b(?:it'?s|that'?s) (?:sometimes |often )?(?:called|what we call|what'?s called) (?:an? )?\w", re.I)
# Not a formulation: the body seen in the room (the Objective's observations), a plan or a proposal.
_OBSERVED = re.compile(r"\byou(?:'re| are| were)? (?:look(?:ing|ed)?|sitting|sat)\b|\byou look\b|\byour (?:voice|hands?|face|shoulders|eyes"
                       r"|foot|leg|sleeves?|arms?)\b|\beye contact\b|\btapping\b|\bfidget\w*|\brestless\b|\bsettled\b|\bhearing aids?\b"
                       r"|\bdoor handle\b|\bsmil\w+|\btearful\b", re.I)
_PROPOSES = re.compile(r"^(?:(?:so|and|okay|now),?\s+)?(?:let'?s|we'?ll|you'?ll|we could|you could|maybe we|how about|what about)\b"
                       r"|\bI'?d (?:suggest|like you|like us|like to (?:try|do|start|ask|look|work))\b|\bwhat I'?d (?:suggest|like)\b"
                       r"|\bhomework\b|\bthis week you\b|\bwhat we'?re going to\b|\bwe'?re going to\b", re.I)
# A turn to the next item or to the next visit ("That's worth noticing. And the other thing was ringing your
# brother.", "That's worth noticing too. So next time we'll start with ..."): the moment marked is left behind,
# and what follows is the agenda or the plan, not what the moment shows.
_TURNS = re.compile(r"^(?:(?:and|so|okay|ok|right|now|but),?\s+)*(?:the other (?:thing|task|bit|one)|another thing|one (?:more|other) thing"
                    r"|the next (?:thing|bit|one)|moving on|anyway|back to|next (?:time|session|week))\b", re.I)
# A pointer back and nothing more ("That's what we talked about last time."): what it points to was said before it.
_POINTER_ALONE = re.compile(r"^(?:(?:and|so),?\s+)?(?:this|that)(?:'s| is) (?:exactly |very much |just )?(?:the thing |what )we(?:'ve)? (?:talked"
                            r"|been talking|were talking|started to notice|noticed|said)\b[^.?!]*[.!]$", re.I)
# The impression the summary comes to ("That looks to me like depression after the birth of a baby."): quoted
# after the summary's opening when the whole is over the word limit.
_CONCLUDES = re.compile(r"\b(?:looks to me like|sounds to me like|fits (?:with )?what'?s called|what we call|(?:is|are) called"
                        r"|I'?d understand (?:this|it) as|my (?:impression|sense|understanding) is)\b", re.I)
CONCLUSION_MAX_WORDS = 30
# The check that hands the formulation to the client: "Is that fair?", "Does that fit?", "Did I get that right?";
# not another question ("how upset are you right now?" is a rating asked).
_CHECKS = re.compile(r"^(?:(?:and|so),?\s+)?(?:does (?:that|this|it)|is (?:that|this|it)|did I|have I|am I|would you say|how does (?:that|this))"
                     r"\b[^?]{0,30}\b(?:fair|fit|fits|right|wrong|got (?:it|that)|make sense|sound right|ring true|ring a bell|accurate"
                     r"|close|sound|land|feel)\b[^?]{0,15}\?$", re.I)
# Risk talk is the risk lines' to say, with their own checks.
_RISK = re.compile(r"\b(?:suicid\w*|kill\w*|death|die|dying|self-harm\w*|harm\w*|overdos\w*|safety plan|rifle|guns?|weapons?"
                   r"|end(?:ing)? (?:your|my|his|her|their|it all) li(?:fe|ves)|(?:be|being) (?:here|alive)|better off"
                   # a wish to join the dead, and abuse or coercion in a relationship: the risk lines' too
                   r"|(?:longing|wish\w*|want\w*) to be with (?:him|her|them)|the pain (?:would|to) stop|not wake up"
                   r"|abus\w+|controlling|coerci\w+|violen\w+|hit(?:s|ting)? (?:you|her|him))\b", re.I)
# A second person's answer is the response only when it takes the formulation up ("That's pretty much it.");
# "Can I just say, the kids noticed." turns to something else.
_TAKES_UP = re.compile(r"^(?:yeah|yes|yep|aye|no|nah|not really|that'?s|exactly|true|right|mm|hmm|maybe|kind of|sort of|pretty much"
                       r"|definitely|absolutely|totally|spot on|fair|probably|I (?:do|don'?t|think|guess|suppose))\b", re.I)
FORMULATION_OPENING = "Clinician's formulation, shared with the client in session: "
FORMULATION_MAX_WORDS = 60
ANSWER_MAX_WORDS = 20
FORMULATIONS_MAX = 3

Formulation = tuple[str, list[tuple[str, str]], list[int]]  # (said, [(who, answer)], [line ids])


def _said_from(sentences: Sequence[str], start: int) -> tuple[str, int]:
    """The formulation from ``sentences[start]`` on (the sentence itself when it states it, the ones after
    when it only announces it), up to the word limit and before a question or proposal; and the index of
    the first sentence not taken."""
    first = start + 1 if _ANNOUNCES.search(sentences[start]) and not _STATES.search(sentences[start]) else start
    taken: list[str] = []
    for k, sentence in enumerate(sentences[first:], first):
        if sentence.endswith("?") or _PROPOSES.search(sentence) or _TURNS.search(sentence):
            return " ".join(taken), k
        if len(" ".join(taken + [sentence]).split()) > FORMULATION_MAX_WORDS:
            break
        taken.append(sentence)
    else:
        return " ".join(taken), len(sentences)
    # over the limit: the opening, then the impression it comes to, if one is said before a question
    for k in range(first + len(taken), len(sentences)):
        if sentences[k].endswith("?") or _PROPOSES.search(sentences[k]) or _TURNS.search(sentences[k]):
            break
        if _CONCLUDES.search(sentences[k]) and len(sentences[k].split()) <= CONCLUSION_MAX_WORDS and taken:
            return " ".join(taken) + " ... " + sentences[k], k + 1
    return " ".join(taken), first + len(taken)


def formulations_shared(utterances: Sequence[Utterance], mentions_risk: Callable[[str], bool],
                        already: str = "") -> list[Formulation]:
    """Up to three formulations the clinician shared, in session order, each with the answers of the
    client's side that follow it (see the module). A sentence another rule line already quotes (``already``)
    is left out, and so is an answer it quotes: words are quoted once in the note (a line another rule
    only cites, as the interventions line does, is still free to quote)."""
    lines = [u for u in utterances if u.speaker]
    joint = is_joint(utterances)
    names = names_by_role(utterances) if joint else {}
    found: list[Formulation] = []
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            continue
        sentences = SENTENCE_BREAK.split(without_stage(utt.text))
        start = next((k for k, s in enumerate(sentences) if _ANNOUNCES.search(s) or _STATES.search(s)), None)
        if start is None:
            continue
        said, after = _said_from(sentences, start)
        if (len(said.split()) < 6 or _POINTER_ALONE.match(said) or _OBSERVED.search(said) or mentions_risk(said) or _RISK.search(said)
                or any(s and s in already for s in SENTENCE_BREAK.split(said))):
            continue
        rest = sentences[after:]
        answers: list[tuple[str, str]] = []
        # the line ends on it (or on a check of it): the answer is to the formulation, not to another question
        if (not any(x.endswith("?") or _PROPOSES.search(x) for x in rest[:-1])
                and (not rest or not (rest[-1].endswith("?") or _PROPOSES.search(rest[-1])) or _CHECKS.search(rest[-1]))):
            for reply in lines[n + 1:n + 3]:
                if not is_client(reply.speaker):
                    break
                replied = SENTENCE_BREAK.split(without_stage(reply.text))
                answer = words_up_to(replied, ANSWER_MAX_WORDS, lambda s: s.endswith("?"))
                if (not answer or mentions_risk(answer) or any(len(x.split()) > 1 and x in already for x in SENTENCE_BREAK.split(answer)) or _RISK.search(answer) or (answers and not _TAKES_UP.match(answer))):
                    break
                answers.append((label(role_of(reply), names) if joint else "client", answer))
        found.append((said, answers, [utt.id] + [lines[n + 1 + k].id for k in range(len(answers))]))
        if len(found) == FORMULATIONS_MAX:
            break
    return found


def formulations_sentence(found: Sequence[Formulation]) -> str:
    """One line: each formulation quoted, with the answers to it."""
    parts = []
    for said, answers, _ in found:
        reply = "; ".join(f'{who}: "{answer}"' for who, answer in answers)
        said = said.replace('"', "'")  # a quote inside the quote
        parts.append(f'"{said}"' + (f" (response, {reply})" if reply else ""))
    return FORMULATION_OPENING + "; ".join(parts)
