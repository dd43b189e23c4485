"""The words that find a referral the clinician named (whom to, the offer, its clause), and how the
Plan words it: an offer, or a duty to tell.

A duty asks no consent and offers nothing: "the surgery has to let the police firearms team know there are
concerns" (unseen 72) read "Referral offered", and a reader took it for an offer the client could decline."""

from __future__ import annotations

import re
from typing import Callable, Sequence

DUTY = re.compile(r"\b(?:I|we|the (?:surgery|practice|service|team|clinic)) (?:need to|needs to|have to|has to|must|"
                  r"am required to|is required to|'m required to) (?:tell|inform|notify|share|let)\b", re.I)
OFFERED_OPENING = "Referral offered, as said in session: "
DUTY_OPENING = "To be told, as the clinician said in session: "


def as_client(line: int) -> str:
    """Who answered, where nobody else of the client's side was in the room."""
    return "client"


def referrals_sentence(found: Sequence[tuple[str, str | None, list[int]]], who: Callable[[int], str] = as_client) -> str:
    """One Plan line for ``found`` (sentence, the answer or None, lines): offers first, then duties to tell."""
    groups = ((OFFERED_OPENING, [f for f in found if not DUTY.search(f[0])]),
              (DUTY_OPENING, [f for f in found if DUTY.search(f[0])]))
    return " ".join(opening + "; ".join(f'"{text}"' + (f' ({who(ids[-1])}: "{answer}")' if answer else "")
                                        for text, answer, ids in items) for opening, items in groups if items)


# A referral the clinician offered: someone or something outside this therapy, with an invitation.
REFERRAL_TO = re.compile(r"\b(?:doctor|physician|psychiatrist|prescriber|GP|Dr\.? [A-Z]\w+|(?:support|men's|women's|skills|"
                          r"peer|parent(?:ing)?|AA|12-step|bereavement|grief|carers'?|recovery) group|program(?:me)?|clinic|specialist|dietitian|nutritionist"
                          r"|(?:SMART Recovery|AA|NA|Al-Anon|12-step|recovery|support|peer) meetings?|physio(?:therapy|therapist)?"
                          r"|physical therapy"
                          # in other words (paraphrase test): "a colleague who runs ...", "the eating disorders service",
                          # "our intake team for the IOP", "a counsellor"
                          r"|colleague|services?|(?:intake|crisis|community|mental health|young (?:adults|people)'?s?) team|IOP"
                          r"|intensive outpatient|[Cc]ounsell?or"
                          # the people and services a therapist refers on to (therapy16t: 50's advisor, MARAC and
                          # children's services, 54's care team); invented wordings in the paraphrase test
                          r"|advis[eo]r|advocate|advocacy|IDVA|MARAC|care coordinator|social worker|health visitor"
                          r"|midwife|nurses?|caseworker|case worker|housing officer|team|occupational health"
                          # a group or charity named as one ("a stroke group", "the Stroke Association")
                          r"|(?<=\ba )[\w'-]+ groups?|[A-Z]\w+ (?:Association|Foundation|Society|Trust)"
                          # a school's or a service's safeguarding route, often a named member of staff told
                          # (unseen 60: "I need to tell Mrs Patel. She's our designated safeguarding lead.")
                          r"|safeguarding (?:lead|team|officer)|child protection|(?:Mr|Mrs|Ms|Miss)\.? [A-Z]\w+)\b")
# The clinician asking leave to act ("Would it help if I wrote to the fertility nurses?", "Could I refer
# you?", "Would you be willing for me to let her know ...?", unseen 102, 103, 109, 110).
_ASKS_TO_ACT = (r"would it help if I|would you (?:consider|like|want|be (?:open|willing) to) (?:a|the|that) referral|(?:shall|should|could|can|may) I (?:write|send|refer|contact|ring|let|pass|(?:call|ask) (?!you\b|about\b)"
                r"|(?:speak|talk) to (?!you\b))\b"
                r"|would you be (?:open|willing|happy|okay|ok) for me to")
OFFERS = re.compile(r"\b(?:" + _ASKS_TO_ACT + r"|would you be (?:open|willing) to|please (?:talk|speak) (?:to|with)|please (?:see|call|ask)|"
                     r"(?:I'd|I would) (?:also |still |really )?(?:like you to|recommend|suggest)|I can give you|I can refer|refer you|recommend (?:you|that)"
                     # Said in passing, as many clinicians do: "a good question for your doctor", "there's a recovery
                     # meeting online", "worth checking with your GP".
                     r"|(?:question|one) for your|there'?s (?:also )?(?:a|an|the) [^.?!]{0,30}(?:groups?|meetings?|program(?:me)?s?)|worth (?:you )?(?:checking|asking|mentioning)"
                     r"|I (?:wondered|was wondering) about"
                     r"|(?:would|could|will) you (?:bring it up with|mention it to|ask)"
                     # in other words (paraphrase test): "put you in touch with", "connect you with", "pass your details
                     # on to", "loop in your GP", "have a chat with your doctor", "would you consider", "I'd encourage you"
                     r"|put you in touch with|connect you (?:with|to)|link you (?:in |up )?with|pass (?:your details|you|your name) on to"
                     r"|loop in|(?:have )?a (?:chat|word|talk) with your|would you (?:consider|think about)"
                     r"|(?:I'd|I would) (?:encourage|advise) you"
                     # the clinician's own act of referring (therapy16t): "I'll make a referral to", "I'm referring
                     # you to", "let your GP know", "share this with", "I can ask the psychiatrist to see you"
                     r"|(?:I|we) (?:can|could|'ll|will|'d like to) (?:write|send a letter|send a note) to (?:your|the|her|him|them|Dr)"
                     r"|(?:make|making|put in|do|send) (?:a|the) referral|referring (?:you )?(?:on )?to"
                     r"|let (?:your|the|Dr\.?) [\w' ]{1,30}? know|(?:share|pass) (?:this|that|it|what you'?ve told me)(?: on)? (?:with|to)"
                     r"|(?:I|we)(?:'ll| will|'m going to| am going to| can| could) (?:also )?ask (?:the|your|Dr\.?|(?:him|her|them) to see you)"
                     r"|(?:I|we)(?:'ll| will|'m going to| am going to| have to| need to| must)? (?:also )?(?:have to |need to )?"
                     r"(?:tell|inform|notify) (?:the|your|Dr\.?|children's|social|(?:Mr|Mrs|Ms|Miss)\.? [A-Z]\w*)"
                     # a referral declined is documented as much as one made (unseen 56: "You don't want a referral
                     # to the memory service at the moment.")
                     r"|(?:don'?t|do not|didn'?t) want (?:a|the|any) referral)\b",
                     re.I)
ASKS_TO_ACT = re.compile(r"\b(?:" + _ASKS_TO_ACT + r")", re.I)
REFERRALS_MAX = 3  # 50 refers on to an advisor, a multi-agency meeting and children's services
REFERRAL_MAX_WORDS = 30


REFERS = re.compile(r"\b(?:(?:(?:I(?:'ll| will| can| could)?|we(?:'ll| will| can)?) refer you|(?:a|the) referral|referr(?:ing|ed) you)"
                     r"(?: on)? (?:to|for)|put you in touch with|let (?:your|the|Dr\.?) [\w' ]{1,30}? know"
                     r"|ask (?:him|her|them|the \w+|your \w+|Dr\.? \w+) to (?:see|review|call|ring) you)\b", re.I)
# "Then I'll see you here on Monday, alongside whatever the crisis team are doing.": the next visit,
# which names a service without referring anyone to it.
SEES_AGAIN = re.compile(r"\b(?:I|we)(?:'ll| will) see you\b", re.I)
# A question about the past offers nothing ("Did anyone ever put you in touch with a service before?").
ASKED_BEFORE = re.compile(r"^(?:did|has|had|have|was|were)\b[^?]*\b(?:ever|before|already)\b[^?]*\?$", re.I)


def referral_clause(sentence: str) -> str | None:
    """A referral said in a long sentence, cut to its clause ("Because of how serious this is, I want to
    refer you to a service with a specialist caseworker, who can help with ..." -> "I want to refer you to
    a service with a specialist caseworker"); None when even that is too long."""
    if len(sentence.split()) <= REFERRAL_MAX_WORDS:
        return sentence
    match = REFERS.search(sentence) or REFERRAL_TO.search(sentence)
    start = sentence.rfind(", ", 0, match.start()) + 1 if match else 0
    end = sentence.find(",", match.end()) if match else -1
    clause = sentence[start:end if end > 0 else len(sentence)].strip(" ,")
    clause = clause.rstrip(",;: ") + ("" if clause.endswith((".", "?", "!")) else ".")
    return clause if len(clause.split()) <= REFERRAL_MAX_WORDS else None


def with_whom(sentences: Sequence[str], named: str, clause: str | None) -> str | None:
    """The sentence before when only it names whom ("Dr Mensah might talk to you about it. ... I can ask
    her to see you this week."): the referral says who."""
    at = sentences.index(named) if named in sentences else 0
    before = sentences[at - 1] if at > 0 else ""
    if clause and before and not REFERRAL_TO.search(clause) and REFERRAL_TO.search(before) \
            and len((before + " " + clause).split()) <= REFERRAL_MAX_WORDS + 10:
        return before + " " + clause[0].upper() + clause[1:]
    # The sentence after, when it says who the person told is ("I need to tell Mrs Patel. She's our
    # designated safeguarding lead.")
    after = sentences[at + 1] if named in sentences and at + 1 < len(sentences) else ""
    if clause and _WHO_THAT_IS.match(after) and REFERRAL_TO.search(after) \
            and len((clause + " " + after).split()) <= REFERRAL_MAX_WORDS + 10:
        return clause + " " + after
    return clause


_WHO_THAT_IS = re.compile(r"(?:she|he|they)(?:'s| is| are|'re) (?:our|the|your|a|an)\b", re.I)
