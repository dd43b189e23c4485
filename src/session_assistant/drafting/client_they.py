"""A "they" the model wrote of a client the chart calls "she" or "he", given the chart's pronoun.

Why: unseen 101 and 105 (charted she/her) have one model sentence each saying "their spending habits",
"their daily life" of the client while the rest of the note says "she". A "they" may be anyone's, or a
thing's ("the worksheets ... did not complete them"), so it is changed only when nothing but the client
stands before it in the sentence: "the client" named, no other person and no plural word between, and
for a subject "they" only before a verb that needs no other form ("they felt", "they were" -> "she was").
Where any "they" of a sentence must stay, all stay: one voice in a sentence. Quotes are never changed.
"""

from __future__ import annotations

import re

from session_assistant.drafting.person_voice import _IRREGULAR_PAST, _MODALS, _OTHER_PEOPLE, _NOT_A_NAME, Pronouns

THEY_AS_CLIENT = "they_as_client"  # kept, flagged: the chart's pronoun put in

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_CLIENT = re.compile(r"\b(?:the\s+)?client(?:'s)?\b", re.I)
_THEY = re.compile(r"\b(they|them|their|themselves|theirs)\b", re.I)
# A plural word between the client and the pronoun may be what the pronoun stands for ("the safety behaviours
# they were using"); words ending in s that are no plural noun do not count.
_PLURAL = re.compile(r"\b[a-z]{3,}s\b")
_NOT_PLURAL = {"was", "has", "his", "this", "is", "as", "us", "always", "perhaps", "sometimes", "less", "unless",
               "across", "its", "hers", "yes", "whereas", "does", "process", "stress", "distress", "loss", "illness",
               "progress", "access", "success", "business", "sadness", "wellness", "fitness", "happiness", "focus",
               "anxious", "nervous", "various", "serious", "previous", "obvious", "famous", "numerous", "towards",
               "afterwards", "upwards", "besides", "thus", "plus", "bus", "status", "diabetes", "means", "news", "series"}
_AGREE = {"were": "was", "are": "is", "have": "has", "weren't": "wasn't", "aren't": "isn't", "haven't": "hasn't",
          "don't": "doesn't", "do": "does", "themselves": None}


def _only_client_before(masked: str, at: int) -> bool:
    clients = list(_CLIENT.finditer(masked[:at]))
    if not clients:
        return False
    between = masked[clients[-1].end():at]
    others = [m for m in _OTHER_PEOPLE.finditer(masked[:at]) if not _NOT_A_NAME.match(m.group(0))
              and not re.search(r"(?:^|[:.!?])\s*$", masked[:m.start()])]
    plurals = [w for w in _PLURAL.findall(between.lower()) if w not in _NOT_PLURAL and not w.endswith(("ss", "ous", "ness"))]
    return not others and not plurals


def they_as_client(text: str, pronouns: str | None) -> tuple[str, bool]:
    """(text with the client's "they" in the chart's pronoun, whether one was changed)."""
    chart = Pronouns.parse(pronouns)
    if chart.plural_verb:
        return text, False
    masked = _QUOTED.sub(lambda m: "_" * len(m.group(0)), text)
    out, last, changed = [], 0, False
    for match in _THEY.finditer(masked):
        word = match.group(1).lower()
        if not _only_client_before(masked, match.start()):
            # "... asked the clinician for a letter to help them" (104): a "they" that may be another's is
            # left, and so is every other in the sentence, rather than "he ... them" in one sentence
            return text, False
        end = match.end()
        if word == "they":
            following = re.match(r"\s+([A-Za-z']+)", masked[end:])
            verb = following.group(1).lower() if following else ""
            if verb in _AGREE and _AGREE[verb]:
                new = f"{chart.subject} {_AGREE[verb]}"
                end += following.end()
            elif verb in _MODALS or verb in _IRREGULAR_PAST or verb.endswith("ed"):
                new = chart.subject
            else:
                return text, False  # one "they" left as written: the sentence keeps one voice throughout
        else:
            new = {"them": chart.object, "their": chart.possessive, "themselves": chart.reflexive,
                   "theirs": chart.possessive + ("" if chart.possessive.endswith("s") else "s")}[word]
        if match.group(1)[0].isupper():
            new = new[0].upper() + new[1:]
        out.append(text[last:match.start()] + new)
        last, changed = end, True
    return "".join(out) + text[last:], changed
