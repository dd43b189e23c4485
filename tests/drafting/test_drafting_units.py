"""Drafting rules that need no model: transcript input, grounding flags, evidence, risk, salvage."""

from __future__ import annotations

import json

import pytest

from session_assistant.drafting import NOT_DISCUSSED, TranscriptUnreadable, UnknownFormat, get_format, parse_transcript
from session_assistant.drafting.formats import SENTENCE_MAX_CHARS
from session_assistant.drafting.gguf_meta import GGUFError, training_context
from session_assistant.drafting.grounding import SourceIndex, numbers_in
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble, complete_sentence, join_continuations, salvage_items
from session_assistant.drafting.transcript_input import Utterance, load_transcript
from session_assistant.errors import NotFound

from sa_testing import MODELS_DIR


def test_transcript_json_and_text_forms(short_session, tmp_path):
    from_json = parse_transcript(json.dumps(short_session))
    assert [u.id for u in from_json] == [0, 1, 2, 3, 4, 5]
    assert from_json[1].speaker == "Client"
    text = parse_transcript("Clinician: How are you?\nClient: Tired.\n\n[doctor] any pain ?\nplain words")
    assert [(u.id, u.speaker, u.text) for u in text] == [
        (0, "Clinician", "How are you?"), (1, "Client", "Tired."), (2, "Doctor", "any pain ?"), (3, "", "plain words")]


@pytest.mark.parametrize("content", ["", "   \n\n", '{"segments": []}', '{"language": "en"}', "{not json"])
def test_empty_or_broken_transcript_is_refused(content, tmp_path):
    path = tmp_path / "t.json"
    path.write_text(content)
    with pytest.raises(TranscriptUnreadable):
        load_transcript(path)


def test_missing_and_binary_transcripts(tmp_path):
    with pytest.raises(NotFound):
        load_transcript(tmp_path / "nope.txt")
    binary = tmp_path / "audio.wav"
    binary.write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    with pytest.raises(TranscriptUnreadable):
        load_transcript(binary)


def test_formats_have_their_own_sections():
    assert get_format("soap").keys == ["subjective", "objective", "assessment", "plan"]
    assert get_format("DAP").keys == ["data", "assessment", "plan"]
    assert get_format("birp").keys == ["behavior", "intervention", "response", "plan"]
    assert get_format("girp").keys == ["goals", "intervention", "response", "plan"]
    assert get_format("soap", max_sentences=2).section("subjective").max_sentences == 2
    with pytest.raises(UnknownFormat):
        get_format("xyz")


def test_numbers_in_reads_digits_and_words():
    assert numbers_in("She takes twenty-five mg, 3 times, for two weeks; 1.50 ratio") == {"25", "3", "2", "1.5"}


def test_invented_facts_are_flagged(short_session):
    source = SourceIndex(parse_transcript(short_session))
    assert source.unsupported("The client wakes around three most nights.") == []
    assert source.unsupported("The client wakes at 3 am.") == []  # "three" was spoken, "3" is the same number
    flags = source.unsupported("The client was started on sertraline 50 mg by Dr Patel on Monday, PHQ-9 of 14.")
    assert "unsupported_number:50" in flags and "unsupported_number:14" in flags
    assert "unsupported_medication:sertraline" in flags
    assert "unsupported_name:Patel" in flags
    assert "unsupported_date:Monday" in flags
    assert any(f.startswith("unsupported_dose:") for f in flags)


def test_evidence_is_validated_and_filled_by_overlap(short_session):
    utterances = parse_transcript(short_session)
    fmt = get_format("soap")
    raw = {"subjective": [{"text": "The client reported that work has been stressful with a new manager.",
                           "evidence": [99, "x"]},
                          {"text": "The client wakes around three most nights.", "evidence": [1]}],
           "plan": [{"text": "The client will keep a sleep diary, reviewed next session in 2 weeks.", "evidence": []}]}
    draft = assemble(fmt, raw, SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    by_text = {s.text: s for s in draft.sentences}
    assert by_text["The client reported that work has been stressful with a new manager."].evidence[0] == 2
    assert by_text["The client wakes around three most nights."].evidence == [1]
    plan = by_text["The client will keep a sleep diary, reviewed next session in 2 weeks."]
    assert 5 in plan.evidence and plan.flags == []
    valid = {u.id for u in utterances}
    assert all(set(s.evidence) <= valid for s in draft.sentences)
    # Sections with no material say so instead of inventing findings.
    assert draft.sections["objective"] == NOT_DISCUSSED and draft.sections["assessment"] == NOT_DISCUSSED


def test_risk_language_is_listed_and_never_written_by_the_model():
    utterances = parse_transcript(
        "Clinician: Any thoughts of ending your life?\nClient: Sometimes I think I'd be better off dead.\n"
        "Client: My partner hits me when he drinks.\nClient: I sleep badly.")
    risk = scan_transcript(utterances)
    assert {(r.category, r.segment_id) for r in risk} == {("suicidal_ideation", 1), ("abuse", 2)}
    fmt = get_format("soap")
    raw = {"subjective": [{"text": "The client reported passive suicidal ideation.", "evidence": [1]},
                          {"text": "The client reported sleeping badly.", "evidence": [3]}]}
    draft = assemble(fmt, raw, SourceIndex(utterances), risk, model="m", mode="direct", warnings=[])
    texts = [s.text for s in draft.sentences]
    assert "The client reported passive suicidal ideation." not in texts
    assert [s.text for s in draft.withheld] == ["The client reported passive suicidal ideation."]
    # The note documents what was asked and said, by rule from the client's own words.
    account, risk_line = [s for s in draft.sentences if "risk_documented" in s.flags]
    assert risk_line.section == "assessment" and risk_line.evidence == [0, 1, 2] and risk_line.origin == "rule"
    assert risk_line.text == "Risk: passive suicidal ideation endorsed; abuse reported."
    assert account.section == "subjective" and '"Sometimes I think I\'d be better off dead."' in account.text


def test_salvage_keeps_complete_items_of_cut_json():
    cut = '{"sentences": [{"text": "One.", "evidence": [1]}, {"text": "Two.", "evidence": [2]}, {"text": "Thr'
    assert [obj["text"] for _, obj in salvage_items(cut)] == ["One.", "Two."]
    multi = '{"subjective": [{"text": "A.", "evidence": []}], "plan": [{"text": "B.", "evidence": [3]}, {"te'
    assert [(k, o["text"]) for k, o in salvage_items(multi, ["subjective", "plan"])] == [
        ("subjective", "A."), ("plan", "B.")]


def test_a_sentence_cut_by_the_length_limit_is_trimmed_or_marked():
    whole = "The client reported waking at three most nights."
    assert complete_sentence(whole) == (whole, False)
    cut_after_two = ("The client sleeps badly. " + "She wakes at three and lies awake until five, " * 9)[:SENTENCE_MAX_CHARS]
    assert complete_sentence(cut_after_two) == ("The client sleeps badly.", False)
    run_on = ("The client described waking at three and lying awake until five, " * 7)[:SENTENCE_MAX_CHARS]
    text, cut = complete_sentence(run_on)
    assert cut and text.endswith("…") and len(text) <= SENTENCE_MAX_CHARS + 1


def test_assembled_cut_sentence_is_flagged_for_review():
    utterances = [Utterance(1, "Client", "I wake at three and lie awake until five most nights")]
    run_on = ("The client described waking at three and lying awake until five, " * 7)[:SENTENCE_MAX_CHARS]
    draft = assemble(get_format("soap"), {"subjective": [{"text": run_on, "evidence": [1]}]},
                     SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    sentence = next(s for s in draft.sentences if s.section == "subjective")
    assert "cut_short" in sentence.flags and sentence.text.endswith("…")


def test_tokens_with_wide_script_characters_are_recognised():
    from session_assistant.drafting.grammar_sampler import foreign_script_tokens

    pieces = [b" upper", "呼吸".encode(), "呼".encode()[:2], " café".encode(), "—".encode(), "，".encode(), b""]
    assert foreign_script_tokens(pieces).tolist() == [False, True, True, False, False, True, False]


def test_gguf_training_context_is_read_from_the_header(tmp_path):
    assert training_context(MODELS_DIR / "smollm2-135m-instruct-q4_1.gguf") == 8192
    bogus = tmp_path / "x.gguf"
    bogus.write_bytes(b"not a model")
    with pytest.raises(GGUFError):
        training_context(bogus)


def test_utterance_line_cites_its_id():
    assert Utterance(7, "Client", "Hello").line() == "[7] Client: Hello"


def test_schema_cites_only_real_ids_and_writes_text_first():
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    from session_assistant.drafting.formats import sentences_schema

    schema = sentences_schema(3, [5, 1, 3])
    item = schema["properties"]["sentences"]["items"]
    assert item["properties"]["evidence"]["items"] == {"enum": [1, 3, 5]}
    grammar = json_schema_to_gbnf(json.dumps(schema))
    rule = next(line for line in grammar.splitlines() if "evidence" in line and "text" in line)
    assert rule.index("text") < rule.index("evidence")


def test_a_sentence_with_a_number_never_said_is_withheld_with_its_reason():
    utterances = [Utterance(1, "Client", "I wake at three most nights."),
                  Utterance(2, "Clinician", "Let's meet again after the holidays.")]
    raw = {"subjective": [{"text": "The client wakes at three most nights.", "evidence": [1]}],
           "plan": [{"text": "The client will be seen again in 2 weeks.", "evidence": [2]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    assert "2 weeks" not in draft.as_text()
    assert draft.sections["plan"] == NOT_DISCUSSED
    assert [s.text for s in draft.withheld] == ["The client will be seen again in 2 weeks."]
    assert "unsupported_number:2" in draft.withheld[0].flags


def test_a_sentence_split_across_two_items_is_rejoined():
    items = [{"text": "The client said he follows his doctor'", "evidence": [1]},
             {"text": "s orders and takes his insulin at night.", "evidence": [2]},
             {"text": "The client sleeps badly and wakes at three", "evidence": [3]},
             {"text": "most nights.", "evidence": [3]},
             {"text": "He walks daily.", "evidence": [4]},
             {"text": "and swims on weekends.", "evidence": [4]}]
    assert [(i["text"], i["evidence"]) for i in join_continuations(items)] == [
        ("The client said he follows his doctor's orders and takes his insulin at night.", [1, 2]),
        ("The client sleeps badly and wakes at three most nights.", [3, 3]),
        ("He walks daily.", [4]),
        ("and swims on weekends.", [4])]


def test_a_sentence_repeating_part_of_an_earlier_one_is_dropped():
    utterances = [Utterance(1, "Client", "I take lantus at night and check my blood sugar every morning."),
                  Utterance(2, "Client", "My knees ache after long walks.")]
    raw = {"subjective": [
        {"text": "The client takes lantus at night and checks their blood sugar every morning.", "evidence": [1]},
        {"text": "The client takes lantus at night.", "evidence": [1]},
        {"text": "The client's knees ache after long walks.", "evidence": [2]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    assert [s.text for s in draft.section_sentences("subjective")] == [
        "The client takes lantus at night and checks their blood sugar every morning.",
        "The client's knees ache after long walks."]


def test_an_item_with_several_sentences_is_checked_sentence_by_sentence():
    utterances = [Utterance(1, "Client", "I take lantus at night. I walk every day.")]
    raw = {"subjective": [{"text": "The client takes lantus at night.", "evidence": [1]},
                          {"text": "The client takes lantus at night. The client walks every day. Dr. Lee agreed.",
                           "evidence": [1]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    kept = draft.section_sentences("subjective")
    assert [s.text for s in kept] == ["The client takes lantus at night.", "The client walks every day.",
                                      "Dr. Lee agreed."]
    assert all(s.evidence == [1] for s in kept[:2]) and "unsupported_name:Lee" in kept[2].flags


def test_the_unfinished_tail_of_a_cut_item_never_reaches_the_note():
    utterances = [Utterance(1, "Client", "I sleep badly and feel anxious before meetings; I take a sedative some nights.")]
    item = ("The client sleeps badly and feels anxious before meetings. "
            + "They also mentioned that they take a sedative on some nights when the anxiety " * 4)[:SENTENCE_MAX_CHARS]
    draft = assemble(get_format("soap"), {"subjective": [{"text": item, "evidence": [1]}]},
                     SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    assert [s.text for s in draft.section_sentences("subjective")] == [
        "The client sleeps badly and feels anxious before meetings."]


def test_a_section_whose_only_sentence_repeats_another_keeps_it_rather_than_saying_not_discussed():
    utterances = [Utterance(1, "Client", "The breathing exercise helped with my anxiety before meetings.")]
    same = "The breathing exercise helped the client's anxiety before meetings."
    raw = {"subjective": [{"text": same, "evidence": [1]}], "assessment": [{"text": same, "evidence": [1]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), [], model="m", mode="direct", warnings=[])
    assert draft.sections["assessment"] == same and draft.sections["subjective"] == same
    assert draft.sections["plan"] == NOT_DISCUSSED
