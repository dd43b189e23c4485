"""Third person for what the model copied in the first or second person, from who said it.

The 1.5B model copies transcript lines: "your turn to ask a question in a store", "We're at session
eight", "I gave the pills to my sister". Withheld, such a sentence takes the homework or the score
with it; rewritten blindly, "I" may become the wrong person. So a pronoun is rewritten only when the
line it was copied from is found (a transcript line that holds the same pronoun and shares at least
two content words with the sentence, among the cited lines and the best-matching ones) and all such
lines have one speaker: "I" of the client is the client, "you" of the clinician is the client, "we"
of the clinician (two-person session) is clinician and client. Anything else (no such line, two
speakers, a question, a verb whose third-person form is not known) returns None: the caller keeps
withholding the sentence.

The client's chart pronouns ("she/her") are used for a second mention; without them, "they".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from session_assistant.drafting.client_gender import addressed_pronouns
from session_assistant.drafting.grounding import SourceIndex, content_words, words
from session_assistant.drafting.risk import is_client, is_clinician
from session_assistant.drafting.thought_quotes import quoted_thoughts

MIN_SHARED_WORDS = 2
# A pronoun and the word after it as a copied line says them ("he said", "he's asleep"): the line's
# person, not the client. Two words, not three: the model turns the line's "me" after them ("he
# pushed me" -> "he pushed her"), and the third word is then the client's, not a sign of a new person.
COPIED_PHRASE_WORDS = 2

_GROUPS = {
    "first": {"i", "i'm", "i've", "i'll", "i'd", "me", "my", "mine", "myself"},
    "second": {"you", "you're", "you've", "you'll", "you'd", "your", "yours", "yourself"},
    "plural": {"we", "we're", "we've", "we'll", "we'd", "us", "our", "ours", "ourselves", "let's"},
}
_GROUP_OF = {w: g for g, ws in _GROUPS.items() for w in ws}
_PIECE = re.compile(r"let's|[A-Za-z]+(?:'[A-Za-z]+)?|[^A-Za-z]+", re.I)
_TOKEN = re.compile(r"\b(?:let's|[A-Za-z]+(?:'(?:m|ve|ll|d|re))?)\b", re.I)
_QUOTED = re.compile(r"(\"[^\"]*\"|“[^”]*”)")
# "you" opening a clause is its subject: "the link, you decide", "what you're telling me", "as you said"
_CLAUSE_OPENERS = {",", "what", "how", "why", "as", "and", "but", "so", "that", "if", "when", "because", "or", "then", "while",
                   "until", "unless", "whether", "where", "once", "after", "before", "since"}
_MODALS = {"can", "could", "will", "would", "should", "may", "might", "must", "shall", "can't", "couldn't", "won't",
           "wouldn't", "shouldn't", "did", "didn't", "had", "hadn't"}
_SINGULAR = {"am": "is", "are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
             "haven't": "hasn't", "aren't": "isn't", "weren't": "wasn't", "was": "was", "wasn't": "wasn't"}
_PLURAL = {"am": "are", "was": "were", "wasn't": "weren't"}
_CONTRACTED = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
_IRREGULAR_PAST = set("""went felt said told got made took gave thought knew saw came kept left ate drank slept found began
bought brought ran sat spoke wrote read heard met paid sent spent stood understood won lost forgot became""".split())
# Base verbs whose third-person form is regular; an unknown word after "I" or "you" leaves the
# sentence withheld rather than risk "Client drink".
_BASE_VERBS = set("""want need feel think know like get go try keep plan agree start begin stop use drink smoke eat sleep
work walk run call text ask tell say talk make take give do see notice remember forget wake wish hope worry avoid
practise practice write read record log track bring attend meet check come leave move change cut finish continue
do manage handle cope share mean look seem sound find miss love hate enjoy struggle spend play watch listen""".split())
_ADVERBS = {"also", "really", "just", "still", "never", "always", "usually", "often", "already", "only", "actually",
            "sometimes", "now", "then", "probably", "even", "not"}


@dataclass(frozen=True)
class Pronouns:
    subject: str
    object: str
    possessive: str
    reflexive: str
    plural_verb: bool  # "they are", not "she is"

    @classmethod
    def parse(cls, chart: str | None) -> "Pronouns":
        """The chart's "she/her", "he/him" or "they/them"; anything else (or none) is "they"."""
        first = (chart or "").lower().replace(" ", "").split("/")[0]
        if first == "she":
            return cls("she", "her", "her", "herself", False)
        if first == "he":
            return cls("he", "him", "his", "himself", False)
        return cls("they", "them", "their", "themselves", True)


@dataclass(frozen=True)
class _Person:
    noun: str  # "the client", "the clinician", "clinician and client"
    plural: bool = False
    pronouns: Pronouns | None = None  # for a second mention; None: the noun again


def _role(speaker: str) -> str:
    low = speaker.strip().lower()
    if is_clinician(speaker):
        return "clinician"
    return low or ""


def _pairs(tokens: list[str], group: str) -> set[tuple[str, str]]:
    """The word pairs around each pronoun of ``group``: ("my", "sister"), ("i", "stopped")."""
    found = set()
    for n, token in enumerate(tokens):
        if token in _GROUPS[group]:
            found |= {pair for pair in ((tokens[n - 1] if n else "", token),
                                        (token, tokens[n + 1] if n + 1 < len(tokens) else "")) if all(pair)}
    return found


def _speaker_of(group: str, text: str, evidence: Iterable[int], source: SourceIndex) -> str | None:
    """The one speaker of the lines the pronoun was copied from; None when none or several.

    A line qualifies when it holds a pronoun of the group and shares two content words with the
    sentence; among those, lines that also hold a word pair around the pronoun ("my sister")
    decide, as a summary by the other speaker often shares the words but not the pair."""
    bag = content_words(text)
    wanted = _pairs(words(text), group)
    candidates = list(dict.fromkeys([*source.valid_ids(evidence), *source.best_matches(text, 3)]))
    loose, strict = set(), set()
    for seg_id in candidates:
        utt = source.by_id[seg_id]
        said = words(utt.text)
        if not utt.speaker or not (set(said) & _GROUPS[group]) or len(bag & content_words(utt.text)) < MIN_SHARED_WORDS:
            continue
        loose.add(_role(utt.speaker))
        if wanted & _pairs(said, group):
            strict.add(_role(utt.speaker))
    speakers = strict or loose
    return speakers.pop() if len(speakers) == 1 else None


def _person(group: str, role: str, two_party: bool, pronouns: Pronouns) -> _Person | None:
    client = _Person("the client", False, pronouns)
    if group == "first":
        if role == "clinician":
            return _Person("the clinician")
        return client if role in ("client", "patient") else _Person(f"the {role}") if role else None
    if not two_party:
        return None  # "you" or "we" before a family may be anyone in the room
    if group == "second":
        return client if role == "clinician" else _Person("the clinician")
    return _Person("clinician and client", plural=True) if role == "clinician" else None


def _third_person(verb: str) -> str | None:
    low = verb.lower()
    if low in _SINGULAR:
        return _SINGULAR[low]
    if low in _MODALS or low in _IRREGULAR_PAST or low.endswith("ed"):
        return low
    if low not in _BASE_VERBS:
        return None
    if low.endswith(("s", "sh", "ch", "x", "z", "o")):
        return low + "es"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return low[:-1] + "ies"
    return low + "s"


def _agreed(verb: str, plural: bool) -> str | None:
    """``verb`` agreeing with a new third-person subject; None if its form cannot be known."""
    if plural:
        return _PLURAL.get(verb.lower(), verb)
    agreed = _third_person(verb)
    return None if agreed is None else (agreed if verb.islower() else verb)


def _rewrite_plain(text: str, people: dict[str, _Person]) -> str | None:
    """Rewrite the pronouns of ``text`` (no quotes in it) for the people found; None if unsafe."""
    out: list[str] = []
    mentioned: set[str] = set()
    at_start, agree_plural, previous = True, None, ""
    for match in _PIECE.finditer(text):
        token = match.group(0)
        if not token[0].isalpha():
            out.append(token)
            at_start = at_start or bool(re.search(r"[.!?:]", token))
            previous = "," if "," in token else previous  # "I'll email you the link, you decide.": "you" decides
            continue
        low = token.lower()
        person = people.get(_GROUP_OF.get(low, ""))
        if person is None:
            if low in _GROUP_OF:
                return None
            if agree_plural is not None and low not in _ADVERBS:
                token = _agreed(token, agree_plural)
                if token is None:
                    return None
                agree_plural = None
            out.append(token)
            at_start, previous = False, low
            continue
        again = person.noun in mentioned and person.pronouns is not None
        base, _, tail = low.partition("'")
        subject = base in ("i", "we", "let") or (base == "you" and (at_start or previous in _CLAUSE_OPENERS))
        if low in ("my", "your", "our", "mine", "yours", "ours"):
            if person.plural:
                word = "their" if again else "the"
            else:
                word = person.pronouns.possessive if again else person.noun + "'s"
        elif low in ("myself", "yourself", "ourselves"):
            word = person.pronouns.reflexive if person.pronouns else "themselves"
        elif subject:
            word = person.pronouns.subject if again else person.noun
            plural = person.plural or (again and person.pronouns.plural_verb)
            if low == "let's":
                word += " will"
            elif tail:
                verb = _agreed(_CONTRACTED["'" + tail], plural)
                word += " " + verb
            else:
                agree_plural = plural
        else:
            word = person.pronouns.object if again else person.noun
        if at_start:
            # "Client is going to ...", as a note names the client at the head of a sentence.
            word = word[4:] if word.startswith("the ") else word
            word = word[0].upper() + word[1:]
        out.append(word)
        mentioned.add(person.noun)
        at_start, previous = False, low
    return None if agree_plural is not None else "".join(out)


def third_person(text: str, evidence: Iterable[int], source: SourceIndex, pronouns: str | None = None) -> str | None:
    """``text`` with its first- and second-person words in the third person, or None when unsafe."""
    text = quoted_thoughts(text, source)
    pieces = _QUOTED.split(text)
    outside = " ".join(p for n, p in enumerate(pieces) if n % 2 == 0)
    if "?" in outside:
        return None  # a question copied from the session is no statement of fact
    groups = {_GROUP_OF[t.lower()] for t in _TOKEN.findall(outside) if t.lower() in _GROUP_OF}
    if not groups:
        return text
    speakers = {_role(u.speaker) for u in source.utterances if u.speaker}
    two_party = len(speakers) == 2 and "clinician" in speakers
    chart = Pronouns.parse(pronouns)
    people: dict[str, _Person] = {}
    evidence = list(evidence)
    for group in groups:
        role = _speaker_of(group, text, evidence, source)
        person = _person(group, role, two_party, chart) if role else None
        if person is None:
            return None
        people[group] = person
    rewritten = []
    for n, piece in enumerate(pieces):
        if n % 2:
            rewritten.append(piece)
            continue
        plain = _rewrite_plain(piece, people)
        if plain is None:
            return None
        rewritten.append(plain)
    return "".join(rewritten)


_GENDERED = {"he": ("m", "subject"), "him": ("m", "object"), "his": ("m", "possessive"), "himself": ("m", "reflexive"),
             "she": ("f", "subject"), "her": ("f", None), "hers": ("f", "possessive"), "herself": ("f", "reflexive")}
# Anyone a gendered pronoun may stand for other than the client: then it is left as written.
_OTHER_PEOPLE = re.compile(r"\b(?:wife|husband|partner|son|daughter|mother|father|mom|mum|dad|brother|sister|friend|"
                           r"boss|manager|doctor|dr|kids?|child|children|teen|boyfriend|girlfriend|colleague|coworker|"
                           r"clinician|therapist|counsel+or|parents?|family|uncle|aunt|grandmother|grandfather|"
                           r"neighbou?r|teacher|ex|[A-Z][a-z]+(?<!Client))\b")
_NOT_A_NAME = re.compile(r"(?:I|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                         r"May|June|July|August|September|October|November|December|Client|Clinician|Homework|Plan|"
                         r"Next|Safety|Referral|Progress|Triggers|History|In|The)$")
_CLIENT_WORD = re.compile(r"\bclient(?:'s)?\b", re.I)
_NOT_A_NOUN_NEXT = {"", "to", "for", "with", "at", "about", "from", "of", "by", "on", "in", "and", "or", "but", "that",
                    "if", "when", "again", "too", "back", "up", "down", "out", "off", "over", "know", "feel", "the", "a",
                    "an", "this", "what", "how", "why", "not"}


def _client_form(role: str, chart: Pronouns | None) -> str:
    if chart is not None and not chart.plural_verb:
        return {"subject": chart.subject, "object": chart.object, "possessive": chart.possessive,
                "reflexive": chart.reflexive}[role]
    # "they" would need every verb changed ("he drinks"): "the client" keeps the verb right.
    return {"subject": "the client", "object": "the client", "possessive": "the client's",
            "reflexive": "themselves"}[role]


def _copied_lines(text: str, evidence: Iterable[int], source: SourceIndex | None) -> list[list[str]]:
    """The words of each line ``text`` copies (cited or best matching, sharing two content words)."""
    if source is None:
        return []
    bag = content_words(text)
    return [words(source.by_id[seg_id].text) for seg_id in dict.fromkeys([*source.valid_ids(evidence),
                                                                            *source.best_matches(text, 3)])
            if len(bag & content_words(source.by_id[seg_id].text)) >= MIN_SHARED_WORDS]


def _copied_pronouns(lines: list[list[str]]) -> set[str]:
    """Gendered pronouns the lines a sentence copies use themselves: in a client's or clinician's line
    "she" is someone else ("She was super nice", the stranger of 10), so the copy keeps it."""
    return {w for said in lines for w in said} & set(_GENDERED)


def _copies_phrase(phrase: list[str], lines: list[list[str]]) -> bool:
    """The pronoun and the words after it stand in one copied line ("she was super" in "She was super
    nice"): the copy speaks of whom that line speaks of."""
    return any(said[n:n + len(phrase)] == phrase for said in lines for n in range(len(said)))


# The client's own words for who they are: "I was Ms. Alvarez" (14), "I'm not really a meetings guy"
# (16), "I'm his mum". Not "I'm your dad" (a role-play) nor "as a mother" (maybe of someone else); a
# role-play line could still say otherwise, so two signs that disagree give none.
_SHE = r"mum|mom|mother|woman|girl|wife|daughter|lady|grandmother|grandma|Ms\.?|Mrs\.?|Miss"
_HE = r"dad|father|man|guy|boy|husband|son|gentleman|grandfather|grandpa|Mr\.?"
_SELF = re.compile(r"\bI(?:'m| am| was|'ve been| have been)\s+(?:(?:not|really|just|only|still|also|now|"
                   r"new|first-time|single|good|bad|terrible|proud|young|old|working|stay-at-home|his|her|their|a|"
                   r"an|the)\s+){0,4}(?:(?!your\b)[\w-]+\s+)?(?:(?P<she>%s)|(?P<he>%s))(?=\W|$)" % (_SHE, _HE), re.I)


def client_pronouns(source: SourceIndex) -> str | None:
    """"she/her" or "he/him" when the client's own lines, or the clinician's words to the client
    (``client_gender.addressed_pronouns``), say which, plainly and only one way; else None."""
    found = {("she/her" if m.group("she") else "he/him") for u in source.utterances if is_client(u.speaker)
             for m in _SELF.finditer(u.text)}
    found |= {addressed_pronouns(source)} - {None}
    return found.pop() if len(found) == 1 else None


def consistent_pronouns(text: str, pronouns: str | None = None, source: SourceIndex | None = None,
                        evidence: Iterable[int] = ()) -> str:
    """One set of pronouns for the client in a sentence: the chart's, else those the client's own
    lines give (``client_pronouns``), else "the client".

    A gendered pronoun is taken to be the client's when the sentence opens with it or the nearest
    person named before it is the client (or a pronoun already taken as the client's); one after
    "his wife" or "Dr. Lee" is left alone, as are quotes. A pronoun the copied line uses is left too,
    unless the client's pronouns are known, differ, and the words after it are not the line's: "he
    was feeding every two, 3 hours" of a mother whose line said "He's feeding" of her baby (14)."""
    pronouns = pronouns or (client_pronouns(source) if source is not None else None)
    chart = Pronouns.parse(pronouns) if pronouns else None
    keep = {"she": "f", "he": "m"}.get(chart.subject, "") if chart else ""
    masked = _QUOTED.sub(lambda m: "_" * len(m.group(0)), text)
    people = [(m.end(), "client") for m in _CLIENT_WORD.finditer(masked)]
    people += [(m.end(), "other") for m in _OTHER_PEOPLE.finditer(masked)
               if not _NOT_A_NAME.match(m.group(0)) and not re.search(r"(?:^|[:.!?])\s*$", masked[:m.start()])]
    out, last = [], 0
    lines = _copied_lines(text, evidence, source)
    copied = _copied_pronouns(lines)
    # "he has her bank card" (93): the sentence gives the client their own pronouns already, so one of
    # the other gender is someone the line spoke of ("he" for her partner), not the client.
    found = [_GENDERED[m.group(0).lower()][0] for m in re.finditer(r"\b(?:he|him|his|himself|she|her|hers|herself)\b",
                                                                  masked, re.I)]
    others_only = bool(keep) and keep in found
    for match in re.finditer(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", masked, re.I):
        gender, role = _GENDERED[match.group(0).lower()]
        if others_only and gender != keep:
            continue
        if match.group(0).lower() in copied and (not keep or gender == keep
                                                 or _copies_phrase(words(masked[match.start():])[:COPIED_PHRASE_WORDS], lines)):
            continue
        before = [p for p in people if p[0] <= match.start()]
        opens = not masked[:match.start()].strip() or masked[:match.start()].rstrip().endswith(":")
        nearest = max(before)[1] if before else ("client" if opens else "")
        if nearest != "client":
            continue
        people.append((match.end(), "client"))
        if gender == keep:
            continue
        if role is None:  # "her": her sister (possessive) or told her (object)
            following = re.match(r"\s*([A-Za-z']+)?", masked[match.end():]).group(1) or ""
            role = "object" if following.lower() in _NOT_A_NOUN_NEXT else "possessive"
        word = _client_form(role, chart)
        if word.startswith("the client") and any(who == "client" for _, who in before):
            # Named already: "they" where no verb must change ("that they did more than planned").
            following = (re.match(r"\s*([A-Za-z']+)?", masked[match.end():]).group(1) or "").lower()
            past = following in _MODALS or following in _IRREGULAR_PAST or following.endswith("ed")
            word = {"object": "them", "possessive": "their"}.get(role, "they" if past else word)
        if match.group(0)[0].isupper():
            word = word[4:] if word.startswith("the ") else word
            word = word[0].upper() + word[1:]
        out.append(text[last:match.start()] + word)
        last = match.end()
    return "".join(out) + text[last:]


_CLINICIAN_DID = re.compile(r"^(?P<who>the clinician|clinician)\s+(?P<act>(?:\w+\s+){0,2}\w+)", re.I)


def clinician_for_you(text: str, evidence: Iterable[int], source: SourceIndex) -> str | None:
    """``text`` with "The clinician" made "The client" when the line it copies is the clinician
    saying "you" did it: "The clinician did not do the stand-up" from "You didn't do the stand-up"
    (10, a sections draft). None when the sentence is not such a copy."""
    match = _CLINICIAN_DID.match(text.strip())
    if not match:
        return None
    act = " ".join(words(match.group("act").replace("did not", "didn't").replace("does not", "doesn't")))
    bag = content_words(text)
    for seg_id in dict.fromkeys([*source.valid_ids(evidence), *source.best_matches(text, 3)]):
        utt = source.by_id[seg_id]
        if (is_clinician(utt.speaker) and f"you {act}" in " ".join(words(utt.text))
                and len(bag & content_words(utt.text)) >= MIN_SHARED_WORDS):
            start = text.index(match.group("who"))
            return text[:start] + ("The client" if match.group("who")[0].isupper() else "the client") + \
                text[start + len(match.group("who")):]
    return None
