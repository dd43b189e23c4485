"""Who and what a model sentence of a therapy note names, held against what the session said.

Read in the stored drafts of sessions 01-48 (issue 16, therapy16r): the 1.5B model fills a sentence
with the people and things of a stock therapy story. "They also wanted to change their relationship
with their son" in a session where no son exists (46: two daughters); "She said, 'the client, the
clinician nearly died'" where a physio told the client "you nearly died" (45: the person rewrite made
the clinician the one who nearly died); "lost a lot of money since the spring" where the client lost
her car and her coffee mornings, and money was never spoken of (40). Three checks, none tied to a
phrasing:

- ``unsaid_people``: a person named by relation or role (son, mother, boss, friend) none of whose
  everyday names ("mum", "mam", "dad", "mate") is said in the session or stands in the chart. The
  sentence is withheld: a note must not hand the client a relative.
- ``misattributed``: "the clinician" as the one who did or underwent what no clinician line says of
  itself, where it is not a clinician's act in session (asked, reviewed, suggested): withheld.
- ``unsaid_terms``: a noun (a word after an article, a possessive or a preposition) that nobody said
  and the chart does not hold, beyond the note's own vocabulary ("impact", "strategies"). Flagged,
  the sentence kept: a paraphrase ("money" for the cost of taxis) may still be true, so the clinician
  decides.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_words, words
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.therapy_voice import CLINICAL_TERMS

UNSAID_PERSON = "unsaid_person"  # withheld
MISATTRIBUTED = "misattributed"  # withheld
UNSAID_TERM = "unsaid_term"  # flagged, kept

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)'[^']{3,}'(?!\w)")

# A person the note names by relation or role, with the words a session says for that person (a word
# start). Generous on purpose: a name said in other words must never withhold a true sentence.
_PEOPLE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"mother|mum|mom|mam", ("mother", "mum", "mom", "mam", "ma\\b", "mummy", "mommy", "parent")),
    (r"father|dad", ("father", "dad", "pa\\b", "papa", "parent")),
    # "the kids" says no son: a son is said as one ("my boy", "the lad") or not at all.
    (r"sons?", ("son", "boy", "lad")),
    (r"daughters?", ("daughter", "girl")),
    (r"child|children|kids?", ("child", "kid", "son", "daughter", "boy", "girl", "baby", "little one", "teen")),
    (r"brothers?", ("brother", "sibling")),
    (r"sisters?", ("sister", "sibling")),
    (r"siblings?", ("sibling", "brother", "sister")),
    (r"wife|husband|spouse", ("wife", "husband", "spouse", "partner", "married")),
    (r"(?:girl|boy)friend", ("girlfriend", "boyfriend", "partner")),
    (r"grand(?:mother|father|parents?|ma|pa)", ("grand", "gran", "nan", "granny", "nana")),
    (r"friends?", ("friend", "mate", "pal", "lads", "buddy", "bud\\b", "the girls", "the boys")),
    (r"boss|manager|supervisor", ("boss", "manager", "supervisor", "head of", "line manager", "foreman")),
    (r"colleagues?|co-?workers?", ("colleague", "coworker", "co-worker", "workmate", "team", "staff", "people at work")),
    (r"teachers?", ("teacher", "tutor", "head of", "sir\\b", "miss\\b", "mr\\b", "mrs\\b", "ms\\b")),
    (r"aunt|uncle|cousin|nephew|niece", ("aunt", "auntie", "uncle", "cousin", "nephew", "niece")),
    (r"(?:family )?therapist|psychiatrist|psychologist", ("therapist", "psychiatrist", "psychologist", "counsel",
                                                         "psych")),
)
_PERSON = re.compile(r"\b(?:%s)\b" % "|".join(p for p, _ in _PEOPLE), re.I)


def _outside(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _said(stems: tuple[str, ...], low: str) -> bool:
    return any(re.search(r"\b" + stem, low) for stem in stems)


def unsaid_people(text: str, said: str) -> list[str]:
    """The people ``text`` names (outside quotes) whom ``said`` (the session and the chart, with the
    speakers' names) never mentions in any of their everyday names."""
    low = " ".join(said.lower().split())
    plain = _outside(text)
    found: list[str] = []
    for match in _PERSON.finditer(plain):
        word = match.group(0).lower()
        stems = next(s for p, s in _PEOPLE if re.fullmatch(p, word, re.I))
        if not _said(stems, low) and not _named_beside(plain, match, said):
            found.append(word)
    return list(dict.fromkeys(found))


def _named_beside(text: str, match: re.Match, said: str) -> bool:
    """The person is also called by a name the session says, next to the relation ("their friend Dana",
    "Dana, a friend"): the session may never have said which relation Dana is, the name stands."""
    near = text[max(0, match.start() - 20):match.end() + 20]
    return any(re.search(r"\b%s\b" % re.escape(name), said) for name in re.findall(r"\b[A-Z][a-z]{2,}\b", near)
               if name.lower() not in {"the", "their", "client", "clinician", "she", "he", "they", "his", "her"})


def said_with_chart(source: SourceIndex, chart) -> str:
    """The session's lines, its speakers' names and every chart fact (``chart``: a ChartContext or
    None): what a note may name."""
    speakers = " ".join(sorted({u.speaker for u in source.utterances if u.speaker}))
    return "\n".join([source.text, speakers, *(f.text for f in (chart.facts if chart else []))])


# --- the clinician given another's experience ------------------------------------------------------
# What a clinician does in a session, by the start of the word after "the clinician": these stand.
_CLINICIAN_ACTS = tuple("""observ note notic ask use used reflect summar name formul explain suggest encourag provid
review discuss introduc guid teach taught prais validat offer agre gave give wrote writ read check rang ring call sent
send refer model practi role led lead set help invit explor identif assess screen complet administ elicit affirm normal
highlight acknowledg emphas recommend plan shar describ stat said say told tell propos request thank express will would
can could should may might must to and or who whom as in for dur about with also then rate rated scor measur went go
took take point drew draw start began begin remind showed show wonder respond repli answer agreed look listen
continu support collaborat work walk demonstr clarif confirm conclud decid arrang schedul book sugg inform reassur
invited prompt play coach focus return follow concern curious pleas impress glad made make believ think thought feel
felt consider view judg hypothes recogni underst sens""".split())
_AUXILIARY = {"had", "has", "have", "was", "is", "were", "also", "then", "again", "further", "later", "first", "briefly"}
_CLINICIAN = re.compile(r"\b(?:the )?(?:clinician|therapist|counsell?or)\b(?!'s|’s)\s+([a-z-]+)(?:\s+([a-z-]+))?(?:\s+([a-z-]+))?",
                        re.I)


def _act(word: str) -> bool:
    return word.startswith(_CLINICIAN_ACTS)


def misattributed(text: str, source: SourceIndex) -> str | None:
    """The word that makes "the clinician" the one who lived or did something no clinician line says
    of itself (the first person), when it is not a clinician's act in session; else None. A session
    without speakers cannot tell whose it was."""
    if not (source.utterances and source.utterances[0].speaker):
        return None
    for match in _CLINICIAN.finditer(_outside(text)):
        said = [w.lower() for w in match.groups() if w]
        verb = said[0]
        if verb in _AUXILIARY:
            following = said[1] if len(said) > 1 else ""
            if not following or _act(following) or following in {"the", "a", "an", "client", "them", "him", "her"}:
                continue
        elif _act(verb) and not (len(said) > 1 and said[1] == "like"):  # "looked like" is how someone seemed
            continue
        stem = re.escape(verb[:4])
        own = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|myself)\b[^.?!]{0,40}?\b" + stem, re.I)
        if not any(own.search(u.text) for u in source.utterances if u.speaker and not is_client(u.speaker)):
            return verb
    return None


# --- a thing nobody said -----------------------------------------------------------------------------
# A noun stands after an article, a possessive or a preposition ("their mortgage", "about money").
_ARTICLE = r"the|a|an|their|his|her|its|my|your|our|some|any|this|that|these|those"
_NOUN_PLACE = re.compile(r"\b(?:%s|of|about|with|from|for|in|on|at|by|regarding)\s+(?=(?:(?:%s)\s+)?([a-z][a-z-]+)"
                         r"(?:\s+([a-z][a-z-]+))?)" % (_ARTICLE, _ARTICLE), re.I)

# The note's own words for a session, a person's inner life and a course of events: a model sentence
# uses them for what the client said in other words, so they assert nothing of their own.
NOTE_NOUN_WORDS = """session sessions experience experiences struggle struggles impact impacts concern concerns
difficulty difficulties issue issues situation situations feeling feelings thought thoughts emotion emotions challenge
challenges aspect aspects importance need needs desire desires progress strategies strategy ability possibility
possibilities potential way ways lot lots part parts time times day days week weeks support reason reasons focus attempt
attempts sense level levels behavior behaviors behaviour behaviours pattern patterns area areas matter matters relation
relations fact facts event events context process moment moments period experience past present future life lives daily
overall general specific particular regard regarding terms effort efforts response responses reaction reactions result
results outcome outcomes consequence consequences effect effects factor factors aftermath amount number kind kinds type
types form forms stress stressor stressors wellbeing well-being health safety distress worry worries fear fears anxiety
frustration sadness sense self belief beliefs perception perceptions perspective view views understanding awareness
motivation confidence willingness readiness commitment discussion conversation conversations topic topics subject
subjects question questions answer answers idea ideas option options plan plans task tasks activity activities exercise
exercises practice technique techniques tool tools approach approaches work role roles place places thing things
something anything everything nothing someone anyone everyone other others importance significance presence absence
lack instance instances example examples detail details end beginning start middle rest whole half top bottom side
front back inside outside home today tonight tomorrow yesterday morning evening night afternoon weekend previous recent
relationship relationships family people person individual individuals mind body heart head history histories
referral referrals episode episodes quality symptom symptoms sign signs change changes improvement improvements
score scores rating ratings total totals scale scales measure measures"""
NOTE_NOUNS = content_words(NOTE_NOUN_WORDS)


def _noun_of(first: str, second: str | None) -> str | None:
    """The noun of a phrase after an article or preposition: the first word, or the second when the
    first reads as a modifier ("their sleep patterns" is patterns, "an occasional dream" is dream);
    None when neither reads as a noun (a verb in -ing or -ed, an adverb)."""
    for word in (first, second):
        if not word or _NOT_A_NOUN.search(word) or word in _DETERMINERS:
            continue
        if (second and word == first and content_words(second) and second not in _FUNCTION
                and not _NOT_A_NOUN.search(second) and not (_MODIFIER.search(second) and not _MODIFIER.search(first))):
            continue  # a modifier, or a compound: its head is the second word
        return word
    return None


_NOT_A_NOUN = re.compile(r"(?:ing|ed|ly|n't|'s|’s)$|^(?:didn|doesn|wasn|isn|themselves|himself|herself|itself|myself)$")
_MODIFIER = re.compile(r"(?:al|ive|ant|ent|ous|ful|less|ic|able|ible|ary|ory|ish|est|er)$")
_DETERMINERS = {"the", "a", "an", "their", "his", "her", "its", "my", "your", "our", "this", "that", "these", "those",
                "some", "any", "all", "each", "every", "other", "another", "more", "most", "such", "same", "own", "few",
                "many", "much", "several", "very", "two", "three", "four", "five", "one", "due", "better", "worse", "less",
                "least", "best", "worst", "further", "whole"}
_FUNCTION = {"and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "that", "which", "who", "was",
             "were", "is", "are", "had", "has", "have", "as", "when", "while", "after", "before", "since", "into",
             "until", "because", "so", "then", "about", "over", "under", "through", "during", "without", "like", "than",
             "if", "be", "been", "can", "could", "will", "would", "should", "may", "might", "not", "also", "again",
             "together", "too", "now", "still", "back", "out", "up", "down", "off", "away", "here", "there"}


def unsaid_terms(text: str, said: str) -> list[str]:
    """Nouns of ``text`` (outside quotes) that ``said`` never uses in any form, beyond the note's own
    vocabulary (``NOTE_NOUNS``, the clinician's ``CLINICAL_TERMS``) and the people ``unsaid_people``
    holds to their everyday names."""
    vocab = content_words(said)
    found: list[str] = []
    for match in _NOUN_PLACE.finditer(_outside(text)):
        word = _noun_of(match.group(1).lower(), (match.group(2) or "").lower() or None)
        # The head of a compound ("image" of "self-image"), so the check reads the same every run.
        stem = next((s for part in reversed(words(word or "")) for s in content_words(part)), "")
        if not stem or stem in NOTE_NOUNS or word in CLINICAL_TERMS or stem in CLINICAL_TERMS or _PERSON.fullmatch(word):
            continue
        # Said in another form: "shame" in "ashamed", "memories" in "memory".
        if stem in vocab or stem.rstrip("s") in vocab or (len(word) >= 5 and any(word[:5] in v for v in vocab)):
            continue
        found.append(word)
    return list(dict.fromkeys(found))


EXPANSION_REMOVED = "expansion_removed"  # the invented spelling-out taken out, the sentence kept
# An abbreviation the model spells out in brackets: "SUDS (Self-Understand, Understand, and Decide)" (57).
_SPELLED_OUT = re.compile(r"\b([A-Z][A-Z0-9-]{1,7})\s*\(([A-Za-z][A-Za-z'-]*(?:[\s,&/]+[A-Za-z][A-Za-z'-]*){1,8})\)")


_LINKS = {"and", "of", "the", "for", "to", "in", "on", "&", "a"}


def _spells_out(abbreviation: str, words: str) -> bool:
    """True when the bracket reads as the abbreviation's words: each word capitalised, or their
    initials spell it ("SUDS (subjective units of distress)"); "CBT (at home)" is a remark."""
    parts = [w for w in re.split(r"[\s,/-]+", words) if w and w.lower() not in _LINKS]
    initials = "".join(w[0] for w in parts).upper()
    letters = re.sub(r"[^A-Z]", "", abbreviation)
    return len(parts) >= 2 and (all(w[0].isupper() for w in parts) or initials in (letters, letters.rstrip("S")))


def strip_unsaid_expansions(text: str, said: str) -> tuple[str, list[str]]:
    """(text, abbreviations): a spelling-out of an abbreviation that nobody said is taken out; the
    abbreviation stays, as the session said it. The model guesses expansions (57's SUDS became
    "Self-Understand, Understand, and Decide"), and a wrong one misleads more than none."""
    low = re.sub(r"[\s-]+", " ", said.lower())
    removed: list[str] = []

    def unsaid(match: re.Match) -> str:
        if not _spells_out(match.group(1), match.group(2)) or re.sub(r"[\s-]+", " ", match.group(2).lower()) in low:
            return match.group(0)
        removed.append(match.group(1))
        return match.group(1)

    return _SPELLED_OUT.sub(unsaid, text), removed
