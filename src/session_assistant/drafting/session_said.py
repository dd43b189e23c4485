"""What the clinician and client said in session that a note states in their own words, found by
rule: the client's zero-to-ten ratings (the response to interventions), an observation the clinician
voiced, and what the clinician said they will do before the next one (the work planned for coming
sessions is ``planned_said``'s). Each finding quotes its line and cites it; none is the model's.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import AGREES_FIRST
from session_assistant.drafting.echoed_quotes import echoed
from session_assistant.drafting.goals_summed import GOALS_ASKED
from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.plan_safety import PHONE_CALL
from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import scale_top

_RATING_ASK = re.compile(r"\bhow (confident|important|ready|likely|sure)\b", re.I)
_NUMBER = re.compile(r"\b(?:\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
RATING_MAX_WORDS = 10
_DIMENSIONS = {"confident": "confidence", "important": "importance", "ready": "readiness", "likely": "likelihood",
               "sure": "certainty"}


def rating_answers(utterances: Sequence[Utterance]) -> list[tuple[str, str, list[int]]]:
    """(dimension, the client's answer, lines) for each importance / confidence / readiness rating
    the clinician asked for on a zero-to-ten scale and the client gave a number: the client's
    response to the work of the session, in the client's own words."""
    lines = list(utterances)
    found: list[tuple[str, str, list[int]]] = []
    for n, utt in enumerate(lines):
        asked = _RATING_ASK.search(utt.text) if not is_client(utt.speaker) else None
        # Zero to ten, however named ("nought to ten", "out of ten", "where ten is ..."): the line says so.
        if asked is None or not any(scale_top(u.text) == "out of 10" for u in lines[max(0, n - 4):n + 1]):
            continue
        answer = next((u for u in lines[n + 1:n + 3] if is_client(u.speaker)), None)
        # The answer up to the last short sentence that gives a number: "About a seven." of "About a
        # seven. Part of me knows I should stop, ...", "Before, like three. Now, six? Six." whole.
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(answer.text.split())) if answer is not None else []
        upto = next((n for n, sentence in enumerate(sentences) if _NUMBER.search(sentence)), None)
        while (upto is not None and upto + 1 < len(sentences) and _NUMBER.search(sentences[upto + 1])
               and len(" ".join(sentences[:upto + 2]).split()) <= RATING_MAX_WORDS):
            upto += 1
        if upto is not None and len(" ".join(sentences[:upto + 1]).split()) <= RATING_MAX_WORDS:
            dimension = _DIMENSIONS[asked.group(1).lower()]
            if all(d != dimension for d, _, _ in found):
                found.append((dimension, " ".join(sentences[:upto + 1]), [utt.id, answer.id]))
    return found


def ratings_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    said = "; ".join(f'{dimension} "{answer}"' for dimension, answer, _ in found)
    # "out of 10": the top the clinician named; "zero" is not said when the scale was "nought to ten" or "out of ten".
    return f"Response to interventions: ratings given out of 10: {said}" + ("" if said.endswith('."') else ".")


# What the clinician said aloud they saw ("I noticed you were restless when you came in, tapping your
# foot"): an observation the clinician made and voiced, quoted as said; never one the model infers
# (mental status beyond it is the clinician's checklist, issue 16).
# Also said as "I'm noticing as you talk about this your shoulders have dropped" (05) and "I can see that.
# You both turned toward each other just now, and your voices got softer." (06).
_NOTICED = re.compile(r"\b(?:I(?:'ve| have)? notic(?:e|ed)|(?<!what )I(?:'m| am) noticing|I (?:can )?see(?: that)?[.,]?(?=\s+(?:you|your)\b)"
                      r"|from where I (?:was )?sitting,?)\s*(?:that\s+)?"
                      # "You sound very tearful.", "You look tired today.": said to the client, of the client
                      r"|(?<!way )(?<!how )(?=\byou (?:sound|look|seem)(?: (?:very|really|quite|a bit|a little|so))? (?!(?:like|back|at|for|into|in|on|up|through|over|around|after|away|down|out)\b)(?![\w ]{0,8}\b(?:younger|older|great|lovely|nice)\b)\w)"
                      # "You're tearful talking about Rob.", "You're smiling.": what the client is doing, said to them
                      # now; never "when you're tired" (a condition) nor "you're right" (no behaviour)
                      r"|(?<!if )(?<!when )(?<!while )(?<!as )(?<!until )(?=\byou(?:'re| are) (?:(?:very|really|quite|a bit|a little|so|still|clearly) )?"
                      r"(?:smiling|laughing|grinning|tearful|teary|crying|welling up|shaking|trembling|fidgeting|frowning|sighing|blushing"
                      r"|clenching|tapping|rocking|whispering|shouting|yelling|quiet today)\b)", re.I)
_BEHAVIOUR = re.compile(r"\b(?:look\w*|sitting|sat|voice|speak\w*|talk\w*|tapping|fidget\w*|smil\w*|cr(?:y|ied|ying)|"
                        r"tear\w*|hands?|eye\w*|restless|calm\w*|settled|quiet\w*|redness|blush\w*|straighter|slowed|"
                        r"shoulders?|posture|turned toward|softer|louder|leaning|breath\w*|sweat\w*|flush\w*|shak\w*|"
                        # how the client came in as the clinician named it: "You seem a bit unsteady ... I can smell alcohol."
                        r"unsteady|speech|slurr\w*|smell\w*|drows\w*|pale|tired|exhausted|shattered|nervous|agitated|tense|"
                        # what the clinician named aloud as seen ("I can see you're really angry about this.")
                        r"laugh\w*|grin\w*|frown\w*|trembl\w*|clench\w*|angry|upset|lighter|brighter)\b",
                        re.I)
OBSERVATION_MAX_WORDS = 35


def spoken_observations(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """(the clinician's words from "I noticed" on, line) for each observation of the client's
    behaviour the clinician voiced in session."""
    found: list[tuple[str, int]] = []
    for utt in utterances:
        if is_client(utt.speaker) or not utt.speaker:
            continue
        match = _NOTICED.search(utt.text)
        if match is None:
            continue
        said: list[str] = []
        for sentence in re.split(r"(?<=[.!?])\s+", utt.text[match.start():].strip()):
            if sentence.endswith("?") or len(" ".join(said + [sentence]).split()) > OBSERVATION_MAX_WORDS:
                break
            if _BEHAVIOUR.search(" ".join(said)) and not _BEHAVIOUR.search(sentence):
                break  # "I see that. Your breathing went up too." ends before "Build the container."
            said.append(sentence)
        if said and _BEHAVIOUR.search(" ".join(said)):
            found.append((" ".join(said), utt.id))
    return found


def observations_sentence(found: Sequence[tuple[str, int]]) -> str:
    return "Clinician observed, as said in session: " + "; ".join(f'"{text}"' for text, _ in found)


# What the clinician took on to do before the next session ("I'll call you on Tuesday just to check
# in"; "Would you be okay with me writing to Dr. Lee about it?" - "Yes, that's fine."), quoted.
_CLAUSE = r"(?:[^.?!]|(?<=\bDr)\.|(?<=\bMs)\.|(?<=\bMr)\.|(?<=\bMrs)\.)*"  # "Dr. Lee" does not end it
_I_WILL = re.compile(r"\bI(?:'ll| will) (?:also )?(?:call|phone|ring|text|email|send|write|contact|talk to|speak (?:to|with)|"
                     # an appointment elsewhere the clinician books (54: "I'll rebook the physical health check")
                     r"check in|(?:re)?book (?:the|your|a|an)|arrange (?:the|your|a|an))\b" + _CLAUSE, re.I)
# Asked as permission or as an offer: "okay with me writing to Dr. Lee", "okay for me to send her a short
# update" (05), "would you like me to send a short letter to your primary care doctor" (08).
_MAY_I = re.compile(r"\b(?:(?:okay|ok|all right|alright) (?:with me|if I|for me to)|would you like me to|do you want me to|"
                    r"shall I|should I) ((?:writ|call|talk|send|contact|speak|email)\w*\b[^?]*)\?", re.I)
# "I'll send that this week" right after the offer it answers names nothing new.
# A call the clinician says they will make now, in the room: the next lines are the call itself.
_CALL_NOW = re.compile(r"^I(?:'ll| will) (?:also )?(?:call|phone|ring)\b[^.;]*\bnow\b", re.I)
CALL_NEXT_LINES = 2
_POINTS_BACK = re.compile(r"^I(?:'ll| will) (?:also )?\w+(?: \w+)? (?:that|it|them|this)\b", re.I)
TASK_SAME_SHARE = 0.5
# "(laughs) I'll send ten." answers a joke: a task names whom it reaches or what it is, in more than a word.
_NAMES_NO_ERRAND = re.compile(r"^I(?:'ll| will) (?:also )?\w+(?: to)? (?!(?:you|him|her|them|us|today|tonight|tomorrow|later|soon|\w+day)\b)(?-i:[a-z])\w*[\s,]*$", re.I)
_RECAP = re.compile(r"\b(?:to )?(?:summari[sz]e|sum up|recap)\b", re.I)


def clinician_tasks(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """(the clinician's words, lines) for each task the clinician said they will do, from the second
    half of the session; one asked as permission counts when the client's next line agrees."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    called: list[tuple[str, list[int]]] = []
    for n in range(len(lines) // 2, len(lines)):
        utt = lines[n]
        if is_client(utt.speaker) or _RECAP.search(utt.text):
            continue  # a closing recap says the tasks again
        for match in _I_WILL.finditer(utt.text):
            if _POINTS_BACK.match(match.group(0)) and any(ids[-1] >= utt.id - 3 for _, ids in found + called):
                continue
            if _NAMES_NO_ERRAND.match(match.group(0)):
                continue
            if _CALL_NOW.match(match.group(0)) and any(PHONE_CALL.match(u.text) for u in lines[n + 1:n + 1 + CALL_NEXT_LINES]):
                called.append((match.group(0), [utt.id]))  # "I'll ring them now" and the call follows:
                continue  # done in the room (the Objective's), not to follow up
            found.append((match.group(0).strip(" ,"), [utt.id]))
        asked = _MAY_I.search(utt.text)
        # the client's own answer: a daughter's "I'll ring them" is hers, not the client's agreement
        answer = next((u for u in lines[n + 1:n + 2] if u.speaker.strip().lower() in ("client", "patient")), None)
        if asked and answer is not None and AGREES_FIRST.search(answer.text):
            found.append((f"{asked.group(1).strip()}, client agreed", [utt.id, answer.id]))
    # A task said twice ("I'll call you Tuesday", later "I'll call Tuesday, ...") is said once.
    kept: list[tuple[str, list[int]]] = []
    for text, ids in found:
        words = set(re.findall(r"[a-z]{3,}", text.lower())) - {"i'll", "will", "also", "client", "agreed"}
        if not any(len(words & set(re.findall(r"[a-z]{3,}", k.lower()))) >= TASK_SAME_SHARE * len(words) for k, _ in kept):
            kept.append((text, ids))
    return kept


def tasks_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Clinician to follow up, as said in session: " + "; ".join(f'"{text}"' for text, _ in found) + "."


# The client's own words for how they feel ("But really I was scared.", "I'm just a burden."): a note
# carries one or two short direct quotes (issue 16). A sentence about the client (I, my, me) naming a
# feeling, short, no score in it (a rating is the response line's), no risk words (the risk account
# quotes those); the ones the clinician reflected back in the next line come first.
_FEELING = re.compile(r"\b(?:scared|afraid|terrified|proud|ashamed|guilty|burden|failure|hopeless|worthless|lonely|"
                      r"(?<!went )numb|relieved|excited|embarrassed|angry|furious|annoyed|frustrated|sad|hate|overwhelmed|"
                      r"exhausted|anxious|nervous|worried|panick\w*|quicksand|miss (?:you|him|her|them|my \w+))\b"
                      # how the client judges themself ("I'm failing.", "I felt disgusting.", "because I'm weak")
                      r"|\b(?:I'm|I am|I was|I feel|I felt|I've been|makes me feel) (?:so |just |really |such |a bit |completely )?"
                      r"(?:failing|powerless|helpless|useless|pathetic|stupid|weak|disgusting|trapped|a fraud|sick of|fed up)\b"
                      r"|\b(?:feel|felt|feels) like (?!this\b|that\b|it\b)", re.I)
# The client's own image for what it is like ("It's like a little hit.", "Like I'm betraying her.",
# "It's like I'm still on stag."): the words a clinician quotes, because no retelling keeps them. A
# comparison after "it's"/"that's", or opening the sentence with someone doing or being something
# ("Like a separate room." alone is a fragment of the sentence before); "like I said" or "like I
# don't know" is talk, not an image, and "like a six" is a rating (the score words keep it out).
_SUBJECT = r"(?:I'm|I've|I'd|I was|I had|I|my|nobody|no one|everyone|someone's|someone|everything)\b(?![,'])"
_IMAGE = re.compile(r"^(?:(?:and|but|so|just|yeah|no),? )?like (?!I (?:said|say|mean|told|know|think|don't)\b)" + _SUBJECT +
                    r"|\b(?:it's|it is|it felt|it feels|that's|kind of|sort of)\s+like (?!I (?:said|say|mean|told|know|think|don't)\b)"
                    r"(?:a\b|an\b|being\b|\w+ing\b|" + _SUBJECT + ")", re.I)
_ME = re.compile(r"\b(?:I|I'm|I've|I'd|my|me|myself)\b")
_SCORE_WORDS = re.compile(r"\b(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|hundred|percent)\b", re.I)
QUOTE_WORDS = (4, 18)
_VOICED = re.compile(r"^[\"“]|[\"”]$")  # said in quotation marks: another voice (a role-play, someone quoted)
QUOTES_MAX = 2
# Out of its talk a quote about dying misleads ("I'm going to die here because I'm useless." is a
# memory told in exposure): the risk list reads those lines in context.
_DEATH = re.compile(r"\b(?:die|dying|died|dead|kill\w*)\b", re.I)  # "I feel like death" is a comedown, said as such
# Which quotes come first: a feeling the clinician reflected, the client's own image, a feeling passed
# over, a phrase said back in full, any other phrase said back.
_REFLECTED, _THOUGHT, _IMAGED, _UNREFLECTED, _SAID_BACK, _ECHOED = 0, 1, 2, 3, 4, 5
# The thought the clinician asked for ("What went through your head?", "And what does it say about you?"),
# answered in a few words ("That I'm past it."): the hot thought a CBT note quotes, feeling word or not.
_THOUGHT_ASKED = re.compile(r"\bwhat (?:went|was going|goes) through your (?:head|mind)\b|\bwhat does (?:it|that|this) "
                            r"(?:say|mean) about you\b|\bwhat'?s the thought\b", re.I)
_COMMON = {"that", "the", "you", "and", "like", "just", "what", "this", "with", "was", "for"}


def client_quotes(utterances: Sequence[Utterance], risky=lambda text: False, role: str = "client") -> list[tuple[str, int]]:
    """(the client's sentence, line) for up to two short quotes of how the client feels, in session
    order; ``risky``: the risk screen (a sentence it flags is left to the risk account). ``role``: whose
    words, as the transcript labels the speaker (a partner's or parent's in a joint session)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[int, int, str, int]] = []
    for n, utt in enumerate(lines):
        if utt.speaker.strip().lower() != role or _answers_screen(lines, n):
            continue  # a parent's or partner's words are not the client's quote; a risk answer is the risk list's
        reply = lines[n + 1].text if n + 1 < len(lines) and not is_client(lines[n + 1].speaker) else ""
        candidates: list[tuple[int, int, str, int]] = []
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            if _VOICED.search(sentence):
                continue  # "If you just work harder ...": the critic's voice in a chair exercise, not the client's view
            feeling = _FEELING.search(sentence)
            if feeling and _REPORTS_ANOTHER.search(sentence):
                continue  # "She says ... and she's worried about my liver": the GP's view, not the client's
            image = None if feeling else _IMAGE.search(sentence)  # an image need not say "I": "It's like a little hit."
            size = len(sentence.split())
            if (not (feeling or image) or not QUOTE_WORDS[0] <= size <= QUOTE_WORDS[1] or sentence.endswith("?")
                    or not (image or _ME.search(sentence)) or _SCORE_WORDS.search(sentence) or risky(sentence)
                    or _DEATH.search(sentence)):
                continue
            if image:  # of one line's sentences a feeling named comes before an image
                candidates.append((_IMAGED, n, sentence, utt.id))
                continue
            shared = set(re.findall(r"[a-z']{3,}", sentence.lower())) & set(re.findall(r"[a-z']{3,}", reply.lower()))
            reflected = feeling.group(0).lower() in reply.lower() or len(shared - _COMMON) >= 3
            candidates.append((_REFLECTED if reflected else _UNREFLECTED, n, sentence, utt.id))
        asked = n > 0 and not is_client(lines[n - 1].speaker) and _THOUGHT_ASKED.search(lines[n - 1].text)
        thought = _thought_told(utt.text, risky) if asked else ""
        if thought:
            candidates = [c for c in candidates if c[2] not in thought] + [(_THOUGHT, n, thought, utt.id)]
        # Of one line's sentences the one the clinician reflected ("I'm just a burden." - "... I'm a
        # burden.", not "I just felt like I'd be a downer." before it), else the first.
        if candidates:
            feelings = [c for c in candidates if c[0] != _IMAGED]
            found.append(min(feelings or candidates, key=lambda c: c[0]))
    # Then the client's own phrase the clinician said back word for word: a phrase about themself said
    # back in full ("I'm missing my own life." - "I'm missing my own life."), then the others
    # (clinicians say back "Up and down." as often as the line that carries the session).
    taken = {c[3] for c in found}
    found += [(_SAID_BACK if strong else _ECHOED, n, sentence, line) for n, sentence, line, strong in echoed(lines, risky, role)
              if line not in taken]
    chosen = sorted(found)[:QUOTES_MAX]
    return [(sentence, line) for _, _, sentence, line in sorted(chosen, key=lambda c: c[1])]


_WHAT_IF = re.compile(r"^(?:(?:and|but|just|like),? )?what if\b", re.I)


def _thought_told(text: str, risky) -> str:
    """The answer's opening sentences that tell the thought, up to QUOTE_WORDS[1] words: none quoted
    (another voice), scored, about dying or flagged by the risk screen; "" when the first is not usable."""
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        if (_VOICED.search(sentence) or sentence.endswith("?") or _SCORE_WORDS.search(sentence) or _DEATH.search(sentence)
                or risky(sentence) or len(" ".join(kept + [sentence]).split()) > QUOTE_WORDS[1]):
            break
        kept.append(sentence)
    said = " ".join(kept)
    # "What if I let her go under ..." is an obsession or a worry: out of its talk it reads as intent
    return said if len(said.split()) >= QUOTE_WORDS[0] and _ME.search(said) and not _WHAT_IF.match(said) else ""


# A sentence of the client's that opens by reporting another person's words or view ("She says it's not
# doing my back any good and she's worried about my liver."): the GP's worry, not the client's. One told
# in the client's own voice ("He's so proud I'm doing engineering.") stays a quote of the client.
_REPORTS_ANOTHER = re.compile(r"^(?:(?:and|but|so|well|yeah|oh),? )?(?:(?i:she|he|they|my \w+|everyone|everybody|people)"
                              r"|[A-Z][a-z]+)(?:'s| has| had| just)? (?:says?|said|reckons?|thinks?|told me|keeps saying)\b")


def _answers_screen(lines: Sequence[Utterance], n: int) -> bool:
    """The client's line answers a risk screening question ("No. Saturday I was stressed, I was angry at
    my face, but no.", 44): the risk list documents it; a quote carries the client's words about the
    session's concern (issue 16)."""
    return n > 0 and not is_client(lines[n - 1].speaker) and asks_about_risk(lines[n - 1])


def quotes_sentence(found: Sequence[tuple[str, int]], whose: str = "the client's") -> str:
    return f"In {whose} words: " + "; ".join(f'"{text}"' for text, _ in found)


# The client's goals, as the clinician restates them in a goal review ("Your goals were to ride the
# train to work again, ...", "When we started, you said you wanted to get back to work part-time") or
# as the client answers "What are your goals?" at an intake.
_GOALS_RESTATED = re.compile(r"\byour (?:main |treatment |first |two |three )?goals? (?:was|were|is|are) (?:to )?\w"
                             r"|\byou said you wanted to\b|\b(?:you|we) (?:listed|set|named) (?:\w+ )?goals?\b", re.I)
_GOALS_LISTED_NEXT = re.compile(r"\b(?:listed|set|named) (?:\w+ )?goals?\.$", re.I)  # "... you listed three goals." + the list
GOALS_MAX_WORDS = 45


def goals_said(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """[(the words, line)] for the first statement of the client's goals: a clinician's sentence
    restating them (with the next sentence when it ends "you listed three goals."), or the client's
    answer to a question asking for them. Once: a closing summary says them again (08)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int]] = []
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            continue
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split()))
        for k, sentence in enumerate(sentences):
            if _GOALS_RESTATED.search(sentence) and not sentence.endswith("?"):
                said = " ".join(sentences[k:k + 2]) if _GOALS_LISTED_NEXT.search(sentence) else sentence
                if len(said.split()) <= GOALS_MAX_WORDS:
                    found.append((said, utt.id))
                break
        else:
            answer = lines[n + 1] if n + 1 < len(lines) and is_client(lines[n + 1].speaker) else None
            if answer is not None and GOALS_ASKED.search(utt.text):
                words_ = " ".join(answer.text.split()).split()
                if len(words_) <= GOALS_MAX_WORDS:
                    found.append((" ".join(words_), answer.id))
        if found:
            break
    return found


def goals_sentence(found: Sequence[tuple[str, int]]) -> str:
    return "Client's goals, as said in session: " + "; ".join(f'"{text}"' for text, _ in found)


# ("past": "half past four" is the "half four" the client said back)
_CALLING = {"ring", "call", "phone", "you", "i'll", "will", "past"}


def next_visit_again(task: tuple[str, list[int]], next_visit: tuple[str, list[int]] | None) -> bool:
    """True when a clinician's task is the next visit said again from its line ("I'll ring you on
    Wednesday the eighth at quarter past one" beside "Next session: ... Wednesday, the eighth, at quarter
    past one"): said once, as the next session. A call at another time from that line stays."""
    if next_visit is None or not set(task[1]) & set(next_visit[1]):
        return False
    own = content_words(task[0]) - _CALLING
    return bool(own) and own <= content_words(next_visit[0])


# "The results appointment is the eighteenth, so shall we meet after that?": what the visit waits for.
_AFTER_THAT = re.compile(r"(?:^|[.!?]\s+)(?:so,?\s+)?(?P<reason>[A-Z][^.?!]{8,90}?)(?:,|\.)?\s+so,? (?:shall|can|could|should) we "
                         r"(?:meet|book (?:in|it)|see each other|make it|have (?:the|our) next (?:one|session)) after (?:that|it|then)\b")


def set_after(utterances: Sequence[Utterance], ids: Sequence[int]) -> str | None:
    """What the clinician set the visit after, in the arranging line (cited by ``ids``); None when unsaid."""
    for utt in utterances:
        if utt.id in ids and not is_client(utt.speaker):
            match = _AFTER_THAT.search(" ".join(utt.text.split()))
            if match:
                return match.group("reason")
    return None
