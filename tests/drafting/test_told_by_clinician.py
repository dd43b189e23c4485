"""The Subjective is the client's account: a model sentence that tells, as the client's report, what
only the clinician said (psychoeducation answered "Yeah.", last time's plan answered "Didn't.", a
questionnaire's answer options read aloud) is withheld, shown beside the note; what the client said,
confirmed or told first and said back by the clinician, stays. Hand-made session, no model."""

from __future__ import annotations

from session_assistant.drafting.client_account import answered_sentence
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.told_by_clinician import CLINICIANS_WORDS, OPTION_NUMBERS, told_by_clinician
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("\n".join([
    "Clinician: How has the week been?",
    "Client: Long. I walked to the shop twice, the rest I stayed in.",
    "Clinician: When mood is low, sleep often gets lighter and motivation drops, so everything feels like more effort. "
    "That's very common.",
    "Client: Yeah.",
    "Clinician: Last time we said you'd try to phone your sister on two evenings and ask her round for tea. How did that go?",
    "Client: Didn't.",
    "Clinician: Okay. And you're still taking the dog out first thing in the morning?",
    "Client: Yeah, every morning, before work.",
    "Clinician: Next, the questionnaire. How much of your day do the worries take up? Nought none, one less than an "
    "hour, two one to three hours, three three to eight hours, four more than eight.",
    "Client: Two. One to three hours.",
    "Clinician: So you walked to the shop twice this week. That's a start.",
    "Client: I suppose it is.",
]))
SOURCE = SourceIndex(SESSION)

PSYCHOEDUCATION = "The client reported lighter sleep and dropping motivation, with everything feeling like more effort."
LAST_PLAN = "The client reported phoning their sister on two evenings and asking her round for tea."
CONFIRMED = "The client reported still taking the dog out first thing in the morning."
ANCHOR = "The client reported the worries taking three to eight hours a day."
ANSWERED = "The client reported the worries taking one to three hours a day."
SAID_BACK = "The client reported walking to the shop twice this week."


def _draft(items: list[tuple[str, list[int]]], section: str = "subjective", subject: str = "client"):
    raw = {section: [{"text": text, "evidence": ids} for text, ids in items]}
    return assemble(get_format("soap", subject), raw, SOURCE, [], model="m", mode="direct", warnings=[], subject=subject)


def test_the_clinicians_teaching_and_last_plan_told_as_the_clients_report_are_withheld():
    assert told_by_clinician(PSYCHOEDUCATION, SOURCE, [2]) == [CLINICIANS_WORDS]
    assert told_by_clinician(LAST_PLAN, SOURCE, [4]) == [CLINICIANS_WORDS]  # answered "Didn't."
    draft = _draft([(PSYCHOEDUCATION, [2]), (LAST_PLAN, [4])])
    assert {s.text for s in draft.withheld} == {PSYCHOEDUCATION, LAST_PLAN}
    assert all(CLINICIANS_WORDS in s.flags for s in draft.withheld)
    assert "lighter sleep" not in draft.sections["subjective"] and "sister" not in draft.sections["subjective"]


def test_an_answer_option_read_aloud_is_not_the_clients_amount():
    assert told_by_clinician(ANCHOR, SOURCE, [8]) == [f"{OPTION_NUMBERS}:8"]
    assert told_by_clinician(ANSWERED, SOURCE, [8, 9]) == []  # the client's own "one to three hours"
    draft = _draft([(ANCHOR, [8])])
    assert [f for s in draft.withheld for f in s.flags if f.startswith(OPTION_NUMBERS)] == [f"{OPTION_NUMBERS}:8"]
    assert "eight hours" not in draft.sections["subjective"] and "8 hours" not in draft.sections["subjective"]


def test_what_the_client_said_stays_confirmed_or_said_back():
    assert told_by_clinician(CONFIRMED, SOURCE, [6]) == []  # asked, and the client said yes
    assert told_by_clinician(SAID_BACK, SOURCE, [10]) == []  # the client told it first
    draft = _draft([(CONFIRMED, [6]), (SAID_BACK, [10]), (ANSWERED, [9])])
    assert not draft.withheld
    for said in ("the dog out first thing", "walking to the shop twice", "worries taking one to 3 hours"):
        assert said in draft.sections["subjective"]


def test_only_the_clients_account_is_checked():
    # The clinician's teaching is what the clinician did: the Objective's, never withheld for it.
    assert told_by_clinician("The clinician explained that low mood makes sleep lighter and everything more effort.",
                             SOURCE, [2]) == []
    # The homework copied as an instruction is the Plan's rules' to say once, not a report told wrong.
    assert told_by_clinician("Phone your sister on two evenings and ask her round for tea.", SOURCE, [4]) == []
    draft = _draft([(PSYCHOEDUCATION, [2])], subject="patient")  # the medical voice is untouched
    assert PSYCHOEDUCATION in draft.sections["subjective"]
    unlabelled = SourceIndex(parse_transcript("When mood is low, sleep gets lighter and motivation drops.\nYeah."))
    assert told_by_clinician(PSYCHOEDUCATION, unlabelled, [0]) == []  # no speakers: whose words is unknown


def test_an_answer_cut_short_still_ends_the_line_with_a_full_stop():
    cut = answered_sentence([("How many nights did you sleep badly?", "Four nights, maybe five", [0, 1])])
    assert cut == 'When asked "How many nights did you sleep badly?", the client said: "Four nights, maybe five".'
    whole = answered_sentence([("How many nights?", "Four.", [0, 1]), ("And this week?", "Two, I was going to -", [2, 3])])
    assert whole.endswith('"Two, I was going to -".')
    assert answered_sentence([("How many nights?", "Four.", [0, 1])]).endswith('"Four."')


def test_the_clients_news_with_the_clinicians_remark_on_it_stays_and_a_rating_label_is_no_amount():
    news = SourceIndex(parse_transcript("\n".join([
        "Clinician: Any takeaways this week?",
        "Client: No. No takeaways at all. That's three weeks now.",
        "Clinician: Three weeks without a takeaway. That's a big deal.",
        "Client: Yeah. I'm kind of proud of it.",
    ])))
    assert told_by_clinician("The client reported three weeks without a takeaway, which was a big deal.", news, [2]) == []
    # "the one" and a rating's label ("a two") are no amount read from the options: only "hours", "more than".
    assert told_by_clinician("The client reported the one worry about work taking two of the evenings.", SOURCE, [8]) == []


def test_a_question_the_client_answered_in_their_own_words_is_the_clients_account():
    asked = SourceIndex(parse_transcript("\n".join([
        "Clinician: How are you sleeping at the moment?",
        "Client: I'm not, really. I'm awake at three doing sums.",
        "Clinician: And eating?",
        "Client: My wife puts it in front of me. I have a bit.",
    ])))
    assert told_by_clinician("The client reported trouble sleeping and eating at the moment.", asked, [0, 2]) == []


def test_an_offer_the_client_took_up_is_the_clients_wish_and_one_turned_down_is_not():
    def offered(reply: str) -> SourceIndex:
        return SourceIndex(parse_transcript("\n".join([
            "Clinician: We talked last time about the walking group at the library. They meet on Tuesdays. "
            "Have you thought any more about it?",
            f"Client: {reply}",
        ])))
    wish = "The client expressed a wish to join the walking group at the library on Tuesdays."
    assert told_by_clinician(wish, offered("I have. I'm up for it now."), [0]) == []
    assert told_by_clinician(wish, offered("No. Not yet."), [0]) == [CLINICIANS_WORDS]


def test_a_line_about_the_clients_life_the_client_answered_at_length_is_a_shared_account():
    life = SourceIndex(parse_transcript("\n".join([
        "Clinician: It's been three years now since your dad died, hasn't it. And you moved to the flat in June.",
        "Client: June. My brother said it would be easier, near the shops and that. He means well.",
    ])))
    assert told_by_clinician("The client reported missing their dad, who died 3 years ago.", life, [0]) == []
