"""The SOAP part a model sentence belongs in, read from what it says (issue 16: "A fact appears once
in the note, in its right part"; the content standard says which part holds what).

A small model writes a sentence where it happens to be asked, not where a clinician would look for
it: "The client agreed to text her sponsor before Friday." in Subjective, "The clinician introduced
the worry postponement technique." in Assessment, "The client found the breathing exercise helpful."
in Objective. Each rule reads the sentence's grammatical subject and verb, outside quotes:

- to the Plan: what the client or clinician *will* do after this session (will, is going to,
  agreed to, plans to, committed to), the next session, homework for the coming week;
- to the Objective: what the clinician did in the session (used, introduced, taught, guided,
  practised, role-played, administered, reviewed ... with the client), or what the client was
  taken through in it ("was guided through", "was taught");
- to the Assessment: the client's response to the work or progress ("responded", "found the
  exercise helpful", "made progress"), from the Objective, or from the Subjective when the sentence
  places it in the session ("by the end of the session") rather than the client's week.

A sentence that fits none of these stays where it was written. Only the section changes (and, for a
report of a commitment, "The client reported that she will" reads "The client will" in the Plan);
the words and cited lines stay, and the caller's repetition checks run after the move, so a moved
sentence that repeats one already in its new part is dropped, never said twice.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.risk import is_client

MOVED_TO = "moved_to"  # flag "moved_to:plan" etc.: the review panel shows where the model had put it

_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
_CLIENT = r"(?:the client|client|she|he|they|the couple|both|the client and (?:her|his|their) \w+)"
_CLINICIAN = r"(?:the clinician|the therapist|the counsel(?:l)?or)"
# "By the end of the session, the client ...": a time phrase before the subject.
_LEAD = (r"^(?:(?:by the end of (?:the|this) session|at the end of (?:the|this) session|in (?:the |this )?session|during (?:the|this) session"
         r"|after the (?:exercise|practice|role-?play|exposure|experiment)|today|also|then),?\s+)?")
# A commitment for after the session. Not "would" (reported conditionals: "said it would feel
# strange"), nor a feeling about the future ("worried she will fail": the subject is not doing).
# "plans to" and "intends to" only for the clinician: the client's "plans to go back to work" is a goal
# (Subjective), the clinician's "plans to review the diary" is the Plan.
_NOT_DOING = r"(?!(?:feel|be|have|experience|need|likely|probably|not)\b)"
_FUTURE = r"(?:will|is going to|are going to|agreed to|has agreed to|have agreed to|committed to)\s+" + _NOT_DOING
_INTENDS = r"(?:plans? to|planned to|intends? to)\s+" + _NOT_DOING
_TO_PLAN = re.compile(
    rf"{_LEAD}(?:(?:{_CLIENT}|{_CLINICIAN}|{_CLINICIAN} and the client|the client and the clinician)\s+{_FUTURE}"
    rf"|{_CLINICIAN}\s+{_INTENDS}"
    rf"|(?:{_CLIENT})\s+(?:reported|said|stated|mentioned|explained)\s+(?:that\s+)?(?:she|he|they)\s+"
    rf"(?:will|is going to|are going to)\s+{_NOT_DOING}"
    r"|(?:the )?next (?:session|appointment|meeting)\b(?! was)"
    r"|(?:the )?homework (?:for (?:the coming|next) week|(?:given )?(?:is|will be))\b)", re.I)
# "The client reported that she will text ..." reads, in the Plan, "The client will text ...".
_REPORTED_FUTURE = re.compile(r"^(?:the client|client)\s+(?:reported|said|stated|mentioned|explained)\s+(?:that\s+)?"
                              r"(?:she|he|they)\s+(will|is going to|are going to)\s+", re.I)
_LOOKS_BACK = re.compile(r"\b(?:last (?:week|session|time)|previous (?:week|session)|from last|had (?:agreed|planned)"
                         r"|was to\b|were to\b|did not|didn't|had been)\b", re.I)
_DONE_IN_SESSION = re.compile(
    rf"{_LEAD}(?:{_CLINICIAN}(?: and the client)?|the client and the clinician)\s+(?:also\s+)?"
    r"(?:used|introduced|taught|guided|led|practi[sc]ed|role-?played|rehearsed|modell?ed|demonstrated|administered"
    r"|conducted|completed|facilitated|delivered|drew|mapped|walked the client through|reviewed|went through"
    r"|provided psychoeducation|offered psychoeducation|engaged the client in|applied)\b"
    rf"|{_LEAD}(?:{_CLIENT})\s+(?:was|were)\s+(?:taught|guided through|introduced to|shown|walked through|coached through|led through)\b",
    re.I)
_RESPONSE = re.compile(
    rf"{_LEAD}(?:{_CLIENT})\s+(?:also\s+)?(?:responded|appeared to benefit|benefited|benefitted|made progress|has made progress"
    r"|is making progress|showed (?:progress|improvement)|found (?:the|this|that|it)\b[^.]{0,60}\b(?:helpful|useful|calming)\b)"
    r"|^(?:the )?client's response to\b|\bprogress toward(?:s)? (?:the |her |his |their )?(?:treatment )?goals?\b", re.I)
_IN_SESSION = re.compile(r"\b(?:in (?:the|this|today's) session|during the session|by the end of the session"
                         r"|in session|after the (?:exercise|practice|role-?play|exposure|experiment))\b", re.I)
_REPORTING = re.compile(r"\b(?:reported|reports|said|says|stated|described|shared|mentioned|explained)\b", re.I)


def better_part(text: str, section: str, keys: dict[str, str | None]) -> tuple[str, str] | None:
    """(part, text) when the sentence belongs in another part than ``section``, else None.

    ``keys`` names the format's parts for "subjective", "objective", "assessment" and "plan" (None:
    the format has no such part, and no sentence moves there)."""
    outside = " ".join(_QUOTED.sub(" ", text).split())
    subjective, objective, assessment, plan = (keys.get(k) for k in ("subjective", "objective", "assessment", "plan"))
    if plan and section != plan and _TO_PLAN.search(outside) and not _LOOKS_BACK.search(outside):
        return plan, _REPORTED_FUTURE.sub(lambda m: "The client " + ("will" if m[1].lower() == "will" else m[1]) + " ",
                                          text, count=1)
    if objective and section in (subjective, assessment) and _DONE_IN_SESSION.search(outside):
        return objective, text
    if assessment and _RESPONSE.search(outside) and (
            section == objective or (section == subjective and _IN_SESSION.search(outside)
                                     and not _REPORTING.search(outside))):
        return assessment, text
    return None


# --- the client's week told in Objective (issue 16: Objective holds what the clinician observed, the
# measures, the work done in the room; never "Client reported ...") -----------------------------------
# "Jordan reported that he had been at his cousin's all day" (44): a report with the client's name as its
# subject, where the pronoun rule (``therapy_voice``) waits for "the client", "she" or "he".
_REPORT_VERB = (r"(?:also\s+)?(?:reported|reports|said|says|stated|states|described|describes|shared|mentioned|explained"
                r"|admitted|disclosed|told)\b")
_NAMED_REPORT = re.compile(r"^([A-Z][a-z]+)\s+" + _REPORT_VERB)
_NOT_A_NAME = {"Clinician", "Therapist", "Counsellor", "Counselor", "The", "This", "That", "Session", "Today", "It", "There",
               "Dr", "Doctor", "Measures", "Interventions"}
# A sentence that goes on from a report in the same model item ("He did not think about it.", "They had a
# wobble in March."): the client as subject, and nothing of the room (an observation, work done in it).
_CONTINUES = re.compile(r"^(?:the client|client|he|she|they)\b(?!'s)", re.I)
_OF_THE_ROOM = re.compile(r"^\S+(?: client)?\s+(?:appeared|seemed|looked|presented)\b|\b(?:observ\w*|noticed|practi[sc]ed|rehearsed"
                          r"|role-?played|rated|completed|was (?:taught|guided|shown|coached|led|asked|encouraged|invited)"
                          r"|in (?:the |this )?session|during the session|today|clinician|therapist)\b", re.I)


def named_report(text: str, source_text: str) -> bool:
    """True when the sentence opens with a name the session says (the client's, a parent's) and a
    reporting verb: what someone in the session reported, which Subjective holds."""
    match = _NAMED_REPORT.match(text.strip())
    return bool(match and match.group(1) not in _NOT_A_NAME and re.search(rf"\b{match.group(1)}\b", source_text))


def continues_report(text: str, report: str) -> bool:
    """True when ``text``, the next sentence of the same model item as ``report`` (a report moved out
    of Objective), goes on telling it: the client (or the report's own subject) does something
    outside the room."""
    outside = " ".join(_QUOTED.sub(" ", text).split())
    subject = report.split()[0] if report.split() else ""
    opens = _CONTINUES.match(outside) or (subject[:1].isupper() and subject not in _NOT_A_NAME
                                           and re.match(rf"{re.escape(subject)}\b(?!')", outside))
    return bool(opens) and not _OF_THE_ROOM.search(outside)


# --- the client's week told in Objective without a reporting verb ("The client had tried a breathing
# exercise twice, which helped a little."): the client as subject, a verb of doing or undergoing in the
# past, and only the client's own lines cited. Never what the room shows (appeared, rated, tearful),
# nor what the client did in the session's work (identified, agreed, rated) ----------------------------
_EXPERIENCE = re.compile(
    _LEAD + r"(?:the client|client|she|he|they|(?P<name>[A-Z][a-z]+))\s+(?:also\s+|then\s+|still\s+|only\s+)?"
    r"(?:had(?:n't| not)?\s+(?:also |just |not |never |nearly |already |only |finally |still |been |tried to |managed to )*\w+"
    r"|(?:was|were)(?:n't| not)?\s+(?:\w+ing|able|unable|too|up|out|off|awake|back|home|late)\b"
    r"|(?!(?:identified|acknowledged|recogni[sz]ed|expressed|agreed|engaged|participated|demonstrated|verbali[sz]ed|endorsed|denied"
    r"|declined|responded|answered|asked|chose|generated|rated|scored|completed|appeared|seemed|looked|presented|nodded|smiled"
    r"|laughed|cried|sighed|paused|spoke|arrived|attended|joined|reported|described|stated|explained|mentioned|shared|noted"
    r"|indicated|disclosed|admitted|confirmed|requested|needed|wanted|used|practi[sc]ed|rehearsed|role-?played|reviewed)\b)"
    r"(?:\w+ed|went|felt|found|got|made|took|kept|came|left|thought|knew|did|saw|slept|ate|drank|spent|began|lost|gave|heard|woke"
    r"|sat|stayed|drove|ran|fell|hid|forgot|bought|sent|rang|met|had)\b)", re.I)
_THE_ROOM = re.compile(r"\b(?:appeared|seemed|looked|presented|observ\w*|in (?:the |this |today's )?session|during (?:the|this) session"
                       r"|today|clinician|therapist|was (?:taught|guided|shown|coached|led|asked|encouraged|invited)|rated|scored"
                       r"|tearful|cried|crying|laughed|smiled|eye contact)\b", re.I)


def client_experience(text: str, evidence, source) -> bool:
    """True when ``text`` tells what the client did or went through, in the past and outside the
    room's work, and every line it cites (one at least; a clinician's question, and a clinician's line
    that shares no word with it, aside) is the client's: a report, which Subjective holds, though the
    model wrote no reporting verb."""
    outside = " ".join(_QUOTED.sub(" ", text).split())
    match = _EXPERIENCE.match(outside)
    if (not match or _THE_ROOM.search(outside) or _RESPONSE.search(outside)  # the response to the work: Assessment's
            or (match.group("name") and match.group("name") in _NOT_A_NAME)):
        return False
    # A clinician's question cited with its answer supports nothing itself: the answer does. Nor does a
    # clinician's line that shares no word with the sentence: a small model cites the whole exchange
    # ("Let us practise it together now ..." beside "I tried it twice, and it helped a little.").
    told = content_words(outside)
    cited = [u for u in (source.by_id.get(i) for i in evidence)
             if u is None or is_client(u.speaker) or (not u.text.rstrip().endswith("?") and content_words(u.text) & told)]
    return bool(cited) and all(u is not None and is_client(u.speaker) for u in cited)
