"""Model sentences a therapist strikes by their shape alone, before any fact in them is checked.

Why: read in the kept drafts of session 29. The small model copies the client's words without the
sentence around them ("In a good way.", "Getting short with his wife and son.", "Worry time,
breathing, walking the dog.": no verb, nobody doing anything) and starts in the middle of the
clinician's line ("hours being about the thoughts, the worries ..."). A note's sentence says who
did or said what; these say neither.

Left alone on purpose: the Plan's passive with nobody to do it ("The numbers on the fridge will be
kept.", 111; "The grounding will be planned when the warning signs ...", 94) is as garbled, but in
the kept drafts it was the Plan's only mention of the crisis numbers and of the grounding: striking it
lost a rubric item in both, until a rule line carries the client's own safety steps and tasks.
"""

from __future__ import annotations

import re

FRAGMENT = "fragment"
FRAGMENT_MAX_WORDS = 3  # "No. Never.": an answer copied bare (52), whatever its words
NO_VERB = "no_verb"
BEGUN_MID_LINE = "begun_mid_line"

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that make a clause finite: the auxiliaries and modals, and the common verbs whose past or
# third-person form does not end in "-ed" (a word in "-ed" counts as a verb; an adjective like "tired"
# counted too errs toward keeping the sentence). Base forms ("worry", "plan", "walk") are nouns as often.
_FINITE = set("""am is are was were has have had do does did will would can could shall should may might must
said says felt feels went goes got gets took takes made makes came comes knew knows thought thinks told tells saw
sees gave gives kept keeps left leaves found finds wants needs likes lives works uses plans agrees hopes wishes
worries tries spent spends began begins brought brings sat sits ran runs slept sleeps woke wakes ate eats drank
drinks wrote writes rang rings bought buys lost loses met meets held holds puts lets sets remains continues reports
describes notes denies states shares explains expresses mentions endorses seems appears becomes became stays helps
means shows asks calls hears heard reads looks struggles manages misses avoids checks cares drives drove walks
sang swam rode fell hit cut won broke spoke forgot chose wore hid fought caught taught sold built sent spent stood
understood shook threw grew flew drew hung dug stuck swore tore bit led fed fled froze rose shut quit hurt""".split())
_CONTRACTED = re.compile(r"'(?:s|re|ve|ll|d|m)$|n't$")
# A subject: the word after it is its verb ("they feel", "the client swims", "he sang", "Maya avoids").
_BARE_SUBJECT = {"i", "we", "you", "they", "he", "she", "it", "who", "client", "clinician", "therapist", "partner",
                 "mother", "father", "mum", "dad", "parent", "parents", "son", "daughter", "wife", "husband", "couple"}
# An instruction starts with its verb ("Practise the breathing, the diary and the walk."): a plan, not a fragment.
_INSTRUCTION = set("""practise practice keep continue use try ring call write read complete bring book send fill do take
go plan schedule review notice record track aim start stop tell ask make set put leave limit meet follow return""".split())
# After one of these a listed word is a noun: "the worries about fire", "her plans", "a call".
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "my", "your", "our", "its", "these", "those", "this", "that",
                "some", "any", "no", "more", "many", "few"}
# Between a subject and its verb: "he often naps".
_ADVERBS = {"often", "still", "also", "now", "never", "always", "sometimes", "usually", "rarely", "just", "then", "again",
            "already", "even", "really", "mostly"}
_NOT_A_VERB = _DETERMINERS | {"and", "or", "but", "nor", "so", "to", "of", "in", "on", "at", "with", "for", "from", "by",
                              "as", "about", "not", "too", "very", "who", "which", "whose"}
# How a copied piece of talk opens when it has no verb: a gerund ("Getting short with ..."), a
# preposition ("In a good way."); or it lists short things ("Worry time, breathing, walking the dog.").
_PREPOSITIONS = {"in", "on", "at", "with", "without", "for", "from", "by", "after", "before", "like", "about", "over",
                 "through", "during", "because", "as", "to", "into", "of"}


def has_verb(text: str) -> bool:
    """Whether the words outside quotes hold a finite verb (by the lists above; lenient by design)."""
    names = _WORD.findall(_QUOTED.sub(" ", text))
    words = [w.lower().replace("\u2019", "'") for w in names]
    for n, low in enumerate(words):
        if n and words[n - 1] in _DETERMINERS and low in _FINITE and not low.endswith("ed"):
            continue  # "the worries", "her plans": nouns
        if low in _FINITE or _CONTRACTED.search(low) or (len(low) > 3 and low.endswith("ed")):
            return True
        if low in _NOT_A_VERB or low in _ADVERBS or low.endswith("ly"):
            continue
        before = n - 1
        while before >= 0 and (words[before] in _ADVERBS or words[before].endswith("ly")):
            before -= 1  # "he often naps"
        # after a subject any word is its verb ("he sang"); after a name, one in "-s" ("Maya avoids")
        named = before >= 0 and names[before][:1].isupper() and words[before] not in _NOT_A_VERB
        if before >= 0 and (words[before] in _BARE_SUBJECT or (named and low.endswith("s"))):
            return True
    return False


LIST_MIN_ITEMS = 3
LIST_ITEM_MAX_WORDS = 8  # "going to the church band practice on Wednesday": a thing listed, not a clause


def copied_talk(text: str) -> bool:
    """A piece of talk copied without a verb: no finite verb by the lists above, and it opens as talk does
    (a gerund, a preposition), lists three short things, or holds a participle where the verb should be
    ("The hours being about the thoughts, the worries about fire."). A task named bare in the Plan ("Rest
    breaks every hour.") and an instruction ("Keep the diary.") are none, in any part."""
    bare = _QUOTED.sub(" ", text).strip().lstrip("\"\u201c(")
    words = [w.lower() for w in _WORD.findall(bare)]
    if not words or has_verb(text) or words[0] in _INSTRUCTION:
        return False
    # The verb lists miss a plural verb after a compound subject ("The log and an importance of seven support
    # the goal."): a sentence is struck for no verb only when it also opens as talk does or lists short things.
    pieces = [p for p in bare.rstrip(".!").split(",") if p.strip()]
    listed = len(pieces) >= LIST_MIN_ITEMS and all(len(p.split()) <= LIST_ITEM_MAX_WORDS for p in pieces)
    # "The hours being about the thoughts, ...": a participle where the verb should be
    return (words[0].endswith("ing") and len(words[0]) > 4) or words[0] in _PREPOSITIONS or listed or "being" in words


def struck_shape(text: str) -> str | None:
    """Why a therapy note's model sentence is no sentence a therapist signs, or None: three words or
    fewer (``FRAGMENT``), begun in the middle of a line (``BEGUN_MID_LINE``), or talk copied with no
    verb (``NO_VERB``, see ``copied_talk``)."""
    bare = text.strip()
    if len(bare.split()) <= FRAGMENT_MAX_WORDS:
        return FRAGMENT
    opening = _QUOTED.sub(" ", bare).lstrip(" \"\u201c(")
    if opening[:1].islower():  # "hours being about the thoughts ...": begun inside the clinician's line
        return BEGUN_MID_LINE
    if copied_talk(bare):
        return NO_VERB
    return None
