"""Attribution: direct quotes, reported speech, speakers, roles, sources, voices, turns.

Every example sentence here was written for these tests.
"""
import pytest

from rhetoric.contract.schema import Reference
from rhetoric.api import analyze_text, prepare
from rhetoric.nlp.attribution import speaker_from_meta
from rhetoric.nlp.attribution.quotes import find_marked_quotes


def run(nlp, text, references=None, meta=None):
    doc = prepare(nlp, text, meta)
    if references:
        doc._.references = references
    return nlp(doc)


def quote_with(doc, fragment):
    hits = [q for q in doc._.quotes if fragment in q.text]
    assert hits, f"no quote contains {fragment!r}: {[q.text for q in doc._.quotes]}"
    return hits[0]


def sentence_with(doc, fragment):
    return next(s for s in doc.sents if fragment in s.text)


# --- quote marks --------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ('She said "we are ready" today.', ['"we are ready"']),
    ("She said \u201cwe are ready\u201d today.", ["\u201cwe are ready\u201d"]),
    ("He said ''the vote is close'' last night.", ["''the vote is close''"]),
    ("\u201cThe plan has a \u2018safety valve\u2019 built in,\u201d he said.",
     ["\u201cThe plan has a \u2018safety valve\u2019 built in,\u201d"]),
])
def test_marked_quotes(text, expected):
    assert [text[q.start:q.end] for q in find_marked_quotes(text)] == expected


def test_quote_running_over_paragraphs():
    text = "\u201cFirst we fix the roads.\n\n\u201cThen we fix the bridges,\u201d she said.\n"
    quotes = find_marked_quotes(text)
    assert len(quotes) == 1 and text[quotes[0].start:quotes[0].end].endswith("bridges,\u201d")


def test_unbalanced_marks_end_at_the_paragraph():
    text = 'He said "we will never give up.\n\nThe minister said that talks would resume.'
    quotes = find_marked_quotes(text)
    assert len(quotes) == 1 and not quotes[0].closed
    assert text[quotes[0].start:quotes[0].end] == '"we will never give up.'


@pytest.mark.parametrize("text", ["", "\n\n\n", '"', '\u201d stray close', 'a " b " c " d',
                                  "\u201cnever closed\n\n\n\u201cand again", "''"])
def test_marks_never_crash(text):
    find_marked_quotes(text)


# --- direct quotes in the pipeline ----------------------------------------------
def test_direct_quote_interrupted_by_cue(nlp):
    doc = run(nlp, "\u201cWe will build the bridge,\u201d the minister said, \u201cand we will open it in May.\u201d")
    q = quote_with(doc, "build the bridge")
    assert q.direct and "open it in May" in q.text  # one quote over both parts
    assert q.text.startswith("\u201c") and q.text.endswith("\u201d")
    assert q.cue.text == "said"
    assert q.speaker.text == "the minister" and q.speaker.role == "minister" and q.speaker.official


def test_partial_quote_inside_reported_speech(nlp):
    doc = run(nlp, "Prime Minister Anna Berg described the agreement as \u201ca turning point for both nations.\u201d")
    q = quote_with(doc, "turning point")
    assert q.direct and q.cue.text == "described"
    assert q.speaker.name == "Anna Berg" and q.speaker.role == "head_of_government" and q.speaker.official


def test_quote_after_cue_sentence_continues_with_same_speaker(nlp):
    text = "\u201cPrices are falling,\u201d said Tom Reyes, an economist at a private bank. \u201cWages are not.\u201d"
    doc = run(nlp, text)
    q = quote_with(doc, "Prices are falling")
    assert "Wages are not" in q.text
    assert q.speaker.name == "Tom Reyes" and q.speaker.role == "expert"


def test_nyt_style_quote(nlp):
    doc = run(nlp, "''The numbers do not add up,'' the senator said.")
    q = quote_with(doc, "do not add up")
    assert q.direct and q.speaker.text == "the senator" and q.speaker.official


def test_colon_introduces_quote_paragraph(nlp):
    doc = run(nlp, "Governor Lena Marsh went on:\n\n\u201cWe cannot wait another year for this road.\u201d\n")
    q = quote_with(doc, "another year")
    assert q.speaker.name == "Lena Marsh" and q.speaker.role == "government"


def test_quote_without_speaker_is_not_invented(nlp):
    # A scare quote: a quoted phrase that nobody in the sentence says.
    doc = run(nlp, "The so-called \u201cpeace plan\u201d was published on Monday and discussed at length.")
    assert [q.text for q in doc._.quotes] == ["\u201cpeace plan\u201d"]
    assert doc._.quotes[0].speaker is None


@pytest.mark.parametrize("text", [
    "", "\n\n", "   ", '"', "\u201cUnclosed quote at the very end",
    'He said "one.\n\n\n\nShe said "two." Then "three',
    "\u201d\u201d\u201c\u201c said he.", "Question:", "PUTIN:\n\nQuestion: ",
])
def test_pipeline_never_crashes(nlp, text):
    analysis = analyze_text(text, "t", nlp=nlp)
    assert isinstance(analysis.quotes, list)


def test_unbalanced_quote_leaves_rest_analysed(nlp):
    text = ('The mayor said "the park will open soon.\n\n'
            "Later, the ambassador said that the talks had stalled.")
    doc = run(nlp, text)
    q = quote_with(doc, "talks had stalled")
    assert q.speaker.role == "diplomat" and not q.direct


# --- reported speech ------------------------------------------------------------
@pytest.mark.parametrize("cue", ["said", "insisted", "warned", "claimed", "argued", "announced",
                                 "noted", "suggested", "stated", "maintains"])
def test_reported_speech_cues(nlp, cue):
    doc = run(nlp, f"The finance ministry {cue} that exports would recover next year.")
    q = quote_with(doc, "exports would recover")
    assert not q.direct and q.cue.text == cue
    assert q.speaker.text == "The finance ministry" and q.speaker.role == "government" and q.speaker.official


def test_told_with_object_and_clause(nlp):
    doc = run(nlp, "Sergey Lavrov told reporters the sanctions had failed.")
    q = quote_with(doc, "sanctions had failed")
    assert q.speaker.name == "Sergey Lavrov" and q.speaker.role == "minister"


@pytest.mark.parametrize("text", [
    "According to economist Ivan Petrov, growth will slow in the autumn.",
    "Growth will slow in the autumn, according to economist Ivan Petrov.",
])
def test_according_to_in_either_order(nlp, text):
    doc = run(nlp, text)
    q = quote_with(doc, "Growth will slow" if text.startswith("Growth") else "growth will slow")
    assert q.cue.text.lower() == "according to"
    assert q.speaker.name == "Ivan Petrov" and q.speaker.role == "expert" and not q.speaker.official
    assert "according" not in q.text.lower()


def test_in_the_words_of(nlp):
    doc = run(nlp, "In the words of columnist Ruth Adler, the summit was a show for the cameras.")
    q = quote_with(doc, "show for the cameras")
    assert q.speaker.name == "Ruth Adler" and q.speaker.role == "journalist"


def test_championed_object_is_content(nlp):
    doc = run(nlp, "Before the summit, Vladimir Putin championed the record volume of trade to the press.")
    q = quote_with(doc, "record volume of trade")
    assert q.cue.text == "championed" and q.speaker.role == "head_of_state" and q.speaker.official
    assert sentence_with(doc, "championed")._.voice == "official"


def test_described_as(nlp):
    doc = run(nlp, "Professor Lin Wei described the talks as slow but useful.")
    q = quote_with(doc, "slow but useful")
    assert "the talks" in q.text and q.speaker.role == "expert"


def test_as_x_suggests(nlp):
    doc = run(nlp, "As the analyst Marta Kos suggests, the two economies are drifting apart.")
    q = quote_with(doc, "drifting apart")
    assert q.speaker.name == "Marta Kos" and q.speaker.role == "expert"


def test_relative_clause_speaker_is_the_pronoun(nlp):
    doc = run(nlp, "The plan was backed by Senator Ruth Vale, who said it would save money.")
    q = quote_with(doc, "save money")
    assert q.speaker.text == "who" and q.speaker.name == "Ruth Vale"


# --- speakers ---------------------------------------------------------------------
def test_surname_and_pronoun_resolve_to_full_name(nlp):
    text = ("Maria Chen, a researcher at the Harbour Institute, said trade would shrink. "
            "Chen added that the rouble was too weak. She warned that investment would fall.")
    doc = run(nlp, text)
    assert quote_with(doc, "rouble was too weak").speaker.name == "Maria Chen"
    pronoun = quote_with(doc, "investment would fall").speaker
    assert pronoun.text == "She" and pronoun.name == "Maria Chen" and pronoun.role == "expert"


def test_title_stripped_from_name(nlp):
    doc = run(nlp, "Russian President Vladimir Putin said the ties were strong.")
    s = quote_with(doc, "ties were strong").speaker
    assert s.text == "Russian President Vladimir Putin" and s.name == "Vladimir Putin" and s.country == "Russia"


@pytest.mark.parametrize("subject, role, official", [
    ("A Kremlin spokesman", "spokesperson", True),
    ("The Kremlin", "government", True),
    ("Beijing", "government", True),
    ("The ambassador", "diplomat", True),
    ("A professor of economics", "expert", False),
    ("The head of a Moscow think tank", "expert", False),
    ("One columnist", "journalist", False),
    ("Xinhua", "state_media", True),
    ("A local shopkeeper", "other", False),
    ("Vice Premier Zhou Minghui", "minister", True),
    ("Deputy Prime Minister Arkady Belyaev", "minister", True),
    ("Foreign ministry spokesperson Lin Xiaoyu", "spokesperson", True),
    ("Deputy Foreign Minister Anna Volkova", "deputy_minister", True),
    ("Chinese Ambassador to Russia Wu Tianhe", "diplomat", True),
    ("Central bank governor Pia Lund", "central_banker", True),
    ("Senator Mark Ellis", "legislator", True),
    ("Boris Kalin, head of Gazprom,", "business", False),
    ("Former finance minister Tor Vik", "other", False),
])
def test_roles_from_titles_and_gazetteer(nlp, subject, role, official):
    doc = run(nlp, f"{subject} said that the border would stay open.")
    s = quote_with(doc, "border would stay open").speaker
    assert (s.role, s.official) == (role, official)


# --- sources ------------------------------------------------------------------------
def test_footnote_marker_gives_outlet(nlp):
    text = ("Vladimir Putin said the partnership was \u201cstronger than ever.\u201d[1]\n\n"
            "[1] http://tass.ru/en/politics/1\n")
    start = text.index("[1] http")
    refs = {"[1]": Reference("[1]", "http://tass.ru/en/politics/1", "tass.ru", start, len(text) - 1)}
    doc = run(nlp, text, references=refs)
    q = quote_with(doc, "stronger than ever")
    assert q.source.marker == "[1]" and q.source.outlet == "TASS" and q.source.outlet_type == "state_media"
    assert q.source.url.startswith("http://tass.ru")


def test_marker_of_a_later_sentence_is_not_taken(nlp):
    text = "The minister said exports grew. Imports fell by a third.[2]"
    doc = run(nlp, text, references={})
    assert quote_with(doc, "exports grew").source is None


@pytest.mark.parametrize("text, outlet", [
    ("Dmitry Peskov told TASS that the meeting was useful.", "TASS"),
    ("Xinhua reported that the harvest had doubled.", "Xinhua"),
    ("In an interview with RIA Novosti, the minister said prices would stabilise.", "RIA Novosti"),
])
def test_inline_outlets(nlp, text, outlet):
    doc = run(nlp, text)
    q = doc._.quotes[0]
    assert q.source is not None and q.source.outlet == outlet and q.source.outlet_type == "state_media"


# --- voices ----------------------------------------------------------------------------
def test_voices_per_sentence(nlp):
    text = ("The harvest was poor this year. "
            "Agriculture minister Olga Fenn said that exports would double. "
            "Professor Dan Ruiz argued that the target was unrealistic. "
            "Few farmers will notice either claim.")
    doc = run(nlp, text)
    assert sentence_with(doc, "harvest was poor")._.voice == "commentary"
    official = sentence_with(doc, "exports would double")
    assert official._.voice == "official" and official._.speaker == "Olga Fenn" and official._.role == "minister"
    assert sentence_with(doc, "unrealistic")._.voice == "expert"
    assert sentence_with(doc, "Few farmers")._.voice == "commentary"


def test_stance_in_author_words_is_official(nlp):
    doc = run(nlp, "Meanwhile the Russian government maintains a wholly upbeat view of the trade figures.")
    q = quote_with(doc, "upbeat view")
    assert q.speaker.name == "Russian government" and q.speaker.official and not q.direct


def test_quote_sentence_kind(nlp):
    doc = run(nlp, "\u201cWe have never been closer to a deal than we are today,\u201d she said.")
    assert sentence_with(doc, "never been closer")._.kind == "quote"


def test_boilerplate_is_kept(nlp):
    text = ("The envoy said the talks went well.\n\n"
            "Image courtesy of the Press Service, some rights reserved.\n")
    analysis = analyze_text(text, "t", nlp=nlp)
    caption = next(s for s in analysis.sentences if "Image courtesy" in s.text)
    assert caption.voice == "boilerplate" and caption.speaker is None


# --- transcripts and speeches -------------------------------------------------------------
def test_speaker_turns(nlp):
    text = ("Vladimir Putin: Our trade will grow this year.\n\n"
            "Question: What about the rouble?\n\n"
            "PRESIDENT PUTIN: The rouble is stable.\n\n"
            "Note: the transcript was edited.\n")
    doc = run(nlp, text)
    first = quote_with(doc, "Our trade will grow")
    assert first.speaker.text == "Vladimir Putin" and first.speaker.role == "head_of_state" and first.cue.text == ":"
    assert quote_with(doc, "What about the rouble").speaker.text == "Question"
    third = quote_with(doc, "rouble is stable")
    assert third.speaker.name == "Vladimir Putin" and third.speaker.official
    assert not [q for q in doc._.quotes if "transcript was edited" in q.text]
    assert sentence_with(doc, "rouble is stable")._.voice == "official"


def test_speaker_from_meta():
    s = speaker_from_meta({"speaker": "Vladimir Putin"})
    assert (s.name, s.role, s.official, s.country) == ("Vladimir Putin", "head_of_state", True, "Russia")
    s = speaker_from_meta({"speaker": "Jane Roe", "role": "expert"})
    assert (s.name, s.role, s.official, s.start) == ("Jane Roe", "expert", False, None)
    assert speaker_from_meta({}) is None and speaker_from_meta(None) is None
    assert speaker_from_meta({"speaker": "  "}) is None


def test_whole_document_speech(nlp):
    text = "Our partnership is stronger than ever. Trade will reach new heights."
    analysis = analyze_text(text, "speech", meta={"speaker": "Li Keqiang", "role": "head_of_government"}, nlp=nlp)
    assert all(s.speaker == "Li Keqiang" and s.voice == "official" for s in analysis.sentences)
    assert analysis.summary["by_speaker"]["Li Keqiang"]["role"] == "head_of_government"


def test_unattributed_quotes_kept_on_request(nlp):
    from rhetoric.nlp.attribution import AttributionComponent

    text = "The crowd was loud.\n\n\u201cNobody here will ever forget what happened on this square today.\u201d\n"
    doc = nlp(prepare(nlp, text))
    assert not [q for q in doc._.quotes if "Nobody here" in q.text]
    component = AttributionComponent(keep_unattributed=True)
    doc = component(doc)
    q = quote_with(doc, "Nobody here")
    assert q.direct and q.speaker is None and q.cue is None


def test_transcript_turn_runs_over_paragraphs(nlp):
    text = ("Question: How is trade going?\n\n"
            "Vladimir Putin: Trade is growing.\n\n"
            "We expect more next year.\n\n"
            "Question: And investment?\n\n"
            "Vladimir Putin: Investment too.\n")
    doc = run(nlp, text)
    q = quote_with(doc, "Trade is growing")
    assert "more next year" in q.text and "And investment" not in q.text
    assert sentence_with(doc, "more next year")._.speaker == "Vladimir Putin"


def test_plural_titles_and_data_sources(nlp):
    doc = run(nlp, "Several economists warned that the target was out of reach. "
                   "Exports fell by a fifth, according to official customs data.")
    assert quote_with(doc, "out of reach").speaker.role == "expert"
    data = quote_with(doc, "Exports fell").speaker
    assert data.role == "other" and not data.official
    assert sentence_with(doc, "Exports fell")._.voice == "commentary"
