"""How much the client drinks or uses, in the client's words, for the Subjective.

Why: a therapist documents substance use with its amount whenever a session speaks of it (drinking to
sleep after a trauma, cannabis in low mood), and a payer's or a supervisor's reader looks for it. In
unseen 122 the client said "Couple of cans when I get in. Well. Four, if I'm honest. And a whisky
before bed." and the clinician reckoned "around ten or eleven units": no line of the note said he
drank. The amount rules (``client_account``) quote an answer to "how many ...?" or a short reflection
only; this one reads the client's lines that name a substance with an amount, however the subject
came up, and the clinician's reckoning in units when there is one.

The session's last third is the Plan's ("Two cans at most, no whisky" is a goal, not use), and a line
about risk is the risk list's.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

# What is drunk, smoked or taken, as clients say it ("cans" of drink, never "cans of Coke").
_SUBSTANCE = re.compile(r"\b(?:cans(?! of (?:coke|pop|soup|beans|pepsi|fizzy|energy|red bull|monster))|beers?|pints?|lagers?|ciders?"
                        r"|wine|prosecco|whisk(?:e)?y|vodka|gin|rum|brandy|spirits|shots|units?|(?<!energy )(?<!soft )(?<!fizzy )drinks|drinking|booze|bottles? of \w+"
                        r"|joints?|spliffs?|weed|cannabis|skunk|grams?|cocaine|coke|pills|benzos?|valium|diazepam|codeine)\b", re.I)
# How much or how often: a number, a couple, most nights.
_AMOUNT = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|half|couple|few"
                     r"|most (?:nights|days|evenings)|every (?:night|day|evening)|each (?:night|day)|nightly|daily|a bottle|large|double)\b",
                     re.I)
_UNITS = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
                    r"(?: or (?:\w+))? units\b", re.I)
QUOTE_MAX_WORDS = 30
LINES_MAX = 2
FILLER_WORDS = 2


def substance_told(utterances: Sequence[Utterance], risky=lambda text: False,
                   taken: Sequence[int] = ()) -> tuple[list[tuple[str, int]], tuple[str, int] | None]:
    """([(the client's words, line)] up to two lines naming a substance with an amount, and the
    clinician's reckoning in units (sentence, line) or None), in the session's first two thirds."""
    lines = [u for u in utterances if u.speaker]
    told: list[tuple[str, int]] = []
    reckoned: tuple[str, int] | None = None
    for utt in lines[:len(lines) * 2 // 3]:
        sentences = SENTENCE_BREAK.split(" ".join(utt.text.split()))
        if not is_client(utt.speaker):
            units = next((s for s in sentences if _UNITS.search(s) and not s.endswith("?")), None)
            if units and reckoned is None and not risky(utt.text):
                reckoned = (units, utt.id)
            continue
        if utt.speaker.strip().lower() != "client" or utt.id in taken or risky(utt.text) or len(told) == LINES_MAX:
            continue
        if not any(_SUBSTANCE.search(s) and _AMOUNT.search(s) for s in sentences):
            continue
        # from the first sentence naming the substance with an amount, then those that go on counting it
        start = next(k for k, s in enumerate(sentences) if _SUBSTANCE.search(s) and _AMOUNT.search(s))
        kept = [sentences[start]]
        for sentence in sentences[start + 1:]:
            if len(sentence.split()) <= FILLER_WORDS and not sentence.endswith("?"):
                continue  # "Well." between the counts
            if sentence.endswith("?") or not (_SUBSTANCE.search(sentence) or _AMOUNT.search(sentence)):
                break
            kept.append(sentence)
        said = words_up_to(kept, QUOTE_MAX_WORDS)
        if said:
            told.append((said, utt.id))
    return told, (reckoned if told else None)


def substance_sentence(told: Sequence[tuple[str, int]], reckoned: tuple[str, int] | None) -> str:
    said = "; ".join(f'"{text}"' for text, _ in told)
    text = f"Substance use, in the client's words: {said}" + (f'; as the clinician reckoned it: "{reckoned[0]}"' if reckoned else "")
    return text + ("" if text.endswith(('."', '!"', '?"')) else ".")


def substance_ids(told: Sequence[tuple[str, int]], reckoned: tuple[str, int] | None) -> list[int]:
    return sorted({i for _, i in told} | ({reckoned[1]} if reckoned else set()))
