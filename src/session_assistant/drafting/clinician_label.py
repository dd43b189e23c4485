"""A name the model says the clinician gave something ("which the clinician noted as a trigger for
alcohol use") that no clinician line gives it.

Why: read in 73's draft: "The client also reported having a dry day on Tuesday, which the clinician
noted as a trigger for alcohol use": the clinician called the dry day the first one she had heard
of, something the client can do; nobody said "trigger". The small model closes a report with the
clinician's supposed reading of it, and the reading is its own. Each word of the name the
clinician is said to have given (but a few words any such name uses: "sign of", "example of") must
be said in a clinician's line, else the sentence is withheld (``UNSAID_CLINICIAN_LABEL``).
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_stems, content_words, words
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.word_stems import stem

UNSAID_CLINICIAN_LABEL = "unsaid_clinician_label"
_LABELLED = re.compile(r"\b(?:clinician|therapist|counsell?or)\s+(?:had\s+)?(?:noted|identified|described|named|called|"
                       r"labell?ed|framed|interpreted|saw|recogni[sz]ed|viewed|considered|highlighted)\s+"
                       r"(?:[\w'-]+\s+){0,4}?as\s+(?P<label>[^,.;:!?]+)", re.I)  # "described the swim as ..."
_DESCRIBED = re.compile(r"\b(?:which|that|whom|who)\s+(?:he|she|they|the client|the partner|the parent)\s+(?:had\s+)?"
                        r"(?:described|called|referred to|labell?ed|characteri[sz]ed)\s+as\s+(?P<label>[^,.;:!?]+)", re.I)
_ANY_LABEL = content_words("sign signs example part kind form type indication evidence symptom possible potential "
                           "important significant key positive negative step way something")


def _clinician_stems(source: SourceIndex) -> frozenset[str]:
    return frozenset(w for u in source.utterances if u.speaker and not is_client(u.speaker)
                     for w in content_stems(u.text))


def _said_stems(source: SourceIndex) -> frozenset[str]:
    return frozenset(content_stems(source.text))


def _label_words(label: str) -> list[tuple[str, str]]:
    """(the word as a flag names it, its stem) for each content word of a label beyond ``_ANY_LABEL``."""
    found: dict[str, str] = {}
    for word in words(label):
        shown = content_words(word)
        if shown and not shown & _ANY_LABEL:
            found.setdefault(next(iter(shown)), stem(word))
    return sorted(found.items())


def unsaid_clinician_labels(text: str, source: SourceIndex) -> list[str]:
    """The words of a name the sentence says the clinician gave that no clinician line says."""
    if not (source.utterances and source.utterances[0].speaker):
        return []
    said = source.once(_clinician_stems)
    unsaid = []
    for match in _LABELLED.finditer(text):
        unsaid += [w for w, stem_of in _label_words(match.group("label")) if stem_of not in said]
    # "which she described as a common tool for assessing the impact of MS" (68, of a questionnaire the
    # clinician called "the one about how much the thoughts and feelings get in the way"): a description
    # given to anyone is the speaker's words; mostly words nobody said, it is the model's.
    anyone = source.once(_said_stems)
    for match in _DESCRIBED.finditer(text):
        label = _label_words(match.group("label"))
        missing = [w for w, stem_of in label if stem_of not in anyone]
        if len(missing) * 2 > len(label):
            unsaid += missing
    return list(dict.fromkeys(unsaid))


LABEL_REMOVED = "label_removed"  # kept, flagged: the clinician's supposed reading was taken out, the report stays
# The reading added as a clause of its own at the end: ", which the clinician noted as ...".
_TRAILING = re.compile(r",\s*(?:which|what|something|and this|this)\s+(?:the\s+)?(?:clinician|therapist|counsell?or|he|she|they)\b"
                       r"[^.;!?]*"
                       r"(?=[.;!?]?\s*$)", re.I)


# The reading given as what the report was to the clinician or the session: ", which was a significant
# concern for the clinician", ", which was a trigger for the clinician", ", which were also goals for
# this session" (112, 91: nobody said "concern", "trigger" or "goal"; the small model closes a report so).
_FOR_CLINICIAN = re.compile(r",\s*which\s+(?:was|were|is|are)\s+(?:also\s+)?(?:(?:a|an|the)\s+)?(?P<label>[^,.;:!?]+?)\s+"
                            r"(?:for|to)\s+(?:the\s+(?:clinician|therapist|counsell?or)|(?:this|the)\s+session)"
                            r"(?=[.;!?]?\s*$)", re.I)


def _unsaid_reading_for_clinician(text: str, source: SourceIndex) -> tuple[str, list[str]] | None:
    match = _FOR_CLINICIAN.search(text)
    if match is None or not (source.utterances and source.utterances[0].speaker):
        return None
    said = source.once(_clinician_stems)
    unsaid = [w for w, stem_of in _label_words(match.group("label")) if stem_of not in said]
    return (text[:match.start()].rstrip() + (text[match.end():].strip() or "."), unsaid) if unsaid else None


def without_unsaid_labels(text: str, source: SourceIndex) -> tuple[str, list[str]]:
    """(text, words taken out): a trailing clause giving the clinician a reading no clinician line
    gives is cut ("a dry day on Tuesday, which the clinician noted as a trigger" -> "a dry day on
    Tuesday."; "..., which was a significant concern for the clinician" -> "..."); the report before
    it stays. A reading elsewhere in the sentence is left to withhold."""
    for_clinician = _unsaid_reading_for_clinician(text, source)
    if for_clinician is not None:
        return for_clinician
    unsaid = unsaid_clinician_labels(text, source)
    match = _TRAILING.search(text)
    if not unsaid or match is None or unsaid_clinician_labels(text[:match.start()], source):
        return text, []
    return text[:match.start()].rstrip() + (text[match.end():].strip() or "."), unsaid
