"""A wider lexicon of standard psychotherapy techniques, for naming the approach a session used.

Why: the first lexicon (``session_facts.INTERVENTIONS``) was written beside the team's own first
twelve sessions and mostly waits for a clinician to say a technique's name ("thought record",
"exposure"). Clinicians who did not write those rules rarely name what they do: they say "I'm
having the thought that ...", "How's that worked, long term?", "I'll be Sam", "What made it high
risk?". These patterns are the ordinary working phrases of each approach as its manuals and
training teach them (ACT, IPT, CBT-I, relapse prevention, CBT for anger, assertiveness, problem
solving), not the wording of any one session.

An approach here is named only when the clinician's lines show at least ``MIN_TECHNIQUES`` of its
techniques (default two): one "willing to" or one "the window" is ordinary speech, two of an
approach's techniques are the approach. Never from the client's words alone (the caller passes the
clinician's lines). A technique that is a method on its own (a role-play) needs one.
"""

from __future__ import annotations

import re

from session_assistant.drafting.done_lexicon import with_more_ways

# approach -> {technique: patterns}. Techniques are the words a clinician would write in a note.
WIDER_INTERVENTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "acceptance and commitment therapy (ACT)": {
        "cognitive defusion": (r"\bdefus\w*", r"\bhaving the thought\b", r"\bthank your mind\b", r"\bleaves on a stream\b",
                               r"\byour mind(?:'s| is)? (?:gonna |going to )?(?:keep )?(?:says?|saying|tells?|telling)\b",
                               r"\b(?:just )?(?:as )?a thought,? not (?:a )?fact\b"),
        "values": (r"\bvalues?\b(?! of \d)", r"\bvalued (?:direction|action|living|life)\b", r"\bwhat matters (?:most )?to you\b",
                   r"\bcompass\b"),
        "acceptance and willingness": (r"\bwillingness\b", r"\bwilling to (?:have|feel|experience|make room|let|carry|sit with|allow)\b",
                                       r"\b(?:make|making|more) room for\b", r"(?<!radical )\bacceptance\b", r"\bwilling move\b",
                                       r"\bopen up to (?:the|that|it)\b"),
        "creative hopelessness": (r"\bcreative hopelessness\b", r"\bworkab\w+", r"\bhow(?:'s| has| does| did) (?:that|it|all that) worked\b",
                                  r"\b(?:tried|trying) to get rid of\b", r"\bstruggle switch\b", r"\bthe fight with the\b"),
        "present-moment contact": (r"\bdrop(?:ping)? (?:the |an )?anchor\b", r"\bfeet on the floor\b",
                                   r"\bnotice (?:your|the) (?:feet|breath|chair|body|sounds)\b"),
        "ACT metaphor": (r"\bpassengers\b", r"\bdriver of (?:a|the) bus\b", r"\btug[- ]of[- ]war\b", r"\bchessboard\b",
                         r"\bquicksand\b", r"\bstruggle switch\b"),
        "committed action": (r"\bcommitted action\b", r"\btowards? (?:your )?values\b", r"\b(?:towards?|away) moves?\b",
                             r"\bone (?:small )?(?:thing|step),?[^.?!]{0,30}\bfrom the (?:sheet|list|values)\b"),
    },
    "interpersonal psychotherapy (IPT)": {
        "role transition": (r"\brole transition\b", r"\b(?:old|new) role\b", r"\bgoing from\b[^.?!]{0,50}\bto being\b",
                            r"\bwhat you miss\b[^.?!]{0,40}\bwhat'?s new\b"),
        "role dispute": (r"\brole dispute\b", r"\b(?:role )?expectations? (?:of|for) each other\b"),
        "communication analysis": (r"\bcommunication analysis\b", r"\bwhat was said\b", r"\bwhat did you want to happen\b",
                                   r"\bwhat (?:came out|you said) was\b",
                                   r"\bwhat do you think (?:he|she|they) (?:heard|wanted|meant)\b", r"\bwhat did (?:he|she|they) say (?:back|then)\b",
                                   r"\bwhat did you want from (?:him|her|them|(?-i:[A-Z][a-z]+))\b", r"\bit came out as\b"),
        "interpersonal inventory": (r"\binterpersonal inventory\b", r"\bclosest (?:people|relationships)\b",
                                    r"\bdo you still (?:talk to|see|speak to) anyone\b", r"\bwho (?:else )?(?:do|could|can) you (?:talk to|lean on|turn to)\b"),
    },
    "CBT for insomnia (CBT-I)": {
        "sleep diary review": (r"\bsleep (?:diary|log)\b", r"\b(?:your )?time in bed\b", r"\bsleep efficiency\b"),
        "sleep restriction": (r"\bsleep (?:restriction|window|compression|scheduling)\b",
                              r"\b(?:set|keep|kept|stick to|extend|widen|move) (?:the|your) window\b",
                              r"^(?:so\.? )?the window\b"),
        "stimulus control": (r"\bstimulus control\b", r"\bbed (?:is|equals) (?:for )?sleep\b",
                             r"\b(?:get|got|getting) (?:out of bed|up) when you (?:can'?t|couldn'?t) sleep\b",
                             r"\bif you(?:'re| are) awake\b[^.?!]{0,60}\bget up\b", r"\bonly (?:go to bed|use the bed) when\b"),
        "sleep hygiene": (r"\bsleep hygiene\b", r"\bcaffeine\b", r"\bno clock[- ]watching\b", r"\bscreens? (?:before|in) bed\b"),
        "scheduled worry time": (r"\bworry (?:time|slot|period|list)\b", r"\bconstructive worry\b", r"\bwrite the worries down\b"),
    },
    "relapse prevention": {
        "lapse versus relapse": (r"\blapse\b", r"\babstinence violation\b"),
        "high-risk situations": (r"\bhigh[- ]risk\b", r"\brisky situations?\b"),
        "refusal skills": (r"\brefusal skills?\b", r"\bwhen someone (?:passes|offers|hands)\b", r"\bhow (?:would|could|will) you say no\b"),
        "urge surfing": (r"\burge surfing\b", r"\bsurf(?:ing)? the (?:urge|craving|wave)\b", r"\bride (?:it|the (?:urge|craving)) out\b"),
        "craving monitoring": (r"\bcraving (?:log|diary|record)\b", r"\bcravings?\b[^.?!]{0,40}\b(?:write|log|track)\b"),
        "cue avoidance": (r"\bdealer\b", r"\bthe (?:guy|person|people) you (?:used to )?(?:buy|bought|score|scored|get|got) from\b"),
    },
    "CBT for anger": {
        "anger log": (r"\banger (?:log|diary|journal|record)\b",),
        "anger cues": (r"\b(?:anger )?thermometer\b", r"\b(?:early|earlier) (?:warning )?signs\b", r"\bcatch it (?:lower|early|earlier)\b",
                       r"\bbody cues\b"),
        "time-out": (r"\btime[- ]?out\b",),
    },
    "assertiveness training": {
        "assertive communication": (r"\bassertive\w*", r"\bI[- ]statements?\b", r"\byou said (?:what you need|how (?:it|you) felt)\b",
                                    r"\bask(?:ing)? for what you need\b", r"\bwhat (?:would|do) you want to say to (?:him|her|them)\b"),
        "owning one's part": (r"\byou owned (?:your|it)\b", r"\byou named the problem\b"),
        # The scripted techniques the training teaches: repeat the request calmly; describe, express, specify, consequences.
        "broken record": (r"\bbroken record\b", r"\bDESC\b", r"\bdescribe,? express\b"),
    },
    "problem solving": {
        "generating options": (r"\bproblem[- ]solving\b", r"\bbrainstorm\w*", r"\bwhat (?:could|can) you do (?:instead|differently|around)\b",
                               r"\bwhat would you do different(?:ly)?\b", r"\bif you could replay it\b"),
        "barriers": (r"\bwhat gets in the way\b", r"\bwhat got in the way\b", r"\bwhat would make (?:that|it) (?:doable|easier)\b",
                     r"\bwhat'?s realistic\b", r"\bis that realistic\b"),
    },
    "behavioural experiment": {
        "behavioural experiment": (r"\bbehaviou?ral experiment\b", r"\btest (?:out )?(?:the|that|your) (?:prediction|belief)\b",
                                   r"\bwe (?:can|could) test (?:it|that|this)\b", r"\btest (?:it|that) out\b",
                                   # "What if this week we did a small experiment with the checking?"
                                   r"\b(?:an?|small|little|this|the) experiment\b",
                                   # named by what it tests: "then the breakfast experiment", "how did the lift experiment go?"
                                   r"\b(?:the|this|that|your) (?!same\b|whole\b|first\b)[a-z]+ experiment\b"),
    },
    # The maintaining cycle drawn for the client and two explanations set side by side (panic, health
    # anxiety, OCD): a CBT formulation, done more than named.
    "CBT formulation": {
        "formulation drawn": (r"\bformulation\b", r"\b(?:I'?m going to|can I|let me|I'?ll) draw (?:it|something|this|that|you|a|the)\b"),
        "vicious circle": (r"\bvicious (?:circle|cycle)\b", r"\bfeeds itself\b", r"\bround and round\b",
                           r"\bkeeps? (?:the|that|this) (?:circle|cycle|loop) going\b"),
        "Theory A/Theory B": (r"(?-i:\b(?:[Tt]heory|[Ii]dea|[Ee]xplanation) A\b)", r"(?-i:\b(?:[Tt]heory|[Ii]dea) B\b)"),
    },
    "trauma-focused therapy": {
        "imaginal exposure": (r"\bimaginal exposure\b", r"\brevisit(?:ing)? the memory\b", r"\bin the present tense\b",
                              r"\bhot ?spots?\b"),
        "in vivo exposure": (r"\bin vivo\b",),
        "stuck points": (r"\bstuck points?\b", r"\bimpact statement\b"),
        "CPT worksheets": (r"\bABC (?:sheet|worksheet)s?\b", r"\bchallenging (?:questions|beliefs)(?: worksheet)?\b",
                           r"\bpatterns of problematic thinking\b"),
        "trauma narrative": (r"\btrauma narrative\b", r"\bwritten (?:account|narrative)\b"),
    },
    # Narrative exposure therapy: the life laid out as a line with stones (the bad times) and flowers
    # (the good), each stone told slowly in the present tense.
    "narrative exposure therapy (NET)": {
        "lifeline": (r"\b(?:your|the|his|her) life ?line\b(?! (?:number|service|charity|call))", r"\b(?:stones?|flowers?) (?:you put )?on the line\b"),
        "stones and flowers": (r"\bput (?:a|the) (?:stone|flower)\b", r"\bstones and flowers\b", r"\bthe (?:big )?stone you put\b"),
        "narration in the present tense": (r"\bas if it(?: is|'s) happening (?:right )?now\b", r"\bin the present tense\b"),
    },
    "solution-focused therapy": {
        "miracle question": (r"\bmiracle question\b", r"\bif a miracle happened\b", r"\bwoke up tomorrow and the problem\b"),
        "exceptions": (r"\btimes? when (?:the problem|it) (?:wasn'?t|was less|didn'?t)\b", r"\bexceptions?\b"),
        "best hopes": (r"\bbest hopes\b", r"\bwhat'?s been (?:even a little )?better\b"),
    },
    "compassion-focused work": {
        "self-compassion": (r"\bself[- ]compassion\b", r"\bcompassionate (?:self|voice|letter|mind|image)\b",
                            r"\bwhat would you say to a (?:friend|good friend)\b", r"\bkinder (?:voice|way)\b"),
        "inner critic": (r"\b(?:inner|self-)critic\w*\b", r"\bcritical voice\b"),
        # Gilbert's formulation and exercises, as CFT manuals name them
        "three-systems formulation": (r"\bthree (?:circles|systems)\b", r"\b(?:threat|drive|soothing|soothe) (?:system|circle)\b",
                                      r"\btricky brain\b"),
        "soothing rhythm breathing": (r"\bsoothing[- ]rhythm\b", r"\bsoothing breath\w*"),
        "compassionate imagery": (r"\b(?:ideal )?compassionate (?:other|friend|image|imagery|colour|color|place)\b",),
    },
    # Schema work is done more than named: the critic (a mode) given a chair and answered from the
    # healthy adult's, a flashcard against the schema, imagery with the younger part.
    "schema therapy": {
        "schemas and modes": (r"\bschemas?\b", r"\b(?:vulnerable|angry|punitive) (?:child|parent)\b", r"\bhealthy adult\b",
                              r"\bmodes?\b(?= (?:work|shift|flip))", r"\b(?:the|your|demanding|punitive|inner) critic\b"),
        "chair work": (r"\bchair work\b", r"\b(?:two|empty)[- ]chairs?\b", r"\bgets a chair\b",
                       r"\b(?:go|come back to|switch to|move to) (?:sit (?:in|on) )?(?:this|that|the other|the empty) chair\b",
                       r"\bsay (?:it|that) to the chair\b"),
        "schema flashcard": (r"\bflash ?cards?\b",),
        "imagery work": (r"\bimagery\b", r"\brescript\w*"),
    },
    # EMDR's preparation phase: resources installed before any memory is processed.
    "EMDR": {
        "calm place resourcing": (r"\b(?:safe|calm|peaceful) place\b",),
        "container exercise": (r"\bcontainer\b", r"\bput (?:it|them) (?:away|in the (?:box|safe|container))\b"),
        "bilateral stimulation": (r"\bEMDR\b", r"\bbilateral\b", r"\bbutterfly hug\b", r"\beye movements?\b",
                                  r"\bI'?m going to tap\b", r"\bthe tapping\b"),
        "cue word": (r"\bcue word\b", r"\bword for (?:it|that|the \w+ place)\b"),
        "resource development": (r"\bresourc(?:e|ing) (?:installation|development)\b", r"\bresourcing\b"),
    },
    # Relapse prevention for mood episodes (or psychosis): the relapse signature and what to do.
    "relapse prevention planning": {
        "early warning signs": (r"\bearly warning(?: signs?)?\b", r"\brelapse signature\b", r"\bearly signs\b(?! card)"),
        # The written plan itself: a CBT ending's "blueprint", a relapse prevention sheet, an early signs card.
        "relapse prevention plan": (r"\bblueprint\b", r"\brelapse prevention (?:plan|sheet|work)\b", r"\bstaying well plan\b",
                                    r"\bearly signs card\b"),
        "action plan": (r"\baction (?:plan|part)\b", r"\bwhat'?s the (?:step|plan)\b"),
    },
    # Coaching for adult ADHD: tasks made startable, and working beside others.
    "ADHD coaching": {
        "task breakdown": (r"\bbreak (?:it|this|that|them|the task) (?:down|into)\b", r"\bbroken down\b",
                           r"\bthe first step\b", r"\bwhat'?s the first thing you'?d (?:actually )?have to do\b"),
        "body doubling": (r"\bbody doubling\b",),
        "planner routines": (r"\bplanner\b", r"\bthe big three\b", r"\blaunch pad\b"),
    },
    "behavioural parent training": {
        "labelled praise": (r"\blabell?ed praise\b", r"\bpraise (?:him|her|them) (?:for|when|straight)\b"),
        "special time": (r"\bspecial time\b", r"\bchild[- ]led play\b"),
        "planned ignoring": (r"\bplanned ignoring\b", r"\bignore (?:the )?(?:whining|tantrum|minor)\b"),
        "reward chart": (r"\b(?:reward|sticker|star|token) chart\b", r"\btoken (?:system|economy)\b"),
        "clear instructions": (r"\bwhen[- ]then\b", r"\b(?:calm|clear|short) (?:commands|instructions)\b"),
        "time-out": (r"\btime[- ]?out\b",),
    },
    "grief work": {
        "continuing bonds": (r"\bcontinuing bonds?\b", r"\bunsent letter\b", r"\bletter to (?:him|her|them|your \w+|(?-i:[A-Z][a-z]+\b))",
                             r"\bempty chair\b", r"\bwhat (?:you imagine )?(?:he|she|they)(?:'d| would| might) say(?: back| to you)?\b"),
        # each partner's way of grieving set side by side: "Sophie, you grieve by talking about her; Rob, ..."
        "grieving styles": (r"\byou grieve by\b", r"\bgriev(?:e|ing) (?:differently|in different ways)\b", r"\bgrieving styles?\b",
                            r"\b(?:different|opposite) (?:ways|things) (?:of grieving|to grieve|with the same (?:pain|loss))\b"),
        "dual process": (r"\bdual process\b", r"\b(?:loss|restoration)[- ]oriented\b", r"\bgrief (?:comes|moves) in waves\b"),
    },
    "CBT-E for eating disorders": {
        "regular eating": (r"\bregular eating\b", r"\bthree meals and (?:two|three) snacks\b"),
        "food monitoring": (r"\bfood (?:diary|record|log|monitoring)\b", r"\bmonitoring (?:sheet|record)\b"),
        "weighing and checking": (r"\bweekly weigh(?:ing|-in)\b", r"\bbody checking\b", r"\b(?:do|let'?s do) the weighing\b"),
    },
    "social rhythm therapy": {
        "mood chart review": (r"\bsocial rhythms?\b", r"\bmood chart\b", r"\b(?:early )?warning signs of (?:mania|hypomania|a high)\b"),
    },
    # Fatigue and pain: activity kept level day to day, not pushed on a good day and paid for after.
    "activity pacing": {
        "pacing": (r"\bpacing\b", r"\bpace (?:yourself|things|your (?:day|week|activit\w+))\b", r"\benergy envelope\b"),
        "boom and bust": (r"\bboom[- ](?:and[- ])?bust\b", r"\bcrash(?:ed|es)?\b", r"\bpush(?:ed|ing)? through\b"),
    },
    "habit reversal": {
        "habit reversal": (r"\bhabit reversal\b",),
        # its parts, as the clinician names them: a note lists which were done
        "awareness training": (r"\bawareness (?:training|part|bit|piece|step)\b",),
        "competing response": (r"\bcompeting response\b",),
    },
    # One role-play is the method: the clinician plays the other person so the client rehearses.
    "role-play": {
        "behavioural rehearsal": (r"\brole[- ]?play\w*", r"(?-i:\bI'?(?:ll| will) (?:be|play) (?:[A-Z][a-z]+\b|your (?:mum|mom|dad|boss|manager|partner|wife|husband|sister|brother|friend)))",
                                  r"(?-i:^(?:[Oo]kay, )?I'?m [A-Z][a-z]+\.)"),
    },
}
# More ways a clinician explains (``session_facts``' psychoeducation): a reaction said to be common after
# a loss, and the danger of stopping a drink (or a tablet) at once when the body depends on it.
EXPLAINED = (r"\b(?:is|are|that'?s) (?:really |very )?(?:common|normal) (?:after|when|for|in) (?:a |an )?(?:loss|bereavement|people|couples|parents"
             r"|someone (?:dies|has died|close dies))\b",
             r"\bstopp?(?:ing|ed)? (?:drinking )?(?:suddenly|all at once|cold turkey)\b[^.?!]{0,30}\b(?:dangerous|risky|unsafe|fits?|seizures?)\b")
# A clinician introducing themselves ("I'm Sam. My job is helping families ...", "I'm Priya, nice to meet
# you."): "I'm <name>." there is their own name, not a role taken in a role-play.
INTRODUCES = re.compile(r"\bmy (?:job|name|role) is\b|\b(?:nice|good|lovely) to meet\b|\bfirst time I'?ve met\b|\bI'?m (?:a|the|your) "
                        r"(?:therapist|counsell?or|psychologist|clinician|nurse|worker)\b", re.I)
MIN_TECHNIQUES = 2
MIN_BY_APPROACH = {"role-play": 1, "behavioural experiment": 1, "habit reversal": 1, "social rhythm therapy": 1}
# CBT-I is its two core components: a caffeine question and a sleep diary set at an intake are not it.
# Habit reversal is its name or its competing response: "the awareness part" alone is other talk too.
CORE_TECHNIQUES = {"CBT for insomnia (CBT-I)": {"sleep restriction", "stimulus control"},
                   "habit reversal": {"habit reversal", "competing response"}}

# How a sentence would name each of these approaches (a model sentence naming one is checked
# against the session's evidence, as ``session_facts.APPROACH_NAMES``).
WIDER_APPROACH_NAMES: dict[str, str] = {
    "interpersonal psychotherapy (IPT)": r"\binterpersonal (?:psycho)?therapy\b|\bIPT\b",
    "CBT for insomnia (CBT-I)": r"\bCBT-I\b|\bsleep restriction\b|\bstimulus control\b",
    "relapse prevention": r"\brelapse prevention\b",
    "CBT for anger": r"\banger management\b",
    "assertiveness training": r"\bassertiveness training\b",
    "trauma-focused therapy": r"\bprolonged exposure\b|\btrauma[- ]focused\b",
    "behavioural parent training": r"\bparent(?:ing)? training\b|\bPCIT\b",
    "schema therapy": r"\bschema therapy\b",
    "narrative exposure therapy (NET)": r"\bnarrative exposure\b|\bNET\b",
    "compassion-focused work": r"\bcompassion[- ]focused\b|\bCFT\b",
    "CBT-E for eating disorders": r"\bCBT-E\b|\benhanced cognitive\b",
    "CBT formulation": r"\b(?:CBT|cognitive) formulation\b",
}

WIDER_INTERVENTIONS = with_more_ways(WIDER_INTERVENTIONS)  # keys unchanged: the typed-slot enum stays as it was
COMPILED = {a: {t: [re.compile(p, re.I) for p in ps] for t, ps in techs.items()} for a, techs in WIDER_INTERVENTIONS.items()}


def enough(approach: str, techniques: set[str]) -> bool:
    """True when an approach of this lexicon shows enough of its techniques to be named."""
    core = CORE_TECHNIQUES.get(approach)
    return len(techniques) >= MIN_BY_APPROACH.get(approach, MIN_TECHNIQUES) and (core is None or bool(core & techniques))
