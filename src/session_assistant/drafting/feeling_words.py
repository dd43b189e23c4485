"""The feeling words a note may use, each with the words in a transcript that support it, in one place
for the two checks that ask whether a feeling was said: ``grounding.unsaid_feelings`` (did anybody say
it?) and ``feeling_owner`` (did the client say it, or only someone else?).

Why one place: each check had grown its own list in its own module, so a word added to one was missed
by the other. A row is (the word starts a note may use, the word starts in the source that support it).
The two lists differ on purpose where they meet (guilt): whose a feeling was is read generously (a
client's "it was my fault, I'm ashamed" keeps a note's "guilt" the client's), while a note's stock
word needs its own sense said by somebody ("guilt" beside a session's "shame" alone goes: 101).
"""

from __future__ import annotations

Family = tuple[tuple[str, ...], tuple[str, ...]]

# Feelings a note gives a person: ``feeling_owner`` asks whose they were.
FEELING_FAMILIES: tuple[Family, ...] = (
    # shame and feeling stupid are near, and not one: "I feel stupid" is not the partner's "I feel ashamed"
    (("asham", "shame", "embarrass", "humiliat", "mortif"), ("asham", "shame", "embarrass", "humiliat", "mortif",
                                                             "cringe")),
    (("stupid", "idiot", "foolish"), ("stupid", "idiot", "fool", "thick", "dumb", "daft", "useless")),
    (("guilt",), ("guilt", "fault", "blame", "sorry", "asham", "shame", "bad about")),
    (("angr", "anger", "furious", "livid", "enraged", "rage"), ("angr", "anger", "furious", "livid", "rage", "mad",
                                                                  "fuming", "cross", "pissed", "annoy", "frustrat",
                                                                  "irritat", "wound up")),
    (("worr", "concern"), ("worr", "concern", "anxi", "nervous", "scare", "afraid", "fear", "panic", "stress",
                           "on edge", "dread")),
    (("scare", "afraid", "frighten", "fearful", "terrified"), ("scare", "afraid", "frighten", "fear", "terrif",
                                                                "petrif", "worr", "anxi", "nervous", "panic", "dread")),
    (("betray",), ("betray", "trust", "let down", "let me down", "stab", "lied", "behind my back")),
    (("frustrat", "annoy", "irritat"), ("frustrat", "annoy", "irritat", "fed up", "angr", "wound up", "cross",
                                        "mad", "snap", "pissed", "doing my head")),
    (("resent", "jealous", "envious"), ("resent", "jealous", "envi", "bitter", "unfair")),
    (("reliev", "relief"), ("reliev", "relief", "weight off", "better", "phew")),
    (("hurt", "rejected", "abandoned"), ("hurt", "reject", "abandon", "left out", "unwanted", "push", "dump")),
    (("disappoint",), ("disappoint", "let down", "gutted", "shame")),
    (("helpless", "powerless"), ("helpless", "powerless", "can't do anything", "nothing i can do", "useless", "stuck")),
    (("proud",), ("proud", "pride", "chuffed", "pleased")),
)

# Feelings and symptoms a small model adds to a therapy note from habit ("anxious", "depressed",
# "difficulty concentrating"; issue 16): ``grounding.unsaid_feelings`` withholds one that nothing in the
# source supports.
STOCK_FAMILIES: tuple[Family, ...] = (
    (("anxi",), ("anxi", "nervous", "worr", "panic", "on edge")),
    (("depress",), ("depress",)),
    (("hopeless",), ("hopeless", "no hope", "no point", "pointless")),
    (("worthless",), ("worthless", "useless")),
    (("irritab",), ("irritab", "snap", "angry", "anger", "short-tempered", "short tempered")),
    (("overwhelm",), ("overwhelm",)),
    (("fatigue",), ("fatigue", "tired", "exhaust", "energy", "worn out")),
    (("concentrat",), ("concentrat", "focus")),
    (("insomnia",), ("insomnia", "sleep")),
    (("lonel",), ("lonel", "alone")),
    (("guilt",), ("guilt", "fault", "blame")),
    (("panic",), ("panic",)),
    # Stock symptoms of a note (46: "trouble sleeping", "a lack of energy and motivation", none spoken of).
    (("sleep",), ("sleep", "slept", "insomnia", "awake", "nap", "lie-in", "wake", "woke", "waking", "bed")),
    (("energy",), ("energy", "tired", "exhaust", "fatigue", "knackered", "drained", "worn out", "lethargic", "sluggish")),
    (("motivat",), ("motivat", "bother", "no point", "arsed", "get going", "interest", "drive")),
)
