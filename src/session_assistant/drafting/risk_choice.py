"""How a client's answer to a screening question reads when it is neither a plain yes nor a plain no:
a choice between the options the question offered, or a hedge.

Why: "Is it more like not wanting to be around, or hurting yourself?" - "The first one." was read as
an unclear answer about self-harm (the question's first topic the rules knew), when it endorses the
first option, passive ideation, and says nothing of self-harm; and "No. I don't know. Maybe." was
read as a denial. A choice is resolved to the option chosen ("the second", "both", "a bit of both",
"neither", "more the first", or the option's own words: "the not being around one"); a hedge
leaves the answer to the clinician's follow-up. Only the reading of the words is here; what each
option is about is ``risk``'s (its screening topics).
"""

from __future__ import annotations

import re

from session_assistant.drafting.risk_words import HOW_MANY, YES_OR_HOW_OFTEN
from session_assistant.drafting.word_stems import stem
from session_assistant.drafting.wording import SENTENCE_BREAK

# "..., or thoughts about hurting yourself?": the options of one question, split at its "or"s. A
# closing "or not", "or anything like that" asks yes or no, and offers nothing to choose.
_OR = re.compile(r",?\s+\bor\b\s+", re.I)
_NO_OPTION = re.compile(r"^(?:not|no|anything|something|whatever|so|otherwise|what|is it|are they)\b(?:\s+(?:like that|else|at all))?\W*$",
                        re.I)

_LEAD = (r"^\s*(?:(?:um+|uh|er|erm|oh|well|hmm+|mm+|like|just|honestly|probably|definitely|mostly|maybe|i think|i guess|"
         r"i'?d say|i suppose|more|more like|more the|it'?s|it is|kind of|sort of|that'?s)[,.]?\s+)*")
# The choice ends its clause: "First of all, no." and "Both my parents ..." choose nothing.
_END = (r"(?:\s+(?:one|of them|of those|things?|really|mostly|probably|definitely|sometimes|i think|i guess|i suppose|"
        r"i'?d say|to be honest|honestly|more|maybe|if anything))*\s*(?:[.,;!?\u2026-]|$)")


def _ordinal(words: str) -> re.Pattern:
    # A bare ordinal with a comma is a discourse marker ("First, can I ask why?"): "first" chooses only
    # with "the" or "one", or alone.
    return re.compile(_LEAD + rf"(?:the (?:{words})|(?:{words})(?= one\b|\s*(?:[.!?\u2026]|$)))" + _END, re.I)


_FIRST, _SECOND, _THIRD, _LAST = (_ordinal(w) for w in ("first|former|1st", "second|2nd", "third|3rd", "last|latter"))
_BOTH = re.compile(_LEAD + r"(?:a (?:bit|little|mix) of |bit of |little of |mix of |kind of |sort of )?both" + _END, re.I)
_NEITHER = re.compile(_LEAD + r"neither" + _END, re.I)
_NEGATED = re.compile(r"\b(?:no|not|nope|nah|never|nothing|none|neither|nor)\b|n'?t\b", re.I)
# An option named in its own words: "The not being around one." (a short answer only)
ECHO_MAX_WORDS = 8
_WORD = re.compile(r"[a-z]{4,}")
# an option's own "not": "The not being around one." names the option, refusing nothing
_NOT_BEING = re.compile(r"\bnot (?:wanting|being|waking|wake|living|existing|exist|be here)\b", re.I)  # "Not wake up."
_NOT_DISTINCT = set("""more like that this what when with thoughts thought thinking feel feeling about just kind sort really
maybe probably think mostly them they then than your yourself myself have been were does anything something""".split())


def options_offered(line: str, names_topic=None) -> list[str]:
    """The options of the last question in a clinician's ``line`` that offers a choice ("..., or ...?"),
    in the order offered; [] when no question does. ``names_topic(words)``: whether words name a risk
    topic, to split a list before its "or" ("wishing you weren't here, hurting yourself, or ending
    your life?") from a preamble that is no option ("When that comes up, is it more ...")."""
    questions = [s for s in SENTENCE_BREAK.split(line.strip()) if s.rstrip().endswith("?")]
    for question in reversed(questions):
        options = [o.strip(" ,?") for o in _OR.split(question.rstrip(" ?"))]
        if len(options) >= 2 and not _NO_OPTION.match(options[-1]) and all(options):
            return _listed(options, names_topic) if names_topic else options
    return []


def _listed(options: list[str], names_topic) -> list[str]:
    pieces = options[0].split(", ")
    listed = 0  # the pieces at the end of the first option that each name a topic: options of their own
    while listed < len(pieces) and names_topic(pieces[len(pieces) - 1 - listed]):
        listed += 1
    if listed == 0:
        return options
    head, tail = ", ".join(pieces[:len(pieces) - listed]), pieces[len(pieces) - listed:]
    if head and not names_topic(head):  # a preamble ("When that comes up"): part of the first option
        head, tail[0] = "", f"{head}, {tail[0]}"
    return [*([head] if head else []), *tail, *options[1:]]


def _stems(text: str) -> set[str]:
    """The option's distinct words by stem: "the hurting one" names "hurt yourself"."""
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _NOT_DISTINCT}


def chosen_options(answer: str, options: list[str]) -> list[int] | None:
    """The positions of the options ``answer`` chooses ([] for "neither"); None when it chooses none
    (a yes, a no, or anything else is read as an answer to the question as a whole)."""
    if len(options) < 2:
        return None
    first_sentence = SENTENCE_BREAK.split(answer.strip())[0]
    if _NEITHER.match(first_sentence):
        return []
    if _BOTH.match(first_sentence):
        return list(range(len(options)))
    if _FIRST.match(first_sentence):
        return [0]
    if _SECOND.match(first_sentence):
        return [1]
    if _THIRD.match(first_sentence) and len(options) >= 3:
        return [2]
    if _LAST.match(first_sentence):
        return [len(options) - 1]
    # "Not suicide." names an option to refuse it: no echo then.
    if len(first_sentence.split()) <= ECHO_MAX_WORDS and not _NEGATED.search(_NOT_BEING.sub("", first_sentence)):
        said = _stems(first_sentence)
        stems = [_stems(o) for o in options]
        named = [n for n, own in enumerate(stems) if said & (own - set().union(*(s for m, s in enumerate(stems) if m != n)))]
        if len(named) == 1:
            return named
    return None


# "I don't know", "not sure", "maybe", "hard to say" said as the answer, not "I don't know why I'd do
# that" or "maybe once or twice" (a when, not a hedge).
_HEDGE_END = r"(?=\s*(?:[.,;!?\u2026-]|$|\b(?:maybe|really|perhaps|possibly|honestly|to be honest|tbh|though|either)\b))"
_HEDGE = re.compile(r"\b(?:(?:i )?(?:don'?t|do not) (?:really )?know|i dunno|dunno|(?:i'?m )?not (?:really |totally |entirely )?sure|"
                    r"maybe|perhaps|possibly|hard to say|(?:i )?can'?t (?:really )?say|who knows|i'?m not certain)" + _HEDGE_END, re.I)
# A yes, a partial yes or a how often beside the hedge makes it an answer ("Maybe once or twice.",
# "Kind of? I don't know."): endorsed, which the clinician follows up anyway.
# A count says how often, whatever its maybe: "A few nights a week, maybe."
_FIRM = re.compile(r"\b(?:%s|%s)\b" % (YES_OR_HOW_OFTEN, HOW_MANY), re.I)
HEDGE_WORDS = 30  # a hedge this early in the answer hedges the answer, not a story told after it


# "No. Honestly, no. If anything it's made me, I don't know, glad ...": a no said twice is said; the filler after hedges
# nothing, but a doubt said next ("No. No. I dunno.") does
_NO_TWICE = re.compile(r"^\W*no\b[^?]{0,20}?\bno\b[.!](?!\s*(?:i )?(?:dunno|don'?t know|not sure|maybe|i'?m not sure|i think|i guess))",
                       re.I)


def hedged(answer: str) -> bool:
    """True when the answer hedges: "I don't know. Maybe.", "Not really. I'm not sure."."""
    return bool(_HEDGE.search(" ".join(answer.split()[:HEDGE_WORDS]))) and not _NO_TWICE.search(answer)


def firm(answer: str) -> bool:
    """True when the answer says yes or how often, whatever it hedges."""
    return bool(_FIRM.search(" ".join(answer.split()[:HEDGE_WORDS])))


# An option that asks about a passive wish: "not wanting to be around", "wishing you wouldn't wake up".
_PASSIVE_ASKED = re.compile(r"\b(?:not|wouldn'?t|would not) (?:wanting to )?(?:be around|be here|be alive|exist|wake up)\b|\bbetter off (?:dead|without)\b|"
                            r"\bnot wanting to go on\b|"
                            r"\bwish(?:ed|ing)? (?:you|they) (?:were|was|weren'?t|wasn'?t|could|would|wouldn'?t|didn'?t)\b|\bdisappear\b|"
                            r"\b(?:thoughts?|thinking) (?:of|about) (?:death|dying)\b|\blife (?:is|isn'?t) (?:not )?worth living\b|"
                            # "do you mean without you around, as in, if you were dead?": the burden, a passive wish
                            r"\bif you were dead\b|\bwithout you (?:around|here)\b", re.I)
# What makes a question ask about more than a passive wish: suicide, ending a life, a plan, acting on it.
_ACTIVE_ASKED = re.compile(r"\bsuicid\w*|\bend(?:ing)? (?:your|their|his|her) li(?:fe|ves)\b|\bkill(?:ing)? yourself\b|"
                           r"\btake your (?:own )?life\b|(?<!without )(?<!without any )(?<!without a )\bplans?\b|\bact(?:ing)? on\b", re.I)


def asks_passive(words: str) -> bool:
    """True when a question's (or an option's) words ask about a passive wish."""
    return bool(_PASSIVE_ASKED.search(words))


def asks_passive_only(question: str) -> bool:
    """True when a question asks about a passive wish and nothing active (no suicide, no plan): a
    plain yes to it endorses the passive wish."""
    return asks_passive(question) and not _ACTIVE_ASKED.search(question)


# A thought the client already told, taken up to weigh it ("can we look at that thought, that everyone would
# be better off without you?", "how much do you believe it now, zero to a hundred?"): cognitive work on the
# thought, its answer evidence or a belief rating, not a question whether the client has it (94).
_THOUGHT_WEIGHED = re.compile(r"\b(?:look at|examine|test|challenge|question|weigh(?: up)?|unpick) (?:that|the|this) (?:thought|belief)\b|"
                              r"\bhow (?:much|strongly|far) do you (?:still |really )?believe\b|"
                              r"\bwhat'?s the evidence\b|\bthe evidence (?:for|against)\b", re.I)


def weighs_a_thought(sentence: str) -> bool:
    return bool(_THOUGHT_WEIGHED.search(sentence))
