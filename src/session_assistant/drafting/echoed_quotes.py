"""The client's phrase that the clinician says back, word for word, at the start of the reply: how
clinicians mark the words that carry the session ("It still feels like the pain's the boss." - "The
pain's the boss."), whatever the client's way of talking. ``session_said.client_quotes`` quotes them
beside the feeling sentences.

Said back in the second person too ("I've always run." - "You've always run."; "I'm missing my own
life." - "I'm missing my own life."): the clinician's "you" is the client's "I". A long sentence is
quoted from the words said back, when they are a phrase of their own ("... and felt like I'm missing
my own life." gives "I'm missing my own life."), so the quote stays short.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.transcript_input import Utterance

ECHO_MIN_WORDS = 3
STRONG_ECHO_WORDS = 4  # a phrase said back in full marks the client's words as clearly as a feeling named
QUOTE_WORDS = (4, 18)
SPAN_MIN_WORDS = 4
# "Thank you very much." and "I'm doing well." are said back as courtesy (real consultations, PriMock57).
_PLEASANTRY = re.compile(r"^(?:(?:um|uh|well|oh),?\s+)*(?:thank|thanks|i'?m (?:doing )?(?:well|good|fine|okay|ok)\b|hi\b|hello\b"
                         r"|good (?:morning|afternoon)|nice to)", re.I)
_WORD = re.compile(r"[a-z0-9']+", re.I)
_DETERMINERS = {"a", "an", "the", "this", "that", "my", "your", "his", "her", "their", "our", "some", "most", "every", "each", "all",
                "any", "no", "one", "two", "three"}
_ME = re.compile(r"\b(?:I|I'm|I've|I'd|[Mm]y|[Mm]e|[Mm]yself)\b")  # "My brother ..." opens a sentence
_VOICED = re.compile(r"^[\"“]|[\"”]$")  # said in quotation marks: another voice (a role-play, someone quoted)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# The clinician's words for the client's own: "you've" said back is the client's "I've".
_BACK = {"you": {"i", "me"}, "you've": {"i've"}, "you're": {"i'm"}, "your": {"my"}, "yourself": {"myself"}, "you'd": {"i'd"},
         "you'll": {"i'll"}}
_NUMBER = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
                     r"|sixty|seventy|eighty|ninety|hundred)\b", re.I)
# A score or a count is the rating and amount rules' ("Fifty-two in March it would've been."); "the one" is no count.
_AMOUNT = re.compile(r"\d|\bpercent\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty"
                     r"|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b", re.I)
# Out of its talk a phrase about dying misleads ("I thought he was going to kill me." is a memory).
_DEATH = re.compile(r"\b(?:die|dying|died|dead|death|kill\w*)\b", re.I)


def _answers_screen(lines: Sequence[Utterance], n: int) -> bool:
    """The client's line answers a risk screening question: the risk list documents it."""
    return n > 0 and not is_client(lines[n - 1].speaker) and asks_about_risk(lines[n - 1])


def _said_back_at(words: list[str], echo: list[str]) -> int | None:
    """Where in the client's ``words`` the clinician's ``echo`` stands, "you" read as "I"."""
    for k in range(len(words) - len(echo) + 1):
        if all(w == e or w in _BACK.get(e, ()) for w, e in zip(words[k:k + len(echo)], echo)):
            return k
    return None


def _span(sentence: str, start: int, size: int) -> str:
    """The client's own words of ``sentence`` from word ``start``, ``size`` words, as a sentence."""
    tokens = list(_WORD.finditer(sentence))
    text = sentence[tokens[start].start():tokens[start + size - 1].end()]
    return text[0].upper() + text[1:] + "."


def echoed(lines: Sequence[Utterance], risky, role: str = "client") -> list[tuple[int, str, int, bool]]:
    """(position, the client's words, line, strong) for each client line whose phrase the next
    clinician line says back; ``strong``: said back in ``STRONG_ECHO_WORDS`` words or more, and the
    client's words about themself ("Get my head out of that ward.", not "Back at the hospital.").
    ``role``: whose lines (a joint session's "partner" has phrases said back too)."""
    found: list[tuple[int, str, int, bool]] = []
    for n, utt in enumerate(lines[:-1]):
        reply = lines[n + 1]
        if utt.speaker.strip().lower() != role or is_client(reply.speaker) or _answers_screen(lines, n):
            continue
        echo = [w.lower() for w in _WORD.findall(_SENTENCE.split(reply.text.strip())[0])]
        if len(echo) < ECHO_MIN_WORDS - 1 or (len(echo) <= ECHO_MIN_WORDS and _NUMBER.search(" ".join(echo))):
            continue  # "Four times." said back is an amount
        for sentence in _SENTENCE.split(" ".join(utt.text.split())):
            words = [w.lower() for w in _WORD.findall(sentence)]
            at = _said_back_at(words, echo) if not _VOICED.search(sentence) else None
            # Two words said back count when they close the client's own sentence ("... and I thought, not
            # today." - "Not today."): the clinician marking the client's phrase, not a courtesy.
            # Not a thing or an amount said back ("An hour.", "The job.", "Most days."): the client's phrase.
            if at is None or (len(echo) < ECHO_MIN_WORDS and not (at + len(echo) == len(words) and _ME.search(sentence)
                                                                   and echo[0] not in _DETERMINERS)):
                continue
            size = len(sentence.split())
            quote = sentence if size <= QUOTE_WORDS[1] else (_span(sentence, at, len(echo)) if len(echo) >= SPAN_MIN_WORDS
                                                              else "")
            if _quotable(quote, risky):
                found.append((n, quote, utt.id, len(echo) >= STRONG_ECHO_WORDS and bool(_ME.search(quote))))
                break
        else:
            quote = _said_back_within(utt.text, echo)
            if quote and _ME.search(quote) and _quotable(quote, risky):
                found.append((n, quote, utt.id, False))  # a phrase said back whole marks the words more clearly
    return found


# The client's verdict on themself, said back ("That I'm thick." - "I'm thick."): short, and the words a
# note quotes.
_VERDICT = re.compile(r"\bI'm (?:so |just |really )?\w+\.$")


def _quotable(quote: str, risky) -> bool:
    least = QUOTE_WORDS[0] - 1 if _VERDICT.search(quote) else QUOTE_WORDS[0]
    return bool(quote and len(quote.split()) >= least and not quote.endswith("?")
                and not re.search(r"\bI(?:'ll| will)\b", quote)  # a commitment is the Plan's, not a quote
                and not _PLEASANTRY.search(quote) and not _AMOUNT.search(quote) and not _DEATH.search(quote)
                and not risky(quote))


def _said_back_within(text: str, echo: list[str]) -> str:
    """The client's words that the clinician's sentence says back inside itself ("That thought, nobody
    wants me here, I'm the odd one out."), ``STRONG_ECHO_WORDS`` or more in a row, "you" read as "I",
    across the client's sentences if need be; from where the client's own words start, as said."""
    line = " ".join(text.split())
    words = [w.lower() for w in _WORD.findall(line)]
    best = (0, 0)  # (size, start in the client's words)
    for e in range(len(echo)):
        for k in range(len(words)):
            size = 0
            while (e + size < len(echo) and k + size < len(words)
                   and (words[k + size] == echo[e + size] or words[k + size] in _BACK.get(echo[e + size], ()))):
                size += 1
            best = max(best, (size, -k))
    size, start = best[0], -best[1]
    tokens = list(_WORD.finditer(line))
    while size and line[tokens[start].end():tokens[start].end() + 1] == "," and start + 1 < len(tokens):
        start, size = start + 1, size - 1  # "... I just thought, they'll look at me.": from the thought itself
    if size < STRONG_ECHO_WORDS or size > QUOTE_WORDS[1] or _VOICED.search(line):
        return ""
    before, after = line[:tokens[start].start()].rstrip(), line[tokens[start + size - 1].end():]
    # A whole clause of the client's, never cut inside one ("Most of the time I" of "... I didn't catch it").
    if (before and before[-1] not in ".!?,;:") or not re.match(r"\s*(?:[.!?]|$)", after):
        return ""
    said = line[tokens[start].start():tokens[start + size - 1].end()]
    said = said[0].upper() + said[1:]
    return said if said.endswith((".", "!")) else said + "."
