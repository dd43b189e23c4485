"""Sentence hygiene by rule: a sentence that loops ("X and X") is cleaned, one that stops mid-way
("... talk to a support group and") is recognised as unfinished, and a sentence that repeats one
already in the note is found with the sentence it repeats, so the draft can say why it was dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

LOOP_REMOVED = "loop_removed"
REPETITIVE = "repetitive"
_CONNECTORS = {"and", "or", "as", "well", "also", "then", ",", "&", "plus"}
_DANGLING = set("""and or but nor to the a an of with for that because so in on at as by from is was were are be his her
their its our your my which who whom whose if when while about into than then including such like whether despite
although though since until unless via per towards toward very more most less also not""".split())
_TOKEN = re.compile(r"\S+")
# A reporting verb needs what was reported: "Client reported feeling." (09, record draft: line 1 was
# "Not great, honestly.") and "The client said." stop before their complement.
_REPORTING = {"reported", "reports", "said", "says", "stated", "states", "described", "describes", "mentioned",
              "noted", "expressed", "shared", "explained", "endorsed", "denied", "denies"}
_REPORTING_ADVERBS = {"also", "further", "additionally", "then", "later", "again", "briefly", "specifically", "openly",
                      "clearly", "repeatedly", "tearfully", "quietly"}
_FEELING_LEAD = _REPORTING | {"is", "was", "were", "are", "been", "be", "started", "began", "kept", "keeps", "felt"}
_SUBJECTS = {"client", "clinician", "therapist", "she", "he", "they", "patient"}
_WH = {"how", "what", "why", "whatever"}
# A person sent or given something: said of a person, the passive needs the thing.
_NEEDS_WHAT = {"sent", "given", "handed", "provided", "shown", "emailed", "posted", "offered"}
# A verb that lists: "The clinician noted that the client's activities included." (unseen 112, three times in one
# Objective) names nothing; "Homework was included." is whole.
_LISTS = {"included", "includes", "include", "involved", "involves", "comprised", "comprises", "consisted"}
# A particle that ends a verb phrase is not a dangling preposition: "tell Mike what's going on" (09).
_PHRASAL_ON = {"going", "goes", "went", "carry", "carried", "move", "moved", "moving", "hold", "holding", "come",
               "coming", "log", "logged", "sign", "signed", "check", "checked", "follow", "followed"}


# A state said twice over "and" that means "ever more": "more and more", "worse and worse"; a verb said so
# ("they give and give") is said for weight and is left.
_LOOP_IDIOMS = {"more", "less", "again", "round", "through", "worse", "ever"}


def _norm(token: str) -> str:
    return re.sub(r"[^\w']", "", token.lower())


def clean_loop(text: str) -> tuple[str, str | None]:
    """``text`` with an immediately repeated phrase of 3+ words said once, and the flag: e.g.
    "the client's willingness to quit and the client's willingness to quit" -> said once
    (``loop_removed``). A 4-word phrase repeated elsewhere in the sentence is left but flagged
    ``repetitive``; a clean sentence gives ``(text, None)``."""
    tokens = _TOKEN.findall(text)
    norm = [_norm(t) or t for t in tokens]
    for size in range(len(tokens) // 2, 2, -1):
        for start in range(len(tokens) - 2 * size + 1):
            first = norm[start:start + size]
            for gap in range(0, 4):
                second_start = start + size + gap
                if second_start + size > len(tokens):
                    break
                between = norm[start + size:second_start]
                if not all(word in _CONNECTORS or not word for word in between):
                    break
                if norm[second_start:second_start + size] == first:
                    tail = tokens[second_start + size - 1]
                    ending = tail[len(tail.rstrip(".,;:!?")):]
                    kept = tokens[:start + size] + tokens[second_start + size:]
                    kept[start + size - 1] = kept[start + size - 1].rstrip(".,;:!?") + ending
                    cleaned, _ = clean_loop(" ".join(kept))
                    return cleaned, LOOP_REMOVED
    for n in range(1, len(tokens) - 2):  # "feeling bored and bored" (59): a state said twice over "and"
        word = norm[n]
        if (norm[n - 1] in _FEELING_LEAD | {"feeling", "feel", "seemed", "looked", "sounded"} and len(word) >= 4
                and word not in _LOOP_IDIOMS and not word.endswith("er") and norm[n + 1] == "and"
                and norm[n + 2] == word and not tokens[n].endswith((",", ";", ":"))):
            ending = tokens[n + 2][len(tokens[n + 2].rstrip(".,;:!?")):]  # "bored and bored," keeps its comma
            cleaned, _ = clean_loop(" ".join(tokens[:n] + [tokens[n] + ending] + tokens[n + 3:]))
            return cleaned, LOOP_REMOVED
    grams = [tuple(norm[i:i + 4]) for i in range(len(norm) - 3)]
    if len(grams) != len(set(grams)):
        return text, REPETITIVE
    return text, None


def is_unfinished(text: str) -> bool:
    """True for a sentence that stops mid-way: it ends in a comma, dash or ellipsis, or its last word
    is one that needs more after it ("and", "to", "the", ...)."""
    stripped = text.strip()
    if not stripped or stripped.endswith(("…", "...", ",", ";", ":", "-", "–", "—", "(")):
        return True
    words = [w.lower().strip("\"'(,") for w in stripped.rstrip(".!?\"')").split()]
    if not words:
        return True
    if words[-1] in _DANGLING:
        return not (words[-1] in ("on", "in", "up") and len(words) >= 2 and words[-2] in _PHRASAL_ON)
    if words[-1] == "being" and words[-2:-1] not in (["human"], ["well"]):  # "with the urge being." (95)
        return True
    if words[-1] in _LISTS and words[-2:-1] not in (["was"], ["were"], ["is"], ["are"], ["be"], ["been"]):
        return True
    if words[-1] in _REPORTING:
        # "The client also mentioned." (58) lacks what was mentioned as much as "The client said." does.
        before = [w for w in words[:-1] if w not in _REPORTING_ADVERBS]
        if before and before[-1] in _SUBJECTS:
            return True
    # "The client will be sent." (unseen 67) lacks what is sent; "The letter will be sent." is whole.
    if words[-1] in _NEEDS_WHAT and len(words) >= 3 and words[-2] in ("be", "being", "been"):
        subject = words[1] if words[0] in ("the", "this") and len(words) > 1 else words[0]
        if subject in _SUBJECTS | {"couple", "partner", "partners", "both"}:
            return True
    # "The client reported that she felt." (unseen 98) lacks the feeling; "how she felt" is whole.
    if (words[-1] in ("felt", "feels", "feel") and len(words) >= 2 and words[-2] in _SUBJECTS
            and not _WH & set(words[:-1])):
        return True
    # "how they were feeling" is whole; "Client reported feeling" lacks the feeling.
    return (len(words) >= 2 and words[-1] == "feeling" and words[-2] in _FEELING_LEAD
            and not _WH & set(words[:-1]))


def finished(text: str) -> str:
    """A complete sentence ends with a full stop."""
    stripped = text.rstrip()
    return stripped if stripped.endswith((".", "!", "?", '"', "”", ")")) else stripped + "."


@dataclass
class KeptSentence:
    section: str
    text: str
    bag: set[str]
    evidence: frozenset[int] = frozenset()


def repeated_sentence(bag: set[str], kept: list[KeptSentence], similar: float = 0.7,
                      contained: float = 0.8) -> KeptSentence | None:
    """The kept sentence this one repeats: nearly the same content words (Jaccard >= ``similar``) or
    mostly a part of it (``contained``), as a small model's repetition loops are; else None."""
    for other in kept:
        shared = len(bag & other.bag)
        if shared / len(bag | other.bag) >= similar or shared / len(bag) >= contained:
            return other
    return None


REPEAT_RUN = 5  # content words in a row: a second sentence carrying a clause this long says it twice
# Across parts a clause this long is the same clause written twice (53: "... using the completing response to
# the pulling episodes, which was a common coping mechanism ..." in Subjective and again in Objective).
CROSS_PART_RUN = 8
_RUN_WORD = re.compile(r"[a-z0-9']+")
# Words every sentence of a note may open with ("The clinician observed that the client was ..."):
# a shared opening is not a shared fact, so they are not counted.
_RUN_SKIP = set("""a an the and or but of to in on at for with from by as is are was were be been being has have had do does
did that this these those it its they them their he she his her him client client's clinician clinician's therapist
reported reports noted notes observed observes stated states said says also just not very that which who""".split())


def _content_run(text: str) -> list[str]:
    return [w for w in _RUN_WORD.findall(text.lower()) if w not in _RUN_SKIP and len(w) > 2]


def shares_run(text: str, other: str, run: int = REPEAT_RUN) -> bool:
    """True when ``text`` repeats ``run`` or more content words in a row of ``other``: a small model
    carries a clause from one sentence into the next ("... and was still having coffee just the 1 cup
    in the morning." three times in one Subjective, 01), which the word-set test misses when the rest
    differs. The words a note opens every sentence with do not count."""
    a, b = _content_run(text), _content_run(other)
    runs = {tuple(b[i:i + run]) for i in range(len(b) - run + 1)}
    return any(tuple(a[i:i + run]) in runs for i in range(len(a) - run + 1))


# "The session also included her thoughts about ..." three times in one Subjective (unseen 107; 05 opens five
# sentences "This session was about"): a part names the session's topics once, each later one is the frame again.
_TOPIC_FRAME = re.compile(r"^\s*(?:the|this|today's)\s+session\s+(?:also\s+|then\s+)?(?:was\s+(?:also\s+)?about|"
                         r"included|covered|focused\s+on|explored|addressed|discussed|touched\s+on|involved)\b", re.I)


def repeats_topic_frame(text: str, other: KeptSentence, section: str) -> bool:
    """True when ``text`` and ``other``, of the same part, both only name what the session was about."""
    return other.section == section and bool(_TOPIC_FRAME.match(text)) and bool(_TOPIC_FRAME.match(other.text))


SAME_LINES_SHARED = 4  # content words two sentences citing the very same lines share when they say it twice


def retells_same_lines(text: str, evidence: frozenset[int], other: KeptSentence) -> bool:
    """True when ``text`` cites exactly the lines ``other`` cites and shares ``SAME_LINES_SHARED`` of
    its content words, in any order: a small model rewords what it already wrote from those lines
    ("feeling low, flat, and not crying, and had difficulty dressing" then "feeling low and flat, not
    crying, and not dressed till dinner time", 40), which neither the word-set test nor a run of
    five catches. Two tasks from one line ("practise breathing each morning" / "each evening")
    share fewer words."""
    if not evidence or evidence != other.evidence:
        return False
    shared = set(_content_run(text)) & set(_content_run(other.text))
    return len(shared - _FRAME_WORDS) >= SAME_LINES_SHARED


# Words a list of tasks or reports repeats in its frame ("Client will practise ... each morning"):
# sharing them is sharing a frame, not a fact.
_FRAME_WORDS = {"will", "would", "could", "should", "can", "may", "might", "must", "each", "every", "agreed", "plans",
                "planned", "continue", "try", "practise", "practice"}


GARBLED = "garbled"
# Words ending in "s" that take "a": "a series", "a means", "a bus", "a lens", "a crisis", "a focus".
_SINGULAR_S = re.compile(r"(?:ss|us|is|ous|ics|ness|ies|series|species|means|news|lens|gas|yes|always|sometimes|perhaps|"
                         r"this|whereas|canvas|atlas|chaos|diabetes|measles|mumps|headquarters|crossroads|thanks|"
                         r"less|plus|was|has|does|its|his|hers|ours|yours|theirs)$")
_DOUBLE_ARTICLE = re.compile(r"\b(?:a|an)\s+(?:the|a|an|their|his|her|my|your|our|its)\b|\bthe\s+(?:a|an)\b(?![.\-'])",
                             re.I)
_A_PLURAL = re.compile(r"\b(?:a|an)\s+([a-z]+s)\b(?!['’])")


# Two consonants an English word may end in; a cut piece often ends in others ("presc", "sympt").
_FINAL_PAIRS = set("""nt nd st sk sp ng nk ck ll ss ff zz rt rd rk rm rn rs rb rp rl rf rg rch lt ld lk lm lp lf ls mp ms ns
ts ds ks ps gs bs ft pt ct xt sh ch th ph gh wn wl ws wd ws ls cs fs hs ms rh nch tch dge""".split())


def _cut_word(text: str, vocab: frozenset[str] | set[str]) -> str | None:
    """The last word when the length limit cut it and a full stop was put after it: not a word the
    session uses but the start of a longer one, ending in two consonants no English word ends in
    ("a repeat presc." of "prescription", 17; "no intent" and "denies trauma" are words)."""
    last = re.search(r"([A-Za-z]{3,})\W*$", text)
    if not last or not vocab:
        return None
    word = last.group(1).lower()
    if word in vocab or word.rstrip("s") in vocab or word[-1] in "aeiouy" or word[-2] in "aeiouy" \
            or word[-2:] in _FINAL_PAIRS:
        return None
    return word if any(v.startswith(word) and len(v) >= len(word) + 3 for v in vocab) else None


# A word broken off and started again ("the thera therapist"), or a role word broken off before the
# next: "The clin client reported ..." (20).
_STUTTER = re.compile(r"\b([a-z]{4,})\s+(\1[a-z]+)\b|\b(?:clin|clini|clinici|thera|therap|therapi)\s+(?=[a-z])", re.I)
# A pronoun where the clause's subject or verb should stand: an object pronoun opening a clause ("...
# the link, him decide.", "the client will be rejected, them say yes") or after an article ("a he"),
# as the small model writes when it runs a quote on in its own words; plain notes have neither.
_PRONOUN_OUT_OF_PLACE = re.compile(r"(?:^|[,;:]\s+)(?:him|them|us)\s+(?!and\b|or\b|too\b|both\b|all\b|alone\b|included\b)[a-z]+"
                                   r"|\b(?:the|a|an)\s+(?:he|she|they|him|them|we|us)\b"
                                   # a clause left without its verb: "From what the client telling the clinician, ..."
                                   r"|\b(?:what|how|why) (?:the )?(?:client|clinician|he|she|they)\s+(?!being\b)[a-z]+ing\b", re.I)


# Two clauses over "and" closing on the same words: "her feelings of being a teenager and living with a
# teenager" (107), "pushed away by their partner and wanted to talk about their partner" (05), "due to have
# Tyler on Saturday, and he's due to have the client on Saturday" (78): the model lost its place and wrote
# the first clause's end again. A closing pair of common words ("do not", "at all") is no sign.
_AND_JOINT = re.compile(r",?\s+and\s+", re.I)
_COMMON_END = set("""the a an and or of to in on at for with was were is are be been it this that them him her his their
they he she we you all not do did now then too there here well much more less one way time times day days week weeks""".split())


# Two verb forms run together: "He also reported having feeling unable to cope" (111, the frame of six item
# retellings); "having feelings of" and "having a feeling" are English.
_HAVING_FEELING = re.compile(r"\bhaving (?:feeling|felt) (?!of\b|that\b|like\b|about\b|for\b|towards?\b)[a-z]+", re.I)


def _doubled_ending(plain: str) -> str | None:
    if not plain.rstrip().endswith((".", "!", "?", '"', "\u201d", ")")):
        return None  # a sentence the length limit cut is judged unfinished, not on its ending
    ends = []
    for clause in _AND_JOINT.split(plain.strip().rstrip(".!?")):
        said = [w.lower().strip("\"'()") for w in clause.replace(",", " ").split()]
        if len(said) >= 3 and said[-1] not in _COMMON_END and len(said[-1]) >= 4:
            ends.append(" ".join(said[-2:]))
    return next((end for n, end in enumerate(ends) if end in ends[:n]), None)


def garbled(text: str, vocab: frozenset[str] | set[str] = frozenset()) -> str | None:
    """What makes a sentence garbled, or None: a doubled article ("asked a the pond"), "a" before a
    plural ("Client also had a dishes"), as the small model writes when it loses its place in a list,
    a pronoun out of place (``_PRONOUN_OUT_OF_PLACE``), or a last word cut off (``_cut_word``, with
    the session's ``vocab``)."""
    cut = _cut_word(text, vocab)
    if cut:
        return f"cut word {cut}"
    plain = re.sub(r"[\"“][^\"”]*[\"”]", " ", text)
    stutter = _STUTTER.search(plain)
    # "walk walking" or "pain painful" are words; "EXAM Examination" a heading
    if stutter and (stutter.group(1) or "").lower() not in vocab and not (stutter.group(1) or "").isupper():
        return " ".join(stutter.group(0).split())
    pronoun = _PRONOUN_OUT_OF_PLACE.search(plain)
    if pronoun:
        return " ".join(pronoun.group(0).strip(",;: ").lower().split())
    having = _HAVING_FEELING.search(plain)
    if having:
        return " ".join(having.group(0).lower().split())
    doubled = _doubled_ending(plain)
    if doubled:
        return f"ends twice on {doubled}"
    double = _DOUBLE_ARTICLE.search(plain)
    if double:
        return " ".join(double.group(0).lower().split())
    for match in _A_PLURAL.finditer(plain):
        if not _SINGULAR_S.search(match.group(1)):
            return " ".join(match.group(0).split())
    return None


FRAME_SLOT = 3  # words a list sentence changes in its frame ("Client also had a ___, which was a concern.")
FRAME_MIN = 4  # words the frame keeps
FRAME_OPENING = 7  # words a loop over topics opens alike with ("The session also included her thoughts about")


def _same_frame(a: list[str], b: list[str]) -> bool:
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix + suffix >= FRAME_MIN and max(len(a), len(b)) - prefix - suffix <= FRAME_SLOT


def garbled_sentences(texts: list[str], vocab: frozenset[str] | set[str] = frozenset()) -> dict[int, str]:
    """Indexes of the sentences of one part to drop, with why: each garbled one, and with it every
    sentence of its frame when three or more share one (17: "Client also had a couch / a hard chair /
    a dishes / a drinks, which was a concern.": a loop over a list, not four facts) or open with the
    same ``FRAME_OPENING`` words."""
    said = [[w.lower().strip(".,;:!?\"'") for w in t.split()] for t in texts]
    drop: dict[int, str] = {}
    for n, text in enumerate(texts):
        why = garbled(text, vocab)
        if why is None:
            continue
        drop[n] = why
        frame = [m for m in range(len(texts)) if m != n and _same_frame(said[n], said[m])]
        # or a loop over topics opening alike: "The session also included her thoughts about her work and
        # ... being a teenager and living with a teenager." and three more "... about her sleep / GP / family" (107)
        opening = [m for m in range(len(texts)) if m != n and len(said[n]) > FRAME_OPENING
                   and said[m][:FRAME_OPENING] == said[n][:FRAME_OPENING]]
        for loop in (frame, opening):
            if len(loop) >= 2:
                drop.update({m: f"frame of: {why}" for m in loop if m not in drop})
    return drop
