"""What was done in a therapy session, found by transparent rules rather than by the model: the
intervention approaches in the clinician's lines (stage-of-change cues in the client's are
``stage_of_change``'s).

Every finding names the transcript lines it rests on, so the clinician can check it. A finding is
a cue for the clinician ("scaling ruler used"), not a judgement the note asserts on its own.
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass
from typing import Sequence

from session_assistant.drafting import done_lexicon, therapy_lexicon
from session_assistant.drafting.goals_summed import goals_asked_together
from session_assistant.drafting.grounding import text_cache
from session_assistant.drafting.risk import CATEGORY_WORDS, is_client, is_clinician, scan_transcript, screening_categories
from session_assistant.drafting.risk_words import asked_words
from session_assistant.drafting.transcript_input import Utterance

# approach -> {technique: patterns}. Techniques are the words a clinician would write.
INTERVENTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "motivational interviewing": {
        "scaling ruler": (r"\bon a scale (?:of|from) (?:0|1|one|zero) to (?:10|ten)\b", r"\bhow (?:important|confident|ready) (?:is it|are you)\b",
                          r"\bthe rulers?\b[^?]{0,40}\b(?:importance|confidence|readiness)\b"),  # "when we did the rulers, you said importance ..." (47)
        "pros and cons": (r"\bpros and cons\b", r"\b(?:good|not so good|less good) things about\b", r"\bdownsides? of\b",
                          r"\bwhat do you (?:like|get out of|enjoy about)\b"),
        "eliciting change talk": (r"\bwhat would (?:be|make|it take)\b.*\b(?:different|better|change)\b",
                                  r"\bwhat (?:worries|concerns) you about\b", r"\bwhere does (?:that|this) leave you\b",
                                  r"\bwhy (?:might|would) you want to\b", r"\bwhat would you like to do\b",
                                  r"\bwhat (?:changes|would you) (?:are you|like to) (?:thinking|change)\b"),
        "reflective listening": (r"^(?:so )?it sounds like\b", r"\bwhat i'?m hearing\b", r"^so you(?:'re| are) (?:saying|feeling)\b",
                                 r"\bon the one hand\b", r"\bpart of you\b"),
    },
    "cognitive restructuring (CBT)": {
        "thought record": (r"\bthought (?:record|log|diary)\b",),
        "identifying automatic thoughts": (r"\bautomatic thoughts?\b", r"\bwhat (?:was|were) going through your mind\b",
                                           r"\bwhat thoughts? (?:came up|went through|did you have)\b"),
        "examining evidence": (r"\bevidence (?:for|against|that)\b", r"\bwhat'?s the evidence\b",
                               r"\banything\b[^.?]{0,30}\bthat doesn'?t fit\b", r"\bthe thought (?:said|says)\b"),
        "cognitive distortions": (r"\b(?:cognitive )?distortions?\b", r"\bcatastrophi\w+", r"\ball[- ]or[- ]nothing\b",
                                  r"\bmind[- ]reading\b", r"\bblack[- ]and[- ]white thinking\b"),
        "alternative thoughts": (r"\b(?:alternative|balanced|more helpful) (?:thought|way of (?:thinking|looking))\b",
                                 r"\breframe\w*", r"\bcore beliefs?\b",
                                 # Socratic questioning for another explanation: reattribution.
                                 r"\bwhat else could (?:explain|be going on|it mean)\b", r"\b(?:another|other|alternative) explanations?\b",
                                 r"\ba way of looking at it\b"),
    },
    "behavioural activation": {
        "activity scheduling": (r"\bactivity (?:schedul\w*|log|diary|monitoring|sheet|record|chart)s?\b", r"\bschedul\w* (?:some|an|one|a few|pleasant) activit",
                                r"\bpleasant activit\w*", r"\bbehaviou?ral activation\b", r"\bmastery and pleasure\b"),
        # Done more than named (``WEAK_TECHNIQUES``: two of these are the approach, one is talk).
        "inactivity cycle": (r"\b(?:when )?you do less\b", r"\bdoing less\b[^.?!]{0,60}\b(?:lower|worse|down)\b",
                             r"\b(?:cycle|loop|spiral) of (?:doing less|inactivity|withdrawal)\b"),
        "valued activities": (r"\b(?:one |a )?small things? you used to (?:do|enjoy|love)\b",
                              r"\bthings? you used to (?:do|enjoy|love)\b[^.?!]{0,40}\b(?:dropped|stopped|given up)\b",
                              r"\bsense of (?:pleasure|achievement|mastery)\b"),
        "activity monitoring": (r"\bafter (?:the|each|every) \w+\b[^.?!]{0,60}\bhow you felt\b",
                                r"\bhow (?:much )?you (?:enjoyed|felt)\b[^.?!]{0,30}\b(?:nought|zero|0) to (?:ten|10)\b"),
    },
    "exposure": {
        "exposure hierarchy": (r"\bexposure\b", r"\bfear (?:hierarchy|ladder)\b", r"\bhierarchy\b", r"\bSUDS\b",
                               r"\bsubjective units\b"),
        "response prevention": (r"\bresponse prevention\b", r"\bwithout (?:doing )?(?:the )?(?:ritual|compulsion|checking|washing)\b",
                                # the client asked to hold off the neutralising, as ERP asks ("you don't neutralise it")
                                r"\b(?:don'?t|do not|without|no|try not to|not to)\b[^.?!]{0,25}\bneutrali[sz]\w*"),
        "in-session rehearsal": (r"\b(?:practi[sc]e|rehearse|role[- ]?play)\b[^.?]*\b(?:right now|right here|with me as)\b",),
        # Sensations brought on on purpose, in the room (panic): a method on its own.
        "interoceptive exposure": (r"\binteroceptive\b", r"\b(?:make|bring on|create) (?:some of )?(?:those|these|the) (?:feelings|sensations) on purpose\b",
                                   r"\bbreathe? (?:just )?through (?:a|the) straw\b", r"\bspin(?:ning)? (?:round )?(?:in|on) (?:the|a) chair\b"),
        # Graded exposure done without its name (``WEAK_TECHNIQUES``: two of these are exposure).
        "fear ladder": (r"\b(?:fear|exposure|anxiety) ladder\b", r"\b(?:on|up|along|down) the ladder\b", r"\bladder step\b",
                        r"\bstep (?:\w+ )?(?:of|on) the ladder\b"),
        "distress ratings": (r"\bhow (?:anxious|scared|scary|frightened|afraid)\b[^.?!]{0,25}\b(?:(?:nought|zero|0) to (?:a )?(?:hundred|100|ten|10)|"
                             r"out of (?:a )?(?:hundred|100|ten|10))\b",),
        "staying with the fear": (r"\bstay(?:ing)? (?:with (?:it|the (?:fear|anxiety|feeling|\w+ty))|until (?:it|the (?:fear|anxiety)) "
                                  r"(?:comes down|halves|drops|goes down))\b", r"\buntil (?:it|the (?:fear|anxiety)) (?:comes down|halves|drops)\b"),
    },
    "DBT skills": {
        "TIPP": (r"\bTIPP\b", r"\bcold water (?:on|to) your face\b", r"\bpaced breathing\b",
                 r"\b(?:used|use|hold|held|holding) (?:the )?ice\b"),
        "opposite action": (r"\bopposite action\b",),
        "wise mind": (r"\bwise mind\b",),
        "distress tolerance": (r"\bdistress tolerance\b", r"\bradical acceptance\b", r"\bself[- ]sooth\w*", r"\bACCEPTS\b"),
        "emotion regulation": (r"\bemotion regulation\b", r"\bPLEASE skills?\b"),
        "check the facts": (r"\bcheck(?:ed|ing)?[- ]the[- ]facts\b",),
        "interpersonal effectiveness": (r"\bDEAR MAN\b", r"\binterpersonal effectiveness\b"),
        # A self-harm urge walked through link by link is a chain analysis, named or not.
        "chain analysis": (r"\bchain analysis\b", r"\b(?:go|walk) through\b[^.?]{0,30}\bstep by step\b",
                           r"\bwhen did the urge (?:show up|start|come)\b", r"\bprompting event\b", r"\b(?:do|did|doing) a chain\b",
                           r"\blinks? (?:in|of) the chain\b"),
        "solution analysis": (r"\bsolution analysis\b", r"\b(?:cut|break) the chain\b"),
        "cope ahead": (r"\bcope[- ]ahead\b",),
    },
    "psychoeducation": {
        "psychoeducation": (r"\bpsycho-?education\b", r"\bfight[- ](?:or|and)[- ]flight\b", r"\bit'?s (?:very )?(?:common|normal) (?:to|for)\b",
                            r"\b(?:let me|can I) explain\b", r"\b(?:the thing|what happens) with (?:ADHD|bipolar|PTSD|OCD|panic|depression|anxiety|trauma)\b",
                            r"^so,? with (?:ADHD|bipolar|PTSD|OCD|panic|depression|anxiety)\b", r"\bthe (?:cycle|way) (?:of )?(?:anxiety|depression|avoidance|panic)\b",
                            r"\b(?:anxiety|depression|trauma|alcohol|nicotine|drinking|smoking|low mood|stress|poor sleep)(?: on its own)?"
                            r" (?:can|tends to|affects|works)\b",
                            # feedback against a guideline ("The low-risk guideline is fourteen for the whole week.")
                            r"\b(?:low[- ]risk|recommended|safe) (?:drinking )?(?:guidelines?|limits?)\b",
                            r"\bresearch (?:shows|suggests)\b", r"\bthat'?s (?:a )?(?:really |very )?(?:common|normal) (?:worry|thing|reaction|feeling|fear|thought|experience)\b",
                            r"\ba lot of (?:people|new parents|parents|survivors) (?:have|get|feel|experience|notice|find)\b",
                            # normalising: "That's something a lot of people say.", "A lot of parents describe something like grief"
                            r"\b(?:a lot of|lots of|many) (?:people|new parents|parents|carers|families|survivors) (?:say|describe|go through|tell me|struggle with|worry about)\b",
                            r"\bwhat happens to (?:a lot of|many|most) people\b", r"\bit'?s a (?:trauma|stress|normal|natural) response\b",
                            r"\bwith (?:depression|anxiety|panic|trauma|PTSD|OCD|health anxiety),? there'?s\b") + therapy_lexicon.EXPLAINED,
        "safety behaviours": (r"\bsafety behaviou?rs?\b",),
    },
    "suicide risk assessment": {
        "ideation": (r"\b(?:thoughts? (?:of|about)|thinking about) (?:actually )?(?:suicide|killing yourself|ending your life)\b.*\?",
                     r"\bsuicidal (?:thoughts|ideation)\b.*\?"),
        "plan and intent": (r"\b(?:intention|intent) of acting\b", r"\bthought about (?:a )?(?:method|how)\b",
                            r"\bmade any plans?\b", r"\bany plan or intention\b", r"\bany plan\b[^.?!]{0,40}\?"),
        "past attempts": (r"\bin the past tried to (?:end your life|kill yourself)\b", r"\bprevious (?:suicide )?attempts?\b"),
        "access to means": (r"\b(?:access to|any) (?:firearms?|guns?|weapons?)\b", r"\bstockpiled\b",
                            r"\b(?:blades?|razors?|pills|tablets|medicines?|medications?)\b[^.?]*\b(?:around|at home|in (?:the|your) (?:house|room))\b"),
        "self-harm urges": (r"\burges? to (?:hurt|harm|cut)\b", r"\bdid you (?:hurt yourself|cut)\b"),
    },
    "safety planning": {
        "safety plan": (r"\bsafety plan\w*", r"\bcrisis (?:line|number|plan)\b", r"\b988\b", r"(?<!early )\bwarning signs\b",
                        r"\breasons for living\b", r"\bwho (?:could|can|would) you (?:call|reach out to)\b",
                        r"\b(?:lock|locked|put) (?:up|away) (?:the |your )?(?:pills|medications?|guns?|firearms?)\b"),
        "means restriction": (r"\bmaking your (?:environment|home) safer\b",
                              r"\b(?:rifle|guns?|firearms?|pills|medications?|blade)\b[^.?]*\b(?:away|locked|lock|somewhere else|"
                              r"to keep|give (?:it|them))\b"),
    },
    "mindfulness and grounding": {
        "mindfulness": (r"\bmindful\w*", r"\bbody scan\b", r"\bpresent moment\b", r"\bnotice (?:your|the) (?:breath|body|feet)\b"),
        "grounding": (r"\bgrounding\b", r"\b5-4-3-2-1\b", r"\bfive things you can (?:see|hear)\b"),
    },
    "relaxation and breathing": {
        "breathing exercise": (r"\b(?:deep|slow|belly|box|diaphragmatic) breath\w*", r"\bbreathing (?:exercise|technique)\b",
                               r"\bbreathe in for\b"),
        "progressive muscle relaxation": (r"\bprogressive muscle relaxation\b", r"\btense and (?:release|relax)\b"),
        "relaxation": (r"\brelaxation (?:exercise|technique|training|script)\b",),
    },
    # The interaction work of a couple (or family) session, in the terms couple therapists write
    # (Gottman, EFT): named only when two of them appear (``MIN_COUPLE_TECHNIQUES``). Not "repair
    # attempts": sessions name them as the work of next time ("We'll practise repair attempts", 06).
    "couple work": {
        "pursue-withdraw cycle": (r"\bpursue\w*[- ](?:and[- ])?withdraw\w*", r"\bpursuer\b"),
        "soft start-up": (r"\bsoft(?:ened|er)? start(?:[- ]?ups?)?\b", r"\bgentle start[- ]?ups?\b"),
        # The pattern spoken of as an "it" both face, not one partner's fault (IBCT).
        "unified detachment (the pattern named as shared)": (
            r"\b(?:it'?s|it is) (?:a|the) (?:cycle|pattern)\b", r"\bnobody (?:here |in (?:that|this) )?is the (?:villain|problem|bad guy)\b",
            r"\b(?:isn'?t|not) that one of you is the problem\b",
            r"\b(?:pattern|cycle)\b[^.?!]{0,40}\b(?:(?:you'?re )?both up against|we(?:'ve| have) been calling|we drew)\b"),
        "reflective listening": (r"\breflect back what\b", r"\bwhat did you hear (?:him|her|them) say\b",
                                 r"\bcan you (?:reflect|say) back\b"),
        "de-escalation": (r"\b(?:I want to|let'?s|let me)(?: all)?(?: just)? slow (?:it |this |things |us )?down\b",
                          r"\bcan you both take a breath\b", r"\bcan I slow (?:us|this|things|it) down\b"),
        # The partner told directly, not the therapist: an enactment.
        "enactment": (r"\b(?:could|can|would) you (?:say|tell) (?:that|it|this|him|her)\b[^.?!]{0,30}\?\s*not (?:to )?me\b",
                      r"\b(?:say|tell) (?:that|it|this) to (?:him|her|each other)\b", r"^tell (?:him|her) now\b"),
    },
    "homework review": {
        "homework review": (r"\b(?:last (?:week|session|time)|since we (?:last )?(?:met|spoke))\b.*\b(?:homework|practi[cs]e|diary|log|"
                            r"worksheet|record|exercise|assignment|tried)\b",
                            r"\bhow did (?:the|your) (?:homework|diary|log|worksheet|practice|exercise)\b",
                            r"\bdid you (?:get a chance to|manage to) (?:try|do|practi[cs]e|fill)\b"),
    },
}
INTERVENTIONS = done_lexicon.with_more_ways(INTERVENTIONS)  # the working phrases of sessions no rule writer had read (89-94)
_INTERVENTIONS = {a: {t: [re.compile(p, re.I) for p in ps] for t, ps in techs.items()} for a, techs in INTERVENTIONS.items()}
# Reflections and a 0-10 ruler are ordinary counselling (a safety plan asks "how confident, 0 to 10"
# too): MI is named only when two of its techniques appear, at least one of them MI's own (pros
# and cons, eliciting change talk, or a ruler of how important or ready a change is). A
# safety-plan session was once labelled MI on a confidence ruler and one "it sounds like".
MIN_MI_TECHNIQUES = 2
MIN_RISK_TECHNIQUES = 2
MIN_COUPLE_TECHNIQUES = 2
MI_OWN_TECHNIQUES = ("pros and cons", "eliciting change talk")
# Techniques that are ordinary words one at a time (a "how anxious, nought to ten?", "the ladder",
# "you do less"): an approach found only by these needs two of them.
WEAK_TECHNIQUES = {"exposure": {"fear ladder", "distress ratings", "staying with the fear"},
                   "behavioural activation": {"inactivity cycle", "valued activities", "activity monitoring",
                                              *done_lexicon.MORE_WEAK["behavioural activation"]},
                   "cognitive restructuring (CBT)": done_lexicon.MORE_WEAK["cognitive restructuring (CBT)"]}
MIN_WEAK_TECHNIQUES = 2
_CHANGE_RULER = re.compile(r"\bhow (?:important|ready)\b", re.I)

# How a sentence would name each approach. A model-written sentence may name an approach only when
# the rules above found it in the clinician's lines or the transcript says its name; the extra
# approaches have no detector, so only their name in the transcript evidences them.
APPROACH_NAMES: dict[str, str] = {
    "motivational interviewing": r"\bmotivational interviewing\b|\bMI\b",
    "cognitive restructuring (CBT)": r"\bcognitive restructuring\b|\bCBT\b|\bcognitive[- ]behaviou?ral\b",
    "behavioural activation": r"\bbehaviou?ral activation\b",
    "exposure": r"\bexposure\b|\bERP\b",
    "DBT skills": r"\bDBT\b|\bdialectical\b",
    "psychoeducation": r"\bpsycho-?education\b",
    "safety planning": r"\bsafety plan",
    "mindfulness and grounding": r"\bmindfulness\b",
    "relaxation and breathing": r"\bprogressive muscle relaxation\b|\brelaxation training\b",
    "EMDR": r"\bEMDR\b|\beye movement desensiti[sz]ation\b",
    "acceptance and commitment therapy (ACT)": r"\bacceptance and commitment\b|\bACT\b",
    "cognitive processing therapy": r"\bcognitive processing therapy\b|\bCPT\b",
    "solution-focused therapy": r"\bsolution[- ]focused\b",
    "emotionally focused therapy": r"\bemotionally focused\b",
    "psychodynamic therapy": r"\bpsychodynamic\b",
    **therapy_lexicon.WIDER_APPROACH_NAMES,
    **done_lexicon.DONE_APPROACH_NAMES,
    "couple work": r"\bcouples? (?:therapy|counsel+ing)\b|\bGottman\b",
}
# Acronyms ("MI", "ERP") match in capitals only ("mi" is not a name); words in any case.
_APPROACH_NAMES = {a: re.compile("|".join(alt if re.search(r"[A-Z]{2}", alt) else f"(?i:{alt})" for alt in p.split("|")))
                   for a, p in APPROACH_NAMES.items()}

@dataclass
class Intervention:
    approach: str
    techniques: list[str]
    evidence: list[int]

    def to_dict(self) -> dict:
        return asdict(self)


def detect_interventions(utterances: Sequence[Utterance]) -> list[Intervention]:
    """Approaches the clinician's lines show, each with its techniques and lines, in a fixed order.

    Read once per transcript (the note's checks and its rule lines both ask); a copy, callers may change it."""
    return copy.deepcopy(_detect_interventions(tuple(utterances)))


@text_cache(maxsize=4)
def _detect_interventions(utterances: tuple[Utterance, ...]) -> list[Intervention]:
    found: dict[str, dict[str, list[int]]] = {}
    for utt in utterances:
        if is_client(utt.speaker):
            continue
        for approach, techniques in _INTERVENTIONS.items():
            for technique, patterns in techniques.items():
                if any(p.search(utt.text) for p in patterns):
                    found.setdefault(approach, {}).setdefault(technique, []).append(utt.id)
    mi = found.get("motivational interviewing", {})
    by_id = {u.id: u for u in utterances}
    # "What would be different by Easter?" asked of a whole family is its goals, not change talk
    talk = [i for i in mi.pop("eliciting change talk", []) if i not in goals_asked_together(utterances)]
    if talk:
        mi["eliciting change talk"] = talk
    own = any(t in mi for t in MI_OWN_TECHNIQUES) or any(
        _CHANGE_RULER.search(by_id[i].text) for i in mi.get("scaling ruler", []))
    if len(mi) < MIN_MI_TECHNIQUES or not own:
        found.pop("motivational interviewing", None)
    for approach, weak in WEAK_TECHNIQUES.items():
        if approach in found and set(found[approach]) <= weak and len(found[approach]) < MIN_WEAK_TECHNIQUES:
            found.pop(approach)
    if len(found.get("couple work", {})) < MIN_COUPLE_TECHNIQUES or not _two_in_the_room(utterances):
        # One "let me slow us down" in a family session is not couple work; nor is "say that to her" in
        # an individual session's role-play, where the other person is not in the room.
        found.pop("couple work", None)
    _drop_means_of_others(found, utterances)
    # A risk assessment asks past the first question: one "any thoughts of suicide?" is a screening, and so is one
    # line asking two things ("have you thought about doing anything to end your life, or made any plans?", 53).
    assessed = found.get("suicide risk assessment", {})
    if len(assessed) < MIN_RISK_TECHNIQUES or len({i for ids in assessed.values() for i in ids}) < MIN_RISK_TECHNIQUES:
        found.pop("suicide risk assessment", None)
    found.update(_wider_found(utterances))
    order = ([a for a in INTERVENTIONS if a != "homework review"] + list(therapy_lexicon.WIDER_INTERVENTIONS)
             + list(done_lexicon.DONE_INTERVENTIONS) + ["homework review"])
    techniques = {**INTERVENTIONS, **therapy_lexicon.WIDER_INTERVENTIONS, **done_lexicon.DONE_INTERVENTIONS}
    return [Intervention(approach, [t for t in techniques[approach] if t in found[approach]],
                         sorted({i for ids in found[approach].values() for i in ids}))
            for approach in order if approach in found]


MEANS_CONTEXT_LINES = 4  # lines before a weapons question whose risk questions say whose means it asks about
_SOMEONE_ELSES = re.compile(r"\b(?:does|has|did|would|is) (?:he|she|they)\b|\b(?:his|her|their) (?:guns?|weapons?|rifles?)\b", re.I)


def _drop_means_of_others(found: dict[str, dict[str, list[int]]], utterances: Sequence[Utterance]) -> None:
    """Weapons asked about someone else ("Does he have access to any weapons?", 93) or right after questions
    on harming others alone (90; an intake's firearms question after suicide and others, 08, asks for both)
    are no means of suicide: not the suicide risk assessment's access to means."""
    assessment = found.get("suicide risk assessment", {})
    lines = [u for u in utterances if u.speaker]
    at = {u.id: n for n, u in enumerate(lines)}
    def of_others(i: int) -> bool:
        n = at.get(i, 0)
        asked = {c for u in lines[max(0, n - MEANS_CONTEXT_LINES):n] if not is_client(u.speaker) for c in screening_categories(u)}
        return bool(_SOMEONE_ELSES.search(lines[n].text)) or (bool(asked) and asked <= {"harm_to_others", "abuse"})
    kept = [i for i in assessment.get("access to means", []) if not of_others(i)]
    if "access to means" in assessment and not kept:
        del assessment["access to means"]
    elif kept:
        assessment["access to means"] = kept


def _two_in_the_room(utterances: Sequence[Utterance]) -> bool:
    """Two speakers besides the clinician (a couple, a parent and child), or speakers not named: a
    diarised recording's labels cannot tell, so it is left to the techniques."""
    named = {u.speaker.strip().lower() for u in utterances if u.speaker and u.speaker.strip()}
    others = {name for name in named if not is_clinician(name)}
    return len(others) >= 2 or not named


_SENTENCE = re.compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)\s+")


def _wider_found(utterances: Sequence[Utterance]) -> dict[str, dict[str, list[int]]]:
    """The wider lexicon's approaches with enough techniques in the clinician's sentences."""
    found: dict[str, dict[str, list[int]]] = {}
    for utt in utterances:
        if is_client(utt.speaker) or not utt.speaker:
            continue
        for sentence in _SENTENCE.split(" ".join(utt.text.split())):
            for approach, techniques in {**therapy_lexicon.COMPILED, **done_lexicon.DONE_COMPILED}.items():
                for technique, patterns in techniques.items():
                    if approach == "role-play" and therapy_lexicon.INTRODUCES.search(utt.text):
                        continue  # "I'm Sam. My job is helping families ...": the clinician's own name, no role taken
                    if any(p.search(sentence) for p in patterns):
                        ids = found.setdefault(approach, {}).setdefault(technique, [])
                        if utt.id not in ids:
                            ids.append(utt.id)
    return {a: t for a, t in found.items()
            if (done_lexicon.done_enough if a in done_lexicon.DONE_INTERVENTIONS else therapy_lexicon.enough)(a, set(t))}


# A risk screen is work done in the session, whoever's words it took ("Any thoughts of harming the baby,
# or yourself?"): a note documents that risk was asked about (issue 16). Named as a screen, with what
# was asked, when the clinician's lines do not show a fuller risk assessment; the finding (denied or
# endorsed) is the risk list's and the Assessment's, not said here.
RISK_SCREEN = "risk screen"


def risk_screen(utterances: Sequence[Utterance], found: Sequence[Intervention]) -> Intervention | None:
    """The screening questions the clinician asked and the client answered, as an intervention; None
    when there were none or ``found`` already holds the suicide risk assessment."""
    if any(i.approach == "suicide risk assessment" for i in found):
        return None
    clinician = {u.id: u for u in utterances if u.speaker and not is_client(u.speaker)}
    asked = [item for item in scan_transcript(utterances)
             if item.screened and len(item.evidence) > 1 and item.evidence[0] in clinician]
    # What the questions asked, not what an answer disclosed ("I've thought about cutting" to a question on suicide).
    topics = list(dict.fromkeys(asked_words(CATEGORY_WORDS.get(c, c), clinician[item.evidence[0]].text) for item in asked
                                for c in screening_categories(clinician[item.evidence[0]])))
    if not topics:
        return None
    return Intervention(RISK_SCREEN, [f"{', '.join(topics)} asked about"], sorted({item.evidence[0] for item in asked}))


def interventions_sentence(found: Sequence[Intervention]) -> str:
    # "psychoeducation (reasonable adjustments)": a technique named as its approach is not said twice
    parts = [a if not named else f"{a} ({', '.join(named)})" for i in found for a in [i.approach]
             for named in [[t for t in i.techniques if t != a]]]
    return "Interventions used in session: " + "; ".join(parts) + "."


# What one session shows but a treatment does not continue as its approach: screening, reviewing
# homework, one explanation, a rehearsal or a worked problem are parts of any approach.
NOT_CONTINUED = ("suicide risk assessment", RISK_SCREEN, "homework review", "psychoeducation", "role-play", "problem solving",
                 "behavioural experiment", "relaxation and breathing", "mindfulness and grounding", "CBT formulation",
                 *done_lexicon.DONE_NOT_CONTINUED)


# An approach the clinician's lines show once (one reframe in a relapse-prevention session) is a
# moment of the session, not the treatment's approach.
MIN_CONTINUED_LINES = 2


def continued_sentence(found: Sequence[Intervention]) -> str | None:
    """The Plan's planned interventions: the session's own approaches, to continue, for the clinician
    to confirm (a note's Plan names the interventions planned; most sessions continue the approach
    they used). None when the session shows no approach of its own."""
    names = [i.approach for i in found if i.approach not in NOT_CONTINUED and len(i.evidence) >= MIN_CONTINUED_LINES
             and not set(i.techniques) <= done_lexicon.NOT_CONTINUED_ALONE]
    if not names:
        return None
    return "Interventions planned, continuing this session's approach (clinician to confirm): " + "; ".join(names) + "."


CITED_NEAR = 3  # lines either side of an approach's evidence that a sentence naming it may cite


def unevidenced_approaches(text: str, found: Sequence[Intervention], transcript_text: str,
                           evidence: Sequence[int] = ()) -> list[str]:
    """Approaches ``text`` names that the session does not evidence: neither found by the rules in
    the clinician's lines nor named in the transcript. A note must never claim an intervention
    that was not used (a draft once named motivational interviewing in a safety-plan session).
    With ``evidence`` (the sentence's cited lines), an approach the rules found but not on or near
    any cited line counts too: the sentence would cite lines that do not show it (26: "The
    clinician used exposure ..." citing the mother leaving the room)."""
    used = {i.approach: i.evidence for i in found}
    def far(approach: str) -> bool:
        return bool(evidence) and all(abs(c - e) > CITED_NEAR for c in evidence for e in used[approach])

    # A slot's label ("Safety plan: Client could give ...") names the kind of line, not an approach claimed.
    claim = re.sub(r"^[A-Z][\w' -]{0,40}:\s", "", text)
    return [approach for approach, pattern in _APPROACH_NAMES.items()
            if pattern.search(text) and ((approach not in used and not pattern.search(transcript_text))
                                         or (approach in used and pattern.search(claim) and far(approach)))]

