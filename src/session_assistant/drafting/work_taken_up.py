"""How the client took up the work the clinician proposed in the room, found by rule for the
Assessment's "response to interventions".

Why: a therapy Assessment says whether the client engaged with the session's work, agreed to it or
held back ("agreed to try the mirror retraining", "declined admission for now"), and the sessions
carry that in plain exchanges: the clinician proposes ("Are you up for it?", "Would you be willing to
do it once more, with the cap off?", "Shall we try it?") and the client answers ("Yeah. Alright. Go
on.", "I'm not cancelling it, though."). The rules quoted what the client said after the work, not
whether the client took it up, and the Assessment missed the item in most sessions.

What counts: a clinician's question that proposes work now or soon, and the client's next line;
"agreed" when the answer opens with agreement, "declined" when it opens with a refusal, and a
"but"/"though" answer is quoted as agreed in part. Each quotes the proposal and the answer and cites
both lines; a proposal another rule line already quotes is left out.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.answers import AGREES_FIRST, AGREES_TOO_FIRST, DECLINES_TOO, REFUSES
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import STAGE_DIRECTION, WEEKDAY
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

_SENTENCES = SENTENCE_BREAK
_PROPOSES = re.compile(
    r"\b(?:(?:are you|would you be|you) (?:up for|willing to|open to|okay to|happy to|game)"
    r"|shall we (?:try|do|give|have|practi[sc]e|look|start|run)|can we (?:try|do|give|have a go|practi[sc]e|start|run)"
    r"|(?:do|would) you (?:want|like) to (?:try|give|have a go|do|practi[sc]e)"
    r"|(?:would|could) you (?:try|give it a go|have a go)|how about (?:we|trying)|want to (?:try|give it a go|have a go)"
    r"|(?:would|could) (?:that|this|it) be (?:okay|alright|all right)\b[^.?!]*\b(?:if we|to try)"
    r"|would you be willing|are you willing|is that something you(?:'d| would) (?:try|be willing)"
    # in other words (paraphrase test): "Fancy giving it a try?", "Do you feel ready to start?", "How would you feel
    # about trying it with me?", "Is it okay if we run through it?", "Let's give the chair work a go, yeah?"
    r"|fancy (?:giving|having|trying|doing)|(?:feel|are you|you) ready to (?:try|give|have|start|do|go|practi[sc]e)"
    r"|(?:how|what) would you (?:feel|think) about (?:trying|giving|having|doing|practi[sc]ing|running|starting)"
    r"|(?:okay|ok|alright|all right) (?:if we|to) (?:try|do|give|have|run|start|practi[sc]e|go)"
    r"|let'?s (?:give|try|have a go|do|run|practi[sc]e)(?=\b[^.?!]*\?$)|shall we have a (?:crack|bash|go))\b", re.I)
# Not the work: permission to ask, to speak to someone, the next visit, a screen.
_NOT_WORK = re.compile(r"^(?:and |so |okay,? )?(?:what|where|when|how(?! would you (?:feel|think) about \w+ing)|which|who|why)\b|\b(?:questionnaire|checklist|form|measure"
                       r"|[A-Z]{2,}-\d+|can I ask|to ask you|let (?:her|him|them) know|tell (?:her|him|them|sue)|speak(?:ing)? to|email"
                       r"|next (?:time|week|session)|same time|safety|hurt|suicid|ending your life|kill)\b", re.I)
# A proposal for the time after the session is the Plan's homework, not the response to the work.
_FOR_LATER = re.compile(r"\b(?:week|every|each|daily|at home|tonight|tomorrow|between|before (?:next|we)|" + WEEKDAY
                        + r"|ring|call|phone|text|book|see your|doctor|GP)\b", re.I)
_PARTLY = re.compile(r"\b(?:but|though|although)\b", re.I)
_STAGE = STAGE_DIRECTION  # "(laughs)", "(pause)"
ANSWER_MAX_WORDS = 14
PROPOSAL_MAX_WORDS = 25
SHORT_WORDS = 6
ITEMS_MAX = 3

# What the client said the work did for them, unasked: "I've never thought of it like that.", "Easier
# than I thought.", "It helped a bit.", "But it wasn't as bad as I thought.", "I feel a bit lighter.",
# "It's a relief, saying it."
_REACTS = re.compile(r"\b(?:never thought of it (?:like that|that way)|(?:easier|better) than I (?:thought|expected)"
                     r"|(?:was|wasn'?t|isn'?t|not) (?:as bad|so bad) as I (?:thought|expected)|it (?:really )?helped|that helps|helps to hear"
                     r"|I didn'?t expect|(?:feels?|felt) (?:a bit |a lot |much |so )?less (?:awful|bad|scary|overwhelming|heavy)"
                     r"|I (?:do )?feel (?:a bit |much |a lot )?(?:calmer|lighter|better) (?:now|than when)|that'?s (?:a lot )?easier"
                     # how the client leaves: lighter, less like what they feared they were, relieved to have said it
                     r"|I (?:do )?feel (?:a (?:bit|little|lot) |much |so much )?lighter|I (?:do )?feel (?:a bit |a little |much )?(?:calmer|better),? actually"
                     r"|(?:feels?|felt) (?:a bit |a little |a lot |much |so )?less like (?:a|an|I'?m)|(?:it'?s|that'?s) (?:a|such a) relief)\b", re.I)
# The clinician remarks on a change since the start ("You look a bit lighter than when you came in."): the
# client's answer is what the work did, in whatever words ("I do feel it.").
_SINCE_START = re.compile(r"\b(?:than|since) (?:when )?you (?:came|walked|got) in\b|\bthan (?:at )?the start\b", re.I)
# Near the close, the clinician asks about a smile or a laugh just shown ("You smiled there. What's that
# about?"): the answer is how the client is leaving. Earlier a smile is about what was being told (a pet's
# habit, an email), and a remark alone ("You smiled when you said that.") asks nothing.
_EXPRESSION_ASKED = re.compile(r"\byou (?:smiled|laughed|grinned|lit up|relaxed|sighed)\b[^?]*\b(?:what'?s (?:that|the \w+) about"
                               r"|what was that(?: about)?|what'?s (?:going on|happening) (?:there|for you))\?", re.I)
CLOSE_SHARE = 0.8  # the session's last fifth
_SHRUGGED = re.compile(r"^(?:nothing|dunno|I don'?t know|not sure|no idea|just)[.!,]*$", re.I)
REACTION_MAX_WORDS = 20
TakenUp = tuple[str, str, str, list[int]]  # (how it was taken up, the proposal, the answer, lines)


def _who(utt: Utterance) -> str:
    return utt.speaker.strip().lower()


def _proposal(text: str) -> str:
    sentences = _SENTENCES.split(" ".join(_STAGE.sub("", text).split()))
    for n, sentence in enumerate(sentences):
        if (sentence.endswith("?") and _PROPOSES.search(sentence) and not _NOT_WORK.search(sentence)
                and not _FOR_LATER.search(sentence)):
            if len(sentence.split()) <= SHORT_WORDS and n and not sentences[n - 1].endswith("?"):
                # "Would you be up for that?" says what only with the sentence before it
                before = sentences[n - 1]
                if not _FOR_LATER.search(before) and not _NOT_WORK.search(before):
                    return words_up_to([before, sentence], PROPOSAL_MAX_WORDS) or sentence
            return words_up_to([sentence], PROPOSAL_MAX_WORDS)
    return ""


def work_taken_up(utterances: Sequence[Utterance], mentions_risk: Callable[[str], bool],
                  already: str = "") -> list[TakenUp]:
    """The work proposed in session and how the client answered it, in session order (see the module)."""
    lines = [u for u in utterances if u.speaker]
    found: list[TakenUp] = []
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or _who(answer) != "client" or mentions_risk(utt.text):
            continue
        proposal = _proposal(utt.text)
        if not proposal or proposal in already:
            continue
        said = " ".join(_STAGE.sub("", answer.text).split())
        words = words_up_to(_SENTENCES.split(said), ANSWER_MAX_WORDS) or " ".join(said.split()[:ANSWER_MAX_WORDS])
        if REFUSES.search(said) or DECLINES_TOO.search(said):
            how = "declined"
        elif AGREES_FIRST.search(said) or AGREES_TOO_FIRST.search(said):
            how = "agreed in part" if _PARTLY.search(words) else "agreed"
        else:
            continue
        found.append((how, proposal, words, [utt.id, answer.id]))
    return found[:ITEMS_MAX]


# Help from before, told as history ("I saw the uni counsellor six times. It helped."): not this session's work.
_HELP_BEFORE = re.compile(r"\b(?:saw|seen|had|went to|got|was on|tried)\b[^.!?]*\b(?:counsell?or|counsell?ing|therapist|therapy|psychologist"
                          r"|psychiatrist|tablets|medication|antidepressants|pills)\b", re.I)


def reactions(utterances: Sequence[Utterance], mentions_risk: Callable[[str], bool], already: str = "") -> list[tuple[str, list[int]]]:
    """The client's own words on what the work did, from the session's second half (see ``_REACTS``)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    half = len(lines) // 2
    for at, utt in enumerate(lines[half:], half):
        if _who(utt) != "client" or mentions_risk(utt.text):  # a parent's "That helps" is not the client's
            continue
        sentences = _SENTENCES.split(" ".join(_STAGE.sub("", utt.text).split()))
        before = lines[at - 1]
        asked_smile = at >= CLOSE_SHARE * len(lines) and bool(_EXPRESSION_ASKED.search(before.text))
        remark = before if not is_client(before.speaker) and (_SINCE_START.search(before.text) or asked_smile) else None
        n = 0 if remark else next((k for k, s in enumerate(sentences) if _REACTS.search(s)), None)
        if asked_smile and len(sentences) > 1 and _SHRUGGED.match(sentences[0]):
            n = 1  # "Nothing. Just, it's nice someone knows.": the shrug before it is not what the work did
        if n is None or any(_HELP_BEFORE.search(s) for s in sentences[max(0, n - 2):n]):
            continue
        said = words_up_to(sentences[n:n + 2], REACTION_MAX_WORDS) or sentences[n]
        if said not in already and sentences[n] not in already:
            found.append((said, ([remark.id] if remark else []) + [utt.id]))
    return found[:ITEMS_MAX]


# The client recognising what the clinician has just put into words (psychoeducation, a formulation, a
# reframe): "Yeah. That's exactly what happened.", "That's literally it.", "So it's the nap.", "When you put it
# like that.", "That makes sense." The client's line opens with it, right after the clinician's explanation.
_RECOGNISES = re.compile(r"^(?:(?:yeah|yes|yep|mm|hm+|okay|ok|oh|well|god|right)[,.!]?\s+)*(?:that'?s (?:exactly|literally|so|just) "
                         r"(?:it|right|me|true|what (?:happens|happened|I do|I did))\b|that makes (?:sense|a lot of sense|total sense)\b"
                         r"|(?:it )?makes sense\b|when you put it like that\b|I(?:'ve)? (?:never|hadn'?t) (?:thought|looked at it) (?:of it |about it )?"
                         r"(?:like that|that way)\b|so it'?s (?:a|the) \w+[.!]?$|I can see that(?: now)?\b)", re.I)
# "I hadn't thought of it like that." says by itself that the clinician's line offered a new view, however
# short the line ("So the walk gave you something to bring back to her."), and may follow a short first
# sentence ("I suppose it did."); the other recognitions need an explanation of EXPLAINED_MIN_WORDS.
_NEW_VIEW = re.compile(r"^(?:[^.!?]{1,25}[.!?]\s+)?(?:(?:yeah|yes|oh|well|hm+|huh)[,.!]?\s+)*I(?:'d| had)? (?:never|hadn'?t|had not|didn'?t) "
                       r"(?:thought|looked at it|seen it) (?:of it |about it )?(?:like that|that way)\b", re.I)
NEW_VIEW_MIN_WORDS = 6
# What the clinician explained, not the room's business: consent, forms, the next visit, a measure's items.
_ADMIN = re.compile(r"\b(?:confidential\w*|consent|record(?:ing)?|forms?|paperwork|questionnaire|appointment|next (?:week|time|session)"
                    r"|notes|file|between us|privacy|private|waiting list|fees?|policy|how (?:this|these|it) works?"
                    r"|same time|any questions|scor\w*|[A-Z]{2,}-?\d+)\b", re.I)
# After the recognition, the client's next sentences go on with it while they are short ("B.") or carry it on
# ("It's like I'm angry at the jolt, not at them.", "And I'm lying there thinking ..."); not "Sorry, I've been jumpy."
_GOES_ON = re.compile(r"^(?:and|but|though|although|so|it'?s like|like|that'?s|it'?s|which)\b", re.I)
# Sentence ends, also after a closing quotation mark ("... 'It's getting worse!' And round it goes.").
_ENDS = re.compile(r"(?<=[.!?][\"”])\s+|" + SENTENCE_BREAK.pattern)
EXPLAINED_MIN_WORDS = 12
RECOGNISED_MAX = 2


def recognitions(utterances: Sequence[Utterance], mentions_risk: Callable[[str], bool],
                 already: str = "") -> list[tuple[str, str, list[int]]]:
    """(the client's words, the clinician's last sentence before them, [both lines]) where the client
    recognises an explanation the clinician has just given (see ``_RECOGNISES``): only the client's own
    line, right after a clinician's line of ``EXPLAINED_MIN_WORDS`` words or more that is no
    administration and no risk talk."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    for n in range(1, len(lines)):
        utt, before = lines[n], lines[n - 1]
        if _who(utt) != "client" or is_client(before.speaker) or mentions_risk(before.text) or mentions_risk(utt.text):
            continue
        explained = " ".join(_STAGE.sub("", before.text).split())
        said = " ".join(_STAGE.sub("", utt.text).split())
        new_view = bool(_NEW_VIEW.search(said))
        if len(explained.split()) < (NEW_VIEW_MIN_WORDS if new_view else EXPLAINED_MIN_WORDS) or _ADMIN.search(explained):
            continue
        if not (new_view or _RECOGNISES.search(said)):
            continue
        sentences = _SENTENCES.split(said)
        first = next(k for k, x in enumerate(sentences) if (_NEW_VIEW if new_view else _RECOGNISES).search(" ".join(sentences[:k + 1])))
        kept = sentences[:first + 1]
        for more in sentences[first + 1:]:
            if not (len(more.split()) <= 3 or _GOES_ON.match(more)) or len(" ".join(kept + [more]).split()) > REACTION_MAX_WORDS:
                break
            kept.append(more)
        words = " ".join(kept)
        last = _ENDS.split(explained)[-1].replace('"', "'")
        if words in already or len(words.split()) > REACTION_MAX_WORDS:
            continue
        found.append((words, words_up_to([last], PROPOSAL_MAX_WORDS), [before.id, utt.id]))
        if len(found) == RECOGNISED_MAX:
            break
    return found


def recognitions_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    said = "; ".join(f'"{words}"' + (f' (after the clinician\'s "{last}")' if last else "") for words, last, _ in found)
    return f"Response to interventions, the client recognising what the clinician explained, in the client's words: {said}"


def reactions_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    said = "; ".join(f'"{text}"' for text, _ in found)
    return f"Response to interventions, what the client said the work did, in the client's words: {said}"


def taken_up_sentence(found: Sequence[TakenUp]) -> str:
    said = "; ".join(f'{how} ("{proposal}" - client: "{answer}")' for how, proposal, answer, _ in found)
    return f"Response to interventions, when work was proposed in session: {said}"
