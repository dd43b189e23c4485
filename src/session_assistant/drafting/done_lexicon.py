"""What clinicians do without naming it, a third lexicon for the Objective's interventions line.

Why: on six sessions no rule writer had read (89-94) the interventions line named the approach in
one of six: the clinician rated a belief ("how sure were you that you'd pass out?"), brought the
dizziness on on purpose, rehearsed a rewritten nightmare, wrote plan B and plan C on a card, asked
"if those thoughts got stronger, what would you do?", asked the questions of a domestic abuse risk
checklist, and never said the approach's name. These are the working phrases of each approach as
manuals teach them, not the words of those sessions.

Two parts: ``MORE_WAYS``, further phrases for techniques the first two lexicons already have
(merged into them), and ``DONE_INTERVENTIONS``, approaches those lexicons lack. The new approaches
stay out of ``WIDER_INTERVENTIONS``: that list is the typed-slot request's enum, the model's
instructions, which this does not change. Every pattern is read in the clinician's lines only; an
approach needs ``DONE_MIN`` of its techniques (two unless said), as the wider lexicon's do.
"""

from __future__ import annotations

import re

# The double standard (Burns): the client asked what they would say to someone else in their place
# ("If your friend had been in that position, what would you say to her?", "What would you say to Dev, if
# he said that?"); not a reply rehearsed to the other person ("... if he said that to you again?").
PERSPECTIVE = "double-standard perspective-taking"
_OTHER = r"(?:him|her|them|(?-i:[A-Z][a-z]+))"
_KIN = r"(?:friend|sister|brother|mum|mom|mother|dad|father|daughter|son|colleague|partner|husband|wife|best friend|neighbour)"

# approach -> {technique: more patterns}, for approaches of ``session_facts.INTERVENTIONS`` and
# ``therapy_lexicon.WIDER_INTERVENTIONS``.
MORE_WAYS: dict[str, dict[str, tuple[str, ...]]] = {
    "motivational interviewing": {
        # The ruler's follow-ups: "What makes it a five and not a two?", "What would it take to get to a six?"
        "eliciting change talk": (r"\bwhat makes it (?:a |an )?\w+,? (?:and not|not|rather than) (?:a |an )?\w+\b",
                                  r"\bwhat would it take to (?:get|go|move) (?:up )?to (?:a |an )?\w+\b"),
    },
    "cognitive restructuring (CBT)": {
        "identifying automatic thoughts": (r"\bthe thought that (?:stopped|made|kept|told|said|went)\b",
                                           r"\b(?:come|go|get) back to (?:that|the|this) thought\b"),
        "examining evidence": (r"\b(?:the )?evidence (?:from|on the other side)\b",),
        PERSPECTIVE: (r"\bwhat would you (?:say|tell) (?:to )?" + _OTHER + r",? if (?:he|she|they|(?-i:[A-Z][a-z]+)) "
                      r"(?:said|thought|told you|felt|blamed (?:himself|herself|themselves))\b(?![^.?!]{0,25}\b(?:to you|again|back)\b)",
                      # the other in the client's place, not a reply to them rehearsed ("If your friend offers you a drink, what would you say?")
                      r"\bif (?:your|a) (?:good |close |best )?" + _KIN + r"\b[^?]{0,100}\b(?:position|place|shoes|situation|the same (?:thing|decision|choice)"
                      r"|blamed (?:himself|herself|themselves)|felt (?:like|that)|thought (?:that|she|he|they))\b[^?]{0,80}\bwhat would you (?:say|tell)\b",
                      r"\b(?:in|into) (?:that|your|the same|her|his|their) (?:position|place|shoes|situation)\b[^?]{0,80}\bwhat would you (?:say|tell)\b",
                      # "What would you say to someone in the group who'd done ...?" (not "to a friend": compassion work's own question)
                      r"\bwhat would you (?:say|tell) (?:to )?(?:someone|somebody)(?: else)? (?:in (?:your|that|the same|the group)\b|who(?:'d| had| did| was)\b)"),
        # A thought's or a prediction's belief rated: "How much do you believe that now?", "How sure were you that you'd pass out?"
        "belief ratings": (r"\bhow (?:sure|certain) (?:were|are) you that (?:you'?d|you would|it would|it'?d|something would)\b",
                           r"\bhow much do you (?:still |really )?believe\b"),
    },
    "exposure": {
        # Sensations brought on on purpose (panic): spinning, running on the spot, breathing through a straw.
        "interoceptive exposure": (r"\b(?:bring|brings|bringing|make|making) on (?:the |those |these |that |your |some )?[a-z ]{0,20}"
                                   r"(?:dizz\w+|sensations?|feelings?|symptoms?|breathless\w*|heart\w*)\b[^.?!]{0,20}\bon purpose\b",
                                   r"\b(?:body|physical)[- ]sensation (?:exercises?|work)\b",
                                   r"\b(?:do|doing|try|did) the spinning\b",  # not "when did the spinning start?" (vertigo)
                                   r"\bspin (?:for|round|around) (?:\w+ )?(?:seconds|times)\b"),
    },
    "psychoeducation": {
        "psychoeducation": (r"\b(?:the |a )?pattern we see (?:a lot|often|all the time)\b", r"\binto threat mode\b",
                            r"\bthe alarm (?:goes off|is set|system)\b",
                            # "That's your body keeping you safe.", "that's your nervous system calming down"
                            r"\b(?:that'?s|it'?s) your (?:body|brain|nervous system)(?:'s)? (?:keeping you safe|trying to (?:keep you safe|protect you)|"
                            r"protecting you|calming down|way of)\b",
                            r"\b(?:one of the|the) (?:strongest|biggest|clearest) (?:signs|warning signs|risk factors|predictors)\b",
                            r"\b(?:really |very )?common (?:for|in|among) (?:\w+ )?(?:people|adults|children|veterans|survivors)\b",
                            r"\b(?:functional|dissociative|non-epileptic) seizures (?:are|happen)\b",
                            r"\b(?:panic attacks|flashbacks|nightmares|intrusive thoughts|cravings) (?:are|can be) (?:real|common|normal|harmless|"
                            r"not dangerous)\b"),
        "reasonable adjustments": (r"\breasonable (?:adjustments?|accommodations?)\b",),
    },
    # Asked in the words of a passive wish, or of "doing anything" to end it, and tablets saved: a risk assessment too.
    "suicide risk assessment": {
        "ideation": (r"\blife (?:isn'?t|is not|wasn'?t|was not) worth living\b.*\?",
                     r"\b(?:thought|thinking) about (?:doing )?(?:anything|something) to end your life\b.*\?"),
        "access to means": (r"\b(?:saved|saving) up (?:any )?(?:tablets|pills|medication|medicines?)\b",),
    },
    "safety planning": {
        # A crisis line given, and what to do if the thoughts got stronger: the plan's last steps, made or not.
        "crisis contacts": (r"\bSamaritans\b", r"\bif (?:those|these|the) (?:thoughts|feelings|urges) (?:got|get|became|become|were) (?:stronger|worse)\b"),
    },
    "mindfulness and grounding": {
        "grounding": (r"\b(?:name|find|notice|say) (?:five|5) things\b", r"\bfeet (?:flat )?on the floor\b"),
    },
    "behavioural activation": {
        # Done more than named (weak techniques there: two of them are the approach).
        "daily routine": (r"\bhow (?:have|are|were) your days\b", r"\b(?:get|getting) up by (?:\w+|\d+)\b"),
        "graded steps": (r"\b(?:a |one )?small step\b", r"\bjust (?:ten|five|fifteen|twenty|\d+) minutes\b"),
    },
    "problem solving": {
        # "If you get in and the corner desk is taken, what could you do?" (not "if you feel in danger": a safety plan's step)
        "generating options": (r"^(?:so,? |okay,? |right,? )?if (?:you|the|it|that|they|someone|he|she)\b"
                               r"(?![^?]*\b(?:danger|unsafe|safe|hurt|harm|thoughts|urges?)\b)[^?]{3,80},? what (?:could|can|would) you do\?",),
        "contingency plans": (r"(?-i:\bplan [BC]\b)", r"\b(?:back-?up|fallback|contingency) plan\b", r"\bplanning for the (?:bad|worst)\b"),
    },
    "CBT for anger": {
        "anger cues": (r"\b(?:rate|rating) (?:the|your) anger\b",),
    },
    "relapse prevention": {
        # The lapse drawn out link by link, the drink "the end of a chain, not the start".
        "chain analysis": (r"\bfunctional analysis\b", r"\b(?:the )?(?:end|start) of a chain\b", r"\bchain of (?:events|decisions)\b"),
    },
}

# Techniques of ``MORE_WAYS`` that are ordinary words one at a time (``session_facts.WEAK_TECHNIQUES``).
# A belief rated alone is no restructuring: compassion-focused work and exposure rate beliefs too (41, 37).
MORE_WEAK = {"behavioural activation": {"daily routine", "graded steps"}, "cognitive restructuring (CBT)": {"belief ratings"}}

DONE_INTERVENTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    # Nightmares: the dream rewritten and the new version rehearsed each day (Krakow's IRT).
    "imagery rehearsal therapy (IRT)": {
        "nightmare rescripting": (r"\bimagery rehearsal\b", r"\bnew (?:version|ending) (?:of|to|for) (?:the|your|that) (?:dream|nightmare)\b",
                                  r"\b(?:rewrite|rewriting|rewrote|rescript\w*) (?:the|your|that|a) (?:dream|nightmare)\b",
                                  r"\b(?:write|wrote) a (?:new )?script for (?:it|the dream|the nightmare)\b", r"\bthe new script\b"),
        "daily rehearsal": (r"\brehears\w*\b[^.?!]{0,50}\b(?:dream|nightmare|script)\b",),
        "nightmare log": (r"\bnightmare (?:log|diary|record)\b",),
    },
    # A written card to read when anxious (plan B, what to say, a balanced thought): one is the method.
    "coping card": {
        "coping card": (r"\bcoping cards?\b", r"\b(?:write|put) (?:it|them|that|this|those)(?: down)? on a (?:card|flashcard)\b"),
    },
    # The questions of a domestic abuse risk checklist (DASH): three or more of its markers asked.
    "domestic abuse risk assessment": {
        "escalation": (r"\b(?:getting|got) worse,? or (?:happening )?more often\b", r"\bhappening more (?:often|frequently)\b"),
        "threats to kill": (r"\bthreaten(?:ed)? to kill you\b",),
        "strangulation": (r"\b(?:hands? (?:on|round|around) your (?:throat|neck)|strangl\w*|chok(?:ed|ing) you)\b",),
        "fear of the partner": (r"\bare you (?:frightened|afraid|scared) of (?:him|her|them|what (?:he|she|they) might do)\b",),
        "separation": (r"\b(?:thinking about|thought about|planning (?:on|to)) leaving\b", r"\bany idea you might\b"),
        "weapons": (r"\b(?:access to|have) any weapons\b",),
        "risk checklist": (r"(?-i:\bDASH\b)", r"\brisk (?:checklist|identification checklist)\b"),
    },
    # What stays private and when it cannot (a child at risk): a note records that it was explained.
    "limits of confidentiality explained": {
        "limits of confidentiality explained": (r"\blimits? (?:of|to) confidentiality\b", r"\bsomething about confidentiality\b",
                                                r"\bstays? between us\b[^.?!]{0,40}\b(?:except|exception|unless)\b"),
    },
    # A relative or friend the client worries may be suicidal: the client told to ask them plainly (asking does
    # not plant the idea) and where to turn if the answer is yes (suicide-prevention training's two steps).
    "guidance on supporting a person at risk": {
        "asking directly about suicide": (r"\bask(?:ing)? (?:him|her|them|someone|somebody|a person|people)\b[^.?!]{0,30}\b(?:directly|plainly|straight out"
                                          r"|outright)\b",
                                          r"\b(?:doesn'?t|does not|won'?t|will not) put (?:the )?(?:idea|thought)s? (?:in|into) (?:their|his|her|someone'?s|a person'?s) head\b"),
        "emergency routes": (r"\bif (?:he|she|they)(?:'s| is| are|'re)? (?:ever )?(?:in (?:immediate )?danger|says? yes|tells? you)\b[^.?!]{0,80}"
                             r"\b(?:999|911|112|emergency|A&E|ambulance)\b",
                             r"\b(?:he|she|they) (?:could|can|should) (?:ring|call|contact|text) (?:the )?(?:Samaritans|(?:his|her|their) GP|111|a crisis line)\b"),
    },
    # Couple work done more than named: a structured turn-taking exercise (one holds the floor, the other
    # says back what was heard), and the graded touch programme after sexual difficulties (Masters and Johnson).
    "couple communication skills": {
        "speaker-listener technique": (r"\bspeaker[- ]listener\b", r"\b(?:has|have|holds?|holding) the floor\b",
                                       r"\bsay back what (?:you|they|he|she) (?:heard|hear)\b"),
    },
    "sensate focus": {
        "sensate focus": (r"\bsensate focus\b", r"\b(?:take|taking|took) (?:intercourse|sex) off the table\b",
                          r"\bnon-?demand(?:ing)? touch\w*", r"\btouching exercise\b"),
    },
    # Cognitive therapy for PTSD: the worst moment relived and updated with what the client knows now.
    "trauma memory updating": {
        "hotspot updated with what is known now": (r"\b(?:bring in|tell yourself|remind yourself|add)\b[^.?!]{0,20}\bwhat you know now\b",
                            r"\bupdat\w* (?:the|that|your) (?:memory|hot ?spots?|worst moment)\b"),
    },
}
DONE_MIN = {"coping card": 1, "limits of confidentiality explained": 1, "domestic abuse risk assessment": 3,
            "couple communication skills": 1, "sensate focus": 1, "trauma memory updating": 1}
# A risk checklist asks about the partner: fear or threats or a hand at the throat, not only weapons and leaving.
DONE_CORE = {"domestic abuse risk assessment": {"threats to kill", "strangulation", "fear of the partner", "risk checklist"}}
# One session's moments, not an approach a treatment continues (``session_facts.NOT_CONTINUED``).
DONE_NOT_CONTINUED = ("coping card", "domestic abuse risk assessment", "limits of confidentiality explained",
                      "guidance on supporting a person at risk")

# Techniques that alone show no approach to continue: a crisis line given at an intake is no safety planning to carry on.
NOT_CONTINUED_ALONE = {"crisis contacts"}

# How a model sentence would name each (checked against the session's evidence, as ``session_facts.APPROACH_NAMES``).
DONE_APPROACH_NAMES: dict[str, str] = {
    "imagery rehearsal therapy (IRT)": r"\bimagery rehearsal\b|\bIRT\b",
}

DONE_COMPILED = {a: {t: [re.compile(p, re.I) for p in ps] for t, ps in techs.items()} for a, techs in DONE_INTERVENTIONS.items()}


def with_more_ways(lexicon: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, dict[str, tuple[str, ...]]]:
    """``lexicon`` with ``MORE_WAYS``' phrases added to its approaches' techniques (new techniques last)."""
    merged = {a: dict(techs) for a, techs in lexicon.items()}
    for approach, techniques in MORE_WAYS.items():
        if approach in merged:
            for technique, patterns in techniques.items():
                merged[approach][technique] = merged[approach].get(technique, ()) + patterns
    return merged


def done_enough(approach: str, techniques: set[str]) -> bool:
    core = DONE_CORE.get(approach)
    return len(techniques) >= DONE_MIN.get(approach, 2) and (core is None or bool(core & techniques))
