"""The symptoms of the chart's working diagnosis that the client spoke of in the session, for the
Assessment (issue 16: "symptoms and working diagnosis": the note links what was reported to the
diagnosis it is treating, and a payer reads the diagnosis as still supported).

Each diagnosis family carries its symptom areas as a clinician would list them (ICD-10/DSM-5
criteria in everyday words: depression's low mood, loss of interest, sleep, appetite, energy,
concentration, guilt; anxiety's worry, restlessness, tension; PTSD's intrusions, avoidance, being on
guard; grief's yearning, guilt and avoidance of reminders; an adjustment's anger and self-blame;
persistent pain's pain, sleep, mood, fear of the pain and boom-and-bust activity ...), each with the
words clients use for it. A symptom area is named only when a client line
uses those words, not negated ("my appetite's fine" names nothing), and never from a risk line (the
risk lines say those). The line names the areas, not the client's sentences (the Subjective quotes
them); its evidence is the client's lines.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.transcript_input import Utterance

# Sleep as a complaint, not any sleep ("then I went to sleep", "the session about sleep").
_SLEEP = (r"(?:can'?t|couldn'?t|not|trouble|struggl\w+ to|hardly) (?:get to |getting to )?sleep\w*|insomnia|awake at|(?:lie|lying|lay) awake"
          r"|wak(?:e|ing) (?:up )?(?:at \w+|in the night|early|every)|sleep(?:ing)? (?:badly|too much|all day|till|until)"
          r"|sleep(?:'s| is| has been| was) (?:bad|terrible|awful|rubbish|poor|worse|broken)|broken sleep|(?:los[et]|losing) sleep"
          r"|(?:up|awake|wak(?:e|ing)(?: up)?) (?:\w+ ){1,4}times (?:a|in the|every) night")
# (nightmares are PTSD's intrusions, not a sleep complaint of their own)
_AVOID = (r"avoid\w*|stopped going|can'?t face|put(?:ting)? (?:it|things) off|put(?:ting)? off (?:the|my|going|booking|ringing|calling)\b"
          r"|stay(?:ed|ing|s)? (?:in bed|at home|home|in the house|indoors)"
          r"|cancel(?:led|ling)?")
_CONCENTRATE = r"concentrat\w*|can'?t focus|couldn'?t focus|lose track|mind goes blank"
_TIRED = r"(?:so|really|very|always|still|constantly|too) tired|tired all the time|exhaust\w*|no energy|drained|knackered|fatigue\w*|worn out"
_FEELING = r"(?:feel\w*|felt|I'?ve been|I was|I'?m|I am) (?:so |really |very |quite |a bit |pretty |more |still )?"
_LOW = (_FEELING + r"(?:low|down|flat(?! on\b| out\b)|empty|sad|numb|hopeless|miserable)|low mood|(?:my )?mood(?:'s| is| was| has been)? "
        r"(?:low|down|bad|rubbish|worse)|depressed|miserable|hopeless|tearful"
        r"|I (?:was |'ve been |keep |kept |just )?(?:crying|cried)|(?:went|go) (?:\w+ )?(?:\w+ )?and cried|(?:mostly|more) (?:down|low)\b")
_IRRITABLE = r"irritab\w*|snapp\w*|snap at|short-tempered|short with|on a short fuse"
# Anger the client owns ("I'm so angry", "tired of being angry"), not someone else's, nor a habit's
# condition ("I don't send messages when I'm angry").
_ANGER = (r"(?<!when )(?<!if )(?<!whenever )I(?:'m| am| was|'ve been| get| got| feel| felt) (?:so |really |very |just |quite |a bit |that |still )?(?:angry|furious|livid"
          r"|fuming|enraged)|my anger|tired of being angry")
# Guilt and self-blame: "I feel guilty", "I should've noticed sooner", "I'm the one who said yes".
_GUILT = (r"guilt\w*|my fault|blame myself|I'?m to blame|I(?:'m| am) the one who (?:said|decided|chose|agreed|signed)"
          r"|I should(?:'ve| have) (?:noticed|known|seen|realised|realized|stopped|done (?:more|something)|been there)")
# A loss's reminders kept away from: "I haven't looked at them since", "I can't bring myself to go in his room".
_AVOID_REMINDERS = (_AVOID + r"|haven'?t (?:looked at|been back|been near|opened|touched|gone (?:back|near))"
                    r"|can'?t bring myself|couldn'?t bring myself")
# Missing and searching for the one who died: "I listen for him", "I still miss her so much".
_YEARNING = (r"I (?:still )?miss (?:him|her|them)|missing (?:him|her|them)|(?:listen|listening|look|looking|wait|waiting) (?:out )?for (?:him|her|them)"
             r"|expect(?:ing)? (?:him|her|them) to")
_PAIN = r"pain\w*|agony|aching|aches?|hurts?|hurting|sore|flare[- ]?ups?|flared"
# (area, words) per symptom area; the family's pattern is read in the diagnosis's code or name.
FAMILIES: list[tuple[str, list[tuple[str, str]]]] = [
    (r"\bF3[234]\.|\bdepress|\bdysthymi", [
        ("low mood", _LOW),
        ("loss of interest", r"no interest|lost interest|don'?t enjoy|can'?t enjoy|didn'?t enjoy|no pleasure|can'?t be bothered|"
                             r"couldn'?t be bothered|pointless"),
        ("sleep", _SLEEP),
        ("appetite", r"appetite|not eating|(?:didn'?t|don'?t|can'?t|couldn'?t) eat|not hungry|off my food|eating (?:more|less|nothing)"
                     r"|lost weight|put on weight|skip(?:ped|ping)? meals"),
        ("energy", _TIRED), ("concentration", _CONCENTRATE),
        ("guilt and self-criticism", r"guilt\w*|worthless|useless|a failure|failing|burden|my fault|self-critical|rubbish (?:mum|dad|at)"),
        ("withdrawal and avoidance", _AVOID)]),
    (r"\bF41\.[19]|generali[sz]ed anxiety|anxiety disorder, unspecified", [
        ("worry", r"worr\w+|what if"), ("restlessness", r"restless|on edge|wound up|keyed up|can'?t (?:sit still|switch off|relax)"),
        ("muscle tension", r"tense|tension|muscles?|headaches?|jaw"), ("irritability", _IRRITABLE),
        ("sleep", _SLEEP), ("concentration", _CONCENTRATE), ("fatigue", _TIRED)]),
    (r"\bF41\.0|\bF40\.0|panic|agoraphobi", [
        ("panic attacks", r"panic\w*|attacks?"),
        ("bodily sensations", r"heart (?:racing|raced|pounding|pounded|going)|palpitations?|can'?t breathe|couldn'?t breathe"
                              r"|short of breath|breathless|dizz\w+|chest|sweat\w*|shak\w+|tingl\w+"),
        ("catastrophic fears", r"(?:going to|gonna|I'?d|I would|I'?ll) (?:die|faint|pass out|collapse|lose control|go mad|go crazy)|heart attack|"
                               r"pass(?:ed)? out|faint\w*"),
        ("avoidance", _AVOID)]),
    (r"\bF43\.1|post-?traumatic|\bptsd", [
        ("intrusions", r"flashbacks?|nightmares?|intrusive|reliv\w+|images? (?:of|in my head)|keeps? coming back|pops? into my head"),
        ("avoidance", _AVOID),
        ("hyperarousal", r"jump(?:y|ed)|startl\w+|on guard|hypervigil\w*|on edge|check(?:ing)? the (?:doors?|locks?|windows?)|back to the wall"),
        ("guilt and shame", r"guilt\w*|shame\w*|ashamed|my fault|blame myself"), ("sleep", _SLEEP)]),
    (r"\bF42\.[0-2]|obsessive-?compulsive disorder|\bocd\b", [
        ("intrusive thoughts", r"intrusive|obsess\w*|what if|contaminat\w*|germs|dirty"),
        ("compulsions", r"(?<!in )check(?:ed|ing|s)?|wash(?:ed|ing|es)?|clean(?:ed|ing)?|count(?:ed|ing)|rituals?|reassurance|(?:put|make) it right"),
        ("avoidance", _AVOID)]),
    (r"\bF40\.1|social anxiety|social phobia", [
        ("fear of judgement", r"judg\w+|embarrass\w*|humiliat\w*|look(?:ed|ing)? stupid|(?:everyone|people) (?:looking|staring|watching)"),
        ("bodily signs", r"blush\w*|red face|went red|sweat\w*|shak\w+|voice (?:shakes|shaking|went)"), ("avoidance", _AVOID)]),
    (r"\bF1[0-9]\.|alcohol|substance|cannabis|opioid", [
        ("cravings", r"crav\w+|urges?|wanted a (?:drink|smoke|hit)"),
        ("loss of control", r"couldn'?t stop|can'?t stop|more than I (?:meant|planned|wanted)|ended up (?:drinking|using)"),
        ("withdrawal", r"withdrawals?|the shakes|shaky|sweats|rattl\w+")]),
    (r"\bF51|insomnia", [("sleep", _SLEEP), ("daytime tiredness", _TIRED), ("concentration", _CONCENTRATE)]),
    (r"\bF43\.2|adjustment disorder", [
        ("low mood", _LOW), ("worry", r"worr\w+|anxious|nervous"), ("sleep", _SLEEP),
        ("irritability", _IRRITABLE), ("anger", _ANGER), ("guilt and self-blame", _GUILT)]),
    # Grief (issue 16: "grief with guilt and avoidance"): bereavement counselling's working diagnosis.
    (r"\bZ63\.4|bereave\w*|\bgrie[fv]\w*", [
        ("yearning", _YEARNING), ("guilt and self-blame", _GUILT), ("avoidance of reminders", _AVOID_REMINDERS),
        ("low mood", _LOW), ("sleep", _SLEEP), ("anger", _ANGER)]),
    # Persistent pain treated in therapy: the pain itself, and what CBT for pain works on alongside it.
    (r"\bM54\.|\bM79\.7|\bG89\.|\bR52|\bF45\.4|chronic pain|back pain|persistent pain|fibromyalgia|pain disorder", [
        ("pain", _PAIN), ("sleep", _SLEEP), ("low mood", _LOW),
        ("fear of the pain", r"(?:frightened|scared|afraid|terrified|worried) (?:of|about) (?:the )?pain"),
        ("boom-and-bust activity", r"overd(?:o|id|one|oing)|boom and bust|flat on (?:the|my) (?:settee|sofa|couch|back|bed)|laid up"
                                   r"|paid for it|no breaks")]),
    # Functional (dissociative) seizures: the attacks, the going-away before them, what is given up since.
    (r"\bF44\.[56]|dissociative (?:seizures|convulsions)|functional seizures|non-?epileptic", [
        ("seizures", r"seizures?|(?:came|come|coming) round|blacked out|black out|collapsed"),
        ("dissociation", r"(?:went|goes|go|going) (?:all )?far away|through glass|spaced? out|zoned out|unreal"
                         r"|then I (?:don'?t|can'?t) remember|I (?:don'?t|can'?t) remember (?:anything|what happened|it happening)"),
        ("avoidance", _AVOID + r"|haven'?t been (?:\w+ ){0,3}on my own"), ("low mood", _LOW), ("guilt", r"guilt\w*|my fault")]),
    # Specific phobia: the fear, a blood-injection-injury type's faintness, and keeping away.
    (r"\bF40\.2|specific phobia|needle phobia|blood-injection", [
        ("fear", r"scared|frightened|terrified|petrified|fear"),
        ("faintness", r"faint\w*|pass(?:ed|ing)? out|light-?headed|dizz\w+|went (?:white|grey|gray)"),
        ("avoidance", _AVOID)]),
    # Hair pulling and skin picking: the pulling, the urge before it, pulling without noticing, the shame after.
    (r"\bF63\.3|trichotillomania|hair[- ]pulling|\bL98\.1|excoriation|skin[- ]picking", [
        ("pulling or picking", r"pull(?:ed|ing|s)? (?:my |at my |it |out )|pick(?:ed|ing)? (?:at )?my"),
        ("urges", r"urges?|itch(?:y|ing)?|tingl\w*"),
        ("pulling without noticing (automatic)", r"(?:don'?t|didn'?t) (?:even )?(?:know|notice|realise|realize) I'?m (?:doing|pulling|picking)"
                                                 r"|without (?:noticing|realising|realizing|thinking)|on autopilot"),
        ("shame", r"ashamed|shame\w*|embarrass\w*")]),
    # Compulsive buying: the urge and the buzz, the shame after, the hiding.
    (r"\bF63\.8|compulsive (?:buying|shopping)|shopping addiction|oniomania", [
        ("urges and the buzz of buying", r"urges?|crav\w*|(?:a|the|this|that|little) buzz"),
        ("shame", r"ashamed|shame\w*|embarrass\w*"),
        ("hiding it", r"hid(?:e|den|ing)?|hiding|secret\w*|so (?:he|she|they) (?:wouldn'?t|won'?t|don'?t|didn'?t) (?:see|know|find)")]),
]
# A symptom word in a denial ("my appetite's fine", "no nightmares this week") names nothing. A word
# inside a phrase that is itself the complaint ("no energy", "can't focus") is matched whole first.
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|don'?t|didn'?t|doesn'?t|won'?t|wouldn'?t|haven'?t|hasn'?t|isn'?t|wasn'?t|without|any"
                            r"|(?:expected|supposed|meant|want(?:ed)?|trying|going|used) to)\W+(?:\w+\W+){0,2}$", re.I)
_STAGE_DIRECTION = re.compile(r"\([^)]*\)")  # "(tearful)": what was seen, the Objective's lines say it
_FINE_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}(?:is |was |'s |are )?(?:fine|okay|ok|alright|all right|normal|good|not bad|no problem)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
SYMPTOM_LINES_MAX = 6
# An answer saying the area asked about is no trouble: "Fine.", "Not bad, actually.", "No."
_NOT_SO = re.compile(r"^(?:(?:yeah|yes|oh|um|erm|honestly|actually)[,.]? )*(?:(?:all|it'?s|that'?s|\w+'?s) )?(?:fine|good|great|okay|ok|alright|"
                     r"all right|normal|(?:not|nothing) (?:too |that )?bad|not really|no\b|nope|never|same as (?:ever|usual|always)|"
                     r"no (?:change|problems?))", re.I)
# A questionnaire item answered ("Two.", "Several days. One.", "Nought."): the item-by-item lines read those.
_ITEM_ANSWER = re.compile(r"^(?:(?:hmm|um|erm|uh|so|well|that one|that'?s a)[.,]?\s+)*(?:(?:not at all|several days|more than half (?:the|of the) days"
                          r"|nearly every day|(?:zero|nought|none|one|two|three|four|\d+))[.,]?\s*){1,2}(?:$|[.,]\s)", re.I)
# What the client put on a form ("the one on the urges, I put moderate") is the measure's item, not a symptom told.
_ON_THE_FORM = re.compile(r"\bI (?:put|ticked|circled|marked)\b", re.I)
_NOT_ABOUT_SYMPTOM = re.compile(r"\b(?:diary|diaries|homework|record|sheet|form|questionnaire|exercise|app)\b", re.I)
# Signs that would mean a relapse, read from a staying-well plan, are not this session's symptoms.
_RELAPSE_SIGNS = re.compile(r"\b(?:warning signs?|early signs?|relapse|if it (?:started|starts) to come back|setback|staying well)\b", re.I)
# The clinician asking what a return would look like ("What would tell you it was coming back?").
_RETURN_ASKED = re.compile(r"\b(?:com(?:e|es|ing) back|return(?:ed|ing)?|got worse again)\b[^.?!]*\?", re.I)
QUESTION_MAX_WORDS = 8  # "How's your sleep?", "And appetite?": a short question about one area


def _head(area: str) -> str:
    """The area's own noun, as a question names it: "How's your mood?" asks about "low mood"."""
    return {"low mood": "mood", "loss of interest": "enjoy|interest", "energy": "energy",
            "withdrawal and avoidance": "avoid", "guilt and self-criticism": "guilt"}.get(area, area.split()[0][:5])


def _family(diagnoses: Sequence[str]) -> tuple[str, list[tuple[str, str]]] | None:
    """The first diagnosis's family with a symptom list (the chart lists the principal one first)."""
    for text in diagnoses:
        for pattern, areas in FAMILIES:
            if re.search(pattern, text, re.I):
                return text.split(":", 1)[-1].strip(), areas
    return None


def _named(words: str, sentence: str) -> bool:
    for match in re.finditer(r"\b(?:" + words + r")\b", sentence, re.I):
        if not _DENIED_BEFORE.search(sentence[:match.start()]) and not _FINE_AFTER.match(sentence[match.end():]):
            return True
    return False


def symptoms_spoken(diagnoses: Sequence[str], utterances: Sequence[Utterance],
                    risky=lambda text: False) -> tuple[str, list[tuple[str, int]]]:
    """(the diagnosis as charted, [(symptom area, first client line naming it)]) in the family's order;
    ("", []) when the chart's diagnoses have no symptom list here or the client named none."""
    family = _family(diagnoses)
    if not family:
        return "", []
    diagnosis, areas = family
    found: dict[str, int] = {}
    asked = said_before = ""
    risk_asked = False
    for utt in utterances:
        if not utt.speaker:
            continue
        if not is_client(utt.speaker):
            said_before = " ".join(utt.text.split())
            asked = _SENTENCE.split(said_before)[-1]
            risk_asked = asks_about_risk(utt)
            continue
        question, asked = asked, ""
        # the answer to a risk question is the risk lines' ("No. I miss him, but no."), whatever else it says
        if risk_asked or _RELAPSE_SIGNS.search(said_before + " " + utt.text) or _RETURN_ASKED.search(said_before):
            continue
        # "How's your sleep?" - "Still too much. Like ten hours.": the answer speaks of the area asked about
        answer = _STAGE_DIRECTION.sub(" ", " ".join(utt.text.split())).strip()
        item = bool(_ITEM_ANSWER.match(answer))
        if (question.endswith("?") and len(question.split()) <= QUESTION_MAX_WORDS and not risky(question)
                and not _NOT_ABOUT_SYMPTOM.search(question)
                and not _NOT_SO.match(answer) and not item and not risky(answer)):
            for area, words in areas:
                # an answer in the area's own words is read below, denials and all ("I'm not lying awake now")
                if (area not in found and re.search(r"\b(?:" + words + "|" + _head(area) + r")", question, re.I)
                        and not re.search(r"\b(?:" + words + r")\b", answer, re.I)):
                    found[area] = utt.id
        for sentence in _SENTENCE.split(answer):
            if sentence.rstrip().endswith("?") or risky(sentence) or _ON_THE_FORM.search(sentence):
                continue
            for area, words in areas:
                if area not in found and _named(words, sentence):
                    found[area] = utt.id
    order = [a for a, _ in areas]
    return diagnosis, sorted(found.items(), key=lambda kv: order.index(kv[0]))


def symptoms_sentence(diagnosis: str, found: Sequence[tuple[str, int]]) -> str:
    return (f"Symptoms of the working diagnosis ({diagnosis}, per chart) the client spoke of this session: "
            + ", ".join(area for area, _ in found) + "; clinician to judge their severity.")
