"""The words of risk language, as tables: what ``risk`` reads in a line and in a clinician's question.

Kept apart from the reading (``risk``) so each list can be read whole: the idioms that share words
with risk language, passive death wishes, the phrases of each category, and what a screening
question asks about.
"""

from __future__ import annotations

import re

# A yes, a partial yes or a how often, as a client answers a screening question ("Sometimes.", "Once or
# twice.", "On and off."): ``risk`` reads it at the answer's start, ``risk_choice`` anywhere beside a hedge.
YES_OR_HOW_OFTEN = (r"yes|yeah|yep|yup|aye|sometimes|once|twice|occasionally|at times|lately|on and off|off and on"
                    r"|now and (?:then|again)|from time to time|every so often|a (?:little|bit|few times)|sort of|kind of"
                    r"|i have|i do")
# A count of times: "Three or four nights.", "a couple of times".
HOW_MANY = (r"(?:a few|(?:a )?couple of|several|one|two|three|four|five|six|seven|\d+)(?: or (?:two|three|four|five|six|seven|\d+))?"
            r" (?:times|nights|days|evenings|mornings|weeks)")

# Idioms that share words with risk language. A match of a risk rule that lies inside one of these
# spans does not count.
ORDINARY_SPANS: tuple[str, ...] = (
    r"\bcut(?:ting|s)? (?:back|down|out|off|up|corners|class(?:es)?|school|ties|costs?|hours|loose|it close|"
    r"(?:the |some |my |his |her |their )?(?:vegetables|onions|wood|grass|paper|hair|cake|lawn|carbs|sugar|"
    r"caffeine|coffee|budget|spending|expenses|meat|fat|calories|smoking|drinking|alcohol|cigarettes"
    # a dose tapered ("Worse since they started cutting the tablets", unseen 116)
    r"|tablets|pills|doses?|dosage|medication|meds|painkillers|opioids|codeine|co-codamol))",
    r"\bcutting (?:back|down)\b", r"\bkill(?:ing|ed)? (?:time|the (?:mood|lights|engine|vibe))\b",
    r"\b(?:that|this|it|the \w+) (?:test|exam|workout|run|day|week|commute|job|class|shift)? ?(?:killed|is killing|kills) me\b",
    r"\b(?:killed|killing|kills) me\b(?= (?:with|inside|to (?:wait|see)))", r"\bmy (?:back|feet|knees?|head) (?:is|are) killing me\b",
    r"\bdie of (?:embarrassment|shame|boredom|laughter)\b", r"\b(?:dying|die) (?:to|for) (?:see|try|know|go|meet|get|a)\b",
    r"\bdrop[- ]dead (?:gorgeous|beautiful|funny)\b", r"\bto die for\b", r"\bdead tired\b", r"\bdead (?:battery|end|line)\b",
    r"\b(?:alcohol|substance|drug|opioid|cannabis) abuse\b", r"\babuse of (?:alcohol|substances?|drugs)\b",
    r"\bhurt(?:s|ing)? (?:his|her|their|my|your|our) (?:\w+'s )?feelings\b", r"\bshoot (?:him|her|them|someone) (?:a|an) (?:text|message|email|note|line)\b",
    r"\b(?:it|that|this|something|reality|everything|what) (?:\w+ ){0,2}hits? me\b", r"\bbeat me (?:at|in|to)\b",
    # "I'll kill my brother at FIFA tonight" (81): beating someone at a game, said as a figure
    r"\b(?:kill|killed|killing|murder|murdered|destroy|destroyed|slaughter|slaughtered|thrash|thrashed) (?:you|him|her|them|me|"
    r"(?:my|his|her|our|your) \w+|[A-Z]\w+) (?:at|on|in) (?:fifa|cards|pool|darts|chess|draughts|scrabble|monopoly|uno|"
    r"football|tennis|golf|squash|snooker|bowling|bingo|the quiz|mario kart|fortnite|(?:the |a )?(?:\w+ )?(?:game|match|quiz))\b",
    # "googling dads who hurt their babies": a kind of person named, not a harm told of anyone
    r"\b(?:people|parents|dads|mums|moms|fathers|mothers|men|women|guys|those|ones) who (?:\w+ )?(?:hurt|harm|kill|abuse|attack)\w* \w+",
    r"\bneglected to\b", r"\bhurt myself (?:playing|lifting|running|at the gym|in the gym|skiing)\b",
    r"\boverdos\w* on (?:coffee|caffeine|sugar|chocolate|tv|netflix)\b",
    # "She'll kill me if I ask her more than that", "Mum'll kill me if I'm late": annoyance at a small
    # thing, a figure of speech ("he'll kill me if I leave" and any threat told as said stay abuse)
    r"\b(?:he|she|they|mum|mom|dad|my \w+)(?:'ll| will|'d| would|'s (?:going to|gonna)) (?:actually |literally )?kill (?:me|us)"
    r"(?= if (?:i|we) (?:ask|forget|(?:'m|am|are|'re) late|miss|spend|eat|break|lose|tell (?:her|him|them) (?:about|that)|"
    r"don'?t (?:tidy|clean|call|ring|text|finish|do)|use|buy|wake|bail|skip|cancel))",
    # the same, the small thing said first: "if I bail on my own sister's wedding she'll kill me" (unseen 108)
    r"\bif (?:i|we) (?:bail|miss|skip|cancel|forget|pull out|(?:'m|am|are|'re) late|don'?t (?:come|go|turn up|show))\b[^.?!]{0,60}?"
    r"\b(?:he|she|they|mum|mom|dad|my \w+)(?:'ll| will|'d| would) (?:actually |literally )?kill (?:me|us)\b",
    # Exasperation at a small thing done again: "if he does that one more time I swear I'll kill him" (the
    # thing unnamed, "that", said before; a threat that names a harm, "if he hits her again ...", stays)
    r"\bif (?:he|she|they|you|that \w+) (?:does|do|did|says|said|pulls|tries) (?:it|that|this)(?: (?:one|just one) more time| again"
    r"| once more)\b,?\s*(?:i (?:swear|promise),?\s*)?i(?:'ll| will|'m going to|'m gonna) (?:actually |literally )?"
    r"(?:kill|murder|strangle|throttle) (?:him|her|them|you)\b",
    # "I'm killing myself with this stuff" of drink or smoking: the habit's harm, said as a figure (pills
    # or a rope are no habit, and stay risk)
    r"\bkill(?:ing|s)? (?:myself|me) with (?:this|that|these|those|the|all (?:the|this|that)|my) (?:stuff|drink\w*|booze|"
    r"alcohol|wine|beer|vodka|smoking|cigarettes|fags|vap\w*|food|junk|sugar|work|hours)\b",
)

# Passive death wishes: endorsed suicidal ideation of the passive kind.
PASSIVE_SI: tuple[str, ...] = (
    # "I wish I wouldn't wake up"; told back in a note as "wishing they wouldn't wake up" (66's model sentence)
    r"\bwish(?:ed|ing)? (?:that )?(?:i|they|he|she) (?:(?:could|would)(?: just)? (?:not )?(?:go to sleep and not wake up|disappear|not be here|stop existing)|(?:could|would)(?: just)? not wake up|(?:wouldn'?t|didn'?t|did not|would not|couldn'?t|could not)(?: just)? wake up)\b(?!,? (?:so|too|at|early|late|before|until|in time|the|him|her|them|my|any|every))",
    r"\b(?:go to sleep|fall asleep) and (?:never|not) wake up\b", r"\bdon'?t (?:want|care if i) (?:to )?wake up\b",
    r"\bbetter off (?:dead|without me)\b", r"\b(?:want|wanted|wish|wished) (?:to be|i was|i were) dead\b",
    r"\b(?:what'?s|there'?s no|no) point (?:in |of )?(?:living|being alive|going on)\b", r"\b(?:want|wanted|wish) to disappear\b",
    r"\bwouldn'?t mind (?:if i )?(?:dying|not waking up|if i died)\b", r"\bno reason to live\b",
    r"\bif i (?:just |only |really |simply )?(?:wasn'?t|weren'?t|was not|were not) (?:here|around|alive)\b",
    # "if I just didn't wake up, it'd be easier on everyone": not waking told as a relief to others
    r"\bif i (?:just |only |simply )?(?:didn'?t|did not|never|don'?t|do not) (?:wake|woke) up,? (?:it'?d|it would|it'?ll|it will|"
    r"that'?d|that would|things would|everyone(?: would|'d)|they(?: would|'d)) (?:all )?be (?:so |much |a lot )?"
    r"(?:easier|better|simpler|fine|okay|ok|happier|a relief)(?! to)\b", r"\bthoughts? (?:about|of) not being (?:here|around|alive)\b",
    # "I think they'd all be better off.", "the kids would be better off"; not "better off in a bigger flat"
    r"\b(?:everyone|everybody|people|(?:my|the) (?:family|kids|children|wife|husband|girls|boys)|they)(?: would|'d) (?:all )?be"
    r" better off\b(?!,? (?:in|at|going|moving|staying|doing|knowing|learning|using|if|on|with (?:a|the|some|more|less))\b)",
    # "If I didn't wake up, fair enough.", "if I never woke up tomorrow I wouldn't mind": not waking told as acceptable
    r"\bif i (?:just |only |simply )?(?:didn'?t|did not|never) (?:wake|woke) up(?: tomorrow| one (?:day|morning))?,?"
    r" (?:fair enough|so be it|(?:i )?(?:wouldn'?t|would not) (?:mind|care)|i'?d not mind|(?:that'?s|that would be|that'?d be) (?:fine|okay|ok|alright|all right))",
    # the burden said plainly: "Everyone'd be fine without me", "they'd all be happier without me"
    r"\b(?:everyone|everybody|people|my family|my kids|they|she|he|mum|mom|dad)(?: would|'d) (?:all )?be (?:fine|okay|ok|happier|better)"
    r" without me\b(?!,? (?:at|for|in|on|tonight|today|this|next|while|until|when|there)\b)",  # "... at the party": spared a while
    # C-SSRS's "go to sleep and not wake up", said the ways people say it; "didn't wake up so early",
    # "hope I don't wake up the baby" are sleep talk.
    # "I'd not mind if I didn't wake up", "I would not mind if I never woke up"
    r"\b(?:wouldn'?t|would not|i'?d not) mind if i (?:(?:didn'?t|did not|never) wake up|never woke up)\b"
    r"(?!,? (?:so|too|at|early|late|before|until|in time|the|him|her|them|my)\b)",
    r"\bif i (?:went|go) to sleep and (?:that was it|that'?s it|didn'?t wake up|did not wake up|never woke up)\b",
    r"\bhope i (?:don'?t|do not|won'?t|never) wake up\b(?!,? (?:so|too|at|early|late|before|until|in time|the|him|her|them|my|any|every))",
    r"\b(?:wouldn'?t|would not) be (?:so |that |too )?bad if i (?:died|was dead|were dead|wasn'?t here|weren'?t here|didn'?t wake up)\b",
    r"\b(?:i'?d|i would) (?:much )?rather (?:just )?not (?:wake up|be here|be alive|be around|exist)\b",
    # "Maybe it is better if I sleep and I don't wake up." ("better if I don't wake up so early" is sleep talk)
    r"\b(?:better|easier) if i (?:\w+ ){0,5}?(?:don'?t|do not|didn'?t|did not|never|wouldn'?t|won'?t) wake up\b"
    r"(?!,? (?:so|too|at|early|late|before|until|in time|the|him|her|them|my|any|every))",
    # A wish to join someone who has died: "I'd just like to be where he is."
    r"\b(?:i'?d|i would|i) (?:just |really )?(?:like|want|wanted|wish|long) to (?:be|go) where (?:he|she|they) (?:is|are)\b",
    r"\b(?:join|be with) (?:him|her|them)(?: again)? (?:in heaven|up there|on the other side)\b",
)

# A blow told as done ("he pushed me", "she slapped her") or hands at the throat: abuse listed for the
# clinician, and written as "physical violence" (told_words).
_TOLD_ACT_WORDS = r"(?:pushed|shoved|slapped|punched|kicked|choked|strangled|grabbed|hit|beat|threw)\s+(?:me|her)\b"
_AT_THE_THROAT = (r"\bhands? (?:round|around|on) (?:my|her) (?:neck|throat)\b", r"\bby the throat\b")

RISK_RULES: dict[str, tuple[str, ...]] = {
    "suicidal_ideation": (
        r"\bdon'?t want to (?:live|be alive|be here)\b", r"\bnot wanting to (?:live|be alive|be here|be around|wake up)\b", *PASSIVE_SI, r"\bsuicid\w*",
        r"\bkill(?:ing)? (?:my|him|her|them|one)sel(?:f|ves)\b", r"\bend(?:ing)? (?:my|his|her|their|one'?s) li(?:fe|ves)\b",
        r"\bend(?:ing)? it all\b", r"\btake my (?:own )?life\b", r"\boverdos\w*", r"\b(?:want|wanted|wanting) to die\b",
        r"\bwish (?:i|that i) (?:could )?die\b", r"\brather be dead\b",
    ),
    "self_harm": (
        r"\bself[- ]?(?:harm|injur)\w*",
        r"\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|scratch|scratching)\s+(?:my|him|her|them)sel(?:f|ves)\b",
        r"\b(?:been|started|start|stopped|stop|still|keep|kept|urges? to|thought about|thinking about|relapsed(?: on| into)?|went back to)"
        r" (?:cutting|burning myself)\b", r"\bcut(?:ting)? (?:my|her|his|their) (?:arms?|wrists?|legs?|thighs?|skin)\b",
        r"\burges? to (?:cut|self[- ]harm|burn|hurt myself)\b",
        # The client's own disclosure, however broken up: "I cut. My arm." / "I've been cutting again."
        r"\bi(?:'ve| have)?(?: been)? (?:cut|cutting|burn|burning|burnt|burned)[.,;]?\s+(?:on |into )?(?:my|the tops of my) "
        r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b",
        r"\bi(?:'ve| have)? (?:been |started |start )?(?:cutting|burning) (?:again|myself)\b",
    ),
    "harm_to_others": (
        r"\b(?:kill|hurt|harm|attack|shoot|stab|strangle|throttled?)\s+(?:him|her|them|someone|somebody|people|anyone|"
        r"my (?:wife|husband|partner|boss|kids?|children|son|daughter|mother|father|mom|dad|brother|sister|neighbou?r))\b",
        r"\bhomicid\w*", r"\bviolent (?:thoughts?|urges?)\b",
        r"\bthoughts? of (?:hurting|harming|killing) (?:someone|anyone|others|other people|him|her|them)\b",
    ),
    "abuse": (
        r"\babus(?:e|ed|es|ing|ive|er)\b", r"\bhits? me\b", r"\bhit me\b", r"\bbeats? me\b", r"\bbeaten\b", r"\bmolest\w*",
        r"\brap(?:e|ed)\b", r"\bsexual(?:ly)? assault\w*", r"\bdomestic violence\b", r"\bchok(?:es|ed) me\b",
        # Violence from a partner told as what he or she did (or an interpreter's "he pushed her").
        r"\b(?:he|she|they)\s+(?:\w+\s+){0,2}?" + _TOLD_ACT_WORDS, *_AT_THE_THROAT,
        # A threat, told: "he said he will kill her"; never a fear ("I thought he was going to kill me", of a dog).
        # A child hurt ("had hurt the children"): the model wrote it of a father who never had (50).
        r"\b(?:hurt|hurts|hurting|hit|hits|hitting|beat|beats|beating|harmed|harming|smacked|slapped)\s+(?:the|their|her|his|my|our|your)\s+"
        r"(?:children|kids?|child|son|daughter|baby|babies|boy|girl)\b(?!'s)",
        r"\bthreat\w* to (?:kill|hurt) (?:me|her)\b", r"\b(?:he|she)(?: \w+)?(?:'ll| will) kill (?:me|her)\b",
        r"\b(?:said|says|told (?:me|her)|threatened)\b[^.?!]{0,40}\bkill (?:me|her|you)\b",
    ),
    "neglect": (
        r"\bneglect\w*", r"\bleft (?:alone|home alone) for days\b", r"\bno one (?:feeds|looks after)\b",
        r"\bwithout food\b",
    ),
}

# "Not since I was twenty.", "Not for years.": no now, a past told (``risk_told`` lists the past beside the no).
NOT_SINCE = r"not (?:since|for (?:years|ages|a (?:long|good) (?:time|while)|(?:\w+ )?(?:months|years)))"
# How a client's answer to a screening question begins when it denies, or says yes (or how often).
ANSWER_DENIES = re.compile(r"^\s*(?:no|nope|nah|never|not really|not at all|absolutely not|god,? no|definitely not|not anymore"
                     r"|nought|naught|zero|none|%s)\b|\b(?:never anything like that|no,? never)\b|"
                     r"\b(?:nothing like that|i would never|i'?d never|i wouldn'?t|i'?m not (?:suicidal|going to)|"
                     r"no thoughts|never had|i don'?t (?:have|think about|want to (?:hurt|harm|kill|die))|i'?m safe)\b" % NOT_SINCE, re.I)
# "Yes, sometimes. But I'd never do anything.": the thoughts endorsed, acting on them denied, what a note
# documents as ideation endorsed without intent; a yes taken back ("Yeah, no, ...") is no yes.
YES_THEN_NO_INTENT = re.compile(r"^\s*(?:yes|yeah|yep|aye|sometimes|i have|i do)\b(?!,?\s*no\b)[^?]*?"
                                r"\b(?:i'?d never|i would never|i wouldn'?t (?:do|act|go through)|i'?m not (?:going to|gonna)"
                                r" (?:do|act|try)|never act|not act)", re.I)
# "Last night, yes." says when, then yes (76): a few words of time before the yes still endorse.
ANSWER_AFFIRMS = re.compile(r"^\s*(?:(?:on |last |this |at |the )?[\w']+(?: [\w']+){0,2}, (?=yes\b|yeah\b))?"
                            r"(?:%s|maybe|honestly,? yes|"
                            # a questionnaire item's score above nought ("Um. One, I suppose."), a count ("Three or four nights.")
                            r"(?:um+|uh+|er+|erm)?[,.]?\s*(?:one|two|three|[123])(?=\s*(?:[,.!?]|$|i (?:suppose|guess|think)|probably|maybe))|"
                            r"%s)\b" % (YES_OR_HOW_OFTEN, HOW_MANY), re.I)

# What a clinician's screening question asks about, by category (checked on questions only).
SCREENING_TOPICS: dict[str, tuple[str, ...]] = {
    # "..., or that you wouldn't wake up?": the passive wish offered as an option of its own
    "suicidal_ideation": (r"\bthat you (?:wouldn'?t|would not|won'?t|might not) wake up\b", r"\bsuicid\w*", r"\bend(?:ing)? (?:your|their|his|her) li(?:fe|ves)\b", r"\bkill(?:ing)? yourself\b",
                          r"\b(?:better off )?dead\b", r"\bbetter off without (?:you|them|me)\b", r"\bnot (?:wanting to )?(?:be alive|be here|wake up|live)\b",
                          # "not wanting to be around" (anymore), not around people: that is company, not life
                          r"\bwish(?:ed|ing)? (?:that )?you (?:were dead|weren'?t (?:here|around|alive)|could (?:just )?disappear)\b",
                          r"\bnot (?:wanting to )?be around\b(?!,? (?:people|others|anyone|anybody|them|him|her|friends|family|\w+ (?:people|friends|family)))",
                          r"\b(?:thoughts?|thinking) (?:of|about) (?:death|dying)\b", r"\btake your (?:own )?life\b",
                          r"\bwant(?:ed|ing)? to die\b", r"\blife (?:is|isn'?t) worth living\b",
                          # asked, never told: "thoughts of not wanting to go on" (a client's "I can't go on like this" is no screen)
                          r"\b(?:not wanting|(?:do not|don'?t) want) to go on\b"),
    "self_harm": (r"\b(?:hurt|hurting|harm|harming|cut|cutting|injur\w*) (?:yourself|themselves)\b", r"\bself[- ]?(?:harm|injur)\w*"),
    "harm_to_others": (r"\b(?:hurt|hurting|harm|harming|kill|killing) (?:anyone|someone|others|other people|anybody)\b",
                       # "have you had thoughts of killing him?": the client's wish towards one person (never "he'll
                       # hurt her", asked about someone else).
                       r"\byou\b(?:(?!\b(?:he|she|they|he'?ll|she'?ll|they'?ll|he'?s|she'?s)\b)[^?.]){0,80}?"
                       r"\b(?:hurt|hurting|harm|harming|kill|killing|attack|attacking) (?:him|her|them)\b",
                       r"\b(?:thoughts?|urges?|ideas?) (?:of|about) (?:actually |really |ever )?(?:hurting|harming|killing|attacking) "
                       # "thoughts of actually hurting Danielle, or Mr. Kessler, or anyone involved?" (named, then anyone)
                       r"(?:him|her|them|(?!yourself\b|themselves\b|myself\b)[\w']+,? or (?:[\w.' ]{1,30},? or )?(?:anyone|anybody|someone|others))\b",
                       # "Have you ever hurt Dana, or anyone?", "any wishes to harm her?"
                       r"\b(?:hurt|harmed|attacked) [\w']+,? or (?:anyone|anybody|someone|others)\b",
                       r"\b(?:wish(?:es)?|wanting|wanted|want) to (?:hurt|harm|kill|attack) (?:him|her|them|anyone|someone)\b"),
    "abuse": (r"\b(?:feel|are you|is it) safe (?:at home|with (?:him|her|them|your \w+))\b", r"\b(?:hurting|hitting|threatening) you\b",
              r"\bhurt you\b", r"\b(?:hit|push|pushed|slap|slapped|chok(?:e|ed)|strangl(?:e|ed)|kick|kicked|grab|grabbed) you\b",
              r"\bthreaten(?:ed)? to (?:kill|hurt) you\b", r"\bhands? (?:round|around|on) your (?:neck|throat)\b",
              # a couple's routine screen: "has anything got physical between you, any pushing, ...?"
              r"\b(?:got|get|gets|gotten|become|became|turned) physical\b"),  # see PHYSICAL_ASKED
}

# A routine screen of a couple ("has anything got physical between you?") asks about violence; it names
# no abuse, and a note written "abuse asked about" says what nobody said (28's writer marked it wrong).
PHYSICAL_ASKED = re.compile(r"\b(?:got|get|gets|gotten|become|became|turned) physical\b", re.I)


# A push, a slap or hands at the throat, told: the note says "physical violence", what was said. Whether it
# is abuse is the clinician's finding: a mother's "he pushed her off the sofa" was her little boy and his
# sister, and "Client reported abuse" gave the note a safeguarding finding nobody had made.
TOLD_ACT = re.compile("|".join((r"\b" + _TOLD_ACT_WORDS, *_AT_THE_THROAT)), re.I)


# A threat asked about ("Has he ever threatened to kill you?" - "No. Not that."): the note says "threats to kill
# denied", not "abuse denied" beside the violence the same client told (93). A threat told keeps "abuse".
_THREAT = re.compile(r"\bthreaten(?:ed|ing)? to (kill|hurt) you\b", re.I)


def told_words(words: str, category: str, phrase: str) -> str:
    """A category's words for an item whose matched ``phrase`` was said: "abuse" told as an act is
    "physical violence", asked about as a threat "threats to kill" (or hurt)."""
    threat = _THREAT.search(phrase or "") if category == "abuse" else None
    if threat:
        return f"threats to {threat.group(1).lower()}"
    return "physical violence" if category == "abuse" and TOLD_ACT.search(phrase or "") else words


def asked_words(words: str, question: str) -> str:
    """A category's words as the note says them for ``question``: "abuse" asked as "got physical" is
    "physical violence"."""
    return words.replace("abuse", "physical violence") if PHYSICAL_ASKED.search(question or "") else words

# Who speaks for the clinician and who on the client's side, by transcript label.
CLINICIAN_SPEAKERS = {"clinician", "therapist", "counselor", "counsellor", "doctor", "dr", "provider", "interviewer",
                      "psychologist", "psychiatrist", "social worker", "nurse", "physician"}
CLIENT_SPEAKERS = {"client", "patient", "guest", "parent", "mother", "father", "partner",
                   # the client's side in a joint session: never the clinician's words (24's daughter, 07's teen)
                   "daughter", "son", "teen", "child", "sister", "brother", "wife", "husband", "spouse", "carer", "family",
                   # who comes with the client (81's support worker): "I'll tell the team ..." is no clinician's referral
                   "supporter", "support worker", "advocate", "key worker", "keyworker", "friend"}


# The idioms and negations the rules of risk.py leave out.
_ORDINARY = [re.compile(p, re.I) for p in ORDINARY_SPANS]
_NEGATION = re.compile(r"\b(?:not|never|no|nor|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|haven'?t|hasn'?t|isn'?t|aren'?t|"
                       r"wasn'?t|can'?t|denies|denied|without)\b", re.I)


def ordinary_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for rule in _ORDINARY for m in rule.finditer(text)]


def real_matches(pattern: re.Pattern, text: str, ordinary: list[tuple[int, int]]) -> list[re.Match]:
    # Overlap, not containment: in "been cutting back" the rule's words start before the idiom's.
    return [m for m in pattern.finditer(text) if not any(s < m.end() and m.start() < e for s, e in ordinary)]


def negated(text: str, match: re.Match) -> bool:
    """A negation in the same clause, a few words before the risk words ("I would never hurt myself")."""
    before = re.split(r"[.;!?]|,\s*but\b|\bbut\b", text[:match.start()])[-1]
    return bool(_NEGATION.search(" ".join(before.split()[-5:])))
