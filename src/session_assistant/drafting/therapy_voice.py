"""The therapy voice by rule, for notes about a "client": third person outside quotes, quotes that
are the client's real words, no assumed-normal mental status or medical exam language that nobody
said, reports kept out of Objective, and a Plan that says what will happen.

Each check returns what it changed or why the sentence must stay out of the note, so the review
panel can show it. Mental status is the clinician's checklist, never the model's guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from session_assistant.drafting.client_name import called_client, source_client_name
from session_assistant.drafting.grounding import SourceIndex, content_words, words
from session_assistant.drafting.person_voice import clinician_for_you, consistent_pronouns, third_person
from session_assistant.drafting.repetition import GARBLED, garbled
from session_assistant.drafting.placement import MOVED_TO, better_part, client_experience, continues_report, named_report

FIRST_PERSON = "first_person"  # withheld: "come back and talk to me" is the clinician's voice, not the note's
VOICE_REWRITTEN = "voice_rewritten"
CLIENT_NOT_CLINICIAN = "client_not_clinician"  # "The clinician did not do the stand-up" copied "You didn't ..."
THIRD_PERSON = "third_person"  # rewritten from "I", "you" or "we" by who said the line (person_voice)
MISQUOTE = "quote_not_in_transcript"
ASSUMED = "assumed_finding"
MOVED = "moved_from_objective"
NOT_A_PLAN = "retells_session"
UNSUPPORTED_CONTENT = "unsupported_content"  # withheld: mostly words nobody said ("insomnia, fatigue, ...")
# The clinician's own vocabulary: words a therapy note uses that a session rarely says.
CLINICAL_TERMS = set("""clinician therapist counselor counsellor intervention interventions approach motivational interviewing
reflective reflection reflections listening ambivalence ambivalent change talk readiness stage contemplation precontemplation
preparation action maintenance cognitive restructuring behavioural behavioral activation exposure response prevention
hierarchy dbt skill skills distress tolerance emotion regulation mindfulness grounding psychoeducation psychoeducational
safety plan planning homework assignment assigned session sessions progress goal goals objective objectives treatment
engaged engagement insight rapport collaborative collaboratively explored discussed reviewed identified processed validated
encouraged elicited provided reported described expressed endorsed denied acknowledged agreed demonstrated presented
client clients strategies strategy coping techniques technique symptoms symptom use alcohol substance mood affect
thoughts feelings behaviours behaviors pattern patterns trigger triggers support supportive follow continue next""".split())
MIN_UNSAID_WORDS, MAX_UNSAID_SHARE = 4, 0.5
# Words that alone make an invented claim (a small model's stock "continue to take the medications").
NEVER_UNSAID = {"medication", "medicine", "prescribed", "prescription", "diagnosed", "diagnosis", "antidepressant"}

_QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")
_PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|me|my|mine|myself|we|we're|we've|we'll|us|our|ours|let's|you|you're|"
                       r"you've|you'll|you'd|your|yours|yourself)\b", re.I)
_OBJECT_ONLY = re.compile(r"\b(?:me|my|myself)\b", re.I)
_PATIENT = re.compile(r"\b([Tt])he patient('s)?\b|\b([Pp])atient's\b")
# Findings a small model writes as "normal" although nobody said them, and medical exam language
# that has no place in a therapy note. Each is withheld unless its own words were said.
ASSUMED_FINDINGS: tuple[tuple[str, str], ...] = (
    (r"\bvital signs?\b", "vital signs"), (r"\bphysical exam(?:ination)?\b", "physical exam"),
    (r"\bblood pressure\b", "blood pressure"), (r"\bheart rate\b", "heart rate"), (r"\bauscultation\b", "auscultation"),
    (r"\b(?:lungs?|heart|abdomen) (?:is|are|was|were) (?:clear|normal|soft|regular)\b", "exam finding"),
    (r"\b(?:normal|appropriate|congruent|euthymic|full|bright|reactive|stable) (?:range of )?affect\b", "affect"),
    (r"\baffect (?:is|was) (?:normal|appropriate|congruent|euthymic|full|bright|reactive|stable)\b", "affect"),
    (r"\balert and oriented\b|\boriented (?:x|times|to person)\b", "orientation"), (r"\bno acute distress\b", "acute distress"),
    (r"\bwell[- ]groomed\b|\bappropriately dressed\b|\bgrooming (?:is|was) (?:good|appropriate)\b", "appearance"),
    (r"\bspeech (?:is|was) (?:normal|clear|regular|fluent|coherent)\b|\bnormal (?:rate of )?speech\b", "speech"),
    (r"\bthought process(?:es)? (?:is|was|were) (?:linear|logical|goal[- ]directed|organi[sz]ed)\b", "thought process"),
    (r"\b(?:good|appropriate|normal) eye contact\b", "eye contact"),
    (r"\binsight and judg(?:e)?ment (?:is|are|was|were) (?:good|fair|intact|adequate)\b", "insight and judgment"),
    (r"\bwithin normal limits\b|\bunremarkable\b|\bno abnormalities\b", "normal findings"),
    (r"\b(?:cooperative|pleasant|calm) and (?:cooperative|pleasant|engaged|calm)\b", "behaviour"),
    (r"\bmood (?:is|was) (?:euthymic|stable|good|normal)\b", "mood"),
)
_ASSUMED = [(re.compile(p, re.I), name) for p, name in ASSUMED_FINDINGS]
_REPORTING = re.compile(r"^(?:the client|client|she|he|they)\b[^.]{0,40}?\b(?:reported|reports|stated|states|said|says|"
                        r"described|describes|shared|expressed|mentioned|explained|admitted|endorsed|denied|denies|"
                        r"indicated|acknowledged|disclosed|complained|talked|spoke|discussed|noted that)\b", re.I)
_PLAN_CUE = re.compile(r"\b(?:will|would|plan\w*|next|homework|agree[ds]?|agreed|recommend\w*|refer\w*|continue\w*|"
                       r"schedul\w*|follow[- ]?up|practi[cs]e\w*|try|trying|goal\w*|return|call|attend\w*|work on|"
                       r"assign\w*|encourag\w*|suggest\w*|review\w*|track\w*|monitor\w*|keep|start|begin|complete|bring|"
                       r"log|diary|record|weekly|tomorrow|upcoming|committed|intends?|going to|to (?:be|use|do)|come back|"
                       r"asked (?:the client|him|her|them) to|invited)\b", re.I)


@dataclass
class VoiceResult:
    text: str
    flags: list[str] = field(default_factory=list)
    withhold: bool = False
    section: str | None = None  # a new section, when the sentence belongs elsewhere


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _quote_in_source(quote: str, source: SourceIndex) -> bool:
    """The quoted words appear, in order, in one transcript line (punctuation and case aside)."""
    wanted = " ".join(words(quote))
    return bool(wanted) and any(wanted in " ".join(words(u.text)) for u in source.utterances)


def unsaid_words(text: str, source: SourceIndex) -> set[str]:
    """Content words of ``text`` the session never used (nor the clinician's own vocabulary)."""
    return {w for w in content_words(_outside_quotes(text)) if w not in source.vocab and w not in CLINICAL_TERMS
            and w.rstrip("s") not in source.vocab and not any(v.startswith(w[:5]) for v in source.vocab if len(w) > 6)}


def assumed_findings(text: str, source: SourceIndex) -> list[str]:
    """Names of normal or exam findings in ``text`` whose words nobody said in the session."""
    found = []
    for pattern, name in _ASSUMED:
        match = pattern.search(text)
        if match and not all(w in source.vocab or w.rstrip("s") in source.vocab for w in words(match.group(0))):
            found.append(name)
    return found


def _as_client(match: re.Match) -> str:
    said = match.group(0)
    noun = ("C" if said[0] == "P" else "c") + "lient" if not said.lower().startswith("the ") else said[:4] + "client"
    return noun + ("'s" if said.endswith("'s") else "")


# "he'd dropped" made "the client'd dropped" (74): a name takes no "'d"; before a past participle it is
# "had", else "would".
_CLIENT_CONTRACTED = re.compile(r"\b((?:[Tt]he )?[Cc]lient)'d\s+(\w+)")


_PARTICIPLE = re.compile(r"(?:ed|en|wn|un|ught|ne|de)$")


def _uncontracted(text: str) -> str:
    def spelled(match: re.Match) -> str:
        verb = match.group(2)
        return f"{match.group(1)} {'had' if _PARTICIPLE.search(verb) else 'would'} {verb}"
    return _CLIENT_CONTRACTED.sub(spelled, text)


def therapy_voice(text: str, section: str, source: SourceIndex, *, objective_key: str | None = "objective",
                  report_key: str | None = "subjective", plan_key: str | None = "plan",
                  evidence: Sequence[int] = (), pronouns: str | None = None,
                  assessment_key: str | None = None) -> VoiceResult:
    """Apply the therapy voice to one sentence of a client note (see the module doc).

    ``assessment_key`` (with the other keys): the format's Assessment part; given, a sentence written
    in the wrong part moves to the one that holds what it says (``placement``: a commitment for the
    week to the Plan, what the clinician did to the Objective, the client's response to the
    Assessment).

    ``evidence`` (the lines the sentence cites) and ``pronouns`` (the chart's, "she/her") let a
    sentence copied in the first or second person be rewritten in the third (``person_voice``)."""
    result = VoiceResult(called_client(_PATIENT.sub(_as_client, text), source_client_name(source)))
    if result.text != text:
        result.flags.append(VOICE_REWRITTEN)
    for quote in _QUOTED.findall(result.text):
        if not _quote_in_source(quote, source):
            result.flags.append(MISQUOTE)
            result.withhold = True
    corrected = clinician_for_you(result.text, evidence, source)
    if corrected is not None:
        result.text = corrected
        result.flags.append(CLIENT_NOT_CLINICIAN)
    outside = _outside_quotes(result.text)
    personal = _PERSONAL.findall(outside)
    rewritten = third_person(result.text, evidence, source, pronouns) if personal else None
    if rewritten is not None and not _PERSONAL.findall(_outside_quotes(rewritten)):
        # Who said it is known from the line it was copied from: "your turn" of the clinician is
        # the client's, "We're at session eight" is clinician and client (10, record after1).
        result.text = rewritten
        result.flags.append(THIRD_PERSON)
    elif personal:
        clinician_named = re.search(r"\b(?:clinician|therapist|counsel(?:l)?or)\b", outside, re.I)
        if all(p.lower() == "your" for p in personal) and re.match(r"^(?:the client|the clinician)\b", outside.strip(), re.I):
            # "... your kids are a strong reason for living": the model copied the clinician's words
            # to the client; in a note about the client, "your" is the client's.
            parts = re.split(r"(\"[^\"]*\"|“[^”]*”)", result.text)  # odd parts are quotes: left as said
            result.text = "".join(p if n % 2 else re.sub(r"\b[Yy]our\b", "the client's", p) for n, p in enumerate(parts))
            result.flags.append(VOICE_REWRITTEN)
        elif clinician_named and all(_OBJECT_ONLY.fullmatch(p) for p in personal):
            # "The clinician asked the client to come back and talk to me": the model copied the
            # clinician's words; "me" is the clinician.
            rewritten = re.sub(r"\bmyself\b", "the clinician", result.text)
            rewritten = re.sub(r"\bmy\b", "the clinician's", rewritten)
            result.text = re.sub(r"\bme\b", "the clinician", rewritten)
            result.flags.append(VOICE_REWRITTEN)
        else:
            result.flags.append(FIRST_PERSON)
            result.withhold = True
    consistent = _uncontracted(consistent_pronouns(result.text, pronouns, source, evidence))
    if consistent != result.text:
        # "he had a history of drinking" beside "they" in the next sentence (03): one set of
        # pronouns for the client, the chart's, else "the client".
        result.text = consistent
        result.flags.append(VOICE_REWRITTEN)
    why = garbled(result.text) if result.text != text else None
    if why:  # "I'll email you the link, you decide." made "... the link, him decide.": no sentence to sign
        result.flags.append(f"{GARBLED}:{why}")
        result.withhold = True
    unsaid = unsaid_words(result.text, source)
    if (len(unsaid) >= MIN_UNSAID_WORDS and len(unsaid) > MAX_UNSAID_SHARE * len(content_words(_outside_quotes(result.text)))
            or unsaid & NEVER_UNSAID):
        result.flags.append(UNSUPPORTED_CONTENT)
        result.withhold = True
    assumed = assumed_findings(result.text, source)
    if assumed:
        result.flags += [f"{ASSUMED}:{name}" for name in assumed]
        result.withhold = True
    if section == objective_key and report_key and (_REPORTING.search(result.text) or named_report(result.text, source.text)
                                                    or client_experience(result.text, evidence, source)):
        result.section = report_key
        result.flags.append(MOVED)
    if assessment_key and not result.withhold and result.section is None:
        placed = better_part(result.text, section, {"subjective": report_key, "objective": objective_key,
                                                    "assessment": assessment_key, "plan": plan_key})
        if placed is not None:
            result.section, result.text = placed
            result.flags.append(f"{MOVED_TO}:{placed[0]}")
    if section == plan_key and not _PLAN_CUE.search(result.text):
        result.flags.append(NOT_A_PLAN)
        result.withhold = True
    result.flags = list(dict.fromkeys(result.flags))
    return result


def follows_report(voice: VoiceResult, section: str, report: str | None, *, objective_key: str | None,
                   report_key: str | None) -> str | None:
    """A sentence of Objective that goes on from a report moved to Subjective (``report``: that report,
    the previous sentence of the same model item) moves with it ("Jordan reported that he had been at his
    cousin's all day. He did not think about it.", 44). Returns the report this sentence makes, for the
    next sentence of the item (None when it is not one)."""
    if voice.withhold or section != objective_key or not report_key:
        return None
    if voice.section is None and report is not None and continues_report(voice.text, report):
        voice.section = report_key
        voice.flags.append(MOVED)
    return voice.text if voice.section == report_key and MOVED in voice.flags else None
